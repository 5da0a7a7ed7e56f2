"""Start the window on a base: open (and if needed migrate) it, or explain in French why not."""

from __future__ import annotations

import atexit
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from app import NOM_APPLICATION, __version__, db, verrou
from app.erreurs import ErreurConnue
from app.journalisation import configurer
from app.services import sauvegardes
from app.ui import erreurs, reglages
from app.ui.sauvegardes import dialogues as dialogues_sauvegardes
from app.ui.sauvegardes.dialogues import ChoixBaseEndommagee


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
    """Open `chemin` for the window; a known problem is explained and gives None.

    The base's lock is taken first (app.verrou); if another program holds it, the user may open it read-only.
    Then SQLite's quick check: a damaged base offers to restore the latest good backup. Once open for writing,
    the day's automatic backup is made (after the check: good backups never rotate away for a damaged base).
    """
    try:
        nouveau = _prendre_le_verrou(chemin)
    except verrou.BaseOccupee as occupee:
        if not demander_lecture_seule(occupee.message, parent):
            return None
        return _garder(chemin, None, _ouvrir(chemin, parent, lecture_seule=True))
    choix = _controler_a_l_ouverture(chemin, parent)
    if choix is not None:
        if nouveau is not None:
            nouveau.rendre()
        if choix is ChoixBaseEndommagee.QUITTER:
            return None
        return _garder(chemin, None, _ouvrir(chemin, parent, lecture_seule=True))
    base = _ouvrir(chemin, parent, lecture_seule=False)
    if base is None and nouveau is not None:
        nouveau.rendre()
    if base is not None:
        _sauvegarde_d_ouverture(chemin, parent)
    return _garder(chemin, nouveau, base)


def _controler_a_l_ouverture(chemin: Path, parent: QWidget | None) -> ChoixBaseEndommagee | None:
    """None: the base is sound (or restored), open it for writing; else what the user chose instead."""
    try:
        with chemin.open("rb") as flux:
            if flux.read(len(db.ENTETE_SQLITE)) != db.ENTETE_SQLITE:
                return None  # new, empty or another program's file: db.ouvrir says what it is
    except OSError:
        return None
    probleme = sauvegardes.probleme_rapide(chemin)
    if not probleme:
        return None
    logging.getLogger(__name__).error("Base endommagée %s : %s", chemin, probleme)
    derniere = sauvegardes.derniere_bonne_sauvegarde(chemin)
    choix = dialogues_sauvegardes.demander_base_endommagee(chemin, probleme, derniere, parent)
    if choix is not ChoixBaseEndommagee.RESTAURER or derniere is None:
        return choix
    try:
        gardee = sauvegardes.restaurer(chemin, derniere.chemin)
    except ErreurConnue as erreur:
        QMessageBox.warning(parent, NOM_APPLICATION, erreur.message)
        return ChoixBaseEndommagee.QUITTER
    QMessageBox.information(
        parent,
        NOM_APPLICATION,
        f"La base a été restaurée depuis la sauvegarde du "
        f"{dialogues_sauvegardes.libelle_instant(derniere.instant)}. La base endommagée est gardée dans "
        f"« {gardee} ».",
    )
    return None


def _sauvegarde_d_ouverture(chemin: Path, parent: QWidget | None) -> None:
    """The day's copy; a failure (USB key missing, disk full) is said but does not keep the base closed."""
    try:
        sauvegardes.sauvegarde_d_ouverture(chemin)
    except ErreurConnue as erreur:
        logging.getLogger(__name__).warning("Sauvegarde d'ouverture impossible : %s", erreur.message)
        QMessageBox.warning(
            parent,
            NOM_APPLICATION,
            f"La sauvegarde automatique du jour n'a pas pu être faite : {erreur.message} La base est ouverte "
            "normalement ; vérifiez le dossier dans Fichier › Réglages des sauvegardes.",
        )


def _ouvrir(chemin: Path, parent: QWidget | None, *, lecture_seule: bool) -> db.BaseDeDonnees | None:
    try:
        return db.ouvrir(chemin, lecture_seule=lecture_seule)
    except ErreurConnue as erreur:
        QMessageBox.warning(parent, NOM_APPLICATION, erreur.message)
        return None


# --- The guard against a second program on the same base (app.verrou) --------------------------------------
# The window shows one base at a time and closes the previous one once another opened: one lock is held.

_verrou_tenu: verrou.Verrou | None = None


def _prendre_le_verrou(chemin: Path) -> verrou.Verrou | None:
    """A new lock; None if this process already holds this base's, or the folder refuses a lock file."""
    if _verrou_tenu is not None and _verrou_tenu.chemin_base.resolve() == chemin.resolve():
        return None
    try:
        return verrou.prendre(chemin)
    except OSError as exc:  # a read-only folder: db.ouvrir says what matters about it
        logging.getLogger(__name__).warning("Verrou impossible pour %s : %s", chemin, exc)
        return None


def _garder(chemin: Path, nouveau: verrou.Verrou | None, base: db.BaseDeDonnees | None) -> db.BaseDeDonnees | None:
    """Once a base opened, the previous base's lock goes (the window closes that base) and the new one stays."""
    global _verrou_tenu
    if base is None:
        return None
    if _verrou_tenu is not None and (nouveau is not None or _verrou_tenu.chemin_base.resolve() != chemin.resolve()):
        _verrou_tenu.rendre()
        _verrou_tenu = None
    if nouveau is not None:
        _verrou_tenu = nouveau
    return base


def rendre_le_verrou() -> None:
    """At exit, also after a crash (atexit); a killed process leaves a stale lock, taken over next time."""
    global _verrou_tenu
    if _verrou_tenu is not None:
        _verrou_tenu.rendre()
        _verrou_tenu = None


atexit.register(rendre_le_verrou)


def demander_lecture_seule(message: str, parent: QWidget | None) -> bool:
    boite, lecture_seule = boite_lecture_seule(message, parent)
    boite.exec()
    return boite.clickedButton() is lecture_seule


def boite_lecture_seule(message: str, parent: QWidget | None) -> tuple[QMessageBox, QPushButton]:
    """The question asked when another program holds the base, and its button that opens it read-only."""
    boite = QMessageBox(QMessageBox.Icon.Warning, NOM_APPLICATION, message, parent=parent)
    boite.setStyleSheet("#qt_msgbox_label, #qt_msgbox_informativelabel { min-width: 28em; }")  # one line if possible
    boite.setInformativeText(
        "En lecture seule, vous pouvez tout consulter et imprimer, sans rien modifier. "
        "Pour la modifier, fermez d'abord Comité local là où elle est ouverte."
    )
    lecture_seule = boite.addButton("Ouvrir en &lecture seule", QMessageBox.ButtonRole.AcceptRole)
    annuler = boite.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
    boite.setDefaultButton(annuler)
    return boite, lecture_seule


# -----------------------------------------------------------------------------------------------------------


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
    erreurs.installer(application)  # known conditions: a French message; anything else: the crash dialog
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
        rendre_le_verrou()
