"""« Journal des modifications »: every write recorded in the base (who, when, what), filtered and exported.

The table reads the journal page by page as it scrolls (`ModeleJournal`); filters run in SQL. The detail pane
shows the whole change of the selected entry. Exports (xlsx, CSV) are built in a worker with a progress dialog
and a cancel button, and written atomically by the GUI thread. Nothing here writes to the base: the page works
the same on a base opened read-only.
"""

from __future__ import annotations

import datetime as dt
import html
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import horloge
from app.erreurs import ErreurConnue
from app.format_fr import nombre
from app.modeles.enumerations import OperationJournal
from app.services import journal_lecture
from app.services.journal_lecture import EntreeJournal, FiltreJournal
from app.ui.annuaire.formulaire import champ_date, date_de
from app.ui.annuaire.tableaux import ajuster_colonnes, avertir, bouton, champ_recherche
from app.ui.contexte import Contexte
from app.ui.export_fichier import brancher_export
from app.ui.journal.export import ExportJournalAnnule, Format, nom_propose, produire
from app.ui.journal.modele import ROLE_ENTREE, ModeleJournal
from app.ui.page import Page
from app.ui.travail import Travail

DELAI_RECHERCHE_MS = 300  # the search waits for a pause in the typing: each query reads the whole journal
JOURS_PAR_DEFAUT = 30  # the period proposed when it is switched on
COULEUR_ERREUR = "color: #B00020; font-weight: 600;"


def compte_entrees(affichees: int, total: int) -> str:
    """« 1 234 entrées », or « 12 entrées sur 1 234 » when filters apply."""
    texte = f"{nombre(affichees)} entrée{'s' if affichees > 1 else ''}"
    return texte if affichees == total else f"{texte} sur {nombre(total)}"


def detail_html(entree: EntreeJournal | None, references: dict[tuple[str, int], str] | None = None) -> str:
    """The whole change as a table; `references` names the records a foreign key points to."""
    if entree is None:
        return "<p>Choisissez une entrée du journal pour voir tout ce qu'elle a changé.</p>"
    e = html.escape
    titre = f"{e(entree.operation_libelle)} — {e(entree.entite_libelle)}"
    if entree.enregistrement:
        titre += f" {e(entree.enregistrement)}"
    lignes = [
        f"<p><b>{titre}</b><br>{e(entree.quand)}, par {e(entree.utilisateur)}"
        f"{f' (n° {entree.entite_id})' if entree.entite_id is not None else ''}</p>"
    ]
    changements = entree.changements
    if not changements:
        lignes.append("<p>Aucun détail enregistré.</p>")
        return "".join(lignes)
    modification = entree.operation is OperationJournal.MODIFICATION
    entetes = ("Colonne", "Avant", "Après") if modification else ("Colonne", "Valeur")
    lignes.append('<table cellspacing="0" cellpadding="3" border="1" style="border-collapse: collapse;">')
    lignes.append("<tr>" + "".join(f"<th align='left'>{t}</th>" for t in entetes) + "</tr>")
    references = references or {}
    brutes = entree.details

    def nomme(colonne: str, texte: str, valeur: object) -> str:
        nom = references.get((colonne, valeur)) if isinstance(valeur, int) else None
        return f"{texte} — {nom}" if nom else texte

    for c in changements:
        cellules: tuple[str, ...]
        brute = brutes.get(c.colonne)
        if modification:
            avant, apres = brute if isinstance(brute, list) and len(brute) == 2 else (None, None)
            if c.masque:
                cellules = (c.colonne, c.avant, c.avant)
            else:
                cellules = (c.colonne, nomme(c.colonne, c.avant, avant), nomme(c.colonne, c.apres, apres))
        else:
            cellules = (c.colonne, nomme(c.colonne, c.avant or c.apres, brute))
        lignes.append("<tr>" + "".join(f"<td>{e(t).replace(chr(10), '<br>')}</td>" for t in cellules) + "</tr>")
    lignes.append("</table>")
    return "".join(lignes)


class PageJournal(Page):
    titre = "Journal des modifications"

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(contexte, parent)
        self.travail: Travail | None = None
        self.dernier_fichier: Path | None = None
        self._dossier: Path | None = None

        # --- filters ---
        self.case_periode = QCheckBox("&Période du")
        self.case_periode.setAccessibleName("Filtrer sur une période")
        aujourdhui = horloge.aujourdhui()
        self.du = champ_date("Début de la période", aujourdhui - dt.timedelta(days=JOURS_PAR_DEFAUT))
        self.au = champ_date("Fin de la période (incluse)", aujourdhui)
        etiquette_au = QLabel("a&u")
        etiquette_au.setBuddy(self.au)
        self.utilisateur = QComboBox()
        self.utilisateur.setAccessibleName("Utilisateur")
        self.entite = QComboBox()
        self.entite.setAccessibleName("Entité")
        self.entite.addItem("Toutes les entités", None)
        libelles_courants = [libelle for libelle in journal_lecture.libelles_entites().values() if len(libelle) <= 26]
        for classe, libelle in journal_lecture.libelles_entites().items():
            if classe != "Journal":
                self.entite.addItem(libelle, classe)
        self.operation = QComboBox()
        self.operation.setAccessibleName("Opération")
        self.operation.addItem("Toutes les opérations", None)
        for operation in OperationJournal:
            self.operation.addItem(operation.libelle, operation)
        self.recherche = champ_recherche("Rechercher dans les changements", "Rechercher dans les changements…")
        self.recherche.setMinimumWidth(220)
        etiquette_utilisateur = QLabel("Uti&lisateur")
        etiquette_utilisateur.setBuddy(self.utilisateur)
        etiquette_entite = QLabel("&Entité")
        etiquette_entite.setBuddy(self.entite)
        etiquette_operation = QLabel("&Opération")
        etiquette_operation.setBuddy(self.operation)
        # Two rows: at 1280 pixels, one would push the window wider than the screen.
        ligne_periode = QHBoxLayout()
        for widget in (self.case_periode, self.du, etiquette_au, self.au):
            ligne_periode.addWidget(widget)
        ligne_periode.addSpacing(16)
        ligne_periode.addWidget(self.recherche, 1)
        ligne_choix = QHBoxLayout()
        for etiquette, champ in (
            (etiquette_utilisateur, self.utilisateur),
            (etiquette_entite, self.entite),
            (etiquette_operation, self.operation),
        ):
            ligne_choix.addWidget(etiquette)
            ligne_choix.addWidget(champ)
            ligne_choix.addSpacing(12)
        ligne_choix.addStretch(1)
        self.erreur_filtre = QLabel()
        self.erreur_filtre.setAccessibleName("Erreur sur les filtres")
        self.erreur_filtre.setStyleSheet(COULEUR_ERREUR)
        self.erreur_filtre.setWordWrap(True)
        self.erreur_filtre.hide()

        # --- the table and the detail ---
        self.modele = ModeleJournal(contexte.lire, self)
        self.vue = QTableView()
        self.vue.setModel(self.modele)
        self.vue.setAccessibleName("Entrées du journal")
        self.vue.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.vue.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.vue.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.vue.setAlternatingRowColors(True)
        self.vue.setWordWrap(False)
        self.vue.setTabKeyNavigation(False)
        self.vue.verticalHeader().hide()
        self.vue.verticalHeader().setDefaultSectionSize(self.vue.fontMetrics().height() + 8)
        self.vue.horizontalHeader().setHighlightSections(False)
        ajuster_colonnes(self.vue, {1: 12, 2: 23, 3: 32, 4: 11}, etiree=5)
        # The widest date there is (« sept. », two-digit day), measured: an average width crops it.
        mesure = self.vue.fontMetrics()
        self.vue.setColumnWidth(0, mesure.horizontalAdvance("30 sept. 2026 23:59") + 20)
        # The usual labels whole (« Demandeur d'une saisine »); longer rare ones are cut, with their tooltip.
        self.vue.setColumnWidth(2, min(max(mesure.horizontalAdvance(t) for t in libelles_courants) + 20, 240))
        self.vue.selectionModel().selectionChanged.connect(self._selection_changee)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("Détail de l'entrée choisie")
        self.detail.setOpenLinks(False)
        separation = QSplitter(Qt.Orientation.Vertical)
        separation.addWidget(self.vue)
        separation.addWidget(self.detail)
        separation.setStretchFactor(0, 3)
        separation.setStretchFactor(1, 1)
        separation.setChildrenCollapsible(False)

        # --- count and exports ---
        self.compte = QLabel()
        self.compte.setAccessibleName("Nombre d'entrées")
        self.bouton_xlsx = bouton(
            "Exporter (&xlsx)…",
            "enregistrer",
            "Exporter le journal filtré en classeur Excel",
            "Les entrées affichées par les filtres, dans un classeur Excel",
        )
        self.bouton_csv = bouton(
            "Exporter (&CSV)…",
            None,
            "Exporter le journal filtré en CSV",
            "Les entrées affichées par les filtres, dans un fichier CSV (UTF-8, « ; »)",
        )
        self.bouton_xlsx.clicked.connect(lambda: self.exporter(Format.XLSX))
        self.bouton_csv.clicked.connect(lambda: self.exporter(Format.CSV))
        self.resultat = QLabel()
        self.resultat.setAccessibleName("Résultat de l'export")
        self.resultat.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.resultat.setWordWrap(True)
        bas = QHBoxLayout()
        bas.addWidget(self.bouton_xlsx)
        bas.addWidget(self.bouton_csv)
        bas.addWidget(self.resultat, 1)
        bas.addWidget(self.compte)

        disposition = QVBoxLayout(self)
        disposition.addWidget(QLabel(f"<h2>{self.titre}</h2>"))
        disposition.addLayout(ligne_periode)
        disposition.addLayout(ligne_choix)
        disposition.addWidget(self.erreur_filtre)
        disposition.addWidget(separation, 1)
        disposition.addLayout(bas)

        self._minuteur = QTimer(self)
        self._minuteur.setSingleShot(True)
        self._minuteur.setInterval(DELAI_RECHERCHE_MS)
        self._minuteur.timeout.connect(self.appliquer_filtres)
        self.recherche.textChanged.connect(lambda _t: self._minuteur.start())
        self.case_periode.toggled.connect(self._periode_basculee)
        for jour in (self.du, self.au):
            jour.dateChanged.connect(lambda _d: self.appliquer_filtres())
        for combo in (self.utilisateur, self.entite, self.operation):
            combo.currentIndexChanged.connect(lambda _i: self.appliquer_filtres())
        self.recherche.returnPressed.connect(self.appliquer_filtres)
        # Tab follows the rows as they are seen, not the order the widgets were made in.
        ordre = (
            self.case_periode,
            self.du,
            self.au,
            self.recherche,
            self.utilisateur,
            self.entite,
            self.operation,
            self.vue,
            self.detail,
            self.bouton_xlsx,
            self.bouton_csv,
        )
        for avant, apres in pairwise(ordre):
            QWidget.setTabOrder(avant, apres)
        self.du.setEnabled(False)
        self.au.setEnabled(False)
        self._a_relire = True  # read when first shown

    # --- filters ---------------------------------------------------------------------------------------------

    def filtre(self) -> FiltreJournal:
        periode = self.case_periode.isChecked()
        return FiltreJournal(
            du=date_de(self.du) if periode else None,
            au=date_de(self.au) if periode else None,
            utilisateur=self.utilisateur.currentData(),
            entite=self.entite.currentData(),
            operation=self.operation.currentData(),
            texte=self.recherche.text().strip(),
        )

    def _periode_basculee(self, active: bool) -> None:
        self.du.setEnabled(active)
        self.au.setEnabled(active)
        self.appliquer_filtres()

    def appliquer_filtres(self) -> None:
        self._minuteur.stop()
        try:
            self.modele.definir_filtre(self.filtre())
        except ErreurConnue as erreur:
            self.erreur_filtre.setText(erreur.message)
            self.erreur_filtre.show()
            return
        self.erreur_filtre.hide()
        self._actualiser()

    def _remplir_utilisateurs(self) -> None:
        choisi = self.utilisateur.currentData()
        noms = self.contexte.lire(journal_lecture.utilisateurs)
        self.utilisateur.blockSignals(True)
        self.utilisateur.clear()
        self.utilisateur.addItem("Tous les utilisateurs", None)
        for nom in noms:
            self.utilisateur.addItem(nom, nom)
        rang = self.utilisateur.findData(choisi) if choisi is not None else 0
        self.utilisateur.setCurrentIndex(max(rang, 0))
        self.utilisateur.blockSignals(False)

    def rafraichir(self) -> None:
        # Every edit elsewhere lands here: a hidden page only notes it and reads again when shown.
        if not self.isVisible():
            self._a_relire = True
            return
        self._a_relire = False
        self._remplir_utilisateurs()
        self.appliquer_filtres()

    def showEvent(self, evenement: QShowEvent) -> None:
        super().showEvent(evenement)
        if self._a_relire:
            self.rafraichir()

    def _actualiser(self) -> None:
        self.compte.setText(compte_entrees(self.modele.total, self.modele.total_journal))
        libre = self.travail is None
        self.bouton_xlsx.setEnabled(libre)
        self.bouton_csv.setEnabled(libre)
        self._selection_changee()

    # --- selection -------------------------------------------------------------------------------------------

    def entree_choisie(self) -> EntreeJournal | None:
        lignes = self.vue.selectionModel().selectedRows()
        if not lignes:
            return None
        entree = lignes[0].data(ROLE_ENTREE)
        return entree if isinstance(entree, EntreeJournal) else None

    def _selection_changee(self, *_args: QItemSelection) -> None:
        entree = self.entree_choisie()
        references = self.contexte.lire(lambda s: journal_lecture.references(s, entree)) if entree else {}
        self.detail.setHtml(detail_html(entree, references))

    def choisir_rang(self, rang: int) -> None:
        index = self.modele.index(rang, 0, QModelIndex())
        if index.isValid():
            self.vue.selectRow(rang)
            self.vue.scrollTo(index)

    # --- exports ---------------------------------------------------------------------------------------------

    def exporter(self, format_: Format) -> None:
        """Ask where to save, then read the filtered journal and build the file in a worker."""
        if self.travail is not None:
            return
        try:
            filtre = self.filtre()
            filtre.verifier()
        except ErreurConnue as erreur:
            avertir(self, "Export impossible", erreur)
            return
        depart = (self._dossier or Path.home()) / nom_propose(format_)
        chemin, _ = QFileDialog.getSaveFileName(
            self, f"Exporter le journal ({format_.libelle})", str(depart), format_.filtre
        )
        if not chemin:
            return
        cible = Path(chemin)
        if cible.suffix.lower() != format_.suffixe:
            cible = cible.with_name(cible.name + format_.suffixe)
        base = self.contexte.base
        travail = Travail(
            self,
            f"Exporter le journal ({format_.libelle})",
            f"Préparation de « {cible.name} »…",
            lambda progression, annule: produire(base, filtre, format_, progression, annule),
        )

        brancher_export(
            self,
            travail,
            cible,
            annulation=ExportJournalAnnule,
            echec="L'export du journal a échoué.",
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
        self._montrer(f"Enregistré dans « {cible} ».")

    def _fin_de_l_export(self) -> None:
        self.travail = None
        self._actualiser()

    def export_en_cours(self) -> bool:
        return self.travail is not None

    def _montrer(self, message: str) -> None:
        self.resultat.setText(message)

    # --- the window's commands -------------------------------------------------------------------------------

    def rechercher(self) -> None:
        self.recherche.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.recherche.selectAll()

    def rien_a_imprimer(self) -> str:
        return "Rien à imprimer sur le journal : exportez-le (xlsx ou CSV), puis ouvrez le fichier pour l'imprimer."

    def preparer_pour_captures(self) -> None:
        self.choisir_rang(0)
