"""A small register for the Saisines page's tests: one referral at each stage that matters, built through the
services (so each has its history), an ethics meeting to come, two persons of the directory."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy.orm import Session

from app import db
from app.modeles.enumerations import CanalSaisine, StatutSaisine, StatutSeance, ThemeEthique, TypeDemandeur
from app.services import saisines, saisines_workflow
from app.services.saisines import FicheSaisine
from app.ui.annuaire.tableaux import selectionner
from app.ui.contexte import Contexte
from app.ui.pages.saisines import PageSaisines
from tests.services.fabrique import Fabrique

S = StatutSaisine
AUJOURDHUI = dt.date(2026, 3, 2)  # a Monday
SECRETAIRE = "claire.secretariat"
QUESTION = "Madame Dupont refuse que son dossier soit transmis au bailleur. Elle est joignable au 06 12 34 56 78."
CONTEXTE = "Elle est suivie par Anne Martin."
QUESTION_PROPRE = "Une personne accompagnée peut-elle refuser la transmission de son dossier au bailleur social ?"


def _saisine(session: Session, recue_le: dt.date, **champs: object) -> int:
    fiche = FicheSaisine(0, recue_le, CanalSaisine.COURRIEL, TypeDemandeur.TRAVAILLEUR_SOCIAL, **champs)
    return saisines.enregistrer_saisine(session, fiche, SECRETAIRE).id


def _etapes(session: Session, saisine_id: int, *etapes: tuple[StatutSaisine, dt.date]) -> None:
    for vers, le in etapes:
        motif = "Hors du champ de l'instance." if vers is S.IRRECEVABLE else ""
        saisines_workflow.passer(session, saisine_id, vers, par=SECRETAIRE, le=le, motif=motif)


def construire(session: Session) -> dict[str, int]:
    """SAI-2025-001 closed (irrecevable); in 2026: 001 received, acknowledgement late; 002 acknowledged; 003
    admissible, its text full of identifying data; 004 anonymisation validated, under instruction."""
    f = Fabrique(session)
    anne = f.personne("Martin", "Anne")
    bruno = f.personne("Petit", "Bruno")
    ethique = f.instance("Instance éthique")
    seance = f.seance(ethique, dt.date(2026, 3, 12), statut=StatutSeance.PLANIFIEE, reference="ETH-2026-02")
    ids = {"anne": anne.id, "bruno": bruno.id, "seance": seance.id}

    ids["SAI-2025-001"] = _saisine(session, dt.date(2025, 11, 3), themes=(ThemeEthique.AUTRE,))
    _etapes(
        session,
        ids["SAI-2025-001"],
        (S.ACCUSEE, dt.date(2025, 11, 5)),
        (S.IRRECEVABLE, dt.date(2025, 11, 20)),
        (S.CLOTUREE, dt.date(2025, 12, 1)),
    )
    ids["SAI-2026-001"] = _saisine(session, dt.date(2026, 2, 20), themes=(ThemeEthique.CONSENTEMENT,))
    ids["SAI-2026-002"] = _saisine(session, dt.date(2026, 2, 23), themes=(ThemeEthique.NUMERIQUE,))
    _etapes(session, ids["SAI-2026-002"], (S.ACCUSEE, dt.date(2026, 2, 24)))
    ids["SAI-2026-003"] = _saisine(
        session,
        dt.date(2026, 2, 2),
        question=QUESTION,
        contexte=CONTEXTE,
        themes=(ThemeEthique.PARTAGE_INFORMATIONS, ThemeEthique.SECRET_PROFESSIONNEL),
        rapporteurs=(anne.id,),
    )
    _etapes(session, ids["SAI-2026-003"], (S.ACCUSEE, dt.date(2026, 2, 3)), (S.RECEVABLE, dt.date(2026, 2, 10)))
    ids["SAI-2026-004"] = _saisine(session, dt.date(2026, 1, 5), question=QUESTION_PROPRE)
    _etapes(session, ids["SAI-2026-004"], (S.ACCUSEE, dt.date(2026, 1, 6)), (S.RECEVABLE, dt.date(2026, 1, 12)))
    saisines_workflow.valider_anonymisation(session, ids["SAI-2026-004"], par="bruno.petit", le=dt.date(2026, 1, 20))
    _etapes(session, ids["SAI-2026-004"], (S.EN_INSTRUCTION, dt.date(2026, 1, 22)))
    return ids


@pytest.fixture
def comite(base, monkeypatch) -> dict[str, int]:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", AUJOURDHUI.isoformat())
    monkeypatch.setattr(db, "utilisateur_systeme", lambda: SECRETAIRE)
    with base.session_scope() as s:
        return construire(s)


def ouvrir(qtbot, base) -> PageSaisines:
    page = PageSaisines(Contexte(base))
    qtbot.addWidget(page)
    page.resize(1166, 720)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page


def choisir(page: PageSaisines, comite: dict[str, int], numero: str) -> None:
    assert selectionner(page.vue, page.proxy, comite[numero])
    assert page.detail is not None and page.detail.numero == numero


def numeros(page: PageSaisines) -> list[str]:
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def etapes_offertes(page: PageSaisines) -> list[str]:
    """The step buttons shown, in their order on screen."""
    rangee = page.rangee_etapes
    boutons = [rangee.itemAt(rang).widget() for rang in range(rangee.count())]
    return [b.text().replace("&", "") for b in boutons if b is not None and not b.isHidden()]


def statut(base, saisine_id: int) -> StatutSaisine | None:
    from app.modeles import Saisine

    with base.session_scope() as s:
        saisine = s.get(Saisine, saisine_id)
        return None if saisine is None else saisine.statut
