"""Crash safety, long run: the program killed (SIGKILL) at random moments of an import, saves, a migration, a restore.

Usage: python benchmarks/arret_brutal.py [--graine 20261202] [--arrets-import 60] [--arrets-enregistrements 60]
       [--arrets-migration 50] [--arrets-restauration 40] [--sortie benchmarks/resultats/arret_brutal.json]

The harness is `tests/arret_brutal.py` (the test suite runs it briefly in `tests/test_arret_brutal.py`): for each
mode a model base is prepared once, the child's work is measured on runs left to finish, then each try copies the
model, starts the child, kills it after a delay drawn from a seeded RNG within that measured work, and checks the
base as the program would find it. Every figure that counts damage must be 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
if str(RACINE) not in sys.path:
    sys.path.insert(0, str(RACINE))

from tests import arret_brutal  # noqa: E402  (the repository root first on the path)

# Bigger than the test suite's, so that each child works one to two seconds.
TAILLES = {"echelle_import": 3, "actions": 200, "seances": 40_000, "personnes": 200_000}


def mesurer(arrets: dict[str, int], graine: int, etalonnages: int) -> dict[str, object]:
    hasard = random.Random(graine)
    resultats: dict[str, object] = {}
    debut = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="arret-brutal-") as dossier:
        for mode, nombre in arrets.items():
            if not nombre:
                continue
            if mode == "restauration" and not arret_brutal.restauration_disponible():
                resultats[mode] = "app.services.sauvegardes.restaurer absent"
                continue
            travail = Path(dossier) / mode
            preparation = arret_brutal.preparer(mode, travail, **TAILLES)
            arret_brutal.etalonner(preparation, travail, etalonnages)
            print(f"{mode} : travail de {preparation.duree_s:.3f} s, {nombre} arrêts", file=sys.stderr)
            chiffres = arret_brutal.arreter_au_hasard(preparation, travail, nombre, hasard, reetalonner_tous=10)
            resultats[mode] = chiffres.en_dict()
            print(json.dumps(chiffres.en_dict(), ensure_ascii=False), file=sys.stderr)
    par_mode = [c for c in resultats.values() if isinstance(c, dict)]

    def total(cle: str) -> int:
        return sum(int(c[cle] or 0) for c in par_mode)

    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.system()} {platform.release()}, {os.cpu_count()} cœurs",
        "charge_moyenne": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "graine": graine,
        "tailles": TAILLES,
        "modes": resultats,
        "total": {
            "arrets": total("arrets"),
            "pendant_le_travail": total("pendant_le_travail"),
            "bases_en_defaut": total("bases_en_defaut"),
            "a_moitie": total("a_moitie"),
            "verrous_bloquants": total("verrous_bloquants"),
            "erreurs_enfant": total("erreurs_enfant"),
        },
        "duree_totale_s": round(time.perf_counter() - debut, 1),
        "atteint": not any(total(c) for c in ("bases_en_defaut", "a_moitie", "verrous_bloquants", "erreurs_enfant")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graine", type=int, default=20261202)
    parser.add_argument("--etalonnages", type=int, default=3, help="runs left to finish, per mode (median)")
    for mode, defaut in (("import", 60), ("enregistrements", 60), ("migration", 50), ("restauration", 40)):
        parser.add_argument(f"--arrets-{mode}", type=int, default=defaut)
    parser.add_argument("--sortie", type=Path)
    arguments = parser.parse_args()
    arrets = {mode: getattr(arguments, f"arrets_{mode}") for mode in arret_brutal.MODES}
    resultat = mesurer(arrets, arguments.graine, arguments.etalonnages)
    texte = json.dumps(resultat, ensure_ascii=False, indent=2)
    print(texte)
    if arguments.sortie:
        arguments.sortie.write_text(texte + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
