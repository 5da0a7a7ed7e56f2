"""The demo base (foundation issue, point 7): believable, complete, deterministic."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import db
from app.modeles import (
    Base,
    College,
    DemandeurSaisine,
    EchangeHcts,
    Instance,
    Mandat,
    NoteEvaluation,
    Personne,
    Presence,
    Production,
    Recommandation,
    RetourParticipants,
    Saisine,
    Seance,
    Structure,
)
from app.modeles.enumerations import (
    EtatPresence,
    Qualite,
    SousDomaine,
    StatutRecommandation,
    StatutSaisine,
    StatutSeance,
    TypeInstance,
    TypeProduction,
)
from app.services.demo import BaseNonVide, creer_demo
from app.services.indicateurs import Periode, calculer, evaluer_seances
from app.services.sieges import EtatSiege

AUJOURDHUI = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def chemin_demo(tmp_path_factory: pytest.TempPathFactory, _modele_de_base: Path) -> Iterator[Path]:
    chemin = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copyfile(_modele_de_base, chemin)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COMITE_LOCAL_AUJOURDHUI", AUJOURDHUI.isoformat())
        base = db.ouvrir(chemin)
        creer_demo(base)
        base.fermer()
    yield chemin


@pytest.fixture
def session(chemin_demo: Path) -> Iterator[Session]:
    base = db.ouvrir(chemin_demo, lecture_seule=True)
    with base.session_scope() as s:
        yield s
    base.fermer()


def test_annuaire_a_la_taille_d_un_comite(session: Session) -> None:
    assert 40 <= len(session.scalars(select(Structure)).all()) <= 50
    personnes = session.scalars(select(Personne)).all()
    assert 55 <= len(personnes) <= 65
    noms = {p.nom for p in personnes}
    assert {"Le Gall", "N'Diaye"} <= noms and any(re.search("[éèêëïôç]", n) for n in noms)
    colleges = session.scalars(select(College).order_by(College.ordre)).all()
    assert len(colleges) == 6 and [c.ordre for c in colleges] == [1, 2, 3, 4, 5, 6]
    types = Counter(i.type for i in session.scalars(select(Instance)))
    assert types == {
        TypeInstance.PLENIERE: 1,
        TypeInstance.BUREAU: 1,
        TypeInstance.COMITE_TECHNIQUE: 1,
        TypeInstance.GROUPE_TRAVAIL: 3,
        TypeInstance.ETHIQUE: 1,
    }
    ethique = session.scalars(select(Instance).where(Instance.type == TypeInstance.ETHIQUE)).one()
    assert ethique.pouvoirs_comptes is False


def test_mandats_suppleants_departs_et_siege_vacant(session: Session) -> None:
    mandats = session.scalars(select(Mandat)).all()
    par_id = {m.id: m for m in mandats}
    suppleants = [m for m in mandats if m.qualite is Qualite.SUPPLEANT]
    assert len(suppleants) >= 10
    assert all(par_id[m.titulaire_id].instance_id == m.instance_id for m in suppleants if m.titulaire_id)
    termines = [m for m in mandats if m.fin is not None and m.fin < AUJOURDHUI]
    assert len({m.motif_fin for m in termines}) >= 2
    remplaces = [
        m
        for m in termines
        if m.qualite is Qualite.TITULAIRE
        and any(
            n.instance_id == m.instance_id and n.college_id == m.college_id and n.debut == m.fin + dt.timedelta(days=1)
            for n in mandats
            if n.qualite is Qualite.TITULAIRE
        )
    ]
    vacants = [m for m in termines if m.qualite is Qualite.TITULAIRE and m not in remplaces]
    assert len(remplaces) >= 3 and len(vacants) >= 1
    bientot = [m for m in mandats if m.fin is not None and AUJOURDHUI <= m.fin <= AUJOURDHUI + dt.timedelta(days=60)]
    assert len(bientot) >= 1
    assert any(m.voix.value == "consultative" for m in mandats)


def test_dix_huit_mois_de_seances_dans_tous_les_etats(session: Session) -> None:
    seances = session.scalars(select(Seance).order_by(Seance.date)).all()
    assert seances[0].date <= AUJOURDHUI - dt.timedelta(days=30 * 15)
    assert seances[-1].date >= AUJOURDHUI + dt.timedelta(days=45)
    statuts = Counter(s.statut for s in seances)
    assert set(statuts) == set(StatutSeance)
    assert all(s.date > AUJOURDHUI for s in seances if s.statut in (StatutSeance.PLANIFIEE, StatutSeance.CONVOQUEE))
    assert all(s.date < AUJOURDHUI for s in seances if s.statut in (StatutSeance.TENUE, StatutSeance.CLOTUREE))
    assert all(re.fullmatch(r"[A-Z]+\d?-\d{4}-\d{2}", s.reference) for s in seances)
    assert all(s.pv_approuve_le is not None for s in seances if s.statut is StatutSeance.CLOTUREE)
    assert all(s.points for s in seances)
    # A convocation is never dated after today, and a meeting counts as convened only once it has gone.
    assert all(s.convocation_envoyee_le <= AUJOURDHUI for s in seances if s.convocation_envoyee_le is not None)
    assert all(s.convocation_envoyee_le is not None for s in seances if s.statut is StatutSeance.CONVOQUEE)
    assert any(s.statut is StatutSeance.CONVOQUEE for s in seances)


def test_presences_avec_supplees_pouvoirs_pouvoir_caduc_et_invites(session: Session) -> None:
    _, evaluees = evaluer_seances(session, Periode())
    etats = Counter(siege.etat for e in evaluees for siege in e.sieges)
    assert etats[EtatSiege.SUPPLEE] >= 5 and etats[EtatSiege.REPRESENTE] >= 5 and etats[EtatSiege.ABSENT] >= 5
    sans_quorum = [e for e in evaluees if not e.quorum_atteint]
    assert [e.seance.reference for e in sans_quorum if e.seance.reference.startswith("PL")] == ["PL-2026-01"]
    assert len(sans_quorum) <= 2
    seconde = session.scalars(select(Seance).where(Seance.reference == "PL-2026-02")).one()
    assert seconde.motif_urgence and "quorum" in seconde.motif_urgence
    presences = session.scalars(select(Presence)).all()
    par_seance: dict[int, dict[int, Presence]] = {}
    for p in presences:
        par_seance.setdefault(p.seance_id, {})[p.personne_id] = p
    caducs = [
        p
        for p in presences
        if p.etat is EtatPresence.REPRESENTE
        and par_seance[p.seance_id][p.pouvoir_a_id or 0].etat not in (EtatPresence.PRESENT, EtatPresence.VISIO)
    ]
    assert len(caducs) == 1
    # every proxy holder is a member of that instance on that day, never a guest
    mandats = session.scalars(select(Mandat)).all()
    seances = {s.id: s for s in session.scalars(select(Seance))}
    for p in presences:
        if p.pouvoir_a_id is not None:
            s = seances[p.seance_id]
            assert any(
                m.personne_id == p.pouvoir_a_id and m.instance_id == s.instance_id and m.actif_le(s.date)
                for m in mandats
            )
    invites = [
        p
        for p in presences
        if not any(
            m.personne_id == p.personne_id
            and m.instance_id == seances[p.seance_id].instance_id
            and m.actif_le(seances[p.seance_id].date)
            for m in mandats
        )
    ]
    assert len(invites) >= 5


def test_saisines_et_recommandations_a_tous_les_stades(session: Session) -> None:
    saisines = session.scalars(select(Saisine).order_by(Saisine.recue_le)).all()
    assert len(saisines) >= 6
    assert all(re.fullmatch(r"SAI-\d{4}-\d{3}", s.numero) and s.numero[4:8] == str(s.recue_le.year) for s in saisines)
    assert {StatutSaisine.RECUE, StatutSaisine.IRRECEVABLE, StatutSaisine.REORIENTEE, StatutSaisine.TRANSMISE} <= {
        s.statut for s in saisines
    }
    for s in saisines:
        chaine = [(t.de, t.vers) for t in s.transitions]
        assert chaine[0] == (None, StatutSaisine.RECUE) and chaine[-1][1] is s.statut
        assert all(a[1] == b[0] for a, b in itertools.pairwise(chaine))
        assert all(a.le <= b.le for a, b in zip(s.transitions, s.transitions[1:], strict=False))
    assert len(session.scalars(select(DemandeurSaisine)).all()) == len(saisines)
    assert any(s.escaladee_hcts_le for s in saisines)
    # the anonymised texts name nobody from the directory
    noms = {p.nom for p in session.scalars(select(Personne))}
    assert not any(nom in s.question + s.contexte for s in saisines for nom in noms)
    recommandations = session.scalars(select(Recommandation)).all()
    assert {r.statut for r in recommandations} >= {
        StatutRecommandation.PROJET,
        StatutRecommandation.SOUMISE,
        StatutRecommandation.ADOPTEE,
        StatutRecommandation.PUBLIEE,
    }
    assert all(re.fullmatch(r"REC-\d{4}-\d{3}", r.numero) and r.versions for r in recommandations)
    assert all(r.seance_adoption_id is not None for r in recommandations if r.adoptee_le is not None)


def test_travaux_echanges_et_evaluation(session: Session) -> None:
    productions = session.scalars(select(Production)).all()
    assert len({p.type for p in productions}) >= 5 and any(p.type is TypeProduction.RECOMMANDATION for p in productions)
    assert sum(len(p.diffusions) for p in productions) >= 8
    assert {e.sens.value for e in session.scalars(select(EchangeHcts))} == {"vers_hcts", "depuis_hcts"}
    assert {n.sous_domaine for n in session.scalars(select(NoteEvaluation))} == set(SousDomaine)
    assert len(session.scalars(select(RetourParticipants)).all()) >= 40


def test_figures_plausibles(session: Session) -> None:
    donnees = calculer(session, Periode())
    assert len(donnees["seances"]) > 50
    assert all(c["taux_presence"] is not None and 0.5 < c["taux_presence"] < 0.95 for c in donnees["colleges"])
    assert donnees["mobilisation"]["3_mois"]["seances_tenues"] >= 4
    assert donnees["mobilisation"]["6_mois"]["travailleurs_sociaux_presents"] >= 5
    assert donnees["saisines"]["avis_rendus"] >= 2 and donnees["recommandations"]["publiees"] == 1


def _contenu(chemin: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table but the audit journal (it holds the real clock time)."""
    base = db.ouvrir(chemin, lecture_seule=True)
    contenu: dict[str, list[tuple[object, ...]]] = {}
    with base.session_scope() as s:
        for table in Base.metadata.sorted_tables:
            if table.name != "journal":
                contenu[table.name] = [tuple(r) for r in s.execute(select(table).order_by(*table.primary_key))]
    base.fermer()
    return contenu


def test_deterministe(chemin_demo: Path, chemin_base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", AUJOURDHUI.isoformat())
    base = db.ouvrir(chemin_base)
    creer_demo(base)
    base.fermer()
    assert _contenu(chemin_base) == _contenu(chemin_demo)
    with (
        db.ouvrir(chemin_base, lecture_seule=True).session_scope() as s1,
        db.ouvrir(chemin_demo, lecture_seule=True).session_scope() as s2,
    ):
        assert json.dumps(calculer(s1, Periode()), sort_keys=True) == json.dumps(
            calculer(s2, Periode()), sort_keys=True
        )


def test_suit_la_date_du_jour(chemin_base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2027-03-01")
    base = db.ouvrir(chemin_base)
    creer_demo(base)
    with base.session_scope() as s:
        dates = [d for (d,) in s.execute(select(Seance.date).order_by(Seance.date))]
        futures = s.scalars(select(Seance).where(Seance.date > dt.date(2027, 3, 1))).all()
    base.fermer()
    assert dates[0].year == 2025 and dates[0].month == 11
    assert futures and all(f.statut in (StatutSeance.PLANIFIEE, StatutSeance.CONVOQUEE) for f in futures)


def test_refuse_une_base_non_vide_sans_rien_changer(chemin_demo: Path, tmp_path: Path) -> None:
    copie = tmp_path / "copie.db"
    shutil.copyfile(chemin_demo, copie)
    avant = _contenu(copie)
    base = db.ouvrir(copie)
    with pytest.raises(BaseNonVide, match="déjà des données"):
        creer_demo(base)
    base.fermer()
    assert _contenu(copie) == avant


def test_integrite(chemin_demo: Path) -> None:
    assert db.verifier_integrite(chemin_demo).problemes == []
