"""The « Documents » tab: the chosen text as a printed avis / recommandation, and the yearly register of texts.

Each can be previewed, printed or saved as PDF; the register also as a workbook (.xlsx). Files are written in one
step (`impression.enregistrer`, through `app.fichiers.ecrire_atomiquement`): a full disk or a locked file gives a
French message and leaves any older file whole.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.modeles.enumerations import StatutRecommandation
from app.services import documents_ethique
from app.services.recommandations_lecture import DetailRecommandation, lire_detail
from app.ui import impression
from app.ui.annuaire.tableaux import avertir, bouton, rangee_de_boutons
from app.ui.attente import avec_attente
from app.ui.contexte import Contexte

FILTRE_XLSX = "Classeurs Excel (*.xlsx)"


class CarteDocument(QGroupBox):
    """One document: what it is, whether it can be made now, and its actions (preview, print, save as PDF)."""

    def __init__(self, titre: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(titre, parent)
        self.titre_document = titre
        self.produire: Callable[[], bytes] | None = None
        self.titre_impression = titre
        self.nom_fichier = titre
        self.description = QLabel(description)
        self.description.setWordWrap(True)
        self.etat = QLabel()
        self.etat.setWordWrap(True)
        self.etat.setAccessibleName(f"État : {titre}")
        self.apercu = bouton("Aperçu…", "apercu", f"Aperçu : {titre}", "Aperçu avant impression, puis impression")
        self.imprimer = bouton("Imprimer…", "imprimer", f"Imprimer : {titre}")
        self.enregistrer = bouton("Enregistrer en PDF…", "pdf", f"Enregistrer en PDF : {titre}")
        self.apercu.clicked.connect(self._apercu)
        self.imprimer.clicked.connect(self._imprimer)
        self.enregistrer.clicked.connect(self._enregistrer)
        self.boutons = rangee_de_boutons(self.apercu, self.imprimer, self.enregistrer)
        self.disposition = QVBoxLayout(self)
        self.disposition.addWidget(self.description)
        self.disposition.addWidget(self.etat)
        self.disposition.addStretch(1)  # side by side, both cards keep their buttons on one line
        self.disposition.addLayout(self.boutons)

    def definir(
        self,
        produire: Callable[[], bytes] | None,
        etat: str,
        *,
        titre: str = "",
        fichier: str = "",
        alerte: bool = False,
    ) -> None:
        self.produire = produire
        self.titre_impression = titre or self.titre_document
        self.nom_fichier = fichier or self.titre_document
        self.etat.setText(etat)
        self.etat.setVisible(bool(etat))
        self.etat.setStyleSheet("color: #9a3412;" if alerte else "color: palette(placeholder-text);")
        for b in self.actions_document():
            b.setEnabled(produire is not None)

    def actions_document(self) -> list[QPushButton]:
        return [self.apercu, self.imprimer, self.enregistrer]

    def octets(self) -> bytes | None:
        return None if self.produire is None else avec_attente(self, self.titre_document, self.produire)

    def _apercu(self) -> None:
        contenu = self.octets()
        if contenu is not None:
            impression.apercu(self, contenu, self.titre_impression)

    def _imprimer(self) -> None:
        contenu = self.octets()
        if contenu is not None:
            try:
                impression.imprimer(self, contenu, self.titre_impression)
            except ErreurConnue as erreur:
                avertir(self, self.titre_document, erreur)

    def _enregistrer(self) -> None:
        if self.produire is not None:
            impression.enregistrer(self, self.produire, f"{self.nom_fichier}.pdf")


class OngletDocuments(QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.recommandation_id: int | None = None
        self.detail: DetailRecommandation | None = None
        self.avis = CarteDocument(
            "Avis / recommandation",
            "Le texte choisi tel qu'il s'imprime : numéro et date, question anonymisée des saisines liées, cadre, "
            "analyse et options, caractère consultatif, date d'adoption et autorisation de publication.",
        )
        self.registre = CarteDocument(
            "Registre des avis et recommandations",
            "Tous les textes d'une année, par numéro : nature, titre, saisines liées, statut, adoption et publication.",
        )
        self.annee = QComboBox()
        self.annee.setAccessibleName("Année du registre")
        etiquette = QLabel("Année du re&gistre :")
        etiquette.setBuddy(self.annee)
        rangee_annee = QHBoxLayout()
        rangee_annee.addWidget(etiquette)
        rangee_annee.addWidget(self.annee)
        rangee_annee.addStretch(1)
        self.registre.disposition.insertLayout(1, rangee_annee)
        self.classeur = bouton(
            "Enregistrer en classeur (.xlsx)…",
            None,
            "Enregistrer le registre en classeur",
            "Le registre de l'année en classeur Excel, une ligne par texte",
        )
        self.classeur.clicked.connect(self._enregistrer_classeur)
        self.registre.boutons.insertWidget(3, self.classeur)
        self.annee.currentIndexChanged.connect(lambda _rang: self._definir_registre())
        cartes = QHBoxLayout()
        cartes.addWidget(self.avis, 1)
        cartes.addWidget(self.registre, 1)
        disposition = QVBoxLayout(self)
        disposition.setContentsMargins(6, 6, 6, 6)
        disposition.addLayout(cartes)
        disposition.addStretch(1)
        self.afficher(None)

    def afficher(self, recommandation_id: int | None) -> None:
        self.recommandation_id = recommandation_id

        def lire(session: Session) -> tuple[DetailRecommandation | None, list[int]]:
            detail = lire_detail(session, recommandation_id) if recommandation_id is not None else None
            return detail, documents_ethique.annees_registre(session)

        try:
            self.detail, annees = self.contexte.lire(lire)
        except ErreurConnue:
            self.detail, annees = None, []
        d = self.detail
        if d is None:
            self.avis.definir(None, "Choisissez un texte dans la liste ci-dessus.")
        else:
            projet = d.statut in (StatutRecommandation.PROJET, StatutRecommandation.SOUMISE)
            etat = f"{d.numero}, version {d.derniere_version} : « {d.fiche.titre} »."
            if projet:
                etat += " Pas encore adopté : imprimé avec la mention « PROJET »."
            self.avis.definir(self._avis_pdf, etat, titre=f"{d.fiche.nature.libelle} {d.numero}", fichier=f"{d.numero}")
        avant = self.annee.currentData()
        self.annee.blockSignals(True)
        self.annee.clear()
        for annee in annees:
            self.annee.addItem(str(annee), annee)
        voulue = avant if avant in annees else (d.annee if d is not None else None)
        rang = self.annee.findData(voulue) if voulue is not None else -1
        self.annee.setCurrentIndex(rang if rang >= 0 else 0 if annees else -1)
        self.annee.blockSignals(False)
        self._definir_registre()

    def _avis_pdf(self) -> bytes:
        recommandation_id = self.recommandation_id
        if recommandation_id is None:
            raise ErreurConnue("Choisissez un texte dans la liste.")
        return self.contexte.lire(lambda s: documents_ethique.avis_pdf(s, recommandation_id))

    def _annee(self) -> int | None:
        valeur = self.annee.currentData()
        return valeur if isinstance(valeur, int) else None

    def _definir_registre(self) -> None:
        annee = self._annee()
        self.annee.setEnabled(annee is not None)
        if annee is None:
            self.registre.definir(None, "Aucun texte enregistré : le registre est vide.")
            self.classeur.setEnabled(False)
            return
        self.registre.definir(
            lambda: self.contexte.lire(lambda s: documents_ethique.registre_pdf(s, annee)),
            "",
            titre=f"Registre des avis et recommandations {annee}",
            fichier=f"Registre des avis et recommandations {annee}",
        )
        self.classeur.setEnabled(True)

    def _enregistrer_classeur(self) -> None:
        annee = self._annee()
        if annee is None:
            return
        impression.enregistrer(
            self,
            lambda: self.contexte.lire(lambda s: documents_ethique.registre_xlsx(s, annee)),
            f"Registre des avis et recommandations {annee}.xlsx",
            filtre=FILTRE_XLSX,
        )

    def imprimer(self) -> bool:
        """Ctrl+P: the preview (then printing) of the chosen text; False when none is chosen."""
        if self.avis.produire is None:
            return False
        self.avis.apercu.click()
        return True
