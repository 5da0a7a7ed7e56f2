"""Small reads the Saisines page needs beside `app.services.saisines_lecture`; nothing here writes."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.modeles import Numerotation, Saisine
from app.services.numerotation import formater
from app.services.saisines import SERIE


def numero_propose(session: Session, annee: int) -> str:
    """The number the next referral received in `annee` will take (shown before it is registered).

    The same arithmetic as `numerotation.prochain_rang`, without taking the number: only a registration does.
    """
    compteur = session.get(Numerotation, (SERIE, annee))
    existant = session.scalar(select(func.max(Saisine.rang)).where(Saisine.annee == annee)) or 0
    return formater(SERIE, annee, max(existant, compteur.dernier if compteur else 0) + 1)
