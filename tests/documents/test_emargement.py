"""The attendance sheet read back: every member by collège, mentions, guests apart, quorum arithmetic."""

from __future__ import annotations

from tests.documents import exemples
from tests.documents.outils import contient, exemple, occurrences, texte_exemple, texte_pages


def test_tous_les_membres_par_college() -> None:
    t = texte_exemple("emargement.pdf")
    for college, sieges in exemples.COLLEGES:
        assert contient(t, college), college
        for titulaire, structure, suppleants in sieges:
            assert contient(t, titulaire), titulaire
            assert contient(t, structure), structure
            for suppleant in suppleants:
                assert contient(t, suppleant), suppleant
                assert contient(t, f"{suppleant} {structure} Suppléant(e)")  # its own row, under the titulaire


def test_mentions_pre_remplies() -> None:
    t = texte_exemple("emargement.pdf")
    assert contient(t, "Pouvoir à Hélène Marchand")
    assert contient(t, "Porte le pouvoir de Gérard Lacôte")
    assert contient(t, "Régis Fontaine Communauté d'agglomération Valence Romans Agglo Titulaire Excusé(e)")
    assert contient(t, "Véronique N'Diaye Observatoire social de la Drôme Suppléante — sans titulaire")


def test_consultatifs_et_invites_a_part() -> None:
    t = texte_exemple("emargement.pdf")
    assert contient(t, "Membres à voix consultative (2)")
    assert contient(t, "Invités (2)")
    for nom, structure in exemples.CONSULTATIFS:
        assert contient(t, nom) and contient(t, structure)
    for nom, structure, qualite in exemples.INVITES:
        assert contient(t, f"{nom} {structure} {qualite}")
    # Guests come after the deliberative members.
    compact_t = t.replace(" ", "")
    assert compact_t.index("Invités(2)") > compact_t.index("Éric")


def test_arithmetique_du_quorum_a_remplir() -> None:
    t = texte_exemple("emargement.pdf")
    for attendu in (
        "Décompte des voix délibératives",
        "30 sièges à voix délibérative",
        "La moitié des sièges, pouvoirs compris",
        "15 au moins (total = présents + suppléés + représentés)",
        "Présents",
        "Suppléés",
        "Représentés",
        "Total",
        "Quorum atteint : □ oui □ non",
    ):
        assert contient(t, attendu), attendu


def test_seconde_convocation_pas_de_quorum() -> None:
    t = texte_exemple("emargement-seconde.pdf")
    assert contient(t, "Seconde convocation.")
    assert contient(t, "aucun quorum n'est requis")
    assert not contient(t, "Quorum atteint")
    assert not contient(t, "Voix requises")


def test_une_longue_feuille_garde_toutes_ses_lignes() -> None:
    pages = texte_pages(exemple("emargement-80.pdf"))
    assert len(pages) >= 4
    tout = "\n".join(pages)
    for numero in range(1, 81):
        assert occurrences(tout, exemples.nom_numero(numero)) == 1, numero
    # The collège and the column headers are repeated at the top of each continued page.
    for page in pages:
        assert contient(page, "Collège unique (80)")
        assert contient(page, "Nom Structure Qualité Mention Signature")
    assert contient(tout, "40 au moins (total = présents + suppléés)")
    assert contient(tout, "Représentés (non comptés)")
