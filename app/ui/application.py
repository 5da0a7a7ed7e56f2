"""Start the window on a base: open (and migrate) it, or explain in French why not."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from app import NOM_APPLICATION, db
from app.erreurs import ErreurConnue


def lancer(chemin: Path) -> int:
    application = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(application, QApplication)
    application.setApplicationName(NOM_APPLICATION)
    try:
        base = db.ouvrir(chemin)
    except ErreurConnue as erreur:
        QMessageBox.critical(None, NOM_APPLICATION, erreur.message)
        return 1
    from app.ui.fenetre_principale import FenetrePrincipale

    fenetre = FenetrePrincipale(base)
    fenetre.show()
    try:
        return application.exec()
    finally:
        base.fermer()
