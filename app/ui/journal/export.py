"""Exporting the filtered journal, in a worker (`Travail`): read in batches, then the document's bytes.

The task receives the base (its engine is thread-safe) and the filter, opens its own read transaction and never
touches a widget; it checks `annule()` between batches. The GUI thread writes the file.
"""

from __future__ import annotations

from enum import Enum

from app import horloge
from app.db import BaseDeDonnees
from app.documents import journal as document
from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.services import journal_lecture
from app.services.journal_lecture import FiltreJournal
from app.ui.export_fichier import ExportInterrompu
from app.ui.travail import Annule, Progression

TAILLE_LOT = 2_000


class Format(Enum):
    XLSX = ("xlsx", ".xlsx", "Classeur Excel (*.xlsx)")
    CSV = ("CSV", ".csv", "Fichier CSV (*.csv)")

    def __init__(self, libelle: str, suffixe: str, filtre: str) -> None:
        self.libelle = libelle
        self.suffixe = suffixe
        self.filtre = filtre


class ExportJournalAnnule(ExportInterrompu):
    MESSAGE = "Export du journal annulé : aucun fichier n'a été enregistré."


def description_filtre(filtre: FiltreJournal) -> list[tuple[str, str]]:
    """The filter in words, for the workbook's « Filtres » sheet."""
    return [
        ("Du", date_longue(filtre.du) if filtre.du else "le début"),
        ("Au", date_longue(filtre.au) if filtre.au else "aujourd'hui"),
        ("Utilisateur", filtre.utilisateur or "tous"),
        ("Entité", journal_lecture.libelle_entite(filtre.entite) if filtre.entite else "toutes"),
        ("Opération", filtre.operation.libelle if filtre.operation else "toutes"),
        ("Recherche", filtre.texte.strip() or "aucune"),
    ]


def nom_propose(format_: Format) -> str:
    return f"journal-des-modifications-{horloge.aujourdhui():%Y-%m-%d}{format_.suffixe}"


def produire(
    base: BaseDeDonnees, filtre: FiltreJournal, format_: Format, progression: Progression, annule: Annule
) -> bytes:
    """The file's bytes. A CSV is written batch by batch (memory: the file, not the entries); a workbook needs
    every row before openpyxl writes it, so reading counts for half of its progress."""
    with base.session_scope() as session:
        total = journal_lecture.compter(session, filtre)
        if format_ is Format.XLSX and total > document.LIGNES_MAX_XLSX:
            raise ErreurConnue(
                f"{total} entrées : une feuille Excel en contient au plus {document.LIGNES_MAX_XLSX}. Restreignez "
                "la période, ou exportez en CSV."
            )
        etapes = total if format_ is Format.CSV else 2 * total
        progression(0, etapes)
        morceaux = [document.csv_entete()]
        lignes: list[document.LigneJournal] = []
        lues = 0
        for lot in journal_lecture.parcourir(session, filtre, TAILLE_LOT):
            if annule():
                raise ExportJournalAnnule()
            rangees = [journal_lecture.ligne_export(e) for e in lot]
            if format_ is Format.CSV:
                morceaux.append(document.csv_lignes(rangees))
            else:
                lignes.extend(rangees)
            lues += len(lot)
            progression(lues, etapes)
    if annule():
        raise ExportJournalAnnule()
    if format_ is Format.CSV:
        return b"".join(morceaux)
    contenu = document.classeur_journal(lignes, emis_le=horloge.aujourdhui(), filtres=description_filtre(filtre))
    progression(etapes, etapes)
    return contenu
