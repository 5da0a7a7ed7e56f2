"""Where things live: platformdirs' folders, and which base file to open."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

NOM_DOSSIER = "comite-local"
VARIABLE_BASE = "COMITE_LOCAL_BASE"
NOM_BASE = "comite-local.db"


def dossier_donnees() -> Path:
    return Path(platformdirs.user_data_dir(NOM_DOSSIER, appauthor=False))


def dossier_journaux() -> Path:
    return Path(platformdirs.user_log_dir(NOM_DOSSIER, appauthor=False))


def dossier_reglages() -> Path:
    return Path(platformdirs.user_config_dir(NOM_DOSSIER, appauthor=False))


def chemin_base(option: str | os.PathLike[str] | None = None) -> Path:
    """`--base` first, then COMITE_LOCAL_BASE, then the user data folder."""
    if option:
        return Path(option).expanduser()
    variable = os.environ.get(VARIABLE_BASE, "").strip()
    if variable:
        return Path(variable).expanduser()
    return dossier_donnees() / NOM_BASE
