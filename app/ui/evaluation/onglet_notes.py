"""« Notes »: the dated qualitative notes, filed under the sub-domains 1.1 … 4 of ANSA's grid.

A combo narrows the list to one sub-domain (the ANSA workbook answers each sub-domain with its notes); the list
is sorted by sub-domain then date, the chosen note's whole text under it. « Nouvelle… » (Ctrl+N on the page),
« Modifier… » (Entrée, double click) and « Supprimer… » (Suppr, asked first); Ctrl+Z takes each back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.modeles.enumerations import SousDomaine
from app.services import evaluation
from app.services.evaluation import FicheNote
from app.services.evaluation_lecture import lire_notes
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
from app.ui.evaluation.dialogue_note import DialogueNote
from app.ui.evaluation.modeles import apercu, modele_notes
from app.ui.tableau_lignes import FiltreLignes

TOUS_LES_SOUS_DOMAINES = "Tous les sous-domaines"


class OngletNotes(QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.modele = modele_notes(self)
        self.proxy = FiltreLignes(self.modele, self)

        self.filtre = QComboBox()
        self.filtre.setAccessibleName("Filtrer par sous-domaine")
        self.filtre.addItem(TOUS_LES_SOUS_DOMAINES, "")
        for sous_domaine in SousDomaine:
            self.filtre.addItem(sous_domaine.libelle, sous_domaine.value)
        self.recherche = champ_recherche("Rechercher une note", "Mot du texte, rubrique…")
        etiquette_filtre = QLabel("Sous-&domaine :")
        etiquette_filtre.setBuddy(self.filtre)
        etiquette_recherche = QLabel("&Rechercher :")
        etiquette_recherche.setBuddy(self.recherche)
        filtres = QHBoxLayout()
        filtres.addWidget(etiquette_filtre)
        filtres.addWidget(self.filtre)
        filtres.addSpacing(12)
        filtres.addWidget(etiquette_recherche)
        filtres.addWidget(self.recherche, 1)

        self.vue = creer_vue(self.proxy, "Notes d'évaluation", colonne_tri=1)
        ajuster_colonnes(self.vue, {0: 19, 1: 30, 2: 12}, etiree=3)
        self.compte = QLabel()
        self.compte.setAccessibleName("Nombre de notes affichées")
        self.bouton_ajouter = bouton(
            "&Nouvelle…", "ajouter", "Nouvelle note", "Ctrl+N : une note datée sous un sous-domaine"
        )
        self.bouton_modifier = bouton("&Modifier…", None, "Modifier la note choisie", "Entrée ou double clic")
        self.bouton_supprimer = bouton("&Supprimer…", "supprimer", "Supprimer la note choisie", "Touche Suppr")
        boutons = rangee_de_boutons(
            self.bouton_ajouter, self.bouton_modifier, self.bouton_supprimer, droite=(self.compte,)
        )
        haut = QWidget()
        disposition_haut = QVBoxLayout(haut)
        disposition_haut.setContentsMargins(0, 0, 0, 0)
        disposition_haut.addWidget(self.vue, 1)
        disposition_haut.addLayout(boutons)

        self.texte = QPlainTextEdit()
        self.texte.setReadOnly(True)
        self.texte.setAccessibleName("Texte de la note choisie")
        self.texte.setTabChangesFocus(True)
        self.separateur = QSplitter(Qt.Orientation.Vertical)
        self.separateur.setObjectName("separateur_evaluation_notes")
        self.separateur.addWidget(haut)
        self.separateur.addWidget(self.texte)
        self.separateur.setChildrenCollapsible(False)
        self.separateur.setStretchFactor(0, 3)
        self.separateur.setStretchFactor(1, 1)

        disposition = QVBoxLayout(self)
        disposition.setContentsMargins(6, 6, 6, 6)
        disposition.addLayout(filtres)
        disposition.addWidget(self.separateur, 1)

        self.filtre.currentIndexChanged.connect(self._filtrer)
        self.recherche.textChanged.connect(self._filtrer)
        self.vue.selectionModel().selectionChanged.connect(self._selection_changee)
        self.vue.doubleClicked.connect(lambda _index: self.modifier())
        raccourci(self.vue, QKeySequence.StandardKey.Delete, self.supprimer)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Return), self.modifier)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Enter), self.modifier)
        raccourci(self.recherche, QKeySequence(Qt.Key.Key_Down), self.vue.setFocus)
        self.bouton_ajouter.clicked.connect(self.nouvelle)
        self.bouton_modifier.clicked.connect(self.modifier)
        self.bouton_supprimer.clicked.connect(self.supprimer)

    # --- reading ---------------------------------------------------------------------------------------

    def rafraichir(self) -> None:
        choisie = self.note_selectionnee()
        notes = self.contexte.lire(lire_notes)
        self.modele.definir(notes)
        if not selectionner(self.vue, self.proxy, choisie) and self.proxy.rowCount():
            self.vue.selectRow(0)
        self._actualiser()

    def note_selectionnee(self) -> int | None:
        return identifiant_selectionne(self.vue, self.proxy)

    def note(self) -> FicheNote | None:
        return ligne_selectionnee(self.vue, self.proxy)

    def sous_domaine_filtre(self) -> SousDomaine | None:
        code = self.filtre.currentData()
        return SousDomaine.de_code(code) if code else None

    def _filtrer(self) -> None:
        sous_domaine = self.sous_domaine_filtre()
        self.proxy.definir_recherche(self.recherche.text())
        self.proxy.definir_condition(None if sous_domaine is None else lambda n: n.sous_domaine is sous_domaine)
        if self.note_selectionnee() is None and self.proxy.rowCount():
            self.vue.selectRow(0)
        self._actualiser()

    def _selection_changee(self) -> None:
        self._actualiser()

    def _actualiser(self) -> None:
        self.compte.setText(compte_affiche(self.proxy, "note"))
        note = self.note()
        ecriture = not self.contexte.base.lecture_seule
        self.bouton_ajouter.setEnabled(ecriture)
        self.bouton_modifier.setEnabled(ecriture and note is not None)
        self.bouton_supprimer.setEnabled(ecriture and note is not None)
        if note is None:
            self.texte.setPlainText("")
            self.texte.setPlaceholderText("Choisissez une note dans la liste pour la lire en entier.")
        else:
            entete = f"{note.sous_domaine.libelle} · {note.rubrique.libelle} · {date_longue(note.date)}"
            self.texte.setPlainText(f"{entete}\n\n{note.texte}")

    def montrer(self, note_id: int | None) -> None:
        """Select a note, clearing the filters if they hide it (one just created, for example)."""
        if note_id is not None and not selectionner(self.vue, self.proxy, note_id):
            self.recherche.clear()
            self.filtre.setCurrentIndex(0)
            selectionner(self.vue, self.proxy, note_id)

    # --- writing ---------------------------------------------------------------------------------------

    def dialogue(self, note: FicheNote | None = None) -> DialogueNote:
        return DialogueNote(self.contexte, note, self, sous_domaine=self.sous_domaine_filtre())

    def nouvelle(self) -> None:
        if self.contexte.base.lecture_seule:
            return
        dialogue = self.dialogue()
        if dialogue.exec() and dialogue.note is not None:
            self.montrer(dialogue.note.id)
        dialogue.deleteLater()

    def modifier(self) -> None:
        note = self.note()
        if note is None or self.contexte.base.lecture_seule:
            return
        dialogue = self.dialogue(note)
        if dialogue.exec():
            self.montrer(note.id)
        dialogue.deleteLater()

    def supprimer(self) -> None:
        note = self.note()
        if note is None or self.contexte.base.lecture_seule:
            return
        titre = "Supprimer une note"
        question = (
            f"Supprimer la note du {date_longue(note.date)} ({note.sous_domaine.libelle}, "
            f"{note.rubrique.libelle.lower()}) : « {apercu(note.texte, 80)} » ?"
        )
        if not confirmer(self, titre, question, "&Supprimer"):
            return
        note_id = note.id
        try:
            self.contexte.executer(
                f"Supprimer une note ({note.sous_domaine.libelle})",
                faire=lambda s: evaluation.supprimer_note(s, note_id),
                defaire=lambda s, copie: evaluation.recreer_note(s, copie),
                refaire=lambda s, copie: evaluation.supprimer_note(s, copie.id),
            )
        except ErreurConnue as erreur:
            avertir(self, titre, erreur)
