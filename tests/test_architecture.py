"""Layers: nothing under modeles/, services/ or documents/ imports Qt."""

from __future__ import annotations

import subprocess
import sys

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
