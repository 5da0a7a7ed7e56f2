"""The report to the HCTS and the candidature dossier read from the base: the report's figures are the indicators'
for the same period (on the demo base and on a small committee counted by hand), the PDF prints them, nothing
about a referral's requester is read, people receiving support are never named."""

from __future__ import annotations

import ast
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app import db
from app.format_fr import date_longue, oui_non, pourcentage
from app.modeles import ComiteMission, ComitePorteur, EchangeHcts, NoteEvaluation, PieceJointe
from app.modeles.enumerations import (
    CanalDiffusion,
    CategorieCollege,
    EtatPresence,
    Mission,
    NatureComite,
    Partenariat,
    Role,
    RubriqueNote,
    SensEchange,
    SousDomaine,
    StatutRecommandation,
    StatutSaisine,
    ThemeEthique,
    TypeInstance,
    TypeProduction,
    TypeStructure,
)
from app.services import dossier_candidature, rapport_hcts
from app.services.demo import creer_demo
from app.services.indicateurs import Periode, calculer
from tests.documents.outils import contient, occurrences, texte
from tests.services.fabrique import Fabrique

AUJOURDHUI = "2026-11-22"
ANNEE_2026 = Periode(dt.date(2026, 1, 1), dt.date(2026, 12, 31))


@pytest.fixture(scope="module")
def chemin_demo(tmp_path_factory: pytest.TempPathFactory, _modele_de_base: Path) -> Path:
    chemin = tmp_path_factory.mktemp("demo-rapports") / "demo.db"
    shutil.copyfile(_modele_de_base, chemin)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COMITE_LOCAL_AUJOURDHUI", AUJOURDHUI)
        base = db.ouvrir(chemin)
        creer_demo(base)
        base.fermer()
    return chemin


@pytest.fixture
def demo(chemin_demo: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", AUJOURDHUI)
    base = db.ouvrir(chemin_demo, lecture_seule=True)
    with base.session_scope() as s:
        yield s
    base.fermer()


@pytest.fixture
def session(base: db.BaseDeDonnees) -> Iterator[Session]:
    with base.session_scope() as s:
        yield s


def _memes_chiffres(r: rapport_hcts.dr.RapportHcts, ind: dict[str, object]) -> None:
    """Every figure of the report against the indicators object, field by field."""
    seances = ind["seances"]
    assert isinstance(seances, list)
    assert [
        (
            s.reference,
            s.instance,
            s.date.isoformat(),
            s.attendus,
            s.presents,
            s.supplees,
            s.representes,
            s.excuses,
            s.absents,
            s.taux_presence,
            s.quorum_atteint,
        )
        for s in r.seances
    ] == [
        (
            s["reference"],
            s["instance"],
            s["date"],
            s["attendus"],
            s["presents"],
            s["supplees"],
            s["representes"],
            s["excuses"],
            s["absents"],
            s["taux_presence"],
            s["quorum_atteint"],
        )
        for s in seances
    ]
    colleges = ind["colleges"]
    assert isinstance(colleges, list)
    assert [(c.college, c.attendus, c.presents, c.supplees, c.taux_presence) for c in r.colleges] == [
        (c["college"], c["attendus"], c["presents"], c["supplees"], c["taux_presence"]) for c in colleges
    ]
    membres = ind["membres"]
    assert isinstance(membres, list)
    assert r.membres == len(membres)
    assert sum(c.membres for c in r.colleges) == len(membres)
    mobilisation = ind["mobilisation"]
    assert isinstance(mobilisation, dict)
    for m in r.mobilisation:
        attendu = mobilisation[f"{m.mois}_mois"]
        assert (
            m.seances_tenues,
            m.personnes_presentes,
            m.structures_representees,
            m.travailleurs_sociaux_presents,
            m.personnes_accompagnees_presentes,
            m.taux_presence,
        ) == (
            attendu["seances_tenues"],
            attendu["personnes_presentes"],
            attendu["structures_representees"],
            attendu["travailleurs_sociaux_presents"],
            attendu["personnes_accompagnees_presentes"],
            attendu["taux_presence"],
        )
    saisines = ind["saisines"]
    assert isinstance(saisines, dict)
    assert (r.saisines_recues, r.saisines_recevables, r.avis_rendus, r.delai_median_jours) == (
        saisines["recues"],
        saisines["recevables"],
        saisines["avis_rendus"],
        saisines["delai_median_jours"],
    )
    assert [c.nombre for c in r.saisines_par_theme] == list(saisines["par_theme"].values())
    recommandations = ind["recommandations"]
    assert isinstance(recommandations, dict)
    assert (r.recommandations_adoptees, r.recommandations_publiees) == (
        recommandations["adoptees"],
        recommandations["publiees"],
    )
    assert len(r.adoptees) == recommandations["adoptees"]
    productions = ind["productions"]
    assert isinstance(productions, dict)
    assert [c.nombre for c in r.productions_par_type] == list(productions["par_type"].values())
    assert [c.nombre for c in r.diffusions_par_canal] == list(productions["diffusions_par_canal"].values())
    assert len(r.productions) == sum(productions["par_type"].values())


@pytest.mark.parametrize("periode", [ANNEE_2026, Periode(), Periode(dt.date(2026, 3, 1), dt.date(2026, 6, 30))])
def test_demo_memes_chiffres_que_les_indicateurs(demo: Session, periode: Periode) -> None:
    _memes_chiffres(rapport_hcts.rapport_hcts(demo, periode), calculer(demo, periode))


def test_demo_pdf_imprime_les_chiffres(demo: Session) -> None:
    ind = calculer(demo, ANNEE_2026)
    t = texte(rapport_hcts.rapport_hcts_pdf(demo, ANNEE_2026))
    assert contient(t, f"{len(ind['seances'])} séances tenues sur la période")
    for s in ind["seances"]:
        chiffres = " ".join(
            str(s[k]) for k in ("attendus", "presents", "supplees", "representes", "excuses", "absents")
        )
        jour = date_longue(dt.date.fromisoformat(s["date"]))
        ligne = f"{s['reference']} {jour} {chiffres} {pourcentage(s['taux_presence'])} {oui_non(s['quorum_atteint'])}"
        assert contient(t, ligne), ligne
    sa = ind["saisines"]
    assert contient(t, f"Saisines reçues {sa['recues']}") and contient(t, f"Avis rendus (transmis) {sa['avis_rendus']}")
    assert contient(t, "Délai médian " + f"{sa['delai_median_jours']:.1f}".replace(".", ",") + " jours")
    # The demo adopted REC-2026-001 (5 February) and REC-2026-002 (4 June) in 2026.
    assert ind["recommandations"]["adoptees"] == 2
    assert contient(t, "REC-2026-001") and contient(t, "REC-2026-002") and not contient(t, "REC-2026-003")
    m3 = ind["mobilisation"]["3_mois"]
    assert contient(t, f"3 mois {m3['seances_tenues']} {m3['personnes_presentes']} {m3['structures_representees']}")


def _petit_comite(f: Fabrique) -> None:
    """Two collèges (social workers, people receiving support), one plenary held twice (one meeting in 2025)."""
    comite = f.comite(dt.date(2026, 1, 5), nom="Comité de la Haute-Lande")
    comite.nature = NatureComite.CREATION
    comite.regles_saisine = "Par courriel au secrétariat."
    cd = f.structure("Conseil départemental de la Haute-Lande", TypeStructure.CONSEIL_DEPARTEMENTAL)
    cd.partenariat = Partenariat.EXISTANT
    cd.lettre_engagement_le = dt.date(2025, 12, 1)
    f._ajouter(ComitePorteur(comite_id=comite.id, structure_id=cd.id))
    f._ajouter(ComiteMission(comite_id=comite.id, code=Mission.ETHIQUE_DEONTOLOGIE))
    f._ajouter(
        PieceJointe(
            entite="structure",
            entite_id=cd.id,
            sha256="0" * 64,
            nom_fichier="lettre-cd.pdf",
            taille=10,
            ajoutee_le=dt.datetime(2025, 12, 2, 9, 0),
        )
    )
    pl = f.instance("Plénière")
    ts = f.college("Travailleurs sociaux", CategorieCollege.TRAVAILLEURS_SOCIAUX, ordre=1)
    pa = f.college("Personnes accompagnées", CategorieCollege.PERSONNES_ACCOMPAGNEES, ordre=2)
    anne, bruno, carla = f.titulaires(pl, ts, "Arnaud", "Besson", "Cordier")
    dora = f.personne("Dumas", "Dora")
    f.mandat(dora, pl, pa, role=Role.PRESIDENT)
    s1 = f.seance(pl, dt.date(2026, 2, 10))
    f.presences(
        s1,
        [
            (anne, EtatPresence.PRESENT),
            (bruno, EtatPresence.VISIO),
            (carla, EtatPresence.EXCUSE),
            (dora, EtatPresence.PRESENT),
        ],
    )
    s0 = f.seance(pl, dt.date(2025, 11, 10))
    f.presences(s0, [(anne, EtatPresence.PRESENT)])
    f.saisine(
        dt.date(2026, 1, 10),
        statut=StatutSaisine.TRANSMISE,
        recevable_le=dt.date(2026, 1, 12),
        transmise_le=dt.date(2026, 3, 1),
        themes=(ThemeEthique.NUMERIQUE,),
    )
    f.recommandation(statut=StatutRecommandation.ADOPTEE, adoptee_le=dt.date(2026, 2, 10))
    f.recommandation(statut=StatutRecommandation.ADOPTEE, adoptee_le=dt.date(2025, 12, 1), annee=2025)
    p = f.production(TypeProduction.GUIDE, dt.date(2026, 4, 1), "Guide du partage")
    f.diffusion(p, CanalDiffusion.SITE_INTERNET, dt.date(2026, 4, 2), nombre_atteint=30)
    f._ajouter(EchangeHcts(date=dt.date(2026, 5, 1), sens=SensEchange.VERS_HCTS, objet="Bilan d'étape"))
    f._ajouter(EchangeHcts(date=dt.date(2025, 5, 1), sens=SensEchange.VERS_HCTS, objet="Hors période"))
    f._ajouter(
        NoteEvaluation(
            date=dt.date(2026, 6, 1),
            sous_domaine=SousDomaine.INSTALLATION,
            rubrique=RubriqueNote.LEVIERS,
            texte="Séances préparées avec les personnes.",
        )
    )
    f._ajouter(
        NoteEvaluation(
            date=dt.date(2026, 6, 2),
            sous_domaine=SousDomaine.PREMIERS_CONSTATS,
            rubrique=RubriqueNote.DIFFICULTES,
            texte="Horaires en journée.",
        )
    )


def test_petit_comite_compte_a_la_main(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-11-22")
    f = Fabrique(session)
    _petit_comite(f)
    r = rapport_hcts.rapport_hcts(session, ANNEE_2026)
    _memes_chiffres(r, calculer(session, ANNEE_2026))
    # 2026: one held meeting, 4 expected seats, 3 present (Arnaud, Besson in video, Dumas), Cordier excused.
    assert [(s.reference, s.attendus, s.presents, s.excuses, s.taux_presence) for s in r.seances] == [
        ("PL-2026-01", 4, 3, 1, 0.75)
    ]
    # 4 members: 3 in the social workers' collège, 1 in the people receiving support's.
    assert (r.membres, r.membres_travailleurs_sociaux, r.membres_personnes_accompagnees) == (4, 3, 1)
    assert [(c.college, c.membres, c.attendus, c.presents) for c in r.colleges] == [
        ("Travailleurs sociaux", 3, 3, 2),
        ("Personnes accompagnées", 1, 1, 1),
    ]
    # Referral received 10 January, sent 1 March: 50 days.
    assert (r.saisines_recues, r.avis_rendus, r.delai_median_jours) == (1, 1, 50)
    assert [(a.numero, a.adoptee_le) for a in r.adoptees] == [("REC-2026-001", dt.date(2026, 2, 10))]
    assert [e.objet for e in r.echanges] == ["Bilan d'étape"]
    assert [(n.rubrique, n.texte) for n in r.notes] == [
        ("Leviers", "Séances préparées avec les personnes."),
        ("Difficultés", "Horaires en journée."),
    ]
    assert [n.texte for n in r.leviers_participation] == ["Séances préparées avec les personnes."]
    assert [p.titre for p in r.productions] == ["Guide du partage"]
    assert r.presidence[0].nom_complet == "Dora Dumas"
    assert r.partenaires[0].porteur and r.partenaires[0].fichiers_lettre == ("lettre-cd.pdf",)
    assert r.identite.missions == ("Instance d'éthique et de déontologie",)
    t = texte(rapport_hcts.rapport_hcts_pdf(session, ANNEE_2026))
    assert contient(t, "PL-2026-01 10 février 2026 4 3 0 0 1 0 75,0 % oui")
    assert not contient(t, "PL-2025-01")
    assert contient(t, "3 travailleurs sociaux (75,0 %)") and contient(t, "1 personne accompagnée (25,0 %)")
    assert contient(t, "Délai médian 50 jours") and contient(t, "Hors période") is False


def test_petit_comite_dossier(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-11-22")
    f = Fabrique(session)
    _petit_comite(f)
    d = dossier_candidature.dossier_candidature(session)
    assert d.au == dt.date(2026, 11, 22)
    assert [(c.college, c.personnes, len(c.membres), c.noms_publies) for c in d.colleges] == [
        ("Travailleurs sociaux", 3, 3, True),
        ("Personnes accompagnées", 1, 0, False),
    ]
    t = texte(dossier_candidature.dossier_candidature_pdf(session))
    assert contient(t, "Camille Arnaud")
    # The person receiving support is named only as the chair she is (3.5), never in the composition.
    assert occurrences(t, "Dumas") == 1 and contient(t, "Présidence Dora Dumas")
    assert contient(t, "Conseil départemental de la Haute-Lande Conseil départemental 1er décembre 2025 lettre-cd.pdf")
    assert contient(t, "Par courriel au secrétariat.")


def test_base_sans_comite(session: Session) -> None:
    t = texte(dossier_candidature.dossier_candidature_pdf(session))
    assert t.count("À compléter") >= 10
    assert contient(texte(rapport_hcts.rapport_hcts_pdf(session)), "Aucune séance tenue sur la période.")


@pytest.mark.parametrize("module", [rapport_hcts, dossier_candidature])
def test_ne_lit_rien_du_demandeur(module: object) -> None:
    source = Path(getattr(module, "__file__", "")).read_text(encoding="utf-8")
    noms = {
        n.id if isinstance(n, ast.Name) else n.attr
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Name | ast.Attribute)
    }
    modules = {a.module or "" for a in ast.walk(ast.parse(source)) if isinstance(a, ast.ImportFrom)} | {
        alias.name for a in ast.walk(ast.parse(source)) if isinstance(a, ast.ImportFrom) for alias in a.names
    }
    assert "DemandeurSaisine" not in noms and "DemandeurSaisine" not in modules
    assert not any("demandeurs" in m for m in modules)


def test_instances_dans_leur_ordre(session: Session) -> None:
    f = Fabrique(session)
    f.instance("Bureau", TypeInstance.BUREAU).ordre = 2
    f.instance("Plénière").ordre = 1
    session.flush()
    assert [i.nom for i in rapport_hcts.instances(session)] == ["Plénière", "Bureau"]
