"""The ANSA workbook read back: its figures are `calculer`'s to the last digit, on the demo and a small committee.

`verifier_chiffres` is also used by the command-line test, against `indicateurs --json`.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app import db
from app.modeles import DemandeurSaisine, EchangeHcts, NoteEvaluation, Personne
from app.modeles.enumerations import (
    CanalDiffusion,
    CategorieCollege,
    EtatPresence,
    NiveauRetour,
    PublicDiffusion,
    QuestionRetour,
    RubriqueNote,
    SensEchange,
    SousDomaine,
    StatutSaisine,
    ThemeEthique,
    TypeProduction,
)
from app.services import export_ansa
from app.services.demo import creer_demo
from app.services.export_ansa import classeur_ansa, code_membre, lire_classeur
from app.services.indicateurs import Periode, calculer
from tests.services.fabrique import Fabrique

AUJOURDHUI = "2026-11-22"
FEUILLES_GRILLE = (
    "1.1 Lancement",
    "1.2 Mobilisation",
    "1.3 Installation et déroulement",
    "2.1 Réalisations",
    "2.2 Premiers constats",
    "3 Coopération HCTS",
    "4 Accompagnement",
)
FEUILLES = (*FEUILLES_GRILLE, "Séances", "Présences", "Membres", "Saisines", "Productions", "Diffusions", "Définitions")
ETATS = ("Présent", "Suppléé", "Représenté", "Excusé", "Absent")
PERIODES = [Periode(), Periode(dt.date(2026, 1, 1), dt.date(2026, 6, 30))]


# --- reading the workbook back ----------------------------------------------------------------------------------


def ouvrir(contenu: bytes) -> Any:
    return load_workbook(io.BytesIO(contenu))


def lignes(feuille: Any) -> list[dict[str, Any]]:
    """The rows of a data sheet as header → value (the header is row 1)."""
    rangees = list(feuille.iter_rows(values_only=True))
    entetes = rangees[0]
    return [dict(zip(entetes, r, strict=True)) for r in rangees[1:] if any(v is not None for v in r)]


def chiffres(feuille: Any) -> dict[str, Any]:
    """Indicator → value of a grid sheet (column B → column C, from the header row on)."""
    resultat: dict[str, Any] = {}
    for _item, libelle, valeur in feuille.iter_rows(min_row=6, max_col=3, values_only=True):
        if isinstance(libelle, str) and libelle not in resultat:
            resultat[" ".join(libelle.replace("\u202f", " ").replace("\u00a0", " ").split())] = valeur
    return resultat


def _nul(valeur: Any) -> Any:
    return None if valeur == "—" else valeur  # a grid cell shows « — » where there is no figure


def verifier_chiffres(contenu: bytes, r: dict[str, Any]) -> None:
    """Every figure of `r` (the indicators object) is in the workbook, equal to the last digit."""
    classeur = ouvrir(contenu)
    assert tuple(classeur.sheetnames) == FEUILLES

    seances = lignes(classeur["Séances"])
    assert [s["Référence"] for s in seances] == [s["reference"] for s in r["seances"]]
    for ligne, bloc in zip(seances, r["seances"], strict=True):
        assert ligne["Instance"] == bloc["instance"]
        assert ligne["Date"].date() == dt.date.fromisoformat(bloc["date"])
        comptes = (ligne[k] for k in ("Attendus", "Présents", "Suppléés", "Représentés", "Excusés", "Absents"))
        cles = ("attendus", "presents", "supplees", "representes", "excuses", "absents")
        assert tuple(comptes) == tuple(bloc[k] for k in cles)
        assert ligne["Taux de présence"] == bloc["taux_presence"]  # the fraction itself, not rounded
        assert ligne["Quorum atteint"] == ("Oui" if bloc["quorum_atteint"] else "Non")

    membres = lignes(classeur["Membres"])
    vus = Counter(
        (m["Collège"] or None, m["Séances attendues"], m["Séances présentes"], m["Assiduité"]) for m in membres
    )
    attendus = Counter(
        (m["college"], m["seances_attendues"], m["seances_presentes"], m["assiduite"]) for m in r["membres"]
    )
    assert vus == attendus
    if membres and "Nom" in membres[0]:
        nommes = [(m["Nom"], m["Prénom"], m["Séances attendues"], m["Assiduité"]) for m in membres]
        assert nommes == [(m["nom"], m["prenom"], m["seances_attendues"], m["assiduite"]) for m in r["membres"]]

    mobilisation = chiffres(classeur["1.2 Mobilisation"])
    assert mobilisation["Séances tenues dans la période"] == len(r["seances"])
    for c in r["colleges"]:
        (cle,) = [k for k in mobilisation if k.startswith(f"Collège « {c['college']} »")]
        assert _nul(mobilisation[cle]) == c["taux_presence"]
        assert f"sur {c['attendus']} sièges attendus" in cle

    constats = chiffres(classeur["2.2 Premiers constats"])
    for cle, mois in (("3_mois", 3), ("6_mois", 6)):
        m = r["mobilisation"][cle]
        a = f"À {mois} mois :"
        assert constats[f"{a} séances tenues"] == m["seances_tenues"]
        assert constats[f"{a} personnes présentes"] == m["personnes_presentes"]
        assert constats[f"{a} structures représentées"] == m["structures_representees"]
        assert constats[f"{a} travailleurs sociaux présents"] == m["travailleurs_sociaux_presents"]
        assert constats[f"{a} personnes accompagnées présentes"] == m["personnes_accompagnees_presentes"]
        assert _nul(constats[f"{a} taux de présence"]) == m["taux_presence"]

    realisations = chiffres(classeur["2.1 Réalisations"])
    for t in TypeProduction:
        assert realisations[f"Productions — {t.libelle}"] == r["productions"]["par_type"][t.value]
    for c in CanalDiffusion:
        assert realisations[f"Diffusions — canal : {c.libelle}"] == r["productions"]["diffusions_par_canal"][c.value]
    s = r["saisines"]
    assert realisations["Saisines reçues"] == s["recues"]
    assert realisations["Saisines déclarées recevables"] == s["recevables"]
    assert realisations["Avis rendus sur saisine (transmis)"] == s["avis_rendus"]
    assert _nul(realisations["Délai médian de traitement (jours)"]) == s["delai_median_jours"]
    for t in ThemeEthique:
        assert realisations[f"Saisines reçues — thème : {t.libelle}"] == s["par_theme"][t.value]
    assert realisations["Avis et recommandations adoptés"] == r["recommandations"]["adoptees"]
    assert realisations["Avis et recommandations publiés"] == r["recommandations"]["publiees"]


def toutes_les_cellules(contenu: bytes) -> list[str]:
    classeur = ouvrir(contenu)
    return [str(v) for f in classeur.worksheets for rangee in f.iter_rows(values_only=True) for v in rangee if v]


# --- the demo base ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def _demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chemin = tmp_path_factory.mktemp("demo-ansa") / "demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COMITE_LOCAL_AUJOURDHUI", AUJOURDHUI)
        base = db.ouvrir(chemin)
        try:
            creer_demo(base)
        finally:
            base.fermer()
    return chemin


@pytest.fixture
def demo(_demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", AUJOURDHUI)
    chemin = tmp_path / "demo.db"
    shutil.copyfile(_demo, chemin)
    return chemin


def _exporter(chemin: Path, periode: Periode, *, noms: bool = False) -> tuple[bytes, dict[str, Any]]:
    base = db.ouvrir(chemin, lecture_seule=True)
    try:
        with base.session_scope() as session:
            return classeur_ansa(session, periode, noms=noms), calculer(session, periode)
    finally:
        base.fermer()


@pytest.mark.parametrize("periode", PERIODES, ids=["sans-bornes", "premier-semestre-2026"])
@pytest.mark.parametrize("noms", [False, True], ids=["codes", "noms"])
def test_demo_chiffres_egaux_aux_indicateurs(demo: Path, periode: Periode, noms: bool) -> None:
    contenu, resultat = _exporter(demo, periode, noms=noms)
    assert resultat["seances"] and resultat["membres"]  # something to compare
    verifier_chiffres(contenu, resultat)


def test_demo_periode_bornee_differe_de_sans_bornes(demo: Path) -> None:
    tout, _ = _exporter(demo, PERIODES[0])
    semestre, _ = _exporter(demo, PERIODES[1])
    assert len(lignes(ouvrir(semestre)["Séances"])) < len(lignes(ouvrir(tout)["Séances"]))


def test_demo_noms_absents_sauf_si_demandes(demo: Path) -> None:
    base = db.ouvrir(demo, lecture_seule=True)
    with base.session_scope() as session:
        personnes = [(p.nom, p.prenom) for p in session.scalars(select(Personne))]
    base.fermer()

    def nommes(cellules: list[str]) -> set[str]:
        trouves = set()
        for cellule in cellules:
            for nom, prenom in personnes:
                if f"{prenom} {nom}" in cellule or f"{nom} {prenom}" in cellule or cellule in (nom, prenom):
                    trouves.add(f"{prenom} {nom}")
        return trouves

    anonyme, _ = _exporter(demo, Periode())
    assert nommes(toutes_les_cellules(anonyme)) == set()
    avec_noms, resultat = _exporter(demo, Periode(), noms=True)
    assert len(nommes(toutes_les_cellules(avec_noms))) >= len(resultat["membres"])


def test_demo_chaque_sous_domaine_a_sa_feuille_et_ses_notes(demo: Path) -> None:
    contenu, _ = _exporter(demo, Periode())
    classeur = ouvrir(contenu)
    base = db.ouvrir(demo, lecture_seule=True)
    with base.session_scope() as session:
        notes = [(n.sous_domaine, n.texte) for n in session.scalars(select(NoteEvaluation))]
    base.fermer()
    assert {s for s, _ in notes} == set(SousDomaine)  # the demo files a note under every sub-domain
    for sous_domaine, nom in zip(SousDomaine, FEUILLES_GRILLE, strict=True):
        feuille = classeur[nom]
        assert feuille["A1"].value == sous_domaine.libelle
        textes = {v for rangee in feuille.iter_rows(values_only=True) for v in rangee}
        for s, texte in notes:
            assert (texte in textes) is (s is sous_domaine)


def test_demo_presences_une_ligne_par_siege_attendu(demo: Path) -> None:
    contenu, resultat = _exporter(demo, Periode())
    presences = lignes(ouvrir(contenu)["Présences"])
    par_seance: dict[str, Counter[str]] = {}
    for p in presences:
        par_seance.setdefault(p["Séance"], Counter())[p["État du siège"]] += 1
    for bloc in resultat["seances"]:
        etats = par_seance.get(bloc["reference"], Counter())
        assert sum(etats.values()) == bloc["attendus"]
        cles = ("presents", "supplees", "representes", "excuses", "absents")
        assert tuple(etats[e] for e in ETATS) == tuple(bloc[k] for k in cles)
    assert all(p["Code membre"].startswith("M-") for p in presences)


def test_presences_agregees_par_seance_et_college_au_dela_du_seuil(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_ansa, "SEUIL_PRESENCES_DETAILLEES", 10)
    contenu, resultat = _exporter(demo, Periode())
    presences = lignes(ouvrir(contenu)["Présences"])
    assert "Code membre" not in presences[0] and "Collège" in presences[0]
    cles = ("attendus", "presents", "supplees", "representes", "excuses", "absents")
    entetes = ("Attendus", "Présents", "Suppléés", "Représentés", "Excusés", "Absents")
    for bloc in resultat["seances"]:
        sommes = [sum(p[e] for p in presences if p["Séance"] == bloc["reference"]) for e in entetes]
        assert sommes == [bloc[k] for k in cles]


def test_demo_octets_identiques_d_un_export_a_l_autre(demo: Path) -> None:
    assert _exporter(demo, Periode())[0] == _exporter(demo, Periode())[0]


# --- a committee built by hand ----------------------------------------------------------------------------------


def _comite(f: Fabrique) -> dict[str, Any]:
    """Two collèges, a plenary and a working group, a referral whose requester is recorded, notes in 1.1 … 4."""
    f.comite(installe_le=dt.date(2026, 1, 10))
    ts = f.college("Travailleurs sociaux", CategorieCollege.TRAVAILLEURS_SOCIAUX, ordre=1)
    pa = f.college("Personnes accompagnées", CategorieCollege.PERSONNES_ACCOMPAGNEES, ordre=2)
    pl = f.instance("Plénière", quorum=(1, 2))
    injection = f.personne('=HYPERLINK("http://x","y")', "Zoé")
    anne, paul, lea = f.personne("Durand", "Anne"), f.personne("Girard", "Paul"), f.personne("Martin", "Léa")
    m_anne = f.mandat(anne, pl, ts)
    f.mandat(paul, pl, ts, suppleant_de=m_anne)
    f.mandat(lea, pl, pa)
    f.mandat(injection, pl, pa)
    s1 = f.seance(pl, dt.date(2026, 2, 5))
    f.presences(s1, [(anne, EtatPresence.PRESENT), (lea, EtatPresence.VISIO), (injection, EtatPresence.EXCUSE)])
    s2 = f.seance(pl, dt.date(2026, 9, 3))
    f.presences(s2, [(paul, EtatPresence.PRESENT), (lea, EtatPresence.ABSENT)])
    f.retour(s1, QuestionRetour.UTILITE, NiveauRetour.TOUT_A_FAIT, 2)
    f.retour(s1, QuestionRetour.UTILITE, NiveauRetour.PLUTOT_PAS, 1)
    saisine = f.saisine(
        dt.date(2026, 3, 1),
        statut=StatutSaisine.TRANSMISE,
        recevable_le=dt.date(2026, 3, 5),
        transmise_le=dt.date(2026, 5, 30),
        themes=(ThemeEthique.CONSENTEMENT,),
    )
    f._ajouter(DemandeurSaisine(saisine_id=saisine.id, identite="Madame Secrète Identité", coordonnees="06 00"))
    guide = f.production(TypeProduction.GUIDE, dt.date(2026, 4, 1), titre="+Guide du partage")
    f.diffusion(guide, CanalDiffusion.COURRIEL, dt.date(2026, 4, 2), public=PublicDiffusion.HCTS, nombre_atteint=3)
    f._ajouter(
        EchangeHcts(date=dt.date(2026, 4, 3), sens=SensEchange.DEPUIS_HCTS, objet="Note du HCTS", suite_donnee="Lue")
    )
    for rang, sous_domaine in enumerate(SousDomaine):
        f._ajouter(
            NoteEvaluation(
                date=dt.date(2026, 2, 1 + rang),
                sous_domaine=sous_domaine,
                rubrique=RubriqueNote.LEVIERS,
                texte=f"Note {sous_domaine.value} dans la période",
            )
        )
    f._ajouter(
        NoteEvaluation(
            date=dt.date(2026, 10, 1),
            sous_domaine=SousDomaine.LANCEMENT,
            rubrique=RubriqueNote.DIFFICULTES,
            texte="-Note tardive",
        )
    )
    return {"injection": injection, "anne": anne}


@pytest.mark.parametrize("periode", PERIODES, ids=["sans-bornes", "premier-semestre-2026"])
def test_comite_fait_main_chiffres_egaux_aux_indicateurs(base: db.BaseDeDonnees, periode: Periode) -> None:
    with base.session_scope() as session:
        _comite(Fabrique(session))
    with base.session_scope() as session:
        resultat = calculer(session, periode)
        contenu = classeur_ansa(session, periode, noms=True)
    verifier_chiffres(contenu, resultat)
    # Checked by hand: PL-2026-01 has 3 seats (Anne present, Léa in video, Zoé excused) → 2/3.
    (premiere, *_) = lignes(ouvrir(contenu)["Séances"])
    assert premiere["Référence"] == "PL-2026-01" and premiere["Taux de présence"] == 2 / 3


def test_comite_fait_main_notes_de_la_periode_et_retours(base: db.BaseDeDonnees) -> None:
    with base.session_scope() as session:
        _comite(Fabrique(session))
    with base.session_scope() as session:
        contenu = classeur_ansa(session, PERIODES[1])
    classeur = ouvrir(contenu)
    for sous_domaine, nom in zip(SousDomaine, FEUILLES_GRILLE, strict=True):
        textes = [v for rangee in classeur[nom].iter_rows(values_only=True) for v in rangee]
        assert f"Note {sous_domaine.value} dans la période" in textes
        assert "Leviers" in textes
    assert "-Note tardive" not in toutes_les_cellules(contenu)  # dated after the period
    constats = chiffres(classeur["2.2 Premiers constats"])
    assert constats["Utilité des échanges : réponses au questionnaire"] == 3
    assert constats["Utilité des échanges : « Tout à fait »"] == 2
    assert constats["Utilité des échanges : « Plutôt pas »"] == 1
    cooperation = chiffres(classeur["3 Coopération HCTS"])
    assert cooperation["Échanges venant du HCTS"] == 1
    assert cooperation["Diffusions de productions vers le HCTS"] == 1


def test_comite_fait_main_textes_jamais_formules(base: db.BaseDeDonnees) -> None:
    with base.session_scope() as session:
        _comite(Fabrique(session))
    with base.session_scope() as session:
        contenu = classeur_ansa(session, Periode(), noms=True)
    classeur = ouvrir(contenu)
    trouvees = 0
    for feuille in classeur.worksheets:
        for rangee in feuille.iter_rows():
            for cellule in rangee:
                if isinstance(cellule.value, str) and cellule.value.startswith(("=", "+", "-", "@")):
                    assert cellule.data_type == "s", (feuille.title, cellule.coordinate)
                    trouvees += 1
    assert trouvees >= 4  # the member's name (Membres, Présences), the production's title (twice), a note
    membres = lignes(classeur["Membres"])
    assert '=HYPERLINK("http://x","y")' in [m["Nom"] for m in membres]


def test_comite_fait_main_codes_stables_et_demandeur_jamais_exporte(base: db.BaseDeDonnees) -> None:
    with base.session_scope() as session:
        gens = _comite(Fabrique(session))
        anne_id, injection_id = gens["anne"].id, gens["injection"].id
    with base.session_scope() as session:
        donnees = lire_classeur(session, Periode())
        contenu = classeur_ansa(session, Periode())
    codes = {m.code for m in donnees.membres}
    assert {code_membre(anne_id), code_membre(injection_id)} <= codes
    assert code_membre(anne_id) == f"M-{anne_id:04d}"
    cellules = toutes_les_cellules(contenu)
    assert not any("HYPERLINK" in c or "Durand" in c for c in cellules)
    assert not any("Secrète" in c for c in cellules)
    (saisine,) = lignes(ouvrir(contenu)["Saisines"])
    assert saisine["Type de demandeur"] == "Travailleur social" and saisine["Délai (jours)"] == 90
