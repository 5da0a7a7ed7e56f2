"""The meeting's tabs: minutes per item, actions carried over, attachments, documents and printing."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.modeles import Seance
from app.modeles.enumerations import NaturePoint, StatutAction, StatutSeance
from app.services import actions, ordre_du_jour, pieces_jointes
from app.services.ordre_du_jour import FichePoint
from app.ui import impression
from app.ui.contexte import Contexte
from app.ui.seances.actions import DialogueAction, OngletActions
from app.ui.seances.compte_rendu import OngletCompteRendu
from app.ui.seances.documents import OngletDocuments
from app.ui.seances.onglet_presences import OngletPresences
from app.ui.seances.pieces import OngletPieces
from tests.services.fabrique import Fabrique
from tests.ui.annuaire.outils import quand_modal
from tests.ui.seances.conftest import JOUR, Seance30


@pytest.fixture
def contexte(base) -> Contexte:
    return Contexte(base)


@pytest.fixture
def seance(base, seance_30: Seance30, monkeypatch) -> Seance30:
    """The 30-seat plenary, held, with two agenda items."""
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", JOUR.isoformat())
    with base.session_scope() as s:
        seance = s.get(Seance, seance_30.seance_id)
        seance.statut = StatutSeance.TENUE
        seance.lieu = "Hôtel du département"
        ordre_du_jour.ajouter_point(s, FichePoint(0, seance.id, "Approbation du procès-verbal", NaturePoint.DECISION))
        ordre_du_jour.ajouter_point(s, FichePoint(0, seance.id, "Charte du partage d'informations", NaturePoint.AVIS))
    return seance_30


def relier(contexte: Contexte, onglet) -> None:
    """What the Séances page does: after any change (or undo), its tabs show the meeting again."""
    contexte.donnees_modifiees.connect(lambda: onglet.afficher(onglet.seance_id))


def _points(base, seance_id):
    with base.session_scope() as s:
        return ordre_du_jour.points_de(s, seance_id)


# --- Compte rendu -------------------------------------------------------------------------------------------


def test_le_compte_rendu_d_un_point_s_enregistre_et_s_annule(qtbot, base, contexte, seance):
    onglet = OngletCompteRendu(contexte)
    qtbot.addWidget(onglet)
    relier(contexte, onglet)
    onglet.afficher(seance.seance_id)
    assert onglet.titre.text() == "1. Approbation du procès-verbal"
    onglet.resume.setPlainText("Le procès-verbal de la séance précédente est relu.")
    onglet.decision.setPlainText("Le procès-verbal est approuvé.")
    onglet.avec_vote.setChecked(True)
    onglet.pour.setValue(20)
    onglet.contre.setValue(1)
    onglet.abstention.setValue(2)
    onglet.divergences.setPlainText("Mme Martin souhaite que son désaccord soit consigné.")
    onglet.deports_modele.item(0).setCheckState(Qt.CheckState.Checked)
    assert onglet.modifie()
    # Moving to the second item saves the first one.
    onglet.vue.setCurrentIndex(onglet.proxy.index(1, 0))
    assert onglet.titre.text() == "2. Charte du partage d'informations"
    premier = _points(base, seance.seance_id)[0]
    assert premier.decision == "Le procès-verbal est approuvé."
    assert (premier.vote_pour, premier.vote_contre, premier.vote_abstention) == (20, 1, 2)
    assert premier.deports == (onglet.deports_modele.item(0).data(Qt.ItemDataRole.UserRole),)
    assert "désaccord" in premier.opinions_divergentes
    contexte.pile.undo()
    assert _points(base, seance.seance_id)[0].decision == ""
    assert onglet.modele.rowCount() == 2


def test_sans_vote_les_voix_restent_vides_et_une_seance_non_tenue_ne_se_saisit_pas(qtbot, base, contexte, seance):
    onglet = OngletCompteRendu(contexte)
    qtbot.addWidget(onglet)
    relier(contexte, onglet)
    onglet.afficher(seance.seance_id)
    onglet.decision.setPlainText("Information donnée.")
    assert onglet.enregistrer()
    assert _points(base, seance.seance_id)[0].vote_pour is None
    with base.session_scope() as s:
        s.get(Seance, seance.seance_id).statut = StatutSeance.CONVOQUEE
    onglet.afficher(seance.seance_id)
    assert not onglet.resume.isEnabled() and "une fois la séance marquée tenue" in onglet.message.text()


# --- Actions -----------------------------------------------------------------------------------------------


def test_une_action_decidee_est_reportee_a_la_seance_suivante(qtbot, base, contexte, seance, monkeypatch):
    onglet = OngletActions(contexte)
    qtbot.addWidget(onglet)
    relier(contexte, onglet)
    onglet.afficher(seance.seance_id)

    def remplir(dialogue: DialogueAction) -> None:
        dialogue.texte.setPlainText("Diffuser la charte aux services")
        dialogue.responsable.setCurrentIndex(dialogue.responsable.findText("Anne Martin"))
        dialogue.echeance.case.setChecked(True)
        dialogue.accept()

    quand_modal(remplir, [], DialogueAction)
    onglet.nouvelle()
    assert onglet.modele.rowCount() == 1
    assert onglet.modele.data(onglet.modele.index(0, 4)) == "Décidée à cette séance"
    with base.session_scope() as s:
        origine = s.get(Seance, seance.seance_id)
        suivante = Fabrique(s).seance(
            origine.instance, JOUR + dt.timedelta(days=60), reference="PL-2026-09", statut=StatutSeance.PLANIFIEE
        )
        suivante_id = suivante.id
    onglet.afficher(suivante_id)
    assert onglet.modele.data(onglet.modele.index(0, 4)) == "Reportée de PL-2026-02"
    assert onglet.modele.data(onglet.modele.index(0, 1)) == "Anne Martin"
    assert not onglet.supprimer_bouton.isEnabled() or onglet.vue.selectionModel().selectedRows() == []
    onglet.vue.selectRow(0)
    assert not onglet.supprimer_bouton.isEnabled()  # deleted only from its own meeting
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", (JOUR + dt.timedelta(days=30)).isoformat())
    onglet.marquer_faite()
    with base.session_scope() as s:
        [lue] = actions.actions_de_seance(s, seance.seance_id)
        assert lue.fiche.statut is StatutAction.FAITE and lue.fiche.soldee_le == JOUR + dt.timedelta(days=30)
    assert actions_de(base, suivante_id) == []  # settled before that meeting: no longer carried
    contexte.pile.undo()
    assert len(actions_de(base, suivante_id)) == 1


def actions_de(base, seance_id):
    with base.session_scope() as s:
        return actions.actions_de_seance(s, seance_id)


# --- Pièces jointes ----------------------------------------------------------------------------------------


def test_un_document_joint_est_copie_dans_la_reserve_et_son_retrait_s_annule(
    qtbot, base, contexte, seance, tmp_path, monkeypatch
):
    fichier = tmp_path / "Budget prévisionnel 2027.xlsx"
    fichier.write_bytes(b"contenu du budget")
    onglet = OngletPieces(contexte)
    qtbot.addWidget(onglet)
    relier(contexte, onglet)
    onglet.afficher(seance.seance_id)
    piece = onglet.joindre_fichier(fichier)
    assert piece is not None and onglet.modele.rowCount() == 1
    fichier.unlink()  # the original may go: the copy stays with the base
    stocke = pieces_jointes.fichier_de(base.chemin, piece)
    assert stocke.read_bytes() == b"contenu du budget" and stocke.name == piece.sha256
    assert onglet.modele.data(onglet.modele.index(0, 1)) == "17 octets"
    questions: list[str] = []
    monkeypatch.setattr("app.ui.pieces.confirmer", lambda _p, _t, question, _v: questions.append(question) or True)
    onglet.vue.selectRow(0)
    onglet.retirer()
    assert questions == ["Retirer « Budget prévisionnel 2027.xlsx » de la séance ? Ctrl+Z le remet."]
    assert onglet.modele.rowCount() == 0
    contexte.pile.undo()
    assert onglet.modele.rowCount() == 1
    copie = tmp_path / "copie.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copie), ""))
    onglet.vue.selectRow(0)
    onglet.enregistrer_copie()
    assert copie.read_bytes() == b"contenu du budget"


def test_le_meme_document_deux_fois_est_refuse(qtbot, base, contexte, seance, tmp_path, monkeypatch):
    fichier = tmp_path / "ordre-du-jour.pdf"
    fichier.write_bytes(b"%PDF-1.4 test")
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, texte, *a, **k: messages.append(texte))
    onglet = OngletPieces(contexte)
    qtbot.addWidget(onglet)
    relier(contexte, onglet)
    onglet.afficher(seance.seance_id)
    assert onglet.joindre_fichier(fichier) is not None
    assert onglet.joindre_fichier(tmp_path / "absent.pdf") is None
    assert onglet.joindre_fichier(fichier) is None
    assert "n'est pas un fichier" in messages[0] and "déjà joint" in messages[1]
    assert onglet.modele.rowCount() == 1


# --- Présences and documents ---------------------------------------------------------------------------------


def test_l_onglet_presences_resume_le_quorum(qtbot, contexte, seance):
    onglet = OngletPresences(contexte)
    qtbot.addWidget(onglet)
    relier(contexte, onglet)
    onglet.afficher(seance.seance_id)
    assert "Sièges attendus : 30" in onglet.comptes.text()
    assert onglet.quorum.text() == "Quorum : 15 voix requises (pouvoirs comptés) — non atteint."
    assert onglet.saisir.isEnabled()


def test_documents_enregistres_et_imprimes(qtbot, base, contexte, seance, tmp_path, monkeypatch):
    onglet = OngletDocuments(contexte)
    qtbot.addWidget(onglet)
    relier(contexte, onglet)
    onglet.afficher(seance.seance_id)
    assert onglet.pv.produire is not None and "PROJET" in onglet.pv.etat.text()
    # Convened today for today: late, the convocation waits for an urgency reason.
    assert onglet.convocation.produire is None and "motif de l'urgence" in onglet.convocation.etat.text()
    assert onglet.motif.isVisible() or not onglet.isVisible()
    onglet.motif_urgence = "Réunion avancée à la demande du HCTS"
    onglet.afficher(seance.seance_id)
    assert onglet.convocation.produire is not None

    pdf = tmp_path / "pv.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), ""))
    onglet.pv.enregistrer.click()
    assert "Procès-verbal" in PdfReader(pdf).pages[0].extract_text()

    # Printing goes through Qt's printer: to a PDF file here, checked page by page.
    contenu = onglet.emargement.produire() if onglet.emargement.produire else b""
    imprimante = QPrinter(QPrinter.PrinterMode.HighResolution)
    imprimante.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    imprimee = tmp_path / "imprimee.pdf"
    imprimante.setOutputFileName(str(imprimee))
    imprimante.setResolution(72)
    impression.dessiner(contenu, imprimante)
    assert len(PdfReader(imprimee).pages) == impression.nombre_de_pages(contenu) >= 1

    vus: list[str] = []

    def fermer(dialogue) -> None:
        vus.append(dialogue.windowTitle())
        dialogue.reject()

    from PySide6.QtPrintSupport import QPrintPreviewDialog

    quand_modal(fermer, [], QPrintPreviewDialog)
    onglet.releve.apercu.click()
    assert vus == ["Aperçu avant impression — Relevé de décisions — PL-2026-02"]


def test_pas_de_pv_avant_la_seance(qtbot, base, contexte, seance):
    with base.session_scope() as s:
        s.get(Seance, seance.seance_id).statut = StatutSeance.CONVOQUEE
    onglet = OngletDocuments(contexte)
    qtbot.addWidget(onglet)
    relier(contexte, onglet)
    onglet.afficher(seance.seance_id)
    assert onglet.pv.produire is None and "une fois la séance tenue" in onglet.pv.etat.text()
    assert not onglet.pv.apercu.isEnabled()
