"""Written opinions and recommendations `REC-AAAA-NNN`: drafting with every version kept, the statuses
projet → soumise → adoptée → publiée (or retirée), adoption at a held meeting of the ethics instance, and the
publication gate (the requesters' recorded consent and an anonymisation sign-off)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.horloge import aujourdhui, maintenant
from app.modeles import (
    Instance,
    PointOrdreDuJour,
    Recommandation,
    RecommandationSaisine,
    RecommandationTheme,
    RecommandationVersion,
    Saisine,
    Seance,
)
from app.modeles.enumerations import (
    STATUTS_TENUS,
    NatureRecommandation,
    StatutRecommandation,
    ThemeEthique,
    TypeInstance,
)
from app.services.enfants import synchroniser
from app.services.instantanes import colonnes
from app.services.numerotation import formater, prochain_rang
from app.services.saisines_workflow import TransitionInterdite, consentement_requis
from app.services.validation import ErreurValidation, texte_obligatoire

R = StatutRecommandation
SERIE = "REC"
MODELE_TEXTE = "## Cadre\n\n\n\n## Analyse\n\n\n\n## Options\n\n"
STATUTS_MODIFIABLES = frozenset({R.PROJET, R.SOUMISE})
TRANSITIONS: dict[StatutRecommandation, tuple[StatutRecommandation, ...]] = {
    R.PROJET: (R.SOUMISE, R.RETIREE),
    R.SOUMISE: (R.ADOPTEE, R.PROJET, R.RETIREE),
    R.ADOPTEE: (R.PUBLIEE, R.RETIREE),
    R.PUBLIEE: (),
    R.RETIREE: (),
}


@dataclass(frozen=True)
class FicheRecommandation:
    id: int
    nature: NatureRecommandation
    titre: str
    texte: str = ""
    themes: tuple[ThemeEthique, ...] = ()
    saisines: tuple[int, ...] = ()


def recommandation(session: Session, recommandation_id: int) -> Recommandation:
    r = session.get(Recommandation, recommandation_id)
    if r is None:
        raise ErreurConnue("Cette recommandation n'existe plus : elle a peut-être été supprimée entre-temps.")
    return r


def fiche_recommandation(session: Session, recommandation_id: int) -> FicheRecommandation:
    r = recommandation(session, recommandation_id)
    return FicheRecommandation(
        id=r.id,
        nature=r.nature,
        titre=r.titre,
        texte=r.texte,
        themes=tuple(sorted((t.theme for t in r.themes), key=list(ThemeEthique).index)),
        saisines=tuple(lien.saisine_id for lien in sorted(r.saisines, key=lambda lien: lien.id)),
    )


def _texte(texte: str) -> str:
    return "\n".join(ligne.rstrip() for ligne in texte.strip().splitlines())


def _valider(session: Session, fiche: FicheRecommandation) -> FicheRecommandation:
    titre = texte_obligatoire("titre", "Le titre", fiche.titre)
    if len(titre) > 500:
        raise ErreurValidation("titre", "Le titre dépasse 500 caractères : raccourcissez-le.")
    if len(set(fiche.saisines)) != len(fiche.saisines):
        raise ErreurValidation("saisines", "Une même saisine est liée deux fois.")
    for saisine_id in fiche.saisines:
        s = session.get(Saisine, saisine_id)
        if s is None:
            raise ErreurValidation("saisines", "Une saisine liée n'existe plus.")
        if not s.anonymisation_validee_par:
            raise ErreurValidation(
                "saisines", f"L'anonymisation de {s.numero} n'est pas validée : elle ne peut pas encore être liée."
            )
    if len(set(fiche.themes)) != len(fiche.themes):
        raise ErreurValidation("themes", "Un même thème figure deux fois.")
    return replace(fiche, titre=titre, texte=_texte(fiche.texte))


def _appliquer_liens(r: Recommandation, fiche: FicheRecommandation) -> None:
    r.nature = fiche.nature
    synchroniser(r.themes, fiche.themes, lambda t: t.theme, lambda t: RecommandationTheme(theme=t))
    synchroniser(
        r.saisines, fiche.saisines, lambda lien: lien.saisine_id, lambda i: RecommandationSaisine(saisine_id=i)
    )


def _nouvelle_version(r: Recommandation, auteur: str) -> None:
    numero = max((v.version for v in r.versions), default=0) + 1
    r.versions.append(
        RecommandationVersion(version=numero, titre=r.titre, texte=r.texte, horodatage=maintenant(), auteur=auteur)
    )


def creer_recommandation(session: Session, fiche: FicheRecommandation, auteur: str) -> int:
    """A new draft, numbered in the current year; its first version is recorded."""
    fiche = _valider(session, fiche)
    annee = aujourdhui().year
    rang = prochain_rang(session, SERIE, annee)
    r = Recommandation(
        numero=formater(SERIE, annee, rang),
        annee=annee,
        rang=rang,
        nature=fiche.nature,
        titre=fiche.titre,
        texte=fiche.texte,
        statut=R.PROJET,
    )
    _appliquer_liens(r, fiche)
    _nouvelle_version(r, auteur)
    session.add(r)
    session.flush()
    _actualiser_autorisation(session, r)
    return r.id


@dataclass(frozen=True)
class EtatRecommandation:
    """A recommendation as it stands, to put back on undo (versions added since are removed)."""

    fiche: FicheRecommandation
    statut: StatutRecommandation
    seance_adoption_id: int | None
    adoptee_le: dt.date | None
    publiee_le: dt.date | None
    anonymisation_validee_par: str
    anonymisation_validee_le: dt.date | None
    motif_retrait: str
    derniere_version: int


def etat_recommandation(session: Session, recommandation_id: int) -> EtatRecommandation:
    r = recommandation(session, recommandation_id)
    return EtatRecommandation(
        fiche_recommandation(session, recommandation_id),
        r.statut,
        r.seance_adoption_id,
        r.adoptee_le,
        r.publiee_le,
        r.anonymisation_validee_par,
        r.anonymisation_validee_le,
        r.motif_retrait,
        max((v.version for v in r.versions), default=0),
    )


def restaurer_recommandation(session: Session, etat: EtatRecommandation) -> None:
    r = recommandation(session, etat.fiche.id)
    r.titre, r.texte = etat.fiche.titre, etat.fiche.texte
    _appliquer_liens(r, etat.fiche)
    r.statut = etat.statut
    r.seance_adoption_id, r.adoptee_le, r.publiee_le = etat.seance_adoption_id, etat.adoptee_le, etat.publiee_le
    r.anonymisation_validee_par, r.anonymisation_validee_le = (
        etat.anonymisation_validee_par,
        etat.anonymisation_validee_le,
    )
    r.motif_retrait = etat.motif_retrait
    for v in list(r.versions):
        if v.version > etat.derniere_version:
            r.versions.remove(v)
    session.flush()
    _actualiser_autorisation(session, r)


def modifier_recommandation(session: Session, fiche: FicheRecommandation, auteur: str) -> EtatRecommandation:
    """Save the text and links; a changed title or text makes a new version. Returns the state before."""
    r = recommandation(session, fiche.id)
    avant = etat_recommandation(session, fiche.id)
    fiche = _valider(session, fiche)
    change = (fiche.titre, fiche.texte) != (r.titre, r.texte)
    if (change or set(fiche.saisines) != set(avant.fiche.saisines)) and r.statut not in STATUTS_MODIFIABLES:
        raise ErreurValidation(
            "texte", f"{r.numero} est « {r.statut.libelle.lower()} » : son texte adopté ne peut plus être modifié."
        )
    r.titre, r.texte = fiche.titre, fiche.texte
    _appliquer_liens(r, fiche)
    if change:
        _nouvelle_version(r, auteur)
        # The text signed off is no longer the one that would be published.
        r.anonymisation_validee_par, r.anonymisation_validee_le = "", None
    session.flush()
    _actualiser_autorisation(session, r)
    return avant


@dataclass(frozen=True)
class RecommandationSupprimee:
    """Everything a deletion removed, to put back under the same id, number and versions."""

    colonnes: dict[str, Any]
    saisines: tuple[dict[str, Any], ...]
    themes: tuple[dict[str, Any], ...]
    versions: tuple[dict[str, Any], ...]

    @property
    def id(self) -> int:
        return int(self.colonnes["id"])


def supprimer_recommandation(session: Session, recommandation_id: int) -> RecommandationSupprimee:
    """Only a draft never adopted may go (its number is not given again). Returns it whole, for undo."""
    r = recommandation(session, recommandation_id)
    if r.statut is not R.PROJET:
        raise ErreurConnue(f"{r.numero} est « {r.statut.libelle.lower()} » : elle reste au registre.")
    if session.scalar(select(PointOrdreDuJour.id).where(PointOrdreDuJour.recommandation_id == r.id).limit(1)):
        raise ErreurConnue(
            f"{r.numero} figure à l'ordre du jour d'une séance : retirez-la d'abord de cet ordre du jour."
        )
    copie = RecommandationSupprimee(
        colonnes=colonnes(r),
        saisines=tuple(colonnes(lien) for lien in r.saisines),
        themes=tuple(colonnes(t) for t in r.themes),
        versions=tuple(colonnes(v) for v in r.versions),
    )
    session.delete(r)
    session.flush()
    return copie


def restaurer_suppression(session: Session, copie: RecommandationSupprimee) -> int:
    """Undo of a deletion (or redo of a creation): the same id, number and versions."""
    r = Recommandation(**copie.colonnes)
    r.saisines = [RecommandationSaisine(**c) for c in copie.saisines]
    r.themes = [RecommandationTheme(**c) for c in copie.themes]
    r.versions = [RecommandationVersion(**c) for c in copie.versions]
    session.add(r)
    session.flush()
    return r.id


# Statuses.


def transitions_possibles(statut: StatutRecommandation) -> tuple[StatutRecommandation, ...]:
    return TRANSITIONS[statut]


def _verifier_transition(r: Recommandation, vers: StatutRecommandation) -> None:
    if vers not in TRANSITIONS[r.statut]:
        raise TransitionInterdite(
            f"{r.numero} est « {r.statut.libelle.lower()} » : elle ne peut pas passer à « {vers.libelle.lower()} »."
        )


def soumettre(session: Session, recommandation_id: int) -> EtatRecommandation:
    r = recommandation(session, recommandation_id)
    _verifier_transition(r, R.SOUMISE)
    if not r.texte.strip():
        raise ErreurValidation("texte", f"Le texte de {r.numero} est vide : rédigez-le avant de le soumettre.")
    avant = etat_recommandation(session, recommandation_id)
    r.statut = R.SOUMISE
    session.flush()
    return avant


def remettre_en_projet(session: Session, recommandation_id: int) -> EtatRecommandation:
    r = recommandation(session, recommandation_id)
    _verifier_transition(r, R.PROJET)
    avant = etat_recommandation(session, recommandation_id)
    r.statut = R.PROJET
    session.flush()
    return avant


def seances_d_adoption(session: Session, recommandation_id: int | None = None) -> list[tuple[int, str]]:
    """Held meetings of the ethics instance, most recent first: (id, « ETH-2026-02 — 12 mars 2026 »); for a given
    text, only those on or after its first version."""
    requete = (
        select(Seance.id, Seance.reference, Seance.date)
        .join(Instance, Instance.id == Seance.instance_id)
        .where(Instance.type == TypeInstance.ETHIQUE, Seance.statut.in_(sorted(STATUTS_TENUS)))
        .order_by(Seance.date.desc(), Seance.reference.desc())
    )
    if recommandation_id is not None:
        creee = _creee_le(recommandation(session, recommandation_id))
        if creee is not None:
            requete = requete.where(Seance.date >= creee)
    lignes = session.execute(requete)
    return [(i, f"{ref} — {date_longue(d)}") for i, ref, d in lignes]


def _creee_le(r: Recommandation) -> dt.date | None:
    return min((v.horodatage.date() for v in r.versions), default=None)


def adopter(session: Session, recommandation_id: int, seance_id: int) -> EtatRecommandation:
    """Record the adoption at a held meeting of the ethics instance; the adoption date is the meeting's."""
    r = recommandation(session, recommandation_id)
    _verifier_transition(r, R.ADOPTEE)
    seance = session.get(Seance, seance_id)
    if seance is None:
        raise ErreurValidation("seance_id", "Cette séance n'existe plus.")
    if seance.instance.type is not TypeInstance.ETHIQUE:
        raise ErreurValidation(
            "seance_id", f"{seance.reference} n'est pas une séance de l'instance éthique : un avis s'y adopte."
        )
    if seance.statut not in STATUTS_TENUS:
        raise ErreurValidation(
            "seance_id", f"La séance {seance.reference} n'est pas tenue : un avis s'adopte à une séance tenue."
        )
    creee = _creee_le(r)
    if creee is not None and seance.date < creee:
        raise ErreurValidation(
            "seance_id", f"La séance {seance.reference} précède la rédaction de {r.numero} ({date_longue(creee)})."
        )
    avant = etat_recommandation(session, recommandation_id)
    r.statut = R.ADOPTEE
    r.seance_adoption_id = seance.id
    r.adoptee_le = seance.date
    session.flush()
    return avant


def retirer(session: Session, recommandation_id: int, motif: str) -> EtatRecommandation:
    r = recommandation(session, recommandation_id)
    _verifier_transition(r, R.RETIREE)
    motif = motif.strip()
    if not motif:
        raise ErreurValidation("motif", "Indiquez pourquoi le texte est retiré.")
    avant = etat_recommandation(session, recommandation_id)
    r.statut = R.RETIREE
    r.motif_retrait = motif
    session.flush()
    return avant


# The publication gate.


def consentements_manquants(session: Session, recommandation_id: int) -> list[str]:
    """The linked referrals whose requester's consent to publication is not recorded (by number)."""
    r = recommandation(session, recommandation_id)
    manquants = []
    for lien in sorted(r.saisines, key=lambda lien: lien.id):
        s = session.get(Saisine, lien.saisine_id)
        if s is not None and consentement_requis(s.type_demandeur) and not s.consentement_publication:
            manquants.append(s.numero)
    return manquants


def _actualiser_autorisation(session: Session, r: Recommandation) -> None:
    r.publication_autorisee = bool(r.anonymisation_validee_par) and not consentements_manquants(session, r.id)
    session.flush()


def actualiser_autorisations(session: Session, saisine_id: int) -> None:
    """A referral's consent changed: the recommendations linked to it follow."""
    ids = session.scalars(
        select(RecommandationSaisine.recommandation_id).where(RecommandationSaisine.saisine_id == saisine_id)
    )
    for recommandation_id in list(ids):
        _actualiser_autorisation(session, recommandation(session, recommandation_id))


def valider_anonymisation(
    session: Session, recommandation_id: int, *, par: str, signalements_verifies: bool = False
) -> EtatRecommandation:
    """Sign-off that the text to publish identifies nobody, by a person other than its last author; findings of
    the check must have been examined (`signalements_verifies`)."""
    from app.services import anonymat
    from app.services.saisines_workflow import ConstatsRestants

    r = recommandation(session, recommandation_id)
    if r.statut in (R.PUBLIEE, R.RETIREE):
        raise TransitionInterdite(
            f"{r.numero} est « {r.statut.libelle.lower()} » : sa relecture d'anonymisation ne peut plus changer."
        )
    par = " ".join(par.split())
    if not par:
        raise ErreurValidation("par", "Indiquez le nom de la personne qui valide l'anonymisation.")
    auteur = r.versions[-1].auteur if r.versions else ""
    if " ".join(auteur.casefold().split()) == par.casefold():
        raise ErreurValidation(
            "par", f"La dernière version de {r.numero} est de {auteur} : une autre personne doit la relire."
        )
    constats = anonymat.detecter(f"{r.titre}\n\n{r.texte}", anonymat.noms_de_l_annuaire(session))
    if constats and not signalements_verifies:
        raise ConstatsRestants(
            f"La vérification signale {len(constats)} élément(s) identifiant(s) dans {r.numero} : corrigez le "
            "texte, ou confirmez les avoir examinés un par un.",
            len(constats),
        )
    avant = etat_recommandation(session, recommandation_id)
    r.anonymisation_validee_par = par
    r.anonymisation_validee_le = aujourdhui()
    session.flush()
    _actualiser_autorisation(session, r)
    return avant


def motif_refus_publication(session: Session, recommandation_id: int) -> str | None:
    r = recommandation(session, recommandation_id)
    if r.statut is not R.ADOPTEE:
        return f"{r.numero} est « {r.statut.libelle.lower()} » : seul un texte adopté peut être publié."
    manquants = consentements_manquants(session, recommandation_id)
    if manquants:
        return (
            f"Le consentement du demandeur à la publication n'est pas enregistré pour {', '.join(manquants)} : "
            "enregistrez-le dans la fiche de la saisine."
        )
    if not r.anonymisation_validee_par:
        return f"L'anonymisation du texte de {r.numero} n'a pas été validée : faites-la relire avant publication."
    return None


def publier(session: Session, recommandation_id: int, le: dt.date | None = None) -> EtatRecommandation:
    motif = motif_refus_publication(session, recommandation_id)
    if motif:
        raise TransitionInterdite(motif)
    r = recommandation(session, recommandation_id)
    jour = le or aujourdhui()
    if r.adoptee_le is not None and jour < r.adoptee_le:
        raise ErreurValidation("le", f"La publication ne peut pas précéder l'adoption ({date_longue(r.adoptee_le)}).")
    if jour > aujourdhui():
        raise ErreurValidation("le", "La date de publication est dans le futur.")
    avant = etat_recommandation(session, recommandation_id)
    r.statut = R.PUBLIEE
    r.publiee_le = jour
    session.flush()
    return avant


# Versions and their comparison.


@dataclass(frozen=True)
class VersionLue:
    version: int
    titre: str
    texte: str
    horodatage: dt.datetime
    auteur: str


def versions(session: Session, recommandation_id: int) -> tuple[VersionLue, ...]:
    r = recommandation(session, recommandation_id)
    return tuple(VersionLue(v.version, v.titre, v.texte, v.horodatage, v.auteur) for v in r.versions)


@dataclass(frozen=True)
class Segment:
    """A piece of the comparison: `egal`, `ajout` (only in the newer) or `retrait` (only in the older)."""

    sorte: str
    texte: str


_MOTS = re.compile(r"\s+|[^\s]+")


def comparer(ancien: str, nouveau: str) -> tuple[Segment, ...]:
    """Word-level differences from `ancien` to `nouveau` (whitespace kept, so paragraphs survive)."""
    a, b = _MOTS.findall(ancien), _MOTS.findall(nouveau)
    segments: list[Segment] = []

    def ajouter(sorte: str, morceaux: list[str]) -> None:
        if not morceaux:
            return
        texte = "".join(morceaux)
        if segments and segments[-1].sorte == sorte:
            segments[-1] = Segment(sorte, segments[-1].texte + texte)
        else:
            segments.append(Segment(sorte, texte))

    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            ajouter("egal", a[i1:i2])
        else:
            ajouter("retrait", a[i1:i2])
            ajouter("ajout", b[j1:j2])
    return tuple(segments)
