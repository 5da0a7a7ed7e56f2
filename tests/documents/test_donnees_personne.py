"""The right-of-access statement: readable by the person (headings, tables, French dates), empty kinds said."""

from __future__ import annotations

import datetime as dt

from app.documents.donnees import EnTete
from app.documents.donnees_personne import date_fr, donnees_personne_pdf, periode_fr
from tests.documents.outils import contient, texte, texte_pages

EN_TETE = EnTete(comite="Comité local de la Drôme", lignes=("Maison des solidarités",), emis_le=dt.date(2026, 5, 20))


def _donnees(**remplacements: object) -> dict[str, object]:
    donnees: dict[str, object] = {
        "version": 1,
        "produit_le": "2026-05-20",
        "comite": "Comité local de la Drôme",
        "personne": {
            "nom": "Martin",
            "prenom": "Anne",
            "fonction": "",
            "structure": "CCAS de Valence",
            "courriel": "",
            "telephone": "",
            "besoins_accessibilite": "",
            "coordonnees_effacees_le": "2026-05-20",
            "efface_le": "2026-05-20",
        },
        "mandats": [
            {
                "instance": "Plénière",
                "college": "Travailleurs sociaux",
                "qualite": "Titulaire",
                "suppleant_de": "",
                "role": "Membre",
                "voix": "Délibérative",
                "debut": "2025-09-01",
                "fin": "2026-05-20",
                "motif_fin": "Autre",
            }
        ],
        "presences": [
            {
                "reference": "PL-2026-01",
                "instance": "Plénière",
                "date": "2026-03-05",
                "statut_seance": "Tenue",
                "etat": "",
                "pouvoir_donne_a": "",
                "pouvoir_recu_de": "Bruno Petit",
            }
        ],
        "roles_en_seance": [],
        "points_rapportes": [],
        "deports": [],
        "saisines_rapportees": [],
        "actions": [],
        "journal": [
            {
                "horodatage": "2026-03-05T14:02:09",
                "utilisateur": "secretariat",
                "entite": "Personne",
                "entite_id": 1,
                "operation": "Modification",
                "details": {"courriel": "(masqué)", "fonction": ["ASS", "CESF"]},
            }
        ],
    }
    donnees.update(remplacements)
    return donnees


def test_les_rubriques_les_dates_en_francais_et_les_rubriques_vides() -> None:
    lu = texte(donnees_personne_pdf(EN_TETE, _donnees()))
    for attendu in (
        "Vos données personnelles",
        "Anne Martin — état au 20 mai 2026",
        "Identité et coordonnées",
        "Du 1er septembre 2025 au 20 mai 2026 (Autre)",
        "Membre, voix délibérative",
        "Reçu de Bruno Petit",
        "5 mars 2026, 14 h 02",
        "fonction : ASS → CESF",
        "courriel : (masqué)",
        "Aucune présidence ni secrétariat de séance.",
        "Aucune action confiée.",
        "Fiche effacée à votre demande le 20 mai 2026",
    ):
        assert contient(lu, attendu), attendu
    assert not contient(lu, "Déports")  # an empty rare kind is left out rather than said


def test_une_longue_histoire_tient_sur_plusieurs_pages() -> None:
    entree = _donnees()["journal"][0]  # type: ignore[index]
    pdf = donnees_personne_pdf(EN_TETE, _donnees(journal=[entree] * 120))
    pages = texte_pages(pdf)
    assert len(pages) > 2
    assert all(contient(p, "Page") for p in pages)


def test_periode_fr() -> None:
    assert periode_fr("2025-07-01", None) == "Depuis le 1er juillet 2025"
    assert periode_fr("2025-07-01", "2026-05-20", "Démission") == "Du 1er juillet 2025 au 20 mai 2026 (Démission)"


def test_date_fr() -> None:
    assert date_fr("2026-03-05") == "5 mars 2026"
    assert date_fr("2026-03-01T10:00:00") == "1er mars 2026"
    assert date_fr(None) == "—"
    assert date_fr("n'importe quoi") == "n'importe quoi"
