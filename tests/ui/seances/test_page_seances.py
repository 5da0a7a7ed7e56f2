"""The Séances page driven like a user: filters and search, a new meeting with Ctrl+N, an edit refused then
saved, deletions refused and accepted, the workflow (a late convocation asks for its reason), a second
convocation after a missed quorum, the approval of minutes; each undone with the context's undo stack."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.modeles import PointOrdreDuJour, Seance
from app.modeles.enumerations import EtatPresence, NaturePoint, StatutSeance, TypeInstance
from app.services import ordre_du_jour
from app.services.ordre_du_jour import FichePoint
from app.ui.annuaire.formulaire import date_de
from app.ui.annuaire.tableaux import selectionner
from app.ui.contexte import Contexte
from app.ui.fenetre_principale import PAGES, FenetrePrincipale
from app.ui.pages.seances import PageSeances
from app.ui.seances.dialogue_seance import DialogueSeance
from app.ui.seances.dialogues_statut import (
    MOTIF_OBLIGATOIRE,
    DialogueApprobation,
    DialogueMotifUrgence,
    DialogueSecondeConvocation,
)
from tests.services.fabrique import Fabrique
from tests.ui.annuaire.outils import CTRL, activer, cliquer, quand_modal, taper

AUJOURDHUI = dt.date(2026, 3, 2)  # a Monday
QUESTION = "Madame Dupont, suivie par le CCAS de Valence, refuse que son dossier soit transmis."


def construire(session: Session) -> dict[str, int]:
    """Two instances, four plenary titulaires, six meetings (by date):

    BU-2025-03 cancelled; PL-2025-04 held without quorum (1 of 4); PL-2026-01 held with quorum (3 of 4);
    PL-2026-02 planned in 3 days (7 days' notice: late), two items, one on referral SAI-2026-001;
    BU-2026-01 planned, no place; BU-2026-02 planned in six weeks, 9 h 30 – 10 h 30, no agenda.
    """
    f = Fabrique(session)
    bureau = f.instance("Bureau", TypeInstance.BUREAU)
    pleniere = f.instance("Assemblée plénière")
    bureau.ordre, pleniere.ordre, pleniere.delai_convocation_jours = 1, 2, 7
    college = f.college("Travailleurs sociaux")
    anne, bruno, chloe, _david = f.titulaires(pleniere, college, "Martin", "Petit", "Durand", "Roux")
    annulee = f.seance(bureau, dt.date(2025, 11, 20), statut=StatutSeance.ANNULEE, reference="BU-2025-03")
    sans_quorum = f.seance(pleniere, dt.date(2025, 12, 4), reference="PL-2025-04")
    f.presence(sans_quorum, anne, EtatPresence.PRESENT)
    avec_quorum = f.seance(pleniere, dt.date(2026, 2, 5), reference="PL-2026-01")
    f.presences(avec_quorum, [(p, EtatPresence.PRESENT) for p in (anne, bruno, chloe)])
    a_venir = f.seance(pleniere, dt.date(2026, 3, 5), statut=StatutSeance.PLANIFIEE, reference="PL-2026-02")
    sans_lieu = f.seance(bureau, dt.date(2026, 4, 2), statut=StatutSeance.PLANIFIEE, reference="BU-2026-01")
    a_temps = f.seance(bureau, dt.date(2026, 4, 16), statut=StatutSeance.PLANIFIEE, reference="BU-2026-02")
    for seance in (sans_quorum, avec_quorum, a_venir):
        seance.lieu, seance.heure_debut, seance.heure_fin = "Hôtel du département", dt.time(14), dt.time(16, 30)
    a_temps.lieu, a_temps.heure_debut, a_temps.heure_fin = "Salle 3", dt.time(9, 30), dt.time(10, 30)
    saisine = f.saisine(dt.date(2026, 1, 10))
    saisine.question = QUESTION
    recommandation = f.recommandation()
    session.flush()
    ordre_du_jour.ajouter_point(session, FichePoint(0, sans_quorum.id, "Bilan", NaturePoint.DEBAT, duree_minutes=30))
    ordre_du_jour.ajouter_point(
        session, FichePoint(0, avec_quorum.id, "Avis sur le schéma", NaturePoint.AVIS, resume="Présenté.")
    )
    ordre_du_jour.ajouter_point(session, FichePoint(0, a_venir.id, "Accueil", duree_minutes=15))
    ordre_du_jour.ajouter_point(
        session, FichePoint(0, a_venir.id, "Examen", NaturePoint.SAISINE, duree_minutes=45, saisine_id=saisine.id)
    )
    return {
        "BU-2025-03": annulee.id,
        "PL-2025-04": sans_quorum.id,
        "PL-2026-01": avec_quorum.id,
        "PL-2026-02": a_venir.id,
        "BU-2026-01": sans_lieu.id,
        "BU-2026-02": a_temps.id,
        "pleniere": pleniere.id,
        "bureau": bureau.id,
        "anne": anne.id,
        "saisine": saisine.id,
        "recommandation": recommandation.id,
    }


@pytest.fixture
def comite(base, monkeypatch) -> dict[str, int]:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", AUJOURDHUI.isoformat())
    with base.session_scope() as s:
        return construire(s)


def ouvrir(qtbot, base) -> PageSeances:
    page = PageSeances(Contexte(base))
    qtbot.addWidget(page)
    page.resize(1166, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page


def references(page: PageSeances) -> list[str]:
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def choisir(page: PageSeances, comite: dict[str, int], reference: str) -> None:
    assert selectionner(page.vue, page.proxy, comite[reference])
    assert page.seance() is not None and page.seance().reference == reference


def en_base(base, seance_id: int) -> tuple[StatutSeance, dt.date | None, str] | None:
    with base.session_scope() as s:
        seance = s.get(Seance, seance_id)
        return None if seance is None else (seance.statut, seance.convocation_envoyee_le, seance.motif_urgence)


def statuts_offerts(page: PageSeances) -> list[str]:
    return [b.text().replace("&", "") for b in page.boutons_statut.values() if not b.isHidden()]


class Espion(QWidget):
    """A tab added by another screen: it records what the page tells it."""

    def __init__(self) -> None:
        super().__init__()
        self.vus: list[int | None] = []

    def afficher(self, seance_id: int | None) -> None:
        self.vus.append(seance_id)

    def imprimer(self) -> bool:
        return True


def test_filtres_recherche_tri_par_date_et_onglets(qtbot, base, comite, qtmodeltester):
    page = ouvrir(qtbot, base)
    assert page.compte.text() == "6 séances" and page.separateur.objectName() == "separateur_seances"
    assert page.seance_selectionnee() == comite["PL-2026-02"]  # the next meeting to come
    assert references(page) == ["BU-2025-03", "PL-2025-04", "PL-2026-01", "PL-2026-02", "BU-2026-01", "BU-2026-02"]
    ligne = references(page).index("PL-2026-02")
    assert [page.proxy.index(ligne, c).data() for c in range(7)] == [
        "PL-2026-02",
        "Assemblée plénière",
        "5 mars 2026",
        "14\u00a0h – 16\u00a0h\u00a030",
        "Hôtel du département",
        "Planifiée",
        "à envoyer",
    ]
    assert "au plus tard le 26 février 2026" in page.proxy.index(ligne, 6).data(Qt.ItemDataRole.ToolTipRole)
    page.vue.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # by the date, not its text (« 20 novembre » < « 4 »)
    assert references(page)[-2:] == ["PL-2025-04", "BU-2025-03"]
    page.vue.sortByColumn(2, Qt.SortOrder.AscendingOrder)

    page.filtre_instance.setCurrentIndex(page.filtre_instance.findText("Bureau"))
    assert references(page) == ["BU-2025-03", "BU-2026-01", "BU-2026-02"] and page.compte.text() == "3 séances sur 6"
    choisie = page.seance()  # PL-2026-02 is hidden: no longer the one shown below
    assert choisie is None or choisie.reference in references(page)
    assert (page.resume.seance.id if page.resume.seance else None) == page.seance_selectionnee()
    page.filtre_annee.setCurrentIndex(page.filtre_annee.findText("2026"))
    assert references(page) == ["BU-2026-01", "BU-2026-02"]
    page.filtre_instance.setCurrentIndex(0)
    page.filtre_annee.setCurrentIndex(0)
    page.filtre_statut.setCurrentIndex(page.filtre_statut.findText("Tenue"))
    assert references(page) == ["PL-2025-04", "PL-2026-01"]
    page.filtre_statut.setCurrentIndex(0)

    page.rechercher()  # Ctrl+F
    assert page.recherche.hasFocus()
    taper(qtbot, page.recherche, "SAI-2026-001")  # a referral on its agenda, by number
    assert references(page) == ["PL-2026-02"] and page.compte.text() == "1 séance sur 6"
    page.recherche.clear()
    taper(qtbot, page.recherche, "hotel fevrier")  # accents and case do not matter
    assert references(page) == ["PL-2026-01"]
    page.recherche.clear()

    espion = Espion()
    page.ajouter_onglet(espion, "Espion")
    assert page.onglets.tabText(page.onglets.count() - 1) == "Espion"
    choisir(page, comite, "PL-2026-01")
    assert page.seance_selectionnee() == comite["PL-2026-01"]
    assert espion.vus[-1] == comite["PL-2026-01"] and page.ordre_du_jour.seance_id == comite["PL-2026-01"]
    avant = len(espion.vus)
    page.contexte.donnees_modifiees.emit()  # an edit somewhere, an undo, a redo: every tab reads again
    assert espion.vus[avant:] == [comite["PL-2026-01"]] and page.seance_selectionnee() == comite["PL-2026-01"]
    assert page.resume.valeurs["Présences"].text() == (
        "3 présents, 1 absent sur 4 sièges attendus ; quorum atteint (2 requis)"
    )
    # Ctrl+P on a tab that prints nothing: the preview of the document of the moment (held: the minutes).
    vus: list[QWidget] = []
    quand_modal(lambda apercu: apercu.reject(), vus, QPrintPreviewDialog)
    assert page.imprimer()
    assert [v.windowTitle() for v in vus] == ["Aperçu avant impression — Procès-verbal — PL-2026-01"]
    page.onglets.setCurrentWidget(espion)
    assert page.imprimer()  # the current tab prints
    page.vue.clearSelection()
    assert espion.vus[-1] is None
    qtmodeltester.check(page.modele)
    qtmodeltester.check(page.proxy)


def test_ctrl_n_dans_la_page_ouvre_une_nouvelle_seance_et_pas_une_nouvelle_base(qtbot, base, comite):
    fenetre = FenetrePrincipale(base)
    fenetre.memoriser_en_quittant = False
    qtbot.addWidget(fenetre)
    fenetre.show()
    fenetre.navigation.setCurrentRow([e.titre for e in PAGES].index("Séances"))
    page = fenetre.page_courante()
    assert isinstance(page, PageSeances)
    fenetre.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is fenetre)
    page.vue.setFocus()
    vus: list[QWidget] = []
    quand_modal(lambda _d: None, vus, QDialog)  # whatever opens is closed: a file dialog would be the bug
    qtbot.keyClick(page.vue, Qt.Key.Key_N, CTRL)
    assert len(vus) == 1 and isinstance(vus[0], DialogueSeance)


def test_creer_modifier_supprimer_et_annuler(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    pile = page.contexte.pile
    vus: list[QWidget] = []

    def nouvelle(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueSeance) and dialogue.focusWidget() is dialogue.instance
        assert dialogue.instance.currentText() == "Assemblée plénière"  # the plenary by default
        assert dialogue.reference.placeholderText() == "PL-2026-03 (automatique)"
        assert date_de(dialogue.date) == dt.date(2026, 3, 19)  # a Thursday, notice and a week ahead
        assert (dialogue.debut.valeur(), dialogue.fin.valeur()) == (dt.time(14), dt.time(16, 30))
        assert dialogue.format.currentText() == "Présentiel"
        assert dialogue.lieu.text() == "Hôtel du département"  # where the plenary last met
        assert dialogue.date.calendarPopup() and dialogue.date.displayFormat() == "dd/MM/yyyy"
        dialogue.instance.setCurrentIndex(dialogue.instance.findText("Bureau"))
        assert dialogue.reference.placeholderText() == "BU-2026-03 (automatique)" and dialogue.lieu.text() == "Salle 3"
        dialogue.instance.setCurrentIndex(dialogue.instance.findText("Assemblée plénière"))
        dialogue.lieu.clear()
        taper(qtbot, dialogue.lieu, "Salle des fêtes")
        dialogue.accept()

    quand_modal(nouvelle, vus, DialogueSeance)
    page.vue.setFocus()
    qtbot.keyClick(page.vue, Qt.Key.Key_N, CTRL)  # inside the page, Ctrl+N is a new meeting
    assert len(vus) == 1 and vus[0].result() == QDialog.DialogCode.Accepted
    with base.session_scope() as s:
        creee = s.scalar(select(Seance).where(Seance.reference == "PL-2026-03"))
        assert creee is not None and creee.lieu == "Salle des fêtes" and creee.heure_fin == dt.time(16, 30)
        creee_id = creee.id
    assert page.seance_selectionnee() == creee_id and page.compte.text() == "7 séances"
    assert pile.undoText() == "Ajouter la séance PL-2026-03"
    pile.undo()
    assert en_base(base, creee_id) is None and page.compte.text() == "6 séances"
    pile.redo()
    assert en_base(base, creee_id) == (StatutSeance.PLANIFIEE, None, "")  # back under its own id
    pile.undo()

    choisir(page, comite, "PL-2026-02")
    dialogue = page.dialogue(page.seance())
    qtbot.addWidget(dialogue)
    dialogue.fin.champ.setTime(QTime(13, 0))
    dialogue.lieu.setText("Salle du conseil")
    dialogue.accept()  # refused: the end must follow the start; nothing is written
    assert dialogue.result() != QDialog.DialogCode.Accepted
    assert "L'heure de fin doit suivre" in dialogue.messages["heure_fin"].text()
    with base.session_scope() as s:
        assert s.get(Seance, comite["PL-2026-02"]).lieu == "Hôtel du département"
    dialogue.fin.case.setChecked(False)  # no end time
    dialogue.date.setDate(QDate(2026, 3, 12))
    dialogue.accept()
    assert dialogue.result() == QDialog.DialogCode.Accepted
    with base.session_scope() as s:
        seance = s.get(Seance, comite["PL-2026-02"])
        assert (seance.lieu, seance.heure_fin, seance.date) == ("Salle du conseil", None, dt.date(2026, 3, 12))
    assert page.resume.valeurs["Horaire"].text() == "à partir de 14\u00a0h"
    pile.undo()
    with base.session_scope() as s:
        seance = s.get(Seance, comite["PL-2026-02"])
        remis = ("Hôtel du département", dt.time(16, 30), dt.date(2026, 3, 5))
        assert (seance.lieu, seance.heure_fin, seance.date) == remis

    textes: list[str] = []
    choisir(page, comite, "PL-2026-01")
    assert not page.bouton_supprimer.isEnabled()  # held: part of the committee's history
    choisir(page, comite, "PL-2026-02")
    quand_modal(cliquer("Annuler"), vus, textes=textes)  # asks first; « Annuler » keeps it
    page.supprimer()
    assert en_base(base, comite["PL-2026-02"]) is not None
    quand_modal(cliquer("Supprimer"), vus, textes=textes)
    activer(qtbot, page.vue)
    qtbot.keyClick(page.vue, Qt.Key.Key_Delete)
    assert len(textes) == 2
    assert "Supprimer la séance PL-2026-02 du 5 mars 2026 et son ordre du jour (2 points) ?" in textes[-1]
    assert en_base(base, comite["PL-2026-02"]) is None and page.compte.text() == "5 séances"
    pile.undo()  # the meeting under its own id, with its agenda
    with base.session_scope() as s:
        points = s.scalars(select(PointOrdreDuJour.titre).where(PointOrdreDuJour.seance_id == comite["PL-2026-02"]))
        assert list(points) == ["Accueil", "Examen"]
    pile.redo()
    assert en_base(base, comite["PL-2026-02"]) is None
    pile.undo()
    assert en_base(base, comite["PL-2026-02"]) == (StatutSeance.PLANIFIEE, None, "")


def test_refus_de_supprimer_une_seance_tenue(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    choisir(page, comite, "PL-2026-01")
    vus: list[QWidget] = []
    textes: list[str] = []
    quand_modal(lambda _boite: None, vus, textes=textes)
    page.supprimer()
    assert textes and "elle fait partie de l'histoire du comité" in textes[0]
    assert en_base(base, comite["PL-2026-01"]) == (StatutSeance.TENUE, None, "")


def test_convoquer_en_retard_demande_un_motif_puis_le_garde(qtbot, base, comite, monkeypatch):
    page = ouvrir(qtbot, base)
    pile = page.contexte.pile
    choisir(page, comite, "PL-2026-02")
    assert statuts_offerts(page) == ["Convoquer…", "Annuler la séance", "Reporter"]
    vus: list[QWidget] = []

    def motif(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueMotifUrgence) and dialogue.focusWidget() is dialogue.motif
        explication = " ".join(label.text() for label in dialogue.findChildren(QLabel))
        assert "part 3 jours avant la séance" in explication and "est de 7 jours" in explication
        dialogue.accept()  # an empty reason is refused, under the field
        assert dialogue.isVisible() and dialogue.messages["motif_urgence"].text() == f"⚠ {MOTIF_OBLIGATOIRE}"
        assert en_base(base, comite["PL-2026-02"]) == (StatutSeance.PLANIFIEE, None, "")
        taper(qtbot, dialogue.motif, "Avis demandé par le HCTS avant le 10 mars")
        dialogue.accept()

    quand_modal(motif, vus, DialogueMotifUrgence)
    page.boutons_statut[StatutSeance.CONVOQUEE].click()
    assert len(vus) == 1
    attendu = (StatutSeance.CONVOQUEE, AUJOURDHUI, "Avis demandé par le HCTS avant le 10 mars")
    assert en_base(base, comite["PL-2026-02"]) == attendu
    ligne = references(page).index("PL-2026-02")
    assert page.proxy.index(ligne, 6).data() == "envoyée le 02/03/2026 (urgence)"
    assert page.resume.valeurs["Motif de l'urgence"].text() == attendu[2]
    assert statuts_offerts(page) == ["Marquer tenue", "Annuler la séance", "Reporter"]
    assert not page.boutons_statut[StatutSeance.TENUE].isEnabled()  # not before the day
    pile.undo()
    assert en_base(base, comite["PL-2026-02"]) == (StatutSeance.PLANIFIEE, None, "")
    pile.redo()

    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-03-05")  # the day of the meeting
    page.rafraichir()
    page.boutons_statut[StatutSeance.TENUE].click()
    assert en_base(base, comite["PL-2026-02"])[0] is StatutSeance.TENUE
    assert statuts_offerts(page) == ["Clôturer"]
    page.boutons_statut[StatutSeance.CLOTUREE].click()
    assert en_base(base, comite["PL-2026-02"])[0] is StatutSeance.CLOTUREE and statuts_offerts(page) == []
    pile.undo()
    pile.undo()
    assert en_base(base, comite["PL-2026-02"]) == attendu


def test_convoquer_a_temps_reporter_replanifier_annuler(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    pile = page.contexte.pile
    vus: list[QWidget] = []
    textes: list[str] = []
    choisir(page, comite, "BU-2026-01")
    quand_modal(lambda _boite: None, vus, textes=textes)
    page.boutons_statut[StatutSeance.CONVOQUEE].click()  # refused: no place yet
    assert "Indiquez le lieu de BU-2026-01" in textes[-1]
    assert en_base(base, comite["BU-2026-01"]) == (StatutSeance.PLANIFIEE, None, "")

    choisir(page, comite, "BU-2026-02")
    page.boutons_statut[StatutSeance.CONVOQUEE].click()  # in time: no question asked
    assert en_base(base, comite["BU-2026-02"]) == (StatutSeance.CONVOQUEE, AUJOURDHUI, "")
    page.boutons_statut[StatutSeance.REPORTEE].click()
    assert statuts_offerts(page) == ["Replanifier"]
    page.boutons_statut[StatutSeance.PLANIFIEE].click()  # to be convened again, for its new date
    assert en_base(base, comite["BU-2026-02"]) == (StatutSeance.PLANIFIEE, None, "")
    pile.undo()
    pile.undo()
    assert en_base(base, comite["BU-2026-02"]) == (StatutSeance.CONVOQUEE, AUJOURDHUI, "")

    quand_modal(cliquer("Garder la séance"), vus, textes=textes)
    page.boutons_statut[StatutSeance.ANNULEE].click()
    assert "Annuler la séance BU-2026-02 du 16 avril 2026 ?" in textes[-1]
    assert en_base(base, comite["BU-2026-02"])[0] is StatutSeance.CONVOQUEE
    quand_modal(cliquer("Annuler la séance"), vus, textes=textes)
    page.boutons_statut[StatutSeance.ANNULEE].click()
    assert en_base(base, comite["BU-2026-02"])[0] is StatutSeance.ANNULEE and statuts_offerts(page) == []
    assert pile.undoText() == "Annuler la séance BU-2026-02"


def test_seconde_convocation_apres_un_quorum_manque(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    pile = page.contexte.pile
    choisir(page, comite, "PL-2026-01")
    assert not page.bouton_seconde.isEnabled() and "quorum a été atteint" in page.bouton_seconde.toolTip()
    choisir(page, comite, "PL-2026-02")
    assert not page.bouton_seconde.isEnabled() and "n'est pas tenue" in page.bouton_seconde.toolTip()
    choisir(page, comite, "PL-2025-04")
    assert page.bouton_seconde.isEnabled()
    vus: list[QWidget] = []

    def seconde(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueSecondeConvocation) and dialogue.focusWidget() is dialogue.date
        assert dialogue.debut.valeur() == dt.time(14)
        dialogue.date.setDate(QDate(2026, 3, 26))
        dialogue.accept()

    quand_modal(seconde, vus, DialogueSecondeConvocation)
    page.bouton_seconde.click()
    with base.session_scope() as s:
        nouvelle = s.scalar(select(Seance).where(Seance.seconde_convocation_de_id == comite["PL-2025-04"]))
        assert nouvelle is not None and (nouvelle.reference, nouvelle.date) == ("PL-2026-03", dt.date(2026, 3, 26))
        assert [p.titre for p in nouvelle.points] == ["Bilan"] and nouvelle.heure_fin == dt.time(16, 30)
        nouvelle_id = nouvelle.id
    assert page.seance_selectionnee() == nouvelle_id
    assert "seconde convocation de PL-2025-04" in page.resume.valeurs["Statut"].text()
    choisir(page, comite, "PL-2025-04")
    assert not page.bouton_seconde.isEnabled() and "existe déjà : PL-2026-03" in page.bouton_seconde.toolTip()
    pile.undo()
    assert en_base(base, nouvelle_id) is None and page.bouton_seconde.isEnabled()


def test_approbation_du_proces_verbal(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    pile = page.contexte.pile
    choisir(page, comite, "PL-2026-01")
    assert not page.bouton_approbation.isEnabled()  # no held plenary after it yet
    assert "Aucune séance tenue de « Assemblée plénière » après le 5 février 2026" in page.bouton_approbation.toolTip()
    choisir(page, comite, "PL-2025-04")
    assert page.resume.valeurs["Procès-verbal"].text() == "projet, à approuver"
    vus: list[QWidget] = []

    def approuver(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueApprobation)
        combo = dialogue.approbatrice
        assert [combo.itemText(r) for r in range(combo.count())] == ["PL-2026-01 — séance du 5 février 2026"]
        dialogue.accept()

    quand_modal(approuver, vus, DialogueApprobation)
    page.bouton_approbation.click()
    with base.session_scope() as s:
        seance = s.get(Seance, comite["PL-2025-04"])
        assert (seance.pv_approuve_le, seance.pv_approuve_en_id) == (dt.date(2026, 2, 5), comite["PL-2026-01"])
    assert page.resume.valeurs["Procès-verbal"].text() == "approuvé le 5 février 2026 (séance PL-2026-01)"
    pile.undo()
    with base.session_scope() as s:
        assert s.get(Seance, comite["PL-2025-04"]).pv_approuve_le is None
    assert page.resume.valeurs["Procès-verbal"].text() == "projet, à approuver"
