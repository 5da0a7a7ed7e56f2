"""Helpers of the directory's GUI tests: a demo base, typing like a user, answering modal windows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

CTRL = Qt.KeyboardModifier.ControlModifier


def taper(qtbot, champ: QWidget, texte: str) -> None:
    """Type `texte` key by key; accented letters too (QTest.keyClicks only knows ASCII)."""
    for lettre in texte:
        if lettre.isascii():
            qtbot.keyClicks(champ, lettre)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, champ, Qt.Key.Key_unknown, lettre, Qt.KeyboardModifier.NoModifier)


def tab(qtbot, widget: QWidget) -> QWidget:
    """Press Tab in `widget`'s window; returns the widget that has the focus afterwards."""
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    suivant = widget.window().focusWidget()
    assert suivant is not None
    return suivant


def quand_modal(
    agir: Callable[[QWidget], None],
    vus: list[QWidget],
    classe: type[QWidget] = QWidget,
    textes: list[str] | None = None,
) -> None:
    """Handle the next modal window of `classe` once it is open; it is always closed in the end.

    A message box's text goes to `textes` (the box itself is deleted once closed).
    """

    def traiter() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not isinstance(modal, classe) or modal in vus:
            QTimer.singleShot(10, traiter)
            return
        if QApplication.activeWindow() is not modal:  # keys go where a user would type: the active window
            modal.activateWindow()
            QTimer.singleShot(10, traiter)
            return
        vus.append(modal)
        if textes is not None and isinstance(modal, QMessageBox):
            textes.append(modal.text())
        try:
            agir(modal)
        finally:
            if modal.isVisible() and isinstance(modal, QDialog):
                modal.reject()

    QTimer.singleShot(0, traiter)


def activer(qtbot, widget: QWidget) -> None:
    """Make `widget`'s window the active one again (after a modal window closed, for example)."""
    widget.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window())
    widget.setFocus()


def cliquer(texte: str) -> Callable[[QWidget], None]:
    """Click the button of a message box whose text (without its mnemonic) is `texte`."""

    def agir(boite: QWidget) -> None:
        assert isinstance(boite, QMessageBox)
        (bouton,) = [b for b in boite.buttons() if b.text().replace("&", "") == texte]
        bouton.click()

    return agir
