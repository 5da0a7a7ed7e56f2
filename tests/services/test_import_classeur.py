"""Importing a workbook: what lands in the base, all-or-nothing, idempotence, simulation, cross-checks."""

from __future__ import annotations

import copy
import datetime as dt
import io
import itertools
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import db
from app.cli import main
from app.modeles import College, Comite, Instance, Journal, Mandat, Personne, Presence, Seance, Structure
from app.modeles.enumerations import (
    CategorieCollege,
    EtatPresence,
    FormatSeance,
    ModePresidence,
    NatureComite,
    Partenariat,
    Qualite,
    Role,
    StatutSeance,
    TypeStructure,
    TypeTerritoire,
    Voix,
)
from app.services.import_classeur import (
    ErreurImport,
    ImportAnnule,
    ImportRefuse,
    RapportImport,
    analyser_classeur,
    importer_classeur,
)
from app.services.indicateurs import Periode, calculer
from tests.services.corpus_import import Donnees, classeur_reference, ecrire_classeur, mettre, octets_classeur

ENTITES = ("comité", "collèges", "instances", "structures", "personnes", "mandats", "séances", "présences")
RIEN = dict.fromkeys(ENTITES, 0)


def _importer(chemin_base: Path, classeur: Path, **options: object) -> RapportImport:
    base = db.ouvrir(chemin_base)
    try:
        return importer_classeur(base, classeur, **options)  # type: ignore[arg-type]
    finally:
        base.fermer()


def _refus(chemin_base: Path, classeur: Path) -> list[ErreurImport]:
    with pytest.raises(ImportRefuse) as refus:
        _importer(chemin_base, classeur)
    return refus.value.rapport.erreurs


def _lire(chemin_base: Path, lecture: Callable) -> object:  # type: ignore[type-arg]
    base = db.ouvrir(chemin_base)
    try:
        with base.session_scope() as session:
            return lecture(session)
    finally:
        base.fermer()


def _journal(chemin_base: Path) -> int:
    return int(_lire(chemin_base, lambda s: s.scalar(select(func.count()).select_from(Journal))))  # type: ignore[call-overload]


def _variante(tmp_path: Path, nom: str, modifier: Callable[[Donnees], None]) -> Path:
    donnees = copy.deepcopy(classeur_reference())
    modifier(donnees)
    return ecrire_classeur(donnees, tmp_path / f"{nom}.xlsx")


def test_ce_que_la_reference_met_dans_la_base(corpus_import: dict[str, Path], chemin_base: Path) -> None:
    _importer(chemin_base, corpus_import["reference"])
    base = db.ouvrir(chemin_base)
    try:
        with base.session_scope() as s:
            comite = s.scalars(select(Comite)).one()
            assert (comite.nom, comite.type_territoire, comite.territoire) == (
                "Comité local du travail social de la Drôme",
                TypeTerritoire.DEPARTEMENT,
                "Drôme",
            )
            assert comite.date_installation == dt.date(2025, 9, 1)
            assert (comite.nature, comite.mode_presidence) == (NatureComite.CREATION, ModePresidence.TOURNANTE)
            colleges = s.scalars(select(College).order_by(College.ordre)).all()
            assert [(c.nom, c.categorie, c.ordre) for c in colleges] == [
                ("Élus et décideurs", CategorieCollege.ELUS_DECIDEURS, 1),
                ("Travailleurs sociaux", CategorieCollege.TRAVAILLEURS_SOCIAUX, 2),
                ("Personnes accompagnées", CategorieCollege.PERSONNES_ACCOMPAGNEES, 3),
            ]
            instances = {i.nom: i for i in s.scalars(select(Instance))}
            bureau, ethique = instances["Bureau"], instances["Instance éthique"]
            assert (bureau.quorum_numerateur, bureau.quorum_denominateur, bureau.pouvoirs_comptes) == (2, 3, False)
            assert bureau.delai_convocation_jours == 3
            # Empty optional cells: the base's defaults.
            assert (ethique.quorum_numerateur, ethique.quorum_denominateur, ethique.pouvoirs_comptes) == (1, 2, True)
            assert ethique.delai_convocation_jours == 5
            structures = {x.nom: x for x in s.scalars(select(Structure))}
            ccas = structures["CCAS de Valence"]
            assert (ccas.type, ccas.partenariat, ccas.lettre_engagement_le) == (
                TypeStructure.CCAS_CIAS,
                Partenariat.NOUVEAU,
                dt.date(2025, 8, 20),
            )
            assert structures["Conseil départemental de la Drôme"].lettre_engagement_le == dt.date(2025, 9, 1)
            personnes = {p.prenom: p for p in s.scalars(select(Personne))}
            helene = personnes["Hélène"]
            # Her second row leaves Structure and Fonction empty: the first row's values stand.
            assert helene.structure_id == structures["Conseil départemental de la Drôme"].id
            assert helene.fonction == "Vice-présidente du département"
            mandats = {(m.personne.prenom, m.instance.nom): m for m in s.scalars(select(Mandat))}
            bruno, anne = mandats[("Bruno", "Plénière")], mandats[("Anne", "Plénière")]
            assert bruno.qualite is Qualite.SUPPLEANT and bruno.titulaire_id == anne.id
            paul = mandats[("Paul", "Plénière")]
            assert (paul.voix, paul.role) == (Voix.CONSULTATIVE, Role.INVITE_PERMANENT)
            chloe = mandats[("Chloé", "Plénière")]
            assert (chloe.voix, chloe.role, chloe.fin) == (Voix.DELIBERATIVE, Role.MEMBRE, None)
            assert mandats[("Éva", "Plénière")].fin == dt.date(2026, 12, 31)
            assert mandats[("Anne", "Bureau")].role is Role.SECRETARIAT
            seances = {x.reference: x for x in s.scalars(select(Seance))}
            bu, pl = seances["BU-2025-01"], seances["PL-2026-01"]
            assert (bu.lien_visio, bu.lieu, bu.format, bu.statut) == (
                "https://visio.example.org/bureau",
                "",
                FormatSeance.VISIO,
                StatutSeance.TENUE,
            )
            assert (pl.statut, pl.format, pl.heure_debut, pl.heure_fin) == (
                StatutSeance.PLANIFIEE,
                FormatSeance.MIXTE,
                dt.time(9, 30),
                dt.time(12, 0),
            )
            presences = {(p.seance.reference, p.personne.prenom): p for p in s.scalars(select(Presence))}
            assert presences[("PL-2025-01", "Anne")].pouvoir_a_id == helene.id
            assert presences[("PL-2025-01", "Éva")].etat is EtatPresence.REPRESENTE
            assert presences[("BU-2025-01", "Anne")].etat is EtatPresence.PRESENT
            pleniere = calculer(s, Periode())["seances"][0]
    finally:
        base.fermer()
    # 4 expected (Paul is consultative); Anne is suppléée by Bruno before her proxy counts; Éva's proxy is void.
    assert pleniere["reference"] == "PL-2025-01"
    assert [pleniere[k] for k in ("attendus", "presents", "supplees", "representes", "excuses", "absents")] == [
        4, 1, 1, 0, 2, 0,
    ]  # fmt: skip


def test_un_second_import_identique_ne_change_rien(corpus_import: dict[str, Path], chemin_base: Path) -> None:
    premier = _importer(chemin_base, corpus_import["reference"])
    assert sum(premier.crees.values()) == 37
    lignes_journal = _journal(chemin_base)
    assert lignes_journal >= 37
    second = _importer(chemin_base, corpus_import["reference"])
    assert second.crees == RIEN and second.modifies == RIEN
    assert _journal(chemin_base) == lignes_journal


def test_la_simulation_n_ecrit_rien(corpus_import: dict[str, Path], chemin_base: Path) -> None:
    base = db.ouvrir(chemin_base)
    base.fermer()
    avant = chemin_base.read_bytes()
    simulation = _importer(chemin_base, corpus_import["reference"], simulation=True)
    assert chemin_base.read_bytes() == avant
    assert simulation.simulation and simulation.valide
    reel = _importer(chemin_base, corpus_import["reference"])
    assert simulation.crees == reel.crees and not reel.simulation


def test_simulation_puis_import_d_une_modification(
    corpus_import: dict[str, Path], chemin_base: Path, tmp_path: Path
) -> None:
    _importer(chemin_base, corpus_import["reference"])
    lignes_journal = _journal(chemin_base)
    modifie = _variante(tmp_path, "chloe_presente", lambda d: mettre(d, "Présences", 5, "État", "présente"))
    base = db.ouvrir(chemin_base)
    base.fermer()
    avant = chemin_base.read_bytes()
    simulation = _importer(chemin_base, modifie, simulation=True)
    assert chemin_base.read_bytes() == avant
    assert simulation.modifies == {**RIEN, "présences": 1} and simulation.crees == RIEN
    reel = _importer(chemin_base, modifie)
    assert reel.modifies == {**RIEN, "présences": 1}
    assert _journal(chemin_base) == lignes_journal + 1
    etat = _lire(
        chemin_base,
        lambda s: s.scalar(
            select(Presence.etat).join(Personne, Personne.id == Presence.personne_id).where(Personne.prenom == "Chloé")
        ),
    )
    assert etat is EtatPresence.PRESENT


def test_toutes_les_erreurs_en_une_fois_dans_l_ordre_du_classeur(chemin_base: Path, tmp_path: Path) -> None:
    def fautes(d: Donnees) -> None:
        mettre(d, "Présences", 4, "État", "peut-être")
        mettre(d, "Membres", 4, "Début", "31/02/2026")
        mettre(d, "Membres", 2, "Voix", "aucune")
        mettre(d, "Membres", 3, "Courriel", "anne.martin@")  # the member's form would refuse it too
        mettre(d, "Instances", 3, "Quorum", "deux tiers")
        mettre(d, "Séances", 2, "Fin", "25h")

    erreurs = _refus(chemin_base, _variante(tmp_path, "fautes", fautes))
    assert [(e.feuille, e.ligne, e.colonne) for e in erreurs] == [
        ("Instances", 3, "Quorum"),
        ("Membres", 2, "Voix"),
        ("Membres", 3, "Courriel"),
        ("Membres", 4, "Début"),
        ("Séances", 2, "Fin"),
        ("Présences", 4, "État"),
    ]
    assert _lire(chemin_base, lambda s: s.scalar(select(func.count()).select_from(Personne))) == 0


def test_colonnes_d_une_personne_differentes_selon_les_lignes(chemin_base: Path, tmp_path: Path) -> None:
    def deux_fonctions(d: Donnees) -> None:
        mettre(d, "Membres", 8, "Fonction", "Assistante sociale")
        mettre(d, "Membres", 8, "Courriel", "ANNE.MARTIN@example.org")  # same address, other case: no warning

    rapport = _importer(chemin_base, _variante(tmp_path, "deux_fonctions", deux_fonctions))
    assert len(rapport.avertissements) == 1
    avertissement = rapport.avertissements[0]
    assert "Anne Martin" in avertissement and "« Fonction »" in avertissement and "(3, 8)" in avertissement
    assert "« Assistante sociale »" in avertissement
    fonction = _lire(chemin_base, lambda s: s.scalar(select(Personne.fonction).where(Personne.prenom == "Anne")))
    assert fonction == "Assistante sociale"  # the last row wins


def _seulement(presences: list[list[object]]) -> Donnees:
    reference = classeur_reference()
    return {"Membres": [reference["Membres"][0]], "Présences": [reference["Présences"][0], *presences]}


def test_presences_pour_une_seance_et_des_personnes_deja_dans_la_base(
    corpus_import: dict[str, Path], chemin_base: Path, tmp_path: Path
) -> None:
    _importer(chemin_base, corpus_import["reference"])
    bon = _seulement(
        [
            ["PL-2026-01", "Roux", "Hélène", "présente", None],
            ["pl-2026-01", "MARTIN", "anne", "représentée", "helene roux"],
        ]
    )
    rapport = _importer(chemin_base, ecrire_classeur(bon, tmp_path / "bon.xlsx"))
    assert rapport.crees == {**RIEN, "présences": 2}
    # Chloé's proxy to Hélène clashes with Anne's, already in the base...
    second = _seulement([["PL-2026-01", "Durand", "Chloé", "représenté", "Hélène Roux"]])
    erreurs = _refus(chemin_base, ecrire_classeur(second, tmp_path / "second.xlsx"))
    assert [(e.feuille, e.ligne, e.colonne) for e in erreurs] == [("Présences", 2, "Pouvoir à")]
    assert "déjà enregistré dans la base" in erreurs[0].motif
    # ... unless the same workbook takes Anne's proxy back.
    repris = _seulement(
        [
            ["PL-2026-01", "Durand", "Chloé", "représenté", "Hélène Roux"],
            ["PL-2026-01", "Martin", "Anne", "excusée", None],
        ]
    )
    rapport = _importer(chemin_base, ecrire_classeur(repris, tmp_path / "repris.xlsx"))
    assert rapport.crees == {**RIEN, "présences": 1} and rapport.modifies == {**RIEN, "présences": 1}


def test_pouvoirs_echanges_entre_deux_imports(
    corpus_import: dict[str, Path], chemin_base: Path, tmp_path: Path
) -> None:
    """Anne → Hélène and Éva → Paul become Anne → Paul and Éva → Hélène: no moment with two proxies on one holder."""
    _importer(chemin_base, corpus_import["reference"])

    def echange(d: Donnees) -> None:
        mettre(d, "Présences", 3, "Pouvoir à", "Paul Garnier")
        mettre(d, "Présences", 6, "Pouvoir à", "Hélène Roux")

    rapport = _importer(chemin_base, _variante(tmp_path, "echange", echange))
    assert rapport.modifies == {**RIEN, "présences": 2}
    porteurs = _lire(
        chemin_base,
        lambda s: {
            p.personne.prenom: p.pouvoir_a.prenom for p in s.scalars(select(Presence)) if p.pouvoir_a is not None
        },
    )
    assert porteurs == {"Anne": "Paul", "Éva": "Hélène"}


def test_feuilles_avec_seulement_les_entetes_et_noms_de_feuilles_libres(chemin_base: Path, tmp_path: Path) -> None:
    reference = classeur_reference()
    donnees = {
        " membres ": [reference["Membres"][0]],
        "PRESENCES": [reference["Présences"][0]],
        "Notes": [["Ce classeur sert d'essai."]],
    }
    rapport = _importer(chemin_base, ecrire_classeur(donnees, tmp_path / "entetes.xlsx"))
    assert rapport.valide and rapport.crees == RIEN
    assert rapport.avertissements == ["Feuille « Notes » ignorée (nom non reconnu)."]


def test_entetes_ecrits_librement(chemin_base: Path, tmp_path: Path) -> None:
    def entetes(d: Donnees) -> None:
        d["Membres"][0] = [
            "NOM", " prenom ", "structure", "fonction", "courriel", "college", "instance", "qualite",
            "Suppleant_de", "ROLE", "debut", "fin", "voix",
        ]  # fmt: skip
        d["Instances"][0] = ["nom", "type", "quorum", "pouvoirs-comptés", "délai de  convocation"]
        d["Structures"][0] = ["Nom", "Type", "Partenariat", "Lettre d’engagement"]

    assert _importer(chemin_base, _variante(tmp_path, "entetes", entetes)).valide


def test_annulation_ne_laisse_rien(corpus_import: dict[str, Path], chemin_base: Path) -> None:
    base = db.ouvrir(chemin_base)
    base.fermer()
    avant = chemin_base.read_bytes()
    appels = iter(range(100))
    with pytest.raises(ImportAnnule, match="rien n'a été écrit"):
        # Cancelled after the checks, in the middle of the writing.
        _importer(chemin_base, corpus_import["reference"], annule=lambda: next(appels) >= 3)
    assert chemin_base.read_bytes() == avant


@pytest.fixture(scope="module")
def classeur_realiste(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ecrire_classeur(_comite_realiste(random.Random(7)), tmp_path_factory.mktemp("realiste") / "realiste.xlsx")


def test_progression(chemin_base: Path, classeur_realiste: Path) -> None:
    classeur = classeur_realiste
    etapes: list[tuple[int, int]] = []
    _importer(chemin_base, classeur, progression=lambda fait, total: etapes.append((fait, total)))
    total = etapes[0][1]
    assert etapes[0] == (0, total) and etapes[-1] == (total, total)
    assert len(etapes) > 10
    assert all(a[0] <= b[0] and a[1] == b[1] for a, b in itertools.pairwise(etapes))


def _comite_realiste(hasard: random.Random) -> Donnees:
    """60 persons, 100 mandates (suppléants included), 100 held meetings, 2,000 attendance rows with proxies."""
    entetes = classeur_reference()
    colleges = [[f"Collège {c.libelle}", c.value] for c in CategorieCollege]
    noms_instances = ["Plénière", "Bureau", "Groupe 1", "Groupe 2", "Groupe 3", "Groupe 4"]
    instances = [
        [nom, "groupe_travail" if nom.startswith("Groupe") else nom, "1/2", "oui", 5] for nom in noms_instances
    ]
    structures = [[f"Structure {i}", "association", "existant", None] for i in range(40)]
    personnes = [(f"Nom{i:02d}", f"Prénom{i:02d}") for i in range(60)]
    membres_par_instance: dict[str, list[int]] = {nom: [] for nom in noms_instances}
    membres = []

    def mandat(i: int, instance: str, qualite: str = "titulaire", suppleant_de: str | None = None) -> None:
        nom, prenom = personnes[i]
        membres_par_instance[instance].append(i)
        membres.append(
            [nom, prenom, f"Structure {i % 40}", "Fonction", f"p{i}@example.org", colleges[i % 7][0], instance,
             qualite, suppleant_de, "membre", "01/01/2024", None, "délibérative"]
        )  # fmt: skip

    for i in range(40):
        mandat(i, "Plénière")
    for i in range(40, 60):
        titulaire = personnes[i - 40]
        mandat(i, "Plénière", "suppléant", f"{titulaire[1]} {titulaire[0]}")
    for i in range(10):
        mandat(i, "Bureau")
    for i in range(10, 40):
        mandat(i, f"Groupe {1 + i % 4}")
    seances, presences = [], []
    etats = ["présent", "présent", "visio", "excusé", "absent"]
    for n in range(100):
        instance = noms_instances[n % 6]
        reference = f"S-{n:03d}"
        jour = dt.date(2024, 2, 1) + dt.timedelta(days=3 * n)
        seances.append([reference, instance, jour, "14:00", "16:00", "Salle du conseil", None, "tenue"])
        inscrits = membres_par_instance[instance]
        invites = [] if instance in ("Plénière", "Bureau") else list(range(50, 56))
        for i in inscrits + invites:
            nom, prenom = personnes[i]
            if instance == "Plénière" and i < 20 and i % 4 == 0:
                porteur = personnes[i + 20]
                presences.append([reference, nom, prenom, "représenté", f"{porteur[1]} {porteur[0]}"])
            else:
                presences.append([reference, nom, prenom, hasard.choice(etats), None])
    return {
        "Collèges": [entetes["Collèges"][0], *colleges],
        "Instances": [entetes["Instances"][0], *instances],
        "Structures": [entetes["Structures"][0], *structures],
        "Membres": [entetes["Membres"][0], *membres],
        "Séances": [entetes["Séances"][0], *seances],
        "Présences": [entetes["Présences"][0], *presences[:2000]],
    }


def test_un_comite_realiste_s_importe_puis_ne_change_plus(chemin_base: Path, classeur_realiste: Path) -> None:
    # Correctness only: timings belong in benchmarks/, where a loaded CI machine cannot make them flaky.
    donnees = _comite_realiste(random.Random(7))
    assert len(donnees["Membres"]) == 101 and len(donnees["Séances"]) == 101
    assert len(donnees["Présences"]) == 2001
    classeur = classeur_realiste
    base = db.ouvrir(chemin_base)
    try:
        rapport = importer_classeur(base, classeur)
        assert rapport.crees["présences"] == len(donnees["Présences"]) - 1
        second = importer_classeur(base, classeur)
    finally:
        base.fermer()
    assert second.crees == RIEN and second.modifies == RIEN


def _texte(valeur: object) -> object:
    if isinstance(valeur, dt.date):
        return f"{valeur:%d/%m/%Y}"
    if isinstance(valeur, dt.time):
        return f"{valeur:%H:%M}"
    return valeur


def test_les_avertissements_d_openpyxl_ne_s_echappent_pas(chemin_base: Path, tmp_path: Path) -> None:
    """A workbook without a stylesheet makes openpyxl warn; with warnings as errors the import still passes."""
    # Without styles no cell is a date: the reference with its dates and times as text.
    en_texte = {
        feuille: [[_texte(v) for v in ligne] for ligne in lignes] for feuille, lignes in classeur_reference().items()
    }
    source = zipfile.ZipFile(io.BytesIO(octets_classeur(en_texte)))
    sans_styles = tmp_path / "sans_styles.xlsx"
    with zipfile.ZipFile(sans_styles, "w") as cible:
        for element in source.infolist():
            if element.filename != "xl/styles.xml":
                cible.writestr(element, source.read(element.filename))
    assert _importer(chemin_base, sans_styles).valide


def test_fichiers_introuvable_et_dossier(tmp_path: Path) -> None:
    _lu, erreurs = analyser_classeur(tmp_path / "absent.xlsx")
    assert [str(e) for e in erreurs] == ["Le fichier « absent.xlsx » est introuvable"]
    _lu, erreurs = analyser_classeur(tmp_path)
    assert len(erreurs) == 1 and "n'est pas un fichier" in erreurs[0].motif


def test_erreur_import_sur_une_ligne() -> None:
    erreur = ErreurImport("Membres", 4, "Début", "date invalide")
    assert str(erreur) == "Membres, ligne 4, colonne « Début » : date invalide"
    assert str(ErreurImport("Membres", 4, None, "même mandat")) == "Membres, ligne 4 : même mandat"
    assert str(ErreurImport("Membres", None, "Qualité", "absente")) == "Membres, colonne « Qualité » : absente"
    assert str(ErreurImport("Membres", None, None, "feuille absente")) == "Membres : feuille absente"
    assert str(ErreurImport("", None, None, "« x » est vide")) == "« x » est vide"
    assert str(ErreurImport("", None, None, "le fichier est vide")) == "Le fichier est vide"


def test_ligne_de_commande(
    corpus_import: dict[str, Path], chemin_base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--base", str(chemin_base), "importer", str(corpus_import["date_invalide"])]) == 1
    sortie = capsys.readouterr()
    assert sortie.err.splitlines() == [
        "Membres, ligne 4, colonne « Début » : date invalide « 31/02/2026 » (attendu JJ/MM/AAAA)",
        "Import refusé : 1 erreur(s).",
    ]
    assert main(["--base", str(chemin_base), "importer", str(corpus_import["reference"]), "--simulation"]) == 0
    assert "Simulation réussie" in capsys.readouterr().out
    assert main(["--base", str(chemin_base), "importer", str(corpus_import["reference"])]) == 0
    assert "Créés : 1 comité, 3 collèges" in capsys.readouterr().out


def test_suppleant_d_un_titulaire_deja_dans_la_base(
    corpus_import: dict[str, Path], chemin_base: Path, tmp_path: Path
) -> None:
    _importer(chemin_base, corpus_import["reference"])
    entete = classeur_reference()["Membres"][0]
    ligne = dict.fromkeys(entete)
    ligne |= {"Nom": "Blanc", "Prénom": "Inès", "Collège": "personnes accompagnees", "Instance": "pleniere"}
    ligne |= {"Qualité": "suppléante", "Suppléant de": "CHLOÉ DURAND", "Début": "01/01/2026"}
    donnees = {"Membres": [entete, [ligne[c] for c in entete]]}
    rapport = _importer(chemin_base, ecrire_classeur(donnees, tmp_path / "suppleante.xlsx"))
    assert rapport.crees == {**RIEN, "personnes": 1, "mandats": 1}

    def titulaire(s: Session) -> str:
        mandat = s.scalars(select(Mandat).join(Personne).where(Personne.nom == "Blanc")).one()
        assert mandat.titulaire is not None
        return mandat.titulaire.personne.nom

    assert _lire(chemin_base, titulaire) == "Durand"


def test_noms_ambigus_dans_la_base(corpus_import: dict[str, Path], chemin_base: Path, tmp_path: Path) -> None:
    """Two persons of the base differ only by accents: a workbook naming them loosely must not pick one."""
    base = db.ouvrir(chemin_base)
    try:
        with base.session_scope() as s:
            s.add_all([Personne(nom="Lefèvre", prenom="Éva"), Personne(nom="Lefevre", prenom="Eva")])
    finally:
        base.fermer()
    _importer(chemin_base, _variante(tmp_path, "sans_eva", _sans_eva))
    donnees = _seulement([["PL-2025-01", "LEFEVRE", "eva", "représentée", "Bruno Petit"]])
    erreurs = _refus(chemin_base, ecrire_classeur(donnees, tmp_path / "ambigu.xlsx"))
    assert [(e.feuille, e.ligne, e.colonne) for e in erreurs] == [("Présences", 2, "Nom")]
    assert "plusieurs personnes" in erreurs[0].motif


def _sans_eva(d: Donnees) -> None:
    d["Membres"] = [ligne for ligne in d["Membres"] if ligne[1] != "Éva"]
    d["Présences"] = [ligne for ligne in d["Présences"] if ligne[2] != "Éva"]
