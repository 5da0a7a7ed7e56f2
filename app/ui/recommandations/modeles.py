"""The register's table model and the French texts the Recommandations screens share."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject

from app.format_fr import ESPACE_INSECABLE, date_longue, heure_fr
from app.modeles.enumerations import StatutRecommandation
from app.services.recommandations_lecture import LigneRecommandation
from app.ui.annuaire.modeles import date_courte, tri_date
from app.ui.tableau_lignes import Colonne, ModeleLignes

TIRET = "—"
COLONNE_NUMERO = 0


def date_insecable(jour: dt.date) -> str:
    """« 4 juin 2026 » that never breaks over two lines of a wrapped label."""
    return date_longue(jour).replace(" ", ESPACE_INSECABLE)


def date_et_heure(moment: dt.datetime) -> str:
    """« 5 mars 2026 à 14 h 30 »."""
    return f"{date_longue(moment.date())} à {heure_fr(moment.time())}"


def texte_saisines(numeros: tuple[str, ...]) -> str:
    return ", ".join(numeros) if numeros else TIRET


def _autorisee(r: LigneRecommandation) -> str:
    return "Oui" if r.publication_autorisee else "Non"


def _infobulle_statut(r: LigneRecommandation) -> str:
    lignes = [r.statut.libelle]
    if r.adoptee_le is not None:
        seance = f" (séance {r.seance_adoption})" if r.seance_adoption else ""
        lignes.append(f"Adoptée le {date_longue(r.adoptee_le)}{seance}")
    if r.publiee_le is not None:
        lignes.append(f"Publiée le {date_longue(r.publiee_le)}")
    if r.motif_retrait:
        lignes.append(f"Motif du retrait : {r.motif_retrait}")
    return "\n".join(lignes)


def _infobulle_autorisation(r: LigneRecommandation) -> str:
    if r.publication_autorisee:
        return "Consentements enregistrés et anonymisation validée : la publication est possible une fois adoptée"
    return "Consentement d'un demandeur ou validation de l'anonymisation manquant (onglet « Publication »)"


def modele_recommandations(parent: QObject | None = None) -> ModeleLignes[LigneRecommandation]:
    colonnes = [
        Colonne[LigneRecommandation]("Numéro", lambda r: r.numero, lambda r: f"{r.annee:04d}-{r.rang:06d}"),
        Colonne[LigneRecommandation]("Nature", lambda r: r.nature.libelle),
        Colonne[LigneRecommandation]("Titre", lambda r: r.titre),
        Colonne[LigneRecommandation](
            "Saisines liées",
            lambda r: texte_saisines(r.saisines),
            infobulle=lambda r: "\n".join(r.saisines) if r.saisines else "Aucune saisine liée",
        ),
        Colonne[LigneRecommandation]("Statut", lambda r: r.statut.libelle, infobulle=_infobulle_statut),
        Colonne[LigneRecommandation](
            "Adoptée le",
            lambda r: date_courte(r.adoptee_le) or TIRET,
            lambda r: tri_date(r.adoptee_le),
            lambda r: (
                f"Adoptée le {date_longue(r.adoptee_le)}"
                + (f", séance {r.seance_adoption}" if r.seance_adoption else "")
                if r.adoptee_le is not None
                else "Pas encore adoptée"
            ),
        ),
        Colonne[LigneRecommandation](
            "Publiée le",
            lambda r: date_courte(r.publiee_le) or TIRET,
            lambda r: tri_date(r.publiee_le),
            lambda r: f"Publiée le {date_longue(r.publiee_le)}" if r.publiee_le is not None else "Pas encore publiée",
        ),
        Colonne[LigneRecommandation]("Publication autorisée", _autorisee, infobulle=_infobulle_autorisation),
    ]

    def cle(r: LigneRecommandation) -> str:
        return " ".join(
            (
                r.numero,
                r.nature.libelle,
                r.titre,
                r.statut.libelle,
                r.seance_adoption,
                *r.saisines,
                *(t.libelle for t in r.themes),
            )
        )

    return ModeleLignes(colonnes, cle, lambda r: r.statut is StatutRecommandation.RETIREE, parent)
