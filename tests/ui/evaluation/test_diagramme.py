"""The attendance chart, alone: it draws its bars (the bar colour where a rate is, not where none is), exposes
what it draws, and says it in words for screen readers."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor

from app.ui.evaluation.diagramme import COULEUR_BARRE, Barre, DiagrammePresence


def _bleu(image, x: int, y: int) -> bool:
    return QColor(image.pixel(x, y)) == COULEUR_BARRE


def test_le_diagramme_dessine_ses_barres_et_expose_ses_valeurs(qtbot):
    diagramme = DiagrammePresence("Taux de présence")
    qtbot.addWidget(diagramme)
    diagramme.definir(
        [
            ("Par séance", [Barre("PL-2026-01", 1.0, "PL-2026-01 : 100 %"), Barre("PL-2026-02", None, "aucun")]),
            ("Par collège", [Barre("Élus", 0.5, "Élus : 50 %")]),
        ]
    )
    diagramme.resize(600, diagramme.sizeHint().height())
    image = diagramme.grab().toImage()
    assert image.height() == diagramme.sizeHint().height() > 0
    assert diagramme.valeurs() == [
        ("Par séance", "PL-2026-01", 1.0),
        ("Par séance", "PL-2026-02", None),
        ("Par collège", "Élus", 0.5),
    ]
    assert diagramme.accessibleName() == "Taux de présence"
    assert diagramme.accessibleDescription() == ("Par séance :\nPL-2026-01 : 100 %\naucun\nPar collège :\nÉlus : 50 %")
    # Rows: the axis, then a heading, two meetings, a heading, one collège; each bar's middle is its row's.
    haut, ligne = diagramme._hauteur_axe(), diagramme._hauteur_ligne()

    def milieu(rang: int) -> int:
        return haut + rang * ligne + ligne // 2

    rangee_pleine = [x for x in range(image.width()) if _bleu(image, x, milieu(1))]
    rangee_vide = [x for x in range(image.width()) if _bleu(image, x, milieu(2))]
    rangee_moitie = [x for x in range(image.width()) if _bleu(image, x, milieu(4))]
    assert rangee_pleine and not rangee_vide and rangee_moitie
    assert abs(len(rangee_moitie) - len(rangee_pleine) / 2) <= 3  # 50 % is half as long as 100 %
    assert diagramme._ligne_a(milieu(4)).barre.libelle == "Élus"
    assert diagramme._ligne_a(milieu(0)).barre is None  # a heading has no tooltip
    assert diagramme._ligne_a(QPoint(0, 1).y()) is None


def test_le_diagramme_vide_se_dessine_aussi(qtbot):
    diagramme = DiagrammePresence("Taux de présence")
    qtbot.addWidget(diagramme)
    diagramme.definir([("Par séance", []), ("Par collège", [])])
    diagramme.resize(400, diagramme.sizeHint().height())
    assert not diagramme.grab().isNull()
    assert diagramme.valeurs() == []
    assert "aucune donnée" in diagramme.accessibleDescription()
