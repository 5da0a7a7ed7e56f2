"""Shared fixtures: offscreen Qt, a fresh migrated base per test, a fixed 'today'."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from app import db

# Property tests draw examples from a fixed seed: CI runs are reproducible and a failure can be replayed.
settings.register_profile(
    "comite", deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
settings.load_profile("comite")


@pytest.fixture(scope="session")
def _modele_de_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once per test session; each test gets its own copy of that file (cheap and still fresh)."""
    chemin = tmp_path_factory.mktemp("modele") / "modele.db"
    base = db.ouvrir(chemin)
    base.fermer()
    return chemin


@pytest.fixture
def chemin_base(_modele_de_base: Path, tmp_path: Path) -> Path:
    chemin = tmp_path / "comite.db"
    shutil.copyfile(_modele_de_base, chemin)
    return chemin


@pytest.fixture
def base(chemin_base: Path) -> Iterator[db.BaseDeDonnees]:
    ouverte = db.ouvrir(chemin_base)
    yield ouverte
    ouverte.fermer()


@pytest.fixture(autouse=True)
def _isolement(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's own base, settings or date."""
    monkeypatch.setenv("COMITE_LOCAL_BASE", str(tmp_path / "base-par-defaut.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("COMITE_LOCAL_AUJOURDHUI", raising=False)


DEMO_AUJOURDHUI = "2026-11-22"


@pytest.fixture(scope="session")
def _demo_modele(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo committee, built once per session on 22 November 2026 (read-only: tests get a copy)."""
    from app.services.demo import creer_demo

    chemin = tmp_path_factory.mktemp("demo") / "demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COMITE_LOCAL_AUJOURDHUI", DEMO_AUJOURDHUI)
        base = db.ouvrir(chemin)
        try:
            creer_demo(base)
        finally:
            base.fermer()
    return chemin


@pytest.fixture
def demo(_demo_modele: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo base file, with today fixed at the demo's date."""
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", DEMO_AUJOURDHUI)
    chemin = tmp_path / "demo.db"
    shutil.copyfile(_demo_modele, chemin)
    return chemin
