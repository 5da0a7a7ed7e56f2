"""French typography helpers: spacing, escaping for reportlab, times."""

from __future__ import annotations

import datetime as dt
import html
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.documents.typographie import (
    balisage,
    date_avec_jour,
    duree_fr,
    fraction_fr,
    heure_fr,
    horaire,
    libelle_reference,
    pluriel,
    typographier,
)

NBSP = "\u00a0"
FINE = "\u202f"


def test_heures_a_la_francaise() -> None:
    assert heure_fr(dt.time(14, 30)) == f"14{NBSP}h{NBSP}30"
    assert heure_fr(dt.time(9, 0)) == f"9{NBSP}h"
    assert heure_fr(dt.time(9, 5)) == f"9{NBSP}h{NBSP}05"
    assert heure_fr(dt.time(0, 0)) == f"0{NBSP}h"


def test_horaires() -> None:
    assert horaire(dt.time(14), dt.time(16, 30)).replace(NBSP, " ") == "de 14 h à 16 h 30"
    assert horaire(dt.time(9), None).replace(NBSP, " ") == "à 9 h"
    assert horaire(None, dt.time(12)).replace(NBSP, " ") == "jusqu'à 12 h"
    assert horaire(None, None) == ""


def test_durees_dates_fractions_pluriels() -> None:
    assert duree_fr(20).replace(NBSP, " ") == "20 min"
    assert duree_fr(60).replace(NBSP, " ") == "1 h"
    assert duree_fr(75).replace(NBSP, " ") == "1 h 15"
    assert date_avec_jour(dt.date(2026, 3, 5)) == "jeudi 5 mars 2026"
    assert date_avec_jour(dt.date(2026, 4, 1)) == "mercredi 1er avril 2026"
    assert fraction_fr(1, 2) == "la moitié"
    assert fraction_fr(2, 3) == "les deux tiers"
    assert fraction_fr(3, 3) == "la totalité"
    assert fraction_fr(3, 5) == "3/5"
    assert pluriel(1, "siège") == f"1{NBSP}siège"
    assert pluriel(0, "siège") == f"0{NBSP}siège"
    assert pluriel(30, "siège") == f"30{NBSP}sièges"


def test_references_liees_par_leur_numero() -> None:
    assert libelle_reference("SAI-2026-003") == "Saisine SAI-2026-003"
    assert libelle_reference("REC-2026-001") == "Recommandation REC-2026-001"
    assert libelle_reference("") == ""


def test_espaces_francaises() -> None:
    assert typographier("Ordre du jour : points") == f"Ordre du jour{FINE}: points"
    assert typographier("Note: voir") == f"Note{FINE}: voir"
    assert typographier("Pourquoi ?") == f"Pourquoi{FINE}?"
    assert typographier("Vraiment!") == f"Vraiment{FINE}!"
    assert typographier("a ; b") == f"a{FINE}; b"
    assert typographier("« bonjour »") == f"«{NBSP}bonjour{NBSP}»"
    assert typographier("«bonjour»") == f"«{NBSP}bonjour{NBSP}»"
    assert typographier("12 500 €") == f"12{NBSP}500{NBSP}€"
    assert typographier("04 75 79 00 00") == NBSP.join(["04", "75", "79", "00", "00"])


def test_ce_qui_n_est_pas_une_ponctuation_haute_reste_intact() -> None:
    for texte in ("14:30", "https://exemple.fr/page?a=b&c=d", "a!!b", "SAI-2026-004"):
        assert typographier(texte) == texte


def test_balisage_echappe_et_garde_les_retours_a_la_ligne() -> None:
    assert balisage("A & B <b>") == "A &amp; B &lt;b&gt;"
    assert balisage("ligne 1\nligne 2") == "ligne 1<br/>ligne 2"
    # reportlab breaks lines at U+202F: the PDF gets U+00A0 instead.
    assert FINE not in balisage("Quoi ? 10 %")
    assert balisage("Quoi ?") == f"Quoi{NBSP}?"


_morceaux = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6),
    st.sampled_from([" ", ":", ";", "?", "!", "«", "»", "&", "<", ">", "\n", "\t", "\r", "€", "%", "12", " 500"]),
    st.sampled_from(["&amp;", "<b>", "</i>", "<br/>", "&#", "&lt;", "\u00a0", "\u202f", "http://a.fr?x=1"]),
)
# Free text made of pieces: plenty of the characters that matter (punctuation, markup, entities) among any others.
texte_libre = st.lists(_morceaux, max_size=20).map("".join)


@given(texte_libre)
@example("0:»")  # a mark glued to a word, then a closing quote: found by this very test
@settings(max_examples=300)
def test_typographie_propriete_aucune_espace_secable_devant_la_ponctuation(texte: str) -> None:
    sortie = typographier(texte)
    assert not re.search(r"[ \t][:;?!]", sortie)
    assert not re.search(r"« | »", sortie)
    assert typographier(sortie) == sortie  # idempotent: formatting twice changes nothing


@given(texte_libre)
@settings(max_examples=300)
def test_balisage_propriete_un_paragraphe_se_construit_toujours(texte: str) -> None:
    from reportlab.platypus import Paragraph

    from app.documents.mise_en_page import styles

    balise = balisage(texte)
    # Escaping loses nothing: unescaping gives back the typographied text (line breaks as <br/>).
    assert html.unescape(balise.replace("<br/>", "\n")) == typographier(texte).replace(FINE, NBSP)
    paragraphe = Paragraph(balise, styles().corps)
    paragraphe.wrap(200, 10_000)
