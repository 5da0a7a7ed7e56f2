"""The file sent to the HCTS ethics and deontology commission when a referral is escalated, as PDF bytes.

The referral (number, dates, channel, the requester's kind, themes), its anonymised question and context, who
validated the anonymisation and when, the local opinion(s) with their text, the referral's history and what was
sent to the HCTS. Nothing about the requester but their kind: `DossierHcts` has no field that could carry more,
and this module prints each field it has, nothing else.

Until the anonymisation is validated the file is marked « PROJET » and says it must not be sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from app.documents.avis import accord
from app.documents.donnees_ethique import AvisResume, DossierHcts, EnvoiHcts, EtapeSaisine
from app.documents.mise_en_page import (
    COUPURE_DANS_LIGNE,
    LARGEUR_UTILE,
    URGENCE_BORD,
    URGENCE_FOND,
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
from app.documents.texte_formate import flowables_texte, paragraphes
from app.format_fr import date_longue

TITRE = "Saisine de la commission éthique et déontologie du HCTS"


def anonymisation_validee(d: DossierHcts) -> bool:
    return d.anonymisation_validee_le is not None


def _fiche(d: DossierHcts) -> Flowable:
    lignes: list[tuple[str, Flowable | str]] = [
        ("Numéro", d.numero),
        ("Reçue le", date_longue(d.recue_le)),
        ("Canal", d.canal),
        ("Type de demandeur", d.type_demandeur),
        ("Recevable le", date_longue(d.recevable_le) if d.recevable_le else "Recevabilité non encore prononcée"),
    ]
    if d.themes:
        lignes.insert(4, ("Thèmes" if len(d.themes) > 1 else "Thème", ", ".join(d.themes)))
    return fiche(lignes)


def _avertissement() -> Flowable:
    st = styles()
    avertissement = [
        para("Anonymisation non validée", st.cadre_titre),
        para(
            "Ce dossier ne doit pas être transmis tant qu'une seconde personne n'a pas validé l'anonymisation "
            "de la question et du contexte.",
            st.corps_serre,
        ),
    ]
    return KeepTogether([cadre(avertissement, bord=URGENCE_BORD, fond=URGENCE_FOND)])


def _anonymisation(d: DossierHcts) -> list[Flowable]:
    st = styles()
    if d.anonymisation_validee_le is None:
        return [para("Anonymisation non validée à ce jour.", st.corps)]
    qui = f" par {d.anonymisation_validee_par.strip()}" if d.anonymisation_validee_par.strip() else ""
    return [
        para(f"Anonymisation validée{qui} le {date_longue(d.anonymisation_validee_le)}.", st.corps),
        para(
            "Aucun élément d'identification du demandeur n'est transmis : seul son type figure dans ce dossier.",
            st.corps,
        ),
    ]


def _etat_avis(avis: AvisResume) -> str:
    """« Publiée — adoptée le 12 mars 2026 », « Adoptée le 12 mars 2026 », « Projet — non adopté à ce jour »."""
    fin = accord(avis.nature)
    if avis.adoptee_le is None:
        return f"{avis.statut} — non adopté{fin} à ce jour"
    if avis.statut.strip().lower().startswith("adopt"):
        return f"Adopté{fin} le {date_longue(avis.adoptee_le)}"
    return f"{avis.statut} — adopté{fin} le {date_longue(avis.adoptee_le)}"


def _avis(avis: AvisResume) -> list[Flowable]:
    st = styles()
    titre = _titre_dans_cadre()
    texte: list[Flowable] = []
    for rang, element in enumerate(flowables_texte(avis.texte, st.corps, titre)):
        # Each flowable is a row of the box, and a cell drops its first flowable's space before: made explicit.
        if rang and isinstance(element, Paragraph) and element.style.parent is titre:
            texte.append(Spacer(1, titre.spaceBefore))
        texte.append(element)
    texte = texte or [para("Texte non rédigé.", st.petit)]
    # Not kept together: a long opinion flows on from the foot of the page rather than leaving it blank.
    return [
        CondPageBreak(4 * cm),
        para(f"{avis.nature} {avis.numero} — {avis.titre}", st.sous_section),
        para(_etat_avis(avis), st.petit),
        Spacer(1, 3),
        cadre(texte),
    ]


@lru_cache(maxsize=1)
def _titre_dans_cadre() -> ParagraphStyle:
    return ParagraphStyle("titre_dans_cadre", parent=styles().cadre_titre, spaceBefore=4)


def _tableau(entetes: Sequence[str], lignes: list[list[object]], largeurs: Sequence[float]) -> Table:
    st = styles()
    donnees: list[list[object]] = [[para(t, st.cellule_entete) for t in entetes], *lignes]
    tableau = Table(donnees, colWidths=list(largeurs), repeatRows=1, hAlign="LEFT", splitInRow=COUPURE_DANS_LIGNE)
    tableau.setStyle(style_table(style_tableau()))
    return tableau


def _historique(etapes: Sequence[EtapeSaisine]) -> Table:
    st = styles()
    largeurs = [2.9 * cm, 4.2 * cm, 3.6 * cm, 0.0]
    largeurs[-1] = LARGEUR_UTILE - sum(largeurs)
    lignes: list[list[object]] = [
        [
            para(date_longue(e.le), st.cellule),
            para(e.statut, st.cellule_grasse),
            para(e.par, st.cellule),
            para(e.motif, st.cellule),
        ]
        for e in etapes
    ]
    return _tableau(("Date", "Étape", "Par", "Motif"), lignes, largeurs)


def _envois(envois: Sequence[EnvoiHcts]) -> Table:
    st = styles()
    largeurs = [2.9 * cm, 0.0, 3.6 * cm, 5.6 * cm]
    largeurs[1] = LARGEUR_UTILE - sum(largeurs)
    lignes: list[list[object]] = [
        [
            para(date_longue(e.le), st.cellule),
            para(e.objet, st.cellule),
            para(e.par, st.cellule),
            para(e.reponse, st.cellule) if e.reponse.strip() else para("En attente de réponse", st.cellule_note),
        ]
        for e in envois
    ]
    return _tableau(("Date", "Objet", "Par", "Réponse du HCTS"), lignes, largeurs)


def dossier_hcts_pdf(d: DossierHcts) -> bytes:
    """The escalation file; « PROJET » (not to be sent) while the anonymisation is not validated."""
    st = styles()
    contenu: list[Flowable] = titre_document(TITRE, f"Dossier de la saisine {d.numero}")
    if not anonymisation_validee(d):
        contenu.append(_avertissement())
    contenu.append(
        para(
            "Le comité local transmet à la commission éthique et déontologie du Haut Conseil du travail social "
            "la saisine ci-dessous. La question et son contexte ont été anonymisés.",
            st.corps,
        )
    )
    contenu += section("La saisine", [[_fiche(d)]])
    question = paragraphes(d.question) or [para("Question non renseignée.", st.petit)]
    contenu += section("Question anonymisée", [question[:1], *([p] for p in question[1:])])
    contexte = paragraphes(d.contexte) or [para("Aucun élément de contexte.", st.petit)]
    contenu += section("Contexte anonymisé", [contexte[:1], *([p] for p in contexte[1:])])
    contenu += section("Anonymisation", [_anonymisation(d)])

    titre_avis = "Avis du comité local"
    if d.avis_locaux:
        contenu += section(titre_avis)
        for avis in d.avis_locaux:
            contenu += _avis(avis)
    else:
        contenu += section(titre_avis, [[para("Aucun avis local à ce jour.", st.corps)]])

    contenu += section("Historique de la saisine")
    contenu.append(_historique(d.historique) if d.historique else para("Aucune étape enregistrée.", st.corps))
    contenu += section("Transmissions au HCTS")
    contenu.append(_envois(d.envois) if d.envois else para("Aucun envoi au HCTS à ce jour.", st.corps))
    return construire_pdf(
        d.en_tete,
        titre="Dossier de saisine du HCTS",
        reference=d.numero,
        sujet=f"{TITRE} — {d.numero}",
        contenu=contenu,
        projet=not anonymisation_validee(d),
    )
