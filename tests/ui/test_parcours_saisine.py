"""A referral through the window, from its receipt to the opinion sent: registered by the secretary, its text
checked and validated by a second person, put on the ethics instance's agenda, debated, its opinion written,
adopted, refused publication until the requester's consent is recorded and the text signed off, then published,
and the opinion sent. Only the meeting's own status (tenue) is set through its service: the Séances page has its
own tests."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QListWidget, QWidget
from sqlalchemy import select

from app import db
from app.modeles import PointOrdreDuJour, Recommandation, Saisine, Seance
from app.modeles.enumerations import StatutRecommandation, StatutSaisine, StatutSeance, TypeInstance
from app.services import seances
from app.ui.fenetre_principale import PAGES, FenetrePrincipale
from app.ui.pages.recommandations import PageRecommandations
from app.ui.pages.saisines import PageSaisines
from app.ui.recommandations.dialogue_adoption import DialogueAdoption
from app.ui.recommandations.dialogue_anonymisation import DialogueAnonymisation
from app.ui.recommandations.dialogue_nouvelle import DialogueNouvelle
from app.ui.recommandations.dialogue_publication import DialoguePublication
from app.ui.saisines.dialogue_saisine import DialogueNouvelleSaisine
from app.ui.saisines.etapes import DialogueEtape
from app.ui.saisines.validation import DialogueValidation
from tests.services.fabrique import Fabrique
from tests.ui.annuaire.outils import quand_modal, taper

S = StatutSaisine
SECRETAIRE = "claire.secretariat"
RELECTRICE = "Bruno Petit"
QUESTION_BRUTE = "Mme Josiane Verdier demande si son dossier peut être transmis au bailleur. Tél. 06 12 34 56 78."
QUESTION = "Une personne accompagnée peut-elle s'opposer à la transmission de son dossier au bailleur social ?"


def _aller(fenetre: FenetrePrincipale, titre: str) -> QWidget:
    fenetre.navigation.setCurrentRow([e.titre for e in PAGES].index(titre))
    page = fenetre.page_courante()
    assert page is not None
    return page


def _etape(qtbot, page: PageSaisines, vers: StatutSaisine, vus: list[QWidget], **champs: object) -> None:
    def remplir(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueEtape) and dialogue.par.text() == SECRETAIRE
        if "motif" in champs:
            taper(qtbot, dialogue.motif, str(champs["motif"]))
        dialogue.accept()

    quand_modal(remplir, vus, DialogueEtape)
    page.boutons_etape[vers].click()
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.statut is vers)


def _statut(base: db.BaseDeDonnees) -> tuple[StatutSaisine, list[tuple[StatutSaisine, str]]]:
    with base.session_scope() as s:
        saisine = s.scalars(select(Saisine)).one()
        return saisine.statut, [(t.vers, t.par) for t in saisine.transitions]


def test_une_saisine_de_sa_reception_a_l_avis_transmis(qtbot, base, monkeypatch) -> None:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-03-02")
    monkeypatch.setattr(db, "utilisateur_systeme", lambda: SECRETAIRE)
    with base.session_scope() as s:
        f = Fabrique(s)
        f.comite(nom="Comité local de la Drôme")
        f.personne("Petit", "Bruno")
        ethique = f.instance("Instance éthique", TypeInstance.ETHIQUE)
        seance = f.seance(ethique, dt.date(2026, 3, 12), statut=StatutSeance.PLANIFIEE, reference="ETH-2026-02")
        seance.lieu = "Salle du conseil"
        seance_id = seance.id
    fenetre = FenetrePrincipale(base)
    fenetre.memoriser_en_quittant = False
    qtbot.addWidget(fenetre)
    fenetre.show()
    qtbot.waitExposed(fenetre)
    vus: list[QWidget] = []

    # 1. Received on 2 March: registered, with a first draft of its question that still identifies a person.
    page = _aller(fenetre, "Saisines")
    assert isinstance(page, PageSaisines)

    def enregistrer(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueNouvelleSaisine) and "SAI-2026-001" in dialogue.bouton_ok.toolTip()
        dialogue.accept()

    quand_modal(enregistrer, vus, DialogueNouvelleSaisine)
    page.bouton_ajouter.click()
    assert page.detail is not None and page.detail.numero == "SAI-2026-001"
    page.question.question.setPlainText(QUESTION_BRUTE)
    assert page.question.enregistrer()
    _etape(qtbot, page, S.ACCUSEE, vus)
    _etape(qtbot, page, S.RECEVABLE, vus)

    # 2. The anonymisation gate: the one who registered it may not validate; the check finds the name and the
    # phone number; the text is rewritten, then a second person validates it.
    def valider(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueValidation)
        assert len(dialogue.signalements) >= 2  # « Mme Josiane Verdier », « 06 12 34 56 78 »
        taper(qtbot, dialogue.par, SECRETAIRE)
        dialogue.accept()
        assert dialogue.isVisible() and "par une autre personne" in dialogue.messages["par"].text()
        dialogue.reject()  # back to the text, to rewrite it

    avant = len(vus)
    quand_modal(valider, vus, DialogueValidation)
    page.boutons_etape[S.ANONYMISATION_VALIDEE].click()  # saves, checks in a worker, then asks
    qtbot.waitUntil(
        lambda: len(vus) > avant and not vus[-1].isVisible() and page.question.travail is None, timeout=30_000
    )
    assert _statut(base)[0] is S.RECEVABLE
    page.question.question.setPlainText(QUESTION)
    assert page.question.enregistrer()

    def valider_propre(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueValidation) and not dialogue.signalements
        taper(qtbot, dialogue.par, RELECTRICE)
        dialogue.accept()

    quand_modal(valider_propre, vus, DialogueValidation)
    page.boutons_etape[S.ANONYMISATION_VALIDEE].click()
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.statut is S.ANONYMISATION_VALIDEE, timeout=30_000)
    assert page.question.question.isReadOnly()

    # 3. Instruction, then on the agenda of the coming ethics meeting, by its number only.
    _etape(qtbot, page, S.EN_INSTRUCTION, vus)
    _etape(qtbot, page, S.INSCRITE_ODJ, vus)
    with base.session_scope() as s:
        (point,) = s.scalars(select(PointOrdreDuJour).where(PointOrdreDuJour.seance_id == seance_id))
        assert point.titre == "Examen de la saisine SAI-2026-001"

    # 4. The meeting is held on 12 March; the referral was debated there.
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", "2026-03-12")
    with base.session_scope() as s:
        seances.changer_statut(s, seance_id, StatutSeance.CONVOQUEE, motif_urgence="Saisine à examiner.")
        seances.changer_statut(s, seance_id, StatutSeance.TENUE)
    page.rafraichir()
    _etape(qtbot, page, S.DEBATTUE, vus)
    assert S.AVIS_ADOPTE in page.detail.transitions

    # 5. The opinion: written in the Recommandations page, linked to the referral, submitted, adopted.
    page_rec = _aller(fenetre, "Recommandations")
    assert isinstance(page_rec, PageRecommandations)

    def rediger(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueNouvelle)
        taper(qtbot, dialogue.titre, "Le dossier et le bailleur social")
        liste: QListWidget = dialogue.saisines
        assert [liste.item(r).text() for r in range(liste.count())] == ["SAI-2026-001"]
        liste.item(0).setCheckState(Qt.CheckState.Checked)
        dialogue.accept()

    quand_modal(rediger, vus, DialogueNouvelle)
    page_rec.bouton_ajouter.click()
    assert vus[-1].result() == QDialog.DialogCode.Accepted
    page_rec.boutons_etape["soumettre"].click()

    def adopter(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueAdoption)
        assert dialogue.seance.currentText().startswith("ETH-2026-02")
        dialogue.accept()

    quand_modal(adopter, vus, DialogueAdoption)
    page_rec.boutons_etape["adopter"].click()
    with base.session_scope() as s:
        rec = s.scalars(select(Recommandation)).one()
        assert (rec.statut, rec.adoptee_le, rec.seance_adoption_id) == (
            StatutRecommandation.ADOPTEE,
            dt.date(2026, 3, 12),
            seance_id,
        )

    # 6. The publication gate: refused while the requester's consent is not recorded.
    publier = page_rec.boutons_etape["publier"]
    assert not publier.isEnabled() and "SAI-2026-001" in publier.toolTip() and "consentement" in publier.toolTip()

    page = _aller(fenetre, "Saisines")
    assert isinstance(page, PageSaisines)
    _etape(qtbot, page, S.AVIS_ADOPTE, vus)
    page.fiche.consentement.setChecked(True)
    assert page.fiche.enregistrer()
    with base.session_scope() as s:
        assert s.scalars(select(Saisine)).one().consentement_publication

    page_rec = _aller(fenetre, "Recommandations")
    assert isinstance(page_rec, PageRecommandations)
    publier = page_rec.boutons_etape["publier"]
    assert not publier.isEnabled() and "n'a pas été validée" in publier.toolTip()  # the sign-off is still missing

    def relire(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialogueAnonymisation)
        taper(qtbot, dialogue.par, RELECTRICE)
        dialogue.accept()

    quand_modal(relire, vus, DialogueAnonymisation)
    page_rec.boutons_etape["anonymisation"].click()
    assert publier.isEnabled()

    def publier_le(dialogue: QWidget) -> None:
        assert isinstance(dialogue, DialoguePublication)
        dialogue.accept()

    quand_modal(publier_le, vus, DialoguePublication)
    publier.click()
    with base.session_scope() as s:
        rec = s.scalars(select(Recommandation)).one()
        assert (rec.statut, rec.publiee_le, rec.anonymisation_validee_par) == (
            StatutRecommandation.PUBLIEE,
            dt.date(2026, 3, 12),
            RELECTRICE,
        )

    # 7. The opinion is sent: the referral's history holds every step, with who did it.
    page = _aller(fenetre, "Saisines")
    assert isinstance(page, PageSaisines)
    _etape(qtbot, page, S.TRANSMISE, vus)
    statut, historique = _statut(base)
    assert statut is S.TRANSMISE
    assert historique == [
        (S.RECUE, SECRETAIRE),
        (S.ACCUSEE, SECRETAIRE),
        (S.RECEVABLE, SECRETAIRE),
        (S.ANONYMISATION_VALIDEE, RELECTRICE),
        (S.EN_INSTRUCTION, SECRETAIRE),
        (S.INSCRITE_ODJ, SECRETAIRE),
        (S.DEBATTUE, SECRETAIRE),
        (S.AVIS_ADOPTE, SECRETAIRE),
        (S.TRANSMISE, SECRETAIRE),
    ]
    with base.session_scope() as s:
        assert s.get(Seance, seance_id).statut is StatutSeance.TENUE
        assert s.scalars(select(Saisine)).one().transmise_le == dt.date(2026, 3, 12)
