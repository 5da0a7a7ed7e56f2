"""Undo / redo of edits through Contexte.executer: done once, undone, redone; a failed replay is dropped."""

from __future__ import annotations

from sqlalchemy import select

from app.erreurs import ErreurConnue
from app.modeles import Structure
from app.modeles.enumerations import TypeStructure
from app.services import annuaire
from app.ui.contexte import Contexte


def _noms(contexte: Contexte) -> list[str]:
    return contexte.lire(lambda s: list(s.scalars(select(Structure.nom).order_by(Structure.nom))))


def _supprimer(session, structure_id):
    session.delete(session.get(Structure, structure_id))


def test_executer_annuler_retablir(qtbot, base):
    contexte = Contexte(base)
    signaux = []
    contexte.donnees_modifiees.connect(lambda: signaux.append(1))
    identifiant = contexte.executer(
        "Ajouter le CCAS",
        faire=lambda s: annuaire.creer_structure(s, "CCAS de Valence", TypeStructure.CCAS_CIAS).id,
        defaire=_supprimer,
    )
    assert _noms(contexte) == ["CCAS de Valence"] and isinstance(identifiant, int)
    assert contexte.pile.undoText() == "Ajouter le CCAS" and len(signaux) == 1
    contexte.pile.undo()
    assert _noms(contexte) == []
    contexte.pile.redo()
    assert _noms(contexte) == ["CCAS de Valence"]
    contexte.pile.undo()
    assert _noms(contexte) == [] and len(signaux) == 4


def test_une_action_refusee_n_entre_pas_dans_la_pile(qtbot, base):
    contexte = Contexte(base)

    def refuser(session):
        annuaire.creer_structure(session, "A", TypeStructure.AUTRE)
        raise ErreurConnue("Refusé.")

    try:
        contexte.executer("Ajouter", refuser, _supprimer)
    except ErreurConnue as erreur:
        assert erreur.message == "Refusé."
    else:
        raise AssertionError("l'erreur aurait dû remonter")
    assert contexte.pile.count() == 0 and _noms(contexte) == []  # the transaction was rolled back


def test_une_annulation_devenue_impossible_est_signalee_et_retiree(qtbot, base):
    contexte = Contexte(base)
    messages: list[str] = []
    contexte.echec.connect(messages.append)

    def defaire_impossible(_session, _resultat):
        raise ErreurConnue("la structure a des membres")

    contexte.executer(
        "Ajouter B", lambda s: annuaire.creer_structure(s, "B", TypeStructure.AUTRE).id, defaire_impossible
    )
    contexte.pile.undo()
    assert messages == ["Impossible d'annuler « Ajouter B » : la structure a des membres"]
    assert _noms(contexte) == ["B"] and contexte.pile.count() == 0
