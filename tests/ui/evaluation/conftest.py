"""A small committee for the Évaluation page's tests: a plenary of four titulaires in two collèges, two held
meetings (one with its questionnaire entered), one planned meeting (never offered), and two notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QApplication

from app.modeles import NoteEvaluation
from app.modeles.enumerations import (
    CategorieCollege,
    EtatPresence,
    NiveauRetour,
    QuestionRetour,
    RubriqueNote,
    SousDomaine,
    StatutSeance,
)
from app.ui.contexte import Contexte
from app.ui.pages.evaluation import PageEvaluation
from tests.services.fabrique import Fabrique

AUJOURDHUI = dt.date(2026, 11, 22)
P = EtatPresence


@dataclass
class Comite:
    mars: int  # PL-2026-01, 5 March 2026: 3 of 4 present, questionnaire entered
    octobre: int  # PL-2026-02, 8 October 2026: 1 of 4 present, nothing entered
    planifiee: int  # PL-2026-03
    note_lancement: int
    note_hcts: int


@pytest.fixture
def comite(base, monkeypatch) -> Comite:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", AUJOURDHUI.isoformat())
    with base.session_scope() as s:
        f = Fabrique(s)
        pl = f.instance("Assemblée plénière")
        elus = f.college("Élus", CategorieCollege.ELUS_DECIDEURS, ordre=1)
        ts = f.college("Travailleurs sociaux", CategorieCollege.TRAVAILLEURS_SOCIAUX, ordre=2)
        anne, paul = f.personne("Durand", "Anne"), f.personne("Martin", "Paul")
        lea, marc = f.personne("Petit", "Léa"), f.personne("Bernard", "Marc")
        for personne, college in ((anne, elus), (paul, elus), (lea, ts), (marc, ts)):
            f.mandat(personne, pl, college)
        mars = f.seance(pl, dt.date(2026, 3, 5), reference="PL-2026-01")
        f.presences(mars, [(anne, P.PRESENT), (paul, P.VISIO), (lea, P.PRESENT), (marc, P.EXCUSE)])
        octobre = f.seance(pl, dt.date(2026, 10, 8), reference="PL-2026-02")
        f.presences(octobre, [(anne, P.PRESENT), (paul, P.ABSENT)])
        planifiee = f.seance(pl, dt.date(2026, 12, 10), statut=StatutSeance.PLANIFIEE, reference="PL-2026-03")
        for question in QuestionRetour:
            f.retour(mars, question, NiveauRetour.TOUT_A_FAIT, 2)
            f.retour(mars, question, NiveauRetour.PLUTOT, 1)
        lancement = NoteEvaluation(
            date=dt.date(2026, 2, 1),
            sous_domaine=SousDomaine.LANCEMENT,
            rubrique=RubriqueNote.LEVIERS,
            texte="Le portage conjoint a facilité la mobilisation.",
        )
        hcts = NoteEvaluation(
            date=dt.date(2026, 9, 1),
            sous_domaine=SousDomaine.COOPERATION_HCTS,
            rubrique=RubriqueNote.CONSTAT,
            texte="Échanges réguliers avec le HCTS.",
        )
        s.add_all([lancement, hcts])
        s.flush()
        return Comite(mars.id, octobre.id, planifiee.id, lancement.id, hcts.id)


def ouvrir(qtbot, base) -> PageEvaluation:
    page = PageEvaluation(Contexte(base))
    qtbot.addWidget(page)
    page.resize(1166, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page


@pytest.fixture
def page(qtbot, base, comite) -> PageEvaluation:
    return ouvrir(qtbot, base)
