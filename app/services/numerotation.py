"""Numbers `SAI-AAAA-NNN` and `REC-AAAA-NNN`: sequential per year, never given twice, even after a deletion."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.modeles import Numerotation, Recommandation, Saisine

SERIES: dict[str, type[Saisine] | type[Recommandation]] = {"SAI": Saisine, "REC": Recommandation}


def formater(serie: str, annee: int, rang: int) -> str:
    return f"{serie}-{annee}-{rang:03d}"


def prochain_rang(session: Session, serie: str, annee: int) -> int:
    """Take the next rank of the series for that year and record it as given.

    The counter is the memory of numbers already given; the table's own maximum guards a base whose rows were
    written without it (an older import, the demo), so a number is never reused either way.
    """
    modele = SERIES[serie]
    compteur = session.get(Numerotation, (serie, annee))
    existant = session.scalar(select(func.max(modele.rang)).where(modele.annee == annee)) or 0
    rang = max(existant, compteur.dernier if compteur else 0) + 1
    if compteur is None:
        session.add(Numerotation(serie=serie, annee=annee, dernier=rang))
    else:
        compteur.dernier = rang
    session.flush()
    return rang
