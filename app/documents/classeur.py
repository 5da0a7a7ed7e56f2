"""Small helpers for the workbooks the committee exports (register, ANSA evaluation): safe cells, tables, bytes.

- A text is always written as text: openpyxl takes a str starting with « = » for a formula, and a spreadsheet
  may run a text starting with « + », « - », « @ », a tab or a carriage return as one when the cell is edited
  (CSV/formula injection). `ecrire_cellule` forces the string type and, for those, Excel's quote prefix.
- Dates are real date cells shown JJ/MM/AAAA; booleans are « Oui » / « Non ».
- `octets_classeur` gives the same bytes for the same workbook: the document properties are dated from the
  issue date and every zip entry carries that date, not the time of the export.

openpyxl is imported inside the functions: it is slow to import and the application does not need it at start-up.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any

__all__ = [
    "FORMAT_DATE",
    "ajouter_tableau",
    "ajuster_largeurs",
    "ecrire_cellule",
    "octets_classeur",
    "proprietes",
    "valeur_sure",
]

FORMAT_DATE = "DD/MM/YYYY"  # shown « JJ/MM/AAAA » by a French Excel or LibreOffice
FORMAT_DATE_HEURE = "DD/MM/YYYY HH:MM"
DEBUTS_RISQUES = ("=", "+", "-", "@", "\t", "\r")
# What XML 1.0 cannot hold (openpyxl raises IllegalCharacterError on them); tab, line feed and CR stay.
_ILLEGAUX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
LARGEUR_MIN, LARGEUR_MAX = 8.0, 60.0

Valeur = str | int | float | bool | dt.date | dt.datetime | None


def valeur_sure(valeur: Valeur) -> str | int | float | dt.date | dt.datetime | None:
    """What to store for `valeur`: a text cleaned of what XML cannot hold, « Oui » / « Non » for a boolean."""
    if isinstance(valeur, bool):  # before int: a bool is an int
        return "Oui" if valeur else "Non"
    if isinstance(valeur, str):
        return _ILLEGAUX.sub("", valeur)
    return valeur


def ecrire_cellule(cellule: Any, valeur: Valeur) -> None:
    """Write `valeur` into an openpyxl cell: texts as texts (never a formula), dates formatted, booleans in French."""
    sure = valeur_sure(valeur)
    if sure == "":
        sure = None  # an empty cell, not an empty text (filters then offer « (vides) »)
    cellule.value = sure
    if isinstance(sure, str):
        cellule.data_type = "s"  # openpyxl made it « f » if it starts with « = »
        if sure.startswith(DEBUTS_RISQUES):
            cellule.quotePrefix = True  # Excel and LibreOffice keep it text when the cell is edited
    elif isinstance(sure, dt.datetime):
        cellule.number_format = FORMAT_DATE_HEURE
    elif isinstance(sure, dt.date):
        cellule.number_format = FORMAT_DATE


def _texte_affiche(valeur: object) -> str:
    if isinstance(valeur, dt.datetime):
        return "00/00/0000 00:00"
    if isinstance(valeur, dt.date):
        return "00/00/0000"
    return "" if valeur is None else str(valeur)


def ajuster_largeurs(feuille: Any, largeur_max: float = LARGEUR_MAX, premiere_ligne: int = 1) -> None:
    """Each column as wide as its longest line (within bounds), counting the filter button of the header."""
    from openpyxl.utils import get_column_letter

    largeurs: dict[int, float] = {}
    for rangee in feuille.iter_rows(min_row=premiere_ligne):
        for cellule in rangee:
            lignes = _texte_affiche(cellule.value).split("\n")
            longueur = max(len(ligne) for ligne in lignes)
            if cellule.row == premiere_ligne:
                longueur += 3  # the filter arrow covers the end of the header
            largeurs[cellule.column] = max(largeurs.get(cellule.column, 0.0), float(longueur))
    for colonne, caracteres in largeurs.items():
        feuille.column_dimensions[get_column_letter(colonne)].width = min(max(caracteres + 2, LARGEUR_MIN), largeur_max)


def ajouter_tableau(
    feuille: Any,
    nom: str,
    entetes: Sequence[str],
    lignes: Sequence[Sequence[Valeur]],
    *,
    premiere_ligne: int = 1,
    style: str = "TableStyleMedium2",
) -> str:
    """Write a header and rows from `premiere_ligne`, make them an Excel table with filters; return its range.

    `nom` must be unique in the workbook, letters, digits and « _ » only (Excel's rule for table names). An
    Excel table needs at least one data row: with none, an empty row is part of the table.
    """
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    if len(set(entetes)) != len(entetes) or not all(e.strip() for e in entetes):
        raise ValueError("Les en-têtes d'un tableau doivent être uniques et non vides.")
    for colonne, entete in enumerate(entetes, start=1):
        ecrire_cellule(feuille.cell(row=premiere_ligne, column=colonne), entete)
    for decalage, ligne in enumerate(lignes, start=1):
        for colonne, valeur in enumerate(ligne, start=1):
            ecrire_cellule(feuille.cell(row=premiere_ligne + decalage, column=colonne), valeur)
    derniere = premiere_ligne + max(len(lignes), 1)
    etendue = f"A{premiere_ligne}:{get_column_letter(len(entetes))}{derniere}"
    tableau = Table(displayName=nom, ref=etendue)
    tableau.tableStyleInfo = TableStyleInfo(name=style, showRowStripes=True, showColumnStripes=False)
    feuille.add_table(tableau)
    return etendue


def proprietes(classeur: Any, *, titre: str, sujet: str, emis_le: dt.date) -> None:
    """Document properties, dated from the issue date (at midnight) so that they do not change the bytes."""
    instant = _minuit(emis_le)
    props = classeur.properties
    props.title = titre
    props.subject = sujet
    props.creator = "Comité local"
    props.lastModifiedBy = "Comité local"
    props.language = "fr-FR"
    props.created = instant
    props.modified = instant


def _minuit(jour: dt.date) -> dt.datetime:
    return dt.datetime(jour.year, jour.month, jour.day)


class _ArchiveDatee(zipfile.ZipFile):
    """A zip whose entries written by name all carry one fixed date (instead of the time of writing)."""

    date_fixe: tuple[int, int, int, int, int, int] = (1980, 1, 1, 0, 0, 0)

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: Any,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.date_fixe)
            info.compress_type = self.compression
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(
        self,
        filename: Any,
        arcname: Any = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        # openpyxl writes each worksheet to a temporary file first: its modification time must not leak either.
        with open(filename, "rb") as fichier:
            self.writestr(str(arcname or filename), fichier.read(), compress_type, compresslevel)


def octets_classeur(classeur: Any, emis_le: dt.date) -> bytes:
    """The .xlsx bytes; the same workbook gives the same bytes whenever it is saved.

    `openpyxl.save_workbook` stamps the modification date with the current time and the zip entries with the
    current time too: its writer is driven here with a zip that dates everything from `emis_le`.
    """
    from openpyxl.writer.excel import ExcelWriter

    flux = io.BytesIO()
    archive = _ArchiveDatee(flux, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    archive.date_fixe = (max(emis_le.year, 1980), emis_le.month, emis_le.day, 0, 0, 0)
    # openpyxl dates a new workbook from the moment it was created: both dates are the issue date here.
    classeur.properties.created = classeur.properties.modified = _minuit(emis_le)
    ExcelWriter(classeur, archive).save()  # writes every part, then closes the archive
    return flux.getvalue()
