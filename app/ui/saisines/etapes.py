"""One step of a referral's workflow (CONCEPTION §2): on which day, by whom, why when a reason is required, and
on which meeting's agenda for « Inscrire à l'ordre du jour ». Ctrl+Z puts the referral back as it was.

The anonymisation step has its own dialog (`app.ui.saisines.validation`): a second person validates it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy.orm import Session

from app import db
from app.format_fr import date_longue
from app.modeles.enumerations import StatutSaisine
from app.services import saisines_workflow as workflow
from app.services.annuaire_lecture import Choix
from app.services.saisines_lecture import DetailSaisine
from app.ui.annuaire.formulaire import DialogueFiche, combo_choix, date_de, id_de
from app.ui.contexte import Contexte
from app.ui.saisines.champs import date_passee, texte_multiligne, texte_propre

S = StatutSaisine
AUCUNE_SEANCE = "— Aucune séance à venir : planifiez-en une (page Séances) —"

# The letter of each step's button that Alt reaches (the page's other buttons keep theirs).
MNEMONIQUES: dict[StatutSaisine, str] = {
    S.ACCUSEE: "c",
    S.RECEVABLE: "v",
    S.IRRECEVABLE: "i",
    S.REORIENTEE: "t",
    S.ANONYMISATION_VALIDEE: "y",
    S.EN_INSTRUCTION: "u",
    S.INSCRITE_ODJ: "o",
    S.DEBATTUE: "b",
    S.AVIS_ADOPTE: "p",
    S.TRANSMISE: "m",
    S.CLOTUREE: "l",
}


def texte_bouton(de: StatutSaisine, vers: StatutSaisine) -> str:
    """The step's button text, with its mnemonic (« A&ccuser réception… »)."""
    texte = workflow.libelle_action(de, vers)
    rang = texte.find(MNEMONIQUES[vers], 1)
    return texte if rang < 0 else f"{texte[:rang]}&{texte[rang:]}"


def intitule(de: StatutSaisine, vers: StatutSaisine, numero: str) -> str:
    """« Accuser réception — SAI-2026-004 »: the dialog's title and the undo stack's text."""
    return f"{workflow.libelle_action(de, vers).removesuffix('…')} — {numero}"


def explication(detail: DetailSaisine, vers: StatutSaisine) -> str:
    """What the step means, in a sentence, above its fields."""
    if vers is S.ACCUSEE:
        return (
            f"L'accusé de réception part dans les 7 jours qui suivent la réception, soit au plus tard le "
            f"{date_longue(detail.echeance_accuse)}."
        )
    if vers is S.RECEVABLE:
        return (
            "La question relève de l'instance éthique : l'avis est dû dans les 90 jours qui suivent la "
            "recevabilité, pause estivale non comptée. Une deuxième personne validera ensuite l'anonymisation."
        )
    if vers is S.IRRECEVABLE:
        return "La question ne relève pas de l'instance. Le motif est consigné dans l'historique de la saisine."
    if vers is S.REORIENTEE:
        return "La question est orientée vers un autre interlocuteur. Le motif, avec cet interlocuteur, est consigné."
    if vers is S.EN_INSTRUCTION and detail.statut is S.ANONYMISATION_VALIDEE:
        return "Les rapporteurs instruisent la saisine : ils peuvent désormais lire la question anonymisée."
    if vers is S.EN_INSTRUCTION:
        return "La saisine revient en instruction (retirée de l'ordre du jour, ou débattue sans avis) : dites pourquoi."
    if vers is S.INSCRITE_ODJ:
        return (
            "La saisine est inscrite à l'ordre du jour de la séance choisie, par son seul numéro : sa question "
            "n'apparaît pas sur la convocation."
        )
    if vers is S.DEBATTUE:
        return "La saisine a été débattue lors d'une séance tenue, où elle figurait à l'ordre du jour."
    if vers is S.AVIS_ADOPTE:
        return "Un avis lié à la saisine a été adopté (page Recommandations)."
    if vers is S.TRANSMISE:
        return "L'avis a été transmis au demandeur : le délai de la saisine s'arrête."
    return "Le dossier de la saisine est clos ; il reste au registre."


class DialogueEtape(DialogueFiche):
    def __init__(
        self,
        contexte: Contexte,
        detail: DetailSaisine,
        vers: StatutSaisine,
        seances: Sequence[tuple[int, str]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(contexte, intitule(detail.statut, vers, detail.numero), parent)
        self.setMinimumWidth(560)
        self.detail = detail
        self.vers = vers
        self.motif_requis = workflow.motif_requis(detail.statut, vers)
        self.entete(explication(detail, vers))
        self.le = date_passee("Date de l'étape")
        self.ligne("&Date :", self.le, "le")
        self.par = QLineEdit(db.utilisateur_systeme())
        self.par.setAccessibleName("Étape faite par")
        self.par.setMaxLength(150)
        self.ligne("&Par :", self.par, "par")
        self.seance = None
        if vers is S.INSCRITE_ODJ:
            choix = [Choix(i, libelle) for i, libelle in seances]
            self.seance = combo_choix(choix, "Séance", vide=None if choix else AUCUNE_SEANCE)
            self.seance.setMinimumWidth(360)
            self.ligne("&Séance :", self.seance, "seance_id")
        if self.motif_requis:
            self.motif = texte_multiligne("Motif", 4, fixe=True)
            self.motif.setPlaceholderText(
                "Par exemple : la demande porte sur un litige individuel ; orientée vers le médiateur."
                if vers in (S.IRRECEVABLE, S.REORIENTEE)
                else "Par exemple : la séance a manqué de temps ; examen reporté."
            )
            self.ligne("&Motif (obligatoire) :", self.motif, "motif")
        else:
            self.motif = texte_multiligne("Observation", 2, fixe=True)
            self.motif.setPlaceholderText("Facultatif : consignée dans l'historique.")
            self.ligne("&Observation :", self.motif, "motif")
        self.bouton_ok.setText("&Valider l'étape")
        (self.motif if self.motif_requis else self.le).setFocus()

    def enregistrer(self) -> None:
        saisine_id, vers = self.detail.fiche.id, self.vers
        le, par, motif = date_de(self.le), self.par.text(), texte_propre(self.motif)
        seance_id = id_de(self.seance) if self.seance is not None else None

        def passer(session: Session) -> workflow.EtatSaisine:
            return workflow.passer(session, saisine_id, vers, par=par, le=le, motif=motif, seance_id=seance_id)

        self.contexte.executer(
            intitule(self.detail.statut, vers, self.detail.numero),
            faire=passer,
            defaire=workflow.restaurer_etat,
            refaire=lambda s, _avant: passer(s),
        )
