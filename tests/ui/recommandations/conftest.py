"""A small ethics instance for the Recommandations page's tests: two held meetings of the ethics instance (and a
planned one, and a held plenary, never offered for an adoption), three referrals whose anonymisation a second
person validated (one an autosaisine), one still waiting for it, and two texts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy.orm import Session

from app.modeles import RecommandationSaisine, RecommandationVersion
from app.modeles.enumerations import (
    NatureRecommandation,
    StatutRecommandation,
    StatutSaisine,
    StatutSeance,
    ThemeEthique,
    TypeDemandeur,
)
from app.services import recommandations
from app.services.recommandations import FicheRecommandation
from app.ui.contexte import Contexte
from app.ui.pages.recommandations import PageRecommandations
from tests.services.fabrique import Fabrique

AUJOURDHUI = dt.date(2026, 3, 10)
REDACTRICE = "Claire Martin"  # the author of the texts built here (not the OS login of the tests)
RELECTEUR = "Paul Girard"
# Long lines on purpose: Qt's Markdown writer wraps them at 80 columns, which must not count as a change.
TEXTE = (
    "## Cadre\n\n"
    "Le secret professionnel (article 226-13 du code pénal) et le partage d'informations à caractère secret entre "
    "professionnels encadrent la question posée.\n\n"
    "## Analyse\n\n"
    "L'instance relève que le partage n'est légitime que s'il est strictement nécessaire à l'accompagnement.\n\n"
    "## Options\n\n"
    "- recueillir l'accord de la personne ;\n"
    "- limiter les informations partagées."
)


@dataclass
class Comite:
    seance_tenue: int  # ETH-2026-01, held today
    seance_planifiee: int
    pleniere_tenue: int
    saisine: int  # SAI-2026-001: a social worker's, anonymisation validated, no consent yet
    autosaisine: int  # SAI-2026-002
    saisine_non_validee: int  # SAI-2026-003
    saisine_2025: int  # SAI-2025-001, validated, consent given
    projet: int  # REC-2026-001, a draft linked to SAI-2026-001
    ancienne: int  # REC-2025-001, published last year


def construire(session: Session) -> Comite:
    f = Fabrique(session)
    ethique = f.instance_ethique()
    pleniere = f.instance("Assemblée plénière")
    tenue = f.seance(ethique, AUJOURDHUI, reference="ETH-2026-01")
    planifiee = f.seance(
        ethique, AUJOURDHUI + dt.timedelta(days=30), statut=StatutSeance.PLANIFIEE, reference="ETH-2026-02"
    )
    pleniere_tenue = f.seance(pleniere, AUJOURDHUI)
    ancienne_seance = f.seance(ethique, dt.date(2025, 6, 12), reference="ETH-2025-02")

    def saisine(recue_le: dt.date, question: str, *, validee: bool = True, demandeur=TypeDemandeur.TRAVAILLEUR_SOCIAL):
        s = f.saisine(recue_le, statut=StatutSaisine.ANONYMISATION_VALIDEE if validee else StatutSaisine.RECEVABLE)
        s.question, s.type_demandeur, s.enregistree_par = question, demandeur, "Claire Martin"
        # Set either way: whatever the builder's default, the sign-off is what this test decides.
        s.anonymisation_validee_par = RELECTEUR if validee else ""
        s.anonymisation_validee_le = recue_le + dt.timedelta(days=5) if validee else None
        session.flush()
        return s

    ancienne_saisine = saisine(dt.date(2025, 3, 1), "Peut-on signaler sans l'accord de la famille ?")
    ancienne_saisine.consentement_publication, ancienne_saisine.consentement_le = True, dt.date(2025, 3, 2)
    s1 = saisine(dt.date(2026, 1, 12), "Peut-on partager une information avec l'école sans l'accord des parents ?")
    s2 = saisine(
        dt.date(2026, 1, 20), "Les messageries instantanées et le secret.", demandeur=TypeDemandeur.AUTOSAISINE
    )
    s3 = saisine(dt.date(2026, 2, 2), "Question encore à relire.", validee=False)

    projet = recommandations.creer_recommandation(
        session,
        FicheRecommandation(
            0,
            NatureRecommandation.AVIS,
            "Partager une information avec l'école",
            TEXTE,
            themes=(ThemeEthique.PARTAGE_INFORMATIONS,),
            saisines=(s1.id,),
        ),
        REDACTRICE,
    )
    ancienne = f.recommandation(annee=2025)
    ancienne.titre, ancienne.texte = "Signaler sans l'accord de la famille", "Texte publié en 2025."
    ancienne.statut = StatutRecommandation.PUBLIEE
    ancienne.adoptee_le, ancienne.seance_adoption_id = ancienne_seance.date, ancienne_seance.id
    ancienne.publiee_le, ancienne.publication_autorisee = dt.date(2025, 7, 1), True
    ancienne.anonymisation_validee_par, ancienne.anonymisation_validee_le = RELECTEUR, dt.date(2025, 6, 20)
    ancienne.saisines.append(RecommandationSaisine(saisine_id=ancienne_saisine.id))
    ancienne.versions.append(
        RecommandationVersion(
            version=1,
            titre=ancienne.titre,
            texte=ancienne.texte,
            horodatage=dt.datetime(2025, 6, 1, 14, 30),
            auteur=REDACTRICE,
        )
    )
    session.flush()
    return Comite(
        tenue.id, planifiee.id, pleniere_tenue.id, s1.id, s2.id, s3.id, ancienne_saisine.id, projet, ancienne.id
    )


@pytest.fixture
def comite(base, monkeypatch) -> Comite:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", AUJOURDHUI.isoformat())
    with base.session_scope() as s:
        return construire(s)


def ouvrir(qtbot, base) -> PageRecommandations:
    page = PageRecommandations(Contexte(base))
    qtbot.addWidget(page)
    page.resize(1166, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page


@pytest.fixture
def page(qtbot, base, comite) -> PageRecommandations:
    return ouvrir(qtbot, base)
