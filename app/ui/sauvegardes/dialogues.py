"""Restoring a backup (list, other file, confirmation), backup settings, and the damaged base at opening."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import NOM_APPLICATION
from app.erreurs import ErreurConnue
from app.format_fr import ESPACE_INSECABLE, date_longue, nombre
from app.services import sauvegardes
from app.services.sauvegardes import Sauvegarde
from app.services.sauvegardes_rotation import (
    ReglagesSauvegarde,
    dossier_de_la_base,
    enregistrer_reglages,
    lire_reglages,
)

FILTRE = "Sauvegardes Comité local (*.db);;Tous les fichiers (*)"
RoleTri = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def libelle_instant(instant: dt.datetime) -> str:
    """« 22 novembre 2026 à 9 h 30 »."""
    return f"{date_longue(instant.date())} à {instant.hour}{ESPACE_INSECABLE}h{ESPACE_INSECABLE}{instant:%M}"


def libelle_motif(motif: str) -> str:
    if motif == "ouverture":
        return "À l'ouverture"
    if motif == "manuelle":
        return "Manuelle"
    if motif == "avant_restauration":
        return "Avant une restauration"
    if motif.startswith("avant_migration"):
        revision = motif.removeprefix("avant_migration").strip("_")
        return f"Avant la mise à jour du schéma ({revision})" if revision else "Avant une mise à jour"
    return motif.replace("_", " ").capitalize()


def libelle_taille(octets: int) -> str:
    """« 1,4 Mo », « 820 ko »."""
    if octets >= 1024 * 1024:
        return f"{nombre(octets / (1024 * 1024), 1)}{ESPACE_INSECABLE}Mo"
    return f"{nombre(max(1, round(octets / 1024)))}{ESPACE_INSECABLE}ko"


class ModeleSauvegardes(QAbstractTableModel):
    COLONNES = ("Date", "Motif", "Taille")

    def __init__(self, liste: list[Sauvegarde], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.liste = liste

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.liste)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLONNES)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLONNES[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        s = self.liste[index.row()]
        colonne = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (libelle_instant(s.instant), libelle_motif(s.motif), libelle_taille(s.taille))[colonne]
        if role == RoleTri:
            return (s.instant.isoformat(), libelle_motif(s.motif), s.taille)[colonne]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(s.chemin)
        if role == Qt.ItemDataRole.TextAlignmentRole and colonne == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sauvegarde(self, rang: int) -> Sauvegarde:
        return self.liste[rang]


class DialogueRestauration(QDialog):
    """Choose the backup to restore: this base's backups, newest first, or any other file."""

    def __init__(
        self, chemin_base: Path, parent: QWidget | None = None, *, liste: list[Sauvegarde] | None = None
    ) -> None:
        """`liste`: the backups to show (default: those of the base's folder; the review captures pass theirs)."""
        super().__init__(parent)
        self.setObjectName("dialogue_restauration")
        self.setWindowTitle("Restaurer une sauvegarde")
        self.chemin_base = chemin_base
        self.fichier_choisi: Path | None = None
        self.modele = ModeleSauvegardes(sauvegardes.lister(chemin_base) if liste is None else liste, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.modele)
        self.proxy.setSortRole(RoleTri)
        self.tableau = QTableView()
        self.tableau.setObjectName("tableau_sauvegardes")
        self.tableau.setAccessibleName("Sauvegardes de la base")
        self.tableau.setModel(self.proxy)
        self.tableau.setSortingEnabled(True)
        self.tableau.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.tableau.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tableau.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tableau.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tableau.verticalHeader().hide()
        self.tableau.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tableau.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tableau.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tableau.doubleClicked.connect(lambda _index: self.accepter())

        dossier = dossier_de_la_base(chemin_base)
        if self.modele.liste:
            texte = (
                f"Sauvegardes de « {chemin_base.name} », de la plus récente à la plus ancienne "
                f"(dossier « {dossier} »)."
            )
        else:
            texte = (
                f"Aucune sauvegarde de « {chemin_base.name} » dans « {dossier} ». "
                "Choisissez un fichier avec « Autre fichier… »."
            )
        explication = QLabel(texte)
        explication.setWordWrap(True)
        self.boutons = QDialogButtonBox()
        self.bouton_restaurer = self.boutons.addButton("&Restaurer…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.bouton_autre = self.boutons.addButton("A&utre fichier…", QDialogButtonBox.ButtonRole.ActionRole)
        self.boutons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.bouton_restaurer.clicked.connect(self.accepter)
        self.bouton_autre.clicked.connect(self.autre_fichier)
        self.boutons.rejected.connect(self.reject)
        self.bouton_restaurer.setEnabled(bool(self.modele.liste))
        if self.modele.liste:
            self.tableau.selectRow(0)

        disposition = QVBoxLayout(self)
        disposition.addWidget(explication)
        disposition.addWidget(self.tableau, 1)
        disposition.addWidget(self.boutons)
        self.resize(620, 380)

    def selection(self) -> Sauvegarde | None:
        lignes = self.tableau.selectionModel().selectedRows()
        if not lignes:
            return None
        return self.modele.sauvegarde(self.proxy.mapToSource(lignes[0]).row())

    def accepter(self) -> None:
        choisie = self.selection()
        if choisie is not None:
            self.fichier_choisi = choisie.chemin
            self.accept()

    def autre_fichier(self) -> None:
        chemin, _ = QFileDialog.getOpenFileName(
            self, "Restaurer depuis un fichier", str(self.chemin_base.parent), FILTRE
        )
        if chemin:
            self.fichier_choisi = Path(chemin)
            self.accept()


def boite_confirmation(chemin_base: Path, fichier: Path, parent: QWidget | None) -> tuple[QMessageBox, QPushButton]:
    """What a restore will do, said before it is done; its « Restaurer » button."""
    decrite = sauvegardes.lire_nom(fichier)
    quoi = f"la sauvegarde du {libelle_instant(decrite.instant)}" if decrite else f"le fichier « {fichier.name} »"
    boite = QMessageBox(QMessageBox.Icon.Question, "Restaurer une sauvegarde", "", parent=parent)
    boite.setText(f"Remplacer la base « {chemin_base.name} » par {quoi}{ESPACE_INSECABLE}?")
    boite.setInformativeText(
        "Tout ce qui a été saisi depuis cette sauvegarde disparaîtra de la base. La base actuelle est d'abord "
        "copiée dans le dossier des sauvegardes (« Avant une restauration ») : rien n'est perdu pour autant. "
        "L'historique d'annulation (Édition › Annuler) sera vidé."
    )
    boite.setStyleSheet("#qt_msgbox_label, #qt_msgbox_informativelabel { min-width: 30em; }")
    restaurer = boite.addButton("&Restaurer", QMessageBox.ButtonRole.AcceptRole)
    annuler = boite.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
    boite.setDefaultButton(annuler)
    return boite, restaurer


class DialogueReglagesSauvegardes(QDialog):
    """Where backups go (a network drive, a USB key) and how many stay; saved for this machine."""

    def __init__(self, chemin_base: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dialogue_reglages_sauvegardes")
        self.setWindowTitle("Réglages des sauvegardes")
        self.chemin_base = chemin_base
        reglages = lire_reglages()
        self.dossier = QLineEdit(reglages.dossier)
        self.dossier.setPlaceholderText("dossier par défaut")
        self.dossier.setAccessibleName("Dossier des sauvegardes")
        self.dossier.textChanged.connect(self._actualiser)
        choisir = QPushButton("&Choisir…")
        choisir.clicked.connect(self.choisir_dossier)
        defaut = QPushButton("Par &défaut")
        defaut.clicked.connect(lambda: self.dossier.setText(""))
        ligne = QHBoxLayout()
        ligne.addWidget(self.dossier, 1)
        ligne.addWidget(choisir)
        ligne.addWidget(defaut)
        self.quotidiennes = self._compteur(reglages.quotidiennes, 1, 3650, " jours")
        self.mensuelles = self._compteur(reglages.mensuelles, 0, 1200, " mois")
        self.taille = self._compteur(reglages.taille_max_mo, 1, 10_000_000, "\u00a0Mo")
        self.taille.setSingleStep(100)
        self.effectif = QLabel()
        self.effectif.setWordWrap(True)
        self.effectif.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        etiquette = QLabel("&Dossier :")
        etiquette.setBuddy(self.dossier)
        formulaire = QFormLayout()
        formulaire.addRow(etiquette, ligne)
        formulaire.addRow("", self.effectif)
        formulaire.addRow("Une par jour, sur les derniers :", self.quotidiennes)
        formulaire.addRow("Une par mois, sur les derniers :", self.mensuelles)
        formulaire.addRow("Place occupée au plus :", self.taille)
        note = QLabel(
            "Une copie est faite à l'ouverture de la base (une par jour au plus), avant chaque mise à jour du "
            "schéma et avant chaque restauration. Ces réglages valent pour cet ordinateur."
        )
        note.setWordWrap(True)
        boutons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        boutons.accepted.connect(self.enregistrer)
        boutons.rejected.connect(self.reject)
        disposition = QVBoxLayout(self)
        disposition.addLayout(formulaire)
        disposition.addWidget(note)
        disposition.addWidget(boutons)
        self._actualiser()
        self.resize(600, self.sizeHint().height())

    @staticmethod
    def _compteur(valeur: int, minimum: int, maximum: int, suffixe: str) -> QSpinBox:
        compteur = QSpinBox()
        compteur.setRange(minimum, maximum)
        compteur.setValue(valeur)
        compteur.setSuffix(suffixe)
        compteur.setGroupSeparatorShown(True)
        return compteur

    def reglages(self) -> ReglagesSauvegarde:
        return ReglagesSauvegarde(
            dossier=self.dossier.text().strip(),
            quotidiennes=self.quotidiennes.value(),
            mensuelles=self.mensuelles.value(),
            taille_max_mo=self.taille.value(),
        )

    def _actualiser(self) -> None:
        self.effectif.setText(f"Sauvegardes de cette base : {dossier_de_la_base(self.chemin_base, self.reglages())}")

    def choisir_dossier(self) -> None:
        depart = self.dossier.text().strip() or str(Path.home())
        dossier = QFileDialog.getExistingDirectory(self, "Dossier des sauvegardes", depart)
        if dossier:
            self.dossier.setText(dossier)

    def enregistrer(self) -> None:
        reglages = self.reglages()
        cible = dossier_de_la_base(self.chemin_base, reglages)
        try:
            cible.mkdir(parents=True, exist_ok=True)
            enregistrer_reglages(reglages)
        except OSError as exc:
            QMessageBox.warning(self, NOM_APPLICATION, f"Le dossier « {cible} » n'est pas utilisable : "
                                f"{exc.strerror or exc}. Les réglages n'ont pas été changés.")
            return
        except ErreurConnue as erreur:
            QMessageBox.warning(self, NOM_APPLICATION, erreur.message)
            return
        self.accept()


class ChoixBaseEndommagee(enum.Enum):
    RESTAURER = "restaurer"
    LECTURE_SEULE = "lecture_seule"
    QUITTER = "quitter"


def boite_base_endommagee(
    chemin_base: Path, probleme: str, derniere: Sauvegarde | None, parent: QWidget | None
) -> tuple[QMessageBox, dict[ChoixBaseEndommagee, QPushButton]]:
    """The question asked at opening when the quick check finds damage; its buttons by choice."""
    boite = QMessageBox(QMessageBox.Icon.Critical, NOM_APPLICATION, "", parent=parent)
    boite.setText(f"La base « {chemin_base.name} » est endommagée.")
    boite.setStyleSheet("#qt_msgbox_label, #qt_msgbox_informativelabel { min-width: 30em; }")
    if derniere is not None:
        suite = (
            f"La dernière sauvegarde en bon état date du {libelle_instant(derniere.instant)}. La restaurer "
            "remplace la base par cette copie (ce qui a été saisi depuis est perdu) ; la base endommagée est "
            "gardée à part."
        )
    else:
        suite = "Aucune sauvegarde en bon état n'a été trouvée dans le dossier des sauvegardes."
    boite.setInformativeText(
        f"{suite} En lecture seule, vous pouvez consulter et imprimer ce qui reste lisible, sans rien modifier."
    )
    boite.setDetailedText(f"Fichier : {chemin_base}\nContrôle rapide de SQLite : {probleme}")
    boutons: dict[ChoixBaseEndommagee, QPushButton] = {}
    if derniere is not None:
        boutons[ChoixBaseEndommagee.RESTAURER] = boite.addButton(
            "&Restaurer la sauvegarde", QMessageBox.ButtonRole.AcceptRole
        )
    boutons[ChoixBaseEndommagee.LECTURE_SEULE] = boite.addButton(
        "Ouvrir en &lecture seule", QMessageBox.ButtonRole.ActionRole
    )
    boutons[ChoixBaseEndommagee.QUITTER] = boite.addButton("&Quitter", QMessageBox.ButtonRole.RejectRole)
    boite.setDefaultButton(boutons.get(ChoixBaseEndommagee.RESTAURER, boutons[ChoixBaseEndommagee.QUITTER]))
    boite.setEscapeButton(boutons[ChoixBaseEndommagee.QUITTER])
    return boite, boutons


def demander_base_endommagee(
    chemin_base: Path, probleme: str, derniere: Sauvegarde | None, parent: QWidget | None
) -> ChoixBaseEndommagee:
    boite, boutons = boite_base_endommagee(chemin_base, probleme, derniere, parent)
    boite.exec()
    clique = boite.clickedButton()
    return next((choix for choix, bouton in boutons.items() if bouton is clique), ChoixBaseEndommagee.QUITTER)
