"""What the Structures and Membres pages show: plain rows read in one transaction (no ORM object leaves it)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.format_fr import date_longue
from app.modeles import College, EffacementPersonne, Instance, Mandat, Personne, Structure
from app.modeles.enumerations import EnumLibelle, MotifFinMandat, Partenariat, Qualite, Role, TypeStructure, Voix
from app.services.annuaire import FicheMandat, FichePersonne, FicheStructure
from app.services.normalisation import normaliser


class EtatMandat(EnumLibelle):
    EN_COURS = "en_cours", "En cours"
    A_VENIR = "a_venir", "À venir"
    TERMINE = "termine", "Terminé"


def etat_mandat(debut: dt.date, fin: dt.date | None, jour: dt.date) -> EtatMandat:
    if jour < debut:
        return EtatMandat.A_VENIR
    return EtatMandat.EN_COURS if fin is None or jour <= fin else EtatMandat.TERMINE


@dataclass(frozen=True)
class Choix:
    """An entry of a combo box: what it points to and how it reads."""

    id: int
    libelle: str


@dataclass(frozen=True)
class ChoixAnnuaire:
    structures: tuple[Choix, ...]
    colleges: tuple[Choix, ...]
    instances: tuple[Choix, ...]
    personnes: tuple[Choix, ...]


@dataclass(frozen=True)
class LigneStructure:
    id: int
    nom: str
    type: TypeStructure
    partenariat: Partenariat | None
    lettre_engagement_le: dt.date | None
    membres: int

    def fiche(self) -> FicheStructure:
        return FicheStructure(self.id, self.nom, self.type, self.partenariat, self.lettre_engagement_le)


@dataclass(frozen=True)
class Siege:
    """One mandate of a person, as much as the Membres page's filters need."""

    college_id: int
    instance_id: int
    etat: EtatMandat


@dataclass(frozen=True)
class LignePersonne:
    id: int
    nom: str
    prenom: str
    fonction: str
    structure_id: int | None
    structure: str
    courriel: str
    telephone: str
    besoins_accessibilite: str
    colleges: tuple[str, ...]  # of the mandates in progress, in the committee's order
    instances: tuple[str, ...]
    mandats_en_cours: tuple[str, ...]  # « Instance — Collège, qualité (rôle) », for a tooltip
    sieges: tuple[Siege, ...]
    type_structure: TypeStructure | None = None
    effacement: str = ""  # what the retention rules or an erasure removed, and when (empty: nothing)

    @property
    def nom_complet(self) -> str:
        return f"{self.prenom} {self.nom}"

    @property
    def en_fonction(self) -> bool:
        return any(s.etat is EtatMandat.EN_COURS for s in self.sieges)

    def fiche(self) -> FichePersonne:
        return FichePersonne(
            self.id,
            self.nom,
            self.prenom,
            self.fonction,
            self.structure_id,
            self.courriel,
            self.telephone,
            self.besoins_accessibilite,
        )


@dataclass(frozen=True)
class LigneMandat:
    id: int
    personne_id: int
    instance_id: int
    instance: str
    college_id: int
    college: str
    qualite: Qualite
    titulaire_id: int | None
    suppleant_de: str  # the titulaire's « Prénom Nom », empty for a titulaire
    role: Role
    voix: Voix
    debut: dt.date
    fin: dt.date | None
    motif_fin: MotifFinMandat | None
    etat: EtatMandat
    suppleants: tuple[str, ...]  # who stands in for this titulaire's seat today

    def fiche(self) -> FicheMandat:
        return FicheMandat(
            self.id,
            self.personne_id,
            self.instance_id,
            self.college_id,
            self.qualite,
            self.debut,
            self.titulaire_id,
            self.role,
            self.voix,
            self.fin,
            self.motif_fin,
        )


def cle_nom(nom: str, prenom: str = "") -> str:
    """The French sort key of a name: case, accents and hyphens do not matter (« Élise » next to « Elise »)."""
    return f"{normaliser(nom)}\t{normaliser(prenom)}"


def lire_structures(session: Session) -> tuple[LigneStructure, ...]:
    membres = dict(
        session.execute(
            select(Personne.structure_id, func.count())
            .where(Personne.structure_id.is_not(None))
            .group_by(Personne.structure_id)
        ).all()
    )
    lignes = [
        LigneStructure(s.id, s.nom, s.type, s.partenariat, s.lettre_engagement_le, membres.get(s.id, 0))
        for s in session.scalars(select(Structure))
    ]
    return tuple(sorted(lignes, key=lambda ligne: normaliser(ligne.nom)))


def lire_choix(session: Session) -> ChoixAnnuaire:
    structures = sorted(session.execute(select(Structure.id, Structure.nom)), key=lambda t: normaliser(t[1]))
    colleges = session.execute(select(College.id, College.nom).order_by(College.ordre, College.id))
    instances = session.execute(select(Instance.id, Instance.nom).order_by(Instance.ordre, Instance.id))
    personnes = sorted(
        session.execute(select(Personne.id, Personne.nom, Personne.prenom)),
        key=lambda t: cle_nom(t[1], t[2]),
    )
    return ChoixAnnuaire(
        structures=tuple(Choix(i, nom) for i, nom in structures),
        colleges=tuple(Choix(i, nom) for i, nom in colleges),
        instances=tuple(Choix(i, nom) for i, nom in instances),
        personnes=tuple(Choix(i, f"{prenom} {nom}") for i, nom, prenom in personnes),
    )


def _sans_doublons(valeurs: list[tuple[int, str]]) -> tuple[str, ...]:
    return tuple(nom for _, nom in sorted(set(valeurs)))


def lire_personnes(session: Session, jour: dt.date) -> tuple[LignePersonne, ...]:
    """Every person of the directory, by name, with what their mandates are on `jour`."""
    rangs_colleges = {i: (o, i) for i, o in session.execute(select(College.id, College.ordre))}
    rangs_instances = {i: (o, i) for i, o in session.execute(select(Instance.id, Instance.ordre))}
    requete = (
        select(Mandat, Instance.nom, College.nom)
        .join(Instance, Mandat.instance_id == Instance.id)
        .join(College, Mandat.college_id == College.id)
    )
    mandats: dict[int, list[tuple[Mandat, str, str]]] = defaultdict(list)
    for mandat, instance, college in session.execute(requete):
        mandats[mandat.personne_id].append((mandat, instance, college))
    lignes = []
    personnes = session.execute(
        select(Personne, Structure.nom, Structure.type, EffacementPersonne)
        .outerjoin(Structure)
        .outerjoin(EffacementPersonne, EffacementPersonne.personne_id == Personne.id)
    )
    for p, structure, type_structure, marque in personnes:
        sieges = []
        colleges: list[tuple[int, str]] = []
        instances: list[tuple[int, str]] = []
        details: list[tuple[tuple[int, int], str]] = []
        for m, instance, college in mandats.get(p.id, []):
            etat = etat_mandat(m.debut, m.fin, jour)
            sieges.append(Siege(m.college_id, m.instance_id, etat))
            if etat is EtatMandat.EN_COURS:
                colleges.append((rangs_colleges[m.college_id][0], college))
                instances.append((rangs_instances[m.instance_id][0], instance))
                role = "" if m.role is Role.MEMBRE else f", {m.role.libelle.lower()}"
                details.append(
                    (rangs_instances[m.instance_id], f"{instance} — {college}, {m.qualite.libelle.lower()}{role}")
                )
        lignes.append(
            LignePersonne(
                p.id,
                p.nom,
                p.prenom,
                p.fonction,
                p.structure_id,
                structure or "",
                p.courriel,
                p.telephone,
                p.besoins_accessibilite,
                _sans_doublons(colleges),
                _sans_doublons(instances),
                tuple(texte for _, texte in sorted(details)),
                tuple(sieges),
                type_structure,
                _effacement(marque),
            )
        )
    return tuple(sorted(lignes, key=lambda ligne: cle_nom(ligne.nom, ligne.prenom)))


def _effacement(marque: EffacementPersonne | None) -> str:
    if marque is None:
        return ""
    if marque.efface_le is not None:
        return f"Personne effacée le {date_longue(marque.efface_le)}"
    if marque.coordonnees_effacees_le is not None:
        return f"Coordonnées effacées le {date_longue(marque.coordonnees_effacees_le)} (durée de conservation échue)"
    return ""


def lire_mandats(session: Session, personne_id: int, jour: dt.date) -> tuple[LigneMandat, ...]:
    """A person's mandate history, oldest first."""
    titulaire = aliased(Mandat)
    personne_titulaire = aliased(Personne)
    requete = (
        select(Mandat, Instance.nom, College.nom, personne_titulaire.prenom, personne_titulaire.nom)
        .join(Instance, Mandat.instance_id == Instance.id)
        .join(College, Mandat.college_id == College.id)
        .outerjoin(titulaire, Mandat.titulaire_id == titulaire.id)
        .outerjoin(personne_titulaire, titulaire.personne_id == personne_titulaire.id)
        .where(Mandat.personne_id == personne_id)
        .order_by(Mandat.debut, Instance.ordre, Mandat.id)
    )
    rangees = list(session.execute(requete))
    suppleants: dict[int, list[str]] = defaultdict(list)
    ids = [m.id for m, *_ in rangees if m.qualite is Qualite.TITULAIRE]
    if ids:
        requete_suppleants = (
            select(Mandat, Personne.prenom, Personne.nom)
            .join(Personne, Mandat.personne_id == Personne.id)
            .where(Mandat.titulaire_id.in_(ids))
        )
        for s, prenom, nom in session.execute(requete_suppleants):
            if s.titulaire_id is not None and etat_mandat(s.debut, s.fin, jour) is EtatMandat.EN_COURS:
                suppleants[s.titulaire_id].append(f"{prenom} {nom}")
    return tuple(
        LigneMandat(
            m.id,
            m.personne_id,
            m.instance_id,
            instance,
            m.college_id,
            college,
            m.qualite,
            m.titulaire_id,
            f"{prenom_t} {nom_t}" if nom_t is not None else "",
            m.role,
            m.voix,
            m.debut,
            m.fin,
            m.motif_fin,
            etat_mandat(m.debut, m.fin, jour),
            tuple(sorted(suppleants.get(m.id, []), key=normaliser)),
        )
        for m, instance, college, prenom_t, nom_t in rangees
    )


def titulaires_en_cours(
    session: Session, instance_id: int, jour: dt.date, sauf_personne_id: int | None = None
) -> tuple[Choix, ...]:
    """The titulaire mandates of an instance running on `jour`: whom a new suppléant can stand in for."""
    requete = (
        select(Mandat.id, Personne.prenom, Personne.nom, College.nom)
        .join(Personne, Mandat.personne_id == Personne.id)
        .join(College, Mandat.college_id == College.id)
        .where(
            Mandat.instance_id == instance_id,
            Mandat.qualite == Qualite.TITULAIRE,
            Mandat.debut <= jour,
            (Mandat.fin.is_(None)) | (Mandat.fin >= jour),
        )
    )
    if sauf_personne_id is not None:
        requete = requete.where(Mandat.personne_id != sauf_personne_id)
    rangees = sorted(session.execute(requete), key=lambda t: cle_nom(t[2], t[1]))
    return tuple(Choix(i, f"{prenom} {nom} ({college})") for i, prenom, nom, college in rangees)
