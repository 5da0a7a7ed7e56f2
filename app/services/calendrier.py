"""Calendar arithmetic shared by the rules (mobilisation windows, deadlines)."""

from __future__ import annotations

import calendar
import datetime as dt


def ajouter_mois(jour: dt.date, mois: int) -> dt.date:
    """Same day of the month `mois` months later, clamped to that month's last day (31 Aug + 3 → 30 Nov)."""
    index = jour.year * 12 + (jour.month - 1) + mois
    annee, mois_0 = divmod(index, 12)
    dernier = calendar.monthrange(annee, mois_0 + 1)[1]
    return dt.date(annee, mois_0 + 1, min(jour.day, dernier))


def dans_periode(jour: dt.date, du: dt.date | None, au: dt.date | None) -> bool:
    """Inclusive at both ends; a missing bound is no bound."""
    return (du is None or du <= jour) and (au is None or jour <= au)
