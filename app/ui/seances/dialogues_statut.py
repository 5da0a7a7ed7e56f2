"""The dialogs of a meeting's workflow: the urgency reason of a late convocation, the second convocation after
a meeting without quorum, the approval of the minutes. Each saves through `Contexte.executer` (Ctrl+Z undoes it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import QFormLayout, QPlainTextEdit, QWidget

from app import horloge
from app.format_fr import date_avec_jour, date_longue
from app.modeles.enumerations import StatutSeance
from app.services import approbation, seances
from app.services.annuaire_lecture import Choix
from app.services.seances_lecture import LigneSeance, date_proposee
from app.services.validation import ErreurValidation
from app.ui.annuaire.formulaire import DialogueFiche, champ_date, choisir_id, combo_choix, date_de, id_de
from app.ui.contexte import Contexte
from app.ui.seances.dialogue_seance import HeureFacultative

MOTIF_OBLIGATOIRE = "Indiquez le motif de l'urgence : il est imprimé sur la convocation."


def convoquer(contexte: Contexte, seance: LigneSeance, motif: str = "") -> None:
    """Convene now (the service dates the convocation today); Ctrl+Z puts the meeting back as it was."""
    contexte.executer(
        f"Convoquer la séance {seance.reference}",
        faire=lambda s: seances.passer_a(s, seance.id, StatutSeance.CONVOQUEE, motif),
        defaire=seances.restaurer_workflow,
        refaire=lambda s, _avant: seances.passer_a(s, seance.id, StatutSeance.CONVOQUEE, motif),
    )


class DialogueMotifUrgence(DialogueFiche):
    """A convocation later than the instance's notice: the reason, printed on it, is required."""

    def __init__(
        self,
        contexte: Contexte,
        seance: LigneSeance,
        explication: str,
        parent: QWidget | None = None,
        *,
        envoi: dt.date | None = None,
    ) -> None:
        super().__init__(contexte, f"Convoquer la séance {seance.reference} en urgence", parent)
        self.setMinimumWidth(540)
        self.seance = seance
        self.formulaire.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # a text box: its label above
        envoi = envoi or seance.convocation_envoyee_le or horloge.aujourdhui()
        dates = f"Séance du {date_avec_jour(seance.date)} ; convocation datée du {date_avec_jour(envoi)}."
        self.entete(f"{explication}\n\n{dates}")
        self.motif = QPlainTextEdit()
        self.motif.setAccessibleName("Motif de l'urgence")
        self.motif.setTabChangesFocus(True)
        self.motif.setPlaceholderText("Par exemple : avis demandé par le HCTS avant le 15 décembre.")
        self.motif.setFixedHeight(self.motif.fontMetrics().lineSpacing() * 4 + 14)
        self.motif.setPlainText(seance.motif_urgence)
        self.ligne("&Motif de l'urgence :", self.motif, "motif_urgence")
        self.bouton_ok.setText("&Convoquer")
        self.motif.setFocus()

    def enregistrer(self) -> None:
        motif = " ".join(self.motif.toPlainText().split())
        if not motif:
            raise ErreurValidation("motif_urgence", MOTIF_OBLIGATOIRE)
        convoquer(self.contexte, self.seance, motif)


class DialogueSecondeConvocation(DialogueFiche):
    """A new meeting of the same instance, with the same agenda, where no quorum is required."""

    def __init__(self, contexte: Contexte, seance: LigneSeance, parent: QWidget | None = None) -> None:
        super().__init__(contexte, f"Seconde convocation de la séance {seance.reference}", parent)
        self.seance = seance
        self.identifiant: int | None = None
        self.entete(
            f"La séance {seance.reference} du {date_longue(seance.date)} n'a pas atteint son quorum. La seconde "
            "convocation réunit la même instance, avec le même ordre du jour et au même lieu ; aucun quorum "
            "n'y est requis."
        )
        jour = date_proposee(max(horloge.aujourdhui(), seance.date), seance.delai_convocation_jours)
        self.date = champ_date("Date de la seconde convocation", jour)
        self.ligne("&Date :", self.date, "date")
        self.debut = HeureFacultative("à &partir de", "Heure de début", seance.heure_debut)
        self.debut.setToolTip("Par défaut, l'horaire de la première séance.")
        self.ligne("&Heure :", self.debut, "heure_debut")
        self.bouton_ok.setText("&Créer la séance")
        self.date.setFocus()

    def enregistrer(self) -> None:
        seance_id, jour = self.seance.id, date_de(self.date)
        debut = self.debut.valeur()
        # The same start keeps the first meeting's end time too (the service drops it for another start).
        heure: dt.time | None = None if debut == self.seance.heure_debut else debut
        creee = self.contexte.executer(
            f"Seconde convocation de la séance {self.seance.reference}",
            faire=lambda s: seances.creer_seconde_convocation(s, seance_id, jour, heure_debut=heure),
            defaire=lambda s, f: seances.supprimer_seance(s, f.id),
        )
        self.identifiant = creee.id


class DialogueApprobation(DialogueFiche):
    """The held meeting of the same instance, later on, where the minutes of `seance` were approved."""

    def __init__(
        self,
        contexte: Contexte,
        seance: LigneSeance,
        candidates: Sequence[tuple[int, str, dt.date]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(contexte, f"Approbation du procès-verbal de la séance {seance.reference}", parent)
        self.seance = seance
        self.entete(
            f"Le procès-verbal de la séance du {date_longue(seance.date)} ({seance.instance}) s'approuve à une "
            "séance tenue ultérieure de la même instance. Une fois approuvé, il ne porte plus la mention « PROJET »."
        )
        choix = [Choix(i, f"{reference} — séance du {date_longue(jour)}") for i, reference, jour in candidates]
        self.approbatrice = combo_choix(choix, "Séance qui approuve le procès-verbal")
        self.approbatrice.setMinimumWidth(320)
        choisir_id(self.approbatrice, _id_approbatrice(seance, candidates))
        self.ligne("&Approuvé en séance :", self.approbatrice, "approbatrice")
        self.bouton_ok.setText("&Approuver")
        self.approbatrice.setFocus()

    def enregistrer(self) -> None:
        en_seance = id_de(self.approbatrice)
        if en_seance is None:
            raise ErreurValidation("approbatrice", "Choisissez la séance qui a approuvé le procès-verbal.")
        seance_id = self.seance.id
        self.contexte.executer(
            f"Approuver le procès-verbal de la séance {self.seance.reference}",
            faire=lambda s: approbation.approuver_pv(s, seance_id, en_seance),
            defaire=approbation.restaurer_approbation,
            refaire=lambda s, _avant: approbation.approuver_pv(s, seance_id, en_seance),
        )


def _id_approbatrice(seance: LigneSeance, candidates: Sequence[tuple[int, str, dt.date]]) -> int | None:
    """The meeting already recorded, else the first one after (where minutes are usually approved)."""
    for identifiant, reference, _jour in candidates:
        if reference == seance.pv_approuve_en:
            return identifiant
    return candidates[0][0] if candidates else None
