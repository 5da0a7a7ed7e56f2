"""The candidature dossier from the Comité page: drawn from what is saved, previewed or saved as PDF."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QWidget

from tests.ui.annuaire.outils import quand_modal
from tests.ui.comite.test_page import ouvrir


def test_le_dossier_de_candidature_s_enregistre_en_pdf_et_s_apercoit(qtbot, base_demo, tmp_path, monkeypatch):
    page = ouvrir(qtbot, base_demo)
    actions = [a.text().replace("&", "") for a in page.bouton_dossier.menu().actions()]
    assert actions == ["Aperçu…", "Imprimer…", "Enregistrer en PDF…"]
    cible = tmp_path / "dossier.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(cible), ""))
    page.enregistrer_dossier()
    texte = " ".join(p.extract_text() for p in PdfReader(BytesIO(cible.read_bytes())).pages)
    assert "Dossier de candidature" in texte and "Vallée-du-Lys" in texte
    vus: list[QWidget] = []
    quand_modal(lambda d: d.reject(), vus, QPrintPreviewDialog)
    page.apercu_dossier()
    assert len(vus) == 1
