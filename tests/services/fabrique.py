"""A tiny builder of small committees for hand-computed tests.

It writes straight through the ORM models (no service rule in the way, so a test can build a situation the
services would refuse), but always within the base's constraints. Every method flushes and returns the object.

    f = Fabrique(session)
    pl = f.instance("Plénière", quorum=(1, 2))
    elus = f.college("Élus", ordre=1)
    anne = f.personne("Durand", "Anne")
    m = f.mandat(anne, pl, elus)
    s = f.seance(pl, dt.date(2026, 3, 5))
    f.presence(s, anne, EtatPresence.PRESENT)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TypeVar

from sqlalchemy.orm import Session

from app.modeles import (
    College,
    Comite,
    Diffusion,
    Instance,
    Mandat,
    Personne,
    Presence,
    Production,
    Recommandation,
    RetourParticipants,
    Saisine,
    SaisineTheme,
    Seance,
    Structure,
    TransitionSaisine,
)
from app.modeles.enumerations import (
    CanalDiffusion,
    CanalSaisine,
    CategorieCollege,
    EtatPresence,
    NatureRecommandation,
    NiveauRetour,
    PublicDiffusion,
    Qualite,
    QuestionRetour,
    Role,
    StatutRecommandation,
    StatutSaisine,
    StatutSeance,
    ThemeEthique,
    TypeDemandeur,
    TypeInstance,
    TypeProduction,
    TypeStructure,
    Voix,
)

T = TypeVar("T")

DEBUT_MANDATS = dt.date(2025, 1, 1)
"""Default start of a mandate: before every meeting the tests hold."""

PREFIXES = {
    TypeInstance.PLENIERE: "PL",
    TypeInstance.BUREAU: "BU",
    TypeInstance.COMITE_TECHNIQUE: "CT",
    TypeInstance.GROUPE_TRAVAIL: "GT",
    TypeInstance.ETHIQUE: "ETH",
}


class Fabrique:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._numeros: dict[str, int] = {}

    def _ajouter(self, objet: T) -> T:
        self.session.add(objet)
        self.session.flush()
        return objet

    def _suivant(self, cle: str) -> int:
        self._numeros[cle] = self._numeros.get(cle, 0) + 1
        return self._numeros[cle]

    # --- The committee and its bodies ---------------------------------------------------------------

    def comite(self, installe_le: dt.date | None = None, nom: str = "Comité local de test") -> Comite:
        return self._ajouter(Comite(nom=nom, date_installation=installe_le))

    def college(self, nom: str, categorie: CategorieCollege = CategorieCollege.AUTRE, *, ordre: int = 0) -> College:
        return self._ajouter(College(nom=nom, categorie=categorie, ordre=ordre))

    def instance(
        self,
        nom: str,
        type_: TypeInstance = TypeInstance.PLENIERE,
        *,
        quorum: tuple[int, int] = (1, 2),
        pouvoirs_comptes: bool = True,
    ) -> Instance:
        numerateur, denominateur = quorum
        return self._ajouter(
            Instance(
                nom=nom,
                type=type_,
                quorum_numerateur=numerateur,
                quorum_denominateur=denominateur,
                pouvoirs_comptes=pouvoirs_comptes,
            )
        )

    # --- The directory ------------------------------------------------------------------------------

    def structure(self, nom: str, type_: TypeStructure = TypeStructure.AUTRE) -> Structure:
        return self._ajouter(Structure(nom=nom, type=type_))

    def personne(self, nom: str, prenom: str = "Camille", *, structure: Structure | None = None) -> Personne:
        return self._ajouter(Personne(nom=nom, prenom=prenom, structure_id=None if structure is None else structure.id))

    def mandat(
        self,
        personne: Personne,
        instance: Instance,
        college: College,
        *,
        qualite: Qualite = Qualite.TITULAIRE,
        suppleant_de: Mandat | None = None,
        debut: dt.date = DEBUT_MANDATS,
        fin: dt.date | None = None,
        voix: Voix = Voix.DELIBERATIVE,
        role: Role = Role.MEMBRE,
    ) -> Mandat:
        if suppleant_de is not None:
            qualite = Qualite.SUPPLEANT
        return self._ajouter(
            Mandat(
                personne_id=personne.id,
                instance_id=instance.id,
                college_id=college.id,
                qualite=qualite,
                titulaire_id=None if suppleant_de is None else suppleant_de.id,
                role=role,
                voix=voix,
                debut=debut,
                fin=fin,
            )
        )

    def titulaires(
        self, instance: Instance, college: College, *noms: str, debut: dt.date = DEBUT_MANDATS
    ) -> list[Personne]:
        """One person per name (first name « Camille »), each with a deliberative titulaire mandate."""
        personnes = []
        for nom in noms:
            personne = self.personne(nom)
            self.mandat(personne, instance, college, debut=debut)
            personnes.append(personne)
        return personnes

    # --- Meetings -----------------------------------------------------------------------------------

    def seance(
        self,
        instance: Instance,
        date: dt.date,
        *,
        statut: StatutSeance = StatutSeance.TENUE,
        reference: str | None = None,
    ) -> Seance:
        if reference is None:
            prefixe = f"{PREFIXES[instance.type]}-{date.year}"
            reference = f"{prefixe}-{self._suivant(prefixe):02d}"
        return self._ajouter(Seance(reference=reference, instance_id=instance.id, date=date, statut=statut))

    def presence(
        self, seance: Seance, personne: Personne, etat: EtatPresence, pouvoir_a: Personne | None = None
    ) -> Presence:
        return self._ajouter(
            Presence(
                seance_id=seance.id,
                personne_id=personne.id,
                etat=etat,
                pouvoir_a_id=None if pouvoir_a is None else pouvoir_a.id,
            )
        )

    def presences(self, seance: Seance, etats: Iterable[tuple[Personne, EtatPresence]]) -> None:
        for personne, etat in etats:
            self.presence(seance, personne, etat)

    def retour(self, seance: Seance, question: QuestionRetour, niveau: NiveauRetour, nombre: int) -> RetourParticipants:
        """Participants' questionnaire: how many answered `niveau` to `question` at that meeting."""
        return self._ajouter(RetourParticipants(seance_id=seance.id, question=question, niveau=niveau, nombre=nombre))

    # --- Referrals and opinions ---------------------------------------------------------------------

    def saisine(
        self,
        recue_le: dt.date,
        *,
        statut: StatutSaisine = StatutSaisine.RECUE,
        recevable_le: dt.date | None = None,
        transmise_le: dt.date | None = None,
        themes: Iterable[ThemeEthique] = (),
    ) -> Saisine:
        rang = self._suivant(f"SAI-{recue_le.year}")
        saisine = self._ajouter(
            Saisine(
                numero=f"SAI-{recue_le.year}-{rang:03d}",
                annee=recue_le.year,
                rang=rang,
                recue_le=recue_le,
                canal=CanalSaisine.COURRIEL,
                type_demandeur=TypeDemandeur.TRAVAILLEUR_SOCIAL,
                statut=statut,
                recevable_le=recevable_le,
                transmise_le=transmise_le,
            )
        )
        for theme in themes:
            self._ajouter(SaisineTheme(saisine_id=saisine.id, theme=theme))
        return saisine

    def transition(
        self, saisine: Saisine, vers: StatutSaisine, le: dt.date, *, de: StatutSaisine | None = None
    ) -> TransitionSaisine:
        return self._ajouter(
            TransitionSaisine(
                saisine_id=saisine.id,
                de=de,
                vers=vers,
                le=le,
                horodatage=dt.datetime.combine(le, dt.time(12, 0)),
            )
        )

    def recommandation(
        self,
        *,
        statut: StatutRecommandation = StatutRecommandation.PROJET,
        adoptee_le: dt.date | None = None,
        publiee_le: dt.date | None = None,
        annee: int = 2026,
    ) -> Recommandation:
        rang = self._suivant(f"REC-{annee}")
        return self._ajouter(
            Recommandation(
                numero=f"REC-{annee}-{rang:03d}",
                annee=annee,
                rang=rang,
                nature=NatureRecommandation.AVIS,
                titre=f"Avis {rang}",
                statut=statut,
                adoptee_le=adoptee_le,
                publiee_le=publiee_le,
            )
        )

    # --- Productions --------------------------------------------------------------------------------

    def production(self, type_: TypeProduction, date: dt.date, titre: str = "Production") -> Production:
        return self._ajouter(Production(type=type_, titre=titre, date=date))

    def diffusion(
        self,
        production: Production,
        canal: CanalDiffusion,
        date: dt.date,
        *,
        public: PublicDiffusion = PublicDiffusion.TRAVAILLEURS_SOCIAUX,
        nombre_atteint: int | None = None,
    ) -> Diffusion:
        return self._ajouter(
            Diffusion(production_id=production.id, canal=canal, public=public, date=date, nombre_atteint=nombre_atteint)
        )
