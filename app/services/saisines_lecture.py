"""What the Saisines page and the dashboard read: the register, one referral's detail, the clocks.

Never the requester's identity (that is `app.services.demandeurs`, read by the referral's own tab only).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.format_fr import date_longue
from app.modeles import (
    EchangeHcts,
    Instance,
    Personne,
    PointOrdreDuJour,
    Recommandation,
    RecommandationSaisine,
    Saisine,
    SaisineRapporteur,
    SaisineTheme,
    Seance,
)
from app.modeles.enumerations import StatutSaisine, StatutSeance, ThemeEthique, TypeInstance
from app.services.delais_saisine import PauseEstivale, echeance_accuse, echeance_avis, pause_du_comite
from app.services.saisines import STATUTS_TEXTE_MODIFIABLE, FicheSaisine, fiche_saisine, saisine
from app.services.saisines_workflow import motif_refus_escalade, transitions_possibles

S = StatutSaisine
# Once the opinion is sent, or the referral left the workflow, no clock runs any more.
STATUTS_SANS_AVIS_DU = frozenset({S.IRRECEVABLE, S.REORIENTEE, S.TRANSMISE, S.CLOTUREE})


@dataclass(frozen=True)
class Echeance:
    """The clock that runs now: the acknowledgement's, or the opinion's."""

    accuse: bool
    le: dt.date

    @property
    def libelle(self) -> str:
        return "Accusé de réception" if self.accuse else "Avis"

    def retard(self, aujourdhui: dt.date) -> int:
        return max(0, (aujourdhui - self.le).days)


def echeance_courante(
    statut: StatutSaisine,
    recue_le: dt.date,
    accusee_le: dt.date | None,
    recevable_le: dt.date | None,
    echeance: dt.date | None,
    pause: PauseEstivale | None,
) -> Echeance | None:
    if statut is S.RECUE and accusee_le is None:
        return Echeance(True, echeance_accuse(recue_le, pause))
    if recevable_le is not None and statut not in STATUTS_SANS_AVIS_DU:
        return Echeance(False, echeance or echeance_avis(recevable_le, pause))
    return None


@dataclass(frozen=True)
class LigneSaisine:
    id: int
    numero: str
    annee: int
    rang: int
    recue_le: dt.date
    canal: str
    type_demandeur: str
    statut: StatutSaisine
    themes: str
    rapporteurs: str
    echeance: Echeance | None
    jours_de_retard: int
    escaladee_hcts_le: dt.date | None


def _themes(session: Session) -> dict[int, list[ThemeEthique]]:
    themes: dict[int, list[ThemeEthique]] = defaultdict(list)
    for saisine_id, theme in session.execute(select(SaisineTheme.saisine_id, SaisineTheme.theme)):
        themes[saisine_id].append(theme)
    return themes


def _rapporteurs(session: Session) -> dict[int, list[str]]:
    noms: dict[int, list[str]] = defaultdict(list)
    lignes = session.execute(
        select(SaisineRapporteur.saisine_id, Personne.prenom, Personne.nom)
        .join(Personne, Personne.id == SaisineRapporteur.personne_id)
        .order_by(SaisineRapporteur.id)
    )
    for saisine_id, prenom, nom in lignes:
        noms[saisine_id].append(f"{prenom} {nom}")
    return noms


def texte_themes(themes: list[ThemeEthique]) -> str:
    return ", ".join(t.libelle for t in sorted(themes, key=list(ThemeEthique).index))


def lire_saisines(session: Session, aujourdhui: dt.date) -> list[LigneSaisine]:
    """The register, most recent first."""
    pause = pause_du_comite(session)
    themes, rapporteurs = _themes(session), _rapporteurs(session)
    lignes = []
    for s in session.scalars(select(Saisine).order_by(Saisine.annee.desc(), Saisine.rang.desc())):
        ech = echeance_courante(s.statut, s.recue_le, s.accusee_le, s.recevable_le, s.echeance, pause)
        lignes.append(
            LigneSaisine(
                id=s.id,
                numero=s.numero,
                annee=s.annee,
                rang=s.rang,
                recue_le=s.recue_le,
                canal=s.canal.libelle,
                type_demandeur=s.type_demandeur.libelle,
                statut=s.statut,
                themes=texte_themes(themes[s.id]),
                rapporteurs=", ".join(rapporteurs[s.id]),
                echeance=ech,
                jours_de_retard=ech.retard(aujourdhui) if ech else 0,
                escaladee_hcts_le=s.escaladee_hcts_le,
            )
        )
    return lignes


@dataclass(frozen=True)
class SaisineEnRetard:
    saisine_id: int
    numero: str
    accuse: bool
    """True: the acknowledgement of receipt is late; False: the opinion is."""
    echeance: dt.date
    jours_de_retard: int


def saisines_en_retard(session: Session, aujourdhui: dt.date) -> tuple[SaisineEnRetard, ...]:
    """Referrals past their running clock (the due day itself is still in time), earliest due first."""
    retards = [
        SaisineEnRetard(ligne.id, ligne.numero, ligne.echeance.accuse, ligne.echeance.le, ligne.jours_de_retard)
        for ligne in lire_saisines(session, aujourdhui)
        if ligne.echeance is not None and ligne.jours_de_retard > 0
    ]
    return tuple(sorted(retards, key=lambda r: (r.echeance, r.numero, r.accuse)))


@dataclass(frozen=True)
class EtapeLue:
    le: dt.date
    horodatage: dt.datetime
    de: StatutSaisine | None
    vers: StatutSaisine
    par: str
    motif: str


@dataclass(frozen=True)
class EnvoiLu:
    id: int
    le: dt.date
    objet: str
    document: str
    par: str
    reponse: str


@dataclass(frozen=True)
class PassageEnSeance:
    seance_id: int
    reference: str
    date: dt.date
    statut: StatutSeance
    point: str


@dataclass(frozen=True)
class AvisLie:
    recommandation_id: int
    numero: str
    titre: str
    statut: str


@dataclass(frozen=True)
class DetailSaisine:
    fiche: FicheSaisine
    numero: str
    statut: StatutSaisine
    enregistree_par: str
    accusee_le: dt.date | None
    recevable_le: dt.date | None
    transmise_le: dt.date | None
    motif_decision: str
    anonymisation_validee_par: str
    anonymisation_validee_le: dt.date | None
    echeance_accuse: dt.date
    echeance: Echeance | None
    pause: PauseEstivale | None
    transitions: tuple[StatutSaisine, ...]
    historique: tuple[EtapeLue, ...]
    envois: tuple[EnvoiLu, ...]
    refus_escalade: str | None
    seances: tuple[PassageEnSeance, ...]
    avis: tuple[AvisLie, ...]

    @property
    def texte_modifiable(self) -> bool:
        return self.statut in STATUTS_TEXTE_MODIFIABLE


def lire_detail(session: Session, saisine_id: int) -> DetailSaisine:
    s = saisine(session, saisine_id)
    pause = pause_du_comite(session)
    envois = session.execute(
        select(EchangeHcts).where(EchangeHcts.saisine_id == s.id).order_by(EchangeHcts.date, EchangeHcts.id)
    ).scalars()
    passages = session.execute(
        select(Seance.id, Seance.reference, Seance.date, Seance.statut, PointOrdreDuJour.titre)
        .join(PointOrdreDuJour, PointOrdreDuJour.seance_id == Seance.id)
        .where(PointOrdreDuJour.saisine_id == s.id)
        .order_by(Seance.date, Seance.reference)
    )
    avis = session.execute(
        select(Recommandation.id, Recommandation.numero, Recommandation.titre, Recommandation.statut)
        .join(RecommandationSaisine, RecommandationSaisine.recommandation_id == Recommandation.id)
        .where(RecommandationSaisine.saisine_id == s.id)
        .order_by(Recommandation.annee, Recommandation.rang)
    )
    return DetailSaisine(
        fiche=fiche_saisine(session, s.id),
        numero=s.numero,
        statut=s.statut,
        enregistree_par=s.enregistree_par,
        accusee_le=s.accusee_le,
        recevable_le=s.recevable_le,
        transmise_le=s.transmise_le,
        motif_decision=s.motif_decision,
        anonymisation_validee_par=s.anonymisation_validee_par,
        anonymisation_validee_le=s.anonymisation_validee_le,
        echeance_accuse=echeance_accuse(s.recue_le, pause),
        echeance=echeance_courante(s.statut, s.recue_le, s.accusee_le, s.recevable_le, s.echeance, pause),
        pause=pause,
        transitions=transitions_possibles(s.statut),
        historique=tuple(EtapeLue(t.le, t.horodatage, t.de, t.vers, t.par, t.motif) for t in s.transitions),
        envois=tuple(EnvoiLu(e.id, e.date, e.objet, e.document, e.par, e.suite_donnee) for e in envois),
        refus_escalade=motif_refus_escalade(session, s.id),
        seances=tuple(PassageEnSeance(*ligne) for ligne in passages),
        avis=tuple(AvisLie(i, numero, titre, statut.libelle) for i, numero, titre, statut in avis),
    )


def seances_a_venir(session: Session, aujourdhui: dt.date) -> list[tuple[int, str]]:
    """Meetings whose agenda can still receive a referral, ethics instance first, soonest first."""
    lignes = session.execute(
        select(Seance.id, Seance.reference, Seance.date, Instance.nom, Instance.type)
        .join(Instance, Instance.id == Seance.instance_id)
        .where(Seance.statut.in_([StatutSeance.PLANIFIEE, StatutSeance.CONVOQUEE]), Seance.date >= aujourdhui)
        .order_by(Seance.date, Seance.reference)
    )
    tri = sorted(lignes, key=lambda t: (t[4] is not TypeInstance.ETHIQUE, t[2], t[1]))
    return [(i, f"{ref} — {nom}, {date_longue(d)}") for i, ref, d, nom, _ in tri]
