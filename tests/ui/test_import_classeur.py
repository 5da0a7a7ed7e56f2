"""Importing from the window: every error listed before anything is written, then the import in a worker
with a progress dialog; cancelling leaves the base untouched; the worker never touches a widget."""

from __future__ import annotations

import gc
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QThread
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton, QWidget
from sqlalchemy import func, select

from app import db
from app.modeles import Mandat, Personne, Presence, Seance
from app.services.import_classeur import ErreurImport, ImportAnnule, importer_classeur
from app.ui import import_classeur as module
from app.ui.contexte import Contexte
from app.ui.import_classeur import (
    FILTRE_CLASSEURS,
    ROLE_TRI,
    DialogueImport,
    ModeleErreurs,
    importer_depuis_la_fenetre,
    texte_des_erreurs,
)
from app.ui.travail import Travail
from tests.services.corpus_import import ajouter_ligne, classeur_reference, ecrire_classeur, mettre

FINS = ("erreurs", "pret", "rien_a_faire", "termine", "annule", "echec")


@pytest.fixture(autouse=True)
def incidents(monkeypatch) -> list[BaseException]:
    """Bugs the dialog hands to the crash dialog, recorded instead of shown (a modal dialog would hang)."""
    signalees: list[BaseException] = []
    monkeypatch.setattr(module.erreurs, "signaler", lambda exc, parent=None: signalees.append(exc))
    return signalees


# --- Helpers ---------------------------------------------------------------------------------------------


def _comptes(base: db.BaseDeDonnees) -> dict[str, int]:
    with base.session_scope() as session:
        return {
            modele.__name__: session.scalar(select(func.count()).select_from(modele)) or 0
            for modele in (Personne, Mandat, Seance, Presence)
        }


def _octets(base: db.BaseDeDonnees) -> bytes:
    """The base file as it stands once every connection is closed (the WAL checkpointed into it)."""
    base.fermer()  # the engine reconnects on its next use
    assert not Path(f"{base.chemin}-wal").exists()
    return base.chemin.read_bytes()


def _classeur_fautif(dossier: Path) -> Path:
    donnees = classeur_reference()
    mettre(donnees, "Membres", 4, "Début", "31/02/2026")
    mettre(donnees, "Séances", 2, "Format", "hybride")
    mettre(donnees, "Instances", 3, "Quorum", "3/2")
    return ecrire_classeur(donnees, dossier / "fautif.xlsx")


def _grand_classeur(dossier: Path, membres: int = 180) -> Path:
    """Enough rows for the service to report progress (and look at the cancel button) in the middle."""
    donnees = classeur_reference()
    for i in range(membres):
        ajouter_ligne(
            donnees,
            "Membres",
            {
                "Nom": f"Nom{i:03d}",
                "Prénom": "Camille",
                "Collège": "Travailleurs sociaux",
                "Instance": "Plénière",
                "Qualité": "Titulaire",
                "Début": "01/09/2025",
            },
        )
    return ecrire_classeur(donnees, dossier / "grand.xlsx")


@pytest.fixture(autouse=True)
def _aucun_incident_inattendu(incidents):
    yield
    assert incidents == []


def _dialogue(qtbot, base: db.BaseDeDonnees, chemin: Path) -> DialogueImport:
    contexte = Contexte(base)
    dialogue = DialogueImport(contexte, chemin)
    qtbot.addWidget(dialogue)
    dialogue.show()
    qtbot.waitExposed(dialogue)
    return dialogue


def _attendre_la_fin(qtbot, dialogue: DialogueImport) -> None:
    qtbot.waitUntil(lambda: dialogue.etat in FINS and not dialogue.en_cours(), timeout=20_000)


def _lignes_du_tableau(dialogue: DialogueImport) -> list[tuple[str, str, str]]:
    modele = dialogue.tableau.model()
    return [tuple(modele.index(r, c).data() for c in range(3)) for r in range(modele.rowCount())]  # type: ignore[misc]


# --- The error model ---------------------------------------------------------------------------------------

ERREURS = [
    ErreurImport("Membres", 10, "Début", "date invalide : « 31/02/2026 »"),
    ErreurImport("Membres", 9, "Voix", "valeur non reconnue : « aucune »"),
    ErreurImport("Séances", 2, "Format", "valeur non reconnue : « hybride »"),
    ErreurImport("", None, None, "le fichier n'est pas un classeur Excel"),
    ErreurImport("Membres", None, "Qualité", "colonne obligatoire absente"),
]


def test_le_modele_des_erreurs_passe_qtmodeltester(qtmodeltester):
    modele = ModeleErreurs(ERREURS)
    qtmodeltester.check(modele)
    modele.definir(ERREURS[:2])
    qtmodeltester.check(modele)
    modele.definir([])
    qtmodeltester.check(modele)


def test_le_modele_montre_feuille_ligne_colonne_motif_et_trie_les_lignes_en_nombres():
    modele = ModeleErreurs(ERREURS)
    assert [modele.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Feuille",
        "Ligne",
        "Colonne",
        "Motif",
    ]
    assert [modele.index(0, c).data() for c in range(4)] == ["Membres", "10", "Début", "Date invalide : « 31/02/2026 »"]
    assert [modele.index(3, c).data() for c in range(4)] == [
        "(fichier)",
        "",
        "",
        "Le fichier n'est pas un classeur Excel",
    ]
    assert modele.rowCount(modele.index(0, 0)) == 0  # a table: no children
    tri = QSortFilterProxyModel()
    tri.setSourceModel(modele)
    tri.setSortRole(ROLE_TRI)
    tri.sort(1, Qt.SortOrder.AscendingOrder)
    assert [tri.index(r, 1).data() for r in range(tri.rowCount())] == ["", "", "2", "9", "10"]  # 9 before 10
    tri.sort(0, Qt.SortOrder.AscendingOrder)
    assert [tri.index(r, 0).data() for r in range(tri.rowCount())] == ["(fichier)", *["Membres"] * 3, "Séances"]


def test_la_liste_copiee_est_un_tableau_a_coller():
    texte = texte_des_erreurs(ERREURS[:2])
    assert texte.splitlines() == [
        "Feuille\tLigne\tColonne\tMotif",
        "Membres\t10\tDébut\tDate invalide : « 31/02/2026 »",
        "Membres\t9\tVoix\tValeur non reconnue : « aucune »",
    ]


# --- The dialog -----------------------------------------------------------------------------------------------


def test_les_erreurs_sont_toutes_listees_avant_toute_ecriture_puis_un_bon_classeur_s_importe(qtbot, base, tmp_path):
    avant = _octets(base)
    dialogue = _dialogue(qtbot, base, _classeur_fautif(tmp_path))
    dialogue.verifier()
    _attendre_la_fin(qtbot, dialogue)
    assert dialogue.etat == "erreurs"
    assert "3 erreurs" in dialogue.message.text() and "rien n'a été importé" in dialogue.message.text()
    assert sorted(_lignes_du_tableau(dialogue)) == [
        ("Instances", "3", "Quorum"),
        ("Membres", "4", "Début"),
        ("Séances", "2", "Format"),
    ]
    assert dialogue.tableau.isVisible()
    assert not dialogue.bouton_importer.isVisible()  # « Fermer » only
    assert dialogue.bouton_fermer.isEnabled() and dialogue.bouton_copier.isVisible()
    dialogue.tableau.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the copy follows the order shown
    qtbot.mouseClick(dialogue.bouton_copier, Qt.MouseButton.LeftButton)
    copie = QGuiApplication.clipboard().text().splitlines()
    assert copie[0] == "Feuille\tLigne\tColonne\tMotif"
    assert [ligne.split("\t")[0] for ligne in copie[1:]] == ["Séances", "Membres", "Instances"]
    assert "31/02/2026" in copie[2]
    assert _octets(base) == avant  # the check wrote nothing

    dialogue = _dialogue(qtbot, base, ecrire_classeur(classeur_reference(), tmp_path / "bon.xlsx"))
    modifications: list[None] = []
    dialogue.contexte.donnees_modifiees.connect(lambda: modifications.append(None))
    dialogue.verifier()
    _attendre_la_fin(qtbot, dialogue)
    assert dialogue.etat == "pret"
    assert "rien n'est encore écrit" in dialogue.message.text()
    assert "Personnes" in dialogue.changements.text() and "Créations" in dialogue.changements.text()
    assert "enregistrez d'abord une copie" in dialogue.retour.text() and dialogue.retour.isVisible()
    assert _comptes(base) == {"Personne": 0, "Mandat": 0, "Seance": 0, "Presence": 0}
    assert not modifications
    assert dialogue.bouton_importer.isEnabled()
    qtbot.mouseClick(dialogue.bouton_importer, Qt.MouseButton.LeftButton)
    _attendre_la_fin(qtbot, dialogue)
    assert dialogue.etat == "termine"
    assert _comptes(base) == {"Personne": 7, "Mandat": 9, "Seance": 3, "Presence": 8}
    assert dialogue.rapport is not None and dialogue.rapport.crees["personnes"] == 7
    assert modifications == [None]  # the pages reload once
    assert "Import terminé" in dialogue.message.text()
    assert "ouvrez la copie" in dialogue.retour.text() and dialogue.retour.isVisible()
    assert not dialogue.bouton_importer.isVisible()
    assert dialogue.contexte.pile.count() == 0  # not on the undo stack

    encore = _dialogue(qtbot, base, ecrire_classeur(classeur_reference(), tmp_path / "bon.xlsx"))
    encore.verifier()
    _attendre_la_fin(qtbot, encore)
    assert encore.etat == "rien_a_faire"  # the same workbook twice changes nothing
    assert not encore.bouton_importer.isVisible()


def _bloquer_au_milieu(monkeypatch) -> tuple[threading.Event, threading.Event]:
    """The real import, held still at its first progress report in the middle of writing."""
    au_milieu, feu_vert = threading.Event(), threading.Event()

    def importer(base, chemin, *, simulation=False, progression=None, annule=None):
        def progresser(fait: int, total: int) -> None:
            if not simulation and 0 < fait < total and not au_milieu.is_set():
                au_milieu.set()
                assert feu_vert.wait(20)
            assert progression is not None
            progression(fait, total)

        return importer_classeur(base, chemin, simulation=simulation, progression=progresser, annule=annule)

    monkeypatch.setattr(module, "importer_classeur", importer)
    return au_milieu, feu_vert


def test_annuler_pendant_l_import_laisse_la_base_identique_octet_pour_octet(qtbot, base, tmp_path, monkeypatch):
    au_milieu, feu_vert = _bloquer_au_milieu(monkeypatch)
    dialogue = _dialogue(qtbot, base, _grand_classeur(tmp_path))
    modifications: list[None] = []
    dialogue.contexte.donnees_modifiees.connect(lambda: modifications.append(None))
    dialogue.verifier()
    _attendre_la_fin(qtbot, dialogue)
    assert dialogue.etat == "pret"
    avant = _octets(base)

    qtbot.mouseClick(dialogue.bouton_importer, Qt.MouseButton.LeftButton)
    assert dialogue.etat == "import" and not dialogue.bouton_fermer.isEnabled()
    qtbot.waitUntil(au_milieu.is_set, timeout=20_000)
    travail = dialogue.travail
    assert travail is not None
    qtbot.waitUntil(lambda: travail.dialogue is not None and travail.dialogue.isVisible(), timeout=5_000)
    assert travail.dialogue is not None
    (bouton,) = travail.dialogue.findChildren(QPushButton)
    assert bouton.text().replace("&", "") == "Annuler"
    qtbot.mouseClick(bouton, Qt.MouseButton.LeftButton)  # while rows are being written
    feu_vert.set()
    _attendre_la_fin(qtbot, dialogue)

    assert dialogue.etat == "annule"
    assert "Import annulé" in dialogue.message.text() and "rien n'a été écrit" in dialogue.message.text()
    assert _octets(base) == avant
    assert _comptes(base) == {"Personne": 0, "Mandat": 0, "Seance": 0, "Presence": 0}
    assert not modifications
    assert dialogue.bouton_fermer.isEnabled()


def test_fermer_pendant_la_verification_l_annule_sans_detruire_le_travail(qtbot, base, tmp_path, monkeypatch):
    lance, feu_vert = threading.Event(), threading.Event()

    def importer(base, chemin, *, simulation=False, progression=None, annule=None):
        lance.set()
        assert feu_vert.wait(20)
        assert annule is not None and annule()
        raise ImportAnnule()

    monkeypatch.setattr(module, "importer_classeur", importer)
    dialogue = _dialogue(qtbot, base, _grand_classeur(tmp_path, membres=1))
    dialogue.verifier()
    qtbot.waitUntil(lance.is_set)
    qtbot.keyClick(dialogue, Qt.Key.Key_Escape)  # asks the worker to stop; the dialog stays to say so
    assert dialogue.isVisible() and dialogue.en_cours()
    feu_vert.set()
    _attendre_la_fin(qtbot, dialogue)
    assert dialogue.etat == "annule" and "Vérification annulée" in dialogue.message.text()
    assert dialogue.isVisible()


def test_le_travail_tourne_dans_un_autre_fil_et_ne_touche_aucun_widget(qtbot, base, tmp_path, monkeypatch):
    principal = threading.get_ident()
    fils_du_service: set[int] = set()
    widgets_touches_par_le_travail: list[str] = []
    fils_de_l_affichage: set[int] = set()
    ramasse_miettes: list[bool] = []

    def sonde(_cadre, evenement, argument):
        if evenement == "c_call" and isinstance(getattr(argument, "__self__", None), QWidget):
            widgets_touches_par_le_travail.append(argument.__qualname__)

    def importer(base, chemin, **options):
        fils_du_service.add(threading.get_ident())
        ramasse_miettes.append(gc.isenabled())
        assert QThread.currentThread() != QApplication.instance().thread()
        sys.setprofile(sonde)  # this worker thread only: every call into a widget is recorded
        try:
            return importer_classeur(base, chemin, **options)
        finally:
            sys.setprofile(None)

    avancer = Travail._avancer

    def avancer_espionne(self, fait, total):
        fils_de_l_affichage.add(threading.get_ident())
        avancer(self, fait, total)

    monkeypatch.setattr(module, "importer_classeur", importer)
    monkeypatch.setattr(Travail, "_avancer", avancer_espionne)
    dialogue = _dialogue(qtbot, base, _grand_classeur(tmp_path))
    dialogue.verifier()
    _attendre_la_fin(qtbot, dialogue)
    dialogue.importer()
    _attendre_la_fin(qtbot, dialogue)
    assert dialogue.etat == "termine"
    assert fils_du_service and principal not in fils_du_service
    assert fils_de_l_affichage == {principal}  # progress reached the dialog on the GUI thread
    assert widgets_touches_par_le_travail == []
    # Python's collector waits while a worker runs (it could destroy a widget there) and resumes after.
    assert ramasse_miettes == [False, False] and gc.isenabled()


def test_la_sonde_des_widgets_voit_bien_un_widget_touche_depuis_un_fil(qtbot):
    """The probe above would catch a worker touching a widget (a test that cannot fail is a defect)."""
    vus: list[str] = []

    def sonde(_cadre, evenement, argument):
        if evenement == "c_call" and isinstance(getattr(argument, "__self__", None), QWidget):
            vus.append(argument.__qualname__)

    widget = QWidget()
    qtbot.addWidget(widget)
    sys.setprofile(sonde)
    try:
        widget.isVisible()
    finally:
        sys.setprofile(None)
    assert vus == ["QWidget.isVisible"]


def test_une_erreur_inattendue_du_travail_part_vers_le_rapport_d_incident(
    qtbot, base, tmp_path, monkeypatch, incidents
):
    def importer(base, chemin, **options):
        raise RuntimeError("panne imprévue")

    monkeypatch.setattr(module, "importer_classeur", importer)
    dialogue = _dialogue(qtbot, base, _grand_classeur(tmp_path, membres=1))
    dialogue.verifier()
    _attendre_la_fin(qtbot, dialogue)
    assert dialogue.etat == "echec"
    assert [str(e) for e in incidents] == ["panne imprévue"]
    incidents.clear()
    assert "erreur inattendue" in dialogue.message.text()


def test_un_fichier_verrouille_donne_un_message_en_francais(qtbot, base, tmp_path, monkeypatch):
    def importer(base, chemin, **options):
        raise PermissionError(13, "Permission denied", str(chemin))

    monkeypatch.setattr(module, "importer_classeur", importer)
    dialogue = _dialogue(qtbot, base, tmp_path / "ouvert-dans-excel.xlsx")
    dialogue.verifier()
    _attendre_la_fin(qtbot, dialogue)
    assert dialogue.etat == "echec"
    assert "verrouillé par un autre programme" in dialogue.message.text()


@pytest.mark.parametrize("choix", ["annule", "choisi"])
def test_importer_depuis_la_fenetre_demande_un_classeur_xlsx(qtbot, base, tmp_path, monkeypatch, choix):
    demandes: list[str] = []
    classeur = ecrire_classeur(classeur_reference(), tmp_path / "bon.xlsx")

    def choisir(parent, titre, dossier, filtre):
        demandes.append(filtre)
        return (str(classeur) if choix == "choisi" else "", "")

    dialogues: list[DialogueImport] = []

    def executer(dialogue: DialogueImport) -> int:  # no modal loop in tests: wait for the check instead
        dialogues.append(dialogue)
        _attendre_la_fin(qtbot, dialogue)
        return 0

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choisir))
    monkeypatch.setattr(DialogueImport, "exec", executer)
    importer_depuis_la_fenetre(Contexte(base))
    assert demandes == [FILTRE_CLASSEURS] == ["Classeurs Excel (*.xlsx)"]
    if choix == "annule":
        assert dialogues == []
    else:
        (dialogue,) = dialogues
        assert dialogue.etat == "pret"
        assert _comptes(base)["Personne"] == 0


def test_un_index_invalide_ne_donne_rien():
    modele = ModeleErreurs(ERREURS)
    assert modele.data(QModelIndex()) is None
    assert modele.headerData(0, Qt.Orientation.Vertical) is None
