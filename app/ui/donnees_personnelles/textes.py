"""What the page says, in plain French: what is held, why, for how long, who sees it, how to exercise one's
rights. The durations are those recorded for the committee."""

from __future__ import annotations

import html

from app.services.conservation import Durees


def _ans(nombre: int) -> str:
    return f"{nombre}\u00a0an{'s' if nombre > 1 else ''}"


def texte_explicatif(durees: Durees) -> str:
    """Rich text (Qt's HTML subset) for the page's first block."""
    mois = f"{durees.demandeurs_mois}\u00a0mois"
    paragraphes = [
        "<b>Ce que l'application enregistre.</b> L'annuaire du comité : nom, prénom, structure et fonction des "
        "membres et des invités, leurs coordonnées professionnelles (courriel, téléphone) et, s'ils l'ont "
        "demandé, leurs besoins d'accessibilité ; leurs mandats ; les présences, excuses et pouvoirs aux séances ; "
        "les rôles tenus en séance et les actions confiées. Pour les saisines de l'instance éthique, l'identité et "
        "les coordonnées de la personne qui a saisi le comité, conservées à part et lues seulement dans l'onglet "
        "« Demandeur » de la saisine. Enfin, le journal des modifications : qui (l'identifiant de session de "
        "l'ordinateur), quand et quoi ; il ne garde jamais la valeur des coordonnées, ni l'identité des "
        "demandeurs.",
        "<b>Pourquoi.</b> Pour le secrétariat du comité : convoquer, tenir les feuilles d'émargement et les "
        "comptes rendus, suivre les saisines ; et pour ce que la charte du Haut Conseil du travail social (HCTS) "
        "et l'évaluation de l'ANSA demandent au comité de rendre compte de son activité. Les exports vers l'ANSA "
        "désignent les membres par un code (M-0012 par exemple), sans leur nom, sauf demande expresse.",
        "<b>Combien de temps.</b> "
        f"L'identité des demandeurs est effacée {mois} après l'envoi de l'avis (ou la clôture de la saisine "
        "sans avis) : il reste le type de demandeur et la question anonymisée. "
        f"Les coordonnées et besoins d'accessibilité d'une personne sont effacés {_ans(durees.coordonnees_ans)} "
        "après la fin de son dernier mandat ; ses nom, prénom, structure et fonction restent, pour que les "
        "comptes rendus des séances passées restent lisibles. "
        f"Le journal est gardé {_ans(durees.journal_ans)} : c'est la durée de prescription de droit commun "
        "(article 2224 du code civil), pendant laquelle le comité peut devoir montrer qui a modifié un compte "
        "rendu ou une présence, et elle couvre la période d'évaluation des comités locaux. "
        "Ces effacements ont lieu à l'ouverture de la base (et avec « comite-local verifier --purger ») ; ils "
        "sont définitifs : réimporter un classeur ne ramène pas ce qui a été effacé.",
        "<b>Qui y a accès.</b> Les personnes qui tiennent le secrétariat du comité, sur l'ordinateur où se "
        "trouve la base. Les membres reçoivent les convocations, les feuilles d'émargement et les comptes "
        "rendus ; ils ne voient jamais l'identité des demandeurs.",
        "<b>Vos droits.</b> Toute personne de l'annuaire peut demander ce que le comité détient sur elle "
        "(« Exporter ses données », en JSON ou en PDF), la correction de sa fiche (page « Membres »), ou son "
        "effacement (« Effacer cette personne… ») : ce qui figure dans les comptes rendus de séances tenues reste, "
        "réduit au nom et au prénom. La demande s'adresse au secrétariat du comité ; en cas de désaccord, la "
        "Commission nationale de l'informatique et des libertés (CNIL) peut être saisie.",
    ]
    return "".join(f"<p>{p}</p>" for p in paragraphes)


def echapper(texte: str) -> str:
    return html.escape(texte, quote=False)
