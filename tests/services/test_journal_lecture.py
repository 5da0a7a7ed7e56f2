"""Reading the journal: filters and pages in SQL (newest first, no entry lost or repeated from page to page), a
French label for every mapped class, summaries and record names in French."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import insert

from app.erreurs import ErreurConnue
from app.format_fr import ESPACE_FINE, ESPACE_INSECABLE
from app.modeles import Journal
from app.modeles.base import Base
from app.modeles.enumerations import OperationJournal, TypeStructure
from app.services import annuaire, journal_lecture
from app.services.journal_lecture import FiltreJournal, resumer

NB, NF = ESPACE_INSECABLE, ESPACE_FINE


def _entree(quand: dt.datetime, qui: str, entite: str, entite_id: int | None, op: OperationJournal, **details):
    return {
        "horodatage": quand,
        "utilisateur": qui,
        "entite": entite,
        "entite_id": entite_id,
        "operation": op,
        "details": json.dumps(details, ensure_ascii=False, sort_keys=True),
    }


@pytest.fixture
def journal(base):
    """50 hand-made entries over 5 days, several per second (the order must still be total)."""
    lignes = []
    for n in range(50):
        quand = dt.datetime(2026, 3, 1 + n // 10, 9, 0, n % 3)
        qui = ("anne", "bruno")[n % 2]
        entite = ("Personne", "Seance", "College")[n % 3]
        op = list(OperationJournal)[n % 3]
        lignes.append(_entree(quand, qui, entite, 1000 + n, op, rang=n, texte=f"valeur {n}"))
    lignes.append(
        _entree(
            dt.datetime(2026, 3, 5, 12),
            "claire",
            "Personne",
            7,
            OperationJournal.MODIFICATION,
            fonction=["Assistante sociale", "Conseillère"],
            courriel="(masqué)",
            note=["100 % sûr", "a_b"],
        )
    )
    with base.session_scope() as s:
        s.execute(insert(Journal), lignes)
    return base


def test_chaque_classe_a_un_libelle_francais():
    libelles = journal_lecture.libelles_entites()
    classes = {m.class_.__name__ for m in Base.registry.mappers}
    tables = {m.local_table.name for m in Base.registry.mappers}
    assert set(libelles) == classes
    assert tables <= set(journal_lecture.LIBELLES_TABLES), tables - set(journal_lecture.LIBELLES_TABLES)
    assert set(libelles.values()) <= set(journal_lecture.LIBELLES_TABLES.values())  # no class name left as is
    assert len(set(libelles.values())) == len(libelles)  # the filter's list tells them apart
    for classe, attendu in {
        "Personne": "Personne",
        "Mandat": "Mandat",
        "Presence": "Présence",
        "Seance": "Séance",
        "Saisine": "Saisine",
    }.items():
        assert libelles[classe] == attendu


def test_les_pages_se_suivent_sans_trou_ni_doublon(journal):
    with journal.session_scope() as s:
        tout = journal_lecture.lire_page(s, limite=1000)
        assert len(tout) == 51 == journal_lecture.compter(s)
        assert [e.curseur for e in tout] == sorted((e.curseur for e in tout), reverse=True)
        lus, curseur = [], None
        while page := journal_lecture.lire_page(s, apres=curseur, limite=7):
            lus += page
            curseur = page[-1].curseur
        assert [e.id for e in lus] == [e.id for e in tout]
        assert [e.id for lot in journal_lecture.parcourir(s, taille=4) for e in lot] == [e.id for e in tout]


@given(taille=st.integers(1, 60))
def test_toute_taille_de_page_donne_le_meme_journal(journal, taille):
    with journal.session_scope() as s:
        filtre = FiltreJournal(utilisateur="anne")
        attendu = [e.id for e in journal_lecture.lire_page(s, filtre, limite=1000)]
        assert [e.id for lot in journal_lecture.parcourir(s, filtre, taille) for e in lot] == attendu


def test_les_filtres(journal):
    with journal.session_scope() as s:

        def ids(**f):
            filtre = FiltreJournal(**f)
            lus = journal_lecture.lire_page(s, filtre, limite=1000)
            assert len(lus) == journal_lecture.compter(s, filtre)
            return lus

        assert {e.horodatage.date() for e in ids(du=dt.date(2026, 3, 2), au=dt.date(2026, 3, 3))} == {
            dt.date(2026, 3, 2),
            dt.date(2026, 3, 3),
        }
        assert len(ids(du=dt.date(2026, 3, 2), au=dt.date(2026, 3, 3))) == 20
        assert len(ids(au=dt.date(2026, 3, 1))) == 10  # the last day is included, whole
        assert {e.utilisateur for e in ids(utilisateur="claire")} == {"claire"}
        assert {e.entite for e in ids(entite="Seance")} == {"Seance"}
        assert len(ids(entite="Seance")) == 17
        assert {e.operation for e in ids(operation=OperationJournal.SUPPRESSION)} == {OperationJournal.SUPPRESSION}
        # every word, anywhere in the details
        assert sorted(e.details["rang"] for e in ids(texte="valeur 4")) == [n for n in range(50) if "4" in str(n)]
        assert sorted(e.details["rang"] for e in ids(texte="VALEUR 42")) == [42]
        # LIKE's wildcards are searched as themselves
        assert [e.utilisateur for e in ids(texte="100 %")] == ["claire"]
        assert [e.utilisateur for e in ids(texte="a_b")] == ["claire"]
        assert ids(texte="a%b") == [] and ids(texte="_") != []
        assert len(ids(utilisateur="anne", entite="Personne", operation=OperationJournal.CREATION)) == 9
        assert journal_lecture.utilisateurs(s) == ["anne", "bruno", "claire"]


def test_une_periode_inversee_est_refusee(journal):
    with journal.session_scope() as s, pytest.raises(ErreurConnue, match="postérieure"):
        journal_lecture.compter(s, FiltreJournal(du=dt.date(2026, 3, 5), au=dt.date(2026, 3, 1)))


def test_le_resume_en_francais():
    details = {"fonction": ["Assistante sociale", "Conseillère"], "courriel": "(masqué)"}
    assert resumer("Personne", OperationJournal.MODIFICATION, details) == (
        f"fonction{NB}: «{NB}Assistante sociale{NB}» → «{NB}Conseillère{NB}»{NF}; courriel{NB}: (masqué)"
    )
    creation = {"id": 3, "etat": "excuse", "seance_id": 4, "pouvoir_a_id": None, "le": "2026-03-05"}
    # the model's column order, ids and empty values left out, codes as labels, ISO dates in French
    assert resumer("Presence", OperationJournal.CREATION, creation) == (
        f"seance_id{NB}: 4{NF}; etat{NB}: Excusé{NF}; le{NB}: 5 mars 2026"
    )
    assert journal_lecture.valeur_fr("Seance", "heure_debut", "14:30:00") == f"14{NB}h{NB}30"
    assert journal_lecture.valeur_fr("Seance", "consentement", True) == "oui"
    assert journal_lecture.valeur_fr("Seance", "lieu", None) == "(vide)"
    assert journal_lecture.date_heure_fr(dt.datetime(2026, 12, 2, 14, 5)) == "2 déc. 2026 14:05"
    long = resumer("Action", OperationJournal.CREATION, {"texte": "x" * 500})
    assert len(long) < 100 and long.endswith(f"…{NB}»")


def test_le_nom_des_enregistrements(base):
    with base.session_scope() as s:
        anne = annuaire.ajouter_personne(s, annuaire.FichePersonne(0, "Martin", "Anne", fonction="Assistante"))
    with base.session_scope() as s:
        annuaire.modifier_personne(s, annuaire.FichePersonne(anne.id, "Martin", "Anne", fonction="Conseillère"))
    with base.session_scope() as s:
        entrees = journal_lecture.lire_page(s, FiltreJournal(entite="Personne"))
        assert [(e.operation, e.nom) for e in entrees] == [
            (OperationJournal.MODIFICATION, "Martin Anne"),
            (OperationJournal.CREATION, "Martin Anne"),
        ]
        assert entrees[0].resume == f"fonction{NB}: «{NB}Assistante{NB}» → «{NB}Conseillère{NB}»"
        annuaire.supprimer_personne(s, anne.id)
    with base.session_scope() as s:
        # Gone from its table: the deletion's own details still name the person.
        suppression = journal_lecture.lire_page(s, FiltreJournal(entite="Personne"))[0]
        assert (suppression.operation, suppression.nom) == (OperationJournal.SUPPRESSION, "Martin Anne")
        assert journal_lecture.lire_entree(s, suppression.id) == suppression


def test_la_demo_se_lit_avec_des_noms(demo):
    from app import db

    ouverte = db.ouvrir(demo, lecture_seule=True)
    try:
        with ouverte.session_scope() as s:
            noms = {}
            for entite in ("Personne", "Seance", "Saisine", "Presence", "Mandat", "DemandeurSaisine"):
                (e,) = journal_lecture.lire_page(s, FiltreJournal(entite=entite), limite=1)
                noms[entite] = e.nom
    finally:
        ouverte.fermer()
    assert all(noms.values()), noms
    assert noms["Saisine"].startswith("SAI-") and noms["DemandeurSaisine"].startswith("SAI-")
    assert " — " in noms["Presence"] and " — " in noms["Mandat"]


def test_un_compteur_a_cle_composee_garde_sa_cle(base):
    """Numerotation's key is (series, year): no `entite_id`, the key is in the details of every entry."""
    from app.modeles.enumerations import CanalSaisine, TypeDemandeur
    from app.services import saisines

    for _ in range(2):
        with base.session_scope() as s:
            saisines.enregistrer_saisine(
                s,
                saisines.FicheSaisine(0, dt.date(2026, 3, 2), CanalSaisine.COURRIEL, TypeDemandeur.ENCADRANT),
                par="secretariat",
            )
    with base.session_scope() as s:
        entrees = journal_lecture.lire_page(s, FiltreJournal(entite="Numerotation"))
    assert [(e.operation, e.entite_id, e.details["_cle"]) for e in entrees] == [
        (OperationJournal.MODIFICATION, None, ["SAI", 2026]),
        (OperationJournal.CREATION, None, ["SAI", 2026]),
    ]
    assert entrees[0].details["dernier"] == [1, 2]
    assert entrees[1].nom == "SAI 2026"


def test_les_cles_etrangeres_sont_nommees(base):
    with base.session_scope() as s:
        structure = annuaire.ajouter_structure(s, annuaire.FicheStructure(0, "CCAS de Lys", TypeStructure.CCAS_CIAS))
        anne = annuaire.ajouter_personne(s, annuaire.FichePersonne(0, "Martin", "Anne", structure_id=structure.id))
    with base.session_scope() as s:
        (entree,) = journal_lecture.lire_page(s, FiltreJournal(entite="Personne"))
        assert journal_lecture.references(s, entree) == {("structure_id", structure.id): "CCAS de Lys"}
        assert entree.nom == "Martin Anne" and anne.id == entree.entite_id


def test_la_recherche_trouve_un_code_par_son_libelle(base):
    """The journal stores « excuse »; the secretary types « Excusé », with or without its accent."""
    with base.session_scope() as s:
        s.execute(
            insert(Journal),
            [
                _entree(dt.datetime(2026, 3, 1, 9), "anne", "Presence", 1, OperationJournal.CREATION, etat="excuse"),
                _entree(dt.datetime(2026, 3, 1, 10), "anne", "Presence", 2, OperationJournal.CREATION, etat="present"),
                _entree(dt.datetime(2026, 3, 1, 11), "anne", "Personne", 3, OperationJournal.CREATION, nom="Excusez"),
            ],
        )
    with base.session_scope() as s:

        def trouves(texte: str) -> list[int | None]:
            return sorted(e.entite_id for e in journal_lecture.lire_page(s, FiltreJournal(texte=texte), limite=100))

        assert trouves("Excusé") == [1]
        assert trouves("excuse") == [1, 3]  # the code itself, and a text holding it
        assert trouves("Présent") == [2]
        assert trouves("Prés") == [2]  # the start of a label is enough
        assert trouves("é") == []  # too short to stand for a label: searched only as typed
