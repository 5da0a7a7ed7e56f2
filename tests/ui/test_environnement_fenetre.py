"""Environment failures seen through the window (issue 7, item 5): a full disk during an edit, and a base held by
another running program. The full disk is simulated with SQLite's `PRAGMA max_page_count` (see
`tests/test_environnement.py`); the other program is a real child process holding the lock."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from app import db, verrou
from app.modeles import NoteEvaluation
from app.modeles.enumerations import RubriqueNote, SousDomaine
from app.services import evaluation
from app.ui.contexte import Contexte
from app.ui.evaluation.dialogue_note import DialogueNote
from tests.test_environnement import NOTE_LONGUE, _au_branchement, _contenu, _pages, autre_programme_tenant
from tests.ui.annuaire.outils import quand_modal


def test_une_modification_sur_un_disque_plein_montre_le_message_et_ne_change_rien(
    qtbot: Any, base: db.BaseDeDonnees, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-11-22")
    avant = _contenu(base.chemin)
    _au_branchement(base, f"PRAGMA max_page_count = {_pages(base)}")
    contexte = Contexte(base)
    dialogue = DialogueNote(contexte, sous_domaine=SousDomaine.MOBILISATION)
    qtbot.addWidget(dialogue)
    dialogue.show()
    dialogue.rubrique.setCurrentIndex(dialogue.rubrique.findData(RubriqueNote.DIFFICULTES.value))
    dialogue.texte.setPlainText(NOTE_LONGUE)
    vus: list[QWidget] = []
    textes: list[str] = []
    quand_modal(lambda _boite: None, vus, textes=textes)
    dialogue.bouton_ok.click()
    assert textes == ["Le disque est plein : rien n'a été enregistré. Libérez de la place, puis recommencez."]
    assert dialogue.isVisible() and dialogue.note is None  # the dialog stays open: the text is not lost
    assert dialogue.texte.toPlainText() == NOTE_LONGUE
    assert contexte.pile.count() == 0  # nothing to undo: nothing was done
    dialogue.reject()
    base.fermer()
    assert _contenu(base.chemin) == avant


# --- A base held by another program: the holder is named, read-only or nothing --------------------------------


def _pid_du_detenteur(chemin: Path) -> int | None:
    detenteur = verrou.lire(chemin)
    return None if detenteur is None else detenteur.pid


@pytest.fixture
def application(qtbot: Any) -> Iterator[Any]:
    from app.ui import application

    yield application
    application.rendre_le_verrou()


@pytest.fixture
def autre_programme(chemin_base: Path) -> Iterator[subprocess.Popen[str]]:
    with autre_programme_tenant(chemin_base) as processus:
        yield processus


def test_une_base_tenue_par_un_autre_programme(
    application: Any,
    chemin_base: Path,
    autre_programme: subprocess.Popen[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    questions: list[str] = []
    reponse = {"lecture_seule": False}

    def demander(message: str, _parent: object) -> bool:
        questions.append(message)
        return reponse["lecture_seule"]

    monkeypatch.setattr(application, "demander_lecture_seule", demander)
    avant = _contenu(chemin_base)
    assert application.ouvrir_base(chemin_base) is None  # « Annuler »: not opened at all
    (question,) = questions
    assert question.startswith(f"La base est déjà ouverte par {db.utilisateur_systeme()} sur {verrou.nom_machine()}")
    assert _pid_du_detenteur(chemin_base) == autre_programme.pid  # the holder keeps its lock

    reponse["lecture_seule"] = True
    lecture = application.ouvrir_base(chemin_base)  # « Ouvrir en lecture seule »
    assert lecture is not None and lecture.lecture_seule
    try:
        with lecture.session_scope() as session:
            assert session.scalars(select(NoteEvaluation)).all() == []  # it reads
        note = evaluation.FicheNote(0, dt.date(2026, 11, 22), SousDomaine.LANCEMENT, RubriqueNote.LEVIERS, "Essai")
        with pytest.raises(db.EcritureImpossible, match="lecture seule"), lecture.session_scope() as session:
            evaluation.creer_note(session, note)  # but does not write
    finally:
        lecture.fermer()
    assert _pid_du_detenteur(chemin_base) == autre_programme.pid
    assert _contenu(chemin_base) == avant

    # The other program dies without releasing its lock: the next opening is not kept out.
    os.kill(autre_programme.pid, signal.SIGKILL)
    autre_programme.wait()
    questions.clear()
    base = application.ouvrir_base(chemin_base)
    assert base is not None and not base.lecture_seule and questions == []
    assert _pid_du_detenteur(chemin_base) == os.getpid()
    base.fermer()
