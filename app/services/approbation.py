"""Approving a meeting's minutes at a later meeting: until then they are a draft (« PROJET »)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.modeles import Seance


@dataclass(frozen=True)
class Approbation:
    seance_id: int
    approuve_le: dt.date | None
    approuve_en_id: int | None


def _seance(session: Session, seance_id: int) -> Seance:
    seance = session.get(Seance, seance_id)
    if seance is None:
        raise ErreurConnue("Cette séance n'existe plus : elle a peut-être été supprimée entre-temps.")
    return seance


def seances_approbatrices(session: Session, seance_id: int) -> list[tuple[int, str]]:
    """The held meetings of the same instance, after this one, where its minutes may be approved."""
    seance = _seance(session, seance_id)
    candidates = session.scalars(
        select(Seance)
        .where(Seance.instance_id == seance.instance_id, Seance.date > seance.date)
        .order_by(Seance.date, Seance.reference)
    )
    return [(s.id, s.reference) for s in candidates if s.tenue]


def approuver_pv(session: Session, seance_id: int, en_seance_id: int) -> Approbation:
    """Record that `en_seance_id` approved the minutes of `seance_id`; returns the approval before (undo)."""
    seance = _seance(session, seance_id)
    avant = Approbation(seance.id, seance.pv_approuve_le, seance.pv_approuve_en_id)
    if not seance.tenue:
        raise ErreurConnue(f"La séance {seance.reference} n'est pas tenue : elle n'a pas encore de procès-verbal.")
    approbatrice = _seance(session, en_seance_id)
    if (approbatrice.id, approbatrice.reference) not in seances_approbatrices(session, seance_id):
        raise ErreurConnue(
            f"Le procès-verbal de {seance.reference} s'approuve à une séance tenue ultérieure de la même instance ; "
            f"{approbatrice.reference} n'en est pas une."
        )
    seance.pv_approuve_le = approbatrice.date
    seance.pv_approuve_en_id = approbatrice.id
    session.flush()
    return avant


def restaurer_approbation(session: Session, approbation: Approbation) -> Approbation:
    seance = _seance(session, approbation.seance_id)
    apres = Approbation(seance.id, seance.pv_approuve_le, seance.pv_approuve_en_id)
    seance.pv_approuve_le = approbation.approuve_le
    seance.pv_approuve_en_id = approbation.approuve_en_id
    session.flush()
    return apres
