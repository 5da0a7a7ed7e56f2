"""The documents the « Exports » page produces, and the task its worker runs (no Qt, no widget).

The worker gets plain values only (the base, whose engine is thread-safe, and a frozen `Demande`), opens its own
read-only transaction and returns the bytes; the GUI thread writes the file. Exporting never writes to the base,
so it works on a base opened read-only.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass

from app import db
from app.services.dossier_candidature import dossier_candidature_pdf
from app.services.export_ansa import classeur_ansa
from app.services.indicateurs import Periode
from app.services.rapport_hcts import rapport_hcts_pdf
from app.ui.export_fichier import ExportInterrompu

FILTRE_XLSX = "Classeurs Excel (*.xlsx)"
FILTRE_PDF = "Documents PDF (*.pdf)"


class Document(enum.Enum):
    CLASSEUR_ANSA = "ansa"
    RAPPORT_HCTS = "hcts"
    DOSSIER_CANDIDATURE = "candidature"

    @property
    def libelle(self) -> str:
        return {
            Document.CLASSEUR_ANSA: "Classeur d'évaluation ANSA (.xlsx)",
            Document.RAPPORT_HCTS: "Rapport au HCTS (PDF)",
            Document.DOSSIER_CANDIDATURE: "Dossier de candidature (PDF)",
        }[self]

    @property
    def avec_periode(self) -> bool:
        return self is not Document.DOSSIER_CANDIDATURE

    @property
    def suffixe(self) -> str:
        return ".xlsx" if self is Document.CLASSEUR_ANSA else ".pdf"

    @property
    def filtre(self) -> str:
        return FILTRE_XLSX if self is Document.CLASSEUR_ANSA else FILTRE_PDF


class ExportAnnule(ExportInterrompu):
    MESSAGE = "Export annulé : aucun fichier n'a été enregistré."


@dataclass(frozen=True)
class Demande:
    document: Document
    du: dt.date
    au: dt.date
    noms: bool = False

    @property
    def periode(self) -> Periode:
        return Periode(self.du, self.au)

    def nom_propose(self) -> str:
        """The file name the save dialog offers, e.g. « Classeur ANSA 2026-01-01 au 2026-11-22.xlsx »."""
        bornes = f"{self.du.isoformat()} au {self.au.isoformat()}"
        if self.document is Document.CLASSEUR_ANSA:
            return f"Classeur ANSA {bornes}{' (noms)' if self.noms else ''}.xlsx"
        if self.document is Document.RAPPORT_HCTS:
            return f"Rapport HCTS {bornes}.pdf"
        return "Dossier de candidature.pdf"


def produire(base: db.BaseDeDonnees, demande: Demande, annule: Callable[[], bool]) -> bytes:
    """The document's bytes; ExportAnnule if the user cancelled (checked before and after building it: the
    services build a document in one go)."""
    if annule():
        raise ExportAnnule()
    with base.session_scope() as session:
        if demande.document is Document.CLASSEUR_ANSA:
            contenu = classeur_ansa(session, demande.periode, noms=demande.noms)
        elif demande.document is Document.RAPPORT_HCTS:
            contenu = rapport_hcts_pdf(session, demande.periode)
        else:
            contenu = dossier_candidature_pdf(session)
    if annule():
        raise ExportAnnule()
    return contenu
