"""The Évaluation page's tables: held meetings (questionnaire), notes, and the indicators' rows (attendance per
meeting and per collège, members' assiduity). Read-only models over the services' rows."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.format_fr import date_longue, nombre, oui_non, pourcentage
from app.services.evaluation import FicheNote
from app.services.evaluation_lecture import (
    AssiduiteMembre,
    PresenceCollege,
    PresenceSeance,
    SeanceQuestionnaire,
)
from app.services.normalisation import normaliser
from app.ui.tableau_lignes import Colonne, ModeleLignes, ModeleTable


def _taux_tri(taux: float | None) -> int:
    """Rates sort as numbers, « — » (no expected seat) first."""
    return -1 if taux is None else round(taux * 1_000_000)


def apercu(texte: str, longueur: int = 140) -> str:
    """The note's first words on one line (the whole text is in the tooltip and the dialog)."""
    ligne = " ".join(texte.split())
    return ligne if len(ligne) <= longueur else ligne[: longueur - 1].rstrip() + "…"


def modele_questionnaires(parent: QObject | None = None) -> ModeleLignes[SeanceQuestionnaire]:
    def reponses(s: SeanceQuestionnaire) -> str:
        return "non saisi" if not s.saisi else f"{nombre(max(s.repondants))} réponses"

    return ModeleLignes(
        [
            Colonne("Date", lambda s: date_longue(s.date), lambda s: s.date.isoformat()),
            Colonne("Séance", lambda s: s.reference),
            Colonne("Questionnaire", reponses, lambda s: max(s.repondants)),
            Colonne("Instance", lambda s: s.instance),
        ],
        cle_recherche=lambda s: f"{s.reference} {s.instance}",
        estompee=lambda s: not s.saisi,
        parent=parent,
    )


def modele_notes(parent: QObject | None = None) -> ModeleLignes[FicheNote]:
    return ModeleLignes(
        [
            Colonne("Date", lambda n: date_longue(n.date), lambda n: n.date.isoformat()),
            Colonne("Sous-domaine", lambda n: n.sous_domaine.libelle, lambda n: n.sous_domaine.value),
            Colonne("Rubrique", lambda n: n.rubrique.libelle),
            Colonne("Note", lambda n: apercu(n.texte), infobulle=lambda n: n.texte),
        ],
        cle_recherche=lambda n: f"{n.sous_domaine.libelle} {n.rubrique.libelle} {n.texte}",
        parent=parent,
    )


def modele_presence_seances(parent: QObject | None = None) -> ModeleTable[PresenceSeance]:
    # The meeting's date and the other states of its seats are in every cell's tooltip: the table stays narrow
    # enough to sit beside the chart, and presents + suppléés + représentés + excusés + absents = attendus is there.
    def compte(titre: str, valeur: str) -> Colonne[PresenceSeance]:
        return Colonne(
            titre,
            lambda s: nombre(getattr(s, valeur)),
            lambda s: int(getattr(s, valeur)),
            infobulle=detail_seance,
            a_droite=True,
        )

    return ModeleTable(
        [
            Colonne("Séance", lambda s: s.reference, infobulle=detail_seance),
            compte("Attendus", "attendus"),
            compte("Présents", "presents"),
            compte("Suppléés", "supplees"),
            Colonne(
                "Présence", lambda s: pourcentage(s.taux), lambda s: _taux_tri(s.taux), detail_seance, a_droite=True
            ),
            Colonne("Quorum", lambda s: oui_non(s.quorum_atteint).capitalize(), infobulle=detail_seance),
        ],
        parent,
    )


def _compte(n: int, singulier: str, pluriel: str) -> str:
    return f"{nombre(n)} {singulier if n < 2 else pluriel}"


def detail_seance(s: PresenceSeance) -> str:
    etats = ", ".join(
        (
            _compte(s.presents, "présent", "présents"),
            _compte(s.supplees, "suppléé", "suppléés"),
            _compte(s.representes, "représenté", "représentés"),
            _compte(s.excuses, "excusé", "excusés"),
            _compte(s.absents, "absent", "absents"),
        )
    )
    return (
        f"{s.reference} — {s.instance}, le {date_longue(s.date)}\n"
        f"{_compte(s.attendus, 'attendu', 'attendus')} : {etats}\n"
        f"Présence : {pourcentage(s.taux)} ; quorum {'atteint' if s.quorum_atteint else 'non atteint'}"
    )


def modele_presence_colleges(parent: QObject | None = None) -> ModeleTable[PresenceCollege]:
    return ModeleTable(
        [
            Colonne("Collège", lambda c: c.college, infobulle=lambda c: f"{c.college} ({c.categorie.libelle})"),
            Colonne("Attendus", lambda c: nombre(c.attendus), lambda c: c.attendus, a_droite=True),
            Colonne("Présents", lambda c: nombre(c.presents), lambda c: c.presents, a_droite=True),
            Colonne("Suppléés", lambda c: nombre(c.supplees), lambda c: c.supplees, a_droite=True),
            Colonne("Présence", lambda c: pourcentage(c.taux), lambda c: _taux_tri(c.taux), a_droite=True),
        ],
        parent,
    )


def modele_assiduite(parent: QObject | None = None) -> ModeleTable[AssiduiteMembre]:
    return ModeleTable(
        [
            Colonne("Membre", lambda m: f"{m.prenom} {m.nom}", lambda m: normaliser(f"{m.nom} {m.prenom}")),
            Colonne("Collège", lambda m: m.college or "—"),
            Colonne("Attendu", lambda m: nombre(m.seances_attendues), lambda m: m.seances_attendues, a_droite=True),
            Colonne("Présent", lambda m: nombre(m.seances_presentes), lambda m: m.seances_presentes, a_droite=True),
            Colonne("Assiduité", lambda m: pourcentage(m.assiduite), lambda m: _taux_tri(m.assiduite), a_droite=True),
        ],
        parent,
    )
