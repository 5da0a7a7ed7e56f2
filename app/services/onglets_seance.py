"""What the meeting's tabs read (Présences, Compte rendu, Actions, Documents): one read each, no Qt."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.modeles import Seance
from app.modeles.enumerations import StatutSeance
from app.services import ordre_du_jour
from app.services.annuaire_lecture import Choix, lire_choix
from app.services.documents_seance import date_d_envoi
from app.services.ordre_du_jour import FichePoint, points_de
from app.services.presences import GenreLigne, etat_seance, lignes_presence
from app.services.seances import convocation_en_retard, message_retard, quorum_requis


def resume_presences(session: Session, seance_id: int) -> tuple[str, str, bool]:
    """The « Présences » tab: (counts, quorum sentence, whether attendance may be recorded)."""
    seance = session.get(Seance, seance_id)
    if seance is None:
        raise ErreurConnue("Cette séance n'existe plus.")
    etat = etat_seance(session, seance_id)
    d = etat.decompte
    comptes = (
        f"Sièges attendus : {d.attendus} · Présents : {d.presents} · Suppléés : {d.supplees} · "
        f"Représentés : {d.representes} · Excusés : {d.excuses} · Absents : {d.absents}"
    )
    if not quorum_requis(seance):
        quorum = "Seconde convocation : aucun quorum n'est requis."
    else:
        pouvoirs = "pouvoirs comptés" if seance.instance.pouvoirs_comptes else "pouvoirs non comptés"
        verdict = "atteint" if etat.quorum_atteint else "non atteint"
        quorum = f"Quorum : {etat.requis} voix requises ({pouvoirs}) — {verdict}."
    ouverte = seance.statut not in (StatutSeance.ANNULEE, StatutSeance.REPORTEE)
    return comptes, quorum, ouverte


@dataclass(frozen=True)
class DonneesCompteRendu:
    reference: str
    tenue: bool
    points: tuple[FichePoint, ...]
    membres: tuple[tuple[int, str], ...]  # who may recuse themselves: the instance's members that day


def lire_compte_rendu(session: Session, seance_id: int) -> DonneesCompteRendu:
    seance = session.get(Seance, seance_id)
    if seance is None:
        raise ErreurConnue("Cette séance n'existe plus.")
    membres = tuple(
        (ligne.personne_id, ligne.nom)
        for ligne in lignes_presence(session, seance_id)
        if ligne.genre is not GenreLigne.INVITE
    )
    return DonneesCompteRendu(
        seance.reference, seance.tenue, tuple(ordre_du_jour.points_de(session, seance_id)), membres
    )


@dataclass(frozen=True)
class ChoixAction:
    personnes: tuple[Choix, ...]
    points: tuple[Choix, ...]


def lire_choix_action(session: Session, seance_id: int) -> ChoixAction:
    points = tuple(Choix(p.id, f"{p.rang}. {p.titre}") for p in points_de(session, seance_id))
    return ChoixAction(lire_choix(session).personnes, points)


@dataclass(frozen=True)
class EtatDocuments:
    reference: str
    statut: StatutSeance
    tenue: bool
    retard: str  # the notice message when a convocation issued now would be late and has no reason yet
    pv_approuve: bool


def etat_documents(session: Session, seance_id: int) -> EtatDocuments:
    seance = session.get(Seance, seance_id)
    if seance is None:
        raise ErreurConnue("Cette séance n'existe plus.")
    envoi = date_d_envoi(seance)
    retard = ""
    if convocation_en_retard(seance, seance.instance, envoi) and not seance.motif_urgence:
        retard = message_retard(seance, seance.instance, envoi)
    return EtatDocuments(seance.reference, seance.statut, seance.tenue, retard, seance.pv_approuve_le is not None)
