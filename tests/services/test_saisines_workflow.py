"""The referral's workflow (CONCEPTION §2): every step of the table taken and undone, every other one refused
without a trace; who, when and why recorded; the anonymisation gate; escalations to the HCTS."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import db
from app.db import BaseDeDonnees
from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.horloge import VARIABLE
from app.modeles import EchangeHcts, PointOrdreDuJour, Seance
from app.modeles.enumerations import (
    NaturePoint,
    NatureRecommandation,
    SensEchange,
    StatutSaisine,
    StatutSeance,
    TypeDemandeur,
)
from app.services import ordre_du_jour, recommandations, saisines, seances
from app.services import saisines_workflow as wf
from app.services.delais_saisine import echeance_avis, pause_du_comite
from app.services.ordre_du_jour import FichePoint
from app.services.saisines_workflow import (
    MOTIF_REQUIS,
    TRANSITIONS,
    ConstatsRestants,
    TransitionInterdite,
    passer,
    restaurer_etat,
    valider_anonymisation,
)
from app.services.validation import ErreurValidation
from tests.services.fabrique import Fabrique

S = StatutSaisine
J = dt.date(2026, 3, 16)
"""Today in these tests: far from the summer pause."""
RECUE_LE = dt.date(2026, 3, 2)
SAISINE = 1
"""The id of the one referral of a base given by `au_statut`."""
NUMERO = "SAI-2026-001"
SECRETAIRE, VALIDEUR = Fabrique.SECRETAIRE, Fabrique.VALIDEUR

ATTENDUES: dict[StatutSaisine, set[StatutSaisine]] = {
    # CONCEPTION §2, written out here so that a change of the table in the service shows up as a failure.
    S.RECUE: {S.ACCUSEE},
    S.ACCUSEE: {S.IRRECEVABLE, S.REORIENTEE, S.RECEVABLE},
    S.IRRECEVABLE: {S.CLOTUREE},
    S.REORIENTEE: {S.CLOTUREE},
    S.RECEVABLE: {S.ANONYMISATION_VALIDEE},
    S.ANONYMISATION_VALIDEE: {S.EN_INSTRUCTION},
    S.EN_INSTRUCTION: {S.INSCRITE_ODJ},
    S.INSCRITE_ODJ: {S.DEBATTUE, S.EN_INSTRUCTION},  # back step: taken off the agenda
    S.DEBATTUE: {S.AVIS_ADOPTE, S.EN_INSTRUCTION},  # back step: debated without reaching an opinion
    S.AVIS_ADOPTE: {S.TRANSMISE},
    S.TRANSMISE: {S.CLOTUREE},
    S.CLOTUREE: set(),
}
MOTIVEES = {
    (S.ACCUSEE, S.IRRECEVABLE),
    (S.ACCUSEE, S.REORIENTEE),
    (S.INSCRITE_ODJ, S.EN_INSTRUCTION),
    (S.DEBATTUE, S.EN_INSTRUCTION),
}
PERMISES = [(de, vers) for de in S for vers in S if vers in ATTENDUES[de]]
INTERDITES = [(de, vers) for de in S for vers in S if vers not in ATTENDUES[de]]
EN_AMONT = (S.RECUE, S.ACCUSEE, S.IRRECEVABLE, S.REORIENTEE)
"""States from which no escalation is possible (never admissible)."""


def _paires(paires: Iterable[tuple[StatutSaisine, StatutSaisine]]) -> list[Any]:
    return [pytest.param(de, vers, id=f"{de.value}->{vers.value}") for de, vers in paires]


@pytest.fixture(autouse=True)
def _aujourdhui(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VARIABLE, J.isoformat())


@pytest.fixture(scope="module")
def _modeles_par_statut(_modele_de_base: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[S], Path]:
    """One base per state, built once through the services (the referral received on RECUE_LE, every step on J)."""
    dossier = tmp_path_factory.mktemp("statuts_saisine")
    faits: dict[StatutSaisine, Path] = {}

    def modele(statut: StatutSaisine) -> Path:
        if statut not in faits:
            chemin = dossier / f"{statut.value}.db"
            shutil.copyfile(_modele_de_base, chemin)
            base = db.ouvrir(chemin)
            try:
                with pytest.MonkeyPatch.context() as mp, base.session_scope() as s:
                    mp.setenv(VARIABLE, J.isoformat())
                    assert Fabrique(s).saisine_au_statut(statut, RECUE_LE) == SAISINE
            finally:
                base.fermer()
            faits[statut] = chemin
        return faits[statut]

    return modele


@pytest.fixture
def au_statut(_modeles_par_statut: Callable[[S], Path], tmp_path: Path) -> Iterator[Callable[[S], BaseDeDonnees]]:
    """A fresh base holding referral SAISINE (NUMERO) in the state asked."""
    ouvertes: list[BaseDeDonnees] = []

    def ouvrir(statut: StatutSaisine) -> BaseDeDonnees:
        chemin = tmp_path / f"{statut.value}-{len(ouvertes)}.db"
        shutil.copyfile(_modeles_par_statut(statut), chemin)
        ouvertes.append(db.ouvrir(chemin))
        return ouvertes[-1]

    yield ouvrir
    for base in ouvertes:
        base.fermer()


Essai = Callable[[StatutSaisine], AbstractContextManager[Session]]


@pytest.fixture(scope="module")
def essai(_modeles_par_statut: Callable[[S], Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Essai]:
    """A session on a base holding referral SAISINE (NUMERO) in the state asked, rolled back at the end: for the
    tests that need one transaction only (one open base per state, so its statements stay compiled)."""
    dossier = tmp_path_factory.mktemp("essais_saisine")
    ouvertes: dict[StatutSaisine, BaseDeDonnees] = {}

    @contextmanager
    def session(statut: StatutSaisine) -> Iterator[Session]:
        if statut not in ouvertes:
            chemin = dossier / f"{statut.value}.db"
            shutil.copyfile(_modeles_par_statut(statut), chemin)
            ouvertes[statut] = db.ouvrir(chemin)
        s = ouvertes[statut].fabrique()
        try:
            yield s
        finally:
            s.rollback()
            s.close()

    yield session
    for base in ouvertes.values():
        base.fermer()


# --- The table ------------------------------------------------------------------------------------------


def test_la_table_est_celle_de_la_conception() -> None:
    assert {de: set(cibles) for de, cibles in TRANSITIONS.items()} == ATTENDUES
    assert all(wf.transitions_possibles(statut) == TRANSITIONS[statut] for statut in S)
    assert set(MOTIF_REQUIS) == MOTIVEES
    assert len(PERMISES) + len(INTERDITES) == len(S) ** 2


@pytest.mark.parametrize(("de", "vers"), _paires(PERMISES))
def test_chaque_transition_permise_est_enregistree_puis_annulable(
    au_statut: Callable[[S], BaseDeDonnees], de: StatutSaisine, vers: StatutSaisine
) -> None:
    base = au_statut(de)
    with base.session_scope() as s:
        Fabrique(s).preparer_etape(SAISINE, vers)
    with base.session_scope() as s:
        f = Fabrique(s)
        avant = f.photo()
        etat = f.etape(SAISINE, vers, par="  paul   Girard ")
    with base.session_scope() as s:
        sa = saisines.saisine(s, SAISINE)
        assert sa.statut is vers
        etape = sa.transitions[-1]
        assert len(sa.transitions) == len(avant["transition_saisine"]) + 1
        assert (etape.de, etape.vers, etape.le, etape.par) == (de, vers, J, "paul Girard")
        assert etape.horodatage.date() == J
        points = s.scalars(select(PointOrdreDuJour).where(PointOrdreDuJour.saisine_id == SAISINE)).all()
        if wf.motif_requis(de, vers):
            assert etape.motif == f"Motif : {vers.libelle}"
        elif vers is S.INSCRITE_ODJ:
            nouveaux = [p for p in points if p.id not in {ligne[0] for ligne in avant["point_ordre_du_jour"]}]
            assert len(nouveaux) == 1
            point = nouveaux[0]
            assert (point.titre, point.nature) == (f"Examen de la saisine {NUMERO}", NaturePoint.SAISINE)
            seance = s.get(Seance, point.seance_id)
            assert seance.statut is StatutSeance.PLANIFIEE
            assert etape.motif == f"Séance {seance.reference} du {date_longue(seance.date)}"
        else:
            assert etape.motif == ""
        if vers is not S.INSCRITE_ODJ:
            assert len(points) == len(avant["point_ordre_du_jour"])
        champs = {
            S.ACCUSEE: (sa.accusee_le, J),
            S.RECEVABLE: ((sa.recevable_le, sa.echeance), (J, echeance_avis(J, pause_du_comite(s)))),
            S.IRRECEVABLE: (sa.motif_decision, "Motif : Irrecevable"),
            S.REORIENTEE: (sa.motif_decision, "Motif : Réorientée"),
            S.ANONYMISATION_VALIDEE: ((sa.anonymisation_validee_par, sa.anonymisation_validee_le), ("paul Girard", J)),
            S.TRANSMISE: (sa.transmise_le, J),
        }
        if vers in champs:
            obtenu, attendu = champs[vers]
            assert obtenu == attendu
    with base.session_scope() as s:
        restaurer_etat(s, etat)
    with base.session_scope() as s:
        assert Fabrique(s).photo() == avant


@pytest.mark.parametrize(("de", "vers"), _paires(INTERDITES))
def test_chaque_transition_hors_table_est_refusee_sans_rien_changer(
    essai: Essai, de: StatutSaisine, vers: StatutSaisine
) -> None:
    with essai(de) as s:
        f = Fabrique(s)
        seance = f.seance_ethique(J, StatutSeance.PLANIFIEE)  # so that nothing but the table is missing
        avant = f.photo()
        message = f"{NUMERO} est « {de.libelle.lower()} » : elle ne peut pas passer à « {vers.libelle.lower()} »"
        with pytest.raises(TransitionInterdite, match=re.escape(message)):
            passer(s, SAISINE, vers, par=VALIDEUR, motif="Un motif", seance_id=seance.id)
        assert f.photo() == avant
        assert saisines.saisine(s, SAISINE).statut is de


def test_l_anonymisation_ne_se_valide_pas_par_passer(essai: Essai) -> None:
    with essai(S.RECEVABLE) as s:
        f = Fabrique(s)
        avant = f.photo()
        with pytest.raises(TransitionInterdite, match="Valider l'anonymisation"):
            passer(s, SAISINE, S.ANONYMISATION_VALIDEE, par=VALIDEUR)
        assert f.photo() == avant


@pytest.mark.parametrize("statut", [statut for statut in S if statut is not S.RECEVABLE], ids=lambda s: s.value)
def test_l_anonymisation_ne_se_valide_qu_une_fois_recevable(essai: Essai, statut: StatutSaisine) -> None:
    with essai(statut) as s:
        f = Fabrique(s)
        avant = f.photo()
        with pytest.raises(TransitionInterdite, match="son anonymisation se valide une fois recevable"):
            valider_anonymisation(s, SAISINE, par=VALIDEUR)
        assert f.photo() == avant


@settings(max_examples=25, deadline=None)
@given(choix=st.lists(st.integers(0, 6), max_size=14))
def test_propriete_toute_suite_d_etapes_et_d_annulations_reste_coherente(essai: Essai, choix: list[int]) -> None:
    """A random walk through the table (0: undo the last step), then every step undone: the referral, its
    history and the agenda are back as they were."""
    with essai(S.RECUE) as s:
        f = Fabrique(s)
        suivies = ("saisine", "transition_saisine", "point_ordre_du_jour")
        initiale = {table: lignes for table, lignes in f.photo().items() if table in suivies}
        pile: list[wf.EtatSaisine] = []
        for c in choix:
            statut = saisines.saisine(s, SAISINE).statut
            if c == 0 and pile:
                restaurer_etat(s, pile.pop())
            elif TRANSITIONS[statut]:
                vers = TRANSITIONS[statut][c % len(TRANSITIONS[statut])]
                f.preparer_etape(SAISINE, vers)
                pile.append(f.etape(SAISINE, vers))
            sa = saisines.saisine(s, SAISINE)
            assert len(sa.transitions) == 1 + len(pile)
            assert sa.statut is sa.transitions[-1].vers
            assert all(b.de is a.vers for a, b in itertools.pairwise(sa.transitions))
            assert all(b.vers in ATTENDUES[a.vers] for a, b in itertools.pairwise(sa.transitions))
        while pile:
            restaurer_etat(s, pile.pop())
        assert {table: lignes for table, lignes in f.photo().items() if table in suivies} == initiale


# --- Who, when, why -------------------------------------------------------------------------------------


def _saisine(base: BaseDeDonnees, recue_le: dt.date = RECUE_LE, **options: object) -> int:
    with base.session_scope() as s:
        return Fabrique(s).saisine_enregistree(recue_le, **options)  # type: ignore[arg-type]


def test_le_motif_facultatif_est_garde_et_la_date_par_defaut_est_aujourd_hui(base: BaseDeDonnees) -> None:
    id_ = _saisine(base)
    with base.session_scope() as s:
        passer(s, id_, S.ACCUSEE, par=" Paul Girard", motif="  Accusé par courriel.  ")
    with base.session_scope() as s:
        sa = saisines.saisine(s, id_)
        premiere, etape = sa.transitions
        assert (premiere.de, premiere.vers, premiere.le, premiere.par) == (None, S.RECUE, RECUE_LE, SECRETAIRE)
        assert (etape.le, etape.par, etape.motif) == (J, VALIDEUR, "Accusé par courriel.")
        assert sa.accusee_le == J


@pytest.mark.parametrize(("de", "vers"), _paires(sorted(MOTIVEES)))
@pytest.mark.parametrize("motif", ["", "   \n "])
def test_un_motif_est_exige_pour_ces_etapes(essai: Essai, de: StatutSaisine, vers: StatutSaisine, motif: str) -> None:
    with essai(de) as s:
        f = Fabrique(s)
        avant = f.photo()
        with pytest.raises(ErreurValidation, match=re.escape(f"« {vers.libelle} » doit être motivée")) as erreur:
            passer(s, SAISINE, vers, par=VALIDEUR, motif=motif)
        assert erreur.value.champ == "motif"
        assert f.photo() == avant


def test_seules_ces_etapes_exigent_un_motif() -> None:
    assert [paire for paire in PERMISES if wf.motif_requis(*paire)] == sorted(MOTIVEES, key=PERMISES.index)


@pytest.mark.parametrize("par", ["", "   "])
def test_qui_fait_l_etape_est_exige(base: BaseDeDonnees, par: str) -> None:
    id_ = _saisine(base)
    with base.session_scope() as s:
        f = Fabrique(s)
        avant = f.photo()
        with pytest.raises(ErreurValidation, match="Indiquez qui fait cette étape") as erreur:
            passer(s, id_, S.ACCUSEE, par=par)
        assert erreur.value.champ == "par"
        assert f.photo() == avant


def test_une_etape_ne_se_date_ni_dans_le_futur_ni_avant_la_precedente(base: BaseDeDonnees) -> None:
    id_ = _saisine(base, J - dt.timedelta(days=10))

    def refuse(vers: StatutSaisine, le: dt.date, message: str) -> None:
        with base.session_scope() as s:
            f = Fabrique(s)
            avant = f.photo()
            with pytest.raises(ErreurValidation, match=message) as erreur:
                if vers is S.ANONYMISATION_VALIDEE:
                    valider_anonymisation(s, id_, par=VALIDEUR, le=le)
                else:
                    passer(s, id_, vers, par=VALIDEUR, le=le)
            assert erreur.value.champ == "le"
            assert f.photo() == avant

    futur = "est dans le futur"
    refuse(S.ACCUSEE, J + dt.timedelta(days=1), futur)
    veille = date_longue(J - dt.timedelta(days=10))
    refuse(S.ACCUSEE, J - dt.timedelta(days=11), re.escape(f"précéder la précédente étape de {NUMERO} ({veille})"))
    with base.session_scope() as s:
        passer(s, id_, S.ACCUSEE, par=VALIDEUR, le=J - dt.timedelta(days=10))  # the day of receipt itself
    refuse(S.RECEVABLE, J - dt.timedelta(days=11), "précéder la précédente étape")
    with base.session_scope() as s:
        passer(s, id_, S.RECEVABLE, par=VALIDEUR, le=J - dt.timedelta(days=5))
    refuse(S.ANONYMISATION_VALIDEE, J - dt.timedelta(days=6), "précéder la précédente étape")
    refuse(S.ANONYMISATION_VALIDEE, J + dt.timedelta(days=1), futur)
    with base.session_scope() as s:
        valider_anonymisation(s, id_, par=VALIDEUR, le=J - dt.timedelta(days=5))
        passer(s, id_, S.EN_INSTRUCTION, par=VALIDEUR)
    with base.session_scope() as s:
        sa = saisines.saisine(s, id_)
        assert [t.le for t in sa.transitions] == [J - dt.timedelta(days=10)] * 2 + [J - dt.timedelta(days=5)] * 2 + [J]
        assert sa.recevable_le == J - dt.timedelta(days=5)
        assert sa.anonymisation_validee_le == J - dt.timedelta(days=5)


# --- What some steps need ---------------------------------------------------------------------------------


def test_debattue_exige_une_seance_tenue(essai: Essai) -> None:
    with essai(S.INSCRITE_ODJ) as s:  # on the agenda of a meeting still planned
        f = Fabrique(s)
        avant = f.photo()
        with pytest.raises(TransitionInterdite, match="n'a été examinée dans aucune séance tenue"):
            passer(s, SAISINE, S.DEBATTUE, par=VALIDEUR)
        assert f.photo() == avant
        # Held after all, through the meetings' own workflow.
        seance_id = s.scalar(select(PointOrdreDuJour.seance_id).where(PointOrdreDuJour.saisine_id == SAISINE))
        s.get(Seance, seance_id).lieu = "Salle du conseil"
        seances.changer_statut(s, seance_id, StatutSeance.CONVOQUEE, motif_urgence="Saisine urgente")
        seances.changer_statut(s, seance_id, StatutSeance.TENUE)
        passer(s, SAISINE, S.DEBATTUE, par=VALIDEUR)
        assert saisines.saisine(s, SAISINE).statut is S.DEBATTUE


def test_avis_adopte_exige_un_avis_adopte_lie_a_la_saisine(essai: Essai) -> None:
    with essai(S.DEBATTUE) as s:

        def refuse() -> None:
            f = Fabrique(s)
            avant = f.photo()
            with pytest.raises(TransitionInterdite, match=f"Aucun avis adopté n'est lié à {NUMERO}"):
                passer(s, SAISINE, S.AVIS_ADOPTE, par=VALIDEUR)
            assert f.photo() == avant

        refuse()
        seance_id = s.scalar(select(PointOrdreDuJour.seance_id).where(PointOrdreDuJour.saisine_id == SAISINE))
        ailleurs = recommandations.creer_recommandation(
            s, recommandations.FicheRecommandation(0, NatureRecommandation.AVIS, "Un autre avis", "Texte."), "Anne"
        )
        recommandations.soumettre(s, ailleurs)
        recommandations.adopter(s, ailleurs, seance_id)  # adopted, but about another question
        lie = recommandations.creer_recommandation(
            s,
            recommandations.FicheRecommandation(0, NatureRecommandation.AVIS, "Avis", "Texte.", saisines=(SAISINE,)),
            "Anne",
        )
        recommandations.soumettre(s, lie)  # linked, but only submitted
        refuse()
        recommandations.adopter(s, lie, seance_id)
        passer(s, SAISINE, S.AVIS_ADOPTE, par=VALIDEUR)
        assert saisines.saisine(s, SAISINE).statut is S.AVIS_ADOPTE


def test_inscrire_exige_une_seance_a_venir(essai: Essai) -> None:
    with essai(S.EN_INSTRUCTION) as s:
        f = Fabrique(s)
        tenue = f.seance_ethique(J - dt.timedelta(days=3)).id
        annulee = f.seance_ethique(J + dt.timedelta(days=3), StatutSeance.ANNULEE).id
        for seance_id, message in [
            (None, "Choisissez la séance"),
            (tenue, "est « tenue » : choisissez une séance à venir"),
            (annulee, "est « annulée » : choisissez une séance à venir"),
            (999, "Cette séance n'existe plus"),
        ]:
            avant = f.photo()
            with pytest.raises(ErreurValidation, match=message) as erreur:
                passer(s, SAISINE, S.INSCRITE_ODJ, par=VALIDEUR, seance_id=seance_id)
            assert erreur.value.champ == "seance_id"
            assert f.photo() == avant


def test_inscrire_a_une_seance_qui_l_a_deja_n_ajoute_pas_de_point(essai: Essai) -> None:
    with essai(S.EN_INSTRUCTION) as s:
        seance = Fabrique(s).seance_ethique(J + dt.timedelta(days=7), StatutSeance.PLANIFIEE)
        deja = ordre_du_jour.ajouter_point(
            s, FichePoint(0, seance.id, "Saisine en cours", nature=NaturePoint.SAISINE, saisine_id=SAISINE)
        )
        f = Fabrique(s)
        avant = f.photo()
        etat = passer(s, SAISINE, S.INSCRITE_ODJ, par=VALIDEUR, seance_id=seance.id, motif="Report demandé")
        assert etat.point_cree is None
        assert [p.id for p in ordre_du_jour.points_de(s, seance.id)] == [deja.id]
        assert saisines.saisine(s, SAISINE).transitions[-1].motif == "Report demandé"
        restaurer_etat(s, etat)
        assert Fabrique(s).photo() == avant  # the item that was there before stays


def test_remise_en_instruction_puis_reinscription_sur_le_meme_ordre_du_jour(essai: Essai) -> None:
    with essai(S.INSCRITE_ODJ) as s:
        passer(s, SAISINE, S.EN_INSTRUCTION, par=VALIDEUR, motif="Pièces manquantes")
        etat = passer(s, SAISINE, S.INSCRITE_ODJ, par=VALIDEUR)  # no meeting chosen: it is still on one
        assert etat.point_cree is None
        assert len(s.scalars(select(PointOrdreDuJour).where(PointOrdreDuJour.saisine_id == SAISINE)).all()) == 1
        assert [t.vers for t in saisines.saisine(s, SAISINE).transitions][-3:] == [
            S.INSCRITE_ODJ,
            S.EN_INSTRUCTION,
            S.INSCRITE_ODJ,
        ]


def test_annuler_l_inscription_retire_son_point_et_resserre_l_ordre_du_jour(essai: Essai) -> None:
    with essai(S.EN_INSTRUCTION) as s:
        seance = Fabrique(s).seance_ethique(J + dt.timedelta(days=7), StatutSeance.PLANIFIEE)
        for titre in ("Ouverture", "Point d'information"):
            ordre_du_jour.ajouter_point(s, FichePoint(0, seance.id, titre))
        f = Fabrique(s)
        avant = f.photo()
        etat = passer(s, SAISINE, S.INSCRITE_ODJ, par=VALIDEUR, seance_id=seance.id)
        assert [p.titre for p in ordre_du_jour.points_de(s, seance.id)] == [
            "Ouverture",
            "Point d'information",
            f"Examen de la saisine {NUMERO}",
        ]
        assert etat.point_cree is not None
        restaurer_etat(s, etat)
        assert Fabrique(s).photo() == avant
        assert saisines.saisine(s, SAISINE).statut is S.EN_INSTRUCTION


def test_l_echeance_de_l_avis_est_posee_a_la_recevabilite_avec_la_pause(
    base: BaseDeDonnees, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(VARIABLE, "2026-07-01")
    id_ = _saisine(base, dt.date(2026, 6, 25))
    with base.session_scope() as s:
        passer(s, id_, S.ACCUSEE, par=VALIDEUR)
        passer(s, id_, S.RECEVABLE, par=VALIDEUR)
        assert saisines.saisine(s, id_).echeance == dt.date(2026, 11, 17)
    with base.session_scope() as s:
        Fabrique(s).pause("", "")
    id_ = _saisine(base, dt.date(2026, 6, 25))
    with base.session_scope() as s:
        passer(s, id_, S.ACCUSEE, par=VALIDEUR)
        passer(s, id_, S.RECEVABLE, par=VALIDEUR)
        assert saisines.saisine(s, id_).echeance == dt.date(2026, 9, 29)


def test_libelles_des_boutons() -> None:
    assert wf.libelle_action(S.ANONYMISATION_VALIDEE, S.EN_INSTRUCTION) == "Mettre en instruction…"
    assert wf.libelle_action(S.INSCRITE_ODJ, S.EN_INSTRUCTION) == "Remettre en instruction…"
    assert wf.libelle_action(S.DEBATTUE, S.EN_INSTRUCTION) == "Remettre en instruction…"
    assert all(wf.libelle_action(de, vers).endswith("…") for de, vers in PERMISES)


# --- The anonymisation gate -------------------------------------------------------------------------------


@pytest.mark.parametrize("par", ["Claire Martin", "claire martin", "  CLAIRE   MARTIN ", "Claire\tMartin"])
def test_celle_qui_a_enregistre_ne_valide_pas_l_anonymisation(essai: Essai, par: str) -> None:
    with essai(S.RECEVABLE) as s:
        f = Fabrique(s)
        avant = f.photo()
        message = f"{NUMERO} a été enregistrée par {SECRETAIRE} : l'anonymisation doit être validée par une autre"
        with pytest.raises(ErreurValidation, match=message) as erreur:
            valider_anonymisation(s, SAISINE, par=par)
        assert erreur.value.champ == "par"
        assert f.photo() == avant
        assert not wf.anonymisation_validee(s, SAISINE)


def test_une_autre_personne_valide_l_anonymisation(essai: Essai) -> None:
    with essai(S.RECEVABLE) as s:
        with pytest.raises(ErreurValidation, match="Indiquez le nom de la personne"):
            valider_anonymisation(s, SAISINE, par="  ")
        valider_anonymisation(s, SAISINE, par=" Claire  Martinez ")
        sa = saisines.saisine(s, SAISINE)
        assert (sa.statut, sa.anonymisation_validee_par, sa.anonymisation_validee_le) == (
            S.ANONYMISATION_VALIDEE,
            "Claire Martinez",
            J,
        )
        etape = sa.transitions[-1]
        assert (etape.de, etape.vers, etape.par, etape.le, etape.motif) == (
            S.RECEVABLE,
            S.ANONYMISATION_VALIDEE,
            "Claire Martinez",
            J,
            "",
        )
        assert wf.anonymisation_validee(s, SAISINE)


def test_une_question_vide_ne_se_valide_pas(base: BaseDeDonnees) -> None:
    id_ = _saisine(base, question="  \n ")
    with base.session_scope() as s:
        Fabrique(s).mener_saisine(id_, S.RECEVABLE)
    with base.session_scope() as s:
        with pytest.raises(ErreurValidation, match="est vide") as erreur:
            valider_anonymisation(s, id_, par=VALIDEUR)
        assert erreur.value.champ == "question"


QUESTION_IDENTIFIANTE = "Faut-il prévenir la famille ? Écrire à jean.dupont@exemple.fr pour la suite."


def _recevable(base: BaseDeDonnees, question: str, contexte: str = "") -> int:
    id_ = _saisine(base, question=question, contexte=contexte)
    with base.session_scope() as s:
        Fabrique(s).mener_saisine(id_, S.RECEVABLE)
    return id_


@pytest.mark.parametrize(
    ("question", "contexte", "nombre"),
    [
        (QUESTION_IDENTIFIANTE, "", 1),
        ("Peut-on rappeler la personne ?", "Elle a laissé le 06 12 34 56 78 au standard.", 1),
        ("Camille Durand a-t-elle été informée ?", "", 1),  # a person of the directory
        (QUESTION_IDENTIFIANTE, "Elle a laissé le 06 12 34 56 78 au standard.", 2),
    ],
    ids=["courriel", "telephone-dans-le-contexte", "nom-de-l-annuaire", "deux"],
)
def test_des_donnees_identifiantes_bloquent_la_validation(
    base: BaseDeDonnees, question: str, contexte: str, nombre: int
) -> None:
    with base.session_scope() as s:
        Fabrique(s).personne("Durand", "Camille")
    id_ = _recevable(base, question, contexte)
    with base.session_scope() as s:
        f = Fabrique(s)
        avant = f.photo()
        with pytest.raises(ConstatsRestants, match=f"signale encore {nombre} élément") as erreur:
            valider_anonymisation(s, id_, par=VALIDEUR)
        assert erreur.value.nombre == nombre
        assert f.photo() == avant


def test_des_signalements_examines_sont_inscrits_au_motif(base: BaseDeDonnees) -> None:
    with base.session_scope() as s:
        Fabrique(s).personne("Durand", "Camille")
    id_ = _recevable(base, QUESTION_IDENTIFIANTE + " Camille Durand suit.", "Joignable au 06 12 34 56 78.")
    with base.session_scope() as s:
        valider_anonymisation(s, id_, par=VALIDEUR, signalements_verifies=True)
    with base.session_scope() as s:
        sa = saisines.saisine(s, id_)
        assert sa.statut is S.ANONYMISATION_VALIDEE
        assert sa.transitions[-1].motif == (
            "Validée après examen de 3 signalement(s) : adresse électronique, nom de personne, numéro de téléphone."
        )


def test_un_texte_corrige_se_valide_sans_confirmation(base: BaseDeDonnees) -> None:
    id_ = _recevable(base, QUESTION_IDENTIFIANTE)
    with base.session_scope() as s:
        fiche = saisines.fiche_saisine(s, id_)
        from dataclasses import replace

        saisines.modifier_saisine(s, replace(fiche, question="Faut-il prévenir la famille ?"))
        valider_anonymisation(s, id_, par=VALIDEUR)
        assert saisines.saisine(s, id_).transitions[-1].motif == ""


# --- Escalation to the HCTS ---------------------------------------------------------------------------


@pytest.mark.parametrize("statut", EN_AMONT, ids=lambda s: s.value)
def test_pas_d_escalade_avant_la_recevabilite(essai: Essai, statut: StatutSaisine) -> None:
    with essai(statut) as s:
        f = Fabrique(s)
        avant = f.photo()
        assert wf.motif_refus_escalade(s, SAISINE) is not None
        with pytest.raises(TransitionInterdite, match=f"{NUMERO} n'est pas recevable"):
            wf.escalader(s, SAISINE, objet="Dossier complet", par=VALIDEUR)
        assert f.photo() == avant


def test_pas_d_escalade_d_une_saisine_irrecevable_cloturee(base: BaseDeDonnees) -> None:
    id_ = _saisine(base)
    with base.session_scope() as s:
        f = Fabrique(s)
        f.mener_saisine(id_, S.IRRECEVABLE)
        f.etape(id_, S.CLOTUREE)
    with base.session_scope() as s, pytest.raises(TransitionInterdite, match="n'est pas recevable"):
        wf.escalader(s, id_, objet="Dossier", par=VALIDEUR)


@pytest.mark.parametrize("statut", [statut for statut in S if statut not in EN_AMONT], ids=lambda s: s.value)
def test_escalade_possible_des_la_recevabilite(essai: Essai, statut: StatutSaisine) -> None:
    with essai(statut) as s:
        assert wf.motif_refus_escalade(s, SAISINE) is None
        echange_id = wf.escalader(
            s, SAISINE, objet="  Question  transmise ", par=" Paul  Girard", document=" note.pdf "
        )
        echange = s.get(EchangeHcts, echange_id)
        assert (echange.date, echange.sens, echange.objet, echange.document, echange.par, echange.saisine_id) == (
            J,
            SensEchange.VERS_HCTS,
            "Question transmise",
            "note.pdf",
            VALIDEUR,
            SAISINE,
        )
        sa = saisines.saisine(s, SAISINE)
        assert sa.escaladee_hcts_le == J
        assert sa.statut is statut  # an escalation is not a step of the workflow


def test_la_date_d_escalade_est_la_plus_ancienne_et_suit_les_annulations(essai: Essai) -> None:
    with essai(S.EN_INSTRUCTION) as s:  # admissible on J
        saisines.saisine(s, SAISINE).recevable_le = J - dt.timedelta(days=20)  # admissible earlier (legacy data)
        d1, d2, d3 = (J - dt.timedelta(days=n) for n in (10, 5, 1))
        milieu = wf.escalader(s, SAISINE, objet="Deuxième envoi", par=VALIDEUR, le=d2)
        assert saisines.saisine(s, SAISINE).escaladee_hcts_le == d2
        premier = wf.escalader(s, SAISINE, objet="Premier envoi", par=VALIDEUR, le=d1)
        dernier = wf.escalader(s, SAISINE, objet="Relance", par=VALIDEUR, le=d3)
        assert saisines.saisine(s, SAISINE).escaladee_hcts_le == d1
        wf.annuler_escalade(s, premier)
        assert s.get(EchangeHcts, premier) is None
        assert saisines.saisine(s, SAISINE).escaladee_hcts_le == d2
        wf.annuler_escalade(s, milieu)
        assert saisines.saisine(s, SAISINE).escaladee_hcts_le == d3
        wf.annuler_escalade(s, dernier)
        assert saisines.saisine(s, SAISINE).escaladee_hcts_le is None
        wf.annuler_escalade(s, dernier)  # already gone: nothing to do


@pytest.mark.parametrize(
    ("objet", "par", "decalage", "champ", "message"),
    [
        ("  ", VALIDEUR, 0, "objet", "Indiquez ce qui a été envoyé"),
        ("Dossier", " ", 0, "par", "Indiquez qui a fait l'envoi"),
        ("Dossier", VALIDEUR, 1, "le", "est dans le futur"),
        ("Dossier", VALIDEUR, -1, "le", "L'envoi ne peut pas précéder la recevabilité"),
    ],
)
def test_une_escalade_incomplete_est_refusee(
    essai: Essai, objet: str, par: str, decalage: int, champ: str, message: str
) -> None:
    with essai(S.RECEVABLE) as s:  # admissible on J
        f = Fabrique(s)
        avant = f.photo()
        with pytest.raises(ErreurValidation, match=message) as erreur:
            wf.escalader(s, SAISINE, objet=objet, par=par, le=J + dt.timedelta(days=decalage))
        assert erreur.value.champ == champ
        assert f.photo() == avant


def test_la_reponse_du_hcts_est_enregistree(essai: Essai) -> None:
    with essai(S.RECEVABLE) as s:
        echange_id = wf.escalader(s, SAISINE, objet="Dossier", par=VALIDEUR)
        assert wf.enregistrer_reponse_hcts(s, echange_id, "  Avis de la commission reçu.  ") == ""
        assert s.get(EchangeHcts, echange_id).suite_donnee == "Avis de la commission reçu."
        assert wf.enregistrer_reponse_hcts(s, echange_id, "Corrigé") == "Avis de la commission reçu."
        with pytest.raises(ErreurConnue, match="n'existe plus"):
            wf.enregistrer_reponse_hcts(s, 999, "Réponse")


def test_le_consentement_n_est_pas_demande_pour_une_autosaisine() -> None:
    assert not wf.consentement_requis(TypeDemandeur.AUTOSAISINE)
    assert all(wf.consentement_requis(t) for t in TypeDemandeur if t is not TypeDemandeur.AUTOSAISINE)
