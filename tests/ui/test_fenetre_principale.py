"""The main window: navigation, menus in French, remembered geometry, switching base, clean close."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu

from app import db
from app.services.demo import creer_demo
from app.ui import reglages
from app.ui.fenetre_principale import PAGES, FenetrePrincipale
from app.ui.page import Page


@pytest.fixture
def base_demo(base, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-11-22")
    creer_demo(base)
    return base


def _ouvrir(qtbot, base, **kwargs):
    fenetre = FenetrePrincipale(base, **kwargs)
    qtbot.addWidget(fenetre)
    fenetre.show()
    qtbot.waitExposed(fenetre)
    return fenetre


def test_s_ouvre_sur_la_demo_et_se_ferme(qtbot, base_demo):
    fenetre = _ouvrir(qtbot, base_demo)
    assert "Vallée-du-Lys" in fenetre.windowTitle() and base_demo.chemin.name in fenetre.windowTitle()
    assert str(base_demo.chemin) in fenetre.statusBar().currentMessage()
    assert fenetre.navigation.currentRow() == 0
    assert fenetre.close()


def test_chaque_page_s_affiche_et_aucune_n_est_a_venir(qtbot, base_demo):
    fenetre = _ouvrir(qtbot, base_demo)
    titres = [fenetre.navigation.item(i).text() for i in range(fenetre.navigation.count())]
    assert titres == [
        "Tableau de bord",
        "Comité",
        "Structures",
        "Membres",
        "Séances",
        "Saisines",
        "Recommandations",
        "Travaux et diffusion",
        "Évaluation",
        "Exports",
        "Données personnelles",
        "Journal des modifications",
    ]
    for rang in range(len(PAGES)):
        fenetre.navigation.setCurrentRow(rang)
        page = fenetre.page_courante()
        assert page is not None and page.titre == titres[rang]
        assert type(page) is not Page, page.titre  # every page has its own class: none is a placeholder


def test_menus_en_francais_avec_raccourcis(qtbot, base):
    fenetre = _ouvrir(qtbot, base)
    menus = {m.title().replace("&", ""): m for m in fenetre.menuBar().findChildren(QMenu) if m.title()}
    assert {"Fichier", "Édition", "Affichage", "Aide"} <= set(menus)
    fichier = [a.text().replace("&", "") for a in menus["Fichier"].actions() if a.text()]
    assert fichier == [
        "Nouvelle base…",
        "Ouvrir une base…",
        "Sauvegarder maintenant",
        "Sauvegarder une copie…",
        "Restaurer une sauvegarde…",
        "Réglages des sauvegardes…",
        "Importer un classeur…",
        "Enregistrer le modèle d'import…",
        "Imprimer…",
        "Quitter",
    ]
    (imprimer,) = [a for a in menus["Fichier"].actions() if a.text() == "Im&primer…"]
    assert imprimer.shortcut().toString() == "Ctrl+P"
    edition = [a.text().replace("&", "") for a in menus["Édition"].actions() if a.text()]
    assert edition[0].startswith("Annuler") and edition[1].startswith("Rétablir") and edition[-1] == "Rechercher"
    assert fenetre.action_annuler.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Y" in [s.toString() for s in fenetre.action_retablir.shortcuts()]
    aide = [a.text().replace("&", "") for a in menus["Aide"].actions() if a.text()]
    assert aide == ["À propos de Comité local", "Journal des erreurs"]


def test_ctrl_p_sans_document_le_dit_dans_la_barre_d_etat(qtbot, base):
    fenetre = _ouvrir(qtbot, base)
    fenetre.imprimer()  # the dashboard prints nothing
    assert fenetre.statusBar().currentMessage().startswith("Rien à imprimer sur cette page")


def test_raccourci_clavier_vers_une_page(qtbot, base):
    # The offscreen platform never activates a window, so Qt's shortcut map stays idle: check the binding
    # and what the action does.
    fenetre = _ouvrir(qtbot, base)
    (action,) = [a for a in fenetre.actions() if a.shortcut().toString() == "Ctrl+4"]
    assert action.text() == "Membres"
    action.trigger()
    assert fenetre.navigation.currentItem().text() == "Membres"
    assert sorted(
        a.shortcut().toString()
        for a in fenetre.actions()
        if a.shortcut().toString().startswith("Ctrl+") and a.shortcut().toString()[-1].isdigit()
    ) == [f"Ctrl+{n}" for n in "0123456789"]  # the first ten pages; the others have none (no clash)


def test_taille_separateur_et_page_memorises(qtbot, base):
    fenetre = _ouvrir(qtbot, base)
    fenetre.resize(780, 600)  # the offscreen screen is 800 × 800
    fenetre.separateur.setSizes([260, 520])
    fenetre.navigation.setCurrentRow(2)
    assert fenetre.close()
    donnees = json.loads(reglages.fichier().read_text(encoding="utf-8"))
    assert (donnees["largeur"], donnees["hauteur"]) == (780, 600)
    assert donnees["derniere_page"] == "Structures" and donnees["derniere_base"] == str(base.chemin)
    assert donnees["separateurs"]["separateur_principal"][0] == 260
    seconde = _ouvrir(qtbot, base)
    assert (seconde.width(), seconde.height()) == (780, 600)
    assert seconde.navigation.currentItem().text() == "Structures"
    assert seconde.separateur.sizes()[0] == 260


def test_reglages_abimes_donnent_les_valeurs_par_defaut(qtbot, base):
    reglages.fichier().parent.mkdir(parents=True, exist_ok=True)
    reglages.fichier().write_text('{"largeur": "énorme", "separateurs": [1, 2]', encoding="utf-8")
    assert reglages.charger() == reglages.Reglages()
    reglages.fichier().write_text('{"largeur": "énorme", "x": true, "separateurs": {"a": [1, "b"]}}', encoding="utf-8")
    assert reglages.charger() == reglages.Reglages()
    fenetre = _ouvrir(qtbot, base)
    assert fenetre.width() >= 760


def test_changer_de_base(qtbot, base, base_demo_chemin):
    ouvertes: list[Path] = []

    def ouvrir(chemin, _parent):
        ouvertes.append(chemin)
        return db.ouvrir(chemin)

    fenetre = _ouvrir(qtbot, base, ouvrir_base=ouvrir)
    fenetre.navigation.setCurrentRow(1)
    avant = fenetre.page_courante()
    fenetre._changer_de_base(base_demo_chemin)
    assert ouvertes == [base_demo_chemin]
    assert fenetre.base.chemin == base_demo_chemin and "Vallée-du-Lys" in fenetre.windowTitle()
    assert fenetre.page_courante() is not avant and fenetre.page_courante().titre == "Comité"
    fenetre.close()
    fenetre.base.fermer()


@pytest.fixture
def base_demo_chemin(tmp_path, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-11-22")
    chemin = tmp_path / "autre.db"
    autre = db.ouvrir(chemin)
    creer_demo(autre)
    autre.fermer()
    return chemin


def test_le_titre_suit_le_nom_du_comite_et_son_annulation(qtbot, base_demo):
    fenetre = _ouvrir(qtbot, base_demo)
    fenetre.navigation.setCurrentRow(1)  # Comité
    page = fenetre.page_courante()
    assert page is not None
    formulaire = page.formulaire  # type: ignore[attr-defined]
    formulaire.nom.setText("CLTSDS des Marches")
    page.enregistrer()  # type: ignore[attr-defined]
    assert fenetre.windowTitle().startswith("CLTSDS des Marches — ")
    fenetre.contexte.pile.undo()
    assert fenetre.windowTitle().startswith("Comité local du travail social et du développement social de la Vallée")
