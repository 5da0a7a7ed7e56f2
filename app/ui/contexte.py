"""What every page shares: the open base, the session's undo stack, and a signal when data changed.

Every edit a page makes goes through `Contexte.executer`: it runs in one transaction (`session_scope`), and
only once it succeeded is it pushed on the undo stack, so Ctrl+Z can take it back within the session.

    personne_id = contexte.executer(
        "Ajouter Anne Martin",
        faire=lambda s: annuaire.creer_personne(s, ...).id,
        defaire=lambda s, pid: annuaire.supprimer_personne(s, pid),
    )
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.orm import Session

from app import db
from app.erreurs import ErreurConnue

T = TypeVar("T")
journal = logging.getLogger(__name__)


class Contexte(QObject):
    donnees_modifiees = Signal()  # after any edit, undo or redo: pages reload what they show
    echec = Signal(str)  # an undo or redo that could not be applied, in French

    def __init__(self, base: db.BaseDeDonnees, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.base = base
        self.pile = QUndoStack(self)

    def lire(self, lecture: Callable[[Session], T]) -> T:
        """Run a read in its own transaction (nothing written)."""
        with self.base.session_scope() as session:
            return lecture(session)

    def executer(
        self,
        libelle: str,
        faire: Callable[[Session], T],
        defaire: Callable[[Session, T], Any],
        refaire: Callable[[Session, T], T] | None = None,
    ) -> T:
        """Apply `faire` now (ErreurConnue goes to the caller, nothing is recorded) and make it undoable.

        `defaire(session, resultat)` takes it back; `refaire(session, resultat)` applies it again after an undo
        and returns the new result (by default `faire` runs again: a re-created record gets a new id).
        """
        with self.base.session_scope() as session:
            resultat = faire(session)
        commande = _Commande(self, libelle, resultat, defaire, refaire or (lambda s, _r: faire(s)))
        self.pile.push(commande)  # its first redo() is skipped: the work is already done
        self.donnees_modifiees.emit()
        return resultat


class _Commande(QUndoCommand, Generic[T]):
    def __init__(
        self,
        contexte: Contexte,
        libelle: str,
        resultat: T,
        defaire: Callable[[Session, T], Any],
        refaire: Callable[[Session, T], T],
    ) -> None:
        super().__init__(libelle)
        self.contexte = contexte
        self.resultat = resultat
        self._defaire = defaire
        self._refaire = refaire
        self._premiere_fois = True

    def _appliquer(self, action: Callable[[Session], None], verbe: str) -> None:
        try:
            with self.contexte.base.session_scope() as session:
                action(session)
        except ErreurConnue as erreur:
            # The record changed since (for example, someone now appears in minutes): this step can no
            # longer be replayed. Drop it from the stack rather than leave a lie there.
            self.setObsolete(True)
            self.contexte.echec.emit(f"Impossible {verbe} « {self.text()} » : {erreur.message}")
        self.contexte.donnees_modifiees.emit()

    def undo(self) -> None:
        self._appliquer(lambda s: self._defaire(s, self.resultat), "d'annuler")

    def redo(self) -> None:
        if self._premiere_fois:
            self._premiere_fois = False
            return

        def refaire(session: Session) -> None:
            self.resultat = self._refaire(session, self.resultat)

        self._appliquer(refaire, "de rétablir")
