"""The committee itself, its collèges and its instances."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.modeles.base import Base, colonne_enum
from app.modeles.enumerations import (
    CategorieCollege,
    Mission,
    ModePresidence,
    NatureComite,
    NiveauInstance,
    TypeInstance,
    TypeTerritoire,
)


class Comite(Base):
    """Identity and governance: what the HCTS must be told (AMI section 4). One row per base."""

    __tablename__ = "comite"

    id: Mapped[int] = mapped_column(primary_key=True)
    nom: Mapped[str] = mapped_column(String(200))
    type_territoire: Mapped[TypeTerritoire | None] = mapped_column(
        colonne_enum(TypeTerritoire, "type_territoire")
    )
    territoire: Mapped[str] = mapped_column(String(200), default="")
    nature: Mapped[NatureComite | None] = mapped_column(colonne_enum(NatureComite, "nature"))
    date_installation: Mapped[dt.date | None]
    mode_presidence: Mapped[ModePresidence | None] = mapped_column(
        colonne_enum(ModePresidence, "mode_presidence")
    )
    thematiques: Mapped[str] = mapped_column(Text, default="")
    regles_saisine: Mapped[str] = mapped_column(Text, default="")
    secretariat: Mapped[str] = mapped_column(Text, default="")
    rythme_reunions: Mapped[str] = mapped_column(Text, default="")
    moyens_humains: Mapped[str] = mapped_column(Text, default="")
    moyens_financiers: Mapped[str] = mapped_column(Text, default="")
    en_tete: Mapped[str] = mapped_column(Text, default="")
    # Summer pause stopping the referral clocks, « MM-JJ » both inclusive; empty: no pause.
    pause_debut: Mapped[str] = mapped_column(String(5), default="07-14", server_default="07-14")
    pause_fin: Mapped[str] = mapped_column(String(5), default="08-31", server_default="08-31")
    # Retention of personal data (app.services.conservation): requesters' identities in months after the
    # opinion, former members' contact details in years after their last mandate, the journal in years.
    conservation_demandeurs_mois: Mapped[int] = mapped_column(default=6, server_default="6")
    conservation_coordonnees_ans: Mapped[int] = mapped_column(default=1, server_default="1")
    conservation_journal_ans: Mapped[int] = mapped_column(default=5, server_default="5")

    porteurs: Mapped[list[ComitePorteur]] = relationship(cascade="all, delete-orphan")
    missions: Mapped[list[ComiteMission]] = relationship(
        cascade="all, delete-orphan", order_by="ComiteMission.id"
    )


class ComitePorteur(Base):
    """A lead organisation (porteur) of the committee."""

    __tablename__ = "comite_porteur"
    __table_args__ = (UniqueConstraint("comite_id", "structure_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comite_id: Mapped[int] = mapped_column(ForeignKey("comite.id", ondelete="CASCADE"))
    structure_id: Mapped[int] = mapped_column(ForeignKey("structure.id", ondelete="RESTRICT"))


class ComiteMission(Base):
    """A mission: one of the mandate's catalogue (`code`) or a free one (`code` empty, `libelle` given)."""

    __tablename__ = "comite_mission"
    __table_args__ = (
        CheckConstraint("code IS NOT NULL OR libelle <> ''", name="mission_nommee"),
        UniqueConstraint("comite_id", "code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    comite_id: Mapped[int] = mapped_column(ForeignKey("comite.id", ondelete="CASCADE"))
    code: Mapped[Mission | None] = mapped_column(colonne_enum(Mission, "mission"))
    libelle: Mapped[str] = mapped_column(String(300), default="")


class College(Base):
    __tablename__ = "college"

    id: Mapped[int] = mapped_column(primary_key=True)
    nom: Mapped[str] = mapped_column(String(200), unique=True)
    categorie: Mapped[CategorieCollege] = mapped_column(colonne_enum(CategorieCollege, "categorie"))
    ordre: Mapped[int] = mapped_column(default=0)


class Instance(Base):
    """A body of the committee, with its quorum rule and convocation notice."""

    __tablename__ = "instance"
    __table_args__ = (
        CheckConstraint(
            "quorum_numerateur >= 0 AND quorum_denominateur > 0 AND quorum_numerateur <= quorum_denominateur",
            name="quorum_fraction",
        ),
        CheckConstraint("pouvoirs_max_par_porteur >= 0", name="pouvoirs_max_positif"),
        CheckConstraint("delai_convocation_jours >= 0", name="delai_positif"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nom: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[TypeInstance] = mapped_column(colonne_enum(TypeInstance, "type_instance"))
    niveau: Mapped[NiveauInstance | None] = mapped_column(colonne_enum(NiveauInstance, "niveau"))
    quorum_numerateur: Mapped[int] = mapped_column(default=1)
    quorum_denominateur: Mapped[int] = mapped_column(default=2)
    pouvoirs_comptes: Mapped[bool] = mapped_column(default=True)
    pouvoirs_max_par_porteur: Mapped[int] = mapped_column(default=1)
    delai_convocation_jours: Mapped[int] = mapped_column(default=5)
    ordre: Mapped[int] = mapped_column(default=0)
