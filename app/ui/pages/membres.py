"""Membres: the persons of the directory, searched and filtered, and below the chosen one's mandate history.

Every edit (a person, a mandate, its end, a replacement) goes through `Contexte.executer`: Ctrl+Z takes it back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app import horloge
from app.erreurs import ErreurConnue
from app.modeles.enumerations import Qualite, TypeStructure
from app.services import annuaire
from app.services.annuaire_lecture import ChoixAnnuaire, EtatMandat, LignePersonne, lire_choix, lire_personnes
from app.ui.annuaire.dialogues_fiches import DialoguePersonne
from app.ui.annuaire.formulaire import combo_choix, de, id_de, remplir_choix
from app.ui.annuaire.historique import PanneauMandats
from app.ui.annuaire.modeles import modele_personnes
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
from app.ui.comite.champs import confirmer
from app.ui.contexte import Contexte
from app.ui.page import Page
from app.ui.tableau_lignes import FiltreLignes

TOUS_LES_COLLEGES = "Tous les collèges"
TOUTES_LES_INSTANCES = "Toutes les instances"
ETATS = (
    ("Tous les membres", None),
    ("Mandats en cours", EtatMandat.EN_COURS),
    ("Mandats terminés", EtatMandat.TERMINE),
    ("Mandats à venir", EtatMandat.A_VENIR),
)


def _accepte(
    personne: LignePersonne,
    college_id: int | None,
    instance_id: int | None,
    etat: EtatMandat | None,
    type_structure: TypeStructure | None = None,
) -> bool:
    """Whether the person's organisation and one of their mandates match every filter chosen (none: everybody)."""
    if type_structure is not None and personne.type_structure is not type_structure:
        return False
    if college_id is None and instance_id is None and etat is None:
        return True
    return any(
        (college_id is None or s.college_id == college_id)
        and (instance_id is None or s.instance_id == instance_id)
        and (etat is None or s.etat is etat)
        for s in personne.sieges
    )


class PageMembres(Page):
    titre = "Membres"

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(contexte, parent)
        self.choix = ChoixAnnuaire((), (), (), ())
        self.modele = modele_personnes(self)
        self.proxy = FiltreLignes(self.modele, self)

        self.recherche = champ_recherche("Rechercher un membre", "Nom, structure, fonction, courriel, collège…")
        self.filtre_college = combo_choix((), "Filtrer par collège", vide=TOUS_LES_COLLEGES)
        self.filtre_instance = combo_choix((), "Filtrer par instance", vide=TOUTES_LES_INSTANCES)
        self.filtre_etat = QComboBox()
        self.filtre_etat.setAccessibleName("Filtrer par état des mandats")
        for libelle, etat in ETATS:
            self.filtre_etat.addItem(libelle, etat.value if etat is not None else "")
        self.filtre_type = QComboBox()
        self.filtre_type.setAccessibleName("Filtrer par type de structure")
        self.filtre_type.addItem("Tous types de structure", "")
        for type_ in TypeStructure:
            self.filtre_type.addItem(type_.libelle, type_.value)
        infobulles = (
            "Les membres ayant un mandat dans ce collège",
            "Les membres ayant un mandat dans cette instance",
            "Les membres selon l'état de leurs mandats (en cours aujourd'hui, terminés, à venir)",
            "Les membres selon le type de leur structure",
        )
        self.filtres = (self.filtre_college, self.filtre_instance, self.filtre_etat, self.filtre_type)
        for combo, infobulle in zip(self.filtres, infobulles, strict=True):
            # Each combo says what it filters (« Tous les collèges »): no label, so that the row fits 1366 pixels
            # and long names (« Groupe de travail « … » ») cannot widen the page.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            # Wide enough for its « Tous … » (Qt counts in widths of « X »), never clipped at 150 %.
            metriques = combo.fontMetrics()
            combo.setMinimumContentsLength(
                1 + metriques.horizontalAdvance(combo.itemText(0)) // metriques.horizontalAdvance("X")
            )
            combo.setToolTip(infobulle)
        self.compte = QLabel()
        self.compte.setAccessibleName("Nombre de membres affichés")
        etiquette = QLabel("&Rechercher :")
        etiquette.setBuddy(self.recherche)
        filtres = QHBoxLayout()
        filtres.addWidget(etiquette)
        filtres.addWidget(self.recherche, 1)
        for combo in self.filtres:
            filtres.addSpacing(6)
            filtres.addWidget(combo)  # as wide as its « Tous … »: the search box takes the rest

        self.vue = creer_vue(self.proxy, "Liste des membres")
        ajuster_colonnes(self.vue, {0: 13, 1: 11, 3: 20, 4: 18, 5: 20, 6: 24, 7: 14}, etiree=2)
        self.bouton_ajouter = bouton("&Ajouter…", "ajouter", "Ajouter un membre")
        self.bouton_modifier = bouton("&Modifier…", "modifier", "Modifier la fiche du membre", "Ou double-clic")
        self.bouton_supprimer = bouton(
            "&Supprimer",
            "supprimer",
            "Supprimer la fiche du membre",
            "Touche Suppr ; pour une fiche saisie par erreur (qui a siégé garde sa fiche : terminez son mandat)",
        )
        boutons = rangee_de_boutons(
            self.bouton_ajouter, self.bouton_modifier, self.bouton_supprimer, droite=(self.compte,)
        )
        haut = QWidget()
        disposition_haut = QVBoxLayout(haut)
        disposition_haut.setContentsMargins(0, 0, 0, 0)
        disposition_haut.addWidget(self.vue, 1)
        disposition_haut.addLayout(boutons)

        self.mandats = PanneauMandats(contexte)
        self.separateur = QSplitter(Qt.Orientation.Vertical)
        self.separateur.setObjectName("separateur_membres")
        self.separateur.addWidget(haut)
        self.separateur.addWidget(self.mandats)
        self.separateur.setChildrenCollapsible(False)
        self.separateur.setStretchFactor(0, 3)
        self.separateur.setStretchFactor(1, 2)

        disposition = QVBoxLayout(self)
        disposition.addWidget(QLabel(f"<h2>{self.titre}</h2>"))
        disposition.addLayout(filtres)
        disposition.addWidget(self.separateur, 1)

        self.recherche.textChanged.connect(self._filtrer)
        for combo in self.filtres:
            combo.currentIndexChanged.connect(self._filtrer)
        self.vue.doubleClicked.connect(lambda _index: self.modifier())
        self.vue.selectionModel().selectionChanged.connect(self._selection_changee)
        raccourci(self.vue, QKeySequence.StandardKey.Delete, self.supprimer)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Return), self.modifier)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Enter), self.modifier)
        raccourci(self.recherche, QKeySequence(Qt.Key.Key_Down), self.vue.setFocus)
        self.bouton_ajouter.clicked.connect(self.ajouter)
        self.bouton_modifier.clicked.connect(self.modifier)
        self.bouton_supprimer.clicked.connect(self.supprimer)
        self.rafraichir()

    # --- reading and filtering -----------------------------------------------------------------------------

    def rafraichir(self) -> None:
        choisie = self.selection()
        jour = horloge.aujourdhui()

        def lire(session: Session) -> tuple[ChoixAnnuaire, tuple[LignePersonne, ...]]:
            return lire_choix(session), lire_personnes(session, jour)

        self.choix, personnes = self.contexte.lire(lire)
        remplir_choix(self.filtre_college, self.choix.colleges, vide=TOUS_LES_COLLEGES)
        remplir_choix(self.filtre_instance, self.choix.instances, vide=TOUTES_LES_INSTANCES)
        self.modele.definir(personnes)
        selectionner(self.vue, self.proxy, choisie)
        self._selection_changee()
        self._actualiser_compte()

    def rechercher(self) -> None:
        self.recherche.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.recherche.selectAll()

    def _filtrer(self) -> None:
        college_id, instance_id = id_de(self.filtre_college), id_de(self.filtre_instance)
        code = self.filtre_etat.currentData()
        etat = EtatMandat.de_code(code) if code else None
        code_type = self.filtre_type.currentData()
        type_ = TypeStructure.de_code(code_type) if code_type else None
        self.proxy.definir_recherche(self.recherche.text())
        self.proxy.definir_condition(lambda p: _accepte(p, college_id, instance_id, etat, type_))
        self._actualiser_compte()
        self._selection_changee()

    def _actualiser_compte(self) -> None:
        self.compte.setText(compte_affiche(self.proxy, "membre"))

    def selection(self) -> int | None:
        return identifiant_selectionne(self.vue, self.proxy)

    def personne(self) -> LignePersonne | None:
        return ligne_selectionnee(self.vue, self.proxy)

    def _selection_changee(self) -> None:
        personne = self.personne()
        ecriture = not self.contexte.base.lecture_seule
        self.bouton_ajouter.setEnabled(ecriture)
        self.bouton_modifier.setEnabled(ecriture and personne is not None)
        self.bouton_supprimer.setEnabled(ecriture and personne is not None)
        if personne is not self.mandats.personne or personne is None:
            self.mandats.afficher(personne, self.choix)

    def montrer(self, personne_id: int | None) -> None:
        """Select a person, clearing the filters if they hide them (someone just added, for example)."""
        if personne_id is not None and not selectionner(self.vue, self.proxy, personne_id):
            self.recherche.clear()
            for combo in self.filtres:
                combo.setCurrentIndex(0)
            selectionner(self.vue, self.proxy, personne_id)

    # --- editing -------------------------------------------------------------------------------------------

    def dialogue(self, personne: LignePersonne | None = None) -> DialoguePersonne:
        return DialoguePersonne(self.contexte, self.choix.structures, personne, self)

    def ajouter(self) -> None:
        if self.contexte.base.lecture_seule:
            return
        dialogue = self.dialogue()
        if not dialogue.exec():
            return
        self.montrer(dialogue.identifiant)
        if dialogue.mandat_ensuite.isChecked() and self.selection() == dialogue.identifiant:
            self.mandats.ajouter()

    def modifier(self) -> None:
        personne = self.personne()
        if personne is not None and not self.contexte.base.lecture_seule:
            self.dialogue(personne).exec()

    def supprimer(self) -> None:
        personne = self.personne()
        if personne is None or self.contexte.base.lecture_seule:
            return
        titre = "Supprimer un membre"
        try:
            motif = self.contexte.lire(lambda s: annuaire.motif_refus_suppression_personne(s, personne.id))
            if motif is not None:
                avertir(self, titre, motif)
                return
            mandats = len(personne.sieges)
            suite = "" if not mandats else f" et {'son mandat' if mandats == 1 else f'ses {mandats} mandats'}"
            question = (
                f"Supprimer la fiche {de(personne.nom_complet)}{suite} ? Supprimez seulement une fiche saisie par "
                "erreur : quand quelqu'un quitte le comité, terminez plutôt son mandat."
            )
            if not confirmer(self, titre, question, "&Supprimer"):
                return
            self.contexte.executer(
                f"Supprimer {personne.nom_complet}",
                faire=lambda s: annuaire.retirer_personne(s, personne.id),
                defaire=annuaire.retablir_personne,
                refaire=lambda s, r: annuaire.retirer_personne(s, r.fiche.id),
            )
        except ErreurConnue as erreur:
            avertir(self, titre, erreur)

    def preparer_pour_captures(self) -> None:
        # A member with a history (a mandate ended, one in progress) shows what the lower panel is for.
        lignes = self.modele.lignes
        choisie = next((p for p in lignes if p.en_fonction and len(p.sieges) > 1), lignes[0] if lignes else None)
        self.montrer(choisie.id if choisie is not None else None)

    def dialogues_pour_captures(self) -> list[tuple[str, QWidget]]:
        dialogues: list[tuple[str, QWidget]] = [("Nouveau membre", self.dialogue())]
        personne = self.personne() or next((p for p in self.modele.lignes if p.en_fonction), None)
        if personne is None:
            return dialogues
        dialogues.append(("Modifier un membre", self.dialogue(personne)))
        self.montrer(personne.id)
        mandats = self.mandats.modele.lignes
        dialogues.append(("Nouveau mandat", self.mandats.dialogue_mandat()))
        if mandats:
            dialogues.append(("Modifier un mandat", self.mandats.dialogue_mandat(mandats[-1])))
            dialogues.append(("Terminer un mandat", self.mandats.dialogue_fin(mandats[-1])))
            titulaire = next(
                (m for m in mandats if m.etat is EtatMandat.EN_COURS and m.qualite is Qualite.TITULAIRE), None
            )
            if titulaire is not None:
                dialogues.append(("Remplacer un membre", self.mandats.dialogue_remplacement(titulaire)))
        return dialogues
