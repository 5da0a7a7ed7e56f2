"""Who asked: kept apart, cleared on request, purged six months after the opinion was sent (or the referral
closed without one), never while the referral is being handled."""

from __future__ import annotations

import datetime as dt

import pytest

from app.db import BaseDeDonnees
from app.erreurs import ErreurConnue
from app.horloge import VARIABLE
from app.modeles.enumerations import StatutSaisine
from app.services import demandeurs, saisines
from app.services.demandeurs import Demandeur, enregistrer_demandeur, lire_demandeur, purger_demandeurs
from tests.services.fabrique import Fabrique

S = StatutSaisine
J = dt.date(2026, 3, 16)
RECUE_LE = dt.date(2026, 3, 2)
MME_DURAND = Demandeur("Mme Durand, assistante sociale", "d.durand@exemple.fr")


@pytest.fixture(autouse=True)
def _aujourdhui(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VARIABLE, J.isoformat())


def _avec_demandeur(base: BaseDeDonnees, statut: StatutSaisine, le: dt.date | None = None) -> int:
    """A referral taken up to `statut` (every step on `le`), with its requester recorded."""
    with base.session_scope() as s:
        f = Fabrique(s)
        id_ = f.saisine_enregistree(RECUE_LE)
        f.mener_saisine(id_, statut, le)
        enregistrer_demandeur(s, id_, MME_DURAND)
        return id_


def _purger(base: BaseDeDonnees, jour: dt.date) -> list[str]:
    with base.session_scope() as s:
        return purger_demandeurs(s, jour)


def _present(base: BaseDeDonnees, id_: int) -> bool:
    with base.session_scope() as s:
        return lire_demandeur(s, id_) is not None


# --- Recording -----------------------------------------------------------------------------------------


def test_lire_enregistrer_modifier_effacer(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        id_ = Fabrique(s).saisine_enregistree(RECUE_LE)
        assert lire_demandeur(s, id_) is None
        assert enregistrer_demandeur(s, id_, Demandeur("  Mme Durand ", " 06 12 34 56 78\n")) is None
    with base.session_scope() as s:
        assert lire_demandeur(s, id_) == Demandeur("Mme Durand", "06 12 34 56 78")
        avant = enregistrer_demandeur(s, id_, Demandeur("Mme Durand", "d.durand@exemple.fr"))
        assert avant == Demandeur("Mme Durand", "06 12 34 56 78")
    with base.session_scope() as s:
        assert lire_demandeur(s, id_) == Demandeur("Mme Durand", "d.durand@exemple.fr")
        assert enregistrer_demandeur(s, id_, Demandeur(" ", "\n")) == Demandeur("Mme Durand", "d.durand@exemple.fr")
    with base.session_scope() as s:
        assert lire_demandeur(s, id_) is None  # an empty requester clears the row
        assert enregistrer_demandeur(s, id_, Demandeur()) is None  # clearing nothing is harmless
        assert enregistrer_demandeur(s, id_, Demandeur(coordonnees="Par courrier")) is None
        assert lire_demandeur(s, id_) == Demandeur("", "Par courrier")


def test_demandeur_vide() -> None:
    assert Demandeur().vide
    assert Demandeur("  ", "\t").vide
    assert not Demandeur("Mme Durand").vide
    assert not Demandeur(coordonnees="06 12 34 56 78").vide


def test_pas_de_demandeur_pour_une_saisine_disparue(base: BaseDeDonnees) -> None:
    with base.session_scope() as s, pytest.raises(ErreurConnue, match="n'existe plus"):
        enregistrer_demandeur(s, 42, MME_DURAND)


def test_la_suppression_l_emporte_et_l_annulation_le_remet(base: BaseDeDonnees) -> None:
    id_ = _avec_demandeur(base, S.RECUE)
    with base.session_scope() as s:
        copie = saisines.supprimer_saisine(s, id_)
        assert copie.demandeur == MME_DURAND
    with base.session_scope() as s:
        assert lire_demandeur(s, id_) is None
        saisines.restaurer_saisine(s, copie)
    with base.session_scope() as s:
        assert lire_demandeur(s, id_) == MME_DURAND


# --- Purge ---------------------------------------------------------------------------------------------


def test_purge_six_mois_apres_la_transmission_pas_un_jour_avant(base: BaseDeDonnees) -> None:
    transmise = _avec_demandeur(base, S.TRANSMISE)  # opinion sent on J
    cloturee = _avec_demandeur(base, S.CLOTUREE)  # sent on J too, then closed
    with base.session_scope() as s:
        assert saisines.saisine(s, transmise).transmise_le == J
        numeros = [saisines.saisine(s, i).numero for i in (transmise, cloturee)]
    assert _purger(base, dt.date(2026, 9, 15)) == []
    assert _present(base, transmise) and _present(base, cloturee)
    assert _purger(base, dt.date(2026, 9, 16)) == numeros
    assert not _present(base, transmise) and not _present(base, cloturee)
    assert _purger(base, dt.date(2026, 9, 17)) == []  # nothing left to purge


def test_purge_apres_la_fin_d_un_mois_plus_court(base: BaseDeDonnees, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VARIABLE, "2026-08-31")
    id_ = _avec_demandeur(base, S.TRANSMISE)  # sent on 31 August: six months later is 28 February
    assert _purger(base, dt.date(2027, 2, 27)) == []
    assert _purger(base, dt.date(2027, 2, 28)) == ["SAI-2026-001"]
    assert not _present(base, id_)


@pytest.mark.parametrize("statut", [S.IRRECEVABLE, S.REORIENTEE], ids=lambda s: s.value)
def test_purge_six_mois_apres_la_decision_puis_la_cloture_sans_avis(base: BaseDeDonnees, statut: StatutSaisine) -> None:
    decidee = _avec_demandeur(base, statut, dt.date(2026, 3, 10))
    cloturee = _avec_demandeur(base, statut, dt.date(2026, 3, 10))
    with base.session_scope() as s:
        Fabrique(s).etape(cloturee, S.CLOTUREE, dt.date(2026, 3, 12))
    assert _purger(base, dt.date(2026, 9, 9)) == []
    assert _purger(base, dt.date(2026, 9, 10)) == ["SAI-2026-001"]  # six months after the decision
    assert _present(base, cloturee)
    assert _purger(base, dt.date(2026, 9, 11)) == []
    assert _purger(base, dt.date(2026, 9, 12)) == ["SAI-2026-002"]  # six months after the closing
    assert not _present(base, decidee) and not _present(base, cloturee)


EN_COURS = [S.RECUE, S.ACCUSEE, S.RECEVABLE, S.ANONYMISATION_VALIDEE, S.EN_INSTRUCTION, S.INSCRITE_ODJ, S.DEBATTUE]


def test_jamais_de_purge_pendant_l_instruction(base: BaseDeDonnees) -> None:
    ids = [_avec_demandeur(base, statut) for statut in [*EN_COURS, S.AVIS_ADOPTE]]
    assert _purger(base, dt.date(2040, 1, 1)) == []
    assert all(_present(base, id_) for id_ in ids)


def test_la_purge_rend_les_numeros_tries_et_ignore_les_saisines_sans_demandeur(base: BaseDeDonnees) -> None:
    premiere = _avec_demandeur(base, S.TRANSMISE)
    with base.session_scope() as s:
        Fabrique(s).saisine_au_statut(S.TRANSMISE, RECUE_LE)  # no requester recorded
    deuxieme = _avec_demandeur(base, S.IRRECEVABLE)
    with base.session_scope() as s:
        assert [saisines.saisine(s, i).numero for i in (premiere, deuxieme)] == ["SAI-2026-001", "SAI-2026-003"]
    assert _purger(base, dt.date(2027, 1, 1)) == ["SAI-2026-001", "SAI-2026-003"]


def test_date_de_purge(base: BaseDeDonnees) -> None:
    en_cours = _avec_demandeur(base, S.EN_INSTRUCTION)
    transmise = _avec_demandeur(base, S.TRANSMISE)
    with base.session_scope() as s:
        assert demandeurs.date_de_purge(saisines.saisine(s, en_cours)) is None
        assert demandeurs.date_de_purge(saisines.saisine(s, transmise)) == dt.date(2026, 9, 16)
        assert demandeurs.date_de_purge(saisines.saisine(s, transmise), mois=1) == dt.date(2026, 4, 16)
    with base.session_scope() as s:
        assert purger_demandeurs(s, dt.date(2026, 4, 16), mois=1) == ["SAI-2026-002"]
