"""Séances: the meetings of every instance, filtered and searched; below, the chosen one's detail in tabs.

The list acts on the chosen meeting: edit, delete (a planned meeting with nothing recorded), and the steps of its
workflow (convene, mark held, close, cancel, postpone, reschedule), a second convocation after a meeting without
quorum, the approval of its minutes. Every write goes through `Contexte.executer`: Ctrl+Z takes it back.

The detail is a QTabWidget; other screens join it with `ajouter_onglet(widget, titre)`. The tab protocol: a tab
widget may define `afficher(seance_id: int | None) -> None`; the page calls it whenever the chosen meeting
changes and after every change of the data (`Contexte.donnees_modifiees`: an edit, an undo, a redo), so a tab
need not listen to that signal itself. `seance_selectionnee()` says which meeting is chosen; the signal
`seance_choisie(object)` (an int or None) follows the choice too. A tab may also define `imprimer() -> bool`:
Fichier › Imprimer (Ctrl+P) goes to the current tab.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app import horloge
from app.erreurs import ErreurConnue
from app.format_fr import date_avec_jour, date_longue, nombre
from app.modeles.enumerations import FormatSeance, StatutSeance
from app.services import approbation, seances
from app.services.actions import FicheAction
from app.services.onglets_seance import lire_choix_action
from app.services.ordre_du_jour import FichePoint, ajouter_point, points_de
from app.services.seances import FicheSeance
from app.services.seances_lecture import (
    ChoixSeances,
    LigneSeance,
    PresenceSeance,
    avant_convocation,
    explication_retard,
    lire_choix_seances,
    lire_seance,
    lire_seances,
    presence_seance,
)
from app.ui.annuaire.formulaire import id_de
from app.ui.annuaire.modeles import date_courte, tri_date
from app.ui.annuaire.tableaux import (
    ajuster_colonnes,
    avertir,
    bouton,
    champ_recherche,
    compte_affiche,
    creer_vue,
    identifiant_selectionne,
    ligne_selectionnee,
    raccourci,
    rangee_de_boutons,
    selectionner,
)
from app.ui.comite.champs import confirmer
from app.ui.contexte import Contexte
from app.ui.page import PageCreatrice
from app.ui.seances.actions import DialogueAction, OngletActions
from app.ui.seances.compte_rendu import OngletCompteRendu
from app.ui.seances.dialogue_seance import DialogueSeance
from app.ui.seances.dialogues_statut import (
    DialogueApprobation,
    DialogueMotifUrgence,
    DialogueSecondeConvocation,
    convoquer,
)
from app.ui.seances.documents import OngletDocuments
from app.ui.seances.onglet_presences import OngletPresences
from app.ui.seances.ordre_du_jour import OngletOrdreDuJour
from app.ui.seances.pieces import OngletPieces
from app.ui.seances.presences import DialoguePresences
from app.ui.tableau_lignes import Colonne, FiltreLignes, ModeleLignes

TOUTES_LES_INSTANCES = "Toutes les instances"
TOUTES_LES_ANNEES = "Toutes les années"
TOUS_LES_STATUTS = "Tous les statuts"
TIRET = "—"
STATUTS_ESTOMPES = frozenset({StatutSeance.ANNULEE, StatutSeance.REPORTEE})
COLONNE_DATE = 2


@runtime_checkable
class OngletSeance(Protocol):
    """What a tab of the detail may implement to follow the chosen meeting (None: no meeting chosen)."""

    def afficher(self, seance_id: int | None) -> None: ...


def texte_lieu(s: LigneSeance) -> str:
    """The list's « Lieu / lien »: the place, the link for a video meeting, both for a mixed one."""
    if s.format is FormatSeance.VISIO:
        return s.lien_visio or s.lieu
    if s.format is FormatSeance.MIXTE and s.lieu and s.lien_visio:
        return f"{s.lieu} + visio"
    return s.lieu or s.lien_visio


def texte_convocation(s: LigneSeance) -> str:
    if s.convocation_envoyee_le is not None:
        urgence = " (urgence)" if s.motif_urgence else ""
        return f"envoyée le {date_courte(s.convocation_envoyee_le)}{urgence}"
    return "à envoyer" if s.statut is StatutSeance.PLANIFIEE else TIRET


def infobulle_convocation(s: LigneSeance) -> str:
    if s.convocation_envoyee_le is not None:
        texte = f"Convocation envoyée le {date_longue(s.convocation_envoyee_le)}"
        return texte + (f"\nMotif de l'urgence : {s.motif_urgence}" if s.motif_urgence else "")
    if s.statut is StatutSeance.PLANIFIEE:
        return (
            f"Convocation à envoyer au plus tard le {date_longue(s.limite_convocation)} "
            f"({s.delai_convocation_jours} jours de délai) ; après, un motif d'urgence est demandé."
        )
    return "Pas de convocation enregistrée"


def texte_pv(s: LigneSeance) -> str:
    if not s.tenue:
        return TIRET
    if s.pv_approuve_le is None:
        return "projet, à approuver"
    en = f" (séance {s.pv_approuve_en})" if s.pv_approuve_en else ""
    return f"approuvé le {date_longue(s.pv_approuve_le)}{en}"


def infobulle_statut(s: LigneSeance) -> str:
    lignes = [s.statut.libelle]
    if s.seconde_convocation_de:
        lignes.append(f"Seconde convocation de {s.seconde_convocation_de} : aucun quorum requis")
    if s.tenue:
        lignes.append(f"Procès-verbal : {texte_pv(s)}")
    return "\n".join(lignes)


def modele_seances(parent: QObject | None = None) -> ModeleLignes[LigneSeance]:
    colonnes = [
        Colonne[LigneSeance](
            "Référence",
            lambda s: s.reference,
            infobulle=lambda s: f"{s.reference} : {s.points} point{'s' if s.points > 1 else ''} à l'ordre du jour",
        ),
        Colonne[LigneSeance]("Instance", lambda s: s.instance),
        Colonne[LigneSeance](
            "Date",
            lambda s: date_longue(s.date),
            lambda s: f"{tri_date(s.date)} {s.heure_debut.isoformat() if s.heure_debut else ''}",
            lambda s: date_avec_jour(s.date),
        ),
        Colonne[LigneSeance](
            "Horaire", lambda s: s.horaire, lambda s: s.heure_debut.isoformat() if s.heure_debut else ""
        ),
        Colonne[LigneSeance](
            "Lieu / lien",
            texte_lieu,
            infobulle=lambda s: "\n".join(t for t in (s.lieu, s.lien_visio) if t) or "Lieu à indiquer",
        ),
        Colonne[LigneSeance]("Statut", lambda s: s.statut.libelle, infobulle=infobulle_statut),
        Colonne[LigneSeance](
            "Convocation",
            texte_convocation,
            lambda s: tri_date(s.convocation_envoyee_le),
            infobulle_convocation,
        ),
    ]

    def cle(s: LigneSeance) -> str:
        return " ".join(
            (
                s.reference,
                s.instance,
                date_longue(s.date),
                date_avec_jour(s.date),
                s.lieu,
                s.lien_visio,
                s.statut.libelle,
                s.format.libelle,
                s.president_seance,
                s.secretaire_seance,
                *s.liens,
            )
        )

    return ModeleLignes(colonnes, cle, lambda s: s.statut in STATUTS_ESTOMPES, parent)


def seance_par_defaut(lignes: tuple[LigneSeance, ...], jour: dt.date) -> LigneSeance | None:
    """The next meeting to come (not cancelled nor postponed), else the latest one."""
    a_venir = [s for s in lignes if s.date >= jour and s.statut not in STATUTS_ESTOMPES]
    if a_venir:
        return min(a_venir, key=lambda s: (s.date, s.heure_debut or dt.time(0), s.reference))
    return max(lignes, key=lambda s: (s.date, s.reference), default=None)


def _valeur() -> QLabel:
    etiquette = QLabel()
    etiquette.setWordWrap(True)
    etiquette.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return etiquette


class ResumeSeance(QScrollArea):
    """The « Séance » tab: everything recorded about the meeting, read-only (edit it with « Modifier… »)."""

    CHAMPS_GAUCHE = ("Instance", "Date", "Horaire", "Format", "Lieu", "Lien de visio", "Président de séance")
    CHAMPS_DROITE = (
        "Statut",
        "Convocation",
        "Motif de l'urgence",
        "Procès-verbal",
        "Ordre du jour",
        "Présences",
        "Secrétaire de séance",
    )

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.seance: LigneSeance | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setAccessibleName("Résumé de la séance")
        self.valeurs: dict[str, QLabel] = {}
        self.vide = QLabel("Choisissez une séance dans la liste ci-dessus.")
        self.fiche = QWidget()
        colonnes = QHBoxLayout(self.fiche)
        colonnes.setContentsMargins(0, 0, 0, 0)
        for champs in (self.CHAMPS_GAUCHE, self.CHAMPS_DROITE):
            formulaire = QFormLayout()
            formulaire.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            formulaire.setVerticalSpacing(3)
            for champ in champs:
                self.valeurs[champ] = _valeur()
                formulaire.addRow(f"{champ} :", self.valeurs[champ])
            colonnes.addLayout(formulaire, 1)
        contenu = QWidget()
        disposition = QVBoxLayout(contenu)
        disposition.addWidget(self.vide)
        disposition.addWidget(self.fiche)
        disposition.addStretch(1)
        self.setWidget(contenu)

    def afficher(self, seance_id: int | None) -> None:
        def lire(session: Session) -> tuple[LigneSeance | None, PresenceSeance | None]:
            ligne = lire_seance(session, seance_id) if seance_id is not None else None
            presence = presence_seance(session, ligne.id) if ligne is not None and ligne.tenue else None
            return ligne, presence

        self.seance, presence = self.contexte.lire(lire)
        self.vide.setVisible(self.seance is None)
        self.fiche.setVisible(self.seance is not None)
        if self.seance is not None:
            for champ, texte in self.textes(self.seance, presence).items():
                self.valeurs[champ].setText(texte)

    @staticmethod
    def textes(s: LigneSeance, presence: PresenceSeance | None) -> dict[str, str]:
        statut = s.statut.libelle
        if s.seconde_convocation_de:
            statut += f" — seconde convocation de {s.seconde_convocation_de}, sans quorum requis"
        return {
            "Instance": s.instance,
            "Date": date_avec_jour(s.date),
            "Horaire": s.horaire or TIRET,
            "Format": s.format.libelle,
            "Lieu": s.lieu or ("à indiquer" if s.format is not FormatSeance.VISIO else TIRET),
            "Lien de visio": s.lien_visio or ("à indiquer" if s.format is not FormatSeance.PRESENTIEL else TIRET),
            "Président de séance": s.president_seance or "non désigné",
            "Secrétaire de séance": s.secretaire_seance or "non désigné",
            "Statut": statut,
            "Convocation": (
                f"envoyée le {date_longue(s.convocation_envoyee_le)}"
                if s.convocation_envoyee_le is not None
                else (
                    f"à envoyer au plus tard le {date_longue(s.limite_convocation)}"
                    if s.statut is StatutSeance.PLANIFIEE
                    else TIRET
                )
            ),
            "Motif de l'urgence": s.motif_urgence or TIRET,
            "Procès-verbal": texte_pv(s),
            "Ordre du jour": f"{nombre(s.points)} point{'s' if s.points > 1 else ''}" if s.points else "aucun point",
            "Présences": _texte_presences(s, presence),
        }


def _texte_presences(s: LigneSeance, presence: PresenceSeance | None) -> str:
    if presence is None:
        return "à noter après la séance" if s.statut in (StatutSeance.PLANIFIEE, StatutSeance.CONVOQUEE) else TIRET
    d = presence.decompte
    if not d.attendus:
        return "aucun siège attendu à cette date"
    morceaux = [f"{nombre(d.presents)} présent{'s' if d.presents > 1 else ''}"]
    for valeur, singulier in (
        (d.supplees, "suppléé"),
        (d.representes, "représenté"),
        (d.excuses, "excusé"),
        (d.absents, "absent"),
    ):
        if valeur:
            morceaux.append(f"{nombre(valeur)} {singulier}{'s' if valeur > 1 else ''}")
    texte = f"{', '.join(morceaux)} sur {nombre(d.attendus)} sièges attendus"
    if s.seconde_convocation_de:
        return f"{texte} ; aucun quorum requis"
    quorum = "quorum atteint" if presence.quorum_atteint else "quorum non atteint"
    return f"{texte} ; {quorum} ({nombre(presence.requis)} requis)"


# The workflow's buttons: target status → (text, accessible name, tooltip).
ACTIONS_STATUT: dict[StatutSeance, tuple[str, str, str]] = {
    StatutSeance.CONVOQUEE: (
        "Con&voquer…",
        "Convoquer la séance choisie",
        "La convocation part aujourd'hui ; passé le délai de l'instance, un motif d'urgence est demandé",
    ),
    StatutSeance.TENUE: ("Marquer &tenue", "Marquer la séance comme tenue", "La séance a eu lieu"),
    StatutSeance.CLOTUREE: (
        "&Clôturer",
        "Clôturer la séance",
        "Présences et compte rendu achevés : la séance est close",
    ),
    StatutSeance.ANNULEE: ("Ann&uler la séance", "Annuler la séance", "La séance n'aura pas lieu"),
    StatutSeance.REPORTEE: (
        "Re&porter",
        "Reporter la séance",
        "La séance est repoussée à une date à fixer (« Replanifier » ensuite)",
    ),
    StatutSeance.PLANIFIEE: (
        "Re&planifier",
        "Replanifier la séance",
        "La séance reportée est de nouveau planifiée : donnez sa nouvelle date avec « Modifier… », puis convoquez",
    ),
}
LIBELLES_STATUT = {
    StatutSeance.TENUE: "Marquer la séance {} comme tenue",
    StatutSeance.CLOTUREE: "Clôturer la séance {}",
    StatutSeance.ANNULEE: "Annuler la séance {}",
    StatutSeance.REPORTEE: "Reporter la séance {}",
    StatutSeance.PLANIFIEE: "Replanifier la séance {}",
}


class PageSeances(PageCreatrice):
    titre = "Séances"
    seance_choisie = Signal(object)  # int | None: the meeting chosen in the list

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(contexte, parent)
        self.choix = ChoixSeances((), (), (), None, {}, {})
        self.modele = modele_seances(self)
        self.proxy = FiltreLignes(self.modele, self)
        self._en_lecture = False
        self._premiere_lecture = True
        self._affichee: int | None = None  # the meeting the tabs show
        self._motif_seconde: str | None = ""
        self._approbatrices: list[tuple[int, str, dt.date]] = []

        self.recherche = champ_recherche("Rechercher une séance", "Référence, lieu, date, président…")
        self.filtre_instance = QComboBox()
        self.filtre_instance.setAccessibleName("Filtrer par instance")
        self.filtre_annee = QComboBox()
        self.filtre_annee.setAccessibleName("Filtrer par année")
        self.filtre_statut = QComboBox()
        self.filtre_statut.setAccessibleName("Filtrer par statut")
        self.filtre_instance.addItem(TOUTES_LES_INSTANCES, None)
        self.filtre_annee.addItem(TOUTES_LES_ANNEES, None)
        self.filtre_statut.addItem(TOUS_LES_STATUTS, "")
        for statut in StatutSeance:
            self.filtre_statut.addItem(statut.libelle, statut.value)
        self.filtres = (self.filtre_instance, self.filtre_annee, self.filtre_statut)
        infobulles = ("Les séances de cette instance", "Les séances de cette année", "Les séances à ce statut")
        for combo, infobulle in zip(self.filtres, infobulles, strict=True):
            # Each combo says what it filters (« Toutes les instances »): no label, and long instance names
            # cannot widen the page past 1280 pixels.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            metriques = combo.fontMetrics()
            combo.setMinimumContentsLength(
                1 + metriques.horizontalAdvance(combo.itemText(0)) // metriques.horizontalAdvance("X")
            )
            combo.setToolTip(infobulle)
        etiquette = QLabel("&Rechercher :")
        etiquette.setBuddy(self.recherche)
        filtres = QHBoxLayout()
        filtres.addWidget(etiquette)
        filtres.addWidget(self.recherche, 1)
        for combo in self.filtres:
            filtres.addSpacing(6)
            filtres.addWidget(combo)

        self.vue = creer_vue(self.proxy, "Liste des séances", colonne_tri=COLONNE_DATE)
        ajuster_colonnes(self.vue, {0: 12, 1: 28, 2: 19, 3: 17, 5: 11}, etiree=4)
        # The longest convocation text, measured: average widths in characters fall short on digits.
        self.vue.setColumnWidth(6, self.vue.fontMetrics().horizontalAdvance("envoyée le 30/09/2026 (urgence)") + 20)
        self.compte = QLabel()
        self.compte.setAccessibleName("Nombre de séances affichées")
        self.bouton_ajouter = bouton("&Nouvelle séance…", "ajouter", "Nouvelle séance", "Ctrl+N")
        self.bouton_modifier = bouton("&Modifier…", "modifier", "Modifier la séance choisie", "Entrée ou double-clic")
        self.bouton_supprimer = bouton(
            "&Supprimer",
            "supprimer",
            "Supprimer la séance choisie",
            "Touche Suppr ; seulement une séance planifiée où rien n'est encore enregistré",
        )
        boutons = rangee_de_boutons(
            self.bouton_ajouter, self.bouton_modifier, self.bouton_supprimer, droite=(self.compte,)
        )
        haut = QWidget()
        disposition_haut = QVBoxLayout(haut)
        disposition_haut.setContentsMargins(0, 0, 0, 0)
        disposition_haut.addWidget(self.vue, 1)
        disposition_haut.addLayout(boutons)

        # The chosen meeting: its status, the workflow's steps, then the tabs.
        self.etat = QLabel()
        self.etat.setAccessibleName("Statut de la séance choisie")
        self.boutons_statut: dict[StatutSeance, QPushButton] = {}
        actions = QHBoxLayout()
        actions.addWidget(self.etat)
        actions.addSpacing(12)
        for statut, (texte, nom, infobulle) in ACTIONS_STATUT.items():
            self.boutons_statut[statut] = bouton(texte, None, nom, infobulle)
            actions.addWidget(self.boutons_statut[statut])
            self.boutons_statut[statut].clicked.connect(lambda _coche=False, statut=statut: self.changer_statut(statut))
        actions.addSpacing(12)
        self.bouton_seconde = bouton("Seconde c&onvocation…", None, "Seconde convocation de la séance choisie")
        self.bouton_approbation = bouton(
            "Appro&bation du PV…", None, "Approbation du procès-verbal de la séance choisie"
        )
        actions.addWidget(self.bouton_seconde)
        actions.addWidget(self.bouton_approbation)
        actions.addStretch(1)
        self.onglets = QTabWidget()
        self.onglets.setAccessibleName("Détail de la séance")
        self.resume = ResumeSeance(contexte)
        self.ordre_du_jour = OngletOrdreDuJour(contexte)
        bas = QWidget()
        disposition_bas = QVBoxLayout(bas)
        disposition_bas.setContentsMargins(0, 6, 0, 0)
        disposition_bas.addLayout(actions)
        disposition_bas.addWidget(self.onglets, 1)

        self.separateur = QSplitter(Qt.Orientation.Vertical)
        self.separateur.setObjectName("separateur_seances")
        self.separateur.addWidget(haut)
        self.separateur.addWidget(bas)
        self.separateur.setChildrenCollapsible(False)
        self.separateur.setStretchFactor(0, 1)
        self.separateur.setStretchFactor(1, 1)
        self.separateur.setSizes([500, 500])  # half each, until the user moves it (the window remembers it)

        disposition = QVBoxLayout(self)
        disposition.addWidget(QLabel(f"<h2>{self.titre}</h2>"))
        disposition.addLayout(filtres)
        disposition.addWidget(self.separateur, 1)

        self.recherche.textChanged.connect(self._filtrer)
        for combo in self.filtres:
            combo.currentIndexChanged.connect(self._filtrer)
        self.vue.doubleClicked.connect(lambda _index: self.modifier())
        self.vue.selectionModel().selectionChanged.connect(self._selection_changee)
        raccourci(self.vue, QKeySequence.StandardKey.Delete, self.supprimer)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Return), self.modifier)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Enter), self.modifier)
        raccourci(self.recherche, QKeySequence(Qt.Key.Key_Down), self.vue.setFocus)
        self.bouton_ajouter.clicked.connect(self.nouvelle)
        self.bouton_modifier.clicked.connect(self.modifier)
        self.bouton_supprimer.clicked.connect(self.supprimer)
        self.bouton_seconde.clicked.connect(self.seconde_convocation)
        self.bouton_approbation.clicked.connect(self.approuver)
        self.presences = OngletPresences(contexte)
        self.compte_rendu = OngletCompteRendu(contexte)
        self.onglet_actions = OngletActions(contexte)
        self.pieces = OngletPieces(contexte)
        self.documents = OngletDocuments(contexte)
        self.ajouter_onglet(self.resume, "Séance")
        self.ajouter_onglet(self.ordre_du_jour, "Ordre du jour")
        self.ajouter_onglet(self.presences, "Présences")
        self.ajouter_onglet(self.compte_rendu, "Compte rendu")
        self.ajouter_onglet(self.onglet_actions, "Actions")
        self.ajouter_onglet(self.pieces, "Pièces jointes")
        self.ajouter_onglet(self.documents, "Documents")
        self.rafraichir()

    # --- the detail's tabs -----------------------------------------------------------------------------------

    def ajouter_onglet(self, widget: QWidget, titre: str) -> int:
        """Add a tab to the detail; if it has `afficher(seance_id)`, it follows the chosen meeting from now on."""
        rang = self.onglets.addTab(widget, titre)
        if isinstance(widget, OngletSeance):
            widget.afficher(self.seance_selectionnee())
        return rang

    def imprimer(self) -> bool:
        """Fichier › Imprimer (Ctrl+P): the current tab prints what it shows if it defines `imprimer() -> bool`;
        otherwise the document of the moment (the convocation before the meeting, the minutes after)."""
        imprimer = getattr(self.onglets.currentWidget(), "imprimer", None)
        if callable(imprimer) and imprimer():
            return True
        return self.documents.imprimer()

    def modifications_en_cours(self) -> bool:
        """Asked before the window closes or changes base: minutes being typed are saved rather than lost;
        only those the service refuses (the message says why) are reported as unsaved."""
        return self.compte_rendu.modifie() and not self.compte_rendu.enregistrer()

    def _afficher_onglets(self) -> None:
        seance_id = self._affichee = self.seance_selectionnee()
        for rang in range(self.onglets.count()):
            onglet = self.onglets.widget(rang)
            if isinstance(onglet, OngletSeance):
                onglet.afficher(seance_id)
        self.seance_choisie.emit(seance_id)

    # --- reading and filtering -------------------------------------------------------------------------------

    def rafraichir(self) -> None:
        choisie = self.seance_selectionnee()

        def lire(session: Session) -> tuple[ChoixSeances, tuple[LigneSeance, ...]]:
            return lire_choix_seances(session), lire_seances(session)

        self.choix, lignes = self.contexte.lire(lire)
        self._en_lecture = True
        try:
            self._remplir(self.filtre_instance, [(c.libelle, c.id) for c in self.choix.instances])
            self._remplir(self.filtre_annee, [(str(a), a) for a in self.choix.annees])
            self.modele.definir(lignes)
            centrer = self._premiere_lecture or choisie is None
            if centrer:
                defaut = seance_par_defaut(lignes, horloge.aujourdhui())
                choisie = defaut.id if defaut is not None else None
                self._premiere_lecture = False
            if selectionner(self.vue, self.proxy, choisie) and centrer:
                self._centrer()
        finally:
            self._en_lecture = False
        self._selection_changee()
        self._actualiser_compte()

    @staticmethod
    def _remplir(combo: QComboBox, elements: list[tuple[str, int]]) -> None:
        """Refill a filter after an edit (a new year, an instance renamed), keeping what was chosen."""
        avant = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for texte, valeur in elements:
            combo.addItem(texte, valeur)
        rang = combo.findData(avant) if avant is not None else 0
        combo.setCurrentIndex(max(rang, 0))
        combo.blockSignals(False)

    def rechercher(self) -> None:
        self.recherche.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.recherche.selectAll()

    def _filtrer(self) -> None:
        instance_id, annee = id_de(self.filtre_instance), id_de(self.filtre_annee)
        code = self.filtre_statut.currentData()
        statut = StatutSeance.de_code(code) if code else None

        def accepte(s: LigneSeance) -> bool:
            return (
                (instance_id is None or s.instance_id == instance_id)
                and (annee is None or s.date.year == annee)
                and (statut is None or s.statut is statut)
            )

        self.proxy.definir_recherche(self.recherche.text())
        self.proxy.definir_condition(None if instance_id is None and annee is None and statut is None else accepte)
        self._actualiser_compte()
        if self.seance_selectionnee() != self._affichee:  # typing in the search box reloads no tab for nothing
            self._selection_changee()

    def _actualiser_compte(self) -> None:
        self.compte.setText(compte_affiche(self.proxy, "séance"))

    def seance_selectionnee(self) -> int | None:
        return identifiant_selectionne(self.vue, self.proxy)

    def seance(self) -> LigneSeance | None:
        return ligne_selectionnee(self.vue, self.proxy)

    def _selection_changee(self) -> None:
        if self._en_lecture:
            return  # once, at the end of the reload
        seance = self.seance()

        def lire(session: Session) -> tuple[str | None, list[tuple[int, str, dt.date]]]:
            if seance is None:
                return "", []
            motif = seances.motif_refus_seconde_convocation(session, seance.id)
            return motif, [(i, r, self._date_de(i)) for i, r in approbation.seances_approbatrices(session, seance.id)]

        try:
            self._motif_seconde, self._approbatrices = self.contexte.lire(lire)
        except ErreurConnue:
            self._motif_seconde, self._approbatrices = "", []
        self._actualiser_boutons(seance)
        self._afficher_onglets()

    def _date_de(self, seance_id: int) -> dt.date:
        rang = self.modele.rang_de(seance_id)
        return self.modele.ligne(rang).date if rang is not None else dt.date.min

    def _actualiser_boutons(self, seance: LigneSeance | None) -> None:
        ecriture = not self.contexte.base.lecture_seule
        self.bouton_ajouter.setEnabled(ecriture and bool(self.choix.instances))
        self.bouton_ajouter.setToolTip(
            "Ctrl+N" if self.choix.instances else "Créez d'abord une instance (page Comité, onglet Instances)"
        )
        self.bouton_modifier.setEnabled(ecriture and seance is not None)
        self.bouton_supprimer.setEnabled(ecriture and seance is not None and seance.statut is StatutSeance.PLANIFIEE)
        if seance is None:
            self.etat.setText("<b>Aucune séance choisie</b>")
        else:
            self.etat.setText(f"<b>{seance.reference}</b> · {seance.statut.libelle.lower()}")
        possibles = seances.transitions_possibles(seance.statut) if seance is not None else frozenset()
        jour = horloge.aujourdhui()
        for statut, b in self.boutons_statut.items():
            b.setVisible(statut in possibles)
            b.setEnabled(ecriture and statut in possibles)
            infobulle = ACTIONS_STATUT[statut][2]
            if statut is StatutSeance.TENUE and seance is not None and seance.date > jour:
                b.setEnabled(False)
                infobulle = f"La séance a lieu le {date_longue(seance.date)} : elle sera marquée tenue ce jour-là."
            b.setToolTip(infobulle)
        if seance is None:
            self.bouton_seconde.setEnabled(False)
            self.bouton_seconde.setToolTip("Choisissez une séance tenue sans quorum")
        else:
            self.bouton_seconde.setEnabled(ecriture and self._motif_seconde is None)
            self.bouton_seconde.setToolTip(
                self._motif_seconde
                or "Réunir de nouveau l'instance, avec le même ordre du jour : aucun quorum n'y sera requis"
            )
        self.bouton_approbation.setEnabled(
            ecriture and seance is not None and seance.tenue and bool(self._approbatrices)
        )
        if seance is None or not seance.tenue:
            raison = "Le procès-verbal s'approuve une fois la séance tenue, à une séance suivante de l'instance"
        elif not self._approbatrices:
            raison = (
                f"Aucune séance tenue de « {seance.instance} » après le {date_longue(seance.date)} : "
                "le procès-verbal s'approuve à la séance suivante, une fois tenue"
            )
        else:
            raison = f"Procès-verbal : {texte_pv(seance)}"
        self.bouton_approbation.setToolTip(raison)

    def montrer(self, seance_id: int | None) -> None:
        """Select a meeting, clearing the filters if they hide it (one just created, for example)."""
        if seance_id is not None and not selectionner(self.vue, self.proxy, seance_id):
            self.recherche.clear()
            for combo in self.filtres:
                combo.setCurrentIndex(0)
            selectionner(self.vue, self.proxy, seance_id)
        self._centrer()

    def _centrer(self) -> None:
        """Past meetings above, the coming ones below: the chosen one in the middle of the list."""
        lignes = self.vue.selectionModel().selectedRows()
        if lignes:
            self.vue.scrollTo(lignes[0], QAbstractItemView.ScrollHint.PositionAtCenter)

    # --- editing ---------------------------------------------------------------------------------------------

    def dialogue(self, seance: LigneSeance | None = None) -> DialogueSeance:
        dialogue = DialogueSeance(self.contexte, self.choix, seance, self)
        dialogue.accepted.connect(lambda: self.montrer(dialogue.identifiant))  # a new one may be filtered out
        return dialogue

    def nouvelle(self) -> None:
        if not self.contexte.base.lecture_seule and self.choix.instances:
            self.dialogue().exec()

    def modifier(self) -> None:
        seance = self.seance()
        if seance is not None and not self.contexte.base.lecture_seule:
            self.dialogue(seance).exec()

    def supprimer(self) -> None:
        seance = self.seance()
        if seance is None or self.contexte.base.lecture_seule:
            return
        titre = "Supprimer une séance"
        try:
            motif = self.contexte.lire(lambda s: seances.motif_refus_suppression(s, seance.id))
            if motif is not None:
                avertir(self, titre, motif)
                return
            ordre = f" et son ordre du jour ({nombre(seance.points)} point{'s' if seance.points > 1 else ''})"
            question = (
                f"Supprimer la séance {seance.reference} du {date_longue(seance.date)}"
                f"{ordre if seance.points else ''} ? Supprimez seulement une séance saisie par erreur : une "
                "séance qui n'aura pas lieu s'annule ou se reporte."
            )
            if not confirmer(self, titre, question, "&Supprimer"):
                return
            seance_id = seance.id

            def faire(session: Session) -> tuple[FicheSeance, list[FichePoint]]:
                points = points_de(session, seance_id)
                return seances.supprimer_seance(session, seance_id), points

            self.contexte.executer(
                f"Supprimer la séance {seance.reference}",
                faire=faire,
                defaire=_recreer,
                refaire=lambda s, avant: faire(s),
            )
        except ErreurConnue as erreur:
            avertir(self, titre, erreur)

    # --- the workflow ----------------------------------------------------------------------------------------

    def dialogue_urgence(
        self, seance: LigneSeance, explication: str, envoi: dt.date | None = None
    ) -> DialogueMotifUrgence:
        return DialogueMotifUrgence(self.contexte, seance, explication, self, envoi=envoi)

    def dialogue_seconde(self, seance: LigneSeance) -> DialogueSecondeConvocation:
        dialogue = DialogueSecondeConvocation(self.contexte, seance, self)
        dialogue.accepted.connect(lambda: self.montrer(dialogue.identifiant))
        return dialogue

    def dialogue_approbation(self, seance: LigneSeance) -> DialogueApprobation:
        return DialogueApprobation(self.contexte, seance, self._approbatrices, self)

    def changer_statut(self, statut: StatutSeance) -> None:
        seance = self.seance()
        b = self.boutons_statut[statut]
        if seance is None or self.contexte.base.lecture_seule or not (b.isVisible() and b.isEnabled()):
            return
        if statut is StatutSeance.CONVOQUEE:
            self.convoquer(seance)
            return
        if statut is StatutSeance.ANNULEE and not self._confirmer_annulation(seance):
            return
        seance_id = seance.id
        try:
            self.contexte.executer(
                LIBELLES_STATUT[statut].format(seance.reference),
                faire=lambda s: seances.passer_a(s, seance_id, statut),
                defaire=seances.restaurer_workflow,
                refaire=lambda s, _avant: seances.passer_a(s, seance_id, statut),
            )
        except ErreurConnue as erreur:
            avertir(self, ACTIONS_STATUT[statut][1], erreur)

    def _confirmer_annulation(self, seance: LigneSeance) -> bool:
        boite = QMessageBox(
            QMessageBox.Icon.Question,
            "Annuler la séance",
            f"Annuler la séance {seance.reference} du {date_longue(seance.date)} ? Elle ne se tiendra pas ; "
            "pensez à prévenir les membres déjà convoqués.",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        oui = boite.addButton("Annuler la séance", QMessageBox.ButtonRole.DestructiveRole)
        non = boite.addButton("Garder la séance", QMessageBox.ButtonRole.RejectRole)
        boite.setDefaultButton(non)
        boite.setEscapeButton(non)
        boite.exec()
        return boite.clickedButton() is oui

    def convoquer(self, seance: LigneSeance) -> None:
        titre = f"Convoquer la séance {seance.reference}"
        jour = horloge.aujourdhui()
        try:
            avant = self.contexte.lire(lambda s: avant_convocation(s, seance.id, jour))
            if avant.lieu_manquant:
                avertir(self, titre, f"{avant.lieu_manquant} (bouton « Modifier… »)")
                return
            if avant.retard:
                self.dialogue_urgence(seance, avant.retard).exec()
                return
            convoquer(self.contexte, seance)
        except ErreurConnue as erreur:
            avertir(self, titre, erreur)

    def seconde_convocation(self) -> None:
        seance = self.seance()
        if seance is None or not self.bouton_seconde.isEnabled():
            return
        self.dialogue_seconde(seance).exec()

    def approuver(self) -> None:
        seance = self.seance()
        if seance is not None and self.bouton_approbation.isEnabled():
            self.dialogue_approbation(seance).exec()

    # --- review captures -------------------------------------------------------------------------------------

    def preparer_pour_captures(self) -> None:
        # The next meeting with an agenda, preferably one that examines a referral (the « Lié à » column).
        jour = horloge.aujourdhui()
        futures = [s for s in self.modele.lignes if s.date >= jour and s.points and s.statut not in STATUTS_ESTOMPES]
        choisie = (
            seance_par_defaut(tuple(s for s in futures if s.liens), jour)
            or seance_par_defaut(tuple(futures), jour)
            or seance_par_defaut(self.modele.lignes, jour)
        )
        self.montrer(choisie.id if choisie is not None else None)

    def dialogues_pour_captures(self) -> list[tuple[str, QWidget]]:
        dialogues: list[tuple[str, QWidget]] = []
        jour = horloge.aujourdhui()
        if self.choix.instances:
            dialogues.append(("Nouvelle séance", self.dialogue()))
        lignes = self.modele.lignes
        seance = self.seance() or (lignes[0] if lignes else None)
        if seance is None:
            return dialogues
        dialogues.append(("Modifier une séance", self.dialogue(seance)))
        self.montrer(seance.id)
        dialogues.append(("Nouveau point", self.ordre_du_jour.dialogue()))
        points = self.ordre_du_jour.modele.lignes
        if points:
            lie = next((p for p in points if p.lien), points[0])
            dialogues.append(("Modifier un point", self.ordre_du_jour.dialogue(lie)))
        # As if the convocation of the next planned meeting left two days before it.
        a_convoquer = seance_par_defaut(tuple(s for s in lignes if s.statut is StatutSeance.PLANIFIEE), jour)
        a_convoquer = a_convoquer or seance
        envoi = a_convoquer.date - dt.timedelta(days=2)
        explication = self.contexte.lire(lambda s: explication_retard(s, a_convoquer.id, envoi))
        dialogues.append(("Motif d'urgence", self.dialogue_urgence(a_convoquer, explication, envoi)))
        tenues = [s for s in lignes if s.tenue]
        sans_quorum = next((s for s in tenues if self._sans_quorum(s.id)), tenues[0] if tenues else seance)
        dialogues.append(("Seconde convocation", self.dialogue_seconde(sans_quorum)))
        if tenues:
            self.montrer(tenues[0].id)
            dialogues.append(("Approbation du procès-verbal", self.dialogue_approbation(tenues[0])))
            recente = max(tenues, key=lambda s: (s.date, s.reference))
            dialogues.append(("Saisie des présences", DialoguePresences(self.contexte, recente.id, self)))
            choix = self.contexte.lire(lambda s: lire_choix_action(s, recente.id))
            action = FicheAction(0, recente.id, "Envoyer le compte rendu aux membres", echeance=recente.date)
            dialogues.append(("Nouvelle action", DialogueAction(self.contexte, action, choix, self)))
        return dialogues

    def _sans_quorum(self, seance_id: int) -> bool:
        return not self.contexte.lire(lambda s: presence_seance(s, seance_id).quorum_atteint)


def _recreer(session: Session, supprimee: tuple[FicheSeance, list[FichePoint]]) -> None:
    """Undo of a deletion: the meeting under its own id, with its agenda (its items under their ids too)."""
    fiche, points = supprimee
    seances.ajouter_seance(session, fiche)
    for point in points:
        ajouter_point(session, point)
