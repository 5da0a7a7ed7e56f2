"""Every faulty workbook of the corpus is refused where it should be, and leaves the base byte for byte as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import db
from app.services.import_classeur import ImportRefuse, importer_classeur
from tests.services.corpus_import import CAS, CasFautif


def test_le_corpus_compte_assez_de_cas() -> None:
    assert len(CAS) >= 32
    assert len({c.nom for c in CAS}) == len(CAS)


def test_la_reference_s_importe(corpus_import: dict[str, Path], chemin_base: Path) -> None:
    base = db.ouvrir(chemin_base)
    try:
        rapport = importer_classeur(base, corpus_import["reference"])
    finally:
        base.fermer()
    assert rapport.valide and not rapport.avertissements
    assert rapport.crees == {
        "comité": 1,
        "collèges": 3,
        "instances": 3,
        "structures": 3,
        "personnes": 7,
        "mandats": 9,
        "séances": 3,
        "présences": 8,
    }


@pytest.mark.parametrize("cas", CAS, ids=lambda c: c.nom)
def test_cas_fautif_refuse_sans_toucher_la_base(
    cas: CasFautif, corpus_import: dict[str, Path], chemin_base: Path
) -> None:
    base = db.ouvrir(chemin_base)
    base.fermer()
    avant = chemin_base.read_bytes()

    base = db.ouvrir(chemin_base)
    try:
        with pytest.raises(ImportRefuse) as refus:
            importer_classeur(base, corpus_import[cas.nom])
    finally:
        base.fermer()

    assert chemin_base.read_bytes() == avant
    rapport = refus.value.rapport
    assert not rapport.valide
    assert refus.value.message == f"Import refusé : {len(rapport.erreurs)} erreur(s)."
    lieux = [(e.feuille, e.ligne, e.colonne) for e in rapport.erreurs]
    attendu = (cas.feuille, cas.ligne, cas.colonne)
    assert attendu in lieux, "\n".join(map(str, rapport.erreurs))
    erreur = rapport.erreurs[lieux.index(attendu)]
    assert cas.fragment in erreur.motif, str(erreur)
    if cas.seule:
        assert len(rapport.erreurs) == 1, "\n".join(map(str, rapport.erreurs))
    assert str(erreur)  # one French line
    assert "\n" not in str(erreur)
