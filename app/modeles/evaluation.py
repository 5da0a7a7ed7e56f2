"""Evaluation material for ANSA: participants' feedback and dated qualitative notes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.modeles.base import Base, colonne_enum
from app.modeles.enumerations import NiveauRetour, QuestionRetour, RubriqueNote, SousDomaine


class RetourParticipants(Base):
    """How many participants of a meeting answered each level of a question (from the paper forms)."""

    __tablename__ = "retour_participants"
    __table_args__ = (
        UniqueConstraint("seance_id", "question", "niveau"),
        CheckConstraint("nombre >= 0", name="nombre_positif"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seance_id: Mapped[int] = mapped_column(ForeignKey("seance.id", ondelete="CASCADE"), index=True)
    question: Mapped[QuestionRetour] = mapped_column(colonne_enum(QuestionRetour, "question_retour"))
    niveau: Mapped[NiveauRetour] = mapped_column(colonne_enum(NiveauRetour, "niveau_retour"))
    nombre: Mapped[int] = mapped_column(default=0)


class NoteEvaluation(Base):
    __tablename__ = "note_evaluation"

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date]
    sous_domaine: Mapped[SousDomaine] = mapped_column(colonne_enum(SousDomaine, "sous_domaine"))
    rubrique: Mapped[RubriqueNote] = mapped_column(colonne_enum(RubriqueNote, "rubrique_note"))
    texte: Mapped[str] = mapped_column(Text)
