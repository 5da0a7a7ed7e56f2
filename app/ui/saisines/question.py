"""The « Question » tab: the anonymised question and its context, the check for identifying data, and the
validation of the anonymisation by a second person.

« Vérifier l'anonymisation » runs the detector off the GUI thread on what the editors hold (saved or not); each
finding is highlighted where it is (hover it: its kind in French) and listed beside: choosing a row selects its
text. Once validated, the texts are read-only: they may have reached the members.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.modeles.enumerations import StatutSaisine
from app.services import saisines
from app.services.saisines_lecture import DetailSaisine
from app.ui.annuaire.tableaux import avertir, bouton, creer_vue, ligne_selectionnee, raccourci
from app.ui.contexte import Contexte
from app.ui.saisines.champs import EditionDeSaisine, largeurs_mesurees, lecture_seule, texte_multiligne
from app.ui.saisines.constats import (
    CONTEXTE,
    QUESTION,
    Signalement,
    Surligneur,
    detecter,
    modele_signalements,
    texte_nombre,
)
from app.ui.saisines.validation import DialogueValidation
from app.ui.tableau_lignes import FiltreLignes
from app.ui.travail import Travail

COULEUR_NOTE = "color: palette(mid);"


def normaliser_texte(valeur: str) -> str:
    """What the service keeps of a text (paragraphs kept, trailing spaces and runs of blank lines dropped), so
    that a text that only differs by those is not « modified »."""
    propre: list[str] = []
    for ligne in (ligne.rstrip() for ligne in valeur.strip().splitlines()):
        if ligne or (propre and propre[-1]):
            propre.append(ligne)
    return "\n".join(propre)


def explication_lecture_seule(detail: DetailSaisine) -> str:
    if detail.anonymisation_validee_par:
        le = f" le {date_longue(detail.anonymisation_validee_le)}" if detail.anonymisation_validee_le else ""
        return (
            f"L'anonymisation a été validée par {detail.anonymisation_validee_par}{le} : la question et son "
            "contexte ne se modifient plus, car ils ont pu être communiqués aux membres de l'instance."
        )
    return f"La saisine est « {detail.statut.libelle.lower()} » : sa question et son contexte ne se modifient plus."


class OngletQuestion(EditionDeSaisine, QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.detail: DetailSaisine | None = None
        self.travail: Travail | None = None
        self._verifies: tuple[str, str] | None = None  # the texts the findings shown were found in
        self._chargement = False
        self._ecriture = False  # a save is under way: the reload it triggers waits for its end
        self._recharge: list[DetailSaisine | None] = []

        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName("État du texte de la saisine")
        self.question = texte_multiligne("Question anonymisée", 4)
        self.question.setPlaceholderText(
            "La question posée à l'instance, sans nom, date de naissance, adresse, téléphone ni courriel : "
            "« une personne accompagnée », « le service »…"
        )
        self.contexte_texte = texte_multiligne("Contexte anonymisé", 3)
        self.contexte_texte.setPlaceholderText("Ce qu'il faut savoir de la situation pour répondre, anonymisé aussi.")
        self.editeurs: dict[str, QPlainTextEdit] = {QUESTION: self.question, CONTEXTE: self.contexte_texte}
        self.surligneurs = {champ: Surligneur(editeur) for champ, editeur in self.editeurs.items()}

        self.modele = modele_signalements(self)
        self.proxy = FiltreLignes(self.modele, self)
        self.vue = creer_vue(self.proxy, "Signalements de la vérification", colonne_tri=1)
        largeurs_mesurees(self.vue, {0: "Numéro de sécurité sociale", 2: "Contexte"}, etiree=1)
        self.vue.selectionModel().selectionChanged.connect(lambda *_: self._montrer_signalement())
        self.etat = QLabel("Lancez la vérification pour repérer les données identifiantes.")
        self.etat.setWordWrap(True)
        self.etat.setAccessibleName("Résultat de la vérification")

        self.bouton_enregistrer = bouton("&Enregistrer", "enregistrer", "Enregistrer la question", "Ctrl+Entrée")
        self.bouton_abandonner = bouton("Abandonner les modifications", None, "Abandonner les modifications du texte")
        self.bouton_verifier = bouton(
            "Vérifier l'anony&misation",
            "rechercher",
            "Vérifier l'anonymisation",
            "Repère noms de l'annuaire, dates de naissance, téléphones, courriels, NIR et adresses",
        )
        self.bouton_valider = bouton("Valider l'anonymisation…", None, "Valider l'anonymisation (deuxième personne)")
        self.bouton_enregistrer.clicked.connect(self.enregistrer)
        self.bouton_abandonner.clicked.connect(self._abandonner)
        self.bouton_verifier.clicked.connect(lambda: self.verifier())
        self.bouton_valider.clicked.connect(self.valider)
        for editeur in self.editeurs.values():
            editeur.textChanged.connect(self._texte_change)

        etiquette_question = QLabel("&Question :")
        etiquette_question.setBuddy(self.question)
        etiquette_contexte = QLabel("Conte&xte :")
        etiquette_contexte.setBuddy(self.contexte_texte)
        etiquette_signalements = QLabel("Signalements :")
        etiquette_signalements.setBuddy(self.vue)
        gauche = QVBoxLayout()
        gauche.addWidget(etiquette_question)
        gauche.addWidget(self.question, 3)
        gauche.addWidget(etiquette_contexte)
        gauche.addWidget(self.contexte_texte, 2)
        droite = QVBoxLayout()
        droite.addWidget(etiquette_signalements)
        droite.addWidget(self.vue, 1)
        droite.addWidget(self.etat)
        colonnes = QHBoxLayout()
        colonnes.addLayout(gauche, 3)
        colonnes.addLayout(droite, 2)
        boutons = QHBoxLayout()
        for b in (self.bouton_enregistrer, self.bouton_abandonner):
            boutons.addWidget(b)
        boutons.addStretch(1)
        boutons.addWidget(self.bouton_verifier)
        boutons.addWidget(self.bouton_valider)
        disposition = QVBoxLayout(self)
        disposition.addWidget(self.note)
        disposition.addLayout(colonnes, 1)
        disposition.addLayout(boutons)
        for touche in ("Ctrl+Return", "Ctrl+Enter"):
            raccourci(self, QKeySequence(touche), self.enregistrer).setContext(
                Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
        self.afficher(None)

    # --- reading ---------------------------------------------------------------------------------------------

    def afficher(self, detail: DetailSaisine | None, *, recharger: bool = False) -> None:
        arrivee = self._arrivee(detail, recharger)
        if arrivee is None:
            return
        detail, autre = arrivee.detail, arrivee.autre
        garder = arrivee.garder and detail is not None and detail.texte_modifiable
        self.detail = detail
        self._chargement = True
        try:
            if not garder:
                self.question.setPlainText(detail.fiche.question if detail else "")
                self.contexte_texte.setPlainText(detail.fiche.contexte if detail else "")
        finally:
            self._chargement = False
        if autre or (not garder and self._verifies != self._textes()):
            self._effacer_signalements("Lancez la vérification pour repérer les données identifiantes.")
        self._actualiser()

    def _actualiser(self) -> None:
        d = self.detail
        ecriture = d is not None and not self.contexte.base.lecture_seule
        modifiable = ecriture and d is not None and d.texte_modifiable
        for editeur in self.editeurs.values():
            lecture_seule(editeur, not modifiable)
        if d is None:
            self.note.setText("Choisissez une saisine dans la liste.")
        elif not d.texte_modifiable:
            self.note.setText(explication_lecture_seule(d))
        else:
            self.note.setText(
                "Rédigez la question sans rien qui permette de reconnaître une personne. Vérifiez-la, puis faites "
                "valider l'anonymisation par une deuxième personne : les membres ne la liront qu'ensuite."
            )
        self.note.setStyleSheet("" if d is None or d.texte_modifiable else "font-weight: 600;")
        modifie = self.modifie()
        self.bouton_enregistrer.setEnabled(modifiable and modifie)
        self.bouton_abandonner.setEnabled(modifiable and modifie)
        self.bouton_verifier.setEnabled(d is not None and self.travail is None)
        recevable = ecriture and d is not None and d.statut is StatutSaisine.RECEVABLE and self.travail is None
        self.bouton_valider.setEnabled(recevable)
        self.bouton_valider.setToolTip(
            "Une deuxième personne valide la question anonymisée : elle pourra alors être communiquée aux membres"
            if d is not None and d.statut is StatutSaisine.RECEVABLE
            else "L'anonymisation se valide une fois la saisine déclarée recevable"
        )

    def _textes(self) -> tuple[str, str]:
        return self.question.toPlainText(), self.contexte_texte.toPlainText()

    def modifie(self) -> bool:
        d = self.detail
        if d is None or not d.texte_modifiable or self.contexte.base.lecture_seule:
            return False
        question, contexte = (normaliser_texte(t) for t in self._textes())
        return (question, contexte) != (d.fiche.question, d.fiche.contexte)

    def _texte_change(self) -> None:
        if self._chargement:
            return
        if self._verifies is not None and self._verifies != self._textes():
            self._effacer_signalements("Le texte a changé depuis la vérification : relancez-la.")
        self._actualiser()

    # --- writing ---------------------------------------------------------------------------------------------

    def enregistrer(self) -> bool:
        """Save the texts; False when the service refused them (the message says why)."""
        d = self.detail
        if d is None or not self.modifie():
            return True
        question, contexte = (normaliser_texte(t) for t in self._textes())
        fiche = replace(d.fiche, question=question, contexte=contexte)
        self._ecriture = True
        try:
            self.contexte.executer(
                f"Modifier la question de {d.numero}",
                faire=lambda s: saisines.modifier_saisine(s, fiche),
                defaire=saisines.restaurer_fiche,
            )
        except ErreurConnue as erreur:
            avertir(self, "Question de la saisine", erreur)
            return False
        finally:
            self._ecriture = False
        self.detail = replace(d, fiche=fiche)  # as saved: no longer « modified », even before the reload
        if self._recharge:
            self.afficher(self._recharge.pop(), recharger=True)
        return True

    def _abandonner(self) -> None:
        self.afficher(self.detail, recharger=True)

    # --- the check -------------------------------------------------------------------------------------------

    def verification_en_cours(self) -> bool:
        return self.travail is not None

    def verifier(self, ensuite: Callable[[list[Signalement]], None] | None = None) -> None:
        """Run the detector on the editors' texts in a worker; `ensuite` gets the findings on the GUI thread."""
        if self.detail is None or self.travail is not None:
            return
        question, contexte = self._textes()
        base = self.contexte.base
        travail = Travail(
            self,
            "Vérifier l'anonymisation",
            "Recherche des données identifiantes…",
            lambda _progression, _annule: detecter(base, question, contexte),
        )
        saisine_id = self.detail.fiche.id

        def reussi(resultat: object) -> None:
            signalements = list(resultat) if isinstance(resultat, list) else []
            if self.detail is None or self.detail.fiche.id != saisine_id:
                return  # another referral was chosen meanwhile
            if self._textes() == (question, contexte):
                self.montrer_signalements(signalements, (question, contexte))
            if ensuite is not None:
                QTimer.singleShot(0, lambda: ensuite(signalements))  # once the worker is fully done

        def echoue(erreur: object) -> None:
            if isinstance(erreur, ErreurConnue):
                avertir(self, "Vérifier l'anonymisation", erreur)
            elif isinstance(erreur, BaseException) and not travail.annule:
                raise erreur

        def termine() -> None:
            self.travail = None
            travail.deleteLater()
            self._actualiser()

        travail.reussi.connect(reussi)
        travail.echoue.connect(echoue)
        travail.termine.connect(termine)
        self.travail = travail
        self._actualiser()
        self.etat.setText("Vérification en cours…")
        travail.lancer()

    def montrer_signalements(self, signalements: list[Signalement], textes: tuple[str, str]) -> None:
        """Show findings made in `textes` (question, context): highlighted in the editors and listed."""
        self._verifies = textes
        self.modele.definir(signalements)
        for champ, texte in zip((QUESTION, CONTEXTE), textes, strict=True):
            self.surligneurs[champ].definir([s for s in signalements if s.champ == champ], texte)
        if signalements:
            self.etat.setText(
                f"{texte_nombre(len(signalements))} : relisez chaque passage surligné et réécrivez-le s'il permet "
                "de reconnaître une personne."
            )
        else:
            self.etat.setText("Aucune donnée identifiante repérée.")
        self.etat.setStyleSheet("" if signalements else COULEUR_NOTE)

    def _effacer_signalements(self, message: str) -> None:
        self._verifies = None
        self.modele.definir([])
        for surligneur in self.surligneurs.values():
            surligneur.effacer()
        self.etat.setText(message)
        self.etat.setStyleSheet(COULEUR_NOTE)

    def _montrer_signalement(self) -> None:
        s = ligne_selectionnee(self.vue, self.proxy)
        if s is not None:
            self.surligneurs[s.champ].montrer(s)

    # --- validation ------------------------------------------------------------------------------------------

    def valider(self) -> None:
        """Save what is typed, check the saved texts, then ask the second person."""
        d = self.detail
        if d is None or d.statut is not StatutSaisine.RECEVABLE or self.contexte.base.lecture_seule:
            return
        if self.modifie() and not self.enregistrer():
            return
        self.verifier(self._ouvrir_validation)

    def dialogue_validation(self, signalements: list[Signalement]) -> DialogueValidation:
        assert self.detail is not None
        return DialogueValidation(self.contexte, self.detail, signalements, self)

    def _ouvrir_validation(self, signalements: list[Signalement]) -> None:
        if self.detail is None or self.detail.statut is not StatutSaisine.RECEVABLE:
            return
        dialogue = self.dialogue_validation(signalements)
        dialogue.exec()
        dialogue.deleteLater()
