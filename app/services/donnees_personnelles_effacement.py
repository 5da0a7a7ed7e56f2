"""Erasing a person of the directory on request (RGPD right to erasure), except what archived minutes must keep.

Someone who appears in a held meeting (attendance, proxy, chair, secretary, rapporteur, recusal) or is a
referral's rapporteur keeps their name, first name and structure, because the minutes and attendance sheets of
those meetings are archives; everything else goes (function, e-mail, phone, accessibility needs), their running
mandates end today, what was planned for them (future attendance, proxies, roles) is removed, and they are marked
erased. Someone who appears in no held meeting is deleted with their mandates. The journal keeps no value of what
was erased. Final: there is no undo (the page asks to type the name first).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Select, or_, select, update
from sqlalchemy.orm import Session

from app.db import utilisateur_systeme
from app.erreurs import ErreurConnue
from app.horloge import aujourdhui, maintenant
from app.modeles import (
    Action,
    Deport,
    EffacementPersonne,
    Journal,
    Mandat,
    Personne,
    PointOrdreDuJour,
    Presence,
    SaisineRapporteur,
    Seance,
)
from app.modeles.enumerations import STATUTS_TENUS, EtatPresence, MotifFinMandat, OperationJournal
from app.services.journal_masquage import MASQUE

CHAMPS_EFFACES = ("fonction", "courriel", "telephone", "besoins_accessibilite")
CHAMPS_NOM = ("nom", "prenom")


@dataclass(frozen=True)
class Portee:
    """What an erasure would do, for the confirmation dialog (computed without writing)."""

    nom_complet: str
    archives: tuple[str, ...]  # why the name must stay (« feuille de présence de 3 séances tenues »…); empty: deleted
    mandats_en_cours: int
    a_venir: int  # attendance rows of meetings not yet held

    @property
    def conserve_le_nom(self) -> bool:
        return bool(self.archives)

    def texte(self) -> str:
        if self.conserve_le_nom:
            return (
                f"{self.nom_complet} figure dans les archives du comité ({', '.join(self.archives)}). "
                "Ces comptes rendus doivent rester lisibles : seuls le nom, le prénom et la structure sont "
                "conservés, et seulement pour eux.\n"
                "Seront effacés : la fonction, le courriel, le téléphone et les besoins d'accessibilité, ainsi que "
                "ces valeurs dans le journal. "
                + _phrase_mandats(self.mandats_en_cours)
                + _phrase_a_venir(self.a_venir)
                + "La fiche sera marquée « effacée »."
            )
        return (
            f"{self.nom_complet} ne figure dans aucune séance tenue : sa fiche sera supprimée entièrement, avec "
            f"ses mandats{' et ses présences prévues' if self.a_venir else ''}, et son nom sera masqué dans le "
            "journal. Rien ne sera conservé."
        )


def _phrase_mandats(nombre: int) -> str:
    if not nombre:
        return ""
    if nombre == 1:
        return "Son mandat en cours prend fin aujourd'hui. "
    return f"Ses {nombre} mandats en cours prennent fin aujourd'hui. "


def _phrase_a_venir(nombre: int) -> str:
    if not nombre:
        return ""
    s, verbe = ("s", "sont") if nombre > 1 else ("", "est")
    return f"{nombre} présence{s} prévue{s} à des séances à venir {verbe} retirée{s}. "


def _personne(session: Session, personne_id: int) -> Personne:
    personne = session.get(Personne, personne_id)
    if personne is None:
        raise ErreurConnue("Cette personne n'existe plus : elle a peut-être été supprimée entre-temps.")
    return personne


def _tenues() -> Select[int]:
    return select(Seance.id).where(Seance.statut.in_(STATUTS_TENUS))


def _archives(session: Session, personne_id: int) -> tuple[str, ...]:
    """Where the person appears in the committee's archives, one phrase each."""
    tenues = _tenues()
    raisons: list[str] = []

    def compter(requete: Select[int]) -> int:
        return len(set(session.scalars(requete)))

    presences = compter(
        select(Presence.seance_id).where(
            Presence.seance_id.in_(tenues),
            or_(Presence.personne_id == personne_id, Presence.pouvoir_a_id == personne_id),
        )
    )
    if presences:
        s = "s" if presences > 1 else ""
        raisons.append(f"feuille de présence de {presences} séance{s} tenue{s}")
    bureau = compter(
        select(Seance.id).where(
            Seance.id.in_(tenues),
            or_(Seance.president_seance_id == personne_id, Seance.secretaire_seance_id == personne_id),
        )
    )
    if bureau:
        raisons.append(f"présidence ou secrétariat de {bureau} séance{'s' if bureau > 1 else ''}")
    points = compter(
        select(PointOrdreDuJour.id).where(
            PointOrdreDuJour.seance_id.in_(tenues), PointOrdreDuJour.rapporteur_id == personne_id
        )
    )
    if points:
        raisons.append(f"rapporteur de {points} point{'s' if points > 1 else ''} d'ordre du jour")
    deports = compter(
        select(Deport.id)
        .join(PointOrdreDuJour, PointOrdreDuJour.id == Deport.point_id)
        .where(PointOrdreDuJour.seance_id.in_(tenues), Deport.personne_id == personne_id)
    )
    if deports:
        raisons.append(f"{deports} déport{'s' if deports > 1 else ''}")
    saisines = compter(select(SaisineRapporteur.saisine_id).where(SaisineRapporteur.personne_id == personne_id))
    if saisines:
        raisons.append(f"rapporteur de {saisines} saisine{'s' if saisines > 1 else ''}")
    actions = compter(
        select(Action.id).where(Action.responsable_id == personne_id, Action.seance_origine_id.in_(tenues))
    )
    if actions:
        raisons.append(f"{actions} action{'s' if actions > 1 else ''} décidée{'s' if actions > 1 else ''} en séance")
    return tuple(raisons)


def _presences_a_venir(session: Session, personne_id: int) -> list[Presence]:
    return list(
        session.scalars(
            select(Presence).where(Presence.personne_id == personne_id, Presence.seance_id.not_in(_tenues()))
        )
    )


def portee_effacement(session: Session, personne_id: int) -> Portee:
    personne = _personne(session, personne_id)
    jour = aujourdhui()
    en_cours = [m for m in personne.mandats if m.fin is None or m.fin >= jour]
    return Portee(
        personne.nom_complet,
        _archives(session, personne_id),
        len(en_cours),
        len(_presences_a_venir(session, personne_id)),
    )


def masquer_journal(session: Session, entite: str, entite_id: int, cles: tuple[str, ...]) -> int:
    """Replace, in that record's journal rows, the values of `cles` by the journal's mask (as
    `journal_masquage` does when writing: the key stays, its value goes). Returns how many rows changed."""
    changees = 0
    lignes = session.execute(
        select(Journal.id, Journal.details).where(Journal.entite == entite, Journal.entite_id == entite_id)
    ).all()
    for journal_id, texte in lignes:
        try:
            details = json.loads(texte or "{}")
        except ValueError:
            continue
        if not isinstance(details, dict):
            continue
        propre = {c: (MASQUE if c in cles else v) for c, v in details.items()}
        if propre != details:
            # The journal is not journaled: a plain update is right here.
            session.execute(
                update(Journal)
                .where(Journal.id == journal_id)
                .values(details=json.dumps(propre, ensure_ascii=False, sort_keys=True))
            )
            changees += 1
    return changees


def _retirer_ce_qui_est_prevu(session: Session, personne_id: int) -> None:
    """Meetings not yet held: their attendance row goes, proxies given to them fall (the giver becomes excused),
    and they no longer chair, take minutes or report there; open actions lose their owner."""
    tenues = _tenues()
    for presence in _presences_a_venir(session, personne_id):
        session.delete(presence)
    for presence in session.scalars(
        select(Presence).where(Presence.pouvoir_a_id == personne_id, Presence.seance_id.not_in(tenues))
    ):
        presence.pouvoir_a_id = None
        presence.etat = EtatPresence.EXCUSE
    for seance in session.scalars(select(Seance).where(Seance.id.not_in(tenues))):
        if seance.president_seance_id == personne_id:
            seance.president_seance_id = None
        if seance.secretaire_seance_id == personne_id:
            seance.secretaire_seance_id = None
    for point in session.scalars(
        select(PointOrdreDuJour).where(
            PointOrdreDuJour.rapporteur_id == personne_id, PointOrdreDuJour.seance_id.not_in(tenues)
        )
    ):
        point.rapporteur_id = None
    for deport in session.scalars(
        select(Deport)
        .join(PointOrdreDuJour, PointOrdreDuJour.id == Deport.point_id)
        .where(Deport.personne_id == personne_id, PointOrdreDuJour.seance_id.not_in(tenues))
    ):
        session.delete(deport)
    decidees_en_seance = select(Action.id).where(Action.seance_origine_id.in_(tenues))
    for action in session.scalars(
        select(Action).where(Action.responsable_id == personne_id, Action.id.not_in(decidees_en_seance))
    ):
        action.responsable_id = None
    session.flush()


def _detacher_suppleants(session: Session, mandat_ids: list[int]) -> None:
    """Suppléants of a mandate that disappears become « sans titulaire » (their own seat stays)."""
    if not mandat_ids:
        return
    for suppleant in session.scalars(select(Mandat).where(Mandat.titulaire_id.in_(mandat_ids))):
        suppleant.titulaire_id = None
    session.flush()


def _noter(session: Session, personne_id: int, details: dict[str, object]) -> None:
    session.add(
        Journal(
            horodatage=maintenant(),
            utilisateur=session.info.get("utilisateur") or utilisateur_systeme(),
            entite="Personne",
            entite_id=personne_id,
            operation=OperationJournal.SUPPRESSION,
            details=json.dumps(details, ensure_ascii=False, sort_keys=True),
        )
    )
    session.flush()


def effacer_personne(session: Session, personne_id: int) -> str:
    """Erase the person (see the module's text); returns the French sentence saying what was done."""
    personne = _personne(session, personne_id)
    nom_complet = personne.nom_complet
    jour = aujourdhui()
    archives = _archives(session, personne_id)
    _retirer_ce_qui_est_prevu(session, personne_id)
    mandats = list(session.scalars(select(Mandat).where(Mandat.personne_id == personne_id)))

    if archives:
        a_supprimer = [m for m in mandats if m.debut > jour]  # not begun: nothing to keep of them
        _detacher_suppleants(session, [m.id for m in a_supprimer])
        for mandat in a_supprimer:
            session.delete(mandat)
        termines = 0
        for mandat in mandats:
            if mandat.debut <= jour and (mandat.fin is None or mandat.fin > jour):
                mandat.fin = jour
                mandat.motif_fin = MotifFinMandat.AUTRE
                termines += 1
        for champ in CHAMPS_EFFACES:
            setattr(personne, champ, "")
        marque = session.get(EffacementPersonne, personne_id) or EffacementPersonne(personne_id=personne_id)
        marque.efface_le = jour
        marque.coordonnees_effacees_le = jour
        session.add(marque)
        session.flush()
        masquer_journal(session, "Personne", personne_id, CHAMPS_EFFACES)
        _noter(session, personne_id, {"effacement": "partiel", "conserve": "nom, prénom, structure"})
        fin = (
            f" ; {termines} mandat{'s' if termines > 1 else ''} terminé{'s' if termines > 1 else ''} ce jour"
            if termines
            else ""
        )
        return (
            f"{nom_complet} : fonction, coordonnées et besoins d'accessibilité effacés{fin}. Le nom reste dans "
            "les comptes rendus des séances tenues."
        )

    _detacher_suppleants(session, [m.id for m in mandats])
    for mandat in mandats:
        session.delete(mandat)
    ancienne_marque = session.get(EffacementPersonne, personne_id)
    if ancienne_marque is not None:
        session.delete(ancienne_marque)
    session.flush()
    session.delete(personne)
    session.flush()
    masquer_journal(session, "Personne", personne_id, CHAMPS_NOM + CHAMPS_EFFACES)
    _noter(session, personne_id, {"effacement": "total"})
    return f"{nom_complet} : fiche supprimée avec ses mandats ; son nom est masqué dans le journal."


def ids_effaces(session: Session) -> dict[int, EffacementPersonne]:
    """Persons whose data were erased (by a retention rule or on request), for readers such as the import."""
    return {m.personne_id: m for m in session.scalars(select(EffacementPersonne))}


__all__ = ["MASQUE", "Portee", "effacer_personne", "ids_effaces", "masquer_journal", "portee_effacement"]
