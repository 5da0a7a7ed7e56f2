"""Opening an import workbook and reading its known sheets as raw rows, headers matched to the contract.

Anything wrong with the file itself (not an .xlsx, empty, damaged, password-protected) becomes one
`ErreurImport` without row; openpyxl's own warnings never reach the caller.
"""

from __future__ import annotations

import logging
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.services.import_cellules import en_texte
from app.services.import_schema import (
    FEUILLE_PAR_CLE,
    FEUILLES,
    FEUILLES_OBLIGATOIRES,
    ErreurImport,
    colonnes_par_cle,
)
from app.services.normalisation import normaliser

journal = logging.getLogger(__name__)

_ZIP = b"PK\x03\x04"
_ZIP_VIDE = b"PK\x05\x06"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003, or any password-protected Office file


@dataclass
class FeuilleBrute:
    nom: str  # as the contract spells it
    colonnes: dict[str, int]  # contract column name → position in the row
    lignes: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)  # (row number, values), non-empty
    entete_incomplete: bool = False  # a required column is missing: no row can be complete

    def valeur(self, ligne: tuple[Any, ...], colonne: str) -> Any:
        position = self.colonnes.get(colonne)
        if position is None or position >= len(ligne):
            return None
        return ligne[position]


@dataclass
class LectureBrute:
    feuilles: dict[str, FeuilleBrute] = field(default_factory=dict)
    erreurs: list[ErreurImport] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)


def _erreur_fichier(motif: str) -> ErreurImport:
    return ErreurImport("", None, None, motif)


def _probleme_de_fichier(chemin: Path) -> str | None:
    """Why `chemin` cannot be an .xlsx workbook, judged from its first bytes and its zip directory."""
    nom = f"« {chemin.name} »"
    if not chemin.exists():
        return f"le fichier {nom} est introuvable"
    if not chemin.is_file():
        return f"{nom} n'est pas un fichier"
    try:
        with chemin.open("rb") as fichier:
            debut = fichier.read(8)
    except OSError as exc:
        return f"impossible de lire {nom} : {exc.strerror or exc}"
    if not debut:
        return f"le fichier {nom} est vide (0 octet) : ce n'est pas un classeur Excel"
    if debut == _OLE:
        return (
            f"{nom} est protégé par un mot de passe ou au format Excel 97-2003 (.xls) : "
            "enregistrez-le au format .xlsx, sans mot de passe"
        )
    if not debut.startswith((_ZIP, _ZIP_VIDE)):
        return f"{nom} n'est pas un classeur Excel (.xlsx)"
    try:
        with zipfile.ZipFile(chemin) as archive:
            noms = set(archive.namelist())
            type_mime = archive.read("mimetype") if "mimetype" in noms else b""
    except (zipfile.BadZipFile, OSError, EOFError):
        return f"{nom} est endommagé : l'archive du classeur est illisible"
    if b"opendocument" in type_mime:
        return f"{nom} est un classeur OpenDocument (.ods) : enregistrez-le au format Excel (.xlsx)"
    if "[Content_Types].xml" not in noms or not any(n.startswith("xl/") for n in noms):
        return f"{nom} est une archive ZIP mais pas un classeur Excel (.xlsx)"
    return None


def _feuille(nom: str, lignes: list[tuple[Any, ...]], lecture: LectureBrute) -> FeuilleBrute | None:
    """Match the header row to the contract's columns; keep the non-empty rows. None for an empty sheet."""
    entete = lignes[0] if lignes else ()
    if not any(en_texte(v) for v in entete) and not any(any(en_texte(v) for v in ligne) for ligne in lignes):
        if nom in FEUILLES_OBLIGATOIRES:
            lecture.erreurs.append(ErreurImport(nom, None, None, "la feuille est vide (ligne d'en-tête attendue)"))
        return None
    attendues = colonnes_par_cle(nom)
    colonnes: dict[str, int] = {}
    for position, valeur in enumerate(entete):
        texte = en_texte(valeur)
        if not texte:
            continue
        colonne = attendues.get(normaliser(texte))
        if colonne is None:
            possibles = ", ".join(c.nom for c in FEUILLES[nom])
            lecture.erreurs.append(ErreurImport(nom, 1, texte, f"colonne inconnue (colonnes possibles : {possibles})"))
        elif colonne.nom in colonnes:
            lecture.erreurs.append(ErreurImport(nom, 1, colonne.nom, "colonne présente deux fois"))
        else:
            colonnes[colonne.nom] = position
    feuille = FeuilleBrute(nom, colonnes)
    for colonne in FEUILLES[nom]:
        if colonne.obligatoire and colonne.nom not in colonnes:
            feuille.entete_incomplete = True
            lecture.erreurs.append(ErreurImport(nom, None, colonne.nom, "colonne obligatoire absente"))
    for numero, ligne in enumerate(lignes[1:], start=2):
        if any(en_texte(v) for v in ligne):
            feuille.lignes.append((numero, ligne))
    return feuille


def _lire_feuilles(chemin: Path, lecture: LectureBrute) -> dict[str, list[tuple[Any, ...]]]:
    """Every known sheet's rows, read with openpyxl in one go (it keeps the file open while reading)."""
    from openpyxl import load_workbook  # slow to import: only when a workbook is really read

    brutes: dict[str, list[tuple[Any, ...]]] = {}
    with chemin.open("rb") as fichier:
        # A file object rather than the path: openpyxl would refuse a workbook by its file name's extension.
        classeur = load_workbook(fichier, read_only=True, data_only=True)
        try:
            for onglet in classeur.worksheets:
                nom = FEUILLE_PAR_CLE.get(normaliser(onglet.title))
                if nom is None:
                    lecture.avertissements.append(f"Feuille « {onglet.title} » ignorée (nom non reconnu).")
                    continue
                if nom in brutes:
                    lecture.erreurs.append(
                        ErreurImport(nom, None, None, f"deux feuilles s'appellent « {nom} » (à l'accent près)")
                    )
                    continue
                onglet.reset_dimensions()  # some programs write a wrong size: read what is really there
                brutes[nom] = [tuple(ligne) for ligne in onglet.iter_rows(values_only=True)]
        finally:
            classeur.close()
    return brutes


def lire_classeur(chemin: Path) -> LectureBrute:
    lecture = LectureBrute()
    with warnings.catch_warnings(record=True) as signales:
        warnings.simplefilter("always")
        probleme = _probleme_de_fichier(chemin)
        if probleme is not None:
            lecture.erreurs.append(_erreur_fichier(probleme))
            return lecture
        try:
            brutes = _lire_feuilles(chemin, lecture)
        except Exception as exc:  # openpyxl on a damaged file can raise about anything: it is the file's fault
            journal.info("Classeur illisible « %s » : %r", chemin, exc)
            lecture.erreurs.append(
                _erreur_fichier(f"« {chemin.name} » est endommagé ou n'est pas un classeur Excel lisible")
            )
            return lecture
    for signale in signales:
        # Unsupported extensions, styles...: nothing that changes the values read. (The filter is
        # process-wide while it lasts: warnings of another thread in that moment are logged here too.)
        journal.info("Lecture de « %s » : %s", chemin, signale.message)
    for nom in FEUILLES:
        if nom in brutes:
            feuille = _feuille(nom, brutes[nom], lecture)
            if feuille is not None:
                lecture.feuilles[nom] = feuille
        elif nom in FEUILLES_OBLIGATOIRES:
            lecture.erreurs.append(ErreurImport(nom, None, None, "feuille obligatoire absente du classeur"))
    return lecture
