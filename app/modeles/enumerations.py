"""Every enumeration of the domain, each code with its French label (CONCEPTION §2).

Codes are stored in the base; labels are what people read and may type in an import workbook.
"""

from __future__ import annotations

import enum
from typing import Self, cast


class EnumLibelle(enum.StrEnum):
    """A string enumeration whose members carry a French label: ``MEMBRE = "code", "Libellé"``."""

    libelle: str

    def __new__(cls, code: str, libelle: str) -> EnumLibelle:
        membre = str.__new__(cls, code)
        membre._value_ = code
        membre.libelle = libelle
        return membre

    @classmethod
    def de_code(cls, code: str) -> Self:
        """The member whose stored code is `code` (ValueError otherwise); typed, unlike ``cls(code)``."""
        membre = cls._value2member_map_.get(code)
        if membre is None:
            raise ValueError(f"{code!r} n'est pas un code de {cls.__name__}")
        return cast(Self, membre)


class TypeTerritoire(EnumLibelle):
    DEPARTEMENT = "departement", "Département"
    REGION = "region", "Région"
    METROPOLE = "metropole", "Métropole"
    EPCI = "epci", "EPCI"
    COMMUNE = "commune", "Commune"
    INTERDEPARTEMENTAL = "interdepartemental", "Interdépartemental"


class NatureComite(EnumLibelle):
    CREATION = "creation", "Création"
    INSTANCE_EXISTANTE = "instance_existante", "Instance existante"


class ModePresidence(EnumLibelle):
    STRUCTURE_PORTEUSE = "structure_porteuse", "Structure porteuse"
    TOURNANTE = "tournante", "Tournante"
    COLLEGIALE = "collegiale", "Collégiale"
    ELUE = "elue", "Élue"


class Mission(EnumLibelle):
    """The catalogue of the mandate (section 2.c of the HCTS mandate)."""

    ETHIQUE_DEONTOLOGIE = "ethique_deontologie", "Instance d'éthique et de déontologie"
    ANALYSE_PARTAGEE = "analyse_partagee", "Analyse partagée des évolutions du travail social"
    SCHEMA_REGIONAL_FORMATIONS = (
        "schema_regional_formations",
        "Contributions au schéma régional des formations sociales",
    )
    PROJETS_OPERATIONNELS = "projets_operationnels", "Lieu d'échanges sur des projets opérationnels"
    RECHERCHE = "recherche", "Valorisation de la recherche en travail social"
    DEVELOPPEMENT_SOCIAL = "developpement_social", "Expérimentations en développement social"


class CategorieCollege(EnumLibelle):
    ELUS_DECIDEURS = "elus_decideurs", "Élus et décideurs"
    INSTITUTIONS_EMPLOYEURS = "institutions_employeurs", "Institutions et employeurs"
    TRAVAILLEURS_SOCIAUX = "travailleurs_sociaux", "Travailleurs sociaux"
    PERSONNES_ACCOMPAGNEES = "personnes_accompagnees", "Personnes accompagnées"
    FORMATION_RECHERCHE = "formation_recherche", "Formation et recherche"
    PERSONNALITES_QUALIFIEES = "personnalites_qualifiees", "Personnalités qualifiées"
    AUTRE = "autre", "Autre"


class TypeInstance(EnumLibelle):
    PLENIERE = "pleniere", "Plénière"
    BUREAU = "bureau", "Bureau"
    COMITE_TECHNIQUE = "comite_technique", "Comité technique"
    GROUPE_TRAVAIL = "groupe_travail", "Groupe de travail"
    ETHIQUE = "ethique", "Instance éthique"


class NiveauInstance(EnumLibelle):
    POLITIQUE_STRATEGIQUE = "politique_strategique", "Politique et stratégique"
    TECHNIQUE = "technique", "Technique"


class TypeStructure(EnumLibelle):
    CONSEIL_DEPARTEMENTAL = "conseil_departemental", "Conseil départemental"
    CONSEIL_REGIONAL = "conseil_regional", "Conseil régional"
    SERVICES_ETAT = "services_etat", "Services de l'État"
    SECURITE_SOCIALE = "securite_sociale", "Organisme de sécurité sociale"
    CCAS_CIAS = "ccas_cias", "CCAS / CIAS"
    AUTRE_COLLECTIVITE = "autre_collectivite", "Autre collectivité"
    ASSOCIATION = "association", "Association / fédération"
    EMPLOYEUR_PRIVE = "employeur_prive", "Employeur privé"
    FORMATION = "formation", "Établissement de formation"
    OPCO = "opco", "OPCO"
    RECHERCHE = "recherche", "Recherche"
    COLLECTIF_PERSONNES = "collectif_personnes", "Collectif de personnes accompagnées"
    AUTRE = "autre", "Autre"


class Partenariat(EnumLibelle):
    EXISTANT = "existant", "Existant"
    NOUVEAU = "nouveau", "Nouveau"


class Qualite(EnumLibelle):
    TITULAIRE = "titulaire", "Titulaire"
    SUPPLEANT = "suppleant", "Suppléant"


class Role(EnumLibelle):
    PRESIDENT = "president", "Président"
    VICE_PRESIDENT = "vice_president", "Vice-président"
    SECRETARIAT = "secretariat", "Secrétariat"
    RAPPORTEUR = "rapporteur", "Rapporteur"
    MEMBRE = "membre", "Membre"
    INVITE_PERMANENT = "invite_permanent", "Invité permanent"


class Voix(EnumLibelle):
    DELIBERATIVE = "deliberative", "Délibérative"
    CONSULTATIVE = "consultative", "Consultative"


class MotifFinMandat(EnumLibelle):
    TERME = "terme", "Terme du mandat"
    DEMISSION = "demission", "Démission"
    CHANGEMENT_FONCTION = "changement_fonction", "Changement de fonction"
    REMPLACEMENT = "remplacement", "Remplacement"
    DECES = "deces", "Décès"
    AUTRE = "autre", "Autre"


class FormatSeance(EnumLibelle):
    PRESENTIEL = "presentiel", "Présentiel"
    VISIO = "visio", "Visio"
    MIXTE = "mixte", "Mixte"


class StatutSeance(EnumLibelle):
    PLANIFIEE = "planifiee", "Planifiée"
    CONVOQUEE = "convoquee", "Convoquée"
    TENUE = "tenue", "Tenue"
    CLOTUREE = "cloturee", "Clôturée"
    ANNULEE = "annulee", "Annulée"
    REPORTEE = "reportee", "Reportée"


STATUTS_TENUS = frozenset({StatutSeance.TENUE, StatutSeance.CLOTUREE})


class NaturePoint(EnumLibelle):
    INFORMATION = "information", "Information"
    DEBAT = "debat", "Débat"
    DECISION = "decision", "Décision"
    AVIS = "avis", "Avis"
    SAISINE = "saisine", "Saisine"


class EtatPresence(EnumLibelle):
    PRESENT = "present", "Présent"
    VISIO = "visio", "Visio"
    EXCUSE = "excuse", "Excusé"
    ABSENT = "absent", "Absent"
    REPRESENTE = "represente", "Représenté"


ETATS_PRESENTS = frozenset({EtatPresence.PRESENT, EtatPresence.VISIO})


class StatutAction(EnumLibelle):
    A_FAIRE = "a_faire", "À faire"
    EN_COURS = "en_cours", "En cours"
    FAITE = "faite", "Faite"
    ABANDONNEE = "abandonnee", "Abandonnée"


class CanalSaisine(EnumLibelle):
    COURRIER = "courrier", "Courrier"
    COURRIEL = "courriel", "Courriel"
    FORMULAIRE = "formulaire", "Formulaire"
    TELEPHONE = "telephone", "Téléphone"
    REMISE_EN_MAIN_PROPRE = "remise_en_main_propre", "Remise en main propre"
    AUTRE = "autre", "Autre"


class TypeDemandeur(EnumLibelle):
    TRAVAILLEUR_SOCIAL = "travailleur_social", "Travailleur social"
    ENCADRANT = "encadrant", "Encadrant"
    DIRECTION = "direction", "Direction"
    STRUCTURE = "structure", "Structure"
    PERSONNE_ACCOMPAGNEE = "personne_accompagnee", "Personne accompagnée"
    HCTS = "hcts", "HCTS"
    AUTOSAISINE = "autosaisine", "Autosaisine"


class ThemeEthique(EnumLibelle):
    PARTAGE_INFORMATIONS = "partage_informations", "Partage d'informations"
    SECRET_PROFESSIONNEL = "secret_professionnel", "Secret professionnel"
    CONSENTEMENT = "consentement", "Consentement"
    PROTECTION_ENFANCE = "protection_enfance", "Protection de l'enfance"
    POSTURE_PROFESSIONNELLE = "posture_professionnelle", "Posture professionnelle"
    NUMERIQUE = "numerique", "Numérique"
    AUTRE = "autre", "Autre"


class StatutSaisine(EnumLibelle):
    RECUE = "recue", "Reçue"
    ACCUSEE = "accusee", "Accusé de réception envoyé"
    IRRECEVABLE = "irrecevable", "Irrecevable"
    REORIENTEE = "reorientee", "Réorientée"
    RECEVABLE = "recevable", "Recevable"
    ANONYMISATION_VALIDEE = "anonymisation_validee", "Anonymisation validée"
    EN_INSTRUCTION = "en_instruction", "En instruction"
    INSCRITE_ODJ = "inscrite_odj", "Inscrite à l'ordre du jour"
    DEBATTUE = "debattue", "Débattue"
    AVIS_ADOPTE = "avis_adopte", "Avis adopté"
    TRANSMISE = "transmise", "Transmise"
    CLOTUREE = "cloturee", "Clôturée"


class NatureRecommandation(EnumLibelle):
    AVIS = "avis", "Avis"
    RECOMMANDATION = "recommandation", "Recommandation"
    ELEMENTS_REFLEXION = "elements_reflexion", "Éléments de réflexion"


class StatutRecommandation(EnumLibelle):
    PROJET = "projet", "Projet"
    SOUMISE = "soumise", "Soumise"
    ADOPTEE = "adoptee", "Adoptée"
    PUBLIEE = "publiee", "Publiée"
    RETIREE = "retiree", "Retirée"


class TypeProduction(EnumLibelle):
    RECOMMANDATION = "recommandation", "Recommandation"
    NOTE = "note", "Note"
    GUIDE = "guide", "Guide"
    CONTRIBUTION_SCHEMA = "contribution_schema", "Contribution au schéma régional des formations sociales"
    DIAGNOSTIC_PARTAGE = "diagnostic_partage", "Diagnostic partagé"
    PROJET_OPERATIONNEL = "projet_operationnel", "Projet opérationnel"
    FORMATION_INTERINSTITUTIONNELLE = "formation_interinstitutionnelle", "Formation interinstitutionnelle"
    EVENEMENT = "evenement", "Événement"
    RECHERCHE = "recherche", "Recherche"
    AUTRE = "autre", "Autre"


class CanalDiffusion(EnumLibelle):
    SITE_INTERNET = "site_internet", "Site internet"
    LETTRE_INFORMATION = "lettre_information", "Lettre d'information"
    COURRIEL = "courriel", "Courriel"
    REUNION = "reunion", "Réunion"
    RESEAU_PROFESSIONNEL = "reseau_professionnel", "Réseau professionnel"
    PRESSE = "presse", "Presse"
    INTRANET = "intranet", "Intranet"


class PublicDiffusion(EnumLibelle):
    TRAVAILLEURS_SOCIAUX = "travailleurs_sociaux", "Travailleurs sociaux"
    ENCADREMENT = "encadrement", "Encadrement"
    ELUS = "elus", "Élus"
    PERSONNES_ACCOMPAGNEES = "personnes_accompagnees", "Personnes accompagnées"
    FORMATION = "formation", "Formation"
    HCTS = "hcts", "HCTS"
    GRAND_PUBLIC = "grand_public", "Grand public"


class SensEchange(EnumLibelle):
    VERS_HCTS = "vers_hcts", "Vers le HCTS"
    DEPUIS_HCTS = "depuis_hcts", "Depuis le HCTS"


class QuestionRetour(EnumLibelle):
    UTILITE = "utilite", "Utilité des échanges"
    INTERET = "interet", "Intérêt des échanges"


class NiveauRetour(EnumLibelle):
    TOUT_A_FAIT = "tout_a_fait", "Tout à fait"
    PLUTOT = "plutot", "Plutôt"
    PLUTOT_PAS = "plutot_pas", "Plutôt pas"
    PAS_DU_TOUT = "pas_du_tout", "Pas du tout"


class SousDomaine(EnumLibelle):
    """The sub-domains of ANSA's evaluation grid (section 7 of the AMI)."""

    LANCEMENT = "1.1", "1.1 Lancement de la démarche"
    MOBILISATION = "1.2", "1.2 Mobilisation des acteurs"
    INSTALLATION = "1.3", "1.3 Installation et déroulement"
    REALISATIONS = "2.1", "2.1 Réalisations"
    PREMIERS_CONSTATS = "2.2", "2.2 Premiers constats"
    COOPERATION_HCTS = "3", "3 Coopération avec le HCTS"
    ACCOMPAGNEMENT = "4", "4 Accompagnement"


class RubriqueNote(EnumLibelle):
    DIFFICULTES = "difficultes", "Difficultés"
    LEVIERS = "leviers", "Leviers"
    DYNAMIQUES = "dynamiques", "Dynamiques"
    PROPOSITIONS = "propositions", "Propositions"
    CONSTAT = "constat", "Constat"


class OperationJournal(EnumLibelle):
    CREATION = "creation", "Création"
    MODIFICATION = "modification", "Modification"
    SUPPRESSION = "suppression", "Suppression"
