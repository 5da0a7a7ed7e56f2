"""A production's form: the fields of the « Nouvelle production » dialog and of the « Production » tab, which
saves the chosen production's changes (Ctrl+Z takes them back)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.modeles.enumerations import Mission, TypeProduction
from app.services import productions
from app.services.annuaire_lecture import Choix
from app.services.productions import FicheProduction
from app.services.productions_lecture import choix_instances, choix_recommandations
from app.services.validation import ErreurValidation
from app.ui.annuaire.formulaire import (
    DialogueFiche,
    champ_date,
    choisir_id,
    combo_choix,
    date_de,
    id_de,
    remplir_choix,
    vers_qdate,
)
from app.ui.annuaire.tableaux import avertir, bouton, rangee_de_boutons
from app.ui.comite.champs import MessageChamp, choisir_enum, combo_enum, valeur_enum
from app.ui.contexte import Contexte

AUCUNE = "— Aucune —"
Ligne = Callable[[str, QWidget, str], MessageChamp]


class ChampsProduction:
    """The fields, laid out by the caller's `ligne(libelle, champ, nom)` (a form with messages under fields)."""

    def __init__(self, instances: tuple[Choix, ...], recommandations: tuple[Choix, ...]) -> None:
        self.type = combo_enum(TypeProduction, "Type de production")
        self.titre = QLineEdit()
        self.titre.setAccessibleName("Titre de la production")
        self.titre.setMaxLength(500)
        self.titre.setPlaceholderText("Par exemple : Guide du premier accueil social inconditionnel")
        self.date = champ_date("Date de la production")
        self.mission = combo_enum(Mission, "Mission du comité", vide=AUCUNE)
        self.instance = combo_choix(instances, "Instance qui l'a produite", vide=AUCUNE)
        self.recommandation = combo_choix(recommandations, "Recommandation liée", vide=AUCUNE)
        for combo in (self.mission, self.instance, self.recommandation):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(30)
        self.description = QPlainTextEdit()
        self.description.setAccessibleName("Description de la production")
        self.description.setTabChangesFocus(True)  # Tab goes on to the next field, as in any form
        self.description.setPlaceholderText("Ce qu'elle contient, pour qui, avec qui elle a été réalisée…")
        self.description.setMinimumHeight(self.description.fontMetrics().height() * 3 + 12)

    def poser(self, ligne: Ligne) -> None:
        ligne("T&ype :", self.type, "type")
        ligne("&Titre :", self.titre, "titre")
        ligne("&Date :", self.date, "date")
        ligne("&Mission :", self.mission, "mission")
        ligne("&Instance :", self.instance, "instance")
        ligne("Re&commandation :", self.recommandation, "recommandation")
        ligne("D&escription :", self.description, "description")

    def remplir_choix(self, instances: tuple[Choix, ...], recommandations: tuple[Choix, ...]) -> None:
        remplir_choix(self.instance, instances, vide=AUCUNE)
        remplir_choix(self.recommandation, recommandations, vide=AUCUNE)

    def definir(self, fiche: FicheProduction) -> None:
        choisir_enum(self.type, fiche.type)
        self.titre.setText(fiche.titre)
        self.date.setDate(vers_qdate(fiche.date))
        choisir_enum(self.mission, fiche.mission)
        choisir_id(self.instance, fiche.instance_id)
        choisir_id(self.recommandation, fiche.recommandation_id)
        self.description.setPlainText(fiche.description)

    def fiche(self, identifiant: int) -> FicheProduction:
        return FicheProduction(
            id=identifiant,
            type=valeur_enum(self.type, TypeProduction) or TypeProduction.AUTRE,
            titre=self.titre.text(),
            date=date_de(self.date),
            description=self.description.toPlainText(),
            mission=valeur_enum(self.mission, Mission),
            instance_id=id_de(self.instance),
            recommandation_id=id_de(self.recommandation),
        )


def _libelle(titre: str) -> str:
    return " ".join(titre.split())


class DialogueProduction(DialogueFiche):
    """« Nouvelle production… »: recorded at once; its diffusions and its file are added in the tabs below."""

    def __init__(
        self,
        contexte: Contexte,
        instances: tuple[Choix, ...],
        recommandations: tuple[Choix, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(contexte, "Nouvelle production", parent)
        self.setMinimumWidth(600)
        self.identifiant: int | None = None
        self.entete(
            "Ce que le comité a produit dans le cadre de ses missions. Ses diffusions et son fichier s'ajoutent "
            "ensuite dans les onglets « Diffusions » et « Fichier »."
        )
        self.champs = ChampsProduction(instances, recommandations)
        self.champs.poser(self.ligne)
        self.champs.titre.setFocus()

    def enregistrer(self) -> None:
        fiche = self.champs.fiche(0)
        copie: list[productions.ProductionSupprimee] = []

        def defaire(session: Session, identifiant: int) -> None:
            copie[:] = [productions.supprimer_production(session, identifiant)]

        def refaire(session: Session, _identifiant: int) -> int:
            return productions.restaurer_production(session, copie[0])  # the same id again, not a new record

        self.identifiant = self.contexte.executer(
            f"Créer la production « {_libelle(fiche.titre)} »",
            faire=lambda s: productions.creer_production(s, fiche),
            defaire=defaire,
            refaire=refaire,
        )


class OngletProduction(QWidget):
    """The chosen production's fields, saved with « Enregistrer » (or put back as recorded with « Rétablir »)."""

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.production_id: int | None = None
        self.enregistree: FicheProduction | None = None
        self.messages: dict[str, MessageChamp] = {}
        self.formulaire = QFormLayout()
        self.formulaire.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.formulaire.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.champs = ChampsProduction((), ())
        self.champs.poser(self._ligne)
        self.bouton_enregistrer = bouton("En&registrer", "enregistrer", "Enregistrer la production")
        self.bouton_retablir = bouton("Ré&tablir", None, "Rétablir la production enregistrée")
        self.bouton_retablir.setToolTip("Remettre les champs tels qu'ils sont enregistrés")
        self.bouton_enregistrer.clicked.connect(self.enregistrer)
        self.bouton_retablir.clicked.connect(self.retablir)
        disposition = QVBoxLayout(self)
        disposition.addLayout(self.formulaire)
        disposition.addLayout(rangee_de_boutons(self.bouton_enregistrer, self.bouton_retablir))
        disposition.addStretch(1)
        self.afficher(None)

    def _ligne(self, libelle: str, champ: QWidget, nom: str) -> MessageChamp:
        etiquette = QLabel(libelle)
        etiquette.setBuddy(champ)
        colonne = QVBoxLayout()
        colonne.setSpacing(2)
        colonne.addWidget(champ)
        message = MessageChamp(champ)
        colonne.addWidget(message)
        self.formulaire.addRow(etiquette, colonne)
        self.messages[nom] = message
        return message

    def afficher(self, production_id: int | None) -> None:
        def lire(session: Session) -> tuple[tuple[Choix, ...], tuple[Choix, ...], FicheProduction | None]:
            fiche = productions.fiche_production(session, production_id) if production_id is not None else None
            return choix_instances(session), choix_recommandations(session), fiche

        try:
            instances, recommandations, fiche = self.contexte.lire(lire)
        except ErreurConnue:
            instances, recommandations, fiche = (), (), None
        # After a change elsewhere, what is being typed in the same production stays as typed.
        garder = production_id == self.production_id and self.modifie()
        self.production_id = production_id if fiche is not None else None
        self.champs.remplir_choix(instances, recommandations)
        if not garder:
            self.enregistree = fiche
            self._effacer_messages()
            if fiche is not None:
                self.champs.definir(fiche)
            else:
                self.champs.titre.clear()
                self.champs.description.clear()
        ecriture = self.production_id is not None and not self.contexte.base.lecture_seule
        for widget in (
            self.champs.type,
            self.champs.titre,
            self.champs.date,
            self.champs.mission,
            self.champs.instance,
            self.champs.recommandation,
            self.champs.description,
            self.bouton_enregistrer,
            self.bouton_retablir,
        ):
            widget.setEnabled(ecriture)

    def modifie(self) -> bool:
        return (
            self.production_id is not None
            and self.enregistree is not None
            and self.champs.fiche(self.production_id) != self.enregistree
        )

    def _effacer_messages(self) -> None:
        for message in self.messages.values():
            message.effacer()

    def retablir(self) -> None:
        if self.enregistree is not None:
            self._effacer_messages()
            self.champs.definir(self.enregistree)

    def enregistrer(self) -> bool:
        """Save the fields; False when the service refused them (the message sits under the field)."""
        if self.production_id is None or self.contexte.base.lecture_seule:
            return False
        self._effacer_messages()
        fiche = self.champs.fiche(self.production_id)
        if fiche == self.enregistree:
            return True
        # Forgotten during the write, so that the reload it triggers shows the fields as recorded (tidied).
        enregistree, self.enregistree = self.enregistree, None
        try:
            self.contexte.executer(
                f"Modifier la production « {_libelle(fiche.titre)} »",
                faire=lambda s: productions.modifier_production(s, fiche),
                defaire=productions.modifier_production,
                refaire=lambda s, _avant: productions.modifier_production(s, fiche),
            )
        except ErreurValidation as erreur:
            self.enregistree = enregistree
            message = self.messages.get(erreur.champ)
            if message is None:
                avertir(self, "Production", erreur)
            else:
                message.afficher(erreur.message)
                message.champ.setFocus()
            return False
        except ErreurConnue as erreur:
            self.enregistree = enregistree
            avertir(self, "Production", erreur)
            return False
        return True
