"""What the user sees when something goes wrong: the two families of CONCEPTION §5b.

Known conditions (a file locked or read-only, a full disk, a busy base, bad input: every `ErreurConnue`) get a
French message saying what to do. Anything else is a bug: it is written with its traceback to the rotating log
and shown in `DialogueIncident`, whose report can be copied for support.

    signaleur = installer(application)   # sys.excepthook and threading.excepthook
    erreurs.signaler(exc, parent)        # an error a dialog caught and wants to hand on
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import platform
import sqlite3
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import PySide6
from PySide6.QtCore import QObject, QThread, QUrl, Signal, Slot, qVersion
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import DBAPIError

from app import NOM_APPLICATION, __version__
from app.erreurs import ErreurConnue
from app.journalisation import fichier_journal

journal = logging.getLogger("app.incident")

MontrerMessage = Callable[[QWidget | None, str], None]  # (parent, French message)
MontrerIncident = Callable[[QWidget | None, str], None]  # (parent, report)
InfoException = tuple[type[BaseException], BaseException, TracebackType | None]
CrochetSys = Callable[[type[BaseException], BaseException, TracebackType | None], object]
CrochetFil = Callable[[threading.ExceptHookArgs], object]


# --- Known conditions ------------------------------------------------------------------------------------


def _nom(fichier: object) -> str:
    return f" « {fichier} »" if fichier else ""


def _message_sqlite(texte: str) -> str | None:
    texte = texte.lower()
    if "database is locked" in texte or "database table is locked" in texte:
        return (
            "La base est occupée par un autre programme (une autre fenêtre de Comité local, une sauvegarde "
            "en cours…) : attendez quelques instants, puis recommencez."
        )
    if "readonly database" in texte or "read-only database" in texte:
        return (
            "La base est en lecture seule : le fichier ou son dossier est protégé en écriture, et rien n'a été "
            "enregistré. Vérifiez les droits du fichier ou ouvrez une copie placée dans un dossier où vous "
            "pouvez écrire."
        )
    if "database or disk is full" in texte:
        return "Le disque est plein : libérez de la place, puis recommencez. Rien n'a été enregistré."
    if "unable to open database file" in texte:
        return (
            "La base ne peut pas être ouverte : son dossier n'est plus accessible (clé USB retirée, partage "
            "réseau déconnecté ?). Rétablissez l'accès, puis recommencez."
        )
    return None


def message_connu(exc: BaseException) -> str | None:
    """The French message for a known condition, or None for a bug."""
    if isinstance(exc, ErreurConnue):
        return exc.message
    if isinstance(exc, DBAPIError) and isinstance(exc.orig, sqlite3.Error):
        return _message_sqlite(str(exc.orig))
    if isinstance(exc, sqlite3.Error):
        return _message_sqlite(str(exc))
    if isinstance(exc, PermissionError):
        fichier = f"Le fichier{_nom(exc.filename)}" if exc.filename else "Un fichier"
        return (
            f"{fichier} est en lecture seule ou verrouillé par un autre programme : "
            "fermez-le ou choisissez un autre emplacement."
        )
    if isinstance(exc, FileNotFoundError):
        return f"Le fichier{_nom(exc.filename)} est introuvable : il a peut-être été déplacé, renommé ou supprimé."
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        ecrire = f" pour écrire{_nom(exc.filename)}" if exc.filename else ""
        return (
            f"Le disque est plein{ecrire} : libérez de la place ou choisissez un autre emplacement, puis recommencez."
        )
    if isinstance(exc, OSError) and exc.errno == errno.EROFS:
        return (
            f"L'emplacement{_nom(exc.filename)} est en lecture seule (clé USB protégée, partage réseau…) : "
            "choisissez un autre emplacement."
        )
    return None


# --- The report of a bug -----------------------------------------------------------------------------------


def rapport_incident(info: InfoException, fil: str | None = None) -> str:
    """What support needs: versions, system, time, and the traceback."""
    type_, valeur, trace = info
    lignes = [
        f"{NOM_APPLICATION} {__version__} — rapport d'incident",
        f"Date : {dt.datetime.now():%Y-%m-%d %H:%M:%S}",
        f"Système : {platform.platform()}",
        f"Python : {platform.python_version()} ({sys.executable})",
        f"Qt : {qVersion()} (PySide6 {PySide6.__version__})",
        f"Fil d'exécution : {fil or threading.current_thread().name}",
        f"Journal : {fichier_journal()}",
        "",
        "".join(traceback.format_exception(type_, valeur, trace)).rstrip(),
    ]
    return "\n".join(lignes) + "\n"


def ouvrir_dossier(dossier: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(dossier)))


class DialogueIncident(QDialog):
    """The crash dialog: a read-only report to copy, the log folder one click away."""

    def __init__(self, rapport: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Erreur inattendue — {NOM_APPLICATION}")
        self.resize(760, 520)
        disposition = QVBoxLayout(self)
        titre = QLabel("<b>Une erreur inattendue s'est produite.</b>")
        icone = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        self.setWindowIcon(icone)
        explication = QLabel(
            "C'est un défaut du programme, pas une erreur de votre part. L'action en cours n'a pas été "
            "enregistrée à moitié : chaque action est enregistrée en entier ou pas du tout.\n"
            "Copiez le rapport ci-dessous et envoyez-le à la personne qui assure le support de Comité local. "
            "Il est aussi écrit dans le journal des erreurs."
        )
        explication.setWordWrap(True)
        disposition.addWidget(titre)
        disposition.addWidget(explication)
        self.texte = QPlainTextEdit(self)
        self.texte.setReadOnly(True)
        self.texte.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.texte.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.texte.setAccessibleName("Rapport d'incident")
        self.texte.setPlainText(rapport)
        disposition.addWidget(self.texte, 1)
        self.etat = QLabel("")
        disposition.addWidget(self.etat)
        boutons = QDialogButtonBox(self)
        self.bouton_copier = boutons.addButton("&Copier le rapport", QDialogButtonBox.ButtonRole.ActionRole)
        self.bouton_dossier = boutons.addButton(
            "&Ouvrir le dossier des journaux", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.bouton_fermer = boutons.addButton("&Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        self.bouton_copier.clicked.connect(self.copier)
        self.bouton_dossier.clicked.connect(lambda: ouvrir_dossier(fichier_journal().parent))
        boutons.rejected.connect(self.reject)
        disposition.addWidget(boutons)
        self.bouton_copier.setFocus()

    def copier(self) -> None:
        QGuiApplication.clipboard().setText(self.texte.toPlainText())
        self.etat.setText("Rapport copié dans le presse-papiers.")


def _montrer_message(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, NOM_APPLICATION, message)


def _montrer_incident(parent: QWidget | None, rapport: str) -> None:
    DialogueIncident(rapport, parent).exec()


# --- Routing ---------------------------------------------------------------------------------------------


class Signaleur(QObject):
    """Decides between a French message and the crash dialog; always on the GUI thread, never re-entered."""

    _depuis_un_fil = Signal(object, str)  # (exception or None, report): crossing to the GUI thread

    def __init__(
        self,
        montrer_message: MontrerMessage = _montrer_message,
        montrer_incident: MontrerIncident = _montrer_incident,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.montrer_message = montrer_message
        self.montrer_incident = montrer_incident
        self._en_cours = False
        self._anciens: tuple[CrochetSys, CrochetFil] | None = None
        self._depuis_un_fil.connect(self._montrer_depuis_un_fil)

    # The entry points.

    def signaler(self, exc: BaseException, parent: QWidget | None = None) -> None:
        self.signaler_info((type(exc), exc, exc.__traceback__), parent)

    def signaler_info(self, info: InfoException, parent: QWidget | None = None, fil: str | None = None) -> None:
        valeur = info[1]
        message = message_connu(valeur)
        if message is not None:
            journal.warning("Condition connue : %s", message)
            rapport = ""
        else:
            journal.error("Erreur inattendue", exc_info=info)
            rapport = rapport_incident(info, fil)
        if not self._dans_le_fil_graphique():
            self._depuis_un_fil.emit(message, rapport)  # queued: the GUI thread shows it
            return
        self._montrer(message, rapport, parent)

    def crochet(self, type_: type[BaseException], valeur: BaseException, trace: TracebackType | None) -> None:
        """sys.excepthook: an exception nobody caught (a slot, a timer, an event handler)."""
        if issubclass(type_, KeyboardInterrupt):
            sys.__excepthook__(type_, valeur, trace)
            return
        self._protege(lambda: self.signaler_info((type_, valeur, trace)), (type_, valeur, trace))

    def crochet_fil(self, args: threading.ExceptHookArgs) -> None:
        """threading.excepthook: the same for a Python thread (logged there, shown on the GUI thread)."""
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        info: InfoException = (args.exc_type, args.exc_value, args.exc_traceback)
        nom = args.thread.name if args.thread is not None else None
        self._protege(lambda: self.signaler_info(info, fil=nom), info)

    # Inner workings.

    @staticmethod
    def _dans_le_fil_graphique() -> bool:
        application = QApplication.instance()
        return application is not None and QThread.currentThread() == application.thread()

    def _protege(self, action: Callable[[], None], info: InfoException) -> None:
        try:
            action()
        except BaseException:  # the reporting itself failed: fall back to stderr, never recurse
            sys.__excepthook__(*info)
            traceback.print_exc()

    @Slot(object, str)
    def _montrer_depuis_un_fil(self, message: str | None, rapport: str) -> None:
        self._montrer(message, rapport, None)

    def _montrer(self, message: str | None, rapport: str, parent: QWidget | None) -> None:
        if self._en_cours:
            # Already showing one (its dialog failed, or errors cascade): the log has it; do not stack dialogs.
            print(message or rapport, file=sys.stderr)
            return
        self._en_cours = True
        try:
            fenetre = parent or QApplication.activeWindow()
            if message is not None:
                self.montrer_message(fenetre, message)
            else:
                self.montrer_incident(fenetre, rapport)
        except BaseException:
            journal.exception("Le dialogue d'erreur n'a pas pu s'afficher")
            print(message or rapport, file=sys.stderr)
        finally:
            self._en_cours = False

    # Installation.

    def installer(self) -> None:
        if self._anciens is None:
            self._anciens = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.crochet
        threading.excepthook = self.crochet_fil

    def desinstaller(self) -> None:
        if self._anciens is not None:
            sys.excepthook, threading.excepthook = self._anciens
            self._anciens = None


_signaleur: Signaleur | None = None


def installer(
    application: QApplication,
    *,
    montrer_message: MontrerMessage = _montrer_message,
    montrer_incident: MontrerIncident = _montrer_incident,
) -> Signaleur:
    """Route every uncaught exception (GUI thread, Qt slots, Python threads) through a `Signaleur`."""
    global _signaleur
    if _signaleur is not None:
        _signaleur.desinstaller()
    _signaleur = Signaleur(montrer_message, montrer_incident, application)
    _signaleur.installer()
    return _signaleur


def desinstaller() -> None:
    global _signaleur
    if _signaleur is not None:
        _signaleur.desinstaller()
        _signaleur.deleteLater()
        _signaleur = None


def signaler(exc: BaseException, parent: QWidget | None = None) -> None:
    """Hand on an exception a dialog caught: French message if known, crash dialog (and log) otherwise."""
    global _signaleur
    if _signaleur is None:
        _signaleur = Signaleur(parent=QApplication.instance())
    _signaleur.signaler(exc, parent)
