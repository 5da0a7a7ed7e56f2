"""The review tool renders every page (and the error journal) to non-empty PNG files."""

from __future__ import annotations

from PySide6.QtGui import QImage

from app.ui import reglages
from app.ui.captures import capturer
from app.ui.fenetre_principale import PAGES


def test_chaque_page_est_capturee(qtbot, base, tmp_path):
    fichiers = capturer(base, tmp_path / "captures", 1366, 768)
    noms = [f.name for f in fichiers]
    assert noms[0] == "01-tableau-de-bord.png" and "02-comite.png" in noms
    assert any(n.endswith("-comite-instances.png") for n in noms)  # every tab of a page, not only the first
    fenetre = [n.split("-", 1)[1] for n in noms[-6:]]  # the window's own dialogs come last
    assert fenetre == [
        "import-avec-erreurs.png",
        "import-pret.png",
        "rapport-d-incident.png",
        "journal-des-erreurs.png",
        "a-propos.png",
        "base-deja-ouverte.png",
    ]
    assert len(fichiers) >= len(PAGES) + 6
    for fichier in fichiers:
        image = QImage(str(fichier))
        assert not image.isNull() and image.width() >= 400
    assert not reglages.fichier().exists()  # the user's window settings are left alone


def test_les_dialogues_de_la_fenetre_montrent_un_import_fautif_puis_un_import_pret(qtbot, base, tmp_path):
    from app.ui.captures import dialogues_de_la_fenetre
    from app.ui.fenetre_principale import FenetrePrincipale

    fenetre = FenetrePrincipale(base)
    fenetre.memoriser_en_quittant = False
    qtbot.addWidget(fenetre)
    dialogues = dict(dialogues_de_la_fenetre(fenetre, tmp_path))
    fautif, pret = dialogues["Import avec erreurs"], dialogues["Import prêt"]
    assert fautif.etat == "erreurs" and pret.etat == "pret"
    erreurs = [fautif.modele.erreur(r) for r in range(fautif.modele.rowCount())]
    colonnes = {(e.ligne, e.colonne) for e in erreurs}
    assert {(2, "Courriel"), (2, "Début")} <= colonnes
    for dialogue in dialogues.values():
        dialogue.close()
        dialogue.deleteLater()
