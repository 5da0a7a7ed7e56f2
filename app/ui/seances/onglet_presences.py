"""The « Présences » tab of a meeting: the live count and quorum, and the screen that records who came."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.modeles import Seance
from app.modeles.enumerations import StatutSeance
from app.services.presences import etat_seance
from app.services.seances import quorum_requis
from app.ui.annuaire.tableaux import bouton
from app.ui.contexte import Contexte


def resume_presences(contexte: Contexte, seance_id: int) -> tuple[str, str, bool]:
    """(counts, quorum sentence, whether attendance may be recorded)."""

    def lire(session: Session) -> tuple[str, str, bool]:
        seance = session.get(Seance, seance_id)
        if seance is None:
            raise ErreurConnue("Cette séance n'existe plus.")
        etat = etat_seance(session, seance_id)
        d = etat.decompte
        comptes = (
            f"Sièges attendus : {d.attendus} · Présents : {d.presents} · Suppléés : {d.supplees} · "
            f"Représentés : {d.representes} · Excusés : {d.excuses} · Absents : {d.absents}"
        )
        if not quorum_requis(seance):
            quorum = "Seconde convocation : aucun quorum n'est requis."
        else:
            pouvoirs = "pouvoirs comptés" if seance.instance.pouvoirs_comptes else "pouvoirs non comptés"
            verdict = "atteint" if etat.quorum_atteint else "non atteint"
            quorum = f"Quorum : {etat.requis} voix requises ({pouvoirs}) — {verdict}."
        ouverte = seance.statut not in (StatutSeance.ANNULEE, StatutSeance.REPORTEE)
        return comptes, quorum, ouverte

    return contexte.lire(lire)


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
            comptes, quorum, ouverte = resume_presences(self.contexte, seance_id)
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
