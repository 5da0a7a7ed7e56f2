"""Reads the base into the candidature dossier (`app.documents.donnees_rapports.DossierCandidature`).

The composition is that of today (the seats active on the dossier's date); people receiving support are counted,
never named. Nothing about a referral's requester is read. The committee's record, partners, instances and
notes are read by the same functions as the report to the HCTS.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents import donnees_rapports as dr
from app.horloge import aujourdhui
from app.modeles import College, Mandat
from app.modeles.enumerations import CategorieCollege, Role, SousDomaine
from app.services.documents_seance import en_tete
from app.services.indicateurs import Periode
from app.services.normalisation import normaliser
from app.services.rapport_hcts import identite, instances, leviers_participation, notes, partenaires, responsables

SOUS_DOMAINES_DEMARCHE = (SousDomaine.LANCEMENT, SousDomaine.MOBILISATION)


def _siege(m: Mandat) -> str:
    details = [m.qualite.libelle.lower()] + ([] if m.role is Role.MEMBRE else [m.role.libelle.lower()])
    return f"{m.instance.nom} ({', '.join(details)})"


def _colleges(session: Session, jour: dt.date) -> tuple[dr.CollegeDossier, ...]:
    mandats = [m for m in session.scalars(select(Mandat)) if m.actif_le(jour)]
    par_college: dict[int, list[Mandat]] = defaultdict(list)
    for m in mandats:
        par_college[m.college_id].append(m)
    resultat = []
    for college in session.scalars(select(College).order_by(College.ordre, College.id)):
        sieges = sorted(
            par_college.get(college.id, []),
            key=lambda m: (normaliser(m.personne.nom), normaliser(m.personne.prenom), m.instance.ordre, m.id),
        )
        publies = college.categorie is not CategorieCollege.PERSONNES_ACCOMPAGNEES
        par_personne: dict[int, list[Mandat]] = defaultdict(list)
        for m in sieges:
            par_personne[m.personne_id].append(m)
        membres = tuple(
            dr.MembrePressenti(
                nom_complet=ses[0].personne.nom_complet,
                fonction=ses[0].personne.fonction,
                structure=ses[0].personne.structure.nom if ses[0].personne.structure else "",
                sieges=tuple(_siege(m) for m in ses),
            )
            for ses in par_personne.values()
        )
        resultat.append(
            dr.CollegeDossier(
                college=college.nom,
                categorie=college.categorie.libelle,
                personnes=len({m.personne_id for m in sieges}),
                membres=membres if publies else (),
                noms_publies=publies,
            )
        )
    return tuple(resultat)


def dossier_candidature(session: Session) -> dr.DossierCandidature:
    jour = aujourdhui()
    tout = Periode()
    return dr.DossierCandidature(
        en_tete=en_tete(session),
        au=jour,
        identite=identite(session),
        partenaires=partenaires(session),
        colleges=_colleges(session, jour),
        presidence=responsables(session, Role.PRESIDENT, jour),
        vice_presidence=responsables(session, Role.VICE_PRESIDENT, jour),
        instances=instances(session),
        demarche=notes(session, tout, SOUS_DOMAINES_DEMARCHE),
        leviers_participation=leviers_participation(session, tout),
    )


def dossier_candidature_pdf(session: Session) -> bytes:
    from app.documents.dossier_candidature import dossier_candidature_pdf as produire

    return produire(dossier_candidature(session))
