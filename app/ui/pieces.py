"""A tab of files attached to a record (a meeting's documents, a production's file): joined into the base's
attachment store (app.services.pieces_jointes), opened from a temporary copy, saved as a copy, removed; undoable.

The record's kind and the tab's wording are parameters: the Séances and Travaux pages each have theirs."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget

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
from app.ui.comite.champs import confirmer
from app.ui.contexte import Contexte
from app.ui.tableau_lignes import Colonne, FiltreLignes, ModeleLignes


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


@dataclass(frozen=True)
class TextesPieces:
    """The wording of one use of the tab (French, ready to show)."""

    vue: str  # the table's accessible name
    explication: str
    joindre: str  # the button
    joindre_nom: str  # its accessible name
    titre_choix: str  # the file chooser's title
    element: str  # « document », « fichier »
    retirer_nom: str
    question_retrait: str  # with {nom}: « Retirer « {nom} » de la séance ? »
    titre_erreur: str


class OngletFichiersJoints(QWidget):
    """The files of the record `proprietaire_id` (None: no record chosen) of kind `entite`."""

    def __init__(self, contexte: Contexte, entite: str, textes: TextesPieces, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.entite = entite
        self.textes = textes
        self.proprietaire_id: int | None = None
        self.modele = ModeleLignes(COLONNES, lambda li: li.piece.nom_fichier, parent=self)
        self.proxy = FiltreLignes(self.modele, self)
        self.vue = creer_vue(self.proxy, textes.vue, colonne_tri=2)
        ajuster_colonnes(self.vue, {1: 10, 2: 18}, etiree=0)
        self.vue.doubleClicked.connect(lambda _i: self.ouvrir())
        self.vue.selectionModel().selectionChanged.connect(lambda *_: self._actualiser_boutons())
        self.explication = QLabel(textes.explication)
        self.explication.setWordWrap(True)
        self.joindre_bouton = bouton(textes.joindre, "ajouter", textes.joindre_nom)
        self.ouvrir_bouton = bouton("&Ouvrir", "ouvrir", f"Ouvrir le {textes.element}")
        self.copie_bouton = bouton(
            "Enregistrer une &copie…", "enregistrer", f"Enregistrer une copie du {textes.element}"
        )
        self.retirer_bouton = bouton("&Retirer…", "supprimer", textes.retirer_nom)
        self.joindre_bouton.clicked.connect(self.joindre)
        self.ouvrir_bouton.clicked.connect(self.ouvrir)
        self.copie_bouton.clicked.connect(self.enregistrer_copie)
        self.retirer_bouton.clicked.connect(self.retirer)
        raccourci(self.vue, QKeySequence.StandardKey.Delete, self.retirer)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Return), self.ouvrir)
        disposition = QVBoxLayout(self)
        disposition.addWidget(self.explication)
        disposition.addWidget(self.vue, 1)
        disposition.addLayout(
            rangee_de_boutons(self.joindre_bouton, self.ouvrir_bouton, self.copie_bouton, self.retirer_bouton)
        )
        self.afficher(None)

    @property
    def chemin_base(self) -> Path:
        return self.contexte.base.chemin

    def afficher(self, proprietaire_id: int | None) -> None:
        garde = identifiant_selectionne(self.vue, self.proxy) if proprietaire_id == self.proprietaire_id else None
        self.proprietaire_id = proprietaire_id
        pieces: list[PieceLue] = []
        if proprietaire_id is not None:
            entite = self.entite
            pieces = self.contexte.lire(lambda s: pieces_jointes.pieces_de(s, entite, proprietaire_id))
        self.modele.definir([LignePiece(p) for p in pieces])
        selectionner(self.vue, self.proxy, garde if garde is not None else (pieces[0].id if pieces else None))
        self._actualiser_boutons()

    def _piece(self) -> PieceLue | None:
        ligne = ligne_selectionnee(self.vue, self.proxy)
        return ligne.piece if ligne is not None else None

    def _actualiser_boutons(self) -> None:
        choisie = self._piece() is not None
        ecriture = not self.contexte.base.lecture_seule
        self.joindre_bouton.setEnabled(self.proprietaire_id is not None and ecriture)
        self.ouvrir_bouton.setEnabled(choisie)
        self.copie_bouton.setEnabled(choisie)
        self.retirer_bouton.setEnabled(choisie and ecriture)

    def joindre_fichier(self, fichier: Path) -> PieceLue | None:
        proprietaire_id, entite, chemin_base = self.proprietaire_id, self.entite, self.chemin_base
        if proprietaire_id is None:
            return None
        try:
            piece = self.contexte.executer(
                f"Joindre « {fichier.name} »",
                faire=lambda s: pieces_jointes.joindre(s, chemin_base, entite, proprietaire_id, fichier),
                defaire=lambda s, p: pieces_jointes.retirer(s, p.id),
                refaire=pieces_jointes.remettre,
            )
        except ErreurConnue as erreur:
            avertir(self, self.textes.titre_erreur, erreur)
            return None
        selectionner(self.vue, self.proxy, piece.id)
        return piece

    def joindre(self) -> None:
        fichiers, _ = QFileDialog.getOpenFileNames(self, self.textes.titre_choix, str(Path.home()))
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
            avertir(self, self.textes.titre_erreur, erreur)
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(copie))):
            avertir(self, self.textes.titre_erreur, f"Aucun programme n'est associé à « {piece.nom_fichier} ».")

    def enregistrer_copie(self) -> None:
        piece = self._piece()
        if piece is None:
            return
        chemin, _ = QFileDialog.getSaveFileName(self, "Enregistrer une copie", str(Path.home() / piece.nom_fichier))
        if chemin:
            try:
                pieces_jointes.exporter(self.chemin_base, piece, Path(chemin))
            except ErreurConnue as erreur:
                avertir(self, self.textes.titre_erreur, erreur)

    def retirer(self) -> None:
        piece = self._piece()
        if piece is None or self.contexte.base.lecture_seule:
            return
        question = self.textes.question_retrait.format(nom=piece.nom_fichier) + " Ctrl+Z le remet."
        if not confirmer(self, f"Retirer le {self.textes.element}", question, "&Retirer"):
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
            avertir(self, self.textes.titre_erreur, erreur)
