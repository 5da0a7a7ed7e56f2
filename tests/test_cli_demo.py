"""The issue's own check: `comite-local --base X demo && comite-local --base X indicateurs --json`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _commande() -> list[str]:
    installe = shutil.which("comite-local", path=str(Path(sys.executable).parent))
    return [installe] if installe else [sys.executable, "-m", "app"]


def _lancer(*arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COMITE_LOCAL_AUJOURDHUI": "2026-11-22"}
    return subprocess.run([*_commande(), *arguments], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def base_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chemin = tmp_path_factory.mktemp("demo") / "x.db"
    resultat = _lancer("--base", str(chemin), "demo")
    assert resultat.returncode == 0, resultat.stderr
    assert "Base de démonstration créée" in resultat.stdout
    return chemin


def test_demo_puis_indicateurs_json(base_demo: Path) -> None:
    avant = base_demo.read_bytes()
    resultat = _lancer("--base", str(base_demo), "indicateurs", "--json")
    assert resultat.returncode == 0, resultat.stderr
    donnees = json.loads(resultat.stdout)
    assert set(donnees) == {
        "periode",
        "seances",
        "colleges",
        "membres",
        "mobilisation",
        "saisines",
        "recommandations",
        "productions",
    }
    assert set(donnees["seances"][0]) == {
        "reference",
        "instance",
        "date",
        "attendus",
        "presents",
        "supplees",
        "representes",
        "excuses",
        "absents",
        "taux_presence",
        "quorum_atteint",
    }
    assert set(donnees["colleges"][0]) == {"college", "categorie", "attendus", "presents", "supplees", "taux_presence"}
    assert set(donnees["membres"][0]) == {
        "nom",
        "prenom",
        "college",
        "seances_attendues",
        "seances_presentes",
        "assiduite",
    }
    for fenetre in ("3_mois", "6_mois"):
        assert set(donnees["mobilisation"][fenetre]) == {
            "seances_tenues",
            "personnes_presentes",
            "structures_representees",
            "travailleurs_sociaux_presents",
            "personnes_accompagnees_presentes",
            "taux_presence",
        }
    assert set(donnees["saisines"]) == {"recues", "recevables", "avis_rendus", "delai_median_jours", "par_theme"}
    assert set(donnees["recommandations"]) == {"adoptees", "publiees"}
    assert set(donnees["productions"]) == {"par_type", "diffusions_par_canal"}
    assert len(donnees["seances"]) > 50
    # deterministic, and a read-only command leaves the file as it was
    assert _lancer("--base", str(base_demo), "indicateurs", "--json").stdout == resultat.stdout
    assert base_demo.read_bytes() == avant


def test_verifier_la_base_de_demo(base_demo: Path) -> None:
    resultat = _lancer("--base", str(base_demo), "verifier")
    assert resultat.returncode == 0, resultat.stderr
    assert "aucun problème" in resultat.stdout


def test_demo_refuse_une_base_deja_remplie(base_demo: Path) -> None:
    resultat = _lancer("--base", str(base_demo), "demo")
    assert resultat.returncode == 1
    assert resultat.stderr.count("\n") == 1 and "Traceback" not in resultat.stderr


def test_tableau_francais_sur_la_demo(base_demo: Path) -> None:
    resultat = _lancer("--base", str(base_demo), "indicateurs", "--du", "2026-01-01", "--au", "2026-06-30")
    assert resultat.returncode == 0, resultat.stderr
    assert "Indicateurs — du 1er janvier 2026 au 30 juin 2026" in resultat.stdout
