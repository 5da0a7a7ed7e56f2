"""« Questionnaires »: the participants' paper forms of a held meeting, counted and typed in.

On the left the held meetings, the latest first; on the right, for the chosen one, a grid of spin boxes (the two
questions × the four levels) with each question's total. « Enregistrer » (Ctrl+S) writes the whole grid at once,
through `Contexte.executer`: Ctrl+Z puts back what was there. Choosing another meeting saves the grid first, so
that nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.erreurs import ErreurConnue
from app.format_fr import date_longue, nombre
from app.modeles.enumerations import NiveauRetour, QuestionRetour
from app.services import evaluation
from app.services.evaluation import CASES, Case, Comptes
from app.services.evaluation_lecture import SeanceQuestionnaire, retours_de_seance, seances_questionnaire
from app.ui.annuaire.tableaux import (
    ajuster_colonnes,
    avertir,
    bouton,
    creer_vue,
    identifiant_selectionne,
    raccourci,
    rangee_de_boutons,
    selectionner,
)
from app.ui.contexte import Contexte
from app.ui.evaluation.modeles import modele_questionnaires
from app.ui.tableau_lignes import FiltreLignes

MAXIMUM = 9999


class OngletQuestionnaires(QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.modele = modele_questionnaires(self)
        self.proxy = FiltreLignes(self.modele, self)
        self.seance: SeanceQuestionnaire | None = None
        self._enregistre: Comptes = {}
        self._en_lecture = False
        self._premiere_lecture = True
        self._dans_la_selection = False  # saving the previous meeting's grid while the selection changes
        self._relecture_prevue = False

        self.vue = creer_vue(self.proxy, "Séances tenues", colonne_tri=0)
        self.vue.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        ajuster_colonnes(self.vue, {0: 20, 1: 13, 2: 13}, etiree=3)
        self.compte = QLabel()
        self.compte.setAccessibleName("Questionnaires saisis")
        gauche = QWidget()
        disposition_gauche = QVBoxLayout(gauche)
        disposition_gauche.setContentsMargins(0, 0, 0, 0)
        disposition_gauche.addWidget(self.vue, 1)
        disposition_gauche.addWidget(self.compte)

        self.titre = QLabel()
        self.titre.setAccessibleName("Séance choisie")
        self.titre.setWordWrap(True)
        explication = QLabel(
            "Recopiez le nombre de réponses de chaque niveau, compté sur les questionnaires papier remis en fin de "
            "séance. Une question laissée sans réponse reste à 0."
        )
        explication.setWordWrap(True)
        self.grille = QGridLayout()
        self.grille.setHorizontalSpacing(14)
        self.grille.setVerticalSpacing(8)
        self.cases: dict[Case, QSpinBox] = {}
        self.totaux: dict[QuestionRetour, QLabel] = {}
        for colonne, niveau in enumerate(NiveauRetour, start=1):
            entete = QLabel(f"<b>{niveau.libelle}</b>")
            self.grille.addWidget(entete, 0, colonne, Qt.AlignmentFlag.AlignCenter)
        self.grille.addWidget(QLabel("<b>Total</b>"), 0, len(NiveauRetour) + 1, Qt.AlignmentFlag.AlignCenter)
        for ligne, question in enumerate(QuestionRetour, start=1):
            etiquette = QLabel(question.libelle)
            self.grille.addWidget(etiquette, ligne, 0)
            for colonne, niveau in enumerate(NiveauRetour, start=1):
                case = QSpinBox()
                case.setRange(0, MAXIMUM)
                case.setAccessibleName(f"{question.libelle} : {niveau.libelle}")
                case.setToolTip(f"Nombre de réponses « {niveau.libelle} » à la question « {question.libelle} »")
                case.setAlignment(Qt.AlignmentFlag.AlignRight)
                case.setMinimumWidth(case.fontMetrics().horizontalAdvance("00000") + 40)
                case.valueChanged.connect(self._actualiser)
                self.cases[(question, niveau)] = case
                self.grille.addWidget(case, ligne, colonne)
                if colonne == 1:
                    etiquette.setBuddy(case)
            total = QLabel()
            total.setAccessibleName(f"Total des réponses : {question.libelle}")
            total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.totaux[question] = total
            self.grille.addWidget(total, ligne, len(NiveauRetour) + 1)
        self.grille.setColumnStretch(len(NiveauRetour) + 2, 1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("État du questionnaire")
        self.bouton_abandonner = bouton(
            "Abandonner les modifications",
            None,
            "Abandonner les modifications du questionnaire",
            "Revenir aux nombres enregistrés",
        )
        self.bouton_enregistrer = bouton(
            "&Enregistrer", "enregistrer", "Enregistrer le questionnaire", "Ctrl+S ; Ctrl+Z reprend les nombres d'avant"
        )
        self.bouton_enregistrer.clicked.connect(self.enregistrer)
        self.bouton_abandonner.clicked.connect(self.abandonner)
        boutons = rangee_de_boutons(droite=(self.bouton_abandonner, self.bouton_enregistrer))

        droite = QWidget()
        disposition_droite = QVBoxLayout(droite)
        disposition_droite.setContentsMargins(12, 0, 0, 0)
        disposition_droite.addWidget(self.titre)
        disposition_droite.addWidget(explication)
        disposition_droite.addSpacing(6)
        disposition_droite.addLayout(self.grille)
        disposition_droite.addSpacing(6)
        disposition_droite.addWidget(self.message)
        disposition_droite.addLayout(boutons)
        disposition_droite.addStretch(1)

        self.separateur = QSplitter(Qt.Orientation.Horizontal)
        self.separateur.setObjectName("separateur_evaluation_questionnaires")
        self.separateur.addWidget(gauche)
        self.separateur.addWidget(droite)
        self.separateur.setChildrenCollapsible(False)
        self.separateur.setStretchFactor(0, 2)
        self.separateur.setStretchFactor(1, 3)
        self.separateur.setSizes([560, 640])  # the list reads whole: date, reference, whether entered
        disposition = QVBoxLayout(self)
        disposition.setContentsMargins(6, 6, 6, 6)
        disposition.addWidget(self.separateur)

        # Tab runs through the grid row by row, as the paper form reads, then to the buttons.
        ordre: list[QWidget] = [self.vue, *(self.cases[c] for c in CASES), self.bouton_abandonner]
        for precedent, suivant in zip(ordre, [*ordre[1:], self.bouton_enregistrer], strict=True):
            QWidget.setTabOrder(precedent, suivant)
        self.vue.selectionModel().selectionChanged.connect(self._selection_changee)
        raccourci(self, QKeySequence.StandardKey.Save, self.enregistrer).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Return), self._aller_a_la_grille)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Enter), self._aller_a_la_grille)

    # --- reading ---------------------------------------------------------------------------------------

    def rafraichir(self) -> None:
        if self._dans_la_selection:
            # Resetting the model inside the selection model's own signal crashes Qt: read again just after.
            if not self._relecture_prevue:
                self._relecture_prevue = True
                QTimer.singleShot(0, self, self._relire)
            return
        choisie = identifiant_selectionne(self.vue, self.proxy)
        lignes = self.contexte.lire(seances_questionnaire)
        self._en_lecture = True
        try:
            self.modele.definir(lignes)
            if self._premiere_lecture or choisie is None:
                # The latest held meeting: the one whose forms just came back.
                choisie = lignes[0].id if lignes else None
                self._premiere_lecture = False
            selectionner(self.vue, self.proxy, choisie)
        finally:
            self._en_lecture = False
        saisis = sum(s.saisi for s in lignes)
        self.compte.setText(
            f"{nombre(saisis)} questionnaire{'s' if saisis > 1 else ''} saisi{'s' if saisis > 1 else ''} "
            f"sur {nombre(len(lignes))} séance{'s' if len(lignes) > 1 else ''} tenue{'s' if len(lignes) > 1 else ''}"
        )
        self._afficher(garder_la_saisie=True)

    def _relire(self) -> None:
        self._relecture_prevue = False
        self.rafraichir()

    def seance_selectionnee(self) -> int | None:
        return identifiant_selectionne(self.vue, self.proxy)

    def choisir(self, seance_id: int) -> bool:
        return selectionner(self.vue, self.proxy, seance_id)

    def _selection_changee(self) -> None:
        if self._en_lecture:
            return
        if self.seance is not None and self.modifie() and self.seance.id != self.seance_selectionnee():
            self._dans_la_selection = True
            try:
                self._enregistrer(self.seance)  # nothing typed is lost by choosing another meeting
            finally:
                self._dans_la_selection = False
        self._afficher(garder_la_saisie=False)

    def _afficher(self, *, garder_la_saisie: bool) -> None:
        identifiant = self.seance_selectionnee()
        rang = self.modele.rang_de(identifiant) if identifiant is not None else None
        seance = self.modele.ligne(rang) if rang is not None else None
        meme = seance is not None and self.seance is not None and seance.id == self.seance.id
        garder = garder_la_saisie and meme and self.modifie()
        self.seance = seance
        try:
            self._enregistre = self.contexte.lire(lambda s: retours_de_seance(s, seance.id)) if seance else {}
        except ErreurConnue:
            self._enregistre = {}
        if seance is None:
            self.titre.setText("<b>Aucune séance tenue</b> : le questionnaire se saisit après une séance tenue.")
        else:
            self.titre.setText(f"<h3>{seance.reference} — {seance.instance}, le {date_longue(seance.date)}</h3>")
        if not garder:  # an edit elsewhere (or its undo) keeps what is being typed here
            for case, champ in self.cases.items():
                champ.blockSignals(True)
                champ.setValue(self._enregistre.get(case, 0))
                champ.blockSignals(False)
        ecriture = seance is not None and not self.contexte.base.lecture_seule
        for champ in self.cases.values():
            champ.setEnabled(ecriture)
        self._actualiser()

    def valeurs(self) -> Comptes:
        return {case: champ.value() for case, champ in self.cases.items()}

    def modifie(self) -> bool:
        return self.seance is not None and self.valeurs() != {c: self._enregistre.get(c, 0) for c in CASES}

    def _actualiser(self) -> None:
        valeurs = self.valeurs()
        for question, total in self.totaux.items():
            somme = sum(valeurs[(question, n)] for n in NiveauRetour)
            total.setText(f"<b>{nombre(somme)}</b>")
        modifie = self.modifie()
        self.bouton_enregistrer.setEnabled(modifie)
        self.bouton_abandonner.setEnabled(modifie)
        if self.seance is None:
            self.message.clear()
        elif modifie:
            self.message.setText("Modifications non enregistrées (Ctrl+S pour enregistrer).")
        elif not self._enregistre:
            self.message.setText("Aucun questionnaire saisi pour cette séance.")
        else:
            self.message.setText("Questionnaire enregistré.")

    def _aller_a_la_grille(self) -> None:
        self.cases[CASES[0]].setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.cases[CASES[0]].selectAll()

    # --- writing ---------------------------------------------------------------------------------------

    def enregistrer(self) -> bool:
        if self.seance is None or not self.modifie() or self.contexte.base.lecture_seule:
            return True
        return self._enregistrer(self.seance)

    def _enregistrer(self, seance: SeanceQuestionnaire) -> bool:
        comptes = self.valeurs()
        seance_id = seance.id
        libelle = f"Enregistrer le questionnaire de {seance.reference}"
        try:
            self.contexte.executer(
                libelle,
                faire=lambda s: evaluation.definir_retours(s, seance_id, comptes),
                defaire=lambda s, avant: evaluation.restaurer_retours(s, seance_id, avant),
                refaire=lambda s, _avant: evaluation.definir_retours(s, seance_id, comptes),
            )
        except ErreurConnue as erreur:
            avertir(self, libelle, erreur)
            return False
        return True

    def abandonner(self) -> None:
        self._afficher(garder_la_saisie=False)
