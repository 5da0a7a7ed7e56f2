"""Meetings: creation, editing, references, the status workflow planifiée → convoquée → tenue → clôturée,
the convocation's notice rule and the second convocation after a meeting without quorum."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.horloge import aujourdhui
from app.modeles import Instance, PointOrdreDuJour, Seance
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
    identifiant: int | None = None,
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
        id=identifiant,  # None: a new id; an old one when undoing a deletion
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


def _seance(session: Session, seance_id: int) -> Seance:
    seance = session.get(Seance, seance_id)
    if seance is None:
        raise ErreurConnue("Cette séance n'existe plus : elle a peut-être été supprimée entre-temps.")
    return seance


def convocation_en_retard(seance: Seance, instance: Instance, envoi: dt.date) -> bool:
    """Sent fewer than the instance's notice days before the meeting (CONCEPTION §5: needs a written reason)."""
    return (seance.date - envoi).days < instance.delai_convocation_jours


def lieu_manquant(seance: Seance) -> str:
    """Why the meeting cannot be convened yet for want of a place or a link, or ""."""
    if seance.format is not FormatSeance.VISIO and not seance.lieu.strip():
        return f"Indiquez le lieu de {seance.reference} avant de convoquer."
    if seance.format is not FormatSeance.PRESENTIEL and not seance.lien_visio.strip():
        return f"{seance.reference} se tient en {seance.format.libelle.lower()} : indiquez le lien de visioconférence."
    return ""


def message_retard(seance: Seance, instance: Instance, envoi: dt.date) -> str:
    jours = (seance.date - envoi).days
    ecart = "le jour même" if jours <= 0 else ("la veille" if jours == 1 else f"{jours} jours avant la séance")
    pluriel = "jour" if instance.delai_convocation_jours == 1 else "jours"
    return (
        f"La convocation de {seance.reference} part {ecart}, alors que le délai de convocation de cette instance "
        f"({instance.nom}) est de {instance.delai_convocation_jours} {pluriel} : indiquez le motif de l'urgence, "
        "il sera imprimé sur la convocation."
    )


def changer_statut(
    session: Session, seance_id: int, nouveau: StatutSeance, *, motif_urgence: str = ""
) -> Seance:
    """Move a meeting along its workflow. Convening late needs `motif_urgence` (kept and printed)."""
    seance = _seance(session, seance_id)
    if nouveau not in TRANSITIONS[seance.statut]:
        raise TransitionInterdite(
            f"La séance {seance.reference} est « {seance.statut.libelle.lower()} » : elle ne peut pas "
            f"passer à « {nouveau.libelle.lower()} »."
        )
    jour = aujourdhui()
    if nouveau is StatutSeance.TENUE and seance.date > jour:
        raise TransitionInterdite(f"La séance {seance.reference} n'a pas encore eu lieu : elle ne peut pas être tenue.")
    if nouveau is StatutSeance.CONVOQUEE:
        manque = lieu_manquant(seance)
        if manque:
            raise ErreurValidation("lieu", manque)
        envoi = seance.convocation_envoyee_le or jour
        motif = " ".join(motif_urgence.split()) or seance.motif_urgence
        if convocation_en_retard(seance, seance.instance, envoi) and not motif:
            raise ErreurValidation("motif_urgence", message_retard(seance, seance.instance, envoi))
        seance.convocation_envoyee_le = envoi
        seance.motif_urgence = motif
    if nouveau is StatutSeance.PLANIFIEE:
        # Rescheduled after a postponement: the convocation sent gave the old date, a new one will go.
        seance.convocation_envoyee_le = None
        seance.motif_urgence = ""
    seance.statut = nouveau
    session.flush()
    return seance


@dataclass(frozen=True)
class EtatWorkflow:
    """What a status change touches, to put back on undo."""

    seance_id: int
    statut: StatutSeance
    convocation_envoyee_le: dt.date | None
    motif_urgence: str


def etat_workflow(session: Session, seance_id: int) -> EtatWorkflow:
    s = _seance(session, seance_id)
    return EtatWorkflow(s.id, s.statut, s.convocation_envoyee_le, s.motif_urgence)


def passer_a(session: Session, seance_id: int, nouveau: StatutSeance, motif_urgence: str = "") -> EtatWorkflow:
    """`changer_statut` for an undoable action: returns the state before."""
    avant = etat_workflow(session, seance_id)
    changer_statut(session, seance_id, nouveau, motif_urgence=motif_urgence)
    return avant


def restaurer_workflow(session: Session, etat: EtatWorkflow) -> EtatWorkflow:
    """Undo of a status change: the statuses are put back as they were, without the workflow's checks."""
    seance = _seance(session, etat.seance_id)
    apres = etat_workflow(session, etat.seance_id)
    seance.statut = etat.statut
    seance.convocation_envoyee_le = etat.convocation_envoyee_le
    seance.motif_urgence = etat.motif_urgence
    session.flush()
    return apres


# Editing a meeting's details.


@dataclass(frozen=True)
class FicheSeance:
    id: int
    reference: str
    instance_id: int
    date: dt.date
    heure_debut: dt.time | None = None
    heure_fin: dt.time | None = None
    lieu: str = ""
    lien_visio: str = ""
    format: FormatSeance = FormatSeance.PRESENTIEL
    president_seance_id: int | None = None
    secretaire_seance_id: int | None = None


def fiche_seance(session: Session, seance_id: int) -> FicheSeance:
    s = _seance(session, seance_id)
    return FicheSeance(
        s.id,
        s.reference,
        s.instance_id,
        s.date,
        s.heure_debut,
        s.heure_fin,
        s.lieu,
        s.lien_visio,
        s.format,
        s.president_seance_id,
        s.secretaire_seance_id,
    )


def ajouter_seance(session: Session, fiche: FicheSeance) -> FicheSeance:
    """Create the meeting `fiche` describes (an empty reference gets the next free one). A non-zero id is kept:
    undoing a deletion, or redoing a creation, puts the meeting back under its own id."""
    seance = creer_seance(
        session,
        fiche.instance_id,
        fiche.date,
        reference=fiche.reference.strip() or None,
        heure_debut=fiche.heure_debut,
        heure_fin=fiche.heure_fin,
        lieu=fiche.lieu,
        lien_visio=fiche.lien_visio,
        format_=fiche.format,
        identifiant=fiche.id or None,
    )
    seance.president_seance_id = fiche.president_seance_id
    seance.secretaire_seance_id = fiche.secretaire_seance_id
    session.flush()
    return fiche_seance(session, seance.id)


def _valider_fiche(session: Session, fiche: FicheSeance) -> FicheSeance:
    reference = texte_obligatoire("reference", "La référence", fiche.reference)
    prise = session.scalar(select(Seance.id).where(Seance.reference == reference, Seance.id != fiche.id))
    if prise is not None:
        raise ErreurValidation("reference", f"La référence « {reference} » est déjà prise.")
    if fiche.heure_debut is not None and fiche.heure_fin is not None and fiche.heure_fin <= fiche.heure_debut:
        raise ErreurValidation("heure_fin", "L'heure de fin doit suivre l'heure de début.")
    return replace(fiche, reference=reference, lieu=fiche.lieu.strip(), lien_visio=fiche.lien_visio.strip())


def modifier_seance(session: Session, fiche: FicheSeance) -> FicheSeance:
    """Apply `fiche`; returns the meeting as it was (for undo). A held meeting keeps its instance and date."""
    avant = fiche_seance(session, fiche.id)
    seance = _seance(session, fiche.id)
    if seance.tenue and (fiche.instance_id != avant.instance_id or fiche.date != avant.date):
        raise ErreurValidation(
            "date", f"La séance {seance.reference} est tenue : sa date et son instance ne changent plus."
        )
    restaurer_seance(session, _valider_fiche(session, fiche))
    return avant


def restaurer_seance(session: Session, fiche: FicheSeance) -> FicheSeance:
    """Put a meeting's details back exactly as `fiche` says (undo of an edit)."""
    seance = _seance(session, fiche.id)
    seance.reference = fiche.reference
    seance.instance_id = fiche.instance_id
    seance.date = fiche.date
    seance.heure_debut = fiche.heure_debut
    seance.heure_fin = fiche.heure_fin
    seance.lieu = fiche.lieu
    seance.lien_visio = fiche.lien_visio
    seance.format = fiche.format
    seance.president_seance_id = fiche.president_seance_id
    seance.secretaire_seance_id = fiche.secretaire_seance_id
    session.flush()
    return fiche


def motif_refus_suppression(session: Session, seance_id: int) -> str | None:
    seance = _seance(session, seance_id)
    if seance.statut is not StatutSeance.PLANIFIEE:
        return (
            f"La séance {seance.reference} est « {seance.statut.libelle.lower()} » : elle fait partie de l'histoire "
            "du comité et ne se supprime pas. Une séance qui n'aura pas lieu s'annule ou se reporte."
        )
    if seance.presences:
        return f"Des présences sont enregistrées pour {seance.reference} : retirez-les d'abord."
    return None


def supprimer_seance(session: Session, seance_id: int) -> FicheSeance:
    """Only a planned meeting with nothing recorded can go (with its agenda); returns it for undo."""
    motif = motif_refus_suppression(session, seance_id)
    if motif is not None:
        raise ErreurConnue(motif)
    avant = fiche_seance(session, seance_id)
    session.delete(_seance(session, seance_id))
    session.flush()
    return avant


# A second convocation.


def motif_refus_seconde_convocation(session: Session, seance_id: int) -> str | None:
    from app.services.presences import etat_seance

    seance = _seance(session, seance_id)
    if not seance.tenue:
        return f"La séance {seance.reference} n'est pas tenue : on ne peut pas encore constater l'absence de quorum."
    if seance.seconde_convocation_de_id is not None:
        return f"{seance.reference} est déjà une seconde convocation : aucun quorum n'y était requis."
    if etat_seance(session, seance_id).quorum_atteint:
        return f"Le quorum a été atteint à la séance {seance.reference} : une seconde convocation n'a pas lieu d'être."
    deja = session.scalar(select(Seance.reference).where(Seance.seconde_convocation_de_id == seance_id))
    if deja is not None:
        return f"La seconde convocation de {seance.reference} existe déjà : {deja}."
    return None


def creer_seconde_convocation(
    session: Session, seance_id: int, date: dt.date, *, heure_debut: dt.time | None = None
) -> FicheSeance:
    """A new meeting of the same instance, with the same agenda, where no quorum is required."""
    motif = motif_refus_seconde_convocation(session, seance_id)
    if motif is not None:
        raise ErreurConnue(motif)
    initiale = _seance(session, seance_id)
    if date <= initiale.date:
        raise ErreurValidation(
            "date", f"La seconde convocation doit suivre la séance du {date_longue(initiale.date)}."
        )
    nouvelle = creer_seance(
        session,
        initiale.instance_id,
        date,
        heure_debut=heure_debut if heure_debut is not None else initiale.heure_debut,
        heure_fin=None if heure_debut is not None else initiale.heure_fin,
        lieu=initiale.lieu,
        lien_visio=initiale.lien_visio,
        format_=initiale.format,
    )
    nouvelle.seconde_convocation_de_id = initiale.id
    nouvelle.president_seance_id = initiale.president_seance_id
    nouvelle.secretaire_seance_id = initiale.secretaire_seance_id
    for point in initiale.points:
        session.add(
            PointOrdreDuJour(
                seance_id=nouvelle.id,
                rang=point.rang,
                titre=point.titre,
                nature=point.nature,
                rapporteur_id=point.rapporteur_id,
                duree_minutes=point.duree_minutes,
                saisine_id=point.saisine_id,
                recommandation_id=point.recommandation_id,
            )
        )
    session.flush()
    return fiche_seance(session, nouvelle.id)


def quorum_requis(seance: Seance) -> bool:
    """A second convocation deliberates whatever the number present."""
    return seance.seconde_convocation_de_id is None
