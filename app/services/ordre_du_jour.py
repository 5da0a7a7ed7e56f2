"""A meeting's agenda and, after the meeting, what each item gave: summary, decision, vote, recusals.

Every change returns what is needed to take it back (the item as it was), so the window can undo it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.modeles import Deport, Personne, PointOrdreDuJour, Recommandation, Saisine, Seance
from app.modeles.enumerations import NaturePoint
from app.services.enfants import synchroniser
from app.services.validation import ErreurValidation, texte_obligatoire


@dataclass(frozen=True)
class FichePoint:
    """An agenda item and its outcome. `rang` starts at 1; `deports` are person ids."""

    id: int
    seance_id: int
    titre: str
    nature: NaturePoint = NaturePoint.INFORMATION
    rang: int = 0  # 0: at the end
    rapporteur_id: int | None = None
    duree_minutes: int | None = None
    saisine_id: int | None = None
    recommandation_id: int | None = None
    resume: str = ""
    decision: str = ""
    vote_pour: int | None = None
    vote_contre: int | None = None
    vote_abstention: int | None = None
    opinions_divergentes: str = ""
    deports: tuple[int, ...] = field(default=())


def _point(session: Session, point_id: int) -> PointOrdreDuJour:
    point = session.get(PointOrdreDuJour, point_id)
    if point is None:
        raise ErreurConnue("Ce point de l'ordre du jour n'existe plus : il a peut-être été supprimé entre-temps.")
    return point


def _seance(session: Session, seance_id: int) -> Seance:
    seance = session.get(Seance, seance_id)
    if seance is None:
        raise ErreurConnue("Cette séance n'existe plus : elle a peut-être été supprimée entre-temps.")
    return seance


def fiche_point(session: Session, point_id: int) -> FichePoint:
    p = _point(session, point_id)
    return FichePoint(
        id=p.id,
        seance_id=p.seance_id,
        titre=p.titre,
        nature=p.nature,
        rang=p.rang,
        rapporteur_id=p.rapporteur_id,
        duree_minutes=p.duree_minutes,
        saisine_id=p.saisine_id,
        recommandation_id=p.recommandation_id,
        resume=p.resume,
        decision=p.decision,
        vote_pour=p.vote_pour,
        vote_contre=p.vote_contre,
        vote_abstention=p.vote_abstention,
        opinions_divergentes=p.opinions_divergentes,
        deports=tuple(d.personne_id for d in p.deports),
    )


def points_de(session: Session, seance_id: int) -> list[FichePoint]:
    ids = session.scalars(
        select(PointOrdreDuJour.id).where(PointOrdreDuJour.seance_id == seance_id).order_by(PointOrdreDuJour.rang)
    )
    return [fiche_point(session, i) for i in ids]


def _valider(session: Session, fiche: FichePoint) -> FichePoint:
    titre = texte_obligatoire("titre", "L'intitulé du point", fiche.titre)
    if fiche.duree_minutes is not None and not 0 <= fiche.duree_minutes <= 24 * 60:
        raise ErreurValidation("duree_minutes", "La durée d'un point se compte en minutes, entre 0 et 1 440.")
    if fiche.saisine_id is not None and fiche.recommandation_id is not None:
        raise ErreurValidation("saisine_id", "Un point porte sur une saisine ou sur une recommandation, pas les deux.")
    if fiche.saisine_id is not None:
        saisine = session.get(Saisine, fiche.saisine_id)
        if saisine is None:
            raise ErreurValidation("saisine_id", "Cette saisine n'existe plus.")
        deja = session.get(PointOrdreDuJour, fiche.id) if fiche.id else None
        if not saisine.anonymisation_validee_par and (deja is None or deja.saisine_id != saisine.id):
            # No referral reaches the members before a second person validated its anonymisation.
            raise ErreurValidation(
                "saisine_id",
                f"L'anonymisation de {saisine.numero} n'est pas encore validée : elle ne peut pas être inscrite "
                "à un ordre du jour.",
            )
    if fiche.recommandation_id is not None and session.get(Recommandation, fiche.recommandation_id) is None:
        raise ErreurValidation("recommandation_id", "Cette recommandation n'existe plus.")
    if fiche.rapporteur_id is not None and session.get(Personne, fiche.rapporteur_id) is None:
        raise ErreurValidation("rapporteur_id", "Le rapporteur n'est plus dans l'annuaire.")
    votes = (fiche.vote_pour, fiche.vote_contre, fiche.vote_abstention)
    if any(v is not None and v < 0 for v in votes):
        raise ErreurValidation("vote_pour", "Un nombre de voix ne peut pas être négatif.")
    if any(v is not None for v in votes) and any(v is None for v in votes):
        raise ErreurValidation("vote_pour", "Indiquez les trois nombres du vote : pour, contre et abstention.")
    if len(set(fiche.deports)) != len(fiche.deports):
        raise ErreurValidation("deports", "Une même personne figure deux fois parmi ceux qui se déportent.")
    for personne_id in fiche.deports:
        if session.get(Personne, personne_id) is None:
            raise ErreurValidation("deports", "Une personne qui se déporte n'est plus dans l'annuaire.")
    return replace(fiche, titre=titre)


def _appliquer(session: Session, point: PointOrdreDuJour, fiche: FichePoint) -> None:
    point.titre = fiche.titre
    point.nature = fiche.nature
    point.rapporteur_id = fiche.rapporteur_id
    point.duree_minutes = fiche.duree_minutes
    point.saisine_id = fiche.saisine_id
    point.recommandation_id = fiche.recommandation_id
    point.resume = fiche.resume.strip()
    point.decision = fiche.decision.strip()
    point.vote_pour, point.vote_contre, point.vote_abstention = (
        fiche.vote_pour,
        fiche.vote_contre,
        fiche.vote_abstention,
    )
    point.opinions_divergentes = fiche.opinions_divergentes.strip()
    synchroniser(point.deports, fiche.deports, lambda d: d.personne_id, lambda p: Deport(personne_id=p))


def _renumeroter(session: Session, seance_id: int, ordre: Sequence[int]) -> None:
    points = {p.id: p for p in session.scalars(select(PointOrdreDuJour).where(PointOrdreDuJour.seance_id == seance_id))}
    if sorted(ordre) != sorted(points):
        raise ErreurConnue("L'ordre du jour a changé entre-temps : rouvrez la séance.")
    for rang, point_id in enumerate(ordre, start=1):
        points[point_id].rang = rang
    session.flush()


def ordre_des_points(session: Session, seance_id: int) -> tuple[int, ...]:
    return tuple(
        session.scalars(
            select(PointOrdreDuJour.id)
            .where(PointOrdreDuJour.seance_id == seance_id)
            .order_by(PointOrdreDuJour.rang, PointOrdreDuJour.id)
        )
    )


def ajouter_point(session: Session, fiche: FichePoint) -> FichePoint:
    """Add an item at `fiche.rang` (0 or past the end: last). Returns it as saved."""
    seance = _seance(session, fiche.seance_id)
    fiche = _valider(session, fiche)
    ordre = list(ordre_des_points(session, seance.id))
    point = PointOrdreDuJour(seance_id=seance.id, rang=len(ordre) + 1, titre=fiche.titre)
    if fiche.id:
        point.id = fiche.id  # put back under its own id (redo, or undo of a deletion)
    session.add(point)
    _appliquer(session, point, fiche)
    session.flush()
    position = len(ordre) if fiche.rang <= 0 or fiche.rang > len(ordre) else fiche.rang - 1
    ordre.insert(position, point.id)
    _renumeroter(session, seance.id, ordre)
    return fiche_point(session, point.id)


def modifier_point(session: Session, fiche: FichePoint) -> FichePoint:
    """Apply `fiche` (its rank is ignored: see `deplacer_point`); returns the item as it was."""
    avant = fiche_point(session, fiche.id)
    point = _point(session, fiche.id)
    _appliquer(session, point, _valider(session, fiche))
    session.flush()
    return avant


def supprimer_point(session: Session, point_id: int) -> FichePoint:
    """Remove an item; the others close ranks. Returns it (with its rank) for undo."""
    avant = fiche_point(session, point_id)
    point = _point(session, point_id)
    seance_id = point.seance_id
    session.delete(point)
    session.flush()
    _renumeroter(session, seance_id, ordre_des_points(session, seance_id))
    return avant


def ordonner_points(session: Session, seance_id: int, ordre: Sequence[int]) -> tuple[int, ...]:
    """Set the agenda's order (item ids, first to last); returns the order before."""
    avant = ordre_des_points(session, seance_id)
    _renumeroter(session, seance_id, ordre)
    return avant


def deplacer_point(session: Session, point_id: int, decalage: int) -> tuple[int, ...]:
    """Move an item up (negative) or down (positive) by `decalage` places; returns the order before."""
    point = _point(session, point_id)
    ordre = list(ordre_des_points(session, point.seance_id))
    depart = ordre.index(point_id)
    arrivee = max(0, min(len(ordre) - 1, depart + decalage))
    ordre.insert(arrivee, ordre.pop(depart))
    return ordonner_points(session, point.seance_id, ordre)


def duree_totale(points: Sequence[FichePoint]) -> int:
    return sum(p.duree_minutes or 0 for p in points)


def heure_de_fin_prevue(debut: dt.time | None, points: Sequence[FichePoint]) -> dt.time | None:
    if debut is None:
        return None
    fin = dt.datetime.combine(dt.date(2000, 1, 1), debut) + dt.timedelta(minutes=duree_totale(points))
    return fin.time() if fin.date() == dt.date(2000, 1, 1) else None
