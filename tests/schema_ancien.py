"""A base left at an older schema revision, as an earlier version of the program wrote it (migration tests)."""

from __future__ import annotations

from pathlib import Path

from app import db


def base_a_la_revision(chemin: Path, revision: str) -> None:
    """Create `chemin` with the schema of `revision` (no data), the way Alembic would have left it then."""
    from alembic import command  # costly import: only for the tests that need it
    from alembic.config import Config

    moteur = db._moteur(chemin, lecture_seule=False, cles_etrangeres=False)
    try:
        with moteur.begin() as connexion:
            config = Config()
            config.set_main_option("script_location", "app:migrations")
            config.attributes["connection"] = connexion
            command.upgrade(config, revision)
    finally:
        moteur.dispose()
