"""Provisional: replaced by the icon set (helper-8)."""

from __future__ import annotations

from PySide6.QtGui import QIcon


def icone(nom: str) -> QIcon:
    return QIcon()
