"""The attendance sheet (feuille d'émargement), as PDF bytes."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from app.documents.donnees import Emargement, LigneEmargement
from app.documents.mise_en_page import (
    COUPURE_DANS_LIGNE,
    FOND_SECONDAIRE,
    LARGEUR_CADRE,
    LARGEUR_UTILE,
    cadre,
    construire_pdf,
    fiche,
    gras,
    lignes_reunion,
    para,
    para_balise,
    style_table,
    style_tableau,
    styles,
    titre_document,
)
from app.documents.textes import phrase_seconde
from app.documents.typographie import balisage, fraction_fr, pluriel
from app.format_fr import date_longue

HAUTEUR_SIGNATURE = 0.78 * cm  # plus the cell padding: rows of about 1 cm, room for a hand signature
LARGEURS = [3.9 * cm, 4.4 * cm, 2.8 * cm, 2.7 * cm]
LARGEURS.append(LARGEUR_UTILE - sum(LARGEURS))


def est_suppleant(ligne: LigneEmargement) -> bool:
    """A suppléant row (printed under its titulaire, indented): the service words its qualité « Suppléant… »."""
    return ligne.qualite.strip().lower().startswith("suppl")


def _tableau(titre: str, lignes: Sequence[LigneEmargement]) -> Table:
    """The group's title is the table's first row: repeated with the column headers when the table splits,
    so that a continued page still says which collège it lists."""
    st = styles()
    entete = [para(t, st.cellule_entete) for t in ("Nom", "Structure", "Qualité", "Mention", "Signature")]
    donnees: list[list[object]] = [[para(titre, st.titre_tableau), "", "", "", ""], entete]
    commandes = [
        ("SPAN", (0, 0), (-1, 0)),
        ("LEFTPADDING", (0, 0), (-1, 0), 0),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
        *style_tableau(ligne_entete=1),
    ]
    for rang, ligne in enumerate(lignes, start=2):
        if est_suppleant(ligne):
            nom = para("↳ " + ligne.nom, st.cellule_secondaire)
            commandes.append(("BACKGROUND", (0, rang), (3, rang), FOND_SECONDAIRE))
        else:
            nom = para(ligne.nom, st.cellule_grasse)
        donnees.append(
            [
                nom,
                para(ligne.structure, st.cellule),
                para(ligne.qualite, st.cellule),
                para(ligne.mention, st.cellule),
                Spacer(1, HAUTEUR_SIGNATURE),
            ]
        )
    tableau = Table(
        donnees, colWidths=LARGEURS, repeatRows=2, hAlign="LEFT", spaceBefore=12, splitInRow=COUPURE_DANS_LIGNE
    )
    tableau.setStyle(style_table(commandes))
    return tableau


def _groupe(titre: str, lignes: Sequence[LigneEmargement]) -> list[Flowable]:
    if not lignes:
        return []
    return [CondPageBreak(3.5 * cm), _tableau(f"{titre} ({len(lignes)})", lignes)]


def _case(etiquette: str) -> list[Flowable]:
    st = styles()
    return [para(etiquette, st.etiquette), Spacer(1, 0.75 * cm)]


def _decompte(e: Emargement) -> list[Flowable]:
    """The quorum arithmetic at the foot, with blanks to fill in by hand."""
    st = styles()
    q = e.quorum
    cases = ["Présents", "Suppléés", "Représentés" if q.pouvoirs_comptes else "Représentés (non comptés)", "Total"]
    grille = Table([[_case(c) for c in cases]], colWidths=[LARGEUR_CADRE / len(cases)] * len(cases), hAlign="LEFT")
    grille.setStyle(
        style_table(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, st.etiquette.textColor),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, st.etiquette.textColor),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    total = "présents + suppléés + représentés" if q.pouvoirs_comptes else "présents + suppléés"
    contenu: list[Flowable] = [para("Décompte des voix délibératives", st.cadre_titre)]
    if e.seconde is not None:
        contenu.append(para_balise(gras("Seconde convocation.") + " " + balisage(phrase_seconde(e.seconde)), st.corps))
        contenu.append(para(f"Sièges à voix délibérative attendus : {q.attendus}. Total = {total}.", st.corps))
        contenu += [grille]
    else:
        pouvoirs = "pouvoirs compris" if q.pouvoirs_comptes else "les pouvoirs ne sont pas comptés"
        contenu.append(
            fiche(
                [
                    ("Sièges attendus", pluriel(q.attendus, "siège à voix délibérative", "sièges à voix délibérative")),
                    ("Règle", f"{fraction_fr(q.numerateur, q.denominateur).capitalize()} des sièges, {pouvoirs}"),
                    ("Voix requises", f"{q.requis} au moins (total = {total})"),
                ],
                largeur_etiquette=3.4 * cm,
                largeur=LARGEUR_CADRE,
            )
        )
        contenu += [Spacer(1, 6), grille, Spacer(1, 8), para("Quorum atteint :   □ oui     □ non", st.cadre_titre)]
    return [Spacer(1, 10), KeepTogether([cadre(contenu)])]


def emargement_pdf(e: Emargement) -> bytes:
    """One table per collège (titulaires, each followed by their suppléants), then consultative members and guests;
    the quorum arithmetic at the foot."""
    r = e.reunion
    contenu: list[Flowable] = [
        *titre_document("Feuille d'émargement", f"{r.instance} — séance {r.reference}"),
        fiche([*lignes_reunion(r)]),
    ]
    for groupe in e.colleges:
        contenu += _groupe(groupe.titre, groupe.lignes)
    contenu += _groupe("Membres à voix consultative", e.consultatifs)
    contenu += _groupe("Invités", e.invites)
    contenu += _decompte(e)
    sujet = f"{r.instance}, séance {r.reference} du {date_longue(r.date)}"
    return construire_pdf(e.en_tete, titre="Feuille d'émargement", reference=r.reference, sujet=sujet, contenu=contenu)
