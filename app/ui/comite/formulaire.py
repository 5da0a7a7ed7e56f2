"""The committee's fiche as three tabs (Identité, Missions, Fonctionnement), edited as a draft.

Nothing is written while the user types: `fiche()` reads the draft, `charger()` replaces it, and `modifie` is
emitted on every change so that the page can tell whether something is left unsaved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app import horloge
from app.modeles.enumerations import Mission, ModePresidence, NatureComite, TypeTerritoire
from app.services.comite import FicheComite, Responsable, StructureLue
from app.services.normalisation import normaliser
from app.ui.comite.champs import NON_RENSEIGNE, MessageChamp, choisir_enum, combo_enum, valeur_enum
from app.ui.icones import icone

DATE_VIDE = QDate(1900, 1, 1)  # the date edit's minimum, shown as « non renseignée »
FRANCAIS = QLocale(QLocale.Language.French, QLocale.Country.France)
ROLE_ID = Qt.ItemDataRole.UserRole

# Which tab shows which field: the page marks a tab whose fields are unsaved, and opens the one at fault.
ONGLET_IDENTITE, ONGLET_MISSIONS, ONGLET_FONCTIONNEMENT = 0, 1, 2
ONGLET_DU_CHAMP = {
    "nom": ONGLET_IDENTITE,
    "type_territoire": ONGLET_IDENTITE,
    "territoire": ONGLET_IDENTITE,
    "nature": ONGLET_IDENTITE,
    "date_installation": ONGLET_IDENTITE,
    "mode_presidence": ONGLET_IDENTITE,
    "porteurs": ONGLET_IDENTITE,
    "en_tete": ONGLET_IDENTITE,
    "missions": ONGLET_MISSIONS,
    "missions_libres": ONGLET_MISSIONS,
    "thematiques": ONGLET_FONCTIONNEMENT,
    "regles_saisine": ONGLET_FONCTIONNEMENT,
    "secretariat": ONGLET_FONCTIONNEMENT,
    "rythme_reunions": ONGLET_FONCTIONNEMENT,
    "moyens_humains": ONGLET_FONCTIONNEMENT,
    "moyens_financiers": ONGLET_FONCTIONNEMENT,
    "pause": ONGLET_FONCTIONNEMENT,
    "pause_debut": ONGLET_FONCTIONNEMENT,
    "pause_fin": ONGLET_FONCTIONNEMENT,
}
TEXTES_FONCTIONNEMENT = (
    ("thematiques", "&Thématiques :", "Thématiques des échanges", "Les sujets dont le comité s'empare."),
    (
        "regles_saisine",
        "&Règles de saisine :",
        "Règles de saisine",
        "Qui peut saisir le comité ou son instance éthique, comment, et dans quels délais il répond.",
    ),
    ("secretariat", "&Secrétariat :", "Secrétariat", "Qui assure le secrétariat, avec quel temps de travail."),
    (
        "rythme_reunions",
        "R&ythme des réunions :",
        "Rythme des réunions",
        "La fréquence des réunions de chaque instance.",
    ),
    ("moyens_humains", "Moyens &humains :", "Moyens humains", "Personnes mobilisées et temps consacré."),
    ("moyens_financiers", "Moyens &financiers :", "Moyens financiers", "Budget annuel et financeurs."),
)


def texte_multiligne(nom_accessible: str, lignes: int, aide: str = "") -> QPlainTextEdit:
    zone = QPlainTextEdit()
    zone.setAccessibleName(nom_accessible)
    zone.setTabChangesFocus(True)  # Tab goes to the next field, as everywhere else in the form
    zone.setPlaceholderText(aide)
    hauteur = zone.fontMetrics().lineSpacing() * lignes + 14
    zone.setMinimumHeight(hauteur)
    zone.setMaximumHeight(hauteur + zone.fontMetrics().lineSpacing() * 3)
    return zone


def texte_de(zone: QPlainTextEdit) -> str:
    """The text as typed: `toPlainText` would turn no-break spaces (« 12 000 € », « : ») into plain ones."""
    return zone.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")


def _jour_mois(stocke: str) -> str:
    """« 07-14 » as stored → « 14/07 » as typed."""
    mois, _, jour = stocke.partition("-")
    return f"{jour}/{mois}" if jour else stocke


def _stocke(tape: str) -> str:
    """« 14/07 » as typed → « 07-14 » as stored, so an untouched form equals the record; anything else is left
    for the service to refuse with its message."""
    jour, _, mois = tape.strip().partition("/")
    try:
        dt.date(2000, int(mois), int(jour))
    except ValueError:
        return tape.strip()
    return f"{int(mois):02d}-{int(jour):02d}"


def _etiquette(texte: str, champ: QWidget) -> QLabel:
    etiquette = QLabel(texte)
    etiquette.setBuddy(champ)
    return etiquette


def _discret(texte: str) -> QLabel:
    etiquette = QLabel(texte)
    etiquette.setWordWrap(True)
    etiquette.setStyleSheet("color: palette(placeholder-text);")
    return etiquette


def _defilant(contenu: QWidget) -> QScrollArea:
    defilement = QScrollArea()
    defilement.setWidgetResizable(True)
    defilement.setFrameShape(QFrame.Shape.NoFrame)
    defilement.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field, it scrolls to them
    defilement.setWidget(contenu)
    return defilement


def texte_responsables(responsables: Sequence[Responsable]) -> str:
    if not responsables:
        return "non pourvue"
    return ", ".join(f"{r.nom_complet} ({r.structure})" if r.structure else r.nom_complet for r in responsables)


class FormulaireComite(QObject):
    """Owns the widgets of the three tabs; `identite`, `missions` and `fonctionnement` are the tab pages."""

    modifie = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chargement = False
        self._lecture_seule = False
        self._structures: dict[int, str] = {}
        self.messages: dict[str, MessageChamp] = {}
        self.identite = self._onglet_identite()
        self.missions = self._onglet_missions()
        self.fonctionnement = self._onglet_fonctionnement()
        self._porteurs_changes()
        self._libres_changees()

    # --- building ----------------------------------------------------------------------------------------

    def _avec_message(self, nom: str, champ: QWidget, *, extensible: bool = False) -> QWidget:
        """`champ` with its validation message under it; `extensible` when the field takes the height left."""
        bloc = QWidget()
        if not extensible:
            bloc.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        colonne = QVBoxLayout(bloc)
        colonne.setContentsMargins(0, 0, 0, 0)
        colonne.setSpacing(2)
        colonne.addWidget(champ)
        self.messages[nom] = MessageChamp(champ)
        colonne.addWidget(self.messages[nom])
        return bloc

    def _onglet_identite(self) -> QWidget:
        self.nom = QLineEdit()
        self.nom.setAccessibleName("Nom du comité")
        self.nom.setMaxLength(200)
        self.nom.setPlaceholderText("Comité local du travail social et du développement social de…")
        self.type_territoire = combo_enum(TypeTerritoire, "Type de territoire", vide=NON_RENSEIGNE)
        self.territoire = QLineEdit()
        self.territoire.setAccessibleName("Territoire")
        self.territoire.setMaxLength(200)
        self.territoire.setPlaceholderText("Nom du territoire couvert")
        self.nature = combo_enum(NatureComite, "Nature du comité", vide=NON_RENSEIGNE)
        self.nature.setToolTip("Un comité créé pour l'occasion, ou une instance existante qui en prend le rôle.")
        self.installe = QCheckBox("&Date d'installation :")
        self.installe.setAccessibleName("Date d'installation connue")
        self.date_installation = QDateEdit()
        self.date_installation.setAccessibleName("Date d'installation")
        self.date_installation.setLocale(FRANCAIS)
        self.date_installation.setDisplayFormat("dd/MM/yyyy")  # « 1 juillet » would be wrong: « 1er »
        self.date_installation.setCalendarPopup(True)
        self.date_installation.setMinimumDate(DATE_VIDE)
        self.date_installation.setSpecialValueText("non renseignée")
        self.date_installation.setToolTip("Point de départ des indicateurs de mobilisation à 3 et 6 mois.")
        self.mode_presidence = combo_enum(ModePresidence, "Mode de présidence", vide=NON_RENSEIGNE)
        self.en_tete = texte_multiligne(
            "En-tête des documents", 3, "Les lignes imprimées en tête des convocations, feuilles et comptes rendus"
        )

        gauche = QFormLayout()
        gauche.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        gauche.addRow(_etiquette("&Nom du comité :", self.nom), self._avec_message("nom", self.nom))
        gauche.addRow(_etiquette("T&ype de territoire :", self.type_territoire), self.type_territoire)
        gauche.addRow(_etiquette("Te&rritoire :", self.territoire), self._avec_message("territoire", self.territoire))
        gauche.addRow(_etiquette("Nat&ure :", self.nature), self.nature)
        gauche.addRow(self.installe, self._avec_message("date_installation", self.date_installation))
        gauche.addRow(_etiquette("Mode de &présidence :", self.mode_presidence), self.mode_presidence)
        gauche.addRow(_etiquette("En-tête des d&ocuments :", self.en_tete), self.en_tete)

        porteurs = QGroupBox("Structures porteu&ses")
        self.porteurs = QListWidget()
        self.porteurs.setAccessibleName("Structures porteuses")
        self.porteurs.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.porteurs.setMinimumHeight(self.porteurs.fontMetrics().lineSpacing() * 4)
        self.structure_a_ajouter = QComboBox()
        self.structure_a_ajouter.setAccessibleName("Structure à ajouter aux porteuses")
        self.structure_a_ajouter.setMinimumContentsLength(18)
        self.structure_a_ajouter.setToolTip("Les structures se créent sur la page Structures.")
        self.structure_a_ajouter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.ajouter_porteur = QPushButton(icone("ajouter"), "&Ajouter")
        self.ajouter_porteur.setAccessibleName("Ajouter la structure aux porteuses")
        self.retirer_porteur = QPushButton(icone("supprimer"), "Ret&irer")
        self.retirer_porteur.setAccessibleName("Retirer les structures sélectionnées des porteuses")
        grille = QGridLayout(porteurs)
        grille.addWidget(self._avec_message("porteurs", self.porteurs, extensible=True), 0, 0, 1, 3)
        grille.addWidget(_etiquette("Structure à a&jouter :", self.structure_a_ajouter), 1, 0, 1, 3)
        grille.addWidget(self.structure_a_ajouter, 2, 0)
        grille.addWidget(self.ajouter_porteur, 2, 1)
        grille.addWidget(self.retirer_porteur, 2, 2)
        grille.setColumnStretch(0, 1)
        grille.setRowStretch(0, 1)

        presidence = QGroupBox("Présidence et vice-présidence")
        self.presidence = QLabel()
        self.vice_presidence = QLabel()
        formulaire_presidence = QFormLayout(presidence)
        for etiquette, valeur in (("Présidence :", self.presidence), ("Vice-présidence :", self.vice_presidence)):
            valeur.setWordWrap(True)
            valeur.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            valeur.setAccessibleName(etiquette.rstrip(" :"))
            formulaire_presidence.addRow(etiquette, valeur)
        aide = _discret(
            "Elles se désignent sur la page Membres : rôle « Président » ou « Vice-président » d'un mandat de "
            "l'assemblée plénière."
        )
        aide.setObjectName("aide_presidence")
        formulaire_presidence.addRow(aide)

        droite = QVBoxLayout()
        droite.addWidget(porteurs, 1)
        droite.addWidget(presidence)

        contenu = QWidget()
        colonnes = QHBoxLayout(contenu)
        pile_gauche = QVBoxLayout()
        pile_gauche.addLayout(gauche)
        pile_gauche.addStretch(1)
        colonnes.addLayout(pile_gauche, 3)
        colonnes.addSpacing(12)
        colonnes.addLayout(droite, 2)

        for ligne in (self.nom, self.territoire):
            ligne.textChanged.connect(self._change)
        for combo in (self.type_territoire, self.nature, self.mode_presidence):
            combo.currentIndexChanged.connect(self._change)
        self.en_tete.textChanged.connect(self._change)
        self.installe.toggled.connect(self._installation_cochee)
        self.date_installation.dateChanged.connect(self._change)
        self.ajouter_porteur.clicked.connect(self._ajouter_porteur)
        self.retirer_porteur.clicked.connect(self._retirer_porteurs)
        self.porteurs.itemSelectionChanged.connect(self._porteurs_changes)
        return _defilant(contenu)

    def _onglet_missions(self) -> QWidget:
        self.catalogue = QListWidget()
        self.catalogue.setAccessibleName("Missions du mandat")
        for mission in Mission:
            element = QListWidgetItem(mission.libelle, self.catalogue)
            element.setData(ROLE_ID, mission.value)
            element.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            element.setCheckState(Qt.CheckState.Unchecked)
        self.catalogue.setMinimumHeight(self.catalogue.sizeHintForRow(0) * len(Mission) + 8)
        self.catalogue.setMaximumHeight(self.catalogue.sizeHintForRow(0) * len(Mission) + 8)
        self.catalogue.itemChanged.connect(self._change)

        self.libres = QListWidget()
        self.libres.setAccessibleName("Autres missions")
        self.libres.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.nouvelle_mission = QLineEdit()
        self.nouvelle_mission.setAccessibleName("Nouvelle mission")
        self.nouvelle_mission.setMaxLength(300)
        self.nouvelle_mission.setPlaceholderText("Intitulé d'une mission propre au comité")
        self.ajouter_mission = QPushButton(icone("ajouter"), "A&jouter")
        self.ajouter_mission.setAccessibleName("Ajouter la mission")
        self.retirer_mission = QPushButton(icone("supprimer"), "Ret&irer")
        self.retirer_mission.setAccessibleName("Retirer les missions sélectionnées")

        contenu = QWidget()
        disposition = QVBoxLayout(contenu)
        disposition.addWidget(_etiquette("&Missions du mandat exercées par le comité :", self.catalogue))
        disposition.addWidget(self.catalogue)
        disposition.addWidget(_discret("Cochez une mission avec la barre d'espace ou un clic."))
        disposition.addSpacing(8)
        disposition.addWidget(_etiquette("&Autres missions :", self.libres))
        disposition.addWidget(self._avec_message("missions_libres", self.libres, extensible=True), 1)
        rangee = QHBoxLayout()
        rangee.addWidget(_etiquette("&Nouvelle mission :", self.nouvelle_mission))
        rangee.addWidget(self.nouvelle_mission, 1)
        rangee.addWidget(self.ajouter_mission)
        rangee.addWidget(self.retirer_mission)
        disposition.addLayout(rangee)

        self.nouvelle_mission.textChanged.connect(self._libres_changees)
        self.nouvelle_mission.returnPressed.connect(self._ajouter_mission)
        self.ajouter_mission.clicked.connect(self._ajouter_mission)
        self.retirer_mission.clicked.connect(self._retirer_missions)
        self.libres.itemSelectionChanged.connect(self._libres_changees)
        return _defilant(contenu)

    def _onglet_fonctionnement(self) -> QWidget:
        contenu = QWidget()
        formulaire = QFormLayout(contenu)
        formulaire.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.textes: dict[str, QPlainTextEdit] = {}
        for champ, libelle, nom_accessible, aide in TEXTES_FONCTIONNEMENT:
            zone = texte_multiligne(nom_accessible, 3, aide)
            zone.textChanged.connect(self._change)
            self.textes[champ] = zone
            formulaire.addRow(_etiquette(libelle, zone), zone)
            if champ == "regles_saisine":
                formulaire.addRow(_etiquette("&Pause estivale des saisines :", self._champs_pause()), self._pause)
        return _defilant(contenu)

    def _champs_pause(self) -> QWidget:
        """Two JJ/MM fields: the referral clocks stop between them (both empty: no pause)."""
        self.pause_debut, self.pause_fin = QLineEdit(), QLineEdit()
        for ligne, nom in (
            (self.pause_debut, "Début de la pause estivale"),
            (self.pause_fin, "Fin de la pause estivale"),
        ):
            ligne.setAccessibleName(nom)
            ligne.setPlaceholderText("JJ/MM")
            ligne.setMaxLength(5)
            ligne.setMaximumWidth(ligne.fontMetrics().horizontalAdvance("00/00") * 2 + 16)
        # An empty form stands for an empty fiche, whose pause is the default one.
        self.pause_debut.setText(_jour_mois(FicheComite.pause_debut))
        self.pause_fin.setText(_jour_mois(FicheComite.pause_fin))
        for ligne in (self.pause_debut, self.pause_fin):
            ligne.textChanged.connect(self._change)
        rangee = QWidget()
        disposition = QHBoxLayout(rangee)
        disposition.setContentsMargins(0, 0, 0, 0)
        disposition.addWidget(QLabel("du"))
        disposition.addWidget(self.pause_debut)
        disposition.addWidget(QLabel("au"))
        disposition.addWidget(self.pause_fin)
        disposition.addWidget(
            _discret(
                "inclus : les délais d'accusé de réception et d'avis ne courent pas. Videz les deux dates s'il "
                "n'y a pas de pause."
            ),
            1,
        )
        self._pause = self._avec_message("pause", rangee)
        return self.pause_debut

    # --- reading and loading the draft -------------------------------------------------------------------

    def fiche(self) -> FicheComite:
        date = self.date_installation.date()
        installation = date.toPython() if self.installe.isChecked() and date != DATE_VIDE else None
        return FicheComite(
            nom=self.nom.text(),
            type_territoire=valeur_enum(self.type_territoire, TypeTerritoire),
            territoire=self.territoire.text(),
            nature=valeur_enum(self.nature, NatureComite),
            date_installation=installation if isinstance(installation, dt.date) else None,
            mode_presidence=valeur_enum(self.mode_presidence, ModePresidence),
            porteurs=frozenset(self._ids_porteurs()),
            missions=frozenset(
                Mission.de_code(str(element.data(ROLE_ID)))
                for element in self._elements(self.catalogue)
                if element.checkState() == Qt.CheckState.Checked
            ),
            missions_libres=tuple(element.text() for element in self._elements(self.libres)),
            thematiques=texte_de(self.textes["thematiques"]),
            regles_saisine=texte_de(self.textes["regles_saisine"]),
            secretariat=texte_de(self.textes["secretariat"]),
            rythme_reunions=texte_de(self.textes["rythme_reunions"]),
            moyens_humains=texte_de(self.textes["moyens_humains"]),
            moyens_financiers=texte_de(self.textes["moyens_financiers"]),
            en_tete=texte_de(self.en_tete),
            pause_debut=_stocke(self.pause_debut.text()),
            pause_fin=_stocke(self.pause_fin.text()),
        )

    def charger(self, fiche: FicheComite) -> None:
        """Replace the whole draft by `fiche` (no `modifie` signal: nothing was typed)."""
        self._chargement = True
        try:
            self.effacer_erreurs()
            self.nom.setText(fiche.nom)
            choisir_enum(self.type_territoire, fiche.type_territoire)
            self.territoire.setText(fiche.territoire)
            choisir_enum(self.nature, fiche.nature)
            self.installe.setChecked(fiche.date_installation is not None)
            self.date_installation.setEnabled(fiche.date_installation is not None)
            jour = fiche.date_installation
            self.date_installation.setDate(DATE_VIDE if jour is None else QDate(jour.year, jour.month, jour.day))
            choisir_enum(self.mode_presidence, fiche.mode_presidence)
            self.en_tete.setPlainText(fiche.en_tete)
            self.porteurs.clear()
            for structure_id in fiche.porteurs:
                self._ajouter_element_porteur(structure_id)
            self.porteurs.sortItems()
            for element in self._elements(self.catalogue):
                coche = Mission.de_code(str(element.data(ROLE_ID))) in fiche.missions
                element.setCheckState(Qt.CheckState.Checked if coche else Qt.CheckState.Unchecked)
            self.libres.clear()
            self.libres.addItems(list(fiche.missions_libres))
            self.nouvelle_mission.clear()
            for champ, zone in self.textes.items():
                zone.setPlainText(getattr(fiche, champ))
            self.pause_debut.setText(_jour_mois(fiche.pause_debut))
            self.pause_fin.setText(_jour_mois(fiche.pause_fin))
        finally:
            self._chargement = False
        self._remplir_structures_a_ajouter()
        self._porteurs_changes()
        self._libres_changees()

    def definir_structures(self, structures: Sequence[StructureLue]) -> None:
        """The organisations one can choose as porteuses (after any change in the directory)."""
        self._structures = {s.id: s.nom for s in structures}
        for element in self._elements(self.porteurs):
            element.setText(self._structures.get(int(element.data(ROLE_ID)), "(structure supprimée)"))
        self.porteurs.sortItems()
        self._remplir_structures_a_ajouter()

    def definir_presidence(self, presidence: Sequence[Responsable], vice: Sequence[Responsable]) -> None:
        self.presidence.setText(texte_responsables(presidence))
        self.vice_presidence.setText(texte_responsables(vice))

    def lecture_seule(self, oui: bool) -> None:
        for ligne in (self.nom, self.territoire, self.nouvelle_mission, self.pause_debut, self.pause_fin):
            ligne.setReadOnly(oui)
        for zone in (self.en_tete, *self.textes.values()):
            zone.setReadOnly(oui)
        for widget in (
            self.type_territoire,
            self.nature,
            self.installe,
            self.mode_presidence,
            self.catalogue,
            self.structure_a_ajouter,
        ):
            widget.setEnabled(not oui)
        self.date_installation.setReadOnly(oui)
        self._lecture_seule = oui
        self._porteurs_changes()
        self._libres_changees()

    # --- validation messages -----------------------------------------------------------------------------

    def afficher_erreur(self, champ: str, message: str) -> bool:
        """Show `message` under `champ` and put the cursor there; False if the form has no such field."""
        sous_le_champ = self.messages.get(champ)
        if sous_le_champ is None:
            return False
        sous_le_champ.afficher(message)
        sous_le_champ.champ.setFocus()
        return True

    def effacer_erreurs(self) -> None:
        for message in self.messages.values():
            message.effacer()

    # --- reactions ---------------------------------------------------------------------------------------

    def _change(self) -> None:
        if not self._chargement:
            self.modifie.emit()

    def _installation_cochee(self, coche: bool) -> None:
        self.date_installation.setEnabled(coche)
        if self._chargement:
            return
        if coche and self.date_installation.date() == DATE_VIDE:
            jour = horloge.aujourdhui()
            self.date_installation.setDate(QDate(jour.year, jour.month, jour.day))
        elif not coche:
            self.date_installation.setDate(DATE_VIDE)
        self._change()

    @staticmethod
    def _elements(liste: QListWidget) -> list[QListWidgetItem]:
        return [liste.item(rang) for rang in range(liste.count())]

    def _ids_porteurs(self) -> list[int]:
        return [int(element.data(ROLE_ID)) for element in self._elements(self.porteurs)]

    def _ajouter_element_porteur(self, structure_id: int) -> None:
        element = QListWidgetItem(self._structures.get(structure_id, "(structure supprimée)"), self.porteurs)
        element.setData(ROLE_ID, structure_id)

    def _remplir_structures_a_ajouter(self) -> None:
        choisis = set(self._ids_porteurs())
        actuelle = self.structure_a_ajouter.currentData()
        self.structure_a_ajouter.blockSignals(True)
        self.structure_a_ajouter.clear()
        for structure_id, nom in sorted(self._structures.items(), key=lambda s: normaliser(s[1])):
            if structure_id not in choisis:
                self.structure_a_ajouter.addItem(nom, structure_id)
        if self.structure_a_ajouter.count() == 0:
            self.structure_a_ajouter.setPlaceholderText(
                "Toutes sont déjà porteuses" if self._structures else "Aucune structure enregistrée"
            )
        self.structure_a_ajouter.setCurrentIndex(max(self.structure_a_ajouter.findData(actuelle), 0))
        self.structure_a_ajouter.blockSignals(False)
        self._porteurs_changes()

    def _ajouter_porteur(self) -> None:
        structure_id = self.structure_a_ajouter.currentData()
        if structure_id is None or self._lecture_seule:
            return
        rang = self.structure_a_ajouter.currentIndex()
        self._ajouter_element_porteur(int(structure_id))
        self.porteurs.sortItems()
        self.messages["porteurs"].effacer()
        self._remplir_structures_a_ajouter()
        self.structure_a_ajouter.setCurrentIndex(min(rang, self.structure_a_ajouter.count() - 1))
        self._change()

    def _retirer_porteurs(self) -> None:
        selection = self.porteurs.selectedItems()
        if not selection or self._lecture_seule:
            return
        for element in selection:
            self.porteurs.takeItem(self.porteurs.row(element))
        self.messages["porteurs"].effacer()
        self._remplir_structures_a_ajouter()
        self._change()

    def _porteurs_changes(self) -> None:
        self.ajouter_porteur.setEnabled(not self._lecture_seule and self.structure_a_ajouter.count() > 0)
        self.retirer_porteur.setEnabled(not self._lecture_seule and bool(self.porteurs.selectedItems()))

    def _ajouter_mission(self) -> None:
        libelle = " ".join(self.nouvelle_mission.text().split())
        if not libelle or self._lecture_seule:
            return
        deja = {normaliser(m.libelle) for m in Mission} | {normaliser(e.text()) for e in self._elements(self.libres)}
        if normaliser(libelle) in deja:
            self.afficher_erreur("missions_libres", f"La mission « {libelle} » figure déjà dans la liste.")
            self.nouvelle_mission.setFocus()
            return
        self.messages["missions_libres"].effacer()
        self.libres.addItem(libelle)
        self.nouvelle_mission.clear()
        self._change()

    def _retirer_missions(self) -> None:
        selection = self.libres.selectedItems()
        if not selection or self._lecture_seule:
            return
        for element in selection:
            self.libres.takeItem(self.libres.row(element))
        self.messages["missions_libres"].effacer()
        self._change()

    def _libres_changees(self) -> None:
        self.ajouter_mission.setEnabled(not self._lecture_seule and bool(self.nouvelle_mission.text().strip()))
        self.retirer_mission.setEnabled(not self._lecture_seule and bool(self.libres.selectedItems()))
