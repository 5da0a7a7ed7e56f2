"""Start the window on a base: open (and if needed migrate) it, or explain in French why not."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import NOM_APPLICATION, __version__, db
from app.erreurs import ErreurConnue
from app.journalisation import configurer
from app.ui import reglages


def application_qt() -> QApplication:
    """The QApplication, in French: Qt's own dialogs read « Annuler », « Enregistrer »…"""
    existante = QApplication.instance()
    application = existante if isinstance(existante, QApplication) else QApplication(sys.argv)
    application.setApplicationName(NOM_APPLICATION)
    application.setApplicationVersion(__version__)
    application.setOrganizationName(NOM_APPLICATION)
    if not application.property("traduite"):
        QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
        dossier = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for catalogue in ("qtbase_fr",):
            traducteur = QTranslator(application)
            if traducteur.load(catalogue, dossier):
                application.installTranslator(traducteur)
        application.setProperty("traduite", True)
    return application


def ouvrir_base(chemin: Path, parent: QWidget | None = None) -> db.BaseDeDonnees | None:
    """Open `chemin` for the window; a known problem is explained and gives None."""
    try:
        return db.ouvrir(chemin)
    except ErreurConnue as erreur:
        QMessageBox.warning(parent, NOM_APPLICATION, erreur.message)
        return None


def choisir_base(chemin: Path, *, explicite: bool) -> Path:
    """The base asked for (--base, COMITE_LOCAL_BASE), else the one used last time if it still exists."""
    if not explicite:
        derniere = reglages.charger().derniere_base
        if derniere and Path(derniere).is_file():
            return Path(derniere)
    return chemin


def lancer(chemin: Path, *, explicite: bool = True) -> int:
    configurer()
    application = application_qt()
    base = ouvrir_base(choisir_base(chemin, explicite=explicite))
    if base is None:
        return 1
    from app.ui.fenetre_principale import FenetrePrincipale

    fenetre = FenetrePrincipale(base, ouvrir_base)
    fenetre.show()
    try:
        return application.exec()
    finally:
        fenetre.base.fermer()
