"""Productions, their diffusions and the exchanges with the HCTS: create, edit, delete, each refusal naming its
field, each undo putting the record back as it was (same id, diffusions and files); escalations recorded from
the Saisines page cannot be deleted here; the indicators count what is recorded."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import BaseDeDonnees
from app.erreurs import ErreurConnue
from app.modeles import Diffusion, EchangeHcts, PieceJointe, Production
from app.modeles.enumerations import CanalDiffusion, Mission, PublicDiffusion, SensEchange, TypeProduction
from app.services import indicateurs, pieces_jointes
from app.services import productions as prod
from app.services.productions import FicheDiffusion, FicheEchange, FicheProduction
from app.services.productions_lecture import lire_diffusions, lire_echanges, lire_productions
from app.services.validation import ErreurValidation
from tests.services.fabrique import Fabrique

JOUR = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _aujourdhui(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-06-01")


def _guide(**champs: object) -> FicheProduction:
    fiche = FicheProduction(0, TypeProduction.GUIDE, "Guide du premier accueil", JOUR, mission=Mission.ANALYSE_PARTAGEE)
    return replace(fiche, **champs)  # type: ignore[arg-type]


def test_creer_lire_modifier_une_production(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        instance = Fabrique(s).instance("Groupe de travail accueil")
        instance_id = instance.id
        pid = prod.creer_production(
            s,
            _guide(
                titre="  Guide   du premier accueil ", description="Ligne 1  \n\n\n\nLigne 2", instance_id=instance_id
            ),
        )
    with base.session_scope() as s:
        fiche = prod.fiche_production(s, pid)
        assert fiche.titre == "Guide du premier accueil"
        assert fiche.description == "Ligne 1\n\nLigne 2"
        (ligne,) = lire_productions(s)
        assert (ligne.instance, ligne.diffusions, ligne.personnes_atteintes) == ("Groupe de travail accueil", 0, 0)
        avant = prod.modifier_production(s, replace(fiche, titre="Guide révisé", type=TypeProduction.NOTE))
    assert avant == fiche
    with base.session_scope() as s:
        assert prod.fiche_production(s, pid).titre == "Guide révisé"
        prod.modifier_production(s, avant)  # the undo
    with base.session_scope() as s:
        assert prod.fiche_production(s, pid) == fiche


@pytest.mark.parametrize(
    ("champs", "champ_fautif"),
    [
        ({"titre": "   "}, "titre"),
        ({"titre": "x" * 501}, "titre"),
        ({"instance_id": 999}, "instance"),
        ({"recommandation_id": 999}, "recommandation"),
    ],
)
def test_production_refusee_nomme_le_champ(base: BaseDeDonnees, champs: dict[str, object], champ_fautif: str) -> None:
    with base.session_scope() as s, pytest.raises(ErreurValidation) as erreur:
        prod.creer_production(s, _guide(**champs))
    assert erreur.value.champ == champ_fautif
    with base.session_scope() as s:
        assert s.scalars(select(Production)).all() == []


def test_diffusions_ajout_modification_suppression(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        pid = prod.creer_production(s, _guide())
        d1 = prod.ajouter_diffusion(
            s, FicheDiffusion(0, pid, CanalDiffusion.COURRIEL, PublicDiffusion.ENCADREMENT, JOUR, 40)
        )
        prod.ajouter_diffusion(s, FicheDiffusion(0, pid, CanalDiffusion.PRESSE, PublicDiffusion.GRAND_PUBLIC, JOUR))
        (ligne,) = lire_productions(s)
        assert (ligne.diffusions, ligne.personnes_atteintes, ligne.nombres_inconnus) == (2, 40, 1)
        avant = prod.modifier_diffusion(s, replace(prod.fiche_diffusion(s, d1), nombre_atteint=0))
        assert avant.nombre_atteint == 40
        assert lire_diffusions(s, pid)[0].nombre_atteint == 0
        copie = prod.supprimer_diffusion(s, d1)
        assert [d.id for d in lire_diffusions(s, pid)] != [d1]
        assert prod.restaurer_diffusion(s, copie) == d1
        assert prod.fiche_diffusion(s, d1).nombre_atteint == 0


@pytest.mark.parametrize(
    ("champs", "champ_fautif"),
    [({"nombre_atteint": -1}, "nombre_atteint"), ({"date": JOUR - dt.timedelta(days=1)}, "date")],
)
def test_diffusion_refusee_nomme_le_champ(base: BaseDeDonnees, champs: dict[str, object], champ_fautif: str) -> None:
    with base.session_scope() as s:
        pid = prod.creer_production(s, _guide())
    fiche = replace(FicheDiffusion(0, pid, CanalDiffusion.COURRIEL, PublicDiffusion.ELUS, JOUR), **champs)  # type: ignore[arg-type]
    with base.session_scope() as s, pytest.raises(ErreurValidation) as erreur:
        prod.ajouter_diffusion(s, fiche)
    assert erreur.value.champ == champ_fautif


def test_production_ne_peut_pas_etre_datee_apres_sa_diffusion(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        pid = prod.creer_production(s, _guide())
        prod.ajouter_diffusion(s, FicheDiffusion(0, pid, CanalDiffusion.REUNION, PublicDiffusion.ELUS, JOUR))
    with base.session_scope() as s, pytest.raises(ErreurValidation) as erreur:
        prod.modifier_production(s, replace(prod.fiche_production(s, pid), date=JOUR + dt.timedelta(days=1)))
    assert erreur.value.champ == "date"


def test_suppression_puis_restauration_sous_le_meme_id(base: BaseDeDonnees, tmp_path: Path) -> None:
    fichier = tmp_path / "guide.pdf"
    fichier.write_bytes(b"%PDF-1.4 guide")
    with base.session_scope() as s:
        pid = prod.creer_production(s, _guide())
        did = prod.ajouter_diffusion(
            s, FicheDiffusion(0, pid, CanalDiffusion.INTRANET, PublicDiffusion.FORMATION, JOUR, 12)
        )
        piece = pieces_jointes.joindre(s, base.chemin, prod.ENTITE, pid, fichier)
    with base.session_scope() as s:
        copie = prod.supprimer_production(s, pid)
    with base.session_scope() as s:
        assert s.get(Production, pid) is None and s.get(Diffusion, did) is None
        assert s.scalars(select(PieceJointe)).all() == []
    with base.session_scope() as s:
        assert prod.restaurer_production(s, copie) == pid
    with base.session_scope() as s:
        assert [d.id for d in lire_diffusions(s, pid)] == [did]
        assert pieces_jointes.pieces_de(s, prod.ENTITE, pid) == [piece]
        assert lire_productions(s)[0].fichiers == 1


def test_echanges_dans_les_deux_sens(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        vers = prod.creer_echange(
            s, FicheEchange(0, JOUR, SensEchange.VERS_HCTS, "Rapport d'activité 2025", "rapport.pdf")
        )
        depuis = prod.creer_echange(
            s,
            FicheEchange(
                0, JOUR, SensEchange.DEPUIS_HCTS, "Guide du HCTS sur le partage", suite_donnee="Présenté en plénière."
            ),
        )
        lignes = {e.id: e for e in lire_echanges(s)}
        assert lignes[vers].sens is SensEchange.VERS_HCTS and lignes[vers].document == "rapport.pdf"
        assert lignes[depuis].suite_donnee == "Présenté en plénière."
        avant = prod.modifier_echange(s, replace(prod.fiche_echange(s, depuis), suite_donnee="Diffusé aux membres."))
        assert avant.suite_donnee == "Présenté en plénière."
        copie = prod.supprimer_echange(s, vers)
        assert s.get(EchangeHcts, vers) is None
        assert prod.restaurer_echange(s, copie) == vers


@pytest.mark.parametrize(
    ("champs", "champ_fautif"), [({"objet": " "}, "objet"), ({"date": dt.date(2026, 6, 2)}, "date")]
)
def test_echange_refuse_nomme_le_champ(base: BaseDeDonnees, champs: dict[str, object], champ_fautif: str) -> None:
    fiche = replace(FicheEchange(0, JOUR, SensEchange.DEPUIS_HCTS, "Note"), **champs)  # type: ignore[arg-type]
    with base.session_scope() as s, pytest.raises(ErreurValidation) as erreur:
        prod.creer_echange(s, fiche)
    assert erreur.value.champ == champ_fautif


def test_une_escalade_reste_a_la_page_saisines(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        saisine = Fabrique(s).saisine(dt.date(2026, 2, 1))
        echange = EchangeHcts(
            date=JOUR, sens=SensEchange.VERS_HCTS, objet="Saisine transmise", saisine_id=saisine.id, par="Claire"
        )
        s.add(echange)
        s.flush()
        eid, numero = echange.id, saisine.numero
    with base.session_scope() as s:
        (ligne,) = lire_echanges(s)
        assert ligne.escalade and ligne.saisine == numero
        assert numero in (prod.motif_refus_suppression_echange(s, eid) or "")
        with pytest.raises(ErreurConnue, match=numero):
            prod.supprimer_echange(s, eid)
        with pytest.raises(ErreurValidation):
            prod.modifier_echange(s, replace(prod.fiche_echange(s, eid), date=JOUR - dt.timedelta(days=1)))
        # Its follow-up (the HCTS's answer) may be written here.
        prod.modifier_echange(s, replace(prod.fiche_echange(s, eid), suite_donnee="Avis de la commission reçu."))
    with base.session_scope() as s:
        assert s.get(EchangeHcts, eid) is not None
        assert prod.fiche_echange(s, eid).suite_donnee == "Avis de la commission reçu."


def test_les_indicateurs_comptent_ce_qui_est_enregistre(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        guide = prod.creer_production(s, _guide())
        prod.creer_production(s, _guide(type=TypeProduction.EVENEMENT, titre="Journée d'étude"))
        prod.creer_production(s, _guide(titre="Autre guide"))
        for canal in (CanalDiffusion.COURRIEL, CanalDiffusion.COURRIEL, CanalDiffusion.PRESSE):
            prod.ajouter_diffusion(s, FicheDiffusion(0, guide, canal, PublicDiffusion.ELUS, JOUR, 3))
    with base.session_scope() as s:
        bloc = indicateurs.calculer(s)["productions"]
    assert bloc["par_type"]["guide"] == 2 and bloc["par_type"]["evenement"] == 1
    assert sum(bloc["par_type"].values()) == 3
    assert bloc["diffusions_par_canal"]["courriel"] == 2 and bloc["diffusions_par_canal"]["presse"] == 1
    assert sum(bloc["diffusions_par_canal"].values()) == 3
