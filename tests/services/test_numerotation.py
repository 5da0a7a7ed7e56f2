"""Numbers `SAI-AAAA-NNN` and `REC-AAAA-NNN`: per year, sequential, never given twice (not even after a
deletion), given back with the record on undo."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import BaseDeDonnees
from app.horloge import VARIABLE
from app.modeles import Numerotation, Recommandation, Saisine
from app.modeles.enumerations import NatureRecommandation
from app.services import numerotation, recommandations, saisines
from app.services.recommandations import FicheRecommandation
from tests.services.fabrique import Fabrique

AUJOURDHUI = dt.date(2026, 12, 31)
ANNEES = (2024, 2025, 2026)


@pytest.fixture(autouse=True)
def _aujourdhui(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VARIABLE, AUJOURDHUI.isoformat())


def _enregistrer(s: Session, annee: int) -> tuple[int, str]:
    id_ = Fabrique(s).saisine_enregistree(dt.date(annee, 3, 1))
    return id_, saisines.saisine(s, id_).numero


def _numeros(s: Session) -> list[str]:
    return list(s.scalars(select(Saisine.numero).order_by(Saisine.numero)))


def _creer_recommandation(s: Session) -> tuple[int, str]:
    id_ = recommandations.creer_recommandation(s, FicheRecommandation(0, NatureRecommandation.AVIS, "Avis"), "Anne")
    return id_, recommandations.recommandation(s, id_).numero


def test_formater() -> None:
    assert numerotation.formater("SAI", 2026, 7) == "SAI-2026-007"
    assert numerotation.formater("REC", 2025, 42) == "REC-2025-042"
    assert numerotation.formater("SAI", 2026, 1000) == "SAI-2026-1000"


def test_une_numerotation_par_annee_de_reception(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        numeros = [_enregistrer(s, annee)[1] for annee in (2026, 2025, 2026, 2026, 2024)]
    assert numeros == ["SAI-2026-001", "SAI-2025-001", "SAI-2026-002", "SAI-2026-003", "SAI-2024-001"]
    with base.session_scope() as s:
        compteurs = {(c.serie, c.annee): c.dernier for c in s.scalars(select(Numerotation))}
        assert compteurs == {("SAI", 2024): 1, ("SAI", 2025): 1, ("SAI", 2026): 3}
        ligne = s.scalar(select(Saisine).where(Saisine.numero == "SAI-2026-002"))
        assert (ligne.annee, ligne.rang) == (2026, 2)


def test_le_dernier_numero_supprime_n_est_pas_redonne(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        _enregistrer(s, 2026)
        deuxieme, _ = _enregistrer(s, 2026)
    with base.session_scope() as s:
        saisines.supprimer_saisine(s, deuxieme)
    with base.session_scope() as s:
        assert _enregistrer(s, 2026)[1] == "SAI-2026-003"
        assert _numeros(s) == ["SAI-2026-001", "SAI-2026-003"]


def test_un_numero_supprime_au_milieu_n_est_pas_redonne(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        ids = [_enregistrer(s, 2026)[0] for _ in range(3)]
        saisines.supprimer_saisine(s, ids[1])
    with base.session_scope() as s:
        assert _enregistrer(s, 2026)[1] == "SAI-2026-004"
        assert _numeros(s) == ["SAI-2026-001", "SAI-2026-003", "SAI-2026-004"]


def test_annuler_une_suppression_rend_le_meme_id_et_le_meme_numero(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        _enregistrer(s, 2026)
        id_, numero = _enregistrer(s, 2026)
    with base.session_scope() as s:
        copie = saisines.supprimer_saisine(s, id_)
    with base.session_scope() as s:
        assert s.get(Saisine, id_) is None
        assert saisines.restaurer_saisine(s, copie) == id_
    with base.session_scope() as s:
        assert saisines.saisine(s, id_).numero == numero == "SAI-2026-002"
        assert _enregistrer(s, 2026)[1] == "SAI-2026-003"
        assert _numeros(s) == ["SAI-2026-001", "SAI-2026-002", "SAI-2026-003"]


def test_des_lignes_ecrites_sans_compteur_ne_sont_pas_renumerotees(base: BaseDeDonnees) -> None:
    """An older base (import, demo) whose rows have no counter yet: the next number follows the table's maximum."""
    with base.session_scope() as s:
        f = Fabrique(s)
        f.saisine(dt.date(2026, 1, 5))
        f.saisine(dt.date(2026, 1, 6))
        f.recommandation(annee=2026)
    with base.session_scope() as s:
        assert _enregistrer(s, 2026)[1] == "SAI-2026-003"
        assert _enregistrer(s, 2025)[1] == "SAI-2025-001"
        assert _creer_recommandation(s)[1] == "REC-2026-002"


def test_le_compteur_prime_sur_le_maximum_de_la_table(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        s.add(Numerotation(serie="SAI", annee=2026, dernier=41))
        Fabrique(s).saisine(dt.date(2026, 1, 5))
    with base.session_scope() as s:
        assert _enregistrer(s, 2026)[1] == "SAI-2026-042"
        assert s.get(Numerotation, ("SAI", 2026)).dernier == 42


def test_recommandations_numerotees_dans_l_annee_du_jour(base: BaseDeDonnees, monkeypatch: pytest.MonkeyPatch) -> None:
    with base.session_scope() as s:
        _, premiere = _creer_recommandation(s)
        deuxieme_id, deuxieme = _creer_recommandation(s)
        _enregistrer(s, 2026)  # the referrals' series is another series
    assert (premiere, deuxieme) == ("REC-2026-001", "REC-2026-002")
    with base.session_scope() as s:
        recommandations.supprimer_recommandation(s, deuxieme_id)
    with base.session_scope() as s:
        assert _creer_recommandation(s)[1] == "REC-2026-003"
    monkeypatch.setenv(VARIABLE, "2027-01-02")
    with base.session_scope() as s:
        id_, numero = _creer_recommandation(s)
        assert numero == "REC-2027-001"
        r = recommandations.recommandation(s, id_)
        assert (r.annee, r.rang) == (2027, 1)
        assert s.get(Numerotation, ("REC", 2026)).dernier == 3


# --- Properties: whatever the sequence of registrations and deletions ------------------------------------


operations = st.lists(
    st.one_of(
        st.tuples(st.just("enregistrer"), st.sampled_from(ANNEES)),
        st.tuples(st.just("supprimer"), st.integers(0, 30)),
    ),
    max_size=14,
)


@contextmanager
def _session_jetable(base: BaseDeDonnees) -> Iterator[Session]:
    """One example's session, rolled back at the end: every example starts from the empty base."""
    session = base.fabrique()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


def _verifier_sequence(donnes: dict[int, list[str]], serie: str, numeros_donnes: list[str]) -> None:
    assert len(set(numeros_donnes)) == len(numeros_donnes)  # never twice
    for annee, numeros in donnes.items():
        assert numeros == [numerotation.formater(serie, annee, rang) for rang in range(1, len(numeros) + 1)]


@settings(max_examples=40, deadline=None)
@given(ops=operations)
def test_propriete_numeros_de_saisines_uniques_et_sans_trou(base: BaseDeDonnees, ops: list[tuple[str, int]]) -> None:
    with _session_jetable(base) as s:
        donnes: dict[int, list[str]] = defaultdict(list)
        numeros_donnes: list[str] = []
        existantes: list[int] = []
        for sorte, valeur in ops:
            if sorte == "enregistrer":
                id_, numero = _enregistrer(s, valeur)
                donnes[valeur].append(numero)
                numeros_donnes.append(numero)
                existantes.append(id_)
            elif existantes:
                saisines.supprimer_saisine(s, existantes.pop(valeur % len(existantes)))
        _verifier_sequence(donnes, "SAI", numeros_donnes)
        restantes = {saisines.saisine(s, i).numero for i in existantes}
        assert set(_numeros(s)) == restantes
        compteurs = {c.annee: c.dernier for c in s.scalars(select(Numerotation).where(Numerotation.serie == "SAI"))}
        assert compteurs == {annee: len(numeros) for annee, numeros in donnes.items()}


@settings(max_examples=40, deadline=None)
@given(ops=operations)
def test_propriete_numeros_de_recommandations_uniques_et_sans_trou(
    base: BaseDeDonnees, ops: list[tuple[str, int]]
) -> None:
    with _session_jetable(base) as s, pytest.MonkeyPatch.context() as mp:
        donnes: dict[int, list[str]] = defaultdict(list)
        numeros_donnes: list[str] = []
        existantes: list[int] = []
        for sorte, valeur in ops:
            if sorte == "enregistrer":
                mp.setenv(VARIABLE, f"{valeur}-06-15")  # a recommendation is numbered in the current year
                id_, numero = _creer_recommandation(s)
                donnes[valeur].append(numero)
                numeros_donnes.append(numero)
                existantes.append(id_)
            elif existantes:
                recommandations.supprimer_recommandation(s, existantes.pop(valeur % len(existantes)))
        _verifier_sequence(donnes, "REC", numeros_donnes)
        restantes = {recommandations.recommandation(s, i).numero for i in existantes}
        assert set(s.scalars(select(Recommandation.numero))) == restantes
