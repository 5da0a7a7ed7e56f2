"""What the ethics documents are made from: plain, frozen data, already in French.

The service layer reads the base into these; `app.documents.avis`, `dossier_hcts` and `registre` turn them into
bytes. Same rules as `app.documents.donnees`: every text is ready to print (labels in French, names as
« Prénom Nom »), dates stay typed so that the documents format them the one French way (`app.format_fr`).

Privacy by construction: nothing here can hold who asked a question. A referral is carried by its number, its
requester's *kind* (« Travailleur social ») and its anonymised texts only; the requester's identity, kept apart
in the base and purgeable, has no field to travel in.

Texts marked « Markdown » are what Qt's `QTextDocument.toMarkdown()` writes (the subset `texte_formate` prints);
the others are plain text, paragraphs separated by a blank line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.documents.donnees import EnTete


@dataclass(frozen=True)
class AvisDocument:
    """An opinion or recommendation of the ethics instance, as printed."""

    en_tete: EnTete
    numero: str  # « REC-2026-004 »
    nature: str  # « Avis », « Recommandation », « Éléments de réflexion »
    titre: str
    statut: str  # « Projet », « Soumise », « Adoptée », « Publiée », « Retirée »
    version: int
    saisines: tuple[str, ...]  # numbers of the linked referrals « SAI-2026-003 », never anything about the requester
    questions: tuple[str, ...]  # the anonymised question of each linked referral (plain text), same order
    themes: tuple[str, ...]  # « Partage d'informations »…
    texte: str  # Markdown: usually headed « Cadre », « Analyse », « Options »
    adoptee_le: dt.date | None
    seance_adoption: str  # « Instance éthique du 12 mars 2026 (ETH-2026-02) » or ""
    publication_autorisee: bool
    projet: bool  # True until adopted: « PROJET » header and watermark on every page
    signataire: str = ""  # « Hélène Marchand, présidente de l'instance éthique »: a signature block once adopted


@dataclass(frozen=True)
class EtapeSaisine:
    """One step of a referral's history."""

    le: dt.date
    statut: str  # « Reçue », « Recevable », « Anonymisation validée »…
    par: str  # who recorded it (a member of the secretariat or of the instance), or ""
    motif: str  # why, or ""


@dataclass(frozen=True)
class EnvoiHcts:
    """Something the committee sent to the HCTS about a referral."""

    le: dt.date
    objet: str
    par: str
    reponse: str  # the HCTS's answer, or "" while none came


@dataclass(frozen=True)
class AvisResume:
    """A local opinion on the referral, as included in the HCTS file."""

    numero: str
    nature: str
    titre: str
    statut: str
    adoptee_le: dt.date | None
    texte: str  # Markdown


@dataclass(frozen=True)
class DossierHcts:
    """The file sent to the HCTS ethics and deontology commission when a referral is escalated."""

    en_tete: EnTete
    numero: str
    recue_le: dt.date
    canal: str  # « Courriel »…
    type_demandeur: str  # the requester's KIND only (« Travailleur social »)
    themes: tuple[str, ...]
    question: str  # anonymised, plain text
    contexte: str  # anonymised, plain text
    recevable_le: dt.date | None
    anonymisation_validee_par: str
    anonymisation_validee_le: dt.date | None
    avis_locaux: tuple[AvisResume, ...]  # may be empty
    historique: tuple[EtapeSaisine, ...]
    envois: tuple[EnvoiHcts, ...]


@dataclass(frozen=True)
class LigneRegistre:
    numero: str
    nature: str
    titre: str
    statut: str
    saisines: tuple[str, ...]
    themes: tuple[str, ...]
    adoptee_le: dt.date | None
    seance_adoption: str  # or ""
    publiee_le: dt.date | None
    publication_autorisee: bool


@dataclass(frozen=True)
class Registre:
    """The year's register of opinions and recommendations, in the order to print (by number)."""

    en_tete: EnTete
    annee: int
    lignes: tuple[LigneRegistre, ...]
