"""Every icon the program asks for exists, loads, and draws something at 24 px."""

from __future__ import annotations

import logging
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon

from app.ui import icones
from app.ui.fenetre_principale import PAGES
from app.ui.icones import ACTIONS, NAVIGATION, NOMS, fichier_icone, icone

DOSSIER = Path(icones.__file__).resolve().parents[1] / "ressources" / "icones"


@pytest.mark.parametrize("nom", sorted(NOMS))
def test_chaque_icone_se_charge_et_dessine_a_24_px(qtbot, nom):
    resultat = icone(nom)
    assert not resultat.isNull()
    image = resultat.pixmap(24, 24).toImage()
    assert not image.isNull() and image.width() == 24
    opaques = sum(1 for x in range(24) for y in range(24) if image.pixelColor(x, y).alpha() > 128)
    assert 20 < opaques < 24 * 24  # something is drawn, and not a filled square (the app icon is inset)


def test_les_pages_et_les_actions_ont_leur_icone():
    assert {entree.icone for entree in PAGES} == set(NAVIGATION)
    assert {"ajouter", "modifier", "supprimer", "rechercher", "importer", "enregistrer"} <= set(ACTIONS)
    assert {"ouvrir", "annuler", "retablir", "aide", "application"} <= set(ACTIONS)


def test_le_dossier_ne_contient_que_les_icones_connues_et_leur_licence():
    fichiers = {f.name for f in DOSSIER.iterdir()}
    assert fichiers == {f"{nom}.svg" for nom in NOMS} | {"LICENCE"}
    for nom in NOMS:
        texte = (DOSSIER / f"{nom}.svg").read_text(encoding="utf-8")
        assert texte.startswith("<svg ") and len(texte) < 1500  # small, hand-written files
        assert 'viewBox="0 0 64 64"' in texte if nom == "application" else 'viewBox="0 0 24 24"' in texte


def test_les_icones_partent_avec_le_paquet_installe():
    configuration = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text("utf-8"))
    motifs = configuration["tool"]["setuptools"]["package-data"]["app"]
    for fichier in DOSSIER.iterdir():
        relatif = fichier.relative_to(DOSSIER.parents[1]).as_posix()
        assert any(fnmatch(relatif, motif) for motif in motifs), relatif


def test_nom_inconnu_refuse():
    with pytest.raises(ValueError, match="icône inconnue"):
        fichier_icone("inexistante")


def test_fichier_manquant_donne_une_icone_vide_et_une_trace(qtbot, monkeypatch, caplog):
    monkeypatch.setattr(icones, "fichier_icone", lambda _nom: str(DOSSIER / "absente.svg"))
    with caplog.at_level(logging.ERROR, logger="app.ui.icones"):
        resultat = icones.icone.__wrapped__("aide")
    assert isinstance(resultat, QIcon) and resultat.isNull()
    assert "absente.svg" in caplog.text


def test_icones_en_cache(qtbot):
    assert icone("aide") is icone("aide")
