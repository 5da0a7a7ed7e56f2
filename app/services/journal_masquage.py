"""What the audit journal never keeps: the one list of masked columns, and the rule behind each.

The journal (`app.db._journaliser`) records every write with its values. Personal data that the retention rules
erase elsewhere must not survive there, so for the columns below only the column's name is written, its value
replaced by `MASQUE`:

- the requester of a referral (table `demandeur_saisine`): every column but its ids and foreign keys — their
  identity is purged `demandeurs.CONSERVATION_MOIS` months after the opinion and must never reach the journal;
- a person's contact details and accessibility needs (`personne.courriel`, `personne.telephone`,
  `personne.besoins_accessibilite`): the directory erases them when a person leaves; the name stays, it is what
  lets the journal say whose record changed;
- a referral's question and context (`saisine.question`, `saisine.contexte`) while their anonymisation has not
  been validated by a second person: before that they may still name the people concerned. Once validated they
  are anonymised text and can no longer change (`services.saisines`), so they are kept.

Tables are named by their SQL name: outside its own service the program never names the requester's class (a
test in `tests/test_architecture.py` checks it).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Mapper

from app.modeles import Saisine

MASQUE = "(masqué)"

TABLE_DEMANDEUR = "demandeur_saisine"
# Masked whatever the record's state.
COLONNES_MASQUEES: dict[str, frozenset[str]] = {
    "personne": frozenset({"courriel", "telephone", "besoins_accessibilite"}),
}
# Masked while the referral's anonymisation has not been validated.
COLONNES_AVANT_ANONYMISATION: dict[str, frozenset[str]] = {
    "saisine": frozenset({"question", "contexte"}),
}


def _colonnes_du_demandeur(mapper: Mapper[Any]) -> frozenset[str]:
    """Every attribute of the requester's row but its primary key and foreign keys."""
    return frozenset(
        attribut.key
        for attribut in mapper.column_attrs
        if not any(c.primary_key or c.foreign_keys for c in attribut.columns)
    )


def masquees_toujours(mapper: Mapper[Any]) -> frozenset[str]:
    """The attributes of `mapper` masked in every state of the record."""
    table = mapper.local_table.name  # type: ignore[attr-defined]
    if table == TABLE_DEMANDEUR:
        return _colonnes_du_demandeur(mapper)
    return COLONNES_MASQUEES.get(table, frozenset())


def masquees_possibles(mapper: Mapper[Any]) -> frozenset[str]:
    """Every attribute of `mapper` that may be masked (migration 0004 masks the same in older journals)."""
    table = mapper.local_table.name  # type: ignore[attr-defined]
    return masquees_toujours(mapper) | COLONNES_AVANT_ANONYMISATION.get(table, frozenset())


def _anonymisation_validee(objet: Any) -> bool:
    """True only if the referral's anonymisation is validated before and after this write."""
    historique = inspect(objet).attrs["anonymisation_validee_par"].history
    valeurs = list(historique.deleted) + list(historique.added) + list(historique.unchanged)
    if not valeurs:
        valeurs = [getattr(objet, "anonymisation_validee_par", "")]
    return all(bool((v or "").strip()) for v in valeurs)


def colonnes_masquees(objet: Any) -> frozenset[str]:
    """The attributes of this ORM object whose values the journal must not keep, for this write."""
    mapper = inspect(objet).mapper
    masquees = masquees_toujours(mapper)
    if isinstance(objet, Saisine) and not _anonymisation_validee(objet):
        masquees |= COLONNES_AVANT_ANONYMISATION["saisine"]
    return masquees

