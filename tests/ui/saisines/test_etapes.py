"""The workflow's steps from the page: only the allowed ones offered, each through its dialog (date not in the
future, who, a reason where required, a meeting for the agenda), each undone with Ctrl+Z."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QLabel, QWidget
from sqlalchemy import select

from app.modeles import PointOrdreDuJour, Saisine
from app.modeles.enumerations import StatutSaisine
from app.ui.annuaire.formulaire import date_de
from app.ui.saisines.etapes import DialogueEtape
from tests.ui.annuaire.outils import quand_modal, taper
from tests.ui.saisines.conftest import AUJOURDHUI, SECRETAIRE, choisir, etapes_offertes, ouvrir, statut

S = StatutSaisine


def test_accuser_reception_puis_declarer_recevable_et_annuler(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    pile = page.contexte.pile
    choisir(page, comite, "SAI-2026-001")
    assert etapes_offertes(page) == ["Accuser réception…"]
    vus: list[QWidget] = []

    def accuser(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueEtape) and dialogue.windowTitle() == "Accuser réception — SAI-2026-001"
        assert date_de(dialogue.le) == AUJOURDHUI and dialogue.par.text() == SECRETAIRE
        assert dialogue.le.maximumDate() == QDate(2026, 3, 2)  # never in the future
        assert "au plus tard le 27 février 2026." in " ".join(e.text() for e in dialogue.findChildren(QLabel))
        dialogue.le.setDate(QDate(2026, 2, 26))
        dialogue.accept()

    quand_modal(accuser, vus, DialogueEtape)
    page.boutons_etape[S.ACCUSEE].click()
    assert len(vus) == 1 and vus[0].result() == QDialog.DialogCode.Accepted
    with base.session_scope() as s:
        saisine = s.get(Saisine, comite["SAI-2026-001"])
        assert (saisine.statut, saisine.accusee_le) == (S.ACCUSEE, dt.date(2026, 2, 26))
        assert (saisine.transitions[-1].par, saisine.transitions[-1].le) == (SECRETAIRE, dt.date(2026, 2, 26))
    assert etapes_offertes(page) == ["Déclarer recevable…", "Déclarer irrecevable…", "Réorienter…"]
    assert page.fiche.valeurs["Accusé de réception"].text() == "envoyé le 26 février 2026"
    assert pile.undoText() == "Accuser réception — SAI-2026-001"

    def recevable(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueEtape) and dialogue.motif.accessibleName() == "Observation"
        dialogue.accept()

    quand_modal(recevable, vus, DialogueEtape)
    page.boutons_etape[S.RECEVABLE].click()
    with base.session_scope() as s:
        saisine = s.get(Saisine, comite["SAI-2026-001"])
        assert (saisine.statut, saisine.recevable_le, saisine.echeance) == (
            S.RECEVABLE,
            AUJOURDHUI,
            dt.date(2026, 5, 31),  # 90 days later
        )
    assert etapes_offertes(page) == ["Valider l'anonymisation…"]
    assert page.fiche.echeance.isEnabled()  # the opinion's due date may now be moved
    pile.undo()
    pile.undo()
    with base.session_scope() as s:
        saisine = s.get(Saisine, comite["SAI-2026-001"])
        assert (saisine.statut, saisine.accusee_le, saisine.recevable_le, len(saisine.transitions)) == (
            S.RECUE,
            None,
            None,
            1,
        )
    assert etapes_offertes(page) == ["Accuser réception…"]


def test_declarer_irrecevable_demande_un_motif(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    choisir(page, comite, "SAI-2026-002")
    vus: list[QWidget] = []

    def irrecevable(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueEtape) and dialogue.motif_requis
        assert dialogue.focusWidget() is dialogue.motif
        dialogue.accept()  # no reason: refused under the field, nothing written
        assert dialogue.isVisible()
        assert dialogue.messages["motif"].text() == "⚠ Indiquez le motif : « Irrecevable » doit être motivée."
        assert statut(base, comite["SAI-2026-002"]) is S.ACCUSEE
        taper(qtbot, dialogue.motif, "La question porte sur un litige individuel.")
        dialogue.accept()

    quand_modal(irrecevable, vus, DialogueEtape)
    page.boutons_etape[S.IRRECEVABLE].click()
    assert vus[0].result() == QDialog.DialogCode.Accepted
    with base.session_scope() as s:
        saisine = s.get(Saisine, comite["SAI-2026-002"])
        assert (saisine.statut, saisine.motif_decision) == (
            S.IRRECEVABLE,
            "La question porte sur un litige individuel.",
        )
    assert etapes_offertes(page) == ["Clôturer…"]
    assert page.fiche.valeurs["Motif de la décision"].text() == "La question porte sur un litige individuel."
    assert page.suivi.modele_historique.index(2, 3).data() == "La question porte sur un litige individuel."
    page.contexte.pile.undo()
    assert statut(base, comite["SAI-2026-002"]) is S.ACCUSEE


def test_une_etape_ne_precede_pas_la_precedente(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    choisir(page, comite, "SAI-2026-002")
    dialogue = page.dialogue_etape(S.RECEVABLE)
    qtbot.addWidget(dialogue)
    dialogue.le.setDate(QDate(2026, 2, 20))  # before the acknowledgement of 24 February
    dialogue.accept()
    assert dialogue.result() != QDialog.DialogCode.Accepted
    assert "ne peut pas précéder la précédente étape" in dialogue.messages["le"].text()
    dialogue.par.clear()
    dialogue.le.setDate(QDate(2026, 2, 25))
    dialogue.accept()
    assert "Indiquez qui fait cette étape." in dialogue.messages["par"].text()
    assert statut(base, comite["SAI-2026-002"]) is S.ACCUSEE


def test_inscrire_a_l_ordre_du_jour_d_une_seance_a_venir_puis_annuler(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    choisir(page, comite, "SAI-2026-004")
    assert etapes_offertes(page) == ["Inscrire à l'ordre du jour…"]
    vus: list[QWidget] = []

    def inscrire(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueEtape) and dialogue.seance is not None
        combo = dialogue.seance
        assert [combo.itemText(r) for r in range(combo.count())] == ["ETH-2026-02 — Instance éthique, 12 mars 2026"]
        dialogue.accept()

    quand_modal(inscrire, vus, DialogueEtape)
    page.boutons_etape[S.INSCRITE_ODJ].click()
    with base.session_scope() as s:
        points = list(s.scalars(select(PointOrdreDuJour).where(PointOrdreDuJour.saisine_id == comite["SAI-2026-004"])))
        assert [(p.seance_id, p.titre) for p in points] == [(comite["seance"], "Examen de la saisine SAI-2026-004")]
    assert statut(base, comite["SAI-2026-004"]) is S.INSCRITE_ODJ
    assert etapes_offertes(page) == ["Débattue en séance…", "Remettre en instruction…"]
    assert "Séance ETH-2026-02 du 12 mars 2026 (planifiée)" in page.suivi.examen.text()
    page.contexte.pile.undo()  # the item it added goes too
    with base.session_scope() as s:
        assert s.scalar(select(PointOrdreDuJour).where(PointOrdreDuJour.saisine_id == comite["SAI-2026-004"])) is None
    assert statut(base, comite["SAI-2026-004"]) is S.EN_INSTRUCTION


def test_debattue_refusee_sans_seance_tenue(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    choisir(page, comite, "SAI-2026-004")
    dialogue = page.dialogue_etape(S.INSCRITE_ODJ)
    qtbot.addWidget(dialogue)
    dialogue.accept()
    page.rafraichir()
    dialogue = page.dialogue_etape(S.DEBATTUE)
    qtbot.addWidget(dialogue)
    textes: list[str] = []
    quand_modal(lambda _boite: None, [], textes=textes)
    dialogue.accept()  # the meeting is only planned: the service says what to do first
    assert textes and "n'a été examinée dans aucune séance tenue" in textes[0]
    assert statut(base, comite["SAI-2026-004"]) is S.INSCRITE_ODJ


def test_reorienter_puis_cloturer_et_remettre_en_instruction_demandent_leur_motif(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    vus: list[QWidget] = []
    titres: list[str] = []

    def motive(texte: str):
        def agir(dialogue: QWidget) -> None:
            assert isinstance(dialogue, DialogueEtape)
            titres.append(dialogue.windowTitle())
            if dialogue.motif_requis:
                dialogue.accept()
                assert dialogue.isVisible() and dialogue.messages["motif"].text().startswith("⚠ Indiquez le motif")
            taper(qtbot, dialogue.motif, texte)
            dialogue.accept()

        return agir

    choisir(page, comite, "SAI-2026-002")
    quand_modal(motive("Orientée vers le référent déontologue de la structure."), vus, DialogueEtape)
    page.boutons_etape[S.REORIENTEE].click()
    assert statut(base, comite["SAI-2026-002"]) is S.REORIENTEE and etapes_offertes(page) == ["Clôturer…"]
    quand_modal(motive("Le demandeur a été informé."), vus, DialogueEtape)
    page.boutons_etape[S.CLOTUREE].click()
    assert statut(base, comite["SAI-2026-002"]) is S.CLOTUREE and etapes_offertes(page) == []

    choisir(page, comite, "SAI-2026-004")
    quand_modal(motive(""), vus, DialogueEtape)
    page.boutons_etape[S.INSCRITE_ODJ].click()
    quand_modal(motive("La séance a manqué de temps."), vus, DialogueEtape)
    page.boutons_etape[S.EN_INSTRUCTION].click()  # « Remettre en instruction… »: a reason is required
    assert statut(base, comite["SAI-2026-004"]) is S.EN_INSTRUCTION
    with base.session_scope() as s:
        assert s.get(Saisine, comite["SAI-2026-004"]).transitions[-1].motif == "La séance a manqué de temps."
    assert titres == [
        "Réorienter — SAI-2026-002",
        "Clôturer — SAI-2026-002",
        "Inscrire à l'ordre du jour — SAI-2026-004",
        "Remettre en instruction — SAI-2026-004",
    ]
