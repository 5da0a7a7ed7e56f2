"""From raw rows to typed rows, with every check that needs no base (CONCEPTION §4, « Import workbook »).

A row with a bad cell is reported and left out; the keys it names are kept aside (`Incomplets`) so that
the rows referring to it are not reported a second time for the same mistake.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from app.modeles.enumerations import (
    CategorieCollege,
    EtatPresence,
    FormatSeance,
    ModePresidence,
    NatureComite,
    Partenariat,
    Qualite,
    Role,
    StatutSeance,
    TypeInstance,
    TypeStructure,
    TypeTerritoire,
    Voix,
)
from app.services import import_schema as schema
from app.services.import_cellules import (
    ValeurInvalide,
    en_booleen,
    en_date,
    en_enum,
    en_fraction,
    en_heure,
    en_nom,
    en_nombre_de_jours,
)
from app.services.import_lecture import FeuilleBrute, lire_classeur
from app.services.import_lignes import (
    ClasseurLu,
    ClePersonne,
    ComiteLu,
    LigneCollege,
    LigneInstance,
    LigneMembre,
    LignePresence,
    LigneSeance,
    LigneStructure,
    PersonneLue,
    cle_nom_complet,
    cle_personne,
)
from app.services.import_schema import ErreurImport
from app.services.normalisation import normaliser
from app.services.validation import est_un_courriel

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)
# --- Reading one row -----------------------------------------------------------------------------------


class _Ligne:
    def __init__(self, feuille: FeuilleBrute, numero: int, valeurs: tuple[Any, ...], erreurs: list[ErreurImport]):
        self.feuille = feuille
        self.numero = numero
        self.valeurs = valeurs
        self.erreurs = erreurs
        self.complete = not feuille.entete_incomplete

    def signaler(self, colonne: str | None, motif: str) -> None:
        self.erreurs.append(ErreurImport(self.feuille.nom, self.numero, colonne, motif))
        self.complete = False

    def lire(self, colonne: str, lecteur: Callable[[object], T | None], *, obligatoire: bool = False) -> T | None:
        if colonne not in self.feuille.colonnes:
            return None  # a missing required column is reported once, with the header
        try:
            resultat = lecteur(self.feuille.valeur(self.valeurs, colonne))
        except ValeurInvalide as exc:
            self.signaler(colonne, exc.motif)
            return None
        if resultat is None and obligatoire:
            self.signaler(colonne, "valeur obligatoire manquante")
        return resultat

    def texte(self, colonne: str, *, obligatoire: bool = False) -> str:
        return self.lire(colonne, lambda v: en_nom(v) or None, obligatoire=obligatoire) or ""

    def enum(self, colonne: str, classe: type[E], *, obligatoire: bool = False) -> E | None:
        return self.lire(colonne, partial(en_enum, classe), obligatoire=obligatoire)


def _lignes(lu: ClasseurLu, feuille: FeuilleBrute | None, erreurs: list[ErreurImport]) -> list[_Ligne]:
    if feuille is None:
        return []
    lu.nombre_de_lignes += len(feuille.lignes)
    return [_Ligne(feuille, numero, valeurs, erreurs) for numero, valeurs in feuille.lignes]


class _Doublons:
    """First row of each key in a sheet: a later row with the same key is an error on that later row."""

    def __init__(self) -> None:
        self.premieres: dict[Any, int] = {}

    def deja(self, cle: Any, ligne: int) -> int | None:
        premiere = self.premieres.setdefault(cle, ligne)
        return None if premiere == ligne else premiere


# --- Sheets --------------------------------------------------------------------------------------------


def _comite(lu: ClasseurLu, feuille: FeuilleBrute | None, erreurs: list[ErreurImport]) -> None:
    lignes = _lignes(lu, feuille, erreurs)
    if not lignes:
        return
    comite = ComiteLu()
    # Each field: the ComiteLu attribute it fills and how its `Valeur` is read.
    champs: dict[str, tuple[str, Callable[[object], object]]] = {
        schema.CHAMP_NOM: ("nom", lambda v: en_nom(v) or None),
        schema.CHAMP_TYPE_TERRITOIRE: ("type_territoire", partial(en_enum, TypeTerritoire)),
        schema.CHAMP_TERRITOIRE: ("territoire", lambda v: en_nom(v) or None),
        schema.CHAMP_DATE_INSTALLATION: ("date_installation", en_date),
        schema.CHAMP_NATURE: ("nature", partial(en_enum, NatureComite)),
        schema.CHAMP_PRESIDENCE: ("mode_presidence", partial(en_enum, ModePresidence)),
    }
    for ligne in lignes:
        texte = ligne.texte("Champ", obligatoire=True)
        if not texte:
            continue
        champ = schema.CHAMP_COMITE_PAR_CLE.get(normaliser(texte))
        if champ is None:
            ligne.signaler("Champ", f"champ « {texte} » inconnu (champs possibles : {', '.join(schema.CHAMPS_COMITE)})")
            continue
        if champ in comite.lignes:
            ligne.signaler("Champ", f"champ « {champ} » déjà donné ligne {comite.lignes[champ]}")
            continue
        comite.lignes[champ] = ligne.numero
        attribut, lecteur = champs[champ]
        valeur = ligne.lire("Valeur", lecteur)
        if valeur is not None:
            setattr(comite, attribut, valeur)
    lu.comite = comite


def _colleges(lu: ClasseurLu, feuille: FeuilleBrute | None, erreurs: list[ErreurImport]) -> None:
    doublons = _Doublons()
    for ligne in _lignes(lu, feuille, erreurs):
        nom = ligne.texte("Nom", obligatoire=True)
        categorie = ligne.enum("Catégorie", CategorieCollege, obligatoire=True)
        if nom and (premiere := doublons.deja(normaliser(nom), ligne.numero)) is not None:
            ligne.signaler("Nom", f"collège « {nom} » déjà défini ligne {premiere}")
            continue
        if ligne.complete and nom and categorie is not None:
            lu.colleges.append(LigneCollege(ligne.numero, nom, categorie, len(lu.colleges) + 1))
        elif nom:
            lu.incomplets.colleges.add(normaliser(nom))


def _instances(lu: ClasseurLu, feuille: FeuilleBrute | None, erreurs: list[ErreurImport]) -> None:
    doublons = _Doublons()
    for ligne in _lignes(lu, feuille, erreurs):
        nom = ligne.texte("Nom", obligatoire=True)
        type_ = ligne.enum("Type", TypeInstance, obligatoire=True)
        quorum = ligne.lire("Quorum", en_fraction)
        pouvoirs = ligne.lire("Pouvoirs comptés", en_booleen)
        delai = ligne.lire("Délai de convocation", en_nombre_de_jours)
        if nom and (premiere := doublons.deja(normaliser(nom), ligne.numero)) is not None:
            ligne.signaler("Nom", f"instance « {nom} » déjà définie ligne {premiere}")
            continue
        if ligne.complete and nom and type_ is not None:
            lu.instances.append(LigneInstance(ligne.numero, nom, type_, quorum, pouvoirs, delai))
        elif nom:
            lu.incomplets.instances.add(normaliser(nom))


def _structures(lu: ClasseurLu, feuille: FeuilleBrute | None, erreurs: list[ErreurImport]) -> None:
    doublons = _Doublons()
    for ligne in _lignes(lu, feuille, erreurs):
        nom = ligne.texte("Nom", obligatoire=True)
        type_ = ligne.enum("Type", TypeStructure, obligatoire=True)
        partenariat = ligne.enum("Partenariat", Partenariat)
        lettre = ligne.lire("Lettre d'engagement", en_date)
        if nom and (premiere := doublons.deja(normaliser(nom), ligne.numero)) is not None:
            ligne.signaler("Nom", f"structure « {nom} » déjà définie ligne {premiere}")
            continue
        if ligne.complete and nom and type_ is not None:
            lu.structures.append(LigneStructure(ligne.numero, nom, type_, partenariat, lettre))
        elif nom:
            lu.incomplets.structures.add(normaliser(nom))


def _membres(lu: ClasseurLu, feuille: FeuilleBrute | None, erreurs: list[ErreurImport]) -> None:
    doublons = _Doublons()
    for ligne in _lignes(lu, feuille, erreurs):
        nom = ligne.texte("Nom", obligatoire=True)
        prenom = ligne.texte("Prénom", obligatoire=True)
        structure = ligne.texte("Structure")
        fonction = ligne.texte("Fonction")
        courriel = ligne.texte("Courriel")
        college = ligne.texte("Collège", obligatoire=True)
        instance = ligne.texte("Instance", obligatoire=True)
        qualite = ligne.enum("Qualité", Qualite, obligatoire=True)
        suppleant_de = ligne.texte("Suppléant de")
        role = ligne.enum("Rôle", Role)
        debut = ligne.lire("Début", en_date, obligatoire=True)
        fin = ligne.lire("Fin", en_date)
        voix = ligne.enum("Voix", Voix)
        if courriel and not est_un_courriel(courriel):  # the member's form refuses it too
            ligne.signaler("Courriel", f"adresse électronique invalide « {courriel} » (attendu prenom.nom@exemple.fr)")
        if qualite is Qualite.TITULAIRE and suppleant_de:
            ligne.signaler("Suppléant de", "un titulaire ne supplée personne : laissez la cellule vide")
        if debut is not None and fin is not None and fin < debut:
            ligne.signaler("Fin", f"la fin du mandat ({fin:%d/%m/%Y}) précède son début ({debut:%d/%m/%Y})")
        if suppleant_de and nom and prenom and normaliser(suppleant_de) == cle_nom_complet(prenom, nom):
            ligne.signaler("Suppléant de", "une personne ne peut pas être sa propre suppléante")
        cle_mandat = (cle_personne(nom, prenom), normaliser(instance), qualite, debut)
        if nom and prenom and instance and qualite and debut:
            premiere = doublons.deja(cle_mandat, ligne.numero)
            if premiere is not None:
                ligne.signaler(None, f"même mandat que ligne {premiere} (personne, instance, qualité et début)")
        if not (nom and prenom):
            continue
        if ligne.complete and college and instance and qualite is not None and debut is not None:
            lu.membres.append(
                LigneMembre(
                    ligne.numero,
                    nom,
                    prenom,
                    structure,
                    fonction,
                    courriel,
                    college,
                    instance,
                    qualite,
                    suppleant_de,
                    role,
                    debut,
                    fin,
                    voix,
                )
            )
        else:
            lu.incomplets.personnes.add(cle_personne(nom, prenom))
            lu.incomplets.noms_complets.add(cle_nom_complet(prenom, nom))
            lu.incomplets.mandats.add((cle_personne(nom, prenom), normaliser(instance)))
    _personnes(lu)


def _personnes(lu: ClasseurLu) -> None:
    """One person per (nom, prénom); their own columns from the last row that fills them, with a warning
    when rows disagree."""
    vus: dict[ClePersonne, dict[str, dict[str, list[int]]]] = {}  # person → column → value → rows
    for membre in lu.membres:
        personne = lu.personnes.setdefault(membre.personne, PersonneLue(membre.nom, membre.prenom))
        personne.nom, personne.prenom = membre.nom, membre.prenom
        valeurs = vus.setdefault(membre.personne, {"Structure": {}, "Fonction": {}, "Courriel": {}})
        for colonne, valeur in (
            ("Structure", membre.structure),
            ("Fonction", membre.fonction),
            ("Courriel", membre.courriel),
        ):
            if valeur:  # « CCAS de Valence » and « CCAS de valence » do not differ
                valeurs[colonne].setdefault(normaliser(valeur), []).append(membre.ligne)
        if membre.structure:
            personne.structure = membre.structure
        if membre.fonction:
            personne.fonction = membre.fonction
        if membre.courriel:
            personne.courriel = membre.courriel
    for cle, colonnes in vus.items():
        personne = lu.personnes[cle]
        retenues = {"Structure": personne.structure, "Fonction": personne.fonction, "Courriel": personne.courriel}
        for colonne, par_valeur in colonnes.items():
            if len(par_valeur) > 1:
                lignes = sorted(n for numeros in par_valeur.values() for n in numeros)
                lu.avertissements.append(
                    f"Membres, {personne.prenom} {personne.nom} : « {colonne} » diffère selon les lignes "
                    f"({', '.join(map(str, lignes))}) ; la dernière valeur, « {retenues[colonne]} », est retenue."
                )


def _seances(lu: ClasseurLu, feuille: FeuilleBrute | None, erreurs: list[ErreurImport]) -> None:
    doublons = _Doublons()
    for ligne in _lignes(lu, feuille, erreurs):
        reference = ligne.texte("Référence", obligatoire=True)
        instance = ligne.texte("Instance", obligatoire=True)
        date = ligne.lire("Date", en_date, obligatoire=True)
        heure_debut = ligne.lire("Début", en_heure)
        heure_fin = ligne.lire("Fin", en_heure)
        lieu = ligne.texte("Lieu")
        format_ = ligne.enum("Format", FormatSeance)
        statut = ligne.enum("Statut", StatutSeance)
        if heure_debut is not None and heure_fin is not None and heure_fin <= heure_debut:
            motif = f"l'heure de fin ({heure_fin:%H:%M}) doit suivre celle du début ({heure_debut:%H:%M})"
            ligne.signaler("Fin", motif)
        if reference and (premiere := doublons.deja(normaliser(reference), ligne.numero)) is not None:
            ligne.signaler("Référence", f"référence « {reference} » déjà utilisée ligne {premiere}")
            continue
        if ligne.complete and reference and instance and date is not None:
            lu.seances.append(
                LigneSeance(ligne.numero, reference, instance, date, heure_debut, heure_fin, lieu, format_, statut)
            )
        elif reference:
            lu.incomplets.seances.add(normaliser(reference))


def _presences(lu: ClasseurLu, feuille: FeuilleBrute | None, erreurs: list[ErreurImport]) -> None:
    doublons = _Doublons()
    for ligne in _lignes(lu, feuille, erreurs):
        seance = ligne.texte("Séance", obligatoire=True)
        nom = ligne.texte("Nom", obligatoire=True)
        prenom = ligne.texte("Prénom", obligatoire=True)
        etat = ligne.enum("État", EtatPresence, obligatoire=True)
        pouvoir_a = ligne.texte("Pouvoir à")
        if etat is EtatPresence.REPRESENTE and not pouvoir_a:
            ligne.signaler("Pouvoir à", "obligatoire quand l'état est « représenté » : à qui le pouvoir est-il donné ?")
        if etat is not None and etat is not EtatPresence.REPRESENTE and pouvoir_a:
            motif = f"un pouvoir ne se donne que si l'état est « représenté » (ici « {etat.libelle} »)"
            ligne.signaler("Pouvoir à", motif)
        if etat is EtatPresence.REPRESENTE and pouvoir_a and normaliser(pouvoir_a) == cle_nom_complet(prenom, nom):
            ligne.signaler("Pouvoir à", "on ne peut pas se donner un pouvoir à soi-même")
        cle = (normaliser(seance), cle_personne(nom, prenom))
        if seance and nom and prenom and (premiere := doublons.deja(cle, ligne.numero)) is not None:
            ligne.signaler(None, f"présence déjà indiquée ligne {premiere} pour cette personne à cette séance")
            continue
        if ligne.complete and seance and nom and prenom and etat is not None:
            lu.presences.append(LignePresence(ligne.numero, seance, nom, prenom, etat, pouvoir_a))
        elif seance and nom and prenom:
            lu.incomplets.presences.add(cle)


def analyser_classeur(chemin: Path) -> tuple[ClasseurLu, list[ErreurImport]]:
    """Read and check a workbook on its own (no base): typed rows, and every error found in it."""
    lecture = lire_classeur(chemin)
    erreurs = list(lecture.erreurs)
    lu = ClasseurLu(feuilles=set(lecture.feuilles), avertissements=list(lecture.avertissements))
    if any(e.ligne is None and e.colonne is None and not e.feuille for e in erreurs):
        return lu, erreurs  # the file itself could not be read
    feuilles = lecture.feuilles
    _comite(lu, feuilles.get(schema.COMITE), erreurs)
    _colleges(lu, feuilles.get(schema.COLLEGES), erreurs)
    _instances(lu, feuilles.get(schema.INSTANCES), erreurs)
    _structures(lu, feuilles.get(schema.STRUCTURES), erreurs)
    _membres(lu, feuilles.get(schema.MEMBRES), erreurs)
    _seances(lu, feuilles.get(schema.SEANCES), erreurs)
    _presences(lu, feuilles.get(schema.PRESENCES), erreurs)
    return lu, erreurs
