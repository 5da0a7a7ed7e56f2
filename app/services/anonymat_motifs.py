"""Identifiers with a shape: e-mail, NIR, phone, date of birth, postal address, named institution or small place.

Each `trouver_*` returns `(debut, fin, type)` spans; `app.services.anonymat` arbitrates between overlapping ones.
Phones come from libphonenumber (its matcher knows the French numbering plan and skips dates and prices), NIRs
are checked by python-stdnum (an invalid key is not a NIR); the rest are patterns tied to French wording.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Iterator
from types import ModuleType

Trouve = tuple[int, int, str]

MAJ = "A-ZÀ-ÖØ-ÞŒ"
MIN = "a-zß-öø-ÿœ"
# A capitalised word, hyphenated parts included (« Jean-Moulin », « Saint-Firmin », « N'Diaye »).
MOT_PROPRE = rf"(?:[{MAJ}]['’])?[{MAJ}][{MIN}]+(?:-[{MAJ}]?[{MIN}]+)*"
_MOIS = (
    r"(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre"
    r"|décembre|decembre)"
)

_COURRIEL = re.compile(r"(?<![\w.+\-])[\w+\-]+(?:\.[\w+\-]+)*@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}(?![\w\-])")

# A NIR is written grouped or not: any single space, dot or non-breaking space may separate its 15 characters.
# The loose shape only proposes; stdnum decides.
_NIR = re.compile(r"(?<!\w)(?<!\d[.,])[12](?:[ .\u00a0\u202f]?[0-9ABab]){14}(?![\w])")

_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})"
    rf"|(?:1er|\d{{1,2}})\s+{_MOIS}(?:\s+\d{{4}})?"
    rf"|{_MOIS}\s+\d{{4}}"
    r"|(?:19|20)\d{2})"
)
# The date must follow a birth cue: « née le », « né(e) en », « DDN : », « date de naissance : ».
_NAISSANCE = re.compile(
    r"(?i:\b(?:né|née|nés|nées)(?:\s*\(e\))?)(?:\s+à\s+" + MOT_PROPRE + r")?"
    r"\s+(?i:le|en|au\s+mois\s+de|en\s+date\s+du)"
    r"\s*(?P<date>(?i:" + _DATE + r"))(?!\d)"
    r"|(?i:\b(?:DDN|D\.D\.N\.?|date\s+de\s+naissance|naissance)\s*(?:(?::|le|en)\s*)?)"
    r"(?P<date2>(?i:" + _DATE + r"))(?!\d)"
)

_PARTICULE = r"(?i:de\s+la|de\s+l['’]|des|du|de|d['’]|la|le|les|l['’]|aux|au)"
_NOM_DE_VOIE = (
    rf"(?:{_PARTICULE}\s*)?(?:{MOT_PROPRE}|\d+(?:-[{MAJ}{MIN}\d]+)+)"
    rf"(?:[\s\-]+(?:{_PARTICULE}\s*)?{MOT_PROPRE})*"
)
_VOIE_SURE = (
    r"rue|avenue|av\.|boulevard|bd|allée|impasse|chemin|route|quai|square|lotissement|hameau|faubourg"
    r"|résidence|cité|sentier|ruelle|venelle|promenade|esplanade"
)
# Words that are also common nouns (« à la place de », « au cours de »): an address only with a house number.
_VOIE_NUMEROTEE = r"place|cours|passage|parvis|rond-point|montée|traverse"
_CODE_POSTAL = rf"(?:,?\s+\d{{5}}\s+{MOT_PROPRE}(?:[\s\-]+{MOT_PROPRE})*)"
_ADRESSE = re.compile(
    rf"(?:\b\d{{1,4}}(?:\s?(?:bis|ter|quater|[A-D]))?(?:\s*,\s*|\s+)(?i:{_VOIE_SURE}|{_VOIE_NUMEROTEE})\s+{_NOM_DE_VOIE}"
    rf"|\b(?i:{_VOIE_SURE})\s+{_NOM_DE_VOIE}"
    rf"|\b(?i:lieu[-\s]dit)\s+(?:«\s*)?{_NOM_DE_VOIE}(?:\s*»)?)"
    rf"{_CODE_POSTAL}?"
)

_ETABLISSEMENT = (
    r"collège|lycée(?:\s+(?:professionnel|agricole|polyvalent|général))?|école(?:\s+(?:maternelle|élémentaire|primaire))?"
    r"|groupe\s+scolaire|internat(?:\s+du\s+(?:lycée|collège))?|ehpad|foyer(?:\s+(?:de\s+vie|d['’]hébergement"
    r"|de\s+jeunes\s+travailleurs|d['’]accueil\s+médicalisé|éducatif))?|fjt|mecs|maison\s+d['’]enfants"
    r"(?:\s+à\s+caractère\s+social)?|ime|itep|sessad|cmpp?|camsp|crèche|halte-garderie|multi-accueil"
    r"|centre\s+social|centre\s+d['’]hébergement(?:\s+et\s+de\s+réinsertion\s+sociale)?|chrs|cada"
    r"|résidence\s+(?:autonomie|sociale|services)|pension\s+de\s+famille|maison\s+relais|hôpital(?:\s+de\s+jour)?"
    r"|clinique|esat|mas|fam|accueil\s+de\s+jour|pouponnière|village\s+d['’]enfants|garage|entreprise"
    r"|quartier|cité"
)
# The proper name that makes an institution (or a small place) singular: « Les Tilleuls », « Jean-Moulin ».
_NOM_D_ETABLISSEMENT = (
    rf"(?:«\s*[^»]{{1,60}}»|(?:(?:Les|Le|La|L['’]|des|du)\s*)?{MOT_PROPRE}"
    rf"(?:\s+(?:(?:du|de|des|de\s+la)\s+)?{MOT_PROPRE})*)"
)
_LIEU = re.compile(rf"\b(?i:{_ETABLISSEMENT})\s+{_NOM_D_ETABLISSEMENT}(?:\s+(?:de|d['’]|à)\s*{MOT_PROPRE})?")

# Strongest evidence first: the order in which overlapping candidates are kept.
_PRIORITE = {
    type_: rang
    for rang, type_ in enumerate(("courriel", "nir", "telephone", "date_naissance", "adresse", "lieu", "nom"))
}

_verrou = threading.Lock()
_bibliotheques: tuple[ModuleType, ModuleType] | None = None


def bibliotheques() -> tuple[ModuleType, ModuleType]:
    """phonenumbers and stdnum's NIR module, imported on first use (their metadata takes a while to load)."""
    global _bibliotheques
    with _verrou:
        if _bibliotheques is None:
            import phonenumbers
            from stdnum.fr import nir

            # The matcher loads the French metadata on its first run: do it now, not in the user's first check.
            list(phonenumbers.PhoneNumberMatcher("01 23 45 67 89", "FR"))
            _bibliotheques = (phonenumbers, nir)
        return _bibliotheques


def trouver_courriels(texte: str) -> Iterator[Trouve]:
    for m in _COURRIEL.finditer(texte):
        yield m.start(), m.end(), "courriel"


def trouver_nir(texte: str) -> Iterator[Trouve]:
    _, nir = bibliotheques()
    for m in _NIR.finditer(texte):
        if nir.is_valid(re.sub(r"[ .\u00a0\u202f]", "", m.group())):
            yield m.start(), m.end(), "nir"


def trouver_telephones(texte: str) -> Iterator[Trouve]:
    phonenumbers, _ = bibliotheques()
    for m in phonenumbers.PhoneNumberMatcher(_sans_crochets(texte), "FR"):
        debut, fin = m.start, m.end
        while texte[debut].isspace():
            debut += 1
        yield debut, fin, "telephone"


_CROCHETS_DU_NUMERO = re.compile(r"\(0\)|\(\+\d{1,3}\)")


def _sans_crochets(texte: str) -> str:
    """`texte` with the brackets that are not part of a number (« (0) », « (+33) ») blanked out, offsets kept.

    The matcher refuses a number after an unbalanced bracket (« [[06 12… ») and keeps a lone one in the span.
    """
    gardes = {i for m in _CROCHETS_DU_NUMERO.finditer(texte) for i in range(m.start(), m.end())}
    return "".join(" " if c in "()[]{}" and i not in gardes else c for i, c in enumerate(texte))


def trouver_naissances(texte: str) -> Iterator[Trouve]:
    for m in _NAISSANCE.finditer(texte):
        groupe = "date" if m.group("date") else "date2"
        yield m.start(groupe), m.end(groupe), "date_naissance"


def trouver_adresses(texte: str) -> Iterator[Trouve]:
    for m in _ADRESSE.finditer(texte):
        yield m.start(), m.end(), "adresse"


def trouver_lieux(texte: str) -> Iterator[Trouve]:
    for m in _LIEU.finditer(texte):
        yield m.start(), m.end(), "lieu"


def arbitrer(candidats: list[Trouve]) -> list[Trouve]:
    """Non-overlapping spans sorted by start: the strongest kind wins an overlap, then the longer span."""
    debuts: list[int] = []  # starts of the spans kept, sorted; `fins` follows the same order
    fins: list[int] = []
    retenus: dict[int, Trouve] = {}
    for candidat in sorted(candidats, key=lambda c: (_PRIORITE[c[2]], c[0] - c[1], c[0])):
        debut, fin, _ = candidat
        rang = bisect.bisect_left(debuts, debut)
        libre_avant = rang == 0 or fins[rang - 1] <= debut
        libre_apres = rang == len(debuts) or debuts[rang] >= fin
        if fin > debut and libre_avant and libre_apres:
            debuts.insert(rang, debut)
            fins.insert(rang, fin)
            retenus[debut] = candidat
    return [retenus[debut] for debut in debuts]
