"""A page of the main window: a widget that knows its title and reloads itself when data change."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.contexte import Contexte


class Page(QWidget):
    titre = "Page"

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.setAccessibleName(self.titre)
        contexte.donnees_modifiees.connect(self.rafraichir)

    def rafraichir(self) -> None:
        """Reload from the base. Called after every edit, undo and redo."""

    def rechercher(self) -> None:
        """Édition › Rechercher: put the cursor in the page's search box, if it has one."""

    def imprimer(self) -> bool:
        """Fichier › Imprimer (Ctrl+P): preview and print what the page shows; False if it has nothing to print."""
        return False

    def rien_a_imprimer(self) -> str:
        """What the status bar says when `imprimer` had nothing to print."""
        return (
            "Rien à imprimer sur cette page : les documents se trouvent sur les pages Séances, Saisines et "
            "Recommandations."
        )

    def preparer_pour_captures(self) -> None:
        """Put the page in a telling state before its picture is taken (a row chosen, for example)."""

    def dialogues_pour_captures(self) -> list[tuple[str, QWidget]]:
        """The page's dialogs, built and filled but not shown, for `python -m app.ui.captures` (review only)."""
        return []


class PageAVenir(Page):
    """A page whose feature has not landed yet: says so plainly, in the user's words."""

    arrivee = "une prochaine version"

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(contexte, parent)
        disposition = QVBoxLayout(self)
        message = QLabel(
            f"<h2>{self.titre}</h2><p>Cette page n'est pas encore disponible : elle arrive avec {self.arrivee}.</p>"
        )
        message.setWordWrap(True)
        message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        disposition.addWidget(message)
