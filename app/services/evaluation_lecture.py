"""What the Évaluation page reads: the held meetings and their questionnaire, the notes by sub-domain, and the
indicators of a period.

Read only. The indicators are those of `app.services.indicateurs.calculer`, only reshaped into typed rows: a figure
is never computed twice (the ANSA workbook and the reports read the same object).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.modeles import Instance, NoteEvaluation, RetourParticipants, Seance
from app.modeles.enumerations import (
    STATUTS_TENUS,
    CanalDiffusion,
    CategorieCollege,
    QuestionRetour,
    SousDomaine,
    ThemeEthique,
    TypeProduction,
)
from app.services import indicateurs
from app.services.evaluation import Comptes, FicheNote, lire_retours
from app.services.indicateurs import Periode

# --- the questionnaire -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeanceQuestionnaire:
    """A held meeting, with how many participants answered each question (0 when nothing was entered)."""

    id: int
    reference: str
    instance: str
    date: dt.date
    repondants: tuple[int, ...]  # per question, in the order of QuestionRetour

    @property
    def saisi(self) -> bool:
        return any(self.repondants)


def seances_questionnaire(session: Session) -> tuple[SeanceQuestionnaire, ...]:
    """The held meetings, the latest first (the one whose forms just came back)."""
    totaux: dict[int, dict[QuestionRetour, int]] = defaultdict(lambda: dict.fromkeys(QuestionRetour, 0))
    lignes = session.execute(
        select(Seance.id, Seance.reference, Instance.nom, Seance.date)
        .join(Instance, Instance.id == Seance.instance_id)
        .where(Seance.statut.in_(STATUTS_TENUS))
        .order_by(Seance.date.desc(), Seance.reference)
    ).all()
    for seance_id, question, nombre in session.execute(
        select(RetourParticipants.seance_id, RetourParticipants.question, RetourParticipants.nombre)
    ):
        totaux[seance_id][question] += nombre
    return tuple(
        SeanceQuestionnaire(i, ref, instance, jour, tuple(totaux[i][q] for q in QuestionRetour))
        for i, ref, instance, jour in lignes
    )


def retours_de_seance(session: Session, seance_id: int) -> Comptes:
    return lire_retours(session, seance_id)


# --- the notes -------------------------------------------------------------------------------------------


def lire_notes(session: Session) -> tuple[FicheNote, ...]:
    """Every note, by sub-domain in the grid's order, then the latest first."""
    ordre = {s: rang for rang, s in enumerate(SousDomaine)}
    notes = [
        FicheNote(n.id, n.date, n.sous_domaine, n.rubrique, n.texte) for n in session.scalars(select(NoteEvaluation))
    ]
    notes.sort(key=lambda n: (ordre[n.sous_domaine], -n.date.toordinal(), n.id))
    return tuple(notes)


def notes_par_sous_domaine(session: Session) -> dict[SousDomaine, tuple[FicheNote, ...]]:
    """Every sub-domain of the grid (empty ones too), with its notes, the latest first."""
    groupes: dict[SousDomaine, list[FicheNote]] = {s: [] for s in SousDomaine}
    for note in lire_notes(session):
        groupes[note.sous_domaine].append(note)
    return {s: tuple(n) for s, n in groupes.items()}


# --- the indicators of a period --------------------------------------------------------------------------


@dataclass(frozen=True)
class PresenceSeance:
    reference: str
    instance: str
    date: dt.date
    attendus: int
    presents: int
    supplees: int
    representes: int
    excuses: int
    absents: int
    taux: float | None
    quorum_atteint: bool


@dataclass(frozen=True)
class PresenceCollege:
    college: str
    categorie: CategorieCollege
    attendus: int
    presents: int
    supplees: int
    taux: float | None


@dataclass(frozen=True)
class AssiduiteMembre:
    nom: str
    prenom: str
    college: str | None
    seances_attendues: int
    seances_presentes: int
    assiduite: float | None


@dataclass(frozen=True)
class Mobilisation:
    mois: int
    seances_tenues: int
    personnes_presentes: int
    structures_representees: int
    travailleurs_sociaux_presents: int
    personnes_accompagnees_presentes: int
    taux: float | None


@dataclass(frozen=True)
class IndicateursPeriode:
    periode: Periode
    seances: tuple[PresenceSeance, ...]
    colleges: tuple[PresenceCollege, ...]
    membres: tuple[AssiduiteMembre, ...]
    mobilisation: tuple[Mobilisation, Mobilisation]  # at 3 months, at 6 months
    saisines_recues: int
    saisines_recevables: int
    avis_rendus: int
    delai_median_jours: float | None
    saisines_par_theme: tuple[tuple[ThemeEthique, int], ...]
    recommandations_adoptees: int
    recommandations_publiees: int
    productions_par_type: tuple[tuple[TypeProduction, int], ...]
    diffusions_par_canal: tuple[tuple[CanalDiffusion, int], ...]


def _mobilisation(mois: int, bloc: dict[str, Any]) -> Mobilisation:
    return Mobilisation(
        mois,
        bloc["seances_tenues"],
        bloc["personnes_presentes"],
        bloc["structures_representees"],
        bloc["travailleurs_sociaux_presents"],
        bloc["personnes_accompagnees_presentes"],
        bloc["taux_presence"],
    )


def indicateurs_periode(session: Session, periode: Periode) -> IndicateursPeriode:
    """The figures of CONCEPTION §3 for `periode`, exactly those of `indicateurs.calculer`."""
    r = indicateurs.calculer(session, periode)
    return IndicateursPeriode(
        periode=periode,
        seances=tuple(
            PresenceSeance(
                s["reference"],
                s["instance"],
                dt.date.fromisoformat(s["date"]),
                s["attendus"],
                s["presents"],
                s["supplees"],
                s["representes"],
                s["excuses"],
                s["absents"],
                s["taux_presence"],
                s["quorum_atteint"],
            )
            for s in r["seances"]
        ),
        colleges=tuple(
            PresenceCollege(
                c["college"],
                CategorieCollege.de_code(c["categorie"]),
                c["attendus"],
                c["presents"],
                c["supplees"],
                c["taux_presence"],
            )
            for c in r["colleges"]
        ),
        membres=tuple(
            AssiduiteMembre(
                m["nom"], m["prenom"], m["college"], m["seances_attendues"], m["seances_presentes"], m["assiduite"]
            )
            for m in r["membres"]
        ),
        mobilisation=(_mobilisation(3, r["mobilisation"]["3_mois"]), _mobilisation(6, r["mobilisation"]["6_mois"])),
        saisines_recues=r["saisines"]["recues"],
        saisines_recevables=r["saisines"]["recevables"],
        avis_rendus=r["saisines"]["avis_rendus"],
        delai_median_jours=r["saisines"]["delai_median_jours"],
        saisines_par_theme=tuple((ThemeEthique.de_code(k), v) for k, v in r["saisines"]["par_theme"].items()),
        recommandations_adoptees=r["recommandations"]["adoptees"],
        recommandations_publiees=r["recommandations"]["publiees"],
        productions_par_type=tuple((TypeProduction.de_code(k), v) for k, v in r["productions"]["par_type"].items()),
        diffusions_par_canal=tuple(
            (CanalDiffusion.de_code(k), v) for k, v in r["productions"]["diffusions_par_canal"].items()
        ),
    )
