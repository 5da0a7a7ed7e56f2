"""Registering a referral: when and how it came, who asks (their kind only), its themes, who registers it.

It takes the next number of its year for good. Ctrl+Z deletes it again (the number is not given twice); Ctrl+Y
puts it back under the same id and number. The question, its context and the requester's identity are typed
afterwards in their own tabs, where the anonymisation is checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy.orm import Session

from app import db
from app.modeles.enumerations import CanalSaisine, TypeDemandeur
from app.services import saisines
from app.services.saisines import FicheSaisine, SaisineSupprimee
from app.services.saisines_ui_lecture import numero_propose
from app.ui.annuaire.formulaire import DialogueFiche, date_de
from app.ui.comite.champs import combo_enum, valeur_enum
from app.ui.contexte import Contexte
from app.ui.saisines.champs import CasesThemes, date_passee


@dataclass
class Enregistrement:
    """A registration on the undo stack: the referral, and once undone, what its deletion kept for redo."""

    fiche: FicheSaisine
    copie: SaisineSupprimee | None = None


def _defaire(session: Session, e: Enregistrement) -> None:
    e.copie = saisines.supprimer_saisine(session, e.fiche.id)


def _refaire(session: Session, e: Enregistrement) -> Enregistrement:
    if e.copie is not None:
        saisines.restaurer_saisine(session, e.copie)
    return e


class DialogueNouvelleSaisine(DialogueFiche):
    """`identifiant` is the referral registered, once accepted."""

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(contexte, "Nouvelle saisine", parent)
        self.setMinimumWidth(560)
        self.identifiant: int | None = None
        self.numero = ""
        self.entete(
            "La saisine prend le numéro suivant de son année de réception, définitivement. La question, son "
            "contexte et l'identité du demandeur se saisissent ensuite dans les onglets « Question » et "
            "« Demandeur »."
        )
        self.recue_le = date_passee("Date de réception")
        self.ligne("&Reçue le :", self.recue_le, "recue_le")
        self.canal = combo_enum(CanalSaisine, "Canal de la saisine")
        self.ligne("&Canal :", self.canal, "canal")
        self.type_demandeur = combo_enum(TypeDemandeur, "Type de demandeur")
        self.type_demandeur.setToolTip(
            "Seul le type de demandeur circule ; son identité reste dans l'onglet Demandeur."
        )
        self.ligne("&Demandeur :", self.type_demandeur, "type_demandeur")
        self.themes = CasesThemes(2)
        self.ligne("&Thèmes :", self.themes, "themes")
        self.par = QLineEdit(db.utilisateur_systeme())
        self.par.setAccessibleName("Enregistrée par")
        self.par.setMaxLength(150)
        self.par.setToolTip("Une autre personne devra valider l'anonymisation de la question.")
        self.ligne("Enregistrée &par :", self.par, "enregistree_par")
        self.bouton_ok.setText("&Enregistrer la saisine")
        self.recue_le.dateChanged.connect(self._actualiser_numero)
        self._actualiser_numero()
        self.recue_le.setFocus()

    def _actualiser_numero(self) -> None:
        annee = date_de(self.recue_le).year
        self.numero = self.contexte.lire(lambda s: numero_propose(s, annee))
        self.bouton_ok.setToolTip(f"La saisine sera enregistrée sous le numéro {self.numero}.")

    def fiche(self) -> FicheSaisine:
        return FicheSaisine(
            id=0,
            recue_le=date_de(self.recue_le),
            canal=valeur_enum(self.canal, CanalSaisine) or CanalSaisine.COURRIEL,
            type_demandeur=valeur_enum(self.type_demandeur, TypeDemandeur) or TypeDemandeur.TRAVAILLEUR_SOCIAL,
            themes=self.themes.valeur(),
            enregistree_par=self.par.text(),
        )

    def enregistrer(self) -> None:
        fiche = self.fiche()
        numero = self.contexte.lire(lambda s: numero_propose(s, fiche.recue_le.year))
        resultat = self.contexte.executer(
            f"Enregistrer la saisine {numero}",
            faire=lambda s: Enregistrement(saisines.enregistrer_saisine(s, fiche, fiche.enregistree_par)),
            defaire=_defaire,
            refaire=_refaire,
        )
        self.identifiant = resultat.fiche.id
        self.numero = numero
