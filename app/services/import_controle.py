"""What the base already holds, seen through the workbook's keys, and the checks that need it.

Everything is loaded in a handful of queries (no query per row). Names match through `normaliser`, so
« Plénière » in the workbook finds « pleniere » in the base; a key shared by two rows of the base is
ambiguous and reported when the workbook uses it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.modeles import College, Comite, Instance, Mandat, Personne, Presence, Seance, Structure
from app.modeles.enumerations import EtatPresence, Qualite
from app.services import import_schema as schema
from app.services.import_lignes import ClasseurLu, ClePersonne, LigneMembre, cle_personne
from app.services.import_schema import ErreurImport
from app.services.normalisation import normaliser

T = TypeVar("T")
CleMandat = tuple[ClePersonne, str, Qualite, dt.date]  # (person, instance, qualité, début): a mandate's identity
_PAQUET = 500  # ids per IN (...) query, well under SQLite's limit on bound parameters


def _par_cle(objets: Iterable[T], cle: Callable[[T], str]) -> tuple[dict[str, T], set[str]]:
    """Objects by key; the keys met twice (ambiguous) apart. The first object of a shared key is kept."""
    index: dict[str, T] = {}
    ambigues: set[str] = set()
    for objet in objets:
        k = cle(objet)
        if k in index:
            ambigues.add(k)
        else:
            index[k] = objet
    return index, ambigues


class Referentiel:
    """The base's rows that an import can match or refer to, indexed by the workbook's keys."""

    def __init__(self, session: Session, lu: ClasseurLu) -> None:
        self.comite = session.scalar(select(Comite).order_by(Comite.id).limit(1))
        self.colleges, self.colleges_ambigus = _par_cle(session.scalars(select(College)), lambda c: normaliser(c.nom))
        self.instances, self.instances_ambigues = _par_cle(
            session.scalars(select(Instance)), lambda i: normaliser(i.nom)
        )
        self.structures, self.structures_ambigues = _par_cle(
            session.scalars(select(Structure)), lambda s: normaliser(s.nom)
        )
        self.personnes: dict[ClePersonne, Personne] = {}
        self.personnes_ambigues: set[ClePersonne] = set()
        for personne in session.scalars(select(Personne)):
            cle = cle_personne(personne.nom, personne.prenom)
            if cle in self.personnes:
                self.personnes_ambigues.add(cle)
            else:
                self.personnes[cle] = personne
        cles_personnes = {p.id: c for c, p in self.personnes.items()}
        cles_instances = {i.id: c for c, i in self.instances.items()}
        self.mandats: dict[CleMandat, Mandat] = {}
        for mandat in session.scalars(select(Mandat).order_by(Mandat.id)):
            cp, ci = cles_personnes.get(mandat.personne_id), cles_instances.get(mandat.instance_id)
            if cp is not None and ci is not None:
                self.mandats.setdefault((cp, ci, mandat.qualite, mandat.debut), mandat)
        self.seances, self.seances_ambigues = _par_cle(
            session.scalars(select(Seance)), lambda s: normaliser(s.reference)
        )
        # Attendance already recorded, only for the base's meetings that the workbook names.
        ids = sorted({s.id for p in lu.presences if (s := self.seances.get(normaliser(p.seance))) is not None})
        cles_seances = {s.id: c for c, s in self.seances.items()}
        self.presences: dict[tuple[str, ClePersonne], Presence] = {}
        for debut in range(0, len(ids), _PAQUET):
            requete = select(Presence).where(Presence.seance_id.in_(ids[debut : debut + _PAQUET]))
            for presence in session.scalars(requete):
                cp = cles_personnes.get(presence.personne_id)
                if cp is not None:
                    self.presences[(cles_seances[presence.seance_id], cp)] = presence
        self.cles_personnes = cles_personnes


class Vue:
    """The workbook laid over the base: what is known under each key once the import is done."""

    def __init__(self, lu: ClasseurLu, ref: Referentiel) -> None:
        self.lu = lu
        self.ref = ref
        inc = lu.incomplets
        self.colleges = set(ref.colleges) | {normaliser(c.nom) for c in lu.colleges} | inc.colleges
        self.instances = set(ref.instances) | {normaliser(i.nom) for i in lu.instances} | inc.instances
        self.structures = set(ref.structures) | {normaliser(s.nom) for s in lu.structures} | inc.structures
        self.seances = set(ref.seances) | {normaliser(s.reference) for s in lu.seances} | inc.seances
        self.personnes = set(ref.personnes) | set(lu.personnes) | inc.personnes
        self.noms_complets: dict[str, set[ClePersonne]] = defaultdict(set)
        for nom, prenom in self.personnes:
            self.noms_complets[f"{prenom} {nom}"].add((nom, prenom))
        # Titulaire mandates by (person, instance): start → end, the workbook's end over the base's.
        self.titulaires: dict[tuple[ClePersonne, str], dict[dt.date, dt.date | None]] = defaultdict(dict)
        for (cp, ci, qualite, debut), mandat in ref.mandats.items():
            if qualite is Qualite.TITULAIRE:
                self.titulaires[(cp, ci)][debut] = mandat.fin
        for membre in lu.membres:
            if membre.qualite is Qualite.TITULAIRE:
                fins = self.titulaires[(membre.personne, normaliser(membre.instance))]
                if membre.fin is not None or membre.debut not in fins:
                    fins[membre.debut] = membre.fin

    def personnes_nommees(self, nom_complet: str) -> set[ClePersonne]:
        """The persons whose « Prénom Nom » is `nom_complet` (none, one, or several if ambiguous)."""
        return self.noms_complets.get(normaliser(nom_complet), set())

    def titulaire_de(self, membre: LigneMembre) -> CleMandat | None:
        """The titulaire mandate a suppléant row stands in for: the one active on the suppléant's start,
        else the latest begun by then, else the earliest."""
        personnes = self.personnes_nommees(membre.suppleant_de)
        if len(personnes) != 1:
            return None
        (personne,) = personnes
        instance = normaliser(membre.instance)
        mandats = sorted(self.titulaires.get((personne, instance), {}).items())
        if not mandats:
            return None
        jour = membre.debut
        actifs = [d for d, fin in mandats if d <= jour and (fin is None or jour <= fin)]
        commences = [d for d, _ in mandats if d <= jour]
        if actifs:
            debut = actifs[-1]
        elif commences:
            debut = commences[-1]
        else:
            debut = mandats[0][0]
        return personne, instance, Qualite.TITULAIRE, debut


# --- Checks ---------------------------------------------------------------------------------------------


class _Controle:
    def __init__(self, vue: Vue) -> None:
        self.vue = vue
        self.erreurs: list[ErreurImport] = []
        lu = vue.lu
        # Presences of the base that the workbook's rows replace: their proxies no longer count.
        self.remplacees = {(normaliser(p.seance), p.personne) for p in lu.presences} | lu.incomplets.presences

    def erreur(self, feuille: str, ligne: int | None, colonne: str | None, motif: str) -> None:
        self.erreurs.append(ErreurImport(feuille, ligne, colonne, motif))

    def reference(
        self,
        feuille: str,
        ligne: int,
        colonne: str,
        texte: str,
        connus: set[str],
        ambigus: set[str],
        inconnu: str,
        ou: str,
    ) -> None:
        """An error if `texte` names nothing known (in the workbook or the base), or several rows of the base."""
        cle = normaliser(texte)
        if cle not in connus:
            self.erreur(feuille, ligne, colonne, f"{inconnu} « {texte} » : ni dans {ou} ni dans la base")
        elif cle in ambigus:
            self.erreur(feuille, ligne, colonne, f"« {texte} » désigne plusieurs lignes de la base : précisez le nom")

    def personne_nommee(self, feuille: str, ligne: int, colonne: str, texte: str) -> ClePersonne | None:
        personnes = self.vue.personnes_nommees(texte)
        if len(personnes) == 1:
            (personne,) = personnes
            if personne in self.vue.ref.personnes_ambigues and personne not in self.vue.lu.personnes:
                self.erreur(feuille, ligne, colonne, f"plusieurs personnes de la base s'appellent « {texte} »")
                return None
            return personne
        if not personnes:
            if normaliser(texte) not in self.vue.lu.incomplets.noms_complets:
                self.erreur(
                    feuille,
                    ligne,
                    colonne,
                    f"personne inconnue « {texte} » : ni dans la feuille « Membres » ni dans la base "
                    "(attendu « Prénom Nom »)",
                )
        else:
            self.erreur(feuille, ligne, colonne, f"« {texte} » désigne plusieurs personnes : nom ambigu")
        return None

    def comite(self) -> None:
        comite = self.vue.lu.comite
        if comite is not None and comite.lignes and self.vue.ref.comite is None and comite.nom is None:
            ligne = comite.lignes.get(schema.CHAMP_NOM)
            self.erreur(schema.COMITE, ligne, "Valeur", "le champ « Nom » est obligatoire pour créer le comité")

    def noms_de_la_base(self) -> None:
        ref = self.vue.ref
        for college in self.vue.lu.colleges:
            if normaliser(college.nom) in ref.colleges_ambigus:
                self.erreur(schema.COLLEGES, college.ligne, "Nom", "plusieurs collèges de la base portent ce nom")
        for instance in self.vue.lu.instances:
            if normaliser(instance.nom) in ref.instances_ambigues:
                self.erreur(schema.INSTANCES, instance.ligne, "Nom", "plusieurs instances de la base portent ce nom")
        for structure in self.vue.lu.structures:
            if normaliser(structure.nom) in ref.structures_ambigues:
                self.erreur(schema.STRUCTURES, structure.ligne, "Nom", "plusieurs structures de la base portent ce nom")
        for cle in self.vue.lu.personnes:
            if cle in ref.personnes_ambigues:
                personne = self.vue.lu.personnes[cle]
                ligne = next(m.ligne for m in self.vue.lu.membres if m.personne == cle)
                motif = f"plusieurs personnes de la base s'appellent {personne.prenom} {personne.nom}"
                self.erreur(schema.MEMBRES, ligne, "Nom", motif)

    def membres(self) -> None:
        vue, ref = self.vue, self.vue.ref
        f = schema.MEMBRES
        for m in vue.lu.membres:
            if m.structure:
                self.reference(
                    f,
                    m.ligne,
                    "Structure",
                    m.structure,
                    vue.structures,
                    ref.structures_ambigues,
                    "structure inconnue",
                    "la feuille « Structures »",
                )
            self.reference(
                f,
                m.ligne,
                "Collège",
                m.college,
                vue.colleges,
                ref.colleges_ambigus,
                "collège inconnu",
                "la feuille « Collèges »",
            )
            self.reference(
                f,
                m.ligne,
                "Instance",
                m.instance,
                vue.instances,
                ref.instances_ambigues,
                "instance inconnue",
                "la feuille « Instances »",
            )
            if m.qualite is not Qualite.SUPPLEANT or not m.suppleant_de:
                continue
            titulaire = self.personne_nommee(f, m.ligne, "Suppléant de", m.suppleant_de)
            instance = normaliser(m.instance)
            if titulaire is None or instance not in vue.instances:
                continue
            if titulaire == m.personne:
                self.erreur(f, m.ligne, "Suppléant de", "une personne ne peut pas être sa propre suppléante")
            elif (titulaire, instance) not in vue.titulaires and (titulaire, instance) not in vue.lu.incomplets.mandats:
                self.erreur(
                    f,
                    m.ligne,
                    "Suppléant de",
                    f"« {m.suppleant_de} » n'est pas titulaire dans l'instance « {m.instance} »",
                )

    def seances(self) -> None:
        vue, ref = self.vue, self.vue.ref
        for s in vue.lu.seances:
            self.reference(
                schema.SEANCES,
                s.ligne,
                "Instance",
                s.instance,
                vue.instances,
                ref.instances_ambigues,
                "instance inconnue",
                "la feuille « Instances »",
            )
            cle = normaliser(s.reference)
            if cle in ref.seances_ambigues:
                self.erreur(schema.SEANCES, s.ligne, "Référence", "plusieurs séances de la base ont cette référence")
            existante = ref.seances.get(cle)
            if existante is not None:
                # A time left empty keeps the base's: the pair must still be in order.
                debut = s.heure_debut or existante.heure_debut
                fin = s.heure_fin or existante.heure_fin
                if debut is not None and fin is not None and fin <= debut:
                    colonne = "Fin" if s.heure_fin is not None else "Début"
                    self.erreur(
                        schema.SEANCES,
                        s.ligne,
                        colonne,
                        f"l'heure de fin ({fin:%H:%M}) doit suivre celle du début ({debut:%H:%M}), "
                        "en tenant compte de celle déjà enregistrée",
                    )

    def presences(self) -> None:
        vue, ref = self.vue, self.vue.ref
        f = schema.PRESENCES
        porteurs: dict[str, dict[ClePersonne, str]] = {}  # meeting → holder → where its proxy was given
        for p in vue.lu.presences:
            seance = normaliser(p.seance)
            if seance not in vue.seances:
                ou = "ni dans la feuille « Séances » ni dans la base"
                self.erreur(f, p.ligne, "Séance", f"séance inconnue « {p.seance} » : {ou}")
            elif seance in ref.seances_ambigues:
                self.erreur(f, p.ligne, "Séance", f"« {p.seance} » désigne plusieurs séances de la base")
            if p.personne not in vue.personnes:
                ou = "ni dans la feuille « Membres » ni dans la base"
                self.erreur(f, p.ligne, "Nom", f"personne inconnue « {p.prenom} {p.nom} » : {ou}")
            elif p.personne in ref.personnes_ambigues and p.personne not in vue.lu.personnes:
                self.erreur(f, p.ligne, "Nom", f"plusieurs personnes de la base s'appellent {p.prenom} {p.nom}")
            if p.etat is not EtatPresence.REPRESENTE:
                continue
            porteur = self.personne_nommee(f, p.ligne, "Pouvoir à", p.pouvoir_a)
            if porteur is None:
                continue
            if porteur == p.personne:
                self.erreur(f, p.ligne, "Pouvoir à", "on ne peut pas se donner un pouvoir à soi-même")
                continue
            deja = porteurs.setdefault(seance, self._porteurs_de_la_base(seance))
            if porteur in deja:
                self.erreur(
                    f,
                    p.ligne,
                    "Pouvoir à",
                    f"« {p.pouvoir_a} » porte déjà un pouvoir à cette séance (donné par {deja[porteur]}) : "
                    "un seul pouvoir par porteur",
                )
            else:
                deja[porteur] = f"{p.prenom} {p.nom}, ligne {p.ligne}"

    def _porteurs_de_la_base(self, seance: str) -> dict[ClePersonne, str]:
        """Proxies already recorded at that meeting, except for the persons whose row the workbook replaces."""
        ref = self.vue.ref
        porteurs: dict[ClePersonne, str] = {}
        for (s, personne), presence in ref.presences.items():
            if s != seance or presence.pouvoir_a_id is None or (s, personne) in self.remplacees:
                continue
            porteur = ref.cles_personnes.get(presence.pouvoir_a_id)
            if porteur is not None:
                donneur = ref.personnes[personne]
                porteurs[porteur] = f"{donneur.prenom} {donneur.nom}, déjà enregistré dans la base"
        return porteurs


def controler(vue: Vue) -> list[ErreurImport]:
    """Every check that needs the base: references, titulaires, proxies against what is recorded."""
    controle = _Controle(vue)
    controle.comite()
    controle.noms_de_la_base()
    controle.membres()
    controle.seances()
    controle.presences()
    return controle.erreurs
