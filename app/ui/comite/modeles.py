"""Table models of the Comité page: collèges and instances, in their own order (rows numbered by the header).

Each holds plain rows (`CollegeLu`, `InstanceLue`) read in one transaction; rows are found again by id after a
reload so that the selection survives an edit, an undo or a redo.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt

from app.format_fr import nombre, oui_non
from app.services.comite import CollegeLu, InstanceLue, texte_quorum
from app.ui.tableau_lignes import Colonne, L, ModeleLignes


class ModeleOrdonne(ModeleLignes[L]):
    """Rows in the order the committee chose; the vertical header numbers them 1, 2, 3…"""

    def __init__(self, colonnes: Sequence[Colonne[L]], parent: QObject | None = None) -> None:
        super().__init__(colonnes, lambda _ligne: "", parent=parent)  # no search box on these lists

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1) if 0 <= section < len(self.lignes) else None
        return super().headerData(section, orientation, role)


def _nombre_ou_tiret(valeur: int) -> str:
    return nombre(valeur) if valeur else "—"


def _delai(jours: int) -> str:
    return f"{jours} jour" if jours < 2 else f"{jours} jours"


def _pouvoirs(instance: InstanceLue) -> str:
    if not instance.pouvoirs_comptes:
        return "Les pouvoirs ne comptent pas dans le quorum."
    n = instance.pouvoirs_max_par_porteur
    return f"Les pouvoirs comptent dans le quorum ; {n} pouvoir{'s' if n > 1 else ''} au plus par porteur."


def _quorum(instance: InstanceLue) -> str:
    if instance.quorum_numerateur == 0:
        return "Aucun quorum : l'instance délibère quel que soit le nombre de présents."
    return (
        f"Quorum atteint quand au moins {instance.quorum_numerateur}/{instance.quorum_denominateur} "
        "des sièges attendus sont présents ou suppléés."
    )


def modele_colleges(parent: QObject | None = None) -> ModeleOrdonne[CollegeLu]:
    return ModeleOrdonne(
        [
            Colonne[CollegeLu]("Nom", lambda c: c.nom),
            Colonne[CollegeLu]("Catégorie", lambda c: c.categorie.libelle),
            Colonne[CollegeLu](
                "Mandats",
                lambda c: _nombre_ou_tiret(c.mandats),
                infobulle=lambda c: f"{nombre(c.mandats)} mandat(s) rattaché(s), anciens compris",
                a_droite=True,
            ),
        ],
        parent,
    )


def modele_instances(parent: QObject | None = None) -> ModeleOrdonne[InstanceLue]:
    return ModeleOrdonne(
        [
            Colonne[InstanceLue]("Nom", lambda i: i.nom),
            Colonne[InstanceLue]("Type", lambda i: i.type.libelle),
            Colonne[InstanceLue]("Niveau", lambda i: i.niveau.libelle if i.niveau is not None else "—"),
            Colonne[InstanceLue](
                "Quorum",
                lambda i: texte_quorum(i.quorum_numerateur, i.quorum_denominateur),
                infobulle=_quorum,
                a_droite=True,
            ),
            Colonne[InstanceLue]("Pouvoirs comptés", lambda i: oui_non(i.pouvoirs_comptes), infobulle=_pouvoirs),
            Colonne[InstanceLue](
                "Délai de convocation",
                lambda i: _delai(i.delai_convocation_jours),
                infobulle=lambda i: f"Convocation envoyée au moins {_delai(i.delai_convocation_jours)} avant la séance",
                a_droite=True,
            ),
            Colonne[InstanceLue]("Mandats", lambda i: _nombre_ou_tiret(i.mandats), a_droite=True),
            Colonne[InstanceLue]("Séances", lambda i: _nombre_ou_tiret(i.seances), a_droite=True),
        ],
        parent,
    )
