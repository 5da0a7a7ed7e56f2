"""Crash safety (issue 7, item 3), short run: the program killed (SIGKILL) in the middle of its work.

Each mode starts a real child process (an import, a series of saves, a migration, a restore when the service
exists), kills it at random moments drawn from a fixed seed within its measured work, then checks the base as
the program would find it: opened normally, integrity and foreign keys sound, nothing half-applied, and the
dead child's lock no hindrance. The long run (≥ 200 kills) is `benchmarks/arret_brutal.py`.

Why the kill test takes about 15 s: every try is a fresh Python process (about 0.5 s of start-up and imports)
plus up to a second of work before the kill, and each mode first runs its child once to the end to measure it;
three tries per mode (twelve in all) is the least that still shows kills landing inside the work. The harness
was checked against a defect made on purpose (an action committed in two steps): every kill found it.
"""

from __future__ import annotations

import random
import sqlite3
import sys
from pathlib import Path

import pytest

from tests import arret_brutal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL n'existe que sous POSIX")

ARRETS_PAR_MODE = 3  # 12 kills in all with the restore


def _modes() -> list[str]:
    modes = ["import", "enregistrements", "migration"]
    return [*modes, "restauration"] if arret_brutal.restauration_disponible() else modes


def test_un_arret_brutal_ne_laisse_ni_base_abimee_ni_travail_a_moitie(tmp_path: Path) -> None:
    hasard = random.Random(20261202)
    resultats = {}
    for mode in _modes():
        dossier = tmp_path / mode
        preparation = arret_brutal.preparer(mode, dossier, actions=150, seances=20_000, personnes=60_000)
        arret_brutal.etalonner(preparation, dossier)
        resultats[mode] = arret_brutal.arreter_au_hasard(preparation, dossier, ARRETS_PAR_MODE, hasard)

    for mode, chiffres in resultats.items():
        assert chiffres.erreurs_enfant == 0, (mode, chiffres.exemples)
        assert chiffres.bases_en_defaut == 0, (mode, chiffres.exemples)
        assert chiffres.a_moitie == 0, (mode, chiffres.exemples)
        assert chiffres.verrous_bloquants == 0, mode
        assert chiffres.pendant_le_travail >= 1, chiffres.en_dict()
    # Kills that all came too early or too late would prove nothing: most must land during the work.
    arrets = sum(c.arrets for c in resultats.values())
    pendant = sum(c.pendant_le_travail for c in resultats.values())
    assert arrets >= 9 and 3 * pendant >= 2 * arrets, {m: c.en_dict() for m, c in resultats.items()}
    saves = resultats["enregistrements"]
    assert saves.pendant_l_ecriture == saves.pendant_le_travail  # every kill among the saves fell mid-series


# --- The checks themselves can fail: a half-applied action, a broken base, a live lock ------------------------


@pytest.fixture
def preparation_enregistrements(tmp_path: Path) -> arret_brutal.Preparation:
    return arret_brutal.preparer("enregistrements", tmp_path / "prep", actions=3)


def _copie(preparation: arret_brutal.Preparation, tmp_path: Path) -> Path:
    chemin = tmp_path / "copie.db"
    chemin.write_bytes(preparation.modele.read_bytes())
    return chemin


def test_le_constat_voit_une_action_a_moitie(
    preparation_enregistrements: arret_brutal.Preparation, tmp_path: Path
) -> None:
    chemin = _copie(preparation_enregistrements, tmp_path)
    connexion = sqlite3.connect(chemin)
    with connexion:  # a person without the mandate, attendance, item and journal line of the same action
        connexion.execute(
            "INSERT INTO personne (nom, prenom, fonction, courriel, telephone, besoins_accessibilite) "
            "VALUES ('Kill-0000', 'Essai', '', '', '', '')"
        )
    connexion.close()
    constat = arret_brutal.constater(preparation_enregistrements, chemin)
    assert constat.a_moitie == ["Kill-0000 : ['personne']"]
    assert not constat.problemes


def test_le_constat_voit_des_lignes_d_import_en_trop(tmp_path: Path) -> None:
    preparation = arret_brutal.Preparation("import", tmp_path / "m.db", {})
    arret_brutal._base_neuve(preparation.modele)
    preparation.avant = arret_brutal.comptes(preparation.modele)
    preparation.apres = dict(preparation.avant, structure=3, personne=5)
    chemin = _copie(preparation, tmp_path)
    connexion = sqlite3.connect(chemin)
    with connexion:
        connexion.execute("INSERT INTO structure (nom, type) VALUES ('Seule', 'autre')")
    connexion.close()
    constat = arret_brutal.constater(preparation, chemin)
    assert constat.etat == "autre" and len(constat.a_moitie) == 1
    assert "'structure': (0, 1, 3)" in constat.a_moitie[0]


def test_le_constat_voit_une_base_abimee(preparation_enregistrements: arret_brutal.Preparation, tmp_path: Path) -> None:
    chemin = _copie(preparation_enregistrements, tmp_path)
    connexion = sqlite3.connect(chemin)
    connexion.execute("PRAGMA foreign_keys = OFF")
    with connexion:
        connexion.execute("UPDATE mandat SET instance_id = 999")
    connexion.close()
    constat = arret_brutal.constater(preparation_enregistrements, chemin)
    assert any("foreign_key_check" in p for p in constat.problemes)


def test_un_verrou_tenu_par_un_vivant_est_compte_comme_bloquant(
    preparation_enregistrements: arret_brutal.Preparation, tmp_path: Path
) -> None:
    from app import verrou

    chemin = _copie(preparation_enregistrements, tmp_path)
    with verrou.prendre(chemin):  # this process is alive: its lock is not stale
        constat = arret_brutal.constater(preparation_enregistrements, chemin)
    assert constat.verrou_bloquant
