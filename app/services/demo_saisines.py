"""The demo's ethics referrals and recommendations, each at a different stage of CONCEPTION §2's workflow.

Timed on the ethics instance's held meetings, so a referral is debated and its opinion adopted at a real meeting.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.modeles import (
    DemandeurSaisine,
    EchangeHcts,
    Personne,
    PointOrdreDuJour,
    Recommandation,
    RecommandationSaisine,
    RecommandationTheme,
    RecommandationVersion,
    Saisine,
    SaisineRapporteur,
    SaisineTheme,
    Seance,
    TransitionSaisine,
)
from app.modeles.enumerations import (
    STATUTS_TENUS,
    CanalSaisine,
    NaturePoint,
    NatureRecommandation,
    SensEchange,
    StatutRecommandation,
    StatutSaisine,
    ThemeEthique,
    TypeDemandeur,
)
from app.services.delais_saisine import PAUSE_PAR_DEFAUT, echeance_avis, pause_de

SECRETAIRE = "secretariat.cltsds"

S = StatutSaisine


@dataclass
class _Scenario:
    recue: dt.date
    canal: CanalSaisine
    demandeur: TypeDemandeur
    themes: tuple[ThemeEthique, ...]
    question: str
    etapes: list[tuple[StatutSaisine, dt.date]]
    rapporteurs: tuple[str, ...] = ()
    motif: str = ""
    consentement: bool = False
    escalade: dt.date | None = None
    avis: tuple[NatureRecommandation, str, StatutRecommandation] | None = None


def _scenarios(aujourdhui: dt.date, tenues: list[Seance]) -> list[_Scenario]:
    def j(k: int, jours: int = 0) -> dt.date:
        return tenues[k].date + dt.timedelta(days=jours)

    t = aujourdhui
    return [
        _Scenario(
            j(0, -20),
            CanalSaisine.COURRIEL,
            TypeDemandeur.TRAVAILLEUR_SOCIAL,
            (ThemeEthique.PARTAGE_INFORMATIONS, ThemeEthique.SECRET_PROFESSIONNEL),
            "Un service d'accompagnement peut-il transmettre au bailleur social des informations sur la situation "
            "d'un ménage menacé d'expulsion, sans l'accord explicite de celui-ci, pour éviter la procédure ?",
            [
                (S.ACCUSEE, j(0, -17)),
                (S.RECEVABLE, j(0)),
                (S.ANONYMISATION_VALIDEE, j(0, 5)),
                (S.EN_INSTRUCTION, j(0, 7)),
                (S.INSCRITE_ODJ, j(1, -15)),
                (S.DEBATTUE, j(1)),
                (S.AVIS_ADOPTE, j(2)),
                (S.TRANSMISE, j(2, 10)),
                (S.CLOTUREE, j(2, 40)),
            ],
            rapporteurs=("anas", "pq_juriste"),
            consentement=True,
            avis=(
                NatureRecommandation.AVIS,
                "Partage d'informations avec les bailleurs sociaux",
                StatutRecommandation.PUBLIEE,
            ),
        ),
        _Scenario(
            j(1, -10),
            CanalSaisine.COURRIER,
            TypeDemandeur.PERSONNE_ACCOMPAGNEE,
            (ThemeEthique.AUTRE,),
            "Contestation d'une décision d'attribution d'une aide financière.",
            [(S.ACCUSEE, j(1, -8)), (S.IRRECEVABLE, j(1))],
            motif="La demande porte sur un litige individuel relevant des voies de recours administratives ; "
            "le demandeur a été orienté vers le médiateur du département.",
        ),
        _Scenario(
            j(1, 5),
            CanalSaisine.FORMULAIRE,
            TypeDemandeur.ENCADRANT,
            (ThemeEthique.CONSENTEMENT, ThemeEthique.PROTECTION_ENFANCE),
            "Comment recueillir l'avis d'un adolescent placé sur le partage d'informations le concernant entre "
            "l'établissement, l'école et le service de soins, lorsque ses parents s'y opposent ?",
            [
                (S.ACCUSEE, j(1, 9)),
                (S.RECEVABLE, j(2)),
                (S.ANONYMISATION_VALIDEE, j(2, 4)),
                (S.EN_INSTRUCTION, j(2, 6)),
                (S.INSCRITE_ODJ, j(3, -14)),
                (S.DEBATTUE, j(3)),
                (S.AVIS_ADOPTE, j(4)),
                (S.TRANSMISE, j(4, 12)),
            ],
            rapporteurs=("es_adsea", "univ"),
            avis=(
                NatureRecommandation.RECOMMANDATION,
                "La parole de l'adolescent dans le partage d'informations",
                StatutRecommandation.ADOPTEE,
            ),
        ),
        _Scenario(
            j(2, 10),
            CanalSaisine.COURRIEL,
            TypeDemandeur.DIRECTION,
            (ThemeEthique.POSTURE_PROFESSIONNELLE,),
            "Une direction demande un avis sur le règlement intérieur de son service.",
            [(S.ACCUSEE, j(2, 15)), (S.REORIENTEE, j(3))],
            motif="La question relève du dialogue social interne à l'employeur ; orientée vers le référent "
            "déontologue de la structure.",
        ),
        _Scenario(
            j(3, 3),
            CanalSaisine.FORMULAIRE,
            TypeDemandeur.TRAVAILLEUR_SOCIAL,
            (ThemeEthique.NUMERIQUE, ThemeEthique.PARTAGE_INFORMATIONS),
            "L'usage d'une messagerie instantanée grand public pour échanger avec les personnes accompagnées et "
            "entre professionnels est-il compatible avec le secret professionnel ?",
            [
                (S.ACCUSEE, j(3, 6)),
                (S.RECEVABLE, j(4)),
                (S.ANONYMISATION_VALIDEE, j(4, 6)),
                (S.EN_INSTRUCTION, j(4, 10)),
                (S.INSCRITE_ODJ, j(6, -12)),
                (S.DEBATTUE, j(6)),
            ],
            rapporteurs=("ass_cd", "pq_medecin"),
            escalade=j(4, 20),
            avis=(
                NatureRecommandation.AVIS,
                "Messageries instantanées et secret professionnel",
                StatutRecommandation.SOUMISE,
            ),
        ),
        _Scenario(
            j(5, 5),
            CanalSaisine.COURRIEL,
            TypeDemandeur.STRUCTURE,
            (ThemeEthique.POSTURE_PROFESSIONNELLE,),
            "Jusqu'où un professionnel peut-il insister pour maintenir le lien avec une personne qui refuse "
            "l'accompagnement proposé, lorsque des enfants vivent au domicile ?",
            [
                (S.ACCUSEE, j(5, 8)),
                (S.RECEVABLE, j(6)),
                (S.ANONYMISATION_VALIDEE, j(6, 8)),
                (S.EN_INSTRUCTION, j(6, 10)),
                (S.INSCRITE_ODJ, j(6, 20)),
            ],
            rapporteurs=("pq_ethique",),
        ),
        _Scenario(
            t - dt.timedelta(days=25),
            CanalSaisine.TELEPHONE,
            TypeDemandeur.TRAVAILLEUR_SOCIAL,
            (ThemeEthique.SECRET_PROFESSIONNEL,),
            "Un professionnel peut-il répondre à une demande d'information d'un service de police sans "
            "réquisition écrite ?",
            [(S.ACCUSEE, t - dt.timedelta(days=20))],
        ),
        _Scenario(
            t - dt.timedelta(days=9),
            CanalSaisine.COURRIER,
            TypeDemandeur.PERSONNE_ACCOMPAGNEE,
            (ThemeEthique.CONSENTEMENT,),
            "Une personne demande si son dossier peut être consulté par d'autres services sans qu'elle en soit "
            "informée.",
            [],
        ),
    ]


def creer_saisines(
    session: Session, aujourdhui: dt.date, seances_ethique: list[Seance], personnes: dict[str, Personne]
) -> tuple[int, int]:
    """Referrals at every stage, timed on the ethics instance's meetings; returns (referrals, recommendations)."""
    tenues = [s for s in seances_ethique if s.statut in STATUTS_TENUS]
    prochaine = next(s for s in seances_ethique if s.date >= aujourdhui)
    par_date = {s.date: s for s in seances_ethique}
    rangs: dict[int, int] = defaultdict(int)
    pause = pause_de(*PAUSE_PAR_DEFAUT)
    recommandations = 0
    scenarios = sorted(_scenarios(aujourdhui, tenues), key=lambda sc: sc.recue)
    for sc in scenarios:
        rangs[sc.recue.year] += 1
        numero = f"SAI-{sc.recue.year}-{rangs[sc.recue.year]:03d}"
        dates = dict(sc.etapes)
        statut = sc.etapes[-1][0] if sc.etapes else S.RECUE
        saisine = Saisine(
            numero=numero,
            annee=sc.recue.year,
            rang=rangs[sc.recue.year],
            recue_le=sc.recue,
            canal=sc.canal,
            type_demandeur=sc.demandeur,
            question=sc.question,
            contexte="Situation décrite par le demandeur, anonymisée par le secrétariat avant diffusion aux membres.",
            statut=statut,
            accusee_le=dates.get(S.ACCUSEE),
            recevable_le=dates.get(S.RECEVABLE),
            transmise_le=dates.get(S.TRANSMISE),
            escaladee_hcts_le=sc.escalade,
            motif_decision=sc.motif,
            consentement_publication=sc.consentement,
            enregistree_par=SECRETAIRE,
            anonymisation_validee_par="michel.dubois-aymard" if S.ANONYMISATION_VALIDEE in dates else "",
        )
        saisine.echeance = echeance_avis(dates[S.RECEVABLE], pause) if S.RECEVABLE in dates else None
        saisine.anonymisation_validee_le = dates.get(S.ANONYMISATION_VALIDEE)
        if sc.consentement:
            saisine.consentement_le = dates.get(S.RECEVABLE, sc.recue)
        saisine.themes = [SaisineTheme(theme=theme) for theme in sc.themes]
        saisine.rapporteurs = [SaisineRapporteur(personne_id=personnes[r].id) for r in sc.rapporteurs]
        precedent: StatutSaisine | None = None
        for vers, le in [(S.RECUE, sc.recue), *sc.etapes]:
            saisine.transitions.append(
                TransitionSaisine(
                    de=precedent,
                    vers=vers,
                    le=le,
                    horodatage=dt.datetime.combine(le, dt.time(10, 0)),
                    par=SECRETAIRE if vers in (S.RECUE, S.ACCUSEE, S.TRANSMISE) else "presidence.ethique",
                    motif=sc.motif if vers in (S.IRRECEVABLE, S.REORIENTEE) else "",
                )
            )
            precedent = vers
        session.add(saisine)
        session.flush()
        session.add(
            DemandeurSaisine(
                saisine_id=saisine.id,
                identite="(identité fictive de démonstration)",
                coordonnees="Adresse et téléphone conservés au secrétariat",
            )
        )
        if S.DEBATTUE in dates:
            _point(
                session,
                par_date[dates[S.DEBATTUE]],
                f"Examen de la saisine {numero}",
                NaturePoint.SAISINE,
                saisine_id=saisine.id,
            )
        elif statut is S.INSCRITE_ODJ:
            _point(session, prochaine, f"Examen de la saisine {numero}", NaturePoint.SAISINE, saisine_id=saisine.id)
        if sc.escalade is not None:
            session.add(
                EchangeHcts(
                    date=sc.escalade,
                    sens=SensEchange.VERS_HCTS,
                    objet=f"Transmission de la saisine {numero} à la commission éthique et déontologie du HCTS",
                    document=f"{numero}-anonymisee.pdf",
                    suite_donnee="Accusé de réception du HCTS ; la commission nationale examinera la question.",
                    saisine_id=saisine.id,
                    par=SECRETAIRE,
                )
            )
        if sc.avis is not None:
            recommandations += 1
            _recommandation(session, saisine, sc, dates, par_date)
    # A text the instance writes on its own initiative, still a draft.
    rangs_rec = _rangs_recommandations(session)
    annee = aujourdhui.year
    rangs_rec[annee] += 1
    brouillon = Recommandation(
        numero=f"REC-{annee}-{rangs_rec[annee]:03d}",
        annee=annee,
        rang=rangs_rec[annee],
        nature=NatureRecommandation.ELEMENTS_REFLEXION,
        titre="Accueillir la parole des personnes accompagnées dans les instances",
        texte="Premiers éléments rédigés par le groupe de travail, à discuter.",
    )
    brouillon.versions = [
        RecommandationVersion(
            version=1,
            titre=brouillon.titre,
            texte=brouillon.texte,
            horodatage=dt.datetime.combine(aujourdhui, dt.time(9)),
            auteur=SECRETAIRE,
        )
    ]
    session.add(brouillon)
    return len(scenarios), recommandations + 1


def _rangs_recommandations(session: Session) -> dict[int, int]:
    rangs: dict[int, int] = defaultdict(int)
    for annee, rang in session.execute(
        select(Recommandation.annee, func.max(Recommandation.rang)).group_by(Recommandation.annee)
    ):
        rangs[annee] = rang
    return rangs


def _point(session: Session, seance: Seance, titre: str, nature: NaturePoint, **liens: int) -> PointOrdreDuJour:
    rang = (
        session.scalar(select(func.max(PointOrdreDuJour.rang)).where(PointOrdreDuJour.seance_id == seance.id)) or 0
    ) + 1
    point = PointOrdreDuJour(seance_id=seance.id, rang=rang, titre=titre, nature=nature, duree_minutes=45, **liens)
    if seance.statut in STATUTS_TENUS:
        point.resume = "Présentation par les rapporteurs ; échanges approfondis ; orientation de l'avis arrêtée."
    session.add(point)
    return point


def _recommandation(
    session: Session,
    saisine: Saisine,
    sc: _Scenario,
    dates: dict[StatutSaisine, dt.date],
    par_date: dict[dt.date, Seance],
) -> None:
    assert sc.avis is not None
    nature, titre, statut = sc.avis
    debut = dates[S.DEBATTUE]
    adoptee = dates.get(S.AVIS_ADOPTE)
    annee = (adoptee or debut).year
    rangs = _rangs_recommandations(session)
    rang = rangs[annee] + 1
    texte = (
        "## Cadre\n\n"
        "Le secret professionnel (article 226-13 du code pénal) et le partage d'informations à caractère secret "
        "entre professionnels (article L. 226-2-2 du code de l'action sociale et des familles) encadrent la "
        "question posée.\n\n"
        "## Analyse\n\n"
        "L'instance relève que le partage n'est légitime que s'il est **strictement nécessaire** à "
        "l'accompagnement et que la personne en a été *informée*. L'urgence ne dispense pas de cette information, "
        "elle en change seulement le moment.\n\n"
        "## Options\n\n"
        "- recueillir l'accord de la personne avant tout échange ;\n"
        "- limiter les informations partagées à ce qui est utile à l'accompagnement ;\n"
        "- garder la trace de l'échange et de son motif dans le dossier."
    )
    rec = Recommandation(
        numero=f"REC-{annee}-{rang:03d}",
        annee=annee,
        rang=rang,
        nature=nature,
        titre=titre,
        texte=texte,
        statut=statut,
        adoptee_le=adoptee,
        seance_adoption_id=par_date[adoptee].id if adoptee is not None else None,
        publiee_le=adoptee + dt.timedelta(days=30) if statut is StatutRecommandation.PUBLIEE and adoptee else None,
        publication_autorisee=sc.consentement and adoptee is not None,
        anonymisation_validee_par="presidence.ethique" if adoptee is not None else "",
        anonymisation_validee_le=adoptee,
    )
    versions = [debut + dt.timedelta(days=3), debut + dt.timedelta(days=20)] + ([adoptee] if adoptee else [])
    paragraphes = texte.split("\n\n")
    rec.versions = [
        RecommandationVersion(
            version=n,
            titre=titre,
            # Drafts grow paragraph by paragraph; the last version is the text as it stands.
            texte="\n\n".join(paragraphes[: -(-len(paragraphes) * n // len(versions))]),
            auteur="rapporteurs",
            horodatage=dt.datetime.combine(jour, dt.time(16, 30)),
        )
        for n, jour in enumerate(versions, start=1)
    ]
    rec.saisines = [RecommandationSaisine(saisine_id=saisine.id)]
    rec.themes = [RecommandationTheme(theme=t) for t in sc.themes]
    session.add(rec)
    session.flush()
    if adoptee is not None:
        point = _point(
            session, par_date[adoptee], f"Adoption de l'avis {rec.numero}", NaturePoint.AVIS, recommandation_id=rec.id
        )
        point.decision, point.vote_pour, point.vote_contre, point.vote_abstention = "Avis adopté.", 7, 0, 1
