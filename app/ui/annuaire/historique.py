"""The mandate history of the person chosen on the Membres page, with what can be done to a mandate."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app import horloge
from app.erreurs import ErreurConnue
from app.modeles.enumerations import Qualite
from app.services import annuaire
from app.services.annuaire_lecture import Choix, ChoixAnnuaire, EtatMandat, LigneMandat, LignePersonne, lire_mandats
from app.ui.annuaire.dialogues_mandats import DialogueFinMandat, DialogueMandat, DialogueRemplacement
from app.ui.annuaire.formulaire import de
from app.ui.annuaire.modeles import modele_mandats
from app.ui.annuaire.tableaux import (
    ajuster_colonnes,
    avertir,
    bouton,
    creer_vue,
    identifiant_selectionne,
    raccourci,
    selectionner,
)
from app.ui.comite.champs import confirmer
from app.ui.contexte import Contexte
from app.ui.tableau_lignes import FiltreLignes


class PanneauMandats(QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.personne: LignePersonne | None = None
        self.choix = ChoixAnnuaire((), (), (), ())
        self.modele = modele_mandats(self)
        self.proxy = FiltreLignes(self.modele, self)
        self.titre = QLabel()
        self.vue = creer_vue(self.proxy, "Historique des mandats", colonne_tri=6)
        ajuster_colonnes(self.vue, {1: 28, 2: 10, 3: 18, 4: 14, 5: 12, 6: 12, 7: 12, 8: 22, 9: 10}, etiree=0)

        self.bouton_ajouter = bouton("&Nouveau mandat…", "ajouter", "Ajouter un mandat à ce membre")
        self.bouton_modifier = bouton(
            "Modifi&er…", "modifier", "Modifier le mandat choisi", "Modifier le mandat choisi (ou double-clic)"
        )
        self.bouton_terminer = bouton(
            "&Terminer…",
            None,
            "Terminer le mandat choisi",
            "Terminer le mandat choisi : son dernier jour et le motif de fin",
        )
        self.bouton_remplacer = bouton(
            "Rem&placer…",
            None,
            "Remplacer le titulaire de ce siège",
            "Donner le siège à une autre personne ; les suppléants en cours la suivent",
        )
        self.bouton_supprimer = bouton(
            "Suppr&imer",
            "supprimer",
            "Supprimer le mandat choisi",
            "Pour un mandat saisi par erreur (touche Suppr) ; un mandat qui a compté dans des séances se termine",
        )
        boutons = QHBoxLayout()
        for b in (
            self.bouton_ajouter,
            self.bouton_modifier,
            self.bouton_terminer,
            self.bouton_remplacer,
            self.bouton_supprimer,
        ):
            boutons.addWidget(b)
        boutons.addStretch(1)
        disposition = QVBoxLayout(self)
        disposition.setContentsMargins(0, 6, 0, 0)
        disposition.addWidget(self.titre)
        disposition.addWidget(self.vue, 1)
        disposition.addLayout(boutons)

        self.vue.doubleClicked.connect(lambda _index: self.modifier())
        self.vue.selectionModel().selectionChanged.connect(self._actualiser_boutons)
        raccourci(self.vue, QKeySequence.StandardKey.Delete, self.supprimer)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Return), self.modifier)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Enter), self.modifier)
        self.bouton_ajouter.clicked.connect(self.ajouter)
        self.bouton_modifier.clicked.connect(self.modifier)
        self.bouton_terminer.clicked.connect(self.terminer)
        self.bouton_remplacer.clicked.connect(self.remplacer)
        self.bouton_supprimer.clicked.connect(self.supprimer)
        self.afficher(None, self.choix)

    def afficher(self, personne: LignePersonne | None, choix: ChoixAnnuaire) -> None:
        """Show `personne`'s mandates (read again), keeping the chosen mandate if it is still there."""
        choisi = self.selection()
        self.personne = personne
        self.choix = choix
        if personne is None:
            self.titre.setText("<b>Mandats</b> — choisissez un membre dans la liste ci-dessus.")
            self.modele.definir(())
        else:
            jour = horloge.aujourdhui()
            self.titre.setText(f"<b>Mandats {de(personne.nom_complet)}</b>")
            self.modele.definir(self.contexte.lire(lambda s: lire_mandats(s, personne.id, jour)))
            selectionner(self.vue, self.proxy, choisi)
        self._actualiser_boutons()

    def selection(self) -> int | None:
        return identifiant_selectionne(self.vue, self.proxy)

    def mandat(self) -> LigneMandat | None:
        identifiant = self.selection()
        rang = self.modele.rang_de(identifiant) if identifiant is not None else None
        return self.modele.ligne(rang) if rang is not None else None

    def _actualiser_boutons(self) -> None:
        ecriture = not self.contexte.base.lecture_seule
        mandat = self.mandat()
        self.bouton_ajouter.setEnabled(ecriture and self.personne is not None)
        self.bouton_modifier.setEnabled(ecriture and mandat is not None)
        self.bouton_supprimer.setEnabled(ecriture and mandat is not None)
        # An end already recorded (with its reason) is changed through « Modifier », not ended twice.
        en_cours = mandat is not None and mandat.etat is not EtatMandat.TERMINE and mandat.motif_fin is None
        self.bouton_terminer.setEnabled(ecriture and en_cours)
        self.bouton_remplacer.setEnabled(
            ecriture and en_cours and mandat is not None and mandat.qualite is Qualite.TITULAIRE
        )

    # --- dialogs (built here so that tests and review captures can fill them without exec) ---------------------

    def _personne(self) -> Choix:
        assert self.personne is not None
        return Choix(self.personne.id, self.personne.nom_complet)

    def dialogue_mandat(self, mandat: LigneMandat | None = None) -> DialogueMandat:
        dernier = self.modele.lignes[-1].college_id if mandat is None and self.modele.lignes else None
        return DialogueMandat(self.contexte, self._personne(), self.choix, mandat, self, college_par_defaut=dernier)

    def dialogue_fin(self, mandat: LigneMandat) -> DialogueFinMandat:
        return DialogueFinMandat(self.contexte, self._personne().libelle, mandat, self)

    def dialogue_remplacement(self, mandat: LigneMandat) -> DialogueRemplacement:
        return DialogueRemplacement(self.contexte, self._personne().libelle, mandat, self.choix.personnes, self)

    # --- actions ---------------------------------------------------------------------------------------------

    def ajouter(self) -> None:
        if self.personne is None or self.contexte.base.lecture_seule:
            return
        dialogue = self.dialogue_mandat()
        if dialogue.exec():
            selectionner(self.vue, self.proxy, dialogue.identifiant)

    def modifier(self) -> None:
        mandat = self.mandat()
        if mandat is not None and not self.contexte.base.lecture_seule:
            self.dialogue_mandat(mandat).exec()

    def terminer(self) -> None:
        mandat = self.mandat()
        if self.bouton_terminer.isEnabled() and mandat is not None:
            self.dialogue_fin(mandat).exec()

    def remplacer(self) -> None:
        mandat = self.mandat()
        if self.bouton_remplacer.isEnabled() and mandat is not None:
            self.dialogue_remplacement(mandat).exec()

    def supprimer(self) -> None:
        mandat = self.mandat()
        if mandat is None or self.personne is None or self.contexte.base.lecture_seule:
            return
        titre = "Supprimer un mandat"
        nom = self.personne.nom_complet
        question = (
            f"Supprimer le mandat {de(nom)} dans « {mandat.instance} » ? Supprimez seulement un mandat saisi par "
            "erreur : un mandat qui s'achève se termine (bouton « Terminer le mandat… »), pour garder l'historique."
        )
        if not confirmer(self, titre, question, "&Supprimer"):
            return
        try:
            self.contexte.executer(
                f"Supprimer le mandat {de(nom)} ({mandat.instance})",
                faire=lambda s: annuaire.supprimer_mandat(s, mandat.id),
                defaire=annuaire.restaurer_mandat,
                refaire=lambda s, f: annuaire.supprimer_mandat(s, f.id),
            )
        except ErreurConnue as erreur:
            avertir(self, titre, erreur)
