"""Every page and dialog, on the demo base: each control named for a screen reader and reachable with Tab,
and everything fits a 1366 × 768 screen, or a 1920 × 1080 one at 150 % (1280 × 720 logical pixels)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from app.services.demo import creer_demo
from app.ui.fenetre_principale import PAGES, FenetrePrincipale

CONTROLES = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit)
ECRANS = {"1366 × 768": QSize(1366, 768), "1920 × 1080 à 150 %": QSize(1280, 720)}


@pytest.fixture
def fenetre(qtbot, base, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-11-22")
    creer_demo(base)
    fenetre = FenetrePrincipale(base)
    fenetre.memoriser_en_quittant = False
    qtbot.addWidget(fenetre)
    fenetre.show()
    qtbot.waitExposed(fenetre)
    return fenetre


def _ecrans_a_verifier(fenetre: FenetrePrincipale) -> list[tuple[str, QWidget]]:
    """Every built page and every dialog the pages open, with a name for the failure message."""
    ecrans: list[tuple[str, QWidget]] = []
    for rang, entree in enumerate(PAGES):
        page = fenetre.page(rang)
        ecrans.append((entree.titre, page))
        ecrans += [(f"{entree.titre} — {titre}", dialogue) for titre, dialogue in page.dialogues_pour_captures()]
    return ecrans


def _nom_lisible(controle: QWidget, etiquettes: set[int]) -> str:
    """What a screen reader says for the control: its accessible name, its own text, or a label's."""
    if controle.accessibleName():
        return controle.accessibleName()
    if isinstance(controle, QAbstractButton) and controle.text().replace("&", "").strip():
        return controle.text()
    return "étiquette" if id(controle) in etiquettes else ""


def _dans_un_composant(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            return True
        parent = parent.parentWidget()
    return False


def _controles_sans_nom(ecran: QWidget) -> list[str]:
    etiquettes = {id(label.buddy()) for label in ecran.findChildren(QLabel) if label.buddy() is not None}
    fautifs = []
    for controle in ecran.findChildren(QWidget):
        # Only what the user works with; a combo's list and line edit, a spin box's line edit are parts of it.
        if not isinstance(controle, CONTROLES) or _dans_un_composant(controle):
            continue
        if controle.objectName().startswith("qt_") or controle.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if not _nom_lisible(controle, etiquettes):
            fautifs.append(f"{type(controle).__name__} {controle.objectName() or ''}".strip())
        elif not controle.focusPolicy() & Qt.FocusPolicy.TabFocus:
            fautifs.append(f"{type(controle).__name__} « {_nom_lisible(controle, etiquettes)} » hors de Tab")
    return fautifs


def test_chaque_controle_a_un_nom_pour_les_lecteurs_d_ecran_et_se_rejoint_par_tab(fenetre):
    fautifs = {nom: f for nom, ecran in _ecrans_a_verifier(fenetre) if (f := _controles_sans_nom(ecran))}
    assert fautifs == {}


@pytest.mark.parametrize("ecran", ECRANS)
def test_tout_tient_sur_l_ecran(fenetre, qtbot, ecran):
    taille = ECRANS[ecran]
    fenetre.resize(taille)
    qtbot.wait(1)
    trop_grands = {}
    for nom, widget in _ecrans_a_verifier(fenetre):
        if widget.isWindow():  # a dialog: its natural size fits the screen
            besoin = widget.sizeHint().expandedTo(widget.minimumSizeHint())
            place = taille
        else:  # a page: its minimum fits the space the window gives to pages
            besoin = widget.minimumSizeHint()
            place = fenetre.pile_pages.size()
        if besoin.width() > place.width() or besoin.height() > place.height():
            trop_grands[nom] = (besoin.width(), besoin.height(), place.width(), place.height())
    assert fenetre.size() == taille and fenetre.minimumSizeHint().width() <= taille.width()
    assert trop_grands == {}
