"""Table models of the directory (structures, persons, a person's mandates) and the proxy that filters them.

Each model holds plain rows read in one transaction. `ROLE_TRI` gives what a column sorts by: numbers and dates
as values (ISO text for dates), names à la française (the `normaliser` key: « Élise » next to « Elise »).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.format_fr import date_longue, nombre
from app.modeles.enumerations import Qualite, Voix
from app.services.annuaire_lecture import EtatMandat, LigneMandat, LignePersonne, LigneStructure, cle_nom
from app.services.normalisation import normaliser

Index = QModelIndex | QPersistentModelIndex
ROLE_TRI = Qt.ItemDataRole.UserRole
ROLE_ID = Qt.ItemDataRole.UserRole + 1
DROITE = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
TIRET = "—"


class AvecId(Protocol):
    @property
    def id(self) -> int: ...


L = TypeVar("L", bound=AvecId)


@dataclass(frozen=True)
class Colonne(Generic[L]):
    titre: str
    texte: Callable[[L], str]
    tri: Callable[[L], str | int] | None = None  # by default, the text's French sort key
    infobulle: Callable[[L], str] | None = None
    a_droite: bool = False


def date_courte(jour: dt.date | None) -> str:
    return jour.strftime("%d/%m/%Y") if jour is not None else ""


def tri_date(jour: dt.date | None, *, vide: str = "") -> str:
    return jour.isoformat() if jour is not None else vide


class ModeleLignes(QAbstractTableModel, Generic[L]):
    """Read-only rows, each found again by id after a reload (the selection survives an edit or an undo)."""

    def __init__(
        self,
        colonnes: Sequence[Colonne[L]],
        cle_recherche: Callable[[L], str],
        estompee: Callable[[L], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.colonnes = tuple(colonnes)
        self._cle_recherche = cle_recherche
        self._estompee = estompee
        self.lignes: tuple[L, ...] = ()
        self.cles: tuple[str, ...] = ()

    def definir(self, lignes: Sequence[L]) -> None:
        self.beginResetModel()
        self.lignes = tuple(lignes)
        self.cles = tuple(normaliser(self._cle_recherche(ligne)) for ligne in self.lignes)
        self.endResetModel()

    def ligne(self, rang: int) -> L:
        return self.lignes[rang]

    def rang_de(self, identifiant: int) -> int | None:
        return next((rang for rang, ligne in enumerate(self.lignes) if ligne.id == identifiant), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.lignes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.colonnes)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.lignes):
            return None
        ligne = self.lignes[index.row()]
        colonne = self.colonnes[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return colonne.texte(ligne)
        if role == ROLE_TRI:
            return colonne.tri(ligne) if colonne.tri is not None else normaliser(colonne.texte(ligne))
        if role == ROLE_ID:
            return ligne.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return colonne.infobulle(ligne) if colonne.infobulle is not None else colonne.texte(ligne) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and colonne.a_droite:
            return DROITE
        if role == Qt.ItemDataRole.ForegroundRole and self._estompee is not None and self._estompee(ligne):
            return QBrush(_couleur_estompee())
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self.colonnes[section].titre if 0 <= section < len(self.colonnes) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


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


# --- Structures ---------------------------------------------------------------------------------------------


def _membres(ligne: LigneStructure) -> str:
    return nombre(ligne.membres) if ligne.membres else TIRET


def modele_structures(parent: QObject | None = None) -> ModeleLignes[LigneStructure]:
    colonnes = [
        Colonne[LigneStructure]("Nom", lambda s: s.nom),
        Colonne[LigneStructure]("Type", lambda s: s.type.libelle),
        Colonne[LigneStructure]("Partenariat", lambda s: s.partenariat.libelle if s.partenariat else TIRET),
        Colonne[LigneStructure](
            "Lettre d'engagement",
            lambda s: date_courte(s.lettre_engagement_le) or TIRET,
            lambda s: tri_date(s.lettre_engagement_le),
            lambda s: (
                f"Lettre d'engagement du {date_longue(s.lettre_engagement_le)}"
                if s.lettre_engagement_le
                else "Pas de lettre d'engagement enregistrée"
            ),
            a_droite=True,
        ),
        Colonne[LigneStructure](
            "Membres",
            _membres,
            lambda s: s.membres,
            lambda s: f"{nombre(s.membres)} personne(s) de l'annuaire rattachée(s) à cette structure",
            a_droite=True,
        ),
    ]
    return ModeleLignes(colonnes, lambda s: f"{s.nom} {s.type.libelle}", parent=parent)


# --- Persons ------------------------------------------------------------------------------------------------


def _mandats_en_cours(p: LignePersonne) -> str:
    if not p.mandats_en_cours:
        return "Aucun mandat en cours"
    return "Mandats en cours :\n" + "\n".join(f"• {texte}" for texte in p.mandats_en_cours)


def modele_personnes(parent: QObject | None = None) -> ModeleLignes[LignePersonne]:
    colonnes = [
        Colonne[LignePersonne]("Nom", lambda p: p.nom, lambda p: cle_nom(p.nom, p.prenom)),
        Colonne[LignePersonne]("Prénom", lambda p: p.prenom, lambda p: cle_nom(p.prenom, p.nom)),
        Colonne[LignePersonne]("Structure", lambda p: p.structure),
        Colonne[LignePersonne]("Fonction", lambda p: p.fonction),
        Colonne[LignePersonne]("Collèges", lambda p: ", ".join(p.colleges), infobulle=_mandats_en_cours),
        Colonne[LignePersonne]("Instances", lambda p: ", ".join(p.instances), infobulle=_mandats_en_cours),
        Colonne[LignePersonne]("Courriel", lambda p: p.courriel),
        Colonne[LignePersonne](
            "Téléphone", lambda p: p.telephone, lambda p: "".join(c for c in p.telephone if c.isdigit())
        ),
    ]

    def cle(p: LignePersonne) -> str:
        return " ".join([p.prenom, p.nom, p.structure, p.fonction, p.courriel, p.telephone, *p.colleges, *p.instances])

    return ModeleLignes(colonnes, cle, lambda p: not p.en_fonction, parent)


# --- Mandates -----------------------------------------------------------------------------------------------


def _qualite(m: LigneMandat) -> str:
    return m.qualite.libelle if m.qualite is Qualite.TITULAIRE else "Suppléant"


def _suppleant_de(m: LigneMandat) -> str:
    if m.qualite is Qualite.TITULAIRE:
        return TIRET
    return m.suppleant_de or "sans titulaire"


def _infobulle_mandat(m: LigneMandat) -> str:
    lignes = [f"{m.instance} — {m.college}", f"{_qualite(m)}, {m.role.libelle.lower()}, voix {m.voix.libelle.lower()}"]
    if m.qualite is Qualite.SUPPLEANT:
        lignes.append(f"Suppléant de {m.suppleant_de}" if m.suppleant_de else "Suppléant sans titulaire")
    elif m.suppleants:
        lignes.append(f"Suppléé par {', '.join(m.suppleants)}")
    periode = (
        f"Depuis le {date_longue(m.debut)}" if m.fin is None else f"Du {date_longue(m.debut)} au {date_longue(m.fin)}"
    )
    lignes.append(periode + (f" ({m.motif_fin.libelle.lower()})" if m.motif_fin else ""))
    return "\n".join(lignes)


def modele_mandats(parent: QObject | None = None) -> ModeleLignes[LigneMandat]:
    colonnes = [
        Colonne[LigneMandat]("Instance", lambda m: m.instance, infobulle=_infobulle_mandat),
        Colonne[LigneMandat]("Collège", lambda m: m.college, infobulle=_infobulle_mandat),
        Colonne[LigneMandat]("Qualité", _qualite),
        Colonne[LigneMandat]("Suppléant de", _suppleant_de),
        Colonne[LigneMandat]("Rôle", lambda m: m.role.libelle),
        Colonne[LigneMandat]("Voix", lambda m: m.voix.libelle, lambda m: int(m.voix is Voix.CONSULTATIVE)),
        Colonne[LigneMandat](
            "Début", lambda m: date_courte(m.debut), lambda m: tri_date(m.debut), lambda m: date_longue(m.debut)
        ),
        Colonne[LigneMandat](
            "Fin",
            lambda m: date_courte(m.fin) or TIRET,
            lambda m: tri_date(m.fin, vide="9999"),  # no end: after every end
            lambda m: date_longue(m.fin) if m.fin else "Pas de fin prévue",
        ),
        Colonne[LigneMandat]("Motif de fin", lambda m: m.motif_fin.libelle if m.motif_fin else ""),
        Colonne[LigneMandat]("État", lambda m: m.etat.libelle),
    ]

    def cle(m: LigneMandat) -> str:
        return f"{m.instance} {m.college} {m.role.libelle} {m.suppleant_de}"

    return ModeleLignes(colonnes, cle, lambda m: m.etat is EtatMandat.TERMINE, parent)
