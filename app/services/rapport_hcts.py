"""Reads the base into the report to the HCTS (`app.documents.donnees_rapports.RapportHcts`) and has it made.

Every figure is copied from `app.services.indicateurs.calculer` for the report's period, so the report, the
ANSA workbook and `indicateurs --json` say the same thing. Nothing about a referral's requester is read.
The readers of the committee's record (identity, partners, instances, notes) are shared with the candidature
dossier (`app.services.dossier_candidature`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.documents import donnees_rapports as dr
from app.documents.typographie import fraction_fr
from app.horloge import aujourdhui
from app.modeles import (
    Comite,
    EchangeHcts,
    Instance,
    NoteEvaluation,
    Personne,
    PieceJointe,
    Production,
    Recommandation,
    Structure,
)
from app.modeles.enumerations import (
    CanalDiffusion,
    CategorieCollege,
    Mission,
    NatureComite,
    Role,
    RubriqueNote,
    SousDomaine,
    ThemeEthique,
    TypeProduction,
)
from app.services import comite as service_comite
from app.services import definitions
from app.services.documents_seance import en_tete
from app.services.indicateurs import Periode, calculer
from app.services.normalisation import normaliser

ENTITE_STRUCTURE = "structure"
"""`PieceJointe.entite` of a file attached to an organisation (its letter of engagement)."""

SOUS_DOMAINES_PARTICIPATION = (SousDomaine.MOBILISATION, SousDomaine.INSTALLATION)

# CONCEPTION §3, in French, the same text as the ANSA workbook's: a reader can redo the arithmetic.
DEFINITIONS: tuple[dr.Definition, ...] = (
    *(
        dr.Definition(d.indicateur, d.definition if d.calcul == "—" else f"{d.definition} Calcul : {d.calcul}")
        for d in (definitions.PERIODE, *definitions.FIGURES, definitions.TAUX)
    ),
    # The report's own count (its composition section), not a figure of the indicators.
    dr.Definition(
        "Membres d'un collège",
        "Personnes ayant au moins un siège attendu sur la période, rangées dans le collège de leur dernier mandat "
        "de titulaire ; la part des travailleurs sociaux et des personnes accompagnées se rapporte à ce total.",
    ),
)


def _comite(session: Session) -> Comite | None:
    return session.scalar(select(Comite).order_by(Comite.id).limit(1))


def identite(session: Session) -> dr.IdentiteComite:
    """The committee's record; a base without one gives empty fields (every one then shows as missing)."""
    comite = _comite(session)
    if comite is None:
        return dr.IdentiteComite("", "", "", "", False, None, "", (), (), "", "", "", "", "", "")
    noms: dict[int, str] = {id_: nom for id_, nom in session.execute(select(Structure.id, Structure.nom))}
    porteurs = sorted((noms.get(p.structure_id, "") for p in comite.porteurs), key=normaliser)
    catalogue = [m.code for m in comite.missions if m.code is not None]
    missions = [m.libelle for m in Mission if m in catalogue] + [
        m.libelle for m in comite.missions if m.code is None and m.libelle.strip()
    ]
    return dr.IdentiteComite(
        nom=comite.nom,
        type_territoire=comite.type_territoire.libelle if comite.type_territoire else "",
        territoire=comite.territoire,
        nature=comite.nature.libelle if comite.nature else "",
        instance_existante=comite.nature is NatureComite.INSTANCE_EXISTANTE,
        date_installation=comite.date_installation,
        mode_presidence=comite.mode_presidence.libelle if comite.mode_presidence else "",
        porteurs=tuple(p for p in porteurs if p),
        missions=tuple(missions),
        thematiques=comite.thematiques,
        regles_saisine=comite.regles_saisine,
        secretariat=comite.secretariat,
        rythme_reunions=comite.rythme_reunions,
        moyens_humains=comite.moyens_humains,
        moyens_financiers=comite.moyens_financiers,
    )


def partenaires(session: Session) -> tuple[dr.Partenaire, ...]:
    """Every organisation, lead ones first, then by name as a French reader sorts them."""
    comite = _comite(session)
    porteurs = {p.structure_id for p in comite.porteurs} if comite is not None else set()
    membres: dict[int, int] = {
        structure_id: n
        for structure_id, n in session.execute(
            select(Personne.structure_id, func.count(Personne.id)).group_by(Personne.structure_id)
        )
        if structure_id is not None
    }
    fichiers: dict[int, list[str]] = defaultdict(list)
    for entite_id, nom_fichier in session.execute(
        select(PieceJointe.entite_id, PieceJointe.nom_fichier)
        .where(PieceJointe.entite == ENTITE_STRUCTURE)
        .order_by(PieceJointe.ajoutee_le, PieceJointe.id)
    ):
        fichiers[entite_id].append(nom_fichier)
    structures = sorted(session.scalars(select(Structure)), key=lambda s: (s.id not in porteurs, normaliser(s.nom)))
    return tuple(
        dr.Partenaire(
            nom=s.nom,
            type=s.type.libelle,
            partenariat=s.partenariat.libelle if s.partenariat else "",
            porteur=s.id in porteurs,
            lettre_engagement_le=s.lettre_engagement_le,
            fichiers_lettre=tuple(fichiers.get(s.id, ())),
            membres=membres.get(s.id, 0),
        )
        for s in structures
    )


def responsables(session: Session, role: Role, jour: dt.date | None = None) -> tuple[dr.Responsable, ...]:
    return tuple(
        dr.Responsable(r.nom_complet, r.structure or "", r.instance)
        for r in service_comite.responsables(session, role, jour)
    )


def _quorum(instance: Instance) -> str:
    if instance.quorum_numerateur == 0:
        return "aucun quorum"
    fraction = fraction_fr(instance.quorum_numerateur, instance.quorum_denominateur)
    pouvoirs = "pouvoirs comptés" if instance.pouvoirs_comptes else "pouvoirs non comptés"
    return f"{fraction} des sièges ({pouvoirs})"


def instances(session: Session, seances: Iterable[dict[str, Any]] = ()) -> tuple[dr.InstanceRapport, ...]:
    """The bodies in their recorded order; `seances`: the indicators' held meetings, counted per body."""
    tenues = Counter(s["instance"] for s in seances)
    return tuple(
        dr.InstanceRapport(i.nom, i.type.libelle, _quorum(i), tenues.get(i.nom, 0))
        for i in session.scalars(select(Instance).order_by(Instance.ordre, Instance.id))
    )


def notes(
    session: Session,
    periode: Periode,
    sous_domaines: Iterable[SousDomaine] | None = None,
    rubriques: Iterable[RubriqueNote] | None = None,
) -> tuple[dr.NoteRapport, ...]:
    requete = select(NoteEvaluation).order_by(NoteEvaluation.date, NoteEvaluation.id)
    if sous_domaines is not None:
        requete = requete.where(NoteEvaluation.sous_domaine.in_(list(sous_domaines)))
    if rubriques is not None:
        requete = requete.where(NoteEvaluation.rubrique.in_(list(rubriques)))
    return tuple(
        dr.NoteRapport(n.date, n.sous_domaine.libelle, n.rubrique.libelle, n.texte)
        for n in session.scalars(requete)
        if periode.contient(n.date)
    )


def leviers_participation(session: Session, periode: Periode) -> tuple[dr.NoteRapport, ...]:
    return notes(session, periode, SOUS_DOMAINES_PARTICIPATION, (RubriqueNote.LEVIERS,))


def _date(texte: str | None) -> dt.date | None:
    return None if texte is None else dt.date.fromisoformat(texte)


def _colleges(indicateurs: dict[str, Any]) -> tuple[tuple[dr.CollegeRapport, ...], Counter[str]]:
    membres = Counter(m["college"] for m in indicateurs["membres"])
    colleges = tuple(
        dr.CollegeRapport(
            college=c["college"],
            categorie=CategorieCollege.de_code(c["categorie"]).libelle,
            membres=membres.get(c["college"], 0),
            attendus=c["attendus"],
            presents=c["presents"],
            supplees=c["supplees"],
            taux_presence=c["taux_presence"],
        )
        for c in indicateurs["colleges"]
    )
    par_categorie: Counter[str] = Counter()
    for c in indicateurs["colleges"]:
        par_categorie[c["categorie"]] += membres.get(c["college"], 0)
    return colleges, par_categorie


def _seances(indicateurs: dict[str, Any]) -> tuple[dr.SeanceRapport, ...]:
    return tuple(
        dr.SeanceRapport(
            reference=s["reference"],
            instance=s["instance"],
            date=dt.date.fromisoformat(s["date"]),
            attendus=s["attendus"],
            presents=s["presents"],
            supplees=s["supplees"],
            representes=s["representes"],
            excuses=s["excuses"],
            absents=s["absents"],
            taux_presence=s["taux_presence"],
            quorum_atteint=s["quorum_atteint"],
        )
        for s in indicateurs["seances"]
    )


def _mobilisation(indicateurs: dict[str, Any]) -> tuple[dr.Mobilisation, ...]:
    return tuple(dr.Mobilisation(mois=mois, **indicateurs["mobilisation"][f"{mois}_mois"]) for mois in (3, 6))


def _adoptees(session: Session, periode: Periode) -> tuple[dr.RecommandationAdoptee, ...]:
    """The opinions adopted in the period (the same rule as the indicators' `adoptees`), by date then number."""
    lignes = session.execute(
        select(Recommandation.numero, Recommandation.nature, Recommandation.titre, Recommandation.adoptee_le)
        .where(Recommandation.adoptee_le.is_not(None))
        .order_by(Recommandation.adoptee_le, Recommandation.numero)
    )
    return tuple(
        dr.RecommandationAdoptee(numero, nature.libelle, titre, adoptee_le)
        for numero, nature, titre, adoptee_le in lignes
        if adoptee_le is not None and periode.contient(adoptee_le)
    )


def _productions(session: Session, periode: Periode) -> tuple[dr.ProductionRapport, ...]:
    productions = session.scalars(select(Production).order_by(Production.date, Production.id))
    return tuple(
        dr.ProductionRapport(
            titre=p.titre,
            type=p.type.libelle,
            date=p.date,
            mission=p.mission.libelle if p.mission else "",
            diffusions=tuple(
                dr.DiffusionRapport(d.canal.libelle, d.public.libelle, d.date, d.nombre_atteint)
                for d in sorted(p.diffusions, key=lambda d: (d.date, d.id))
                if periode.contient(d.date)
            ),
        )
        for p in productions
        if periode.contient(p.date)
    )


def _echanges(session: Session, periode: Periode) -> tuple[dr.EchangeRapport, ...]:
    echanges = session.scalars(select(EchangeHcts).order_by(EchangeHcts.date, EchangeHcts.id))
    return tuple(
        dr.EchangeRapport(e.date, e.sens.libelle, e.objet, e.document, e.suite_donnee)
        for e in echanges
        if periode.contient(e.date)
    )


def rapport_hcts(session: Session, periode: Periode | None = None) -> dr.RapportHcts:
    periode = periode or Periode()
    indicateurs = calculer(session, periode)
    colleges, par_categorie = _colleges(indicateurs)
    saisines = indicateurs["saisines"]
    productions = indicateurs["productions"]
    # Presidency as of the period's end (today when the period is open or still running).
    jour = min(periode.au, aujourdhui()) if periode.au is not None else aujourdhui()
    return dr.RapportHcts(
        en_tete=en_tete(session),
        du=_date(indicateurs["periode"]["du"]),
        au=_date(indicateurs["periode"]["au"]),
        identite=identite(session),
        partenaires=partenaires(session),
        colleges=colleges,
        membres=len(indicateurs["membres"]),
        membres_travailleurs_sociaux=par_categorie[CategorieCollege.TRAVAILLEURS_SOCIAUX.value],
        membres_personnes_accompagnees=par_categorie[CategorieCollege.PERSONNES_ACCOMPAGNEES.value],
        presidence=responsables(session, Role.PRESIDENT, jour),
        vice_presidence=responsables(session, Role.VICE_PRESIDENT, jour),
        instances=instances(session, indicateurs["seances"]),
        seances=_seances(indicateurs),
        mobilisation=_mobilisation(indicateurs),
        saisines_recues=saisines["recues"],
        saisines_recevables=saisines["recevables"],
        avis_rendus=saisines["avis_rendus"],
        delai_median_jours=saisines["delai_median_jours"],
        saisines_par_theme=tuple(
            dr.Comptage(ThemeEthique.de_code(code).libelle, n) for code, n in saisines["par_theme"].items()
        ),
        recommandations_adoptees=indicateurs["recommandations"]["adoptees"],
        recommandations_publiees=indicateurs["recommandations"]["publiees"],
        adoptees=_adoptees(session, periode),
        productions_par_type=tuple(
            dr.Comptage(TypeProduction.de_code(code).libelle, n) for code, n in productions["par_type"].items()
        ),
        diffusions_par_canal=tuple(
            dr.Comptage(CanalDiffusion.de_code(code).libelle, n)
            for code, n in productions["diffusions_par_canal"].items()
        ),
        productions=_productions(session, periode),
        echanges=_echanges(session, periode),
        notes=notes(session, periode),
        leviers_participation=leviers_participation(session, periode),
        definitions=DEFINITIONS,
    )


def rapport_hcts_pdf(session: Session, periode: Periode | None = None) -> bytes:
    from app.documents.rapport_hcts import rapport_hcts_pdf as produire

    return produire(rapport_hcts(session, periode))
