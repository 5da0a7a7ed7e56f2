"""What the Séances page reads: the list's rows, the filters' choices, the agenda (referrals by number only),
what stands in the way of convening; and the two rules the page relies on for undo and rescheduling."""

from __future__ import annotations

import datetime as dt

import pytest

from app.format_fr import duree_fr
from app.modeles import Seance
from app.modeles.enumerations import EtatPresence, FormatSeance, NaturePoint, StatutSeance, TypeInstance
from app.services import ordre_du_jour, seances
from app.services.ordre_du_jour import FichePoint
from app.services.seances_lecture import (
    avant_convocation,
    date_proposee,
    lire_choix_point,
    lire_choix_seances,
    lire_ordre_du_jour,
    lire_seance,
    lire_seances,
    reference_proposee,
    texte_horaire,
)
from tests.services.fabrique import Fabrique

AUJOURDHUI = dt.date(2026, 3, 2)  # a Monday
QUESTION = "Madame Dupont, suivie par le CCAS, refuse que son dossier soit transmis."


@pytest.fixture
def comite(base, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", AUJOURDHUI.isoformat())
    with base.session_scope() as s:
        f = Fabrique(s)
        bureau = f.instance("Bureau", TypeInstance.BUREAU)
        bureau.ordre = 1
        pleniere = f.instance("Assemblée plénière")
        pleniere.ordre = 2
        pleniere.delai_convocation_jours = 7
        college = f.college("Travailleurs sociaux")
        anne, bruno, *_ = f.titulaires(pleniere, college, "Martin", "Petit", "Durand", "Roux")
        tenue = f.seance(pleniere, dt.date(2025, 12, 4), reference="PL-2025-04")
        tenue.heure_debut, tenue.heure_fin, tenue.lieu = dt.time(14), dt.time(16, 30), "Salle du conseil"
        f.presence(tenue, anne, EtatPresence.PRESENT)
        f.presence(tenue, bruno, EtatPresence.VISIO)
        suivante = f.seance(pleniere, dt.date(2026, 2, 5), reference="PL-2026-01")
        suivante.lieu = "Salle B"
        tenue.pv_approuve_le, tenue.pv_approuve_en_id = suivante.date, suivante.id
        a_venir = f.seance(pleniere, dt.date(2026, 3, 5), statut=StatutSeance.PLANIFIEE, reference="PL-2026-02")
        a_venir.lieu, a_venir.president_seance_id = "Hôtel du département", anne.id
        visio = f.seance(bureau, dt.date(2026, 4, 2), statut=StatutSeance.PLANIFIEE, reference="BU-2026-01")
        visio.format = FormatSeance.VISIO
        saisine = f.saisine(dt.date(2026, 1, 10))
        saisine.question = QUESTION
        recommandation = f.recommandation()
        s.flush()
        ids = {"tenue": tenue.id, "suivante": suivante.id, "a_venir": a_venir.id, "visio": visio.id}
        ids |= {"pleniere": pleniere.id, "bureau": bureau.id, "anne": anne.id, "saisine": saisine.id}
        ids["recommandation"] = recommandation.id
    with base.session_scope() as s:
        for titre, lien in (("Accueil", {}), ("Examen", {"saisine_id": ids["saisine"]})):
            ordre_du_jour.ajouter_point(s, FichePoint(0, ids["a_venir"], titre, duree_minutes=30, **lien))
        ordre_du_jour.ajouter_point(
            s, FichePoint(0, ids["suivante"], "Avis", NaturePoint.AVIS, recommandation_id=ids["recommandation"])
        )
    return ids


def test_les_lignes_de_la_liste(base, comite):
    with base.session_scope() as s:
        lignes = {ligne.reference: ligne for ligne in lire_seances(s)}
    assert list(lignes) == ["PL-2025-04", "PL-2026-01", "PL-2026-02", "BU-2026-01"]  # by date
    tenue, suivante, a_venir = lignes["PL-2025-04"], lignes["PL-2026-01"], lignes["PL-2026-02"]
    assert tenue.horaire == "14\u00a0h – 16\u00a0h\u00a030" and tenue.tenue and tenue.presents == 2
    assert (tenue.pv_approuve_le, tenue.pv_approuve_en) == (dt.date(2026, 2, 5), "PL-2026-01")
    assert (a_venir.points, a_venir.liens, a_venir.president_seance) == (2, ("SAI-2026-001",), "Camille Martin")
    assert suivante.liens == ("REC-2026-001",) and a_venir.limite_convocation == dt.date(2026, 2, 26)
    assert lignes["BU-2026-01"].instance == "Bureau" and lignes["BU-2026-01"].format is FormatSeance.VISIO
    with base.session_scope() as s:
        assert a_venir.fiche() == seances.fiche_seance(s, a_venir.id)
        assert lire_seance(s, a_venir.id) == a_venir
        assert lire_seance(s, 999) is None


def test_les_choix_des_filtres_et_du_dialogue(base, comite):
    with base.session_scope() as s:
        choix = lire_choix_seances(s)
        assert [c.libelle for c in choix.instances] == ["Bureau", "Assemblée plénière"]
        assert choix.annees == (2026, 2025) and choix.instance_par_defaut == comite["pleniere"]
        assert choix.lieux[comite["pleniere"]] == ("Hôtel du département", "")  # its latest meeting's
        assert choix.delais[comite["pleniere"]] == 7
        assert reference_proposee(s, comite["pleniere"], 2026) == "PL-2026-03"
        assert reference_proposee(s, comite["bureau"], 2027) == "BU-2027-01"
        assert reference_proposee(s, None, 2026) == ""
        point = lire_choix_point(s)
        assert [c.libelle for c in point.saisines] == ["SAI-2026-001"]
        assert [c.libelle for c in point.recommandations] == ["REC-2026-001"]


def test_l_ordre_du_jour_ne_montre_que_le_numero_d_une_saisine(base, comite):
    with base.session_scope() as s:
        ordre = lire_ordre_du_jour(s, comite["a_venir"])
    assert [(p.fiche.rang, p.fiche.titre, p.lien) for p in ordre.points] == [
        (1, "Accueil", ""),
        (2, "Examen", "Saisine SAI-2026-001"),
    ]
    assert QUESTION not in repr(ordre)


def test_ce_qui_empeche_de_convoquer(base, comite):
    with base.session_scope() as s:
        retard = avant_convocation(s, comite["a_venir"], AUJOURDHUI)
        assert retard.lieu_manquant == "" and "3 jours avant" in retard.retard and "est de 7 jours" in retard.retard
        assert avant_convocation(s, comite["a_venir"], dt.date(2026, 2, 20)).retard == ""
        assert "lien de visioconférence" in avant_convocation(s, comite["visio"], AUJOURDHUI).lieu_manquant


def test_textes_et_date_proposee():
    assert texte_horaire(dt.time(9, 30), None) == "à partir de 9\u00a0h\u00a030"
    assert texte_horaire(None, None) == ""
    assert [duree_fr(m) for m in (45, 60, 110)] == ["45\u00a0min", "1\u00a0h", "1\u00a0h\u00a050"]
    proposee = date_proposee(AUJOURDHUI, 7)  # notice and a week to prepare, then the Thursday
    assert proposee == dt.date(2026, 3, 19) and proposee.weekday() == 3


def test_une_seance_supprimee_revient_sous_son_identifiant(base, comite):
    """The page's undo of a deletion relies on it (and its redo of a creation)."""
    with base.session_scope() as s:
        avant = seances.supprimer_seance(s, comite["visio"])
    with base.session_scope() as s:
        assert seances.ajouter_seance(s, avant) == avant
        assert s.get(Seance, comite["visio"]).reference == "BU-2026-01"


def test_une_seance_replanifiee_doit_etre_convoquee_de_nouveau(base, comite, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-02-20")
    with base.session_scope() as s:
        seances.changer_statut(s, comite["a_venir"], StatutSeance.CONVOQUEE)
        seances.changer_statut(s, comite["a_venir"], StatutSeance.REPORTEE)
        assert s.get(Seance, comite["a_venir"]).convocation_envoyee_le == dt.date(2026, 2, 20)
        avant = seances.passer_a(s, comite["a_venir"], StatutSeance.PLANIFIEE)
        seance = s.get(Seance, comite["a_venir"])
        assert (seance.statut, seance.convocation_envoyee_le, seance.motif_urgence) == (
            StatutSeance.PLANIFIEE,
            None,
            "",
        )
        seances.restaurer_workflow(s, avant)  # undo: postponed again, with its convocation
        assert (seance.statut, seance.convocation_envoyee_le) == (StatutSeance.REPORTEE, dt.date(2026, 2, 20))


def test_le_president_propose_est_celui_de_l_instance_ce_jour(base, monkeypatch):
    from app.modeles.enumerations import Role

    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", AUJOURDHUI.isoformat())
    with base.session_scope() as s:
        f = Fabrique(s)
        pleniere, bureau = f.instance("Plénière"), f.instance("Bureau", TypeInstance.BUREAU)
        college = f.college("Élus")
        ancienne, actuelle = f.personne("Ancienne", "Présidente"), f.personne("Actuelle", "Présidente")
        f.mandat(ancienne, pleniere, college, role=Role.PRESIDENT, fin=AUJOURDHUI - dt.timedelta(days=1))
        f.mandat(actuelle, pleniere, college, role=Role.PRESIDENT, debut=AUJOURDHUI - dt.timedelta(days=1))
        ids = (pleniere.id, bureau.id, actuelle.id)
    with base.session_scope() as s:
        choix = lire_choix_seances(s)
    assert choix.presidents == {ids[0]: ids[2]}  # the bureau has no chair: none proposed
