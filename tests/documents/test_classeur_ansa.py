"""`classeur_ansa_xlsx` on hand-made data: sheets, tables, formats, texts never formulas, same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import replace
from typing import Any

from openpyxl import load_workbook

from app.documents.classeur_ansa import classeur_ansa_xlsx
from app.documents.donnees_ansa import (
    Chiffre,
    ClasseurAnsa,
    Definition,
    ElementGrille,
    FeuilleGrille,
    LigneDiffusion,
    LigneMembre,
    LignePresence,
    LignePresenceAgregee,
    LigneProduction,
    LigneSaisine,
    LigneSeance,
    NoteGrille,
)

INJECTIONS = ('=HYPERLINK("http://x","y")', "+33 6 00", "-2+3", "@SOMME(A1)", "\tonglet", "\rretour")
GRILLE = (
    ("1.1 Lancement", "1.1 Lancement de la démarche"),
    ("1.2 Mobilisation", "1.2 Mobilisation des acteurs"),
    ("1.3 Installation et déroulement", "1.3 Installation et déroulement"),
    ("2.1 Réalisations", "2.1 Réalisations"),
    ("2.2 Premiers constats", "2.2 Premiers constats"),
    ("3 Coopération HCTS", "3 Coopération avec le HCTS"),
    ("4 Accompagnement", "4 Accompagnement"),
)
DONNEES = ("Séances", "Présences", "Membres", "Saisines", "Productions", "Diffusions", "Définitions")
J = dt.date(2026, 3, 5)


def exemple(**changements: Any) -> ClasseurAnsa:
    grille = tuple(
        FeuilleGrille(
            nom,
            titre,
            (
                ElementGrille(
                    "Niveau de participation : taux de présence et d'assiduité",
                    (
                        Chiffre("Séances tenues dans la période", 2),
                        Chiffre("Taux de présence", 5 / 6, "pourcentage"),
                        Chiffre("Sans siège attendu", None, "pourcentage"),
                        Chiffre("Date d'installation", J, "date"),
                        Chiffre("Structures porteuses", INJECTIONS[0], "texte"),
                    ),
                    "Voir les notes.",
                ),
                ElementGrille("Déroulement de la phase de concertation", (), "Réponse qualitative."),
            ),
            (NoteGrille(J, "Leviers", f"Note de {nom}"), NoteGrille(J, "Difficultés", INJECTIONS[2])),
        )
        for nom, titre in GRILLE
    )
    donnees = ClasseurAnsa(
        comite="Comité local de test",
        du=dt.date(2026, 1, 1),
        au=dt.date(2026, 12, 31),
        emis_le=dt.date(2026, 11, 22),
        noms=True,
        grille=grille,
        seances=(
            LigneSeance("PL-2026-01", "Plénière", J, "Présentiel", 6, 4, 1, 0, 1, 0, 5 / 6, True),
            LigneSeance("PL-2026-02", "Plénière", J, "Visio", 0, 0, 0, 0, 0, 0, None, False),
        ),
        presences_detaillees=True,
        presences=tuple(
            LignePresence("PL-2026-01", J, "Plénière", f"M-{i:04d}", texte, "Élus", "Présent")
            for i, texte in enumerate(INJECTIONS, start=1)
        ),
        presences_agregees=(),
        membres=tuple(
            LigneMembre(f"M-{i:04d}", texte, "Zoé", "Élus", 3, 2, 2 / 3) for i, texte in enumerate(INJECTIONS, start=1)
        ),
        saisines=(
            LigneSaisine("SAI-2026-001", J, "Courriel", "Travailleur social", "Consentement", "Transmise", J, J, 0),
        ),
        productions=(LigneProduction(INJECTIONS[1], "Guide", "", "", J, 1),),
        diffusions=(LigneDiffusion(INJECTIONS[1], "Guide", "Courriel", "HCTS", J, 1200),),
        definitions=(Definition("Taux de présence", "Part des sièges tenus.", "(présents + suppléés) ÷ attendus"),),
    )
    return replace(donnees, **changements)


def ouvrir(contenu: bytes) -> Any:
    return load_workbook(io.BytesIO(contenu))


def test_exactement_les_feuilles_de_la_conception_dans_l_ordre() -> None:
    classeur = ouvrir(classeur_ansa_xlsx(exemple()))
    assert classeur.sheetnames == [nom for nom, _ in GRILLE] + list(DONNEES)
    for nom, titre in GRILLE:
        feuille = classeur[nom]
        assert feuille["A1"].value == titre
        textes = [v for rangee in feuille.iter_rows(values_only=True) for v in rangee]
        assert f"Note de {nom}" in textes and "Leviers" in textes


def test_feuilles_de_donnees_en_tableaux_filtres_en_tete_figee() -> None:
    classeur = ouvrir(classeur_ansa_xlsx(exemple()))
    for nom in DONNEES:
        feuille = classeur[nom]
        assert feuille.freeze_panes == "A2", nom
        (tableau,) = feuille.tables.values()
        assert tableau.ref.startswith("A1:") and tableau.autoFilter is not None
        assert tableau.autoFilter.ref == tableau.ref
    assert classeur["Séances"].tables["Seances"].ref == "A1:L3"  # header and two meetings


def test_pourcentages_fractions_et_dates_vraies() -> None:
    classeur = ouvrir(classeur_ansa_xlsx(exemple()))
    seances = classeur["Séances"]
    entetes = [c.value for c in seances[1]]
    taux = seances.cell(row=2, column=entetes.index("Taux de présence") + 1)
    assert taux.value == 5 / 6 and "%" in taux.number_format and taux.number_format.startswith("0.0")
    assert seances.cell(row=3, column=entetes.index("Taux de présence") + 1).value is None  # no expected seat
    date = seances.cell(row=2, column=entetes.index("Date") + 1)
    assert isinstance(date.value, dt.datetime) and date.value.date() == J and date.number_format == "DD/MM/YYYY"
    assert seances.cell(row=2, column=entetes.index("Quorum atteint") + 1).value == "Oui"
    assiduite = classeur["Membres"]["G2"]
    assert classeur["Membres"]["G1"].value == "Assiduité"
    assert assiduite.value == 2 / 3 and "%" in assiduite.number_format
    grille = classeur["1.2 Mobilisation"]
    valeurs = {r[1].value: r[2] for r in grille.iter_rows(min_row=6, max_col=3) if r[1].value}
    assert valeurs["Taux de présence"].value == 5 / 6 and "%" in valeurs["Taux de présence"].number_format
    assert valeurs["Sans siège attendu"].value == "—"
    assert isinstance(valeurs["Date d'installation"].value, dt.datetime)
    assert valeurs["Séances tenues dans la période"].value == 2


def test_textes_des_utilisateurs_jamais_formules() -> None:
    contenu = classeur_ansa_xlsx(exemple())
    classeur = ouvrir(contenu)
    vues: set[str] = set()
    for feuille in classeur.worksheets:
        for rangee in feuille.iter_rows():
            for cellule in rangee:
                valeur = cellule.value
                if isinstance(valeur, str) and valeur.startswith(("=", "+", "-", "@", "\t", "\r")):
                    assert cellule.data_type == "s", (feuille.title, cellule.coordinate, valeur)
                    vues.add(valeur)
    assert set(INJECTIONS) - {"\rretour"} <= vues  # a lone CR may be read back as a line break
    assert classeur["Membres"]["B2"].value == INJECTIONS[0]
    with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
        feuilles = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in feuilles)


def test_colonnes_de_noms_seulement_si_demandees() -> None:
    avec = ouvrir(classeur_ansa_xlsx(exemple()))
    assert [c.value for c in avec["Membres"][1]][:3] == ["Code membre", "Nom", "Prénom"]
    assert "Nom" in [c.value for c in avec["Présences"][1]]
    sans = ouvrir(classeur_ansa_xlsx(exemple(noms=False)))
    assert "Nom" not in [c.value for c in sans["Membres"][1]]
    assert "Nom" not in [c.value for c in sans["Présences"][1]]


def test_presences_agregees() -> None:
    agregee = LignePresenceAgregee("PL-2026-01", J, "Plénière", "Élus", 6, 4, 1, 0, 1, 0)
    classeur = ouvrir(classeur_ansa_xlsx(exemple(presences_detaillees=False, presences_agregees=(agregee,))))
    entetes = [c.value for c in classeur["Présences"][1]]
    assert entetes == ["Séance", "Date", "Instance", "Collège", "Attendus", "Présents", "Suppléés", "Représentés",
                       "Excusés", "Absents"]  # fmt: skip
    assert [c.value for c in classeur["Présences"][2]][4:] == [6, 4, 1, 0, 1, 0]


def test_flottants_relus_a_l_identique() -> None:
    taux = 0.42857142857142855  # 3/7: openpyxl alone would write 0.4285714285714285
    ligne = LigneSeance("PL-2026-01", "Plénière", J, "Présentiel", 7, 3, 0, 0, 4, 0, taux, False)
    classeur = ouvrir(classeur_ansa_xlsx(exemple(seances=(ligne,))))
    assert classeur["Séances"]["K2"].value == taux


def test_memes_octets_pour_les_memes_donnees() -> None:
    assert classeur_ansa_xlsx(exemple()) == classeur_ansa_xlsx(exemple())
    assert classeur_ansa_xlsx(exemple()) != classeur_ansa_xlsx(exemple(comite="Autre comité"))


def test_periode_sans_bornes_dite_en_francais() -> None:
    classeur = ouvrir(classeur_ansa_xlsx(exemple(du=None, au=None)))
    assert "toute la période enregistrée" in classeur["1.1 Lancement"]["A2"].value
    borne = ouvrir(classeur_ansa_xlsx(exemple()))
    assert "du 1er janvier 2026 au 31 décembre 2026" in borne["1.1 Lancement"]["A2"].value
