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
