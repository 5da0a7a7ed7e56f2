"""The « Actions » tab: what the meeting decided to do, and what earlier meetings left open (carried over)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget

from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.modeles.enumerations import StatutAction
from app.services import actions
from app.services.actions import ActionLue, FicheAction
from app.services.onglets_seance import ChoixAction, lire_choix_action
from app.ui.annuaire.formulaire import DateFacultative, DialogueFiche, choisir_id, combo_choix, id_de
from app.ui.annuaire.tableaux import (
    ajuster_colonnes,
    avertir,
    bouton,
    creer_vue,
    identifiant_selectionne,
    ligne_selectionnee,
    raccourci,
    rangee_de_boutons,
    selectionner,
)
from app.ui.contexte import Contexte
from app.ui.tableau_lignes import Colonne, FiltreLignes, ModeleLignes


@dataclass(frozen=True)
class LigneAction:
    lue: ActionLue

    @property
    def id(self) -> int:
        return self.lue.fiche.id


def _echeance(ligne: LigneAction) -> str:
    echeance = ligne.lue.fiche.echeance
    return date_longue(echeance) if echeance else "—"


COLONNES = (
    Colonne[LigneAction]("Action", lambda li: li.lue.fiche.texte),
    Colonne[LigneAction]("Responsable", lambda li: li.lue.responsable or "—"),
    Colonne[LigneAction]("Échéance", _echeance, tri=lambda li: (li.lue.fiche.echeance or dt.date.max).toordinal()),
    Colonne[LigneAction]("Statut", lambda li: li.lue.fiche.statut.libelle),
    Colonne[LigneAction](
        "Origine", lambda li: f"Reportée de {li.lue.origine}" if li.lue.reportee else "Décidée à cette séance"
    ),
)


class DialogueAction(DialogueFiche):
    def __init__(
        self,
        contexte: Contexte,
        fiche: FicheAction,
        choix: ChoixAction,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(contexte, "Nouvelle action" if not fiche.id else "Modifier l'action", parent)
        self.fiche = fiche
        self.texte = QPlainTextEdit(fiche.texte)
        self.texte.setAccessibleName("Libellé de l'action")
        self.texte.setTabChangesFocus(True)
        self.texte.setFixedHeight(self.texte.fontMetrics().lineSpacing() * 4 + 12)
        self.responsable = combo_choix(choix.personnes, "Responsable", vide="— (personne désignée plus tard)")
        choisir_id(self.responsable, fiche.responsable_id)
        self.echeance = DateFacultative("fixée au", "Échéance")
        self.echeance.definir(fiche.echeance)
        self.statut = QComboBox()
        self.statut.setAccessibleName("Statut de l'action")
        for statut in StatutAction:
            self.statut.addItem(statut.libelle, statut.value)
        self.statut.setCurrentIndex(self.statut.findData(fiche.statut.value))
        self.point = combo_choix(choix.points, "Point d'origine", vide="— (aucun point en particulier)")
        choisir_id(self.point, fiche.point_origine_id)
        self.ligne("&Action :", self.texte, "texte")
        self.ligne("&Responsable :", self.responsable, "responsable_id")
        self.ligne("É&chéance :", self.echeance, "echeance")
        self.ligne("&Statut :", self.statut, "statut")
        self.ligne("&Point d'origine :", self.point, "point_origine_id")
        self.resultat: FicheAction | None = None

    def saisie(self) -> FicheAction:
        return replace(
            self.fiche,
            texte=self.texte.toPlainText(),
            responsable_id=id_de(self.responsable),
            echeance=self.echeance.valeur(),
            statut=StatutAction.de_code(self.statut.currentData()),
            point_origine_id=id_de(self.point),
        )

    def enregistrer(self) -> None:
        fiche = self.saisie()
        if not fiche.id:
            self.resultat = self.contexte.executer(
                "Ajouter une action",
                faire=lambda s: actions.ajouter_action(s, fiche),
                defaire=lambda s, f: actions.supprimer_action(s, f.id),
                refaire=actions.ajouter_action,
            )
            return
        self.contexte.executer(
            "Modifier l'action",
            faire=lambda s: actions.modifier_action(s, fiche),
            defaire=actions.restaurer_action,
        )
        self.resultat = fiche


class OngletActions(QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.seance_id: int | None = None
        self.modele = ModeleLignes(
            COLONNES,
            lambda li: f"{li.lue.fiche.texte} {li.lue.responsable}",
            estompee=lambda li: li.lue.fiche.statut in actions.STATUTS_SOLDES,
            parent=self,
        )
        self.proxy = FiltreLignes(self.modele, self)
        self.vue = creer_vue(self.proxy, "Actions de la séance", colonne_tri=2)
        ajuster_colonnes(self.vue, {1: 24, 2: 17, 3: 10, 4: 24}, etiree=0)
        self.vue.selectionModel().selectionChanged.connect(lambda *_: self._actualiser_boutons())
        self.vue.doubleClicked.connect(lambda _i: self.modifier())
        self.explication = QLabel(
            "Les actions décidées ici, puis celles des séances précédentes de l'instance encore ouvertes à cette "
            "date : elles sont reportées de séance en séance jusqu'à ce qu'elles soient faites ou abandonnées."
        )
        self.explication.setWordWrap(True)
        self.ajouter = bouton("&Nouvelle action…", "ajouter", "Nouvelle action")
        self.modifier_bouton = bouton("&Modifier…", "modifier", "Modifier l'action")
        self.faite = bouton("Marquer &faite", None, "Marquer l'action comme faite")
        self.supprimer_bouton = bouton("&Supprimer", "supprimer", "Supprimer l'action")
        self.ajouter.clicked.connect(self.nouvelle)
        self.modifier_bouton.clicked.connect(self.modifier)
        self.faite.clicked.connect(self.marquer_faite)
        self.supprimer_bouton.clicked.connect(self.supprimer)
        raccourci(self.vue, QKeySequence.StandardKey.Delete, self.supprimer)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Return), self.modifier)
        boutons = rangee_de_boutons(self.ajouter, self.modifier_bouton, self.faite, self.supprimer_bouton)
        disposition = QVBoxLayout(self)
        disposition.addWidget(self.explication)
        disposition.addWidget(self.vue, 1)
        disposition.addLayout(boutons)
        self.afficher(None)

    def afficher(self, seance_id: int | None) -> None:
        garde = identifiant_selectionne(self.vue, self.proxy) if seance_id == self.seance_id else None
        self.seance_id = seance_id
        lignes: list[LigneAction] = []
        if seance_id is not None:
            try:
                lues = self.contexte.lire(lambda s: actions.actions_de_seance(s, seance_id))
                lignes = [LigneAction(lue) for lue in lues]
            except ErreurConnue:
                self.seance_id = None
        self.modele.definir(lignes)
        selectionner(self.vue, self.proxy, garde)
        self._actualiser_boutons()

    def _ligne(self) -> LigneAction | None:
        return ligne_selectionnee(self.vue, self.proxy)

    def _actualiser_boutons(self) -> None:
        ligne = self._ligne()
        self.ajouter.setEnabled(self.seance_id is not None)
        self.modifier_bouton.setEnabled(ligne is not None)
        self.faite.setEnabled(ligne is not None and ligne.lue.fiche.statut not in actions.STATUTS_SOLDES)
        decidee_ici = ligne is not None and not ligne.lue.reportee
        self.supprimer_bouton.setEnabled(decidee_ici)
        self.supprimer_bouton.setToolTip(
            "" if decidee_ici or ligne is None else "Une action reportée se supprime depuis sa séance d'origine."
        )

    def _choix(self) -> ChoixAction:
        seance_id = self.seance_id
        assert seance_id is not None
        return self.contexte.lire(lambda s: lire_choix_action(s, seance_id))

    def _ouvrir(self, fiche: FicheAction, choix: ChoixAction) -> None:
        dialogue = DialogueAction(self.contexte, fiche, choix, self)
        if dialogue.exec() and dialogue.resultat is not None:
            selectionner(self.vue, self.proxy, dialogue.resultat.id)
        dialogue.deleteLater()

    def nouvelle(self) -> None:
        if self.seance_id is None:
            return
        self._ouvrir(FicheAction(0, self.seance_id, ""), self._choix())

    def modifier(self) -> None:
        ligne = self._ligne()
        if ligne is None:
            return
        fiche = ligne.lue.fiche
        origine = fiche.seance_origine_id
        self._ouvrir(fiche, self.contexte.lire(lambda s: lire_choix_action(s, origine)))

    def marquer_faite(self) -> None:
        ligne = self._ligne()
        if ligne is None:
            return
        fiche = replace(ligne.lue.fiche, statut=StatutAction.FAITE, soldee_le=None)
        try:
            self.contexte.executer(
                "Marquer l'action faite",
                faire=lambda s: actions.modifier_action(s, fiche),
                defaire=actions.restaurer_action,
            )
        except ErreurConnue as erreur:
            avertir(self, "Action", erreur)

    def supprimer(self) -> None:
        ligne = self._ligne()
        if ligne is None or ligne.lue.reportee:
            return
        reponse = QMessageBox.question(
            self,
            "Supprimer l'action",
            f"Supprimer l'action « {ligne.lue.fiche.texte} » ? (Ctrl+Z la rétablit.)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if reponse != QMessageBox.StandardButton.Yes:
            return
        identifiant = ligne.id
        try:
            self.contexte.executer(
                "Supprimer l'action",
                faire=lambda s: actions.supprimer_action(s, identifiant),
                defaire=actions.ajouter_action,
                refaire=lambda s, f: actions.supprimer_action(s, f.id),
            )
        except ErreurConnue as erreur:
            avertir(self, "Action", erreur)
