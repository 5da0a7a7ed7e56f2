"""A dated evaluation note: its date, the sub-domain of ANSA's grid it answers, its rubrique and its text. Saved
through `Contexte.executer`: Ctrl+Z takes it back."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPlainTextEdit, QWidget

from app.modeles.enumerations import RubriqueNote, SousDomaine
from app.services import evaluation
from app.services.evaluation import FicheNote
from app.ui.annuaire.formulaire import DialogueFiche, champ_date, date_de
from app.ui.contexte import Contexte

# What each sub-domain asks (section 7 of the AMI), shown under the combo so the secretary files the note right.
QUESTIONS: dict[SousDomaine, str] = {
    SousDomaine.LANCEMENT: "Concertation préalable, critères de choix des acteurs, leviers et freins du lancement.",
    SousDomaine.MOBILISATION: "Qui s'est mobilisé, comment, avec quelles difficultés ; sentiment d'utilité.",
    SousDomaine.INSTALLATION: "Difficultés pratiques d'installation et de fonctionnement, dynamique des échanges.",
    SousDomaine.REALISATIONS: "Ce que le comité a produit et diffusé, pour quels publics.",
    SousDomaine.PREMIERS_CONSTATS: "Effets observés, limites, moyens de consolider la démarche.",
    SousDomaine.COOPERATION_HCTS: "Échanges avec le HCTS : ce qui a été transmis, reçu, repris.",
    SousDomaine.ACCOMPAGNEMENT: "Appréciation de l'accompagnement reçu ; propositions.",
}


def _combo(nom: str, membres: list[SousDomaine] | list[RubriqueNote]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(nom)
    for membre in membres:
        combo.addItem(membre.libelle, membre.value)
    return combo


class DialogueNote(DialogueFiche):
    def __init__(
        self,
        contexte: Contexte,
        fiche: FicheNote | None = None,
        parent: QWidget | None = None,
        *,
        sous_domaine: SousDomaine | None = None,
    ) -> None:
        super().__init__(contexte, "Modifier la note" if fiche else "Nouvelle note d'évaluation", parent)
        self.setMinimumWidth(620)
        self.fiche = fiche
        self.note: FicheNote | None = None  # once saved
        self.formulaire.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.entete(
            "Une observation datée, rangée sous le sous-domaine de la grille d'évaluation de l'ANSA qu'elle éclaire."
        )
        self.date = champ_date("Date de la note", fiche.date if fiche else None)
        self.ligne("&Date :", self.date, "date")
        self.sous_domaine = _combo("Sous-domaine de la grille", list(SousDomaine))
        self.ligne("&Sous-domaine :", self.sous_domaine, "sous_domaine")
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setAccessibleName("Ce que couvre le sous-domaine")
        self.question.setStyleSheet("color: palette(placeholder-text);")
        self.formulaire.addRow("", self.question)
        self.rubrique = _combo("Rubrique", list(RubriqueNote))
        self.ligne("&Rubrique :", self.rubrique, "rubrique")
        self.texte = QPlainTextEdit()
        self.texte.setAccessibleName("Texte de la note")
        self.texte.setTabChangesFocus(True)
        self.texte.setPlaceholderText(
            "Par exemple : les personnes accompagnées ont demandé des réunions en fin de journée."
        )
        self.texte.setMinimumHeight(self.texte.fontMetrics().lineSpacing() * 7 + 14)
        self.ligne("&Texte :", self.texte, "texte")
        self.sous_domaine.currentIndexChanged.connect(self._aide)
        choisi = fiche.sous_domaine if fiche else sous_domaine
        if choisi is not None:
            self.sous_domaine.setCurrentIndex(self.sous_domaine.findData(choisi.value))
        if fiche is not None:
            self.rubrique.setCurrentIndex(self.rubrique.findData(fiche.rubrique.value))
            self.texte.setPlainText(fiche.texte)
        self._aide()
        self.texte.setFocus()

    def _aide(self) -> None:
        question = QUESTIONS[SousDomaine.de_code(self.sous_domaine.currentData())]
        self.question.setText(question)
        self.sous_domaine.setToolTip(question)

    def fiche_saisie(self) -> FicheNote:
        return FicheNote(
            self.fiche.id if self.fiche else 0,
            date_de(self.date),
            SousDomaine.de_code(self.sous_domaine.currentData()),
            RubriqueNote.de_code(self.rubrique.currentData()),
            self.texte.toPlainText(),
        )

    def enregistrer(self) -> None:
        fiche = self.fiche_saisie()
        libelle_sd = fiche.sous_domaine.libelle
        if self.fiche is None:
            self.note = self.contexte.executer(
                f"Ajouter une note ({libelle_sd})",
                faire=lambda s: evaluation.creer_note(s, fiche),
                defaire=lambda s, cree: evaluation.supprimer_note(s, cree.id),
                refaire=lambda s, cree: evaluation.recreer_note(s, cree),
            )
            return
        self.contexte.executer(
            f"Modifier une note ({libelle_sd})",
            faire=lambda s: evaluation.modifier_note(s, fiche),
            defaire=lambda s, avant: evaluation.restaurer_note(s, avant),
            refaire=lambda s, _avant: evaluation.modifier_note(s, fiche),
        )
        self.note = fiche
