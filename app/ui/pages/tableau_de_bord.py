"""Tableau de bord: what needs the secretary's attention today, in six cards.

Each card shows a count in large type and, under it, the short list behind it (a read-only table); the last
card draws the attendance rate of the last 12 months by collège. Everything comes from
`app.services.tableau_de_bord.etat_du_comite`, read in one transaction by `rafraichir()`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QEvent,
    QObject,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app import horloge
from app.format_fr import date_longue, nombre, pourcentage
from app.services import tableau_de_bord as service
from app.services.tableau_de_bord import (
    ActionDue,
    MandatFinissant,
    PresenceCollege,
    ProchaineSeance,
    SaisineEnRetard,
    SiegeSansTitulaire,
    TableauDeBord,
)
from app.ui.contexte import Contexte
from app.ui.page import Page
from app.ui.tableau_lignes import ROLE_TRI, Colonne, ModeleTable, T

ALERTE = "⚠"  # the text marker that always goes with the warning colour (never colour alone)
COULEUR_ALERTE_FOND = QColor("#FDECEA")
COULEUR_ALERTE_TEXTE = QColor("#A3231B")
COULEUR_BARRE = QColor("#4F7CAC")
COULEUR_PISTE = QColor("#ECEFF1")


def accorder(n: int, singulier: str, pluriel: str) -> str:
    """French keeps the singular below 2: « 0 séance », « 1 séance », « 3 séances »."""
    return singulier if n < 2 else pluriel


def echeance_relative(jours: int) -> str:
    if jours < 0:
        retard = -jours
        return f"{ALERTE} En retard de {retard} {accorder(retard, 'jour', 'jours')}"
    if jours == 0:
        return "Aujourd'hui"
    if jours == 1:
        return "Demain"
    return f"Dans {jours} jours"


# --- a short read-only list ------------------------------------------------------------------------------


class ModeleListe(ModeleTable[T]):
    """Rows for which `alerte` holds get the warning colour (their text says it too); `infobulle`, if given,
    is the tooltip of the whole row."""

    def __init__(
        self,
        colonnes: Sequence[Colonne[T]],
        *,
        alerte: Callable[[T], bool] | None = None,
        infobulle: Callable[[T], str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(colonnes, parent)
        self._alerte = alerte
        self._infobulle = infobulle

    def en_alerte(self, rang: int) -> bool:
        return self._alerte is not None and self._alerte(self.lignes[rang])

    def infobulle(self, ligne: T, colonne: Colonne[T]) -> str | None:
        return self._infobulle(ligne) if self._infobulle is not None else super().infobulle(ligne, colonne)

    def autre_role(self, ligne: T, role: int) -> object:
        if self._alerte is None or not self._alerte(ligne):
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(COULEUR_ALERTE_FOND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(COULEUR_ALERTE_TEXTE)
        return None


def _iso(s: ProchaineSeance) -> str:
    return s.date.isoformat()


def modele_seances(parent: QObject | None = None) -> ModeleListe[ProchaineSeance]:
    def convocation(s: ProchaineSeance) -> str:
        if s.convocation_envoyee_le is not None:
            return f"Envoyée le {date_longue(s.convocation_envoyee_le)}"
        if s.convocation_en_retard:
            return f"{ALERTE} Non envoyée, délai dépassé"
        return f"À envoyer d'ici le {date_longue(s.limite_convocation)}"

    def infobulle(s: ProchaineSeance) -> str:
        texte = f"{s.reference} — {s.instance}, le {date_longue(s.date)} ({s.statut.libelle.lower()})\n"
        texte += f"Convocation à envoyer au plus tard le {date_longue(s.limite_convocation)}"
        if s.convocation_envoyee_le is not None:
            return texte + f" : envoyée le {date_longue(s.convocation_envoyee_le)}."
        if s.convocation_en_retard:
            return texte + " : délai dépassé, l'envoi devra être motivé par l'urgence."
        return texte + "."

    return ModeleListe(
        [
            Colonne("Date", lambda s: date_longue(s.date), _iso),
            Colonne("Séance", lambda s: f"{s.reference} · {s.instance}", etiree=True),
            Colonne(
                "Convocation",
                convocation,
                lambda s: f"{int(s.convocation_envoyee)}{s.limite_convocation.isoformat()}",
            ),
        ],
        alerte=lambda s: s.convocation_en_retard,
        infobulle=infobulle,
        parent=parent,
    )


def modele_actions(parent: QObject | None = None) -> ModeleListe[ActionDue]:
    def infobulle(a: ActionDue) -> str:
        origine = f"\nDécidée en séance {a.seance_origine}" if a.seance_origine else ""
        return (
            f"{a.texte}{origine}\nResponsable : {a.responsable or 'non désigné'}\n"
            f"Échéance : {date_longue(a.echeance)} ({echeance_relative(a.jours_restants).lower()})\n"
            f"État : {a.statut.libelle.lower()}"
        )

    return ModeleListe(
        [
            Colonne("Échéance", lambda a: date_longue(a.echeance), lambda a: a.echeance.isoformat()),
            Colonne("Action", lambda a: a.texte, etiree=True),
            Colonne("Responsable", lambda a: a.responsable or "—"),
            Colonne("Suivi", lambda a: echeance_relative(a.jours_restants), lambda a: a.jours_restants),
        ],
        alerte=lambda a: a.en_retard,
        infobulle=infobulle,
        parent=parent,
    )


def _motif_saisine(s: SaisineEnRetard) -> str:
    return "Accusé de réception" if s.accuse else "Avis à transmettre"


def modele_saisines(parent: QObject | None = None) -> ModeleListe[SaisineEnRetard]:
    def infobulle(s: SaisineEnRetard) -> str:
        if s.accuse:
            regle = "l'accusé de réception est dû dans les 7 jours suivant la réception"
        else:
            regle = "l'avis est dû dans les 90 jours suivant la recevabilité"
        return f"{s.numero} : {regle}, soit le {date_longue(s.echeance)}.\n{echeance_relative(-s.jours_de_retard)}."

    return ModeleListe(
        [
            Colonne("Saisine", lambda s: s.numero),
            Colonne("Attendu", _motif_saisine, etiree=True),
            Colonne("Échéance", lambda s: date_longue(s.echeance), lambda s: s.echeance.isoformat()),
            Colonne("Retard", lambda s: echeance_relative(-s.jours_de_retard), lambda s: s.jours_de_retard),
        ],
        alerte=lambda _s: True,  # every row here is late
        infobulle=infobulle,
        parent=parent,
    )


def modele_mandats(parent: QObject | None = None) -> ModeleListe[MandatFinissant]:
    def infobulle(m: MandatFinissant) -> str:
        return (
            f"{m.personne} ({m.qualite.libelle.lower()}) — {m.instance}, collège {m.college}\n"
            f"Mandat jusqu'au {date_longue(m.fin)} inclus ({echeance_relative(m.jours_restants).lower()})"
        )

    return ModeleListe(
        [
            Colonne("Fin", lambda m: date_longue(m.fin), lambda m: m.fin.isoformat()),
            Colonne("Membre", lambda m: m.personne),
            Colonne("Siège", lambda m: f"{m.instance} — {m.college} ({m.qualite.libelle.lower()})", etiree=True),
        ],
        infobulle=infobulle,
        parent=parent,
    )


def modele_sieges(parent: QObject | None = None) -> ModeleListe[SiegeSansTitulaire]:
    def situation(s: SiegeSansTitulaire) -> str:
        if s.suppleant:
            return f"Suppléance de {s.personne} sans titulaire"
        return f"Vacant (départ de {s.personne})"

    def infobulle(s: SiegeSansTitulaire) -> str:
        if s.suppleant and s.depuis is None:
            detail = f"{s.personne} est suppléant sans être rattaché à un titulaire."
        elif s.suppleant:
            detail = f"Le mandat du titulaire de {s.personne} a pris fin ; la suppléance ne remplace plus personne."
        else:
            detail = f"Le mandat de {s.personne} a pris fin et aucun titulaire ne l'a remplacé."
        return f"{s.instance} — collège {s.college}\n{detail}"

    return ModeleListe(
        [
            Colonne("Siège", lambda s: f"{s.instance} — {s.college}", etiree=True),
            Colonne("Situation", situation),
            Colonne(
                "Depuis",
                lambda s: "—" if s.depuis is None else date_longue(s.depuis),
                lambda s: "" if s.depuis is None else s.depuis.isoformat(),
            ),
        ],
        infobulle=infobulle,
        parent=parent,
    )


class VueListe(QTableView):
    """A compact sortable table over a `ModeleListe` (clicking a header sorts; the service's order first)."""

    def __init__(self, modele: ModeleListe[T], nom: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.modele = modele
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(modele)
        self.proxy.setSortRole(ROLE_TRI)
        self.setModel(self.proxy)
        self.setAccessibleName(nom)
        self.setObjectName(nom)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setFrameShape(QFrame.Shape.NoFrame)  # the card is the frame; a short list leaves no grey box
        entete = self.horizontalHeader()
        entete.setHighlightSections(False)
        entete.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        entete.setSortIndicatorClearable(True)
        entete.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        for rang, colonne in enumerate(modele.colonnes):
            mode = QHeaderView.ResizeMode.Stretch if colonne.etiree else QHeaderView.ResizeMode.ResizeToContents
            entete.setSectionResizeMode(rang, mode)
        self.setSortingEnabled(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(360, self.horizontalHeader().sizeHint().height() + 4 * self.verticalHeader().defaultSectionSize())

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.horizontalHeader().sizeHint().height() + 2 * self.verticalHeader().defaultSectionSize())


# --- the attendance chart --------------------------------------------------------------------------------


def libelle_presence(c: PresenceCollege) -> str:
    """What a bar says in words (tooltip and screen readers)."""
    if c.taux is None:
        return f"{c.college} : — (aucun siège attendu sur la période)"
    venus = c.presents + c.supplees
    supplees = f", dont {nombre(c.supplees)} par un suppléant" if c.supplees else ""
    return (
        f"{c.college} : {pourcentage(c.taux)} ({nombre(venus)} {accorder(venus, 'siège occupé', 'sièges occupés')}"
        f"{supplees}, sur {nombre(c.attendus)} {accorder(c.attendus, 'attendu', 'attendus')})"
    )


class DiagrammePresence(QWidget):
    """Horizontal bars, one per collège: name, bar on a 0–100 % track, rate (« — » when there is no rate)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colleges: tuple[PresenceCollege, ...] = ()
        self.setAccessibleName("Taux de présence par collège")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)

    def definir(self, colleges: Sequence[PresenceCollege]) -> None:
        self.colleges = tuple(colleges)
        self.setAccessibleDescription("\n".join(libelle_presence(c) for c in self.colleges))
        self.updateGeometry()
        self.update()

    def _hauteur_ligne(self) -> int:
        return max(self.fontMetrics().height() + 8, 22)

    def sizeHint(self) -> QSize:
        return QSize(360, max(1, len(self.colleges)) * self._hauteur_ligne() + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _rang_a(self, y: float) -> int | None:
        rang = int((y - 2) // self._hauteur_ligne())
        return rang if 0 <= rang < len(self.colleges) else None

    def event(self, evenement: QEvent) -> bool:
        if evenement.type() == QEvent.Type.ToolTip and isinstance(evenement, QHelpEvent):
            rang = self._rang_a(evenement.pos().y())
            if rang is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(evenement.globalPos(), libelle_presence(self.colleges[rang]), self)
            return True
        return super().event(evenement)

    def paintEvent(self, _evenement: QPaintEvent) -> None:
        peintre = QPainter(self)
        peintre.setRenderHint(QPainter.RenderHint.Antialiasing)
        metriques = QFontMetricsF(self.font())
        hauteur = self._hauteur_ligne()
        largeur_taux = metriques.horizontalAdvance("100,0\u202f%") + 12
        plus_long = max((metriques.horizontalAdvance(c.college) for c in self.colleges), default=0)
        largeur_nom = min(plus_long + 16, self.width() * 0.42)
        largeur_barre = max(self.width() - largeur_nom - largeur_taux, 20)
        texte = self.palette().color(self.foregroundRole())
        for rang, college in enumerate(self.colleges):
            y = 2 + rang * hauteur
            nom = metriques.elidedText(college.college, Qt.TextElideMode.ElideRight, largeur_nom - 12)
            peintre.setPen(texte)
            alignement = Qt.AlignmentFlag.AlignVCenter
            peintre.drawText(QRectF(0, y, largeur_nom - 12, hauteur), alignement | Qt.AlignmentFlag.AlignLeft, nom)
            piste = QRectF(largeur_nom, y + 4, largeur_barre, hauteur - 8)
            peintre.setPen(Qt.PenStyle.NoPen)
            peintre.setBrush(COULEUR_PISTE)
            peintre.drawRoundedRect(piste, 3, 3)
            if college.taux is not None and college.taux > 0:
                barre = QRectF(piste.x(), piste.y(), max(piste.width() * min(college.taux, 1.0), 3), piste.height())
                peintre.setBrush(COULEUR_BARRE)
                peintre.drawRoundedRect(barre, 3, 3)
            peintre.setPen(texte)
            peintre.drawText(
                QRectF(largeur_nom + largeur_barre, y, largeur_taux, hauteur),
                alignement | Qt.AlignmentFlag.AlignRight,
                pourcentage(college.taux),
            )
        peintre.end()


# --- cards and page --------------------------------------------------------------------------------------


class Carte(QFrame):
    """A count in large type, what it counts, an optional warning line, then the list (or « nothing »)."""

    def __init__(self, nom: str, contenu: QWidget, vide: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"carte_{nom}")
        self.setStyleSheet(
            f"QFrame#carte_{nom} {{ border: 1px solid #CFD8DC; border-radius: 6px; background: palette(base); }}"
        )
        self.nombre = QLabel("0")
        police = QFont(self.font())
        police.setPointSizeF(police.pointSizeF() * 2.2)
        police.setBold(True)
        self.nombre.setFont(police)
        self.libelle = QLabel()
        police_libelle = QFont(self.font())
        police_libelle.setPointSizeF(police_libelle.pointSizeF() * 1.15)
        police_libelle.setBold(True)
        self.libelle.setFont(police_libelle)
        self.libelle.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.contenu = contenu
        self.vide = QLabel(vide)
        self.vide.setWordWrap(True)
        self.vide.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.vide.setStyleSheet("color: palette(placeholder-text); font-style: italic;")

        entete = QHBoxLayout()
        entete.setSpacing(10)
        entete.addWidget(self.nombre, 0, Qt.AlignmentFlag.AlignVCenter)
        textes = QVBoxLayout()
        textes.setSpacing(0)
        textes.addWidget(self.libelle)
        textes.addWidget(self.detail)
        entete.addLayout(textes, 1)
        disposition = QVBoxLayout(self)
        disposition.setContentsMargins(12, 8, 12, 10)
        disposition.setSpacing(6)
        disposition.addLayout(entete)
        disposition.addWidget(self.contenu, 1)
        disposition.addWidget(self.vide, 1)

    def definir(self, nombre_: int, libelle: str, detail: str = "", *, alerte: bool = False) -> None:
        self.nombre.setText(nombre(nombre_))
        self.libelle.setText(libelle)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        couleur = COULEUR_ALERTE_TEXTE.name() if alerte else "palette(placeholder-text)"
        self.detail.setStyleSheet(f"color: {couleur};" + (" font-weight: bold;" if alerte else ""))
        self.contenu.setVisible(nombre_ > 0)
        self.vide.setVisible(nombre_ == 0)
        self.setAccessibleName(f"{nombre(nombre_)} {libelle}")
        self.setAccessibleDescription(detail)


class PageTableauDeBord(Page):
    titre = "Tableau de bord"

    def __init__(self, contexte: Contexte, parent: QWidget | None = None) -> None:
        super().__init__(contexte, parent)
        self.etat: TableauDeBord | None = None
        self.modele_seances = modele_seances(self)
        self.modele_actions = modele_actions(self)
        self.modele_saisines = modele_saisines(self)
        self.modele_mandats = modele_mandats(self)
        self.modele_sieges = modele_sieges(self)
        self.diagramme = DiagrammePresence()

        self.carte_seances = Carte(
            "seances", VueListe(self.modele_seances, "Prochaines séances"), "Aucune séance à venir n'est planifiée."
        )
        self.carte_actions = Carte(
            "actions",
            VueListe(self.modele_actions, "Actions à échéance"),
            f"Aucune action à échéance dans les {service.HORIZON_ACTIONS_JOURS} jours.",
        )
        self.carte_saisines = Carte(
            "saisines", VueListe(self.modele_saisines, "Saisines en retard"), "Aucune saisine en retard."
        )
        self.carte_mandats = Carte(
            "mandats",
            VueListe(self.modele_mandats, "Mandats qui finissent bientôt"),
            f"Aucun mandat ne finit dans les {service.HORIZON_MANDATS_JOURS} jours.",
        )
        self.carte_sieges = Carte(
            "sieges", VueListe(self.modele_sieges, "Sièges sans titulaire"), "Aucun siège sans titulaire."
        )
        self.carte_presence = Carte("presence", self.diagramme, "Aucune séance tenue sur les 12 derniers mois.")

        self.titre_page = QLabel(self.titre)
        police = QFont(self.font())
        police.setPointSizeF(police.pointSizeF() * 1.5)
        police.setBold(True)
        self.titre_page.setFont(police)
        self.date_du_jour = QLabel()
        self.date_du_jour.setStyleSheet("color: palette(placeholder-text);")
        entete = QHBoxLayout()
        entete.addWidget(self.titre_page)
        entete.addStretch(1)
        entete.addWidget(self.date_du_jour, 0, Qt.AlignmentFlag.AlignBottom)

        grille = QGridLayout()
        grille.setSpacing(10)
        cartes = (
            self.carte_seances,
            self.carte_actions,
            self.carte_saisines,
            self.carte_mandats,
            self.carte_sieges,
            self.carte_presence,
        )
        for rang, carte in enumerate(cartes):
            grille.addWidget(carte, rang // 2, rang % 2)
        for ligne in range(3):
            grille.setRowStretch(ligne, 1)
        for colonne in range(2):
            grille.setColumnStretch(colonne, 1)

        contenu = QWidget()
        disposition_contenu = QVBoxLayout(contenu)
        disposition_contenu.setContentsMargins(14, 10, 14, 12)
        disposition_contenu.setSpacing(8)
        disposition_contenu.addLayout(entete)
        disposition_contenu.addLayout(grille, 1)
        defilement = QScrollArea()
        defilement.setWidgetResizable(True)
        defilement.setFrameShape(QFrame.Shape.NoFrame)
        defilement.setWidget(contenu)
        disposition = QVBoxLayout(self)
        disposition.setContentsMargins(0, 0, 0, 0)
        disposition.addWidget(defilement)

    def rafraichir(self) -> None:
        jour = horloge.aujourdhui()
        self.afficher(self.contexte.lire(lambda session: service.etat_du_comite(session, jour)))

    def afficher(self, etat: TableauDeBord) -> None:
        self.etat = etat
        self.date_du_jour.setText(f"Situation au {date_longue(etat.aujourdhui)}")

        seances = etat.prochaines_seances
        self.modele_seances.definir(seances)
        en_retard = sum(s.convocation_en_retard for s in seances)
        a_envoyer = sum(not s.convocation_envoyee for s in seances)
        if en_retard:
            detail = f"{ALERTE} {en_retard} {accorder(en_retard, 'convocation en retard', 'convocations en retard')}"
        elif a_envoyer:
            detail = f"{a_envoyer} {accorder(a_envoyer, 'convocation', 'convocations')} à envoyer"
        else:
            detail = "Convocations envoyées" if seances else ""
        n = len(seances)
        self.carte_seances.definir(n, accorder(n, "séance à venir", "séances à venir"), detail, alerte=bool(en_retard))

        actions = etat.actions_dues
        self.modele_actions.definir(actions)
        retard = sum(a.en_retard for a in actions)
        n = len(actions)
        libelle = f"{accorder(n, 'action', 'actions')} à échéance d'ici {service.HORIZON_ACTIONS_JOURS} jours"
        detail = f"{ALERTE} dont {retard} en retard" if retard else ""
        self.carte_actions.definir(n, libelle, detail, alerte=bool(retard))

        saisines = etat.saisines_en_retard
        self.modele_saisines.definir(saisines)
        accuses = sum(s.accuse for s in saisines)
        avis = len(saisines) - accuses
        morceaux = []
        if accuses:
            morceaux.append(f"{accuses} {accorder(accuses, 'accusé de réception', 'accusés de réception')}")
        if avis:
            morceaux.append(f"{avis} {accorder(avis, 'avis', 'avis')}")
        detail = f"{ALERTE} " + " et ".join(morceaux) if morceaux else ""
        n = len(saisines)
        self.carte_saisines.definir(n, accorder(n, "saisine en retard", "saisines en retard"), detail, alerte=bool(n))

        mandats = etat.mandats_finissants
        self.modele_mandats.definir(mandats)
        n = len(mandats)
        libelle = f"{accorder(n, 'mandat finit', 'mandats finissent')} d'ici {service.HORIZON_MANDATS_JOURS} jours"
        self.carte_mandats.definir(n, libelle, "À renouveler ou à remplacer" if n else "")

        sieges = etat.sieges_sans_titulaire
        self.modele_sieges.definir(sieges)
        n = len(sieges)
        self.carte_sieges.definir(n, accorder(n, "siège sans titulaire", "sièges sans titulaire"))

        self.diagramme.definir(etat.presence_colleges)
        n = etat.seances_tenues_periode
        periode = etat.periode_presence
        assert periode.du is not None and periode.au is not None
        self.carte_presence.definir(
            n,
            f"{accorder(n, 'séance tenue', 'séances tenues')} en 12 mois",
            f"Taux de présence par collège, du {date_longue(periode.du)} au {date_longue(periode.au)}",
        )
        # An empty chart is still worth showing when collèges exist but no meeting was held: it says « — ».
        if n == 0 and etat.presence_colleges:
            self.carte_presence.contenu.setVisible(True)
            self.carte_presence.vide.setVisible(False)
