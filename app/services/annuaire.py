"""The directory: organisations, persons, mandates (create, end, replace), with the domain's rules."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.modeles import Action, College, Instance, Mandat, Personne, PointOrdreDuJour, Presence, Structure
from app.modeles.enumerations import MotifFinMandat, Partenariat, Qualite, Role, TypeStructure, Voix
from app.services.validation import (
    ErreurValidation,
    courriel_valide,
    telephone_valide,
    texte_obligatoire,
)


def creer_structure(
    session: Session,
    nom: str,
    type_: TypeStructure,
    *,
    partenariat: Partenariat | None = None,
    lettre_engagement_le: dt.date | None = None,
) -> Structure:
    nom = texte_obligatoire("nom", "Le nom de la structure", nom)
    if session.scalar(select(Structure.id).where(Structure.nom == nom)) is not None:
        raise ErreurValidation("nom", f"La structure « {nom} » existe déjà.")
    structure = Structure(nom=nom, type=type_, partenariat=partenariat, lettre_engagement_le=lettre_engagement_le)
    session.add(structure)
    session.flush()
    return structure


def creer_personne(
    session: Session,
    nom: str,
    prenom: str,
    *,
    fonction: str = "",
    structure_id: int | None = None,
    courriel: str = "",
    telephone: str = "",
    besoins_accessibilite: str = "",
) -> Personne:
    nom = texte_obligatoire("nom", "Le nom", nom)
    prenom = texte_obligatoire("prenom", "Le prénom", prenom)
    existant = select(Personne.id).where(Personne.nom == nom, Personne.prenom == prenom)
    if session.scalar(existant) is not None:
        raise ErreurValidation("nom", f"{prenom} {nom} figure déjà dans l'annuaire.")
    if structure_id is not None and session.get(Structure, structure_id) is None:
        raise ErreurValidation("structure", "Structure inconnue.")
    personne = Personne(
        nom=nom,
        prenom=prenom,
        fonction=fonction.strip(),
        structure_id=structure_id,
        courriel=courriel_valide(courriel),
        telephone=telephone_valide(telephone),
        besoins_accessibilite=besoins_accessibilite.strip(),
    )
    session.add(personne)
    session.flush()
    return personne


def _chevauche(a_debut: dt.date, a_fin: dt.date | None, b_debut: dt.date, b_fin: dt.date | None) -> bool:
    return (b_fin is None or a_debut <= b_fin) and (a_fin is None or b_debut <= a_fin)


def creer_mandat(
    session: Session,
    personne_id: int,
    instance_id: int,
    college_id: int,
    qualite: Qualite,
    debut: dt.date,
    *,
    fin: dt.date | None = None,
    titulaire_id: int | None = None,
    role: Role = Role.MEMBRE,
    voix: Voix = Voix.DELIBERATIVE,
) -> Mandat:
    personne = session.get(Personne, personne_id)
    instance = session.get(Instance, instance_id)
    if personne is None:
        raise ErreurValidation("personne", "Personne inconnue.")
    if instance is None:
        raise ErreurValidation("instance", "Instance inconnue.")
    if session.get(College, college_id) is None:
        raise ErreurValidation("college", "Collège inconnu.")
    if fin is not None and fin < debut:
        raise ErreurValidation("fin", "La fin du mandat précède son début.")
    if qualite is Qualite.TITULAIRE and titulaire_id is not None:
        raise ErreurValidation("titulaire", "Un titulaire ne supplée personne.")
    if qualite is Qualite.SUPPLEANT and titulaire_id is not None:
        titulaire = session.get(Mandat, titulaire_id)
        if titulaire is None or titulaire.qualite is not Qualite.TITULAIRE:
            raise ErreurValidation("titulaire", "Le suppléant doit suppléer un mandat de titulaire.")
        if titulaire.instance_id != instance_id:
            raise ErreurValidation(
                "titulaire", f"Le titulaire suppléé doit siéger dans la même instance ({instance.nom})."
            )
        if titulaire.personne_id == personne_id:
            raise ErreurValidation("titulaire", "Une personne ne peut pas être sa propre suppléante.")
    for autre in session.scalars(
        select(Mandat).where(Mandat.personne_id == personne_id, Mandat.instance_id == instance_id)
    ):
        if _chevauche(debut, fin, autre.debut, autre.fin):
            raise ErreurValidation(
                "debut", f"{personne.nom_complet} a déjà un mandat dans « {instance.nom} » sur ces dates."
            )
    mandat = Mandat(
        personne_id=personne_id,
        instance_id=instance_id,
        college_id=college_id,
        qualite=qualite,
        titulaire_id=titulaire_id,
        role=role,
        voix=voix,
        debut=debut,
        fin=fin,
    )
    session.add(mandat)
    session.flush()
    return mandat


def terminer_mandat(session: Session, mandat_id: int, fin: dt.date, motif: MotifFinMandat) -> Mandat:
    """End a seat on `fin` (inclusive). Its suppléants stay attached to it and so stand in for nobody after."""
    mandat = session.get(Mandat, mandat_id)
    if mandat is None:
        raise ErreurConnue("Mandat introuvable.")
    if fin < mandat.debut:
        raise ErreurValidation("fin", "La fin du mandat précède son début.")
    mandat.fin = fin
    mandat.motif_fin = motif
    session.flush()
    return mandat


def remplacer_membre(
    session: Session,
    mandat_id: int,
    remplacant_id: int,
    a_partir_du: dt.date,
    *,
    motif: MotifFinMandat = MotifFinMandat.REMPLACEMENT,
    reprendre_suppleants: bool = True,
) -> Mandat:
    """End a titulaire's seat the day before `a_partir_du` and give the same seat to someone else.

    With `reprendre_suppleants`, the active suppléants are re-attached to the new titulaire through new
    mandates (the history of who stood in for whom stays true).
    """
    ancien = session.get(Mandat, mandat_id)
    if ancien is None or ancien.qualite is not Qualite.TITULAIRE:
        raise ErreurConnue("Seul un mandat de titulaire peut être remplacé.")
    veille = a_partir_du - dt.timedelta(days=1)
    if veille < ancien.debut:
        raise ErreurValidation("debut", "Le remplacement doit commencer après le début du mandat remplacé.")
    if ancien.fin is not None and ancien.fin < veille:
        raise ErreurValidation("debut", "Ce mandat était déjà terminé à cette date.")
    suppleants = [
        s
        for s in session.scalars(select(Mandat).where(Mandat.titulaire_id == ancien.id).order_by(Mandat.id))
        if s.actif_le(a_partir_du)
    ]
    terminer_mandat(session, ancien.id, veille, motif)
    nouveau = creer_mandat(
        session,
        remplacant_id,
        ancien.instance_id,
        ancien.college_id,
        Qualite.TITULAIRE,
        a_partir_du,
        role=ancien.role,
        voix=ancien.voix,
    )
    if reprendre_suppleants:
        for suppleant in suppleants:
            fin_prevue = suppleant.fin
            terminer_mandat(session, suppleant.id, veille, MotifFinMandat.REMPLACEMENT)
            creer_mandat(
                session,
                suppleant.personne_id,
                suppleant.instance_id,
                suppleant.college_id,
                Qualite.SUPPLEANT,
                a_partir_du,
                fin=fin_prevue,
                titulaire_id=nouveau.id,
                role=suppleant.role,
                voix=suppleant.voix,
            )
    return nouveau


def supprimer_personne(session: Session, personne_id: int) -> None:
    """Delete someone entered by mistake. Whoever appears in a meeting's record stays: end the mandate instead."""
    personne = session.get(Personne, personne_id)
    if personne is None:
        raise ErreurConnue("Personne introuvable.")
    dans_une_seance = session.scalar(
        select(
            exists().where((Presence.personne_id == personne_id) | (Presence.pouvoir_a_id == personne_id))
            | exists().where(PointOrdreDuJour.rapporteur_id == personne_id)
            | exists().where(Action.responsable_id == personne_id)
        )
    )
    if dans_une_seance:
        raise ErreurConnue(
            f"{personne.nom_complet} figure dans le compte rendu d'une séance : la fiche ne peut pas être "
            "supprimée. Terminez plutôt ses mandats."
        )
    for mandat in session.scalars(select(Mandat).where(Mandat.personne_id == personne_id)):
        if session.scalar(select(exists().where(Mandat.titulaire_id == mandat.id))):
            raise ErreurConnue(
                f"{personne.nom_complet} a des suppléants rattachés : terminez ses mandats au lieu de supprimer."
            )
        session.delete(mandat)
    session.flush()
    session.delete(personne)
    session.flush()
