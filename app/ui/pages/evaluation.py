"""Évaluation: what ANSA's evaluation grid (section 7 of the AMI) is answered with, in three tabs.

« Questionnaires »: the participants' paper forms of each held meeting, counted and typed in; « Notes »: dated
qualitative notes filed under the grid's sub-domains 1.1 … 4; « Indicateurs »: the figures of a chosen period with a
chart of attendance per meeting and per collège. Every write goes through `Contexte.executer` (Ctrl+Z).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.ui.contexte import Contexte
from app.ui.evaluation.onglet_indicateurs import OngletIndicateurs
from app.ui.evaluation.onglet_notes import OngletNotes
from app.ui.evaluation.onglet_questionnaires import OngletQuestionnaires
from app.ui.page import PageCreatrice


class PageEvaluation(PageCreatrice):
    titre = "Évaluation"

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(contexte, parent)
        self.questionnaires = OngletQuestionnaires(contexte)
        self.notes = OngletNotes(contexte)
        self.indicateurs = OngletIndicateurs(contexte)
        self.onglets = QTabWidget()
        self.onglets.setAccessibleName("Volets de l'évaluation")
        self.onglets.addTab(self.questionnaires, "&Questionnaires")
        self.onglets.addTab(self.notes, "&Notes")
        self.onglets.addTab(self.indicateurs, "&Indicateurs")
        disposition = QVBoxLayout(self)
        disposition.addWidget(QLabel(f"<h2>{self.titre}</h2>"))
        disposition.addWidget(self.onglets, 1)
        self._indicateurs_perimes = True
        self.onglets.currentChanged.connect(self._onglet_change)
        self.rafraichir()

    def rafraichir(self) -> None:
        self.questionnaires.rafraichir()
        self.notes.rafraichir()
        # The indicators take a few hundred milliseconds on a large base: computed when their tab is shown, not
        # after every questionnaire or note saved behind it.
        self._indicateurs_perimes = True
        self._onglet_change()

    def _onglet_change(self) -> None:
        if self._indicateurs_perimes and self.onglets.currentWidget() is self.indicateurs:
            self._indicateurs_perimes = False
            self.indicateurs.rafraichir()

    def rechercher(self) -> None:
        self.onglets.setCurrentWidget(self.notes)
        self.notes.recherche.setFocus()
        self.notes.recherche.selectAll()

    def nouvelle(self) -> None:
        """Ctrl+N: a new note (the only record of the page a user creates from nothing)."""
        self.onglets.setCurrentWidget(self.notes)
        self.notes.nouvelle()

    def modifications_en_cours(self) -> bool:
        """Asked before the window closes or changes base: counts being typed are saved rather than lost."""
        return self.questionnaires.modifie() and not self.questionnaires.enregistrer()

    def rien_a_imprimer(self) -> str:
        return "Rien à imprimer sur cette page : le classeur d'évaluation ANSA se produit depuis la page Exports."

    # --- review captures -------------------------------------------------------------------------------

    def preparer_pour_captures(self) -> None:
        # A meeting whose questionnaire is entered, and a note chosen.
        saisie = next((s for s in self.questionnaires.modele.lignes if s.saisi), None)
        if saisie is not None:
            self.questionnaires.choisir(saisie.id)
        if self.notes.proxy.rowCount():
            self.notes.vue.selectRow(0)

    def dialogues_pour_captures(self) -> list[tuple[str, QWidget]]:
        dialogues: list[tuple[str, QWidget]] = [("Nouvelle note", self.notes.dialogue())]
        note = self.notes.note()
        if note is not None:
            dialogues.append(("Modifier la note", self.notes.dialogue(note)))
        return dialogues
