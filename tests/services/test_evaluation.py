"""Evaluation material: the participants' questionnaire of a held meeting (set, replaced, undone; refused for a
meeting not held and for negative counts), dated notes (create, edit, delete, each undone), and the indicators the
Évaluation page shows, equal to `indicateurs.calculer` for the same period."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.erreurs import ErreurConnue
from app.modeles import NoteEvaluation, RetourParticipants
from app.modeles.enumerations import (
    EtatPresence,
    NiveauRetour,
    QuestionRetour,
    RubriqueNote,
    SousDomaine,
    StatutSeance,
)
from app.services import evaluation, indicateurs
from app.services.demo import creer_demo
from app.services.evaluation import FicheNote
from app.services.evaluation_lecture import (
    indicateurs_periode,
    lire_notes,
    notes_par_sous_domaine,
    seances_questionnaire,
)
from app.services.indicateurs import Periode
from app.services.validation import ErreurValidation
from tests.services.fabrique import Fabrique

U, INT = QuestionRetour.UTILITE, QuestionRetour.INTERET
N = NiveauRetour


@pytest.fixture
def seances(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl = f.instance("Plénière")
        tenue = f.seance(pl, dt.date(2026, 3, 5), reference="PL-2026-01")
        planifiee = f.seance(pl, dt.date(2026, 6, 5), statut=StatutSeance.PLANIFIEE, reference="PL-2026-02")
        return tenue.id, planifiee.id


def _lignes(base, seance_id: int) -> dict[tuple[QuestionRetour, NiveauRetour], int]:
    with base.session_scope() as s:
        return evaluation.lire_retours(s, seance_id)


def test_questionnaire_saisi_remplace_puis_annule(base, seances):
    tenue, _ = seances
    premier = {(U, N.TOUT_A_FAIT): 7, (U, N.PLUTOT): 3, (INT, N.TOUT_A_FAIT): 9, (INT, N.PLUTOT_PAS): 1}
    with base.session_scope() as s:
        assert evaluation.definir_retours(s, tenue, premier) == {}
    enregistre = _lignes(base, tenue)
    assert len(enregistre) == 8  # every case written, the ones not given at 0
    assert enregistre[(U, N.TOUT_A_FAIT)] == 7 and enregistre[(U, N.PAS_DU_TOUT)] == 0

    second = {(U, N.TOUT_A_FAIT): 5}
    with base.session_scope() as s:
        avant = evaluation.definir_retours(s, tenue, second)
    assert avant == enregistre
    assert _lignes(base, tenue)[(U, N.TOUT_A_FAIT)] == 5 and _lignes(base, tenue)[(INT, N.TOUT_A_FAIT)] == 0
    with base.session_scope() as s:
        (ligne,) = [q for q in seances_questionnaire(s) if q.id == tenue]
        assert ligne.repondants == (5, 0) and ligne.saisi

    with base.session_scope() as s:  # undo: exactly the first entry back
        evaluation.restaurer_retours(s, tenue, avant)
    assert _lignes(base, tenue) == enregistre

    with base.session_scope() as s:  # all at zero: no questionnaire at all, and undo brings back none
        avant = evaluation.definir_retours(s, tenue, {})
        assert s.scalar(select(func.count()).select_from(RetourParticipants)) == 0
        evaluation.restaurer_retours(s, tenue, {})
        assert not next(q for q in seances_questionnaire(s) if q.id == tenue).saisi
        evaluation.restaurer_retours(s, tenue, avant)
    assert _lignes(base, tenue) == enregistre


def test_questionnaire_refuse_nombre_negatif_et_seance_non_tenue(base, seances):
    tenue, planifiee = seances
    with base.session_scope() as s, pytest.raises(ErreurValidation) as erreur:
        evaluation.definir_retours(s, tenue, {(INT, N.PLUTOT): -1})
    assert erreur.value.message == (
        "« Intérêt des échanges », « Plutôt » : le nombre de réponses doit être un entier positif ou nul."
    )
    with base.session_scope() as s, pytest.raises(ErreurConnue) as erreur_seance:
        evaluation.definir_retours(s, planifiee, {(U, N.PLUTOT): 2})
    assert erreur_seance.value.message.startswith("La séance PL-2026-02 n'est pas tenue (planifiée)")
    with base.session_scope() as s, pytest.raises(ErreurConnue, match="n'existe plus"):
        evaluation.definir_retours(s, 9999, {})
    assert _lignes(base, tenue) == {} and _lignes(base, planifiee) == {}
    with base.session_scope() as s:  # only the held meeting is offered
        assert [q.reference for q in seances_questionnaire(s)] == ["PL-2026-01"]


def test_notes_creees_modifiees_supprimees_et_restaurees(base, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-05-01")
    fiche = FicheNote(0, dt.date(2026, 4, 2), SousDomaine.MOBILISATION, RubriqueNote.LEVIERS, "  Un levier.\n\nDeux. ")
    with base.session_scope() as s:
        cree = evaluation.creer_note(s, fiche)
        autre = evaluation.creer_note(
            s, FicheNote(0, dt.date(2026, 1, 9), SousDomaine.LANCEMENT, RubriqueNote.CONSTAT, "Constat")
        )
    assert cree.id and cree.texte == "Un levier.\n\nDeux."
    with base.session_scope() as s:
        assert [n.id for n in lire_notes(s)] == [autre.id, cree.id]  # 1.1 before 1.2
        groupes = notes_par_sous_domaine(s)
        assert list(groupes) == list(SousDomaine) and groupes[SousDomaine.MOBILISATION] == (cree,)
        assert groupes[SousDomaine.ACCOMPAGNEMENT] == ()

    modifiee = FicheNote(cree.id, dt.date(2026, 4, 3), SousDomaine.ACCOMPAGNEMENT, RubriqueNote.PROPOSITIONS, "Autre")
    with base.session_scope() as s:
        avant = evaluation.modifier_note(s, modifiee)
        assert avant == cree and evaluation.fiche_note(s, cree.id) == modifiee
        evaluation.restaurer_note(s, avant)
        assert evaluation.fiche_note(s, cree.id) == cree

    with base.session_scope() as s:
        supprimee = evaluation.supprimer_note(s, cree.id)
        assert s.get(NoteEvaluation, cree.id) is None
        evaluation.recreer_note(s, supprimee)  # undo: same id, same content
        assert evaluation.fiche_note(s, cree.id) == cree


def test_notes_refusees_sans_texte_ou_dans_le_futur(base, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-05-01")
    with base.session_scope() as s:
        with pytest.raises(ErreurValidation) as vide:
            evaluation.creer_note(
                s, FicheNote(0, dt.date(2026, 4, 2), SousDomaine.LANCEMENT, RubriqueNote.CONSTAT, " ")
            )
        assert (vide.value.champ, vide.value.message) == ("texte", "Le texte de la note est obligatoire.")
        with pytest.raises(ErreurValidation) as futur:
            evaluation.creer_note(
                s, FicheNote(0, dt.date(2026, 5, 2), SousDomaine.LANCEMENT, RubriqueNote.CONSTAT, "x")
            )
        assert futur.value.champ == "date" and "postérieure à aujourd'hui" in futur.value.message
        with pytest.raises(ErreurConnue, match="n'existe plus"):
            evaluation.supprimer_note(s, 12345)
        assert s.scalar(select(func.count()).select_from(NoteEvaluation)) == 0


@pytest.mark.parametrize(
    "periode",
    [
        Periode(),
        Periode(dt.date(2025, 11, 23), dt.date(2026, 11, 22)),
        Periode(dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
    ],
)
def test_indicateurs_de_la_page_egaux_a_calculer(base, monkeypatch, periode):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-11-22")
    creer_demo(base)
    with base.session_scope() as s:
        attendu = indicateurs.calculer(s, periode)
        lu = indicateurs_periode(s, periode)
    assert lu.periode == periode
    assert [
        {
            "reference": x.reference,
            "instance": x.instance,
            "date": x.date.isoformat(),
            "attendus": x.attendus,
            "presents": x.presents,
            "supplees": x.supplees,
            "representes": x.representes,
            "excuses": x.excuses,
            "absents": x.absents,
            "taux_presence": x.taux,
            "quorum_atteint": x.quorum_atteint,
        }
        for x in lu.seances
    ] == attendu["seances"]
    assert lu.seances  # the demo holds meetings in every period tested
    assert [
        {
            "college": c.college,
            "categorie": c.categorie.value,
            "attendus": c.attendus,
            "presents": c.presents,
            "supplees": c.supplees,
            "taux_presence": c.taux,
        }
        for c in lu.colleges
    ] == attendu["colleges"]
    assert [
        {
            "nom": m.nom,
            "prenom": m.prenom,
            "college": m.college,
            "seances_attendues": m.seances_attendues,
            "seances_presentes": m.seances_presentes,
            "assiduite": m.assiduite,
        }
        for m in lu.membres
    ] == attendu["membres"]
    for mobilisation, cle in zip(lu.mobilisation, ("3_mois", "6_mois"), strict=True):
        assert {
            "seances_tenues": mobilisation.seances_tenues,
            "personnes_presentes": mobilisation.personnes_presentes,
            "structures_representees": mobilisation.structures_representees,
            "travailleurs_sociaux_presents": mobilisation.travailleurs_sociaux_presents,
            "personnes_accompagnees_presentes": mobilisation.personnes_accompagnees_presentes,
            "taux_presence": mobilisation.taux,
        } == attendu["mobilisation"][cle]
    assert {
        "recues": lu.saisines_recues,
        "recevables": lu.saisines_recevables,
        "avis_rendus": lu.avis_rendus,
        "delai_median_jours": lu.delai_median_jours,
        "par_theme": {t.value: n for t, n in lu.saisines_par_theme},
    } == attendu["saisines"]
    assert {"adoptees": lu.recommandations_adoptees, "publiees": lu.recommandations_publiees} == attendu[
        "recommandations"
    ]
    assert {
        "par_type": {t.value: n for t, n in lu.productions_par_type},
        "diffusions_par_canal": {c.value: n for c, n in lu.diffusions_par_canal},
    } == attendu["productions"]


def test_indicateurs_d_un_petit_comite_calcules_a_la_main(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl = f.instance("Plénière")
        elus = f.college("Élus")
        anne, paul = f.personne("Durand", "Anne"), f.personne("Martin", "Paul")
        f.mandat(anne, pl, elus)
        f.mandat(paul, pl, elus)
        dedans = f.seance(pl, dt.date(2026, 3, 5))
        dehors = f.seance(pl, dt.date(2027, 3, 5))
        f.presence(dedans, anne, EtatPresence.PRESENT)
        f.presence(dehors, anne, EtatPresence.PRESENT)
        f.presence(dehors, paul, EtatPresence.VISIO)
        lu = indicateurs_periode(s, Periode(dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    assert [(x.reference, x.attendus, x.presents, x.taux) for x in lu.seances] == [("PL-2026-01", 2, 1, 0.5)]
    assert [(c.college, c.taux) for c in lu.colleges] == [("Élus", 0.5)]
    assert [(m.prenom, m.assiduite) for m in lu.membres] == [("Anne", 1.0), ("Paul", 0.0)]
