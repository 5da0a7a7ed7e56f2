"""What the retention rules and erasures did to a person of the directory (kept apart from `Personne`)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from app.modeles.base import Base


class EffacementPersonne(Base):
    """One row per person whose data were erased. `coordonnees_effacees_le`: contact details purged by the
    retention rule; `efface_le`: the person was erased on request (only the name the archived minutes need
    is left). A re-import must not bring back what these dates say is gone."""

    __tablename__ = "effacement_personne"

    personne_id: Mapped[int] = mapped_column(ForeignKey("personne.id", ondelete="CASCADE"), primary_key=True)
    coordonnees_effacees_le: Mapped[dt.date | None]
    efface_le: Mapped[dt.date | None]
