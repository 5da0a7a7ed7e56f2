"""The guard against a second program on the same base: one holder, who is named; stale locks taken over."""

from __future__ import annotations

import datetime as dt
import gc
import json
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import verrou
from app.db import utilisateur_systeme
from app.erreurs import ErreurConnue
from app.verrou import BaseOccupee, Detenteur, chemin_verrou, prendre


def _pid_mort() -> int:
    """The pid of a process that has ended and been reaped."""
    processus = subprocess.Popen([sys.executable, "-c", "pass"])
    processus.wait()
    assert not verrou.processus_vivant(processus.pid)
    return processus.pid


def _ecrire_verrou(chemin_base: Path, **champs: object) -> Path:
    fichier = chemin_verrou(chemin_base)
    donnees = {
        "utilisateur": "marie.dupont",
        "machine": verrou.nom_machine(),
        "pid": 1,
        "depuis": "2026-11-23T09:12:00",
    }
    donnees.update(champs)
    fichier.write_text(json.dumps(donnees), encoding="utf-8")
    return fichier


def _lire_json(fichier: Path) -> dict[str, object]:
    donnees = json.loads(fichier.read_text(encoding="utf-8"))
    assert isinstance(donnees, dict)
    return donnees


def test_le_fichier_est_a_cote_de_la_base_et_dit_qui_le_tient(tmp_path):
    base = tmp_path / "comite.db"
    with prendre(base) as tenu:
        assert tenu.fichier == tmp_path / "comite.db.verrou"
        donnees = _lire_json(tenu.fichier)
        assert set(donnees) == {"utilisateur", "machine", "pid", "depuis"}
        assert donnees["pid"] == os.getpid()
        assert donnees["utilisateur"] == utilisateur_systeme()
        assert donnees["machine"] == verrou.nom_machine()
        depuis = dt.datetime.fromisoformat(str(donnees["depuis"]))
        assert abs((dt.datetime.now().astimezone() - depuis).total_seconds()) < 60
    assert not (tmp_path / "comite.db.verrou").exists()


def test_deux_prises_la_seconde_est_refusee_avec_le_nom_du_detenteur(tmp_path):
    base = tmp_path / "comite.db"
    premier = prendre(base)
    with pytest.raises(BaseOccupee) as refus:
        prendre(base)
    assert isinstance(refus.value, ErreurConnue)
    assert refus.value.detenteur == premier.detenteur
    assert f"par {utilisateur_systeme()} sur {verrou.nom_machine()} depuis le " in refus.value.message
    assert chemin_verrou(base).exists()  # the refusal did not disturb the holder's lock
    premier.rendre()
    prendre(base).rendre()  # free again once released


def test_le_message_nomme_le_detenteur_et_l_heure_en_francais(tmp_path):
    base = tmp_path / "comite.db"
    _ecrire_verrou(base, machine="PC-SECRETARIAT", pid=4242, depuis="2026-11-23T09:12:00")
    with pytest.raises(BaseOccupee) as refus:
        prendre(base)
    assert str(refus.value) == (
        "La base est déjà ouverte par marie.dupont sur PC-SECRETARIAT depuis le 23 novembre 2026 à 09 h 12."
    )
    premier_du_mois = Detenteur("paul", "PC", 1, dt.datetime(2026, 4, 1, 14, 5))
    assert premier_du_mois.description() == "paul sur PC depuis le 1er avril 2026 à 14 h 05"


def test_un_verrou_laisse_par_un_processus_mort_est_repris(tmp_path):
    base = tmp_path / "comite.db"
    fichier = _ecrire_verrou(base, pid=_pid_mort())
    with prendre(base):
        assert _lire_json(fichier)["pid"] == os.getpid()
    assert not fichier.exists()


def test_un_processus_vivant_ou_une_autre_machine_gardent_leur_verrou(tmp_path):
    base = tmp_path / "comite.db"
    fichier = _ecrire_verrou(base, pid=os.getppid())  # alive on this machine
    with pytest.raises(BaseOccupee):
        prendre(base)
    _ecrire_verrou(base, pid=_pid_mort(), machine="AUTRE-POSTE")  # cannot be checked from here: it holds
    with pytest.raises(BaseOccupee, match="sur AUTRE-POSTE"):
        prendre(base)
    assert _lire_json(fichier)["machine"] == "AUTRE-POSTE"


def test_un_verrou_illisible_compte_s_il_est_recent_et_pas_s_il_est_ancien(tmp_path):
    base = tmp_path / "comite.db"
    fichier = chemin_verrou(base)
    fichier.write_bytes(b"")  # a winner between its creation and its write
    with pytest.raises(BaseOccupee, match="déjà ouverte par un autre programme"):
        prendre(base)
    ancien = time.time() - verrou.DELAI_ECRITURE_S - 5
    os.utime(fichier, (ancien, ancien))  # a crash between creation and write, long ago
    with prendre(base):
        assert _lire_json(fichier)["pid"] == os.getpid()


def test_rendre_supprime_le_fichier_une_seule_fois_et_jamais_celui_d_un_autre(tmp_path):
    base = tmp_path / "comite.db"
    tenu = prendre(base)
    tenu.rendre()
    assert not chemin_verrou(base).exists()
    tenu.rendre()  # twice is harmless
    _ecrire_verrou(base, pid=os.getppid(), utilisateur="autre.personne")  # someone else took the base since
    tenu.tenu = True  # as if the first holder released late
    tenu.rendre()
    assert _lire_json(chemin_verrou(base))["utilisateur"] == "autre.personne"


def test_le_verrou_est_rendu_meme_si_le_bloc_echoue(tmp_path):
    base = tmp_path / "comite.db"
    with pytest.raises(RuntimeError), prendre(base):
        raise RuntimeError("panne")
    assert not chemin_verrou(base).exists()


# --- Concurrent attempts: exactly one winner, and the file stays a valid lock ---------------------------


def _course_entre_fils(base: Path, nombre: int) -> list[verrou.Verrou]:
    depart = threading.Barrier(nombre)
    gagnants: list[verrou.Verrou] = []
    refus: list[BaseOccupee] = []

    def tenter() -> None:
        depart.wait()
        try:
            gagnants.append(prendre(base))
        except BaseOccupee as exc:
            refus.append(exc)

    fils = [threading.Thread(target=tenter) for _ in range(nombre)]
    gc.disable()  # a collection in a thread could destroy a widget left by an earlier test: Qt would crash
    try:
        for fil in fils:
            fil.start()
        for fil in fils:
            fil.join()
    finally:
        gc.enable()
    assert len(gagnants) + len(refus) == nombre
    return gagnants


@given(
    nombre=st.integers(min_value=2, max_value=8),
    depart=st.sampled_from(["libre", "perime", "inacheve"]),
)
def test_propriete_un_seul_gagnant_et_un_fichier_json_valide(tmp_path_factory, nombre, depart):
    base = tmp_path_factory.mktemp("course") / "comite.db"
    if depart == "perime":
        _ecrire_verrou(base, pid=2**22 + 12345)  # above any pid this system hands out: dead
    elif depart == "inacheve":
        chemin_verrou(base).write_bytes(b'{"utilisateur": "ma')
        ancien = time.time() - verrou.DELAI_ECRITURE_S - 5
        os.utime(chemin_verrou(base), (ancien, ancien))
    gagnants = _course_entre_fils(base, nombre)
    assert len(gagnants) == 1
    (gagnant,) = gagnants
    assert Detenteur.depuis_json(chemin_verrou(base).read_text(encoding="utf-8")) == gagnant.detenteur
    assert [p.name for p in base.parent.iterdir()] == ["comite.db.verrou"]  # no takeover marker left behind
    gagnant.rendre()
    assert not chemin_verrou(base).exists()


def _tentative_dans_un_processus(chemin_base: str, depart: object, fin: object, resultats: object) -> None:
    depart.wait()  # type: ignore[attr-defined]
    try:
        tenu = prendre(Path(chemin_base))
    except BaseOccupee:
        resultats.put(("refus", os.getpid()))  # type: ignore[attr-defined]
        fin.wait()  # type: ignore[attr-defined]
        return
    resultats.put(("gagne", os.getpid()))  # type: ignore[attr-defined]
    fin.wait()  # type: ignore[attr-defined]  # hold the lock until everybody has tried
    tenu.rendre()


@pytest.mark.parametrize("depart", ["libre", "perime"])
def test_plusieurs_programmes_en_meme_temps_un_seul_gagne(tmp_path, depart):
    base = tmp_path / "comite.db"
    if depart == "perime":
        _ecrire_verrou(base, pid=_pid_mort())
    contexte = multiprocessing.get_context("spawn")  # fork would copy this process's threads
    nombre = 4
    barriere_depart, resultats = contexte.Barrier(nombre), contexte.Queue()
    barriere_fin = contexte.Barrier(nombre + 1)  # this test too: the winner holds until it has looked
    processus = [
        contexte.Process(
            target=_tentative_dans_un_processus, args=(str(base), barriere_depart, barriere_fin, resultats)
        )
        for _ in range(nombre)
    ]
    for p in processus:
        p.start()
    issues = [resultats.get(timeout=60) for _ in range(nombre)]
    gagnants = [pid for issue, pid in issues if issue == "gagne"]
    assert len(gagnants) == 1
    assert _lire_json(chemin_verrou(base))["pid"] == gagnants[0]
    barriere_fin.wait(timeout=60)
    for p in processus:
        p.join(timeout=60)
        assert p.exitcode == 0
    resultats.close()
    resultats.join_thread()
    assert not chemin_verrou(base).exists()


# --- In the window (app.ui.application): the lock taken at opening, read-only offered when held ------------


@pytest.fixture
def application(qtbot):
    from app.ui import application

    yield application
    application.rendre_le_verrou()


def test_la_fenetre_prend_le_verrou_et_le_rend_en_changeant_de_base(application, chemin_base, tmp_path):
    base = application.ouvrir_base(chemin_base)
    assert base is not None and not base.lecture_seule
    assert _lire_json(chemin_verrou(chemin_base))["pid"] == os.getpid()
    assert application.ouvrir_base(chemin_base) is not None  # the same base again: this process holds it
    autre = application.ouvrir_base(tmp_path / "autre.db")
    assert autre is not None
    assert not chemin_verrou(chemin_base).exists()  # the window closes the previous base: its lock goes
    assert chemin_verrou(tmp_path / "autre.db").exists()
    application.rendre_le_verrou()
    assert not chemin_verrou(tmp_path / "autre.db").exists()
    base.fermer()
    autre.fermer()


def test_une_base_tenue_ailleurs_s_ouvre_en_lecture_seule_ou_pas_du_tout(application, qtbot, chemin_base, monkeypatch):
    from app.ui.fenetre_principale import FenetrePrincipale

    fichier = _ecrire_verrou(chemin_base, machine="PC-SECRETARIAT", pid=os.getppid())
    questions: list[str] = []
    reponse = {"lecture_seule": False}

    def demander(message: str, _parent: object) -> bool:
        questions.append(message)
        return reponse["lecture_seule"]

    monkeypatch.setattr(application, "demander_lecture_seule", demander)
    assert application.ouvrir_base(chemin_base) is None  # « Annuler »
    assert questions == [
        "La base est déjà ouverte par marie.dupont sur PC-SECRETARIAT depuis le 23 novembre 2026 à 09 h 12."
    ]
    reponse["lecture_seule"] = True
    base = application.ouvrir_base(chemin_base)  # « Ouvrir en lecture seule »
    assert base is not None and base.lecture_seule
    assert _lire_json(fichier)["machine"] == "PC-SECRETARIAT"  # the holder keeps its lock
    fenetre = FenetrePrincipale(base)
    qtbot.addWidget(fenetre)
    fenetre.memoriser_en_quittant = False
    assert "(lecture seule)" in fenetre.windowTitle()
    fenetre.close()
    base.fermer()


def test_une_base_qui_ne_s_ouvre_pas_ne_garde_pas_de_verrou(application, tmp_path, monkeypatch):
    avertissements: list[str] = []
    monkeypatch.setattr(application.QMessageBox, "warning", lambda _p, _t, message: avertissements.append(message))
    pas_une_base = tmp_path / "notes.db"
    pas_une_base.write_text("ceci n'est pas une base de données, mais un texte assez long pour être lu", "utf-8")
    assert application.ouvrir_base(pas_une_base) is None
    assert avertissements and "pas une base" in avertissements[0]
    assert not chemin_verrou(pas_une_base).exists()
