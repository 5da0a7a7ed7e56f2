"""Recording who came to a meeting: every expected seat with its suppléants, consultative members and guests.

A secretary goes down the signed sheet with one key per line (P présent, V visio, E excusé, A absent,
R représenté, Suppr to erase); after each key the next line is chosen. Every change goes through
`Contexte.executer`, so Ctrl+Z takes it back; the count below the list and the quorum follow each change.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QObject, QSize, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.modeles.enumerations import EtatPresence, StatutSeance
from app.services.normalisation import normaliser
from app.services.presences import (
    EnteteSeance,
    EtatSeance,
    GenreLigne,
    LignePresence,
    ajouter_invite,
    changer_presence,
    donner_pouvoir,
    entete_seance,
    etat_seance,
    lignes_presence,
    personnes_invitables,
    porteurs_possibles,
    restaurer_presence,
    retirer_invite,
)
from app.services.sieges import EtatSiege, PresenceLue
from app.ui.annuaire.formulaire import de
from app.ui.annuaire.tableaux import (
    ajuster_colonnes,
    avertir,
    bouton,
    champ_recherche,
    creer_vue,
    raccourci,
    selectionner,
)
from app.ui.contexte import Contexte
from app.ui.tableau_lignes import Colonne, FiltreLignes, Index, ModeleLignes

TITRE_AVERTISSEMENT = "Présences"
RETRAIT = "\u2003\u2003"  # a suppléant's name sits under its titulaire's
VERT = "#1b5e20"
ROUGE = "#b71c1c"

LIBELLES_SIEGE = {
    EtatSiege.PRESENT: "Présent",
    EtatSiege.SUPPLEE: "Suppléé",
    EtatSiege.REPRESENTE: "Représenté",
    EtatSiege.EXCUSE: "Excusé",
    EtatSiege.ABSENT: "Absent",
}


def texte_qualite(ligne: LignePresence) -> str:
    if ligne.genre is GenreLigne.TITULAIRE:
        return "Titulaire"
    if ligne.genre is GenreLigne.SUPPLEANT:
        return f"Suppléant {de(ligne.titulaire_nom)}" if ligne.titulaire_personne_id else "Suppléant — sans titulaire"
    return "Voix consultative" if ligne.genre is GenreLigne.CONSULTATIF else "Invité"


def texte_etat(ligne: LignePresence) -> str:
    if ligne.etat is None:
        return "—"
    if ligne.etat is EtatPresence.REPRESENTE:
        return f"Représenté par {ligne.pouvoir_a_nom}"
    return ligne.etat.libelle


def texte_siege(ligne: LignePresence) -> str:
    return LIBELLES_SIEGE[ligne.siege] if ligne.siege is not None else ""


def _infobulle_qualite(ligne: LignePresence) -> str:
    if ligne.genre is GenreLigne.SUPPLEANT and ligne.titulaire_personne_id is None:
        return "Le mandat de son titulaire n'est pas en cours à cette date : ce suppléant ne remplace personne."
    if ligne.genre is GenreLigne.CONSULTATIF:
        return "Voix consultative : ne compte ni dans les sièges attendus ni dans le quorum."
    if ligne.genre is GenreLigne.INVITE:
        return "Invité : n'est pas membre de l'instance ; jamais compté."
    return texte_qualite(ligne)


def _infobulle_siege(ligne: LignePresence) -> str:
    if ligne.siege is None:
        return "Seuls les titulaires à voix délibérative occupent un siège attendu."
    if ligne.etat is EtatPresence.REPRESENTE and ligne.siege is EtatSiege.EXCUSE:
        return f"Pouvoir sans effet : {ligne.pouvoir_a_nom} n'est pas noté présent ; le siège compte comme excusé."
    if ligne.siege is EtatSiege.SUPPLEE:
        return "Un suppléant est présent à sa place."
    return texte_siege(ligne)


COLONNES: tuple[Colonne[LignePresence], ...] = (
    Colonne("Nom", lambda ligne: f"{RETRAIT}{ligne.nom}" if ligne.genre is GenreLigne.SUPPLEANT else ligne.nom),
    Colonne("Structure", lambda ligne: ligne.structure),
    Colonne("Collège", lambda ligne: ligne.college),
    Colonne("Qualité", texte_qualite, infobulle=_infobulle_qualite),
    Colonne("État", texte_etat),
    Colonne("Siège", texte_siege, infobulle=_infobulle_siege),
)
COLONNE_ETAT = 4


def _cle_recherche(ligne: LignePresence) -> str:
    return " ".join((ligne.nom, ligne.structure, ligne.college, texte_qualite(ligne), texte_etat(ligne)))


class ModelePresences(ModeleLignes[LignePresence]):
    """The rows of the attendance screen; a suppléant's name (indented), structure, collège and quality are in
    italics, under its titulaire."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLONNES, _cle_recherche, parent=parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (
            role == Qt.ItemDataRole.FontRole
            and index.isValid()
            and 0 <= index.row() < len(self.lignes)
            and index.column() < COLONNE_ETAT
            and self.lignes[index.row()].genre is GenreLigne.SUPPLEANT
        ):
            police = QFont()
            police.setItalic(True)
            return police  # rather than a grey that would fall below readable contrast
        return super().data(index, role)


class DialogueChoixPersonne(QDialog):
    """Choose one person from a short list: Enter takes the highlighted one, Esc gives up.

    With `recherche`, a field above the list keeps the names holding every word typed (a long directory).
    """

    def __init__(
        self,
        titre: str,
        consigne: str,
        choix: Sequence[tuple[int, str]],
        parent: QWidget | None = None,
        *,
        recherche: bool = False,
        actuel: int | None = None,
        bouton_ok: str = "&Choisir",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(titre)
        self.setAccessibleName(titre)
        self.setMinimumWidth(480)
        disposition = QVBoxLayout(self)
        texte = QLabel(consigne)
        texte.setWordWrap(True)
        disposition.addWidget(texte)
        self.liste = QListWidget()
        self.liste.setAccessibleName(titre)
        for identifiant, libelle in choix:
            element = QListWidgetItem(libelle)
            element.setData(Qt.ItemDataRole.UserRole, identifiant)
            self.liste.addItem(element)
        self.recherche = champ_recherche(f"{titre} : rechercher", "Nom, structure…") if recherche else None
        if self.recherche is not None:
            etiquette = QLabel("&Rechercher :")
            etiquette.setBuddy(self.recherche)
            rangee = QHBoxLayout()
            rangee.addWidget(etiquette)
            rangee.addWidget(self.recherche, 1)
            disposition.addLayout(rangee)
            self.recherche.textChanged.connect(self._filtrer)
            raccourci(self.recherche, QKeySequence(Qt.Key.Key_Down), self.liste.setFocus)
        texte.setBuddy(self.liste)
        disposition.addWidget(self.liste, 1)
        self.boutons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.boutons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(bouton_ok)
        ok.setDefault(True)
        self.boutons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.boutons.accepted.connect(self.accept)
        self.boutons.rejected.connect(self.reject)
        self.liste.doubleClicked.connect(lambda _index: self.accept())
        disposition.addWidget(self.boutons)
        rangs = [r for r in range(self.liste.count()) if self.liste.item(r).data(Qt.ItemDataRole.UserRole) == actuel]
        self.liste.setCurrentRow(rangs[0] if rangs else 0)
        (self.recherche or self.liste).setFocus()

    def _filtrer(self, texte: str) -> None:
        termes = normaliser(texte).split()
        premier = None
        for rang in range(self.liste.count()):
            element = self.liste.item(rang)
            cache = any(terme not in normaliser(element.text()) for terme in termes)
            element.setHidden(cache)
            if not cache and premier is None:
                premier = rang
        courant = self.liste.currentItem()
        if courant is None or courant.isHidden():
            self.liste.setCurrentRow(premier if premier is not None else -1)

    def choisi(self) -> int | None:
        element = self.liste.currentItem()
        if element is None or element.isHidden():
            return None
        valeur = element.data(Qt.ItemDataRole.UserRole)
        return valeur if isinstance(valeur, int) else None

    def accept(self) -> None:
        if self.choisi() is not None:  # Enter on an empty search result keeps the dialog open
            super().accept()


def _pluriel(nombre: int, singulier: str, pluriel: str) -> str:
    return f"{nombre} {singulier if nombre <= 1 else pluriel}"


def texte_decompte(etat: EtatSeance) -> str:
    d = etat.decompte
    return (
        f"Sièges attendus : {d.attendus} · Présents : {d.presents} · Suppléés : {d.supplees} · "
        f"Représentés : {d.representes} · Excusés : {d.excuses} · Absents : {d.absents}"
    )


def texte_quorum(etat: EtatSeance, pouvoirs_comptes: bool) -> str:
    if etat.decompte.attendus == 0:
        return "Quorum : aucun siège attendu à la date de la séance"
    d = etat.decompte
    voix = d.presents + d.supplees + (d.representes if pouvoirs_comptes else 0)
    pouvoirs = "pouvoirs comptés" if pouvoirs_comptes else "pouvoirs non comptés"
    debut = f"Quorum : {_pluriel(etat.requis, 'voix requise', 'voix requises')} ({pouvoirs})"
    if etat.quorum_atteint:
        return f"{debut} — atteint"
    return f"{debut} — non atteint (il manque {_pluriel(etat.requis - voix, 'voix', 'voix')})"


ETATS_TOUCHES: tuple[tuple[EtatPresence, str], ...] = (
    (EtatPresence.PRESENT, "P"),
    (EtatPresence.VISIO, "V"),
    (EtatPresence.EXCUSE, "E"),
    (EtatPresence.ABSENT, "A"),
)


class DialoguePresences(QDialog):
    """The attendance of one meeting, recorded line by line from the keyboard (or with the buttons)."""

    def __init__(self, contexte: Contexte, seance_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.seance_id = seance_id
        self.entete_seance: EnteteSeance = contexte.lire(lambda s: entete_seance(s, seance_id))
        e = self.entete_seance
        titre = f"Présences — {e.reference} du {date_longue(e.date)}"
        self.setWindowTitle(titre)
        self.setAccessibleName(titre)

        fraction = f"{e.quorum_numerateur}/{e.quorum_denominateur}"
        statut = e.statut.libelle.lower()
        entete = QLabel(
            f"<b>{html.escape(e.instance)}</b> — séance {statut} · quorum : {fraction} des sièges attendus, "
            f"pouvoirs {'comptés' if e.pouvoirs_comptes else 'non comptés'}"
        )
        if e.statut in (StatutSeance.ANNULEE, StatutSeance.REPORTEE):
            entete.setText(f"{entete.text()}<br>Séance {statut} : aucune présence ne peut être notée.")
        entete.setWordWrap(True)
        aide = QLabel(
            "Une touche par ligne, puis la ligne suivante est choisie : <b>P</b> présent · <b>V</b> visio · "
            "<b>E</b> excusé · <b>A</b> absent · <b>R</b> représenté (pouvoir) · <b>Suppr</b> effacer · "
            "Ctrl+Z annule."
        )
        aide.setWordWrap(True)

        self.modele = ModelePresences(self)
        self.proxy: FiltreLignes[LignePresence] = FiltreLignes(self.modele, self)
        self.recherche = champ_recherche("Rechercher une personne dans la liste", "Nom, structure, collège…")
        etiquette = QLabel("Re&chercher :")
        etiquette.setBuddy(self.recherche)
        rangee_recherche = QHBoxLayout()
        rangee_recherche.addWidget(etiquette)
        rangee_recherche.addWidget(self.recherche, 1)

        self.vue = creer_vue(self.proxy, "Liste des présences")
        self.vue.setSortingEnabled(False)  # the order (collège, titulaire then suppléants) is meaningful
        self.proxy.sort(-1)
        ajuster_colonnes(self.vue, {0: 24, 1: 24, 2: 25, 3: 30, 4: 34, 5: 12}, etiree=1)

        self.boutons_etat: dict[EtatPresence, QPushButton] = {}
        rangee_etats = QHBoxLayout()
        for etat, touche in ETATS_TOUCHES:
            b = bouton(f"{etat.libelle} ({touche})", None, f"Noter {etat.libelle.lower()}", f"Touche {touche}")
            b.clicked.connect(lambda _coche=False, etat=etat: self.noter(etat))
            self.boutons_etat[etat] = b
            rangee_etats.addWidget(b)
        self.bouton_represente = bouton(
            "Représenté par… (R)", None, "Noter représenté : choisir le porteur du pouvoir", "Touche R"
        )
        self.bouton_effacer = bouton(
            "Effacer (Suppr)", None, "Effacer l'état noté", "Touche Suppr ou Retour arrière : rien de noté"
        )
        self.bouton_ajouter_invite = bouton(
            "Ajouter un invité…", "ajouter", "Ajouter un invité", "Une personne de l'annuaire qui n'est pas membre"
        )
        self.bouton_retirer_invite = bouton("Retirer l'invité", "supprimer", "Retirer l'invité de la séance")
        rangee_etats.addWidget(self.bouton_represente)
        rangee_etats.addWidget(self.bouton_effacer)
        rangee_etats.addStretch(1)
        rangee_etats.addWidget(self.bouton_ajouter_invite)
        rangee_etats.addWidget(self.bouton_retirer_invite)

        self.decompte = QLabel()
        self.decompte.setAccessibleDescription("Décompte des sièges, mis à jour à chaque changement")
        self.quorum = QLabel()
        self.quorum.setAccessibleDescription("Quorum de la séance, mis à jour à chaque changement")
        for etiquette_compte in (self.decompte, self.quorum):
            etiquette_compte.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        barre = QFrame()
        barre.setFrameShape(QFrame.Shape.StyledPanel)
        disposition_barre = QVBoxLayout(barre)
        disposition_barre.addWidget(self.decompte)
        disposition_barre.addWidget(self.quorum)

        self.bouton_annuler = bouton("Annuler", "annuler", "Annuler la dernière modification", "Ctrl+Z")
        self.bouton_retablir = bouton("Rétablir", "retablir", "Rétablir la modification annulée", "Ctrl+Maj+Z")
        self.bouton_fermer = bouton("Fermer", None, "Fermer les présences", "Échap")
        rangee_bas = QHBoxLayout()
        rangee_bas.addWidget(self.bouton_annuler)
        rangee_bas.addWidget(self.bouton_retablir)
        rangee_bas.addStretch(1)
        rangee_bas.addWidget(self.bouton_fermer)

        disposition = QVBoxLayout(self)
        disposition.addWidget(entete)
        disposition.addWidget(aide)
        disposition.addLayout(rangee_recherche)
        disposition.addWidget(self.vue, 1)
        disposition.addLayout(rangee_etats)
        disposition.addWidget(barre)
        disposition.addLayout(rangee_bas)
        for b in self.findChildren(QPushButton):
            b.setAutoDefault(False)  # Enter in the list must never close the dialog

        self._brancher()
        self.recharger()
        self._selectionner_rang(0)
        self.vue.setFocus()

    def sizeHint(self) -> QSize:
        return QSize(1180, 660)  # roomy, and still inside 1280 × 720 logical pixels with the title bar

    # --- wiring --------------------------------------------------------------------------------------------

    def _brancher(self) -> None:
        for etat, touche in ETATS_TOUCHES:
            raccourci(self.vue, touche, partial(self.noter, etat))
        raccourci(self.vue, "R", self.representer)
        raccourci(self.vue, QKeySequence.StandardKey.Delete, self.effacer)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Backspace), self.effacer)
        # Enter moves on like Down: a dialog's default button must not catch it and close the window.
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Return), self._suivante)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Enter), self._suivante)
        raccourci(self.recherche, QKeySequence(Qt.Key.Key_Down), self.vue.setFocus)
        self.recherche.textChanged.connect(self._filtrer)
        self.bouton_represente.clicked.connect(self.representer)
        self.bouton_effacer.clicked.connect(self.effacer)
        self.bouton_ajouter_invite.clicked.connect(self.ajouter_invite)
        self.bouton_retirer_invite.clicked.connect(self.retirer_invite)
        self.bouton_fermer.clicked.connect(self.accept)
        self.vue.selectionModel().currentRowChanged.connect(lambda _a, _b: self._actualiser_boutons())

        # The main window's Annuler / Rétablir do not reach a modal dialog: the dialog has its own.
        pile = self.contexte.pile
        self.action_annuler = QAction("Annuler", self)
        self.action_annuler.setShortcut(QKeySequence.StandardKey.Undo)
        self.action_annuler.triggered.connect(self._annuler)
        self.action_retablir = QAction("Rétablir", self)
        self.action_retablir.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.action_retablir.triggered.connect(self._retablir)
        self.addAction(self.action_annuler)
        self.addAction(self.action_retablir)
        self.bouton_annuler.clicked.connect(self._annuler)
        self.bouton_retablir.clicked.connect(self._retablir)
        pile.indexChanged.connect(self._actualiser_pile)  # also emitted by a clear()
        self.contexte.donnees_modifiees.connect(self.recharger)
        self._actualiser_pile()

    def _annuler(self) -> None:
        if self.contexte.pile.canUndo():
            self.contexte.pile.undo()

    def _retablir(self) -> None:
        if self.contexte.pile.canRedo():
            self.contexte.pile.redo()

    def _actualiser_pile(self, _index: int = 0) -> None:
        pile = self.contexte.pile
        if not shiboken6.isValid(pile) or not shiboken6.isValid(self):  # the stack dies with its context
            return
        self.bouton_annuler.setEnabled(pile.canUndo())
        self.bouton_retablir.setEnabled(pile.canRedo())
        self.bouton_annuler.setToolTip(f"Annuler « {pile.undoText()} » (Ctrl+Z)" if pile.canUndo() else "Ctrl+Z")
        self.bouton_retablir.setToolTip(
            f"Rétablir « {pile.redoText()} » (Ctrl+Maj+Z)" if pile.canRedo() else "Ctrl+Maj+Z"
        )

    # --- reading -------------------------------------------------------------------------------------------

    def recharger(self) -> None:
        """Read the rows and the count again (after every change, undo or redo); the current row stays."""
        courant = self.ligne_courante()
        rang = self.vue.currentIndex().row()

        def lire(session: Session) -> tuple[list[LignePresence], EtatSeance]:
            return lignes_presence(session, self.seance_id), etat_seance(session, self.seance_id)

        try:
            lignes, etat = self.contexte.lire(lire)
        except ErreurConnue:  # the meeting was deleted meanwhile: nothing left to show
            lignes, etat = [], None
        self.modele.definir(lignes)
        if courant is None or not selectionner(self.vue, self.proxy, courant.id):
            self._selectionner_rang(rang)
        if etat is not None:
            self._actualiser_compte(etat)
        self._actualiser_boutons()

    def _actualiser_compte(self, etat: EtatSeance) -> None:
        self.decompte.setText(texte_decompte(etat))
        self.decompte.setAccessibleName(self.decompte.text())
        texte = texte_quorum(etat, self.entete_seance.pouvoirs_comptes)
        self.quorum.setText(texte)
        self.quorum.setAccessibleName(texte)
        if etat.decompte.attendus == 0:
            self.quorum.setStyleSheet("")
        else:
            self.quorum.setStyleSheet(f"color: {VERT if etat.quorum_atteint else ROUGE}; font-weight: bold;")

    def ligne_courante(self) -> LignePresence | None:
        index = self.vue.currentIndex()
        if not index.isValid():
            return None
        source = self.proxy.mapToSource(index)
        return self.modele.ligne(source.row()) if source.isValid() else None

    def _selectionner_rang(self, rang: int) -> None:
        total = self.proxy.rowCount()
        if total == 0:
            return
        index = self.proxy.index(min(max(rang, 0), total - 1), 0)
        selectionner(self.vue, self.proxy, self.proxy.identifiant(index))

    def _suivante(self) -> None:
        self._selectionner_rang(self.vue.currentIndex().row() + 1)

    def _filtrer(self, texte: str) -> None:
        courant = self.ligne_courante()
        self.proxy.definir_recherche(texte)
        if courant is None or not selectionner(self.vue, self.proxy, courant.id):
            self._selectionner_rang(0)

    def _actualiser_boutons(self) -> None:
        ligne = self.ligne_courante()
        for b in (*self.boutons_etat.values(), self.bouton_effacer):
            b.setEnabled(ligne is not None)
        self.bouton_represente.setEnabled(ligne is not None and ligne.genre is GenreLigne.TITULAIRE)
        self.bouton_retirer_invite.setEnabled(ligne is not None and ligne.genre is GenreLigne.INVITE)

    # --- changes -------------------------------------------------------------------------------------------

    def _changer(
        self,
        libelle: str,
        faire: Callable[[Session], PresenceLue | None],
        personne_id: int,
        *,
        puis: int | None = None,
    ) -> bool:
        """Apply one undoable change (its undo puts back what was recorded before), then choose the line `puis`
        (by default the one after the current line). A refusal is shown and changes nothing."""
        rang = self.vue.currentIndex().row()
        suivante = self.proxy.identifiant(self.proxy.index(rang + 1, 0)) if rang + 1 < self.proxy.rowCount() else None
        seance_id = self.seance_id

        def defaire(session: Session, avant: PresenceLue | None) -> Any:
            restaurer_presence(session, seance_id, personne_id, avant)

        try:
            self.contexte.executer(libelle, faire, defaire)
        except ErreurConnue as erreur:
            avertir(self, TITRE_AVERTISSEMENT, erreur)
            self.vue.setFocus()
            return False
        cible = puis if puis is not None else suivante if suivante is not None else personne_id
        if not selectionner(self.vue, self.proxy, cible):
            self._selectionner_rang(rang)
        self.vue.setFocus()
        return True

    def noter(self, etat: EtatPresence | None) -> None:
        """Record `etat` on the current line (None: erase it), then go to the next line."""
        ligne = self.ligne_courante()
        if ligne is None:
            return
        seance_id, personne_id = self.seance_id, ligne.personne_id
        libelle = f"{ligne.nom} : {etat.libelle.lower() if etat is not None else 'rien de noté'}"
        self._changer(libelle, lambda s: changer_presence(s, seance_id, personne_id, etat), personne_id)

    def effacer(self) -> None:
        self.noter(None)

    def _etat_lisible(self, personne_id: int) -> str:
        rang = self.modele.rang_de(personne_id)
        ligne = self.modele.ligne(rang) if rang is not None else None
        if ligne is None or ligne.etat is None:
            return "rien de noté pour l'instant"
        return ligne.etat.libelle.lower()

    def representer(self) -> None:
        """Choose the proxy's holder among those allowed (at most one proxy per holder), then go on."""
        ligne = self.ligne_courante()
        if ligne is None:
            return
        seance_id, mandant_id = self.seance_id, ligne.personne_id
        try:
            porteurs = self.contexte.lire(lambda s: porteurs_possibles(s, seance_id, mandant_id))
        except ErreurConnue as erreur:
            avertir(self, TITRE_AVERTISSEMENT, erreur)
            return
        if not porteurs:
            avertir(
                self,
                TITRE_AVERTISSEMENT,
                f"Personne ne peut porter le pouvoir de {ligne.nom} : chaque membre présent porte déjà un pouvoir, "
                "est noté excusé, absent ou représenté, ou est son suppléant.",
            )
            return
        choix = [(pid, f"{nom} — {self._etat_lisible(pid)}") for pid, nom in porteurs]
        dialogue = DialogueChoixPersonne(
            f"Porteur du pouvoir {de(ligne.nom)}",
            f"Qui porte le pouvoir {de(ligne.nom)} ? Seuls les membres à voix délibérative qui peuvent encore "
            "porter un pouvoir sont proposés. Entrée pour choisir, Échap pour renoncer.",
            choix,
            self,
            actuel=ligne.pouvoir_a_id,
        )
        accepte = dialogue.exec() == QDialog.DialogCode.Accepted
        porteur_id = dialogue.choisi()
        nom_porteur = next((nom for pid, nom in porteurs if pid == porteur_id), "")
        dialogue.deleteLater()
        if not accepte or porteur_id is None:
            self.vue.setFocus()
            return
        self._changer(
            f"{ligne.nom} : représenté par {nom_porteur}",
            lambda s: donner_pouvoir(s, seance_id, mandant_id, porteur_id),
            mandant_id,
        )

    def ajouter_invite(self) -> None:
        seance_id = self.seance_id
        invitables = self.contexte.lire(lambda s: personnes_invitables(s, seance_id))
        if not invitables:
            avertir(
                self,
                TITRE_AVERTISSEMENT,
                "Toutes les personnes de l'annuaire sont membres de l'instance ou déjà inscrites : ajoutez d'abord "
                "l'invité à l'annuaire (page Membres).",
            )
            return
        dialogue = DialogueChoixPersonne(
            "Ajouter un invité",
            "Choisissez une personne de l'annuaire qui n'est pas membre de l'instance. Un invité est noté présent ; "
            "il n'entre jamais dans le décompte ni dans le quorum.",
            invitables,
            self,
            recherche=True,
            bouton_ok="&Ajouter",
        )
        accepte = dialogue.exec() == QDialog.DialogCode.Accepted
        personne_id = dialogue.choisi()
        nom = next((libelle for pid, libelle in invitables if pid == personne_id), "")
        dialogue.deleteLater()
        if not accepte or personne_id is None:
            self.vue.setFocus()
            return

        def faire(session: Session) -> PresenceLue | None:
            ajouter_invite(session, seance_id, personne_id)
            return None  # before: nothing recorded

        self.recherche.clear()  # the new line must be visible to be chosen
        self._changer(f"Ajouter l'invité {nom}", faire, personne_id, puis=personne_id)

    def retirer_invite(self) -> None:
        ligne = self.ligne_courante()
        if ligne is None or ligne.genre is not GenreLigne.INVITE:
            return
        seance_id, personne_id = self.seance_id, ligne.personne_id
        self._changer(f"Retirer l'invité {ligne.nom}", lambda s: retirer_invite(s, seance_id, personne_id), personne_id)


def index_de(dialogue: DialoguePresences, personne_id: int) -> QModelIndex:
    """The view's index of a person's line (for tests and captures); invalid when it is not shown."""
    rang = dialogue.modele.rang_de(personne_id)
    if rang is None:
        return QModelIndex()
    return dialogue.proxy.mapFromSource(dialogue.modele.index(rang, 0))
