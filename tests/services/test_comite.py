"""The committee service: the fiche read and written whole, its undo, collèges and instances with their rules."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from app.erreurs import ErreurConnue
from app.modeles import College, Comite, ComiteMission, ComitePorteur, Instance, Journal
from app.modeles.enumerations import (
    CategorieCollege,
    Mission,
    ModePresidence,
    NatureComite,
    NiveauInstance,
    OperationJournal,
    Role,
    TypeInstance,
    TypeTerritoire,
)
from app.services import comite as service
from app.services.comite import FicheComite, ReglesInstance
from app.services.demo import creer_demo
from app.services.validation import ErreurValidation
from tests.services.fabrique import Fabrique


@pytest.fixture
def base_demo(base, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-11-22")
    creer_demo(base)
    return base


def _fiche(**valeurs: object) -> FicheComite:
    return dataclasses.replace(FicheComite(nom="CLTSDS du Val"), **valeurs)  # type: ignore[arg-type]


# --- the fiche -------------------------------------------------------------------------------------------


def test_une_base_neuve_n_a_pas_de_comite_et_l_enregistrement_le_cree(base):
    with base.session_scope() as s:
        assert service.lire(s).fiche is None
        structure = Fabrique(s).structure("Conseil départemental du Val")
        sid = structure.id
    fiche = _fiche(
        type_territoire=TypeTerritoire.DEPARTEMENT,
        territoire="  Val   de Loire ",
        nature=NatureComite.CREATION,
        date_installation=dt.date(2026, 3, 5),
        mode_presidence=ModePresidence.ELUE,
        porteurs=frozenset({sid}),
        missions=frozenset({Mission.RECHERCHE, Mission.ETHIQUE_DEONTOLOGIE}),
        missions_libres=("Réseau des référents de parcours",),
        regles_saisine="Par courriel.  \n\n",
        en_tete="Ligne 1\nLigne 2",
    )
    with base.session_scope() as s:
        assert service.enregistrer_comite(s, fiche) is None
    with base.session_scope() as s:
        lue = service.lire_fiche(s)
    assert lue == dataclasses.replace(fiche, territoire="Val de Loire", regles_saisine="Par courriel.")


def test_annuler_la_creation_supprime_le_comite_et_ses_lignes(base):
    with base.session_scope() as s:
        ancienne = service.enregistrer_comite(s, _fiche(missions=frozenset({Mission.RECHERCHE})))
    with base.session_scope() as s:
        service.restaurer_comite(s, ancienne)
    with base.session_scope() as s:
        assert s.scalar(select(func.count()).select_from(Comite)) == 0
        assert s.scalar(select(func.count()).select_from(ComiteMission)) == 0


def test_modifier_puis_restaurer_rend_la_fiche_exacte(base_demo):
    with base_demo.session_scope() as s:
        avant = service.lire_fiche(s)
        assert avant is not None
        autre = next(st.id for st in service.lire(s).structures if st.id not in avant.porteurs)
        apres = dataclasses.replace(
            avant,
            territoire="Vallée-du-Lys et Marches",
            porteurs=avant.porteurs | {autre},
            missions=avant.missions - {Mission.ANALYSE_PARTAGEE} | {Mission.RECHERCHE},
            missions_libres=(),
        )
        assert service.champs_modifies(avant, apres) == [
            "territoire",
            "structures porteuses",
            "missions",
            "autres missions",
        ]
        assert service.enregistrer_comite(s, apres) == avant
    with base_demo.session_scope() as s:
        assert service.lire_fiche(s) == apres
        service.restaurer_comite(s, avant)
    with base_demo.session_scope() as s:
        assert service.lire_fiche(s) == avant


def test_cocher_de_nouveau_une_mission_ne_heurte_pas_l_ancienne_ligne(base):
    with base.session_scope() as s:
        service.enregistrer_comite(s, _fiche(missions=frozenset({Mission.RECHERCHE})))
    with base.session_scope() as s:
        service.enregistrer_comite(s, _fiche())
        service.enregistrer_comite(s, _fiche(missions=frozenset({Mission.RECHERCHE})))
    with base.session_scope() as s:
        assert service.lire_fiche(s) == _fiche(missions=frozenset({Mission.RECHERCHE}))


def test_un_enregistrement_sans_changement_n_ecrit_rien_au_journal(base_demo):
    with base_demo.session_scope() as s:
        fiche = service.lire_fiche(s)
        assert fiche is not None
        avant = s.scalar(select(func.count()).select_from(Journal))
    with base_demo.session_scope() as s:
        service.enregistrer_comite(s, fiche)
    with base_demo.session_scope() as s:
        assert s.scalar(select(func.count()).select_from(Journal)) == avant
        service.enregistrer_comite(s, dataclasses.replace(fiche, secretariat="Assuré par la DDETS."))
    with base_demo.session_scope() as s:
        derniere = s.scalars(select(Journal).order_by(Journal.id.desc())).first()
        assert derniere is not None
        assert (derniere.entite, derniere.operation) == ("Comite", OperationJournal.MODIFICATION)
        assert "secretariat" in derniere.details and "nom" not in derniere.details


@pytest.mark.parametrize(
    ("valeurs", "champ", "message"),
    [
        ({"nom": "   "}, "nom", "Le nom du comité est obligatoire."),
        ({"nom": "x" * 201}, "nom", "Le nom du comité dépasse 200 caractères."),
        ({"missions_libres": (" ",)}, "missions_libres", "L'intitulé d'une mission est obligatoire."),
        (
            {"missions_libres": ("Veille", "veille ")},
            "missions_libres",
            "La mission « veille » figure déjà dans la liste.",
        ),
        (
            {
                "missions": frozenset({Mission.RECHERCHE}),
                "missions_libres": ("Valorisation de la recherche en travail social",),
            },
            "missions_libres",
            "figure déjà",
        ),
        ({"porteurs": frozenset({999})}, "porteurs", "Une structure porteuse n'existe plus"),
    ],
)
def test_la_fiche_est_validee_champ_par_champ(base, valeurs, champ, message):
    with base.session_scope() as s, pytest.raises(ErreurValidation) as erreur:
        service.enregistrer_comite(s, _fiche(**valeurs))
    assert erreur.value.champ == champ
    assert message in erreur.value.message
    with base.session_scope() as s:
        assert service.lire_fiche(s) is None


def test_presidence_et_vice_presidence_viennent_des_mandats_actifs_de_la_pleniere(base, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-06-01")
    with base.session_scope() as s:
        f = Fabrique(s)
        pleniere, bureau = f.instance("Plénière"), f.instance("Bureau", TypeInstance.BUREAU)
        elus = f.college("Élus")
        cd = f.structure("Conseil départemental")
        f.mandat(f.personne("Durand", "Anne", structure=cd), pleniere, elus, role=Role.PRESIDENT)
        ancien = f.personne("Roux", "Paul")
        f.mandat(ancien, pleniere, elus, role=Role.PRESIDENT, fin=dt.date(2026, 5, 31))
        f.mandat(f.personne("Noël", "Luc"), bureau, elus, role=Role.VICE_PRESIDENT)
        f.mandat(f.personne("Martin", "Léa"), pleniere, elus, role=Role.VICE_PRESIDENT)
    with base.session_scope() as s:
        etat = service.lire(s)
    assert etat.presidence == (service.Responsable("Anne Durand", "Conseil départemental", "Plénière"),)
    assert etat.vice_presidence == (service.Responsable("Léa Martin", None, "Plénière"),)


# --- collèges ------------------------------------------------------------------------------------------


def test_colleges_creer_modifier_deplacer_supprimer_et_restaurer(base):
    with base.session_scope() as s:
        a = service.creer_college(s, " Élus  et décideurs ", CategorieCollege.ELUS_DECIDEURS)
        b = service.creer_college(s, "Employeurs", CategorieCollege.INSTITUTIONS_EMPLOYEURS)
        c = service.creer_college(s, "Personnes accompagnées", CategorieCollege.PERSONNES_ACCOMPAGNEES)
    with base.session_scope() as s:
        assert [(x.nom, x.ordre) for x in service.lire_colleges(s)] == [
            ("Élus et décideurs", 1),
            ("Employeurs", 2),
            ("Personnes accompagnées", 3),
        ]
        ancien = service.modifier_college(s, b, "Institutions et employeurs", CategorieCollege.INSTITUTIONS_EMPLOYEURS)
        assert ancien.nom == "Employeurs"
        assert service.deplacer(s, "college", c, -1) is True
        assert service.deplacer(s, "college", a, -1) is False  # already first
    with base.session_scope() as s:
        assert [x.id for x in service.lire_colleges(s)] == [a, c, b]
        service.deplacer(s, "college", c, 1)  # the exact undo of the move
        service.restaurer_college(s, ancien)
        supprime = service.supprimer_college(s, b)
    with base.session_scope() as s:
        assert [x.id for x in service.lire_colleges(s)] == [a, c]
        service.restaurer_college(s, supprime)
    with base.session_scope() as s:
        assert [(x.id, x.nom, x.ordre) for x in service.lire_colleges(s)] == [
            (a, "Élus et décideurs", 1),
            (b, "Employeurs", 2),
            (c, "Personnes accompagnées", 3),
        ]


def test_un_nom_de_college_est_obligatoire_et_unique_sans_egard_a_la_casse_ni_aux_accents(base):
    with base.session_scope() as s:
        service.creer_college(s, "Élus", CategorieCollege.ELUS_DECIDEURS)
        autre = service.creer_college(s, "Autres", CategorieCollege.AUTRE)
    for nom, categorie, champ, message in (
        ("", None, "nom", "Le nom du collège est obligatoire."),  # the name is checked first
        ("ELUS", CategorieCollege.AUTRE, "nom", "Un collège porte déjà le nom « Élus »"),
        ("Jeunes", None, "categorie", "Choisissez la catégorie du collège."),
    ):
        with base.session_scope() as s, pytest.raises(ErreurValidation) as erreur:
            service.modifier_college(s, autre, nom, categorie)
        assert erreur.value.champ == champ
        assert message in erreur.value.message
    with base.session_scope() as s:  # its own name, differently written, is not a duplicate
        service.modifier_college(s, autre, "AUTRES", CategorieCollege.AUTRE)


def test_un_college_qui_porte_des_mandats_ne_se_supprime_pas(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        elus = f.college("Élus")
        f.titulaires(f.instance("Plénière"), elus, "Durand", "Martin")
        elus_id = elus.id
    with base.session_scope() as s, pytest.raises(ErreurConnue) as erreur:
        service.supprimer_college(s, elus_id)
    assert erreur.value.message.startswith("Le collège « Élus » ne peut pas être supprimé : 2 mandats y sont")
    with base.session_scope() as s:
        assert s.get(College, elus_id) is not None
        assert service.lire_colleges(s)[0].mandats == 2


# --- instances -----------------------------------------------------------------------------------------


def test_instances_creer_modifier_supprimer_et_restaurer(base):
    regles = ReglesInstance("Bureau", TypeInstance.BUREAU, NiveauInstance.POLITIQUE_STRATEGIQUE, 2, 3, False, 1, 8)
    with base.session_scope() as s:
        iid = service.creer_instance(s, regles)
    with base.session_scope() as s:
        (lue,) = service.lire_instances(s)
        assert service.regles_de(lue) == regles and lue.ordre == 1
        ancienne = service.modifier_instance(s, iid, dataclasses.replace(regles, delai_convocation_jours=0))
        assert ancienne == lue
    with base.session_scope() as s:
        assert service.lire_instances(s)[0].delai_convocation_jours == 0
        service.restaurer_instance(s, ancienne)
        supprimee = service.supprimer_instance(s, iid)
        assert s.get(Instance, iid) is None
        service.restaurer_instance(s, supprimee)
    with base.session_scope() as s:
        assert service.lire_instances(s) == (lue,)


@pytest.mark.parametrize(
    ("valeurs", "champ", "message"),
    [
        ({"nom": " "}, "nom", "Le nom de l'instance est obligatoire."),
        ({"nom": "assemblée PLÉNIÈRE"}, "nom", "Une instance porte déjà le nom « Assemblée plénière »."),
        ({"type": None}, "type", "Choisissez le type de l'instance."),
        ({"quorum_numerateur": 3, "quorum_denominateur": 2}, "quorum_numerateur", "de 0 (aucun quorum) à 2/2"),
        ({"quorum_numerateur": -1}, "quorum_numerateur", "fraction"),
        ({"quorum_denominateur": 0, "quorum_numerateur": 0}, "quorum_denominateur", "de 1 à 100"),
        ({"delai_convocation_jours": -1}, "delai_convocation_jours", "de 0 à 365 jours"),
        ({"pouvoirs_max_par_porteur": -1}, "pouvoirs_max_par_porteur", "de 0 à 10"),
    ],
)
def test_les_regles_d_une_instance_sont_validees(base, valeurs, champ, message):
    with base.session_scope() as s:
        service.creer_instance(s, ReglesInstance("Assemblée plénière", TypeInstance.PLENIERE))
    regles = dataclasses.replace(ReglesInstance("Bureau", TypeInstance.BUREAU), **valeurs)
    with base.session_scope() as s, pytest.raises(ErreurValidation) as erreur:
        service.creer_instance(s, regles)
    assert erreur.value.champ == champ and message in erreur.value.message


def test_une_instance_sans_quorum_est_admise_et_se_lit_aucun(base):
    with base.session_scope() as s:
        service.creer_instance(s, ReglesInstance("Groupe", TypeInstance.GROUPE_TRAVAIL, None, 0, 1))
        lue = service.lire_instances(s)[0]
    assert service.texte_quorum(lue.quorum_numerateur, lue.quorum_denominateur) == "aucun"
    assert service.texte_quorum(1, 2) == "1/2"


def test_une_instance_utilisee_ne_se_supprime_pas_et_le_message_dit_pourquoi(base_demo):
    with base_demo.session_scope() as s:
        pleniere = next(i for i in service.lire_instances(s) if i.nom == "Assemblée plénière")
        assert pleniere.mandats > 0 and pleniere.seances > 0
        with pytest.raises(ErreurConnue) as erreur:
            service.supprimer_instance(s, pleniere.id)
    assert erreur.value.message == (
        f"L'instance « Assemblée plénière » ne peut pas être supprimée : elle a {pleniere.mandats} mandats, "
        f"{pleniere.seances} séances et des productions. "
        "Son historique doit rester consultable ; vous pouvez la renommer."
    )


def test_une_instance_avec_une_seule_seance_le_dit_au_singulier(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        bureau = f.instance("Bureau", TypeInstance.BUREAU)
        f.seance(bureau, dt.date(2026, 3, 5))
        bid = bureau.id
    with base.session_scope() as s:
        assert service.motif_refus_suppression_instance(s, bid) == (
            "L'instance « Bureau » ne peut pas être supprimée : elle a 1 séance. "
            "Son historique doit rester consultable ; vous pouvez la renommer."
        )


def test_deplacer_une_instance_renumerote_puis_echange(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        ids = [f.instance(nom).id for nom in ("C", "A", "B")]  # all at ordre 0: read by name
    with base.session_scope() as s:
        assert [i.nom for i in service.lire_instances(s)] == ["A", "B", "C"]
        assert service.deplacer(s, "instance", ids[0], -1)
    with base.session_scope() as s:
        assert [(i.nom, i.ordre) for i in service.lire_instances(s)] == [("A", 1), ("C", 2), ("B", 3)]
        with pytest.raises(ErreurConnue):
            service.deplacer(s, "instance", 999, 1)


def test_les_porteurs_se_lisent_par_structure(base_demo):
    with base_demo.session_scope() as s:
        fiche = service.lire_fiche(s)
        assert fiche is not None
        assert len(fiche.porteurs) == s.scalar(select(func.count()).select_from(ComitePorteur)) == 2
        noms = {st.nom for st in service.lire(s).structures if st.id in fiche.porteurs}
    assert len(noms) == 2
