"""The state of each expected seat at a held meeting (CONCEPTION §3), on plain data.

Pure functions: the live count of the attendance screen, the documents and the indicators all use them.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.modeles.enumerations import ETATS_PRESENTS, EtatPresence, Qualite, Voix


@dataclass(frozen=True)
class MandatLu:
    id: int
    personne_id: int
    instance_id: int
    college_id: int
    qualite: Qualite
    titulaire_id: int | None
    voix: Voix
    debut: dt.date
    fin: dt.date | None

    def actif_le(self, jour: dt.date) -> bool:
        return self.debut <= jour and (self.fin is None or jour <= self.fin)

    @property
    def siege_attendu(self) -> bool:
        """Only deliberative titulaires are expected; suppléants, consultative members and guests never."""
        return self.qualite is Qualite.TITULAIRE and self.voix is Voix.DELIBERATIVE


@dataclass(frozen=True)
class PresenceLue:
    etat: EtatPresence
    pouvoir_a_id: int | None = None


class EtatSiege(enum.StrEnum):
    PRESENT = "present"
    SUPPLEE = "supplee"
    REPRESENTE = "represente"
    EXCUSE = "excuse"
    ABSENT = "absent"


@dataclass(frozen=True)
class Siege:
    mandat: MandatLu
    etat: EtatSiege


@dataclass(frozen=True)
class Decompte:
    attendus: int
    presents: int
    supplees: int
    representes: int
    excuses: int
    absents: int

    @property
    def taux_presence(self) -> float | None:
        return None if self.attendus == 0 else (self.presents + self.supplees) / self.attendus


@dataclass(frozen=True)
class RegleQuorum:
    numerateur: int
    denominateur: int
    pouvoirs_comptes: bool

    def requis(self, attendus: int) -> int:
        """⌈fraction × expected⌉ in integer arithmetic (no floating-point surprise at the boundary)."""
        return -(-self.numerateur * attendus // self.denominateur)

    def atteint(self, decompte: Decompte) -> bool:
        voix = decompte.presents + decompte.supplees
        if self.pouvoirs_comptes:
            voix += decompte.representes
        return voix >= self.requis(decompte.attendus)


def _est_la(presences: Mapping[int, PresenceLue], personne_id: int | None) -> bool:
    if personne_id is None:
        return False
    presence = presences.get(personne_id)
    return presence is not None and presence.etat in ETATS_PRESENTS


def etat_siege(
    titulaire: MandatLu,
    suppleants: Iterable[MandatLu],
    presences: Mapping[int, PresenceLue],
    jour: dt.date,
) -> EtatSiege:
    """The first state that applies, in the order of CONCEPTION §3."""
    if _est_la(presences, titulaire.personne_id):
        return EtatSiege.PRESENT
    if any(s.actif_le(jour) and _est_la(presences, s.personne_id) for s in suppleants):
        return EtatSiege.SUPPLEE
    presence = presences.get(titulaire.personne_id)
    if presence is not None and presence.etat is EtatPresence.REPRESENTE:
        if _est_la(presences, presence.pouvoir_a_id):
            return EtatSiege.REPRESENTE
        return EtatSiege.EXCUSE  # a proxy whose holder did not come is void: the seat is excused
    if presence is not None and presence.etat is EtatPresence.EXCUSE:
        return EtatSiege.EXCUSE
    return EtatSiege.ABSENT


def sieges_de_seance(
    mandats_instance: Iterable[MandatLu],
    suppleants_par_titulaire: Mapping[int, list[MandatLu]],
    presences: Mapping[int, PresenceLue],
    jour: dt.date,
) -> list[Siege]:
    """Every expected seat of one meeting with its state; `mandats_instance` are that instance's mandates."""
    return [
        Siege(m, etat_siege(m, suppleants_par_titulaire.get(m.id, ()), presences, jour))
        for m in mandats_instance
        if m.siege_attendu and m.actif_le(jour)
    ]


def decompter(sieges: Iterable[Siege]) -> Decompte:
    compte = dict.fromkeys(EtatSiege, 0)
    for siege in sieges:
        compte[siege.etat] += 1
    return Decompte(
        attendus=sum(compte.values()),
        presents=compte[EtatSiege.PRESENT],
        supplees=compte[EtatSiege.SUPPLEE],
        representes=compte[EtatSiege.REPRESENTE],
        excuses=compte[EtatSiege.EXCUSE],
        absents=compte[EtatSiege.ABSENT],
    )
