"""Reads the base into the ethics documents' data (`app.documents.donnees_ethique`) and has them made.

No referral text leaves the base before a second person validated its anonymisation, and nothing about the
requester but their kind ever does: this module never reads the identity table (a test checks it).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents import donnees_ethique as de
from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.modeles import EchangeHcts, Personne, Recommandation, Saisine, Seance
from app.modeles.enumerations import StatutRecommandation, ThemeEthique
from app.services.documents_seance import en_tete
from app.services.recommandations import recommandation
from app.services.saisines import saisine


def _themes(themes: list[ThemeEthique]) -> tuple[str, ...]:
    return tuple(t.libelle for t in sorted(themes, key=list(ThemeEthique).index))


def _seance_adoption(session: Session, r: Recommandation) -> str:
    if r.seance_adoption_id is None:
        return ""
    seance = session.get(Seance, r.seance_adoption_id)
    if seance is None:
        return ""
    return f"{seance.instance.nom} du {date_longue(seance.date)} ({seance.reference})"


def _signataire(session: Session, r: Recommandation) -> str:
    """Who signs an adopted text: the chair of the meeting that adopted it, when recorded."""
    seance = session.get(Seance, r.seance_adoption_id) if r.seance_adoption_id is not None else None
    if seance is None or seance.president_seance_id is None:
        return ""
    president = session.get(Personne, seance.president_seance_id)
    return "" if president is None else f"{president.prenom} {president.nom}"


def _saisines_liees(session: Session, r: Recommandation) -> list[Saisine]:
    liees = [session.get(Saisine, lien.saisine_id) for lien in sorted(r.saisines, key=lambda lien: lien.id)]
    return [s for s in liees if s is not None]


def avis_document(session: Session, recommandation_id: int) -> de.AvisDocument:
    r = recommandation(session, recommandation_id)
    saisines = _saisines_liees(session, r)
    for s in saisines:
        if not s.anonymisation_validee_par:
            raise ErreurConnue(
                f"L'anonymisation de {s.numero} n'est pas validée : sa question ne peut pas être imprimée."
            )
    return de.AvisDocument(
        en_tete=en_tete(session),
        numero=r.numero,
        nature=r.nature.libelle,
        titre=r.titre,
        statut=r.statut.libelle,
        version=max((v.version for v in r.versions), default=1),
        saisines=tuple(s.numero for s in saisines),
        questions=tuple(s.question for s in saisines),
        themes=_themes([t.theme for t in r.themes]),
        texte=r.texte,
        adoptee_le=r.adoptee_le,
        seance_adoption=_seance_adoption(session, r),
        publication_autorisee=r.publication_autorisee,
        projet=r.statut in (StatutRecommandation.PROJET, StatutRecommandation.SOUMISE),
        signataire=_signataire(session, r),
    )


def avis_pdf(session: Session, recommandation_id: int) -> bytes:
    from app.documents.avis import avis_pdf as produire

    return bytes(produire(avis_document(session, recommandation_id)))


def dossier_hcts(session: Session, saisine_id: int) -> de.DossierHcts:
    s = saisine(session, saisine_id)
    if not s.anonymisation_validee_par:
        raise ErreurConnue(
            f"L'anonymisation de {s.numero} n'est pas validée : son dossier ne peut pas être envoyé au HCTS. "
            "Faites d'abord valider le texte par une deuxième personne."
        )
    avis = session.scalars(
        select(Recommandation)
        .where(Recommandation.saisines.any(saisine_id=s.id))
        .order_by(Recommandation.annee, Recommandation.rang)
    )
    envois = session.scalars(
        select(EchangeHcts).where(EchangeHcts.saisine_id == s.id).order_by(EchangeHcts.date, EchangeHcts.id)
    )
    return de.DossierHcts(
        en_tete=en_tete(session),
        numero=s.numero,
        recue_le=s.recue_le,
        canal=s.canal.libelle,
        type_demandeur=s.type_demandeur.libelle,
        themes=_themes([t.theme for t in s.themes]),
        question=s.question,
        contexte=s.contexte,
        recevable_le=s.recevable_le,
        anonymisation_validee_par=s.anonymisation_validee_par,
        anonymisation_validee_le=s.anonymisation_validee_le,
        avis_locaux=tuple(
            de.AvisResume(r.numero, r.nature.libelle, r.titre, r.statut.libelle, r.adoptee_le, r.texte)
            for r in avis
            if r.statut is not StatutRecommandation.RETIREE
        ),
        historique=tuple(de.EtapeSaisine(t.le, t.vers.libelle, t.par, t.motif) for t in s.transitions),
        envois=tuple(de.EnvoiHcts(e.date, e.objet, e.par, e.suite_donnee) for e in envois),
    )


def dossier_hcts_pdf(session: Session, saisine_id: int) -> bytes:
    from app.documents.dossier_hcts import dossier_hcts_pdf as produire

    return bytes(produire(dossier_hcts(session, saisine_id)))


def annees_registre(session: Session) -> list[int]:
    """Years that have at least one text, most recent first."""
    return list(session.scalars(select(Recommandation.annee).distinct().order_by(Recommandation.annee.desc())))


def registre(session: Session, annee: int) -> de.Registre:
    lignes = []
    for r in session.scalars(select(Recommandation).where(Recommandation.annee == annee).order_by(Recommandation.rang)):
        lignes.append(
            de.LigneRegistre(
                numero=r.numero,
                nature=r.nature.libelle,
                titre=r.titre,
                statut=r.statut.libelle,
                saisines=tuple(s.numero for s in _saisines_liees(session, r)),
                themes=_themes([t.theme for t in r.themes]),
                adoptee_le=r.adoptee_le,
                seance_adoption=_seance_adoption(session, r),
                publiee_le=r.publiee_le,
                publication_autorisee=r.publication_autorisee,
            )
        )
    return de.Registre(en_tete=en_tete(session), annee=annee, lignes=tuple(lignes))


def registre_pdf(session: Session, annee: int) -> bytes:
    from app.documents.registre import registre_pdf as produire

    return bytes(produire(registre(session, annee)))


def registre_xlsx(session: Session, annee: int) -> bytes:
    from app.documents.registre import registre_xlsx as produire

    return bytes(produire(registre(session, annee)))
