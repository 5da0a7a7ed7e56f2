"""Preview, print and save a PDF the documents module produced.

What is printed is the very PDF that « Enregistrer en PDF » writes: its pages are rasterised by PDFium
(pypdfium2) at the printer's resolution and drawn on Qt's printer, so paper and file never differ.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from app.erreurs import ErreurConnue
from app.fichiers import ecrire_atomiquement

journal = logging.getLogger(__name__)

RESOLUTION_MAX = 300  # dpi: sharper than any office printer needs, and a page stays a few MB in memory


def pages_en_images(contenu: bytes, dpi: int, *, premiere: int = 1, derniere: int | None = None) -> list[QImage]:
    """Each page of the PDF as an RGB image at `dpi` (pages counted from 1, both ends included)."""
    import pypdfium2 as pdfium  # costly import: only when something is printed

    document = pdfium.PdfDocument(contenu)
    try:
        fin = len(document) if derniere is None else min(derniere, len(document))
        images = []
        for rang in range(max(1, premiere) - 1, fin):
            page = document[rang]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
            images.append(image.copy())  # detach from PDFium's buffer before it is freed
            page.close()
        return images
    finally:
        document.close()


def nombre_de_pages(contenu: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(contenu)
    try:
        return len(document)
    finally:
        document.close()


def en_paysage(contenu: bytes) -> bool:
    """Whether the document's first page is wider than tall (the register of recommendations is)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(contenu)
    try:
        largeur, hauteur = document[0].get_size() if len(document) else (0.0, 1.0)
        return bool(largeur > hauteur)
    finally:
        document.close()


def _preparer(imprimante: QPrinter, titre: str, contenu: bytes) -> None:
    imprimante.setDocName(titre)
    a4 = QPageSize(QPageSize.PageSizeId.A4)
    orientation = QPageLayout.Orientation.Landscape if en_paysage(contenu) else QPageLayout.Orientation.Portrait
    imprimante.setPageLayout(QPageLayout(a4, orientation, imprimante.pageLayout().margins()))
    imprimante.setFullPage(True)  # the PDF carries its own margins


def dessiner(contenu: bytes, imprimante: QPrinter) -> None:
    """Draw every page (or the range chosen in the print dialog) on `imprimante`."""
    dpi = min(imprimante.resolution(), RESOLUTION_MAX)
    premiere, derniere = imprimante.fromPage(), imprimante.toPage()
    images = pages_en_images(contenu, dpi, premiere=premiere or 1, derniere=derniere or None)
    peintre = QPainter()
    if not peintre.begin(imprimante):
        raise ErreurConnue("L'imprimante n'a pas pu être ouverte : vérifiez qu'elle est allumée et disponible.")
    try:
        for rang, image in enumerate(images):
            if rang:
                imprimante.newPage()
            cible = QRectF(imprimante.pageLayout().fullRectPixels(imprimante.resolution()))
            taille = QSize(image.width(), image.height()).scaled(
                cible.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
            )
            peintre.drawImage(QRectF(cible.topLeft(), taille.toSizeF()), image)
    finally:
        peintre.end()


def apercu(parent: QWidget | None, contenu: bytes, titre: str) -> None:
    """Qt's print preview of the PDF; printing from there goes to the chosen printer."""
    imprimante = QPrinter(QPrinter.PrinterMode.HighResolution)
    _preparer(imprimante, titre, contenu)
    dialogue = QPrintPreviewDialog(imprimante, parent)
    dialogue.setWindowTitle(f"Aperçu avant impression — {titre}")
    dialogue.paintRequested.connect(lambda p: dessiner(contenu, p))
    dialogue.resize(900, 700)
    dialogue.exec()


def imprimer(parent: QWidget | None, contenu: bytes, titre: str) -> bool:
    """The print dialog, then the printing itself; False when the user gave up."""
    imprimante = QPrinter(QPrinter.PrinterMode.HighResolution)
    _preparer(imprimante, titre, contenu)
    imprimante.setFromTo(1, nombre_de_pages(contenu))
    dialogue = QPrintDialog(imprimante, parent)
    dialogue.setWindowTitle(f"Imprimer — {titre}")
    if dialogue.exec() != QDialog.DialogCode.Accepted:
        return False
    dessiner(contenu, imprimante)
    return True


def enregistrer(
    parent: QWidget | None,
    produire: Callable[[], bytes],
    nom_propose: str,
    dossier: Path | None = None,
    *,
    filtre: str = "Documents PDF (*.pdf)",
) -> Path | None:
    """Ask where, then write what `produire` gives, atomically. A known failure is shown in French."""
    depart = str((dossier or Path.home()) / nom_propose)
    chemin, _ = QFileDialog.getSaveFileName(parent, "Enregistrer le document", depart, filtre)
    if not chemin:
        return None
    try:
        ecrire_atomiquement(Path(chemin), produire())
    except ErreurConnue as erreur:
        QMessageBox.warning(parent, "Enregistrement impossible", erreur.message)
        return None
    return Path(chemin)
