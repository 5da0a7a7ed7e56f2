"""Crash safety, shown by killing the program: a child process imports, saves or migrates, and is SIGKILLed.

Shared by the short run of the test suite (`tests/test_arret_brutal.py`) and the long one
(`benchmarks/arret_brutal.py`). For each mode a model base is prepared once; each try copies it, starts a
child (`python -c ENFANT`), waits for its « pret » line (printed once its imports are done, so that the kill
falls in the work and not in Python's start-up), sleeps a delay drawn from a seeded RNG within the child's
measured duration, kills it with SIGKILL, then looks at what is left the way the program would find it:

- the lock file left by the dead child must not keep the next program out (`app.verrou.prendre`);
- `db.ouvrir` (a normal opening, which replays the WAL) must succeed, then `PRAGMA integrity_check` is ok,
  `PRAGMA foreign_key_check` is empty and `app.db.verifier_integrite` finds nothing;
- import: the row count of every table equals the count before the import or the count after it;
- saves: each action (a person `Kill-NNNN`, their mandate, their attendance, an agenda item of that title,
  the journal line of the person) is there entirely or not at all, and the actions kept are the first ones;
- migration: the base is at its old revision with its old content, or at head with the same content
  (and the next opening migrates it);
- restore (only if `app.services.sauvegardes.restaurer` exists): the base holds the old content or the
  restored one, whole.

POSIX only (SIGKILL). The children get `COMITE_LOCAL_AUJOURDHUI` fixed, like the parent's reference run.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

RACINE = Path(__file__).resolve().parents[1]
AUJOURDHUI = "2026-11-22"
MODES = ("import", "enregistrements", "migration", "restauration")

# --- The children -----------------------------------------------------------------------------------------

_PROLOGUE = """
import json, sys
sys.path.insert(0, {racine!r})
parametres = json.loads(sys.argv[1])
from pathlib import Path
from app import db, verrou
chemin = Path(parametres["base"])
"""

_ENFANTS = {
    "import": """
import openpyxl  # noqa: F401  (imported before « pret »: the kill should fall in the import, not before)
from app.services.import_classeur import importer_classeur
tenu = verrou.prendre(chemin)
base = db.ouvrir(chemin)
print("pret", flush=True)
ecrit = []

def progression(fait, _total):
    if fait and not ecrit:  # the first rows are written: the kill now falls inside the transaction
        ecrit.append(fait)
        print("ecriture", flush=True)

importer_classeur(base, Path(parametres["classeur"]), progression=progression)
base.fermer()
tenu.rendre()
print("fini", flush=True)
""",
    "enregistrements": """
import datetime as dt
from app.modeles.enumerations import EtatPresence, Qualite
from app.services import annuaire, ordre_du_jour, presences
tenu = verrou.prendre(chemin)
base = db.ouvrir(chemin)
seances = parametres["seances"]
print("pret", flush=True)
print("ecriture", flush=True)
for n in range(parametres["actions"]):
    nom = f"Kill-{n:04d}"
    seance = seances[n % len(seances)]
    with base.session_scope() as session:  # one user action: all of it, or nothing
        personne = annuaire.creer_personne(session, nom, "Essai", fonction="Arrêt brutal")
        annuaire.creer_mandat(session, personne.id, parametres["instance"], parametres["college"],
                              Qualite.TITULAIRE, dt.date(2026, 1, 1))
        presences.enregistrer_presence(session, seance, personne.id, EtatPresence.PRESENT)
        ordre_du_jour.ajouter_point(session, ordre_du_jour.FichePoint(id=0, seance_id=seance, titre=nom))
base.fermer()
tenu.rendre()
print("fini", flush=True)
""",
    "migration": """
from alembic import command  # noqa: F401  (costly imports done before « pret »)
from alembic.config import Config  # noqa: F401
import app.migrations  # noqa: F401
tenu = verrou.prendre(chemin)
print("pret", flush=True)
base = db.ouvrir(chemin)
base.fermer()
tenu.rendre()
print("fini", flush=True)
""",
    "restauration": """
from app.services import sauvegardes
tenu = verrou.prendre(chemin)
print("pret", flush=True)
sauvegardes.restaurer(chemin, Path(parametres["sauvegarde"]))
tenu.rendre()
print("fini", flush=True)
""",
}


def script_enfant(mode: str) -> str:
    return _PROLOGUE.format(racine=str(RACINE)) + _ENFANTS[mode]


def restauration_disponible() -> bool:
    if importlib.util.find_spec("app.services.sauvegardes") is None:
        return False
    from app.services import sauvegardes

    return callable(getattr(sauvegardes, "restaurer", None))


def _environnement() -> dict[str, str]:
    env = dict(os.environ)
    env["COMITE_LOCAL_AUJOURDHUI"] = AUJOURDHUI
    env["PYTHONPATH"] = str(RACINE)
    env.pop("PYTHONWARNINGS", None)
    return env


# --- What a base holds --------------------------------------------------------------------------------------


def _tables(connexion: sqlite3.Connection) -> list[str]:
    lignes = connexion.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return sorted(r[0] for r in lignes)


def comptes(chemin: Path) -> dict[str, int]:
    """Rows per table (alembic_version and journal included)."""
    connexion = sqlite3.connect(chemin)
    try:
        return {t: connexion.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _tables(connexion)}
    finally:
        connexion.close()


def _contenu_migration(connexion: sqlite3.Connection) -> list[Any]:
    """The rows a migration must carry over (columns that exist at every revision)."""
    return [
        connexion.execute("SELECT id, nom, type FROM instance ORDER BY id").fetchall(),
        connexion.execute("SELECT id, reference, instance_id, date, lieu, statut FROM seance ORDER BY id").fetchall(),
        connexion.execute("SELECT id, nom, prenom, fonction FROM personne ORDER BY id").fetchall(),
    ]


def _revision(connexion: sqlite3.Connection) -> str | None:
    try:
        ligne = connexion.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return None if ligne is None else str(ligne[0])


def _problemes_sqlite(connexion: sqlite3.Connection) -> list[str]:
    problemes = [f"integrity_check : {r[0]}" for r in connexion.execute("PRAGMA integrity_check") if r[0] != "ok"]
    problemes += [f"foreign_key_check : {tuple(r)}" for r in connexion.execute("PRAGMA foreign_key_check")]
    return problemes


def empreinte_enregistrements(chemin: Path) -> tuple[list[int], list[str]]:
    """(numbers of the complete actions, description of every incomplete one)."""
    connexion = sqlite3.connect(chemin)
    try:
        parties: dict[int, set[str]] = {}

        def noter(partie: str, requete: str) -> None:
            for (nom,) in connexion.execute(requete):
                parties.setdefault(int(str(nom)[5:]), set()).add(partie)

        noter("personne", "SELECT nom FROM personne WHERE nom LIKE 'Kill-%'")
        noter("mandat", "SELECT p.nom FROM mandat m JOIN personne p ON p.id = m.personne_id WHERE p.nom LIKE 'Kill-%'")
        noter("presence", "SELECT p.nom FROM presence x JOIN personne p ON p.id = x.personne_id "
                          "WHERE p.nom LIKE 'Kill-%'")  # fmt: skip
        noter("point", "SELECT titre FROM point_ordre_du_jour WHERE titre LIKE 'Kill-%'")
        for (details,) in connexion.execute(
            "SELECT details FROM journal WHERE entite = 'Personne' AND details LIKE '%\"Kill-%'"
        ):
            parties.setdefault(int(json.loads(details)["nom"][5:]), set()).add("journal")
    finally:
        connexion.close()
    toutes = {"personne", "mandat", "presence", "point", "journal"}
    completes = sorted(n for n, p in parties.items() if p == toutes)
    incompletes = [f"Kill-{n:04d} : {sorted(p)}" for n, p in sorted(parties.items()) if p != toutes]
    if completes != list(range(len(completes))):
        incompletes.append(f"actions gardées dans le désordre : {completes[:5]}…")
    return completes, incompletes


# --- Preparing each mode once -------------------------------------------------------------------------------


@dataclass
class Preparation:
    mode: str
    modele: Path  # the base each try starts from
    parametres: dict[str, Any]
    duree_s: float = 0.0  # the child's work, « pret » to its end, measured on a run left to finish
    avant: Any = None
    apres: Any = None


def _base_neuve(chemin: Path) -> None:
    from app import db

    db.ouvrir(chemin).fermer()


def ecrire_classeur(chemin: Path, echelle: int = 1) -> Path:
    """The realistic committee of the import tests; `echelle` > 1 adds as many copies of its meetings."""
    if str(RACINE) not in sys.path:
        sys.path.insert(0, str(RACINE))
    from tests.services.corpus_import import ecrire_classeur as ecrire
    from tests.services.test_import_classeur import _comite_realiste

    donnees = _comite_realiste(random.Random(7))
    seances, presences = donnees["Séances"], donnees["Présences"]
    originales, presences_originales = seances[1:], presences[1:]
    for copie in range(1, echelle):
        for ligne in originales:
            seances.append([f"{ligne[0]}-{copie}", *ligne[1:]])
        for ligne in presences_originales:
            presences.append([f"{ligne[0]}-{copie}", *ligne[1:]])
    return ecrire(donnees, chemin)


def _preparer_import(dossier: Path, echelle: int) -> Preparation:
    modele = dossier / "import-modele.db"
    _base_neuve(modele)
    classeur = ecrire_classeur(dossier / "classeur.xlsx", echelle)
    return Preparation("import", modele, {"classeur": str(classeur)}, avant=comptes(modele))


def _preparer_enregistrements(dossier: Path, actions: int) -> Preparation:
    import datetime as dt

    from app import db
    from app.modeles.enumerations import StatutSeance, TypeInstance
    from tests.services.fabrique import Fabrique

    modele = dossier / "enregistrements-modele.db"
    _base_neuve(modele)
    base = db.ouvrir(modele)
    try:
        with base.session_scope() as session:
            f = Fabrique(session)
            pleniere = f.instance("Plénière", TypeInstance.PLENIERE)
            college = f.college("Travailleurs sociaux")
            for i in range(20):
                f.mandat(f.personne(f"Membre{i:02d}", "Camille"), pleniere, college)
            seances = [
                f.seance(pleniere, dt.date(2026, 12, 1) + dt.timedelta(days=7 * k), statut=StatutSeance.PLANIFIEE).id
                for k in range(5)
            ]
            parametres = {"instance": pleniere.id, "college": college.id, "seances": seances, "actions": actions}
    finally:
        base.fermer()
    return Preparation("enregistrements", modele, parametres, avant=0, apres=actions)


def _preparer_migration(dossier: Path, seances: int) -> Preparation:
    from app.migrations.revisions import REVISIONS
    from tests.schema_ancien import base_a_la_revision

    modele = dossier / "migration-modele.db"
    base_a_la_revision(modele, REVISIONS[0])
    connexion = sqlite3.connect(modele)
    with connexion:
        connexion.execute(
            "INSERT INTO instance (id, nom, type, quorum_numerateur, quorum_denominateur, pouvoirs_comptes, "
            "pouvoirs_max_par_porteur, delai_convocation_jours, ordre) "
            "VALUES (1, 'Plénière', 'pleniere', 1, 2, 1, 1, 5, 0)"
        )
        connexion.executemany(
            "INSERT INTO seance (reference, instance_id, date, lieu, lien_visio, format, statut, motif_urgence) "
            "VALUES (?, 1, ?, ?, '', 'presentiel', 'tenue', '')",
            [(f"PL-{n:05d}", f"20{10 + n % 20}-0{1 + n % 9}-1{n % 10}", f"Salle {n}") for n in range(seances)],
        )
        connexion.executemany(
            "INSERT INTO personne (nom, prenom, fonction, courriel, telephone, besoins_accessibilite) "
            "VALUES (?, 'Camille', ?, '', '', '')",
            [(f"Nom{n:05d}", f"Fonction {n}") for n in range(seances // 10)],
        )
    try:
        contenu = _contenu_migration(connexion)
    finally:
        connexion.close()
    return Preparation("migration", modele, {}, avant=contenu, apres=contenu)


def _base_de_personnes(chemin: Path, prefixe: str, nombre: int) -> None:
    _base_neuve(chemin)
    connexion = sqlite3.connect(chemin)
    with connexion:
        connexion.executemany(
            "INSERT INTO personne (nom, prenom, fonction, courriel, telephone, besoins_accessibilite) "
            "VALUES (?, 'Camille', 'Fonction assez longue pour peser dans le fichier', '', '', '')",
            [(f"{prefixe}{n:06d}",) for n in range(nombre)],
        )
    connexion.close()


def _preparer_restauration(dossier: Path, personnes: int) -> Preparation:
    """The base and the backup to restore are two different committees, big enough for the copy to take time."""
    modele = dossier / "restauration-modele.db"
    _base_de_personnes(modele, "Ancienne", personnes)
    sauvegarde = dossier / "sauvegarde.db"
    _base_de_personnes(sauvegarde, "Restaurée", personnes + personnes // 2)
    return Preparation(
        "restauration", modele, {"sauvegarde": str(sauvegarde)}, avant=comptes(modele), apres=comptes(sauvegarde)
    )


def preparer(
    mode: str,
    dossier: Path,
    *,
    echelle_import: int = 1,
    actions: int = 150,
    seances: int = 20_000,
    personnes: int = 100_000,
) -> Preparation:
    dossier.mkdir(parents=True, exist_ok=True)
    if mode == "import":
        return _preparer_import(dossier, echelle_import)
    if mode == "enregistrements":
        return _preparer_enregistrements(dossier, actions)
    if mode == "migration":
        return _preparer_migration(dossier, seances)
    if mode == "restauration":
        return _preparer_restauration(dossier, personnes)
    raise ValueError(mode)


# --- One try: start, (kill), look -----------------------------------------------------------------------------


def _copie_fraiche(preparation: Preparation, dossier: Path) -> Path:
    essai = dossier / "essai"
    shutil.rmtree(essai, ignore_errors=True)
    essai.mkdir(parents=True)
    chemin = essai / "comite.db"
    shutil.copyfile(preparation.modele, chemin)
    return chemin


@dataclass
class Lancement:
    fini: bool  # the child printed « fini »: the kill (if any) came after the work
    ecriture: bool  # the child printed « ecriture »: its writing had begun
    tue: bool
    duree_s: float  # from « pret » to the kill or the end
    erreur: str = ""  # the child failed by itself (a defect, not a kill)


def lancer(preparation: Preparation, chemin: Path, delai_s: float | None) -> Lancement:
    """Run the child on `chemin`; kill it `delai_s` after its « pret » (None: let it finish)."""
    parametres = dict(preparation.parametres, base=str(chemin))
    # stderr to a file: with two pipes, communicate() would read the raw pipe and lose what readline() buffered.
    journal_enfant = chemin.with_name("enfant.stderr")
    with journal_enfant.open("w", encoding="utf-8") as flux_erreurs:
        processus = subprocess.Popen(
            [sys.executable, "-c", script_enfant(preparation.mode), json.dumps(parametres)],
            stdout=subprocess.PIPE,
            stderr=flux_erreurs,
            text=True,
            env=_environnement(),
            cwd=str(RACINE),
        )
    assert processus.stdout is not None
    ligne = processus.stdout.readline()
    debut = time.perf_counter()
    if ligne.strip() != "pret":
        sortie, _ = processus.communicate()
        erreurs = journal_enfant.read_text(encoding="utf-8")
        raise RuntimeError(f"l'enfant {preparation.mode} n'a pas démarré : {ligne}{sortie}{erreurs}")
    tue = False
    lignes = ""
    if delai_s is None:  # the work ends at « fini », before the interpreter's own shutdown
        for ligne in processus.stdout:
            lignes += ligne
            if ligne.strip() == "fini":
                break
        duree = time.perf_counter() - debut
    else:
        time.sleep(delai_s)
        duree = time.perf_counter() - debut
        if processus.poll() is None:
            os.kill(processus.pid, signal.SIGKILL)
            tue = True
    sortie, _ = processus.communicate()
    sortie = lignes + sortie
    erreurs = journal_enfant.read_text(encoding="utf-8")
    fini = "fini" in sortie.split()
    erreur = ""
    if processus.returncode != 0 and not (tue and processus.returncode == -signal.SIGKILL):
        erreur = erreurs.strip().splitlines()[-1] if erreurs.strip() else f"code {processus.returncode}"
    return Lancement(fini=fini, ecriture="ecriture" in sortie.split(), tue=tue, duree_s=duree, erreur=erreur)


def etalonner(preparation: Preparation, dossier: Path, fois: int = 1) -> None:
    """Measure the child's work on runs left to finish; for the import, its result is the « after » state."""
    durees = []
    for _ in range(fois):
        chemin = _copie_fraiche(preparation, dossier)
        lancement = lancer(preparation, chemin, None)
        if lancement.erreur or not lancement.fini:
            raise RuntimeError(f"l'enfant {preparation.mode} a échoué sans être tué : {lancement.erreur}")
        durees.append(lancement.duree_s)
        if preparation.mode == "import":
            preparation.apres = comptes(chemin)
        if preparation.mode == "restauration" and comptes(chemin) != preparation.apres:
            raise RuntimeError("la restauration laissée à son terme ne donne pas la sauvegarde")
        if preparation.mode == "migration":
            from app import db
            from app.migrations.revisions import TETE

            if db.examiner(chemin).revision != TETE:
                raise RuntimeError("la migration laissée à son terme ne donne pas une base à jour")
        if preparation.mode == "enregistrements":
            completes, incompletes = empreinte_enregistrements(chemin)
            if incompletes or len(completes) != preparation.parametres["actions"]:
                raise RuntimeError(f"enregistrements incomplets sans arrêt : {incompletes[:3]}")
    preparation.duree_s = sorted(durees)[len(durees) // 2]


@dataclass
class Constat:
    problemes: list[str] = field(default_factory=list)  # a broken base (integrity, refused opening)
    a_moitie: list[str] = field(default_factory=list)  # a half-applied import, action, migration or restore
    verrou_bloquant: bool = False
    etat: str = ""  # « avant », « apres », or for saves the number of complete actions
    partiels: int = 0  # *.partiel files left beside the base (litter, not damage)


def _ouvrir_comme_le_programme(chemin: Path, constat: Constat) -> bool:
    from app import db
    from app.erreurs import ErreurConnue

    try:
        base = db.ouvrir(chemin)
    except ErreurConnue as exc:
        constat.problemes.append(f"ouverture refusée : {exc}")
        return False
    try:
        from sqlalchemy import text

        with base.session_scope() as session:
            session.execute(text("SELECT count(*) FROM alembic_version")).scalar_one()
    finally:
        base.fermer()
    return True


def _verifier_sqlite(chemin: Path, constat: Constat) -> sqlite3.Connection | None:
    from app import db

    try:
        connexion = sqlite3.connect(chemin)
        constat.problemes += _problemes_sqlite(connexion)
    except sqlite3.DatabaseError as exc:
        constat.problemes.append(f"illisible : {exc}")
        return None
    rapport = db.verifier_integrite(chemin)
    constat.problemes += [f"verifier_integrite : {p}" for p in rapport.problemes]
    return connexion


def constater(preparation: Preparation, chemin: Path) -> Constat:
    from app import verrou
    from app.migrations.revisions import REVISIONS, TETE

    constat = Constat()
    try:
        tenu = verrou.prendre(chemin, essais=3)
    except verrou.BaseOccupee:
        constat.verrou_bloquant = True
        return constat
    try:
        mode = preparation.mode
        if mode != "migration" and not _ouvrir_comme_le_programme(chemin, constat):
            return constat
        connexion = _verifier_sqlite(chemin, constat)
        if connexion is None:
            return constat
        try:
            if mode == "migration":
                revision = _revision(connexion)
                contenu = _contenu_migration(connexion)
                etats = {REVISIONS[0]: "avant", TETE: "apres"}
                constat.etat = etats.get(str(revision), str(revision))
                if constat.etat not in ("avant", "apres") or contenu != preparation.avant:
                    constat.a_moitie.append(
                        f"migration : révision {revision}, contenu conservé : {contenu == preparation.avant}"
                    )
        finally:
            connexion.close()
        if mode == "import" or mode == "restauration":
            etat = comptes(chemin)
            constat.etat = "avant" if etat == preparation.avant else "apres" if etat == preparation.apres else "autre"
            if constat.etat == "autre":
                ecarts = {t: (preparation.avant.get(t), n, preparation.apres.get(t)) for t, n in etat.items()
                          if n not in (preparation.avant.get(t), preparation.apres.get(t))}  # fmt: skip
                constat.a_moitie.append(f"{mode} à moitié (avant, constaté, après) : {ecarts or etat}")
        elif mode == "enregistrements":
            completes, incompletes = empreinte_enregistrements(chemin)
            constat.etat = str(len(completes))
            constat.a_moitie += incompletes
        elif mode == "migration" and _ouvrir_comme_le_programme(chemin, constat):
            # The next opening finishes the work: head, same content, sound.
            connexion = _verifier_sqlite(chemin, constat)
            if connexion is not None:
                try:
                    if _revision(connexion) != TETE or _contenu_migration(connexion) != preparation.apres:
                        constat.a_moitie.append("migration : la réouverture ne donne pas la base à jour et entière")
                finally:
                    connexion.close()
    finally:
        tenu.rendre()
        constat.partiels = len(list(chemin.parent.glob("*.partiel")))
    return constat


# --- The kill loop and its figures ---------------------------------------------------------------------------


@dataclass
class Chiffres:
    mode: str
    duree_travail_s: float = 0.0  # the child's work as first measured
    reetalonnages_s: list[float] = field(default_factory=list)  # the later measurements, if any
    arrets: int = 0
    pendant_le_travail: int = 0  # the child was killed before it had finished
    pendant_l_ecriture: int | None = None  # of those, killed once rows were being written (import, saves)
    apres_la_fin: int = 0  # the delay outlasted the work: nothing was killed mid-way
    bases_en_defaut: int = 0  # integrity check failed or the base would not open
    a_moitie: int = 0  # half-applied import / action / restore, half-done migration
    verrous_bloquants: int = 0  # the dead child's lock kept the next opening out
    erreurs_enfant: int = 0  # the child failed on its own: a defect
    fichiers_partiels_laisses: int = 0  # tries after which a *.partiel copy was left beside the base
    etats: dict[str, int] = field(default_factory=dict)  # what the kills left: avant / apres / n actions
    exemples: list[str] = field(default_factory=list)  # the first problems, to find the cause

    def en_dict(self) -> dict[str, Any]:
        return asdict(self)


def arreter_au_hasard(
    preparation: Preparation,
    dossier: Path,
    arrets: int,
    hasard: random.Random,
    suivi: Callable[[str], None] | None = None,
    *,
    reetalonner_tous: int = 0,
) -> Chiffres:
    """Kill the child `arrets` times at random moments of its measured work; count what each kill left.

    With `reetalonner_tous` = N, the work is measured again every N kills (median of the last three runs left to
    finish), so that a machine whose load changes during a long run still gets its kills inside the work.
    """
    chiffres = Chiffres(preparation.mode, duree_travail_s=round(preparation.duree_s, 3))
    mesures = [preparation.duree_s]
    for numero in range(arrets):
        if reetalonner_tous and numero and numero % reetalonner_tous == 0:
            etalonner(preparation, dossier)
            chiffres.reetalonnages_s.append(round(preparation.duree_s, 3))
            mesures = [*mesures[-2:], preparation.duree_s]
            preparation.duree_s = sorted(mesures)[len(mesures) // 2]
        chemin = _copie_fraiche(preparation, dossier)
        delai = hasard.uniform(0.0, preparation.duree_s)
        lancement = lancer(preparation, chemin, delai)
        chiffres.arrets += 1
        if lancement.erreur:
            chiffres.erreurs_enfant += 1
            chiffres.exemples.append(f"enfant en erreur : {lancement.erreur}")
        if lancement.tue and not lancement.fini:
            chiffres.pendant_le_travail += 1
            if preparation.mode in ("import", "enregistrements"):
                chiffres.pendant_l_ecriture = (chiffres.pendant_l_ecriture or 0) + lancement.ecriture
        else:
            chiffres.apres_la_fin += 1
        constat = constater(preparation, chemin)
        chiffres.bases_en_defaut += bool(constat.problemes)
        chiffres.a_moitie += bool(constat.a_moitie)
        chiffres.verrous_bloquants += constat.verrou_bloquant
        chiffres.fichiers_partiels_laisses += bool(constat.partiels)
        etat = constat.etat if preparation.mode != "enregistrements" else _tranche(constat.etat, preparation)
        chiffres.etats[etat] = chiffres.etats.get(etat, 0) + 1
        for probleme in constat.problemes + constat.a_moitie:
            if len(chiffres.exemples) < 10:
                chiffres.exemples.append(f"arrêt {numero} à {delai:.3f} s : {probleme}")
        if suivi is not None:
            suivi(f"{preparation.mode} {numero + 1}/{arrets} : {delai:.3f} s, {'tué' if lancement.tue else 'fini'}, "
                  f"état {constat.etat or '?'}")  # fmt: skip
    return chiffres


def _tranche(etat: str, preparation: Preparation) -> str:
    """Saves: how far the child had got, in quarters (« 0 », « 1-25 % »…, « toutes »)."""
    if not etat.isdigit():
        return etat or "?"
    n, total = int(etat), int(preparation.parametres["actions"])
    if n == 0:
        return "aucune"
    if n >= total:
        return "toutes"
    quart = min(3, 4 * n // total)
    return f"{25 * quart + 1}-{25 * (quart + 1)} %"
