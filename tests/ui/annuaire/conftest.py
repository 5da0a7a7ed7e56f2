"""Fixtures of the directory's GUI tests."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services.demo import creer_demo

AUJOURDHUI = dt.date(2026, 11, 22)


@pytest.fixture
def base_demo(base, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", AUJOURDHUI.isoformat())
    creer_demo(base)
    return base
