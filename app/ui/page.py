"""A page of the main window: a widget that knows its title and reloads itself when data change."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

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


class PageCreatrice(Page):
    """A page whose records are created with Ctrl+N (`nouvelle`): inside it, Ctrl+N is not the window's
    « Nouvelle base… ». Accepting the shortcut override keeps the window's shortcut from firing, and the key
    comes to the page as a key press."""

    def nouvelle(self) -> None:
        """Create a record of the page (a dialog)."""

    def event(self, evenement: QEvent) -> bool:
        if (
            evenement.type() == QEvent.Type.ShortcutOverride
            and isinstance(evenement, QKeyEvent)
            and evenement.matches(QKeySequence.StandardKey.New)
        ):
            evenement.accept()
            return True
        return super().event(evenement)

    def keyPressEvent(self, evenement: QKeyEvent) -> None:
        if evenement.matches(QKeySequence.StandardKey.New):
            evenement.accept()
            self.nouvelle()
            return
        super().keyPressEvent(evenement)

