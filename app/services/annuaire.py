"""The directory: organisations, persons, mandates (create, end, replace), with the domain's rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace

from sqlalchemy import exists, func, select, true
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.modeles import (
    Action,
    College,
    ComitePorteur,
    Instance,
    Mandat,
    Personne,
    PointOrdreDuJour,
    Presence,
    SaisineRapporteur,
    Seance,
    Structure,
)
from app.modeles.enumerations import (
    STATUTS_TENUS,
    MotifFinMandat,
    Partenariat,
    Qualite,
    Role,
    TypeStructure,
    Voix,
)
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


def motif_refus_suppression_personne(session: Session, personne_id: int) -> str | None:
    """Why a person's record must stay (it appears in a meeting's record, a referral, or has suppléants)."""
    personne = session.get(Personne, personne_id)
    if personne is None:
        return "Personne introuvable."
    dans_une_seance = session.scalar(
        select(
            exists().where((Presence.personne_id == personne_id) | (Presence.pouvoir_a_id == personne_id))
            | exists().where(PointOrdreDuJour.rapporteur_id == personne_id)
            | exists().where(Action.responsable_id == personne_id)
            | exists().where((Seance.president_seance_id == personne_id) | (Seance.secretaire_seance_id == personne_id))
        )
    )
    if dans_une_seance:
        return (
            f"{personne.nom_complet} figure dans des procès-verbaux ou des feuilles de présence : sa fiche ne "
            "peut pas être supprimée. Terminez plutôt ses mandats."
        )
    if session.scalar(select(exists().where(SaisineRapporteur.personne_id == personne_id))):
        return (
            f"{personne.nom_complet} est rapporteur d'une saisine de l'instance éthique : sa fiche ne peut pas "
            "être supprimée. Terminez plutôt ses mandats."
        )
    supplee = select(Mandat.id).where(Mandat.personne_id == personne_id)
    if session.scalar(select(exists().where(Mandat.titulaire_id.in_(supplee)))):
        return f"{personne.nom_complet} a des suppléants rattachés : terminez ses mandats au lieu de supprimer."
    return None


def supprimer_personne(session: Session, personne_id: int) -> None:
    """Delete someone entered by mistake. Whoever appears in a meeting's record stays: end the mandate instead."""
    personne = session.get(Personne, personne_id)
    if personne is None:
        raise ErreurConnue("Personne introuvable.")
    motif = motif_refus_suppression_personne(session, personne_id)
    if motif is not None:
        raise ErreurConnue(motif)
    for mandat in session.scalars(select(Mandat).where(Mandat.personne_id == personne_id)):
        session.delete(mandat)
    session.flush()
    session.delete(personne)
    session.flush()


# --- Edits from the Structures and Membres pages --------------------------------------------------------------
# Each write returns what its undo needs (the record as it was), and each `restaurer_*` puts a record back
# under its own id: an undo followed by a redo leaves the ids, and so every later step of the stack, valid.


@dataclass(frozen=True)
class FicheStructure:
    id: int
    nom: str
    type: TypeStructure
    partenariat: Partenariat | None = None
    lettre_engagement_le: dt.date | None = None


@dataclass(frozen=True)
class FichePersonne:
    id: int
    nom: str
    prenom: str
    fonction: str = ""
    structure_id: int | None = None
    courriel: str = ""
    telephone: str = ""
    besoins_accessibilite: str = ""

    @property
    def nom_complet(self) -> str:
        return f"{' '.join(self.prenom.split())} {' '.join(self.nom.split())}"


@dataclass(frozen=True)
class FicheMandat:
    id: int
    personne_id: int
    instance_id: int
    college_id: int
    qualite: Qualite
    debut: dt.date
    titulaire_id: int | None = None
    role: Role = Role.MEMBRE
    voix: Voix = Voix.DELIBERATIVE
    fin: dt.date | None = None
    motif_fin: MotifFinMandat | None = None


@dataclass(frozen=True)
class PersonneRetiree:
    """A deleted person and the mandates deleted with them, to put back on undo."""

    fiche: FichePersonne
    mandats: tuple[FicheMandat, ...]


@dataclass(frozen=True)
class Remplacement:
    """What a replacement changed in its instance: mandates before and after, and those it created."""

    avant: tuple[FicheMandat, ...]
    apres: tuple[FicheMandat, ...]
    crees: tuple[int, ...]
    nouveau_id: int


# Structures.


def _structure(session: Session, structure_id: int) -> Structure:
    structure = session.get(Structure, structure_id)
    if structure is None:
        raise ErreurConnue("Cette structure n'existe plus : elle a peut-être été supprimée entre-temps.")
    return structure


def fiche_structure(session: Session, structure_id: int) -> FicheStructure:
    s = _structure(session, structure_id)
    return FicheStructure(s.id, s.nom, s.type, s.partenariat, s.lettre_engagement_le)


def ajouter_structure(session: Session, fiche: FicheStructure) -> FicheStructure:
    """Create the structure `fiche` describes (its id is ignored) and return it as saved."""
    structure = creer_structure(
        session, fiche.nom, fiche.type, partenariat=fiche.partenariat, lettre_engagement_le=fiche.lettre_engagement_le
    )
    return fiche_structure(session, structure.id)


def _nom_de_structure(session: Session, nom: str, sauf: int) -> str:
    nom = texte_obligatoire("nom", "Le nom de la structure", nom)
    if session.scalar(select(Structure.id).where(Structure.nom == nom, Structure.id != sauf)) is not None:
        raise ErreurValidation("nom", f"La structure « {nom} » existe déjà.")
    return nom


def modifier_structure(session: Session, fiche: FicheStructure) -> FicheStructure:
    """Apply `fiche` to its structure; returns the structure as it was (for undo)."""
    avant = fiche_structure(session, fiche.id)
    nom = _nom_de_structure(session, fiche.nom, fiche.id)
    restaurer_structure(session, replace(fiche, nom=nom))
    return avant


def restaurer_structure(session: Session, fiche: FicheStructure) -> FicheStructure:
    """Put a structure back exactly as `fiche` says, under its id (recreated if it was deleted)."""
    _nom_de_structure(session, fiche.nom, fiche.id)
    structure = session.get(Structure, fiche.id)
    if structure is None:
        structure = Structure(id=fiche.id)
        session.add(structure)
    structure.nom = fiche.nom
    structure.type = fiche.type
    structure.partenariat = fiche.partenariat
    structure.lettre_engagement_le = fiche.lettre_engagement_le
    session.flush()
    return fiche


def motif_refus_suppression_structure(session: Session, structure_id: int) -> str | None:
    """Why a structure cannot be deleted (people or the committee still point to it), or None."""
    structure = _structure(session, structure_id)
    membres = session.scalar(select(func.count()).where(Personne.structure_id == structure_id)) or 0
    if membres:
        qui = "une personne" if membres == 1 else f"{membres} personnes"
        return (
            f"« {structure.nom} » ne peut pas être supprimée : {qui} de l'annuaire y "
            f"{'est rattachée' if membres == 1 else 'sont rattachées'}. Rattachez-les d'abord à une autre "
            "structure (page Membres)."
        )
    if session.scalar(select(exists().where(ComitePorteur.structure_id == structure_id))):
        return f"« {structure.nom} » porte le comité : retirez-la d'abord des structures porteuses (page Comité)."
    return None


def supprimer_structure(session: Session, structure_id: int) -> FicheStructure:
    motif = motif_refus_suppression_structure(session, structure_id)
    if motif is not None:
        raise ErreurConnue(motif)
    avant = fiche_structure(session, structure_id)
    session.delete(_structure(session, structure_id))
    session.flush()
    return avant


# Persons.


def _personne(session: Session, personne_id: int) -> Personne:
    personne = session.get(Personne, personne_id)
    if personne is None:
        raise ErreurConnue("Cette personne n'est plus dans l'annuaire : sa fiche a peut-être été supprimée.")
    return personne


def fiche_personne(session: Session, personne_id: int) -> FichePersonne:
    p = _personne(session, personne_id)
    return FichePersonne(
        p.id, p.nom, p.prenom, p.fonction, p.structure_id, p.courriel, p.telephone, p.besoins_accessibilite
    )


def _valider_personne(session: Session, fiche: FichePersonne) -> FichePersonne:
    nom = texte_obligatoire("nom", "Le nom", fiche.nom)
    prenom = texte_obligatoire("prenom", "Le prénom", fiche.prenom)
    doublon = select(Personne.id).where(Personne.nom == nom, Personne.prenom == prenom, Personne.id != fiche.id)
    if session.scalar(doublon) is not None:
        raise ErreurValidation("nom", f"{prenom} {nom} figure déjà dans l'annuaire.")
    if fiche.structure_id is not None and session.get(Structure, fiche.structure_id) is None:
        raise ErreurValidation("structure", "Structure inconnue.")
    return replace(
        fiche,
        nom=nom,
        prenom=prenom,
        fonction=" ".join(fiche.fonction.split()),
        courriel=courriel_valide(fiche.courriel),
        telephone=telephone_valide(fiche.telephone),
        besoins_accessibilite=fiche.besoins_accessibilite.strip(),
    )


def ajouter_personne(session: Session, fiche: FichePersonne) -> FichePersonne:
    """Create the person `fiche` describes (its id is ignored) and return them as saved."""
    personne = creer_personne(
        session,
        fiche.nom,
        fiche.prenom,
        fonction=fiche.fonction,
        structure_id=fiche.structure_id,
        courriel=fiche.courriel,
        telephone=fiche.telephone,
        besoins_accessibilite=fiche.besoins_accessibilite,
    )
    return fiche_personne(session, personne.id)


def modifier_personne(session: Session, fiche: FichePersonne) -> FichePersonne:
    """Apply `fiche` to its person; returns the person as they were (for undo)."""
    avant = fiche_personne(session, fiche.id)
    restaurer_personne(session, _valider_personne(session, fiche))
    return avant


def restaurer_personne(session: Session, fiche: FichePersonne) -> FichePersonne:
    """Put a person back exactly as `fiche` says, under their id (recreated if deleted)."""
    doublon = select(Personne.id).where(
        Personne.nom == fiche.nom, Personne.prenom == fiche.prenom, Personne.id != fiche.id
    )
    if session.scalar(doublon) is not None:
        raise ErreurValidation("nom", f"{fiche.nom_complet} figure déjà dans l'annuaire.")
    if fiche.structure_id is not None:
        _structure(session, fiche.structure_id)
    personne = session.get(Personne, fiche.id)
    if personne is None:
        personne = Personne(id=fiche.id)
        session.add(personne)
    personne.nom = fiche.nom
    personne.prenom = fiche.prenom
    personne.fonction = fiche.fonction
    personne.structure_id = fiche.structure_id
    personne.courriel = fiche.courriel
    personne.telephone = fiche.telephone
    personne.besoins_accessibilite = fiche.besoins_accessibilite
    session.flush()
    return fiche


def retirer_personne(session: Session, personne_id: int) -> PersonneRetiree:
    """`supprimer_personne`, keeping what it deleted so that an undo can put it back."""
    fiche = fiche_personne(session, personne_id)
    mandats = session.scalars(select(Mandat).where(Mandat.personne_id == personne_id).order_by(Mandat.id))
    retiree = PersonneRetiree(fiche, tuple(_fiche_mandat(m) for m in mandats))
    supprimer_personne(session, personne_id)
    return retiree


def retablir_personne(session: Session, retiree: PersonneRetiree) -> None:
    restaurer_personne(session, retiree.fiche)
    for mandat in _titulaires_d_abord(retiree.mandats):
        restaurer_mandat(session, mandat)


# Mandates.


def _mandat(session: Session, mandat_id: int) -> Mandat:
    mandat = session.get(Mandat, mandat_id)
    if mandat is None:
        raise ErreurConnue("Ce mandat n'existe plus : il a peut-être été supprimé entre-temps.")
    return mandat


def _fiche_mandat(m: Mandat) -> FicheMandat:
    return FicheMandat(
        m.id, m.personne_id, m.instance_id, m.college_id, m.qualite, m.debut, m.titulaire_id, m.role, m.voix,
        m.fin, m.motif_fin,
    )  # fmt: skip


def fiche_mandat(session: Session, mandat_id: int) -> FicheMandat:
    return _fiche_mandat(_mandat(session, mandat_id))


def _titulaires_d_abord(fiches: Iterable[FicheMandat]) -> list[FicheMandat]:
    """Creation order: a suppléant's titulaire must exist before it."""
    return sorted(fiches, key=lambda f: (f.qualite is Qualite.SUPPLEANT, f.id))


def _suppleants_de(session: Session, mandat_id: int) -> list[Mandat]:
    return list(session.scalars(select(Mandat).where(Mandat.titulaire_id == mandat_id).order_by(Mandat.id)))


def _valider_mandat(session: Session, fiche: FicheMandat, sauf: int | None) -> None:
    """The rules of a seat typed in a dialog: those of `creer_mandat`, and a suppléant stands in for a titulaire
    of the same instance whose mandate runs on the suppléant's first day."""
    personne = _personne(session, fiche.personne_id)
    instance = session.get(Instance, fiche.instance_id)
    if instance is None:
        raise ErreurValidation("instance", "Choisissez l'instance.")
    if session.get(College, fiche.college_id) is None:
        raise ErreurValidation("college", "Choisissez le collège.")
    if fiche.fin is not None and fiche.fin < fiche.debut:
        raise ErreurValidation("fin", "La fin du mandat précède son début.")
    if fiche.motif_fin is not None and fiche.fin is None:
        raise ErreurValidation("motif_fin", "Un motif de fin suppose une date de fin.")
    if fiche.qualite is Qualite.TITULAIRE and fiche.titulaire_id is not None:
        raise ErreurValidation("titulaire", "Un titulaire ne supplée personne.")
    if fiche.qualite is Qualite.SUPPLEANT:
        titulaire = session.get(Mandat, fiche.titulaire_id) if fiche.titulaire_id is not None else None
        if titulaire is None or titulaire.qualite is not Qualite.TITULAIRE:
            raise ErreurValidation("titulaire", "Choisissez le titulaire que ce suppléant remplace en son absence.")
        if titulaire.instance_id != fiche.instance_id:
            raise ErreurValidation(
                "titulaire", f"Le titulaire suppléé doit siéger dans la même instance ({instance.nom})."
            )
        if titulaire.personne_id == fiche.personne_id:
            raise ErreurValidation("titulaire", "Une personne ne peut pas être sa propre suppléante.")
        if not titulaire.actif_le(fiche.debut):
            raise ErreurValidation(
                "titulaire",
                f"Le mandat de {titulaire.personne.nom_complet} n'est pas en cours le {date_longue(fiche.debut)} : "
                "choisissez un titulaire en cours à cette date.",
            )
    autres = select(Mandat).where(Mandat.personne_id == fiche.personne_id, Mandat.instance_id == fiche.instance_id)
    for autre in session.scalars(autres):
        if autre.id != sauf and _chevauche(fiche.debut, fiche.fin, autre.debut, autre.fin):
            raise ErreurValidation(
                "debut", f"{personne.nom_complet} a déjà un mandat dans « {instance.nom} » sur ces dates."
            )
    if sauf is not None:
        mandat = _mandat(session, sauf)
        suppleants = _suppleants_de(session, sauf)
        if suppleants and fiche.qualite is not Qualite.TITULAIRE:
            raise ErreurValidation(
                "qualite", f"{_noms(suppleants)} {_supplee(suppleants)} ce mandat : il reste titulaire."
            )
        if suppleants and fiche.instance_id != mandat.instance_id:
            raise ErreurValidation(
                "instance", f"{_noms(suppleants)} {_supplee(suppleants)} ce mandat : son instance ne peut pas changer."
            )


def _noms(mandats: Sequence[Mandat]) -> str:
    noms = [m.personne.nom_complet for m in mandats]
    return noms[0] if len(noms) == 1 else f"{', '.join(noms[:-1])} et {noms[-1]}"


def _supplee(mandats: Sequence[Mandat]) -> str:
    return "supplée" if len(mandats) == 1 else "suppléent"


def ajouter_mandat(session: Session, fiche: FicheMandat) -> FicheMandat:
    """Create the mandate `fiche` describes (its id is ignored) and return it as saved."""
    _valider_mandat(session, fiche, None)
    mandat = creer_mandat(
        session,
        fiche.personne_id,
        fiche.instance_id,
        fiche.college_id,
        fiche.qualite,
        fiche.debut,
        fin=fiche.fin,
        titulaire_id=fiche.titulaire_id,
        role=fiche.role,
        voix=fiche.voix,
    )
    mandat.motif_fin = fiche.motif_fin
    session.flush()
    return _fiche_mandat(mandat)


def modifier_mandat(session: Session, fiche: FicheMandat) -> FicheMandat:
    """Apply `fiche` to its mandate; returns the mandate as it was (for undo)."""
    avant = fiche_mandat(session, fiche.id)
    _valider_mandat(session, fiche, fiche.id)
    restaurer_mandat(session, replace(fiche, personne_id=avant.personne_id))
    return avant


def restaurer_mandat(session: Session, fiche: FicheMandat) -> FicheMandat:
    """Put a mandate back exactly as `fiche` says, under its id (recreated if deleted)."""
    _personne(session, fiche.personne_id)
    mandat = session.get(Mandat, fiche.id)
    if mandat is None:
        mandat = Mandat(id=fiche.id)
        session.add(mandat)
    for champ in fields(FicheMandat):
        setattr(mandat, champ.name, getattr(fiche, champ.name))
    session.flush()
    return fiche


def supprimer_mandat(session: Session, mandat_id: int) -> FicheMandat:
    """Delete a mandate entered by mistake; one that counted in a held meeting is ended instead."""
    mandat = _mandat(session, mandat_id)
    suppleants = _suppleants_de(session, mandat_id)
    if suppleants:
        raise ErreurConnue(
            f"{_noms(suppleants)} {_supplee(suppleants)} ce mandat : il ne peut pas être supprimé. "
            "Terminez-le plutôt (ses suppléants ne suppléeront plus personne), ou remplacez le membre."
        )
    tenues = select(Seance.date).where(
        Seance.instance_id == mandat.instance_id,
        Seance.statut.in_(STATUTS_TENUS),
        Seance.date >= mandat.debut,
        (Seance.date <= mandat.fin) if mandat.fin is not None else true(),
    )
    premiere = session.scalar(tenues.order_by(Seance.date).limit(1))
    if premiere is not None:
        raise ErreurConnue(
            f"Ce mandat couvre des séances tenues de « {mandat.instance.nom} » (la première le "
            f"{date_longue(premiere)}) : il compte dans leurs présences et ne peut pas être supprimé. "
            "Terminez-le plutôt."
        )
    avant = _fiche_mandat(mandat)
    session.delete(mandat)
    session.flush()
    return avant


def mettre_fin_au_mandat(session: Session, mandat_id: int, fin: dt.date, motif: MotifFinMandat) -> FicheMandat:
    """`terminer_mandat`, returning the mandate as it was (for undo: `reprendre_mandat`)."""
    avant = fiche_mandat(session, mandat_id)
    terminer_mandat(session, mandat_id, fin, motif)
    return avant


def reprendre_mandat(
    session: Session, mandat_id: int, fin: dt.date | None = None, motif: MotifFinMandat | None = None
) -> FicheMandat:
    """Undo an end: the seat runs on (or up to the end planned before). Returns the mandate as it was."""
    mandat = _mandat(session, mandat_id)
    avant = _fiche_mandat(mandat)
    if fin is not None and fin < mandat.debut:
        raise ErreurValidation("fin", "La fin du mandat précède son début.")
    mandat.fin = fin
    mandat.motif_fin = motif if fin is not None else None
    session.flush()
    return avant


def _mandats_de_l_instance(session: Session, instance_id: int) -> dict[int, FicheMandat]:
    mandats = session.scalars(select(Mandat).where(Mandat.instance_id == instance_id))
    return {m.id: _fiche_mandat(m) for m in mandats}


def remplacer(
    session: Session,
    mandat_id: int,
    remplacant_id: int | None,
    a_partir_du: dt.date,
    motif: MotifFinMandat = MotifFinMandat.REMPLACEMENT,
) -> Remplacement:
    """`remplacer_membre` from the page, recording what changed so that it can be undone.

    A suppléant of the instance who takes the seat over first ends their suppléance (the day before).
    """
    ancien = session.get(Mandat, mandat_id)
    if ancien is None or ancien.qualite is not Qualite.TITULAIRE:
        raise ErreurConnue("Seul un mandat de titulaire peut être remplacé.")
    if remplacant_id is None or session.get(Personne, remplacant_id) is None:
        raise ErreurValidation("remplacant", "Choisissez qui reprend le siège.")
    if remplacant_id == ancien.personne_id:
        raise ErreurValidation("remplacant", f"{ancien.personne.nom_complet} occupe déjà ce siège.")
    avant = _mandats_de_l_instance(session, ancien.instance_id)
    veille = a_partir_du - dt.timedelta(days=1)
    suppleances = select(Mandat).where(
        Mandat.personne_id == remplacant_id,
        Mandat.instance_id == ancien.instance_id,
        Mandat.qualite == Qualite.SUPPLEANT,
    )
    for suppleance in session.scalars(suppleances):
        if suppleance.actif_le(a_partir_du) and suppleance.debut <= veille:
            terminer_mandat(session, suppleance.id, veille, MotifFinMandat.REMPLACEMENT)
    nouveau = remplacer_membre(session, mandat_id, remplacant_id, a_partir_du, motif=motif)
    apres = _mandats_de_l_instance(session, ancien.instance_id)
    crees = tuple(sorted(i for i in apres if i not in avant))
    return Remplacement(
        avant=tuple(f for i, f in avant.items() if apres[i] != f),
        apres=tuple(f for i, f in apres.items() if avant.get(i) != f),
        crees=crees,
        nouveau_id=nouveau.id,
    )


def annuler_remplacement(session: Session, remplacement: Remplacement) -> None:
    for mandat_id in sorted(remplacement.crees, reverse=True):  # the new suppléants before their titulaire
        session.delete(_mandat(session, mandat_id))
        session.flush()
    for fiche in remplacement.avant:
        restaurer_mandat(session, fiche)


def retablir_remplacement(session: Session, remplacement: Remplacement) -> Remplacement:
    for fiche in _titulaires_d_abord(remplacement.apres):
        restaurer_mandat(session, fiche)
    return remplacement
