"""The « Diffusions » tab: where and to whom the chosen production was spread (channel, audience, date, number
reached when known), with its add / edit dialog; deletion asks first, and Ctrl+Z takes every change back."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QSizePolicy, QSpinBox, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app import horloge
from app.erreurs import ErreurConnue
from app.format_fr import date_longue, nombre
from app.modeles.enumerations import CanalDiffusion, PublicDiffusion
from app.services import productions
from app.services.productions import NOMBRE_MAX, FicheDiffusion
from app.services.productions_lecture import LigneDiffusion, lire_diffusions
from app.ui.annuaire.formulaire import DialogueFiche, champ_date, date_de
from app.ui.annuaire.tableaux import (
    ajuster_colonnes,
    avertir,
    bouton,
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
from app.ui.travaux.modeles import INCONNU, modele_diffusions, texte_nombre_atteint

SANS_NOMBRE = -1  # the spin box's lowest value, shown as « Non connu »


class DialogueDiffusion(DialogueFiche):
    """Add a diffusion to a production (`fiche.id` 0) or edit one."""

    def __init__(
        self, contexte: Contexte, fiche: FicheDiffusion, titre_production: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(contexte, "Modifier la diffusion" if fiche.id else "Nouvelle diffusion", parent)
        self.setMinimumWidth(520)
        self.depart = fiche
        self.identifiant: int | None = fiche.id or None
        self.entete(f"Diffusion de « {titre_production} ».")
        self.canal = combo_enum(CanalDiffusion, "Canal de diffusion")
        choisir_enum(self.canal, fiche.canal)
        self.ligne("&Canal :", self.canal, "canal")
        self.public = combo_enum(PublicDiffusion, "Public visé")
        choisir_enum(self.public, fiche.public)
        self.ligne("&Public :", self.public, "public")
        self.date = champ_date("Date de la diffusion", fiche.date)
        self.ligne("&Date :", self.date, "date")
        self.nombre = QSpinBox()
        self.nombre.setAccessibleName("Nombre de personnes atteintes")
        self.nombre.setRange(SANS_NOMBRE, NOMBRE_MAX)
        self.nombre.setSpecialValueText(INCONNU)  # shown at the lowest value: the number is not known
        self.nombre.setGroupSeparatorShown(True)
        self.nombre.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.nombre.setValue(SANS_NOMBRE if fiche.nombre_atteint is None else fiche.nombre_atteint)
        self.nombre.setToolTip("Laissez « Non connu » si le nombre de personnes atteintes n'est pas connu")
        self.nombre.setMinimumWidth(self.nombre.fontMetrics().horizontalAdvance("100 000 000") + 48)
        self.ligne("&Nombre atteint :", self.nombre, "nombre_atteint")
        self.canal.setFocus()

    def fiche(self) -> FicheDiffusion:
        valeur = self.nombre.value()
        return FicheDiffusion(
            id=self.depart.id,
            production_id=self.depart.production_id,
            canal=valeur_enum(self.canal, CanalDiffusion) or self.depart.canal,
            public=valeur_enum(self.public, PublicDiffusion) or self.depart.public,
            date=date_de(self.date),
            nombre_atteint=None if valeur == SANS_NOMBRE else valeur,
        )

    def enregistrer(self) -> None:
        fiche = self.fiche()
        libelle = f"{fiche.canal.libelle.lower()}, {fiche.public.libelle.lower()}"
        if fiche.id:
            self.contexte.executer(
                f"Modifier la diffusion ({libelle})",
                faire=lambda s: productions.modifier_diffusion(s, fiche),
                defaire=productions.modifier_diffusion,
                refaire=lambda s, _avant: productions.modifier_diffusion(s, fiche),
            )
            return
        copie: list[dict[str, object]] = []

        def defaire(session: Session, identifiant: int) -> None:
            copie[:] = [productions.supprimer_diffusion(session, identifiant)]

        self.identifiant = self.contexte.executer(
            f"Ajouter une diffusion ({libelle})",
            faire=lambda s: productions.ajouter_diffusion(s, fiche),
            defaire=defaire,
            refaire=lambda s, _i: productions.restaurer_diffusion(s, copie[0]),
        )


class OngletDiffusions(QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.production_id: int | None = None
        self.titre_production = ""
        self.date_production: dt.date | None = None
        self.modele = modele_diffusions(self)
        self.proxy = FiltreLignes(self.modele, self)
        self.vue = creer_vue(self.proxy, "Diffusions de la production")
        ajuster_colonnes(self.vue, {0: 12, 1: 24, 3: 20}, etiree=2)
        self.total = QLabel()
        self.total.setAccessibleName("Total des personnes atteintes")
        self.bouton_ajouter = bouton("&Ajouter…", "ajouter", "Ajouter une diffusion")
        self.bouton_modifier = bouton("&Modifier…", "modifier", "Modifier la diffusion choisie")
        self.bouton_supprimer = bouton("&Supprimer…", "supprimer", "Supprimer la diffusion choisie", "Touche Suppr")
        self.bouton_ajouter.clicked.connect(self.ajouter)
        self.bouton_modifier.clicked.connect(self.modifier)
        self.bouton_supprimer.clicked.connect(self.supprimer)
        self.vue.doubleClicked.connect(lambda _i: self.modifier())
        self.vue.selectionModel().selectionChanged.connect(lambda *_: self._actualiser_boutons())
        raccourci(self.vue, QKeySequence.StandardKey.Delete, self.supprimer)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Return), self.modifier)
        raccourci(self.vue, QKeySequence(Qt.Key.Key_Enter), self.modifier)
        disposition = QVBoxLayout(self)
        disposition.addWidget(self.vue, 1)
        disposition.addLayout(
            rangee_de_boutons(self.bouton_ajouter, self.bouton_modifier, self.bouton_supprimer, droite=(self.total,))
        )
        self.afficher(None)

    def afficher(self, production_id: int | None) -> None:
        garde = identifiant_selectionne(self.vue, self.proxy) if production_id == self.production_id else None

        def lire(session: Session) -> tuple[tuple[LigneDiffusion, ...], str, dt.date | None]:
            if production_id is None:
                return (), "", None
            p = productions.production(session, production_id)
            return lire_diffusions(session, production_id), p.titre, p.date

        try:
            lignes, self.titre_production, self.date_production = self.contexte.lire(lire)
        except ErreurConnue:
            lignes, self.titre_production, self.date_production, production_id = (), "", None, None
        self.production_id = production_id
        self.modele.definir(lignes)
        selectionner(self.vue, self.proxy, garde)
        connus = [d.nombre_atteint for d in lignes if d.nombre_atteint is not None]
        if not lignes:
            self.total.setText("Aucune diffusion" if production_id is not None else "")
        else:
            texte = f"{nombre(len(lignes))} diffusion{'s' if len(lignes) > 1 else ''}"
            atteintes = sum(connus)
            s = "s" if atteintes > 1 else ""
            texte += f" · {nombre(atteintes)} personne{s} atteinte{s}"
            inconnus = len(lignes) - len(connus)
            if inconnus:
                texte += f" (nombre non connu pour {nombre(inconnus)})"
            self.total.setText(texte)
        self._actualiser_boutons()

    def diffusion(self) -> LigneDiffusion | None:
        return ligne_selectionnee(self.vue, self.proxy)

    def _actualiser_boutons(self) -> None:
        ecriture = not self.contexte.base.lecture_seule
        choisie = self.diffusion() is not None
        self.bouton_ajouter.setEnabled(ecriture and self.production_id is not None)
        self.bouton_modifier.setEnabled(ecriture and choisie)
        self.bouton_supprimer.setEnabled(ecriture and choisie)

    def dialogue_ajout(self) -> DialogueDiffusion | None:
        if self.production_id is None:
            return None
        jour = max(self.date_production or dt.date.min, horloge.aujourdhui())
        fiche = FicheDiffusion(
            0, self.production_id, CanalDiffusion.SITE_INTERNET, PublicDiffusion.TRAVAILLEURS_SOCIAUX, jour
        )
        dialogue = DialogueDiffusion(self.contexte, fiche, self.titre_production, self)
        dialogue.accepted.connect(lambda: selectionner(self.vue, self.proxy, dialogue.identifiant))
        return dialogue

    def dialogue_modification(self) -> DialogueDiffusion | None:
        d = self.diffusion()
        if d is None:
            return None
        fiche = FicheDiffusion(d.id, d.production_id, d.canal, d.public, d.date, d.nombre_atteint)
        return DialogueDiffusion(self.contexte, fiche, self.titre_production, self)

    def ajouter(self) -> None:
        dialogue = self.dialogue_ajout() if not self.contexte.base.lecture_seule else None
        if dialogue is not None:
            dialogue.exec()

    def modifier(self) -> None:
        dialogue = self.dialogue_modification() if not self.contexte.base.lecture_seule else None
        if dialogue is not None:
            dialogue.exec()

    def supprimer(self) -> None:
        d = self.diffusion()
        if d is None or self.contexte.base.lecture_seule:
            return
        titre = "Supprimer une diffusion"
        question = (
            f"Supprimer la diffusion du {date_longue(d.date)} ({d.canal.libelle.lower()}, "
            f"{d.public.libelle.lower()}, {texte_nombre_atteint(d.nombre_atteint).lower()}) ? Ctrl+Z la remet."
        )
        if not confirmer(self, titre, question, "&Supprimer"):
            return
        identifiant = d.id
        try:
            self.contexte.executer(
                f"Supprimer la diffusion du {date_longue(d.date)}",
                faire=lambda s: productions.supprimer_diffusion(s, identifiant),
                defaire=productions.restaurer_diffusion,
                refaire=lambda s, copie: productions.supprimer_diffusion(s, int(copie["id"])),
            )
        except ErreurConnue as erreur:
            avertir(self, titre, erreur)
