"""Retention rules, applied when the window opens a base and by `verifier --purger`: what has outlived its
purpose is erased, and said.

Three rules, each with its duration recorded on the committee (page « Données personnelles »):
- the identities of referrals' requesters, N months after the opinion was sent or the referral closed
  (`demandeurs.purger_demandeurs`);
- the e-mail, phone and accessibility needs of persons all of whose mandates ended N years ago; their name,
  first name, structure and function stay, so that the minutes and attendance of past meetings still read right;
- the journal's rows older than N years.

A purge is final (no undo) and is itself journaled (entity « Conservation », counts only): a second run the same
day erases nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from app.db import utilisateur_systeme
from app.erreurs import ErreurConnue
from app.horloge import aujourdhui, maintenant
from app.modeles import Comite, EffacementPersonne, Journal, Mandat, Personne
from app.modeles.enumerations import OperationJournal
from app.services import demandeurs
from app.services.calendrier import ajouter_mois

ENTITE = "Conservation"  # the journal's entity for purges: the page lists them as « Dernières purges »
CHAMPS_COORDONNEES = ("courriel", "telephone", "besoins_accessibilite")


@dataclass(frozen=True)
class Bornes:
    minimum: int
    maximum: int
    unite: str  # « mois », « ans »
    libelle: str  # what the duration is for, in a sentence: « l'identité des demandeurs »


@dataclass(frozen=True)
class Durees:
    demandeurs_mois: int = demandeurs.CONSERVATION_MOIS
    coordonnees_ans: int = 1
    journal_ans: int = 5


BORNES = {
    # At least one month: the requester may need an answer about the opinion just sent; at most two years.
    "demandeurs_mois": Bornes(1, 24, "mois", "la durée de conservation de l'identité des demandeurs"),
    # A former member may be asked to approve minutes or be thanked; past 5 years nothing justifies it.
    "coordonnees_ans": Bornes(1, 5, "ans", "la durée de conservation des coordonnées des anciens membres"),
    # The journal proves who changed what: at least one year, at most ten.
    "journal_ans": Bornes(1, 10, "ans", "la durée de conservation du journal"),
}


def lire_durees(session: Session) -> Durees:
    comite = session.scalar(select(Comite).order_by(Comite.id).limit(1))
    if comite is None:
        return Durees()
    return Durees(
        comite.conservation_demandeurs_mois, comite.conservation_coordonnees_ans, comite.conservation_journal_ans
    )


def valider_durees(durees: Durees) -> None:
    for champ, bornes in BORNES.items():
        valeur = getattr(durees, champ)
        if not isinstance(valeur, int) or isinstance(valeur, bool) or not bornes.minimum <= valeur <= bornes.maximum:
            unite = "an" if bornes.unite == "ans" and bornes.minimum == 1 else bornes.unite
            raise ErreurConnue(
                f"{bornes.libelle[0].upper()}{bornes.libelle[1:]} doit être comprise entre {bornes.minimum} "
                f"{unite} et {bornes.maximum} {bornes.unite} (et non « {valeur} »)."
            )


def enregistrer_durees(session: Session, durees: Durees) -> Durees:
    """Record the durations (checked first: nothing changes on a bad one); returns the previous ones, for undo."""
    valider_durees(durees)
    comite = session.scalar(select(Comite).order_by(Comite.id).limit(1))
    if comite is None:
        raise ErreurConnue(
            "Aucun comité n'est enregistré dans cette base : renseignez d'abord la page « Comité », "
            "puis les durées de conservation."
        )
    avant = lire_durees(session)
    comite.conservation_demandeurs_mois = durees.demandeurs_mois
    comite.conservation_coordonnees_ans = durees.coordonnees_ans
    comite.conservation_journal_ans = durees.journal_ans
    session.flush()
    return avant


# --- the rules ----------------------------------------------------------------------------------------------


def echeance_coordonnees(fins: list[dt.date | None], ans: int) -> dt.date | None:
    """When a person's contact details are due for erasure: `ans` years after the end of their last mandate,
    provided every mandate has ended; None while one runs (or when they never had one: a guest's details are
    the secretariat's to remove)."""
    if not fins or any(fin is None for fin in fins):
        return None
    derniere = max(fin for fin in fins if fin is not None)
    return ajouter_mois(derniere, 12 * ans)


def _marque(session: Session, personne_id: int) -> EffacementPersonne:
    marque = session.get(EffacementPersonne, personne_id)
    if marque is None:
        marque = EffacementPersonne(personne_id=personne_id)
        session.add(marque)
    return marque


def purger_coordonnees(session: Session, jour: dt.date, ans: int) -> int:
    """Erase the contact details of the persons whose time is up; returns how many had some."""
    fins: dict[int, list[dt.date | None]] = {}
    for personne_id, fin in session.execute(select(Mandat.personne_id, Mandat.fin)):
        fins.setdefault(personne_id, []).append(fin)
    avec_coordonnees = select(Personne).where(
        or_(*(func.coalesce(getattr(Personne, c), "") != "" for c in CHAMPS_COORDONNEES))
    )
    nombre = 0
    for personne in session.scalars(avec_coordonnees.order_by(Personne.id)):
        echeance = echeance_coordonnees(fins.get(personne.id, []), ans)
        if echeance is None or echeance > jour:
            continue
        personne.courriel = personne.telephone = personne.besoins_accessibilite = ""
        _marque(session, personne.id).coordonnees_effacees_le = jour
        nombre += 1
    session.flush()
    return nombre


def limite_journal(jour: dt.date, ans: int) -> dt.datetime:
    """Rows recorded before this instant are past their time: a row of 3 March 2021 goes on 3 March 2026
    with 5 years."""
    return dt.datetime.combine(ajouter_mois(jour, -12 * ans) + dt.timedelta(days=1), dt.time())


def purger_journal(session: Session, jour: dt.date, ans: int) -> int:
    resultat = session.execute(delete(Journal).where(Journal.horodatage < limite_journal(jour, ans)))
    return int(getattr(resultat, "rowcount", 0) or 0)


def _pluriel(nombre: int, singulier: str, pluriel: str) -> str:
    return f"{nombre} {singulier if nombre == 1 else pluriel}"


def _noter(session: Session, regle: str, nombre: int, phrase: str) -> None:
    """The purge in the journal: which rule, how many, the sentence shown (never a person's data)."""
    session.add(
        Journal(
            horodatage=maintenant(),
            utilisateur=session.info.get("utilisateur") or utilisateur_systeme(),
            entite=ENTITE,
            entite_id=None,
            operation=OperationJournal.SUPPRESSION,
            details=json.dumps({"regle": regle, "nombre": nombre, "texte": phrase}, ensure_ascii=False, sort_keys=True),
        )
    )


def appliquer_a_l_ouverture(session: Session) -> list[str]:
    """Apply the rules; returns one French sentence per kind of data erased (empty: nothing was)."""
    jour = aujourdhui()
    durees = lire_durees(session)
    phrases: list[tuple[str, int, str]] = []

    numeros = demandeurs.purger_demandeurs(session, jour, durees.demandeurs_mois)
    if numeros:
        phrases.append(
            (
                "demandeurs",
                len(numeros),
                f"Identité du demandeur effacée pour {_pluriel(len(numeros), 'saisine', 'saisines')} "
                f"({', '.join(numeros)}) : leur délai de conservation ({durees.demandeurs_mois} mois après l'avis "
                "ou la clôture) est échu.",
            )
        )
    personnes = purger_coordonnees(session, jour, durees.coordonnees_ans)
    if personnes:
        phrases.append(
            (
                "coordonnees",
                personnes,
                f"Coordonnées (courriel, téléphone, besoins d'accessibilité) effacées pour "
                f"{_pluriel(personnes, 'ancien membre', 'anciens membres')} : leurs mandats ont pris fin il y a "
                f"plus de {_pluriel(durees.coordonnees_ans, 'an', 'ans')} ; nom, structure et fonction restent "
                "pour les comptes rendus.",
            )
        )
    lignes = purger_journal(session, jour, durees.journal_ans)
    if lignes:
        phrases.append(
            (
                "journal",
                lignes,
                f"{_pluriel(lignes, 'ligne', 'lignes')} du journal effacée{'s' if lignes > 1 else ''} : "
                f"plus de {_pluriel(durees.journal_ans, 'an', 'ans')}, leur durée de conservation.",
            )
        )
    for regle, nombre, phrase in phrases:
        _noter(session, regle, nombre, phrase)
    session.flush()
    return [phrase for _regle, _nombre, phrase in phrases]


# --- what the page shows ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Purge:
    horodatage: dt.datetime
    utilisateur: str
    texte: str


def dernieres_purges(session: Session, nombre: int = 20) -> list[Purge]:
    """The latest purges, newest first (as journaled by `appliquer_a_l_ouverture`)."""
    requete = (
        select(Journal)
        .where(Journal.entite == ENTITE)
        .order_by(Journal.horodatage.desc(), Journal.id.desc())
        .limit(nombre)
    )
    purges = []
    for ligne in session.scalars(requete):
        try:
            texte = str(json.loads(ligne.details).get("texte", ""))
        except (ValueError, AttributeError):
            texte = ""
        purges.append(Purge(ligne.horodatage, ligne.utilisateur, texte))
    return purges
