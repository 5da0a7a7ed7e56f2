"""Données personnelles: what the base holds about people, why and for how long; the retention durations; the
latest purges; one person's data exported (JSON, PDF) or erased.

Saving the durations is an ordinary undoable edit (`Contexte.executer`). An erasure is final: it is confirmed by
typing the person's name, runs in its own transaction, and clears the undo stack, since an earlier step replayed
after it (« Modifier Anne Martin » undone) could otherwise bring back what was erased. On a base opened read-only
the durations and the erasure are disabled; exporting still works (it only reads).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.fichiers import ecrire_atomiquement
from app.services import conservation
from app.services import donnees_personnelles as dp
from app.services.conservation import BORNES, Durees
from app.ui.annuaire.tableaux import (
    ajuster_colonnes,
    avertir,
    bouton,
    champ_recherche,
    compte_affiche,
    creer_vue,
    identifiant_selectionne,
    ligne_selectionnee,
    selectionner,
)
from app.ui.contexte import Contexte
from app.ui.donnees_personnelles.effacement import DialogueEffacement
from app.ui.donnees_personnelles.modeles import modele_personnes, modele_purges
from app.ui.donnees_personnelles.textes import texte_explicatif
from app.ui.page import Page
from app.ui.tableau_lignes import ROLE_TRI, FiltreLignes

COULEUR_NOTE = "color: palette(placeholder-text);"
COULEUR_ERREUR = "color: #B00020; font-weight: 600;"
PURGES_AFFICHEES = 20
FORMATS = {"json": "Données au format JSON (*.json)", "pdf": "Document PDF (*.pdf)"}


class PageDonneesPersonnelles(Page):
    titre = "Données personnelles"

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(contexte, parent)
        self._lecture_seule = contexte.base.lecture_seule
        self._dossier: Path | None = None
        self.durees = Durees()
        self.dialogue_ouvert: DialogueEffacement | None = None  # while it is shown (tests answer it)

        # --- the text ---
        self.explication = QLabel()
        self.explication.setAccessibleName("Ce que l'application enregistre, pourquoi et combien de temps")
        self.explication.setWordWrap(True)
        self.explication.setTextFormat(Qt.TextFormat.RichText)
        self.explication.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # --- the durations ---
        self.champ_demandeurs = self._champ_duree("demandeurs_mois", " mois")
        self.champ_coordonnees = self._champ_duree("coordonnees_ans", " an")
        self.champ_journal = self._champ_duree("journal_ans", " an")
        formulaire = QFormLayout()
        formulaire.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for texte, champ in (
            ("Identité des &demandeurs, après l'avis :", self.champ_demandeurs),
            ("&Coordonnées des anciens membres, après leur dernier mandat :", self.champ_coordonnees),
            ("&Journal des modifications :", self.champ_journal),
        ):
            etiquette = QLabel(texte)
            etiquette.setBuddy(champ)
            formulaire.addRow(etiquette, champ)
        self.bouton_enregistrer = bouton(
            "En&registrer", "enregistrer", "Enregistrer les durées de conservation", "Annulable par Ctrl+Z"
        )
        self.bouton_enregistrer.clicked.connect(self.enregistrer_durees)
        self.message_durees = QLabel()
        self.message_durees.setAccessibleName("Résultat de l'enregistrement des durées")
        self.message_durees.setWordWrap(True)
        ligne_enregistrer = QHBoxLayout()
        ligne_enregistrer.addWidget(self.bouton_enregistrer)
        ligne_enregistrer.addWidget(self.message_durees, 1)
        self.groupe_durees = QGroupBox("Durées de conservation")
        disposition_durees = QVBoxLayout(self.groupe_durees)
        disposition_durees.addLayout(formulaire)
        disposition_durees.addLayout(ligne_enregistrer)
        if self._lecture_seule:
            note = QLabel("Base ouverte en lecture seule : les durées ne peuvent pas être modifiées.")
            note.setStyleSheet(COULEUR_NOTE)
            disposition_durees.addWidget(note)

        # --- the latest purges ---
        self.modele_purges = modele_purges(self)
        self.tri_purges = QSortFilterProxyModel(self)
        self.tri_purges.setSourceModel(self.modele_purges)
        self.tri_purges.setSortRole(ROLE_TRI)
        self.vue_purges = QTableView()
        self.vue_purges.setModel(self.tri_purges)
        self.vue_purges.setAccessibleName("Dernières purges")
        self.vue_purges.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.vue_purges.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.vue_purges.setSortingEnabled(True)
        self.vue_purges.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.vue_purges.setTabKeyNavigation(False)
        self.vue_purges.setWordWrap(True)
        self.vue_purges.verticalHeader().hide()
        # Rows as tall as their wrapped text, whatever the width; the sentence takes what is left.
        self.vue_purges.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.vue_purges.horizontalHeader().setStretchLastSection(True)
        self.vue_purges.setMinimumHeight(120)
        self.aucune_purge = QLabel("Aucune purge pour l'instant : rien n'a encore dépassé sa durée de conservation.")
        self.aucune_purge.setStyleSheet(COULEUR_NOTE)
        self.groupe_purges = QGroupBox("Dernières purges")
        disposition_purges = QVBoxLayout(self.groupe_purges)
        disposition_purges.addWidget(self.aucune_purge)
        disposition_purges.addWidget(self.vue_purges)

        # --- one person ---
        self.modele = modele_personnes(self)
        self.proxy = FiltreLignes(self.modele, self)
        self.recherche = champ_recherche("Rechercher une personne", "Rechercher une personne (nom, structure…)")
        self.recherche.textChanged.connect(self._rechercher)
        self.vue = creer_vue(self.proxy, "Personnes de l'annuaire")
        self.vue.setMinimumHeight(160)
        self.vue.selectionModel().selectionChanged.connect(lambda *_: self._actualiser_boutons())
        self.compte = QLabel()
        self.bouton_json = bouton(
            "Exporter ses données (&JSON)…",
            "enregistrer",
            "Exporter les données de la personne en JSON",
            "Tout ce que la base détient sur elle, dans un fichier lisible par un programme",
        )
        self.bouton_pdf = bouton(
            "Exporter ses données (&PDF)…",
            "pdf",
            "Exporter les données de la personne en PDF",
            "Le même contenu, mis en page pour être remis à la personne",
        )
        self.bouton_effacer = bouton(
            "&Effacer cette personne…",
            "supprimer",
            "Effacer cette personne",
            "Effacement définitif, sauf le nom dans les comptes rendus des séances tenues",
        )
        self.bouton_json.clicked.connect(lambda: self.exporter("json"))
        self.bouton_pdf.clicked.connect(lambda: self.exporter("pdf"))
        self.bouton_effacer.clicked.connect(self.effacer)
        self.resultat = QLabel()
        self.resultat.setAccessibleName("Résultat")
        self.resultat.setWordWrap(True)
        self.resultat.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        ligne_recherche = QHBoxLayout()
        ligne_recherche.addWidget(self.recherche, 1)
        ligne_recherche.addWidget(self.compte)
        ligne_boutons = QHBoxLayout()
        for widget in (self.bouton_json, self.bouton_pdf, self.bouton_effacer):
            ligne_boutons.addWidget(widget)
        ligne_boutons.addStretch(1)
        self.groupe_personne = QGroupBox("Les données d'une personne")
        disposition_personne = QVBoxLayout(self.groupe_personne)
        disposition_personne.addLayout(ligne_recherche)
        disposition_personne.addWidget(self.vue)
        disposition_personne.addLayout(ligne_boutons)
        disposition_personne.addWidget(self.resultat)

        contenu = QWidget()
        disposition = QVBoxLayout(contenu)
        disposition.addWidget(QLabel(f"<h2>{self.titre}</h2>"))
        disposition.addWidget(self.explication)
        disposition.addWidget(self.groupe_durees)
        disposition.addWidget(self.groupe_personne)
        disposition.addWidget(self.groupe_purges)
        disposition.addStretch(1)
        defilement = QScrollArea()
        defilement.setWidgetResizable(True)
        defilement.setFrameShape(QScrollArea.Shape.NoFrame)
        defilement.setWidget(contenu)
        externe = QVBoxLayout(self)
        externe.setContentsMargins(0, 0, 0, 0)
        externe.addWidget(defilement)

        for champ in (self.champ_demandeurs, self.champ_coordonnees, self.champ_journal):
            champ.setEnabled(not self._lecture_seule)
        self.bouton_enregistrer.setEnabled(not self._lecture_seule)
        ajuster_colonnes(self.vue, {0: 18, 1: 14, 2: 30}, etiree=3)
        self._actualiser_boutons()

    def _champ_duree(self, champ: str, suffixe: str) -> QSpinBox:
        bornes = BORNES[champ]
        resultat = QSpinBox()
        resultat.setRange(bornes.minimum, bornes.maximum)
        resultat.setSuffix(suffixe)
        if suffixe == " an":  # « 1 an », « 2 ans »
            resultat.valueChanged.connect(lambda n, champ=resultat: champ.setSuffix(" an" if n < 2 else " ans"))
        resultat.setAccessibleName(bornes.libelle[0].upper() + bornes.libelle[1:])
        resultat.setToolTip(f"De {bornes.minimum} à {bornes.maximum} {bornes.unite}")
        resultat.setMinimumWidth(resultat.fontMetrics().averageCharWidth() * 12)
        return resultat

    # --- reading ---------------------------------------------------------------------------------------------

    def rafraichir(self) -> None:
        choisi = identifiant_selectionne(self.vue, self.proxy)

        def lire(session: Session) -> tuple[Durees, list[conservation.Purge], list[dp.PersonneConnue]]:
            return (
                conservation.lire_durees(session),
                conservation.dernieres_purges(session, PURGES_AFFICHEES),
                dp.lister_personnes(session),
            )

        durees, purges, personnes = self.contexte.lire(lire)
        self.durees = durees
        self.explication.setText(texte_explicatif(durees))
        self.champ_demandeurs.setValue(durees.demandeurs_mois)
        self.champ_coordonnees.setValue(durees.coordonnees_ans)
        self.champ_journal.setValue(durees.journal_ans)
        self.modele_purges.definir(purges)
        self.aucune_purge.setVisible(not purges)
        self.vue_purges.setVisible(bool(purges))
        largeur = self.vue_purges.fontMetrics().averageCharWidth()
        self.vue_purges.setColumnWidth(0, largeur * 18)
        self.vue_purges.setColumnWidth(1, largeur * 14)
        self.modele.definir(personnes)
        selectionner(self.vue, self.proxy, choisi)
        self._actualiser_boutons()

    def rechercher(self) -> None:
        self.recherche.setFocus()
        self.recherche.selectAll()

    def _rechercher(self, texte: str) -> None:
        self.proxy.definir_recherche(texte)
        self._actualiser_boutons()

    def personne_choisie(self) -> dp.PersonneConnue | None:
        return ligne_selectionnee(self.vue, self.proxy)

    def choisir(self, personne_id: int) -> bool:
        return selectionner(self.vue, self.proxy, personne_id)

    def _actualiser_boutons(self) -> None:
        personne = self.personne_choisie()
        self.compte.setText(compte_affiche(self.proxy, "personne"))
        self.bouton_json.setEnabled(personne is not None)
        self.bouton_pdf.setEnabled(personne is not None)
        efface = personne is not None and personne.situation.startswith("Effacée")
        self.bouton_effacer.setEnabled(personne is not None and not self._lecture_seule and not efface)
        if self._lecture_seule:
            self.bouton_effacer.setToolTip("Base ouverte en lecture seule : aucun effacement possible.")

    # --- durations -------------------------------------------------------------------------------------------

    def durees_saisies(self) -> Durees:
        return Durees(self.champ_demandeurs.value(), self.champ_coordonnees.value(), self.champ_journal.value())

    def enregistrer_durees(self) -> None:
        if self._lecture_seule:
            return
        nouvelles = self.durees_saisies()
        if nouvelles == self.durees:
            self._message_durees("Rien à enregistrer : les durées n'ont pas changé.")
            return
        try:
            self.contexte.executer(
                "Modifier les durées de conservation",
                faire=lambda s: conservation.enregistrer_durees(s, nouvelles),
                defaire=lambda s, avant: conservation.enregistrer_durees(s, avant),
                refaire=lambda s, _avant: conservation.enregistrer_durees(s, nouvelles),
            )
        except ErreurConnue as erreur:
            self._message_durees(erreur.message, erreur=True)
            return
        self._message_durees("Durées enregistrées. Elles s'appliqueront à la prochaine ouverture de la base.")

    def _message_durees(self, texte: str, *, erreur: bool = False) -> None:
        self.message_durees.setStyleSheet(COULEUR_ERREUR if erreur else COULEUR_NOTE)
        self.message_durees.setText(texte)

    # --- one person ------------------------------------------------------------------------------------------

    def exporter(self, format_: str) -> None:
        personne = self.personne_choisie()
        if personne is None:
            return
        personne_id = personne.id
        try:
            nom = self.contexte.lire(lambda s: dp.nom_de_fichier(s, personne_id, format_))
        except ErreurConnue as erreur:
            avertir(self, "Export impossible", erreur)
            return
        depart = (self._dossier or Path.home()) / nom
        chemin, _ = QFileDialog.getSaveFileName(
            self, f"Exporter les données de {personne.nom_complet}", str(depart), FORMATS[format_]
        )
        if not chemin:
            return
        cible = Path(chemin)
        if cible.suffix.lower() != f".{format_}":
            cible = cible.with_name(f"{cible.name}.{format_}")
        # One person's data: a small document, built in the GUI thread (well under a second).
        produire = dp.export_json if format_ == "json" else dp.export_pdf
        try:
            contenu = self.contexte.lire(lambda s: produire(s, personne_id))
            ecrire_atomiquement(cible, contenu)
        except ErreurConnue as erreur:
            self.resultat.setText(erreur.message)
            avertir(self, "Export impossible", erreur)
            return
        self._dossier = cible.parent
        self.resultat.setText(f"Données de {personne.nom_complet} enregistrées dans « {cible} ».")

    def dialogue_effacement(self, personne_id: int) -> DialogueEffacement:
        portee = self.contexte.lire(lambda s: dp.portee_effacement(s, personne_id))
        return DialogueEffacement(portee, self)

    def effacer(self) -> None:
        personne = self.personne_choisie()
        if personne is None or self._lecture_seule:
            return
        personne_id = personne.id
        try:
            dialogue = self.dialogue_effacement(personne_id)
        except ErreurConnue as erreur:
            avertir(self, "Effacement impossible", erreur)
            self.rafraichir()
            return
        self.dialogue_ouvert = dialogue
        try:
            if dialogue.exec() != DialogueEffacement.DialogCode.Accepted:
                return
        finally:
            self.dialogue_ouvert = None
            dialogue.deleteLater()
        try:
            with self.contexte.base.session_scope() as session:
                phrase = dp.effacer_personne(session, personne_id)
        except ErreurConnue as erreur:
            avertir(self, "Effacement impossible", erreur)
            self.rafraichir()
            return
        self.contexte.pile.clear()  # no earlier step may bring back what was just erased
        self.resultat.setText(phrase + " Cet effacement est définitif ; l'historique d'annulation a été vidé.")
        self.contexte.donnees_modifiees.emit()

    # --- the window's commands -------------------------------------------------------------------------------

    def rien_a_imprimer(self) -> str:
        return "Rien à imprimer sur cette page : exportez les données d'une personne en PDF pour les imprimer."

    def preparer_pour_captures(self) -> None:
        if self.proxy.rowCount():
            self.vue.selectRow(0)

    def dialogues_pour_captures(self) -> list[tuple[str, QWidget]]:
        personne = self.personne_choisie()
        if personne is None and self.modele.lignes:
            personne = self.modele.lignes[0]
        if personne is None:
            return []
        return [("effacer_personne", self.dialogue_effacement(personne.id))]
