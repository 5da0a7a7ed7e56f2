"""The « Journal des modifications » page on a read-only demo base: the table reads page by page, filters and
search run in SQL, the detail shows the whole change, exports (xlsx, CSV) are written where asked, a cancelled
export leaves no file and a full disk says so. The table model alone, and under qtmodeltester."""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import insert

from app import db
from app.modeles import Journal
from app.modeles.enumerations import OperationJournal
from app.services import journal_lecture
from app.services.journal_lecture import FiltreJournal
from app.ui.contexte import Contexte
from app.ui.journal import export
from app.ui.journal.modele import ROLE_ENTREE, ModeleJournal
from app.ui.pages.journal import PageJournal, compte_entrees


@pytest.fixture
def lecture_seule(demo: Path):
    ouverte = db.ouvrir(demo, lecture_seule=True)
    yield ouverte
    ouverte.fermer()


@pytest.fixture
def page(qtbot, lecture_seule) -> PageJournal:
    resultat = PageJournal(Contexte(lecture_seule))
    qtbot.addWidget(resultat)
    resultat.resize(1280, 720)
    resultat.show()
    return resultat


def _remplir(base: db.BaseDeDonnees, nombre: int) -> None:
    with base.session_scope() as s:
        s.execute(
            insert(Journal),
            [
                {
                    "horodatage": dt.datetime(2026, 1, 1) + dt.timedelta(minutes=n),
                    "utilisateur": "anne",
                    "entite": "College",
                    "entite_id": n,
                    "operation": OperationJournal.CREATION,
                    "details": json.dumps({"nom": f"Collège {n}"}, ensure_ascii=False),
                }
                for n in range(nombre)
            ],
        )


def test_le_modele_lit_page_par_page(base, qtmodeltester):
    _remplir(base, 25)
    modele = ModeleJournal(Contexte(base).lire, taille_page=10)
    modele.definir_filtre(FiltreJournal())
    assert (modele.rowCount(), modele.total) == (10, 25)
    assert modele.canFetchMore(QModelIndex())
    modele.fetchMore(QModelIndex())
    assert modele.rowCount() == 20
    modele.fetchMore(QModelIndex())
    assert modele.rowCount() == 25 and not modele.canFetchMore(QModelIndex())
    assert modele.index(0, 0).data() == "1 janv. 2026 00:24"  # newest first
    assert modele.index(0, 3).data() == "Collège 24"  # gone from its table: named from the details
    assert modele.index(24, 5).data().startswith("nom")
    assert modele.index(0, 0).data(ROLE_ENTREE).entite_id == 24
    assert modele.headerData(2, Qt.Orientation.Horizontal) == "Entité"
    modele.definir_filtre(FiltreJournal(texte="Collège 17"))
    assert modele.rowCount() == modele.total == 1 and modele.total_journal == 25
    qtmodeltester.check(modele)


def test_le_modele_sous_qtmodeltester_sur_la_demo(lecture_seule, qtmodeltester):
    modele = ModeleJournal(Contexte(lecture_seule).lire, taille_page=50)
    modele.definir_filtre(FiltreJournal())
    qtmodeltester.check(modele)
    assert modele.rowCount() >= 50  # qtmodeltester scrolls: more pages were read


def test_le_compte():
    assert compte_entrees(1234, 1234) == "1\u202f234 entrées"
    assert compte_entrees(1, 1770) == "1 entrée sur 1\u202f770"


def test_la_page_filtre_et_montre_le_detail(qtbot, page, lecture_seule):
    with lecture_seule.session_scope() as s:
        total = journal_lecture.compter(s)
        personnes = journal_lecture.compter(s, FiltreJournal(entite="Personne"))
    assert page.compte.text() == compte_entrees(total, total)
    assert page.modele.rowCount() == journal_lecture.TAILLE_PAGE < total  # not the whole journal
    page.entite.setCurrentIndex(page.entite.findData("Personne"))
    assert page.compte.text() == compte_entrees(personnes, total)
    assert {page.modele.index(r, 2).data() for r in range(page.modele.rowCount())} == {"Personne"}
    page.vue.setFocus()
    page.choisir_rang(0)
    detail = page.detail.toPlainText()
    assert "Création — Personne" in detail and "courriel" in detail and "(masqué)" in detail
    qtbot.keyClick(page.vue, Qt.Key.Key_Down)
    assert page.entree_choisie() is page.modele.entree(1)
    page.entite.setCurrentIndex(page.entite.findData("Presence"))
    page.choisir_rang(0)
    entree = page.entree_choisie()
    assert entree is not None
    # the foreign keys are named: « 68 — GT3-2026-08 », « 46 — Gauthier Émilie »
    assert f"{entree.details['seance_id']} — {entree.nom.split(' — ')[1]}" in page.detail.toPlainText()
    assert f"{entree.details['personne_id']} — {entree.nom.split(' — ')[0]}" in page.detail.toPlainText()
    page.operation.setCurrentIndex(page.operation.findData(OperationJournal.SUPPRESSION))
    assert page.modele.rowCount() == 0 and page.compte.text() == compte_entrees(0, total)
    assert "Choisissez une entrée" in page.detail.toPlainText()


def test_le_clavier_suit_l_ordre_des_rangees(page):
    attendu = [
        page.case_periode,
        page.du,
        page.au,
        page.recherche,
        page.utilisateur,
        page.entite,
        page.operation,
        page.vue,
        page.detail,
        page.bouton_xlsx,
        page.bouton_csv,
    ]
    suivis = [attendu[0]]
    while len(suivis) < len(attendu):
        suivis.append(suivis[-1].nextInFocusChain())
        while suivis[-1] not in attendu:  # widgets inside (the date's line edit, the view's viewport…)
            suivis[-1] = suivis[-1].nextInFocusChain()
    assert suivis == attendu


def test_recherche_et_periode(qtbot, page):
    page.rechercher()
    assert page.recherche.hasFocus()
    qtbot.keyClicks(page.recherche, "SAI-2026-003")
    qtbot.waitUntil(lambda: page.modele.filtre.texte == "SAI-2026-003")
    assert 0 < page.modele.rowCount() < 50
    page.case_periode.setChecked(True)
    page.du.setDate(page.au.date().addDays(1))
    assert page.erreur_filtre.isVisible() and "postérieure" in page.erreur_filtre.text()
    page.du.setDate(page.au.date())
    assert not page.erreur_filtre.isVisible()
    assert page.modele.filtre.du == page.modele.filtre.au == dt.date(2026, 11, 22)


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    """Where the exports go (the demo base lives in tmp_path itself)."""
    sortie = tmp_path / "exports"
    sortie.mkdir()
    return sortie


def _enregistrer_sous(monkeypatch, chemin: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(chemin), ""))


def _attendre(qtbot, page: PageJournal) -> None:
    qtbot.waitUntil(lambda: not page.export_en_cours(), timeout=60_000)


def test_exporter_en_xlsx_et_csv_sur_une_base_en_lecture_seule(qtbot, page, monkeypatch, dossier):
    page.entite.setCurrentIndex(page.entite.findData("Saisine"))
    attendu = page.modele.total
    _enregistrer_sous(monkeypatch, dossier / "journal")  # no suffix: the format's is added
    page.bouton_xlsx.click()
    _attendre(qtbot, page)
    classeur = load_workbook(io.BytesIO((dossier / "journal.xlsx").read_bytes()))
    feuille = classeur["Journal"]
    assert feuille.max_row == attendu + 1
    assert {feuille.cell(row=r, column=3).value for r in range(2, attendu + 2)} == {"Saisine"}
    assert "Saisine" in [c.value for c in classeur["Filtres"]["B"]]
    assert page.resultat.text() == f"Enregistré dans « {dossier / 'journal.xlsx'} »."
    _enregistrer_sous(monkeypatch, dossier / "journal.csv")
    page.bouton_csv.click()
    _attendre(qtbot, page)
    texte = (dossier / "journal.csv").read_bytes().decode("utf-8-sig")
    assert len(texte.splitlines()) > attendu and "Saisine;" in texte


def test_un_export_annule_ne_laisse_aucun_fichier(qtbot, page, monkeypatch, dossier):
    _enregistrer_sous(monkeypatch, dossier / "annule.csv")

    def produire_puis_annuler(base, filtre, format_, progression, annule):
        page.travail.annuler()  # as the dialog's button would, while the worker runs
        return vrai_produire(base, filtre, format_, progression, annule)

    vrai_produire = export.produire
    monkeypatch.setattr("app.ui.pages.journal.produire", produire_puis_annuler)
    page.bouton_csv.click()
    _attendre(qtbot, page)
    assert not any(dossier.iterdir())
    assert page.resultat.text() == "Export du journal annulé : aucun fichier n'a été enregistré."


def test_un_disque_plein_est_dit_en_francais(qtbot, page, monkeypatch, dossier):
    _enregistrer_sous(monkeypatch, dossier / "plein.csv")
    avertissements = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, titre, texte: avertissements.append((titre, texte)))

    def plein(*_a, **_k):  # root ignores chmod: the full disk is simulated
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("app.fichiers.os.replace", plein)
    page.bouton_csv.click()
    _attendre(qtbot, page)
    assert avertissements and "le disque est plein" in avertissements[0][1]
    assert "le disque est plein" in page.resultat.text()
    assert [p.name for p in dossier.iterdir()] == []


def test_la_page_suit_les_modifications(qtbot, base):
    contexte = Contexte(base)
    page = PageJournal(contexte)
    qtbot.addWidget(page)
    page.show()
    avant = page.modele.total
    _remplir(base, 3)
    contexte.donnees_modifiees.emit()
    assert page.modele.total == avant + 3
    assert page.utilisateur.findData("anne") > 0
    page.hide()  # hidden, it waits to be shown to read again
    _remplir(base, 2)
    contexte.donnees_modifiees.emit()
    assert page.modele.total == avant + 3
    page.show()
    assert page.modele.total == avant + 5


def test_la_tache_d_export_ecrit_par_lots_le_meme_fichier(base, monkeypatch):
    """The CSV written batch by batch is the CSV of all the rows; progress climbs to its total."""
    from app.documents import journal as document

    _remplir(base, 25)
    monkeypatch.setattr(export, "TAILLE_LOT", 10)
    avancees: list[tuple[int, int]] = []
    contenu = export.produire(
        base, FiltreJournal(), export.Format.CSV, lambda f, t: avancees.append((f, t)), lambda: False
    )
    with base.session_scope() as s:
        toutes = [journal_lecture.ligne_export(e) for e in journal_lecture.lire_page(s, limite=1000)]
    assert contenu == document.csv_journal(toutes)
    assert avancees == [(0, 25), (10, 25), (20, 25), (25, 25)]
    avancees.clear()
    export.produire(base, FiltreJournal(), export.Format.XLSX, lambda f, t: avancees.append((f, t)), lambda: False)
    assert avancees[0] == (0, 50) and avancees[-1] == (50, 50) and avancees[-2] == (25, 50)
