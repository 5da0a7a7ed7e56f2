"""The meeting editor: instance, reference, date and times, format, place or link, chair and secretary.

It saves through `Contexte.executer`, so Ctrl+Z takes a new meeting or an edit back; a refusal of the service
(a reference taken, an end before the start…) is shown under the field at fault and nothing is written.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QSizePolicy, QTimeEdit, QWidget

from app import horloge
from app.modeles.enumerations import FormatSeance
from app.services import seances
from app.services.seances import FicheSeance
from app.services.seances_lecture import ChoixSeances, LigneSeance, date_proposee, reference_proposee
from app.services.validation import ErreurValidation
from app.ui.annuaire.formulaire import (
    FRANCAIS,
    DialogueFiche,
    champ_date,
    choisir_id,
    combo_choix,
    date_de,
    id_de,
    vers_qdate,
)
from app.ui.comite.champs import choisir_enum, combo_enum, valeur_enum
from app.ui.contexte import Contexte

NON_DESIGNE = "— Non désigné —"
DEBUT_PAR_DEFAUT = dt.time(14, 0)
FIN_PAR_DEFAUT = dt.time(16, 30)


def vers_qtime(heure: dt.time) -> QTime:
    return QTime(heure.hour, heure.minute)


class HeureFacultative(QWidget):
    """A time that may be left out: a check box (« de », « à ») enables the time field (HH:MM)."""

    change = Signal()

    def __init__(self, case: str, nom_accessible: str, heure: dt.time | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case = QCheckBox(case)
        self.case.setAccessibleName(f"{nom_accessible} : renseignée")
        self.champ = QTimeEdit()
        self.champ.setLocale(FRANCAIS)
        self.champ.setDisplayFormat("HH:mm")
        self.champ.setAccessibleName(nom_accessible)
        self.champ.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        rangee = QHBoxLayout(self)
        rangee.setContentsMargins(0, 0, 0, 0)
        rangee.addWidget(self.case)
        rangee.addWidget(self.champ)
        rangee.addStretch(1)
        self.setFocusProxy(self.case)
        self.case.toggled.connect(self.champ.setEnabled)
        self.case.toggled.connect(self.change)
        self.champ.timeChanged.connect(self.change)
        self.definir(heure, par_defaut=heure)

    def definir(self, heure: dt.time | None, *, par_defaut: dt.time | None = None) -> None:
        self.case.setChecked(heure is not None)
        self.champ.setEnabled(heure is not None)
        self.champ.setTime(vers_qtime(heure or par_defaut or DEBUT_PAR_DEFAUT))

    def valeur(self) -> dt.time | None:
        if not self.case.isChecked():
            return None
        heure = self.champ.time()
        return dt.time(heure.hour(), heure.minute())


class DialogueSeance(DialogueFiche):
    """A new meeting (`seance` None) or an edit; `identifiant` is the meeting saved, once accepted."""

    def __init__(
        self,
        contexte: Contexte,
        choix: ChoixSeances,
        seance: LigneSeance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        titre = "Nouvelle séance" if seance is None else f"Modifier la séance {seance.reference}"
        super().__init__(contexte, titre, parent)
        self.setMinimumWidth(560)  # rather than a wide field, which the form would let overflow
        self.seance = seance
        self.choix = choix
        self.identifiant: int | None = None if seance is None else seance.id
        self._lieu_saisi = seance is not None  # a new meeting takes its instance's usual place until one is typed

        self.instance = combo_choix(choix.instances, "Instance")
        self.ligne("&Instance :", self.instance, "instance")
        self.reference = QLineEdit()
        self.reference.setAccessibleName("Référence de la séance")
        self.reference.setMaxLength(60)
        self.reference.setClearButtonEnabled(True)
        self.reference.setToolTip("Laissez vide pour la référence suivante de l'instance (par exemple PL-2026-03).")
        self.ligne("&Référence :", self.reference, "reference")
        self.date = champ_date("Date de la séance")
        self.ligne("&Date :", self.date, "date")

        self.debut = HeureFacultative("&de", "Heure de début", DEBUT_PAR_DEFAUT)
        self.fin = HeureFacultative("à", "Heure de fin", FIN_PAR_DEFAUT)
        self.fin.case.setText("&à")
        horaire = QWidget()
        rangee = QHBoxLayout(horaire)
        rangee.setContentsMargins(0, 0, 0, 0)
        rangee.addWidget(self.debut)
        rangee.addSpacing(8)
        rangee.addWidget(self.fin)
        rangee.addStretch(1)
        # One row, one message: the service names « heure_fin » when the end does not follow the start.
        self.messages["heure_debut"] = self.ligne("Horaire :", self.debut, "heure_fin", affiche=horaire)

        self.format = combo_enum(FormatSeance, "Format de la séance")
        self.format.setToolTip("Présentiel : un lieu ; visio : un lien ; mixte : les deux.")
        self.ligne("&Format :", self.format, "format")
        self.lieu = QLineEdit()
        self.lieu.setAccessibleName("Lieu de la séance")
        self.lieu.setMaxLength(300)
        self.lieu.setClearButtonEnabled(True)
        self.lieu.setPlaceholderText("Par exemple : Hôtel du département, salle 2")
        self.ligne("&Lieu :", self.lieu, "lieu")
        self.lien = QLineEdit()
        self.lien.setAccessibleName("Lien de visioconférence")
        self.lien.setMaxLength(500)
        self.lien.setClearButtonEnabled(True)
        self.lien.setPlaceholderText("https://…")
        self.ligne("Lien de &visio :", self.lien, "lien_visio")
        self.president = combo_choix(choix.personnes, "Président de séance", vide=NON_DESIGNE)
        self.ligne("&Président de séance :", self.president, "president_seance_id")
        self.secretaire = combo_choix(choix.personnes, "Secrétaire de séance", vide=NON_DESIGNE)
        self.ligne("&Secrétaire de séance :", self.secretaire, "secretaire_seance_id")

        if seance is None:
            self.entete("Laissez la référence vide : la suivante de l'instance est attribuée à l'enregistrement.")
            choisir_id(self.instance, choix.instance_par_defaut)
            self._proposer_date()
            self._proposer_lieu()
            self._proposer_president()
        else:
            choisir_id(self.instance, seance.instance_id)
            self.reference.setText(seance.reference)
            self.date.setDate(vers_qdate(seance.date))
            self.debut.definir(seance.heure_debut, par_defaut=DEBUT_PAR_DEFAUT)
            self.fin.definir(seance.heure_fin, par_defaut=FIN_PAR_DEFAUT)
            choisir_enum(self.format, seance.format)
            self.lieu.setText(seance.lieu)
            self.lien.setText(seance.lien_visio)
            choisir_id(self.president, seance.president_seance_id)
            choisir_id(self.secretaire, seance.secretaire_seance_id)
            if seance.tenue:
                # The service refuses it too; greyed out, the user sees it before trying.
                raison = f"La séance {seance.reference} est tenue : son instance et sa date ne changent plus."
                for champ in (self.instance, self.date):
                    champ.setEnabled(False)
                    champ.setToolTip(raison)
        self._actualiser_reference()
        self.instance.currentIndexChanged.connect(self._instance_changee)
        self.date.dateChanged.connect(self._actualiser_reference)
        self._president_choisi = False
        self.president.activated.connect(self._president_touche)
        self.lieu.textEdited.connect(self._lieu_tape)
        self.lien.textEdited.connect(self._lieu_tape)
        self.instance.setFocus()

    # --- defaults ------------------------------------------------------------------------------------------

    def _proposer_date(self) -> None:
        instance_id = id_de(self.instance)
        delai = self.choix.delais.get(instance_id, 5) if instance_id is not None else 5
        jour = date_proposee(horloge.aujourdhui(), delai)
        self.date.setDate(vers_qdate(jour))

    def _proposer_lieu(self) -> None:
        instance_id = id_de(self.instance)
        lieu, lien = self.choix.lieux.get(instance_id, ("", "")) if instance_id is not None else ("", "")
        self.lieu.setText(lieu)
        self.lien.setText(lien)

    def _proposer_president(self) -> None:
        """The instance's chair presides its meetings unless the secretary says otherwise."""
        instance_id = id_de(self.instance)
        choisir_id(self.president, self.choix.presidents.get(instance_id) if instance_id is not None else None)

    def _president_touche(self) -> None:
        self._president_choisi = True

    def _lieu_tape(self) -> None:
        self._lieu_saisi = True

    def _instance_changee(self) -> None:
        if self.seance is None and not self._lieu_saisi:
            self._proposer_lieu()
        if self.seance is None and not self._president_choisi:
            self._proposer_president()
        self._actualiser_reference()

    def _actualiser_reference(self) -> None:
        """The reference the meeting will get if the field stays empty, as its placeholder."""
        instance_id, annee = id_de(self.instance), date_de(self.date).year
        if self.seance is not None and instance_id == self.seance.instance_id and annee == self.seance.date.year:
            self.reference.setPlaceholderText(self.seance.reference)
            return
        proposee = self.contexte.lire(lambda s: reference_proposee(s, instance_id, annee))
        self.reference.setPlaceholderText(f"{proposee} (automatique)" if proposee else "")

    # --- saving --------------------------------------------------------------------------------------------

    def fiche(self) -> FicheSeance:
        instance_id = id_de(self.instance)
        if instance_id is None:
            raise ErreurValidation("instance", "Choisissez l'instance qui se réunit (rubrique Comité › Instances).")
        format_ = valeur_enum(self.format, FormatSeance) or FormatSeance.PRESENTIEL
        return FicheSeance(
            self.identifiant or 0,
            self.reference.text(),
            instance_id,
            date_de(self.date),
            self.debut.valeur(),
            self.fin.valeur(),
            self.lieu.text(),
            self.lien.text(),
            format_,
            id_de(self.president),
            id_de(self.secretaire),
        )

    def enregistrer(self) -> None:
        fiche = self.fiche()
        if self.seance is None:
            reference = " ".join(fiche.reference.split()) or self.contexte.lire(
                lambda s: reference_proposee(s, fiche.instance_id, fiche.date.year)
            )
            ajoutee = self.contexte.executer(
                f"Ajouter la séance {reference}",
                faire=lambda s: seances.ajouter_seance(s, fiche),
                defaire=lambda s, f: seances.supprimer_seance(s, f.id),
                refaire=seances.ajouter_seance,  # under the same id and reference
            )
            self.identifiant = ajoutee.id
            return
        self.contexte.executer(
            f"Modifier la séance {' '.join(fiche.reference.split()) or self.seance.reference}",
            faire=lambda s: seances.modifier_seance(s, fiche),
            defaire=seances.restaurer_seance,
        )
