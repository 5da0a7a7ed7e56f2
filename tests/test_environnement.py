"""Environment failures (issue 7, item 5): full disk, read-only places, a busy base, odd paths — and no damage.

The machine that runs the tests works as root, which ignores file permissions, and its disk is not full: the
failures are simulated where the program meets them. SQLite reports a full disk when `PRAGMA max_page_count`
forbids the base to grow, a read-only file under `PRAGMA query_only`; file writes fail through a monkeypatched
`open`/`fsync`/`mkdir` raising the `OSError` (ENOSPC, EACCES, EROFS) the system would raise. After each failure
the test shows that nothing was damaged: the base's rows are unchanged, the old file is intact, no half file left.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from app import db, fichiers
from app.cli import main
from app.erreurs import ErreurConnue
from app.modeles import NoteEvaluation, Seance
from app.modeles.enumerations import RubriqueNote, SousDomaine, StatutSeance
from app.services import evaluation
from app.services.evaluation import FicheNote
from tests.services.corpus_import import classeur_reference, ecrire_classeur

NOTE_LONGUE = "Les employeurs privés viennent peu aux plénières. " * 300  # spills onto new pages of the base


def _contenu(chemin: Path) -> list[str]:
    """Every row of the base, as SQL (the WAL replayed): equal lists mean nothing changed."""
    connexion = sqlite3.connect(chemin)
    try:
        return list(connexion.iterdump())
    finally:
        connexion.close()


def _note(texte: str = NOTE_LONGUE) -> FicheNote:
    return FicheNote(0, dt.date(2026, 11, 22), SousDomaine.MOBILISATION, RubriqueNote.DIFFICULTES, texte)


def _au_branchement(base: db.BaseDeDonnees, *pragmas: str) -> None:
    """Run `pragmas` on every new connection of `base` (those already pooled are dropped first)."""
    base.moteur.dispose()

    def brancher(connexion_dbapi: Any, _enregistrement: Any) -> None:
        for pragma in pragmas:
            connexion_dbapi.execute(pragma)

    event.listen(base.moteur, "connect", brancher)


def _pages(base: db.BaseDeDonnees) -> int:
    with base.session_scope() as session:
        return int(session.connection().exec_driver_sql("PRAGMA page_count").scalar_one())


def _sans_partiel(dossier: Path) -> list[str]:
    return [p.name for p in dossier.iterdir() if "partiel" in p.name]


# --- Disk full during a save: SQLite's « database or disk is full » becomes a French message ----------------


def test_disque_plein_pendant_un_enregistrement(base: db.BaseDeDonnees) -> None:
    avant = _contenu(base.chemin)
    _au_branchement(base, f"PRAGMA max_page_count = {_pages(base)}")  # the base may not grow: a full disk
    with pytest.raises(db.EcritureImpossible) as refus, base.session_scope() as session:
        evaluation.creer_note(session, _note())
    assert refus.value.message == (
        "Le disque est plein : rien n'a été enregistré. Libérez de la place, puis recommencez."
    )
    assert isinstance(refus.value, ErreurConnue)
    base.fermer()
    assert _contenu(base.chemin) == avant
    assert db.verifier_integrite(base.chemin).saine
    # Room again: the same action goes through, whole.
    rouverte = db.ouvrir(base.chemin)
    try:
        with rouverte.session_scope() as session:
            evaluation.creer_note(session, _note())
        with rouverte.session_scope() as session:
            assert session.scalars(select(NoteEvaluation.texte)).all() == [NOTE_LONGUE.strip()]
    finally:
        rouverte.fermer()


def test_base_en_lecture_seule_au_moment_d_ecrire(base: db.BaseDeDonnees, chemin_base: Path) -> None:
    avant = _contenu(chemin_base)
    _au_branchement(base, "PRAGMA query_only = ON")  # what SQLite says of a file it may not write
    with (
        pytest.raises(db.EcritureImpossible, match=r"est en lecture seule \(le fichier ou son dossier") as refus,
        base.session_scope() as session,
    ):
        evaluation.creer_note(session, _note("Courte."))
    assert f"« {chemin_base} »" in refus.value.message
    lecture = db.ouvrir(chemin_base, lecture_seule=True)
    try:
        with (
            pytest.raises(db.EcritureImpossible, match=r"^La base est en lecture seule"),
            lecture.session_scope() as session,
        ):
            evaluation.creer_note(session, _note("Courte."))
    finally:
        lecture.fermer()
    base.fermer()
    assert _contenu(chemin_base) == avant


def test_base_occupee_au_dela_du_delai(chemin_base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "DELAI_VERROU_MS", 50)  # instead of ten seconds
    base = db.ouvrir(chemin_base)
    autre = sqlite3.connect(chemin_base, isolation_level=None)
    try:
        autre.execute("BEGIN IMMEDIATE")  # another program writing, and taking its time
        with (
            pytest.raises(db.EcritureImpossible, match=r"occupée par un autre programme.*rien n'a été enregistré"),
            base.session_scope() as session,
        ):
            evaluation.creer_note(session, _note("Courte."))
        autre.rollback()
        with base.session_scope() as session:  # once it is done, the action goes through
            evaluation.creer_note(session, _note("Courte."))
        with base.session_scope() as session:
            assert session.scalars(select(NoteEvaluation.texte)).all() == ["Courte."]
    finally:
        autre.close()
        base.fermer()


def test_erreur_d_entree_sortie_du_disque(base: db.BaseDeDonnees) -> None:
    avant = _contenu(base.chemin)

    def panne(_connexion: Any, _curseur: Any, instruction: str, *_args: Any) -> None:
        if instruction.lstrip().upper().startswith("INSERT"):
            raise sqlite3.OperationalError("disk I/O error")

    event.listen(base.moteur, "before_cursor_execute", panne)
    with (
        pytest.raises(db.EcritureImpossible, match="Le disque n'a pas pu lire ou écrire la base"),
        base.session_scope() as session,
    ):
        evaluation.creer_note(session, _note("Courte."))
    event.remove(base.moteur, "before_cursor_execute", panne)
    base.fermer()
    assert _contenu(base.chemin) == avant


def test_les_autres_erreurs_sqlite_ne_sont_pas_traduites(base: db.BaseDeDonnees) -> None:
    """Only known conditions get a French message: a broken statement is a bug and stays one."""
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError, OperationalError

    with pytest.raises(OperationalError, match="no such table"), base.session_scope() as session:
        session.execute(text("INSERT INTO table_absente VALUES (1)"))
    with pytest.raises(IntegrityError), base.session_scope() as session:
        session.execute(text("INSERT INTO college (id, nom, categorie, ordre) VALUES (1, 'A', 'autre', 0)"))
        session.execute(text("INSERT INTO college (id, nom, categorie, ordre) VALUES (1, 'B', 'autre', 0)"))


# --- Disk full during an export: the previous file untouched, no half file left ------------------------------


class _FluxQuiSeRemplit(io.BufferedWriter):
    """A file that takes the first half of what it is given, then reports a full disk."""

    def write(self, donnees: Any) -> int:
        moitie = bytes(donnees)[: len(donnees) // 2]
        super().write(moitie)
        super().flush()
        raise OSError(errno.ENOSPC, "No space left on device")


def _disque_plein_a_l_ecriture(monkeypatch: pytest.MonkeyPatch) -> None:
    def ouvrir(chemin: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        assert mode == "wb"
        return _FluxQuiSeRemplit(io.FileIO(chemin, "wb"))

    monkeypatch.setattr(fichiers, "open", ouvrir, raising=False)


def test_disque_plein_pendant_un_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ancien = tmp_path / "rapport été.pdf"
    ancien.write_bytes(b"%PDF ancien rapport")
    _disque_plein_a_l_ecriture(monkeypatch)
    with pytest.raises(ErreurConnue) as refus:
        fichiers.ecrire_atomiquement(ancien, b"%PDF nouveau rapport " * 1000)
    assert refus.value.message == f"Impossible d'enregistrer « {ancien} » : le disque est plein."
    assert ancien.read_bytes() == b"%PDF ancien rapport"
    assert _sans_partiel(tmp_path) == []
    nouveau = tmp_path / "neuf.pdf"
    with pytest.raises(ErreurConnue, match="le disque est plein"):
        fichiers.ecrire_atomiquement(nouveau, b"contenu")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport été.pdf"]


def test_disque_plein_au_moment_de_synchroniser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Some file systems report the full disk only at fsync, once everything was « written »."""
    ancien = tmp_path / "ansa.xlsx"
    ancien.write_bytes(b"ancien classeur")

    def plein(_descripteur: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fichiers.os, "fsync", plein)
    with pytest.raises(ErreurConnue, match="le disque est plein"):
        fichiers.ecrire_atomiquement(ancien, b"nouveau classeur")
    assert ancien.read_bytes() == b"ancien classeur" and _sans_partiel(tmp_path) == []


def _reference_pv(chemin: Path) -> str:
    base = db.ouvrir(chemin, lecture_seule=True)
    try:
        with base.session_scope() as session:
            return str(
                session.scalars(
                    select(Seance.reference).where(Seance.statut == StatutSeance.CLOTUREE).order_by(Seance.date)
                ).first()
            )
    finally:
        base.fermer()


@pytest.mark.parametrize("commande", ["exporter ansa", "pv"])
def test_disque_plein_pendant_un_export_en_ligne_de_commande(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], commande: str
) -> None:
    sortie = tmp_path / ("ansa.xlsx" if commande == "exporter ansa" else "pv.pdf")
    sortie.write_bytes(b"ancienne version")
    arguments = ["exporter", "ansa"] if commande == "exporter ansa" else ["pv", _reference_pv(demo)]
    avant = _contenu(demo)
    _disque_plein_a_l_ecriture(monkeypatch)
    assert main(["--base", str(demo), *arguments, "-o", str(sortie)]) == 1
    erreur = capsys.readouterr().err
    assert erreur == f"Impossible d'enregistrer « {sortie} » : le disque est plein.\n"
    assert sortie.read_bytes() == b"ancienne version"
    assert _sans_partiel(tmp_path) == []
    assert _contenu(demo) == avant


# --- Read-only folders --------------------------------------------------------------------------------------------


def _mkdir_refuse(numero: int) -> Any:
    def mkdir(self: Path, *args: Any, **kwargs: Any) -> None:
        raise (PermissionError if numero in (errno.EACCES, errno.EPERM) else OSError)(
            numero, os.strerror(numero), str(self)
        )

    return mkdir


def test_une_base_dans_un_dossier_protege_est_refusee_en_francais(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # chmod would not stop root: the refusal of the folder is simulated where db.ouvrir meets it.
    chemin = tmp_path / "protégé" / "comite.db"
    monkeypatch.setattr(Path, "mkdir", _mkdir_refuse(errno.EACCES))
    with pytest.raises(db.ErreurBase) as refus:
        db.ouvrir(chemin)
    assert refus.value.message == f"Le dossier de « {chemin} » n'est pas accessible en écriture."
    assert not chemin.parent.exists()


def test_une_base_sur_un_support_en_lecture_seule_est_refusee_en_francais(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chemin = tmp_path / "cle-usb" / "comite.db"
    monkeypatch.setattr(Path, "mkdir", _mkdir_refuse(errno.EROFS))
    with pytest.raises(ErreurConnue, match="lecture seule"):
        db.ouvrir(chemin)


def test_une_base_que_sqlite_ne_peut_pas_creer_est_refusee_en_francais(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chemin = tmp_path / "comite.db"

    def impossible(_chemin: Path) -> None:
        raise sqlite3.OperationalError("unable to open database file")  # what SQLite says in a read-only folder

    monkeypatch.setattr(db, "_appliquer_migrations", impossible)
    with pytest.raises(ErreurConnue) as refus:
        db.ouvrir(chemin)
    assert "unable" not in refus.value.message and str(chemin) in refus.value.message


@pytest.mark.parametrize(
    ("numero", "raison"),
    [(errno.EACCES, "accès refusé"), (errno.EROFS, "le support est en lecture seule")],
)
def test_un_export_dans_un_dossier_protege(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, numero: int, raison: str
) -> None:
    dossier = tmp_path / "partage"
    dossier.mkdir()
    ancien = dossier / "ansa.xlsx"
    ancien.write_bytes(b"ancien")

    def refuse(chemin: Any, *_args: Any, **_kwargs: Any) -> Any:
        exception = PermissionError if numero == errno.EACCES else OSError
        raise exception(numero, os.strerror(numero), str(chemin))

    monkeypatch.setattr(fichiers, "open", refuse, raising=False)
    with pytest.raises(ErreurConnue) as refus:
        fichiers.ecrire_atomiquement(ancien, b"nouveau")
    assert refus.value.message.startswith(f"Impossible d'enregistrer « {ancien} » : {raison}")
    assert ancien.read_bytes() == b"ancien" and sorted(p.name for p in dossier.iterdir()) == ["ansa.xlsx"]


# --- A base on a path with spaces and accents ----------------------------------------------------------------------


@pytest.fixture
def dossier_accentue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-11-22")
    dossier = tmp_path / "Comité local — Drôme"
    dossier.mkdir()
    yield dossier


def test_une_base_au_chemin_accentue_se_cree_s_exporte_et_se_verifie(
    dossier_accentue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chemin = dossier_accentue / "base été 2026.db"
    assert main(["--base", str(chemin), "demo"]) == 0
    reference = _reference_pv(chemin)
    ansa, pv = dossier_accentue / "évaluation ANSA.xlsx", dossier_accentue / f"procès-verbal {reference}.pdf"
    assert main(["--base", str(chemin), "exporter", "ansa", "-o", str(ansa)]) == 0
    assert main(["--base", str(chemin), "pv", reference, "-o", str(pv)]) == 0
    assert ansa.read_bytes()[:2] == b"PK" and pv.read_bytes()[:5] == b"%PDF-"
    capsys.readouterr()
    assert main(["--base", str(chemin), "verifier"]) == 0
    assert "Traceback" not in capsys.readouterr().err
    base = db.ouvrir(chemin)  # reopened as the window would
    try:
        with base.session_scope() as session:
            assert session.scalars(select(Seance.reference).where(Seance.reference == reference)).one() == reference
    finally:
        base.fermer()
    assert db.verifier_integrite(chemin).saine


def test_un_import_dans_une_base_au_chemin_accentue(dossier_accentue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chemin = dossier_accentue / "import d'été.db"
    classeur = ecrire_classeur(classeur_reference(), dossier_accentue / "membres du comité.xlsx")
    assert main(["--base", str(chemin), "importer", str(classeur)]) == 0
    capsys.readouterr()
    assert main(["--base", str(chemin), "importer", str(classeur)]) == 0  # the same again: nothing changes
    assert db.verifier_integrite(chemin).saine


def test_le_chemin_accentue_en_argument_d_un_processus(dossier_accentue: Path, chemin_base: Path) -> None:
    chemin = dossier_accentue / "base été 2026.db"
    chemin.write_bytes(chemin_base.read_bytes())
    sortie = subprocess.run(
        [sys.executable, "-m", "app", "--base", str(chemin), "verifier"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        cwd=Path(__file__).resolve().parents[1],
        check=False,
    )
    assert sortie.returncode == 0, sortie.stderr
    assert "Traceback" not in sortie.stderr


# --- A base held by another program: write sub-commands refused, the holder named, reads still possible ------


@contextmanager
def autre_programme_tenant(chemin: Path) -> Iterator[subprocess.Popen[str]]:
    """A second program on this machine holding the base's lock (as a window would) until the block ends."""
    script = (
        "import sys; from pathlib import Path; from app import verrou; "
        "tenu = verrou.prendre(Path(sys.argv[1])); print('tenu', flush=True); sys.stdin.read()"
    )
    processus = subprocess.Popen(
        [sys.executable, "-c", script, str(chemin)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        assert processus.stdout is not None and processus.stdout.readline().strip() == "tenu"
        yield processus
    finally:
        if processus.poll() is None:
            processus.kill()
        processus.communicate()


def test_les_sous_commandes_qui_ecrivent_sont_refusees_tant_qu_un_autre_tient_la_base(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.verrou import nom_machine

    classeur = ecrire_classeur(classeur_reference(), tmp_path / "membres.xlsx")
    avant = _contenu(demo)
    with autre_programme_tenant(demo):
        capsys.readouterr()
        for arguments in (["demo"], ["importer", str(classeur)], ["verifier", "--purger"]):
            assert main(["--base", str(demo), *arguments]) == 1, arguments
            erreur = capsys.readouterr().err
            assert erreur.startswith(f"La base est déjà ouverte par {db.utilisateur_systeme()} sur {nom_machine()}")
            assert len(erreur.strip().splitlines()) == 1, erreur
        assert main(["--base", str(demo), "indicateurs", "--json"]) == 0  # reading needs no lock
        assert main(["--base", str(demo), "importer", str(classeur), "--simulation"]) == 0
    assert _contenu(demo) == avant
