"""The audit journal exported: an .xlsx workbook (an Excel table with filters, frozen header, real date-times)
or a CSV file as a French Excel opens it (UTF-8 with BOM, « ; » between fields, CRLF line ends).

Pure functions: rows in, bytes out. Texts never become formulas: the workbook goes through `classeur`'s safe
cells, and a CSV field that a spreadsheet would run as a formula (« = », « + », « - », « @ »…) gets a leading
apostrophe, which spreadsheets read as « this is text ».
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import NamedTuple

from app.documents.classeur import (
    DEBUTS_RISQUES,
    ajouter_tableau,
    ajuster_largeurs,
    ecrire_cellule,
    octets_classeur,
    proprietes,
    valeur_sure,
)

ENTETES = ("Date et heure", "Utilisateur", "Entité", "N°", "Enregistrement", "Opération", "Détail")
LIGNES_MAX_XLSX = 1_048_575  # Excel's rows a sheet, less the header
LARGEUR_DETAIL = 90.0
FORMAT_CSV_DATE_HEURE = "%d/%m/%Y %H:%M:%S"  # what a French Excel reads as a date and time


class LigneJournal(NamedTuple):
    horodatage: dt.datetime
    utilisateur: str
    entite: str  # the French label
    numero: int | None
    enregistrement: str
    operation: str  # the French label
    detail: str  # one change a line


class TropDeLignes(ValueError):
    """More rows than an Excel sheet holds."""


def classeur_journal(
    lignes: Sequence[LigneJournal], *, emis_le: dt.date, filtres: Sequence[tuple[str, str]] = ()
) -> bytes:
    """The workbook: sheet « Journal » (the table), sheet « Filtres » (what was asked, when)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    if len(lignes) > LIGNES_MAX_XLSX:
        raise TropDeLignes(
            f"{len(lignes)} entrées : une feuille Excel n'en contient que {LIGNES_MAX_XLSX}. Restreignez la période "
            "ou exportez en CSV."
        )
    classeur = Workbook()
    feuille = classeur.active
    feuille.title = "Journal"
    ajouter_tableau(feuille, "Journal", ENTETES, [tuple(ligne) for ligne in lignes])
    feuille.freeze_panes = "A2"
    ajuster_largeurs(feuille)
    feuille.column_dimensions["G"].width = LARGEUR_DETAIL
    enveloppe = Alignment(wrap_text=True, vertical="top")
    for (cellule,) in feuille.iter_rows(min_row=2, min_col=7, max_col=7):
        cellule.alignment = enveloppe

    infos = classeur.create_sheet("Filtres")
    ecrire_cellule(infos.cell(row=1, column=1), "Journal des modifications")
    ecrire_cellule(infos.cell(row=2, column=1), "Exporté le")
    ecrire_cellule(infos.cell(row=2, column=2), emis_le)
    ecrire_cellule(infos.cell(row=3, column=1), "Entrées")
    ecrire_cellule(infos.cell(row=3, column=2), len(lignes))
    for rang, (nom, valeur) in enumerate(filtres, start=4):
        ecrire_cellule(infos.cell(row=rang, column=1), nom)
        ecrire_cellule(infos.cell(row=rang, column=2), valeur)
    ajuster_largeurs(infos)
    proprietes(classeur, titre="Journal des modifications", sujet="Journal des modifications", emis_le=emis_le)
    return octets_classeur(classeur, emis_le)


def _champ_csv(valeur: object) -> str:
    if valeur is None:
        return ""
    if isinstance(valeur, dt.datetime):
        return valeur.strftime(FORMAT_CSV_DATE_HEURE)
    texte = str(valeur_sure(valeur))  # type: ignore[arg-type]
    return "'" + texte if texte.startswith(DEBUTS_RISQUES) else texte


def _csv(rangees: Sequence[Sequence[object]]) -> str:
    flux = io.StringIO(newline="")
    ecrivain = csv.writer(flux, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    ecrivain.writerows(rangees)
    return flux.getvalue()


def csv_entete() -> bytes:
    """The BOM and the header row: a CSV may then be written in pieces (`csv_lignes`), batch after batch."""
    return _csv([ENTETES]).encode("utf-8-sig")


def csv_lignes(lignes: Sequence[LigneJournal]) -> bytes:
    """Rows only, to follow `csv_entete()`."""
    return _csv([[_champ_csv(v) for v in ligne] for ligne in lignes]).encode("utf-8")


def csv_journal(lignes: Sequence[LigneJournal]) -> bytes:
    """UTF-8 with BOM and « ; »: a French Excel opens it in columns, accents intact."""
    return csv_entete() + csv_lignes(lignes)
