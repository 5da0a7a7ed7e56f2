"""The candidature dossier read back: one heading per expected point of section 3 of the AMI, « À compléter » where
nothing is recorded and not where it is, the letters of engagement in annex, people receiving support unnamed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

from pypdf import PdfReader

from app.documents import donnees_rapports as dr
from app.documents.donnees import EnTete
from app.documents.dossier_candidature import dossier_candidature_pdf
from tests.documents.outils import compact, contient, texte, texte_pages
from tests.documents.test_rapport_hcts import COMITE, identite

# Section 3 of the AMI, « Réponse à l'appel à manifestation d'intérêt : les attendus », point by point.
TITRES = (
    "1. La compréhension globale du projet du HCTS de mise en place de comités locaux du travail social et du "
    "développement social",
    "2. La présentation du contexte et des éléments motivant la réponse à cet appel à manifestation d'intérêt",
    "3. La présentation de la démarche dans ses différentes dimensions",
    "3.1 La méthode adoptée, la description des différentes étapes du processus",
    "3.2 La nature du projet : création d'une instance ou instance déjà existante",
    "3.3 Le rôle de ce comité local, ses missions, et les thèmes de réflexion que vous envisagez de lui confier",
    "3.4 Dans le cas d'une instance déjà existante",
    "3.5 Le pilotage de cette instance : un ou plusieurs porteur(s), présidence par la structure porteuse, "
    "présidence tournante, collégiale, etc.",
    "3.6 La nature des partenariats déjà existants sur le territoire sur les questions de travail social",
    "3.7 Le territoire : le périmètre territorial retenu pour la mise en place de cette instance",
    "4. La composition envisagée du futur comité local du travail social et du développement social",
    "4.1 La dimension interinstitutionnelle de cette instance",
    "4.2 La participation de collectivités locales dont les conseils départementaux en leur qualité de chef de "
    "file de l'action sociale et du développement social",
    "4.3 La participation de travailleurs sociaux",
    "4.4 La participation de personnes accompagnées",
    "4.5 Les modalités envisagées pour rendre effective la participation de travailleurs sociaux et de "
    "personnes accompagnées",
    "5. Les lettres d'engagement de partenaires prêts à s'engager dans la démarche",
    "6. Les modalités et, le cas échéant, les moyens de fonctionnement humains et financiers envisagés",
    "Annexe — Lettres d'engagement des partenaires",
)
A_COMPLETER = "À compléter"
NOTE = dr.NoteRapport(dt.date(2025, 9, 2), "1.1 Lancement de la démarche", "Leviers", "Portage conjoint.")


def _membre(nom: str, structure: str) -> dr.MembrePressenti:
    return dr.MembrePressenti(nom, "Assistante sociale", structure, ("Assemblée plénière (titulaire)",))


def complet(**changes: object) -> dr.DossierCandidature:
    base = dr.DossierCandidature(
        en_tete=EnTete(COMITE, emis_le=dt.date(2026, 11, 22)),
        au=dt.date(2026, 11, 22),
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
            dr.Partenaire(
                "Mission locale du Lys",
                "Association / fédération",
                "Nouveau",
                False,
                dt.date(2025, 6, 3),
                ("lettre-ml.pdf",),
                1,
            ),
        ),
        colleges=(
            dr.CollegeDossier(
                "Travailleurs sociaux",
                "Travailleurs sociaux",
                2,
                (_membre("Samia Bouzid", "Mission locale du Lys"), _membre("Nicolas Bonnet", "ANAS")),
                True,
            ),
            dr.CollegeDossier("Personnes accompagnées", "Personnes accompagnées", 3, (), False),
        ),
        presidence=(dr.Responsable("Hélène Marchetti", "Conseil départemental", "Assemblée plénière"),),
        vice_presidence=(dr.Responsable("Claire Duval", "", "Assemblée plénière"),),
        instances=(dr.InstanceRapport("Assemblée plénière", "Plénière", "la moitié des sièges", 0),),
        demarche=(NOTE,),
        leviers_participation=(dataclasses.replace(NOTE, texte="Défraiement des personnes accompagnées."),),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def vide() -> dr.DossierCandidature:
    rien = dr.IdentiteComite("", "", "", "", False, None, "", (), (), "", "", "", "", "", "")
    return complet(
        identite=rien,
        partenaires=(),
        colleges=(),
        presidence=(),
        vice_presidence=(),
        instances=(),
        demarche=(),
        leviers_participation=(),
    )


def _sections(t: str) -> dict[str, str]:
    """The compact text under each heading (up to the next one)."""
    c = compact(t)
    positions = [c.index(compact(titre)) for titre in TITRES]
    assert positions == sorted(positions), "headings out of order"
    bornes = [*positions[1:], len(c)]
    return {titre: c[debut:fin] for titre, debut, fin in zip(TITRES, positions, bornes, strict=True)}


def test_un_titre_par_attendu_de_la_section_3_dans_l_ordre() -> None:
    assert len(_sections(texte(dossier_candidature_pdf(complet())))) == len(TITRES)


def test_a_completer_partout_quand_rien_n_est_enregistre() -> None:
    sections = _sections(texte(dossier_candidature_pdf(vide())))
    for titre, contenu in sections.items():
        if titre.startswith("3. "):
            continue  # the umbrella heading of 3.1 … 3.7: its sub-points carry the boxes
        assert compact(A_COMPLETER) in contenu, titre


def test_a_completer_absent_la_ou_c_est_rempli() -> None:
    sections = _sections(texte(dossier_candidature_pdf(complet())))
    # Nothing in the base can answer 1 and 2 (free prose): they always ask for it.
    assert compact(A_COMPLETER) in sections[TITRES[0]] and compact(A_COMPLETER) in sections[TITRES[1]]
    for titre in TITRES[2:]:
        assert compact(A_COMPLETER) not in sections[titre], titre


def test_un_champ_vide_et_un_seul() -> None:
    d = complet(identite=identite(moyens_financiers=""))
    sections = _sections(texte(dossier_candidature_pdf(d)))
    assert compact("Moyens financiers" + A_COMPLETER) in sections[TITRES[17]]
    assert sum(compact(A_COMPLETER) in contenu for contenu in sections.values()) == 3  # 1, 2 and 6


def test_contenu_enregistre_imprime() -> None:
    t = texte(dossier_candidature_pdf(complet()))
    for attendu in (
        "Dossier de candidature",
        "Installation du comité : 1er juillet 2025.",
        "Portage conjoint.",
        "Création.",
        "Observatoire des métiers",
        "Sans objet : le projet est la création d'une instance.",
        "Structures porteuses Conseil départemental de la Vallée-du-Lys",
        "Mode de présidence Collégiale",
        "Présidence Hélène Marchetti (Conseil départemental)",
        "Département — Vallée-du-Lys.",
        "Samia Bouzid",
        "2 travailleurs sociaux siègent au comité",
        "3 personnes accompagnées siègent au comité",
        "Défraiement des personnes accompagnées.",
        "12 000 € par an.",
    ):
        assert contient(t, attendu), attendu
    assert contient(t, "Les personnes accompagnées sont comptées, non nommées.")


def test_instance_existante_demande_l_evolution() -> None:
    d = complet(identite=identite(nature="Instance existante", instance_existante=True))
    sections = _sections(texte(dossier_candidature_pdf(d)))
    assert compact(A_COMPLETER) in sections[TITRES[6]]
    assert compact("5 personnes en fonction au 22 novembre 2026") in sections[TITRES[6]]


def test_lettres_d_engagement_en_annexe() -> None:
    pages = texte_pages(dossier_candidature_pdf(complet()))
    annexe = "\n".join(pages[next(i for i, p in enumerate(pages) if contient(p, TITRES[-1])) :])
    assert contient(
        annexe, "Conseil départemental de la Vallée-du-Lys Conseil départemental 1er juin 2025 lettre-cd.pdf"
    )
    assert contient(annexe, "Mission locale du Lys Association / fédération 3 juin 2025 lettre-ml.pdf")
    # A letter recorded without its file: the file is asked for.
    sans_fichier = dataclasses.replace(complet().partenaires[1], fichiers_lettre=())
    t = texte(dossier_candidature_pdf(complet(partenaires=(complet().partenaires[0], sans_fichier))))
    assert compact("3 juin 2025" + A_COMPLETER) in compact(t)


def test_structure_sans_lettre_signalee() -> None:
    sans = dataclasses.replace(complet().partenaires[1], lettre_engagement_le=None, fichiers_lettre=())
    sections = _sections(texte(dossier_candidature_pdf(complet(partenaires=(complet().partenaires[0], sans)))))
    assert compact("1 structure sans lettre d'engagement enregistrée : Mission locale du Lys") in sections[TITRES[16]]


def test_structure_pdf() -> None:
    pdf = dossier_candidature_pdf(complet())
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None and meta.title == "Dossier de candidature" and meta.author == COMITE
    pages = texte_pages(pdf)
    for numero, page in enumerate(pages, start=1):
        assert contient(page, f"Page {numero} / {len(pages)}") and contient(page, "Émis le 22 novembre 2026")
    assert dossier_candidature_pdf(complet()) == pdf
