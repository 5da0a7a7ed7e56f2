"""Retention rules applied when the window opens a base: what has outlived its purpose is erased, and said.

For now: the identities of referrals' requesters, erased `demandeurs.CONSERVATION_MOIS` months after the
opinion was sent (or the referral closed without one).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.horloge import aujourdhui
from app.services import demandeurs


def appliquer_a_l_ouverture(session: Session) -> list[str]:
    """Apply the rules; returns one French sentence per kind of data erased (empty: nothing was)."""
    purges = demandeurs.purger_demandeurs(session, aujourdhui())
    if not purges:
        return []
    pluriel = "s" if len(purges) > 1 else ""
    return [
        f"Identité du demandeur effacée pour {len(purges)} saisine{pluriel} ({', '.join(purges)}) : "
        f"leur délai de conservation ({demandeurs.CONSERVATION_MOIS} mois après l'avis ou la clôture) est échu."
    ]
