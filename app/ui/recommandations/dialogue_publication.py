"""« Publier… »: the date the adopted text was made public (today by default). Ctrl+Z takes it back."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app import horloge
from app.services import recommandations
from app.services.recommandations_lecture import DetailRecommandation
from app.ui.annuaire.formulaire import DialogueFiche, champ_date, date_de, vers_qdate
from app.ui.contexte import Contexte
from app.ui.recommandations.modeles import date_insecable


class DialoguePublication(DialogueFiche):
    def __init__(self, contexte: Contexte, detail: DetailRecommandation, parent: QWidget | None = None) -> None:
        super().__init__(contexte, f"Publier {detail.numero}", parent)
        self.detail = detail
        adoption = f", adopté le {date_insecable(detail.adoptee_le)}" if detail.adoptee_le else ""
        self.entete(
            f"« {detail.fiche.titre} »{adoption}, remplit les conditions de sa publication. Indiquez le jour où il "
            "a été rendu public."
        )
        self.date = champ_date("Date de publication", horloge.aujourdhui())
        if detail.adoptee_le is not None:
            self.date.setMinimumDate(vers_qdate(detail.adoptee_le))
        self.date.setMaximumDate(vers_qdate(horloge.aujourdhui()))
        self.ligne("&Publié le :", self.date, "le")
        self.bouton_ok.setText("&Publier")
        self.date.setFocus()

    def enregistrer(self) -> None:
        recommandation_id, jour = self.detail.fiche.id, date_de(self.date)
        self.contexte.executer(
            f"Publier {self.detail.numero}",
            faire=lambda s: recommandations.publier(s, recommandation_id, le=jour),
            defaire=recommandations.restaurer_recommandation,
            refaire=lambda s, _avant: recommandations.publier(s, recommandation_id, le=jour),
        )
