"""The command-line contract (CONCEPTION §4): exit codes, French messages, read-only commands."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.journalisation import fichier_journal

CLES_INDICATEURS = {
    "periode",
    "seances",
    "colleges",
    "membres",
    "mobilisation",
    "saisines",
    "recommandations",
    "productions",
}


def test_indicateurs_json_sur_une_base_vide(chemin_base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    avant = chemin_base.read_bytes()
    assert main(["--base", str(chemin_base), "indicateurs", "--json", "--du", "2026-01-01"]) == 0
    resultat = json.loads(capsys.readouterr().out)
    assert set(resultat) == CLES_INDICATEURS
    assert resultat["periode"] == {"du": "2026-01-01", "au": None}
    assert set(resultat["mobilisation"]) == {"3_mois", "6_mois"}
    assert chemin_base.read_bytes() == avant


def test_indicateurs_en_tableau_francais(chemin_base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--base", str(chemin_base), "indicateurs"]) == 0
    sortie = capsys.readouterr().out
    assert "Indicateurs — toute l'activité enregistrée" in sortie
    assert "Présence par collège" in sortie


def test_date_invalide_une_ligne_en_francais(chemin_base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as sortie:
        main(["--base", str(chemin_base), "indicateurs", "--du", "2026-02-31"])
    assert sortie.value.code == 1
    erreur = capsys.readouterr().err
    assert "« 2026-02-31 » n'est pas une date AAAA-MM-JJ" in erreur
    assert "Traceback" not in erreur


def test_periode_inversee_refusee(chemin_base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--base", str(chemin_base), "indicateurs", "--du", "2026-05-01", "--au", "2026-01-01"]) == 1
    assert "période est vide" in capsys.readouterr().err


def test_base_absente_pour_une_commande_de_lecture(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chemin = tmp_path / "absente.db"
    assert main(["--base", str(chemin), "indicateurs"]) == 1
    assert "Aucune base Comité local" in capsys.readouterr().err
    assert not chemin.exists()


def test_base_prise_dans_la_variable_d_environnement(
    chemin_base: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COMITE_LOCAL_BASE", str(chemin_base))
    assert main(["verifier"]) == 0
    assert str(chemin_base) in capsys.readouterr().out


def test_sous_commande_inconnue(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as sortie:
        main(["exploser"])
    assert sortie.value.code == 1
    assert "choix inconnu" in capsys.readouterr().err


def test_verifier_une_base_saine_ne_l_ecrit_pas(chemin_base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    avant = chemin_base.read_bytes()
    assert main(["--base", str(chemin_base), "verifier"]) == 0
    assert "aucun problème" in capsys.readouterr().out
    assert chemin_base.read_bytes() == avant


def test_verifier_un_fichier_etranger(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chemin = tmp_path / "photo.db"
    chemin.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert main(["--base", str(chemin), "verifier"]) == 1
    assert "n'est pas une base de données Comité local" in capsys.readouterr().err


def test_aide_en_francais_sans_trace() -> None:
    sortie = subprocess.run([sys.executable, "-m", "app", "--help"], capture_output=True, text=True, check=True)
    assert "usage : comite-local" in sortie.stdout
    assert "indicateurs" in sortie.stdout and "affiche cette aide" in sortie.stdout


def test_une_erreur_inattendue_donne_un_message_et_un_journal(
    chemin_base: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import app.services.indicateurs as indicateurs

    def panne(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(indicateurs, "calculer", panne)
    racine = logging.getLogger()
    avant = list(racine.handlers)
    try:
        assert main(["--base", str(chemin_base), "indicateurs"]) == 2
        erreur = capsys.readouterr().err
        assert "Erreur inattendue" in erreur and "Traceback" not in erreur
        fichier = fichier_journal()
        assert str(fichier) in erreur
        for handler in racine.handlers:
            handler.flush()
        assert "panne simulée" in fichier.read_text(encoding="utf-8")
    finally:
        for handler in set(racine.handlers) - set(avant):
            racine.removeHandler(handler)
            handler.close()
