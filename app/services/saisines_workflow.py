"""The referral's workflow (CONCEPTION §2) as a state machine, the anonymisation gate and the escalations to the
HCTS ethics commission. Every step is recorded with who and when; every step can be undone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.horloge import aujourdhui, maintenant
from app.modeles import (
    EchangeHcts,
    PointOrdreDuJour,
    Recommandation,
    RecommandationSaisine,
    Seance,
    TransitionSaisine,
)
from app.modeles.enumerations import (
    STATUTS_TENUS,
    NaturePoint,
    SensEchange,
    StatutRecommandation,
    StatutSaisine,
    StatutSeance,
    TypeDemandeur,
)
from app.services import ordre_du_jour
from app.services.delais_saisine import echeance_avis, pause_du_comite
from app.services.saisines import saisine
from app.services.validation import ErreurValidation

S = StatutSaisine

TRANSITIONS: dict[StatutSaisine, tuple[StatutSaisine, ...]] = {
    S.RECUE: (S.ACCUSEE,),
    S.ACCUSEE: (S.RECEVABLE, S.IRRECEVABLE, S.REORIENTEE),
    S.IRRECEVABLE: (S.CLOTUREE,),
    S.REORIENTEE: (S.CLOTUREE,),
    S.RECEVABLE: (S.ANONYMISATION_VALIDEE,),
    S.ANONYMISATION_VALIDEE: (S.EN_INSTRUCTION,),
    S.EN_INSTRUCTION: (S.INSCRITE_ODJ,),
    # Back steps: taken off an agenda, or debated without reaching an opinion.
    S.INSCRITE_ODJ: (S.DEBATTUE, S.EN_INSTRUCTION),
    S.DEBATTUE: (S.AVIS_ADOPTE, S.EN_INSTRUCTION),
    S.AVIS_ADOPTE: (S.TRANSMISE,),
    S.TRANSMISE: (S.CLOTUREE,),
    S.CLOTUREE: (),
}
# A written reason is required for these steps (printed in the history).
MOTIF_REQUIS: frozenset[tuple[StatutSaisine, StatutSaisine]] = frozenset(
    {
        (S.ACCUSEE, S.IRRECEVABLE),
        (S.ACCUSEE, S.REORIENTEE),
        (S.INSCRITE_ODJ, S.EN_INSTRUCTION),
        (S.DEBATTUE, S.EN_INSTRUCTION),
    }
)
STATUTS_EN_COURS_DE_SEANCE = frozenset({StatutSeance.PLANIFIEE, StatutSeance.CONVOQUEE})
ADOPTEES = (StatutRecommandation.ADOPTEE, StatutRecommandation.PUBLIEE)


class TransitionInterdite(ErreurConnue):
    pass


class ConstatsRestants(ErreurConnue):
    """The anonymisation check still finds identifying data: validation needs an explicit confirmation."""

    def __init__(self, message: str, nombre: int) -> None:
        super().__init__(message)
        self.nombre = nombre


def motif_requis(de: StatutSaisine, vers: StatutSaisine) -> bool:
    return (de, vers) in MOTIF_REQUIS


def transitions_possibles(statut: StatutSaisine) -> tuple[StatutSaisine, ...]:
    return TRANSITIONS[statut]


def libelle_action(de: StatutSaisine, vers: StatutSaisine) -> str:
    """What the button says for a step."""
    if vers is S.EN_INSTRUCTION and de is not S.ANONYMISATION_VALIDEE:
        return "Remettre en instruction…"
    return {
        S.ACCUSEE: "Accuser réception…",
        S.RECEVABLE: "Déclarer recevable…",
        S.IRRECEVABLE: "Déclarer irrecevable…",
        S.REORIENTEE: "Réorienter…",
        S.ANONYMISATION_VALIDEE: "Valider l'anonymisation…",
        S.EN_INSTRUCTION: "Mettre en instruction…",
        S.INSCRITE_ODJ: "Inscrire à l'ordre du jour…",
        S.DEBATTUE: "Débattue en séance…",
        S.AVIS_ADOPTE: "Avis adopté…",
        S.TRANSMISE: "Avis transmis…",
        S.CLOTUREE: "Clôturer…",
    }[vers]


@dataclass(frozen=True)
class EtatSaisine:
    """What a step touches, to put back on undo."""

    saisine_id: int
    statut: StatutSaisine
    accusee_le: dt.date | None
    recevable_le: dt.date | None
    transmise_le: dt.date | None
    echeance: dt.date | None
    motif_decision: str
    anonymisation_validee_par: str
    anonymisation_validee_le: dt.date | None
    derniere_transition: int
    point_cree: int | None = None


def etat_saisine(session: Session, saisine_id: int) -> EtatSaisine:
    s = saisine(session, saisine_id)
    return EtatSaisine(
        s.id,
        s.statut,
        s.accusee_le,
        s.recevable_le,
        s.transmise_le,
        s.echeance,
        s.motif_decision,
        s.anonymisation_validee_par,
        s.anonymisation_validee_le,
        max((t.id for t in s.transitions), default=0),
    )


def restaurer_etat(session: Session, etat: EtatSaisine) -> None:
    """Undo of a step: the referral as it was, the step's record and any agenda item it added removed."""
    s = saisine(session, etat.saisine_id)
    s.statut = etat.statut
    s.accusee_le, s.recevable_le, s.transmise_le = etat.accusee_le, etat.recevable_le, etat.transmise_le
    s.echeance = etat.echeance
    s.motif_decision = etat.motif_decision
    s.anonymisation_validee_par = etat.anonymisation_validee_par
    s.anonymisation_validee_le = etat.anonymisation_validee_le
    for t in list(s.transitions):
        if t.id > etat.derniere_transition:
            s.transitions.remove(t)
    session.flush()
    if etat.point_cree is not None and session.get(PointOrdreDuJour, etat.point_cree) is not None:
        ordre_du_jour.supprimer_point(session, etat.point_cree)


def _meme_personne(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _date_etape(s_le: dt.date | None, derniere: dt.date, numero: str) -> dt.date:
    jour = aujourdhui()
    le = s_le or jour
    if le > jour:
        raise ErreurValidation("le", f"La date de l'étape ({date_longue(le)}) est dans le futur.")
    if le < derniere:
        raise ErreurValidation(
            "le", f"La date de l'étape ne peut pas précéder la précédente étape de {numero} ({date_longue(derniere)})."
        )
    return le


def _points_de(session: Session, saisine_id: int, statuts: frozenset[StatutSeance]) -> list[int]:
    return list(
        session.scalars(
            select(PointOrdreDuJour.id)
            .join(Seance, Seance.id == PointOrdreDuJour.seance_id)
            .where(PointOrdreDuJour.saisine_id == saisine_id, Seance.statut.in_(sorted(statuts)))
        )
    )


def _verifier_conditions(session: Session, saisine_id: int, vers: StatutSaisine, numero: str) -> None:
    if vers is S.DEBATTUE and not _points_de(session, saisine_id, STATUTS_TENUS):
        raise TransitionInterdite(
            f"{numero} n'a été examinée dans aucune séance tenue : passez d'abord la séance où elle a été débattue "
            "à l'état « tenue »."
        )
    if vers is S.AVIS_ADOPTE:
        adopte = session.scalar(
            select(Recommandation.id)
            .join(RecommandationSaisine, RecommandationSaisine.recommandation_id == Recommandation.id)
            .where(RecommandationSaisine.saisine_id == saisine_id, Recommandation.statut.in_(ADOPTEES))
            .limit(1)
        )
        if adopte is None:
            raise TransitionInterdite(
                f"Aucun avis adopté n'est lié à {numero} : adoptez d'abord l'avis dans la page Recommandations."
            )


def passer(
    session: Session,
    saisine_id: int,
    vers: StatutSaisine,
    *,
    par: str,
    le: dt.date | None = None,
    motif: str = "",
    seance_id: int | None = None,
) -> EtatSaisine:
    """Take one step of the workflow; returns the state before, for undo.

    `seance_id` is the meeting whose agenda receives the referral (`inscrite_odj`). The anonymisation step goes
    through `valider_anonymisation`, which checks the text and the second person.
    """
    s = saisine(session, saisine_id)
    if vers not in TRANSITIONS[s.statut]:
        raise TransitionInterdite(
            f"{s.numero} est « {s.statut.libelle.lower()} » : elle ne peut pas passer à « {vers.libelle.lower()} »."
        )
    if vers is S.ANONYMISATION_VALIDEE:
        raise TransitionInterdite("L'anonymisation se valide par « Valider l'anonymisation… » (deuxième personne).")
    par = " ".join(par.split())
    if not par:
        raise ErreurValidation("par", "Indiquez qui fait cette étape.")
    motif = motif.strip()
    if motif_requis(s.statut, vers) and not motif:
        raise ErreurValidation("motif", f"Indiquez le motif : « {vers.libelle} » doit être motivée.")
    derniere = max(t.le for t in s.transitions) if s.transitions else s.recue_le
    jour = _date_etape(le, derniere, s.numero)
    _verifier_conditions(session, s.id, vers, s.numero)
    avant = etat_saisine(session, saisine_id)
    point_cree = None
    if vers is S.INSCRITE_ODJ:
        point_cree, motif = _inscrire(session, s.id, s.numero, seance_id, motif)
    if vers is S.ACCUSEE:
        s.accusee_le = jour
    elif vers is S.RECEVABLE:
        s.recevable_le = jour
        s.echeance = echeance_avis(jour, pause_du_comite(session))
    elif vers in (S.IRRECEVABLE, S.REORIENTEE):
        s.motif_decision = motif
    elif vers is S.TRANSMISE:
        s.transmise_le = jour
    s.transitions.append(
        TransitionSaisine(de=s.statut, vers=vers, le=jour, horodatage=maintenant(), par=par, motif=motif)
    )
    s.statut = vers
    session.flush()
    return EtatSaisine(**{**avant.__dict__, "point_cree": point_cree})


def _inscrire(
    session: Session, saisine_id: int, numero: str, seance_id: int | None, motif: str
) -> tuple[int | None, str]:
    """Put the referral on a coming meeting's agenda, by its number only; returns (the item added, the note)."""
    if seance_id is None:
        if _points_de(session, saisine_id, STATUTS_EN_COURS_DE_SEANCE):
            return None, motif
        raise ErreurValidation("seance_id", "Choisissez la séance à l'ordre du jour de laquelle inscrire la saisine.")
    seance = session.get(Seance, seance_id)
    if seance is None:
        raise ErreurValidation("seance_id", "Cette séance n'existe plus.")
    if seance.statut not in STATUTS_EN_COURS_DE_SEANCE:
        raise ErreurValidation(
            "seance_id",
            f"La séance {seance.reference} est « {seance.statut.libelle.lower()} » : choisissez une séance à venir.",
        )
    note = motif or f"Séance {seance.reference} du {date_longue(seance.date)}"
    deja = session.scalar(
        select(PointOrdreDuJour.id).where(
            PointOrdreDuJour.seance_id == seance.id, PointOrdreDuJour.saisine_id == saisine_id
        )
    )
    if deja is not None:
        return None, note
    point = ordre_du_jour.ajouter_point(
        session,
        ordre_du_jour.FichePoint(
            id=0,
            seance_id=seance.id,
            titre=f"Examen de la saisine {numero}",
            nature=NaturePoint.SAISINE,
            saisine_id=saisine_id,
        ),
    )
    return point.id, note


def valider_anonymisation(
    session: Session,
    saisine_id: int,
    *,
    par: str,
    le: dt.date | None = None,
    signalements_verifies: bool = False,
) -> EtatSaisine:
    """The gate before any member reads the referral: a second person (not the one who registered it) validates
    the anonymised question and context. Findings of the check block the step unless that person confirms having
    examined each of them (`signalements_verifies`), which is recorded."""
    from app.services import anonymat  # its libraries load on first use: only when a check is asked for

    s = saisine(session, saisine_id)
    if s.statut is not S.RECEVABLE:
        raise TransitionInterdite(
            f"{s.numero} est « {s.statut.libelle.lower()} » : son anonymisation se valide une fois recevable."
        )
    par = " ".join(par.split())
    if not par:
        raise ErreurValidation("par", "Indiquez le nom de la personne qui valide l'anonymisation.")
    if _meme_personne(par, s.enregistree_par):
        raise ErreurValidation(
            "par",
            f"{s.numero} a été enregistrée par {s.enregistree_par} : l'anonymisation doit être validée par une "
            "autre personne.",
        )
    if not s.question.strip():
        raise ErreurValidation("question", f"La question de {s.numero} est vide : rédigez-la avant de la valider.")
    derniere = max(t.le for t in s.transitions) if s.transitions else s.recue_le
    jour = _date_etape(le, derniere, s.numero)
    noms = anonymat.noms_de_l_annuaire(session)
    constats = anonymat.detecter(s.question, noms) + anonymat.detecter(s.contexte, noms)
    motif = ""
    if constats:
        if not signalements_verifies:
            raise ConstatsRestants(
                f"La vérification signale encore {len(constats)} élément(s) identifiant(s) dans {s.numero} : "
                "corrigez le texte, ou confirmez les avoir examinés un par un.",
                len(constats),
            )
        types = sorted({anonymat.TYPES[c.type] for c in constats})
        motif = f"Validée après examen de {len(constats)} signalement(s) : {', '.join(types).lower()}."
    avant = etat_saisine(session, saisine_id)
    s.anonymisation_validee_par = par
    s.anonymisation_validee_le = jour
    s.transitions.append(
        TransitionSaisine(
            de=s.statut, vers=S.ANONYMISATION_VALIDEE, le=jour, horodatage=maintenant(), par=par, motif=motif
        )
    )
    s.statut = S.ANONYMISATION_VALIDEE
    session.flush()
    return avant


def anonymisation_validee(session: Session, saisine_id: int) -> bool:
    return bool(saisine(session, saisine_id).anonymisation_validee_par)


# Escalation to the HCTS ethics commission, possible from admissibility on.


def motif_refus_escalade(session: Session, saisine_id: int) -> str | None:
    s = saisine(session, saisine_id)
    if s.recevable_le is None or s.statut in (S.IRRECEVABLE, S.REORIENTEE):
        return f"{s.numero} n'est pas recevable : elle ne peut pas être transmise à la commission du HCTS."
    return None


def escalader(
    session: Session, saisine_id: int, *, objet: str, par: str, le: dt.date | None = None, document: str = ""
) -> int:
    """Record what was sent to the HCTS ethics commission, and when; returns the exchange's id."""
    motif = motif_refus_escalade(session, saisine_id)
    if motif:
        raise TransitionInterdite(motif)
    s = saisine(session, saisine_id)
    objet = " ".join(objet.split())
    if not objet:
        raise ErreurValidation("objet", "Indiquez ce qui a été envoyé au HCTS.")
    par = " ".join(par.split())
    if not par:
        raise ErreurValidation("par", "Indiquez qui a fait l'envoi.")
    jour = le or aujourdhui()
    if jour > aujourdhui():
        raise ErreurValidation("le", f"La date d'envoi ({date_longue(jour)}) est dans le futur.")
    if s.recevable_le is not None and jour < s.recevable_le:
        raise ErreurValidation("le", f"L'envoi ne peut pas précéder la recevabilité ({date_longue(s.recevable_le)}).")
    echange = EchangeHcts(
        date=jour, sens=SensEchange.VERS_HCTS, objet=objet, document=document.strip(), saisine_id=s.id, par=par
    )
    session.add(echange)
    if s.escaladee_hcts_le is None or jour < s.escaladee_hcts_le:
        s.escaladee_hcts_le = jour
    session.flush()
    return echange.id


def annuler_escalade(session: Session, echange_id: int) -> None:
    """Undo of an escalation entry."""
    echange = session.get(EchangeHcts, echange_id)
    if echange is None:
        return
    saisine_id = echange.saisine_id
    session.delete(echange)
    session.flush()
    if saisine_id is not None:
        s = saisine(session, saisine_id)
        s.escaladee_hcts_le = session.scalar(
            select(EchangeHcts.date).where(EchangeHcts.saisine_id == saisine_id).order_by(EchangeHcts.date).limit(1)
        )
        session.flush()


def enregistrer_reponse_hcts(session: Session, echange_id: int, reponse: str) -> str:
    """What the HCTS answered, or what came of it; returns the previous text, for undo."""
    echange = session.get(EchangeHcts, echange_id)
    if echange is None:
        raise ErreurConnue("Cet envoi au HCTS n'existe plus.")
    avant = echange.suite_donnee
    echange.suite_donnee = reponse.strip()
    session.flush()
    return avant


def consentement_requis(type_demandeur: TypeDemandeur) -> bool:
    """A referral the instance raised itself has no requester whose consent could be asked."""
    return type_demandeur is not TypeDemandeur.AUTOSAISINE
