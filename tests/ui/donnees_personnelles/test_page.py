"""The « Données personnelles » page, driven by keyboard: durations, purges, export and erasure of a person."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from app import db
from app.modeles import Personne
from app.services import conservation
from app.services import donnees_personnelles as dp
from app.services.conservation import Durees
from app.ui.contexte import Contexte
from app.ui.donnees_personnelles.modeles import modele_personnes, modele_purges
from app.ui.pages.donnees_personnelles import PageDonneesPersonnelles
from tests.services.test_donnees_personnelles import AUJOURDHUI, _comite


@pytest.fixture(autouse=True)
def _aujourdhui(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", AUJOURDHUI)


def ouvrir(qtbot, base: db.BaseDeDonnees) -> PageDonneesPersonnelles:
    page = PageDonneesPersonnelles(Contexte(base))
    qtbot.addWidget(page)
    page.rafraichir()
    page.show()
    qtbot.waitExposed(page)
    return page


def choisir_par_le_clavier(qtbot, page: PageDonneesPersonnelles, recherche: str) -> dp.PersonneConnue:
    page.rechercher()
    qtbot.keyClicks(page.recherche, recherche)
    assert page.proxy.rowCount() == 1
    page.vue.setFocus()
    qtbot.keyClick(page.vue, Qt.Key.Key_Down)
    personne = page.personne_choisie()
    assert personne is not None
    return personne


def enregistrer_sous(monkeypatch, chemin: Path) -> list[str]:
    proposes: list[str] = []

    def repondre(_parent, _titre, depart, _filtre):
        proposes.append(Path(depart).name)
        return str(chemin), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", repondre)
    return proposes


def test_le_texte_dit_les_durees_du_comite(qtbot, base) -> None:
    _comite(base)
    page = ouvrir(qtbot, base)
    texte = page.explication.text()
    for attendu in (
        "6\u00a0mois après l'envoi de l'avis",
        "1\u00a0an après la fin de son dernier mandat",
        "Le journal est gardé 5\u00a0ans",
        "article 2224 du code civil",
        "CNIL",
        "M-0012",
    ):
        assert attendu in texte
    assert (page.champ_demandeurs.value(), page.champ_coordonnees.value(), page.champ_journal.value()) == (6, 1, 5)
    assert page.aucune_purge.isVisible() and not page.vue_purges.isVisible()


def test_modifier_les_durees_au_clavier_puis_annuler(qtbot, base) -> None:
    _comite(base)
    page = ouvrir(qtbot, base)
    page.champ_demandeurs.setFocus()
    page.champ_demandeurs.selectAll()
    qtbot.keyClicks(page.champ_demandeurs, "12")
    qtbot.keyClick(page.champ_journal, Qt.Key.Key_Up)
    page.bouton_enregistrer.setFocus()
    qtbot.keyClick(page.bouton_enregistrer, Qt.Key.Key_Space)
    with base.session_scope() as s:
        assert conservation.lire_durees(s) == Durees(12, 1, 6)
    assert "12\u00a0mois" in page.explication.text()
    assert page.message_durees.text().startswith("Durées enregistrées.")
    page.contexte.pile.undo()
    with base.session_scope() as s:
        assert conservation.lire_durees(s) == Durees(6, 1, 5)
    assert page.champ_demandeurs.value() == 6
    page.contexte.pile.redo()
    with base.session_scope() as s:
        assert conservation.lire_durees(s) == Durees(12, 1, 6)


def test_les_bornes_des_champs_sont_celles_du_service(qtbot, base) -> None:
    page = ouvrir(qtbot, base)
    for champ, cle in (
        (page.champ_demandeurs, "demandeurs_mois"),
        (page.champ_coordonnees, "coordonnees_ans"),
        (page.champ_journal, "journal_ans"),
    ):
        assert (champ.minimum(), champ.maximum()) == (
            conservation.BORNES[cle].minimum,
            conservation.BORNES[cle].maximum,
        )


def test_les_annees_s_accordent(qtbot, base) -> None:
    page = ouvrir(qtbot, base)
    page.champ_journal.setValue(1)
    assert page.champ_journal.text() == "1 an"
    page.champ_journal.setValue(5)
    assert page.champ_journal.text() == "5 ans"


def test_sans_comite_l_enregistrement_le_dit(qtbot, base) -> None:
    page = ouvrir(qtbot, base)
    page.champ_journal.setValue(7)
    page.enregistrer_durees()
    assert "page « Comité »" in page.message_durees.text()
    assert page.contexte.pile.count() == 0


def test_les_dernieres_purges(qtbot, base, monkeypatch) -> None:
    ids = _comite(base)
    with base.session_scope() as s:
        s.get(Personne, ids["chloe"]).mandats[0].fin = s.get(Personne, ids["chloe"]).mandats[0].debut
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2027-01-01")
    with base.session_scope() as s:
        (message,) = conservation.appliquer_a_l_ouverture(s)
    page = ouvrir(qtbot, base)
    assert page.vue_purges.isVisible() and not page.aucune_purge.isVisible()
    assert page.tri_purges.rowCount() == 1
    assert page.tri_purges.index(0, 2).data() == message


def test_exporter_les_donnees_d_une_personne_en_json_et_pdf(qtbot, base, monkeypatch, tmp_path) -> None:
    ids = _comite(base)
    page = ouvrir(qtbot, base)
    assert not page.bouton_json.isEnabled()
    personne = choisir_par_le_clavier(qtbot, page, "anne ccas")
    assert personne.id == ids["anne"]
    proposes = enregistrer_sous(monkeypatch, tmp_path / "anne")
    page.bouton_json.setFocus()
    qtbot.keyClick(page.bouton_json, Qt.Key.Key_Space)
    assert proposes == [f"donnees-Martin-Anne-{AUJOURDHUI}.json"]
    donnees = json.loads((tmp_path / "anne.json").read_text(encoding="utf-8"))
    assert donnees["personne"]["courriel"] == "anne@exemple.fr"
    assert "anne.json" in page.resultat.text()
    enregistrer_sous(monkeypatch, tmp_path / "anne.pdf")
    page.bouton_pdf.click()
    assert (tmp_path / "anne.pdf").read_bytes().startswith(b"%PDF")


def test_un_fichier_impossible_a_ecrire_est_dit_sans_trace(qtbot, base, monkeypatch, tmp_path) -> None:
    import errno

    from PySide6.QtWidgets import QMessageBox

    ids = _comite(base)
    page = ouvrir(qtbot, base)
    page.choisir(ids["anne"])
    enregistrer_sous(monkeypatch, tmp_path / "anne.json")

    def plein(*_args, **_kwargs):  # root ignores chmod: the full disk is simulated
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("app.fichiers.os.replace", plein)
    avertis: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, texte: avertis.append(texte))
    page.exporter("json")
    assert avertis and page.resultat.text() == avertis[0]
    assert not (tmp_path / "anne.json").exists()


def _repondre_au_dialogue(qtbot, page: PageDonneesPersonnelles, texte: str, vus: list[str]) -> None:
    def repondre() -> None:
        dialogue = page.dialogue_ouvert
        assert dialogue is not None
        vus.append(dialogue.explication.text())
        qtbot.keyClicks(dialogue.confirmation, "Anne Martni")  # a typo: the button stays disabled
        assert not dialogue.bouton_effacer.isEnabled()
        qtbot.keyClick(dialogue.confirmation, Qt.Key.Key_Return)
        assert dialogue.isVisible()
        dialogue.confirmation.clear()
        qtbot.keyClicks(dialogue.confirmation, texte)
        if dialogue.bouton_effacer.isEnabled():
            qtbot.keyClick(dialogue.confirmation, Qt.Key.Key_Return)
        else:
            qtbot.keyClick(dialogue, Qt.Key.Key_Escape)

    QTimer.singleShot(0, repondre)


def test_effacer_une_personne_en_tapant_son_nom(qtbot, base) -> None:
    ids = _comite(base)
    page = ouvrir(qtbot, base)
    page.contexte.executer("Rien", faire=lambda s: None, defaire=lambda s, r: None)
    choisir_par_le_clavier(qtbot, page, "martin")
    vus: list[str] = []
    _repondre_au_dialogue(qtbot, page, "  anne   MARTIN ", vus)
    page.bouton_effacer.setFocus()
    qtbot.keyClick(page.bouton_effacer, Qt.Key.Key_Space)
    assert "seuls le nom, le prénom et la structure sont conservés" in vus[0]
    assert "la fonction, le courriel, le téléphone et les besoins d'accessibilité" in vus[0]
    with base.session_scope() as s:
        anne = s.get(Personne, ids["anne"])
        assert (anne.nom, anne.courriel, anne.fonction) == ("Martin", "", "")
    assert page.resultat.text().startswith("Anne Martin : fonction, coordonnées")
    assert page.contexte.pile.count() == 0  # nothing earlier can bring back what was erased
    choisie = page.personne_choisie()
    assert choisie is not None and choisie.situation == "Effacée le 20 mai 2026"
    assert not page.bouton_effacer.isEnabled()


def test_echap_n_efface_rien(qtbot, base) -> None:
    ids = _comite(base)
    page = ouvrir(qtbot, base)
    page.choisir(ids["anne"])
    vus: list[str] = []
    _repondre_au_dialogue(qtbot, page, "quelqu'un d'autre", vus)
    page.effacer()
    assert vus
    with base.session_scope() as s:
        assert s.get(Personne, ids["anne"]).courriel == "anne@exemple.fr"


def test_en_lecture_seule_on_exporte_mais_on_n_efface_ni_ne_modifie(qtbot, chemin_base, monkeypatch, tmp_path) -> None:
    ouverte = db.ouvrir(chemin_base)
    ids = _comite(ouverte)
    ouverte.fermer()
    lecture = db.ouvrir(chemin_base, lecture_seule=True)
    try:
        page = ouvrir(qtbot, lecture)
        page.choisir(ids["chloe"])
        assert not page.bouton_effacer.isEnabled()
        assert not page.bouton_enregistrer.isEnabled() and not page.champ_journal.isEnabled()
        assert page.bouton_json.isEnabled()
        enregistrer_sous(monkeypatch, tmp_path / "chloe.json")
        page.exporter("json")
        assert json.loads((tmp_path / "chloe.json").read_text(encoding="utf-8"))["personne"]["nom"] == "Durand"
    finally:
        lecture.fermer()


def test_les_modeles(qtmodeltester, base) -> None:
    _comite(base)
    with base.session_scope() as s:
        personnes = dp.lister_personnes(s)
    modele = modele_personnes()
    modele.definir(personnes)
    qtmodeltester.check(modele)
    assert [p.situation for p in personnes] == ["Membre en fonction"] * 3
    purges = modele_purges()
    purges.definir([])
    qtmodeltester.check(purges)


def test_les_captures(qtbot, base) -> None:
    ids = _comite(base)
    page = ouvrir(qtbot, base)
    page.preparer_pour_captures()
    ((nom, dialogue),) = page.dialogues_pour_captures()
    qtbot.addWidget(dialogue)
    assert nom == "effacer_personne"
    assert page.personne_choisie() is not None
    with base.session_scope() as s:
        assert s.scalar(select(Personne.id).where(Personne.id == ids["anne"])) is not None
