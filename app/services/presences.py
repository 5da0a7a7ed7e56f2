"""Recording who came, and the live count of a meeting (seat states and quorum, CONCEPTION §3)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.modeles import Instance, Mandat, Personne, Presence, Seance
from app.modeles.enumerations import EtatPresence, StatutSeance
from app.services.sieges import (
    Decompte,
    MandatLu,
    PresenceLue,
    RegleQuorum,
    Siege,
    decompter,
    sieges_de_seance,
)


def enregistrer_presence(
    session: Session,
    seance_id: int,
    personne_id: int,
    etat: EtatPresence,
    pouvoir_a_id: int | None = None,
) -> Presence:
    """Record (or correct) one person's state. A proxy needs a holder, and a holder carries only one."""
    seance = session.get(Seance, seance_id)
    personne = session.get(Personne, personne_id)
    if seance is None or personne is None:
        raise ErreurConnue("Séance ou personne introuvable.")
    if seance.statut in (StatutSeance.ANNULEE, StatutSeance.REPORTEE):
        raise ErreurConnue(f"La séance {seance.reference} est {seance.statut.libelle.lower()} : pas de présences.")
    if etat is EtatPresence.REPRESENTE:
        if pouvoir_a_id is None:
            raise ErreurConnue(f"{personne.nom_complet} est représenté : indiquez à qui le pouvoir est donné.")
        porteur = session.get(Personne, pouvoir_a_id)
        if porteur is None:
            raise ErreurConnue("Le porteur du pouvoir est introuvable.")
        if pouvoir_a_id == personne_id:
            raise ErreurConnue("On ne peut pas se donner un pouvoir à soi-même.")
        deja = session.scalar(
            select(Presence).where(
                Presence.seance_id == seance_id,
                Presence.pouvoir_a_id == pouvoir_a_id,
                Presence.personne_id != personne_id,
            )
        )
        if deja is not None:
            raise ErreurConnue(
                f"{porteur.nom_complet} porte déjà le pouvoir de {deja.personne.nom_complet} à cette séance "
                "(un seul pouvoir par porteur)."
            )
    elif pouvoir_a_id is not None:
        raise ErreurConnue("Un pouvoir ne se donne que par une personne représentée.")
    presence = session.scalar(
        select(Presence).where(Presence.seance_id == seance_id, Presence.personne_id == personne_id)
    )
    if presence is None:
        presence = Presence(seance_id=seance_id, personne_id=personne_id, etat=etat, pouvoir_a_id=pouvoir_a_id)
        session.add(presence)
    else:
        presence.etat = etat
        presence.pouvoir_a_id = pouvoir_a_id
    session.flush()
    return presence


def effacer_presence(session: Session, seance_id: int, personne_id: int) -> None:
    presence = session.scalar(
        select(Presence).where(Presence.seance_id == seance_id, Presence.personne_id == personne_id)
    )
    if presence is not None:
        session.delete(presence)
        session.flush()


@dataclass(frozen=True)
class EtatSeance:
    sieges: list[Siege]
    decompte: Decompte
    requis: int
    quorum_atteint: bool


def _mandat_lu(m: Mandat) -> MandatLu:
    return MandatLu(m.id, m.personne_id, m.instance_id, m.college_id, m.qualite, m.titulaire_id, m.voix, m.debut, m.fin)


def etat_seance(session: Session, seance_id: int) -> EtatSeance:
    """Seat states and quorum of one meeting as recorded now (for the attendance screen and documents)."""
    seance = session.get(Seance, seance_id)
    if seance is None:
        raise ErreurConnue("Séance introuvable.")
    instance = session.get(Instance, seance.instance_id)
    assert instance is not None
    mandats = [_mandat_lu(m) for m in session.scalars(select(Mandat).where(Mandat.instance_id == seance.instance_id))]
    suppleants: dict[int, list[MandatLu]] = defaultdict(list)
    for m in mandats:
        if m.titulaire_id is not None:
            suppleants[m.titulaire_id].append(m)
    presences = {
        p.personne_id: PresenceLue(p.etat, p.pouvoir_a_id)
        for p in session.scalars(select(Presence).where(Presence.seance_id == seance_id))
    }
    sieges = sieges_de_seance(mandats, suppleants, presences, seance.date)
    decompte = decompter(sieges)
    regle = RegleQuorum(instance.quorum_numerateur, instance.quorum_denominateur, instance.pouvoirs_comptes)
    return EtatSeance(sieges, decompte, regle.requis(decompte.attendus), regle.atteint(decompte))
