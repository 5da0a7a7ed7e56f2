"""The Membres page driven like a user: search, filters, add a member and a seat with the keyboard, edit, end a
mandate, replace a member, refused and accepted deletions, each undone and redone."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from app.modeles import College, Instance, Mandat, Personne, Structure
from app.modeles.enumerations import MotifFinMandat, Qualite, Role, TypeStructure
from app.services import annuaire
from app.ui.annuaire.dialogues_fiches import DialoguePersonne
from app.ui.annuaire.dialogues_mandats import DialogueFinMandat, DialogueMandat, DialogueRemplacement
from app.ui.annuaire.tableaux import selectionner
from app.ui.contexte import Contexte
from app.ui.fenetre_principale import FenetrePrincipale
from app.ui.pages.membres import PageMembres
from tests.ui.annuaire.conftest import AUJOURDHUI
from tests.ui.annuaire.outils import CTRL, activer, cliquer, quand_modal, tab, taper


def ouvrir(qtbot, base) -> PageMembres:
    page = PageMembres(Contexte(base))
    qtbot.addWidget(page)
    page.resize(1166, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page


def noms(page: PageMembres) -> list[str]:
    return [f"{page.proxy.index(r, 1).data()} {page.proxy.index(r, 0).data()}" for r in range(page.proxy.rowCount())]


def personne_id(base, prenom: str, nom: str) -> int | None:
    with base.session_scope() as s:
        return s.scalar(select(Personne.id).where(Personne.prenom == prenom, Personne.nom == nom))


def mandats(base, **criteres) -> list[annuaire.FicheMandat]:
    with base.session_scope() as s:
        ids = s.scalars(select(Mandat.id).filter_by(**criteres).order_by(Mandat.id)).all()
        return [annuaire.fiche_mandat(s, i) for i in ids]


def test_rechercher_filtrer_et_voir_l_historique(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    assert page.compte.text() == "62 membres" and page.separateur.objectName() == "separateur_membres"
    page.rechercher()  # Ctrl+F
    assert page.recherche.hasFocus()
    taper(qtbot, page.recherche, "BERARD")
    assert noms(page) == ["Nathalie Bérard"] and page.compte.text() == "1 membre sur 62"
    page.recherche.clear()
    taper(qtbot, page.recherche, "caisse allocations")  # words of the structure, in any case
    assert noms(page) == ["Mélanie Faure", "Isabelle Fournier", "Thierry Garnier"]  # by name
    page.recherche.clear()

    ethique = "Instance éthique et déontologie"
    with base_demo.session_scope() as s:  # the oracle: who sits in the ethics instance today, straight from SQL
        requete = (
            select(Personne.prenom, Personne.nom)
            .join(Mandat, Mandat.personne_id == Personne.id)
            .join(Instance, Mandat.instance_id == Instance.id)
            .where(Instance.nom == ethique, Mandat.debut <= AUJOURDHUI)
            .where((Mandat.fin.is_(None)) | (Mandat.fin >= AUJOURDHUI))
        )
        attendus = sorted({f"{p} {n}" for p, n in s.execute(requete)})
    page.filtre_instance.setCurrentIndex(page.filtre_instance.findText(ethique))
    page.filtre_etat.setCurrentIndex(page.filtre_etat.findText("Mandats en cours"))
    assert sorted(noms(page)) == attendus and len(attendus) >= 5

    page.filtre_instance.setCurrentIndex(0)
    page.filtre_etat.setCurrentIndex(page.filtre_etat.findText("Mandats terminés"))
    anciens = noms(page)
    assert "Julien Rousseau" in anciens and "Gaëlle Tanguy" in anciens and "Sophie Barbier" not in anciens
    page.filtre_college.setCurrentIndex(page.filtre_college.findText("Personnes accompagnées"))
    page.filtre_etat.setCurrentIndex(0)
    assert "Nadia Benhamou" in noms(page) and "Sophie Barbier" not in noms(page)
    page.filtre_college.setCurrentIndex(0)

    with base_demo.session_scope() as s:  # the oracle: the persons of a social-security body, from SQL
        requete = select(Personne.prenom, Personne.nom).join(Structure, Personne.structure_id == Structure.id)
        requete = requete.where(Structure.type == TypeStructure.SECURITE_SOCIALE)
        secu = sorted(f"{p} {n}" for p, n in s.execute(requete))
    page.filtre_type.setCurrentIndex(page.filtre_type.findText(TypeStructure.SECURITE_SOCIALE.libelle))
    assert sorted(noms(page)) == secu and len(secu) >= 4 and "Karim Benali" in secu
    page.filtre_etat.setCurrentIndex(page.filtre_etat.findText("Mandats terminés"))  # filters add up
    assert set(noms(page)) < set(secu)
    page.filtre_type.setCurrentIndex(0)
    page.filtre_etat.setCurrentIndex(0)

    sophie = personne_id(base_demo, "Sophie", "Barbier")
    assert selectionner(page.vue, page.proxy, sophie)
    assert page.mandats.titre.text() == "<b>Mandats de Sophie Barbier</b>"
    assert [page.mandats.proxy.index(0, c).data() for c in (0, 2, 9)] == ["Assemblée plénière", "Titulaire", "En cours"]
    page.rafraichir()
    assert page.selection() == sophie  # kept across a reload


def test_ajouter_un_membre_et_son_mandat_au_clavier_puis_annuler_et_retablir(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    vus: list[QWidget] = []

    def fiche(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialoguePersonne) and dialogue.focusWidget() is dialogue.nom
        taper(qtbot, dialogue.nom, "Roux-Éluard")
        champ = tab(qtbot, dialogue.nom)
        taper(qtbot, champ, "Zoé")
        champ = tab(qtbot, champ)
        assert champ is dialogue.structure
        qtbot.keyClicks(champ, "Mission")  # type-ahead (a space would open the list)
        champ = tab(qtbot, champ)
        taper(qtbot, champ, "Conseillère en insertion")
        champ = tab(qtbot, champ)
        taper(qtbot, champ, "zoe.roux@exemple.fr")
        quand_modal(mandat, vus, DialogueMandat)  # « Lui attribuer un mandat ensuite » is checked
        qtbot.keyClick(champ, Qt.Key.Key_Return)

    def mandat(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueMandat) and dialogue.focusWidget() is dialogue.instance
        qtbot.keyClicks(dialogue.instance, "Bureau")
        champ = tab(qtbot, dialogue.instance)
        assert champ is dialogue.college
        qtbot.keyClicks(champ, "Travailleurs")
        qtbot.keyClick(champ, Qt.Key.Key_Return)

    quand_modal(fiche, vus, DialoguePersonne)
    page.ajouter()
    qtbot.waitUntil(lambda: len(vus) == 2 and not vus[1].isVisible())
    zoe = personne_id(base_demo, "Zoé", "Roux-Éluard")
    assert zoe is not None and page.selection() == zoe
    with base_demo.session_scope() as s:
        enregistree = annuaire.fiche_personne(s, zoe)
        structure = s.get(Personne, zoe).structure
        assert structure is not None and structure.nom == "Mission locale du Lys"
        bureau = s.scalar(select(Instance.id).where(Instance.nom == "Bureau"))
        college = s.scalar(select(College.id).where(College.nom == "Travailleurs sociaux"))
    assert (enregistree.fonction, enregistree.courriel) == ("Conseillère en insertion", "zoe.roux@exemple.fr")
    [siege] = mandats(base_demo, personne_id=zoe)
    assert (siege.instance_id, siege.college_id, siege.qualite, siege.role, siege.debut, siege.fin) == (
        bureau,
        college,
        Qualite.TITULAIRE,
        Role.MEMBRE,
        AUJOURDHUI,
        None,
    )
    assert page.mandats.modele.rowCount() == 1  # the history shows the new seat

    pile = page.contexte.pile
    assert pile.undoText() == "Ajouter un mandat de Zoé Roux-Éluard (Bureau)"
    pile.undo()
    assert mandats(base_demo, personne_id=zoe) == []
    pile.undo()
    assert personne_id(base_demo, "Zoé", "Roux-Éluard") is None and page.compte.text() == "62 membres"
    pile.redo()
    pile.redo()
    assert personne_id(base_demo, "Zoé", "Roux-Éluard") == zoe and mandats(base_demo, personne_id=zoe) == [siege]


def test_modifier_une_fiche_refus_sous_le_champ_puis_annuler_et_retablir(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    sophie = personne_id(base_demo, "Sophie", "Barbier")
    assert sophie is not None
    with base_demo.session_scope() as s:
        avant = annuaire.fiche_personne(s, sophie)
    selectionner(page.vue, page.proxy, sophie)
    page.vue.setFocus()
    vus: list[QWidget] = []

    def corriger(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialoguePersonne)
        dialogue.courriel.selectAll()
        taper(qtbot, dialogue.courriel, "sophie.barbier@")
        qtbot.keyClick(dialogue.courriel, Qt.Key.Key_Return)
        assert dialogue.isVisible()  # refused: the dialog stays open, the reason under the field
        message = dialogue.messages["courriel"]
        assert not message.isHidden() and "Adresse électronique invalide" in message.text()
        assert dialogue.messages["telephone"].isHidden()
        with base_demo.session_scope() as s:
            assert annuaire.fiche_personne(s, sophie) == avant  # nothing written
        dialogue.courriel.selectAll()
        taper(qtbot, dialogue.courriel, "s.barbier@msa.fr")
        dialogue.fonction.selectAll()
        taper(qtbot, dialogue.fonction, "Directrice de l'action sociale")
        qtbot.keyClick(dialogue.fonction, Qt.Key.Key_Return)

    quand_modal(corriger, vus, DialoguePersonne)
    qtbot.keyClick(page.vue, Qt.Key.Key_Return)  # Entrée opens the chosen person, like a double click
    assert vus and not vus[0].isVisible()
    with base_demo.session_scope() as s:
        apres = annuaire.fiche_personne(s, sophie)
    assert (apres.courriel, apres.fonction) == ("s.barbier@msa.fr", "Directrice de l'action sociale")
    assert page.contexte.pile.undoText() == "Modifier la fiche de Sophie Barbier"
    page.contexte.pile.undo()
    with base_demo.session_scope() as s:
        assert annuaire.fiche_personne(s, sophie) == avant
    page.contexte.pile.redo()
    with base_demo.session_scope() as s:
        assert annuaire.fiche_personne(s, sophie) == apres


def test_terminer_un_mandat_avec_son_motif_puis_annuler_et_retablir(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    sophie = personne_id(base_demo, "Sophie", "Barbier")
    selectionner(page.vue, page.proxy, sophie)
    [avant] = mandats(base_demo, personne_id=sophie)
    assert not page.mandats.bouton_terminer.isEnabled()  # no mandate chosen yet
    selectionner(page.mandats.vue, page.mandats.proxy, avant.id)
    assert page.mandats.bouton_terminer.isEnabled()
    vus: list[QWidget] = []

    def terminer(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueFinMandat) and dialogue.focusWidget() is dialogue.motif
        qtbot.keyClick(dialogue.motif, Qt.Key.Key_Return)  # no reason chosen: refused under the field
        assert dialogue.isVisible() and not dialogue.messages["motif"].isHidden()
        qtbot.keyClicks(dialogue.motif, "D")  # « Démission »
        champ = tab(qtbot, dialogue.motif)
        assert champ is not dialogue.motif
        qtbot.keyClick(dialogue.motif, Qt.Key.Key_Return)

    quand_modal(terminer, vus, DialogueFinMandat)
    qtbot.mouseClick(page.mandats.bouton_terminer, Qt.MouseButton.LeftButton)
    [fini] = mandats(base_demo, personne_id=sophie)
    assert (fini.fin, fini.motif_fin) == (AUJOURDHUI, MotifFinMandat.DEMISSION)
    assert [page.mandats.proxy.index(0, c).data() for c in (7, 8)] == ["22/11/2026", "Démission"]
    assert page.mandats.selection() == avant.id and not page.mandats.bouton_terminer.isEnabled()

    page.contexte.pile.undo()
    assert mandats(base_demo, personne_id=sophie) == [avant]
    assert page.mandats.proxy.index(0, 8).data() == "" and page.mandats.bouton_terminer.isEnabled()
    page.contexte.pile.redo()
    assert mandats(base_demo, personne_id=sophie) == [fini]


def test_remplacer_un_membre_puis_annuler_et_retablir(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    lucas = personne_id(base_demo, "Lucas", "Moulin")
    philippe = personne_id(base_demo, "Philippe", "Arnaud")
    gaelle = personne_id(base_demo, "Gaëlle", "Tanguy")
    selectionner(page.vue, page.proxy, lucas)
    [siege] = [m for m in mandats(base_demo, personne_id=lucas) if m.qualite is Qualite.TITULAIRE]
    selectionner(page.mandats.vue, page.mandats.proxy, siege.id)
    avant = mandats(base_demo)
    vus: list[QWidget] = []

    def remplacer(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueRemplacement) and dialogue.focusWidget() is dialogue.remplacant
        qtbot.keyClicks(dialogue.remplacant, "Philippe")
        assert dialogue.remplacant.currentText() == "Philippe Arnaud"
        qtbot.keyClick(dialogue.remplacant, Qt.Key.Key_Return)

    quand_modal(remplacer, vus, DialogueRemplacement)
    page.mandats.remplacer()
    assert vus
    apres = mandats(base_demo)
    ancien = next(m for m in apres if m.id == siege.id)
    assert (ancien.fin, ancien.motif_fin) == (AUJOURDHUI - dt.timedelta(days=1), MotifFinMandat.REMPLACEMENT)
    [nouveau] = mandats(base_demo, personne_id=philippe)
    assert (nouveau.instance_id, nouveau.college_id, nouveau.debut, nouveau.qualite) == (
        siege.instance_id,
        siege.college_id,
        AUJOURDHUI,
        Qualite.TITULAIRE,
    )
    suppleances = [m for m in mandats(base_demo, personne_id=gaelle) if m.fin is None]
    assert [m.titulaire_id for m in suppleances] == [nouveau.id]  # Gaëlle now stands in for Philippe
    assert page.contexte.pile.undoText() == "Remplacer Lucas Moulin par Philippe Arnaud (Assemblée plénière)"

    page.contexte.pile.undo()
    assert mandats(base_demo) == avant
    page.contexte.pile.redo()
    assert mandats(base_demo) == apres


def test_suppression_refusee_pour_qui_figure_dans_les_feuilles_de_presence(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    sophie = personne_id(base_demo, "Sophie", "Barbier")
    selectionner(page.vue, page.proxy, sophie)
    page.vue.setFocus()
    vus: list[QWidget] = []
    textes: list[str] = []
    quand_modal(cliquer("OK"), vus, textes=textes)
    qtbot.keyClick(page.vue, Qt.Key.Key_Delete)  # Suppr
    assert len(textes) == 1
    assert "Sophie Barbier figure dans des procès-verbaux ou des feuilles de présence" in textes[0]
    assert "Terminez plutôt ses mandats" in textes[0]
    assert personne_id(base_demo, "Sophie", "Barbier") == sophie and page.contexte.pile.count() == 0


def test_suppr_d_une_fiche_saisie_par_erreur_puis_ctrl_z_dans_la_fenetre(qtbot, base_demo):
    fenetre = FenetrePrincipale(base_demo)
    fenetre.memoriser_en_quittant = False
    qtbot.addWidget(fenetre)
    fenetre.show()
    fenetre.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is fenetre)
    fenetre.navigation.setCurrentRow(3)
    page = fenetre.page_courante()
    assert isinstance(page, PageMembres)

    dialogue = page.dialogue()
    taper(qtbot, dialogue.nom, "Doublon")
    taper(qtbot, dialogue.prenom, "Paul")
    dialogue.mandat_ensuite.setChecked(False)
    dialogue.accept()
    paul = personne_id(base_demo, "Paul", "Doublon")
    assert paul is not None
    selectionner(page.vue, page.proxy, paul)
    activer(qtbot, page.vue)
    vus: list[QWidget] = []
    textes: list[str] = []
    quand_modal(cliquer("Supprimer"), vus, textes=textes)
    qtbot.keyClick(page.vue, Qt.Key.Key_Delete)
    assert textes and textes[0].startswith("Supprimer la fiche de Paul Doublon ?")
    assert personne_id(base_demo, "Paul", "Doublon") is None and page.compte.text() == "62 membres"

    activer(qtbot, page.vue)
    qtbot.keyClick(page.vue, Qt.Key.Key_Z, CTRL)  # Édition › Annuler
    assert personne_id(base_demo, "Paul", "Doublon") == paul
    qtbot.keyClick(page.vue, Qt.Key.Key_Y, CTRL)  # Édition › Rétablir
    assert personne_id(base_demo, "Paul", "Doublon") is None
    fenetre.close()


def test_dialogues_pour_les_captures(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    titres = [titre for titre, dialogue in page.dialogues_pour_captures()]
    assert titres[:3] == ["Nouveau membre", "Modifier un membre", "Nouveau mandat"]
    assert "Terminer un mandat" in titres
