"""The one letterhead, footer and set of styles of every PDF the committee prints.

A4 portrait. The letterhead (logo, committee name, its lines) opens the first page; every page carries a footer
(committee, document, « Émis le … », « Page X / Y ») and, for a draft, a « PROJET » mark and a light diagonal
watermark. The same data gives the same bytes: the creation date is `EnTete.emis_le` and reportlab runs invariant.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.documents.donnees import EnTete, Reunion
from app.documents.polices import GRASSE, ITALIQUE, NORMALE, enregistrer_polices
from app.documents.typographie import balisage, date_avec_jour, echapper, horaire
from app.format_fr import date_longue

LARGEUR_PAGE, HAUTEUR_PAGE = A4
MARGE_GAUCHE = MARGE_DROITE = 2 * cm
MARGE_HAUT = 2.2 * cm
MARGE_BAS = 2.4 * cm
LARGEUR_UTILE = LARGEUR_PAGE - MARGE_GAUCHE - MARGE_DROITE
PADDING_CADRE = 10
COUPURE_DANS_LIGNE = 36  # a table row taller than what is left may split inside, leaving at least this much (pt)
LARGEUR_CADRE = LARGEUR_UTILE - 2 * PADDING_CADRE  # what fits inside a `cadre`

ENCRE = colors.HexColor("#1F2933")
ACCENT = colors.HexColor("#1F4E79")
GRIS = colors.HexColor("#5F6B76")
GRIS_LIGNE = colors.HexColor("#AEB8C2")
FOND_ENTETE = colors.HexColor("#E4EBF2")
FOND_SECONDAIRE = colors.HexColor("#F4F6F8")
ROUGE_PROJET = colors.HexColor("#B42318")
FILIGRANE = colors.HexColor("#EDEFF2")
URGENCE_BORD = colors.HexColor("#B45309")
URGENCE_FOND = colors.HexColor("#FDF2E3")
INFO_BORD = ACCENT
INFO_FOND = colors.HexColor("#EAF1F8")


@dataclass(frozen=True)
class Styles:
    comite: ParagraphStyle
    ligne_en_tete: ParagraphStyle
    titre: ParagraphStyle
    sous_titre: ParagraphStyle
    section: ParagraphStyle
    sous_section: ParagraphStyle
    corps: ParagraphStyle
    corps_serre: ParagraphStyle
    petit: ParagraphStyle
    etiquette: ParagraphStyle
    titre_tableau: ParagraphStyle
    cellule: ParagraphStyle
    cellule_grasse: ParagraphStyle
    cellule_entete: ParagraphStyle
    cellule_secondaire: ParagraphStyle
    cellule_note: ParagraphStyle
    cellule_centree: ParagraphStyle
    cadre_titre: ParagraphStyle
    signature: ParagraphStyle
    pied: ParagraphStyle


@lru_cache(maxsize=1)
def styles() -> Styles:
    """The styles of every document (the fonts are registered on first use)."""
    enregistrer_polices()

    def style(nom: str, **options: Any) -> ParagraphStyle:
        base: dict[str, Any] = {
            "fontName": NORMALE,
            "fontSize": 10,
            "leading": 13.5,
            "textColor": ENCRE,
            "uriWasteReduce": 0.3,
        }
        base.update(options)
        return ParagraphStyle(nom, **base)

    def cellule(nom: str, **options: Any) -> ParagraphStyle:
        # In narrow cells a long hyphenated name (« Saint-Aubin-de-la-Rochefoucauld ») breaks after a hyphen, not
        # mid-word. Only for one-font cell text: reportlab 5.1 drops the hyphens of a word that starts a line after
        # a multi-font paragraph (bold label + text) is split across pages inside a table.
        return style(nom, embeddedHyphenation=1, **options)

    return Styles(
        comite=style("comite", fontName=GRASSE, fontSize=13.5, leading=17, textColor=ACCENT),
        ligne_en_tete=style("ligne_en_tete", fontSize=8.5, leading=11, textColor=GRIS),
        titre=style("titre", fontName=GRASSE, fontSize=19, leading=23, textColor=ACCENT, spaceBefore=4, spaceAfter=3),
        sous_titre=style("sous_titre", fontSize=11.5, leading=15, spaceAfter=10),
        section=style(
            "section",
            fontName=GRASSE,
            fontSize=12,
            leading=15,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=5,
        ),
        sous_section=style("sous_section", fontName=GRASSE, fontSize=10.5, leading=13.5, spaceBefore=9, spaceAfter=3),
        corps=style("corps", spaceAfter=5),
        corps_serre=style("corps_serre"),
        petit=style("petit", fontSize=8.5, leading=11, textColor=GRIS),
        etiquette=cellule("etiquette", fontName=GRASSE, fontSize=9, leading=12, textColor=GRIS),
        titre_tableau=style("titre_tableau", fontName=GRASSE, fontSize=12, leading=15, textColor=ACCENT),
        cellule=cellule("cellule", fontSize=9, leading=11.5),
        cellule_grasse=cellule("cellule_grasse", fontName=GRASSE, fontSize=9, leading=11.5),
        cellule_entete=cellule("cellule_entete", fontName=GRASSE, fontSize=8.5, leading=10.5, textColor=ACCENT),
        cellule_secondaire=cellule(
            "cellule_secondaire", fontName=ITALIQUE, fontSize=8.5, leading=11, textColor=GRIS, leftIndent=10
        ),
        cellule_note=cellule("cellule_note", fontSize=8, leading=10, textColor=GRIS),
        cellule_centree=cellule("cellule_centree", fontSize=9, leading=11.5, alignment=TA_CENTER),
        cadre_titre=style("cadre_titre", fontName=GRASSE, fontSize=10.5, leading=13.5, spaceAfter=3),
        signature=style("signature", alignment=TA_LEFT, leftIndent=LARGEUR_UTILE / 2),
        pied=style("pied", fontSize=7.5, leading=9.5, textColor=GRIS),
    )


# --- small builders shared by the documents -------------------------------------------------------------------


def para(texte: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph from plain text (escaped, French spacing, line breaks kept)."""
    return Paragraph(balisage(texte), style)


def para_balise(balises: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph from markup already made safe by the caller (each piece through `balisage`)."""
    return Paragraph(balises, style)


def gras(texte: str) -> str:
    return f"<b>{balisage(texte)}</b>"


def lien(url: str) -> str:
    """A clickable link, printed as given (no typography inside a URL)."""
    adresse = echapper(url.strip()).replace('"', "&quot;")
    return f'<link href="{adresse}" color="#1F4E79"><u>{echapper(url.strip())}</u></link>'


def titre_document(titre: str, sous_titre: str = "") -> list[Flowable]:
    st = styles()
    elements: list[Flowable] = [para(titre, st.titre)]
    if sous_titre:
        elements.append(para(sous_titre, st.sous_titre))
    return elements


def section(titre: str, groupes: Sequence[Sequence[Flowable]] = ()) -> list[Flowable]:
    """A section heading, then its short blocks (a list, an item…), each kept on one page when it fits.

    The heading goes with the first block, so it never sits alone at the foot of a page. The blocks must not
    hold a KeepTogether themselves: reportlab always breaks the page before a KeepTogether nested in another.
    Without blocks (a table follows, which splits), the heading just needs 3 cm left on the page.
    """
    titre_section = para(titre, styles().section)
    if not groupes:
        return [CondPageBreak(3 * cm), titre_section]
    premier, *suite = groupes
    return [
        CondPageBreak(3 * cm),
        KeepTogether([titre_section, *premier]),
        *(KeepTogether(list(groupe)) for groupe in suite),
    ]


def fiche(
    lignes: Iterable[tuple[str, Flowable | str]], largeur_etiquette: float = 4.3 * cm, largeur: float = LARGEUR_UTILE
) -> Table:
    """A two-column « label : value » block; a string value is plain text."""
    st = styles()
    donnees = [
        [para(etiquette, st.etiquette), para(valeur, st.corps_serre) if isinstance(valeur, str) else valeur]
        for etiquette, valeur in lignes
    ]
    tableau = Table(donnees, colWidths=[largeur_etiquette, largeur - largeur_etiquette], hAlign="LEFT")
    tableau.setStyle(
        style_table(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return tableau


def lignes_reunion(reunion: Reunion) -> list[tuple[str, Flowable | str]]:
    """Date, times, place, video link and format of a meeting, as `fiche` rows (empty ones left out)."""
    st = styles()
    lignes: list[tuple[str, Flowable | str]] = [("Date", date_avec_jour(reunion.date).capitalize())]
    heures = horaire(reunion.heure_debut, reunion.heure_fin)
    if heures:
        lignes.append(("Horaire", heures.capitalize()))
    if reunion.lieu.strip():
        lignes.append(("Lieu", reunion.lieu))
    if reunion.lien_visio.strip():
        lignes.append(("Visioconférence", para_balise(lien(reunion.lien_visio), st.corps_serre)))
    if reunion.format.strip():
        lignes.append(("Format", reunion.format))
    return lignes


def cadre(contenu: Sequence[Flowable], bord: colors.Color = INFO_BORD, fond: colors.Color = INFO_FOND) -> Table:
    """A boxed notice (urgency, second convocation, decision): a thick left rule on a tinted background.

    One row per flowable, split inside a row if need be: a box longer than a page flows on instead of failing.
    Not a KeepTogether (a KeepTogether inside another one always forces a page break): callers wrap it.
    """
    tableau = Table(
        [[element] for element in contenu],
        colWidths=[LARGEUR_UTILE],
        hAlign="LEFT",
        spaceAfter=8,
        splitInRow=COUPURE_DANS_LIGNE,
    )
    tableau.setStyle(
        style_table(
            [
                ("BACKGROUND", (0, 0), (-1, -1), fond),
                ("LINEBEFORE", (0, 0), (0, -1), 3, bord),
                ("BOX", (0, 0), (-1, -1), 0.5, bord),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), PADDING_CADRE),
                ("RIGHTPADDING", (0, 0), (-1, -1), PADDING_CADRE),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("TOPPADDING", (0, 0), (-1, 0), 7),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
            ]
        )
    )
    return tableau


def style_table(commandes: Iterable[tuple[Any, ...]]) -> TableStyle:
    """A TableStyle whose plain-string cells use DejaVu too (reportlab's default is Helvetica, never embedded)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), NORMALE), *commandes])


def style_tableau(ligne_entete: int = 0) -> list[tuple[Any, ...]]:
    """The grid of every data table: a tinted header row (at `ligne_entete`), thin rules below it."""
    h = ligne_entete
    return [
        ("BACKGROUND", (0, h), (-1, h), FOND_ENTETE),
        ("GRID", (0, h), (-1, -1), 0.4, GRIS_LIGNE),
        ("LINEBELOW", (0, h), (-1, h), 0.8, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, h), (-1, h), "MIDDLE"),
        ("LEFTPADDING", (0, h), (-1, -1), 4),
        ("RIGHTPADDING", (0, h), (-1, -1), 4),
        ("TOPPADDING", (0, h), (-1, -1), 3),
        ("BOTTOMPADDING", (0, h), (-1, -1), 4),
    ]


def liste_en_colonnes(noms: Sequence[str], colonnes: int = 2) -> Table:
    """Names side by side (filled column by column), for long attendance lists."""
    st = styles()
    hauteur = -(-len(noms) // colonnes)
    grille: list[list[Flowable | str]] = []
    for ligne in range(hauteur):
        rangee: list[Flowable | str] = []
        for colonne in range(colonnes):
            indice = colonne * hauteur + ligne
            rangee.append(para("• " + noms[indice], st.cellule) if indice < len(noms) else "")
        grille.append(rangee)
    tableau = Table(grille, colWidths=[LARGEUR_UTILE / colonnes] * colonnes, hAlign="LEFT")
    tableau.setStyle(
        style_table(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
            ]
        )
    )
    return tableau


def bloc_signatures(signataires: Sequence[tuple[str, str]]) -> Table:
    """Side-by-side signature blocks: (function, name), with room to sign below."""
    st = styles()
    largeur = LARGEUR_UTILE / max(len(signataires), 1)
    cellules = [
        [para(fonction, st.etiquette), para(nom, st.corps_serre), Spacer(1, 1.6 * cm)] for fonction, nom in signataires
    ]
    tableau = Table([cellules], colWidths=[largeur] * len(signataires), hAlign="LEFT")
    tableau.setStyle(style_table([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return tableau


# --- letterhead ------------------------------------------------------------------------------------------------


def _logo(octets: bytes, largeur_max: float, hauteur_max: float) -> Image | None:
    """The logo scaled to fit; None if the bytes are not a readable image (the document still prints)."""
    try:
        largeur, hauteur = ImageReader(io.BytesIO(octets)).getSize()
    except Exception:  # reportlab wraps PIL's many error types; a bad logo must not block a convocation
        return None
    if largeur <= 0 or hauteur <= 0:
        return None
    echelle = min(largeur_max / largeur, hauteur_max / hauteur)
    return Image(io.BytesIO(octets), width=largeur * echelle, height=hauteur * echelle, hAlign="LEFT")


def en_tete_flowables(en_tete: EnTete, largeur: float = LARGEUR_UTILE) -> list[Flowable]:
    st = styles()
    texte: list[Flowable] = [para(en_tete.comite, st.comite)]
    texte += [para(ligne, st.ligne_en_tete) for ligne in en_tete.lignes if ligne.strip()]
    image = _logo(en_tete.logo, 3.6 * cm, 2.2 * cm) if en_tete.logo else None
    elements: list[Flowable]
    if image is not None:
        largeur_logo = image.drawWidth + 0.6 * cm
        tableau = Table([[image, texte]], colWidths=[largeur_logo, largeur - largeur_logo], hAlign="LEFT")
        tableau.setStyle(
            style_table(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        elements = [tableau]
    else:
        elements = texte
    elements.append(HRFlowable(width="100%", thickness=1.2, color=ACCENT, spaceBefore=6, spaceAfter=12))
    return elements


# --- page furniture: footer, page numbers, draft mark ----------------------------------------------------------


@dataclass(frozen=True)
class _Habillage:
    pied: Paragraph  # the footer's left part: committee, then document (wraps if long)
    haut_pied: float  # top of that paragraph: the footer grows upwards from BAS_PIED
    emis: str  # « Émis le 5 mars 2026 », right-aligned under the page number
    projet: bool
    largeur_page: float = LARGEUR_PAGE  # A4 portrait unless `construire_pdf(paysage=True)`
    hauteur_page: float = HAUTEUR_PAGE
    angle_filigrane: float = 52  # about the page's diagonal


class _Horodatage:
    """Stands in for reportlab's TimeStamp: the PDF's creation date is the issue date, at midnight UTC."""

    def __init__(self, jour: dt.date) -> None:
        instant = dt.datetime(jour.year, jour.month, jour.day, tzinfo=dt.UTC)
        self.t = float(calendar.timegm(instant.timetuple()))
        self.lt = instant.timetuple()
        self.YMDhms = (jour.year, jour.month, jour.day, 0, 0, 0)
        self.dhh = 0
        self.dmm = 0
        self.tzname = "UTC"


BAS_PIED = 0.9 * cm
LARGEUR_PIED = LARGEUR_UTILE - 4.2 * cm  # leaves room for « Émis le 24 septembre 2026 » on the right


def largeur_utile(paysage: bool = False) -> float:
    """The width between the margins: `LARGEUR_UTILE` in portrait, wider in landscape."""
    return (HAUTEUR_PAGE if paysage else LARGEUR_PAGE) - MARGE_GAUCHE - MARGE_DROITE


def _premiere_ligne_pied(haut_pied: float) -> float:
    return haut_pied - 7.5  # baseline of the footer's first line (font size 7.5)


def _dessiner_page(canevas: Canvas, habillage: _Habillage) -> None:
    """Drawn before the page's content: the watermark stays under the text."""
    canevas.saveState()
    if habillage.projet:
        canevas.setFillColor(FILIGRANE)
        canevas.setFont(GRASSE, 120)
        largeur_page, hauteur_page = habillage.largeur_page, habillage.hauteur_page
        canevas.translate(largeur_page / 2, hauteur_page / 2)
        canevas.rotate(habillage.angle_filigrane)
        canevas.drawCentredString(0, -40, "PROJET")
        canevas.rotate(-habillage.angle_filigrane)
        canevas.translate(-largeur_page / 2, -hauteur_page / 2)
        # The header mark: a framed « PROJET » at the top right of every page.
        largeur, hauteur = 2.4 * cm, 0.62 * cm
        x = habillage.largeur_page - MARGE_DROITE - largeur
        y = habillage.hauteur_page - 1.45 * cm
        canevas.setStrokeColor(ROUGE_PROJET)
        canevas.setFillColor(ROUGE_PROJET)
        canevas.setLineWidth(1)
        canevas.rect(x, y, largeur, hauteur, stroke=1, fill=0)
        canevas.setFont(GRASSE, 10)
        canevas.drawCentredString(x + largeur / 2, y + 0.19 * cm, "PROJET")
        canevas.setFont(ITALIQUE, 7.5)
        canevas.drawRightString(x - 0.25 * cm, y + 0.21 * cm, "Document de travail, non approuvé")
    # Footer: a rule, then committee and document on the left; the page number is added when the total is known.
    haut = habillage.haut_pied
    canevas.setStrokeColor(GRIS_LIGNE)
    canevas.setLineWidth(0.5)
    canevas.line(MARGE_GAUCHE, haut + 4, habillage.largeur_page - MARGE_DROITE, haut + 4)
    habillage.pied.drawOn(canevas, MARGE_GAUCHE, BAS_PIED)
    canevas.setFont(NORMALE, 7.5)
    canevas.setFillColor(GRIS)
    canevas.drawRightString(habillage.largeur_page - MARGE_DROITE, _premiere_ligne_pied(haut) - 9.5, habillage.emis)
    canevas.restoreState()


def _dessiner_numero(
    canevas: Canvas, numero: int, total: int, haut_pied: float, largeur_page: float = LARGEUR_PAGE
) -> None:
    canevas.saveState()
    canevas.setFont(NORMALE, 7.5)
    canevas.setFillColor(GRIS)
    canevas.drawRightString(largeur_page - MARGE_DROITE, _premiere_ligne_pied(haut_pied), f"Page {numero} / {total}")
    canevas.restoreState()


def _fabrique_canevas(emis_le: dt.date, haut_pied: float, largeur_page: float = LARGEUR_PAGE) -> type[Canvas]:
    class _CanevasNumerote(Canvas):
        """Holds the pages until the end so that each can say « Page X / Y »."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages_retenues: list[dict[str, Any]] = []
            self._doc._timeStamp = _Horodatage(emis_le)

        def showPage(self) -> None:
            self._pages_retenues.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages_retenues)
            for numero, etat in enumerate(self._pages_retenues, start=1):
                self.__dict__.update(etat)
                _dessiner_numero(self, numero, total, haut_pied, largeur_page)
                super().showPage()
            super().save()

    return _CanevasNumerote


def construire_pdf(
    en_tete: EnTete,
    *,
    titre: str,
    reference: str,
    sujet: str,
    contenu: Sequence[Flowable],
    projet: bool = False,
    paysage: bool = False,
) -> bytes:
    """Lay `contenu` out under the letterhead, with the footer (and the draft mark) on every page.

    `paysage`: A4 landscape, for wide tables (the register); the frame is then `largeur_utile(True)` wide.
    """
    enregistrer_polices()
    taille = landscape(A4) if paysage else A4
    largeur_page, hauteur_page = taille
    titre_complet = f"{titre} — {reference}" if reference else titre
    pied = Paragraph(balisage(en_tete.comite) + "<br/>" + balisage(titre_complet), styles().pied)
    _largeur, hauteur_pied = pied.wrap(LARGEUR_PIED + largeur_page - LARGEUR_PAGE, hauteur_page)
    habillage = _Habillage(
        pied=pied,
        haut_pied=BAS_PIED + hauteur_pied,
        emis=f"Émis le {date_longue(en_tete.emis_le)}",
        projet=projet,
        largeur_page=largeur_page,
        hauteur_page=hauteur_page,
        angle_filigrane=32 if paysage else 52,
    )
    # A committee name long enough to wrap pushes the body up rather than under the footer.
    marge_bas = max(MARGE_BAS, habillage.haut_pied + 0.6 * cm)

    flux = io.BytesIO()
    document = BaseDocTemplate(
        flux,
        pagesize=taille,
        leftMargin=MARGE_GAUCHE,
        rightMargin=MARGE_DROITE,
        topMargin=MARGE_HAUT,
        bottomMargin=marge_bas,
        title=titre_complet,
        author=en_tete.comite,
        subject=sujet,
        creator="Comité local",
        producer="Comité local (ReportLab)",
        invariant=1,
        lang="fr-FR",
        displayDocTitle=True,
        initialFontName=NORMALE,
    )
    cadre_page = Frame(
        MARGE_GAUCHE,
        marge_bas,
        largeur_utile(paysage),
        hauteur_page - MARGE_HAUT - marge_bas,
        id="corps",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document.addPageTemplates(
        [PageTemplate(id="page", frames=[cadre_page], onPage=lambda canevas, _doc: _dessiner_page(canevas, habillage))]
    )
    histoire: list[Flowable] = [*en_tete_flowables(en_tete, largeur_utile(paysage)), *contenu]
    document.build(histoire, canvasmaker=_fabrique_canevas(en_tete.emis_le, habillage.haut_pied, largeur_page))
    return flux.getvalue()
