"""The body's editor: a QTextEdit with the little formatting an opinion needs, stored as Markdown.

Bold (Ctrl+B), italic (Ctrl+I), bullet list (Ctrl+Maj+L), numbered list (Ctrl+Maj+N) and section heading
(Ctrl+Maj+T), from a small toolbar or the keys. What the printed opinion can show is what `toMarkdown()` writes
(`app.documents.texte_formate`), so anything pasted goes through Markdown first: what the secretary sees is what
will be saved and printed, never a font or a colour that silently disappears.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeyEvent,
    QKeySequence,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextListFormat,
)
from PySide6.QtWidgets import QTextEdit, QToolBar, QToolButton, QVBoxLayout, QWidget

NIVEAU_TITRE = 2  # « ## Cadre »: the level MODELE_TEXTE uses for its sections
TAILLE_TITRE = 2  # the font size step Qt's Markdown reader gives a level-2 heading
Style = QTextListFormat.Style


def _portable(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.PortableText)


class ZoneTexte(QTextEdit):
    """The text itself. Its keys win over the window's (Ctrl+I is also « Importer un classeur »)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.raccourcis: dict[str, Callable[[], None]] = {}  # « Ctrl+Shift+L » → what it does

    def _action_de(self, evenement: QKeyEvent) -> Callable[[], None] | None:
        return self.raccourcis.get(_portable(QKeySequence(evenement.keyCombination())))

    def event(self, evenement: QEvent) -> bool:
        # Accepting the override keeps the window's shortcut from firing: the key comes here as a key press.
        if (
            evenement.type() == QEvent.Type.ShortcutOverride
            and isinstance(evenement, QKeyEvent)
            and not self.isReadOnly()
            and self._action_de(evenement) is not None
        ):
            evenement.accept()
            return True
        return super().event(evenement)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        action = None if self.isReadOnly() else self._action_de(e)
        if action is not None:
            e.accept()
            action()
            return
        if (
            e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not self.isReadOnly()
            and self.textCursor().blockFormat().headingLevel()
            and self.textCursor().atBlockEnd()
        ):
            # After a section heading comes its text, as in any word processor: not a second heading.
            curseur = self.textCursor()
            curseur.insertBlock(QTextBlockFormat(), QTextCharFormat())
            self.setTextCursor(curseur)
            e.accept()
            return
        super().keyPressEvent(e)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText() or source.hasHtml()

    def insertFromMimeData(self, source: QMimeData) -> None:
        curseur = self.textCursor()
        if source.hasHtml():
            # Through Markdown: bold, italics, lists and headings survive; fonts, colours and tables do not.
            provisoire = QTextDocument()
            provisoire.setHtml(source.html())
            curseur.insertMarkdown(provisoire.toMarkdown())
        elif source.hasText():
            curseur.insertText(source.text())
        self.setTextCursor(curseur)
        self.ensureCursorVisible()


class EditeurTexte(QWidget):
    """The toolbar above the text; `markdown()` and `charger()` convert to and from what is stored."""

    def __init__(self, nom_accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = ZoneTexte()
        self.zone.setAccessibleName(nom_accessible)
        self.zone.setTabChangesFocus(True)  # Tab goes on to « Enregistrer », as in any form
        self.zone.setAcceptRichText(True)
        self.barre = QToolBar("Mise en forme")
        self.barre.setAccessibleName("Mise en forme du texte")
        self.barre.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.gras = self._action("Gras", "Gras", "Ctrl+B", self.basculer_gras)
        self.italique = self._action("Italique", "Italique", "Ctrl+I", self.basculer_italique)
        police = self.gras.font()
        police.setBold(True)
        self.gras.setFont(police)
        police = self.italique.font()
        police.setItalic(True)
        self.italique.setFont(police)
        self.barre.addSeparator()
        self.puces = self._action(
            "• Liste à puces", "Liste à puces", "Ctrl+Shift+L", lambda: self.basculer_liste(Style.ListDisc)
        )
        self.numeros = self._action(
            "1. Liste numérotée", "Liste numérotée", "Ctrl+Shift+N", lambda: self.basculer_liste(Style.ListDecimal)
        )
        self.barre.addSeparator()
        self.titre = self._action("Titre de section", "Titre de section", "Ctrl+Shift+T", self.basculer_titre)
        disposition = QVBoxLayout(self)
        disposition.setContentsMargins(0, 0, 0, 0)
        disposition.setSpacing(2)
        disposition.addWidget(self.barre)
        disposition.addWidget(self.zone, 1)
        self.setFocusProxy(self.zone)
        self.zone.cursorPositionChanged.connect(self._actualiser_boutons)
        self.zone.currentCharFormatChanged.connect(lambda _format: self._actualiser_boutons())

    def _action(self, texte: str, nom: str, touche: str, faire: Callable[[], None]) -> QAction:
        action = QAction(texte, self)
        action.setCheckable(True)
        action.setToolTip(f"{nom} ({touche.replace('Shift', 'Maj')})")
        # The key is the text zone's (see ZoneTexte), not the action's: no clash with the window's Ctrl+I.
        self.zone.raccourcis[_portable(QKeySequence(touche))] = faire
        action.triggered.connect(lambda _coche=False: faire())
        self.barre.addAction(action)
        bouton = self.barre.widgetForAction(action)
        if isinstance(bouton, QToolButton):
            bouton.setAccessibleName(nom)
        return action

    # --- Markdown in and out -----------------------------------------------------------------------------

    def charger(self, markdown: str) -> str:
        """Show a stored text; returns the Markdown Qt writes back for it untouched (compare with `markdown()`:
        equal means nothing changed, even where Qt rewraps lines or drops blank lines)."""
        self.zone.document().setMarkdown(markdown)
        self.zone.document().setModified(False)
        self.zone.document().clearUndoRedoStacks()
        self.zone.moveCursor(QTextCursor.MoveOperation.Start)
        return self.markdown()

    def markdown(self) -> str:
        return self.zone.document().toMarkdown()

    def definir_lecture_seule(self, lecture_seule: bool) -> None:
        self.zone.setReadOnly(lecture_seule)
        self.barre.setVisible(not lecture_seule)  # nothing to format: the room goes to the text

    # --- formatting --------------------------------------------------------------------------------------

    def basculer_gras(self) -> None:
        format_ = QTextCharFormat()
        gras = self.zone.fontWeight() >= QFont.Weight.DemiBold
        format_.setFontWeight(QFont.Weight.Normal if gras else QFont.Weight.Bold)
        self.zone.mergeCurrentCharFormat(format_)
        self._actualiser_boutons()

    def basculer_italique(self) -> None:
        format_ = QTextCharFormat()
        format_.setFontItalic(not self.zone.fontItalic())
        self.zone.mergeCurrentCharFormat(format_)
        self._actualiser_boutons()

    def basculer_liste(self, style: QTextListFormat.Style) -> None:
        curseur = self.zone.textCursor()
        liste = curseur.currentList()
        curseur.beginEditBlock()
        if liste is not None and liste.format().style() == style:
            # Out of the list: back to plain paragraphs.
            debut, fin = sorted((curseur.anchor(), curseur.position()))
            bloc = self.zone.document().findBlock(debut)
            while bloc.isValid() and bloc.position() <= fin:
                if bloc.textList() is not None:
                    bloc.textList().remove(bloc)
                    format_bloc = QTextCursor(bloc).blockFormat()
                    format_bloc.setIndent(0)
                    QTextCursor(bloc).setBlockFormat(format_bloc)
                bloc = bloc.next()
        elif liste is not None:
            format_liste = liste.format()
            format_liste.setStyle(style)
            liste.setFormat(format_liste)
        else:
            self._sans_titre(curseur)
            curseur.createList(style)
        curseur.endEditBlock()
        self._actualiser_boutons()

    def basculer_titre(self) -> None:
        curseur = self.zone.textCursor()
        titre = curseur.blockFormat().headingLevel() == 0
        curseur.beginEditBlock()
        if titre:
            liste = curseur.currentList()
            if liste is not None:
                liste.remove(curseur.block())
        format_bloc = curseur.blockFormat()
        format_bloc.setHeadingLevel(NIVEAU_TITRE if titre else 0)
        format_bloc.setIndent(0)
        curseur.setBlockFormat(format_bloc)
        format_car = QTextCharFormat()
        format_car.setFontWeight(QFont.Weight.Bold if titre else QFont.Weight.Normal)
        format_car.setProperty(QTextFormat.Property.FontSizeAdjustment, TAILLE_TITRE if titre else 0)
        tout = QTextCursor(curseur)
        tout.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        tout.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        tout.mergeCharFormat(format_car)
        curseur.mergeBlockCharFormat(format_car)
        self.zone.mergeCurrentCharFormat(format_car)
        curseur.endEditBlock()
        self._actualiser_boutons()

    def _sans_titre(self, curseur: QTextCursor) -> None:
        """A heading made into a list item loses its heading look first."""
        if curseur.blockFormat().headingLevel():
            self.basculer_titre()

    def _actualiser_boutons(self) -> None:
        curseur = self.zone.textCursor()
        liste = curseur.currentList()
        style = liste.format().style() if liste is not None else None
        titre = curseur.blockFormat().headingLevel() > 0
        self.gras.setChecked(not titre and self.zone.fontWeight() >= QFont.Weight.DemiBold)
        self.italique.setChecked(self.zone.fontItalic())
        self.puces.setChecked(style == Style.ListDisc)
        self.numeros.setChecked(style == Style.ListDecimal)
        self.titre.setChecked(titre)
