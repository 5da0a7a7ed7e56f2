"""What the meeting documents are made from: plain, frozen data, already in French.

`app.services.documents_seance` reads the base into these; `app.documents` turns them into bytes. Keeping the
documents on plain data makes them pure functions (no base, no Qt) and lets tests build any case by hand.
Every text here is ready to print: names as « Prénom Nom », labels in French; dates and times stay typed so
that the documents format them the one French way (`app.format_fr`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class EnTete:
    """The letterhead shared by every PDF."""

    comite: str
    lignes: tuple[str, ...] = ()  # the committee's letterhead text, one line each (address, service…)
    logo: bytes | None = None  # PNG or JPEG bytes, or None
    emis_le: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class Reunion:
    """Where and when: common to the three documents."""

    reference: str
    instance: str  # « Assemblée plénière »
    date: dt.date
    heure_debut: dt.time | None
    heure_fin: dt.time | None
    lieu: str  # may be empty (video only)
    lien_visio: str  # may be empty
    format: str  # « Présentiel », « Visio », « Mixte »


@dataclass(frozen=True)
class RegleQuorumTexte:
    numerateur: int
    denominateur: int
    pouvoirs_comptes: bool
    attendus: int  # expected seats (deliberative titulaires active that day)
    requis: int  # ⌈fraction × attendus⌉


@dataclass(frozen=True)
class PointOdj:
    numero: int
    titre: str
    nature: str  # « Information », « Débat », « Décision », « Avis », « Saisine »
    rapporteur: str  # « Prénom Nom » or ""
    duree_minutes: int | None
    reference_liee: str  # « SAI-2026-003 » or « REC-2026-001 » (never the referral's text), or ""


@dataclass(frozen=True)
class SecondeConvocation:
    """This meeting re-convenes one that did not reach its quorum: no quorum is required this time."""

    reference: str
    date: dt.date


@dataclass(frozen=True)
class Convocation:
    en_tete: EnTete
    reunion: Reunion
    convoque_par: str  # « Hélène Marchand, présidente » or « Le secrétariat du comité »
    points: tuple[PointOdj, ...]
    quorum: RegleQuorumTexte
    pouvoirs_max_par_porteur: int
    delai_jours: int  # the instance's notice, in days
    motif_urgence: str = ""  # printed when the convocation is sent later than the notice allows
    seconde: SecondeConvocation | None = None
    secretariat: str = ""  # who to write to (to give a proxy or warn one's suppléant)


@dataclass(frozen=True)
class LigneEmargement:
    nom: str  # « Prénom Nom »
    structure: str
    qualite: str  # « Titulaire », « Suppléant de Prénom Nom », « Suppléant — sans titulaire », « Invité »…
    mention: str = ""  # pre-filled: « Excusé », « Pouvoir à Prénom Nom », « Porte le pouvoir de … », ""


@dataclass(frozen=True)
class GroupeEmargement:
    titre: str  # a collège's name, or « Membres à voix consultative », « Invités »
    lignes: tuple[LigneEmargement, ...]


@dataclass(frozen=True)
class Emargement:
    en_tete: EnTete
    reunion: Reunion
    colleges: tuple[GroupeEmargement, ...]  # deliberative members, titulaires with their suppléants, by collège
    consultatifs: tuple[LigneEmargement, ...]
    invites: tuple[LigneEmargement, ...]
    quorum: RegleQuorumTexte
    seconde: SecondeConvocation | None = None


@dataclass(frozen=True)
class Vote:
    pour: int
    contre: int
    abstention: int


@dataclass(frozen=True)
class PointPv:
    point: PointOdj
    resume: str
    decision: str
    vote: Vote | None
    opinions_divergentes: str  # recorded on request, "" otherwise
    deports: tuple[str, ...]  # members who recused themselves on this item


@dataclass(frozen=True)
class ActionPv:
    texte: str
    responsable: str  # « Prénom Nom » or ""
    echeance: dt.date | None
    statut: str  # « À faire », « En cours », « Faite », « Abandonnée »
    origine: str  # reference of the meeting that decided it
    reportee: bool  # decided at an earlier meeting and still open: carried to this one


@dataclass(frozen=True)
class Representation:
    mandant: str  # who gave the proxy
    porteur: str  # who holds it


@dataclass(frozen=True)
class DecompteTexte:
    attendus: int
    presents: int
    supplees: int
    representes: int
    excuses: int
    absents: int
    requis: int
    quorum_atteint: bool
    pouvoirs_comptes: bool


@dataclass(frozen=True)
class ProcesVerbal:
    en_tete: EnTete
    reunion: Reunion
    president: str  # « Prénom Nom » or ""
    secretaire: str
    presents: tuple[str, ...]  # « Prénom Nom », « Prénom Nom (visio) », « Prénom Nom, suppléant de X »
    representes: tuple[Representation, ...]
    excuses: tuple[str, ...]  # including a void proxy (its holder did not come)
    absents: tuple[str, ...]
    consultatifs: tuple[str, ...]  # consultative members who attended
    invites: tuple[str, ...]
    decompte: DecompteTexte
    points: tuple[PointPv, ...]
    actions: tuple[ActionPv, ...]
    approuve_le: dt.date | None  # None: still a draft, « PROJET » on every page
    approuve_en: str = ""  # reference of the meeting that approved it
    seconde: SecondeConvocation | None = None
    # Suppléants present who stood in for nobody (their titulaire came too, or they have none that day).
    autres_suppleants: tuple[str, ...] = ()

    @property
    def projet(self) -> bool:
        return self.approuve_le is None
