"""The anonymisation detector, one kind of identifier or decoy at a time (CONCEPTION §4, « Anonymisation check »)."""

from __future__ import annotations

import itertools
import subprocess
import sys
import threading

import pytest

from app import db
from app.services import anonymat
from app.services.anonymat import TYPES, Constat, detecter, noms_de_l_annuaire, precharger
from tests.services.fabrique import Fabrique

ANNUAIRE = [("Claire", "Petit"), ("Hélène", "Le Goff"), ("Yves", "Ba"), ("Karim", "Benaïssa"), ("Thomas", "Lefèvre")]


def trouves(texte: str, noms: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    return [(c.type, c.extrait) for c in detecter(texte, noms or [])]


# --- each kind of identifier -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("Mme Dupont refuse.", "Mme Dupont"),
        ("Nous avons reçu M. et Mme L. hier.", "M. et Mme L."),
        ("Le dossier de Monsieur et Madame Roux est clos.", "Monsieur et Madame Roux"),
        ("Le Dr Nguyen, médecin scolaire, s'y oppose.", "Dr Nguyen"),
        ("L'avocate, Me Durand, demande le dossier.", "Me Durand"),
        ("Un courrier de M.Durand est arrivé.", "M.Durand"),
        ("Mme DUPONT Marie est venue.", "Mme DUPONT Marie"),
        ("Le père, M. N'Diaye, est joignable.", "M. N'Diaye"),
        ("Le père, M. Da Silva, écrit chaque semaine.", "M. Da Silva"),
        ("L'éducateur M. T.-L. a rédigé le rapport.", "M. T.-L."),
        ("Le service a reçu un appel de Kevin hier.", "Kevin"),
        ("La petite Inès a confié son inquiétude.", "Inès"),
        ("Elle s'appelle Léa Fournier, DDN inconnue.", "Léa Fournier"),
        ("La jeune Inès B. est accueillie.", "Inès B."),
        ("Le rapport de Julien MOREL est arrivé.", "Julien MOREL"),
        ("Le message de KEVIN DUPONT est arrivé.", "KEVIN DUPONT"),
        ("La famille Benali a été expulsée.", "Benali"),
        ("Sa fille Maëlys est chez sa grand-mère.", "Maëlys"),
        ("Marie-Laure a signé.", "Marie-Laure"),
    ],
)
def test_noms_de_personnes(texte: str, attendu: str) -> None:
    assert ("nom", attendu) in trouves(texte)


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("Claire Petit, rapporteure, propose un avis.", "Claire Petit"),
        ("La note de CLAIRE PETIT est jointe.", "CLAIRE PETIT"),
        ("La note de claire petit est jointe.", "claire petit"),
        ("Ce courrier de Benaissa Karim est arrivé.", "Benaissa Karim"),
        ("Selon Le Goff, rien ne presse.", "Le Goff"),
        ("Thomas LEFEVRE y est opposé.", "Thomas LEFEVRE"),
        ("Lefevre y est opposé.", "Lefevre"),
        ("Yves Ba a voté.", "Yves Ba"),
    ],
)
def test_noms_de_l_annuaire_en_toute_casse_et_sans_accents(texte: str, attendu: str) -> None:
    assert ("nom", attendu) in trouves(texte, ANNUAIRE)


def test_un_nom_de_l_annuaire_seul_doit_avoir_trois_lettres_et_une_majuscule() -> None:
    assert trouves("Ba a voté contre.", ANNUAIRE) == []
    # « Petit », « Blanc », « Fontaine » are also common words: lower case is not the surname.
    assert trouves("Le petit garçon est seul.", ANNUAIRE) == []
    assert ("nom", "Petit") in trouves("Selon Petit, le partage est légitime.", ANNUAIRE)


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("L'enfant, né le 3 mars 2012, est scolarisé.", "3 mars 2012"),
        ("Madame, née en 1987, élève seule ses enfants.", "1987"),
        ("DDN : 03/04/1990.", "03/04/1990"),
        ("Date de naissance : 12.05.2008", "12.05.2008"),
        ("Il est né(e) le 1er avril 1979.", "1er avril 1979"),
        ("Un jeune né à Oran le 1er mai 1960.", "1er mai 1960"),
        ("Elle est née en juillet 1990.", "juillet 1990"),
        ("Jumeaux nés le 3/3/12, placés.", "3/3/12"),
        ("Naissance : 2 avril 2010.", "2 avril 2010"),
    ],
)
def test_dates_de_naissance(texte: str, attendu: str) -> None:
    assert ("date_naissance", attendu) in trouves(texte)


@pytest.mark.parametrize(
    "numero",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "0612345678",
        "01 45 67 89 10",
        "+33 6 12 34 56 78",
        "+33612345678",
        "+33 (0)4 78 62 19 40",
        "0033 6 12 34 56 78",
        "09 52 14 76 30",
    ],
)
def test_telephones(numero: str) -> None:
    assert trouves(f"Elle est joignable au {numero}, le matin.") == [("telephone", numero)]


@pytest.mark.parametrize(
    "adresse",
    ["jean.dupont@gmail.com", "JEAN.DUPONT@GMAIL.COM", "s.marchand@ccas-saint-firmin.fr", "j+ccas@mairie.paris.fr"],
)
def test_courriels(adresse: str) -> None:
    assert trouves(f"Écrire à {adresse}.") == [("courriel", adresse)]


@pytest.mark.parametrize(
    "numero", ["2 95 10 99 126 111 93", "295109912611193", "1 85 05 78 006 084 91", "2 91 02 2A 004 117 58"]
)
def test_nir_valides(numero: str) -> None:
    assert trouves(f"Son numéro : {numero}.") == [("nir", numero)]


@pytest.mark.parametrize("numero", ["2 95 10 99 126 111 94", "1 85 05 78 006 084 36", "295109912611100"])
def test_un_nir_a_cle_fausse_n_est_pas_un_nir(numero: str) -> None:
    assert all(type_ != "nir" for type_, _ in trouves(f"Numéro de dossier {numero}."))


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("Il vit au 12 rue des Lilas depuis un an.", "12 rue des Lilas"),
        ("Adresse : 3 bis, avenue Jean-Jaurès 75011 Paris.", "3 bis, avenue Jean-Jaurès 75011 Paris"),
        ("Domiciliée lieu-dit Les Granges, elle vit seule.", "lieu-dit Les Granges"),
        (
            "Au 45 Avenue du Général de Gaulle, 94000 Créteil, au 2e étage.",
            "45 Avenue du Général de Gaulle, 94000 Créteil",
        ),
        ("Le couple habite au 12, rue du 8-Mai-1945.", "12, rue du 8-Mai-1945"),
        ("Il vit 7 chemin de la Croix, 38100 Grenoble.", "7 chemin de la Croix, 38100 Grenoble"),
        ("Elle habite impasse du Moulin.", "impasse du Moulin"),
    ],
)
def test_adresses(texte: str, attendu: str) -> None:
    assert ("adresse", attendu) in trouves(texte)


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        (
            "Le collège Jean-Moulin de Saint-Firmin où est scolarisé l'enfant demande le compte rendu.",
            "collège Jean-Moulin de Saint-Firmin",
        ),
        ("La directrice de l'EHPAD Les Tilleuls où réside Mme X s'interroge.", "EHPAD Les Tilleuls"),
        ("Il est suivi au CMPP Françoise-Dolto depuis un an.", "CMPP Françoise-Dolto"),
        ("Elle travaille à la crèche Les Petits Loups.", "crèche Les Petits Loups"),
        ("Il est accueilli à l'EHPAD « Le Clos fleuri ».", "EHPAD « Le Clos fleuri »"),
        ("Elle loge au centre social La Passerelle.", "centre social La Passerelle"),
    ],
)
def test_lieux_et_etablissements_nommes(texte: str, attendu: str) -> None:
    assert ("lieu", attendu) in trouves(texte)


# --- each family of decoys ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "texte",
    [
        # Generic institutions and places.
        "La CAF, le CCAS, le conseil départemental, l'école, l'ASE et la MDPH ont été informés.",
        "L'éducatrice de la MECS et le foyer départemental ont été associés, ainsi que la PMI.",
        "France Travail et la Mission locale ont reçu le jeune homme.",
        "Le tribunal judiciaire de Créteil et le centre hospitalier de Valence ont été saisis.",
        "Le CMPP de Vienne et l'hôpital de Vienne suivent l'enfant.",
        "Madame la Présidente, Monsieur le Maire, M. le Préfet et Mme la Directrice de l'ARS.",
        "Madame La Présidente du conseil départemental a répondu.",
        "Nous avons rencontré la famille d'accueil et la famille élargie.",
        # Territories.
        "Le Val-de-Marne, la Seine-Saint-Denis et la commune de Saint-Firmin sont concernés.",
        "Le comité s'est réuni à Lyon, à Paris et à Marseille en 2025.",
        # Articles and laws.
        "Voir l'article L. 226-2-2 du code de l'action sociale et des familles et l'art. R. 1110-1.",
        "L'article 226-13 du code pénal et l'article 375 du code civil.",
        "La loi du 5 mars 2007 et la loi n° 2016-297 du 14 mars 2016 s'appliquent.",
        # Amounts and numbers.
        "La famille perçoit 1 250 € par mois, soit 15 000 euros par an, et 560 euros d'APL.",
        "Le SIRET de l'association est 452 336 781 00024, son dossier n° 2025-0045.",
        "Appeler le 3919, le 119 ou le 115 ; allocataire CAF 1234567.",
        "La réunion du 12/03/2026 à 14 h 30 réunira 25 personnes, soit 30 % des membres.",
        "La séance du 18 juin 2026 examinera la saisine SAI-2025-004.",
        # Ages are not dates of birth.
        "L'enfant est âgée de 14 ans et sa sœur a 16 ans.",
        # Placeholders of an anonymised text.
        "Monsieur X et Madame Y sont les parents de Z ; Mme X. a été reçue.",
        # Common words that are also directory surnames or capitalised at a sentence start.
        "Le petit garçon a un pull blanc et boit à la fontaine.",
        "Pendant les vacances de Noël, à Pâques et à la Toussaint ; lundi et mardi.",
    ],
)
def test_leurres_non_signales(texte: str) -> None:
    assert trouves(texte, [("Grégoire", "Blanc"), ("Élodie", "Fontaine"), ("Claire", "Petit")]) == []


# --- the contract of the API -------------------------------------------------------------------------------------


def test_constats_tries_sans_chevauchement_et_extraits_exacts() -> None:
    texte = (
        "M. Ahmed Belkacem, né le 1er avril 1979, vit au 5 rue Victor-Hugo ; courriel a.belkacem@free.fr, "
        "tél. 06 12 34 56 78, NIR 1 79 04 75 112 345 %s. Il est suivi au CMPP Françoise-Dolto."
    )
    from stdnum.fr import nir

    texte %= nir.calc_check_digits("1790475112345")
    constats = detecter(texte)
    assert [c.type for c in constats] == ["nom", "date_naissance", "adresse", "courriel", "telephone", "nir", "lieu"]
    assert all(c.extrait == texte[c.debut : c.fin] for c in constats)
    assert all(a.fin <= b.debut for a, b in itertools.pairwise(constats))
    assert all(isinstance(c, Constat) and c.type in TYPES for c in constats)


def test_l_adresse_l_emporte_sur_le_prenom_de_la_rue() -> None:
    assert trouves("Elle vit 5 rue Victor-Hugo.") == [("adresse", "5 rue Victor-Hugo")]


def test_texte_vide_et_texte_sans_rien() -> None:
    assert detecter("") == []
    assert detecter("Quels repères éthiques proposer aux professionnels ?") == []


def test_les_libelles_sont_en_francais() -> None:
    assert TYPES["nir"] == "Numéro de sécurité sociale"
    assert set(TYPES) == {"nom", "date_naissance", "telephone", "courriel", "nir", "adresse", "lieu"}


def test_importer_le_module_ne_charge_pas_les_bibliotheques() -> None:
    code = (
        "import sys; import app.services.anonymat; "
        "print(sorted(m for m in ('phonenumbers', 'stdnum', 'sqlalchemy') if m in sys.modules))"
    )
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert sortie.stdout.strip() == "[]"


def test_precharger_est_idempotent_et_sur_entre_fils() -> None:
    erreurs: list[BaseException] = []

    def charger() -> None:
        try:
            precharger()
        except BaseException as erreur:  # reported to the main thread
            erreurs.append(erreur)

    fils = [threading.Thread(target=charger) for _ in range(4)]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    precharger()
    assert erreurs == []
    assert anonymat.detecter("Kevin") == [Constat(0, 5, "nom", "Kevin")]


def test_noms_de_l_annuaire_lus_dans_la_base(base: db.BaseDeDonnees) -> None:
    with base.session_scope() as session:
        f = Fabrique(session)
        f.personne("Le Goff", "Hélène")
        f.personne("Benaïssa", "Karim")
    with base.session_scope() as session:
        noms = noms_de_l_annuaire(session)
    assert noms == [("Karim", "Benaïssa"), ("Hélène", "Le Goff")]
    assert trouves("Selon Le Goff, il faut attendre.", noms) == [("nom", "Le Goff")]
