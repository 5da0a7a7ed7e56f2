"""The register of referrals as a table model: one row per referral, its running deadline and its delay.

A late referral's « Retard » is drawn in red and bold: the colour is not the only sign (the cell says how many
days), but it is what the eye catches first in a register of a dozen lines.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.format_fr import ESPACE_INSECABLE, date_avec_jour, date_longue, nombre
from app.modeles.enumerations import StatutSaisine
from app.services.saisines_lecture import LigneSaisine
from app.ui.annuaire.modeles import date_courte, tri_date
from app.ui.comite.champs import COULEUR_ERREUR
from app.ui.tableau_lignes import Colonne, Index, ModeleLignes

TIRET = "—"
COLONNE_NUMERO = 0
COLONNE_RETARD = 7
STATUTS_ESTOMPES = frozenset({StatutSaisine.CLOTUREE})


def jours(n: int) -> str:
    """« 1 jour », « 12 jours »."""
    return f"{nombre(n)}{ESPACE_INSECABLE}jour{'s' if n > 1 else ''}"


def texte_echeance(s: LigneSaisine) -> str:
    if s.echeance is None:
        return TIRET
    return f"{s.echeance.libelle}{ESPACE_INSECABLE}: {date_courte(s.echeance.le)}"


def infobulle_echeance(s: LigneSaisine) -> str:
    if s.echeance is None:
        return "Aucun délai ne court : la saisine est sortie du circuit ou son avis a été transmis."
    quoi = "L'accusé de réception est attendu" if s.echeance.accuse else "L'avis est attendu"
    return f"{quoi} au plus tard le {date_avec_jour(s.echeance.le)}."


def texte_retard(s: LigneSaisine) -> str:
    return jours(s.jours_de_retard) if s.jours_de_retard > 0 else ""


def infobulle_retard(s: LigneSaisine) -> str:
    if s.echeance is None:
        return "Aucun délai ne court."
    if s.jours_de_retard <= 0:
        return f"Dans les délais (échéance le {date_longue(s.echeance.le)})."
    quoi = "de l'accusé de réception" if s.echeance.accuse else "de l'avis"
    return f"En retard de {jours(s.jours_de_retard)} sur l'échéance {quoi}, le {date_longue(s.echeance.le)}."


def infobulle_hcts(s: LigneSaisine) -> str:
    if s.escaladee_hcts_le is None:
        return "Pas de transmission à la commission éthique du HCTS."
    return f"Transmise à la commission éthique du HCTS le {date_longue(s.escaladee_hcts_le)}."


def infobulle_numero(s: LigneSaisine) -> str:
    lignes = [f"{s.numero} — {s.statut.libelle}"]
    if s.themes:
        lignes.append(f"Thèmes : {s.themes}")
    lignes.append(f"Rapporteurs : {s.rapporteurs}" if s.rapporteurs else "Aucun rapporteur désigné")
    return "\n".join(lignes)


COLONNES: tuple[Colonne[LigneSaisine], ...] = (
    Colonne("Numéro", lambda s: s.numero, lambda s: f"{s.annee:04d}-{s.rang:06d}", infobulle_numero),
    Colonne(
        "Reçue le",
        lambda s: date_courte(s.recue_le),
        lambda s: f"{tri_date(s.recue_le)} {s.annee:04d}-{s.rang:06d}",
        lambda s: date_avec_jour(s.recue_le),
    ),
    Colonne("Demandeur", lambda s: s.type_demandeur),
    Colonne("Canal", lambda s: s.canal),
    Colonne("Thèmes", lambda s: s.themes or TIRET, infobulle=lambda s: s.themes or "Aucun thème indiqué"),
    Colonne("Statut", lambda s: s.statut.libelle, lambda s: list(StatutSaisine).index(s.statut)),
    Colonne(
        "Échéance",
        texte_echeance,
        lambda s: tri_date(s.echeance.le if s.echeance else None, vide="9999"),
        infobulle_echeance,
    ),
    Colonne("Retard", texte_retard, lambda s: s.jours_de_retard, infobulle_retard, a_droite=True),
    Colonne(
        "HCTS",
        lambda s: date_courte(s.escaladee_hcts_le),
        lambda s: tri_date(s.escaladee_hcts_le),
        infobulle_hcts,
    ),
)


def cle_recherche(s: LigneSaisine) -> str:
    return " ".join((s.numero, s.themes, s.type_demandeur, s.canal, s.statut.libelle, s.rapporteurs))


class ModeleSaisines(ModeleLignes[LigneSaisine]):
    """The register; a late referral's delay in red and bold."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLONNES, cle_recherche, lambda s: s.statut in STATUTS_ESTOMPES, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (
            index.isValid()
            and index.column() == COLONNE_RETARD
            and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole)
            and 0 <= index.row() < len(self.lignes)
            and self.lignes[index.row()].jours_de_retard > 0
        ):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(COULEUR_ERREUR))
            gras = QFont()
            gras.setBold(True)
            return gras
        return super().data(index, role)
