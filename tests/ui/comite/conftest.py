"""The Comité page's tests run on the demo committee, dated 22 November 2026."""

from __future__ import annotations

import pytest

from app.services.demo import creer_demo


@pytest.fixture
def base_demo(base, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-11-22")
    creer_demo(base)
    return base
