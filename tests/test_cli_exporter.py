"""`exporter ansa` on the demo base: the workbook's figures are `indicateurs --json`'s, the base is untouched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app import db
from app.cli import main
from app.modeles import Personne
from tests.services.test_export_ansa import toutes_les_cellules, verifier_chiffres


def _indicateurs(base: Path, periode: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["--base", str(base), "indicateurs", "--json", *periode]) == 0
    resultat: dict[str, Any] = json.loads(capsys.readouterr().out)
    return resultat


@pytest.mark.parametrize("periode", [[], ["--du", "2026-01-01", "--au", "2026-06-30"]], ids=["tout", "semestre"])
def test_exporter_ansa_chiffres_de_indicateurs_json(
    demo: Path, tmp_path: Path, periode: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    avant = demo.read_bytes()
    sortie = tmp_path / "ansa.xlsx"
    assert main(["--base", str(demo), "exporter", "ansa", "-o", str(sortie), *periode]) == 0
    assert f"Enregistré : « {sortie} »" in capsys.readouterr().out
    assert demo.read_bytes() == avant  # a read-only command
    assert not list(tmp_path.glob("*.partiel"))
    verifier_chiffres(sortie.read_bytes(), _indicateurs(demo, periode, capsys))


def test_exporter_ansa_noms_seulement_avec_noms(demo: Path, tmp_path: Path) -> None:
    codes, noms = tmp_path / "codes.xlsx", tmp_path / "noms.xlsx"
    assert main(["--base", str(demo), "exporter", "ansa", "-o", str(codes)]) == 0
    assert main(["--base", str(demo), "exporter", "ansa", "-o", str(noms), "--noms"]) == 0
    membres_codes = [c for c in toutes_les_cellules(codes.read_bytes()) if c.startswith("M-")]
    assert membres_codes  # members are there, under their codes
    base = db.ouvrir(demo, lecture_seule=True)
    with base.session_scope() as session:
        complets = {f"{p.prenom} {p.nom}" for p in session.scalars(select(Personne))}
    base.fermer()
    assert not complets & set(toutes_les_cellules(codes.read_bytes()))
    assert complets & set(toutes_les_cellules(noms.read_bytes()))


@pytest.mark.parametrize("date", ["2026-13-01", "05/03/2026", "hier"])
def test_exporter_ansa_date_invalide(demo: Path, tmp_path: Path, date: str, capsys: pytest.CaptureFixture[str]) -> None:
    sortie = tmp_path / "ansa.xlsx"
    with pytest.raises(SystemExit) as fin:
        main(["--base", str(demo), "exporter", "ansa", "-o", str(sortie), "--du", date])
    assert fin.value.code == 1
    erreur = capsys.readouterr().err
    assert f"« {date} » n'est pas une date AAAA-MM-JJ" in erreur and "Traceback" not in erreur
    assert not sortie.exists()


def test_exporter_ansa_refus_en_une_ligne(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sortie = tmp_path / "ansa.xlsx"
    avant = demo.read_bytes()
    code = main(
        ["--base", str(demo), "exporter", "ansa", "-o", str(sortie), "--du", "2026-05-01", "--au", "2026-01-01"]
    )
    assert code == 1
    erreur = capsys.readouterr().err
    assert "période est vide" in erreur and len(erreur.strip().splitlines()) == 1
    absente = tmp_path / "absente.db"
    assert main(["--base", str(absente), "exporter", "ansa", "-o", str(sortie)]) == 1
    erreur = capsys.readouterr().err
    assert "Aucune base" in erreur and len(erreur.strip().splitlines()) == 1
    assert not absente.exists()  # a read-only command never creates a base
    assert main(["--base", str(demo), "exporter", "ansa", "-o", str(tmp_path / "pas-de-dossier" / "a.xlsx")]) == 1
    erreur = capsys.readouterr().err
    assert "Impossible d'enregistrer" in erreur and len(erreur.strip().splitlines()) == 1
    assert not sortie.exists() and demo.read_bytes() == avant
