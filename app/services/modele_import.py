"""The import template: the contract's sheets and headers (CONCEPTION §4), one consistent example row each.

Importing the template as it is succeeds; each header carries a comment saying what the column expects.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import uuid
from contextlib import suppress
from pathlib import Path
from typing import Any

from app.erreurs import ErreurConnue
from app.modeles.enumerations import (
    CategorieCollege,
    EtatPresence,
    FormatSeance,
    ModePresidence,
    NatureComite,
    Partenariat,
    Qualite,
    Role,
    StatutSeance,
    TypeInstance,
    TypeStructure,
    TypeTerritoire,
    Voix,
)
from app.services import import_schema as schema

_DATE = "JJ/MM/AAAA (ou une cellule date)"

EXEMPLES: dict[str, list[list[object]]] = {
    schema.COMITE: [
        [schema.CHAMP_NOM, "Comité local du travail social et du développement social de la Drôme"],
        [schema.CHAMP_TYPE_TERRITOIRE, TypeTerritoire.DEPARTEMENT.libelle],
        [schema.CHAMP_TERRITOIRE, "Drôme"],
        [schema.CHAMP_DATE_INSTALLATION, dt.date(2026, 1, 15)],
        [schema.CHAMP_NATURE, NatureComite.CREATION.libelle],
        [schema.CHAMP_PRESIDENCE, ModePresidence.STRUCTURE_PORTEUSE.libelle],
    ],
    schema.COLLEGES: [["Travailleurs sociaux", CategorieCollege.TRAVAILLEURS_SOCIAUX.libelle]],
    schema.INSTANCES: [["Plénière", TypeInstance.PLENIERE.libelle, "1/2", "oui", 5]],
    schema.STRUCTURES: [
        ["CCAS de Valence", TypeStructure.CCAS_CIAS.libelle, Partenariat.EXISTANT.libelle, dt.date(2026, 1, 15)]
    ],
    schema.MEMBRES: [
        [
            "Martin",
            "Anne",
            "CCAS de Valence",
            "Assistante de service social",
            "anne.martin@example.org",
            "Travailleurs sociaux",
            "Plénière",
            Qualite.TITULAIRE.libelle,
            None,
            Role.MEMBRE.libelle,
            dt.date(2026, 1, 15),
            None,
            Voix.DELIBERATIVE.libelle,
        ]
    ],
    schema.SEANCES: [
        [
            "PL-2026-01",
            "Plénière",
            dt.date(2026, 3, 12),
            dt.time(14, 0),
            dt.time(16, 30),
            "Maison des solidarités, Valence",
            FormatSeance.PRESENTIEL.libelle,
            StatutSeance.TENUE.libelle,
        ]
    ],
    schema.PRESENCES: [["PL-2026-01", "Martin", "Anne", EtatPresence.PRESENT.libelle, None]],
}


def _valeurs(classe: type[enum.Enum]) -> str:
    return "Valeurs possibles : " + ", ".join(str(getattr(m, "libelle", m.value)) for m in classe) + "."


AIDES: dict[tuple[str, str], str] = {
    (schema.COMITE, "Champ"): "Nom, Type de territoire, Territoire, Date d'installation, Nature, Présidence.",
    (schema.COMITE, "Valeur"): "Type de territoire : "
    + ", ".join(m.libelle for m in TypeTerritoire)
    + ". Nature : "
    + ", ".join(m.libelle for m in NatureComite)
    + ". Présidence : "
    + ", ".join(m.libelle for m in ModePresidence)
    + f". Date d'installation : {_DATE}.",
    (schema.COLLEGES, "Nom"): "L'ordre des lignes est l'ordre des collèges.",
    (schema.COLLEGES, "Catégorie"): _valeurs(CategorieCollege),
    (schema.INSTANCES, "Type"): _valeurs(TypeInstance),
    (schema.INSTANCES, "Quorum"): "Une fraction saisie comme du texte, par exemple 1/2 (par défaut 1/2).",
    (schema.INSTANCES, "Pouvoirs comptés"): "oui ou non : les pouvoirs comptent-ils pour le quorum ? (par défaut oui)",
    (schema.INSTANCES, "Délai de convocation"): "En jours (par défaut 5).",
    (schema.STRUCTURES, "Type"): _valeurs(TypeStructure),
    (schema.STRUCTURES, "Partenariat"): _valeurs(Partenariat),
    (schema.STRUCTURES, "Lettre d'engagement"): f"Date de la lettre : {_DATE}.",
    (schema.MEMBRES, "Nom"): "Une ligne par mandat : une personne peut figurer sur plusieurs lignes.",
    (schema.MEMBRES, "Structure"): "Nom d'une structure de la feuille « Structures » ou déjà enregistrée.",
    (schema.MEMBRES, "Collège"): "Le collège du mandat (feuille « Collèges » ou déjà enregistré).",
    (schema.MEMBRES, "Instance"): "Feuille « Instances » ou instance déjà enregistrée.",
    (schema.MEMBRES, "Qualité"): _valeurs(Qualite),
    (schema.MEMBRES, "Suppléant de"): "Pour un suppléant : « Prénom Nom » de son titulaire dans la même instance.",
    (schema.MEMBRES, "Rôle"): _valeurs(Role) + " Par défaut : Membre.",
    (schema.MEMBRES, "Début"): f"Début du mandat : {_DATE}.",
    (schema.MEMBRES, "Fin"): f"Fin du mandat, s'il y en a une : {_DATE}.",
    (schema.MEMBRES, "Voix"): _valeurs(Voix) + " Par défaut : Délibérative.",
    (schema.SEANCES, "Référence"): "Unique, par exemple PL-2026-01.",
    (schema.SEANCES, "Date"): _DATE + ".",
    (schema.SEANCES, "Début"): "Heure HH:MM.",
    (schema.SEANCES, "Fin"): "Heure HH:MM.",
    (schema.SEANCES, "Lieu"): "Adresse, ou lien de visioconférence.",
    (schema.SEANCES, "Format"): _valeurs(FormatSeance) + " Par défaut : Présentiel.",
    (schema.SEANCES, "Statut"): _valeurs(StatutSeance) + " Par défaut : Planifiée.",
    (schema.PRESENCES, "Séance"): "Référence d'une séance (feuille « Séances » ou déjà enregistrée).",
    (schema.PRESENCES, "État"): _valeurs(EtatPresence),
    (schema.PRESENCES, "Pouvoir à"): "Si État = Représenté : « Prénom Nom » de qui porte le pouvoir.",
}


def _largeur(valeurs: list[object]) -> float:
    textes = [f"{v:%d/%m/%Y}" if isinstance(v, dt.date) else str(v) for v in valeurs if v is not None]
    return min(max([len(t) for t in textes] + [8]) + 3, 60)


def _classeur() -> Any:
    from openpyxl import Workbook  # slow to import: only when a template is really written
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    classeur = Workbook()
    classeur.remove(classeur.active)
    gras = Font(bold=True)
    for nom, colonnes in schema.FEUILLES.items():
        feuille = classeur.create_sheet(nom)
        feuille.append([c.nom for c in colonnes])
        for exemple in EXEMPLES[nom]:
            feuille.append(exemple)
        for position, colonne in enumerate(colonnes, start=1):
            entete = feuille.cell(row=1, column=position)
            entete.font = gras
            aide = AIDES.get((nom, colonne.nom), "")
            if colonne.obligatoire:
                aide = ("Obligatoire. " + aide).strip()
            if aide:
                entete.comment = Comment(aide, "Comité local", width=300, height=120)
            lettre = get_column_letter(position)
            valeurs: list[object] = [colonne.nom] + [ligne[position - 1] for ligne in EXEMPLES[nom]]
            feuille.column_dimensions[lettre].width = _largeur(valeurs)
            for ligne in range(2, len(EXEMPLES[nom]) + 2):
                cellule = feuille.cell(row=ligne, column=position)
                if isinstance(cellule.value, dt.datetime | dt.date):
                    cellule.number_format = "DD/MM/YYYY"
                elif isinstance(cellule.value, dt.time):
                    cellule.number_format = "HH:MM"
                else:
                    cellule.number_format = "@"
            if (nom, colonne.nom) == (schema.INSTANCES, "Quorum"):
                # A whole text column: a fraction typed later must not turn into a date (1/2 → 1 February).
                feuille.column_dimensions[lettre].number_format = "@"
        feuille.freeze_panes = "A2"
        # Printed, a sheet fits the page's width in landscape instead of spreading its columns over pages.
        feuille.page_setup.orientation = "landscape"
        feuille.sheet_properties.pageSetUpPr.fitToPage = True
        feuille.page_setup.fitToWidth, feuille.page_setup.fitToHeight = 1, 0
    classeur.active = classeur.sheetnames.index(schema.MEMBRES)
    return classeur


def enregistrer_modele(chemin: Path) -> None:
    """Write the template to `chemin`, atomically (a temporary file beside it, then renamed)."""
    classeur = _classeur()
    chemin = Path(chemin)
    # A fresh name rather than mkstemp: the file gets the user's usual permissions, not 0600.
    temporaire = chemin.with_name(f".{chemin.name}.{uuid.uuid4().hex}.partiel")
    try:
        classeur.save(temporaire)
        os.replace(temporaire, chemin)
    except OSError as exc:
        raise ErreurConnue(f"Impossible d'enregistrer « {chemin} » : {exc.strerror or exc}.") from None
    finally:
        with suppress(FileNotFoundError):
            os.unlink(temporaire)
