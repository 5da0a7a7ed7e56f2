"""The Évaluation page driven like a user: a questionnaire typed from the paper forms with the keyboard, saved with
Ctrl+S and undone; a note added (Ctrl+N), edited (Entrée), deleted (Suppr, asked first) and each step undone; the
period of the indicators changed, the figures, the chart and its table following; the models under qtmodeltester."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy import select

from app.modeles import Presence
from app.modeles.enumerations import EtatPresence, NiveauRetour, QuestionRetour, RubriqueNote, SousDomaine
from app.services import evaluation, indicateurs
from app.services.indicateurs import Periode
from app.ui.evaluation.dialogue_note import DialogueNote
from app.ui.fenetre_principale import PAGES, FenetrePrincipale
from app.ui.pages.evaluation import PageEvaluation
from tests.ui.annuaire.outils import CTRL, activer, cliquer, quand_modal, taper
from tests.ui.evaluation.conftest import Comite

U, INT = QuestionRetour.UTILITE, QuestionRetour.INTERET
N = NiveauRetour


def en_base(base, seance_id: int) -> dict:
    with base.session_scope() as s:
        return evaluation.lire_retours(s, seance_id)


def notes_en_base(base) -> list[tuple[dt.date, SousDomaine, RubriqueNote, str]]:
    from app.services.evaluation_lecture import lire_notes

    with base.session_scope() as s:
        return [(n.date, n.sous_domaine, n.rubrique, n.texte) for n in lire_notes(s)]


def test_la_fenetre_ouvre_la_page_evaluation(qtbot, base, comite):
    (rang,) = [r for r, e in enumerate(PAGES) if e.titre == "Évaluation"]
    fenetre = FenetrePrincipale(base)
    fenetre.memoriser_en_quittant = False
    qtbot.addWidget(fenetre)
    assert isinstance(fenetre.page(rang), PageEvaluation)
    assert [fenetre.page(rang).onglets.tabText(i).replace("&", "") for i in range(3)] == [
        "Questionnaires",
        "Notes",
        "Indicateurs",
    ]


def test_questionnaire_saisi_au_clavier_enregistre_puis_annule(qtbot, base, page: PageEvaluation, comite: Comite):
    onglet = page.questionnaires
    pile = page.contexte.pile
    # Only held meetings, the latest first; the one entered says how many answered.
    assert [onglet.proxy.index(r, 1).data() for r in range(onglet.proxy.rowCount())] == ["PL-2026-02", "PL-2026-01"]
    assert [onglet.proxy.index(r, 2).data() for r in range(2)] == ["non saisi", "3 réponses"]
    assert onglet.compte.text() == "1 questionnaire saisi sur 2 séances tenues"
    assert onglet.seance_selectionnee() == comite.octobre
    assert "PL-2026-02 — Assemblée plénière, le 8 octobre 2026" in onglet.titre.text()
    assert not onglet.bouton_enregistrer.isEnabled()

    onglet.vue.setFocus()
    qtbot.keyClick(onglet.vue, Qt.Key.Key_Return)  # to the grid, its first box
    for valeur in ("5", "2", "1", "0", "4", "3", "0", "1"):
        champ = QApplication.focusWidget()
        assert champ is not None
        qtbot.keyClicks(champ, valeur)
        qtbot.keyClick(champ, Qt.Key.Key_Tab)
    assert onglet.totaux[U].text() == "<b>8</b>" and onglet.totaux[INT].text() == "<b>8</b>"
    assert onglet.bouton_enregistrer.isEnabled() and "non enregistrées" in onglet.message.text()
    assert en_base(base, comite.octobre) == {}
    qtbot.keyClick(onglet.cases[(INT, N.PAS_DU_TOUT)], Qt.Key.Key_S, CTRL)
    attendu = {
        (U, N.TOUT_A_FAIT): 5,
        (U, N.PLUTOT): 2,
        (U, N.PLUTOT_PAS): 1,
        (U, N.PAS_DU_TOUT): 0,
        (INT, N.TOUT_A_FAIT): 4,
        (INT, N.PLUTOT): 3,
        (INT, N.PLUTOT_PAS): 0,
        (INT, N.PAS_DU_TOUT): 1,
    }
    assert en_base(base, comite.octobre) == attendu
    assert pile.undoText() == "Enregistrer le questionnaire de PL-2026-02"
    assert onglet.proxy.index(0, 2).data() == "8 réponses" and onglet.message.text() == "Questionnaire enregistré."
    assert not onglet.bouton_enregistrer.isEnabled()

    pile.undo()
    assert en_base(base, comite.octobre) == {}
    assert onglet.valeurs() == dict.fromkeys(attendu, 0) and onglet.proxy.index(0, 2).data() == "non saisi"
    pile.redo()
    assert en_base(base, comite.octobre) == attendu and onglet.valeurs() == attendu


def test_choisir_une_autre_seance_enregistre_la_saisie(qtbot, base, page: PageEvaluation, comite: Comite):
    onglet = page.questionnaires
    onglet.cases[(U, N.PLUTOT)].setValue(6)
    assert onglet.choisir(comite.mars)
    assert en_base(base, comite.octobre)[(U, N.PLUTOT)] == 6  # not lost
    assert page.contexte.pile.undoText() == "Enregistrer le questionnaire de PL-2026-02"
    qtbot.waitUntil(lambda: onglet.proxy.index(0, 2).data() == "6 réponses")  # the list read again just after
    assert onglet.seance_selectionnee() == comite.mars
    assert onglet.valeurs()[(U, N.TOUT_A_FAIT)] == 2 and onglet.totaux[U].text() == "<b>3</b>"
    onglet.cases[(U, N.PLUTOT)].setValue(9)
    onglet.abandonner()
    assert onglet.valeurs()[(U, N.PLUTOT)] == 1 and not onglet.modifie()


def test_note_ajoutee_modifiee_supprimee_et_chaque_fois_annulee(qtbot, base, page: PageEvaluation, comite: Comite):
    onglet = page.notes
    pile = page.contexte.pile
    page.onglets.setCurrentWidget(onglet)
    assert [onglet.proxy.index(r, 1).data() for r in range(2)] == [
        "1.1 Lancement de la démarche",
        "3 Coopération avec le HCTS",
    ]
    assert onglet.compte.text() == "2 notes"
    onglet.filtre.setCurrentIndex(onglet.filtre.findData(SousDomaine.MOBILISATION.value))
    assert onglet.proxy.rowCount() == 0 and onglet.compte.text() == "0 note sur 2"
    avant = notes_en_base(base)

    vus: list[QWidget] = []

    def ecrire(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueNote)
        assert dialogue.sous_domaine.currentText() == "1.2 Mobilisation des acteurs"  # the filter's
        assert "sentiment d'utilité" in dialogue.question.text()
        dialogue.rubrique.setCurrentIndex(dialogue.rubrique.findData(RubriqueNote.DIFFICULTES.value))
        taper(qtbot, dialogue.texte, "Peu d'employeurs privés présents.")
        qtbot.keyClick(dialogue.texte, Qt.Key.Key_Tab)  # Tab leaves the text for the buttons
        assert dialogue.focusWidget() is not dialogue.texte
        dialogue.bouton_ok.click()

    quand_modal(ecrire, vus, DialogueNote)
    onglet.vue.setFocus()
    qtbot.keyClick(onglet.vue, Qt.Key.Key_N, CTRL)  # inside the page, Ctrl+N is a new note
    assert len(vus) == 1 and vus[0].result() == QDialog.DialogCode.Accepted
    nouvelle = (
        dt.date(2026, 11, 22),
        SousDomaine.MOBILISATION,
        RubriqueNote.DIFFICULTES,
        "Peu d'employeurs privés présents.",
    )
    assert nouvelle in notes_en_base(base)
    assert onglet.proxy.rowCount() == 1 and onglet.note() is not None
    assert "Peu d'employeurs privés présents." in onglet.texte.toPlainText()
    assert pile.undoText() == "Ajouter une note (1.2 Mobilisation des acteurs)"

    def modifier(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueNote) and dialogue.windowTitle() == "Modifier la note"
        assert dialogue.texte.toPlainText() == "Peu d'employeurs privés présents."
        dialogue.sous_domaine.setCurrentIndex(dialogue.sous_domaine.findData(SousDomaine.INSTALLATION.value))
        dialogue.texte.setPlainText("   ")
        dialogue.bouton_ok.click()  # refused: the message sits under the text, the dialog stays open
        assert dialogue.isVisible() and dialogue.messages["texte"].text() == "⚠ Le texte de la note est obligatoire."
        dialogue.texte.setPlainText("Les employeurs privés viennent peu.")
        dialogue.bouton_ok.click()

    quand_modal(modifier, vus, DialogueNote)
    activer(qtbot, onglet.vue)
    qtbot.keyClick(onglet.vue, Qt.Key.Key_Return)
    assert len(vus) == 2 and vus[1].result() == QDialog.DialogCode.Accepted
    modifiee = (
        dt.date(2026, 11, 22),
        SousDomaine.INSTALLATION,
        RubriqueNote.DIFFICULTES,
        "Les employeurs privés viennent peu.",
    )
    assert modifiee in notes_en_base(base)
    # Filed elsewhere now: the filter is cleared so that the note stays in sight.
    assert onglet.filtre.currentIndex() == 0 and onglet.note() is not None
    assert onglet.note().texte == "Les employeurs privés viennent peu."

    textes: list[str] = []
    quand_modal(cliquer("Annuler"), vus, textes=textes)
    activer(qtbot, onglet.vue)
    qtbot.keyClick(onglet.vue, Qt.Key.Key_Delete)
    assert modifiee in notes_en_base(base)
    assert textes[-1] == (
        "Supprimer la note du 22 novembre 2026 (1.3 Installation et déroulement, difficultés) : "
        "« Les employeurs privés viennent peu. » ?"
    )
    quand_modal(cliquer("Supprimer"), vus, textes=textes)
    activer(qtbot, onglet.vue)
    qtbot.keyClick(onglet.vue, Qt.Key.Key_Delete)
    assert notes_en_base(base) == avant
    assert pile.undoText() == "Supprimer une note (1.3 Installation et déroulement)"

    pile.undo()  # the deletion
    assert modifiee in notes_en_base(base)
    pile.undo()  # the edit
    assert nouvelle in notes_en_base(base) and modifiee not in notes_en_base(base)
    pile.undo()  # the creation
    assert notes_en_base(base) == avant
    pile.redo()
    assert nouvelle in notes_en_base(base)


def test_periode_des_indicateurs_les_chiffres_et_le_diagramme_suivent(qtbot, base, page: PageEvaluation, comite):
    onglet = page.indicateurs
    page.onglets.setCurrentWidget(onglet)
    # By default the last 12 months, as on the dashboard.
    assert onglet.periode() == Periode(dt.date(2025, 11, 23), dt.date(2026, 11, 22))
    assert onglet.resume.text() == "Du 23 novembre 2025 au 22 novembre 2026 inclus : 2 séances tenues."
    assert onglet.diagramme.valeurs() == [
        ("Par séance", "PL-2026-01", 0.75),
        ("Par séance", "PL-2026-02", 0.25),
        ("Par collège", "Élus", 0.75),
        ("Par collège", "Travailleurs sociaux", 0.25),
    ]
    # The table beside the chart holds the same numbers, in French.
    assert [onglet.vue_seances.model().index(r, c).data() for r in range(2) for c in (0, 1, 2, 4, 5)] == [
        "PL-2026-01", "4", "3", "75,0\u202f%", "Oui",
        "PL-2026-02", "4", "1", "25,0\u202f%", "Non",
    ]  # fmt: skip
    infobulle = onglet.vue_seances.model().index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert infobulle == (
        "PL-2026-01 — Assemblée plénière, le 5 mars 2026\n"
        "4 attendus : 3 présents, 0 suppléé, 0 représenté, 1 excusé, 0 absent\n"
        "Présence : 75,0\u202f% ; quorum atteint"
    )
    assert [onglet.vue_colleges.model().index(r, 4).data() for r in range(2)] == ["75,0\u202f%", "25,0\u202f%"]
    assert "PL-2026-01 (Assemblée plénière, 5 mars 2026) : 75,0\u202f%" in onglet.diagramme.accessibleDescription()
    with base.session_scope() as s:
        attendu = indicateurs.calculer(s, onglet.periode())
    assert [(m.nom, m.assiduite) for m in onglet.modele_membres.lignes] == [
        (m["nom"], m["assiduite"]) for m in attendu["membres"]
    ]
    # No installation date: the windows start at the first held meeting, 5 March; October is outside both.
    mobilisation = dict(onglet.encart_mobilisation.lignes)
    assert mobilisation["Séances tenues"] == "1 / 1" and mobilisation["Taux de présence"] == "75,0\u202f% / 75,0\u202f%"

    onglet.du.setDate(onglet.du.date().addMonths(6))  # from 23 May 2026: only the October meeting
    assert onglet.resume.text() == "Du 23 mai 2026 au 22 novembre 2026 inclus : 1 séance tenue."
    assert onglet.diagramme.valeurs() == [
        ("Par séance", "PL-2026-02", 0.25),
        ("Par collège", "Élus", 0.5),
        ("Par collège", "Travailleurs sociaux", 0.0),
    ]
    assert onglet.modele_seances.rowCount() == 1

    onglet.au.setDate(onglet.du.date().addDays(-1))  # the wrong way round: said, nothing recomputed
    assert "postérieure à la date de fin" in onglet.resume.text()
    assert len(onglet.diagramme.valeurs()) == 3
    onglet.bouton_douze_mois.click()
    assert onglet.periode() == Periode(dt.date(2025, 11, 23), dt.date(2026, 11, 22))
    assert len(onglet.diagramme.valeurs()) == 4


def test_les_indicateurs_se_mettent_a_jour_apres_une_modification(qtbot, base, page: PageEvaluation, comite):
    onglet = page.indicateurs
    assert onglet.indicateurs is None  # not computed while their tab is hidden
    page.onglets.setCurrentWidget(onglet)
    assert ("Par séance", "PL-2026-02", 0.25) in onglet.diagramme.valeurs()
    with base.session_scope() as s:
        presence_id = s.scalar(
            select(Presence.id).where(Presence.seance_id == comite.octobre, Presence.etat == EtatPresence.ABSENT)
        )

    def marquer(etat: EtatPresence):
        def faire(s) -> None:
            s.get(Presence, presence_id).etat = etat

        return faire

    page.contexte.executer(
        "Présent", faire=marquer(EtatPresence.PRESENT), defaire=lambda s, _r: marquer(EtatPresence.ABSENT)(s)
    )
    assert ("Par séance", "PL-2026-02", 0.5) in onglet.diagramme.valeurs()  # shown: read again at once
    page.onglets.setCurrentWidget(page.notes)
    page.contexte.pile.undo()
    assert ("Par séance", "PL-2026-02", 0.5) in onglet.diagramme.valeurs()  # hidden: left until shown
    page.onglets.setCurrentWidget(onglet)
    assert ("Par séance", "PL-2026-02", 0.25) in onglet.diagramme.valeurs()


def test_modeles_des_tableaux(qtbot, page: PageEvaluation, qtmodeltester):
    page.onglets.setCurrentWidget(page.indicateurs)
    for modele in (
        page.questionnaires.modele,
        page.notes.modele,
        page.indicateurs.modele_seances,
        page.indicateurs.modele_colleges,
        page.indicateurs.modele_membres,
    ):
        assert modele.rowCount() > 0
        qtmodeltester.check(modele)
