"""Errors: known conditions get a French message; anything else the crash dialog and the log file."""

from __future__ import annotations

import errno
import gc
import logging
import logging.handlers
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from sqlalchemy import text

from app import __version__, db, journalisation
from app.erreurs import ErreurConnue
from app.ui import erreurs
from app.ui.erreurs import DialogueIncident, Signaleur, installer, message_connu, rapport_incident


@pytest.fixture
def journal_fichier() -> Iterator[Path]:
    """The rotating log, attached for this test only (configurer() attaches it once per process)."""
    racine = logging.getLogger()
    anciens = [h for h in racine.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    for handler in anciens:
        racine.removeHandler(handler)
    niveau = racine.level
    chemin = journalisation.configurer()
    assert chemin is not None
    yield chemin
    for handler in [h for h in racine.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        racine.removeHandler(handler)
        handler.close()
    for handler in anciens:
        racine.addHandler(handler)
    racine.setLevel(niveau)


def _lire_journal(chemin: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return chemin.read_text(encoding="utf-8")


class Temoin:
    """Stands in for the message box and the crash dialog: records, builds the dialog, never runs a modal loop."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.dialogues: list[DialogueIncident] = []
        self.fils: list[threading.Thread] = []

    def message(self, _parent: QWidget | None, message: str) -> None:
        self.fils.append(threading.current_thread())
        self.messages.append(message)

    def incident(self, parent: QWidget | None, rapport: str) -> None:
        self.fils.append(threading.current_thread())
        self.dialogues.append(DialogueIncident(rapport, parent))


@pytest.fixture
def temoin(qtbot) -> Iterator[Temoin]:
    temoin = Temoin()
    installer(QApplication.instance(), montrer_message=temoin.message, montrer_incident=temoin.incident)
    yield temoin
    erreurs.desinstaller()
    for dialogue in temoin.dialogues:
        dialogue.deleteLater()


# --- Known conditions --------------------------------------------------------------------------------------


def test_les_conditions_connues_ont_un_message_en_francais(tmp_path):
    assert message_connu(ErreurConnue("La séance n'existe pas.")) == "La séance n'existe pas."
    verrouille = message_connu(PermissionError(errno.EACCES, "Permission denied", "C:/export.xlsx"))
    assert verrouille == (
        "Le fichier « C:/export.xlsx » est en lecture seule ou verrouillé par un autre programme : "
        "fermez-le ou choisissez un autre emplacement."
    )
    assert "Un fichier est en lecture seule" in str(message_connu(PermissionError("refusé")))
    plein = message_connu(OSError(errno.ENOSPC, "No space left on device", "/media/cle/rapport.pdf"))
    assert plein is not None and plein.startswith("Le disque est plein") and "rapport.pdf" in plein
    assert "lecture seule" in str(message_connu(OSError(errno.EROFS, "Read-only file system", "/mnt/x")))
    assert "introuvable" in str(message_connu(FileNotFoundError(errno.ENOENT, "No such file", "a.xlsx")))
    assert message_connu(RuntimeError("bogue")) is None
    assert message_connu(KeyError("x")) is None
    assert message_connu(OSError(errno.EIO, "Input/output error")) is None


def test_une_base_occupee_par_un_autre_programme_est_reconnue(tmp_path):
    chemin = tmp_path / "base.db"
    detenteur = sqlite3.connect(chemin, isolation_level=None)
    detenteur.execute("CREATE TABLE t (x)")
    detenteur.execute("BEGIN IMMEDIATE")
    autre = sqlite3.connect(chemin, timeout=0, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError) as occupee:
        autre.execute("BEGIN IMMEDIATE")
    detenteur.rollback()
    detenteur.close()
    autre.close()
    assert str(message_connu(occupee.value)).startswith("La base est occupée par un autre programme")


def test_une_base_en_lecture_seule_est_reconnue_en_francais(chemin_base):
    base = db.ouvrir(chemin_base, lecture_seule=True)
    try:
        with pytest.raises(Exception) as refus, base.session_scope() as session:
            session.execute(text("INSERT INTO structure (nom) VALUES ('x')"))
    finally:
        base.fermer()
    assert isinstance(refus.value, db.EcritureImpossible)
    assert str(message_connu(refus.value)).startswith("La base est en lecture seule")


# --- Routing -------------------------------------------------------------------------------------------------


def _planter() -> None:
    raise ValueError("boum-7f3a : personne n'a prévu ça")


def test_une_erreur_inattendue_ouvre_le_rapport_d_incident_et_va_au_journal(qtbot, temoin, journal_fichier):
    QTimer.singleShot(0, _planter)  # raised inside Qt's event loop: only sys.excepthook sees it
    qtbot.waitUntil(lambda: bool(temoin.dialogues))
    (dialogue,) = temoin.dialogues
    assert temoin.messages == []
    rapport = dialogue.texte.toPlainText()
    assert "Traceback (most recent call last)" in rapport
    assert "in _planter" in rapport and "ValueError: boum-7f3a : personne n'a prévu ça" in rapport
    assert f"Comité local {__version__}" in rapport
    assert dialogue.texte.isReadOnly()
    contenu = _lire_journal(journal_fichier)
    assert "ValueError: boum-7f3a" in contenu and "in _planter" in contenu
    assert temoin.fils == [threading.main_thread()]


def test_un_fichier_verrouille_donne_un_message_et_pas_de_rapport(qtbot, temoin, journal_fichier):
    def verrouille() -> None:
        raise PermissionError(errno.EACCES, "Permission denied", "/tmp/convocation.pdf")

    QTimer.singleShot(0, verrouille)
    qtbot.waitUntil(lambda: bool(temoin.messages))
    assert temoin.dialogues == []
    (message,) = temoin.messages
    assert "« /tmp/convocation.pdf » est en lecture seule ou verrouillé par un autre programme" in message
    contenu = _lire_journal(journal_fichier)
    assert "Condition connue" in contenu and "Traceback" not in contenu


def test_une_erreur_dans_un_fil_python_est_montree_depuis_le_fil_graphique(qtbot, temoin, journal_fichier):
    fil = threading.Thread(target=_planter, name="export-pdf")
    gc.disable()  # a collection in a thread could destroy a widget left by an earlier test: Qt would crash
    try:
        fil.start()
        fil.join()
    finally:
        gc.enable()
    assert "ValueError: boum-7f3a" in _lire_journal(journal_fichier)  # logged at once, from the thread
    qtbot.waitUntil(lambda: bool(temoin.dialogues))
    assert temoin.fils == [threading.main_thread()]
    assert "Fil d'exécution : export-pdf" in temoin.dialogues[0].texte.toPlainText()


def test_un_dialogue_qui_echoue_ne_relance_rien(qtbot, capsys, journal_fichier):
    appels: list[str] = []

    def montrer_en_echouant(_parent, rapport: str) -> None:
        appels.append(rapport)
        signaleur.signaler(RuntimeError("deuxième panne"))  # an error while showing one: not shown again
        raise RuntimeError("le dialogue lui-même plante")

    signaleur = Signaleur(montrer_incident=montrer_en_echouant)
    signaleur.signaler(RuntimeError("première panne"))
    assert len(appels) == 1 and "première panne" in appels[0]
    sortie = capsys.readouterr().err
    assert "deuxième panne" in sortie and "première panne" in sortie  # not lost: on stderr
    assert "le dialogue lui-même plante" in _lire_journal(journal_fichier)
    signaleur.signaler(RuntimeError("troisième"))  # and the next one is shown again
    assert len(appels) == 2
    capsys.readouterr()
    signaleur.deleteLater()


def test_installer_puis_desinstaller_rend_les_crochets_d_origine(qtbot):
    import sys

    avant = (sys.excepthook, threading.excepthook)
    signaleur = installer(QApplication.instance(), montrer_message=lambda *_: None, montrer_incident=lambda *_: None)
    assert sys.excepthook == signaleur.crochet and threading.excepthook == signaleur.crochet_fil
    erreurs.desinstaller()
    assert (sys.excepthook, threading.excepthook) == avant


def test_ctrl_c_n_ouvre_pas_le_rapport(qtbot, temoin, capsys):
    import sys

    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert temoin.dialogues == [] and temoin.messages == []
    assert "KeyboardInterrupt" in capsys.readouterr().err


# --- The crash dialog -------------------------------------------------------------------------------------


def test_le_rapport_se_copie_et_le_dossier_des_journaux_s_ouvre(qtbot, monkeypatch):
    try:
        _planter()
    except ValueError as exc:
        rapport = rapport_incident((type(exc), exc, exc.__traceback__))
    for attendu in ("Système :", "Python :", "Qt :", "Date :", "Journal :", "ValueError: boum-7f3a"):
        assert attendu in rapport
    ouverts: list[Path] = []
    monkeypatch.setattr(erreurs, "ouvrir_dossier", ouverts.append)
    dialogue = DialogueIncident(rapport)
    qtbot.addWidget(dialogue)
    dialogue.show()
    textes = [b.text().replace("&", "") for b in dialogue.findChildren(QPushButton)]
    assert textes == ["Copier le rapport", "Ouvrir le dossier des journaux", "Fermer"]
    qtbot.mouseClick(dialogue.bouton_copier, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == rapport
    assert "copié" in dialogue.etat.text()
    qtbot.mouseClick(dialogue.bouton_dossier, Qt.MouseButton.LeftButton)
    assert ouverts == [journalisation.fichier_journal().parent]
    qtbot.mouseClick(dialogue.bouton_fermer, Qt.MouseButton.LeftButton)
    assert not dialogue.isVisible()
