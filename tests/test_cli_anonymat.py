"""`anonymat FICHIER|-`: JSON findings on standard output, directory names from an existing base, French refusals."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app import db
from app.cli import main
from tests.services.fabrique import Fabrique

TEXTE = "Mme Dupont, née le 3 mars 2012, est joignable au 06 12 34 56 78. Selon Le Goff, la CAF attendra."


def _lancer(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, Any]], str]:
    code = main(arguments)
    sortie = capsys.readouterr()
    return code, json.loads(sortie.out) if code == 0 else [], sortie.err


def test_un_fichier_donne_la_liste_json_des_constats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fichier = tmp_path / "saisine.txt"
    fichier.write_text(TEXTE, encoding="utf-8")
    code, constats, erreur = _lancer(["anonymat", str(fichier)], capsys)
    assert (code, erreur) == (0, "")
    assert constats == [
        {"debut": 0, "fin": 10, "type": "nom", "extrait": "Mme Dupont"},
        {"debut": 19, "fin": 30, "type": "date_naissance", "extrait": "3 mars 2012"},
        {"debut": 49, "fin": 63, "type": "telephone", "extrait": "06 12 34 56 78"},
    ]
    assert all(TEXTE[c["debut"] : c["fin"]] == c["extrait"] for c in constats)
    # Deterministic: the same text gives the same bytes.
    main(["anonymat", str(fichier)])
    premiere = capsys.readouterr().out
    main(["anonymat", str(fichier)])
    assert capsys.readouterr().out == premiere


def test_l_entree_standard_et_les_accents(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Écrire à Inès : inès.b@exemple.fr".encode())))
    code, constats, _ = _lancer(["anonymat", "-"], capsys)
    assert code == 0
    assert [(c["type"], c["extrait"]) for c in constats] == [("nom", "Inès"), ("courriel", "inès.b@exemple.fr")]


def test_la_marque_d_ordre_des_octets_est_ignoree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fichier = tmp_path / "bloc-notes.txt"
    fichier.write_bytes("Kevin a appelé.".encode("utf-8-sig"))
    code, constats, _ = _lancer(["anonymat", str(fichier)], capsys)
    assert code == 0
    assert constats == [{"debut": 0, "fin": 5, "type": "nom", "extrait": "Kevin"}]


def test_les_noms_de_l_annuaire_viennent_de_la_base_sans_l_ecrire(
    chemin_base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = db.ouvrir(chemin_base)
    try:
        with base.session_scope() as session:
            Fabrique(session).personne("Le Goff", "Hélène")
    finally:
        base.fermer()
    avant = chemin_base.read_bytes()
    fichier = tmp_path / "saisine.txt"
    fichier.write_text(TEXTE, encoding="utf-8")
    code, constats, _ = _lancer(["--base", str(chemin_base), "anonymat", str(fichier)], capsys)
    assert code == 0
    assert {"debut": 71, "fin": 78, "type": "nom", "extrait": "Le Goff"} in constats
    assert chemin_base.read_bytes() == avant


def test_sans_base_le_texte_est_verifie_sans_annuaire(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fichier = tmp_path / "saisine.txt"
    fichier.write_text(TEXTE, encoding="utf-8")
    absente = tmp_path / "absente.db"
    code, constats, _ = _lancer(["--base", str(absente), "anonymat", str(fichier)], capsys)
    assert code == 0
    assert "Le Goff" not in [c["extrait"] for c in constats]
    assert not absente.exists()


def test_une_base_etrangere_est_refusee(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    etrangere = tmp_path / "autre.db"
    etrangere.write_bytes(b"pas une base")
    fichier = tmp_path / "saisine.txt"
    fichier.write_text(TEXTE, encoding="utf-8")
    code, _, erreur = _lancer(["--base", str(etrangere), "anonymat", str(fichier)], capsys)
    assert code == 1
    assert "Traceback" not in erreur


@pytest.mark.parametrize(
    ("contenu", "message"),
    [
        (None, "n'existe pas"),
        (b"Mme Dupont \xe9tait absente.", "n'est pas en UTF-8"),
    ],
)
def test_fichier_absent_ou_pas_en_utf8(
    contenu: bytes | None, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fichier = tmp_path / "saisine.txt"
    if contenu is not None:
        fichier.write_bytes(contenu)
    code, _, erreur = _lancer(["anonymat", str(fichier)], capsys)
    assert code == 1
    assert message in erreur
    assert len(erreur.strip().splitlines()) == 1
    assert capsys.readouterr().out == ""


def test_un_dossier_n_est_pas_un_texte(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, erreur = _lancer(["anonymat", str(tmp_path)], capsys)
    assert code == 1
    assert "est un dossier" in erreur


def test_l_aide_est_en_francais(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as sortie:
        main(["anonymat", "--help"])
    assert sortie.value.code == 0
    aide = capsys.readouterr().out
    assert "usage : comite-local anonymat" in aide
    assert "l'entrée standard" in aide


def test_en_vrai_processus_stdin_et_code_de_sortie(tmp_path: Path) -> None:
    commande = [sys.executable, "-m", "app", "--base", str(tmp_path / "absente.db"), "anonymat", "-"]
    resultat = subprocess.run(commande, input="Tél. 06 12 34 56 78".encode(), capture_output=True, check=False)
    assert resultat.returncode == 0
    assert json.loads(resultat.stdout.decode("utf-8")) == [
        {"debut": 5, "fin": 19, "type": "telephone", "extrait": "06 12 34 56 78"}
    ]
    absent = subprocess.run([*commande[:-1], str(tmp_path / "rien.txt")], capture_output=True, check=False)
    assert absent.returncode == 1
    assert b"Traceback" not in absent.stderr
