"""Layers: nothing under modeles/, services/ or documents/ imports Qt; a referral's requester stays in its corner."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import importlib, pkgutil, sys
import app
for paquet in ("app.modeles", "app.services", "app.documents"):
    try:
        module = importlib.import_module(paquet)
    except ModuleNotFoundError:
        continue
    for info in pkgutil.walk_packages(module.__path__, paquet + "."):
        importlib.import_module(info.name)
import app.db, app.cli, app.format_fr, app.texte_indicateurs
print(sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6")))
print(len([m for m in sys.modules if m.startswith("app.services.")]))
"""


def test_modeles_services_et_documents_n_importent_pas_qt() -> None:
    sortie = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    modules_qt, nombre_services = sortie.stdout.splitlines()
    assert modules_qt == "[]"
    assert int(nombre_services) >= 3  # the walk did import the services


RACINE = Path(__file__).resolve().parents[1] / "app"
# Who may touch a referral's requester: the model, its migration history, the one service that reads and purges
# it, the demo that fills it, and the referral's own « Demandeur » tab (through that service only).
LECTEURS_DU_DEMANDEUR = {
    "modeles/saisines.py",
    "modeles/__init__.py",
    "services/demandeurs.py",
    "services/demo_saisines.py",
}
UI_DU_DEMANDEUR = {"ui/saisines/demandeur.py"}


def _sources() -> list[tuple[str, str]]:
    return [(str(p.relative_to(RACINE)), p.read_text(encoding="utf-8")) for p in sorted(RACINE.rglob("*.py"))]


def test_le_demandeur_d_une_saisine_n_est_lu_que_par_son_service() -> None:
    lecteurs = {chemin for chemin, texte in _sources() if "DemandeurSaisine" in texte}
    lecteurs -= {chemin for chemin in lecteurs if chemin.startswith("migrations/")}
    assert lecteurs == LECTEURS_DU_DEMANDEUR
    motif = re.compile(
        r"^\s*(from app\.services import .*\bdemandeurs\b|from app\.services\.demandeurs import|"
        r"import app\.services\.demandeurs)",
        re.MULTILINE,
    )
    importateurs = {chemin for chemin, texte in _sources() if motif.search(texte)}
    assert {c for c in importateurs if c.startswith("ui/")} <= UI_DU_DEMANDEUR
    assert {c for c in importateurs if not c.startswith("ui/")} <= {"services/saisines.py", "services/conservation.py"}
