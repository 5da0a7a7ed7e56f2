"""Anonymisation check of a referral (CONCEPTION §4, « Anonymisation check »): find identifying data in a text.

Before a second person validates the anonymisation of a referral, its question and context are checked here.
A finding (`Constat`) is a span of the text with its kind; generic institutions and places, towns and
départements named as territories, article numbers, law dates, amounts, ages and ordinary numbers are not
findings. An age (« âgée de 14 ans ») is not a date of birth: alone it identifies nobody, and opinions need it.
« Mme X », « M. Y » are the usual placeholders of an anonymised text, not names.

Findings come from several detectors (see `anonymat_motifs` and `anonymat_noms`); where two overlap, the kind with
the stronger evidence wins (a checked NIR over a phone, an address over the first name in its street name), then
the longer span. The libraries (phonenumbers, stdnum) and the list of first names load on first use or through
`precharger`. The choice of these over a statistical model (spaCy) is measured in `benchmarks/anonymat.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.services import anonymat_motifs as motifs
from app.services import anonymat_noms as noms

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Constat:
    debut: int  # 0-based character offset in the text
    fin: int  # end, excluded
    type: str  # one of TYPES' keys
    extrait: str  # == texte[debut:fin]


TYPES: dict[str, str] = {
    "nom": "Nom de personne",
    "date_naissance": "Date de naissance",
    "telephone": "Numéro de téléphone",
    "courriel": "Adresse électronique",
    "nir": "Numéro de sécurité sociale",
    "adresse": "Adresse postale",
    "lieu": "Lieu ou établissement nommé",
}

def detecter(texte: str, noms_connus: Iterable[tuple[str, str]] = ()) -> list[Constat]:
    """Findings sorted by debut, never overlapping. noms_connus = (prenom, nom) pairs from the member directory."""
    annuaire = tuple(sorted({(prenom, nom) for prenom, nom in noms_connus}))
    candidats = [
        *motifs.trouver_courriels(texte),
        *motifs.trouver_nir(texte),
        *motifs.trouver_telephones(texte),
        *motifs.trouver_naissances(texte),
        *motifs.trouver_adresses(texte),
        *motifs.trouver_lieux(texte),
        *noms.trouver_annuaire(texte, annuaire),
        *noms.trouver_titres(texte),
        *noms.trouver_prenoms(texte, noms.prenoms_avec_annuaire(annuaire)),
        *noms.trouver_apres_indice(texte),
    ]
    return [Constat(debut, fin, type_, texte[debut:fin]) for debut, fin, type_ in motifs.arbitrer(candidats)]


def noms_de_l_annuaire(session: Session) -> list[tuple[str, str]]:
    """(prenom, nom) of every person of the directory, by name then first name."""
    from sqlalchemy import select

    from app.modeles import Personne

    lignes = session.execute(select(Personne.prenom, Personne.nom).order_by(Personne.nom, Personne.prenom))
    return [(prenom, nom) for prenom, nom in lignes]


def precharger() -> None:
    """Load what is lazy (libraries, first names); the UI calls it in a worker thread. Idempotent, thread-safe."""
    motifs.bibliotheques()
    noms.prenoms()
