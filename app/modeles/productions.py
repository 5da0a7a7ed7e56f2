"""What the committee produces, how it is spread, and its exchanges with the HCTS."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.modeles.base import Base, colonne_enum
from app.modeles.enumerations import CanalDiffusion, Mission, PublicDiffusion, SensEchange, TypeProduction


class Production(Base):
    __tablename__ = "production"

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[TypeProduction] = mapped_column(colonne_enum(TypeProduction, "type_production"))
    titre: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    mission: Mapped[Mission | None] = mapped_column(colonne_enum(Mission, "mission_production"))
    instance_id: Mapped[int | None] = mapped_column(ForeignKey("instance.id", ondelete="SET NULL"))
    recommandation_id: Mapped[int | None] = mapped_column(
        ForeignKey("recommandation.id", ondelete="SET NULL")
    )
    date: Mapped[dt.date]

    diffusions: Mapped[list[Diffusion]] = relationship(cascade="all, delete-orphan")


class Diffusion(Base):
    __tablename__ = "diffusion"
    __table_args__ = (CheckConstraint("nombre_atteint IS NULL OR nombre_atteint >= 0", name="nombre_positif"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("production.id", ondelete="CASCADE"), index=True)
    canal: Mapped[CanalDiffusion] = mapped_column(colonne_enum(CanalDiffusion, "canal_diffusion"))
    public: Mapped[PublicDiffusion] = mapped_column(colonne_enum(PublicDiffusion, "public_diffusion"))
    date: Mapped[dt.date]
    nombre_atteint: Mapped[int | None]


class EchangeHcts(Base):
    __tablename__ = "echange_hcts"

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date]
    sens: Mapped[SensEchange] = mapped_column(colonne_enum(SensEchange, "sens_echange"))
    objet: Mapped[str] = mapped_column(String(500))
    document: Mapped[str] = mapped_column(String(500), default="")
    suite_donnee: Mapped[str] = mapped_column(Text, default="")
    # An escalation of a referral to the HCTS ethics commission is an upward exchange tied to that referral.
    saisine_id: Mapped[int | None] = mapped_column(ForeignKey("saisine.id", ondelete="SET NULL"), index=True)
    par: Mapped[str] = mapped_column(String(150), default="")
