"""Written opinions and recommendations, with their versions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.modeles.base import Base, colonne_enum
from app.modeles.enumerations import NatureRecommandation, StatutRecommandation, ThemeEthique


class Recommandation(Base):
    __tablename__ = "recommandation"
    __table_args__ = (UniqueConstraint("annee", "rang"), CheckConstraint("rang > 0", name="rang_positif"))

    id: Mapped[int] = mapped_column(primary_key=True)
    numero: Mapped[str] = mapped_column(String(20), unique=True)  # REC-AAAA-NNN
    annee: Mapped[int]
    rang: Mapped[int]
    nature: Mapped[NatureRecommandation] = mapped_column(
        colonne_enum(NatureRecommandation, "nature_recommandation")
    )
    titre: Mapped[str] = mapped_column(String(500))
    texte: Mapped[str] = mapped_column(Text, default="")
    statut: Mapped[StatutRecommandation] = mapped_column(
        colonne_enum(StatutRecommandation, "statut_recommandation"), default=StatutRecommandation.PROJET
    )
    seance_adoption_id: Mapped[int | None] = mapped_column(ForeignKey("seance.id", ondelete="RESTRICT"))
    adoptee_le: Mapped[dt.date | None]
    publiee_le: Mapped[dt.date | None]
    publication_autorisee: Mapped[bool] = mapped_column(default=False)
    anonymisation_validee_par: Mapped[str] = mapped_column(String(150), default="")
    anonymisation_validee_le: Mapped[dt.date | None]
    motif_retrait: Mapped[str] = mapped_column(Text, default="")

    saisines: Mapped[list[RecommandationSaisine]] = relationship(cascade="all, delete-orphan")
    themes: Mapped[list[RecommandationTheme]] = relationship(cascade="all, delete-orphan")
    versions: Mapped[list[RecommandationVersion]] = relationship(
        cascade="all, delete-orphan", order_by="RecommandationVersion.version"
    )


class RecommandationSaisine(Base):
    __tablename__ = "recommandation_saisine"
    __table_args__ = (UniqueConstraint("recommandation_id", "saisine_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recommandation_id: Mapped[int] = mapped_column(ForeignKey("recommandation.id", ondelete="CASCADE"))
    saisine_id: Mapped[int] = mapped_column(ForeignKey("saisine.id", ondelete="RESTRICT"))


class RecommandationTheme(Base):
    __tablename__ = "recommandation_theme"
    __table_args__ = (UniqueConstraint("recommandation_id", "theme"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recommandation_id: Mapped[int] = mapped_column(ForeignKey("recommandation.id", ondelete="CASCADE"))
    theme: Mapped[ThemeEthique] = mapped_column(colonne_enum(ThemeEthique, "theme_recommandation"))


class RecommandationVersion(Base):
    __tablename__ = "recommandation_version"
    __table_args__ = (UniqueConstraint("recommandation_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recommandation_id: Mapped[int] = mapped_column(ForeignKey("recommandation.id", ondelete="CASCADE"))
    version: Mapped[int]
    titre: Mapped[str] = mapped_column(String(500))
    texte: Mapped[str] = mapped_column(Text, default="")
    horodatage: Mapped[dt.datetime]
    auteur: Mapped[str] = mapped_column(String(150), default="")
