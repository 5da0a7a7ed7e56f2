"""Pages whose features come with later issues: each says plainly what it will hold and when."""

from __future__ import annotations

from app.ui.page import PageAVenir


class PageTravaux(PageAVenir):
    titre = "Travaux et diffusion"
    arrivee = "le suivi des productions du comité et de leur diffusion"


class PageEvaluation(PageAVenir):
    titre = "Évaluation"
    arrivee = "la saisie des données d'évaluation pour l'ANSA"


class PageExports(PageAVenir):
    titre = "Exports"
    arrivee = "le rapport au HCTS et le classeur d'évaluation ANSA"
