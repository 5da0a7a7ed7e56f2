"""Printing follows the document's own orientation: the landscape register is not shrunk onto a portrait page."""

from __future__ import annotations

from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter

from app.documents.avis import avis_pdf
from app.documents.registre import registre_pdf
from app.ui import impression
from tests.documents import exemples_ethique


def test_l_orientation_suit_celle_du_document(qtbot) -> None:
    registre, avis = registre_pdf(exemples_ethique.registre()), avis_pdf(exemples_ethique.avis_adopte())
    assert impression.en_paysage(registre) and not impression.en_paysage(avis)
    for contenu, attendue in ((registre, QPageLayout.Orientation.Landscape), (avis, QPageLayout.Orientation.Portrait)):
        imprimante = QPrinter()
        impression._preparer(imprimante, "Essai", contenu)
        assert imprimante.pageLayout().orientation() == attendue
