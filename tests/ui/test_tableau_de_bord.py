"""The dashboard page: its table models (without a window), its chart, and the page on real bases."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QImage

from app.format_fr import ESPACE_FINE
from app.modeles import Action
from app.modeles.enumerations import Qualite, StatutAction, StatutSeance
from app.services.demo import creer_demo
from app.services.indicateurs import Periode
from app.services.tableau_de_bord import (
    ActionDue,
    MandatFinissant,
    PresenceCollege,
    ProchaineSeance,
    SaisineEnRetard,
    SiegeSansTitulaire,
    TableauDeBord,
)
from app.ui.contexte import Contexte
from app.ui.pages.tableau_de_bord import (
    ROLE_TRI,
    DiagrammePresence,
    PageTableauDeBord,
    libelle_presence,
    modele_actions,
    modele_mandats,
    modele_saisines,
    modele_seances,
    modele_sieges,
)

T = dt.date(2026, 11, 22)


def j(jours: int) -> dt.date:
    return T + dt.timedelta(days=jours)


SEANCES = (
    ProchaineSeance(1, "BU-2026-07", "Bureau", j(9), StatutSeance.CONVOQUEE, j(1), j(-1), False),
    ProchaineSeance(2, "PL-2026-05", "Assemblée plénière", j(3), StatutSeance.PLANIFIEE, j(-2), None, True),
    ProchaineSeance(3, "PL-2027-01", "Assemblée plénière", j(81), StatutSeance.PLANIFIEE, j(66), None, False),
)
ACTIONS = (
    ActionDue(1, "Relancer les membres", "Anne Durand", j(-2), StatutAction.A_FAIRE, "BU-2026-06", -2),
    ActionDue(2, "Envoyer le compte rendu", None, T, StatutAction.EN_COURS, None, 0),
    ActionDue(3, "Préparer la note", "Luc Martin", j(10), StatutAction.A_FAIRE, None, 10),
)
SAISINES = (
    SaisineEnRetard(5, "SAI-2026-002", False, j(-81), 81),
    SaisineEnRetard(8, "SAI-2026-005", True, j(-2), 2),
)
MANDATS = (MandatFinissant(73, "Sylvie Besnard", "Groupe de travail", "Formation", Qualite.TITULAIRE, j(40), 40),)
SIEGES = (
    SiegeSansTitulaire("Assemblée plénière", "Personnalités qualifiées", False, "Françoise Noël", j(-175)),
    SiegeSansTitulaire("Assemblée plénière", "Élus", True, "Paul Roux", None),
)
COLLEGES = (
    PresenceCollege("Élus et décideurs", 54, 36, 1, 37 / 54),
    PresenceCollege("Collège sans siège", 0, 0, 0, None),
)


def etat_fictif(**remplacements: object) -> TableauDeBord:
    valeurs: dict[str, object] = {
        "aujourdhui": T,
        "prochaines_seances": SEANCES,
        "mandats_finissants": MANDATS,
        "sieges_sans_titulaire": SIEGES,
        "actions_dues": ACTIONS,
        "saisines_en_retard": SAISINES,
        "periode_presence": Periode(dt.date(2025, 11, 23), T),
        "seances_tenues_periode": 48,
        "presence_colleges": COLLEGES,
    }
    valeurs.update(remplacements)
    return TableauDeBord(**valeurs)  # type: ignore[arg-type]


def textes(modele) -> list[list[str]]:
    return [[modele.index(r, c).data() for c in range(modele.columnCount())] for r in range(modele.rowCount())]


# --- models, without a window -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fabrique", "lignes"),
    [
        (modele_seances, SEANCES),
        (modele_actions, ACTIONS),
        (modele_saisines, SAISINES),
        (modele_mandats, MANDATS),
        (modele_sieges, SIEGES),
    ],
)
def test_chaque_modele_passe_le_testeur_de_modeles(qtmodeltester, fabrique, lignes):
    modele = fabrique()
    qtmodeltester.check(modele)
    modele.definir(lignes)
    qtmodeltester.check(modele)
    assert modele.rowCount() == len(lignes)
    assert modele.rowCount(modele.index(0, 0)) == 0  # a list, not a tree
    assert all(isinstance(modele.headerData(c, Qt.Orientation.Horizontal), str) for c in range(modele.columnCount()))
    assert all(modele.index(0, c).data(Qt.ItemDataRole.ToolTipRole) for c in range(modele.columnCount()))
    modele.definir(())
    qtmodeltester.check(modele)
    assert modele.data(QModelIndex()) is None


def test_seances_dates_longues_et_convocation_en_retard_marquee_en_texte_et_en_couleur():
    modele = modele_seances()
    modele.definir(SEANCES)
    assert textes(modele) == [
        ["1er décembre 2026", "BU-2026-07 · Bureau", "Envoyée le 21 novembre 2026"],
        ["25 novembre 2026", "PL-2026-05 · Assemblée plénière", "⚠ Non envoyée, délai dépassé"],
        ["11 février 2027", "PL-2027-01 · Assemblée plénière", "À envoyer d'ici le 27 janvier 2027"],
    ]
    en_retard = modele.index(1, 0)
    assert en_retard.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert en_retard.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert modele.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert modele.index(2, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    assert "l'envoi devra être motivé par l'urgence" in en_retard.data(Qt.ItemDataRole.ToolTipRole)


def test_actions_suivi_en_mots_et_retards_marques():
    modele = modele_actions()
    modele.definir(ACTIONS)
    assert [ligne[3] for ligne in textes(modele)] == ["⚠ En retard de 2 jours", "Aujourd'hui", "Dans 10 jours"]
    assert [ligne[2] for ligne in textes(modele)] == ["Anne Durand", "—", "Luc Martin"]
    assert modele.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert modele.index(1, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    infobulle = modele.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "BU-2026-06" in infobulle and "Anne Durand" in infobulle and "20 novembre 2026" in infobulle


def test_saisines_toutes_en_retard_et_en_mots():
    modele = modele_saisines()
    modele.definir(SAISINES)
    assert textes(modele) == [
        ["SAI-2026-002", "Avis à transmettre", "2 septembre 2026", "⚠ En retard de 81 jours"],
        ["SAI-2026-005", "Accusé de réception", "20 novembre 2026", "⚠ En retard de 2 jours"],
    ]
    assert all(modele.index(r, 0).data(Qt.ItemDataRole.BackgroundRole) is not None for r in range(2))
    assert "7 jours" in modele.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_sieges_et_mandats_en_mots():
    sieges = modele_sieges()
    sieges.definir(SIEGES)
    assert textes(sieges) == [
        ["Assemblée plénière — Personnalités qualifiées", "Vacant (départ de Françoise Noël)", "31 mai 2026"],
        ["Assemblée plénière — Élus", "Suppléance de Paul Roux sans titulaire", "—"],
    ]
    mandats = modele_mandats()
    mandats.definir(MANDATS)
    assert textes(mandats) == [
        ["1er janvier 2027", "Sylvie Besnard", "Groupe de travail — Formation (titulaire)"],
    ]
    assert "dans 40 jours" in mandats.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_le_tri_suit_les_dates_et_non_l_ordre_alphabetique(qtbot):
    from app.ui.pages.tableau_de_bord import VueListe

    modele = modele_seances()
    vue = VueListe(modele, "Prochaines séances")
    qtbot.addWidget(vue)
    modele.definir(SEANCES)
    # Unsorted until asked: the service's order (by date) stands.
    assert [vue.model().index(r, 1).data() for r in range(3)] == [
        "BU-2026-07 · Bureau",
        "PL-2026-05 · Assemblée plénière",
        "PL-2027-01 · Assemblée plénière",
    ]
    vue.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    # Alphabetically « 1er décembre » < « 11 février » < « 25 novembre »; by date it is the other way round.
    assert [vue.model().index(r, 0).data() for r in range(3)] == [
        "25 novembre 2026",
        "1er décembre 2026",
        "11 février 2027",
    ]
    assert vue.model().index(0, 0).data(ROLE_TRI) == "2026-11-25"


# --- the chart ----------------------------------------------------------------------------------------------


def test_diagramme_taux_nul_en_tiret_et_texte_pour_les_lecteurs_d_ecran(qtbot):
    diagramme = DiagrammePresence()
    qtbot.addWidget(diagramme)
    diagramme.definir(COLLEGES)
    diagramme.resize(500, diagramme.sizeHint().height())
    image = diagramme.grab().toImage()
    assert not image.isNull() and image.height() >= 2 * 22
    assert diagramme.accessibleDescription().splitlines() == [
        f"Élus et décideurs : 68,5{ESPACE_FINE}% (37 sièges occupés, dont 1 par un suppléant, sur 54 attendus)",
        "Collège sans siège : — (aucun siège attendu sur la période)",
    ]
    assert diagramme._rang_a(3) == 0 and diagramme._rang_a(10_000) is None


def test_diagramme_dessine_une_barre_proportionnelle(qtbot):
    diagramme = DiagrammePresence()
    qtbot.addWidget(diagramme)
    diagramme.resize(600, 40)

    def pixels_de_barre(taux: float | None) -> int:
        diagramme.definir([PresenceCollege("A", 10, 0, 0, taux)])
        image: QImage = diagramme.grab().toImage()
        ligne = 2 + diagramme._hauteur_ligne() // 2  # the middle of the first bar
        return sum(1 for x in range(image.width()) if image.pixelColor(x, ligne).name() == "#4f7cac")

    vide, moitie, plein = pixels_de_barre(None), pixels_de_barre(0.5), pixels_de_barre(1.0)
    assert vide == 0
    assert plein > 100
    assert abs(moitie - plein / 2) <= 3
    assert (
        libelle_presence(PresenceCollege("A", 1, 1, 0, 1.0))
        == f"A : 100,0{ESPACE_FINE}% (1 siège occupé, sur 1 attendu)"
    )


# --- the page -----------------------------------------------------------------------------------------------


@pytest.fixture
def page_demo(qtbot, base, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-11-22")
    creer_demo(base)
    contexte = Contexte(base)
    page = PageTableauDeBord(contexte)
    qtbot.addWidget(page)
    page.rafraichir()
    return page


def test_page_sur_la_base_de_demonstration(page_demo):
    page = page_demo
    assert page.titre == "Tableau de bord"
    assert page.date_du_jour.text() == "Situation au 22 novembre 2026"
    assert (page.carte_seances.nombre.text(), page.carte_seances.libelle.text()) == ("5", "séances à venir")
    assert page.carte_saisines.libelle.text() == "saisines en retard"
    assert page.carte_saisines.detail.text().startswith("⚠ ")
    assert (page.carte_mandats.nombre.text(), page.carte_mandats.libelle.text()) == (
        "1",
        "mandat finit d'ici 60 jours",
    )
    assert page.carte_sieges.libelle.text() == "siège sans titulaire"
    assert page.carte_presence.nombre.text() == "48"
    assert "du 23 novembre 2025 au 22 novembre 2026" in page.carte_presence.detail.text()
    assert len(page.diagramme.colleges) == 6
    assert page.modele_seances.rowCount() == 5 and page.modele_saisines.rowCount() == 2
    assert page.carte_seances.accessibleName() == "5 séances à venir"


def test_tout_tient_en_1366_sur_768(page_demo, qtbot):
    from PySide6.QtWidgets import QScrollArea

    page = page_demo
    page.resize(1366 - 215, 768 - 60)  # navigation, menu bar and status bar of the main window
    page.show()
    qtbot.waitExposed(page)
    defilement = page.findChild(QScrollArea)
    assert defilement.verticalScrollBar().maximum() == 0
    assert defilement.horizontalScrollBar().maximum() == 0
    for carte in (page.carte_seances, page.carte_actions, page.carte_saisines, page.carte_mandats):
        assert carte.contenu.isVisible() and carte.contenu.height() >= 80
    assert page.grab().width() == 1366 - 215


def test_base_vide_dit_qu_il_n_y_a_rien(qtbot, base, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-11-22")
    page = PageTableauDeBord(Contexte(base))
    qtbot.addWidget(page)
    page.rafraichir()
    page.show()
    assert page.carte_seances.nombre.text() == "0"
    assert page.carte_seances.libelle.text() == "séance à venir"
    assert page.carte_seances.vide.isVisible() and not page.carte_seances.contenu.isVisible()
    assert page.carte_sieges.vide.text() == "Aucun siège sans titulaire."
    assert not page.carte_presence.contenu.isVisible()


def test_sans_seance_tenue_les_colleges_montrent_des_tirets(qtbot, base):
    page = PageTableauDeBord(Contexte(base))
    qtbot.addWidget(page)
    page.show()
    page.afficher(etat_fictif(seances_tenues_periode=0, presence_colleges=(COLLEGES[1],)))
    assert page.carte_presence.contenu.isVisible()  # the collèges are there, each with « — »
    assert "—" in page.diagramme.accessibleDescription()
    assert page.carte_actions.detail.text() == "⚠ dont 1 en retard"
    assert page.carte_seances.detail.text() == "⚠ 1 convocation en retard"
    assert page.carte_saisines.detail.text() == "⚠ 1 accusé de réception et 1 avis"


def test_rafraichi_apres_une_modification_et_son_annulation(qtbot, base, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-11-22")
    contexte = Contexte(base)
    page = PageTableauDeBord(contexte)
    qtbot.addWidget(page)
    page.rafraichir()
    assert page.carte_actions.nombre.text() == "0"

    def creer(session) -> int:
        action = Action(texte="Réserver la salle", echeance=j(-1), statut=StatutAction.A_FAIRE)
        session.add(action)
        session.flush()
        return action.id

    def supprimer(session, action_id: int) -> None:
        session.delete(session.get(Action, action_id))

    contexte.executer("Ajouter une action", creer, supprimer)
    assert page.carte_actions.nombre.text() == "1"
    assert page.modele_actions.index(0, 3).data() == "⚠ En retard de 1 jour"
    contexte.pile.undo()
    assert page.carte_actions.nombre.text() == "0"
    assert page.carte_actions.vide.isVisibleTo(page)
