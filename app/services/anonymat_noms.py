"""Names of persons: the member directory, titles (« Mme Dupont », « M. et Mme L. »), first names and kinship cues.

A capitalised word is a name when a title, a known first name or a cue (« la famille », « sa fille ») vouches for
it: a referral is full of capitalised words that are not names (institutions, towns, acronyms).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from importlib import resources

from app.services.anonymat_motifs import MAJ, MOT_PROPRE, Trouve

_NOM_MAJ = rf"[{MAJ}]{{2,}}(?:[-'’][{MAJ}]{{2,}})*"
_INITIALE = rf"[{MAJ}]\.(?:-?[{MAJ}]\.)*"
_PARTICULE = r"(?:de|du|des|d['’]|da|dos|do|van|von|De|Du|Da|Van|Von|Le|La|Ben|El|Ould|Mac)"
# One surname: « Dupont », « Le Goff », « Da Silva », « N'Diaye », « MOREL », « L. ».
_NOM = rf"(?:(?:{_PARTICULE}\s)?{MOT_PROPRE}|{_NOM_MAJ}|{_INITIALE})"
_TITRE = (
    r"(?:M\.|MM\.|Mr\.?|M(?=\s)|Mme|Mmes|Mlle|Mlles|Madame|Monsieur|Mademoiselle|Messieurs|Mesdames"
    r"|Dr\.?|Docteur|Docteure|Pr\.?|Professeur|Professeure|Me|Maître)"
)
# « M.Durand » is written without a space too; after a title without a dot, a space is needed.
_TITRE_ET_NOM = re.compile(rf"\b{_TITRE}(?:\s+et\s+{_TITRE})?(?:\s+|(?<=\.))(?P<nom>{_NOM}(?:\s+{_NOM}){{0,2}})")
_MOT = re.compile(rf"(?<![\w\-])(?:{MOT_PROPRE}|{_NOM_MAJ})(?![\w])")
_SUITE_DE_NOM = re.compile(rf"(?:\s+{_NOM}){{1,2}}")
_CUE = re.compile(
    r"\b(?i:famille|fils|fille|mère|père|frère|sœur|soeur|époux|épouse|mari|compagne|compagnon|conjointe?"
    r"|enfant|bébé|nourrisson|jeune|petite?|garçon|neveu|nièce|oncle|tante|cousine?|grand-mère|grand-père"
    r"|beau-père|belle-mère|maman|papa|adolescente?|élève|prénommée?|dénommée?|nommée?|surnommée?)"
    rf"\s+(?P<nom>{MOT_PROPRE}|{_NOM_MAJ})"
)
# Capitalised words a title or a cue may precede without being a name.
_PAS_DES_NOMS = frozenset(
    {
        "president", "presidente", "directeur", "directrice", "maire", "juge", "procureur", "procureure", "prefet",
        "prefete", "ministre", "depute", "deputee", "senateur", "senatrice", "conseiller", "conseillere", "secretaire",
        "rapporteur", "rapporteure", "principal", "principale", "proviseur", "proviseure", "inspecteur", "inspectrice",
        "delegue", "deleguee", "referent", "referente", "noel", "x", "y", "z", "xx", "xxx"
    }
)
# Generic institutions and programmes written in capitals: never the surname after a first name or a cue.
SIGLES = frozenset(
    {
        "ase", "caf", "ccas", "cias", "cpam", "mdph", "pmi", "rsa", "ime", "itep", "mecs", "ehpad", "esat", "mas",
        "fam", "chrs", "cada", "siao", "crip", "cnil", "ars", "msa", "spip", "pjj", "aemo", "aed", "cmp", "cmpp",
        "camsp", "sessad", "dre", "pre", "rgpd", "cesf", "cafad", "uda", "udaf", "atd", "ddn", "nir", "ss", "cse",
        "cmu", "css", "apl", "aah", "als"
    }
)

_verrou = threading.Lock()
_prenoms: frozenset[str] | None = None


def plier(texte: str) -> str:
    """Lower case, no accents, same length as `texte` (offsets in the folded text are offsets in the text)."""
    return "".join(_plier_caractere(c) for c in texte)


@cache
def _plier_caractere(c: str) -> str:
    if c in "’ʼ‘":
        return "'"
    base = unicodedata.normalize("NFD", c)[0].lower()
    return base if len(base) == 1 else c


def prenoms() -> frozenset[str]:
    """The French first names shipped in `app/ressources/anonymat/prenoms.txt`, folded."""
    global _prenoms
    with _verrou:
        if _prenoms is None:
            fichier = resources.files("app").joinpath("ressources", "anonymat", "prenoms.txt")
            lignes = fichier.read_text(encoding="utf-8").splitlines()
            _prenoms = frozenset(plier(ligne.strip()) for ligne in lignes if ligne.strip())
        return _prenoms


def _est_prenom(mot: str, connus: frozenset[str]) -> bool:
    # « Marie-Laure » is a first name when each part is; « Saint-Firmin » or « Jean-Moulin » is not.
    parties = plier(mot).split("-")
    return all(partie in connus for partie in parties)


def _est_sigle(mot: str) -> bool:
    return plier(mot) in SIGLES


def trouver_titres(texte: str) -> Iterator[Trouve]:
    for m in _TITRE_ET_NOM.finditer(texte):
        mots = m.group("nom").split()
        # « Madame La Présidente » is a function, « Mme X. » a placeholder, « M. CCAS » a typo.
        if any(plier(mot).rstrip(".") in _PAS_DES_NOMS for mot in mots) or _est_sigle(mots[0]):
            continue
        yield m.start(), m.end(), "nom"


def trouver_prenoms(texte: str, connus: frozenset[str]) -> Iterator[Trouve]:
    """A known first name, with the surname or initial that follows it (« Kevin Martin », « Inès B. »)."""
    for m in _MOT.finditer(texte):
        # In capitals, a short word is more often an acronym (« LEA », « EVA ») than a first name.
        if not _est_prenom(m.group(), connus) or (m.group().isupper() and len(m.group()) <= 3):
            continue
        fin = m.end()
        suite = _SUITE_DE_NOM.match(texte, fin)
        if suite and not any(_est_sigle(mot) for mot in suite.group().split()):
            fin = suite.end()
        yield _avec_nom_devant(texte, m.start()), fin, "nom"


def _avec_nom_devant(texte: str, debut: int) -> int:
    """« FERRAND Nadia »: a surname in capitals written before the first name belongs to the finding."""
    avant = re.search(rf"({_NOM_MAJ})\s+$", texte[max(0, debut - 40) : debut])
    if avant and not _est_sigle(avant.group(1)):
        return debut - len(avant.group())
    return debut


def trouver_apres_indice(texte: str) -> Iterator[Trouve]:
    """« la famille Benali », « sa fille Louna »: a kinship word vouches for the capitalised word after it."""
    for m in _CUE.finditer(texte):
        nom = m.group("nom")
        if _est_sigle(nom) or plier(nom) in _PAS_DES_NOMS:
            continue
        yield m.start("nom"), m.end("nom"), "nom"


def trouver_annuaire(texte: str, noms_connus: tuple[tuple[str, str], ...]) -> Iterator[Trouve]:
    """Directory names in any case or accents: full names, or a surname of three letters or more on its own."""
    complets, seuls = _motifs_annuaire(noms_connus)
    plie = plier(texte)
    if complets is not None:
        for m in complets.finditer(plie):
            yield m.start(), m.end(), "nom"
    if seuls is not None:
        for m in seuls.finditer(plie):
            # A surname alone must be capitalised: « Petit », « Blanc » are also common words.
            if texte[m.start()].isupper():
                yield m.start(), m.end(), "nom"


@lru_cache(maxsize=8)
def _motifs_annuaire(noms_connus: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    complets: set[str] = set()
    seuls: set[str] = set()
    for prenom, nom in noms_connus:
        p, n = _motif_plie(prenom), _motif_plie(nom)
        if p and n:
            complets.update({rf"{p}[\s\-]+{n}", rf"{n}[\s\-]+{p}"})
        if sum(c.isalpha() for c in nom) >= 3:
            seuls.add(n)
    return _alternative(complets), _alternative(seuls)


def _motif_plie(nom: str) -> str:
    mots = re.split(r"[\s\-'’]+", plier(nom).strip())
    return r"[\s\-']+".join(re.escape(mot) for mot in mots if mot)


def _alternative(motifs: set[str]) -> re.Pattern[str] | None:
    if not motifs:
        return None
    # Longest first, so that « le goff » wins over a shorter name sharing its start.
    ordonnes = sorted(motifs, key=lambda motif: (-len(motif), motif))
    return re.compile(r"(?<!\w)(?:" + "|".join(ordonnes) + r")(?!\w)")


def prenoms_avec_annuaire(noms_connus: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The shipped first names plus the directory's own (a member may bear a rare one)."""
    ajoutes = {partie for prenom, _ in noms_connus for partie in plier(prenom).split("-") if partie}
    return prenoms() | ajoutes if ajoutes else prenoms()
