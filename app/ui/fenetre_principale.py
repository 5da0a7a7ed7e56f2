"""The main window. For now a summary of the open base; the pages come with the interface issue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget
from sqlalchemy import func, select

from app import NOM_APPLICATION, db
from app.modeles import Comite, Instance, Mandat, Personne, Seance, Structure


def resume_base(base: db.BaseDeDonnees) -> list[tuple[str, int]]:
    with base.session_scope() as session:

        def compter(modele: type) -> int:
            return int(session.scalar(select(func.count()).select_from(modele)) or 0)

        return [
            ("Structures", compter(Structure)),
            ("Personnes", compter(Personne)),
            ("Mandats", compter(Mandat)),
            ("Instances", compter(Instance)),
            ("Séances", compter(Seance)),
        ]


def nom_comite(base: db.BaseDeDonnees) -> str:
    with base.session_scope() as session:
        return session.scalar(select(Comite.nom).order_by(Comite.id).limit(1)) or "Comité sans nom"


class FenetrePrincipale(QMainWindow):
    def __init__(self, base: db.BaseDeDonnees) -> None:
        super().__init__()
        self.base = base
        self.setWindowTitle(f"{NOM_APPLICATION} — {base.chemin.name}")
        self.resize(1100, 700)
        centre = QWidget(self)
        disposition = QVBoxLayout(centre)
        titre = QLabel(f"<h2>{nom_comite(base)}</h2>")
        titre.setTextFormat(Qt.TextFormat.RichText)
        disposition.addWidget(titre)
        lignes = "".join(f"<tr><td>{libelle}</td><td align='right'>{n}</td></tr>" for libelle, n in resume_base(base))
        tableau = QLabel(f"<table cellpadding='4'>{lignes}</table>")
        disposition.addWidget(tableau)
        disposition.addStretch(1)
        self.setCentralWidget(centre)
        self.statusBar().showMessage(f"Base : {base.chemin}")
