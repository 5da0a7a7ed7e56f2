"""The register of opinions read back: the PDF (landscape, count line) and the xlsx (a valid, safe Excel table)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import time
import zipfile
from functools import cache
from typing import Any

import openpyxl
import pytest

from app.documents.classeur import ecrire_cellule, valeur_sure
from app.documents.donnees_ethique import Registre
from app.documents.registre import ENTETES_XLSX, phrase_decompte, registre_pdf, registre_xlsx
from tests.documents import exemples_ethique as ex
from tests.documents.outils import contient, occurrences, texte, texte_pages

FORMULE = '=HYPERLINK("http://x","y")'


@cache
def _pdf(nom: str) -> bytes:
    registres = {"registre": ex.registre, "long": ex.registre_long, "vide": ex.registre_vide}
    return registre_pdf(registres[nom]())


def _classeur(r: Registre) -> Any:
    return openpyxl.load_workbook(io.BytesIO(registre_xlsx(r)))


# --- PDF -------------------------------------------------------------------------------------------------------


def test_pdf_mentions_et_decompte() -> None:
    t = texte(_pdf("registre"))
    assert contient(t, "Registre des avis et recommandations — année 2026")
    assert contient(t, "Numéro Nature Titre Saisines Thèmes Statut Adoption Publication")
    for ligne in ex.LIGNES_REGISTRE:
        for attendu in (ligne.numero, ligne.nature, ligne.titre, ligne.statut, *ligne.saisines, *ligne.themes):
            assert contient(t, attendu), attendu
    for attendu in (
        "15 janvier 2026 Instance éthique du 12 mars 2026 (ETH-2026-02) Publiée le 30 janvier 2026",
        "Autorisée, non publiée",
        "Non autorisée",
        "Outils numériques de suivi partagé : « tout tracer » ?",
        "le rôle des Œuvres partenaires",
    ):
        assert contient(t, attendu), attendu
    assert contient(texte_pages(_pdf("registre"))[-1], "7 avis et recommandations, dont 5 adoptés et 2 publiés.")


def test_pdf_long_sur_plusieurs_pages() -> None:
    pages = texte_pages(_pdf("long"))
    assert len(pages) >= 2
    for page in pages:  # the header row is repeated
        assert contient(page, "Numéro Nature Titre Saisines Thèmes Statut Adoption Publication")
    t = "\n".join(pages)
    for i in range(1, 41):
        assert occurrences(t, f"REC-2026-{i:03d}") == 1, i
    assert contient(pages[-1], "40 avis et recommandations, dont 30 adoptés et 12 publiés.")


def test_pdf_annee_vide() -> None:
    t = texte(_pdf("vide"))
    assert contient(t, "Registre des avis et recommandations — année 2026")
    assert contient(t, "Aucun avis ni recommandation enregistré en 2026.")
    assert not contient(t, "Numéro Nature")


def test_pdf_structure_paysage_et_memes_octets() -> None:
    for nom in ("registre", "long", "vide"):
        ex.verifier_structure(
            _pdf(nom),
            titre="Registre des avis et recommandations — 2026",
            sujet="Avis et recommandations de l'année 2026",
            taille=ex.A4_PAYSAGE,
        )
    assert registre_pdf(ex.registre()) == _pdf("registre")


@pytest.mark.parametrize(
    ("adoptees", "publiees", "attendu"),
    [
        ((1, 2, 3), (1, 2), "3 avis et recommandations, dont 3 adoptés et 2 publiés."),
        ((1, 2), (1,), "3 avis et recommandations, dont 2 adoptés et 1 publié."),
        ((1,), (), "3 avis et recommandations, dont 1 adopté ; aucun n'est publié."),
        ((), (), "3 avis et recommandations, aucun adopté à ce jour."),
    ],
)
def test_phrase_decompte(adoptees: tuple[int, ...], publiees: tuple[int, ...], attendu: str) -> None:
    jour = dt.date(2026, 3, 1)
    lignes = [
        dataclasses.replace(
            ex.LIGNES_REGISTRE[0],
            adoptee_le=jour if i in adoptees else None,
            publiee_le=jour if i in publiees else None,
        )
        for i in (1, 2, 3)
    ]
    assert phrase_decompte(lignes, 2026) == attendu


def test_phrase_decompte_un_seul() -> None:
    ligne = ex.LIGNES_REGISTRE[0]
    assert phrase_decompte([ligne], 2026) == "1 avis ou recommandation, adopté et publié."
    brouillon = dataclasses.replace(ligne, adoptee_le=None, publiee_le=None)
    assert phrase_decompte([brouillon], 2026) == "1 avis ou recommandation, non adopté à ce jour."
    assert phrase_decompte([], 2027) == "Aucun avis ni recommandation enregistré en 2027."


# --- xlsx ------------------------------------------------------------------------------------------------------


def test_xlsx_tableau_filtres_volet_fige() -> None:
    classeur = _classeur(ex.registre())
    assert classeur.sheetnames == ["Registre 2026"]
    feuille = classeur["Registre 2026"]
    assert list(feuille.tables) == ["Registre_2026"]
    tableau = feuille.tables["Registre_2026"]
    assert tableau.ref == "A1:J8"  # the header and the 7 lines
    assert tableau.autoFilter is not None and tableau.autoFilter.ref == tableau.ref
    assert [c.name for c in tableau.tableColumns] == list(ENTETES_XLSX)
    assert [c.value for c in feuille[1]] == list(ENTETES_XLSX)
    assert feuille.freeze_panes == "A2"
    assert feuille["A10"].value == "7 avis et recommandations, dont 5 adoptés et 2 publiés."


def test_xlsx_valeurs_dates_et_booleens() -> None:
    feuille = _classeur(ex.registre()).active
    premiere = {entete: cellule for entete, cellule in zip(ENTETES_XLSX, feuille[2], strict=True)}
    assert premiere["Numéro"].value == "REC-2026-001"
    assert premiere["Saisines"].value == "SAI-2026-001"
    for colonne, jour in (("Adoptée le", dt.datetime(2026, 1, 15)), ("Publiée le", dt.datetime(2026, 1, 30))):
        assert premiere[colonne].is_date and premiere[colonne].value == jour
        assert premiere[colonne].number_format == "DD/MM/YYYY"
    assert premiere["Publication autorisée"].value == "Oui"
    quatrieme = {entete: cellule for entete, cellule in zip(ENTETES_XLSX, feuille[5], strict=True)}
    assert quatrieme["Saisines"].value == "SAI-2026-003, SAI-2026-005"
    assert quatrieme["Thèmes"].value == "Partage d'informations, Secret professionnel, Consentement"
    assert quatrieme["Publiée le"].value is None  # an empty cell, not an empty text
    assert feuille["I3"].value == "Oui" and feuille["I4"].value == "Non"
    assert feuille["H7"].value is None  # not adopted: no meeting


def test_xlsx_largeurs_adaptees() -> None:
    feuille = _classeur(ex.registre()).active
    for colonne, entete in zip("ABCDEFGHIJ", ENTETES_XLSX, strict=True):
        largeur = feuille.column_dimensions[colonne].width
        textes = [str(c.value) for c in feuille[colonne][:8] if isinstance(c.value, str)]
        assert len(entete) < largeur <= 60, colonne
        assert largeur >= min(max(len(t) for t in textes), 58), colonne
    assert feuille.column_dimensions["G"].width >= 10  # a date JJ/MM/AAAA shows whole


def test_xlsx_jamais_de_formule() -> None:
    lignes = (
        dataclasses.replace(ex.LIGNES_REGISTRE[0], titre=FORMULE),
        dataclasses.replace(ex.LIGNES_REGISTRE[1], titre="+33 6 12 34 56 78", nature="-1", statut="@SOMME(A1)"),
        dataclasses.replace(ex.LIGNES_REGISTRE[2], titre="\tTabulation", seance_adoption="\rRetour"),
    )
    octets = registre_xlsx(dataclasses.replace(ex.registre(), lignes=lignes))
    feuille = openpyxl.load_workbook(io.BytesIO(octets)).active
    assert feuille["C2"].value == FORMULE and feuille["C2"].data_type == "s"
    for cellule in ("C2", "C3", "B3", "F3", "C4", "H4"):
        assert feuille[cellule].data_type == "s", cellule
        assert feuille[cellule].quotePrefix, cellule  # Excel keeps it text when the cell is edited
    assert feuille["C3"].value == "+33 6 12 34 56 78"
    with zipfile.ZipFile(io.BytesIO(octets)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_xlsx_annee_vide() -> None:
    feuille = _classeur(ex.registre_vide()).active
    tableau = feuille.tables["Registre_2026"]
    assert tableau.ref == "A1:J2"  # an Excel table holds at least one (here empty) row
    assert all(c.value is None for c in feuille[2])
    assert feuille["A4"].value == "Aucun avis ni recommandation enregistré en 2026."
    assert feuille.freeze_panes == "A2"


def test_xlsx_proprietes_et_impression() -> None:
    classeur = _classeur(ex.registre())
    props = classeur.properties
    assert props.title == "Registre des avis et recommandations — année 2026"
    assert props.creator == "Comité local"
    assert props.created == props.modified == dt.datetime(2026, 2, 24)
    feuille = classeur.active
    assert feuille.page_setup.orientation == "landscape"
    assert feuille.print_title_rows == "$1:$1"
    assert feuille.oddHeader.center.text == "Registre des avis et recommandations — année 2026"


def test_xlsx_memes_octets() -> None:
    premier = registre_xlsx(ex.registre())
    time.sleep(1.1)  # a zip entry dated from the clock would differ by now (2-second resolution, at worst once)
    assert registre_xlsx(ex.registre()) == premier or registre_xlsx(ex.registre()) == premier
    with zipfile.ZipFile(io.BytesIO(premier)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 2, 24, 0, 0, 0)}
        assert archive.testzip() is None


# --- the reusable cell helpers -------------------------------------------------------------------------------


def test_valeur_sure() -> None:
    assert valeur_sure(True) == "Oui" and valeur_sure(False) == "Non"
    assert valeur_sure("a\x00b\x0bc\td\ne\rf") == "abc\td\ne\rf"  # what XML cannot hold goes, tab and newlines stay
    assert valeur_sure(3) == 3 and valeur_sure(None) is None
    assert valeur_sure(dt.date(2026, 3, 5)) == dt.date(2026, 3, 5)


@pytest.mark.parametrize("debut", ["=", "+", "-", "@", "\t", "\r"])
def test_ecrire_cellule_texte_a_risque(debut: str) -> None:
    feuille = openpyxl.Workbook().active
    cellule = feuille["A1"]
    ecrire_cellule(cellule, f"{debut}1+1")
    assert cellule.value == f"{debut}1+1" and cellule.data_type == "s" and cellule.quotePrefix
    ecrire_cellule(feuille["A2"], "texte ordinaire")
    assert not feuille["A2"].quotePrefix
    ecrire_cellule(feuille["A3"], dt.datetime(2026, 3, 5, 14, 30))
    assert feuille["A3"].number_format == "DD/MM/YYYY HH:MM"
