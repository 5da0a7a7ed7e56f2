"""The « Demandeur » tab: who asked, and how to reach them.

The only module of the interface that reads or writes the requester's identity (`app.services.demandeurs`; a
test checks it): everywhere else a referral's requester is known by kind only, and no document or export carries
the identity. It is erased some months after the opinion was sent (or the referral closed without one).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app import horloge
from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.modeles.enumerations import TypeDemandeur
from app.services import demandeurs
from app.services.demandeurs import CONSERVATION_MOIS, Demandeur
from app.services.saisines import saisine
from app.services.saisines_lecture import DetailSaisine
from app.ui.annuaire.tableaux import avertir, bouton, raccourci, rangee_de_boutons
from app.ui.contexte import Contexte
from app.ui.saisines.champs import EditionDeSaisine, lecture_seule, texte_multiligne, texte_propre

NOTE = (
    "Ces informations ne sont jamais imprimées ni exportées : les documents et les membres ne connaissent que "
    f"le type de demandeur. Elles sont effacées {CONSERVATION_MOIS} mois après l'envoi de l'avis (ou la clôture "
    "de la saisine sans avis)."
)


def texte_purge(purge: dt.date | None, aujourdhui: dt.date) -> str:
    if purge is None:
        return "Elles sont conservées tant que la saisine est en cours."
    if purge <= aujourdhui:
        return f"Le délai de conservation a pris fin le {date_longue(purge)} : l'identité est effacée."
    return f"Effacement prévu le {date_longue(purge)}."


class OngletDemandeur(EditionDeSaisine, QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.detail: DetailSaisine | None = None
        self.demandeur: Demandeur | None = None
        self.purge: dt.date | None = None
        self._ecriture = False
        self._recharge: list[DetailSaisine | None] = []

        self.note = QLabel(NOTE)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("font-weight: 600;")
        self.etat = QLabel()
        self.etat.setWordWrap(True)
        self.etat.setAccessibleName("Conservation de l'identité du demandeur")
        self.identite = texte_multiligne("Identité du demandeur", 2, fixe=True)
        self.identite.setPlaceholderText("Nom, prénom, fonction, structure…")
        self.coordonnees = texte_multiligne("Coordonnées du demandeur", 4, fixe=True)
        self.coordonnees.setPlaceholderText("Adresse, téléphone, courriel : pour lui répondre.")
        self.bouton_enregistrer = bouton("&Enregistrer", "enregistrer", "Enregistrer le demandeur", "Ctrl+Entrée")
        self.bouton_abandonner = bouton(
            "Abandonner les modifications", None, "Abandonner les modifications du demandeur"
        )
        self.bouton_enregistrer.clicked.connect(self.enregistrer)
        self.bouton_abandonner.clicked.connect(lambda: self.afficher(self.detail, recharger=True))
        for champ in (self.identite, self.coordonnees):
            champ.textChanged.connect(self._actualiser)

        formulaire = QFormLayout()
        formulaire.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for libelle, champ in (("&Identité :", self.identite), ("C&oordonnées :", self.coordonnees)):
            etiquette = QLabel(libelle)
            etiquette.setBuddy(champ)
            formulaire.addRow(etiquette, champ)
        colonne = QWidget()
        colonne.setMaximumWidth(820)  # a form, not a page-wide text: lines stay readable
        disposition_colonne = QVBoxLayout(colonne)
        disposition_colonne.setContentsMargins(0, 0, 0, 0)
        disposition_colonne.addWidget(self.note)
        disposition_colonne.addLayout(formulaire)
        disposition_colonne.addWidget(self.etat)
        disposition_colonne.addLayout(rangee_de_boutons(self.bouton_enregistrer, self.bouton_abandonner))
        disposition_colonne.addStretch(1)
        disposition = QVBoxLayout(self)
        disposition.addWidget(colonne)
        for touche in ("Ctrl+Return", "Ctrl+Enter"):
            raccourci(self, QKeySequence(touche), self.enregistrer).setContext(
                Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
        self.afficher(None)

    def afficher(self, detail: DetailSaisine | None, *, recharger: bool = False) -> None:
        arrivee = self._arrivee(detail, recharger)
        if arrivee is None:
            return
        detail, garder = arrivee.detail, arrivee.garder
        self.detail = detail
        self.demandeur, self.purge = None, None
        if detail is not None:
            saisine_id = detail.fiche.id

            def lire(session: Session) -> tuple[Demandeur | None, dt.date | None]:
                return demandeurs.lire_demandeur(session, saisine_id), demandeurs.date_de_purge(
                    saisine(session, saisine_id)
                )

            try:
                self.demandeur, self.purge = self.contexte.lire(lire)
            except ErreurConnue:
                self.detail = None
        if not garder:
            d = self.demandeur or Demandeur()
            for champ, texte in ((self.identite, d.identite), (self.coordonnees, d.coordonnees)):
                champ.blockSignals(True)
                champ.setPlainText(texte)
                champ.blockSignals(False)
        self._actualiser()

    def _purgee(self) -> bool:
        return self.purge is not None and self.purge <= horloge.aujourdhui()

    def _actualiser(self) -> None:
        d = self.detail
        autosaisine = d is not None and d.fiche.type_demandeur is TypeDemandeur.AUTOSAISINE
        modifiable = d is not None and not self.contexte.base.lecture_seule and not self._purgee()
        for champ in (self.identite, self.coordonnees):
            lecture_seule(champ, not modifiable)
        if d is None:
            self.etat.setText("Choisissez une saisine dans la liste.")
        elif autosaisine and (self.demandeur is None or self.demandeur.vide):
            self.etat.setText("Autosaisine : l'instance s'est saisie elle-même, il n'y a pas de demandeur à noter.")
        else:
            self.etat.setText(texte_purge(self.purge, horloge.aujourdhui()))
        modifie = self.modifie()
        self.bouton_enregistrer.setEnabled(modifiable and modifie)
        self.bouton_abandonner.setEnabled(modifiable and modifie)

    def saisie(self) -> Demandeur:
        return Demandeur(texte_propre(self.identite), texte_propre(self.coordonnees))

    def modifie(self) -> bool:
        if self.detail is None or self.contexte.base.lecture_seule or self._purgee():
            return False
        return self.saisie() != (self.demandeur or Demandeur())

    def enregistrer(self) -> bool:
        d = self.detail
        if d is None or not self.modifie():
            return True
        saisine_id, nouveau = d.fiche.id, self.saisie()
        self._ecriture = True
        try:
            self.contexte.executer(
                f"Modifier le demandeur de {d.numero}",
                faire=lambda s: demandeurs.enregistrer_demandeur(s, saisine_id, nouveau),
                defaire=lambda s, avant: demandeurs.enregistrer_demandeur(s, saisine_id, avant or Demandeur()),
            )
        except ErreurConnue as erreur:
            avertir(self, "Demandeur", erreur)
            return False
        finally:
            self._ecriture = False
        self.demandeur = nouveau  # as saved: no longer « modified », even before the reload
        # Nothing in the page's reload reads the requester: read it again here.
        self.afficher(self._recharge.pop() if self._recharge else d, recharger=True)
        return True
