"""Everything held about a person (JSON and PDF export), and erasure except what archived minutes keep."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from app import db
from app.erreurs import ErreurConnue
from app.modeles import (
    Action,
    EffacementPersonne,
    Journal,
    Mandat,
    Personne,
    PointOrdreDuJour,
    Presence,
    Seance,
)
from app.modeles.enumerations import EtatPresence, MotifFinMandat, StatutSeance
from app.services import donnees_personnelles as dp
from app.services.journal_masquage import MASQUE
from tests.services.fabrique import Fabrique

AUJOURDHUI = "2026-05-20"


@pytest.fixture(autouse=True)
def _aujourdhui(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMITE_LOCAL_AUJOURDHUI", AUJOURDHUI)


def _comite(base: db.BaseDeDonnees) -> dict[str, int]:
    """Anne Martin sat at a held meeting (chair, proxy held, rapporteur, action) and is expected at a planned
    one; Bruno Petit gave her his proxy; Chloé Durand only has a mandate and a planned attendance."""
    with base.session_scope() as s:
        f = Fabrique(s)
        f.comite(nom="Comité de la Drôme")
        pl = f.instance("Plénière")
        ts = f.college("Travailleurs sociaux")
        ccas = f.structure("CCAS de Valence")
        anne = f.personne("Martin", "Anne", structure=ccas)
        anne.fonction, anne.courriel, anne.telephone = "Assistante sociale", "anne@exemple.fr", "06 12 34 56 78"
        anne.besoins_accessibilite = "Boucle magnétique"
        bruno = f.personne("Petit", "Bruno")
        chloe = f.personne("Durand", "Chloé")
        chloe.courriel = "chloe@exemple.fr"
        m_anne = f.mandat(anne, pl, ts)
        f.mandat(bruno, pl, ts, suppleant_de=m_anne)
        f.mandat(chloe, pl, ts)
        tenue = f.seance(pl, dt.date(2026, 3, 5), reference="PL-2026-01")
        tenue.president_seance_id = anne.id
        f.presence(tenue, anne, EtatPresence.PRESENT)
        f.presence(tenue, bruno, EtatPresence.REPRESENTE, pouvoir_a=anne)
        point = PointOrdreDuJour(seance_id=tenue.id, rang=1, titre="Bilan du premier accueil", rapporteur_id=anne.id)
        s.add(point)
        s.flush()
        s.add(
            Action(
                texte="Envoyer le bilan",
                responsable_id=anne.id,
                seance_origine_id=tenue.id,
                echeance=dt.date(2026, 4, 1),
            )
        )
        prevue = f.seance(pl, dt.date(2026, 6, 18), statut=StatutSeance.CONVOQUEE, reference="PL-2026-02")
        prevue.secretaire_seance_id = anne.id
        f.presence(prevue, anne, EtatPresence.EXCUSE)
        f.presence(prevue, bruno, EtatPresence.REPRESENTE, pouvoir_a=anne)
        f.presence(prevue, chloe, EtatPresence.PRESENT)
        s.add(Action(texte="Préparer la prochaine séance", responsable_id=chloe.id))
        s.flush()
        return {
            "anne": anne.id,
            "bruno": bruno.id,
            "chloe": chloe.id,
            "tenue": tenue.id,
            "prevue": prevue.id,
            "m_anne": m_anne.id,
        }


# --- what is held ---------------------------------------------------------------------------------------------


def test_tout_sur_une_personne(base) -> None:
    ids = _comite(base)
    with base.session_scope() as s:
        d = dp.tout_sur(s, ids["anne"])
    assert d["comite"] == "Comité de la Drôme"
    assert d["produit_le"] == AUJOURDHUI
    assert d["personne"] == {
        "nom": "Martin",
        "prenom": "Anne",
        "fonction": "Assistante sociale",
        "structure": "CCAS de Valence",
        "courriel": "anne@exemple.fr",
        "telephone": "06 12 34 56 78",
        "besoins_accessibilite": "Boucle magnétique",
        "coordonnees_effacees_le": None,
        "efface_le": None,
    }
    (mandat,) = d["mandats"]
    assert (mandat["instance"], mandat["college"], mandat["qualite"], mandat["debut"], mandat["fin"]) == (
        "Plénière",
        "Travailleurs sociaux",
        "Titulaire",
        "2025-01-01",
        None,
    )
    assert [(p["reference"], p["etat"], p["pouvoir_recu_de"]) for p in d["presences"]] == [
        ("PL-2026-01", "Présent", ""),
        ("PL-2026-01", "", "Bruno Petit"),
        ("PL-2026-02", "Excusé", ""),
        ("PL-2026-02", "", "Bruno Petit"),
    ]
    assert [(r["reference"], r["role"]) for r in d["roles_en_seance"]] == [
        ("PL-2026-01", "Présidence de séance"),
        ("PL-2026-02", "Secrétariat de séance"),
    ]
    assert [(p["reference"], p["titre"]) for p in d["points_rapportes"]] == [("PL-2026-01", "Bilan du premier accueil")]
    assert [(a["texte"], a["echeance"], a["seance"]) for a in d["actions"]] == [
        ("Envoyer le bilan", "2026-04-01", "PL-2026-01")
    ]
    entites = {e["entite"] for e in d["journal"]}
    assert {"Personne", "Mandat", "Presence"} <= entites
    # The journal masks contact details when it writes: masked they stay in the export.
    fiche = next(e for e in d["journal"] if e["entite"] == "Personne" and e["operation"] == "Création")
    assert fiche["details"]["courriel"] == MASQUE


def test_le_suppleant_et_les_pouvoirs_donnes(base) -> None:
    ids = _comite(base)
    with base.session_scope() as s:
        d = dp.tout_sur(s, ids["bruno"])
    assert d["mandats"][0]["suppleant_de"] == "Anne Martin"
    assert [(p["reference"], p["etat"], p["pouvoir_donne_a"]) for p in d["presences"]] == [
        ("PL-2026-01", "Représenté", "Anne Martin"),
        ("PL-2026-02", "Représenté", "Anne Martin"),
    ]


def test_l_export_json_est_stable_trie_et_en_utf8(base) -> None:
    ids = _comite(base)
    with base.session_scope() as s:
        premier = dp.export_json(s, ids["anne"])
        second = dp.export_json(s, ids["anne"])
    assert premier == second
    texte = premier.decode("utf-8")
    assert "Boucle magnétique" in texte and "\\u" not in texte
    assert texte.endswith("}\n")
    donnees = json.loads(texte)
    assert list(donnees) == sorted(donnees)
    assert list(donnees["personne"]) == sorted(donnees["personne"])


def test_l_export_pdf(base) -> None:
    from tests.documents.outils import contient, texte

    ids = _comite(base)
    with base.session_scope() as s:
        pdf = dp.export_pdf(s, ids["anne"])
    assert pdf.startswith(b"%PDF")
    lu = texte(pdf)
    for attendu in (
        "Vos données personnelles",
        "Anne Martin",
        "anne@exemple.fr",
        "5 mars 2026",
        "Bilan du premier accueil",
    ):
        assert contient(lu, attendu), attendu


def test_une_personne_inconnue(base) -> None:
    with pytest.raises(ErreurConnue, match="n'existe plus"), base.session_scope() as s:
        dp.tout_sur(s, 999)


def test_nom_de_fichier(base) -> None:
    ids = _comite(base)
    with base.session_scope() as s:
        assert dp.nom_de_fichier(s, ids["chloe"], "json") == f"donnees-Durand-Chloé-{AUJOURDHUI}.json"


# --- erasure --------------------------------------------------------------------------------------------------


def test_la_portee_dit_ce_qui_est_garde(base) -> None:
    ids = _comite(base)
    with base.session_scope() as s:
        anne = dp.portee_effacement(s, ids["anne"])
        chloe = dp.portee_effacement(s, ids["chloe"])
    assert anne.conserve_le_nom and not chloe.conserve_le_nom
    assert anne.archives == (
        "feuille de présence de 1 séance tenue",
        "présidence ou secrétariat de 1 séance",
        "rapporteur de 1 point d'ordre du jour",
        "1 action décidée en séance",
    )
    assert (anne.mandats_en_cours, anne.a_venir) == (1, 1)
    assert "seuls le nom, le prénom et la structure sont conservés" in anne.texte()
    assert "Son mandat en cours prend fin aujourd'hui." in anne.texte()
    assert "sa fiche sera supprimée entièrement" in chloe.texte()


def test_effacer_une_personne_des_proces_verbaux_garde_son_nom_seulement(base) -> None:
    ids = _comite(base)
    with base.session_scope() as s:
        phrase = dp.effacer_personne(s, ids["anne"])
    assert phrase.startswith(
        "Anne Martin : fonction, coordonnées et besoins d'accessibilité effacés ; 1 mandat terminé"
    )
    with base.session_scope() as s:
        anne = s.get(Personne, ids["anne"])
        assert (anne.nom, anne.prenom, anne.structure.nom) == ("Martin", "Anne", "CCAS de Valence")
        assert (anne.fonction, anne.courriel, anne.telephone, anne.besoins_accessibilite) == ("", "", "", "")
        marque = s.get(EffacementPersonne, ids["anne"])
        assert marque.efface_le == dt.date(2026, 5, 20)
        mandat = s.get(Mandat, ids["m_anne"])
        assert (mandat.fin, mandat.motif_fin) == (dt.date(2026, 5, 20), MotifFinMandat.AUTRE)
        # The held meeting still reads right.
        tenue = s.get(Seance, ids["tenue"])
        assert tenue.president_seance_id == ids["anne"]
        assert {(p.personne_id, p.pouvoir_a_id) for p in tenue.presences} == {
            (ids["anne"], None),
            (ids["bruno"], ids["anne"]),
        }
        assert s.scalar(select(Action.responsable_id).where(Action.texte == "Envoyer le bilan")) == ids["anne"]
        # What was planned goes: her attendance, the proxy she would have held, her role.
        prevue = s.get(Seance, ids["prevue"])
        assert prevue.secretaire_seance_id is None
        etats = {p.personne_id: (p.etat, p.pouvoir_a_id) for p in prevue.presences}
        assert ids["anne"] not in etats
        assert etats[ids["bruno"]] == (EtatPresence.EXCUSE, None)
        # The journal keeps no value of what was erased.
        details = " ".join(
            s.scalars(select(Journal.details).where(Journal.entite == "Personne", Journal.entite_id == ids["anne"]))
        )
        for efface in ("Assistante sociale", "anne@exemple.fr", "06 12", "Boucle"):
            assert efface not in details
        assert '"effacement": "partiel"' in details


def test_le_journal_de_l_export_nomme_ce_que_ses_numeros_designent(base) -> None:
    import io

    from pypdf import PdfReader

    ids = _comite(base)
    with base.session_scope() as s:
        donnees = dp.tout_sur(s, ids["anne"])
        pdf = dp.export_pdf(s, ids["anne"])
    presences = [e for e in donnees["journal"] if e["entite"] == "Presence"]
    assert presences
    seances = {nom for e in presences for nom in e["references"].get("seance_id", {}).values()}
    assert any(nom.startswith("PL-2026-01") for nom in seances), seances
    texte = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "séance : PL-2026-01" in " ".join(texte.split())
    assert "état : Présent" in " ".join(texte.split())


def test_l_annuaire_dit_qu_une_personne_a_ete_effacee(base) -> None:
    from app.services.annuaire_lecture import lire_personnes

    ids = _comite(base)
    with base.session_scope() as s:
        dp.effacer_personne(s, ids["anne"])
    with base.session_scope() as s:
        lignes = {ligne.id: ligne for ligne in lire_personnes(s, dt.date(2026, 5, 21))}
    assert lignes[ids["anne"]].effacement == "Personne effacée le 20 mai 2026"
    assert lignes[ids["bruno"]].effacement == ""


def test_effacer_une_personne_absente_des_seances_tenues_la_supprime(base) -> None:
    ids = _comite(base)
    with base.session_scope() as s:
        phrase = dp.effacer_personne(s, ids["chloe"])
    assert phrase == "Chloé Durand : fiche supprimée avec ses mandats ; son nom est masqué dans le journal."
    with base.session_scope() as s:
        assert s.get(Personne, ids["chloe"]) is None
        assert s.scalar(select(func.count()).select_from(Mandat).where(Mandat.personne_id == ids["chloe"])) == 0
        assert s.scalar(select(func.count()).select_from(Presence).where(Presence.personne_id == ids["chloe"])) == 0
        assert s.scalar(select(Action.responsable_id).where(Action.texte == "Préparer la prochaine séance")) is None
        details = " ".join(
            s.scalars(select(Journal.details).where(Journal.entite == "Personne", Journal.entite_id == ids["chloe"]))
        )
        assert "Durand" not in details and "Chloé" not in details and "chloe@" not in details
        assert '"effacement": "total"' in details


def test_effacer_le_titulaire_d_un_suppleant_sans_seance_tenue(base) -> None:
    with base.session_scope() as s:
        f = Fabrique(s)
        pl, ts = f.instance("Plénière"), f.college("TS")
        titulaire, suppleant = f.personne("Roux", "Hélène"), f.personne("Morel", "Sophie")
        m = f.mandat(titulaire, pl, ts)
        m_suppleant = f.mandat(suppleant, pl, ts, suppleant_de=m)
        ids = titulaire.id, m_suppleant.id
    with base.session_scope() as s:
        dp.effacer_personne(s, ids[0])
    with base.session_scope() as s:
        assert s.get(Personne, ids[0]) is None
        assert s.get(Mandat, ids[1]).titulaire_id is None  # « sans titulaire », the seat stays


def test_un_effacement_n_est_pas_refait(base) -> None:
    ids = _comite(base)
    with base.session_scope() as s:
        dp.effacer_personne(s, ids["anne"])
    with base.session_scope() as s:
        d = dp.tout_sur(s, ids["anne"])
        assert d["personne"]["efface_le"] == AUJOURDHUI
        assert d["personne"]["coordonnees_effacees_le"] == AUJOURDHUI
        assert d["mandats"][0]["fin"] == AUJOURDHUI
    with pytest.raises(ErreurConnue, match="n'existe plus"), base.session_scope() as s:
        dp.effacer_personne(s, 999)
