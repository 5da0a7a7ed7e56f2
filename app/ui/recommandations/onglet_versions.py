"""The « Versions » tab: every saved version (number, date and time, author), and the comparison of two of them.

Additions are shown in green and underlined, removals in red and struck through (the decoration says it too, not
the colour alone). The comparison is built as HTML from the service's segments, every piece escaped: a text that
contains « <b> » shows it, it never formats anything.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.erreurs import ErreurConnue
from app.services import recommandations
from app.services.recommandations import Segment, VersionLue
from app.ui.annuaire.tableaux import ajuster_colonnes, creer_vue, selectionner
from app.ui.contexte import Contexte
from app.ui.recommandations.modeles import date_et_heure
from app.ui.tableau_lignes import Colonne, FiltreLignes, ModeleLignes

STYLE_AJOUT = "color: #166534; background-color: #dcfce7; text-decoration: underline;"
LEGENDE = (
    (
        "Le texte est montré avec ses marques de mise en forme : « ## » devant un titre de section, « **gras** », "
        "« *italique* », « - » ou « 1. » devant un élément de liste."
    )
    .replace("« ", "«\u00a0")
    .replace(" »", "\u00a0»")
)  # a mark never parted from its guillemets
STYLE_RETRAIT = "color: #991b1b; background-color: #fee2e2; text-decoration: line-through;"


@dataclass(frozen=True)
class LigneVersion:
    id: int  # the version's number: what the table finds a row again by
    version: VersionLue


COLONNES = (
    Colonne[LigneVersion]("N°", lambda v: str(v.id), lambda v: v.id, a_droite=True),
    Colonne[LigneVersion](
        "Enregistrée le", lambda v: date_et_heure(v.version.horodatage), lambda v: v.version.horodatage.isoformat()
    ),
    Colonne[LigneVersion]("Auteur", lambda v: v.version.auteur or "—"),
)


def regrouper(segments: tuple[Segment, ...]) -> list[Segment]:
    """The service compares word by word, blanks included: « strictement nécessaire » replaced by « utile et
    proportionné » comes as removed, added, blank, removed, added… A blank between two changes belongs to both
    sides, so each change reads as one phrase: struck « strictement nécessaire », then « utile et proportionné »."""
    sortie: list[Segment] = []
    retrait: list[str] = []
    ajout: list[str] = []

    def vider() -> None:
        retire, ajoute = "".join(retrait), "".join(ajout)
        if retire.strip():
            sortie.append(Segment("retrait", retire))
        if ajoute.strip():
            sortie.append(Segment("ajout", ajoute))
        elif ajoute:  # only blanks changed (a line rewrapped): the new text's spacing, nothing to mark
            sortie.append(Segment("egal", ajoute))
        retrait.clear()
        ajout.clear()

    for rang, segment in enumerate(segments):
        if segment.sorte == "retrait":
            retrait.append(segment.texte)
        elif segment.sorte == "ajout":
            ajout.append(segment.texte)
        else:
            suivant = segments[rang + 1] if rang + 1 < len(segments) else None
            if (retrait or ajout) and not segment.texte.strip() and suivant is not None and suivant.sorte != "egal":
                # Kept on the side(s) that have words so far; a side still empty does not start with a blank.
                for morceaux in (retrait, ajout):
                    if morceaux:
                        morceaux.append(segment.texte)
                continue
            vider()
            sortie.append(segment)
    vider()
    return sortie


def _morceaux(segments: tuple[Segment, ...]) -> str:
    """The HTML of a comparison; a thin space parts a removal from the addition that replaces it."""
    regroupes = regrouper(segments)
    html_ = []
    for rang, segment in enumerate(regroupes):
        html_.append(_morceau(segment))
        if segment.sorte == "retrait" and rang + 1 < len(regroupes) and regroupes[rang + 1].sorte == "ajout":
            html_.append("\u2009")
    return "".join(html_)


def _morceau(segment: Segment) -> str:
    texte = html.escape(segment.texte)
    if segment.sorte == "ajout":
        return f'<span style="{STYLE_AJOUT}">{texte}</span>'
    if segment.sorte == "retrait":
        return f'<span style="{STYLE_RETRAIT}">{texte}</span>'
    return texte


def _libelle(v: VersionLue) -> str:
    auteur = f", {v.auteur}" if v.auteur else ""
    return f"n°\u00a0{v.version} ({date_et_heure(v.horodatage)}{auteur})"


def html_comparaison(ancien: VersionLue, nouveau: VersionLue) -> str:
    """The comparison from `ancien` to `nouveau`: title, then body, as they are stored (Markdown marks shown)."""
    titre = recommandations.comparer(ancien.titre, nouveau.titre)
    corps = recommandations.comparer(ancien.texte, nouveau.texte)
    changements = [s for s in (*titre, *corps) if s.sorte != "egal"]
    if ancien.version == nouveau.version:
        entete = f"Version {_libelle(nouveau)}."
    elif not changements:
        entete = f"Aucune différence entre les versions {_libelle(ancien)} et {_libelle(nouveau)}."
    else:
        entete = (
            f"De la version {_libelle(ancien)} à la version {_libelle(nouveau)} : "
            f'<span style="{STYLE_AJOUT}">ajouts</span> et <span style="{STYLE_RETRAIT}">suppressions</span>.'
        )
    return (
        f"<p>{entete}</p>"
        f'<p style="color: #6b7280;">{LEGENDE}</p>'
        f"<p><b>Titre :</b> {_morceaux(titre)}</p>"
        f'<div style="white-space: pre-wrap;">{_morceaux(corps)}</div>'
    )


class OngletVersions(QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.recommandation_id: int | None = None
        self.versions: tuple[VersionLue, ...] = ()
        self._chargement = False

        self.modele = ModeleLignes(COLONNES, lambda v: f"{v.version.auteur} {v.version.titre}", parent=self)
        self.proxy = FiltreLignes(self.modele, self)
        self.vue = creer_vue(self.proxy, "Versions du texte")
        self.vue.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the latest on top
        ajuster_colonnes(self.vue, {0: 4, 1: 24}, etiree=2)
        self.vue.selectionModel().selectionChanged.connect(lambda *_: self._version_choisie())

        self.ancien = QComboBox()
        self.ancien.setAccessibleName("Version ancienne à comparer")
        self.nouveau = QComboBox()
        self.nouveau.setAccessibleName("Version récente à comparer")
        etiquette_ancien = QLabel("C&omparer la version")
        etiquette_ancien.setBuddy(self.ancien)
        etiquette_nouveau = QLabel("ave&c la version")
        etiquette_nouveau.setBuddy(self.nouveau)
        choix = QHBoxLayout()
        choix.addWidget(etiquette_ancien)
        choix.addWidget(self.ancien)
        choix.addWidget(etiquette_nouveau)
        choix.addWidget(self.nouveau)
        choix.addStretch(1)
        self.comparaison = QTextBrowser()
        self.comparaison.setAccessibleName("Comparaison des deux versions")
        self.comparaison.setOpenLinks(False)
        self.ancien.currentIndexChanged.connect(lambda _rang: self._comparer())
        self.nouveau.currentIndexChanged.connect(lambda _rang: self._comparer())

        droite = QWidget()
        disposition_droite = QVBoxLayout(droite)
        disposition_droite.setContentsMargins(0, 0, 0, 0)
        disposition_droite.addLayout(choix)
        disposition_droite.addWidget(self.comparaison, 1)
        separateur = QSplitter(Qt.Orientation.Horizontal)
        separateur.setObjectName("separateur_versions")
        separateur.addWidget(self.vue)
        separateur.addWidget(droite)
        separateur.setChildrenCollapsible(False)
        separateur.setStretchFactor(1, 1)
        separateur.setSizes([380, 700])
        disposition = QVBoxLayout(self)
        disposition.setContentsMargins(6, 6, 6, 6)
        disposition.addWidget(separateur)
        self.afficher(None)

    def afficher(self, recommandation_id: int | None) -> None:
        meme = recommandation_id == self.recommandation_id
        garde = (self.ancien.currentData(), self.nouveau.currentData()) if meme else (None, None)
        try:
            versions = (
                self.contexte.lire(lambda s: recommandations.versions(s, recommandation_id))
                if recommandation_id is not None
                else ()
            )
        except ErreurConnue:
            versions = ()
        nouvelles = meme and len(versions) != len(self.versions)  # a save made one: compare it with the one before
        self.recommandation_id, self.versions = recommandation_id, versions
        self._chargement = True
        try:
            self.modele.definir([LigneVersion(v.version, v) for v in versions])
            for combo in (self.ancien, self.nouveau):
                combo.clear()
                for v in versions:
                    combo.addItem(f"n°\u00a0{v.version} — {date_et_heure(v.horodatage)}", v.version)
            numeros = [v.version for v in versions]
            if nouvelles or garde[0] not in numeros or garde[1] not in numeros:
                garde = (numeros[-2] if len(numeros) > 1 else None, numeros[-1] if numeros else None)
            self._choisir(*garde)
        finally:
            self._chargement = False
        self._comparer()

    def _choisir(self, ancien: int | None, nouveau: int | None) -> None:
        for combo, numero in ((self.ancien, ancien if ancien is not None else nouveau), (self.nouveau, nouveau)):
            rang = combo.findData(numero) if numero is not None else -1
            combo.setCurrentIndex(rang if rang >= 0 else combo.count() - 1)

    def _version_choisie(self) -> None:
        """A row chosen in the list: it is compared with the version before it."""
        if self._chargement:
            return
        lignes = self.vue.selectionModel().selectedRows()
        numero = self.proxy.identifiant(lignes[0]) if lignes else None
        if numero is None:
            return
        numeros = [v.version for v in self.versions]
        rang = numeros.index(numero) if numero in numeros else -1
        self._chargement = True
        try:
            self._choisir(numeros[rang - 1] if rang > 0 else numero, numero)
        finally:
            self._chargement = False
        self._comparer()

    def _comparer(self) -> None:
        if self._chargement:
            return
        par_numero = {v.version: v for v in self.versions}
        ancien, nouveau = par_numero.get(self.ancien.currentData()), par_numero.get(self.nouveau.currentData())
        self._chargement = True
        try:
            selectionner(self.vue, self.proxy, nouveau.version if nouveau is not None else None)
        finally:
            self._chargement = False
        if ancien is None or nouveau is None:
            vide = "Choisissez un texte dans la liste ci-dessus." if self.recommandation_id is None else ""
            self.comparaison.setHtml(f"<p>{vide}</p>")
            return
        if ancien.version > nouveau.version:  # read from the older to the newer, whichever way they were chosen
            ancien, nouveau = nouveau, ancien
        self.comparaison.setHtml(html_comparaison(ancien, nouveau))
