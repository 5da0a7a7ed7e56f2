"""Every sample PDF: A4, embedded DejaVu, metadata, page numbers, French characters, same bytes twice."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import sys
from typing import Any

import pytest
from pypdf import PdfReader

from app.documents.donnees import EnTete
from app.documents.emargement import emargement_pdf
from tests.documents import exemples
from tests.documents.outils import contient, exemple, texte, texte_pages
from tests.documents.rendre_exemples import documents

PDFS = sorted(nom for nom in documents() if nom.endswith(".pdf"))
TITRES = {
    "convocation": "Convocation — PL-2026-02",
    "emargement": "Feuille d'émargement — PL-2026-02",
    "proces-verbal": "Procès-verbal — PL-2026-02",
    "releve-decisions": "Relevé de décisions — PL-2026-02",
}


def _polices(lecteur: PdfReader) -> dict[str, Any]:
    polices: dict[str, Any] = {}
    for page in lecteur.pages:
        ressources = page["/Resources"].get_object()
        for police in ressources.get("/Font", {}).get_object().values():
            police = police.get_object()
            polices[str(police["/BaseFont"])] = police
    return polices


@pytest.mark.parametrize("nom", PDFS)
def test_structure(nom: str) -> None:
    lecteur = PdfReader(io.BytesIO(exemple(nom)))
    assert len(lecteur.pages) >= 1
    for page in lecteur.pages:
        boite = page.mediabox
        assert abs(float(boite.width) - 595.27) < 1 and abs(float(boite.height) - 841.89) < 1  # A4 portrait
    polices = _polices(lecteur)
    assert polices
    for nom_police, police in polices.items():
        assert "DejaVuSans" in nom_police, nom_police  # no Helvetica fallback anywhere
        assert "/FontFile2" in police["/FontDescriptor"].get_object(), nom_police  # embedded TrueType
    meta = lecteur.metadata
    assert meta is not None
    titre = next(t for prefixe, t in TITRES.items() if nom.startswith(prefixe))
    assert meta.title == titre
    assert meta.author == exemples.COMITE
    assert meta.creator == "Comité local"
    assert meta.subject == "Assemblée plénière, séance PL-2026-02 du 5 mars 2026"
    assert "/CreationDate" in meta and str(meta["/CreationDate"]).startswith("D:20260224")


@pytest.mark.parametrize("nom", PDFS)
def test_pied_de_page_sur_chaque_page(nom: str) -> None:
    pages = texte_pages(exemple(nom))
    for numero, page in enumerate(pages, start=1):
        assert contient(page, f"Page {numero} / {len(pages)}")
        assert contient(page, "Émis le 24 février 2026")
        assert contient(page, exemples.COMITE)
        assert contient(page, "PL-2026-02")


def test_accents_guillemets_et_euro_survivent_a_l_extraction() -> None:
    convocation = texte(exemple("convocation.pdf"))
    for attendu in ("Zoé Lefèvre-Œuvray", "« réunions de synthèse »", "(12 500 €)", "Émile-Loubet", "Drôme"):
        assert contient(convocation, attendu), attendu
    pv = texte(exemple("proces-verbal-approuve.pdf"))
    for attendu in (
        "Sophie Mercier-Dubœuf",
        "12 500 € dont 7 500 € de la CAF",
        "« la participation n'est pas une option »",
    ):
        assert contient(pv, attendu), attendu
    # Nothing fell back to a missing-glyph box.
    assert "■" not in convocation and "■" not in pv


@pytest.mark.parametrize("nom", PDFS)
def test_jamais_de_ponctuation_haute_en_debut_de_ligne(nom: str) -> None:
    # The no-break spaces hold « : », « ? », « » » to the word before and « « » to the word after.
    t = texte(exemple(nom))
    assert not re.search(r"\n\s*[:;?!»]", t)
    assert not re.search(r"«\s*\n", t)


def test_memes_donnees_memes_octets() -> None:
    assert emargement_pdf(exemples.emargement()) == emargement_pdf(exemples.emargement())


def test_logo_absent_ou_illisible() -> None:
    donnees = exemples.emargement_nombreux(3)
    sans_logo = emargement_pdf(dataclasses.replace(donnees, en_tete=exemples.en_tete(logo=False)))
    assert contient(texte(sans_logo), exemples.COMITE)
    illisible = EnTete(comite="Comité de test", logo=b"pas une image", emis_le=exemples.EMIS_LE)
    assert contient(texte(emargement_pdf(dataclasses.replace(donnees, en_tete=illisible))), "Comité de test")


def test_importer_app_documents_ne_charge_ni_reportlab_ni_qt() -> None:
    script = (
        "import sys, app.documents, app.documents.donnees, app.documents.invitation, app.documents.typographie\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'PySide6', 'shiboken6', 'sqlalchemy'}))"
    )
    sortie = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert sortie.stdout.strip() == "[]"


def test_reexportations_paresseuses() -> None:
    import app.documents as documents
    from app.documents.convocation import convocation_pdf

    assert documents.convocation_pdf is convocation_pdf
    assert set(documents.__all__) == {
        "convocation_pdf",
        "emargement_pdf",
        "invitation_ics",
        "proces_verbal_pdf",
        "releve_decisions_pdf",
    }
    with pytest.raises(AttributeError):
        _ = documents.inexistant  # type: ignore[attr-defined]
