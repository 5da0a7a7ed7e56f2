"""The minutes and the relevé de décisions read back."""

from __future__ import annotations

import dataclasses

from app.documents.donnees import ActionPv, PointOdj, PointPv, Vote
from app.documents.proces_verbal import proces_verbal_pdf, releve_decisions_pdf
from tests.documents import exemples
from tests.documents.outils import contient, exemple, occurrences, texte, texte_exemple, texte_pages


def test_en_tete_et_participants() -> None:
    t = texte_exemple("proces-verbal-projet.pdf")
    pv = exemples.proces_verbal()
    for attendu in (
        "Procès-verbal",
        "Assemblée plénière — séance PL-2026-02 du 5 mars 2026",
        "Présidence de séance Hélène Marchand",
        "Secrétariat de séance Sandrine Collet",
        "Inès Bouchareb (visio)",
        "Anaïs Roux, suppléante de Christophe Aubert",
        "Gérard Lacôte, pouvoir donné à Hélène Marchand",
        "Laure Chabert, pouvoir donné à Mathieu Renard",
        "Membres à voix consultative présents",
        "Invités présents",
        "Représentés •",
        "Absents •",
    ):
        assert contient(t, attendu), attendu
    for nom in (*pv.presents, *pv.excuses, *pv.absents, *pv.consultatifs, *pv.invites):
        assert contient(t, nom), nom


def test_quorum_atteint() -> None:
    t = texte_exemple("proces-verbal-projet.pdf")
    assert contient(t, "Attendus Présents Suppléés Représentés Excusés Absents Requis 30 20 3 2 3 2 15")
    assert contient(t, "Voix réunies (présents, suppléés et représentés) : 25 pour 15 requises.")
    assert contient(t, "Le quorum est atteint.")
    assert not contient(t, "Le quorum n'est pas atteint.")


def test_quorum_non_atteint() -> None:
    t = texte_exemple("proces-verbal-sans-quorum.pdf")
    assert contient(t, "Le quorum n'est pas atteint.")
    assert not contient(t, "Le quorum est atteint.")
    assert contient(t, ": 13 pour 15 requises.")


def test_seconde_convocation_aucun_quorum_requis() -> None:
    t = texte_exemple("proces-verbal-seconde.pdf")
    assert contient(t, "Seconde convocation.")
    assert contient(t, "La séance PL-2026-01 du 12 février 2026 n'ayant pas atteint le quorum")
    assert contient(t, "aucun quorum n'était requis")
    assert not contient(t, "Le quorum est atteint.") and not contient(t, "Le quorum n'est pas atteint.")
    assert not contient(t, "Requis")


def test_deliberations_votes_opinions_deports() -> None:
    t = texte_exemple("proces-verbal-projet.pdf")
    for point_pv in exemples.proces_verbal().points:
        assert contient(t, f"{point_pv.point.numero}. {point_pv.point.titre}")
        assert contient(t, point_pv.resume)
        if point_pv.decision:
            assert contient(t, f"Décision : {point_pv.decision}")
    assert contient(t, "Décision — Rapporteur : Hélène Marchand")
    assert contient(t, "Saisine — Rapporteur : Zoé Lefèvre-Œuvray — Saisine SAI-2026-004")
    assert contient(t, "Vote : Pour : 19 — Contre : 2 — Abstention : 4")
    assert contient(t, "Vote : Pour : 12 — Contre : 1 — Abstention : 2")
    assert contient(t, "Opinions divergentes : Karim Haddad et Léa Vidal estiment")
    assert contient(t, "Ne prennent pas part au vote : Mathieu Renard, Chloé Barbier")
    assert occurrences(t, "Vote :") == 4  # items 5 and 6 had no vote: nothing printed for them


def test_deport_au_singulier() -> None:
    pv = exemples.proces_verbal()
    point = dataclasses.replace(pv.points[3], deports=("Mathieu Renard",))
    t = texte(proces_verbal_pdf(dataclasses.replace(pv, points=(point,))))
    assert contient(t, "Ne prend pas part au vote : Mathieu Renard")


def test_actions_et_report() -> None:
    t = texte_exemple("proces-verbal-projet.pdf")
    assert contient(t, "Suivi des actions")
    assert contient(t, "Action Responsable Échéance Statut")
    for action in exemples.ACTIONS:
        assert contient(t, action.texte) and contient(t, action.responsable) and contient(t, action.statut)
    assert contient(t, "dans les territoires ruraux Reportée de PL-2026-01 Amélie Rousset 28 février 2026 En cours")
    assert occurrences(t, "Reportée de") == 1


def test_projet_sur_chaque_page_puis_approuve() -> None:
    projet = texte_pages(exemple("proces-verbal-projet.pdf"))
    assert len(projet) >= 2
    for page in projet:
        assert "PROJET" in page
    assert contient(projet[-1], "Projet de procès-verbal, soumis à l'approbation de la prochaine séance.")

    approuve = texte_pages(exemple("proces-verbal-approuve.pdf"))
    for page in approuve:
        assert "PROJET" not in page
        assert not contient(page, "Document de travail")
    assert contient(approuve[-1], "Procès-verbal approuvé le 9 avril 2026 (séance PL-2026-03).")
    assert not contient("\n".join(approuve), "soumis à l'approbation")


def test_releve_de_decisions_compact() -> None:
    pages = texte_pages(exemple("releve-decisions.pdf"))
    t = "\n".join(pages)
    assert contient(t, "Relevé de décisions")
    assert contient(t, "Attendus Présents Suppléés Représentés Excusés Absents Requis 30 20 3 2 3 2 15")
    assert contient(t, "Le quorum est atteint.")
    for point_pv in exemples.proces_verbal().points:
        assert contient(t, point_pv.point.titre)
        if point_pv.decision:
            assert contient(t, point_pv.decision)
    assert contient(t, "Pour : 25 — Contre : 0 — Abstention : 0")
    for action in exemples.ACTIONS:
        assert contient(t, action.texte)
    # Compact: no names of attendees, no summaries, no dissent or recusal.
    for absent in (
        "Baptiste Noël",
        "Inès Bouchareb (visio)",
        "pouvoir donné à",
        "Aucune remarque n'est formulée",
        "Opinions divergentes",
        "Ne prennent pas part au vote",
    ):
        assert not contient(t, absent), absent
    for page in pages:
        assert "PROJET" in page
    assert contient(t, "Relevé établi d'après le projet de procès-verbal")


def test_champs_vides_non_imprimes() -> None:
    pv = exemples.proces_verbal()
    vide = dataclasses.replace(
        pv, president="", secretaire="", representes=(), absents=(), consultatifs=(), invites=(), actions=()
    )
    t = texte(proces_verbal_pdf(vide))
    for absent in (
        "Présidence de séance",
        "Secrétariat de séance",
        "Représentés •",  # a list heading followed by its first bullet (the quorum table has the word too)
        "Absents •",
        "Baptiste Noël",
        "Invités présents",
        "Suivi des actions",
        "Membres à voix consultative",
    ):
        assert not contient(t, absent), absent


def test_un_long_proces_verbal_ne_perd_rien() -> None:
    pv = exemples.proces_verbal()
    longue = " ".join(f"mot{i:04d}" for i in range(2500)) + " FIN-DE-LA-DECISION"
    points = tuple(
        PointPv(
            PointOdj(
                i,
                f"Point numéro {i:02d} — « titre » assez long pour passer à la ligne dans le tableau",
                "Débat",
                "Zoé Lefèvre-Œuvray",
                10,
                "",
            ),
            "Résumé.",
            f"Décision {i:02d}.",
            Vote(i, 0, 0),
            "",
            (),
        )
        for i in range(1, 41)
    )
    enorme = PointPv(PointOdj(41, "Décision très longue", "Décision", "", None, ""), "", longue, Vote(1, 2, 3), "", ())
    actions = tuple(
        ActionPv(f"Action n° {i:02d}", "Hélène Marchand", None, "À faire", "PL-2026-02", False) for i in range(1, 41)
    )
    long_pv = dataclasses.replace(pv, points=(*points, enorme), actions=actions)
    for produire in (proces_verbal_pdf, releve_decisions_pdf):
        pages = texte_pages(produire(long_pv))
        assert len(pages) >= 5
        t = "\n".join(pages)
        for i in range(1, 41):
            assert contient(t, f"Point numéro {i:02d}"), i
            assert contient(t, f"Décision {i:02d}."), i
            assert contient(t, f"Action n° {i:02d}"), i
        assert contient(t, "mot0000") and contient(t, "mot2499") and contient(t, "FIN-DE-LA-DECISION")
        assert contient(pages[0], f"Page 1 / {len(pages)}")
