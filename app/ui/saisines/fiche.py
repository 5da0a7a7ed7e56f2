"""The « Saisine » tab: what the register holds about the chosen referral, editable (receipt, channel, kind of
requester, themes, rapporteurs, the opinion's due date once admissible, the consent to publish), and beside it
what the workflow set (number, who registered it, the two deadlines, the summer pause, the decisions).

« Enregistrer » (Ctrl+Entrée) saves; each save is one undoable step. The question has its own tab.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import horloge
from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.modeles.enumerations import CanalSaisine, StatutSaisine, TypeDemandeur
from app.services import saisines
from app.services.annuaire_lecture import Choix, lire_choix
from app.services.saisines import FicheSaisine
from app.services.saisines_lecture import DetailSaisine
from app.services.saisines_workflow import consentement_requis
from app.services.validation import ErreurValidation
from app.ui.annuaire.formulaire import champ_date, date_de, vers_qdate
from app.ui.annuaire.tableaux import avertir, bouton, raccourci, rangee_de_boutons
from app.ui.comite.champs import MessageChamp, choisir_enum, combo_enum, valeur_enum
from app.ui.contexte import Contexte
from app.ui.saisines.champs import CasesThemes, EditionDeSaisine, ListeRapporteurs, date_passee

S = StatutSaisine
TIRET = "—"
DECISIONS = {S.IRRECEVABLE: "Irrecevable", S.REORIENTEE: "Réorientée"}


def _valeur() -> QLabel:
    etiquette = QLabel()
    etiquette.setWordWrap(True)
    etiquette.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return etiquette


def textes_lecture(d: DetailSaisine, aujourdhui: dt.date) -> dict[str, str]:
    """The read-only lines, in words."""
    if d.accusee_le is not None:
        accuse = f"envoyé le {date_longue(d.accusee_le)}"
    else:
        retard = (aujourdhui - d.echeance_accuse).days
        accuse = f"à envoyer au plus tard le {date_longue(d.echeance_accuse)}"
        accuse += f" (en retard de {retard} jour{'s' if retard > 1 else ''})" if retard > 0 else ""
    if d.recevable_le is None:
        avis = "court à partir de la recevabilité (90 jours)"
    elif d.transmise_le is not None:
        avis = f"transmis le {date_longue(d.transmise_le)}"
    else:
        due = d.echeance.le if d.echeance is not None else d.fiche.echeance
        avis = f"dû le {date_longue(due)}" if due is not None else TIRET
        retard = (aujourdhui - due).days if due is not None else 0
        avis += f" (en retard de {retard} jour{'s' if retard > 1 else ''})" if retard > 0 else ""
    if d.anonymisation_validee_par:
        le = f" le {date_longue(d.anonymisation_validee_le)}" if d.anonymisation_validee_le else ""
        anonymisation = f"validée par {d.anonymisation_validee_par}{le}"
    elif d.statut is S.RECEVABLE:
        anonymisation = "à valider par une deuxième personne (onglet Question)"
    else:
        anonymisation = "à valider une fois la saisine recevable"
    decision = d.motif_decision or TIRET
    return {
        "Numéro": d.numero,
        "Statut": d.statut.libelle,
        "Enregistrée par": d.enregistree_par or TIRET,
        "Accusé de réception": accuse,
        "Recevable le": date_longue(d.recevable_le) if d.recevable_le else TIRET,
        "Avis": avis,
        "Pause estivale": (
            f"{d.pause.libelle()} : ces jours ne comptent pas dans les délais"
            if d.pause is not None
            else "aucune : tous les jours comptent"
        ),
        "Anonymisation": anonymisation,
        "Motif de la décision": decision,
    }


class OngletSaisine(EditionDeSaisine, QScrollArea):
    LIGNES = (
        "Numéro",
        "Statut",
        "Enregistrée par",
        "Accusé de réception",
        "Recevable le",
        "Avis",
        "Pause estivale",
        "Anonymisation",
        "Motif de la décision",
    )

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.detail: DetailSaisine | None = None
        self._ecriture = False
        self._recharge: list[DetailSaisine | None] = []
        self._chargement = False
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setAccessibleName("Fiche de la saisine")

        self.recue_le = date_passee("Date de réception")
        self.canal = combo_enum(CanalSaisine, "Canal de la saisine")
        self.type_demandeur = combo_enum(TypeDemandeur, "Type de demandeur")
        self.themes = CasesThemes(2)
        self.echeance = champ_date("Échéance de l'avis")
        self.consentement = QCheckBox("accord du demandeur, le")
        self.consentement.setToolTip("Le demandeur accepte que l'avis rendu sur sa saisine soit publié.")
        self.consentement.setAccessibleName("Consentement à la publication")
        self.consentement_le = date_passee("Date du consentement")
        self.rapporteurs = ListeRapporteurs()
        self.rapporteurs.setMinimumHeight(self.rapporteurs.fontMetrics().height() * 5)
        self.rapporteurs.setMinimumWidth(self.rapporteurs.fontMetrics().horizontalAdvance("Véronique Brunet-Lefèvre"))
        self.messages: dict[str, MessageChamp] = {}

        formulaire = QFormLayout()
        # Fields at their natural width: the room goes to the rapporteurs and the read-only lines beside.
        formulaire.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        formulaire.setVerticalSpacing(4)
        consentement = QWidget()
        rangee = QHBoxLayout(consentement)
        rangee.setContentsMargins(0, 0, 0, 0)
        rangee.addWidget(self.consentement)
        rangee.addWidget(self.consentement_le)
        rangee.addStretch(1)
        for libelle, champ, nom, affiche in (
            ("&Reçue le :", self.recue_le, "recue_le", None),
            ("&Canal :", self.canal, "canal", None),
            ("&Demandeur :", self.type_demandeur, "type_demandeur", None),
            ("&Thèmes :", self.themes, "themes", None),
            ("Échéance de l'a&vis :", self.echeance, "echeance", None),
            ("Pu&blication de l'avis :", self.consentement, "consentement_le", consentement),
        ):
            self._ligne(formulaire, libelle, champ, nom, affiche)
        self.messages["consentement_publication"] = self.messages["consentement_le"]

        colonne_rapporteurs = QVBoxLayout()
        etiquette = QLabel("Ra&pporteurs :")
        etiquette.setBuddy(self.rapporteurs)
        colonne_rapporteurs.addWidget(etiquette)
        colonne_rapporteurs.addWidget(self.rapporteurs, 1)
        self.messages["rapporteurs"] = MessageChamp(self.rapporteurs)
        colonne_rapporteurs.addWidget(self.messages["rapporteurs"])

        self.lecture = lecture = QFormLayout()
        lecture.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        lecture.setVerticalSpacing(3)
        self.valeurs: dict[str, QLabel] = {}
        for nom in self.LIGNES:
            self.valeurs[nom] = _valeur()
            lecture.addRow(f"{nom} :", self.valeurs[nom])

        self.bouton_enregistrer = bouton(
            "&Enregistrer", "enregistrer", "Enregistrer la fiche de la saisine", "Ctrl+Entrée"
        )
        self.bouton_abandonner = bouton(
            "Abandonner les modifications", None, "Abandonner les modifications de la fiche"
        )
        self.bouton_enregistrer.clicked.connect(self.enregistrer)
        self.bouton_abandonner.clicked.connect(lambda: self.afficher(self.detail, recharger=True))

        self.vide = QLabel("Choisissez une saisine dans la liste ci-dessus.")
        self.fiche_widget = QWidget()
        colonnes = QHBoxLayout()
        colonnes.addLayout(formulaire, 0)
        colonnes.addSpacing(16)
        colonnes.addLayout(colonne_rapporteurs, 2)
        colonnes.addSpacing(16)
        colonnes.addLayout(lecture, 4)
        disposition_fiche = QVBoxLayout(self.fiche_widget)
        disposition_fiche.setContentsMargins(0, 0, 0, 0)
        disposition_fiche.addLayout(colonnes, 1)
        disposition_fiche.addLayout(rangee_de_boutons(self.bouton_enregistrer, self.bouton_abandonner))
        contenu = QWidget()
        disposition = QVBoxLayout(contenu)
        disposition.addWidget(self.vide)
        disposition.addWidget(self.fiche_widget, 1)
        self.setWidget(contenu)

        for signal in (
            self.recue_le.dateChanged,
            self.canal.currentIndexChanged,
            self.type_demandeur.currentIndexChanged,
            self.themes.change,
            self.echeance.dateChanged,
            self.consentement.toggled,
            self.consentement_le.dateChanged,
            self.rapporteurs.change,
        ):
            signal.connect(self._change)
        for touche in ("Ctrl+Return", "Ctrl+Enter"):
            raccourci(self, QKeySequence(touche), self.enregistrer).setContext(
                Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
        self.afficher(None)

    def _ligne(self, formulaire: QFormLayout, libelle: str, champ: QWidget, nom: str, affiche: QWidget | None) -> None:
        etiquette = QLabel(libelle)
        etiquette.setBuddy(champ)
        colonne = QVBoxLayout()
        colonne.setSpacing(1)
        colonne.addWidget(affiche or champ)
        self.messages[nom] = MessageChamp(champ)
        colonne.addWidget(self.messages[nom])
        formulaire.addRow(etiquette, colonne)

    # --- reading ---------------------------------------------------------------------------------------------

    def afficher(self, detail: DetailSaisine | None, *, recharger: bool = False) -> None:
        arrivee = self._arrivee(detail, recharger)
        if arrivee is None:
            return
        detail, garder = arrivee.detail, arrivee.garder
        self.detail = detail
        self.vide.setVisible(detail is None)
        self.fiche_widget.setVisible(detail is not None)
        if detail is None:
            return
        personnes: tuple[Choix, ...] = self.contexte.lire(lambda s: lire_choix(s).personnes)
        if not garder:
            self._remplir(detail.fiche, personnes)
        for nom, texte in textes_lecture(detail, horloge.aujourdhui()).items():
            self.valeurs[nom].setText(texte)
        decidee = detail.statut in DECISIONS or bool(detail.motif_decision)
        self.lecture.setRowVisible(self.valeurs["Motif de la décision"], decidee)
        self._actualiser()

    def _remplir(self, f: FicheSaisine, personnes: tuple[Choix, ...]) -> None:
        self._chargement = True
        try:
            for message in self.messages.values():
                message.effacer()
            self.recue_le.setDate(vers_qdate(f.recue_le))
            choisir_enum(self.canal, f.canal)
            choisir_enum(self.type_demandeur, f.type_demandeur)
            self.themes.definir(f.themes)
            self.rapporteurs.definir(personnes, f.rapporteurs)
            self.echeance.setDate(vers_qdate(f.echeance or f.recue_le))
            self.consentement.setChecked(f.consentement_publication)
            self.consentement_le.setDate(vers_qdate(f.consentement_le or horloge.aujourdhui()))
        finally:
            self._chargement = False

    def _actualiser(self) -> None:
        d = self.detail
        ecriture = d is not None and not self.contexte.base.lecture_seule
        for champ in (self.recue_le, self.canal, self.type_demandeur, self.themes, self.rapporteurs):
            champ.setEnabled(ecriture)
        admissible = d is not None and d.recevable_le is not None
        self.echeance.setEnabled(ecriture and admissible)
        self.echeance.setToolTip(
            "Fixée à la recevabilité (90 jours, pause estivale non comptée) ; elle peut être déplacée."
            if admissible
            else "L'échéance de l'avis se fixe à la recevabilité de la saisine."
        )
        requis = d is not None and consentement_requis(
            valeur_enum(self.type_demandeur, TypeDemandeur) or d.fiche.type_demandeur
        )
        self.consentement.setEnabled(ecriture and requis)
        self.consentement.setToolTip(
            "Le demandeur accepte que l'avis rendu sur sa saisine soit publié ; sans cet accord, il ne l'est pas."
            if requis
            else "Autosaisine : aucun demandeur à qui demander son consentement."
        )
        self.consentement_le.setEnabled(ecriture and requis and self.consentement.isChecked())
        modifie = self.modifie()
        self.bouton_enregistrer.setEnabled(ecriture and modifie)
        self.bouton_abandonner.setEnabled(ecriture and modifie)

    def _change(self) -> None:
        if not self._chargement:
            self._actualiser()

    # --- writing ---------------------------------------------------------------------------------------------

    def saisie(self) -> FicheSaisine | None:
        d = self.detail
        if d is None:
            return None
        f = d.fiche
        consent = self.consentement.isChecked() and self.consentement.isEnabled()
        return replace(
            f,
            recue_le=date_de(self.recue_le),
            canal=valeur_enum(self.canal, CanalSaisine) or f.canal,
            type_demandeur=valeur_enum(self.type_demandeur, TypeDemandeur) or f.type_demandeur,
            themes=self.themes.valeur(),
            rapporteurs=self.rapporteurs.valeur(),
            echeance=date_de(self.echeance) if d.recevable_le is not None else f.echeance,
            consentement_publication=consent,
            consentement_le=date_de(self.consentement_le) if consent else None,
        )

    def modifie(self) -> bool:
        saisie = self.saisie()
        if saisie is None or self.detail is None or self.contexte.base.lecture_seule:
            return False
        f = self.detail.fiche
        avant = replace(f, consentement_le=f.consentement_le if f.consentement_publication else None)
        return replace(saisie, themes=tuple(sorted(saisie.themes))) != replace(avant, themes=tuple(sorted(f.themes)))

    def enregistrer(self) -> bool:
        """Save the form; False when the service refused it (the message is under the field at fault)."""
        d = self.detail
        saisie = self.saisie()
        if d is None or saisie is None or not self.modifie():
            return True
        for message in self.messages.values():
            message.effacer()
        self._ecriture = True
        try:
            self.contexte.executer(
                f"Modifier la saisine {d.numero}",
                faire=lambda s: saisines.modifier_saisine(s, saisie),
                defaire=saisines.restaurer_fiche,
            )
        except ErreurValidation as erreur:
            sous_le_champ = self.messages.get(erreur.champ)
            if sous_le_champ is None:
                avertir(self, f"Saisine {d.numero}", erreur)
            else:
                sous_le_champ.afficher(erreur.message)
                sous_le_champ.champ.setFocus()
            return False
        except ErreurConnue as erreur:
            avertir(self, f"Saisine {d.numero}", erreur)
            return False
        finally:
            self._ecriture = False
        self.detail = replace(d, fiche=saisie)  # as saved: no longer « modified », even before the reload
        if self._recharge:
            self.afficher(self._recharge.pop(), recharger=True)
        return True
