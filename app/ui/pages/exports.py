"""Exports: the ANSA evaluation workbook, the report to the HCTS and the candidature dossier, saved as files.

The secretary chooses the period (by default the last 12 months, as on the dashboard, or a calendar year) and
the document, then where to save it. The document is built in a worker (`Travail`: a progress dialog with a
cancel button) and the GUI thread writes the file atomically; a cancelled export leaves no file. Nothing is
written to the base: exporting works on a base opened read-only.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app import horloge
from app.services.tableau_de_bord import periode_douze_mois
from app.ui.annuaire.formulaire import champ_date, date_de, vers_qdate
from app.ui.annuaire.tableaux import bouton
from app.ui.contexte import Contexte
from app.ui.export_fichier import brancher_export
from app.ui.exports.documents import Demande, Document, ExportAnnule, produire
from app.ui.page import Page
from app.ui.travail import Travail

COULEUR_NOTE = "color: palette(placeholder-text);"
COULEUR_ERREUR = "color: #B00020; font-weight: 600;"
ANNEES_PROPOSEES = 5  # the calendar years offered: this one and the four before

DESCRIPTIONS = {
    Document.CLASSEUR_ANSA: (
        "La grille d'évaluation de l'ANSA (sous-domaines 1.1 à 4), les chiffres de la période et les données "
        "détaillées (séances, présences, membres, saisines, productions), avec les définitions."
    ),
    Document.RAPPORT_HCTS: (
        "Ce que le Haut Conseil du travail social doit connaître : gouvernance, instances, séances et présences de "
        "la période, avis et recommandations adoptés, travaux, échanges avec le HCTS."
    ),
    Document.DOSSIER_CANDIDATURE: (
        "Le dossier de l'appel à manifestation d'intérêt, rempli avec ce qui est enregistré aujourd'hui (sans "
        "période), « À compléter » là où il manque quelque chose."
    ),
}


class PageExports(Page):
    titre = "Exports"

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(contexte, parent)
        self.travail: Travail | None = None
        self.dernier_fichier: Path | None = None
        self._dossier: Path | None = None  # where the last export went: the next save dialog starts there

        # --- the period ---
        douze_mois = periode_douze_mois(horloge.aujourdhui())
        assert douze_mois.du is not None and douze_mois.au is not None
        self.du = champ_date("Début de la période", douze_mois.du)
        self.au = champ_date("Fin de la période (incluse)", douze_mois.au)
        etiquette_du = QLabel("&Du")
        etiquette_du.setBuddy(self.du)
        etiquette_au = QLabel("&au")
        etiquette_au.setBuddy(self.au)
        self.bouton_douze_mois = bouton(
            "12 derniers &mois", None, "Revenir aux 12 derniers mois", "La période du tableau de bord"
        )
        self.bouton_douze_mois.clicked.connect(self.douze_derniers_mois)
        self.annee = QComboBox()
        self.annee.setAccessibleName("Année civile")
        self.annee.setToolTip("Du 1er janvier au 31 décembre de l'année choisie")
        self.annee.addItem("Année civile…", None)
        annee_courante = horloge.aujourdhui().year
        for annee in range(annee_courante, annee_courante - ANNEES_PROPOSEES, -1):
            self.annee.addItem(str(annee), annee)
        self.annee.activated.connect(self._annee_choisie)
        self.erreur_periode = QLabel()
        self.erreur_periode.setAccessibleName("Erreur sur la période")
        self.erreur_periode.setWordWrap(True)
        self.erreur_periode.setStyleSheet(COULEUR_ERREUR)
        self.note_periode = QLabel(
            "Le dossier de candidature ne dépend pas d'une période : il décrit le comité tel "
            "qu'il est enregistré aujourd'hui."
        )
        self.note_periode.setWordWrap(True)
        self.note_periode.setStyleSheet(COULEUR_NOTE)
        ligne_periode = QHBoxLayout()
        for widget in (etiquette_du, self.du, etiquette_au, self.au, self.bouton_douze_mois, self.annee):
            ligne_periode.addWidget(widget)
        ligne_periode.addSpacing(12)
        ligne_periode.addWidget(self.erreur_periode, 1)
        self.groupe_periode = QGroupBox("Période")
        disposition_periode = QVBoxLayout(self.groupe_periode)
        disposition_periode.addLayout(ligne_periode)
        disposition_periode.addWidget(self.note_periode)
        self.du.dateChanged.connect(self._dates_modifiees)
        self.au.dateChanged.connect(self._dates_modifiees)

        # --- the document ---
        self.groupe_document = QGroupBox("Document")
        disposition_document = QVBoxLayout(self.groupe_document)
        self.choix = QButtonGroup(self)
        self.boutons_document: dict[Document, QRadioButton] = {}
        raccourcis = {
            Document.CLASSEUR_ANSA: "&Classeur",
            Document.RAPPORT_HCTS: "&Rapport",
            Document.DOSSIER_CANDIDATURE: "Do&ssier",
        }
        for document in Document:
            libelle = document.libelle.replace(raccourcis[document].replace("&", ""), raccourcis[document], 1)
            radio = QRadioButton(libelle)
            radio.setAccessibleName(document.libelle)
            self.choix.addButton(radio)
            self.boutons_document[document] = radio
            description = QLabel(DESCRIPTIONS[document])
            description.setWordWrap(True)
            description.setStyleSheet(COULEUR_NOTE)
            description.setContentsMargins(24, 0, 0, 4)
            disposition_document.addWidget(radio)
            disposition_document.addWidget(description)
            if document is Document.CLASSEUR_ANSA:
                self.case_noms = QCheckBox("&Nommer les membres")
                self.case_noms.setAccessibleName("Nommer les membres dans le classeur")
                explication = QLabel(
                    "Par défaut, chaque membre figure sous un code stable (M-0012 par exemple), le même d'un export "
                    "à l'autre : cochez la case pour écrire les noms et prénoms."
                )
                explication.setWordWrap(True)
                explication.setStyleSheet(COULEUR_NOTE)
                retrait = QVBoxLayout()
                retrait.setContentsMargins(24, 0, 0, 8)
                retrait.addWidget(self.case_noms)
                retrait.addWidget(explication)
                disposition_document.addLayout(retrait)
        self.boutons_document[Document.CLASSEUR_ANSA].setChecked(True)
        self.choix.buttonToggled.connect(lambda *_: self._actualiser())

        # --- exporting and its outcome ---
        self.bouton_exporter = bouton(
            "&Exporter…", "enregistrer", "Exporter le document choisi", "Choisir où enregistrer, puis produire"
        )
        self.bouton_exporter.clicked.connect(self.exporter)
        self.resultat = QLabel()
        self.resultat.setAccessibleName("Résultat de l'export")
        self.resultat.setWordWrap(True)
        self.resultat.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bouton_dossier = bouton(
            "Ou&vrir le dossier", None, "Ouvrir le dossier du fichier enregistré", "Dans le gestionnaire de fichiers"
        )
        self.bouton_dossier.clicked.connect(self.ouvrir_le_dossier)
        self.bouton_dossier.hide()
        # The message takes the whole width (a long path wraps), the folder's button just under it.
        ligne_exporter = QHBoxLayout()
        ligne_exporter.addWidget(self.bouton_exporter)
        ligne_exporter.addStretch(1)
        ligne_dossier = QHBoxLayout()
        ligne_dossier.addWidget(self.bouton_dossier)
        ligne_dossier.addStretch(1)

        disposition = QVBoxLayout(self)
        disposition.addWidget(QLabel(f"<h2>{self.titre}</h2>"))
        disposition.addWidget(self.groupe_periode)
        disposition.addWidget(self.groupe_document)
        disposition.addLayout(ligne_exporter)
        disposition.addWidget(self.resultat)
        disposition.addLayout(ligne_dossier)
        disposition.addStretch(1)
        self._actualiser()

    # --- choices ---------------------------------------------------------------------------------------------

    def document(self) -> Document:
        return next(d for d, radio in self.boutons_document.items() if radio.isChecked())

    def choisir(self, document: Document) -> None:
        self.boutons_document[document].setChecked(True)

    def definir_periode(self, du: dt.date, au: dt.date) -> None:
        for champ, jour in ((self.du, du), (self.au, au)):
            champ.blockSignals(True)
            champ.setDate(vers_qdate(jour))
            champ.blockSignals(False)
        self._actualiser()

    def douze_derniers_mois(self) -> None:
        periode = periode_douze_mois(horloge.aujourdhui())
        assert periode.du is not None and periode.au is not None
        self.definir_periode(periode.du, periode.au)
        self.annee.setCurrentIndex(0)

    def _annee_choisie(self, rang: int) -> None:
        annee = self.annee.itemData(rang)
        if isinstance(annee, int):
            self.definir_periode(dt.date(annee, 1, 1), dt.date(annee, 12, 31))

    def _dates_modifiees(self) -> None:
        self.annee.setCurrentIndex(0)  # typed dates: no longer « that year »
        self._actualiser()

    def periode_inversee(self) -> bool:
        return date_de(self.du) > date_de(self.au)

    def _actualiser(self) -> None:
        document = self.document()
        for widget in (self.du, self.au, self.bouton_douze_mois, self.annee):
            widget.setEnabled(document.avec_periode)
        self.note_periode.setVisible(not document.avec_periode)
        self.case_noms.setEnabled(document is Document.CLASSEUR_ANSA)
        inversee = document.avec_periode and self.periode_inversee()
        self.erreur_periode.setText(
            "La date de début est postérieure à la date de fin : corrigez la période." if inversee else ""
        )
        self.bouton_exporter.setEnabled(self.travail is None)

    def demande(self) -> Demande:
        document = self.document()
        return Demande(
            document,
            date_de(self.du),
            date_de(self.au),
            document is Document.CLASSEUR_ANSA and self.case_noms.isChecked(),
        )

    # --- exporting -------------------------------------------------------------------------------------------

    def exporter(self) -> None:
        """Ask where to save, then build the document in a worker; the file is written when it is done."""
        if self.travail is not None:
            return
        demande = self.demande()
        if demande.document.avec_periode and demande.du > demande.au:
            self._actualiser()
            self.du.setFocus()
            return
        depart = (self._dossier or Path.home()) / demande.nom_propose()
        chemin, _ = QFileDialog.getSaveFileName(
            self, f"Exporter — {demande.document.libelle}", str(depart), demande.document.filtre
        )
        if not chemin:
            return
        cible = Path(chemin)
        if cible.suffix.lower() != demande.document.suffixe:
            cible = cible.with_name(cible.name + demande.document.suffixe)
        base = self.contexte.base
        travail = Travail(
            self,
            f"Exporter — {demande.document.libelle}",
            f"Préparation du document « {cible.name} »…",
            lambda _progression, annule: produire(base, demande, annule),
        )

        brancher_export(
            self,
            travail,
            cible,
            annulation=ExportAnnule,
            echec="L'export a échoué.",
            montrer=self._montrer,
            enregistre=self._enregistre,
            termine=self._fin_de_l_export,
        )
        self.travail = travail
        self._montrer(f"Export de « {cible.name} » en cours…")
        self._actualiser()
        travail.lancer()

    def _enregistre(self, cible: Path) -> None:
        self.dernier_fichier = cible
        self._dossier = cible.parent
        self._montrer(f"Enregistré dans « {cible} ».", dossier=True)

    def _fin_de_l_export(self) -> None:
        self.travail = None
        self._actualiser()

    def export_en_cours(self) -> bool:
        return self.travail is not None

    def _montrer(self, message: str, *, dossier: bool = False) -> None:
        self.resultat.setText(message)
        self.bouton_dossier.setVisible(dossier)

    def ouvrir_le_dossier(self) -> None:
        if self.dernier_fichier is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.dernier_fichier.parent)))

    # --- the window's commands -------------------------------------------------------------------------------

    def rien_a_imprimer(self) -> str:
        return (
            "Rien à imprimer sur la page Exports : enregistrez le document, puis ouvrez-le pour l'imprimer (le "
            "dossier de candidature s'imprime aussi depuis la page Comité)."
        )

    def preparer_pour_captures(self) -> None:
        # The state after an export, to review the message and its button (no file is written).
        self.dernier_fichier = (
            Path.home() / Demande(Document.CLASSEUR_ANSA, date_de(self.du), date_de(self.au)).nom_propose()
        )
        self._montrer(f"Enregistré dans « {self.dernier_fichier} ».", dossier=True)
