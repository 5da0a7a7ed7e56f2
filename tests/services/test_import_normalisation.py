"""Loose matching of what people type (normaliser, enum_depuis_texte) and the cell readers of the import."""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.modeles import enumerations
from app.modeles.enumerations import EtatPresence, Qualite, Role, StatutSeance, TypeInstance, TypeStructure, Voix
from app.services.import_cellules import (
    ValeurInvalide,
    en_booleen,
    en_date,
    en_fraction,
    en_heure,
    en_nombre_de_jours,
)
from app.services.normalisation import enum_depuis_texte, normaliser

SEPARATEURS = [" ", "_", "-", "’", "'", "  ", "\u00a0", "\t"]
ACCENTS = {"é": "e", "è": "e", "ê": "e", "à": "a", "â": "a", "ç": "c", "ô": "o", "î": "i", "ï": "i", "ù": "u"}
mots_francais = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèêàâçôîïù", min_size=1, max_size=8)


@settings(max_examples=200)
@given(st.text())
def test_normaliser_est_idempotent(texte: str) -> None:
    assert normaliser(normaliser(texte)) == normaliser(texte)


@settings(max_examples=200)
@given(st.text())
def test_normaliser_ne_laisse_ni_accent_ni_majuscule_ni_espace_au_bord(texte: str) -> None:
    cle = normaliser(texte)
    assert cle == cle.strip() and "  " not in cle
    assert not any(unicodedata.combining(c) for c in cle)
    assert cle == cle.casefold()


@given(st.lists(mots_francais, min_size=1, max_size=5), st.data())
def test_accents_casse_et_separateurs_ne_comptent_pas(mots: list[str], donnees: st.DataObject) -> None:
    separateurs = [donnees.draw(st.sampled_from(SEPARATEURS)) for _ in mots]
    ecrit = "".join(m + s for m, s in zip(mots, separateurs, strict=True))
    ecrit = donnees.draw(st.sampled_from(["", " ", "  "])) + ecrit
    casse = "".join(c.upper() if donnees.draw(st.booleans()) else c for c in ecrit)
    sans_accents = "".join(ACCENTS.get(c, c) for c in " ".join(mots))
    assert normaliser(casse) == normaliser(sans_accents) == sans_accents


def test_exemples_du_contrat() -> None:
    assert normaliser("  Délai_de  convocation ") == "delai de convocation"
    assert normaliser("Lettre d’engagement") == normaliser("lettre d'engagement") == "lettre d engagement"
    assert normaliser("VICE-PRÉSIDENT") == "vice president"
    assert normaliser("Œuvre") == "oeuvre"


def _enumerations() -> list[type[enum.Enum]]:
    return [
        valeur
        for valeur in vars(enumerations).values()
        if isinstance(valeur, type) and issubclass(valeur, enumerations.EnumLibelle) and list(valeur)
    ]


@pytest.mark.parametrize("classe", _enumerations(), ids=lambda c: c.__name__)
def test_chaque_membre_se_lit_par_son_code_ou_son_libelle(classe: type[enum.Enum]) -> None:
    for membre in classe:
        assert enum_depuis_texte(classe, membre.value) is membre
        libelle = getattr(membre, "libelle")  # noqa: B009 - every EnumLibelle member has one
        assert enum_depuis_texte(classe, libelle) is membre
        assert enum_depuis_texte(classe, f"  {libelle.upper()} ") is membre


@pytest.mark.parametrize(
    ("classe", "texte", "attendu"),
    [
        (TypeInstance, "plénière", TypeInstance.PLENIERE),
        (TypeInstance, "pleniere", TypeInstance.PLENIERE),
        (StatutSeance, "clôturée", StatutSeance.CLOTUREE),
        (Qualite, "suppléant", Qualite.SUPPLEANT),
        (Qualite, "Suppléante", Qualite.SUPPLEANT),
        (Voix, "délibérative", Voix.DELIBERATIVE),
        (Role, "vice-président", Role.VICE_PRESIDENT),
        (Role, "Vice-présidente", Role.VICE_PRESIDENT),
        (Role, "invité permanent", Role.INVITE_PERMANENT),
        (Role, "invite_permanent", Role.INVITE_PERMANENT),
        (EtatPresence, "représentée", EtatPresence.REPRESENTE),
        (EtatPresence, "Excusée", EtatPresence.EXCUSE),
        (TypeStructure, "CCAS/CIAS", TypeStructure.CCAS_CIAS),
        (TypeStructure, "association/fédération", TypeStructure.ASSOCIATION),
        (EtatPresence, "en retard", None),
        (EtatPresence, "", None),
        (Qualite, "membre", None),
    ],
)
def test_variantes_acceptees_et_refusees(classe: type[enum.Enum], texte: str, attendu: enum.Enum | None) -> None:
    assert enum_depuis_texte(classe, texte) is attendu


def test_dates() -> None:
    assert en_date("01/09/2025") == dt.date(2025, 9, 1)
    assert en_date("1/9/2025") == dt.date(2025, 9, 1)
    assert en_date(dt.datetime(2025, 9, 1, 0, 0)) == dt.date(2025, 9, 1)
    assert en_date(None) is None and en_date("  ") is None
    assert en_date("29/02/2024") == dt.date(2024, 2, 29)
    for faux in ("31/02/2026", "29/02/2025", "2025-09-01", "demain", 45000, "00/01/2025"):
        with pytest.raises(ValeurInvalide, match="attendu JJ/MM/AAAA"):
            en_date(faux)


def test_heures() -> None:
    assert en_heure("14:30") == en_heure("14h30") == en_heure(dt.time(14, 30, 12)) == dt.time(14, 30)
    assert en_heure("9h") == dt.time(9, 0)
    assert en_heure(dt.datetime(2026, 1, 1, 9, 15)) == dt.time(9, 15)
    for faux in ("25:00", "12:60", "midi", "1430", dt.date(2026, 1, 1)):
        with pytest.raises(ValeurInvalide, match="attendu HH:MM"):
            en_heure(faux)


def test_quorum_oui_non_et_delai() -> None:
    assert en_fraction("1/2") == (1, 2) and en_fraction(" 2 / 3 ") == (2, 3) and en_fraction(0.5) == (1, 2)
    assert en_fraction(2 / 3) == (2, 3) and en_fraction(1) == (1, 1)
    for faux in ("3/2", "1/0", "moitié", 1.5, "50 %"):
        with pytest.raises(ValeurInvalide, match="quorum invalide"):
            en_fraction(faux)
    assert en_booleen("Oui") is True and en_booleen("NON") is False and en_booleen(True) is True
    with pytest.raises(ValeurInvalide, match="oui ou non"):
        en_booleen("peut-être")
    assert en_nombre_de_jours(5) == en_nombre_de_jours("5") == en_nombre_de_jours("5 jours") == 5
    assert en_nombre_de_jours(5.0) == 5
    for faux in (-1, 2.5, "cinq"):
        with pytest.raises(ValeurInvalide, match="nombre de jours"):
            en_nombre_de_jours(faux)
