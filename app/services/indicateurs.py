"""Every figure of CONCEPTION §3, assembled as the `indicateurs --json` object of §4.

The ANSA workbook and the reports read the same object, so a figure is computed in one place only.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.modeles import (
    College,
    Comite,
    Diffusion,
    Instance,
    Mandat,
    Personne,
    Presence,
    Production,
    Recommandation,
    Saisine,
    SaisineTheme,
    Seance,
    TransitionSaisine,
)
from app.modeles.enumerations import (
    ETATS_PRESENTS,
    STATUTS_TENUS,
    CanalDiffusion,
    CategorieCollege,
    Qualite,
    StatutSaisine,
    ThemeEthique,
    TypeProduction,
)
from app.services.calendrier import ajouter_mois, dans_periode
from app.services.normalisation import normaliser
from app.services.sieges import (
    Decompte,
    EtatSiege,
    MandatLu,
    PresenceLue,
    RegleQuorum,
    Siege,
    decompter,
    sieges_de_seance,
)

STATUTS_APRES_RECEVABILITE = frozenset(
    {
        StatutSaisine.RECEVABLE,
        StatutSaisine.ANONYMISATION_VALIDEE,
        StatutSaisine.EN_INSTRUCTION,
        StatutSaisine.INSCRITE_ODJ,
        StatutSaisine.DEBATTUE,
        StatutSaisine.AVIS_ADOPTE,
        StatutSaisine.TRANSMISE,
    }
)


@dataclass(frozen=True)
class Periode:
    du: dt.date | None = None
    au: dt.date | None = None

    def contient(self, jour: dt.date) -> bool:
        return dans_periode(jour, self.du, self.au)


@dataclass(frozen=True)
class SeanceLue:
    id: int
    reference: str
    instance_id: int
    date: dt.date


@dataclass(frozen=True)
class SeanceEvaluee:
    seance: SeanceLue
    sieges: list[Siege]
    decompte: Decompte
    quorum_atteint: bool


class Donnees:
    """What the figures need, loaded in a handful of queries (no query per meeting)."""

    def __init__(self, session: Session) -> None:
        self.instances = {i.id: i for i in session.scalars(select(Instance))}
        self.colleges = list(session.scalars(select(College).order_by(College.ordre, College.id)))
        self.personnes = {
            row.id: (row.nom, row.prenom, row.structure_id)
            for row in session.execute(select(Personne.id, Personne.nom, Personne.prenom, Personne.structure_id))
        }
        self.mandats = [
            MandatLu(
                r.id, r.personne_id, r.instance_id, r.college_id, r.qualite, r.titulaire_id, r.voix, r.debut, r.fin
            )
            for r in session.execute(
                select(
                    Mandat.id,
                    Mandat.personne_id,
                    Mandat.instance_id,
                    Mandat.college_id,
                    Mandat.qualite,
                    Mandat.titulaire_id,
                    Mandat.voix,
                    Mandat.debut,
                    Mandat.fin,
                ).order_by(Mandat.id)
            )
        ]
        self.mandats_par_instance: dict[int, list[MandatLu]] = defaultdict(list)
        self.suppleants_par_titulaire: dict[int, list[MandatLu]] = defaultdict(list)
        self.mandats_par_personne_instance: dict[tuple[int, int], list[MandatLu]] = defaultdict(list)
        for m in self.mandats:
            self.mandats_par_instance[m.instance_id].append(m)
            self.mandats_par_personne_instance[(m.personne_id, m.instance_id)].append(m)
            if m.qualite is Qualite.SUPPLEANT and m.titulaire_id is not None:
                self.suppleants_par_titulaire[m.titulaire_id].append(m)
        self.seances_tenues = [
            SeanceLue(r.id, r.reference, r.instance_id, r.date)
            for r in session.execute(
                select(Seance.id, Seance.reference, Seance.instance_id, Seance.date)
                .where(Seance.statut.in_(sorted(STATUTS_TENUS)))
                .order_by(Seance.date, Seance.reference)
            )
        ]
        self.presences: dict[int, dict[int, PresenceLue]] = defaultdict(dict)
        requete = select(Presence.seance_id, Presence.personne_id, Presence.etat, Presence.pouvoir_a_id).join(
            Seance, Seance.id == Presence.seance_id
        )
        for r in session.execute(requete.where(Seance.statut.in_(sorted(STATUTS_TENUS)))):
            self.presences[r.seance_id][r.personne_id] = PresenceLue(r.etat, r.pouvoir_a_id)

    def regle(self, instance_id: int) -> RegleQuorum:
        i = self.instances[instance_id]
        return RegleQuorum(i.quorum_numerateur, i.quorum_denominateur, i.pouvoirs_comptes)

    def evaluer(self, seance: SeanceLue) -> SeanceEvaluee:
        sieges = sieges_de_seance(
            self.mandats_par_instance.get(seance.instance_id, ()),
            self.suppleants_par_titulaire,
            self.presences.get(seance.id, {}),
            seance.date,
        )
        decompte = decompter(sieges)
        return SeanceEvaluee(seance, sieges, decompte, self.regle(seance.instance_id).atteint(decompte))


def _taux(numerateur: int, denominateur: int) -> float | None:
    return None if denominateur == 0 else numerateur / denominateur


def _iso(jour: dt.date | None) -> str | None:
    return None if jour is None else jour.isoformat()


def _bloc_seance(donnees: Donnees, evaluee: SeanceEvaluee) -> dict[str, Any]:
    d = evaluee.decompte
    return {
        "reference": evaluee.seance.reference,
        "instance": donnees.instances[evaluee.seance.instance_id].nom,
        "date": evaluee.seance.date.isoformat(),
        "attendus": d.attendus,
        "presents": d.presents,
        "supplees": d.supplees,
        "representes": d.representes,
        "excuses": d.excuses,
        "absents": d.absents,
        "taux_presence": d.taux_presence,
        "quorum_atteint": evaluee.quorum_atteint,
    }


def _blocs_colleges(donnees: Donnees, evaluees: Iterable[SeanceEvaluee]) -> list[dict[str, Any]]:
    cumul: dict[int, list[int]] = {c.id: [0, 0, 0] for c in donnees.colleges}
    for evaluee in evaluees:
        for siege in evaluee.sieges:
            totaux = cumul[siege.mandat.college_id]
            totaux[0] += 1
            totaux[1] += siege.etat is EtatSiege.PRESENT
            totaux[2] += siege.etat is EtatSiege.SUPPLEE
    return [
        {
            "college": c.nom,
            "categorie": c.categorie.value,
            "attendus": cumul[c.id][0],
            "presents": cumul[c.id][1],
            "supplees": cumul[c.id][2],
            "taux_presence": _taux(cumul[c.id][1] + cumul[c.id][2], cumul[c.id][0]),
        }
        for c in donnees.colleges
    ]


def _college_du_dernier_mandat_titulaire(donnees: Donnees) -> dict[int, str]:
    noms = {c.id: c.nom for c in donnees.colleges}
    dernier: dict[int, MandatLu] = {}
    for m in donnees.mandats:
        if m.qualite is not Qualite.TITULAIRE:
            continue
        actuel = dernier.get(m.personne_id)
        if actuel is None or (m.debut, m.id) > (actuel.debut, actuel.id):
            dernier[m.personne_id] = m
    return {personne_id: noms[m.college_id] for personne_id, m in dernier.items()}


def _blocs_membres(donnees: Donnees, evaluees: Iterable[SeanceEvaluee]) -> list[dict[str, Any]]:
    attendues: dict[int, int] = defaultdict(int)
    presentes: dict[int, int] = defaultdict(int)
    for evaluee in evaluees:
        for siege in evaluee.sieges:
            personne_id = siege.mandat.personne_id
            attendues[personne_id] += 1
            presentes[personne_id] += siege.etat is EtatSiege.PRESENT  # suppléé does not count here
    colleges = _college_du_dernier_mandat_titulaire(donnees)
    lignes = []
    for personne_id in attendues:
        nom, prenom, _structure = donnees.personnes[personne_id]
        lignes.append(
            {
                "nom": nom,
                "prenom": prenom,
                "college": colleges.get(personne_id),
                "seances_attendues": attendues[personne_id],
                "seances_presentes": presentes[personne_id],
                "assiduite": _taux(presentes[personne_id], attendues[personne_id]),
            }
        )
    # Alphabetical as a French reader expects it: « Écuyer » between « Durand » and « Martin ».
    lignes.sort(
        key=lambda ligne: (normaliser(ligne["nom"]), normaliser(ligne["prenom"]), ligne["nom"], ligne["prenom"])
    )
    return lignes


def _debut_mobilisation(session: Session, donnees: Donnees) -> dt.date | None:
    installation = session.scalar(select(Comite.date_installation).order_by(Comite.id).limit(1))
    if installation is not None:
        return installation
    return donnees.seances_tenues[0].date if donnees.seances_tenues else None


def _bloc_mobilisation(donnees: Donnees, debut: dt.date | None, mois: int) -> dict[str, Any]:
    fin = ajouter_mois(debut, mois) if debut is not None else None
    fenetre = [s for s in donnees.seances_tenues if debut is not None and fin is not None and debut <= s.date < fin]
    categories = {c.id: c.categorie for c in donnees.colleges}
    personnes: set[int] = set()
    travailleurs_sociaux: set[int] = set()
    accompagnees: set[int] = set()
    attendus = presents = 0
    for seance in fenetre:
        evaluee = donnees.evaluer(seance)
        attendus += evaluee.decompte.attendus
        presents += evaluee.decompte.presents + evaluee.decompte.supplees
        for personne_id, presence in donnees.presences.get(seance.id, {}).items():
            if presence.etat not in ETATS_PRESENTS:
                continue
            mandats = [
                m
                for m in donnees.mandats_par_personne_instance.get((personne_id, seance.instance_id), ())
                if m.actif_le(seance.date)
            ]
            if not mandats:
                continue  # a guest: no seat in that instance on that day
            personnes.add(personne_id)
            categories_mandats = {categories[m.college_id] for m in mandats}
            if CategorieCollege.TRAVAILLEURS_SOCIAUX in categories_mandats:
                travailleurs_sociaux.add(personne_id)
            if CategorieCollege.PERSONNES_ACCOMPAGNEES in categories_mandats:
                accompagnees.add(personne_id)
    structures = {donnees.personnes[p][2] for p in personnes} - {None}
    return {
        "seances_tenues": len(fenetre),
        "personnes_presentes": len(personnes),
        "structures_representees": len(structures),
        "travailleurs_sociaux_presents": len(travailleurs_sociaux),
        "personnes_accompagnees_presentes": len(accompagnees),
        "taux_presence": _taux(presents, attendus),
    }


def _bloc_saisines(session: Session, periode: Periode) -> dict[str, Any]:
    saisines = list(session.scalars(select(Saisine).order_by(Saisine.id)))
    recevables_par_transition = set(
        session.scalars(select(TransitionSaisine.saisine_id).where(TransitionSaisine.vers == StatutSaisine.RECEVABLE))
    )
    themes: dict[int, set[ThemeEthique]] = defaultdict(set)
    for saisine_id, theme in session.execute(select(SaisineTheme.saisine_id, SaisineTheme.theme)):
        themes[saisine_id].add(theme)

    recues = [s for s in saisines if periode.contient(s.recue_le)]

    def date_recevabilite(s: Saisine) -> dt.date | None:
        if s.recevable_le is not None:
            return s.recevable_le
        if s.statut in STATUTS_APRES_RECEVABILITE or s.id in recevables_par_transition:
            return s.recue_le  # admissible, decision date unrecorded: the receipt date stands in
        return None

    recevables = [s for s in saisines if (d := date_recevabilite(s)) is not None and periode.contient(d)]
    rendus = [s for s in saisines if s.transmise_le is not None and periode.contient(s.transmise_le)]
    delais = [(s.transmise_le - s.recue_le).days for s in rendus if s.transmise_le is not None]
    return {
        "recues": len(recues),
        "recevables": len(recevables),
        "avis_rendus": len(rendus),
        "delai_median_jours": statistics.median(delais) if delais else None,
        "par_theme": {t.value: sum(1 for s in recues if t in themes[s.id]) for t in ThemeEthique},
    }


def _bloc_recommandations(session: Session, periode: Periode) -> dict[str, int]:
    dates = session.execute(select(Recommandation.adoptee_le, Recommandation.publiee_le)).all()
    return {
        "adoptees": sum(1 for adoptee, _ in dates if adoptee is not None and periode.contient(adoptee)),
        "publiees": sum(1 for _, publiee in dates if publiee is not None and periode.contient(publiee)),
    }


def _bloc_productions(session: Session, periode: Periode) -> dict[str, dict[str, int]]:
    par_type = dict.fromkeys((t.value for t in TypeProduction), 0)
    for type_, jour in session.execute(select(Production.type, Production.date)):
        if periode.contient(jour):
            par_type[type_.value] += 1
    par_canal = dict.fromkeys((c.value for c in CanalDiffusion), 0)
    for canal, jour in session.execute(select(Diffusion.canal, Diffusion.date)):
        if periode.contient(jour):
            par_canal[canal.value] += 1
    return {"par_type": par_type, "diffusions_par_canal": par_canal}


def evaluer_seances(session: Session, periode: Periode) -> tuple[Donnees, list[SeanceEvaluee]]:
    """The held meetings of the period with the state of every expected seat (for documents and exports)."""
    donnees = Donnees(session)
    return donnees, [donnees.evaluer(s) for s in donnees.seances_tenues if periode.contient(s.date)]


def calculer(session: Session, periode: Periode | None = None) -> dict[str, Any]:
    """The indicators object of CONCEPTION §4, deterministic for a given base and period."""
    periode = periode or Periode()
    donnees, evaluees = evaluer_seances(session, periode)
    debut = _debut_mobilisation(session, donnees)
    return {
        "periode": {"du": _iso(periode.du), "au": _iso(periode.au)},
        "seances": [_bloc_seance(donnees, e) for e in evaluees],
        "colleges": _blocs_colleges(donnees, evaluees),
        "membres": _blocs_membres(donnees, evaluees),
        "mobilisation": {
            "3_mois": _bloc_mobilisation(donnees, debut, 3),
            "6_mois": _bloc_mobilisation(donnees, debut, 6),
        },
        "saisines": _bloc_saisines(session, periode),
        "recommandations": _bloc_recommandations(session, periode),
        "productions": _bloc_productions(session, periode),
    }
