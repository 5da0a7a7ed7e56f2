"""The page's two tables: the persons to choose from (searchable), the latest purges."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.services.annuaire_lecture import cle_nom
from app.services.conservation import Purge
from app.services.donnees_personnelles import PersonneConnue
from app.ui.annuaire.modeles import date_courte
from app.ui.tableau_lignes import Colonne, ModeleLignes, ModeleTable


def modele_personnes(parent: QObject | None = None) -> ModeleLignes[PersonneConnue]:
    colonnes = [
        Colonne[PersonneConnue]("Nom", lambda p: p.nom, lambda p: cle_nom(p.nom, p.prenom)),
        Colonne[PersonneConnue]("Prénom", lambda p: p.prenom, lambda p: cle_nom(p.prenom, p.nom)),
        Colonne[PersonneConnue]("Structure", lambda p: p.structure),
        Colonne[PersonneConnue]("Situation", lambda p: p.situation),
    ]
    return ModeleLignes(
        colonnes,
        lambda p: f"{p.prenom} {p.nom} {p.structure} {p.situation}",
        lambda p: p.situation.startswith("Effacée"),
        parent,
    )


def modele_purges(parent: QObject | None = None) -> ModeleTable[Purge]:
    colonnes = [
        Colonne[Purge](
            "Date",
            lambda p: f"{date_courte(p.horodatage.date())} {p.horodatage:%H:%M}",
            lambda p: p.horodatage.isoformat(),
        ),
        Colonne[Purge]("Par", lambda p: p.utilisateur),
        Colonne[Purge]("Ce qui a été effacé", lambda p: p.texte, etiree=True),
    ]
    return ModeleTable(colonnes, parent)
