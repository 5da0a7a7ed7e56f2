"""The end of an export run in a worker (`Travail`): the bytes it built are written on the GUI thread, in one go.

A cancelled run writes nothing; a known failure (disk full, folder refused…) is said in French; anything else
goes on to the application's error handler. Shared by the Exports and Journal pages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.erreurs import ErreurConnue
from app.fichiers import ecrire_atomiquement
from app.ui.annuaire.tableaux import avertir
from app.ui.travail import Travail


class ExportInterrompu(ErreurConnue):
    """A run cancelled by the user: nothing was written. Subclasses give their own `MESSAGE`."""

    MESSAGE = "Export annulé : aucun fichier n'a été enregistré."

    def __init__(self) -> None:
        super().__init__(self.MESSAGE)


def brancher_export(
    page: QWidget,
    travail: Travail,
    cible: Path,
    *,
    annulation: type[ExportInterrompu],
    echec: str,
    montrer: Callable[[str], None],
    enregistre: Callable[[Path], None],
    termine: Callable[[], None],
) -> None:
    """Connect `travail` so that its result is written to `cible`; `annulation()` is the cancelled run's error
    (its message is shown), `echec` the line shown before an unknown failure is passed on."""

    def reussi(resultat: object) -> None:
        if travail.annule or not isinstance(resultat, bytes):
            montrer(annulation().message)
            return
        try:
            ecrire_atomiquement(cible, resultat)
        except ErreurConnue as erreur:
            montrer(erreur.message)
            avertir(page, "Export impossible", erreur)
            return
        enregistre(cible)

    def echoue(erreur: object) -> None:
        if isinstance(erreur, annulation) or travail.annule:
            montrer(annulation().message)
        elif isinstance(erreur, ErreurConnue):
            montrer(erreur.message)
            avertir(page, "Export impossible", erreur)
        elif isinstance(erreur, BaseException):
            montrer(echec)
            raise erreur  # an unknown failure goes to the application's error handler

    def fini() -> None:
        travail.deleteLater()
        termine()

    travail.reussi.connect(reussi)
    travail.echoue.connect(echoue)
    travail.termine.connect(fini)
