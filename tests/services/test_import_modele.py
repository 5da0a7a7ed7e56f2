"""The import template: the contract's sheets and headers, readable, and importable as it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from app import db
from app.erreurs import ErreurConnue
from app.services.import_classeur import importer_classeur
from app.services.import_schema import FEUILLES
from app.services.modele_import import enregistrer_modele


def test_feuilles_entetes_et_mise_en_forme(tmp_path: Path) -> None:
    chemin = tmp_path / "modele.xlsx"
    enregistrer_modele(chemin)
    classeur = load_workbook(chemin)
    assert classeur.sheetnames == list(FEUILLES)
    for nom, colonnes in FEUILLES.items():
        feuille = classeur[nom]
        entetes = [c.value for c in feuille[1]]
        assert entetes == [c.nom for c in colonnes]
        assert all(c.font.bold for c in feuille[1])
        assert feuille.freeze_panes == "A2"
        assert feuille.max_row >= 2  # at least one example row
        for lettre in "ABCDE"[: len(colonnes)]:
            assert feuille.column_dimensions[lettre].width >= 10
    assert classeur["Instances"]["C2"].value == "1/2"  # text, not a date
    assert [p.name for p in tmp_path.iterdir()] == ["modele.xlsx"]  # no temporary file left behind


def test_le_modele_s_importe_tel_quel(tmp_path: Path, chemin_base: Path) -> None:
    chemin = tmp_path / "modele.xlsx"
    enregistrer_modele(chemin)
    base = db.ouvrir(chemin_base)
    try:
        rapport = importer_classeur(base, chemin)
        assert rapport.valide and not rapport.avertissements
        assert all(n == 1 for n in rapport.crees.values()), rapport.crees
        second = importer_classeur(base, chemin)
        assert not any(second.crees.values()) and not any(second.modifies.values())
    finally:
        base.fermer()


def test_remplace_un_fichier_existant_et_refuse_un_dossier_absent(tmp_path: Path) -> None:
    chemin = tmp_path / "modele.xlsx"
    chemin.write_text("ancien contenu")
    enregistrer_modele(chemin)
    assert chemin.read_bytes()[:2] == b"PK"
    with pytest.raises(ErreurConnue, match="Impossible d'enregistrer"):
        enregistrer_modele(tmp_path / "absent" / "modele.xlsx")
