"""The minutes (procès-verbal) and their compact variant (relevé de décisions), as PDF bytes."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from app.documents.donnees import ActionPv, DecompteTexte, PointOdj, PointPv, ProcesVerbal, Vote
from app.documents.mise_en_page import (
    COUPURE_DANS_LIGNE,
    LARGEUR_UTILE,
    bloc_signatures,
    cadre,
    construire_pdf,
    fiche,
    gras,
    lignes_reunion,
    liste_en_colonnes,
    para,
    para_balise,
    section,
    style_table,
    style_tableau,
    styles,
    titre_document,
)
from app.documents.textes import phrase_seconde
from app.documents.typographie import balisage, libelle_reference
from app.format_fr import date_longue

TIRET = " — "


def texte_vote(vote: Vote) -> str:
    """« Pour : 12 — Contre : 1 — Abstention : 2 »."""
    return balisage(f"Pour : {vote.pour}{TIRET}Contre : {vote.contre}{TIRET}Abstention : {vote.abstention}")


def balises_quorum_constate(pv: ProcesVerbal) -> str:
    """The quorum statement of the minutes (markup)."""
    if pv.seconde is not None:
        return gras("Seconde convocation.") + " " + balisage(phrase_seconde(pv.seconde, passe=True))
    return gras("Le quorum est atteint." if pv.decompte.quorum_atteint else "Le quorum n'est pas atteint.")


def _entete_pv(pv: ProcesVerbal, titre: str) -> list[Flowable]:
    r = pv.reunion
    lignes = lignes_reunion(r)
    if pv.president.strip():
        lignes.append(("Présidence de séance", pv.president))
    if pv.secretaire.strip():
        lignes.append(("Secrétariat de séance", pv.secretaire))
    sous_titre = f"{r.instance} — séance {r.reference} du {date_longue(r.date)}"
    return [*titre_document(titre, sous_titre), fiche(lignes)]


def _tableau_decompte(d: DecompteTexte, pv: ProcesVerbal) -> Table:
    st = styles()
    colonnes = [
        ("Attendus", d.attendus),
        ("Présents", d.presents),
        ("Suppléés", d.supplees),
        ("Représentés", d.representes),
        ("Excusés", d.excuses),
        ("Absents", d.absents),
    ]
    if pv.seconde is None:
        colonnes.append(("Requis", d.requis))
    tableau = Table(
        [[para(c, st.cellule_entete) for c, _ in colonnes], [para(str(n), st.cellule_centree) for _, n in colonnes]],
        colWidths=[LARGEUR_UTILE / len(colonnes)] * len(colonnes),
        hAlign="LEFT",
    )
    tableau.setStyle(style_table(style_tableau()))
    return tableau


def _quorum(pv: ProcesVerbal) -> list[Flowable]:
    st = styles()
    d = pv.decompte
    contenu: list[Flowable] = [_tableau_decompte(d, pv), Spacer(1, 5)]
    if pv.seconde is None:
        requises = "requise" if d.requis < 2 else "requises"
        if d.pouvoirs_comptes:
            voix = d.presents + d.supplees + d.representes
            detail = f"Voix réunies (présents, suppléés et représentés) : {voix} pour {d.requis} {requises}."
        else:
            voix = d.presents + d.supplees
            detail = (
                "Voix réunies (présents et suppléés ; les pouvoirs ne sont pas comptés) : "
                f"{voix} pour {d.requis} {requises}."
            )
        contenu.append(para(detail, st.corps_serre))
    contenu.append(para_balise(balises_quorum_constate(pv), st.corps_serre))
    return contenu


def _liste(titre: str, noms: Sequence[str]) -> list[Flowable]:
    if not noms:
        return []
    st = styles()
    corps: Flowable = liste_en_colonnes(noms) if len(noms) > 3 else para("\n".join("• " + n for n in noms), st.cellule)
    return [para(titre, st.sous_section), corps]


def _participants(pv: ProcesVerbal) -> list[list[Flowable]]:
    # « Présents » holds the present titulaires and the suppléants standing in: the quorum table's
    # présents + suppléés; suppléants who stood in for nobody are listed apart.
    listes = [
        _liste("Présents", pv.presents),
        _liste("Suppléants également présents (sans effet sur le décompte)", pv.autres_suppleants),
        _liste("Représentés", [f"{r.mandant}, pouvoir donné à {r.porteur}" for r in pv.representes]),
        _liste("Excusés", pv.excuses),
        _liste("Absents", pv.absents),
        _liste("Membres à voix consultative présents", pv.consultatifs),
        _liste("Invités présents", pv.invites),
    ]
    return [liste for liste in listes if liste]


def _ligne_point(point: PointOdj) -> str:
    """« Décision — Rapporteur : X — Saisine SAI-2026-004 » (plain text)."""
    morceaux = [point.nature] if point.nature.strip() else []
    if point.rapporteur.strip():
        morceaux.append(f"Rapporteur : {point.rapporteur}")
    if point.reference_liee.strip():
        morceaux.append(libelle_reference(point.reference_liee))
    return TIRET.join(morceaux)


def _point(point_pv: PointPv) -> list[Flowable]:
    st = styles()
    point = point_pv.point
    elements: list[Flowable] = [para(f"{point.numero}. {point.titre}", st.sous_section)]
    ligne = _ligne_point(point)
    if ligne:
        elements.append(para(ligne, st.petit))
    elements.append(Spacer(1, 3))
    corps: list[Flowable] = []
    if point_pv.resume.strip():
        corps.append(para(point_pv.resume, st.corps))
    encadre: list[Flowable] = []
    if point_pv.decision.strip():
        encadre.append(para_balise(gras("Décision : ") + balisage(point_pv.decision), st.corps_serre))
    if point_pv.vote is not None:
        encadre.append(para_balise(gras("Vote : ") + texte_vote(point_pv.vote), st.corps_serre))
    if point_pv.deports:
        verbe = "Ne prend pas part au vote : " if len(point_pv.deports) == 1 else "Ne prennent pas part au vote : "
        encadre.append(para_balise(gras(verbe) + balisage(", ".join(point_pv.deports)), st.corps_serre))
    if point_pv.opinions_divergentes.strip():
        encadre.append(
            para_balise(gras("Opinions divergentes : ") + balisage(point_pv.opinions_divergentes), st.corps_serre)
        )
    if encadre:
        corps.append(cadre(encadre))
    # Kept together by `section`: an item moves whole to the next page when it fits there, a longer one flows on.
    return elements + corps


def _tableau_actions(actions: Sequence[ActionPv]) -> Table:
    st = styles()
    donnees: list[list[object]] = [
        [para(t, st.cellule_entete) for t in ("Action", "Responsable", "Échéance", "Statut")]
    ]
    for action in actions:
        cellule: list[Flowable] = [para(action.texte, st.cellule)]
        if action.reportee and action.origine.strip():
            cellule.append(para(f"Reportée de {action.origine}", st.cellule_note))
        elif action.reportee:
            cellule.append(para("Reportée d'une séance précédente", st.cellule_note))
        donnees.append(
            [
                cellule,
                para(action.responsable, st.cellule),
                para(date_longue(action.echeance) if action.echeance else "", st.cellule),
                para(action.statut, st.cellule),
            ]
        )
    largeurs = [0.0, 3.6 * cm, 2.9 * cm, 2.2 * cm]
    largeurs[0] = LARGEUR_UTILE - sum(largeurs)
    tableau = Table(donnees, colWidths=largeurs, repeatRows=1, hAlign="LEFT", splitInRow=COUPURE_DANS_LIGNE)
    tableau.setStyle(style_table(style_tableau()))
    return tableau


def _conclusion(pv: ProcesVerbal, releve: bool = False) -> list[Flowable]:
    st = styles()
    if pv.approuve_le is not None:
        texte = f"Procès-verbal approuvé le {date_longue(pv.approuve_le)}"
        texte += f" (séance {pv.approuve_en})." if pv.approuve_en.strip() else "."
    else:
        texte = "Projet de procès-verbal, soumis à l'approbation de la prochaine séance."
    if releve:
        texte = "Relevé établi d'après le " + texte[0].lower() + texte[1:]
    elements: list[Flowable] = [Spacer(1, 12), para_balise(gras(texte), st.corps)]
    signataires = [
        (fonction, nom)
        for fonction, nom in (("Présidence de séance", pv.president), ("Secrétariat de séance", pv.secretaire))
        if nom.strip()
    ]
    if signataires:
        elements += [Spacer(1, 14), bloc_signatures(signataires)]
    return [KeepTogether(elements)]


def _sujet(pv: ProcesVerbal) -> str:
    r = pv.reunion
    return f"{r.instance}, séance {r.reference} du {date_longue(r.date)}"


def proces_verbal_pdf(pv: ProcesVerbal) -> bytes:
    """The full minutes; « PROJET » on every page until approved."""
    st = styles()
    contenu: list[Flowable] = _entete_pv(pv, "Procès-verbal")
    contenu += section("Participants", _participants(pv))
    contenu += section("Quorum", [_quorum(pv)])
    if pv.points:
        contenu += section("Délibérations", [_point(point_pv) for point_pv in pv.points])
    else:
        contenu += section("Délibérations", [[para("Aucun point n'a été examiné.", st.corps)]])
    if pv.actions:
        contenu += section("Suivi des actions")
        contenu.append(_tableau_actions(pv.actions))
    contenu += _conclusion(pv)
    return construire_pdf(
        pv.en_tete,
        titre="Procès-verbal",
        reference=pv.reunion.reference,
        sujet=_sujet(pv),
        contenu=contenu,
        projet=pv.projet,
    )


def _tableau_decisions(points: Sequence[PointPv]) -> Table:
    st = styles()
    donnees: list[list[object]] = [[para(t, st.cellule_entete) for t in ("N°", "Point", "Décision et vote")]]
    for point_pv in points:
        point = point_pv.point
        titre: list[Flowable] = [para(point.titre, st.cellule_grasse)]
        ligne = _ligne_point(point)
        if ligne:
            titre.append(para(ligne, st.cellule_note))
        decision: list[Flowable] = []
        if point_pv.decision.strip():
            decision.append(para(point_pv.decision, st.cellule))
        if point_pv.vote is not None:
            decision.append(para_balise(f"<b>{texte_vote(point_pv.vote)}</b>", st.cellule_note))
        donnees.append([para(str(point.numero), st.cellule_centree), titre, decision or ""])
    largeurs = [1.0 * cm, 7.0 * cm, 0.0]
    largeurs[2] = LARGEUR_UTILE - sum(largeurs)
    tableau = Table(donnees, colWidths=largeurs, repeatRows=1, hAlign="LEFT", splitInRow=COUPURE_DANS_LIGNE)
    tableau.setStyle(style_table(style_tableau()))
    return tableau


def releve_decisions_pdf(pv: ProcesVerbal) -> bytes:
    """The compact variant: attendance as counts, the quorum line, each item's decision and vote, the actions."""
    st = styles()
    contenu: list[Flowable] = _entete_pv(pv, "Relevé de décisions")
    contenu += section("Participation et quorum", [_quorum(pv)])
    contenu += section("Décisions")
    if pv.points:
        contenu.append(_tableau_decisions(pv.points))
    else:
        contenu.append(para("Aucun point n'a été examiné.", st.corps))
    if pv.actions:
        contenu += section("Suivi des actions")
        contenu.append(_tableau_actions(pv.actions))
    contenu += _conclusion(pv, releve=True)
    return construire_pdf(
        pv.en_tete,
        titre="Relevé de décisions",
        reference=pv.reunion.reference,
        sujet=_sujet(pv),
        contenu=contenu,
        projet=pv.projet,
    )
