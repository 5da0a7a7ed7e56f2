"""A meeting from agenda to minutes: notice delay, second convocation, agenda, votes, actions, approval."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from app.erreurs import ErreurConnue
from app.modeles import Seance
from app.modeles.enumerations import EtatPresence, NaturePoint, StatutAction, StatutSeance, TypeInstance, Voix
from app.services import actions, approbation, documents_seance, ordre_du_jour, seances
from app.services.ordre_du_jour import FichePoint
from app.services.validation import ErreurValidation
from tests.services.fabrique import Fabrique

J = dt.date(2026, 3, 12)


@pytest.fixture
def pleniere(base):
    """A plenary of four titulaires (Anne…David), Anne's suppléante Eva, a consultative member, a guest."""
    with base.session_scope() as s:
        f = Fabrique(s)
        f.comite(nom="Comité local de la Drôme")
        instance = f.instance("Assemblée plénière")
        instance.delai_convocation_jours = 7
        college = f.college("Travailleurs sociaux", ordre=1)
        anne, bruno, chloe, david = f.titulaires(instance, college, "Martin", "Petit", "Durand", "Roux")
        s.refresh(anne)
        m_anne = anne.mandats[0]
        eva = f.personne("Lefèvre", "Éva")
        f.mandat(eva, instance, college, suppleant_de=m_anne)
        zoe = f.personne("Bernard", "Zoé")
        f.mandat(zoe, instance, college, voix=Voix.CONSULTATIVE)
        invite = f.personne("Arnaud", "Philippe")
        seance = f.seance(instance, J, statut=StatutSeance.PLANIFIEE, reference="PL-2026-01")
        seance.lieu = "Salle du conseil"
        s.flush()
        return {
            "instance": instance.id,
            "seance": seance.id,
            "anne": anne.id,
            "bruno": bruno.id,
            "chloe": chloe.id,
            "david": david.id,
            "eva": eva.id,
            "zoe": zoe.id,
            "invite": invite.id,
        }


def _aujourdhui(monkeypatch, jour: dt.date) -> None:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", jour.isoformat())


# --- Notice delay ---------------------------------------------------------------------------------------


def test_une_convocation_dans_le_delai_passe_sans_motif(base, pleniere, monkeypatch):
    _aujourdhui(monkeypatch, J - dt.timedelta(days=7))
    with base.session_scope() as s:
        seance = seances.changer_statut(s, pleniere["seance"], StatutSeance.CONVOQUEE)
        assert seance.convocation_envoyee_le == J - dt.timedelta(days=7)
        assert seance.motif_urgence == ""


def test_une_convocation_tardive_demande_un_motif_qui_est_garde_et_imprime(base, pleniere, monkeypatch):
    _aujourdhui(monkeypatch, J - dt.timedelta(days=6))
    with (
        pytest.raises(ErreurValidation, match=r"6 jours avant la séance.*est de 7 jours.*motif de l'urgence"),
        base.session_scope() as s,
    ):
        seances.changer_statut(s, pleniere["seance"], StatutSeance.CONVOQUEE)
    with base.session_scope() as s:
        assert s.get(Seance, pleniere["seance"]).statut is StatutSeance.PLANIFIEE
        with pytest.raises(ErreurConnue, match="motif de l'urgence"):
            documents_seance.convocation(s, pleniere["seance"])
        assert documents_seance.convocation(s, pleniere["seance"], "Avis urgent du HCTS").motif_urgence == (
            "Avis urgent du HCTS"
        )
    with base.session_scope() as s:
        seances.changer_statut(s, pleniere["seance"], StatutSeance.CONVOQUEE, motif_urgence="  Avis  urgent ")
    with base.session_scope() as s:
        assert s.get(Seance, pleniere["seance"]).motif_urgence == "Avis urgent"
        assert documents_seance.convocation(s, pleniere["seance"]).motif_urgence == "Avis urgent"


def test_on_ne_convoque_pas_sans_lieu(base, pleniere, monkeypatch):
    _aujourdhui(monkeypatch, J - dt.timedelta(days=10))
    with base.session_scope() as s:
        s.get(Seance, pleniere["seance"]).lieu = ""
    with pytest.raises(ErreurValidation, match="Indiquez le lieu"), base.session_scope() as s:
        seances.changer_statut(s, pleniere["seance"], StatutSeance.CONVOQUEE)


def test_annuler_une_convocation_remet_la_seance_comme_avant(base, pleniere, monkeypatch):
    _aujourdhui(monkeypatch, J - dt.timedelta(days=2))
    with base.session_scope() as s:
        avant = seances.passer_a(s, pleniere["seance"], StatutSeance.CONVOQUEE, "Urgence")
    with base.session_scope() as s:
        seances.restaurer_workflow(s, avant)
    with base.session_scope() as s:
        seance = s.get(Seance, pleniere["seance"])
        assert (seance.statut, seance.convocation_envoyee_le, seance.motif_urgence) == (
            StatutSeance.PLANIFIEE,
            None,
            "",
        )


# --- Second convocation -----------------------------------------------------------------------------------


def _tenir(base, ids, monkeypatch, etats: dict[str, EtatPresence]) -> None:
    _aujourdhui(monkeypatch, J)
    with base.session_scope() as s:
        seance = s.get(Seance, ids["seance"])
        seance.statut = StatutSeance.TENUE
        f = Fabrique(s)
        for cle, etat in etats.items():
            f.presence(seance, _personne(s, ids[cle]), etat)


def _personne(s, personne_id):
    from app.modeles import Personne

    return s.get(Personne, personne_id)


def test_seconde_convocation_apres_un_quorum_manque(base, pleniere, monkeypatch):
    _tenir(base, pleniere, monkeypatch, {"anne": EtatPresence.PRESENT})  # 1 of 4: 2 needed
    with base.session_scope() as s:
        ordre_du_jour.ajouter_point(s, FichePoint(0, pleniere["seance"], "Budget 2027", NaturePoint.DECISION))
    with pytest.raises(ErreurValidation, match="doit suivre"), base.session_scope() as s:
        seances.creer_seconde_convocation(s, pleniere["seance"], J)
    with base.session_scope() as s:
        fiche = seances.creer_seconde_convocation(s, pleniere["seance"], J + dt.timedelta(days=14))
        nouvelle = s.get(Seance, fiche.id)
        assert nouvelle.seconde_convocation_de_id == pleniere["seance"]
        assert [p.titre for p in nouvelle.points] == ["Budget 2027"]
        assert not seances.quorum_requis(nouvelle)
        assert nouvelle.lieu == "Salle du conseil"
    with pytest.raises(ErreurConnue, match="existe déjà"), base.session_scope() as s:
        seances.creer_seconde_convocation(s, pleniere["seance"], J + dt.timedelta(days=20))
    with base.session_scope() as s:
        convocation = documents_seance.convocation(s, fiche.id, "Seconde convocation")
        assert convocation.seconde is not None and convocation.seconde.reference == "PL-2026-01"
    with pytest.raises(ErreurConnue, match="déjà une seconde convocation"), base.session_scope() as s:
        s.get(Seance, fiche.id).statut = StatutSeance.TENUE
        s.flush()
        seances.creer_seconde_convocation(s, fiche.id, J + dt.timedelta(days=30))


def test_pas_de_seconde_convocation_quand_le_quorum_est_atteint_ou_la_seance_pas_tenue(base, pleniere, monkeypatch):
    with pytest.raises(ErreurConnue, match="n'est pas tenue"), base.session_scope() as s:
        seances.creer_seconde_convocation(s, pleniere["seance"], J + dt.timedelta(days=14))
    _tenir(base, pleniere, monkeypatch, {"anne": EtatPresence.PRESENT, "bruno": EtatPresence.VISIO})
    with pytest.raises(ErreurConnue, match="quorum a été atteint"), base.session_scope() as s:
        seances.creer_seconde_convocation(s, pleniere["seance"], J + dt.timedelta(days=14))


# --- Agenda -------------------------------------------------------------------------------------------------


def _titres(base, seance_id):
    with base.session_scope() as s:
        return [p.titre for p in ordre_du_jour.points_de(s, seance_id)]


def test_ordre_du_jour_ajout_insertion_deplacement_suppression(base, pleniere):
    sid = pleniere["seance"]
    with base.session_scope() as s:
        a = ordre_du_jour.ajouter_point(s, FichePoint(0, sid, "Approbation du PV"))
        b = ordre_du_jour.ajouter_point(s, FichePoint(0, sid, "Saisine éthique", NaturePoint.SAISINE))
        c = ordre_du_jour.ajouter_point(s, FichePoint(0, sid, "Questions diverses"))
        ordre_du_jour.ajouter_point(s, FichePoint(0, sid, "Accueil", rang=1))
    assert _titres(base, sid) == ["Accueil", "Approbation du PV", "Saisine éthique", "Questions diverses"]
    with base.session_scope() as s:
        avant = ordre_du_jour.deplacer_point(s, c.id, -2)
    assert _titres(base, sid) == ["Accueil", "Questions diverses", "Approbation du PV", "Saisine éthique"]
    with base.session_scope() as s:
        ordre_du_jour.ordonner_points(s, sid, avant)
    assert _titres(base, sid) == ["Accueil", "Approbation du PV", "Saisine éthique", "Questions diverses"]
    with base.session_scope() as s:
        supprime = ordre_du_jour.supprimer_point(s, a.id)
        assert [p.rang for p in ordre_du_jour.points_de(s, sid)] == [1, 2, 3]
    with base.session_scope() as s:
        ordre_du_jour.ajouter_point(s, supprime)  # undo: back under its id, at its rank
        assert ordre_du_jour.fiche_point(s, a.id).rang == 2
    assert _titres(base, sid) == ["Accueil", "Approbation du PV", "Saisine éthique", "Questions diverses"]
    with base.session_scope() as s:
        ordre_du_jour.deplacer_point(s, b.id, 10)  # past the end: last
    assert _titres(base, sid)[-1] == "Saisine éthique"


def test_un_vote_se_saisit_en_entier_et_les_deports_sont_gardes(base, pleniere):
    sid = pleniere["seance"]
    with base.session_scope() as s:
        point = ordre_du_jour.ajouter_point(s, FichePoint(0, sid, "Subvention", NaturePoint.DECISION))
    with pytest.raises(ErreurValidation, match="trois nombres"), base.session_scope() as s:
        ordre_du_jour.modifier_point(s, FichePoint(point.id, sid, "Subvention", vote_pour=3))
    with pytest.raises(ErreurValidation, match="négatif"), base.session_scope() as s:
        ordre_du_jour.modifier_point(
            s, FichePoint(point.id, sid, "Subvention", vote_pour=-1, vote_contre=0, vote_abstention=0)
        )
    with pytest.raises(ErreurValidation, match="obligatoire"), base.session_scope() as s:
        ordre_du_jour.modifier_point(s, FichePoint(point.id, sid, "   "))
    with base.session_scope() as s:
        avant = ordre_du_jour.modifier_point(
            s,
            FichePoint(
                point.id,
                sid,
                "Subvention",
                NaturePoint.DECISION,
                decision="Accordée",
                vote_pour=2,
                vote_contre=1,
                vote_abstention=0,
                opinions_divergentes="M. Petit demande que son opposition figure au PV.",
                deports=(pleniere["david"],),
            ),
        )
        assert avant.decision == "" and avant.deports == ()
    with base.session_scope() as s:
        lu = ordre_du_jour.fiche_point(s, point.id)
        assert (lu.vote_pour, lu.vote_contre, lu.vote_abstention, lu.deports) == (2, 1, 0, (pleniere["david"],))
        ordre_du_jour.modifier_point(s, avant)
        assert ordre_du_jour.fiche_point(s, point.id).deports == ()


# --- Actions carried over ----------------------------------------------------------------------------------


def test_une_action_est_reportee_aux_seances_suivantes_jusqu_a_ce_qu_elle_soit_faite(base, pleniere, monkeypatch):
    with base.session_scope() as s:
        f = Fabrique(s)
        instance = s.get(Seance, pleniere["seance"]).instance
        s.get(Seance, pleniere["seance"]).statut = StatutSeance.TENUE
        suivante = f.seance(instance, J + dt.timedelta(days=60), statut=StatutSeance.PLANIFIEE, reference="PL-2026-02")
        apres = f.seance(instance, J + dt.timedelta(days=120), statut=StatutSeance.PLANIFIEE, reference="PL-2026-03")
        bureau = f.instance("Bureau", TypeInstance.BUREAU)
        autre = f.seance(bureau, J + dt.timedelta(days=60), statut=StatutSeance.PLANIFIEE)
        ids = (suivante.id, apres.id, autre.id)
        action = actions.ajouter_action(
            s, actions.FicheAction(0, pleniere["seance"], "Diffuser la charte", pleniere["bruno"], J + dt.timedelta(30))
        )
    suivante_id, apres_id, autre_id = ids
    with base.session_scope() as s:
        [origine] = actions.actions_de_seance(s, pleniere["seance"])
        assert not origine.reportee and origine.origine == "PL-2026-01"
        [reportee] = actions.actions_de_seance(s, suivante_id)
        assert reportee.reportee and reportee.responsable == "Camille Petit"
        assert actions.actions_de_seance(s, autre_id) == []  # another instance does not carry it
    _aujourdhui(monkeypatch, J + dt.timedelta(days=60))
    with base.session_scope() as s:
        avant = actions.modifier_action(s, replace(actions.fiche_action(s, action.id), statut=StatutAction.FAITE))
        assert avant.statut is StatutAction.A_FAIRE
    with base.session_scope() as s:
        assert actions.fiche_action(s, action.id).soldee_le == J + dt.timedelta(days=60)
        [vue] = actions.actions_de_seance(s, suivante_id)  # settled at that meeting: still shown there
        assert vue.fiche.statut is StatutAction.FAITE
        assert actions.actions_de_seance(s, apres_id) == []
    with base.session_scope() as s:
        actions.restaurer_action(s, avant)
        assert len(actions.actions_de_seance(s, apres_id)) == 1


# --- Approval of the minutes --------------------------------------------------------------------------------


def test_le_pv_s_approuve_a_une_seance_tenue_ulterieure_de_la_meme_instance(base, pleniere, monkeypatch):
    _aujourdhui(monkeypatch, J + dt.timedelta(days=90))
    with base.session_scope() as s:
        f = Fabrique(s)
        instance = s.get(Seance, pleniere["seance"]).instance
        s.get(Seance, pleniere["seance"]).statut = StatutSeance.TENUE
        future = f.seance(instance, J + dt.timedelta(days=120), statut=StatutSeance.PLANIFIEE, reference="PL-2026-05")
        tenue = f.seance(instance, J + dt.timedelta(days=60), reference="PL-2026-04")
        bureau = f.seance(f.instance("Bureau", TypeInstance.BUREAU), J + dt.timedelta(days=60))
        ids = (future.id, tenue.id, bureau.id)
    future_id, tenue_id, bureau_id = ids
    with base.session_scope() as s:
        assert [i for i, _ in approbation.seances_approbatrices(s, pleniere["seance"])] == [tenue_id]
        for refusee in (future_id, bureau_id, pleniere["seance"]):
            with pytest.raises(ErreurConnue, match="séance tenue ultérieure"):
                approbation.approuver_pv(s, pleniere["seance"], refusee)
        assert documents_seance.proces_verbal(s, pleniere["seance"]).projet
    with base.session_scope() as s:
        avant = approbation.approuver_pv(s, pleniere["seance"], tenue_id)
    with base.session_scope() as s:
        pv = documents_seance.proces_verbal(s, pleniere["seance"])
        assert not pv.projet and pv.approuve_le == J + dt.timedelta(days=60)
        assert pv.approuve_en == s.get(Seance, tenue_id).reference
        approbation.restaurer_approbation(s, avant)
        assert documents_seance.proces_verbal(s, pleniere["seance"]).projet


# --- What the documents are made of --------------------------------------------------------------------------


def test_le_pv_nomme_presents_suppleants_pouvoirs_excuses_absents_et_invites(base, pleniere, monkeypatch):
    _aujourdhui(monkeypatch, J)
    with base.session_scope() as s:
        f = Fabrique(s)
        seance = s.get(Seance, pleniere["seance"])
        seance.statut = StatutSeance.TENUE
        p = {cle: _personne(s, pleniere[cle]) for cle in ("anne", "bruno", "chloe", "david", "eva", "zoe", "invite")}
        f.presence(seance, p["anne"], EtatPresence.ABSENT)
        f.presence(seance, p["eva"], EtatPresence.VISIO)  # stands in for Anne
        f.presence(seance, p["bruno"], EtatPresence.REPRESENTE, pouvoir_a=p["eva"])
        f.presence(seance, p["chloe"], EtatPresence.REPRESENTE, pouvoir_a=p["zoe"])  # Zoé is absent: void
        f.presence(seance, p["zoe"], EtatPresence.ABSENT)
        f.presence(seance, p["invite"], EtatPresence.PRESENT)
    with base.session_scope() as s:
        pv = documents_seance.proces_verbal(s, pleniere["seance"])
    assert pv.presents == ("Éva Lefèvre (visio), suppléant de Camille Martin",)
    assert [(r.mandant, r.porteur) for r in pv.representes] == [("Camille Petit", "Éva Lefèvre")]
    assert pv.excuses == ("Camille Durand (pouvoir à Zoé Bernard, sans effet : Zoé Bernard était absent)",)
    assert pv.absents == ("Camille Roux",)
    assert pv.invites == ("Philippe Arnaud",)
    assert pv.consultatifs == ()
    d = pv.decompte
    assert (d.attendus, d.presents, d.supplees, d.representes, d.excuses, d.absents) == (4, 0, 1, 1, 1, 1)
    assert (d.requis, d.quorum_atteint) == (2, True)  # 1 suppléé + 1 proxy counted


def test_la_convocation_montre_une_saisine_par_son_numero_seulement(base, pleniere, monkeypatch):
    _aujourdhui(monkeypatch, J - dt.timedelta(days=10))
    with base.session_scope() as s:
        saisine = Fabrique(s).saisine(dt.date(2026, 1, 5))
        saisine.question = "Question confidentielle de Mme X"
        ordre_du_jour.ajouter_point(
            s,
            FichePoint(
                0,
                pleniere["seance"],
                "Saisine éthique",
                NaturePoint.SAISINE,
                saisine_id=saisine.id,
                rapporteur_id=pleniere["bruno"],
                duree_minutes=30,
            ),
        )
    with base.session_scope() as s:
        convocation = documents_seance.convocation(s, pleniere["seance"])
    [point] = convocation.points
    assert (point.numero, point.reference_liee, point.rapporteur, point.duree_minutes) == (
        1,
        "SAI-2026-001",
        "Camille Petit",
        30,
    )
    assert "confidentielle" not in repr(convocation)
    assert convocation.quorum.attendus == 4 and convocation.quorum.requis == 2
    assert convocation.en_tete.comite == "Comité local de la Drôme"
    assert convocation.motif_urgence == ""


def test_le_pv_d_une_seance_non_tenue_est_refuse(base, pleniere):
    with pytest.raises(ErreurConnue, match="une fois la séance tenue"), base.session_scope() as s:
        documents_seance.proces_verbal(s, pleniere["seance"])
    with pytest.raises(ErreurConnue, match="Aucune séance"), base.session_scope() as s:
        documents_seance.seance_par_reference(s, "PL-1999-99")


def test_un_suppleant_venu_avec_son_titulaire_est_liste_a_part(base, pleniere, monkeypatch):
    _tenir(base, pleniere, monkeypatch, {"anne": EtatPresence.PRESENT, "eva": EtatPresence.PRESENT})
    with base.session_scope() as s:
        pv = documents_seance.proces_verbal(s, pleniere["seance"])
    assert pv.presents == ("Camille Martin",)
    assert pv.autres_suppleants == ("Éva Lefèvre, suppléant de Camille Martin",)
    assert (pv.decompte.presents, pv.decompte.supplees) == (1, 0)


def test_une_saisine_non_anonymisee_n_atteint_aucun_ordre_du_jour(base, pleniere):
    from app.services.ordre_du_jour import FichePoint, ajouter_point
    from app.services.seances_lecture import lire_choix_point
    from app.services.validation import ErreurValidation

    with base.session_scope() as s:
        f = Fabrique(s)
        brute = f.saisine(dt.date(2026, 1, 5), anonymisee=False)
        relue = f.saisine(dt.date(2026, 1, 6))
        ids = (brute.id, relue.id, pleniere["seance"])
    with base.session_scope() as s:
        assert [c.libelle for c in lire_choix_point(s).saisines] == ["SAI-2026-002"]
        with pytest.raises(ErreurValidation, match="SAI-2026-001 n'est pas encore validée"):
            ajouter_point(s, FichePoint(id=0, seance_id=ids[2], titre="Examen", saisine_id=ids[0]))
        ajouter_point(s, FichePoint(id=0, seance_id=ids[2], titre="Examen", saisine_id=ids[1]))


def test_le_proces_verbal_ne_montre_ni_le_demandeur_ni_la_question(base, pleniere, monkeypatch):
    from io import BytesIO

    from pypdf import PdfReader

    from app.services import demandeurs

    _aujourdhui(monkeypatch, J + dt.timedelta(days=2))
    with base.session_scope() as s:
        saisine = Fabrique(s).saisine(dt.date(2026, 1, 5))
        saisine.question = "Question confidentielle sur la situation familiale"
        demandeurs.enregistrer_demandeur(
            s, saisine.id, demandeurs.Demandeur("Josiane Verdier-Lacaze", "06 12 34 56 78")
        )
        ordre_du_jour.ajouter_point(
            s,
            FichePoint(
                0, pleniere["seance"], "Examen de la saisine SAI-2026-001", NaturePoint.SAISINE, saisine_id=saisine.id
            ),
        )
        s.get(Seance, pleniere["seance"]).statut = StatutSeance.TENUE
    with base.session_scope() as s:
        pv = documents_seance.proces_verbal(s, pleniere["seance"])
        octets = documents_seance.proces_verbal_pdf(s, pleniere["seance"])
    texte = " ".join(page.extract_text() for page in PdfReader(BytesIO(octets)).pages)
    assert "SAI-2026-001" in texte
    for secret in ("Verdier", "06 12 34", "confidentielle"):
        assert secret not in repr(pv) and secret not in texte
