"""« Adopter… »: the held meeting of the ethics instance where the text was adopted; the adoption is dated that
day. Ctrl+Z takes it back."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.services import recommandations
from app.services.annuaire_lecture import Choix
from app.services.recommandations_lecture import DetailRecommandation
from app.services.validation import ErreurValidation
from app.ui.annuaire.formulaire import DialogueFiche, combo_choix, id_de
from app.ui.contexte import Contexte


class DialogueAdoption(DialogueFiche):
    def __init__(
        self,
        contexte: Contexte,
        detail: DetailRecommandation,
        seances: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(contexte, f"Adopter {detail.numero}", parent)
        self.setMinimumWidth(520)
        self.detail = detail
        self.entete(
            f"« {detail.fiche.titre} » s'adopte à une séance tenue de l'instance éthique ; la date d'adoption est "
            "celle de la séance. Une fois adopté, le texte ne peut plus être modifié."
        )
        self.seance = combo_choix([Choix(i, libelle) for i, libelle in seances], "Séance d'adoption")
        self.seance.setMinimumWidth(320)
        self.ligne("&Séance :", self.seance, "seance_id")
        self.bouton_ok.setText("&Adopter")
        self.seance.setFocus()

    def enregistrer(self) -> None:
        seance_id = id_de(self.seance)
        if seance_id is None:
            raise ErreurValidation("seance_id", "Choisissez la séance où le texte a été adopté.")
        recommandation_id = self.detail.fiche.id
        self.contexte.executer(
            f"Adopter {self.detail.numero}",
            faire=lambda s: recommandations.adopter(s, recommandation_id, seance_id),
            defaire=recommandations.restaurer_recommandation,
            refaire=lambda s, _avant: recommandations.adopter(s, recommandation_id, seance_id),
        )
