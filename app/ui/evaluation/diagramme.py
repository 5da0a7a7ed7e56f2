"""A horizontal bar chart of attendance rates, drawn with QPainter (PySide6-Essentials has no QtCharts).

Groups of bars (« Par séance », « Par collège »), each bar labelled (a meeting's reference, a collège's name) on a
0–100 % axis whose graduations run under every group, its rate written at its end (« — » when no seat was
expected). What it shows is also its accessible description, and the page puts a table with the same numbers
beside it, for keyboard and screen-reader users.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.format_fr import pourcentage

COULEUR_BARRE = QColor("#4F7CAC")
COULEUR_PISTE = QColor("#ECEFF1")
COULEUR_GRADUATION = QColor("#B0BEC5")
GRADUATIONS = (0.0, 0.25, 0.5, 0.75, 1.0)


@dataclass(frozen=True)
class Barre:
    libelle: str  # what the bar is labelled with
    taux: float | None
    description: str  # the same in words: tooltip and screen readers


@dataclass(frozen=True)
class _Ligne:
    groupe: str
    barre: Barre | None  # None: the group's heading


class DiagrammePresence(QWidget):
    def __init__(self, nom_accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groupes: tuple[tuple[str, tuple[Barre, ...]], ...] = ()
        self._lignes: tuple[_Ligne, ...] = ()
        self.setAccessibleName(nom_accessible)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    def definir(self, groupes: Sequence[tuple[str, Sequence[Barre]]]) -> None:
        self.groupes = tuple((titre, tuple(barres)) for titre, barres in groupes)
        lignes: list[_Ligne] = []
        for titre, barres in self.groupes:
            lignes.append(_Ligne(titre, None))
            lignes += [_Ligne(titre, b) for b in barres]
        self._lignes = tuple(lignes)
        description = []
        for titre, barres in self.groupes:
            description.append(f"{titre} :")
            description += [b.description for b in barres] or ["aucune donnée"]
        self.setAccessibleDescription("\n".join(description))
        self.updateGeometry()
        self.update()

    def valeurs(self) -> list[tuple[str, str, float | None]]:
        """What is drawn, as (group, label, rate): for tests and for whoever reads the chart's data."""
        return [(titre, b.libelle, b.taux) for titre, barres in self.groupes for b in barres]

    # --- geometry --------------------------------------------------------------------------------------

    def _hauteur_ligne(self) -> int:
        return max(self.fontMetrics().height() + 8, 22)

    def _hauteur_axe(self) -> int:
        return self.fontMetrics().height() + 6

    def sizeHint(self) -> QSize:
        return QSize(420, len(self._lignes) * self._hauteur_ligne() + self._hauteur_axe() + 6)

    def minimumSizeHint(self) -> QSize:
        return QSize(280, self.sizeHint().height())

    def _ligne_a(self, y: float) -> _Ligne | None:
        rang = int((y - self._hauteur_axe()) // self._hauteur_ligne())
        return self._lignes[rang] if 0 <= rang < len(self._lignes) else None

    def event(self, evenement: QEvent) -> bool:
        if evenement.type() == QEvent.Type.ToolTip and isinstance(evenement, QHelpEvent):
            ligne = self._ligne_a(evenement.pos().y())
            if ligne is None or ligne.barre is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(evenement.globalPos(), ligne.barre.description, self)
            return True
        return super().event(evenement)

    # --- drawing ---------------------------------------------------------------------------------------

    def paintEvent(self, _evenement: QPaintEvent) -> None:
        peintre = QPainter(self)
        peintre.setRenderHint(QPainter.RenderHint.Antialiasing)
        metriques = QFontMetricsF(self.font())
        hauteur = self._hauteur_ligne()
        haut = self._hauteur_axe()
        largeur_taux = metriques.horizontalAdvance("100,0\u202f%") + 12
        plus_long = max((metriques.horizontalAdvance(b.libelle) for _t, bs in self.groupes for b in bs), default=0)
        largeur_nom = min(plus_long + 24, self.width() * 0.45)
        largeur_barre = max(self.width() - largeur_nom - largeur_taux - 8, 40)
        x0 = largeur_nom
        texte = self.palette().color(self.foregroundRole())
        bas = haut + len(self._lignes) * hauteur

        # The axis: graduations across the whole height, their values on top.
        for graduation in GRADUATIONS:
            x = x0 + graduation * largeur_barre
            peintre.setPen(QPen(COULEUR_GRADUATION, 1, Qt.PenStyle.DotLine))
            peintre.drawLine(int(x), haut, int(x), bas)
            peintre.setPen(texte)
            etiquette = pourcentage(graduation, 0)
            largeur = metriques.horizontalAdvance(etiquette)
            gauche = min(max(x - largeur / 2, 0), self.width() - largeur)
            peintre.drawText(QRectF(gauche, 0, largeur + 2, haut), Qt.AlignmentFlag.AlignVCenter, etiquette)

        gras = QFont(self.font())
        gras.setBold(True)
        for rang, ligne in enumerate(self._lignes):
            y = haut + rang * hauteur
            centre = Qt.AlignmentFlag.AlignVCenter
            if ligne.barre is None:
                peintre.setFont(gras)
                peintre.setPen(texte)
                peintre.drawText(QRectF(0, y, self.width(), hauteur), centre | Qt.AlignmentFlag.AlignLeft, ligne.groupe)
                peintre.setFont(self.font())
                continue
            barre = ligne.barre
            nom = metriques.elidedText(barre.libelle, Qt.TextElideMode.ElideRight, largeur_nom - 20)
            peintre.setPen(texte)
            peintre.drawText(QRectF(12, y, largeur_nom - 20, hauteur), centre | Qt.AlignmentFlag.AlignLeft, nom)
            piste = QRectF(x0, y + 4, largeur_barre, hauteur - 8)
            peintre.setPen(Qt.PenStyle.NoPen)
            peintre.setBrush(COULEUR_PISTE)
            peintre.drawRect(piste)
            if barre.taux is not None and barre.taux > 0:
                peintre.setBrush(COULEUR_BARRE)
                peintre.drawRect(
                    QRectF(piste.x(), piste.y(), max(piste.width() * min(barre.taux, 1.0), 2), piste.height())
                )
            peintre.setPen(texte)
            peintre.drawText(
                QRectF(x0 + largeur_barre, y, largeur_taux, hauteur),
                centre | Qt.AlignmentFlag.AlignRight,
                pourcentage(barre.taux),
            )
        peintre.end()
