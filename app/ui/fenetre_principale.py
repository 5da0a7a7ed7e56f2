"""The main window: navigation on the left, the chosen page on the right, menus, status bar.

Pages are built the first time they are shown (a quick start), and all of them again when another base is
opened. What the window remembers (size, splitters, last base and page) is plain JSON (`app.ui.reglages`).
"""

from __future__ import annotations

import html
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from app import NOM_APPLICATION, __version__, db
from app.erreurs import ErreurConnue
from app.services import conservation
from app.services.comite import nom_du_comite
from app.ui import reglages as reglages_fenetre
from app.ui.contexte import Contexte
from app.ui.erreurs import signaler
from app.ui.icones import icone
from app.ui.journal_erreurs import DialogueJournal
from app.ui.page import Page
from app.ui.travail import Travail


@dataclass(frozen=True)
class EntreePage:
    titre: str
    module: str
    classe: str
    icone: str


PAGES = [
    EntreePage("Tableau de bord", "app.ui.pages.tableau_de_bord", "PageTableauDeBord", "tableau-de-bord"),
    EntreePage("Comité", "app.ui.pages.comite", "PageComite", "comite"),
    EntreePage("Structures", "app.ui.pages.structures", "PageStructures", "structures"),
    EntreePage("Membres", "app.ui.pages.membres", "PageMembres", "membres"),
    EntreePage("Séances", "app.ui.pages.seances", "PageSeances", "seances"),
    EntreePage("Saisines", "app.ui.pages.saisines", "PageSaisines", "saisines"),
    EntreePage("Recommandations", "app.ui.pages.recommandations", "PageRecommandations", "recommandations"),
    EntreePage("Travaux et diffusion", "app.ui.pages.travaux", "PageTravaux", "travaux"),
    EntreePage("Évaluation", "app.ui.pages.evaluation", "PageEvaluation", "evaluation"),
    EntreePage("Exports", "app.ui.pages.exports", "PageExports", "exports"),
    EntreePage(
        "Données personnelles", "app.ui.pages.donnees_personnelles", "PageDonneesPersonnelles", "donnees-personnelles"
    ),
    EntreePage("Journal des modifications", "app.ui.pages.journal", "PageJournal", "journal"),
]

FILTRE_BASES = "Bases Comité local (*.db);;Tous les fichiers (*)"

# Opens a base for the window (taking the guard against a second program, asking what to do if it is held);
# None when the user gave up. Provided by app.ui.application.
OuvrirBase = Callable[[Path, QWidget | None], db.BaseDeDonnees | None]


class FenetrePrincipale(QMainWindow):
    def __init__(self, base: db.BaseDeDonnees, ouvrir_base: OuvrirBase | None = None) -> None:
        super().__init__()
        self.setObjectName("fenetre_principale")
        self._ouvrir_base = ouvrir_base
        self._travail_sauvegarde: Travail | None = None
        self.memoriser_en_quittant = True  # off for the review captures: they must not touch the user's settings
        self.reglages = reglages_fenetre.charger()
        self.setWindowIcon(icone("application"))
        self.setMinimumSize(QSize(760, 520))

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Navigation entre les pages")
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setStyleSheet("QListWidget#navigation::item { padding: 7px 6px; }")
        for entree in PAGES:
            QListWidgetItem(icone(entree.icone), entree.titre, self.navigation)
        self.navigation.setMinimumWidth(190)
        self.pile_pages = QStackedWidget()
        self.separateur = QSplitter(Qt.Orientation.Horizontal)
        self.separateur.setObjectName("separateur_principal")
        self.separateur.addWidget(self.navigation)
        self.separateur.addWidget(self.pile_pages)
        self.separateur.setStretchFactor(1, 1)
        self.separateur.setChildrenCollapsible(False)
        self.setCentralWidget(self.separateur)
        self.navigation.currentRowChanged.connect(self._afficher_page)

        self.contexte: Contexte
        self.pages: dict[int, Page] = {}
        self._creer_menus()
        self._installer_base(base)
        self._restaurer_geometrie()
        titres = [e.titre for e in PAGES]
        derniere = self.reglages.derniere_page
        self.navigation.setCurrentRow(titres.index(derniere) if derniere in titres else 0)

    # --- base ------------------------------------------------------------------------------------------

    def _installer_base(self, base: db.BaseDeDonnees) -> None:
        self.base = base
        self.contexte = Contexte(base, self)
        self.contexte.echec.connect(self._signaler_echec)
        self.contexte.donnees_modifiees.connect(self._actualiser_titre)  # the committee may have been renamed
        self.pile_undo_actions()
        for page in self.pages.values():
            self.pile_pages.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.reglages.derniere_base = str(base.chemin)
        lecture = " (lecture seule)" if base.lecture_seule else ""
        self._actualiser_titre()
        purges: list[str] = []
        if not base.lecture_seule:
            with base.session_scope() as session:
                purges = conservation.appliquer_a_l_ouverture(session)
        self.statusBar().showMessage(" — ".join([f"Base : {base.chemin}{lecture}", *purges]))
        if self.navigation.currentRow() >= 0:
            self._afficher_page(self.navigation.currentRow())

    def _actualiser_titre(self) -> None:
        lecture = " (lecture seule)" if self.base.lecture_seule else ""
        nom = self.contexte.lire(nom_du_comite)
        self.setWindowTitle(f"{nom} — {self.base.chemin.name}{lecture} — {NOM_APPLICATION}")

    def pile_undo_actions(self) -> None:
        """Point Annuler / Rétablir at the current base's undo stack (its text says what will be undone)."""
        for action in (getattr(self, "action_annuler", None), getattr(self, "action_retablir", None)):
            if action is not None:
                self.menu_edition.removeAction(action)
        self.action_annuler = self.contexte.pile.createUndoAction(self, "&Annuler")
        self.action_annuler.setShortcut(QKeySequence.StandardKey.Undo)
        self.action_annuler.setIcon(icone("annuler"))
        self.action_retablir = self.contexte.pile.createRedoAction(self, "&Rétablir")
        self.action_retablir.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.action_retablir.setIcon(icone("retablir"))
        premiere = self.menu_edition.actions()[0]  # the separator before « Rechercher »
        self.menu_edition.insertAction(premiere, self.action_annuler)
        self.menu_edition.insertAction(premiere, self.action_retablir)

    def _changer_de_base(self, chemin: Path) -> None:
        if self._ouvrir_base is None or not self._peut_quitter_la_page():
            return
        nouvelle = self._ouvrir_base(chemin, self)
        if nouvelle is None:
            return
        ancienne = self.base
        self._installer_base(nouvelle)
        ancienne.fermer()

    # --- pages -----------------------------------------------------------------------------------------

    def page(self, rang: int) -> Page:
        if rang not in self.pages:
            entree = PAGES[rang]
            classe = getattr(importlib.import_module(entree.module), entree.classe)
            page: Page = classe(self.contexte)
            self.pages[rang] = page
            self.pile_pages.addWidget(page)
            for separateur in page.findChildren(QSplitter):
                tailles = self.reglages.separateurs.get(separateur.objectName())
                if tailles and len(tailles) == separateur.count():
                    separateur.setSizes(tailles)
            page.rafraichir()
        return self.pages[rang]

    def page_courante(self) -> Page | None:
        widget = self.pile_pages.currentWidget()
        return widget if isinstance(widget, Page) else None

    def _afficher_page(self, rang: int) -> None:
        if rang < 0:
            return
        self.pile_pages.setCurrentWidget(self.page(rang))
        self.reglages.derniere_page = PAGES[rang].titre

    def _peut_quitter_la_page(self) -> bool:
        """Pages with a form (Comité) say whether unsaved changes would be lost."""
        for page in self.pages.values():
            en_cours = getattr(page, "modifications_en_cours", None)
            if callable(en_cours) and en_cours():
                reponse = QMessageBox.question(
                    self,
                    NOM_APPLICATION,
                    f"La page « {page.titre} » a des modifications non enregistrées. Les abandonner ?",
                    QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Cancel,
                )
                if reponse != QMessageBox.StandardButton.Discard:
                    return False
        return True

    # --- menus -----------------------------------------------------------------------------------------

    def _action(self, texte: str, rappel: Callable[[], object], raccourci: str | None = None, nom: str = "") -> QAction:
        action = QAction(texte, self)
        if raccourci:
            action.setShortcut(QKeySequence(raccourci))
        if nom:
            action.setIcon(icone(nom))
        action.triggered.connect(lambda _coche=False: rappel())
        self.addAction(action)  # its shortcut works wherever the focus is in the window, menus closed
        return action

    def _creer_menus(self) -> None:
        barre = self.menuBar()
        fichier = barre.addMenu("&Fichier")
        fichier.addAction(self._action("&Nouvelle base…", self.nouvelle_base, "Ctrl+N"))
        fichier.addAction(self._action("&Ouvrir une base…", self.ouvrir_une_base, "Ctrl+O", "ouvrir"))
        fichier.addSeparator()
        fichier.addAction(self._action("Sau&vegarder maintenant", self.sauvegarder_maintenant))
        fichier.addAction(self._action("&Sauvegarder une copie…", self.sauvegarder_une_copie, "Ctrl+Shift+S"))
        fichier.addAction(self._action("&Restaurer une sauvegarde…", self.restaurer_une_sauvegarde))
        fichier.addAction(self._action("Réglages des sauve&gardes…", self.reglages_des_sauvegardes))
        fichier.addSeparator()
        fichier.addAction(self._action("&Importer un classeur…", self.importer_un_classeur, "Ctrl+I", "importer"))
        fichier.addAction(self._action("Enregistrer le &modèle d'import…", self.enregistrer_le_modele))
        fichier.addSeparator()
        fichier.addAction(self._action("Im&primer…", self.imprimer, "Ctrl+P", "imprimer"))
        fichier.addSeparator()
        fichier.addAction(self._action("&Quitter", self.close, "Ctrl+Q"))
        self.menu_edition = barre.addMenu("É&dition")
        self.menu_edition.addSeparator()
        self.menu_edition.addAction(self._action("&Rechercher", self.rechercher, "Ctrl+F", "rechercher"))
        affichage = barre.addMenu("&Affichage")
        for rang, entree in enumerate(PAGES):
            touche = f"Ctrl+{(rang + 1) % 10}" if rang < 10 else None  # Ctrl+1 … Ctrl+0: the first ten pages
            affichage.addAction(self._action(entree.titre, self._aller_a(rang), touche, entree.icone))
        aide = barre.addMenu("&Aide")
        aide.addAction(self._action("&À propos de Comité local", self.a_propos, nom="aide"))
        aide.addAction(self._action("&Journal des erreurs", self.journal_des_erreurs))

    def _aller_a(self, rang: int) -> Callable[[], None]:
        return lambda: self.navigation.setCurrentRow(rang)

    def rechercher(self) -> None:
        page = self.page_courante()
        if page is not None:
            page.rechercher()

    def imprimer(self) -> None:
        page = self.page_courante()
        if page is not None and not page.imprimer():
            self.statusBar().showMessage(page.rien_a_imprimer(), 5000)

    def nouvelle_base(self) -> None:
        chemin, _ = QFileDialog.getSaveFileName(self, "Nouvelle base", str(self.base.chemin.parent), FILTRE_BASES)
        if not chemin:
            return
        cible = Path(chemin)
        if cible.suffix == "":
            cible = cible.with_suffix(".db")
        if cible.exists():
            QMessageBox.warning(
                self, NOM_APPLICATION, f"« {cible.name} » existe déjà : choisissez un autre nom pour une base neuve."
            )
            return
        self._changer_de_base(cible)

    def ouvrir_une_base(self) -> None:
        chemin, _ = QFileDialog.getOpenFileName(self, "Ouvrir une base", str(self.base.chemin.parent), FILTRE_BASES)
        if chemin:
            self._changer_de_base(Path(chemin))

    # --- backups (app.services.sauvegardes) -----------------------------------------------------------

    def sauvegarder_maintenant(self) -> None:
        self._sauvegarder(None)

    def sauvegarder_une_copie(self) -> None:
        """The same as `comite-local sauvegarder -o FICHIER`: a consistent copy, written atomically."""
        proposition = self.base.chemin.with_name(f"{self.base.chemin.stem}-copie.db")
        chemin, _ = QFileDialog.getSaveFileName(self, "Sauvegarder une copie", str(proposition), FILTRE_BASES)
        if not chemin:
            return
        cible = Path(chemin)
        if cible.resolve() == self.base.chemin.resolve():
            QMessageBox.warning(self, NOM_APPLICATION, "Choisissez un autre fichier que la base ouverte.")
            return
        self._sauvegarder(cible)

    def _sauvegarder(self, destination: Path | None) -> Travail | None:
        """Copy the open base in a worker (online backup API: the base stays usable); the path goes to the status
        bar."""
        from app.services.sauvegardes import sauvegarder

        if self._travail_sauvegarde is not None:
            return None
        chemin = self.base.chemin
        travail = Travail(
            self,
            "Sauvegarde",
            f"Sauvegarde de « {chemin.name} »…",
            lambda _progression, _annule: sauvegarder(chemin, destination),
        )

        def reussi(resultat: object) -> None:
            self.statusBar().showMessage(f"Sauvegarde enregistrée dans « {resultat} ».", 10_000)

        def echoue(erreur: object) -> None:
            if isinstance(erreur, BaseException):
                signaler(erreur, self)

        def termine() -> None:
            self._travail_sauvegarde = None
            travail.deleteLater()

        travail.reussi.connect(reussi)
        travail.echoue.connect(echoue)
        travail.termine.connect(termine)
        self._travail_sauvegarde = travail
        travail.lancer()
        return travail

    def restaurer_une_sauvegarde(self) -> None:
        from app.ui.sauvegardes.dialogues import DialogueRestauration

        if self.base.lecture_seule:
            QMessageBox.information(
                self, NOM_APPLICATION, "La base est ouverte en lecture seule : elle ne peut pas être restaurée ici."
            )
            return
        dialogue = DialogueRestauration(self.base.chemin, self)
        if dialogue.exec() != QDialog.DialogCode.Accepted or dialogue.fichier_choisi is None:
            return
        self.restaurer_depuis(dialogue.fichier_choisi)

    def restaurer_depuis(self, fichier: Path, *, confirmer: bool = True) -> Path | None:
        """Check `fichier`, confirm, close the base, restore, reopen it (the undo stack starts afresh)."""
        from app.services.sauvegardes import controler_sauvegarde, restaurer
        from app.ui.sauvegardes.dialogues import boite_confirmation

        try:
            controler_sauvegarde(fichier)
        except ErreurConnue as erreur:
            QMessageBox.warning(self, "Restaurer une sauvegarde", erreur.message)
            return None
        if confirmer:
            boite, bouton = boite_confirmation(self.base.chemin, fichier, self)
            boite.exec()
            if boite.clickedButton() is not bouton:
                return None
        if not self._peut_quitter_la_page():
            return None
        if self._travail_sauvegarde is not None:
            QMessageBox.information(self, NOM_APPLICATION, "Une sauvegarde est en cours : réessayez dans un instant.")
            return None
        chemin = self.base.chemin
        self.base.fermer()  # the lock stays with this window: nobody opens the base meanwhile
        gardee: Path | None = None
        try:
            gardee = restaurer(chemin, fichier)
        except ErreurConnue as erreur:
            QMessageBox.warning(self, "Restaurer une sauvegarde", erreur.message)
        finally:
            rouverte = self._ouvrir_base(chemin, self) if self._ouvrir_base else db.ouvrir(chemin)
        if rouverte is None:  # explained by ouvrir_base; nothing sensible to show but a closed window
            self.close()
            return gardee
        self._installer_base(rouverte)
        if gardee is not None:
            self.statusBar().showMessage(
                f"Base restaurée depuis « {fichier.name} ». L'ancienne est gardée dans « {gardee} ».", 15_000
            )
        return gardee

    def reglages_des_sauvegardes(self) -> None:
        from app.ui.sauvegardes.dialogues import DialogueReglagesSauvegardes

        DialogueReglagesSauvegardes(self.base.chemin, self).exec()

    def importer_un_classeur(self) -> None:
        if self.base.lecture_seule:
            QMessageBox.information(self, NOM_APPLICATION, "La base est ouverte en lecture seule : import impossible.")
            return
        from app.ui.import_classeur import importer_depuis_la_fenetre

        importer_depuis_la_fenetre(self.contexte, self)

    def enregistrer_le_modele(self) -> None:
        from app.services.modele_import import enregistrer_modele

        proposition = str(self.base.chemin.parent / "modele-import-comite-local.xlsx")
        chemin, _ = QFileDialog.getSaveFileName(
            self, "Enregistrer le modèle d'import", proposition, "Classeurs Excel (*.xlsx)"
        )
        if not chemin:
            return
        cible = Path(chemin) if chemin.lower().endswith(".xlsx") else Path(chemin + ".xlsx")
        try:
            enregistrer_modele(cible)
        except ErreurConnue as erreur:
            QMessageBox.warning(self, NOM_APPLICATION, erreur.message)
            return
        self.statusBar().showMessage(f"Modèle d'import enregistré dans « {cible} ».", 8000)

    def boite_a_propos(self) -> QMessageBox:
        boite = QMessageBox(self)
        boite.setWindowTitle("À propos de Comité local")
        boite.setIconPixmap(icone("application").pixmap(64, 64))
        boite.setText(
            f"<h3>{NOM_APPLICATION} {__version__}</h3>"
            "<p>Le secrétariat d'un comité local du travail social et du développement social : annuaire, "
            "séances, présences, saisines éthiques, recommandations et comptes rendus au HCTS et à l'ANSA.</p>"
            f"<p>Base ouverte : {html.escape(str(self.base.chemin))}</p>"
        )
        boite.setStandardButtons(QMessageBox.StandardButton.Close)
        return boite

    def a_propos(self) -> None:
        self.boite_a_propos().exec()

    def journal_des_erreurs(self) -> None:
        DialogueJournal(self).exec()

    def _signaler_echec(self, message: str) -> None:
        QMessageBox.warning(self, NOM_APPLICATION, message)

    def ouvrir_dossier(self, dossier: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(dossier)))

    # --- geometry --------------------------------------------------------------------------------------

    def _restaurer_geometrie(self) -> None:
        r = self.reglages
        ecran = self.screen().availableGeometry()
        self.resize(min(r.largeur, ecran.width()), min(r.hauteur, ecran.height()))
        if r.x is not None and r.y is not None and ecran.contains(r.x + 40, r.y + 40):
            self.move(r.x, r.y)
        tailles = r.separateurs.get(self.separateur.objectName())
        self.separateur.setSizes(tailles if tailles and len(tailles) == 2 else [210, max(self.width() - 210, 400)])
        if r.maximisee:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def memoriser(self) -> None:
        r = self.reglages
        r.maximisee = self.isMaximized()
        if not r.maximisee:
            r.x, r.y, r.largeur, r.hauteur = self.x(), self.y(), self.width(), self.height()
        for separateur in self.findChildren(QSplitter):
            if separateur.objectName():
                r.separateurs[separateur.objectName()] = [int(t) for t in separateur.sizes()]
        reglages_fenetre.enregistrer(r)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._peut_quitter_la_page():
            event.ignore()
            return
        if self.memoriser_en_quittant:
            self.memoriser()
        if self._travail_sauvegarde is not None:
            self._travail_sauvegarde.attendre()  # a backup under way finishes: its file is whole or absent
        event.accept()
