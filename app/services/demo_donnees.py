"""The cast of the demonstration committee: organisations, people, who sits where, what they produce.

Pure data, read by `app.services.demo`. The département and every person are invented.
"""

from __future__ import annotations

from app.modeles.enumerations import CategorieCollege as C
from app.modeles.enumerations import Mission as M
from app.modeles.enumerations import Partenariat as P
from app.modeles.enumerations import RubriqueNote as RN
from app.modeles.enumerations import SensEchange as SE
from app.modeles.enumerations import SousDomaine as SD
from app.modeles.enumerations import TypeProduction as TP
from app.modeles.enumerations import TypeStructure as T

NOM_COMITE = "Comité local du travail social et du développement social de la Vallée-du-Lys"
TERRITOIRE = "Vallée-du-Lys"

# key → (name, type, partnership)
STRUCTURES: dict[str, tuple[str, T, P | None]] = {
    "cd": ("Conseil départemental de la Vallée-du-Lys", T.CONSEIL_DEPARTEMENTAL, P.EXISTANT),
    "cr": ("Conseil régional", T.CONSEIL_REGIONAL, P.NOUVEAU),
    "ddets": ("Direction départementale de l'emploi, du travail et des solidarités", T.SERVICES_ETAT, P.EXISTANT),
    "ars": ("Agence régionale de santé — délégation départementale", T.SERVICES_ETAT, P.NOUVEAU),
    "pjj": ("Direction territoriale de la protection judiciaire de la jeunesse", T.SERVICES_ETAT, P.NOUVEAU),
    "spip": ("Service pénitentiaire d'insertion et de probation", T.SERVICES_ETAT, P.NOUVEAU),
    "ft": ("France Travail — direction territoriale", T.SERVICES_ETAT, P.EXISTANT),
    "caf": ("Caisse d'allocations familiales", T.SECURITE_SOCIALE, P.EXISTANT),
    "msa": ("Mutualité sociale agricole", T.SECURITE_SOCIALE, P.EXISTANT),
    "cpam": ("Caisse primaire d'assurance maladie", T.SECURITE_SOCIALE, P.EXISTANT),
    "carsat": ("Carsat — service social régional", T.SECURITE_SOCIALE, P.NOUVEAU),
    "ccas_chef": ("CCAS de Saint-Aubin-sur-Lys", T.CCAS_CIAS, P.EXISTANT),
    "ccas_2": ("CCAS de Montreuil-le-Gué", T.CCAS_CIAS, P.EXISTANT),
    "cias": ("CIAS du Pays d'Ancenay", T.CCAS_CIAS, P.NOUVEAU),
    "agglo": ("Communauté d'agglomération Lys Métropole", T.AUTRE_COLLECTIVITE, P.NOUVEAU),
    "udccas": ("Union départementale des CCAS", T.ASSOCIATION, P.EXISTANT),
    "uriopss": ("Uriopss — délégation départementale", T.ASSOCIATION, P.EXISTANT),
    "fas": ("Fédération des acteurs de la solidarité", T.ASSOCIATION, P.EXISTANT),
    "udaf": ("Union départementale des associations familiales", T.ASSOCIATION, P.EXISTANT),
    "croix_rouge": ("Croix-Rouge française — délégation territoriale", T.ASSOCIATION, P.NOUVEAU),
    "secours": ("Secours populaire — fédération départementale", T.ASSOCIATION, P.NOUVEAU),
    "adsea": ("Association départementale de sauvegarde de l'enfance", T.ASSOCIATION, P.EXISTANT),
    "apf": ("APF France handicap — délégation", T.ASSOCIATION, P.NOUVEAU),
    "unafam": ("Unafam — délégation départementale", T.ASSOCIATION, P.NOUVEAU),
    "habitat": ("Habitat et Humanisme Vallée-du-Lys", T.ASSOCIATION, P.NOUVEAU),
    "chrs": ("CHRS Le Relais", T.ASSOCIATION, P.EXISTANT),
    "mission_locale": ("Mission locale du Lys", T.ASSOCIATION, P.EXISTANT),
    "anas": ("Association nationale des assistants de service social — groupe local", T.ASSOCIATION, P.NOUVEAU),
    "fehap": ("Fehap — délégation régionale", T.EMPLOYEUR_PRIVE, P.NOUVEAU),
    "nexem": ("Nexem — délégation régionale", T.EMPLOYEUR_PRIVE, P.NOUVEAU),
    "ehpad": ("EHPAD Les Tilleuls", T.EMPLOYEUR_PRIVE, P.NOUVEAU),
    "irts": ("Institut régional du travail social", T.FORMATION, P.EXISTANT),
    "ifsi": ("Institut de formation en soins infirmiers", T.FORMATION, P.NOUVEAU),
    "iut": ("IUT — département Carrières sociales", T.FORMATION, P.NOUVEAU),
    "lycee": ("Lycée professionnel Jean-Jaurès — filière SAPAT", T.FORMATION, P.NOUVEAU),
    "opco": ("OPCO Santé", T.OPCO, P.NOUVEAU),
    "universite": ("Université — laboratoire de sociologie", T.RECHERCHE, P.NOUVEAU),
    "creai": ("CREAI — observatoire régional", T.RECHERCHE, P.NOUVEAU),
    "crpa": ("Conseil régional des personnes accueillies et accompagnées", T.COLLECTIF_PERSONNES, P.NOUVEAU),
    "gem": ("Groupe d'entraide mutuelle L'Escale", T.COLLECTIF_PERSONNES, P.NOUVEAU),
    "cvs": ("Collectif des conseils de la vie sociale", T.COLLECTIF_PERSONNES, P.NOUVEAU),
    "atd": ("ATD Quart Monde — groupe local", T.COLLECTIF_PERSONNES, P.NOUVEAU),
    "udaf_mjpm": ("Service mandataire judiciaire de l'UDAF", T.ASSOCIATION, None),
    "cidff": ("Centre d'information sur les droits des femmes et des familles", T.ASSOCIATION, None),
    "maison_solidarites": ("Maison départementale des solidarités du Nord-Lys", T.AUTRE, None),
}

# key → (first name, name, function, structure key)
PERSONNES: dict[str, tuple[str, str, str, str]] = {
    # Élus et décideurs
    "vp_cd": ("Hélène", "Marchetti", "Vice-présidente chargée des solidarités", "cd"),
    "dgas": ("François", "Le Gall", "Directeur général adjoint des solidarités", "cd"),
    "ddets": ("Nathalie", "Bérard", "Directrice départementale", "ddets"),
    "adj_ddets": ("Julien", "Rousseau", "Directeur adjoint", "ddets"),
    "elu_ccas": ("Chantal", "Ménard", "Adjointe au maire, vice-présidente du CCAS", "ccas_chef"),
    "elu_cias": ("Bernard", "Côté", "Président du CIAS", "cias"),
    "dir_caf": ("Isabelle", "Fournier", "Directrice de l'action sociale", "caf"),
    "adj_caf": ("Thierry", "Garnier", "Responsable du développement territorial", "caf"),
    "elu_agglo": ("Patrick", "Lemaître", "Vice-président cohésion sociale", "agglo"),
    # Institutions et employeurs
    "msa": ("Sophie", "Barbier", "Responsable de l'action sanitaire et sociale", "msa"),
    "cpam": ("Karim", "Benali", "Responsable du service social", "cpam"),
    "uriopss": ("Anne-Laure", "Deschamps", "Conseillère technique", "uriopss"),
    "fas": ("Mathieu", "Perrin", "Délégué régional", "fas"),
    "udaf": ("Monique", "Giraud", "Directrice", "udaf"),
    "adsea": ("Olivier", "Caron", "Directeur général", "adsea"),
    "fehap": ("Céline", "Aubert", "Déléguée régionale", "fehap"),
    "nexem": ("Laurent", "Masson", "Délégué régional", "nexem"),
    "udccas": ("Éric", "Lefèvre", "Délégué général", "udccas"),
    "croix_rouge": ("Agnès", "Renaud", "Directrice territoriale", "croix_rouge"),
    "ft": ("Stéphane", "Mercier", "Directeur territorial délégué", "ft"),
    "ars": ("Véronique", "Brunet", "Responsable du pôle médico-social", "ars"),
    # Travailleurs sociaux
    "ass_cd": ("Aïcha", "N'Diaye", "Assistante de service social", "maison_solidarites"),
    "es_adsea": ("Thomas", "Lefort", "Éducateur spécialisé", "adsea"),
    "cesf_ccas": ("Élodie", "Picard", "Conseillère en économie sociale et familiale", "ccas_chef"),
    "ass_caf": ("Mélanie", "Faure", "Assistante de service social", "caf"),
    "es_chrs": ("Yannick", "Le Bihan", "Éducateur spécialisé", "chrs"),
    "ml": ("Sarah", "Cohen", "Conseillère en insertion professionnelle", "mission_locale"),
    "ass_msa": ("Julie", "Dupuis", "Assistante sociale", "msa"),
    "eje": ("Camille", "Roux", "Éducatrice de jeunes enfants", "cd"),
    "anas": ("Nicolas", "Bonnet", "Assistant de service social, délégué ANAS", "anas"),
    "cadre_cd": ("Marion", "Chevalier", "Cheffe de service action sociale", "maison_solidarites"),
    "ts_spip": ("Gaëlle", "Tanguy", "Conseillère pénitentiaire d'insertion et de probation", "spip"),
    "ts_pjj": ("Rachid", "Haddad", "Éducateur PJJ", "pjj"),
    "mjpm": ("Laure", "Vasseur", "Mandataire judiciaire", "udaf_mjpm"),
    # Personnes accompagnées
    "pa_crpa": ("Jean-Pierre", "Morel", "Délégué du CRPA", "crpa"),
    "pa_gem": ("Fatoumata", "Koné", "Membre du GEM", "gem"),
    "pa_cvs": ("Gérard", "Lambert", "Président de CVS", "cvs"),
    "pa_atd": ("Nadia", "Benhamou", "Militante", "atd"),
    "pa_crpa2": ("Kévin", "Marie", "Délégué du CRPA", "crpa"),
    "pa_gem2": ("Josiane", "Hoarau", "Membre du GEM", "gem"),
    "pa_atd2": ("Dominique", "Guérin", "Militant", "atd"),
    # Formation et recherche
    "irts": ("Christine", "Vidal", "Directrice des formations", "irts"),
    "irts2": ("Pascal", "Meunier", "Formateur permanent", "irts"),
    "iut": ("Sylvie", "Besnard", "Maîtresse de conférences", "iut"),
    "univ": ("Antoine", "Lacroix", "Professeur de sociologie", "universite"),
    "creai": ("Émilie", "Gauthier", "Conseillère technique", "creai"),
    "opco": ("Vincent", "Royer", "Chargé de mission", "opco"),
    "ifsi": ("Brigitte", "Colin", "Directrice", "ifsi"),
    # Personnalités qualifiées
    "pq_ethique": ("Michel", "Dubois-Aymard", "Philosophe, ancien directeur d'établissement", "universite"),
    "pq_juriste": ("Anne", "Sauvage", "Juriste, ancienne magistrate", "cidff"),
    "pq_medecin": ("Bruno", "Roche", "Médecin de santé publique", "ars"),
    "pq_cadre": ("Françoise", "Noël", "Ancienne cadre de l'action sociale", "apf"),
    # Others: replacements, working groups, guests
    "remplacant_ddets": ("Claire", "Duval", "Directrice départementale", "ddets"),
    "remplacant_ts": ("Lucas", "Moulin", "Éducateur spécialisé", "chrs"),
    "remplacant_pa": ("Hervé", "Lucas", "Délégué du CRPA", "crpa"),
    "gt_habitat": ("Samia", "Bouzid", "Travailleuse sociale en pension de famille", "habitat"),
    "gt_ehpad": ("Ophélie", "Chauvin", "Directrice", "ehpad"),
    "gt_unafam": ("Denis", "Prévost", "Bénévole", "unafam"),
    "gt_secours": ("Zoé", "Marchand", "Coordinatrice", "secours"),
    "invite_lycee": ("Philippe", "Arnaud", "Proviseur adjoint", "lycee"),
    "invite_carsat": ("Hugues", "Baron", "Responsable du service social régional", "carsat"),
    "invite_apf": ("Yasmine", "El Amrani", "Chargée de mission", "apf"),
}

COLLEGES: list[tuple[str, str, C]] = [
    ("elus", "Élus et décideurs", C.ELUS_DECIDEURS),
    ("institutions", "Institutions et employeurs", C.INSTITUTIONS_EMPLOYEURS),
    ("ts", "Travailleurs sociaux", C.TRAVAILLEURS_SOCIAUX),
    ("pa", "Personnes accompagnées", C.PERSONNES_ACCOMPAGNEES),
    ("formation", "Formation et recherche", C.FORMATION_RECHERCHE),
    ("pq", "Personnalités qualifiées", C.PERSONNALITES_QUALIFIEES),
]

# Plenary: collège → [(titulaire, suppléant or None, role)]
PLENIERE: dict[str, list[tuple[str, str | None, str]]] = {
    "elus": [
        ("vp_cd", "dgas", "president"),
        ("ddets", "adj_ddets", "vice_president"),
        ("elu_ccas", None, "membre"),
        ("elu_cias", None, "membre"),
        ("dir_caf", "adj_caf", "membre"),
        ("elu_agglo", None, "membre"),
    ],
    "institutions": [
        ("msa", None, "membre"),
        ("cpam", None, "membre"),
        ("uriopss", "fas", "membre"),
        ("udaf", None, "membre"),
        ("adsea", None, "membre"),
        ("fehap", "nexem", "membre"),
        ("udccas", None, "membre"),
        ("croix_rouge", None, "membre"),
    ],
    "ts": [
        ("ass_cd", "cadre_cd", "vice_president"),
        ("es_adsea", None, "membre"),
        ("cesf_ccas", None, "membre"),
        ("ass_caf", None, "membre"),
        ("es_chrs", "ts_spip", "membre"),
        ("ml", None, "membre"),
        ("anas", "ass_msa", "rapporteur"),
    ],
    "pa": [
        ("pa_crpa", "pa_crpa2", "membre"),
        ("pa_gem", "pa_gem2", "membre"),
        ("pa_cvs", None, "membre"),
        ("pa_atd", "pa_atd2", "membre"),
    ],
    "formation": [
        ("irts", "irts2", "membre"),
        ("iut", None, "membre"),
        ("univ", None, "membre"),
        ("creai", None, "membre"),
    ],
    "pq": [
        ("pq_ethique", None, "membre"),
        ("pq_juriste", None, "membre"),
        ("pq_cadre", None, "membre"),
    ],
}
# Consultative members of the plenary: (person, collège)
PLENIERE_CONSULTATIFS = [("ars", "institutions"), ("ft", "institutions")]

# Other instances: name → (collège, person, role), titulaires only unless listed in *_SUPPLEANTS.
BUREAU = [
    ("elus", "vp_cd", "president"),
    ("elus", "ddets", "vice_president"),
    ("ts", "ass_cd", "vice_president"),
    ("institutions", "uriopss", "membre"),
    ("pa", "pa_crpa", "membre"),
    ("formation", "irts", "membre"),
    ("elus", "dir_caf", "membre"),
]
COMITE_TECHNIQUE = [
    ("elus", "dgas", "president"),
    ("elus", "adj_ddets", "membre"),
    ("elus", "adj_caf", "membre"),
    ("institutions", "fas", "membre"),
    ("institutions", "nexem", "membre"),
    ("ts", "cadre_cd", "rapporteur"),
    ("ts", "ass_msa", "membre"),
    ("formation", "irts2", "membre"),
    ("formation", "opco", "membre"),
    ("pa", "pa_crpa2", "membre"),
]
GROUPES: dict[str, list[tuple[str, str, str]]] = {
    "Groupe de travail « Partage d'informations »": [
        ("ts", "ass_cd", "rapporteur"),
        ("ts", "es_adsea", "membre"),
        ("ts", "ts_pjj", "membre"),
        ("ts", "mjpm", "membre"),
        ("institutions", "cpam", "membre"),
        ("pa", "pa_atd", "membre"),
        ("pq", "pq_juriste", "membre"),
        ("ts", "gt_habitat", "membre"),
    ],
    "Groupe de travail « Attractivité des métiers »": [
        ("formation", "irts", "rapporteur"),
        ("formation", "iut", "membre"),
        ("formation", "ifsi", "membre"),
        ("formation", "opco", "membre"),
        ("institutions", "nexem", "membre"),
        ("institutions", "fehap", "membre"),
        ("ts", "eje", "membre"),
        ("institutions", "gt_ehpad", "membre"),
    ],
    "Groupe de travail « Participation des personnes accompagnées »": [
        ("pa", "pa_gem", "rapporteur"),
        ("pa", "pa_cvs", "membre"),
        ("pa", "pa_gem2", "membre"),
        ("ts", "cesf_ccas", "membre"),
        ("ts", "es_chrs", "membre"),
        ("institutions", "gt_unafam", "membre"),
        ("institutions", "gt_secours", "membre"),
        ("formation", "creai", "membre"),
    ],
}
ETHIQUE = [
    ("pq", "pq_ethique", "president"),
    ("pq", "pq_juriste", "membre"),
    ("pq", "pq_medecin", "membre"),
    ("ts", "ass_cd", "membre"),
    ("ts", "es_adsea", "membre"),
    ("ts", "anas", "rapporteur"),
    ("pa", "pa_crpa", "membre"),
    ("formation", "univ", "membre"),
    ("institutions", "udaf", "membre"),
]
ETHIQUE_SUPPLEANTS = [("ts", "ml", "ass_cd"), ("pa", "pa_atd2", "pa_crpa"), ("ts", "mjpm", "es_adsea")]

# Plenary departures: (leaving titulaire, replacement or None for a vacant seat, months after installation, reason)
DEPARTS = [
    ("ddets", "remplacant_ddets", 7, "changement_fonction"),
    ("es_chrs", "remplacant_ts", 10, "demission"),
    ("pa_cvs", "remplacant_pa", 12, "demission"),
    ("pq_cadre", None, 11, "demission"),
]
# People who come as guests (speakers, observers) to plenary and working-group meetings
INVITES = ["invite_lycee", "invite_carsat", "invite_apf", "gt_secours"]

POINTS = {
    "pleniere": [
        ("Bilan d'activité du semestre", "information"),
        ("Présentation du diagnostic partagé des métiers du social", "debat"),
        ("Feuille de route annuelle", "decision"),
        ("Restitution des groupes de travail", "information"),
        ("Contribution au schéma régional des formations sociales", "avis"),
        ("Point d'étape de l'instance éthique", "information"),
        ("Budget et moyens du secrétariat", "decision"),
        ("Participation des personnes accompagnées : propositions du groupe", "debat"),
    ],
    "bureau": [
        ("Préparation de la prochaine plénière", "decision"),
        ("Suivi des actions", "information"),
        ("Demandes de participation de nouvelles structures", "decision"),
        ("Calendrier des travaux", "information"),
        ("Relations avec le HCTS", "information"),
    ],
    "comite_technique": [
        ("Tableau de bord des indicateurs", "information"),
        ("Préparation du diagnostic partagé", "debat"),
        ("Organisation de la journée départementale", "decision"),
        ("Formations interinstitutionnelles : programme", "debat"),
        ("Outils communs de premier accueil social inconditionnel", "debat"),
    ],
    "groupe_travail": [
        ("Tour de table des situations rencontrées", "debat"),
        ("Lecture et amendement du projet de fiche repère", "debat"),
        ("Audition d'un intervenant extérieur", "information"),
        ("Synthèse et suites à donner", "decision"),
    ],
    "ethique": [
        ("Examen de la recevabilité des nouvelles saisines", "decision"),
        ("Actualités de la commission éthique et déontologie du HCTS", "information"),
        ("Retour sur la diffusion des avis", "information"),
    ],
}

ACTIONS = [
    "Envoyer le compte rendu aux membres",
    "Préparer une note de synthèse pour le bureau",
    "Solliciter les structures non représentées",
    "Mettre à jour le calendrier des séances",
    "Rédiger le projet de fiche repère",
    "Prendre contact avec l'IRTS pour la journée d'étude",
    "Transmettre les indicateurs au HCTS",
    "Relancer les membres pour le questionnaire",
]

# (type, title, mission, instance key, months after installation)
PRODUCTIONS = [
    (TP.DIAGNOSTIC_PARTAGE, "Diagnostic partagé des tensions sur les métiers du social", M.ANALYSE_PARTAGEE, "ct", 5),
    (TP.EVENEMENT, "Journée départementale « Travail social : dire et partager »", M.ANALYSE_PARTAGEE, "pleniere", 8),
    (
        TP.CONTRIBUTION_SCHEMA,
        "Contribution au schéma régional des formations sociales",
        M.SCHEMA_REGIONAL_FORMATIONS,
        "gt2",
        10,
    ),
    (
        TP.GUIDE,
        "Fiche repère : partager des informations avec l'accord de la personne",
        M.ETHIQUE_DEONTOLOGIE,
        "gt1",
        11,
    ),
    (
        TP.FORMATION_INTERINSTITUTIONNELLE,
        "Cycle de formation croisée CAF, MSA et département",
        M.PROJETS_OPERATIONNELS,
        "ct",
        12,
    ),
    (
        TP.PROJET_OPERATIONNEL,
        "Premier accueil social inconditionnel : charte commune",
        M.PROJETS_OPERATIONNELS,
        "ct",
        14,
    ),
]

# (months after installation, direction, subject, what the committee did with it)
ECHANGES_HCTS = [
    (
        1,
        SE.DEPUIS_HCTS,
        "Note d'orientation du HCTS sur l'installation des comités locaux",
        "Présentée en plénière ; a servi à rédiger le règlement intérieur.",
    ),
    (
        6,
        SE.VERS_HCTS,
        "Bilan des six premiers mois du comité local",
        "Accusé de réception ; retour du HCTS présenté au bureau.",
    ),
    (
        9,
        SE.DEPUIS_HCTS,
        "Fiche repère du HCTS sur le partage d'informations",
        "Diffusée aux membres du groupe de travail « Partage d'informations ».",
    ),
    (13, SE.VERS_HCTS, "Rapport annuel d'activité", ""),
]

# Qualitative notes of the evaluation grid (ANSA), one or two per sub-domain.
NOTES = [
    (
        SD.LANCEMENT,
        RN.LEVIERS,
        "Le portage conjoint du département et de la DDETS a facilité la mobilisation des institutions.",
    ),
    (
        SD.LANCEMENT,
        RN.DIFFICULTES,
        "Identifier des personnes accompagnées disponibles a demandé trois mois de démarches auprès des collectifs.",
    ),
    (
        SD.MOBILISATION,
        RN.CONSTAT,
        "Critères de choix des membres : représentativité des territoires, diversité des métiers, parité.",
    ),
    (
        SD.MOBILISATION,
        RN.DYNAMIQUES,
        "Les associations se sont inscrites rapidement ; les employeurs privés restent peu présents.",
    ),
    (
        SD.INSTALLATION,
        RN.DIFFICULTES,
        "Les horaires en journée gênent la participation des travailleurs sociaux de terrain.",
    ),
    (
        SD.INSTALLATION,
        RN.LEVIERS,
        "Le défraiement des personnes accompagnées et la préparation des séances avec elles.",
    ),
    (
        SD.REALISATIONS,
        RN.CONSTAT,
        "Un diagnostic partagé, une journée départementale, une fiche repère et deux avis de l'instance éthique.",
    ),
    (
        SD.PREMIERS_CONSTATS,
        RN.DYNAMIQUES,
        "Les membres disent mieux connaître les contraintes des autres institutions.",
    ),
    (
        SD.PREMIERS_CONSTATS,
        RN.PROPOSITIONS,
        "Consolider le secrétariat (un ETP) et ouvrir le comité aux employeurs du secteur privé lucratif.",
    ),
    (
        SD.COOPERATION_HCTS,
        RN.CONSTAT,
        "Échanges réguliers avec le HCTS ; une saisine transmise à sa commission éthique et déontologie.",
    ),
    (SD.ACCOMPAGNEMENT, RN.LEVIERS, "L'appui méthodologique de l'ANSA a aidé à construire les indicateurs de suivi."),
    (SD.ACCOMPAGNEMENT, RN.PROPOSITIONS, "Prévoir des échanges entre comités locaux d'une même région."),
]
