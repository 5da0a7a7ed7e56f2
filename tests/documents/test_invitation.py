"""The .ics invitation parsed back with icalendar."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar

from app.documents.invitation import invitation_ics
from tests.documents import exemples

PARIS = ZoneInfo("Europe/Paris")


def _lire(ics: bytes) -> tuple[Calendar, Any]:
    calendrier = Calendar.from_ical(ics)
    evenements = calendrier.walk("VEVENT")
    assert len(evenements) == 1
    return calendrier, evenements[0]


def _plat(texte: str) -> str:
    return " ".join(texte.replace("\u202f", " ").replace("\u00a0", " ").split())


def test_evenement_a_l_heure_de_paris() -> None:
    calendrier, evenement = _lire(invitation_ics(exemples.convocation()))
    assert str(calendrier["PRODID"]) == "-//Comité local//FR"
    assert str(calendrier["VERSION"]) == "2.0"
    assert str(calendrier["METHOD"]) == "PUBLISH"
    assert str(evenement["UID"]) == "PL-2026-02@comite-local"
    assert str(evenement["SUMMARY"]) == "Assemblée plénière — PL-2026-02"
    debut = evenement["DTSTART"]
    assert debut.params["TZID"] == "Europe/Paris"
    assert debut.dt == dt.datetime(2026, 3, 5, 14, 0, tzinfo=PARIS)
    assert debut.dt.utcoffset() == dt.timedelta(hours=1)
    assert evenement["DTEND"].dt == dt.datetime(2026, 3, 5, 16, 30, tzinfo=PARIS)
    assert evenement["DTSTAMP"].dt == dt.datetime(2026, 2, 24, tzinfo=dt.UTC)
    fuseaux = calendrier.walk("VTIMEZONE")
    assert [str(f["TZID"]) for f in fuseaux] == ["Europe/Paris"]
    assert "COMMENT" not in fuseaux[0]
    assert str(evenement["LOCATION"]).startswith("Hôtel du Département, salle Émile-Loubet")
    assert exemples.reunion().lien_visio in str(evenement["LOCATION"])
    assert str(evenement["URL"]) == exemples.reunion().lien_visio


def test_description_avec_l_ordre_du_jour() -> None:
    _, evenement = _lire(invitation_ics(exemples.convocation()))
    description = _plat(str(evenement["DESCRIPTION"]))
    for point in exemples.POINTS:
        assert _plat(f"{point.numero}. {point.titre}") in description, point.titre
    assert "— Saisine SAI-2026-004" in description
    assert "— Recommandation REC-2026-002" in description
    assert "rapporteur : Zoé Lefèvre-Œuvray" in description
    assert "Horaire : de 14 h à 16 h 30" in description
    assert "Visioconférence : https://visio.ladrome.fr/rendez-vous/cltsds-pleniere-2026-02?mdp=Xy7-qP2" in description
    assert "urgence" not in description and "Seconde convocation" not in description


def test_notes_d_urgence_et_de_seconde_convocation() -> None:
    _, urgente = _lire(invitation_ics(exemples.convocation_urgente()))
    description = _plat(str(urgente["DESCRIPTION"]))
    assert "Convocation adressée en urgence." in description
    assert "avis demandé par le Haut Conseil du travail social" in description
    _, seconde = _lire(invitation_ics(exemples.seconde_convocation()))
    description = _plat(str(seconde["DESCRIPTION"]))
    assert "Seconde convocation." in description
    assert "aucun quorum n'est requis" in description


def test_journee_entiere_sans_heure() -> None:
    c = exemples.convocation()
    reunion = dataclasses.replace(c.reunion, heure_debut=None, heure_fin=None, lien_visio="")
    calendrier, evenement = _lire(invitation_ics(dataclasses.replace(c, reunion=reunion)))
    assert evenement["DTSTART"].dt == dt.date(2026, 3, 5)
    assert not isinstance(evenement["DTSTART"].dt, dt.datetime)
    assert evenement["DTEND"].dt == dt.date(2026, 3, 6)
    assert "URL" not in evenement
    assert str(evenement["LOCATION"]) == reunion.lieu
    assert calendrier.walk("VTIMEZONE") == []  # a floating date needs no time zone


def test_sans_heure_de_fin_deux_heures_et_visio_seule() -> None:
    c = exemples.convocation()
    reunion = dataclasses.replace(c.reunion, heure_fin=None, lieu="", format="Visio")
    _, evenement = _lire(invitation_ics(dataclasses.replace(c, reunion=reunion)))
    assert evenement["DTEND"].dt == dt.datetime(2026, 3, 5, 16, 0, tzinfo=PARIS)
    assert str(evenement["LOCATION"]) == reunion.lien_visio


def test_heure_d_ete() -> None:
    c = exemples.convocation()
    reunion = dataclasses.replace(c.reunion, date=dt.date(2026, 6, 18))
    _, evenement = _lire(invitation_ics(dataclasses.replace(c, reunion=reunion)))
    assert evenement["DTSTART"].dt.utcoffset() == dt.timedelta(hours=2)


def test_deterministe() -> None:
    assert invitation_ics(exemples.convocation()) == invitation_ics(exemples.convocation())
    assert b"\r\n" in invitation_ics(exemples.convocation())
