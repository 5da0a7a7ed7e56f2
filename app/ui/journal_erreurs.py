"""Aide › Journal des erreurs: the end of the log file, to read or copy for whoever gives support."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.journalisation import fichier_journal

TAILLE_MAX = 200_000  # the end of the file is what matters, and a huge text would freeze the widget


def fin_du_journal() -> str:
    chemin = fichier_journal()
    try:
        with chemin.open("rb") as flux:
            flux.seek(0, 2)
            taille = flux.tell()
            flux.seek(max(taille - TAILLE_MAX, 0))
            return flux.read().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return f"Journal illisible : {exc.strerror or exc}"


class DialogueJournal(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Journal des erreurs")
        self.resize(820, 520)
        disposition = QVBoxLayout(self)
        chemin = fichier_journal()
        disposition.addWidget(QLabel(f"Fichier : {chemin}"))
        self.texte = QPlainTextEdit(self)
        self.texte.setReadOnly(True)
        self.texte.setAccessibleName("Contenu du journal des erreurs")
        self.texte.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        contenu = fin_du_journal()
        self.texte.setPlainText(contenu or "Aucune erreur n'a été enregistrée.")
        self.texte.moveCursor(self.texte.textCursor().MoveOperation.End)
        disposition.addWidget(self.texte)
        boutons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copier = boutons.addButton("&Copier", QDialogButtonBox.ButtonRole.ActionRole)
        dossier = boutons.addButton("&Ouvrir le dossier", QDialogButtonBox.ButtonRole.ActionRole)
        copier.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.texte.toPlainText()))
        dossier.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(chemin.parent))))
        boutons.rejected.connect(self.reject)
        disposition.addWidget(boutons)
