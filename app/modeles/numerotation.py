"""The last number issued per series and year, so that a number once given is never given again."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from app.modeles.base import Base


class Numerotation(Base):
    """`SAI` / `REC` × year → the last rank issued (even if its record was deleted since)."""

    __tablename__ = "numerotation"
    __table_args__ = (CheckConstraint("dernier >= 0", name="dernier_positif"),)

    serie: Mapped[str] = mapped_column(String(3), primary_key=True)
    annee: Mapped[int] = mapped_column(primary_key=True)
    dernier: Mapped[int]
