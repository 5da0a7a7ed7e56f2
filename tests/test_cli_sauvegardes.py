"""`sauvegarder`, `restaurer`, `verifier [--purger]` and the lock of the sub-commands that write (CONCEPTION §4)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app import verrou
from app.cli import main
from app.services import sauvegardes
from app.verrou import Detenteur, chemin_verrou

Capture = pytest.CaptureFixture[str]


def _pid_mort() -> int:
    processus = subprocess.Popen([sys.executable, "-c", "pass"])
    processus.wait()
    return processus.pid


def _executer(chemin: Path, requete: str) -> None:
    connexion = sqlite3.connect(chemin)
    try:
        with connexion:
            connexion.execute(requete)
    finally:
        connexion.close()


def _contenu(chemin: Path) -> str:
    connexion = sqlite3.connect(chemin)
    try:
        return "\n".join(connexion.iterdump())
    finally:
        connexion.close()


def test_sauvegarder_vers_un_fichier_puis_restaurer(demo: Path, tmp_path: Path, capsys: Capture) -> None:
    copie = tmp_path / "cle-usb" / "copie.db"
    copie.parent.mkdir()
    assert main(["--base", str(demo), "sauvegarder", "-o", str(copie)]) == 0
    assert capsys.readouterr().out == f"Sauvegarde enregistrée : « {copie} ».\n"
    attendu = _contenu(copie)
    _executer(demo, "UPDATE personne SET nom = 'Changé'")
    assert _contenu(demo) != attendu

    assert main(["--base", str(demo), "restaurer", str(copie)]) == 0
    sortie = capsys.readouterr().out.splitlines()
    assert sortie[0] == f"Base « {demo} » restaurée depuis « {copie} »."
    [gardee] = [s.chemin for s in sauvegardes.lister(demo) if s.motif == "avant_restauration"]
    assert sortie[1] == f"La base remplacée est gardée dans « {gardee} »."
    assert _contenu(demo) == attendu
    assert "'Changé'" in _contenu(gardee)
    assert not chemin_verrou(demo).exists()  # the lock was given back


def test_sauvegarder_sans_destination_va_dans_le_dossier(demo: Path, capsys: Capture) -> None:
    assert main(["--base", str(demo), "sauvegarder"]) == 0
    [sauvegarde] = sauvegardes.lister(demo)
    assert sauvegarde.motif == "manuelle"
    assert str(sauvegarde.chemin) in capsys.readouterr().out


def test_sauvegarder_une_base_absente_ou_etrangere(tmp_path: Path, capsys: Capture) -> None:
    assert main(["--base", str(tmp_path / "absente.db"), "sauvegarder"]) == 1
    assert "rien à sauvegarder" in capsys.readouterr().err
    etranger = tmp_path / "photo.db"
    etranger.write_bytes(b"\x89PNG" + bytes(500))
    assert main(["--base", str(etranger), "sauvegarder", "-o", str(tmp_path / "x.db")]) == 1
    assert "n'est pas une base de données Comité local" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()


def test_restaurer_un_mauvais_fichier_une_ligne_et_rien_ne_change(demo: Path, tmp_path: Path, capsys: Capture) -> None:
    mauvais = tmp_path / "notes.db"
    mauvais.write_text("pas une base", encoding="utf-8")
    avant = demo.read_bytes()
    assert main(["--base", str(demo), "restaurer", str(mauvais)]) == 1
    erreur = capsys.readouterr().err
    assert erreur.count("\n") == 1 and "ne peut pas servir de sauvegarde" in erreur and str(mauvais) in erreur
    assert demo.read_bytes() == avant
    assert sauvegardes.lister(demo) == []


def test_restaurer_refuse_si_une_fenetre_tient_la_base(demo: Path, tmp_path: Path, capsys: Capture) -> None:
    copie = tmp_path / "copie.db"
    assert main(["--base", str(demo), "sauvegarder", "-o", str(copie)]) == 0
    capsys.readouterr()
    avant = demo.read_bytes()
    # Another program (a live process) holds the base.
    autre = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from app import verrou; "
            f"v = verrou.prendre(Path({str(demo)!r})); print('pris', flush=True); sys.stdin.read(); v.rendre()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        assert autre.stdout is not None and autre.stdout.readline().strip() == "pris"
        assert main(["--base", str(demo), "restaurer", str(copie)]) == 1
        erreur = capsys.readouterr().err
        detenteur = verrou.lire(demo)
        assert detenteur is not None and detenteur.pid == autre.pid
        assert erreur == f"La base est déjà ouverte par {detenteur.description()}.\n"
        assert demo.read_bytes() == avant
        assert main(["--base", str(demo), "demo"]) == 1
        assert "déjà ouverte par" in capsys.readouterr().err
        assert main(["--base", str(demo), "verifier"]) == 0  # reading needs no lock
        assert main(["--base", str(demo), "sauvegarder"]) == 0  # nor does a backup
    finally:
        autre.communicate("")
    assert autre.returncode == 0


def test_un_verrou_laisse_par_un_processus_mort_est_ignore(demo: Path, tmp_path: Path, capsys: Capture) -> None:
    copie = tmp_path / "copie.db"
    assert main(["--base", str(demo), "sauvegarder", "-o", str(copie)]) == 0
    perime = Detenteur("ancien", verrou.nom_machine(), _pid_mort(), dt.datetime(2026, 11, 1, 9, 0))
    chemin_verrou(demo).write_text(perime.en_json(), encoding="utf-8")
    assert main(["--base", str(demo), "restaurer", str(copie)]) == 0
    assert not chemin_verrou(demo).exists()


def test_verifier_une_base_endommagee(demo: Path, capsys: Capture) -> None:
    taille = demo.stat().st_size
    with demo.open("r+b") as flux:
        flux.seek(taille // 2)
        flux.write(b"\xff" * 4096)
    avant = demo.read_bytes()
    assert main(["--base", str(demo), "verifier"]) == 1
    erreur = capsys.readouterr().err
    assert "problème(s) détecté(s)" in erreur and "Traceback" not in erreur
    assert demo.read_bytes() == avant


def test_verifier_signale_un_probleme_de_coherence(demo: Path, capsys: Capture) -> None:
    _executer(demo, "UPDATE saisine SET numero = 'SAI-1999-999' WHERE id = (SELECT min(id) FROM saisine)")
    avant = demo.read_bytes()
    assert main(["--base", str(demo), "verifier"]) == 1
    sortie = capsys.readouterr()
    assert sortie.err.splitlines()[0].startswith("Cohérence : Saisine SAI-1999-999 : son numéro ne correspond pas")
    assert sortie.err.splitlines()[-1] == "1 problème(s) détecté(s)."
    assert demo.read_bytes() == avant
    assert not Path(f"{demo}-wal").exists()


def test_verifier_purger_applique_la_conservation(demo: Path, capsys: Capture) -> None:
    assert main(["--base", str(demo), "verifier", "--purger"]) == 0
    sortie = capsys.readouterr().out
    assert "Intégrité et cohérence : aucun problème détecté." in sortie
    assert sortie.splitlines()[0] != f"Base : {demo}"  # the purge sentences come first
    assert main(["--base", str(demo), "verifier", "--purger"]) == 0
    assert "Conservation : rien à purger." in capsys.readouterr().out  # a purge is done once


def test_importer_en_simulation_ne_prend_pas_le_verrou(chemin_base: Path, tmp_path: Path, capsys: Capture) -> None:
    modele = tmp_path / "modele.xlsx"
    assert main(["modele-import", "-o", str(modele)]) == 0
    with verrou.prendre(chemin_base):
        assert main(["--base", str(chemin_base), "importer", str(modele), "--simulation"]) == 0
        assert main(["--base", str(chemin_base), "importer", str(modele)]) == 1
    assert f"{os.getpid()}" not in capsys.readouterr().err  # the holder is named, not a pid


def test_sauvegarder_dans_un_dossier_existant(demo: Path, tmp_path: Path, capsys: Capture) -> None:
    cle = tmp_path / "cle-usb"
    cle.mkdir()
    assert main(["--base", str(demo), "sauvegarder", "-o", str(cle)]) == 0
    [fichier] = list(cle.iterdir())
    assert sauvegardes.lire_nom(fichier) is not None and fichier.name.startswith("demo_")
    assert str(fichier) in capsys.readouterr().out
