"""What the ANSA evaluation workbook is made from: plain, frozen data, already in French.

`app.services.export_ansa` reads the base into these; `app.documents.classeur_ansa` turns them into xlsx bytes.
Figures stay typed (int, float fraction, date) so that the workbook writes values, not texts; a rate is a plain
fraction between 0 and 1 (or None when there was no expected seat), formatted as a percentage by the workbook.

Privacy by construction: a member is carried by `code` (« M-0042 »); `nom` is filled only when names were asked
for. A referral has no field for who asked, only the requester's kind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Nature = Literal["nombre", "decimal", "pourcentage", "date", "texte"]
"""How a figure of a grid sheet is shown: an integer, a decimal number, a percentage, a date or a text."""

ValeurChiffre = int | float | str | dt.date | None


@dataclass(frozen=True)
class Chiffre:
    """One answer line of the grid: « Séances tenues dans la période » → 12."""

    libelle: str
    valeur: ValeurChiffre
    nature: Nature = "nombre"


@dataclass(frozen=True)
class ElementGrille:
    """One item of section 7 of the AMI, with the figures that answer it and where to read more."""

    intitule: str  # the item as the AMI words it
    chiffres: tuple[Chiffre, ...]
    renvoi: str = ""  # « Voir les notes datées (Leviers, Difficultés) » or ""


@dataclass(frozen=True)
class NoteGrille:
    date: dt.date
    rubrique: str  # « Leviers », « Difficultés »…
    texte: str


@dataclass(frozen=True)
class FeuilleGrille:
    """A sub-domain of the grid: its sheet name (at most 31 characters), its full title, items and notes."""

    nom: str  # « 1.2 Mobilisation »
    titre: str  # « 1.2 Mobilisation des acteurs »
    elements: tuple[ElementGrille, ...]
    notes: tuple[NoteGrille, ...]


@dataclass(frozen=True)
class LigneSeance:
    reference: str
    instance: str
    date: dt.date
    format: str  # « Présentiel », « Visio », « Mixte »
    attendus: int
    presents: int
    supplees: int
    representes: int
    excuses: int
    absents: int
    taux_presence: float | None
    quorum_atteint: bool


@dataclass(frozen=True)
class LignePresence:
    """One expected seat of a held meeting and its state (CONCEPTION §3)."""

    seance: str
    date: dt.date
    instance: str
    code: str
    nom: str  # « Prénom Nom » when names were asked for, else ""
    college: str
    etat: str  # « Présent », « Suppléé », « Représenté », « Excusé », « Absent »


@dataclass(frozen=True)
class LignePresenceAgregee:
    """The expected seats of one meeting and one collège, counted by state (for very large bases)."""

    seance: str
    date: dt.date
    instance: str
    college: str
    attendus: int
    presents: int
    supplees: int
    representes: int
    excuses: int
    absents: int


@dataclass(frozen=True)
class LigneMembre:
    code: str
    nom: str  # "" unless names were asked for
    prenom: str  # "" unless names were asked for
    college: str  # that of the latest titulaire mandate, or ""
    seances_attendues: int
    seances_presentes: int
    assiduite: float | None


@dataclass(frozen=True)
class LigneSaisine:
    numero: str
    recue_le: dt.date
    canal: str
    type_demandeur: str  # the kind only (« Travailleur social »), never who
    themes: str  # « Consentement, Numérique »
    statut: str
    recevable_le: dt.date | None
    transmise_le: dt.date | None
    delai_jours: int | None  # days from receipt to transmission of the opinion


@dataclass(frozen=True)
class LigneProduction:
    titre: str
    type: str
    mission: str
    instance: str
    date: dt.date
    diffusions: int


@dataclass(frozen=True)
class LigneDiffusion:
    production: str
    type_production: str
    canal: str
    public: str
    date: dt.date
    nombre_atteint: int | None


@dataclass(frozen=True)
class Definition:
    indicateur: str
    definition: str
    calcul: str  # the formula in words, so that a reader can redo the arithmetic


@dataclass(frozen=True)
class ClasseurAnsa:
    comite: str
    du: dt.date | None
    au: dt.date | None
    emis_le: dt.date
    noms: bool  # whether members' names were asked for (adds the name columns)
    grille: tuple[FeuilleGrille, ...]  # 1.1 … 4, in the order of the AMI
    seances: tuple[LigneSeance, ...]
    presences_detaillees: bool  # False past a realistic size: `presences_agregees` instead of `presences`
    presences: tuple[LignePresence, ...]
    presences_agregees: tuple[LignePresenceAgregee, ...]
    membres: tuple[LigneMembre, ...]
    saisines: tuple[LigneSaisine, ...]
    productions: tuple[LigneProduction, ...]
    diffusions: tuple[LigneDiffusion, ...]
    definitions: tuple[Definition, ...]
