"""Follow-up actions decided at a meeting, carried to the next meetings of the instance until settled."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.horloge import aujourdhui
from app.modeles import Action, Personne, PointOrdreDuJour, Seance
from app.modeles.enumerations import StatutAction
from app.services.validation import ErreurValidation, texte_obligatoire

STATUTS_SOLDES = frozenset({StatutAction.FAITE, StatutAction.ABANDONNEE})


@dataclass(frozen=True)
class FicheAction:
    id: int
    seance_origine_id: int
    texte: str
    responsable_id: int | None = None
    echeance: dt.date | None = None
    statut: StatutAction = StatutAction.A_FAIRE
    point_origine_id: int | None = None
    soldee_le: dt.date | None = None


@dataclass(frozen=True)
class ActionLue:
    """An action as seen from one meeting: decided there, or carried from an earlier one."""

    fiche: FicheAction
    responsable: str
    origine: str  # reference of the meeting that decided it
    reportee: bool


def _action(session: Session, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise ErreurConnue("Cette action n'existe plus : elle a peut-être été supprimée entre-temps.")
    return action


def fiche_action(session: Session, action_id: int) -> FicheAction:
    a = _action(session, action_id)
    assert a.seance_origine_id is not None
    return FicheAction(
        a.id, a.seance_origine_id, a.texte, a.responsable_id, a.echeance, a.statut, a.point_origine_id, a.soldee_le
    )


def _valider(session: Session, fiche: FicheAction) -> str:
    texte = texte_obligatoire("texte", "Le libellé de l'action", fiche.texte)
    if session.get(Seance, fiche.seance_origine_id) is None:
        raise ErreurConnue("La séance de cette action n'existe plus.")
    if fiche.responsable_id is not None and session.get(Personne, fiche.responsable_id) is None:
        raise ErreurValidation("responsable_id", "Le responsable n'est plus dans l'annuaire.")
    if fiche.point_origine_id is not None:
        point = session.get(PointOrdreDuJour, fiche.point_origine_id)
        if point is None or point.seance_id != fiche.seance_origine_id:
            raise ErreurValidation("point_origine_id", "Ce point n'est pas à l'ordre du jour de la séance.")
    return texte


def _appliquer(action: Action, fiche: FicheAction, texte: str) -> None:
    avant = action.statut if action.id is not None else None
    action.texte = texte
    action.responsable_id = fiche.responsable_id
    action.echeance = fiche.echeance
    action.statut = fiche.statut
    action.point_origine_id = fiche.point_origine_id
    action.seance_origine_id = fiche.seance_origine_id
    if fiche.statut in STATUTS_SOLDES:
        # Settled today unless it already was (or the fiche says when, on undo).
        action.soldee_le = fiche.soldee_le or (action.soldee_le if avant in STATUTS_SOLDES else None) or aujourdhui()
    else:
        action.soldee_le = None


def ajouter_action(session: Session, fiche: FicheAction) -> FicheAction:
    texte = _valider(session, fiche)
    action = Action(texte=texte)
    if fiche.id:
        action.id = fiche.id
    _appliquer(action, fiche, texte)
    session.add(action)
    session.flush()
    return fiche_action(session, action.id)


def modifier_action(session: Session, fiche: FicheAction) -> FicheAction:
    """Apply `fiche`; returns the action as it was (for undo)."""
    avant = fiche_action(session, fiche.id)
    _appliquer(_action(session, fiche.id), fiche, _valider(session, fiche))
    session.flush()
    return avant


def restaurer_action(session: Session, fiche: FicheAction) -> FicheAction:
    action = _action(session, fiche.id)
    _appliquer(action, fiche, fiche.texte)
    action.soldee_le = fiche.soldee_le
    session.flush()
    return fiche


def supprimer_action(session: Session, action_id: int) -> FicheAction:
    avant = fiche_action(session, action_id)
    session.delete(_action(session, action_id))
    session.flush()
    return avant


def actions_de_seance(session: Session, seance_id: int) -> list[ActionLue]:
    """The actions decided at this meeting, then those of earlier meetings of its instance still open on its
    date (or settled that very day): the follow-up a secretary reviews at the start of a meeting."""
    seance = session.get(Seance, seance_id)
    if seance is None:
        raise ErreurConnue("Séance introuvable.")
    requete = (
        select(Action, Seance)
        .join(Seance, Action.seance_origine_id == Seance.id)
        .where(
            or_(
                Action.seance_origine_id == seance_id,
                (Seance.instance_id == seance.instance_id)
                & ((Seance.date < seance.date) | ((Seance.date == seance.date) & (Seance.id < seance.id)))
                & (or_(Action.soldee_le.is_(None), Action.soldee_le >= seance.date)),
            )
        )
        .order_by(Seance.id != seance_id, Seance.date, Action.id)
    )
    lues = []
    for action, origine in session.execute(requete):
        responsable = session.get(Personne, action.responsable_id) if action.responsable_id else None
        lues.append(
            ActionLue(
                fiche_action(session, action.id),
                responsable.nom_complet if responsable else "",
                origine.reference,
                origine.id != seance_id,
            )
        )
    return lues
