"""« Échanges avec le HCTS »: what the committee sent to the HCTS and what came from it (notes, guides, calls for
contributions), with, for each, what was done with it. Escalations of referrals, recorded from the Saisines page,
appear here with their number: their follow-up may be written here, but only the Saisines page takes them back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app import db, horloge
from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.modeles.enumerations import SensEchange
from app.services import productions
from app.services.productions import FicheEchange
from app.services.productions_lecture import LigneEchange, lire_echanges
from app.ui.annuaire.formulaire import DialogueFiche, champ_date, date_de, id_de
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
from app.ui.comite.champs import choisir_enum, combo_enum, confirmer, valeur_enum
from app.ui.contexte import Contexte
from app.ui.tableau_lignes import FiltreLignes
from app.ui.travaux.modeles import COLONNE_DATE, modele_echanges

TOUTES_LES_ANNEES = "Toutes les années"
LES_DEUX_SENS = "Les deux sens"
INDICATIONS_SUITE = {
    SensEchange.DEPUIS_HCTS: "Ce que le comité en a fait : présenté en plénière, diffusé aux membres, repris dans un "
    "groupe de travail…",
    SensEchange.VERS_HCTS: "La réponse du HCTS, ou ce que l'envoi a permis",
}


class DialogueEchange(DialogueFiche):
    """A new exchange (`fiche.id` 0) or an edit. An escalation (`saisine`) keeps its date and direction."""

    def __init__(
        self, contexte: Contexte, fiche: FicheEchange, saisine: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(
            contexte, "Modifier l'échange avec le HCTS" if fiche.id else "Nouvel échange avec le HCTS", parent
        )
        self.setMinimumWidth(600)
        self.depart = fiche
        self.identifiant: int | None = fiche.id or None
        if saisine:
            self.entete(
                f"Envoi de la saisine {saisine} à la commission éthique du HCTS, enregistré depuis la page "
                "Saisines : sa date et son sens s'y corrigent. La suite donnée s'écrit ici."
            )
        else:
            self.entete("Un envoi au HCTS (rapport, contribution, question) ou un document reçu de lui.")
        self.sens = combo_enum(SensEchange, "Sens de l'échange")
        choisir_enum(self.sens, fiche.sens)
        self.ligne("&Sens :", self.sens, "sens")
        self.date = champ_date("Date de l'échange", fiche.date)
        self.ligne("&Date :", self.date, "date")
        self.objet = QLineEdit(fiche.objet)
        self.objet.setAccessibleName("Objet de l'échange")
        self.objet.setMaxLength(500)
        self.objet.setPlaceholderText("Par exemple : Rapport d'activité 2025, note du HCTS sur le premier accueil")
        self.ligne("&Objet :", self.objet, "objet")
        self.document = QLineEdit(fiche.document)
        self.document.setAccessibleName("Document échangé")
        self.document.setMaxLength(500)
        self.document.setPlaceholderText("Titre ou référence du document")
        self.ligne("Doc&ument :", self.document, "document")
        self.suite = QPlainTextEdit(fiche.suite_donnee)
        self.suite.setAccessibleName("Suite donnée")
        self.suite.setTabChangesFocus(True)
        self.suite.setMinimumHeight(self.suite.fontMetrics().height() * 4 + 12)
        self.ligne("Suite do&nnée :", self.suite, "suite_donnee")
        self.par = QLineEdit(fiche.par)
        self.par.setAccessibleName("Enregistré par")
        self.par.setMaxLength(150)
        self.ligne("Enregistré &par :", self.par, "par")
        for champ in (self.objet, self.document, self.par):
            champ.setCursorPosition(0)  # a long subject reads from its start
        self.sens.currentIndexChanged.connect(self._indication)
        self._indication()
        if saisine:
            self.sens.setEnabled(False)
            self.date.setEnabled(False)
            self.suite.setFocus()
        else:
            self.objet.setFocus()

    def _indication(self) -> None:
        sens = valeur_enum(self.sens, SensEchange) or SensEchange.DEPUIS_HCTS
        self.suite.setPlaceholderText(INDICATIONS_SUITE[sens])

    def fiche(self) -> FicheEchange:
        return FicheEchange(
            id=self.depart.id,
            date=date_de(self.date),
            sens=valeur_enum(self.sens, SensEchange) or self.depart.sens,
            objet=self.objet.text(),
            document=self.document.text(),
            suite_donnee=self.suite.toPlainText(),
            par=self.par.text(),
        )

    def enregistrer(self) -> None:
        fiche = self.fiche()
        objet = " ".join(fiche.objet.split())
        if fiche.id:
            self.contexte.executer(
                f"Modifier l'échange « {objet} »",
                faire=lambda s: productions.modifier_echange(s, fiche),
                defaire=productions.modifier_echange,
                refaire=lambda s, _avant: productions.modifier_echange(s, fiche),
            )
            return
        copie: list[dict[str, object]] = []

        def defaire(session: Session, identifiant: int) -> None:
            copie[:] = [productions.supprimer_echange(session, identifiant)]

        self.identifiant = self.contexte.executer(
            f"Enregistrer l'échange « {objet} »",
            faire=lambda s: productions.creer_echange(s, fiche),
            defaire=defaire,
            refaire=lambda s, _i: productions.restaurer_echange(s, copie[0]),
        )


class PartieEchanges(QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.modele = modele_echanges(self)
        self.proxy = FiltreLignes(self.modele, self)
        self.recherche = champ_recherche("Rechercher un échange", "Objet, document, saisine, suite donnée…")
        self.filtre_annee = QComboBox()
        self.filtre_annee.setAccessibleName("Filtrer les échanges par année")
        self.filtre_annee.addItem(TOUTES_LES_ANNEES, None)
        self.filtre_sens = combo_enum(SensEchange, "Filtrer les échanges par sens", vide=LES_DEUX_SENS)
        etiquette = QLabel("Re&chercher :")
        etiquette.setBuddy(self.recherche)
        filtres = QHBoxLayout()
        filtres.addWidget(etiquette)
        filtres.addWidget(self.recherche, 1)
        for combo in (self.filtre_annee, self.filtre_sens):
            filtres.addSpacing(6)
            filtres.addWidget(combo)
        self.vue = creer_vue(self.proxy, "Échanges avec le HCTS", colonne_tri=COLONNE_DATE)
        self.vue.sortByColumn(COLONNE_DATE, Qt.SortOrder.DescendingOrder)
        ajuster_colonnes(self.vue, {0: 12, 1: 16, 2: 46, 3: 18, 4: 13}, etiree=5)
        self.compte = QLabel()
        self.compte.setAccessibleName("Nombre d'échanges affichés")
        self.bouton_ajouter = bouton("&Nouvel échange…", "ajouter", "Nouvel échange avec le HCTS", "Ctrl+N")
        self.bouton_modifier = bouton("&Modifier…", "modifier", "Modifier l'échange choisi")
        self.bouton_supprimer = bouton("&Supprimer…", "supprimer", "Supprimer l'échange choisi", "Touche Suppr")
        self.bouton_ajouter.clicked.connect(self.nouveau)
        self.bouton_modifier.clicked.connect(self.modifier)
        self.bouton_supprimer.clicked.connect(self.supprimer)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setAccessibleName("Détail de l'échange choisi")
        self.detail.setMinimumHeight(self.detail.fontMetrics().height() * 4)
        disposition = QVBoxLayout(self)
        disposition.addLayout(filtres)
        disposition.addWidget(self.vue, 1)
        disposition.addLayout(
            rangee_de_boutons(self.bouton_ajouter, self.bouton_modifier, self.bouton_supprimer, droite=(self.compte,))
        )
        disposition.addWidget(self.detail)
        self.recherche.textChanged.connect(self._filtrer)
        self.filtre_annee.currentIndexChanged.connect(self._filtrer)
        self.filtre_sens.currentIndexChanged.connect(self._filtrer)
        self.vue.doubleClicked.connect(lambda _i: self.modifier())
        self.vue.selectionModel().selectionChanged.connect(lambda *_: self._actualiser())
        raccourci(self.vue, QKeySequence.StandardKey.Delete, self.supprimer)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Return), self.modifier)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Enter), self.modifier)
        raccourci(self.recherche, QKeySequence(Qt.Key.Key_Down), self.vue.setFocus)

    def rafraichir(self) -> None:
        garde = identifiant_selectionne(self.vue, self.proxy)
        lignes = self.contexte.lire(lire_echanges)
        avant = self.filtre_annee.currentData()
        self.filtre_annee.blockSignals(True)
        while self.filtre_annee.count() > 1:
            self.filtre_annee.removeItem(1)
        for annee in sorted({e.annee for e in lignes}, reverse=True):
            self.filtre_annee.addItem(str(annee), annee)
        self.filtre_annee.setCurrentIndex(max(self.filtre_annee.findData(avant), 0) if avant is not None else 0)
        self.filtre_annee.blockSignals(False)
        self.modele.definir(lignes)
        self._filtrer()
        if garde is None or not selectionner(self.vue, self.proxy, garde):
            premiere = self.proxy.index(0, 0)
            selectionner(self.vue, self.proxy, self.proxy.identifiant(premiere) if premiere.isValid() else None)
        self._actualiser()

    def _filtrer(self) -> None:
        annee = id_de(self.filtre_annee)
        sens = valeur_enum(self.filtre_sens, SensEchange)

        def accepte(e: LigneEchange) -> bool:
            return (annee is None or e.annee == annee) and (sens is None or e.sens is sens)

        self.proxy.definir_recherche(self.recherche.text())
        self.proxy.definir_condition(None if annee is None and sens is None else accepte)
        self.compte.setText(compte_affiche(self.proxy, "échange"))
        self._actualiser()

    def echange(self) -> LigneEchange | None:
        return ligne_selectionnee(self.vue, self.proxy)

    def _actualiser(self) -> None:
        e = self.echange()
        ecriture = not self.contexte.base.lecture_seule
        self.bouton_ajouter.setEnabled(ecriture)
        self.bouton_modifier.setEnabled(ecriture and e is not None)
        self.bouton_supprimer.setEnabled(ecriture and e is not None and not e.escalade)
        self.bouton_supprimer.setToolTip(
            "Un envoi de saisine se retire depuis la page Saisines" if e is not None and e.escalade else "Touche Suppr"
        )
        if e is None:
            self.detail.setText("")
            return
        lignes = [f"<b>{_html(e.objet)}</b>", f"{e.sens.libelle}, le {date_longue(e.date)}"]
        if e.escalade:
            lignes.append(f"Envoi de la saisine {e.saisine} (enregistré depuis la page Saisines)")
        if e.document:
            lignes.append(f"Document : {_html(e.document)}")
        suite = _html(e.suite_donnee).replace("\n", "<br>") if e.suite_donnee else "<i>aucune suite enregistrée</i>"
        lignes.append(f"Suite donnée : {suite}")
        self.detail.setText("<br>".join(lignes))

    def dialogue_nouveau(self) -> DialogueEchange:
        fiche = FicheEchange(0, horloge.aujourdhui(), SensEchange.DEPUIS_HCTS, "", par=db.utilisateur_systeme())
        dialogue = DialogueEchange(self.contexte, fiche, parent=self)
        dialogue.accepted.connect(lambda: self.montrer(dialogue.identifiant))
        return dialogue

    def dialogue_modification(self) -> DialogueEchange | None:
        e = self.echange()
        if e is None:
            return None
        fiche = FicheEchange(e.id, e.date, e.sens, e.objet, e.document, e.suite_donnee, e.par)
        return DialogueEchange(self.contexte, fiche, e.saisine if e.escalade else "", self)

    def montrer(self, identifiant: int | None) -> None:
        if identifiant is not None and not selectionner(self.vue, self.proxy, identifiant):
            self.recherche.clear()
            self.filtre_annee.setCurrentIndex(0)
            self.filtre_sens.setCurrentIndex(0)
            selectionner(self.vue, self.proxy, identifiant)

    def nouveau(self) -> None:
        if not self.contexte.base.lecture_seule:
            self.dialogue_nouveau().exec()

    def modifier(self) -> None:
        dialogue = self.dialogue_modification() if not self.contexte.base.lecture_seule else None
        if dialogue is not None:
            dialogue.exec()

    def supprimer(self) -> None:
        e = self.echange()
        if e is None or self.contexte.base.lecture_seule:
            return
        titre = "Supprimer un échange"
        if e.escalade:
            avertir(
                self,
                titre,
                f"Cet échange est l'envoi au HCTS de la saisine {e.saisine} : il se retire depuis la page Saisines, "
                "qui tient l'historique de la saisine.",
            )
            return
        question = f"Supprimer l'échange du {date_longue(e.date)} « {e.objet} » ? Ctrl+Z le remet."
        if not confirmer(self, titre, question, "&Supprimer"):
            return
        identifiant = e.id
        try:
            self.contexte.executer(
                f"Supprimer l'échange « {e.objet} »",
                faire=lambda s: productions.supprimer_echange(s, identifiant),
                defaire=productions.restaurer_echange,
                refaire=lambda s, copie: productions.supprimer_echange(s, int(copie["id"])),
            )
        except ErreurConnue as erreur:
            avertir(self, titre, erreur)


def _html(texte: str) -> str:
    return texte.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
