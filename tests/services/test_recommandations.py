"""Written opinions `REC-AAAA-NNN`: versions, statuses, adoption at a held meeting of the ethics instance, the
publication gate (requesters' consent, anonymisation sign-off by someone other than the last author), and the
word-level comparison of two versions."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from app import db
from app.db import BaseDeDonnees
from app.erreurs import ErreurConnue
from app.horloge import VARIABLE
from app.modeles import PointOrdreDuJour
from app.modeles.enumerations import (
    NatureRecommandation,
    StatutRecommandation,
    StatutSaisine,
    StatutSeance,
    ThemeEthique,
    TypeDemandeur,
    TypeInstance,
)
from app.services import recommandations as rec
from app.services import saisines
from app.services.recommandations import TRANSITIONS, EtatRecommandation, FicheRecommandation, Segment, comparer
from app.services.saisines_workflow import ConstatsRestants, TransitionInterdite
from app.services.validation import ErreurValidation
from tests.services.fabrique import Fabrique

R = StatutRecommandation
J = dt.date(2026, 3, 16)
AUTEUR = "Anne Rédactrice"
RELECTEUR = "Paul Girard"


@pytest.fixture(autouse=True)
def _aujourdhui(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VARIABLE, J.isoformat())


@dataclass(frozen=True)
class Cadre:
    ethique: int
    """A held meeting of the ethics instance, on J."""
    a_venir: int
    """A planned meeting of the ethics instance."""
    pleniere: int
    """A held plenary, on J."""
    saisine: int
    """A referral from a social worker, anonymisation validated, no consent to publication."""
    numero: str
    autosaisine: int
    """A referral the instance raised itself, anonymisation validated."""


def _construire(s: Session) -> Cadre:
    f = Fabrique(s)
    ethique = f.seance_ethique(J)
    a_venir = f.seance_ethique(J + dt.timedelta(days=14), StatutSeance.PLANIFIEE)
    pleniere = f.seance(f.instance("Assemblée plénière", TypeInstance.PLENIERE), J)
    saisine = f.saisine_au_statut(StatutSaisine.ANONYMISATION_VALIDEE)
    autosaisine = f.saisine_enregistree(type_demandeur=TypeDemandeur.AUTOSAISINE)
    f.mener_saisine(autosaisine, StatutSaisine.ANONYMISATION_VALIDEE)
    return Cadre(ethique.id, a_venir.id, pleniere.id, saisine, saisines.saisine(s, saisine).numero, autosaisine)


@pytest.fixture(scope="module")
def _modele_cadre(_modele_de_base: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Cadre]:
    """The base of `cadre`, built once through the services."""
    chemin = tmp_path_factory.mktemp("cadre_recommandations") / "cadre.db"
    shutil.copyfile(_modele_de_base, chemin)
    modele = db.ouvrir(chemin)
    try:
        with pytest.MonkeyPatch.context() as mp, modele.session_scope() as s:
            mp.setenv(VARIABLE, J.isoformat())
            cadre = _construire(s)
    finally:
        modele.fermer()
    return chemin, cadre


@pytest.fixture
def base(_modele_cadre: tuple[Path, Cadre], tmp_path: Path) -> Iterator[BaseDeDonnees]:
    """In this module, every test's fresh base already holds the meetings and referrals of `cadre`."""
    chemin = tmp_path / "comite.db"
    shutil.copyfile(_modele_cadre[0], chemin)
    ouverte = db.ouvrir(chemin)
    yield ouverte
    ouverte.fermer()


@pytest.fixture
def cadre(_modele_cadre: tuple[Path, Cadre]) -> Cadre:
    return _modele_cadre[1]


def _fiche(**champs: object) -> FicheRecommandation:
    valeurs: dict[str, object] = {
        "id": 0,
        "nature": NatureRecommandation.AVIS,
        "titre": "Partager sans consentement",
        "texte": "## Cadre\n\nLe secret partagé.",
    }
    return FicheRecommandation(**{**valeurs, **champs})  # type: ignore[arg-type]


def _creer(base: BaseDeDonnees, **champs: object) -> int:
    with base.session_scope() as s:
        return rec.creer_recommandation(s, _fiche(**champs), AUTEUR)


def _r(s: Session, id_: int) -> rec.Recommandation:
    return rec.recommandation(s, id_)


# --- Creation, versions ---------------------------------------------------------------------------------


def test_creer_une_recommandation(base: BaseDeDonnees, cadre: Cadre) -> None:
    with base.session_scope() as s:
        id_ = rec.creer_recommandation(
            s,
            _fiche(
                titre="  Partager   sans consentement ",
                texte="\n\n## Cadre   \n\nLe secret partagé.  \n\n",
                themes=(ThemeEthique.NUMERIQUE, ThemeEthique.CONSENTEMENT),
                saisines=(cadre.autosaisine, cadre.saisine),
            ),
            AUTEUR,
        )
    with base.session_scope() as s:
        r = _r(s, id_)
        assert (r.numero, r.annee, r.rang, r.statut, r.publication_autorisee) == (
            "REC-2026-001",
            2026,
            1,
            R.PROJET,
            False,
        )
        assert (r.titre, r.texte) == ("Partager sans consentement", "## Cadre\n\nLe secret partagé.")
        (v1,) = rec.versions(s, id_)
        assert (v1.version, v1.titre, v1.texte, v1.auteur, v1.horodatage.date()) == (
            1,
            r.titre,
            r.texte,
            AUTEUR,
            J,
        )
        fiche = rec.fiche_recommandation(s, id_)
        assert fiche.themes == (ThemeEthique.CONSENTEMENT, ThemeEthique.NUMERIQUE)
        assert fiche.saisines == (cadre.autosaisine, cadre.saisine)  # in the order linked


@pytest.mark.parametrize(
    ("champs", "champ", "message"),
    [
        ({"titre": "  "}, "titre", "Le titre est obligatoire"),
        ({"titre": "x" * 501}, "titre", "dépasse 500 caractères"),
        ({"themes": (ThemeEthique.AUTRE, ThemeEthique.AUTRE)}, "themes", "Un même thème figure deux fois"),
        ({"saisines": (999,)}, "saisines", "Une saisine liée n'existe plus"),
    ],
    ids=["sans-titre", "titre-trop-long", "theme-en-double", "saisine-disparue"],
)
def test_une_creation_refusee_ne_prend_pas_de_numero(
    base: BaseDeDonnees, champs: dict[str, object], champ: str, message: str
) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        avant = f.photo()
        with pytest.raises(ErreurValidation, match=message) as erreur:
            rec.creer_recommandation(s, _fiche(**champs), AUTEUR)
        assert erreur.value.champ == champ
        assert f.photo() == avant
    assert _creer(base) and _creer(base, titre="x" * 500)


def test_on_ne_lie_pas_une_saisine_dont_l_anonymisation_n_est_pas_validee(base: BaseDeDonnees, cadre: Cadre) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        recevable = f.saisine_au_statut(StatutSaisine.RECEVABLE)
        numero = saisines.saisine(s, recevable).numero
        existante = rec.creer_recommandation(s, _fiche(), AUTEUR)
    with base.session_scope() as s:
        f = Fabrique(s)
        avant = f.photo()
        message = f"L'anonymisation de {numero} n'est pas validée : elle ne peut pas encore être liée"
        with pytest.raises(ErreurValidation, match=message):
            rec.creer_recommandation(s, _fiche(saisines=(cadre.saisine, recevable)), AUTEUR)
        with pytest.raises(ErreurValidation, match=message):
            rec.modifier_recommandation(s, _fiche(id=existante, saisines=(recevable,)), AUTEUR)
        with pytest.raises(ErreurValidation, match="Une même saisine est liée deux fois"):
            rec.creer_recommandation(s, _fiche(saisines=(cadre.saisine, cadre.saisine)), AUTEUR)
        assert f.photo() == avant


def test_un_texte_change_fait_une_version_et_efface_la_relecture(base: BaseDeDonnees, cadre: Cadre) -> None:
    id_ = _creer(base, saisines=(cadre.autosaisine,))
    with base.session_scope() as s:
        rec.valider_anonymisation(s, id_, par=RELECTEUR)
        assert _r(s, id_).publication_autorisee
    with base.session_scope() as s:
        avant_photo = Fabrique(s).photo()
        fiche = rec.fiche_recommandation(s, id_)
        avant = rec.modifier_recommandation(s, replace(fiche, texte=fiche.texte + "\n\n## Analyse"), "Bruno Second")
    with base.session_scope() as s:
        r = _r(s, id_)
        assert [(v.version, v.auteur) for v in rec.versions(s, id_)] == [(1, AUTEUR), (2, "Bruno Second")]
        assert rec.versions(s, id_)[-1].texte == "## Cadre\n\nLe secret partagé.\n\n## Analyse"
        assert (r.anonymisation_validee_par, r.anonymisation_validee_le, r.publication_autorisee) == ("", None, False)
    with base.session_scope() as s:
        rec.restaurer_recommandation(s, avant)
    with base.session_scope() as s:
        assert Fabrique(s).photo() == avant_photo


def test_un_titre_change_fait_aussi_une_version(base: BaseDeDonnees) -> None:
    id_ = _creer(base)
    with base.session_scope() as s:
        rec.modifier_recommandation(s, _fiche(id=id_, titre="Nouveau titre"), AUTEUR)
        assert [v.titre for v in rec.versions(s, id_)] == ["Partager sans consentement", "Nouveau titre"]


def test_un_texte_inchange_ne_fait_pas_de_version_ni_n_efface_la_relecture(base: BaseDeDonnees, cadre: Cadre) -> None:
    id_ = _creer(base)
    with base.session_scope() as s:
        rec.valider_anonymisation(s, id_, par=RELECTEUR)
    with base.session_scope() as s:
        fiche = rec.fiche_recommandation(s, id_)
        rec.modifier_recommandation(s, replace(fiche, titre=f" {fiche.titre}  ", texte=f"\n{fiche.texte}   \n"), "B")
        rec.modifier_recommandation(
            s,
            replace(
                fiche,
                nature=NatureRecommandation.ELEMENTS_REFLEXION,
                themes=(ThemeEthique.AUTRE,),
                saisines=(cadre.autosaisine,),
            ),
            "B",
        )
    with base.session_scope() as s:
        r = _r(s, id_)
        assert [v.version for v in rec.versions(s, id_)] == [1]
        assert r.anonymisation_validee_par == RELECTEUR
        assert rec.fiche_recommandation(s, id_) == replace(
            fiche,
            nature=NatureRecommandation.ELEMENTS_REFLEXION,
            themes=(ThemeEthique.AUTRE,),
            saisines=(cadre.autosaisine,),
        )


@pytest.mark.parametrize("statut", [R.ADOPTEE, R.PUBLIEE, R.RETIREE], ids=lambda s: s.value)
def test_le_texte_est_fige_apres_l_adoption(base: BaseDeDonnees, cadre: Cadre, statut: StatutRecommandation) -> None:
    id_ = _creer(base, saisines=(cadre.autosaisine,))
    with base.session_scope() as s:
        _amener(s, id_, statut, cadre)
    with base.session_scope() as s:
        f = Fabrique(s)
        avant = f.photo()
        fiche = rec.fiche_recommandation(s, id_)
        for modifiee in (
            replace(fiche, texte="Autre texte."),
            replace(fiche, titre="Autre titre"),
            replace(fiche, saisines=()),
        ):
            with pytest.raises(ErreurValidation, match="son texte adopté ne peut plus être modifié") as erreur:
                rec.modifier_recommandation(s, modifiee, AUTEUR)
            assert erreur.value.champ == "texte"
            assert f.photo() == avant


# --- Statuses -------------------------------------------------------------------------------------------


def _amener(s: Session, id_: int, statut: StatutRecommandation, cadre: Cadre) -> None:
    """Take a draft to `statut` through the services."""
    if statut is R.RETIREE:
        rec.retirer(s, id_, "Retirée en test")
        return
    if statut is R.PROJET:
        return
    rec.soumettre(s, id_)
    if statut in (R.ADOPTEE, R.PUBLIEE):
        rec.adopter(s, id_, cadre.ethique)
    if statut is R.PUBLIEE:
        rec.valider_anonymisation(s, id_, par=RELECTEUR)
        rec.publier(s, id_)


def _passer(s: Session, id_: int, vers: StatutRecommandation, cadre: Cadre) -> EtatRecommandation:
    if vers is R.SOUMISE:
        return rec.soumettre(s, id_)
    if vers is R.PROJET:
        return rec.remettre_en_projet(s, id_)
    if vers is R.ADOPTEE:
        return rec.adopter(s, id_, cadre.ethique)
    if vers is R.PUBLIEE:
        return rec.publier(s, id_)
    return rec.retirer(s, id_, "Motif du retrait")


def _paires(paires: list[tuple[StatutRecommandation, StatutRecommandation]]) -> list[Any]:
    return [pytest.param(de, vers, id=f"{de.value}->{vers.value}") for de, vers in paires]


ATTENDUES: dict[StatutRecommandation, set[StatutRecommandation]] = {
    # projet → soumise → adoptée → publiée, or retirée (CONCEPTION §2); a submitted text may go back to draft.
    R.PROJET: {R.SOUMISE, R.RETIREE},
    R.SOUMISE: {R.ADOPTEE, R.PROJET, R.RETIREE},
    R.ADOPTEE: {R.PUBLIEE, R.RETIREE},
    R.PUBLIEE: set(),
    R.RETIREE: set(),
}
PERMISES = [(de, vers) for de in R for vers in R if vers in ATTENDUES[de]]
INTERDITES = [(de, vers) for de in R for vers in R if vers not in ATTENDUES[de]]


def test_la_table_des_statuts() -> None:
    assert {de: set(cibles) for de, cibles in TRANSITIONS.items()} == ATTENDUES
    assert all(rec.transitions_possibles(statut) == TRANSITIONS[statut] for statut in R)


@pytest.mark.parametrize(("de", "vers"), _paires(PERMISES))
def test_chaque_passage_permis_puis_annule(
    base: BaseDeDonnees, cadre: Cadre, de: StatutRecommandation, vers: StatutRecommandation
) -> None:
    id_ = _creer(base, saisines=(cadre.autosaisine,))
    with base.session_scope() as s:
        _amener(s, id_, de, cadre)
        if vers is R.PUBLIEE:
            rec.valider_anonymisation(s, id_, par=RELECTEUR)
    with base.session_scope() as s:
        avant = Fabrique(s).photo()
        etat = _passer(s, id_, vers, cadre)
    with base.session_scope() as s:
        r = _r(s, id_)
        assert r.statut is vers
        if vers is R.ADOPTEE:
            assert (r.seance_adoption_id, r.adoptee_le) == (cadre.ethique, J)
        if vers is R.PUBLIEE:
            assert r.publiee_le == J
        if vers is R.RETIREE:
            assert r.motif_retrait == "Motif du retrait"
        rec.restaurer_recommandation(s, etat)
    with base.session_scope() as s:
        assert Fabrique(s).photo() == avant


@pytest.mark.parametrize(("de", "vers"), _paires(INTERDITES))
def test_chaque_passage_hors_table_est_refuse(
    base: BaseDeDonnees, cadre: Cadre, de: StatutRecommandation, vers: StatutRecommandation
) -> None:
    id_ = _creer(base, saisines=(cadre.autosaisine,))
    with base.session_scope() as s:
        _amener(s, id_, de, cadre)
    with base.session_scope() as s:
        f = Fabrique(s)
        avant = f.photo()
        with pytest.raises(TransitionInterdite, match=f"REC-2026-001 est « {de.libelle.lower()} »"):
            _passer(s, id_, vers, cadre)
        assert f.photo() == avant


def test_soumettre_exige_un_texte(base: BaseDeDonnees) -> None:
    id_ = _creer(base, texte="  \n ")
    with base.session_scope() as s, pytest.raises(ErreurValidation, match="est vide : rédigez-le"):
        rec.soumettre(s, id_)


@pytest.mark.parametrize("motif", ["", "  \n"])
def test_retirer_exige_un_motif(base: BaseDeDonnees, motif: str) -> None:
    id_ = _creer(base)
    with base.session_scope() as s:
        f = Fabrique(s)
        avant = f.photo()
        with pytest.raises(ErreurValidation, match="Indiquez pourquoi le texte est retiré") as erreur:
            rec.retirer(s, id_, motif)
        assert erreur.value.champ == "motif"
        assert f.photo() == avant
        rec.retirer(s, id_, "  Doublon  ")
        assert (_r(s, id_).statut, _r(s, id_).motif_retrait) == (R.RETIREE, "Doublon")


# --- Adoption -------------------------------------------------------------------------------------------


def test_l_adoption_prend_la_date_de_la_seance(
    base: BaseDeDonnees, cadre: Cadre, monkeypatch: pytest.MonkeyPatch
) -> None:
    id_ = _creer(base)
    with base.session_scope() as s:
        seance = Fabrique(s).seance_ethique(J + dt.timedelta(days=2), StatutSeance.CLOTUREE)
        rec.soumettre(s, id_)
    monkeypatch.setenv(VARIABLE, (J + dt.timedelta(days=5)).isoformat())
    with base.session_scope() as s:
        rec.adopter(s, id_, seance.id)
    with base.session_scope() as s:
        r = _r(s, id_)
        assert (r.statut, r.seance_adoption_id, r.adoptee_le) == (R.ADOPTEE, seance.id, J + dt.timedelta(days=2))


def test_l_adoption_se_fait_a_une_seance_tenue_de_l_instance_ethique(base: BaseDeDonnees, cadre: Cadre) -> None:
    id_ = _creer(base)
    with base.session_scope() as s:
        f = Fabrique(s)
        veille = f.seance_ethique(J - dt.timedelta(days=1)).id
        rec.soumettre(s, id_)
    for seance_id, message in [
        (cadre.pleniere, "n'est pas une séance de l'instance éthique"),
        (cadre.a_venir, "n'est pas tenue : un avis s'adopte à une séance tenue"),
        (veille, "précède la rédaction de REC-2026-001"),
        (999, "Cette séance n'existe plus"),
    ]:
        with base.session_scope() as s:
            f = Fabrique(s)
            avant = f.photo()
            with pytest.raises(ErreurValidation, match=message) as erreur:
                rec.adopter(s, id_, seance_id)
            assert erreur.value.champ == "seance_id"
            assert f.photo() == avant


def test_les_seances_d_adoption(base: BaseDeDonnees, cadre: Cadre) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        ancienne = f.seance_ethique(dt.date(2026, 1, 12), StatutSeance.CLOTUREE)
        f.seance_ethique(dt.date(2026, 2, 9), StatutSeance.ANNULEE)
        assert rec.seances_d_adoption(s) == [
            (cadre.ethique, "ETH-2026-01 — 16 mars 2026"),
            (ancienne.id, "ETH-2026-03 — 12 janvier 2026"),
        ]


# --- Publication ----------------------------------------------------------------------------------------


def _adoptee(base: BaseDeDonnees, cadre: Cadre, *saisines_liees: int) -> int:
    id_ = _creer(base, saisines=saisines_liees)
    with base.session_scope() as s:
        _amener(s, id_, R.ADOPTEE, cadre)
    return id_


def _refus(base: BaseDeDonnees, id_: int, message: str) -> None:
    with base.session_scope() as s:
        assert message in (rec.motif_refus_publication(s, id_) or "")
        f = Fabrique(s)
        avant = f.photo()
        with pytest.raises(TransitionInterdite, match=message):
            rec.publier(s, id_)
        assert f.photo() == avant


def test_publier_exige_le_consentement_et_la_relecture(base: BaseDeDonnees, cadre: Cadre) -> None:
    id_ = _adoptee(base, cadre, cadre.autosaisine, cadre.saisine)
    with base.session_scope() as s:
        assert rec.consentements_manquants(s, id_) == [cadre.numero]
    _refus(base, id_, f"n'est pas enregistré pour {cadre.numero}")
    with base.session_scope() as s:
        fiche = saisines.fiche_saisine(s, cadre.saisine)
        saisines.modifier_saisine(s, replace(fiche, consentement_publication=True))
        assert rec.consentements_manquants(s, id_) == []
    _refus(base, id_, "L'anonymisation du texte de REC-2026-001 n'a pas été validée")
    with base.session_scope() as s:
        rec.valider_anonymisation(s, id_, par=RELECTEUR)
        assert _r(s, id_).publication_autorisee
        assert rec.motif_refus_publication(s, id_) is None
        rec.publier(s, id_)
    with base.session_scope() as s:
        r = _r(s, id_)
        assert (r.statut, r.publiee_le, r.anonymisation_validee_par, r.anonymisation_validee_le) == (
            R.PUBLIEE,
            J,
            RELECTEUR,
            J,
        )


def test_une_autosaisine_n_a_pas_de_consentement_a_recueillir(base: BaseDeDonnees, cadre: Cadre) -> None:
    id_ = _adoptee(base, cadre, cadre.autosaisine)
    with base.session_scope() as s:
        assert rec.consentements_manquants(s, id_) == []
        rec.valider_anonymisation(s, id_, par=RELECTEUR)
        rec.publier(s, id_, le=J)
        assert _r(s, id_).statut is R.PUBLIEE


def test_seul_un_texte_adopte_se_publie(base: BaseDeDonnees) -> None:
    id_ = _creer(base)
    with base.session_scope() as s:
        rec.valider_anonymisation(s, id_, par=RELECTEUR)
    _refus(base, id_, "seul un texte adopté peut être publié")


def test_la_date_de_publication(base: BaseDeDonnees, cadre: Cadre, monkeypatch: pytest.MonkeyPatch) -> None:
    id_ = _adoptee(base, cadre, cadre.autosaisine)  # adopted on J
    monkeypatch.setenv(VARIABLE, (J + dt.timedelta(days=10)).isoformat())
    with base.session_scope() as s:
        rec.valider_anonymisation(s, id_, par=RELECTEUR)
    for le, message in [
        (J - dt.timedelta(days=1), "ne peut pas précéder l'adoption"),
        (J + dt.timedelta(days=11), "dans le futur"),
    ]:
        with base.session_scope() as s, pytest.raises(ErreurValidation, match=message):
            rec.publier(s, id_, le=le)
    with base.session_scope() as s:
        rec.publier(s, id_, le=J + dt.timedelta(days=3))
        assert _r(s, id_).publiee_le == J + dt.timedelta(days=3)


@pytest.mark.parametrize("par", [AUTEUR, AUTEUR.upper(), f"  {AUTEUR.replace(' ', '   ')} ", AUTEUR.lower()])
def test_l_auteur_de_la_derniere_version_ne_relit_pas(base: BaseDeDonnees, par: str) -> None:
    id_ = _creer(base)
    with base.session_scope() as s:
        f = Fabrique(s)
        avant = f.photo()
        with pytest.raises(ErreurValidation, match=f"La dernière version de REC-2026-001 est de {AUTEUR}") as erreur:
            rec.valider_anonymisation(s, id_, par=par)
        assert erreur.value.champ == "par"
        assert f.photo() == avant


def test_apres_une_nouvelle_version_c_est_son_auteur_qui_ne_relit_pas(base: BaseDeDonnees) -> None:
    id_ = _creer(base)
    with base.session_scope() as s:
        rec.modifier_recommandation(s, _fiche(id=id_, texte="Texte revu."), RELECTEUR)
    with base.session_scope() as s:
        with pytest.raises(ErreurValidation, match=f"est de {RELECTEUR}"):
            rec.valider_anonymisation(s, id_, par=RELECTEUR)
        with pytest.raises(ErreurValidation, match="Indiquez le nom"):
            rec.valider_anonymisation(s, id_, par=" ")
        rec.valider_anonymisation(s, id_, par=AUTEUR)  # the first author may read the second's version
        assert _r(s, id_).anonymisation_validee_par == AUTEUR


def test_la_relecture_signale_les_donnees_identifiantes(base: BaseDeDonnees) -> None:
    id_ = _creer(base, texte="Contacter jean.dupont@exemple.fr ou le 06 12 34 56 78.")
    with base.session_scope() as s:
        f = Fabrique(s)
        avant = f.photo()
        with pytest.raises(ConstatsRestants, match="signale 2 élément") as erreur:
            rec.valider_anonymisation(s, id_, par=RELECTEUR)
        assert erreur.value.nombre == 2
        assert f.photo() == avant
        rec.valider_anonymisation(s, id_, par=RELECTEUR, signalements_verifies=True)
        assert _r(s, id_).anonymisation_validee_par == RELECTEUR


def test_l_autorisation_suit_le_consentement_change_dans_la_saisine(base: BaseDeDonnees, cadre: Cadre) -> None:
    id_ = _adoptee(base, cadre, cadre.saisine)
    with base.session_scope() as s:
        rec.valider_anonymisation(s, id_, par=RELECTEUR)
        assert not _r(s, id_).publication_autorisee  # the consent is missing

    def consentir(valeur: bool) -> saisines.FicheSaisine:
        with base.session_scope() as s:
            fiche = saisines.fiche_saisine(s, cadre.saisine)
            return saisines.modifier_saisine(s, replace(fiche, consentement_publication=valeur))

    def autorisee() -> bool:
        with base.session_scope() as s:
            return _r(s, id_).publication_autorisee

    sans = consentir(True)
    assert autorisee()
    consentir(False)
    assert not autorisee()
    consentir(True)
    with base.session_scope() as s:
        saisines.restaurer_fiche(s, sans)  # undo of the edit: back to no consent
    assert not autorisee()


# --- Deletion -------------------------------------------------------------------------------------------


def test_seul_un_projet_se_supprime(base: BaseDeDonnees, cadre: Cadre) -> None:
    id_ = _creer(base, saisines=(cadre.saisine,))
    with base.session_scope() as s:
        rec.soumettre(s, id_)
    with base.session_scope() as s, pytest.raises(ErreurConnue, match="« soumise » : elle reste au registre"):
        rec.supprimer_recommandation(s, id_)
    with base.session_scope() as s:
        rec.remettre_en_projet(s, id_)
        s.add(PointOrdreDuJour(seance_id=cadre.a_venir, rang=1, titre="Projet d'avis", recommandation_id=id_))
    with base.session_scope() as s, pytest.raises(ErreurConnue, match="figure à l'ordre du jour"):
        rec.supprimer_recommandation(s, id_)
    autre = _creer(base, saisines=(cadre.saisine,))
    with base.session_scope() as s:
        rec.supprimer_recommandation(s, autre)
    with base.session_scope() as s:
        with pytest.raises(ErreurConnue, match="n'existe plus"):
            rec.recommandation(s, autre)
        assert saisines.saisine(s, cadre.saisine).statut is StatutSaisine.ANONYMISATION_VALIDEE


# --- Comparing versions ----------------------------------------------------------------------------------


def _texte(segments: tuple[Segment, ...], *sortes: str) -> str:
    return "".join(seg.texte for seg in segments if seg.sorte in sortes)


def test_comparer_mot_a_mot() -> None:
    assert comparer("", "") == ()
    assert comparer("Le secret partagé.", "Le secret partagé.") == (Segment("egal", "Le secret partagé."),)
    assert comparer("Le secret partagé.", "Le secret professionnel partagé.") == (
        Segment("egal", "Le secret "),
        Segment("ajout", "professionnel "),
        Segment("egal", "partagé."),
    )
    assert comparer("Un avis très prudent.", "Un avis prudent.") == (
        Segment("egal", "Un avis "),
        Segment("retrait", "très "),
        Segment("egal", "prudent."),
    )
    assert comparer("Option A.", "Option B.") == (
        Segment("egal", "Option "),
        Segment("retrait", "A."),
        Segment("ajout", "B."),
    )
    assert comparer("", "Nouveau") == (Segment("ajout", "Nouveau"),)
    assert comparer("Ancien", "") == (Segment("retrait", "Ancien"),)


def test_comparer_garde_les_paragraphes() -> None:
    segments = comparer("## Cadre\n\nTexte.", "## Cadre\n\nTexte.\n\n## Analyse")
    assert segments == (Segment("egal", "## Cadre\n\nTexte."), Segment("ajout", "\n\n## Analyse"))


morceaux = st.lists(
    st.one_of(
        st.sampled_from(["le", "secret", "partagé", "avis", "§", "l'usager", "", "Œuvre"]),
        st.sampled_from([" ", "  ", "\n", "\n\n", "\t", "\u00a0"]),
        st.text(max_size=6),
    ),
    max_size=30,
).map("".join)


@given(ancien=morceaux, nouveau=morceaux)
def test_propriete_la_comparaison_reconstruit_les_deux_textes(ancien: str, nouveau: str) -> None:
    segments = comparer(ancien, nouveau)
    assert _texte(segments, "egal", "retrait") == ancien
    assert _texte(segments, "egal", "ajout") == nouveau
    assert all(seg.texte for seg in segments)  # no empty piece
    assert all(a.sorte != b.sorte for a, b in itertools.pairwise(segments))  # neighbours merged
    assert {seg.sorte for seg in segments} <= {"egal", "ajout", "retrait"}
    if ancien == nouveau:
        assert all(seg.sorte == "egal" for seg in segments)


def test_un_texte_retire_ne_se_relit_plus(base: BaseDeDonnees) -> None:
    id_ = _creer(base)
    with base.session_scope() as s:
        rec.retirer(s, id_, "Doublon")
        with pytest.raises(rec.TransitionInterdite, match="sa relecture d'anonymisation ne peut plus changer"):
            rec.valider_anonymisation(s, id_, par=RELECTEUR)
        assert _r(s, id_).anonymisation_validee_par == ""


def test_un_texte_adopte_garde_ses_saisines_meme_citees_dans_un_autre_ordre(base: BaseDeDonnees, cadre: Cadre) -> None:
    id_ = _creer(base, saisines=(cadre.saisine, cadre.autosaisine))
    with base.session_scope() as s:
        rec.soumettre(s, id_)
        rec.adopter(s, id_, cadre.ethique)
        fiche = rec.fiche_recommandation(s, id_)
        rec.modifier_recommandation(s, replace(fiche, saisines=tuple(reversed(fiche.saisines))), AUTEUR)  # not a change
        with pytest.raises(ErreurValidation, match="son texte adopté ne peut plus être modifié"):
            rec.modifier_recommandation(s, replace(fiche, saisines=(cadre.saisine,)), AUTEUR)
