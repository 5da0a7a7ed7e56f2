"""French typography for what people read: long dates, percentages, numbers."""

from __future__ import annotations

import datetime as dt

ESPACE_FINE = "\u202f"  # narrow no-break space: before % and ; : ! ? and between thousands
MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def date_longue(jour: dt.date) -> str:
    """« 5 mars 2026 », « 1er avril 2026 »."""
    numero = "1er" if jour.day == 1 else str(jour.day)
    return f"{numero} {MOIS[jour.month - 1]} {jour.year}"


def nombre(valeur: int | float, decimales: int = 0) -> str:
    texte = f"{valeur:,.{decimales}f}"
    return texte.replace(",", ESPACE_FINE).replace(".", ",")


def pourcentage(taux: float | None, decimales: int = 1) -> str:
    """A rate (fraction between 0 and 1) for display; « — » when there is nothing to divide by."""
    if taux is None:
        return "—"
    return f"{nombre(taux * 100, decimales)}{ESPACE_FINE}%"


def oui_non(valeur: bool) -> str:
    return "oui" if valeur else "non"
