"""The « Documents » tab of a meeting: convocation (and its .ics), attendance sheet, minutes, relevé de décisions.

Each can be previewed, printed or saved as PDF. A document that does not apply yet says why instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.modeles.enumerations import StatutSeance
from app.services import documents_seance as documents
from app.services.onglets_seance import etat_documents
from app.ui import impression
from app.ui.annuaire.tableaux import avertir, bouton, rangee_de_boutons
from app.ui.attente import avec_attente
from app.ui.contexte import Contexte


class _Document(QGroupBox):
    """One document: what it is, whether it applies, and its three actions."""

    def __init__(self, titre: str, description: str, nom_fichier: str, onglet: OngletDocuments) -> None:
        super().__init__(titre)
        self.onglet = onglet
        self.titre_document = titre
        self.nom_fichier = nom_fichier
        self.produire: Callable[[], bytes] | None = None
        self.description = QLabel(description)
        self.description.setWordWrap(True)
        self.etat = QLabel()
        self.etat.setWordWrap(True)
        self.etat.setAccessibleName(f"État : {titre}")
        self.apercu = bouton("Aperçu…", "apercu", f"Aperçu : {titre}", "Aperçu avant impression, puis impression")
        self.imprimer = bouton("Imprimer…", "imprimer", f"Imprimer : {titre}")
        self.enregistrer = bouton("Enregistrer en PDF…", "pdf", f"Enregistrer en PDF : {titre}")
        self.apercu.clicked.connect(self._apercu)
        self.imprimer.clicked.connect(self._imprimer)
        self.enregistrer.clicked.connect(self._enregistrer)
        boutons = rangee_de_boutons(self.apercu, self.imprimer, self.enregistrer)
        self.boutons = boutons
        disposition = QVBoxLayout(self)
        disposition.addWidget(self.description)
        disposition.addWidget(self.etat)
        disposition.addLayout(boutons)

    def definir(self, produire: Callable[[], bytes] | None, etat: str, *, alerte: bool = False) -> None:
        self.produire = produire
        self.etat.setText(etat)
        self.etat.setVisible(bool(etat))
        self.etat.setStyleSheet("color: #9a3412;" if alerte else "color: palette(mid);")
        for b in (self.apercu, self.imprimer, self.enregistrer):
            b.setEnabled(produire is not None)

    def _octets(self) -> bytes | None:
        return None if self.produire is None else avec_attente(self, self.titre_document, self.produire)

    def _apercu(self) -> None:
        contenu = self._octets()
        if contenu is not None:
            impression.apercu(self, contenu, f"{self.titre_document} — {self.onglet.reference}")

    def _imprimer(self) -> None:
        contenu = self._octets()
        if contenu is not None:
            try:
                impression.imprimer(self, contenu, f"{self.titre_document} — {self.onglet.reference}")
            except ErreurConnue as erreur:
                avertir(self, self.titre_document, erreur)

    def _enregistrer(self) -> None:
        if self.produire is not None:
            impression.enregistrer(self, self.produire, f"{self.nom_fichier} {self.onglet.reference}.pdf")


class OngletDocuments(QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.seance_id: int | None = None
        self.reference = ""
        self.motif_urgence = ""  # asked once for a late convocation not yet sent, used for its documents
        self.convocation = _Document(
            "Convocation",
            "La convocation et l'ordre du jour, avec la façon de donner pouvoir ou de prévenir son suppléant.",
            "Convocation",
            self,
        )
        self.ics = bouton(
            "Invitation d'agenda (.ics)…",
            "calendrier",
            "Enregistrer l'invitation d'agenda",
            "Un fichier .ics à joindre au courriel : la séance s'ajoute à l'agenda des membres.",
        )
        self.ics.clicked.connect(self._enregistrer_ics)
        self.convocation.boutons.insertWidget(3, self.ics)
        self.motif = bouton("Motif de l'urgence…", None, "Indiquer le motif de l'urgence")
        self.motif.clicked.connect(self.demander_motif)
        self.convocation.boutons.insertWidget(4, self.motif)
        self.emargement = _Document(
            "Feuille d'émargement",
            "Les membres par collège, titulaires et suppléants, avec une case de signature ; excuses et pouvoirs "
            "connus déjà portés ; le calcul du quorum en pied de page.",
            "Émargement",
            self,
        )
        self.pv = _Document(
            "Procès-verbal",
            "Présents, représentés, excusés et absents, quorum, puis pour chaque point le résumé, la décision et "
            "le vote ; les actions. Marqué « PROJET » tant qu'il n'est pas approuvé.",
            "Procès-verbal",
            self,
        )
        self.releve = _Document(
            "Relevé de décisions",
            "La version courte du procès-verbal : les décisions, les votes et les actions.",
            "Relevé de décisions",
            self,
        )
        grille = QGridLayout(self)
        grille.addWidget(self.convocation, 0, 0)
        grille.addWidget(self.emargement, 0, 1)
        grille.addWidget(self.pv, 1, 0)
        grille.addWidget(self.releve, 1, 1)
        grille.setRowStretch(2, 1)
        self.afficher(None)

    def afficher(self, seance_id: int | None) -> None:
        if seance_id != self.seance_id:
            self.motif_urgence = ""
        self.seance_id = seance_id
        if seance_id is None:
            for document in (self.convocation, self.emargement, self.pv, self.releve):
                document.definir(None, "Choisissez une séance dans la liste.")
            self.ics.setEnabled(False)
            self.motif.hide()
            return
        try:
            etat = self.contexte.lire(lambda s: etat_documents(s, seance_id))
        except ErreurConnue:
            self.afficher(None)
            return
        self.reference = etat.reference
        annulee = etat.statut in (StatutSeance.ANNULEE, StatutSeance.REPORTEE)
        libelle = etat.statut.libelle.lower()
        if annulee:
            self.convocation.definir(None, f"La séance est {libelle} : pas de convocation.")
            self.emargement.definir(None, f"La séance est {libelle} : pas de feuille d'émargement.")
        else:
            retard = etat.retard if not self.motif_urgence else f"Motif de l'urgence : « {self.motif_urgence} »"
            self.convocation.definir(
                None if etat.retard and not self.motif_urgence else self._convocation_pdf, retard, alerte=bool(retard)
            )
            self.emargement.definir(lambda: self._lire(documents.emargement_pdf), "")
        self.ics.setEnabled(self.convocation.produire is not None)
        self.motif.setVisible(bool(etat.retard) and not annulee)
        if etat.tenue:
            mention = "" if etat.pv_approuve else "Non encore approuvé : imprimé avec la mention « PROJET »."
            self.pv.definir(lambda: self._lire(documents.proces_verbal_pdf), mention)
            self.releve.definir(lambda: self._lire(lambda s, i: documents.proces_verbal_pdf(s, i, releve=True)), "")
        else:
            attente = f"La séance est {libelle} : le procès-verbal s'écrit une fois la séance tenue."
            self.pv.definir(None, attente)
            self.releve.definir(None, attente)

    def _lire(self, produire: Callable[[Session, int], bytes]) -> bytes:
        seance_id = self.seance_id
        if seance_id is None:
            raise ErreurConnue("Choisissez une séance dans la liste.")
        return self.contexte.lire(lambda s: produire(s, seance_id))

    def _convocation_pdf(self) -> bytes:
        return self._lire(lambda s, i: documents.convocation_pdf(s, i, self.motif_urgence))

    def demander_motif(self) -> None:
        motif, accepte = QInputDialog.getMultiLineText(
            self,
            "Motif de l'urgence",
            "Cette convocation part après le délai de l'instance. Le motif de l'urgence sera imprimé sur la "
            "convocation (il sera enregistré quand la séance sera marquée convoquée) :",
            self.motif_urgence,
        )
        if accepte and motif.strip():
            self.motif_urgence = " ".join(motif.split())
            self.afficher(self.seance_id)

    def _enregistrer_ics(self) -> None:
        impression.enregistrer(
            self,
            lambda: self._lire(lambda s, i: documents.convocation_ics(s, i, self.motif_urgence)),
            f"Invitation {self.reference}.ics",
            filtre="Invitations d'agenda (*.ics)",
        )

    def document_du_moment(self) -> _Document | None:
        """What Ctrl+P prints: the minutes once the meeting is held, else the convocation."""
        for document in (self.pv, self.convocation):
            if document.produire is not None:
                return document
        return None

    def imprimer(self) -> bool:
        """Ctrl+P: the preview (then printing) of the document of the moment; False if none applies."""
        document = self.document_du_moment()
        if document is None:
            return False
        document.apercu.click()
        return True
