"""Importing a workbook (CONCEPTION §4, « Import workbook »): all or nothing, every error listed at once.

    rapport = importer_classeur(base, Path("membres.xlsx"), simulation=True)

The workbook is read and checked on its own (`analyser_classeur`), then against the base, inside the one
transaction that writes it. Any error, a cancellation or an unexpected failure rolls everything back.
Rows match the base on structure name, person name + first name, meeting reference, mandate (person,
instance, qualité, start) and attendance (meeting, person), so a second identical import changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.db import BaseDeDonnees
from app.erreurs import ErreurConnue
from app.services.import_analyse import analyser_classeur
from app.services.import_controle import Referentiel, Vue, controler
from app.services.import_ecriture import ENTITES, Ecriture
from app.services.import_lignes import ClasseurLu
from app.services.import_schema import FEUILLES, ErreurImport

__all__ = [
    "ClasseurLu",
    "ErreurImport",
    "ImportAnnule",
    "ImportRefuse",
    "RapportImport",
    "analyser_classeur",
    "importer_classeur",
]

_RANG_FEUILLE = {nom: rang for rang, nom in enumerate(FEUILLES, start=1)}
_PAS_DE_PROGRESSION = 50  # rows between two progress reports (and two looks at the cancel button)


@dataclass
class RapportImport:
    erreurs: list[ErreurImport] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)
    crees: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ENTITES, 0))  # by French plural name
    modifies: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ENTITES, 0))
    simulation: bool = False

    @property
    def valide(self) -> bool:
        return not self.erreurs


class ImportRefuse(ErreurConnue):
    """The workbook has errors: nothing was written. `rapport.erreurs` lists them all."""

    def __init__(self, rapport: RapportImport) -> None:
        super().__init__(f"Import refusé : {len(rapport.erreurs)} erreur(s).")
        self.rapport = rapport


class ImportAnnule(ErreurConnue):
    """Cancelled by the user: nothing was written."""

    def __init__(self) -> None:
        super().__init__("Import annulé : rien n'a été écrit.")


class _Avancement:
    def __init__(
        self,
        total: int,
        progression: Callable[[int, int], None] | None,
        annule: Callable[[], bool] | None,
    ) -> None:
        self.total = total
        self.fait = 0
        self.progression = progression
        self.annule = annule
        self.signale = 0

    def verifier(self) -> None:
        if self.annule is not None and self.annule():
            raise ImportAnnule()

    def signaler(self) -> None:
        if self.progression is not None:
            self.progression(min(self.fait, self.total), self.total)
        self.signale = self.fait
        self.verifier()

    def avancer(self, lignes: int) -> None:
        self.fait += lignes
        if self.fait - self.signale >= _PAS_DE_PROGRESSION:
            self.signaler()


def _ordre(erreur: ErreurImport) -> tuple[int, int]:
    """Sheets in the contract's order, then rows; the sort is stable, so one row keeps its columns' order."""
    rang = _RANG_FEUILLE.get(erreur.feuille, 0)
    return rang, erreur.ligne or 0


def _refus(rapport: RapportImport, erreurs: list[ErreurImport]) -> ImportRefuse:
    rapport.erreurs = sorted(erreurs, key=_ordre)
    return ImportRefuse(rapport)


def importer_classeur(
    base: BaseDeDonnees,
    chemin: Path,
    *,
    simulation: bool = False,
    progression: Callable[[int, int], None] | None = None,
    annule: Callable[[], bool] | None = None,
) -> RapportImport:
    """Import `chemin` into `base`, or with `simulation` check everything against the base and write nothing.

    Raises ImportRefuse (with the full report) if anything is wrong, ImportAnnule if `annule()` turns true.
    """
    avancement = _Avancement(0, progression, annule)
    avancement.verifier()
    lu, erreurs = analyser_classeur(chemin)
    rapport = RapportImport(avertissements=list(lu.avertissements), simulation=simulation)
    avancement.total = max(lu.nombre_de_lignes, 1)
    avancement.signaler()
    if any(not e.feuille for e in erreurs):
        raise _refus(rapport, erreurs)  # the file itself is unreadable: nothing to check against the base
    with base.session_scope() as session:
        vue = Vue(lu, Referentiel(session, lu))
        erreurs += controler(vue)
        if erreurs:
            raise _refus(rapport, erreurs)
        avancement.verifier()
        ecriture = Ecriture(session, vue, avancement.avancer)
        ecriture.tout()
        rapport.crees, rapport.modifies = ecriture.crees, ecriture.modifies
        avancement.fait = avancement.total
        avancement.signaler()
        if simulation:
            session.rollback()
    return rapport
