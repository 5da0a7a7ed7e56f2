"""The detail's other tabs: the referral's form (saved, refused under the field, undone), the follow-up and its
dispatches to the HCTS, the requester's identity (saved and undone, never anywhere else)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QWidget
from sqlalchemy import select

from app.modeles import DemandeurSaisine, EchangeHcts, Saisine
from app.modeles.enumerations import StatutSaisine, ThemeEthique
from app.ui.saisines.hcts import DialogueEscalade, DialogueReponseHcts
from tests.ui.annuaire.outils import quand_modal, taper
from tests.ui.saisines.conftest import SECRETAIRE, choisir, numeros, ouvrir

S = StatutSaisine


def test_la_fiche_de_la_saisine_s_enregistre_et_s_annule(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    pile = page.contexte.pile
    choisir(page, comite, "SAI-2026-003")
    fiche = page.fiche
    valeurs = {nom: etiquette.text() for nom, etiquette in fiche.valeurs.items()}
    assert valeurs["Numéro"] == "SAI-2026-003" and valeurs["Enregistrée par"] == SECRETAIRE
    assert valeurs["Accusé de réception"] == "envoyé le 3 février 2026"
    assert valeurs["Avis"] == "dû le 11 mai 2026"
    assert valeurs["Pause estivale"] == "du 14 juillet au 31 août : ces jours ne comptent pas dans les délais"
    assert valeurs["Anonymisation"] == "à valider par une deuxième personne (onglet Question)"
    assert fiche.rapporteurs.valeur() == (comite["anne"],) and fiche.echeance.isEnabled()
    assert not fiche.bouton_enregistrer.isEnabled()

    fiche.themes.cases[ThemeEthique.NUMERIQUE].setChecked(True)
    fiche.rapporteurs.cocher("Bruno Petit")
    fiche.echeance.setDate(QDate(2026, 5, 29))
    fiche.consentement.setChecked(True)
    assert fiche.modifie() and fiche.bouton_enregistrer.isEnabled()
    assert fiche.enregistrer()
    with base.session_scope() as s:
        saisine = s.get(Saisine, comite["SAI-2026-003"])
        assert {t.theme for t in saisine.themes} == {
            ThemeEthique.PARTAGE_INFORMATIONS,
            ThemeEthique.SECRET_PROFESSIONNEL,
            ThemeEthique.NUMERIQUE,
        }
        assert [r.personne_id for r in saisine.rapporteurs] == [comite["anne"], comite["bruno"]]
        assert (saisine.echeance, saisine.consentement_publication) == (dt.date(2026, 5, 29), True)
    assert not fiche.modifie() and fiche.valeurs["Avis"].text() == "dû le 29 mai 2026"
    ligne = numeros(page).index("SAI-2026-003")
    assert page.proxy.index(ligne, 6).data() == "Avis\u00a0: 29/05/2026"
    assert pile.undoText() == "Modifier la saisine SAI-2026-003"
    pile.undo()
    with base.session_scope() as s:
        saisine = s.get(Saisine, comite["SAI-2026-003"])
        assert (saisine.echeance, len(saisine.rapporteurs), len(saisine.themes)) == (dt.date(2026, 5, 11), 1, 2)
    assert fiche.rapporteurs.valeur() == (comite["anne"],)

    # Refused under the field at fault, nothing written.
    fiche.recue_le.setDate(QDate(2026, 2, 25))  # after its acknowledgement of 3 February
    assert not fiche.enregistrer()
    assert "ne peut pas suivre la première étape" in fiche.messages["recue_le"].text()
    fiche.bouton_abandonner.click()
    assert not fiche.modifie() and fiche.recue_le.date() == QDate(2026, 2, 2)


def test_l_echeance_de_l_avis_se_modifie_une_fois_la_saisine_recevable(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    choisir(page, comite, "SAI-2026-002")
    assert not page.fiche.echeance.isEnabled()
    assert page.fiche.valeurs["Avis"].text() == "court à partir de la recevabilité (90 jours)"
    choisir(page, comite, "SAI-2026-001")
    assert page.fiche.valeurs["Accusé de réception"].text() == (
        "à envoyer au plus tard le 27 février 2026 (en retard de 3 jours)"
    )


def test_une_modification_non_enregistree_l_est_en_changeant_de_saisine(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    choisir(page, comite, "SAI-2026-002")
    page.fiche.themes.cases[ThemeEthique.AUTRE].setChecked(True)
    choisir(page, comite, "SAI-2026-001")
    with base.session_scope() as s:
        assert ThemeEthique.AUTRE in {t.theme for t in s.get(Saisine, comite["SAI-2026-002"]).themes}
    assert page.detail is not None and page.detail.numero == "SAI-2026-001" and not page.fiche.modifie()
    ligne = numeros(page).index("SAI-2026-002")
    qtbot.waitUntil(lambda: page.proxy.index(ligne, 4).data() == "Numérique, Autre")  # the register reloads next
    assert page.saisine_selectionnee() == comite["SAI-2026-001"]
    # Closing the window with a change typed: saved, nothing reported as lost.
    page.demandeur.identite.setPlainText("Léa Roux")
    assert not page.modifications_en_cours()
    page.contexte.pile.undo()
    page.contexte.pile.undo()
    with base.session_scope() as s:
        assert ThemeEthique.AUTRE not in {t.theme for t in s.get(Saisine, comite["SAI-2026-002"]).themes}


def test_transmettre_au_hcts_puis_noter_sa_reponse_et_annuler(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    pile = page.contexte.pile
    suivi = page.suivi
    choisir(page, comite, "SAI-2026-002")
    assert not suivi.bouton_transmettre.isEnabled() and "n'est pas recevable" in suivi.bouton_transmettre.toolTip()
    assert not suivi.bouton_dossier.isEnabled()
    choisir(page, comite, "SAI-2026-003")
    assert suivi.bouton_transmettre.isEnabled() and not suivi.bouton_reponse.isEnabled()
    assert [suivi.proxy_historique.index(r, 1).data() for r in range(suivi.proxy_historique.rowCount())] == [
        "Enregistrée",
        "Accusé de réception envoyé",
        "Recevable",
    ]
    vus: list[QWidget] = []

    def transmettre(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueEscalade) and dialogue.par.text() == SECRETAIRE
        assert dialogue.objet.text() == "Transmission de la saisine SAI-2026-003 à la commission éthique du HCTS"
        dialogue.le.setDate(QDate(2026, 2, 27))
        taper(qtbot, dialogue.document, "Dossier pour le HCTS SAI-2026-003.pdf")
        dialogue.accept()

    quand_modal(transmettre, vus, DialogueEscalade)
    suivi.bouton_transmettre.click()
    assert vus[0].result() == QDialog.DialogCode.Accepted
    with base.session_scope() as s:
        (echange,) = s.scalars(select(EchangeHcts).where(EchangeHcts.saisine_id == comite["SAI-2026-003"]))
        assert (echange.date, echange.par, echange.document) == (
            dt.date(2026, 2, 27),
            SECRETAIRE,
            "Dossier pour le HCTS SAI-2026-003.pdf",
        )
        assert s.get(Saisine, comite["SAI-2026-003"]).escaladee_hcts_le == dt.date(2026, 2, 27)
    ligne = numeros(page).index("SAI-2026-003")
    assert page.proxy.index(ligne, 8).data() == "27/02/2026"
    assert suivi.modele_envois.rowCount() == 1 and suivi.envoi() is not None
    assert suivi.modele_envois.index(0, 3).data() == "en attente"

    def repondre(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueReponseHcts)
        taper(qtbot, dialogue.reponse, "Accusé de réception du HCTS.")
        dialogue.accept()

    quand_modal(repondre, vus, DialogueReponseHcts)
    suivi.bouton_reponse.click()
    assert suivi.modele_envois.index(0, 3).data() == "Accusé de réception du HCTS."
    pile.undo()
    assert suivi.modele_envois.index(0, 3).data() == "en attente"
    pile.undo()
    assert suivi.modele_envois.rowCount() == 0 and page.proxy.index(ligne, 8).data() == ""
    with base.session_scope() as s:
        assert s.get(Saisine, comite["SAI-2026-003"]).escaladee_hcts_le is None


def test_le_demandeur_s_enregistre_et_s_annule(qtbot, base, comite):
    page = ouvrir(qtbot, base)
    pile = page.contexte.pile
    choisir(page, comite, "SAI-2026-002")
    onglet = page.demandeur
    page.onglets.setCurrentWidget(onglet)
    assert (
        "jamais imprimées ni exportées" in onglet.note.text() and "6 mois après l'envoi de l'avis" in onglet.note.text()
    )
    assert onglet.etat.text() == "Elles sont conservées tant que la saisine est en cours."
    assert onglet.identite.toPlainText() == "" and not onglet.bouton_enregistrer.isEnabled()
    onglet.identite.setFocus()
    taper(qtbot, onglet.identite, "Léa Roux, assistante sociale")
    onglet.coordonnees.setPlainText("lea.roux@exemple.fr")
    assert onglet.bouton_enregistrer.isEnabled()
    onglet.bouton_enregistrer.click()
    with base.session_scope() as s:
        ligne = s.scalar(select(DemandeurSaisine).where(DemandeurSaisine.saisine_id == comite["SAI-2026-002"]))
        assert ligne is not None and (ligne.identite, ligne.coordonnees) == (
            "Léa Roux, assistante sociale",
            "lea.roux@exemple.fr",
        )
    assert not onglet.modifie() and pile.undoText() == "Modifier le demandeur de SAI-2026-002"
    # Nothing of it elsewhere on the page.
    assert "Léa Roux" not in page.fiche.valeurs["Enregistrée par"].text()
    assert all("Léa" not in (page.proxy.index(0, c).data() or "") for c in range(9))
    pile.undo()
    with base.session_scope() as s:
        assert s.scalar(select(DemandeurSaisine).where(DemandeurSaisine.saisine_id == comite["SAI-2026-002"])) is None
    assert onglet.identite.toPlainText() == ""
    pile.redo()
    assert onglet.identite.toPlainText() == "Léa Roux, assistante sociale"


def test_l_identite_d_une_saisine_close_depuis_six_mois_est_effacee_et_ne_se_ressaisit_pas(
    qtbot, base, comite, monkeypatch
):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-06-02")  # six months after SAI-2025-001 was closed
    page = ouvrir(qtbot, base)
    choisir(page, comite, "SAI-2025-001")
    onglet = page.demandeur
    assert onglet.etat.text() == ("Le délai de conservation a pris fin le 1er juin 2026 : l'identité est effacée.")
    assert onglet.identite.isReadOnly() and not onglet.modifie()
