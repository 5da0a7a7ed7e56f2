"""The « Fichier » tab: the production's document (the guide, the note, the slides…), kept in the base's
attachment store; several files may be joined (a version for print and one for the web, say)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget

from app.erreurs import ErreurConnue
from app.services import pieces_jointes
from app.services.pieces_jointes import PieceLue
from app.services.productions import ENTITE
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
from app.ui.comite.champs import confirmer
from app.ui.contexte import Contexte
from app.ui.seances.pieces import COLONNES, LignePiece
from app.ui.tableau_lignes import FiltreLignes, ModeleLignes


class OngletFichier(QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.production_id: int | None = None
        self.modele = ModeleLignes(COLONNES, lambda li: li.piece.nom_fichier, parent=self)
        self.proxy = FiltreLignes(self.modele, self)
        self.vue = creer_vue(self.proxy, "Fichiers de la production", colonne_tri=2)
        ajuster_colonnes(self.vue, {1: 10, 2: 18}, etiree=0)
        self.vue.doubleClicked.connect(lambda _i: self.ouvrir())
        self.vue.selectionModel().selectionChanged.connect(lambda *_: self._actualiser_boutons())
        explication = QLabel(
            "Une copie du document est gardée avec la base : le fichier d'origine peut ensuite être déplacé ou "
            "supprimé sans rien perdre."
        )
        explication.setWordWrap(True)
        self.joindre_bouton = bouton("&Joindre un fichier…", "ajouter", "Joindre un fichier à la production")
        self.ouvrir_bouton = bouton("&Ouvrir", "ouvrir", "Ouvrir le fichier")
        self.copie_bouton = bouton("Enregistrer une &copie…", "enregistrer", "Enregistrer une copie du fichier")
        self.retirer_bouton = bouton("&Retirer…", "supprimer", "Retirer le fichier de la production")
        self.joindre_bouton.clicked.connect(self.joindre)
        self.ouvrir_bouton.clicked.connect(self.ouvrir)
        self.copie_bouton.clicked.connect(self.enregistrer_copie)
        self.retirer_bouton.clicked.connect(self.retirer)
        raccourci(self.vue, QKeySequence.StandardKey.Delete, self.retirer)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Return), self.ouvrir)
        disposition = QVBoxLayout(self)
        disposition.addWidget(explication)
        disposition.addWidget(self.vue, 1)
        disposition.addLayout(
            rangee_de_boutons(self.joindre_bouton, self.ouvrir_bouton, self.copie_bouton, self.retirer_bouton)
        )
        self.afficher(None)

    @property
    def chemin_base(self) -> Path:
        return self.contexte.base.chemin

    def afficher(self, production_id: int | None) -> None:
        garde = identifiant_selectionne(self.vue, self.proxy) if production_id == self.production_id else None
        self.production_id = production_id
        pieces: list[PieceLue] = []
        if production_id is not None:
            pieces = self.contexte.lire(lambda s: pieces_jointes.pieces_de(s, ENTITE, production_id))
        self.modele.definir([LignePiece(p) for p in pieces])
        selectionner(self.vue, self.proxy, garde if garde is not None else (pieces[0].id if pieces else None))
        self._actualiser_boutons()

    def _piece(self) -> PieceLue | None:
        ligne = ligne_selectionnee(self.vue, self.proxy)
        return ligne.piece if ligne is not None else None

    def _actualiser_boutons(self) -> None:
        choisie = self._piece() is not None
        ecriture = not self.contexte.base.lecture_seule
        self.joindre_bouton.setEnabled(self.production_id is not None and ecriture)
        self.ouvrir_bouton.setEnabled(choisie)
        self.copie_bouton.setEnabled(choisie)
        self.retirer_bouton.setEnabled(choisie and ecriture)

    def joindre_fichier(self, fichier: Path) -> PieceLue | None:
        production_id = self.production_id
        if production_id is None:
            return None
        chemin_base = self.chemin_base
        try:
            piece = self.contexte.executer(
                f"Joindre « {fichier.name} »",
                faire=lambda s: pieces_jointes.joindre(s, chemin_base, ENTITE, production_id, fichier),
                defaire=lambda s, p: pieces_jointes.retirer(s, p.id),
                refaire=pieces_jointes.remettre,
            )
        except ErreurConnue as erreur:
            avertir(self, "Fichier", erreur)
            return None
        selectionner(self.vue, self.proxy, piece.id)
        return piece

    def joindre(self) -> None:
        fichiers, _ = QFileDialog.getOpenFileNames(self, "Joindre un fichier à la production", str(Path.home()))
        for fichier in fichiers:
            self.joindre_fichier(Path(fichier))

    def ouvrir(self) -> None:
        piece = self._piece()
        if piece is None:
            return
        try:
            # A copy in a temporary folder: whatever the other program does, the stored file stays intact.
            copie = Path(tempfile.mkdtemp(prefix="comite-local-")) / piece.nom_fichier
            pieces_jointes.exporter(self.chemin_base, piece, copie)
        except ErreurConnue as erreur:
            avertir(self, "Fichier", erreur)
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(copie))):
            avertir(self, "Fichier", f"Aucun programme n'est associé à « {piece.nom_fichier} ».")

    def enregistrer_copie(self) -> None:
        piece = self._piece()
        if piece is None:
            return
        chemin, _ = QFileDialog.getSaveFileName(self, "Enregistrer une copie", str(Path.home() / piece.nom_fichier))
        if chemin:
            try:
                pieces_jointes.exporter(self.chemin_base, piece, Path(chemin))
            except ErreurConnue as erreur:
                avertir(self, "Fichier", erreur)

    def retirer(self) -> None:
        piece = self._piece()
        if piece is None or self.contexte.base.lecture_seule:
            return
        question = f"Retirer « {piece.nom_fichier} » de la production ? Ctrl+Z le remet."
        if not confirmer(self, "Retirer le fichier", question, "&Retirer"):
            return
        identifiant = piece.id
        try:
            self.contexte.executer(
                f"Retirer « {piece.nom_fichier} »",
                faire=lambda s: pieces_jointes.retirer(s, identifiant),
                defaire=pieces_jointes.remettre,
                refaire=lambda s, p: pieces_jointes.retirer(s, p.id),
            )
        except ErreurConnue as erreur:
            avertir(self, "Fichier", erreur)
