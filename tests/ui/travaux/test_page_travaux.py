"""The « Travaux et diffusion » page driven like a user: the productions' table (its model checked by
qtmodeltester), filtered and searched; a production created with Ctrl+N and the keyboard, edited in its tab, its
diffusions added and edited, the production deleted after confirmation; the exchanges with the HCTS both ways,
an escalation kept for the Saisines page; each change undone with the context's undo stack."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy import select

from app.modeles import Diffusion, EchangeHcts, Production
from app.modeles.enumerations import CanalDiffusion, Mission, PublicDiffusion, SensEchange, TypeProduction
from app.services import pieces_jointes
from app.services.productions import ENTITE
from app.ui.annuaire.tableaux import selectionner
from app.ui.comite.champs import choisir_enum
from app.ui.pages.travaux import PageTravaux
from app.ui.travaux.diffusions import SANS_NOMBRE, DialogueDiffusion
from app.ui.travaux.echanges import DialogueEchange
from app.ui.travaux.production import DialogueProduction
from tests.ui.annuaire.outils import CTRL, activer, cliquer, quand_modal, taper
from tests.ui.travaux.conftest import Comite


def titres(page: PageTravaux) -> list[str]:
    return [page.proxy.index(r, 2).data() for r in range(page.proxy.rowCount())]


def choisir(page: PageTravaux, production_id: int) -> None:
    assert selectionner(page.vue, page.proxy, production_id)
    assert page.production_selectionnee() == production_id


def test_tableau_filtres_et_modele(qtbot, page: PageTravaux, comite: Comite, qtmodeltester):
    assert titres(page) == ["Journée d'étude", "Guide du premier accueil"]  # the latest on top, and chosen
    assert page.production_selectionnee() == comite.evenement
    assert page.compte.text() == "2 productions"
    assert [page.proxy.index(1, c).data() for c in range(7)] == [
        "01/10/2025",
        "Guide",
        "Guide du premier accueil",
        Mission.PROJETS_OPERATIONNELS.libelle,
        "Groupe de travail accueil",
        "2",
        "40 et plus",  # one diffusion's number is not known
    ]
    page.filtre_annee.setCurrentIndex(page.filtre_annee.findData(2025))
    assert titres(page) == ["Guide du premier accueil"] and page.compte.text() == "1 production sur 2"
    page.filtre_annee.setCurrentIndex(0)
    page.filtre_type.setCurrentIndex(page.filtre_type.findData(TypeProduction.EVENEMENT.value))
    assert titres(page) == ["Journée d'étude"]
    page.filtre_type.setCurrentIndex(0)
    taper(qtbot, page.recherche, "accueil")
    assert titres(page) == ["Guide du premier accueil"]
    assert page.production_selectionnee() in (None, comite.guide)
    qtmodeltester.check(page.modele)
    qtmodeltester.check(page.proxy)
    qtmodeltester.check(page.diffusions.modele)
    qtmodeltester.check(page.echanges.modele)


def test_ctrl_n_cree_une_production_au_clavier_puis_l_annulation_la_retire(qtbot, base, page: PageTravaux, comite):
    pile = page.contexte.pile
    vus: list[QWidget] = []

    def nouvelle(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueProduction) and dialogue.focusWidget() is dialogue.champs.titre
        dialogue.accept()  # no title: refused under the field
        assert dialogue.isVisible() and dialogue.messages["titre"].text() == "⚠ Le titre est obligatoire."
        taper(qtbot, dialogue.champs.titre, "Diagnostic partagé des métiers")
        qtbot.keyClick(dialogue.champs.titre, Qt.Key.Key_Tab)  # to the date
        assert QApplication.focusWidget() is dialogue.champs.date
        qtbot.keyClicks(QApplication.focusWidget(), "14042026")  # JJ MM AAAA, section after section
        assert dialogue.champs.date.date() == QDate(2026, 4, 14)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # from the year, to the mission
        assert QApplication.focusWidget() is dialogue.champs.mission
        choisir_enum(dialogue.champs.mission, Mission.ANALYSE_PARTAGEE)
        choisir_enum(dialogue.champs.type, TypeProduction.DIAGNOSTIC_PARTAGE)
        dialogue.champs.instance.setCurrentIndex(dialogue.champs.instance.findData(comite.groupe))
        qtbot.keyClick(dialogue.champs.mission, Qt.Key.Key_Return)  # Entrée saves

    quand_modal(nouvelle, vus, DialogueProduction)
    page.vue.setFocus()
    qtbot.keyClick(page.vue, Qt.Key.Key_N, CTRL)
    assert len(vus) == 1 and vus[0].result() == QDialog.DialogCode.Accepted
    with base.session_scope() as s:
        creee = s.scalar(select(Production).where(Production.titre == "Diagnostic partagé des métiers"))
        assert creee is not None
        assert (creee.type, creee.mission, creee.instance_id, creee.date) == (
            TypeProduction.DIAGNOSTIC_PARTAGE,
            Mission.ANALYSE_PARTAGEE,
            comite.groupe,
            dt.date(2026, 4, 14),
        )
        identifiant = creee.id
    assert page.production_selectionnee() == identifiant  # shown and chosen
    assert page.production.champs.titre.text() == "Diagnostic partagé des métiers"
    pile.undo()
    with base.session_scope() as s:
        assert s.get(Production, identifiant) is None
    assert "Diagnostic partagé des métiers" not in titres(page)
    pile.redo()  # the same production again, under the same id
    with base.session_scope() as s:
        assert s.get(Production, identifiant) is not None


def test_modifier_dans_l_onglet_production(qtbot, base, page: PageTravaux, comite: Comite):
    choisir(page, comite.guide)
    onglet = page.production
    onglet.champs.titre.clear()
    onglet.bouton_enregistrer.click()
    assert onglet.messages["titre"].text() == "⚠ Le titre est obligatoire."
    taper(qtbot, onglet.champs.titre, "Guide révisé")
    onglet.champs.recommandation.setCurrentIndex(onglet.champs.recommandation.findData(comite.recommandation))
    assert page.modifications_en_cours() is False  # saved rather than lost
    with base.session_scope() as s:
        p = s.get(Production, comite.guide)
        assert p is not None and (p.titre, p.recommandation_id) == ("Guide révisé", comite.recommandation)
    assert not onglet.modifie() and onglet.messages["titre"].isHidden()
    page.contexte.pile.undo()
    with base.session_scope() as s:
        p = s.get(Production, comite.guide)
        assert p is not None and (p.titre, p.recommandation_id) == ("Guide du premier accueil", None)
    assert onglet.champs.titre.text() == "Guide du premier accueil"


def test_ajouter_puis_modifier_une_diffusion(qtbot, base, page: PageTravaux, comite: Comite):
    choisir(page, comite.evenement)
    onglet = page.diffusions
    page.onglets.setCurrentWidget(onglet)
    assert onglet.modele.rowCount() == 0 and onglet.total.text() == "Aucune diffusion"
    vus: list[QWidget] = []

    def ajouter(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueDiffusion) and dialogue.nombre.value() == SANS_NOMBRE
        choisir_enum(dialogue.canal, CanalDiffusion.REUNION)
        choisir_enum(dialogue.public, PublicDiffusion.ELUS)
        dialogue.date.setDate(QDate(2026, 3, 1))  # before the production: refused under the date
        dialogue.accept()
        assert dialogue.isVisible() and "précéder la production" in dialogue.messages["date"].text()
        dialogue.date.setDate(QDate(2026, 3, 10))
        dialogue.nombre.setValue(35)
        dialogue.accept()

    quand_modal(ajouter, vus, DialogueDiffusion)
    onglet.bouton_ajouter.click()
    assert vus[-1].result() == QDialog.DialogCode.Accepted
    with base.session_scope() as s:
        (d,) = s.scalars(select(Diffusion).where(Diffusion.production_id == comite.evenement))
        assert (d.canal, d.public, d.date, d.nombre_atteint) == (
            CanalDiffusion.REUNION,
            PublicDiffusion.ELUS,
            dt.date(2026, 3, 10),
            35,
        )
        diffusion_id = d.id
    assert onglet.total.text() == "1 diffusion · 35 personnes atteintes"
    assert page.proxy.index(0, 5).data() == "1" and page.proxy.index(0, 6).data() == "35"

    def modifier(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueDiffusion) and dialogue.nombre.value() == 35
        dialogue.nombre.setValue(SANS_NOMBRE)  # « Non connu »
        dialogue.accept()

    activer(qtbot, onglet.vue)
    selectionner(onglet.vue, onglet.proxy, diffusion_id)
    quand_modal(modifier, vus, DialogueDiffusion)
    qtbot.keyClick(onglet.vue, Qt.Key.Key_Return)
    with base.session_scope() as s:
        d = s.get(Diffusion, diffusion_id)
        assert d is not None and d.nombre_atteint is None
    assert onglet.proxy.index(0, 3).data() == "Non connu"
    page.contexte.pile.undo()
    with base.session_scope() as s:
        d = s.get(Diffusion, diffusion_id)
        assert d is not None and d.nombre_atteint == 35

    # Deleted after confirmation, and back with Ctrl+Z.
    activer(qtbot, onglet.vue)
    selectionner(onglet.vue, onglet.proxy, diffusion_id)
    quand_modal(cliquer("Supprimer"), vus)
    qtbot.keyClick(onglet.vue, Qt.Key.Key_Delete)
    with base.session_scope() as s:
        assert s.get(Diffusion, diffusion_id) is None
    page.contexte.pile.undo()
    with base.session_scope() as s:
        assert s.get(Diffusion, diffusion_id) is not None


def test_supprimer_une_production_apres_confirmation_et_l_annuler(qtbot, base, page: PageTravaux, comite: Comite):
    choisir(page, comite.guide)
    vus: list[QWidget] = []
    textes: list[str] = []
    quand_modal(cliquer("Annuler"), vus, textes=textes)
    page.bouton_supprimer.click()
    assert "« Guide du premier accueil » avec 2 diffusions" in textes[-1]
    with base.session_scope() as s:
        assert s.get(Production, comite.guide) is not None
    quand_modal(cliquer("Supprimer"), vus, textes=textes)
    activer(qtbot, page.vue)
    qtbot.keyClick(page.vue, Qt.Key.Key_Delete)
    with base.session_scope() as s:
        assert s.get(Production, comite.guide) is None
        assert s.scalars(select(Diffusion)).all() == []
    assert titres(page) == ["Journée d'étude"]
    page.contexte.pile.undo()
    with base.session_scope() as s:
        assert s.get(Production, comite.guide) is not None
        assert len(s.scalars(select(Diffusion)).all()) == 2
    assert titres(page) == ["Journée d'étude", "Guide du premier accueil"]


def test_echanges_avec_le_hcts_dans_les_deux_sens(qtbot, base, page: PageTravaux, comite: Comite):
    partie = page.echanges
    page.parties.setCurrentWidget(partie)
    assert partie.modele.rowCount() == 2
    assert partie.proxy.index(0, 4).data() == comite.saisine  # the escalation shows its referral's number
    vus: list[QWidget] = []

    def nouvel_envoi(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueEchange) and dialogue.focusWidget() is dialogue.objet
        choisir_enum(dialogue.sens, SensEchange.VERS_HCTS)
        taper(qtbot, dialogue.objet, "Rapport d'activité 2025")
        taper(qtbot, dialogue.document, "rapport-2025.pdf")
        dialogue.accept()

    quand_modal(nouvel_envoi, vus, DialogueEchange)
    activer(qtbot, partie.vue)
    qtbot.keyClick(partie.vue, Qt.Key.Key_N, CTRL)  # on this part, Ctrl+N is a new exchange
    assert vus[-1].result() == QDialog.DialogCode.Accepted

    def suite_recue(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueEchange) and dialogue.sens.isEnabled()
        taper(qtbot, dialogue.suite, "Présentée en plénière")
        dialogue.accept()

    activer(qtbot, partie.vue)
    selectionner(partie.vue, partie.proxy, comite.recu)
    quand_modal(suite_recue, vus, DialogueEchange)
    partie.bouton_modifier.click()
    with base.session_scope() as s:
        envoi = s.scalar(select(EchangeHcts).where(EchangeHcts.objet == "Rapport d'activité 2025"))
        assert envoi is not None and (envoi.sens, envoi.document) == (SensEchange.VERS_HCTS, "rapport-2025.pdf")
        recu = s.get(EchangeHcts, comite.recu)
        assert recu is not None and recu.suite_donnee == "Présentée en plénière"
        envoi_id = envoi.id
    assert "Présentée en plénière" in partie.detail.text()

    partie.filtre_sens.setCurrentIndex(partie.filtre_sens.findData(SensEchange.DEPUIS_HCTS.value))
    assert partie.proxy.rowCount() == 1 and partie.compte.text() == "1 échange sur 3"
    partie.filtre_sens.setCurrentIndex(0)

    # The escalation: its follow-up may be written, its date and direction not; it cannot be deleted here.
    selectionner(partie.vue, partie.proxy, comite.escalade)
    assert not partie.bouton_supprimer.isEnabled()
    textes: list[str] = []
    quand_modal(lambda _b: None, vus, textes=textes)
    partie.supprimer()
    assert comite.saisine in textes[-1] and "page Saisines" in textes[-1]
    dialogue = partie.dialogue_modification()
    assert dialogue is not None and not dialogue.sens.isEnabled() and not dialogue.date.isEnabled()
    with base.session_scope() as s:
        assert s.get(EchangeHcts, comite.escalade) is not None

    # An ordinary exchange is deleted after confirmation, and comes back with Ctrl+Z.
    activer(qtbot, partie.vue)
    selectionner(partie.vue, partie.proxy, envoi_id)
    quand_modal(cliquer("Supprimer"), vus)
    qtbot.keyClick(partie.vue, Qt.Key.Key_Delete)
    with base.session_scope() as s:
        assert s.get(EchangeHcts, envoi_id) is None
    page.contexte.pile.undo()
    with base.session_scope() as s:
        assert s.get(EchangeHcts, envoi_id) is not None


def test_joindre_le_fichier_d_une_production_et_l_annuler(qtbot, base, page: PageTravaux, comite: Comite, tmp_path):
    choisir(page, comite.guide)
    onglet = page.fichier
    page.onglets.setCurrentWidget(onglet)
    fichier = tmp_path / "guide-premier-accueil.pdf"
    fichier.write_bytes(b"%PDF-1.4 guide")
    piece = onglet.joindre_fichier(fichier)
    assert piece is not None and onglet.modele.rowCount() == 1
    assert onglet.proxy.index(0, 0).data() == "guide-premier-accueil.pdf"
    with base.session_scope() as s:
        assert [p.id for p in pieces_jointes.pieces_de(s, ENTITE, comite.guide)] == [piece.id]
    page.contexte.pile.undo()
    assert onglet.modele.rowCount() == 0
    with base.session_scope() as s:
        assert pieces_jointes.pieces_de(s, ENTITE, comite.guide) == []
