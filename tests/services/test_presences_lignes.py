"""The attendance screen's rules: its rows in order, who may hold a proxy, guests, and the live count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.modeles import Personne, Presence, Seance
from app.modeles.enumerations import EtatPresence, Voix
from app.services import presences
from app.services.presences import GenreLigne
from app.services.sieges import EtatSiege, PresenceLue
from tests.services.fabrique import Fabrique

J = dt.date(2026, 3, 5)


@dataclass
class Comite:
    session: Session
    seance_id: int
    p: dict[str, Personne]  # by family name

    def id(self, nom: str) -> int:
        return self.p[nom].id

    def noms(self, paires: list[tuple[int, str]]) -> list[str]:
        return [nom.split()[-1] for _, nom in paires]


@pytest.fixture
def comite(base):
    """A plenary: Élus (Arnaud with suppléante Vidal, Bernard, Chevalier), Institutions (Durand, Ancien whose
    mandate ended, so that his suppléant Orphelin stands in for nobody), Travailleurs sociaux (Roux with
    suppléant Simon); Conseil with a consultative vote; Invité, a person of the directory only; Bureau, a member
    of another instance."""
    with base.session_scope() as s:
        f = Fabrique(s)
        pleniere = f.instance("Plénière")
        bureau = f.instance("Bureau")
        ts = f.college("Travailleurs sociaux", ordre=2)
        institutions = f.college("Institutions", ordre=1)
        elus = f.college("Élus", ordre=1)  # same order as Institutions: by name, « Élus » first
        p = {}
        for nom in ("Arnaud", "Vidal", "Bernard", "Chevalier", "Durand", "Ancien", "Orphelin", "Roux", "Simon"):
            p[nom] = f.personne(nom, "Camille", structure=f.structure(f"Structure {nom}"))
        for nom in ("Conseil", "Invité", "Bureau", "Futur", "Parti"):
            p[nom] = f.personne(nom, "Dominique")
        arnaud = f.mandat(p["Arnaud"], pleniere, elus)
        f.mandat(p["Vidal"], pleniere, elus, suppleant_de=arnaud)
        f.mandat(p["Bernard"], pleniere, elus)
        f.mandat(p["Chevalier"], pleniere, elus)
        f.mandat(p["Durand"], pleniere, institutions)
        ancien = f.mandat(p["Ancien"], pleniere, institutions, fin=dt.date(2026, 1, 31))
        f.mandat(p["Orphelin"], pleniere, institutions, suppleant_de=ancien)
        roux = f.mandat(p["Roux"], pleniere, ts)
        f.mandat(p["Simon"], pleniere, ts, suppleant_de=roux)
        f.mandat(p["Conseil"], pleniere, institutions, voix=Voix.CONSULTATIVE)
        f.mandat(p["Bureau"], bureau, elus)
        f.mandat(p["Futur"], pleniere, elus, debut=dt.date(2026, 6, 1))  # not yet a member
        f.mandat(p["Parti"], pleniere, elus, suppleant_de=arnaud, fin=dt.date(2025, 12, 31))  # no longer
        seance = f.seance(pleniere, J)
        yield Comite(s, seance.id, p)


def test_les_lignes_suivent_les_colleges_chaque_titulaire_suivi_de_ses_suppleants(comite):
    s, seance = comite.session, comite.seance_id
    presences.ajouter_invite(s, seance, comite.id("Invité"))
    lignes = presences.lignes_presence(s, seance)
    assert [(ligne.nom, ligne.genre, ligne.college) for ligne in lignes] == [
        ("Camille Arnaud", GenreLigne.TITULAIRE, "Élus"),
        ("Camille Vidal", GenreLigne.SUPPLEANT, "Élus"),
        ("Camille Bernard", GenreLigne.TITULAIRE, "Élus"),
        ("Camille Chevalier", GenreLigne.TITULAIRE, "Élus"),
        ("Camille Durand", GenreLigne.TITULAIRE, "Institutions"),
        ("Camille Orphelin", GenreLigne.SUPPLEANT, "Institutions"),
        ("Camille Roux", GenreLigne.TITULAIRE, "Travailleurs sociaux"),
        ("Camille Simon", GenreLigne.SUPPLEANT, "Travailleurs sociaux"),
        ("Dominique Conseil", GenreLigne.CONSULTATIF, "Institutions"),
        ("Dominique Invité", GenreLigne.INVITE, ""),
    ]
    par_nom = {ligne.nom.split()[-1]: ligne for ligne in lignes}
    assert par_nom["Vidal"].titulaire_personne_id == comite.id("Arnaud")
    assert par_nom["Vidal"].titulaire_nom == "Camille Arnaud"
    assert par_nom["Orphelin"].titulaire_personne_id is None  # « sans titulaire »: Ancien's seat is over
    assert par_nom["Arnaud"].structure == "Structure Arnaud" and par_nom["Invité"].structure == ""
    assert par_nom["Invité"].etat is EtatPresence.PRESENT
    # Nothing recorded: every expected seat is absent; only titulaires carry a seat state.
    assert {ligne.siege for ligne in lignes if ligne.genre is GenreLigne.TITULAIRE} == {EtatSiege.ABSENT}
    assert {ligne.siege for ligne in lignes if ligne.genre is not GenreLigne.TITULAIRE} == {None}


def test_les_etats_et_les_pouvoirs_se_lisent_sur_les_lignes(comite):
    s, seance = comite.session, comite.seance_id
    presences.enregistrer_presence(s, seance, comite.id("Vidal"), EtatPresence.VISIO)
    presences.enregistrer_presence(s, seance, comite.id("Durand"), EtatPresence.PRESENT)
    presences.donner_pouvoir(s, seance, comite.id("Bernard"), comite.id("Durand"))
    presences.enregistrer_presence(s, seance, comite.id("Roux"), EtatPresence.EXCUSE)
    par_nom = {ligne.nom.split()[-1]: ligne for ligne in presences.lignes_presence(s, seance)}
    assert (par_nom["Arnaud"].etat, par_nom["Arnaud"].siege) == (None, EtatSiege.SUPPLEE)
    assert par_nom["Bernard"].etat is EtatPresence.REPRESENTE
    assert (par_nom["Bernard"].pouvoir_a_id, par_nom["Bernard"].pouvoir_a_nom) == (
        comite.id("Durand"),
        "Camille Durand",
    )
    assert par_nom["Bernard"].siege is EtatSiege.REPRESENTE
    assert par_nom["Roux"].siege is EtatSiege.EXCUSE and par_nom["Chevalier"].siege is EtatSiege.ABSENT


def test_porteurs_possibles(comite):
    s, seance = comite.session, comite.seance_id
    # Everyone with a deliberative mandate that day, titulaire or suppléant, but Arnaud and his own suppléante.
    assert comite.noms(presences.porteurs_possibles(s, seance, comite.id("Arnaud"))) == [
        "Bernard",
        "Chevalier",
        "Durand",
        "Orphelin",
        "Roux",
        "Simon",
    ]
    presences.enregistrer_presence(s, seance, comite.id("Bernard"), EtatPresence.PRESENT)
    presences.donner_pouvoir(s, seance, comite.id("Chevalier"), comite.id("Bernard"))  # Bernard now holds one
    presences.enregistrer_presence(s, seance, comite.id("Durand"), EtatPresence.ABSENT)
    presences.enregistrer_presence(s, seance, comite.id("Orphelin"), EtatPresence.EXCUSE)
    presences.enregistrer_presence(s, seance, comite.id("Simon"), EtatPresence.VISIO)
    assert comite.noms(presences.porteurs_possibles(s, seance, comite.id("Arnaud"))) == ["Roux", "Simon"]
    # Chevalier's own holder stays offered to Chevalier (changing nothing), Chevalier is represented: not offered.
    assert comite.noms(presences.porteurs_possibles(s, seance, comite.id("Roux"))) == ["Arnaud", "Vidal"]
    assert "Bernard" in comite.noms(presences.porteurs_possibles(s, seance, comite.id("Chevalier")))


def test_un_second_pouvoir_au_meme_porteur_est_refuse_sans_rien_changer(comite):
    s, seance = comite.session, comite.seance_id
    presences.donner_pouvoir(s, seance, comite.id("Chevalier"), comite.id("Bernard"))
    with pytest.raises(ErreurConnue, match="Camille Bernard porte déjà le pouvoir de Camille Chevalier"):
        presences.donner_pouvoir(s, seance, comite.id("Arnaud"), comite.id("Bernard"))
    assert presences.lire_presence(s, seance, comite.id("Arnaud")) is None
    with pytest.raises(ErreurConnue, match="suppléant de Camille Arnaud"):
        presences.donner_pouvoir(s, seance, comite.id("Arnaud"), comite.id("Vidal"))
    with pytest.raises(ErreurConnue, match="pas de mandat à voix délibérative"):
        presences.donner_pouvoir(s, seance, comite.id("Arnaud"), comite.id("Conseil"))
    with pytest.raises(ErreurConnue, match="Seul un titulaire"):
        presences.porteurs_possibles(s, seance, comite.id("Vidal"))
    with pytest.raises(ErreurConnue, match="Seul un titulaire"):
        presences.donner_pouvoir(s, seance, comite.id("Invité"), comite.id("Bernard"))


def test_plusieurs_pouvoirs_par_porteur_si_l_instance_le_permet(comite):
    s, seance = comite.session, comite.seance_id
    pleniere = s.get(Seance, seance).instance
    presences.donner_pouvoir(s, seance, comite.id("Chevalier"), comite.id("Bernard"))
    pleniere.pouvoirs_max_par_porteur = 2
    s.flush()
    assert "Bernard" in comite.noms(presences.porteurs_possibles(s, seance, comite.id("Arnaud")))
    pleniere.pouvoirs_max_par_porteur = 0
    s.flush()
    assert presences.porteurs_possibles(s, seance, comite.id("Arnaud")) == []


def test_un_pouvoir_devient_caduc_si_son_porteur_est_note_absent_ensuite(comite):
    s, seance = comite.session, comite.seance_id
    presences.enregistrer_presence(s, seance, comite.id("Bernard"), EtatPresence.PRESENT)
    presences.donner_pouvoir(s, seance, comite.id("Arnaud"), comite.id("Bernard"))
    etat = presences.etat_seance(s, seance)
    assert (etat.decompte.presents, etat.decompte.representes) == (1, 1)
    presences.changer_presence(s, seance, comite.id("Bernard"), EtatPresence.ABSENT)
    etat = presences.etat_seance(s, seance)
    assert (etat.decompte.presents, etat.decompte.representes, etat.decompte.excuses) == (0, 0, 1)
    arnaud = next(ligne for ligne in presences.lignes_presence(s, seance) if ligne.personne_id == comite.id("Arnaud"))
    assert arnaud.siege is EtatSiege.EXCUSE and arnaud.etat is EtatPresence.REPRESENTE


def test_les_invites(comite):
    s, seance = comite.session, comite.seance_id
    invitables = presences.personnes_invitables(s, seance)
    # Not members of the plenary that day; labelled with their organisation when they have one.
    assert [nom for _, nom in invitables] == [
        "Camille Ancien (Structure Ancien)",
        "Dominique Bureau",
        "Dominique Futur",
        "Dominique Invité",
        "Dominique Parti",
    ]
    with pytest.raises(ErreurConnue, match="est membre de l'instance « Plénière »"):
        presences.ajouter_invite(s, seance, comite.id("Vidal"))
    presences.ajouter_invite(s, seance, comite.id("Bureau"))  # a member of another instance is a guest here
    presences.ajouter_invite(s, seance, comite.id("Ancien"))  # so is a former member
    with pytest.raises(ErreurConnue, match="déjà inscrit"):
        presences.ajouter_invite(s, seance, comite.id("Bureau"))
    assert comite.id("Bureau") not in {i for i, _ in presences.personnes_invitables(s, seance)}
    lignes = presences.lignes_presence(s, seance)
    assert [ligne.nom for ligne in lignes if ligne.genre is GenreLigne.INVITE] == ["Camille Ancien", "Dominique Bureau"]
    assert presences.etat_seance(s, seance).decompte.presents == 0  # guests never count
    with pytest.raises(ErreurConnue, match="pas un invité"):
        presences.retirer_invite(s, seance, comite.id("Durand"))
    assert presences.retirer_invite(s, seance, comite.id("Bureau")) == PresenceLue(EtatPresence.PRESENT)
    assert s.scalar(select(Presence).where(Presence.personne_id == comite.id("Bureau"))) is None


def test_changer_puis_restaurer_remet_exactement_l_etat_d_avant(comite):
    s, seance = comite.session, comite.seance_id
    presences.enregistrer_presence(s, seance, comite.id("Bernard"), EtatPresence.PRESENT)
    avant = presences.donner_pouvoir(s, seance, comite.id("Arnaud"), comite.id("Bernard"))
    assert avant is None
    avant = presences.changer_presence(s, seance, comite.id("Arnaud"), EtatPresence.EXCUSE)
    assert avant == PresenceLue(EtatPresence.REPRESENTE, comite.id("Bernard"))
    presences.restaurer_presence(s, seance, comite.id("Arnaud"), avant)
    assert presences.lire_presence(s, seance, comite.id("Arnaud")) == avant
    with pytest.raises(ErreurConnue, match="Représenté par"):
        presences.changer_presence(s, seance, comite.id("Arnaud"), EtatPresence.REPRESENTE)
    presences.restaurer_presence(s, seance, comite.id("Arnaud"), None)
    assert presences.lire_presence(s, seance, comite.id("Arnaud")) is None
