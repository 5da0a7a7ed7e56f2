"""Starting the window: Qt speaks French, the last base is reopened unless one is asked for."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.ui import reglages
from app.ui.application import application_qt, choisir_base


def test_les_boutons_standard_de_qt_sont_en_francais(qtbot):
    application_qt()
    boutons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Save)
    qtbot.addWidget(boutons)
    textes = {b.text().replace("&", "") for b in boutons.buttons()}
    assert textes == {"Annuler", "Enregistrer"}
    assert QApplication.applicationName() == "Comité local"


def test_la_derniere_base_est_rouverte_sauf_demande_explicite(tmp_path):
    defaut, derniere, demandee = tmp_path / "defaut.db", tmp_path / "derniere.db", tmp_path / "demandee.db"
    assert choisir_base(defaut, explicite=False) == defaut  # nothing remembered yet
    reglages.enregistrer(reglages.Reglages(derniere_base=str(derniere)))
    assert choisir_base(defaut, explicite=False) == defaut  # remembered, but the file is gone
    derniere.write_bytes(b"")
    assert choisir_base(defaut, explicite=False) == derniere
    assert choisir_base(demandee, explicite=True) == demandee
