"""The « Compte rendu » tab: for each agenda item, its summary, decision, vote, dissents and recusals.

What is typed is saved when the secretary presses « Enregistrer » (Ctrl+Entrée) or moves to another item;
each save is one undoable step.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPlainTextEdit,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.erreurs import ErreurConnue
from app.services import ordre_du_jour
from app.services.onglets_seance import DonneesCompteRendu, lire_compte_rendu
from app.services.ordre_du_jour import FichePoint
from app.ui.annuaire.tableaux import (
    ajuster_colonnes,
    avertir,
    bouton,
    creer_vue,
    raccourci,
    rangee_de_boutons,
    selectionner,
)
from app.ui.contexte import Contexte
from app.ui.tableau_lignes import Colonne, FiltreLignes, ModeleLignes


def _saisi(p: FichePoint) -> str:
    return "✓" if p.resume or p.decision or p.vote_pour is not None else ""


COLONNES = (
    Colonne[FichePoint]("N°", lambda p: str(p.rang), tri=lambda p: p.rang, a_droite=True),
    Colonne[FichePoint]("Point", lambda p: p.titre),
    Colonne[FichePoint]("Saisi", _saisi, infobulle=lambda p: "Compte rendu saisi" if _saisi(p) else "À saisir"),
)


def _texte(nom: str, hauteur: int) -> QPlainTextEdit:
    champ = QPlainTextEdit()
    champ.setAccessibleName(nom)
    champ.setTabChangesFocus(True)  # Tab goes to the next field, as in any form
    champ.setMinimumHeight(hauteur)
    return champ


def _voix(nom: str) -> QSpinBox:
    champ = QSpinBox()
    champ.setRange(0, 999)
    champ.setAccessibleName(nom)
    return champ


class OngletCompteRendu(QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.seance_id: int | None = None
        self.donnees: DonneesCompteRendu | None = None
        self.point: FichePoint | None = None  # the item in the editor, as saved
        self._chargement = False
        self._ecriture = False  # a save is under way: a reload it triggers waits for its end
        self._recharge: list[int | None] = []

        self.modele = ModeleLignes(COLONNES, lambda p: p.titre, parent=self)
        self.proxy = FiltreLignes(self.modele, self)
        self.vue = creer_vue(self.proxy, "Points de l'ordre du jour")
        self.vue.setSortingEnabled(False)
        ajuster_colonnes(self.vue, {0: 4, 2: 5}, etiree=1)
        self.vue.setWordWrap(True)  # long item titles read whole, on two lines if need be
        self.vue.setStyleSheet("QTableView::item { padding: 3px 2px; }")
        self.vue.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.vue.selectionModel().currentRowChanged.connect(lambda *_: self._changer_de_point())

        self.titre = QLabel()
        self.titre.setWordWrap(True)
        self.titre.setStyleSheet("font-weight: 600;")
        self.resume = _texte("Résumé des échanges", 90)
        self.decision = _texte("Décision", 60)
        self.avec_vote = QCheckBox("Un vote a eu lieu")
        self.pour, self.contre, self.abstention = _voix("Voix pour"), _voix("Voix contre"), _voix("Abstentions")
        self.avec_vote.toggled.connect(self._activer_vote)
        votes = QHBoxLayout()
        for texte_vote, voix in (("Pour", self.pour), ("Contre", self.contre), ("Abstention", self.abstention)):
            libelle_vote = QLabel(texte_vote)
            libelle_vote.setBuddy(voix)
            votes.addWidget(libelle_vote)
            votes.addWidget(voix)
        votes.addStretch(1)
        self.divergences = _texte("Opinions divergentes", 50)
        self.divergences.setPlaceholderText("À consigner seulement à la demande de leur auteur.")
        self.deports_modele = QStandardItemModel(self)
        self.deports = QListView()
        self.deports.setModel(self.deports_modele)
        self.deports.setAccessibleName("Membres qui se déportent")
        self.deports.setMinimumHeight(96)
        self.deports.setSpacing(1)
        self.enregistrer_bouton = bouton(
            "&Enregistrer", "enregistrer", "Enregistrer le compte rendu du point", "Ctrl+Entrée"
        )
        self.enregistrer_bouton.clicked.connect(self.enregistrer)
        self.annuler_bouton = bouton("Abandonner les modifications", None, "Abandonner les modifications du point")
        self.annuler_bouton.clicked.connect(self._recharger_point)
        self.message = QLabel()
        self.message.setWordWrap(True)

        formulaire = QFormLayout()
        for libelle, champ in (
            ("&Résumé", self.resume),
            ("&Décision", self.decision),
            ("Opinions di&vergentes", self.divergences),
            ("Se dé&portent", self.deports),
        ):
            etiquette = QLabel(libelle)
            etiquette.setBuddy(champ)
            formulaire.addRow(etiquette, champ)
        formulaire.insertRow(2, self.avec_vote, votes)
        boutons = rangee_de_boutons(self.enregistrer_bouton, self.annuler_bouton)
        droite = QWidget()
        colonne = QVBoxLayout(droite)
        colonne.addWidget(self.titre)
        colonne.addLayout(formulaire, 1)
        colonne.addWidget(self.message)
        colonne.addLayout(boutons)
        separateur = QSplitter(Qt.Orientation.Horizontal)
        separateur.setObjectName("separateur_compte_rendu")
        separateur.addWidget(self.vue)
        separateur.addWidget(droite)
        separateur.setStretchFactor(1, 3)
        separateur.setSizes([380, 620])
        disposition = QVBoxLayout(self)
        disposition.setContentsMargins(0, 0, 0, 0)
        disposition.addWidget(separateur)
        for touche in ("Ctrl+Return", "Ctrl+Enter"):
            raccourci(droite, QKeySequence(touche), self.enregistrer).setContext(
                Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
        self.afficher(None)

    # --- reading -----------------------------------------------------------------------------------------

    def afficher(self, seance_id: int | None) -> None:
        if self._ecriture:
            self._recharge[:] = [seance_id]
            return
        if self._chargement:
            return
        if seance_id != self.seance_id and self.modifie():
            self.enregistrer()
        courant = self._point_courant()
        garde = courant.id if courant is not None and seance_id == self.seance_id else None
        self.seance_id = seance_id
        self.donnees = None
        if seance_id is not None:
            try:
                self.donnees = self.contexte.lire(lambda s: lire_compte_rendu(s, seance_id))
            except ErreurConnue:
                self.donnees = None
        self._chargement = True
        try:
            self.modele.definir(self.donnees.points if self.donnees else ())
            self._remplir_deports()
            if self.donnees and self.donnees.points and not selectionner(self.vue, self.proxy, garde):
                self.vue.selectionModel().setCurrentIndex(
                    self.proxy.index(0, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
        finally:
            self._chargement = False
        self._changer_de_point(enregistrer_avant=False)

    def _remplir_deports(self) -> None:
        self.deports_modele.clear()
        for personne_id, nom in self.donnees.membres if self.donnees else ():
            element = QStandardItem(nom)
            element.setCheckable(True)
            element.setEditable(False)
            element.setData(personne_id, Qt.ItemDataRole.UserRole)
            self.deports_modele.appendRow(element)

    def _point_courant(self) -> FichePoint | None:
        index = self.vue.selectionModel().currentIndex()
        if not index.isValid():
            return None
        return self.modele.ligne(self.proxy.mapToSource(index).row())

    def _changer_de_point(self, *, enregistrer_avant: bool = True) -> None:
        if self._chargement:
            return
        if enregistrer_avant and self.modifie() and not self.enregistrer():
            return
        self.point = self._point_courant()
        self._recharger_point()

    def _recharger_point(self) -> None:
        p = self.point
        editable = p is not None and self.donnees is not None and self.donnees.tenue
        self.message.setText(
            ""
            if p is None or editable
            else "Le compte rendu se saisit une fois la séance marquée tenue (bouton « Marquer tenue »)."
        )
        if p is None:
            self.titre.setText("Aucun point à l'ordre du jour." if self.seance_id else "Choisissez une séance.")
        else:
            self.titre.setText(f"{p.rang}. {p.titre}")
        self.resume.setPlainText(p.resume if p else "")
        self.decision.setPlainText(p.decision if p else "")
        self.divergences.setPlainText(p.opinions_divergentes if p else "")
        a_vote = p is not None and p.vote_pour is not None
        self.avec_vote.setChecked(a_vote)
        self.pour.setValue(p.vote_pour or 0 if p else 0)
        self.contre.setValue(p.vote_contre or 0 if p else 0)
        self.abstention.setValue(p.vote_abstention or 0 if p else 0)
        deports = set(p.deports) if p else set()
        for rang in range(self.deports_modele.rowCount()):
            element = self.deports_modele.item(rang)
            coche = element.data(Qt.ItemDataRole.UserRole) in deports
            element.setCheckState(Qt.CheckState.Checked if coche else Qt.CheckState.Unchecked)
        for champ in (
            self.resume,
            self.decision,
            self.divergences,
            self.deports,
            self.avec_vote,
            self.enregistrer_bouton,
            self.annuler_bouton,
        ):
            champ.setEnabled(editable)
        self._activer_vote(a_vote and editable)

    def _activer_vote(self, actif: bool) -> None:
        for champ in (self.pour, self.contre, self.abstention):
            champ.setEnabled(actif and self.avec_vote.isEnabled())

    # --- writing -----------------------------------------------------------------------------------------

    def saisie(self) -> FichePoint | None:
        """The item as the editor shows it now."""
        if self.point is None:
            return None
        vote = self.avec_vote.isChecked()
        deports = tuple(
            int(self.deports_modele.item(r).data(Qt.ItemDataRole.UserRole))
            for r in range(self.deports_modele.rowCount())
            if self.deports_modele.item(r).checkState() == Qt.CheckState.Checked
        )
        return replace(
            self.point,
            resume=self.resume.toPlainText().strip(),
            decision=self.decision.toPlainText().strip(),
            vote_pour=self.pour.value() if vote else None,
            vote_contre=self.contre.value() if vote else None,
            vote_abstention=self.abstention.value() if vote else None,
            opinions_divergentes=self.divergences.toPlainText().strip(),
            deports=deports,
        )

    def modifie(self) -> bool:
        if self.point is None or not self.enregistrer_bouton.isEnabled():
            return False
        saisie = self.saisie()
        if saisie is None:
            return False
        return replace(saisie, deports=tuple(sorted(saisie.deports))) != replace(
            self.point, deports=tuple(sorted(self.point.deports))
        )

    def enregistrer(self) -> bool:
        """Save the item in the editor; False when the service refused it (the message says why)."""
        saisie = self.saisie()
        if saisie is None or not self.modifie():
            return True
        self._ecriture = True
        try:
            self.contexte.executer(
                f"Compte rendu du point {saisie.rang}",
                faire=lambda s: ordre_du_jour.modifier_point(s, saisie),
                defaire=ordre_du_jour.modifier_point,
            )
        except ErreurConnue as erreur:
            avertir(self, "Compte rendu", erreur)
            return False
        finally:
            self._ecriture = False
        self.point = saisie
        if self._recharge:
            self.afficher(self._recharge.pop())
        return True
