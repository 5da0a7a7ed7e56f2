"""« Nouvelle… »: a new draft (nature, title, linked referrals), numbered at once; its body starts from the
template's sections « Cadre », « Analyse », « Options », written in the « Texte » tab."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy.orm import Session

from app import db
from app.modeles.enumerations import NatureRecommandation
from app.services import recommandations
from app.services.recommandations import MODELE_TEXTE, FicheRecommandation
from app.services.recommandations_lecture import SaisineLiable
from app.ui.annuaire.formulaire import DialogueFiche
from app.ui.comite.champs import combo_enum, valeur_enum
from app.ui.contexte import Contexte
from app.ui.recommandations.onglet_texte import liste_saisines, remplir_saisines, saisines_cochees


class DialogueNouvelle(DialogueFiche):
    def __init__(
        self, contexte: Contexte, choix: tuple[SaisineLiable, ...], prochain: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(contexte, "Nouveau texte", parent)
        self.setMinimumWidth(560)
        self.identifiant: int | None = None
        self.entete(
            f"Le texte reçoit le numéro {prochain} à l'enregistrement. Il commence par les rubriques « Cadre », "
            "« Analyse » et « Options », à rédiger ensuite dans l'onglet « Texte »."
        )
        self.nature = combo_enum(NatureRecommandation, "Nature du texte")
        self.ligne("&Nature :", self.nature, "nature")
        self.titre = QLineEdit()
        self.titre.setAccessibleName("Titre du texte")
        self.titre.setMaxLength(500)
        self.titre.setPlaceholderText("Par exemple : Partager une information avec l'école")
        self.ligne("&Titre :", self.titre, "titre")
        self.saisines = liste_saisines("Saisines liées")
        remplir_saisines(self.saisines, choix, ())
        self.saisines.setMaximumHeight(self.saisines.fontMetrics().height() * 6 + 12)
        if choix:
            self.ligne("&Saisines liées :", self.saisines, "saisines")
        else:
            self.saisines.hide()
        self.titre.setFocus()

    def fiche(self) -> FicheRecommandation:
        return FicheRecommandation(
            id=0,
            nature=valeur_enum(self.nature, NatureRecommandation) or NatureRecommandation.AVIS,
            titre=self.titre.text(),
            texte=MODELE_TEXTE,
            saisines=tuple(saisines_cochees(self.saisines)),
        )

    def enregistrer(self) -> None:
        fiche, auteur = self.fiche(), db.utilisateur_systeme()
        titre = " ".join(fiche.titre.split())
        copie: list[recommandations.RecommandationSupprimee] = []

        def defaire(session: Session, identifiant: int) -> None:
            copie[:] = [recommandations.supprimer_recommandation(session, identifiant)]

        def refaire(session: Session, _identifiant: int) -> int:
            # Redo puts the same text back under the same number, not a new draft.
            return recommandations.restaurer_suppression(session, copie[0])

        self.identifiant = self.contexte.executer(
            f"Créer le texte « {titre} »",
            faire=lambda s: recommandations.creer_recommandation(s, fiche, auteur),
            defaire=defaire,
            refaire=refaire,
        )
