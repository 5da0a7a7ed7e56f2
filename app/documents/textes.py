"""The sentences shared by the PDF documents and the .ics invitation (plain text, no reportlab)."""

from __future__ import annotations

from app.documents.donnees import RegleQuorumTexte, SecondeConvocation
from app.documents.typographie import fraction_fr, pluriel
from app.format_fr import date_longue


def phrase_quorum(quorum: RegleQuorumTexte) -> str:
    """« … au moins 15 voix sont réunies (la moitié des 30 sièges à voix délibérative) », with who counts."""
    qui = "membres présents, suppléés ou représentés" if quorum.pouvoirs_comptes else "membres présents ou suppléés"
    fraction = fraction_fr(quorum.numerateur, quorum.denominateur)
    exact = quorum.requis * quorum.denominateur == quorum.numerateur * quorum.attendus
    arrondi = "" if exact else ", arrondie à l'unité supérieure"
    reunies = "voix est réunie" if quorum.requis < 2 else "voix sont réunies"
    return (
        f"L'instance délibère valablement si au moins {quorum.requis} {reunies} ({qui}) : "
        f"{fraction} des {pluriel(quorum.attendus, 'siège')} à voix délibérative{arrondi}."
    )


def phrase_seconde(seconde: SecondeConvocation, *, passe: bool = False) -> str:
    """The sentence that explains why no quorum is required."""
    if passe:
        return (
            f"La séance {seconde.reference} du {date_longue(seconde.date)} n'ayant pas atteint le quorum, "
            "l'instance a délibéré valablement quel que soit le nombre de membres présents ou représentés : "
            "aucun quorum n'était requis."
        )
    return (
        f"La séance {seconde.reference} du {date_longue(seconde.date)} n'a pas atteint le quorum. "
        "Pour cette seconde séance, l'instance délibère valablement quel que soit le nombre de membres présents "
        "ou représentés : aucun quorum n'est requis."
    )


def phrase_urgence(delai_jours: int, motif: str) -> str:
    motif = motif.strip()
    if motif and motif[-1] not in ".!?…":
        motif += "."
    return (
        f"Le délai de convocation de cette instance est de {pluriel(delai_jours, 'jour')} ; "
        f"cette convocation est adressée dans un délai plus court. Motif de l'urgence : {motif}"
    )
