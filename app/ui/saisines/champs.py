"""Fields shared by the referral's tabs and dialogs: the themes as check boxes, the rapporteurs as a checked
list of the directory, a date that cannot be in the future, a multi-line text that Tab leaves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QHeaderView,
    QListView,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from app import horloge
from app.modeles.enumerations import ThemeEthique
from app.services.annuaire_lecture import Choix
from app.services.saisines_lecture import DetailSaisine
from app.ui.annuaire.formulaire import champ_date, vers_qdate


def date_passee(nom_accessible: str, jour: dt.date | None = None) -> QDateEdit:
    """A date field that stops at today: a step, a receipt or a dispatch is never in the future."""
    champ = champ_date(nom_accessible, jour)
    champ.setMaximumDate(vers_qdate(horloge.aujourdhui()))
    return champ


def texte_multiligne(nom_accessible: str, lignes: int, *, fixe: bool = False) -> QPlainTextEdit:
    """A multi-line text `lignes` lines high at least (`fixe`: exactly, for a dialog that should not grow)."""
    champ = QPlainTextEdit()
    champ.setAccessibleName(nom_accessible)
    champ.setTabChangesFocus(True)  # Tab goes to the next field, as in any form
    hauteur = champ.fontMetrics().lineSpacing() * lignes + 14
    if fixe:
        champ.setFixedHeight(hauteur)
    else:
        champ.setMinimumHeight(hauteur)
    return champ


def texte_propre(champ: QPlainTextEdit) -> str:
    return champ.toPlainText().strip()


class CasesThemes(QWidget):
    """The ethics themes, one check box each, on `colonnes` columns."""

    change = Signal()

    def __init__(self, colonnes: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cases: dict[ThemeEthique, QCheckBox] = {}
        grille = QGridLayout(self)
        grille.setContentsMargins(0, 0, 0, 0)
        grille.setVerticalSpacing(2)
        for rang, theme in enumerate(ThemeEthique):
            case = QCheckBox(theme.libelle)
            case.setAccessibleName(f"Thème : {theme.libelle}")
            case.toggled.connect(self.change)
            self.cases[theme] = case
            grille.addWidget(case, rang // colonnes, rang % colonnes)
        self.setFocusProxy(self.cases[ThemeEthique.PARTAGE_INFORMATIONS])

    def valeur(self) -> tuple[ThemeEthique, ...]:
        return tuple(theme for theme, case in self.cases.items() if case.isChecked())

    def definir(self, themes: Sequence[ThemeEthique]) -> None:
        choisis = set(themes)
        for theme, case in self.cases.items():
            case.blockSignals(True)
            case.setChecked(theme in choisis)
            case.blockSignals(False)


class ListeRapporteurs(QListView):
    """The persons of the directory, those chosen checked (Espace coche ou décoche la personne courante).

    The chosen ones come first, in their recorded order, so that they are seen without scrolling."""

    change = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.modele = QStandardItemModel(self)
        self.setModel(self.modele)
        self.setAccessibleName("Rapporteurs")
        self.setToolTip("Cochez les rapporteurs de la saisine (Espace coche la personne choisie).")
        self.setSpacing(1)
        self.setUniformItemSizes(True)
        self.modele.itemChanged.connect(lambda _element: self.change.emit())
        self._ordre: tuple[int, ...] = ()

    def definir(self, personnes: Sequence[Choix], choisis: Sequence[int]) -> None:
        self.modele.blockSignals(True)
        self.modele.clear()
        rang = {personne_id: i for i, personne_id in enumerate(choisis)}
        for personne in sorted(personnes, key=lambda p: (p.id not in rang, rang.get(p.id, 0))):
            element = QStandardItem(personne.libelle)
            element.setCheckable(True)
            element.setEditable(False)
            element.setData(personne.id, Qt.ItemDataRole.UserRole)
            element.setCheckState(Qt.CheckState.Checked if personne.id in rang else Qt.CheckState.Unchecked)
            self.modele.appendRow(element)
        self.modele.blockSignals(False)
        self._ordre = tuple(choisis)
        self.reset()

    def valeur(self) -> tuple[int, ...]:
        """The chosen ones: those already recorded in their order, then the new ones in the list's order."""
        coches = [
            int(self.modele.item(r).data(Qt.ItemDataRole.UserRole))
            for r in range(self.modele.rowCount())
            if self.modele.item(r).checkState() == Qt.CheckState.Checked
        ]
        gardes = [p for p in self._ordre if p in coches]
        return tuple(gardes + [p for p in coches if p not in gardes])

    def cocher(self, libelle: str, coche: bool = True) -> None:
        """Check (or uncheck) the person shown as `libelle` (« Prénom Nom »)."""
        for element in self.modele.findItems(libelle):
            element.setCheckState(Qt.CheckState.Checked if coche else Qt.CheckState.Unchecked)


def largeurs_mesurees(vue: QTableView, echantillons: dict[int, str], *, etiree: int | None = None) -> None:
    """Column widths measured on their longest usual text (average character widths fall short on digits and
    capitals), plus the cell's margins; the column `etiree` takes what is left."""
    metriques = vue.fontMetrics()
    for colonne, texte in echantillons.items():
        vue.setColumnWidth(colonne, metriques.horizontalAdvance(texte) + 14)
    if etiree is not None:
        entete = vue.horizontalHeader()
        entete.setStretchLastSection(False)
        entete.setSectionResizeMode(etiree, QHeaderView.ResizeMode.Stretch)


def lecture_seule(editeur: QPlainTextEdit, oui: bool) -> None:
    """Read-only, and seen to be: on the window's background rather than a field's white."""
    editeur.setReadOnly(oui)
    palette = QApplication.palette(editeur)
    if oui:
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
    editeur.setPalette(palette)


@dataclass(frozen=True)
class Arrivee:
    """What a tab editing a referral shows after a reload: the referral, whether it is another one, and whether
    the typed text is kept (same referral, still modified, not a forced reload)."""

    detail: DetailSaisine | None
    autre: bool
    garder: bool


class EditionDeSaisine:
    """The protocol of the tabs that edit the chosen referral (its record, its question, its requester): typed
    changes are saved when another referral is chosen, and the reload a save triggers waits for its end (Qt
    is still changing the selection then). Mixed in before the Qt class; the tab sets `_ecriture` around
    its writes and calls `_arrivee` first thing in `afficher`."""

    detail: DetailSaisine | None
    _ecriture: bool
    _recharge: list[DetailSaisine | None]

    def modifie(self) -> bool:
        raise NotImplementedError

    def enregistrer(self) -> bool:
        raise NotImplementedError

    def _arrivee(self, detail: DetailSaisine | None, recharger: bool) -> Arrivee | None:
        """None while a save is under way (the reload is kept for its end)."""
        if self._ecriture:
            self._recharge[:] = [detail]
            return None
        autre = detail is None or self.detail is None or detail.fiche.id != self.detail.fiche.id
        if autre and self.modifie():
            self.enregistrer()
            if self._recharge:  # the save reloaded the page: `detail` may be stale
                detail = self._recharge.pop()
        return Arrivee(detail, autre, not autre and not recharger and self.modifie())
