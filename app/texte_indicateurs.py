"""The indicators as a readable French text table (the default output of `indicateurs`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from app.format_fr import date_longue, nombre, oui_non, pourcentage
from app.modeles.enumerations import CanalDiffusion, CategorieCollege, ThemeEthique, TypeProduction


def _tableau(entetes: Sequence[str], lignes: Sequence[Sequence[str]], droite: set[int]) -> list[str]:
    largeurs = [len(e) for e in entetes]
    for ligne in lignes:
        largeurs = [max(lg, len(c)) for lg, c in zip(largeurs, ligne, strict=True)]

    def rendre(cellules: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(lg) if i in droite else c.ljust(lg)
            for i, (c, lg) in enumerate(zip(cellules, largeurs, strict=True))
        ).rstrip()

    return [rendre(entetes), rendre(["-" * lg for lg in largeurs]), *(rendre(ligne) for ligne in lignes)]


def _periode(periode: dict[str, str | None]) -> str:
    du, au = periode["du"], periode["au"]
    if du is None and au is None:
        return "toute l'activité enregistrée"
    if du is None:
        return f"jusqu'au {date_longue(dt.date.fromisoformat(str(au)))}"
    if au is None:
        return f"depuis le {date_longue(dt.date.fromisoformat(du))}"
    return f"du {date_longue(dt.date.fromisoformat(du))} au {date_longue(dt.date.fromisoformat(au))}"


def tableau_indicateurs(r: dict[str, Any]) -> str:
    sortie = [f"Indicateurs — {_periode(r['periode'])}", ""]

    sortie.append(f"Séances tenues : {len(r['seances'])}")
    if r["seances"]:
        lignes = [
            [
                s["reference"],
                s["instance"],
                date_longue(dt.date.fromisoformat(s["date"])),
                *(str(s[k]) for k in ("attendus", "presents", "supplees", "representes", "excuses", "absents")),
                pourcentage(s["taux_presence"]),
                oui_non(s["quorum_atteint"]),
            ]
            for s in r["seances"]
        ]
        entetes = [
            "Référence",
            "Instance",
            "Date",
            "Attendus",
            "Présents",
            "Suppléés",
            "Représentés",
            "Excusés",
            "Absents",
            "Présence",
            "Quorum",
        ]
        sortie += _tableau(entetes, lignes, droite=set(range(3, 10)))
    sortie.append("")

    sortie.append("Présence par collège")
    lignes = [
        [
            c["college"],
            CategorieCollege.de_code(c["categorie"]).libelle,
            str(c["attendus"]),
            str(c["presents"]),
            str(c["supplees"]),
            pourcentage(c["taux_presence"]),
        ]
        for c in r["colleges"]
    ]
    sortie += _tableau(["Collège", "Catégorie", "Attendus", "Présents", "Suppléés", "Présence"], lignes, {2, 3, 4, 5})
    sortie.append("")

    sortie.append("Assiduité des membres")
    lignes = [
        [
            m["nom"],
            m["prenom"],
            m["college"] or "—",
            str(m["seances_attendues"]),
            str(m["seances_presentes"]),
            pourcentage(m["assiduite"]),
        ]
        for m in r["membres"]
    ]
    sortie += _tableau(["Nom", "Prénom", "Collège", "Attendues", "Présent", "Assiduité"], lignes, {3, 4, 5})
    sortie.append("")

    sortie.append("Mobilisation depuis l'installation")
    libelles = [
        ("seances_tenues", "Séances tenues"),
        ("personnes_presentes", "Personnes présentes"),
        ("structures_representees", "Structures représentées"),
        ("travailleurs_sociaux_presents", "Travailleurs sociaux présents"),
        ("personnes_accompagnees_presentes", "Personnes accompagnées présentes"),
    ]
    m3, m6 = r["mobilisation"]["3_mois"], r["mobilisation"]["6_mois"]
    lignes = [[libelle, nombre(m3[cle]), nombre(m6[cle])] for cle, libelle in libelles]
    lignes.append(["Taux de présence", pourcentage(m3["taux_presence"]), pourcentage(m6["taux_presence"])])
    sortie += _tableau(["", "À 3 mois", "À 6 mois"], lignes, {1, 2})
    sortie.append("")

    s = r["saisines"]
    delai = "—" if s["delai_median_jours"] is None else f"{nombre(s['delai_median_jours'], 1)} jours"
    sortie.append(
        f"Saisines : {s['recues']} reçue(s), {s['recevables']} recevable(s), {s['avis_rendus']} avis rendu(s) ; "
        f"délai médian : {delai}"
    )
    themes = [f"{ThemeEthique.de_code(t).libelle} : {n}" for t, n in s["par_theme"].items() if n]
    if themes:
        sortie.append("  Thèmes : " + ", ".join(themes))
    rec = r["recommandations"]
    sortie.append(f"Recommandations : {rec['adoptees']} adoptée(s), {rec['publiees']} publiée(s)")
    p = r["productions"]
    types = [f"{TypeProduction.de_code(t).libelle} : {n}" for t, n in p["par_type"].items() if n]
    sortie.append("Productions : " + (", ".join(types) if types else "aucune"))
    canaux = [f"{CanalDiffusion.de_code(c).libelle} : {n}" for c, n in p["diffusions_par_canal"].items() if n]
    sortie.append("Diffusions : " + (", ".join(canaux) if canaux else "aucune"))
    return "\n".join(sortie)
