"""An opinion, recommendation or « éléments de réflexion » of the ethics instance, as PDF bytes.

Its number and title, the facts (nature, status, version, adoption, referrals, themes, diffusion), the anonymised
question of each referral it answers, its text (framework, analysis, options, as written in the editor), and the
statement that it is advisory. « PROJET » on every page until adopted.
"""

from __future__ import annotations

import datetime as dt
import itertools

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.documents.donnees_ethique import AvisDocument
from app.documents.mise_en_page import (
    URGENCE_BORD,
    URGENCE_FOND,
    bloc_signatures,
    cadre,
    construire_pdf,
    fiche,
    para,
    section,
    styles,
    titre_document,
)
from app.documents.texte_formate import flowables_texte, paragraphes
from app.documents.typographie import libelle_reference
from app.format_fr import date_longue

PUBLICATION_AUTORISEE = "Publication autorisée"
PUBLICATION_NON_AUTORISEE = "Publication non autorisée : diffusion restreinte aux membres de l'instance"


def accord(nature: str) -> str:
    """The ending that agrees with the nature: « adopté » (Avis), « adoptée » (Recommandation), « adoptés »."""
    nature = nature.strip().lower()
    if nature.startswith("recommandation"):
        return "e"
    if nature.startswith(("éléments", "elements")):
        return "s"
    return ""


def phrase_adoption(nature: str, adoptee_le: dt.date | None, seance: str = "") -> str:
    """« 12 mars 2026 — Instance éthique du 12 mars 2026 (ETH-2026-02) », or « Non adoptée à ce jour »."""
    if adoptee_le is None:
        return f"Non adopté{accord(nature)} à ce jour"
    return f"{date_longue(adoptee_le)} — {seance.strip()}" if seance.strip() else date_longue(adoptee_le)


def phrase_consultative(nature: str) -> str:
    """What every opinion says of itself: it informs decisions, it does not take them."""
    debut, suite = {
        "": ("Cet avis est consultatif : il éclaire", "Il ne se substitue"),
        "e": ("Cette recommandation est consultative : elle éclaire", "Elle ne se substitue"),
        "s": ("Ces éléments de réflexion sont consultatifs : ils éclairent", "Ils ne se substituent"),
    }[accord(nature)]
    return (
        f"{debut} la décision des professionnels et des institutions, qui restent seuls responsables de leurs "
        f"choix. {suite} ni aux règles de droit ni à l'appréciation de chaque situation."
    )


def _retiree(statut: str) -> bool:
    return statut.strip().lower().startswith("retir")


def _fiche(a: AvisDocument) -> Flowable:
    # Nature and number are in the subtitle just above: the facts start with where the text stands.
    lignes: list[tuple[str, Flowable | str]] = [
        ("Statut", f"{a.statut} — version {a.version}"),
        ("Adoption", phrase_adoption(a.nature, a.adoptee_le, a.seance_adoption)),
    ]
    if a.saisines:
        lignes.append(("Saisines" if len(a.saisines) > 1 else "Saisine", ", ".join(a.saisines)))
    else:
        lignes.append(("Saisine", "Aucune : texte élaboré à l'initiative de l'instance"))
    if a.themes:
        lignes.append(("Thèmes" if len(a.themes) > 1 else "Thème", ", ".join(a.themes)))
    lignes.append(("Diffusion", PUBLICATION_AUTORISEE if a.publication_autorisee else PUBLICATION_NON_AUTORISEE))
    return fiche(lignes, largeur_etiquette=3.2 * cm)


def _questions(a: AvisDocument) -> list[list[Flowable]]:
    """One box per referral: its number, then its anonymised question."""
    st = styles()
    groupes: list[list[Flowable]] = []
    for numero, question in itertools.zip_longest(a.saisines, a.questions, fillvalue=""):
        titre = libelle_reference(numero) if numero.strip() else "Question"
        contenu: list[Flowable] = [para(titre, st.cadre_titre)]
        contenu += paragraphes(question, st.corps) or [para("Question non communiquée.", st.petit)]
        groupes.append([cadre(contenu)])
    return groupes


def _conclusion(a: AvisDocument) -> list[Flowable]:
    st = styles()
    elements: list[Flowable] = [cadre([para(phrase_consultative(a.nature), st.corps_serre)])]
    if a.adoptee_le is not None:
        phrase = f"{a.nature} adopté{accord(a.nature)} le {date_longue(a.adoptee_le)}"
        phrase += f" — {a.seance_adoption.strip()}." if a.seance_adoption.strip() else "."
    else:
        phrase = f"Projet de texte, version {a.version}, soumis à l'adoption de l'instance."
    elements.append(para(phrase, st.corps))
    if a.signataire.strip() and a.adoptee_le is not None:
        elements += [Spacer(1, 8), bloc_signatures([("Pour l'instance", a.signataire)])]
    return elements  # one block with its heading (`section` keeps them together)


def avis_pdf(a: AvisDocument) -> bytes:
    """The opinion as printed and filed; « PROJET » on every page while `a.projet`."""
    st = styles()
    contenu: list[Flowable] = titre_document(a.titre, f"{a.nature} n° {a.numero} — version {a.version}")
    if _retiree(a.statut):
        avis_retire = [
            para(f"{a.nature} retiré{accord(a.nature)}", st.cadre_titre),
            para("Ce texte n'est plus en vigueur et ne doit plus être diffusé.", st.corps_serre),
        ]
        contenu.append(KeepTogether([cadre(avis_retire, bord=URGENCE_BORD, fond=URGENCE_FOND)]))
    contenu.append(_fiche(a))

    if a.saisines or a.questions:
        titre_questions = "Questions posées" if max(len(a.saisines), len(a.questions)) > 1 else "Question posée"
        contenu += section(titre_questions, _questions(a))

    contenu += section("Texte proposé" if a.projet else "Texte adopté")
    corps = flowables_texte(a.texte)
    contenu += corps or [para("Texte en cours de rédaction.", st.petit)]

    contenu += section("Portée", [_conclusion(a)])
    return construire_pdf(
        a.en_tete, titre=a.nature, reference=a.numero, sujet=a.titre, contenu=contenu, projet=a.projet
    )
