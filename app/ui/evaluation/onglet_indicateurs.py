"""« Indicateurs »: the figures of CONCEPTION §3 for a chosen period (by default the last 12 months, as on the
dashboard), exactly those of `indicateurs.calculer` (the ANSA workbook and the reports show the same).

Key figures first (mobilisation at 3 and 6 months from the installation, referrals and opinions, productions and
diffusions), then attendance per meeting and per collège — a bar chart with, beside it, tables holding the same
numbers for keyboard and screen-reader users — then each member's assiduity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import horloge
from app.format_fr import date_longue, nombre, pourcentage
from app.services.evaluation_lecture import IndicateursPeriode, PresenceCollege, PresenceSeance, indicateurs_periode
from app.services.indicateurs import Periode
from app.services.tableau_de_bord import periode_douze_mois
from app.ui.annuaire.formulaire import champ_date, date_de, vers_qdate
from app.ui.annuaire.tableaux import bouton
from app.ui.contexte import Contexte
from app.ui.evaluation.diagramme import Barre, DiagrammePresence
from app.ui.evaluation.modeles import modele_assiduite, modele_presence_colleges, modele_presence_seances
from app.ui.tableau_lignes import ROLE_TRI, ModeleTable, T

LIGNES_ASSIDUITE = 12  # rows shown before the members' table scrolls


def _pluriel(n: int | float, singulier: str, pluriel: str) -> str:
    return f"{nombre(n)} {singulier if n < 2 else pluriel}"


def barre_seance(s: PresenceSeance) -> Barre:
    venus = s.presents + s.supplees
    return Barre(
        s.reference,
        s.taux,
        f"{s.reference} ({s.instance}, {date_longue(s.date)}) : {pourcentage(s.taux)}, "
        f"{_pluriel(venus, 'siège occupé', 'sièges occupés')} sur {_pluriel(s.attendus, 'attendu', 'attendus')}",
    )


def barre_college(c: PresenceCollege) -> Barre:
    if c.taux is None:
        return Barre(c.college, None, f"{c.college} : — (aucun siège attendu sur la période)")
    venus = c.presents + c.supplees
    return Barre(
        c.college,
        c.taux,
        f"{c.college} : {pourcentage(c.taux)}, {_pluriel(venus, 'siège occupé', 'sièges occupés')} sur "
        f"{_pluriel(c.attendus, 'attendu', 'attendus')}",
    )


def _insecable(texte: str) -> str:
    # Qt's rich text breaks lines even at a narrow no-break space: a figure such as « 67,1 % / 73,2 % » is
    # kept on one line with plain no-break spaces.
    return texte.replace(" ", "&nbsp;").replace("\u202f", "&nbsp;")


def tableau_html(titre: str, lignes: Sequence[tuple[str, str]]) -> str:
    cellules = "".join(
        f"<tr><td>{escape(libelle)}</td>"
        f"<td align='right' style='padding-left:10px'><b>{_insecable(escape(valeur))}</b></td></tr>"
        for libelle, valeur in lignes
    )
    return f"<p style='margin-bottom:4px'><b>{escape(titre)}</b></p><table cellspacing='2'>{cellules}</table>"


class Encart(QLabel):
    """A box of key figures: a title, then « label … value » lines (said in words to a screen reader)."""

    def __init__(self, nom: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"encart_{nom}")
        self.setStyleSheet(
            f"QLabel#encart_{nom} {{ border: 1px solid #CFD8DC; border-radius: 6px; background: palette(base); "
            "padding: 8px 10px; }"
        )
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)  # a long kind of production wraps rather than widening the page
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.lignes: tuple[tuple[str, str], ...] = ()

    def definir(self, titre: str, lignes: Sequence[tuple[str, str]]) -> None:
        self.lignes = tuple(lignes)
        self.setText(tableau_html(titre, lignes))
        self.setAccessibleName(titre)
        self.setAccessibleDescription("\n".join(f"{libelle} : {valeur}" for libelle, valeur in lignes))


def vue_chiffres(modele: ModeleTable[T], nom: str, *, triable: bool = True) -> QTableView:
    """A read-only sortable table that shows all its rows (the page scrolls, not the table)."""
    proxy = QSortFilterProxyModel(modele)
    proxy.setSourceModel(modele)
    proxy.setSortRole(ROLE_TRI)
    vue = QTableView()
    vue.setModel(proxy)
    vue.setAccessibleName(nom)
    vue.setObjectName(nom)
    vue.verticalHeader().hide()
    vue.verticalHeader().setDefaultSectionSize(vue.fontMetrics().height() + 8)
    vue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    vue.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    vue.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    vue.setTabKeyNavigation(False)
    vue.setAlternatingRowColors(True)
    vue.setWordWrap(False)
    entete = vue.horizontalHeader()
    # Beside the chart, a table keeps the chart's order (no sort indicator eating the narrow columns' room).
    vue.setSortingEnabled(triable)
    if triable:
        entete.setSortIndicatorClearable(True)
        entete.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    entete.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    entete.setStretchLastSection(True)
    vue.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return vue


def ajuster_hauteur(vue: QTableView, lignes: int, maximum: int | None = None) -> None:
    visibles = max(1, lignes if maximum is None else min(lignes, maximum))
    hauteur = vue.horizontalHeader().sizeHint().height() + visibles * vue.verticalHeader().defaultSectionSize()
    vue.setFixedHeight(hauteur + 2 * vue.frameWidth() + 2)


def titre_section(texte: str) -> QLabel:
    etiquette = QLabel(f"<h3 style='margin:0'>{escape(texte)}</h3>")
    etiquette.setAccessibleName(texte)
    return etiquette


class OngletIndicateurs(QWidget):
    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contexte = contexte
        self.indicateurs: IndicateursPeriode | None = None
        douze_mois = periode_douze_mois(horloge.aujourdhui())
        assert douze_mois.du is not None and douze_mois.au is not None
        self.du = champ_date("Début de la période", douze_mois.du)
        self.au = champ_date("Fin de la période (incluse)", douze_mois.au)
        etiquette_du = QLabel("&Du")
        etiquette_du.setBuddy(self.du)
        etiquette_au = QLabel("&au")
        etiquette_au.setBuddy(self.au)
        self.bouton_douze_mois = bouton(
            "12 &derniers mois", None, "Revenir aux 12 derniers mois", "La période du tableau de bord"
        )
        self.bouton_douze_mois.clicked.connect(self.douze_derniers_mois)
        self.resume = QLabel()
        self.resume.setAccessibleName("Période des indicateurs")
        self.resume.setWordWrap(True)
        periode = QHBoxLayout()
        periode.addWidget(etiquette_du)
        periode.addWidget(self.du)
        periode.addWidget(etiquette_au)
        periode.addWidget(self.au)
        periode.addWidget(self.bouton_douze_mois)
        periode.addSpacing(12)
        periode.addWidget(self.resume, 1)

        self.encart_mobilisation = Encart("mobilisation")
        self.encart_saisines = Encart("saisines")
        self.encart_productions = Encart("productions")
        self.encart_diffusions = Encart("diffusions")
        encarts = QHBoxLayout()
        encarts.setSpacing(10)
        # Widths in proportion to the labels' lengths: the diffusion channels are short words.
        for encart, part in (
            (self.encart_mobilisation, 5),
            (self.encart_saisines, 4),
            (self.encart_productions, 5),
            (self.encart_diffusions, 3),
        ):
            encarts.addWidget(encart, part)

        self.diagramme = DiagrammePresence("Taux de présence par séance et par collège")
        self.modele_seances = modele_presence_seances(self)
        self.modele_colleges = modele_presence_colleges(self)
        self.modele_membres = modele_assiduite(self)
        self.vue_seances = vue_chiffres(self.modele_seances, "Présence par séance", triable=False)
        self.vue_colleges = vue_chiffres(self.modele_colleges, "Présence par collège", triable=False)
        self.vue_membres = vue_chiffres(self.modele_membres, "Assiduité des membres")
        self.vue_membres.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.aucune_seance = QLabel("Aucune séance tenue sur la période.")
        self.aucune_seance.setStyleSheet("color: palette(placeholder-text); font-style: italic;")

        tableaux = QVBoxLayout()
        tableaux.setSpacing(6)
        tableaux.addWidget(self.vue_seances)
        tableaux.addWidget(self.vue_colleges)
        tableaux.addStretch(1)
        presence = QHBoxLayout()
        presence.setSpacing(14)
        presence.addWidget(self.diagramme, 4, Qt.AlignmentFlag.AlignTop)
        presence.addLayout(tableaux, 5)

        contenu = QWidget()
        disposition_contenu = QVBoxLayout(contenu)
        disposition_contenu.setContentsMargins(0, 4, 8, 8)
        disposition_contenu.setSpacing(8)
        disposition_contenu.addLayout(encarts)
        disposition_contenu.addWidget(titre_section("Présence par séance et par collège"))
        disposition_contenu.addWidget(self.aucune_seance)
        disposition_contenu.addLayout(presence)
        disposition_contenu.addWidget(titre_section("Assiduité des membres"))
        disposition_contenu.addWidget(self.vue_membres)
        disposition_contenu.addStretch(1)
        self.defilement = QScrollArea()
        self.defilement.setWidgetResizable(True)
        self.defilement.setFrameShape(QFrame.Shape.NoFrame)
        self.defilement.setWidget(contenu)

        disposition = QVBoxLayout(self)
        disposition.setContentsMargins(6, 6, 6, 6)
        disposition.addLayout(periode)
        disposition.addWidget(self.defilement, 1)

        self.du.dateChanged.connect(self.rafraichir)
        self.au.dateChanged.connect(self.rafraichir)

    def periode(self) -> Periode:
        return Periode(date_de(self.du), date_de(self.au))

    def definir_periode(self, du: dt.date, au: dt.date) -> None:
        for champ, jour in ((self.du, du), (self.au, au)):
            champ.blockSignals(True)
            champ.setDate(vers_qdate(jour))
            champ.blockSignals(False)
        self.rafraichir()

    def douze_derniers_mois(self) -> None:
        periode = periode_douze_mois(horloge.aujourdhui())
        assert periode.du is not None and periode.au is not None
        self.definir_periode(periode.du, periode.au)

    def rafraichir(self) -> None:
        periode = self.periode()
        assert periode.du is not None and periode.au is not None
        if periode.du > periode.au:
            self.resume.setText("⚠ La date de début est postérieure à la date de fin : corrigez la période.")
            return
        self.afficher(self.contexte.lire(lambda s: indicateurs_periode(s, periode)))

    def afficher(self, r: IndicateursPeriode) -> None:
        self.indicateurs = r
        assert r.periode.du is not None and r.periode.au is not None
        n = len(r.seances)
        self.resume.setText(
            f"Du {date_longue(r.periode.du)} au {date_longue(r.periode.au)} inclus : "
            f"{_pluriel(n, 'séance tenue', 'séances tenues')}."
        )

        trois, six = r.mobilisation
        lignes_mobilisation = [
            ("Séances tenues", f"{nombre(trois.seances_tenues)} / {nombre(six.seances_tenues)}"),
            ("Personnes présentes", f"{nombre(trois.personnes_presentes)} / {nombre(six.personnes_presentes)}"),
            (
                "Structures représentées",
                f"{nombre(trois.structures_representees)} / {nombre(six.structures_representees)}",
            ),
            (
                "Travailleurs sociaux présents",
                f"{nombre(trois.travailleurs_sociaux_presents)} / {nombre(six.travailleurs_sociaux_presents)}",
            ),
            (
                "Personnes accompagnées présentes",
                f"{nombre(trois.personnes_accompagnees_presentes)} / {nombre(six.personnes_accompagnees_presentes)}",
            ),
            ("Taux de présence", f"{pourcentage(trois.taux)} / {pourcentage(six.taux)}"),
        ]
        self.encart_mobilisation.definir("Mobilisation à 3 / 6 mois de l'installation", lignes_mobilisation)

        delai = "—" if r.delai_median_jours is None else _pluriel(r.delai_median_jours, "jour", "jours")
        self.encart_saisines.definir(
            "Saisines et avis de la période",
            [
                ("Saisines reçues", nombre(r.saisines_recues)),
                ("Saisines recevables", nombre(r.saisines_recevables)),
                ("Avis rendus", nombre(r.avis_rendus)),
                ("Délai médian de l'avis", delai),
                ("Recommandations adoptées", nombre(r.recommandations_adoptees)),
                ("Recommandations publiées", nombre(r.recommandations_publiees)),
            ],
        )
        # Only the kinds and channels used: the complete lists are in the ANSA workbook.
        productions = [(t.libelle, nombre(k)) for t, k in r.productions_par_type if k]
        total = sum(k for _t, k in r.productions_par_type)
        self.encart_productions.definir("Productions de la période", [("Total", nombre(total)), *productions])
        canaux = [(c.libelle, nombre(k)) for c, k in r.diffusions_par_canal if k]
        total = sum(k for _c, k in r.diffusions_par_canal)
        self.encart_diffusions.definir("Diffusions de la période", [("Total", nombre(total)), *canaux])

        self.diagramme.definir(
            [
                ("Par séance", [barre_seance(s) for s in r.seances]),
                ("Par collège", [barre_college(c) for c in r.colleges]),
            ]
        )
        self.modele_seances.definir(r.seances)
        self.modele_colleges.definir(r.colleges)
        self.modele_membres.definir(r.membres)
        self.aucune_seance.setVisible(n == 0)
        self.vue_seances.setVisible(n > 0)
        ajuster_hauteur(self.vue_seances, n)
        ajuster_hauteur(self.vue_colleges, len(r.colleges))
        ajuster_hauteur(self.vue_membres, len(r.membres), LIGNES_ASSIDUITE)
