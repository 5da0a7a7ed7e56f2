"""What the committee holds about one person (RGPD right of access), as PDF bytes, for that person to read.

Takes the plain data of `app.services.donnees_personnelles.tout_sur` (French keys, ISO dates): identity and
contact, then one table per kind of record, then the journal. Empty kinds say so in a sentence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Table

from app.documents.donnees import EnTete
from app.documents.mise_en_page import (
    COUPURE_DANS_LIGNE,
    LARGEUR_UTILE,
    cadre,
    construire_pdf,
    fiche,
    para,
    section,
    style_table,
    style_tableau,
    styles,
    titre_document,
)
from app.format_fr import date_longue

NON_RENSEIGNE = "—"
ENTITES = {"Personne": "fiche", "Mandat": "mandat", "Presence": "présence", "EffacementPersonne": "effacement"}
LIBELLES_CHAMPS = {
    "nom": "nom",
    "prenom": "prénom",
    "fonction": "fonction",
    "structure_id": "structure",
    "courriel": "courriel",
    "telephone": "téléphone",
    "besoins_accessibilite": "besoins d'accessibilité",
    "instance_id": "instance",
    "college_id": "collège",
    "qualite": "qualité",
    "titulaire_id": "titulaire",
    "role": "rôle",
    "voix": "voix",
    "debut": "début",
    "fin": "fin",
    "motif_fin": "motif de fin",
    "seance_id": "séance",
    "etat": "état",
    "pouvoir_a_id": "pouvoir à",
    "coordonnees_effacees_le": "coordonnées effacées le",
    "efface_le": "effacée le",
    "effacement": "effacement",
    "conserve": "conservé",
}


def date_fr(valeur: str | None) -> str:
    """« 5 mars 2026 » from an ISO date (or date and time: the day only); a dash when there is none."""
    if not valeur:
        return NON_RENSEIGNE
    try:
        return date_longue(dt.date.fromisoformat(valeur[:10]))
    except ValueError:
        return valeur


def periode_fr(debut: str | None, fin: str | None, motif: str = "") -> str:
    """« Depuis le 1er juillet 2025 », « Du 1er juillet 2025 au 20 mai 2026 (Démission) »."""
    if not fin:
        return f"Depuis le {date_fr(debut)}"
    return f"Du {date_fr(debut)} au {date_fr(fin)}" + (f" ({motif})" if motif else "")


def _horodatage_fr(valeur: str) -> str:
    try:
        instant = dt.datetime.fromisoformat(valeur)
    except ValueError:
        return valeur
    return f"{date_longue(instant.date())}, {instant:%H}\u00a0h\u00a0{instant:%M}"


def _texte(valeur: Any) -> str:
    if valeur is None or valeur == "":
        return NON_RENSEIGNE
    return str(valeur)


def _tableau(entetes: Sequence[str], lignes: Sequence[Sequence[str]], largeurs: Sequence[float]) -> Table:
    st = styles()
    donnees: list[list[Any]] = [[para(t, st.cellule_entete) for t in entetes]]
    donnees += [[para(c, st.cellule) for c in ligne] for ligne in lignes]
    echelle = LARGEUR_UTILE / sum(largeurs)
    tableau = Table(
        donnees,
        colWidths=[w * echelle for w in largeurs],
        repeatRows=1,
        hAlign="LEFT",
        spaceAfter=6,
        splitInRow=COUPURE_DANS_LIGNE,
    )
    tableau.setStyle(style_table(style_tableau()))
    return tableau


def _rubrique(
    titre: str, vide: str, entetes: Sequence[str], lignes: Sequence[Sequence[str]], largeurs: Sequence[float]
) -> list[Flowable]:
    st = styles()
    if not lignes:
        return section(titre, [[para(vide, st.corps)]])
    return [*section(titre), _tableau(entetes, lignes, largeurs)]


def _details(details: Any, references: dict[str, dict[str, str]] | None = None) -> str:
    """A journal entry's content in words: « fonction : Directrice → Cheffe de service ; courriel : (masqué) »;
    an id or a code is shown by the name `references` gives it (« séance : GT1-2025-01 », « état : Présent »)."""
    if not isinstance(details, dict):
        return _texte(details)
    noms = references or {}

    def lu(cle: str, valeur: Any) -> str:
        if isinstance(valeur, int | str) and not isinstance(valeur, bool) and str(valeur) in noms.get(cle, {}):
            return noms[cle][str(valeur)]
        return _texte(valeur)

    morceaux = []
    for cle in sorted(details):
        valeur = details[cle]
        libelle = LIBELLES_CHAMPS.get(cle, cle)
        if cle in ("id", "personne_id"):  # the record's own number, and theirs: nothing to read there
            continue
        if isinstance(valeur, list) and len(valeur) == 2:
            morceaux.append(f"{libelle} : {lu(cle, valeur[0])} → {lu(cle, valeur[1])}")
        else:
            morceaux.append(f"{libelle} : {lu(cle, valeur)}")
    return " ; ".join(morceaux) or NON_RENSEIGNE


def _identite(p: dict[str, Any]) -> list[Flowable]:
    lignes: list[tuple[str, Flowable | str]] = [
        ("Nom", _texte(p.get("nom"))),
        ("Prénom", _texte(p.get("prenom"))),
        ("Fonction", _texte(p.get("fonction"))),
        ("Structure", _texte(p.get("structure"))),
        ("Courriel", _texte(p.get("courriel"))),
        ("Téléphone", _texte(p.get("telephone"))),
        ("Besoins d'accessibilité", _texte(p.get("besoins_accessibilite"))),
    ]
    elements: list[Flowable] = [fiche(lignes, largeur_etiquette=4.6 * cm)]
    st = styles()
    notes = []
    if p.get("coordonnees_effacees_le") and not p.get("efface_le"):
        notes.append(
            f"Coordonnées effacées le {date_fr(p['coordonnees_effacees_le'])} (délai de conservation échu ou "
            "demande d'effacement)."
        )
    if p.get("efface_le"):
        notes.append(
            f"Fiche effacée à votre demande le {date_fr(p['efface_le'])} : seuls vos nom, prénom et structure sont "
            "conservés, parce qu'ils figurent dans les comptes rendus de séances tenues."
        )
    if notes:
        elements.append(cadre([para(n, st.corps_serre) for n in notes]))
    return elements


def donnees_personne_pdf(en_tete: EnTete, donnees: dict[str, Any]) -> bytes:
    """The right-of-access statement: headings, tables, French dates."""
    st = styles()
    p = donnees.get("personne", {})
    nom_complet = " ".join(x for x in (p.get("prenom", ""), p.get("nom", "")) if x).strip() or "Personne"
    contenu: list[Flowable] = titre_document(
        "Vos données personnelles", f"{nom_complet} — état au {date_fr(donnees.get('produit_le'))}"
    )
    contenu.append(
        para(
            f"Voici tout ce que le {donnees.get('comite') or 'comité'} enregistre à votre sujet dans son "
            "application de secrétariat : votre fiche de l'annuaire, vos mandats, vos présences aux séances, vos "
            "rôles, les actions qui vous sont confiées et l'historique des modifications de ces informations. "
            "Le journal ne garde jamais la valeur de vos coordonnées : elle y apparaît « (masqué) ».",
            st.corps,
        )
    )
    contenu += [*section("Identité et coordonnées", [_identite(p)])]

    contenu += _rubrique(
        "Mandats",
        "Aucun mandat enregistré.",
        ("Instance", "Collège", "Qualité", "Rôle et voix", "Période"),
        [
            (
                m["instance"],
                m["college"],
                m["qualite"] + (f" de {m['suppleant_de']}" if m.get("suppleant_de") else ""),
                f"{m['role']}, voix {m['voix'].lower()}" if m.get("voix") else m["role"],
                periode_fr(m["debut"], m["fin"], m.get("motif_fin", "")),
            )
            for m in donnees.get("mandats", [])
        ],
        (3.4, 2.8, 2.2, 3.2, 5.4),
    )
    contenu += _rubrique(
        "Présences aux séances",
        "Aucune présence enregistrée.",
        ("Séance", "Date", "Statut de la séance", "Votre présence", "Pouvoir"),
        [
            (
                f"{e['reference']} — {e['instance']}",
                date_fr(e["date"]),
                e["statut_seance"],
                e["etat"] or NON_RENSEIGNE,
                (f"Donné à {e['pouvoir_donne_a']}" if e["pouvoir_donne_a"] else "")
                + (f"Reçu de {e['pouvoir_recu_de']}" if e["pouvoir_recu_de"] else "")
                or NON_RENSEIGNE,
            )
            for e in donnees.get("presences", [])
        ],
        (4.6, 2.8, 2.4, 2.4, 3.6),
    )
    contenu += _rubrique(
        "Rôles en séance",
        "Aucune présidence ni secrétariat de séance.",
        ("Séance", "Date", "Rôle"),
        [
            (f"{e['reference']} — {e['instance']}", date_fr(e["date"]), e["role"])
            for e in donnees.get("roles_en_seance", [])
        ],
        (5, 3, 5),
    )
    contenu += _rubrique(
        "Points d'ordre du jour rapportés",
        "Aucun point d'ordre du jour rapporté.",
        ("Séance", "Date", "Point"),
        [
            (f"{e['reference']} — {e['instance']}", date_fr(e["date"]), f"{e['rang']}. {e['titre']}")
            for e in donnees.get("points_rapportes", [])
        ],
        (4.5, 3, 6.5),
    )
    if donnees.get("deports"):
        contenu += _rubrique(
            "Déports",
            "",
            ("Séance", "Date", "Point"),
            [
                (f"{e['reference']} — {e['instance']}", date_fr(e["date"]), f"{e['rang']}. {e['titre']}")
                for e in donnees["deports"]
            ],
            (4.5, 3, 6.5),
        )
    if donnees.get("saisines_rapportees"):
        contenu += _rubrique(
            "Saisines de l'instance éthique dont vous êtes rapporteur",
            "",
            ("Saisine", "Statut"),
            [(e["numero"], e["statut"]) for e in donnees["saisines_rapportees"]],
            (5, 8),
        )
    contenu += _rubrique(
        "Actions confiées",
        "Aucune action confiée.",
        ("Action", "Échéance", "Statut", "Séance"),
        [
            (e["texte"], date_fr(e["echeance"]), e["statut"], e["seance"] or NON_RENSEIGNE)
            for e in donnees.get("actions", [])
        ],
        (7, 2.6, 2, 2.4),
    )
    contenu += _rubrique(
        "Historique des modifications (journal)",
        "Aucune entrée du journal ne concerne vos informations.",
        ("Date", "Par", "Opération", "Détails"),
        [
            (
                _horodatage_fr(e["horodatage"]),
                e["utilisateur"],
                f"{e['operation']} ({ENTITES.get(e['entite'], e['entite'])})",
                _details(e["details"], e.get("references")),
            )
            for e in donnees.get("journal", [])
        ],
        (3.2, 2.2, 2.8, 7.8),
    )
    return construire_pdf(
        en_tete,
        titre="Données personnelles",
        reference=nom_complet,
        sujet=f"Données personnelles de {nom_complet}",
        contenu=contenu,
    )
