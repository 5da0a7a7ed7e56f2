"""Meetings, their agenda, attendance and follow-up actions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.modeles.annuaire import Personne
from app.modeles.base import Base, colonne_enum
from app.modeles.comite import Instance
from app.modeles.enumerations import (
    STATUTS_TENUS,
    EtatPresence,
    FormatSeance,
    NaturePoint,
    StatutAction,
    StatutSeance,
)


class Seance(Base):
    __tablename__ = "seance"
    __table_args__ = (
        CheckConstraint(
            "heure_fin IS NULL OR heure_debut IS NULL OR heure_fin > heure_debut", name="heures_ordonnees"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(60), unique=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("instance.id", ondelete="RESTRICT"), index=True)
    date: Mapped[dt.date] = mapped_column(index=True)
    heure_debut: Mapped[dt.time | None]
    heure_fin: Mapped[dt.time | None]
    lieu: Mapped[str] = mapped_column(String(300), default="")
    lien_visio: Mapped[str] = mapped_column(String(500), default="")
    format: Mapped[FormatSeance] = mapped_column(
        colonne_enum(FormatSeance, "format_seance"), default=FormatSeance.PRESENTIEL
    )
    statut: Mapped[StatutSeance] = mapped_column(
        colonne_enum(StatutSeance, "statut_seance"), default=StatutSeance.PLANIFIEE
    )
    convocation_envoyee_le: Mapped[dt.date | None]
    motif_urgence: Mapped[str] = mapped_column(Text, default="")
    pv_approuve_le: Mapped[dt.date | None]
    president_seance_id: Mapped[int | None] = mapped_column(ForeignKey("personne.id", ondelete="SET NULL"))
    secretaire_seance_id: Mapped[int | None] = mapped_column(ForeignKey("personne.id", ondelete="SET NULL"))
    # A second convocation re-convenes a held meeting that missed its quorum: no quorum is required then.
    seconde_convocation_de_id: Mapped[int | None] = mapped_column(ForeignKey("seance.id", ondelete="SET NULL"))
    # The minutes are approved at a later meeting: which one (its date is `pv_approuve_le`).
    pv_approuve_en_id: Mapped[int | None] = mapped_column(ForeignKey("seance.id", ondelete="SET NULL"))

    instance: Mapped[Instance] = relationship()
    points: Mapped[list[PointOrdreDuJour]] = relationship(
        back_populates="seance", cascade="all, delete-orphan", order_by="PointOrdreDuJour.rang"
    )
    presences: Mapped[list[Presence]] = relationship(
        back_populates="seance", cascade="all, delete-orphan", foreign_keys="Presence.seance_id"
    )

    @property
    def tenue(self) -> bool:
        return self.statut in STATUTS_TENUS


class PointOrdreDuJour(Base):
    __tablename__ = "point_ordre_du_jour"
    __table_args__ = (
        CheckConstraint("duree_minutes IS NULL OR duree_minutes >= 0", name="duree_positive"),
        CheckConstraint(
            "(vote_pour IS NULL OR vote_pour >= 0) AND (vote_contre IS NULL OR vote_contre >= 0)"
            " AND (vote_abstention IS NULL OR vote_abstention >= 0)",
            name="votes_positifs",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seance_id: Mapped[int] = mapped_column(ForeignKey("seance.id", ondelete="CASCADE"), index=True)
    rang: Mapped[int]
    titre: Mapped[str] = mapped_column(String(500))
    nature: Mapped[NaturePoint] = mapped_column(
        colonne_enum(NaturePoint, "nature_point"), default=NaturePoint.INFORMATION
    )
    rapporteur_id: Mapped[int | None] = mapped_column(ForeignKey("personne.id", ondelete="SET NULL"))
    duree_minutes: Mapped[int | None]
    saisine_id: Mapped[int | None] = mapped_column(ForeignKey("saisine.id", ondelete="SET NULL"))
    recommandation_id: Mapped[int | None] = mapped_column(
        ForeignKey("recommandation.id", ondelete="SET NULL")
    )
    resume: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(Text, default="")
    vote_pour: Mapped[int | None]
    vote_contre: Mapped[int | None]
    vote_abstention: Mapped[int | None]
    opinions_divergentes: Mapped[str] = mapped_column(Text, default="")

    seance: Mapped[Seance] = relationship(back_populates="points")
    rapporteur: Mapped[Personne | None] = relationship()
    deports: Mapped[list[Deport]] = relationship(cascade="all, delete-orphan", order_by="Deport.id")


class Deport(Base):
    """A member who recused themselves on one agenda item (takes no part in the debate nor the vote)."""

    __tablename__ = "deport"
    __table_args__ = (UniqueConstraint("point_id", "personne_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("point_ordre_du_jour.id", ondelete="CASCADE"), index=True)
    personne_id: Mapped[int] = mapped_column(ForeignKey("personne.id", ondelete="RESTRICT"))

    personne: Mapped[Personne] = relationship()


class Presence(Base):
    """One person at one meeting. A holder carries at most one proxy per meeting (unique pair)."""

    __tablename__ = "presence"
    __table_args__ = (
        UniqueConstraint("seance_id", "personne_id"),
        UniqueConstraint("seance_id", "pouvoir_a_id", name="uq_presence_un_pouvoir_par_porteur"),
        CheckConstraint(
            "(etat = 'represente' AND pouvoir_a_id IS NOT NULL) OR (etat <> 'represente' AND pouvoir_a_id IS NULL)",
            name="pouvoir_si_represente",
        ),
        CheckConstraint("pouvoir_a_id IS NULL OR pouvoir_a_id <> personne_id", name="pas_de_pouvoir_a_soi"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seance_id: Mapped[int] = mapped_column(ForeignKey("seance.id", ondelete="CASCADE"), index=True)
    personne_id: Mapped[int] = mapped_column(ForeignKey("personne.id", ondelete="RESTRICT"), index=True)
    etat: Mapped[EtatPresence] = mapped_column(colonne_enum(EtatPresence, "etat_presence"))
    pouvoir_a_id: Mapped[int | None] = mapped_column(ForeignKey("personne.id", ondelete="RESTRICT"))

    seance: Mapped[Seance] = relationship(back_populates="presences", foreign_keys=[seance_id])
    personne: Mapped[Personne] = relationship(foreign_keys=[personne_id])
    pouvoir_a: Mapped[Personne | None] = relationship(foreign_keys=[pouvoir_a_id])


class Action(Base):
    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    texte: Mapped[str] = mapped_column(Text)
    responsable_id: Mapped[int | None] = mapped_column(ForeignKey("personne.id", ondelete="SET NULL"))
    echeance: Mapped[dt.date | None]
    statut: Mapped[StatutAction] = mapped_column(
        colonne_enum(StatutAction, "statut_action"), default=StatutAction.A_FAIRE
    )
    point_origine_id: Mapped[int | None] = mapped_column(
        ForeignKey("point_ordre_du_jour.id", ondelete="SET NULL")
    )
    seance_origine_id: Mapped[int | None] = mapped_column(ForeignKey("seance.id", ondelete="SET NULL"))
    # When it was marked done or dropped: until then it is carried to every later meeting of its instance.
    soldee_le: Mapped[dt.date | None]

    responsable: Mapped[Personne | None] = relationship()
