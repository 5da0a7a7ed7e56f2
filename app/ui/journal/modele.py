"""The journal as a Qt table: pages read from SQL as the view scrolls (`canFetchMore` / `fetchMore`).

A real base holds 100,000 entries and more: the model keeps only what the view has shown so far, one page
(`journal_lecture.TAILLE_PAGE` entries) at a time. Filtering and sorting are SQL's (newest first): no proxy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from sqlalchemy.orm import Session

from app.services import journal_lecture
from app.services.journal_lecture import EntreeJournal, FiltreJournal

Index = QModelIndex | QPersistentModelIndex
Lecteur = Callable[[Callable[[Session], Any]], Any]  # Contexte.lire: one read transaction
ROLE_ENTREE = Qt.ItemDataRole.UserRole

COLONNES: tuple[tuple[str, Callable[[EntreeJournal], str]], ...] = (
    ("Date et heure", lambda e: e.quand),
    ("Utilisateur", lambda e: e.utilisateur),
    ("Entité", lambda e: e.entite_libelle),
    ("Enregistrement", lambda e: e.enregistrement),
    ("Opération", lambda e: e.operation_libelle),
    ("Changements", lambda e: e.resume),
)
COLONNE_CHANGEMENTS = len(COLONNES) - 1


class ModeleJournal(QAbstractTableModel):
    def __init__(
        self, lire: Lecteur, parent: QObject | None = None, *, taille_page: int = journal_lecture.TAILLE_PAGE
    ) -> None:
        super().__init__(parent)
        self._lire = lire
        self.taille_page = taille_page
        self.filtre = FiltreJournal()
        self.entrees: list[EntreeJournal] = []
        self.total = 0  # entries matching the filter
        self.total_journal = 0  # entries in the whole journal
        self._fini = True

    # --- reading ---------------------------------------------------------------------------------------------

    def definir_filtre(self, filtre: FiltreJournal) -> None:
        """Read the count and the first page of `filtre` (ErreurConnue for a reversed period: nothing changes)."""
        filtre.verifier()
        taille = self.taille_page

        def lecture(session: Session) -> tuple[int, int, list[EntreeJournal]]:
            total = journal_lecture.compter(session, filtre)
            tout = journal_lecture.compter(session) if filtre.actif else total
            return total, tout, journal_lecture.lire_page(session, filtre, None, taille)

        total, tout, page = self._lire(lecture)
        self.beginResetModel()
        self.filtre = filtre
        self.total, self.total_journal = total, tout
        self.entrees = page
        self._fini = len(page) < taille
        self.endResetModel()

    def recharger(self) -> None:
        self.definir_filtre(self.filtre)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 (Qt's signature)
        return not parent.isValid() and not self._fini

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._fini:
            return
        filtre, apres, taille = self.filtre, self.entrees[-1].curseur if self.entrees else None, self.taille_page
        page: list[EntreeJournal] = self._lire(lambda s: journal_lecture.lire_page(s, filtre, apres, taille))
        self._fini = len(page) < taille
        if not page:
            return
        debut = len(self.entrees)
        self.beginInsertRows(QModelIndex(), debut, debut + len(page) - 1)
        self.entrees.extend(page)
        self.endInsertRows()

    def tout_charge(self) -> bool:
        return self._fini

    # --- Qt's interface --------------------------------------------------------------------------------------

    def entree(self, rang: int) -> EntreeJournal | None:
        return self.entrees[rang] if 0 <= rang < len(self.entrees) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entrees)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLONNES)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.entrees) or not 0 <= index.column() < len(COLONNES):
            return None
        entree = self.entrees[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return COLONNES[index.column()][1](entree)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text where a column cuts it
            if index.column() == COLONNE_CHANGEMENTS:
                return journal_lecture.texte_detail(entree) or None
            return COLONNES[index.column()][1](entree) or None
        if role == ROLE_ENTREE:
            return entree
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLONNES)
        ):
            return COLONNES[section][0]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
