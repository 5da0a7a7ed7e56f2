"""Memory stays bounded on the heavy hostile workbooks: measured in a child process (peak RSS).

Measured on the development machine (x86_64 Linux, Python 3.11, peak resident memory of a fresh process):
a plain import of the reference workbook, 62 MB (the interpreter, SQLAlchemy, openpyxl, the base); each
heavy hostile case, refused by its guard, 51 to 59 MB (the 100,000-row one, counted up to its guard, 59).
Without the guards, openpyxl alone peaks at 2.1 GB on the lying zip bomb (its workbook part inflated in one
call), 120 MB on a million empty rows, 96 MB on the billion laughs. The bound asserted, 350 MB, leaves a
wide margin for other platforms and versions, and still catches the first of these."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.corpus_hostile import CAS_CLASSEURS, classeurs_de_session

PLAFOND_MO = 350
RACINE = Path(__file__).resolve().parents[2]

# The child: import the reference (the cost of a normal import), then each heavy case, printing the peak
# RSS so far after each. On Linux the peak is VmHWM, the high-water mark of the child's own address space:
# `ru_maxrss` would not do, Linux carries it across exec from the parent's (pytest's) memory at the spawn.
# Elsewhere, ru_maxrss (KB on Linux, bytes on macOS), an upper bound then.
_ENFANT = """
import json, resource, sys
from pathlib import Path
from app import db
from app.services.import_classeur import ImportRefuse, importer_classeur

def pic_mo():
    try:
        with open("/proc/self/status", encoding="ascii") as etat:
            for ligne in etat:
                if ligne.startswith("VmHWM:"):
                    return int(ligne.split()[1]) / 1024
    except OSError:
        pass
    pic = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return pic / (1024 * 1024 if sys.platform == "darwin" else 1024)

base = db.ouvrir(Path(sys.argv[1]))
try:
    importer_classeur(base, Path(sys.argv[2]), simulation=True)
    print(json.dumps({"nom": "reference", "message": "", "pic_mo": pic_mo()}), flush=True)
    for fichier in sys.argv[3:]:
        try:
            importer_classeur(base, Path(fichier))
            message = "ACCEPTÉ"
        except ImportRefuse as refus:
            message = " | ".join(str(e) for e in refus.rapport.erreurs)
        print(json.dumps({"nom": Path(fichier).stem, "message": message, "pic_mo": pic_mo()}), flush=True)
finally:
    base.fermer()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="resource.getrusage n'existe pas sous Windows")
def test_memoire_bornee_sur_les_gros_classeurs_hostiles(
    tmp_path_factory: pytest.TempPathFactory, corpus_import: dict[str, Path], chemin_base: Path
) -> None:
    classeurs = classeurs_de_session(tmp_path_factory.getbasetemp())
    lourds = [cas for cas in CAS_CLASSEURS if cas.lourd]
    assert len(lourds) >= 4
    commande = [sys.executable, "-c", _ENFANT, str(chemin_base), str(corpus_import["reference"])]
    commande += [str(classeurs[cas.nom]) for cas in lourds]
    sortie = subprocess.run(commande, capture_output=True, text=True, cwd=RACINE, timeout=120, check=False)

    assert sortie.returncode == 0, sortie.stderr
    assert "Traceback" not in sortie.stderr
    mesures = [json.loads(ligne) for ligne in sortie.stdout.splitlines()]
    assert [m["nom"] for m in mesures] == ["reference"] + [cas.nom for cas in lourds]
    for cas, mesure in zip(lourds, mesures[1:], strict=True):
        assert cas.fragment in mesure["message"], mesure
    pics = {m["nom"]: round(m["pic_mo"]) for m in mesures}
    assert max(pics.values()) < PLAFOND_MO, pics
