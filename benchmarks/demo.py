"""The demo base is generated in under two seconds (foundation issue): time `creer_demo` end to end.

Usage: python benchmarks/demo.py [--repetitions 5] [--sortie FICHIER.json]
Each repetition opens a new file (created at head, not measured), then times `creer_demo` including its commit.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from app import db
from app.services.demo import creer_demo

OBJECTIF_S = 2.0


def mesurer(repetitions: int) -> dict[str, object]:
    durees = []
    resume = ""
    with tempfile.TemporaryDirectory() as dossier:
        for n in range(repetitions):
            base = db.ouvrir(Path(dossier) / f"demo-{n}.db")
            debut = time.perf_counter()
            resume = str(creer_demo(base))
            durees.append(time.perf_counter() - debut)
            base.fermer()
    return {
        "aujourdhui": os.environ.get("COMITE_LOCAL_AUJOURDHUI", "date du système"),
        "machine": f"{platform.machine()} {platform.system()} Python {platform.python_version()}",
        "contenu": resume,
        "repetitions": repetitions,
        "mediane_s": round(statistics.median(durees), 3),
        "max_s": round(max(durees), 3),
        "objectif_s": OBJECTIF_S,
        "atteint": max(durees) < OBJECTIF_S,
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
