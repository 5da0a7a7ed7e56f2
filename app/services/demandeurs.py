"""Who asked. The only module that reads or writes `DemandeurSaisine` (a test checks it): the rest of the program,
documents and exports included, knows a referral's requester by kind only.

Identities are purged some months after the opinion was sent (CONCEPTION §2, issue on personal data).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from app.erreurs import ErreurConnue
from app.modeles import Comite, DemandeurSaisine, Saisine
from app.modeles.enumerations import StatutSaisine
from app.services.calendrier import ajouter_mois

CONSERVATION_MOIS = 6


@dataclass(frozen=True)
class Demandeur:
    identite: str = ""
    coordonnees: str = ""

    @property
    def vide(self) -> bool:
        return not (self.identite.strip() or self.coordonnees.strip())


def lire_demandeur(session: Session, saisine_id: int) -> Demandeur | None:
    """The requester as recorded, or None when nothing is (never entered, or purged)."""
    ligne = session.scalar(select(DemandeurSaisine).where(DemandeurSaisine.saisine_id == saisine_id))
    return None if ligne is None else Demandeur(ligne.identite, ligne.coordonnees)


def enregistrer_demandeur(session: Session, saisine_id: int, demandeur: Demandeur) -> Demandeur | None:
    """Record (or clear, with an empty one) the requester; returns what was there, for undo."""
    if session.get(Saisine, saisine_id) is None:
        raise ErreurConnue("Cette saisine n'existe plus : elle a peut-être été supprimée entre-temps.")
    avant = lire_demandeur(session, saisine_id)
    ligne = session.scalar(select(DemandeurSaisine).where(DemandeurSaisine.saisine_id == saisine_id))
    propre = Demandeur(demandeur.identite.strip(), demandeur.coordonnees.strip())
    if propre.vide:
        if ligne is not None:
            session.delete(ligne)
    elif ligne is None:
        session.add(DemandeurSaisine(saisine_id=saisine_id, identite=propre.identite, coordonnees=propre.coordonnees))
    else:
        ligne.identite, ligne.coordonnees = propre.identite, propre.coordonnees
    session.flush()
    return avant


def retirer_pour_suppression(session: Session, saisine_id: int) -> Demandeur | None:
    """Deleting a referral: its requester goes with it, kept in memory for undo only."""
    avant = lire_demandeur(session, saisine_id)
    ligne = session.scalar(select(DemandeurSaisine).where(DemandeurSaisine.saisine_id == saisine_id))
    if ligne is not None:
        session.delete(ligne)
        session.flush()
    return avant


def remettre_apres_suppression(session: Session, saisine_id: int, demandeur: Demandeur) -> None:
    enregistrer_demandeur(session, saisine_id, demandeur)


def duree_mois(session: Session) -> int:
    """The committee's retention of requesters' identities, in months (page « Données personnelles »)."""
    valeur = session.scalar(select(Comite.conservation_demandeurs_mois).order_by(Comite.id).limit(1))
    return CONSERVATION_MOIS if valeur is None else int(valeur)


def date_de_purge(s: Saisine, mois: int | None = None) -> dt.date | None:
    """When the requester's identity is due for erasure: `mois` months (by default the committee's setting)
    after the opinion was sent, or after the referral was closed without opinion (irrecevable, réorientée);
    None while it is still being handled."""
    if mois is None:
        session = object_session(s)
        mois = CONSERVATION_MOIS if session is None else duree_mois(session)
    if s.transmise_le is not None:
        return ajouter_mois(s.transmise_le, mois)
    if s.statut in (StatutSaisine.IRRECEVABLE, StatutSaisine.REORIENTEE, StatutSaisine.CLOTUREE):
        fin = max((t.le for t in s.transitions), default=s.recue_le)
        return ajouter_mois(fin, mois)
    return None


def purger_demandeurs(session: Session, aujourdhui: dt.date, mois: int | None = None) -> list[str]:
    """Erase the identities whose time is up; returns the numbers of the referrals concerned. Final: there is
    no undo (that is the point)."""
    if mois is None:
        mois = duree_mois(session)
    purges = []
    lignes = session.execute(select(DemandeurSaisine, Saisine).join(Saisine, Saisine.id == DemandeurSaisine.saisine_id))
    for ligne, s in lignes:
        echeance = date_de_purge(s, mois)
        if echeance is not None and echeance <= aujourdhui:
            session.delete(ligne)
            purges.append(s.numero)
    session.flush()
    return sorted(purges)
