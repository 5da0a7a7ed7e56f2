"""« Valider l'anonymisation… »: the gate before any member reads the referral (CONCEPTION §2).

A second person, not the one who registered the referral, validates its anonymised question and context. The
findings of the check are listed; if some remain, that person must confirm having examined each of them, which
the history records. Ctrl+Z takes the validation back.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

from app.format_fr import nombre
from app.services import saisines_workflow as workflow
from app.services.saisines_lecture import DetailSaisine
from app.services.validation import ErreurValidation
from app.ui.annuaire.formulaire import DialogueFiche, date_de
from app.ui.contexte import Contexte
from app.ui.saisines.champs import date_passee
from app.ui.saisines.constats import LIEUX, Signalement, texte_nombre


def texte_confirmation(n: int) -> str:
    if n > 1:
        return f"J'ai examiné chacun des {nombre(n)} signalements : aucun n'identifie une personne."
    return "J'ai examiné le signalement : il n'identifie personne."


class DialogueValidation(DialogueFiche):
    def __init__(
        self,
        contexte: Contexte,
        detail: DetailSaisine,
        signalements: Sequence[Signalement],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(contexte, f"Valider l'anonymisation — {detail.numero}", parent)
        self.setMinimumWidth(660)
        self.detail = detail
        self.signalements = tuple(signalements)
        par = f" ({detail.enregistree_par})" if detail.enregistree_par else ""
        self.entete(
            "Une fois l'anonymisation validée, la question et son contexte peuvent être communiqués aux membres "
            "de l'instance et ne se modifient plus. La validation revient à une deuxième personne, autre que "
            f"celle qui a enregistré la saisine{par}."
        )
        self.par = QLineEdit()
        self.par.setAccessibleName("Anonymisation validée par")
        self.par.setMaxLength(150)
        self.par.setPlaceholderText("Nom de la deuxième personne")
        self.ligne("Validée &par :", self.par, "par")
        self.le = date_passee("Date de la validation")
        self.ligne("&Le :", self.le, "le")

        self.liste = QListWidget()
        self.liste.setAccessibleName("Signalements restants")
        for s in self.signalements:
            self.liste.addItem(f"{s.libelle} : « {s.extrait} » ({LIEUX[s.champ].lower()})")
        hauteur = self.liste.fontMetrics().height() + 6
        self.liste.setFixedHeight(hauteur * min(max(len(self.signalements), 1), 5) + 8)
        self.liste.setHidden(not self.signalements)
        self.aucun = QLabel("La vérification ne signale aucun élément identifiant dans la question ni le contexte.")
        self.aucun.setWordWrap(True)
        self.aucun.setHidden(bool(self.signalements))
        colonne = QWidget()
        disposition = QVBoxLayout(colonne)
        disposition.setContentsMargins(0, 0, 0, 0)
        disposition.addWidget(self.liste)
        disposition.addWidget(self.aucun)
        titre = "Signalements :" if not self.signalements else f"{texte_nombre(len(self.signalements))} :"
        self.ligne(titre, self.liste, "signalements_liste", affiche=colonne)

        self.case = QCheckBox(texte_confirmation(len(self.signalements)))
        self.case.setAccessibleName("Confirmation de l'examen des signalements")
        self.case.setHidden(not self.signalements)
        self.ligne("", self.case, "signalements")
        self.bouton_ok.setText("&Valider l'anonymisation")
        self.par.setFocus()

    def enregistrer(self) -> None:
        saisine_id, par, le = self.detail.fiche.id, self.par.text(), date_de(self.le)
        verifies = not self.case.isHidden() and self.case.isChecked()
        try:
            self.contexte.executer(
                f"Valider l'anonymisation — {self.detail.numero}",
                faire=lambda s: workflow.valider_anonymisation(
                    s, saisine_id, par=par, le=le, signalements_verifies=verifies
                ),
                defaire=workflow.restaurer_etat,
                refaire=lambda s, _avant: workflow.valider_anonymisation(
                    s, saisine_id, par=par, le=le, signalements_verifies=verifies
                ),
            )
        except workflow.ConstatsRestants as restants:
            # The check found more than the list shows (or the box is not checked): ask for the confirmation.
            self.case.setText(texte_confirmation(restants.nombre))
            self.case.show()
            raise ErreurValidation("signalements", restants.message) from None
