"""What the directory's pages share around a table: the view, its selection by id, buttons, keys, messages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from app.erreurs import ErreurConnue
from app.format_fr import nombre
from app.ui.icones import icone
from app.ui.tableau_lignes import FiltreLignes, L


def creer_vue(proxy: FiltreLignes[L], nom_accessible: str, *, colonne_tri: int = 0) -> QTableView:
    vue = QTableView()
    vue.setModel(proxy)
    vue.setAccessibleName(nom_accessible)
    vue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    vue.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    vue.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    vue.setAlternatingRowColors(True)
    vue.setSortingEnabled(True)
    vue.sortByColumn(colonne_tri, Qt.SortOrder.AscendingOrder)
    vue.setWordWrap(False)
    vue.setTabKeyNavigation(False)  # Tab leaves the table for the next control, as in a form
    vue.verticalHeader().hide()
    vue.verticalHeader().setDefaultSectionSize(vue.fontMetrics().height() + 10)
    entete = vue.horizontalHeader()
    entete.setStretchLastSection(True)
    entete.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    entete.setHighlightSections(False)
    return vue


def ajuster_colonnes(vue: QTableView, largeurs: dict[int, int], *, etiree: int | None = None) -> None:
    """Column widths in average characters, and the column `etiree` taking what is left (none: the last)."""
    largeur = vue.fontMetrics().averageCharWidth()
    for colonne, caracteres in largeurs.items():
        vue.setColumnWidth(colonne, caracteres * largeur + 16)
    if etiree is not None:
        entete = vue.horizontalHeader()
        entete.setStretchLastSection(False)
        entete.setSectionResizeMode(etiree, QHeaderView.ResizeMode.Stretch)


def identifiant_selectionne(vue: QTableView, proxy: FiltreLignes[L]) -> int | None:
    lignes = vue.selectionModel().selectedRows()
    return proxy.identifiant(lignes[0]) if lignes else None


def compte_affiche(proxy: FiltreLignes[L], nom: str) -> str:
    """« 12 séances », or « 3 séances sur 12 » when the filters hide some (`nom`: the singular, plural in -s)."""
    affichees, total = proxy.rowCount(), proxy.source.rowCount()
    texte = f"{nombre(affichees)} {nom}{'s' if affichees > 1 else ''}"
    return texte if affichees == total else f"{texte} sur {nombre(total)}"


def ligne_selectionnee(vue: QTableView, proxy: FiltreLignes[L]) -> L | None:
    """The record of the selected row, or None."""
    identifiant = identifiant_selectionne(vue, proxy)
    rang = proxy.source.rang_de(identifiant) if identifiant is not None else None
    return proxy.source.ligne(rang) if rang is not None else None


def selectionner(vue: QTableView, proxy: FiltreLignes[L], identifiant: int | None) -> bool:
    """Select (and show) the row of `identifiant`; False when it is not shown (filtered out, or gone)."""
    rang = proxy.source.rang_de(identifiant) if identifiant is not None else None
    index = proxy.mapFromSource(proxy.source.index(rang, 0)) if rang is not None else None
    if index is None or not index.isValid():
        vue.clearSelection()
        return False
    drapeaux = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    vue.selectionModel().setCurrentIndex(index, drapeaux)
    vue.scrollTo(index)
    return True


def bouton(texte: str, nom_icone: str | None, nom_accessible: str, infobulle: str = "") -> QPushButton:
    resultat = QPushButton(texte) if nom_icone is None else QPushButton(icone(nom_icone), texte)
    resultat.setAccessibleName(nom_accessible)
    if infobulle:
        resultat.setToolTip(infobulle)
    return resultat


def rangee_de_boutons(*gauche: QWidget, droite: tuple[QWidget, ...] = ()) -> QHBoxLayout:
    """The row under a table: its buttons on the left, then (after the free space) `droite`, a count say."""
    rangee = QHBoxLayout()
    for widget in gauche:
        rangee.addWidget(widget)
    rangee.addStretch(1)
    for widget in droite:
        rangee.addWidget(widget)
    return rangee


def raccourci(
    widget: QWidget, touche: QKeySequence | QKeySequence.StandardKey | str, action: Callable[[], object]
) -> QShortcut:
    """A key that works while `widget` has the focus (Suppr on a table deletes its row, not a typed letter)."""
    resultat = QShortcut(QKeySequence(touche), widget)
    resultat.setContext(Qt.ShortcutContext.WidgetShortcut)
    resultat.activated.connect(action)
    return resultat


def champ_recherche(nom_accessible: str, indication: str) -> QLineEdit:
    champ = QLineEdit()
    champ.setAccessibleName(nom_accessible)
    champ.setPlaceholderText(indication)
    champ.setClearButtonEnabled(True)
    champ.addAction(icone("rechercher"), QLineEdit.ActionPosition.LeadingPosition)
    return champ


def avertir(parent: QWidget, titre: str, erreur: ErreurConnue | str) -> None:
    QMessageBox.warning(parent, titre, erreur if isinstance(erreur, str) else erreur.message)
