"""The audit journal: who (OS login), when, which entity, what changed. Filled by app.db on every flush."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.modeles.base import Base, colonne_enum
from app.modeles.enumerations import OperationJournal


class Journal(Base):
    __tablename__ = "journal"

    id: Mapped[int] = mapped_column(primary_key=True)
    horodatage: Mapped[dt.datetime] = mapped_column(index=True)
    utilisateur: Mapped[str] = mapped_column(String(150))
    entite: Mapped[str] = mapped_column(String(60))
    entite_id: Mapped[int | None]
    operation: Mapped[OperationJournal] = mapped_column(colonne_enum(OperationJournal, "operation"))
    details: Mapped[str] = mapped_column(Text, default="")
