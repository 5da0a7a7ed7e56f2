"""Rotation of the backups, driven by a fake clock; the per-machine settings file."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services import sauvegardes
from app.services.sauvegardes import Sauvegarde, sauvegarde_d_ouverture, sauvegarder
from app.services.sauvegardes_rotation import (
    MO,
    ReglagesSauvegarde,
    a_supprimer,
    chemin_reglages,
    dossier_de_la_base,
    enregistrer_reglages,
    lire_reglages,
)

DEBUT = dt.datetime(2026, 1, 1, 8, 0, 0)


def _fausse(instant: dt.datetime, motif: str = "ouverture", taille: int = 1000) -> Sauvegarde:
    return Sauvegarde(Path(f"/nulle/part/b_{instant:%Y-%m-%d_%H%M%S}_{motif}.db"), instant, motif, taille)


def test_une_annee_d_ouvertures_quotidiennes_garde_14_jours_et_12_mois(tmp_path: Path) -> None:
    """The real files, one opening a day for 400 days by a fake clock (a one-page base: the copies are cheap)."""
    chemin_base = tmp_path / "petite.db"
    with closing(sqlite3.connect(chemin_base)) as connexion:
        connexion.execute("CREATE TABLE t (x)")
    for jour in range(400):
        assert sauvegarde_d_ouverture(chemin_base, DEBUT + dt.timedelta(days=jour)) is not None
    dernier = (DEBUT + dt.timedelta(days=399)).date()
    assert dernier == dt.date(2027, 2, 4)
    jours = {s.instant.date() for s in sauvegardes.lister(chemin_base)}
    quotidiennes = {dernier - dt.timedelta(days=n) for n in range(14)}  # 22 January to 4 February 2027
    fins_de_mois = {dt.date(2026, m + 1, 1) - dt.timedelta(days=1) for m in range(3, 12)} | {dt.date(2026, 12, 31)}
    # The newest of each of the 12 latest months: February and January 2027 are among the dailies.
    assert jours == quotidiennes | fins_de_mois
    assert len(sauvegardes.lister(chemin_base)) == 24


def test_plusieurs_sauvegardes_le_meme_jour_seule_la_derniere_reste_a_terme() -> None:
    matin = _fausse(DEBUT)
    soir = _fausse(DEBUT.replace(hour=18), "manuelle")
    supprimees = a_supprimer([matin, soir], DEBUT + dt.timedelta(days=1), ReglagesSauvegarde())
    assert supprimees == [matin]


def test_les_copies_de_securite_sont_gardees_a_part() -> None:
    reglages = ReglagesSauvegarde(quotidiennes=1, mensuelles=0, de_securite=3)
    securite = [_fausse(DEBUT + dt.timedelta(days=n), "avant_migration_0004") for n in range(5)]
    courantes = [_fausse(DEBUT + dt.timedelta(days=n, hours=1)) for n in range(5)]
    supprimees = a_supprimer(securite + courantes, DEBUT + dt.timedelta(days=10), reglages)
    assert set(supprimees) == set(securite[:2]) | set(courantes[:4])


def test_la_taille_maximale_supprime_les_plus_anciennes_jamais_la_plus_recente() -> None:
    reglages = ReglagesSauvegarde(taille_max_mo=3)
    liste = [_fausse(DEBUT + dt.timedelta(days=n), taille=MO) for n in range(5)]
    supprimees = a_supprimer(liste, DEBUT + dt.timedelta(days=5), reglages)
    assert set(supprimees) == set(liste[:2])
    enorme = [_fausse(DEBUT, taille=50 * MO)]
    assert a_supprimer(enorme, DEBUT + dt.timedelta(days=1), reglages) == []


def test_une_sauvegarde_datee_du_futur_n_est_pas_supprimee() -> None:
    """A clock set back must not make the rotation destroy what it does not understand."""
    futures = [_fausse(DEBUT + dt.timedelta(days=100 + n)) for n in range(30)]
    assert a_supprimer(futures, DEBUT, ReglagesSauvegarde(quotidiennes=1, mensuelles=0)) == []


@given(
    decalages=st.lists(st.integers(min_value=0, max_value=2000), min_size=1, max_size=60, unique=True),
    quotidiennes=st.integers(min_value=1, max_value=20),
    mensuelles=st.integers(min_value=0, max_value=15),
)
def test_rotation_proprietes(decalages: list[int], quotidiennes: int, mensuelles: int) -> None:
    liste = [_fausse(DEBUT + dt.timedelta(hours=h * 7)) for h in decalages]
    maintenant = max(s.instant for s in liste)
    reglages = ReglagesSauvegarde(quotidiennes=quotidiennes, mensuelles=mensuelles)
    supprimees = a_supprimer(liste, maintenant, reglages)
    gardees = [s for s in liste if s not in supprimees]
    plus_recente = max(liste, key=lambda s: s.instant)
    assert plus_recente in gardees
    assert len(gardees) <= quotidiennes + mensuelles
    assert len({s.instant.date() for s in gardees}) == len(gardees)  # never two of the same day
    # Applying the rotation again removes nothing more: it is stable.
    assert a_supprimer(gardees, maintenant, reglages) == []


def test_reglages_par_defaut_puis_enregistres(tmp_path: Path) -> None:
    assert lire_reglages() == ReglagesSauvegarde()
    cle = tmp_path / "cle-usb"
    enregistrer_reglages(ReglagesSauvegarde(dossier=str(cle), quotidiennes=7, mensuelles=6, taille_max_mo=500))
    reglages = lire_reglages()
    assert (reglages.dossier, reglages.quotidiennes, reglages.mensuelles, reglages.taille_max_mo) == (
        str(cle),
        7,
        6,
        500,
    )
    base = tmp_path / "comite.db"
    assert dossier_de_la_base(base).parent == cle
    assert json.loads(chemin_reglages().read_text(encoding="utf-8"))["quotidiennes"] == 7


@pytest.mark.parametrize(
    "contenu", ["{pas du json", "[1, 2]", json.dumps({"quotidiennes": 0, "mensuelles": "douze", "taille_max_mo": -5})]
)
def test_reglages_illisibles_ou_absurdes(contenu: str) -> None:
    chemin_reglages().parent.mkdir(parents=True, exist_ok=True)
    chemin_reglages().write_text(contenu, encoding="utf-8")
    reglages = lire_reglages()
    assert reglages.quotidiennes >= 1 and reglages.mensuelles == 12 and reglages.taille_max_mo >= 1


def test_la_rotation_ne_touche_qu_aux_sauvegardes_de_cette_base(chemin_base: Path) -> None:
    dossier = sauvegardes.dossier_sauvegardes(chemin_base)
    dossier.mkdir(parents=True)
    etranger = dossier / "mes-notes_2020-01-01_000000_ouverture.txt"
    etranger.write_text("à garder", encoding="utf-8")
    for jour in range(20):
        sauvegarder(chemin_base, instant=DEBUT + dt.timedelta(days=jour), motif="ouverture")
    assert etranger.exists()


def test_la_sauvegarde_qui_vient_d_etre_faite_n_est_jamais_supprimee(chemin_base: Path) -> None:
    """Same second, another motif that sorts after it: the rotation's tie must not drop the new one."""
    sauvegarder(chemin_base, instant=DEBUT, motif="ouverture")
    manuelle = sauvegarder(chemin_base, instant=DEBUT, motif="manuelle")
    assert manuelle.exists()
