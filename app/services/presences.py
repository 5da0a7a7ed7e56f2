"""Recording who came, and the live count of a meeting (seat states and quorum, CONCEPTION §3)."""

from __future__ import annotations

import datetime as dt
import enum
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.erreurs import ErreurConnue
from app.modeles import Instance, Mandat, Personne, Presence, Seance
from app.modeles.enumerations import EtatPresence, Qualite, StatutSeance, Voix
from app.services.normalisation import normaliser
from app.services.sieges import (
    Decompte,
    EtatSiege,
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


# --- The attendance screen: its rows, who may hold a proxy, guests ------------------------------------------


class GenreLigne(enum.StrEnum):
    TITULAIRE = "titulaire"
    SUPPLEANT = "suppleant"
    CONSULTATIF = "consultatif"
    INVITE = "invite"


@dataclass(frozen=True)
class LignePresence:
    """One person of the attendance screen, with what is recorded for them and, for a titulaire, the seat."""

    personne_id: int
    nom: str  # « Prénom Nom »
    structure: str
    college: str  # of the mandate; empty for a guest
    genre: GenreLigne
    titulaire_personne_id: int | None  # a suppléant's titulaire; None when that seat is not expected that day
    titulaire_nom: str
    etat: EtatPresence | None
    pouvoir_a_id: int | None
    pouvoir_a_nom: str
    siege: EtatSiege | None  # the derived seat state, for a titulaire only

    @property
    def id(self) -> int:
        return self.personne_id


def _seance_et_instance(session: Session, seance_id: int) -> tuple[Seance, Instance]:
    seance = session.get(Seance, seance_id)
    if seance is None:
        raise ErreurConnue("Séance introuvable.")
    instance = session.get(Instance, seance.instance_id)
    assert instance is not None
    return seance, instance


def _mandats_actifs(session: Session, seance: Seance) -> list[Mandat]:
    """The instance's mandates active on the meeting's date (CONCEPTION §3), with person, organisation, collège."""
    requete = (
        select(Mandat)
        .where(Mandat.instance_id == seance.instance_id)
        .options(joinedload(Mandat.personne).joinedload(Personne.structure), joinedload(Mandat.college))
    )
    return [m for m in session.scalars(requete).unique() if m.actif_le(seance.date)]


def _est_deliberatif(m: Mandat, qualite: Qualite) -> bool:
    return m.qualite is qualite and m.voix is Voix.DELIBERATIVE


def _cle_personne(p: Personne) -> tuple[str, str, int]:
    return normaliser(p.nom), normaliser(p.prenom), p.id


def _cle_college(m: Mandat) -> tuple[int, str, int]:
    return m.college.ordre, normaliser(m.college.nom), m.college_id


def lire_presence(session: Session, seance_id: int, personne_id: int) -> PresenceLue | None:
    """What is recorded for one person (None: nothing), to put it back on undo."""
    presence = session.scalar(
        select(Presence).where(Presence.seance_id == seance_id, Presence.personne_id == personne_id)
    )
    return None if presence is None else PresenceLue(presence.etat, presence.pouvoir_a_id)


def restaurer_presence(session: Session, seance_id: int, personne_id: int, avant: PresenceLue | None) -> None:
    """Put back what `lire_presence` read (the undo of any change of state)."""
    if avant is None:
        effacer_presence(session, seance_id, personne_id)
    else:
        enregistrer_presence(session, seance_id, personne_id, avant.etat, avant.pouvoir_a_id)


def lignes_presence(session: Session, seance_id: int) -> list[LignePresence]:
    """Every expected seat with its suppléants, collège by collège, then consultative members, then guests.

    A person appears once (a deliberative titulaire before anything else they also hold).
    """
    seance, _instance = _seance_et_instance(session, seance_id)
    mandats = _mandats_actifs(session, seance)
    presences = {
        p.personne_id: p
        for p in session.scalars(
            select(Presence).where(Presence.seance_id == seance_id).options(joinedload(Presence.pouvoir_a))
        )
    }
    sieges = {siege.mandat.id: siege.etat for siege in etat_seance(session, seance_id).sieges}
    titulaires = {m.id: m for m in mandats if _est_deliberatif(m, Qualite.TITULAIRE)}
    personnes_titulaires = {m.personne_id for m in titulaires.values()}
    suppleants: dict[int | None, list[Mandat]] = defaultdict(list)  # None: a suppléant standing in for nobody
    for m in mandats:
        if _est_deliberatif(m, Qualite.SUPPLEANT) and m.personne_id not in personnes_titulaires:
            suppleants[m.titulaire_id if m.titulaire_id in titulaires else None].append(m)

    lignes: list[LignePresence] = []
    vus: set[int] = set()

    def ajouter(
        personne: Personne,
        college: str,
        genre: GenreLigne,
        titulaire: Personne | None = None,
        siege: EtatSiege | None = None,
    ) -> None:
        if personne.id in vus:
            return
        vus.add(personne.id)
        presence = presences.get(personne.id)
        porteur = presence.pouvoir_a if presence is not None else None
        lignes.append(
            LignePresence(
                personne_id=personne.id,
                nom=personne.nom_complet,
                structure=personne.structure.nom if personne.structure is not None else "",
                college=college,
                genre=genre,
                titulaire_personne_id=titulaire.id if titulaire is not None else None,
                titulaire_nom=titulaire.nom_complet if titulaire is not None else "",
                etat=presence.etat if presence is not None else None,
                pouvoir_a_id=porteur.id if porteur is not None else None,
                pouvoir_a_nom=porteur.nom_complet if porteur is not None else "",
                siege=siege,
            )
        )

    def par_nom(liste: list[Mandat]) -> list[Mandat]:
        return sorted(liste, key=lambda m: _cle_personne(m.personne))

    colleges = sorted({_cle_college(m): m.college.nom for m in [*titulaires.values(), *suppleants[None]]}.items())
    for (_ordre, _cle, college_id), nom_college in colleges:
        for titulaire in par_nom([m for m in titulaires.values() if m.college_id == college_id]):
            ajouter(titulaire.personne, nom_college, GenreLigne.TITULAIRE, siege=sieges.get(titulaire.id))
            for suppleant in par_nom(suppleants.get(titulaire.id, [])):
                ajouter(suppleant.personne, suppleant.college.nom, GenreLigne.SUPPLEANT, titulaire.personne)
        for orphelin in par_nom([m for m in suppleants[None] if m.college_id == college_id]):
            ajouter(orphelin.personne, nom_college, GenreLigne.SUPPLEANT)
    consultatifs = sorted(
        (m for m in mandats if m.voix is Voix.CONSULTATIVE), key=lambda m: (_cle_college(m), _cle_personne(m.personne))
    )
    for m in consultatifs:
        ajouter(m.personne, m.college.nom, GenreLigne.CONSULTATIF)
    membres = {m.personne_id for m in mandats}
    invites = sorted((p.personne for i, p in presences.items() if i not in membres), key=_cle_personne)
    for personne in invites:
        ajouter(personne, "", GenreLigne.INVITE)
    return lignes


def _titulaire_actif(mandats: list[Mandat], personne_id: int) -> list[Mandat]:
    return [m for m in mandats if m.personne_id == personne_id and _est_deliberatif(m, Qualite.TITULAIRE)]


def _nom(session: Session, personne_id: int) -> str:
    personne = session.get(Personne, personne_id)
    if personne is None:
        raise ErreurConnue("Personne introuvable.")
    return personne.nom_complet


def _refus_porteur(
    session: Session,
    instance: Instance,
    mandats: list[Mandat],
    presences: list[Presence],
    mandant_id: int,
    porteur_id: int,
) -> str | None:
    """Why `porteur_id` may not hold the mandant's proxy at this meeting, in French; None when they may.

    `mandats` are the instance's mandates active that day, `presences` what is recorded at the meeting.
    """
    nom = _nom(session, porteur_id)
    if porteur_id == mandant_id:
        return "On ne peut pas se donner un pouvoir à soi-même."
    if instance.pouvoirs_max_par_porteur <= 0:
        return f"L'instance « {instance.nom} » n'admet pas de pouvoir."
    deliberatifs = [m for m in mandats if m.personne_id == porteur_id and m.voix is Voix.DELIBERATIVE]
    if not deliberatifs:
        return f"{nom} n'a pas de mandat à voix délibérative dans l'instance à la date de la séance."
    sieges_du_mandant = {m.id for m in _titulaire_actif(mandats, mandant_id)}
    if any(m.qualite is Qualite.SUPPLEANT and m.titulaire_id in sieges_du_mandant for m in deliberatifs):
        return f"{nom} est suppléant de {_nom(session, mandant_id)} : notez-le plutôt présent, il siège à sa place."
    etat = next((p.etat for p in presences if p.personne_id == porteur_id), None)
    if etat in (EtatPresence.EXCUSE, EtatPresence.ABSENT, EtatPresence.REPRESENTE):
        assert etat is not None
        return f"{nom} est noté « {etat.libelle.lower()} » à cette séance : il ne peut pas porter de pouvoir."
    portes = [p for p in presences if p.pouvoir_a_id == porteur_id and p.personne_id != mandant_id]
    limite = instance.pouvoirs_max_par_porteur
    if len(portes) >= limite:
        de_qui = ", ".join(sorted(p.personne.nom_complet for p in portes))
        regle = "un seul pouvoir" if limite == 1 else f"{limite} pouvoirs au plus"
        return f"{nom} porte déjà le pouvoir de {de_qui} à cette séance ({regle} par porteur)."
    return None


def _presences_de(session: Session, seance_id: int) -> list[Presence]:
    return list(
        session.scalars(select(Presence).where(Presence.seance_id == seance_id).options(joinedload(Presence.personne)))
    )


def _verifier_mandant(session: Session, mandats: list[Mandat], mandant_id: int) -> None:
    if not _titulaire_actif(mandats, mandant_id):
        raise ErreurConnue(
            f"Seul un titulaire à voix délibérative donne un pouvoir : {_nom(session, mandant_id)} "
            "n'en est pas un à la date de cette séance."
        )


def porteurs_possibles(session: Session, seance_id: int, mandant_id: int) -> list[tuple[int, str]]:
    """The members who may hold the mandant's proxy, by name: a deliberative mandate that day, not the mandant
    nor one of their suppléants, not excused, absent or represented, and not already at the proxy limit.

    ErreurConnue when the mandant is not a deliberative titulaire of the instance that day.
    """
    seance, instance = _seance_et_instance(session, seance_id)
    mandats = _mandats_actifs(session, seance)
    _verifier_mandant(session, mandats, mandant_id)
    presences = _presences_de(session, seance_id)
    candidats = {m.personne_id: m.personne for m in mandats if m.voix is Voix.DELIBERATIVE}
    return [
        (p.id, p.nom_complet)
        for p in sorted(candidats.values(), key=_cle_personne)
        if _refus_porteur(session, instance, mandats, presences, mandant_id, p.id) is None
    ]


def donner_pouvoir(session: Session, seance_id: int, mandant_id: int, porteur_id: int) -> PresenceLue | None:
    """Record the mandant as represented by `porteur_id`, if that holder is allowed; returns what was recorded
    before (for the undo)."""
    seance, instance = _seance_et_instance(session, seance_id)
    mandats = _mandats_actifs(session, seance)
    _verifier_mandant(session, mandats, mandant_id)
    refus = _refus_porteur(session, instance, mandats, _presences_de(session, seance_id), mandant_id, porteur_id)
    if refus is not None:
        raise ErreurConnue(refus)
    avant = lire_presence(session, seance_id, mandant_id)
    enregistrer_presence(session, seance_id, mandant_id, EtatPresence.REPRESENTE, porteur_id)
    return avant


def changer_presence(
    session: Session, seance_id: int, personne_id: int, etat: EtatPresence | None
) -> PresenceLue | None:
    """Record a state other than a proxy (None: erase what was recorded); returns what was recorded before."""
    if etat is EtatPresence.REPRESENTE:
        raise ErreurConnue("Un pouvoir se donne à un porteur : utilisez « Représenté par… ».")
    avant = lire_presence(session, seance_id, personne_id)
    if etat is None:
        effacer_presence(session, seance_id, personne_id)
    else:
        enregistrer_presence(session, seance_id, personne_id, etat)
    return avant


def _est_membre(mandats: list[Mandat], personne_id: int) -> bool:
    return any(m.personne_id == personne_id for m in mandats)


def personnes_invitables(session: Session, seance_id: int) -> list[tuple[int, str]]:
    """The persons of the directory who may be added as guests: not members of the instance that day and not
    already listed at the meeting; labelled « Prénom Nom (structure) »."""
    seance, _instance = _seance_et_instance(session, seance_id)
    exclus = {m.personne_id for m in _mandats_actifs(session, seance)}
    exclus |= set(session.scalars(select(Presence.personne_id).where(Presence.seance_id == seance_id)))
    personnes = session.scalars(select(Personne).options(joinedload(Personne.structure)))
    return [
        (p.id, p.nom_complet if p.structure is None else f"{p.nom_complet} ({p.structure.nom})")
        for p in sorted(personnes, key=_cle_personne)
        if p.id not in exclus
    ]


def ajouter_invite(session: Session, seance_id: int, personne_id: int) -> Presence:
    """A guest is a person with no mandate in the instance that day, recorded present (never counted)."""
    seance, instance = _seance_et_instance(session, seance_id)
    nom = _nom(session, personne_id)
    if _est_membre(_mandats_actifs(session, seance), personne_id):
        raise ErreurConnue(
            f"{nom} est membre de l'instance « {instance.nom} » à la date de la séance : "
            "sa présence se note sur sa ligne, pas comme invité."
        )
    if lire_presence(session, seance_id, personne_id) is not None:
        raise ErreurConnue(f"{nom} est déjà inscrit à cette séance.")
    return enregistrer_presence(session, seance_id, personne_id, EtatPresence.PRESENT)


def retirer_invite(session: Session, seance_id: int, personne_id: int) -> PresenceLue | None:
    """Take a guest off the meeting's list; returns what was recorded (for the undo). A member stays listed."""
    seance, instance = _seance_et_instance(session, seance_id)
    if _est_membre(_mandats_actifs(session, seance), personne_id):
        raise ErreurConnue(
            f"{_nom(session, personne_id)} est membre de l'instance « {instance.nom} » : ce n'est pas un invité."
        )
    avant = lire_presence(session, seance_id, personne_id)
    effacer_presence(session, seance_id, personne_id)
    return avant


@dataclass(frozen=True)
class EnteteSeance:
    """What the attendance screen says about the meeting above its list."""

    reference: str
    date: dt.date
    instance: str
    statut: StatutSeance
    quorum_numerateur: int
    quorum_denominateur: int
    pouvoirs_comptes: bool


def entete_seance(session: Session, seance_id: int) -> EnteteSeance:
    seance, instance = _seance_et_instance(session, seance_id)
    return EnteteSeance(
        seance.reference,
        seance.date,
        instance.nom,
        seance.statut,
        instance.quorum_numerateur,
        instance.quorum_denominateur,
        instance.pouvoirs_comptes,
    )
