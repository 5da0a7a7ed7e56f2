"""French typography for printed text: safe Paragraph markup, non-breaking spaces, times and time ranges.

Pure string functions (no reportlab import): the .ics invitation uses them too.
"""

from __future__ import annotations

import datetime as dt
import re

from app.format_fr import ESPACE_FINE, ESPACE_INSECABLE, date_avec_jour, duree_fr, heure_fr

__all__ = ["ESPACE_INSECABLE", "balisage", "date_avec_jour", "duree_fr", "heure_fr", "horaire", "typographier"]

# Control characters other than tab and line feed mean nothing in print and upset the PDF text layer.
_CONTROLES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Any run of horizontal blanks (including the non-breaking ones) before a high punctuation mark.
_AVANT_PONCTUATION = re.compile(r"[ \t\u00a0\u202f\u2009]+([:;?!])")
# A high punctuation mark glued to a word and followed by a blank or the end: « Note: » → « Note : ».
# Not « 14:30 », « https:// », « ?a=b », which are followed by something else.
_COLLEE = re.compile(r"(?<=[\w)\]»’'\"])([:;?!])(?=\s|$)")
# « 12 500 € », « 04 75 79 00 00 », « 15 % »: a number never breaks from its next group or its unit.
_ENTRE_CHIFFRES = re.compile(r"(?<=\d) (?=\d|[€%])")
_APRES_OUVRANT = re.compile(r"«[ \t\u00a0\u202f\u2009]*")
_AVANT_FERMANT = re.compile(r"[ \t\u00a0\u202f\u2009]*»")


def typographier(texte: str) -> str:
    """Plain text with French spacing: a narrow no-break space before : ; ? ! and a no-break space inside « »."""
    texte = texte.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    texte = _CONTROLES.sub("", texte)
    # Quotes first: the space they add may be what makes a mark glued to a word (« 0:» ») need its own.
    texte = _APRES_OUVRANT.sub("«" + ESPACE_INSECABLE, texte)
    texte = _AVANT_FERMANT.sub(ESPACE_INSECABLE + "»", texte)
    texte = _AVANT_PONCTUATION.sub(ESPACE_FINE + r"\1", texte)
    texte = _COLLEE.sub(ESPACE_FINE + r"\1", texte)
    return _ENTRE_CHIFFRES.sub(ESPACE_INSECABLE, texte)


def echapper(texte: str) -> str:
    """Escape for reportlab's Paragraph mini-markup (no typography)."""
    return texte.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def balisage(texte: str) -> str:
    """Plain text → Paragraph markup: French spacing, escaped, line breaks kept.

    Typography comes first: escaping adds « ; » (in &amp;) that must not get a space before it.
    reportlab treats U+202F as an ordinary breaking space (U+00A0 is the only one it keeps together),
    so in a PDF every narrow no-break space becomes a no-break space.
    """
    lignes = echapper(typographier(texte).replace(ESPACE_FINE, ESPACE_INSECABLE)).split("\n")
    return "<br/>".join(lignes)


def horaire(debut: dt.time | None, fin: dt.time | None) -> str:
    """« de 14 h à 16 h 30 », « à 14 h », « jusqu'à 16 h », or "" when neither is known."""
    if debut is not None and fin is not None:
        return f"de {heure_fr(debut)} à {heure_fr(fin)}"
    if debut is not None:
        return f"à {heure_fr(debut)}"
    if fin is not None:
        return f"jusqu'à {heure_fr(fin)}"
    return ""


def libelle_reference(reference: str) -> str:
    """How a linked record is named on an agenda: by its number only (never its content)."""
    reference = reference.strip()
    if reference.upper().startswith("SAI-"):
        return f"Saisine {reference}"
    if reference.upper().startswith("REC-"):
        return f"Recommandation {reference}"
    return f"Référence {reference}" if reference else ""


_FRACTIONS = {
    (1, 1): "la totalité",
    (1, 2): "la moitié",
    (1, 3): "le tiers",
    (2, 3): "les deux tiers",
    (1, 4): "le quart",
    (3, 4): "les trois quarts",
    (1, 5): "le cinquième",
}


def fraction_fr(numerateur: int, denominateur: int) -> str:
    """« la moitié », « les deux tiers », or « 3/5 » when French has no common word for it."""
    if denominateur > 0 and numerateur == denominateur:
        return "la totalité"
    return _FRACTIONS.get((numerateur, denominateur), f"{numerateur}/{denominateur}")


def pluriel(nombre: int, singulier: str, pluriel_: str | None = None) -> str:
    """« 1 siège », « 30 sièges », « 0 siège » (French singular for 0 and 1)."""
    mot = singulier if abs(nombre) < 2 else (pluriel_ or singulier + "s")
    return f"{nombre}{ESPACE_INSECABLE}{mot}"
