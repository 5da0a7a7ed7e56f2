"""A small committee for the « Travaux et diffusion » page's tests: two instances, a recommendation, a guide of
2025 with two diffusions, an event of 2026 without any, an exchange received from the HCTS and the escalation of
a referral (recorded from the Saisines page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QApplication

from app.modeles import EchangeHcts
from app.modeles.enumerations import CanalDiffusion, Mission, PublicDiffusion, SensEchange, TypeProduction
from app.ui.contexte import Contexte
from app.ui.pages.travaux import PageTravaux
from tests.services.fabrique import Fabrique

AUJOURDHUI = dt.date(2026, 5, 20)


@dataclass
class Comite:
    groupe: int  # instance « Groupe de travail accueil »
    recommandation: int
    guide: int  # 2025, two diffusions (40 reached, and one unknown)
    evenement: int  # 2026, no diffusion
    recu: int  # an exchange from the HCTS
    escalade: int  # a referral sent to the HCTS
    saisine: str  # its number


@pytest.fixture
def comite(base, monkeypatch) -> Comite:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", AUJOURDHUI.isoformat())
    with base.session_scope() as s:
        f = Fabrique(s)
        f.instance("Assemblée plénière")
        groupe = f.instance("Groupe de travail accueil")
        recommandation = f.recommandation(annee=2026)
        guide = f.production(TypeProduction.GUIDE, dt.date(2025, 10, 1), "Guide du premier accueil")
        guide.mission, guide.instance_id = Mission.PROJETS_OPERATIONNELS, groupe.id
        f.diffusion(guide, CanalDiffusion.COURRIEL, dt.date(2025, 10, 5), nombre_atteint=40)
        f.diffusion(guide, CanalDiffusion.SITE_INTERNET, dt.date(2025, 11, 2), public=PublicDiffusion.GRAND_PUBLIC)
        evenement = f.production(TypeProduction.EVENEMENT, dt.date(2026, 3, 3), "Journée d'étude")
        saisine = f.saisine(dt.date(2026, 2, 1))
        recu = EchangeHcts(
            date=dt.date(2026, 1, 15), sens=SensEchange.DEPUIS_HCTS, objet="Note du HCTS sur l'installation"
        )
        escalade = EchangeHcts(
            date=dt.date(2026, 4, 2), sens=SensEchange.VERS_HCTS, objet="Saisine transmise", saisine_id=saisine.id
        )
        s.add_all([recu, escalade])
        s.flush()
        return Comite(groupe.id, recommandation.id, guide.id, evenement.id, recu.id, escalade.id, saisine.numero)


@pytest.fixture
def page(qtbot, base, comite) -> PageTravaux:
    page = PageTravaux(Contexte(base))
    qtbot.addWidget(page)
    page.resize(1166, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page
