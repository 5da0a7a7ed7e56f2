"""The figures' definitions (CONCEPTION §3) in French, one text for every export and report, so that a reader
can redo the arithmetic: the ANSA workbook's « Définitions » sheet and the HCTS report's annex print the same."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Definition:
    indicateur: str
    definition: str
    calcul: str  # the formula in words


PERIODE = Definition(
    "Période",
    "Inclusive à ses deux bornes ; sans borne, toute l'activité enregistrée. Un mandat est actif de sa date de "
    "début à sa date de fin, toutes deux incluses (sans date de fin : toujours actif).",
    "—",
)
TAUX = Definition(
    "Taux",
    "Fractions entre 0 et 1, jamais arrondies dans les données, arrondies seulement à l'affichage ; un taux sans "
    "siège attendu est vide (« — »).",
    "—",
)

FIGURES: tuple[Definition, ...] = (
    Definition(
        "Séance tenue",
        "Une séance dont le statut est « tenue » ou « clôturée » ; les séances planifiées, annulées ou reportées "
        "ne comptent jamais.",
        "Sont retenues les séances tenues dont la date est dans la période (bornes incluses ; sans bornes : "
        "toute la période enregistrée).",
    ),
    Definition(
        "Sièges attendus",
        "Pour une séance tenue d'une instance, les mandats de titulaire à voix délibérative dans cette instance, "
        "actifs à la date de la séance (du début à la fin du mandat, bornes incluses). Invités, membres à voix "
        "consultative et suppléants ne sont jamais des sièges attendus.",
        "attendus = présents + suppléés + représentés + excusés + absents, pour chaque séance.",
    ),
    Definition(
        "État d'un siège",
        "Le premier qui s'applique : présent (le titulaire est présent ou en visio) ; suppléé (un de ses "
        "suppléants actifs dans la même instance est présent ou en visio) ; représenté (il a donné pouvoir à un "
        "membre présent ou en visio) ; excusé (il est excusé, ou son pouvoir est caduc car le porteur n'est pas "
        "venu) ; absent (tout le reste, y compris rien d'enregistré).",
        "Chaque siège attendu a exactement un état.",
    ),
    Definition(
        "Taux de présence d'une séance",
        "Part des sièges attendus tenus par le titulaire ou un suppléant.",
        "(présents + suppléés) ÷ attendus ; vide quand aucun siège n'est attendu.",
    ),
    Definition(
        "Quorum atteint",
        "Le nombre de voix présentes atteint la fraction de l'instance.",
        "présents + suppléés (+ représentés si l'instance compte les pouvoirs) ≥ ⌈fraction × attendus⌉.",
    ),
    Definition(
        "Taux de présence d'un collège",
        "Sur les séances tenues de la période, part des sièges du collège tenus par le titulaire ou un suppléant "
        "(le collège d'une personne est celui de son mandat).",
        "Σ(présents + suppléés) ÷ Σ attendus, en ne comptant que les sièges dont le mandat est dans ce collège.",
    ),
    Definition(
        "Assiduité d'un membre",
        "Sur tous ses sièges attendus de la période, dans toutes les instances, la part où il était lui-même "
        "présent ou en visio ; être suppléé ne compte pas ici.",
        "séances présentes ÷ séances attendues ; le collège indiqué est celui de son dernier mandat de titulaire.",
    ),
    Definition(
        "Mobilisation à 3 (6) mois",
        "Depuis la date d'installation D0 (sinon la première séance tenue), sur la fenêtre [D0, D0 + 3 (6) mois "
        "calendaires[ — fin exclue, même jour du mois, ramené au dernier jour du mois — sans tenir compte de la "
        "période choisie.",
        "Séances tenues dans la fenêtre ; personnes présentes : personnes distinctes présentes ou en visio à une "
        "séance tenue de la fenêtre, dans toute instance, suppléants et membres consultatifs compris, invités "
        "exclus ; structures représentées : structures distinctes de ces personnes ; travailleurs sociaux "
        "(personnes accompagnées) présents : celles dont le mandat dans l'instance de la séance relève d'un "
        "collège de catégorie « Travailleurs sociaux » (« Personnes accompagnées ») ; taux de présence : "
        "Σ(présents + suppléés) ÷ Σ attendus sur les séances tenues de la fenêtre.",
    ),
    Definition(
        "Saisines reçues, recevables, avis rendus",
        "Saisines reçues dans la période ; déclarées recevables dans la période (date de recevabilité, à défaut "
        "date de réception) ; avis transmis dans la période.",
        "Compte des saisines selon la date concernée.",
    ),
    Definition(
        "Délai de traitement d'une saisine",
        "Nombre de jours entre la réception et la transmission de l'avis.",
        "date de transmission − date de réception ; le délai de la période est la médiane des délais des avis "
        "transmis dans la période.",
    ),
    Definition(
        "Avis et recommandations adoptés, publiés",
        "Textes adoptés (publiés) dont la date d'adoption (de publication) est dans la période.",
        "Compte des dates d'adoption (de publication) dans la période.",
    ),
    Definition(
        "Productions par type",
        "Productions des missions du comité dont la date est dans la période, par type.",
        "Compte des productions par type.",
    ),
    Definition(
        "Diffusions par canal, par public ; personnes atteintes",
        "Diffusions dont la date est dans la période, par canal ou par public visé ; personnes atteintes : "
        "somme des nombres déclarés (une diffusion sans nombre compte pour 0).",
        "Compte (somme) des diffusions par canal ou par public.",
    ),
)
