"""Render every page and dialog to PNG, offscreen, for review: `python -m app.ui.captures DOSSIER [--base F]`.

Without --base, a demo base is created in a temporary folder (dated COMITE_LOCAL_AUJOURDHUI if set).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from app import db
from app.ui.fenetre_principale import PAGES, FenetrePrincipale
from app.ui.import_classeur import DialogueImport


def _nom_fichier(rang: int, titre: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", titre).encode("ascii", "ignore").decode().lower()
    mots = ascii_.replace("'", " ").split()
    return f"{rang:02d}-{'-'.join(mots)}.png"


def _enregistrer(widget: QWidget, chemin: Path) -> None:
    widget.show()
    QApplication.processEvents()
    if not widget.grab().save(str(chemin)):
        raise OSError(f"impossible d'écrire {chemin}")


def _attendre(dialogue: DialogueImport) -> None:
    """Let the import dialog's worker finish its check (the result comes back through the event loop)."""
    limite = time.monotonic() + 60
    while dialogue.en_cours() or dialogue.etat == "initial":
        if time.monotonic() > limite:
            raise TimeoutError("la vérification du classeur n'a pas fini en une minute")
        QApplication.processEvents()
        time.sleep(0.01)
    QApplication.processEvents()


def _classeurs(dossier: Path) -> tuple[Path, Path]:
    """The import template (a correct workbook) and a copy of it with the mistakes a secretary makes."""
    import openpyxl

    from app.services import import_schema as schema
    from app.services.modele_import import enregistrer_modele

    correct = dossier / "modele-import.xlsx"
    enregistrer_modele(correct)
    classeur = openpyxl.load_workbook(correct)
    membres = classeur[schema.MEMBRES]
    entetes = [cellule.value for cellule in membres[1]]
    membres.cell(2, entetes.index("Courriel") + 1, "anne.martin@")
    membres.cell(2, entetes.index("Début") + 1, "31/02/2026")
    membres.cell(3, 1, "Durand")
    membres.cell(3, entetes.index("Collège") + 1, "Collège des usagers")
    membres.cell(3, entetes.index("Instance") + 1, "Plénière")
    fautif = dossier / "classeur-avec-erreurs.xlsx"
    classeur.save(fautif)
    return correct, fautif


def dialogues_de_la_fenetre(fenetre: FenetrePrincipale, dossier: Path) -> list[tuple[str, QWidget]]:
    """The window's own dialogs: import (with errors, then ready), crash report, error log, about, busy base."""
    from app.ui.application import boite_lecture_seule
    from app.ui.erreurs import DialogueIncident, rapport_incident
    from app.ui.journal_erreurs import DialogueJournal

    correct, fautif = _classeurs(dossier)
    dialogues: list[tuple[str, QWidget]] = _dialogues_sauvegardes(fenetre, dossier)
    for titre, classeur in (("Import avec erreurs", fautif), ("Import prêt", correct)):
        dialogue = DialogueImport(fenetre.contexte, classeur, fenetre)
        dialogue.verifier()
        _attendre(dialogue)
        dialogues.append((titre, dialogue))
    try:
        raise ZeroDivisionError("division par zéro (exemple pour la relecture)")
    except ZeroDivisionError as exc:
        rapport = rapport_incident((type(exc), exc, exc.__traceback__))
        dialogues.append(("Rapport d'incident", DialogueIncident(rapport, fenetre)))
    dialogues.append(("Journal des erreurs", DialogueJournal(fenetre)))
    dialogues.append(("À propos", fenetre.boite_a_propos()))
    occupee = f"La base « {fenetre.base.chemin.name} » est déjà ouverte par Comité local sur le poste PC-ACCUEIL."
    dialogues.append(("Base déjà ouverte", boite_lecture_seule(occupee, fenetre)[0]))
    return dialogues


def _dialogues_sauvegardes(fenetre: FenetrePrincipale, dossier: Path) -> list[tuple[str, QWidget]]:
    """Restore list, confirmation, settings, damaged base: on backups made for the review (a temporary folder)."""
    import datetime as dt

    from app.services import sauvegardes
    from app.ui.sauvegardes.dialogues import (
        DialogueReglagesSauvegardes,
        DialogueRestauration,
        boite_base_endommagee,
        boite_confirmation,
    )

    # The review must not write into the user's backup folder: backups named as such, in `dossier`.
    debut = dt.datetime(2026, 11, 2, 8, 47, 12)
    base = fenetre.base.chemin
    liste = []
    for jours, motif in ((0, "ouverture"), (7, "avant_migration_0004"), (12, "manuelle"), (19, "ouverture")):
        instant = debut + dt.timedelta(days=jours, minutes=13 * jours)
        fichier = sauvegardes.sauvegarder(base, dossier / sauvegardes.nom_sauvegarde(base, instant, motif))
        decrite = sauvegardes.lire_nom(fichier)
        assert decrite is not None
        liste.append(decrite)
    derniere = liste[-1]
    return [
        ("Restaurer une sauvegarde", DialogueRestauration(base, fenetre, liste=liste)),
        ("Restaurer confirmation", boite_confirmation(base, derniere.chemin, fenetre)[0]),
        ("Réglages des sauvegardes", DialogueReglagesSauvegardes(base, fenetre)),
        ("Base endommagée", boite_base_endommagee(base, "database disk image is malformed", derniere, fenetre)[0]),
    ]


def capturer(base: db.BaseDeDonnees, dossier: Path, largeur: int, hauteur: int) -> list[Path]:
    from app.ui.application import application_qt

    application_qt()
    dossier.mkdir(parents=True, exist_ok=True)
    fenetre = FenetrePrincipale(base)
    fenetre.memoriser_en_quittant = False
    fenetre.resize(largeur, hauteur)
    fenetre.show()
    ecrits: list[Path] = []

    def ecrire(titre: str, widget: QWidget) -> None:
        ecrits.append(dossier / _nom_fichier(len(ecrits) + 1, titre))
        _enregistrer(widget, ecrits[-1])

    def ecrire_dialogues(prefixe: str, dialogues: list[tuple[str, QWidget]]) -> None:
        for titre, dialogue in dialogues:
            ecrire(f"{prefixe} {titre}".strip(), dialogue)
            dialogue.close()
            dialogue.deleteLater()

    for numero, entree in enumerate(PAGES):
        fenetre.navigation.setCurrentRow(numero)
        page = fenetre.page(numero)
        page.preparer_pour_captures()
        ecrire(entree.titre, fenetre)
        for onglets in page.findChildren(QTabWidget):  # every tab of the page, not only the first
            for rang_onglet in range(1, onglets.count()):
                onglets.setCurrentIndex(rang_onglet)
                ecrire(f"{entree.titre} {onglets.tabText(rang_onglet).replace('&', '')}", fenetre)
            onglets.setCurrentIndex(0)
        ecrire_dialogues(entree.titre, page.dialogues_pour_captures())
    with tempfile.TemporaryDirectory() as temporaire:
        ecrire_dialogues("", dialogues_de_la_fenetre(fenetre, Path(temporaire)))
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
