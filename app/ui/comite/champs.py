"""Small widgets shared by the Comité form and dialogs: a message under a field, enumeration combos."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QWidget

from app.modeles.enumerations import EnumLibelle

E = TypeVar("E", bound=EnumLibelle)

COULEUR_ERREUR = "#A3231B"
NON_RENSEIGNE = "— Non renseigné —"


class MessageChamp(QLabel):
    """The validation message shown right under its field; hidden while there is nothing to say."""

    def __init__(self, champ: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.champ = champ
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {COULEUR_ERREUR};")
        self.hide()

    def afficher(self, message: str) -> None:
        self.setText(f"⚠ {message}")  # the sign says it too, not the colour alone
        self.setAccessibleName(message)
        self.show()
        self.champ.setAccessibleDescription(message)

    def effacer(self) -> None:
        self.clear()
        self.hide()
        self.champ.setAccessibleDescription("")


def combo_enum(classe: type[E], nom_accessible: str, *, vide: str | None = None) -> QComboBox:
    """A combo of the members of `classe` by their French label; `vide` first (read as None) if given."""
    combo = QComboBox()
    combo.setAccessibleName(nom_accessible)
    if vide is not None:
        combo.addItem(vide, "")
    for membre in classe:
        combo.addItem(membre.libelle, membre.value)
    return combo


def valeur_enum(combo: QComboBox, classe: type[E]) -> E | None:
    code = combo.currentData()
    return classe.de_code(str(code)) if code else None


def choisir_enum(combo: QComboBox, valeur: EnumLibelle | None) -> None:
    combo.setCurrentIndex(max(combo.findData("" if valeur is None else valeur.value), 0))


def confirmer(parent: QWidget, titre: str, question: str, verbe: str) -> bool:
    """Ask before a destruction; the buttons say what they do, in French, and « Annuler » is the default."""
    boite = QMessageBox(QMessageBox.Icon.Question, titre, question, QMessageBox.StandardButton.NoButton, parent)
    oui = boite.addButton(verbe, QMessageBox.ButtonRole.DestructiveRole)
    non = boite.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
    boite.setDefaultButton(non)
    boite.setEscapeButton(non)
    boite.exec()
    return boite.clickedButton() is oui
