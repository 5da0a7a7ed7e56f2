"""The journal's exports: an Excel table (filters, frozen header, real date-times, texts never formulas) and a CSV
that a French Excel opens in columns (UTF-8 with BOM, « ; », CRLF), formulas neutralised there too."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from app.documents import journal
from app.documents.journal import ENTETES, LigneJournal

LIGNES = [
    LigneJournal(
        dt.datetime(2026, 12, 2, 14, 5, 7),
        "anne",
        "Personne",
        12,
        "Martin Anne",
        "Modification",
        "fonction : « Assistante sociale » → « Conseillère »\ncourriel : (masqué)",
    ),
    LigneJournal(dt.datetime(2026, 12, 1, 9, 0), "bruno", "Séance", None, "", "Création", '=HYPERLINK("x")'),
    LigneJournal(dt.datetime(2026, 12, 1, 8, 0), "+33", "Action", 3, "@SUM(A1)", "Suppression", '-2+3;"guillemets"'),
]


def test_le_classeur():
    contenu = journal.classeur_journal(LIGNES, emis_le=dt.date(2026, 12, 2), filtres=[("Utilisateur", "tous")])
    classeur = load_workbook(io.BytesIO(contenu))
    feuille = classeur["Journal"]
    assert feuille.freeze_panes == "A2"
    (tableau,) = feuille.tables.values()
    assert tableau.ref == "A1:G4"
    assert [c.value for c in feuille[1]] == list(ENTETES)
    date = feuille["A2"]
    assert date.value == dt.datetime(2026, 12, 2, 14, 5, 7) and date.is_date
    assert "HH:MM" in date.number_format.upper()
    assert feuille["D3"].value is None and feuille["D2"].value == 12
    for cellule in ("G3", "B4", "E4", "G4"):
        assert feuille[cellule].data_type == "s", cellule  # a text, never a formula
    assert feuille["G3"].value == '=HYPERLINK("x")' and feuille["G3"].quotePrefix
    assert feuille["G2"].alignment.wrap_text
    infos = classeur["Filtres"]
    assert infos["B2"].value == dt.datetime(2026, 12, 2) and infos["A4"].value == "Utilisateur"
    # the same rows give the same bytes (no time of export inside)
    assert journal.classeur_journal(LIGNES, emis_le=dt.date(2026, 12, 2), filtres=[("Utilisateur", "tous")]) == contenu


def test_un_classeur_vide_reste_un_tableau():
    classeur = load_workbook(io.BytesIO(journal.classeur_journal([], emis_le=dt.date(2026, 12, 2))))
    (tableau,) = classeur["Journal"].tables.values()
    assert tableau.ref == "A1:G2"


def test_le_csv():
    contenu = journal.csv_journal(LIGNES)
    assert contenu.startswith(b"\xef\xbb\xbf")
    texte = contenu.decode("utf-8-sig")
    assert texte.startswith("Date et heure;Utilisateur;Entité;N°;Enregistrement;Opération;Détail\r\n")
    rangees = list(csv.reader(io.StringIO(texte, newline=""), delimiter=";"))
    assert rangees[0] == list(ENTETES) and len(rangees) == 4
    assert rangees[1][0] == "02/12/2026 14:05:07"
    assert rangees[1][6] == "fonction : « Assistante sociale » → « Conseillère »\ncourriel : (masqué)"
    assert rangees[2][3] == "" and rangees[2][6] == '\'=HYPERLINK("x")'
    assert rangees[3][1] == "'+33" and rangees[3][4] == "'@SUM(A1)" and rangees[3][6] == '\'-2+3;"guillemets"'


@given(st.text(max_size=40))
def test_aucun_texte_ne_devient_formule_dans_le_csv(texte):
    ligne = LigneJournal(dt.datetime(2026, 1, 1), texte, "Personne", 1, texte, "Création", texte)
    (_, rangee) = list(
        csv.reader(io.StringIO(journal.csv_journal([ligne]).decode("utf-8-sig"), newline=""), delimiter=";")
    )
    propre = journal._champ_csv(texte)
    assert rangee[1] == rangee[4] == rangee[6] == propre
    assert not propre.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_trop_de_lignes_pour_excel(monkeypatch):
    monkeypatch.setattr(journal, "LIGNES_MAX_XLSX", 2)
    with pytest.raises(journal.TropDeLignes, match="CSV"):
        journal.classeur_journal(LIGNES, emis_le=dt.date(2026, 12, 2))
