"""The dialogs of a structure and of a person. Each saves through `Contexte.executer`, so Ctrl+Z takes it back."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

from app.modeles.enumerations import Partenariat, TypeStructure
from app.services import annuaire
from app.services.annuaire import FichePersonne, FicheStructure
from app.services.annuaire_lecture import Choix, LignePersonne, LigneStructure
from app.services.validation import ErreurValidation
from app.ui.annuaire.formulaire import DateFacultative, DialogueFiche, choisir_id, combo_choix, de, id_de
from app.ui.comite.champs import NON_RENSEIGNE, choisir_enum, combo_enum, valeur_enum
from app.ui.contexte import Contexte


def _texte(nom_accessible: str, longueur: int, *, indication: str = "") -> QLineEdit:
    champ = QLineEdit()
    champ.setAccessibleName(nom_accessible)
    champ.setMaxLength(longueur)
    champ.setPlaceholderText(indication)
    champ.setClearButtonEnabled(True)
    return champ


class DialogueStructure(DialogueFiche):
    def __init__(
        self, contexte: Contexte, structure: LigneStructure | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(contexte, "Nouvelle structure" if structure is None else "Modifier la structure", parent)
        self.structure = structure
        self.identifiant: int | None = None if structure is None else structure.id
        self.nom = _texte("Nom de la structure", 300, indication="Par exemple : CCAS de Valence")
        self.nom.setMinimumWidth(380)
        self.ligne("&Nom :", self.nom, "nom")
        self.type = combo_enum(TypeStructure, "Type de structure", vide="— Choisissez un type —")
        self.ligne("&Type :", self.type, "type")
        self.partenariat = combo_enum(Partenariat, "Partenariat", vide=NON_RENSEIGNE)
        self.partenariat.setToolTip("Partenaire existant du territoire, ou nouveau partenaire amené par le comité.")
        self.ligne("&Partenariat :", self.partenariat, "partenariat")
        self.lettre = DateFacultative("&Reçue le", "Date de la lettre d'engagement")
        self.lettre.setToolTip("La date de la lettre par laquelle la structure s'engage dans le comité.")
        self.ligne("Lettre d'&engagement :", self.lettre, "lettre_engagement_le")
        if structure is not None:
            self.nom.setText(structure.nom)
            choisir_enum(self.type, structure.type)
            choisir_enum(self.partenariat, structure.partenariat)
            self.lettre.definir(structure.lettre_engagement_le)
        self.nom.setFocus()

    def fiche(self) -> FicheStructure:
        type_ = valeur_enum(self.type, TypeStructure)
        if type_ is None:
            raise ErreurValidation("type", "Choisissez le type de la structure.")
        return FicheStructure(
            self.identifiant or 0,
            self.nom.text(),
            type_,
            valeur_enum(self.partenariat, Partenariat),
            self.lettre.valeur(),
        )

    def enregistrer(self) -> None:
        fiche = self.fiche()
        nom = " ".join(fiche.nom.split())
        if self.structure is None:
            ajoutee = self.contexte.executer(
                f"Ajouter la structure « {nom} »",
                faire=lambda s: annuaire.ajouter_structure(s, fiche),
                defaire=lambda s, f: annuaire.supprimer_structure(s, f.id),
                refaire=annuaire.restaurer_structure,
            )
            self.identifiant = ajoutee.id
            return
        self.contexte.executer(
            f"Modifier la structure « {nom} »",
            faire=lambda s: annuaire.modifier_structure(s, fiche),
            defaire=annuaire.restaurer_structure,
        )


class DialoguePersonne(DialogueFiche):
    def __init__(
        self,
        contexte: Contexte,
        structures: Sequence[Choix],
        personne: LignePersonne | None = None,
        parent: QWidget | None = None,
    ) -> None:
        titre = "Nouveau membre" if personne is None else f"Modifier la fiche {de(personne.nom_complet)}"
        super().__init__(contexte, titre, parent)
        self.personne = personne
        self.identifiant: int | None = None if personne is None else personne.id
        self.nom = _texte("Nom", 150)
        self.nom.setMinimumWidth(380)
        self.ligne("&Nom :", self.nom, "nom")
        self.prenom = _texte("Prénom", 150)
        self.ligne("&Prénom :", self.prenom, "prenom")
        self.structure = combo_choix(structures, "Structure", vide="— Aucune structure —")
        self.ligne("&Structure :", self.structure, "structure")
        self.fonction = _texte("Fonction", 300, indication="Par exemple : assistante de service social")
        self.ligne("&Fonction :", self.fonction, "fonction")
        self.courriel = _texte("Courriel professionnel", 300, indication="prenom.nom@exemple.fr")
        self.ligne("&Courriel :", self.courriel, "courriel")
        self.telephone = _texte("Téléphone professionnel", 50, indication="01 23 45 67 89")
        self.ligne("&Téléphone :", self.telephone, "telephone")
        self.besoins = QPlainTextEdit()
        self.besoins.setAccessibleName("Besoins d'accessibilité")
        self.besoins.setTabChangesFocus(True)
        self.besoins.setPlaceholderText("Accès de plain-pied, interprète LSF, documents en gros caractères…")
        self.besoins.setFixedHeight(self.besoins.fontMetrics().lineSpacing() * 3 + 14)
        self.ligne("&Besoins d'accessibilité :", self.besoins, "besoins_accessibilite")
        self.mandat_ensuite = QCheckBox("Lui attribuer un &mandat ensuite")
        self.mandat_ensuite.setAccessibleName("Lui attribuer un mandat ensuite")
        self.mandat_ensuite.setChecked(True)
        if personne is None:
            self.formulaire.addRow("", self.mandat_ensuite)
        else:
            self.mandat_ensuite.setChecked(False)
            self.mandat_ensuite.hide()
            self.nom.setText(personne.nom)
            self.prenom.setText(personne.prenom)
            choisir_id(self.structure, personne.structure_id)
            self.fonction.setText(personne.fonction)
            self.courriel.setText(personne.courriel)
            self.telephone.setText(personne.telephone)
            self.besoins.setPlainText(personne.besoins_accessibilite)
        self.nom.setFocus()

    def fiche(self) -> FichePersonne:
        return FichePersonne(
            self.identifiant or 0,
            self.nom.text(),
            self.prenom.text(),
            self.fonction.text(),
            id_de(self.structure),
            self.courriel.text(),
            self.telephone.text(),
            self.besoins.toPlainText(),
        )

    def enregistrer(self) -> None:
        fiche = self.fiche()
        if self.personne is None:
            ajoutee = self.contexte.executer(
                f"Ajouter {fiche.nom_complet}",
                faire=lambda s: annuaire.ajouter_personne(s, fiche),
                defaire=lambda s, f: annuaire.supprimer_personne(s, f.id),
                refaire=annuaire.restaurer_personne,
            )
            self.identifiant = ajoutee.id
            return
        self.contexte.executer(
            f"Modifier la fiche {de(fiche.nom_complet)}",
            faire=lambda s: annuaire.modifier_personne(s, fiche),
            defaire=annuaire.restaurer_personne,
        )
