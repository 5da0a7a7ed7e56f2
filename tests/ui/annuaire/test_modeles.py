"""The directory's table models and their filter proxy, without a window: Qt's model checks, sorting, filtering."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QModelIndex, Qt

from app.modeles.enumerations import MotifFinMandat, Partenariat, Qualite, Role, TypeStructure, Voix
from app.services.annuaire_lecture import EtatMandat, LigneMandat, LignePersonne, LigneStructure, Siege
from app.ui.annuaire.modeles import modele_mandats, modele_personnes, modele_structures
from app.ui.tableau_lignes import ROLE_ID, ROLE_TRI, FiltreLignes, ModeleLignes

STRUCTURES = (
    LigneStructure(1, "Zèbre solidaire", TypeStructure.ASSOCIATION, Partenariat.NOUVEAU, dt.date(2025, 6, 1), 9),
    LigneStructure(2, "Élan — centre social", TypeStructure.ASSOCIATION, None, None, 10),
    LigneStructure(3, "Eau vive", TypeStructure.CCAS_CIAS, Partenariat.EXISTANT, dt.date(2024, 12, 31), 0),
    LigneStructure(4, "abri de nuit", TypeStructure.SECURITE_SOCIALE, None, dt.date(2025, 1, 15), 2),
)


def _personne(
    identifiant: int, nom: str, prenom: str, *, structure: str = "", sieges: tuple[Siege, ...] = (), colleges=()
) -> LignePersonne:
    return LignePersonne(
        identifiant, nom, prenom, "", None, structure, f"{prenom.lower()}@exemple.fr", "", "",
        tuple(colleges), (), (), sieges,
    )  # fmt: skip


PERSONNES = (
    _personne(
        1,
        "Élie",
        "Zoé",
        structure="CCAS de Valence",
        sieges=(Siege(1, 1, EtatMandat.EN_COURS),),
        colleges=("Travailleurs sociaux",),
    ),
    _personne(2, "Ecker", "Yann", sieges=(Siege(2, 1, EtatMandat.TERMINE),)),
    _personne(3, "Dupont", "Émile", structure="Mission locale"),
)


def _mandat(identifiant: int, debut: dt.date, fin: dt.date | None, etat: EtatMandat) -> LigneMandat:
    return LigneMandat(
        identifiant, 1, 1, "Plénière", 1, "Élus", Qualite.SUPPLEANT, 7, "Anne Martin", Role.MEMBRE,
        Voix.DELIBERATIVE, debut, fin, MotifFinMandat.TERME if fin else None, etat, (),
    )  # fmt: skip


MANDATS = (
    _mandat(1, dt.date(2025, 1, 1), None, EtatMandat.EN_COURS),
    _mandat(2, dt.date(2023, 1, 1), dt.date(2024, 12, 31), EtatMandat.TERMINE),
    _mandat(3, dt.date(2024, 2, 1), dt.date(2026, 2, 1), EtatMandat.EN_COURS),
)


def _colonne(modele, proxy, colonne: int) -> list[str]:
    return [proxy.index(r, colonne).data() for r in range(proxy.rowCount())]


def test_chaque_modele_passe_les_controles_de_qt(qtmodeltester):
    for modele, lignes in (
        (modele_structures(), STRUCTURES),
        (modele_personnes(), PERSONNES),
        (modele_mandats(), MANDATS),
    ):
        qtmodeltester.check(modele)  # empty
        modele.definir(lignes)
        qtmodeltester.check(modele)
        proxy = FiltreLignes(modele)
        proxy.sort(0)
        proxy.definir_recherche("e")
        qtmodeltester.check(proxy)


def test_structures_affichees_et_triees_a_la_francaise():
    modele = modele_structures()
    modele.definir(STRUCTURES)
    assert modele.rowCount() == 4 and modele.columnCount() == 5
    assert [modele.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Nom", "Type", "Partenariat", "Lettre d'engagement", "Membres",
    ]  # fmt: skip
    deuxieme = [modele.index(1, c).data() for c in range(5)]
    assert deuxieme == ["Élan — centre social", "Association / fédération", "—", "—", "10"]
    assert modele.index(2, 4).data() == "—"  # no member
    assert modele.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) == "Lettre d'engagement du 1er juin 2025"
    assert modele.index(0, 0).data(ROLE_ID) == 1
    assert modele.index(0, 4).data(ROLE_TRI) == 9 and modele.index(0, 3).data(ROLE_TRI) == "2025-06-01"
    assert modele.index(1, 0).data(ROLE_TRI).startswith("elan ")  # no capital, no accent
    assert modele.index(0, 4).data(Qt.ItemDataRole.TextAlignmentRole) is not None

    proxy = FiltreLignes(modele)
    proxy.sort(0)
    assert _colonne(modele, proxy, 0) == ["abri de nuit", "Eau vive", "Élan — centre social", "Zèbre solidaire"]
    proxy.sort(4)  # as numbers: 9 before 10
    assert _colonne(modele, proxy, 4) == ["—", "2", "9", "10"]
    proxy.sort(3, Qt.SortOrder.DescendingOrder)  # as dates, not as « JJ/MM/AAAA » text
    assert _colonne(modele, proxy, 3) == ["01/06/2025", "15/01/2025", "31/12/2024", "—"]


def test_la_recherche_ignore_casse_et_accents_et_veut_chaque_mot():
    modele = modele_structures()
    modele.definir(STRUCTURES)
    proxy = FiltreLignes(modele)
    proxy.sort(0)
    proxy.definir_recherche("ELAN")
    assert _colonne(modele, proxy, 0) == ["Élan — centre social"]
    proxy.definir_recherche("securite")  # the type is searched too
    assert _colonne(modele, proxy, 0) == ["abri de nuit"]
    proxy.definir_recherche("  association   zebre ")
    assert _colonne(modele, proxy, 0) == ["Zèbre solidaire"]
    proxy.definir_recherche("zebre ccas")
    assert proxy.rowCount() == 0
    proxy.definir_recherche("")
    proxy.definir_condition(lambda s: s.type is TypeStructure.ASSOCIATION)
    assert _colonne(modele, proxy, 0) == ["Élan — centre social", "Zèbre solidaire"]
    assert proxy.identifiant(proxy.index(1, 3)) == 1
    assert proxy.identifiant(QModelIndex()) is None


def test_personnes_par_nom_a_la_francaise_et_anciens_membres_estompes():
    modele = modele_personnes()
    modele.definir(PERSONNES)
    proxy = FiltreLignes(modele)
    proxy.sort(0)
    assert _colonne(modele, proxy, 0) == ["Dupont", "Ecker", "Élie"]
    proxy.sort(1)
    assert _colonne(modele, proxy, 1) == ["Émile", "Yann", "Zoé"]
    assert modele.index(0, 4).data() == "Travailleurs sociaux"
    assert modele.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None  # no mandate in progress
    assert modele.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert modele.index(1, 4).data(Qt.ItemDataRole.ToolTipRole) == "Aucun mandat en cours"
    proxy.definir_recherche("emile mission")
    assert _colonne(modele, proxy, 0) == ["Dupont"]
    proxy.definir_recherche("zoe@")  # the e-mail address is searched too
    assert _colonne(modele, proxy, 0) == ["Élie"]


def test_historique_des_mandats_tri_par_dates():
    modele = modele_mandats()
    modele.definir(MANDATS)
    proxy = FiltreLignes(modele)
    debut, fin = 6, 7
    proxy.sort(debut)
    assert [proxy.index(r, 0).data(ROLE_ID) for r in range(3)] == [2, 3, 1]
    proxy.sort(fin)  # no end date sorts after every end
    assert _colonne(modele, proxy, fin) == ["31/12/2024", "01/02/2026", "—"]
    assert modele.index(0, 3).data() == "Anne Martin"
    assert modele.index(1, 8).data() == "Terme du mandat"
    assert modele.index(1, 9).data() == "Terminé"
    infobulle = modele.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Du 1er janvier 2023 au 31 décembre 2024 (terme du mandat)" in infobulle
    assert "Suppléant de Anne Martin" in infobulle


def test_ligne_retrouvee_par_identifiant_apres_rechargement():
    modele: ModeleLignes[LigneStructure] = modele_structures()
    modele.definir(STRUCTURES)
    assert modele.rang_de(3) == 2 and modele.rang_de(99) is None
    modele.definir(STRUCTURES[2:])
    assert modele.rang_de(3) == 0 and modele.ligne(0).nom == "Eau vive"
    assert not modele.index(5, 0).isValid() and modele.data(modele.index(5, 0)) is None


def test_un_courriel_efface_le_dit_et_l_infobulle_dit_quand():
    modele = modele_personnes()
    efface = _personne(1, "Martin", "Anne")
    modele.definir([dataclasses.replace(efface, courriel="", effacement="Personne effacée le 20 mai 2026")])
    colonne = [c.titre for c in modele.colonnes].index("Courriel")
    index = modele.index(0, colonne, QModelIndex())
    assert modele.data(index, Qt.ItemDataRole.DisplayRole) == "(effacé)"
    assert modele.data(index, Qt.ItemDataRole.ToolTipRole) == "Personne effacée le 20 mai 2026"
