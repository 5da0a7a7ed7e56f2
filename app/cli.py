"""The command line (CONCEPTION §4): `comite-local [--base F] [sous-commande]`, `python -m app` alike.

Exit 0 on success, 1 for a user's mistake (one French line per problem on standard error), 2 for a bug
(a French line pointing to the log file). Never a traceback, never a question.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path
from typing import NoReturn

from app import NOM_APPLICATION, __version__
from app.erreurs import ErreurConnue

journal = logging.getLogger(__name__)

# argparse speaks English; these are the messages a user can meet.
_TRADUCTIONS = {
    "usage: ": "usage : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "affiche cette aide et quitte",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix inconnu : %(value)r (possibles : %(choices)s)",
    "expected one argument": "une valeur est attendue",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s (%(matches)s)",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "show program's version number and exit": "affiche la version et quitte",
}


def _traduire(message: str) -> str:
    return _TRADUCTIONS.get(message, message)


argparse._ = _traduire  # type: ignore[attr-defined]


class Analyseur(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        print(f"{self.prog} : {message}", file=sys.stderr)
        print(f"Voir « {self.prog} --help ».", file=sys.stderr)
        raise SystemExit(1)


def _date(texte: str) -> dt.date:
    try:
        return dt.date.fromisoformat(texte)
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {texte} » n'est pas une date AAAA-MM-JJ") from None


def construire_analyseur() -> Analyseur:
    analyseur = Analyseur(
        prog="comite-local",
        description=f"{NOM_APPLICATION} : secrétariat d'un comité local du travail social et du "
        "développement social. Sans sous-commande, ouvre la fenêtre.",
    )
    analyseur.add_argument("--version", action="version", version=f"{NOM_APPLICATION} {__version__}")
    analyseur.add_argument(
        "--base",
        metavar="FICHIER",
        help="base de données à utiliser (sinon COMITE_LOCAL_BASE, sinon le dossier de données de l'utilisateur)",
    )
    sous = analyseur.add_subparsers(dest="commande", metavar="SOUS-COMMANDE", parser_class=Analyseur)

    sous.add_parser("demo", help="crée une base de démonstration (comité fictif, 18 mois d'activité)")

    importer = sous.add_parser("importer", help="importe un classeur Excel (membres, séances, présences)")
    importer.add_argument("classeur", metavar="CLASSEUR.xlsx", help="le classeur à importer")
    importer.add_argument("--simulation", action="store_true", help="vérifie le classeur sans rien écrire")

    modele = sous.add_parser("modele-import", help="enregistre un classeur d'import vide, avec un exemple")
    modele.add_argument("-o", "--sortie", required=True, metavar="FICHIER.xlsx", help="fichier à écrire")

    indicateurs = sous.add_parser("indicateurs", help="affiche les indicateurs de présence et d'activité")
    indicateurs.add_argument("--du", type=_date, metavar="AAAA-MM-JJ", help="début de la période (incluse)")
    indicateurs.add_argument("--au", type=_date, metavar="AAAA-MM-JJ", help="fin de la période (incluse)")
    indicateurs.add_argument("--json", action="store_true", help="sortie JSON (contrat pour d'autres programmes)")

    convocation = sous.add_parser("convocation", help="enregistre la convocation d'une séance (PDF, et .ics)")
    convocation.add_argument("reference", metavar="REF", help="référence de la séance, par exemple PL-2026-02")
    convocation.add_argument("-o", "--sortie", required=True, metavar="FICHIER.pdf", help="PDF à écrire")
    convocation.add_argument("--ics", metavar="FICHIER.ics", help="invitation d'agenda à écrire aussi")
    convocation.add_argument(
        "--motif-urgence",
        default="",
        metavar="TEXTE",
        help="motif imprimé quand la convocation part après le délai de l'instance (obligatoire dans ce cas)",
    )

    emargement = sous.add_parser("emargement", help="enregistre la feuille d'émargement d'une séance (PDF)")
    emargement.add_argument("reference", metavar="REF", help="référence de la séance")
    emargement.add_argument("-o", "--sortie", required=True, metavar="FICHIER.pdf", help="PDF à écrire")

    pv = sous.add_parser("pv", help="enregistre le procès-verbal d'une séance tenue (PDF)")
    pv.add_argument("reference", metavar="REF", help="référence de la séance")
    pv.add_argument("-o", "--sortie", required=True, metavar="FICHIER.pdf", help="PDF à écrire")
    pv.add_argument("--releve", action="store_true", help="relevé de décisions au lieu du procès-verbal complet")

    exporter = sous.add_parser("exporter", help="enregistre un export pour l'évaluation (classeur ANSA)")
    sorte = exporter.add_subparsers(dest="export", metavar="EXPORT", required=True, parser_class=Analyseur)
    ansa = sorte.add_parser("ansa", help="classeur d'évaluation ANSA (.xlsx) pour une période")
    ansa.add_argument("-o", "--sortie", required=True, metavar="FICHIER.xlsx", help="classeur à écrire")
    ansa.add_argument("--du", type=_date, metavar="AAAA-MM-JJ", help="début de la période (incluse)")
    ansa.add_argument("--au", type=_date, metavar="AAAA-MM-JJ", help="fin de la période (incluse)")
    ansa.add_argument("--noms", action="store_true", help="nomme les membres (sinon : un code stable « M-0042 »)")

    rapport = sous.add_parser("rapport", help="enregistre un rapport (PDF) : rapport au HCTS, dossier de candidature")
    genre = rapport.add_subparsers(dest="rapport", metavar="RAPPORT", required=True, parser_class=Analyseur)
    hcts = genre.add_parser("hcts", help="rapport au HCTS pour une période (PDF)")
    hcts.add_argument("-o", "--sortie", required=True, metavar="FICHIER.pdf", help="PDF à écrire")
    hcts.add_argument("--du", type=_date, metavar="AAAA-MM-JJ", help="début de la période (incluse)")
    hcts.add_argument("--au", type=_date, metavar="AAAA-MM-JJ", help="fin de la période (incluse)")
    candidature = genre.add_parser("candidature", help="dossier de candidature à l'AMI (PDF)")
    candidature.add_argument("-o", "--sortie", required=True, metavar="FICHIER.pdf", help="PDF à écrire")

    sauvegarder = sous.add_parser(
        "sauvegarder",
        help="copie la base (cohérente même fenêtre ouverte) dans le dossier des sauvegardes, ou dans FICHIER",
        description="Copie la base par l'API de sauvegarde de SQLite : la copie est cohérente même si la fenêtre "
        "est ouverte. Sans -o, elle va dans le dossier des sauvegardes (réglable dans la fenêtre : Fichier › "
        "Réglages des sauvegardes), où les plus anciennes sont supprimées par rotation. Avec -o DOSSIER, une "
        "sauvegarde datée est écrite dans ce dossier.",
    )
    sauvegarder.add_argument(
        "-o", "--sortie", metavar="FICHIER", help="fichier à écrire (sinon : le dossier des sauvegardes)"
    )

    restaurer = sous.add_parser(
        "restaurer",
        help="remplace la base par une sauvegarde, après l'avoir contrôlée ; la base remplacée est gardée",
        description="Contrôle FICHIER (intégrité, références, version du schéma, base de ce programme), puis "
        "copie la base actuelle dans le dossier des sauvegardes et la remplace par FICHIER. Un fichier refusé "
        "ne change rien. Refusé si la base est ouverte dans une fenêtre.",
    )
    restaurer.add_argument("fichier", metavar="FICHIER", help="la sauvegarde à restaurer")

    verifier = sous.add_parser(
        "verifier",
        help="vérifie l'intégrité de la base, ses références et sa cohérence (sans rien écrire)",
        description="Vérifie l'intégrité de la base (SQLite), ses références, sa version de schéma et les règles "
        "de cohérence du programme (suppléants, pouvoirs, procès-verbaux, numéros). Sort avec le code 1 s'il "
        "trouve un problème. Sans --purger, la base n'est jamais modifiée.",
    )
    verifier.add_argument(
        "--purger", action="store_true", help="applique d'abord les durées de conservation (écrit dans la base)"
    )

    anonymat = sous.add_parser(
        "anonymat",
        help="repère les données identifiantes d'un texte (noms, dates de naissance, téléphones, adresses…)",
        description="Lit un texte UTF-8 et affiche en JSON les données identifiantes repérées : début et fin "
        "(positions en caractères, à partir de 0, fin exclue), type et extrait. Si la base existe, les noms de "
        "son annuaire sont aussi cherchés (la base n'est pas modifiée).",
    )
    anonymat.add_argument("fichier", metavar="FICHIER", help="texte à vérifier, ou « - » pour l'entrée standard")
    return analyseur


def _sortie_utf8() -> None:
    # A Windows console may default to a legacy code page: « » and accents must still come out.
    for flux in (sys.stdout, sys.stderr):
        reconfigurer = getattr(flux, "reconfigure", None)
        if reconfigurer is not None:
            reconfigurer(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _sortie_utf8()
    arguments = construire_analyseur().parse_args(argv)
    from app.chemins import chemin_base

    chemin = chemin_base(arguments.base)
    actions: dict[str | None, Callable[[Path, argparse.Namespace], int]] = {
        None: _fenetre,
        "demo": _demo,
        "importer": _importer,
        "modele-import": _modele_import,
        "indicateurs": _indicateurs,
        "convocation": _document,
        "emargement": _document,
        "pv": _document,
        "exporter": _exporter,
        "rapport": _rapport,
        "sauvegarder": _sauvegarder,
        "restaurer": _restaurer,
        "verifier": _verifier,
        "anonymat": _anonymat,
    }
    try:
        return actions[arguments.commande](chemin, arguments)
    except ErreurConnue as erreur:
        print(erreur.message, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 1
    except Exception:
        from app.journalisation import configurer

        fichier = configurer()
        journal.exception("Erreur inattendue dans « %s »", arguments.commande or "fenêtre")
        ou = f" Le détail est dans « {fichier} »." if fichier else ""
        print(f"Erreur inattendue du programme (ce n'est pas de votre fait).{ou}", file=sys.stderr)
        return 2


def _fenetre(chemin: Path, arguments: argparse.Namespace) -> int:
    import os

    from app.chemins import VARIABLE_BASE
    from app.ui.application import lancer

    # Without --base or COMITE_LOCAL_BASE, the window reopens the base used last time.
    explicite = bool(arguments.base) or bool(os.environ.get(VARIABLE_BASE, "").strip())
    return lancer(chemin, explicite=explicite)


@contextmanager
def _verrou(chemin: Path) -> Iterator[None]:
    """The base's lock for a sub-command that writes; BaseOccupee (exit 1, holder named) if a window has it."""
    from app import verrou

    try:
        chemin.parent.mkdir(parents=True, exist_ok=True)
        tenu = verrou.prendre(chemin)
    except OSError as exc:
        raise ErreurConnue(
            f"Impossible de réserver la base « {chemin} » : {exc.strerror or exc} (dossier protégé ?)."
        ) from None
    with tenu:
        yield


def _demo(chemin: Path, _arguments: argparse.Namespace) -> int:
    from app import db
    from app.services.demo import creer_demo

    with _verrou(chemin):
        base = db.ouvrir(chemin)
        try:
            resume = creer_demo(base)
        finally:
            base.fermer()
    print(f"Base de démonstration créée dans « {chemin} » : {resume}.")
    return 0


def _importer(chemin: Path, arguments: argparse.Namespace) -> int:
    from app import db
    from app.services.import_classeur import ImportRefuse, RapportImport, importer_classeur

    classeur = Path(arguments.classeur)
    rapport: RapportImport | None
    # A base created only to receive this import goes again if nothing was imported into it.
    neuve = not chemin.exists()
    with nullcontext() if arguments.simulation else _verrou(chemin):
        base = db.ouvrir(chemin)
        try:
            rapport = importer_classeur(base, classeur, simulation=arguments.simulation)
        except ImportRefuse as refus:
            for erreur in refus.rapport.erreurs:
                print(str(erreur), file=sys.stderr)
            print(refus.message, file=sys.stderr)
            rapport = None
        finally:
            base.fermer()
        if neuve and (rapport is None or arguments.simulation):
            db.supprimer_base(chemin)
        if rapport is None:
            return 1
    for avertissement in rapport.avertissements:
        print(f"Avertissement : {avertissement}", file=sys.stderr)
    print(_resume_import(rapport.crees, rapport.modifies, simulation=arguments.simulation))
    return 0


def _resume_import(crees: dict[str, int], modifies: dict[str, int], *, simulation: bool) -> str:
    def detail(compte: dict[str, int]) -> str:
        parts = [f"{n} {nom}" for nom, n in compte.items() if n]
        return ", ".join(parts) if parts else "rien"

    debut = "Simulation réussie, rien n'a été écrit" if simulation else "Import réussi"
    return f"{debut}. Créés : {detail(crees)}. Modifiés : {detail(modifies)}."


def _modele_import(_chemin: Path, arguments: argparse.Namespace) -> int:
    from app.services.modele_import import enregistrer_modele

    sortie = Path(arguments.sortie)
    enregistrer_modele(sortie)
    print(f"Modèle d'import enregistré dans « {sortie} ».")
    return 0


def _indicateurs(chemin: Path, arguments: argparse.Namespace) -> int:
    from app import db
    from app.services.indicateurs import Periode, calculer

    if arguments.du and arguments.au and arguments.du > arguments.au:
        raise ErreurConnue("La période est vide : --du est postérieur à --au.")
    base = db.ouvrir(chemin, lecture_seule=True)
    try:
        with base.session_scope() as session:
            resultat = calculer(session, Periode(arguments.du, arguments.au))
    finally:
        base.fermer()
    if arguments.json:
        print(json.dumps(resultat, ensure_ascii=False, indent=2))
    else:
        from app.texte_indicateurs import tableau_indicateurs

        print(tableau_indicateurs(resultat))
    return 0


def _document(chemin: Path, arguments: argparse.Namespace) -> int:
    """`convocation`, `emargement`, `pv`: read the meeting on a read-only base, write the files atomically."""
    from app import db
    from app.fichiers import ecrire_atomiquement
    from app.services import documents_seance as documents

    fichiers: list[tuple[Path, bytes]] = []
    base = db.ouvrir(chemin, lecture_seule=True, creer=False)
    try:
        with base.session_scope() as session:
            seance_id = documents.seance_par_reference(session, arguments.reference).id
            if arguments.commande == "convocation":
                motif = arguments.motif_urgence
                try:
                    contenu = documents.convocation_pdf(session, seance_id, motif)
                except documents.MotifUrgenceManquant as manque:
                    raise ErreurConnue(f"{manque.message} Donnez-le avec --motif-urgence « … ».") from None
                fichiers.append((Path(arguments.sortie), contenu))
                if arguments.ics:
                    fichiers.append((Path(arguments.ics), documents.convocation_ics(session, seance_id, motif)))
            elif arguments.commande == "emargement":
                fichiers.append((Path(arguments.sortie), documents.emargement_pdf(session, seance_id)))
            else:
                contenu = documents.proces_verbal_pdf(session, seance_id, releve=arguments.releve)
                fichiers.append((Path(arguments.sortie), contenu))
    finally:
        base.fermer()
    for fichier, contenu in fichiers:
        ecrire_atomiquement(fichier, contenu)
        print(f"Enregistré : « {fichier} ».")
    return 0


def _exporter(chemin: Path, arguments: argparse.Namespace) -> int:
    """`exporter ansa`: read on a read-only base, write the workbook atomically."""
    from app import db
    from app.fichiers import ecrire_atomiquement
    from app.services.export_ansa import classeur_ansa
    from app.services.indicateurs import Periode

    if arguments.du and arguments.au and arguments.du > arguments.au:
        raise ErreurConnue("La période est vide : --du est postérieur à --au.")
    base = db.ouvrir(chemin, lecture_seule=True, creer=False)
    try:
        with base.session_scope() as session:
            contenu = classeur_ansa(session, Periode(arguments.du, arguments.au), noms=arguments.noms)
    finally:
        base.fermer()
    sortie = Path(arguments.sortie)
    ecrire_atomiquement(sortie, contenu)
    print(f"Enregistré : « {sortie} ».")
    return 0


def _rapport(chemin: Path, arguments: argparse.Namespace) -> int:
    """`rapport hcts` and `rapport candidature`: read on a read-only base, write the PDF atomically."""
    from app import db
    from app.fichiers import ecrire_atomiquement
    from app.services.indicateurs import Periode

    hcts = arguments.rapport == "hcts"
    if hcts and arguments.du and arguments.au and arguments.du > arguments.au:
        raise ErreurConnue("La période est vide : --du est postérieur à --au.")
    base = db.ouvrir(chemin, lecture_seule=True, creer=False)
    try:
        with base.session_scope() as session:
            if hcts:
                from app.services.rapport_hcts import rapport_hcts_pdf

                contenu = rapport_hcts_pdf(session, Periode(arguments.du, arguments.au))
            else:
                from app.services.dossier_candidature import dossier_candidature_pdf

                contenu = dossier_candidature_pdf(session)
    finally:
        base.fermer()
    sortie = Path(arguments.sortie)
    ecrire_atomiquement(sortie, contenu)
    print(f"Enregistré : « {sortie} ».")
    return 0


def _sauvegarder(chemin: Path, arguments: argparse.Namespace) -> int:
    from app.services.sauvegardes import sauvegarder

    if not chemin.is_file():
        raise ErreurConnue(f"Aucune base Comité local dans « {chemin} » : rien à sauvegarder.")
    from app import db

    with suppress(db.BaseTropRecente):  # a newer base may still be copied; another program's file may not
        db.examiner(chemin)
    ecrit = sauvegarder(chemin, Path(arguments.sortie) if arguments.sortie else None)
    print(f"Sauvegarde enregistrée : « {ecrit} ».")
    return 0


def _restaurer(chemin: Path, arguments: argparse.Namespace) -> int:
    from app.services.sauvegardes import controler_sauvegarde, restaurer

    fichier = Path(arguments.fichier)
    controler_sauvegarde(fichier)  # refused before even asking for the lock: nothing changes
    with _verrou(chemin):
        gardee = restaurer(chemin, fichier)
    print(f"Base « {chemin} » restaurée depuis « {fichier} ».")
    if gardee != chemin:
        print(f"La base remplacée est gardée dans « {gardee} ».")
    return 0


def _verifier(chemin: Path, arguments: argparse.Namespace) -> int:
    from app import db
    from app.migrations.revisions import TETE
    from app.services.coherence import verifier

    if arguments.purger:
        from app.services.conservation import appliquer_a_l_ouverture

        with _verrou(chemin):
            base = db.ouvrir(chemin, creer=False)
            try:
                with base.session_scope() as session:
                    phrases = appliquer_a_l_ouverture(session)
            finally:
                base.fermer()
        for phrase in phrases:
            print(phrase)
        if not phrases:
            print("Conservation : rien à purger.")
    rapport = db.verifier_integrite(chemin)
    print(f"Base : {chemin}")
    print(f"Version du schéma : {rapport.revision} (programme : {TETE})")
    problemes = list(rapport.problemes)
    if not problemes and rapport.revision == TETE:
        base = db.ouvrir(chemin, lecture_seule=True, creer=False)
        try:
            with base.session_scope() as session:
                problemes = [f"Cohérence : {p}" for p in verifier(session)]
        finally:
            base.fermer()
    elif not problemes:
        print("Cohérence : non vérifiée (la base sera mise à jour à sa prochaine ouverture dans l'application).")
    if not problemes:
        print("Intégrité et cohérence : aucun problème détecté.")
        return 0
    for probleme in problemes:
        print(probleme, file=sys.stderr)
    print(f"{len(problemes)} problème(s) détecté(s).", file=sys.stderr)
    return 1


def _anonymat(chemin: Path, arguments: argparse.Namespace) -> int:
    from app.services.anonymat import detecter, noms_de_l_annuaire

    texte = _lire_texte(arguments.fichier)
    noms: list[tuple[str, str]] = []
    if chemin.is_file():
        from app import db

        base = db.ouvrir(chemin, lecture_seule=True, creer=False)
        try:
            with base.session_scope() as session:
                noms = noms_de_l_annuaire(session)
        finally:
            base.fermer()
    constats = [
        {"debut": c.debut, "fin": c.fin, "type": c.type, "extrait": c.extrait} for c in detecter(texte, noms)
    ]
    print(json.dumps(constats, ensure_ascii=False, indent=2))
    return 0


def _lire_texte(fichier: str) -> str:
    """The UTF-8 text of `fichier` (« - »: standard input); a byte order mark, as Windows writes, is dropped."""
    source = "l'entrée standard" if fichier == "-" else f"« {fichier} »"
    try:
        contenu = sys.stdin.buffer.read() if fichier == "-" else Path(fichier).read_bytes()
    except FileNotFoundError:
        raise ErreurConnue(f"Le fichier « {fichier} » n'existe pas.") from None
    except IsADirectoryError:
        raise ErreurConnue(f"« {fichier} » est un dossier, pas un fichier texte.") from None
    except PermissionError:
        raise ErreurConnue(f"La lecture de {source} est refusée (droits insuffisants).") from None
    except OSError:
        raise ErreurConnue(f"Impossible de lire {source}.") from None
    try:
        return contenu.decode("utf-8-sig")
    except UnicodeDecodeError as erreur:
        raise ErreurConnue(
            f"Le texte de {source} n'est pas en UTF-8 (octet invalide à la position {erreur.start})."
        ) from None
