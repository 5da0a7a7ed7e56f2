"""The audit journal at the size of a real base: 200,000 entries (and more with --entrees).

Usage: python benchmarks/journal.py [--entrees 200000] [--sortie FICHIER.json]
Builds the demo committee, then copies its journal (bulk insert, not measured) over five years and four users
until it holds `--entrees` rows. Then, on the base opened read-only as the page does, times (median of 5):
the count and the first page (what the page shows on opening), each filter (count + first page), reading 50
pages further down (scrolling), and the exports (CSV of everything, xlsx of a year); with the peak memory
(tracemalloc) of the first page and of each export.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from app import db
from app.modeles import Journal
from app.modeles.enumerations import OperationJournal
from app.services import journal_lecture
from app.services.demo import creer_demo
from app.services.journal_lecture import FiltreJournal
from app.ui.journal.export import Format, produire  # the page's export task (no widget in it)

UTILISATEURS = ("secretariat", "m.dubois", "c.relais", "admin")
REPETITIONS = 5


def construire(chemin: Path, entrees: int) -> int:
    os.environ["COMITE_LOCAL_AUJOURDHUI"] = "2026-11-22"
    base = db.ouvrir(chemin)
    try:
        creer_demo(base)
        with base.session_scope() as s:
            modele = s.execute(
                select(Journal.entite, Journal.entite_id, Journal.operation, Journal.details).order_by(Journal.id)
            ).all()
            debut = dt.datetime(2022, 1, 3, 8, 0)
            pas = dt.timedelta(days=5 * 365) / entrees
            deja = len(modele)
            lot: list[dict[str, Any]] = []
            for n in range(entrees - deja):
                entite, entite_id, operation, details = modele[n % len(modele)]
                lot.append(
                    {
                        "horodatage": debut + pas * n,
                        "utilisateur": UTILISATEURS[n % len(UTILISATEURS)],
                        "entite": entite,
                        "entite_id": entite_id,
                        # The demo deletes nothing: one copy in 50 becomes a deletion, as a real journal has some.
                        "operation": OperationJournal.SUPPRESSION if n % 50 == 0 else operation,
                        "details": details,
                    }
                )
                if len(lot) == 20_000:
                    s.execute(insert(Journal), lot)
                    lot = []
            if lot:
                s.execute(insert(Journal), lot)
            return int(s.scalar(select(func.count()).select_from(Journal)) or 0)
    finally:
        base.fermer()


def mediane(action: Callable[[], object]) -> tuple[float, float, object]:
    durees, resultat = [], None
    for _ in range(REPETITIONS):
        debut = time.perf_counter()
        resultat = action()
        durees.append(time.perf_counter() - debut)
    return round(statistics.median(durees), 4), round(max(durees), 4), resultat


def pic_memoire(action: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        action()
        return round(tracemalloc.get_traced_memory()[1] / 1e6, 1)
    finally:
        tracemalloc.stop()


def mesurer(chemin: Path) -> dict[str, Any]:
    base = db.ouvrir(chemin, lecture_seule=True)
    resultats: dict[str, Any] = {}
    try:

        def ouverture(filtre: FiltreJournal) -> Callable[[], tuple[int, int]]:
            def lire() -> tuple[int, int]:
                with base.session_scope() as s:
                    total = journal_lecture.compter(s, filtre)
                    page = journal_lecture.lire_page(s, filtre)
                    return total, len(page)

            return lire

        filtres = {
            "aucun (ouverture de la page)": FiltreJournal(),
            "entité Personne": FiltreJournal(entite="Personne"),
            "utilisateur": FiltreJournal(utilisateur="c.relais"),
            "opération Suppression": FiltreJournal(operation=OperationJournal.SUPPRESSION),
            "un mois": FiltreJournal(du=dt.date(2024, 3, 1), au=dt.date(2024, 3, 31)),
            "texte « Conseillère »": FiltreJournal(texte="Conseillère"),
            "texte introuvable": FiltreJournal(texte="zzzz-introuvable"),
            "combiné (année, entité, texte)": FiltreJournal(
                du=dt.date(2025, 1, 1), au=dt.date(2025, 12, 31), entite="Presence", texte="excuse"
            ),
        }
        for nom, filtre in filtres.items():
            med, maxi, (total, page) = mediane(ouverture(filtre))  # type: ignore[misc]
            resultats[f"compte_et_premiere_page — {nom}"] = {
                "mediane_s": med,
                "max_s": maxi,
                "entrees": total,
                "lues": page,
            }
        resultats["premiere_page_pic_memoire_mo"] = pic_memoire(ouverture(FiltreJournal()))

        def defiler() -> int:
            with base.session_scope() as s:
                curseur, lues = None, 0
                for _ in range(50):
                    page = journal_lecture.lire_page(s, FiltreJournal(), curseur)
                    curseur, lues = page[-1].curseur, lues + len(page)
                return lues

        med, maxi, lues = mediane(defiler)
        resultats["defilement_50_pages"] = {"mediane_s": med, "max_s": maxi, "entrees": lues}

        def exporter(filtre: FiltreJournal, format_: Format) -> Callable[[], int]:
            def faire() -> int:
                return len(produire(base, filtre, format_, lambda _f, _t: None, lambda: False))

            return faire

        for nom, filtre, format_ in (
            ("csv — tout le journal", FiltreJournal(), Format.CSV),
            ("xlsx — une année", FiltreJournal(du=dt.date(2025, 1, 1), au=dt.date(2025, 12, 31)), Format.XLSX),
        ):
            debut = time.perf_counter()
            octets = exporter(filtre, format_)()
            duree = round(time.perf_counter() - debut, 2)
            with base.session_scope() as s:
                entrees = journal_lecture.compter(s, filtre)
            resultats[f"export {nom}"] = {
                "duree_s": duree,
                "entrees": entrees,
                "octets": octets,
                "pic_memoire_mo": pic_memoire(exporter(filtre, format_)),
            }
    finally:
        base.fermer()
    return resultats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entrees", type=int, default=200_000)
    parser.add_argument("--sortie", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as dossier:
        chemin = Path(dossier) / "journal.db"
        debut = time.perf_counter()
        total = construire(chemin, args.entrees)
        construction = round(time.perf_counter() - debut, 2)
        resultat = {
            "date": dt.date.today().isoformat(),
            "machine": f"{platform.machine()} {platform.system()} Python {platform.python_version()}",
            "processeurs": os.cpu_count(),
            "charge_au_depart": round(os.getloadavg()[0], 2),  # other work on the machine slows every figure
            "entrees": total,
            "taille_base_mo": round(chemin.stat().st_size / 1e6, 1),
            "construction_s": construction,
            **mesurer(chemin),
        }
    texte = json.dumps(resultat, ensure_ascii=False, indent=2)
    print(texte)
    if args.sortie:
        args.sortie.write_text(texte + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
