"""The attendance screen: a 30-seat plenary recorded from the keyboard, the proxy chooser, guests, the model."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from app.modeles import Presence
from app.modeles.enumerations import EtatPresence
from app.services import presences
from app.services.normalisation import normaliser
from app.ui.contexte import Contexte
from app.ui.seances.presences import DialogueChoixPersonne, DialoguePresences, ModelePresences, index_de
from app.ui.tableau_lignes import FiltreLignes
from tests.ui.annuaire.outils import CTRL, activer, quand_modal, taper
from tests.ui.seances.conftest import Seance30
from tests.ui.test_ergonomie import _controles_sans_nom

MAJ = Qt.KeyboardModifier.ShiftModifier
TOUCHES = {"P": Qt.Key.Key_P, "V": Qt.Key.Key_V, "E": Qt.Key.Key_E, "A": Qt.Key.Key_A, "↓": Qt.Key.Key_Down}


def ouvrir(qtbot, contexte: Contexte, seance: Seance30) -> DialoguePresences:
    dialogue = DialoguePresences(contexte, seance.seance_id)
    qtbot.addWidget(dialogue)
    dialogue.show()
    dialogue.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialogue)
    return dialogue


def courant(dialogue: DialoguePresences) -> str:
    ligne = dialogue.ligne_courante()
    assert ligne is not None
    return ligne.nom


def aller_a(dialogue: DialoguePresences, nom: str, seance: Seance30) -> None:
    dialogue.vue.setCurrentIndex(index_de(dialogue, seance.ids[nom]))
    assert courant(dialogue) == nom


def etats_en_base(base, seance: Seance30) -> dict[str, tuple[EtatPresence, str | None]]:
    noms = {i: nom for nom, i in seance.ids.items()}
    with base.session_scope() as s:
        lignes = list(s.scalars(select(Presence).where(Presence.seance_id == seance.seance_id)))
        return {noms[p.personne_id]: (p.etat, noms.get(p.pouvoir_a_id or 0)) for p in lignes}


def choisir_dans_la_liste(qtbot, nom: str, vus: list[QWidget], offerts: list[list[str]]) -> None:
    """When the chooser opens: note what it offers, go down to `nom` with the arrow key, then Enter."""

    def agir(modal: QWidget) -> None:
        assert isinstance(modal, DialogueChoixPersonne)
        liste = modal.liste
        textes = [liste.item(r).text() for r in range(liste.count())]
        offerts.append(textes)
        cible = next(r for r, texte in enumerate(textes) if texte.startswith(nom))
        assert modal.focusWidget() is liste
        for _ in range(cible - liste.currentRow()):
            qtbot.keyClick(liste, Qt.Key.Key_Down)
        qtbot.keyClick(liste, Qt.Key.Key_Return)

    quand_modal(agir, vus, DialogueChoixPersonne)


def test_une_pleniere_de_30_sieges_se_note_au_clavier(qtbot, base, seance_30):
    dialogue = ouvrir(qtbot, Contexte(base), seance_30)
    vue = dialogue.vue
    assert dialogue.windowTitle() == "Présences — PL-2026-02 du 5 mars 2026"
    assert vue.hasFocus() and courant(dialogue) == "Chloé Durand"
    assert dialogue.decompte.text() == (
        "Sièges attendus : 30 · Présents : 0 · Suppléés : 0 · Représentés : 0 · Excusés : 0 · Absents : 30"
    )
    assert dialogue.quorum.text() == "Quorum : 15 voix requises (pouvoirs comptés) — non atteint (il manque 15 voix)"

    # (line, key, votes that count afterwards): the lines in the screen's order, from the top.
    feuille = [
        ("Chloé Durand", "P", 1),
        ("Gaëlle Fournier", "V", 2),
        ("Élise Garnier", "R", 2),  # her proxy to Bruno Petit counts once he is there
        ("Hugo Girard", "E", 2),
        ("Anne Martin", "A", 2),
        ("Éva Lefèvre", "P", 3),  # stands in for Anne Martin
        ("François Morel", "A", 3),
        ("Bruno Petit", "P", 5),  # present, and carries Élise Garnier's proxy
        ("David Roux", "P", 6),
        ("Farid Benali", "↓", 6),  # his titulaire is there: nothing to note
        ("Rachida André", "P", 7),
        ("Inès Bonnet", "P", 8),
        ("Jules Dupuis", "↓", 8),
        ("Quentin Faure", "V", 9),
        ("Laure Fontaine", "E", 9),
        ("Karim Lambert", "P", 10),
        ("Olivier Muller", "P", 11),
        ("Pauline Lefebvre", "↓", 11),
        ("Marc Rousseau", "A", 11),
        ("Nadia Vincent", "P", 12),
        ("Thomas Blanc", "V", 13),
        ("Ulysse Guérin", "↓", 13),
        ("Valérie Boyer", "P", 14),
        ("William Chevalier", "P", 15),  # ⌈30 / 2⌉ = 15: the quorum is reached exactly here
    ]
    vus: list[QWidget] = []
    offerts: list[list[str]] = []
    for nom, touche, voix in feuille:
        assert courant(dialogue) == nom
        if touche == "R":
            choisir_dans_la_liste(qtbot, "Bruno Petit", vus, offerts)
            qtbot.keyClick(vue, Qt.Key.Key_R)
            activer(qtbot, vue)
        else:
            qtbot.keyClick(vue, TOUCHES[touche])
        if voix < 15:
            manque = 15 - voix
            assert dialogue.quorum.text().endswith(f"— non atteint (il manque {manque} voix)"), nom
        else:
            assert dialogue.quorum.text() == "Quorum : 15 voix requises (pouvoirs comptés) — atteint"
        if nom == "Bruno Petit":
            assert dialogue.decompte.text() == (
                "Sièges attendus : 30 · Présents : 3 · Suppléés : 1 · Représentés : 1 · Excusés : 1 · Absents : 24"
            )
    assert len(offerts) == 1 and "Élise Garnier — rien de noté pour l'instant" not in offerts[0]
    assert "Bruno Petit — rien de noté pour l'instant" in offerts[0]
    assert dialogue.decompte.text() == (
        "Sièges attendus : 30 · Présents : 13 · Suppléés : 1 · Représentés : 1 · Excusés : 2 · Absents : 13"
    )
    assert courant(dialogue) == "Yasmine François"  # the next line of the sheet

    etats = etats_en_base(base, seance_30)
    assert etats["Élise Garnier"] == (EtatPresence.REPRESENTE, "Bruno Petit")
    assert etats["Éva Lefèvre"] == (EtatPresence.PRESENT, None)
    assert etats["Anne Martin"] == (EtatPresence.ABSENT, None)
    assert etats["Gaëlle Fournier"] == (EtatPresence.VISIO, None)
    assert "Farid Benali" not in etats and etats["Kevin Marchand"] == (EtatPresence.PRESENT, None)  # the guest
    assert len(etats) == 21  # 20 keys that record a state, and the guest

    rang = dialogue.modele.rang_de(seance_30.ids["Éva Lefèvre"])
    assert rang is not None
    assert dialogue.modele.index(rang, 3).data() == "Suppléant d'Anne Martin"
    assert dialogue.modele.index(rang - 1, 5).data() == "Suppléé"

    # Ctrl+Z takes back the last key; Ctrl+Maj+Z puts it again.
    qtbot.keyClick(vue, Qt.Key.Key_Z, CTRL)
    assert "William Chevalier" not in etats_en_base(base, seance_30)
    assert dialogue.quorum.text().endswith("— non atteint (il manque 1 voix)")
    qtbot.keyClick(vue, Qt.Key.Key_Z, CTRL | MAJ)
    assert etats_en_base(base, seance_30)["William Chevalier"] == (EtatPresence.PRESENT, None)
    assert dialogue.quorum.text().endswith("— atteint")
    assert dialogue.bouton_annuler.isEnabled() and "William Chevalier" in dialogue.bouton_annuler.toolTip()

    # Suppr erases a line and Retour arrière too; Up goes back.
    qtbot.keyClick(vue, Qt.Key.Key_Up)
    assert courant(dialogue) == "William Chevalier"
    qtbot.keyClick(vue, Qt.Key.Key_Delete)
    assert "William Chevalier" not in etats_en_base(base, seance_30)
    assert courant(dialogue) == "Yasmine François"
    # Enter moves on without closing the window.
    qtbot.keyClick(vue, Qt.Key.Key_Return)
    assert dialogue.isVisible() and courant(dialogue) == "Antoine Gauthier"


def test_le_choix_du_porteur_ne_propose_que_les_porteurs_valides(qtbot, base, seance_30):
    ids = seance_30.ids
    with base.session_scope() as s:
        sid = seance_30.seance_id
        presences.changer_presence(s, sid, ids["Bruno Petit"], EtatPresence.PRESENT)
        presences.donner_pouvoir(s, sid, ids["Élise Garnier"], ids["Bruno Petit"])  # Bruno holds one already
        presences.changer_presence(s, sid, ids["François Morel"], EtatPresence.ABSENT)
        presences.changer_presence(s, sid, ids["Hugo Girard"], EtatPresence.EXCUSE)
        presences.changer_presence(s, sid, ids["Chloé Durand"], EtatPresence.VISIO)
    dialogue = ouvrir(qtbot, Contexte(base), seance_30)
    aller_a(dialogue, "Anne Martin", seance_30)
    vus: list[QWidget] = []
    offerts: list[list[str]] = []
    choisir_dans_la_liste(qtbot, "Chloé Durand", vus, offerts)
    qtbot.keyClick(dialogue.vue, Qt.Key.Key_R)
    activer(qtbot, dialogue.vue)
    (offert,) = offerts
    noms = [texte.split(" — ")[0] for texte in offert]
    membres = [*seance_30.titulaires, *seance_30.suppleants]
    exclus = {"Anne Martin", "Éva Lefèvre", "Bruno Petit", "Élise Garnier", "François Morel", "Hugo Girard"}
    assert sorted(noms) == sorted(set(membres) - exclus)  # nor the consultative member, nor the guest
    assert noms == sorted(noms, key=lambda nom: (normaliser(nom.split()[-1]), normaliser(nom.split()[0])))
    assert "Chloé Durand — visio" in offert
    assert etats_en_base(base, seance_30)["Anne Martin"] == (EtatPresence.REPRESENTE, "Chloé Durand")
    assert courant(dialogue) == "Éva Lefèvre"

    # A suppléant gives no proxy: a French message, nothing changes.
    textes: list[str] = []
    quand_modal(lambda boite: boite.close(), vus, QWidget, textes)
    qtbot.keyClick(dialogue.vue, Qt.Key.Key_R)
    activer(qtbot, dialogue.vue)
    assert textes and textes[0].startswith("Seul un titulaire à voix délibérative donne un pouvoir")
    assert "Éva Lefèvre" not in etats_en_base(base, seance_30)

    # Esc in the chooser changes nothing.
    aller_a(dialogue, "David Roux", seance_30)
    quand_modal(lambda modal: qtbot.keyClick(modal.focusWidget(), Qt.Key.Key_Escape), vus, DialogueChoixPersonne)
    qtbot.keyClick(dialogue.vue, Qt.Key.Key_R)
    activer(qtbot, dialogue.vue)
    assert "David Roux" not in etats_en_base(base, seance_30) and courant(dialogue) == "David Roux"


def test_ajouter_puis_retirer_un_invite(qtbot, base, seance_30):
    contexte = Contexte(base)
    dialogue = ouvrir(qtbot, contexte, seance_30)
    vus: list[QWidget] = []

    def choisir(modal: QWidget) -> None:
        assert isinstance(modal, DialogueChoixPersonne) and modal.recherche is not None
        taper(qtbot, modal.recherche, "lucie")
        qtbot.keyClick(modal.recherche, Qt.Key.Key_Return)

    quand_modal(choisir, vus, DialogueChoixPersonne)
    dialogue.bouton_ajouter_invite.click()
    activer(qtbot, dialogue.vue)
    assert (
        courant(dialogue) == "Lucie Arnaud"
        and etats_en_base(base, seance_30)["Lucie Arnaud"][0] is EtatPresence.PRESENT
    )
    rang = dialogue.modele.rang_de(seance_30.ids["Lucie Arnaud"])
    assert rang == dialogue.modele.rowCount() - 2  # the guests come last, by name
    assert dialogue.modele.index(rang, 3).data() == "Invité"
    assert dialogue.decompte.text().startswith("Sièges attendus : 30 · Présents : 0 ·")  # never counted
    assert dialogue.bouton_retirer_invite.isEnabled()
    dialogue.bouton_retirer_invite.click()
    assert "Lucie Arnaud" not in etats_en_base(base, seance_30)
    assert dialogue.modele.rang_de(seance_30.ids["Lucie Arnaud"]) is None
    contexte.pile.undo()
    assert "Lucie Arnaud" in etats_en_base(base, seance_30)


def test_la_recherche_filtre_et_les_touches_suivent(qtbot, base, seance_30):
    dialogue = ouvrir(qtbot, Contexte(base), seance_30)
    taper(qtbot, dialogue.recherche, "personnes accompagnées")
    assert dialogue.proxy.rowCount() == 7  # six titulaires and a suppléant
    qtbot.keyClick(dialogue.recherche, Qt.Key.Key_Down)
    assert dialogue.vue.hasFocus() and courant(dialogue) == "Géraldine Henry"
    qtbot.keyClick(dialogue.vue, Qt.Key.Key_P)
    assert courant(dialogue) == "Isabelle Mathieu"
    assert etats_en_base(base, seance_30)["Géraldine Henry"] == (EtatPresence.PRESENT, None)


def test_chaque_controle_est_nomme_atteint_par_tab_et_tient_sur_l_ecran(qtbot, base, seance_30):
    dialogue = ouvrir(qtbot, Contexte(base), seance_30)
    assert _controles_sans_nom(dialogue) == []
    choix = DialogueChoixPersonne("Ajouter un invité", "Choisissez.", [(1, "Lucie Arnaud")], dialogue, recherche=True)
    qtbot.addWidget(choix)
    assert _controles_sans_nom(choix) == []
    besoin = dialogue.sizeHint().expandedTo(dialogue.minimumSizeHint())
    assert besoin.width() <= 1280 and besoin.height() <= 720
    dialogue.resize(QSize(1280, 720))
    assert dialogue.decompte.accessibleName() == dialogue.decompte.text()
    assert dialogue.quorum.accessibleName() == dialogue.quorum.text()


def test_le_modele_passe_le_testeur_de_qt(qtmodeltester, base, seance_30):
    with base.session_scope() as s:
        lignes = presences.lignes_presence(s, seance_30.seance_id)
    modele = ModelePresences()
    qtmodeltester.check(modele)
    modele.definir(lignes)
    qtmodeltester.check(modele)
    filtre = FiltreLignes(modele)
    filtre.definir_recherche("suppléant")
    qtmodeltester.check(filtre)
