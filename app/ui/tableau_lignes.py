"""Read-only table models over plain rows (dataclasses with an `id`), and the proxy that searches them.

A model holds rows read in one transaction, each found again by id after a reload (the selection survives an
edit, an undo or a redo). `ROLE_TRI` gives what a column sorts by: numbers and dates as values (ISO text for
dates), names à la française (the `normaliser` key: « Élise » next to « Elise »).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.services.normalisation import normaliser

Index = QModelIndex | QPersistentModelIndex
ROLE_TRI = Qt.ItemDataRole.UserRole
ROLE_ID = Qt.ItemDataRole.UserRole + 1
DROITE = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class AvecId(Protocol):
    @property
    def id(self) -> int: ...


T = TypeVar("T")  # any row
L = TypeVar("L", bound=AvecId)  # a row of a record, found again by its id


@dataclass(frozen=True)
class Colonne(Generic[T]):
    titre: str
    texte: Callable[[T], str]
    tri: Callable[[T], str | int] | None = None  # by default, the text's French sort key
    infobulle: Callable[[T], str] | None = None
    a_droite: bool = False
    etiree: bool = False  # takes the width left over, where the view asks (the dashboard's lists)


class ModeleTable(QAbstractTableModel, Generic[T]):
    """Read-only rows shown by columns; a subclass adds roles through `autre_role()` (colours, ids…)."""

    def __init__(self, colonnes: Sequence[Colonne[T]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.colonnes = tuple(colonnes)
        self.lignes: tuple[T, ...] = ()

    def definir(self, lignes: Sequence[T]) -> None:
        self.beginResetModel()
        self.lignes = tuple(lignes)
        self.lignes_definies()
        self.endResetModel()

    def lignes_definies(self) -> None:
        """Inside the reset, once `lignes` changed: where a subclass derives what it keeps beside them."""

    def ligne(self, rang: int) -> T:
        return self.lignes[rang]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.lignes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.colonnes)

    def infobulle(self, ligne: T, colonne: Colonne[T]) -> str | None:
        return colonne.infobulle(ligne) if colonne.infobulle is not None else colonne.texte(ligne) or None

    def autre_role(self, ligne: T, role: int) -> object:
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.lignes):
            return None
        ligne = self.lignes[index.row()]
        colonne = self.colonnes[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return colonne.texte(ligne)
        if role == ROLE_TRI:
            return colonne.tri(ligne) if colonne.tri is not None else normaliser(colonne.texte(ligne))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.infobulle(ligne, colonne)
        if role == Qt.ItemDataRole.TextAlignmentRole and colonne.a_droite:
            return DROITE
        return self.autre_role(ligne, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self.colonnes[section].titre if 0 <= section < len(self.colonnes) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class ModeleLignes(ModeleTable[L]):
    """Rows of records, searched by `cle_recherche` and found again by id after a reload (the selection
    survives an edit or an undo); `estompee` rows (a former member…) are drawn in the disabled colour."""

    def __init__(
        self,
        colonnes: Sequence[Colonne[L]],
        cle_recherche: Callable[[L], str],
        estompee: Callable[[L], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(colonnes, parent)
        self._cle_recherche = cle_recherche
        self._estompee = estompee
        self.cles: tuple[str, ...] = ()

    def lignes_definies(self) -> None:
        self.cles = tuple(normaliser(self._cle_recherche(ligne)) for ligne in self.lignes)

    def rang_de(self, identifiant: int) -> int | None:
        return next((rang for rang, ligne in enumerate(self.lignes) if ligne.id == identifiant), None)

    def autre_role(self, ligne: L, role: int) -> object:
        if role == ROLE_ID:
            return ligne.id
        if role == Qt.ItemDataRole.ForegroundRole and self._estompee is not None and self._estompee(ligne):
            return QBrush(_couleur_estompee())
        return None


def _couleur_estompee() -> QColor:
    application = QApplication.instance()
    if isinstance(application, QApplication):
        return application.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    return QColor("#808080")


class FiltreLignes(QSortFilterProxyModel, Generic[L]):
    """Keeps the rows whose text holds every word typed (case and accents ignored) and that pass `condition`."""

    def __init__(self, source: ModeleLignes[L], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self._termes: tuple[str, ...] = ()
        self._condition: Callable[[L], bool] | None = None
        self.setSourceModel(source)
        self.setSortRole(ROLE_TRI)
        self.setSortLocaleAware(False)  # the keys are already normalised

    def _changer(self, action: Callable[[], None]) -> None:
        self.beginFilterChange()
        action()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def definir_recherche(self, texte: str) -> None:
        termes = tuple(normaliser(texte).split())
        if termes != self._termes:
            self._changer(lambda: setattr(self, "_termes", termes))

    def definir_condition(self, condition: Callable[[L], bool] | None) -> None:
        self._changer(lambda: setattr(self, "_condition", condition))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not 0 <= source_row < len(self.source.lignes):
            return False
        cle = self.source.cles[source_row]
        if any(terme not in cle for terme in self._termes):
            return False
        return self._condition is None or self._condition(self.source.lignes[source_row])

    def identifiant(self, index: QModelIndex) -> int | None:
        valeur = self.data(index.siblingAtColumn(0), ROLE_ID) if index.isValid() else None
        return valeur if isinstance(valeur, int) else None
