"""The directory's dialogs on their own: every field reachable by Tab, refusals under the field, nothing written."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import func, select

from app.modeles import Instance, Mandat, Personne, Structure
from app.modeles.enumerations import Qualite
from app.services.annuaire_lecture import Choix, lire_choix, lire_mandats
from app.ui.annuaire.dialogues_fiches import DialoguePersonne, DialogueStructure
from app.ui.annuaire.dialogues_mandats import (
    AUCUN_TITULAIRE,
    SANS_OBJET,
    DialogueMandat,
    DialogueRemplacement,
)
from app.ui.contexte import Contexte
from tests.ui.annuaire.conftest import AUJOURDHUI
from tests.ui.annuaire.outils import tab

ETHIQUE = "Instance éthique et déontologie"


def montrer(qtbot, dialogue: QWidget) -> None:
    qtbot.addWidget(dialogue)
    dialogue.show()
    dialogue.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialogue)


def compter(base, modele) -> int:
    with base.session_scope() as s:
        return s.scalar(select(func.count()).select_from(modele)) or 0


def personne(base, prenom: str, nom: str) -> Choix:
    with base.session_scope() as s:
        identifiant = s.scalar(select(Personne.id).where(Personne.prenom == prenom, Personne.nom == nom))
    assert identifiant is not None
    return Choix(identifiant, f"{prenom} {nom}")


def test_chaque_champ_de_la_fiche_se_rejoint_par_tab(qtbot, base_demo):
    contexte = Contexte(base_demo)
    choix = contexte.lire(lire_choix)
    dialogue = DialoguePersonne(contexte, choix.structures)
    montrer(qtbot, dialogue)
    champs = [dialogue.nom, dialogue.prenom, dialogue.structure, dialogue.fonction, dialogue.courriel]
    champs += [dialogue.telephone, dialogue.besoins, dialogue.mandat_ensuite]
    vus = [dialogue.focusWidget()]
    for _ in range(len(champs) - 1):
        vus.append(tab(qtbot, vus[-1]))
    assert vus == champs
    assert all(champ.accessibleName() for champ in champs)


def test_structure_sans_type_refusee_sous_le_champ(qtbot, base_demo):
    dialogue = DialogueStructure(Contexte(base_demo))
    montrer(qtbot, dialogue)
    dialogue.nom.setText("Nouvelle association")
    avant = compter(base_demo, Structure)
    dialogue.accept()
    assert dialogue.result() == 0 and not dialogue.messages["type"].isHidden()
    assert dialogue.messages["type"].text() == "⚠ Choisissez le type de la structure."
    assert dialogue.messages["nom"].isHidden() and compter(base_demo, Structure) == avant
    dialogue.lettre.case.setChecked(True)
    assert dialogue.lettre.champ.isEnabled() and dialogue.lettre.valeur() == AUJOURDHUI


def test_le_suppleant_ne_choisit_que_les_titulaires_en_cours_de_l_instance(qtbot, base_demo):
    contexte = Contexte(base_demo)
    choix = contexte.lire(lire_choix)
    philippe = personne(base_demo, "Philippe", "Arnaud")
    dialogue = DialogueMandat(contexte, philippe, choix)
    montrer(qtbot, dialogue)
    assert not dialogue.titulaire.isEnabled() and dialogue.titulaire.currentText() == SANS_OBJET
    dialogue.instance.setCurrentIndex(dialogue.instance.findText(ETHIQUE))
    dialogue.qualite.setCurrentIndex(dialogue.qualite.findText("Suppléant"))
    with base_demo.session_scope() as s:  # the oracle, straight from SQL
        requete = (
            select(Mandat.id, Mandat.debut)
            .join(Instance, Mandat.instance_id == Instance.id)
            .where(Instance.nom == ETHIQUE, Mandat.qualite == Qualite.TITULAIRE, Mandat.debut <= AUJOURDHUI)
            .where((Mandat.fin.is_(None)) | (Mandat.fin >= AUJOURDHUI))
        )
        rangees = s.execute(requete).all()
    attendus = {i for i, _ in rangees}
    proposes = {dialogue.titulaire.itemData(r) for r in range(dialogue.titulaire.count())}
    assert dialogue.titulaire.isEnabled() and proposes == attendus and len(attendus) >= 3
    assert all(" (" in dialogue.titulaire.itemText(r) for r in range(dialogue.titulaire.count()))  # with collège

    veille = min(debut for _, debut in rangees) - dt.timedelta(days=1)
    dialogue.debut.setDate(QDate(veille.year, veille.month, veille.day))  # before any of them started
    assert dialogue.titulaire.currentText() == AUCUN_TITULAIRE and not dialogue.titulaire.isEnabled()
    dialogue.college.setCurrentIndex(1)
    avant = compter(base_demo, Mandat)
    dialogue.accept()
    assert dialogue.result() == 0 and not dialogue.messages["titulaire"].isHidden()
    assert compter(base_demo, Mandat) == avant


def test_dates_d_un_mandat_dans_l_ordre(qtbot, base_demo):
    contexte = Contexte(base_demo)
    choix = contexte.lire(lire_choix)
    philippe = personne(base_demo, "Philippe", "Arnaud")
    dialogue = DialogueMandat(contexte, philippe, choix)
    montrer(qtbot, dialogue)
    dialogue.instance.setCurrentIndex(dialogue.instance.findText("Bureau"))
    dialogue.college.setCurrentIndex(1)
    assert not dialogue.motif.isEnabled()
    dialogue.fin.case.setChecked(True)
    assert dialogue.motif.isEnabled()
    dialogue.fin.champ.setDate(QDate(2026, 1, 31))  # before the start (today)
    dialogue.accept()
    assert dialogue.result() == 0 and "précède son début" in dialogue.messages["fin"].text()
    assert lire_mandats_de(contexte, philippe.id) == ()


def lire_mandats_de(contexte: Contexte, personne_id: int):
    return contexte.lire(lambda s: lire_mandats(s, personne_id, AUJOURDHUI))


def test_un_titulaire_supplee_ne_devient_pas_suppleant(qtbot, base_demo):
    contexte = Contexte(base_demo)
    choix = contexte.lire(lire_choix)
    lucas = personne(base_demo, "Lucas", "Moulin")
    [mandat] = lire_mandats_de(contexte, lucas.id)
    assert mandat.suppleants == ("Gaëlle Tanguy",)
    dialogue = DialogueMandat(contexte, lucas, choix, mandat)
    montrer(qtbot, dialogue)
    dialogue.qualite.setCurrentIndex(dialogue.qualite.findText("Suppléant"))
    dialogue.accept()
    assert dialogue.result() == 0
    assert dialogue.messages["qualite"].text() == "⚠ Gaëlle Tanguy supplée ce mandat : il reste titulaire."
    assert lire_mandats_de(contexte, lucas.id) == (mandat,)


def test_remplacement_date_avant_le_debut_du_mandat_refusee(qtbot, base_demo):
    contexte = Contexte(base_demo)
    choix = contexte.lire(lire_choix)
    lucas = personne(base_demo, "Lucas", "Moulin")
    [mandat] = lire_mandats_de(contexte, lucas.id)
    dialogue = DialogueRemplacement(contexte, lucas.libelle, mandat, choix.personnes)
    montrer(qtbot, dialogue)
    assert dialogue.remplacant.findText("Lucas Moulin") == -1  # not replaced by himself
    dialogue.accept()
    assert dialogue.messages["remplacant"].text() == "⚠ Choisissez qui reprend le siège."
    dialogue.remplacant.setCurrentIndex(dialogue.remplacant.findText("Philippe Arnaud"))
    dialogue.debut.setDate(QDate(mandat.debut.year, mandat.debut.month, mandat.debut.day))
    avant = compter(base_demo, Mandat)
    dialogue.accept()
    assert dialogue.result() == 0 and "après le début du mandat remplacé" in dialogue.messages["debut"].text()
    assert compter(base_demo, Mandat) == avant and contexte.pile.count() == 0
