"""The report to the HCTS for a period (CONCEPTION §5, AMI section 4), as PDF bytes.

What the candidates undertake to tell the HCTS (section 4 of the AMI) is answered each under its own numbered
heading, in the AMI's words: the partners gathered, the missions entrusted to the local instance, the themes of
the exchanges, the organisation (presidency and vice-presidency, referral, secretariat, meeting rhythm), the
concertation, the installation and the meetings of the partners, the exchanges with the HCTS, the participation
in the evaluation. Every figure is the indicators' (`RapportHcts` copies them); their definitions are in annex.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from app.documents.donnees_rapports import (
    CollegeRapport,
    Comptage,
    Definition,
    NoteRapport,
    Partenaire,
    RapportHcts,
    Responsable,
    SeanceRapport,
)
from app.documents.mise_en_page import (
    LARGEUR_UTILE,
    construire_pdf,
    fiche,
    gras,
    para,
    para_balise,
    section,
    style_table,
    style_tableau,
    styles,
    titre_document,
)
from app.documents.texte_formate import paragraphes
from app.documents.typographie import balisage, pluriel
from app.format_fr import date_longue, nombre, oui_non, pourcentage

TITRE = "Rapport au Haut Conseil du travail social"
NON_RENSEIGNE = "Non renseigné."


def libelle_periode(du: dt.date | None, au: dt.date | None) -> str:
    """« du 1er janvier 2026 au 31 décembre 2026 », « toute l'activité enregistrée »…"""
    if du is None and au is None:
        return "toute l'activité enregistrée"
    if du is None:
        assert au is not None
        return f"jusqu'au {date_longue(au)}"
    if au is None:
        return f"depuis le {date_longue(du)}"
    return f"du {date_longue(du)} au {date_longue(au)}"


def tableau(
    entetes: Sequence[str],
    lignes: list[list[object]],
    largeurs: Sequence[float],
    serre: Sequence[tuple[object, ...]] = (),
) -> Table:
    """A data table with the documents' grid; its header row repeats on every page. `serre`: extra style."""
    st = styles()
    donnees: list[list[object]] = [[para(t, st.cellule_entete) for t in entetes], *lignes]
    # Rows stay whole: with splitInRow, reportlab may repeat the header mid-page before a split row.
    resultat = Table(donnees, colWidths=list(largeurs), repeatRows=1, hAlign="LEFT")
    resultat.setStyle(style_table([*style_tableau(), *serre]))
    return resultat


def _largeurs(*fixes: float) -> list[float]:
    """Column widths, the one given as 0 taking what is left."""
    reste = LARGEUR_UTILE - sum(fixes)
    return [largeur or reste for largeur in fixes]


def texte_ou_mention(texte: str, mention: str = NON_RENSEIGNE) -> list[Flowable]:
    st = styles()
    return paragraphes(texte) or [para(mention, st.petit)]


def _sous_section(titre: str, contenu: Sequence[Flowable]) -> list[Flowable]:
    st = styles()
    if not contenu:
        return [CondPageBreak(2.5 * cm), para(titre, st.sous_section)]
    return [CondPageBreak(2.5 * cm), KeepTogether([para(titre, st.sous_section), contenu[0]]), *contenu[1:]]


def responsables(liste: Sequence[Responsable], vide: str) -> str:
    if not liste:
        return vide
    return " ; ".join(f"{r.nom_complet} ({r.structure})" if r.structure.strip() else r.nom_complet for r in liste)


def _identite(r: RapportHcts) -> list[Flowable]:
    i = r.identite
    territoire = " — ".join(t for t in (i.type_territoire, i.territoire) if t.strip()) or NON_RENSEIGNE
    lignes: list[tuple[str, Flowable | str]] = [
        ("Comité", i.nom or NON_RENSEIGNE),
        ("Territoire", territoire),
        ("Nature", i.nature or NON_RENSEIGNE),
        ("Installé le", date_longue(i.date_installation) if i.date_installation else NON_RENSEIGNE),
        ("Structures porteuses", ", ".join(i.porteurs) if i.porteurs else NON_RENSEIGNE),
        ("Période du rapport", libelle_periode(r.du, r.au).capitalize()),
    ]
    return section("1. Identité et territoire du comité", [[fiche(lignes)]])


def tableau_partenaires(partenaires: Sequence[Partenaire]) -> Table:
    st = styles()
    lignes: list[list[object]] = []
    for p in partenaires:
        nom = f"{p.nom} (structure porteuse)" if p.porteur else p.nom
        lettre = date_longue(p.lettre_engagement_le) if p.lettre_engagement_le else "—"
        lignes.append(
            [
                para(nom, st.cellule_grasse if p.porteur else st.cellule),
                para(p.type, st.cellule),
                para(p.partenariat or "—", st.cellule),
                para(str(p.membres), st.cellule_centree),
                para(lettre, st.cellule),
            ]
        )
    return tableau(
        ("Structure", "Type", "Partenariat", "Membres", "Lettre d'engagement"),
        lignes,
        _largeurs(0, 4.0 * cm, 2.4 * cm, 1.9 * cm, 3.1 * cm),
    )


def _partenaires(r: RapportHcts) -> list[Flowable]:
    st = styles()
    existants = sum(1 for p in r.partenaires if p.partenariat == "Existant")
    nouveaux = sum(1 for p in r.partenaires if p.partenariat == "Nouveau")
    lettres = sum(1 for p in r.partenaires if p.lettre_engagement_le is not None)
    resume = (
        f"Le comité réunit {pluriel(len(r.partenaires), 'structure')} : {existants} déjà partenaires sur le "
        f"territoire, {pluriel(nouveaux, 'nouveau partenaire', 'nouveaux partenaires')} ; "
        f"{pluriel(lettres, 'lettre')} d'engagement reçue{'s' if lettres > 1 else ''}."
    )
    contenu: list[Flowable] = [*section("2. Partenaires réunis", [[para(resume, st.corps)]])]
    if r.partenaires:
        contenu.append(tableau_partenaires(r.partenaires))
    return contenu


def _part(nombre_: int, total: int) -> str:
    return pourcentage(nombre_ / total) if total else "—"


def _tableau_colleges(colleges: Sequence[CollegeRapport]) -> Table:
    st = styles()
    lignes: list[list[object]] = [
        [
            para(c.college, st.cellule_grasse),
            para(c.categorie, st.cellule),
            para(str(c.membres), st.cellule_centree),
            para(str(c.attendus), st.cellule_centree),
            para(str(c.presents), st.cellule_centree),
            para(str(c.supplees), st.cellule_centree),
            para(pourcentage(c.taux_presence), st.cellule_centree),
        ]
        for c in colleges
    ]
    return tableau(
        ("Collège", "Catégorie", "Membres", "Sièges attendus", "Présents", "Suppléés", "Taux de présence"),
        lignes,
        _largeurs(0, 3.4 * cm, 1.9 * cm, 1.9 * cm, 1.9 * cm, 1.9 * cm, 2.0 * cm),
    )


def _composition(r: RapportHcts) -> list[Flowable]:
    st = styles()
    resume = (
        f"Sur la période, {pluriel(r.membres, 'membre')} {'étaient' if r.membres > 1 else 'était'} "
        f"attendu{'s' if r.membres > 1 else ''} à au moins une séance : "
        f"{pluriel(r.membres_travailleurs_sociaux, 'travailleur social', 'travailleurs sociaux')} "
        f"({_part(r.membres_travailleurs_sociaux, r.membres)}) et "
        f"{pluriel(r.membres_personnes_accompagnees, 'personne accompagnée', 'personnes accompagnées')} "
        f"({_part(r.membres_personnes_accompagnees, r.membres)}), selon le collège de leur dernier siège de "
        "titulaire."
    )
    contenu: list[Flowable] = [
        *section("3. Composition du comité par collège", [[para(resume, st.corps)]]),
        _tableau_colleges(r.colleges),
    ]
    leviers: list[Flowable] = [_note(n) for n in r.leviers_participation] or [
        para("Aucune modalité particulière n'est consignée dans les notes d'évaluation.", st.petit)
    ]
    contenu += _sous_section(
        "Modalités rendant effective la participation des travailleurs sociaux et des personnes accompagnées", leviers
    )
    return contenu


def _note(n: NoteRapport) -> Flowable:
    st = styles()
    return para_balise(f"{gras(date_longue(n.date))} ({balisage(n.sous_domaine)}) — {balisage(n.texte)}", st.corps)


def _missions(r: RapportHcts) -> list[Flowable]:
    st = styles()
    missions: list[Flowable] = [para(f"• {m}", st.corps_serre) for m in r.identite.missions] or [
        para(NON_RENSEIGNE, st.petit)
    ]
    contenu = section("4. Missions confiées à cette instance locale", [missions])
    contenu += section("5. Thématiques des échanges", [texte_ou_mention(r.identite.thematiques)])
    themes = [c for c in r.saisines_par_theme if c.nombre]
    if themes:
        contenu.append(
            para(
                "Thèmes des saisines reçues sur la période : "
                + ", ".join(f"{c.libelle.lower()} ({c.nombre})" for c in themes)
                + ".",
                st.corps,
            )
        )
    return contenu


def _organisation(r: RapportHcts) -> list[Flowable]:
    st = styles()
    i = r.identite
    presidence = [
        fiche(
            [
                ("Mode de présidence", i.mode_presidence or NON_RENSEIGNE),
                ("Présidence", responsables(r.presidence, "Aucune présidence enregistrée.")),
                ("Vice-présidence", responsables(r.vice_presidence, "Aucune vice-présidence enregistrée.")),
            ]
        )
    ]
    contenu: list[Flowable] = section("6. Modalités d'organisation")
    contenu += _sous_section("6.1 Présidence et vice-présidence", presidence)
    contenu += _sous_section("6.2 Saisine", texte_ou_mention(i.regles_saisine))
    contenu += _sous_section("6.3 Secrétariat", texte_ou_mention(i.secretariat))
    rythme: list[Flowable] = texte_ou_mention(i.rythme_reunions)
    if r.instances:
        lignes: list[list[object]] = [
            [
                para(ins.nom, st.cellule_grasse),
                para(ins.type, st.cellule),
                para(ins.quorum, st.cellule),
                para(str(ins.seances_tenues), st.cellule_centree),
            ]
            for ins in r.instances
        ]
        rythme.append(
            tableau(
                ("Instance", "Type", "Quorum", "Séances tenues sur la période"),
                lignes,
                _largeurs(0, 3.4 * cm, 5.2 * cm, 2.6 * cm),
            )
        )
    contenu += _sous_section("6.4 Rythme des réunions", rythme)
    moyens = [
        fiche(
            [
                ("Moyens humains", i.moyens_humains.strip() or NON_RENSEIGNE),
                ("Moyens financiers", i.moyens_financiers.strip() or NON_RENSEIGNE),
            ]
        )
    ]
    contenu += _sous_section("6.5 Moyens humains et financiers", moyens)
    return contenu


def _concertation(r: RapportHcts) -> list[Flowable]:
    st = styles()
    lignes: list[list[object]] = [
        [
            para(f"{m.mois} mois", st.cellule_grasse),
            para(str(m.seances_tenues), st.cellule_centree),
            para(str(m.personnes_presentes), st.cellule_centree),
            para(str(m.structures_representees), st.cellule_centree),
            para(str(m.travailleurs_sociaux_presents), st.cellule_centree),
            para(str(m.personnes_accompagnees_presentes), st.cellule_centree),
            para(pourcentage(m.taux_presence), st.cellule_centree),
        ]
        for m in r.mobilisation
    ]
    debut = (
        f"depuis l'installation du {date_longue(r.identite.date_installation)}"
        if r.identite.date_installation
        else "depuis la première séance tenue"
    )
    intro = para(f"Mobilisation des partenaires {debut} (hors période du rapport) :", st.corps)
    contenu = section("7. Démarche de concertation et mobilisation des partenaires", [[intro]])
    contenu.append(
        tableau(
            (
                "Fenêtre",
                "Séances tenues",
                "Personnes présentes",
                "Structures représentées",
                "Travailleurs sociaux présents",
                "Personnes accompagnées présentes",
                "Taux de présence",
            ),
            lignes,
            _largeurs(0, 2.0 * cm, 2.3 * cm, 2.6 * cm, 2.8 * cm, 2.8 * cm, 2.0 * cm),
        )
    )
    return contenu


def _tableau_seances(seances: Sequence[SeanceRapport]) -> Table:
    st = styles()
    lignes: list[list[object]] = [
        [
            para(s.reference, st.cellule),
            para(date_longue(s.date), st.cellule),
            *(
                para(str(v), st.cellule_centree)
                for v in (s.attendus, s.presents, s.supplees, s.representes, s.excuses, s.absents)
            ),
            para(pourcentage(s.taux_presence), st.cellule_centree),
            para(oui_non(s.quorum_atteint), st.cellule_centree),
        ]
        for s in seances
    ]
    entetes = ("Séance", "Date", "Att.", "Prés.", "Suppl.", "Repr.", "Exc.", "Abs.", "Taux de présence")
    # Narrow figure columns: less padding so that their short headers fit on one line.
    serre = [("LEFTPADDING", (2, 0), (7, -1), 2), ("RIGHTPADDING", (2, 0), (7, -1), 2)]
    return tableau(
        (*entetes, "Quorum atteint"),
        lignes,
        [2.5 * cm, 3.0 * cm, *(1.25 * cm,) * 6, 1.9 * cm, LARGEUR_UTILE - 14.9 * cm],
        serre,
    )


def _seances(r: RapportHcts) -> list[Flowable]:
    st = styles()
    contenu = section(
        "8. Installation du comité et réunions des partenaires : activité de la période",
        [[para(f"{pluriel(len(r.seances), 'séance tenue', 'séances tenues')} sur la période.", st.corps)]],
    )
    if not r.seances:
        return contenu + _sous_section(
            "8.1 Séances tenues et présence", [para("Aucune séance tenue sur la période.", st.petit)]
        )
    # One table per body, in the bodies' recorded order: the instance needs no column of its own.
    ordre = [i.nom for i in r.instances]
    noms = sorted(
        {s.instance for s in r.seances},
        key=lambda nom: (nom not in ordre, ordre.index(nom) if nom in ordre else 0, nom),
    )
    blocs: list[Flowable] = []
    for nom in noms:
        seances = [s for s in r.seances if s.instance == nom]
        blocs.append(CondPageBreak(3 * cm))  # a body's name keeps with a few rows of its table
        blocs.append(para(f"{nom} — {pluriel(len(seances), 'séance')}", st.cadre_titre))
        blocs.append(_tableau_seances(seances))
        blocs.append(Spacer(1, 6))
    blocs.append(
        para(
            "Att. : sièges attendus ; Prés. : présents ; Suppl. : suppléés ; Repr. : représentés ; "
            "Exc. : excusés ; Abs. : absents.",
            st.petit,
        )
    )
    return contenu + _sous_section("8.1 Séances tenues et présence", blocs)


def _comptages(comptages: Sequence[Comptage], entete: str, largeur: float) -> Table:
    st = styles()
    lignes: list[list[object]] = [
        [para(c.libelle, st.cellule), para(str(c.nombre), st.cellule_centree)] for c in comptages
    ]
    return tableau((entete, "Nombre"), lignes, [largeur - 1.8 * cm, 1.8 * cm])


def _saisines(r: RapportHcts) -> list[Flowable]:
    delai = (
        pluriel(int(r.delai_median_jours), "jour")
        if r.delai_median_jours is not None and r.delai_median_jours == int(r.delai_median_jours)
        else f"{nombre(r.delai_median_jours, 1)} jours"
        if r.delai_median_jours is not None
        else "— (aucun avis transmis sur la période)"
    )
    lignes: list[tuple[str, Flowable | str]] = [
        ("Saisines reçues", str(r.saisines_recues)),
        ("Saisines recevables", str(r.saisines_recevables)),
        ("Avis rendus (transmis)", str(r.avis_rendus)),
        ("Délai médian", delai),
    ]
    return _sous_section("8.2 Saisines et délais", [fiche(lignes, largeur_etiquette=5.2 * cm)])


def _adoptees(r: RapportHcts) -> list[Flowable]:
    st = styles()
    resume = para(
        f"{pluriel(r.recommandations_adoptees, 'avis ou recommandation adopté', 'avis ou recommandations adoptés')}"
        f" et {pluriel(r.recommandations_publiees, 'publication')} sur la période.",
        st.corps,
    )
    contenu: list[Flowable] = [resume]
    if r.adoptees:
        lignes: list[list[object]] = [
            [
                para(a.numero, st.cellule_grasse),
                para(a.nature, st.cellule),
                para(a.titre, st.cellule),
                para(date_longue(a.adoptee_le), st.cellule),
            ]
            for a in r.adoptees
        ]
        contenu.append(
            tableau(("Numéro", "Nature", "Titre", "Adopté le"), lignes, _largeurs(2.8 * cm, 3.4 * cm, 0, 3.2 * cm))
        )
    return _sous_section("8.3 Avis et recommandations adoptés", contenu)


def _productions(r: RapportHcts) -> list[Flowable]:
    st = styles()
    contenu: list[Flowable] = []
    types = [c for c in r.productions_par_type if c.nombre]
    canaux = [c for c in r.diffusions_par_canal if c.nombre]
    if types or canaux:
        # The two counts side by side: two tables one under the other would read as one.
        demi = (LARGEUR_UTILE - 0.6 * cm) / 2
        cote = Table(
            [
                [
                    _comptages(types, "Productions par type", demi) if types else "",
                    _comptages(canaux, "Diffusions par canal", demi) if canaux else "",
                ]
            ],
            colWidths=[demi + 0.6 * cm, demi],
            hAlign="LEFT",
        )
        cote.setStyle(
            style_table(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        contenu.append(cote)
    if r.productions:
        lignes: list[list[object]] = []
        for p in r.productions:
            diffusions = [
                f"{d.canal} — {d.public}, {date_longue(d.date)}"
                + (
                    f" ({pluriel(d.nombre_atteint, 'personne atteinte', 'personnes atteintes')})"
                    if d.nombre_atteint is not None
                    else ""
                )
                for d in p.diffusions
            ]
            lignes.append(
                [
                    para(date_longue(p.date), st.cellule),
                    para_balise(
                        gras(p.titre) + "<br/>" + balisage(p.type + (f" — {p.mission}" if p.mission else "")),
                        st.cellule,
                    ),
                    para_balise("<br/>".join(balisage(ligne) for ligne in diffusions) or "—", st.cellule),
                ]
            )
        contenu.append(tableau(("Date", "Production", "Diffusion"), lignes, _largeurs(2.8 * cm, 0, 6.6 * cm)))
    if not contenu:
        contenu.append(para("Aucune production sur la période.", st.petit))
    return _sous_section("8.4 Productions et leur diffusion", contenu)


def _echanges(r: RapportHcts) -> list[Flowable]:
    st = styles()
    titre = "9. Information du HCTS tout au long de la démarche : échanges avec le HCTS"
    if not r.echanges:
        return section(titre, [[para("Aucun échange avec le HCTS sur la période.", st.corps)]])
    lignes: list[list[object]] = [
        [
            para(date_longue(e.date), st.cellule),
            para(e.sens, st.cellule),
            para(e.objet + (f"\nDocument : {e.document}" if e.document.strip() else ""), st.cellule),
            para(e.suite_donnee or "—", st.cellule),
        ]
        for e in r.echanges
    ]
    return [
        *section(titre),
        tableau(("Date", "Sens", "Objet", "Suite donnée"), lignes, _largeurs(2.8 * cm, 2.4 * cm, 0, 5.4 * cm)),
    ]


def _evaluation(r: RapportHcts) -> list[Flowable]:
    st = styles()
    ordre = ("Difficultés", "Propositions")
    groupes = [(rubrique, [n for n in r.notes if n.rubrique == rubrique]) for rubrique in ordre]
    groupes.append(
        ("Autres observations (leviers, dynamiques, constats)", [n for n in r.notes if n.rubrique not in ordre])
    )
    blocs: list[list[Flowable]] = []
    for titre, notes in groupes:
        corps: list[Flowable] = [_note(n) for n in notes] or [para("Aucune note.", st.petit)]
        blocs.append([para(titre, st.sous_section), corps[0]])
        blocs += [[n] for n in corps[1:]]
    # The heading keeps with the first rubric and its first note (never alone at the foot of a page).
    blocs[0] = [para("Notes d'évaluation consignées sur la période, par rubrique.", st.corps), *blocs[0]]
    return section("10. Participation à l'évaluation : difficultés et propositions", blocs)


def _definitions(definitions: Sequence[Definition]) -> list[Flowable]:
    st = styles()
    blocs = [[para_balise(f"{gras(d.terme)} : {balisage(d.texte)}", st.corps)] for d in definitions]
    return section("Annexe — Définitions des indicateurs", blocs)


def rapport_hcts_pdf(r: RapportHcts) -> bytes:
    st = styles()
    periode = libelle_periode(r.du, r.au)
    contenu: list[Flowable] = titre_document(TITRE, f"{r.identite.nom or 'Comité local'} — {periode}")
    contenu.append(
        para(
            "Conformément à ses engagements (section 4 de l'appel à manifestation d'intérêt), le comité local "
            "informe le HCTS du cadre retenu : partenaires réunis, missions confiées à cette instance locale, "
            "thématiques des échanges, modalités d'organisation (présidence et vice-présidence, saisine, "
            "secrétariat, rythme des réunions), et rend compte de son activité. Les indicateurs sont définis en "
            "annexe.",
            st.corps,
        )
    )
    contenu += _identite(r)
    contenu += _partenaires(r)
    contenu += _composition(r)
    contenu += _missions(r)
    contenu += _organisation(r)
    contenu += _concertation(r)
    contenu += _seances(r)
    contenu += _saisines(r)
    contenu += _adoptees(r)
    contenu += _productions(r)
    contenu += _echanges(r)
    contenu += _evaluation(r)
    contenu += _definitions(r.definitions)
    return construire_pdf(
        r.en_tete,
        titre="Rapport au HCTS",
        reference="",
        sujet=f"{TITRE} — {periode}",
        contenu=contenu,
    )
