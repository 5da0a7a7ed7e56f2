"""The « Ordre du jour » tab of the Séances page: the numbered items of the chosen meeting, their total duration
and the expected end; add, edit, delete, and reorder with Ctrl+Haut / Ctrl+Bas or by dragging a row.

Every change goes through `Contexte.executer` (Ctrl+Z takes it back). A drop does not move rows in the model:
it asks for the new order (`ModelePoints.ordre_demande`), the tab writes it, and the reload shows it.
A referral appears by its number only (« Saisine SAI-2026-003 »): its text never reaches the agenda.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.erreurs import ErreurConnue
from app.format_fr import duree_fr, heure_fr, nombre
from app.modeles.enumerations import NaturePoint
from app.services import ordre_du_jour as service
from app.services.ordre_du_jour import FichePoint
from app.services.seances_lecture import (
    ChoixPoint,
    LignePoint,
    OrdreDuJour,
    lire_choix_point,
    lire_ordre_du_jour,
    nature_pour_lien,
)
from app.ui.annuaire.formulaire import DialogueFiche, choisir_id, combo_choix, id_de
from app.ui.annuaire.tableaux import ajuster_colonnes, avertir, bouton, raccourci
from app.ui.comite.champs import choisir_enum, combo_enum, confirmer, valeur_enum
from app.ui.contexte import Contexte
from app.ui.tableau_lignes import Colonne, Index, ModeleLignes

TITRE = "Ordre du jour"
TYPE_MIME = "application/x-comite-local-points"
AUCUNE = "— Aucune —"
TIRET = "—"


def _duree(ligne: LignePoint) -> str:
    minutes = ligne.fiche.duree_minutes
    return duree_fr(minutes) if minutes else TIRET


COLONNES: tuple[Colonne[LignePoint], ...] = (
    Colonne("N°", lambda p: str(p.fiche.rang), lambda p: p.fiche.rang, a_droite=True),
    Colonne("Intitulé", lambda p: p.fiche.titre),
    Colonne("Nature", lambda p: p.fiche.nature.libelle),
    Colonne("Rapporteur", lambda p: p.rapporteur or TIRET),
    Colonne("Durée", _duree, lambda p: p.fiche.duree_minutes or 0, a_droite=True),
    Colonne("Lié à", lambda p: p.lien or TIRET),
)


class ModelePoints(ModeleLignes[LignePoint]):
    """The agenda's rows in their order. Rows can be dragged (an internal move) or moved with `moveRows`: either
    way the model emits `ordre_demande(ids)` and the owner writes that order; the reload then shows it."""

    ordre_demande = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLONNES, lambda p: f"{p.fiche.titre} {p.rapporteur} {p.lien}", parent=parent)
        self.deplaces: tuple[int, ...] = ()  # the items of the last move asked for: they stay chosen

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # between rows only: a row never lands « on » another
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [TYPE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rangs = sorted({i.row() for i in indexes if i.isValid() and 0 <= i.row() < len(self.lignes)})
        donnees = QMimeData()
        donnees.setData(TYPE_MIME, QByteArray(json.dumps([self.lignes[r].id for r in rangs]).encode()))
        return donnees

    def _ids(self, donnees: QMimeData) -> list[int]:
        if not donnees.hasFormat(TYPE_MIME):
            return []
        try:
            ids = json.loads(bytes(donnees.data(TYPE_MIME).data()).decode())
        except ValueError:
            return []
        connus = {ligne.id for ligne in self.lignes}
        if not isinstance(ids, list) or not ids or any(i not in connus for i in ids):
            return []  # dragged from elsewhere, or the agenda changed meanwhile
        return [int(i) for i in ids]

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        return action == Qt.DropAction.MoveAction and bool(self._ids(data))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        if parent.isValid():
            row = parent.row()  # dropped on a row: before it
        return self.demander(self._ids(data), row if row >= 0 else len(self.lignes))

    def moveRows(
        self,
        sourceParent: Index,
        sourceRow: int,
        count: int,
        destinationParent: Index,
        destinationChild: int,
    ) -> bool:
        if sourceParent.isValid() or destinationParent.isValid() or count <= 0:
            return False
        if not (sourceRow >= 0 and sourceRow + count <= len(self.lignes) and 0 <= destinationChild <= len(self.lignes)):
            return False
        return self.demander([ligne.id for ligne in self.lignes[sourceRow : sourceRow + count]], destinationChild)

    def demander(self, ids: Sequence[int], avant: int) -> bool:
        """Ask for `ids` to go before the row now at `avant` (the end: `rowCount()`). False if nothing moves."""
        ordre = [ligne.id for ligne in self.lignes]
        deplaces = [i for i in ordre if i in ids]
        reste = [i for i in ordre if i not in ids]
        position = sum(1 for i in ordre[:avant] if i not in ids)
        nouvel = reste[:position] + deplaces + reste[position:]
        if not deplaces or nouvel == ordre:
            return False
        self.deplaces = tuple(deplaces)
        self.ordre_demande.emit(nouvel)
        return True


class DialoguePoint(DialogueFiche):
    """An agenda item: title, kind, rapporteur, duration, and the referral or recommendation it is about."""

    def __init__(
        self,
        contexte: Contexte,
        seance_id: int,
        choix: ChoixPoint,
        point: LignePoint | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(contexte, "Nouveau point de l'ordre du jour" if point is None else "Modifier le point", parent)
        self.setMinimumWidth(560)
        self.seance_id = seance_id
        self.point = point
        self.identifiant: int | None = None if point is None else point.id
        self.titre = QLineEdit()
        self.titre.setAccessibleName("Intitulé du point")
        self.titre.setMaxLength(500)
        self.titre.setClearButtonEnabled(True)
        self.titre.setPlaceholderText("Par exemple : Bilan du premier accueil social inconditionnel")
        self.ligne("&Intitulé :", self.titre, "titre")
        self.nature = combo_enum(NaturePoint, "Nature du point")
        self.nature.setToolTip("Information, débat, décision (vote), avis (vote), examen d'une saisine.")
        self.ligne("&Nature :", self.nature, "nature")
        self.rapporteur = combo_choix(choix.personnes, "Rapporteur", vide=TIRET)
        self.ligne("&Rapporteur :", self.rapporteur, "rapporteur_id")
        self.duree = QSpinBox()
        self.duree.setAccessibleName("Durée prévue, en minutes")
        self.duree.setRange(0, 24 * 60)
        self.duree.setSingleStep(5)
        self.duree.setSuffix(" min")
        self.duree.setSpecialValueText("— non prévue")  # 0: no duration set
        self.duree.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # a number needs no more room
        self.duree.setToolTip("La durée prévue compte dans la durée totale et l'heure de fin prévue ; 0 : non prévue.")
        self.ligne("&Durée :", self.duree, "duree_minutes")
        self.saisine = combo_choix(choix.saisines, "Saisine examinée (numéro)", vide=AUCUNE)
        self.saisine.setToolTip("La saisine paraît par son seul numéro sur l'ordre du jour et la convocation.")
        self.ligne("&Saisine :", self.saisine, "saisine_id")
        self.recommandation = combo_choix(choix.recommandations, "Recommandation (numéro)", vide=AUCUNE)
        self.recommandation.setToolTip("Un point porte sur une saisine ou sur une recommandation, pas les deux.")
        self.ligne("Re&commandation :", self.recommandation, "recommandation_id")
        if point is not None:
            fiche = point.fiche
            self.titre.setText(fiche.titre)
            choisir_enum(self.nature, fiche.nature)
            choisir_id(self.rapporteur, fiche.rapporteur_id)
            self.duree.setValue(fiche.duree_minutes or 0)
            choisir_id(self.saisine, fiche.saisine_id)
            choisir_id(self.recommandation, fiche.recommandation_id)
        self.saisine.currentIndexChanged.connect(lambda _rang: self._lien_choisi(self.saisine))
        self.recommandation.currentIndexChanged.connect(lambda _rang: self._lien_choisi(self.recommandation))
        self.titre.setFocus()

    def _lien_choisi(self, combo: QComboBox) -> None:
        """One link at a time: choosing a referral clears the recommendation, and the other way round."""
        if id_de(combo) is None:
            return
        autre = self.recommandation if combo is self.saisine else self.saisine
        autre.blockSignals(True)
        autre.setCurrentIndex(0)
        autre.blockSignals(False)
        nature = valeur_enum(self.nature, NaturePoint) or NaturePoint.INFORMATION
        saisine, recommandation = id_de(self.saisine) is not None, id_de(self.recommandation) is not None
        choisir_enum(self.nature, nature_pour_lien(nature, saisine, recommandation))
        if not self.titre.text().strip():
            numero = (self.saisine if saisine else self.recommandation).currentText()
            self.titre.setText(f"Examen de la saisine {numero}" if saisine else f"Adoption de l'avis {numero}")

    def fiche(self) -> FichePoint:
        # An edit starts from the item as it is: its minutes, vote and recusals stay untouched.
        depart = self.point.fiche if self.point is not None else FichePoint(0, self.seance_id, "")
        return replace(
            depart,
            titre=self.titre.text(),
            nature=valeur_enum(self.nature, NaturePoint) or NaturePoint.INFORMATION,
            rapporteur_id=id_de(self.rapporteur),
            duree_minutes=self.duree.value() or None,
            saisine_id=id_de(self.saisine),
            recommandation_id=id_de(self.recommandation),
        )

    def enregistrer(self) -> None:
        fiche = self.fiche()
        titre = " ".join(fiche.titre.split())
        if self.point is None:
            ajoute = self.contexte.executer(
                f"Ajouter le point « {titre} »",
                faire=lambda s: service.ajouter_point(s, fiche),
                defaire=lambda s, f: service.supprimer_point(s, f.id),
                refaire=service.ajouter_point,  # under the same id, at the same rank
            )
            self.identifiant = ajoute.id
            return
        self.contexte.executer(
            f"Modifier le point « {titre} »",
            faire=lambda s: service.modifier_point(s, fiche),
            defaire=service.modifier_point,
        )


class OngletOrdreDuJour(QWidget):
    """The tab; `afficher(seance_id)` (the Séances page's tab protocol) reads the chosen meeting's agenda."""

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.seance_id: int | None = None
        self.ordre: OrdreDuJour | None = None
        self._a_selectionner: int | None = None
        self.modele = ModelePoints(self)
        self.vue = QTableView()
        self.vue.setModel(self.modele)
        self.vue.setAccessibleName("Points de l'ordre du jour")
        self.vue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.vue.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.vue.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.vue.setAlternatingRowColors(True)
        self.vue.setWordWrap(False)
        self.vue.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.vue.setDragEnabled(True)
        self.vue.setAcceptDrops(True)
        self.vue.setDropIndicatorShown(True)
        self.vue.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.vue.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.vue.setDragDropOverwriteMode(False)
        self.vue.verticalHeader().hide()
        self.vue.verticalHeader().setDefaultSectionSize(self.vue.fontMetrics().height() + 10)
        entete = self.vue.horizontalHeader()
        entete.setHighlightSections(False)
        entete.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        ajuster_colonnes(self.vue, {0: 3, 2: 12, 3: 20, 4: 8, 5: 26}, etiree=1)

        self.total = QLabel()
        self.total.setAccessibleName("Durée totale de l'ordre du jour")
        self.bouton_ajouter = bouton(
            "&Ajouter un point…", "ajouter", "Ajouter un point à l'ordre du jour", "Touche Inser dans la liste"
        )
        self.bouton_modifier = bouton("Modifi&er…", "modifier", "Modifier le point choisi", "Entrée ou double-clic")
        self.bouton_supprimer = bouton("Suppr&imer", "supprimer", "Supprimer le point choisi", "Touche Suppr")
        self.bouton_monter = bouton("↑ Monter", None, "Monter le point choisi", "Ctrl+Haut (ou Alt+Haut), ou glisser")
        self.bouton_descendre = bouton(
            "↓ Descendre", None, "Descendre le point choisi", "Ctrl+Bas (ou Alt+Bas), ou glisser"
        )
        boutons = QHBoxLayout()
        for b in (self.bouton_ajouter, self.bouton_modifier, self.bouton_supprimer):
            boutons.addWidget(b)
        boutons.addSpacing(12)
        boutons.addWidget(self.bouton_monter)
        boutons.addWidget(self.bouton_descendre)
        boutons.addStretch(1)
        boutons.addWidget(self.total)
        disposition = QVBoxLayout(self)
        disposition.addWidget(self.vue, 1)
        disposition.addLayout(boutons)

        self.modele.ordre_demande.connect(self.ordonner)
        self.vue.doubleClicked.connect(lambda _index: self.modifier())
        self.vue.selectionModel().selectionChanged.connect(self._actualiser_boutons)
        raccourci(self.vue, QKeySequence.StandardKey.Delete, self.supprimer)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Return), self.modifier)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Enter), self.modifier)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Insert), self.ajouter)
        for touches in ("Ctrl+Up", "Alt+Up"):
            raccourci(self.vue, QKeySequence(touches), self.monter)
        for touches in ("Ctrl+Down", "Alt+Down"):
            raccourci(self.vue, QKeySequence(touches), self.descendre)
        self.bouton_ajouter.clicked.connect(self.ajouter)
        self.bouton_modifier.clicked.connect(self.modifier)
        self.bouton_supprimer.clicked.connect(self.supprimer)
        self.bouton_monter.clicked.connect(self.monter)
        self.bouton_descendre.clicked.connect(self.descendre)
        self.afficher(None)

    # --- the tab protocol --------------------------------------------------------------------------------

    def afficher(self, seance_id: int | None) -> None:
        """Show `seance_id`'s agenda (read again), keeping the chosen item (or the one just added or moved)."""
        voulu = self._a_selectionner if self._a_selectionner is not None else self.selection()
        self._a_selectionner = None
        autre = seance_id != self.seance_id
        self.seance_id = seance_id
        try:
            self.ordre = None if seance_id is None else self.contexte.lire(lambda s: lire_ordre_du_jour(s, seance_id))
        except ErreurConnue:
            self.ordre = None  # deleted meanwhile: the page chooses another one
        self.modele.definir(self.ordre.points if self.ordre is not None else ())
        if autre or self.modele.rang_de(voulu or 0) is None:
            voulu = self.modele.ligne(0).id if self.modele.rowCount() else None  # another meeting: its first item
        self.selectionner(voulu)
        self._actualiser_total()
        self._actualiser_boutons()

    # --- reading -----------------------------------------------------------------------------------------

    def selection(self) -> int | None:
        lignes = self.vue.selectionModel().selectedRows()
        return self.modele.ligne(lignes[0].row()).id if lignes else None

    def point(self) -> LignePoint | None:
        identifiant = self.selection()
        rang = self.modele.rang_de(identifiant) if identifiant is not None else None
        return self.modele.ligne(rang) if rang is not None else None

    def selectionner(self, point_id: int | None) -> None:
        rang = self.modele.rang_de(point_id) if point_id is not None else None
        if rang is None:
            self.vue.clearSelection()
            return
        self.vue.selectRow(rang)
        self.vue.scrollTo(self.modele.index(rang, 0))

    def _actualiser_total(self) -> None:
        if self.ordre is None:
            self.total.setText("")
            return
        points = [ligne.fiche for ligne in self.ordre.points]
        n = len(points)
        if not n:
            self.total.setText("Aucun point à l'ordre du jour")
            return
        morceaux = [f"{nombre(n)} point{'s' if n > 1 else ''}"]
        duree = service.duree_totale(points)
        if duree:
            morceaux.append(f"durée totale : {duree_fr(duree)}")
        fin = service.heure_de_fin_prevue(self.ordre.heure_debut, points) if duree else None
        if fin is not None:
            annoncee = self.ordre.heure_fin
            depasse = annoncee is not None and fin > annoncee
            texte = f"fin prévue à {heure_fr(fin)}"
            morceaux.append(f"{texte}, après la fin annoncée ({heure_fr(annoncee)})" if depasse and annoncee else texte)
        self.total.setText(" · ".join(morceaux))

    def _actualiser_boutons(self) -> None:
        ecriture = not self.contexte.base.lecture_seule and self.ordre is not None
        choisie = self.selection()
        rang = self.modele.rang_de(choisie) if choisie is not None else None
        choisi = ecriture and rang is not None
        self.bouton_ajouter.setEnabled(ecriture)
        self.bouton_modifier.setEnabled(choisi)
        self.bouton_supprimer.setEnabled(choisi)
        self.bouton_monter.setEnabled(choisi and rang is not None and rang > 0)
        self.bouton_descendre.setEnabled(choisi and rang is not None and rang < self.modele.rowCount() - 1)
        self.vue.setDragEnabled(ecriture)

    # --- dialogs (built here so that tests and review captures can fill them without exec) -------------------

    def dialogue(self, point: LignePoint | None = None) -> DialoguePoint:
        assert self.seance_id is not None
        choix = self.contexte.lire(lire_choix_point)
        dialogue = DialoguePoint(self.contexte, self.seance_id, choix, point, self)
        dialogue.accepted.connect(lambda: self.selectionner(dialogue.identifiant))  # the item added or edited
        return dialogue

    # --- editing -----------------------------------------------------------------------------------------

    def _ecriture(self) -> bool:
        return self.seance_id is not None and self.ordre is not None and not self.contexte.base.lecture_seule

    def ajouter(self) -> None:
        if not self._ecriture():
            return
        if self.dialogue().exec():
            self.vue.setFocus()

    def modifier(self) -> None:
        point = self.point()
        if point is not None and self._ecriture():
            self.dialogue(point).exec()

    def supprimer(self) -> None:
        point = self.point()
        if point is None or not self._ecriture():
            return
        titre = "Supprimer un point"
        question = f"Retirer le point {point.fiche.rang} « {point.fiche.titre} » de l'ordre du jour ?"
        if point.fiche.resume or point.fiche.decision or point.fiche.vote_pour is not None:
            question += " Son compte rendu (résumé, décision, vote) part avec lui."
        if not confirmer(self, titre, question, "&Supprimer"):
            return
        try:
            self.contexte.executer(
                f"Supprimer le point « {point.fiche.titre} »",
                faire=lambda s: service.supprimer_point(s, point.id),
                defaire=service.ajouter_point,  # back under its id, at its rank
                refaire=lambda s, f: service.supprimer_point(s, f.id),
            )
        except ErreurConnue as erreur:
            avertir(self, titre, erreur)

    def monter(self) -> None:
        self.deplacer(-1)

    def descendre(self) -> None:
        self.deplacer(1)

    def deplacer(self, sens: int) -> None:
        point = self.point()
        rang = self.modele.rang_de(point.id) if point is not None else None
        if point is None or rang is None or not self._ecriture() or not 0 <= rang + sens < self.modele.rowCount():
            return
        assert self.seance_id is not None
        seance_id, point_id = self.seance_id, point.id
        self._a_selectionner = point_id
        try:
            self.contexte.executer(
                f"{'Monter' if sens < 0 else 'Descendre'} le point « {point.fiche.titre} »",
                faire=lambda s: service.deplacer_point(s, point_id, sens),
                defaire=lambda s, avant: service.ordonner_points(s, seance_id, avant),
            )
        except ErreurConnue as erreur:
            self._a_selectionner = None
            avertir(self, TITRE, erreur)

    def ordonner(self, ordre: list[int]) -> None:
        """The order a drop asked for (the moved item stays chosen)."""
        if not self._ecriture() or self.ordre is None:
            return
        seance_id = self.ordre.seance_id
        self._a_selectionner = self.modele.deplaces[0] if self.modele.deplaces else self.selection()
        nouvel = tuple(ordre)
        try:
            self.contexte.executer(
                "Réordonner l'ordre du jour",
                faire=lambda s: service.ordonner_points(s, seance_id, nouvel),
                defaire=lambda s, precedent: service.ordonner_points(s, seance_id, precedent),
            )
        except ErreurConnue as erreur:
            self._a_selectionner = None
            avertir(self, TITRE, erreur)
