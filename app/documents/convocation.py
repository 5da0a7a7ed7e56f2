"""The convocation and its agenda, as PDF bytes."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from app.documents.donnees import Convocation, PointOdj
from app.documents.mise_en_page import (
    COUPURE_DANS_LIGNE,
    LARGEUR_UTILE,
    URGENCE_BORD,
    URGENCE_FOND,
    cadre,
    construire_pdf,
    fiche,
    gras,
    lignes_reunion,
    para,
    para_balise,
    section,
    style_table,
    style_tableau,
    styles,
    titre_document,
)
from app.documents.textes import phrase_quorum, phrase_seconde, phrase_urgence
from app.documents.typographie import duree_fr, libelle_reference
from app.format_fr import date_longue


def _tableau_odj(points: tuple[PointOdj, ...]) -> Flowable:
    st = styles()
    entete = [para(t, st.cellule_entete) for t in ("N°", "Point", "Nature", "Rapporteur", "Durée")]
    lignes: list[list[object]] = [entete]
    for point in points:
        cellule_titre: list[Flowable] = [para(point.titre, st.cellule_grasse)]
        if point.reference_liee.strip():
            cellule_titre.append(para(libelle_reference(point.reference_liee), st.cellule_note))
        lignes.append(
            [
                para(str(point.numero), st.cellule_centree),
                cellule_titre,
                para(point.nature, st.cellule),
                para(point.rapporteur, st.cellule),
                para(duree_fr(point.duree_minutes) if point.duree_minutes else "", st.cellule),
            ]
        )
    fixes = 1.0 * cm + 2.5 * cm + 3.6 * cm + 1.7 * cm
    largeurs = [1.0 * cm, LARGEUR_UTILE - fixes, 2.5 * cm, 3.6 * cm, 1.7 * cm]
    tableau = Table(lignes, colWidths=largeurs, repeatRows=1, hAlign="LEFT", splitInRow=COUPURE_DANS_LIGNE)
    tableau.setStyle(style_table(style_tableau()))
    return tableau


def _pouvoirs(c: Convocation) -> list[Flowable]:
    st = styles()
    phrases = ["En cas d'empêchement, prévenez votre suppléant ou votre suppléante : il ou elle siégera à votre place."]
    if c.pouvoirs_max_par_porteur <= 0:
        phrases.append("Les pouvoirs ne sont pas admis pour cette instance.")
    else:
        maximum = "d'un pouvoir" if c.pouvoirs_max_par_porteur == 1 else f"de {c.pouvoirs_max_par_porteur} pouvoirs"
        phrases.append(
            "À défaut, vous pouvez donner pouvoir à un autre membre à voix délibérative de l'instance. "
            f"Un même membre ne peut pas porter plus {maximum}."
        )
        if c.seconde is None:
            phrases.append(
                "Les pouvoirs sont pris en compte dans le calcul du quorum."
                if c.quorum.pouvoirs_comptes
                else "Les pouvoirs ne sont pas pris en compte dans le calcul du quorum."
            )
    if c.secretariat.strip():
        phrases.append(f"Pour signaler votre absence ou donner pouvoir, adressez-vous au secrétariat : {c.secretariat}")
    else:
        phrases.append("Pour signaler votre absence ou donner pouvoir, adressez-vous au secrétariat du comité.")
    return [para(phrase, st.corps) for phrase in phrases]


def convocation_pdf(c: Convocation) -> bytes:
    """The convocation: meeting, agenda, proxies and quorum; urgency and second-convocation notices when due."""
    st = styles()
    r = c.reunion
    contenu: list[Flowable] = [
        *titre_document("Convocation", f"{r.instance} — séance {r.reference}"),
    ]
    if c.motif_urgence.strip():
        urgence = [
            para("Convocation adressée en urgence", st.cadre_titre),
            para(phrase_urgence(c.delai_jours, c.motif_urgence), st.corps_serre),
        ]
        contenu.append(KeepTogether([cadre(urgence, bord=URGENCE_BORD, fond=URGENCE_FOND)]))
    if c.seconde is not None:
        seconde = [para("Seconde convocation", st.cadre_titre), para(phrase_seconde(c.seconde), st.corps_serre)]
        contenu.append(KeepTogether([cadre(seconde)]))
    contenu += [
        para("Madame, Monsieur,", st.corps),
        para("Vous êtes invité(e) à participer à la séance suivante :", st.corps),
        Spacer(1, 4),
        fiche([*lignes_reunion(r), *([("Convoquée par", c.convoque_par)] if c.convoque_par.strip() else [])]),
    ]

    contenu += section("Ordre du jour")
    if c.points:
        contenu.append(_tableau_odj(c.points))
    else:
        contenu.append(para("Aucun point n'est encore inscrit à l'ordre du jour.", st.corps))

    contenu += section("Suppléance et pouvoirs", [_pouvoirs(c)])
    if c.seconde is None:
        contenu += section("Quorum", [[para(phrase_quorum(c.quorum), st.corps)]])

    if c.convoque_par.strip():
        contenu += [Spacer(1, 16), para_balise(gras(c.convoque_par), st.signature)]
    sujet = f"{r.instance}, séance {r.reference} du {date_longue(r.date)}"
    return construire_pdf(c.en_tete, titre="Convocation", reference=r.reference, sujet=sujet, contenu=contenu)
