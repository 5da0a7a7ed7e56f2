"""Shared by the GUI tests."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _ramasser_les_cycles() -> Iterator[None]:
    """Collect the previous tests' reference cycles before a test starts, not in the middle of it.

    Otherwise a Qt model left in a cycle by one test (qtmodeltester's, for example) is torn down by the collector
    while a later test's event loop runs, and its half-cleared Python side answers Qt's calls with errors.
    """
    gc.collect()
    yield


DELAI_MODALE_MS = 20_000


@pytest.fixture(autouse=True)
def _pas_de_fenetre_modale_oubliee(qapp: object) -> Iterator[None]:
    """A modal window nobody answers would hang the run until CI kills it: close it and fail the test instead."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    oubliees: list[str] = []

    def fermer() -> None:
        modale = QApplication.activeModalWidget()
        if isinstance(modale, QWidget):
            oubliees.append(modale.windowTitle() or type(modale).__name__)
            modale.close()

    minuteur = QTimer()
    minuteur.setInterval(DELAI_MODALE_MS)
    minuteur.timeout.connect(fermer)
    minuteur.start()
    yield
    minuteur.stop()
    assert not oubliees, f"Fenêtre modale restée ouverte pendant le test : {oubliees}"
