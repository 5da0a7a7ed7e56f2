"""Property: the order of a workbook's rows does not matter, and importing twice is importing once.

A random small committee (instances, collèges, titulaires and suppléants, held meetings, attendance with
proxies at most one per holder) is written once in its original order and once with the rows of each sheet
shuffled; both imports give the same indicators (CONCEPTION §4 `indicateurs --json`), and a second import
of the shuffled workbook changes nothing. The `Collèges` sheet keeps its order: by contract, it is the
collèges' order.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import uuid
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import db
from app.modeles.enumerations import CategorieCollege, EtatPresence, Qualite, StatutSeance, TypeInstance, Voix
from app.services.import_classeur import importer_classeur
from app.services.indicateurs import Periode, calculer
from tests.services.corpus_import import Donnees, classeur_reference, ecrire_classeur

NOMS = ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard", "Roux", "Fournier", "Mercier", "Blanc", "Guérin"]
PRENOMS = ["Anne", "Bruno", "Chloé", "David", "Éva", "Farid", "Hélène", "Inès", "Jules", "Léa", "Zoé"]
JOUR_0 = dt.date(2025, 1, 6)


def _ecrit(draw: st.DrawFn, membre: Any) -> str:
    """A member written as people do: its code, its label, or its label in capitals."""
    libelle = str(membre.libelle)
    return draw(st.sampled_from([str(membre.value), libelle, libelle.upper()]))


def _date(draw: st.DrawFn, jour: dt.date) -> object:
    return draw(st.sampled_from([jour, f"{jour:%d/%m/%Y}"]))


@st.composite
def comites(draw: st.DrawFn) -> Donnees:
    entetes = classeur_reference()
    donnees: Donnees = {nom: [lignes[0]] for nom, lignes in entetes.items()}
    if draw(st.booleans()):
        donnees["Comité"] += [["Nom", "Comité de test"], ["Date d'installation", _date(draw, JOUR_0)]]
    else:
        del donnees["Comité"]
    colleges = [f"Collège {i}" for i in range(draw(st.integers(1, 3)))]
    for nom in colleges:
        donnees["Collèges"].append([nom, _ecrit(draw, draw(st.sampled_from(list(CategorieCollege))))])
    instances = [f"Instance {i}" for i in range(draw(st.integers(1, 2)))]
    for nom in instances:
        quorum = draw(st.sampled_from(["1/2", "1/3", "2/3", "1/1", None]))
        pouvoirs = draw(st.sampled_from(["oui", "non", None]))
        donnees["Instances"].append([nom, _ecrit(draw, draw(st.sampled_from(list(TypeInstance)))), quorum, pouvoirs, 5])
    structures = [f"Structure {i}" for i in range(draw(st.integers(0, 2)))]
    for nom in structures:
        donnees["Structures"].append([nom, "association", None, None])
    noms = draw(st.lists(st.sampled_from(NOMS), min_size=2, max_size=7, unique=True))
    personnes = [(nom, draw(st.sampled_from(PRENOMS))) for nom in noms]
    structure_de = {p: draw(st.sampled_from([*structures, None])) for p in personnes}

    inscrites: list[tuple[str, str]] = []  # persons of the `Membres` sheet: the only ones a workbook may name

    def membre(personne: tuple[str, str], instance: int, qualite: Qualite, titulaire: str | None) -> None:
        if personne not in inscrites:
            inscrites.append(personne)
        # Distinct starts per instance: a person's « latest titulaire mandate » never ties.
        debut = JOUR_0 + dt.timedelta(days=instance + 10 * draw(st.integers(0, 3)))
        fin = draw(st.sampled_from([None, None, debut + dt.timedelta(days=draw(st.integers(0, 120)))]))
        voix = draw(st.sampled_from([None, Voix.DELIBERATIVE, Voix.CONSULTATIVE]))
        donnees["Membres"].append(
            [personne[0], personne[1], structure_de[personne], None, None, draw(st.sampled_from(colleges)),
             instances[instance], _ecrit(draw, qualite), titulaire, None, _date(draw, debut),
             None if fin is None else _date(draw, fin), None if voix is None else _ecrit(draw, voix)]
        )  # fmt: skip

    for k in range(len(instances)):
        titulaires = draw(st.lists(st.sampled_from(personnes), min_size=1, unique=True))
        for personne in titulaires:
            membre(personne, k, Qualite.TITULAIRE, None)
        for personne in personnes:
            if personne not in titulaires and draw(st.booleans()):
                nom, prenom = draw(st.sampled_from(titulaires))
                membre(personne, k, Qualite.SUPPLEANT, f"{prenom} {nom}")

    etats = [EtatPresence.PRESENT, EtatPresence.VISIO, EtatPresence.EXCUSE, EtatPresence.ABSENT]
    for n in range(draw(st.integers(1, 4))):
        reference = f"S-{n:02d}"
        jour = JOUR_0 + dt.timedelta(days=draw(st.integers(0, 200)))
        statut = draw(st.sampled_from([StatutSeance.TENUE, StatutSeance.CLOTUREE, StatutSeance.PLANIFIEE]))
        instance = draw(st.sampled_from(instances))
        donnees["Séances"].append(
            [reference, instance, _date(draw, jour), "14:00", None, None, None, _ecrit(draw, statut)]
        )
        venus = draw(st.lists(st.sampled_from(inscrites), unique=True))
        porteurs: set[tuple[str, str]] = set()
        for personne in venus:
            etat = draw(st.sampled_from([*etats, EtatPresence.REPRESENTE]))
            pouvoir_a = None
            libres = [p for p in inscrites if p != personne and p not in porteurs]
            if etat is EtatPresence.REPRESENTE and libres:
                porteur = draw(st.sampled_from(libres))
                porteurs.add(porteur)
                pouvoir_a = f"{porteur[1]} {porteur[0]}"
            elif etat is EtatPresence.REPRESENTE:
                etat = EtatPresence.EXCUSE
            donnees["Présences"].append([reference, personne[0], personne[1], _ecrit(draw, etat), pouvoir_a])
    return donnees


def _melange(donnees: Donnees, hasard: random.Random) -> Donnees:
    melange: Donnees = {}
    for nom, lignes in donnees.items():
        corps = list(lignes[1:])
        if nom != "Collèges":
            hasard.shuffle(corps)
        melange[nom] = [lignes[0], *corps]
    return melange


def _importer_et_mesurer(modele: Path, dossier: Path, classeur: Path) -> tuple[dict[str, Any], Path]:
    chemin = dossier / f"{uuid.uuid4().hex}.db"
    shutil.copyfile(modele, chemin)
    base = db.ouvrir(chemin)
    try:
        importer_classeur(base, classeur)
        with base.session_scope() as session:
            return calculer(session, Periode(du=None, au=None)), chemin
    finally:
        base.fermer()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(donnees=comites(), hasard=st.randoms(use_true_random=False))
def test_l_ordre_des_lignes_ne_change_pas_les_indicateurs(
    _modele_de_base: Path, tmp_path_factory: Any, donnees: Donnees, hasard: random.Random
) -> None:
    dossier = tmp_path_factory.mktemp("propriete")
    original = ecrire_classeur(donnees, dossier / "original.xlsx")
    melange = ecrire_classeur(_melange(donnees, hasard), dossier / "melange.xlsx")

    attendus, _ = _importer_et_mesurer(_modele_de_base, dossier, original)
    obtenus, chemin = _importer_et_mesurer(_modele_de_base, dossier, melange)
    assert obtenus == attendus

    base = db.ouvrir(chemin)
    try:
        second = importer_classeur(base, melange)
    finally:
        base.fermer()
    assert not any(second.crees.values()) and not any(second.modifies.values())
