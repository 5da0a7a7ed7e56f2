"""Ethics referrals. The requester's identity lives in its own table, read only by its own tab, purgeable."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.modeles.base import Base, colonne_enum
from app.modeles.enumerations import (
    CanalSaisine,
    StatutSaisine,
    ThemeEthique,
    TypeDemandeur,
)


class Saisine(Base):
    __tablename__ = "saisine"
    __table_args__ = (
        UniqueConstraint("annee", "rang"),
        CheckConstraint("rang > 0", name="rang_positif"),
        CheckConstraint("echeance IS NULL OR echeance >= recue_le", name="echeance_apres_reception"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    numero: Mapped[str] = mapped_column(String(20), unique=True)  # SAI-AAAA-NNN
    annee: Mapped[int]
    rang: Mapped[int]
    recue_le: Mapped[dt.date]
    canal: Mapped[CanalSaisine] = mapped_column(colonne_enum(CanalSaisine, "canal_saisine"))
    type_demandeur: Mapped[TypeDemandeur] = mapped_column(colonne_enum(TypeDemandeur, "type_demandeur"))
    question: Mapped[str] = mapped_column(Text, default="")
    contexte: Mapped[str] = mapped_column(Text, default="")
    statut: Mapped[StatutSaisine] = mapped_column(
        colonne_enum(StatutSaisine, "statut_saisine"), default=StatutSaisine.RECUE
    )
    echeance: Mapped[dt.date | None]
    accusee_le: Mapped[dt.date | None]
    recevable_le: Mapped[dt.date | None]
    transmise_le: Mapped[dt.date | None]
    escaladee_hcts_le: Mapped[dt.date | None]
    motif_decision: Mapped[str] = mapped_column(Text, default="")
    consentement_publication: Mapped[bool] = mapped_column(default=False)
    consentement_le: Mapped[dt.date | None]
    enregistree_par: Mapped[str] = mapped_column(String(150), default="")
    anonymisation_validee_par: Mapped[str] = mapped_column(String(150), default="")
    anonymisation_validee_le: Mapped[dt.date | None]

    themes: Mapped[list[SaisineTheme]] = relationship(cascade="all, delete-orphan")
    rapporteurs: Mapped[list[SaisineRapporteur]] = relationship(
        cascade="all, delete-orphan", order_by="SaisineRapporteur.id"
    )
    transitions: Mapped[list[TransitionSaisine]] = relationship(
        cascade="all, delete-orphan", order_by="TransitionSaisine.id"
    )


class DemandeurSaisine(Base):
    """Who asked: kept apart so the rest of the program never reads it, and purged on schedule."""

    __tablename__ = "demandeur_saisine"

    id: Mapped[int] = mapped_column(primary_key=True)
    saisine_id: Mapped[int] = mapped_column(ForeignKey("saisine.id", ondelete="CASCADE"), unique=True)
    identite: Mapped[str] = mapped_column(Text, default="")
    coordonnees: Mapped[str] = mapped_column(Text, default="")


class SaisineTheme(Base):
    __tablename__ = "saisine_theme"
    __table_args__ = (UniqueConstraint("saisine_id", "theme"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    saisine_id: Mapped[int] = mapped_column(ForeignKey("saisine.id", ondelete="CASCADE"), index=True)
    theme: Mapped[ThemeEthique] = mapped_column(colonne_enum(ThemeEthique, "theme_ethique"))


class SaisineRapporteur(Base):
    __tablename__ = "saisine_rapporteur"
    __table_args__ = (UniqueConstraint("saisine_id", "personne_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    saisine_id: Mapped[int] = mapped_column(ForeignKey("saisine.id", ondelete="CASCADE"), index=True)
    personne_id: Mapped[int] = mapped_column(ForeignKey("personne.id", ondelete="RESTRICT"))


class TransitionSaisine(Base):
    """Each step of the workflow, with who and when."""

    __tablename__ = "transition_saisine"

    id: Mapped[int] = mapped_column(primary_key=True)
    saisine_id: Mapped[int] = mapped_column(ForeignKey("saisine.id", ondelete="CASCADE"), index=True)
    de: Mapped[StatutSaisine | None] = mapped_column(colonne_enum(StatutSaisine, "statut_saisine_de"))
    vers: Mapped[StatutSaisine] = mapped_column(colonne_enum(StatutSaisine, "statut_saisine_vers"))
    le: Mapped[dt.date]
    horodatage: Mapped[dt.datetime]
    par: Mapped[str] = mapped_column(String(150), default="")
    motif: Mapped[str] = mapped_column(Text, default="")
