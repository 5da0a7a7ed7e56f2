"""Table models of the directory: structures, persons, a person's mandates (see `app.ui.tableau_lignes`)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject

from app.format_fr import date_longue, nombre
from app.modeles.enumerations import Qualite, Voix
from app.services.annuaire_lecture import EtatMandat, LigneMandat, LignePersonne, LigneStructure, cle_nom
from app.ui.tableau_lignes import Colonne, ModeleLignes

TIRET = "—"


def date_courte(jour: dt.date | None) -> str:
    return jour.strftime("%d/%m/%Y") if jour is not None else ""


def tri_date(jour: dt.date | None, *, vide: str = "") -> str:
    return jour.isoformat() if jour is not None else vide


# --- Structures ---------------------------------------------------------------------------------------------


def _membres(ligne: LigneStructure) -> str:
    return nombre(ligne.membres) if ligne.membres else TIRET


def modele_structures(parent: QObject | None = None) -> ModeleLignes[LigneStructure]:
    colonnes = [
        Colonne[LigneStructure]("Nom", lambda s: s.nom),
        Colonne[LigneStructure]("Type", lambda s: s.type.libelle),
        Colonne[LigneStructure]("Partenariat", lambda s: s.partenariat.libelle if s.partenariat else TIRET),
        Colonne[LigneStructure](
            "Lettre d'engagement",
            lambda s: date_courte(s.lettre_engagement_le) or TIRET,
            lambda s: tri_date(s.lettre_engagement_le),
            lambda s: (
                f"Lettre d'engagement du {date_longue(s.lettre_engagement_le)}"
                if s.lettre_engagement_le
                else "Pas de lettre d'engagement enregistrée"
            ),
            a_droite=True,
        ),
        Colonne[LigneStructure](
            "Membres",
            _membres,
            lambda s: s.membres,
            lambda s: f"{nombre(s.membres)} personne(s) de l'annuaire rattachée(s) à cette structure",
            a_droite=True,
        ),
    ]
    return ModeleLignes(colonnes, lambda s: f"{s.nom} {s.type.libelle}", parent=parent)


# --- Persons ------------------------------------------------------------------------------------------------


def _mandats_en_cours(p: LignePersonne) -> str:
    if not p.mandats_en_cours:
        return "Aucun mandat en cours"
    return "Mandats en cours :\n" + "\n".join(f"• {texte}" for texte in p.mandats_en_cours)


def _courriel(p: LignePersonne) -> str:
    """An erased address says so, rather than looking like one never entered."""
    return p.courriel or ("(effacé)" if p.effacement else "")


def modele_personnes(parent: QObject | None = None) -> ModeleLignes[LignePersonne]:
    colonnes = [
        Colonne[LignePersonne]("Nom", lambda p: p.nom, lambda p: cle_nom(p.nom, p.prenom)),
        Colonne[LignePersonne]("Prénom", lambda p: p.prenom, lambda p: cle_nom(p.prenom, p.nom)),
        Colonne[LignePersonne]("Structure", lambda p: p.structure),
        Colonne[LignePersonne]("Fonction", lambda p: p.fonction),
        Colonne[LignePersonne]("Collèges", lambda p: ", ".join(p.colleges), infobulle=_mandats_en_cours),
        Colonne[LignePersonne]("Instances", lambda p: ", ".join(p.instances), infobulle=_mandats_en_cours),
        Colonne[LignePersonne]("Courriel", _courriel, infobulle=lambda p: p.effacement),
        Colonne[LignePersonne](
            "Téléphone", lambda p: p.telephone, lambda p: "".join(c for c in p.telephone if c.isdigit())
        ),
    ]

    def cle(p: LignePersonne) -> str:
        return " ".join([p.prenom, p.nom, p.structure, p.fonction, p.courriel, p.telephone, *p.colleges, *p.instances])

    return ModeleLignes(colonnes, cle, lambda p: not p.en_fonction, parent)


# --- Mandates -----------------------------------------------------------------------------------------------


def _qualite(m: LigneMandat) -> str:
    return m.qualite.libelle if m.qualite is Qualite.TITULAIRE else "Suppléant"


def _suppleant_de(m: LigneMandat) -> str:
    if m.qualite is Qualite.TITULAIRE:
        return TIRET
    return m.suppleant_de or "sans titulaire"


def _infobulle_mandat(m: LigneMandat) -> str:
    lignes = [f"{m.instance} — {m.college}", f"{_qualite(m)}, {m.role.libelle.lower()}, voix {m.voix.libelle.lower()}"]
    if m.qualite is Qualite.SUPPLEANT:
        lignes.append(f"Suppléant de {m.suppleant_de}" if m.suppleant_de else "Suppléant sans titulaire")
    elif m.suppleants:
        lignes.append(f"Suppléé par {', '.join(m.suppleants)}")
    periode = (
        f"Depuis le {date_longue(m.debut)}" if m.fin is None else f"Du {date_longue(m.debut)} au {date_longue(m.fin)}"
    )
    lignes.append(periode + (f" ({m.motif_fin.libelle.lower()})" if m.motif_fin else ""))
    return "\n".join(lignes)


def modele_mandats(parent: QObject | None = None) -> ModeleLignes[LigneMandat]:
    colonnes = [
        Colonne[LigneMandat]("Instance", lambda m: m.instance, infobulle=_infobulle_mandat),
        Colonne[LigneMandat]("Collège", lambda m: m.college, infobulle=_infobulle_mandat),
        Colonne[LigneMandat]("Qualité", _qualite),
        Colonne[LigneMandat]("Suppléant de", _suppleant_de),
        Colonne[LigneMandat]("Rôle", lambda m: m.role.libelle),
        Colonne[LigneMandat]("Voix", lambda m: m.voix.libelle, lambda m: int(m.voix is Voix.CONSULTATIVE)),
        Colonne[LigneMandat](
            "Début", lambda m: date_courte(m.debut), lambda m: tri_date(m.debut), lambda m: date_longue(m.debut)
        ),
        Colonne[LigneMandat](
            "Fin",
            lambda m: date_courte(m.fin) or TIRET,
            lambda m: tri_date(m.fin, vide="9999"),  # no end: after every end
            lambda m: date_longue(m.fin) if m.fin else "Pas de fin prévue",
        ),
        Colonne[LigneMandat]("Motif de fin", lambda m: m.motif_fin.libelle if m.motif_fin else ""),
        Colonne[LigneMandat]("État", lambda m: m.etat.libelle),
    ]

    def cle(m: LigneMandat) -> str:
        return f"{m.instance} {m.college} {m.role.libelle} {m.suppleant_de}"

    return ModeleLignes(colonnes, cle, lambda m: m.etat is EtatMandat.TERMINE, parent)
