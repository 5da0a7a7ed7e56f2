"""Provisional until the import dialog lands: says so in French."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.ui.contexte import Contexte


def importer_depuis_la_fenetre(contexte: Contexte, parent: QWidget | None = None) -> None:
    QMessageBox.information(
        parent,
        "Importer un classeur",
        "L'import depuis la fenêtre arrive bientôt ; utilisez « comite-local importer ».",
    )
