"""The review tool renders every page (and the error journal) to non-empty PNG files."""

from __future__ import annotations

from PySide6.QtGui import QImage

from app.ui import reglages
from app.ui.captures import capturer
from app.ui.fenetre_principale import PAGES


def test_chaque_page_est_capturee(qtbot, base, tmp_path):
    fichiers = capturer(base, tmp_path / "captures", 1366, 768)
    noms = [f.name for f in fichiers]
    assert noms[0] == "01-tableau-de-bord.png" and noms[-1].endswith("journal-des-erreurs.png")
    assert len(fichiers) >= len(PAGES) + 1
    for fichier in fichiers:
        image = QImage(str(fichier))
        assert not image.isNull() and image.width() >= 400
    assert not reglages.fichier().exists()  # the user's window settings are left alone
