"""Writing a file the user asked for, atomically: a temporary file beside it, flushed, then renamed.

A crash or a full disk never leaves half a PDF where the user expects a whole one.
"""

from __future__ import annotations

import errno
import os
import uuid
from contextlib import suppress
from pathlib import Path

from app.erreurs import ErreurConnue


def message_erreur_fichier(chemin: Path, exc: OSError) -> str:
    """The French sentence for a known failure to write `chemin`."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        raison = "le disque est plein"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        raison = "accès refusé (fichier ouvert dans un autre programme, ou dossier protégé)"
    elif exc.errno == errno.ENOENT:
        raison = "le dossier n'existe pas"
    elif exc.errno == errno.EROFS:
        raison = "le support est en lecture seule"
    else:
        raison = exc.strerror or str(exc)
    return f"Impossible d'enregistrer « {chemin} » : {raison}."


def _synchroniser_dossier(dossier: Path) -> None:
    """Make a rename durable: on POSIX the new directory entry reaches the disk only with the folder's fsync."""
    if os.name != "posix":
        return  # Windows: os.replace goes through MoveFileEx, and a folder cannot be opened for fsync
    with suppress(OSError):  # the file is already whole in its place; only the rename's durability is at stake
        descripteur = os.open(dossier, os.O_RDONLY)
        try:
            os.fsync(descripteur)
        finally:
            os.close(descripteur)


def ecrire_atomiquement(chemin: Path | str, contenu: bytes) -> None:
    """Replace `chemin` by `contenu` in one step; on failure the old file (if any) is untouched."""
    chemin = Path(chemin)
    # A fresh name rather than mkstemp: the file gets the user's usual permissions, not 0600.
    temporaire = chemin.with_name(f".{chemin.name}.{uuid.uuid4().hex}.partiel")
    try:
        with open(temporaire, "wb") as flux:
            flux.write(contenu)
            flux.flush()
            os.fsync(flux.fileno())
        os.replace(temporaire, chemin)
        _synchroniser_dossier(chemin.parent)
    except OSError as exc:
        raise ErreurConnue(message_erreur_fichier(chemin, exc)) from None
    finally:
        with suppress(FileNotFoundError):
            os.unlink(temporaire)
