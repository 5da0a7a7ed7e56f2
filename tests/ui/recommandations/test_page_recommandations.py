"""The Recommandations page driven like a user: the register filtered and searched, a new text with Ctrl+N, its
deletion (asked first, drafts only), the workflow (submit, adopt at a held meeting of the ethics instance,
withdraw) and the publication gate (refused without consent, its reason shown; consent recorded, the
anonymisation validated by a second person, then published), each undone with the context's undo stack."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from sqlalchemy import select

from app import db
from app.modeles import Recommandation
from app.modeles.enumerations import NatureRecommandation, StatutRecommandation
from app.services import recommandations, saisines
from app.ui.annuaire.formulaire import date_de
from app.ui.annuaire.tableaux import selectionner
from app.ui.fenetre_principale import PAGES, FenetrePrincipale
from app.ui.pages.recommandations import PageRecommandations
from app.ui.recommandations.dialogue_adoption import DialogueAdoption
from app.ui.recommandations.dialogue_anonymisation import DialogueAnonymisation
from app.ui.recommandations.dialogue_nouvelle import DialogueNouvelle
from app.ui.recommandations.dialogue_publication import DialoguePublication
from app.ui.recommandations.dialogue_retrait import MOTIF_OBLIGATOIRE, DialogueRetrait
from tests.ui.annuaire.outils import CTRL, activer, cliquer, quand_modal, taper
from tests.ui.recommandations.conftest import AUJOURDHUI, REDACTRICE, RELECTEUR, Comite

R = StatutRecommandation


def numeros(page: PageRecommandations) -> list[str]:
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def choisir(page: PageRecommandations, recommandation_id: int) -> None:
    assert selectionner(page.vue, page.proxy, recommandation_id)
    assert page.detail is not None and page.detail.fiche.id == recommandation_id


def etapes_offertes(page: PageRecommandations) -> list[str]:
    return [b.text().replace("&", "") for b in page.boutons_etape.values() if not b.isHidden()]


def en_base(base, recommandation_id: int) -> tuple[R, dt.date | None, dt.date | None, str] | None:
    with base.session_scope() as s:
        r = s.get(Recommandation, recommandation_id)
        return None if r is None else (r.statut, r.adoptee_le, r.publiee_le, r.anonymisation_validee_par)


def test_registre_filtres_recherche_et_colonnes(qtbot, page, comite: Comite, qtmodeltester):
    assert page.compte.text() == "2 textes" and page.separateur.objectName() == "separateur_recommandations"
    assert numeros(page) == ["REC-2026-001", "REC-2025-001"]  # the latest on top, and chosen
    assert page.recommandation_selectionnee() == comite.projet
    assert [page.proxy.index(1, c).data() for c in range(8)] == [
        "REC-2025-001",
        "Avis",
        "Signaler sans l'accord de la famille",
        "SAI-2025-001",
        "Publiée",
        "12/06/2025",
        "01/07/2025",
        "Oui",
    ]
    assert [page.proxy.index(0, c).data() for c in (3, 4, 5, 6, 7)] == ["SAI-2026-001", "Projet", "—", "—", "Non"]
    assert "séance ETH-2025-02" in page.proxy.index(1, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert [page.modele.headerData(c, Qt.Orientation.Horizontal) for c in range(8)] == [
        "Numéro",
        "Nature",
        "Titre",
        "Saisines liées",
        "Statut",
        "Adoptée le",
        "Publiée le",
        "Publication autorisée",
    ]

    page.filtre_annee.setCurrentIndex(page.filtre_annee.findText("2025"))
    assert numeros(page) == ["REC-2025-001"] and page.compte.text() == "1 texte sur 2"
    page.filtre_annee.setCurrentIndex(0)
    page.filtre_statut.setCurrentIndex(page.filtre_statut.findText("Projet"))
    assert numeros(page) == ["REC-2026-001"]
    page.filtre_statut.setCurrentIndex(0)
    page.rechercher()  # Ctrl+F
    assert page.recherche.hasFocus()
    taper(qtbot, page.recherche, "SAI-2025-001")  # by a linked referral's number
    assert numeros(page) == ["REC-2025-001"]
    page.recherche.clear()
    taper(qtbot, page.recherche, "ecole partage")  # accents and case do not matter; themes count too
    assert numeros(page) == ["REC-2026-001"]
    page.recherche.clear()
    qtmodeltester.check(page.modele)
    qtmodeltester.check(page.proxy)


def test_ctrl_n_cree_un_texte_puis_l_annulation_le_supprime(qtbot, base, page, comite: Comite):
    pile = page.contexte.pile
    vus: list[QWidget] = []

    def nouvelle(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueNouvelle) and dialogue.focusWidget() is dialogue.titre
        assert "REC-2026-002" in " ".join(label.text() for label in dialogue.findChildren(QLabel))
        # Only the referrals whose anonymisation is validated can be linked.
        assert [dialogue.saisines.item(r).text() for r in range(dialogue.saisines.count())] == [
            "SAI-2025-001",
            "SAI-2026-001",
            "SAI-2026-002",
        ]
        dialogue.accept()  # no title: refused under the field
        assert dialogue.isVisible() and dialogue.messages["titre"].text() == "⚠ Le titre est obligatoire."
        dialogue.nature.setCurrentIndex(dialogue.nature.findText("Recommandation"))
        taper(qtbot, dialogue.titre, "Les messageries instantanées")
        dialogue.saisines.item(2).setCheckState(Qt.CheckState.Checked)
        dialogue.accept()

    quand_modal(nouvelle, vus, DialogueNouvelle)
    page.vue.setFocus()
    qtbot.keyClick(page.vue, Qt.Key.Key_N, CTRL)  # inside the page, Ctrl+N is a new text
    assert len(vus) == 1 and vus[0].result() == QDialog.DialogCode.Accepted
    with base.session_scope() as s:
        creee = s.scalar(select(Recommandation).where(Recommandation.numero == "REC-2026-002"))
        assert creee is not None and creee.nature is NatureRecommandation.RECOMMANDATION
        assert creee.texte == "## Cadre\n\n\n\n## Analyse\n\n\n\n## Options" and creee.statut is R.PROJET
        assert [v.auteur for v in creee.versions] == [db.utilisateur_systeme()]
        creee_id = creee.id
        assert recommandations.fiche_recommandation(s, creee_id).saisines == (comite.autosaisine,)
    # Chosen, and the cursor in its text, under the template's sections.
    assert page.recommandation_selectionnee() == creee_id and page.compte.text() == "3 textes"
    assert page.onglets.currentWidget() is page.texte and page.window().focusWidget() is page.texte.editeur.zone
    assert page.texte.editeur.zone.toPlainText().split() == ["Cadre", "Analyse", "Options"]
    assert pile.undoText() == "Créer le texte « Les messageries instantanées »"
    pile.undo()
    assert en_base(base, creee_id) is None and page.compte.text() == "2 textes"
    pile.redo()  # the same draft again, under its own number and id
    assert numeros(page)[0] == "REC-2026-002" and en_base(base, creee_id) is not None
    pile.undo()
    dialogue = page.dialogue_nouvelle()
    qtbot.addWidget(dialogue)
    # REC-2026-002 was given (then undone): the next text never takes it again.
    assert "le numéro REC-2026-003 à l'enregistrement" in " ".join(e.text() for e in dialogue.findChildren(QLabel))


def test_ctrl_n_dans_la_fenetre_ouvre_un_nouveau_texte_et_pas_une_nouvelle_base(qtbot, base, comite: Comite):
    fenetre = FenetrePrincipale(base)
    fenetre.memoriser_en_quittant = False
    qtbot.addWidget(fenetre)
    fenetre.show()
    fenetre.navigation.setCurrentRow([e.titre for e in PAGES].index("Recommandations"))
    page = fenetre.page_courante()
    assert isinstance(page, PageRecommandations)
    fenetre.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is fenetre)
    page.vue.setFocus()
    vus: list[QWidget] = []
    quand_modal(lambda _d: None, vus, QDialog)
    qtbot.keyClick(page.vue, Qt.Key.Key_N, CTRL)
    assert len(vus) == 1 and isinstance(vus[0], DialogueNouvelle)


def test_supprimer_un_projet_apres_confirmation_seulement_et_l_annuler(qtbot, base, page, comite: Comite):
    pile = page.contexte.pile
    vus: list[QWidget] = []
    textes: list[str] = []
    choisir(page, comite.ancienne)
    quand_modal(lambda _boite: None, vus, textes=textes)
    page.supprimer()  # published: it stays in the register, and the message says why
    assert "REC-2025-001 est « publiée » : elle reste au registre" in textes[-1]
    assert en_base(base, comite.ancienne) is not None

    choisir(page, comite.projet)
    quand_modal(cliquer("Annuler"), vus, textes=textes)  # asks first; « Annuler » keeps it
    page.bouton_supprimer.click()
    assert en_base(base, comite.projet) is not None
    assert "Supprimer le projet REC-2026-001 « Partager une information avec l'école » et sa version ?" in (textes[-1])
    quand_modal(cliquer("Supprimer"), vus, textes=textes)
    activer(qtbot, page.vue)
    qtbot.keyClick(page.vue, Qt.Key.Key_Delete)
    assert en_base(base, comite.projet) is None and numeros(page) == ["REC-2025-001"]
    assert pile.undoText() == "Supprimer le projet REC-2026-001"
    pile.undo()  # back as a draft, with its title, text, themes and links
    with base.session_scope() as s:
        revenue = s.scalar(
            select(Recommandation).where(Recommandation.titre == "Partager une information avec l'école")
        )
        assert revenue is not None and revenue.statut is R.PROJET
        assert (revenue.id, revenue.numero) == (comite.projet, "REC-2026-001")  # its own id and number
        fiche = recommandations.fiche_recommandation(s, revenue.id)
        assert fiche.saisines == (comite.saisine,) and [v.auteur for v in revenue.versions] == [REDACTRICE]
        revenue_id = revenue.id
    pile.redo()
    assert en_base(base, revenue_id) is None
    pile.undo()  # put back once more
    assert numeros(page) == ["REC-2026-001", "REC-2025-001"]


def test_soumettre_adopter_a_une_seance_tenue_de_l_instance_ethique_et_annuler(qtbot, base, page, comite: Comite):
    pile = page.contexte.pile
    choisir(page, comite.projet)
    assert etapes_offertes(page) == ["Soumettre", "Retirer…"]
    assert page.etat.text() == "<b>REC-2026-001</b> · projet"
    page.boutons_etape["soumettre"].click()
    assert en_base(base, comite.projet)[0] is R.SOUMISE
    assert etapes_offertes(page) == ["Remettre en projet", "Adopter…", "Valider l'anonymisation…", "Retirer…"]
    vus: list[QWidget] = []

    def adopter(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueAdoption) and dialogue.focusWidget() is dialogue.seance
        # Held meetings of the ethics instance only, since the text was written: not the planned one, not the
        # plenary, not the one of June 2025.
        assert [dialogue.seance.itemText(r) for r in range(dialogue.seance.count())] == [
            "ETH-2026-01 — 10 mars 2026",
        ]
        dialogue.accept()

    quand_modal(adopter, vus, DialogueAdoption)
    page.boutons_etape["adopter"].click()
    assert len(vus) == 1
    assert en_base(base, comite.projet)[:2] == (R.ADOPTEE, AUJOURDHUI)
    assert page.proxy.index(0, 5).data() == "10/03/2026"
    assert page.texte.editeur.zone.isReadOnly()  # adopted: its text can no longer change
    assert pile.undoText() == "Adopter REC-2026-001"
    pile.undo()
    assert en_base(base, comite.projet)[:2] == (R.SOUMISE, None) and not page.texte.editeur.zone.isReadOnly()
    pile.undo()
    assert en_base(base, comite.projet)[0] is R.PROJET
    pile.redo()
    pile.redo()
    assert en_base(base, comite.projet)[0] is R.ADOPTEE

    # Back to draft, then withdrawn with its reason.
    pile.undo()
    page.boutons_etape["projet"].click()
    assert en_base(base, comite.projet)[0] is R.PROJET

    def retirer(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueRetrait)
        dialogue.accept()  # an empty reason is refused, under the field
        assert dialogue.isVisible() and dialogue.messages["motif"].text() == f"⚠ {MOTIF_OBLIGATOIRE}"
        taper(qtbot, dialogue.motif, "Question devenue sans objet")
        dialogue.accept()

    quand_modal(retirer, vus, DialogueRetrait)
    page.boutons_etape["retirer"].click()
    assert en_base(base, comite.projet)[0] is R.RETIREE and etapes_offertes(page) == []
    assert "Motif du retrait : Question devenue sans objet" in page.proxy.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    pile.undo()
    assert en_base(base, comite.projet)[0] is R.PROJET


def test_pas_d_adoption_sans_seance_tenue_de_l_instance_ethique(qtbot, base, page, comite: Comite):
    from app.modeles import Seance
    from app.modeles.enumerations import StatutSeance

    with base.session_scope() as s:
        for seance_id in (comite.seance_tenue,):
            s.get(Seance, seance_id).statut = StatutSeance.CONVOQUEE
        s.scalar(select(Seance).where(Seance.reference == "ETH-2025-02")).statut = StatutSeance.ANNULEE
        recommandations.soumettre(s, comite.projet)
    page.rafraichir()
    choisir(page, comite.projet)
    adopter = page.boutons_etape["adopter"]
    assert not adopter.isHidden() and not adopter.isEnabled()
    assert "Aucune séance tenue de l'instance éthique" in adopter.toolTip()


def test_la_publication_attend_le_consentement_et_la_validation_par_une_deuxieme_personne(
    qtbot, base, page, comite: Comite
):
    pile = page.contexte.pile
    with base.session_scope() as s:
        recommandations.soumettre(s, comite.projet)
        recommandations.adopter(s, comite.projet, comite.seance_tenue)
    page.rafraichir()
    choisir(page, comite.projet)
    publier = page.boutons_etape["publier"]
    assert etapes_offertes(page) == ["Valider l'anonymisation…", "Publier…", "Retirer…"]
    # Refused: the requester of SAI-2026-001 has not consented; the reason is shown, on the button and below it.
    assert not publier.isEnabled()
    assert "Le consentement du demandeur à la publication n'est pas enregistré pour SAI-2026-001" in publier.toolTip()
    assert page.refus.isVisibleTo(page) and publier.toolTip() in page.refus.text()
    page.onglets.setCurrentWidget(page.publication)
    valeurs = page.publication.valeurs
    assert "SAI-2026-001 : Non" in valeurs["Consentement des demandeurs"].text()
    assert "✗" in valeurs["Publication"].text() and "Pas encore possible" in valeurs["Publication"].text()
    assert "Adopté le 10" in valeurs["Adoption"].text() and "ETH-2026-01" in valeurs["Adoption"].text()
    page.etape("publier")  # a disabled step does nothing
    assert en_base(base, comite.projet)[0] is R.ADOPTEE

    # The consent is recorded in the referral's record (the Saisines page does it).
    with base.session_scope() as s:
        fiche = saisines.fiche_saisine(s, comite.saisine)
        saisines.modifier_saisine(s, replace(fiche, consentement_publication=True, consentement_le=AUJOURDHUI))
    page.contexte.donnees_modifiees.emit()
    assert "SAI-2026-001 : Oui, le 10" in valeurs["Consentement des demandeurs"].text()
    assert not publier.isEnabled() and "L'anonymisation du texte de REC-2026-001 n'a pas été validée" in (
        publier.toolTip()
    )
    assert "À faire valider par une deuxième personne" in valeurs["Anonymisation du texte"].text()
    assert f"est de {REDACTRICE}" in valeurs["Anonymisation du texte"].text()

    vus: list[QWidget] = []

    def valider(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueAnonymisation)
        assert dialogue.aucun.isVisibleTo(dialogue) and dialogue.case.isHidden()  # nothing found in this text
        dialogue.par.setText(REDACTRICE.upper())  # the author of the last version: another person must do it
        dialogue.accept()
        assert dialogue.isVisible() and "une autre personne doit la relire" in dialogue.messages["par"].text()
        dialogue.par.setText(RELECTEUR)
        dialogue.accept()

    quand_modal(valider, vus, DialogueAnonymisation)
    page.boutons_etape["anonymisation"].click()
    assert len(vus) == 1 and en_base(base, comite.projet)[3] == RELECTEUR
    anonymisation = page.boutons_etape["anonymisation"]
    assert not anonymisation.isEnabled() and f"validée par {RELECTEUR} le 10 mars 2026" in anonymisation.toolTip()
    assert publier.isEnabled() and page.refus.isHidden()
    assert "✓</span> Autorisée" in valeurs["Publication"].text()
    assert page.proxy.index(0, 7).data() == "Oui"

    def publier_le(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialoguePublication) and date_de(dialogue.date) == AUJOURDHUI
        dialogue.accept()

    quand_modal(publier_le, vus, DialoguePublication)
    publier.click()
    assert en_base(base, comite.projet)[:3] == (R.PUBLIEE, AUJOURDHUI, AUJOURDHUI)
    assert page.proxy.index(0, 6).data() == "10/03/2026" and etapes_offertes(page) == []
    assert "✓</span> Publié le 10" in valeurs["Publication"].text()
    assert pile.undoText() == "Publier REC-2026-001"
    pile.undo()
    assert en_base(base, comite.projet)[:3] == (R.ADOPTEE, AUJOURDHUI, None) and publier.isEnabled()
    pile.undo()  # the sign-off too
    assert en_base(base, comite.projet)[3] == "" and not publier.isEnabled()
    pile.redo()
    pile.redo()
    assert en_base(base, comite.projet)[:3] == (R.PUBLIEE, AUJOURDHUI, AUJOURDHUI)


def test_une_autosaisine_ne_demande_aucun_consentement(qtbot, base, page, comite: Comite):
    with base.session_scope() as s:
        fiche = recommandations.fiche_recommandation(s, comite.projet)
        recommandations.modifier_recommandation(s, replace(fiche, saisines=(comite.autosaisine,)), REDACTRICE)
    page.rafraichir()
    choisir(page, comite.projet)
    texte = page.publication.valeurs["Consentement des demandeurs"].text()
    assert "SAI-2026-002 : Non requis (autosaisine)" in texte and "✓" in texte


def test_les_elements_identifiants_signales_demandent_une_confirmation_explicite(qtbot, base, page, comite: Comite):
    with base.session_scope() as s:
        fiche = recommandations.fiche_recommandation(s, comite.projet)
        texte = fiche.texte + "\n\nLa famille est joignable au 06 12 34 56 78."
        recommandations.modifier_recommandation(s, replace(fiche, texte=texte), REDACTRICE)
        recommandations.soumettre(s, comite.projet)
    page.rafraichir()
    choisir(page, comite.projet)
    vus: list[QWidget] = []

    def valider(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueAnonymisation)
        signales = dialogue.constats.toPlainText()
        assert "Numéro de téléphone" in signales and "06 12 34 56 78" in signales
        assert not dialogue.case.isHidden() and not dialogue.case.isChecked()
        dialogue.par.setText(RELECTEUR)
        dialogue.accept()  # not confirmed: refused, the reason under the box
        assert dialogue.isVisible() and "confirmez les avoir examinés" in dialogue.messages["signalements"].text()
        assert en_base(base, comite.projet)[3] == ""
        dialogue.case.setChecked(True)
        dialogue.accept()

    quand_modal(valider, vus, DialogueAnonymisation)
    page.boutons_etape["anonymisation"].click()
    assert len(vus) == 1 and vus[0].result() == QDialog.DialogCode.Accepted
    assert en_base(base, comite.projet)[3] == RELECTEUR
    page.contexte.pile.undo()
    assert en_base(base, comite.projet)[3] == ""
