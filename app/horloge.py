"""The one place that says what day it is (CONCEPTION §3: COMITE_LOCAL_AUJOURDHUI fixes it)."""

from __future__ import annotations

import datetime as dt
import os

VARIABLE = "COMITE_LOCAL_AUJOURDHUI"


class DateSystemeInvalide(ValueError):
    """The environment variable holds something that is not a date AAAA-MM-JJ."""


def aujourdhui() -> dt.date:
    valeur = os.environ.get(VARIABLE, "").strip()
    if not valeur:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(valeur)
    except ValueError:
        raise DateSystemeInvalide(
            f"La variable {VARIABLE} vaut « {valeur} », ce n'est pas une date AAAA-MM-JJ."
        ) from None


def maintenant() -> dt.datetime:
    """Now, on the day `aujourdhui()` says (the time of day stays the real one)."""
    reel = dt.datetime.now()
    return dt.datetime.combine(aujourdhui(), reel.time())
