"""The consistency rules: one broken state per rule, built directly (SQL with the base's guards off)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app import db
from app.modeles.enumerations import EtatPresence, StatutSeance, Voix
from app.services.coherence import verifier
from tests.services.fabrique import Fabrique

JOUR = dt.date(2026, 3, 5)


@dataclass
class Comite:
    session: Session
    ids: dict[str, int]

    def sql(self, requete: str, **parametres: object) -> None:
        """Write past the base's own guards, as another tool or an old import could have."""
        connexion = self.session.connection()
        connexion.exec_driver_sql("PRAGMA ignore_check_constraints = ON")
        self.session.execute(text(requete), parametres)

    def problemes(self) -> list[str]:
        self.session.flush()
        return verifier(self.session)


@pytest.fixture
def comite(chemin_base: Path) -> Iterator[Comite]:
    """A small sound committee: Anne titulaire (suppléante Bruno), Chloé titulaire, one held meeting."""
    base = db.ouvrir(chemin_base)
    # The rules are tested on states the foreign keys would refuse: they are off for this connection.
    moteur_sans_cles = db._moteur(chemin_base, lecture_seule=False, cles_etrangeres=False)
    base.fermer()
    with Session(moteur_sans_cles) as session:
        f = Fabrique(session)
        pl = f.instance("Plénière")
        bu = f.instance("Bureau")
        elus = f.college("Élus")
        anne, bruno, chloe, denis = (
            f.personne(n, p)
            for n, p in (("Durand", "Anne"), ("Martin", "Bruno"), ("Petit", "Chloé"), ("Roux", "Denis"))
        )
        m_anne = f.mandat(anne, pl, elus)
        m_bruno = f.mandat(bruno, pl, elus, suppleant_de=m_anne)
        m_chloe = f.mandat(chloe, pl, elus)
        m_denis_bureau = f.mandat(denis, bu, elus)
        s1 = f.seance(pl, JOUR, reference="PL-2026-01")
        s2 = f.seance(pl, JOUR + dt.timedelta(days=60), reference="PL-2026-02")
        f.presence(s1, anne, EtatPresence.REPRESENTE, pouvoir_a=chloe)
        f.presence(s1, chloe, EtatPresence.PRESENT)
        f.presence(s1, denis, EtatPresence.PRESENT)  # a guest: not a member of the plénière, allowed
        f.saisine(dt.date(2026, 1, 10))
        f.recommandation()
        ids = {
            "pl": pl.id,
            "bu": bu.id,
            "anne": anne.id,
            "bruno": bruno.id,
            "chloe": chloe.id,
            "denis": denis.id,
            "m_anne": m_anne.id,
            "m_bruno": m_bruno.id,
            "m_chloe": m_chloe.id,
            "m_denis_bureau": m_denis_bureau.id,
            "s1": s1.id,
            "s2": s2.id,
        }
        yield Comite(session, ids)
    moteur_sans_cles.dispose()


def test_un_comite_sain_ne_donne_aucun_probleme(comite: Comite) -> None:
    assert comite.problemes() == []


def test_la_demo_est_coherente(demo: Path) -> None:
    base = db.ouvrir(demo, lecture_seule=True)
    try:
        with base.session_scope() as session:
            assert verifier(session) == []
    finally:
        base.fermer()


def test_suppleant_sans_titulaire(comite: Comite) -> None:
    comite.sql("UPDATE mandat SET titulaire_id = NULL WHERE id = :m", m=comite.ids["m_bruno"])
    assert comite.problemes() == ["Mandat de Bruno Martin dans l'instance « Plénière » : suppléant sans titulaire."]


def test_suppleant_d_un_mandat_disparu(comite: Comite) -> None:
    comite.sql("UPDATE mandat SET titulaire_id = 999 WHERE id = :m", m=comite.ids["m_bruno"])
    assert comite.problemes() == [
        "Mandat de Bruno Martin dans l'instance « Plénière » : suppléant d'un mandat n° 999 qui n'existe plus."
    ]


def test_suppleant_d_un_titulaire_d_une_autre_instance(comite: Comite) -> None:
    comite.sql(
        "UPDATE mandat SET titulaire_id = :t WHERE id = :m", t=comite.ids["m_denis_bureau"], m=comite.ids["m_bruno"]
    )
    [probleme] = comite.problemes()
    assert "Bruno Martin" in probleme and "Denis Roux" in probleme and "autre instance (« Bureau »)" in probleme


def test_suppleant_d_un_suppleant(comite: Comite) -> None:
    comite.sql(
        "INSERT INTO mandat (personne_id, instance_id, college_id, qualite, titulaire_id, role, voix, debut) "
        "SELECT :p, instance_id, college_id, 'suppleant', :t, 'membre', 'deliberative', debut "
        "FROM mandat WHERE id = :t",
        p=comite.ids["chloe"],
        t=comite.ids["m_bruno"],
    )
    assert comite.problemes() == [
        "Mandat de Chloé Petit dans l'instance « Plénière » : suppléant de Bruno Martin, qui est lui-même suppléant."
    ]


def test_mandat_qui_finit_avant_de_commencer(comite: Comite) -> None:
    comite.sql("UPDATE mandat SET fin = '2024-12-31' WHERE id = :m", m=comite.ids["m_chloe"])
    assert comite.problemes() == [
        "Mandat de Chloé Petit dans l'instance « Plénière » : il finit le 31 décembre 2024, "
        "avant d'avoir commencé le 1er janvier 2025.",
        "Séance PL-2026-01 : le pouvoir de Anne Durand est donné à Chloé Petit, qui n'a pas de mandat à voix "
        "délibérative dans l'instance « Plénière » le 5 mars 2026.",
    ]


def test_deux_mandats_de_titulaire_a_la_fois(comite: Comite) -> None:
    comite.sql(
        "INSERT INTO mandat (personne_id, instance_id, college_id, qualite, role, voix, debut) "
        "SELECT personne_id, instance_id, college_id, 'titulaire', 'membre', 'deliberative', '2026-01-01' "
        "FROM mandat WHERE id = :m",
        m=comite.ids["m_chloe"],
    )
    [probleme] = comite.problemes()
    assert probleme.startswith("Chloé Petit a deux mandats de titulaire à la fois dans l'instance « Plénière »")


def test_pouvoir_donne_a_quelqu_un_sans_siege(comite: Comite) -> None:
    comite.sql(
        "UPDATE presence SET pouvoir_a_id = :d WHERE personne_id = :a", d=comite.ids["denis"], a=comite.ids["anne"]
    )
    assert comite.problemes() == [
        "Séance PL-2026-01 : le pouvoir de Anne Durand est donné à Denis Roux, qui n'a pas de mandat à voix "
        "délibérative dans l'instance « Plénière » le 5 mars 2026."
    ]


def test_pouvoir_a_un_membre_dont_le_mandat_est_fini(comite: Comite) -> None:
    comite.sql("UPDATE mandat SET fin = '2026-01-31' WHERE id = :m", m=comite.ids["m_chloe"])
    [probleme] = comite.problemes()
    assert "Séance PL-2026-01" in probleme and "Chloé Petit" in probleme and "voix délibérative" in probleme


def test_pouvoir_a_un_membre_consultatif(comite: Comite) -> None:
    comite.sql("UPDATE mandat SET voix = :v WHERE id = :m", v=Voix.CONSULTATIVE.value, m=comite.ids["m_chloe"])
    [probleme] = comite.problemes()
    assert "Chloé Petit" in probleme and "voix délibérative" in probleme


def test_represente_sans_etre_titulaire(comite: Comite) -> None:
    comite.sql(
        "INSERT INTO presence (seance_id, personne_id, etat, pouvoir_a_id) VALUES (:s, :d, 'represente', :c)",
        s=comite.ids["s2"],
        d=comite.ids["denis"],
        c=comite.ids["chloe"],
    )
    assert comite.problemes() == [
        "Séance PL-2026-02 : Denis Roux est noté représenté sans être titulaire de l'instance « Plénière » "
        "le 4 mai 2026."
    ]


def test_represente_sans_porteur(comite: Comite) -> None:
    comite.sql("UPDATE presence SET pouvoir_a_id = NULL WHERE personne_id = :a", a=comite.ids["anne"])
    assert comite.problemes() == ["Séance PL-2026-01 : Anne Durand est noté représenté sans porteur de pouvoir."]


def test_presence_a_une_seance_annulee(comite: Comite) -> None:
    comite.sql("UPDATE seance SET statut = :s WHERE id = :i", s=StatutSeance.ANNULEE.value, i=comite.ids["s1"])
    problemes = comite.problemes()
    assert len(problemes) == 3
    assert problemes[0].startswith("Séance PL-2026-01 : elle est annulée mais une présence y est notée pour ")


def test_pv_approuve_a_une_seance_anterieure(comite: Comite) -> None:
    comite.sql(
        "UPDATE seance SET pv_approuve_en_id = :s1, pv_approuve_le = '2026-03-05' WHERE id = :s2",
        s1=comite.ids["s1"],
        s2=comite.ids["s2"],
    )
    assert comite.problemes() == [
        "Séance PL-2026-02 : son procès-verbal est approuvé à la séance PL-2026-01 du 5 mars 2026, antérieure à elle."
    ]


def test_pv_approuve_avant_la_seance_sans_seance_d_approbation(comite: Comite) -> None:
    comite.sql("UPDATE seance SET pv_approuve_le = '2026-03-01' WHERE id = :s", s=comite.ids["s1"])
    assert comite.problemes() == ["Séance PL-2026-01 : procès-verbal approuvé le 1er mars 2026, avant la séance."]


def test_seconde_convocation_d_une_autre_instance_ou_posterieure(comite: Comite) -> None:
    comite.sql(
        "INSERT INTO seance (reference, instance_id, date, lieu, lien_visio, format, statut, motif_urgence) "
        "VALUES ('BU-2026-01', :bu, '2026-03-10', '', '', 'presentiel', 'tenue', '')",
        bu=comite.ids["bu"],
    )
    comite.sql(
        "UPDATE seance SET seconde_convocation_de_id = (SELECT id FROM seance WHERE reference = 'BU-2026-01') "
        "WHERE id = :s",
        s=comite.ids["s2"],
    )
    comite.sql(
        "UPDATE seance SET seconde_convocation_de_id = :s2 WHERE id = :s1", s1=comite.ids["s1"], s2=comite.ids["s2"]
    )
    assert comite.problemes() == [
        "Séance PL-2026-01 : seconde convocation de la séance PL-2026-02, qui a lieu après elle.",
        "Séance PL-2026-02 : seconde convocation de la séance BU-2026-01, d'une autre instance.",
    ]


def test_numero_qui_ne_correspond_pas_a_son_rang(comite: Comite) -> None:
    comite.sql("UPDATE saisine SET numero = 'SAI-2026-007'")
    assert comite.problemes() == [
        "Saisine SAI-2026-007 : son numéro ne correspond pas à son année et son rang (SAI-2026-001)."
    ]


def test_compteur_de_numeros_en_retard(comite: Comite) -> None:
    comite.sql("INSERT INTO numerotation (serie, annee, dernier) VALUES ('REC', 2026, 0)")
    assert comite.problemes() == [
        "Numérotation REC-2026 : le compteur en est à 0 alors que le numéro REC-2026-001 existe "
        "(un numéro risquerait d'être redonné)."
    ]


def test_la_verification_n_ecrit_rien(demo: Path) -> None:
    avant = demo.read_bytes()
    base = db.ouvrir(demo, lecture_seule=True)
    try:
        with base.session_scope() as session:
            verifier(session)
    finally:
        base.fermer()
    assert demo.read_bytes() == avant
