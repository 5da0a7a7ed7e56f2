"""Property-based checks of the detector: planted e-mails, phones and NIRs are found at their exact offsets."""

from __future__ import annotations

import itertools

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.fr import nir

from app.services.anonymat import TYPES, detecter

# Innocuous words of a referral: no name, no number, no institution followed by a proper name.
MOTS = [
    "le",
    "service",
    "souhaite",
    "transmettre",
    "une",
    "information",
    "à",
    "la",
    "famille",
    "concernant",
    "le",
    "dossier",
    "social",
    ";",
    "l'équipe",
    "éducative",
    "demande",
    "un",
    "avis",
    "sur",
    "le",
    "secret",
    "professionnel",
    "et",
    "le",
    "partage",
    "des",
    "données",
    "avec",
    "l'école,",
    "la",
    "mairie",
    "ou",
    "le",
    "département.",
    "Quelle",
    "posture",
    "adopter",
    "?",
    "Les",
    "professionnels",
    "s'interrogent",
    "depuis",
    "plusieurs",
    "mois,",
    "notamment",
    "sur",
    "le",
    "consentement",
    "du",
    "mineur",
    "et",
    "la",
    "protection",
    "de",
    "l'enfance.",
    "Nous",
    "vous",
    "remercions",
]
# What may stand right before or after an identifier: spaces, punctuation, quotes, line breaks.
BORDS = st.text(alphabet=" \t\n\u00a0,;:!?()[]«»\"'", max_size=3)
FINS = st.text(alphabet=" \t\n\u00a0,;:!?()[]«»\"'.", max_size=3)

phrase = st.lists(st.sampled_from(MOTS), max_size=12).map(" ".join)


@st.composite
def dans_une_phrase(draw: st.DrawFn, identifiant: st.SearchStrategy[str]) -> tuple[str, int, str]:
    """A random sentence with `identifiant` inserted anywhere: (text, offset of the identifier, identifier)."""
    avant, apres, valeur = draw(phrase), draw(phrase), draw(identifiant)
    gauche = f"{avant}{draw(BORDS)}" if avant else draw(BORDS)
    # Glued to a word and a dot (« enfance.jean@… »), the identifier would really start earlier: keep them apart.
    if gauche and (gauche[-1].isalnum() or gauche[-1] in "._-+"):
        gauche += " "
    texte = f"{gauche}{valeur}{draw(FINS)} {apres}"
    return texte, len(gauche), valeur


_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_atome = st.text(_ALNUM + "_-+", min_size=1, max_size=6)
_etiquette = st.builds(
    lambda debut, milieu, fin: debut + milieu + fin,
    st.text(_ALNUM, min_size=1, max_size=1),
    st.text(_ALNUM + "-", max_size=10),
    st.text(_ALNUM, max_size=1),
)
courriels = st.builds(
    lambda locaux, domaines, tld: f"{'.'.join(locaux)}@{'.'.join(domaines)}.{tld}",
    st.lists(_atome, min_size=1, max_size=3),
    st.lists(_etiquette, min_size=1, max_size=3),
    st.text("abcdefghijklmnopqrstuvwxyzFR", min_size=2, max_size=6),
)


def _chiffres(n: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=n, max_size=n)


# A French number: 9 significant digits after the 0 (or +33), valid in the numbering plan.
significatifs = st.builds(
    lambda premier, reste: premier + reste, st.sampled_from(list("1234579")), _chiffres(8)
).filter(lambda n: phonenumbers.is_valid_number(phonenumbers.parse("+33" + n)))
# Each written form with the separators it is seen with.
FORMES = {"0": [" ", ".", "-", ""], "+33 ": [" ", ".", ""], "+33": [""], "+33 (0)": [" "], "0033 ": [" "]}


@st.composite
def telephones(draw: st.DrawFn) -> str:
    chiffres = draw(significatifs)
    forme = draw(st.sampled_from(sorted(FORMES)))
    separateur = draw(st.sampled_from(FORMES[forme]))
    paires = [chiffres[i : i + 2] for i in range(1, 9, 2)]
    if forme == "0":
        return separateur.join(["0" + chiffres[0], *paires])
    return forme + separateur.join([chiffres[0], *paires])


@st.composite
def corps_de_nir(draw: st.DrawFn) -> str:
    """The 13 characters of a NIR: sex, year, month, département (2A and 2B included), commune, order."""
    sexe = draw(st.sampled_from("12"))
    annee = draw(_chiffres(2))
    mois = f"{draw(st.integers(1, 12)):02d}"
    departement = draw(st.sampled_from([f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B"]))
    commune = f"{draw(st.integers(1, 990)):03d}"
    ordre = f"{draw(st.integers(1, 999)):03d}"
    return sexe + annee + mois + departement + commune + ordre


def _ecrire_nir(corps: str, cle: str, groupe: bool) -> str:
    if not groupe:
        return corps + cle
    return " ".join([corps[0], corps[1:3], corps[3:5], corps[5:7], corps[7:10], corps[10:13], cle])


nir_valides = st.builds(
    lambda corps, groupe: _ecrire_nir(corps, nir.calc_check_digits(corps), groupe), corps_de_nir(), st.booleans()
)


@st.composite
def nir_invalides(draw: st.DrawFn) -> str:
    corps = draw(corps_de_nir())
    bonne = int(nir.calc_check_digits(corps))
    cle = draw(st.integers(1, 97).filter(lambda k: k != bonne))
    return _ecrire_nir(corps, f"{cle:02d}", draw(st.booleans()))


def _trouve_exactement(texte: str, debut: int, valeur: str, type_: str) -> None:
    constats = detecter(texte)
    attendu = (debut, debut + len(valeur), type_)
    assert attendu in [(c.debut, c.fin, c.type) for c in constats], (texte, constats)


@settings(max_examples=200)
@given(dans_une_phrase(courriels))
def test_un_courriel_est_trouve_a_sa_place(cas: tuple[str, int, str]) -> None:
    _trouve_exactement(*cas, "courriel")


@settings(max_examples=200)
@given(dans_une_phrase(telephones()))
def test_un_telephone_francais_est_trouve_a_sa_place(cas: tuple[str, int, str]) -> None:
    _trouve_exactement(*cas, "telephone")


@settings(max_examples=200)
@given(dans_une_phrase(nir_valides))
def test_un_nir_valide_est_trouve_a_sa_place(cas: tuple[str, int, str]) -> None:
    _trouve_exactement(*cas, "nir")


@settings(max_examples=200)
@given(dans_une_phrase(nir_invalides()))
def test_un_nir_a_cle_invalide_n_est_pas_un_nir(cas: tuple[str, int, str]) -> None:
    texte, _, _ = cas
    assert all(c.type != "nir" for c in detecter(texte))


morceaux = st.one_of(
    st.sampled_from(MOTS),
    st.sampled_from(["Mme Dupont", "Kevin", "la petite Inès", "né le 3 mars 2012", "12 rue des Lilas", "M. et Mme L."]),
    st.sampled_from(["collège Jean-Moulin", "loi du 5 mars 2007", "1 250 €", "article L. 226-2-2", "CCAS"]),
    courriels,
    telephones(),
    nir_valides,
    st.text(max_size=8),
)


annuaires = st.lists(
    st.one_of(
        st.sampled_from([("Claire", "Petit"), ("Hélène", "Le Goff"), ("Yves", "Ba")]),
        st.tuples(st.text(max_size=10), st.text(max_size=10)),  # whatever a secretary may have typed
    ),
    max_size=3,
)


@settings(max_examples=200)
@given(st.lists(morceaux, max_size=12), annuaires)
def test_constats_tries_disjoints_et_fideles_au_texte(parties: list[str], noms: list[tuple[str, str]]) -> None:
    texte = " ".join(parties + [nom for paire in noms for nom in paire])
    constats = detecter(texte, noms)
    assert all(c.extrait == texte[c.debut : c.fin] and c.debut < c.fin for c in constats)
    assert all(a.fin <= b.debut for a, b in itertools.pairwise(constats))
    assert all(c.type in TYPES for c in constats)
