"""Opening a base: check it, back it up, migrate it, and hand out one transaction per use case.

SQLite-specific statements (PRAGMA, BEGIN IMMEDIATE, the backup API) live here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, inspect
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from app.erreurs import ErreurConnue
from app.migrations.revisions import REVISIONS, TETE
from app.modeles import Journal
from app.modeles.enumerations import OperationJournal

ENTETE_SQLITE = b"SQLite format 3\x00"
DELAI_VERROU_MS = 10_000


class ErreurBase(ErreurConnue):
    """The base cannot be opened as asked."""


class BaseTropRecente(ErreurBase):
    pass


class PasUneBase(ErreurBase):
    pass


# --- What is in the file, read without touching it ---------------------------------------------------


@dataclass(frozen=True)
class EtatFichier:
    existe: bool
    revision: str | None  # None: no schema yet (new or empty file)


def _uri_lecture_seule(chemin: Path) -> str:
    """Read-only URI. Without a WAL file every committed page is in the main file, and `immutable`
    keeps SQLite from leaving -wal/-shm files behind a mere look."""
    uri = chemin.resolve().as_uri()
    if Path(f"{chemin}-wal").exists():
        return uri + "?mode=ro"
    return uri + "?mode=ro&immutable=1"


def examiner(chemin: Path) -> EtatFichier:
    """Read the schema revision through a read-only connection, before any PRAGMA or migration."""
    if not chemin.exists() or chemin.stat().st_size == 0:
        return EtatFichier(existe=chemin.exists(), revision=None)
    if chemin.is_dir():
        raise PasUneBase(f"« {chemin} » est un dossier, pas une base de données.")
    try:
        with chemin.open("rb") as fichier:
            entete = fichier.read(len(ENTETE_SQLITE))
    except OSError as exc:
        raise ErreurBase(f"Impossible de lire « {chemin} » : {exc.strerror or exc}.") from None
    if entete != ENTETE_SQLITE:
        raise PasUneBase(f"« {chemin} » n'est pas une base de données Comité local (fichier d'un autre type).")
    try:
        connexion = sqlite3.connect(_uri_lecture_seule(chemin), uri=True)
        try:
            tables = {r[0] for r in connexion.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                return EtatFichier(existe=True, revision=None)
            if "alembic_version" not in tables:
                raise PasUneBase(
                    f"« {chemin} » est une base SQLite d'un autre programme, pas une base Comité local."
                )
            lignes = connexion.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            connexion.close()
    except sqlite3.DatabaseError as exc:
        raise PasUneBase(f"« {chemin} » est endommagé ou n'est pas une base lisible ({exc}).") from None
    if len(lignes) != 1:
        raise PasUneBase(f"« {chemin} » n'a pas de version de schéma lisible.")
    revision = str(lignes[0][0])
    if revision not in REVISIONS:
        raise BaseTropRecente(
            f"La base « {chemin} » a été créée par une version plus récente de Comité local "
            f"(schéma {revision}). Mettez le programme à jour ; la base n'a pas été modifiée."
        )
    return EtatFichier(existe=True, revision=revision)


# --- Engines ------------------------------------------------------------------------------------------


def _moteur(chemin: Path, *, lecture_seule: bool, cles_etrangeres: bool = True) -> Engine:
    moteur = create_engine(URL.create("sqlite", database=str(chemin)))

    @event.listens_for(moteur, "connect")
    def _a_la_connexion(connexion_dbapi: Any, _enregistrement: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions start (the driver would skip DDL).
        connexion_dbapi.isolation_level = None
        curseur = connexion_dbapi.cursor()
        curseur.execute(f"PRAGMA busy_timeout = {DELAI_VERROU_MS}")
        curseur.execute(f"PRAGMA foreign_keys = {'ON' if cles_etrangeres else 'OFF'}")
        if lecture_seule:
            curseur.execute("PRAGMA query_only = ON")
        else:
            curseur.execute("PRAGMA journal_mode = WAL")
            curseur.execute("PRAGMA synchronous = FULL")
        curseur.close()

    @event.listens_for(moteur, "begin")
    def _au_debut(connexion: Any) -> None:
        # IMMEDIATE takes the write lock up front: one writer at a time, no failure half-way through.
        connexion.exec_driver_sql("BEGIN" if lecture_seule else "BEGIN IMMEDIATE")

    return moteur


# --- Migrations ---------------------------------------------------------------------------------------


def chemin_copie_avant_migration(chemin: Path, revision: str, instant: dt.datetime) -> Path:
    return chemin.with_name(f"{chemin.stem}_avant_{revision}_{instant:%Y%m%d-%H%M%S}{chemin.suffix or '.db'}")


def copier_base(source: Path, destination: Path) -> None:
    """A consistent copy through SQLite's online backup API, written beside then renamed."""
    temporaire = destination.with_name(destination.name + ".partiel")
    with suppress(FileNotFoundError):
        temporaire.unlink()
    origine = sqlite3.connect(_uri_lecture_seule(source), uri=True)
    try:
        cible = sqlite3.connect(temporaire)
        try:
            origine.backup(cible)
        finally:
            cible.close()
    finally:
        origine.close()
    temporaire.replace(destination)


def _appliquer_migrations(chemin: Path) -> None:
    from alembic import command  # costly import: only when a migration is really due
    from alembic.config import Config

    moteur = _moteur(chemin, lecture_seule=False, cles_etrangeres=False)
    try:
        with moteur.begin() as connexion:
            config = Config()
            config.set_main_option("script_location", "app:migrations")
            config.attributes["connection"] = connexion
            command.upgrade(config, "head")
            defauts = connexion.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if defauts:
                raise ErreurBase(
                    f"La mise à jour de « {chemin} » laisserait des références cassées ; elle a été annulée."
                )
    finally:
        moteur.dispose()


def migrer_si_besoin(chemin: Path, etat: EtatFichier) -> bool:
    """Bring the base to head. Returns True if a migration ran. A copy is made first for an existing schema."""
    if etat.revision == TETE:
        return False
    if etat.revision is not None:
        copier_base(chemin, chemin_copie_avant_migration(chemin, TETE, dt.datetime.now()))
    _appliquer_migrations(chemin)
    return True


# --- The journal: every write recorded ----------------------------------------------------------------


def utilisateur_systeme() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "inconnu"


def _valeur_journal(valeur: Any) -> Any:
    if isinstance(valeur, Enum):
        return valeur.value
    if isinstance(valeur, dt.date | dt.time | dt.datetime):
        return valeur.isoformat()
    return valeur


def _colonnes(objet: Any) -> dict[str, Any]:
    etat = inspect(objet)
    return {c.key: _valeur_journal(getattr(objet, c.key)) for c in etat.mapper.column_attrs}


def _changements(objet: Any) -> dict[str, list[Any]]:
    etat = inspect(objet)
    changes: dict[str, list[Any]] = {}
    for attribut in etat.mapper.column_attrs:
        historique = etat.attrs[attribut.key].history
        if historique.has_changes():
            avant = historique.deleted[0] if historique.deleted else None
            apres = historique.added[0] if historique.added else None
            changes[attribut.key] = [_valeur_journal(avant), _valeur_journal(apres)]
    return changes


def _journaliser(session: Session, _contexte: Any) -> None:
    lignes: list[dict[str, Any]] = []
    instant = dt.datetime.now()
    qui = session.info.get("utilisateur") or utilisateur_systeme()

    def ligne(objet: Any, operation: OperationJournal, details: dict[str, Any]) -> None:
        if isinstance(objet, Journal):
            return
        identite = inspect(objet).identity
        lignes.append(
            {
                "horodatage": instant,
                "utilisateur": qui,
                "entite": type(objet).__name__,
                "entite_id": identite[0] if identite else None,
                "operation": operation,
                "details": json.dumps(details, ensure_ascii=False, sort_keys=True),
            }
        )

    for objet in session.new:
        ligne(objet, OperationJournal.CREATION, _colonnes(objet))
    for objet in session.dirty:
        if session.is_modified(objet, include_collections=False):
            ligne(objet, OperationJournal.MODIFICATION, _changements(objet))
    for objet in session.deleted:
        ligne(objet, OperationJournal.SUPPRESSION, _colonnes(objet))
    if lignes:
        session.execute(insert(Journal), lignes)


# --- The open base ------------------------------------------------------------------------------------


@dataclass
class BaseDeDonnees:
    chemin: Path
    lecture_seule: bool
    moteur: Engine
    fabrique: sessionmaker[Session] = field(repr=False)
    migree: bool = False

    @contextmanager
    def session_scope(self) -> Iterator[Session]:
        """One transaction per use case: committed if the block ends normally, rolled back otherwise."""
        session = self.fabrique()
        try:
            yield session
            if self.lecture_seule:
                session.rollback()
            else:
                session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def fermer(self) -> None:
        self.moteur.dispose()


def ouvrir(chemin: Path, *, lecture_seule: bool = False, creer: bool = True) -> BaseDeDonnees:
    """Open (and if needed create or migrate) the base at `chemin`.

    A read-only opening never writes: it refuses a missing base or one that needs a migration.
    """
    etat = examiner(chemin)
    migree = False
    if lecture_seule:
        if etat.revision is None:
            raise ErreurBase(
                f"Aucune base Comité local dans « {chemin} ». Créez-la (par exemple avec « comite-local demo »)."
            )
        if etat.revision != TETE:
            raise ErreurBase(
                f"La base « {chemin} » doit être mise à jour : ouvrez-la d'abord avec l'application."
            )
    else:
        if etat.revision is None and not creer:
            raise ErreurBase(f"Aucune base Comité local dans « {chemin} ».")
        try:
            chemin.parent.mkdir(parents=True, exist_ok=True)
            migree = migrer_si_besoin(chemin, etat)
        except PermissionError:
            raise ErreurBase(f"Le dossier de « {chemin} » n'est pas accessible en écriture.") from None
        except sqlite3.OperationalError as exc:
            raise ErreurBase(f"Impossible d'écrire la base « {chemin} » : {exc}.") from None
    moteur = _moteur(chemin, lecture_seule=lecture_seule)
    fabrique = sessionmaker(moteur, expire_on_commit=False)
    if not lecture_seule:
        event.listen(fabrique, "after_flush", _journaliser)
    return BaseDeDonnees(chemin, lecture_seule, moteur, fabrique, migree)


@dataclass
class RapportVerification:
    revision: str | None
    problemes: list[str]

    @property
    def saine(self) -> bool:
        return not self.problemes


def verifier_integrite(chemin: Path) -> RapportVerification:
    """SQLite's integrity and foreign-key checks, through a read-only connection (nothing is written)."""
    etat = examiner(chemin)
    if etat.revision is None:
        raise ErreurBase(f"Aucune base Comité local dans « {chemin} ».")
    problemes: list[str] = []
    connexion = sqlite3.connect(_uri_lecture_seule(chemin), uri=True)
    try:
        for (ligne,) in connexion.execute("PRAGMA integrity_check"):
            if ligne != "ok":
                problemes.append(f"Intégrité : {ligne}")
        for table, rowid, parent, _ in connexion.execute("PRAGMA foreign_key_check"):
            problemes.append(f"Référence cassée : ligne {rowid} de « {table} » vers « {parent} » absente")
    except sqlite3.DatabaseError as exc:
        problemes.append(f"Base illisible : {exc}")
    finally:
        connexion.close()
    return RapportVerification(etat.revision, problemes)


def supprimer_base(chemin: Path) -> None:
    """Remove a base and its WAL companions (tests, demo regeneration)."""
    for suffixe in ("", "-wal", "-shm"):
        with suppress(FileNotFoundError):
            Path(str(chemin) + suffixe).unlink()


__all__ = [
    "BaseDeDonnees",
    "BaseTropRecente",
    "ErreurBase",
    "PasUneBase",
    "RapportVerification",
    "copier_base",
    "examiner",
    "ouvrir",
    "supprimer_base",
    "verifier_integrite",
]
