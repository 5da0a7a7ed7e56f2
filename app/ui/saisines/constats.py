"""The anonymisation check seen in the editors: what the detector found (`Signalement`), the task that runs it
off the GUI thread, the table of findings, and their highlighting in a text editor with a French tooltip.

The detector (`app.services.anonymat`) loads a language model the first time, which takes a few seconds: it is
imported and run in the worker only, never when the page is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from app import db
from app.ui.tableau_lignes import Colonne, ModeleLignes

QUESTION = "question"
CONTEXTE = "contexte"
LIEUX = {QUESTION: "Question", CONTEXTE: "Contexte"}
FOND_SIGNALEMENT = QColor("#FDE68A")  # a highlighter's yellow: readable under black text, in light and dark themes
SOULIGNE_SIGNALEMENT = QColor("#B45309")


@dataclass(frozen=True)
class Signalement:
    """One finding: in which text (`champ`), where (character offsets, end excluded), of what kind."""

    id: int
    champ: str
    debut: int
    fin: int
    type: str
    libelle: str  # the kind in French (« Numéro de téléphone »)
    extrait: str


def detecter(base: db.BaseDeDonnees, question: str, contexte: str) -> list[Signalement]:
    """Run the detector on both texts (in a worker: it opens its own session and returns plain data)."""
    from app.services import anonymat  # loads the language model: only here, off the GUI thread

    with base.session_scope() as session:
        noms = anonymat.noms_de_l_annuaire(session)
    signalements: list[Signalement] = []
    for champ, texte in ((QUESTION, question), (CONTEXTE, contexte)):
        for c in anonymat.detecter(texte, noms):
            libelle = anonymat.TYPES.get(c.type, c.type)
            signalements.append(Signalement(len(signalements) + 1, champ, c.debut, c.fin, c.type, libelle, c.extrait))
    return signalements


def texte_nombre(n: int) -> str:
    return f"{n} signalement{'s' if n > 1 else ''}"


COLONNES: tuple[Colonne[Signalement], ...] = (
    Colonne("Type", lambda s: s.libelle),
    # In reading order: the question first, then its context.
    Colonne("Extrait", lambda s: f"« {s.extrait} »", lambda s: f"{s.champ != QUESTION:d} {s.debut:09d}"),
    Colonne("Où", lambda s: LIEUX[s.champ]),
)


def modele_signalements(parent: QObject | None = None) -> ModeleLignes[Signalement]:
    return ModeleLignes(COLONNES, lambda s: f"{s.libelle} {s.extrait}", parent=parent)


def position_qt(texte: str, rang: int) -> int:
    """A Python character offset as a position in a QTextDocument, which counts UTF-16 code units."""
    return len(texte[:rang].encode("utf-16-le")) // 2


class Surligneur(QObject):
    """Highlights findings in one editor (background colour, wavy underline) and says their kind on hover."""

    def __init__(self, editeur: QPlainTextEdit) -> None:
        super().__init__(editeur)
        self.editeur = editeur
        self.zones: list[tuple[int, int, Signalement]] = []  # Qt positions
        editeur.viewport().installEventFilter(self)

    def definir(self, signalements: Sequence[Signalement], texte: str) -> None:
        """Highlight `signalements`, found in `texte` (the editor's text when they were found)."""
        self.zones = [(position_qt(texte, s.debut), position_qt(texte, s.fin), s) for s in signalements]
        forme = QTextCharFormat()
        forme.setBackground(FOND_SIGNALEMENT)
        forme.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        forme.setUnderlineColor(SOULIGNE_SIGNALEMENT)
        selections = []
        for debut, fin, _s in self.zones:
            selection = QTextEdit.ExtraSelection()
            curseur = QTextCursor(self.editeur.document())
            curseur.setPosition(debut)
            curseur.setPosition(fin, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = curseur
            selection.format = forme
            selections.append(selection)
        self.editeur.setExtraSelections(selections)

    def effacer(self) -> None:
        self.zones = []
        self.editeur.setExtraSelections([])

    def montrer(self, signalement: Signalement) -> None:
        """Select the finding's text in the editor and scroll to it."""
        for debut, fin, s in self.zones:
            if s.id == signalement.id:
                curseur = QTextCursor(self.editeur.document())
                curseur.setPosition(debut)
                curseur.setPosition(fin, QTextCursor.MoveMode.KeepAnchor)
                self.editeur.setTextCursor(curseur)
                self.editeur.ensureCursorVisible()
                return

    def signalement_en(self, position: int) -> Signalement | None:
        return next((s for debut, fin, s in self.zones if debut <= position < fin), None)

    def eventFilter(self, objet: QObject, evenement: QEvent) -> bool:
        if evenement.type() == QEvent.Type.ToolTip and isinstance(evenement, QHelpEvent) and self.zones:
            position = self.editeur.cursorForPosition(evenement.pos()).position()
            s = self.signalement_en(position)
            if s is not None:
                QToolTip.showText(evenement.globalPos(), f"{s.libelle} : « {s.extrait} »", self.editeur)
                return True
            QToolTip.hideText()
        return super().eventFilter(objet, evenement)


def infobulle_de(surligneur: Surligneur, position: int) -> str:
    """What the tooltip says at `position` (for tests and accessibility): the kind and the extract, or ""."""
    s = surligneur.signalement_en(position)
    return f"{s.libelle} : « {s.extrait} »" if s is not None else ""
