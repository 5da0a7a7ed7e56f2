"""Reading one cell of an import workbook: text, date, time, fraction, yes/no, count, enumeration.

Each reader returns None for an empty cell and raises `ValeurInvalide` with a French reason otherwise.
A cell holds what openpyxl gives: str, int, float, bool, datetime, date, time or None.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from fractions import Fraction
from typing import TypeVar

from app.services.normalisation import enum_depuis_texte, normaliser

E = TypeVar("E", bound=enum.Enum)

_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_HEURE = re.compile(r"(\d{1,2})\s*(?::\s*(\d{2})(?::(\d{2}))?|[hH]\s*(\d{2})?)")
_FRACTION = re.compile(r"(\d+)\s*/\s*(\d+)")
_JOURS = re.compile(r"(\d+)(?:\s*j(?:ours?)?)?", re.IGNORECASE)
_OUI = frozenset({"oui", "o", "vrai"})
_NON = frozenset({"non", "n", "faux"})


class ValeurInvalide(ValueError):
    def __init__(self, motif: str) -> None:
        super().__init__(motif)
        self.motif = motif


def en_texte(valeur: object) -> str:
    """What the cell shows, without surrounding spaces; "" for an empty cell."""
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    if isinstance(valeur, dt.datetime):
        return f"{valeur:%d/%m/%Y %H:%M}" if valeur.time() != dt.time() else f"{valeur:%d/%m/%Y}"
    if isinstance(valeur, dt.date):
        return f"{valeur:%d/%m/%Y}"
    if isinstance(valeur, dt.time):
        return f"{valeur:%H:%M}"
    return str(valeur).strip()


def en_nom(valeur: object) -> str:
    """A name as stored: inner runs of white space collapsed."""
    return " ".join(en_texte(valeur).split())


def en_date(valeur: object) -> dt.date | None:
    if valeur is None:
        return None
    if isinstance(valeur, dt.datetime):
        return valeur.date()
    if isinstance(valeur, dt.date):
        return valeur
    texte = en_texte(valeur)
    if not texte:
        return None
    trouve = _DATE.fullmatch(texte)
    if trouve is not None:
        jour, mois, annee = (int(x) for x in trouve.groups())
        try:
            return dt.date(annee, mois, jour)
        except ValueError:
            pass
    raise ValeurInvalide(f"date invalide « {texte} » (attendu JJ/MM/AAAA)")


def en_heure(valeur: object) -> dt.time | None:
    if valeur is None:
        return None
    if isinstance(valeur, dt.datetime):
        return valeur.time().replace(second=0, microsecond=0)
    if isinstance(valeur, dt.time):
        return valeur.replace(second=0, microsecond=0, tzinfo=None)
    texte = en_texte(valeur)
    if not texte:
        return None
    trouve = _HEURE.fullmatch(texte)
    if trouve is not None:
        heures = int(trouve.group(1))
        minutes = int(trouve.group(2) or trouve.group(4) or 0)
        if heures <= 23 and minutes <= 59:
            return dt.time(heures, minutes)
    raise ValeurInvalide(f"heure invalide « {texte} » (attendu HH:MM)")


def en_fraction(valeur: object) -> tuple[int, int] | None:
    """A quorum fraction `1/2`. A number cell between 0 and 1 (a cell formatted as a fraction) is read too."""
    if valeur is None:
        return None
    if isinstance(valeur, dt.date | dt.time):
        raise ValeurInvalide(
            f"quorum invalide « {en_texte(valeur)} » : le tableur a pris la fraction pour une date ; "
            "saisissez-la comme du texte ('1/2, avec l'apostrophe devant)"
        )
    if isinstance(valeur, int | float) and not isinstance(valeur, bool) and 0 <= valeur <= 1:
        fraction = Fraction(valeur).limit_denominator(100)
        return fraction.numerator, fraction.denominator
    texte = en_texte(valeur)
    if not texte:
        return None
    trouve = _FRACTION.fullmatch(texte)
    if trouve is not None:
        numerateur, denominateur = int(trouve.group(1)), int(trouve.group(2))
        if denominateur > 0 and numerateur <= denominateur:
            return numerateur, denominateur
    raise ValeurInvalide(f"quorum invalide « {texte} » (attendu une fraction entre 0 et 1, comme 1/2)")


def en_booleen(valeur: object) -> bool | None:
    if valeur is None:
        return None
    if isinstance(valeur, bool):
        return valeur
    texte = en_texte(valeur)
    if not texte:
        return None
    cle = normaliser(texte)
    if cle in _OUI:
        return True
    if cle in _NON:
        return False
    raise ValeurInvalide(f"valeur invalide « {texte} » (attendu oui ou non)")


def en_nombre_de_jours(valeur: object) -> int | None:
    if valeur is None:
        return None
    if isinstance(valeur, int | float) and not isinstance(valeur, bool) and valeur >= 0 and float(valeur).is_integer():
        return int(valeur)
    texte = en_texte(valeur)
    if not texte:
        return None
    trouve = _JOURS.fullmatch(texte)
    if trouve is not None:
        return int(trouve.group(1))
    raise ValeurInvalide(f"nombre de jours invalide « {texte} » (attendu un entier positif ou nul)")


def en_enum(classe: type[E], valeur: object) -> E | None:
    """A member of `classe` from its code or French label (case, accents and separators ignored)."""
    texte = en_texte(valeur)
    if not texte:
        return None
    membre = enum_depuis_texte(classe, texte)
    if membre is None:
        possibles = ", ".join(str(getattr(m, "libelle", m.value)) for m in classe)
        raise ValeurInvalide(f"valeur « {texte} » non reconnue (valeurs possibles : {possibles})")
    return membre
