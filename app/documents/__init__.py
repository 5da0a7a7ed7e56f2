"""Documents (PDF, xlsx, ics): pure functions from data to bytes or files. No Qt here.

The public functions are re-exported lazily: importing `app.documents` costs nothing at start-up, reportlab is
loaded only when a PDF is first produced.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.documents.convocation import convocation_pdf as convocation_pdf
    from app.documents.emargement import emargement_pdf as emargement_pdf
    from app.documents.invitation import invitation_ics as invitation_ics
    from app.documents.proces_verbal import proces_verbal_pdf as proces_verbal_pdf
    from app.documents.proces_verbal import releve_decisions_pdf as releve_decisions_pdf

_MODULES = {
    "convocation_pdf": "app.documents.convocation",
    "emargement_pdf": "app.documents.emargement",
    "invitation_ics": "app.documents.invitation",
    "proces_verbal_pdf": "app.documents.proces_verbal",
    "releve_decisions_pdf": "app.documents.proces_verbal",
}
__all__ = sorted(_MODULES)


def __getattr__(nom: str) -> object:
    module = _MODULES.get(nom)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")
    return getattr(importlib.import_module(module), nom)
