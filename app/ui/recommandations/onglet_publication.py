"""The « Publication » tab: the gate made visible. A text is published once adopted, with the consent of every
requester of its linked referrals (none is asked for an autosaisine) and its anonymisation validated by a second
person. Each condition is shown with a sign (✓ met, ✗ not yet), not by its colour alone."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.erreurs import ErreurConnue
from app.modeles.enumerations import StatutRecommandation
from app.services.recommandations_lecture import DetailRecommandation, lire_detail
from app.ui.contexte import Contexte
from app.ui.recommandations.modeles import date_insecable

OUI = "#166534"
NON = "#9a3412"
R = StatutRecommandation


def _signe(rempli: bool, texte: str) -> str:
    """« ✓ … » in green or « ✗ … » in brick red; `texte` is already HTML."""
    couleur, signe = (OUI, "✓") if rempli else (NON, "✗")
    return f'<span style="color: {couleur}; font-weight: 600;">{signe}</span> {texte}'


def textes_publication(d: DetailRecommandation) -> dict[str, str]:
    """Each row of the tab, as HTML (everything read from the base is escaped)."""
    e = html.escape
    if d.adoptee_le is not None:
        seance = f", séance {e(d.seance_adoption)}" if d.seance_adoption else ""
        adoption = _signe(True, f"Adopté le {date_insecable(d.adoptee_le)}{seance}")
    else:
        adoption = _signe(False, "Pas encore adopté (bouton « Adopter… » une fois le texte soumis)")
    if not d.consentements:
        consentements = _signe(True, "Aucune saisine liée : aucun consentement à recueillir.")
    else:
        lignes = []
        for c in d.consentements:
            lignes.append(_signe(not c.requis or c.donne, f"{e(c.numero)} : {e(c.texte)}"))
        consentements = "<br>".join(lignes)
        if any(c.requis and not c.donne for c in d.consentements):
            consentements += "<br><i>Le consentement s'enregistre dans la fiche de la saisine (page Saisines).</i>"
    if d.anonymisation_validee_par:
        le = f" le {date_insecable(d.anonymisation_validee_le)}" if d.anonymisation_validee_le else ""
        anonymisation = _signe(True, f"Validée par {e(d.anonymisation_validee_par)}{le}")
    else:
        auteur = (
            f" ; la dernière version (n°\u00a0{d.derniere_version}) est de {e(d.auteur_derniere_version)}"
            if d.auteur_derniere_version
            else ""
        )
        anonymisation = _signe(False, f"À faire valider par une deuxième personne{auteur}.")
    if d.statut is R.PUBLIEE:
        publication = _signe(True, f"Publié le {date_insecable(d.publiee_le)}" if d.publiee_le else "Publié.")
    elif d.statut is R.RETIREE:
        publication = _signe(False, "Texte retiré : il ne sera pas publié.")
    elif d.motif_refus_publication is None:
        publication = _signe(True, "Autorisée : le texte peut être publié (bouton « Publier… »).")
    elif d.statut is R.ADOPTEE:
        publication = _signe(False, f"Pas encore possible. {e(d.motif_refus_publication)}")
    else:
        deja = " ; les autres conditions sont déjà remplies" if d.publication_autorisee else ""
        publication = _signe(False, f"Une fois le texte adopté{deja}.")
    textes = {
        "Statut": e(d.statut.libelle),
        "Adoption": adoption,
        "Consentement des demandeurs": consentements,
        "Anonymisation du texte": anonymisation,
        "Publication": publication,
    }
    if d.motif_retrait:
        textes["Motif du retrait"] = e(d.motif_retrait)
    return textes


class OngletPublication(QScrollArea):
    CHAMPS = (
        "Statut",
        "Adoption",
        "Consentement des demandeurs",
        "Anonymisation du texte",
        "Publication",
        "Motif du retrait",
    )

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.detail: DetailRecommandation | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setAccessibleName("Conditions de publication du texte")
        self.vide = QLabel("Choisissez un texte dans la liste ci-dessus.")
        self.explication = QLabel(
            "Un texte adopté se publie quand chaque demandeur des saisines liées y a consenti (aucun consentement "
            "n'est demandé pour une autosaisine) et qu'une deuxième personne, autre que l'auteur de sa dernière "
            "version, a validé son anonymisation."
        )
        self.explication.setWordWrap(True)
        self.formulaire = QFormLayout()
        self.formulaire.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.formulaire.setVerticalSpacing(6)
        self.valeurs: dict[str, QLabel] = {}
        for champ in self.CHAMPS:
            valeur = QLabel()
            valeur.setWordWrap(True)
            valeur.setTextFormat(Qt.TextFormat.RichText)
            valeur.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            valeur.setAccessibleName(champ)
            self.valeurs[champ] = valeur
            self.formulaire.addRow(f"{champ} :", valeur)
        contenu = QWidget()
        disposition = QVBoxLayout(contenu)
        disposition.addWidget(self.vide)
        disposition.addWidget(self.explication)
        disposition.addLayout(self.formulaire)
        disposition.addStretch(1)
        self.setWidget(contenu)
        self.afficher(None)

    def afficher(self, recommandation_id: int | None) -> None:
        try:
            self.detail = (
                self.contexte.lire(lambda s: lire_detail(s, recommandation_id))
                if recommandation_id is not None
                else None
            )
        except ErreurConnue:
            self.detail = None
        d = self.detail
        self.vide.setVisible(d is None)
        self.explication.setVisible(d is not None)
        textes = textes_publication(d) if d is not None else {}
        for rang, champ in enumerate(self.CHAMPS):
            self.valeurs[champ].setText(textes.get(champ, ""))
            self.formulaire.setRowVisible(rang, champ in textes)
