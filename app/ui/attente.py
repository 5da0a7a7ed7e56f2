"""A short piece of work on the GUI thread (a PDF to make, a text to check) under the wait cursor."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from app.erreurs import ErreurConnue
from app.ui.annuaire.tableaux import avertir

T = TypeVar("T")


def avec_attente(parent: QWidget, titre: str, faire: Callable[[], T]) -> T | None:
    """`faire()` under the wait cursor; a known refusal is shown (the cursor back first) and gives None."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return faire()
    except ErreurConnue as erreur:
        QGuiApplication.restoreOverrideCursor()
        avertir(parent, titre, erreur)
        return None
    finally:
        if QGuiApplication.overrideCursor() is not None:
            QGuiApplication.restoreOverrideCursor()
