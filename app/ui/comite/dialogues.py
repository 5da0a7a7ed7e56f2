"""The dialogs of the Comité page: a collège, an instance. Each saves through `Contexte.executer` (undoable).

A dialog stays open while the service refuses what was typed, with the reason under the field at fault.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.modeles.enumerations import CategorieCollege, NiveauInstance, TypeInstance
from app.services import comite as service
from app.services.comite import CollegeLu, InstanceLue, ReglesInstance
from app.ui.annuaire.formulaire import DialogueFiche
from app.ui.comite.champs import choisir_enum, combo_enum, valeur_enum
from app.ui.contexte import Contexte


class _Dialogue(DialogueFiche):
    """A form of the Comité page; `identifiant` is the record saved, once accepted."""

    def __init__(self, contexte: Contexte, titre: str, parent: QWidget | None) -> None:
        super().__init__(contexte, titre, parent)
        self.identifiant: int | None = None


class DialogueCollege(_Dialogue):
    def __init__(self, contexte: Contexte, college: CollegeLu | None = None, parent: QWidget | None = None) -> None:
        super().__init__(contexte, "Nouveau collège" if college is None else "Modifier le collège", parent)
        self.college = college
        self.nom = QLineEdit()
        self.nom.setAccessibleName("Nom du collège")
        self.nom.setMaxLength(200)
        self.nom.setMinimumWidth(320)
        self.ligne("&Nom :", self.nom, "nom")
        self.categorie = combo_enum(CategorieCollege, "Catégorie du collège", vide="— Choisissez une catégorie —")
        self.categorie.setToolTip("La catégorie range le collège dans les indicateurs et le rapport au HCTS.")
        self.ligne("&Catégorie :", self.categorie, "categorie")
        if college is not None:
            self.nom.setText(college.nom)
            choisir_enum(self.categorie, college.categorie)
            self.identifiant = college.id
        self.nom.setFocus()

    def enregistrer(self) -> None:
        nom = self.nom.text()
        categorie = valeur_enum(self.categorie, CategorieCollege)
        propre = " ".join(nom.split())
        if self.college is None:
            self.identifiant = self.contexte.executer(
                f"Ajouter le collège « {propre} »",
                faire=lambda s: service.creer_college(s, nom, categorie),
                defaire=lambda s, cid: service.supprimer_college(s, cid),
            )
            return
        cid = self.college.id
        self.contexte.executer(
            f"Modifier le collège « {propre} »",
            faire=lambda s: service.modifier_college(s, cid, nom, categorie),
            defaire=service.restaurer_college,
        )


class DialogueInstance(_Dialogue):
    def __init__(self, contexte: Contexte, instance: InstanceLue | None = None, parent: QWidget | None = None) -> None:
        super().__init__(contexte, "Nouvelle instance" if instance is None else "Modifier l'instance", parent)
        self.instance = instance
        self.nom = QLineEdit()
        self.nom.setAccessibleName("Nom de l'instance")
        self.nom.setMaxLength(200)
        self.nom.setMinimumWidth(320)
        self.ligne("&Nom :", self.nom, "nom")
        self.type = combo_enum(TypeInstance, "Type d'instance", vide="— Choisissez un type —")
        self.ligne("&Type :", self.type, "type")
        self.niveau = combo_enum(NiveauInstance, "Niveau de l'instance", vide="— Non renseigné —")
        self.ligne("Ni&veau :", self.niveau, "niveau")

        self.numerateur = QSpinBox()
        self.numerateur.setRange(0, service.QUORUM_MAX)
        self.numerateur.setAccessibleName("Quorum : numérateur")
        self.denominateur = QSpinBox()
        self.denominateur.setRange(1, service.QUORUM_MAX)
        self.denominateur.setAccessibleName("Quorum : dénominateur")
        fraction = QWidget()
        rangee = QHBoxLayout(fraction)
        rangee.setContentsMargins(0, 0, 0, 0)
        rangee.addWidget(self.numerateur)
        rangee.addWidget(QLabel("sur"))
        rangee.addWidget(self.denominateur)
        rangee.addWidget(QLabel("des sièges attendus"))
        rangee.addStretch(1)
        self.message_quorum = self.ligne("&Quorum :", self.numerateur, "quorum_numerateur", affiche=fraction)
        self.messages["quorum_denominateur"] = self.message_quorum
        aide = QLabel("0 : aucun quorum, l'instance délibère quel que soit le nombre de présents.")
        aide.setWordWrap(True)
        aide.setStyleSheet("color: palette(placeholder-text);")
        self.formulaire.addRow("", aide)

        self.pouvoirs_comptes = QCheckBox("Les &pouvoirs comptent dans le quorum")
        self.pouvoirs_comptes.setAccessibleName("Les pouvoirs comptent dans le quorum")
        self.formulaire.addRow("", self.pouvoirs_comptes)
        self.pouvoirs_max = QSpinBox()
        self.pouvoirs_max.setRange(0, 10)
        self.pouvoirs_max.setSuffix(" au plus")
        self.pouvoirs_max.setAccessibleName("Pouvoirs par porteur, au plus")
        self.pouvoirs_max.setToolTip("Combien de pouvoirs un même membre présent peut porter à une séance.")
        self.ligne("P&ouvoirs par porteur :", self.pouvoirs_max, "pouvoirs_max_par_porteur")
        self.delai = QSpinBox()
        self.delai.setRange(0, service.DELAI_CONVOCATION_MAX)
        self.delai.valueChanged.connect(lambda jours: self.delai.setSuffix(" jour" if jours < 2 else " jours"))
        self.delai.setAccessibleName("Délai de convocation en jours")
        self.delai.setToolTip("Nombre de jours entre l'envoi de la convocation et la séance, au moins.")
        self.ligne("&Délai de convocation :", self.delai, "delai_convocation_jours")

        regles = service.regles_de(instance) if instance is not None else ReglesInstance("", TypeInstance.PLENIERE)
        self.nom.setText(regles.nom)
        choisir_enum(self.type, regles.type if instance is not None else None)
        choisir_enum(self.niveau, regles.niveau)
        self.numerateur.setValue(regles.quorum_numerateur)
        self.denominateur.setValue(regles.quorum_denominateur)
        self.pouvoirs_comptes.setChecked(regles.pouvoirs_comptes)
        self.pouvoirs_max.setValue(regles.pouvoirs_max_par_porteur)
        self.delai.setValue(regles.delai_convocation_jours)
        self.delai.setSuffix(" jour" if regles.delai_convocation_jours < 2 else " jours")
        self.identifiant = instance.id if instance is not None else None
        self.pouvoirs_comptes.toggled.connect(self.pouvoirs_max.setEnabled)
        self.pouvoirs_max.setEnabled(regles.pouvoirs_comptes)
        self.numerateur.valueChanged.connect(self._verifier_quorum)
        self.denominateur.valueChanged.connect(self._verifier_quorum)
        self.nom.setFocus()

    def _verifier_quorum(self) -> None:
        """Say at once when the fraction is above one, before the user presses Enregistrer."""
        n, d = self.numerateur.value(), self.denominateur.value()
        if n > d:
            self.message_quorum.afficher(f"Le quorum ne peut pas dépasser {d}/{d} : c'est une part des sièges.")
        else:
            self.message_quorum.effacer()
        self.boutons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(n <= d)

    def regles(self) -> ReglesInstance:
        return ReglesInstance(
            nom=self.nom.text(),
            type=valeur_enum(self.type, TypeInstance),
            niveau=valeur_enum(self.niveau, NiveauInstance),
            quorum_numerateur=self.numerateur.value(),
            quorum_denominateur=self.denominateur.value(),
            pouvoirs_comptes=self.pouvoirs_comptes.isChecked(),
            pouvoirs_max_par_porteur=self.pouvoirs_max.value(),
            delai_convocation_jours=self.delai.value(),
        )

    def enregistrer(self) -> None:
        regles = self.regles()
        propre = " ".join(regles.nom.split())
        if self.instance is None:
            self.identifiant = self.contexte.executer(
                f"Ajouter l'instance « {propre} »",
                faire=lambda s: service.creer_instance(s, regles),
                defaire=lambda s, iid: service.supprimer_instance(s, iid),
            )
            return
        iid = self.instance.id
        self.contexte.executer(
            f"Modifier l'instance « {propre} »",
            faire=lambda s: service.modifier_instance(s, iid, regles),
            defaire=service.restaurer_instance,
        )
