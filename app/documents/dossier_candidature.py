"""The candidature dossier answering section 3 of the AMI (« Réponse à l'appel à manifestation d'intérêt : les
attendus »), as PDF bytes.

One numbered heading per expected point, in the AMI's words, filled from what the committee recorded; wherever
nothing is recorded an orange « À compléter » box says what is missing and where to record it, so that the
secretary sees at a glance what is left to write. The letters of engagement are listed in annex.
People receiving support are counted, never named.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from app.documents.donnees_rapports import CollegeDossier, DossierCandidature, NoteRapport, Partenaire
from app.documents.mise_en_page import (
    LARGEUR_UTILE,
    URGENCE_BORD,
    URGENCE_FOND,
    cadre,
    construire_pdf,
    fiche,
    gras,
    para,
    para_balise,
    section,
    styles,
    titre_document,
)
from app.documents.rapport_hcts import responsables, tableau, tableau_partenaires
from app.documents.texte_formate import paragraphes
from app.documents.typographie import balisage, pluriel
from app.format_fr import date_longue

TITRE = "Dossier de candidature"
SOUS_TITRE = "Appel à manifestation d'intérêt pour la préfiguration des comités locaux du travail social et du "
SOUS_TITRE += "développement social"
A_COMPLETER = "À compléter"

TYPES_COLLECTIVITES = frozenset({"Conseil départemental", "Conseil régional", "Autre collectivité", "CCAS / CIAS"})


def a_completer(ce_qui_manque: str) -> Flowable:
    """The orange box of a missing answer: « À compléter », then what to write and where to record it.

    Not a KeepTogether: it goes into heading blocks that are one already (a nested one forces a page break).
    """
    st = styles()
    return cadre([para(A_COMPLETER, st.cadre_titre), para(ce_qui_manque, st.corps_serre)], URGENCE_BORD, URGENCE_FOND)


def _titre(titre: str, contenu: Sequence[Flowable], niveau: int = 2) -> list[Flowable]:
    """A numbered heading kept with the first block of its answer."""
    st = styles()
    if niveau == 1:
        # Only the first block keeps with the heading: a long table after it must flow, not jump a page.
        return [*section(titre, [contenu[:1]]), *contenu[1:]] if contenu else section(titre)
    if not contenu:
        return [CondPageBreak(2.5 * cm), para(titre, st.sous_section)]
    return [CondPageBreak(2.5 * cm), KeepTogether([para(titre, st.sous_section), contenu[0]]), *contenu[1:]]


def _note(n: NoteRapport) -> Flowable:
    st = styles()
    return para_balise(f"{gras(date_longue(n.date))} ({balisage(n.sous_domaine)}) — {balisage(n.texte)}", st.corps)


def _liste(elements: Sequence[str]) -> list[Flowable]:
    st = styles()
    return [para(f"• {e}", st.corps_serre) for e in elements]


def _comprehension() -> list[Flowable]:
    return _titre(
        "1. La compréhension globale du projet du HCTS de mise en place de comités locaux du travail social et du "
        "développement social",
        [
            a_completer(
                "Exposer, en quelques paragraphes, la compréhension qu'a le territoire du projet du HCTS : "
                "gouvernance territoriale du travail social, ancrage local du HCTS, diffusion de ses travaux."
            )
        ],
        1,
    )


def _contexte(d: DossierCandidature) -> list[Flowable]:
    st = styles()
    contenu: list[Flowable] = []
    if d.identite.thematiques.strip():
        contenu.append(para("Questions que le territoire souhaite traiter :", st.corps))
        contenu += paragraphes(d.identite.thematiques)
    contenu.append(
        a_completer(
            "Présenter le contexte local et les éléments qui motivent la réponse (initiatives existantes, besoins "
            "exprimés par les acteurs, enjeux du territoire)."
        )
    )
    return _titre(
        "2. La présentation du contexte et des éléments motivant la réponse à cet appel à manifestation d'intérêt",
        contenu,
        1,
    )


def _demarche(d: DossierCandidature) -> list[Flowable]:
    st = styles()
    i = d.identite
    contenu: list[Flowable] = _titre("3. La présentation de la démarche dans ses différentes dimensions", [], 1)

    methode: list[Flowable] = []
    if i.date_installation is not None:
        methode.append(para(f"Installation du comité : {date_longue(i.date_installation)}.", st.corps))
    methode += [_note(n) for n in d.demarche]
    if not d.demarche:
        methode.append(
            a_completer(
                "Décrire la méthode et les étapes (définition des objectifs, pilotage de la préfiguration, "
                "mobilisation des partenaires) : notes d'évaluation « 1.1 Lancement de la démarche » et « 1.2 "
                "Mobilisation des acteurs » (page Évaluation)."
            )
        )
    contenu += _titre(
        "3.1 La méthode adoptée, la description des différentes étapes du processus (définition des objectifs, "
        "pilotage de la préfiguration, mobilisation des partenaires…)",
        methode,
    )

    nature: list[Flowable] = (
        [para(f"{i.nature}.", st.corps)]
        if i.nature
        else [a_completer("Indiquer s'il s'agit de la création d'une instance ou d'une instance déjà existante.")]
    )
    contenu += _titre("3.2 La nature du projet : création d'une instance ou instance déjà existante", nature)

    role: list[Flowable] = []
    if i.missions:
        role.append(para("Missions confiées au comité local :", st.corps))
        role += _liste(i.missions)
    else:
        role.append(a_completer("Choisir les missions du comité (page Comité, onglet Missions)."))
    if i.thematiques.strip():
        role.append(para("Thèmes de réflexion :", st.corps))
        role += paragraphes(i.thematiques)
    else:
        role.append(a_completer("Indiquer les thèmes de réflexion envisagés (page Comité, onglet Missions)."))
    contenu += _titre(
        "3.3 Le rôle de ce comité local, ses missions, et les thèmes de réflexion que vous envisagez de lui confier",
        role,
    )

    existante: list[Flowable]
    if i.instance_existante:
        personnes = sum(c.personnes for c in d.colleges)
        existante = [
            para(
                f"Composition actuelle : {pluriel(personnes, 'personne')} en fonction au {date_longue(d.au)}, "
                f"réparties en {pluriel(len(d.colleges), 'collège')} (voir le point 4) ; missions : voir le "
                "point 3.3.",
                st.corps,
            ),
            a_completer(
                "Décrire les objectifs actuels de l'instance et l'évolution envisagée pour répondre au cahier "
                "des charges."
            ),
        ]
    elif i.nature:
        existante = [para("Sans objet : le projet est la création d'une instance.", st.corps)]
    else:
        existante = [a_completer("Préciser d'abord la nature du projet (point 3.2).")]
    contenu += _titre(
        "3.4 Dans le cas d'une instance déjà existante : ses objectifs, missions et composition actuels ainsi que "
        "l'évolution envisagée",
        existante,
    )

    pilotage: list[Flowable] = [
        fiche(
            [
                ("Structures porteuses", ", ".join(i.porteurs) if i.porteurs else a_completer_court()),
                ("Mode de présidence", i.mode_presidence or a_completer_court()),
                ("Présidence", responsables(d.presidence, "") or a_completer_court()),
                ("Vice-présidence", responsables(d.vice_presidence, "") or a_completer_court()),
            ]
        )
    ]
    contenu += _titre(
        "3.5 Le pilotage de cette instance : un ou plusieurs porteur(s), présidence par la structure porteuse, "
        "présidence tournante, collégiale, etc.",
        pilotage,
    )

    existants = [p for p in d.partenaires if p.partenariat == "Existant"]
    partenariats: list[Flowable]
    if existants:
        partenariats = [
            para(
                f"{pluriel(len(existants), 'structure')} du comité {'sont' if len(existants) > 1 else 'est'} déjà "
                "partenaire" + ("s" if len(existants) > 1 else "") + " sur le territoire pour les questions de "
                "travail social :",
                st.corps,
            ),
            *_liste([p.nom for p in existants]),
        ]
    else:
        partenariats = [
            a_completer("Indiquer, pour chaque structure (page Structures), si le partenariat existe déjà.")
        ]
    contenu += _titre(
        "3.6 La nature des partenariats déjà existants sur le territoire sur les questions de travail social",
        partenariats,
    )

    territoire = " — ".join(t for t in (i.type_territoire, i.territoire) if t.strip())
    contenu += _titre(
        "3.7 Le territoire : le périmètre territorial retenu pour la mise en place de cette instance",
        [para(f"{territoire}.", st.corps)]
        if i.type_territoire and i.territoire.strip()
        else [a_completer("Indiquer le type de territoire et son nom (page Comité, onglet Identité).")],
    )
    return contenu


def a_completer_court() -> Flowable:
    """« À compléter » inside a form row: orange bold text, no box."""
    return para_balise(f'<font color="#B45309"><b>{A_COMPLETER}</b></font>', styles().corps_serre)


def _membres_college(c: CollegeDossier) -> list[Flowable]:
    st = styles()
    nom = c.college if c.college.casefold() == c.categorie.casefold() else f"{c.college} ({c.categorie.lower()})"
    titre = para(f"{nom} — {pluriel(c.personnes, 'personne')}", st.cadre_titre)
    if not c.noms_publies:
        return [
            CondPageBreak(2 * cm),
            titre,
            para("Les personnes accompagnées sont comptées, non nommées.", st.petit),
            Spacer(1, 8),
        ]
    lignes: list[list[object]] = [
        [
            para(m.nom_complet, st.cellule_grasse),
            para(m.fonction or "—", st.cellule),
            para(m.structure or "—", st.cellule),
            para("\n".join(m.sieges), st.cellule),
        ]
        for m in c.membres
    ]
    largeurs = [3.5 * cm, 3.6 * cm, 0.0, 5.4 * cm]
    largeurs[2] = LARGEUR_UTILE - sum(largeurs)
    return [
        CondPageBreak(3 * cm),
        titre,
        tableau(("Nom", "Fonction", "Structure", "Sièges"), lignes, largeurs),
        Spacer(1, 6),
    ]


def _composition(d: DossierCandidature) -> list[Flowable]:
    st = styles()
    personnes = sum(c.personnes for c in d.colleges)
    contenu: list[Flowable] = []
    if d.colleges and personnes:
        contenu.append(
            para(
                f"Au {date_longue(d.au)}, {pluriel(personnes, 'personne')} "
                f"{'siègent' if personnes > 1 else 'siège'} au comité, réparties en "
                f"{pluriel(len(d.colleges), 'collège')} :",
                st.corps,
            )
        )
        contenu += [element for c in d.colleges for element in _membres_college(c)]
    else:
        contenu.append(a_completer("Enregistrer les collèges et les membres pressentis (pages Comité et Membres)."))
    resultat = _titre(
        "4. La composition envisagée du futur comité local du travail social et du développement social : "
        "structures et personnes pressenties",
        contenu,
        1,
    )

    types = Counter(p.type for p in d.partenaires)
    inter: list[Flowable] = (
        [
            para(
                f"{pluriel(len(d.partenaires), 'structure')} de {pluriel(len(types), 'type')} différent"
                f"{'s' if len(types) > 1 else ''} :",
                st.corps,
            ),
            *_liste([f"{t} : {n}" for t, n in sorted(types.items(), key=lambda tn: (-tn[1], tn[0]))]),
        ]
        if len(types) > 1
        else [a_completer("Réunir des structures de plusieurs institutions (page Structures).")]
    )
    resultat += _titre("4.1 La dimension interinstitutionnelle de cette instance", inter)

    collectivites = [p for p in d.partenaires if p.type in TYPES_COLLECTIVITES]
    departement = any(p.type == "Conseil départemental" for p in collectivites)
    locales: list[Flowable] = _liste([f"{p.nom} ({p.type})" for p in collectivites])
    if not departement:
        locales.append(a_completer("Aucun conseil départemental n'est enregistré parmi les structures du comité."))
    resultat += _titre(
        "4.2 La participation de collectivités locales dont les conseils départementaux en leur qualité de chef de "
        "file de l'action sociale et du développement social",
        locales,
    )

    for numero, code, singulier, libelle in (
        ("4.3", "Travailleurs sociaux", "travailleur social", "travailleurs sociaux"),
        ("4.4", "Personnes accompagnées", "personne accompagnée", "personnes accompagnées"),
    ):
        nombre = sum(c.personnes for c in d.colleges if c.categorie == code)
        part: list[Flowable] = (
            [
                para(
                    f"{pluriel(nombre, singulier, libelle)} "
                    f"{'siègent' if nombre > 1 else 'siège'} au comité, dans les collèges de catégorie "
                    f"« {code} ».",
                    st.corps,
                )
            ]
            if nombre
            else [a_completer(f"Aucun collège « {code} » n'a de membre : enregistrer les {libelle} pressentis.")]
        )
        resultat += _titre(f"{numero} La participation de {libelle}", part)

    leviers: list[Flowable] = [_note(n) for n in d.leviers_participation] or [
        a_completer(
            "Décrire les modalités qui rendront effective la participation des travailleurs sociaux et des "
            "personnes accompagnées (horaires, défraiement, préparation des séances…) : notes « Leviers » des "
            "sous-domaines 1.2 et 1.3 (page Évaluation)."
        )
    ]
    resultat += _titre(
        "4.5 Les modalités envisagées pour rendre effective la participation de travailleurs sociaux et de "
        "personnes accompagnées",
        leviers,
    )
    return resultat


def _lettres(d: DossierCandidature) -> list[Flowable]:
    st = styles()
    avec = [p for p in d.partenaires if p.lettre_engagement_le is not None]
    sans = [p for p in d.partenaires if p.lettre_engagement_le is None]
    jointes = (
        f"{pluriel(len(avec), 'lettre')} d'engagement de partenaires "
        f"{'sont jointes' if len(avec) > 1 else 'est jointe'} au dossier (liste en annexe)."
        if avec
        else "Aucune lettre d'engagement n'est jointe au dossier à ce jour."
    )
    contenu: list[Flowable] = [para(jointes, st.corps)]
    if not d.partenaires:
        contenu.append(
            a_completer("Enregistrer les structures partenaires et la date de leur lettre (page Structures).")
        )
    if sans:
        contenu.append(
            a_completer(
                f"{pluriel(len(sans), 'structure')} sans lettre d'engagement enregistrée : "
                + ", ".join(p.nom for p in sans)
                + "."
            )
        )
    return _titre("5. Les lettres d'engagement de partenaires prêts à s'engager dans la démarche", contenu, 1)


def _moyens(d: DossierCandidature) -> list[Flowable]:
    i = d.identite
    contenu: list[Flowable] = [
        fiche(
            [
                ("Moyens humains", i.moyens_humains.strip() or a_completer_court()),
                ("Moyens financiers", i.moyens_financiers.strip() or a_completer_court()),
                ("Secrétariat", i.secretariat.strip() or a_completer_court()),
                ("Rythme des réunions", i.rythme_reunions.strip() or a_completer_court()),
                ("Règles de saisine", i.regles_saisine.strip() or a_completer_court()),
            ]
        )
    ]
    if d.instances:
        st = styles()
        lignes: list[list[object]] = [
            [para(ins.nom, st.cellule_grasse), para(ins.type, st.cellule), para(ins.quorum, st.cellule)]
            for ins in d.instances
        ]
        contenu.append(para("Instances du comité :", st.corps))
        largeurs = [0.0, 3.6 * cm, 5.6 * cm]
        largeurs[0] = LARGEUR_UTILE - sum(largeurs)
        contenu.append(tableau(("Instance", "Type", "Quorum"), lignes, largeurs))
    return _titre(
        "6. Les modalités et, le cas échéant, les moyens de fonctionnement humains et financiers envisagés",
        contenu,
        1,
    )


def _annexe_lettres(partenaires: Sequence[Partenaire]) -> list[Flowable]:
    st = styles()
    avec = [p for p in partenaires if p.lettre_engagement_le is not None]
    titre = "Annexe — Lettres d'engagement des partenaires"
    if not avec:
        return section(titre, [[a_completer("Aucune lettre d'engagement n'est enregistrée (page Structures).")]])
    lignes: list[list[object]] = []
    for p in avec:
        assert p.lettre_engagement_le is not None
        fichier: Flowable = para("\n".join(p.fichiers_lettre), st.cellule) if p.fichiers_lettre else a_completer_court()
        lignes.append(
            [
                para(p.nom, st.cellule_grasse if p.porteur else st.cellule),
                para(p.type, st.cellule),
                para(date_longue(p.lettre_engagement_le), st.cellule),
                fichier,
            ]
        )
    largeurs = [0.0, 3.8 * cm, 3.0 * cm, 4.2 * cm]
    largeurs[0] = LARGEUR_UTILE - sum(largeurs)
    return [
        *section(titre, [[para(f"{pluriel(len(avec), 'lettre')} (structures porteuses en gras).", st.corps)]]),
        tableau(("Structure", "Type", "Lettre du", "Fichier joint"), lignes, largeurs),
    ]


def _annexe_structures(partenaires: Sequence[Partenaire]) -> list[Flowable]:
    if not partenaires:
        return []
    return [*section("Annexe — Structures du comité"), tableau_partenaires(partenaires)]


def dossier_candidature_pdf(d: DossierCandidature) -> bytes:
    st = styles()
    nom = d.identite.nom or "Comité local"
    contenu: list[Flowable] = titre_document(TITRE, f"{nom} — {SOUS_TITRE}")
    contenu.append(
        para(
            "Ce dossier reprend, point par point, les attendus de la section 3 de l'appel à manifestation "
            f"d'intérêt, à partir de ce que le comité a enregistré au {date_longue(d.au)}. Les encadrés orange "
            "« À compléter » signalent ce qui reste à rédiger ou à enregistrer.",
            st.corps,
        )
    )
    contenu += _comprehension()
    contenu += _contexte(d)
    contenu += _demarche(d)
    contenu += _composition(d)
    contenu += _lettres(d)
    contenu += _moyens(d)
    contenu += _annexe_lettres(d.partenaires)
    contenu += _annexe_structures(d.partenaires)
    return construire_pdf(
        d.en_tete,
        titre=TITRE,
        reference="",
        sujet=f"{TITRE} — {SOUS_TITRE}",
        contenu=contenu,
    )
