"""Ethics referrals: registration under a number `SAI-AAAA-NNN`, editing, deletion, with undo.

The workflow itself (CONCEPTION §2) is in `app.services.saisines_workflow`; the requester's identity, kept apart,
in `app.services.demandeurs`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.horloge import aujourdhui, maintenant
from app.modeles import (
    EchangeHcts,
    Personne,
    PointOrdreDuJour,
    RecommandationSaisine,
    Saisine,
    SaisineRapporteur,
    SaisineTheme,
    TransitionSaisine,
)
from app.modeles.enumerations import CanalSaisine, StatutSaisine, ThemeEthique, TypeDemandeur
from app.services import demandeurs
from app.services.enfants import synchroniser
from app.services.instantanes import colonnes
from app.services.numerotation import formater, prochain_rang
from app.services.validation import ErreurValidation

S = StatutSaisine
SERIE = "SAI"
# The question and its context may be reworded until a second person has validated their anonymisation.
STATUTS_TEXTE_MODIFIABLE = frozenset({S.RECUE, S.ACCUSEE, S.RECEVABLE})
# A referral registered by mistake may be deleted while nothing has been decided on it.
STATUTS_SUPPRIMABLES = frozenset({S.RECUE, S.ACCUSEE})


@dataclass(frozen=True)
class FicheSaisine:
    """What the secretary types. `id` 0: not registered yet. `echeance`: the opinion's due date, set at
    admissibility from the 90 days and the summer pause, which may then be moved by hand."""

    id: int
    recue_le: dt.date
    canal: CanalSaisine
    type_demandeur: TypeDemandeur
    question: str = ""
    contexte: str = ""
    themes: tuple[ThemeEthique, ...] = ()
    rapporteurs: tuple[int, ...] = ()
    echeance: dt.date | None = None
    consentement_publication: bool = False
    consentement_le: dt.date | None = None
    enregistree_par: str = ""


def saisine(session: Session, saisine_id: int) -> Saisine:
    s = session.get(Saisine, saisine_id)
    if s is None:
        raise ErreurConnue("Cette saisine n'existe plus : elle a peut-être été supprimée entre-temps.")
    return s


def fiche_saisine(session: Session, saisine_id: int) -> FicheSaisine:
    s = saisine(session, saisine_id)
    return FicheSaisine(
        id=s.id,
        recue_le=s.recue_le,
        canal=s.canal,
        type_demandeur=s.type_demandeur,
        question=s.question,
        contexte=s.contexte,
        themes=tuple(sorted((t.theme for t in s.themes), key=list(ThemeEthique).index)),
        rapporteurs=tuple(r.personne_id for r in s.rapporteurs),
        echeance=s.echeance,
        consentement_publication=s.consentement_publication,
        consentement_le=s.consentement_le,
        enregistree_par=s.enregistree_par,
    )


def _texte(valeur: str) -> str:
    """Paragraphs kept, trailing spaces and runs of blank lines dropped."""
    lignes = [ligne.rstrip() for ligne in valeur.strip().splitlines()]
    propre: list[str] = []
    for ligne in lignes:
        if ligne or (propre and propre[-1]):
            propre.append(ligne)
    return "\n".join(propre)


def _valider(session: Session, fiche: FicheSaisine) -> FicheSaisine:
    jour = aujourdhui()
    if fiche.recue_le > jour:
        raise ErreurValidation("recue_le", f"La date de réception ({date_longue(fiche.recue_le)}) est dans le futur.")
    if fiche.echeance is not None and fiche.echeance < fiche.recue_le:
        raise ErreurValidation("echeance", "L'échéance de l'avis ne peut pas précéder la réception de la saisine.")
    if fiche.consentement_le is not None and fiche.consentement_le > jour:
        raise ErreurValidation("consentement_le", "La date du consentement est dans le futur.")
    if len(set(fiche.themes)) != len(fiche.themes):
        raise ErreurValidation("themes", "Un même thème figure deux fois.")
    if len(set(fiche.rapporteurs)) != len(fiche.rapporteurs):
        raise ErreurValidation("rapporteurs", "Une même personne figure deux fois parmi les rapporteurs.")
    for personne_id in fiche.rapporteurs:
        if session.get(Personne, personne_id) is None:
            raise ErreurValidation("rapporteurs", "Un rapporteur n'est plus dans l'annuaire.")
    consentement_le = fiche.consentement_le if fiche.consentement_publication else None
    if fiche.consentement_publication and consentement_le is None:
        consentement_le = jour
    return replace(
        fiche,
        question=_texte(fiche.question),
        contexte=_texte(fiche.contexte),
        consentement_le=consentement_le,
        enregistree_par=" ".join(fiche.enregistree_par.split()),
    )


def _appliquer(s: Saisine, fiche: FicheSaisine) -> None:
    s.recue_le = fiche.recue_le
    s.canal = fiche.canal
    s.type_demandeur = fiche.type_demandeur
    s.question = fiche.question
    s.contexte = fiche.contexte
    s.echeance = fiche.echeance
    s.consentement_publication = fiche.consentement_publication
    s.consentement_le = fiche.consentement_le
    synchroniser(s.themes, fiche.themes, lambda t: t.theme, lambda t: SaisineTheme(theme=t))
    synchroniser(s.rapporteurs, fiche.rapporteurs, lambda r: r.personne_id, lambda p: SaisineRapporteur(personne_id=p))


def enregistrer_saisine(session: Session, fiche: FicheSaisine, par: str) -> FicheSaisine:
    """Register a referral received on `fiche.recue_le`: it takes the next number of that year, for good."""
    fiche = _valider(session, replace(fiche, enregistree_par=fiche.enregistree_par or par))
    if not fiche.enregistree_par:
        raise ErreurValidation("enregistree_par", "Indiquez qui enregistre la saisine.")
    annee = fiche.recue_le.year
    rang = prochain_rang(session, SERIE, annee)
    s = Saisine(
        numero=formater(SERIE, annee, rang),
        annee=annee,
        rang=rang,
        recue_le=fiche.recue_le,
        canal=fiche.canal,
        type_demandeur=fiche.type_demandeur,
        statut=S.RECUE,
        enregistree_par=fiche.enregistree_par,
    )
    _appliquer(s, fiche)
    s.transitions.append(
        TransitionSaisine(de=None, vers=S.RECUE, le=fiche.recue_le, horodatage=maintenant(), par=fiche.enregistree_par)
    )
    session.add(s)
    session.flush()
    return fiche_saisine(session, s.id)


def modifier_saisine(session: Session, fiche: FicheSaisine) -> FicheSaisine:
    """Apply `fiche` to the referral; returns it as it was, for undo."""
    s = saisine(session, fiche.id)
    avant = fiche_saisine(session, fiche.id)
    fiche = _valider(session, replace(fiche, enregistree_par=s.enregistree_par))
    texte_change = (fiche.question, fiche.contexte) != (avant.question, avant.contexte)
    if texte_change and s.statut not in STATUTS_TEXTE_MODIFIABLE:
        raise ErreurValidation(
            "question",
            f"L'anonymisation de {s.numero} a été validée : sa question et son contexte ne peuvent plus être "
            "modifiés (ils ont pu être communiqués aux membres).",
        )
    if fiche.recue_le != avant.recue_le and fiche.recue_le.year != s.annee:
        raise ErreurValidation(
            "recue_le", f"{s.numero} est numérotée en {s.annee} : la date de réception doit rester dans cette année."
        )
    premiere = min((t.le for t in s.transitions if t.de is not None), default=None)
    if premiere is not None and fiche.recue_le > premiere:
        raise ErreurValidation(
            "recue_le", f"La réception ne peut pas suivre la première étape de la saisine ({date_longue(premiere)})."
        )
    _ecrire(session, s, fiche)
    return avant


def restaurer_fiche(session: Session, fiche: FicheSaisine) -> FicheSaisine:
    """Undo of an edit: put the fields back without the workflow's checks on the text."""
    s = saisine(session, fiche.id)
    avant = fiche_saisine(session, fiche.id)
    _ecrire(session, s, fiche)
    return avant


def _ecrire(session: Session, s: Saisine, fiche: FicheSaisine) -> None:
    """Apply the fields; the receipt step keeps the receipt date; the linked texts follow the consent."""
    from app.services.recommandations import actualiser_autorisations  # recommandations builds on this module

    _appliquer(s, fiche)
    for t in s.transitions:
        if t.de is None:
            t.le = fiche.recue_le
    session.flush()
    actualiser_autorisations(session, s.id)


# Deletion, kept whole for undo.


@dataclass(frozen=True)
class SaisineSupprimee:
    """Everything a deletion removed, to put back under the same id and number."""

    colonnes: dict[str, Any]
    themes: tuple[dict[str, Any], ...]
    rapporteurs: tuple[dict[str, Any], ...]
    transitions: tuple[dict[str, Any], ...]
    demandeur: demandeurs.Demandeur | None = None


def motif_refus_suppression(session: Session, saisine_id: int) -> str | None:
    s = saisine(session, saisine_id)
    if s.statut not in STATUTS_SUPPRIMABLES:
        return (
            f"{s.numero} est « {s.statut.libelle.lower()} » : elle reste au registre. Seule une saisine reçue ou "
            "accusée, enregistrée par erreur, peut être supprimée."
        )
    if session.scalar(select(PointOrdreDuJour.id).where(PointOrdreDuJour.saisine_id == s.id).limit(1)) is not None:
        return f"{s.numero} figure à l'ordre du jour d'une séance : retirez-la d'abord de cet ordre du jour."
    lien = select(RecommandationSaisine.id).where(RecommandationSaisine.saisine_id == s.id).limit(1)
    if session.scalar(lien) is not None:
        return f"{s.numero} est liée à une recommandation : retirez d'abord ce lien."
    if session.scalar(select(EchangeHcts.id).where(EchangeHcts.saisine_id == s.id).limit(1)) is not None:
        return f"{s.numero} a été transmise au HCTS : elle reste au registre."
    return None


def supprimer_saisine(session: Session, saisine_id: int) -> SaisineSupprimee:
    """Delete a referral registered by mistake. Its number is not given again."""
    motif = motif_refus_suppression(session, saisine_id)
    if motif:
        raise ErreurConnue(motif)
    s = saisine(session, saisine_id)
    copie = SaisineSupprimee(
        colonnes=colonnes(s),
        themes=tuple(colonnes(t) for t in s.themes),
        rapporteurs=tuple(colonnes(r) for r in s.rapporteurs),
        transitions=tuple(colonnes(t) for t in s.transitions),
        demandeur=demandeurs.retirer_pour_suppression(session, s.id),
    )
    session.delete(s)
    session.flush()
    return copie


def restaurer_saisine(session: Session, copie: SaisineSupprimee) -> int:
    """Undo of a deletion (or redo of a registration): the same id, number and history."""
    s = Saisine(**copie.colonnes)
    s.themes = [SaisineTheme(**c) for c in copie.themes]
    s.rapporteurs = [SaisineRapporteur(**c) for c in copie.rapporteurs]
    s.transitions = [TransitionSaisine(**c) for c in copie.transitions]
    session.add(s)
    session.flush()
    if copie.demandeur is not None:
        demandeurs.remettre_apres_suppression(session, s.id, copie.demandeur)
    return s.id
