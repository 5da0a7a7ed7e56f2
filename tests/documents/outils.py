"""Reading the documents back: text per page (pypdf), whitespace-blind search, cached sample PDFs."""

from __future__ import annotations

import io
import re
from functools import cache

from pypdf import PdfReader

from tests.documents import rendre_exemples

_BLANCS = re.compile(r"\s+")


def texte_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def texte(pdf: bytes) -> str:
    return "\n".join(texte_pages(pdf))


def compact(chaine: str) -> str:
    """Without any whitespace (spaces, no-break spaces, line breaks): a wrapped cell still matches."""
    return _BLANCS.sub("", chaine)


def contient(dans: str, attendu: str) -> bool:
    return compact(attendu) in compact(dans)


def occurrences(dans: str, attendu: str) -> int:
    return compact(dans).count(compact(attendu))


@cache
def exemple(nom: str) -> bytes:
    """A sample document by its file name in `rendre_exemples` (built once per test run)."""
    return rendre_exemples.documents()[nom]()


@cache
def texte_exemple(nom: str) -> str:
    return texte(exemple(nom))
