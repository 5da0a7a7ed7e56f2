"""The « Suivi » tab: the referral's history (each step, with who and why), the meetings where it was examined,
the opinions linked to it, and its dispatches to the HCTS ethics commission with the answers received."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QHeaderView, QLabel, QSplitter, QVBoxLayout, QWidget

from app.format_fr import date_longue
from app.services.saisines_lecture import DetailSaisine, EnvoiLu, EtapeLue
from app.ui.annuaire.modeles import date_courte, tri_date
from app.ui.annuaire.tableaux import (
    bouton,
    creer_vue,
    identifiant_selectionne,
    ligne_selectionnee,
    rangee_de_boutons,
    selectionner,
)
from app.ui.contexte import Contexte
from app.ui.saisines import hcts
from app.ui.saisines.champs import largeurs_mesurees
from app.ui.tableau_lignes import Colonne, FiltreLignes, ModeleLignes

TIRET = "—"


@dataclass(frozen=True)
class LigneEtape:
    id: int  # the step's rank in the history
    etape: EtapeLue


def _etape(li: LigneEtape) -> str:
    return "Enregistrée" if li.etape.de is None else li.etape.vers.libelle


COLONNES_HISTORIQUE: tuple[Colonne[LigneEtape], ...] = (
    Colonne(
        "Date",
        lambda li: date_courte(li.etape.le),
        lambda li: f"{tri_date(li.etape.le)} {li.id:06d}",
        lambda li: f"Le {date_longue(li.etape.le)} (noté le {li.etape.horodatage:%d/%m/%Y à %H:%M})",
    ),
    Colonne("Étape", _etape),
    Colonne("Par", lambda li: li.etape.par or TIRET),
    Colonne("Motif", lambda li: li.etape.motif),
)

COLONNES_ENVOIS: tuple[Colonne[EnvoiLu], ...] = (
    Colonne("Envoyé le", lambda e: date_courte(e.le), lambda e: f"{tri_date(e.le)} {e.id:09d}"),
    Colonne(
        "Objet",
        lambda e: e.objet,
        infobulle=lambda e: e.objet + (f"\nDocument : {e.document}" if e.document else ""),
    ),
    Colonne("Par", lambda e: e.par or TIRET),
    Colonne(
        "Réponse du HCTS", lambda e: e.reponse or "en attente", infobulle=lambda e: e.reponse or "Pas de réponse notée"
    ),
)


def texte_examen(detail: DetailSaisine) -> str:
    """The meetings where the referral was on the agenda, then the opinions linked to it, as short HTML lines."""
    lignes = [
        f"Séance {html.escape(p.reference)} du {date_longue(p.date)} ({p.statut.libelle.lower()}) : "
        f"{html.escape(p.point)}"
        for p in detail.seances
    ] or ["Inscrite à l'ordre du jour d'aucune séance."]
    lignes += [f"{html.escape(a.numero)} « {html.escape(a.titre)} » ({a.statut.lower()})" for a in detail.avis] or [
        "Aucun avis lié (page Recommandations)."
    ]
    return "<br>".join(lignes)


class OngletSuivi(QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.detail: DetailSaisine | None = None

        self.modele_historique = ModeleLignes(
            COLONNES_HISTORIQUE, lambda li: f"{_etape(li)} {li.etape.par} {li.etape.motif}", parent=self
        )
        self.proxy_historique = FiltreLignes(self.modele_historique, self)
        self.historique = creer_vue(self.proxy_historique, "Historique de la saisine")
        largeurs_mesurees(
            self.historique, {0: "00/00/0000", 1: "Accusé de réception envoyé", 2: "secretariat.comite"}, etiree=3
        )
        self.examen = QLabel()
        self.examen.setWordWrap(True)
        self.examen.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.examen.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.examen.setAccessibleName("Séances et avis de la saisine")

        self.modele_envois = ModeleLignes(COLONNES_ENVOIS, lambda e: f"{e.objet} {e.document} {e.reponse}", parent=self)
        self.proxy_envois = FiltreLignes(self.modele_envois, self)
        self.envois = creer_vue(self.proxy_envois, "Envois au HCTS")
        largeurs_mesurees(
            self.envois, {0: "00/00/0000", 2: "secretariat.comite", 3: "Accusé de réception du HCTS"}, etiree=1
        )
        for vue in (self.historique, self.envois):
            # A few rows, whose reasons and answers are read whole: on as many lines as they need.
            vue.setWordWrap(True)
            vue.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.envois.selectionModel().selectionChanged.connect(lambda *_: self._actualiser_boutons())
        self.envois.doubleClicked.connect(lambda _i: self.reponse())
        self.bouton_transmettre = bouton("&Transmettre au HCTS…", None, "Transmettre la saisine au HCTS")
        self.bouton_reponse = bouton("&Réponse du HCTS…", None, "Noter la réponse du HCTS à l'envoi choisi")
        self.bouton_dossier = bouton("&Dossier pour le HCTS…", "apercu", "Aperçu du dossier pour le HCTS")
        self.bouton_pdf = bouton("Enregistrer en &PDF…", "pdf", "Enregistrer le dossier pour le HCTS en PDF")
        self.bouton_transmettre.clicked.connect(self.transmettre)
        self.bouton_reponse.clicked.connect(self.reponse)
        self.bouton_dossier.clicked.connect(self.dossier)
        self.bouton_pdf.clicked.connect(self.enregistrer_pdf)

        boite_historique = QGroupBox("Historique")
        colonne_historique = QVBoxLayout(boite_historique)
        colonne_historique.addWidget(self.historique)
        boite_examen = QGroupBox("Séances et avis")
        colonne_examen = QVBoxLayout(boite_examen)
        colonne_examen.addWidget(self.examen)
        boite_hcts = QGroupBox("Commission éthique du HCTS")
        colonne_hcts = QVBoxLayout(boite_hcts)
        colonne_hcts.addWidget(self.envois, 1)
        colonne_hcts.addLayout(
            rangee_de_boutons(self.bouton_transmettre, self.bouton_reponse, self.bouton_dossier, self.bouton_pdf)
        )
        droite = QWidget()
        colonne_droite = QVBoxLayout(droite)
        colonne_droite.setContentsMargins(0, 0, 0, 0)
        colonne_droite.addWidget(boite_examen)
        colonne_droite.addWidget(boite_hcts, 1)
        separateur = QSplitter(Qt.Orientation.Horizontal)
        separateur.setObjectName("separateur_suivi_saisine")
        separateur.setChildrenCollapsible(False)
        separateur.addWidget(boite_historique)
        separateur.addWidget(droite)
        separateur.setSizes([560, 560])
        disposition = QHBoxLayout(self)
        disposition.setContentsMargins(0, 0, 0, 0)
        disposition.addWidget(separateur)
        self.afficher(None)

    def afficher(self, detail: DetailSaisine | None) -> None:
        meme = detail is not None and self.detail is not None and detail.fiche.id == self.detail.fiche.id
        garde = identifiant_selectionne(self.envois, self.proxy_envois) if meme else None
        self.detail = detail
        etapes = detail.historique if detail else ()
        self.modele_historique.definir([LigneEtape(rang, e) for rang, e in enumerate(etapes)])
        self.modele_envois.definir(detail.envois if detail else ())
        if not selectionner(self.envois, self.proxy_envois, garde) and detail and detail.envois:
            selectionner(self.envois, self.proxy_envois, detail.envois[-1].id)
        self.examen.setText(texte_examen(detail) if detail else "Choisissez une saisine dans la liste.")
        self._actualiser_boutons()

    def envoi(self) -> EnvoiLu | None:
        return ligne_selectionnee(self.envois, self.proxy_envois)

    def _ecriture(self) -> bool:
        return self.detail is not None and not self.contexte.base.lecture_seule

    def _actualiser_boutons(self) -> None:
        d = self.detail
        self.bouton_transmettre.setEnabled(self._ecriture() and d is not None and d.refus_escalade is None)
        self.bouton_transmettre.setToolTip(
            (d.refus_escalade if d is not None else None)
            or "Noter un envoi à la commission éthique et déontologie du HCTS (possible dès la recevabilité)"
        )
        self.bouton_reponse.setEnabled(self._ecriture() and self.envoi() is not None)
        self.bouton_reponse.setToolTip(
            "Noter ce que le HCTS a répondu à l'envoi choisi" if self.envoi() else "Choisissez un envoi dans la liste"
        )
        valide = d is not None and bool(d.anonymisation_validee_par)
        for b in (self.bouton_dossier, self.bouton_pdf):
            b.setEnabled(valide)
            b.setToolTip(
                "Le dossier anonymisé de la saisine, à joindre à l'envoi au HCTS"
                if valide
                else "Le dossier s'établit une fois l'anonymisation validée par une deuxième personne"
            )

    def dialogue_transmettre(self) -> hcts.DialogueEscalade:
        assert self.detail is not None
        return hcts.DialogueEscalade(self.contexte, self.detail, self)

    def dialogue_reponse(self, envoi: EnvoiLu) -> hcts.DialogueReponseHcts:
        assert self.detail is not None
        return hcts.DialogueReponseHcts(self.contexte, self.detail.numero, envoi, self)

    def transmettre(self) -> None:
        if not self.bouton_transmettre.isEnabled():
            return
        dialogue = self.dialogue_transmettre()
        if dialogue.exec() and dialogue.identifiant is not None:
            selectionner(self.envois, self.proxy_envois, dialogue.identifiant)
        dialogue.deleteLater()

    def reponse(self) -> None:
        envoi = self.envoi()
        if envoi is None or not self.bouton_reponse.isEnabled():
            return
        dialogue = self.dialogue_reponse(envoi)
        dialogue.exec()
        dialogue.deleteLater()

    def dossier(self) -> bool:
        """The preview of the HCTS file (Ctrl+P on this page); False when it does not apply yet."""
        d = self.detail
        if d is None or not d.anonymisation_validee_par:
            return False
        return hcts.apercu_dossier(self, self.contexte, d.fiche.id, d.numero)

    def enregistrer_pdf(self) -> None:
        d = self.detail
        if d is not None and d.anonymisation_validee_par:
            hcts.enregistrer_dossier(self, self.contexte, d.fiche.id, d.numero)
