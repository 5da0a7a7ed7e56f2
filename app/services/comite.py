"""The committee's identity and governance, its collèges and instances: read, edit, and take edits back.

Every write returns what the undo needs (the previous state, or the id created), so that the page can hand the
pair to `Contexte.executer`:

    ancienne = comite.enregistrer_comite(session, fiche)   # validates, writes, returns the former fiche
    comite.restaurer_comite(session, ancienne)              # the undo (None: the committee did not exist)

Reads return plain frozen dataclasses, read in one go: nothing here leaks an ORM object to the interface.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app import horloge
from app.erreurs import ErreurConnue
from app.modeles import (
    College,
    Comite,
    ComiteMission,
    ComitePorteur,
    Instance,
    Mandat,
    Personne,
    Production,
    Seance,
    Structure,
)
from app.modeles.enumerations import (
    CategorieCollege,
    Mission,
    ModePresidence,
    NatureComite,
    NiveauInstance,
    Role,
    TypeInstance,
    TypeTerritoire,
)
from app.services.delais_saisine import PauseInvalide, lire_jour_mois, pause_de
from app.services.normalisation import normaliser
from app.services.validation import ErreurValidation, texte_obligatoire

Genre = Literal["college", "instance"]
Sens = Literal[-1, 1]  # one place up, one place down

DELAI_CONVOCATION_MAX = 365
QUORUM_MAX = 100  # a denominator beyond this is a typing mistake, not a rule

# --- the committee -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FicheComite:
    """Every field of `Comite` as the form edits it. `porteurs` are structure ids."""

    nom: str = ""
    type_territoire: TypeTerritoire | None = None
    territoire: str = ""
    nature: NatureComite | None = None
    date_installation: dt.date | None = None
    mode_presidence: ModePresidence | None = None
    porteurs: frozenset[int] = frozenset()
    missions: frozenset[Mission] = frozenset()
    missions_libres: tuple[str, ...] = ()
    thematiques: str = ""
    regles_saisine: str = ""
    secretariat: str = ""
    rythme_reunions: str = ""
    moyens_humains: str = ""
    moyens_financiers: str = ""
    en_tete: str = ""
    pause_debut: str = "07-14"  # the summer pause of the referral clocks, « MM-JJ »; both empty: none
    pause_fin: str = "08-31"


# What each field is called for a person (undo labels, messages), in the form's order.
LIBELLES_CHAMPS: dict[str, str] = {
    "nom": "nom",
    "type_territoire": "type de territoire",
    "territoire": "territoire",
    "nature": "nature",
    "date_installation": "date d'installation",
    "mode_presidence": "mode de présidence",
    "porteurs": "structures porteuses",
    "missions": "missions",
    "missions_libres": "autres missions",
    "thematiques": "thématiques",
    "regles_saisine": "règles de saisine",
    "secretariat": "secrétariat",
    "rythme_reunions": "rythme des réunions",
    "moyens_humains": "moyens humains",
    "moyens_financiers": "moyens financiers",
    "en_tete": "en-tête des documents",
    "pause_debut": "début de la pause estivale",
    "pause_fin": "fin de la pause estivale",
}
_TEXTES_LONGS = (
    "thematiques",
    "regles_saisine",
    "secretariat",
    "rythme_reunions",
    "moyens_humains",
    "moyens_financiers",
    "en_tete",
)


@dataclass(frozen=True)
class StructureLue:
    id: int
    nom: str


@dataclass(frozen=True)
class Responsable:
    """Who holds the presidency or vice-presidency of the plenary today."""

    nom_complet: str
    structure: str | None
    instance: str


@dataclass(frozen=True)
class CollegeLu:
    id: int
    nom: str
    categorie: CategorieCollege
    ordre: int
    mandats: int  # seats filed under it, past ones included: while any exists it cannot be deleted


@dataclass(frozen=True)
class InstanceLue:
    id: int
    nom: str
    type: TypeInstance
    niveau: NiveauInstance | None
    quorum_numerateur: int
    quorum_denominateur: int
    pouvoirs_comptes: bool
    pouvoirs_max_par_porteur: int
    delai_convocation_jours: int
    ordre: int
    mandats: int = 0
    seances: int = 0


@dataclass(frozen=True)
class EtatComite:
    """Everything the Comité page shows, read in one transaction."""

    fiche: FicheComite | None  # None: no committee recorded yet in this base
    structures: tuple[StructureLue, ...]
    presidence: tuple[Responsable, ...]
    vice_presidence: tuple[Responsable, ...]
    colleges: tuple[CollegeLu, ...]
    instances: tuple[InstanceLue, ...]


def _comite(session: Session) -> Comite | None:
    return session.scalar(select(Comite).order_by(Comite.id).limit(1))


def nom_du_comite(session: Session) -> str:
    """The name shown in the window's title; a base not yet filled in says so."""
    return session.scalar(select(Comite.nom).order_by(Comite.id).limit(1)) or "Comité sans nom"


def lire_fiche(session: Session) -> FicheComite | None:
    comite = _comite(session)
    if comite is None:
        return None
    return FicheComite(
        nom=comite.nom,
        type_territoire=comite.type_territoire,
        territoire=comite.territoire,
        nature=comite.nature,
        date_installation=comite.date_installation,
        mode_presidence=comite.mode_presidence,
        porteurs=frozenset(p.structure_id for p in comite.porteurs),
        missions=frozenset(m.code for m in comite.missions if m.code is not None),
        missions_libres=tuple(m.libelle for m in comite.missions if m.code is None),
        **{champ: getattr(comite, champ) for champ in _TEXTES_LONGS},
        pause_debut=comite.pause_debut,
        pause_fin=comite.pause_fin,
    )


def responsables(session: Session, role: Role, jour: dt.date | None = None) -> tuple[Responsable, ...]:
    """The persons holding `role` in a plenary on `jour` (today by default), by name."""
    jour = jour or horloge.aujourdhui()
    lignes = session.execute(
        select(Personne.prenom, Personne.nom, Structure.nom, Instance.nom)
        .join(Mandat, Mandat.personne_id == Personne.id)
        .join(Instance, Instance.id == Mandat.instance_id)
        .outerjoin(Structure, Structure.id == Personne.structure_id)
        .where(
            Mandat.role == role,
            Instance.type == TypeInstance.PLENIERE,
            Mandat.debut <= jour,
            (Mandat.fin.is_(None)) | (Mandat.fin >= jour),
        )
        .order_by(Instance.ordre, Personne.nom, Personne.prenom)
    )
    return tuple(Responsable(f"{prenom} {nom}", structure, instance) for prenom, nom, structure, instance in lignes)


def lire(session: Session) -> EtatComite:
    structures = sorted(
        (StructureLue(id_, nom) for id_, nom in session.execute(select(Structure.id, Structure.nom))),
        key=lambda s: normaliser(s.nom),
    )
    return EtatComite(
        fiche=lire_fiche(session),
        structures=tuple(structures),
        presidence=responsables(session, Role.PRESIDENT),
        vice_presidence=responsables(session, Role.VICE_PRESIDENT),
        colleges=lire_colleges(session),
        instances=lire_instances(session),
    )


def champs_modifies(avant: FicheComite | None, apres: FicheComite) -> list[str]:
    """The fields that differ, by their French name, in the form's order."""
    reference = avant or FicheComite()
    return [libelle for champ, libelle in LIBELLES_CHAMPS.items() if getattr(reference, champ) != getattr(apres, champ)]


def _texte_long(valeur: str) -> str:
    """Keep the lines people typed; drop trailing spaces and blank lines at both ends."""
    lignes = [ligne.rstrip() for ligne in valeur.replace("\r\n", "\n").split("\n")]
    return "\n".join(lignes).strip("\n")


def valider_fiche(session: Session, fiche: FicheComite) -> FicheComite:
    """The fiche as it will be stored (spaces tidied), or ErreurValidation naming the field at fault."""
    nom = texte_obligatoire("nom", "Le nom du comité", fiche.nom)
    if len(nom) > 200:
        raise ErreurValidation("nom", "Le nom du comité dépasse 200 caractères.")
    territoire = " ".join(fiche.territoire.split())
    if len(territoire) > 200:
        raise ErreurValidation("territoire", "Le nom du territoire dépasse 200 caractères.")
    if fiche.date_installation is not None and fiche.date_installation.year < 1900:
        raise ErreurValidation("date_installation", "La date d'installation est invalide.")
    if fiche.porteurs:
        connues = set(session.scalars(select(Structure.id).where(Structure.id.in_(fiche.porteurs))))
        if connues != set(fiche.porteurs):
            raise ErreurValidation("porteurs", "Une structure porteuse n'existe plus : retirez-la de la liste.")
    libres: list[str] = []
    vues: set[str] = {normaliser(m.libelle) for m in fiche.missions}
    for libelle in fiche.missions_libres:
        propre = texte_obligatoire("missions_libres", "L'intitulé d'une mission", libelle)
        if len(propre) > 300:
            raise ErreurValidation("missions_libres", "L'intitulé d'une mission dépasse 300 caractères.")
        if normaliser(propre) in vues:
            raise ErreurValidation("missions_libres", f"La mission « {propre} » figure déjà dans la liste.")
        vues.add(normaliser(propre))
        libres.append(propre)
    pause = _pause_valide(fiche.pause_debut, fiche.pause_fin)
    return dataclasses.replace(
        fiche,
        nom=nom,
        territoire=territoire,
        missions_libres=tuple(libres),
        thematiques=_texte_long(fiche.thematiques),
        regles_saisine=_texte_long(fiche.regles_saisine),
        secretariat=_texte_long(fiche.secretariat),
        rythme_reunions=_texte_long(fiche.rythme_reunions),
        moyens_humains=_texte_long(fiche.moyens_humains),
        moyens_financiers=_texte_long(fiche.moyens_financiers),
        en_tete=_texte_long(fiche.en_tete),
        pause_debut=pause[0],
        pause_fin=pause[1],
    )


def _pause_valide(debut: str, fin: str) -> tuple[str, str]:
    """« 14/07 » or « 07-14 » → « 07-14 »; both empty: no pause; one alone is a mistake."""
    if not debut.strip() and not fin.strip():
        return "", ""
    valeurs = []
    for libelle, texte in (("Le début", debut), ("La fin", fin)):
        if not texte.strip():
            raise ErreurValidation("pause", f"{libelle} de la pause estivale manque (ou videz les deux dates).")
        try:
            mois, jour = lire_jour_mois(texte, f"{libelle} de la pause estivale")
        except PauseInvalide as erreur:
            raise ErreurValidation("pause", erreur.message) from None
        valeurs.append(f"{mois:02d}-{jour:02d}")
    try:
        pause_de(valeurs[0], valeurs[1])
    except PauseInvalide as erreur:
        raise ErreurValidation("pause", erreur.message) from None
    return valeurs[0], valeurs[1]


def _ecrire(session: Session, fiche: FicheComite) -> None:
    """Write `fiche` as is; only what differs is touched (no needless UPDATE, no needless journal line)."""
    comite = _comite(session)
    if comite is None:
        comite = Comite(nom=fiche.nom)
        session.add(comite)
    for champ in (
        "nom",
        "type_territoire",
        "territoire",
        "nature",
        "date_installation",
        "mode_presidence",
        *_TEXTES_LONGS,
        "pause_debut",
        "pause_fin",
    ):
        if getattr(comite, champ) != getattr(fiche, champ):
            setattr(comite, champ, getattr(fiche, champ))
    for porteur in list(comite.porteurs):
        if porteur.structure_id not in fiche.porteurs:
            comite.porteurs.remove(porteur)
    presents = {p.structure_id for p in comite.porteurs}
    comite.porteurs.extend(ComitePorteur(structure_id=s) for s in sorted(fiche.porteurs - presents))
    libres = list(fiche.missions_libres)
    for mission in list(comite.missions):
        garder = mission.code in fiche.missions if mission.code is not None else mission.libelle in libres
        if not garder:
            comite.missions.remove(mission)
    codes = {m.code for m in comite.missions if m.code is not None}
    libelles = {m.libelle for m in comite.missions if m.code is None}
    session.flush()  # removals first: a code unticked then ticked again must not meet its old row
    comite.missions.extend(ComiteMission(code=code) for code in Mission if code in fiche.missions and code not in codes)
    comite.missions.extend(ComiteMission(code=None, libelle=lib) for lib in libres if lib not in libelles)
    session.flush()


def enregistrer_comite(session: Session, fiche: FicheComite) -> FicheComite | None:
    """Validate and store the committee (created if the base has none). Returns the former fiche, for undo."""
    propre = valider_fiche(session, fiche)
    ancienne = lire_fiche(session)
    _ecrire(session, propre)
    return ancienne


def restaurer_comite(session: Session, fiche: FicheComite | None) -> None:
    """Put back a fiche returned by `enregistrer_comite`; None removes the committee it had created."""
    if fiche is None:
        comite = _comite(session)
        if comite is not None:
            session.delete(comite)
            session.flush()
        return
    _ecrire(session, fiche)


# --- collèges ----------------------------------------------------------------------------------------------


def lire_colleges(session: Session) -> tuple[CollegeLu, ...]:
    mandats = select(func.count(Mandat.id)).where(Mandat.college_id == College.id).correlate(College).scalar_subquery()
    lignes = session.execute(
        select(College.id, College.nom, College.categorie, College.ordre, mandats).order_by(
            College.ordre, College.nom, College.id
        )
    )
    return tuple(CollegeLu(id_, nom, cat, ordre, nb) for id_, nom, cat, ordre, nb in lignes)


def _nom_unique(session: Session, modele: type[College] | type[Instance], nom: str, sauf: int | None) -> None:
    genre = "Un collège" if modele is College else "Une instance"
    cle = normaliser(nom)
    for id_, autre in session.execute(select(modele.id, modele.nom)):
        if id_ != sauf and normaliser(autre) == cle:
            raise ErreurValidation("nom", f"{genre} porte déjà le nom « {autre} ».")


def _college(session: Session, college_id: int) -> College:
    college = session.get(College, college_id)
    if college is None:
        raise ErreurConnue("Ce collège n'existe plus.")
    return college


def _lu_college(session: Session, college: College) -> CollegeLu:
    nb = session.scalar(select(func.count(Mandat.id)).where(Mandat.college_id == college.id)) or 0
    return CollegeLu(college.id, college.nom, college.categorie, college.ordre, nb)


def _valider_nom(session: Session, modele: type[College] | type[Instance], nom: str, sauf: int | None) -> str:
    quoi = "du collège" if modele is College else "de l'instance"
    propre = texte_obligatoire("nom", f"Le nom {quoi}", nom)
    if len(propre) > 200:
        raise ErreurValidation("nom", f"Le nom {quoi} dépasse 200 caractères.")
    _nom_unique(session, modele, propre, sauf)
    return propre


def _valider_categorie(categorie: CategorieCollege | None) -> CategorieCollege:
    if categorie is None:
        raise ErreurValidation("categorie", "Choisissez la catégorie du collège.")
    return categorie


def creer_college(session: Session, nom: str, categorie: CategorieCollege | None) -> int:
    """Add a collège at the end of the list; returns its id."""
    propre = _valider_nom(session, College, nom, None)
    categorie = _valider_categorie(categorie)
    dernier = session.scalar(select(func.max(College.ordre))) or 0
    college = College(nom=propre, categorie=categorie, ordre=dernier + 1)
    session.add(college)
    session.flush()
    return college.id


def modifier_college(session: Session, college_id: int, nom: str, categorie: CategorieCollege | None) -> CollegeLu:
    """Rename or recategorise; returns the former state, for undo."""
    college = _college(session, college_id)
    propre = _valider_nom(session, College, nom, college_id)
    categorie = _valider_categorie(categorie)
    ancien = _lu_college(session, college)
    if college.nom != propre:
        college.nom = propre
    if college.categorie is not categorie:
        college.categorie = categorie
    session.flush()
    return ancien


def restaurer_college(session: Session, lu: CollegeLu) -> None:
    """Put a collège back as `lu` says (same id), whether it was modified or deleted since."""
    college = session.get(College, lu.id)
    if college is None:
        _nom_unique(session, College, lu.nom, None)
        session.add(College(id=lu.id, nom=lu.nom, categorie=lu.categorie, ordre=lu.ordre))
    else:
        if college.nom != lu.nom:
            _nom_unique(session, College, lu.nom, lu.id)
            college.nom = lu.nom
        if college.categorie is not lu.categorie:
            college.categorie = lu.categorie
        if college.ordre != lu.ordre:
            college.ordre = lu.ordre
    session.flush()


def motif_refus_suppression_college(session: Session, college_id: int) -> str | None:
    """Why this collège cannot be deleted (a seat is filed under it), or None."""
    college = _college(session, college_id)
    nb = session.scalar(select(func.count(Mandat.id)).where(Mandat.college_id == college_id)) or 0
    if nb:
        return (
            f"Le collège « {college.nom} » ne peut pas être supprimé : {nb} "
            f"{'mandat y est rattaché' if nb == 1 else 'mandats y sont rattachés'}, anciens compris. "
            "Rattachez-les d'abord à un autre collège depuis la page Membres."
        )
    return None


def supprimer_college(session: Session, college_id: int) -> CollegeLu:
    """Delete an unused collège; returns it as it was, for undo."""
    motif = motif_refus_suppression_college(session, college_id)
    if motif is not None:
        raise ErreurConnue(motif)
    college = _college(session, college_id)
    ancien = _lu_college(session, college)
    session.delete(college)
    session.flush()
    return ancien


# --- instances ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReglesInstance:
    """What the instance dialog edits (`type` None: not chosen yet, refused by the validation)."""

    nom: str
    type: TypeInstance | None
    niveau: NiveauInstance | None = None
    quorum_numerateur: int = 1
    quorum_denominateur: int = 2
    pouvoirs_comptes: bool = True
    pouvoirs_max_par_porteur: int = 1
    delai_convocation_jours: int = 5


def regles_de(lue: InstanceLue) -> ReglesInstance:
    return ReglesInstance(
        lue.nom,
        lue.type,
        lue.niveau,
        lue.quorum_numerateur,
        lue.quorum_denominateur,
        lue.pouvoirs_comptes,
        lue.pouvoirs_max_par_porteur,
        lue.delai_convocation_jours,
    )


def texte_quorum(numerateur: int, denominateur: int) -> str:
    """« 1/2 », or « aucun » for a body that decides whoever comes (0/n)."""
    return "aucun" if numerateur == 0 else f"{numerateur}/{denominateur}"


def lire_instances(session: Session) -> tuple[InstanceLue, ...]:
    mandats = (
        select(func.count(Mandat.id)).where(Mandat.instance_id == Instance.id).correlate(Instance).scalar_subquery()
    )
    seances = (
        select(func.count(Seance.id)).where(Seance.instance_id == Instance.id).correlate(Instance).scalar_subquery()
    )
    lignes = session.execute(select(Instance, mandats, seances).order_by(Instance.ordre, Instance.nom, Instance.id))
    return tuple(_lue(instance, nb_mandats, nb_seances) for instance, nb_mandats, nb_seances in lignes)


def _lue(instance: Instance, mandats: int = 0, seances: int = 0) -> InstanceLue:
    return InstanceLue(
        instance.id,
        instance.nom,
        instance.type,
        instance.niveau,
        instance.quorum_numerateur,
        instance.quorum_denominateur,
        instance.pouvoirs_comptes,
        instance.pouvoirs_max_par_porteur,
        instance.delai_convocation_jours,
        instance.ordre,
        mandats,
        seances,
    )


def valider_regles(session: Session, regles: ReglesInstance, sauf: int | None = None) -> ReglesInstance:
    nom = _valider_nom(session, Instance, regles.nom, sauf)
    if regles.type is None:
        raise ErreurValidation("type", "Choisissez le type de l'instance.")
    num, den = regles.quorum_numerateur, regles.quorum_denominateur
    if not 1 <= den <= QUORUM_MAX:
        raise ErreurValidation("quorum_denominateur", f"Le dénominateur du quorum doit aller de 1 à {QUORUM_MAX}.")
    if not 0 <= num <= den:
        raise ErreurValidation(
            "quorum_numerateur",
            f"Le quorum est une fraction des sièges attendus : de 0 (aucun quorum) à {den}/{den}.",
        )
    if not 0 <= regles.pouvoirs_max_par_porteur <= 10:
        raise ErreurValidation("pouvoirs_max_par_porteur", "Le nombre de pouvoirs par porteur doit aller de 0 à 10.")
    if not 0 <= regles.delai_convocation_jours <= DELAI_CONVOCATION_MAX:
        raise ErreurValidation(
            "delai_convocation_jours",
            f"Le délai de convocation doit aller de 0 à {DELAI_CONVOCATION_MAX} jours.",
        )
    return dataclasses.replace(regles, nom=nom)


def _instance(session: Session, instance_id: int) -> Instance:
    instance = session.get(Instance, instance_id)
    if instance is None:
        raise ErreurConnue("Cette instance n'existe plus.")
    return instance


def _appliquer(instance: Instance, regles: ReglesInstance) -> None:
    for champ in (f.name for f in dataclasses.fields(ReglesInstance)):
        if getattr(instance, champ) != getattr(regles, champ):
            setattr(instance, champ, getattr(regles, champ))


def creer_instance(session: Session, regles: ReglesInstance) -> int:
    """Add an instance at the end of the list; returns its id."""
    propre = valider_regles(session, regles)
    dernier = session.scalar(select(func.max(Instance.ordre))) or 0
    instance = Instance(nom=propre.nom, ordre=dernier + 1)
    _appliquer(instance, propre)
    session.add(instance)
    session.flush()
    return instance.id


def modifier_instance(session: Session, instance_id: int, regles: ReglesInstance) -> InstanceLue:
    """Change an instance's rules; returns its former state, for undo."""
    instance = _instance(session, instance_id)
    propre = valider_regles(session, regles, instance_id)
    ancienne = _lue(instance)
    _appliquer(instance, propre)
    session.flush()
    return ancienne


def restaurer_instance(session: Session, lue: InstanceLue) -> None:
    """Put an instance back as `lue` says (same id), whether it was modified or deleted since."""
    instance = session.get(Instance, lue.id)
    if instance is None:
        _nom_unique(session, Instance, lue.nom, None)
        instance = Instance(id=lue.id, nom=lue.nom, type=lue.type, ordre=lue.ordre)
        session.add(instance)
    elif instance.nom != lue.nom:
        _nom_unique(session, Instance, lue.nom, lue.id)
    _appliquer(instance, regles_de(lue))
    if instance.ordre != lue.ordre:
        instance.ordre = lue.ordre
    session.flush()


def motif_refus_suppression_instance(session: Session, instance_id: int) -> str | None:
    """Why this instance cannot be deleted (seats, meetings or productions refer to it), or None."""
    instance = _instance(session, instance_id)
    usages = []
    nb_mandats = session.scalar(select(func.count(Mandat.id)).where(Mandat.instance_id == instance_id)) or 0
    if nb_mandats:
        usages.append(f"{nb_mandats} mandat{'s' if nb_mandats > 1 else ''}")
    nb_seances = session.scalar(select(func.count(Seance.id)).where(Seance.instance_id == instance_id)) or 0
    if nb_seances:
        usages.append(f"{nb_seances} séance{'s' if nb_seances > 1 else ''}")
    if session.scalar(select(exists().where(Production.instance_id == instance_id))):
        usages.append("des productions")
    if not usages:
        return None
    return (
        f"L'instance « {instance.nom} » ne peut pas être supprimée : elle a {_enumerer(usages)}. "
        "Son historique doit rester consultable ; vous pouvez la renommer."
    )


def _enumerer(elements: Sequence[str]) -> str:
    """« a », « a et b », « a, b et c »."""
    return elements[0] if len(elements) == 1 else f"{', '.join(elements[:-1])} et {elements[-1]}"


def supprimer_instance(session: Session, instance_id: int) -> InstanceLue:
    """Delete an unused instance; returns it as it was, for undo."""
    motif = motif_refus_suppression_instance(session, instance_id)
    if motif is not None:
        raise ErreurConnue(motif)
    instance = _instance(session, instance_id)
    ancienne = _lue(instance)
    session.delete(instance)
    session.flush()
    return ancienne


# --- order of the lists --------------------------------------------------------------------------------------


def deplacer(session: Session, quoi: Genre, element_id: int, sens: Sens) -> bool:
    """Move a collège or an instance one place up (-1) or down (+1). False when already at that end.

    The order is renumbered 1..n first, so that moving back the other way is the exact undo.
    """
    modele: type[College] | type[Instance] = College if quoi == "college" else Instance
    elements: Sequence[College | Instance] = list(
        session.scalars(select(modele).order_by(modele.ordre, modele.nom, modele.id))
    )
    rangs = [e.id for e in elements]
    if element_id not in rangs:
        raise ErreurConnue("Ce collège n'existe plus." if quoi == "college" else "Cette instance n'existe plus.")
    rang = rangs.index(element_id)
    cible = rang + sens
    if not 0 <= cible < len(elements):
        return False
    ordonnes = list(elements)
    ordonnes[rang], ordonnes[cible] = ordonnes[cible], ordonnes[rang]
    for numero, element in enumerate(ordonnes, start=1):
        if element.ordre != numero:
            element.ordre = numero
    session.flush()
    return True
