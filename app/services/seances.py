"""Meetings: creation, references, and the status workflow planifiée → convoquée → tenue → clôturée."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.horloge import aujourdhui
from app.modeles import Instance, Seance
from app.modeles.enumerations import FormatSeance, StatutSeance, TypeInstance
from app.services.validation import ErreurValidation, texte_obligatoire

PREFIXES = {
    TypeInstance.PLENIERE: "PL",
    TypeInstance.BUREAU: "BU",
    TypeInstance.COMITE_TECHNIQUE: "CT",
    TypeInstance.GROUPE_TRAVAIL: "GT",
    TypeInstance.ETHIQUE: "ETH",
}

TRANSITIONS: dict[StatutSeance, frozenset[StatutSeance]] = {
    StatutSeance.PLANIFIEE: frozenset({StatutSeance.CONVOQUEE, StatutSeance.ANNULEE, StatutSeance.REPORTEE}),
    StatutSeance.CONVOQUEE: frozenset({StatutSeance.TENUE, StatutSeance.ANNULEE, StatutSeance.REPORTEE}),
    StatutSeance.TENUE: frozenset({StatutSeance.CLOTUREE}),
    StatutSeance.CLOTUREE: frozenset(),
    StatutSeance.ANNULEE: frozenset(),
    StatutSeance.REPORTEE: frozenset({StatutSeance.PLANIFIEE}),
}


class TransitionInterdite(ErreurConnue):
    pass


def reference_suivante(session: Session, instance_id: int, annee: int) -> str:
    """`PL-2026-03`: the instance's prefix, the year, the next free number (never a reference in use)."""
    instance = session.get(Instance, instance_id)
    if instance is None:
        raise ErreurConnue("Instance inconnue.")
    prefixe = f"{PREFIXES[instance.type]}-{annee}-"
    existantes = set(session.scalars(select(Seance.reference).where(Seance.reference.startswith(prefixe))))
    numero = len(existantes) + 1
    while f"{prefixe}{numero:02d}" in existantes:
        numero += 1
    return f"{prefixe}{numero:02d}"


def creer_seance(
    session: Session,
    instance_id: int,
    date: dt.date,
    *,
    reference: str | None = None,
    heure_debut: dt.time | None = None,
    heure_fin: dt.time | None = None,
    lieu: str = "",
    lien_visio: str = "",
    format_: FormatSeance = FormatSeance.PRESENTIEL,
) -> Seance:
    if session.get(Instance, instance_id) is None:
        raise ErreurValidation("instance", "Instance inconnue.")
    if reference is None:
        reference = reference_suivante(session, instance_id, date.year)
    reference = texte_obligatoire("reference", "La référence", reference)
    if session.scalar(select(Seance.id).where(Seance.reference == reference)) is not None:
        raise ErreurValidation("reference", f"La référence « {reference} » est déjà prise.")
    if heure_debut is not None and heure_fin is not None and heure_fin <= heure_debut:
        raise ErreurValidation("heure_fin", "L'heure de fin doit suivre l'heure de début.")
    seance = Seance(
        reference=reference,
        instance_id=instance_id,
        date=date,
        heure_debut=heure_debut,
        heure_fin=heure_fin,
        lieu=lieu.strip(),
        lien_visio=lien_visio.strip(),
        format=format_,
        statut=StatutSeance.PLANIFIEE,
    )
    session.add(seance)
    session.flush()
    return seance


def transitions_possibles(statut: StatutSeance) -> frozenset[StatutSeance]:
    return TRANSITIONS[statut]


def changer_statut(session: Session, seance_id: int, nouveau: StatutSeance) -> Seance:
    seance = session.get(Seance, seance_id)
    if seance is None:
        raise ErreurConnue("Séance introuvable.")
    if nouveau not in TRANSITIONS[seance.statut]:
        raise TransitionInterdite(
            f"La séance {seance.reference} est « {seance.statut.libelle.lower()} » : elle ne peut pas "
            f"passer à « {nouveau.libelle.lower()} »."
        )
    jour = aujourdhui()
    if nouveau is StatutSeance.TENUE and seance.date > jour:
        raise TransitionInterdite(f"La séance {seance.reference} n'a pas encore eu lieu : elle ne peut pas être tenue.")
    if nouveau is StatutSeance.CONVOQUEE and seance.convocation_envoyee_le is None:
        seance.convocation_envoyee_le = jour
    seance.statut = nouveau
    session.flush()
    return seance
