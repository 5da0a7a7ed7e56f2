"""Fixtures of the import tests: the generated corpus (built once per session) and base helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.services.corpus_import import construire_corpus


@pytest.fixture(scope="session")
def corpus_import(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """name → workbook: `reference` and every faulty case of `corpus_import.CAS` (read-only: copy to alter)."""
    return construire_corpus(tmp_path_factory.mktemp("corpus_import"))


@pytest.fixture
def copie_base(_modele_de_base: Path, tmp_path: Path):
    """Factory of fresh migrated base files (a copy of the session's template), for tests needing several."""
    compteur = iter(range(1_000_000))

    def copier() -> Path:
        chemin = tmp_path / f"base-{next(compteur)}.db"
        shutil.copyfile(_modele_de_base, chemin)
        return chemin

    return copier
