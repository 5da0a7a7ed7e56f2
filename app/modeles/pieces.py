"""Files attached to any record, stored by content hash in the data folder."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.modeles.base import Base


class PieceJointe(Base):
    __tablename__ = "piece_jointe"
    __table_args__ = (
        UniqueConstraint("entite", "entite_id", "sha256"),
        CheckConstraint("taille >= 0", name="taille_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entite: Mapped[str] = mapped_column(String(60))
    entite_id: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    nom_fichier: Mapped[str] = mapped_column(String(300))
    type_mime: Mapped[str] = mapped_column(String(120), default="application/octet-stream")
    taille: Mapped[int]
    ajoutee_le: Mapped[dt.datetime]
