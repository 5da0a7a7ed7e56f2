"""The confirmation of an erasure: it says exactly what is kept and what goes, and asks to type the name.

Nothing can be undone afterwards, so the button stays disabled until the person's « Prénom Nom » is typed
(case, accents and spaces aside); Échap or « Annuler » leaves everything as it was.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.services.donnees_personnelles import Portee
from app.services.normalisation import normaliser


class DialogueEffacement(QDialog):
    def __init__(self, portee: Portee, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.portee = portee
        self.setWindowTitle(f"Effacer {portee.nom_complet}")
        self.setMinimumWidth(520)

        self.explication = QLabel(portee.texte().replace("\n", "\n\n"))
        self.explication.setWordWrap(True)
        self.explication.setAccessibleName("Ce qui sera conservé et ce qui sera effacé")
        self.avertissement = QLabel("<b>Cet effacement est définitif : il ne pourra pas être annulé.</b>")
        self.avertissement.setWordWrap(True)
        etiquette = QLabel(f"Pour confirmer, tapez « {portee.nom_complet} » :")
        etiquette.setWordWrap(True)
        self.confirmation = QLineEdit()
        self.confirmation.setAccessibleName("Nom de la personne, pour confirmer")
        self.confirmation.setPlaceholderText(portee.nom_complet)
        etiquette.setBuddy(self.confirmation)

        self.boutons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.bouton_effacer = self.boutons.addButton("Effacer définitivement", QDialogButtonBox.ButtonRole.AcceptRole)
        self.bouton_effacer.setAccessibleName("Effacer définitivement cette personne")
        self.bouton_effacer.setEnabled(False)
        self.bouton_effacer.setAutoDefault(False)
        self.bouton_effacer.setDefault(False)
        annuler = self.boutons.button(QDialogButtonBox.StandardButton.Cancel)
        annuler.setText("Annuler")
        self.boutons.accepted.connect(self._accepter)
        self.boutons.rejected.connect(self.reject)
        self.confirmation.textChanged.connect(self._actualiser)

        disposition = QVBoxLayout(self)
        disposition.addWidget(self.explication)
        disposition.addSpacing(6)
        disposition.addWidget(self.avertissement)
        disposition.addWidget(etiquette)
        disposition.addWidget(self.confirmation)
        disposition.addWidget(self.boutons)
        self.confirmation.setFocus()

    def confirme(self) -> bool:
        return " ".join(normaliser(self.confirmation.text()).split()) == " ".join(
            normaliser(self.portee.nom_complet).split()
        )

    def _actualiser(self) -> None:
        self.bouton_effacer.setEnabled(self.confirme())

    def _accepter(self) -> None:
        if self.confirme():  # Entrée in the field with a wrong name does nothing
            self.accept()
