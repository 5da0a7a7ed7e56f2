"""Every write is in the journal.

SQLite itself keeps count here: the test base gets triggers on every mapped table that note each row inserted,
changed or deleted (foreign-key cascades included, which the ORM never sees). Building the demo committee and
deleting through each service's own function must leave one journal entry per noted row. Bulk statements
(`session.execute(update/delete/insert(...))`) bypass `after_flush`: the services may use them on the journal only.
"""

from __future__ import annotations

import ast
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from sqlalchemy import column, select, table
from sqlalchemy import inspect as inspecter

from app import db
from app.erreurs import ErreurConnue
from app.modeles import (
    Action,
    College,
    Diffusion,
    EchangeHcts,
    Instance,
    Journal,
    Mandat,
    NoteEvaluation,
    Personne,
    PointOrdreDuJour,
    Production,
    Recommandation,
    RetourParticipants,
    Saisine,
    Seance,
    Structure,
)
from app.modeles.base import Base
from app.modeles.enumerations import OperationJournal
from app.services import (
    actions,
    annuaire,
    comite,
    evaluation,
    ordre_du_jour,
    productions,
    recommandations,
    saisines,
    seances,
)
from app.services.demo import creer_demo

RACINE = Path(__file__).resolve().parents[2] / "app"
# Tables written without a journal entry, and why.
TABLES_NON_JOURNALISEES = {
    "journal": "le journal ne se journalise pas lui-même (chaque écriture en ajouterait une autre)",
    "alembic_version": "la version du schéma, écrite par les migrations seules",
}
OPERATIONS = {
    "INSERT": OperationJournal.CREATION,
    "UPDATE": OperationJournal.MODIFICATION,
    "DELETE": OperationJournal.SUPPRESSION,
}


def _mappers() -> dict[str, object]:
    return {m.local_table.name: m for m in Base.registry.mappers}


def _poser_les_temoins(chemin: Path) -> None:
    """A trigger per table and per kind of write, noting (table, operation, rowid) in `_temoin`."""
    connexion = sqlite3.connect(chemin)
    try:
        connexion.execute("CREATE TABLE _temoin (tab TEXT, op TEXT, ligne INTEGER)")
        for table, mapper in _mappers().items():
            if table in TABLES_NON_JOURNALISEES:
                continue
            colonnes = [c.name for c in mapper.local_table.columns]  # type: ignore[attr-defined]
            change = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in colonnes)
            for op, ligne in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
                quand = f"WHEN {change}" if op == "UPDATE" else ""
                connexion.execute(
                    f'CREATE TRIGGER "_temoin_{table}_{op}" AFTER {op} ON "{table}" {quand} BEGIN '
                    f"INSERT INTO _temoin VALUES ('{table}', '{op}', {ligne}.rowid); END"
                )
        connexion.commit()
    finally:
        connexion.close()


def _ecarts(base: db.BaseDeDonnees) -> tuple[Counter, Counter]:
    """(writes SQLite saw without a journal entry, journal entries SQLite saw no write for)."""
    classes = {nom: m.class_.__name__ for nom, m in _mappers().items()}  # type: ignore[attr-defined]
    cle_entiere = {
        nom
        for nom, m in _mappers().items()
        if len(m.primary_key) == 1 and m.primary_key[0].type.python_type is int  # type: ignore[attr-defined]
    }
    with base.session_scope() as s:
        vus = s.execute(select(column("tab"), column("op"), column("ligne")).select_from(table("_temoin"))).all()
        journal = s.execute(select(Journal.entite, Journal.operation, Journal.entite_id)).all()
    ecrits = Counter((classes[t], OPERATIONS[o], ligne if t in cle_entiere else None) for t, o, ligne in vus)
    journalises = Counter((e, op, i if e in {classes[t] for t in cle_entiere} else None) for e, op, i in journal)
    return ecrits - journalises, journalises - ecrits


@pytest.fixture
def temoin(chemin_base: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-11-22")
    _poser_les_temoins(chemin_base)
    base = db.ouvrir(chemin_base)
    creer_demo(base)
    yield base
    base.fermer()


def _ids(base: db.BaseDeDonnees, modele: type) -> list[int]:
    with base.session_scope() as s:
        return list(s.scalars(select(modele.id).order_by(modele.id.desc())))


def _supprimer_un(base: db.BaseDeDonnees, modele: type, supprimer: Callable[..., object]) -> int:
    """Delete one record of `modele` that the service accepts to delete (the newest such); its id."""
    for identifiant in _ids(base, modele):
        try:
            with base.session_scope() as s:
                supprimer(s, identifiant)
        except ErreurConnue:
            continue
        return identifiant
    raise AssertionError(f"Aucun enregistrement de {modele.__name__} n'a pu être supprimé")


SUPPRESSIONS: list[tuple[type, Callable[..., object]]] = [
    (Action, actions.supprimer_action),
    (PointOrdreDuJour, ordre_du_jour.supprimer_point),
    (Seance, seances.supprimer_seance),
    (Saisine, saisines.supprimer_saisine),
    (Recommandation, recommandations.supprimer_recommandation),
    (Diffusion, productions.supprimer_diffusion),
    (Production, productions.supprimer_production),
    (EchangeHcts, productions.supprimer_echange),
    (NoteEvaluation, evaluation.supprimer_note),
    (Mandat, annuaire.supprimer_mandat),
    (Personne, annuaire.supprimer_personne),
    (Structure, annuaire.supprimer_structure),
    (College, comite.supprimer_college),
    (Instance, comite.supprimer_instance),
]


def test_la_demo_est_journalisee_ligne_a_ligne(temoin):
    manquantes, en_trop = _ecarts(temoin)
    assert not manquantes, f"Écritures absentes du journal : {sorted(manquantes.items())[:10]}"
    assert not en_trop, f"Entrées du journal sans écriture : {sorted(en_trop.items())[:10]}"
    with temoin.session_scope() as s:
        assert s.scalar(select(Journal.id).where(Journal.entite_id.is_(None), Journal.entite != "Numerotation")) is None


def test_chaque_suppression_des_services_est_journalisee(temoin):
    supprimes = {}
    for modele, supprimer in SUPPRESSIONS:
        try:
            supprimes[modele.__name__] = _supprimer_un(temoin, modele, supprimer)
        except AssertionError:
            supprimes[modele.__name__] = None  # the demo holds none the service may delete
    # The demo's people, mandates, collèges and instances are all in use: their services refuse (tested elsewhere).
    assert {nom for nom, i in supprimes.items() if i is not None} >= {
        "Action",
        "PointOrdreDuJour",
        "Seance",
        "Saisine",
        "Recommandation",
        "Diffusion",
        "Production",
        "EchangeHcts",
        "NoteEvaluation",
        "Structure",
    }, supprimes
    manquantes, en_trop = _ecarts(temoin)
    assert not manquantes, f"Écritures absentes du journal : {sorted(manquantes.items())[:10]}"
    assert not en_trop, f"Entrées du journal sans écriture : {sorted(en_trop.items())[:10]}"


def test_les_retours_des_participants_sont_journalises(temoin):
    with temoin.session_scope() as s:
        seance_id = s.scalar(select(RetourParticipants.seance_id).limit(1))
        comptes = evaluation.lire_retours(s, seance_id)
    with temoin.session_scope() as s:
        evaluation.definir_retours(s, seance_id, {cle: n + 1 for cle, n in comptes.items()})
    manquantes, _ = _ecarts(temoin)
    assert not manquantes, f"Écritures absentes du journal : {sorted(manquantes.items())[:10]}"


def test_chaque_table_est_journalisee_ou_exclue_pour_une_raison(chemin_base: Path):
    connexion = sqlite3.connect(chemin_base)
    try:
        tables = {t for (t,) in connexion.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        connexion.close()
    tables -= {t for t in tables if t.startswith("sqlite_")}
    assert tables - set(_mappers()) <= set(TABLES_NON_JOURNALISEES), "table sans modèle : ni journalisée ni exclue"
    assert set(TABLES_NON_JOURNALISEES) <= tables


# --- Bulk statements in the services ---------------------------------------------------------------------------

# (file, statement, first argument) seen and accepted, with the reason.
EN_MASSE_CONNUES: dict[tuple[str, str, str], str] = {}


def _ecritures_en_masse(fichiers: Iterable[Path]) -> set[tuple[str, str, str, int]]:
    """(file, update|delete|insert, the table's model, line) for each such call of SQLAlchemy's constructs."""
    trouvees = set()
    for fichier in fichiers:
        arbre = ast.parse(fichier.read_text(encoding="utf-8"))
        importes = {
            alias.asname or alias.name
            for noeud in ast.walk(arbre)
            if isinstance(noeud, ast.ImportFrom) and (noeud.module or "").startswith("sqlalchemy")
            for alias in noeud.names
            if alias.name in ("update", "delete", "insert")
        }
        for noeud in ast.walk(arbre):
            if isinstance(noeud, ast.Call) and isinstance(noeud.func, ast.Name) and noeud.func.id in importes:
                cible = ast.unparse(noeud.args[0]) if noeud.args else "?"
                trouvees.add((fichier.name, noeud.func.id, cible, noeud.lineno))
    return trouvees


def test_les_services_n_ecrivent_en_masse_que_dans_le_journal():
    trouvees = _ecritures_en_masse(sorted((RACINE / "services").glob("*.py")))
    hors_journal = {(f, op, cible) for f, op, cible, _ in trouvees if cible != "Journal"}
    assert hors_journal == set(EN_MASSE_CONNUES), sorted(trouvees)


def test_la_recherche_des_ecritures_en_masse_les_trouve(tmp_path: Path):
    """The AST walk above does see a bulk statement, aliased or not."""
    source = tmp_path / "exemple.py"
    source.write_text(
        "from sqlalchemy import delete as d, update\nfrom app.modeles import Personne\n"
        "def f(s):\n    s.execute(d(Personne))\n    s.execute(update(Personne).values(nom=''))\n",
        encoding="utf-8",
    )
    assert {(op, cible) for _, op, cible, _ in _ecritures_en_masse([source])} == {
        ("d", "Personne"),
        ("update", "Personne"),
    }


def test_chaque_classe_journalisee_a_un_identifiant_lisible():
    """The journal keeps `entite_id` for every class with a one-column integer key; the others (Numerotation)
    keep their key in the details (`_cle`)."""
    composites = set()
    for mapper in Base.registry.mappers:
        cles = list(mapper.primary_key)
        if len(cles) != 1 or cles[0].type.python_type is not int:
            composites.add(mapper.class_.__name__)
    assert composites == {"Numerotation"}
    assert inspecter(Journal).primary_key[0].name == "id"
