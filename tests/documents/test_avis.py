"""The opinion / recommendation read back: facts, questions, text, advisory statement, draft mark."""

from __future__ import annotations

import dataclasses
from functools import cache

import pytest

from app.documents.avis import avis_pdf, phrase_consultative
from tests.documents import exemples_ethique as ex
from tests.documents.outils import contient, occurrences, texte, texte_pages


@cache
def _pdf(nom: str) -> bytes:
    return {"adopte": lambda: avis_pdf(ex.avis_adopte()), "projet": lambda: avis_pdf(ex.avis_projet())}[nom]()


@cache
def _long() -> bytes:
    return avis_pdf(ex.avis_long())


def test_mentions_de_l_avis_adopte() -> None:
    t = texte(_pdf("adopte"))
    a = ex.avis_adopte()
    for attendu in (
        a.titre,
        "Recommandation n° REC-2026-004 — version 3",
        "Statut Adoptée — version 3",
        "Adoption 12 mars 2026 — Instance éthique du 12 mars 2026 (ETH-2026-02)",
        "Saisines SAI-2026-003, SAI-2026-005",
        "Thèmes Partage d'informations, Secret professionnel, Consentement",
        "Diffusion Publication autorisée",
        "Questions posées",
        "Saisine SAI-2026-003",
        "Saisine SAI-2026-005",
        "Texte adopté",
        "Cadre",
        "Analyse",
        "Options",
        "Portée",
        "Cette recommandation est consultative : elle éclaire la décision des professionnels et des institutions, "
        "qui restent seuls responsables de leurs choix.",
        "Recommandation adoptée le 12 mars 2026 — Instance éthique du 12 mars 2026 (ETH-2026-02).",
        "Pour l'instance Hélène Marchand, présidente de l'instance éthique",
    ):
        assert contient(t, attendu), attendu
    for question in a.questions:
        for paragraphe in question.split("\n\n"):
            assert contient(t, paragraphe), paragraphe
    assert not contient(t, "non autorisée") and not contient(t, "Non adopté") and not contient(t, "Texte proposé")


def test_le_texte_est_mis_en_forme() -> None:
    pdf = _pdf("adopte")
    t = texte(pdf)
    assert "**" not in t and "##" not in t and "*" not in t
    assert occurrences(t, "•") == 3  # the analysis' three bullets
    assert contient(t, "– les faits observés, datés ;")
    assert contient(t, "1. Informer la famille") and contient(t, "3. Proposer à la famille")
    gras = ex.texte_par_police(pdf)["DejaVuSans-Bold"]
    assert contient(gras, "strictement nécessaires")
    assert contient(ex.texte_par_police(pdf)["DejaVuSans-Oblique"], "secret partagé")


def test_accents_guillemets_euro() -> None:
    t = texte(_pdf("adopte"))
    for attendu in ("Coût estimé d'une formation commune : 12 500 €", "Œuvre des « Passerelles »", "« réunion de"):
        assert contient(t, attendu), attendu


def test_projet_sur_chaque_page_puis_plus_rien_une_fois_adopte() -> None:
    for pdf in (_pdf("projet"), _long()):
        pages = texte_pages(pdf)
        for page in pages:
            assert "PROJET" in page
            assert contient(page, "Document de travail, non approuvé")
    assert len(texte_pages(_long())) >= 3
    for page in texte_pages(_pdf("adopte")):
        assert "PROJET" not in page and not contient(page, "Document de travail")


def test_mentions_du_projet() -> None:
    t = texte(_pdf("projet"))
    for attendu in (
        "Statut Projet — version 2",
        "Adoption Non adoptée à ce jour",
        "Publication non autorisée : diffusion restreinte aux membres de l'instance",
        "Texte proposé",
        "Projet de texte, version 2, soumis à l'adoption de l'instance.",
    ):
        assert contient(t, attendu), attendu
    assert not contient(t, "Texte adopté") and not contient(t, "Pour l'instance")  # no signature on a draft


def test_un_long_avis_ne_perd_rien() -> None:
    t = texte(_long())
    for i in range(1, 9):
        assert contient(t, f"Situation type n° {i}"), i
    assert contient(t, "FIN-DE-L-AVIS")
    assert contient(t, "Cet avis est consultatif : il éclaire")
    assert contient(t, "Adoption Non adopté à ce jour")
    assert contient(t, "Question posée") and not contient(t, "Questions posées")


@pytest.mark.parametrize(
    ("nature", "attendu", "non_adopte"),
    [
        ("Avis", "Cet avis est consultatif : il éclaire", "Non adopté à ce jour"),
        ("Recommandation", "Cette recommandation est consultative : elle éclaire", "Non adoptée à ce jour"),
        (
            "Éléments de réflexion",
            "Ces éléments de réflexion sont consultatifs : ils éclairent",
            "Non adoptés à ce jour",
        ),
    ],
)
def test_accord_avec_la_nature(nature: str, attendu: str, non_adopte: str) -> None:
    assert phrase_consultative(nature).replace("\u202f", " ").startswith(attendu)
    t = texte(avis_pdf(dataclasses.replace(ex.avis_projet(), nature=nature)))
    assert contient(t, attendu) and contient(t, non_adopte)


def test_html_du_texte_affiche_tel_quel() -> None:
    avis = dataclasses.replace(ex.avis_adopte(), texte="Avant <script>alert('x')</script> après & <b>fin</b>")
    t = texte(avis_pdf(avis))
    assert contient(t, "Avant <script>alert('x')</script> après & <b>fin</b>")


def test_sans_saisine_ni_texte_ni_theme() -> None:
    avis = dataclasses.replace(ex.avis_projet(), saisines=(), questions=(), themes=(), texte="")
    t = texte(avis_pdf(avis))
    assert contient(t, "Saisine Aucune : texte élaboré à l'initiative de l'instance")
    assert contient(t, "Texte en cours de rédaction.")
    assert not contient(t, "Question posée") and not contient(t, "Thème")


def test_question_manquante() -> None:
    avis = dataclasses.replace(ex.avis_adopte(), questions=(ex.QUESTION_003,))
    t = texte(avis_pdf(avis))
    assert contient(t, "Saisine SAI-2026-005 Question non communiquée.")


def test_avis_retire() -> None:
    t = texte(avis_pdf(dataclasses.replace(ex.avis_adopte(), statut="Retirée")))
    assert contient(t, "Recommandation retirée Ce texte n'est plus en vigueur et ne doit plus être diffusé.")
    assert not contient(texte(_pdf("adopte")), "n'est plus en vigueur")


def test_structure_et_memes_octets() -> None:
    for pdf, titre in ((_pdf("adopte"), "Recommandation — REC-2026-004"), (_long(), "Avis — REC-2026-007")):
        sujet = ex.avis_long().titre if pdf is _long() else ex.avis_adopte().titre
        ex.verifier_structure(pdf, titre=titre, sujet=sujet)
    assert avis_pdf(ex.avis_adopte()) == _pdf("adopte")
