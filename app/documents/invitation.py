"""The calendar invitation (.ics) sent with a convocation."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from app.documents.donnees import Convocation
from app.documents.textes import phrase_seconde, phrase_urgence
from app.documents.typographie import duree_fr, horaire, libelle_reference, typographier
from app.format_fr import date_longue

FUSEAU = "Europe/Paris"
DUREE_PAR_DEFAUT = dt.timedelta(hours=2)


def uid(reference: str) -> str:
    """Stable per meeting: re-sending the invitation updates the event instead of adding a second one."""
    return f"{reference.strip()}@comite-local"


def _description(c: Convocation) -> str:
    r = c.reunion
    lignes = [f"{r.instance} — séance {r.reference}", f"Date : {date_longue(r.date)}"]
    heures = horaire(r.heure_debut, r.heure_fin)
    if heures:
        lignes.append(f"Horaire : {heures}")
    if r.lieu.strip():
        lignes.append(f"Lieu : {r.lieu.strip()}")
    if r.lien_visio.strip():
        lignes.append(f"Visioconférence : {r.lien_visio.strip()}")
    if r.format.strip():
        lignes.append(f"Format : {r.format}")
    if c.convoque_par.strip():
        lignes.append(f"Convoquée par : {c.convoque_par}")
    if c.motif_urgence.strip():
        lignes += ["", "Convocation adressée en urgence. " + phrase_urgence(c.delai_jours, c.motif_urgence)]
    if c.seconde is not None:
        lignes += ["", "Seconde convocation. " + phrase_seconde(c.seconde)]
    lignes += ["", "Ordre du jour :"]
    if not c.points:
        lignes.append("Aucun point n'est encore inscrit à l'ordre du jour.")
    for point in c.points:
        details = [point.nature] if point.nature.strip() else []
        if point.rapporteur.strip():
            details.append(f"rapporteur : {point.rapporteur}")
        if point.duree_minutes:
            details.append(duree_fr(point.duree_minutes))
        texte = f"{point.numero}. {point.titre}"
        if details:
            texte += f" ({' ; '.join(details)})"
        if point.reference_liee.strip():
            texte += f" — {libelle_reference(point.reference_liee)}"
        lignes.append(texte)
    if c.secretariat.strip():
        lignes += ["", f"Secrétariat : {c.secretariat.strip()}"]
    # URLs are kept out of the typography: a space before their « : » would break them.
    return "\n".join(ligne if "://" in ligne else typographier(ligne) for ligne in lignes)


def invitation_ics(c: Convocation) -> bytes:
    """A VCALENDAR with one VEVENT in Europe/Paris (or an all-day event when no start time is known)."""
    from icalendar import Calendar, Event, Timezone

    r = c.reunion
    fuseau = ZoneInfo(FUSEAU)
    calendrier = Calendar()
    calendrier.add("prodid", "-//Comité local//FR")
    calendrier.add("version", "2.0")
    calendrier.add("calscale", "GREGORIAN")
    calendrier.add("method", "PUBLISH")

    evenement = Event()
    evenement.add("uid", uid(r.reference))
    evenement.add(
        "dtstamp", dt.datetime(c.en_tete.emis_le.year, c.en_tete.emis_le.month, c.en_tete.emis_le.day, tzinfo=dt.UTC)
    )
    evenement.add("summary", f"{r.instance} — {r.reference}")
    if r.heure_debut is None:
        evenement.add("dtstart", r.date)
        evenement.add("dtend", r.date + dt.timedelta(days=1))
    else:
        debut = dt.datetime.combine(r.date, r.heure_debut, tzinfo=fuseau)
        fin = dt.datetime.combine(r.date, r.heure_fin, tzinfo=fuseau) if r.heure_fin is not None else None
        if fin is None or fin <= debut:
            fin = debut + DUREE_PAR_DEFAUT
        evenement.add("dtstart", debut)
        evenement.add("dtend", fin)
        # Only the years around the meeting: the whole 1970–2038 history would bloat every invitation.
        fuseau_ics = Timezone.from_tzinfo(
            fuseau, tzid=FUSEAU, first_date=dt.date(r.date.year - 1, 1, 1), last_date=dt.date(r.date.year + 1, 12, 31)
        )
        fuseau_ics.pop("COMMENT", None)  # an English note on the covered years, of no use to anyone
        calendrier.add_component(fuseau_ics)
    lieu = r.lieu.strip()
    visio = r.lien_visio.strip()
    if lieu or visio:
        evenement.add("location", f"{lieu} — {visio}" if lieu and visio else lieu or visio)
    if visio:
        evenement.add("url", visio)
    evenement.add("description", _description(c))
    evenement.add("status", "CONFIRMED")
    evenement.add("transp", "OPAQUE")
    calendrier.add_component(evenement)
    return calendrier.to_ical()
