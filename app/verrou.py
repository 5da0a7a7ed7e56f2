"""The guard against a second program on the same base: a lock file beside it, `<base>.verrou`.

    with prendre(chemin_base) as verrou:
        ...  # nobody else opens the base for writing meanwhile

The file holds who holds the base (OS login, machine, process, since when) as JSON, so that the next one can
be told who to ask. It is created with O_CREAT | O_EXCL: of two programs starting together, exactly one wins.
A lock left by a process that died on this machine is stale and taken over (CONCEPTION §4). A lock from
another machine cannot be checked: it holds until its owner closes, and the user may open read-only.
No Qt here: the command line may use it too.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import socket
import sys
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from app.db import utilisateur_systeme
from app.erreurs import ErreurConnue
from app.format_fr import date_longue

SUFFIXE = ".verrou"
DELAI_ECRITURE_S = 5.0  # an unreadable lock younger than this is being written: it counts as held
DELAI_REPRISE_S = 10.0  # a takeover marker older than this was left by a crash: it is ignored


@dataclass(frozen=True)
class Detenteur:
    utilisateur: str
    machine: str
    pid: int
    depuis: dt.datetime

    def en_json(self) -> str:
        return json.dumps(
            {
                "utilisateur": self.utilisateur,
                "machine": self.machine,
                "pid": self.pid,
                "depuis": self.depuis.isoformat(timespec="seconds"),
            },
            ensure_ascii=False,
        )

    @classmethod
    def depuis_json(cls, texte: str) -> Detenteur | None:
        """None for anything that is not a complete lock (empty, half-written, edited by hand)."""
        try:
            donnees = json.loads(texte)
            detenteur = cls(
                utilisateur=str(donnees["utilisateur"]),
                machine=str(donnees["machine"]),
                pid=int(donnees["pid"]),
                depuis=dt.datetime.fromisoformat(str(donnees["depuis"])),
            )
        except (ValueError, TypeError, KeyError):
            return None
        return detenteur

    def description(self) -> str:
        """« marie.dupont sur PC-SECRETARIAT depuis le 23 novembre 2026 à 09 h 12 »."""
        local = self.depuis.astimezone() if self.depuis.tzinfo else self.depuis
        return f"{self.utilisateur} sur {self.machine} depuis le {date_longue(local.date())} à {local:%H} h {local:%M}"


class BaseOccupee(ErreurConnue):
    """Another program holds the base. `detenteur` says who, when the lock could be read."""

    def __init__(self, chemin_base: Path, detenteur: Detenteur | None) -> None:
        if detenteur is None:
            message = f"La base « {chemin_base.name} » est déjà ouverte par un autre programme."
        else:
            message = f"La base est déjà ouverte par {detenteur.description()}."
        super().__init__(message)
        self.chemin_base = chemin_base
        self.detenteur = detenteur


def chemin_verrou(chemin_base: Path) -> Path:
    return chemin_base.with_name(chemin_base.name + SUFFIXE)


def nom_machine() -> str:
    return socket.gethostname() or "machine inconnue"


def processus_vivant(pid: int) -> bool:
    """Whether `pid` runs on this machine. In doubt, yes: a lock wrongly kept is safer than one wrongly taken."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        # os.kill(pid, 0) would terminate the process on Windows: ask for its exit code instead.
        noyau = ctypes.WinDLL("kernel32", use_last_error=True)
        poignee = noyau.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not poignee:
            return bool(ctypes.get_last_error() == 5)  # ERROR_ACCESS_DENIED: it exists, owned by someone else
        try:
            code = ctypes.c_ulong()
            if not noyau.GetExitCodeProcess(poignee, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            noyau.CloseHandle(poignee)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, belongs to another user
    except OSError:
        return True
    return True


def _lire(fichier: Path) -> str | None:
    try:
        return fichier.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return ""


def lire(chemin_base: Path) -> Detenteur | None:
    """Who holds the base, if a readable lock is there."""
    texte = _lire(chemin_verrou(chemin_base))
    return Detenteur.depuis_json(texte) if texte else None


class Verrou:
    """A lock this process holds. `rendre()` removes it (once, and only if it is still ours)."""

    def __init__(self, chemin_base: Path, detenteur: Detenteur) -> None:
        self.chemin_base = chemin_base
        self.fichier = chemin_verrou(chemin_base)
        self.detenteur = detenteur
        self.tenu = True

    def rendre(self) -> None:
        if not self.tenu:
            return
        self.tenu = False
        texte = _lire(self.fichier)
        if texte is not None and Detenteur.depuis_json(texte) == self.detenteur:
            with suppress(OSError):  # if it stays, it names a dead process: the next opening takes it over
                self.fichier.unlink()

    def __enter__(self) -> Verrou:
        return self

    def __exit__(
        self, _type: type[BaseException] | None, _valeur: BaseException | None, _trace: TracebackType | None
    ) -> None:
        self.rendre()

    def __repr__(self) -> str:
        return f"Verrou({str(self.fichier)!r}, tenu={self.tenu})"


def _creer(fichier: Path, detenteur: Detenteur) -> bool:
    """Create the lock file if nobody has: True if this call won."""
    try:
        descripteur = os.open(fichier, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    try:
        os.write(descripteur, detenteur.en_json().encode("utf-8"))  # one write: readers see all or nothing
        os.fsync(descripteur)
    except BaseException:
        os.close(descripteur)
        with suppress(OSError):
            fichier.unlink()
        raise
    os.close(descripteur)
    return True


def _perime(fichier: Path, texte: str, machine: str) -> bool:
    """A lock whose owner is known to be gone: a dead process on this machine, or a file never completed."""
    detenteur = Detenteur.depuis_json(texte)
    if detenteur is None:
        try:
            age = time.time() - fichier.stat().st_mtime
        except FileNotFoundError:
            return False
        return age > DELAI_ECRITURE_S
    return detenteur.machine == machine and not processus_vivant(detenteur.pid)


def _reprendre(fichier: Path, texte_perime: str) -> None:
    """Remove a stale lock, under a takeover marker so that two takers never remove each other's fresh lock."""
    marque = fichier.with_name(fichier.name + ".reprise")
    try:
        descripteur = os.open(marque, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        with suppress(FileNotFoundError):
            if time.time() - marque.stat().st_mtime > DELAI_REPRISE_S:
                marque.unlink()  # left by a taker that crashed: the next attempt may go on
        return
    os.close(descripteur)
    try:
        # Only the marker's holder removes a lock, and only the very one it judged stale.
        if _lire(fichier) == texte_perime:
            with suppress(OSError):  # Windows refuses while someone reads it: the next attempt will see
                fichier.unlink()
    finally:
        with suppress(OSError):
            marque.unlink()


def prendre(chemin_base: Path, *, essais: int = 20) -> Verrou:
    """Take the lock of `chemin_base`, or raise BaseOccupee saying who holds it.

    OSError (a folder one cannot write to...) goes to the caller.
    """
    fichier = chemin_verrou(chemin_base)
    machine = nom_machine()
    detenteur = Detenteur(
        utilisateur=utilisateur_systeme(),
        machine=machine,
        pid=os.getpid(),
        depuis=dt.datetime.now().astimezone().replace(microsecond=0),
    )
    for _ in range(essais):
        if _creer(fichier, detenteur):
            return Verrou(chemin_base, detenteur)
        texte = _lire(fichier)
        if texte is None:
            continue  # released meanwhile: try again
        if Detenteur.depuis_json(texte) is None:
            time.sleep(0.01)  # perhaps being written by its winner: read it again
            texte = _lire(fichier)
            if texte is None:
                continue
        if not _perime(fichier, texte, machine):
            raise BaseOccupee(chemin_base, Detenteur.depuis_json(texte))
        _reprendre(fichier, texte)
        time.sleep(random.uniform(0, 0.005))  # desynchronise takers that collided on the marker
    raise BaseOccupee(chemin_base, lire(chemin_base))


__all__ = ["BaseOccupee", "Detenteur", "Verrou", "chemin_verrou", "lire", "prendre", "processus_vivant"]
