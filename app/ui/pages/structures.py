"""Structures: the organisations of the committee, searched and filtered by type; add, edit, delete (undoable)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.erreurs import ErreurConnue
from app.modeles.enumerations import TypeStructure
from app.services import annuaire
from app.services.annuaire_lecture import LigneStructure, lire_structures
from app.ui.annuaire.dialogues_fiches import DialogueStructure
from app.ui.annuaire.modeles import modele_structures
from app.ui.annuaire.tableaux import (
    ajuster_colonnes,
    avertir,
    bouton,
    champ_recherche,
    compte_affiche,
    creer_vue,
    identifiant_selectionne,
    raccourci,
    rangee_de_boutons,
    selectionner,
)
from app.ui.comite.champs import confirmer
from app.ui.contexte import Contexte
from app.ui.page import Page
from app.ui.tableau_lignes import FiltreLignes


class PageStructures(Page):
    titre = "Structures"

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(contexte, parent)
        self.modele = modele_structures(self)
        self.proxy = FiltreLignes(self.modele, self)

        self.recherche = champ_recherche("Rechercher une structure", "Nom ou type de structure…")
        etiquette = QLabel("&Rechercher :")
        etiquette.setBuddy(self.recherche)
        self.filtre_type = QComboBox()
        self.filtre_type.setAccessibleName("Filtrer par type de structure")
        self.filtre_type.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.filtre_type.setMinimumContentsLength(12)
        self.filtre_type.addItem("Tous les types", "")
        for type_ in TypeStructure:
            self.filtre_type.addItem(type_.libelle, type_.value)
        etiquette_type = QLabel("T&ype :")
        etiquette_type.setBuddy(self.filtre_type)
        self.compte = QLabel()
        self.compte.setAccessibleName("Nombre de structures affichées")
        filtres = QHBoxLayout()
        filtres.addWidget(etiquette)
        filtres.addWidget(self.recherche, 2)
        filtres.addSpacing(12)
        filtres.addWidget(etiquette_type)
        filtres.addWidget(self.filtre_type, 1)
        filtres.addStretch(1)

        self.vue = creer_vue(self.proxy, "Liste des structures")
        ajuster_colonnes(self.vue, {1: 38, 2: 12, 3: 21, 4: 10}, etiree=0)

        self.bouton_ajouter = bouton("&Ajouter…", "ajouter", "Ajouter une structure")
        self.bouton_modifier = bouton("&Modifier…", "modifier", "Modifier la structure", "Ou double-clic sur la ligne")
        self.bouton_supprimer = bouton(
            "&Supprimer",
            "supprimer",
            "Supprimer la structure",
            "Touche Suppr ; impossible si des membres y sont rattachés",
        )
        boutons = rangee_de_boutons(
            self.bouton_ajouter, self.bouton_modifier, self.bouton_supprimer, droite=(self.compte,)
        )

        disposition = QVBoxLayout(self)
        disposition.addWidget(QLabel(f"<h2>{self.titre}</h2>"))
        disposition.addLayout(filtres)
        disposition.addWidget(self.vue, 1)
        disposition.addLayout(boutons)

        self.recherche.textChanged.connect(self._filtrer)
        self.filtre_type.currentIndexChanged.connect(self._filtrer)
        self.vue.doubleClicked.connect(lambda _index: self.modifier())
        self.vue.selectionModel().selectionChanged.connect(self._actualiser_boutons)
        raccourci(self.vue, QKeySequence.StandardKey.Delete, self.supprimer)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Return), self.modifier)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Enter), self.modifier)
        raccourci(
            self.recherche, QKeySequence(Qt.Key.Key_Down), self.vue.setFocus
        )  # from the search box down to the results
        self.bouton_ajouter.clicked.connect(self.ajouter)
        self.bouton_modifier.clicked.connect(self.modifier)
        self.bouton_supprimer.clicked.connect(self.supprimer)
        self.rafraichir()

    # --- reading and filtering -----------------------------------------------------------------------------

    def rafraichir(self) -> None:
        choisie = self.selection()
        self.modele.definir(self.contexte.lire(lire_structures))
        selectionner(self.vue, self.proxy, choisie)
        self._actualiser_compte()
        self._actualiser_boutons()

    def rechercher(self) -> None:
        self.recherche.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.recherche.selectAll()

    def _filtrer(self) -> None:
        code = self.filtre_type.currentData()
        type_ = TypeStructure.de_code(code) if code else None
        self.proxy.definir_recherche(self.recherche.text())
        self.proxy.definir_condition(None if type_ is None else lambda s: s.type is type_)
        self._actualiser_compte()
        self._actualiser_boutons()

    def _actualiser_compte(self) -> None:
        self.compte.setText(compte_affiche(self.proxy, "structure"))

    def _actualiser_boutons(self) -> None:
        ecriture = not self.contexte.base.lecture_seule
        choisie = self.selection() is not None
        self.bouton_ajouter.setEnabled(ecriture)
        self.bouton_modifier.setEnabled(ecriture and choisie)
        self.bouton_supprimer.setEnabled(ecriture and choisie)

    def selection(self) -> int | None:
        return identifiant_selectionne(self.vue, self.proxy)

    def _ligne(self, identifiant: int | None) -> LigneStructure | None:
        rang = self.modele.rang_de(identifiant) if identifiant is not None else None
        return self.modele.ligne(rang) if rang is not None else None

    # --- editing -------------------------------------------------------------------------------------------

    def dialogue(self, identifiant: int | None = None) -> DialogueStructure:
        return DialogueStructure(self.contexte, self._ligne(identifiant), self)

    def ajouter(self) -> None:
        if self.contexte.base.lecture_seule:
            return
        dialogue = self.dialogue()
        if dialogue.exec() and not selectionner(self.vue, self.proxy, dialogue.identifiant):
            self.recherche.clear()  # the new structure is hidden by the filters: show it
            self.filtre_type.setCurrentIndex(0)
            selectionner(self.vue, self.proxy, dialogue.identifiant)

    def modifier(self) -> None:
        structure = self._ligne(self.selection())
        if structure is None or self.contexte.base.lecture_seule:
            return
        self.dialogue(structure.id).exec()

    def supprimer(self) -> None:
        structure = self._ligne(self.selection())
        if structure is None or self.contexte.base.lecture_seule:
            return
        titre = "Supprimer une structure"
        try:
            motif = self.contexte.lire(lambda s: annuaire.motif_refus_suppression_structure(s, structure.id))
            if motif is not None:
                avertir(self, titre, motif)
                return
            if not confirmer(self, titre, f"Supprimer la structure « {structure.nom} » ?", "&Supprimer"):
                return
            self.contexte.executer(
                f"Supprimer la structure « {structure.nom} »",
                faire=lambda s: annuaire.supprimer_structure(s, structure.id),
                defaire=annuaire.restaurer_structure,
                refaire=lambda s, f: annuaire.supprimer_structure(s, f.id),
            )
        except ErreurConnue as erreur:
            avertir(self, titre, erreur)

    def dialogues_pour_captures(self) -> list[tuple[str, QWidget]]:
        premiere = self.modele.ligne(0).id if self.modele.rowCount() else None
        return [("Nouvelle structure", self.dialogue()), ("Modifier une structure", self.dialogue(premiere))]
