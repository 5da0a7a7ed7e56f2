"""The « Exports » page on the demo base: each document saved where the user said and read back (the workbook's
figures are `calculer`'s for the period chosen on the page), the names only when asked for, a cancelled export
leaves no file, a reversed period is refused, and « Ouvrir le dossier » opens the file's folder."""

from __future__ import annotations

import datetime as dt
import io
import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from app import db
from app.services.demo import creer_demo
from app.services.indicateurs import Periode, calculer
from app.ui.contexte import Contexte
from app.ui.exports import documents
from app.ui.exports.documents import Document
from app.ui.pages.exports import PageExports
from tests.documents.outils import contient, texte


@pytest.fixture
def demo(base, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-11-22")
    creer_demo(base)
    return base


@pytest.fixture
def dossier(tmp_path) -> Path:
    """Where the exports go (the base lives in tmp_path itself)."""
    sortie = tmp_path / "exports"
    sortie.mkdir()
    return sortie


def ouvrir(qtbot, base: db.BaseDeDonnees) -> PageExports:
    page = PageExports(Contexte(base))
    qtbot.addWidget(page)
    page.show()
    return page


def enregistrer_sous(monkeypatch, chemin: Path) -> list[str]:
    """The save dialog answers `chemin`; returns the names it proposed."""
    proposes: list[str] = []

    def repondre(_parent, _titre, depart, filtre):
        proposes.append(Path(depart).name)
        return str(chemin), filtre

    monkeypatch.setattr(QFileDialog, "getSaveFileName", repondre)
    return proposes


def exporter(qtbot, page: PageExports) -> None:
    page.bouton_exporter.click()
    qtbot.waitUntil(lambda: not page.export_en_cours(), timeout=60_000)


def cellules(contenu: bytes) -> list[object]:
    classeur = load_workbook(io.BytesIO(contenu))
    return [v for feuille in classeur for rangee in feuille.iter_rows(values_only=True) for v in rangee]


def chiffres(feuille) -> dict[str, object]:
    """Indicator → value of a grid sheet (column B → column C)."""
    resultat: dict[str, object] = {}
    for _item, libelle, valeur in feuille.iter_rows(min_row=6, max_col=3, values_only=True):
        if isinstance(libelle, str):
            resultat.setdefault(" ".join(libelle.replace("\u202f", " ").replace("\u00a0", " ").split()), valeur)
    return resultat


def test_la_periode_par_defaut_est_celle_du_tableau_de_bord(qtbot, demo):
    page = ouvrir(qtbot, demo)
    assert page.demande().periode == Periode(dt.date(2025, 11, 23), dt.date(2026, 11, 22))
    assert page.document() is Document.CLASSEUR_ANSA and not page.case_noms.isChecked()
    assert "code stable" in " ".join(w.text() for w in page.groupe_document.findChildren(type(page.resultat)))


def test_classeur_ansa_de_l_annee_civile_egal_aux_indicateurs(qtbot, demo, monkeypatch, dossier):
    page = ouvrir(qtbot, demo)
    rang = page.annee.findText("2026")
    page.annee.setCurrentIndex(rang)
    page.annee.activated.emit(rang)
    assert page.demande().periode == Periode(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    proposes = enregistrer_sous(monkeypatch, dossier / "ansa")  # no suffix typed: « .xlsx » is added
    exporter(qtbot, page)
    assert proposes == ["Classeur ANSA 2026-01-01 au 2026-12-31.xlsx"]
    fichier = dossier / "ansa.xlsx"
    assert page.resultat.text() == f"Enregistré dans « {fichier} »." and page.bouton_dossier.isVisible()
    classeur = load_workbook(io.BytesIO(fichier.read_bytes()))
    with demo.session_scope() as s:
        attendu = calculer(s, Periode(dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
        tout = calculer(s, Periode())
    assert len(attendu["seances"]) != len(tout["seances"])  # the period chosen matters
    mobilisation = chiffres(classeur["1.2 Mobilisation"])
    assert mobilisation["Séances tenues dans la période"] == len(attendu["seances"])
    realisations = chiffres(classeur["2.1 Réalisations"])
    assert realisations["Saisines reçues"] == attendu["saisines"]["recues"]
    assert not list(dossier.glob(".*partiel"))  # written atomically: no temporary file left


def test_les_noms_n_apparaissent_que_si_la_case_est_cochee(qtbot, demo, monkeypatch, dossier):
    with demo.session_scope() as s:
        membre = calculer(s, Periode(dt.date(2025, 11, 23), dt.date(2026, 11, 22)))["membres"][0]
    page = ouvrir(qtbot, demo)
    enregistrer_sous(monkeypatch, dossier / "codes.xlsx")
    exporter(qtbot, page)
    assert membre["nom"] not in cellules((dossier / "codes.xlsx").read_bytes())
    page.case_noms.setChecked(True)
    assert page.demande().noms
    proposes = enregistrer_sous(monkeypatch, dossier / "noms.xlsx")
    exporter(qtbot, page)
    assert proposes == ["Classeur ANSA 2025-11-23 au 2026-11-22 (noms).xlsx"]
    assert membre["nom"] in cellules((dossier / "noms.xlsx").read_bytes())


def test_rapport_hcts_et_dossier_de_candidature(qtbot, demo, monkeypatch, dossier):
    page = ouvrir(qtbot, demo)
    page.choisir(Document.RAPPORT_HCTS)
    assert not page.case_noms.isEnabled() and page.du.isEnabled()
    proposes = enregistrer_sous(monkeypatch, dossier / "rapport.pdf")
    exporter(qtbot, page)
    assert proposes == ["Rapport HCTS 2025-11-23 au 2026-11-22.pdf"]
    assert contient(texte((dossier / "rapport.pdf").read_bytes()), "Rapport au Haut Conseil du travail social")

    page.choisir(Document.DOSSIER_CANDIDATURE)
    assert not page.du.isEnabled() and not page.note_periode.isHidden()  # no period for the dossier
    proposes = enregistrer_sous(monkeypatch, dossier / "dossier.pdf")
    exporter(qtbot, page)
    assert proposes == ["Dossier de candidature.pdf"]
    assert contient(texte((dossier / "dossier.pdf").read_bytes()), "Dossier de candidature")


def test_une_base_en_lecture_seule_s_exporte(qtbot, demo, monkeypatch, dossier):
    lecture = db.ouvrir(demo.chemin, lecture_seule=True)
    try:
        page = ouvrir(qtbot, lecture)
        page.choisir(Document.RAPPORT_HCTS)
        enregistrer_sous(monkeypatch, dossier / "rapport.pdf")
        exporter(qtbot, page)
        assert (dossier / "rapport.pdf").read_bytes().startswith(b"%PDF")
    finally:
        lecture.fermer()


def test_annuler_ne_laisse_aucun_fichier(qtbot, demo, monkeypatch, dossier):
    commence, libere = threading.Event(), threading.Event()
    vrai = documents.rapport_hcts_pdf

    def lent(session, periode):
        commence.set()
        libere.wait(30)
        return vrai(session, periode)

    monkeypatch.setattr(documents, "rapport_hcts_pdf", lent)
    page = ouvrir(qtbot, demo)
    page.choisir(Document.RAPPORT_HCTS)
    enregistrer_sous(monkeypatch, dossier / "rapport.pdf")
    page.bouton_exporter.click()
    assert page.export_en_cours() and not page.bouton_exporter.isEnabled()
    assert commence.wait(30)
    assert page.travail is not None
    page.travail.annuler()  # what the progress dialog's « Annuler » does
    libere.set()
    qtbot.waitUntil(lambda: not page.export_en_cours(), timeout=60_000)
    assert list(dossier.iterdir()) == []
    assert page.resultat.text() == "Export annulé : aucun fichier n'a été enregistré."
    assert page.bouton_dossier.isHidden() and page.bouton_exporter.isEnabled()


def test_une_periode_inversee_est_refusee(qtbot, demo, monkeypatch, dossier):
    page = ouvrir(qtbot, demo)
    proposes = enregistrer_sous(monkeypatch, dossier / "ansa.xlsx")
    page.definir_periode(dt.date(2026, 6, 1), dt.date(2026, 1, 1))
    assert page.erreur_periode.text() == "La date de début est postérieure à la date de fin : corrigez la période."
    page.bouton_exporter.click()
    assert proposes == [] and not page.export_en_cours() and list(dossier.iterdir()) == []
    page.choisir(Document.DOSSIER_CANDIDATURE)  # no period: nothing to refuse
    assert page.erreur_periode.text() == ""
    page.choisir(Document.CLASSEUR_ANSA)
    page.douze_derniers_mois()
    assert page.erreur_periode.text() == ""


def test_ouvrir_le_dossier(qtbot, demo, monkeypatch, dossier):
    ouverts: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: ouverts.append(url.toLocalFile()) or True)
    page = ouvrir(qtbot, demo)
    page.choisir(Document.DOSSIER_CANDIDATURE)
    enregistrer_sous(monkeypatch, dossier / "dossier.pdf")
    exporter(qtbot, page)
    page.bouton_dossier.click()
    assert ouverts == [str(dossier)]


def test_rien_a_imprimer(qtbot, demo):
    page = ouvrir(qtbot, demo)
    assert page.imprimer() is False
    assert page.rien_a_imprimer().startswith("Rien à imprimer sur la page Exports")
