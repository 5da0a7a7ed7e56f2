"""French typography for what people read: long dates, times, durations, percentages, numbers."""

from __future__ import annotations

import datetime as dt

ESPACE_FINE = "\u202f"  # narrow no-break space: before % and ; : ! ? and between thousands
ESPACE_INSECABLE = "\u00a0"  # inside « », and inside « 14 h 30 » so that a time never breaks over two lines
JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
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


def date_avec_jour(jour: dt.date) -> str:
    """« jeudi 5 mars 2026 »."""
    return f"{JOURS[jour.weekday()]} {date_longue(jour)}"


def heure_fr(heure: dt.time) -> str:
    """« 14 h 30 », « 9 h », « 9 h 05 » (with no-break spaces)."""
    if heure.minute == 0:
        return f"{heure.hour}{ESPACE_INSECABLE}h"
    return f"{heure.hour}{ESPACE_INSECABLE}h{ESPACE_INSECABLE}{heure.minute:02d}"


def duree_fr(minutes: int) -> str:
    """« 20 min », « 1 h », « 1 h 15 »."""
    heures, reste = divmod(max(minutes, 0), 60)
    if heures == 0:
        return f"{reste}{ESPACE_INSECABLE}min"
    if reste == 0:
        return f"{heures}{ESPACE_INSECABLE}h"
    return f"{heures}{ESPACE_INSECABLE}h{ESPACE_INSECABLE}{reste:02d}"


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
