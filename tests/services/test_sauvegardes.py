"""Backups: a consistent copy, a checked restore that keeps the replaced base, refusals that change nothing."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app import db
from app.erreurs import ErreurConnue
from app.migrations.revisions import REVISIONS, TETE
from app.modeles import Personne, Presence, Seance
from app.services import sauvegardes
from app.services.sauvegardes import SauvegardeRefusee, controler_sauvegarde, restaurer, sauvegarder

INSTANT = dt.datetime(2026, 11, 22, 9, 30, 0)


def _contenu(chemin: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in a stable order (read-only)."""
    connexion = sqlite3.connect(db._uri_lecture_seule(chemin), uri=True)
    try:
        tables = [t for (t,) in connexion.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(connexion.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        connexion.close()


def _abimer(chemin: Path) -> None:
    """Overwrite the middle of a page that holds rows (not the header): what a bad sector does."""
    taille = chemin.stat().st_size
    with chemin.open("r+b") as flux:
        flux.seek(taille // 2)
        flux.write(b"\xde\xad\xbe\xef" * 1024)


def test_aller_retour_sauvegarde_restauration_identique(demo: Path) -> None:
    avant = _contenu(demo)
    assert sum(len(lignes) for lignes in avant.values()) > 500  # the demo, not an empty base
    base = db.ouvrir(demo)
    try:
        fichier = sauvegarder(demo, instant=INSTANT)  # while the base is open: the online backup API
        with base.session_scope() as session:
            premiere = session.scalars(select(Personne).order_by(Personne.id)).first()
            assert premiere is not None
            premiere.nom = "Changé"
            session.delete(session.scalars(select(Presence).order_by(Presence.id)).first())
            seance = session.scalars(select(Seance).order_by(Seance.id)).first()
            assert seance is not None
            seance.lieu = "Ailleurs"
    finally:
        base.fermer()
    modifie = _contenu(demo)
    assert modifie != avant
    assert controler_sauvegarde(fichier) == TETE

    gardee = restaurer(demo, fichier, instant=INSTANT + dt.timedelta(minutes=5))

    assert _contenu(demo) == avant
    assert _contenu(gardee) == modifie  # the replaced base is kept, whole
    assert gardee.name.endswith("_avant_restauration.db")
    assert not list(demo.parent.glob("*.partiel"))
    rouverte = db.ouvrir(demo)  # and it opens normally afterwards
    rouverte.fermer()


def test_restaurer_pendant_qu_un_wal_traine_ne_le_rejoue_pas(demo: Path, tmp_path: Path) -> None:
    """The old base's -wal must never be replayed onto the restored file."""
    fichier = sauvegarder(demo, tmp_path / "copie.db")
    base = db.ouvrir(demo)
    with base.session_scope() as session:
        personne = session.scalars(select(Personne).order_by(Personne.id)).first()
        assert personne is not None
        personne.nom = "Dans le WAL"
    # Leave the WAL behind as a crashed program would: copy the files while the engine still has them.
    wal = Path(f"{demo}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    orphelin = tmp_path / "orphelin"
    orphelin.mkdir()
    for suffixe in ("", "-wal", "-shm"):
        shutil.copyfile(f"{demo}{suffixe}", orphelin / f"demo.db{suffixe}")
    base.fermer()
    cible = orphelin / "demo.db"
    attendu = _contenu(fichier)

    gardee = restaurer(cible, fichier)

    assert not Path(f"{cible}-wal").exists()
    assert _contenu(cible) == attendu
    with closing(sqlite3.connect(gardee)) as connexion, connexion:  # the WAL's change went into the kept copy
        assert connexion.execute("SELECT count(*) FROM personne WHERE nom = 'Dans le WAL'").fetchone() == (1,)


@pytest.mark.parametrize(
    ("preparer", "raison"),
    [
        (lambda f: f.write_bytes(b""), "ce n'est pas une base"),
        (lambda f: f.write_text("nom;prénom\n", encoding="utf-8"), "ce n'est pas une base"),
        (lambda f: f.mkdir(), "c'est un dossier"),
        (lambda f: None, "n'existe pas"),
    ],
    ids=["vide", "texte", "dossier", "absent"],
)
def test_un_fichier_qui_n_est_pas_une_base_est_refuse(tmp_path: Path, preparer, raison: str) -> None:
    fichier = tmp_path / "candidat.db"
    preparer(fichier)
    with pytest.raises(SauvegardeRefusee, match=raison) as refus:
        controler_sauvegarde(fichier)
    assert str(fichier) in refus.value.message


def test_une_copie_tronquee_est_refusee(demo: Path, tmp_path: Path) -> None:
    fichier = sauvegarder(demo, tmp_path / "copie.db")
    contenu = fichier.read_bytes()
    fichier.write_bytes(contenu[: len(contenu) // 2])
    with pytest.raises(SauvegardeRefusee, match="tronqué"):
        controler_sauvegarde(fichier)


def test_une_copie_endommagee_est_refusee_et_la_base_reste_intacte(demo: Path, tmp_path: Path) -> None:
    fichier = sauvegarder(demo, tmp_path / "copie.db")
    _abimer(fichier)
    avant = demo.read_bytes()
    with pytest.raises(SauvegardeRefusee, match="endommagé"):
        restaurer(demo, fichier)
    assert demo.read_bytes() == avant
    assert sauvegardes.lister(demo) == []  # refused before anything: not even the copy of the current base


def test_une_base_d_un_autre_programme_est_refusee(tmp_path: Path) -> None:
    fichier = tmp_path / "autre.db"
    with closing(sqlite3.connect(fichier)) as connexion, connexion:
        connexion.execute("CREATE TABLE clients (id INTEGER PRIMARY KEY, nom TEXT)")
    with pytest.raises(SauvegardeRefusee, match="autre programme"):
        controler_sauvegarde(fichier)


def test_une_sauvegarde_plus_recente_est_refusee_une_plus_ancienne_acceptee(chemin_base: Path, tmp_path: Path) -> None:
    recente = tmp_path / "recente.db"
    shutil.copyfile(chemin_base, recente)
    with closing(sqlite3.connect(recente)) as connexion, connexion:
        connexion.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(SauvegardeRefusee, match="plus récente"):
        controler_sauvegarde(recente)

    ancienne = tmp_path / "ancienne.db"
    shutil.copyfile(chemin_base, ancienne)
    with closing(sqlite3.connect(ancienne)) as connexion, connexion:
        connexion.execute("UPDATE alembic_version SET version_num = ?", (REVISIONS[0],))
    assert controler_sauvegarde(ancienne) == REVISIONS[0]


def test_references_cassees_refusees(chemin_base: Path, tmp_path: Path) -> None:
    fichier = tmp_path / "cassee.db"
    shutil.copyfile(chemin_base, fichier)
    with closing(sqlite3.connect(fichier)) as connexion, connexion:
        connexion.execute("PRAGMA foreign_keys = OFF")
        connexion.execute(
            "INSERT INTO seance (id, reference, instance_id, date, lieu, lien_visio, format, statut, motif_urgence) "
            "VALUES (1, 'PL-2026-01', 42, '2026-03-05', '', '', 'presentiel', 'tenue', '')"
        )
    with pytest.raises(SauvegardeRefusee, match="références cassées"):
        controler_sauvegarde(fichier)


def test_le_controle_n_ecrit_jamais_le_fichier(demo: Path, tmp_path: Path) -> None:
    fichier = sauvegarder(demo, tmp_path / "copie.db")
    avant = fichier.read_bytes()
    controler_sauvegarde(fichier)
    assert fichier.read_bytes() == avant
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copie")) == ["copie.db"]


def test_sauvegarde_dans_le_dossier_nommee_et_listee(demo: Path) -> None:
    fichier = sauvegarder(demo, instant=INSTANT, motif="ouverture")
    assert fichier.name == "demo_2026-11-22_093000_ouverture.db"
    assert fichier.parent == sauvegardes.dossier_sauvegardes(demo)
    (fichier.parent / "demo_2026-11-22_093500_manuelle.db.partiel").write_bytes(b"moitie")
    (fichier.parent / "notes.txt").write_text("à moi", encoding="utf-8")
    assert [s.chemin for s in sauvegardes.lister(demo)] == [fichier]
    deuxieme = sauvegarder(demo, instant=INSTANT, motif="avant_restauration")
    troisieme = sauvegarder(demo, instant=INSTANT, motif="avant_restauration")  # same second: not overwritten
    assert deuxieme != troisieme and deuxieme.exists() and troisieme.exists()


def test_deux_bases_du_meme_nom_ont_des_dossiers_distincts(tmp_path: Path) -> None:
    a = sauvegardes.dossier_sauvegardes(tmp_path / "a" / "comite.db")
    b = sauvegardes.dossier_sauvegardes(tmp_path / "b" / "comite.db")
    assert a != b and a.name.startswith("comite-") and b.name.startswith("comite-")


def test_sauvegarder_vers_un_support_plein_ne_laisse_rien(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores permissions and the disk is not full: the failing fsync is simulated."""

    def plein(_descripteur: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    cible = tmp_path / "cle-usb" / "copie.db"
    monkeypatch.setattr("app.db.os.fsync", plein)
    with pytest.raises(ErreurConnue, match="le disque est plein"):
        sauvegarder(demo, cible)
    assert list(cible.parent.iterdir()) == []


def test_sauvegarder_une_base_absente(tmp_path: Path) -> None:
    with pytest.raises(ErreurConnue, match="rien à sauvegarder"):
        sauvegarder(tmp_path / "absente.db")


def test_sauvegarde_d_ouverture_une_par_jour(demo: Path) -> None:
    premiere = sauvegardes.sauvegarde_d_ouverture(demo, INSTANT)
    assert premiere is not None and premiere.name.endswith("_ouverture.db")
    assert sauvegardes.sauvegarde_d_ouverture(demo, INSTANT + dt.timedelta(hours=3)) is None
    lendemain = sauvegardes.sauvegarde_d_ouverture(demo, INSTANT + dt.timedelta(days=1))
    assert lendemain is not None and lendemain != premiere


def test_derniere_bonne_sauvegarde_saute_les_endommagees(demo: Path) -> None:
    bonne = sauvegarder(demo, instant=INSTANT, motif="ouverture")
    mauvaise = sauvegarder(demo, instant=INSTANT + dt.timedelta(days=1), motif="ouverture")
    _abimer(mauvaise)
    trouvee = sauvegardes.derniere_bonne_sauvegarde(demo)
    assert trouvee is not None and trouvee.chemin == bonne


def test_controle_rapide_d_une_base_endommagee(demo: Path) -> None:
    assert sauvegardes.probleme_rapide(demo) == ""
    _abimer(demo)
    assert sauvegardes.probleme_rapide(demo) != ""


def test_restaurer_une_base_endommagee_garde_sa_copie_brute(demo: Path, tmp_path: Path) -> None:
    fichier = sauvegarder(demo, tmp_path / "copie.db")
    attendu = _contenu(fichier)
    _abimer(demo)
    abimee = demo.read_bytes()
    gardee = restaurer(demo, fichier)
    assert _contenu(demo) == attendu
    assert gardee.read_bytes()[:16] == abimee[:16]


def test_restaurer_sur_un_poste_neuf_sans_base(demo: Path, tmp_path: Path) -> None:
    fichier = sauvegarder(demo, tmp_path / "copie.db")
    neuve = tmp_path / "poste-neuf" / "comite.db"
    assert restaurer(neuve, fichier) == neuve
    assert _contenu(neuve) == _contenu(fichier)


@given(decalage=st.integers(min_value=0, max_value=10**9), octets=st.binary(min_size=1, max_size=64))
@settings(max_examples=60)
def test_un_octet_abime_n_importe_ou_est_refuse_ou_sans_effet_jamais_une_trace(
    _modele_de_base: Path, tmp_path_factory: pytest.TempPathFactory, decalage: int, octets: bytes
) -> None:
    """Whatever a bad sector or a half-copy does to a file, the check answers with a reason, never a crash."""
    fichier = tmp_path_factory.mktemp("abime") / "copie.db"
    shutil.copyfile(_modele_de_base, fichier)
    taille = fichier.stat().st_size
    with fichier.open("r+b") as flux:
        flux.seek(decalage % taille)
        flux.write(octets)
    avant = fichier.read_bytes()
    try:
        assert controler_sauvegarde(fichier) in REVISIONS
    except SauvegardeRefusee as refus:
        assert str(fichier) in refus.message and "Rien n'a été modifié" in refus.message
    assert fichier.read_bytes() == avant


def test_un_remplacement_qui_echoue_laisse_l_ancienne_base_entiere(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to replace a file another program has open: simulated, since Linux never does."""
    fichier = sauvegarder(demo, tmp_path / "copie.db")
    base = db.ouvrir(demo)
    with base.session_scope() as session:  # a change still in the WAL when the restore starts
        personne = session.scalars(select(Personne).order_by(Personne.id)).first()
        assert personne is not None
        personne.nom = "Récent"
    attendu = _contenu(demo)
    base.fermer()

    vrai_replace = os.replace

    def refuse(source: str | os.PathLike[str], cible: str | os.PathLike[str]) -> None:
        if Path(cible) == demo:  # only the final step; the copies before it go through
            raise PermissionError(errno.EACCES, "Permission denied")
        vrai_replace(source, cible)

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ErreurConnue, match="accès refusé"):
        restaurer(demo, fichier)
    [gardee] = [s.chemin for s in sauvegardes.lister(demo) if s.motif == "avant_restauration"]
    assert _contenu(gardee) == attendu  # the copy aside was made through the backup API
    assert _contenu(demo) == attendu
    assert not [p for p in demo.parent.iterdir() if p.name.endswith(".partiel")]


def test_les_restes_d_une_copie_interrompue_sont_retires_a_la_sauvegarde_suivante(chemin_base: Path) -> None:
    premiere = sauvegarder(chemin_base)
    dossier = premiere.parent
    vieux = [dossier / f"{premiere.name}.partiel", dossier / f"{premiere.name}.partiel-journal"]
    recent = dossier / "comite_en_cours.db.partiel"  # another program's copy may be running right now
    for reste in [*vieux, recent]:
        reste.write_bytes(b"interrompu")
    il_y_a_deux_heures = dt.datetime.now().timestamp() - 7200
    for reste in vieux:
        os.utime(reste, (il_y_a_deux_heures, il_y_a_deux_heures))

    seconde = sauvegarder(chemin_base, motif="manuelle")

    assert [reste.exists() for reste in vieux] == [False, False]
    assert recent.exists()
    assert seconde.exists()
