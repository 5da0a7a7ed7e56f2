"""The year's register of opinions and recommendations: a PDF to file and print (A4 landscape), and an xlsx.

One line per text: number, nature, title, referrals, themes, status, adoption (date and meeting), publication;
the count at the foot (« 7 avis et recommandations, dont 5 adoptés et 2 publiés »).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table

from app.documents.classeur import Valeur, ajouter_tableau, ajuster_largeurs, octets_classeur, proprietes
from app.documents.donnees_ethique import LigneRegistre, Registre
from app.documents.mise_en_page import (
    COUPURE_DANS_LIGNE,
    construire_pdf,
    gras,
    largeur_utile,
    para,
    para_balise,
    style_table,
    style_tableau,
    styles,
    titre_document,
)
from app.format_fr import date_longue

ENTETES_PDF = ("Numéro", "Nature", "Titre", "Saisines", "Thèmes", "Statut", "Adoption", "Publication")
ENTETES_XLSX = (
    "Numéro",
    "Nature",
    "Titre",
    "Saisines",
    "Thèmes",
    "Statut",
    "Adoptée le",
    "Séance d'adoption",
    "Publication autorisée",
    "Publiée le",
)


def titre_registre(annee: int) -> str:
    return f"Registre des avis et recommandations — année {annee}"


def _nombre(n: int, mot: str) -> str:
    return f"{n} {mot}{'s' if n > 1 else ''}"


def phrase_decompte(lignes: Sequence[LigneRegistre], annee: int) -> str:
    """« 7 avis et recommandations, dont 5 adoptés et 2 publiés. » and its variants."""
    total = len(lignes)
    if total == 0:
        return f"Aucun avis ni recommandation enregistré en {annee}."
    adoptes = sum(1 for ligne in lignes if ligne.adoptee_le is not None)
    publies = sum(1 for ligne in lignes if ligne.publiee_le is not None)
    debut = "1 avis ou recommandation" if total == 1 else f"{total} avis et recommandations"
    if adoptes == 0 and publies == 0:
        return f"{debut}, {'non adopté' if total == 1 else 'aucun adopté'} à ce jour."
    if total == 1:
        return f"{debut}, {'adopté et publié' if publies else 'adopté, non publié'}."
    if publies == 0:
        return f"{debut}, dont {_nombre(adoptes, 'adopté')} ; aucun n'est publié."
    if adoptes == 0:  # published without an adoption date: inconsistent data, said as it is
        return f"{debut}, dont {_nombre(publies, 'publié')}."
    return f"{debut}, dont {_nombre(adoptes, 'adopté')} et {_nombre(publies, 'publié')}."


def texte_publication(ligne: LigneRegistre) -> str:
    if ligne.publiee_le is not None:
        return f"Publiée le {date_longue(ligne.publiee_le)}"
    return "Autorisée, non publiée" if ligne.publication_autorisee else "Non autorisée"


# --- PDF -----------------------------------------------------------------------------------------------------


PADDING = 4 + 4 + 1  # the cell's left and right padding (`style_tableau`), and a point of slack


def _largeur(textes: Sequence[str], police: str, taille: float, maximum: float) -> float:
    """As wide as the longest text, up to `maximum`, but never narrower than its longest word (no word cut)."""
    textes = [t for t in textes if t] or [""]
    entier = max(stringWidth(t, police, taille) for t in textes)
    mot = max(stringWidth(m, police, taille) for t in textes for m in (t.split() or [""]))
    return max(min(entier, maximum), mot) + PADDING


def _largeurs(lignes: Sequence[LigneRegistre]) -> list[float]:
    """Column widths from the content: numbers and short labels never wrap, the title takes what is left."""
    st = styles()
    normale, grasse, taille = st.cellule.fontName, st.cellule_grasse.fontName, st.cellule.fontSize
    entete = st.cellule_entete
    largeurs = [
        _largeur([ligne.numero for ligne in lignes], grasse, taille, 3 * cm),
        _largeur([ligne.nature for ligne in lignes], normale, taille, 2.6 * cm),
        0.0,
        _largeur([s for ligne in lignes for s in ligne.saisines] or ["—"], normale, taille, 2.6 * cm),
        _largeur([t for ligne in lignes for t in ligne.themes] or ["—"], normale, taille, 3.0 * cm),
        _largeur([ligne.statut for ligne in lignes], normale, taille, 2.2 * cm),
        3.3 * cm,
        2.7 * cm,
    ]
    for rang, titre in enumerate(ENTETES_PDF):
        if rang != 2:  # a header never breaks inside its word either
            largeurs[rang] = max(largeurs[rang], stringWidth(titre, entete.fontName, entete.fontSize) + PADDING)
    largeurs[2] = largeur_utile(paysage=True) - sum(largeurs)
    return largeurs


def _tableau(lignes: Sequence[LigneRegistre]) -> Table:
    st = styles()
    donnees: list[list[object]] = [[para(t, st.cellule_entete) for t in ENTETES_PDF]]
    for ligne in lignes:
        adoption: list[Flowable] = []
        if ligne.adoptee_le is not None:
            adoption.append(para(date_longue(ligne.adoptee_le), st.cellule))
            if ligne.seance_adoption.strip():
                adoption.append(para(ligne.seance_adoption, st.cellule_note))
        else:
            adoption.append(para("—", st.cellule))
        donnees.append(
            [
                para(ligne.numero, st.cellule_grasse),
                para(ligne.nature, st.cellule),
                para(ligne.titre, st.cellule),
                para("\n".join(ligne.saisines) or "—", st.cellule),
                para(", ".join(ligne.themes) or "—", st.cellule),
                para(ligne.statut, st.cellule),
                adoption,
                para(texte_publication(ligne), st.cellule),
            ]
        )
    largeurs = _largeurs(lignes)
    tableau = Table(donnees, colWidths=largeurs, repeatRows=1, hAlign="LEFT", splitInRow=COUPURE_DANS_LIGNE)
    tableau.setStyle(style_table(style_tableau()))
    return tableau


def registre_pdf(r: Registre) -> bytes:
    """The register, A4 landscape, with the count at the foot."""
    st = styles()
    contenu: list[Flowable] = titre_document(titre_registre(r.annee))
    if r.lignes:
        contenu += [Spacer(1, 4), _tableau(r.lignes), Spacer(1, 8)]
        contenu.append(para_balise(gras(phrase_decompte(r.lignes, r.annee)), st.corps))
    else:
        contenu += [Spacer(1, 6), para(phrase_decompte(r.lignes, r.annee), st.corps)]
    return construire_pdf(
        r.en_tete,
        titre="Registre des avis et recommandations",
        reference=str(r.annee),
        sujet=f"Avis et recommandations de l'année {r.annee}",
        contenu=contenu,
        paysage=True,
    )


# --- xlsx ----------------------------------------------------------------------------------------------------


def _valeurs(ligne: LigneRegistre) -> list[Valeur]:
    return [
        ligne.numero,
        ligne.nature,
        ligne.titre,
        ", ".join(ligne.saisines),
        ", ".join(ligne.themes),
        ligne.statut,
        ligne.adoptee_le,
        ligne.seance_adoption,
        ligne.publication_autorisee,
        ligne.publiee_le,
    ]


def registre_xlsx(r: Registre) -> bytes:
    """One sheet « Registre AAAA »: an Excel table with filters, header frozen, the count two rows below."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    classeur = Workbook()
    feuille = classeur.active
    feuille.title = f"Registre {r.annee}"
    etendue = ajouter_tableau(feuille, f"Registre_{r.annee}", ENTETES_XLSX, [_valeurs(ligne) for ligne in r.lignes])
    ajuster_largeurs(feuille)
    haut = Alignment(vertical="top", wrap_text=True)
    for rangee in feuille[etendue]:
        for cellule in rangee:
            cellule.alignment = haut  # long titles wrap within their column instead of running under the next
    derniere = feuille.max_row
    note = feuille.cell(row=derniere + 2, column=1)
    note.value = phrase_decompte(r.lignes, r.annee)
    note.data_type = "s"
    note.font = Font(italic=True)
    feuille.freeze_panes = "A2"

    # Printed: landscape, as wide as the page, the header row repeated, the title and page numbers in the margins.
    feuille.page_setup.orientation = "landscape"
    feuille.page_setup.paperSize = feuille.PAPERSIZE_A4
    feuille.sheet_properties.pageSetUpPr.fitToPage = True
    feuille.page_setup.fitToWidth, feuille.page_setup.fitToHeight = 1, 0
    feuille.print_title_rows = "1:1"
    feuille.oddHeader.center.text = titre_registre(r.annee).replace("&", "&&")
    feuille.oddFooter.left.text = r.en_tete.comite.replace("&", "&&")
    feuille.oddFooter.right.text = "Page &P / &N"

    proprietes(
        classeur,
        titre=titre_registre(r.annee),
        sujet=f"Avis et recommandations de l'année {r.annee} — {r.en_tete.comite}",
        emis_le=r.en_tete.emis_le,
    )
    return octets_classeur(classeur, r.en_tete.emis_le)
