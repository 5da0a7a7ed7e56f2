"""Loose text matching for what people type in a workbook (CONCEPTION §4, « Import workbook »).

Headers, sheet names, enumerated cells and references to names all compare through `normaliser`:
case and accents do not matter, nor surrounding spaces, and space, `_`, `-`, `’` and `'` are one separator.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from functools import cache, lru_cache
from typing import TypeVar, cast

# Space-like separators of the contract, plus the typographic variants a word processor substitutes for them.
_SEPARATEURS = re.compile(r"[\s_\-’'‘ʼ‐‑‒–]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})

E = TypeVar("E", bound=enum.Enum)


def _sans_accents(texte: str) -> str:
    decompose = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)  # an import compares the same few hundred names thousands of times
def normaliser(texte: str) -> str:
    """The matching key of `texte`: lower case, no accents, separators as single spaces, no outer spaces."""
    if texte.isascii():
        return " ".join(_SEPARATEURS.sub(" ", texte.lower()).split())
    cle = texte
    # Case folding can bring back combining marks and decomposition can reveal new capitals: two rounds
    # reach the fixed point for every character (checked by a property-based test).
    for _ in range(2):
        cle = _sans_accents(cle.casefold()).casefold().translate(_LIGATURES)
    return " ".join(_SEPARATEURS.sub(" ", cle).split())


def _compact(cle: str) -> str:
    """Letters and digits only: « CCAS/CIAS » and « ccas / cias » meet here."""
    return "".join(c for c in cle if c.isalnum())


@cache
def _index(classe: type[enum.Enum]) -> tuple[dict[str, enum.Enum], dict[str, enum.Enum]]:
    """Exact keys (code and label, normalised), then looser keys (compact forms, feminine of the labels)."""
    exactes: dict[str, enum.Enum] = {}
    souples: dict[str, enum.Enum | None] = {}

    def souple(cle: str, membre: enum.Enum) -> None:
        # A loose key shared by two members is ambiguous: it matches neither.
        souples[cle] = membre if souples.get(cle, membre) is membre else None

    for membre in classe:
        textes = [str(membre.value), str(getattr(membre, "libelle", membre.value))]
        for texte in textes:
            exactes.setdefault(normaliser(texte), membre)
    for membre in classe:
        textes = [str(membre.value), str(getattr(membre, "libelle", membre.value))]
        for texte in textes:
            compact = _compact(normaliser(texte))
            souple(compact, membre)
            if compact:
                souple(compact + "e", membre)  # « présente », « représentée », « suppléante »
    return exactes, {cle: m for cle, m in souples.items() if m is not None}


def enum_depuis_texte(classe: type[E], texte: str) -> E | None:
    """The member of `classe` whose code or French label `texte` spells (loosely), or None."""
    cle = normaliser(texte)
    if not cle:
        return None
    exactes, souples = _index(classe)
    membre = exactes.get(cle)
    if membre is None:
        membre = souples.get(_compact(cle))
    return cast("E | None", membre)  # the index of `classe` holds only members of `classe`
