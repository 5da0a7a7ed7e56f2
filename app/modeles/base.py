"""Declarative base shared by every model, with constraint names Alembic can rely on."""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import Enum, MetaData
from sqlalchemy.orm import DeclarativeBase

CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=CONVENTION)


def colonne_enum(classe: type[enum.Enum], nom: str) -> Enum:
    """A portable enumeration column: VARCHAR plus a named CHECK constraint (no native ENUM type)."""

    def valeurs(e: Any) -> list[str]:
        return [m.value for m in e]

    return Enum(
        classe,
        name=nom,
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        values_callable=valeurs,
        length=40,
    )
