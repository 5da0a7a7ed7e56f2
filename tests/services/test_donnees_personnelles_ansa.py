"""`exporter ansa` without `--noms` (the default): no member's name in any cell, at the command line too.

tests/test_cli_exporter.py checks that no cell *is* « Prénom Nom »; the service test
(test_export_ansa.test_demo_noms_absents_sauf_si_demandes) checks the workbook function. This one runs the command
as a secretary would and looks for any name inside any cell, in either order, or alone in a cell.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select

from app import db
from app.cli import main
from app.modeles import Personne
from tests.services.test_export_ansa import toutes_les_cellules

CODE = re.compile(r"^M-\d{4}$")


def test_exporter_ansa_sans_noms_ne_nomme_personne(demo: Path, tmp_path: Path) -> None:
    sortie = tmp_path / "ansa.xlsx"
    assert main(["--base", str(demo), "exporter", "ansa", "-o", str(sortie)]) == 0
    base = db.ouvrir(demo, lecture_seule=True)
    with base.session_scope() as session:
        personnes = [(p.nom, p.prenom) for p in session.scalars(select(Personne))]
    base.fermer()
    assert personnes
    cellules = toutes_les_cellules(sortie.read_bytes())
    nommees = [
        cellule
        for cellule in cellules
        for nom, prenom in personnes
        if f"{prenom} {nom}" in cellule or f"{nom} {prenom}" in cellule or cellule.strip() in (nom, prenom)
    ]
    assert nommees == []
    assert any(CODE.match(c) for c in cellules)  # the members are there, under their code
