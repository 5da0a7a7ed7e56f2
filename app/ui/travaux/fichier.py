"""The « Fichier » tab: the production's document (the guide, the note, the slides…), kept in the base's
attachment store; several files may be joined (a version for print and one for the web, say)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.services.productions import ENTITE
from app.ui.contexte import Contexte
from app.ui.pieces import OngletFichiersJoints, TextesPieces

TEXTES = TextesPieces(
    vue="Fichiers de la production",
    explication="Une copie du document est gardée avec la base : le fichier d'origine peut ensuite être déplacé ou "
    "supprimé sans rien perdre.",
    joindre="&Joindre un fichier…",
    joindre_nom="Joindre un fichier à la production",
    titre_choix="Joindre un fichier à la production",
    element="fichier",
    retirer_nom="Retirer le fichier de la production",
    question_retrait="Retirer « {nom} » de la production ?",
    titre_erreur="Fichier",
)


class OngletFichier(OngletFichiersJoints):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(contexte, ENTITE, TEXTES, parent)
