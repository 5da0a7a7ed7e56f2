"""« Valider l'anonymisation… »: a second person (not the author of the last version) signs off that the text to
publish identifies nobody. The automatic check's findings are listed in their context; while some remain, the
service refuses the sign-off until that person ticks that each was examined. Ctrl+Z takes the sign-off back."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QTextBrowser, QWidget

from app import db
from app.services import recommandations
from app.services.recommandations_lecture import ConstatLu, DetailRecommandation
from app.services.saisines_workflow import ConstatsRestants
from app.services.validation import ErreurValidation
from app.ui.annuaire.formulaire import DialogueFiche
from app.ui.contexte import Contexte

CONFIRMATION = "J'ai examiné chaque élément signalé : aucun n'identifie une personne."


def meme_personne(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def html_constats(constats: Sequence[ConstatLu]) -> str:
    """Each finding in its context, the finding itself highlighted (and in bold: not by colour alone)."""
    lignes = []
    for c in constats:
        extrait = f'<b style="background-color: #fde68a;">{html.escape(c.extrait)}</b>'
        lignes.append(
            f"<li><b>{html.escape(c.type)}</b> : …{html.escape(c.avant)}{extrait}{html.escape(c.apres)}…</li>"
        )
    return f'<ul style="margin-left: -20px;">{"".join(lignes)}</ul>'


class DialogueAnonymisation(DialogueFiche):
    def __init__(
        self,
        contexte: Contexte,
        detail: DetailRecommandation,
        constats: Sequence[ConstatLu],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(contexte, f"Valider l'anonymisation de {detail.numero}", parent)
        self.setMinimumWidth(660)
        self.detail = detail
        auteur = detail.auteur_derniere_version
        relecture = (
            f" La dernière version (n°\u00a0{detail.derniere_version}) a été enregistrée par « {auteur} » : une "
            "autre personne la valide."
            if auteur
            else ""
        )
        self.entete(
            f"Avant publication, une deuxième personne relit le titre et le texte de {detail.numero} et confirme "
            "qu'ils ne permettent d'identifier personne : ni nom, ni date de naissance, ni adresse, ni téléphone, "
            f"ni courriel, ni numéro de sécurité sociale.{relecture}"
        )
        self.par = QLineEdit()
        self.par.setAccessibleName("Nom de la personne qui valide")
        self.par.setPlaceholderText("Prénom et nom de la personne qui a relu le texte")
        moi = db.utilisateur_systeme()
        self.par.setText("" if meme_personne(moi, auteur) else moi)
        self.ligne("&Validée par :", self.par, "par")

        self.constats = QTextBrowser()
        self.constats.setAccessibleName("Éléments signalés par la vérification automatique")
        self.constats.setOpenLinks(False)
        self.constats.setHtml(html_constats(constats))
        self.constats.setFixedHeight(self.constats.fontMetrics().lineSpacing() * 8 + 12)
        self.aucun = QLabel("✓ La vérification automatique ne signale aucun élément identifiant.")
        self.aucun.setWordWrap(True)
        libelle = f"Signalé{'s' if len(constats) > 1 else ''} ({len(constats)}) :" if constats else "Vérification :"
        self.ligne(libelle, self.constats if constats else self.aucun, "constats")
        self.constats.setVisible(bool(constats))
        self.case = QCheckBox(CONFIRMATION)
        self.case.setAccessibleName("Éléments signalés examinés un par un")
        self.ligne("", self.case, "signalements")
        self.case.setVisible(bool(constats))
        self.bouton_ok.setText("&Valider")
        (self.par if not self.par.text() else self.case if constats else self.par).setFocus()

    def accept(self) -> None:
        super().accept()
        if self.isVisible():
            # A refusal shows its message under the box: the dialog grows rather than squeeze the findings.
            besoin = self.heightForWidth(self.width()) if self.hasHeightForWidth() else self.sizeHint().height()
            self.resize(self.width(), max(self.height(), besoin))

    def enregistrer(self) -> None:
        recommandation_id, par, verifies = self.detail.fiche.id, self.par.text(), self.case.isChecked()
        try:
            self.contexte.executer(
                f"Valider l'anonymisation de {self.detail.numero}",
                faire=lambda s: recommandations.valider_anonymisation(
                    s, recommandation_id, par=par, signalements_verifies=verifies
                ),
                defaire=recommandations.restaurer_recommandation,
                refaire=lambda s, _avant: recommandations.valider_anonymisation(
                    s, recommandation_id, par=par, signalements_verifies=verifies
                ),
            )
        except ConstatsRestants as erreur:
            # Findings the list did not show (the text changed meanwhile), or the box left unticked.
            self.case.show()
            raise ErreurValidation("signalements", erreur.message) from None
