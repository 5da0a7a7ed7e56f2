"""The directory: organisations, persons and their seats (mandates)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, ForeignKeyConstraint, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.modeles.base import Base, colonne_enum
from app.modeles.comite import College, Instance
from app.modeles.enumerations import (
    MotifFinMandat,
    Partenariat,
    Qualite,
    Role,
    TypeStructure,
    Voix,
)


class Structure(Base):
    __tablename__ = "structure"

    id: Mapped[int] = mapped_column(primary_key=True)
    nom: Mapped[str] = mapped_column(String(300), unique=True)
    type: Mapped[TypeStructure] = mapped_column(colonne_enum(TypeStructure, "type_structure"))
    partenariat: Mapped[Partenariat | None] = mapped_column(colonne_enum(Partenariat, "partenariat"))
    lettre_engagement_le: Mapped[dt.date | None]


class Personne(Base):
    """Minimal on purpose: nothing about a personne accompagnée beyond what the committee needs."""

    __tablename__ = "personne"
    __table_args__ = (UniqueConstraint("nom", "prenom"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    nom: Mapped[str] = mapped_column(String(150))
    prenom: Mapped[str] = mapped_column(String(150))
    fonction: Mapped[str] = mapped_column(String(300), default="")
    structure_id: Mapped[int | None] = mapped_column(ForeignKey("structure.id", ondelete="RESTRICT"))
    courriel: Mapped[str] = mapped_column(String(300), default="")
    telephone: Mapped[str] = mapped_column(String(50), default="")
    besoins_accessibilite: Mapped[str] = mapped_column(Text, default="")

    structure: Mapped[Structure | None] = relationship()
    mandats: Mapped[list[Mandat]] = relationship(back_populates="personne", order_by="Mandat.debut")

    @property
    def nom_complet(self) -> str:
        return f"{self.prenom} {self.nom}"


class Mandat(Base):
    """A seat: person × instance × collège. A suppléant points to a titulaire of the same instance."""

    __tablename__ = "mandat"
    __table_args__ = (
        # (id, instance_id) is unique so that a suppléant's composite key can reach it: this is how the
        # base itself guarantees that a suppléant stands in for a titulaire of the same instance.
        UniqueConstraint("id", "instance_id", name="uq_mandat_id_instance"),
        ForeignKeyConstraint(
            ["titulaire_id", "instance_id"],
            ["mandat.id", "mandat.instance_id"],
            name="fk_mandat_titulaire_meme_instance",
            ondelete="RESTRICT",
        ),
        CheckConstraint("fin IS NULL OR fin >= debut", name="dates_ordonnees"),
        CheckConstraint("qualite = 'suppleant' OR titulaire_id IS NULL", name="titulaire_sans_titulaire"),
        CheckConstraint("titulaire_id IS NULL OR titulaire_id <> id", name="pas_son_propre_suppleant"),
        CheckConstraint("motif_fin IS NULL OR fin IS NOT NULL", name="motif_avec_fin"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    personne_id: Mapped[int] = mapped_column(ForeignKey("personne.id", ondelete="RESTRICT"), index=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("instance.id", ondelete="RESTRICT"), index=True)
    college_id: Mapped[int] = mapped_column(ForeignKey("college.id", ondelete="RESTRICT"))
    qualite: Mapped[Qualite] = mapped_column(colonne_enum(Qualite, "qualite"))
    titulaire_id: Mapped[int | None] = mapped_column(index=True)
    role: Mapped[Role] = mapped_column(colonne_enum(Role, "role"), default=Role.MEMBRE)
    voix: Mapped[Voix] = mapped_column(colonne_enum(Voix, "voix"), default=Voix.DELIBERATIVE)
    debut: Mapped[dt.date]
    fin: Mapped[dt.date | None]
    motif_fin: Mapped[MotifFinMandat | None] = mapped_column(colonne_enum(MotifFinMandat, "motif_fin"))

    personne: Mapped[Personne] = relationship(back_populates="mandats")
    instance: Mapped[Instance] = relationship()
    college: Mapped[College] = relationship()
    titulaire: Mapped[Mandat | None] = relationship(
        primaryjoin="Mandat.titulaire_id == remote(Mandat.id)",
        foreign_keys="Mandat.titulaire_id",
        viewonly=True,
    )

    def actif_le(self, jour: dt.date) -> bool:
        """Active from start to end, both inclusive; no end means still active (CONCEPTION §3)."""
        return self.debut <= jour and (self.fin is None or jour <= self.fin)
