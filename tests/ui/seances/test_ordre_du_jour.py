"""The « Ordre du jour » tab: items added through their dialog (a referral by its number only), the total
duration and expected end, reordering with Ctrl+Haut / Ctrl+Bas and by a drop, deletion; each undone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QWidget
from sqlalchemy import select

from app.modeles import PointOrdreDuJour
from app.modeles.enumerations import NaturePoint
from app.ui.pages.seances import PageSeances
from app.ui.seances.ordre_du_jour import ModelePoints, OngletOrdreDuJour
from app.ui.tableau_lignes import ROLE_ID, ROLE_TRI
from tests.ui.annuaire.outils import CTRL, cliquer, quand_modal
from tests.ui.seances.test_page_seances import AUJOURDHUI, QUESTION, choisir, construire, ouvrir

ALT = Qt.KeyboardModifier.AltModifier
MOVE = Qt.DropAction.MoveAction


@pytest.fixture
def comite(base, monkeypatch) -> dict[str, int]:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", AUJOURDHUI.isoformat())
    with base.session_scope() as s:
        return construire(s)


def onglet(qtbot, base, comite: dict[str, int], reference: str) -> tuple[PageSeances, OngletOrdreDuJour]:
    page = ouvrir(qtbot, base)
    choisir(page, comite, reference)
    page.onglets.setCurrentWidget(page.ordre_du_jour)
    return page, page.ordre_du_jour


def titres(modele: ModelePoints) -> list[str]:
    return [modele.index(r, 1).data() for r in range(modele.rowCount())]


def en_base(base, seance_id: int) -> list[str]:
    with base.session_scope() as s:
        requete = select(PointOrdreDuJour.titre).where(PointOrdreDuJour.seance_id == seance_id)
        return list(s.scalars(requete.order_by(PointOrdreDuJour.rang)))


def choisi(tab: OngletOrdreDuJour) -> str | None:
    point = tab.point()
    return point.fiche.titre if point is not None else None


def test_ajouter_des_points_la_saisine_par_son_seul_numero(qtbot, base, comite, qtmodeltester):
    page, tab = onglet(qtbot, base, comite, "BU-2026-02")
    assert tab.modele.rowCount() == 0 and tab.total.text() == "Aucun point à l'ordre du jour"
    dialogue = tab.dialogue()
    qtbot.addWidget(dialogue)
    assert dialogue.focusWidget() is dialogue.titre
    dialogue.accept()  # refused: a title is needed
    assert dialogue.result() != QDialog.DialogCode.Accepted and "obligatoire" in dialogue.messages["titre"].text()
    dialogue.titre.setText("Tour de table")
    dialogue.rapporteur.setCurrentIndex(dialogue.rapporteur.findText("Camille Martin"))
    dialogue.duree.setValue(20)
    dialogue.accept()
    assert dialogue.result() == QDialog.DialogCode.Accepted

    dialogue = tab.dialogue()
    qtbot.addWidget(dialogue)
    assert [dialogue.saisine.itemText(r) for r in range(dialogue.saisine.count())] == ["— Aucune —", "SAI-2026-001"]
    dialogue.recommandation.setCurrentIndex(1)
    assert dialogue.nature.currentText() == "Avis" and dialogue.titre.text() == "Adoption de l'avis REC-2026-001"
    dialogue.titre.clear()
    dialogue.saisine.setCurrentIndex(1)  # one link at a time
    assert dialogue.recommandation.currentIndex() == 0 and dialogue.nature.currentText() == "Avis"
    assert dialogue.titre.text() == "Examen de la saisine SAI-2026-001"
    dialogue.nature.setCurrentIndex(dialogue.nature.findText("Saisine"))
    dialogue.duree.setValue(50)
    dialogue.accept()

    dialogue = tab.dialogue()
    qtbot.addWidget(dialogue)
    assert dialogue.duree.text() == "— non prévue"  # 0: no duration
    dialogue.titre.setText("Questions diverses")
    dialogue.accept()
    assert titres(tab.modele) == ["Tour de table", "Examen de la saisine SAI-2026-001", "Questions diverses"]
    assert choisi(tab) == "Questions diverses"  # the item just added
    assert [tab.modele.index(1, c).data() for c in range(6)] == [
        "2",
        "Examen de la saisine SAI-2026-001",
        "Saisine",
        "—",
        "50\u00a0min",
        "Saisine SAI-2026-001",
    ]
    assert [tab.modele.index(0, c).data() for c in (3, 4)] == ["Camille Martin", "20\u00a0min"]
    assert tab.modele.index(2, 4).data() == "—"
    # 9 h 30 + 1 h 10 = 10 h 40: past the announced end, which the total says
    assert tab.total.text() == (
        "3 points · durée totale : 1\u00a0h\u00a010 · fin prévue à 10\u00a0h\u00a040, "
        "après la fin annoncée (10\u00a0h\u00a030)"
    )
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ROLE_TRI, ROLE_ID)
    textes = [str(tab.modele.index(r, c).data(role)) for r in range(3) for c in range(6) for role in roles]
    assert not any(QUESTION[:20] in texte for texte in textes)  # the referral's text never shows
    with base.session_scope() as s:
        requete = select(PointOrdreDuJour).where(PointOrdreDuJour.seance_id == comite["BU-2026-02"])
        examen = s.scalar(requete.where(PointOrdreDuJour.saisine_id == comite["saisine"]))
        assert examen is not None and examen.nature is NaturePoint.SAISINE and examen.duree_minutes == 50
    qtmodeltester.check(tab.modele)

    page.contexte.pile.undo()
    assert titres(tab.modele) == ["Tour de table", "Examen de la saisine SAI-2026-001"]
    page.contexte.pile.redo()
    assert en_base(base, comite["BU-2026-02"])[-1] == "Questions diverses"


def test_reordonner_au_clavier_et_annuler(qtbot, base, comite):
    page, tab = onglet(qtbot, base, comite, "PL-2026-02")
    assert titres(tab.modele) == ["Accueil", "Examen"] and choisi(tab) == "Accueil"  # the first item, at first
    assert not tab.bouton_monter.isEnabled() and tab.bouton_descendre.isEnabled()
    tab.vue.setFocus()
    qtbot.keyClick(tab.vue, Qt.Key.Key_Down, CTRL)
    assert en_base(base, comite["PL-2026-02"]) == ["Examen", "Accueil"]
    assert titres(tab.modele) == ["Examen", "Accueil"] and choisi(tab) == "Accueil"  # it stays chosen
    assert [tab.modele.index(r, 0).data() for r in range(2)] == ["1", "2"]
    qtbot.keyClick(tab.vue, Qt.Key.Key_Down, CTRL)  # already last: nothing happens
    assert page.contexte.pile.count() == 1
    qtbot.keyClick(tab.vue, Qt.Key.Key_Up, CTRL)
    assert titres(tab.modele) == ["Accueil", "Examen"] and choisi(tab) == "Accueil"
    qtbot.keyClick(tab.vue, Qt.Key.Key_Down, ALT)
    assert titres(tab.modele) == ["Examen", "Accueil"]
    assert page.contexte.pile.undoText() == "Descendre le point « Accueil »"
    page.contexte.pile.undo()
    page.contexte.pile.undo()
    assert en_base(base, comite["PL-2026-02"]) == ["Examen", "Accueil"]
    page.contexte.pile.undo()
    assert en_base(base, comite["PL-2026-02"]) == ["Accueil", "Examen"]


def test_reordonner_par_glisser_deposer_et_annuler(qtbot, base, comite, qtmodeltester):
    page, tab = onglet(qtbot, base, comite, "BU-2026-02")
    with base.session_scope() as s:
        for rang, titre in enumerate(("Un", "Deux", "Trois", "Quatre"), start=1):
            s.add(PointOrdreDuJour(seance_id=comite["BU-2026-02"], rang=rang, titre=titre))
    page.rafraichir()
    modele = tab.modele
    assert titres(modele) == ["Un", "Deux", "Trois", "Quatre"]
    assert tab.vue.dragEnabled() and tab.vue.dragDropMode() is tab.vue.DragDropMode.InternalMove
    assert modele.flags(modele.index(0, 1)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not modele.flags(modele.index(0, 1)) & Qt.ItemFlag.ItemIsDropEnabled  # between rows only
    qtmodeltester.check(modele)

    donnees = modele.mimeData([modele.index(2, c) for c in range(6)])  # « Trois », dragged by its whole row
    assert modele.canDropMimeData(donnees, MOVE, 0, 0, QModelIndex())
    assert modele.dropMimeData(donnees, MOVE, 0, 0, QModelIndex())  # dropped above the first row
    assert en_base(base, comite["BU-2026-02"]) == ["Trois", "Un", "Deux", "Quatre"]
    assert titres(modele) == ["Trois", "Un", "Deux", "Quatre"] and choisi(tab) == "Trois"
    assert page.contexte.pile.undoText() == "Réordonner l'ordre du jour"

    donnees = modele.mimeData([modele.index(0, 0)])
    assert modele.dropMimeData(donnees, MOVE, -1, -1, modele.index(3, 0))  # dropped on « Quatre »: before it
    assert titres(modele) == ["Un", "Deux", "Trois", "Quatre"] and choisi(tab) == "Trois"
    assert modele.moveRows(QModelIndex(), 0, 1, QModelIndex(), 4)  # « Un » to the end
    assert titres(modele) == ["Deux", "Trois", "Quatre", "Un"] and choisi(tab) == "Un"
    assert not modele.moveRows(QModelIndex(), 1, 1, QModelIndex(), 2)  # onto itself: nothing to do
    etranger = QMimeData()
    etranger.setText("Un")
    assert not modele.canDropMimeData(etranger, MOVE, 0, 0, QModelIndex())
    assert not modele.dropMimeData(etranger, MOVE, 0, 0, QModelIndex())

    pile = page.contexte.pile
    pile.undo()
    assert en_base(base, comite["BU-2026-02"]) == ["Un", "Deux", "Trois", "Quatre"]
    pile.undo()
    pile.undo()
    assert en_base(base, comite["BU-2026-02"]) == ["Un", "Deux", "Trois", "Quatre"] and pile.index() == 0
    pile.redo()
    assert titres(modele) == ["Trois", "Un", "Deux", "Quatre"]


def test_modifier_garde_le_compte_rendu_et_supprimer_s_annule(qtbot, base, comite):
    page, tab = onglet(qtbot, base, comite, "PL-2026-01")
    dialogue = tab.dialogue(tab.point())
    qtbot.addWidget(dialogue)
    assert dialogue.windowTitle() == "Modifier le point" and dialogue.nature.currentText() == "Avis"
    dialogue.titre.setText("Avis sur le schéma régional")
    dialogue.accept()
    with base.session_scope() as s:
        point = s.scalar(select(PointOrdreDuJour).where(PointOrdreDuJour.seance_id == comite["PL-2026-01"]))
        assert point is not None and (point.titre, point.resume) == ("Avis sur le schéma régional", "Présenté.")
        point_id = point.id
    page.contexte.pile.undo()
    assert en_base(base, comite["PL-2026-01"]) == ["Avis sur le schéma"]

    vus: list[QWidget] = []
    textes: list[str] = []
    quand_modal(cliquer("Supprimer"), vus, textes=textes)
    tab.vue.setFocus()
    qtbot.keyClick(tab.vue, Qt.Key.Key_Delete)
    assert "Son compte rendu (résumé, décision, vote) part avec lui." in textes[-1]
    assert en_base(base, comite["PL-2026-01"]) == [] and tab.total.text() == "Aucun point à l'ordre du jour"
    page.contexte.pile.undo()
    with base.session_scope() as s:
        point = s.get(PointOrdreDuJour, point_id)  # back under its id, with its minutes
        assert point is not None and (point.rang, point.resume) == (1, "Présenté.")
