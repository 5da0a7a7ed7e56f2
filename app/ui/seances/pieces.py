"""The « Pièces jointes » tab: documents attached to a meeting (presentation, budget, signed sheet…)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QVBoxLayout, QWidget

from app.erreurs import ErreurConnue
from app.format_fr import date_longue, nombre
from app.services import pieces_jointes
from app.services.pieces_jointes import PieceLue
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

ENTITE = "seance"


def taille_lisible(octets: int) -> str:
    if octets < 1024:
        return f"{octets} octets"
    if octets < 1024 * 1024:
        return f"{nombre(octets / 1024, 0)} Ko"
    return f"{nombre(octets / 1024 / 1024, 1)} Mo"


@dataclass(frozen=True)
class LignePiece:
    piece: PieceLue

    @property
    def id(self) -> int:
        return self.piece.id


COLONNES = (
    Colonne[LignePiece]("Document", lambda li: li.piece.nom_fichier),
    Colonne[LignePiece](
        "Taille", lambda li: taille_lisible(li.piece.taille), tri=lambda li: li.piece.taille, a_droite=True
    ),
    Colonne[LignePiece](
        "Ajouté le", lambda li: date_longue(li.piece.ajoutee_le.date()), tri=lambda li: li.piece.ajoutee_le.isoformat()
    ),
)


class OngletPieces(QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.seance_id: int | None = None
        self.modele = ModeleLignes(COLONNES, lambda li: li.piece.nom_fichier, parent=self)
        self.proxy = FiltreLignes(self.modele, self)
        self.vue = creer_vue(self.proxy, "Pièces jointes de la séance", colonne_tri=2)
        ajuster_colonnes(self.vue, {1: 10, 2: 18}, etiree=0)
        self.vue.doubleClicked.connect(lambda _i: self.ouvrir())
        self.vue.selectionModel().selectionChanged.connect(lambda *_: self._actualiser_boutons())
        self.explication = QLabel(
            "Une copie de chaque document est gardée avec la base : le fichier d'origine peut ensuite être "
            "déplacé ou supprimé sans rien perdre."
        )
        self.explication.setWordWrap(True)
        self.joindre_bouton = bouton("&Joindre un document…", "ajouter", "Joindre un document")
        self.ouvrir_bouton = bouton("&Ouvrir", "ouvrir", "Ouvrir le document")
        self.copie_bouton = bouton("Enregistrer une &copie…", "enregistrer", "Enregistrer une copie du document")
        self.retirer_bouton = bouton("&Retirer", "supprimer", "Retirer le document de la séance")
        self.joindre_bouton.clicked.connect(self.joindre)
        self.ouvrir_bouton.clicked.connect(self.ouvrir)
        self.copie_bouton.clicked.connect(self.enregistrer_copie)
        self.retirer_bouton.clicked.connect(self.retirer)
        raccourci(self.vue, QKeySequence.StandardKey.Delete, self.retirer)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Return), self.ouvrir)
        boutons = rangee_de_boutons(self.joindre_bouton, self.ouvrir_bouton, self.copie_bouton, self.retirer_bouton)
        disposition = QVBoxLayout(self)
        disposition.addWidget(self.explication)
        disposition.addWidget(self.vue, 1)
        disposition.addLayout(boutons)
        self.afficher(None)

    @property
    def chemin_base(self) -> Path:
        return self.contexte.base.chemin

    def afficher(self, seance_id: int | None) -> None:
        garde = identifiant_selectionne(self.vue, self.proxy) if seance_id == self.seance_id else None
        self.seance_id = seance_id
        pieces: list[PieceLue] = []
        if seance_id is not None:
            pieces = self.contexte.lire(lambda s: pieces_jointes.pieces_de(s, ENTITE, seance_id))
        self.modele.definir([LignePiece(p) for p in pieces])
        selectionner(self.vue, self.proxy, garde)
        self._actualiser_boutons()

    def _piece(self) -> PieceLue | None:
        ligne = ligne_selectionnee(self.vue, self.proxy)
        return ligne.piece if ligne is not None else None

    def _actualiser_boutons(self) -> None:
        choisie = self._piece() is not None
        self.joindre_bouton.setEnabled(self.seance_id is not None and not self.contexte.base.lecture_seule)
        for b in (self.ouvrir_bouton, self.copie_bouton):
            b.setEnabled(choisie)
        self.retirer_bouton.setEnabled(choisie and not self.contexte.base.lecture_seule)

    def joindre_fichier(self, fichier: Path) -> PieceLue | None:
        seance_id = self.seance_id
        if seance_id is None:
            return None
        chemin_base = self.chemin_base
        try:
            piece = self.contexte.executer(
                f"Joindre « {fichier.name} »",
                faire=lambda s: pieces_jointes.joindre(s, chemin_base, ENTITE, seance_id, fichier),
                defaire=lambda s, p: pieces_jointes.retirer(s, p.id),
                refaire=pieces_jointes.remettre,
            )
        except ErreurConnue as erreur:
            avertir(self, "Pièce jointe", erreur)
            return None
        selectionner(self.vue, self.proxy, piece.id)
        return piece

    def joindre(self) -> None:
        fichiers, _ = QFileDialog.getOpenFileNames(self, "Joindre des documents à la séance", str(Path.home()))
        for fichier in fichiers:
            self.joindre_fichier(Path(fichier))

    def ouvrir(self) -> None:
        piece = self._piece()
        if piece is None:
            return
        try:
            # A copy in a temporary folder: whatever the other program does, the stored file stays intact.
            dossier = Path(tempfile.mkdtemp(prefix="comite-local-"))
            copie = dossier / piece.nom_fichier
            pieces_jointes.exporter(self.chemin_base, piece, copie)
        except ErreurConnue as erreur:
            avertir(self, "Pièce jointe", erreur)
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(copie))):
            avertir(self, "Pièce jointe", f"Aucun programme n'est associé à « {piece.nom_fichier} ».")

    def enregistrer_copie(self) -> None:
        piece = self._piece()
        if piece is None:
            return
        chemin, _ = QFileDialog.getSaveFileName(self, "Enregistrer une copie", str(Path.home() / piece.nom_fichier))
        if chemin:
            try:
                pieces_jointes.exporter(self.chemin_base, piece, Path(chemin))
            except ErreurConnue as erreur:
                avertir(self, "Pièce jointe", erreur)

    def retirer(self) -> None:
        piece = self._piece()
        if piece is None:
            return
        reponse = QMessageBox.question(
            self,
            "Retirer le document",
            f"Retirer « {piece.nom_fichier} » de la séance ? (Ctrl+Z le remet.)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if reponse != QMessageBox.StandardButton.Yes:
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
            avertir(self, "Pièce jointe", erreur)
