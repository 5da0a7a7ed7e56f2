"""What the Recommandations page reads: the register, one text's detail (its publication gate made visible), the
referrals it may be linked to, and the anonymisation check of the text to publish.

Read only. Never the requester's identity: a referral is known here by its number, its anonymised question (once a
second person validated it) and whether its requester's consent to publication is recorded.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.format_fr import date_longue
from app.modeles import Numerotation, Recommandation, RecommandationSaisine, RecommandationTheme, Saisine, Seance
from app.modeles.enumerations import NatureRecommandation, StatutRecommandation, ThemeEthique
from app.services.numerotation import formater
from app.services.recommandations import (
    SERIE,
    STATUTS_MODIFIABLES,
    FicheRecommandation,
    fiche_recommandation,
    motif_refus_publication,
    recommandation,
    transitions_possibles,
)
from app.services.saisines_workflow import consentement_requis


@dataclass(frozen=True)
class LigneRecommandation:
    id: int
    numero: str
    annee: int
    rang: int
    nature: NatureRecommandation
    titre: str
    statut: StatutRecommandation
    saisines: tuple[str, ...]  # numbers, in the order they were linked
    themes: tuple[ThemeEthique, ...]
    adoptee_le: dt.date | None
    seance_adoption: str  # the meeting's reference, "" before adoption
    publiee_le: dt.date | None
    publication_autorisee: bool
    motif_retrait: str


def lire_recommandations(session: Session) -> tuple[LigneRecommandation, ...]:
    """The register, most recent first."""
    saisines: dict[int, list[str]] = defaultdict(list)
    for recommandation_id, numero in session.execute(
        select(RecommandationSaisine.recommandation_id, Saisine.numero)
        .join(Saisine, Saisine.id == RecommandationSaisine.saisine_id)
        .order_by(RecommandationSaisine.id)
    ):
        saisines[recommandation_id].append(numero)
    themes: dict[int, list[ThemeEthique]] = defaultdict(list)
    for recommandation_id, theme in session.execute(
        select(RecommandationTheme.recommandation_id, RecommandationTheme.theme)
    ):
        themes[recommandation_id].append(theme)
    references = dict(session.execute(select(Seance.id, Seance.reference)).all())
    ordre = list(ThemeEthique)
    return tuple(
        LigneRecommandation(
            id=r.id,
            numero=r.numero,
            annee=r.annee,
            rang=r.rang,
            nature=r.nature,
            titre=r.titre,
            statut=r.statut,
            saisines=tuple(saisines[r.id]),
            themes=tuple(sorted(themes[r.id], key=ordre.index)),
            adoptee_le=r.adoptee_le,
            seance_adoption=references.get(r.seance_adoption_id, "") if r.seance_adoption_id else "",
            publiee_le=r.publiee_le,
            publication_autorisee=r.publication_autorisee,
            motif_retrait=r.motif_retrait,
        )
        for r in session.scalars(
            select(Recommandation).order_by(Recommandation.annee.desc(), Recommandation.rang.desc())
        )
    )


def prochain_numero(session: Session, annee: int) -> str:
    """The number the next text of `annee` will take (`numerotation.prochain_rang`, without taking it): a number
    once given is never given again, even after its text was deleted."""
    compteur = session.get(Numerotation, (SERIE, annee))
    existant = session.scalar(select(func.max(Recommandation.rang)).where(Recommandation.annee == annee)) or 0
    return formater(SERIE, annee, max(existant, compteur.dernier if compteur is not None else 0) + 1)


@dataclass(frozen=True)
class SaisineLiable:
    """A referral a text may be linked to: its anonymisation is validated, so its question may be read."""

    id: int
    numero: str
    question: str


def saisines_liables(session: Session) -> tuple[SaisineLiable, ...]:
    """The referrals whose anonymisation a second person validated, by number."""
    return tuple(
        SaisineLiable(i, numero, question)
        for i, numero, question in session.execute(
            select(Saisine.id, Saisine.numero, Saisine.question)
            .where(Saisine.anonymisation_validee_par != "")
            .order_by(Saisine.annee, Saisine.rang)
        )
    )


@dataclass(frozen=True)
class ConsentementLu:
    """A linked referral and its requester's consent to publication (none is asked for an autosaisine)."""

    numero: str
    requis: bool
    donne: bool
    le: dt.date | None

    @property
    def texte(self) -> str:
        if not self.requis:
            return "Non requis (autosaisine)"
        if not self.donne:
            return "Non"
        return f"Oui, le {date_longue(self.le)}" if self.le is not None else "Oui"


@dataclass(frozen=True)
class DetailRecommandation:
    fiche: FicheRecommandation
    numero: str
    annee: int
    statut: StatutRecommandation
    transitions: tuple[StatutRecommandation, ...]
    adoptee_le: dt.date | None
    seance_adoption: str  # « ETH-2026-02 — Instance éthique », "" before adoption
    publiee_le: dt.date | None
    publication_autorisee: bool
    motif_refus_publication: str | None
    anonymisation_validee_par: str
    anonymisation_validee_le: dt.date | None
    consentements: tuple[ConsentementLu, ...]
    derniere_version: int
    auteur_derniere_version: str
    enregistree_le: dt.datetime | None  # when the last version was saved
    motif_retrait: str

    @property
    def modifiable(self) -> bool:
        return self.statut in STATUTS_MODIFIABLES


def lire_detail(session: Session, recommandation_id: int) -> DetailRecommandation:
    r = recommandation(session, recommandation_id)
    consentements = []
    for lien in sorted(r.saisines, key=lambda lien: lien.id):
        s = session.get(Saisine, lien.saisine_id)
        if s is not None:
            requis = consentement_requis(s.type_demandeur)
            consentements.append(ConsentementLu(s.numero, requis, s.consentement_publication, s.consentement_le))
    seance = session.get(Seance, r.seance_adoption_id) if r.seance_adoption_id is not None else None
    derniere = r.versions[-1] if r.versions else None
    return DetailRecommandation(
        fiche=fiche_recommandation(session, recommandation_id),
        numero=r.numero,
        annee=r.annee,
        statut=r.statut,
        transitions=transitions_possibles(r.statut),
        adoptee_le=r.adoptee_le,
        seance_adoption=f"{seance.reference} — {seance.instance.nom}" if seance is not None else "",
        publiee_le=r.publiee_le,
        publication_autorisee=r.publication_autorisee,
        motif_refus_publication=motif_refus_publication(session, recommandation_id),
        anonymisation_validee_par=r.anonymisation_validee_par,
        anonymisation_validee_le=r.anonymisation_validee_le,
        consentements=tuple(consentements),
        derniere_version=derniere.version if derniere is not None else 0,
        auteur_derniere_version=derniere.auteur if derniere is not None else "",
        enregistree_le=derniere.horodatage if derniere is not None else None,
        motif_retrait=r.motif_retrait,
    )


# The anonymisation check of the text to publish, as `recommandations.valider_anonymisation` runs it.

CONTEXTE = 30  # characters shown on each side of a finding


@dataclass(frozen=True)
class ConstatLu:
    type: str  # the French label of the kind of data found
    extrait: str
    avant: str  # the text around it, to judge it in place
    apres: str


def constats_anonymat(session: Session, recommandation_id: int) -> tuple[ConstatLu, ...]:
    """What the detector finds in the title and text (it loads a language model: only when asked)."""
    from app.services import anonymat

    r = recommandation(session, recommandation_id)
    texte = f"{r.titre}\n\n{r.texte}"
    constats = anonymat.detecter(texte, anonymat.noms_de_l_annuaire(session))
    return tuple(
        ConstatLu(
            anonymat.TYPES.get(c.type, c.type),
            c.extrait,
            _aplatir(texte[max(0, c.debut - CONTEXTE) : c.debut]),
            _aplatir(texte[c.fin : c.fin + CONTEXTE]),
        )
        for c in sorted(constats, key=lambda c: c.debut)
    )


def _aplatir(morceau: str) -> str:
    """Line breaks and runs of spaces as one space, keeping a space at either end (the finding's neighbour)."""
    coeur = " ".join(morceau.split())
    if not coeur:
        return " " if morceau else ""
    return (" " if morceau[0].isspace() else "") + coeur + (" " if morceau[-1].isspace() else "")
