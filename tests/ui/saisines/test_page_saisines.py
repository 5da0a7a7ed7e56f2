"""The Saisines page driven like a user: the register and its filters, a referral registered by keyboard with
Ctrl+N and its number, a deletion confirmed then undone under the same number, Ctrl+P."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy import select

from app.modeles import Saisine
from app.modeles.enumerations import CanalSaisine, StatutSaisine, ThemeEthique
from app.ui.comite.champs import COULEUR_ERREUR
from app.ui.fenetre_principale import PAGES, FenetrePrincipale
from app.ui.pages.saisines import PageSaisines
from app.ui.saisines.dialogue_saisine import DialogueNouvelleSaisine
from app.ui.saisines.registre import COLONNE_RETARD, ModeleSaisines
from tests.ui.annuaire.outils import CTRL, activer, cliquer, quand_modal, tab, taper
from tests.ui.saisines.conftest import SECRETAIRE, choisir, numeros, ouvrir, statut

S = StatutSaisine


def test_le_registre_ses_echeances_ses_retards_et_ses_filtres(qtbot, base, comite, qtmodeltester):
    page = ouvrir(qtbot, base)
    assert numeros(page) == ["SAI-2026-004", "SAI-2026-003", "SAI-2026-002", "SAI-2026-001", "SAI-2025-001"]
    assert page.compte.text() == "5 saisines"
    assert page.detail is not None and page.detail.numero == "SAI-2026-001"  # the late one, first thing seen
    ligne = numeros(page).index("SAI-2026-001")
    assert [page.proxy.index(ligne, c).data() for c in range(9)] == [
        "SAI-2026-001",
        "20/02/2026",
        "Travailleur social",
        "Courriel",
        "Consentement",
        "Reçue",
        "Accusé de réception\u00a0: 27/02/2026",
        "3\u00a0jours",
        "",
    ]
    retard = page.proxy.index(ligne, COLONNE_RETARD)
    assert retard.data(Qt.ItemDataRole.ForegroundRole).color().name().lower() == COULEUR_ERREUR.lower()
    assert isinstance(retard.data(Qt.ItemDataRole.FontRole), QFont) and retard.data(Qt.ItemDataRole.FontRole).bold()
    assert "En retard de 3\u00a0jours sur l'échéance de l'accusé de réception" in retard.data(
        Qt.ItemDataRole.ToolTipRole
    )
    recevable = numeros(page).index("SAI-2026-003")
    assert page.proxy.index(recevable, 6).data() == "Avis\u00a0: 11/05/2026"  # 90 days after 10 February
    assert page.proxy.index(recevable, COLONNE_RETARD).data(Qt.ItemDataRole.ForegroundRole) is None
    assert "avis en retard" not in page.etat.text() and "accusé de réception en retard de 3" in page.etat.text()

    page.filtre_annee.setCurrentIndex(page.filtre_annee.findText("2025"))
    assert numeros(page) == ["SAI-2025-001"] and page.compte.text() == "1 saisine sur 5"
    page.filtre_annee.setCurrentIndex(0)
    page.filtre_statut.setCurrentIndex(page.filtre_statut.findText("En cours"))
    assert "SAI-2025-001" not in numeros(page) and len(numeros(page)) == 4
    page.filtre_statut.setCurrentIndex(page.filtre_statut.findText("Recevable"))
    assert numeros(page) == ["SAI-2026-003"]
    page.filtre_statut.setCurrentIndex(0)
    page.rechercher()
    assert page.recherche.hasFocus()
    taper(qtbot, page.recherche, "secret")  # a theme, accents and case ignored
    assert numeros(page) == ["SAI-2026-003"]
    page.recherche.clear()
    taper(qtbot, page.recherche, "2026-002")
    assert numeros(page) == ["SAI-2026-002"] and page.detail is not None and page.detail.numero == "SAI-2026-002"
    page.recherche.clear()

    page.vue.sortByColumn(6, Qt.SortOrder.AscendingOrder)  # by the due date, not its text
    assert numeros(page)[:2] == ["SAI-2026-001", "SAI-2026-004"]
    qtmodeltester.check(page.modele)
    qtmodeltester.check(page.proxy)


def test_le_modele_du_registre_sans_fenetre(qtmodeltester, base, comite):
    from app.services.saisines_lecture import lire_saisines

    with base.session_scope() as s:
        lignes = lire_saisines(s, dt.date(2026, 3, 2))
    modele = ModeleSaisines()
    modele.definir(lignes)
    assert modele.rowCount() == 5 and modele.columnCount() == 9
    assert [modele.headerData(c, Qt.Orientation.Horizontal) for c in range(9)] == [
        "Numéro",
        "Reçue le",
        "Demandeur",
        "Canal",
        "Thèmes",
        "Statut",
        "Échéance",
        "Retard",
        "HCTS",
    ]
    qtmodeltester.check(modele)
    modele.definir([])
    qtmodeltester.check(modele)


def test_ctrl_n_dans_la_page_ouvre_une_nouvelle_saisine_et_pas_une_nouvelle_base(qtbot, base, comite):
    fenetre = FenetrePrincipale(base)
    fenetre.memoriser_en_quittant = False
    qtbot.addWidget(fenetre)
    fenetre.show()
    fenetre.navigation.setCurrentRow([e.titre for e in PAGES].index("Saisines"))
    page = fenetre.page_courante()
    assert isinstance(page, PageSaisines)
    fenetre.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is fenetre)
    page.vue.setFocus()
    vus: list[QWidget] = []
    quand_modal(lambda _d: None, vus, QDialog)
    qtbot.keyClick(page.vue, Qt.Key.Key_N, CTRL)
    assert len(vus) == 1 and isinstance(vus[0], DialogueNouvelleSaisine)


def test_enregistrer_une_saisine_au_clavier_son_numero_puis_annuler_et_retablir(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    pile = page.contexte.pile
    vus: list[QWidget] = []

    def remplir(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueNouvelleSaisine)
        assert dialogue.focusWidget() is dialogue.recue_le and dialogue.par.text() == SECRETAIRE
        assert "SAI-2026-005" in dialogue.bouton_ok.toolTip()  # 2026's next number, not yet taken
        suivant: QWidget = dialogue.recue_le
        for _section in ("jour", "mois", "année"):  # Tab goes through the date's sections, then on
            suivant = tab(qtbot, suivant)
        assert suivant is dialogue.canal
        qtbot.keyClick(dialogue.canal, Qt.Key.Key_Down)  # Courrier → Courriel
        qtbot.keyClick(dialogue.canal, Qt.Key.Key_Tab)
        assert dialogue.focusWidget() is dialogue.type_demandeur
        qtbot.keyClick(dialogue.type_demandeur, Qt.Key.Key_Tab)
        premier = dialogue.themes.cases[ThemeEthique.PARTAGE_INFORMATIONS]
        assert dialogue.focusWidget() is premier
        qtbot.keyClick(premier, Qt.Key.Key_Space)
        qtbot.keyClick(premier, Qt.Key.Key_Return)  # the default button: « Enregistrer la saisine »

    quand_modal(remplir, vus, DialogueNouvelleSaisine)
    page.vue.setFocus()
    qtbot.keyClick(page.vue, Qt.Key.Key_N, CTRL)
    assert len(vus) == 1 and vus[0].result() == QDialog.DialogCode.Accepted
    with base.session_scope() as s:
        creee = s.scalar(select(Saisine).where(Saisine.numero == "SAI-2026-005"))
        assert creee is not None
        assert (creee.recue_le, creee.canal, creee.statut, creee.enregistree_par) == (
            dt.date(2026, 3, 2),
            CanalSaisine.COURRIEL,
            S.RECUE,
            SECRETAIRE,
        )
        assert [t.theme for t in creee.themes] == [ThemeEthique.PARTAGE_INFORMATIONS]
        creee_id = creee.id
    assert page.detail is not None and page.detail.numero == "SAI-2026-005" and page.compte.text() == "6 saisines"
    assert pile.undoText() == "Enregistrer la saisine SAI-2026-005"
    pile.undo()
    assert statut(base, creee_id) is None and page.compte.text() == "5 saisines"
    pile.redo()  # the same referral, same id and number
    with base.session_scope() as s:
        assert s.get(Saisine, creee_id).numero == "SAI-2026-005"
    pile.undo()
    assert statut(base, creee_id) is None


def test_supprimer_avec_confirmation_refuser_et_annuler_sous_le_meme_numero(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    pile = page.contexte.pile
    vus: list[QWidget] = []
    textes: list[str] = []
    choisir(page, comite, "SAI-2026-003")
    assert "elle reste au registre" in page.bouton_supprimer.toolTip()
    quand_modal(lambda _boite: None, vus, textes=textes)
    page.supprimer()  # recevable: refused, and the reason is shown
    assert "SAI-2026-003 est « recevable » : elle reste au registre" in textes[-1]
    assert statut(base, comite["SAI-2026-003"]) is S.RECEVABLE

    choisir(page, comite, "SAI-2026-002")
    quand_modal(cliquer("Annuler"), vus, textes=textes)
    page.supprimer()
    assert "Supprimer la saisine SAI-2026-002 reçue le 23 février 2026 ?" in textes[-1]
    assert statut(base, comite["SAI-2026-002"]) is S.ACCUSEE
    quand_modal(cliquer("Supprimer"), vus, textes=textes)
    activer(qtbot, page.vue)
    qtbot.keyClick(page.vue, Qt.Key.Key_Delete)
    assert statut(base, comite["SAI-2026-002"]) is None and "SAI-2026-002" not in numeros(page)
    pile.undo()
    with base.session_scope() as s:
        remise = s.get(Saisine, comite["SAI-2026-002"])
        assert remise is not None and (remise.numero, remise.statut) == ("SAI-2026-002", S.ACCUSEE)
        assert len(remise.transitions) == 2
    pile.redo()
    assert statut(base, comite["SAI-2026-002"]) is None
    pile.undo()
    assert "SAI-2026-002" in numeros(page)


def test_ctrl_p_imprime_le_dossier_hcts_une_fois_l_anonymisation_validee(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    choisir(page, comite, "SAI-2026-003")
    assert not page.imprimer()  # not validated yet: nothing to print
    choisir(page, comite, "SAI-2026-004")
    vus: list[QWidget] = []
    quand_modal(lambda apercu: apercu.reject(), vus, QPrintPreviewDialog)
    assert page.imprimer()
    assert [v.windowTitle() for v in vus] == ["Aperçu avant impression — Dossier pour le HCTS — SAI-2026-004"]


def test_seul_l_onglet_demandeur_lit_l_identite_du_demandeur():
    from pathlib import Path

    import app.ui

    racine = Path(app.ui.__file__).parent
    lecteurs = sorted(
        str(chemin.relative_to(racine))
        for chemin in racine.rglob("*.py")
        if "services.demandeurs" in (texte := chemin.read_text(encoding="utf-8"))
        or "services import demandeurs" in texte
    )
    assert lecteurs == ["saisines/demandeur.py"]


def test_ctrl_p_sans_dossier_a_imprimer_le_dit_dans_la_barre_d_etat(qtbot, base, comite):
    from app.ui.fenetre_principale import PAGES, FenetrePrincipale

    fenetre = FenetrePrincipale(base)
    fenetre.memoriser_en_quittant = False
    qtbot.addWidget(fenetre)
    fenetre.navigation.setCurrentRow([e.titre for e in PAGES].index("Saisines"))
    page = fenetre.page_courante()
    assert isinstance(page, PageSaisines)
    choisir(page, comite, "SAI-2026-001")  # not validated: no HCTS file yet
    fenetre.imprimer()
    assert "une fois l'anonymisation de la saisine choisie validée" in fenetre.statusBar().currentMessage()
