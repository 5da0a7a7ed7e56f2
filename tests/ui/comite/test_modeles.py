"""The table models of the Comité page, without a window: Qt's contract and what each cell says."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from app.modeles.enumerations import CategorieCollege, NiveauInstance, TypeInstance
from app.services.comite import CollegeLu, InstanceLue
from app.ui.comite.modeles import modele_colleges, modele_instances

COLLEGES = (
    CollegeLu(4, "Élus et décideurs", CategorieCollege.ELUS_DECIDEURS, 1, 17),
    CollegeLu(2, "Invités", CategorieCollege.AUTRE, 2, 0),
)
INSTANCES = (
    InstanceLue(
        7,
        "Assemblée plénière",
        TypeInstance.PLENIERE,
        NiveauInstance.POLITIQUE_STRATEGIQUE,
        1,
        2,
        True,
        1,
        15,
        1,
        51,
        8,
    ),
    InstanceLue(3, "Groupe « Numérique »", TypeInstance.GROUPE_TRAVAIL, None, 0, 1, False, 0, 1, 2),
)


def _textes(modele) -> list[list[str]]:
    return [[modele.data(modele.index(r, c)) for c in range(modele.columnCount())] for r in range(modele.rowCount())]


def test_modele_des_colleges(qtmodeltester):
    modele = modele_colleges()
    qtmodeltester.check(modele)
    modele.definir(COLLEGES)
    qtmodeltester.check(modele)
    entetes = [modele.headerData(c, Qt.Orientation.Horizontal) for c in range(modele.columnCount())]
    assert entetes == ["Nom", "Catégorie", "Mandats"]
    assert _textes(modele) == [["Élus et décideurs", "Élus et décideurs", "17"], ["Invités", "Autre", "—"]]
    assert [modele.headerData(r, Qt.Orientation.Vertical) for r in range(2)] == ["1", "2"]  # the order shown
    assert modele.data(modele.index(0, 2), Qt.ItemDataRole.TextAlignmentRole) is not None
    assert modele.rang_de(2) == 1 and modele.rang_de(99) is None
    assert modele.ligne(0) is COLLEGES[0]
    assert modele.rowCount(modele.index(0, 0)) == 0 and modele.data(QModelIndex()) is None


def test_modele_des_instances(qtmodeltester):
    modele = modele_instances()
    modele.definir(INSTANCES)
    qtmodeltester.check(modele)
    entetes = [modele.headerData(c, Qt.Orientation.Horizontal) for c in range(modele.columnCount())]
    assert entetes == [
        "Nom",
        "Type",
        "Niveau",
        "Quorum",
        "Pouvoirs comptés",
        "Délai de convocation",
        "Mandats",
        "Séances",
    ]
    assert _textes(modele) == [
        ["Assemblée plénière", "Plénière", "Politique et stratégique", "1/2", "oui", "15 jours", "51", "8"],
        ["Groupe « Numérique »", "Groupe de travail", "—", "aucun", "non", "1 jour", "—", "—"],
    ]
    infobulle = modele.data(modele.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    assert infobulle == "Quorum atteint quand au moins 1/2 des sièges attendus sont présents ou suppléés."
    assert "ne comptent pas" in modele.data(modele.index(1, 4), Qt.ItemDataRole.ToolTipRole)
    modele.definir(())
    qtmodeltester.check(modele)
    assert modele.rowCount() == 0
