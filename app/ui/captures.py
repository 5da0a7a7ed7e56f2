"""Render every page and dialog to PNG, offscreen, for review: `python -m app.ui.captures DOSSIER [--base F]`.

Without --base, a demo base is created in a temporary folder (dated COMITE_LOCAL_AUJOURDHUI if set).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import unicodedata
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from app import db


def _nom_fichier(rang: int, titre: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", titre).encode("ascii", "ignore").decode().lower()
    return f"{rang:02d}-{'-'.join(ascii_.replace('«', ' ').replace('»', ' ').split())}.png"


def _enregistrer(widget: QWidget, chemin: Path) -> None:
    widget.show()
    QApplication.processEvents()
    if not widget.grab().save(str(chemin)):
        raise OSError(f"impossible d'écrire {chemin}")


def capturer(base: db.BaseDeDonnees, dossier: Path, largeur: int, hauteur: int) -> list[Path]:
    from app.ui.application import application_qt
    from app.ui.fenetre_principale import PAGES, FenetrePrincipale
    from app.ui.journal_erreurs import DialogueJournal

    application_qt()
    dossier.mkdir(parents=True, exist_ok=True)
    fenetre = FenetrePrincipale(base)
    fenetre.memoriser_en_quittant = False
    fenetre.resize(largeur, hauteur)
    fenetre.show()
    ecrits: list[Path] = []
    rang = 0
    for numero, entree in enumerate(PAGES):
        fenetre.navigation.setCurrentRow(numero)
        rang += 1
        ecrits.append(dossier / _nom_fichier(rang, entree.titre))
        _enregistrer(fenetre, ecrits[-1])
        for titre, dialogue in fenetre.page(numero).dialogues_pour_captures():
            rang += 1
            ecrits.append(dossier / _nom_fichier(rang, f"{entree.titre} {titre}"))
            _enregistrer(dialogue, ecrits[-1])
            dialogue.close()
            dialogue.deleteLater()
    journal = DialogueJournal(fenetre)
    rang += 1
    ecrits.append(dossier / _nom_fichier(rang, "Journal des erreurs"))
    _enregistrer(journal, ecrits[-1])
    journal.close()
    fenetre.close()
    return ecrits


def main(arguments: list[str] | None = None) -> int:
    analyseur = argparse.ArgumentParser(prog="python -m app.ui.captures", description=__doc__)
    analyseur.add_argument("dossier", type=Path)
    analyseur.add_argument("--base", type=Path)
    analyseur.add_argument("--taille", default="1366x768", help="largeur x hauteur de la fenêtre")
    options = analyseur.parse_args(arguments)
    largeur, hauteur = (int(v) for v in options.taille.lower().split("x"))
    with tempfile.TemporaryDirectory() as temporaire:
        chemin = options.base
        if chemin is None:
            from app.services.demo import creer_demo

            chemin = Path(temporaire) / "demo.db"
            demo = db.ouvrir(chemin)
            creer_demo(demo)
            demo.fermer()
        base = db.ouvrir(chemin)
        try:
            for fichier in capturer(base, options.dossier, largeur, hauteur):
                print(fichier)
        finally:
            base.fermer()
    return 0


if __name__ == "__main__":
    sys.exit(main())
