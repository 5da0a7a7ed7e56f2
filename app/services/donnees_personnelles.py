"""Everything the base holds about one person of the directory (RGPD right of access), as JSON or PDF.

`tout_sur` gathers it as plain data with French keys: identity, contact, structure, mandates, attendance
(with proxies given and held), roles at meetings (chair, secretary), agenda items reported, recusals, referrals
reported, actions assigned, and the journal's entries about their records (values masked there stay masked).
Dates are ISO strings, so that the JSON export is stable and the PDF reads the same data.

The requesters of referrals are not persons of the directory: their identity sits apart with the referral and
is purged on schedule (app.services.conservation); it is never part of this export.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.horloge import aujourdhui
from app.modeles import (
    Action,
    Deport,
    EffacementPersonne,
    Journal,
    Mandat,
    Personne,
    PointOrdreDuJour,
    Presence,
    Saisine,
    SaisineRapporteur,
    Seance,
)
from app.services import journal_lecture
from app.services.documents_seance import en_tete
from app.services.donnees_personnelles_effacement import (
    MASQUE,
    Portee,
    effacer_personne,
    ids_effaces,
    portee_effacement,
)

VERSION_EXPORT = 1


def _date(jour: dt.date | dt.datetime | None) -> str | None:
    return None if jour is None else jour.isoformat()


def _libelle(valeur: Enum | None) -> str:
    if valeur is None:
        return ""
    return str(getattr(valeur, "libelle", valeur.value))


def _nom(personne: Personne | None) -> str:
    return "" if personne is None else personne.nom_complet


def _personne(session: Session, personne_id: int) -> Personne:
    personne = session.get(Personne, personne_id)
    if personne is None:
        raise ErreurConnue("Cette personne n'existe plus : elle a peut-être été supprimée entre-temps.")
    return personne


def _seance(seance: Seance) -> dict[str, Any]:
    return {
        "reference": seance.reference,
        "instance": seance.instance.nom,
        "date": _date(seance.date),
        "statut_seance": _libelle(seance.statut),
    }


def _mandats(personne: Personne) -> list[dict[str, Any]]:
    mandats = []
    for m in sorted(personne.mandats, key=lambda m: (m.debut, m.id)):
        titulaire = m.titulaire.personne.nom_complet if m.titulaire is not None else ""
        mandats.append(
            {
                "instance": m.instance.nom,
                "college": m.college.nom,
                "qualite": _libelle(m.qualite),
                "suppleant_de": titulaire,
                "role": _libelle(m.role),
                "voix": _libelle(m.voix),
                "debut": _date(m.debut),
                "fin": _date(m.fin),
                "motif_fin": _libelle(m.motif_fin),
            }
        )
    return mandats


def _presences(session: Session, personne_id: int) -> list[dict[str, Any]]:
    lignes = session.scalars(
        select(Presence)
        .join(Seance, Seance.id == Presence.seance_id)
        .where(or_(Presence.personne_id == personne_id, Presence.pouvoir_a_id == personne_id))
    )
    presences = []
    for p in lignes:
        if p.personne_id == personne_id:
            entree = {
                **_seance(p.seance),
                "etat": _libelle(p.etat),
                "pouvoir_donne_a": _nom(p.pouvoir_a),
                "pouvoir_recu_de": "",
            }
        else:
            entree = {**_seance(p.seance), "etat": "", "pouvoir_donne_a": "", "pouvoir_recu_de": _nom(p.personne)}
        presences.append(entree)
    return sorted(presences, key=lambda e: (e["date"], e["reference"], e["pouvoir_recu_de"]))


def _roles(session: Session, personne_id: int) -> list[dict[str, Any]]:
    roles = []
    seances = session.scalars(
        select(Seance).where(or_(Seance.president_seance_id == personne_id, Seance.secretaire_seance_id == personne_id))
    )
    for s in seances:
        if s.president_seance_id == personne_id:
            roles.append({**_seance(s), "role": "Présidence de séance"})
        if s.secretaire_seance_id == personne_id:
            roles.append({**_seance(s), "role": "Secrétariat de séance"})
    return sorted(roles, key=lambda e: (e["date"], e["reference"], e["role"]))


def _points(session: Session, personne_id: int) -> list[dict[str, Any]]:
    points = [
        {**_seance(p.seance), "rang": p.rang, "titre": p.titre}
        for p in session.scalars(select(PointOrdreDuJour).where(PointOrdreDuJour.rapporteur_id == personne_id))
    ]
    return sorted(points, key=lambda e: (e["date"], e["reference"], e["rang"]))


def _deports(session: Session, personne_id: int) -> list[dict[str, Any]]:
    deports = []
    for d in session.scalars(select(Deport).where(Deport.personne_id == personne_id)):
        point = session.get(PointOrdreDuJour, d.point_id)
        if point is not None:
            deports.append({**_seance(point.seance), "rang": point.rang, "titre": point.titre})
    return sorted(deports, key=lambda e: (e["date"], e["reference"], e["rang"]))


def _saisines(session: Session, personne_id: int) -> list[dict[str, Any]]:
    # The referral by number and status only: its question concerns other people.
    lignes = session.execute(
        select(Saisine.numero, Saisine.statut)
        .join(SaisineRapporteur, SaisineRapporteur.saisine_id == Saisine.id)
        .where(SaisineRapporteur.personne_id == personne_id)
        .order_by(Saisine.numero)
    )
    return [{"numero": numero, "statut": _libelle(statut)} for numero, statut in lignes]


def _actions(session: Session, personne_id: int) -> list[dict[str, Any]]:
    actions = []
    for a in session.scalars(select(Action).where(Action.responsable_id == personne_id)):
        seance = session.get(Seance, a.seance_origine_id) if a.seance_origine_id is not None else None
        actions.append(
            {
                "texte": a.texte,
                "echeance": _date(a.echeance),
                "statut": _libelle(a.statut),
                "soldee_le": _date(a.soldee_le),
                "seance": "" if seance is None else seance.reference,
            }
        )
    return sorted(actions, key=lambda e: (e["echeance"] or "", e["seance"], e["texte"]))


def _journal(session: Session, personne: Personne) -> list[dict[str, Any]]:
    """Rows about their records: their record, their mandates, their attendance rows, their erasure mark."""
    cibles: list[tuple[str, list[int]]] = [
        ("Personne", [personne.id]),
        ("EffacementPersonne", [personne.id]),
        ("Mandat", [m.id for m in personne.mandats]),
        ("Presence", list(session.scalars(select(Presence.id).where(Presence.personne_id == personne.id)))),
    ]
    entrees = []
    for entite, ids in cibles:
        if not ids:
            continue
        for ligne in session.scalars(select(Journal).where(Journal.entite == entite, Journal.entite_id.in_(ids))):
            try:
                details: Any = json.loads(ligne.details) if ligne.details else {}
            except ValueError:
                details = ligne.details
            entrees.append(
                {
                    "horodatage": ligne.horodatage.isoformat(timespec="seconds"),
                    "utilisateur": ligne.utilisateur,
                    "entite": entite,
                    "entite_id": ligne.entite_id,
                    "operation": _libelle(ligne.operation),
                    "details": details,
                    "references": _references(session, ligne.id),
                    "_id": ligne.id,
                }
            )
    entrees.sort(key=lambda e: (e["horodatage"], e["_id"]))
    for entree in entrees:
        del entree["_id"]
    return entrees


def _references(session: Session, journal_id: int) -> dict[str, dict[str, str]]:
    """What the ids and codes in an entry stand for, by column: {"seance_id": {"36": "GT1-2025-01 …"},
    "etat": {"present": "Présent"}} (the journal's own reading: the person reads names, not numbers)."""
    entree = journal_lecture.lire_entree(session, journal_id)
    if entree is None:
        return {}
    noms: dict[str, dict[str, str]] = {}
    for (colonne, identifiant), nom in sorted(journal_lecture.references(session, entree).items()):
        noms.setdefault(colonne, {})[str(identifiant)] = nom
    for colonne, valeur in entree.details.items():
        for code in valeur if isinstance(valeur, list) else [valeur]:
            libelle = journal_lecture.libelle_de_code(entree.entite, colonne, code)
            if libelle is not None:
                noms.setdefault(colonne, {})[code] = libelle
    return noms


def tout_sur(session: Session, personne_id: int) -> dict[str, Any]:
    """Everything held about the person, as plain data (French keys, ISO dates)."""
    personne = _personne(session, personne_id)
    marque = session.get(EffacementPersonne, personne_id)
    return {
        "version": VERSION_EXPORT,
        "produit_le": _date(aujourdhui()),
        "comite": en_tete(session).comite,
        "personne": {
            "nom": personne.nom,
            "prenom": personne.prenom,
            "fonction": personne.fonction,
            "structure": "" if personne.structure is None else personne.structure.nom,
            "courriel": personne.courriel,
            "telephone": personne.telephone,
            "besoins_accessibilite": personne.besoins_accessibilite,
            "coordonnees_effacees_le": None if marque is None else _date(marque.coordonnees_effacees_le),
            "efface_le": None if marque is None else _date(marque.efface_le),
        },
        "mandats": _mandats(personne),
        "presences": _presences(session, personne_id),
        "roles_en_seance": _roles(session, personne_id),
        "points_rapportes": _points(session, personne_id),
        "deports": _deports(session, personne_id),
        "saisines_rapportees": _saisines(session, personne_id),
        "actions": _actions(session, personne_id),
        "journal": _journal(session, personne),
    }


def en_json(donnees: dict[str, Any]) -> bytes:
    """Stable bytes: sorted keys, UTF-8 (accents as they are), indented, final newline."""
    return (json.dumps(donnees, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def export_json(session: Session, personne_id: int) -> bytes:
    return en_json(tout_sur(session, personne_id))


def export_pdf(session: Session, personne_id: int) -> bytes:
    from app.documents.donnees_personne import donnees_personne_pdf  # reportlab: only when a PDF is asked for

    return donnees_personne_pdf(en_tete(session), tout_sur(session, personne_id))


@dataclass(frozen=True)
class PersonneConnue:
    """A row of the page's person chooser."""

    id: int
    nom: str
    prenom: str
    structure: str
    situation: str  # « Membre en fonction », « Ancien membre », « Sans mandat », « Effacée le 20 mai 2026 »

    @property
    def nom_complet(self) -> str:
        return f"{self.prenom} {self.nom}"


def lister_personnes(session: Session) -> list[PersonneConnue]:
    jour = aujourdhui()
    effaces = ids_effaces(session)
    mandats: dict[int, list[Mandat]] = {}
    for m in session.scalars(select(Mandat)):
        mandats.setdefault(m.personne_id, []).append(m)
    lignes = []
    for p in session.scalars(select(Personne).order_by(Personne.nom, Personne.prenom, Personne.id)):
        marque = effaces.get(p.id)
        if marque is not None and marque.efface_le is not None:
            situation = f"Effacée le {date_longue(marque.efface_le)}"
        elif any(m.actif_le(jour) or m.debut > jour for m in mandats.get(p.id, [])):
            situation = "Membre en fonction"
        elif p.id in mandats:
            situation = "Ancien membre"
        else:
            situation = "Sans mandat"
        structure = "" if p.structure is None else p.structure.nom
        lignes.append(PersonneConnue(p.id, p.nom, p.prenom, structure, situation))
    return lignes


def nom_de_fichier(session: Session, personne_id: int, extension: str) -> str:
    """« donnees-Martin-Anne-2026-11-22.json »: what the save dialog proposes."""
    personne = _personne(session, personne_id)
    morceaux = [m for m in (personne.nom, personne.prenom) if m.strip()]
    sur = "-".join("".join(c if c.isalnum() else "-" for c in m).strip("-") for m in morceaux)
    return f"donnees-{sur}-{aujourdhui().isoformat()}.{extension}"


__all__ = [
    "MASQUE",
    "PersonneConnue",
    "Portee",
    "effacer_personne",
    "en_json",
    "export_json",
    "export_pdf",
    "ids_effaces",
    "lister_personnes",
    "nom_de_fichier",
    "portee_effacement",
    "tout_sur",
]
