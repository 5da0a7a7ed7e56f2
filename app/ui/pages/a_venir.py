"""Pages whose features come with later issues: each says plainly what it will hold and when."""

from __future__ import annotations

from app.ui.page import PageAVenir


class PageExports(PageAVenir):
    titre = "Exports"
    arrivee = "le rapport au HCTS et le classeur d'évaluation ANSA"
