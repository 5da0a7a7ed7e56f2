"""Placeholder until this page is built."""

from __future__ import annotations

from app.ui.page import PageAVenir


class PageComite(PageAVenir):
    titre = "Comité"
