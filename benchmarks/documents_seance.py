"""A meeting's documents come out in under 1 s on the demo base, under 5 s for a meeting ten times a plenary.

Usage: python benchmarks/documents_seance.py [--repetitions 5] [--sortie FICHIER.json]
Times the services of `app.services.documents_seance` (convocation PDF and .ics, signature sheet, minutes,
decision summary), each call in a new session on the base opened read-only, as the command line does.
Two meetings: the demo base (held plenary PL-2026-04, planned PL-2026-05 for the convocation) and a synthetic
large one (300 deliberative titulaires in 6 collèges, 40 agenda items, 60 actions), both built at head and not
measured. The first call of each document (module imports, reportlab's among them) is reported apart as
`premier_appel_s`; median and max cover the repetitions after it. « Today » is fixed at 2026-11-22: the demo
references depend on it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import insert
from sqlalchemy.orm import Session

from app import db, horloge
from app.modeles import (
    Action,
    College,
    Comite,
    Deport,
    Instance,
    Mandat,
    Personne,
    PointOrdreDuJour,
    Presence,
    Seance,
    Structure,
)
from app.modeles.enumerations import (
    CategorieCollege,
    EtatPresence,
    FormatSeance,
    NaturePoint,
    Qualite,
    Role,
    StatutAction,
    StatutSeance,
    TypeInstance,
    TypeStructure,
    Voix,
)
from app.services import documents_seance as documents
from app.services.demo import creer_demo

AUJOURDHUI = "2026-11-22"
OBJECTIF_S = 1.0  # per document, demo meeting
OBJECTIF_GRANDE_S = 5.0  # per document, the large meeting

TITULAIRES = 300
CONSULTATIFS = 20
INVITES = 10
POINTS = 40
ACTIONS = 60
NOMS = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
    "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
    "Morel", "Girard", "Andre", "Lefèvre-Mercier", "Bonnet",
]  # fmt: skip
PRENOMS = [
    "Anne", "Bruno", "Chloé", "Denis", "Élise", "François", "Gaëlle", "Hugo", "Inès", "Julien",
    "Karima", "Louis", "Marie-Hélène", "Nicolas", "Océane", "Pierre", "Quentin", "Rachida", "Sophie", "Théo",
]  # fmt: skip
THEMES = [
    "l'accès aux droits des jeunes majeurs", "la coordination des accueils de jour", "le logement d'abord",
    "la formation des travailleurs sociaux", "la participation des personnes accompagnées",
    "l'aller-vers en milieu rural", "la protection de l'enfance", "la santé mentale", "le numérique inclusif",
    "l'insertion professionnelle", "la domiciliation", "l'éthique du partage d'informations",
]  # fmt: skip
PHRASES = [
    "Le rapporteur présente les constats du groupe de travail et les chiffres de l'année écoulée.",
    "Les membres du collège des personnes accompagnées soulignent les difficultés d'accès aux permanences.",
    "Plusieurs structures font état de délais d'attente en hausse depuis le printemps.",
    "Le débat porte sur le calendrier de mise en œuvre et sur les moyens que chaque partenaire peut engager.",
    "Le conseil départemental rappelle le cadre financier et les marges disponibles pour l'exercice suivant.",
    "Les échanges font apparaître un consensus sur la priorité à donner aux territoires les moins couverts.",
    "Une expérimentation sur deux secteurs est proposée, avec un point d'étape en séance plénière.",
]
ACTIONS_TEXTES = [
    "Transmettre aux membres la synthèse des contributions du groupe de travail",
    "Organiser une réunion de concertation avec les structures d'accueil du secteur",
    "Rédiger le projet d'avis pour la prochaine séance plénière",
    "Recenser les besoins de formation exprimés par les équipes de terrain",
    "Saisir le bureau de la question du calendrier de l'expérimentation",
]


def _pages(contenu: bytes) -> int | None:
    return len(PdfReader(io.BytesIO(contenu)).pages) if contenu.startswith(b"%PDF") else None


def _texte(hasard: random.Random, phrases: int) -> str:
    return " ".join(hasard.sample(PHRASES, phrases))


def construire_grande_seance(base: db.BaseDeDonnees, graine: int = 7) -> dict[str, object]:
    """A plenary ten times a real one, written with bulk inserts (no journal rows): the held meeting
    PL-2026-01 a month ago and the planned PL-2026-02 in 25 days, each with 40 agenda items."""
    hasard = random.Random(graine)
    jour = horloge.aujourdhui()
    tenue, planifiee = jour - dt.timedelta(days=30), jour + dt.timedelta(days=25)
    debut_mandats = dt.date(2025, 1, 1)
    suppleants = list(range(0, TITULAIRES, 3))  # a third of the titulaires have a suppléant

    def college(k: int) -> int:  # 50 titulaires a collège, each with its share of suppléants
        return k * 6 // TITULAIRES + 1

    nb_personnes = TITULAIRES + len(suppleants) + CONSULTATIFS + INVITES
    personnes = [
        {
            "id": i + 1,
            "nom": NOMS[i % len(NOMS)],
            "prenom": PRENOMS[i // len(NOMS) % len(PRENOMS)] + ("" if i < len(NOMS) * len(PRENOMS) else f" {i}"),
            "fonction": "Membre du comité",
            "structure_id": i % 60 + 1,
            "courriel": f"membre{i + 1}@example.org",
            "telephone": "",
            "besoins_accessibilite": "",
        }
        for i in range(nb_personnes)
    ]
    mandats = []
    for k in range(TITULAIRES):
        role = Role.PRESIDENT if k == 0 else Role.VICE_PRESIDENT if k in (1, 2) else Role.MEMBRE
        mandats.append((k + 1, k + 1, college(k), Qualite.TITULAIRE, None, role, Voix.DELIBERATIVE))
    for j, k in enumerate(suppleants):
        numero = TITULAIRES + j + 1
        mandats.append((numero, numero, college(k), Qualite.SUPPLEANT, k + 1, Role.MEMBRE, Voix.DELIBERATIVE))
    for c in range(CONSULTATIFS):
        numero = TITULAIRES + len(suppleants) + c + 1
        mandats.append((numero, numero, c % 6 + 1, Qualite.TITULAIRE, None, Role.INVITE_PERMANENT, Voix.CONSULTATIVE))
    etats = [EtatPresence.PRESENT] * 60 + [EtatPresence.VISIO] * 12 + [EtatPresence.EXCUSE] * 28
    etat_titulaire = {k + 1: hasard.choice(etats) for k in range(TITULAIRES)}
    # Some of those away give a proxy (about one titulaire in eight), each to a different titulaire in the room.
    excuses = sorted(p for p, e in etat_titulaire.items() if e is EtatPresence.EXCUSE)
    dans_la_salle = sorted(p for p, e in etat_titulaire.items() if e is EtatPresence.PRESENT)
    representes = set(hasard.sample(excuses, min(TITULAIRES // 8, len(excuses), len(dans_la_salle))))
    porteurs = iter(hasard.sample(dans_la_salle, len(representes)))
    presences = []
    for personne, etat in etat_titulaire.items():
        porteur = next(porteurs) if personne in representes else None
        presences.append((personne, EtatPresence.REPRESENTE if porteur else etat, porteur))
    votants = sum(1 for e in etat_titulaire.values() if e is not EtatPresence.EXCUSE) + len(representes)
    for j, k in enumerate(suppleants):  # a suppléant comes when the titulaire is away, and sometimes anyway
        remplace = etat_titulaire[k + 1] is EtatPresence.EXCUSE and k + 1 not in representes
        votants += remplace
        if remplace or j % 10 == 0:
            presences.append((TITULAIRES + j + 1, EtatPresence.PRESENT, None))
    for c in range(CONSULTATIFS + INVITES):
        etat = EtatPresence.EXCUSE if c % 4 == 3 and c < CONSULTATIFS else EtatPresence.PRESENT
        presences.append((TITULAIRES + len(suppleants) + c + 1, etat, None))
    natures = [NaturePoint.DECISION, NaturePoint.AVIS, NaturePoint.DEBAT, NaturePoint.INFORMATION]
    points, deports = [], []
    for seance_id in (1, 2):
        for rang in range(1, POINTS + 1):
            nature = natures[(rang - 1) % len(natures)]
            point = {
                "id": (seance_id - 1) * POINTS + rang,
                "seance_id": seance_id,
                "rang": rang,
                "titre": f"{nature.libelle} : {THEMES[rang % len(THEMES)]} (point {rang})",
                "nature": nature,
                "rapporteur_id": hasard.randrange(TITULAIRES) + 1,
                "duree_minutes": hasard.choice((10, 15, 20, 30)),
                "resume": "",
                "decision": "",
                "vote_pour": None,
                "vote_contre": None,
                "vote_abstention": None,
                "opinions_divergentes": "",
            }
            if seance_id == 1:
                point["resume"] = _texte(hasard, hasard.choice((3, 4, 5)))
                if nature in (NaturePoint.DECISION, NaturePoint.AVIS):
                    contre, abstention = hasard.choice((0, 2, 5, 12)), hasard.choice((0, 3, 8))
                    point.update(vote_pour=votants - contre - abstention, vote_contre=contre)
                    point["vote_abstention"] = abstention
                    point["decision"] = (
                        "Adopté à la majorité ; le bureau est chargé du suivi." if nature is NaturePoint.DECISION
                        else "Avis favorable, assorti des réserves exprimées en séance."
                    )
                    if contre:
                        point["opinions_divergentes"] = (
                            "Plusieurs membres demandent que soit consigné leur désaccord sur le calendrier retenu."
                        )
                    if rang % 5 == 1:
                        for personne in hasard.sample(range(1, TITULAIRES + 1), 2):
                            deports.append({"point_id": point["id"], "personne_id": personne})
            points.append(point)
    actions = []
    for n in range(ACTIONS):
        statut = hasard.choice((StatutAction.A_FAIRE, StatutAction.EN_COURS, StatutAction.FAITE))
        actions.append(
            {
                "id": n + 1,
                "texte": f"{hasard.choice(ACTIONS_TEXTES)} ({THEMES[n % len(THEMES)]})",
                "responsable_id": hasard.randrange(TITULAIRES) + 1,
                "echeance": tenue + dt.timedelta(days=hasard.choice((21, 30, 45, 60))),
                "statut": statut,
                "point_origine_id": hasard.randrange(POINTS) + 1,
                "seance_origine_id": 1,
                "soldee_le": tenue + dt.timedelta(days=14) if statut is StatutAction.FAITE else None,
            }
        )
    colleges = list(CategorieCollege)[:6]
    with base.session_scope() as s:
        s.execute(
            insert(Comite),
            [
                {
                    "nom": "Comité local du travail social et du développement social",
                    "en_tete": "Comité local du travail social et du développement social\nGrand territoire",
                    "secretariat": "Assuré par la direction des solidarités du conseil départemental.",
                }
            ],
        )
        s.execute(
            insert(College),
            [{"id": i + 1, "nom": c.libelle, "categorie": c, "ordre": i} for i, c in enumerate(colleges)],
        )
        s.execute(
            insert(Structure),
            [{"id": i + 1, "nom": f"Structure partenaire {i + 1:02d}", "type": TypeStructure.ASSOCIATION}
             for i in range(60)],
        )  # fmt: skip
        s.execute(insert(Personne), personnes)
        s.execute(
            insert(Instance),
            [{"id": 1, "nom": "Plénière", "type": TypeInstance.PLENIERE, "quorum_numerateur": 1,
              "quorum_denominateur": 2, "pouvoirs_comptes": True, "pouvoirs_max_par_porteur": 1,
              "delai_convocation_jours": 15, "ordre": 0}],
        )  # fmt: skip
        s.execute(
            insert(Mandat),
            [
                {"id": i, "personne_id": p, "instance_id": 1, "college_id": c, "qualite": q, "titulaire_id": t,
                 "role": r, "voix": v, "debut": debut_mandats, "fin": None, "motif_fin": None}
                for i, p, c, q, t, r, v in mandats
            ],
        )  # fmt: skip
        commun = {"instance_id": 1, "heure_debut": dt.time(9, 30), "heure_fin": dt.time(17, 0),
                  "lieu": "Hôtel du département, salle de l'assemblée", "lien_visio": "https://visio.example.org/pl",
                  "format": FormatSeance.MIXTE, "motif_urgence": ""}  # fmt: skip
        s.execute(
            insert(Seance),
            [
                {**commun, "id": 1, "reference": "PL-2026-01", "date": tenue, "statut": StatutSeance.TENUE,
                 "president_seance_id": 1, "secretaire_seance_id": TITULAIRES + len(suppleants) + 1},
                {**commun, "id": 2, "reference": "PL-2026-02", "date": planifiee, "statut": StatutSeance.PLANIFIEE},
            ],
        )  # fmt: skip
        s.execute(
            insert(Presence),
            [{"seance_id": 1, "personne_id": p, "etat": e, "pouvoir_a_id": a} for p, e, a in presences],
        )
        s.execute(insert(PointOrdreDuJour), points)
        s.execute(insert(Deport), deports)
        s.execute(insert(Action), actions)
    compte: dict[str, int] = {
        "titulaires": TITULAIRES,
        "suppléants": len(suppleants),
        "consultatifs": CONSULTATIFS,
        "invités": INVITES,
        "collèges": len(colleges),
        "points": POINTS,
        "actions": ACTIONS,
        "présences": len(presences),
        "représentés": len(representes),
    }
    return {
        "contenu": ", ".join(f"{v} {k}" for k, v in compte.items()),
        "tenue": "PL-2026-01",
        "planifiee": "PL-2026-02",
    }


Document = Callable[[Session, int], bytes]
DOCUMENTS: dict[str, tuple[str, Document]] = {  # name → (which meeting, service)
    "convocation_pdf": ("planifiee", documents.convocation_pdf),
    "convocation_ics": ("planifiee", documents.convocation_ics),
    "emargement_pdf": ("tenue", documents.emargement_pdf),
    "proces_verbal_pdf": ("tenue", documents.proces_verbal_pdf),
    "releve_decisions_pdf": ("tenue", lambda s, i: documents.proces_verbal_pdf(s, i, releve=True)),
}


def mesurer_documents(
    chemin: Path, references: dict[str, str], repetitions: int, objectif: float
) -> dict[str, dict[str, object]]:
    base = db.ouvrir(chemin, lecture_seule=True, creer=False)
    resultats: dict[str, dict[str, object]] = {}
    try:
        with base.session_scope() as s:
            ids = {seance: documents.seance_par_reference(s, ref).id for seance, ref in references.items()}

        def appel(fonction: Document, seance_id: int) -> tuple[float, bytes]:
            debut = time.perf_counter()
            with base.session_scope() as session:
                contenu = fonction(session, seance_id)
            return time.perf_counter() - debut, contenu

        for nom, (seance, fonction) in DOCUMENTS.items():
            premier, contenu = appel(fonction, ids[seance])
            durees = [appel(fonction, ids[seance])[0] for _ in range(repetitions)]
            resultats[nom] = {
                "seance": references[seance],
                "pages": _pages(contenu),
                "octets": len(contenu),
                "premier_appel_s": round(premier, 3),
                "mediane_s": round(statistics.median(durees), 3),
                "max_s": round(max(durees), 3),
                "atteint": max(durees) < objectif,
                "premier_appel_atteint": premier < objectif,
            }
    finally:
        base.fermer()
    return resultats


def mesurer(repetitions: int) -> dict[str, object]:
    os.environ[horloge.VARIABLE] = AUJOURDHUI
    reportlab_avant = "reportlab" in sys.modules
    with tempfile.TemporaryDirectory() as dossier:
        chemin_demo = Path(dossier) / "demo.db"
        base = db.ouvrir(chemin_demo)
        contenu_demo = str(creer_demo(base))
        base.fermer()
        chemin_grande = Path(dossier) / "grande.db"
        base = db.ouvrir(chemin_grande)
        debut = time.perf_counter()
        grande = construire_grande_seance(base)
        construction = time.perf_counter() - debut
        base.fermer()
        seances = {
            "demo": {
                "contenu": contenu_demo,
                "objectif_s": OBJECTIF_S,
                "documents": mesurer_documents(
                    chemin_demo, {"tenue": "PL-2026-04", "planifiee": "PL-2026-05"}, repetitions, OBJECTIF_S
                ),
            },
            "grande": {
                "contenu": grande["contenu"],
                "construction_s": round(construction, 2),
                "objectif_s": OBJECTIF_GRANDE_S,
                "documents": mesurer_documents(
                    chemin_grande,
                    {"tenue": str(grande["tenue"]), "planifiee": str(grande["planifiee"])},
                    repetitions,
                    OBJECTIF_GRANDE_S,
                ),
            },
        }
    return {
        "aujourdhui": AUJOURDHUI,
        "machine": f"{platform.machine()} {platform.system()} Python {platform.python_version()}",
        "repetitions": repetitions,
        "reportlab_importe_au_premier_appel": not reportlab_avant,
        "seances": seances,
        "atteint": all(r["atteint"] for s in seances.values() for r in s["documents"].values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--sortie", type=Path)
    arguments = parser.parse_args()
    resultat = mesurer(arguments.repetitions)
    texte = json.dumps(resultat, ensure_ascii=False, indent=2)
    print(texte)
    if arguments.sortie:
        arguments.sortie.write_text(texte + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
