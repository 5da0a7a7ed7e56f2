"""The referral and the HCTS ethics commission: what was sent and when, what the HCTS answered, and the file
sent to it (a PDF of the anonymised referral, once its anonymisation is validated). Each entry is undoable."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from app import db
from app.format_fr import date_longue
from app.services import saisines_workflow as workflow
from app.services.saisines_lecture import DetailSaisine, EnvoiLu
from app.ui import impression
from app.ui.annuaire.formulaire import DialogueFiche, date_de
from app.ui.attente import avec_attente
from app.ui.contexte import Contexte
from app.ui.saisines.champs import date_passee, texte_multiligne, texte_propre

TITRE_DOSSIER = "Dossier pour le HCTS"


class DialogueEscalade(DialogueFiche):
    """« Transmettre au HCTS… »: records a dispatch to the HCTS ethics commission; `identifiant` is the entry."""

    def __init__(self, contexte: Contexte, detail: DetailSaisine, parent: QWidget | None = None) -> None:
        super().__init__(contexte, f"Transmettre {detail.numero} au HCTS", parent)
        self.setMinimumWidth(600)
        self.detail = detail
        self.identifiant: int | None = None
        self.entete(
            "Notez ce qui a été envoyé à la commission éthique et déontologie du HCTS, et quand. N'envoyez que "
            "le texte anonymisé (bouton « Dossier pour le HCTS… »), jamais l'identité du demandeur."
        )
        self.le = date_passee("Date d'envoi")
        self.ligne("&Envoyée le :", self.le, "le")
        self.objet = QLineEdit(f"Transmission de la saisine {detail.numero} à la commission éthique du HCTS")
        self.objet.setAccessibleName("Objet de l'envoi")
        self.objet.setMaxLength(300)
        self.ligne("&Objet :", self.objet, "objet")
        self.document = QLineEdit()
        self.document.setAccessibleName("Document envoyé")
        self.document.setMaxLength(300)
        self.document.setPlaceholderText(f"Par exemple : {TITRE_DOSSIER} {detail.numero}.pdf")
        self.ligne("&Document :", self.document, "document")
        self.par = QLineEdit(db.utilisateur_systeme())
        self.par.setAccessibleName("Envoyée par")
        self.par.setMaxLength(150)
        self.ligne("&Par :", self.par, "par")
        self.bouton_ok.setText("&Enregistrer l'envoi")
        self.le.setFocus()

    def enregistrer(self) -> None:
        saisine_id = self.detail.fiche.id
        le, objet, document, par = date_de(self.le), self.objet.text(), self.document.text(), self.par.text()
        self.identifiant = self.contexte.executer(
            f"Transmettre {self.detail.numero} au HCTS",
            faire=lambda s: workflow.escalader(s, saisine_id, objet=objet, par=par, le=le, document=document),
            defaire=workflow.annuler_escalade,
        )


class DialogueReponseHcts(DialogueFiche):
    """« Réponse du HCTS… »: what the HCTS answered to one dispatch, or what came of it."""

    def __init__(self, contexte: Contexte, numero: str, envoi: EnvoiLu, parent: QWidget | None = None) -> None:
        super().__init__(contexte, f"Réponse du HCTS — {numero}", parent)
        self.setMinimumWidth(560)
        self.numero = numero
        self.envoi = envoi
        self.entete(f"Envoi du {date_longue(envoi.le)} : {envoi.objet}")
        self.reponse = texte_multiligne("Réponse du HCTS", 4, fixe=True)
        self.reponse.setPlainText(envoi.reponse)
        self.reponse.setPlaceholderText(
            "Par exemple : accusé de réception du HCTS ; la commission examinera la question."
        )
        self.ligne("&Réponse ou suite donnée :", self.reponse, "reponse")
        self.reponse.setFocus()

    def enregistrer(self) -> None:
        echange_id, texte = self.envoi.id, texte_propre(self.reponse)
        self.contexte.executer(
            f"Réponse du HCTS — {self.numero}",
            faire=lambda s: workflow.enregistrer_reponse_hcts(s, echange_id, texte),
            defaire=lambda s, avant: workflow.enregistrer_reponse_hcts(s, echange_id, avant),
        )


def dossier_pdf(contexte: Contexte, saisine_id: int) -> bytes:
    from app.services import documents_ethique  # reportlab is loaded only when a document is asked for

    return contexte.lire(lambda s: documents_ethique.dossier_hcts_pdf(s, saisine_id))


def apercu_dossier(parent: QWidget, contexte: Contexte, saisine_id: int, numero: str) -> bool:
    """The print preview of the HCTS file (printing from there); False when it could not be produced."""
    contenu = avec_attente(parent, TITRE_DOSSIER, lambda: dossier_pdf(contexte, saisine_id))
    if contenu is None:
        return False
    impression.apercu(parent, contenu, f"{TITRE_DOSSIER} — {numero}")
    return True


def enregistrer_dossier(parent: QWidget, contexte: Contexte, saisine_id: int, numero: str) -> None:
    impression.enregistrer(parent, lambda: dossier_pdf(contexte, saisine_id), f"{TITRE_DOSSIER} {numero}.pdf")
