"""Evaluation material entered by the secretariat: the participants' questionnaire of a held meeting (counts typed
from the paper forms) and dated qualitative notes filed under a sub-domain of ANSA's grid.

Every write returns what it replaced, so the interface can take it back (Ctrl+Z) with the matching call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.horloge import aujourdhui
from app.modeles import NoteEvaluation, RetourParticipants, Seance
from app.modeles.enumerations import STATUTS_TENUS, NiveauRetour, QuestionRetour, RubriqueNote, SousDomaine
from app.services.validation import ErreurValidation, texte_obligatoire

Case = tuple[QuestionRetour, NiveauRetour]
Comptes = dict[Case, int]
"""How many participants answered each level of each question; a case absent was not entered."""

CASES: tuple[Case, ...] = tuple((q, n) for q in QuestionRetour for n in NiveauRetour)


# --- the participants' questionnaire ---------------------------------------------------------------------


def _seance(session: Session, seance_id: int) -> Seance:
    seance = session.get(Seance, seance_id)
    if seance is None:
        raise ErreurConnue("Cette séance n'existe plus : elle a peut-être été supprimée entre-temps.")
    return seance


def lire_retours(session: Session, seance_id: int) -> Comptes:
    """The counts recorded for the meeting (only the cases that have a row)."""
    return {
        (r.question, r.niveau): r.nombre
        for r in session.scalars(select(RetourParticipants).where(RetourParticipants.seance_id == seance_id))
    }


def _ecrire(session: Session, seance_id: int, comptes: Mapping[Case, int]) -> None:
    # One by one rather than a bulk DELETE: the journal records every row removed.
    for retour in session.scalars(select(RetourParticipants).where(RetourParticipants.seance_id == seance_id)):
        session.delete(retour)
    session.flush()
    session.add_all(
        RetourParticipants(seance_id=seance_id, question=q, niveau=n, nombre=comptes[(q, n)])
        for q, n in CASES
        if (q, n) in comptes
    )
    session.flush()


def definir_retours(session: Session, seance_id: int, comptes: Mapping[Case, int]) -> Comptes:
    """Set every count of a held meeting at once; returns the previous counts (for `restaurer_retours`).

    A case not given counts 0. A questionnaire left entirely at 0 is no questionnaire: its rows are removed, so
    that « not entered » stays distinguishable from « entered »."""
    seance = _seance(session, seance_id)
    if seance.statut not in STATUTS_TENUS:
        raise ErreurConnue(
            f"La séance {seance.reference} n'est pas tenue ({seance.statut.libelle.lower()}) : le questionnaire "
            "des participants se saisit pour une séance tenue."
        )
    for (question, niveau), nombre in comptes.items():
        if not isinstance(nombre, int) or nombre < 0:
            raise ErreurValidation(
                f"{question.value}:{niveau.value}",
                f"« {question.libelle} », « {niveau.libelle} » : le nombre de réponses doit être un entier positif "
                "ou nul.",
            )
    avant = lire_retours(session, seance_id)
    complets = {case: comptes.get(case, 0) for case in CASES}
    _ecrire(session, seance_id, complets if any(complets.values()) else {})
    return avant


def restaurer_retours(session: Session, seance_id: int, comptes: Mapping[Case, int]) -> Comptes:
    """Put back exactly the rows `definir_retours` returned (undo); returns what it replaced."""
    _seance(session, seance_id)
    avant = lire_retours(session, seance_id)
    _ecrire(session, seance_id, comptes)
    return avant


# --- dated notes -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FicheNote:
    id: int  # 0 for a new note
    date: dt.date
    sous_domaine: SousDomaine
    rubrique: RubriqueNote
    texte: str


def _note(session: Session, note_id: int) -> NoteEvaluation:
    note = session.get(NoteEvaluation, note_id)
    if note is None:
        raise ErreurConnue("Cette note n'existe plus : elle a peut-être été supprimée entre-temps.")
    return note


def fiche_note(session: Session, note_id: int) -> FicheNote:
    n = _note(session, note_id)
    return FicheNote(n.id, n.date, n.sous_domaine, n.rubrique, n.texte)


def _valider(fiche: FicheNote) -> str:
    # Paragraphs are kept (a note may be several); only the surrounding blank space goes.
    texte_obligatoire("texte", "Le texte de la note", fiche.texte)
    if fiche.date > aujourdhui():
        raise ErreurValidation("date", "La date de la note ne peut pas être postérieure à aujourd'hui.")
    return fiche.texte.strip()


def _appliquer(note: NoteEvaluation, fiche: FicheNote, texte: str) -> None:
    note.date = fiche.date
    note.sous_domaine = fiche.sous_domaine
    note.rubrique = fiche.rubrique
    note.texte = texte


def creer_note(session: Session, fiche: FicheNote) -> FicheNote:
    """A new note; `fiche.id`, when given (redo of a creation, undo of a deletion), is kept."""
    texte = _valider(fiche)
    note = NoteEvaluation()
    if fiche.id:
        note.id = fiche.id
    _appliquer(note, fiche, texte)
    session.add(note)
    session.flush()
    return fiche_note(session, note.id)


def modifier_note(session: Session, fiche: FicheNote) -> FicheNote:
    """Apply `fiche`; returns the note as it was (for undo, through `modifier_note` again)."""
    avant = fiche_note(session, fiche.id)
    _appliquer(_note(session, fiche.id), fiche, _valider(fiche))
    session.flush()
    return avant


def restaurer_note(session: Session, fiche: FicheNote) -> FicheNote:
    """Undo of an edit: put the note back as it was, whatever today's rules say about its date."""
    avant = fiche_note(session, fiche.id)
    _appliquer(_note(session, fiche.id), fiche, fiche.texte)
    session.flush()
    return avant


def recreer_note(session: Session, fiche: FicheNote) -> FicheNote:
    """Undo of a deletion: the note comes back under its id, as it was."""
    note = NoteEvaluation(id=fiche.id)
    _appliquer(note, fiche, fiche.texte)
    session.add(note)
    session.flush()
    return fiche


def supprimer_note(session: Session, note_id: int) -> FicheNote:
    avant = fiche_note(session, note_id)
    session.delete(_note(session, note_id))
    session.flush()
    return avant
