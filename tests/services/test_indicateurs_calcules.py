"""Every figure of CONCEPTION §3, checked on small committees whose numbers were computed by hand.

Each expectation is a literal with its arithmetic in a comment; nothing here is derived from the code under test.
Counts of a meeting are written as (attendus, presents, supplees, representes, excuses, absents).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError

from app.modeles.enumerations import (
    STATUTS_TENUS,
    CanalDiffusion,
    CategorieCollege,
    EtatPresence,
    NiveauRetour,
    Qualite,
    QuestionRetour,
    StatutRecommandation,
    StatutSaisine,
    StatutSeance,
    ThemeEthique,
    TypeInstance,
    TypeProduction,
    Voix,
)
from app.services.indicateurs import Periode, calculer, evaluer_seances
from app.services.sieges import EtatSiege
from tests.services.fabrique import Fabrique

PRESENT = EtatPresence.PRESENT
VISIO = EtatPresence.VISIO
EXCUSE = EtatPresence.EXCUSE
ABSENT = EtatPresence.ABSENT
REPRESENTE = EtatPresence.REPRESENTE

J = dt.date(2026, 3, 5)
TS = CategorieCollege.TRAVAILLEURS_SOCIAUX
PA = CategorieCollege.PERSONNES_ACCOMPAGNEES


def jour(texte: str) -> dt.date:
    return dt.date.fromisoformat(texte)


def compte(bloc: dict[str, Any]) -> tuple[int, int, int, int, int, int]:
    return (
        bloc["attendus"],
        bloc["presents"],
        bloc["supplees"],
        bloc["representes"],
        bloc["excuses"],
        bloc["absents"],
    )


def seance(resultat: dict[str, Any], reference: str) -> dict[str, Any]:
    (bloc,) = [b for b in resultat["seances"] if b["reference"] == reference]
    return bloc


def colleges(resultat: dict[str, Any]) -> dict[str, tuple[int, int, int, float | None]]:
    return {
        c["college"]: (c["attendus"], c["presents"], c["supplees"], c["taux_presence"]) for c in resultat["colleges"]
    }


def membres(resultat: dict[str, Any]) -> dict[str, tuple[int, int, float | None]]:
    """nom → (seances_attendues, seances_presentes, assiduite); the tests give every person a distinct nom."""
    return {m["nom"]: (m["seances_attendues"], m["seances_presentes"], m["assiduite"]) for m in resultat["membres"]}


def mobilisation(resultat: dict[str, Any], fenetre: str) -> tuple[int, int, int, int, int, float | None]:
    b = resultat["mobilisation"][fenetre]
    return (
        b["seances_tenues"],
        b["personnes_presentes"],
        b["structures_representees"],
        b["travailleurs_sociaux_presents"],
        b["personnes_accompagnees_presentes"],
        b["taux_presence"],
    )


# --- The state of each expected seat ------------------------------------------------------------------


def test_chaque_siege_a_un_seul_etat_et_les_etats_font_les_attendus(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl, col = f.instance("Plénière"), f.college("Collège")
        a, b, c, d, _e, g = f.titulaires(pl, col, "A", "B", "C", "D", "E", "G")
        s1 = f.seance(pl, J)
        f.presences(s1, [(a, PRESENT), (b, VISIO), (c, EXCUSE), (d, ABSENT)])  # E: nothing recorded
        f.presence(s1, g, REPRESENTE, pouvoir_a=a)
        r = calculer(s, Periode())
    bloc = r["seances"][0]
    # A present, B visio → 2 present; G's proxy held by A → représenté; C excusé; D absent, E nothing → 2 absent
    assert compte(bloc) == (6, 2, 0, 1, 1, 2)
    assert bloc["taux_presence"] == 2 / 6  # (2 present + 0 suppléé) / 6 expected
    assert bloc["quorum_atteint"] is True  # ⌈1/2 × 6⌉ = 3 needed; 2 present + 1 représenté = 3


def test_suppleant_present_avec_son_titulaire_ne_compte_qu_une_fois(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl, col = f.instance("Plénière"), f.college("Collège")
        a, b = f.personne("A"), f.personne("B")
        m_a = f.mandat(a, pl, col)
        f.mandat(b, pl, col)
        sa = f.personne("SA")
        f.mandat(sa, pl, col, suppleant_de=m_a)
        s1 = f.seance(pl, J)
        f.presences(s1, [(a, PRESENT), (sa, PRESENT), (b, ABSENT)])
        r = calculer(s, Periode())
    # A's seat is present (rule 1 wins); SA adds nothing; B absent
    assert compte(r["seances"][0]) == (2, 1, 0, 0, 0, 1)
    assert r["seances"][0]["taux_presence"] == 0.5  # 1 / 2
    assert membres(r) == {"A": (1, 1, 1.0), "B": (1, 0, 0.0)}  # the suppléant has no expected seat


def test_supplee_l_emporte_sur_represente_excuse_et_absent(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl, col = f.instance("Plénière"), f.college("Collège")
        a, b, c, d, x = (f.personne(n) for n in ("A", "B", "C", "D", "X"))
        mandats = {p.nom: f.mandat(p, pl, col) for p in (a, b, c, d, x)}
        sup = {n: f.personne(f"S{n}") for n in "ABCD"}
        for n, p in sup.items():
            f.mandat(p, pl, col, suppleant_de=mandats[n])
        s1 = f.seance(pl, J)
        f.presence(s1, x, PRESENT)
        f.presence(s1, a, REPRESENTE, pouvoir_a=x)  # a valid proxy...
        f.presence(s1, sup["A"], PRESENT)  # ...but the suppléant came: suppléé
        f.presences(s1, [(b, EXCUSE), (sup["B"], VISIO)])  # excused, suppléant in visio: suppléé
        f.presences(s1, [(c, ABSENT), (sup["C"], PRESENT)])  # absent, suppléant present: suppléé
        f.presence(s1, sup["D"], ABSENT)  # nobody for D: absent
        r = calculer(s, Periode())
    assert compte(r["seances"][0]) == (5, 1, 3, 0, 0, 1)
    assert r["seances"][0]["taux_presence"] == 0.8  # (1 present + 3 suppléés) / 5 expected


def test_pouvoir_valide_represente_pouvoir_caduc_excuse(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl, col = f.instance("Plénière"), f.college("Collège")
        a, b, c, d, e, h1, h2, h3, h4, h5 = f.titulaires(pl, col, "A", "B", "C", "D", "E", "H1", "H2", "H3", "H4", "H5")
        invite = f.personne("Invité")
        g = f.titulaires(pl, col, "G")[0]
        s1 = f.seance(pl, J)
        f.presences(s1, [(h1, PRESENT), (h2, VISIO), (h3, ABSENT), (h4, EXCUSE), (invite, PRESENT)])  # H5: no row
        for donneur, porteur in [(a, h1), (b, h2), (c, h3), (d, h4), (e, h5), (g, invite)]:
            f.presence(s1, donneur, REPRESENTE, pouvoir_a=porteur)
        r = calculer(s, Periode())
    bloc = r["seances"][0]
    # représentés: A (H1 present), B (H2 visio), G (holder present, though not a member: §3 asks only presence)
    # excusés: C, D, E (void proxies: H3 absent, H4 excused, H5 unrecorded) + H4 himself; absents: H3, H5
    assert compte(bloc) == (11, 2, 0, 3, 4, 2)
    assert bloc["taux_presence"] == 2 / 11
    assert bloc["quorum_atteint"] is False  # ⌈11/2⌉ = 6 needed; 2 present + 3 représentés = 5


def test_un_porteur_ne_porte_qu_un_pouvoir_par_seance(base):
    with pytest.raises(IntegrityError), base.session_scope() as s:
        f = Fabrique(s)
        pl, col = f.instance("Plénière"), f.college("Collège")
        a, b, h = f.titulaires(pl, col, "A", "B", "H")
        s1 = f.seance(pl, J)
        f.presence(s1, h, PRESENT)
        f.presence(s1, a, REPRESENTE, pouvoir_a=h)
        f.presence(s1, b, REPRESENTE, pouvoir_a=h)


def test_suppleant_d_un_titulaire_parti_ne_supplee_personne_avant_rattachement(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl, col = f.instance("Plénière"), f.college("Collège")
        a, b, c, sup = (f.personne(n) for n in ("A", "B", "C", "S"))
        m_a = f.mandat(a, pl, col, fin=jour("2026-03-31"))
        f.mandat(b, pl, col)
        m_c = f.mandat(c, pl, col, debut=jour("2026-04-01"))  # C replaces A
        f.mandat(sup, pl, col, suppleant_de=m_a, fin=jour("2026-04-30"))
        f.mandat(sup, pl, col, suppleant_de=m_c, debut=jour("2026-05-01"))  # attached to C from May
        for date in ("2026-03-31", "2026-04-10", "2026-05-12"):
            s1 = f.seance(pl, jour(date))
            titulaire = a if date == "2026-03-31" else c
            f.presences(s1, [(titulaire, ABSENT), (sup, PRESENT), (b, PRESENT)])
        r = calculer(s, Periode())
    # 31 March, A's last day: A's seat suppléé by S
    assert compte(seance(r, "PL-2026-01")) == (2, 1, 1, 0, 0, 0)
    # 10 April: S's titulaire has left, S stands in for nobody, not for C
    assert compte(seance(r, "PL-2026-02")) == (2, 1, 0, 0, 0, 1)
    assert seance(r, "PL-2026-02")["taux_presence"] == 0.5  # 1 / 2
    # 12 May: S attached to C, C's seat suppléé
    assert compte(seance(r, "PL-2026-03")) == (2, 1, 1, 0, 0, 0)
    # suppléé never counts in a person's assiduity
    assert membres(r) == {"A": (1, 0, 0.0), "B": (3, 3, 1.0), "C": (2, 0, 0.0)}


def test_suppleant_hors_mandat_ne_supplee_pas(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl, col = f.instance("Plénière"), f.college("Collège")
        a, b, sa, sb = (f.personne(n) for n in ("A", "B", "SA", "SB"))
        m_a, m_b = f.mandat(a, pl, col), f.mandat(b, pl, col)
        f.mandat(sa, pl, col, suppleant_de=m_a, fin=jour("2026-03-04"))
        f.mandat(sb, pl, col, suppleant_de=m_b, debut=jour("2026-03-06"))
        for date in ("2026-03-04", "2026-03-05", "2026-03-06"):
            s1 = f.seance(pl, jour(date))
            f.presences(s1, [(a, EXCUSE), (b, ABSENT), (sa, PRESENT), (sb, VISIO)])
        r = calculer(s, Periode())
    # 4 March: SA's last day (suppléé A), SB not yet active (B absent)
    assert compte(seance(r, "PL-2026-01")) == (2, 0, 1, 0, 0, 1)
    # 5 March: SA ended the day before (A excusé), SB not yet active (B absent)
    assert compte(seance(r, "PL-2026-02")) == (2, 0, 0, 0, 1, 1)
    # 6 March: SB's first day (suppléé B), A excusé
    assert compte(seance(r, "PL-2026-03")) == (2, 0, 1, 0, 1, 0)


# --- Quorum ---------------------------------------------------------------------------------------------


def test_les_pouvoirs_comptent_au_quorum_selon_l_instance(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        col = f.college("Collège")
        pl = f.instance("Plénière", quorum=(1, 2), pouvoirs_comptes=True)
        bu = f.instance("Bureau", TypeInstance.BUREAU, quorum=(1, 2), pouvoirs_comptes=False)
        a, b, c, d = f.titulaires(pl, col, "A", "B", "C", "D")
        for p in (a, b, c, d):
            f.mandat(p, bu, col)
        for instance in (pl, bu):
            s1 = f.seance(instance, J)
            f.presences(s1, [(a, PRESENT), (c, ABSENT), (d, ABSENT)])
            f.presence(s1, b, REPRESENTE, pouvoir_a=a)
        r = calculer(s, Periode())
    # both: 4 expected, ⌈1/2 × 4⌉ = 2 needed; the représenté state exists whatever the rule
    assert compte(seance(r, "PL-2026-01")) == compte(seance(r, "BU-2026-01")) == (4, 1, 0, 1, 0, 2)
    assert seance(r, "PL-2026-01")["quorum_atteint"] is True  # 1 present + 1 représenté = 2 ≥ 2
    assert seance(r, "BU-2026-01")["quorum_atteint"] is False  # proxies not counted: 1 < 2


def test_quorum_un_demi_de_sept_exige_quatre(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl, col = f.instance("Plénière", quorum=(1, 2)), f.college("Collège")
        p = f.titulaires(pl, col, *"ABCDEFG")
        s_p = f.personne("Suppléant")
        f.mandat(s_p, pl, col, suppleant_de=p[3].mandats[0])
        s1, s2, s3 = (f.seance(pl, jour(d)) for d in ("2026-01-10", "2026-02-10", "2026-03-10"))
        f.presences(s1, [(x, PRESENT) for x in p[:4]])  # 4 present
        f.presences(s2, [(x, PRESENT) for x in p[:3]])  # 3 present
        f.presences(s3, [(x, PRESENT) for x in p[:3]] + [(s_p, PRESENT)])  # 3 present + D suppléé
        r = calculer(s, Periode())
    # ⌈1/2 × 7⌉ = ⌈3.5⌉ = 4
    assert (seance(r, "PL-2026-01")["quorum_atteint"], seance(r, "PL-2026-01")["taux_presence"]) == (True, 4 / 7)
    assert (seance(r, "PL-2026-02")["quorum_atteint"], seance(r, "PL-2026-02")["taux_presence"]) == (False, 3 / 7)
    assert (seance(r, "PL-2026-03")["quorum_atteint"], seance(r, "PL-2026-03")["taux_presence"]) == (True, 4 / 7)


def test_quorum_un_tiers_de_neuf_exige_trois(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl, col = f.instance("Plénière", quorum=(1, 3), pouvoirs_comptes=True), f.college("Collège")
        p = f.titulaires(pl, col, *"ABCDEFGHI")
        s1, s2, s3 = (f.seance(pl, jour(d)) for d in ("2026-01-10", "2026-02-10", "2026-03-10"))
        f.presences(s1, [(p[0], PRESENT), (p[1], VISIO), (p[2], PRESENT)])  # 3 present: at the threshold
        f.presences(s2, [(p[0], PRESENT), (p[1], PRESENT)])
        f.presence(s2, p[2], REPRESENTE, pouvoir_a=p[0])  # 2 present + 1 représenté (counted)
        f.presences(s3, [(p[0], PRESENT), (p[1], PRESENT)])  # 2: one under the threshold
        r = calculer(s, Periode())
    # ⌈1/3 × 9⌉ = 3
    assert seance(r, "PL-2026-01")["quorum_atteint"] is True  # 3 ≥ 3
    assert seance(r, "PL-2026-02")["quorum_atteint"] is True  # 2 + 1 = 3 ≥ 3
    assert seance(r, "PL-2026-02")["taux_presence"] == 2 / 9  # représentés are not in the attendance rate
    assert seance(r, "PL-2026-03")["quorum_atteint"] is False  # 2 < 3


def test_quorum_deux_tiers_de_six_exige_exactement_quatre(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl, col = f.instance("Plénière", quorum=(2, 3)), f.college("Collège")
        p = f.titulaires(pl, col, *"ABCDEF")
        s1, s2 = f.seance(pl, jour("2026-01-10")), f.seance(pl, jour("2026-02-10"))
        f.presences(s1, [(x, PRESENT) for x in p[:4]])
        f.presences(s2, [(x, PRESENT) for x in p[:3]] + [(p[3], EXCUSE)])
        r = calculer(s, Periode())
    assert seance(r, "PL-2026-01")["quorum_atteint"] is True  # 2/3 × 6 = 4 exactly; 4 ≥ 4
    assert seance(r, "PL-2026-02")["quorum_atteint"] is False  # 3 < 4


def test_seance_sans_siege_attendu_taux_null_et_quorum_trivialement_atteint(base):
    """§3 is silent on a meeting with no expected seat: the code reads ⌈fraction × 0⌉ = 0, so 0 ≥ 0 holds."""
    with base.session_scope() as s:
        f = Fabrique(s)
        gt, col = f.instance("Groupe", TypeInstance.GROUPE_TRAVAIL), f.college("Collège")
        k = f.personne("K")
        f.mandat(k, gt, col, voix=Voix.CONSULTATIVE)
        s1 = f.seance(gt, J)
        f.presence(s1, k, PRESENT)
        r = calculer(s, Periode())
    assert compte(r["seances"][0]) == (0, 0, 0, 0, 0, 0)
    assert r["seances"][0]["taux_presence"] is None
    assert r["seances"][0]["quorum_atteint"] is True
    assert r["membres"] == []


# --- Who is expected ------------------------------------------------------------------------------------


def test_consultatifs_suppleants_et_invites_ne_sont_pas_des_sieges(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        col = f.college("Collège")
        pl, bu = f.instance("Plénière"), f.instance("Bureau", TypeInstance.BUREAU)
        a, b = f.titulaires(pl, col, "A", "B")
        k, sup, g, m = (f.personne(n) for n in ("K", "S", "G", "M"))
        f.mandat(k, pl, col, voix=Voix.CONSULTATIVE)
        f.mandat(sup, pl, col, qualite=Qualite.SUPPLEANT)  # a suppléant with no titulaire
        f.mandat(m, bu, col)  # a member of the bureau only: a guest at the plenary
        s1 = f.seance(pl, J)
        f.presences(s1, [(a, PRESENT), (b, ABSENT), (k, PRESENT), (sup, PRESENT), (g, PRESENT), (m, PRESENT)])
        r = calculer(s, Periode())
    assert compte(r["seances"][0]) == (2, 1, 0, 0, 0, 1)  # only A and B are expected
    assert r["seances"][0]["taux_presence"] == 0.5  # 1 / 2
    assert membres(r) == {"A": (1, 1, 1.0), "B": (1, 0, 0.0)}
    assert colleges(r) == {"Collège": (2, 1, 0, 0.5)}


def test_mandat_actif_le_jour_de_son_debut_et_de_sa_fin(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl, col = f.instance("Plénière"), f.college("Collège")
        a, b, c, d, e = (f.personne(n) for n in "ABCDE")
        f.mandat(a, pl, col, debut=J)  # starts on the meeting day
        f.mandat(b, pl, col, fin=J)  # ends on the meeting day
        f.mandat(c, pl, col, fin=J - dt.timedelta(days=1))  # ended the day before
        f.mandat(d, pl, col, debut=J + dt.timedelta(days=1))  # starts the day after
        f.mandat(e, pl, col)
        s1 = f.seance(pl, J)
        f.presences(s1, [(a, PRESENT), (b, ABSENT), (c, PRESENT), (d, PRESENT), (e, EXCUSE)])
        r = calculer(s, Periode())
    assert compte(r["seances"][0]) == (3, 1, 0, 0, 1, 1)  # A, B, E expected; C and D are guests that day
    assert r["seances"][0]["taux_presence"] == 1 / 3
    assert set(membres(r)) == {"A", "B", "E"}
    # mobilisation (D0 = this first held meeting): C and D came without an active seat, so only A counts
    assert r["mobilisation"]["3_mois"]["personnes_presentes"] == 1


def test_mandats_commencant_ou_finissant_dans_la_periode(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl, col = f.instance("Plénière"), f.college("Collège")
        a, b, c = (f.personne(n) for n in "ABC")
        f.mandat(a, pl, col)
        f.mandat(b, pl, col, debut=jour("2026-03-01"))  # joins after the first meeting
        f.mandat(c, pl, col, fin=jour("2026-05-31"))  # leaves before the last
        s1, s2, s3 = (f.seance(pl, jour(d)) for d in ("2026-02-10", "2026-04-10", "2026-06-10"))
        f.presences(s1, [(a, PRESENT), (c, PRESENT)])
        f.presences(s2, [(a, PRESENT), (b, PRESENT), (c, PRESENT)])
        f.presences(s3, [(a, PRESENT), (b, ABSENT)])
        tout = calculer(s, Periode())
        r = calculer(s, Periode(jour("2026-03-01"), jour("2026-06-30")))
    assert [compte(b)[:2] for b in tout["seances"]] == [(2, 2), (3, 3), (2, 1)]  # Feb: A, C; Apr: A, B, C; Jun: A, B
    assert membres(tout) == {"A": (3, 3, 1.0), "B": (2, 1, 0.5), "C": (2, 2, 1.0)}
    # March to June: April and June only
    assert membres(r) == {"A": (2, 2, 1.0), "B": (2, 1, 0.5), "C": (1, 1, 1.0)}
    assert colleges(r) == {"Collège": (5, 4, 0, 0.8)}  # 4 present / (3 + 2) expected


# --- Which meetings, which period ---------------------------------------------------------------------


def test_seules_les_seances_tenues_ou_cloturees_comptent(base):
    assert frozenset({StatutSeance.TENUE, StatutSeance.CLOTUREE}) == STATUTS_TENUS
    with base.session_scope() as s:
        f = Fabrique(s)
        pl, col = f.instance("Plénière"), f.college("Collège")
        a, b = f.titulaires(pl, col, "A", "B")
        statuts = {
            "2026-01-05": StatutSeance.ANNULEE,
            "2026-01-10": StatutSeance.REPORTEE,
            "2026-01-20": StatutSeance.TENUE,
            "2026-02-01": StatutSeance.PLANIFIEE,
            "2026-02-10": StatutSeance.CLOTUREE,
            "2026-02-20": StatutSeance.CONVOQUEE,
        }
        for date, statut in statuts.items():
            s1 = f.seance(pl, jour(date), statut=statut, reference=f"PL-{date}")
            f.presences(s1, [(a, PRESENT), (b, ABSENT)])
        r = calculer(s, Periode())
    assert [b["reference"] for b in r["seances"]] == ["PL-2026-01-20", "PL-2026-02-10"]
    assert colleges(r) == {"Collège": (4, 2, 0, 0.5)}  # 2 meetings × 2 seats, A present at both
    assert membres(r) == {"A": (2, 2, 1.0), "B": (2, 0, 0.0)}
    # no installation date: D0 is the first *held* meeting (20 Jan), not the cancelled one of 5 Jan
    assert r["mobilisation"]["3_mois"]["seances_tenues"] == 2


def test_bornes_de_la_periode_incluses(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl, col = f.instance("Plénière"), f.college("Collège")
        (a,) = f.titulaires(pl, col, "A")
        for date in ("2026-01-31", "2026-02-01", "2026-06-30", "2026-07-01"):
            f.presence(f.seance(pl, jour(date), reference=f"PL-{date}"), a, PRESENT)
        bornee = calculer(s, Periode(jour("2026-02-01"), jour("2026-06-30")))
        depuis = calculer(s, Periode(du=jour("2026-02-01")))
        jusqu_a = calculer(s, Periode(au=jour("2026-06-30")))
        tout = calculer(s, Periode())
    assert bornee["periode"] == {"du": "2026-02-01", "au": "2026-06-30"}
    assert [b["date"] for b in bornee["seances"]] == ["2026-02-01", "2026-06-30"]
    assert [b["date"] for b in depuis["seances"]] == ["2026-02-01", "2026-06-30", "2026-07-01"]
    assert [b["date"] for b in jusqu_a["seances"]] == ["2026-01-31", "2026-02-01", "2026-06-30"]
    assert tout["periode"] == {"du": None, "au": None}
    assert len(tout["seances"]) == 4
    assert membres(bornee) == {"A": (2, 2, 1.0)}


def test_seances_triees_par_date_puis_reference(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        col = f.college("Collège")
        pl = f.instance("Plénière")
        bu = f.instance("Bureau", TypeInstance.BUREAU)
        gt = f.instance("Groupe éthique", TypeInstance.ETHIQUE)
        f.seance(pl, jour("2026-05-01"), reference="PL-2026-02")
        f.seance(pl, jour("2026-03-01"), reference="PL-2026-01")
        f.seance(gt, jour("2026-03-01"), reference="ETH-2026-01")
        f.seance(bu, jour("2026-03-01"), reference="BU-2026-01")
        f.titulaires(pl, col, "A")
        r = calculer(s, Periode())
    assert [(b["date"], b["reference"], b["instance"]) for b in r["seances"]] == [
        ("2026-03-01", "BU-2026-01", "Bureau"),
        ("2026-03-01", "ETH-2026-01", "Groupe éthique"),
        ("2026-03-01", "PL-2026-01", "Plénière"),
        ("2026-05-01", "PL-2026-02", "Plénière"),
    ]


# --- Collèges ----------------------------------------------------------------------------------------


def test_taux_par_college_dans_l_ordre_enregistre_et_null_sans_siege(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl = f.instance("Plénière")
        elus = f.college("Élus", CategorieCollege.ELUS_DECIDEURS, ordre=2)
        ts = f.college("Travailleurs sociaux", TS, ordre=1)
        pa = f.college("Personnes accompagnées", PA, ordre=3)
        fo = f.college("Formation", CategorieCollege.FORMATION_RECHERCHE, ordre=4)
        e1, e2 = f.titulaires(pl, elus, "E1", "E2")
        t1, t2, t3 = f.titulaires(pl, ts, "T1", "T2", "T3")
        p = f.personne("P")
        f.mandat(p, pl, pa, suppleant_de=t1.mandats[0])  # the only seat of the PA collège is a suppléant's
        k = f.personne("K")
        f.mandat(k, pl, fo, voix=Voix.CONSULTATIVE)  # the only seat of Formation is consultative
        s1, s2 = f.seance(pl, jour("2026-01-10")), f.seance(pl, jour("2026-02-10"))
        f.presences(
            s1, [(e1, PRESENT), (e2, ABSENT), (t1, ABSENT), (p, PRESENT), (t2, VISIO), (t3, EXCUSE), (k, PRESENT)]
        )
        f.presences(s2, [(e1, PRESENT), (e2, PRESENT), (t1, PRESENT), (p, PRESENT), (t2, ABSENT), (t3, ABSENT)])
        r = calculer(s, Periode())
    assert [(c["college"], c["categorie"]) for c in r["colleges"]] == [
        ("Travailleurs sociaux", "travailleurs_sociaux"),
        ("Élus", "elus_decideurs"),
        ("Personnes accompagnées", "personnes_accompagnees"),
        ("Formation", "formation_recherche"),
    ]
    assert colleges(r) == {
        "Travailleurs sociaux": (6, 2, 1, 0.5),  # T2 (Jan) + T1 (Feb) present, T1 suppléé in Jan: 3 / 6
        "Élus": (4, 3, 0, 0.75),  # E1 ×2 + E2 (Feb): 3 / 4
        "Personnes accompagnées": (0, 0, 0, None),  # P's suppléé counts in T1's collège, not in P's
        "Formation": (0, 0, 0, None),
    }


def test_le_college_d_un_siege_est_celui_du_mandat(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        elus, inst = f.college("Élus", ordre=1), f.college("Institutions", ordre=2)
        pl, bu = f.instance("Plénière"), f.instance("Bureau", TypeInstance.BUREAU)
        x = f.personne("X")
        f.mandat(x, pl, elus)
        f.mandat(x, bu, inst, debut=jour("2025-06-01"))
        f.presence(f.seance(pl, J), x, PRESENT)
        f.presence(f.seance(bu, J), x, ABSENT)
        r = calculer(s, Periode())
    assert colleges(r) == {"Élus": (1, 1, 0, 1.0), "Institutions": (1, 0, 0, 0.0)}
    assert r["membres"] == [
        # 1 present out of 2 seats; collège of the latest titulaire mandate (Bureau, from 1 June 2025)
        {
            "nom": "X",
            "prenom": "Camille",
            "college": "Institutions",
            "seances_attendues": 2,
            "seances_presentes": 1,
            "assiduite": 0.5,
        }
    ]


# --- Members ------------------------------------------------------------------------------------------


def test_assiduite_personnelle_ne_compte_pas_le_supplee(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl, col = f.instance("Plénière"), f.college("Collège")
        a, b = f.titulaires(pl, col, "A", "B")
        sup = f.personne("S")
        f.mandat(sup, pl, col, suppleant_de=a.mandats[0])
        s1, s2, s3, s4 = (f.seance(pl, jour(f"2026-0{m}-10")) for m in (1, 2, 3, 4))
        f.presences(s1, [(a, PRESENT), (b, PRESENT)])
        f.presences(s2, [(a, VISIO), (b, PRESENT)])
        f.presences(s3, [(a, EXCUSE), (sup, PRESENT), (b, PRESENT)])
        f.presences(s4, [(b, PRESENT)])
        f.presence(s4, a, REPRESENTE, pouvoir_a=b)
        r = calculer(s, Periode())
    assert membres(r) == {
        "A": (4, 2, 0.5),  # present, visio count; suppléé (March) and représenté (April) do not: 2 / 4
        "B": (4, 4, 1.0),
    }
    assert colleges(r) == {"Collège": (8, 6, 1, 0.875)}  # (6 present + 1 suppléé) / 8
    assert compte(seance(r, "PL-2026-04")) == (2, 1, 0, 1, 0, 0)


def test_assiduite_sur_toutes_les_instances(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        col = f.college("Collège")
        pl, bu = f.instance("Plénière"), f.instance("Bureau", TypeInstance.BUREAU)
        gt = f.instance("Groupe", TypeInstance.GROUPE_TRAVAIL)
        x = f.personne("X")
        f.mandat(x, pl, col)
        f.mandat(x, bu, col)
        f.mandat(x, gt, col, voix=Voix.CONSULTATIVE)
        f.presence(f.seance(pl, jour("2026-01-10")), x, PRESENT)
        f.presence(f.seance(pl, jour("2026-02-10")), x, ABSENT)
        f.presence(f.seance(bu, jour("2026-01-20")), x, VISIO)
        f.presence(f.seance(gt, jour("2026-01-30")), x, PRESENT)  # consultative: not an expected seat
        r = calculer(s, Periode())
    assert membres(r) == {"X": (3, 2, 2 / 3)}  # 2 plenaries + 1 bureau expected; present at 2


def test_membres_tries_par_nom_puis_prenom_a_la_francaise(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl, col = f.instance("Plénière"), f.college("Collège")
        gens = [
            ("Martin", "Zoé"),
            ("Durand", "Bruno"),
            ("Durand", "Anne"),
            ("Abel", "Yves"),
            ("Écuyer", "Élise"),
            ("durand", "Éric"),
        ]
        for nom, prenom in gens:
            f.mandat(f.personne(nom, prenom), pl, col)
        f.seance(pl, J)
        r = calculer(s, Periode())
    assert [(m["nom"], m["prenom"]) for m in r["membres"]] == [
        ("Abel", "Yves"),
        ("Durand", "Anne"),
        ("Durand", "Bruno"),
        ("durand", "Éric"),
        ("Écuyer", "Élise"),
        ("Martin", "Zoé"),
    ]
    assert all(m["assiduite"] == 0.0 for m in r["membres"])  # nothing recorded: 0 / 1 each


def test_college_du_membre_est_celui_de_son_dernier_mandat_titulaire(base):
    """§4: « college is that of their latest titulaire mandate ». The code takes the latest start date over all
    titulaire mandates, even one starting after the period asked; suppléant mandates are ignored."""
    with base.session_scope() as s:
        f = Fabrique(s)
        elus, inst, autre = f.college("Élus", ordre=1), f.college("Institutions", ordre=2), f.college("Autre", ordre=3)
        pl, bu = f.instance("Plénière"), f.instance("Bureau", TypeInstance.BUREAU)
        y, z = f.personne("Y"), f.personne("Z")
        f.mandat(y, pl, elus, fin=jour("2025-12-31"))
        f.mandat(y, pl, inst, debut=jour("2026-01-01"))
        f.mandat(y, bu, autre, qualite=Qualite.SUPPLEANT, debut=jour("2026-02-01"))
        f.mandat(z, pl, elus)
        s1 = f.seance(pl, jour("2025-06-01"))
        f.presences(s1, [(y, PRESENT), (z, PRESENT)])
        r = calculer(s, Periode(jour("2025-01-01"), jour("2025-12-31")))
    assert [(m["nom"], m["college"]) for m in r["membres"]] == [("Y", "Institutions"), ("Z", "Élus")]
    assert colleges(r)["Élus"] == (2, 2, 0, 1.0)  # the 2025 seat itself counts in its own collège


# --- Mobilisation -------------------------------------------------------------------------------------


def test_mobilisation_fenetres_en_mois_calendaires_fin_exclue_et_ramenee_en_fin_de_mois(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        f.comite(installe_le=jour("2025-08-31"))
        pl, col = f.instance("Plénière"), f.college("Collège")
        dates = ("2025-08-30", "2025-08-31", "2025-11-29", "2025-11-30", "2026-02-27", "2026-02-28")
        personnes = f.titulaires(pl, col, *(f"P{i}" for i in range(6)))
        for date, p in zip(dates, personnes, strict=True):
            f.presence(f.seance(pl, jour(date)), p, PRESENT)  # one different person present at each meeting
        r = calculer(s, Periode())
        ailleurs = calculer(s, Periode(jour("2030-01-01"), jour("2030-12-31")))
    # 3 months: [31 Aug 2025, 30 Nov 2025) (31 Nov does not exist) → 31 Aug, 29 Nov; 6 seats each, 1 present each
    assert mobilisation(r, "3_mois") == (2, 2, 0, 0, 0, 2 / 12)
    # 6 months: [31 Aug 2025, 28 Feb 2026) → 31 Aug, 29 Nov, 30 Nov, 27 Feb
    assert mobilisation(r, "6_mois") == (4, 4, 0, 0, 0, 4 / 24)
    # the period asked does not move the windows
    assert ailleurs["seances"] == []
    assert ailleurs["mobilisation"] == r["mobilisation"]


@pytest.mark.parametrize("avec_comite", [True, False], ids=["comite-sans-date", "sans-comite"])
def test_mobilisation_sans_date_d_installation_part_de_la_premiere_seance_tenue(base, avec_comite):
    with base.session_scope() as s:
        f = Fabrique(s)
        if avec_comite:
            f.comite(installe_le=None)
        pl, col = f.instance("Plénière"), f.college("Collège")
        (a,) = f.titulaires(pl, col, "A")
        f.presence(f.seance(pl, jour("2026-01-05"), statut=StatutSeance.ANNULEE), a, PRESENT)
        for date, statut in [
            ("2026-01-15", StatutSeance.TENUE),
            ("2026-04-14", StatutSeance.CLOTUREE),
            ("2026-04-15", StatutSeance.TENUE),
            ("2026-07-14", StatutSeance.TENUE),
            ("2026-07-15", StatutSeance.TENUE),
        ]:
            f.presence(f.seance(pl, jour(date), statut=statut), a, PRESENT)
        r = calculer(s, Periode())
    # D0 = 15 Jan 2026; 3 months: [15 Jan, 15 Apr) → 15 Jan, 14 Apr
    assert mobilisation(r, "3_mois") == (2, 1, 0, 0, 0, 1.0)
    # 6 months: [15 Jan, 15 Jul) → 15 Jan, 14 Apr, 15 Apr, 14 Jul
    assert mobilisation(r, "6_mois") == (4, 1, 0, 0, 0, 1.0)


def test_mobilisation_personnes_structures_et_categories(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        f.comite(installe_le=jour("2026-01-10"))
        ts, pa = f.college("Travailleurs sociaux", TS), f.college("Personnes accompagnées", PA)
        elus = f.college("Élus", CategorieCollege.ELUS_DECIDEURS)
        pl, bu = f.instance("Plénière"), f.instance("Bureau", TypeInstance.BUREAU)
        ccas, asso, cd = f.structure("CCAS"), f.structure("Association"), f.structure("Département")
        t1 = f.personne("T1", structure=ccas)
        t2 = f.personne("T2", structure=asso)
        p1 = f.personne("P1")  # no organisation
        e1 = f.personne("E1", structure=cd)
        k1 = f.personne("K1", structure=cd)
        g = f.personne("G", structure=asso)
        v = f.personne("V", structure=ccas)
        m_t1 = f.mandat(t1, pl, ts)
        f.mandat(t2, pl, ts, suppleant_de=m_t1)
        f.mandat(p1, pl, pa)
        f.mandat(e1, pl, elus)
        f.mandat(e1, bu, ts)  # E1 sits for the social workers at the bureau
        f.mandat(k1, pl, elus, voix=Voix.CONSULTATIVE)
        f.mandat(v, bu, pa)  # V has no seat at the plenary
        s1 = f.seance(pl, jour("2026-02-01"))
        f.presences(s1, [(t1, PRESENT), (t2, PRESENT), (p1, VISIO), (e1, ABSENT), (k1, PRESENT), (g, PRESENT)])
        f.presence(s1, v, PRESENT)  # a guest at the plenary
        f.presences(f.seance(bu, jour("2026-03-01")), [(e1, PRESENT), (v, ABSENT)])
        f.presence(f.seance(pl, jour("2026-05-01")), e1, PRESENT)  # in the 6-month window only
        r = calculer(s, Periode())
    # persons: T1, T2 (suppléant), P1, K1 (consultative) at the plenary, E1 at the bureau = 5; G and V guests
    # organisations: CCAS (T1), Association (T2), Département (K1, E1) = 3; P1 has none
    # social workers: T1, T2 (TS at the plenary), E1 (TS at the bureau) = 3; people supported: P1 = 1
    # rate: plenary 2/3 expected (T1, P1 present; E1 absent) + bureau 1/2 (E1 present; V absent) = 3 / 5
    assert mobilisation(r, "3_mois") == (2, 5, 3, 3, 1, 0.6)
    # + plenary of 1 May: 1 present (E1) out of 3 expected → 4 / 8
    assert mobilisation(r, "6_mois") == (3, 5, 3, 3, 1, 0.5)


def test_mobilisation_sans_seance_tenue(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        f.comite(installe_le=jour("2026-01-10"))
        pl, col = f.instance("Plénière"), f.college("Collège")
        (a,) = f.titulaires(pl, col, "A")
        f.presence(f.seance(pl, jour("2026-01-20"), statut=StatutSeance.CONVOQUEE), a, PRESENT)
        r = calculer(s, Periode())
    assert mobilisation(r, "3_mois") == (0, 0, 0, 0, 0, None)
    assert mobilisation(r, "6_mois") == (0, 0, 0, 0, 0, None)


# --- Referrals, opinions, productions -----------------------------------------------------------------


def test_saisines_comptees_par_leurs_dates(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        # received the day before the period, admissible and transmitted inside: 31 Dec → 10 Feb = 41 days
        f.saisine(
            jour("2025-12-31"),
            statut=StatutSaisine.TRANSMISE,
            recevable_le=jour("2026-01-02"),
            transmise_le=jour("2026-02-10"),
            themes=[ThemeEthique.SECRET_PROFESSIONNEL],
        )
        f.saisine(
            jour("2026-01-01"),
            statut=StatutSaisine.IRRECEVABLE,
            themes=[ThemeEthique.SECRET_PROFESSIONNEL, ThemeEthique.CONSENTEMENT],
        )
        f.saisine(
            jour("2026-12-31"),
            statut=StatutSaisine.RECEVABLE,
            recevable_le=jour("2027-01-04"),
            themes=[ThemeEthique.NUMERIQUE],
        )
        f.saisine(jour("2027-01-01"), themes=[ThemeEthique.NUMERIQUE])  # the day after the period
        f.saisine(jour("2026-03-01"), statut=StatutSaisine.EN_INSTRUCTION)  # admissible, date unrecorded
        closed = f.saisine(jour("2026-04-01"), statut=StatutSaisine.CLOTUREE, transmise_le=jour("2026-06-30"))
        f.transition(closed, StatutSaisine.RECEVABLE, jour("2026-04-05"), de=StatutSaisine.ACCUSEE)
        f.saisine(
            jour("2026-05-01"),
            statut=StatutSaisine.TRANSMISE,
            recevable_le=jour("2026-05-02"),
            transmise_le=jour("2027-01-01"),
            themes=[ThemeEthique.PARTAGE_INFORMATIONS],
        )
        r = calculer(s, Periode(jour("2026-01-01"), jour("2026-12-31")))
    assert r["saisines"] == {
        "recues": 5,  # 1 Jan, 1 Mar, 1 Apr, 1 May, 31 Dec 2026
        # admissible on 2 Jan; 1 Mar and 1 Apr (unrecorded date: the receipt date stands in); 2 May
        "recevables": 4,
        "avis_rendus": 2,  # transmitted 10 Feb and 30 Jun 2026 (not 1 Jan 2027)
        "delai_median_jours": 65.5,  # median of 41 and 90 (1 Apr → 30 Jun = 29 + 31 + 30)
        "par_theme": {  # over the referrals received in the period
            "partage_informations": 1,
            "secret_professionnel": 1,
            "consentement": 1,
            "protection_enfance": 0,
            "posture_professionnelle": 0,
            "numerique": 1,
            "autre": 0,
        },
    }


def test_delai_median_impair_et_absent(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        for recue, transmise in [
            ("2026-01-01", "2026-01-06"),
            ("2026-01-01", "2026-01-31"),
            ("2026-02-01", "2026-02-11"),
        ]:
            f.saisine(jour(recue), statut=StatutSaisine.TRANSMISE, transmise_le=jour(transmise))
        tout = calculer(s, Periode())
        rien = calculer(s, Periode(jour("2026-03-01"), jour("2026-12-31")))
    assert tout["saisines"]["delai_median_jours"] == 10  # delays 5, 30, 10 → median 10
    assert (tout["saisines"]["recues"], tout["saisines"]["avis_rendus"]) == (3, 3)
    # all three admissible by status, receipt date standing in
    assert tout["saisines"]["recevables"] == 3
    assert rien["saisines"]["delai_median_jours"] is None
    assert (rien["saisines"]["recues"], rien["saisines"]["avis_rendus"]) == (0, 0)


def test_recommandations_par_dates_d_adoption_et_de_publication(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        publiee = StatutRecommandation.PUBLIEE
        f.recommandation(statut=publiee, adoptee_le=jour("2026-03-01"), publiee_le=jour("2026-04-01"))
        f.recommandation(statut=publiee, adoptee_le=jour("2026-02-28"), publiee_le=jour("2026-03-31"))
        f.recommandation(statut=publiee, adoptee_le=jour("2026-03-31"), publiee_le=jour("2026-03-31"))
        f.recommandation()  # a draft: no date
        f.recommandation(statut=StatutRecommandation.ADOPTEE, adoptee_le=jour("2026-04-01"))
        r = calculer(s, Periode(jour("2026-03-01"), jour("2026-03-31")))
        tout = calculer(s, Periode())
    assert r["recommandations"] == {"adoptees": 2, "publiees": 2}  # adopted 1 and 31 Mar; published 31 Mar ×2
    assert tout["recommandations"] == {"adoptees": 4, "publiees": 3}


def test_productions_et_diffusions_comptees_chacune_a_sa_date(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        p1 = f.production(TypeProduction.GUIDE, jour("2025-12-31"))  # before the period...
        f.diffusion(p1, CanalDiffusion.SITE_INTERNET, jour("2026-01-01"))  # ...but spread inside it
        f.diffusion(p1, CanalDiffusion.COURRIEL, jour("2025-12-31"))
        p2 = f.production(TypeProduction.GUIDE, jour("2026-01-01"))
        f.diffusion(p2, CanalDiffusion.PRESSE, jour("2026-06-30"))
        f.diffusion(p2, CanalDiffusion.PRESSE, jour("2026-07-01"))
        p3 = f.production(TypeProduction.NOTE, jour("2026-06-30"))
        f.diffusion(p3, CanalDiffusion.COURRIEL, jour("2026-03-01"), nombre_atteint=120)
        f.diffusion(p3, CanalDiffusion.COURRIEL, jour("2026-03-02"))
        f.production(TypeProduction.EVENEMENT, jour("2026-07-01"))
        r = calculer(s, Periode(jour("2026-01-01"), jour("2026-06-30")))
    assert r["productions"] == {
        "par_type": {
            "recommandation": 0,
            "note": 1,
            "guide": 1,  # 1 Jan (the 31 Dec guide is out)
            "contribution_schema": 0,
            "diagnostic_partage": 0,
            "projet_operationnel": 0,
            "formation_interinstitutionnelle": 0,
            "evenement": 0,  # 1 Jul is out
            "recherche": 0,
            "autre": 0,
        },
        "diffusions_par_canal": {
            "site_internet": 1,
            "lettre_information": 0,
            "courriel": 2,  # 1 and 2 Mar (31 Dec is out)
            "reunion": 0,
            "reseau_professionnel": 0,
            "presse": 1,  # 30 Jun (1 Jul is out)
            "intranet": 0,
        },
    }


# --- The object as a whole ----------------------------------------------------------------------------


def _petit_comite(f: Fabrique) -> None:
    f.comite(installe_le=jour("2026-01-10"))
    ts, elus = f.college("Travailleurs sociaux", TS, ordre=2), f.college("Élus", ordre=1)
    pl, bu = f.instance("Plénière"), f.instance("Bureau", TypeInstance.BUREAU, pouvoirs_comptes=False)
    structure = f.structure("CCAS")
    a, b = f.personne("Durand", "Anne", structure=structure), f.personne("Durand", "Bruno")
    c, d = f.personne("Martin", "Chloé"), f.personne("Abel", "David")
    m_a = f.mandat(a, pl, ts)
    f.mandat(b, pl, elus)
    f.mandat(c, pl, ts, suppleant_de=m_a)
    f.mandat(d, bu, elus)
    f.mandat(b, bu, elus)
    s1, s2 = f.seance(pl, jour("2026-02-01")), f.seance(bu, jour("2026-02-01"))
    f.presences(s1, [(a, EXCUSE), (c, PRESENT)])
    f.presence(s1, b, REPRESENTE, pouvoir_a=c)
    f.presences(s2, [(d, VISIO), (b, ABSENT)])
    f.retour(s1, QuestionRetour.UTILITE, NiveauRetour.TOUT_A_FAIT, 3)
    f.saisine(jour("2026-02-03"), themes=[ThemeEthique.NUMERIQUE])
    f.production(TypeProduction.NOTE, jour("2026-02-05"))


def test_json_deterministe_pour_une_meme_base(base):
    with base.session_scope() as s:
        _petit_comite(Fabrique(s))
    textes = []
    for _ in range(2):
        with base.session_scope() as s:
            textes.append(json.dumps(calculer(s, Periode()), ensure_ascii=False, sort_keys=True))
    assert textes[0] == textes[1]
    r = json.loads(textes[0])
    # plenary: A suppléé by C; B's proxy to C valid → (2, 0, 1, 1, 0, 0); bureau: D visio, B absent
    assert compte(seance(r, "PL-2026-01")) == (2, 0, 1, 1, 0, 0)
    assert compte(seance(r, "BU-2026-01")) == (2, 1, 0, 0, 0, 1)
    assert [(m["nom"], m["prenom"]) for m in r["membres"]] == [
        ("Abel", "David"),
        ("Durand", "Anne"),
        ("Durand", "Bruno"),
    ]


def test_forme_de_l_objet_indicateurs(base):
    with base.session_scope() as s:
        _petit_comite(Fabrique(s))
        r = calculer(s)  # no period: unbounded
    assert list(r) == [
        "periode",
        "seances",
        "colleges",
        "membres",
        "mobilisation",
        "saisines",
        "recommandations",
        "productions",
    ]
    assert r["periode"] == {"du": None, "au": None}
    assert set(r["seances"][0]) == {
        "reference",
        "instance",
        "date",
        "attendus",
        "presents",
        "supplees",
        "representes",
        "excuses",
        "absents",
        "taux_presence",
        "quorum_atteint",
    }
    assert set(r["colleges"][0]) == {"college", "categorie", "attendus", "presents", "supplees", "taux_presence"}
    assert set(r["membres"][0]) == {"nom", "prenom", "college", "seances_attendues", "seances_presentes", "assiduite"}
    assert set(r["mobilisation"]) == {"3_mois", "6_mois"}
    assert set(r["mobilisation"]["3_mois"]) == {
        "seances_tenues",
        "personnes_presentes",
        "structures_representees",
        "travailleurs_sociaux_presents",
        "personnes_accompagnees_presentes",
        "taux_presence",
    }
    assert set(r["saisines"]) == {"recues", "recevables", "avis_rendus", "delai_median_jours", "par_theme"}
    assert set(r["recommandations"]) == {"adoptees", "publiees"}
    assert set(r["productions"]) == {"par_type", "diffusions_par_canal"}
    # the collèges in their recorded order (ordre), not by name or creation
    assert [c["college"] for c in r["colleges"]] == ["Élus", "Travailleurs sociaux"]
    # Bureau counts no proxies, and there were none; the plenary: 1 suppléé + 1 représenté ≥ ⌈1/2 × 2⌉ = 1
    assert (seance(r, "PL-2026-01")["quorum_atteint"], seance(r, "BU-2026-01")["quorum_atteint"]) == (True, True)


def test_evaluer_seances_donne_l_etat_de_chaque_siege(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl, col = f.instance("Plénière"), f.college("Collège")
        a, b, c, d, e = f.titulaires(pl, col, *"ABCDE")
        sup = f.personne("S")
        f.mandat(sup, pl, col, suppleant_de=b.mandats[0])
        dedans = f.seance(pl, J)
        f.presences(dedans, [(a, VISIO), (b, ABSENT), (sup, PRESENT), (d, EXCUSE)])
        f.presence(dedans, c, REPRESENTE, pouvoir_a=a)
        f.seance(pl, jour("2026-04-01"))  # out of the period
        f.seance(pl, jour("2026-03-10"), statut=StatutSeance.ANNULEE)
        _donnees, evaluees = evaluer_seances(s, Periode(jour("2026-03-01"), jour("2026-03-31")))
        ids = {p.id: p.nom for p in (a, b, c, d, e)}
    assert [e.seance.reference for e in evaluees] == ["PL-2026-01"]
    (evaluee,) = evaluees
    etats = {ids[siege.mandat.personne_id]: siege.etat for siege in evaluee.sieges}
    assert etats == {
        "A": EtatSiege.PRESENT,
        "B": EtatSiege.SUPPLEE,
        "C": EtatSiege.REPRESENTE,
        "D": EtatSiege.EXCUSE,
        "E": EtatSiege.ABSENT,
    }
    assert evaluee.quorum_atteint is True  # ⌈5/2⌉ = 3; 1 present + 1 suppléé + 1 représenté = 3
