"""Opening, creating, migrating and refusing bases (issue: migrations)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app import db
from app.migrations.revisions import REVISIONS, TETE
from tests.schema_ancien import base_a_la_revision


def _revision(chemin: Path) -> str:
    connexion = sqlite3.connect(chemin)
    try:
        return str(connexion.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        connexion.close()


def test_un_fichier_absent_est_cree_a_la_derniere_revision(tmp_path: Path) -> None:
    chemin = tmp_path / "sous dossier accentué é" / "nouvelle base.db"
    base = db.ouvrir(chemin)
    base.fermer()
    assert base.migree
    assert _revision(chemin) == TETE


def test_un_fichier_vide_est_cree_a_la_derniere_revision(tmp_path: Path) -> None:
    chemin = tmp_path / "vide.db"
    chemin.write_bytes(b"")
    db.ouvrir(chemin).fermer()
    assert _revision(chemin) == TETE


def test_une_base_a_jour_s_ouvre_sans_importer_alembic(chemin_base: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from app import db; "
        f"b = db.ouvrir(Path({str(chemin_base)!r})); b.fermer(); "
        "print('alembic' in sys.modules, b.migree)"
    )
    sortie = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert sortie.stdout.split() == ["False", "False"]


def test_une_base_plus_recente_est_refusee_sans_etre_touchee(chemin_base: Path) -> None:
    connexion = sqlite3.connect(chemin_base)
    connexion.execute("UPDATE alembic_version SET version_num = '9999'")
    connexion.commit()
    connexion.close()
    avant = chemin_base.read_bytes()
    with pytest.raises(db.BaseTropRecente, match="version plus récente"):
        db.ouvrir(chemin_base)
    with pytest.raises(db.BaseTropRecente):
        db.ouvrir(chemin_base, lecture_seule=True)
    assert chemin_base.read_bytes() == avant
    assert not Path(f"{chemin_base}-wal").exists()


def test_un_fichier_qui_n_est_pas_une_base_est_refuse(tmp_path: Path) -> None:
    chemin = tmp_path / "lettre.db"
    chemin.write_text("Bonjour, ceci est une lettre.", encoding="utf-8")
    avant = chemin.read_bytes()
    with pytest.raises(db.PasUneBase, match="n'est pas une base"):
        db.ouvrir(chemin)
    assert chemin.read_bytes() == avant


def test_une_base_sqlite_d_un_autre_programme_est_refusee(tmp_path: Path) -> None:
    chemin = tmp_path / "autre.db"
    connexion = sqlite3.connect(chemin)
    connexion.execute("CREATE TABLE clients (id INTEGER PRIMARY KEY, nom TEXT)")
    connexion.commit()
    connexion.close()
    avant = chemin.read_bytes()
    with pytest.raises(db.PasUneBase, match="autre programme"):
        db.ouvrir(chemin)
    assert chemin.read_bytes() == avant


def test_lecture_seule_refuse_une_base_absente_sans_la_creer(tmp_path: Path) -> None:
    chemin = tmp_path / "absente.db"
    with pytest.raises(db.ErreurBase, match="Aucune base"):
        db.ouvrir(chemin, lecture_seule=True)
    assert not chemin.exists()


def test_lecture_seule_interdit_toute_ecriture(chemin_base: Path) -> None:
    from app.modeles import College
    from app.modeles.enumerations import CategorieCollege

    base = db.ouvrir(chemin_base, lecture_seule=True)
    try:
        # session_scope turns SQLite's refusal into a French known condition (issue 7).
        with pytest.raises(db.EcritureImpossible, match="lecture seule"), base.session_scope() as session:
            session.add(College(nom="X", categorie=CategorieCollege.AUTRE))
            session.flush()
    finally:
        base.fermer()


def test_une_base_ancienne_est_copiee_puis_migree_sans_perte(tmp_path: Path) -> None:
    chemin = tmp_path / "comite.db"
    base_a_la_revision(chemin, REVISIONS[0])
    connexion = sqlite3.connect(chemin)
    with connexion:
        connexion.execute(
            "INSERT INTO instance (id, nom, type, quorum_numerateur, quorum_denominateur, "
            "pouvoirs_comptes, pouvoirs_max_par_porteur, delai_convocation_jours, ordre) "
            "VALUES (1, 'Plénière', 'pleniere', 1, 2, 1, 1, 5, 0)"
        )
        connexion.execute(
            "INSERT INTO seance (id, reference, instance_id, date, lieu, lien_visio, format, statut, "
            "motif_urgence) VALUES (1, 'PL-2026-01', 1, '2026-03-05', 'Salle A', '', 'presentiel', "
            "'tenue', '')"
        )
    connexion.close()

    etat = db.examiner(chemin)
    assert etat.revision == REVISIONS[0]
    assert db.migrer_si_besoin(chemin, etat)

    from app.services.sauvegardes import lister

    copies = [s.chemin for s in lister(chemin) if s.motif == f"avant_migration_{TETE}"]
    assert len(copies) == 1
    assert not list(tmp_path.glob("*.partiel"))
    assert _revision(copies[0]) == REVISIONS[0]
    assert _revision(chemin) == TETE
    connexion = sqlite3.connect(chemin)
    try:
        assert connexion.execute("SELECT reference, lieu FROM seance").fetchall() == [("PL-2026-01", "Salle A")]
    finally:
        connexion.close()


def test_la_liste_des_revisions_correspond_a_l_historique_alembic() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", "app:migrations")
    script = ScriptDirectory.from_config(config)
    historique = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert tuple(historique) == REVISIONS
    assert script.get_current_head() == TETE


def test_les_modeles_et_les_migrations_decrivent_le_meme_schema(base: db.BaseDeDonnees) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.modeles import Base

    with base.moteur.connect() as connexion:
        differences = compare_metadata(MigrationContext.configure(connexion), Base.metadata)
    assert differences == []


def test_chaque_ecriture_est_journalisee(base: db.BaseDeDonnees) -> None:
    from sqlalchemy import select

    from app.modeles import College, Journal
    from app.modeles.enumerations import CategorieCollege, OperationJournal

    with base.session_scope() as session:
        session.add(College(nom="Travailleurs sociaux", categorie=CategorieCollege.TRAVAILLEURS_SOCIAUX))
    with base.session_scope() as session:
        college = session.scalars(select(College)).one()
        college.nom = "Professionnels"
    with base.session_scope() as session:
        session.delete(session.scalars(select(College)).one())
    with base.session_scope() as session:
        lignes = session.scalars(select(Journal).order_by(Journal.id)).all()
        assert [(j.entite, j.operation) for j in lignes] == [
            ("College", OperationJournal.CREATION),
            ("College", OperationJournal.MODIFICATION),
            ("College", OperationJournal.SUPPRESSION),
        ]
        assert '"nom": ["Travailleurs sociaux", "Professionnels"]' in lignes[1].details
        assert all(j.utilisateur for j in lignes)


def test_verifier_integrite_d_une_base_saine(chemin_base: Path) -> None:
    avant = chemin_base.read_bytes()
    rapport = db.verifier_integrite(chemin_base)
    assert rapport.saine and rapport.revision == TETE
    assert chemin_base.read_bytes() == avant


def test_verifier_signale_une_reference_cassee(chemin_base: Path) -> None:
    connexion = sqlite3.connect(chemin_base)
    connexion.execute("PRAGMA foreign_keys = OFF")
    connexion.execute(
        "INSERT INTO personne (nom, prenom, fonction, courriel, telephone, besoins_accessibilite,"
        " structure_id) VALUES ('Martin', 'Anne', '', '', '', '', 42)"
    )
    connexion.commit()
    connexion.close()
    rapport = db.verifier_integrite(chemin_base)
    assert not rapport.saine
    assert "personne" in rapport.problemes[0]
