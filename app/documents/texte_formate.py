"""Formatted texts (the Markdown subset Qt's editor writes) and plain multi-paragraph texts, as flowables.

The editors of opinions save `QTextDocument.toMarkdown()`: paragraphs separated by blank lines, `#` headings,
`**bold**`, `*italic*`, `- ` bullets, `1. ` items, lines wrapped at 80 columns. It is parsed with markdown-it-py's
CommonMark preset, raw HTML off: `<script>` is text and is printed as such, never interpreted. What a committee
letter has no use for (links, images, code, tables, quotes, rules) is printed as plain text, so that nothing the
author wrote silently disappears.

Every piece of text goes through the French typography (`typographier`) and the reportlab escaping (`echapper`).
Typography runs on the paragraph's whole text, not piece by piece, so that « **Note** : » still gets its no-break
space although the colon is outside the bold run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer

from app.documents.mise_en_page import GRIS_LIGNE, para, styles
from app.documents.polices import NORMALE
from app.documents.typographie import echapper, typographier
from app.format_fr import ESPACE_FINE, ESPACE_INSECABLE

__all__ = ["flowables_texte", "paragraphes"]

PUCES = ("•", "–", "◦")  # by nesting depth, then repeated
RETRAIT_LISTE = 16.0  # pt per nesting level (widened for long item numbers)
RETRAIT_CITATION = 14.0
ESPACE_ITEM = 1.5  # pt after an item of a tight list

# Same set as `typographie._CONTROLES`: removed before typography so that only blanks change length there.
_CONTROLES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LIGNE_VIDE = re.compile(r"\n[ \t\u00a0\u202f]*\n")


class _Analyseur(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        # markdown-it drops links and images to « file: » or « javascript: » URLs back to their source text; here
        # nothing is ever clickable, so every one is printed the same plain way.
        return True


@lru_cache(maxsize=1)
def _analyseur() -> MarkdownIt:
    # CommonMark only: no tables, no strikethrough, no linkify, no smart quotes (French typography does that).
    return _Analyseur("commonmark", {"html": False})


# --- inline: segments, then one typography pass ----------------------------------------------------------------


@dataclass(frozen=True)
class _Balise:
    texte: str  # « <b> », « </i> »
    ouvrante: bool


_Segment = str | _Balise


def _segments_en_ligne(noeud: SyntaxTreeNode, sortie: list[_Segment], lignes: bool = False) -> None:
    """`lignes`: keep every newline (a table printed as text), else a single newline is a space."""
    for enfant in noeud.children:
        genre = enfant.type
        if genre == "text":
            sortie.append(enfant.content)
        elif genre == "softbreak":
            sortie.append("\n" if lignes else " ")  # Qt wraps its lines at 80 columns
        elif genre == "hardbreak":
            sortie.append("\n")
        elif genre in ("strong", "em"):
            balise = "b" if genre == "strong" else "i"
            sortie.append(_Balise(f"<{balise}>", True))
            _segments_en_ligne(enfant, sortie, lignes)
            sortie.append(_Balise(f"</{balise}>", False))
        elif genre == "link":
            debut = len(sortie)
            _segments_en_ligne(enfant, sortie, lignes)
            libelle = "".join(s for s in sortie[debut:] if isinstance(s, str))
            adresse = _analyseur().normalizeLinkText(str(enfant.attrs.get("href", "")))
            if adresse and adresse != libelle and "mailto:" + libelle != adresse:
                sortie.append(f" ({adresse})")
        elif genre == "image":
            alternative = "".join(_texte_brut(enfant)).strip()
            source = _analyseur().normalizeLinkText(str(enfant.attrs.get("src", "")))
            # Qt writes « ![image](file:///…) »: its generic alt text says less than the file name.
            sortie.append(f"[Image : {alternative if alternative and alternative.lower() != 'image' else source}]")
        else:  # code_inline, html_inline (never with html off) and whatever a later parser version adds
            sortie.append(enfant.content or "".join(_texte_brut(enfant)))


def _texte_brut(noeud: SyntaxTreeNode) -> list[str]:
    morceaux = [noeud.content] if noeud.type == "text" else []
    for enfant in noeud.children:
        morceaux += _texte_brut(enfant)
    return morceaux


def _balisage(segments: Sequence[_Segment]) -> str:
    """Segments → Paragraph markup, with the typography applied to the text as a whole.

    `typographier` only changes blanks (adds, swaps, turns a tab into a space): the non-blank characters of its
    output are those of its input, one for one. So each tag is put back by counting non-blank characters: an
    opening tag just before the next one, a closing tag just after the previous one.
    """
    morceaux: list[str] = []
    balises: list[tuple[int, _Balise]] = []  # position in the raw text, tag
    longueur = 0
    for segment in segments:
        if isinstance(segment, _Balise):
            balises.append((longueur, segment))
            continue
        propre = _CONTROLES.sub("", segment.replace("\r\n", "\n").replace("\r", "\n"))
        morceaux.append(propre)
        longueur += len(propre)
    brut = "".join(morceaux)
    typo = typographier(brut).replace(ESPACE_FINE, ESPACE_INSECABLE)  # see `typographie.balisage`
    pleins_typo = [i for i, c in enumerate(typo) if not c.isspace()]
    cumul = [0]
    for caractere in brut:
        cumul.append(cumul[-1] + (not caractere.isspace()))
    if cumul[-1] != len(pleins_typo):  # not expected; never lose the text for the sake of a tag
        return "".join(
            s.texte if isinstance(s, _Balise) else echapper(typographier(s)).replace("\n", "<br/>") for s in segments
        )
    positions: list[int] = []
    for indice, balise in balises:
        avant = cumul[indice]
        if balise.ouvrante:
            position = pleins_typo[avant] if avant < len(pleins_typo) else len(typo)
        else:
            position = pleins_typo[avant - 1] + 1 if avant > 0 else 0
        # Never before an earlier tag: the markup stays well nested even around a run of blanks only.
        positions.append(max(position, positions[-1]) if positions else position)
    sortie: list[str] = []
    precedente = 0
    for position, (_indice, balise) in zip(positions, balises, strict=True):
        sortie.append(echapper(typo[precedente:position]))
        sortie.append(balise.texte)
        precedente = position
    sortie.append(echapper(typo[precedente:]))
    return "".join(sortie).replace("\n", "<br/>")


def _balisage_noeud(noeud: SyntaxTreeNode) -> str:
    segments: list[_Segment] = []
    for enfant in noeud.children:  # a paragraph or heading holds one « inline » node
        # A Markdown table (which CommonMark does not know) reads better printed line by line.
        source = [ligne.strip() for ligne in enfant.content.split("\n")]
        _segments_en_ligne(enfant, segments, lignes=len(source) > 1 and all(s.startswith("|") for s in source))
    return _balisage(segments)


# --- blocks --------------------------------------------------------------------------------------------------


@dataclass
class _Contexte:
    corps: ParagraphStyle
    titre: ParagraphStyle
    retrait: float = 0.0  # left indent of this level, in points
    profondeur: int = 0  # list nesting
    puce: str = ""  # the marker still to print in front of the item's first paragraph
    largeur_puce: float = 0.0


class _Rendu:
    def __init__(self, corps: ParagraphStyle, titre: ParagraphStyle) -> None:
        self._corps = corps
        self._titre = ParagraphStyle(f"{titre.name}-texte", parent=titre, keepWithNext=1)
        self._styles: dict[tuple[object, ...], ParagraphStyle] = {}

    def _style(self, retrait: float, serre: bool, largeur_puce: float = 0.0) -> ParagraphStyle:
        cle = (retrait, serre, largeur_puce)
        style = self._styles.get(cle)
        if style is None:
            base = self._corps
            style = ParagraphStyle(
                f"{base.name}-{len(self._styles)}",
                parent=base,
                leftIndent=base.leftIndent + retrait,
                bulletIndent=base.leftIndent + retrait - largeur_puce,
                bulletFontName=NORMALE,
                bulletFontSize=base.fontSize,
                spaceAfter=ESPACE_ITEM if serre else base.spaceAfter,
            )
            self._styles[cle] = style
        return style

    def _paragraphe(self, balises: str, contexte: _Contexte, serre: bool) -> Paragraph:
        if contexte.puce:
            puce, contexte.puce = contexte.puce, ""
            style = self._style(contexte.retrait, serre, contexte.largeur_puce)
            return Paragraph(balises, style, bulletText=puce)
        return Paragraph(balises, self._style(contexte.retrait, serre))

    def blocs(self, noeuds: Sequence[SyntaxTreeNode], contexte: _Contexte) -> list[Flowable]:
        elements: list[Flowable] = []
        for noeud in noeuds:
            elements += self._bloc(noeud, contexte)
        if contexte.puce:  # an empty item, or one that opens on a nested list: its marker alone
            elements.insert(0, self._paragraphe("", contexte, serre=True))
        return elements

    def _bloc(self, noeud: SyntaxTreeNode, contexte: _Contexte) -> list[Flowable]:
        genre = noeud.type
        if genre == "paragraph":
            # In a tight list (no blank line between items) markdown-it hides the paragraphs: keep them close.
            return [self._paragraphe(_balisage_noeud(noeud), contexte, serre=noeud.hidden)]
        if genre == "heading":
            style = self._titre
            if contexte.retrait:
                style = ParagraphStyle(f"{style.name}-{contexte.retrait}", parent=style, leftIndent=contexte.retrait)
            return [Paragraph(_balisage_noeud(noeud), style)]
        if genre in ("bullet_list", "ordered_list"):
            return self._liste(noeud, contexte)
        if genre == "blockquote":
            interieur = _Contexte(
                contexte.corps, contexte.titre, contexte.retrait + RETRAIT_CITATION, contexte.profondeur
            )
            return self.blocs(noeud.children, interieur)
        if genre == "hr":
            return [HRFlowable(width="100%", thickness=0.5, color=GRIS_LIGNE, spaceBefore=3, spaceAfter=7)]
        # code_block, fence, html_block (never with html off): the text as written, line breaks kept.
        texte = noeud.content.rstrip("\n") if noeud.content else "".join(_texte_brut(noeud))
        if not texte.strip():
            return []
        balises = echapper(typographier(texte).replace(ESPACE_FINE, ESPACE_INSECABLE)).replace("\n", "<br/>")
        return [self._paragraphe(balises, contexte, serre=False)]

    def _liste(self, noeud: SyntaxTreeNode, contexte: _Contexte) -> list[Flowable]:
        items = [enfant for enfant in noeud.children if enfant.type == "list_item"]
        if noeud.type == "ordered_list":
            # « 1. » as written, or « 1) »; markdown-it gives each item its number in `info`.
            marques = [f"{item.info or rang}{item.markup or '.'}" for rang, item in enumerate(items, start=1)]
        else:
            marques = [PUCES[contexte.profondeur % len(PUCES)]] * len(items)
        taille = self._corps.fontSize
        largeur_marque = max((stringWidth(m, NORMALE, taille) for m in marques), default=0.0)
        retrait = max(RETRAIT_LISTE, largeur_marque + 6)
        elements: list[Flowable] = []
        for item, marque in zip(items, marques, strict=True):
            interieur = _Contexte(
                contexte.corps,
                contexte.titre,
                contexte.retrait + retrait,
                contexte.profondeur + 1,
                puce=marque,
                largeur_puce=retrait - 2,
            )
            elements += self.blocs(item.children, interieur)
        if contexte.profondeur == 0 and elements:
            elements.append(Spacer(1, max(self._corps.spaceAfter - ESPACE_ITEM, 0)))
        return elements


def flowables_texte(
    texte: str, style_corps: ParagraphStyle | None = None, style_titre: ParagraphStyle | None = None
) -> list[Flowable]:
    """The Markdown subset as flowables: paragraphs, headings (as `style_titre`), lists, bold, italic.

    `style_corps` defaults to the documents' body text, `style_titre` to their small section title. The result
    holds no KeepTogether: it may go into a `section` block or a `cadre` (the headings keep with what follows).
    """
    st = styles()
    corps = style_corps or st.corps
    titre = style_titre or st.sous_section
    if not texte.strip():
        return []
    arbre = SyntaxTreeNode(_analyseur().parse(texte.replace("\r\n", "\n").replace("\r", "\n")))
    return _Rendu(corps, titre).blocs(arbre.children, _Contexte(corps, titre))


def paragraphes(texte: str, style: ParagraphStyle | None = None) -> list[Flowable]:
    """Plain text as paragraphs: a blank line separates two paragraphs, a single newline is a line break."""
    style = style or styles().corps
    blocs = _LIGNE_VIDE.split(texte.replace("\r\n", "\n").replace("\r", "\n"))
    return [para(bloc.strip("\n"), style) for bloc in blocs if bloc.strip()]
