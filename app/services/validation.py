"""Validation errors that name the field at fault, so a dialog can show them next to it."""

from __future__ import annotations

import re

from app.erreurs import ErreurConnue

# Deliberately permissive: one @, a dot in the domain, no spaces. Real checking is the recipient's server.
_COURRIEL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TELEPHONE = re.compile(r"^\+?[0-9][0-9 .\-]{5,20}$")


class ErreurValidation(ErreurConnue):
    def __init__(self, champ: str, message: str) -> None:
        super().__init__(message)
        self.champ = champ


def texte_obligatoire(champ: str, libelle: str, valeur: str) -> str:
    propre = " ".join(valeur.split())
    if not propre:
        raise ErreurValidation(champ, f"{libelle} est obligatoire.")
    return propre


def est_un_courriel(valeur: str) -> bool:
    return bool(_COURRIEL.match(valeur.strip()))


def courriel_valide(valeur: str) -> str:
    propre = valeur.strip()
    if propre and not est_un_courriel(propre):
        raise ErreurValidation("courriel", f"Adresse électronique invalide : « {propre} ».")
    return propre


def telephone_valide(valeur: str) -> str:
    propre = valeur.strip()
    if propre and not _TELEPHONE.match(propre):
        raise ErreurValidation("telephone", f"Numéro de téléphone invalide : « {propre} ».")
    return propre
