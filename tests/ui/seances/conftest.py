"""A realistic plenary of 30 seats for the attendance screen's tests (and its offscreen picture)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from app.modeles.enumerations import CategorieCollege, TypeStructure, Voix
from app.services import presences
from tests.services.fabrique import Fabrique

JOUR = dt.date(2026, 3, 5)

# (collège, category, [(first name, name, organisation, suppléant's first name and name or None)])
COLLEGES: list[tuple[str, CategorieCollege, list[tuple[str, str, str, tuple[str, str] | None]]]] = [
    (
        "Élus et décideurs",
        CategorieCollege.ELUS_DECIDEURS,
        [
            ("Anne", "Martin", "Conseil départemental de la Drôme", ("Éva", "Lefèvre")),
            ("Bruno", "Petit", "Conseil départemental de la Drôme", None),
            ("Chloé", "Durand", "Conseil régional Auvergne-Rhône-Alpes", None),
            ("David", "Roux", "CCAS de Valence", ("Farid", "Benali")),
            ("Élise", "Garnier", "CCAS de Montélimar", None),
            ("François", "Morel", "Préfecture de la Drôme", None),
            ("Gaëlle", "Fournier", "DDETS de la Drôme", None),
            ("Hugo", "Girard", "CIAS du Diois", None),
        ],
    ),
    (
        "Institutions et employeurs",
        CategorieCollege.INSTITUTIONS_EMPLOYEURS,
        [
            ("Inès", "Bonnet", "CAF de la Drôme", ("Jules", "Dupuis")),
            ("Karim", "Lambert", "MSA Ardèche Drôme Loire", None),
            ("Laure", "Fontaine", "Sauvegarde de l'enfance", None),
            ("Marc", "Rousseau", "Fédération des acteurs de la solidarité", None),
            ("Nadia", "Vincent", "URIOPSS Auvergne-Rhône-Alpes", None),
            ("Olivier", "Muller", "Association Le Relais", ("Pauline", "Lefebvre")),
            ("Quentin", "Faure", "OPCO Santé", None),
            ("Rachida", "André", "France Travail Drôme", None),
        ],
    ),
    (
        "Travailleurs sociaux",
        CategorieCollege.TRAVAILLEURS_SOCIAUX,
        [
            ("Sophie", "Mercier", "CCAS de Valence", None),
            ("Thomas", "Blanc", "Conseil départemental de la Drôme", ("Ulysse", "Guérin")),
            ("Valérie", "Boyer", "Association Le Relais", None),
            ("William", "Chevalier", "Sauvegarde de l'enfance", None),
            ("Yasmine", "François", "CAF de la Drôme", None),
            ("Zoé", "Legrand", "IRFSS Croix-Rouge", None),
            ("Antoine", "Gauthier", "MSA Ardèche Drôme Loire", None),
            ("Bérénice", "Perrin", "CIAS du Diois", None),
        ],
    ),
    (
        "Personnes accompagnées",
        CategorieCollege.PERSONNES_ACCOMPAGNEES,
        [
            ("Cédric", "Robin", "Collectif des personnes accompagnées", ("Delphine", "Clément")),
            ("Émilie", "Morin", "Collectif des personnes accompagnées", None),
            ("Fabien", "Nicolas", "Conseil de la vie sociale du CHRS", None),
            ("Géraldine", "Henry", "Collectif des personnes accompagnées", None),
            ("Hervé", "Roussel", "Conseil de la vie sociale du CHRS", None),
            ("Isabelle", "Mathieu", "Collectif des personnes accompagnées", None),
        ],
    ),
]


@dataclass
class Seance30:
    seance_id: int
    ids: dict[str, int]  # « Prénom Nom » → person id
    titulaires: list[str]
    suppleants: dict[str, str]  # suppléant → titulaire
    consultatif: str
    invite: str
    externe: str  # a person of the directory only, who can be added as a guest


def construire_seance_30(session: Session) -> Seance30:
    f = Fabrique(session)
    pleniere = f.instance("Plénière")
    structures: dict[str, int] = {}
    ids: dict[str, int] = {}
    titulaires: list[str] = []
    suppleants: dict[str, str] = {}

    def personne(prenom: str, nom: str, structure: str):
        if structure not in structures:
            structures[structure] = f.structure(structure, TypeStructure.AUTRE).id
        p = f.personne(nom, prenom)
        p.structure_id = structures[structure]
        ids[f"{prenom} {nom}"] = p.id
        return p

    for ordre, (college, categorie, membres) in enumerate(COLLEGES, start=1):
        c = f.college(college, categorie, ordre=ordre)
        for prenom, nom, structure, suppleant in membres:
            mandat = f.mandat(personne(prenom, nom, structure), pleniere, c)
            titulaires.append(f"{prenom} {nom}")
            if suppleant is not None:
                f.mandat(personne(*suppleant, structure), pleniere, c, suppleant_de=mandat)
                suppleants[" ".join(suppleant)] = f"{prenom} {nom}"
    qualifiees = f.college("Personnalités qualifiées", CategorieCollege.PERSONNALITES_QUALIFIEES, ordre=5)
    f.mandat(
        personne("Jacqueline", "Lemoine", "Université Grenoble Alpes"), pleniere, qualifiees, voix=Voix.CONSULTATIVE
    )
    personne("Kevin", "Marchand", "Haut Conseil du travail social")
    personne("Lucie", "Arnaud", "Mission locale de Valence")
    seance = f.seance(pleniere, JOUR, reference="PL-2026-02")
    session.flush()
    presences.ajouter_invite(session, seance.id, ids["Kevin Marchand"])
    return Seance30(seance.id, ids, titulaires, suppleants, "Jacqueline Lemoine", "Kevin Marchand", "Lucie Arnaud")


@pytest.fixture
def seance_30(base) -> Seance30:
    with base.session_scope() as s:
        return construire_seance_30(s)
