"""Opening a base: check it, back it up, migrate it, and hand out one transaction per use case.

SQLite-specific statements (PRAGMA, BEGIN IMMEDIATE, the backup API) live here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import logging
import os
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
from app.fichiers import message_erreur_fichier
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
        logging.getLogger(__name__).info("Base illisible %s : %s", chemin, exc)  # SQLite's words, in English
        raise PasUneBase(
            f"« {chemin} » est endommagé ou n'est pas une base lisible : restaurez une sauvegarde "
            "(Fichier › Restaurer une sauvegarde…, ou « comite-local restaurer »)."
        ) from None
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


def copier_base(source: Path, destination: Path) -> None:
    """A consistent copy through SQLite's online backup API, written beside, flushed to disk, then renamed.

    A failure leaves no `.partiel` behind and `destination` as it was.
    """
    temporaire = destination.with_name(destination.name + ".partiel")
    for reste in (temporaire, Path(f"{temporaire}-journal")):  # left by a copy that was killed
        with suppress(FileNotFoundError):
            reste.unlink()
    try:
        origine = sqlite3.connect(_uri_lecture_seule(source), uri=True)
        try:
            cible = sqlite3.connect(temporaire)
            try:
                origine.backup(cible)
            finally:
                cible.close()
        finally:
            origine.close()
        with open(temporaire, "rb+") as flux:
            os.fsync(flux.fileno())
        os.replace(temporaire, destination)
    except BaseException:
        with suppress(OSError):
            temporaire.unlink()
        raise


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
        # Into the backup folder, under the rotation's own « avant migration » rule (issue 7).
        from app.services.sauvegardes import sauvegarder

        sauvegarder(chemin, motif=f"avant_migration_{TETE}")
    _appliquer_migrations(chemin)
    return True


# --- The journal: every write recorded ----------------------------------------------------------------


def utilisateur_systeme() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "inconnu"


def _valeur_journal(valeur: Any) -> Any:
    """A JSON-ready value: a write must never fail because its journal line cannot be encoded."""
    if isinstance(valeur, Enum):
        return valeur.value
    if isinstance(valeur, dt.date | dt.time | dt.datetime):
        return valeur.isoformat()
    if isinstance(valeur, bytes | bytearray | memoryview):
        return f"({len(valeur)} octets)"
    if valeur is None or isinstance(valeur, str | int | float | bool):
        return valeur
    return str(valeur)


def _colonnes(objet: Any) -> dict[str, Any]:
    from app.services.journal_masquage import MASQUE, colonnes_masquees

    etat = inspect(objet)
    masquees = colonnes_masquees(objet)
    return {
        c.key: MASQUE if c.key in masquees else _valeur_journal(getattr(objet, c.key)) for c in etat.mapper.column_attrs
    }


def _changements(objet: Any) -> dict[str, Any]:
    """Changed columns as [before, after]; a masked column is named with `MASQUE` and no value."""
    from app.services.journal_masquage import MASQUE, colonnes_masquees

    etat = inspect(objet)
    masquees = colonnes_masquees(objet)
    changes: dict[str, Any] = {}
    for attribut in etat.mapper.column_attrs:
        historique = etat.attrs[attribut.key].history
        if historique.has_changes():
            if attribut.key in masquees:
                changes[attribut.key] = MASQUE
                continue
            avant = _valeur_journal(historique.deleted[0] if historique.deleted else None)
            apres = _valeur_journal(historique.added[0] if historique.added else None)
            if avant != apres:  # an unloaded attribute set to None looks changed: nothing to say
                changes[attribut.key] = [avant, apres]
    return changes


def _journaliser(session: Session, _contexte: Any) -> None:
    """Session `after_flush`: one journal row per object created, modified or deleted by the flush.

    Bulk statements (`session.execute(update/delete/insert(...))`) do not go through a flush and are not seen
    here: the services write through the ORM (`tests/services/test_journal_complet.py` checks it).
    """
    from app.horloge import maintenant

    lignes: list[dict[str, Any]] = []
    instant = maintenant()
    qui = session.info.get("utilisateur") or utilisateur_systeme()

    def ligne(objet: Any, operation: OperationJournal, details: dict[str, Any]) -> None:
        if isinstance(objet, Journal):
            return
        # The key from the attributes: a new object has no identity key yet in after_flush.
        identite = tuple(inspect(objet).mapper.primary_key_from_instance(objet))
        entier = len(identite) == 1 and isinstance(identite[0], int)
        # A composite or text key (Numerotation) does not fit `entite_id`: it is kept in the details.
        if any(v is not None for v in identite) and not entier:
            details = {"_cle": [_valeur_journal(v) for v in identite], **details}
        lignes.append(
            {
                "horodatage": instant,
                "utilisateur": qui,
                "entite": type(objet).__name__,
                "entite_id": identite[0] if entier else None,
                "operation": operation,
                "details": json.dumps(details, ensure_ascii=False, sort_keys=True),
            }
        )

    for objet in session.new:
        ligne(objet, OperationJournal.CREATION, _colonnes(objet))
    for objet in session.dirty:
        if session.is_modified(objet, include_collections=False):
            details = _changements(objet)
            if details:  # a value set to itself is no change
                ligne(objet, OperationJournal.MODIFICATION, details)
    for objet in session.deleted:
        ligne(objet, OperationJournal.SUPPRESSION, _colonnes(objet))
    if lignes:
        session.execute(insert(Journal), lignes)


# --- The open base ------------------------------------------------------------------------------------


class EcritureImpossible(ErreurBase):
    """SQLite could not write (full disk, read-only file, base busy, I/O error): the action was rolled back."""


def _ecriture_impossible(exc: BaseException, chemin: Path, lecture_seule: bool) -> EcritureImpossible | None:
    """The known condition behind a failed statement or commit, or None for anything else (a bug)."""
    from sqlalchemy.exc import DBAPIError

    origine = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(origine, sqlite3.OperationalError):
        return None
    code = str(getattr(origine, "sqlite_errorname", "") or "")
    texte = str(origine).lower()
    rien = "rien n'a été enregistré"
    if code == "SQLITE_FULL" or "database or disk is full" in texte:
        return EcritureImpossible(f"Le disque est plein : {rien}. Libérez de la place, puis recommencez.")
    if code.startswith("SQLITE_READONLY") or "readonly database" in texte:
        if lecture_seule:
            return EcritureImpossible(f"La base est en lecture seule (ouverte ainsi) : {rien}.")
        return EcritureImpossible(
            f"La base « {chemin} » est en lecture seule (le fichier ou son dossier est protégé en écriture) : "
            f"{rien}. Vérifiez les droits, ou ouvrez une copie placée dans un dossier où vous pouvez écrire."
        )
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in texte:
        return EcritureImpossible(
            f"La base est occupée par un autre programme (une autre fenêtre de Comité local, une sauvegarde "
            f"en cours…) : {rien}. Attendez quelques instants, puis recommencez."
        )
    if code.startswith("SQLITE_IOERR") or "disk i/o error" in texte:
        return EcritureImpossible(
            f"Le disque n'a pas pu lire ou écrire la base « {chemin} » (clé USB retirée, partage réseau coupé, "
            f"disque défaillant ?) : {rien}. Rétablissez l'accès, puis recommencez."
        )
    return None


@dataclass
class BaseDeDonnees:
    chemin: Path
    lecture_seule: bool
    moteur: Engine
    fabrique: sessionmaker[Session] = field(repr=False)
    migree: bool = False

    @contextmanager
    def session_scope(self) -> Iterator[Session]:
        """One transaction per use case: committed if the block ends normally, rolled back otherwise.

        A write SQLite refuses for a known reason (full disk, read-only, busy past the timeout, I/O error)
        becomes an `EcritureImpossible` with a French message, after the rollback.
        """
        session = self.fabrique()
        try:
            yield session
            if self.lecture_seule:
                session.rollback()
            else:
                session.commit()
        except BaseException as exc:
            session.rollback()
            connue = _ecriture_impossible(exc, self.chemin, self.lecture_seule)
            if connue is not None:
                raise connue from exc
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
        except OSError as exc:  # a read-only medium, a disk full while copying before a migration…
            raise ErreurBase(message_erreur_fichier(chemin, exc)) from None
        except sqlite3.OperationalError as exc:
            connue = _ecriture_impossible(exc, chemin, False)
            if connue is not None:
                raise connue from None
            raise ErreurBase(
                f"Impossible d'écrire la base « {chemin} » : son dossier n'est pas accessible en écriture, "
                "ou le fichier est verrouillé par un autre programme."
            ) from None
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
