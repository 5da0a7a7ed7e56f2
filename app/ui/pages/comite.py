"""Comité: identity and governance (what the HCTS must be told), collèges, instances and their rules.

The fiche (Identité, Missions, Fonctionnement) is a draft saved whole by « Enregistrer » (Ctrl+S) as one undoable
step; collèges and instances are saved one dialog at a time. Every write goes through `Contexte.executer`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget

from app.erreurs import ErreurConnue
from app.services import comite as service
from app.services.comite import CollegeLu, FicheComite, InstanceLue
from app.services.dossier_candidature import dossier_candidature_pdf
from app.services.validation import ErreurValidation
from app.ui import impression
from app.ui.attente import avec_attente
from app.ui.comite.champs import COULEUR_ERREUR, confirmer
from app.ui.comite.dialogues import DialogueCollege, DialogueInstance
from app.ui.comite.formulaire import (
    ONGLET_DU_CHAMP,
    ONGLET_FONCTIONNEMENT,
    ONGLET_IDENTITE,
    ONGLET_MISSIONS,
    FormulaireComite,
)
from app.ui.comite.listes import ListeOrdonnee
from app.ui.comite.modeles import modele_colleges, modele_instances
from app.ui.contexte import Contexte
from app.ui.icones import icone
from app.ui.page import Page

TITRES_ONGLETS = {
    ONGLET_IDENTITE: "Identité",
    ONGLET_MISSIONS: "Missions",
    ONGLET_FONCTIONNEMENT: "Fonctionnement",
}
ONGLET_COLLEGES, ONGLET_INSTANCES = 3, 4
COMITE_ABSENT = (
    "Le comité n'est pas encore renseigné dans cette base : saisissez au moins son nom, puis enregistrez (Ctrl+S)."
)
LECTURE_SEULE = "La base est ouverte en lecture seule : la fiche du comité se consulte sans pouvoir être modifiée."


def _resume_champs(champs: list[str]) -> str:
    return ", ".join(champs) if len(champs) <= 3 else f"{', '.join(champs[:3])}…"


class PageComite(Page):
    titre = "Comité"

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(contexte, parent)
        self._reference = FicheComite()  # what the base holds (empty while there is no committee)
        self._existe = False
        self._forcer_rechargement = False
        self._lecture_seule = contexte.base.lecture_seule

        self.bandeau = QLabel()
        self.bandeau.setWordWrap(True)
        self.bandeau.setStyleSheet(
            "QLabel { background: #FFF4E5; border: 1px solid #F0C36D; border-radius: 3px; padding: 6px; }"
        )
        self.bandeau.hide()

        self.formulaire = FormulaireComite(self)
        self.colleges = ListeOrdonnee(
            modele_colleges(self),
            "Collèges",
            "Les collèges regroupent les membres selon ce qu'ils représentent ; leur catégorie range les "
            "indicateurs de présence et le rapport au HCTS. Un collège auquel un mandat est rattaché ne peut "
            "pas être supprimé.",
        )
        self.instances = ListeOrdonnee(
            modele_instances(self),
            "Instances",
            "Les instances du comité, avec leur règle de quorum (part des sièges attendus présents ou suppléés) "
            "et leur délai de convocation. Une instance qui a des mandats ou des séances ne peut pas être "
            "supprimée.",
        )
        self.onglets = QTabWidget()
        self.onglets.setAccessibleName("Rubriques du comité")
        self.onglets.addTab(self.formulaire.identite, TITRES_ONGLETS[ONGLET_IDENTITE])
        self.onglets.addTab(self.formulaire.missions, TITRES_ONGLETS[ONGLET_MISSIONS])
        self.onglets.addTab(self.formulaire.fonctionnement, TITRES_ONGLETS[ONGLET_FONCTIONNEMENT])
        self.onglets.addTab(self.colleges, "Collèges")
        self.onglets.addTab(self.instances, "Instances")

        self.etat = QLabel()
        self.etat.setStyleSheet(f"color: {COULEUR_ERREUR};")
        self.bouton_annuler = QPushButton(icone("annuler"), "Annu&ler les modifications")
        self.bouton_annuler.setAccessibleName("Annuler les modifications non enregistrées de la fiche du comité")
        self.bouton_annuler.setToolTip("Revenir à ce qui est enregistré dans la base")
        self.bouton_enregistrer = QPushButton(icone("enregistrer"), "&Enregistrer")
        self.bouton_enregistrer.setAccessibleName("Enregistrer la fiche du comité")
        self.bouton_enregistrer.setToolTip("Enregistrer l'identité, les missions et le fonctionnement (Ctrl+S)")
        # The candidature dossier (AMI section 3) is drawn from what is saved: previewed, printed or saved as PDF.
        self.bouton_dossier = QPushButton(icone("pdf"), "&Dossier de candidature…")
        self.bouton_dossier.setAccessibleName("Dossier de candidature : aperçu, impression ou enregistrement en PDF")
        self.bouton_dossier.setToolTip(
            "Le dossier de candidature à l'appel à manifestation d'intérêt, rempli à partir de ce qui est "
            "enregistré ; « À compléter » signale ce qui manque"
        )
        menu_dossier = QMenu(self.bouton_dossier)
        menu_dossier.addAction(icone("apercu"), "&Aperçu…", self.apercu_dossier)
        menu_dossier.addAction(icone("imprimer"), "&Imprimer…", self.imprimer_dossier)
        menu_dossier.addAction(icone("pdf"), "&Enregistrer en PDF…", self.enregistrer_dossier)
        self.bouton_dossier.setMenu(menu_dossier)
        barre = QHBoxLayout()
        barre.addWidget(self.bouton_dossier)
        barre.addWidget(self.etat, 1)
        barre.addWidget(self.bouton_annuler)
        barre.addWidget(self.bouton_enregistrer)

        titre = QLabel(f"<h2>{self.titre}</h2>")
        disposition = QVBoxLayout(self)
        disposition.addWidget(titre)
        disposition.addWidget(self.bandeau)
        disposition.addWidget(self.onglets, 1)
        disposition.addLayout(barre)

        raccourci = QShortcut(QKeySequence.StandardKey.Save, self)
        raccourci.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        raccourci.activated.connect(self.enregistrer)
        self.formulaire.modifie.connect(self._actualiser_etat)
        self.bouton_enregistrer.clicked.connect(self.enregistrer)
        self.bouton_annuler.clicked.connect(self.annuler_modifications)
        self.colleges.ajouter.connect(self.ajouter_college)
        self.colleges.modifier.connect(self.modifier_college)
        self.colleges.supprimer.connect(self.supprimer_college)
        self.colleges.deplacer.connect(lambda i, sens: self._deplacer("college", i, sens))
        self.instances.ajouter.connect(self.ajouter_instance)
        self.instances.modifier.connect(self.modifier_instance)
        self.instances.supprimer.connect(self.supprimer_instance)
        self.instances.deplacer.connect(lambda i, sens: self._deplacer("instance", i, sens))
        if self._lecture_seule:
            self.formulaire.lecture_seule(True)
            self.colleges.lecture_seule(True)
            self.instances.lecture_seule(True)
        self._actualiser_etat()

    # --- reading ---------------------------------------------------------------------------------------------

    def rafraichir(self) -> None:
        etat = self.contexte.lire(service.lire)
        self.formulaire.definir_structures(etat.structures)
        self.formulaire.definir_presidence(etat.presidence, etat.vice_presidence)
        reference = etat.fiche or FicheComite()
        # A draft being typed survives a reload caused elsewhere (a collège added, an undo on another page).
        if self._forcer_rechargement or not self.modifications_en_cours():
            self.formulaire.charger(reference)
        self._reference = reference
        self._existe = etat.fiche is not None
        self.colleges.definir(etat.colleges)
        self.instances.definir(etat.instances)
        self._actualiser_etat()

    def modifications_en_cours(self) -> bool:
        """Whether the fiche holds typed changes not yet saved (the main window asks before leaving)."""
        return self.formulaire.fiche() != self._reference

    def _actualiser_etat(self) -> None:
        fiche = self.formulaire.fiche()
        differents = {
            champ for champ in service.LIBELLES_CHAMPS if getattr(fiche, champ) != getattr(self._reference, champ)
        }
        onglets = sorted({ONGLET_DU_CHAMP[champ] for champ in differents})
        for rang, titre in TITRES_ONGLETS.items():
            self.onglets.setTabText(rang, f"{titre} *" if rang in onglets else titre)
        en_cours = bool(differents)
        self.etat.setText(
            f"⚠ Modifications non enregistrées : {', '.join(TITRES_ONGLETS[o] for o in onglets)}." if en_cours else ""
        )
        self.bouton_enregistrer.setEnabled(en_cours and not self._lecture_seule)
        self.bouton_annuler.setEnabled(en_cours)
        if self._lecture_seule:
            self.bandeau.setText(LECTURE_SEULE)
        else:
            self.bandeau.setText(COMITE_ABSENT)
        self.bandeau.setVisible(self._lecture_seule or not self._existe)

    # --- the fiche -------------------------------------------------------------------------------------------

    def enregistrer(self) -> bool:
        """Save the whole fiche as one undoable step; a refusal is shown under the field at fault."""
        if self._lecture_seule or not self.modifications_en_cours():
            return False
        fiche = self.formulaire.fiche()
        self.formulaire.effacer_erreurs()
        if self._existe:
            libelle = f"Modifier le comité : {_resume_champs(service.champs_modifies(self._reference, fiche))}"
        else:
            libelle = "Renseigner le comité"
        self._forcer_rechargement = True
        try:
            self.contexte.executer(
                libelle,
                faire=lambda s: service.enregistrer_comite(s, fiche),
                defaire=service.restaurer_comite,
            )
        except ErreurValidation as erreur:
            onglet = ONGLET_DU_CHAMP.get(erreur.champ)
            if onglet is not None:
                self.onglets.setCurrentIndex(onglet)
            if not self.formulaire.afficher_erreur(erreur.champ, erreur.message):
                QMessageBox.warning(self, self.titre, erreur.message)
            return False
        except ErreurConnue as erreur:
            QMessageBox.warning(self, self.titre, erreur.message)
            return False
        finally:
            self._forcer_rechargement = False
        return True

    def annuler_modifications(self) -> None:
        if not self.modifications_en_cours():
            return
        if not confirmer(
            self,
            "Annuler les modifications",
            "Abandonner les modifications non enregistrées de la fiche du comité ?",
            "&Abandonner",
        ):
            return
        self.formulaire.charger(self._reference)
        self._actualiser_etat()

    # --- dialogs -------------------------------------------------------------------------------------------

    @staticmethod
    def _ouvrir(
        dialogue: DialogueCollege | DialogueInstance, liste: ListeOrdonnee[CollegeLu] | ListeOrdonnee[InstanceLue]
    ) -> None:
        """Run the dialog; once saved, its record is the selected row. The dialog is then disposed of."""
        try:
            if dialogue.exec():
                liste.selectionner(dialogue.identifiant)
        finally:
            dialogue.deleteLater()

    # --- collèges --------------------------------------------------------------------------------------------

    def _college(self, college_id: int) -> CollegeLu | None:
        rang = self.colleges.modele.rang_de(college_id)
        return None if rang is None else self.colleges.modele.ligne(rang)

    def dialogue_college(self, college_id: int | None = None) -> DialogueCollege:
        college = None if college_id is None else self._college(college_id)
        return DialogueCollege(self.contexte, college, self)

    def ajouter_college(self) -> None:
        self._ouvrir(self.dialogue_college(), self.colleges)

    def modifier_college(self, college_id: int) -> None:
        self._ouvrir(self.dialogue_college(college_id), self.colleges)

    def supprimer_college(self, college_id: int) -> None:
        college = self._college(college_id)
        if college is None:
            return
        titre = "Supprimer un collège"
        try:
            motif = self.contexte.lire(lambda s: service.motif_refus_suppression_college(s, college_id))
            if motif is not None:
                QMessageBox.warning(self, titre, motif)
                return
            if not confirmer(self, titre, f"Supprimer le collège « {college.nom} » ?", "&Supprimer"):
                return
            self.contexte.executer(
                f"Supprimer le collège « {college.nom} »",
                faire=lambda s: service.supprimer_college(s, college_id),
                defaire=service.restaurer_college,
                refaire=lambda s, lu: service.supprimer_college(s, lu.id),
            )
        except ErreurConnue as erreur:
            QMessageBox.warning(self, titre, erreur.message)

    # --- instances -------------------------------------------------------------------------------------------

    def _instance(self, instance_id: int) -> InstanceLue | None:
        rang = self.instances.modele.rang_de(instance_id)
        return None if rang is None else self.instances.modele.ligne(rang)

    def dialogue_instance(self, instance_id: int | None = None) -> DialogueInstance:
        instance = None if instance_id is None else self._instance(instance_id)
        return DialogueInstance(self.contexte, instance, self)

    def ajouter_instance(self) -> None:
        self._ouvrir(self.dialogue_instance(), self.instances)

    def modifier_instance(self, instance_id: int) -> None:
        self._ouvrir(self.dialogue_instance(instance_id), self.instances)

    def supprimer_instance(self, instance_id: int) -> None:
        instance = self._instance(instance_id)
        if instance is None:
            return
        titre = "Supprimer une instance"
        try:
            motif = self.contexte.lire(lambda s: service.motif_refus_suppression_instance(s, instance_id))
            if motif is not None:
                QMessageBox.warning(self, titre, motif)
                return
            if not confirmer(self, titre, f"Supprimer l'instance « {instance.nom} » ?", "&Supprimer"):
                return
            self.contexte.executer(
                f"Supprimer l'instance « {instance.nom} »",
                faire=lambda s: service.supprimer_instance(s, instance_id),
                defaire=service.restaurer_instance,
                refaire=lambda s, lue: service.supprimer_instance(s, lue.id),
            )
        except ErreurConnue as erreur:
            QMessageBox.warning(self, titre, erreur.message)

    # --- order -----------------------------------------------------------------------------------------------

    def _deplacer(self, quoi: str, identifiant: int, sens: int) -> None:
        genre: service.Genre = "college" if quoi == "college" else "instance"
        pas: service.Sens = -1 if sens < 0 else 1
        retour: service.Sens = 1 if pas < 0 else -1
        element = self._college(identifiant) if genre == "college" else self._instance(identifiant)
        if element is None:
            return
        nom = f"le collège « {element.nom} »" if genre == "college" else f"l'instance « {element.nom} »"
        try:
            self.contexte.executer(
                f"{'Monter' if pas < 0 else 'Descendre'} {nom}",
                faire=lambda s: service.deplacer(s, genre, identifiant, pas),
                defaire=lambda s, deplace: service.deplacer(s, genre, identifiant, retour) if deplace else False,
            )
        except ErreurConnue as erreur:
            QMessageBox.warning(self, self.titre, erreur.message)

    # --- the candidature dossier --------------------------------------------------------------------------------

    TITRE_DOSSIER = "Dossier de candidature"

    def dossier_octets(self) -> bytes | None:
        return avec_attente(self, self.TITRE_DOSSIER, lambda: self.contexte.lire(dossier_candidature_pdf))

    def apercu_dossier(self) -> None:
        contenu = self.dossier_octets()
        if contenu is not None:
            impression.apercu(self, contenu, self.TITRE_DOSSIER)

    def imprimer_dossier(self) -> None:
        contenu = self.dossier_octets()
        if contenu is not None:
            try:
                impression.imprimer(self, contenu, self.TITRE_DOSSIER)
            except ErreurConnue as erreur:
                QMessageBox.warning(self, self.TITRE_DOSSIER, erreur.message)

    def enregistrer_dossier(self) -> None:
        impression.enregistrer(self, lambda: self.contexte.lire(dossier_candidature_pdf), "Dossier de candidature.pdf")

    # --- review captures -------------------------------------------------------------------------------------

    def dialogues_pour_captures(self) -> list[tuple[str, QWidget]]:
        dialogues: list[tuple[str, QWidget]] = []
        if self.colleges.modele.rowCount():
            dialogues.append(("Collège", self.dialogue_college(self.colleges.modele.ligne(0).id)))
        else:
            dialogues.append(("Collège", self.dialogue_college()))
        if self.instances.modele.rowCount():
            dialogues.append(("Instance", self.dialogue_instance(self.instances.modele.ligne(0).id)))
        else:
            dialogues.append(("Instance", self.dialogue_instance()))
        return dialogues
