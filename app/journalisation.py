"""The log file under platformdirs' log folder, rotating so that it never fills a disk."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from app.chemins import dossier_journaux

NOM_FICHIER = "comite-local.log"


def fichier_journal() -> Path:
    return dossier_journaux() / NOM_FICHIER


def configurer() -> Path | None:
    """Attach the rotating file handler once; returns its path, or None if the folder cannot be written."""
    racine = logging.getLogger()
    chemin = fichier_journal()
    for handler in racine.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            return chemin
    try:
        chemin.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            chemin, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s : %(message)s"))
    racine.addHandler(handler)
    racine.setLevel(logging.INFO)
    return chemin
