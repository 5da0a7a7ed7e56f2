"""The two clocks of a referral (CONCEPTION §2): acknowledgement 7 days after receipt, opinion 90 days after
admissibility, the days of the committee's summer pause not counted."""

from __future__ import annotations

import datetime as dt
import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.db import BaseDeDonnees
from app.horloge import VARIABLE
from app.services import delais_saisine
from app.services.delais_saisine import (
    PauseEstivale,
    PauseInvalide,
    echeance,
    echeance_accuse,
    echeance_avis,
    jours_de_retard,
    lire_jour_mois,
    pause_de,
    pause_du_comite,
)
from app.services.saisines_lecture import lire_saisines
from tests.services.fabrique import Fabrique

ETE = PauseEstivale((7, 14), (8, 31))
HIVER = PauseEstivale((12, 24), (1, 2))  # across the new year


def j(annee: int, mois: int, jour: int) -> dt.date:
    return dt.date(annee, mois, jour)


# --- echeance ---------------------------------------------------------------------------------------------


def test_sans_pause_les_jours_se_comptent_au_calendrier() -> None:
    assert echeance(j(2026, 3, 2), 7, None) == j(2026, 3, 9)
    assert echeance_accuse(j(2026, 3, 2), None) == j(2026, 3, 9)
    assert echeance_avis(j(2026, 3, 2), None) == j(2026, 5, 31)
    assert echeance(j(2026, 3, 2), 0, ETE) == j(2026, 3, 2)


def test_une_pause_qui_ne_croise_pas_le_delai_ne_change_rien() -> None:
    assert echeance_accuse(j(2026, 3, 2), ETE) == j(2026, 3, 9)
    assert echeance_avis(j(2026, 3, 2), ETE) == echeance_avis(j(2026, 3, 2), None) == j(2026, 5, 31)


def test_recevable_le_1er_juillet_les_90_jours_sautent_la_pause_du_14_juillet_au_31_aout() -> None:
    # 2–13 July: 12 days; 14 July – 31 August skipped (49 days); September 30, October 31, then 17 November.
    assert echeance_avis(j(2026, 7, 1), None) == j(2026, 9, 29)
    assert echeance_avis(j(2026, 7, 1), ETE) == j(2026, 11, 17) == j(2026, 9, 29) + dt.timedelta(days=49)


def test_les_bornes_de_la_pause_sont_incluses() -> None:
    assert echeance(j(2026, 7, 12), 1, ETE) == j(2026, 7, 13)  # the day before the pause still counts
    assert echeance(j(2026, 7, 13), 1, ETE) == j(2026, 9, 1)  # 14 July to 31 August do not
    assert echeance(j(2026, 8, 31), 1, ETE) == j(2026, 9, 1)


def test_une_horloge_partie_pendant_la_pause_court_a_partir_de_sa_fin() -> None:
    assert echeance_accuse(j(2026, 7, 20), ETE) == j(2026, 9, 7)
    assert echeance_accuse(j(2026, 7, 14), ETE) == echeance_accuse(j(2026, 8, 31), ETE) == j(2026, 9, 7)
    assert echeance_avis(j(2026, 8, 1), ETE) == echeance(j(2026, 8, 31), 90, None) == j(2026, 11, 29)


def test_une_pause_a_cheval_sur_le_nouvel_an() -> None:
    assert HIVER.contient(j(2026, 12, 24)) and HIVER.contient(j(2027, 1, 2)) and HIVER.contient(j(2026, 12, 31))
    assert not HIVER.contient(j(2026, 12, 23)) and not HIVER.contient(j(2027, 1, 3))
    assert not HIVER.contient(j(2026, 7, 20))
    # 21, 22, 23 December count; 24 December – 2 January do not; 3 to 6 January make the seven days.
    assert echeance_accuse(j(2026, 12, 20), HIVER) == j(2027, 1, 6)
    assert echeance_accuse(j(2026, 12, 28), HIVER) == j(2027, 1, 9)


def test_contient_une_pause_dans_l_annee() -> None:
    assert ETE.contient(j(2026, 7, 14)) and ETE.contient(j(2026, 8, 31)) and ETE.contient(j(2026, 8, 1))
    assert not ETE.contient(j(2026, 7, 13)) and not ETE.contient(j(2026, 9, 1)) and not ETE.contient(j(2026, 1, 1))


def test_libelle_de_la_pause() -> None:
    assert ETE.libelle() == "du 14 juillet au 31 août"
    assert PauseEstivale((8, 1), (8, 31)).libelle() == "du 1er août au 31 août"


def test_jours_de_retard() -> None:
    assert jours_de_retard(j(2026, 3, 9), j(2026, 3, 8)) == 0
    assert jours_de_retard(j(2026, 3, 9), j(2026, 3, 9)) == 0  # the due day is still in time
    assert jours_de_retard(j(2026, 3, 9), j(2026, 3, 10)) == 1
    assert jours_de_retard(j(2026, 3, 9), j(2026, 4, 9)) == 31


pauses = st.one_of(
    st.none(),
    st.tuples(st.dates(j(2000, 1, 1), j(2000, 12, 31)), st.dates(j(2000, 1, 1), j(2000, 12, 31))).map(
        lambda bornes: PauseEstivale((bornes[0].month, bornes[0].day), (bornes[1].month, bornes[1].day))
    ),
)


@given(depart=st.dates(j(2020, 1, 1), j(2035, 12, 31)), jours=st.integers(0, 120), pause=pauses)
def test_l_echeance_compte_exactement_les_jours_hors_pause(
    depart: dt.date, jours: int, pause: PauseEstivale | None
) -> None:
    if pause is not None and pause.debut == (1, 1) and pause.fin == (12, 31):
        return  # a pause all year long: no clock could ever run out
    fin = echeance(depart, jours, pause)
    intervalle = [depart + dt.timedelta(days=n) for n in range(1, (fin - depart).days + 1)]
    comptes = [jour for jour in intervalle if pause is None or not pause.contient(jour)]
    assert len(comptes) == jours
    if jours:
        assert comptes[-1] == fin  # the due day is itself a counted day
    else:
        assert fin == depart


# --- lire_jour_mois, pause_de ------------------------------------------------------------------------


@pytest.mark.parametrize("texte", ["14/07", "07-14", " 14/07 ", "14/7", "7-14"])
def test_lire_jour_mois_accepte_les_deux_ecritures(texte: str) -> None:
    assert lire_jour_mois(texte, "Début") == (7, 14)


def test_lire_jour_mois_accepte_le_29_fevrier() -> None:
    assert lire_jour_mois("29/02", "Début") == (2, 29)


@pytest.mark.parametrize("texte", ["31/02", "02-31", "32/01", "00/05", "14/13", "abc", "", "14.07", "1/2/3", "14/"])
def test_lire_jour_mois_refuse_ce_qui_n_est_pas_un_jour_en_francais(texte: str) -> None:
    with pytest.raises(PauseInvalide) as erreur:
        lire_jour_mois(texte, "Fin de la pause estivale")
    assert str(erreur.value) == (
        f"Fin de la pause estivale : « {texte} » n'est pas un jour de l'année (JJ/MM, par exemple 14/07)."
    )


@given(jour=st.dates(j(2000, 1, 1), j(2000, 12, 31)))
def test_lire_jour_mois_relit_tout_jour_de_l_annee(jour: dt.date) -> None:
    attendu = (jour.month, jour.day)
    assert lire_jour_mois(f"{jour:%d/%m}", "Début") == attendu
    assert lire_jour_mois(f"{jour:%m-%d}", "Début") == attendu


def test_pause_de() -> None:
    assert pause_de("07-14", "08-31") == ETE
    assert pause_de("14/07", "31/08") == ETE
    assert pause_de("", "") is None
    assert pause_de("  ", " ") is None
    with pytest.raises(PauseInvalide, match=r"Début de la pause estivale : « 31/02 »"):
        pause_de("31/02", "08-31")
    with pytest.raises(PauseInvalide, match=r"Fin de la pause estivale : «  » n.est pas"):
        pause_de("07-14", "")


# --- pause_du_comite ---------------------------------------------------------------------------------


def test_sans_ligne_comite_la_pause_par_defaut(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        assert pause_du_comite(s) == ETE
    assert delais_saisine.PAUSE_PAR_DEFAUT == ("07-14", "08-31")


def test_la_ligne_comite_donne_la_pause_par_defaut_puis_la_sienne(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        Fabrique(s).comite()
    with base.session_scope() as s:
        assert pause_du_comite(s) == ETE  # the column defaults
    with base.session_scope() as s:
        Fabrique(s).pause("12-24", "01-02")
    with base.session_scope() as s:
        assert pause_du_comite(s) == HIVER


def test_une_pause_vide_arrete_aucune_horloge(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        Fabrique(s).pause("", "")
    with base.session_scope() as s:
        assert pause_du_comite(s) is None


def test_une_pause_illisible_en_base_retombe_sur_la_pause_par_defaut(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        Fabrique(s).pause("31-31", "08-31")
    with base.session_scope() as s:
        assert pause_du_comite(s) == ETE


@contextmanager
def _au_plus(secondes: float) -> Iterator[None]:
    """Interrupt the block with TimeoutError after `secondes` (SIGALRM: Unix only)."""

    def interrompre(_signal: int, _pile: object) -> None:
        raise TimeoutError(f"plus de {secondes} s")

    ancien = signal.signal(signal.SIGALRM, interrompre)
    signal.setitimer(signal.ITIMER_REAL, secondes)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, ancien)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="SIGALRM needed to bound the computation")
@pytest.mark.parametrize("pause", [("01-01", "12-31"), ("08-01", "07-31")], ids=["calendaire", "a-cheval"])
def test_une_pause_de_toute_l_annee_ne_fait_pas_tomber_le_registre(
    base: BaseDeDonnees, monkeypatch: pytest.MonkeyPatch, pause: tuple[str, str]
) -> None:
    monkeypatch.setenv(VARIABLE, "2026-03-16")
    with base.session_scope() as s:
        f = Fabrique(s)
        f.pause(*pause)  # written straight: the committee's form refuses it now
        f.saisine_enregistree(j(2026, 3, 2))
    with _au_plus(0.5), base.session_scope() as s:
        # Once, every day of such a pause was skipped: echeance walked to year 9999 and raised OverflowError.
        assert pause_du_comite(s) == ETE  # an unusable pause read from the base: the default one
        (ligne,) = lire_saisines(s, j(2026, 3, 16))
    assert ligne.numero == "SAI-2026-001"
    assert ligne.echeance is not None and ligne.echeance.le == j(2026, 3, 9)


def test_une_pause_de_plus_de_trois_mois_est_refusee() -> None:
    assert delais_saisine.PAUSE_MAX_JOURS == 92
    assert pause_de("06-01", "08-31") == PauseEstivale((6, 1), (8, 31))  # 92 days
    with pytest.raises(PauseInvalide, match=r"du 31 mai au 31 août dure 93 jours : elle ne peut pas dépasser 92 jours"):
        pause_de("31/05", "31/08")
    with pytest.raises(PauseInvalide, match="dure 365 jours"):
        pause_de("01/01", "31/12")
    assert pause_de("12-01", "02-28") == PauseEstivale((12, 1), (2, 28))  # across the new year: 90 days
