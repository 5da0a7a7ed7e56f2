"""Recommandations: the register of written opinions `REC-AAAA-NNN`, filtered and searched; below, the chosen
text's steps and its detail in tabs (« Texte », « Versions », « Publication », « Documents »).

The list acts on the chosen text: a new draft, the deletion of a draft, and the steps of its workflow — submit,
back to draft, adopt at a held meeting of the ethics instance, the anonymisation sign-off by a second person,
publish (only once the gate is open: its reason is shown otherwise), withdraw. Every write goes through
`Contexte.executer`: Ctrl+Z takes it back.

Tabs follow the Séances page's protocol: a tab may define `afficher(recommandation_id: int | None)`, called when
the chosen text changes and after every change of the data.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app import horloge
from app.erreurs import ErreurConnue
from app.format_fr import date_longue, nombre
from app.modeles.enumerations import StatutRecommandation
from app.services import recommandations
from app.services.recommandations import EtatRecommandation
from app.services.recommandations_lecture import (
    ConstatLu,
    DetailRecommandation,
    LigneRecommandation,
    SaisineLiable,
    constats_anonymat,
    lire_detail,
    lire_recommandations,
    prochain_numero,
    saisines_liables,
)
from app.ui.annuaire.formulaire import id_de
from app.ui.annuaire.tableaux import (
    ajuster_colonnes,
    avertir,
    bouton,
    champ_recherche,
    compte_affiche,
    creer_vue,
    identifiant_selectionne,
    ligne_selectionnee,
    raccourci,
    rangee_de_boutons,
    selectionner,
)
from app.ui.attente import avec_attente
from app.ui.comite.champs import confirmer
from app.ui.contexte import Contexte
from app.ui.page import PageCreatrice
from app.ui.recommandations.dialogue_adoption import DialogueAdoption
from app.ui.recommandations.dialogue_anonymisation import DialogueAnonymisation
from app.ui.recommandations.dialogue_nouvelle import DialogueNouvelle
from app.ui.recommandations.dialogue_publication import DialoguePublication
from app.ui.recommandations.dialogue_retrait import DialogueRetrait
from app.ui.recommandations.modeles import COLONNE_NUMERO, modele_recommandations
from app.ui.recommandations.onglet_documents import OngletDocuments
from app.ui.recommandations.onglet_publication import OngletPublication
from app.ui.recommandations.onglet_texte import OngletTexte
from app.ui.recommandations.onglet_versions import OngletVersions
from app.ui.tableau_lignes import FiltreLignes

R = StatutRecommandation
TOUTES_LES_ANNEES = "Toutes les années"
TOUS_LES_STATUTS = "Tous les statuts"
COULEUR_REFUS = "#9a3412"


@runtime_checkable
class OngletRecommandation(Protocol):
    def afficher(self, recommandation_id: int | None) -> None: ...


# The steps' buttons: key → (text, accessible name, tooltip).
ETAPES: dict[str, tuple[str, str, str]] = {
    "soumettre": (
        "Sou&mettre",
        "Soumettre le texte choisi",
        "Le projet est prêt : il est soumis à l'instance éthique pour adoption",
    ),
    "projet": ("Remettre en pro&jet", "Remettre le texte en projet", "Le texte soumis revient en rédaction"),
    "adopter": (
        "Ado&pter…",
        "Adopter le texte choisi",
        "Enregistrer son adoption à une séance tenue de l'instance éthique",
    ),
    "anonymisation": (
        "&Valider l'anonymisation…",
        "Valider l'anonymisation du texte choisi",
        "Une deuxième personne, autre que l'auteur de la dernière version, confirme que le texte n'identifie personne",
    ),
    "publier": ("Pu&blier…", "Publier le texte choisi", "Le texte adopté est rendu public"),
    "retirer": ("Re&tirer…", "Retirer le texte choisi", "Le texte quitte le circuit ; il reste au registre"),
}


class PageRecommandations(PageCreatrice):
    titre = "Recommandations"
    recommandation_choisie = Signal(object)  # int | None

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(contexte, parent)
        self.modele = modele_recommandations(self)
        self.proxy = FiltreLignes(self.modele, self)
        self.detail: DetailRecommandation | None = None
        self.choix: tuple[SaisineLiable, ...] = ()
        self._seances: list[tuple[int, str]] = []
        self._en_lecture = False
        self._premiere_lecture = True
        self._affichee: int | None = None

        self.recherche = champ_recherche("Rechercher un texte", "Numéro, titre, saisine, thème…")
        self.filtre_annee = QComboBox()
        self.filtre_annee.setAccessibleName("Filtrer par année")
        self.filtre_annee.addItem(TOUTES_LES_ANNEES, None)
        self.filtre_annee.setToolTip("Les textes de cette année")
        self.filtre_statut = QComboBox()
        self.filtre_statut.setAccessibleName("Filtrer par statut")
        self.filtre_statut.addItem(TOUS_LES_STATUTS, "")
        for statut in R:
            self.filtre_statut.addItem(statut.libelle, statut.value)
        self.filtre_statut.setToolTip("Les textes à ce statut")
        self.filtres = (self.filtre_annee, self.filtre_statut)
        etiquette = QLabel("&Rechercher :")
        etiquette.setBuddy(self.recherche)
        filtres = QHBoxLayout()
        filtres.addWidget(etiquette)
        filtres.addWidget(self.recherche, 1)
        for combo in self.filtres:
            filtres.addSpacing(6)
            filtres.addWidget(combo)

        self.vue = creer_vue(self.proxy, "Liste des recommandations", colonne_tri=COLONNE_NUMERO)
        self.vue.sortByColumn(COLONNE_NUMERO, Qt.SortOrder.DescendingOrder)  # the latest on top
        ajuster_colonnes(self.vue, {0: 13, 1: 22, 3: 16, 4: 9, 5: 11, 6: 11}, etiree=2)
        # The last header is longer than its « Oui » / « Non »: measured, so that it reads whole.
        entete = self.vue.horizontalHeader()
        self.vue.setColumnWidth(7, entete.fontMetrics().horizontalAdvance("Publication autorisée") + 24)
        self.compte = QLabel()
        self.compte.setAccessibleName("Nombre de textes affichés")
        self.bouton_ajouter = bouton("&Nouvelle…", "ajouter", "Nouveau texte", "Ctrl+N : un nouveau projet d'avis")
        self.bouton_supprimer = bouton(
            "&Supprimer…",
            "supprimer",
            "Supprimer le texte choisi",
            "Touche Suppr ; seulement un projet : un texte soumis ou adopté reste au registre",
        )
        boutons = rangee_de_boutons(self.bouton_ajouter, self.bouton_supprimer, droite=(self.compte,))
        haut = QWidget()
        disposition_haut = QVBoxLayout(haut)
        disposition_haut.setContentsMargins(0, 0, 0, 0)
        disposition_haut.addWidget(self.vue, 1)
        disposition_haut.addLayout(boutons)

        self.etat = QLabel()
        self.etat.setAccessibleName("Statut du texte choisi")
        self.boutons_etape: dict[str, QPushButton] = {}
        etapes = QHBoxLayout()
        etapes.addWidget(self.etat)
        etapes.addSpacing(12)
        for cle, (texte, nom, infobulle) in ETAPES.items():
            self.boutons_etape[cle] = bouton(texte, None, nom, infobulle)
            self.boutons_etape[cle].clicked.connect(lambda _coche=False, cle=cle: self.etape(cle))
            etapes.addWidget(self.boutons_etape[cle])
        etapes.addStretch(1)
        self.refus = QLabel()
        self.refus.setWordWrap(True)
        self.refus.setAccessibleName("Pourquoi le texte ne peut pas encore être publié")
        self.refus.setStyleSheet(f"color: {COULEUR_REFUS};")
        self.onglets = QTabWidget()
        self.onglets.setAccessibleName("Détail du texte")
        bas = QWidget()
        disposition_bas = QVBoxLayout(bas)
        disposition_bas.setContentsMargins(0, 6, 0, 0)
        disposition_bas.setSpacing(4)
        disposition_bas.addLayout(etapes)
        disposition_bas.addWidget(self.refus)
        disposition_bas.addWidget(self.onglets, 1)

        self.separateur = QSplitter(Qt.Orientation.Vertical)
        self.separateur.setObjectName("separateur_recommandations")
        self.separateur.addWidget(haut)
        self.separateur.addWidget(bas)
        self.separateur.setChildrenCollapsible(False)
        self.separateur.setStretchFactor(0, 2)
        self.separateur.setStretchFactor(1, 3)
        self.separateur.setSizes([300, 600])  # the text needs the room, until the user moves it

        disposition = QVBoxLayout(self)
        disposition.addWidget(QLabel(f"<h2>{self.titre}</h2>"))
        disposition.addLayout(filtres)
        disposition.addWidget(self.separateur, 1)

        self.recherche.textChanged.connect(self._filtrer)
        for combo in self.filtres:
            combo.currentIndexChanged.connect(self._filtrer)
        self.vue.doubleClicked.connect(lambda _index: self.ecrire())
        self.vue.selectionModel().selectionChanged.connect(self._selection_changee)
        raccourci(self.vue, QKeySequence.StandardKey.Delete, self.supprimer)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Return), self.ecrire)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Enter), self.ecrire)
        raccourci(self.recherche, QKeySequence(Qt.Key.Key_Down), self.vue.setFocus)
        self.bouton_ajouter.clicked.connect(self.nouvelle)
        self.bouton_supprimer.clicked.connect(self.supprimer)

        self.texte = OngletTexte(contexte)
        self.versions = OngletVersions(contexte)
        self.publication = OngletPublication(contexte)
        self.documents = OngletDocuments(contexte)
        self.ajouter_onglet(self.texte, "Texte")
        self.ajouter_onglet(self.versions, "Versions")
        self.ajouter_onglet(self.publication, "Publication")
        self.ajouter_onglet(self.documents, "Documents")
        self.rafraichir()

    # --- the detail's tabs -----------------------------------------------------------------------------------

    def ajouter_onglet(self, widget: QWidget, titre: str) -> int:
        rang = self.onglets.addTab(widget, titre)
        if isinstance(widget, OngletRecommandation):
            widget.afficher(self.recommandation_selectionnee())
        return rang

    def imprimer(self) -> bool:
        """Fichier › Imprimer (Ctrl+P): the preview (then printing) of the chosen text as an avis."""
        return self.documents.imprimer()

    def modifications_en_cours(self) -> bool:
        """Asked before the window closes or changes base: a text being typed is saved rather than lost; only one
        the service refuses (the message says why) is reported as unsaved."""
        return self.texte.modifie() and not self.texte.enregistrer()

    def _afficher_onglets(self) -> None:
        recommandation_id = self._affichee = self.recommandation_selectionnee()
        for rang in range(self.onglets.count()):
            onglet = self.onglets.widget(rang)
            if isinstance(onglet, OngletRecommandation):
                onglet.afficher(recommandation_id)
        self.recommandation_choisie.emit(recommandation_id)

    # --- reading and filtering -------------------------------------------------------------------------------

    def rafraichir(self) -> None:
        choisie = self.recommandation_selectionnee()

        def lire(session: Session) -> tuple[tuple[LigneRecommandation, ...], tuple[SaisineLiable, ...]]:
            return lire_recommandations(session), saisines_liables(session)

        lignes, self.choix = self.contexte.lire(lire)
        self._en_lecture = True
        try:
            annees = sorted({r.annee for r in lignes}, reverse=True)
            self._remplir(self.filtre_annee, [(str(a), a) for a in annees])
            self.modele.definir(lignes)
            if self._premiere_lecture or choisie is None:
                # The latest text (the list's top row), the one the secretary is most likely working on.
                choisie = lignes[0].id if lignes else None
                self._premiere_lecture = False
            selectionner(self.vue, self.proxy, choisie)
        finally:
            self._en_lecture = False
        self._selection_changee()
        self._actualiser_compte()

    @staticmethod
    def _remplir(combo: QComboBox, elements: list[tuple[str, int]]) -> None:
        avant = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for texte, valeur in elements:
            combo.addItem(texte, valeur)
        rang = combo.findData(avant) if avant is not None else 0
        combo.setCurrentIndex(max(rang, 0))
        combo.blockSignals(False)

    def rechercher(self) -> None:
        self.recherche.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.recherche.selectAll()

    def _filtrer(self) -> None:
        annee = id_de(self.filtre_annee)
        code = self.filtre_statut.currentData()
        statut = R.de_code(code) if code else None

        def accepte(r: LigneRecommandation) -> bool:
            return (annee is None or r.annee == annee) and (statut is None or r.statut is statut)

        self.proxy.definir_recherche(self.recherche.text())
        self.proxy.definir_condition(None if annee is None and statut is None else accepte)
        self._actualiser_compte()
        if self.recommandation_selectionnee() != self._affichee:
            self._selection_changee()

    def _actualiser_compte(self) -> None:
        self.compte.setText(compte_affiche(self.proxy, "texte"))

    def recommandation_selectionnee(self) -> int | None:
        return identifiant_selectionne(self.vue, self.proxy)

    def ligne(self) -> LigneRecommandation | None:
        return ligne_selectionnee(self.vue, self.proxy)

    def _selection_changee(self) -> None:
        if self._en_lecture:
            return
        identifiant = self.recommandation_selectionnee()

        def lire(session: Session) -> tuple[DetailRecommandation | None, list[tuple[int, str]]]:
            detail = lire_detail(session, identifiant) if identifiant is not None else None
            return detail, recommandations.seances_d_adoption(session, identifiant)

        try:
            self.detail, self._seances = self.contexte.lire(lire)
        except ErreurConnue:
            self.detail, self._seances = None, []
        self._actualiser_boutons()
        self._afficher_onglets()

    def _actualiser_boutons(self) -> None:
        d = self.detail
        ecriture = not self.contexte.base.lecture_seule
        self.bouton_ajouter.setEnabled(ecriture)
        self.bouton_supprimer.setEnabled(ecriture and d is not None)
        if d is None:
            self.etat.setText("<b>Aucun texte choisi</b>")
        else:
            self.etat.setText(f"<b>{d.numero}</b> · {d.statut.libelle.lower()}")
        transitions = d.transitions if d is not None else ()
        visibles = {
            "soumettre": R.SOUMISE in transitions,
            "projet": R.PROJET in transitions,
            "adopter": R.ADOPTEE in transitions,
            # The sign-off is about the text to publish: from its submission until its publication.
            "anonymisation": d is not None and d.statut in (R.SOUMISE, R.ADOPTEE),
            "publier": R.PUBLIEE in transitions,
            "retirer": R.RETIREE in transitions,
        }
        for cle, b in self.boutons_etape.items():
            b.setVisible(visibles[cle])
            b.setEnabled(ecriture and visibles[cle])
            b.setToolTip(ETAPES[cle][2])
        adopter = self.boutons_etape["adopter"]
        if visibles["adopter"] and not self._seances:
            adopter.setEnabled(False)
            adopter.setToolTip("Aucune séance tenue de l'instance éthique : un texte s'adopte à une séance tenue")
        anonymisation = self.boutons_etape["anonymisation"]
        if d is not None and d.anonymisation_validee_par:
            le = f" le {date_longue(d.anonymisation_validee_le)}" if d.anonymisation_validee_le else ""
            anonymisation.setEnabled(False)
            anonymisation.setToolTip(f"Anonymisation validée par {d.anonymisation_validee_par}{le}")
        publier = self.boutons_etape["publier"]
        refus = d.motif_refus_publication if d is not None and visibles["publier"] else None
        if refus:
            publier.setEnabled(False)
            publier.setToolTip(refus)
        self.refus.setText(f"⚠ {refus}" if refus else "")  # the sign says it too, not the colour alone
        self.refus.setVisible(bool(refus))

    def montrer(self, recommandation_id: int | None) -> None:
        """Select a text, clearing the filters if they hide it (one just created, for example)."""
        if recommandation_id is not None and not selectionner(self.vue, self.proxy, recommandation_id):
            self.recherche.clear()
            for combo in self.filtres:
                combo.setCurrentIndex(0)
            selectionner(self.vue, self.proxy, recommandation_id)

    def ecrire(self) -> None:
        """Entrée or a double click on a row: to its text, the cursor in it."""
        if self.detail is None:
            return
        self.onglets.setCurrentWidget(self.texte)
        self.texte.editeur.zone.setFocus()

    # --- creating and deleting -------------------------------------------------------------------------------

    def dialogue_nouvelle(self) -> DialogueNouvelle:
        annee = horloge.aujourdhui().year
        prochain = self.contexte.lire(lambda s: prochain_numero(s, annee))
        dialogue = DialogueNouvelle(self.contexte, self.choix, prochain, self)
        dialogue.accepted.connect(lambda: self._apres_creation(dialogue.identifiant))
        return dialogue

    def _apres_creation(self, identifiant: int | None) -> None:
        self.montrer(identifiant)
        self.ecrire()

    def nouvelle(self) -> None:
        if not self.contexte.base.lecture_seule:
            self.dialogue_nouvelle().exec()

    def supprimer(self) -> None:
        d = self.detail
        if d is None or self.contexte.base.lecture_seule:
            return
        titre = "Supprimer un texte"
        if d.statut is not R.PROJET:
            avertir(
                self,
                titre,
                f"{d.numero} est « {d.statut.libelle.lower()} » : elle reste au registre. "
                "Un texte qui n'aboutira pas se retire (bouton « Retirer… »).",
            )
            return
        versions = "sa version" if d.derniere_version <= 1 else f"ses {nombre(d.derniere_version)} versions"
        question = (
            f"Supprimer le projet {d.numero} « {d.fiche.titre} » et {versions} ? "
            "Supprimez seulement un texte créé par erreur : son numéro ne sera pas attribué de nouveau."
        )
        if not confirmer(self, titre, question, "&Supprimer"):
            return
        recommandation_id, numero = d.fiche.id, d.numero

        def faire(session: Session) -> recommandations.RecommandationSupprimee:
            return recommandations.supprimer_recommandation(session, recommandation_id)

        def defaire(session: Session, copie: recommandations.RecommandationSupprimee) -> None:
            recommandations.restaurer_suppression(session, copie)  # same id, number and versions

        def refaire(
            session: Session, copie: recommandations.RecommandationSupprimee
        ) -> recommandations.RecommandationSupprimee:
            return recommandations.supprimer_recommandation(session, copie.id)

        try:
            self.contexte.executer(f"Supprimer le projet {numero}", faire=faire, defaire=defaire, refaire=refaire)
        except ErreurConnue as erreur:
            avertir(self, titre, erreur)

    # --- the workflow ----------------------------------------------------------------------------------------

    def etape(self, cle: str) -> None:
        d = self.detail
        b = self.boutons_etape[cle]
        if d is None or self.contexte.base.lecture_seule or not (b.isVisible() and b.isEnabled()):
            return
        if cle == "soumettre":
            self._passer(d, f"Soumettre {d.numero}", recommandations.soumettre)
        elif cle == "projet":
            self._passer(d, f"Remettre {d.numero} en projet", recommandations.remettre_en_projet)
        elif cle == "adopter":
            self.dialogue_adoption(d).exec()
        elif cle == "anonymisation":
            dialogue = self.dialogue_anonymisation(d)
            if dialogue is not None:
                dialogue.exec()
        elif cle == "publier":
            self.dialogue_publication(d).exec()
        elif cle == "retirer":
            self.dialogue_retrait(d).exec()

    def _passer(self, d: DetailRecommandation, libelle: str, action: _Etape) -> None:
        recommandation_id = d.fiche.id
        try:
            self.contexte.executer(
                libelle,
                faire=lambda s: action(s, recommandation_id),
                defaire=recommandations.restaurer_recommandation,
                refaire=lambda s, _avant: action(s, recommandation_id),
            )
        except ErreurConnue as erreur:
            avertir(self, libelle, erreur)

    def dialogue_adoption(self, d: DetailRecommandation) -> DialogueAdoption:
        return DialogueAdoption(self.contexte, d, self._seances, self)

    def dialogue_anonymisation(self, d: DetailRecommandation) -> DialogueAnonymisation | None:
        """The sign-off dialog, with what the automatic check finds now (its model loads the first time)."""
        constats: tuple[ConstatLu, ...] | None = avec_attente(
            self, ETAPES["anonymisation"][1], lambda: self.contexte.lire(lambda s: constats_anonymat(s, d.fiche.id))
        )
        return None if constats is None else DialogueAnonymisation(self.contexte, d, constats, self)

    def dialogue_publication(self, d: DetailRecommandation) -> DialoguePublication:
        return DialoguePublication(self.contexte, d, self)

    def dialogue_retrait(self, d: DetailRecommandation) -> DialogueRetrait:
        return DialogueRetrait(self.contexte, d, self)

    # --- review captures -------------------------------------------------------------------------------------

    def _detail(self, recommandation_id: int) -> DetailRecommandation:
        return self.contexte.lire(lambda s: lire_detail(s, recommandation_id))

    def preparer_pour_captures(self) -> None:
        # An adopted text waiting for publication shows the gate; else the latest.
        lignes = self.modele.lignes
        adoptee = next((r for r in lignes if r.statut is R.ADOPTEE), None)
        choisie = adoptee or (lignes[0] if lignes else None)
        self.montrer(choisie.id if choisie is not None else None)

    def dialogues_pour_captures(self) -> list[tuple[str, QWidget]]:
        dialogues: list[tuple[str, QWidget]] = [("Nouveau texte", self.dialogue_nouvelle())]
        lignes = self.modele.lignes

        def premiere(*statuts: StatutRecommandation) -> DetailRecommandation | None:
            ligne = next((r for r in lignes if r.statut in statuts), None)
            return self._detail(ligne.id) if ligne is not None else None

        soumise = premiere(R.SOUMISE) or premiere(R.PROJET)
        if soumise is not None:
            dialogues.append(("Adoption", self.dialogue_adoption(soumise)))
            dialogues.append(("Retrait", self.dialogue_retrait(soumise)))
        adoptee = premiere(R.ADOPTEE) or premiere(R.PUBLIEE) or soumise
        if adoptee is not None:
            anonymisation = self.dialogue_anonymisation(adoptee)
            if anonymisation is not None:
                dialogues.append(("Validation de l'anonymisation", anonymisation))
            dialogues.append(("Publication", self.dialogue_publication(adoptee)))
        return dialogues


class _Etape(Protocol):
    def __call__(self, session: Session, recommandation_id: int, /) -> EtatRecommandation: ...
