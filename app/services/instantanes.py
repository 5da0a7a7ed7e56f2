"""Copies of rows as plain dicts, so that an undo can put a deleted record back under its own id."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect


def colonnes(objet: Any) -> dict[str, Any]:
    """Every mapped column of `objet`, by attribute name."""
    return {a.key: getattr(objet, a.key) for a in inspect(objet).mapper.column_attrs}
