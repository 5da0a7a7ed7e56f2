"""The application's icons: small SVG files shipped inside the package, in `app/ressources/icones/`.

They live inside `app/` (not in a top-level `ressources/`) so that an installed package, a wheel or a
frozen bundle finds them exactly as a source checkout does, through `importlib.resources`.
"""

from __future__ import annotations

import logging
from functools import cache
from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon

journal = logging.getLogger(__name__)

NAVIGATION = (
    "tableau-de-bord",
    "comite",
    "structures",
    "membres",
    "seances",
    "saisines",
    "recommandations",
    "travaux",
    "evaluation",
    "exports",
    "journal",
    "donnees-personnelles",
)
ACTIONS = (
    "ajouter",
    "modifier",
    "supprimer",
    "rechercher",
    "importer",
    "enregistrer",
    "ouvrir",
    "annuler",
    "retablir",
    "aide",
    "application",
    "apercu",
    "imprimer",
    "pdf",
    "calendrier",
)
NOMS = frozenset(NAVIGATION + ACTIONS)


def fichier_icone(nom: str) -> str:
    """The SVG file's path (a real file: the package is installed as files, never as a zip)."""
    if nom not in NOMS:
        raise ValueError(f"icône inconnue : {nom!r}")
    return str(resources.files("app") / "ressources" / "icones" / f"{nom}.svg")


@cache
def icone(nom: str) -> QIcon:
    """The icon `nom` (one of `NOMS`), drawn crisp at any size; empty, and logged, if its file is missing."""
    chemin = fichier_icone(nom)
    if not Path(chemin).is_file():
        # A damaged installation: the program still works, without this picture.
        journal.error("Icône introuvable : %s", chemin)
        return QIcon()
    return QIcon(chemin)
