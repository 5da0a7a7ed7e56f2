"""Backups of a base: make one, check a candidate file, restore one (CONCEPTION §4, issue 7).

Copies go through SQLite's online backup API (consistent while the base is open) into a folder per base, named
`<base>_<AAAA-MM-JJ>_<HHMMSS>_<motif>.db`; the rotation and the settings live in `sauvegardes_rotation`. No Qt.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
import sys
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from app import db
from app.erreurs import ErreurConnue
from app.fichiers import message_erreur_fichier
from app.horloge import maintenant
from app.migrations.revisions import REVISIONS, TETE
from app.services.sauvegardes_rotation import appliquer_rotation, dossier_de_la_base

journal = logging.getLogger(__name__)

SUFFIXE = ".db"
MOTIF_NOM = re.compile(
    r"^(?P<base>.+)_(?P<date>\d{4}-\d{2}-\d{2})_(?P<heure>\d{6})_(?P<motif>[a-z0-9_]+)\.db$"
)
# Tables every revision of this program has had: a SQLite file without them is another program's.
TABLES_DU_PROGRAMME = frozenset({"alembic_version", "comite", "instance", "personne", "mandat", "seance", "presence"})
TAILLE_PAGE_MIN = 512


class SauvegardeRefusee(ErreurConnue):
    """A file that cannot serve as a backup (damaged, newer, another program's…): nothing was changed."""


# --- Names and listing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sauvegarde:
    chemin: Path
    instant: dt.datetime
    motif: str
    taille: int

    @property
    def de_securite(self) -> bool:
        """Copies made before a migration or a restore: kept apart from the daily/monthly rotation."""
        return self.motif.startswith("avant_")


def nom_sauvegarde(chemin_base: Path, instant: dt.datetime, motif: str) -> str:
    if not re.fullmatch(r"[a-z0-9_]+", motif):
        raise ValueError(f"motif de sauvegarde invalide : {motif!r}")
    return f"{chemin_base.stem}_{instant:%Y-%m-%d_%H%M%S}_{motif}{SUFFIXE}"


def lire_nom(fichier: Path) -> Sauvegarde | None:
    """The backup a file name describes, or None for anything else (a `.partiel`, a file of the user's)."""
    trouve = MOTIF_NOM.match(fichier.name)
    if trouve is None:
        return None
    try:
        instant = dt.datetime.strptime(f"{trouve['date']} {trouve['heure']}", "%Y-%m-%d %H%M%S")
        taille = fichier.stat().st_size
    except (ValueError, OSError):
        return None
    return Sauvegarde(fichier, instant, trouve["motif"], taille)


def dossier_sauvegardes(chemin_base: Path) -> Path:
    return dossier_de_la_base(chemin_base)


def lister(chemin_base: Path) -> list[Sauvegarde]:
    """The backups of this base in its folder, newest first."""
    dossier = dossier_sauvegardes(chemin_base)
    try:
        fichiers = [f for f in dossier.iterdir() if f.is_file()]
    except OSError:
        return []
    trouvees = [s for s in (lire_nom(f) for f in fichiers) if s is not None]
    return sorted(trouvees, key=lambda s: (s.instant, s.chemin.name), reverse=True)


# --- Checking a candidate file ------------------------------------------------------------------------


def _refus(fichier: Path, raison: str) -> SauvegardeRefusee:
    return SauvegardeRefusee(f"« {fichier} » ne peut pas servir de sauvegarde : {raison}. Rien n'a été modifié.")


def _controler_entete(fichier: Path) -> None:
    try:
        if not fichier.exists():
            raise _refus(fichier, "le fichier n'existe pas")
        if fichier.is_dir():
            raise _refus(fichier, "c'est un dossier")
        taille = fichier.stat().st_size
        with fichier.open("rb") as flux:
            entete = flux.read(100)
    except OSError as exc:
        raise _refus(fichier, f"il est illisible ({exc.strerror or exc})") from None
    if len(entete) < 100 or not entete.startswith(db.ENTETE_SQLITE):
        raise _refus(fichier, "ce n'est pas une base de données (fichier d'un autre type ou vide)")
    taille_page = int.from_bytes(entete[16:18], "big")
    taille_page = 65536 if taille_page == 1 else taille_page
    if taille_page < TAILLE_PAGE_MIN or taille_page & (taille_page - 1):
        raise _refus(fichier, "son en-tête est endommagé")
    pages = int.from_bytes(entete[28:32], "big")
    # The page count of the header is valid when its change counter matches (SQLite ≥ 3.7.0 writes both).
    if entete[24:28] == entete[92:96] and pages and taille < pages * taille_page:
        raise _refus(fichier, "il est tronqué (copie interrompue ?)")
    if taille % taille_page:
        raise _refus(fichier, "il est tronqué (copie interrompue ?)")


def controler_sauvegarde(fichier: Path) -> str:
    """Check that `fichier` is a whole, sound base of this program; return its schema revision.

    Read through a read-only URI: the file is never written. Raises SauvegardeRefusee with the reason.
    """
    fichier = Path(fichier)
    _controler_entete(fichier)
    try:
        connexion = sqlite3.connect(db._uri_lecture_seule(fichier), uri=True)
    except sqlite3.Error as exc:
        raise _refus(fichier, f"il ne s'ouvre pas ({exc})") from None
    try:
        resultat = [ligne for (ligne,) in connexion.execute("PRAGMA integrity_check(5)")]
        if resultat != ["ok"]:
            raise _refus(fichier, f"il est endommagé ({resultat[0]})")
        if connexion.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise _refus(fichier, "il contient des références cassées")
        tables = {nom for (nom,) in connexion.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables or not tables >= TABLES_DU_PROGRAMME:
            raise _refus(fichier, "ce n'est pas une base Comité local (base SQLite d'un autre programme)")
        lignes = connexion.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as exc:
        raise _refus(fichier, f"il est endommagé ou illisible ({exc})") from None
    finally:
        connexion.close()
    if len(lignes) != 1:
        raise _refus(fichier, "sa version de schéma est illisible")
    revision = str(lignes[0][0])
    if revision not in REVISIONS:
        raise _refus(
            fichier,
            f"il vient d'une version plus récente de Comité local (schéma {revision}, programme : {TETE}) ; "
            "mettez le programme à jour",
        )
    return revision


def base_saine_rapide(chemin_base: Path) -> bool:
    """`PRAGMA quick_check` through a read-only connection: the check the window runs at opening."""
    return not probleme_rapide(chemin_base)


def probleme_rapide(chemin_base: Path) -> str:
    """'' when `PRAGMA quick_check` finds nothing, else the first problem in SQLite's words."""
    try:
        connexion = sqlite3.connect(db._uri_lecture_seule(chemin_base), uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        resultat = [ligne for (ligne,) in connexion.execute("PRAGMA quick_check(1)")]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        connexion.close()
    return "" if resultat == ["ok"] else str(resultat[0])


# --- Making a backup ----------------------------------------------------------------------------------


def _fsync_dossier(dossier: Path) -> None:
    if sys.platform == "win32":
        return  # no directory handles on Windows; NTFS journals the rename
    with suppress(OSError):
        descripteur = os.open(dossier, os.O_RDONLY)
        try:
            os.fsync(descripteur)
        finally:
            os.close(descripteur)


def sauvegarder(
    chemin_base: Path,
    destination: Path | None = None,
    *,
    motif: str = "manuelle",
    instant: dt.datetime | None = None,
) -> Path:
    """Copy the base (open or not) through the online backup API; return the file written.

    Without `destination` the copy goes to the base's backup folder and the rotation runs afterwards; an
    existing folder as `destination` gets a backup named as in the backup folder (no rotation there).
    The copy is written beside its destination, then renamed: never half a backup under a backup's name.
    """
    chemin_base = Path(chemin_base)
    if not chemin_base.is_file():
        raise ErreurConnue(f"Aucune base Comité local dans « {chemin_base} » : rien à sauvegarder.")
    quand = instant or maintenant()
    dans_le_dossier = destination is None
    if destination is None:
        dossier = dossier_sauvegardes(chemin_base)
        destination = dossier / nom_sauvegarde(chemin_base, quand, motif)
        while destination.exists():  # two in the same second: the second one gets the next second's name
            quand += dt.timedelta(seconds=1)
            destination = dossier / nom_sauvegarde(chemin_base, quand, motif)
    destination = Path(destination)
    if destination.is_dir():  # `-o E:\` : a named backup inside the folder given
        destination = destination / nom_sauvegarde(chemin_base, quand, motif)
    if destination.resolve() == chemin_base.resolve():
        raise ErreurConnue(f"« {destination} » est la base elle-même : choisissez un autre fichier.")
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        db.copier_base(chemin_base, destination)
    except OSError as exc:
        raise ErreurConnue(message_erreur_fichier(destination, exc)) from None
    except sqlite3.DatabaseError as exc:
        raise ErreurConnue(
            f"La base « {chemin_base} » n'a pas pu être copiée ({exc}) ; lancez « comite-local verifier »."
        ) from None
    _fsync_dossier(destination.parent)
    if dans_le_dossier:
        appliquer_rotation(lister(chemin_base), quand, proteger=destination)
        _retirer_les_copies_interrompues(destination.parent)
    journal.info("Sauvegarde de %s dans %s (%s)", chemin_base, destination, motif)
    return destination


PARTIEL_ABANDONNE_S = 3600  # a copy still « .partiel » after an hour was interrupted (program killed, power cut)


def _retirer_les_copies_interrompues(dossier: Path) -> list[Path]:
    """Remove what interrupted copies left in the backup folder (never a finished backup); return them."""
    limite = time.time() - PARTIEL_ABANDONNE_S
    retires: list[Path] = []
    for reste in [*dossier.glob("*.partiel"), *dossier.glob("*.partiel-journal")]:
        with suppress(OSError):
            if reste.stat().st_mtime < limite:
                reste.unlink()
                retires.append(reste)
    return retires


def sauvegarde_d_ouverture(chemin_base: Path, instant: dt.datetime | None = None) -> Path | None:
    """The automatic copy when a base is opened for writing: at most one a day (None if today's exists)."""
    quand = instant or maintenant()
    if any(not s.de_securite and s.instant.date() == quand.date() for s in lister(chemin_base)):
        return None
    return sauvegarder(chemin_base, motif="ouverture", instant=quand)


def derniere_bonne_sauvegarde(chemin_base: Path) -> Sauvegarde | None:
    """The newest backup of this base that passes `controler_sauvegarde`."""
    for sauvegarde in lister(chemin_base):
        try:
            controler_sauvegarde(sauvegarde.chemin)
        except SauvegardeRefusee:
            continue
        return sauvegarde
    return None


# --- Restoring ----------------------------------------------------------------------------------------


def _mettre_de_cote(chemin_base: Path, quand: dt.datetime) -> Path:
    """Keep the current base before it is replaced; a damaged one is copied byte for byte instead."""
    try:
        return sauvegarder(chemin_base, motif="avant_restauration", instant=quand)
    except ErreurConnue:
        if not chemin_base.is_file():
            raise
    import shutil

    cible = dossier_sauvegardes(chemin_base) / nom_sauvegarde(chemin_base, quand, "avant_restauration")
    try:
        for suffixe in ("", "-wal"):
            source = Path(f"{chemin_base}{suffixe}")
            if source.exists():
                shutil.copyfile(source, Path(f"{cible}{suffixe}"))
    except OSError as exc:
        raise ErreurConnue(message_erreur_fichier(cible, exc)) from None
    return cible


def _vider_wal(chemin_base: Path) -> None:
    """Fold the old base's WAL into it, then drop -wal/-shm: an old WAL must never be replayed on the new file."""
    wal = Path(f"{chemin_base}-wal")
    if wal.exists():
        with suppress(sqlite3.Error):
            connexion = sqlite3.connect(chemin_base)
            try:
                connexion.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                connexion.close()
    for suffixe in ("-wal", "-shm"):
        with suppress(FileNotFoundError):
            Path(f"{chemin_base}{suffixe}").unlink()


def restaurer(chemin_base: Path, fichier: Path, *, instant: dt.datetime | None = None) -> Path:
    """Replace the base by the backup `fichier`; return where the replaced base was kept.

    `fichier` is checked first (refused: nothing changes). An older schema is accepted: the next opening
    migrates it (with its own backup). The caller must have closed its engine and hold the base's lock.
    """
    chemin_base = Path(chemin_base)
    fichier = Path(fichier)
    controler_sauvegarde(fichier)
    if chemin_base.exists() and fichier.resolve() == chemin_base.resolve():
        raise SauvegardeRefusee(f"« {fichier} » est la base elle-même : choisissez une sauvegarde.")
    quand = instant or maintenant()
    gardee = _mettre_de_cote(chemin_base, quand) if chemin_base.is_file() else None
    temporaire = chemin_base.with_name(f".{chemin_base.name}.restauration.partiel")
    try:
        chemin_base.parent.mkdir(parents=True, exist_ok=True)
        db.copier_base(fichier, temporaire)
        _vider_wal(chemin_base)
        os.replace(temporaire, chemin_base)
    except OSError as exc:
        raise ErreurConnue(message_erreur_fichier(chemin_base, exc)) from None
    except sqlite3.DatabaseError as exc:
        raise _refus(fichier, f"sa copie a échoué ({exc})") from None
    finally:
        with suppress(FileNotFoundError):
            temporaire.unlink()
    _fsync_dossier(chemin_base.parent)
    journal.info("Base %s restaurée depuis %s ; l'ancienne est dans %s", chemin_base, fichier, gardee)
    return gardee if gardee is not None else chemin_base


__all__ = [
    "Sauvegarde",
    "SauvegardeRefusee",
    "base_saine_rapide",
    "controler_sauvegarde",
    "derniere_bonne_sauvegarde",
    "dossier_sauvegardes",
    "lire_nom",
    "lister",
    "nom_sauvegarde",
    "probleme_rapide",
    "restaurer",
    "sauvegarde_d_ouverture",
    "sauvegarder",
]
