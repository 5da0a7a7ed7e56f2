"""Where backups go and how many stay: per-machine settings (plain JSON) and the rotation.

Rotation: the newest backup of each of the last N days that have one and of each of the last M months; copies
made before a migration or a restore are kept apart (the latest few); then the oldest go while the folder is over
its size limit, never the newest. Only files named like backups are ever removed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from contextlib import suppress
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.chemins import dossier_donnees, dossier_reglages
from app.erreurs import ErreurConnue
from app.fichiers import ecrire_atomiquement

if TYPE_CHECKING:
    from app.services.sauvegardes import Sauvegarde

journal = logging.getLogger(__name__)

NOM_REGLAGES = "sauvegardes.json"
MO = 1024 * 1024


@dataclass(frozen=True)
class ReglagesSauvegarde:
    dossier: str = ""  # '' : the data folder's `sauvegardes/`
    quotidiennes: int = 14
    mensuelles: int = 12
    de_securite: int = 10  # before a migration or a restore
    taille_max_mo: int = 2000

    def valides(self) -> ReglagesSauvegarde:
        """Counts clamped to sensible bounds: a hand-edited file never turns into 'delete everything'."""
        return replace(
            self,
            quotidiennes=max(1, min(int(self.quotidiennes), 3650)),
            mensuelles=max(0, min(int(self.mensuelles), 1200)),
            de_securite=max(1, min(int(self.de_securite), 1000)),
            taille_max_mo=max(1, int(self.taille_max_mo)),
        )


def chemin_reglages() -> Path:
    return dossier_reglages() / NOM_REGLAGES


def lire_reglages() -> ReglagesSauvegarde:
    """The settings of this machine; defaults for a missing or unreadable file (logged, never fatal)."""
    fichier = chemin_reglages()
    try:
        donnees = json.loads(fichier.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ReglagesSauvegarde()
    except (OSError, ValueError) as exc:
        journal.warning("Réglages des sauvegardes illisibles (%s) : valeurs par défaut", exc)
        return ReglagesSauvegarde()
    if not isinstance(donnees, dict):
        return ReglagesSauvegarde()
    defauts = asdict(ReglagesSauvegarde())
    valeurs: dict[str, object] = {}
    for cle, defaut in defauts.items():
        valeur = donnees.get(cle, defaut)
        valeurs[cle] = valeur if isinstance(valeur, type(defaut)) and not isinstance(valeur, bool) else defaut
    return ReglagesSauvegarde(**valeurs).valides()  # type: ignore[arg-type]


def enregistrer_reglages(reglages: ReglagesSauvegarde) -> None:
    fichier = chemin_reglages()
    try:
        fichier.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ErreurConnue(
            f"Impossible de créer le dossier des réglages « {fichier.parent} » : {exc.strerror or exc}."
        ) from None
    contenu = json.dumps(asdict(reglages.valides()), ensure_ascii=False, indent=2) + "\n"
    ecrire_atomiquement(fichier, contenu.encode("utf-8"))


def dossier_racine(reglages: ReglagesSauvegarde | None = None) -> Path:
    reglages = reglages or lire_reglages()
    if reglages.dossier.strip():
        return Path(reglages.dossier).expanduser()
    return dossier_donnees() / "sauvegardes"


def dossier_de_la_base(chemin_base: Path, reglages: ReglagesSauvegarde | None = None) -> Path:
    """One folder per base, `<nom>-<empreinte du chemin>`: two bases named alike never rotate each other away."""
    resolu = os.path.normcase(str(Path(chemin_base).resolve()))
    empreinte = hashlib.sha256(resolu.encode("utf-8")).hexdigest()[:8]
    return dossier_racine(reglages) / f"{Path(chemin_base).stem}-{empreinte}"


def a_supprimer(
    sauvegardes: list[Sauvegarde], maintenant: dt.datetime, reglages: ReglagesSauvegarde
) -> list[Sauvegarde]:
    """Which of `sauvegardes` the rotation removes at `maintenant` (pure: the fake clock of the tests)."""
    reglages = reglages.valides()
    toutes = sorted(sauvegardes, key=lambda s: (s.instant, s.chemin.name), reverse=True)
    futures = [s for s in toutes if s.instant > maintenant]  # a clock set back: leave what is not understood
    passees = [s for s in toutes if s.instant <= maintenant]
    gardees: set[Path] = {s.chemin for s in futures}
    courantes = [s for s in passees if not s.de_securite]
    jours: list[dt.date] = []
    mois: list[tuple[int, int]] = []
    for s in courantes:  # newest first: the first met of a day (a month) is its newest
        jour = s.instant.date()
        if jour not in jours and len(jours) < reglages.quotidiennes:
            jours.append(jour)
            gardees.add(s.chemin)
        cle = (s.instant.year, s.instant.month)
        if cle not in mois and len(mois) < reglages.mensuelles:
            mois.append(cle)
            gardees.add(s.chemin)
    gardees.update(s.chemin for s in [s for s in passees if s.de_securite][: reglages.de_securite])
    restantes = [s for s in toutes if s.chemin in gardees]
    limite = reglages.taille_max_mo * MO
    total = sum(s.taille for s in restantes)
    # Over the limit: the oldest go first, the newest one always stays.
    for s in reversed(restantes[1:]):
        if total <= limite:
            break
        gardees.discard(s.chemin)
        total -= s.taille
    return [s for s in toutes if s.chemin not in gardees]


def appliquer_rotation(
    sauvegardes: list[Sauvegarde],
    maintenant: dt.datetime,
    reglages: ReglagesSauvegarde | None = None,
    *,
    proteger: Path | None = None,
) -> list[Path]:
    """Remove the backups the rotation drops, never `proteger` (the one just made); return them.

    A file that resists is left.
    """
    supprimees: list[Path] = []
    for s in a_supprimer(sauvegardes, maintenant, reglages or lire_reglages()):
        if proteger is not None and s.chemin == proteger:
            continue
        with suppress(OSError):
            s.chemin.unlink()
            supprimees.append(s.chemin)
            with suppress(FileNotFoundError):
                Path(f"{s.chemin}-wal").unlink()
    if supprimees:
        journal.info("Rotation des sauvegardes : %d fichier(s) supprimé(s)", len(supprimees))
    return supprimees
