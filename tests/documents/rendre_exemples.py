"""Write every sample document into a folder, to look at them.

.venv/bin/python -m tests.documents.rendre_exemples /tmp/docs
pdftoppm -r 80 -png /tmp/docs/convocation.pdf /tmp/docs/convocation
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from app.documents.convocation import convocation_pdf
from app.documents.emargement import emargement_pdf
from app.documents.invitation import invitation_ics
from app.documents.proces_verbal import proces_verbal_pdf, releve_decisions_pdf
from tests.documents import exemples


def documents() -> dict[str, Callable[[], bytes]]:
    """File name → how to produce it."""
    return {
        "convocation.pdf": lambda: convocation_pdf(exemples.convocation()),
        "convocation-urgente.pdf": lambda: convocation_pdf(exemples.convocation_urgente()),
        "convocation-seconde.pdf": lambda: convocation_pdf(exemples.seconde_convocation()),
        "emargement.pdf": lambda: emargement_pdf(exemples.emargement()),
        "emargement-seconde.pdf": lambda: emargement_pdf(exemples.emargement_seconde()),
        "emargement-80.pdf": lambda: emargement_pdf(exemples.emargement_nombreux(80)),
        "proces-verbal-projet.pdf": lambda: proces_verbal_pdf(exemples.proces_verbal()),
        "proces-verbal-approuve.pdf": lambda: proces_verbal_pdf(exemples.proces_verbal_approuve()),
        "proces-verbal-sans-quorum.pdf": lambda: proces_verbal_pdf(exemples.proces_verbal_sans_quorum()),
        "proces-verbal-seconde.pdf": lambda: proces_verbal_pdf(exemples.proces_verbal_seconde()),
        "releve-decisions.pdf": lambda: releve_decisions_pdf(exemples.proces_verbal()),
        "invitation.ics": lambda: invitation_ics(exemples.convocation()),
        "invitation-urgente.ics": lambda: invitation_ics(exemples.convocation_urgente()),
    }


def main(arguments: list[str]) -> int:
    if len(arguments) != 1:
        print("usage : python -m tests.documents.rendre_exemples DOSSIER", file=sys.stderr)
        return 2
    dossier = Path(arguments[0])
    dossier.mkdir(parents=True, exist_ok=True)
    for nom, produire in documents().items():
        (dossier / nom).write_bytes(produire())
        print(dossier / nom)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
