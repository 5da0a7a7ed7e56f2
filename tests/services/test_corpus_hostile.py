"""Hostile and broken files (issue 7, item 4): each answered by its French message, no traceback, no write.

Workbooks go through `importer_classeur`; files handed over as a base through `db.ouvrir` and through the
restore check of `app/services/sauvegardes.py`. The corpus and its expected messages: `tests/corpus_hostile.py`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import db
from app.erreurs import ErreurConnue
from app.services import sauvegardes
from app.services.import_classeur import ImportRefuse, importer_classeur
from app.services.import_lecture import COLONNES_MAX, LIGNES_MAX, TAILLE_DEPLIEE_MAX, TAILLE_MAX, lire_classeur
from tests.corpus_hostile import (
    CAS_BASES,
    CAS_CLASSEURS,
    CasBase,
    CasClasseur,
    bases_de_session,
    classeurs_de_session,
)
from tests.services.corpus_import import CAS as CAS_IMPORT


@pytest.fixture(scope="session")
def classeurs_hostiles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return classeurs_de_session(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="session")
def bases_hostiles(tmp_path_factory: pytest.TempPathFactory, _demo_modele: Path) -> dict[str, Path]:
    return bases_de_session(tmp_path_factory.getbasetemp(), _demo_modele)


def _contenu(dossier: Path) -> dict[str, bytes | None]:
    """What a folder holds, byte for byte (None for a sub-folder): compared before and after."""
    return {p.name: (p.read_bytes() if p.is_file() else None) for p in sorted(dossier.iterdir())}


def test_le_corpus_hostile_compte_assez_de_cas() -> None:
    noms = [c.nom for c in CAS_CLASSEURS] + [c.nom for c in CAS_BASES]
    assert len(noms) == len(set(noms))
    assert len(CAS_CLASSEURS) + len(CAS_BASES) >= 15
    assert len(CAS_IMPORT) + 1 + len(CAS_CLASSEURS) + len(CAS_BASES) >= 50  # with the import corpus
    # Every kind the issue names is there.
    attendus = {
        "classeur_de_20_mo",
        "cent_mille_lignes",
        "macros_xlsm",
        "chiffre_par_excel",
        "xml_de_feuille_malforme",
        "repertoire_zip_coupe",
        "bombe_zip_declaree",
        "bombe_zip_menteuse",
        "ods_renomme",
        "page_web_renommee",
        "dossier_nomme_xlsx",
        "texte",
        "pdf",
        "que_des_zeros",
        "sqlite_d_un_autre_programme",
        "sauvegarde_tronquee",
        "schema_plus_recent",
        "zero_octet",
        "page_du_milieu_cassee",
    }
    assert attendus <= set(noms)


def _inflation(chemin: Path) -> int:
    """Bytes the largest stream of the archive inflates to, counted in 1 MiB steps up to just past the limit."""
    import struct
    import zlib

    octets = chemin.read_bytes()
    plus_grand = 0
    position = 0
    while octets[position : position + 4] == b"PK\x03\x04":
        taille, longueur_nom, longueur_extra = struct.unpack(
            "<L2H", octets[position + 18 : position + 22] + octets[position + 26 : position + 30]
        )
        debut = position + 30 + longueur_nom + longueur_extra
        inflateur, produit = zlib.decompressobj(-15), 0
        reste = octets[debut : debut + taille]
        while reste and produit <= TAILLE_DEPLIEE_MAX and not inflateur.eof:
            produit += len(inflateur.decompress(reste, 1024 * 1024))
            reste = inflateur.unconsumed_tail
        plus_grand = max(plus_grand, produit)
        position = debut + taille
    return plus_grand


def test_les_gros_cas_le_sont_vraiment(classeurs_hostiles: dict[str, Path]) -> None:
    """The corpus does test the limits: sizes and counts beyond them (a generator bug would hide it)."""
    import zipfile

    assert classeurs_hostiles["classeur_de_20_mo"].stat().st_size >= 20 * 1024 * 1024 > TAILLE_MAX
    with zipfile.ZipFile(classeurs_hostiles["bombe_zip_declaree"]) as archive:
        assert sum(i.file_size for i in archive.infolist()) > TAILLE_DEPLIEE_MAX
    assert classeurs_hostiles["bombe_zip_declaree"].stat().st_size < 2 * 1024 * 1024
    # And the bombs are real: their stream does inflate past the limit (checked in steps, up to it).
    for nom in ("bombe_zip_declaree", "bombe_zip_menteuse"):
        assert _inflation(classeurs_hostiles[nom]) > TAILLE_DEPLIEE_MAX
    with zipfile.ZipFile(classeurs_hostiles["cent_mille_lignes"]) as archive:
        feuille = archive.read("xl/worksheets/sheet2.xml")
    assert feuille.count(b"<row ") == 100_001 > LIGNES_MAX
    assert COLONNES_MAX < 16_384


@pytest.mark.parametrize("cas", CAS_CLASSEURS, ids=lambda c: c.nom)
def test_classeur_hostile_refuse_sans_rien_ecrire(
    cas: CasClasseur, classeurs_hostiles: dict[str, Path], chemin_base: Path
) -> None:
    classeur = classeurs_hostiles[cas.nom]
    dossier_base, dossier_classeur = _contenu(chemin_base.parent), _contenu(classeur.parent)

    base = db.ouvrir(chemin_base)
    try:
        with pytest.raises(ImportRefuse) as refus:
            importer_classeur(base, classeur)
    finally:
        base.fermer()

    erreurs = refus.value.rapport.erreurs
    assert len(erreurs) == 1, "\n".join(map(str, erreurs))
    erreur = erreurs[0]
    assert (erreur.feuille, erreur.ligne, erreur.colonne) == ("", None, None)
    assert cas.fragment in erreur.motif, erreur.motif
    assert f"« {classeur.name} »" in erreur.motif  # the message names the file
    assert "\n" not in str(erreur) and not str(erreur)[0].islower()
    assert not refus.value.rapport.avertissements
    assert _contenu(chemin_base.parent) == dossier_base  # base byte for byte, and nothing beside it
    assert _contenu(classeur.parent) == dossier_classeur


def test_la_reference_passe_toujours_les_gardes(corpus_import: dict[str, Path], chemin_base: Path) -> None:
    """The guards refuse nothing a committee writes: the reference, at its size, still imports."""
    base = db.ouvrir(chemin_base)
    try:
        assert importer_classeur(base, corpus_import["reference"], simulation=True).valide
    finally:
        base.fermer()


# --- Files handed over as a base -------------------------------------------------------------------------


def _refus(action: Callable[[], object], fragment: str, famille: type[ErreurConnue] = ErreurConnue) -> str:
    with pytest.raises(famille) as refus:
        action()
    message = refus.value.message
    assert fragment in message, message
    assert "\n" not in message
    return message


@pytest.mark.parametrize("cas", CAS_BASES, ids=lambda c: c.nom)
def test_base_hostile_refusee_a_l_ouverture_sans_rien_ecrire(
    cas: CasBase, bases_hostiles: dict[str, Path], tmp_path: Path
) -> None:
    # A copy per test: a read-write opening of an empty file creates a base in it (by design).
    fichier = tmp_path / "hostile" / bases_hostiles[cas.nom].name
    fichier.parent.mkdir()
    if bases_hostiles[cas.nom].is_dir():
        fichier.mkdir()
    else:
        shutil.copyfile(bases_hostiles[cas.nom], fichier)
    avant = _contenu(fichier.parent)

    if cas.dommage_profond:
        # Opening does not read that far; the integrity check does, and nothing was written.
        ouverte = db.ouvrir(fichier, lecture_seule=True)
        ouverte.fermer()
        assert not db.verifier_integrite(fichier).saine
        assert _contenu(fichier.parent) == avant
        return
    _refus(lambda: db.ouvrir(fichier, lecture_seule=True), cas.fragment, db.ErreurBase)
    assert _contenu(fichier.parent) == avant
    if cas.nouvelle_en_ecriture:
        return
    message = _refus(lambda: db.ouvrir(fichier), cas.fragment, db.ErreurBase)
    assert str(fichier) in message  # names the file
    assert _contenu(fichier.parent) == avant  # no copy, no -wal, no migration


@pytest.mark.parametrize("cas", CAS_BASES, ids=lambda c: c.nom)
def test_base_hostile_refusee_a_la_restauration(
    cas: CasBase, bases_hostiles: dict[str, Path], chemin_base: Path
) -> None:
    fichier = bases_hostiles[cas.nom]
    avant_fichier = fichier.read_bytes() if fichier.is_file() else None
    avant_base = _contenu(chemin_base.parent)

    message = _refus(
        lambda: sauvegardes.controler_sauvegarde(fichier), cas.fragment_sauvegarde, sauvegardes.SauvegardeRefusee
    )
    assert str(fichier) in message
    _refus(lambda: sauvegardes.restaurer(chemin_base, fichier), cas.fragment_sauvegarde, sauvegardes.SauvegardeRefusee)

    assert _contenu(chemin_base.parent) == avant_base  # the base untouched, no copy set aside
    assert (fichier.read_bytes() if fichier.is_file() else None) == avant_fichier
    assert not any(p.name.endswith(("-wal", "-shm")) for p in fichier.parent.iterdir())


def test_une_vraie_base_passe_le_controle(chemin_base: Path) -> None:
    """The restore check is not refusing everything: the real base the broken ones are cut from passes."""
    assert sauvegardes.controler_sauvegarde(chemin_base) == db.examiner(chemin_base).revision
    assert os.path.getsize(chemin_base) > 0


# --- Anything else: a workbook damaged at random ------------------------------------------------------------


@settings(max_examples=60)
@given(donnees=st.data())
def test_un_classeur_abime_au_hasard_est_refuse_ou_lu_sans_planter(
    donnees: st.DataObject, corpus_import: dict[str, Path], tmp_path: Path
) -> None:
    octets = bytearray(corpus_import["reference"].read_bytes())
    for _ in range(donnees.draw(st.integers(1, 8), label="octets changés")):
        octets[donnees.draw(st.integers(0, len(octets) - 1))] = donnees.draw(st.integers(0, 255))
    longueur = donnees.draw(st.sampled_from([len(octets), donnees.draw(st.integers(1, len(octets)))]), label="coupé à")
    chemin = tmp_path / "abime.xlsx"
    chemin.write_bytes(bytes(octets[:longueur]))

    lecture = lire_classeur(chemin)  # never raises: whatever the damage, a report

    for erreur in lecture.erreurs:
        assert str(erreur) and "\n" not in str(erreur)
    if any(not e.feuille for e in lecture.erreurs):
        assert len(lecture.erreurs) == 1 and not lecture.feuilles  # the file refused as a whole, nothing read
