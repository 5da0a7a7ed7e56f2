"""Child rows of a relationship (a referral's themes, a text's linked referrals…) made to match a wanted list."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

E = TypeVar("E")
K = TypeVar("K", bound=Hashable)


def synchroniser(enfants: list[E], voulus: Sequence[K], cle: Callable[[E], K], creer: Callable[[K], E]) -> None:
    """Rows whose key is not wanted go; wanted keys without a row get one, in the wanted order; the others stay
    untouched (no needless DELETE and INSERT, so the journal records only what changed)."""
    gardes = set(voulus)
    for enfant in list(enfants):
        if cle(enfant) not in gardes:
            enfants.remove(enfant)
    presents = {cle(enfant) for enfant in enfants}
    enfants.extend(creer(k) for k in voulus if k not in presents)
