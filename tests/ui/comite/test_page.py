"""The Comité page driven like a user: type, Ctrl+S, undo and redo, dialogs, refusals, read-only bases."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QMessageBox, QWidget
from sqlalchemy import select

from app import db
from app.modeles import College, Comite, Instance
from app.modeles.enumerations import CategorieCollege, Mission, TypeInstance
from app.services import comite as service
from app.ui.comite.dialogues import DialogueCollege, DialogueInstance
from app.ui.contexte import Contexte
from app.ui.fenetre_principale import FenetrePrincipale
from app.ui.pages.comite import COMITE_ABSENT, PageComite

CTRL = Qt.KeyboardModifier.ControlModifier


def ouvrir(qtbot, base: db.BaseDeDonnees) -> PageComite:
    page = PageComite(Contexte(base))
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)  # shortcuts (Ctrl+S) need an active window
    page.rafraichir()
    return page


def fiche(base: db.BaseDeDonnees) -> service.FicheComite | None:
    with base.session_scope() as s:
        return service.lire_fiche(s)


def taper(qtbot, champ: QWidget, texte: str) -> None:
    """Type `texte` key by key; accented letters too (QTest.keyClicks only knows ASCII)."""
    for lettre in texte:
        if lettre.isascii():
            qtbot.keyClicks(champ, lettre)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, champ, Qt.Key.Key_unknown, lettre, Qt.KeyboardModifier.NoModifier)


def remplacer(qtbot, champ: QWidget, texte: str) -> None:
    """Select all of a field and type over it, as a user would."""
    champ.setFocus()
    qtbot.keyClick(champ, Qt.Key.Key_A, CTRL)
    taper(qtbot, champ, texte)


@dataclasses.dataclass
class Modal:
    """A modal window met during a test, noted while it was open (a static QMessageBox is deleted after)."""

    widget: QWidget
    titre: str
    texte: str
    resultat: int | None = None  # a dialog's result once handled (Accepted: 1)


def quand_modal(agir: Callable[[QWidget], None], vus: list[Modal]) -> None:
    """Handle the next modal window (message box or dialog) once it is open; it is always closed in the end."""

    def traiter() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, traiter)
            return
        texte = modal.text() if isinstance(modal, QMessageBox) else ""
        vus.append(Modal(modal, modal.windowTitle(), texte))
        try:
            agir(modal)
            if isinstance(modal, QDialog) and not isinstance(modal, QMessageBox):
                vus[-1].resultat = modal.result()
        finally:
            if modal.isVisible() and isinstance(modal, QDialog):
                modal.reject()

    QTimer.singleShot(0, traiter)


def fermer(_modal: QWidget) -> None:
    """Answer nothing: the modal is closed with Échap (its escape button)."""


def cliquer(texte: str) -> Callable[[QWidget], None]:
    def agir(boite: QWidget) -> None:
        assert isinstance(boite, QMessageBox)
        (bouton,) = [b for b in boite.buttons() if b.text().replace("&", "") == texte]
        bouton.click()

    return agir


# --- the fiche ---------------------------------------------------------------------------------------------


def test_modifier_le_territoire_ctrl_s_puis_annuler_et_retablir(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    avant = fiche(base_demo)
    assert avant is not None and page.formulaire.territoire.text() == "Vallée-du-Lys"
    assert not page.modifications_en_cours() and not page.bouton_enregistrer.isEnabled()

    remplacer(qtbot, page.formulaire.territoire, "Vallée-du-Lys et Marches")
    assert page.modifications_en_cours()
    assert page.onglets.tabText(0) == "Identité *" and page.onglets.tabText(2) == "Fonctionnement"
    assert page.etat.text() == "⚠ Modifications non enregistrées : Identité."
    assert fiche(base_demo) == avant  # nothing written while typing

    qtbot.keyClick(page.formulaire.territoire, Qt.Key.Key_S, CTRL)
    assert fiche(base_demo) == dataclasses.replace(avant, territoire="Vallée-du-Lys et Marches")
    assert not page.modifications_en_cours() and page.onglets.tabText(0) == "Identité"
    assert page.contexte.pile.undoText() == "Modifier le comité : territoire"

    page.contexte.pile.undo()
    assert fiche(base_demo) == avant
    assert page.formulaire.territoire.text() == "Vallée-du-Lys"  # the form shows the base again
    page.contexte.pile.redo()
    assert page.formulaire.territoire.text() == "Vallée-du-Lys et Marches"
    assert fiche(base_demo) == dataclasses.replace(avant, territoire="Vallée-du-Lys et Marches")


def test_l_enregistrement_groupe_tous_les_champs_changes_en_une_seule_etape(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    avant = fiche(base_demo)
    assert avant is not None
    f = page.formulaire
    remplacer(qtbot, f.nom, "CLTSDS de la Vallée-du-Lys")
    page.onglets.setCurrentIndex(2)
    f.textes["secretariat"].setFocus()
    qtbot.keyClick(f.textes["secretariat"], Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(f.textes["secretariat"], " Relais : DDETS.")
    f.installe.setFocus()
    qtbot.keyClick(f.installe, Qt.Key.Key_Space)  # the installation date becomes unknown
    assert page.onglets.tabText(0) == "Identité *" and page.onglets.tabText(2) == "Fonctionnement *"

    page.bouton_enregistrer.click()
    apres = fiche(base_demo)
    assert apres == dataclasses.replace(
        avant,
        nom="CLTSDS de la Vallée-du-Lys",
        date_installation=None,
        secretariat=avant.secretariat + " Relais : DDETS.",
    )
    assert page.contexte.pile.count() == 1
    assert page.contexte.pile.undoText() == "Modifier le comité : nom, date d'installation, secrétariat"
    page.contexte.pile.undo()
    assert fiche(base_demo) == avant


def test_les_espaces_insecables_survivent_au_formulaire(qtbot, base_demo):
    avant = fiche(base_demo)
    assert avant is not None
    typographie = dataclasses.replace(avant, moyens_financiers="12\u00a0000\u00a0€ par an\u202f; rien d'autre.")
    with base_demo.session_scope() as s:
        service.enregistrer_comite(s, typographie)
    page = ouvrir(qtbot, base_demo)
    assert page.formulaire.fiche() == typographie and not page.modifications_en_cours()
    page.onglets.setCurrentIndex(2)
    zone = page.formulaire.textes["moyens_financiers"]
    zone.setFocus()
    qtbot.keyClick(zone, Qt.Key.Key_End, CTRL)
    qtbot.keyClick(zone, Qt.Key.Key_Return)
    qtbot.keyClicks(zone, "Voir annexe.")
    assert page.enregistrer()
    assert fiche(base_demo) == dataclasses.replace(
        typographie, moyens_financiers=typographie.moyens_financiers + "\nVoir annexe."
    )


def test_un_nom_vide_est_refuse_sous_le_champ_et_rien_n_est_ecrit(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    avant = fiche(base_demo)
    remplacer(qtbot, page.formulaire.nom, "   ")
    page.onglets.setCurrentIndex(3)
    assert page.enregistrer() is False
    assert page.onglets.currentIndex() == 0  # back to the tab of the field at fault
    message = page.formulaire.messages["nom"]
    assert message.isVisible() and message.text() == "⚠ Le nom du comité est obligatoire."
    assert page.formulaire.nom.hasFocus()
    assert fiche(base_demo) == avant and page.contexte.pile.count() == 0
    remplacer(qtbot, page.formulaire.nom, "CLTSDS")
    assert page.enregistrer() is True
    assert not message.isVisible()


def test_une_base_neuve_propose_de_renseigner_le_comite_et_l_enregistrement_le_cree(qtbot, base):
    page = ouvrir(qtbot, base)
    assert page.bandeau.isVisible() and page.bandeau.text() == COMITE_ABSENT
    assert not page.modifications_en_cours()
    assert page.formulaire.presidence.text() == "non pourvue"
    remplacer(qtbot, page.formulaire.nom, "Comité local du Val")
    qtbot.keyClick(page.formulaire.nom, Qt.Key.Key_S, CTRL)
    assert fiche(base) == service.FicheComite(nom="Comité local du Val")
    assert not page.bandeau.isVisible()
    assert page.contexte.pile.undoText() == "Renseigner le comité"
    page.contexte.pile.undo()
    assert fiche(base) is None and page.bandeau.isVisible() and page.formulaire.nom.text() == ""


def test_missions_cochees_decochees_et_missions_libres(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    avant = fiche(base_demo)
    assert avant is not None
    page.onglets.setCurrentIndex(1)
    catalogue = page.formulaire.catalogue
    catalogue.setFocus()
    qtbot.keyClick(catalogue, Qt.Key.Key_Home)
    qtbot.keyClick(catalogue, Qt.Key.Key_Down)  # « Analyse partagée… », ticked in the demo
    qtbot.keyClick(catalogue, Qt.Key.Key_Space)
    qtbot.keyClick(catalogue, Qt.Key.Key_End)  # « Expérimentations en développement social »
    qtbot.keyClick(catalogue, Qt.Key.Key_Space)
    assert page.onglets.tabText(1) == "Missions *"

    nouvelle = page.formulaire.nouvelle_mission
    nouvelle.setFocus()
    qtbot.keyClicks(nouvelle, "Veille sur le non-recours")
    qtbot.keyClick(nouvelle, Qt.Key.Key_Return)
    qtbot.keyClicks(nouvelle, "veille sur le NON-RECOURS")
    qtbot.keyClick(nouvelle, Qt.Key.Key_Return)  # refused: already there
    assert page.formulaire.messages["missions_libres"].text() == (
        "⚠ La mission « veille sur le NON-RECOURS » figure déjà dans la liste."
    )
    assert page.formulaire.libres.count() == 2
    page.formulaire.libres.setCurrentRow(0)  # the demo's own free mission goes
    page.formulaire.retirer_mission.click()

    qtbot.keyClick(catalogue, Qt.Key.Key_S, CTRL)
    attendu = dataclasses.replace(
        avant,
        missions=avant.missions - {Mission.ANALYSE_PARTAGEE} | {Mission.DEVELOPPEMENT_SOCIAL},
        missions_libres=("Veille sur le non-recours",),
    )
    assert fiche(base_demo) == attendu
    page.contexte.pile.undo()
    assert fiche(base_demo) == avant
    etats = {catalogue.item(r).text(): catalogue.item(r).checkState() for r in range(catalogue.count())}
    assert etats[Mission.ANALYSE_PARTAGEE.libelle] == Qt.CheckState.Checked


def test_ajouter_et_retirer_des_structures_porteuses(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    avant = fiche(base_demo)
    assert avant is not None
    f = page.formulaire
    assert [f.porteurs.item(r).text() for r in range(f.porteurs.count())] == [
        "Conseil départemental de la Vallée-du-Lys",
        "Direction départementale de l'emploi, du travail et des solidarités",
    ]
    f.structure_a_ajouter.setFocus()
    qtbot.keyClicks(f.structure_a_ajouter, "Caisse")  # no space: it would open the list
    assert f.structure_a_ajouter.currentText() == "Caisse d'allocations familiales"
    f.ajouter_porteur.click()
    assert f.structure_a_ajouter.findText("Caisse d'allocations familiales") == -1  # no longer offered
    f.porteurs.setCurrentRow(f.porteurs.count() - 1)  # sorted by name: the DDETS is last
    f.retirer_porteur.click()
    assert page.enregistrer()
    with base_demo.session_scope() as s:
        noms = {st.nom for st in service.lire(s).structures if st.id in (service.lire_fiche(s) or avant).porteurs}
    assert noms == {"Conseil départemental de la Vallée-du-Lys", "Caisse d'allocations familiales"}
    assert page.contexte.pile.undoText() == "Modifier le comité : structures porteuses"


def test_presidence_et_vice_presidence_en_lecture_seule(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    f = page.formulaire
    assert f.presidence.text() == "Hélène Marchetti (Conseil départemental de la Vallée-du-Lys)"
    assert f.vice_presidence.text() == (
        "Claire Duval (Direction départementale de l'emploi, du travail et des solidarités), "
        "Aïcha N'Diaye (Maison départementale des solidarités du Nord-Lys)"
    )
    assert isinstance(f.presidence, QLabel) and isinstance(f.vice_presidence, QLabel)  # shown, not edited
    assert "page Membres" in f.identite.findChild(QLabel, "aide_presidence").text()


def test_chaque_champ_se_atteint_par_tab(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)

    def parcours(depart: QWidget, nombre: int) -> list[str]:
        depart.setFocus()
        noms = []
        for _ in range(nombre):
            courant = QApplication.focusWidget()
            noms.append(courant.accessibleName())
            qtbot.keyClick(courant, Qt.Key.Key_Tab)
        return [nom for i, nom in enumerate(noms) if i == 0 or nom != noms[i - 1]]  # a date edit has 3 stops

    f = page.formulaire
    assert parcours(f.nom, 13) == [
        "Nom du comité",
        "Type de territoire",
        "Territoire",
        "Nature du comité",
        "Date d'installation connue",
        "Date d'installation",
        "Mode de présidence",
        "En-tête des documents",
        "Structures porteuses",
        "Structure à ajouter aux porteuses",
        "Ajouter la structure aux porteuses",
    ]
    page.onglets.setCurrentIndex(2)
    assert parcours(f.textes["thematiques"], 8) == [
        "Thématiques des échanges",
        "Règles de saisine",
        "Début de la pause estivale",
        "Fin de la pause estivale",
        "Secrétariat",
        "Rythme des réunions",
        "Moyens humains",
        "Moyens financiers",
    ]


def test_un_brouillon_survit_a_un_rechargement_et_annuler_les_modifications_le_jette(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    remplacer(qtbot, page.formulaire.territoire, "Brouillon")
    page.contexte.donnees_modifiees.emit()  # an edit elsewhere reloads every page
    assert page.formulaire.territoire.text() == "Brouillon" and page.modifications_en_cours()

    vus: list[Modal] = []
    quand_modal(cliquer("Annuler"), vus)  # second thoughts: keep typing
    page.bouton_annuler.click()
    assert page.formulaire.territoire.text() == "Brouillon"
    quand_modal(cliquer("Abandonner"), vus)
    page.bouton_annuler.click()
    assert [v.titre for v in vus] == ["Annuler les modifications"] * 2
    assert page.formulaire.territoire.text() == "Vallée-du-Lys" and not page.modifications_en_cours()


def test_la_fenetre_demande_avant_de_perdre_un_brouillon_et_annule_par_son_menu(qtbot, base_demo, tmp_path):
    fenetre = FenetrePrincipale(base_demo)
    fenetre.memoriser_en_quittant = False
    qtbot.addWidget(fenetre)
    fenetre.show()
    fenetre.navigation.setCurrentRow(1)
    page = fenetre.page_courante()
    assert isinstance(page, PageComite)
    remplacer(qtbot, page.formulaire.territoire, "Val")
    assert page.enregistrer()
    fenetre.action_annuler.trigger()  # Édition › Annuler (Ctrl+Z)
    assert page.formulaire.territoire.text() == "Vallée-du-Lys"
    fenetre.action_retablir.trigger()
    assert page.formulaire.territoire.text() == "Val"

    remplacer(qtbot, page.formulaire.territoire, "Brouillon")
    vus: list[Modal] = []
    quand_modal(fermer, vus)
    try:
        assert not fenetre.close()  # Cancel: the window stays, the draft too
        assert vus[0].texte == "La page « Comité » a des modifications non enregistrées. Les abandonner ?"
        assert page.formulaire.territoire.text() == "Brouillon"
    finally:
        page.formulaire.charger(page._reference)  # so that closing never waits for an answer
    assert fenetre.close()


# --- collèges ----------------------------------------------------------------------------------------------


def test_ajouter_un_college_au_clavier_par_le_dialogue(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    page.onglets.setCurrentIndex(3)
    assert page.colleges.modele.rowCount() == 6

    def saisir(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueCollege)
        assert dialogue.windowTitle() == "Nouveau collège"
        qtbot.keyClicks(dialogue.nom, "Jeunes en insertion")
        qtbot.keyClick(dialogue.nom, Qt.Key.Key_Tab)
        assert dialogue.focusWidget() is dialogue.categorie
        qtbot.keyClicks(dialogue.categorie, "Pers")  # typing a label's first letters picks it
        assert dialogue.categorie.currentText() == "Personnes accompagnées"
        qtbot.keyClick(dialogue.categorie, Qt.Key.Key_Return)  # the default button: Enregistrer

    vus: list[Modal] = []
    quand_modal(saisir, vus)
    page.colleges.bouton_ajouter.click()
    assert vus and vus[0].resultat == QDialog.DialogCode.Accepted
    with base_demo.session_scope() as s:
        nouveau = s.scalar(select(College).where(College.nom == "Jeunes en insertion"))
        assert nouveau is not None and nouveau.categorie is CategorieCollege.PERSONNES_ACCOMPAGNEES
        assert nouveau.ordre == 7
    assert page.colleges.modele.rowCount() == 7
    assert page.colleges.id_selectionne() == nouveau.id  # the new row is selected
    page.contexte.pile.undo()
    assert page.colleges.modele.rowCount() == 6
    assert page.contexte.pile.redoText() == "Ajouter le collège « Jeunes en insertion »"


def test_le_dialogue_d_un_college_reste_ouvert_tant_que_le_nom_est_refuse(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    dialogue = page.dialogue_college()
    qtbot.addWidget(dialogue)
    dialogue.show()
    dialogue.accept()  # empty: the name is refused first
    assert dialogue.messages["nom"].text() == "⚠ Le nom du collège est obligatoire."
    qtbot.keyClicks(dialogue.nom, "travailleurs SOCIAUX")
    dialogue.accept()
    assert dialogue.messages["nom"].text() == "⚠ Un collège porte déjà le nom « Travailleurs sociaux »."
    remplacer(qtbot, dialogue.nom, "Bénévoles")
    qtbot.keyClick(dialogue.nom, Qt.Key.Key_Return)
    assert dialogue.messages["categorie"].text() == "⚠ Choisissez la catégorie du collège."
    assert dialogue.isVisible() and page.contexte.pile.count() == 0


def test_modifier_un_college_par_entree_sur_sa_ligne(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    page.onglets.setCurrentIndex(3)
    page.colleges.tableau.setFocus()
    page.colleges.tableau.selectRow(5)
    identifiant = page.colleges.id_selectionne()
    dialogues: list[Modal] = []

    def renommer(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueCollege) and dialogue.nom.text() == "Personnalités qualifiées"
        remplacer(qtbot, dialogue.nom, "Personnes qualifiées")
        qtbot.keyClick(dialogue.nom, Qt.Key.Key_Return)

    quand_modal(renommer, dialogues)
    qtbot.keyClick(page.colleges.tableau, Qt.Key.Key_Return)
    assert dialogues and page.colleges.modele.ligne(5).nom == "Personnes qualifiées"
    assert page.colleges.id_selectionne() == identifiant
    page.contexte.pile.undo()
    assert page.colleges.modele.ligne(5).nom == "Personnalités qualifiées"


def test_supprimer_un_college_inutilise_avec_confirmation_puis_annuler(qtbot, base_demo):
    with base_demo.session_scope() as s:
        libre = service.creer_college(s, "Invités", CategorieCollege.AUTRE)
    page = ouvrir(qtbot, base_demo)
    page.onglets.setCurrentIndex(3)
    page.colleges.selectionner(libre)
    vus: list[Modal] = []
    quand_modal(cliquer("Annuler"), vus)
    qtbot.keyClick(page.colleges.tableau, Qt.Key.Key_Delete)
    with base_demo.session_scope() as s:
        assert s.get(College, libre) is not None
    quand_modal(cliquer("Supprimer"), vus)
    page.colleges.bouton_supprimer.click()
    assert [v.texte for v in vus] == ["Supprimer le collège « Invités » ?"] * 2
    with base_demo.session_scope() as s:
        assert s.get(College, libre) is None
    page.contexte.pile.undo()
    with base_demo.session_scope() as s:
        assert s.get(College, libre) is not None
    assert page.colleges.modele.rang_de(libre) == 6


def test_un_college_utilise_ne_se_supprime_pas(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    page.onglets.setCurrentIndex(3)
    page.colleges.tableau.selectRow(0)
    vus: list[Modal] = []
    quand_modal(fermer, vus)
    page.colleges.bouton_supprimer.click()
    assert vus[0].titre == "Supprimer un collège"
    assert vus[0].texte.startswith(
        "Le collège « Élus et décideurs » ne peut pas être supprimé : 17 mandats y sont rattachés"
    )
    assert page.colleges.modele.rowCount() == 6 and page.contexte.pile.count() == 0


def test_monter_et_descendre_un_college(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    page.onglets.setCurrentIndex(3)
    noms = [c.nom for c in page.colleges.modele.lignes]
    page.colleges.tableau.setFocus()
    page.colleges.tableau.selectRow(0)
    assert not page.colleges.bouton_monter.isEnabled() and page.colleges.bouton_descendre.isEnabled()
    qtbot.keyClick(page.colleges.tableau, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [c.nom for c in page.colleges.modele.lignes] == [noms[1], noms[0], *noms[2:]]
    assert page.colleges.rang_selectionne() == 1  # the moved row stays selected
    page.colleges.bouton_monter.click()
    assert [c.nom for c in page.colleges.modele.lignes] == noms
    page.contexte.pile.undo()
    page.contexte.pile.undo()
    assert [c.nom for c in page.colleges.modele.lignes] == noms
    assert page.contexte.pile.index() == 0


# --- instances ---------------------------------------------------------------------------------------------


def test_une_instance_utilisee_ne_se_supprime_pas_et_le_message_le_dit(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    page.onglets.setCurrentIndex(4)
    page.instances.tableau.setFocus()
    page.instances.tableau.selectRow(0)
    with base_demo.session_scope() as s:
        attendu = service.motif_refus_suppression_instance(s, page.instances.id_selectionne() or 0)
    vus: list[Modal] = []
    quand_modal(fermer, vus)
    qtbot.keyClick(page.instances.tableau, Qt.Key.Key_Delete)
    assert len(vus) == 1
    assert vus[0].titre == "Supprimer une instance"
    assert vus[0].texte == attendu
    assert vus[0].texte.startswith("L'instance « Assemblée plénière » ne peut pas être supprimée : elle a 51 mandats")
    with base_demo.session_scope() as s:
        assert s.scalar(select(Instance.id).where(Instance.nom == "Assemblée plénière")) is not None
    assert page.contexte.pile.count() == 0


def test_modifier_le_delai_d_une_instance_au_clavier_puis_annuler(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    page.onglets.setCurrentIndex(4)
    page.instances.selectionner(page.instances.modele.ligne(1).id)  # Bureau
    dialogue = page.dialogue_instance(page.instances.id_selectionne())
    qtbot.addWidget(dialogue)
    dialogue.show()
    assert dialogue.windowTitle() == "Modifier l'instance" and dialogue.delai.value() == 8
    dialogue.delai.setFocus()
    dialogue.delai.selectAll()
    qtbot.keyClicks(dialogue.delai, "1")
    assert dialogue.delai.text() == "1 jour"
    qtbot.keyClicks(dialogue.delai, "0")
    assert dialogue.delai.text() == "10 jours"
    qtbot.keyClick(dialogue.delai, Qt.Key.Key_Return)
    assert dialogue.result() == QDialog.DialogCode.Accepted
    assert page.instances.modele.ligne(1).delai_convocation_jours == 10
    assert page.instances.modele.data(page.instances.modele.index(1, 5)) == "10 jours"
    assert page.contexte.pile.undoText() == "Modifier l'instance « Bureau »"
    page.contexte.pile.undo()
    assert page.instances.modele.ligne(1).delai_convocation_jours == 8


def test_le_quorum_au_dessus_de_un_est_signale_aussitot(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    dialogue = page.dialogue_instance()
    qtbot.addWidget(dialogue)
    dialogue.show()
    enregistrer = dialogue.boutons.button(QDialogButtonBox.StandardButton.Ok)
    assert (dialogue.numerateur.value(), dialogue.denominateur.value(), dialogue.delai.value()) == (1, 2, 5)
    dialogue.numerateur.setFocus()
    dialogue.numerateur.selectAll()
    qtbot.keyClicks(dialogue.numerateur, "3")
    assert dialogue.message_quorum.text() == "⚠ Le quorum ne peut pas dépasser 2/2 : c'est une part des sièges."
    assert not enregistrer.isEnabled()
    dialogue.denominateur.setValue(4)
    assert not dialogue.message_quorum.isVisible() and enregistrer.isEnabled()


def test_ajouter_une_instance_sans_type_est_refuse_puis_accepte(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    dialogue = page.dialogue_instance()
    qtbot.addWidget(dialogue)
    dialogue.show()
    qtbot.keyClicks(dialogue.nom, "Commission jeunesse")
    dialogue.accept()
    assert dialogue.messages["type"].text() == "⚠ Choisissez le type de l'instance."
    dialogue.type.setFocus()
    qtbot.keyClicks(dialogue.type, "Groupe")
    dialogue.numerateur.setValue(0)
    dialogue.pouvoirs_comptes.setChecked(False)
    assert not dialogue.pouvoirs_max.isEnabled()
    dialogue.accept()
    assert dialogue.result() == QDialog.DialogCode.Accepted
    with base_demo.session_scope() as s:
        cree = s.get(Instance, dialogue.identifiant)
        assert cree is not None and cree.type is TypeInstance.GROUPE_TRAVAIL
        assert (cree.quorum_numerateur, cree.pouvoirs_comptes, cree.ordre) == (0, False, 8)
    page.instances.selectionner(dialogue.identifiant)
    assert page.instances.modele.data(page.instances.modele.index(7, 3)) == "aucun"
    page.contexte.pile.undo()
    with base_demo.session_scope() as s:
        assert s.get(Instance, dialogue.identifiant) is None


# --- read-only base, captures ------------------------------------------------------------------------------


def test_une_base_en_lecture_seule_se_consulte_sans_rien_modifier(qtbot, base_demo):
    chemin = base_demo.chemin
    base_demo.fermer()
    lecture = db.ouvrir(chemin, lecture_seule=True)
    try:
        page = ouvrir(qtbot, lecture)
        assert page.bandeau.isVisible() and "lecture seule" in page.bandeau.text()
        assert page.formulaire.nom.isReadOnly() and not page.formulaire.catalogue.isEnabled()
        page.formulaire.nom.setReadOnly(False)  # even if a field were typed into…
        remplacer(qtbot, page.formulaire.nom, "Autre")
        assert page.enregistrer() is False and not page.bouton_enregistrer.isEnabled()
        assert not page.colleges.bouton_ajouter.isEnabled() and not page.instances.bouton_ajouter.isEnabled()
        page.instances.tableau.selectRow(0)
        assert not page.instances.bouton_supprimer.isEnabled()
        page.formulaire.charger(page._reference)
    finally:
        lecture.fermer()
    with db.ouvrir(chemin).session_scope() as s:
        assert s.scalar(select(Comite.nom)) != "Autre"


def test_les_dialogues_pour_captures_sont_remplis(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    dialogues = dict(page.dialogues_pour_captures())
    assert set(dialogues) == {"Collège", "Instance"}
    college, instance = dialogues["Collège"], dialogues["Instance"]
    assert isinstance(college, DialogueCollege) and college.nom.text() == "Élus et décideurs"
    assert isinstance(instance, DialogueInstance) and instance.nom.text() == "Assemblée plénière"
    for dialogue in dialogues.values():
        qtbot.addWidget(dialogue)


def test_la_pause_estivale_se_modifie_et_se_verifie(qtbot, base_demo):
    page = ouvrir(qtbot, base_demo)
    f = page.formulaire
    assert (f.pause_debut.text(), f.pause_fin.text()) == ("14/07", "31/08")
    f.pause_debut.setText("31/02")
    page.enregistrer()
    assert "31/02" in f.messages["pause"].text()
    assert fiche(base_demo).pause_debut == "07-14"  # refused: nothing written
    f.pause_debut.setText("1/8")
    f.pause_fin.setText("20/08")
    page.enregistrer()
    assert (fiche(base_demo).pause_debut, fiche(base_demo).pause_fin) == ("08-01", "08-20")
    f.pause_debut.clear()
    f.pause_fin.clear()
    page.enregistrer()
    assert (fiche(base_demo).pause_debut, fiche(base_demo).pause_fin) == ("", "")
