"""Directory, meeting workflow and attendance recording: the rules a secretary relies on."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.erreurs import ErreurConnue
from app.modeles import College, Instance, Mandat, Presence
from app.modeles.enumerations import (
    CategorieCollege,
    EtatPresence,
    MotifFinMandat,
    Qualite,
    StatutSeance,
    TypeInstance,
    TypeStructure,
)
from app.services import annuaire, presences, seances
from app.services.sieges import EtatSiege
from app.services.validation import ErreurValidation

J = dt.date(2026, 3, 5)


@pytest.fixture
def comite(base):
    """A plenary with collège, four titulaires (Anne, Bruno, Chloé, David) and Anne's suppléante Eva."""
    with base.session_scope() as s:
        college = College(nom="Travailleurs sociaux", categorie=CategorieCollege.TRAVAILLEURS_SOCIAUX)
        pleniere = Instance(nom="Plénière", type=TypeInstance.PLENIERE)
        bureau = Instance(nom="Bureau", type=TypeInstance.BUREAU)
        s.add_all([college, pleniere, bureau])
        s.flush()
        structure = annuaire.creer_structure(s, "CCAS de Valence", TypeStructure.CCAS_CIAS)
        ids = {"college": college.id, "pleniere": pleniere.id, "bureau": bureau.id, "structure": structure.id}
        for prenom, nom in [("Anne", "Martin"), ("Bruno", "Petit"), ("Chloé", "Durand"), ("David", "Roux")]:
            p = annuaire.creer_personne(s, nom, prenom, structure_id=structure.id)
            m = annuaire.creer_mandat(s, p.id, pleniere.id, college.id, Qualite.TITULAIRE, dt.date(2025, 1, 1))
            ids[prenom] = p.id
            ids[f"m_{prenom}"] = m.id
        eva = annuaire.creer_personne(s, "Lefèvre", "Éva")
        ids["Eva"] = eva.id
        ids["m_Eva"] = annuaire.creer_mandat(
            s, eva.id, pleniere.id, college.id, Qualite.SUPPLEANT, dt.date(2025, 1, 1), titulaire_id=ids["m_Anne"]
        ).id
        seance = seances.creer_seance(s, pleniere.id, J, lieu="Salle du conseil")
        ids["seance"] = seance.id
        assert seance.reference == "PL-2026-01"
    return ids


def _etats(base, seance_id):
    with base.session_scope() as s:
        etat = presences.etat_seance(s, seance_id)
        return {siege.mandat.personne_id: siege.etat for siege in etat.sieges}, etat


def test_un_pouvoir_dont_le_porteur_n_est_pas_venu_compte_comme_excuse(base, comite):
    with base.session_scope() as s:
        presences.enregistrer_presence(s, comite["seance"], comite["Anne"], EtatPresence.REPRESENTE, comite["Bruno"])
        presences.enregistrer_presence(s, comite["seance"], comite["Bruno"], EtatPresence.ABSENT)
    etats, _ = _etats(base, comite["seance"])
    assert etats[comite["Anne"]] is EtatSiege.EXCUSE
    with base.session_scope() as s:
        presences.enregistrer_presence(s, comite["seance"], comite["Bruno"], EtatPresence.VISIO)
    etats, etat = _etats(base, comite["seance"])
    assert etats[comite["Anne"]] is EtatSiege.REPRESENTE
    assert (etat.decompte.presents, etat.decompte.representes, etat.decompte.absents) == (1, 1, 2)
    # 4 expected, quorum 1/2 → 2 needed; Bruno present + Anne represented (proxies count by default)
    assert etat.requis == 2 and etat.quorum_atteint


def test_un_porteur_ne_porte_qu_un_pouvoir_par_seance(base, comite):
    with base.session_scope() as s:
        presences.enregistrer_presence(s, comite["seance"], comite["Bruno"], EtatPresence.PRESENT)
        presences.enregistrer_presence(s, comite["seance"], comite["Anne"], EtatPresence.REPRESENTE, comite["Bruno"])
    with pytest.raises(ErreurConnue, match="porte déjà le pouvoir de Anne Martin"), base.session_scope() as s:
        presences.enregistrer_presence(s, comite["seance"], comite["Chloé"], EtatPresence.REPRESENTE, comite["Bruno"])
    # The base refuses it too, whatever the path of the write.
    with pytest.raises(IntegrityError), base.session_scope() as s:
        s.add(
            Presence(
                seance_id=comite["seance"],
                personne_id=comite["Chloé"],
                etat=EtatPresence.REPRESENTE,
                pouvoir_a_id=comite["Bruno"],
            )
        )
    # Correcting the same person's proxy to the same holder is not a second proxy.
    with base.session_scope() as s:
        presences.enregistrer_presence(s, comite["seance"], comite["Anne"], EtatPresence.REPRESENTE, comite["Bruno"])


def test_pouvoir_sans_porteur_ou_a_soi_meme_refuse(base, comite):
    with pytest.raises(ErreurConnue, match="à qui le pouvoir"), base.session_scope() as s:
        presences.enregistrer_presence(s, comite["seance"], comite["Anne"], EtatPresence.REPRESENTE)
    with pytest.raises(ErreurConnue, match="soi-même"), base.session_scope() as s:
        presences.enregistrer_presence(s, comite["seance"], comite["Anne"], EtatPresence.REPRESENTE, comite["Anne"])
    with pytest.raises(ErreurConnue, match="représentée"), base.session_scope() as s:
        presences.enregistrer_presence(s, comite["seance"], comite["Anne"], EtatPresence.EXCUSE, comite["Bruno"])


def test_suppleante_presente_et_quorum_en_direct(base, comite):
    with base.session_scope() as s:
        presences.enregistrer_presence(s, comite["seance"], comite["Anne"], EtatPresence.EXCUSE)
        presences.enregistrer_presence(s, comite["seance"], comite["Eva"], EtatPresence.PRESENT)
    etats, etat = _etats(base, comite["seance"])
    assert etats[comite["Anne"]] is EtatSiege.SUPPLEE
    assert comite["Eva"] not in etats  # a suppléant is never an expected seat
    assert etat.decompte.attendus == 4 and etat.decompte.supplees == 1
    assert not etat.quorum_atteint  # 1 of 2 needed


def test_workflow_des_seances(base, comite, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-02-20")
    with (
        pytest.raises(seances.TransitionInterdite, match="ne peut pas passer à « clôturée »"),
        base.session_scope() as s,
    ):
        seances.changer_statut(s, comite["seance"], StatutSeance.CLOTUREE)
    with base.session_scope() as s:
        seance = seances.changer_statut(s, comite["seance"], StatutSeance.CONVOQUEE)
        assert seance.convocation_envoyee_le == dt.date(2026, 2, 20)
    with pytest.raises(seances.TransitionInterdite, match="pas encore eu lieu"), base.session_scope() as s:
        seances.changer_statut(s, comite["seance"], StatutSeance.TENUE)
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-03-05")
    with base.session_scope() as s:
        seances.changer_statut(s, comite["seance"], StatutSeance.TENUE)
        seances.changer_statut(s, comite["seance"], StatutSeance.CLOTUREE)
    with pytest.raises(seances.TransitionInterdite), base.session_scope() as s:
        seances.changer_statut(s, comite["seance"], StatutSeance.ANNULEE)


def test_toutes_les_transitions_autorisees_et_refusees(base, comite, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2027-01-01")
    for depart in StatutSeance:
        for arrivee in StatutSeance:
            with base.session_scope() as s:
                seance = seances.creer_seance(s, comite["pleniere"], J, lieu="Salle B")
                seance.statut = depart
                s.flush()
                if arrivee in seances.transitions_possibles(depart):
                    # Convened after the meeting date: late, so an urgency reason is given.
                    assert seances.changer_statut(s, seance.id, arrivee, motif_urgence="Test").statut is arrivee
                else:
                    with pytest.raises(seances.TransitionInterdite):
                        seances.changer_statut(s, seance.id, arrivee)


def test_references_uniques_et_suivantes(base, comite):
    with base.session_scope() as s:
        assert seances.creer_seance(s, comite["pleniere"], J).reference == "PL-2026-02"
        assert seances.creer_seance(s, comite["bureau"], J).reference == "BU-2026-01"
    with pytest.raises(ErreurValidation, match="déjà prise"), base.session_scope() as s:
        seances.creer_seance(s, comite["bureau"], J, reference="PL-2026-01")
    with pytest.raises(ErreurValidation, match="heure de fin"), base.session_scope() as s:
        seances.creer_seance(s, comite["bureau"], J, heure_debut=dt.time(14), heure_fin=dt.time(9))


def test_regles_des_mandats(base, comite):
    with pytest.raises(ErreurValidation, match="même instance"), base.session_scope() as s:
        annuaire.creer_mandat(
            s, comite["Eva"], comite["bureau"], comite["college"], Qualite.SUPPLEANT, J, titulaire_id=comite["m_Anne"]
        )
    with pytest.raises(ErreurValidation, match="précède"), base.session_scope() as s:
        annuaire.creer_mandat(
            s, comite["Eva"], comite["bureau"], comite["college"], Qualite.TITULAIRE, J, fin=J - dt.timedelta(days=1)
        )
    with pytest.raises(ErreurValidation, match="déjà un mandat"), base.session_scope() as s:
        annuaire.creer_mandat(s, comite["Anne"], comite["pleniere"], comite["college"], Qualite.TITULAIRE, J)
    with pytest.raises(ErreurValidation, match="invalide"), base.session_scope() as s:
        annuaire.creer_personne(s, "Nom", "Prénom", courriel="pas une adresse")
    with pytest.raises(ErreurValidation, match="déjà dans l'annuaire"), base.session_scope() as s:
        annuaire.creer_personne(s, "Martin", "Anne")


def test_fin_de_mandat_et_remplacement(base, comite):
    with base.session_scope() as s:
        zoe = annuaire.creer_personne(s, "Zidane", "Zoé")
        nouveau = annuaire.remplacer_membre(s, comite["m_Anne"], zoe.id, dt.date(2026, 1, 1))
        ancien = s.get(Mandat, comite["m_Anne"])
        assert ancien.fin == dt.date(2025, 12, 31) and ancien.motif_fin is MotifFinMandat.REMPLACEMENT
        suppleants = s.scalars(select(Mandat).where(Mandat.titulaire_id == nouveau.id)).all()
        assert [m.personne_id for m in suppleants] == [comite["Eva"]]
        # Eva present stands in for Zoé now, not for Anne whose seat has ended.
        presences.enregistrer_presence(s, comite["seance"], comite["Eva"], EtatPresence.PRESENT)
        zoe_id = zoe.id
    etats, etat = _etats(base, comite["seance"])
    assert etats[zoe_id] is EtatSiege.SUPPLEE and comite["Anne"] not in etats
    assert etat.decompte.attendus == 4


def test_suppression_refusee_pour_qui_figure_dans_une_seance(base, comite):
    with base.session_scope() as s:
        presences.enregistrer_presence(s, comite["seance"], comite["David"], EtatPresence.PRESENT)
    with pytest.raises(ErreurConnue, match="Terminez plutôt ses mandats"), base.session_scope() as s:
        annuaire.supprimer_personne(s, comite["David"])
    with base.session_scope() as s:
        annuaire.supprimer_personne(s, comite["Chloé"])
        assert s.scalars(select(Mandat).where(Mandat.personne_id == comite["Chloé"])).all() == []
