"""`rapport hcts` and `rapport candidature` on the demo base: files written, base untouched, French refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from app import db
from app.cli import main
from app.services.indicateurs import Periode, calculer
from tests.documents.outils import contient


def _code(arguments: list[str]) -> int | str | None:
    """The exit code, whether `main` returns it or argparse exits with it (a malformed argument)."""
    try:
        return main(arguments)
    except SystemExit as sortie:
        return sortie.code


def _texte(chemin: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(chemin).pages)


def _indicateurs(chemin: Path, periode: Periode) -> dict[str, object]:
    base = db.ouvrir(chemin, lecture_seule=True)
    try:
        with base.session_scope() as session:
            return calculer(session, periode)
    finally:
        base.fermer()


def test_rapport_hcts_de_la_periode(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    avant = demo.read_bytes()
    pdf = tmp_path / "rapport.pdf"
    code = main(["--base", str(demo), "rapport", "hcts", "-o", str(pdf), "--du", "2026-01-01", "--au", "2026-06-30"])
    assert code == 0, capsys.readouterr().err
    assert demo.read_bytes() == avant  # a read-only command
    assert "Enregistré" in capsys.readouterr().out
    t = _texte(pdf)
    assert contient(t, "Rapport au Haut Conseil du travail social")
    assert contient(t, "du 1er janvier 2026 au 30 juin 2026")
    ind = _indicateurs(demo, Periode(dt.date(2026, 1, 1), dt.date(2026, 6, 30)))
    seances = ind["seances"]
    saisines = ind["saisines"]
    assert isinstance(seances, list) and isinstance(saisines, dict)
    assert contient(t, f"{len(seances)} séances tenues sur la période")
    assert contient(t, f"Saisines reçues {saisines['recues']}")
    assert contient(t, "REC-2026-002") and not contient(t, "REC-2026-003")


def test_rapport_candidature(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    avant = demo.read_bytes()
    pdf = tmp_path / "dossier.pdf"
    assert main(["--base", str(demo), "rapport", "candidature", "-o", str(pdf)]) == 0, capsys.readouterr().err
    assert demo.read_bytes() == avant
    t = _texte(pdf)
    assert contient(t, "Dossier de candidature") and contient(t, "Annexe — Lettres d'engagement des partenaires")
    assert contient(t, "À compléter")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--du", "2026-13-01"], "n'est pas une date AAAA-MM-JJ"),
        (["--au", "demain"], "n'est pas une date AAAA-MM-JJ"),
        (["--du", "2026-06-30", "--au", "2026-01-01"], "La période est vide"),
    ],
)
def test_date_refusee(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    avant = demo.read_bytes()
    pdf = tmp_path / "rapport.pdf"
    assert _code(["--base", str(demo), "rapport", "hcts", "-o", str(pdf), *arguments]) == 1
    erreur = capsys.readouterr().err
    assert message in erreur and "Traceback" not in erreur
    assert erreur.strip().splitlines()[0].count(message) == 1
    assert not pdf.exists() and demo.read_bytes() == avant


def test_sans_genre_ni_sortie(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as sortie:
        main(["--base", str(demo), "rapport"])
    assert sortie.value.code == 1
    with pytest.raises(SystemExit):
        main(["--base", str(demo), "rapport", "candidature"])
    assert "arguments obligatoires manquants" in capsys.readouterr().err


def test_base_absente(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    absente = tmp_path / "absente.db"
    assert main(["--base", str(absente), "rapport", "candidature", "-o", str(tmp_path / "d.pdf")]) == 1
    erreur = capsys.readouterr().err
    assert len(erreur.strip().splitlines()) == 1 and "Traceback" not in erreur
    assert not absente.exists() and not (tmp_path / "d.pdf").exists()


def test_dossier_de_sortie_absent(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sortie = tmp_path / "absent" / "rapport.pdf"
    assert main(["--base", str(demo), "rapport", "hcts", "-o", str(sortie)]) == 1
    erreur = capsys.readouterr().err
    assert len(erreur.strip().splitlines()) == 1 and "Traceback" not in erreur
