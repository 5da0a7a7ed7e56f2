"""What the two upward documents are made from: the report to the HCTS and the candidature dossier.

Plain, frozen data, already in French, read from the base by `app.services.rapport_hcts` and
`app.services.dossier_candidature`; `app.documents.rapport_hcts` and `dossier_candidature` turn them into bytes.
Same rules as `app.documents.donnees`: labels in French, names as « Prénom Nom », dates typed so that the
documents format them the one French way (`app.format_fr`). Every figure is copied from
`app.services.indicateurs.calculer` for the report's period; nothing here is computed again.

Privacy by construction: no field can carry who asked a referral; people receiving support are counted,
never named.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.documents.donnees import EnTete


@dataclass(frozen=True)
class IdentiteComite:
    """The committee's record (page Comité); an empty text or None means « not filled in »."""

    nom: str
    type_territoire: str  # « Département », or ""
    territoire: str
    nature: str  # « Création », « Instance existante », or ""
    instance_existante: bool
    date_installation: dt.date | None
    mode_presidence: str  # « Collégiale », or ""
    porteurs: tuple[str, ...]  # lead organisations' names
    missions: tuple[str, ...]  # catalogue labels, then free ones
    thematiques: str  # plain text
    regles_saisine: str
    secretariat: str
    rythme_reunions: str
    moyens_humains: str
    moyens_financiers: str


@dataclass(frozen=True)
class Partenaire:
    """An organisation of the directory."""

    nom: str
    type: str  # « Conseil départemental »…
    partenariat: str  # « Existant », « Nouveau », or ""
    porteur: bool
    lettre_engagement_le: dt.date | None
    fichiers_lettre: tuple[str, ...]  # names of the files attached to the organisation (the letter), or ()
    membres: int  # persons of the directory attached to it


@dataclass(frozen=True)
class Responsable:
    nom_complet: str
    structure: str  # or ""
    instance: str


@dataclass(frozen=True)
class InstanceRapport:
    nom: str
    type: str  # « Plénière »…
    quorum: str  # « la moitié des membres (pouvoirs comptés) »
    seances_tenues: int  # held meetings of the period (counted from the indicators' list)


@dataclass(frozen=True)
class CollegeRapport:
    """A collège with its attendance over the period (indicators' `colleges`) and its members."""

    college: str
    categorie: str  # label
    membres: int  # persons whose latest titulaire seat is in it, among those expected in the period
    attendus: int
    presents: int
    supplees: int
    taux_presence: float | None


@dataclass(frozen=True)
class SeanceRapport:
    reference: str
    instance: str
    date: dt.date
    attendus: int
    presents: int
    supplees: int
    representes: int
    excuses: int
    absents: int
    taux_presence: float | None
    quorum_atteint: bool


@dataclass(frozen=True)
class Mobilisation:
    mois: int  # 3 or 6
    seances_tenues: int
    personnes_presentes: int
    structures_representees: int
    travailleurs_sociaux_presents: int
    personnes_accompagnees_presentes: int
    taux_presence: float | None


@dataclass(frozen=True)
class Comptage:
    libelle: str
    nombre: int


@dataclass(frozen=True)
class RecommandationAdoptee:
    numero: str
    nature: str
    titre: str
    adoptee_le: dt.date


@dataclass(frozen=True)
class DiffusionRapport:
    canal: str
    public: str
    date: dt.date
    nombre_atteint: int | None


@dataclass(frozen=True)
class ProductionRapport:
    titre: str
    type: str
    date: dt.date
    mission: str  # or ""
    diffusions: tuple[DiffusionRapport, ...]


@dataclass(frozen=True)
class EchangeRapport:
    date: dt.date
    sens: str  # « Vers le HCTS », « Depuis le HCTS »
    objet: str
    document: str
    suite_donnee: str


@dataclass(frozen=True)
class NoteRapport:
    date: dt.date
    sous_domaine: str  # « 1.1 Lancement de la démarche »
    rubrique: str  # « Difficultés », « Propositions »…
    texte: str


@dataclass(frozen=True)
class Definition:
    terme: str
    texte: str


@dataclass(frozen=True)
class RapportHcts:
    """The report to the HCTS for a period (both ends inclusive, None: unbounded)."""

    en_tete: EnTete
    du: dt.date | None
    au: dt.date | None
    identite: IdentiteComite
    partenaires: tuple[Partenaire, ...]
    colleges: tuple[CollegeRapport, ...]
    membres: int  # persons with at least one expected seat in the period
    membres_travailleurs_sociaux: int
    membres_personnes_accompagnees: int
    presidence: tuple[Responsable, ...]
    vice_presidence: tuple[Responsable, ...]
    instances: tuple[InstanceRapport, ...]
    seances: tuple[SeanceRapport, ...]
    mobilisation: tuple[Mobilisation, ...]
    saisines_recues: int
    saisines_recevables: int
    avis_rendus: int
    delai_median_jours: float | None
    saisines_par_theme: tuple[Comptage, ...]
    recommandations_adoptees: int
    recommandations_publiees: int
    adoptees: tuple[RecommandationAdoptee, ...]
    productions_par_type: tuple[Comptage, ...]
    diffusions_par_canal: tuple[Comptage, ...]
    productions: tuple[ProductionRapport, ...]
    echanges: tuple[EchangeRapport, ...]
    notes: tuple[NoteRapport, ...]
    leviers_participation: tuple[NoteRapport, ...]  # levers noted under 1.2 / 1.3: how participation is made real
    definitions: tuple[Definition, ...]


@dataclass(frozen=True)
class MembrePressenti:
    """A person with their seats in one collège active on the dossier's date. People receiving support are counted,
    never named."""

    nom_complet: str
    fonction: str
    structure: str
    sieges: tuple[str, ...]  # « Assemblée plénière (titulaire, président) », in the bodies' order


@dataclass(frozen=True)
class CollegeDossier:
    college: str
    categorie: str
    personnes: int  # distinct persons holding an active seat in it
    membres: tuple[MembrePressenti, ...]  # empty for people receiving support (not named)
    noms_publies: bool


@dataclass(frozen=True)
class DossierCandidature:
    """The answer to section 3 of the AMI, drawn from what the committee recorded (composition as of `au`)."""

    en_tete: EnTete
    au: dt.date
    identite: IdentiteComite
    partenaires: tuple[Partenaire, ...]
    colleges: tuple[CollegeDossier, ...]
    presidence: tuple[Responsable, ...]
    vice_presidence: tuple[Responsable, ...]
    instances: tuple[InstanceRapport, ...]
    demarche: tuple[NoteRapport, ...]  # notes under 1.1 / 1.2: method, steps, mobilisation of the partners
    leviers_participation: tuple[NoteRapport, ...]
