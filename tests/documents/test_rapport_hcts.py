"""The report to the HCTS read back: every point of section 4 of the AMI under its heading, the figures as given,
the adopted opinions, the definitions in annex; A4, embedded fonts, footer, same bytes twice."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from functools import cache

from pypdf import PdfReader

from app.documents import donnees_rapports as dr
from app.documents.donnees import EnTete
from app.documents.rapport_hcts import rapport_hcts_pdf
from tests.documents.outils import compact, contient, texte, texte_pages

COMITE = "Comité local du travail social de la Vallée-du-Lys"

# Section 4 of the AMI (candidates' undertakings, and the frame the HCTS must be told of), in its own words, with
# CONCEPTION §5's items; the numbering is the report's.
TITRES = (
    "1. Identité et territoire du comité",
    "2. Partenaires réunis",
    "3. Composition du comité par collège",
    "4. Missions confiées à cette instance locale",
    "5. Thématiques des échanges",
    "6. Modalités d'organisation",
    "6.1 Présidence et vice-présidence",
    "6.2 Saisine",
    "6.3 Secrétariat",
    "6.4 Rythme des réunions",
    "6.5 Moyens humains et financiers",
    "7. Démarche de concertation et mobilisation des partenaires",
    "8. Installation du comité et réunions des partenaires : activité de la période",
    "8.1 Séances tenues et présence",
    "8.2 Saisines et délais",
    "8.3 Avis et recommandations adoptés",
    "8.4 Productions et leur diffusion",
    "9. Information du HCTS tout au long de la démarche : échanges avec le HCTS",
    "10. Participation à l'évaluation : difficultés et propositions",
    "Annexe — Définitions des indicateurs",
)


def identite(**changes: object) -> dr.IdentiteComite:
    base = dr.IdentiteComite(
        nom=COMITE,
        type_territoire="Département",
        territoire="Vallée-du-Lys",
        nature="Création",
        instance_existante=False,
        date_installation=dt.date(2025, 7, 1),
        mode_presidence="Collégiale",
        porteurs=("Conseil départemental de la Vallée-du-Lys",),
        missions=("Instance d'éthique et de déontologie", "Observatoire des métiers"),
        thematiques="Attractivité des métiers du social.",
        regles_saisine="Toute structure peut saisir l'instance éthique par courriel.",
        secretariat="Direction des solidarités (0,5 ETP).",
        rythme_reunions="Plénière trois fois par an.",
        moyens_humains="Une secrétaire à mi-temps.",
        moyens_financiers="12 000 € par an.",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def rapport(**changes: object) -> dr.RapportHcts:
    note = dr.NoteRapport(dt.date(2026, 3, 3), "1.3 Installation et déroulement", "Difficultés", "Horaires gênants.")
    base = dr.RapportHcts(
        en_tete=EnTete(COMITE, ("Hôtel du département",), emis_le=dt.date(2026, 11, 22)),
        du=dt.date(2026, 1, 1),
        au=dt.date(2026, 12, 31),
        identite=identite(),
        partenaires=(
            dr.Partenaire(
                "Conseil départemental de la Vallée-du-Lys",
                "Conseil départemental",
                "Existant",
                True,
                dt.date(2025, 6, 1),
                ("lettre-cd.pdf",),
                3,
            ),
            dr.Partenaire("Collectif Paroles", "Collectif de personnes accompagnées", "Nouveau", False, None, (), 2),
        ),
        colleges=(
            dr.CollegeRapport("Travailleurs sociaux", "Travailleurs sociaux", 4, 37, 23, 5, 28 / 37),
            dr.CollegeRapport("Personnes accompagnées", "Personnes accompagnées", 3, 19, 11, 0, 11 / 19),
        ),
        membres=13,
        membres_travailleurs_sociaux=4,
        membres_personnes_accompagnees=3,
        presidence=(dr.Responsable("Hélène Marchetti", "Conseil départemental", "Assemblée plénière"),),
        vice_presidence=(dr.Responsable("Claire Duval", "", "Assemblée plénière"),),
        instances=(dr.InstanceRapport("Assemblée plénière", "Plénière", "la moitié des sièges", 2),),
        seances=(
            dr.SeanceRapport("PL-2026-01", "Assemblée plénière", dt.date(2026, 3, 5), 32, 8, 0, 0, 16, 8, 0.25, False),
            dr.SeanceRapport(
                "PL-2026-02", "Assemblée plénière", dt.date(2026, 3, 26), 32, 25, 2, 2, 2, 1, 27 / 32, True
            ),
        ),
        mobilisation=(dr.Mobilisation(3, 6, 38, 33, 8, 5, 0.671), dr.Mobilisation(6, 19, 52, 39, 13, 6, 0.732)),
        saisines_recues=7,
        saisines_recevables=4,
        avis_rendus=3,
        delai_median_jours=61.5,
        saisines_par_theme=(dr.Comptage("Secret professionnel", 2), dr.Comptage("Numérique", 0)),
        recommandations_adoptees=2,
        recommandations_publiees=1,
        adoptees=(
            dr.RecommandationAdoptee("REC-2026-001", "Avis", "Partage avec les bailleurs", dt.date(2026, 2, 5)),
            dr.RecommandationAdoptee(
                "REC-2026-002", "Recommandation", "La parole de l'adolescent", dt.date(2026, 6, 4)
            ),
        ),
        productions_par_type=(dr.Comptage("Guide", 1), dr.Comptage("Note", 0)),
        diffusions_par_canal=(dr.Comptage("Site internet", 2),),
        productions=(
            dr.ProductionRapport(
                "Fiche repère du partage",
                "Guide",
                dt.date(2026, 6, 2),
                "Instance d'éthique et de déontologie",
                (dr.DiffusionRapport("Site internet", "Grand public", dt.date(2026, 6, 9), 40),),
            ),
        ),
        echanges=(dr.EchangeRapport(dt.date(2026, 4, 7), "Depuis le HCTS", "Fiche repère", "", "Diffusée."),),
        notes=(note, dataclasses.replace(note, rubrique="Propositions", texte="Un secrétariat à temps plein.")),
        leviers_participation=(dataclasses.replace(note, rubrique="Leviers", texte="Défraiement des personnes."),),
        definitions=(dr.Definition("Séance tenue", "Séance au statut « tenue » ou « clôturée »."),),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


@cache
def _pdf() -> bytes:
    return rapport_hcts_pdf(rapport())


def _position(dans: str, titre: str) -> int:
    return compact(dans).index(compact(titre))


def test_chaque_point_de_la_section_4_a_son_titre_dans_l_ordre() -> None:
    t = texte(_pdf())
    positions = [_position(t, titre) for titre in TITRES]  # ValueError: a heading is missing
    assert positions == sorted(positions)


def test_cadre_retenu_imprime() -> None:
    t = texte(_pdf())
    for attendu in (
        "Rapport au Haut Conseil du travail social",
        "du 1er janvier 2026 au 31 décembre 2026",
        "Département — Vallée-du-Lys",
        "Conseil départemental de la Vallée-du-Lys (structure porteuse)",
        "Collectif Paroles",
        "Observatoire des métiers",
        "Attractivité des métiers du social.",
        "Hélène Marchetti (Conseil départemental)",
        "Claire Duval",
        "Toute structure peut saisir l'instance éthique par courriel.",
        "Direction des solidarités (0,5 ETP).",
        "Plénière trois fois par an.",
        "12 000 € par an.",
        "Défraiement des personnes.",
        "Fiche repère",
        "Diffusée.",
        "Horaires gênants.",
        "Un secrétariat à temps plein.",
    ):
        assert contient(t, attendu), attendu


def test_chiffres_imprimes_tels_que_donnes() -> None:
    t = texte(_pdf())
    # Composition: 4 of 13 members are social workers (30,8 %), 3 of 13 people receiving support (23,1 %).
    assert contient(t, "4 travailleurs sociaux (30,8 %)") and contient(t, "3 personnes accompagnées (23,1 %)")
    assert contient(t, "13 membres")
    # Collège rows: members, expected, present, suppléé, rate 28/37 = 75,7 %, 11/19 = 57,9 %.
    assert contient(t, "Travailleurs sociaux Travailleurs sociaux 4 37 23 5 75,7 %")
    assert contient(t, "57,9 %")
    # Meetings: PL-2026-01 32 8 0 0 16 8 25,0 % non.
    assert contient(t, "PL-2026-01 5 mars 2026 32 8 0 0 16 8 25,0 % non")
    assert contient(t, "PL-2026-02 26 mars 2026 32 25 2 2 2 1 84,4 % oui")
    assert contient(t, "2 séances tenues sur la période")
    assert contient(t, "3 mois 6 38 33 8 5 67,1 %") and contient(t, "6 mois 19 52 39 13 6 73,2 %")
    assert contient(t, "Saisines reçues 7") and contient(t, "Saisines recevables 4")
    assert contient(t, "Avis rendus (transmis) 3") and contient(t, "Délai médian 61,5 jours")
    assert contient(t, "secret professionnel (2)") and not contient(t, "numérique (0)")
    assert contient(t, "2 avis ou recommandations adoptés et 1 publication")
    assert contient(t, "Guide 1") and not contient(t, "Note 0") and contient(t, "Site internet 2")
    assert contient(t, "(40 personnes atteintes)")


def test_liste_des_avis_adoptes() -> None:
    t = texte(_pdf())
    assert contient(t, "REC-2026-001 Avis Partage avec les bailleurs 5 février 2026")
    assert contient(t, "REC-2026-002 Recommandation La parole de l'adolescent 4 juin 2026")


def test_definitions_en_annexe_en_derniere_page() -> None:
    pages = texte_pages(_pdf())
    assert contient(pages[-1], "Annexe — Définitions des indicateurs")
    assert contient(pages[-1], "Séance tenue : Séance au statut « tenue » ou « clôturée ».")


def test_champs_vides_dits_non_renseignes() -> None:
    vide = identite(regles_saisine="", secretariat="", rythme_reunions="", missions=(), moyens_humains="")
    t = texte(rapport_hcts_pdf(rapport(identite=vide, presidence=(), seances=(), adoptees=())))
    assert t.count("Non renseigné.") >= 5
    assert contient(t, "Aucune présidence enregistrée.")
    assert contient(t, "Aucune séance tenue sur la période.")
    assert contient(t, "0 séance tenue sur la période")


def test_periode_ouverte() -> None:
    t = texte(rapport_hcts_pdf(rapport(du=None, au=None)))
    assert contient(t, "toute l'activité enregistrée")
    assert contient(texte(rapport_hcts_pdf(rapport(du=dt.date(2026, 3, 1), au=None))), "depuis le 1er mars 2026")


def test_structure_pdf() -> None:
    pdf = _pdf()
    lecteur = PdfReader(io.BytesIO(pdf))
    for page in lecteur.pages:
        assert abs(float(page.mediabox.width) - 595.27) < 1 and abs(float(page.mediabox.height) - 841.89) < 1
    meta = lecteur.metadata
    assert meta is not None and meta.title == "Rapport au HCTS" and meta.author == COMITE
    pages = texte_pages(pdf)
    total = len(pages)
    assert total >= 2
    for numero, page in enumerate(pages, start=1):
        assert contient(page, f"Page {numero} / {total}")
        assert contient(page, "Émis le 22 novembre 2026")
    assert contient(pages[0], "Hôtel du département")
    assert not re.search(r"PROJET", texte(pdf))
    assert rapport_hcts_pdf(rapport()) == pdf  # same data, same bytes
