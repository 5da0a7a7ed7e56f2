"""What the directory's dialogs share: a form whose refusals sit under the field at fault, date fields, combos.

A dialog stays open while the service refuses what was typed (`ErreurValidation.champ` says which field), and
nothing is written: the service raised before `Contexte.executer` recorded anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app import horloge
from app.erreurs import ErreurConnue
from app.services.annuaire_lecture import Choix
from app.services.normalisation import normaliser
from app.services.validation import ErreurValidation
from app.ui.comite.champs import MessageChamp
from app.ui.contexte import Contexte

FRANCAIS = QLocale(QLocale.Language.French, QLocale.Country.France)


def de(nom: str) -> str:
    """« de Bruno Petit », « d'Anne Martin », « d'Hélène Marchetti »."""
    return f"d'{nom}" if normaliser(nom[:1]) in ("a", "e", "i", "o", "u", "y", "h") else f"de {nom}"


def vers_qdate(jour: dt.date) -> QDate:
    return QDate(jour.year, jour.month, jour.day)


def champ_date(nom_accessible: str, jour: dt.date | None = None) -> QDateEdit:
    """A date typed as JJ/MM/AAAA or picked in a French calendar."""
    champ = QDateEdit()
    champ.setLocale(FRANCAIS)
    champ.setCalendarPopup(True)
    champ.setDisplayFormat("dd/MM/yyyy")
    champ.setAccessibleName(nom_accessible)
    champ.setMinimumDate(QDate(1950, 1, 1))
    champ.setDate(vers_qdate(jour or horloge.aujourdhui()))
    champ.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # a date needs no more room
    return champ


def date_de(champ: QDateEdit) -> dt.date:
    jour = champ.date()
    return dt.date(jour.year(), jour.month(), jour.day())


class DateFacultative(QWidget):
    """A date that may be left out: a check box (« Date de fin ») enables the date field."""

    change = Signal()

    def __init__(self, case: str, nom_accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case = QCheckBox(case)
        self.case.setAccessibleName(f"{nom_accessible} : renseignée")
        self.champ = champ_date(nom_accessible)
        self.champ.setEnabled(False)
        rangee = QHBoxLayout(self)
        rangee.setContentsMargins(0, 0, 0, 0)
        rangee.addWidget(self.case)
        rangee.addWidget(self.champ)
        rangee.addStretch(1)
        self.setFocusProxy(self.case)
        self.case.toggled.connect(self.champ.setEnabled)
        self.case.toggled.connect(self.change)
        self.champ.dateChanged.connect(self.change)

    def valeur(self) -> dt.date | None:
        return date_de(self.champ) if self.case.isChecked() else None

    def definir(self, jour: dt.date | None, *, par_defaut: dt.date | None = None) -> None:
        self.case.setChecked(jour is not None)
        self.champ.setDate(vers_qdate(jour or par_defaut or horloge.aujourdhui()))


def combo_choix(choix: Sequence[Choix], nom_accessible: str, *, vide: str | None = None) -> QComboBox:
    """A combo of records by their label (the id as item data); `vide` first (read as None) if given."""
    combo = QComboBox()
    combo.setAccessibleName(nom_accessible)
    remplir_choix(combo, choix, vide=vide)
    return combo


def remplir_choix(combo: QComboBox, choix: Sequence[Choix], *, vide: str | None = None) -> None:
    avant = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if vide is not None:
        combo.addItem(vide, None)
    for element in choix:
        combo.addItem(element.libelle, element.id)
    combo.blockSignals(False)
    choisir_id(combo, avant if isinstance(avant, int) else None)


def choisir_id(combo: QComboBox, identifiant: int | None) -> None:
    rang = combo.findData(identifiant) if identifiant is not None else -1
    combo.setCurrentIndex(rang if rang >= 0 else 0 if combo.count() else -1)


def id_de(combo: QComboBox) -> int | None:
    valeur = combo.currentData()
    return valeur if isinstance(valeur, int) else None


class DialogueFiche(QDialog):
    """A form dialog: `ligne()` adds a labelled field with its message underneath; `enregistrer()` saves."""

    def __init__(self, contexte: Contexte, titre: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.setWindowTitle(titre)
        self.setAccessibleName(titre)
        self.setMinimumWidth(480)
        self.disposition = QVBoxLayout(self)
        self.formulaire = QFormLayout()
        self.formulaire.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.formulaire.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.messages: dict[str, MessageChamp] = {}
        self.disposition.addLayout(self.formulaire)
        self.disposition.addStretch(1)
        self.boutons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.bouton_ok = self.boutons.button(QDialogButtonBox.StandardButton.Ok)
        self.bouton_ok.setText("&Enregistrer")
        self.bouton_ok.setDefault(True)
        self.boutons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.boutons.accepted.connect(self.accept)
        self.boutons.rejected.connect(self.reject)
        self.disposition.addWidget(self.boutons)

    def entete(self, texte: str) -> None:
        """A line of explanation above the fields."""
        etiquette = QLabel(texte)
        etiquette.setWordWrap(True)
        self.disposition.insertWidget(0, etiquette)

    def ligne(self, libelle: str, champ: QWidget, nom: str, *, affiche: QWidget | None = None) -> MessageChamp:
        """A labelled row (the mnemonic of `libelle` reaches `champ`) with the message of field `nom` under it."""
        etiquette = QLabel(libelle)
        etiquette.setBuddy(champ)
        colonne = QVBoxLayout()
        colonne.setSpacing(2)
        colonne.addWidget(affiche or champ)
        message = MessageChamp(champ)
        colonne.addWidget(message)
        self.formulaire.addRow(etiquette, colonne)
        self.messages[nom] = message
        return message

    def enregistrer(self) -> None:
        raise NotImplementedError

    def effacer_messages(self) -> None:
        for message in self.messages.values():
            message.effacer()

    def accept(self) -> None:
        self.effacer_messages()
        try:
            self.enregistrer()
        except ErreurValidation as erreur:
            sous_le_champ = self.messages.get(erreur.champ)
            if sous_le_champ is None:
                QMessageBox.warning(self, self.windowTitle(), erreur.message)
            else:
                sous_le_champ.afficher(erreur.message)
                sous_le_champ.champ.setFocus()
            return
        except ErreurConnue as erreur:
            QMessageBox.warning(self, self.windowTitle(), erreur.message)
            return
        super().accept()
