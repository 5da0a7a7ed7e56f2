"""Retention at opening: a requester's identity goes 6 months after the opinion, and the window is told."""

from __future__ import annotations

import datetime as dt

from app.modeles.enumerations import StatutSaisine
from app.services import conservation, demandeurs
from tests.services.fabrique import Fabrique


def test_l_identite_du_demandeur_s_efface_six_mois_apres_l_avis(base, monkeypatch) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        ancienne = f.saisine(dt.date(2025, 1, 6), statut=StatutSaisine.TRANSMISE, transmise_le=dt.date(2025, 6, 2))
        en_cours = f.saisine(dt.date(2025, 2, 3), statut=StatutSaisine.EN_INSTRUCTION)
        for s_ in (ancienne, en_cours):
            demandeurs.enregistrer_demandeur(s, s_.id, demandeurs.Demandeur("Mme X", "06 00 00 00 00"))
        ids = ancienne.id, en_cours.id
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2025-12-01")
    with base.session_scope() as s:
        assert conservation.appliquer_a_l_ouverture(s) == []  # 2 December is the first day past 6 months
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2025-12-02")
    with base.session_scope() as s:
        (message,) = conservation.appliquer_a_l_ouverture(s)
        assert "1 saisine (SAI-2025-001)" in message
    with base.session_scope() as s:
        assert demandeurs.lire_demandeur(s, ids[0]) is None
        assert demandeurs.lire_demandeur(s, ids[1]) == demandeurs.Demandeur("Mme X", "06 00 00 00 00")
