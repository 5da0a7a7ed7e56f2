"""The demonstration base: a believable committee, 18 months of life around today's date.

    resume = creer_demo(base)   # refuses a base that already holds a committee or people

Deterministic for a given "today" (`app.horloge.aujourdhui`, fixed by COMITE_LOCAL_AUJOURDHUI): one seeded
random generator, written in one transaction. Installation about 16 months ago, meetings until 2 months ahead.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import horloge
from app.db import BaseDeDonnees
from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.modeles import (
    Action,
    College,
    Comite,
    ComiteMission,
    ComitePorteur,
    Diffusion,
    EchangeHcts,
    Instance,
    Mandat,
    NoteEvaluation,
    Personne,
    PointOrdreDuJour,
    Presence,
    Production,
    Recommandation,
    RetourParticipants,
    Seance,
    Structure,
)
from app.modeles.enumerations import (
    STATUTS_TENUS,
    CanalDiffusion,
    EtatPresence,
    FormatSeance,
    Mission,
    ModePresidence,
    MotifFinMandat,
    NatureComite,
    NaturePoint,
    NiveauInstance,
    NiveauRetour,
    PublicDiffusion,
    Qualite,
    QuestionRetour,
    Role,
    StatutAction,
    StatutRecommandation,
    StatutSeance,
    TypeInstance,
    TypeProduction,
    TypeTerritoire,
    Voix,
)
from app.services import demo_donnees as d
from app.services.calendrier import ajouter_mois
from app.services.demo_saisines import creer_saisines
from app.services.seances import PREFIXES

GRAINE = 2026
AVANCE_CONVOCATION = 7  # days sent ahead of the notice: the dashboard shows convened and to-convene meetings


class BaseNonVide(ErreurConnue):
    def __init__(self) -> None:
        super().__init__(
            "Cette base contient déjà des données : la démonstration ne s'installe que dans une base vide "
            "(indiquez un nouveau fichier avec --base)."
        )


@dataclass
class ResumeDemo:
    structures: int = 0
    personnes: int = 0
    seances: int = 0
    presences: int = 0
    saisines: int = 0
    recommandations: int = 0

    def __str__(self) -> str:
        return (
            f"{self.structures} structures, {self.personnes} personnes, {self.seances} séances, "
            f"{self.presences} présences, {self.saisines} saisines, {self.recommandations} recommandations"
        )


def _jour_de_reunion(jour: dt.date, semaine: int = 1) -> dt.date:
    """The Tuesday (1) or Thursday (3) on or after `jour`: committees meet mid-week."""
    while jour.weekday() != semaine:
        jour += dt.timedelta(days=1)
    return jour


@dataclass
class _Contexte:
    session: Session
    hasard: random.Random
    aujourdhui: dt.date
    installation: dt.date
    structures: dict[str, Structure] = field(default_factory=dict)
    personnes: dict[str, Personne] = field(default_factory=dict)
    colleges: dict[str, College] = field(default_factory=dict)
    instances: dict[str, Instance] = field(default_factory=dict)
    seances: dict[str, list[Seance]] = field(default_factory=lambda: defaultdict(list))
    mandats: list[Mandat] = field(default_factory=list)
    presents: dict[int, list[int]] = field(default_factory=dict)  # meeting id → persons present or in visio

    def mois(self, nombre: int, jour_semaine: int = 1) -> dt.date:
        return _jour_de_reunion(ajouter_mois(self.installation, nombre), jour_semaine)


def creer_demo(base: BaseDeDonnees) -> ResumeDemo:
    aujourdhui = horloge.aujourdhui()
    installation = _jour_de_reunion(ajouter_mois(aujourdhui.replace(day=1), -16))
    with base.session_scope() as session:
        if session.scalar(select(func.count()).select_from(Comite)) or session.scalar(
            select(func.count()).select_from(Personne)
        ):
            raise BaseNonVide()
        ctx = _Contexte(session, random.Random(GRAINE), aujourdhui, installation)
        _comite(ctx)
        _annuaire(ctx)
        _seances(ctx)
        _presences(ctx)
        _ordres_du_jour(ctx)
        nb_saisines, nb_recommandations = creer_saisines(session, aujourdhui, ctx.seances["ethique"], ctx.personnes)
        _productions(ctx)
        _evaluation(ctx)
        session.flush()
        return ResumeDemo(
            structures=len(ctx.structures),
            personnes=len(ctx.personnes),
            seances=sum(len(v) for v in ctx.seances.values()),
            presences=session.scalar(select(func.count()).select_from(Presence)) or 0,
            saisines=nb_saisines,
            recommandations=nb_recommandations,
        )


# --- committee and directory -------------------------------------------------------------------------------


def _comite(ctx: _Contexte) -> None:
    s = ctx.session
    for cle, (nom, type_structure, partenariat) in d.STRUCTURES.items():
        lettre = ctx.installation - dt.timedelta(days=30) if partenariat is not None else None
        ctx.structures[cle] = Structure(
            nom=nom, type=type_structure, partenariat=partenariat, lettre_engagement_le=lettre
        )
    s.add_all(ctx.structures.values())
    s.flush()
    comite = Comite(
        nom=d.NOM_COMITE,
        type_territoire=TypeTerritoire.DEPARTEMENT,
        territoire=d.TERRITOIRE,
        nature=NatureComite.CREATION,
        date_installation=ctx.installation,
        mode_presidence=ModePresidence.COLLEGIALE,
        thematiques="Partage d'informations entre professionnels ; attractivité des métiers du social ; "
        "participation des personnes accompagnées.",
        regles_saisine="Toute personne ou structure du territoire peut saisir l'instance éthique par courrier, "
        "courriel ou formulaire. Le secrétariat accuse réception sous 7 jours ; l'instance se prononce sur la "
        "recevabilité à sa séance suivante et rend un avis écrit dans les 90 jours.",
        secretariat="Assuré par la direction des solidarités du conseil départemental (0,5 ETP).",
        rythme_reunions="Plénière trois fois par an ; bureau et comité technique tous les deux mois ; "
        "groupes de travail toutes les six semaines ; instance éthique tous les deux mois.",
        moyens_humains="Une secrétaire (0,5 ETP), une chargée de mission (0,2 ETP) mise à disposition par la DDETS.",
        moyens_financiers="12 000 € par an (conseil départemental 8 000 €, DDETS 4 000 €) pour les journées "
        "d'étude et l'indemnisation des personnes accompagnées.",
        en_tete="Comité local du travail social et du développement social\nVallée-du-Lys",
    )
    comite.porteurs = [ComitePorteur(structure_id=ctx.structures[cle].id) for cle in ("cd", "ddets")]
    s.add(comite)
    comite.missions = [
        ComiteMission(code=Mission.ETHIQUE_DEONTOLOGIE),
        ComiteMission(code=Mission.ANALYSE_PARTAGEE),
        ComiteMission(code=Mission.SCHEMA_REGIONAL_FORMATIONS),
        ComiteMission(code=Mission.PROJETS_OPERATIONNELS),
        ComiteMission(code=None, libelle="Animation d'un réseau départemental des référents de parcours"),
    ]
    for ordre, (cle, nom, categorie) in enumerate(d.COLLEGES, start=1):
        ctx.colleges[cle] = College(nom=nom, categorie=categorie, ordre=ordre)
    s.add_all(ctx.colleges.values())
    instances: list[tuple[str, str, TypeInstance, NiveauInstance | None, int, int, bool, int]] = [
        ("pleniere", "Assemblée plénière", TypeInstance.PLENIERE, NiveauInstance.POLITIQUE_STRATEGIQUE, 1, 2, True, 15),
        ("bureau", "Bureau", TypeInstance.BUREAU, NiveauInstance.POLITIQUE_STRATEGIQUE, 1, 2, True, 8),
        ("ct", "Comité technique", TypeInstance.COMITE_TECHNIQUE, NiveauInstance.TECHNIQUE, 1, 3, True, 8),
    ]
    instances += [
        (f"gt{i}", nom, TypeInstance.GROUPE_TRAVAIL, NiveauInstance.TECHNIQUE, 0, 1, True, 5)
        for i, nom in enumerate(d.GROUPES, start=1)
    ]
    instances.append(("ethique", "Instance éthique et déontologie", TypeInstance.ETHIQUE, None, 1, 2, False, 10))
    for ordre, (cle, nom, type_, niveau, num, den, pouvoirs, delai) in enumerate(instances, start=1):
        ctx.instances[cle] = Instance(
            nom=nom,
            type=type_,
            niveau=niveau,
            quorum_numerateur=num,
            quorum_denominateur=den,
            pouvoirs_comptes=pouvoirs,
            delai_convocation_jours=delai,
            ordre=ordre,
        )
    s.add_all(ctx.instances.values())


def _courriel(prenom: str, nom: str) -> str:
    brut = f"{prenom}.{nom}".lower().replace(" ", "-").replace("'", "")
    sans_accents = unicodedata.normalize("NFKD", brut).encode("ascii", "ignore").decode()
    return f"{sans_accents}@exemple.fr"


def _annuaire(ctx: _Contexte) -> None:
    for numero, (cle, (prenom, nom, fonction, structure)) in enumerate(d.PERSONNES.items()):
        ctx.personnes[cle] = Personne(
            nom=nom,
            prenom=prenom,
            fonction=fonction,
            structure=ctx.structures[structure],
            courriel=_courriel(prenom, nom),
            telephone=f"02 41 {10 + numero:02d} {(numero * 37) % 100:02d} {(numero * 53) % 100:02d}",
            besoins_accessibilite="Boucle magnétique" if cle == "pa_gem" else "",
        )
    ctx.session.add_all(ctx.personnes.values())
    ctx.session.flush()

    installation = ctx.installation
    titulaires: dict[tuple[str, str], Mandat] = {}

    def mandat(
        instance: str,
        college: str,
        personne: str,
        qualite: Qualite = Qualite.TITULAIRE,
        *,
        titulaire: Mandat | None = None,
        role: str = "membre",
        voix: Voix = Voix.DELIBERATIVE,
        debut: dt.date = installation,
    ) -> Mandat:
        m = Mandat(
            personne_id=ctx.personnes[personne].id,
            instance_id=ctx.instances[instance].id,
            college_id=ctx.colleges[college].id,
            qualite=qualite,
            titulaire_id=titulaire.id if titulaire is not None else None,
            role=Role.de_code(role),
            voix=voix,
            debut=debut,
        )
        ctx.session.add(m)
        ctx.session.flush()  # suppléants need their titulaire's id
        ctx.mandats.append(m)
        if qualite is Qualite.TITULAIRE:
            titulaires[(instance, personne)] = m
        return m

    for college, sieges in d.PLENIERE.items():
        for titulaire, suppleant, role in sieges:
            t = mandat("pleniere", college, titulaire, role=role)
            if suppleant is not None:
                mandat("pleniere", college, suppleant, Qualite.SUPPLEANT, titulaire=t)
    for personne, college in d.PLENIERE_CONSULTATIFS:
        mandat("pleniere", college, personne, role="invite_permanent", voix=Voix.CONSULTATIVE)
    for college, personne, role in d.BUREAU:
        mandat("bureau", college, personne, role=role)
    for college, personne, role in d.COMITE_TECHNIQUE:
        mandat("ct", college, personne, role=role, debut=installation + dt.timedelta(days=14))
    for numero, membres in enumerate(d.GROUPES.values(), start=1):
        for college, personne, role in membres:
            mandat(f"gt{numero}", college, personne, role=role, debut=ajouter_mois(installation, 2))
    for college, personne, role in d.ETHIQUE:
        mandat("ethique", college, personne, role=role, debut=ajouter_mois(installation, 3))
    for college, personne, titulaire in d.ETHIQUE_SUPPLEANTS:
        mandat(
            "ethique",
            college,
            personne,
            Qualite.SUPPLEANT,
            titulaire=titulaires[("ethique", titulaire)],
            debut=ajouter_mois(installation, 3),
        )

    # Departures: the seat's mandate ends, the replacement takes over the next day, suppléants follow.
    for partant, remplacant, mois, motif in d.DEPARTS:
        ancien = titulaires[("pleniere", partant)]
        fin = ctx.mois(mois) - dt.timedelta(days=3)
        ancien.fin, ancien.motif_fin = fin, MotifFinMandat.de_code(motif)
        if remplacant is None:
            continue  # left vacant on purpose: the dashboard shows a seat without titulaire
        nouveau = mandat(
            "pleniere", _college_de(ancien, ctx), remplacant, role=ancien.role.value, debut=fin + dt.timedelta(days=1)
        )
        for ancien_suppleant in [m for m in ctx.mandats if m.titulaire_id == ancien.id]:
            ancien_suppleant.fin, ancien_suppleant.motif_fin = fin, MotifFinMandat.REMPLACEMENT
            mandat(
                "pleniere",
                _college_de(ancien_suppleant, ctx),
                _cle_personne(ctx, ancien_suppleant.personne_id),
                Qualite.SUPPLEANT,
                titulaire=nouveau,
                debut=fin + dt.timedelta(days=1),
            )
    # A working-group mandate that ends within the next 60 days (the dashboard warns about it).
    titulaires[("gt2", "iut")].fin = ctx.aujourdhui + dt.timedelta(days=40)
    titulaires[("gt2", "iut")].motif_fin = MotifFinMandat.TERME


def _college_de(mandat: Mandat, ctx: _Contexte) -> str:
    return next(cle for cle, c in ctx.colleges.items() if c.id == mandat.college_id)


def _cle_personne(ctx: _Contexte, personne_id: int) -> str:
    return next(cle for cle, p in ctx.personnes.items() if p.id == personne_id)


# --- meetings ----------------------------------------------------------------------------------------------


_LIEUX = {
    "pleniere": "Hôtel du département, salle des commissions",
    "bureau": "Direction des solidarités, salle 2.14",
    "ct": "Maison départementale des solidarités du Nord-Lys",
    "ethique": "IRTS, salle du conseil",
}


def _seances(ctx: _Contexte) -> None:
    """Dates first, statuses after: the past is held (minutes approved at the next one), the future planned."""
    plan: dict[str, list[tuple[dt.date, StatutSeance | None]]] = {
        "pleniere": [(ctx.mois(m, 3), None) for m in (0, 4, 8)]
        + [(ctx.mois(12, 3), StatutSeance.ANNULEE), (ctx.mois(13, 3), None)],
        "bureau": [(ctx.mois(m), None) for m in range(1, 19, 2)],
        "ct": [(ctx.mois(m, 3), None) for m in range(1, 19, 2)],
        "ethique": [(ctx.mois(m, 3), None) for m in range(3, 19, 2)],
    }
    # The plenary without quorum (month 8) is convened again three weeks later, without quorum required.
    plan["pleniere"].insert(3, (plan["pleniere"][2][0] + dt.timedelta(days=21), None))
    plan["pleniere"].append((_jour_de_reunion(ctx.aujourdhui + dt.timedelta(days=20), 3), None))
    plan["pleniere"].append((_jour_de_reunion(ctx.aujourdhui + dt.timedelta(days=75), 3), None))
    # One bureau postponed by a week.
    report = plan["bureau"][3][0]
    plan["bureau"][3] = (report, StatutSeance.REPORTEE)
    plan["bureau"].insert(4, (report + dt.timedelta(days=7), None))
    for numero in range(1, len(d.GROUPES) + 1):
        debut = ctx.mois(2, 1 + 2 * (numero % 2)) + dt.timedelta(days=7 * numero)
        plan[f"gt{numero}"] = [(debut + dt.timedelta(weeks=6 * k), None) for k in range(11)]

    for cle, dates in plan.items():
        instance = ctx.instances[cle]
        prefixe = PREFIXES[instance.type]
        if instance.type is TypeInstance.GROUPE_TRAVAIL:
            prefixe = f"{prefixe}{cle[2:]}"
        par_annee: dict[int, int] = defaultdict(int)
        passees = [j for j, statut in dates if j < ctx.aujourdhui and statut is None]
        for jour, statut in sorted(dates):
            par_annee[jour.year] += 1
            if statut is None:
                if jour >= ctx.aujourdhui:
                    # Convened once its convocation has gone, a week before the notice: never sent in the future.
                    envoi = jour - dt.timedelta(days=instance.delai_convocation_jours + AVANCE_CONVOCATION)
                    statut = StatutSeance.CONVOQUEE if envoi <= ctx.aujourdhui else StatutSeance.PLANIFIEE
                else:
                    statut = StatutSeance.CLOTUREE if jour != passees[-1] else StatutSeance.TENUE
            visio = cle.startswith("gt") and ctx.hasard.random() < 0.3
            seance = Seance(
                reference=f"{prefixe}-{jour.year}-{par_annee[jour.year]:02d}",
                instance_id=instance.id,
                date=jour,
                heure_debut=dt.time(14, 0) if cle != "bureau" else dt.time(9, 30),
                heure_fin=dt.time(17, 0) if cle != "bureau" else dt.time(11, 30),
                lieu="" if visio else _LIEUX.get(cle, "Maison des associations, salle B"),
                lien_visio="https://visio.exemple.fr/cltsds-" + cle if visio or cle == "ct" else "",
                format=FormatSeance.VISIO
                if visio
                else (FormatSeance.MIXTE if cle == "ct" else FormatSeance.PRESENTIEL),
                statut=statut,
            )
            if statut in (StatutSeance.CONVOQUEE, StatutSeance.TENUE, StatutSeance.CLOTUREE):
                avance = instance.delai_convocation_jours + AVANCE_CONVOCATION
                seance.convocation_envoyee_le = jour - dt.timedelta(days=avance)
            ctx.seances[cle].append(seance)
        ctx.session.add_all(ctx.seances[cle])
    ctx.session.flush()
    for seances in ctx.seances.values():
        tenues = [s for s in seances if s.statut in STATUTS_TENUS]
        for precedente, suivante in itertools.pairwise(tenues):
            # Minutes approved at the next held meeting of the instance.
            precedente.pv_approuve_le = suivante.date
            precedente.pv_approuve_en_id = suivante.id
    # The plenary of March 2026 missed its quorum: its second convocation went out in urgency.
    initiale, seconde = ctx.seances["pleniere"][2], ctx.seances["pleniere"][3]
    seconde.seconde_convocation_de_id = initiale.id
    seconde.motif_urgence = "Seconde convocation après la séance du 5 mars 2026, restée sans quorum."
    seconde.convocation_envoyee_le = seconde.date - dt.timedelta(days=10)
    ctx.session.flush()


# --- attendance --------------------------------------------------------------------------------------------

# collège → probabilities of (present, visio, excusé, représenté) for a titulaire; the rest is absent.
_PROFILS = {
    "elus": (0.62, 0.08, 0.18, 0.07),
    "institutions": (0.64, 0.10, 0.15, 0.05),
    "ts": (0.68, 0.10, 0.13, 0.03),
    "pa": (0.55, 0.05, 0.22, 0.05),
    "formation": (0.60, 0.12, 0.18, 0.04),
    "pq": (0.70, 0.05, 0.20, 0.00),
}
_BUREAU = (0.80, 0.08, 0.10, 0.02)  # the bureau's few members rarely miss it
_SANS_QUORUM = (0.28, 0.02, 0.40, 0.0)


def _tirer_etat(hasard: random.Random, profil: tuple[float, float, float, float]) -> EtatPresence:
    tirage = hasard.random()
    for etat, seuil in zip(
        (EtatPresence.PRESENT, EtatPresence.VISIO, EtatPresence.EXCUSE, EtatPresence.REPRESENTE), profil, strict=True
    ):
        if tirage < seuil:
            return etat
        tirage -= seuil
    return EtatPresence.ABSENT


def _presences(ctx: _Contexte) -> None:
    colleges = {c.id: cle for cle, c in ctx.colleges.items()}
    sans_quorum = ctx.seances["pleniere"][2]
    pouvoir_caduc = next(s for s in ctx.seances["bureau"] if s.statut in STATUTS_TENUS)
    lignes: list[Presence] = []
    for cle, seances in ctx.seances.items():
        instance = ctx.instances[cle]
        mandats = [m for m in ctx.mandats if m.instance_id == instance.id]
        for seance in seances:
            if seance.statut not in STATUTS_TENUS:
                continue
            actifs = [m for m in mandats if m.actif_le(seance.date)]
            etats = _etats_de_seance(ctx, seance, actifs, colleges, sans_quorum=seance is sans_quorum)
            if seance is pouvoir_caduc:
                _pouvoir_caduc(etats, actifs)
            membres = {m.personne_id for m in mandats if m.actif_le(seance.date)}
            if cle == "pleniere" or cle.startswith("gt"):
                for invite in ctx.hasard.sample(d.INVITES, ctx.hasard.choice((0, 1, 1, 2))):
                    personne_id = ctx.personnes[invite].id
                    if personne_id not in membres:
                        etats[personne_id] = (EtatPresence.PRESENT, None)
            ctx.presents[seance.id] = sorted(
                p for p, (etat, _) in etats.items() if etat in (EtatPresence.PRESENT, EtatPresence.VISIO)
            )
            _bureau_de_seance(seance, actifs, set(ctx.presents[seance.id]))
            lignes += [
                Presence(seance_id=seance.id, personne_id=p, etat=etat, pouvoir_a_id=porteur)
                for p, (etat, porteur) in etats.items()
            ]
    ctx.session.add_all(lignes)
    ctx.session.flush()


def _bureau_de_seance(seance: Seance, actifs: list[Mandat], presents: set[int]) -> None:
    """The chair and the secretary of a held meeting, among those present (by their role in the instance)."""

    def present_avec(*roles: Role) -> int | None:
        for role in roles:
            for m in actifs:
                if m.role is role and m.personne_id in presents:
                    return m.personne_id
        return None

    seance.president_seance_id = present_avec(Role.PRESIDENT, Role.VICE_PRESIDENT)
    seance.secretaire_seance_id = present_avec(Role.SECRETARIAT, Role.RAPPORTEUR)


def _etats_de_seance(
    ctx: _Contexte, seance: Seance, actifs: list[Mandat], colleges: dict[int, str], *, sans_quorum: bool
) -> dict[int, tuple[EtatPresence, int | None]]:
    hasard = ctx.hasard
    etats: dict[int, tuple[EtatPresence, int | None]] = {}
    titulaires = [m for m in actifs if m.qualite is Qualite.TITULAIRE and m.voix is Voix.DELIBERATIVE]
    for m in titulaires:
        profil = _PROFILS[colleges[m.college_id]]
        if sans_quorum:
            profil = _SANS_QUORUM
        elif seance.instance_id == ctx.instances["bureau"].id:
            profil = _BUREAU
        etats[m.personne_id] = (_tirer_etat(hasard, profil), None)
    for m in actifs:
        if m.qualite is Qualite.SUPPLEANT and m.personne_id not in etats:
            titulaire = next((t for t in titulaires if t.id == m.titulaire_id), None)
            if titulaire is None:
                continue  # the titulaire has left: this suppléant stands in for nobody
            etat_titulaire = etats[titulaire.personne_id][0]
            vient = etat_titulaire in (EtatPresence.EXCUSE, EtatPresence.ABSENT) and not sans_quorum
            if (vient and hasard.random() < 0.6) or hasard.random() < 0.04:
                etats[m.personne_id] = (EtatPresence.PRESENT, None)
        elif m.voix is Voix.CONSULTATIVE:
            etats[m.personne_id] = (EtatPresence.PRESENT if hasard.random() < 0.6 else EtatPresence.EXCUSE, None)
    # Proxies go to a titulaire who came and does not carry one yet.
    porteurs = [
        t.personne_id for t in titulaires if etats[t.personne_id][0] in (EtatPresence.PRESENT, EtatPresence.VISIO)
    ]
    for t in titulaires:
        if etats[t.personne_id][0] is EtatPresence.REPRESENTE:
            if porteurs:
                etats[t.personne_id] = (EtatPresence.REPRESENTE, porteurs.pop(hasard.randrange(len(porteurs))))
            else:
                etats[t.personne_id] = (EtatPresence.EXCUSE, None)
    # Some absences are simply not written down.
    for personne_id, (etat, _) in list(etats.items()):
        if etat is EtatPresence.ABSENT and hasard.random() < 0.3:
            del etats[personne_id]
    return etats


def _pouvoir_caduc(etats: dict[int, tuple[EtatPresence, int | None]], actifs: list[Mandat]) -> None:
    """A proxy given to someone who then did not come: the seat counts as excusé (CONCEPTION §3)."""
    donneur, porteur = (m.personne_id for m in actifs[1:3])
    for personne_id, (_etat, vers) in list(etats.items()):
        if vers in (donneur, porteur) or personne_id == porteur:
            etats[personne_id] = (EtatPresence.EXCUSE, None)
    etats[porteur] = (EtatPresence.EXCUSE, None)
    etats[donneur] = (EtatPresence.REPRESENTE, porteur)


# --- agendas, minutes and actions --------------------------------------------------------------------------


def _ordres_du_jour(ctx: _Contexte) -> None:
    hasard, session = ctx.hasard, ctx.session
    actions: list[tuple[Seance, PointOrdreDuJour, int]] = []
    for cle, seances in ctx.seances.items():
        instance = ctx.instances[cle]
        membres = sorted({m.personne_id for m in ctx.mandats if m.instance_id == instance.id})
        precedente: Seance | None = None
        for seance in seances:
            tenue = seance.statut in STATUTS_TENUS
            presents = ctx.presents.get(seance.id, [])
            titres = []
            if precedente is not None and cle in ("pleniere", "bureau", "ct", "ethique"):
                titres.append(
                    (f"Approbation du procès-verbal de la séance du {date_longue(precedente.date)}", "decision")
                )
            titres += hasard.sample(d.POINTS[instance.type.value], 3)
            for rang, (titre, nature) in enumerate(titres, start=1):
                point = PointOrdreDuJour(
                    seance=seance,
                    rang=rang,
                    titre=titre,
                    nature=NaturePoint.de_code(nature),
                    rapporteur_id=hasard.choice(membres),
                    duree_minutes=hasard.choice((15, 20, 30, 45)),
                )
                if tenue:
                    _compte_rendu(hasard, point, len(presents))
                    if cle in ("pleniere", "bureau", "ct") and nature in ("decision", "debat") and rang > 1:
                        actions.append((seance, point, hasard.choice(presents or membres)))
                session.add(point)
            if tenue:
                precedente = seance
    session.flush()
    for seance, point, responsable in actions[::2]:
        echeance = seance.date + dt.timedelta(days=hasard.choice((21, 30, 45, 60)))
        soldee_le = None
        if echeance < ctx.aujourdhui - dt.timedelta(days=20):
            statut = StatutAction.FAITE if hasard.random() < 0.85 else StatutAction.ABANDONNEE
            soldee_le = echeance - dt.timedelta(days=hasard.choice((0, 3, 10)))
        else:
            statut = hasard.choice((StatutAction.A_FAIRE, StatutAction.EN_COURS))
        session.add(
            Action(
                texte=hasard.choice(d.ACTIONS),
                responsable_id=responsable,
                echeance=echeance,
                statut=statut,
                point_origine_id=point.id,
                seance_origine_id=seance.id,
                soldee_le=soldee_le,
            )
        )


def _compte_rendu(hasard: random.Random, point: PointOrdreDuJour, votants: int) -> None:
    point.resume = (
        "Le rapporteur présente le point. Les membres échangent sur les constats de terrain "
        "et les suites possibles ; plusieurs propositions sont retenues pour la prochaine séance."
    )
    if point.nature in (NaturePoint.DECISION, NaturePoint.AVIS) and votants:
        contre = hasard.choice((0, 0, 0, 1, 2))
        abstention = hasard.choice((0, 0, 1, 2, 3))
        point.vote_pour = max(votants - contre - abstention, 0)
        point.vote_contre, point.vote_abstention = contre, abstention
        point.decision = "Adopté." if point.nature is NaturePoint.DECISION else "Avis favorable."
        if contre:
            point.opinions_divergentes = "Un membre demande que soit consigné son désaccord sur le calendrier retenu."


# --- productions, exchanges with the HCTS, evaluation material ---------------------------------------------


def _productions(ctx: _Contexte) -> None:
    session, hasard = ctx.session, ctx.hasard
    publiee = session.scalar(select(Recommandation).where(Recommandation.statut == StatutRecommandation.PUBLIEE))
    for type_, titre, mission, instance, mois in d.PRODUCTIONS:
        jour = ctx.mois(mois)
        if jour > ctx.aujourdhui:
            continue
        production = Production(
            type=type_,
            titre=titre,
            mission=mission,
            instance_id=ctx.instances[instance].id,
            date=jour,
            description=f"{titre}, réalisé(e) par le comité local.",
        )
        for n in range(hasard.choice((1, 2, 3))):
            production.diffusions.append(
                Diffusion(
                    canal=hasard.choice(list(CanalDiffusion)),
                    public=hasard.choice(list(PublicDiffusion)),
                    date=jour + dt.timedelta(days=7 + 14 * n),
                    nombre_atteint=hasard.choice((25, 40, 80, 150, 320)),
                )
            )
        session.add(production)
    if publiee is not None and publiee.publiee_le is not None:
        avis = Production(
            type=TypeProduction.RECOMMANDATION,
            titre=publiee.titre,
            mission=Mission.ETHIQUE_DEONTOLOGIE,
            instance_id=ctx.instances["ethique"].id,
            recommandation_id=publiee.id,
            date=publiee.publiee_le,
        )
        avis.diffusions = [
            Diffusion(
                canal=CanalDiffusion.SITE_INTERNET,
                public=PublicDiffusion.GRAND_PUBLIC,
                date=publiee.publiee_le,
                nombre_atteint=None,
            ),
            Diffusion(
                canal=CanalDiffusion.LETTRE_INFORMATION,
                public=PublicDiffusion.TRAVAILLEURS_SOCIAUX,
                date=publiee.publiee_le + dt.timedelta(days=10),
                nombre_atteint=1200,
            ),
            Diffusion(
                canal=CanalDiffusion.COURRIEL,
                public=PublicDiffusion.HCTS,
                date=publiee.publiee_le + dt.timedelta(days=2),
                nombre_atteint=1,
            ),
        ]
        session.add(avis)
    for mois, sens, objet, suite in d.ECHANGES_HCTS:
        session.add(EchangeHcts(date=ctx.mois(mois), sens=sens, objet=objet, suite_donnee=suite))


def _evaluation(ctx: _Contexte) -> None:
    session, hasard = ctx.session, ctx.hasard
    for rang, (sous_domaine, rubrique, texte) in enumerate(d.NOTES):
        jour = ctx.mois(2 + rang)
        session.add(
            NoteEvaluation(date=min(jour, ctx.aujourdhui), sous_domaine=sous_domaine, rubrique=rubrique, texte=texte)
        )
    for cle in ("pleniere", "gt1", "gt2", "gt3"):
        for seance in ctx.seances[cle]:
            if seance.statut not in STATUTS_TENUS:
                continue
            repondants = max(len(ctx.presents[seance.id]) - hasard.randrange(3), 0)
            for question in QuestionRetour:
                poids = (0.45, 0.4, 0.12, 0.03) if question is QuestionRetour.INTERET else (0.35, 0.45, 0.15, 0.05)
                comptes = dict.fromkeys(NiveauRetour, 0)
                for niveau in hasard.choices(list(NiveauRetour), weights=poids, k=repondants):
                    comptes[niveau] += 1
                session.add_all(
                    RetourParticipants(seance_id=seance.id, question=question, niveau=niveau, nombre=nombre)
                    for niveau, nombre in comptes.items()
                )
