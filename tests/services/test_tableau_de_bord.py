"""The dashboard's lists on small hand-built committees: each list, and each of its boundaries.

Today is T = 10 March 2026 throughout; dates are written relative to it (T + 60 is the last day in, T + 61 the
first day out, and so on).
"""

from __future__ import annotations

import datetime as dt

from app.modeles import Action, Instance
from app.modeles.enumerations import (
    EtatPresence,
    Qualite,
    StatutAction,
    StatutSaisine,
    StatutSeance,
    TypeInstance,
    Voix,
)
from app.services.indicateurs import Periode, calculer
from app.services.tableau_de_bord import etat_du_comite, periode_douze_mois
from tests.services.fabrique import Fabrique

T = dt.date(2026, 3, 10)


def j(jours: int) -> dt.date:
    return T + dt.timedelta(days=jours)


# --- next meetings ---------------------------------------------------------------------------------------


def test_prochaines_seances_statuts_dates_et_delai_de_convocation(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl = f.instance("Plénière")  # notice: 5 days (the default)
        bu = f.instance("Bureau", TypeInstance.BUREAU)
        s.get(Instance, bu.id).delai_convocation_jours = 10
        f.seance(pl, T, statut=StatutSeance.PLANIFIEE, reference="PL-aujourdhui")
        envoyee = f.seance(pl, j(10), statut=StatutSeance.CONVOQUEE, reference="PL-envoyee")
        envoyee.convocation_envoyee_le = j(-1)
        f.seance(pl, j(3), statut=StatutSeance.PLANIFIEE, reference="PL-en-retard")  # limit T-2
        f.seance(pl, j(5), statut=StatutSeance.PLANIFIEE, reference="PL-dernier-jour")  # limit T: still in time
        f.seance(bu, j(12), statut=StatutSeance.PLANIFIEE, reference="BU-delai-10")  # limit T+2
        f.seance(bu, j(9), statut=StatutSeance.PLANIFIEE, reference="BU-delai-depasse")  # limit T-1
        f.seance(pl, j(1), statut=StatutSeance.TENUE, reference="PL-tenue")
        f.seance(pl, j(2), statut=StatutSeance.ANNULEE, reference="PL-annulee")
        f.seance(pl, j(4), statut=StatutSeance.REPORTEE, reference="PL-reportee")
        f.seance(pl, j(-1), statut=StatutSeance.PLANIFIEE, reference="PL-hier")
        s.flush()
        etat = etat_du_comite(s, T)

    vues = {p.reference: p for p in etat.prochaines_seances}
    assert [p.reference for p in etat.prochaines_seances] == [
        "PL-aujourdhui",
        "PL-en-retard",
        "PL-dernier-jour",
        "BU-delai-depasse",
        "PL-envoyee",
        "BU-delai-10",
    ]
    assert vues["PL-en-retard"].limite_convocation == j(-2)
    assert vues["PL-en-retard"].limite_depassee and vues["PL-en-retard"].convocation_en_retard
    assert vues["PL-dernier-jour"].limite_convocation == T
    assert not vues["PL-dernier-jour"].limite_depassee and not vues["PL-dernier-jour"].convocation_en_retard
    assert vues["BU-delai-10"].limite_convocation == j(2) and not vues["BU-delai-10"].limite_depassee
    assert vues["BU-delai-depasse"].limite_convocation == j(-1) and vues["BU-delai-depasse"].convocation_en_retard
    # Sent: the deadline may well be past, nothing is late.
    assert vues["PL-envoyee"].convocation_envoyee_le == j(-1) and vues["PL-envoyee"].convocation_envoyee
    assert not vues["PL-envoyee"].convocation_en_retard
    assert vues["PL-aujourdhui"].instance == "Plénière" and vues["BU-delai-10"].instance == "Bureau"


# --- mandates ending ------------------------------------------------------------------------------------


def test_mandats_finissant_dans_les_60_jours_bornes_comprises(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl = f.instance("Plénière")
        elus = f.college("Élus")
        ts = f.college("Travailleurs sociaux")

        def mandat(nom, fin, college=elus, **options):
            f.mandat(f.personne(nom), pl, college, fin=fin, **options)

        mandat("Jour0", T)  # last day today: still active, ends in 0 days
        mandat("Jour60", j(60))
        mandat("Jour61", j(61))
        mandat("Hier", j(-1))
        mandat("SansFin", None)
        mandat("Suppleante", j(30), qualite=Qualite.SUPPLEANT, college=ts)
        mandat("Futur", j(40), debut=j(1))  # not started yet: nothing to renew today
        renouvelee = f.personne("Renouvelee")
        f.mandat(renouvelee, pl, elus, fin=j(20))
        f.mandat(renouvelee, pl, elus, debut=j(21), fin=j(21 + 3 * 365))
        changee = f.personne("ChangeDeCollege")  # a later mandate in another collège is not a renewal
        f.mandat(changee, pl, elus, fin=j(25))
        f.mandat(changee, pl, ts, debut=j(26))
        etat = etat_du_comite(s, T)

    lignes = [(m.personne, m.fin, m.jours_restants, m.qualite, m.college) for m in etat.mandats_finissants]
    assert lignes == [
        ("Camille Jour0", T, 0, Qualite.TITULAIRE, "Élus"),
        ("Camille ChangeDeCollege", j(25), 25, Qualite.TITULAIRE, "Élus"),
        ("Camille Suppleante", j(30), 30, Qualite.SUPPLEANT, "Travailleurs sociaux"),
        ("Camille Jour60", j(60), 60, Qualite.TITULAIRE, "Élus"),
    ]
    assert {m.instance for m in etat.mandats_finissants} == {"Plénière"}


# --- seats without a titulaire ----------------------------------------------------------------------------


def test_siege_remplace_n_est_pas_vacant_siege_non_remplace_l_est(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl = f.instance("Plénière")
        elus, ts, pa = f.college("Élus", ordre=1), f.college("TS", ordre=2), f.college("PA", ordre=3)
        # Élus: replaced the next day; another replaced on the very day the seat's mandate ended.
        f.mandat(f.personne("Parti1"), pl, elus, fin=j(-10))
        f.mandat(f.personne("Remplacant1"), pl, elus, debut=j(-9))
        f.mandat(f.personne("Parti2"), pl, elus, fin=j(-5))
        f.mandat(f.personne("Remplacant2"), pl, elus, debut=j(-5))
        f.mandat(f.personne("FinitAujourdhui"), pl, elus, fin=T)  # still active: not vacant
        # TS: two departures, one replacement: the seat vacant longest stays listed.
        f.mandat(f.personne("PartiTot"), pl, ts, fin=j(-100))
        f.mandat(f.personne("PartiTard"), pl, ts, fin=j(-50))
        f.mandat(f.personne("RemplacantTS"), pl, ts, debut=j(-40))
        # PA: a member there since before the departure is another seat, not a replacement; a replacement
        # starting later than today does not fill the seat yet; a consultative member leaves no vacant seat.
        f.mandat(f.personne("AncienPA"), pl, pa)
        f.mandat(f.personne("PartiPA"), pl, pa, fin=j(-30))
        f.mandat(f.personne("PartiPA2"), pl, pa, fin=j(-20))
        f.mandat(f.personne("ArriveBientot"), pl, pa, debut=j(5))
        f.mandat(f.personne("Consultatif"), pl, pa, fin=j(-15), voix=Voix.CONSULTATIVE)
        # A replacement in another collège fills nothing here (TS above already has its own).
        etat = etat_du_comite(s, T)

    assert [(v.college, v.personne, v.depuis, v.suppleant) for v in etat.sieges_sans_titulaire] == [
        ("TS", "Camille PartiTot", j(-99), False),
        ("PA", "Camille PartiPA", j(-29), False),
        ("PA", "Camille PartiPA2", j(-19), False),
    ]
    assert {v.instance for v in etat.sieges_sans_titulaire} == {"Plénière"}


def test_remplacant_d_un_autre_college_ou_d_une_autre_instance_ne_compte_pas(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl = f.instance("Plénière", TypeInstance.PLENIERE)
        bu = f.instance("Bureau", TypeInstance.BUREAU)
        elus, ts = f.college("Élus"), f.college("TS")
        f.mandat(f.personne("Parti"), pl, elus, fin=j(-3))
        f.mandat(f.personne("AutreCollege"), pl, ts, debut=j(-2))
        f.mandat(f.personne("AutreInstance"), bu, elus, debut=j(-2))
        etat = etat_du_comite(s, T)

    assert [(v.instance, v.college, v.personne, v.depuis) for v in etat.sieges_sans_titulaire] == [
        ("Plénière", "Élus", "Camille Parti", j(-2))
    ]


def test_suppleants_sans_titulaire(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl = f.instance("Plénière")
        elus = f.college("Élus")
        parti = f.mandat(f.personne("TitulaireParti"), pl, elus, fin=j(-8))
        f.mandat(f.personne("Remplacant"), pl, elus, debut=j(-7))  # the seat is filled...
        f.mandat(f.personne("SuppleantOrphelin"), pl, elus, suppleant_de=parti)  # ...but not re-attached
        present = f.mandat(f.personne("TitulairePresent"), pl, elus)
        f.mandat(f.personne("SuppleantRattache"), pl, elus, suppleant_de=present)
        f.mandat(f.personne("SuppleantParti"), pl, elus, suppleant_de=parti, fin=j(-8))
        f.mandat(f.personne("SuppleantSeul"), pl, elus, qualite=Qualite.SUPPLEANT)  # never attached
        finit = f.mandat(f.personne("TitulaireFinitAujourdhui"), pl, elus, fin=T)
        f.mandat(f.personne("SuppleantDuJour"), pl, elus, suppleant_de=finit)
        etat = etat_du_comite(s, T)

    assert [(v.personne, v.suppleant, v.depuis) for v in etat.sieges_sans_titulaire] == [
        ("Camille SuppleantSeul", True, None),
        ("Camille SuppleantOrphelin", True, j(-7)),
    ]


# --- actions due --------------------------------------------------------------------------------------------


def test_actions_dues_dans_les_14_jours_et_en_retard(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl = f.instance("Plénière")
        anne = f.personne("Durand", "Anne")
        seance = f.seance(pl, j(-30), reference="PL-2026-01")

        def action(texte: str, echeance: dt.date | None, statut: StatutAction = StatutAction.A_FAIRE) -> None:
            s.add(
                Action(
                    texte=texte,
                    echeance=echeance,
                    statut=statut,
                    responsable_id=anne.id if texte == "Hier" else None,
                    seance_origine_id=seance.id if texte == "Hier" else None,
                )
            )

        action("Jour14", j(14))
        action("Jour15", j(15))
        action("Aujourdhui", T, StatutAction.EN_COURS)
        action("Hier", j(-1))
        action("Ancienne", j(-200))
        action("Faite", j(-3), StatutAction.FAITE)
        action("Abandonnee", j(2), StatutAction.ABANDONNEE)
        action("SansEcheance", None)
        s.flush()
        etat = etat_du_comite(s, T)

    lignes = [(a.texte, a.echeance, a.jours_restants, a.en_retard) for a in etat.actions_dues]
    assert lignes == [
        ("Ancienne", j(-200), -200, True),
        ("Hier", j(-1), -1, True),
        ("Aujourdhui", T, 0, False),
        ("Jour14", j(14), 14, False),
    ]
    hier = etat.actions_dues[1]
    assert hier.responsable == "Anne Durand" and hier.seance_origine == "PL-2026-01"
    assert etat.actions_dues[2].responsable is None and etat.actions_dues[2].statut is StatutAction.EN_COURS


# --- referrals overdue ----------------------------------------------------------------------------------


def test_saisines_accuse_de_reception_apres_7_jours(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        f.saisine(j(-7))  # 7th day: still in time
        en_retard = f.saisine(j(-8))
        accusee_sans_date = f.saisine(j(-30), statut=StatutSaisine.ACCUSEE)
        avec_date = f.saisine(j(-30))
        avec_date.accusee_le = j(-29)
        f.saisine(j(-30), statut=StatutSaisine.IRRECEVABLE)  # answered otherwise
        s.flush()
        etat = etat_du_comite(s, T)

    assert [(r.numero, r.accuse, r.echeance, r.jours_de_retard) for r in etat.saisines_en_retard] == [
        (en_retard.numero, True, j(-1), 1)
    ]
    assert accusee_sans_date.numero not in {r.numero for r in etat.saisines_en_retard}


def test_saisines_avis_apres_90_jours_de_recevabilite(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        recevable = StatutSaisine.EN_INSTRUCTION
        f.saisine(j(-120), statut=recevable, recevable_le=j(-90))  # 90th day: in time
        en_retard = f.saisine(j(-120), statut=recevable, recevable_le=j(-91))
        adopte = f.saisine(j(-150), statut=StatutSaisine.AVIS_ADOPTE, recevable_le=j(-100))
        f.saisine(j(-150), statut=StatutSaisine.TRANSMISE, recevable_le=j(-140), transmise_le=j(-10))
        f.saisine(j(-150), statut=StatutSaisine.CLOTUREE, recevable_le=j(-140))
        f.saisine(j(-150), statut=StatutSaisine.REORIENTEE, recevable_le=j(-140))
        f.saisine(j(-150), statut=StatutSaisine.RECEVABLE)  # admissibility date unknown: no deadline to check
        etat = etat_du_comite(s, T)

    assert [(r.numero, r.accuse, r.echeance, r.jours_de_retard) for r in etat.saisines_en_retard] == [
        (adopte.numero, False, j(-10), 10),
        (en_retard.numero, False, j(-1), 1),
    ]


# --- attendance by collège ----------------------------------------------------------------------------


def test_periode_des_douze_derniers_mois():
    assert periode_douze_mois(dt.date(2026, 11, 22)) == Periode(dt.date(2025, 11, 23), dt.date(2026, 11, 22))
    assert periode_douze_mois(dt.date(2024, 2, 29)) == Periode(dt.date(2023, 3, 1), dt.date(2024, 2, 29))
    assert periode_douze_mois(dt.date(2026, 1, 1)) == Periode(dt.date(2025, 1, 2), dt.date(2026, 1, 1))


def test_presence_par_college_sur_douze_mois_bornes_comprises(base):
    with base.session_scope() as s:
        f = Fabrique(s)
        pl = f.instance("Plénière")
        elus = f.college("Élus", ordre=1)
        f.college("Vide", ordre=2)
        (anne,) = f.titulaires(pl, elus, "Anne", debut=dt.date(2024, 1, 1))
        # 10 March 2025 (a year ago to the day) is out; 11 March 2025 and today are in.
        f.presence(f.seance(pl, dt.date(2025, 3, 10)), anne, EtatPresence.PRESENT)
        f.presence(f.seance(pl, dt.date(2025, 3, 11)), anne, EtatPresence.ABSENT)
        f.presence(f.seance(pl, T), anne, EtatPresence.PRESENT)
        f.seance(pl, j(1))  # held "tomorrow" (a data error): outside the window all the same
        f.seance(pl, j(-2), statut=StatutSeance.ANNULEE)
        etat = etat_du_comite(s, T)
        attendu = calculer(s, Periode(dt.date(2025, 3, 11), T))["colleges"]

    assert etat.periode_presence == Periode(dt.date(2025, 3, 11), T)
    assert etat.seances_tenues_periode == 2
    assert [(c.college, c.attendus, c.presents, c.supplees, c.taux) for c in etat.presence_colleges] == [
        ("Élus", 2, 1, 0, 0.5),
        ("Vide", 0, 0, 0, None),
    ]
    # The very figures of the indicators: one definition per figure.
    assert [(c.college, c.attendus, c.presents, c.supplees, c.taux) for c in etat.presence_colleges] == [
        (b["college"], b["attendus"], b["presents"], b["supplees"], b["taux_presence"]) for b in attendu
    ]


def test_base_vide(base):
    with base.session_scope() as s:
        etat = etat_du_comite(s, T)
    assert etat.aujourdhui == T
    assert etat.prochaines_seances == etat.mandats_finissants == etat.sieges_sans_titulaire == ()
    assert etat.actions_dues == etat.saisines_en_retard == etat.presence_colleges == ()
    assert etat.seances_tenues_periode == 0


def test_base_de_demonstration(base, monkeypatch):
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-11-22")
    from app.services.demo import creer_demo

    creer_demo(base)
    with base.session_scope() as s:
        etat = etat_du_comite(s, dt.date(2026, 11, 22))
    # The demonstration plants one of each on purpose (app.services.demo).
    assert len(etat.prochaines_seances) >= 3
    assert [(m.personne, m.jours_restants) for m in etat.mandats_finissants] == [("Sylvie Besnard", 40)]
    assert [(v.instance, v.personne, v.suppleant) for v in etat.sieges_sans_titulaire] == [
        ("Assemblée plénière", "Françoise Noël", False)
    ]
    assert etat.saisines_en_retard and etat.actions_dues
    assert len(etat.presence_colleges) == 6 and all(c.taux is not None for c in etat.presence_colleges)
