"""The Structures page driven like a user: search, filter, add with the keyboard, undo, refused deletion."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from app.modeles import Structure
from app.modeles.enumerations import Partenariat, TypeStructure
from app.ui.annuaire.dialogues_fiches import DialogueStructure
from app.ui.annuaire.tableaux import selectionner
from app.ui.contexte import Contexte
from app.ui.pages.structures import PageStructures
from tests.ui.annuaire.outils import activer, cliquer, quand_modal, tab, taper


def ouvrir(qtbot, base) -> PageStructures:
    page = PageStructures(Contexte(base))
    qtbot.addWidget(page)
    page.resize(1166, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page


def noms(page: PageStructures) -> list[str]:
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def structure(base, nom: str) -> Structure | None:
    with base.session_scope() as s:
        trouvee = s.scalar(select(Structure).where(Structure.nom == nom))
        if trouvee is not None:
            s.expunge(trouvee)
        return trouvee


def test_rechercher_en_tapant_sans_casse_ni_accents(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    assert page.proxy.rowCount() == 45 and page.compte.text() == "45 structures"
    page.rechercher()  # Ctrl+F
    assert page.recherche.hasFocus()
    taper(qtbot, page.recherche, "SAINT-AUBIN")
    assert noms(page) == ["CCAS de Saint-Aubin-sur-Lys"]
    assert page.compte.text() == "1 structure sur 45"
    page.recherche.clear()
    taper(qtbot, page.recherche, "securite")  # the type « Organisme de sécurité sociale » matches
    assert noms(page) == [
        "Caisse d'allocations familiales",
        "Caisse primaire d'assurance maladie",
        "Carsat — service social régional",
        "Mutualité sociale agricole",
    ]
    page.recherche.clear()
    page.filtre_type.setCurrentIndex(page.filtre_type.findText("CCAS / CIAS"))
    assert noms(page) == ["CCAS de Montreuil-le-Gué", "CCAS de Saint-Aubin-sur-Lys", "CIAS du Pays d'Ancenay"]
    qtbot.keyClick(page.recherche, Qt.Key.Key_Down)  # down from the search box into the results
    assert page.vue.hasFocus()


def test_ajouter_au_clavier_puis_annuler_et_retablir(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    vus: list[QWidget] = []

    def remplir(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueStructure) and dialogue.focusWidget() is dialogue.nom
        taper(qtbot, dialogue.nom, "Maison des solidarités du Lys")
        champ = tab(qtbot, dialogue.nom)
        assert champ is dialogue.type
        qtbot.keyClicks(champ, "Asso")  # type-ahead in the combo
        champ = tab(qtbot, champ)
        assert champ is dialogue.partenariat
        qtbot.keyClicks(champ, "Nouveau")
        qtbot.keyClick(champ, Qt.Key.Key_Return)  # Enter saves (the default button)

    quand_modal(remplir, vus, DialogueStructure)
    page.ajouter()
    assert vus
    ajoutee = structure(base_demo, "Maison des solidarités du Lys")
    assert ajoutee is not None
    assert (ajoutee.type, ajoutee.partenariat, ajoutee.lettre_engagement_le) == (
        TypeStructure.ASSOCIATION,
        Partenariat.NOUVEAU,
        None,
    )
    assert page.selection() == ajoutee.id and page.proxy.rowCount() == 46
    assert page.contexte.pile.undoText() == "Ajouter la structure « Maison des solidarités du Lys »"

    page.contexte.pile.undo()
    assert structure(base_demo, "Maison des solidarités du Lys") is None and page.proxy.rowCount() == 45
    page.contexte.pile.redo()
    retablie = structure(base_demo, "Maison des solidarités du Lys")
    assert retablie is not None and retablie.id == ajoutee.id  # same id: later steps of the stack stay valid


def test_modifier_par_double_clic_refus_sous_le_champ_puis_enregistrer(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    avant = structure(base_demo, "Conseil régional")
    assert avant is not None
    assert selectionner(page.vue, page.proxy, avant.id)
    vus: list[QWidget] = []

    def corriger(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueStructure)
        dialogue.nom.selectAll()
        taper(qtbot, dialogue.nom, "CCAS de Saint-Aubin-sur-Lys")  # taken
        qtbot.keyClick(dialogue.nom, Qt.Key.Key_Return)
        assert dialogue.isVisible() and not dialogue.messages["nom"].isHidden()
        assert "existe déjà" in dialogue.messages["nom"].text()
        dialogue.nom.selectAll()
        taper(qtbot, dialogue.nom, "Région Vallée-du-Lys")
        qtbot.keyClick(dialogue.nom, Qt.Key.Key_Return)
        assert not dialogue.isVisible()

    quand_modal(corriger, vus, DialogueStructure)
    rang = page.proxy.mapFromSource(page.modele.index(page.modele.rang_de(avant.id), 0))
    page.vue.doubleClicked.emit(rang)  # what a double click on the row sends
    assert vus
    apres = structure(base_demo, "Région Vallée-du-Lys")
    assert apres is not None and apres.id == avant.id and apres.type is avant.type
    page.contexte.pile.undo()
    assert structure(base_demo, "Conseil régional") is not None
    assert page.selection() == avant.id  # the selection survives the reload


def test_suppression_refusee_quand_des_membres_y_sont_rattaches(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    caf = structure(base_demo, "Caisse d'allocations familiales")
    assert caf is not None
    selectionner(page.vue, page.proxy, caf.id)
    page.vue.setFocus()
    vus: list[QWidget] = []
    textes: list[str] = []
    quand_modal(cliquer("OK"), vus, textes=textes)
    qtbot.keyClick(page.vue, Qt.Key.Key_Delete)  # Suppr
    assert len(textes) == 1 and "3 personnes de l'annuaire y sont rattachées" in textes[0]
    assert structure(base_demo, "Caisse d'allocations familiales") is not None
    assert page.contexte.pile.count() == 0


def test_suppr_demande_confirmation_puis_supprime_et_ctrl_z_restaure(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    ccas = structure(base_demo, "CCAS de Montreuil-le-Gué")  # nobody attached
    assert ccas is not None
    selectionner(page.vue, page.proxy, ccas.id)
    page.vue.setFocus()
    vus: list[QWidget] = []
    textes: list[str] = []
    quand_modal(cliquer("Annuler"), vus, textes=textes)
    qtbot.keyClick(page.vue, Qt.Key.Key_Delete)
    assert textes == ["Supprimer la structure « CCAS de Montreuil-le-Gué » ?"]
    assert structure(base_demo, "CCAS de Montreuil-le-Gué") is not None  # cancelled: nothing deleted

    activer(qtbot, page.vue)
    quand_modal(cliquer("Supprimer"), vus, textes=textes)
    qtbot.keyClick(page.vue, Qt.Key.Key_Delete)
    assert len(textes) == 2 and structure(base_demo, "CCAS de Montreuil-le-Gué") is None
    assert page.proxy.rowCount() == 44
    page.contexte.pile.undo()
    restauree = structure(base_demo, "CCAS de Montreuil-le-Gué")
    assert restauree is not None and (restauree.id, restauree.type) == (ccas.id, ccas.type)


def test_base_en_lecture_seule_rien_n_est_modifiable(qtbot, base_demo, monkeypatch):
    page = ouvrir(qtbot, base_demo)
    selectionner(page.vue, page.proxy, page.modele.ligne(0).id)
    assert page.bouton_modifier.isEnabled()
    monkeypatch.setattr(base_demo, "lecture_seule", True)
    page.rafraichir()
    assert not any(b.isEnabled() for b in (page.bouton_ajouter, page.bouton_modifier, page.bouton_supprimer))
