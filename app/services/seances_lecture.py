"""What the Séances page shows: plain rows read in one transaction (no ORM object leaves it).

The list reads every meeting in a handful of queries (no query per meeting); the detail of one meeting adds its
seat count and quorum. Referrals are named by their number only: their text never reaches this page.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.erreurs import ErreurConnue
from app.format_fr import heure_fr
from app.horloge import aujourdhui
from app.modeles import Instance, Mandat, Personne, PointOrdreDuJour, Presence, Recommandation, Saisine, Seance
from app.modeles.enumerations import ETATS_PRESENTS, FormatSeance, NaturePoint, Role, StatutSeance, TypeInstance
from app.services.annuaire_lecture import Choix, cle_nom
from app.services.ordre_du_jour import FichePoint, points_de
from app.services.seances import (
    FicheSeance,
    convocation_en_retard,
    lieu_manquant,
    message_retard,
    reference_suivante,
)
from app.services.sieges import Decompte

JEUDI = 3  # committees meet mid-week (the demo's plenaries fall on Thursdays)
MARGE_CONVOCATION = 7  # days beyond the notice: time to prepare the agenda before convening


def texte_horaire(debut: dt.time | None, fin: dt.time | None) -> str:
    """« 14 h 00 – 16 h 30 », « à partir de 14 h 00 », « jusqu'à 16 h 30 », or "" when neither is known."""
    if debut is not None and fin is not None:
        return f"{heure_fr(debut)} – {heure_fr(fin)}"
    if debut is not None:
        return f"à partir de {heure_fr(debut)}"
    return f"jusqu'à {heure_fr(fin)}" if fin is not None else ""


def date_proposee(aujourdhui: dt.date, delai_convocation_jours: int) -> dt.date:
    """A new meeting's default date: the first Thursday that leaves the notice and a week to prepare."""
    jour = aujourdhui + dt.timedelta(days=delai_convocation_jours + MARGE_CONVOCATION)
    return jour + dt.timedelta(days=(JEUDI - jour.weekday()) % 7)


@dataclass(frozen=True)
class LigneSeance:
    id: int
    reference: str
    instance_id: int
    instance: str
    date: dt.date
    heure_debut: dt.time | None
    heure_fin: dt.time | None
    lieu: str
    lien_visio: str
    format: FormatSeance
    statut: StatutSeance
    delai_convocation_jours: int
    convocation_envoyee_le: dt.date | None
    motif_urgence: str
    pv_approuve_le: dt.date | None
    pv_approuve_en: str  # reference of the meeting that approved the minutes
    seconde_convocation_de_id: int | None
    seconde_convocation_de: str  # reference of the meeting without quorum this one convenes again
    president_seance_id: int | None
    president_seance: str
    secretaire_seance_id: int | None
    secretaire_seance: str
    points: int
    presents: int  # persons recorded present or by video (guests included): the decompte is in the detail
    liens: tuple[str, ...] = ()  # numbers of the referrals and recommendations on its agenda (search them)

    @property
    def tenue(self) -> bool:
        return self.statut in (StatutSeance.TENUE, StatutSeance.CLOTUREE)

    @property
    def horaire(self) -> str:
        return texte_horaire(self.heure_debut, self.heure_fin)

    @property
    def limite_convocation(self) -> dt.date:
        """The last day a convocation can leave without an urgency reason."""
        return self.date - dt.timedelta(days=self.delai_convocation_jours)

    def fiche(self) -> FicheSeance:
        return FicheSeance(
            self.id,
            self.reference,
            self.instance_id,
            self.date,
            self.heure_debut,
            self.heure_fin,
            self.lieu,
            self.lien_visio,
            self.format,
            self.president_seance_id,
            self.secretaire_seance_id,
        )


@dataclass(frozen=True)
class ChoixSeances:
    """What the page's filters and dialogs offer."""

    instances: tuple[Choix, ...]
    annees: tuple[int, ...]  # most recent first
    personnes: tuple[Choix, ...]
    instance_par_defaut: int | None  # the plenary, else the first instance
    delais: dict[int, int]  # instance id → convocation notice in days
    lieux: dict[int, tuple[str, str]]  # instance id → (place, video link) of its latest meeting
    presidents: dict[int, int] = field(default_factory=dict)  # instance id → its chair today (a person id)


def _noms(session: Session) -> dict[int, str]:
    personnes = session.execute(select(Personne.id, Personne.prenom, Personne.nom))
    return {i: f"{prenom} {nom}" for i, prenom, nom in personnes}


def _lignes(session: Session, seance_id: int | None = None) -> list[LigneSeance]:
    initiale = aliased(Seance)
    approbatrice = aliased(Seance)
    requete = (
        select(Seance, Instance.nom, Instance.delai_convocation_jours, initiale.reference, approbatrice.reference)
        .join(Instance, Instance.id == Seance.instance_id)
        .outerjoin(initiale, initiale.id == Seance.seconde_convocation_de_id)
        .outerjoin(approbatrice, approbatrice.id == Seance.pv_approuve_en_id)
        .order_by(Seance.date, Seance.heure_debut, Seance.reference)
    )
    points = select(PointOrdreDuJour.seance_id, func.count()).group_by(PointOrdreDuJour.seance_id)
    presents = (
        select(Presence.seance_id, func.count())
        .where(Presence.etat.in_(sorted(ETATS_PRESENTS)))
        .group_by(Presence.seance_id)
    )
    if seance_id is not None:
        requete = requete.where(Seance.id == seance_id)
        points = points.where(PointOrdreDuJour.seance_id == seance_id)
        presents = presents.where(Presence.seance_id == seance_id)
    nombre_points: dict[int, int] = defaultdict(int, {i: n for i, n in session.execute(points)})
    nombre_presents: dict[int, int] = defaultdict(int, {i: n for i, n in session.execute(presents)})
    liens: dict[int, list[str]] = defaultdict(list)
    for requete_liens in (
        select(PointOrdreDuJour.seance_id, Saisine.numero).join(Saisine, Saisine.id == PointOrdreDuJour.saisine_id),
        select(PointOrdreDuJour.seance_id, Recommandation.numero).join(
            Recommandation, Recommandation.id == PointOrdreDuJour.recommandation_id
        ),
    ):
        if seance_id is not None:
            requete_liens = requete_liens.where(PointOrdreDuJour.seance_id == seance_id)
        for i, numero in session.execute(requete_liens.order_by(PointOrdreDuJour.rang)):
            liens[i].append(numero)
    noms = _noms(session)
    lignes = []
    for s, instance, delai, initiale_ref, approbatrice_ref in session.execute(requete):
        lignes.append(
            LigneSeance(
                id=s.id,
                reference=s.reference,
                instance_id=s.instance_id,
                instance=instance,
                date=s.date,
                heure_debut=s.heure_debut,
                heure_fin=s.heure_fin,
                lieu=s.lieu,
                lien_visio=s.lien_visio,
                format=s.format,
                statut=s.statut,
                delai_convocation_jours=delai,
                convocation_envoyee_le=s.convocation_envoyee_le,
                motif_urgence=s.motif_urgence,
                pv_approuve_le=s.pv_approuve_le,
                pv_approuve_en=approbatrice_ref or "",
                seconde_convocation_de_id=s.seconde_convocation_de_id,
                seconde_convocation_de=initiale_ref or "",
                president_seance_id=s.president_seance_id,
                president_seance=noms.get(s.president_seance_id, "") if s.president_seance_id else "",
                secretaire_seance_id=s.secretaire_seance_id,
                secretaire_seance=noms.get(s.secretaire_seance_id, "") if s.secretaire_seance_id else "",
                points=nombre_points[s.id],
                presents=nombre_presents[s.id],
                liens=tuple(liens.get(s.id, ())),
            )
        )
    return lignes


def lire_seances(session: Session) -> tuple[LigneSeance, ...]:
    """Every meeting, oldest first."""
    return tuple(_lignes(session))


def lire_seance(session: Session, seance_id: int) -> LigneSeance | None:
    lignes = _lignes(session, seance_id)
    return lignes[0] if lignes else None


def lire_choix_seances(session: Session) -> ChoixSeances:
    instances = list(
        session.execute(
            select(Instance.id, Instance.nom, Instance.type, Instance.delai_convocation_jours).order_by(
                Instance.ordre, Instance.id
            )
        )
    )
    annees = sorted({d.year for d in session.scalars(select(Seance.date))}, reverse=True)
    personnes = sorted(
        session.execute(select(Personne.id, Personne.nom, Personne.prenom)), key=lambda t: cle_nom(t[1], t[2])
    )
    pleniere = next((i.id for i in instances if i.type is TypeInstance.PLENIERE), None)
    lieux: dict[int, tuple[str, str]] = {}
    for instance_id, lieu, lien in session.execute(
        select(Seance.instance_id, Seance.lieu, Seance.lien_visio).order_by(Seance.date, Seance.id)
    ):
        lieux[instance_id] = (lieu, lien)  # the latest meeting wins
    jour = aujourdhui()
    presidents: dict[int, int] = {}
    for m in session.scalars(select(Mandat).where(Mandat.role == Role.PRESIDENT).order_by(Mandat.debut)):
        if m.actif_le(jour):
            presidents[m.instance_id] = m.personne_id
    return ChoixSeances(
        presidents=presidents,
        instances=tuple(Choix(i.id, i.nom) for i in instances),
        annees=tuple(annees),
        personnes=tuple(Choix(i, f"{prenom} {nom}") for i, nom, prenom in personnes),
        instance_par_defaut=pleniere if pleniere is not None else (instances[0].id if instances else None),
        delais={i.id: i.delai_convocation_jours for i in instances},
        lieux=lieux,
    )


def reference_proposee(session: Session, instance_id: int | None, annee: int) -> str:
    """The reference a new meeting would get (shown as the empty field's placeholder)."""
    if instance_id is None or session.get(Instance, instance_id) is None:
        return ""
    return reference_suivante(session, instance_id, annee)


# --- Convening ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AvantConvocation:
    """What stands in the way of convening today: a missing place or link, or the notice (a reason needed)."""

    lieu_manquant: str
    retard: str  # `message_retard` when the notice is no longer kept, else ""


def avant_convocation(session: Session, seance_id: int, jour: dt.date) -> AvantConvocation:
    seance = session.get(Seance, seance_id)
    if seance is None:
        raise ErreurConnue("Cette séance n'existe plus : elle a peut-être été supprimée entre-temps.")
    envoi = seance.convocation_envoyee_le or jour
    en_retard = convocation_en_retard(seance, seance.instance, envoi)
    return AvantConvocation(lieu_manquant(seance), message_retard(seance, seance.instance, envoi) if en_retard else "")


def explication_retard(session: Session, seance_id: int, envoi: dt.date) -> str:
    """`message_retard` for a convocation sent on `envoi` (what the urgency dialog explains)."""
    seance = session.get(Seance, seance_id)
    if seance is None:
        raise ErreurConnue("Cette séance n'existe plus : elle a peut-être été supprimée entre-temps.")
    return message_retard(seance, seance.instance, envoi)


# --- Attendance, for the detail ------------------------------------------------------------------------


@dataclass(frozen=True)
class PresenceSeance:
    decompte: Decompte
    requis: int
    quorum_atteint: bool


def presence_seance(session: Session, seance_id: int) -> PresenceSeance:
    from app.services.presences import etat_seance

    etat = etat_seance(session, seance_id)
    return PresenceSeance(etat.decompte, etat.requis, etat.quorum_atteint)


# --- The agenda -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LignePoint:
    """An agenda item as the agenda tab shows it; `fiche` keeps everything else (minutes, vote) untouched."""

    fiche: FichePoint
    rapporteur: str
    saisine: str  # number only: a referral's text never reaches the agenda
    recommandation: str

    @property
    def id(self) -> int:
        return self.fiche.id

    @property
    def lien(self) -> str:
        if self.saisine:
            return f"Saisine {self.saisine}"
        return f"Recommandation {self.recommandation}" if self.recommandation else ""


@dataclass(frozen=True)
class OrdreDuJour:
    seance_id: int
    reference: str
    heure_debut: dt.time | None
    heure_fin: dt.time | None
    points: tuple[LignePoint, ...]


def lire_ordre_du_jour(session: Session, seance_id: int) -> OrdreDuJour:
    seance = session.get(Seance, seance_id)
    if seance is None:
        raise ErreurConnue("Cette séance n'existe plus : elle a peut-être été supprimée entre-temps.")
    fiches = points_de(session, seance_id)
    noms = _noms(session)
    saisines = _numeros(session, Saisine, {f.saisine_id for f in fiches if f.saisine_id is not None})
    recommandations = _numeros(
        session, Recommandation, {f.recommandation_id for f in fiches if f.recommandation_id is not None}
    )
    points = tuple(
        LignePoint(
            f,
            noms.get(f.rapporteur_id, "") if f.rapporteur_id is not None else "",
            saisines.get(f.saisine_id, "") if f.saisine_id is not None else "",
            recommandations.get(f.recommandation_id, "") if f.recommandation_id is not None else "",
        )
        for f in fiches
    )
    return OrdreDuJour(seance.id, seance.reference, seance.heure_debut, seance.heure_fin, points)


def _numeros(session: Session, modele: type[Saisine] | type[Recommandation], ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    requete = select(modele.id, modele.numero).where(modele.id.in_(sorted(ids)))
    return {identifiant: numero for identifiant, numero in session.execute(requete)}


@dataclass(frozen=True)
class ChoixPoint:
    """What an agenda item may point to: persons (rapporteur), referrals and recommendations by number."""

    personnes: tuple[Choix, ...]
    saisines: tuple[Choix, ...]  # most recent first
    recommandations: tuple[Choix, ...]


def lire_choix_point(session: Session) -> ChoixPoint:
    personnes = sorted(
        session.execute(select(Personne.id, Personne.nom, Personne.prenom)), key=lambda t: cle_nom(t[1], t[2])
    )
    # Only referrals whose anonymisation a second person validated may reach an agenda.
    saisines = session.execute(
        select(Saisine.id, Saisine.numero)
        .where(Saisine.anonymisation_validee_par != "")
        .order_by(Saisine.annee.desc(), Saisine.rang.desc())
    )
    recommandations = session.execute(
        select(Recommandation.id, Recommandation.numero).order_by(
            Recommandation.annee.desc(), Recommandation.rang.desc()
        )
    )
    return ChoixPoint(
        personnes=tuple(Choix(i, f"{prenom} {nom}") for i, nom, prenom in personnes),
        saisines=tuple(Choix(i, numero) for i, numero in saisines),
        recommandations=tuple(Choix(i, numero) for i, numero in recommandations),
    )


def nature_pour_lien(nature: NaturePoint, saisine: bool, recommandation: bool) -> NaturePoint:
    """The kind an item takes when linked: a referral is examined (« Saisine »), an opinion adopted (« Avis »);
    a kind chosen on purpose (anything but « Information ») is kept."""
    if nature is not NaturePoint.INFORMATION:
        return nature
    if saisine:
        return NaturePoint.SAISINE
    return NaturePoint.AVIS if recommandation else nature
