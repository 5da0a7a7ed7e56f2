"""What the committee produces, how each production is spread, and its exchanges with the HCTS: create, edit and
delete, with what an undo needs to put things back (an edit returns the record as it was, a deletion a copy that
is restored under the same id).

An exchange tied to a referral (`saisine_id`) is an escalation recorded from the Saisines page: it is shown and
its follow-up may be written here, but its date and direction stay as the referral's history has them, and only
the Saisines page may take it back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.horloge import aujourdhui
from app.modeles import Diffusion, EchangeHcts, Instance, Production, Recommandation, Saisine
from app.modeles.enumerations import CanalDiffusion, Mission, PublicDiffusion, SensEchange, TypeProduction
from app.services import pieces_jointes
from app.services.instantanes import colonnes
from app.services.pieces_jointes import PieceLue
from app.services.validation import ErreurValidation, texte_obligatoire

ENTITE = "production"  # the attachments' key in `piece_jointe`
NOMBRE_MAX = 100_000_000  # more than a whole country: a typing slip, not an audience


def _texte(valeur: str) -> str:
    """Paragraphs kept, trailing spaces and runs of blank lines dropped."""
    propre: list[str] = []
    for ligne in (ligne.rstrip() for ligne in valeur.strip().splitlines()):
        if ligne or (propre and propre[-1]):
            propre.append(ligne)
    return "\n".join(propre)


# --- productions ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FicheProduction:
    """What the secretary types. `id` 0: not recorded yet."""

    id: int
    type: TypeProduction
    titre: str
    date: dt.date
    description: str = ""
    mission: Mission | None = None
    instance_id: int | None = None
    recommandation_id: int | None = None


def production(session: Session, production_id: int) -> Production:
    p = session.get(Production, production_id)
    if p is None:
        raise ErreurConnue("Cette production n'existe plus : elle a peut-être été supprimée entre-temps.")
    return p


def fiche_production(session: Session, production_id: int) -> FicheProduction:
    p = production(session, production_id)
    return FicheProduction(
        id=p.id,
        type=p.type,
        titre=p.titre,
        date=p.date,
        description=p.description,
        mission=p.mission,
        instance_id=p.instance_id,
        recommandation_id=p.recommandation_id,
    )


def _valider_production(session: Session, fiche: FicheProduction) -> FicheProduction:
    if not isinstance(fiche.type, TypeProduction):
        raise ErreurValidation("type", "Choisissez le type de production.")
    titre = texte_obligatoire("titre", "Le titre", fiche.titre)
    if len(titre) > 500:
        raise ErreurValidation("titre", "Le titre dépasse 500 caractères : mettez la suite dans la description.")
    if fiche.instance_id is not None and session.get(Instance, fiche.instance_id) is None:
        raise ErreurValidation("instance", "Cette instance n'existe plus.")
    if fiche.recommandation_id is not None and session.get(Recommandation, fiche.recommandation_id) is None:
        raise ErreurValidation("recommandation", "Cette recommandation n'existe plus.")
    if fiche.id:
        premiere = session.scalar(
            select(Diffusion.date).where(Diffusion.production_id == fiche.id).order_by(Diffusion.date).limit(1)
        )
        if premiere is not None and premiere < fiche.date:
            raise ErreurValidation(
                "date",
                f"Une diffusion date du {date_longue(premiere)} : la production ne peut pas être datée après.",
            )
    return replace(fiche, titre=titre, description=_texte(fiche.description))


def _appliquer_production(p: Production, fiche: FicheProduction) -> None:
    p.type = fiche.type
    p.titre = fiche.titre
    p.date = fiche.date
    p.description = fiche.description
    p.mission = fiche.mission
    p.instance_id = fiche.instance_id
    p.recommandation_id = fiche.recommandation_id


def creer_production(session: Session, fiche: FicheProduction) -> int:
    fiche = _valider_production(session, replace(fiche, id=0))
    p = Production(titre=fiche.titre, type=fiche.type, date=fiche.date)
    _appliquer_production(p, fiche)
    session.add(p)
    session.flush()
    return p.id


def modifier_production(session: Session, fiche: FicheProduction) -> FicheProduction:
    """Apply `fiche`; returns the production as it was, for undo (itself given back to this function)."""
    p = production(session, fiche.id)
    avant = fiche_production(session, fiche.id)
    _appliquer_production(p, _valider_production(session, fiche))
    session.flush()
    return avant


@dataclass(frozen=True)
class ProductionSupprimee:
    """Everything a deletion removed: the production, its diffusions and its attached files."""

    colonnes: dict[str, Any]
    diffusions: tuple[dict[str, Any], ...]
    pieces: tuple[PieceLue, ...]

    @property
    def id(self) -> int:
        return int(self.colonnes["id"])


def supprimer_production(session: Session, production_id: int) -> ProductionSupprimee:
    p = production(session, production_id)
    # The attachment rows point at the production by id only (no foreign key): they go with it, the stored
    # bytes stay, so an undo finds the file again.
    pieces = tuple(pieces_jointes.retirer(session, lue.id) for lue in pieces_jointes.pieces_de(session, ENTITE, p.id))
    copie = ProductionSupprimee(colonnes(p), tuple(colonnes(d) for d in p.diffusions), pieces)
    session.delete(p)
    session.flush()
    return copie


def restaurer_production(session: Session, copie: ProductionSupprimee) -> int:
    """Undo of a deletion (or redo of a creation): the same id, diffusions and files."""
    p = Production(**copie.colonnes)
    p.diffusions = [Diffusion(**c) for c in copie.diffusions]
    session.add(p)
    session.flush()
    for lue in copie.pieces:
        pieces_jointes.remettre(session, lue)
    return p.id


# --- diffusions -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FicheDiffusion:
    """One spreading of a production: a channel, an audience, a date and, when known, how many were reached."""

    id: int
    production_id: int
    canal: CanalDiffusion
    public: PublicDiffusion
    date: dt.date
    nombre_atteint: int | None = None


def _diffusion(session: Session, diffusion_id: int) -> Diffusion:
    d = session.get(Diffusion, diffusion_id)
    if d is None:
        raise ErreurConnue("Cette diffusion n'existe plus : elle a peut-être été supprimée entre-temps.")
    return d


def fiche_diffusion(session: Session, diffusion_id: int) -> FicheDiffusion:
    d = _diffusion(session, diffusion_id)
    return FicheDiffusion(d.id, d.production_id, d.canal, d.public, d.date, d.nombre_atteint)


def _valider_diffusion(session: Session, fiche: FicheDiffusion) -> None:
    p = production(session, fiche.production_id)
    if not isinstance(fiche.canal, CanalDiffusion):
        raise ErreurValidation("canal", "Choisissez le canal de diffusion.")
    if not isinstance(fiche.public, PublicDiffusion):
        raise ErreurValidation("public", "Choisissez le public visé.")
    if fiche.date < p.date:
        raise ErreurValidation(
            "date", f"La diffusion ne peut pas précéder la production, datée du {date_longue(p.date)}."
        )
    if fiche.nombre_atteint is not None and fiche.nombre_atteint < 0:
        raise ErreurValidation("nombre_atteint", "Le nombre de personnes atteintes ne peut pas être négatif.")
    if fiche.nombre_atteint is not None and fiche.nombre_atteint > NOMBRE_MAX:
        raise ErreurValidation("nombre_atteint", "Ce nombre de personnes atteintes paraît trop grand : vérifiez-le.")


def ajouter_diffusion(session: Session, fiche: FicheDiffusion) -> int:
    _valider_diffusion(session, fiche)
    d = Diffusion(
        production_id=fiche.production_id,
        canal=fiche.canal,
        public=fiche.public,
        date=fiche.date,
        nombre_atteint=fiche.nombre_atteint,
    )
    session.add(d)
    session.flush()
    return d.id


def modifier_diffusion(session: Session, fiche: FicheDiffusion) -> FicheDiffusion:
    """Apply `fiche`; returns the diffusion as it was, for undo."""
    d = _diffusion(session, fiche.id)
    avant = fiche_diffusion(session, fiche.id)
    _valider_diffusion(session, replace(fiche, production_id=d.production_id))
    d.canal, d.public, d.date, d.nombre_atteint = fiche.canal, fiche.public, fiche.date, fiche.nombre_atteint
    session.flush()
    return avant


def supprimer_diffusion(session: Session, diffusion_id: int) -> dict[str, Any]:
    d = _diffusion(session, diffusion_id)
    copie = colonnes(d)
    session.delete(d)
    session.flush()
    return copie


def restaurer_diffusion(session: Session, copie: dict[str, Any]) -> int:
    production(session, int(copie["production_id"]))  # gone with its production: said, not a crash
    d = Diffusion(**copie)
    session.add(d)
    session.flush()
    return d.id


# --- exchanges with the HCTS ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FicheEchange:
    """An exchange with the HCTS. `suite_donnee`: what the committee did with it (for what came from the HCTS,
    how its work was taken up; for what was sent, the HCTS's answer)."""

    id: int
    date: dt.date
    sens: SensEchange
    objet: str
    document: str = ""
    suite_donnee: str = ""
    par: str = ""


def _echange(session: Session, echange_id: int) -> EchangeHcts:
    e = session.get(EchangeHcts, echange_id)
    if e is None:
        raise ErreurConnue("Cet échange avec le HCTS n'existe plus : il a peut-être été supprimé entre-temps.")
    return e


def fiche_echange(session: Session, echange_id: int) -> FicheEchange:
    e = _echange(session, echange_id)
    return FicheEchange(e.id, e.date, e.sens, e.objet, e.document, e.suite_donnee, e.par)


def _valider_echange(fiche: FicheEchange) -> FicheEchange:
    if not isinstance(fiche.sens, SensEchange):
        raise ErreurValidation("sens", "Indiquez si l'échange va vers le HCTS ou en vient.")
    if fiche.date > aujourdhui():
        raise ErreurValidation("date", f"La date de l'échange ({date_longue(fiche.date)}) est dans le futur.")
    objet = texte_obligatoire("objet", "L'objet de l'échange", fiche.objet)
    if len(objet) > 500:
        raise ErreurValidation("objet", "L'objet dépasse 500 caractères : mettez la suite dans la suite donnée.")
    document = " ".join(fiche.document.split())
    if len(document) > 500:
        raise ErreurValidation("document", "La référence du document dépasse 500 caractères.")
    return replace(
        fiche, objet=objet, document=document, suite_donnee=_texte(fiche.suite_donnee), par=" ".join(fiche.par.split())
    )


def creer_echange(session: Session, fiche: FicheEchange) -> int:
    fiche = _valider_echange(fiche)
    e = EchangeHcts(
        date=fiche.date,
        sens=fiche.sens,
        objet=fiche.objet,
        document=fiche.document,
        suite_donnee=fiche.suite_donnee,
        par=fiche.par,
    )
    session.add(e)
    session.flush()
    return e.id


def modifier_echange(session: Session, fiche: FicheEchange) -> FicheEchange:
    """Apply `fiche`; returns the exchange as it was, for undo. An escalation keeps its date and direction."""
    e = _echange(session, fiche.id)
    avant = fiche_echange(session, fiche.id)
    fiche = _valider_echange(fiche)
    if e.saisine_id is not None and (fiche.date, fiche.sens) != (avant.date, avant.sens):
        raise ErreurValidation(
            "date" if fiche.date != avant.date else "sens",
            "Cet envoi au HCTS est celui d'une saisine : sa date et son sens se corrigent depuis la page Saisines.",
        )
    e.date, e.sens, e.objet, e.document = fiche.date, fiche.sens, fiche.objet, fiche.document
    e.suite_donnee, e.par = fiche.suite_donnee, fiche.par
    session.flush()
    return avant


def motif_refus_suppression_echange(session: Session, echange_id: int) -> str | None:
    e = _echange(session, echange_id)
    if e.saisine_id is not None:
        numero = session.scalar(select(Saisine.numero).where(Saisine.id == e.saisine_id)) or ""
        return (
            f"Cet échange est l'envoi au HCTS de la saisine {numero} : il se retire depuis la page Saisines, "
            "qui tient l'historique de la saisine."
        )
    return None


def supprimer_echange(session: Session, echange_id: int) -> dict[str, Any]:
    motif = motif_refus_suppression_echange(session, echange_id)
    if motif:
        raise ErreurConnue(motif)
    e = _echange(session, echange_id)
    copie = colonnes(e)
    session.delete(e)
    session.flush()
    return copie


def restaurer_echange(session: Session, copie: dict[str, Any]) -> int:
    e = EchangeHcts(**copie)
    session.add(e)
    session.flush()
    return e.id
