"""Migration 0004 on a base at 0003: default durations, and the journal's past personal values masked."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from app import db
from app.services.journal_masquage import MASQUE
from tests.schema_ancien import base_a_la_revision

REVISION_PRECEDENTE = "0003"


LIGNES = [
    # (entity, operation, details)
    (
        "Personne",
        "creation",
        {
            "id": 1,
            "nom": "Martin",
            "prenom": "Anne",
            "courriel": "anne@exemple.fr",
            "telephone": "06 12 34 56 78",
            "besoins_accessibilite": "Fauteuil",
            "fonction": "ASS",
        },
    ),
    ("Personne", "modification", {"courriel": ["anne@exemple.fr", "a.martin@exemple.fr"], "fonction": ["ASS", "CESF"]}),
    ("Personne", "suppression", {"id": 1, "nom": "Martin", "prenom": "Anne", "courriel": "", "telephone": None}),
    ("DemandeurSaisine", "creation", {"id": 3, "saisine_id": 7, "identite": "Mme Lambert", "coordonnees": "06 99"}),
    ("DemandeurSaisine", "modification", {"coordonnees": ["06 99", "lambert@exemple.fr"]}),
    ("College", "creation", {"id": 2, "nom": "Travailleurs sociaux", "courriel": "pas une personne"}),
    ("Personne", "modification", "pas du JSON"),
    ("Saisine", "creation", {"numero": "SAI-2025-001", "question": "Mme Lambert demande…", "contexte": ""}),
]


def test_la_migration_masque_les_valeurs_personnelles_du_journal(tmp_path: Path) -> None:
    chemin = tmp_path / "comite.db"
    base_a_la_revision(chemin, REVISION_PRECEDENTE)
    connexion = sqlite3.connect(chemin)
    with connexion:
        connexion.execute(
            "INSERT INTO comite (id, nom, territoire, thematiques, regles_saisine, secretariat, "
            "rythme_reunions, moyens_humains, moyens_financiers, en_tete) "
            "VALUES (1, 'Comité', '', '', '', '', '', '', '', '')"
        )
        for rang, (entite, operation, details) in enumerate(LIGNES, start=1):
            texte = details if isinstance(details, str) else json.dumps(details, ensure_ascii=False, sort_keys=True)
            connexion.execute(
                "INSERT INTO journal (id, horodatage, utilisateur, entite, entite_id, operation, details) "
                "VALUES (?, '2026-01-05 10:00:00', 'secretariat', ?, 1, ?, ?)",
                (rang, entite, operation, texte),
            )
    connexion.close()

    assert db.migrer_si_besoin(chemin, db.examiner(chemin))

    connexion = sqlite3.connect(chemin)
    try:
        lignes = [r[0] for r in connexion.execute("SELECT details FROM journal ORDER BY id")]
        durees = connexion.execute(
            "SELECT conservation_demandeurs_mois, conservation_coordonnees_ans, conservation_journal_ans FROM comite"
        ).fetchone()
    finally:
        connexion.close()
    assert durees == (6, 1, 5)
    creation, modification, suppression, demandeur, demandeur_modifie, college, illisible, saisine = lignes
    assert json.loads(creation) == {
        "id": 1,
        "nom": "Martin",
        "prenom": "Anne",
        "courriel": MASQUE,
        "telephone": MASQUE,
        "besoins_accessibilite": MASQUE,
        "fonction": "ASS",
    }
    assert json.loads(modification) == {"courriel": MASQUE, "fonction": ["ASS", "CESF"]}
    assert json.loads(suppression) == {
        "id": 1,
        "nom": "Martin",
        "prenom": "Anne",
        "courriel": MASQUE,
        "telephone": MASQUE,
    }
    assert json.loads(demandeur) == {"id": 3, "saisine_id": 7, "identite": MASQUE, "coordonnees": MASQUE}
    assert json.loads(demandeur_modifie) == {"coordonnees": MASQUE}
    assert json.loads(college)["courriel"] == "pas une personne"  # another entity: untouched
    assert illisible == "pas du JSON"
    assert json.loads(saisine) == {"numero": "SAI-2025-001", "question": MASQUE, "contexte": MASQUE}
    texte = "\n".join(lignes)
    for personnel in ("anne@exemple.fr", "a.martin@exemple.fr", "06 12", "Fauteuil", "Lambert", "06 99"):
        assert personnel not in texte


def test_la_migration_sur_une_base_neuve_donne_les_durees_par_defaut(base: db.BaseDeDonnees) -> None:
    from app.modeles import Comite
    from app.services.conservation import Durees, lire_durees

    with base.session_scope() as s:
        s.add(Comite(nom="Comité"))
        s.flush()
        assert lire_durees(s) == Durees(6, 1, 5)


def test_la_migration_rend_leur_identifiant_aux_creations_du_journal(tmp_path: Path) -> None:
    chemin = tmp_path / "comite.db"
    base_a_la_revision(chemin, REVISION_PRECEDENTE)
    anciennes = [
        ("College", "creation", json.dumps({"id": 4, "nom": "Élus"})),
        ("Personne", "creation", json.dumps({"id": 9, "nom": "Martin"})),
        ("College", "modification", json.dumps({"nom": ["a", "b"]})),  # no id of its own: left alone
        ("College", "creation", "pas du JSON"),
        ("Numerotation", "creation", json.dumps({"serie": "SAI", "annee": 2026})),  # a two-part key: no id
    ]
    connexion = sqlite3.connect(chemin)
    with connexion:
        for entite, operation, details in anciennes:
            connexion.execute(
                "INSERT INTO journal (horodatage, utilisateur, entite, entite_id, operation, details) "
                "VALUES ('2025-05-01 10:00:00', 'ancien', ?, NULL, ?, ?)",
                (entite, operation, details),
            )
    connexion.close()

    assert db.migrer_si_besoin(chemin, db.examiner(chemin))

    connexion = sqlite3.connect(chemin)
    try:
        identifiants = [r[0] for r in connexion.execute("SELECT entite_id FROM journal ORDER BY id")]
    finally:
        connexion.close()
    assert identifiants == [4, 9, None, None, None]


def test_la_migration_masque_tout_ce_que_le_journal_masque_aujourd_hui() -> None:
    """Migration 0004 keeps its own frozen list: it must cover every column the journal masks when it writes."""
    import importlib

    from app.modeles.base import Base
    from app.services.journal_masquage import masquees_possibles

    migration = importlib.import_module("app.migrations.versions.0004_donnees_personnelles")
    figees = {entite: set(cles) for entite, cles in migration.COLONNES_PERSONNELLES}
    for mapper in Base.registry.mappers:
        masquees = masquees_possibles(mapper)
        if masquees:
            assert masquees <= figees.get(mapper.class_.__name__, set()), mapper.class_.__name__
