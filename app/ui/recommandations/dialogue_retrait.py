"""« Retirer… »: the text leaves the workflow for good, with a written reason kept in the register. Ctrl+Z takes
it back."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QPlainTextEdit, QWidget

from app.services import recommandations
from app.services.recommandations_lecture import DetailRecommandation
from app.services.validation import ErreurValidation
from app.ui.annuaire.formulaire import DialogueFiche
from app.ui.contexte import Contexte

MOTIF_OBLIGATOIRE = "Indiquez pourquoi le texte est retiré : le motif reste au registre."


class DialogueRetrait(DialogueFiche):
    def __init__(self, contexte: Contexte, detail: DetailRecommandation, parent: QWidget | None = None) -> None:
        super().__init__(contexte, f"Retirer {detail.numero}", parent)
        self.setMinimumWidth(540)
        self.detail = detail
        self.formulaire.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # a text box: its label above
        self.entete(
            f"« {detail.fiche.titre} » sera retiré : il reste au registre avec la mention « retirée » et son "
            "motif, mais ne pourra plus être adopté ni publié."
        )
        self.motif = QPlainTextEdit()
        self.motif.setAccessibleName("Motif du retrait")
        self.motif.setTabChangesFocus(True)
        self.motif.setPlaceholderText("Par exemple : question devenue sans objet, remplacée par REC-2026-004.")
        self.motif.setFixedHeight(self.motif.fontMetrics().lineSpacing() * 4 + 14)
        self.ligne("&Motif du retrait :", self.motif, "motif")
        self.bouton_ok.setText("&Retirer")
        self.motif.setFocus()

    def enregistrer(self) -> None:
        motif = " ".join(self.motif.toPlainText().split())
        if not motif:
            raise ErreurValidation("motif", MOTIF_OBLIGATOIRE)
        recommandation_id = self.detail.fiche.id
        self.contexte.executer(
            f"Retirer {self.detail.numero}",
            faire=lambda s: recommandations.retirer(s, recommandation_id, motif),
            defaire=recommandations.restaurer_recommandation,
            refaire=lambda s, _avant: recommandations.retirer(s, recommandation_id, motif),
        )
