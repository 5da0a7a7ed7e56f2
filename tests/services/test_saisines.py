"""Ethics referrals: registration under a number, editing (the text locked once its anonymisation is validated),
deletion of a referral registered by mistake, and undo of each."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import select

from app.db import BaseDeDonnees
from app.erreurs import ErreurConnue
from app.horloge import VARIABLE
from app.modeles import (
    EchangeHcts,
    Numerotation,
    PointOrdreDuJour,
    RecommandationSaisine,
    Saisine,
    TransitionSaisine,
)
from app.modeles.enumerations import CanalSaisine, SensEchange, StatutSaisine, ThemeEthique, TypeDemandeur
from app.services import demandeurs, saisines, saisines_lecture
from app.services.saisines import STATUTS_SUPPRIMABLES, STATUTS_TEXTE_MODIFIABLE, FicheSaisine
from app.services.validation import ErreurValidation
from tests.services.fabrique import Fabrique

S = StatutSaisine
T = ThemeEthique
J = dt.date(2026, 3, 16)
RECUE_LE = dt.date(2026, 3, 2)
SECRETAIRE = Fabrique.SECRETAIRE
MODIFIABLES = [S.RECUE, S.ACCUSEE, S.RECEVABLE]
"""The text may be reworded until its anonymisation is validated (written out: the service's set is checked)."""
VERROUILLES = [statut for statut in S if statut not in MODIFIABLES]
SUPPRIMABLES = [S.RECUE, S.ACCUSEE]


def test_les_ensembles_de_statuts_du_service() -> None:
    assert set(MODIFIABLES) == STATUTS_TEXTE_MODIFIABLE
    assert set(SUPPRIMABLES) == STATUTS_SUPPRIMABLES


@pytest.fixture(autouse=True)
def _aujourdhui(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VARIABLE, J.isoformat())


def _fiche(**champs: object) -> FicheSaisine:
    valeurs: dict[str, object] = {
        "id": 0,
        "recue_le": RECUE_LE,
        "canal": CanalSaisine.COURRIER,
        "type_demandeur": TypeDemandeur.ENCADRANT,
        "question": "Peut-on partager une information sans l'accord de la personne ?",
    }
    return FicheSaisine(**{**valeurs, **champs})  # type: ignore[arg-type]


def _au_statut(base: BaseDeDonnees, statut: StatutSaisine) -> int:
    with base.session_scope() as s:
        return Fabrique(s).saisine_au_statut(statut, RECUE_LE)


# --- Registration ----------------------------------------------------------------------------------------


def test_enregistrer_une_saisine(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        anne, bruno = f.personne("Martin", "Anne"), f.personne("Petit", "Bruno")
        fiche = saisines.enregistrer_saisine(
            s,
            _fiche(
                question="  Première ligne.   \n\n\n\nDeuxième ligne.  \n",
                contexte="\n\nContexte\n \nsuite ",
                themes=(T.NUMERIQUE, T.SECRET_PROFESSIONNEL),
                rapporteurs=(bruno.id, anne.id),
                echeance=dt.date(2026, 6, 1),
            ),
            "  Claire   Martin ",
        )
    with base.session_scope() as s:
        sa = saisines.saisine(s, fiche.id)
        assert (sa.numero, sa.annee, sa.rang, sa.statut, sa.enregistree_par) == (
            "SAI-2026-001",
            2026,
            1,
            S.RECUE,
            SECRETAIRE,
        )
        assert sa.question == "Première ligne.\n\nDeuxième ligne."
        assert sa.contexte == "Contexte\n\nsuite"
        assert (sa.canal, sa.type_demandeur) == (CanalSaisine.COURRIER, TypeDemandeur.ENCADRANT)
        relue = saisines.fiche_saisine(s, fiche.id)
        assert relue == fiche
        assert fiche.themes == (T.SECRET_PROFESSIONNEL, T.NUMERIQUE)  # in the list's order
        assert fiche.rapporteurs == (bruno.id, anne.id)
        assert fiche.echeance == dt.date(2026, 6, 1)
        (etape,) = sa.transitions
        assert (etape.de, etape.vers, etape.le, etape.par, etape.horodatage.date()) == (
            None,
            S.RECUE,
            RECUE_LE,
            SECRETAIRE,
            J,
        )


def test_les_rapporteurs_gardent_l_ordre_choisi(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        anne, bruno = f.personne("Martin", "Anne"), f.personne("Petit", "Bruno")
        fiche = saisines.enregistrer_saisine(s, _fiche(rapporteurs=(bruno.id, anne.id)), SECRETAIRE)
        assert fiche.rapporteurs == (bruno.id, anne.id)
    with base.session_scope() as s:
        (ligne,) = saisines_lecture.lire_saisines(s, J)
        assert ligne.rapporteurs == "Bruno Petit, Anne Martin"
        assert saisines.fiche_saisine(s, fiche.id).rapporteurs == (bruno.id, anne.id)


def test_qui_enregistre_vient_de_la_fiche_sinon_de_l_appel(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        assert saisines.enregistrer_saisine(s, _fiche(enregistree_par="Paul Girard"), "autre").enregistree_par == (
            "Paul Girard"
        )
        assert saisines.enregistrer_saisine(s, _fiche(), "Claire Martin").enregistree_par == "Claire Martin"


@pytest.mark.parametrize(
    ("champs", "par", "champ", "message"),
    [
        ({}, "   ", "enregistree_par", "Indiquez qui enregistre"),
        ({"recue_le": J + dt.timedelta(days=1)}, SECRETAIRE, "recue_le", "est dans le futur"),
        ({"echeance": RECUE_LE - dt.timedelta(days=1)}, SECRETAIRE, "echeance", "ne peut pas précéder la réception"),
        (
            {"consentement_publication": True, "consentement_le": J + dt.timedelta(days=1)},
            SECRETAIRE,
            "consentement_le",
            "dans le futur",
        ),
        ({"themes": (T.AUTRE, T.AUTRE)}, SECRETAIRE, "themes", "Un même thème figure deux fois"),
        ({"rapporteurs": (999,)}, SECRETAIRE, "rapporteurs", "n'est plus dans l'annuaire"),
    ],
    ids=["sans-auteur", "recue-dans-le-futur", "echeance-avant-reception", "consentement-futur", "themes", "inconnu"],
)
def test_un_enregistrement_refuse_ne_prend_pas_de_numero(
    base: BaseDeDonnees, champs: dict[str, object], par: str, champ: str, message: str
) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        avant = f.photo()
        with pytest.raises(ErreurValidation, match=message) as erreur:
            saisines.enregistrer_saisine(s, _fiche(**champs), par)
        assert erreur.value.champ == champ
        assert f.photo() == avant
    with base.session_scope() as s:
        assert saisines.enregistrer_saisine(s, _fiche(), SECRETAIRE).id
        assert s.scalar(select(Saisine.numero)) == "SAI-2026-001"


def test_un_rapporteur_en_double_est_refuse(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        anne = Fabrique(s).personne("Martin", "Anne")
        with pytest.raises(ErreurValidation, match="Une même personne figure deux fois") as erreur:
            saisines.enregistrer_saisine(s, _fiche(rapporteurs=(anne.id, anne.id)), SECRETAIRE)
        assert erreur.value.champ == "rapporteurs"


def test_le_consentement_prend_la_date_du_jour_et_se_perd_avec_lui(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        avec = saisines.enregistrer_saisine(s, _fiche(consentement_publication=True), SECRETAIRE)
        date = saisines.enregistrer_saisine(
            s, _fiche(consentement_publication=True, consentement_le=dt.date(2026, 3, 5)), SECRETAIRE
        )
        sans = saisines.enregistrer_saisine(s, _fiche(consentement_le=dt.date(2026, 3, 5)), SECRETAIRE)
    assert (avec.consentement_publication, avec.consentement_le) == (True, J)
    assert (date.consentement_publication, date.consentement_le) == (True, dt.date(2026, 3, 5))
    assert (sans.consentement_publication, sans.consentement_le) == (False, None)


def test_une_saisine_supprimee_n_existe_plus(base: BaseDeDonnees) -> None:
    with base.session_scope() as s, pytest.raises(ErreurConnue, match="n'existe plus"):
        saisines.saisine(s, 42)


# --- Editing -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("statut", MODIFIABLES, ids=lambda s: s.value)
def test_question_et_contexte_modifiables_avant_la_validation(base: BaseDeDonnees, statut: StatutSaisine) -> None:
    id_ = _au_statut(base, statut)
    with base.session_scope() as s:
        fiche = saisines.fiche_saisine(s, id_)
        avant = saisines.modifier_saisine(s, replace(fiche, question="Question reformulée.", contexte="Contexte."))
        assert avant == fiche
    with base.session_scope() as s:
        sa = saisines.saisine(s, id_)
        assert (sa.question, sa.contexte, sa.statut) == ("Question reformulée.", "Contexte.", statut)


@pytest.mark.parametrize("statut", VERROUILLES, ids=lambda s: s.value)
def test_question_et_contexte_figes_apres_la_validation_mais_pas_le_reste(
    base: BaseDeDonnees, statut: StatutSaisine
) -> None:
    id_ = _au_statut(base, statut)
    with base.session_scope() as s:
        f = Fabrique(s)
        rapporteur = f.personne("Martin", "Anne").id
        fiche = saisines.fiche_saisine(s, id_)
        numero = saisines.saisine(s, id_).numero
        avant = f.photo()
        for modifiee in (replace(fiche, question="Autre question."), replace(fiche, contexte="Un contexte ajouté.")):
            with pytest.raises(ErreurValidation, match=f"L'anonymisation de {numero} a été validée") as erreur:
                saisines.modifier_saisine(s, modifiee)
            assert erreur.value.champ == "question"
            assert f.photo() == avant
        # The same text written with other spaces is the same text.
        saisines.modifier_saisine(s, replace(fiche, question=f"  {fiche.question}  \n\n"))
        saisines.modifier_saisine(
            s,
            replace(
                fiche,
                themes=(T.CONSENTEMENT, T.PROTECTION_ENFANCE),
                rapporteurs=(rapporteur,),
                consentement_publication=True,
                consentement_le=dt.date(2026, 3, 10),
                canal=CanalSaisine.TELEPHONE,
            ),
        )
    with base.session_scope() as s:
        apres = saisines.fiche_saisine(s, id_)
        assert (apres.question, apres.contexte) == (fiche.question, fiche.contexte)
        assert apres.themes == (T.CONSENTEMENT, T.PROTECTION_ENFANCE)
        assert apres.rapporteurs == (rapporteur,)
        assert (apres.consentement_publication, apres.consentement_le) == (True, dt.date(2026, 3, 10))
        assert apres.canal is CanalSaisine.TELEPHONE


def test_modifier_puis_annuler_remet_la_fiche(base: BaseDeDonnees) -> None:
    id_ = _au_statut(base, S.ANONYMISATION_VALIDEE)
    with base.session_scope() as s:
        avant_photo = Fabrique(s).photo()
        fiche = saisines.fiche_saisine(s, id_)
        avant = saisines.modifier_saisine(s, replace(fiche, themes=(T.AUTRE,), consentement_publication=True))
    with base.session_scope() as s:
        assert saisines.restaurer_fiche(s, avant).themes == (T.AUTRE,)
    with base.session_scope() as s:
        assert saisines.fiche_saisine(s, id_) == fiche
        assert Fabrique(s).photo() == avant_photo


def test_la_date_de_reception_reste_dans_son_annee_et_avant_la_premiere_etape(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        id_ = Fabrique(s).saisine_enregistree(RECUE_LE)
    with base.session_scope() as s:
        fiche = saisines.fiche_saisine(s, id_)
        saisines.modifier_saisine(s, replace(fiche, recue_le=dt.date(2026, 3, 5)))
        (premiere,) = saisines.saisine(s, id_).transitions
        assert premiere.le == dt.date(2026, 3, 5)  # the record of receipt follows
        with pytest.raises(ErreurValidation, match="numérotée en 2026") as erreur:
            saisines.modifier_saisine(s, replace(fiche, recue_le=dt.date(2025, 12, 31)))
        assert erreur.value.champ == "recue_le"
    with base.session_scope() as s:
        Fabrique(s).etape(id_, S.ACCUSEE, dt.date(2026, 3, 9))
    with base.session_scope() as s:
        fiche = saisines.fiche_saisine(s, id_)
        saisines.modifier_saisine(s, replace(fiche, recue_le=dt.date(2026, 3, 9)))  # the same day is fine
        with pytest.raises(ErreurValidation, match="ne peut pas suivre la première étape"):
            saisines.modifier_saisine(s, replace(fiche, recue_le=dt.date(2026, 3, 10)))
    with base.session_scope() as s:
        assert [t.le for t in saisines.saisine(s, id_).transitions] == [dt.date(2026, 3, 9)] * 2


# --- Deletion -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("statut", SUPPRIMABLES, ids=lambda s: s.value)
def test_supprimer_puis_annuler_remet_tout_a_l_identique(base: BaseDeDonnees, statut: StatutSaisine) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        rapporteur = f.personne("Martin", "Anne").id
        id_ = saisines.enregistrer_saisine(
            s, _fiche(themes=(T.NUMERIQUE, T.AUTRE), rapporteurs=(rapporteur,)), SECRETAIRE
        ).id
        f.mener_saisine(id_, statut)
        demandeurs.enregistrer_demandeur(s, id_, demandeurs.Demandeur("Mme Durand", "06 00 00 00 00"))
    with base.session_scope() as s:
        avant = Fabrique(s).photo()
        assert saisines.motif_refus_suppression(s, id_) is None
        copie = saisines.supprimer_saisine(s, id_)
    with base.session_scope() as s:
        for modele in (Saisine, TransitionSaisine):
            assert s.scalars(select(modele)).all() == []
        assert demandeurs.lire_demandeur(s, id_) is None
        assert s.get(Numerotation, ("SAI", 2026)).dernier == 1  # the number stays given
        assert saisines.restaurer_saisine(s, copie) == id_
    with base.session_scope() as s:
        assert Fabrique(s).photo() == avant
        assert demandeurs.lire_demandeur(s, id_) == demandeurs.Demandeur("Mme Durand", "06 00 00 00 00")


@pytest.mark.parametrize(
    "statut", [statut for statut in S if statut not in STATUTS_SUPPRIMABLES], ids=lambda s: s.value
)
def test_une_saisine_engagee_reste_au_registre(base: BaseDeDonnees, statut: StatutSaisine) -> None:
    id_ = _au_statut(base, statut)
    with base.session_scope() as s:
        f = Fabrique(s)
        avant = f.photo()
        attendu = f"SAI-2026-001 est « {statut.libelle.lower()} » : elle reste au registre."
        assert (saisines.motif_refus_suppression(s, id_) or "").startswith(attendu)
        with pytest.raises(ErreurConnue, match="elle reste au registre"):
            saisines.supprimer_saisine(s, id_)
        assert f.photo() == avant


def test_une_saisine_a_l_ordre_du_jour_ou_liee_ne_se_supprime_pas(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        a_l_odj, liee, envoyee = (f.saisine_enregistree(RECUE_LE) for _ in range(3))
        seance = f.seance_ethique(J)
        # Written straight (older data): the agenda service refuses a referral not validated yet.
        s.add(PointOrdreDuJour(seance_id=seance.id, rang=1, titre="Saisine", saisine_id=a_l_odj))
        recommandation = f.recommandation()
        s.add(RecommandationSaisine(recommandation_id=recommandation.id, saisine_id=liee))
        s.add(EchangeHcts(date=J, sens=SensEchange.VERS_HCTS, objet="Envoi", saisine_id=envoyee))
    for id_, message in [
        (a_l_odj, "figure à l'ordre du jour d'une séance"),
        (liee, "est liée à une recommandation"),
        (envoyee, "a été transmise au HCTS"),
    ]:
        with base.session_scope() as s:
            assert message in (saisines.motif_refus_suppression(s, id_) or "")
            f = Fabrique(s)
            avant = f.photo()
            with pytest.raises(ErreurConnue, match=message):
                saisines.supprimer_saisine(s, id_)
            assert f.photo() == avant
