"""The annotated referral corpus (tests/corpus/anonymat/): recall, false alarms and decoy hits of `detecter`.

`evaluer` is also what `benchmarks/anonymat.py` reports, overall, per type and on the control part.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from app.services.anonymat import TYPES, Constat, detecter

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "anonymat" / "corpus.json"
Detecteur = Callable[[str, Iterable[tuple[str, str]]], Sequence[Constat]]


@dataclass(frozen=True)
class Repere:
    """A planted identifier (`genre` is its type) or a decoy (`genre` is its family), located in its text."""

    debut: int
    fin: int
    genre: str


@cache
def charger_corpus() -> dict[str, Any]:
    donnees: dict[str, Any] = json.loads(CORPUS.read_text(encoding="utf-8"))
    return donnees


def annuaire() -> list[tuple[str, str]]:
    return [(prenom, nom) for prenom, nom in charger_corpus()["annuaire"]]


def situer(texte: str, entrees: list[dict[str, Any]], cle: str) -> list[Repere]:
    reperes = []
    for entree in entrees:
        extrait, rang = entree["extrait"], entree.get("occurrence", 0)
        debut = -1
        for _ in range(rang + 1):
            debut = texte.index(extrait, debut + 1)
        reperes.append(Repere(debut, debut + len(extrait), entree[cle]))
    return reperes


def _chevauche(debut: int, fin: int, repere: Repere) -> bool:
    return debut < repere.fin and repere.debut < fin


def _taux(numerateur: int, denominateur: int) -> float | None:
    return round(numerateur / denominateur, 4) if denominateur else None


def evaluer(detecteur: Detecteur = detecter, *, controle: bool | None = None) -> dict[str, Any]:
    """Figures on the corpus (or only its control part, or only the rest): see tests/corpus/anonymat/README.md."""
    plantes, trouves_par_type, constats, fausses_alertes = (Counter[str]() for _ in range(4))
    leurres, leurres_touches = Counter[str](), Counter[str]()
    bon_type = 0
    manques: list[str] = []
    alertes: list[str] = []
    noms = annuaire()
    textes = [t for t in charger_corpus()["textes"] if controle is None or t["controle"] == controle]
    for entree in textes:
        texte = entree["texte"]
        identifiants = situer(texte, entree["identifiants"], "type")
        decoys = situer(texte, entree["leurres"], "famille")
        resultats = detecteur(texte, noms)
        for repere in identifiants:
            plantes[repere.genre] += 1
            touches = [c for c in resultats if _chevauche(c.debut, c.fin, repere)]
            if touches:
                trouves_par_type[repere.genre] += 1
                bon_type += any(c.type == repere.genre for c in touches)
            else:
                manques.append(f"{entree['id']} {repere.genre} « {texte[repere.debut : repere.fin]} »")
        for constat in resultats:
            constats[constat.type] += 1
            if not any(_chevauche(constat.debut, constat.fin, r) for r in identifiants):
                fausses_alertes[constat.type] += 1
                alertes.append(f"{entree['id']} {constat.type} « {constat.extrait} »")
        for repere in decoys:
            leurres[repere.genre] += 1
            leurres_touches[repere.genre] += any(_chevauche(c.debut, c.fin, repere) for c in resultats)
    total_plantes, total_constats = sum(plantes.values()), sum(constats.values())
    return {
        "textes": len(textes),
        "identifiants": total_plantes,
        "constats": total_constats,
        "leurres": sum(leurres.values()),
        "rappel": _taux(sum(trouves_par_type.values()), total_plantes),
        "bon_type": _taux(bon_type, total_plantes),
        "fausses_alertes": _taux(sum(fausses_alertes.values()), total_constats),
        "leurres_touches": _taux(sum(leurres_touches.values()), sum(leurres.values())),
        "par_type": {
            type_: {
                "identifiants": plantes[type_],
                "rappel": _taux(trouves_par_type[type_], plantes[type_]),
                "constats": constats[type_],
                "fausses_alertes": _taux(fausses_alertes[type_], constats[type_]),
            }
            for type_ in TYPES
        },
        "par_famille_de_leurres": {
            famille: {"leurres": n, "touches": leurres_touches[famille]} for famille, n in sorted(leurres.items())
        },
        "manques": manques,
        "alertes": alertes,
    }


def test_le_corpus_respecte_son_format() -> None:
    corpus = charger_corpus()
    textes = corpus["textes"]
    assert len(textes) >= 90
    assert sum(t["controle"] for t in textes) >= 30
    assert sum(not t["identifiants"] for t in textes) >= 15
    assert sum(bool(t["leurres"]) for t in textes) >= 40
    comptes = Counter(i["type"] for t in textes for i in t["identifiants"])
    assert set(comptes) == set(TYPES)
    assert min(comptes.values()) >= 15
    for entree in textes:
        # Locating every annotation checks that each extrait (at its occurrence) is in the text.
        situer(entree["texte"], entree["identifiants"], "type")
        situer(entree["texte"], entree["leurres"], "famille")


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    return evaluer()


def test_le_rappel_atteint_95_pour_cent(figures: dict[str, Any]) -> None:
    assert figures["rappel"] >= 0.95, figures["manques"]


def test_les_fausses_alertes_restent_sous_5_pour_cent(figures: dict[str, Any]) -> None:
    assert figures["fausses_alertes"] <= 0.05, figures["alertes"]


def test_les_leurres_sont_presque_tous_epargnes(figures: dict[str, Any]) -> None:
    assert figures["leurres_touches"] <= 0.05, figures["par_famille_de_leurres"]
