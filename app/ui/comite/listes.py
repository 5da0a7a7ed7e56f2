"""An ordered list of the committee (collèges, instances): a table and the buttons that act on its selection.

The widget only says what the user asked for (`ajouter`, `modifier(id)`, `supprimer(id)`, `deplacer(id, sens)`);
the page runs it through the undo stack, then reloads the table, which keeps the selected row by id.
"""

from __future__ import annotations

from typing import Generic

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.comite.modeles import ModeleOrdonne
from app.ui.icones import icone
from app.ui.tableau_lignes import L


class ListeOrdonnee(QWidget, Generic[L]):
    ajouter = Signal()
    modifier = Signal(int)
    supprimer = Signal(int)
    deplacer = Signal(int, int)

    def __init__(self, modele: ModeleOrdonne[L], nom: str, explication: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.modele = modele
        self._lecture_seule = False
        self._a_selectionner: int | None = None

        self.tableau = QTableView()
        self.tableau.setModel(modele)
        self.tableau.setAccessibleName(nom)
        self.tableau.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tableau.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tableau.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tableau.setAlternatingRowColors(True)
        self.tableau.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.tableau.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.tableau.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        entete = self.tableau.horizontalHeader()
        entete.setHighlightSections(False)
        entete.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        entete.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.bouton_ajouter = QPushButton(icone("ajouter"), "&Ajouter…")
        self.bouton_modifier = QPushButton(icone("modifier"), "&Modifier…")
        self.bouton_supprimer = QPushButton(icone("supprimer"), "&Supprimer")
        self.bouton_monter = QPushButton("↑ Mon&ter")
        self.bouton_descendre = QPushButton("↓ &Descendre")
        for bouton, quoi in (
            (self.bouton_ajouter, "Ajouter"),
            (self.bouton_modifier, "Modifier la ligne sélectionnée"),
            (self.bouton_supprimer, "Supprimer la ligne sélectionnée"),
            (self.bouton_monter, "Monter la ligne sélectionnée"),
            (self.bouton_descendre, "Descendre la ligne sélectionnée"),
        ):
            bouton.setAccessibleName(f"{quoi} ({nom.lower()})")
        self.bouton_monter.setToolTip("Monter d'un rang (Alt+Haut)")
        self.bouton_descendre.setToolTip("Descendre d'un rang (Alt+Bas)")
        self.bouton_modifier.setToolTip("Modifier (Entrée ou double-clic)")
        self.bouton_supprimer.setToolTip("Supprimer (Suppr)")

        boutons = QHBoxLayout()
        for bouton in (self.bouton_ajouter, self.bouton_modifier, self.bouton_supprimer):
            boutons.addWidget(bouton)
        boutons.addStretch(1)
        boutons.addWidget(self.bouton_monter)
        boutons.addWidget(self.bouton_descendre)

        texte = QLabel(explication)
        texte.setWordWrap(True)
        disposition = QVBoxLayout(self)
        disposition.addWidget(texte)
        disposition.addWidget(self.tableau, 1)
        disposition.addLayout(boutons)

        self.bouton_ajouter.clicked.connect(self.ajouter)
        self.bouton_modifier.clicked.connect(self._modifier)
        self.bouton_supprimer.clicked.connect(self._supprimer)
        self.bouton_monter.clicked.connect(lambda: self._deplacer(-1))
        self.bouton_descendre.clicked.connect(lambda: self._deplacer(1))
        self.tableau.doubleClicked.connect(self._modifier)
        self.tableau.activated.connect(self._modifier)  # Enter on a row
        self.tableau.selectionModel().selectionChanged.connect(self._actualiser_boutons)
        self.modele.modelReset.connect(self._actualiser_boutons)
        for touches, action in (
            (QKeySequence.StandardKey.Delete, self._supprimer),
            (QKeySequence("Alt+Up"), lambda: self._deplacer(-1)),
            (QKeySequence("Alt+Down"), lambda: self._deplacer(1)),
        ):
            raccourci = QShortcut(touches, self.tableau)
            raccourci.setContext(Qt.ShortcutContext.WidgetShortcut)
            raccourci.activated.connect(action)
        self._actualiser_boutons()

    def definir(self, lignes: tuple[L, ...]) -> None:
        """Reload the rows, keeping (or moving to) the selected record."""
        voulu = self._a_selectionner if self._a_selectionner is not None else self.id_selectionne()
        self._a_selectionner = None
        self.modele.definir(lignes)
        rang = self.modele.rang_de(voulu) if voulu is not None else None
        if rang is not None:
            self.tableau.selectRow(rang)
        self._actualiser_boutons()

    def selectionner(self, identifiant: int | None) -> None:
        """Select that record now if shown, else at the next reload."""
        rang = self.modele.rang_de(identifiant) if identifiant is not None else None
        if rang is None:
            self._a_selectionner = identifiant
            return
        self.tableau.selectRow(rang)
        self.tableau.setFocus()

    def rang_selectionne(self) -> int | None:
        lignes = self.tableau.selectionModel().selectedRows()
        return lignes[0].row() if lignes else None

    def id_selectionne(self) -> int | None:
        rang = self.rang_selectionne()
        return None if rang is None else self.modele.ligne(rang).id

    def lecture_seule(self, oui: bool) -> None:
        self._lecture_seule = oui
        self._actualiser_boutons()

    def _modifier(self) -> None:
        identifiant = self.id_selectionne()
        if identifiant is not None and not self._lecture_seule:
            self.modifier.emit(identifiant)

    def _supprimer(self) -> None:
        identifiant = self.id_selectionne()
        if identifiant is not None and not self._lecture_seule:
            self.supprimer.emit(identifiant)

    def _deplacer(self, sens: int) -> None:
        rang = self.rang_selectionne()
        if rang is None or self._lecture_seule or not 0 <= rang + sens < self.modele.rowCount():
            return
        self.deplacer.emit(self.modele.ligne(rang).id, sens)

    def _actualiser_boutons(self) -> None:
        rang = self.rang_selectionne()
        modifiable = rang is not None and not self._lecture_seule
        self.bouton_ajouter.setEnabled(not self._lecture_seule)
        self.bouton_modifier.setEnabled(modifiable)
        self.bouton_supprimer.setEnabled(modifiable)
        self.bouton_monter.setEnabled(modifiable and rang is not None and rang > 0)
        self.bouton_descendre.setEnabled(modifiable and rang is not None and rang < self.modele.rowCount() - 1)
