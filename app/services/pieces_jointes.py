"""Files attached to a record, stored once by content hash in a folder beside the base.

`<base>-pieces/ab/abcdef…` holds the bytes; the `piece_jointe` row says which record and under which name.
Removing an attachment forgets the row; the stored bytes stay until no row points to them (a backup of the
base and of that folder together is then always consistent, and an undo finds the file again).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import os
import shutil
import uuid
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.erreurs import ErreurConnue
from app.fichiers import message_erreur_fichier
from app.horloge import maintenant
from app.modeles import PieceJointe

TAILLE_MAX = 200 * 1024 * 1024  # an attachment is a document, not an archive of the whole office


@dataclass(frozen=True)
class PieceLue:
    id: int
    entite: str
    entite_id: int
    nom_fichier: str
    taille: int
    type_mime: str
    sha256: str
    ajoutee_le: dt.datetime


def dossier_pieces(chemin_base: Path) -> Path:
    return chemin_base.with_name(f"{chemin_base.stem}-pieces")


def chemin_stocke(chemin_base: Path, sha256: str) -> Path:
    return dossier_pieces(chemin_base) / sha256[:2] / sha256


def _empreinte(fichier: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    taille = 0
    with open(fichier, "rb") as flux:
        while bloc := flux.read(1024 * 1024):
            h.update(bloc)
            taille += len(bloc)
    return h.hexdigest(), taille


def stocker(chemin_base: Path, fichier: Path) -> tuple[str, int]:
    """Copy `fichier` into the store (once per content); returns its hash and size."""
    try:
        if not fichier.is_file():
            raise ErreurConnue(f"« {fichier} » n'est pas un fichier.")
        if fichier.stat().st_size > TAILLE_MAX:
            raise ErreurConnue(f"« {fichier.name} » dépasse 200 Mo : joignez plutôt un lien vers ce document.")
        sha256, taille = _empreinte(fichier)
        cible = chemin_stocke(chemin_base, sha256)
        if not cible.exists():
            cible.parent.mkdir(parents=True, exist_ok=True)
            temporaire = cible.with_name(f".{sha256}.{uuid.uuid4().hex}.partiel")
            try:
                shutil.copyfile(fichier, temporaire)
                if _empreinte(temporaire)[0] != sha256:
                    raise ErreurConnue(f"« {fichier.name} » a changé pendant la copie : réessayez.")
                os.replace(temporaire, cible)
            finally:
                with suppress(FileNotFoundError):
                    temporaire.unlink()
        return sha256, taille
    except OSError as exc:
        raise ErreurConnue(message_erreur_fichier(Path(exc.filename or fichier), exc)) from None


def _lue(p: PieceJointe) -> PieceLue:
    return PieceLue(p.id, p.entite, p.entite_id, p.nom_fichier, p.taille, p.type_mime, p.sha256, p.ajoutee_le)


def pieces_de(session: Session, entite: str, entite_id: int) -> list[PieceLue]:
    requete = (
        select(PieceJointe)
        .where(PieceJointe.entite == entite, PieceJointe.entite_id == entite_id)
        .order_by(PieceJointe.ajoutee_le, PieceJointe.id)
    )
    return [_lue(p) for p in session.scalars(requete)]


def joindre(session: Session, chemin_base: Path, entite: str, entite_id: int, fichier: Path) -> PieceLue:
    """Attach a copy of `fichier` to the record. The same content twice on one record is refused."""
    sha256, taille = stocker(chemin_base, fichier)
    deja = session.scalar(
        select(PieceJointe).where(
            PieceJointe.entite == entite, PieceJointe.entite_id == entite_id, PieceJointe.sha256 == sha256
        )
    )
    if deja is not None:
        raise ErreurConnue(f"Ce document est déjà joint, sous le nom « {deja.nom_fichier} ».")
    piece = PieceJointe(
        entite=entite,
        entite_id=entite_id,
        sha256=sha256,
        nom_fichier=fichier.name,
        type_mime=mimetypes.guess_type(fichier.name)[0] or "application/octet-stream",
        taille=taille,
        ajoutee_le=maintenant(),
    )
    session.add(piece)
    session.flush()
    return _lue(piece)


def retirer(session: Session, piece_id: int) -> PieceLue:
    piece = session.get(PieceJointe, piece_id)
    if piece is None:
        raise ErreurConnue("Cette pièce jointe n'existe plus.")
    lue = _lue(piece)
    session.delete(piece)
    session.flush()
    return lue


def remettre(session: Session, lue: PieceLue) -> PieceLue:
    """Undo of `retirer`: the row again, under its id (the bytes never left the store)."""
    piece = PieceJointe(
        id=lue.id,
        entite=lue.entite,
        entite_id=lue.entite_id,
        sha256=lue.sha256,
        nom_fichier=lue.nom_fichier,
        type_mime=lue.type_mime,
        taille=lue.taille,
        ajoutee_le=lue.ajoutee_le,
    )
    session.add(piece)
    session.flush()
    return lue


def fichier_de(chemin_base: Path, lue: PieceLue) -> Path:
    """Where the bytes of an attachment are; a missing file is a known problem, said in French."""
    chemin = chemin_stocke(chemin_base, lue.sha256)
    if not chemin.is_file():
        raise ErreurConnue(
            f"Le fichier de « {lue.nom_fichier} » est introuvable dans « {dossier_pieces(chemin_base)} » : "
            "restaurez ce dossier depuis une sauvegarde."
        )
    return chemin


def exporter(chemin_base: Path, lue: PieceLue, destination: Path) -> None:
    """Copy an attachment out under its own name (to open it or send it)."""
    source = fichier_de(chemin_base, lue)
    try:
        shutil.copyfile(source, destination)
    except OSError as exc:
        raise ErreurConnue(message_erreur_fichier(destination, exc)) from None
