"""The import workbook's contract (CONCEPTION §4): sheets, columns, and the error every check reports."""

from __future__ import annotations

from dataclasses import dataclass

from app.services.normalisation import normaliser


@dataclass(frozen=True)
class ErreurImport:
    feuille: str  # sheet name as the contract spells it; "" for a problem with the whole file
    ligne: int | None  # spreadsheet row (header = 1); None for a whole-file or whole-sheet problem
    colonne: str | None  # column header as the contract spells it (or as written, when unknown)
    motif: str  # French reason, starting in lower case: it follows « Feuille, ligne N, colonne « X » : »

    def __str__(self) -> str:
        if not self.feuille:
            return self.motif[:1].upper() + self.motif[1:]
        lieu = self.feuille
        if self.ligne is not None:
            lieu += f", ligne {self.ligne}"
        if self.colonne is not None:
            lieu += f", colonne « {self.colonne} »"
        return f"{lieu} : {self.motif}"


@dataclass(frozen=True)
class Colonne:
    nom: str
    obligatoire: bool = False


COMITE = "Comité"
COLLEGES = "Collèges"
INSTANCES = "Instances"
STRUCTURES = "Structures"
MEMBRES = "Membres"
SEANCES = "Séances"
PRESENCES = "Présences"

# Sheets in the order they are read and written: what is referred to comes before what refers to it.
FEUILLES: dict[str, tuple[Colonne, ...]] = {
    COMITE: (Colonne("Champ", True), Colonne("Valeur", True)),
    COLLEGES: (Colonne("Nom", True), Colonne("Catégorie", True)),
    INSTANCES: (
        Colonne("Nom", True),
        Colonne("Type", True),
        Colonne("Quorum"),
        Colonne("Pouvoirs comptés"),
        Colonne("Délai de convocation"),
    ),
    STRUCTURES: (
        Colonne("Nom", True),
        Colonne("Type", True),
        Colonne("Partenariat"),
        Colonne("Lettre d'engagement"),
    ),
    MEMBRES: (
        Colonne("Nom", True),
        Colonne("Prénom", True),
        Colonne("Structure"),
        Colonne("Fonction"),
        Colonne("Courriel"),
        Colonne("Collège", True),
        Colonne("Instance", True),
        Colonne("Qualité", True),
        Colonne("Suppléant de"),
        Colonne("Rôle"),
        Colonne("Début", True),
        Colonne("Fin"),
        Colonne("Voix"),
    ),
    SEANCES: (
        Colonne("Référence", True),
        Colonne("Instance", True),
        Colonne("Date", True),
        Colonne("Début"),
        Colonne("Fin"),
        Colonne("Lieu"),
        Colonne("Format"),
        Colonne("Statut"),
    ),
    PRESENCES: (
        Colonne("Séance", True),
        Colonne("Nom", True),
        Colonne("Prénom", True),
        Colonne("État", True),
        Colonne("Pouvoir à"),
    ),
}

FEUILLES_OBLIGATOIRES = frozenset({MEMBRES})

# The `Comité` sheet's fields (column `Champ`), by the name the contract gives them.
CHAMP_NOM = "Nom"
CHAMP_TYPE_TERRITOIRE = "Type de territoire"
CHAMP_TERRITOIRE = "Territoire"
CHAMP_DATE_INSTALLATION = "Date d'installation"
CHAMP_NATURE = "Nature"
CHAMP_PRESIDENCE = "Présidence"
CHAMPS_COMITE = (
    CHAMP_NOM,
    CHAMP_TYPE_TERRITOIRE,
    CHAMP_TERRITOIRE,
    CHAMP_DATE_INSTALLATION,
    CHAMP_NATURE,
    CHAMP_PRESIDENCE,
)

FEUILLE_PAR_CLE = {normaliser(nom): nom for nom in FEUILLES}
CHAMP_COMITE_PAR_CLE = {normaliser(nom): nom for nom in CHAMPS_COMITE}


def colonnes_par_cle(feuille: str) -> dict[str, Colonne]:
    return {normaliser(c.nom): c for c in FEUILLES[feuille]}
