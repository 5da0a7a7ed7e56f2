"""`convocation`, `emargement` and `pv` on the demo base: files written, base untouched, French refusals."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from app.cli import main


def _texte(chemin: Path) -> str:
    lecteur = PdfReader(chemin)
    return "\n".join(page.extract_text() for page in lecteur.pages)


def _sans_espaces(texte: str) -> str:
    return " ".join(texte.replace("\u202f", " ").replace("\u00a0", " ").split())


def test_convocation_et_invitation(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    avant = demo.read_bytes()
    pdf, ics = tmp_path / "convocation.pdf", tmp_path / "convocation.ics"
    code = main(["--base", str(demo), "convocation", "PL-2026-05", "-o", str(pdf), "--ics", str(ics)])
    assert code == 0, capsys.readouterr().err
    assert demo.read_bytes() == avant  # a read-only command
    texte = _sans_espaces(_texte(pdf))
    assert "Convocation" in texte and "PL-2026-05" in texte and "17 décembre 2026" in texte
    assert "Ordre du jour" in texte and "pouvoir" in texte
    evenement = next(iter(Calendar.from_ical(ics.read_bytes()).walk("VEVENT")))
    assert str(evenement["UID"]).startswith("PL-2026-05")
    assert evenement.decoded("DTSTART").date().isoformat() == "2026-12-17"
    assert "Hôtel du département" in str(evenement["LOCATION"])
    assert "Enregistré" in capsys.readouterr().out


def test_convocation_tardive_sans_motif_refusee_puis_imprimee_avec(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-12-14")  # 3 days before PL-2026-05: notice is 15
    pdf = tmp_path / "c.pdf"
    assert main(["--base", str(demo), "convocation", "PL-2026-05", "-o", str(pdf)]) == 1
    erreur = capsys.readouterr().err
    assert "motif de l'urgence" in erreur and "--motif-urgence" in erreur and "Traceback" not in erreur
    assert len(erreur.strip().splitlines()) == 1
    assert not pdf.exists() and not list(tmp_path.glob("*.partiel"))
    motif = "Avis demandé par le HCTS avant le 31 décembre"
    assert main(["--base", str(demo), "convocation", "PL-2026-05", "-o", str(pdf), "--motif-urgence", motif]) == 0
    assert motif in _sans_espaces(_texte(pdf))


def test_seconde_convocation_sans_quorum_requis(demo: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "c.pdf"
    assert main(["--base", str(demo), "convocation", "PL-2026-02", "-o", str(pdf)]) == 0
    texte = _sans_espaces(_texte(pdf))
    assert "Seconde convocation" in texte and "PL-2026-01" in texte
    assert "quorum" in texte


def test_emargement(demo: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "e.pdf"
    assert main(["--base", str(demo), "emargement", "BU-2026-07", "-o", str(pdf)]) == 0
    texte = _sans_espaces(_texte(pdf))
    assert "émargement" in texte.lower() and "Signature" in texte and "Quorum" in texte


def test_pv_projet_puis_approuve_et_releve(demo: Path, tmp_path: Path) -> None:
    projet, approuve, releve = tmp_path / "p.pdf", tmp_path / "a.pdf", tmp_path / "r.pdf"
    assert main(["--base", str(demo), "pv", "PL-2026-04", "-o", str(projet)]) == 0
    lecteur = PdfReader(projet)
    assert all("PROJET" in page.extract_text() for page in lecteur.pages)
    assert main(["--base", str(demo), "pv", "PL-2026-02", "-o", str(approuve)]) == 0
    texte = _sans_espaces(_texte(approuve))
    assert "PROJET" not in texte and "approuvé" in texte
    assert main(["--base", str(demo), "pv", "PL-2026-04", "--releve", "-o", str(releve)]) == 0
    assert "Relevé de décisions" in _sans_espaces(_texte(releve))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["pv", "XX-1", "-o", "{dossier}/x.pdf"], "Aucune séance n'a la référence « XX-1 »"),
        (["pv", "PL-2026-05", "-o", "{dossier}/x.pdf"], "une fois la séance tenue"),
        (["emargement", "PL-2026-03", "-o", "{dossier}/x.pdf"], "annulée : pas de feuille d'émargement"),
        (["pv", "PL-2026-04", "-o", "{dossier}/absent/x.pdf"], "le dossier n'existe pas"),
    ],
)
def test_refus_en_une_ligne_francaise(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    arguments = [a.format(dossier=tmp_path) for a in arguments]
    assert main(["--base", str(demo), *arguments]) == 1
    erreur = capsys.readouterr().err
    assert message in erreur
    assert len(erreur.strip().splitlines()) == 1 and "Traceback" not in erreur
    assert not list(tmp_path.glob("**/*.pdf"))


def test_un_echec_d_ecriture_laisse_l_ancien_fichier_intact(demo: Path, tmp_path: Path, monkeypatch) -> None:
    import os

    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(b"ancien")

    def disque_plein(_source: object, _destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disque_plein)
    sortie = io.StringIO()
    monkeypatch.setattr("sys.stderr", sortie)
    assert main(["--base", str(demo), "pv", "PL-2026-04", "-o", str(pdf)]) == 1
    assert "le disque est plein" in sortie.getvalue()
    assert pdf.read_bytes() == b"ancien" and not list(tmp_path.glob(".*partiel"))
