"""The « Documents » tab: the avis as PDF (saved, previewed with Ctrl+P), the yearly register as PDF and as a
workbook, and a file that cannot be written, said in French."""

from __future__ import annotations

import io

import openpyxl
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.ui.annuaire.tableaux import selectionner
from tests.ui.annuaire.outils import quand_modal
from tests.ui.recommandations.conftest import Comite


def texte_pdf(chemin) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(chemin).pages).split())


def test_l_avis_en_pdf_et_son_apercu_avec_ctrl_p(qtbot, page, comite: Comite, tmp_path, monkeypatch):
    documents = page.documents
    page.onglets.setCurrentWidget(documents)
    assert documents.avis.produire is not None
    etat = documents.avis.etat.text()
    assert "REC-2026-001, version 1 : « Partager une information avec l'école »." in etat and "PROJET" in etat

    pdf = tmp_path / "avis.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), ""))
    documents.avis.enregistrer.click()
    texte = texte_pdf(pdf)
    assert "REC-2026-001" in texte and "Partager une information avec l'école" in texte

    vus: list[str] = []

    def fermer(dialogue: QWidget) -> None:
        vus.append(dialogue.windowTitle())
        assert isinstance(dialogue, QPrintPreviewDialog)
        dialogue.reject()

    quand_modal(fermer, [], QPrintPreviewDialog)
    page.onglets.setCurrentWidget(page.versions)  # Ctrl+P prints the chosen text whatever the tab
    assert page.imprimer()
    assert vus == ["Aperçu avant impression — Avis REC-2026-001"]
    page.vue.clearSelection()
    assert not page.imprimer() and documents.avis.produire is None


def test_le_registre_de_l_annee_en_pdf_et_en_classeur(qtbot, page, comite: Comite, tmp_path, monkeypatch):
    documents = page.documents
    assert [documents.annee.itemText(r) for r in range(documents.annee.count())] == ["2026", "2025"]
    assert documents.annee.currentText() == "2026"  # the chosen text's year
    selectionner(page.vue, page.proxy, comite.ancienne)
    assert documents.annee.currentText() == "2026"  # a year chosen stays chosen
    documents.annee.setCurrentIndex(documents.annee.findText("2025"))

    chemins = iter([tmp_path / "registre.pdf", tmp_path / "registre"])
    proposes: list[str] = []

    def enregistrer_sous(_parent, _titre, depart, filtre):
        proposes.append(f"{depart.rsplit('/', 1)[-1]} | {filtre}")
        return str(next(chemins)), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", enregistrer_sous)
    documents.registre.enregistrer.click()
    assert "REC-2025-001" in texte_pdf(tmp_path / "registre.pdf")
    documents.classeur.click()
    assert proposes == [
        "Registre des avis et recommandations 2025.pdf | Documents PDF (*.pdf)",
        "Registre des avis et recommandations 2025.xlsx | Classeurs Excel (*.xlsx)",
    ]
    classeur = openpyxl.load_workbook(io.BytesIO((tmp_path / "registre").read_bytes()))
    valeurs = {c.value for feuille in classeur.worksheets for ligne in feuille.iter_rows() for c in ligne}
    assert "REC-2025-001" in valeurs and "REC-2026-001" not in valeurs


def test_un_fichier_impossible_a_ecrire_est_dit_en_francais(qtbot, page, comite: Comite, tmp_path, monkeypatch):
    absent = tmp_path / "dossier-absent" / "avis.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(absent), ""))
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, texte, *a, **k: messages.append(texte))
    page.documents.avis.enregistrer.click()
    assert messages == [f"Impossible d'enregistrer « {absent} » : le dossier n'existe pas."]
    assert not absent.parent.exists()
