"""The convocation read back: meeting, agenda, proxies, quorum, urgency and second-convocation notices."""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.documents.convocation import convocation_pdf
from app.documents.donnees import RegleQuorumTexte
from tests.documents import exemples
from tests.documents.outils import contient, texte, texte_exemple


def test_la_seance_et_qui_convoque() -> None:
    t = texte_exemple("convocation.pdf")
    for attendu in (
        "Convocation",
        "Assemblée plénière — séance PL-2026-02",
        "Jeudi 5 mars 2026",
        "De 14 h à 16 h 30",
        "Hôtel du Département, salle Émile-Loubet",
        "https://visio.ladrome.fr/rendez-vous/cltsds-pleniere-2026-02?mdp=Xy7-qP2",
        "Mixte",
        "Convoquée par",
        "Hélène Marchand, présidente du comité",
        exemples.COMITE,
    ):
        assert contient(t, attendu), attendu


def test_l_ordre_du_jour_numerote() -> None:
    t = texte_exemple("convocation.pdf")
    for point in exemples.POINTS:
        assert contient(t, point.titre), point.titre
        assert contient(t, point.nature)
        if point.rapporteur:
            assert contient(t, point.rapporteur)
    assert contient(t, "Saisine SAI-2026-004")
    assert contient(t, "Recommandation REC-2026-002")
    assert contient(t, "40 min") and contient(t, "10 min")


def test_pouvoirs_suppleance_et_quorum() -> None:
    t = texte_exemple("convocation.pdf")
    assert contient(t, "prévenez votre suppléant ou votre suppléante")
    assert contient(t, "Un même membre ne peut pas porter plus d'un pouvoir.")
    assert contient(t, "Les pouvoirs sont pris en compte dans le calcul du quorum.")
    assert contient(t, "Sandrine Collet, cltsds@ladrome.fr, 04 75 79 00 00")
    assert contient(t, "au moins 15 voix sont réunies")
    assert contient(t, "la moitié des 30 sièges à voix délibérative")
    assert not contient(t, "Convocation adressée en urgence")
    assert not contient(t, "Seconde convocation")


def test_pouvoirs_non_comptes_et_fraction_arrondie() -> None:
    regle = RegleQuorumTexte(numerateur=2, denominateur=3, pouvoirs_comptes=False, attendus=31, requis=21)
    c = dataclasses.replace(exemples.convocation(), quorum=regle, pouvoirs_max_par_porteur=2, secretariat="")
    t = texte(convocation_pdf(c))
    assert contient(t, "Les pouvoirs ne sont pas pris en compte dans le calcul du quorum.")
    assert contient(t, "au moins 21 voix sont réunies (membres présents ou suppléés)")
    assert contient(t, "les deux tiers des 31 sièges à voix délibérative, arrondie à l'unité supérieure")
    assert contient(t, "plus de 2 pouvoirs")
    assert contient(t, "adressez-vous au secrétariat du comité.")


def test_convocation_en_urgence() -> None:
    t = texte_exemple("convocation-urgente.pdf")
    assert contient(t, "Convocation adressée en urgence")
    assert contient(t, "Le délai de convocation de cette instance est de 10 jours")
    assert contient(t, "avis demandé par le Haut Conseil du travail social avant le 10 mars")


def test_seconde_convocation_sans_quorum_requis() -> None:
    t = texte_exemple("convocation-seconde.pdf")
    assert contient(t, "Seconde convocation")
    assert contient(t, "La séance PL-2026-01 du 12 février 2026 n'a pas atteint le quorum.")
    assert contient(t, "aucun quorum n'est requis")
    assert not contient(t, "délibère valablement si au moins")
    assert not contient(t, "calcul du quorum")


def test_rien_de_ce_qui_manque_n_est_imprime() -> None:
    c = exemples.convocation()
    reunion = dataclasses.replace(c.reunion, lieu="", lien_visio="", heure_debut=None, heure_fin=None, format="")
    t = texte(convocation_pdf(dataclasses.replace(c, reunion=reunion, points=c.points[:1])))
    for absent in ("Lieu", "Visioconférence", "Horaire", "Format", exemples.POINTS[1].titre, "SAI-2026-004"):
        assert not contient(t, absent), absent


def test_premier_du_mois_et_convocation_sans_point() -> None:
    c = exemples.convocation()
    reunion = dataclasses.replace(c.reunion, date=dt.date(2026, 4, 1))
    t = texte(convocation_pdf(dataclasses.replace(c, reunion=reunion, points=())))
    assert contient(t, "Mercredi 1er avril 2026")
    assert contient(t, "Aucun point n'est encore inscrit à l'ordre du jour.")
