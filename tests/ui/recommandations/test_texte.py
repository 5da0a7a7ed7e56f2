"""The « Texte » and « Versions » tabs: formatting with the keys, Markdown stored, a save untouched that makes no
version, the comparison of two versions, a text read-only once adopted."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QFileDialog

from app import db
from app.modeles.enumerations import NatureRecommandation, ThemeEthique
from app.services import recommandations
from app.services.recommandations import MODELE_TEXTE, VersionLue
from app.ui.annuaire.tableaux import selectionner
from app.ui.fenetre_principale import PAGES, FenetrePrincipale
from app.ui.pages.recommandations import PageRecommandations
from app.ui.recommandations.editeur import EditeurTexte
from app.ui.recommandations.onglet_versions import STYLE_AJOUT, STYLE_RETRAIT, html_comparaison
from tests.ui.annuaire.outils import CTRL, taper
from tests.ui.recommandations.conftest import AUJOURDHUI, REDACTRICE, TEXTE, Comite

MAJ = Qt.KeyboardModifier.ShiftModifier


def en_base(base, recommandation_id: int) -> tuple[str, str, tuple[VersionLue, ...]]:
    with base.session_scope() as s:
        r = recommandations.recommandation(s, recommandation_id)
        return r.titre, r.texte, recommandations.versions(s, recommandation_id)


def choisir(page: PageRecommandations, recommandation_id: int) -> None:
    assert selectionner(page.vue, page.proxy, recommandation_id)
    assert page.texte.recommandation_id == recommandation_id


def selectionner_mot(editeur: EditeurTexte, mot: str) -> None:
    trouve = editeur.zone.document().find(mot)
    assert not trouve.isNull()
    editeur.zone.setTextCursor(trouve)
    editeur.zone.setFocus()


def test_ctrl_b_puis_ctrl_s_enregistre_du_gras_en_markdown_dans_une_version_2(qtbot, base, page, comite: Comite):
    choisir(page, comite.projet)
    editeur = page.texte.editeur
    assert editeur.zone.toPlainText().startswith("Cadre")  # the Markdown shown formatted, not as its marks
    selectionner_mot(editeur, "strictement nécessaire")
    qtbot.keyClick(editeur.zone, Qt.Key.Key_B, CTRL)
    assert editeur.gras.isChecked() and page.texte.modifie()
    qtbot.keyClick(editeur.zone, Qt.Key.Key_S, CTRL)
    _titre, texte, versions = en_base(base, comite.projet)
    assert "**strictement nécessaire**" in " ".join(texte.split())  # Qt wraps lines at 80 columns
    assert "## Cadre" in texte and "- recueillir l'accord de la personne ;" in texte
    assert [v.version for v in versions] == [1, 2] and versions[-1].auteur == db.utilisateur_systeme()
    assert not page.texte.modifie() and editeur.zone.hasFocus()  # the secretary goes on typing
    assert page.contexte.pile.undoText() == "Enregistrer le texte de REC-2026-001"
    assert "Version 2 du 10 mars 2026 à" in page.texte.message.text()

    page.contexte.pile.undo()
    _titre, texte, versions = en_base(base, comite.projet)
    assert texte == recommandations._texte(TEXTE) and [v.version for v in versions] == [1]
    assert "strictement nécessaire" in editeur.zone.toPlainText() and not page.texte.modifie()
    page.contexte.pile.redo()
    assert "**strictement nécessaire**" in " ".join(en_base(base, comite.projet)[1].split())


def test_ouvrir_puis_enregistrer_sans_rien_changer_ne_cree_pas_de_version(qtbot, base, page, comite: Comite):
    choisir(page, comite.projet)
    editeur = page.texte.editeur
    # Qt rewrites the stored Markdown its own way (long lines wrapped at 80 columns)…
    assert editeur.markdown() != TEXTE and "\n" in editeur.markdown().split("\n\n")[1]
    # …which is no change: nothing to save, and Ctrl+S makes no version.
    assert not page.texte.modifie()
    editeur.zone.setFocus()
    qtbot.keyClick(editeur.zone, Qt.Key.Key_S, CTRL)
    assert len(en_base(base, comite.projet)[2]) == 1 and page.contexte.pile.count() == 0
    # A letter typed then rubbed out: the same text again.
    editeur.zone.moveCursor(QTextCursor.MoveOperation.End)
    taper(qtbot, editeur.zone, "x")
    assert page.texte.modifie()
    qtbot.keyClick(editeur.zone, Qt.Key.Key_Backspace)
    assert not page.texte.modifie()
    assert page.texte.enregistrer() and len(en_base(base, comite.projet)[2]) == 1

    # The template a new text starts from survives the round trip too.
    with base.session_scope() as s:
        fiche = recommandations.FicheRecommandation(0, NatureRecommandation.AVIS, "Nouveau", MODELE_TEXTE)
        nouveau = recommandations.creer_recommandation(s, fiche, REDACTRICE)
    page.rafraichir()
    choisir(page, nouveau)
    assert editeur.markdown() != en_base(base, nouveau)[1]
    assert not page.texte.modifie()
    # A change of themes alone is saved, and makes no version either.
    page.texte.themes[ThemeEthique.NUMERIQUE].setChecked(True)
    assert page.texte.modifie() and page.texte.enregistrer()
    assert len(en_base(base, nouveau)[2]) == 1
    with base.session_scope() as s:
        assert recommandations.fiche_recommandation(s, nouveau).themes == (ThemeEthique.NUMERIQUE,)


def test_listes_et_titres_de_section_au_clavier(qtbot):
    editeur = EditeurTexte("Texte")
    qtbot.addWidget(editeur)
    editeur.charger("")
    zone = editeur.zone
    taper(qtbot, zone, "Analyse")
    qtbot.keyClick(zone, Qt.Key.Key_T, CTRL | MAJ)
    assert editeur.titre.isChecked() and editeur.markdown() == "## Analyse\n\n"
    qtbot.keyClick(zone, Qt.Key.Key_Return)  # after a heading comes its text, not a second heading
    assert not editeur.titre.isChecked()
    taper(qtbot, zone, "Premier point")
    qtbot.keyClick(zone, Qt.Key.Key_L, CTRL | MAJ)
    assert editeur.puces.isChecked() and editeur.markdown() == "## Analyse\n\n- Premier point\n"
    qtbot.keyClick(zone, Qt.Key.Key_N, CTRL | MAJ)  # the same list, numbered
    assert editeur.numeros.isChecked() and not editeur.puces.isChecked()
    assert editeur.markdown() == "## Analyse\n\n1.  Premier point\n"
    qtbot.keyClick(zone, Qt.Key.Key_N, CTRL | MAJ)  # pressed again: out of the list
    assert editeur.markdown() == "## Analyse\n\nPremier point\n\n"
    qtbot.keyClick(zone, Qt.Key.Key_Home)
    qtbot.keyClick(zone, Qt.Key.Key_End, MAJ)
    qtbot.keyClick(zone, Qt.Key.Key_I, CTRL)
    assert editeur.italique.isChecked() and editeur.markdown() == "## Analyse\n\n*Premier point*\n\n"
    editeur.titre.trigger()  # the toolbar does the same as the keys
    assert editeur.titre.isChecked() and editeur.markdown() == "## Analyse\n\n## Premier point\n\n"
    editeur.titre.trigger()
    assert not editeur.titre.isChecked() and editeur.markdown() == "## Analyse\n\n*Premier point*\n\n"
    # What is pasted goes through Markdown: bold kept, a font or a colour never.
    editeur.charger("")
    from PySide6.QtCore import QMimeData

    donnees = QMimeData()
    donnees.setHtml('<p><span style="font-family: Comic Sans MS; color: red">Collé</span> <b>gras</b></p>')
    zone.insertFromMimeData(donnees)
    assert editeur.markdown() == "Collé **gras**\n\n"
    editeur.definir_lecture_seule(True)
    assert zone.isReadOnly() and editeur.barre.isHidden()
    qtbot.keyClick(zone, Qt.Key.Key_B, CTRL)  # read-only: nothing happens
    assert editeur.markdown() == "Collé **gras**\n\n"


def test_ctrl_i_dans_le_texte_met_en_italique_sans_ouvrir_l_import(qtbot, base, comite: Comite, monkeypatch):
    ouvertures: list[object] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ouvertures.append(a) or ("", ""))
    fenetre = FenetrePrincipale(base)
    fenetre.memoriser_en_quittant = False
    qtbot.addWidget(fenetre)
    fenetre.show()
    fenetre.navigation.setCurrentRow([e.titre for e in PAGES].index("Recommandations"))
    page = fenetre.page_courante()
    assert isinstance(page, PageRecommandations)
    fenetre.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is fenetre)
    choisir(page, comite.projet)
    selectionner_mot(page.texte.editeur, "légitime")
    qtbot.keyClick(page.texte.editeur.zone, Qt.Key.Key_I, CTRL)
    assert ouvertures == [] and "*légitime*" in page.texte.editeur.markdown()
    page.texte.editeur.zone.clearFocus()
    page.vue.setFocus()
    qtbot.keyClick(page.vue, Qt.Key.Key_I, CTRL)  # elsewhere on the page, Ctrl+I still imports a workbook
    assert len(ouvertures) == 1
    assert page.modifications_en_cours() is False  # the italics were saved rather than lost
    assert "*légitime*" in en_base(base, comite.projet)[1]


def test_titre_vide_refuse_et_texte_adopte_en_lecture_seule(qtbot, base, page, comite: Comite, monkeypatch):
    messages: list[str] = []
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, texte, *a, **k: messages.append(texte))
    choisir(page, comite.projet)
    page.texte.titre.clear()
    assert not page.texte.enregistrer()
    assert messages == ["Le titre est obligatoire."] and page.texte.titre.hasFocus()
    assert en_base(base, comite.projet)[0] == "Partager une information avec l'école"
    page.texte.abandonner()
    assert page.texte.titre.text() == "Partager une information avec l'école" and not page.texte.modifie()

    with base.session_scope() as s:
        recommandations.soumettre(s, comite.projet)
        recommandations.adopter(s, comite.projet, comite.seance_tenue)
    page.rafraichir()
    texte = page.texte
    assert texte.titre.isReadOnly() and texte.editeur.zone.isReadOnly() and not texte.bouton_enregistrer.isEnabled()
    assert not texte.nature.isEnabled() and not texte.themes[ThemeEthique.CONSENTEMENT].isEnabled()
    assert "REC-2026-001 est « adoptée » : son texte ne peut plus être modifié" in texte.message.text()
    assert not texte.modifie() and texte.enregistrer()


def test_choisir_un_autre_texte_enregistre_ce_qui_a_ete_tape(qtbot, base, page, comite: Comite):
    choisir(page, comite.projet)
    page.texte.titre.setText("Partager une information avec l'école et le collège")
    choisir(page, comite.ancienne)
    assert en_base(base, comite.projet)[0] == "Partager une information avec l'école et le collège"
    assert len(en_base(base, comite.projet)[2]) == 2
    # A change elsewhere (an undo, another page's edit) leaves what is being typed alone.
    choisir(page, comite.projet)
    page.texte.editeur.zone.moveCursor(QTextCursor.MoveOperation.End)
    taper(qtbot, page.texte.editeur.zone, " Fin.")
    page.contexte.donnees_modifiees.emit()
    assert page.texte.modifie() and page.texte.editeur.zone.toPlainText().endswith("Fin.")


def test_versions_comparees_ajouts_en_vert_souligne_retraits_en_rouge_barre(qtbot, base, page, comite: Comite):
    with base.session_scope() as s:
        fiche = recommandations.fiche_recommandation(s, comite.projet)
        nouvelle = replace(
            fiche,
            titre="Partager une information <b>avec</b> l'école",
            texte=fiche.texte.replace("strictement nécessaire", "utile et proportionné"),
        )
        recommandations.modifier_recommandation(s, nouvelle, REDACTRICE)
    page.rafraichir()
    choisir(page, comite.projet)
    versions = page.versions
    page.onglets.setCurrentWidget(versions)
    assert versions.modele.rowCount() == 2
    assert [versions.proxy.index(r, 0).data() for r in range(2)] == ["2", "1"]  # the latest on top
    assert versions.proxy.index(0, 1).data().startswith(f"{AUJOURDHUI.day} mars 2026 à ")
    assert versions.proxy.index(0, 2).data() == REDACTRICE
    assert (versions.ancien.currentData(), versions.nouveau.currentData()) == (1, 2)
    texte = versions.comparaison.toPlainText()
    assert "strictement nécessaire" in texte and "utile et proportionné" in texte
    assert "<b>avec</b>" in texte  # escaped: shown, never interpreted

    with base.session_scope() as s:
        ancien, nouveau = recommandations.versions(s, comite.projet)
    html = html_comparaison(ancien, nouveau)
    assert f'<span style="{STYLE_RETRAIT}">strictement nécessaire</span>' in html
    assert f'<span style="{STYLE_AJOUT}">utile et proportionné</span>' in html
    assert "&lt;b&gt;avec&lt;/b&gt;" in html and "<b>avec</b>" not in html
    rendu = versions.comparaison.document().toHtml()
    assert "line-through" in rendu and "underline" in rendu and "#166534" in rendu.lower()

    versions.vue.selectRow(1)  # version 1 chosen: nothing before it, shown alone
    assert (versions.ancien.currentData(), versions.nouveau.currentData()) == (1, 1)
    assert "Version n° 1 (" in versions.comparaison.toPlainText()  # (Qt reads the no-break space as a space)
    versions.ancien.setCurrentIndex(versions.ancien.findData(2))  # chosen the other way round: read old to new
    assert "De la version n° 1 (" in versions.comparaison.toPlainText()
