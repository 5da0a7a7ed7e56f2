"""Fichier › Importer un classeur…: check the whole workbook first, show every error, then import.

Step 1 runs the import as a simulation in a worker (nothing written) and shows either the table of errors
(sheet, row, column, reason) or what the import will create and modify. Step 2 runs it for real, in one
transaction: cancelling or any failure leaves the base untouched. An import is not on the undo stack.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    QStandardPaths,
    Qt,
    QTimer,
)
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import NOM_APPLICATION
from app.erreurs import ErreurConnue
from app.format_fr import nombre
from app.services.import_classeur import (
    ErreurImport,
    ImportAnnule,
    ImportRefuse,
    RapportImport,
    importer_classeur,
)
from app.ui import erreurs
from app.ui.contexte import Contexte
from app.ui.travail import Annule, Progression, Tache, Travail

TITRE = "Importer un classeur"
FILTRE_CLASSEURS = "Classeurs Excel (*.xlsx)"
COLONNES = ("Feuille", "Ligne", "Colonne", "Motif")
ROLE_TRI = Qt.ItemDataRole.UserRole
AVANT_IMPORT = (
    "Un import ne s'annule pas avec Ctrl+Z : pour pouvoir revenir en arrière, enregistrez d'abord une copie "
    "de la base (Fichier › Sauvegarder une copie…)."
)
APRES_IMPORT = (
    "Un import ne s'annule pas avec Ctrl+Z : pour revenir en arrière, ouvrez la copie de la base enregistrée "
    "avant l'import (Fichier › Ouvrir une base…)."
)

Index = QModelIndex | QPersistentModelIndex


# --- The table of errors ---------------------------------------------------------------------------------


def _motif(erreur: ErreurImport) -> str:
    return erreur.motif[:1].upper() + erreur.motif[1:]


class ModeleErreurs(QAbstractTableModel):
    """The workbook's errors, one row each: Feuille, Ligne, Colonne, Motif (sorted through a proxy)."""

    # Qt may ask for rowCount while a replaced dialog's Python object is being torn down, attributes gone.
    _erreurs: Sequence[ErreurImport] = ()

    def __init__(self, erreurs_import: Sequence[ErreurImport] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._erreurs = list(erreurs_import)

    def definir(self, erreurs_import: Sequence[ErreurImport]) -> None:
        self.beginResetModel()
        self._erreurs = list(erreurs_import)
        self.endResetModel()

    def erreur(self, ligne: int) -> ErreurImport:
        return self._erreurs[ligne]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._erreurs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLONNES)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._erreurs):
            return None
        erreur = self._erreurs[index.row()]
        colonne = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if colonne == 0:
                return erreur.feuille or "(fichier)"
            if colonne == 1:
                return "" if erreur.ligne is None else str(erreur.ligne)
            if colonne == 2:
                return erreur.colonne or ""
            if colonne == 3:
                return _motif(erreur)
        if role == ROLE_TRI:
            if colonne == 1:
                return -1 if erreur.ligne is None else erreur.ligne
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.TextAlignmentRole and colonne == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLONNES):
            return COLONNES[section]
        return None


def texte_des_erreurs(erreurs_import: Sequence[ErreurImport]) -> str:
    """Tab-separated, header first: pastes as a table into a spreadsheet, reads as lines in a message."""
    lignes = ["\t".join(COLONNES)]
    for erreur in erreurs_import:
        ligne = "" if erreur.ligne is None else str(erreur.ligne)
        lignes.append("\t".join((erreur.feuille or "(fichier)", ligne, erreur.colonne or "", _motif(erreur))))
    return "\n".join(lignes) + "\n"


# --- What an import changes, in words --------------------------------------------------------------------


def tableau_des_changements(rapport: RapportImport) -> str:
    """An HTML table of the entities created and modified; empty when nothing changes."""
    lignes = []
    for entite, crees in rapport.crees.items():
        modifies = rapport.modifies.get(entite, 0)
        if crees or modifies:
            lignes.append(
                f"<tr><td>{html.escape(entite[:1].upper() + entite[1:])}</td>"
                f"<td align='right'>{nombre(crees)}</td><td align='right'>{nombre(modifies)}</td></tr>"
            )
    if not lignes:
        return ""
    entete = (
        "<tr><th align='left'>Élément</th><th align='right'>&nbsp;&nbsp;Créations</th>"
        "<th align='right'>&nbsp;&nbsp;Modifications</th></tr>"
    )
    return f"<table cellspacing='0' cellpadding='3'>{entete}{''.join(lignes)}</table>"


def _pluriel(nombre_: int, mot: str) -> str:
    return f"{nombre(nombre_)} {mot}{'s' if nombre_ > 1 else ''}"


# --- The dialog ------------------------------------------------------------------------------------------


class DialogueImport(QDialog):
    """Check `chemin` against the base (`verifier()`), then import it (`importer()`), each in a worker."""

    def __init__(self, contexte: Contexte, chemin: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.chemin = chemin
        self.etat = "initial"  # verification, erreurs, pret, rien_a_faire, import, termine, annule, echec
        self.rapport: RapportImport | None = None
        self.travail: Travail | None = None
        self.setWindowTitle(TITRE)
        self.resize(900, 560)

        disposition = QVBoxLayout(self)
        fichier = QLabel(f"Classeur : <b>{html.escape(chemin.name)}</b> — {html.escape(str(chemin.parent))}")
        fichier.setToolTip(str(chemin))
        fichier.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        disposition.addWidget(fichier)
        self.message = QLabel("Vérification du classeur…")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        disposition.addWidget(self.message)

        self.modele = ModeleErreurs(parent=self)
        self.tri = QSortFilterProxyModel(self)
        self.tri.setSourceModel(self.modele)
        self.tri.setSortRole(ROLE_TRI)
        self.tableau = QTableView(self)
        self.tableau.setModel(self.tri)
        self.tableau.setAccessibleName("Erreurs du classeur")
        self.tableau.setSortingEnabled(True)
        self.tableau.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the service's order until a header is clicked
        self.tableau.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tableau.setAlternatingRowColors(True)
        self.tableau.setWordWrap(True)
        self.tableau.verticalHeader().setVisible(False)
        entete = self.tableau.horizontalHeader()
        entete.setStretchLastSection(True)
        for colonne, largeur in enumerate((120, 60, 150)):
            self.tableau.setColumnWidth(colonne, largeur)
        entete.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        disposition.addWidget(self.tableau, 1)

        self.changements = QLabel()
        self.changements.setTextFormat(Qt.TextFormat.RichText)
        disposition.addWidget(self.changements)
        self.titre_avertissements = QLabel("&Avertissements (ils n'empêchent pas l'import) :")
        disposition.addWidget(self.titre_avertissements)
        self.avertissements = QPlainTextEdit(self)
        self.avertissements.setReadOnly(True)
        self.avertissements.setAccessibleName("Avertissements du classeur")
        self.titre_avertissements.setBuddy(self.avertissements)
        disposition.addWidget(self.avertissements, 1)
        self.retour = QLabel(AVANT_IMPORT)
        self.retour.setWordWrap(True)
        disposition.addWidget(self.retour)
        disposition.addStretch(0)

        self.boutons = QDialogButtonBox(self)
        self.bouton_copier = QPushButton("&Copier la liste")
        self.bouton_copier.setAccessibleName("Copier la liste des erreurs")
        self.boutons.addButton(self.bouton_copier, QDialogButtonBox.ButtonRole.ActionRole)
        self.bouton_importer = QPushButton("&Importer")
        self.boutons.addButton(self.bouton_importer, QDialogButtonBox.ButtonRole.AcceptRole)
        self.bouton_fermer = QPushButton("&Fermer")
        self.boutons.addButton(self.bouton_fermer, QDialogButtonBox.ButtonRole.RejectRole)
        self.bouton_copier.clicked.connect(self.copier_la_liste)
        self.bouton_importer.clicked.connect(self.importer)
        self.bouton_fermer.clicked.connect(self.reject)
        disposition.addWidget(self.boutons)
        self._montrer(tableau=False, changements=False, avertissements=False, retour=False)
        self._boutons(importer=False, fermer=False)

    # --- steps ---------------------------------------------------------------------------------------

    def verifier(self) -> None:
        """Step 1: the import as a simulation, in a worker. Nothing is written."""
        base, chemin = self.contexte.base, self.chemin

        def tache(progression: Progression, annule: Annule) -> RapportImport:
            return importer_classeur(base, chemin, simulation=True, progression=progression, annule=annule)

        self._lancer("verification", "Vérification du classeur…", tache)

    def importer(self) -> None:
        """Step 2: the real import, in one transaction, in a worker."""
        if self.etat != "pret":
            return
        base, chemin = self.contexte.base, self.chemin

        def tache(progression: Progression, annule: Annule) -> RapportImport:
            return importer_classeur(base, chemin, progression=progression, annule=annule)

        self._lancer("import", "Import du classeur…", tache)

    def copier_la_liste(self) -> None:
        # In the order shown (the user may have sorted by a column).
        rangs = [self.tri.mapToSource(self.tri.index(r, 0)).row() for r in range(self.tri.rowCount())]
        QGuiApplication.clipboard().setText(texte_des_erreurs([self.modele.erreur(r) for r in rangs]))
        self.bouton_copier.setText("Liste &copiée")

    def _lancer(self, etat: str, libelle: str, tache: Tache) -> None:
        self.etat = etat
        self.message.setText(html.escape(libelle))
        self._montrer(tableau=False, changements=False, avertissements=False, retour=False)
        self._boutons(importer=False, fermer=False)
        travail = Travail(self, TITRE, libelle, tache)
        travail.reussi.connect(self._reussi)
        travail.echoue.connect(self._echoue)
        self.travail = travail
        travail.lancer()

    # --- results (GUI thread) -----------------------------------------------------------------------

    def _reussi(self, resultat: object) -> None:
        assert isinstance(resultat, RapportImport)
        self.rapport = resultat
        tableau = tableau_des_changements(resultat)
        self._afficher_avertissements(resultat.avertissements)
        if self.etat == "import":
            self.etat = "termine"
            self.contexte.donnees_modifiees.emit()
            self.message.setText("<b>Import terminé.</b> Voici ce qui a été écrit dans la base :")
            self.changements.setText(tableau or "Rien n'a changé : la base contenait déjà tout le classeur.")
            self.retour.setText(APRES_IMPORT)
            self._montrer(changements=True, retour=bool(tableau))
            self._boutons(importer=False, fermer=True)
        elif tableau:
            self.etat = "pret"
            self.message.setText(
                "<b>Le classeur est correct.</b> Voici ce que l'import va écrire dans la base "
                "(rien n'est encore écrit) :"
            )
            self.changements.setText(tableau)
            self._montrer(changements=True, retour=True)
            self._boutons(importer=True, fermer=True)
            self.bouton_importer.setDefault(True)
            self.bouton_importer.setFocus()
        else:
            self.etat = "rien_a_faire"
            self.message.setText(
                "<b>Le classeur est correct</b> et la base contient déjà tout ce qu'il décrit : "
                "l'importer ne changerait rien."
            )
            self._montrer()
            self._boutons(importer=False, fermer=True)

    def _echoue(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        pendant_l_import = self.etat == "import"
        if isinstance(exc, ImportRefuse):
            self.etat = "erreurs"
            self.rapport = exc.rapport
            nombre_erreurs = len(exc.rapport.erreurs)
            self.message.setText(
                f"<b>Le classeur contient {_pluriel(nombre_erreurs, 'erreur')} : rien n'a été importé.</b><br>"
                "Corrigez-les dans le classeur, enregistrez-le, puis recommencez l'import."
            )
            self.modele.definir(exc.rapport.erreurs)
            if nombre_erreurs <= 500:  # long reasons wrap; measuring thousands of rows would freeze the dialog
                self.tableau.resizeRowsToContents()
            self._afficher_avertissements(exc.rapport.avertissements)
            self._montrer(tableau=True)
            self.bouton_copier.setText("&Copier la liste")
            self._boutons(importer=False, fermer=True, copier=True)
            self.tableau.setFocus()
            return
        if isinstance(exc, ImportAnnule):
            self.etat = "annule"
            quoi = "Import annulé" if pendant_l_import else "Vérification annulée"
            self.message.setText(f"<b>{quoi}</b> : rien n'a été écrit dans la base.")
        elif isinstance(exc, ErreurConnue) or erreurs.message_connu(exc) is not None:
            self.etat = "echec"
            self.message.setText(
                f"<b>Import impossible</b> : {html.escape(erreurs.message_connu(exc) or '')}<br>"
                "Rien n'a été écrit dans la base."
            )
        else:
            self.etat = "echec"
            self.message.setText(
                "<b>L'import s'est interrompu sur une erreur inattendue</b> : rien n'a été écrit dans la base."
            )
            erreurs.signaler(exc, self)
        self._montrer()
        self._boutons(importer=False, fermer=True)

    # --- layout helpers ------------------------------------------------------------------------------

    def _afficher_avertissements(self, avertissements: Sequence[str]) -> None:
        self.avertissements.setPlainText("\n".join(avertissements))

    def _montrer(
        self,
        *,
        tableau: bool = False,
        changements: bool = False,
        avertissements: bool | None = None,
        retour: bool = False,
    ) -> None:
        self.tableau.setVisible(tableau)
        self.changements.setVisible(changements)
        if avertissements is None:
            avertissements = bool(self.avertissements.toPlainText())
        self.titre_avertissements.setVisible(avertissements)
        self.avertissements.setVisible(avertissements)
        self.retour.setVisible(retour)

    def _boutons(self, *, importer: bool, fermer: bool, copier: bool = False) -> None:
        self.bouton_importer.setVisible(self.etat in ("verification", "pret", "import"))
        self.bouton_importer.setEnabled(importer)
        self.bouton_fermer.setEnabled(fermer)
        self.bouton_copier.setVisible(copier)

    # --- closing -------------------------------------------------------------------------------------

    def en_cours(self) -> bool:
        return self.travail is not None and self.travail.en_cours

    def reject(self) -> None:
        if self.en_cours():
            assert self.travail is not None
            self.travail.annuler()  # the worker ends soon; the dialog stays to say so
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.en_cours():
            assert self.travail is not None
            self.travail.annuler()
            event.ignore()
            return
        super().closeEvent(event)


def dossier_de_depart() -> str:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents or str(Path.home())


def importer_depuis_la_fenetre(contexte: Contexte, parent: QWidget | None = None) -> None:
    """Ask for a workbook, then run the import dialog on it."""
    if contexte.base.lecture_seule:
        QMessageBox.information(parent, NOM_APPLICATION, "La base est ouverte en lecture seule : import impossible.")
        return
    chemin, _ = QFileDialog.getOpenFileName(parent, TITRE, dossier_de_depart(), FILTRE_CLASSEURS)
    if not chemin:
        return
    dialogue = DialogueImport(contexte, Path(chemin), parent)
    QTimer.singleShot(0, dialogue.verifier)
    dialogue.exec()
    dialogue.deleteLater()
