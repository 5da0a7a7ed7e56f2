"""Retention at opening: each rule at its boundary day and the day before (fake clock), journaled, idempotent."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from app import db
from app.erreurs import ErreurConnue
from app.modeles import Comite, EffacementPersonne, Journal, Personne
from app.modeles.enumerations import OperationJournal, StatutSaisine
from app.services import conservation, demandeurs
from app.services.calendrier import ajouter_mois
from app.services.conservation import Durees
from app.services.import_classeur import importer_classeur
from tests.services.corpus_import import ecrire_classeur
from tests.services.fabrique import Fabrique


def _le(monkeypatch: pytest.MonkeyPatch, jour: str) -> None:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", jour)


def _purger(base: db.BaseDeDonnees) -> list[str]:
    with base.session_scope() as s:
        return conservation.appliquer_a_l_ouverture(s)


def _purges_journalisees(base: db.BaseDeDonnees) -> list[dict[str, object]]:
    with base.session_scope() as s:
        lignes = s.scalars(select(Journal).where(Journal.entite == "Conservation").order_by(Journal.id))
        return [json.loads(ligne.details) for ligne in lignes]


# --- requesters' identities -----------------------------------------------------------------------------------


def test_l_identite_du_demandeur_s_efface_six_mois_apres_l_avis(base, monkeypatch) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        ancienne = f.saisine(dt.date(2025, 1, 6), statut=StatutSaisine.TRANSMISE, transmise_le=dt.date(2025, 6, 2))
        en_cours = f.saisine(dt.date(2025, 2, 3), statut=StatutSaisine.EN_INSTRUCTION)
        for s_ in (ancienne, en_cours):
            demandeurs.enregistrer_demandeur(s, s_.id, demandeurs.Demandeur("Mme X", "06 00 00 00 00"))
        ids = ancienne.id, en_cours.id
    _le(monkeypatch, "2025-12-01")
    assert _purger(base) == []  # 2 December is the first day past 6 months
    _le(monkeypatch, "2025-12-02")
    (message,) = _purger(base)
    assert "1 saisine (SAI-2025-001)" in message
    with base.session_scope() as s:
        assert demandeurs.lire_demandeur(s, ids[0]) is None
        assert demandeurs.lire_demandeur(s, ids[1]) == demandeurs.Demandeur("Mme X", "06 00 00 00 00")


def test_la_duree_enregistree_pour_les_demandeurs_est_celle_appliquee(base, monkeypatch) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        f.comite()
        saisine = f.saisine(dt.date(2025, 1, 6), statut=StatutSaisine.TRANSMISE, transmise_le=dt.date(2025, 6, 2))
        demandeurs.enregistrer_demandeur(s, saisine.id, demandeurs.Demandeur("M. Y", ""))
        conservation.enregistrer_durees(s, Durees(demandeurs_mois=2, coordonnees_ans=1, journal_ans=5))
        assert demandeurs.date_de_purge(saisine) == dt.date(2025, 8, 2)
    _le(monkeypatch, "2025-08-01")
    assert _purger(base) == []
    _le(monkeypatch, "2025-08-02")
    (message,) = _purger(base)
    assert "2 mois après l'avis" in message


# --- former members' contact details -------------------------------------------------------------------------


def _ancien_membre(f: Fabrique, nom: str, fins: list[dt.date | None]) -> Personne:
    pl = f.instance(f"Plénière {nom}")
    college = f.college(f"Collège {nom}")
    structure = f.structure(f"Structure {nom}")
    personne = f.personne(nom, "Anne", structure=structure)
    personne.fonction = "Assistante sociale"
    personne.courriel = f"{nom.lower()}@exemple.fr"
    personne.telephone = "04 75 00 00 00"
    personne.besoins_accessibilite = "Boucle magnétique"
    for rang, fin in enumerate(fins):
        instance = pl if rang == 0 else f.instance(f"Bureau {nom} {rang}")
        f.mandat(personne, instance, college, debut=dt.date(2019, 1, 1), fin=fin)
    f.session.flush()
    return personne


def test_les_coordonnees_d_un_ancien_membre_s_effacent_un_an_apres_son_dernier_mandat(base, monkeypatch) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        ancien = _ancien_membre(f, "Durand", [dt.date(2025, 3, 10), dt.date(2025, 1, 31)]).id
    _le(monkeypatch, "2026-03-09")
    assert _purger(base) == []
    with base.session_scope() as s:
        assert s.get(Personne, ancien).courriel == "durand@exemple.fr"
    _le(monkeypatch, "2026-03-10")  # 10 March 2025 + 1 year: the boundary day
    (message,) = _purger(base)
    assert message.startswith(
        "Coordonnées (courriel, téléphone, besoins d'accessibilité) effacées pour 1 ancien membre"
    )
    with base.session_scope() as s:
        p = s.get(Personne, ancien)
        assert (p.courriel, p.telephone, p.besoins_accessibilite) == ("", "", "")
        # What the minutes and attendance sheets of past meetings print stays.
        assert (p.nom, p.prenom, p.fonction, p.structure.nom) == (
            "Durand",
            "Anne",
            "Assistante sociale",
            "Structure Durand",
        )
        assert s.get(EffacementPersonne, ancien).coordonnees_effacees_le == dt.date(2026, 3, 10)
        assert s.get(EffacementPersonne, ancien).efface_le is None


def test_un_mandat_termine_et_un_en_cours_ne_suffisent_pas(base, monkeypatch) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        ids = [
            _ancien_membre(f, "Martin", [dt.date(2020, 1, 1), None]).id,  # still sitting elsewhere
            _ancien_membre(f, "Petit", [dt.date(2020, 1, 1), dt.date(2030, 1, 1)]).id,  # ends later
            _ancien_membre(f, "Garnier", []).id,  # never a member (a guest): the secretariat's call
        ]
    _le(monkeypatch, "2026-06-01")
    assert _purger(base) == []
    with base.session_scope() as s:
        assert all(s.get(Personne, i).courriel for i in ids)
        assert s.scalar(select(func.count()).select_from(EffacementPersonne)) == 0


def test_la_duree_des_coordonnees_est_celle_du_comite(base, monkeypatch) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        f.comite()
        conservation.enregistrer_durees(s, Durees(coordonnees_ans=3))
        ancien = _ancien_membre(f, "Roux", [dt.date(2023, 2, 28)]).id
    _le(monkeypatch, "2026-02-27")
    assert _purger(base) == []
    _le(monkeypatch, "2026-02-28")
    (message,) = _purger(base)
    assert "plus de 3 ans" in message
    with base.session_scope() as s:
        assert s.get(Personne, ancien).courriel == ""


# --- the journal ---------------------------------------------------------------------------------------------


def _ligne_journal(s, horodatage: dt.datetime, details: str = "{}") -> int:
    ligne = Journal(
        horodatage=horodatage,
        utilisateur="secretariat",
        entite="College",
        entite_id=1,
        operation=OperationJournal.CREATION,
        details=details,
    )
    s.add(ligne)
    s.flush()
    return ligne.id


def test_le_journal_est_garde_cinq_ans(base, monkeypatch) -> None:
    with base.session_scope() as s:
        vieille = _ligne_journal(s, dt.datetime(2021, 3, 3, 23, 59))
        recente = _ligne_journal(s, dt.datetime(2021, 3, 4, 0, 0))
    _le(monkeypatch, "2026-03-02")
    assert _purger(base) == []
    _le(monkeypatch, "2026-03-03")  # 3 March 2021 + 5 years
    (message,) = _purger(base)
    assert message == "1 ligne du journal effacée : plus de 5 ans, leur durée de conservation."
    with base.session_scope() as s:
        assert s.get(Journal, vieille) is None
        assert s.get(Journal, recente) is not None


def test_limite_du_journal() -> None:
    assert conservation.limite_journal(dt.date(2026, 3, 3), 5) == dt.datetime(2021, 3, 4)
    assert conservation.limite_journal(dt.date(2028, 2, 29), 1) == dt.datetime(2027, 3, 1)


# --- every rule together: journaled, said, idempotent -----------------------------------------------------------


def _tout_a_purger(base: db.BaseDeDonnees) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        saisine = f.saisine(dt.date(2020, 1, 6), statut=StatutSaisine.TRANSMISE, transmise_le=dt.date(2020, 6, 2))
        demandeurs.enregistrer_demandeur(s, saisine.id, demandeurs.Demandeur("Mme Lambert", "lambert@exemple.fr"))
        _ancien_membre(f, "Durand", [dt.date(2020, 3, 10)])
        _ligne_journal(s, dt.datetime(2019, 1, 1))


def test_chaque_purge_est_journalisee_sans_donnee_personnelle(base, monkeypatch) -> None:
    _tout_a_purger(base)
    _le(monkeypatch, "2026-01-15")
    messages = _purger(base)
    assert len(messages) == 3
    purges = _purges_journalisees(base)
    assert [(p["regle"], p["nombre"]) for p in purges] == [("demandeurs", 1), ("coordonnees", 1), ("journal", 1)]
    assert [p["texte"] for p in purges] == messages
    texte = json.dumps(purges, ensure_ascii=False)
    for personnel in ("Lambert", "lambert@exemple.fr", "Durand", "durand@exemple.fr", "Boucle", "04 75"):
        assert personnel not in texte
    with base.session_scope() as s:
        assert [p.texte for p in conservation.dernieres_purges(s)] == list(reversed(messages))


def test_une_seconde_application_ne_purge_rien(base, monkeypatch) -> None:
    _tout_a_purger(base)
    _le(monkeypatch, "2026-01-15")
    assert len(_purger(base)) == 3
    with base.session_scope() as s:
        lignes = s.scalar(select(func.count()).select_from(Journal))
    assert _purger(base) == []
    _le(monkeypatch, "2026-01-16")
    assert _purger(base) == []
    with base.session_scope() as s:
        assert s.scalar(select(func.count()).select_from(Journal)) == lignes
    assert len(_purges_journalisees(base)) == 3


# --- durations -----------------------------------------------------------------------------------------------


def test_les_durees_par_defaut_et_enregistrees(base) -> None:
    with base.session_scope() as s:
        assert conservation.lire_durees(s) == Durees(6, 1, 5)
        Fabrique(s).comite()
        assert conservation.lire_durees(s) == Durees(6, 1, 5)
        avant = conservation.enregistrer_durees(s, Durees(12, 2, 10))
        assert avant == Durees(6, 1, 5)
    with base.session_scope() as s:
        assert conservation.lire_durees(s) == Durees(12, 2, 10)


@pytest.mark.parametrize(
    ("durees", "fragment"),
    [
        (
            Durees(demandeurs_mois=0),
            "La durée de conservation de l'identité des demandeurs doit être comprise entre 1 mois et 24 mois "
            "(et non « 0 »).",
        ),
        (Durees(demandeurs_mois=25), "entre 1 mois et 24 mois"),
        (Durees(coordonnees_ans=0), "des coordonnées des anciens membres doit être comprise entre 1 an et 5 ans"),
        (Durees(coordonnees_ans=6), "entre 1 an et 5 ans"),
        (Durees(journal_ans=0), "du journal doit être comprise entre 1 an et 10 ans"),
        (Durees(journal_ans=11), "entre 1 an et 10 ans"),
    ],
)
def test_une_duree_hors_bornes_est_refusee_sans_rien_changer(base, durees: Durees, fragment: str) -> None:
    with base.session_scope() as s:
        Fabrique(s).comite()
    with pytest.raises(ErreurConnue, match=re.escape(fragment)), base.session_scope() as s:
        conservation.enregistrer_durees(s, durees)
    with base.session_scope() as s:
        assert conservation.lire_durees(s) == Durees()


def test_sans_comite_les_durees_ne_peuvent_pas_etre_enregistrees(base) -> None:
    with pytest.raises(ErreurConnue, match="page « Comité »"), base.session_scope() as s:
        conservation.enregistrer_durees(s, Durees(12, 2, 10))
    with base.session_scope() as s:
        assert s.scalar(select(func.count()).select_from(Comite)) == 0


# --- a purge is final: re-importing the workbook brings nothing back ------------------------------------------


def _classeur(tmp_path: Path) -> Path:
    return ecrire_classeur(
        {
            "Collèges": [["Nom", "Catégorie"], ["Travailleurs sociaux", "travailleurs_sociaux"]],
            "Instances": [["Nom", "Type"], ["Plénière", "pleniere"]],
            "Membres": [
                [
                    "Nom",
                    "Prénom",
                    "Structure",
                    "Fonction",
                    "Courriel",
                    "Collège",
                    "Instance",
                    "Qualité",
                    "Début",
                    "Fin",
                ],
                [
                    "Lefèvre",
                    "Éva",
                    None,
                    "Éducatrice",
                    "eva.lefevre@exemple.fr",
                    "Travailleurs sociaux",
                    "Plénière",
                    "Titulaire",
                    "01/09/2023",
                    "31/12/2024",
                ],
            ],
        },
        tmp_path / "membres.xlsx",
    )


def test_reimporter_le_classeur_ne_ramene_pas_les_coordonnees_purgees(base, monkeypatch, tmp_path) -> None:
    classeur = _classeur(tmp_path)
    _le(monkeypatch, "2025-01-10")
    importer_classeur(base, classeur)
    with base.session_scope() as s:
        assert s.scalar(select(Personne.courriel)) == "eva.lefevre@exemple.fr"
    _le(monkeypatch, "2026-01-10")
    assert len(_purger(base)) == 1
    importer_classeur(base, classeur)
    with base.session_scope() as s:
        assert s.scalar(select(Personne.courriel)) == ""
    assert _purger(base) == []  # (a purge again would hide the import's fault)


# --- properties ----------------------------------------------------------------------------------------------


@given(
    jour=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31)),
    ecrit=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)),
    heure=st.times(),
    ans=st.integers(min_value=1, max_value=10),
)
def test_une_ligne_du_journal_n_est_jamais_effacee_avant_son_terme(
    jour: dt.date, ecrit: dt.date, heure: dt.time, ans: int
) -> None:
    terme = ajouter_mois(ecrit, 12 * ans)
    effacee = dt.datetime.combine(ecrit, heure) < conservation.limite_journal(jour, ans)
    if effacee:
        assert terme <= jour
    if terme + dt.timedelta(days=1) <= jour:  # at most one day late (29 February)
        assert effacee


@given(
    fins=st.lists(st.one_of(st.none(), st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2080, 1, 1)))),
    ans=st.integers(min_value=1, max_value=5),
)
def test_l_echeance_des_coordonnees_suit_le_dernier_mandat(fins: list[dt.date | None], ans: int) -> None:
    echeance = conservation.echeance_coordonnees(fins, ans)
    if not fins or None in fins:
        assert echeance is None
    else:
        assert echeance is not None
        assert all(fin is not None and fin < echeance for fin in fins)
        assert echeance == ajouter_mois(max(f for f in fins if f is not None), 12 * ans)


@given(
    mois=st.integers(min_value=-5, max_value=40),
    coordonnees=st.integers(min_value=-5, max_value=15),
    journal=st.integers(min_value=-5, max_value=15),
)
def test_les_bornes_des_durees(mois: int, coordonnees: int, journal: int) -> None:
    durees = Durees(mois, coordonnees, journal)
    valides = 1 <= mois <= 24 and 1 <= coordonnees <= 5 and 1 <= journal <= 10
    if valides:
        conservation.valider_durees(durees)
    else:
        with pytest.raises(ErreurConnue, match="doit être comprise entre"):
            conservation.valider_durees(durees)
