"""Realistic sample data for the meeting documents: a 30-seat plenary in 5 collèges, and its variants."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

from app.documents.donnees import (
    ActionPv,
    Convocation,
    DecompteTexte,
    Emargement,
    EnTete,
    GroupeEmargement,
    LigneEmargement,
    PointOdj,
    PointPv,
    ProcesVerbal,
    RegleQuorumTexte,
    Representation,
    Reunion,
    SecondeConvocation,
    Vote,
)

EMIS_LE = dt.date(2026, 2, 24)
COMITE = "Comité local du travail social et du développement social de la Drôme"

# (collège, [(titulaire, structure, [suppléants]), …]): 5 collèges × 6 seats = 30 deliberative seats.
COLLEGES: tuple[tuple[str, tuple[tuple[str, str, tuple[str, ...]], ...]], ...] = (
    (
        "Collège des élus et décideurs",
        (
            ("Hélène Marchand", "Conseil départemental de la Drôme", ("Benoît Arnaud",)),
            ("Jean-Noël Béranger", "Conseil départemental de la Drôme", ()),
            ("Maëlle Duchêne", "Ville de Valence — CCAS", ("Thérèse Goujon",)),
            ("Régis Fontaine", "Communauté d'agglomération Valence Romans Agglo", ()),
            ("Inès Bouchareb", "Ville de Montélimar", ("Loïc Perrin",)),
            ("Gérard Lacôte", "Préfecture de la Drôme — DDETS", ()),
        ),
    ),
    (
        "Collège des institutions et employeurs",
        (
            ("François Delaunay", "Caisse d'allocations familiales de la Drôme", ("Élodie Garnier",)),
            ("Sophie Mercier-Dubœuf", "Association départementale de sauvegarde de l'enfance et de l'adolescence", ()),
            ("Christophe Aubert", "Mutualité sociale agricole Ardèche-Drôme-Loire", ("Anaïs Roux",)),
            ("Nathalie Ferrand", "UDCCAS de la Drôme", ()),
            ("Yannick Le Bihan", "Fédération des acteurs de la solidarité Auvergne-Rhône-Alpes", ()),
            ("Cécile Martin", "France Travail — direction territoriale", ("Pascal Giraud",)),
        ),
    ),
    (
        "Collège des travailleurs sociaux",
        (
            ("Zoé Lefèvre-Œuvray", "Service départemental de protection maternelle et infantile", ("Jérôme Caron",)),
            ("Amélie Rousset", "CCAS de Romans-sur-Isère", ()),
            ("Karim Haddad", "Association de prévention spécialisée « Les Passerelles »", ("Léa Vidal",)),
            ("Margaux Chevallier", "Centre hospitalier de Valence — service social", ()),
            ("Baptiste Noël", "Maison départementale des solidarités de Die", ()),
            ("Aurélie Besson", "Centre d'hébergement et de réinsertion sociale « Le Relais »", ("Hugo Morel",)),
        ),
    ),
    (
        "Collège des personnes accompagnées",
        (
            ("Josiane Lambert", "Collectif des personnes accompagnées de la Drôme", ("Mickaël Blanc",)),
            ("Rachid Benali", "Conseil de la vie sociale du CHRS « Le Relais »", ()),
            ("Océane Faure", "Collectif des personnes accompagnées de la Drôme", ()),
            ("Stéphane Girard", "Groupe d'entraide mutuelle de Valence", ("Brigitte Dumas",)),
            ("Nadia Moulin", "Conseil régional des personnes accompagnées", ()),
            ("Désiré Kouassi", "Association des familles de Pierrelatte", ()),
        ),
    ),
    (
        "Collège de la formation et de la recherche",
        (
            ("Pr Danièle Saint-Aubin-de-la-Rochefoucauld", "Université Grenoble Alpes — laboratoire PACTE", ()),
            ("Mathieu Renard", "Institut de formation en travail social de Valence", ("Clémence Robin",)),
            ("Chloé Barbier", "IRFSS Auvergne-Rhône-Alpes", ()),
            ("Olivier Tessier", "OPCO Santé — délégation régionale", ()),
            ("Laure Chabert", "École supérieure de travail social", ()),
            ("Éric Dupuis", "Observatoire social de la Drôme", ()),
        ),
    ),
)
CONSULTATIFS = (
    ("Marie-Claire Honoré", "Direction régionale de l'économie, de l'emploi, du travail et des solidarités"),
    ("Thierry Vasseur", "Agence régionale de santé — délégation de la Drôme"),
)
INVITES = (
    ("Agnès Pelletier", "Haut Conseil du travail social", "Invitée"),
    ("Julien Carré", "Agence nouvelle des solidarités actives (ANSA)", "Invité"),
)
EXCUSES = ("Régis Fontaine", "Nathalie Ferrand", "Olivier Tessier")
POUVOIRS = (("Gérard Lacôte", "Hélène Marchand"), ("Laure Chabert", "Mathieu Renard"))


def logo_png() -> bytes:
    """A small wide logo, as a PNG (drawn with Pillow, which reportlab already needs)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (360, 140), "white")
    dessin = ImageDraw.Draw(image)
    dessin.rectangle((0, 0, 359, 139), outline=(31, 78, 121), width=6)
    dessin.ellipse((20, 20, 120, 120), fill=(31, 78, 121))
    dessin.rectangle((140, 40, 330, 60), fill=(180, 83, 9))
    dessin.rectangle((140, 80, 290, 100), fill=(31, 78, 121))
    flux = io.BytesIO()
    image.save(flux, format="PNG")
    return flux.getvalue()


def en_tete(logo: bool = True) -> EnTete:
    return EnTete(
        comite=COMITE,
        lignes=(
            "Secrétariat : direction du développement social, Conseil départemental de la Drôme",
            "26 avenue du Président-Herriot, 26000 Valence — cltsds@ladrome.fr — 04 75 79 00 00",
        ),
        logo=logo_png() if logo else None,
        emis_le=EMIS_LE,
    )


def reunion() -> Reunion:
    return Reunion(
        reference="PL-2026-02",
        instance="Assemblée plénière",
        date=dt.date(2026, 3, 5),
        heure_debut=dt.time(14, 0),
        heure_fin=dt.time(16, 30),
        lieu="Hôtel du Département, salle Émile-Loubet, 26 avenue du Président-Herriot, 26000 Valence",
        lien_visio="https://visio.ladrome.fr/rendez-vous/cltsds-pleniere-2026-02?mdp=Xy7-qP2",
        format="Mixte",
    )


def quorum() -> RegleQuorumTexte:
    return RegleQuorumTexte(numerateur=1, denominateur=2, pouvoirs_comptes=True, attendus=30, requis=15)


POINTS = (
    PointOdj(
        1,
        "Approbation du procès-verbal de la séance PL-2026-01 du 12 février 2026",
        "Décision",
        "Hélène Marchand",
        10,
        "",
    ),
    PointOdj(
        2,
        "Saisine éthique : partage d'informations entre le service de protection maternelle et infantile et les "
        "équipes de prévention spécialisée lors des « réunions de synthèse » pluri-institutionnelles",
        "Saisine",
        "Zoé Lefèvre-Œuvray",
        40,
        "SAI-2026-004",
    ),
    PointOdj(
        3,
        "Adoption de la recommandation « Premier accueil social inconditionnel : l'accueil sans "
        "rendez-vous dans les territoires ruraux »",
        "Avis",
        "François Delaunay",
        30,
        "REC-2026-002",
    ),
    PointOdj(
        4,
        "Budget 2026 de la formation interinstitutionnelle (12 500 €) et convention avec l'IRFSS",
        "Décision",
        "Mathieu Renard",
        25,
        "",
    ),
    PointOdj(
        5,
        "Retour sur les travaux du Haut Conseil du travail social : la participation des personnes accompagnées",
        "Information",
        "Agnès Pelletier",
        20,
        "",
    ),
    PointOdj(6, "Questions diverses", "Débat", "", None, ""),
)


def convocation() -> Convocation:
    return Convocation(
        en_tete=en_tete(),
        reunion=reunion(),
        convoque_par="Hélène Marchand, présidente du comité",
        points=POINTS,
        quorum=quorum(),
        pouvoirs_max_par_porteur=1,
        delai_jours=10,
        secretariat="Sandrine Collet, cltsds@ladrome.fr, 04 75 79 00 00",
    )


def convocation_urgente() -> Convocation:
    return dataclasses.replace(
        convocation(),
        motif_urgence="avis demandé par le Haut Conseil du travail social avant le 10 mars sur la saisine "
        "SAI-2026-004 ; la séance ne pouvait être reportée.",
    )


SECONDE = SecondeConvocation(reference="PL-2026-01", date=dt.date(2026, 2, 12))


def seconde_convocation() -> Convocation:
    return dataclasses.replace(convocation(), seconde=SECONDE)


def _lignes_college(sieges: tuple[tuple[str, str, tuple[str, ...]], ...]) -> tuple[LigneEmargement, ...]:
    pouvoirs = dict(POUVOIRS)
    porteurs = {porteur: mandant for mandant, porteur in POUVOIRS}
    lignes: list[LigneEmargement] = []
    for titulaire, structure, suppleants in sieges:
        if titulaire in EXCUSES:
            mention = "Excusé(e)"
        elif titulaire in pouvoirs:
            mention = f"Pouvoir à {pouvoirs[titulaire]}"
        elif titulaire in porteurs:
            mention = f"Porte le pouvoir de {porteurs[titulaire]}"
        else:
            mention = ""
        lignes.append(LigneEmargement(titulaire, structure, "Titulaire", mention))
        de = "d'" if titulaire[0] in "AEIOUYÉÈÂÎ" else "de "
        lignes += [LigneEmargement(s, structure, f"Suppléant(e) {de}{titulaire}") for s in suppleants]
    return tuple(lignes)


def emargement() -> Emargement:
    colleges = [GroupeEmargement(nom, _lignes_college(sieges)) for nom, sieges in COLLEGES]
    # A suppléant whose titulaire left: printed as the service words it.
    dernier = colleges[-1]
    colleges[-1] = GroupeEmargement(
        dernier.titre,
        (
            *dernier.lignes,
            LigneEmargement("Véronique N'Diaye", "Observatoire social de la Drôme", "Suppléante — sans titulaire"),
        ),
    )
    return Emargement(
        en_tete=en_tete(),
        reunion=reunion(),
        colleges=tuple(colleges),
        consultatifs=tuple(LigneEmargement(n, s, "Voix consultative") for n, s in CONSULTATIFS),
        invites=tuple(LigneEmargement(n, s, q) for n, s, q in INVITES),
        quorum=quorum(),
    )


def emargement_seconde() -> Emargement:
    return dataclasses.replace(emargement(), seconde=SECONDE)


def nom_numero(numero: int) -> str:
    return f"Membre{numero:03d} Éléonore-Françoise"


def emargement_nombreux(nombre: int = 80) -> Emargement:
    """One collège of `nombre` titulaires with long structure names: the sheet runs over several pages."""
    lignes = tuple(
        LigneEmargement(nom_numero(i), f"Structure n° {i} — association départementale d'aide à domicile", "Titulaire")
        for i in range(1, nombre + 1)
    )
    regle = RegleQuorumTexte(numerateur=1, denominateur=2, pouvoirs_comptes=False, attendus=nombre, requis=nombre // 2)
    return dataclasses.replace(
        emargement(), colleges=(GroupeEmargement("Collège unique", lignes),), consultatifs=(), invites=(), quorum=regle
    )


def _points_pv() -> tuple[PointPv, ...]:
    p = POINTS
    return (
        PointPv(
            p[0],
            "Aucune remarque n'est formulée sur le projet diffusé le 20 février.",
            "Le procès-verbal de la séance PL-2026-01 est approuvé sans modification.",
            Vote(23, 0, 2),
            "",
            (),
        ),
        PointPv(
            p[1],
            "Zoé Lefèvre-Œuvray présente la question anonymisée : peut-on évoquer en « réunion de synthèse » la "
            "situation d'une famille sans son accord ? Les échanges portent sur le secret partagé, le consentement "
            "et l'intérêt de l'enfant.\nPlusieurs membres soulignent la nécessité d'informer les familles en amont.",
            "L'assemblée adopte le projet d'avis sur la saisine SAI-2026-004, qui sera transmis au demandeur et "
            "au Haut Conseil du travail social.",
            Vote(19, 2, 4),
            "Karim Haddad et Léa Vidal estiment que l'avis devrait rappeler plus nettement l'obligation "
            "d'informer la famille avant toute réunion.",
            (),
        ),
        PointPv(
            p[2],
            "François Delaunay présente la version 3 de la recommandation REC-2026-002.",
            "La recommandation REC-2026-002 est adoptée ; sa publication sur le site du comité est autorisée.",
            Vote(25, 0, 0),
            "",
            (),
        ),
        PointPv(
            p[3],
            "Mathieu Renard présente le budget : 12 500 € dont 7 500 € de la CAF et 5 000 € du Département ; "
            "trois sessions de deux jours sont prévues.",
            "Le budget de 12 500 € est adopté et la présidente est autorisée à signer la convention avec l'IRFSS.",
            Vote(12, 1, 2),
            "",
            ("Mathieu Renard", "Chloé Barbier"),
        ),
        PointPv(
            p[4],
            "Agnès Pelletier présente les travaux du HCTS ; « la participation n'est pas une option ».",
            "",
            None,
            "",
            (),
        ),
        PointPv(p[5], "Aucune question diverse n'est soulevée.", "", None, "", ()),
    )


ACTIONS = (
    ActionPv(
        "Transmettre l'avis sur la saisine SAI-2026-004 au demandeur et au HCTS",
        "Sandrine Collet",
        dt.date(2026, 3, 12),
        "À faire",
        "PL-2026-02",
        False,
    ),
    ActionPv(
        "Publier la recommandation REC-2026-002 sur le site internet et dans la lettre d'information",
        "Éric Dupuis",
        dt.date(2026, 3, 31),
        "À faire",
        "PL-2026-02",
        False,
    ),
    ActionPv(
        "Signer la convention de formation interinstitutionnelle avec l'IRFSS (12 500 €)",
        "Hélène Marchand",
        dt.date(2026, 4, 15),
        "En cours",
        "PL-2026-02",
        False,
    ),
    ActionPv(
        "Recenser les lieux d'accueil sans rendez-vous dans les territoires ruraux",
        "Amélie Rousset",
        dt.date(2026, 2, 28),
        "En cours",
        "PL-2026-01",
        True,
    ),
)


def proces_verbal() -> ProcesVerbal:
    """The draft minutes (« PROJET »)."""
    presents = [
        "Hélène Marchand",
        "Jean-Noël Béranger",
        "Maëlle Duchêne",
        "Inès Bouchareb (visio)",
        "François Delaunay",
        "Sophie Mercier-Dubœuf",
        "Anaïs Roux, suppléante de Christophe Aubert",
        "Yannick Le Bihan",
        "Cécile Martin (visio)",
        "Zoé Lefèvre-Œuvray",
        "Amélie Rousset",
        "Karim Haddad",
        "Margaux Chevallier",
        "Hugo Morel, suppléant d'Aurélie Besson",
        "Josiane Lambert",
        "Rachid Benali",
        "Océane Faure",
        "Stéphane Girard",
        "Nadia Moulin (visio)",
        "Mathieu Renard",
        "Chloé Barbier",
        "Brigitte Dumas, suppléante de Désiré Kouassi",
        "Éric Dupuis",
    ]
    return ProcesVerbal(
        en_tete=en_tete(),
        reunion=reunion(),
        president="Hélène Marchand",
        secretaire="Sandrine Collet",
        presents=tuple(presents),
        representes=tuple(Representation(m, p) for m, p in POUVOIRS),
        excuses=EXCUSES,
        absents=("Baptiste Noël", "Pr Danièle Saint-Aubin-de-la-Rochefoucauld"),
        consultatifs=("Marie-Claire Honoré",),
        invites=("Agnès Pelletier (Haut Conseil du travail social)", "Julien Carré (ANSA)"),
        decompte=DecompteTexte(
            attendus=30,
            presents=20,
            supplees=3,
            representes=2,
            excuses=3,
            absents=2,
            requis=15,
            quorum_atteint=True,
            pouvoirs_comptes=True,
        ),
        points=_points_pv(),
        actions=ACTIONS,
        approuve_le=None,
    )


def proces_verbal_approuve() -> ProcesVerbal:
    return dataclasses.replace(proces_verbal(), approuve_le=dt.date(2026, 4, 9), approuve_en="PL-2026-03")


def proces_verbal_sans_quorum() -> ProcesVerbal:
    pv = proces_verbal()
    decompte = dataclasses.replace(
        pv.decompte, presents=9, supplees=2, representes=2, excuses=10, absents=7, quorum_atteint=False
    )
    return dataclasses.replace(pv, decompte=decompte)


def proces_verbal_seconde() -> ProcesVerbal:
    pv = proces_verbal()
    decompte = dataclasses.replace(
        pv.decompte, presents=9, supplees=2, representes=2, excuses=10, absents=7, quorum_atteint=False
    )
    return dataclasses.replace(pv, decompte=decompte, seconde=SECONDE)
