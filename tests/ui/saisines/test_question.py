"""The « Question » tab: the check for identifying data run in a worker and shown in the editors, the validation
of the anonymisation by a second person (refused for the one who registered it, and with findings left only
after an explicit confirmation), then the texts read-only."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QWidget

from app.modeles import Saisine
from app.modeles.enumerations import StatutSaisine
from app.ui.saisines.constats import QUESTION, infobulle_de, position_qt
from app.ui.saisines.question import OngletQuestion
from app.ui.saisines.validation import DialogueValidation
from tests.ui.annuaire.outils import quand_modal, taper
from tests.ui.saisines.conftest import CONTEXTE, SECRETAIRE, choisir, etapes_offertes, ouvrir
from tests.ui.saisines.conftest import QUESTION as TEXTE

S = StatutSaisine


def verifier(qtbot, onglet: OngletQuestion) -> None:
    onglet.bouton_verifier.click()
    assert onglet.verification_en_cours() and not onglet.bouton_verifier.isEnabled()
    qtbot.waitUntil(lambda: not onglet.verification_en_cours(), timeout=30_000)


def test_les_signalements_sont_surlignes_listes_et_montres(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    choisir(page, comite, "SAI-2026-003")
    onglet = page.question
    page.onglets.setCurrentWidget(onglet)
    assert onglet.question.toPlainText() == TEXTE and not onglet.question.isReadOnly()
    assert onglet.modele.rowCount() == 0 and onglet.question.extraSelections() == []
    verifier(qtbot, onglet)
    trouves = [(s.champ, s.libelle, s.extrait) for s in onglet.modele.lignes]
    assert ("question", "Nom de personne", "Madame Dupont") in trouves
    assert ("question", "Numéro de téléphone", "06 12 34 56 78") in trouves
    assert ("contexte", "Nom de personne", "Anne Martin") in trouves  # a name from the directory
    assert onglet.etat.text().startswith(f"{len(trouves)} signalements : relisez chaque passage surligné")
    assert len(onglet.question.extraSelections()) == sum(c == "question" for c, _l, _e in trouves)
    assert len(onglet.contexte_texte.extraSelections()) == 1
    selection = onglet.question.extraSelections()[0]
    assert selection.cursor.selectedText() == "Madame Dupont"
    assert selection.format.background().color().name() == "#fde68a"
    # Hovering a finding tells its kind, in French.
    telephone = TEXTE.index("06 12")
    surligneur = onglet.surligneurs[QUESTION]
    assert infobulle_de(surligneur, position_qt(TEXTE, telephone) + 2) == "Numéro de téléphone : « 06 12 34 56 78 »"
    assert infobulle_de(surligneur, position_qt(TEXTE, TEXTE.index("refuse"))) == ""
    # Choosing a row of the list selects its text in its editor.
    rang = next(r for r in range(onglet.proxy.rowCount()) if "Anne Martin" in onglet.proxy.index(r, 1).data())
    onglet.vue.selectRow(rang)
    assert onglet.contexte_texte.textCursor().selectedText() == "Anne Martin"
    # A change of the text makes the findings stale: they go, and the tab says why.
    onglet.question.setFocus()
    onglet.question.moveCursor(QTextCursor.MoveOperation.End)
    taper(qtbot, onglet.question, " Que faire ?")
    assert onglet.modele.rowCount() == 0 and onglet.question.extraSelections() == []
    assert onglet.etat.text() == "Le texte a changé depuis la vérification : relancez-la."
    assert onglet.modifie() and onglet.bouton_enregistrer.isEnabled()
    assert onglet.enregistrer()
    with base.session_scope() as s:
        assert s.get(Saisine, comite["SAI-2026-003"]).question == f"{TEXTE} Que faire ?"
    page.contexte.pile.undo()
    assert onglet.question.toPlainText() == TEXTE and not onglet.modifie()


def test_la_validation_est_refusee_a_qui_a_enregistre_puis_faite_par_une_autre_personne(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    pile = page.contexte.pile
    choisir(page, comite, "SAI-2026-003")
    assert etapes_offertes(page) == ["Valider l'anonymisation…"]
    vus: list[QWidget] = []

    def valider(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueValidation)
        assert dialogue.par.text() == "" and dialogue.focusWidget() is dialogue.par
        n = len(dialogue.signalements)
        assert n >= 3 and dialogue.liste.count() == n and not dialogue.case.isHidden()
        taper(qtbot, dialogue.par, SECRETAIRE.upper())  # the same person, whatever the case
        dialogue.accept()
        assert dialogue.isVisible()
        assert "l'anonymisation doit être validée par une autre personne" in dialogue.messages["par"].text()
        dialogue.par.clear()
        taper(qtbot, dialogue.par, "Bruno Petit")
        dialogue.accept()  # findings remain and the box is not checked: asked for, nothing written
        assert dialogue.isVisible()
        assert "confirmez les avoir examinés un par un" in dialogue.messages["signalements"].text()
        assert dialogue.case.text() == f"J'ai examiné chacun des {n} signalements : aucun n'identifie une personne."
        dialogue.case.setChecked(True)
        dialogue.accept()

    quand_modal(valider, vus, DialogueValidation)
    page.boutons_etape[S.ANONYMISATION_VALIDEE].click()  # saves, checks in a worker, then asks
    qtbot.waitUntil(lambda: bool(vus) and not vus[0].isVisible(), timeout=30_000)
    assert vus[0].result() == QDialog.DialogCode.Accepted
    assert page.onglets.currentWidget() is page.question
    with base.session_scope() as s:
        saisine = s.get(Saisine, comite["SAI-2026-003"])
        assert (saisine.statut, saisine.anonymisation_validee_par) == (S.ANONYMISATION_VALIDEE, "Bruno Petit")
        assert saisine.transitions[-1].motif.startswith("Validée après examen de")
    assert page.question.question.isReadOnly() and page.question.contexte_texte.isReadOnly()
    assert "L'anonymisation a été validée par Bruno Petit le 2 mars 2026" in page.question.note.text()
    assert not page.question.bouton_valider.isEnabled() and not page.question.modifie()
    assert etapes_offertes(page) == ["Mettre en instruction…"]
    pile.undo()
    assert not page.question.question.isReadOnly()
    with base.session_scope() as s:
        assert s.get(Saisine, comite["SAI-2026-003"]).statut is S.RECEVABLE


def test_la_confirmation_est_demandee_meme_si_la_liste_etait_vide(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    choisir(page, comite, "SAI-2026-003")
    assert page.detail is not None
    dialogue = DialogueValidation(page.contexte, page.detail, [], page)
    qtbot.addWidget(dialogue)
    assert dialogue.case.isHidden() and not dialogue.aucun.isHidden()
    dialogue.par.setText("Bruno Petit")
    dialogue.accept()  # the service still finds identifying data: the confirmation appears
    assert dialogue.result() != QDialog.DialogCode.Accepted and not dialogue.case.isHidden()
    dialogue.case.setChecked(True)
    dialogue.accept()
    assert dialogue.result() == QDialog.DialogCode.Accepted


def test_une_question_validee_ne_se_modifie_plus(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    choisir(page, comite, "SAI-2026-004")
    onglet = page.question
    assert onglet.question.isReadOnly() and onglet.contexte_texte.isReadOnly()
    assert onglet.note.text().startswith("L'anonymisation a été validée par bruno.petit le 20 janvier 2026")
    assert "ils ont pu être communiqués aux membres" in onglet.note.text()
    assert not onglet.bouton_enregistrer.isEnabled() and not onglet.bouton_valider.isEnabled()
    assert onglet.bouton_verifier.isEnabled()  # checking stays possible
    onglet.question.setPlainText("Autre texte")  # even if forced in, it is not « modified »: never saved
    assert not onglet.modifie() and onglet.enregistrer()
    with base.session_scope() as s:
        assert s.get(Saisine, comite["SAI-2026-004"]).question != "Autre texte"
    assert CONTEXTE  # the admissible one keeps its context (used by the other tests)
