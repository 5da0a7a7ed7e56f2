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
        anonymisee: bool = True,
    ) -> Saisine:
        """`anonymisee`: a second person validated its text (only then may it reach an agenda)."""
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
                anonymisation_validee_par="relecture.test" if anonymisee else "",
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

    # --- Referrals through the services (saisines, workflow, recommandations) ------------------------
    # Unlike the methods above, these go through `app.services`, so that every rule of the workflow is met on
    # the way: a test starts from a referral as the secretary would have left it. Imports are local to keep
    # this block self-contained.

    SECRETAIRE = "Claire Martin"
    """Who registers the referrals of `saisine_enregistree`."""
    VALIDEUR = "Paul Girard"
    """A second person: takes the workflow's steps and validates the anonymisation."""
    REDACTEUR = "Rédactrice Avis"
    """The author of the opinions `preparer_etape` drafts."""

    @staticmethod
    def chemin_vers(statut: StatutSaisine) -> tuple[StatutSaisine, ...]:
        """The steps from « reçue » to `statut` (« clôturée »: through « transmise »)."""
        principal = (
            StatutSaisine.ACCUSEE,
            StatutSaisine.RECEVABLE,
            StatutSaisine.ANONYMISATION_VALIDEE,
            StatutSaisine.EN_INSTRUCTION,
            StatutSaisine.INSCRITE_ODJ,
            StatutSaisine.DEBATTUE,
            StatutSaisine.AVIS_ADOPTE,
            StatutSaisine.TRANSMISE,
            StatutSaisine.CLOTUREE,
        )
        if statut is StatutSaisine.RECUE:
            return ()
        if statut in (StatutSaisine.IRRECEVABLE, StatutSaisine.REORIENTEE):
            return (StatutSaisine.ACCUSEE, statut)
        return principal[: principal.index(statut) + 1]

    def pause(self, debut: str, fin: str) -> Comite:
        """The committee's summer pause (« MM-JJ », both empty: no pause); creates the committee row if needed."""
        from sqlalchemy import select

        comite = self.session.scalar(select(Comite).limit(1)) or self.comite()
        comite.pause_debut, comite.pause_fin = debut, fin
        self.session.flush()
        return comite

    def instance_ethique(self) -> Instance:
        from sqlalchemy import select

        existante = self.session.scalar(select(Instance).where(Instance.type == TypeInstance.ETHIQUE).limit(1))
        return existante or self.instance("Instance éthique", TypeInstance.ETHIQUE)

    def seance_ethique(self, date: dt.date, statut: StatutSeance = StatutSeance.TENUE) -> Seance:
        """A meeting of the ethics instance, under the next free reference of its year (whatever made the others)."""
        from app.services.seances import reference_suivante

        instance = self.instance_ethique()
        reference = reference_suivante(self.session, instance.id, date.year)
        return self.seance(instance, date, statut=statut, reference=reference)

    def _seance_a_venir(self) -> Seance | None:
        """The latest planned meeting of the ethics instance, if any."""
        from sqlalchemy import select

        return self.session.scalar(
            select(Seance)
            .join(Instance)
            .where(Instance.type == TypeInstance.ETHIQUE, Seance.statut == StatutSeance.PLANIFIEE)
            .order_by(Seance.id.desc())
            .limit(1)
        )

    def saisine_enregistree(
        self,
        recue_le: dt.date | None = None,
        *,
        par: str = SECRETAIRE,
        question: str = "Peut-on partager une information sans l'accord de la personne ?",
        contexte: str = "",
        type_demandeur: TypeDemandeur = TypeDemandeur.TRAVAILLEUR_SOCIAL,
        consentement: bool = False,
        themes: tuple[ThemeEthique, ...] = (),
    ) -> int:
        """A referral registered through `saisines.enregistrer_saisine` (received today by default); its id."""
        from app.horloge import aujourdhui
        from app.services import saisines

        fiche = saisines.FicheSaisine(
            id=0,
            recue_le=recue_le or aujourdhui(),
            canal=CanalSaisine.COURRIEL,
            type_demandeur=type_demandeur,
            question=question,
            contexte=contexte,
            themes=themes,
            consentement_publication=consentement,
        )
        return saisines.enregistrer_saisine(self.session, fiche, par).id

    def preparer_etape(self, saisine_id: int, vers: StatutSaisine) -> None:
        """What a step needs besides itself: before « inscrite à l'ordre du jour », a planned meeting of the ethics
        instance; before « débattue », the meeting of its agenda held; before « avis adopté », an opinion linked
        to it, adopted at that held meeting."""
        from sqlalchemy import select

        from app.horloge import aujourdhui
        from app.modeles import PointOrdreDuJour
        from app.services import recommandations

        if vers is StatutSaisine.INSCRITE_ODJ and self._seance_a_venir() is None:
            self.seance_ethique(aujourdhui(), StatutSeance.PLANIFIEE)
        elif vers is StatutSaisine.DEBATTUE:
            seances = select(Seance).join(PointOrdreDuJour).where(PointOrdreDuJour.saisine_id == saisine_id)
            for seance in self.session.scalars(seances):
                if seance.statut in (StatutSeance.PLANIFIEE, StatutSeance.CONVOQUEE):
                    seance.statut = StatutSeance.TENUE
            self.session.flush()
        elif vers is StatutSaisine.AVIS_ADOPTE:
            tenue = self.session.scalar(
                select(Seance)
                .join(PointOrdreDuJour)
                .where(PointOrdreDuJour.saisine_id == saisine_id, Seance.statut == StatutSeance.TENUE)
                .limit(1)
            )
            if tenue is None:
                tenue = self.seance_ethique(aujourdhui())
            fiche = recommandations.FicheRecommandation(
                id=0, nature=NatureRecommandation.AVIS, titre="Avis du comité", texte="Le comité estime que…",
                saisines=(saisine_id,),
            )  # fmt: skip
            recommandation_id = recommandations.creer_recommandation(self.session, fiche, self.REDACTEUR)
            recommandations.soumettre(self.session, recommandation_id)
            recommandations.adopter(self.session, recommandation_id, tenue.id)

    def etape(
        self, saisine_id: int, vers: StatutSaisine, le: dt.date | None = None, *, par: str = VALIDEUR
    ) -> saisines_workflow.EtatSaisine:  # noqa: F821 (imported below, to keep this block self-contained)
        """Take one step as the secretary would: a reason where one is due, the latest planned meeting of the
        ethics instance for the agenda (a new one today if none), the anonymisation validated by a second
        person. Returns the state before, for undo."""
        from app.horloge import aujourdhui
        from app.services import saisines, saisines_workflow

        if vers is StatutSaisine.ANONYMISATION_VALIDEE:
            return saisines_workflow.valider_anonymisation(self.session, saisine_id, par=par, le=le)
        statut = saisines.saisine(self.session, saisine_id).statut
        motif = f"Motif : {vers.libelle}" if saisines_workflow.motif_requis(statut, vers) else ""
        seance_id = None
        if vers is StatutSaisine.INSCRITE_ODJ:
            seance = self._seance_a_venir() or self.seance_ethique(aujourdhui(), StatutSeance.PLANIFIEE)
            seance_id = seance.id
        return saisines_workflow.passer(
            self.session, saisine_id, vers, par=par, le=le, motif=motif, seance_id=seance_id
        )

    def mener_saisine(self, saisine_id: int, jusqu_a: StatutSaisine, le: dt.date | None = None) -> None:
        """Take a registered referral along the workflow up to `jusqu_a`, every step on `le` (default today)."""
        for vers in self.chemin_vers(jusqu_a):
            self.preparer_etape(saisine_id, vers)
            self.etape(saisine_id, vers, le)

    def photo(self) -> dict[str, list[tuple[object, ...]]]:
        """Every row of every table but the journal, in key order: to check that a refused action changed nothing
        or that an undo put everything back."""
        from app.modeles import Base

        self.session.flush()
        connexion = self.session.connection()  # plain SQL: nothing to compile, so it stays cheap
        photo = {}
        for table in Base.metadata.sorted_tables:
            if table.name != "journal":
                cles = ", ".join(f'"{colonne.name}"' for colonne in table.primary_key)
                lignes = connexion.exec_driver_sql(f'SELECT * FROM "{table.name}" ORDER BY {cles}')
                photo[table.name] = [tuple(ligne) for ligne in lignes]
        return photo

    def saisine_au_statut(self, statut: StatutSaisine, recue_le: dt.date | None = None) -> int:
        """A referral registered then taken through the services up to `statut`, every step today; its id."""
        saisine_id = self.saisine_enregistree(recue_le)
        self.mener_saisine(saisine_id, statut)
        return saisine_id
