"""The « Présences » tab of a meeting: the live count and quorum, and the screen that records who came."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.erreurs import ErreurConnue
from app.services.onglets_seance import resume_presences
from app.ui.annuaire.tableaux import bouton
from app.ui.contexte import Contexte


class OngletPresences(QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.seance_id: int | None = None
        self.comptes = QLabel()
        self.comptes.setWordWrap(True)
        self.comptes.setAccessibleName("Décompte des présences")
        self.quorum = QLabel()
        self.quorum.setWordWrap(True)
        self.quorum.setAccessibleName("Quorum")
        self.saisir = bouton(
            "Saisir les présences…",
            "membres",
            "Saisir les présences",
            "Un écran par séance : une touche par personne (P présent, V visio, E excusé, A absent, R pouvoir).",
        )
        self.saisir.clicked.connect(self.ouvrir_saisie)
        ligne = QHBoxLayout()
        ligne.addWidget(self.saisir)
        ligne.addStretch(1)
        disposition = QVBoxLayout(self)
        disposition.addWidget(self.comptes)
        disposition.addWidget(self.quorum)
        disposition.addLayout(ligne)
        disposition.addStretch(1)
        self.afficher(None)

    def afficher(self, seance_id: int | None) -> None:
        self.seance_id = seance_id
        if seance_id is None:
            self.comptes.setText("Choisissez une séance dans la liste.")
            self.quorum.clear()
            self.saisir.setEnabled(False)
            return
        try:
            comptes, quorum, ouverte = self.contexte.lire(lambda s: resume_presences(s, seance_id))
        except ErreurConnue:
            self.afficher(None)
            return
        self.comptes.setText(comptes)
        self.quorum.setText(quorum)
        self.saisir.setEnabled(ouverte)
        self.saisir.setToolTip("" if ouverte else "Une séance annulée ou reportée n'a pas de présences.")

    def ouvrir_saisie(self) -> None:
        if self.seance_id is None:
            return
        from app.ui.seances.presences import DialoguePresences

        dialogue = DialoguePresences(self.contexte, self.seance_id, self)
        dialogue.exec()
        dialogue.deleteLater()
        self.afficher(self.seance_id)
