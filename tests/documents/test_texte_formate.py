"""The Markdown subset of the editors, turned into flowables: formatting kept, markers gone, HTML shown as text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Flowable, Paragraph

from app.documents.mise_en_page import LARGEUR_UTILE, construire_pdf, styles
from app.documents.texte_formate import flowables_texte, paragraphes
from tests.documents import exemples_ethique
from tests.documents.outils import contient, texte

NBSP = "\u00a0"


def _paragraphes(elements: list[Flowable]) -> list[Paragraph]:
    return [e for e in elements if isinstance(e, Paragraph)]


def _balises(source: str) -> list[str]:
    return [p.text for p in _paragraphes(flowables_texte(source))]


def _pdf(source: str) -> bytes:
    return construire_pdf(
        exemples_ethique.en_tete(), titre="Essai", reference="", sujet="Essai", contenu=flowables_texte(source)
    )


def test_gras_italique_deviennent_des_balises() -> None:
    assert _balises("Le **secret** est *partagé* et _souligné_.") == [
        "Le <b>secret</b> est <i>partagé</i> et <i>souligné</i>."
    ]
    assert _balises("***les deux***") in (["<i><b>les deux</b></i>"], ["<b><i>les deux</i></b>"])


def test_gras_et_italique_dans_le_pdf() -> None:
    pdf = _pdf(exemples_ethique.TEXTE_AVIS)
    par_police = exemples_ethique.texte_par_police(pdf)
    assert contient(par_police["DejaVuSans-Bold"], "secret professionnel")
    assert contient(par_police["DejaVuSans-Bold"], "strictement nécessaires")
    assert contient(par_police["DejaVuSans-Oblique"], "secret partagé")
    assert not contient(par_police["DejaVuSans"], "secret partagé")
    t = texte(pdf)
    assert "**" not in t and "##" not in t
    assert "*" not in t  # no literal marker left at all in this text
    for titre in ("Cadre", "Analyse", "Options"):
        assert contient(par_police["DejaVuSans-Bold"], titre)


def test_typographie_sur_le_paragraphe_entier() -> None:
    # The colon follows the closing bold tag: it still gets its no-break space.
    assert _balises("**Note**: voir « ici »!") == [f"<b>Note</b>{NBSP}: voir «{NBSP}ici{NBSP}»{NBSP}!"]
    assert _balises("*Attention!* suite") == [f"<i>Attention{NBSP}!</i> suite"]
    assert _balises("12 500 €") == [f"12{NBSP}500{NBSP}€"]


def test_titres_en_petits_titres_de_section() -> None:
    elements = _paragraphes(flowables_texte("# Un\n\n## Deux\n\n### Trois\n\nTexte."))
    assert [p.text for p in elements] == ["Un", "Deux", "Trois", "Texte."]
    for titre in elements[:3]:
        assert titre.style.parent is styles().sous_section
        assert titre.style.keepWithNext  # never alone at the foot of a page
    assert elements[3].style is not None and elements[3].style.fontName == styles().corps.fontName
    # Another heading style on demand (the HCTS file uses the box's title inside a box).
    autre = _paragraphes(flowables_texte("## Cadre", style_titre=styles().cadre_titre))
    assert autre[0].style.parent is styles().cadre_titre


def test_listes_a_puces_et_numerotees_imbriquees() -> None:
    source = "- premier\n- second\n  - sous-point\n\n1.  un\n2.  deux\n    1.  deux-un\n\n3) trois\n"
    elements = _paragraphes(flowables_texte(source))
    puces = [(p.text, p.bulletText) for p in elements]
    assert puces == [
        ("premier", "•"),
        ("second", "•"),
        ("sous-point", "–"),
        ("un", "1."),
        ("deux", "2."),
        ("deux-un", "1."),
        ("trois", "3)"),
    ]
    premier, _second, sous = elements[:3]
    assert sous.style.leftIndent > premier.style.leftIndent > 0  # the nested level is indented further
    for element in elements:
        assert element.style.bulletFontName == "DejaVuSans"  # not reportlab's Helvetica default
    t = texte(_pdf(source))
    for attendu in ("• premier", "– sous-point", "1. un", "2. deux", "3) trois"):
        assert contient(t, attendu), attendu


def test_numeros_longs_elargissent_le_retrait() -> None:
    source = "\n".join(f"{i}. élément" for i in range(98, 102))
    elements = _paragraphes(flowables_texte(source))
    assert [p.bulletText for p in elements] == ["98.", "99.", "100.", "101."]
    assert elements[0].style.leftIndent > 16  # « 100. » is wider than the usual indent


def test_html_brut_affiche_comme_texte() -> None:
    source = "Avant <script>alert('x')</script> <b>pas gras</b>\n\n<div>bloc</div>\n\n\\<i>échappé</i>"
    balises = _balises(source)
    assert balises[0] == "Avant &lt;script&gt;alert('x')&lt;/script&gt; &lt;b&gt;pas gras&lt;/b&gt;"
    assert balises[1] == "&lt;div&gt;bloc&lt;/div&gt;"
    assert balises[2] == "&lt;i&gt;échappé&lt;/i&gt;"
    # Between real tags too: every piece of text is escaped, not only the last one.
    assert _balises("<u>a</u> **<b>gras</b>** & *<i>*") == [
        "&lt;u&gt;a&lt;/u&gt; <b>&lt;b&gt;gras&lt;/b&gt;</b> &amp; <i>&lt;i&gt;</i>"
    ]
    t = texte(_pdf(source))
    assert contient(t, "<script>alert('x')</script>") and contient(t, "<b>pas gras</b>") and contient(t, "<div>bloc")


def test_retours_a_la_ligne() -> None:
    # Qt wraps its lines at 80 columns: a single newline is a space; a hard break (two spaces, backslash) is kept.
    assert _balises("une ligne\ncoupée") == ["une ligne coupée"]
    assert _balises("ligne un  \nligne deux\\\nligne trois") == ["ligne un<br/>ligne deux<br/>ligne trois"]


def test_le_reste_en_texte_simple() -> None:
    balises = _balises(
        "[le site](https://exemple.fr/accès) <https://a.fr> `code **brut**` ![Logo du comité](logo.png) "
        "![image](file:///C:/x.png)\n\n"
        "|a|b|\n|-|-|\n|1|2|\n\n"
        "    bloc de code\n\n"
        "> une citation\n\n"
        "~~barré~~"
    )
    assert balises[0] == (
        f"le site (https://exemple.fr/accès) https://a.fr code **brut** [Image{NBSP}: Logo du comité] "
        f"[Image{NBSP}: file:///C:/x.png]"
    )
    assert balises[1] == "|a|b|<br/>|-|-|<br/>|1|2|"
    assert balises[2] == "bloc de code"
    assert balises[3] == "une citation"
    assert balises[4] == "~~barré~~"
    citation = _paragraphes(flowables_texte("> une citation"))[0]
    assert citation.style.leftIndent > 0


def test_texte_vide() -> None:
    assert flowables_texte("") == []
    assert flowables_texte("  \n\n \n") == []
    assert paragraphes("") == []


def test_paragraphes_simples() -> None:
    elements = _paragraphes(paragraphes("Premier\nsuite\n\n\n  \nSecond : <b>brut</b> & « net »"))
    assert [p.text for p in elements] == [
        "Premier<br/>suite",
        f"Second{NBSP}: &lt;b&gt;brut&lt;/b&gt; &amp; «{NBSP}net{NBSP}»",
    ]


def test_sortie_de_qt() -> None:
    # What Qt 6's QTextDocument.toMarkdown() wrote for a small document typed in the editor.
    qt = (
        "## Cadre\n\nLe **secret professionnel** est *partagé* : c'est-à-dire «\xa0limité\xa0».\nLigne deux\n"
        "après un retour forcé.\n\n- premier point\n- second point\n  - sous-point\n1.  un\n2.  deux\n\n"
        "\\<script>alert(1)</script> 3 * 4 et a_b_c\n\n_souligné_ ~~barré~~\n\n"
    )
    t = texte(_pdf(qt))
    for attendu in (
        "Cadre",
        "Le secret professionnel est partagé : c'est-à-dire « limité ». Ligne deux après un retour forcé.",
        "• premier point",
        "– sous-point",
        "1. un",
        "2. deux",
        "<script>alert(1)</script> 3 * 4 et a_b_c",
        "souligné ~~barré~~",
    ):
        assert contient(t, attendu), attendu
    assert "**" not in t


MARKDOWN = st.text(alphabet=st.sampled_from(list("ab é*_#-+>1.)`[]()!<>&\\\n\t«»:;|~=\x00\x0b")), max_size=80)


@settings(max_examples=300, deadline=None)
@given(MARKDOWN)
def test_tout_texte_donne_un_balisage_valide(source: str) -> None:
    # Paragraph parses its markup when built and wrap() lays it out: a bad tag nesting or a stray « & » raises.
    for element in flowables_texte(source):
        element.wrap(LARGEUR_UTILE, 1000)
