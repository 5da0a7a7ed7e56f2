"""Backups from the window: save now, restore (list, confirmation, reopened base), settings, damaged base."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app import db
from app.modeles import Personne
from app.services import sauvegardes
from app.services.sauvegardes_rotation import ReglagesSauvegarde, lire_reglages
from app.ui.fenetre_principale import FenetrePrincipale
from app.ui.sauvegardes import dialogues
from app.ui.sauvegardes.dialogues import (
    ChoixBaseEndommagee,
    DialogueReglagesSauvegardes,
    DialogueRestauration,
    ModeleSauvegardes,
    boite_base_endommagee,
    boite_confirmation,
)
from app.verrou import chemin_verrou

INSTANT = dt.datetime(2026, 11, 20, 9, 5, 0)


def _contenu(chemin: Path) -> list[str]:
    with closing(sqlite3.connect(db._uri_lecture_seule(chemin), uri=True)) as connexion:
        return list(connexion.iterdump())


def _abimer(chemin: Path) -> None:
    taille = chemin.stat().st_size
    with chemin.open("r+b") as flux:
        flux.seek(taille // 2)
        flux.write(b"\xde\xad\xbe\xef" * 1024)


@pytest.fixture
def avertissements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """QMessageBox.warning / information, answered and recorded instead of waiting for a click."""
    vus: list[str] = []
    for nom in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, nom, staticmethod(lambda _p, _t, message, *_a: vus.append(message)))
    return vus


@pytest.fixture
def application(qtbot):
    from app.ui import application

    yield application
    application.rendre_le_verrou()


@pytest.fixture
def fenetre(qtbot, demo: Path, application):
    base = application.ouvrir_base(demo)
    assert base is not None
    fenetre = FenetrePrincipale(base, application.ouvrir_base)
    fenetre.memoriser_en_quittant = False
    qtbot.addWidget(fenetre)
    fenetre.show()
    yield fenetre
    fenetre.close()
    fenetre.base.fermer()


def test_sauvegarder_maintenant_dans_un_travail(qtbot, fenetre: FenetrePrincipale) -> None:
    avant = sauvegardes.lister(fenetre.base.chemin)
    assert [s.motif for s in avant] == ["ouverture"]  # made when the window opened the base
    travail = fenetre._sauvegarder(None)
    assert travail is not None
    with qtbot.waitSignal(travail.termine, timeout=10_000):
        pass
    apres = sauvegardes.lister(fenetre.base.chemin)
    [nouvelle] = [s for s in apres if s.motif == "manuelle"]
    assert str(nouvelle.chemin) in fenetre.statusBar().currentMessage()


def test_sauvegarder_une_copie_comme_la_ligne_de_commande(qtbot, fenetre: FenetrePrincipale, tmp_path: Path) -> None:
    cible = tmp_path / "cle" / "copie.db"
    travail = fenetre._sauvegarder(cible)
    assert travail is not None
    with qtbot.waitSignal(travail.termine, timeout=10_000):
        pass
    assert sauvegardes.controler_sauvegarde(cible)
    assert _contenu(cible) == _contenu(fenetre.base.chemin)


def test_restaurer_depuis_la_fenetre_rouvre_la_base_et_vide_l_annulation(
    qtbot, fenetre: FenetrePrincipale, avertissements: list[str]
) -> None:
    chemin = fenetre.base.chemin
    fichier = sauvegardes.sauvegarder(chemin, instant=INSTANT)
    attendu = _contenu(fichier)

    def renommer(session) -> None:
        personne = session.scalars(select(Personne).order_by(Personne.id)).first()
        personne.nom = "Changé"

    fenetre.contexte.executer("Renommer", renommer, lambda _s, _r: None)
    assert fenetre.contexte.pile.count() == 1
    ancienne = fenetre.base

    gardee = fenetre.restaurer_depuis(fichier, confirmer=False)

    assert gardee is not None and gardee.exists()
    assert fenetre.base is not ancienne and not fenetre.base.lecture_seule
    assert fenetre.contexte.pile.count() == 0
    assert _contenu(chemin) == attendu
    assert "Changé" in "".join(_contenu(gardee))
    assert chemin_verrou(chemin).exists()  # the window still holds its base
    assert avertissements == []
    assert "restaurée" in fenetre.statusBar().currentMessage()


def test_restaurer_un_fichier_refuse_ne_touche_a_rien(
    qtbot, fenetre: FenetrePrincipale, tmp_path: Path, avertissements: list[str]
) -> None:
    mauvais = tmp_path / "mauvais.db"
    mauvais.write_bytes(b"SQLite format 3\x00" + bytes(50))
    base = fenetre.base
    avant = _contenu(base.chemin)
    assert fenetre.restaurer_depuis(mauvais, confirmer=False) is None
    assert fenetre.base is base and _contenu(base.chemin) == avant
    assert len(avertissements) == 1 and "ne peut pas servir de sauvegarde" in avertissements[0]


def test_le_dialogue_liste_les_sauvegardes_en_francais(qtbot, demo: Path, qtmodeltester) -> None:
    sauvegardes.sauvegarder(demo, instant=INSTANT, motif="ouverture")
    sauvegardes.sauvegarder(demo, instant=INSTANT + dt.timedelta(days=1), motif="avant_migration_0004")
    dialogue = DialogueRestauration(demo)
    qtbot.addWidget(dialogue)
    qtmodeltester.check(dialogue.modele)
    lignes = [[dialogue.proxy.index(r, c).data() for c in range(3)] for r in range(dialogue.proxy.rowCount())]
    assert [ligne[:2] for ligne in lignes] == [
        ["21 novembre 2026 à 9\u00a0h\u00a005", "Avant la mise à jour du schéma (0004)"],
        ["20 novembre 2026 à 9\u00a0h\u00a005", "À l'ouverture"],
    ]
    assert all(ligne[2].endswith("\u00a0ko") or ligne[2].endswith("\u00a0Mo") for ligne in lignes)
    dialogue.tableau.selectRow(1)
    dialogue.accepter()
    choisi = dialogue.fichier_choisi
    assert choisi is not None and choisi.name.endswith("_ouverture.db")


def test_le_dialogue_sans_sauvegarde_propose_un_autre_fichier(qtbot, demo: Path, monkeypatch, tmp_path: Path) -> None:
    dialogue = DialogueRestauration(demo)
    qtbot.addWidget(dialogue)
    assert not dialogue.bouton_restaurer.isEnabled() and dialogue.bouton_autre.isEnabled()
    autre = tmp_path / "sur-la-cle.db"
    monkeypatch.setattr(dialogues.QFileDialog, "getOpenFileName", lambda *_a: (str(autre), ""))
    dialogue.bouton_autre.click()
    assert dialogue.fichier_choisi == autre


def test_la_confirmation_dit_ce_qui_va_se_passer(qtbot, demo: Path) -> None:
    fichier = sauvegardes.sauvegarder(demo, instant=INSTANT)
    boite, bouton = boite_confirmation(demo, fichier, None)
    qtbot.addWidget(boite)
    assert boite.text() == (
        "Remplacer la base « demo.db » par la sauvegarde du 20 novembre 2026 à 9\u00a0h\u00a005\u00a0?"
    )
    assert "Avant une restauration" in boite.informativeText() and "Annuler" in boite.informativeText()
    assert boite.defaultButton() is not bouton  # the safe answer is the default


def test_reglages_des_sauvegardes(qtbot, demo: Path, tmp_path: Path) -> None:
    dialogue = DialogueReglagesSauvegardes(demo)
    qtbot.addWidget(dialogue)
    assert dialogue.quotidiennes.value() == 14 and dialogue.mensuelles.value() == 12
    cle = tmp_path / "cle-usb"
    dialogue.dossier.setText(str(cle))
    assert str(cle) in dialogue.effectif.text()
    dialogue.quotidiennes.setValue(7)
    dialogue.taille.setValue(500)
    dialogue.enregistrer()
    assert lire_reglages() == ReglagesSauvegarde(dossier=str(cle), quotidiennes=7, mensuelles=12, taille_max_mo=500)
    assert sauvegardes.dossier_sauvegardes(demo).parent == cle and sauvegardes.dossier_sauvegardes(demo).is_dir()


def test_reglages_dossier_inutilisable(qtbot, demo: Path, tmp_path: Path, avertissements: list[str]) -> None:
    fichier = tmp_path / "un-fichier"
    fichier.write_text("pas un dossier", encoding="utf-8")
    dialogue = DialogueReglagesSauvegardes(demo)
    qtbot.addWidget(dialogue)
    dialogue.dossier.setText(str(fichier))
    dialogue.enregistrer()
    assert len(avertissements) == 1 and "n'est pas utilisable" in avertissements[0]
    assert lire_reglages() == ReglagesSauvegarde()


# --- At opening: the quick check, the damaged base ---------------------------------------------------------


def test_base_endommagee_restauree_a_l_ouverture(application, demo: Path, monkeypatch, avertissements) -> None:
    bonne = sauvegardes.sauvegarder(demo, instant=INSTANT, motif="ouverture")
    plus_recente_abimee = sauvegardes.sauvegarder(demo, instant=INSTANT + dt.timedelta(days=1), motif="ouverture")
    _abimer(plus_recente_abimee)
    attendu = _contenu(bonne)
    _abimer(demo)
    vus: list[tuple[str, Path | None]] = []

    def demander(chemin, probleme, derniere, _parent):
        vus.append((probleme, derniere.chemin if derniere else None))
        return ChoixBaseEndommagee.RESTAURER

    monkeypatch.setattr(dialogues, "demander_base_endommagee", demander)
    base = application.ouvrir_base(demo)
    assert base is not None and not base.lecture_seule
    base.fermer()
    assert vus[0][1] == bonne and vus[0][0]  # the newest backup that passes the check, and SQLite's words
    assert _contenu(demo) == attendu
    assert len(avertissements) == 1 and "restaurée depuis la sauvegarde du 20 novembre 2026" in avertissements[0]
    assert any(s.motif == "avant_restauration" for s in sauvegardes.lister(demo))


def test_base_endommagee_en_lecture_seule_ou_quitter(application, demo: Path, monkeypatch) -> None:
    sauvegardes.sauvegarder(demo, instant=INSTANT, motif="ouverture")
    _abimer(demo)
    avant = demo.read_bytes()
    avant_liste = sauvegardes.lister(demo)
    choix = {"valeur": ChoixBaseEndommagee.QUITTER}
    monkeypatch.setattr(dialogues, "demander_base_endommagee", lambda *_a: choix["valeur"])
    assert application.ouvrir_base(demo) is None
    assert not chemin_verrou(demo).exists()
    choix["valeur"] = ChoixBaseEndommagee.LECTURE_SEULE
    base = application.ouvrir_base(demo)
    assert base is not None and base.lecture_seule
    base.fermer()
    assert not chemin_verrou(demo).exists()
    assert demo.read_bytes() == avant
    assert sauvegardes.lister(demo) == avant_liste  # no opening backup: good ones never rotate away


def test_une_base_saine_ne_pose_pas_de_question_et_n_a_qu_une_sauvegarde_par_jour(application, demo: Path, monkeypatch):
    monkeypatch.setattr(dialogues, "demander_base_endommagee", lambda *_a: pytest.fail("question posée"))
    for _ in range(2):
        base = application.ouvrir_base(demo)
        assert base is not None
        base.fermer()
    assert [s.motif for s in sauvegardes.lister(demo)] == ["ouverture"]


def test_sauvegarde_d_ouverture_impossible_n_empeche_pas_d_ouvrir(
    application, demo: Path, monkeypatch, avertissements
) -> None:
    from app.erreurs import ErreurConnue

    def impossible(*_a: object) -> None:
        raise ErreurConnue("Impossible d'enregistrer « E:\\sauvegardes » : le support est en lecture seule.")

    monkeypatch.setattr(sauvegardes, "sauvegarde_d_ouverture", impossible)
    base = application.ouvrir_base(demo)
    assert base is not None and not base.lecture_seule
    base.fermer()
    assert len(avertissements) == 1 and "lecture seule" in avertissements[0]


def test_la_question_de_la_base_endommagee(qtbot, demo: Path) -> None:
    sauvegarde = sauvegardes.lire_nom(sauvegardes.sauvegarder(demo, instant=INSTANT))
    boite, boutons = boite_base_endommagee(demo, "database disk image is malformed", sauvegarde, None)
    qtbot.addWidget(boite)
    assert set(boutons) == set(ChoixBaseEndommagee)
    assert boite.defaultButton() is boutons[ChoixBaseEndommagee.RESTAURER]
    assert "20 novembre 2026" in boite.informativeText()
    sans, boutons_sans = boite_base_endommagee(demo, "malformed", None, None)
    qtbot.addWidget(sans)
    assert ChoixBaseEndommagee.RESTAURER not in boutons_sans
    assert "Aucune sauvegarde en bon état" in sans.informativeText()


def test_modele_vide(qtmodeltester) -> None:
    qtmodeltester.check(ModeleSauvegardes([]))


def test_le_menu_fichier_propose_les_sauvegardes(fenetre: FenetrePrincipale) -> None:
    fichier = fenetre.menuBar().actions()[0].menu()
    textes = [a.text().replace("&", "") for a in fichier.actions() if a.text()]
    assert textes[2:6] == [
        "Sauvegarder maintenant",
        "Sauvegarder une copie…",
        "Restaurer une sauvegarde…",
        "Réglages des sauvegardes…",
    ]


@pytest.mark.parametrize("reponse", ["Annuler", "Restaurer"])
def test_la_confirmation_decide(qtbot, fenetre: FenetrePrincipale, monkeypatch, reponse: str, avertissements) -> None:
    chemin = fenetre.base.chemin
    # The newest of the list (the dialog selects it), after the opening's own backup.
    fichier = sauvegardes.sauvegarder(chemin, instant=dt.datetime(2026, 11, 22, 23, 59))
    fenetre.contexte.executer("Renommer", _renommer, lambda _s, _r: None)
    avant = _contenu(chemin)
    vraie = dialogues.boite_confirmation

    def boite(*arguments):
        boite, bouton = vraie(*arguments)
        cible = next(b for b in boite.buttons() if b.text().replace("&", "") == reponse)
        boite.exec = cible.click  # the user's answer, without a modal loop
        return boite, bouton

    monkeypatch.setattr(dialogues, "boite_confirmation", boite)
    monkeypatch.setattr(DialogueRestauration, "exec", lambda self: (self.accepter(), self.result())[1])
    fenetre.restaurer_une_sauvegarde()
    if reponse == "Annuler":
        assert _contenu(chemin) == avant and fenetre.contexte.pile.count() == 1
    else:
        assert _contenu(chemin) == _contenu(fichier) and fenetre.contexte.pile.count() == 0


def _renommer(session) -> None:
    personne = session.scalars(select(Personne).order_by(Personne.id)).first()
    personne.nom = "Changé"
