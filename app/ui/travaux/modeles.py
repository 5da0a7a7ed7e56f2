"""The table models of the « Travaux et diffusion » page: productions, their diffusions, the exchanges with the
HCTS."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.format_fr import date_longue, nombre
from app.services.productions_lecture import LigneDiffusion, LigneEchange, LigneProduction
from app.ui.annuaire.modeles import date_courte, tri_date
from app.ui.tableau_lignes import Colonne, ModeleLignes

TIRET = "—"
INCONNU = "Non connu"
COLONNE_DATE = 0


def _atteintes(p: LigneProduction) -> str:
    if p.diffusions == 0:
        return TIRET
    if p.nombres_inconnus == p.diffusions:
        return INCONNU
    texte = nombre(p.personnes_atteintes)
    return f"{texte} et plus" if p.nombres_inconnus else texte


def _infobulle_atteintes(p: LigneProduction) -> str:
    if p.diffusions == 0:
        return "Aucune diffusion enregistrée"
    texte = f"{nombre(p.personnes_atteintes)} personnes atteintes, somme des nombres connus"
    if p.nombres_inconnus:
        pluriel = "s" if p.nombres_inconnus > 1 else ""
        texte += f" ; nombre non connu pour {nombre(p.nombres_inconnus)} diffusion{pluriel}"
    return texte


def modele_productions(parent: QObject | None = None) -> ModeleLignes[LigneProduction]:
    colonnes = [
        Colonne[LigneProduction](
            "Date",
            lambda p: date_courte(p.date),
            lambda p: f"{tri_date(p.date)}-{p.id:09d}",
            lambda p: date_longue(p.date),
        ),
        Colonne[LigneProduction]("Type", lambda p: p.type.libelle),
        Colonne[LigneProduction](
            "Titre",
            lambda p: p.titre,
            infobulle=lambda p: f"{p.titre}\n\n{p.description}" if p.description else p.titre,
        ),
        Colonne[LigneProduction]("Mission", lambda p: p.mission.libelle if p.mission is not None else TIRET),
        Colonne[LigneProduction]("Instance", lambda p: p.instance or TIRET),
        Colonne[LigneProduction]("Diffusions", lambda p: nombre(p.diffusions), lambda p: p.diffusions, a_droite=True),
        Colonne[LigneProduction](
            "Personnes atteintes",
            _atteintes,
            lambda p: p.personnes_atteintes,
            _infobulle_atteintes,
            a_droite=True,
        ),
    ]

    def cle(p: LigneProduction) -> str:
        mission = p.mission.libelle if p.mission is not None else ""
        return " ".join((p.titre, p.type.libelle, mission, p.instance, p.recommandation, p.description))

    return ModeleLignes(colonnes, cle, parent=parent)


def texte_nombre_atteint(valeur: int | None) -> str:
    return INCONNU if valeur is None else nombre(valeur)


def modele_diffusions(parent: QObject | None = None) -> ModeleLignes[LigneDiffusion]:
    colonnes = [
        Colonne[LigneDiffusion](
            "Date",
            lambda d: date_courte(d.date),
            lambda d: f"{tri_date(d.date)}-{d.id:09d}",
            lambda d: date_longue(d.date),
        ),
        Colonne[LigneDiffusion]("Canal", lambda d: d.canal.libelle),
        Colonne[LigneDiffusion]("Public", lambda d: d.public.libelle),
        Colonne[LigneDiffusion](
            "Personnes atteintes",
            lambda d: texte_nombre_atteint(d.nombre_atteint),
            lambda d: -1 if d.nombre_atteint is None else d.nombre_atteint,
            a_droite=True,
        ),
    ]
    return ModeleLignes(colonnes, lambda d: f"{d.canal.libelle} {d.public.libelle}", parent=parent)


def texte_saisine(e: LigneEchange) -> str:
    return e.saisine or TIRET


def modele_echanges(parent: QObject | None = None) -> ModeleLignes[LigneEchange]:
    colonnes = [
        Colonne[LigneEchange](
            "Date",
            lambda e: date_courte(e.date),
            lambda e: f"{tri_date(e.date)}-{e.id:09d}",
            lambda e: date_longue(e.date),
        ),
        Colonne[LigneEchange]("Sens", lambda e: e.sens.libelle),
        Colonne[LigneEchange]("Objet", lambda e: e.objet),
        Colonne[LigneEchange]("Document", lambda e: e.document or TIRET),
        Colonne[LigneEchange](
            "Saisine",
            texte_saisine,
            infobulle=lambda e: (
                f"Envoi de la saisine {e.saisine} à la commission éthique du HCTS, enregistré depuis la page Saisines"
                if e.escalade
                else "Échange sans saisine"
            ),
        ),
        Colonne[LigneEchange](
            "Suite donnée",
            lambda e: " ".join(e.suite_donnee.split()) or TIRET,
            infobulle=lambda e: e.suite_donnee or "Aucune suite enregistrée",
        ),
    ]

    def cle(e: LigneEchange) -> str:
        return " ".join((e.sens.libelle, e.objet, e.document, e.saisine, e.suite_donnee, e.par))

    return ModeleLignes(colonnes, cle, parent=parent)
