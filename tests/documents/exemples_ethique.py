"""Realistic sample data for the ethics documents: an opinion (adopted, draft, long), an HCTS file, registers.

The formatted texts are written the way Qt's `QTextDocument.toMarkdown()` writes them: lines wrapped at 80
columns, `**gras**`, `*italique*`, `- ` bullets, `1.  ` items (two spaces), a backslash before a raw `<`.

.venv/bin/python -m tests.documents.exemples_ethique /tmp/ethique   writes every sample into a folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from app.documents.donnees import EnTete
from app.documents.donnees_ethique import (
    AvisDocument,
    AvisResume,
    DossierHcts,
    EnvoiHcts,
    EtapeSaisine,
    LigneRegistre,
    Registre,
)
from tests.documents import exemples
from tests.documents.outils import contient, texte_pages

EMIS_LE = exemples.EMIS_LE  # 24 February 2026
SEANCE = "Instance éthique du 12 mars 2026 (ETH-2026-02)"

QUESTION_003 = (
    "Un travailleur social de polyvalence de secteur est invité à une « réunion de synthèse » "
    "pluri-institutionnelle au sujet d'une famille qu'il accompagne. Peut-il y partager des informations "
    "recueillies lors d'entretiens sans l'accord préalable de la famille ?\n\n"
    "La famille n'a pas été informée de la tenue de la réunion ; l'un des enfants est suivi par le service "
    "de protection maternelle et infantile."
)
QUESTION_005 = (
    "Une équipe de prévention spécialisée s'interroge : jusqu'où partager, avec un établissement scolaire, "
    "des éléments sur la situation d'un jeune majeur qui le refuse ?"
)

TEXTE_AVIS = """\
## Cadre

Le **secret professionnel** s'impose aux assistants de service social (article
L. 411-3 du code de l'action sociale et des familles). Le *secret partagé* n'est
admis que dans les conditions prévues par la loi : entre professionnels
concourant à la même mission, dans l'intérêt de la personne, et après l'en avoir
informée.

## Analyse

L'instance relève trois points :

- l'information préalable de la famille est la règle, non l'exception ;
- seules les informations **strictement nécessaires** à l'objet de la réunion
  peuvent être partagées ;
- le compte rendu de la réunion ne doit reprendre que les éléments utiles à
  l'accompagnement, sans jugement sur les personnes.

Le « consentement » recueilli oralement doit être tracé dans le dossier.

## Options

1.  Informer la famille de la réunion et de son objet, recueillir son avis.
2.  À défaut d'accord, limiter l'échange aux éléments indispensables à la
    protection de l'enfant :
    - les faits observés, datés ;
    - les actions déjà engagées.
3.  Proposer à la famille de participer à tout ou partie de la réunion.

Coût estimé d'une formation commune : 12 500 € ; référent : Œuvre des
« Passerelles ».
"""


def en_tete() -> EnTete:
    return exemples.en_tete()


def avis_adopte() -> AvisDocument:
    return AvisDocument(
        en_tete=en_tete(),
        numero="REC-2026-004",
        nature="Recommandation",
        titre="Partager des informations en réunion de synthèse : informer la famille d'abord",
        statut="Adoptée",
        version=3,
        saisines=("SAI-2026-003", "SAI-2026-005"),
        questions=(QUESTION_003, QUESTION_005),
        themes=("Partage d'informations", "Secret professionnel", "Consentement"),
        texte=TEXTE_AVIS,
        adoptee_le=dt.date(2026, 3, 12),
        seance_adoption=SEANCE,
        publication_autorisee=True,
        projet=False,
        signataire="Hélène Marchand, présidente de l'instance éthique",
    )


def avis_projet() -> AvisDocument:
    return dataclasses.replace(
        avis_adopte(),
        statut="Projet",
        version=2,
        adoptee_le=None,
        seance_adoption="",
        publication_autorisee=False,
        projet=True,
    )


def avis_long() -> AvisDocument:
    """A draft « Avis » long enough to run over several pages (repeated analysis, long lists)."""
    parties = [TEXTE_AVIS]
    for i in range(1, 9):
        parties.append(
            f"### Situation type n° {i}\n\n"
            "Les professionnels décrivent une situation où *l'urgence* semble justifier un partage\n"
            "d'informations sans délai ; l'instance rappelle que **l'urgence ne dispense pas** de\n"
            "l'information de la personne, qui peut intervenir après coup.\n\n"
            "- premier élément à vérifier : la finalité du partage ;\n"
            "- deuxième élément : les destinataires ;\n"
            "- troisième élément : la trace écrite.\n"
        )
    parties.append("FIN-DE-L-AVIS")
    return dataclasses.replace(
        avis_projet(),
        numero="REC-2026-007",
        nature="Avis",
        titre="Urgence et partage d'informations : ce que l'urgence permet, et ce qu'elle ne permet pas",
        saisines=("SAI-2026-008",),
        questions=(QUESTION_003,),
        texte="\n".join(parties),
    )


# --- the HCTS file -----------------------------------------------------------------------------------------------

CONTEXTE_003 = (
    "La réunion de synthèse réunit le service de polyvalence, la protection maternelle et infantile, "
    "l'établissement scolaire et une association de prévention spécialisée.\n\n"
    "Les pratiques diffèrent d'un territoire à l'autre : certaines équipes informent systématiquement les "
    "familles, d'autres jamais. Le comité local souhaite l'éclairage de la commission sur une question qui "
    "dépasse son territoire."
)


def dossier_hcts() -> DossierHcts:
    return DossierHcts(
        en_tete=en_tete(),
        numero="SAI-2026-003",
        recue_le=dt.date(2026, 1, 8),
        canal="Formulaire",
        type_demandeur="Travailleur social",
        themes=("Partage d'informations", "Secret professionnel"),
        question=QUESTION_003,
        contexte=CONTEXTE_003,
        recevable_le=dt.date(2026, 1, 20),
        anonymisation_validee_par="Sandrine Collet",
        anonymisation_validee_le=dt.date(2026, 1, 22),
        avis_locaux=(
            AvisResume(
                numero="REC-2026-004",
                nature="Recommandation",
                titre="Partager des informations en réunion de synthèse : informer la famille d'abord",
                statut="Adoptée",
                adoptee_le=dt.date(2026, 3, 12),
                texte=TEXTE_AVIS,
            ),
        ),
        historique=(
            EtapeSaisine(dt.date(2026, 1, 8), "Reçue", "Sandrine Collet", ""),
            EtapeSaisine(dt.date(2026, 1, 12), "Accusé de réception envoyé", "Sandrine Collet", ""),
            EtapeSaisine(
                dt.date(2026, 1, 20),
                "Recevable",
                "Zoé Lefèvre-Œuvray",
                "Question de portée générale relevant de l'éthique professionnelle.",
            ),
            EtapeSaisine(dt.date(2026, 1, 22), "Anonymisation validée", "Sandrine Collet", ""),
            EtapeSaisine(dt.date(2026, 3, 12), "Avis adopté", "Hélène Marchand", "Séance ETH-2026-02."),
            EtapeSaisine(
                dt.date(2026, 3, 16),
                "Transmise",
                "Sandrine Collet",
                "Saisine de la commission éthique et déontologie du HCTS : question nationale.",
            ),
        ),
        envois=(
            EnvoiHcts(
                dt.date(2026, 3, 16),
                "Dossier de saisine et recommandation REC-2026-004",
                "Sandrine Collet",
                "Accusé de réception du secrétariat de la commission le 18 mars 2026.",
            ),
            EnvoiHcts(dt.date(2026, 4, 2), "Compléments demandés sur les pratiques locales", "Sandrine Collet", ""),
        ),
    )


def dossier_hcts_minimal() -> DossierHcts:
    """Escalated before any local opinion or sending; anonymisation not yet validated."""
    return dataclasses.replace(
        dossier_hcts(),
        anonymisation_validee_par="",
        anonymisation_validee_le=None,
        avis_locaux=(),
        envois=(),
        historique=dossier_hcts().historique[:3],
    )


# --- the register ------------------------------------------------------------------------------------------------


def _ligne(
    rang: int,
    nature: str,
    titre: str,
    statut: str,
    saisines: tuple[str, ...],
    themes: tuple[str, ...],
    adoptee_le: dt.date | None = None,
    publiee_le: dt.date | None = None,
    autorisee: bool = False,
) -> LigneRegistre:
    return LigneRegistre(
        numero=f"REC-2026-{rang:03d}",
        nature=nature,
        titre=titre,
        statut=statut,
        saisines=saisines,
        themes=themes,
        adoptee_le=adoptee_le,
        seance_adoption=SEANCE if adoptee_le else "",
        publiee_le=publiee_le,
        publication_autorisee=autorisee,
    )


LIGNES_REGISTRE = (
    _ligne(
        1,
        "Avis",
        "Accueil sans rendez-vous et confidentialité des échanges au guichet",
        "Publiée",
        ("SAI-2026-001",),
        ("Secret professionnel",),
        dt.date(2026, 1, 15),
        dt.date(2026, 1, 30),
        True,
    ),
    _ligne(
        2,
        "Recommandation",
        "Premier accueil social inconditionnel : l'accueil sans rendez-vous dans les territoires ruraux",
        "Publiée",
        (),
        ("Posture professionnelle",),
        dt.date(2026, 3, 5),
        dt.date(2026, 3, 20),
        True,
    ),
    _ligne(
        3,
        "Éléments de réflexion",
        "Outils numériques de suivi partagé : « tout tracer » ?",
        "Adoptée",
        ("SAI-2026-002",),
        ("Numérique", "Partage d'informations"),
        dt.date(2026, 3, 12),
        None,
        False,
    ),
    _ligne(
        4,
        "Recommandation",
        "Partager des informations en réunion de synthèse : informer la famille d'abord",
        "Adoptée",
        ("SAI-2026-003", "SAI-2026-005"),
        ("Partage d'informations", "Secret professionnel", "Consentement"),
        dt.date(2026, 3, 12),
        None,
        True,
    ),
    _ligne(
        5,
        "Avis",
        "Protection de l'enfance et information préoccupante : le rôle des Œuvres partenaires",
        "Retirée",
        ("SAI-2026-006",),
        ("Protection de l'enfance",),
        dt.date(2026, 2, 10),
        None,
        False,
    ),
    _ligne(6, "Avis", "Consentement des personnes accompagnées aux photographies", "Soumise", ("SAI-2026-007",), ()),
    _ligne(
        7,
        "Avis",
        "Urgence et partage d'informations",
        "Projet",
        ("SAI-2026-008",),
        ("Partage d'informations",),
    ),
)


def registre() -> Registre:
    """7 opinions, 5 adopted (one since withdrawn), 2 published."""
    return Registre(en_tete=en_tete(), annee=2026, lignes=LIGNES_REGISTRE)


def registre_long(nombre: int = 40) -> Registre:
    lignes = tuple(
        dataclasses.replace(
            LIGNES_REGISTRE[i % len(LIGNES_REGISTRE)],
            numero=f"REC-2026-{i + 1:03d}",
            titre=f"Titre n° {i + 1:03d} — {LIGNES_REGISTRE[i % len(LIGNES_REGISTRE)].titre}",
        )
        for i in range(nombre)
    )
    return Registre(en_tete=en_tete(), annee=2026, lignes=lignes)


def registre_vide() -> Registre:
    return Registre(en_tete=en_tete(), annee=2026, lignes=())


def documents() -> dict[str, Callable[[], bytes]]:
    """File name → how to produce it (to look at them, and for the structural tests)."""
    from app.documents.avis import avis_pdf
    from app.documents.dossier_hcts import dossier_hcts_pdf
    from app.documents.registre import registre_pdf, registre_xlsx

    return {
        "avis-adopte.pdf": lambda: avis_pdf(avis_adopte()),
        "avis-projet.pdf": lambda: avis_pdf(avis_projet()),
        "avis-long.pdf": lambda: avis_pdf(avis_long()),
        "dossier-hcts.pdf": lambda: dossier_hcts_pdf(dossier_hcts()),
        "dossier-hcts-minimal.pdf": lambda: dossier_hcts_pdf(dossier_hcts_minimal()),
        "registre.pdf": lambda: registre_pdf(registre()),
        "registre-long.pdf": lambda: registre_pdf(registre_long()),
        "registre-vide.pdf": lambda: registre_pdf(registre_vide()),
        "registre.xlsx": lambda: registre_xlsx(registre()),
        "registre-vide.xlsx": lambda: registre_xlsx(registre_vide()),
    }


# --- reading back, shared by the ethics tests ------------------------------------------------------------------

A4_PORTRAIT = (595.27, 841.89)
A4_PAYSAGE = (841.89, 595.27)


def polices(pdf: bytes) -> dict[str, Any]:
    """Every font the pages use, by base name (« AAAAAA+DejaVuSans-Bold »)."""
    trouvees: dict[str, Any] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        ressources = page["/Resources"].get_object()
        for police in ressources.get("/Font", {}).get_object().values():
            police = police.get_object()
            trouvees[str(police["/BaseFont"])] = police
    return trouvees


def texte_par_police(pdf: bytes) -> dict[str, str]:
    """The text drawn in each font, by font style: « DejaVuSans », « DejaVuSans-Bold », « DejaVuSans-Oblique »."""
    morceaux: dict[str, list[str]] = {}

    def visiteur(texte: str, _cm: Any, _tm: Any, police: Any, _taille: Any) -> None:
        if police is not None and texte:
            nom = str(police["/BaseFont"]).split("+")[-1]
            morceaux.setdefault(nom, []).append(texte)

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visiteur)
    return {nom: "".join(textes) for nom, textes in morceaux.items()}


def verifier_structure(pdf: bytes, *, titre: str, sujet: str, taille: tuple[float, float] = A4_PORTRAIT) -> None:
    """What `test_structure_pdf` checks of the meeting documents: page size, embedded DejaVu only, metadata,
    the footer on every page, no high punctuation opening a line."""
    lecteur = PdfReader(io.BytesIO(pdf))
    assert len(lecteur.pages) >= 1
    for page in lecteur.pages:
        boite = page.mediabox
        assert abs(float(boite.width) - taille[0]) < 1 and abs(float(boite.height) - taille[1]) < 1
    trouvees = polices(pdf)
    assert trouvees
    for nom, police in trouvees.items():
        assert "DejaVuSans" in nom, nom  # no Helvetica fallback (a bullet, a table cell…)
        assert "/FontFile2" in police["/FontDescriptor"].get_object(), nom
    meta = lecteur.metadata
    assert meta is not None
    assert meta.title == titre
    assert meta.subject == sujet
    assert meta.author == exemples.COMITE
    assert meta.creator == "Comité local"
    assert str(meta["/CreationDate"]).startswith("D:20260224")
    pages = texte_pages(pdf)
    for numero, page_texte in enumerate(pages, start=1):
        assert contient(page_texte, f"Page {numero} / {len(pages)}")
        assert contient(page_texte, "Émis le 24 février 2026")
        assert contient(page_texte, exemples.COMITE)
    tout = "\n".join(pages)
    assert not re.search(r"\n\s*[:;?!»]", tout)
    assert not re.search(r"«\s*\n", tout)
    assert "■" not in tout  # no missing glyph


def main(arguments: list[str]) -> int:
    if len(arguments) != 1:
        print("usage : python -m tests.documents.exemples_ethique DOSSIER", file=sys.stderr)
        return 2
    dossier = Path(arguments[0])
    dossier.mkdir(parents=True, exist_ok=True)
    for nom, produire in documents().items():
        (dossier / nom).write_bytes(produire())
        print(dossier / nom)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
