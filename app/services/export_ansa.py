"""The ANSA evaluation workbook (CONCEPTION §5): the base read for a period into `ClasseurAnsa`, then xlsx bytes.

Every figure of CONCEPTION §3 comes from the result of `indicateurs.calculer` for the same period (one definition
per figure: nothing here recomputes a rate); the data sheets only add the rows those figures are made of, and the
grid adds plain counts of what is recorded (partners, exchanges with the HCTS, questionnaire answers…), each
defined in the `Définitions` sheet.

The Présences sheet holds one row per expected seat with its state (not one per presence record): those seats are
what the rates count, so a reader can redo each meeting's arithmetic with a filter. Past
`SEUIL_PRESENCES_DETAILLEES` seats it holds one row per meeting and collège, counted by state (CONCEPTION §5).

Members travel under a stable pseudonymous code made from their id (« M-0042 »), names only when asked for.
Referrals travel by number and requester's kind: the requester's identity is never read here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.donnees_ansa import (
    Chiffre,
    ClasseurAnsa,
    Definition,
    ElementGrille,
    FeuilleGrille,
    LigneDiffusion,
    LigneMembre,
    LignePresence,
    LignePresenceAgregee,
    LigneProduction,
    LigneSaisine,
    LigneSeance,
    NoteGrille,
)
from app.horloge import aujourdhui
from app.modeles import (
    Comite,
    ComiteMission,
    ComitePorteur,
    Diffusion,
    EchangeHcts,
    Instance,
    NoteEvaluation,
    PointOrdreDuJour,
    Production,
    RetourParticipants,
    Saisine,
    SaisineTheme,
    Seance,
    Structure,
)
from app.modeles.enumerations import (
    STATUTS_TENUS,
    CanalDiffusion,
    CategorieCollege,
    NaturePoint,
    NiveauRetour,
    Partenariat,
    PublicDiffusion,
    QuestionRetour,
    RubriqueNote,
    SensEchange,
    SousDomaine,
    StatutSeance,
    ThemeEthique,
    TypeProduction,
)
from app.services import definitions
from app.services.calendrier import ajouter_mois
from app.services.indicateurs import Periode, calculer, evaluer_seances
from app.services.normalisation import normaliser
from app.services.sieges import EtatSiege

SEUIL_PRESENCES_DETAILLEES = 200_000
"""Past this many expected seats, the Présences sheet holds one row per meeting and collège (Excel's limit is
1,048,576 rows a sheet; a realistic committee has a few thousand seats over several years)."""

LIBELLES_ETATS = {
    EtatSiege.PRESENT: "Présent",
    EtatSiege.SUPPLEE: "Suppléé",
    EtatSiege.REPRESENTE: "Représenté",
    EtatSiege.EXCUSE: "Excusé",
    EtatSiege.ABSENT: "Absent",
}

NOMS_FEUILLES = {
    SousDomaine.LANCEMENT: "1.1 Lancement",
    SousDomaine.MOBILISATION: "1.2 Mobilisation",
    SousDomaine.INSTALLATION: "1.3 Installation et déroulement",
    SousDomaine.REALISATIONS: "2.1 Réalisations",
    SousDomaine.PREMIERS_CONSTATS: "2.2 Premiers constats",
    SousDomaine.COOPERATION_HCTS: "3 Coopération HCTS",
    SousDomaine.ACCOMPAGNEMENT: "4 Accompagnement",
}


def code_membre(personne_id: int) -> str:
    """The stable pseudonymous code of a person: the same base always gives the same code."""
    return f"M-{personne_id:04d}"


def _taux_affiche(libelle: str, taux: float | None) -> Chiffre:
    return Chiffre(libelle, taux, "pourcentage")


def _renvoi(*rubriques: RubriqueNote) -> str:
    if not rubriques:
        return "Réponse qualitative : voir les notes datées plus bas."
    noms = ", ".join(r.libelle for r in rubriques)
    return f"Voir aussi les notes datées plus bas (rubriques : {noms})."


class _Lecture:
    """What the workbook needs besides `calculer`'s result, read once."""

    def __init__(self, session: Session, periode: Periode, noms: bool) -> None:
        self.session = session
        self.periode = periode
        self.noms = noms
        self.resultat: dict[str, Any] = calculer(session, periode)
        self.donnees, self.evaluees = evaluer_seances(session, periode)
        self.comite = session.scalar(select(Comite).order_by(Comite.id).limit(1))
        self.colleges = {c.id: c.nom for c in self.donnees.colleges}
        self.formats = {
            r.id: r.format.libelle
            for r in session.execute(select(Seance.id, Seance.format).where(Seance.statut.in_(sorted(STATUTS_TENUS))))
        }

    def nom_complet(self, personne_id: int) -> str:
        nom, prenom, _structure = self.donnees.personnes[personne_id]
        return f"{prenom} {nom}" if self.noms else ""


# --- data sheets ----------------------------------------------------------------------------------------------


def _seances(lecture: _Lecture) -> tuple[LigneSeance, ...]:
    lignes = []
    for bloc, evaluee in zip(lecture.resultat["seances"], lecture.evaluees, strict=True):
        assert bloc["reference"] == evaluee.seance.reference  # the same meetings in the same order
        lignes.append(
            LigneSeance(
                reference=bloc["reference"],
                instance=bloc["instance"],
                date=dt.date.fromisoformat(bloc["date"]),
                format=lecture.formats.get(evaluee.seance.id, ""),
                attendus=bloc["attendus"],
                presents=bloc["presents"],
                supplees=bloc["supplees"],
                representes=bloc["representes"],
                excuses=bloc["excuses"],
                absents=bloc["absents"],
                taux_presence=bloc["taux_presence"],
                quorum_atteint=bloc["quorum_atteint"],
            )
        )
    return tuple(lignes)


def _ordre_colleges(lecture: _Lecture) -> dict[int, int]:
    return {c.id: rang for rang, c in enumerate(lecture.donnees.colleges)}


def _presences(lecture: _Lecture) -> tuple[bool, tuple[LignePresence, ...], tuple[LignePresenceAgregee, ...]]:
    total = sum(len(e.sieges) for e in lecture.evaluees)
    ordre = _ordre_colleges(lecture)
    instances = lecture.donnees.instances
    if total <= SEUIL_PRESENCES_DETAILLEES:
        detail = []
        for evaluee in lecture.evaluees:
            s = evaluee.seance
            sieges = sorted(evaluee.sieges, key=lambda g: (ordre[g.mandat.college_id], g.mandat.personne_id))
            for siege in sieges:
                detail.append(
                    LignePresence(
                        seance=s.reference,
                        date=s.date,
                        instance=instances[s.instance_id].nom,
                        code=code_membre(siege.mandat.personne_id),
                        nom=lecture.nom_complet(siege.mandat.personne_id),
                        college=lecture.colleges[siege.mandat.college_id],
                        etat=LIBELLES_ETATS[siege.etat],
                    )
                )
        return True, tuple(detail), ()
    agregees = []
    for evaluee in lecture.evaluees:
        s = evaluee.seance
        par_college: dict[int, Counter[EtatSiege]] = defaultdict(Counter)
        for siege in evaluee.sieges:
            par_college[siege.mandat.college_id][siege.etat] += 1
        for college_id in sorted(par_college, key=ordre.__getitem__):
            c = par_college[college_id]
            agregees.append(
                LignePresenceAgregee(
                    seance=s.reference,
                    date=s.date,
                    instance=instances[s.instance_id].nom,
                    college=lecture.colleges[college_id],
                    attendus=sum(c.values()),
                    presents=c[EtatSiege.PRESENT],
                    supplees=c[EtatSiege.SUPPLEE],
                    representes=c[EtatSiege.REPRESENTE],
                    excuses=c[EtatSiege.EXCUSE],
                    absents=c[EtatSiege.ABSENT],
                )
            )
    return False, (), tuple(agregees)


def _personnes_dans_l_ordre_des_membres(lecture: _Lecture) -> list[int]:
    """The ids of the persons of `calculer`'s « membres », in its order (it carries names, not ids).

    `calculer` lists the persons in the order their first expected seat appears, then sorts them stably by
    name: doing the same on the same evaluated meetings gives the same order, homonyms included.
    """
    vus: dict[int, None] = {}
    for evaluee in lecture.evaluees:
        for siege in evaluee.sieges:
            vus.setdefault(siege.mandat.personne_id, None)
    personnes = lecture.donnees.personnes

    def cle(personne_id: int) -> tuple[str, str, str, str]:
        nom, prenom, _ = personnes[personne_id]
        return normaliser(nom), normaliser(prenom), nom, prenom

    return sorted(vus, key=cle)


def _membres(lecture: _Lecture) -> tuple[LigneMembre, ...]:
    ids = _personnes_dans_l_ordre_des_membres(lecture)
    lignes = []
    for personne_id, bloc in zip(ids, lecture.resultat["membres"], strict=True):
        nom, prenom, _ = lecture.donnees.personnes[personne_id]
        assert (nom, prenom) == (bloc["nom"], bloc["prenom"])
        lignes.append(
            LigneMembre(
                code=code_membre(personne_id),
                nom=nom if lecture.noms else "",
                prenom=prenom if lecture.noms else "",
                college=bloc["college"] or "",
                seances_attendues=bloc["seances_attendues"],
                seances_presentes=bloc["seances_presentes"],
                assiduite=bloc["assiduite"],
            )
        )
    if not lecture.noms:
        lignes.sort(key=lambda ligne: ligne.code)  # by name, the order itself would tell who is who
    return tuple(lignes)


def _saisines(session: Session, periode: Periode) -> tuple[LigneSaisine, ...]:
    themes: dict[int, list[ThemeEthique]] = defaultdict(list)
    for saisine_id, theme in session.execute(select(SaisineTheme.saisine_id, SaisineTheme.theme)):
        themes[saisine_id].append(theme)
    ordre_themes = {t: rang for rang, t in enumerate(ThemeEthique)}
    lignes = []
    for s in session.scalars(select(Saisine).order_by(Saisine.recue_le, Saisine.numero)):
        jours = (s.recue_le, s.recevable_le, s.transmise_le)
        if not any(j is not None and periode.contient(j) for j in jours):
            continue
        lignes.append(
            LigneSaisine(
                numero=s.numero,
                recue_le=s.recue_le,
                canal=s.canal.libelle,
                type_demandeur=s.type_demandeur.libelle,
                themes=", ".join(t.libelle for t in sorted(themes[s.id], key=ordre_themes.__getitem__)),
                statut=s.statut.libelle,
                recevable_le=s.recevable_le,
                transmise_le=s.transmise_le,
                delai_jours=None if s.transmise_le is None else (s.transmise_le - s.recue_le).days,
            )
        )
    return tuple(lignes)


def _productions(session: Session, periode: Periode) -> tuple[tuple[LigneProduction, ...], tuple[LigneDiffusion, ...]]:
    instances: dict[int, str] = {r.id: r.nom for r in session.execute(select(Instance.id, Instance.nom))}
    productions = list(session.scalars(select(Production).order_by(Production.date, Production.titre, Production.id)))
    par_id = {p.id: p for p in productions}
    diffusions = [
        d for d in session.scalars(select(Diffusion).order_by(Diffusion.date, Diffusion.id)) if periode.contient(d.date)
    ]
    lignes_p = tuple(
        LigneProduction(
            titre=p.titre,
            type=p.type.libelle,
            mission=p.mission.libelle if p.mission is not None else "",
            instance=instances.get(p.instance_id, "") if p.instance_id is not None else "",
            date=p.date,
            diffusions=sum(1 for d in diffusions if d.production_id == p.id),
        )
        for p in productions
        if periode.contient(p.date)
    )
    lignes_d = tuple(
        LigneDiffusion(
            production=par_id[d.production_id].titre,
            type_production=par_id[d.production_id].type.libelle,
            canal=d.canal.libelle,
            public=d.public.libelle,
            date=d.date,
            nombre_atteint=d.nombre_atteint,
        )
        for d in diffusions
    )
    return lignes_p, lignes_d


# --- grid sheets ----------------------------------------------------------------------------------------------


def _notes(session: Session, periode: Periode) -> dict[SousDomaine, tuple[NoteGrille, ...]]:
    notes: dict[SousDomaine, list[NoteGrille]] = defaultdict(list)
    requete = select(NoteEvaluation).order_by(NoteEvaluation.date, NoteEvaluation.id)
    for n in session.scalars(requete):
        if periode.contient(n.date):
            notes[n.sous_domaine].append(NoteGrille(n.date, n.rubrique.libelle, n.texte))
    return {s: tuple(notes[s]) for s in SousDomaine}


def _lancement(lecture: _Lecture) -> tuple[ElementGrille, ...]:
    session, comite = lecture.session, lecture.comite
    porteurs: list[str] = []
    missions: list[str] = []
    if comite is not None:
        porteurs = list(
            session.scalars(
                select(Structure.nom)
                .join(ComitePorteur, ComitePorteur.structure_id == Structure.id)
                .where(ComitePorteur.comite_id == comite.id)
                .order_by(Structure.nom)
            )
        )
        for code, libelle in session.execute(
            select(ComiteMission.code, ComiteMission.libelle)
            .where(ComiteMission.comite_id == comite.id)
            .order_by(ComiteMission.id)
        ):
            missions.append(code.libelle if code is not None else libelle)
    partenariats = Counter(session.scalars(select(Structure.partenariat)))
    lettres = session.scalars(select(Structure.lettre_engagement_le)).all()
    nature = comite.nature.libelle if comite is not None and comite.nature is not None else ""
    presidence = comite.mode_presidence.libelle if comite is not None and comite.mode_presidence is not None else ""
    territoire = ""
    if comite is not None:
        genre = comite.type_territoire.libelle if comite.type_territoire is not None else ""
        territoire = " — ".join(t for t in (genre, comite.territoire) if t)
    return (
        ElementGrille(
            "Pilotage de la démarche",
            (
                Chiffre("Nature de la démarche", nature, "texte"),
                Chiffre("Date d'installation", comite.date_installation if comite else None, "date"),
                Chiffre("Mode de présidence", presidence, "texte"),
                Chiffre("Instances du comité", len(lecture.donnees.instances)),
            ),
            _renvoi(),
        ),
        ElementGrille(
            "Nature des porteurs de la préfiguration : partenariats déjà existants, partenariats nouveaux, "
            "intérêts communs",
            (
                Chiffre("Structures porteuses", ", ".join(porteurs), "texte"),
                Chiffre("Structures partenaires enregistrées", sum(partenariats.values())),
                Chiffre("dont partenariat existant", partenariats[Partenariat.EXISTANT]),
                Chiffre("dont partenariat nouveau", partenariats[Partenariat.NOUVEAU]),
                Chiffre("dont partenariat non renseigné", partenariats[None]),
                Chiffre("Lettres d'engagement reçues", sum(1 for d in lettres if d is not None)),
            ),
            _renvoi(RubriqueNote.LEVIERS),
        ),
        ElementGrille("Déroulement de la phase de concertation", (), _renvoi()),
        ElementGrille(
            "Définition du périmètre de l'instance", (Chiffre("Territoire", territoire, "texte"),), _renvoi()
        ),
        ElementGrille(
            "Définition des objectifs de l'instance et mise en œuvre",
            (
                Chiffre("Missions retenues", len(missions)),
                Chiffre("Intitulé des missions", " ; ".join(missions), "texte"),
            ),
            _renvoi(),
        ),
    )


def _categorie(college: str, categorie: str) -> str:
    return "" if not categorie or normaliser(categorie) == normaliser(college) else f" ({categorie})"


def _mobilisation(lecture: _Lecture) -> tuple[ElementGrille, ...]:
    r = lecture.resultat
    colleges = r["colleges"]
    libelles_categories = {c.value: c.libelle for c in CategorieCollege}
    participation = (
        Chiffre("Séances tenues dans la période", len(r["seances"])),
        Chiffre("Sièges attendus (toutes séances tenues)", sum(c["attendus"] for c in colleges)),
        Chiffre("Sièges tenus : présents ou suppléés", sum(c["presents"] + c["supplees"] for c in colleges)),
        Chiffre("Membres ayant au moins un siège attendu (assiduité : feuille « Membres »)", len(r["membres"])),
        Chiffre("Séances où le quorum est atteint", sum(1 for s in r["seances"] if s["quorum_atteint"])),
    )
    diversite = tuple(
        _taux_affiche(
            f"Collège « {c['college']} »{_categorie(c['college'], libelles_categories.get(c['categorie'], ''))} : "
            f"taux de présence sur {c['attendus']} sièges attendus",
            c["taux_presence"],
        )
        for c in colleges
    )
    return (
        ElementGrille(
            "Modalités d'information, formes de sollicitations et critères de sélection des membres du comité local",
            (Chiffre("Collèges", len(colleges)),),
            _renvoi(),
        ),
        ElementGrille(
            "Niveau de participation : taux de présence et d'assiduité, leviers et freins observés",
            participation,
            _renvoi(RubriqueNote.LEVIERS, RubriqueNote.DIFFICULTES),
        ),
        ElementGrille(
            "Effectivité et diversité du partenariat dont travailleurs sociaux et personnes accompagnées",
            diversite,
            "Taux de présence de chaque séance : feuille « Séances » ; chaque siège : feuille « Présences ».",
        ),
    )


def _installation(lecture: _Lecture) -> tuple[ElementGrille, ...]:
    session, r = lecture.session, lecture.resultat
    par_instance = Counter(s["instance"] for s in r["seances"])
    formats = Counter(lecture.formats.get(e.seance.id, "") for e in lecture.evaluees)
    rythme = lecture.comite.rythme_reunions if lecture.comite is not None else ""
    ids = [e.seance.id for e in lecture.evaluees]
    natures: Counter[NaturePoint] = Counter()
    if ids:
        natures.update(session.scalars(select(PointOrdreDuJour.nature).where(PointOrdreDuJour.seance_id.in_(ids))))
    prevues = session.scalars(
        select(Seance.date).where(Seance.statut.in_((StatutSeance.PLANIFIEE, StatutSeance.CONVOQUEE)))
    ).all()
    derniere = max(prevues) if prevues else None
    return (
        ElementGrille(
            "Format des réunions : mode d'animation, rythme et régularité",
            (
                Chiffre("Rythme des réunions (tel qu'enregistré)", rythme, "texte"),
                *(Chiffre(f"Séances tenues — {instance}", n) for instance, n in sorted(par_instance.items())),
                *(Chiffre(f"Séances tenues — format : {f}", n) for f, n in sorted(formats.items()) if f),
            ),
            _renvoi(RubriqueNote.DYNAMIQUES),
        ),
        ElementGrille(
            "Choix des sujets à traiter ; modalités d'arbitrage",
            tuple(Chiffre(f"Points d'ordre du jour — {n.libelle}", natures[n]) for n in NaturePoint),
            _renvoi(),
        ),
        ElementGrille(
            "Planification des travaux et projection dans le temps",
            (
                Chiffre("Séances planifiées ou convoquées (pas encore tenues)", len(prevues)),
                Chiffre("Date de la dernière séance prévue", derniere, "date"),
            ),
            _renvoi(),
        ),
    )


def _realisations(lecture: _Lecture, diffusions: Iterable[LigneDiffusion]) -> tuple[ElementGrille, ...]:
    r = lecture.resultat
    par_type = r["productions"]["par_type"]
    par_canal = r["productions"]["diffusions_par_canal"]
    diffusions = list(diffusions)
    par_public = Counter(d.public for d in diffusions)
    atteints: Counter[str] = Counter()
    for d in diffusions:
        atteints[d.public] += d.nombre_atteint or 0
    return (
        ElementGrille(
            "Productions et contenus",
            (
                *(Chiffre(f"Productions — {t.libelle}", par_type[t.value]) for t in TypeProduction),
                Chiffre("Avis et recommandations adoptés", r["recommandations"]["adoptees"]),
                Chiffre("Avis et recommandations publiés", r["recommandations"]["publiees"]),
            ),
            "Détail : feuille « Productions ».",
        ),
        ElementGrille(
            "Productions et contenus : saisines de l'instance éthique",
            (
                Chiffre("Saisines reçues", r["saisines"]["recues"]),
                Chiffre("Saisines déclarées recevables", r["saisines"]["recevables"]),
                Chiffre("Avis rendus sur saisine (transmis)", r["saisines"]["avis_rendus"]),
                Chiffre("Délai médian de traitement (jours)", r["saisines"]["delai_median_jours"], "decimal"),
                *(
                    Chiffre(f"Saisines reçues — thème : {t.libelle}", r["saisines"]["par_theme"][t.value])
                    for t in ThemeEthique
                ),
            ),
            "Détail : feuille « Saisines ».",
        ),
        ElementGrille(
            "Canaux de communication utilisés pour relayer les travaux",
            tuple(Chiffre(f"Diffusions — canal : {c.libelle}", par_canal[c.value]) for c in CanalDiffusion),
            "Détail : feuille « Diffusions ».",
        ),
        ElementGrille(
            "Public ciblé par la diffusion des travaux",
            tuple(
                chiffre
                for p in PublicDiffusion
                for chiffre in (
                    Chiffre(f"Diffusions — public : {p.libelle}", par_public[p.libelle]),
                    Chiffre(f"Personnes atteintes (déclarées) — public : {p.libelle}", atteints[p.libelle]),
                )
            ),
            "Détail : feuille « Diffusions ».",
        ),
    )


def _debut_mobilisation(lecture: _Lecture) -> dt.date | None:
    # The same rule as `indicateurs` (CONCEPTION §3): the installation date, else the first held meeting.
    if lecture.comite is not None and lecture.comite.date_installation is not None:
        return lecture.comite.date_installation
    tenues = lecture.donnees.seances_tenues
    return tenues[0].date if tenues else None


def _retours(lecture: _Lecture) -> tuple[tuple[Chiffre, ...], tuple[Chiffre, ...]]:
    ids = [e.seance.id for e in lecture.evaluees]
    comptes: Counter[tuple[QuestionRetour, NiveauRetour]] = Counter()
    seances: set[int] = set()
    if ids:
        requete = select(RetourParticipants).where(RetourParticipants.seance_id.in_(ids))
        for retour in lecture.session.scalars(requete):
            comptes[(retour.question, retour.niveau)] += retour.nombre
            if retour.nombre:
                seances.add(retour.seance_id)

    def bloc(question: QuestionRetour) -> tuple[Chiffre, ...]:
        total = sum(comptes[(question, n)] for n in NiveauRetour)
        return (
            Chiffre(f"{question.libelle} : réponses au questionnaire", total),
            *(Chiffre(f"{question.libelle} : « {n.libelle} »", comptes[(question, n)]) for n in NiveauRetour),
        )

    utilite = (Chiffre("Séances tenues avec des questionnaires saisis", len(seances)), *bloc(QuestionRetour.UTILITE))
    return utilite, bloc(QuestionRetour.INTERET)


def _premiers_constats(lecture: _Lecture) -> tuple[ElementGrille, ...]:
    mobilisation = lecture.resultat["mobilisation"]
    debut = _debut_mobilisation(lecture)
    chiffres: list[Chiffre] = [Chiffre("Point de départ (installation, sinon première séance tenue)", debut, "date")]
    for cle, mois in (("3_mois", 3), ("6_mois", 6)):
        m = mobilisation[cle]
        fin = ajouter_mois(debut, mois) if debut is not None else None
        a = f"À {mois} mois"
        chiffres += [
            Chiffre(f"{a} : fin de la fenêtre (exclue)", fin, "date"),
            Chiffre(f"{a} : séances tenues", m["seances_tenues"]),
            Chiffre(f"{a} : personnes présentes", m["personnes_presentes"]),
            Chiffre(f"{a} : structures représentées", m["structures_representees"]),
            Chiffre(f"{a} : travailleurs sociaux présents", m["travailleurs_sociaux_presents"]),
            Chiffre(f"{a} : personnes accompagnées présentes", m["personnes_accompagnees_presentes"]),
            _taux_affiche(f"{a} : taux de présence", m["taux_presence"]),
        ]
    utilite, interet = _retours(lecture)
    comite = lecture.comite
    moyens = (
        Chiffre("Moyens humains (tels qu'enregistrés)", comite.moyens_humains if comite else "", "texte"),
        Chiffre("Moyens financiers (tels qu'enregistrés)", comite.moyens_financiers if comite else "", "texte"),
    )
    return (
        ElementGrille(
            "État de la mobilisation à 3 mois et 6 mois",
            tuple(chiffres),
            "Ces fenêtres ne dépendent pas de la période choisie.",
        ),
        ElementGrille("Appropriation de la démarche par les partenaires : sentiment d'utilité", utilite, _renvoi()),
        ElementGrille("Appropriation de la démarche par les partenaires : intérêt des échanges", interet, _renvoi()),
        ElementGrille(
            "Appropriation de la démarche : recensement des difficultés pratiques/techniques éventuelles",
            (),
            _renvoi(RubriqueNote.DIFFICULTES),
        ),
        ElementGrille("Pertinence du périmètre retenu", (), _renvoi(RubriqueNote.CONSTAT)),
        ElementGrille(
            "Repérage des dynamiques suscitées (directes et indirectes)", (), _renvoi(RubriqueNote.DYNAMIQUES)
        ),
        ElementGrille(
            "Constats sur les limites de la démarche et les freins à lever", (), _renvoi(RubriqueNote.DIFFICULTES)
        ),
        ElementGrille(
            "Modalités envisagées pour consolider voire pérenniser la démarche : moyens humains et financiers",
            moyens,
            _renvoi(RubriqueNote.PROPOSITIONS),
        ),
        ElementGrille("Propositions d'évolutions", (), _renvoi(RubriqueNote.PROPOSITIONS)),
    )


def _cooperation(lecture: _Lecture, diffusions: Iterable[LigneDiffusion]) -> tuple[ElementGrille, ...]:
    periode = lecture.periode
    echanges = [
        e
        for e in lecture.session.scalars(select(EchangeHcts).order_by(EchangeHcts.date, EchangeHcts.id))
        if periode.contient(e.date)
    ]
    montants = [e for e in echanges if e.sens is SensEchange.VERS_HCTS]
    descendants = [e for e in echanges if e.sens is SensEchange.DEPUIS_HCTS]
    escalades = lecture.session.scalars(select(Saisine.escaladee_hcts_le)).all()
    vers_hcts = sum(1 for d in diffusions if d.public == PublicDiffusion.HCTS.libelle)

    def suite(e: EchangeHcts) -> str:
        return e.objet + (f" — suite donnée : {e.suite_donnee}" if e.suite_donnee.strip() else "")

    return (
        ElementGrille(
            "Modalités des échanges",
            (
                Chiffre("Échanges vers le HCTS", len(montants)),
                Chiffre("Échanges venant du HCTS", len(descendants)),
            ),
            _renvoi(),
        ),
        ElementGrille(
            "Appropriation des travaux du HCTS par le comité local",
            tuple(Chiffre(f"Reçu du HCTS le {e.date:%d/%m/%Y}", suite(e), "texte") for e in descendants),
            _renvoi(),
        ),
        ElementGrille(
            "Modalités de transmission des travaux réalisés",
            (
                *(Chiffre(f"Envoyé au HCTS le {e.date:%d/%m/%Y}", suite(e), "texte") for e in montants),
                Chiffre("Diffusions de productions vers le HCTS", vers_hcts),
                Chiffre(
                    "Saisines portées à la commission éthique du HCTS",
                    sum(1 for d in escalades if d is not None and periode.contient(d)),
                ),
            ),
            _renvoi(),
        ),
        ElementGrille("Propositions", (), _renvoi(RubriqueNote.PROPOSITIONS)),
    )


def _accompagnement() -> tuple[ElementGrille, ...]:
    return (
        ElementGrille("Pertinence de l'accompagnement", (), _renvoi()),
        ElementGrille("Plus-value de l'accompagnement", (), _renvoi()),
    )


# --- definitions ----------------------------------------------------------------------------------------------

# The figures' own texts are shared with the HCTS report (app.services.definitions); the workbook adds what only
# it counts or shows.
DEFINITIONS = (
    *(
        Definition(d.indicateur, d.definition, d.calcul)
        for d in (definitions.PERIODE, *definitions.FIGURES, definitions.TAUX)
    ),
    Definition(
        "Retours des participants",
        "Réponses au questionnaire des participants saisies pour les séances tenues de la période : utilité et "
        "intérêt des échanges, sur quatre niveaux.",
        "Somme, sur ces séances, des réponses données à chaque niveau de chaque question.",
    ),
    Definition(
        "Échanges avec le HCTS",
        "Échanges datés dans la période, vers le HCTS ou venant de lui ; saisines portées à la commission "
        "éthique du HCTS à une date de la période.",
        "Compte des échanges par sens ; compte des dates de saisine du HCTS dans la période.",
    ),
    Definition(
        "Structures partenaires, lettres d'engagement",
        "Structures enregistrées dans l'annuaire, selon la nature du partenariat ; lettres d'engagement : "
        "structures dont la date de la lettre est renseignée. État à la date de l'export, hors période.",
        "Compte des structures.",
    ),
    Definition(
        "Code de membre",
        "Chaque personne apparaît sous un code stable « M-NNNN » tiré de son numéro dans la base : le même "
        "membre garde le même code d'un export à l'autre. Les noms n'apparaissent que si on les a demandés.",
        "—",
    ),
)


# --- assembly -------------------------------------------------------------------------------------------------


def lire_classeur(session: Session, periode: Periode | None = None, *, noms: bool = False) -> ClasseurAnsa:
    """The workbook's data for `periode` (None: unbounded); member names only if `noms`."""
    periode = periode or Periode()
    lecture = _Lecture(session, periode, noms)
    detaillees, presences, agregees = _presences(lecture)
    productions, diffusions = _productions(session, periode)
    notes = _notes(session, periode)
    contenus = {
        SousDomaine.LANCEMENT: _lancement(lecture),
        SousDomaine.MOBILISATION: _mobilisation(lecture),
        SousDomaine.INSTALLATION: _installation(lecture),
        SousDomaine.REALISATIONS: _realisations(lecture, diffusions),
        SousDomaine.PREMIERS_CONSTATS: _premiers_constats(lecture),
        SousDomaine.COOPERATION_HCTS: _cooperation(lecture, diffusions),
        SousDomaine.ACCOMPAGNEMENT: _accompagnement(),
    }
    grille = tuple(FeuilleGrille(NOMS_FEUILLES[s], s.libelle, contenus[s], notes[s]) for s in SousDomaine)
    return ClasseurAnsa(
        comite=lecture.comite.nom if lecture.comite is not None else "Comité local",
        du=periode.du,
        au=periode.au,
        emis_le=aujourdhui(),
        noms=noms,
        grille=grille,
        seances=_seances(lecture),
        presences_detaillees=detaillees,
        presences=presences,
        presences_agregees=agregees,
        membres=_membres(lecture),
        saisines=_saisines(session, periode),
        productions=productions,
        diffusions=diffusions,
        definitions=DEFINITIONS,
    )


def classeur_ansa(session: Session, periode: Periode | None = None, *, noms: bool = False) -> bytes:
    """The workbook's bytes (read only: nothing is written to the base)."""
    from app.documents.classeur_ansa import classeur_ansa_xlsx

    return classeur_ansa_xlsx(lire_classeur(session, periode, noms=noms))
