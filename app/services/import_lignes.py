"""The typed rows of an import workbook (what `analyser_classeur` makes of it) and the keys rows match on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

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
from app.services.normalisation import normaliser

ClePersonne = tuple[str, str]  # (nom, prénom), normalised


def cle_personne(nom: str, prenom: str) -> ClePersonne:
    return normaliser(nom), normaliser(prenom)


def cle_nom_complet(prenom: str, nom: str) -> str:
    """The key of « Prénom Nom » as typed in `Suppléant de` and `Pouvoir à`."""
    return normaliser(f"{prenom} {nom}")


@dataclass
class ComiteLu:
    """The `Comité` sheet; None means the field was not given (and is left as it is in the base)."""

    lignes: dict[str, int] = field(default_factory=dict)  # field → row number
    nom: str | None = None
    type_territoire: TypeTerritoire | None = None
    territoire: str | None = None
    date_installation: dt.date | None = None
    nature: NatureComite | None = None
    mode_presidence: ModePresidence | None = None


@dataclass(frozen=True)
class LigneCollege:
    ligne: int
    nom: str
    categorie: CategorieCollege
    ordre: int  # position among the sheet's collèges, from 1


@dataclass(frozen=True)
class LigneInstance:
    ligne: int
    nom: str
    type: TypeInstance
    quorum: tuple[int, int] | None
    pouvoirs_comptes: bool | None
    delai_convocation_jours: int | None


@dataclass(frozen=True)
class LigneStructure:
    ligne: int
    nom: str
    type: TypeStructure
    partenariat: Partenariat | None
    lettre_engagement_le: dt.date | None


@dataclass(frozen=True)
class LigneMembre:
    ligne: int
    nom: str
    prenom: str
    structure: str
    fonction: str
    courriel: str
    college: str
    instance: str
    qualite: Qualite
    suppleant_de: str
    role: Role | None
    debut: dt.date
    fin: dt.date | None
    voix: Voix | None

    @property
    def personne(self) -> ClePersonne:
        return cle_personne(self.nom, self.prenom)


@dataclass(frozen=True)
class LigneSeance:
    ligne: int
    reference: str
    instance: str
    date: dt.date
    heure_debut: dt.time | None
    heure_fin: dt.time | None
    lieu: str
    format: FormatSeance | None
    statut: StatutSeance | None


@dataclass(frozen=True)
class LignePresence:
    ligne: int
    seance: str
    nom: str
    prenom: str
    etat: EtatPresence
    pouvoir_a: str  # « Prénom Nom » of the proxy holder, "" if none

    @property
    def personne(self) -> ClePersonne:
        return cle_personne(self.nom, self.prenom)


@dataclass
class PersonneLue:
    """A person of the `Membres` sheet: spelling from the last row, own columns from the last row filling them."""

    nom: str
    prenom: str
    structure: str = ""
    fonction: str = ""
    courriel: str = ""


@dataclass
class Incomplets:
    """Keys named by rows left out for a bad cell: a reference to them is not a second error."""

    colleges: set[str] = field(default_factory=set)
    instances: set[str] = field(default_factory=set)
    structures: set[str] = field(default_factory=set)
    personnes: set[ClePersonne] = field(default_factory=set)
    noms_complets: set[str] = field(default_factory=set)
    mandats: set[tuple[ClePersonne, str]] = field(default_factory=set)  # (person, instance) of a bad Membres row
    seances: set[str] = field(default_factory=set)
    presences: set[tuple[str, ClePersonne]] = field(default_factory=set)


@dataclass
class ClasseurLu:
    feuilles: set[str] = field(default_factory=set)
    comite: ComiteLu | None = None
    colleges: list[LigneCollege] = field(default_factory=list)
    instances: list[LigneInstance] = field(default_factory=list)
    structures: list[LigneStructure] = field(default_factory=list)
    membres: list[LigneMembre] = field(default_factory=list)
    seances: list[LigneSeance] = field(default_factory=list)
    presences: list[LignePresence] = field(default_factory=list)
    personnes: dict[ClePersonne, PersonneLue] = field(default_factory=dict)
    incomplets: Incomplets = field(default_factory=Incomplets)
    avertissements: list[str] = field(default_factory=list)
    nombre_de_lignes: int = 0  # data rows read, for progress reports
