"""Saisines: the register of ethics referrals, filtered and searched; below, the chosen one's steps and detail.

The register shows each referral's running deadline (acknowledgement, then opinion) and its delay. Above the
tabs, the workflow's next steps (CONCEPTION §2), only those allowed from its status, each through a small
dialog. Every write goes through `Contexte.executer`: Ctrl+Z takes it back.

The tab protocol: a tab may define `afficher(detail: DetailSaisine | None)`; the page reads the chosen
referral's detail once and hands it to every tab whenever the choice or the data change. Editing tabs also
define `modifie()` and `enregistrer() -> bool` (asked before the window closes).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol, runtime_checkable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app import horloge
from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.modeles.enumerations import StatutSaisine
from app.services import saisines
from app.services.annuaire_lecture import lire_choix
from app.services.saisines import SaisineSupprimee
from app.services.saisines_lecture import DetailSaisine, LigneSaisine, lire_detail, lire_saisines, seances_a_venir
from app.services.saisines_workflow import TRANSITIONS
from app.ui.annuaire.tableaux import (
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
from app.ui.saisines.champs import largeurs_mesurees
from app.ui.saisines.constats import detecter
from app.ui.saisines.demandeur import OngletDemandeur
from app.ui.saisines.dialogue_saisine import DialogueNouvelleSaisine
from app.ui.saisines.etapes import DialogueEtape, texte_bouton
from app.ui.saisines.fiche import OngletSaisine
from app.ui.saisines.hcts import DialogueEscalade, DialogueReponseHcts
from app.ui.saisines.question import OngletQuestion
from app.ui.saisines.registre import COLONNE_NUMERO, ModeleSaisines, jours
from app.ui.saisines.suivi import OngletSuivi
from app.ui.saisines.validation import DialogueValidation
from app.ui.tableau_lignes import FiltreLignes

S = StatutSaisine
TOUTES_LES_ANNEES = "Toutes les années"
TOUS_LES_STATUTS = "Tous les statuts"
EN_COURS = "En cours"
CODE_EN_COURS = "en_cours"
# Every step a button may offer, in the workflow's order (a referral offers at most three at a time).
ETAPES = tuple(dict.fromkeys(vers for suivants in TRANSITIONS.values() for vers in suivants))


@runtime_checkable
class OngletDetail(Protocol):
    """What a tab of the detail implements to follow the chosen referral (None: none chosen)."""

    def afficher(self, detail: DetailSaisine | None) -> None: ...


@runtime_checkable
class OngletEdition(Protocol):
    def modifie(self) -> bool: ...

    def enregistrer(self) -> bool: ...


class PageSaisines(PageCreatrice):
    titre = "Saisines"
    saisine_choisie = Signal(object)  # int | None: the referral chosen in the register

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(contexte, parent)
        self.modele = ModeleSaisines(self)
        self.proxy = FiltreLignes(self.modele, self)
        self.detail: DetailSaisine | None = None
        self._refus_suppression: str | None = None
        self._en_lecture = False
        self._premiere_lecture = True
        self._en_sauvegarde = False
        self._rafraichir_ensuite = False

        self.recherche = champ_recherche("Rechercher une saisine", "Numéro, thème, type de demandeur…")
        self.filtre_annee = QComboBox()
        self.filtre_annee.setAccessibleName("Filtrer par année")
        self.filtre_annee.setToolTip("Les saisines reçues cette année-là")
        self.filtre_annee.addItem(TOUTES_LES_ANNEES, None)
        self.filtre_statut = QComboBox()
        self.filtre_statut.setAccessibleName("Filtrer par statut")
        self.filtre_statut.setToolTip("« En cours » : toutes celles qui ne sont pas clôturées")
        self.filtre_statut.addItem(TOUS_LES_STATUTS, "")
        self.filtre_statut.addItem(EN_COURS, CODE_EN_COURS)
        for statut in StatutSaisine:
            self.filtre_statut.addItem(statut.libelle, statut.value)
        self.filtres = (self.filtre_annee, self.filtre_statut)
        etiquette = QLabel("&Rechercher :")
        etiquette.setBuddy(self.recherche)
        filtres = QHBoxLayout()
        filtres.addWidget(etiquette)
        filtres.addWidget(self.recherche, 1)
        for combo in self.filtres:
            filtres.addSpacing(6)
            filtres.addWidget(combo)

        self.vue = creer_vue(self.proxy, "Registre des saisines", colonne_tri=COLONNE_NUMERO)
        self.vue.sortByColumn(COLONNE_NUMERO, Qt.SortOrder.DescendingOrder)  # the latest first, as in a register
        largeurs_mesurees(
            self.vue,
            {
                0: "SAI-2026-000",
                1: "00/00/0000",
                2: "Travailleur social",  # « Personne accompagnée » ends in « … », whole in its tooltip
                3: "Formulaire",
                5: "Inscrite à l'ordre du jour",  # « Accusé de réception envoyé » ends in « … »: its tooltip says it
                6: "Accusé de réception : 00/00/0000",
                7: "99 jours",
                8: "00/00/0000",
            },
            etiree=4,
        )
        self.compte = QLabel()
        self.compte.setAccessibleName("Nombre de saisines affichées")
        self.bouton_ajouter = bouton("&Nouvelle saisine…", "ajouter", "Nouvelle saisine", "Ctrl+N")
        self.bouton_supprimer = bouton("&Supprimer…", "supprimer", "Supprimer la saisine choisie")
        haut = QWidget()
        disposition_haut = QVBoxLayout(haut)
        disposition_haut.setContentsMargins(0, 0, 0, 0)
        disposition_haut.addWidget(self.vue, 1)
        disposition_haut.addLayout(rangee_de_boutons(self.bouton_ajouter, self.bouton_supprimer, droite=(self.compte,)))

        # The chosen referral: its status and the workflow's next steps, then the tabs.
        self.etat = QLabel()
        self.etat.setAccessibleName("Statut de la saisine choisie")
        self.boutons_etape: dict[StatutSaisine, QPushButton] = {}
        self.rangee_etapes = QHBoxLayout()
        for vers in ETAPES:
            b = bouton(texte_bouton(S.RECUE, vers), None, "")
            b.hide()
            b.clicked.connect(lambda _coche=False, vers=vers: self.passer(vers))
            self.boutons_etape[vers] = b
            self.rangee_etapes.addWidget(b)
        actions = QHBoxLayout()
        actions.addWidget(self.etat)
        actions.addSpacing(12)
        actions.addLayout(self.rangee_etapes)
        actions.addStretch(1)
        self.onglets = QTabWidget()
        self.onglets.setAccessibleName("Détail de la saisine")
        self.fiche = OngletSaisine(contexte)
        self.question = OngletQuestion(contexte)
        self.suivi = OngletSuivi(contexte)
        self.demandeur = OngletDemandeur(contexte)
        for onglet, titre in (
            (self.fiche, "Saisine"),
            (self.question, "Question"),
            (self.suivi, "Suivi"),
            (self.demandeur, "Demandeur"),
        ):
            self.onglets.addTab(onglet, titre)
        bas = QWidget()
        disposition_bas = QVBoxLayout(bas)
        disposition_bas.setContentsMargins(0, 6, 0, 0)
        disposition_bas.addLayout(actions)
        disposition_bas.addWidget(self.onglets, 1)

        self.separateur = QSplitter(Qt.Orientation.Vertical)
        self.separateur.setObjectName("separateur_saisines")
        self.separateur.addWidget(haut)
        self.separateur.addWidget(bas)
        self.separateur.setChildrenCollapsible(False)
        self.separateur.setStretchFactor(0, 2)
        self.separateur.setStretchFactor(1, 3)
        self.separateur.setSizes([400, 600])  # the detail needs more room than a register of a dozen lines

        disposition = QVBoxLayout(self)
        disposition.addWidget(QLabel(f"<h2>{self.titre}</h2>"))
        disposition.addLayout(filtres)
        disposition.addWidget(self.separateur, 1)

        self.recherche.textChanged.connect(self._filtrer)
        for combo in self.filtres:
            combo.currentIndexChanged.connect(self._filtrer)
        self.vue.selectionModel().selectionChanged.connect(self._selection_changee)
        raccourci(self.vue, QKeySequence.StandardKey.Delete, self.supprimer)
        raccourci(self.recherche, QKeySequence(Qt.Key.Key_Down), self.vue.setFocus)
        self.bouton_ajouter.clicked.connect(self.nouvelle)
        self.bouton_supprimer.clicked.connect(self.supprimer)
        self.rafraichir()

    # --- the detail's tabs -----------------------------------------------------------------------------------

    def onglets_detail(self) -> list[QWidget]:
        return [w for rang in range(self.onglets.count()) if (w := self.onglets.widget(rang)) is not None]

    def _afficher_onglets(self) -> None:
        for onglet in self.onglets_detail():
            if isinstance(onglet, OngletDetail):
                onglet.afficher(self.detail)
        self.saisine_choisie.emit(self.detail.fiche.id if self.detail else None)

    def modifications_en_cours(self) -> bool:
        """Asked before the window closes or changes base: typed changes are saved rather than lost; only those
        the service refuses (the message says why) are reported as unsaved."""
        return any(isinstance(o, OngletEdition) and o.modifie() and not o.enregistrer() for o in self.onglets_detail())

    def _enregistrer_onglets(self) -> None:
        self._en_sauvegarde = True
        try:
            for onglet in self.onglets_detail():
                if isinstance(onglet, OngletEdition) and onglet.modifie():
                    onglet.enregistrer()
        finally:
            self._en_sauvegarde = False
        if self._rafraichir_ensuite:
            self._rafraichir_ensuite = False
            QTimer.singleShot(0, self.rafraichir)

    def imprimer(self) -> bool:
        """Fichier › Imprimer (Ctrl+P): the file for the HCTS of the chosen referral, once its anonymisation
        is validated; False otherwise."""
        return self.suivi.dossier()

    # --- reading and filtering -------------------------------------------------------------------------------

    def rafraichir(self) -> None:
        if self._en_sauvegarde:
            # A tab saves the referral left while the register's selection is changing: resetting the model
            # under the selection model would crash Qt. The reload comes right after, from the event loop.
            self._rafraichir_ensuite = True
            return
        choisie = self.saisine_selectionnee()
        lignes = self.contexte.lire(lambda s: lire_saisines(s, horloge.aujourdhui()))
        self._en_lecture = True
        try:
            self._remplir_annees(sorted({s.annee for s in lignes}, reverse=True))
            self.modele.definir(lignes)
            if self._premiere_lecture or choisie is None:
                choisie = saisine_par_defaut(lignes)
                self._premiere_lecture = False
            selectionner(self.vue, self.proxy, choisie)
        finally:
            self._en_lecture = False
        self._selection_changee()
        self._actualiser_compte()

    def _remplir_annees(self, annees: list[int]) -> None:
        combo = self.filtre_annee
        avant = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for annee in annees:
            combo.addItem(str(annee), annee)
        rang = combo.findData(avant) if avant is not None else 0
        combo.setCurrentIndex(max(rang, 0))
        combo.blockSignals(False)

    def rechercher(self) -> None:
        self.recherche.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.recherche.selectAll()

    def _filtrer(self) -> None:
        annee = self.filtre_annee.currentData()
        code = self.filtre_statut.currentData()

        def accepte(s: LigneSaisine) -> bool:
            if annee is not None and s.annee != annee:
                return False
            if code == CODE_EN_COURS:
                return s.statut is not S.CLOTUREE
            return not code or s.statut.value == code

        self.proxy.definir_recherche(self.recherche.text())
        self.proxy.definir_condition(None if annee is None and not code else accepte)
        self._actualiser_compte()
        choisie = self.saisine_selectionnee()
        if choisie != (self.detail.fiche.id if self.detail else None):  # typing reloads no tab for nothing
            self._selection_changee()

    def _actualiser_compte(self) -> None:
        self.compte.setText(compte_affiche(self.proxy, "saisine"))

    def saisine_selectionnee(self) -> int | None:
        return identifiant_selectionne(self.vue, self.proxy)

    def saisine(self) -> LigneSaisine | None:
        return ligne_selectionnee(self.vue, self.proxy)

    def _selection_changee(self) -> None:
        if self._en_lecture:
            return  # once, at the end of the reload
        saisine_id = self.saisine_selectionnee()
        if self.detail is not None and saisine_id != self.detail.fiche.id:
            self._enregistrer_onglets()  # what was typed about the referral left is saved, not lost

        def lire(session: Session) -> tuple[DetailSaisine | None, str | None]:
            if saisine_id is None:
                return None, None
            return lire_detail(session, saisine_id), saisines.motif_refus_suppression(session, saisine_id)

        try:
            self.detail, self._refus_suppression = self.contexte.lire(lire)
        except ErreurConnue:
            self.detail, self._refus_suppression = None, None
        self._actualiser_boutons()
        self._afficher_onglets()

    def _actualiser_boutons(self) -> None:
        ecriture = not self.contexte.base.lecture_seule
        d = self.detail
        self.bouton_ajouter.setEnabled(ecriture)
        self.bouton_supprimer.setEnabled(ecriture and d is not None)
        self.bouton_supprimer.setToolTip(
            "Choisissez une saisine dans la liste"
            if d is None
            else self._refus_suppression or "Supprimer une saisine enregistrée par erreur (touche Suppr)"
        )
        ligne = self.saisine()
        if d is None:
            self.etat.setText("<b>Aucune saisine choisie</b>")
        else:
            retard = ""
            if ligne is not None and ligne.jours_de_retard > 0 and ligne.echeance is not None:
                quoi = "accusé de réception" if ligne.echeance.accuse else "avis"
                retard = (
                    f" · <span style='color:#A3231B'><b>{quoi} en retard de {jours(ligne.jours_de_retard)}</b></span>"
                )
            self.etat.setText(f"<b>{d.numero}</b> · {d.statut.libelle.lower()}{retard}")
        possibles = d.transitions if d is not None else ()
        # The steps in the workflow's order for this status: the way forward first, a step back after it.
        for rang, vers in enumerate([*possibles, *(v for v in ETAPES if v not in possibles)]):
            self.rangee_etapes.insertWidget(rang, self.boutons_etape[vers])
        for vers, b in self.boutons_etape.items():
            offert = d is not None and vers in possibles
            b.setVisible(offert)
            b.setEnabled(ecriture and offert)
            if d is not None and offert:
                b.setText(texte_bouton(d.statut, vers))
                b.setAccessibleName(f"{b.text().replace('&', '').removesuffix('…')} : saisine {d.numero}")

    def montrer(self, saisine_id: int | None) -> None:
        """Select a referral, clearing the filters if they hide it (one just registered, for example)."""
        if saisine_id is not None and not selectionner(self.vue, self.proxy, saisine_id):
            self.recherche.clear()
            for combo in self.filtres:
                combo.setCurrentIndex(0)
            selectionner(self.vue, self.proxy, saisine_id)

    # --- writing ---------------------------------------------------------------------------------------------

    def rien_a_imprimer(self) -> str:
        return (
            "Rien à imprimer : le dossier pour le HCTS s'imprime une fois l'anonymisation de la saisine choisie "
            "validée par une deuxième personne."
        )

    def dialogue_nouvelle(self) -> DialogueNouvelleSaisine:
        dialogue = DialogueNouvelleSaisine(self.contexte, self)
        dialogue.accepted.connect(lambda: self.montrer(dialogue.identifiant))
        return dialogue

    def nouvelle(self) -> None:
        if not self.contexte.base.lecture_seule:
            dialogue = self.dialogue_nouvelle()
            dialogue.exec()
            dialogue.deleteLater()

    def supprimer(self) -> None:
        d = self.detail
        if d is None or self.contexte.base.lecture_seule:
            return
        titre = "Supprimer une saisine"
        if self._refus_suppression is not None:
            avertir(self, titre, self._refus_suppression)
            return
        question = (
            f"Supprimer la saisine {d.numero} reçue le {date_longue(d.fiche.recue_le)} ? Supprimez seulement une "
            "saisine enregistrée par erreur : son numéro ne sera pas réattribué. (Ctrl+Z la rétablit.)"
        )
        if not confirmer(self, titre, question, "&Supprimer"):
            return
        saisine_id = d.fiche.id
        try:
            self.contexte.executer(
                f"Supprimer la saisine {d.numero}",
                faire=lambda s: saisines.supprimer_saisine(s, saisine_id),
                defaire=saisines.restaurer_saisine,
                refaire=_resupprimer,
            )
        except ErreurConnue as erreur:
            avertir(self, titre, erreur)

    def dialogue_etape(self, vers: StatutSaisine, detail: DetailSaisine | None = None) -> DialogueEtape:
        d = detail or self.detail
        assert d is not None
        seances = (
            self.contexte.lire(lambda s: seances_a_venir(s, horloge.aujourdhui())) if vers is S.INSCRITE_ODJ else []
        )
        return DialogueEtape(self.contexte, d, vers, seances, self)

    def passer(self, vers: StatutSaisine) -> None:
        """A step button: the anonymisation goes through the Question tab (save, check, second person)."""
        d = self.detail
        b = self.boutons_etape[vers]
        if d is None or self.contexte.base.lecture_seule or b.isHidden() or not b.isEnabled():
            return
        if vers is S.ANONYMISATION_VALIDEE:
            self.onglets.setCurrentWidget(self.question)
            self.question.valider()
            return
        dialogue = self.dialogue_etape(vers)
        dialogue.exec()
        dialogue.deleteLater()

    # --- review captures -------------------------------------------------------------------------------------

    def preparer_pour_captures(self) -> None:
        # The referral with the most to show: escalated to the HCTS, examined in meetings, with an opinion.
        lignes = self.modele.lignes
        choisie = next((s for s in lignes if s.escaladee_hcts_le is not None), None) or (lignes[0] if lignes else None)
        self.montrer(choisie.id if choisie is not None else None)

    def dialogues_pour_captures(self) -> list[tuple[str, QWidget]]:
        dialogues: list[tuple[str, QWidget]] = [("Nouvelle saisine", self.dialogue_nouvelle())]
        details = {s.statut: s.id for s in self.modele.lignes}

        def detail(statut: StatutSaisine) -> DetailSaisine | None:
            saisine_id = details.get(statut)
            return self.contexte.lire(lambda s: lire_detail(s, saisine_id)) if saisine_id is not None else None

        for de, vers, titre in (
            (S.RECUE, S.ACCUSEE, "Accuser réception"),
            (S.ACCUSEE, S.RECEVABLE, "Déclarer recevable"),
            (S.ACCUSEE, S.IRRECEVABLE, "Déclarer irrecevable"),
            (S.EN_INSTRUCTION, S.INSCRITE_ODJ, "Inscrire à l'ordre du jour"),
            (S.INSCRITE_ODJ, S.EN_INSTRUCTION, "Remettre en instruction"),
        ):
            d = detail(de) or _comme_si(detail(S.ACCUSEE) or self.detail, de)
            if d is not None:
                dialogues.append((titre, self.dialogue_etape(vers, d)))
        recevable = _comme_si(detail(S.ACCUSEE) or self.detail, S.RECEVABLE)
        if recevable is not None:
            exemple = self._exemple_de_verification(recevable)
            dialogues.append(("Exemple de vérification de l'anonymisation", exemple))
            signalements = list(exemple.modele.lignes)
            dialogues.append(
                ("Valider l'anonymisation", DialogueValidation(self.contexte, recevable, signalements, self))
            )
        escaladee = next((s for s in self.modele.lignes if s.escaladee_hcts_le is not None), None)
        if escaladee is not None:
            d = self.contexte.lire(lambda s: lire_detail(s, escaladee.id))
            dialogues.append(("Transmettre au HCTS", DialogueEscalade(self.contexte, d, self)))
            if d.envois:
                dialogues.append(("Réponse du HCTS", DialogueReponseHcts(self.contexte, d.numero, d.envois[0], self)))
        return dialogues

    def _exemple_de_verification(self, detail: DetailSaisine) -> OngletQuestion:
        """The Question tab on a draft full of identifying data, checked (review only: nothing is saved)."""
        personnes = self.contexte.lire(lambda s: lire_choix(s).personnes)
        suivie_par = personnes[0].libelle if personnes else "Anne Martin"
        onglet = OngletQuestion(self.contexte)
        onglet.setWindowTitle("Exemple de vérification de l'anonymisation")
        onglet.afficher(detail)
        onglet.question.setPlainText(
            f"Madame Dupont, née le 12/03/1980 et suivie par {suivie_par}, refuse que son dossier soit transmis "
            "au bailleur. Peut-on passer outre ? Elle est joignable au 06 12 34 56 78."
        )
        onglet.contexte_texte.setPlainText("Elle a écrit depuis l'adresse m.dupont@exemple.fr.")
        textes = (onglet.question.toPlainText(), onglet.contexte_texte.toPlainText())
        onglet.montrer_signalements(detecter(self.contexte.base, *textes), textes)
        onglet.resize(1100, 420)
        return onglet


def saisine_par_defaut(lignes: list[LigneSaisine]) -> int | None:
    """The referral most late on its deadline, else the latest registered."""
    en_retard = [s for s in lignes if s.jours_de_retard > 0]
    if en_retard:
        return max(en_retard, key=lambda s: (s.jours_de_retard, s.numero)).id
    return max(lignes, key=lambda s: (s.annee, s.rang)).id if lignes else None


def _resupprimer(session: Session, copie: SaisineSupprimee) -> SaisineSupprimee:
    return saisines.supprimer_saisine(session, int(copie.colonnes["id"]))


def _comme_si(detail: DetailSaisine | None, statut: StatutSaisine) -> DetailSaisine | None:
    """A referral's detail as if it were at `statut` (review captures only: nothing is written)."""
    if detail is None:
        return None
    return replace(detail, statut=statut, transitions=TRANSITIONS[statut])
