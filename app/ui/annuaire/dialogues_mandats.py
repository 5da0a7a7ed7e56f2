"""The dialogs of a mandate: add or edit a seat, end it with its reason, replace its titulaire.

Each saves through `Contexte.executer` with an undo that restores the exact previous state.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QWidget

from app import horloge
from app.format_fr import date_longue
from app.modeles.enumerations import MotifFinMandat, Qualite, Role, Voix
from app.services import annuaire
from app.services.annuaire import FicheMandat
from app.services.annuaire_lecture import Choix, ChoixAnnuaire, LigneMandat, titulaires_en_cours
from app.services.validation import ErreurValidation
from app.ui.annuaire.formulaire import (
    DateFacultative,
    DialogueFiche,
    champ_date,
    choisir_id,
    combo_choix,
    date_de,
    de,
    id_de,
    remplir_choix,
    vers_qdate,
)
from app.ui.comite.champs import NON_RENSEIGNE, choisir_enum, combo_enum, valeur_enum
from app.ui.contexte import Contexte

AUCUN_TITULAIRE = "— Aucun titulaire de l'instance en cours à cette date —"
SANS_OBJET = "— Sans objet pour un titulaire —"


def _aide(texte: str) -> QLabel:
    etiquette = QLabel(texte)
    etiquette.setWordWrap(True)
    etiquette.setStyleSheet("color: palette(placeholder-text);")
    return etiquette


class DialogueMandat(DialogueFiche):
    """A seat of one person: instance, collège, titulaire or suppléant (of whom), role, vote, dates."""

    def __init__(
        self,
        contexte: Contexte,
        personne: Choix,
        choix: ChoixAnnuaire,
        mandat: LigneMandat | None = None,
        parent: QWidget | None = None,
        *,
        college_par_defaut: int | None = None,
    ) -> None:
        titre = f"Nouveau mandat {de(personne.libelle)}" if mandat is None else f"Mandat {de(personne.libelle)}"
        super().__init__(contexte, titre, parent)
        self.entete(f"<b>{personne.libelle}</b>")
        self.personne = personne
        self.mandat = mandat
        self.identifiant: int | None = None if mandat is None else mandat.id
        self.instance = combo_choix(choix.instances, "Instance", vide="— Choisissez une instance —")
        self.instance.setMinimumWidth(380)
        self.ligne("&Instance :", self.instance, "instance")
        self.college = combo_choix(choix.colleges, "Collège", vide="— Choisissez un collège —")
        self.college.setToolTip("Le collège appartient au mandat : on peut siéger dans des collèges différents.")
        self.ligne("&Collège :", self.college, "college")
        self.qualite = combo_enum(Qualite, "Qualité : titulaire ou suppléant")
        self.ligne("&Qualité :", self.qualite, "qualite")
        self.titulaire = combo_choix((), "Suppléant de")
        self.titulaire.setToolTip("Les titulaires de l'instance dont le mandat est en cours au début de celui-ci.")
        self.ligne("Su&ppléant de :", self.titulaire, "titulaire")
        self.role = combo_enum(Role, "Rôle")
        self.ligne("&Rôle :", self.role, "role")
        self.voix = combo_enum(Voix, "Voix")
        self.voix.setToolTip("Seuls les titulaires à voix délibérative comptent dans le quorum.")
        self.ligne("&Voix :", self.voix, "voix")
        self.debut = champ_date("Début du mandat")
        self.ligne("&Début :", self.debut, "debut")
        self.fin = DateFacultative("Date de &fin", "Fin du mandat")
        self.ligne("Fin :", self.fin, "fin")
        self.motif = combo_enum(MotifFinMandat, "Motif de fin", vide=NON_RENSEIGNE)
        self.ligne("&Motif de fin :", self.motif, "motif_fin")

        if mandat is not None:
            choisir_id(self.instance, mandat.instance_id)
            choisir_id(self.college, mandat.college_id)
            choisir_enum(self.qualite, mandat.qualite)
            choisir_enum(self.role, mandat.role)
            choisir_enum(self.voix, mandat.voix)
            self.debut.setDate(vers_qdate(mandat.debut))
            self.fin.definir(mandat.fin, par_defaut=max(mandat.debut, horloge.aujourdhui()))
            choisir_enum(self.motif, mandat.motif_fin)
        else:
            choisir_id(self.college, college_par_defaut)  # most people sit in one collège everywhere
            choisir_enum(self.role, Role.MEMBRE)
            choisir_enum(self.voix, Voix.DELIBERATIVE)
        self._actualiser_titulaires()
        if mandat is not None:
            choisir_id(self.titulaire, mandat.titulaire_id)
        self._actualiser_fin()
        self.instance.currentIndexChanged.connect(self._actualiser_titulaires)
        self.qualite.currentIndexChanged.connect(self._actualiser_titulaires)
        self.debut.dateChanged.connect(self._actualiser_titulaires)
        self.fin.change.connect(self._actualiser_fin)
        self.instance.setFocus()

    def _actualiser_titulaires(self) -> None:
        """Only a suppléant chooses a titulaire: those of the chosen instance running on the start date."""
        suppleant = valeur_enum(self.qualite, Qualite) is Qualite.SUPPLEANT
        instance_id = id_de(self.instance)
        titulaires: tuple[Choix, ...] = ()
        if suppleant and instance_id is not None:
            jour = date_de(self.debut)
            titulaires = self.contexte.lire(lambda s: titulaires_en_cours(s, instance_id, jour, self.personne.id))
            actuel = self.mandat.titulaire_id if self.mandat is not None else None
            if actuel is not None and actuel not in {t.id for t in titulaires} and instance_id == self.mandat_instance:
                titulaires += (Choix(actuel, f"{self.mandat_suppleant_de} (mandat plus en cours à cette date)"),)
        if titulaires:
            vide = None
        elif not suppleant:
            vide = SANS_OBJET
        else:
            vide = AUCUN_TITULAIRE if instance_id is not None else "— Choisissez d'abord l'instance —"
        remplir_choix(self.titulaire, titulaires, vide=vide)
        self.titulaire.setEnabled(suppleant and bool(titulaires))

    @property
    def mandat_instance(self) -> int | None:
        return self.mandat.instance_id if self.mandat is not None else None

    @property
    def mandat_suppleant_de(self) -> str:
        return self.mandat.suppleant_de if self.mandat is not None else ""

    def _actualiser_fin(self) -> None:
        termine = self.fin.valeur() is not None
        self.motif.setEnabled(termine)
        if not termine:
            choisir_enum(self.motif, None)

    def fiche(self) -> FicheMandat:
        instance_id = id_de(self.instance)
        college_id = id_de(self.college)
        if instance_id is None:
            raise ErreurValidation("instance", "Choisissez l'instance où siège ce mandat.")
        if college_id is None:
            raise ErreurValidation("college", "Choisissez le collège de ce mandat.")
        qualite = valeur_enum(self.qualite, Qualite) or Qualite.TITULAIRE
        return FicheMandat(
            self.identifiant or 0,
            self.personne.id,
            instance_id,
            college_id,
            qualite,
            date_de(self.debut),
            id_de(self.titulaire) if qualite is Qualite.SUPPLEANT else None,
            valeur_enum(self.role, Role) or Role.MEMBRE,
            valeur_enum(self.voix, Voix) or Voix.DELIBERATIVE,
            self.fin.valeur(),
            valeur_enum(self.motif, MotifFinMandat),
        )

    def enregistrer(self) -> None:
        fiche = self.fiche()
        instance = self.instance.currentText()
        if self.mandat is None:
            ajoute = self.contexte.executer(
                f"Ajouter un mandat {de(self.personne.libelle)} ({instance})",
                faire=lambda s: annuaire.ajouter_mandat(s, fiche),
                defaire=lambda s, f: annuaire.supprimer_mandat(s, f.id),
                refaire=annuaire.restaurer_mandat,
            )
            self.identifiant = ajoute.id
            return
        self.contexte.executer(
            f"Modifier le mandat {de(self.personne.libelle)} ({instance})",
            faire=lambda s: annuaire.modifier_mandat(s, fiche),
            defaire=annuaire.restaurer_mandat,
        )


class DialogueFinMandat(DialogueFiche):
    """End a seat on a date, with its reason."""

    def __init__(self, contexte: Contexte, nom: str, mandat: LigneMandat, parent: QWidget | None = None) -> None:
        super().__init__(contexte, "Terminer le mandat", parent)
        self.mandat = mandat
        self.nom = nom
        self.entete(
            f"Mandat {de(nom)} : {mandat.instance}, collège «\u00a0{mandat.college}\u00a0», "
            f"{mandat.qualite.libelle.lower()} depuis le {date_longue(mandat.debut)}."
        )
        self.fin = champ_date("Dernier jour du mandat", max(mandat.debut, horloge.aujourdhui()))
        self.fin.setToolTip("Le mandat compte encore ce jour-là (il est en cours jusqu'à cette date incluse).")
        self.ligne("&Dernier jour :", self.fin, "fin")
        self.motif = combo_enum(MotifFinMandat, "Motif de fin", vide="— Choisissez un motif —")
        self.ligne("&Motif :", self.motif, "motif")
        if mandat.qualite is Qualite.TITULAIRE and mandat.suppleants:
            self.disposition.insertWidget(
                2,
                _aide(
                    f"{', '.join(mandat.suppleants)} ne suppléera plus personne après cette date. Pour donner le "
                    "siège à quelqu'un d'autre et lui rattacher les suppléants, utilisez plutôt « Remplacer… »."
                ),
            )
        self.bouton_ok.setText("&Terminer le mandat")
        self.motif.setFocus()

    def enregistrer(self) -> None:
        motif = valeur_enum(self.motif, MotifFinMandat)
        if motif is None:
            raise ErreurValidation("motif", "Choisissez le motif de fin du mandat.")
        fin = date_de(self.fin)
        mandat_id = self.mandat.id
        self.contexte.executer(
            f"Terminer le mandat {de(self.nom)} ({self.mandat.instance})",
            faire=lambda s: annuaire.mettre_fin_au_mandat(s, mandat_id, fin, motif),
            defaire=lambda s, avant: annuaire.reprendre_mandat(s, avant.id, avant.fin, avant.motif_fin),
        )


class DialogueRemplacement(DialogueFiche):
    """Give a titulaire's seat to someone else from a date; the active suppléants follow the seat."""

    def __init__(
        self,
        contexte: Contexte,
        nom: str,
        mandat: LigneMandat,
        personnes: Sequence[Choix],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(contexte, "Remplacer un membre", parent)
        self.mandat = mandat
        self.nom = nom
        self.nouveau_id: int | None = None
        self.entete(f"Siège {de(nom)} : {mandat.instance}, collège «\u00a0{mandat.college}\u00a0».")
        autres = [p for p in personnes if p.id != mandat.personne_id]
        self.remplacant = combo_choix(autres, "Remplaçant", vide="— Choisissez le remplaçant —")
        self.remplacant.setMinimumWidth(320)
        self.ligne("&Remplaçant :", self.remplacant, "remplacant")
        self.debut = champ_date("Premier jour du remplaçant", max(mandat.debut, horloge.aujourdhui()))
        self.ligne("À &partir du :", self.debut, "debut")
        self.motif = combo_enum(MotifFinMandat, "Motif de fin du mandat remplacé")
        self.motif.setToolTip(f"Pourquoi le mandat {de(nom)} prend fin")
        choisir_enum(self.motif, MotifFinMandat.REMPLACEMENT)
        self.ligne("&Motif de fin :", self.motif, "motif")
        self.disposition.insertWidget(
            2,
            _aide(
                f"Le mandat {de(nom)} prend fin la veille ; le remplaçant reprend le siège avec le même collège, "
                "le même rôle et la même voix, et les suppléants en cours lui sont rattachés. Si le remplaçant n'est "
                "pas encore dans l'annuaire, ajoutez-le d'abord (bouton « Ajouter… » des membres)."
            ),
        )
        self.bouton_ok.setText("&Remplacer")
        self.remplacant.setFocus()

    def enregistrer(self) -> None:
        remplacant_id = id_de(self.remplacant)
        if remplacant_id is None:
            raise ErreurValidation("remplacant", "Choisissez qui reprend le siège.")
        debut = date_de(self.debut)
        motif = valeur_enum(self.motif, MotifFinMandat) or MotifFinMandat.REMPLACEMENT
        mandat_id = self.mandat.id
        remplacement = self.contexte.executer(
            f"Remplacer {self.nom} par {self.remplacant.currentText()} ({self.mandat.instance})",
            faire=lambda s: annuaire.remplacer(s, mandat_id, remplacant_id, debut, motif),
            defaire=annuaire.annuler_remplacement,
            refaire=annuaire.retablir_remplacement,
        )
        self.nouveau_id = remplacement.nouveau_id
