"""The embedded DejaVu Sans fonts, registered once with reportlab.

Helvetica covers WinAnsi only (no narrow no-break space, no « → »): every PDF uses DejaVu Sans, embedded.
The files are read through importlib.resources so that an installed package or a PyInstaller bundle finds them;
they are handed to reportlab as bytes, which also works from a zip.
"""

from __future__ import annotations

import io
import threading
from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILLE = "DejaVuSans"
NORMALE = "DejaVuSans"
GRASSE = "DejaVuSans-Bold"
ITALIQUE = "DejaVuSans-Oblique"

_FICHIERS = {
    NORMALE: "DejaVuSans.ttf",
    GRASSE: "DejaVuSans-Bold.ttf",
    ITALIQUE: "DejaVuSans-Oblique.ttf",
}
_verrou = threading.Lock()
_enregistrees = False


def _octets_police(fichier: str) -> bytes:
    return resources.files("app").joinpath("ressources", "polices", fichier).read_bytes()


def enregistrer_polices() -> str:
    """Register the fonts (idempotent, thread-safe) and return the family name to use in styles."""
    global _enregistrees
    with _verrou:
        if _enregistrees:
            return FAMILLE
        deja = set(pdfmetrics.getRegisteredFontNames())
        for nom, fichier in _FICHIERS.items():
            if nom not in deja:
                pdfmetrics.registerFont(TTFont(nom, io.BytesIO(_octets_police(fichier))))
        # No bold oblique is shipped: <b><i> falls back to bold, which stays legible.
        pdfmetrics.registerFontFamily(FAMILLE, normal=NORMALE, bold=GRASSE, italic=ITALIQUE, boldItalic=GRASSE)
        _enregistrees = True
        return FAMILLE
