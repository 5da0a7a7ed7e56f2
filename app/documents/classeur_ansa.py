"""The ANSA evaluation workbook (CONCEPTION §5): `ClasseurAnsa` → xlsx bytes, a pure function.

Sheets, in this order: the seven sub-domains of the grid (1.1 … 4), then the data sheets (Séances, Présences,
Membres, Saisines, Productions, Diffusions) as Excel tables with filters and frozen headers, then `Définitions`.
A cell that holds a figure holds its value: counts as numbers, rates as the plain fraction shown « 83,3 % »,
dates as date cells shown JJ/MM/AAAA. Every text goes through `classeur.ecrire_cellule`, so that a user's text
starting with = + - @ (or a tab or carriage return) stays a text, never a formula.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from app.documents.classeur import (
    Valeur,
    ajouter_tableau,
    ajuster_largeurs,
    ecrire_cellule,
    octets_classeur,
    proprietes,
)
from app.documents.donnees_ansa import Chiffre, ClasseurAnsa, FeuilleGrille
from app.documents.typographie import typographier
from app.format_fr import date_longue

FORMAT_POURCENT = "0.0 %"
FORMAT_ENTIER = "#,##0"  # shown « 1 200 » by a French spreadsheet
FORMAT_DECIMAL = "#,##0.0"
LARGEURS_GRILLE = {"A": 44.0, "B": 60.0, "C": 42.0}
LIGNE_ENTETE_GRILLE = 5
CHAPEAU_GRILLE = "Chiffres de la période (définitions : feuille « Définitions ») ; notes datées en fin de feuille."


def texte_periode(c: ClasseurAnsa) -> str:
    if c.du is not None and c.au is not None:
        return f"du {date_longue(c.du)} au {date_longue(c.au)}"
    if c.du is not None:
        return f"depuis le {date_longue(c.du)}"
    if c.au is not None:
        return f"jusqu'au {date_longue(c.au)}"
    return "toute la période enregistrée"


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Font, PatternFill

    return {
        "titre": Font(bold=True, size=14),
        "gras": Font(bold=True),
        "note": Font(italic=True, color="555555"),
        "fond": PatternFill("solid", fgColor="DCE6F1"),
        "haut": Alignment(vertical="top", wrap_text=True),
        "nombre": Alignment(vertical="top", horizontal="right"),
        "gauche": Alignment(vertical="top", horizontal="left"),
    }


def _mise_en_page(feuille: Any, *, paysage: bool = True) -> None:
    feuille.page_setup.orientation = "landscape" if paysage else "portrait"
    feuille.page_setup.paperSize = feuille.PAPERSIZE_A4
    feuille.sheet_properties.pageSetUpPr.fitToPage = True
    feuille.page_setup.fitToWidth = 1
    feuille.page_setup.fitToHeight = 0  # as many pages down as needed
    feuille.print_options.gridLines = False


def ajuster_hauteurs(feuille: Any, premiere_ligne: int = 1) -> None:
    """Rows as tall as their wrapped texts: a spreadsheet does not always grow them when it opens the file."""
    from openpyxl.utils import get_column_letter

    for rangee in feuille.iter_rows(min_row=premiere_ligne):
        lignes = 1
        for cellule in rangee:
            if not isinstance(cellule.value, str) or not (cellule.alignment and cellule.alignment.wrap_text):
                continue
            if cellule.coordinate in feuille.merged_cells:
                continue  # spread over several rows: their heights hold it
            largeur = feuille.column_dimensions[get_column_letter(cellule.column)].width or 10.0
            par_ligne = max(int(largeur * (1.0 if cellule.font and cellule.font.bold else 1.2)) - 1, 1)
            lignes = max(lignes, sum(max(math.ceil(len(p) / par_ligne), 1) for p in cellule.value.split("\n")))
        if lignes > 1:
            feuille.row_dimensions[rangee[0].row].height = 15.0 * lignes


def _ecrire_chiffre(cellule: Any, chiffre: Chiffre, st: dict[str, Any]) -> None:
    valeur = chiffre.valeur
    if valeur is None or valeur == "":
        ecrire_cellule(cellule, "—")  # nothing recorded, or a rate over no expected seat
        cellule.alignment = st["nombre"]
        return
    ecrire_cellule(cellule, valeur)
    if chiffre.nature == "pourcentage":
        cellule.number_format = FORMAT_POURCENT
    elif chiffre.nature == "nombre":
        cellule.number_format = FORMAT_ENTIER
    elif chiffre.nature == "decimal":
        cellule.number_format = FORMAT_DECIMAL
    cellule.alignment = st["haut"] if chiffre.nature == "texte" else st["nombre"]


def _feuille_grille(classeur: Any, c: ClasseurAnsa, g: FeuilleGrille, st: dict[str, Any]) -> None:
    f = classeur.create_sheet(g.nom)
    _mise_en_page(f)
    for lettre, largeur in LARGEURS_GRILLE.items():
        f.column_dimensions[lettre].width = largeur
    ecrire_cellule(f["A1"], typographier(g.titre))
    f["A1"].font = st["titre"]
    ecrire_cellule(f["A2"], typographier(f"{c.comite} — période : {texte_periode(c)}"))
    ecrire_cellule(
        f["A3"],
        typographier(CHAPEAU_GRILLE),
    )
    f["A3"].font = st["note"]
    ligne = LIGNE_ENTETE_GRILLE
    for colonne, entete in enumerate(("Élément de la grille (AMI, section 7)", "Indicateur", "Valeur"), start=1):
        cellule = f.cell(row=ligne, column=colonne)
        ecrire_cellule(cellule, entete)
        cellule.font, cellule.fill = st["gras"], st["fond"]
    f.freeze_panes = f"A{ligne + 1}"
    for element in g.elements:
        ligne += 1
        debut = ligne
        cellule = f.cell(row=ligne, column=1)
        ecrire_cellule(cellule, typographier(element.intitule))
        cellule.font, cellule.alignment = st["gras"], st["haut"]
        for rang, chiffre in enumerate(element.chiffres):
            if rang:
                ligne += 1
            libelle = f.cell(row=ligne, column=2)
            ecrire_cellule(libelle, typographier(chiffre.libelle))
            libelle.alignment = st["haut"]
            _ecrire_chiffre(f.cell(row=ligne, column=3), chiffre, st)
        if element.renvoi:
            if element.chiffres:
                ligne += 1
            renvoi = f.cell(row=ligne, column=2)
            ecrire_cellule(renvoi, typographier(element.renvoi))
            renvoi.font, renvoi.alignment = st["note"], st["haut"]
        # Spread the item over its rows when they are enough to hold it; otherwise its first row grows.
        lignes_intitule = math.ceil(len(element.intitule) / (LARGEURS_GRILLE["A"] - 1))
        if ligne > debut and ligne - debut + 1 >= lignes_intitule:
            f.merge_cells(start_row=debut, start_column=1, end_row=ligne, end_column=1)
    ligne += 2
    ecrire_cellule(f.cell(row=ligne, column=1), typographier(f"Notes datées — {g.titre}"))
    f.cell(row=ligne, column=1).font = st["gras"]
    ligne += 1
    if not g.notes:
        ecrire_cellule(f.cell(row=ligne, column=1), "Aucune note datée dans la période pour ce sous-domaine.")
        f.cell(row=ligne, column=1).font = st["note"]
    else:
        for colonne, entete in enumerate(("Date", "Note", "Rubrique"), start=1):
            cellule = f.cell(row=ligne, column=colonne)
            ecrire_cellule(cellule, entete)
            cellule.font, cellule.fill = st["gras"], st["fond"]
        for note in g.notes:
            ligne += 1
            valeurs: tuple[Valeur, ...] = (note.date, note.texte, note.rubrique)
            for colonne, valeur in enumerate(valeurs, start=1):
                cellule = f.cell(row=ligne, column=colonne)
                ecrire_cellule(cellule, valeur)
                cellule.alignment = st["gauche"] if colonne == 1 else st["haut"]
    ajuster_hauteurs(f, LIGNE_ENTETE_GRILLE + 1)


def _feuille_donnees(
    classeur: Any,
    titre: str,
    table: str,
    entetes: Sequence[str],
    lignes: Sequence[Sequence[Valeur]],
    formats: dict[str, str],
    *,
    a_la_ligne: Sequence[str] = (),
    largeur_max: float = 60.0,
) -> None:
    """A sheet holding one Excel table (filters, frozen header); `formats`: header → number format."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    f = classeur.create_sheet(titre)
    _mise_en_page(f)
    ajouter_tableau(f, table, entetes, lignes)
    f.freeze_panes = "A2"
    st = _styles()
    for cellule in f[1]:
        cellule.font = st["gras"]  # LibreOffice does not draw Excel's table styles: the header stands out anyway
    haut = Alignment(vertical="top")
    for rang, entete in enumerate(entetes, start=1):
        format_ = formats.get(entete)
        enroule = entete in a_la_ligne
        if format_ is None and not enroule and not a_la_ligne:
            continue
        for (cellule,) in f.iter_rows(min_row=2, max_row=len(lignes) + 1, min_col=rang, max_col=rang):
            if format_ is not None and isinstance(cellule.value, int | float):
                cellule.number_format = format_
            if enroule:
                cellule.alignment = Alignment(vertical="top", wrap_text=True)
            elif a_la_ligne:
                cellule.alignment = haut  # beside a wrapped text, the row reads from its top
    ajuster_largeurs(f, largeur_max)
    for entete in a_la_ligne:
        lettre = get_column_letter(list(entetes).index(entete) + 1)
        f.column_dimensions[lettre].width = largeur_max
    if a_la_ligne:
        ajuster_hauteurs(f, 2)


COMPTES = ("Attendus", "Présents", "Suppléés", "Représentés", "Excusés", "Absents")


def _donnees(classeur: Any, c: ClasseurAnsa) -> None:
    entiers = dict.fromkeys(COMPTES, FORMAT_ENTIER)
    _feuille_donnees(
        classeur,
        "Séances",
        "Seances",
        ("Référence", "Instance", "Date", "Format", *COMPTES, "Taux de présence", "Quorum atteint"),
        [
            (
                s.reference,
                s.instance,
                s.date,
                s.format,
                s.attendus,
                s.presents,
                s.supplees,
                s.representes,
                s.excuses,
                s.absents,
                s.taux_presence,
                s.quorum_atteint,
            )
            for s in c.seances
        ],
        entiers | {"Taux de présence": FORMAT_POURCENT},
    )
    if c.presences_detaillees:
        noms = ("Nom",) if c.noms else ()
        _feuille_donnees(
            classeur,
            "Présences",
            "Presences",
            ("Séance", "Date", "Instance", "Code membre", *noms, "Collège", "État du siège"),
            [
                (p.seance, p.date, p.instance, p.code, *((p.nom,) if c.noms else ()), p.college, p.etat)
                for p in c.presences
            ],
            {},
        )
    else:
        _feuille_donnees(
            classeur,
            "Présences",
            "Presences",
            ("Séance", "Date", "Instance", "Collège", *COMPTES),
            [
                (
                    p.seance,
                    p.date,
                    p.instance,
                    p.college,
                    p.attendus,
                    p.presents,
                    p.supplees,
                    p.representes,
                    p.excuses,
                    p.absents,
                )
                for p in c.presences_agregees
            ],
            entiers,
        )
    noms_membres = ("Nom", "Prénom") if c.noms else ()
    _feuille_donnees(
        classeur,
        "Membres",
        "Membres",
        ("Code membre", *noms_membres, "Collège", "Séances attendues", "Séances présentes", "Assiduité"),
        [
            (
                m.code,
                *((m.nom, m.prenom) if c.noms else ()),
                m.college,
                m.seances_attendues,
                m.seances_presentes,
                m.assiduite,
            )
            for m in c.membres
        ],
        {"Séances attendues": FORMAT_ENTIER, "Séances présentes": FORMAT_ENTIER, "Assiduité": FORMAT_POURCENT},
    )
    _feuille_donnees(
        classeur,
        "Saisines",
        "Saisines",
        (
            "Numéro",
            "Reçue le",
            "Canal",
            "Type de demandeur",
            "Thèmes",
            "Statut",
            "Recevable le",
            "Avis transmis le",
            "Délai (jours)",
        ),
        [
            (
                s.numero,
                s.recue_le,
                s.canal,
                s.type_demandeur,
                s.themes,
                s.statut,
                s.recevable_le,
                s.transmise_le,
                s.delai_jours,
            )
            for s in c.saisines
        ],
        {"Délai (jours)": FORMAT_ENTIER},
    )
    _feuille_donnees(
        classeur,
        "Productions",
        "Productions",
        ("Titre", "Type", "Mission", "Instance", "Date", "Diffusions"),
        [(p.titre, p.type, p.mission, p.instance, p.date, p.diffusions) for p in c.productions],
        {"Diffusions": FORMAT_ENTIER},
    )
    _feuille_donnees(
        classeur,
        "Diffusions",
        "Diffusions",
        ("Production", "Type de production", "Canal", "Public", "Date", "Nombre atteint"),
        [(d.production, d.type_production, d.canal, d.public, d.date, d.nombre_atteint) for d in c.diffusions],
        {"Nombre atteint": FORMAT_ENTIER},
    )
    _feuille_donnees(
        classeur,
        "Définitions",
        "Definitions",
        ("Indicateur", "Définition", "Calcul"),
        [(typographier(d.indicateur), typographier(d.definition), typographier(d.calcul)) for d in c.definitions],
        {},
        a_la_ligne=("Définition", "Calcul"),
        largeur_max=70.0,
    )


_VERROU_ECRITURE = threading.Lock()


@contextmanager
def _flottants_exacts() -> Iterator[None]:
    """While saving, write each float with all its digits (`repr`), so that a rate reads back exactly.

    openpyxl writes numbers with « %.16g », which drops the 17th significant digit: 0.42857142857142855 would
    come back as 0.4285714285714285, no longer equal to `indicateurs --json`. The lock keeps two exports from
    swapping the writer under each other.
    """
    from openpyxl.cell import _writer

    origine = _writer.safe_string

    def exacte(valeur: object) -> str:
        if isinstance(valeur, float) and math.isfinite(valeur):
            return repr(valeur)
        return str(origine(valeur))

    with _VERROU_ECRITURE:
        _writer.safe_string = exacte
        try:
            yield
        finally:
            _writer.safe_string = origine


def classeur_ansa_xlsx(c: ClasseurAnsa) -> bytes:
    """The workbook's bytes: the same data always gives the same bytes."""
    from openpyxl import Workbook

    classeur = Workbook()
    classeur.remove(classeur.active)
    st = _styles()
    for feuille in c.grille:
        _feuille_grille(classeur, c, feuille, st)
    _donnees(classeur, c)
    proprietes(
        classeur,
        titre=f"Classeur d'évaluation ANSA — {c.comite}",
        sujet=f"Évaluation de la démarche, {texte_periode(c)}",
        emis_le=c.emis_le,
    )
    with _flottants_exacts():
        return octets_classeur(classeur, c.emis_le)
