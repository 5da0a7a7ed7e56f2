"""The « Texte » tab: title, nature, themes, linked referrals and the formatted body of the chosen text.

« Enregistrer » (Ctrl+S) saves; a changed title or body becomes a new version (the service decides), and Ctrl+Z
takes the save back. Opening a text and saving it untouched changes nothing: Qt rewrites Markdown in its own way
(lines wrapped at 80 columns, blank paragraphs dropped), so the body is sent as it was stored unless the editor's
Markdown differs from the one it wrote right after loading. Once adopted, the text is read-only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app import db
from app.erreurs import ErreurConnue
from app.modeles.enumerations import NatureRecommandation, ThemeEthique
from app.services import recommandations
from app.services.recommandations import FicheRecommandation
from app.services.recommandations_lecture import DetailRecommandation, SaisineLiable, lire_detail, saisines_liables
from app.services.validation import ErreurValidation
from app.ui.annuaire.tableaux import avertir, bouton, raccourci
from app.ui.comite.champs import choisir_enum, combo_enum, valeur_enum
from app.ui.contexte import Contexte
from app.ui.recommandations.editeur import EditeurTexte
from app.ui.recommandations.modeles import date_et_heure


def texte_normalise(texte: str) -> str:
    """The body as the service stores it (outer blank lines and trailing spaces dropped)."""
    return "\n".join(ligne.rstrip() for ligne in texte.strip().splitlines())


def liste_saisines(nom_accessible: str) -> QListWidget:
    liste = QListWidget()
    liste.setAccessibleName(nom_accessible)
    liste.setToolTip("Seules les saisines dont l'anonymisation est validée peuvent être liées")
    return liste


def remplir_saisines(liste: QListWidget, choix: tuple[SaisineLiable, ...], cochees: tuple[int, ...]) -> None:
    """One check box per referral that may be linked, by number (its anonymised question as tooltip)."""
    liste.clear()
    for saisine in choix:
        element = QListWidgetItem(saisine.numero, liste)
        element.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
        element.setData(Qt.ItemDataRole.UserRole, saisine.id)
        element.setCheckState(Qt.CheckState.Checked if saisine.id in cochees else Qt.CheckState.Unchecked)
        question = " ".join(saisine.question.split())
        element.setToolTip(question[:300] + ("…" if len(question) > 300 else "") or saisine.numero)


def saisines_cochees(liste: QListWidget) -> list[int]:
    return [
        int(liste.item(r).data(Qt.ItemDataRole.UserRole))
        for r in range(liste.count())
        if liste.item(r).checkState() == Qt.CheckState.Checked
    ]


class OngletTexte(QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.recommandation_id: int | None = None
        self.detail: DetailRecommandation | None = None
        self.choix: tuple[SaisineLiable, ...] = ()
        self._markdown_charge = ""  # what Qt wrote for the stored body, just after loading it
        self._ecriture = False

        self.titre = QLineEdit()
        self.titre.setAccessibleName("Titre du texte")
        self.titre.setMaxLength(500)
        self.nature = combo_enum(NatureRecommandation, "Nature du texte")
        self.nature.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        etiquette_titre = QLabel("T&itre :")
        etiquette_titre.setBuddy(self.titre)
        etiquette_nature = QLabel("Nat&ure :")
        etiquette_nature.setBuddy(self.nature)
        haut = QHBoxLayout()
        haut.addWidget(etiquette_titre)
        haut.addWidget(self.titre, 1)
        haut.addSpacing(12)
        haut.addWidget(etiquette_nature)
        haut.addWidget(self.nature)

        self.editeur = EditeurTexte("Texte de l'avis ou de la recommandation")
        self.editeur.zone.setPlaceholderText("Cadre, analyse, options…")

        self.themes: dict[ThemeEthique, QCheckBox] = {}
        groupe_themes = QGroupBox("Thèmes")
        grille = QGridLayout(groupe_themes)
        grille.setVerticalSpacing(2)
        for rang, theme in enumerate(ThemeEthique):
            case = QCheckBox(theme.libelle)
            case.setAccessibleName(f"Thème : {theme.libelle}")
            self.themes[theme] = case
            grille.addWidget(case, rang // 2, rang % 2)
        self.saisines = liste_saisines("Saisines liées")
        groupe_saisines = QGroupBox("Saisines liées")
        disposition_saisines = QVBoxLayout(groupe_saisines)
        disposition_saisines.addWidget(self.saisines)
        self.sans_saisine = QLabel("Aucune saisine dont l'anonymisation est validée.")
        self.sans_saisine.setWordWrap(True)
        self.sans_saisine.setStyleSheet("color: palette(placeholder-text);")
        disposition_saisines.addWidget(self.sans_saisine)
        droite = QVBoxLayout()
        droite.addWidget(groupe_themes)
        droite.addWidget(groupe_saisines, 1)
        milieu = QHBoxLayout()
        milieu.addWidget(self.editeur, 1)
        milieu.addLayout(droite)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("État du texte")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bouton_abandonner = bouton(
            "Abandonner les modifications", None, "Abandonner les modifications du texte", "Revenir au texte enregistré"
        )
        self.bouton_enregistrer = bouton(
            "&Enregistrer",
            "enregistrer",
            "Enregistrer le texte",
            "Ctrl+S ; un titre ou un texte modifié devient une nouvelle version",
        )
        self.bouton_enregistrer.clicked.connect(self.enregistrer)
        self.bouton_abandonner.clicked.connect(self.abandonner)
        bas = QHBoxLayout()
        bas.addWidget(self.message, 1)
        bas.addWidget(self.bouton_abandonner)
        bas.addWidget(self.bouton_enregistrer)

        disposition = QVBoxLayout(self)
        disposition.setContentsMargins(6, 6, 6, 6)
        disposition.addLayout(haut)
        disposition.addLayout(milieu, 1)
        disposition.addLayout(bas)
        raccourci(self, QKeySequence.StandardKey.Save, self.enregistrer).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self.afficher(None)

    # --- reading -----------------------------------------------------------------------------------------

    def afficher(self, recommandation_id: int | None) -> None:
        if self._ecriture:
            return  # the save under way reloads once it is over
        if recommandation_id != self.recommandation_id and self.modifie():
            self.enregistrer()  # nothing typed is lost when another text is chosen
        meme = recommandation_id is not None and recommandation_id == self.recommandation_id

        def lire(session: Session) -> tuple[DetailRecommandation | None, tuple[SaisineLiable, ...]]:
            detail = lire_detail(session, recommandation_id) if recommandation_id is not None else None
            return detail, saisines_liables(session)

        try:
            detail, choix = self.contexte.lire(lire)
        except ErreurConnue:
            detail, choix = None, ()
        if meme and self.detail is not None and detail is not None and detail.fiche == self.detail.fiche:
            # The same text, unchanged in the base (a change elsewhere): what is being typed stays.
            self.detail, self.choix = detail, choix
            self._actualiser_etat()
            return
        curseur = self.editeur.zone.textCursor().position() if meme else 0
        defilement = self.editeur.zone.verticalScrollBar().value() if meme else 0
        self.recommandation_id = recommandation_id if detail is not None else None
        self.detail, self.choix = detail, choix
        self._charger()
        if meme:  # after a save or an undo, the cursor stays where the secretary was typing
            position = self.editeur.zone.textCursor()
            position.setPosition(min(curseur, self.editeur.zone.document().characterCount() - 1))
            self.editeur.zone.setTextCursor(position)
            self.editeur.zone.verticalScrollBar().setValue(defilement)

    def _charger(self) -> None:
        d = self.detail
        fiche = d.fiche if d is not None else None
        self.titre.setText(fiche.titre if fiche else "")
        self.titre.setCursorPosition(0)
        choisir_enum(self.nature, fiche.nature if fiche else NatureRecommandation.AVIS)
        for theme, case in self.themes.items():
            case.setChecked(fiche is not None and theme in fiche.themes)
        # A linked referral is always one whose anonymisation is validated (the service checks it).
        remplir_saisines(self.saisines, self.choix, fiche.saisines if fiche else ())
        self._markdown_charge = self.editeur.charger(fiche.texte if fiche else "")
        self._actualiser_etat()

    def editable(self) -> bool:
        return self.detail is not None and self.detail.modifiable and not self.contexte.base.lecture_seule

    def _actualiser_etat(self) -> None:
        d = self.detail
        editable = self.editable()
        for champ in (self.nature, self.saisines, *self.themes.values()):
            champ.setEnabled(editable)
        self.titre.setReadOnly(not editable)  # read-only rather than greyed: a title must stay legible
        self.titre.setEnabled(d is not None)
        self.editeur.definir_lecture_seule(not editable)
        self.editeur.zone.setEnabled(d is not None)
        self.bouton_enregistrer.setEnabled(editable)
        self.bouton_abandonner.setEnabled(editable)
        self.sans_saisine.setVisible(d is not None and not self.choix)
        self.saisines.setVisible(bool(self.choix))
        if d is None:
            self.message.setText("Choisissez un texte dans la liste ci-dessus.")
            return
        version = f"Version {d.derniere_version}"
        if d.enregistree_le is not None:
            version += f" du {date_et_heure(d.enregistree_le)}"
        if d.auteur_derniere_version:
            version += f", par {d.auteur_derniere_version}"
        if self.contexte.base.lecture_seule:
            self.message.setText(
                f"{version}. La base est ouverte en lecture seule : le texte ne peut pas être modifié."
            )
        elif not d.modifiable:
            self.message.setText(
                f"{version}. {d.numero} est « {d.statut.libelle.lower()} » : son texte ne peut plus être modifié. "
                "Ses versions restent consultables dans l'onglet « Versions »."
            )
        else:
            self.message.setText(f"{version}. Un titre ou un texte modifié devient une nouvelle version.")

    # --- writing -----------------------------------------------------------------------------------------

    def saisie(self) -> FicheRecommandation | None:
        """The text as the tab shows it now."""
        if self.detail is None:
            return None
        fiche = self.detail.fiche
        markdown = self.editeur.markdown()
        texte = fiche.texte if markdown == self._markdown_charge else markdown
        cochees = saisines_cochees(self.saisines)
        # Those already linked keep their place (the order they were linked in), new ones follow.
        saisines = [i for i in fiche.saisines if i in cochees] + [i for i in cochees if i not in fiche.saisines]
        return FicheRecommandation(
            id=fiche.id,
            nature=valeur_enum(self.nature, NatureRecommandation) or fiche.nature,
            titre=self.titre.text(),
            texte=texte,
            themes=tuple(t for t, case in self.themes.items() if case.isChecked()),
            saisines=tuple(saisines),
        )

    def modifie(self) -> bool:
        saisie = self.saisie()
        if saisie is None or self.detail is None or not self.editable():
            return False
        fiche = self.detail.fiche
        return (
            " ".join(saisie.titre.split()) != fiche.titre
            or saisie.nature is not fiche.nature
            or set(saisie.themes) != set(fiche.themes)
            or set(saisie.saisines) != set(fiche.saisines)
            or texte_normalise(saisie.texte) != fiche.texte
        )

    def enregistrer(self) -> bool:
        """Save what is shown; False when the service refused it (the message says why)."""
        saisie = self.saisie()
        if saisie is None or self.detail is None or not self.modifie():
            return True
        numero, auteur = self.detail.numero, db.utilisateur_systeme()
        self._ecriture = True
        try:
            self.contexte.executer(
                f"Enregistrer le texte de {numero}",
                faire=lambda s: recommandations.modifier_recommandation(s, saisie, auteur),
                defaire=recommandations.restaurer_recommandation,
                refaire=lambda s, _avant: recommandations.modifier_recommandation(s, saisie, auteur),
            )
        except ErreurValidation as erreur:
            avertir(self, f"Enregistrer {numero}", erreur)
            champ = {"titre": self.titre, "saisines": self.saisines, "themes": self.nature}.get(erreur.champ)
            (champ or self.editeur.zone).setFocus()
            return False
        except ErreurConnue as erreur:
            avertir(self, f"Enregistrer {numero}", erreur)
            return False
        finally:
            self._ecriture = False
        self.afficher(self.recommandation_id)
        return True

    def abandonner(self) -> None:
        self._charger()
