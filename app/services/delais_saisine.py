"""The two clocks of a referral (CONCEPTION §2): acknowledgement 7 days after receipt, opinion 90 days after
admissibility. Days inside the summer pause do not count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.format_fr import date_longue
from app.modeles import Comite

DELAI_ACCUSE_JOURS = 7
DELAI_AVIS_JOURS = 90
PAUSE_PAR_DEFAUT = ("07-14", "08-31")


@dataclass(frozen=True)
class PauseEstivale:
    """From (month, day) to (month, day), both inclusive, every year. `None` bounds: no pause."""

    debut: tuple[int, int]
    fin: tuple[int, int]

    def contient(self, jour: dt.date) -> bool:
        cle = (jour.month, jour.day)
        if self.debut <= self.fin:
            return self.debut <= cle <= self.fin
        return cle >= self.debut or cle <= self.fin  # a pause across the new year

    def libelle(self) -> str:
        def jour_mois(md: tuple[int, int]) -> str:
            return date_longue(dt.date(2000, *md)).removesuffix(" 2000")

        return f"du {jour_mois(self.debut)} au {jour_mois(self.fin)}"


class PauseInvalide(ErreurConnue):
    pass


def lire_jour_mois(texte: str, champ: str) -> tuple[int, int]:
    """« 07-14 » or « 14/07 » → (7, 14); a French message naming the field otherwise."""
    propre = texte.strip()
    try:
        if "/" in propre:
            jour, mois = (int(x) for x in propre.split("/"))
        else:
            mois, jour = (int(x) for x in propre.split("-"))
        dt.date(2000, mois, jour)  # 2000 is a leap year: 29 February is accepted
    except ValueError:
        raise PauseInvalide(f"{champ} : « {texte} » n'est pas un jour de l'année (JJ/MM, par exemple 14/07).") from None
    return mois, jour


PAUSE_MAX_JOURS = 92  # three months: a longer "pause" would stop the clocks for most of the year


def pause_de(debut: str, fin: str) -> PauseEstivale | None:
    if not debut.strip() and not fin.strip():
        return None
    pause = PauseEstivale(
        lire_jour_mois(debut, "Début de la pause estivale"), lire_jour_mois(fin, "Fin de la pause estivale")
    )
    annee = (dt.date(2001, 1, 1) + dt.timedelta(days=n) for n in range(365))
    jours = sum(1 for jour in annee if pause.contient(jour))
    if jours > PAUSE_MAX_JOURS:
        raise PauseInvalide(
            f"La pause estivale {pause.libelle()} dure {jours} jours : elle ne peut pas dépasser "
            f"{PAUSE_MAX_JOURS} jours, sans quoi les délais des saisines ne courraient presque plus."
        )
    return pause


def pause_du_comite(session: Session) -> PauseEstivale | None:
    ligne = session.execute(select(Comite.pause_debut, Comite.pause_fin).limit(1)).first()
    debut, fin = ligne if ligne is not None else PAUSE_PAR_DEFAUT
    try:
        return pause_de(debut, fin)
    except PauseInvalide:
        return pause_de(*PAUSE_PAR_DEFAUT)


def echeance(depart: dt.date, jours: int, pause: PauseEstivale | None) -> dt.date:
    """The day on which `jours` counted days after `depart` have run out; pause days are skipped.

    The due day itself is still in time. A clock started inside the pause starts running at its end.
    """
    jour = depart
    restants = jours
    while restants > 0:
        jour += dt.timedelta(days=1)
        if pause is None or not pause.contient(jour):
            restants -= 1
    return jour


def echeance_accuse(recue_le: dt.date, pause: PauseEstivale | None) -> dt.date:
    return echeance(recue_le, DELAI_ACCUSE_JOURS, pause)


def echeance_avis(recevable_le: dt.date, pause: PauseEstivale | None) -> dt.date:
    return echeance(recevable_le, DELAI_AVIS_JOURS, pause)


def jours_de_retard(echeance_: dt.date, aujourdhui: dt.date) -> int:
    """Calendar days past the due day (0 when still in time)."""
    return max(0, (aujourdhui - echeance_).days)
