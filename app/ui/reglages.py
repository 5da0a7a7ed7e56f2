"""What the window remembers between sessions, as plain JSON in platformdirs' config folder.

Plain data on purpose (no pickled Qt state): a file a support person can read, and that survives a Qt upgrade.
A missing or damaged file gives the defaults; writing is atomic.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.chemins import dossier_reglages

NOM_FICHIER = "fenetre.json"
journal = logging.getLogger(__name__)


@dataclass
class Reglages:
    x: int | None = None
    y: int | None = None
    largeur: int = 1200
    hauteur: int = 760
    maximisee: bool = False
    separateurs: dict[str, list[int]] = field(default_factory=dict)  # splitter objectName → sizes
    derniere_base: str = ""
    derniere_page: str = ""


def fichier() -> Path:
    return dossier_reglages() / NOM_FICHIER


def _entier(valeur: Any, defaut: int | None) -> int | None:
    return valeur if isinstance(valeur, int) and not isinstance(valeur, bool) else defaut


def charger() -> Reglages:
    try:
        brut = json.loads(fichier().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Reglages()
    if not isinstance(brut, dict):
        return Reglages()
    defaut = Reglages()
    separateurs = brut.get("separateurs")
    return Reglages(
        x=_entier(brut.get("x"), None),
        y=_entier(brut.get("y"), None),
        largeur=_entier(brut.get("largeur"), defaut.largeur) or defaut.largeur,
        hauteur=_entier(brut.get("hauteur"), defaut.hauteur) or defaut.hauteur,
        maximisee=brut.get("maximisee") is True,
        separateurs={
            str(nom): [int(t) for t in tailles]
            for nom, tailles in (separateurs.items() if isinstance(separateurs, dict) else [])
            if isinstance(tailles, list) and all(isinstance(t, int) for t in tailles)
        },
        derniere_base=str(brut.get("derniere_base") or ""),
        derniere_page=str(brut.get("derniere_page") or ""),
    )


def enregistrer(reglages: Reglages) -> None:
    """Best effort: losing the window's size must never stop anyone from quitting."""
    chemin = fichier()
    temporaire = chemin.with_name(f".{chemin.name}.{uuid.uuid4().hex}")
    try:
        chemin.parent.mkdir(parents=True, exist_ok=True)
        temporaire.write_text(json.dumps(asdict(reglages), ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(temporaire, chemin)
    except OSError as exc:
        journal.warning("Réglages de la fenêtre non enregistrés : %s", exc)
        temporaire.unlink(missing_ok=True)
