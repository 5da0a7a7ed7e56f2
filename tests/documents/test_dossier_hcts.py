"""The file sent to the HCTS read back: every field printed, nothing about the requester but their kind."""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from typing import Any

from app.documents.donnees_ethique import AvisResume, DossierHcts, EnvoiHcts, EtapeSaisine
from app.documents.dossier_hcts import TITRE, dossier_hcts_pdf
from app.format_fr import date_longue
from tests.documents import exemples_ethique as ex
from tests.documents.outils import contient, occurrences, texte, texte_pages

_MOTS = re.compile(r"\w+")


@cache
def _pdf(minimal: bool = False) -> bytes:
    return dossier_hcts_pdf(ex.dossier_hcts_minimal() if minimal else ex.dossier_hcts())


def test_mentions_du_dossier() -> None:
    t = texte(_pdf())
    for attendu in (
        "Saisine de la commission éthique et déontologie du HCTS",
        "Dossier de la saisine SAI-2026-003",
        "Numéro SAI-2026-003",
        "Reçue le 8 janvier 2026",
        "Canal Formulaire",
        "Type de demandeur Travailleur social",
        "Thèmes Partage d'informations, Secret professionnel",
        "Recevable le 20 janvier 2026",
        "Question anonymisée",
        "Contexte anonymisé",
        "Anonymisation validée par Sandrine Collet le 22 janvier 2026.",
        "Aucun élément d'identification du demandeur n'est transmis : seul son type figure dans ce dossier.",
        "Avis du comité local",
        "Recommandation REC-2026-004 — Partager des informations en réunion de synthèse",
        "Adoptée le 12 mars 2026",
        "Historique de la saisine",
        "Date Étape Par Motif",
        "20 janvier 2026 Recevable Zoé Lefèvre-Œuvray Question de portée générale",
        "Transmissions au HCTS",
        "Date Objet Par Réponse du HCTS",
        "16 mars 2026 Dossier de saisine et recommandation REC-2026-004 Sandrine Collet Accusé de réception",
        "2 avril 2026 Compléments demandés sur les pratiques locales Sandrine Collet En attente de réponse",
    ):
        assert contient(t, attendu), attendu
    # The local opinion's text, formatted.
    assert contient(t, "• l'information préalable de la famille est la règle") and "**" not in t
    assert contient(t, "Coût estimé d'une formation commune : 12 500 € ; référent : Œuvre des « Passerelles ».")
    assert "PROJET" not in t and not contient(t, "Anonymisation non validée")


def _textes(valeur: Any) -> list[str]:
    """Every text a value holds, recursively (dataclasses and tuples), skipping the logo's bytes."""
    if isinstance(valeur, str):
        return [valeur]
    if isinstance(valeur, tuple):
        return [t for element in valeur for t in _textes(element)]
    if dataclasses.is_dataclass(valeur) and not isinstance(valeur, type):
        return [t for champ in dataclasses.fields(valeur) for t in _textes(getattr(valeur, champ.name))]
    return []


def _dates(valeur: Any) -> list[str]:
    if isinstance(valeur, tuple):
        return [t for element in valeur for t in _dates(element)]
    if dataclasses.is_dataclass(valeur) and not isinstance(valeur, type):
        return [t for champ in dataclasses.fields(valeur) for t in _dates(getattr(valeur, champ.name))]
    return [date_longue(valeur)] if hasattr(valeur, "isoformat") else []


def _mots(chaine: str) -> set[str]:
    return set(_MOTS.findall(chaine.lower()))


# What the layout prints by itself, whatever the data: any other word of the file must come from the data.
# A new wording in `dossier_hcts.py` is added here on purpose, after checking it says nothing about a person.
MISE_EN_PAGE = """
Saisine de la commission éthique et déontologie du HCTS. Dossier de la saisine. Le comité local transmet à la
commission éthique et déontologie du Haut Conseil du travail social la saisine ci-dessous. La question et son
contexte ont été anonymisés. La saisine. Numéro. Reçue le. Canal. Type de demandeur. Thème, Thèmes. Recevable le.
Recevabilité non encore prononcée. Question anonymisée. Question non renseignée. Contexte anonymisé. Aucun élément
de contexte. Anonymisation. Anonymisation non validée. Ce dossier ne doit pas être transmis tant qu'une seconde
personne n'a pas validé l'anonymisation de la question et du contexte. Anonymisation non validée à ce jour.
Anonymisation validée par … le …. Aucun élément d'identification du demandeur n'est transmis : seul son type
figure dans ce dossier. Avis du comité local. Aucun avis local à ce jour. Adopté, adoptée, adoptés le …, non adopté à
ce jour. Texte non rédigé. Historique de la saisine. Date, Étape, Par, Motif. Aucune étape enregistrée.
Transmissions au HCTS. Date, Objet, Par, Réponse du HCTS. En attente de réponse. Aucun envoi au HCTS à ce jour.
Dossier de saisine du HCTS. Page … / …. Émis le …. PROJET. Document de travail, non approuvé.
"""


def _mots_inattendus(d: DossierHcts) -> set[str]:
    permis = _mots(" ".join(_textes(d)) + " " + " ".join(_dates(d)) + MISE_EN_PAGE)
    return {mot for mot in _mots(texte(dossier_hcts_pdf(d))) - permis if not mot.isdigit()}


def test_chaque_champ_imprime_et_rien_d_autre() -> None:
    d = ex.dossier_hcts()
    t = texte(_pdf())
    markdown = {a.texte for a in d.avis_locaux}
    for valeur in _textes(d):
        if not valeur.strip() or valeur in markdown:
            continue
        assert contient(t, valeur), valeur
    for source in markdown:  # formatted: its words, without the Markdown markers
        assert _mots(source) <= _mots(t)
    for date in _dates(d):
        assert contient(t, date), date
    # Every word of the PDF comes from the data or from the layout's own wording: nothing else slipped in.
    for variante in (d, ex.dossier_hcts_minimal()):
        assert _mots_inattendus(variante) == set()


def test_aucun_champ_pour_l_identite_du_demandeur() -> None:
    # The only thing the file may say about who asked is their kind: no field exists for more. A new field on
    # these classes must be reviewed for what it lets through (then added here).
    assert [c.name for c in dataclasses.fields(DossierHcts)] == [
        "en_tete",
        "numero",
        "recue_le",
        "canal",
        "type_demandeur",
        "themes",
        "question",
        "contexte",
        "recevable_le",
        "anonymisation_validee_par",
        "anonymisation_validee_le",
        "avis_locaux",
        "historique",
        "envois",
    ]
    assert [c.name for c in dataclasses.fields(AvisResume)] == [
        "numero",
        "nature",
        "titre",
        "statut",
        "adoptee_le",
        "texte",
    ]
    assert [c.name for c in dataclasses.fields(EtapeSaisine)] == ["le", "statut", "par", "motif"]
    assert [c.name for c in dataclasses.fields(EnvoiHcts)] == ["le", "objet", "par", "reponse"]
    t = texte(_pdf())
    assert occurrences(t, "demandeur") == 2  # « Type de demandeur » and the sentence saying only that goes


def test_dossier_minimal_et_anonymisation_non_validee() -> None:
    pages = texte_pages(_pdf(minimal=True))
    t = "\n".join(pages)
    for attendu in (
        "Anonymisation non validée Ce dossier ne doit pas être transmis tant qu'une seconde personne n'a pas validé",
        "Anonymisation non validée à ce jour.",
        "Aucun avis local à ce jour.",
        "Aucun envoi au HCTS à ce jour.",
    ):
        assert contient(t, attendu), attendu
    assert not contient(t, "Anonymisation validée par")
    for page in pages:
        assert "PROJET" in page  # not to be sent as it is


def test_textes_vides_et_html() -> None:
    d = dataclasses.replace(
        ex.dossier_hcts_minimal(),
        question="Peut-on <b>tout</b> dire ? <script>x</script>",
        contexte="",
        recevable_le=None,
        themes=(),
        historique=(),
        anonymisation_validee_le=ex.dossier_hcts().anonymisation_validee_le,
        anonymisation_validee_par="",
        avis_locaux=(
            dataclasses.replace(ex.dossier_hcts().avis_locaux[0], statut="Projet", adoptee_le=None, texte=""),
        ),
    )
    t = texte(dossier_hcts_pdf(d))
    for attendu in (
        "Peut-on <b>tout</b> dire ? <script>x</script>",
        "Aucun élément de contexte.",
        "Recevable le Recevabilité non encore prononcée",
        "Aucune étape enregistrée.",
        "Anonymisation validée le 22 janvier 2026.",
        "Projet — non adoptée à ce jour",
        "Texte non rédigé.",
    ):
        assert contient(t, attendu), attendu
    assert not contient(t, "Thème")
    assert _mots_inattendus(d) == set()


def test_structure_et_memes_octets() -> None:
    for pdf in (_pdf(), _pdf(minimal=True)):
        ex.verifier_structure(pdf, titre="Dossier de saisine du HCTS — SAI-2026-003", sujet=f"{TITRE} — SAI-2026-003")
    assert dossier_hcts_pdf(ex.dossier_hcts()) == _pdf()
