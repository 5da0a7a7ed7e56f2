"""What the dashboard shows: the committee's state on a given day, read in one transaction.

    etat = etat_du_comite(session, horloge.aujourdhui())

Plain frozen dataclasses only (no ORM object leaves the session). Figures defined in CONCEPTION §3 (the
attendance rate by collège) come from `app.services.indicateurs.calculer`, never recomputed here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.modeles import Action, College, Instance, Mandat, Personne, Seance
from app.modeles.enumerations import Qualite, StatutAction, StatutSeance
from app.services.calendrier import ajouter_mois
from app.services.indicateurs import Periode, calculer
from app.services.saisines_lecture import SaisineEnRetard, saisines_en_retard
from app.services.sieges import MandatLu

HORIZON_MANDATS_JOURS = 60
HORIZON_ACTIONS_JOURS = 14

STATUTS_A_VENIR = (StatutSeance.PLANIFIEE, StatutSeance.CONVOQUEE)
STATUTS_ACTION_OUVERTE = (StatutAction.A_FAIRE, StatutAction.EN_COURS)
@dataclass(frozen=True)
class ProchaineSeance:
    seance_id: int
    reference: str
    instance: str
    date: dt.date
    statut: StatutSeance
    limite_convocation: dt.date
    """The last day to send the convocation: the meeting's date minus the instance's notice."""
    convocation_envoyee_le: dt.date | None
    limite_depassee: bool
    """Today is after `limite_convocation` (the limit day itself is still in time)."""

    @property
    def convocation_envoyee(self) -> bool:
        return self.convocation_envoyee_le is not None

    @property
    def convocation_en_retard(self) -> bool:
        """Not sent and the notice can no longer be respected: it will need an urgency reason."""
        return not self.convocation_envoyee and self.limite_depassee


@dataclass(frozen=True)
class MandatFinissant:
    mandat_id: int
    personne: str
    instance: str
    college: str
    qualite: Qualite
    fin: dt.date
    jours_restants: int


@dataclass(frozen=True)
class SiegeSansTitulaire:
    instance: str
    college: str
    suppleant: bool
    """False: a vacant titulaire seat (`personne` is who left); True: a suppléant with nobody to stand in for."""
    personne: str
    depuis: dt.date | None
    """First day without titulaire; None for a suppléant never attached to one."""


@dataclass(frozen=True)
class ActionDue:
    action_id: int
    texte: str
    responsable: str | None
    echeance: dt.date
    statut: StatutAction
    seance_origine: str | None
    jours_restants: int
    """Days from today to the due date: 0 due today, negative when late."""

    @property
    def en_retard(self) -> bool:
        """The due date is past (an action due today is not late yet)."""
        return self.jours_restants < 0


@dataclass(frozen=True)
class PresenceCollege:
    college: str
    attendus: int
    presents: int
    supplees: int
    taux: float | None


@dataclass(frozen=True)
class TableauDeBord:
    aujourdhui: dt.date
    prochaines_seances: tuple[ProchaineSeance, ...]
    mandats_finissants: tuple[MandatFinissant, ...]
    sieges_sans_titulaire: tuple[SiegeSansTitulaire, ...]
    actions_dues: tuple[ActionDue, ...]
    saisines_en_retard: tuple[SaisineEnRetard, ...]
    periode_presence: Periode
    seances_tenues_periode: int
    presence_colleges: tuple[PresenceCollege, ...]


def periode_douze_mois(aujourdhui: dt.date) -> Periode:
    """The last 12 months, both ends inclusive: from the day after the same date a year ago, to today.

    For 22 November 2026: 23 November 2025 – 22 November 2026 (365 days, 366 across a 29 February); a
    29 February goes back to 28 February of the previous year, so the window starts on 1 March.
    """
    return Periode(du=ajouter_mois(aujourdhui, -12) + dt.timedelta(days=1), au=aujourdhui)


def _nom(prenom: str, nom: str) -> str:
    return f"{prenom} {nom}"


def _prochaines_seances(session: Session, aujourdhui: dt.date) -> tuple[ProchaineSeance, ...]:
    lignes = session.execute(
        select(
            Seance.id,
            Seance.reference,
            Instance.nom,
            Seance.date,
            Seance.statut,
            Instance.delai_convocation_jours,
            Seance.convocation_envoyee_le,
        )
        .join(Instance, Instance.id == Seance.instance_id)
        .where(Seance.statut.in_(STATUTS_A_VENIR), Seance.date >= aujourdhui)
        .order_by(Seance.date, Seance.heure_debut, Seance.reference)
    )
    resultat = []
    for r in lignes:
        limite = r.date - dt.timedelta(days=r.delai_convocation_jours)
        resultat.append(
            ProchaineSeance(
                seance_id=r.id,
                reference=r.reference,
                instance=r.nom,
                date=r.date,
                statut=r.statut,
                limite_convocation=limite,
                convocation_envoyee_le=r.convocation_envoyee_le,
                limite_depassee=aujourdhui > limite,
            )
        )
    return tuple(resultat)


@dataclass(frozen=True)
class _MandatLu(MandatLu):
    """A mandate with the names the dashboard shows; what counts as active or expected is `MandatLu`'s rule."""

    personne: str
    instance: str
    instance_ordre: int
    college: str
    college_ordre: int


def _mandats(session: Session) -> list[_MandatLu]:
    requete = (
        select(
            Mandat.id,
            Mandat.personne_id,
            Personne.prenom,
            Personne.nom,
            Mandat.instance_id,
            Instance.nom.label("instance"),
            Instance.ordre.label("instance_ordre"),
            Mandat.college_id,
            College.nom.label("college"),
            College.ordre.label("college_ordre"),
            Mandat.qualite,
            Mandat.voix,
            Mandat.titulaire_id,
            Mandat.debut,
            Mandat.fin,
        )
        .join(Personne, Personne.id == Mandat.personne_id)
        .join(Instance, Instance.id == Mandat.instance_id)
        .join(College, College.id == Mandat.college_id)
        .order_by(Mandat.id)
    )
    return [
        _MandatLu(
            id=r.id,
            personne_id=r.personne_id,
            instance_id=r.instance_id,
            college_id=r.college_id,
            qualite=r.qualite,
            titulaire_id=r.titulaire_id,
            voix=r.voix,
            debut=r.debut,
            fin=r.fin,
            personne=_nom(r.prenom, r.nom),
            instance=r.instance,
            instance_ordre=r.instance_ordre,
            college=r.college,
            college_ordre=r.college_ordre,
        )
        for r in session.execute(requete)
    ]


def _mandats_finissants(mandats: list[_MandatLu], aujourdhui: dt.date) -> tuple[MandatFinissant, ...]:
    """Active mandates whose last day is within 60 days (today is day 0, day 60 is in, day 61 out).

    A mandate already renewed (the same person holds a later mandate in the same instance, collège and
    quality that goes beyond it) needs nothing more and is left out.
    """
    limite = aujourdhui + dt.timedelta(days=HORIZON_MANDATS_JOURS)
    par_place: dict[tuple[int, int, int, Qualite], list[_MandatLu]] = defaultdict(list)
    for m in mandats:
        par_place[(m.personne_id, m.instance_id, m.college_id, m.qualite)].append(m)

    def renouvele(m: _MandatLu, fin: dt.date) -> bool:
        return any(
            a.id != m.id and a.debut > m.debut and (a.fin is None or a.fin > fin)
            for a in par_place[(m.personne_id, m.instance_id, m.college_id, m.qualite)]
        )

    resultat = [
        MandatFinissant(m.id, m.personne, m.instance, m.college, m.qualite, m.fin, (m.fin - aujourdhui).days)
        for m in mandats
        if m.fin is not None and aujourdhui <= m.fin <= limite and m.debut <= aujourdhui and not renouvele(m, m.fin)
    ]
    resultat.sort(key=lambda f: (f.fin, f.instance, f.college, f.personne, f.mandat_id))
    return tuple(resultat)


def _sieges_sans_titulaire(mandats: list[_MandatLu], aujourdhui: dt.date) -> tuple[SiegeSansTitulaire, ...]:
    """Two situations, both as of today.

    1. A vacant titulaire seat: a deliberative titulaire mandate that has ended (its last day is before today)
       and that was not replaced. A replacement is a deliberative titulaire mandate of the same instance and
       collège, active today, starting on or after the ended mandate's last day; each replacement fills one
       seat only. When there are fewer replacements than departures, the seats vacant longest stay listed.
       (Consultative members and suppléants hold no seat that can fall vacant.)
    2. A suppléant active today whose titulaire's mandate has ended, or who is attached to no titulaire:
       they stand in for nobody (CONCEPTION §3) until attached to a new titulaire.
    """
    par_id = {m.id: m for m in mandats}
    par_place: dict[tuple[int, int], list[_MandatLu]] = defaultdict(list)
    for m in mandats:
        if m.siege_attendu:
            par_place[(m.instance_id, m.college_id)].append(m)

    resultat: list[tuple[tuple[int, int, int, int], SiegeSansTitulaire]] = []
    for place in par_place.values():
        parties = sorted(
            (m for m in place if m.fin is not None and m.fin < aujourdhui),
            key=lambda m: (m.fin, m.id),
            reverse=True,  # most recent departure first: it can take the fewest replacements
        )
        remplacants = sorted((m for m in place if m.actif_le(aujourdhui)), key=lambda m: (m.debut, m.id))
        libres = list(remplacants)
        for partie in parties:
            assert partie.fin is not None
            fin = partie.fin
            # The earliest eligible start: later starts stay free for older departures.
            choisi = next((r for r in libres if r.debut >= fin), None)
            if choisi is not None:
                libres.remove(choisi)
                continue
            cle = (partie.instance_ordre, partie.instance_id, partie.college_ordre, partie.college_id)
            resultat.append(
                (
                    cle,
                    SiegeSansTitulaire(
                        partie.instance, partie.college, False, partie.personne, fin + dt.timedelta(days=1)
                    ),
                )
            )

    for m in mandats:
        if m.qualite is not Qualite.SUPPLEANT or not m.actif_le(aujourdhui):
            continue
        titulaire = par_id.get(m.titulaire_id) if m.titulaire_id is not None else None
        if titulaire is None:
            depuis = None
        elif titulaire.fin is not None and titulaire.fin < aujourdhui:
            depuis = titulaire.fin + dt.timedelta(days=1)
        else:
            continue
        cle = (m.instance_ordre, m.instance_id, m.college_ordre, m.college_id)
        resultat.append((cle, SiegeSansTitulaire(m.instance, m.college, True, m.personne, depuis)))

    resultat.sort(key=lambda e: (e[0], e[1].suppleant, e[1].depuis or dt.date.min, e[1].personne))
    return tuple(s for _cle, s in resultat)


def _actions_dues(session: Session, aujourdhui: dt.date) -> tuple[ActionDue, ...]:
    """Open actions (à faire, en cours) due within 14 days (day 14 in, day 15 out), late ones included.

    An action without a due date is never "due": it does not appear.
    """
    limite = aujourdhui + dt.timedelta(days=HORIZON_ACTIONS_JOURS)
    origine = aliased(Seance)
    lignes = session.execute(
        select(
            Action.id, Action.texte, Personne.prenom, Personne.nom, Action.echeance, Action.statut, origine.reference
        )
        .outerjoin(Personne, Personne.id == Action.responsable_id)
        .outerjoin(origine, origine.id == Action.seance_origine_id)
        .where(Action.statut.in_(STATUTS_ACTION_OUVERTE), Action.echeance.is_not(None), Action.echeance <= limite)
        .order_by(Action.echeance, Action.id)
    )
    return tuple(
        ActionDue(
            action_id=r.id,
            texte=r.texte,
            responsable=None if r.nom is None else _nom(r.prenom, r.nom),
            echeance=r.echeance,
            statut=r.statut,
            seance_origine=r.reference,
            jours_restants=(r.echeance - aujourdhui).days,
        )
        for r in lignes
    )


def _presence(session: Session, periode: Periode) -> tuple[int, tuple[PresenceCollege, ...]]:
    """The « colleges » block of the indicators over the period, as is (one definition per figure)."""
    indicateurs = calculer(session, periode)
    colleges = tuple(
        PresenceCollege(
            college=str(b["college"]),
            attendus=int(b["attendus"]),
            presents=int(b["presents"]),
            supplees=int(b["supplees"]),
            taux=None if b["taux_presence"] is None else float(b["taux_presence"]),
        )
        for b in indicateurs["colleges"]
    )
    return len(indicateurs["seances"]), colleges


def etat_du_comite(session: Session, aujourdhui: dt.date) -> TableauDeBord:
    """Everything the dashboard shows, as of `aujourdhui` (pass `app.horloge.aujourdhui()`)."""
    mandats = _mandats(session)
    periode = periode_douze_mois(aujourdhui)
    seances_tenues, colleges = _presence(session, periode)
    return TableauDeBord(
        aujourdhui=aujourdhui,
        prochaines_seances=_prochaines_seances(session, aujourdhui),
        mandats_finissants=_mandats_finissants(mandats, aujourdhui),
        sieges_sans_titulaire=_sieges_sans_titulaire(mandats, aujourdhui),
        actions_dues=_actions_dues(session, aujourdhui),
        saisines_en_retard=saisines_en_retard(session, aujourdhui),
        periode_presence=periode,
        seances_tenues_periode=seances_tenues,
        presence_colleges=colleges,
    )
