"""Corpus of import workbooks: one valid reference and faulty variants with ONE fault each.

Every faulty case says where its error must be reported (sheet, row, column) and a fragment of the
reason. The files are generated (no binary in git): `construire_corpus(dossier)` writes them all, and
`python -m tests.services.corpus_import DOSSIER` does the same for a look in a spreadsheet program.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Donnees = dict[str, list[list[object]]]  # sheet → rows, header first (row 1)

D = dt.date


def classeur_reference() -> Donnees:
    """A small committee written the way people do: codes and labels, any case, text and real dates."""
    return {
        "Comité": [
            ["Champ", "Valeur"],
            ["Nom", "Comité local du travail social de la Drôme"],
            ["Type de territoire", "departement"],
            ["Territoire", "Drôme"],
            ["Date d'installation", D(2025, 9, 1)],
            ["Nature", "Création"],
            ["Présidence", "tournante"],
        ],
        "Collèges": [
            ["Nom", "Catégorie"],
            ["Élus et décideurs", "elus_decideurs"],
            ["Travailleurs sociaux", "Travailleurs sociaux"],
            ["Personnes accompagnées", "personnes accompagnées"],
        ],
        "Instances": [
            ["Nom", "Type", "Quorum", "Pouvoirs comptés", "Délai de convocation"],
            ["Plénière", "Plénière", "1/2", "oui", 5],
            ["Bureau", "bureau", "2/3", "Non", "3"],
            ["Instance éthique", "ethique", None, None, None],
        ],
        "Structures": [
            ["Nom", "Type", "Partenariat", "Lettre d'engagement"],
            ["Conseil départemental de la Drôme", "Conseil départemental", "Existant", "01/09/2025"],
            ["CCAS de Valence", "CCAS/CIAS", "nouveau", D(2025, 8, 20)],
            ["Collectif Paroles", "Collectif de personnes accompagnées", None, None],
        ],
        "Membres": [
            ["Nom", "Prénom", "Structure", "Fonction", "Courriel", "Collège", "Instance", "Qualité",
             "Suppléant de", "Rôle", "Début", "Fin", "Voix"],
            ["Roux", "Hélène", "Conseil départemental de la Drôme", "Vice-présidente du département",
             "helene.roux@example.org", "Élus et décideurs", "Plénière", "Titulaire", None, "Présidente",
             "01/09/2025", None, "Délibérative"],
            ["Martin", "Anne", "CCAS de Valence", "Assistante de service social", "anne.martin@example.org",
             "Travailleurs sociaux", "Plénière", "titulaire", None, "membre", D(2025, 9, 1), None, "deliberative"],
            ["Petit", "Bruno", "CCAS de Valence", "Éducateur spécialisé", None, "Travailleurs sociaux",
             "Plénière", "Suppléant", "Anne Martin", None, "01/09/2025", None, None],
            ["Durand", "Chloé", "Collectif Paroles", None, None, "Personnes accompagnées", "Plénière",
             "Titulaire", None, None, "01/09/2025", None, None],
            ["Lefèvre", "Éva", "Collectif Paroles", None, None, "Personnes accompagnées", "Plénière",
             "Titulaire", None, None, "01/09/2025", "31/12/2026", None],
            ["Roux", "Hélène", None, None, None, "Élus et décideurs", "Bureau", "Titulaire", None, "Présidente",
             "01/09/2025", None, None],
            ["Martin", "Anne", None, None, None, "Travailleurs sociaux", "Bureau", "Titulaire", None,
             "Secrétariat", "01/09/2025", None, None],
            ["Garnier", "Paul", "Conseil départemental de la Drôme", "Chargé de mission", None,
             "Élus et décideurs", "Plénière", "Titulaire", None, "invité permanent", "01/09/2025", None,
             "Consultative"],
            ["Morel", "Sophie", None, None, None, "Travailleurs sociaux", "Instance éthique", "Titulaire", None,
             "Rapporteur", "01/10/2025", None, None],
        ],
        "Séances": [
            ["Référence", "Instance", "Date", "Début", "Fin", "Lieu", "Format", "Statut"],
            ["PL-2025-01", "Plénière", "15/10/2025", "14:00", "16:30", "Maison des solidarités, Valence",
             "Présentiel", "Clôturée"],
            ["BU-2025-01", "Bureau", D(2025, 11, 5), dt.time(10, 0), dt.time(12, 0),
             "https://visio.example.org/bureau", "visio", "tenue"],
            ["PL-2026-01", "Plénière", "20/01/2026", "9h30", "12h", None, "mixte", None],
        ],
        "Présences": [
            ["Séance", "Nom", "Prénom", "État", "Pouvoir à"],
            ["PL-2025-01", "Roux", "Hélène", "présent", None],
            ["PL-2025-01", "Martin", "Anne", "représenté", "Hélène Roux"],
            ["PL-2025-01", "Petit", "Bruno", "Présent", None],
            ["PL-2025-01", "Durand", "Chloé", "excusé", None],
            ["PL-2025-01", "Lefèvre", "Éva", "Représentée", "Paul Garnier"],
            ["PL-2025-01", "Garnier", "Paul", "absent", None],  # a proxy to a holder who did not come: accepted
            ["BU-2025-01", "Roux", "Hélène", "visio", None],
            ["BU-2025-01", "Martin", "Anne", "Présente", None],
        ],
    }  # fmt: skip


# --- Writing -------------------------------------------------------------------------------------------


def octets_classeur(donnees: Donnees) -> bytes:
    from openpyxl import Workbook

    classeur = Workbook(write_only=True)
    for nom, lignes in donnees.items():
        feuille = classeur.create_sheet(nom)
        for ligne in lignes:
            feuille.append(ligne)
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


def ecrire_classeur(donnees: Donnees, chemin: Path) -> Path:
    chemin.write_bytes(octets_classeur(donnees))
    return chemin


# --- Mutations -----------------------------------------------------------------------------------------


def _position(donnees: Donnees, feuille: str, colonne: str) -> int:
    return donnees[feuille][0].index(colonne)


def mettre(donnees: Donnees, feuille: str, ligne: int, colonne: str, valeur: object) -> None:
    """Set the cell of spreadsheet row `ligne` (header = 1) under header `colonne`."""
    donnees[feuille][ligne - 1][_position(donnees, feuille, colonne)] = valeur


def ajouter_ligne(donnees: Donnees, feuille: str, valeurs: dict[str, object]) -> int:
    entete = donnees[feuille][0]
    donnees[feuille].append([valeurs.get(c) for c in entete])
    return len(donnees[feuille])


def retirer_colonne(donnees: Donnees, feuille: str, colonne: str) -> None:
    position = _position(donnees, feuille, colonne)
    for ligne in donnees[feuille]:
        del ligne[position]


def _cellule(feuille: str, ligne: int, colonne: str, valeur: object) -> Callable[[Donnees], None]:
    return lambda d: mettre(d, feuille, ligne, colonne, valeur)


def _sans_membres(d: Donnees) -> None:
    del d["Membres"]


def _entete_inconnue(d: Donnees) -> None:
    d["Membres"][0].append("Téléphone")


def _ligne_ajoutee(feuille: str, valeurs: dict[str, object]) -> Callable[[Donnees], None]:
    def modifier(d: Donnees) -> None:
        ajouter_ligne(d, feuille, valeurs)

    return modifier


def _ligne_copiee(feuille: str, ligne: int) -> Callable[[Donnees], None]:
    return lambda d: d[feuille].append(list(d[feuille][ligne - 1]))


def _second_pouvoir(d: Donnees) -> None:
    mettre(d, "Présences", 5, "État", "représenté")
    mettre(d, "Présences", 5, "Pouvoir à", "Hélène Roux")


# --- File-level faults ---------------------------------------------------------------------------------


def _zip_sans_classeur() -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        archive.writestr("lisez-moi.txt", "Ceci est une archive, pas un classeur.")
    return tampon.getvalue()


def _classeur_tronque() -> bytes:
    octets = octets_classeur(classeur_reference())
    return octets[: len(octets) // 2]


def _ole() -> bytes:
    # What an Excel file protected by a password starts with (an OLE compound document), then noise.
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088)


@dataclass(frozen=True)
class CasFautif:
    nom: str
    feuille: str
    ligne: int | None
    colonne: str | None
    fragment: str
    modifier: Callable[[Donnees], None] | None = None
    octets: Callable[[], bytes] | None = None
    seule: bool = True  # the fault is the only error reported (no cascade)


CAS: tuple[CasFautif, ...] = (
    # Whole file
    CasFautif("pas_un_xlsx", "", None, None, "n'est pas un classeur", octets=lambda: "Nom;Prénom\n".encode()),
    CasFautif("fichier_vide", "", None, None, "vide", octets=lambda: b""),
    CasFautif("zip_sans_classeur", "", None, None, "archive ZIP", octets=_zip_sans_classeur),
    CasFautif("classeur_tronque", "", None, None, "endommagé", octets=_classeur_tronque),
    CasFautif("protege_par_mot_de_passe", "", None, None, "mot de passe", octets=_ole),
    # Sheets and headers
    CasFautif("feuille_membres_absente", "Membres", None, None, "absente", _sans_membres, seule=False),
    CasFautif("entete_inconnue", "Membres", 1, "Téléphone", "colonne inconnue", _entete_inconnue),
    CasFautif(
        "entete_obligatoire_absente",
        "Membres",
        None,
        "Qualité",
        "obligatoire",
        lambda d: retirer_colonne(d, "Membres", "Qualité"),
    ),
    # Cells
    CasFautif("date_invalide", "Membres", 4, "Début", "31/02/2026", _cellule("Membres", 4, "Début", "31/02/2026")),
    CasFautif("valeur_obligatoire", "Membres", 7, "Début", "obligatoire", _cellule("Membres", 7, "Début", None)),
    CasFautif(
        "date_installation_invalide",
        "Comité",
        5,
        "Valeur",
        "date invalide",
        _cellule("Comité", 5, "Valeur", "2025-09-01"),
    ),
    CasFautif(
        "champ_comite_inconnu",
        "Comité",
        8,
        "Champ",
        "inconnu",
        _ligne_ajoutee("Comité", {"Champ": "Devise", "Valeur": "Ensemble"}),
    ),
    CasFautif(
        "lettre_engagement_invalide",
        "Structures",
        2,
        "Lettre d'engagement",
        "32/01/2025",
        _cellule("Structures", 2, "Lettre d'engagement", "32/01/2025"),
    ),
    CasFautif("heure_invalide", "Séances", 2, "Début", "heure invalide", _cellule("Séances", 2, "Début", "25:00")),
    CasFautif("heure_fin_avant_debut", "Séances", 2, "Fin", "doit suivre", _cellule("Séances", 2, "Fin", "13:00")),
    CasFautif(
        "quorum_invalide", "Instances", 3, "Quorum", "quorum invalide", _cellule("Instances", 3, "Quorum", "3/2")
    ),
    CasFautif(
        "quorum_pris_pour_une_date",
        "Instances",
        2,
        "Quorum",
        "date",
        _cellule("Instances", 2, "Quorum", D(2026, 2, 1)),
    ),
    CasFautif(
        "oui_non_invalide",
        "Instances",
        2,
        "Pouvoirs comptés",
        "oui ou non",
        _cellule("Instances", 2, "Pouvoirs comptés", "peut-être"),
    ),
    CasFautif(
        "delai_invalide",
        "Instances",
        2,
        "Délai de convocation",
        "nombre de jours",
        _cellule("Instances", 2, "Délai de convocation", "cinq"),
    ),
    CasFautif(
        "type_instance_inconnu", "Instances", 4, "Type", "non reconnue", _cellule("Instances", 4, "Type", "Commission")
    ),
    CasFautif(
        "categorie_college_inconnue",
        "Collèges",
        3,
        "Catégorie",
        "non reconnue",
        _cellule("Collèges", 3, "Catégorie", "Professionnels"),
    ),
    CasFautif(
        "type_structure_inconnu", "Structures", 3, "Type", "non reconnue", _cellule("Structures", 3, "Type", "Mairie")
    ),
    CasFautif("voix_invalide", "Membres", 9, "Voix", "non reconnue", _cellule("Membres", 9, "Voix", "aucune")),
    CasFautif("qualite_invalide", "Membres", 3, "Qualité", "non reconnue", _cellule("Membres", 3, "Qualité", "membre")),
    CasFautif("role_invalide", "Membres", 2, "Rôle", "non reconnue", _cellule("Membres", 2, "Rôle", "trésorière")),
    CasFautif(
        "statut_seance_invalide", "Séances", 3, "Statut", "non reconnue", _cellule("Séances", 3, "Statut", "finie")
    ),
    CasFautif("format_invalide", "Séances", 2, "Format", "non reconnue", _cellule("Séances", 2, "Format", "hybride")),
    CasFautif("etat_inconnu", "Présences", 5, "État", "non reconnue", _cellule("Présences", 5, "État", "en retard")),
    # References and rules
    CasFautif(
        "instance_inconnue",
        "Membres",
        10,
        "Instance",
        "instance inconnue",
        _cellule("Membres", 10, "Instance", "Commission éthique"),
    ),
    CasFautif(
        "college_inconnu", "Membres", 5, "Collège", "collège inconnu", _cellule("Membres", 5, "Collège", "Usagers")
    ),
    CasFautif(
        "structure_inconnue",
        "Membres",
        3,
        "Structure",
        "structure inconnue",
        _cellule("Membres", 3, "Structure", "CCAS de Romans"),
    ),
    CasFautif(
        "titulaire_inconnu",
        "Membres",
        4,
        "Suppléant de",
        "inconnue",
        _cellule("Membres", 4, "Suppléant de", "Chloé Durande"),
    ),
    CasFautif(
        "suppleant_d_un_non_titulaire_de_l_instance",
        "Membres",
        4,
        "Suppléant de",
        "n'est pas titulaire",
        _cellule("Membres", 4, "Suppléant de", "Sophie Morel"),
    ),
    CasFautif(
        "suppleant_de_sur_un_titulaire",
        "Membres",
        5,
        "Suppléant de",
        "titulaire ne supplée",
        _cellule("Membres", 5, "Suppléant de", "Anne Martin"),
    ),
    CasFautif("fin_avant_debut", "Membres", 6, "Fin", "précède", _cellule("Membres", 6, "Fin", "31/12/2024")),
    CasFautif("mandat_en_double", "Membres", 11, None, "même mandat", _ligne_copiee("Membres", 3)),
    CasFautif(
        "college_en_double",
        "Collèges",
        5,
        "Nom",
        "déjà défini",
        _ligne_ajoutee("Collèges", {"Nom": "travailleurs  sociaux", "Catégorie": "autre"}),
    ),
    CasFautif(
        "reference_seance_en_double",
        "Séances",
        4,
        "Référence",
        "déjà utilisée",
        _cellule("Séances", 4, "Référence", "pl-2025-01"),
    ),
    CasFautif(
        "presence_seance_inconnue",
        "Présences",
        8,
        "Séance",
        "séance inconnue",
        _cellule("Présences", 8, "Séance", "BU-2025-09"),
    ),
    CasFautif(
        "presence_personne_inconnue",
        "Présences",
        9,
        "Nom",
        "personne inconnue",
        _cellule("Présences", 9, "Nom", "Martinez"),
    ),
    CasFautif("presence_en_double", "Présences", 10, None, "déjà indiquée", _ligne_copiee("Présences", 2)),
    CasFautif(
        "represente_sans_pouvoir",
        "Présences",
        3,
        "Pouvoir à",
        "obligatoire",
        _cellule("Présences", 3, "Pouvoir à", None),
    ),
    CasFautif(
        "pouvoir_sans_represente",
        "Présences",
        2,
        "Pouvoir à",
        "représenté",
        _cellule("Présences", 2, "Pouvoir à", "Anne Martin"),
    ),
    CasFautif(
        "pouvoir_a_soi_meme",
        "Présences",
        3,
        "Pouvoir à",
        "soi-même",
        _cellule("Présences", 3, "Pouvoir à", "anne martin"),
    ),
    CasFautif("second_pouvoir_au_meme_porteur", "Présences", 5, "Pouvoir à", "porte déjà un pouvoir", _second_pouvoir),
    CasFautif(
        "porteur_inconnu",
        "Présences",
        6,
        "Pouvoir à",
        "inconnue",
        _cellule("Présences", 6, "Pouvoir à", "Jean Valjean"),
    ),
)


def construire_corpus(dossier: Path) -> dict[str, Path]:
    """Write the reference workbook and every faulty case into `dossier`; returns name → file."""
    dossier.mkdir(parents=True, exist_ok=True)
    fichiers = {"reference": ecrire_classeur(classeur_reference(), dossier / "reference.xlsx")}
    for cas in CAS:
        chemin = dossier / f"{cas.nom}.xlsx"
        if cas.octets is not None:
            chemin.write_bytes(cas.octets())
        else:
            assert cas.modifier is not None
            donnees = copy.deepcopy(classeur_reference())
            cas.modifier(donnees)
            ecrire_classeur(donnees, chemin)
        fichiers[cas.nom] = chemin
    return fichiers


if __name__ == "__main__":
    cible = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus-import")
    print(f"{len(construire_corpus(cible))} classeurs écrits dans {cible}")
