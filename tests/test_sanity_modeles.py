import datetime as dt

import pytest
from sqlalchemy.exc import IntegrityError

from app.modeles import College, Instance, Mandat, Personne
from app.modeles.enumerations import CategorieCollege, Qualite, TypeInstance


def test_suppleant_doit_suivre_un_titulaire_de_la_meme_instance(base):
    with base.session_scope() as s:
        c = College(nom="TS", categorie=CategorieCollege.TRAVAILLEURS_SOCIAUX)
        pl = Instance(nom="Plénière", type=TypeInstance.PLENIERE)
        bu = Instance(nom="Bureau", type=TypeInstance.BUREAU)
        a, b = Personne(nom="Martin", prenom="Anne"), Personne(nom="Durand", prenom="Paul")
        s.add_all([c, pl, bu, a, b])
        s.flush()
        titulaire = Mandat(personne=a, instance=pl, college=c, qualite=Qualite.TITULAIRE, debut=dt.date(2025, 1, 1))
        s.add(titulaire)
        s.flush()
        ids = (titulaire.id, b.id, bu.id, c.id, pl.id)
    t_id, b_id, bu_id, c_id, pl_id = ids
    with pytest.raises(IntegrityError), base.session_scope() as s:
        s.add(
            Mandat(
                personne_id=b_id,
                instance_id=bu_id,
                college_id=c_id,
                qualite=Qualite.SUPPLEANT,
                titulaire_id=t_id,
                debut=dt.date(2025, 1, 1),
            )
        )
    with base.session_scope() as s:
        s.add(
            Mandat(
                personne_id=b_id,
                instance_id=pl_id,
                college_id=c_id,
                qualite=Qualite.SUPPLEANT,
                titulaire_id=t_id,
                debut=dt.date(2025, 1, 1),
            )
        )


def test_fin_de_mandat_avant_debut_refusee(base):
    with base.session_scope() as s:
        c = College(nom="TS", categorie=CategorieCollege.TRAVAILLEURS_SOCIAUX)
        pl = Instance(nom="Plénière", type=TypeInstance.PLENIERE)
        a = Personne(nom="Martin", prenom="Anne")
        s.add_all([c, pl, a])
    with pytest.raises(IntegrityError), base.session_scope() as s:
        s.add(
            Mandat(
                personne_id=1,
                instance_id=1,
                college_id=1,
                qualite=Qualite.TITULAIRE,
                debut=dt.date(2025, 1, 1),
                fin=dt.date(2024, 1, 1),
            )
        )
