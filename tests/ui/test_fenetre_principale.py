from app.ui.fenetre_principale import FenetrePrincipale


def test_la_fenetre_s_ouvre_sur_une_base_et_se_ferme(qtbot, base):
    fenetre = FenetrePrincipale(base)
    qtbot.addWidget(fenetre)
    fenetre.show()
    qtbot.waitExposed(fenetre)
    assert fenetre.windowTitle().startswith("Comité local")
    assert str(base.chemin) in fenetre.statusBar().currentMessage()
    fenetre.close()
