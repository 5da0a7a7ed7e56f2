"""Indicators on a national consolidation: N committees × Y years (CONCEPTION §1: stay instant at 100×).

Usage: python benchmarks/indicateurs_a_l_echelle.py [--comites 100] [--annees 10] [--sortie FICHIER.json]
Builds the base with bulk inserts (not what is measured), then times `calculer` (median of 3) and
records the peak memory of that call.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from sqlalchemy import insert

from app import db
from app.modeles import College, Instance, Mandat, Personne, Presence, Seance, Structure
from app.modeles.enumerations import CategorieCollege, EtatPresence, Qualite, StatutSeance, TypeInstance, Voix
from app.services.indicateurs import Periode, calculer

ETATS = [EtatPresence.PRESENT] * 13 + [EtatPresence.VISIO] * 2 + [EtatPresence.EXCUSE] * 3 + [EtatPresence.ABSENT] * 2
SEANCES_PAR_AN = {  # instance type → meetings a year
    TypeInstance.PLENIERE: 2,
    TypeInstance.BUREAU: 8,
    TypeInstance.COMITE_TECHNIQUE: 6,
    TypeInstance.GROUPE_TRAVAIL: 8,
    TypeInstance.ETHIQUE: 6,
}
INSTANCES = [
    TypeInstance.PLENIERE,
    TypeInstance.BUREAU,
    TypeInstance.COMITE_TECHNIQUE,
    TypeInstance.GROUPE_TRAVAIL,
    TypeInstance.GROUPE_TRAVAIL,
    TypeInstance.GROUPE_TRAVAIL,
    TypeInstance.ETHIQUE,
]
SIEGES = {TypeInstance.PLENIERE: 40, TypeInstance.BUREAU: 10}


def construire(base: db.BaseDeDonnees, comites: int, annees: int, graine: int = 7) -> dict[str, int]:
    hasard = random.Random(graine)
    debut = dt.date(2016, 1, 1)
    compte = {"personnes": 0, "mandats": 0, "seances": 0, "presences": 0}
    with base.session_scope() as s:
        s.execute(
            insert(College),
            [{"id": i + 1, "nom": c.libelle, "categorie": c, "ordre": i} for i, c in enumerate(CategorieCollege)],
        )
        structures, personnes, instances, mandats, seances, presences = [], [], [], [], [], []
        for c in range(comites):
            structures += [
                {"id": c * 45 + k + 1, "nom": f"Structure {c}-{k}", "type": "association"} for k in range(45)
            ]
            base_personne = c * 60
            personnes += [
                {
                    "id": base_personne + k + 1,
                    "nom": f"Nom{c}-{k}",
                    "prenom": "Prénom",
                    "fonction": "",
                    "structure_id": c * 45 + k % 45 + 1,
                    "courriel": "",
                    "telephone": "",
                    "besoins_accessibilite": "",
                }
                for k in range(60)
            ]
            for j, type_ in enumerate(INSTANCES):
                instance_id = c * len(INSTANCES) + j + 1
                instances.append(
                    {
                        "id": instance_id,
                        "nom": f"Instance {c}-{j}",
                        "type": type_,
                        "quorum_numerateur": 1,
                        "quorum_denominateur": 2,
                        "pouvoirs_comptes": True,
                        "pouvoirs_max_par_porteur": 1,
                        "delai_convocation_jours": 5,
                        "ordre": j,
                    }
                )
                membres = hasard.sample(range(60), SIEGES.get(type_, 12))
                titulaires = []
                for personne in membres:
                    mandat_id = len(mandats) + 1
                    mandats.append(
                        {
                            "id": mandat_id,
                            "personne_id": base_personne + personne + 1,
                            "instance_id": instance_id,
                            "college_id": personne % 6 + 1,
                            "qualite": Qualite.TITULAIRE,
                            "titulaire_id": None,
                            "role": "membre",
                            "voix": Voix.DELIBERATIVE,
                            "debut": debut,
                            "fin": None,
                            "motif_fin": None,
                        }
                    )
                    titulaires.append(base_personne + personne + 1)
                for a in range(annees):
                    for n in range(SEANCES_PAR_AN[type_]):
                        seance_id = len(seances) + 1
                        jour = dt.date(2016 + a, 1 + n * 12 // SEANCES_PAR_AN[type_], 10 + j)
                        seances.append(
                            {
                                "id": seance_id,
                                "reference": f"S{seance_id}",
                                "instance_id": instance_id,
                                "date": jour,
                                "statut": StatutSeance.CLOTUREE,
                                "lieu": "",
                                "lien_visio": "",
                                "format": "presentiel",
                                "motif_urgence": "",
                            }
                        )
                        presences += [
                            {
                                "seance_id": seance_id,
                                "personne_id": p,
                                "etat": hasard.choice(ETATS),
                                "pouvoir_a_id": None,
                            }
                            for p in titulaires
                        ]
        s.execute(insert(Structure), structures)
        s.execute(insert(Personne), personnes)
        s.execute(insert(Instance), instances)
        s.execute(insert(Mandat), mandats)
        s.execute(insert(Seance), seances)
        for debut_lot in range(0, len(presences), 50_000):
            s.execute(insert(Presence), presences[debut_lot : debut_lot + 50_000])
        compte.update(personnes=len(personnes), mandats=len(mandats), seances=len(seances), presences=len(presences))
    return compte


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__)
    analyseur.add_argument("--comites", type=int, default=100)
    analyseur.add_argument("--annees", type=int, default=10)
    analyseur.add_argument("--sortie", type=Path)
    arguments = analyseur.parse_args()
    with tempfile.TemporaryDirectory() as dossier:
        base = db.ouvrir(Path(dossier) / "echelle.db")
        t0 = time.perf_counter()
        compte = construire(base, arguments.comites, arguments.annees)
        construction = time.perf_counter() - t0
        durees = []
        for _ in range(3):
            t0 = time.perf_counter()
            with base.session_scope() as s:
                calculer(s, Periode())
            durees.append(time.perf_counter() - t0)
        tracemalloc.start()
        with base.session_scope() as s:
            calculer(s, Periode(dt.date(2020, 1, 1), dt.date(2020, 12, 31)))
        _, pic = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        base.fermer()
    resultat = {
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.machine()} {platform.system()} Python {platform.python_version()}",
        "comites": arguments.comites,
        "annees": arguments.annees,
        **compte,
        "construction_s": round(construction, 2),
        "indicateurs_mediane_s": round(statistics.median(durees), 3),
        "indicateurs_pic_memoire_mo": round(pic / 1e6, 1),
    }
    texte = json.dumps(resultat, ensure_ascii=False, indent=2)
    print(texte)
    if arguments.sortie:
        arguments.sortie.write_text(texte + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
