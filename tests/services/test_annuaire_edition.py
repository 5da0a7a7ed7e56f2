"""Editing the directory from the pages: each write returns what its undo needs, and undo puts back exactly."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import select

from app.erreurs import ErreurConnue
from app.modeles import College, Comite, ComitePorteur, Instance, Mandat, Personne, Seance, Structure
from app.modeles.enumerations import (
    CategorieCollege,
    EtatPresence,
    MotifFinMandat,
    Partenariat,
    Qualite,
    Role,
    StatutSeance,
    TypeInstance,
    TypeStructure,
    Voix,
)
from app.services import annuaire, presences
from app.services.annuaire import FicheMandat, FichePersonne, FicheStructure
from app.services.annuaire_lecture import (
    EtatMandat,
    lire_choix,
    lire_mandats,
    lire_personnes,
    lire_structures,
    titulaires_en_cours,
)
from app.services.validation import ErreurValidation

D0 = dt.date(2025, 1, 1)
J = dt.date(2026, 3, 5)


@pytest.fixture
def annu(base):
    """Plénière and bureau, two collèges, a structure; Anne and Bruno titulaires, Éva suppléante of Anne."""
    with base.session_scope() as s:
        ts = College(nom="Travailleurs sociaux", categorie=CategorieCollege.TRAVAILLEURS_SOCIAUX, ordre=2)
        elus = College(nom="Élus", categorie=CategorieCollege.ELUS_DECIDEURS, ordre=1)
        pleniere = Instance(nom="Plénière", type=TypeInstance.PLENIERE, ordre=1)
        bureau = Instance(nom="Bureau", type=TypeInstance.BUREAU, ordre=2)
        s.add_all([ts, elus, pleniere, bureau])
        s.flush()
        ccas = annuaire.creer_structure(s, "CCAS de Valence", TypeStructure.CCAS_CIAS)
        ids = {"ts": ts.id, "elus": elus.id, "pl": pleniere.id, "bu": bureau.id, "ccas": ccas.id}
        for prenom, nom in [("Anne", "Martin"), ("Bruno", "Petit")]:
            p = annuaire.creer_personne(s, nom, prenom, structure_id=ccas.id)
            ids[prenom] = p.id
            ids[f"m_{prenom}"] = annuaire.creer_mandat(s, p.id, pleniere.id, ts.id, Qualite.TITULAIRE, D0).id
        eva = annuaire.creer_personne(s, "Lefèvre", "Éva")
        ids["Eva"] = eva.id
        ids["m_Eva"] = annuaire.creer_mandat(
            s, eva.id, pleniere.id, ts.id, Qualite.SUPPLEANT, D0, titulaire_id=ids["m_Anne"]
        ).id
    return ids


def _mandats(base, **criteres):
    with base.session_scope() as s:
        requete = select(Mandat).filter_by(**criteres).order_by(Mandat.id)
        return [annuaire.fiche_mandat(s, m.id) for m in s.scalars(requete)]


# --- structures ---------------------------------------------------------------------------------------------


def test_structure_modifiee_puis_restauree_a_l_identique(base, annu):
    with base.session_scope() as s:
        avant = annuaire.fiche_structure(s, annu["ccas"])
        nouvelle = FicheStructure(annu["ccas"], "  CCAS  de Valence-Romans ", TypeStructure.CCAS_CIAS,
                                  Partenariat.NOUVEAU, dt.date(2025, 6, 1))  # fmt: skip
        assert annuaire.modifier_structure(s, nouvelle) == avant
        assert annuaire.fiche_structure(s, annu["ccas"]).nom == "CCAS de Valence-Romans"
    with base.session_scope() as s:
        annuaire.restaurer_structure(s, avant)
    with base.session_scope() as s:
        assert annuaire.fiche_structure(s, annu["ccas"]) == avant


def test_nom_de_structure_obligatoire_et_unique(base, annu):
    with base.session_scope() as s:
        autre = annuaire.ajouter_structure(s, FicheStructure(0, "Mission locale", TypeStructure.ASSOCIATION))
    with pytest.raises(ErreurValidation) as erreur, base.session_scope() as s:
        annuaire.modifier_structure(s, replace(autre, nom="CCAS de Valence"))
    assert erreur.value.champ == "nom" and "existe déjà" in erreur.value.message
    with pytest.raises(ErreurValidation, match="obligatoire"), base.session_scope() as s:
        annuaire.modifier_structure(s, replace(autre, nom="  "))


def test_suppression_de_structure_refusee_tant_que_des_membres_y_sont_rattaches(base, annu):
    with pytest.raises(ErreurConnue, match="2 personnes de l'annuaire y sont rattachées"), base.session_scope() as s:
        annuaire.supprimer_structure(s, annu["ccas"])
    with base.session_scope() as s:
        for prenom in ("Anne", "Bruno"):
            annuaire.modifier_personne(s, replace(annuaire.fiche_personne(s, annu[prenom]), structure_id=None))
        comite = Comite(nom="Comité")
        s.add(comite)
        s.flush()
        s.add(ComitePorteur(comite_id=comite.id, structure_id=annu["ccas"]))
    with pytest.raises(ErreurConnue, match="porte le comité"), base.session_scope() as s:
        annuaire.supprimer_structure(s, annu["ccas"])
    with base.session_scope() as s:
        s.execute(ComitePorteur.__table__.delete())
        supprimee = annuaire.supprimer_structure(s, annu["ccas"])
    with base.session_scope() as s:
        assert s.get(Structure, annu["ccas"]) is None
        annuaire.restaurer_structure(s, supprimee)  # the undo: same id, same values
    with base.session_scope() as s:
        assert annuaire.fiche_structure(s, annu["ccas"]) == supprimee


# --- persons ------------------------------------------------------------------------------------------------


def test_personne_ajoutee_puis_modifiee_avec_validation_par_champ(base, annu):
    with base.session_scope() as s:
        zoe = annuaire.ajouter_personne(s, FichePersonne(0, " Roux ", "Zoé", courriel="zoe@exemple.fr"))
    assert (zoe.nom, zoe.courriel) == ("Roux", "zoe@exemple.fr") and zoe.id > 0
    for champ, modifiee in [
        ("courriel", replace(zoe, courriel="zoe.exemple.fr")),
        ("telephone", replace(zoe, telephone="appeler")),
        ("prenom", replace(zoe, prenom="")),
        ("nom", replace(zoe, nom="Martin", prenom="Anne")),
        ("structure", replace(zoe, structure_id=9999)),
    ]:
        with pytest.raises(ErreurValidation) as erreur, base.session_scope() as s:
            annuaire.modifier_personne(s, modifiee)
        assert erreur.value.champ == champ
    with base.session_scope() as s:
        assert annuaire.fiche_personne(s, zoe.id) == zoe  # nothing written by the refusals
        avant = annuaire.modifier_personne(s, replace(zoe, fonction="Assistante sociale", telephone="06 12 34 56 78"))
    assert avant == zoe
    with base.session_scope() as s:
        assert annuaire.fiche_personne(s, zoe.id).telephone == "06 12 34 56 78"
        annuaire.restaurer_personne(s, avant)
    with base.session_scope() as s:
        assert annuaire.fiche_personne(s, zoe.id) == zoe


def test_personne_retiree_puis_retablie_avec_ses_mandats_et_ses_identifiants(base, annu):
    with base.session_scope() as s:
        annuaire.supprimer_mandat(s, annu["m_Eva"])  # Anne's seat has no suppléant any more
        retiree = annuaire.retirer_personne(s, annu["Anne"])
    assert [m.id for m in retiree.mandats] == [annu["m_Anne"]]
    with base.session_scope() as s:
        assert s.get(Personne, annu["Anne"]) is None and s.get(Mandat, annu["m_Anne"]) is None
        annuaire.retablir_personne(s, retiree)
    with base.session_scope() as s:
        assert annuaire.fiche_personne(s, annu["Anne"]) == retiree.fiche
        assert annuaire.fiche_mandat(s, annu["m_Anne"]) == retiree.mandats[0]


def test_suppression_refusee_pour_qui_figure_dans_une_feuille_de_presence(base, annu):
    with base.session_scope() as s:
        seance = Seance(reference="PL-2026-01", instance_id=annu["pl"], date=J, statut=StatutSeance.TENUE)
        s.add(seance)
        s.flush()
        presences.enregistrer_presence(s, seance.id, annu["Bruno"], EtatPresence.PRESENT)
    with pytest.raises(ErreurConnue) as erreur, base.session_scope() as s:
        annuaire.retirer_personne(s, annu["Bruno"])
    assert "Bruno Petit figure dans des procès-verbaux ou des feuilles de présence" in erreur.value.message
    assert "Terminez plutôt ses mandats" in erreur.value.message
    with base.session_scope() as s:
        assert s.get(Personne, annu["Bruno"]) is not None


# --- mandates -----------------------------------------------------------------------------------------------


def _suppleant(annu, personne_id, titulaire_id, debut=J, instance="pl"):
    return FicheMandat(0, personne_id, annu[instance], annu["ts"], Qualite.SUPPLEANT, debut, titulaire_id)


def test_un_suppleant_supplee_un_titulaire_en_cours_de_la_meme_instance(base, annu):
    with base.session_scope() as s:
        zoe = annuaire.creer_personne(s, "Roux", "Zoé").id
        anne_bureau = annuaire.creer_mandat(s, annu["Anne"], annu["bu"], annu["ts"], Qualite.TITULAIRE, D0).id
        annuaire.terminer_mandat(s, annu["m_Bruno"], dt.date(2025, 12, 31), MotifFinMandat.DEMISSION)
    cas = [
        (_suppleant(annu, zoe, None), "Choisissez le titulaire"),
        (_suppleant(annu, zoe, anne_bureau), "même instance"),
        (_suppleant(annu, zoe, annu["m_Bruno"]), "n'est pas en cours le 5 mars 2026"),
        (_suppleant(annu, annu["Anne"], annu["m_Anne"]), "sa propre suppléante"),
        (_suppleant(annu, zoe, annu["m_Eva"]), "Choisissez le titulaire"),  # Éva is a suppléante herself
    ]
    for fiche, message in cas:
        with pytest.raises(ErreurValidation, match=message) as erreur, base.session_scope() as s:
            annuaire.ajouter_mandat(s, fiche)
        assert erreur.value.champ == "titulaire"
    with base.session_scope() as s:
        ajoute = annuaire.ajouter_mandat(s, _suppleant(annu, zoe, annu["m_Anne"]))
        choix = titulaires_en_cours(s, annu["pl"], J, sauf_personne_id=zoe)
    assert ajoute.titulaire_id == annu["m_Anne"]
    assert [c.libelle for c in choix] == ["Anne Martin (Travailleurs sociaux)"]  # Bruno's seat ended in 2025


def test_dates_dans_l_ordre_et_pas_deux_mandats_a_la_fois_dans_une_instance(base, annu):
    fiche = FicheMandat(0, annu["Anne"], annu["pl"], annu["elus"], Qualite.TITULAIRE, J, fin=J - dt.timedelta(1))
    with pytest.raises(ErreurValidation) as erreur, base.session_scope() as s:
        annuaire.ajouter_mandat(s, fiche)
    assert erreur.value.champ == "fin"
    with pytest.raises(ErreurValidation) as erreur, base.session_scope() as s:
        annuaire.ajouter_mandat(s, replace(fiche, fin=None))
    assert erreur.value.champ == "debut" and "déjà un mandat" in erreur.value.message
    with pytest.raises(ErreurValidation) as erreur, base.session_scope() as s:
        annuaire.ajouter_mandat(s, replace(fiche, instance_id=annu["bu"], fin=None, motif_fin=MotifFinMandat.TERME))
    assert erreur.value.champ == "motif_fin"


def test_mandat_modifie_sans_se_heurter_a_lui_meme_puis_restaure(base, annu):
    with base.session_scope() as s:
        avant = annuaire.fiche_mandat(s, annu["m_Bruno"])
        nouvelle = replace(avant, college_id=annu["elus"], role=Role.PRESIDENT, debut=dt.date(2025, 2, 1))
        assert annuaire.modifier_mandat(s, nouvelle) == avant
    with base.session_scope() as s:
        assert annuaire.fiche_mandat(s, annu["m_Bruno"]) == nouvelle
        annuaire.restaurer_mandat(s, avant)
    with base.session_scope() as s:
        assert annuaire.fiche_mandat(s, annu["m_Bruno"]) == avant


def test_un_titulaire_supplee_reste_titulaire_dans_son_instance(base, annu):
    with base.session_scope() as s:
        anne = annuaire.fiche_mandat(s, annu["m_Anne"])
    for modifiee, champ in [
        (replace(anne, qualite=Qualite.SUPPLEANT, titulaire_id=annu["m_Bruno"]), "qualite"),
        (replace(anne, instance_id=annu["bu"]), "instance"),
    ]:
        with (
            pytest.raises(ErreurValidation, match="Éva Lefèvre supplée ce mandat") as erreur,
            base.session_scope() as s,
        ):
            annuaire.modifier_mandat(s, modifiee)
        assert erreur.value.champ == champ
    with pytest.raises(ErreurConnue, match="Éva Lefèvre supplée ce mandat"), base.session_scope() as s:
        annuaire.supprimer_mandat(s, annu["m_Anne"])


def test_un_mandat_qui_couvre_une_seance_tenue_se_termine_au_lieu_d_etre_supprime(base, annu):
    with base.session_scope() as s:
        s.add(Seance(reference="PL-2026-01", instance_id=annu["pl"], date=J, statut=StatutSeance.CLOTUREE))
        s.add(Seance(reference="PL-2026-02", instance_id=annu["pl"], date=J.replace(month=6)))  # only planned
    with pytest.raises(ErreurConnue, match="la première le 5 mars 2026"), base.session_scope() as s:
        annuaire.supprimer_mandat(s, annu["m_Bruno"])
    with base.session_scope() as s:
        zoe = annuaire.creer_personne(s, "Roux", "Zoé").id
        nouveau = annuaire.ajouter_mandat(
            s, FicheMandat(0, zoe, annu["pl"], annu["ts"], Qualite.TITULAIRE, J + dt.timedelta(1))
        )
        supprime = annuaire.supprimer_mandat(s, nouveau.id)  # starts after the held meeting: a mistake, deletable
    assert supprime == nouveau


def test_fin_de_mandat_puis_reprise_a_l_identique(base, annu):
    prevue = dt.date(2027, 12, 31)
    with base.session_scope() as s:
        annuaire.modifier_mandat(s, replace(annuaire.fiche_mandat(s, annu["m_Bruno"]), fin=prevue))
        avant = annuaire.mettre_fin_au_mandat(s, annu["m_Bruno"], J, MotifFinMandat.DEMISSION)
    assert (avant.fin, avant.motif_fin) == (prevue, None)
    with base.session_scope() as s:
        fini = annuaire.fiche_mandat(s, annu["m_Bruno"])
        assert (fini.fin, fini.motif_fin) == (J, MotifFinMandat.DEMISSION)
        [ligne] = lire_mandats(s, annu["Bruno"], J + dt.timedelta(1))
        assert ligne.etat is EtatMandat.TERMINE and ligne.motif_fin is MotifFinMandat.DEMISSION
        annuaire.reprendre_mandat(s, avant.id, avant.fin, avant.motif_fin)
    with base.session_scope() as s:
        assert annuaire.fiche_mandat(s, annu["m_Bruno"]) == avant
    with pytest.raises(ErreurValidation, match="précède son début"), base.session_scope() as s:
        annuaire.mettre_fin_au_mandat(s, annu["m_Bruno"], D0 - dt.timedelta(1), MotifFinMandat.TERME)


def test_remplacement_annule_puis_retabli_avec_les_memes_identifiants(base, annu):
    with base.session_scope() as s:
        zoe = annuaire.creer_personne(s, "Roux", "Zoé").id
    avant = _mandats(base)
    with base.session_scope() as s:
        r = annuaire.remplacer(s, annu["m_Anne"], zoe, J)
    apres = _mandats(base)
    nouveau = next(m for m in apres if m.id == r.nouveau_id)
    assert (nouveau.personne_id, nouveau.debut, nouveau.qualite) == (zoe, J, Qualite.TITULAIRE)
    anne = next(m for m in apres if m.id == annu["m_Anne"])
    assert (anne.fin, anne.motif_fin) == (J - dt.timedelta(1), MotifFinMandat.REMPLACEMENT)
    eva = [m for m in apres if m.personne_id == annu["Eva"]]
    assert [m.titulaire_id for m in eva] == [annu["m_Anne"], r.nouveau_id]  # Éva now stands in for Zoé
    assert len(r.crees) == 2
    with base.session_scope() as s:
        annuaire.annuler_remplacement(s, r)
    assert _mandats(base) == avant
    with base.session_scope() as s:
        annuaire.retablir_remplacement(s, r)
    assert _mandats(base) == apres


def test_le_suppleant_qui_reprend_le_siege_quitte_sa_suppleance(base, annu):
    with base.session_scope() as s:
        r = annuaire.remplacer(s, annu["m_Anne"], annu["Eva"], J)
    eva = _mandats(base, personne_id=annu["Eva"])
    assert [(m.qualite, m.fin) for m in eva] == [
        (Qualite.SUPPLEANT, J - dt.timedelta(1)),
        (Qualite.TITULAIRE, None),
    ]
    assert r.crees == (r.nouveau_id,)  # no suppléant re-attached: Éva does not stand in for herself
    with pytest.raises(ErreurValidation) as erreur, base.session_scope() as s:
        annuaire.remplacer(s, r.nouveau_id, annu["Eva"], J + dt.timedelta(30))
    assert erreur.value.champ == "remplacant"
    with pytest.raises(ErreurValidation) as erreur, base.session_scope() as s:
        annuaire.remplacer(s, annu["m_Bruno"], annu["Anne"], D0)
    assert erreur.value.champ == "debut"


# --- reading ------------------------------------------------------------------------------------------------


def test_lectures_pour_les_tableaux(base, annu):
    with base.session_scope() as s:
        annuaire.creer_mandat(
            s,
            annu["Anne"],
            annu["bu"],
            annu["elus"],
            Qualite.TITULAIRE,
            D0,
            role=Role.PRESIDENT,
            voix=Voix.DELIBERATIVE,
        )
        annuaire.creer_personne(s, "Élie", "Zacharie")
        annuaire.creer_personne(s, "Ecker", "Yann")
        annuaire.terminer_mandat(s, annu["m_Bruno"], dt.date(2025, 12, 31), MotifFinMandat.TERME)
        structures = lire_structures(s)
        personnes = {p.prenom: p for p in lire_personnes(s, J)}
        ordre = [p.nom for p in lire_personnes(s, J)]
        mandats_anne = lire_mandats(s, annu["Anne"], J)
        [mandat_eva] = lire_mandats(s, annu["Eva"], J)
        choix = lire_choix(s)
    assert [(ligne.nom, ligne.membres) for ligne in structures] == [("CCAS de Valence", 2)]
    assert ordre == ["Ecker", "Élie", "Lefèvre", "Martin", "Petit"]  # à la française: É next to E
    anne = personnes["Anne"]
    assert anne.colleges == ("Élus", "Travailleurs sociaux") and anne.instances == ("Plénière", "Bureau")
    assert anne.mandats_en_cours == (
        "Plénière — Travailleurs sociaux, titulaire",
        "Bureau — Élus, titulaire, président",
    )
    assert anne.structure == "CCAS de Valence" and anne.en_fonction
    assert not personnes["Bruno"].en_fonction and personnes["Bruno"].sieges[0].etat is EtatMandat.TERMINE
    assert personnes["Éva"].colleges == ("Travailleurs sociaux",)
    assert [m.suppleants for m in mandats_anne] == [("Éva Lefèvre",), ()]
    assert (mandat_eva.suppleant_de, mandat_eva.titulaire_id) == ("Anne Martin", annu["m_Anne"])
    assert [c.libelle for c in choix.colleges] == ["Élus", "Travailleurs sociaux"]
    assert [c.libelle for c in choix.personnes][:2] == ["Yann Ecker", "Zacharie Élie"]
