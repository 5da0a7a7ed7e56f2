"""Hostile files through the command line: exit 1, one French line per error on stderr, never a traceback.

The cases and their messages: `tests/corpus_hostile.py`. A few in-process, then one child process fed
several of them, whose whole standard error is read for a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from tests.corpus_hostile import CAS_BASES, CAS_CLASSEURS, bases_de_session, classeurs_de_session

RACINE = Path(__file__).resolve().parents[1]
CLASSEURS = {cas.nom: cas for cas in CAS_CLASSEURS}
BASES = {cas.nom: cas for cas in CAS_BASES}


@pytest.fixture(scope="session")
def classeurs_hostiles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return classeurs_de_session(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="session")
def bases_hostiles(tmp_path_factory: pytest.TempPathFactory, _demo_modele: Path) -> dict[str, Path]:
    return bases_de_session(tmp_path_factory.getbasetemp(), _demo_modele)


def _contenu(dossier: Path) -> dict[str, bytes | None]:
    return {p.name: (p.read_bytes() if p.is_file() else None) for p in sorted(dossier.iterdir())}


@pytest.mark.parametrize(
    "nom", ["macros_xlsm", "bombe_zip_menteuse", "chiffre_par_excel", "page_web_renommee", "cellule_en_colonne_xfd"]
)
def test_importer_un_classeur_hostile(
    nom: str, classeurs_hostiles: dict[str, Path], chemin_base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    avant = _contenu(chemin_base.parent)

    assert main(["--base", str(chemin_base), "importer", str(classeurs_hostiles[nom])]) == 1

    sortie = capsys.readouterr()
    assert sortie.out == ""
    erreur, total = sortie.err.splitlines()  # one line for the error, one for the count
    assert CLASSEURS[nom].fragment in erreur
    assert total == "Import refusé : 1 erreur(s)."
    assert "Traceback" not in sortie.err
    assert _contenu(chemin_base.parent) == avant


@pytest.mark.parametrize("simulation", [False, True])
def test_un_import_refuse_ou_simule_ne_cree_pas_de_base(
    simulation: bool, classeurs_hostiles: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossier = tmp_path / "vide"
    dossier.mkdir()
    neuve = dossier / "neuve.db"
    options = ["--simulation"] if simulation else []

    assert main(["--base", str(neuve), "importer", str(classeurs_hostiles["macros_xlsm"]), *options]) == 1

    assert "Import refusé" in capsys.readouterr().err
    assert list(dossier.iterdir()) == []


@pytest.mark.parametrize(
    "nom", ["texte", "sqlite_d_un_autre_programme", "schema_plus_recent", "sauvegarde_tronquee", "premiere_page_cassee"]
)
def test_une_base_hostile_est_refusee_en_une_ligne(
    nom: str, bases_hostiles: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    fichier = bases_hostiles[nom]
    avant = fichier.read_bytes()

    assert main(["--base", str(fichier), "indicateurs", "--json"]) == 1

    sortie = capsys.readouterr()
    assert sortie.out == ""
    assert len(sortie.err.splitlines()) == 1
    assert BASES[nom].fragment in sortie.err
    for anglais in ("database", "malformed", "file is not"):  # SQLite's own words stay in the log
        assert anglais not in sortie.err
    assert fichier.read_bytes() == avant


@pytest.mark.parametrize("nom", ["pdf", "sauvegarde_tronquee", "page_du_milieu_cassee"])
def test_restaurer_une_sauvegarde_hostile(
    nom: str, bases_hostiles: dict[str, Path], chemin_base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    avant = _contenu(chemin_base.parent)

    assert main(["--base", str(chemin_base), "restaurer", str(bases_hostiles[nom])]) == 1

    sortie = capsys.readouterr()
    assert len(sortie.err.splitlines()) == 1
    assert BASES[nom].fragment_sauvegarde in sortie.err
    assert _contenu(chemin_base.parent) == avant


# The child runs the command line's `main` once per file, exactly as `python -m app` would, and marks the
# end of each run on both streams.
_ENFANT = """
import sys
from app.cli import main

base = sys.argv[1]
for demande in sys.argv[2:]:
    commande, fichier = demande.split("=", 1)
    if commande == "indicateurs":
        code = main(["--base", fichier, "indicateurs"])
    else:
        code = main(["--base", base, commande, fichier])
    print(code, flush=True)
    print("--", file=sys.stderr, flush=True)
"""


def test_aucune_trace_de_pile_ne_sort_d_un_vrai_processus(
    classeurs_hostiles: dict[str, Path], bases_hostiles: dict[str, Path], chemin_base: Path
) -> None:
    classeurs = ["cent_mille_lignes", "bombe_zip_declaree", "milliard_de_rires", "xml_du_classeur_malforme"]
    classeurs += ["ods_renomme", "dossier_nomme_xlsx", "zeros", "introuvable"]
    bases = ["que_des_zeros", "premiere_page_cassee", "sqlite_d_un_autre_programme"]
    demandes = [(f"importer={classeurs_hostiles[n]}", CLASSEURS[n].fragment) for n in classeurs]
    demandes += [(f"indicateurs={bases_hostiles[n]}", BASES[n].fragment) for n in bases]
    demandes += [
        (f"restaurer={bases_hostiles['sauvegarde_tronquee']}", BASES["sauvegarde_tronquee"].fragment_sauvegarde)
    ]
    avant = _contenu(chemin_base.parent)

    sortie = subprocess.run(
        [sys.executable, "-c", _ENFANT, str(chemin_base), *(d for d, _ in demandes)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=RACINE,
        timeout=120,
        check=False,
    )

    assert sortie.returncode == 0, sortie.stderr
    assert "Traceback" not in sortie.stderr and "Error" not in sortie.stderr, sortie.stderr
    assert sortie.stdout.split() == ["1"] * len(demandes)
    blocs = sortie.stderr.split("--\n")[:-1]
    assert len(blocs) == len(demandes)
    for (demande, fragment), bloc in zip(demandes, blocs, strict=True):
        lignes = bloc.splitlines()
        assert fragment in lignes[0], (demande, bloc)
        if demande.startswith("importer="):
            assert lignes[1:] == ["Import refusé : 1 erreur(s)."], bloc
        else:
            assert len(lignes) == 1, bloc
    assert _contenu(chemin_base.parent) == avant
