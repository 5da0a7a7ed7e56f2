"""What the « Travaux et diffusion » page shows: the productions with their diffusions counted, one production's
diffusions, the exchanges with the HCTS, and the choices of its combos. Reads only."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.modeles import Diffusion, EchangeHcts, Instance, PieceJointe, Production, Recommandation, Saisine
from app.modeles.enumerations import CanalDiffusion, Mission, PublicDiffusion, SensEchange, TypeProduction
from app.services.annuaire_lecture import Choix
from app.services.productions import ENTITE


@dataclass(frozen=True)
class LigneProduction:
    id: int
    date: dt.date
    type: TypeProduction
    titre: str
    description: str
    mission: Mission | None
    instance: str  # its name, "" when none
    recommandation: str  # its number, "" when none
    diffusions: int
    personnes_atteintes: int  # the sum of the known numbers
    nombres_inconnus: int  # diffusions whose number reached is not known
    fichiers: int

    @property
    def annee(self) -> int:
        return self.date.year


@dataclass(frozen=True)
class LigneDiffusion:
    id: int
    production_id: int
    canal: CanalDiffusion
    public: PublicDiffusion
    date: dt.date
    nombre_atteint: int | None


@dataclass(frozen=True)
class LigneEchange:
    id: int
    date: dt.date
    sens: SensEchange
    objet: str
    document: str
    suite_donnee: str
    par: str
    saisine_id: int | None
    saisine: str  # the referral's number for an escalation, else ""

    @property
    def annee(self) -> int:
        return self.date.year

    @property
    def escalade(self) -> bool:
        return self.saisine_id is not None


def lire_productions(session: Session) -> tuple[LigneProduction, ...]:
    """Every production, the latest first."""
    comptes: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for production_id, nombre in session.execute(select(Diffusion.production_id, Diffusion.nombre_atteint)):
        compte = comptes[production_id]
        compte[0] += 1
        if nombre is None:
            compte[2] += 1
        else:
            compte[1] += nombre
    fichiers: dict[int, int] = {
        entite_id: nombre
        for entite_id, nombre in session.execute(
            select(PieceJointe.entite_id, func.count())
            .where(PieceJointe.entite == ENTITE)
            .group_by(PieceJointe.entite_id)
        )
    }
    requete = (
        select(Production, Instance.nom, Recommandation.numero)
        .outerjoin(Instance, Instance.id == Production.instance_id)
        .outerjoin(Recommandation, Recommandation.id == Production.recommandation_id)
        .order_by(Production.date.desc(), Production.id.desc())
    )
    lignes = []
    for p, instance, numero in session.execute(requete):
        diffusions, atteintes, inconnus = comptes.get(p.id, [0, 0, 0])
        lignes.append(
            LigneProduction(
                id=p.id,
                date=p.date,
                type=p.type,
                titre=p.titre,
                description=p.description,
                mission=p.mission,
                instance=instance or "",
                recommandation=numero or "",
                diffusions=diffusions,
                personnes_atteintes=atteintes,
                nombres_inconnus=inconnus,
                fichiers=fichiers.get(p.id, 0),
            )
        )
    return tuple(lignes)


def lire_diffusions(session: Session, production_id: int) -> tuple[LigneDiffusion, ...]:
    requete = select(Diffusion).where(Diffusion.production_id == production_id).order_by(Diffusion.date, Diffusion.id)
    return tuple(
        LigneDiffusion(d.id, d.production_id, d.canal, d.public, d.date, d.nombre_atteint)
        for d in session.scalars(requete)
    )


def lire_echanges(session: Session) -> tuple[LigneEchange, ...]:
    """Every exchange with the HCTS, both ways, the latest first."""
    requete = (
        select(EchangeHcts, Saisine.numero)
        .outerjoin(Saisine, Saisine.id == EchangeHcts.saisine_id)
        .order_by(EchangeHcts.date.desc(), EchangeHcts.id.desc())
    )
    return tuple(
        LigneEchange(e.id, e.date, e.sens, e.objet, e.document, e.suite_donnee, e.par, e.saisine_id, numero or "")
        for e, numero in session.execute(requete)
    )


def choix_instances(session: Session) -> tuple[Choix, ...]:
    return tuple(
        Choix(i, nom)
        for i, nom in session.execute(select(Instance.id, Instance.nom).order_by(Instance.ordre, Instance.nom))
    )


def choix_recommandations(session: Session) -> tuple[Choix, ...]:
    """The texts a production may stem from, the latest first, as « REC-2026-001 — title »."""
    requete = select(Recommandation.id, Recommandation.numero, Recommandation.titre).order_by(
        Recommandation.annee.desc(), Recommandation.rang.desc()
    )
    return tuple(Choix(i, f"{numero} — {titre}") for i, numero, titre in session.execute(requete))
