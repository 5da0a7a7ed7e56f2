"""Reading the audit journal: filtered, paged in SQL, newest first, each entry summed up in French.

A real base's journal grows past 100,000 rows: nothing here loads it whole. `lire_page` reads one page after a
cursor (keyset pagination on the index of `horodatage`, whose entries carry the rowid: no OFFSET to walk),
`compter` counts in SQL, `parcourir` hands the export batches. Names of the records (« Martin Anne », a
meeting's reference, a referral's number) are resolved for one page at a time, one query per kind of record.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, tuple_
from sqlalchemy.orm import Mapper, Session

from app.documents.journal import LigneJournal
from app.erreurs import ErreurConnue
from app.format_fr import ESPACE_FINE, ESPACE_INSECABLE, date_longue, heure_fr, nombre
from app.modeles import (
    Action,
    College,
    Comite,
    ComiteMission,
    ComitePorteur,
    Deport,
    Diffusion,
    EchangeHcts,
    Instance,
    Journal,
    Mandat,
    NoteEvaluation,
    Personne,
    PieceJointe,
    PointOrdreDuJour,
    Presence,
    Production,
    Recommandation,
    RecommandationSaisine,
    RecommandationTheme,
    RecommandationVersion,
    RetourParticipants,
    Saisine,
    SaisineRapporteur,
    SaisineTheme,
    Seance,
    Structure,
    TransitionSaisine,
)
from app.modeles.base import Base
from app.modeles.enumerations import EnumLibelle, OperationJournal
from app.services.journal_masquage import MASQUE, TABLE_DEMANDEUR
from app.services.normalisation import normaliser

TAILLE_PAGE = 200
LONGUEUR_RESUME = 60  # a value longer than this is cut in the one-line summary (the detail shows it whole)

# French label of each kind of record, by SQL table (see journal_masquage for why not by class name).
LIBELLES_TABLES: dict[str, str] = {
    "action": "Action",
    "college": "Collège",
    "comite": "Comité",
    "comite_mission": "Mission du comité",
    "comite_porteur": "Porteur du comité",
    TABLE_DEMANDEUR: "Demandeur d'une saisine",
    "deport": "Déport",
    "diffusion": "Diffusion",
    "echange_hcts": "Échange avec le HCTS",
    "effacement_personne": "Effacement de données personnelles",
    "instance": "Instance",
    "journal": "Journal",
    "mandat": "Mandat",
    "note_evaluation": "Note d'évaluation",
    "numerotation": "Numérotation",
    "personne": "Personne",
    "piece_jointe": "Pièce jointe",
    "point_ordre_du_jour": "Point de l'ordre du jour",
    "presence": "Présence",
    "production": "Production",
    "recommandation": "Recommandation",
    "recommandation_saisine": "Saisine d'une recommandation",
    "recommandation_theme": "Thème d'une recommandation",
    "recommandation_version": "Version d'une recommandation",
    "retour_participants": "Retour des participants",
    "saisine": "Saisine",
    "saisine_rapporteur": "Rapporteur d'une saisine",
    "saisine_theme": "Thème d'une saisine",
    "seance": "Séance",
    "structure": "Structure",
    "transition_saisine": "Étape d'une saisine",
}

MOIS_ABREGES = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)


@cache
def _mappers() -> dict[str, Mapper[Any]]:
    return {m.class_.__name__: m for m in Base.registry.mappers}


@cache
def libelles_entites() -> dict[str, str]:
    """Class name (as the journal stores it) → French label, for every mapped class, sorted by label."""
    paires = [(nom, LIBELLES_TABLES.get(m.local_table.name, nom)) for nom, m in _mappers().items()]  # type: ignore[attr-defined]
    return dict(sorted(paires, key=lambda p: p[1]))


def libelle_entite(entite: str) -> str:
    return libelles_entites().get(entite, entite)


def date_heure_fr(instant: dt.datetime) -> str:
    """« 2 déc. 2026 14:05 »."""
    return f"{instant.day} {MOIS_ABREGES[instant.month - 1]} {instant.year} {instant:%H:%M}"


# --- Filters -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FiltreJournal:
    du: dt.date | None = None
    au: dt.date | None = None  # included
    utilisateur: str | None = None
    entite: str | None = None  # class name, as stored
    operation: OperationJournal | None = None
    texte: str = ""  # searched in the details (case-insensitive for unaccented letters, as SQLite's LIKE)

    def verifier(self) -> None:
        if self.du is not None and self.au is not None and self.du > self.au:
            raise ErreurConnue(
                f"Période du journal : la date de début ({date_longue(self.du)}) est postérieure à la date de fin "
                f"({date_longue(self.au)})."
            )

    @property
    def actif(self) -> bool:
        return any((self.du, self.au, self.utilisateur, self.entite, self.operation, self.texte.strip()))


def _echapper_like(texte: str) -> str:
    return texte.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _conditions(filtre: FiltreJournal) -> list[ColumnElement[bool]]:
    filtre.verifier()
    conditions: list[ColumnElement[bool]] = []
    if filtre.du is not None:
        conditions.append(Journal.horodatage >= dt.datetime.combine(filtre.du, dt.time()))
    if filtre.au is not None:
        conditions.append(Journal.horodatage < dt.datetime.combine(filtre.au + dt.timedelta(days=1), dt.time()))
    if filtre.utilisateur:
        conditions.append(Journal.utilisateur == filtre.utilisateur)
    if filtre.entite:
        conditions.append(Journal.entite == filtre.entite)
    if filtre.operation is not None:
        conditions.append(Journal.operation == filtre.operation)
    for mot in filtre.texte.split():
        # JSON escapes « " » and « \ »: search them as they are stored.
        stocke = json.dumps(mot, ensure_ascii=False)[1:-1]
        formes = [Journal.details.like(f"%{_echapper_like(stocke)}%", escape="\\")]
        # The journal stores codes (« excuse »), the secretary types labels (« Excusé »): search both.
        formes += [Journal.details.like(f'%"{_echapper_like(code)}"%', escape="\\") for code in _codes_pour(mot)]
        conditions.append(or_(*formes))
    return conditions


@cache
def _codes_et_libelles() -> tuple[tuple[str, str], ...]:
    """(code, matching key of its label) of every enumeration a mapped column holds."""
    paires: set[tuple[str, str]] = set()
    for mapper in _mappers().values():
        for colonne in mapper.columns:
            classe = getattr(colonne.type, "enum_class", None)
            if isinstance(classe, type) and issubclass(classe, EnumLibelle):
                paires.update((m.value, normaliser(m.libelle)) for m in classe)
    return tuple(sorted(paires))


def _codes_pour(mot: str) -> list[str]:
    """The codes whose label contains `mot` (ignoring case and accents); none for a word under 3 letters."""
    cle = normaliser(mot)
    if len(cle) < 3:
        return []
    return sorted({code for code, libelle in _codes_et_libelles() if cle in libelle and code != mot})


def compter(session: Session, filtre: FiltreJournal = FiltreJournal()) -> int:
    requete = select(func.count()).select_from(Journal).where(*_conditions(filtre))
    return int(session.scalar(requete) or 0)


def utilisateurs(session: Session) -> list[str]:
    """The logins found in the journal, alphabetically (for the filter's list)."""
    return sorted(session.scalars(select(Journal.utilisateur).distinct()), key=str.casefold)


# --- Entries -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Changement:
    colonne: str
    avant: str  # already in French (« (masqué) », « (vide) », « 5 mars 2026 »…); "" for a creation
    apres: str  # "" for a deletion
    masque: bool = False


@dataclass(frozen=True)
class EntreeJournal:
    id: int
    horodatage: dt.datetime
    utilisateur: str
    entite: str
    entite_id: int | None
    operation: OperationJournal
    details: dict[str, Any] = field(repr=False)
    nom: str = ""  # the record's human name, when it could be told

    @property
    def curseur(self) -> tuple[dt.datetime, int]:
        return (self.horodatage, self.id)

    @property
    def entite_libelle(self) -> str:
        return libelle_entite(self.entite)

    @property
    def operation_libelle(self) -> str:
        return self.operation.libelle

    @property
    def quand(self) -> str:
        return date_heure_fr(self.horodatage)

    @property
    def enregistrement(self) -> str:
        """« Martin Anne », or « n° 12 » when the name could not be told."""
        if self.nom:
            return self.nom
        return f"n°{ESPACE_INSECABLE}{self.entite_id}" if self.entite_id is not None else ""

    @property
    def changements(self) -> list[Changement]:
        return changements(self.entite, self.operation, self.details)

    @property
    def resume(self) -> str:
        return resumer(self.entite, self.operation, self.details)


def _details(texte: str | None) -> dict[str, Any]:
    try:
        contenu = json.loads(texte or "{}")
    except ValueError:
        return {"(illisible)": texte}
    return contenu if isinstance(contenu, dict) else {"(valeur)": contenu}


def _entrees(session: Session, requete: Any) -> list[EntreeJournal]:
    entrees = [
        EntreeJournal(
            j_id,
            horodatage,
            utilisateur,
            entite,
            entite_id if isinstance(entite_id, int) else None,
            op,
            _details(details),
        )
        for j_id, horodatage, utilisateur, entite, entite_id, op, details in session.execute(requete)
    ]
    noms = noms_des_enregistrements(session, entrees)
    return [
        EntreeJournal(
            e.id,
            e.horodatage,
            e.utilisateur,
            e.entite,
            e.entite_id,
            e.operation,
            e.details,
            noms.get((e.entite, e.entite_id), ""),
        )
        for e in entrees
    ]


def _selection() -> Any:
    return select(
        Journal.id,
        Journal.horodatage,
        Journal.utilisateur,
        Journal.entite,
        Journal.entite_id,
        Journal.operation,
        Journal.details,
    )


def lire_page(
    session: Session,
    filtre: FiltreJournal = FiltreJournal(),
    apres: tuple[dt.datetime, int] | None = None,
    limite: int = TAILLE_PAGE,
) -> list[EntreeJournal]:
    """Up to `limite` entries, newest first, older than `apres` (the `curseur` of the last entry already read)."""
    conditions = _conditions(filtre)
    if apres is not None:
        conditions.append(tuple_(Journal.horodatage, Journal.id) < tuple_(*apres))
    requete = _selection().where(*conditions).order_by(Journal.horodatage.desc(), Journal.id.desc()).limit(limite)
    return _entrees(session, requete)


def lire_entree(session: Session, journal_id: int) -> EntreeJournal | None:
    entrees = _entrees(session, _selection().where(Journal.id == journal_id))
    return entrees[0] if entrees else None


def parcourir(
    session: Session, filtre: FiltreJournal = FiltreJournal(), taille: int = 2_000
) -> Iterator[list[EntreeJournal]]:
    """Every entry of the filter, newest first, in batches of `taille` (the export's way: bounded memory)."""
    curseur: tuple[dt.datetime, int] | None = None
    while True:
        lot = lire_page(session, filtre, curseur, taille)
        if not lot:
            return
        yield lot
        curseur = lot[-1].curseur


def texte_detail(entree: EntreeJournal) -> str:
    """The whole change, one column a line (detail pane, exports)."""
    lignes = []
    for c in entree.changements:
        if c.masque:
            lignes.append(f"{c.colonne}{ESPACE_INSECABLE}: {MASQUE}")
        elif entree.operation is OperationJournal.MODIFICATION and c.apres:
            lignes.append(f"{c.colonne}{ESPACE_INSECABLE}: {c.avant} → {c.apres}")
        else:
            lignes.append(f"{c.colonne}{ESPACE_INSECABLE}: {c.avant or c.apres}")
    return "\n".join(lignes)


def ligne_export(entree: EntreeJournal) -> LigneJournal:
    return LigneJournal(
        entree.horodatage,
        entree.utilisateur,
        entree.entite_libelle,
        entree.entite_id,
        entree.nom,
        entree.operation_libelle,
        texte_detail(entree),
    )


# --- Names of the records ----------------------------------------------------------------------------------


def _nom_personne(nom: Any, prenom: Any) -> str:
    return " ".join(str(p) for p in (nom, prenom) if p)


Resolveur = Callable[[Session, Sequence[int]], dict[int, str]]


def _par_colonne(colonne: Any, cle: Any) -> Resolveur:
    def resoudre(session: Session, ids: Sequence[int]) -> dict[int, str]:
        return {i: str(v) for i, v in session.execute(select(cle, colonne).where(cle.in_(ids))) if v}

    return resoudre


def _personnes(session: Session, ids: Iterable[int]) -> dict[int, str]:
    lignes = session.execute(select(Personne.id, Personne.nom, Personne.prenom).where(Personne.id.in_(set(ids))))
    return {i: _nom_personne(n, p) for i, n, p in lignes}


def _par_personne_et(
    cle: Any, personne: Any, autre: Any, autre_nom: Callable[[Session, set[int]], dict[int, str]]
) -> Resolveur:
    """« Martin Anne — PL-2026-02 »: a link row named by its person and what it links them to."""

    def resoudre(session: Session, ids: Sequence[int]) -> dict[int, str]:
        lignes = list(session.execute(select(cle, personne, autre).where(cle.in_(ids))))
        personnes = _personnes(session, {p for _, p, _ in lignes if p is not None})
        autres = autre_nom(session, {a for _, _, a in lignes if a is not None})
        return {i: " — ".join(x for x in (personnes.get(p, ""), autres.get(a, "")) if x) for i, p, a in lignes}

    return resoudre


def _seances(session: Session, ids: set[int]) -> dict[int, str]:
    return _paires(session, select(Seance.id, Seance.reference).where(Seance.id.in_(ids)))


def _instances(session: Session, ids: set[int]) -> dict[int, str]:
    return _paires(session, select(Instance.id, Instance.nom).where(Instance.id.in_(ids)))


def _par_parent(cle: Any, parent_id: Any, parent_nom: Callable[[Session, set[int]], dict[int, str]]) -> Resolveur:
    def resoudre(session: Session, ids: Sequence[int]) -> dict[int, str]:
        lignes = list(session.execute(select(cle, parent_id).where(cle.in_(ids))))
        noms = parent_nom(session, {p for _, p in lignes if p is not None})
        return {i: noms[p] for i, p in lignes if p in noms}

    return resoudre


def _paires(session: Session, requete: Any) -> dict[int, str]:
    """{id: name} from a two-column query (dict(result) would take the result's keys() for a mapping's)."""
    return {i: v for i, v in session.execute(requete)}


def _points(session: Session, ids: set[int]) -> dict[int, str]:
    requete = select(PointOrdreDuJour.id, PointOrdreDuJour.titre).where(PointOrdreDuJour.id.in_(ids))
    return {i: _court(t, 30) for i, t in session.execute(requete)}


def _saisines(session: Session, ids: set[int]) -> dict[int, str]:
    return _paires(session, select(Saisine.id, Saisine.numero).where(Saisine.id.in_(ids)))


def _recommandations(session: Session, ids: set[int]) -> dict[int, str]:
    return _paires(session, select(Recommandation.id, Recommandation.numero).where(Recommandation.id.in_(ids)))


def _productions(session: Session, ids: set[int]) -> dict[int, str]:
    return _paires(session, select(Production.id, Production.titre).where(Production.id.in_(ids)))


def _demandeurs(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """The requester's row is never read outside its service: its referral is found in the journal itself (the
    creation entry keeps `saisine_id`, a foreign key, never masked)."""
    lignes = session.execute(
        select(Journal.entite_id, Journal.details).where(
            Journal.entite == _classe_de_table(TABLE_DEMANDEUR),
            Journal.operation == OperationJournal.CREATION,
            Journal.entite_id.in_(ids),
        )
    )
    saisine_de: dict[int, int] = {}
    for entite_id, details in lignes:
        saisine_id = _details(details).get("saisine_id")
        if isinstance(saisine_id, int) and entite_id is not None:
            saisine_de[entite_id] = saisine_id
    numeros = _saisines(session, set(saisine_de.values()))
    return {i: numeros[s] for i, s in saisine_de.items() if s in numeros}


@cache
def _classe_de_table(table: str) -> str:
    return next(nom for nom, m in _mappers().items() if m.local_table.name == table)  # type: ignore[attr-defined]


def _noms_structures(session: Session, ids: Iterable[int]) -> dict[int, str]:
    return _paires(session, select(Structure.id, Structure.nom).where(Structure.id.in_(ids)))


RESOLVEURS: dict[str, Resolveur] = {
    "personne": lambda s, ids: _personnes(s, ids),
    "structure": _noms_structures,
    "instance": lambda s, ids: _instances(s, set(ids)),
    "college": _par_colonne(College.nom, College.id),
    "comite": _par_colonne(Comite.nom, Comite.id),
    "seance": lambda s, ids: _seances(s, set(ids)),
    "saisine": lambda s, ids: _saisines(s, set(ids)),
    "recommandation": lambda s, ids: _recommandations(s, set(ids)),
    "production": lambda s, ids: _productions(s, set(ids)),
    "echange_hcts": _par_colonne(EchangeHcts.objet, EchangeHcts.id),
    "piece_jointe": _par_colonne(PieceJointe.nom_fichier, PieceJointe.id),
    "action": _par_colonne(Action.texte, Action.id),
    "note_evaluation": _par_colonne(NoteEvaluation.texte, NoteEvaluation.id),
    "point_ordre_du_jour": _par_colonne(PointOrdreDuJour.titre, PointOrdreDuJour.id),
    "mandat": _par_personne_et(Mandat.id, Mandat.personne_id, Mandat.instance_id, _instances),
    "presence": _par_personne_et(Presence.id, Presence.personne_id, Presence.seance_id, _seances),
    "deport": _par_personne_et(Deport.id, Deport.personne_id, Deport.point_id, lambda s, ids: _points(s, ids)),
    "saisine_rapporteur": _par_personne_et(
        SaisineRapporteur.id, SaisineRapporteur.personne_id, SaisineRapporteur.saisine_id, _saisines
    ),
    "retour_participants": _par_parent(RetourParticipants.id, RetourParticipants.seance_id, _seances),
    "diffusion": _par_parent(Diffusion.id, Diffusion.production_id, _productions),
    "saisine_theme": _par_parent(SaisineTheme.id, SaisineTheme.saisine_id, _saisines),
    "transition_saisine": _par_parent(TransitionSaisine.id, TransitionSaisine.saisine_id, _saisines),
    "recommandation_saisine": _par_parent(
        RecommandationSaisine.id, RecommandationSaisine.recommandation_id, _recommandations
    ),
    "recommandation_theme": _par_parent(
        RecommandationTheme.id, RecommandationTheme.recommandation_id, _recommandations
    ),
    "recommandation_version": _par_parent(
        RecommandationVersion.id, RecommandationVersion.recommandation_id, _recommandations
    ),
    "comite_mission": _par_colonne(ComiteMission.libelle, ComiteMission.id),
    "comite_porteur": _par_parent(ComitePorteur.id, ComitePorteur.structure_id, _noms_structures),
    TABLE_DEMANDEUR: _demandeurs,
}

# A deleted record is no longer in its table: its name is read from the entry's own details.
COLONNES_DU_NOM: dict[str, tuple[str, ...]] = {
    "personne": ("nom", "prenom"),
    "structure": ("nom",),
    "instance": ("nom",),
    "college": ("nom",),
    "comite": ("nom",),
    "seance": ("reference",),
    "saisine": ("numero",),
    "recommandation": ("numero",),
    "production": ("titre",),
    "echange_hcts": ("objet",),
    "piece_jointe": ("nom_fichier",),
    "action": ("texte",),
    "note_evaluation": ("texte",),
    "point_ordre_du_jour": ("titre",),
    "numerotation": ("serie", "annee"),
}


def _court(texte: str, longueur: int = LONGUEUR_RESUME) -> str:
    texte = " ".join(texte.split())
    return texte if len(texte) <= longueur else texte[: longueur - 1].rstrip() + "…"


def _nom_des_details(table: str, details: dict[str, Any]) -> str:
    valeurs = [details.get(c) for c in COLONNES_DU_NOM.get(table, ())]
    if not valeurs or any(v is None or v == MASQUE or isinstance(v, list) for v in valeurs):
        return ""
    return _court(" ".join(str(v) for v in valeurs if v != ""))


def noms_des_enregistrements(session: Session, entrees: Sequence[EntreeJournal]) -> dict[tuple[str, int | None], str]:
    """(class name, id) → the record's human name, for these entries: one query per kind of record."""
    par_table: dict[str, set[int]] = defaultdict(set)
    mappers = _mappers()
    for e in entrees:
        mapper = mappers.get(e.entite)
        if mapper is not None and e.entite_id is not None:
            par_table[mapper.local_table.name].add(e.entite_id)  # type: ignore[attr-defined]
    noms: dict[tuple[str, int | None], str] = {}
    for table, ids in par_table.items():
        resoudre = RESOLVEURS.get(table)
        if resoudre is None:
            continue
        classe = _classe_de_table(table)
        for i, nom in resoudre(session, sorted(ids)).items():
            if nom:
                noms[(classe, i)] = _court(nom)
    for e in entrees:
        if (e.entite, e.entite_id) not in noms:
            mapper = mappers.get(e.entite)
            if mapper is not None:
                nom = _nom_des_details(mapper.local_table.name, e.details)  # type: ignore[attr-defined]
                if nom:
                    noms[(e.entite, e.entite_id)] = nom
    return noms


def references(session: Session, entree: EntreeJournal) -> dict[tuple[str, int], str]:
    """(column, id) → name, for the foreign keys in the entry's details (the detail pane: « 31 — Martin Anne »)."""
    mapper = _mappers().get(entree.entite)
    if mapper is None:
        return {}
    cibles: dict[str, str] = {}  # column → referenced table
    for attribut in mapper.column_attrs:
        for colonne_sql in attribut.columns:
            for cle in getattr(colonne_sql, "foreign_keys", ()):
                cibles[attribut.key] = cle.column.table.name
    par_table: dict[str, set[int]] = defaultdict(set)
    valeurs: dict[str, set[int]] = defaultdict(set)  # column → the ids it holds in this entry
    for nom_colonne, valeur in entree.details.items():
        if nom_colonne in cibles:
            for v in valeur if isinstance(valeur, list) else [valeur]:
                if isinstance(v, int) and not isinstance(v, bool):
                    par_table[cibles[nom_colonne]].add(v)
                    valeurs[nom_colonne].add(v)
    noms_par_table = {
        table: RESOLVEURS[table](session, sorted(ids)) for table, ids in par_table.items() if table in RESOLVEURS
    }
    resultat: dict[tuple[str, int], str] = {}
    for nom_colonne, ids in valeurs.items():
        noms = noms_par_table.get(cibles[nom_colonne], {})
        for identifiant in ids:
            if noms.get(identifiant):
                resultat[(nom_colonne, identifiant)] = _court(noms[identifiant])
    return resultat


# --- Summaries ---------------------------------------------------------------------------------------------

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_HEURE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
_HEURE = re.compile(r"^\d{2}:\d{2}(:\d{2})?$")
COLONNES_TECHNIQUES = frozenset({"id"})


@cache
def _enumeration(entite: str, colonne: str) -> type[EnumLibelle] | None:
    mapper = _mappers().get(entite)
    if mapper is None or colonne not in mapper.columns:
        return None
    classe = getattr(mapper.columns[colonne].type, "enum_class", None)
    return classe if isinstance(classe, type) and issubclass(classe, EnumLibelle) else None


def libelle_de_code(entite: str, colonne: str, valeur: Any) -> str | None:
    """The label of an enumeration's stored code (« present » → « Présent »), None if it is not one."""
    enumeration = _enumeration(entite, colonne)
    if enumeration is None or not isinstance(valeur, str) or valeur not in enumeration._value2member_map_:
        return None
    return enumeration.de_code(valeur).libelle


def valeur_fr(entite: str, colonne: str, valeur: Any, *, longueur: int | None = None) -> str:
    """A stored value as a person reads it: « (vide) », oui/non, a French date, an enumeration's label."""
    if valeur == MASQUE:
        return MASQUE
    if valeur is None or valeur == "":
        return "(vide)"
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, int | float):
        return nombre(valeur) if isinstance(valeur, int) and abs(valeur) >= 10_000 else str(valeur).replace(".", ",")
    texte = str(valeur)
    libelle = libelle_de_code(entite, colonne, texte)
    if libelle is not None:
        return libelle
    try:
        if _DATE.match(texte):
            return date_longue(dt.date.fromisoformat(texte))
        if _DATE_HEURE.match(texte):
            instant = dt.datetime.fromisoformat(texte)
            return f"{date_longue(instant.date())} {instant:%H:%M}"
        if _HEURE.match(texte):
            return heure_fr(dt.time.fromisoformat(texte))
    except ValueError:
        pass
    if longueur is not None:
        texte = _court(texte, longueur)
    return f"«{ESPACE_INSECABLE}{texte}{ESPACE_INSECABLE}»"


@cache
def _rangs(entite: str) -> dict[str, int]:
    mapper = _mappers().get(entite)
    return {a.key: i for i, a in enumerate(mapper.column_attrs)} if mapper is not None else {}


def _dans_l_ordre(entite: str, details: dict[str, Any]) -> list[tuple[str, Any]]:
    """The details in the order of the model's columns (the journal stores them sorted by name)."""
    rangs = _rangs(entite)
    return sorted(details.items(), key=lambda p: (rangs.get(p[0], -1 if p[0].startswith("_") else len(rangs)), p[0]))


def changements(entite: str, operation: OperationJournal, details: dict[str, Any]) -> list[Changement]:
    """Column by column, in the French of `valeur_fr`, full length (the detail pane's content)."""
    resultat: list[Changement] = []
    for colonne, valeur in _dans_l_ordre(entite, details):
        masque = valeur == MASQUE
        if operation is OperationJournal.MODIFICATION:
            if isinstance(valeur, list) and len(valeur) == 2:
                avant, apres = valeur
                resultat.append(
                    Changement(colonne, valeur_fr(entite, colonne, avant), valeur_fr(entite, colonne, apres))
                )
            else:
                resultat.append(Changement(colonne, valeur_fr(entite, colonne, valeur), "", masque))
        elif operation is OperationJournal.CREATION:
            resultat.append(Changement(colonne, "", valeur_fr(entite, colonne, valeur), masque))
        else:
            resultat.append(Changement(colonne, valeur_fr(entite, colonne, valeur), "", masque))
    return resultat


def resumer(entite: str, operation: OperationJournal, details: dict[str, Any]) -> str:
    """One line: « courriel : (masqué) ; fonction : « Assistante sociale » → « Conseillère » ».

    A creation or a deletion lists its non-empty values (ids left out); long texts are cut."""
    morceaux: list[str] = []
    for colonne, valeur in _dans_l_ordre(entite, details):
        if colonne in COLONNES_TECHNIQUES:
            continue
        if operation is OperationJournal.MODIFICATION and isinstance(valeur, list) and len(valeur) == 2:
            avant, apres = (valeur_fr(entite, colonne, v, longueur=LONGUEUR_RESUME // 2) for v in valeur)
            morceaux.append(f"{colonne}{ESPACE_INSECABLE}: {avant} → {apres}")
        elif valeur is None or valeur == "" or valeur is False:
            continue
        else:
            texte = valeur_fr(entite, colonne, valeur, longueur=LONGUEUR_RESUME)
            morceaux.append(f"{colonne}{ESPACE_INSECABLE}: {texte}")
    return f"{ESPACE_FINE}; ".join(morceaux)


__all__ = [
    "LIBELLES_TABLES",
    "Changement",
    "EntreeJournal",
    "FiltreJournal",
    "changements",
    "compter",
    "date_heure_fr",
    "libelle_entite",
    "libelles_entites",
    "lire_entree",
    "lire_page",
    "noms_des_enregistrements",
    "parcourir",
    "resumer",
    "utilisateurs",
    "valeur_fr",
]
