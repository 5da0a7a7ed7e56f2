"""The program's own consistency rules, beyond what SQLite's checks see (`comite-local verifier`).

Each rule reads plain rows (raw SQL, so that a stray value the ORM would refuse still gets reported) and names
the record at fault: the person « Prénom Nom », the meeting's reference, the referral's number. Nothing is
written. The rules are the ones real data can break: an import from an older version, a base edited by another
tool, a mandate shortened after the meetings it covered, foreign keys off during a repair.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.format_fr import date_longue


@dataclass(frozen=True)
class _Mandat:
    id: int
    personne_id: int
    instance_id: int
    qualite: str
    titulaire_id: int | None
    voix: str
    debut: dt.date | None
    fin: dt.date | None

    def actif_le(self, jour: dt.date) -> bool:
        return self.debut is not None and self.debut <= jour and (self.fin is None or jour <= self.fin)


def _date(valeur: object) -> dt.date | None:
    if isinstance(valeur, dt.date):
        return valeur
    try:
        return dt.date.fromisoformat(str(valeur)[:10])
    except ValueError:
        return None


def _jour(valeur: dt.date | None) -> str:
    return date_longue(valeur) if valeur is not None else "date illisible"


class _Donnees:
    """What the rules read, loaded once."""

    def __init__(self, session: Session) -> None:
        lignes = session.execute(text("SELECT id, prenom, nom FROM personne"))
        self.noms: dict[int, str] = {i: f"{p} {n}" for i, p, n in lignes}
        lignes = session.execute(text("SELECT id, nom FROM instance"))
        self.instances: dict[int, str] = {i: n for i, n in lignes}
        self.mandats = [
            _Mandat(i, p, ins, q, t, v, _date(d), _date(f) if f is not None else None)
            for i, p, ins, q, t, v, d, f in session.execute(
                text("SELECT id, personne_id, instance_id, qualite, titulaire_id, voix, debut, fin FROM mandat")
            )
        ]
        self.mandat_par_id = {m.id: m for m in self.mandats}
        self.seances: dict[int, tuple[str, int, dt.date | None, str]] = {
            i: (r, ins, _date(d), s)
            for i, r, ins, d, s in session.execute(text("SELECT id, reference, instance_id, date, statut FROM seance"))
        }
        lignes = session.execute(text("SELECT seance_id, personne_id, etat, pouvoir_a_id FROM presence"))
        self.presences = [(s, p, e, a) for s, p, e, a in lignes]

    def nom(self, personne_id: int | None) -> str:
        if personne_id is None:
            return "personne inconnue"
        return self.noms.get(personne_id, f"personne n° {personne_id} (absente de l'annuaire)")

    def instance(self, instance_id: int) -> str:
        return self.instances.get(instance_id, f"n° {instance_id}")

    def mandats_actifs(self, personne_id: int, instance_id: int, jour: dt.date) -> list[_Mandat]:
        return [
            m
            for m in self.mandats
            if m.personne_id == personne_id and m.instance_id == instance_id and m.actif_le(jour)
        ]


def _mandats(d: _Donnees) -> list[str]:
    problemes: list[str] = []
    for m in d.mandats:
        qui = f"Mandat de {d.nom(m.personne_id)} dans l'instance « {d.instance(m.instance_id)} »"
        if m.debut is None:
            problemes.append(f"{qui} : date de début illisible.")
        elif m.fin is not None and m.fin < m.debut:
            problemes.append(f"{qui} : il finit le {_jour(m.fin)}, avant d'avoir commencé le {_jour(m.debut)}.")
        if m.qualite == "suppleant":
            if m.titulaire_id is None:
                problemes.append(f"{qui} : suppléant sans titulaire.")
                continue
            titulaire = d.mandat_par_id.get(m.titulaire_id)
            if titulaire is None:
                problemes.append(f"{qui} : suppléant d'un mandat n° {m.titulaire_id} qui n'existe plus.")
            elif titulaire.instance_id != m.instance_id:
                problemes.append(
                    f"{qui} : suppléant de {d.nom(titulaire.personne_id)}, dont le mandat est dans une autre "
                    f"instance (« {d.instance(titulaire.instance_id)} »)."
                )
            elif titulaire.qualite != "titulaire":
                problemes.append(
                    f"{qui} : suppléant de {d.nom(titulaire.personne_id)}, qui est lui-même suppléant."
                )
        elif m.titulaire_id is not None:
            problemes.append(f"{qui} : titulaire rattaché à un autre titulaire (mandat n° {m.titulaire_id}).")
    return problemes


def _chevauchements(d: _Donnees) -> list[str]:
    """Two seats of one person in one instance on the same days would count them twice in the quorum."""
    problemes: list[str] = []
    par_cle: dict[tuple[int, int], list[_Mandat]] = defaultdict(list)
    for m in d.mandats:
        if m.debut is not None and m.qualite == "titulaire":
            par_cle[(m.personne_id, m.instance_id)].append(m)
    for (personne_id, instance_id), mandats in sorted(par_cle.items()):
        mandats.sort(key=lambda m: (m.debut or dt.date.min, m.id))
        for avant, apres in pairwise(mandats):
            assert apres.debut is not None
            if avant.fin is None or avant.fin >= apres.debut:
                problemes.append(
                    f"{d.nom(personne_id)} a deux mandats de titulaire à la fois dans l'instance "
                    f"« {d.instance(instance_id)} » (à partir du {_jour(apres.debut)})."
                )
    return problemes


def _presences(d: _Donnees) -> list[str]:
    problemes: list[str] = []
    for seance_id, personne_id, etat, porteur_id in d.presences:
        seance = d.seances.get(seance_id)
        if seance is None:
            continue  # a dangling row: the foreign-key check reports it
        reference, instance_id, jour, statut = seance
        if statut in ("annulee", "reportee"):
            problemes.append(
                f"Séance {reference} : elle est {'annulée' if statut == 'annulee' else 'reportée'} mais une "
                f"présence y est notée pour {d.nom(personne_id)}."
            )
            continue
        if jour is None or etat != "represente":
            continue
        mandant = [m for m in d.mandats_actifs(personne_id, instance_id, jour) if m.qualite == "titulaire"]
        if not mandant:
            problemes.append(
                f"Séance {reference} : {d.nom(personne_id)} est noté représenté sans être titulaire de "
                f"l'instance « {d.instance(instance_id)} » le {_jour(jour)}."
            )
        if porteur_id is None:
            problemes.append(f"Séance {reference} : {d.nom(personne_id)} est noté représenté sans porteur de pouvoir.")
            continue
        porteur = [m for m in d.mandats_actifs(porteur_id, instance_id, jour) if m.voix == "deliberative"]
        if not porteur:
            problemes.append(
                f"Séance {reference} : le pouvoir de {d.nom(personne_id)} est donné à {d.nom(porteur_id)}, "
                f"qui n'a pas de mandat à voix délibérative dans l'instance « {d.instance(instance_id)} » "
                f"le {_jour(jour)}."
            )
    return problemes


def _seances(session: Session, d: _Donnees) -> list[str]:
    problemes: list[str] = []
    lignes = session.execute(
        text("SELECT id, pv_approuve_en_id, pv_approuve_le, seconde_convocation_de_id FROM seance ORDER BY date, id")
    )
    for seance_id, approuve_en, approuve_le, seconde_de in lignes:
        reference, instance_id, jour, _statut = d.seances[seance_id]
        if approuve_en is not None and approuve_en in d.seances:
            autre, _, jour_autre, _ = d.seances[approuve_en]
            if jour is not None and jour_autre is not None and jour_autre < jour:
                problemes.append(
                    f"Séance {reference} : son procès-verbal est approuvé à la séance {autre} du "
                    f"{_jour(jour_autre)}, antérieure à elle."
                )
            if approuve_en == seance_id:
                problemes.append(f"Séance {reference} : son procès-verbal est approuvé à cette même séance.")
        elif approuve_le is not None and jour is not None and (_date(approuve_le) or jour) < jour:
            problemes.append(
                f"Séance {reference} : procès-verbal approuvé le {_jour(_date(approuve_le))}, avant la séance."
            )
        if seconde_de is not None and seconde_de in d.seances:
            premiere, instance_premiere, jour_premiere, _ = d.seances[seconde_de]
            if instance_premiere != instance_id:
                problemes.append(
                    f"Séance {reference} : seconde convocation de la séance {premiere}, d'une autre instance."
                )
            elif jour is not None and jour_premiere is not None and jour_premiere > jour:
                problemes.append(
                    f"Séance {reference} : seconde convocation de la séance {premiere}, qui a lieu après elle."
                )
    return problemes


def _numeros(session: Session, _d: _Donnees) -> list[str]:
    """A number that disagrees with its year and rank, or a rank given beyond the counter of numbers."""
    problemes: list[str] = []
    for table, serie, quoi in (("saisine", "SAI", "Saisine"), ("recommandation", "REC", "Recommandation")):
        lignes = session.execute(text(f"SELECT numero, annee, rang FROM {table} ORDER BY numero"))
        for numero, annee, rang in lignes:
            attendu = f"{serie}-{annee}-{int(rang):03d}" if isinstance(rang, int) and isinstance(annee, int) else ""
            if numero != attendu:
                problemes.append(
                    f"{quoi} {numero} : son numéro ne correspond pas à son année et son rang "
                    f"({attendu or 'illisibles'})."
                )
        lignes = session.execute(text("SELECT annee, dernier FROM numerotation WHERE serie = :s"), {"s": serie})
        compteurs = {a: n for a, n in lignes}
        maxima = session.execute(text(f"SELECT annee, MAX(rang) FROM {table} GROUP BY annee"))
        for annee, maximum in maxima:
            if annee in compteurs and compteurs[annee] < maximum:
                problemes.append(
                    f"Numérotation {serie}-{annee} : le compteur en est à {compteurs[annee]} alors que le numéro "
                    f"{serie}-{annee}-{int(maximum):03d} existe (un numéro risquerait d'être redonné)."
                )
    return problemes


def verifier(session: Session) -> list[str]:
    """Every consistency problem of the base, in French, one sentence each (empty: nothing found)."""
    donnees = _Donnees(session)
    regles: list[Callable[[], list[str]]] = [
        lambda: _mandats(donnees),
        lambda: _chevauchements(donnees),
        lambda: _presences(donnees),
        lambda: _seances(session, donnees),
        lambda: _numeros(session, donnees),
    ]
    problemes: list[str] = []
    for regle in regles:
        problemes.extend(regle())
    return problemes


__all__ = ["verifier"]
