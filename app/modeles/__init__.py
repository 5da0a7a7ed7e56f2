"""SQLAlchemy models of the domain (CONCEPTION §2). No Qt here."""

from app.modeles.annuaire import Mandat, Personne, Structure
from app.modeles.base import Base
from app.modeles.comite import College, Comite, ComiteMission, ComitePorteur, Instance
from app.modeles.conservation import EffacementPersonne
from app.modeles.evaluation import NoteEvaluation, RetourParticipants
from app.modeles.journal import Journal
from app.modeles.numerotation import Numerotation
from app.modeles.pieces import PieceJointe
from app.modeles.productions import Diffusion, EchangeHcts, Production
from app.modeles.recommandations import (
    Recommandation,
    RecommandationSaisine,
    RecommandationTheme,
    RecommandationVersion,
)
from app.modeles.saisines import (
    DemandeurSaisine,
    Saisine,
    SaisineRapporteur,
    SaisineTheme,
    TransitionSaisine,
)
from app.modeles.seances import Action, Deport, PointOrdreDuJour, Presence, Seance

__all__ = [
    "Action",
    "Base",
    "College",
    "Comite",
    "ComiteMission",
    "ComitePorteur",
    "DemandeurSaisine",
    "Deport",
    "Diffusion",
    "EchangeHcts",
    "EffacementPersonne",
    "Instance",
    "Journal",
    "Mandat",
    "NoteEvaluation",
    "Numerotation",
    "Personne",
    "PieceJointe",
    "PointOrdreDuJour",
    "Presence",
    "Production",
    "Recommandation",
    "RecommandationSaisine",
    "RecommandationTheme",
    "RecommandationVersion",
    "RetourParticipants",
    "Saisine",
    "SaisineRapporteur",
    "SaisineTheme",
    "Seance",
    "Structure",
    "TransitionSaisine",
]
