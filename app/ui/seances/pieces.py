"""The « Pièces jointes » tab: documents attached to a meeting (presentation, budget, signed sheet…)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.ui.contexte import Contexte
from app.ui.pieces import OngletFichiersJoints, TextesPieces

ENTITE = "seance"
TEXTES = TextesPieces(
    vue="Pièces jointes de la séance",
    explication="Une copie de chaque document est gardée avec la base : le fichier d'origine peut ensuite être "
    "déplacé ou supprimé sans rien perdre.",
    joindre="&Joindre un document…",
    joindre_nom="Joindre un document",
    titre_choix="Joindre des documents à la séance",
    element="document",
    retirer_nom="Retirer le document de la séance",
    question_retrait="Retirer « {nom} » de la séance ?",
    titre_erreur="Pièce jointe",
)


class OngletPieces(OngletFichiersJoints):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(contexte, ENTITE, TEXTES, parent)

    @property
    def seance_id(self) -> int | None:
        """The meeting shown (the Séances tabs' protocol)."""
        return self.proprietaire_id
