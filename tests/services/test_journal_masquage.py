"""Personal data the retention rules erase never reaches the journal: for each masked column, a real service write
(creation, modification, deletion) leaves only the column's name and « (masqué) » in the details."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import inspect, select

from app.modeles import DemandeurSaisine, Journal, Personne, Saisine
from app.modeles.base import Base
from app.modeles.enumerations import CanalSaisine, OperationJournal, StatutSaisine, TypeDemandeur
from app.services import annuaire, demandeurs, journal_masquage, saisines, saisines_workflow
from app.services.journal_masquage import MASQUE

SECRETS = ("anne.secret@exemple.fr", "06 12 34 56 78", "Fauteuil roulant, boucle magnétique")


def _journal(session, entite: str) -> list[tuple[OperationJournal, dict]]:
    lignes = session.execute(
        select(Journal.operation, Journal.details).where(Journal.entite == entite).order_by(Journal.id)
    )
    return [(op, json.loads(d)) for op, d in lignes]


def _tout_le_journal(session) -> str:
    return "\n".join(session.scalars(select(Journal.details)))


def test_les_coordonnees_d_une_personne_sont_masquees_a_chaque_ecriture(base):
    with base.session_scope() as s:
        fiche = annuaire.ajouter_personne(
            s,
            annuaire.FichePersonne(
                0,
                "Martin",
                "Anne",
                fonction="Assistante sociale",
                courriel=SECRETS[0],
                telephone=SECRETS[1],
                besoins_accessibilite=SECRETS[2],
            ),
        )
    with base.session_scope() as s:
        annuaire.modifier_personne(
            s,
            annuaire.FichePersonne(
                fiche.id,
                "Martin",
                "Anne",
                fonction="Conseillère",
                courriel="anne.autre@exemple.fr",
                telephone="07 00 00 00 00",
                besoins_accessibilite="Aucun",
            ),
        )
    with base.session_scope() as s:
        annuaire.supprimer_personne(s, fiche.id)
    with base.session_scope() as s:
        entrees = _journal(s, "Personne")
        assert [op for op, _ in entrees] == [
            OperationJournal.CREATION,
            OperationJournal.MODIFICATION,
            OperationJournal.SUPPRESSION,
        ]
        creation, modification, suppression = (d for _, d in entrees)
        for details in (creation, suppression):
            assert {c: details[c] for c in ("courriel", "telephone", "besoins_accessibilite")} == dict.fromkeys(
                ("courriel", "telephone", "besoins_accessibilite"), MASQUE
            )
            assert details["nom"] == "Martin"  # the name stays: it tells whose record it was
        assert modification == {
            "fonction": ["Assistante sociale", "Conseillère"],
            "courriel": MASQUE,
            "telephone": MASQUE,
            "besoins_accessibilite": MASQUE,
        }
        texte = _tout_le_journal(s)
        for secret in (*SECRETS, "anne.autre@exemple.fr", "07 00 00 00 00"):
            assert secret not in texte


def _saisine(base, question: str = "", contexte: str = "") -> int:
    with base.session_scope() as s:
        fiche = saisines.enregistrer_saisine(
            s,
            saisines.FicheSaisine(
                0,
                dt.date(2026, 3, 2),
                CanalSaisine.COURRIEL,
                TypeDemandeur.TRAVAILLEUR_SOCIAL,
                question=question,
                contexte=contexte,
            ),
            par="secretariat",
        )
        return fiche.id


def test_le_demandeur_d_une_saisine_n_apparait_jamais(base):
    saisine_id = _saisine(base)
    with base.session_scope() as s:
        demandeurs.enregistrer_demandeur(s, saisine_id, demandeurs.Demandeur("Paul Lefort", "paul.lefort@exemple.fr"))
    with base.session_scope() as s:
        demandeurs.enregistrer_demandeur(s, saisine_id, demandeurs.Demandeur("Paule Lefort", "01 02 03 04 05"))
    with base.session_scope() as s:
        demandeurs.enregistrer_demandeur(s, saisine_id, demandeurs.Demandeur())  # cleared: the row is deleted
    with base.session_scope() as s:
        entrees = _journal(s, "DemandeurSaisine")
        assert [op for op, _ in entrees] == [
            OperationJournal.CREATION,
            OperationJournal.MODIFICATION,
            OperationJournal.SUPPRESSION,
        ]
        assert entrees[0][1] == {
            "id": entrees[0][1]["id"],
            "saisine_id": saisine_id,
            "identite": MASQUE,
            "coordonnees": MASQUE,
        }
        assert entrees[1][1] == {"identite": MASQUE, "coordonnees": MASQUE}
        texte = _tout_le_journal(s)
        for secret in ("Lefort", "paul.lefort", "01 02 03 04 05"):
            assert secret not in texte


def test_toutes_les_colonnes_du_demandeur_hors_identifiants_sont_masquees():
    mapper = inspect(DemandeurSaisine)
    attendues = {a.key for a in mapper.column_attrs} - {"id", "saisine_id"}
    assert attendues  # the requester does have columns of their own
    assert journal_masquage.masquees_toujours(mapper) == attendues


def test_chaque_colonne_masquee_existe():
    """A column renamed in a model would silently stop being masked."""
    par_table = {m.local_table.name: {a.key for a in m.column_attrs} for m in Base.registry.mappers}
    for table, colonnes in {
        **journal_masquage.COLONNES_MASQUEES,
        **journal_masquage.COLONNES_AVANT_ANONYMISATION,
    }.items():
        assert colonnes <= par_table[table], table
    assert journal_masquage.TABLE_DEMANDEUR in par_table


QUESTION = "Madame Josiane Vautrin, 12 rue des Lilas, demande si elle peut consulter le dossier de son fils."
CONTEXTE = "Suivie par le service depuis 2019, née le 03/04/1975."
ANONYME = "Une mère demande si elle peut consulter le dossier de son enfant."


def test_la_question_d_une_saisine_est_masquee_avant_l_anonymisation(base):
    saisine_id = _saisine(base, QUESTION, CONTEXTE)
    with base.session_scope() as s:
        fiche = saisines.fiche_saisine(s, saisine_id)
        saisines.modifier_saisine(s, saisines.FicheSaisine(**{**fiche.__dict__, "question": ANONYME, "contexte": ""}))
    with base.session_scope() as s:
        entrees = _journal(s, "Saisine")
        assert entrees[0][0] is OperationJournal.CREATION
        assert (entrees[0][1]["question"], entrees[0][1]["contexte"]) == (MASQUE, MASQUE)
        assert entrees[0][1]["numero"].startswith("SAI-")
        assert entrees[1][1]["question"] == MASQUE and entrees[1][1]["contexte"] == MASQUE
        texte = _tout_le_journal(s)
        for secret in ("Vautrin", "Lilas", "03/04/1975", ANONYME):
            assert secret not in texte


def test_une_saisine_anonymisee_garde_son_texte_au_journal(base):
    """Once a second person validated the anonymisation the text is anonymised: its deletion keeps it."""
    saisine_id = _saisine(base, ANONYME)
    with base.session_scope() as s:
        for vers in (StatutSaisine.ACCUSEE, StatutSaisine.RECEVABLE):
            saisines_workflow.passer(s, saisine_id, vers, par="secretariat", le=dt.date(2026, 3, 3))
        saisines_workflow.valider_anonymisation(s, saisine_id, par="Claire Relais", le=dt.date(2026, 3, 4))
    with base.session_scope() as s:
        derniere = _journal(s, "Saisine")[-1]
        assert derniere[0] is OperationJournal.MODIFICATION
        assert "question" not in derniere[1]  # the validation does not touch the text
        s.delete(s.get(Saisine, saisine_id))  # no service deletes a validated referral: the ORM does it here
    with base.session_scope() as s:
        op, details = _journal(s, "Saisine")[-1]
        assert op is OperationJournal.SUPPRESSION
        assert details["question"] == ANONYME


def test_une_personne_creee_sans_service_est_masquee_aussi(base):
    """The rule sits in the journal itself, not in the services: a direct ORM write is masked the same."""
    with base.session_scope() as s:
        s.add(Personne(nom="Durand", prenom="Léa", courriel="lea@exemple.fr"))
    with base.session_scope() as s:
        ((_, details),) = _journal(s, "Personne")
        assert details["courriel"] == MASQUE and details["nom"] == "Durand"
