"""What the Saisines page and the dashboard read: the register, the running clock of each referral and those past
it, one referral's detail, the meetings that can still take one; never the requester's identity."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from app.db import BaseDeDonnees
from app.horloge import VARIABLE
from app.modeles.enumerations import StatutSaisine, StatutSeance, ThemeEthique, TypeInstance
from app.services import demandeurs, saisines, saisines_workflow
from app.services.delais_saisine import PauseEstivale
from app.services.saisines_lecture import (
    Echeance,
    SaisineEnRetard,
    echeance_courante,
    lire_detail,
    lire_saisines,
    saisines_en_retard,
    seances_a_venir,
    texte_themes,
)
from tests.services.fabrique import Fabrique

S = StatutSaisine
T = ThemeEthique
J = dt.date(2026, 3, 16)
ETE = PauseEstivale((7, 14), (8, 31))


@pytest.fixture(autouse=True)
def _aujourdhui(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VARIABLE, J.isoformat())


def _jours(n: int) -> dt.date:
    return J + dt.timedelta(days=n)


def _retards(base: BaseDeDonnees, jour: dt.date) -> list[tuple[str, bool, dt.date, int]]:
    with base.session_scope() as s:
        return [(r.numero, r.accuse, r.echeance, r.jours_de_retard) for r in saisines_en_retard(s, jour)]


# --- The clock that runs ----------------------------------------------------------------------------------


def test_echeance_courante() -> None:
    recue, recevable = dt.date(2026, 3, 2), dt.date(2026, 3, 10)
    assert echeance_courante(S.RECUE, recue, None, None, None, ETE) == Echeance(True, dt.date(2026, 3, 9))
    assert echeance_courante(S.ACCUSEE, recue, recue, None, None, ETE) is None  # acknowledged, not decided yet
    avis = Echeance(False, dt.date(2026, 6, 8))
    for statut in (S.RECEVABLE, S.ANONYMISATION_VALIDEE, S.EN_INSTRUCTION, S.INSCRITE_ODJ, S.DEBATTUE, S.AVIS_ADOPTE):
        assert echeance_courante(statut, recue, recue, recevable, None, ETE) == avis
        moved = dt.date(2026, 7, 1)  # a due date moved by hand wins
        assert echeance_courante(statut, recue, recue, recevable, moved, ETE) == Echeance(False, moved)
    for statut in (S.IRRECEVABLE, S.REORIENTEE, S.TRANSMISE, S.CLOTUREE):
        assert echeance_courante(statut, recue, recue, recevable, dt.date(2026, 6, 8), ETE) is None
    assert Echeance(True, J).libelle == "Accusé de réception"
    assert Echeance(False, J).libelle == "Avis"
    assert (Echeance(False, J).retard(J), Echeance(False, J).retard(_jours(3))) == (0, 3)


def test_l_accuse_de_reception_est_en_retard_le_huitieme_jour_pas_le_septieme(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        f.saisine_enregistree(_jours(-7))  # SAI-2026-001: due today, still in time
        f.saisine_enregistree(_jours(-8))  # SAI-2026-002: due yesterday
        f.saisine_enregistree(_jours(-20))  # SAI-2026-003
        accusee = f.saisine_enregistree(_jours(-30))  # acknowledged: that clock has stopped
        f.etape(accusee, S.ACCUSEE, _jours(-29))
    assert _retards(base, J) == [
        ("SAI-2026-003", True, _jours(-13), 13),
        ("SAI-2026-002", True, _jours(-1), 1),
    ]
    assert _retards(base, _jours(-1)) == [("SAI-2026-003", True, _jours(-13), 12)]


def test_l_accuse_de_reception_saute_la_pause(base: BaseDeDonnees, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VARIABLE, "2026-07-10")
    with base.session_scope() as s:
        Fabrique(s).saisine_enregistree(dt.date(2026, 7, 10))  # 11–13 July, then 1–4 September
    assert _retards(base, dt.date(2026, 9, 4)) == []
    assert _retards(base, dt.date(2026, 9, 5)) == [("SAI-2026-001", True, dt.date(2026, 9, 4), 1)]


@pytest.mark.parametrize(
    ("pause", "echeance"),
    [(("07-14", "08-31"), dt.date(2026, 11, 17)), (("", ""), dt.date(2026, 9, 29))],
    ids=["avec-la-pause", "sans-pause"],
)
def test_l_avis_est_en_retard_apres_90_jours_comptes(
    base: BaseDeDonnees, monkeypatch: pytest.MonkeyPatch, pause: tuple[str, str], echeance: dt.date
) -> None:
    monkeypatch.setenv(VARIABLE, "2026-07-01")
    with base.session_scope() as s:
        f = Fabrique(s)
        f.pause(*pause)
        id_ = f.saisine_enregistree(dt.date(2026, 6, 29))
        f.mener_saisine(id_, S.EN_INSTRUCTION)  # admissible on 1 July
    assert _retards(base, echeance) == []
    assert _retards(base, echeance + dt.timedelta(days=1)) == [("SAI-2026-001", False, echeance, 1)]
    assert _retards(base, echeance + dt.timedelta(days=30)) == [("SAI-2026-001", False, echeance, 30)]


def test_une_echeance_deplacee_a_la_main_fait_foi(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        id_ = Fabrique(s).saisine_au_statut(S.EN_INSTRUCTION, _jours(-10))
        fiche = saisines.fiche_saisine(s, id_)
        assert fiche.echeance == _jours(90)
        saisines.modifier_saisine(s, replace(fiche, echeance=_jours(20)))
    assert _retards(base, _jours(20)) == []
    assert _retards(base, _jours(21)) == [("SAI-2026-001", False, _jours(20), 1)]


def test_plus_d_horloge_apres_la_transmission_ou_une_decision_sans_avis(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        ids = {statut: f.saisine_au_statut(statut, _jours(-10)) for statut in S}
        f.etape(ids[S.IRRECEVABLE], S.CLOTUREE)  # an irrecevable one, closed since
    loin = _jours(1000)
    with base.session_scope() as s:
        lignes = {ligne.id: ligne for ligne in lire_saisines(s, loin)}
    sans_horloge = {S.ACCUSEE, S.IRRECEVABLE, S.REORIENTEE, S.TRANSMISE, S.CLOTUREE}
    for statut, id_ in ids.items():
        ligne = lignes[id_]
        if statut in sans_horloge:
            assert (ligne.echeance, ligne.jours_de_retard) == (None, 0), statut
        elif statut is S.RECUE:
            assert ligne.echeance == Echeance(True, _jours(-3))
        else:
            assert ligne.echeance == Echeance(False, _jours(90)), statut
            assert ligne.jours_de_retard == 910
    en_retard = {r.saisine_id for r in _retards_objets(base, loin)}
    assert en_retard == {id_ for statut, id_ in ids.items() if statut not in sans_horloge}


def _retards_objets(base: BaseDeDonnees, jour: dt.date) -> tuple[SaisineEnRetard, ...]:
    with base.session_scope() as s:
        return saisines_en_retard(s, jour)


# --- The register ---------------------------------------------------------------------------------------


def test_le_registre_le_plus_recent_d_abord(base: BaseDeDonnees, monkeypatch: pytest.MonkeyPatch) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        anne, bruno = f.personne("Martin", "Anne"), f.personne("Petit", "Bruno")
        f.saisine_enregistree(dt.date(2026, 1, 5))
        ancienne = f.saisine_enregistree(dt.date(2025, 12, 30), themes=(T.NUMERIQUE, T.SECRET_PROFESSIONNEL))
        fiche = saisines.fiche_saisine(s, f.saisine_enregistree(dt.date(2026, 2, 1)))
        saisines.modifier_saisine(s, replace(fiche, rapporteurs=(bruno.id, anne.id)))
        f.mener_saisine(ancienne, S.RECEVABLE, dt.date(2026, 1, 2))
        saisines_workflow.escalader(s, ancienne, objet="Dossier", par="Paul Girard", le=dt.date(2026, 1, 3))
    with base.session_scope() as s:
        lignes = lire_saisines(s, J)
    assert [ligne.numero for ligne in lignes] == ["SAI-2026-002", "SAI-2026-001", "SAI-2025-001"]
    recente, _, vieille = lignes
    assert (recente.annee, recente.rang, recente.recue_le, recente.statut) == (2026, 2, dt.date(2026, 2, 1), S.RECUE)
    assert (recente.canal, recente.type_demandeur) == ("Courriel", "Travailleur social")
    assert recente.rapporteurs == "Bruno Petit, Anne Martin"
    assert recente.echeance == Echeance(True, dt.date(2026, 2, 8))
    assert recente.jours_de_retard == (J - dt.date(2026, 2, 8)).days
    assert vieille.themes == "Secret professionnel, Numérique"
    assert vieille.escaladee_hcts_le == dt.date(2026, 1, 3)
    assert vieille.echeance == Echeance(False, dt.date(2026, 4, 2))
    assert vieille.jours_de_retard == 0


def test_texte_themes() -> None:
    assert texte_themes([]) == ""
    assert texte_themes([T.AUTRE, T.PARTAGE_INFORMATIONS]) == "Partage d'informations, Autre"


def test_le_registre_et_le_detail_ne_disent_rien_du_demandeur(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        id_ = Fabrique(s).saisine_au_statut(S.EN_INSTRUCTION)
        demandeurs.enregistrer_demandeur(s, id_, demandeurs.Demandeur("Zéphyrine Quelconque", "zq@exemple.fr"))
    with base.session_scope() as s:
        lu = repr(lire_saisines(s, J)) + repr(lire_detail(s, id_)) + repr(saisines_en_retard(s, _jours(200)))
    assert "Zéphyrine" not in lu and "Quelconque" not in lu and "zq@exemple.fr" not in lu


# --- One referral's detail -------------------------------------------------------------------------------


def test_le_detail_d_une_saisine_menee_jusqu_a_l_avis(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        id_ = Fabrique(s).saisine_au_statut(S.AVIS_ADOPTE, _jours(-10))
        envoi = saisines_workflow.escalader(s, id_, objet="Question transmise", par="Paul Girard", document="a.pdf")
        saisines_workflow.enregistrer_reponse_hcts(s, envoi, "Réponse reçue")
    with base.session_scope() as s:
        detail = lire_detail(s, id_)
    assert (detail.numero, detail.statut, detail.enregistree_par) == ("SAI-2026-001", S.AVIS_ADOPTE, "Claire Martin")
    assert (detail.accusee_le, detail.recevable_le, detail.transmise_le) == (J, J, None)
    assert (detail.anonymisation_validee_par, detail.anonymisation_validee_le) == ("Paul Girard", J)
    assert detail.echeance_accuse == _jours(-3)
    assert detail.echeance == Echeance(False, _jours(90))
    assert detail.pause == ETE
    assert detail.transitions == (S.TRANSMISE,)
    assert not detail.texte_modifiable
    assert detail.refus_escalade is None
    assert [(e.de, e.vers) for e in detail.historique] == [
        (None, S.RECUE),
        (S.RECUE, S.ACCUSEE),
        (S.ACCUSEE, S.RECEVABLE),
        (S.RECEVABLE, S.ANONYMISATION_VALIDEE),
        (S.ANONYMISATION_VALIDEE, S.EN_INSTRUCTION),
        (S.EN_INSTRUCTION, S.INSCRITE_ODJ),
        (S.INSCRITE_ODJ, S.DEBATTUE),
        (S.DEBATTUE, S.AVIS_ADOPTE),
    ]
    assert detail.historique[0].le == _jours(-10) and all(e.le == J for e in detail.historique[1:])
    assert [(e.objet, e.document, e.par, e.reponse, e.le) for e in detail.envois] == [
        ("Question transmise", "a.pdf", "Paul Girard", "Réponse reçue", J)
    ]
    (passage,) = detail.seances
    assert (passage.reference, passage.date, passage.statut, passage.point) == (
        "ETH-2026-01",
        J,
        StatutSeance.TENUE,
        "Examen de la saisine SAI-2026-001",
    )
    (avis,) = detail.avis
    assert (avis.numero, avis.titre, avis.statut) == ("REC-2026-001", "Avis du comité", "Adoptée")


def test_le_detail_d_une_saisine_qui_vient_d_arriver(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        id_ = Fabrique(s).saisine_enregistree(_jours(-2))
        detail = lire_detail(s, id_)
    assert detail.texte_modifiable
    assert detail.transitions == (S.ACCUSEE,)
    assert detail.echeance == Echeance(True, _jours(5))
    assert (
        detail.refus_escalade
        == "SAI-2026-001 n'est pas recevable : elle ne peut pas être transmise à la commission du HCTS."
    )
    assert detail.envois == detail.seances == detail.avis == ()
    assert detail.fiche.id == id_


# --- Meetings that can still take a referral --------------------------------------------------------------


def test_les_seances_a_venir_instance_ethique_d_abord(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        pleniere = f.instance("Assemblée plénière", TypeInstance.PLENIERE)
        pl = f.seance(pleniere, _jours(3), statut=StatutSeance.CONVOQUEE, reference="PL-2026-01")
        eth_loin = f.seance_ethique(_jours(30), StatutSeance.PLANIFIEE)
        eth_proche = f.seance_ethique(_jours(10), StatutSeance.CONVOQUEE)
        f.seance_ethique(_jours(5), StatutSeance.ANNULEE)
        f.seance_ethique(_jours(-1), StatutSeance.PLANIFIEE)  # in the past
        f.seance_ethique(J, StatutSeance.TENUE)
        aujourd_hui = f.seance_ethique(J, StatutSeance.PLANIFIEE)
        assert [i for i, _ in seances_a_venir(s, J)] == [aujourd_hui.id, eth_proche.id, eth_loin.id, pl.id]
        assert dict(seances_a_venir(s, J))[pl.id] == "PL-2026-01 — Assemblée plénière, 19 mars 2026"
