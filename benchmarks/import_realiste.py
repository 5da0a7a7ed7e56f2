"""A realistic committee workbook imports in under 2 s, and re-importing it (nothing changes) in under 2 s too.

Usage: python benchmarks/import_realiste.py [--repetitions 5] [--sortie FICHIER.json]
The workbook is the one of `tests/services/test_import_classeur.py` (`_comite_realiste(random.Random(7))`:
60 persons, 100 mandates, 100 held meetings, 2,000 attendance rows), written once (not measured). Each
repetition copies a freshly migrated base (not measured), then times `importer_classeur` twice on it: the
first import, then the second, which must create and modify nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from app import db
from app.services.import_classeur import importer_classeur

OBJECTIF_S = 2.0  # each of the two imports
RACINE = Path(__file__).resolve().parents[1]


def ecrire_classeur_realiste(chemin: Path) -> tuple[Path, dict[str, int]]:
    """The test suite's generator, imported rather than copied (it has no side effect outside pytest)."""
    if str(RACINE) not in sys.path:
        sys.path.insert(0, str(RACINE))
    from tests.services.corpus_import import ecrire_classeur
    from tests.services.test_import_classeur import _comite_realiste

    donnees = _comite_realiste(random.Random(7))
    lignes = {feuille: len(contenu) - 1 for feuille, contenu in donnees.items()}
    return ecrire_classeur(donnees, chemin), lignes


def _resume(compte: dict[str, int]) -> dict[str, int]:
    return {entite: n for entite, n in compte.items() if n}


def mesurer(repetitions: int) -> dict[str, object]:
    premiers, seconds = [], []
    crees: dict[str, int] = {}
    second_vide = True
    with tempfile.TemporaryDirectory() as dossier:
        classeur, lignes = ecrire_classeur_realiste(Path(dossier) / "realiste.xlsx")
        modele = Path(dossier) / "modele.db"
        db.ouvrir(modele).fermer()
        for n in range(repetitions):
            chemin = Path(dossier) / f"import-{n}.db"
            shutil.copyfile(modele, chemin)
            base = db.ouvrir(chemin)
            try:
                debut = time.perf_counter()
                premier = importer_classeur(base, classeur)
                premiers.append(time.perf_counter() - debut)
                debut = time.perf_counter()
                second = importer_classeur(base, classeur)
                seconds.append(time.perf_counter() - debut)
            finally:
                base.fermer()
            crees = _resume(premier.crees)
            second_vide = second_vide and not any(second.crees.values()) and not any(second.modifies.values())
    return {
        "aujourdhui": os.environ.get("COMITE_LOCAL_AUJOURDHUI", "date du système"),
        "machine": f"{platform.machine()} {platform.system()} Python {platform.python_version()}",
        "classeur_lignes": lignes,
        "crees": crees,
        "second_import_ne_change_rien": second_vide,
        "repetitions": repetitions,
        "premier_import_mediane_s": round(statistics.median(premiers), 3),
        "premier_import_max_s": round(max(premiers), 3),
        "second_import_mediane_s": round(statistics.median(seconds), 3),
        "second_import_max_s": round(max(seconds), 3),
        "objectif_s": OBJECTIF_S,
        "atteint": max(premiers) < OBJECTIF_S and max(seconds) < OBJECTIF_S,
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
