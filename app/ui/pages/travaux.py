"""Travaux et diffusion: what the committee produced within its missions (guides, notes, diagnostics, events…),
filtered by year and kind and searched; below, the chosen production in tabs (« Production », « Diffusions »,
« Fichier »). A second part lists the exchanges with the HCTS, both ways, with what was done with each.

Ctrl+N creates a production or an exchange, after the part shown. Every write goes through `Contexte.executer`:
Ctrl+Z takes it back. Tabs follow the Séances page's protocol: `afficher(production_id: int | None)`.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.format_fr import nombre
from app.modeles.enumerations import TypeProduction
from app.services import productions
from app.services.annuaire_lecture import Choix
from app.services.productions_lecture import (
    LigneProduction,
    choix_instances,
    choix_recommandations,
    lire_productions,
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
from app.ui.comite.champs import combo_enum, confirmer, valeur_enum
from app.ui.contexte import Contexte
from app.ui.page import PageCreatrice
from app.ui.tableau_lignes import FiltreLignes
from app.ui.travaux.diffusions import OngletDiffusions
from app.ui.travaux.echanges import PartieEchanges
from app.ui.travaux.fichier import OngletFichier
from app.ui.travaux.modeles import COLONNE_DATE, modele_productions
from app.ui.travaux.production import DialogueProduction, OngletProduction

TOUTES_LES_ANNEES = "Toutes les années"
TOUS_LES_TYPES = "Tous les types"


@runtime_checkable
class OngletTravaux(Protocol):
    def afficher(self, production_id: int | None) -> None: ...


class PageTravaux(PageCreatrice):
    titre = "Travaux et diffusion"

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(contexte, parent)
        self.modele = modele_productions(self)
        self.proxy = FiltreLignes(self.modele, self)
        self._en_lecture = False
        self._premiere_lecture = True
        self._affichee: int | None = None

        self.recherche = champ_recherche("Rechercher une production", "Titre, type, mission, instance…")
        self.filtre_annee = QComboBox()
        self.filtre_annee.setAccessibleName("Filtrer les productions par année")
        self.filtre_annee.addItem(TOUTES_LES_ANNEES, None)
        self.filtre_type = combo_enum(TypeProduction, "Filtrer les productions par type", vide=TOUS_LES_TYPES)
        # Some kinds are long (« Contribution au schéma régional… »): the combo need not be, the search box gains.
        self.filtre_type.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.filtre_type.setMinimumContentsLength(24)
        self.filtres = (self.filtre_annee, self.filtre_type)
        etiquette = QLabel("&Rechercher :")
        etiquette.setBuddy(self.recherche)
        filtres = QHBoxLayout()
        filtres.addWidget(etiquette)
        filtres.addWidget(self.recherche, 1)
        for combo in self.filtres:
            filtres.addSpacing(6)
            filtres.addWidget(combo)

        self.vue = creer_vue(self.proxy, "Liste des productions", colonne_tri=COLONNE_DATE)
        self.vue.sortByColumn(COLONNE_DATE, Qt.SortOrder.DescendingOrder)  # the latest on top
        ajuster_colonnes(self.vue, {0: 11, 1: 27, 3: 26, 4: 20, 5: 10, 6: 18}, etiree=2)
        self.compte = QLabel()
        self.compte.setAccessibleName("Nombre de productions affichées")
        self.bouton_ajouter = bouton("&Nouvelle…", "ajouter", "Nouvelle production", "Ctrl+N : une nouvelle production")
        self.bouton_supprimer = bouton(
            "&Supprimer…", "supprimer", "Supprimer la production choisie", "Touche Suppr ; Ctrl+Z la remet"
        )
        haut = QWidget()
        disposition_haut = QVBoxLayout(haut)
        disposition_haut.setContentsMargins(0, 0, 0, 0)
        disposition_haut.addLayout(filtres)
        disposition_haut.addWidget(self.vue, 1)
        disposition_haut.addLayout(rangee_de_boutons(self.bouton_ajouter, self.bouton_supprimer, droite=(self.compte,)))

        self.etat = QLabel()
        self.etat.setAccessibleName("Production choisie")
        self.etat.setTextFormat(Qt.TextFormat.PlainText)
        self.onglets = QTabWidget()
        self.onglets.setAccessibleName("Détail de la production")
        bas = QWidget()
        disposition_bas = QVBoxLayout(bas)
        disposition_bas.setContentsMargins(0, 6, 0, 0)
        disposition_bas.setSpacing(4)
        disposition_bas.addWidget(self.etat)
        disposition_bas.addWidget(self.onglets, 1)

        self.separateur = QSplitter(Qt.Orientation.Vertical)
        self.separateur.setObjectName("separateur_travaux")
        self.separateur.addWidget(haut)
        self.separateur.addWidget(bas)
        self.separateur.setChildrenCollapsible(False)
        self.separateur.setStretchFactor(0, 2)
        self.separateur.setStretchFactor(1, 3)
        self.separateur.setSizes([360, 440])

        self.echanges = PartieEchanges(contexte)
        self.parties = QTabWidget()
        self.parties.setAccessibleName("Productions ou échanges avec le HCTS")
        self.parties.addTab(self.separateur, "Productions")
        self.parties.addTab(self.echanges, "Échanges avec le HCTS")

        disposition = QVBoxLayout(self)
        disposition.addWidget(QLabel(f"<h2>{self.titre}</h2>"))
        disposition.addWidget(self.parties, 1)

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

        self.production = OngletProduction(contexte)
        self.diffusions = OngletDiffusions(contexte)
        self.fichier = OngletFichier(contexte)
        self.onglets.addTab(self.production, "Production")
        self.onglets.addTab(self.diffusions, "Diffusions")
        self.onglets.addTab(self.fichier, "Fichier")
        self.rafraichir()

    # --- reading and filtering -------------------------------------------------------------------------------

    def rafraichir(self) -> None:
        choisie = self.production_selectionnee()
        lignes = self.contexte.lire(lire_productions)
        self._en_lecture = True
        try:
            avant = self.filtre_annee.currentData()
            self.filtre_annee.blockSignals(True)
            while self.filtre_annee.count() > 1:
                self.filtre_annee.removeItem(1)
            for annee in sorted({p.annee for p in lignes}, reverse=True):
                self.filtre_annee.addItem(str(annee), annee)
            rang = self.filtre_annee.findData(avant) if avant is not None else 0
            self.filtre_annee.setCurrentIndex(max(rang, 0))
            self.filtre_annee.blockSignals(False)
            self.modele.definir(lignes)
            if self._premiere_lecture or choisie is None:
                premiere = self.proxy.index(0, 0)
                choisie = self.proxy.identifiant(premiere) if premiere.isValid() else None
                self._premiere_lecture = False
            selectionner(self.vue, self.proxy, choisie)
        finally:
            self._en_lecture = False
        self._actualiser_compte()
        self._selection_changee()
        self.echanges.rafraichir()

    def rechercher(self) -> None:
        champ = self.recherche if self.parties.currentWidget() is self.separateur else self.echanges.recherche
        champ.setFocus(Qt.FocusReason.ShortcutFocusReason)
        champ.selectAll()

    def _filtrer(self) -> None:
        annee = id_de(self.filtre_annee)
        type_ = valeur_enum(self.filtre_type, TypeProduction)

        def accepte(p: LigneProduction) -> bool:
            return (annee is None or p.annee == annee) and (type_ is None or p.type is type_)

        self.proxy.definir_recherche(self.recherche.text())
        self.proxy.definir_condition(None if annee is None and type_ is None else accepte)
        self._actualiser_compte()
        if self.production_selectionnee() != self._affichee:
            self._selection_changee()

    def _actualiser_compte(self) -> None:
        self.compte.setText(compte_affiche(self.proxy, "production"))

    def production_selectionnee(self) -> int | None:
        return identifiant_selectionne(self.vue, self.proxy)

    def ligne(self) -> LigneProduction | None:
        return ligne_selectionnee(self.vue, self.proxy)

    def _selection_changee(self) -> None:
        if self._en_lecture:
            return
        ligne = self.ligne()
        self._affichee = ligne.id if ligne is not None else None
        ecriture = not self.contexte.base.lecture_seule
        self.bouton_ajouter.setEnabled(ecriture)
        self.bouton_supprimer.setEnabled(ecriture and ligne is not None)
        self.etat.setText(f"{ligne.type.libelle} · {ligne.titre}" if ligne is not None else "Aucune production choisie")
        for rang in range(self.onglets.count()):
            onglet = self.onglets.widget(rang)
            if isinstance(onglet, OngletTravaux):
                onglet.afficher(self._affichee)

    def montrer(self, production_id: int | None) -> None:
        """Select a production, clearing the filters if they hide it (one just created, for example)."""
        self.parties.setCurrentWidget(self.separateur)
        if production_id is not None and not selectionner(self.vue, self.proxy, production_id):
            self.recherche.clear()
            for combo in self.filtres:
                combo.setCurrentIndex(0)
            selectionner(self.vue, self.proxy, production_id)

    def ecrire(self) -> None:
        """Entrée or a double click on a row: to its form, the cursor in its title."""
        if self.ligne() is None:
            return
        self.onglets.setCurrentWidget(self.production)
        self.production.champs.titre.setFocus()

    def modifications_en_cours(self) -> bool:
        """Asked before the window closes or changes base: a form being typed is saved rather than lost; only
        one the service refuses (the message says why) is reported as unsaved."""
        return self.production.modifie() and not self.production.enregistrer()

    # --- creating and deleting -------------------------------------------------------------------------------

    def _choix(self) -> tuple[tuple[Choix, ...], tuple[Choix, ...]]:
        def lire(session: Session) -> tuple[tuple[Choix, ...], tuple[Choix, ...]]:
            return choix_instances(session), choix_recommandations(session)

        return self.contexte.lire(lire)

    def dialogue_nouvelle(self) -> DialogueProduction:
        instances, recommandations = self._choix()
        dialogue = DialogueProduction(self.contexte, instances, recommandations, self)
        dialogue.accepted.connect(lambda: self.montrer(dialogue.identifiant))
        return dialogue

    def nouvelle(self) -> None:
        if self.contexte.base.lecture_seule:
            return
        if self.parties.currentWidget() is self.echanges:
            self.echanges.nouveau()
        else:
            self.dialogue_nouvelle().exec()

    def supprimer(self) -> None:
        ligne = self.ligne()
        if ligne is None or self.contexte.base.lecture_seule:
            return
        titre = "Supprimer une production"
        avec = []
        if ligne.diffusions:
            avec.append(f"{nombre(ligne.diffusions)} diffusion{'s' if ligne.diffusions > 1 else ''}")
        if ligne.fichiers:
            avec.append(f"{nombre(ligne.fichiers)} fichier{'s' if ligne.fichiers > 1 else ''}")
        suite = f" avec {' et '.join(avec)}" if avec else ""
        question = f"Supprimer « {ligne.titre} »{suite} ? Ctrl+Z la remet."
        if not confirmer(self, titre, question, "&Supprimer"):
            return
        identifiant = ligne.id
        try:
            self.contexte.executer(
                f"Supprimer la production « {ligne.titre} »",
                faire=lambda s: productions.supprimer_production(s, identifiant),
                defaire=productions.restaurer_production,
                refaire=lambda s, copie: productions.supprimer_production(s, copie.id),
            )
        except ErreurConnue as erreur:
            avertir(self, titre, erreur)

    # --- review captures -------------------------------------------------------------------------------------

    def preparer_pour_captures(self) -> None:
        # The production with the most diffusions tells the most (the captures go through every tab).
        lignes = self.modele.lignes
        choisie = max(lignes, key=lambda p: (p.diffusions, p.date), default=None)
        self.montrer(choisie.id if choisie is not None else None)
        self.onglets.setCurrentWidget(self.production)

    def dialogues_pour_captures(self) -> list[tuple[str, QWidget]]:
        dialogues: list[tuple[str, QWidget]] = [("Nouvelle production", self.dialogue_nouvelle())]
        ajout = self.diffusions.dialogue_ajout()
        if ajout is not None:
            dialogues.append(("Nouvelle diffusion", ajout))
        if self.diffusions.modele.lignes:
            selectionner(self.diffusions.vue, self.diffusions.proxy, self.diffusions.modele.lignes[0].id)
            modification = self.diffusions.dialogue_modification()
            if modification is not None:
                dialogues.append(("Modifier la diffusion", modification))
        dialogues.append(("Nouvel échange avec le HCTS", self.echanges.dialogue_nouveau()))
        escalade = next((e for e in self.echanges.modele.lignes if e.escalade), None)
        recu = next((e for e in self.echanges.modele.lignes if not e.escalade and e.suite_donnee), None)
        for nom, echange in (("Modifier un échange reçu du HCTS", recu), ("Suite d'un envoi de saisine", escalade)):
            if echange is not None and selectionner(self.echanges.vue, self.echanges.proxy, echange.id):
                dialogue = self.echanges.dialogue_modification()
                if dialogue is not None:
                    dialogues.append((nom, dialogue))
        return dialogues
