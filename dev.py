#!/usr/bin/env python3
"""Point d'entrée unique des développeurs : `python3 dev.py tests` ou `python3 dev.py demo`.

Bibliothèque standard seulement (Python 3.11+, Linux, macOS, Windows).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

RACINE = Path(__file__).resolve().parent
VENV = RACINE / ".venv"
WINDOWS = os.name == "nt"
SCRIPTS = VENV / ("Scripts" if WINDOWS else "bin")
PYTHON = SCRIPTS / ("python.exe" if WINDOWS else "python")
VERROU = RACINE / "requirements.lock"
TAMPON = VENV / "comite-local-verrou.sha256"
BASE_DEMO = RACINE / "demo" / "comite-demo.db"

# Bibliothèques système que Qt charge (paquet Debian -> motif cherché dans `ldconfig -p` ou fichier).
LIBS_QT = {
    "libegl1": "libEGL.so.1",
    "libgl1": "libGL.so.1",
    "libxkbcommon0": "libxkbcommon.so.0",
    "libfontconfig1": "libfontconfig.so.1",
    "libdbus-1-3": "libdbus-1.so.3",
    "libglib2.0-0": "libglib-2.0.so.0",
    "fonts-dejavu-core": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
}
# En plus pour une vraie fenêtre sous X11 (plateforme xcb).
LIBS_XCB = {
    "libxcb-cursor0": "libxcb-cursor.so.0",
    "libxcb-icccm4": "libxcb-icccm.so.4",
    "libxcb-image0": "libxcb-image.so.0",
    "libxcb-keysyms1": "libxcb-keysyms.so.1",
    "libxcb-render-util0": "libxcb-render-util.so.0",
    "libxcb-shape0": "libxcb-shape.so.0",
    "libxcb-xkb1": "libxcb-xkb.so.1",
    "libxkbcommon-x11-0": "libxkbcommon-x11.so.0",
}

USAGE = """\
Usage : python3 dev.py COMMANDE [ARGUMENTS…]

Commandes :
  demo               prépare l'environnement puis lance l'application sur une base
                     de démonstration (demo/comite-demo.db, créée au premier lancement)
  tests [ARGS…]      prépare l'environnement puis lance ruff, mypy et pytest -n 2 ;
                     les ARGS sont transmis à pytest (ex. : -m slow, -k seance)
  classeur-ansa      prépare l'environnement, exporte le classeur ANSA d'une base de
                     démonstration et le fait relire par LibreOffice (une feuille = un CSV)

Préparer l'environnement, c'est : installer les bibliothèques système dont Qt a besoin
(Debian, en root), créer .venv et y installer requirements.lock quand il a changé.
"""


def dire(message: str) -> None:
    print(f"» {message}", flush=True)


def lancer(commande: list[str | Path], env: dict[str, str] | None = None) -> int:
    return subprocess.run([str(c) for c in commande], cwd=RACINE, env=env).returncode


def arreter(message: str, code: int = 1) -> NoReturn:
    print(f"Erreur : {message}", file=sys.stderr)
    raise SystemExit(code)


# --- bibliothèques système (Linux) ---------------------------------------------------------------


def paquets_manquants(voulus: dict[str, str]) -> list[str]:
    ldconfig = shutil.which("ldconfig") or next(
        (p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if Path(p).exists()), None
    )
    connues = ""
    if ldconfig:
        connues = subprocess.run([ldconfig, "-p"], capture_output=True, text=True).stdout
    manquants = []
    for paquet, cible in voulus.items():
        present = Path(cible).exists() if cible.startswith("/") else f"{cible} " in connues
        if not present:
            manquants.append(paquet)
    return manquants


def preparer_systeme(avec_xcb: bool) -> None:
    if not sys.platform.startswith("linux"):
        return
    voulus = LIBS_QT | (LIBS_XCB if avec_xcb else {})
    manquants = paquets_manquants(voulus)
    if not manquants:
        return
    paquets = " ".join(manquants)
    if not shutil.which("apt-get"):
        dire(f"Bibliothèques système peut-être absentes pour Qt (noms Debian) : {paquets}.")
        return
    if os.geteuid() != 0:
        arreter(
            "Qt a besoin de bibliothèques système absentes. Lancez :\n"
            f"  sudo apt-get update && sudo apt-get install -y --no-install-recommends {paquets}\n"
            "puis relancez cette commande."
        )
    dire(f"Installation des bibliothèques système pour Qt : {paquets}…")
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    for commande in (
        ["apt-get", "update", "-q"],
        ["apt-get", "install", "-q", "-y", "--no-install-recommends", *manquants],
    ):
        code = subprocess.run(commande, env=env, stdin=subprocess.DEVNULL).returncode
        if code:
            arreter(f"« {' '.join(commande)} » a échoué (code {code}).", code)


# --- environnement virtuel -----------------------------------------------------------------------


def empreinte() -> str:
    h = hashlib.sha256()
    for fichier in (VERROU, RACINE / "pyproject.toml"):
        h.update(fichier.read_bytes())
    return h.hexdigest()


def preparer_venv() -> None:
    if not PYTHON.exists():
        dire("Création de l'environnement virtuel .venv…")
        if lancer([sys.executable, "-m", "venv", VENV]) != 0:
            shutil.rmtree(VENV, ignore_errors=True)
            arreter("impossible de créer .venv (sous Debian : apt-get install python3-venv).")
    attendu = empreinte()
    if TAMPON.exists() and TAMPON.read_text().strip() == attendu:
        return
    dire("Installation des dépendances verrouillées (requirements.lock)…")
    pip: list[str | Path] = [PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "--no-deps"]
    etapes: list[list[str | Path]] = [
        [*pip, "--require-hashes", "-r", VERROU],
        [*pip, "--no-build-isolation", "-e", "."],
    ]
    for commande in etapes:
        code = lancer(commande)
        if code:
            arreter("l'installation des dépendances a échoué.", code)
    TAMPON.write_text(attendu + "\n")


# --- commandes -----------------------------------------------------------------------------------


def tests(arguments: list[str]) -> int:
    preparer_systeme(avec_xcb=False)
    preparer_venv()
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    etapes: list[tuple[str, list[str | Path]]] = [
        ("Vérification du style (ruff)…", [PYTHON, "-m", "ruff", "check", "."]),
        ("Vérification des types (mypy)…", [PYTHON, "-m", "mypy"]),
        ("Lancement des tests (pytest)…", [PYTHON, "-m", "pytest", "-n", "2", *arguments]),
    ]
    for message, commande in etapes:
        dire(message)
        code = lancer(commande, env)
        if code:
            return code
    dire("Tout est vert.")
    return 0


def classeur_ansa() -> int:
    """Le classeur ANSA de la démonstration, converti feuille par feuille en CSV par LibreOffice sans interface."""
    import tempfile
    import zipfile

    preparer_systeme(avec_xcb=False)
    preparer_venv()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        apt = "apt-get install -y --no-install-recommends libreoffice-calc-nogui"
        if not (sys.platform.startswith("linux") and shutil.which("apt-get") and os.geteuid() == 0):
            arreter(f"LibreOffice (soffice) est introuvable. Sous Debian : sudo {apt}")
        dire("Installation de LibreOffice Calc (sans interface)…")
        env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
        for commande in (["apt-get", "update", "-q"], apt.split()):
            code = subprocess.run(commande, env=env, stdin=subprocess.DEVNULL).returncode
            if code:
                arreter(f"« {' '.join(commande)} » a échoué (code {code}).", code)
        soffice = shutil.which("soffice") or arreter("LibreOffice reste introuvable après son installation.")
    with tempfile.TemporaryDirectory(prefix="classeur-ansa-") as dossier:
        tmp = Path(dossier)
        base, classeur, sortie = tmp / "demo.db", tmp / "ansa.xlsx", tmp / "csv"
        env = os.environ | {"COMITE_LOCAL_AUJOURDHUI": "2026-11-22", "QT_QPA_PLATFORM": "offscreen"}
        dire("Base de démonstration et export du classeur ANSA…")
        for commande in (
            [PYTHON, "-m", "app", "--base", base, "demo"],
            [PYTHON, "-m", "app", "--base", base, "exporter", "ansa", "-o", classeur],
        ):
            code = lancer(commande, env)
            if code:
                arreter(f"« {' '.join(str(c) for c in commande)} » a échoué (code {code}).", code)
        with zipfile.ZipFile(classeur) as archive:
            feuilles = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet") and n.endswith(".xml")]
        dire(f"Conversion par LibreOffice ({len(feuilles)} feuilles)…")
        # Filter options: comma, double quote, UTF-8, from line 1, …, the last « -1 »: every sheet in its own file.
        filtre = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1036,false,true,true,false,false,-1"
        commande = [
            soffice, f"-env:UserInstallation={(tmp / 'lo').as_uri()}", "--headless",
            "--convert-to", filtre, "--outdir", sortie, classeur,
        ]  # fmt: skip
        try:
            code = subprocess.run([str(c) for c in commande], stdin=subprocess.DEVNULL, timeout=300).returncode
        except subprocess.TimeoutExpired:
            arreter("LibreOffice n'a pas fini la conversion en 5 minutes.")
        csv = sorted(sortie.glob("*.csv")) if sortie.is_dir() else []
        if code or len(csv) != len(feuilles):
            arreter(f"LibreOffice a produit {len(csv)} CSV pour {len(feuilles)} feuilles (code {code}).")
        for fichier in csv:
            print(f"  {fichier.name} : {len(fichier.read_text(encoding='utf-8').splitlines())} lignes")
    dire(f"Classeur ANSA relu par LibreOffice : {len(csv)} feuilles, {len(csv)} CSV.")
    return 0


def demo() -> int:
    avec_xcb = bool(os.environ.get("DISPLAY"))
    preparer_systeme(avec_xcb)
    preparer_venv()
    programme = SCRIPTS / ("comite-local.exe" if WINDOWS else "comite-local")
    base = ["--base", str(BASE_DEMO)]
    if not BASE_DEMO.exists():
        dire("Création de la base de démonstration (demo/comite-demo.db)…")
        BASE_DEMO.parent.mkdir(exist_ok=True)
        code = lancer([programme, *base, "demo"])
        if code:
            BASE_DEMO.unlink(missing_ok=True)
            return code
    dire("Ouverture de l'application…")
    if WINDOWS:
        return lancer([programme, *base])
    os.chdir(RACINE)
    os.execv(programme, [str(programme), *base])


def main(arguments: list[str]) -> int:
    commande, *suite = arguments or ["aide"]
    if commande == "tests":
        return tests(suite)
    if commande == "classeur-ansa" and not suite:
        return classeur_ansa()
    if commande == "demo" and not suite:
        return demo()
    if commande in ("aide", "-h", "--help") and not suite:
        print(USAGE, end="")
        return 0
    print(f"Commande inconnue : {' '.join(arguments)}\n", file=sys.stderr)
    print(USAGE, end="", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
