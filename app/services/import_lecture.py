"""Opening an import workbook and reading its known sheets as raw rows, headers matched to the contract.

Anything wrong with the file itself (not an .xlsx, empty, damaged, password-protected, with macros, too
big, a zip bomb, too many rows or columns) becomes one `ErreurImport` without row, naming the file and the
limit; nothing past a guard is read, so a hostile file costs bounded time and memory. openpyxl's own warnings
never reach the caller.
"""

from __future__ import annotations

import logging
import posixpath
import struct
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

from app.format_fr import nombre
from app.services.import_cellules import en_texte
from app.services.import_schema import (
    FEUILLE_PAR_CLE,
    FEUILLES,
    FEUILLES_OBLIGATOIRES,
    ErreurImport,
    colonnes_par_cle,
)
from app.services.normalisation import normaliser

journal = logging.getLogger(__name__)

_ZIP = b"PK\x03\x04"
_ZIP_VIDE = b"PK\x05\x06"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003, or any password-protected Office file
_PDF = b"%PDF"
_SQLITE = b"SQLite format 3\x00"

# Limits, far above any committee's workbook, that bound what a hostile or broken file can cost.
# Figures: the realistic import benchmark (benchmarks/import_realiste.py) has 2,000 attendance rows, its
# largest sheet, for 100 meetings; a big committee over ten years (benchmarks/indicateurs_a_l_echelle.py)
# has about 6,000. At the row limit, a 13-column `Membres` sheet of 20,000 rows written by openpyxl weighs
# 1.1 MB and unpacks to 14 MB; openpyxl reads it in some 10 s on a busy 2-core machine (about 30,000 cells
# a second): a bound, not a target. The guards cost about 15 % of the reading (74 ms of 440 ms for the
# benchmark's workbook).
LIGNES_MAX = 20_000  # rows per sheet, header included (row numbers: a stray cell far down counts)
COLONNES_MAX = 50  # filled columns per row; the widest sheet of the contract (`Membres`) has 13
TAILLE_MAX = 10 * 1024 * 1024  # bytes on disk: bounds the zip directory read before anything else
# Uncompressed bytes of all the parts. Python's zipfile never yields more than a member's `file_size`
# read from the central directory (ZipExtFile keeps `_left = file_size` and cuts every chunk to it,
# zipfile.py `_read1`), and deflate is decompressed with `max_length`: the declared sizes bound the work,
# even for a member whose stream would inflate to more than it declares (it is then cut, and fails its
# CRC). That holds for stored and deflated members only, the two methods Excel writes: bzip2 and lzma
# chunks are inflated without a bound, so those members are refused. And it bounds the result, not the
# work of one call: `ZipExtFile.read()` with no size (openpyxl reads the workbook, styles and content
# types so) inflates with `max_length` = MAX_N = 1 GiB before cutting, so a part whose stream inflates
# far beyond its declared size could still cost 1 GiB at once: `_inflation_fidele` checks every part
# first, in 1 MiB steps.
TAILLE_DEPLIEE_MAX = 100 * 1024 * 1024
PARTIES_MAX = 1_000  # parts in the archive; an Excel workbook has a few dozen (each costs a ZipInfo)
# XML elements, counted in a first pass with expat (no tree) before openpyxl sees the file: openpyxl reads
# every part but the sheets and the shared strings as a whole tree (~150 bytes an element), and even a
# sheet it streams is first scanned to its end for its dimension when it has none, keeping one emptied
# element per row. At the row limit, a 13-column sheet of inline strings has 800,000 elements.
ELEMENTS_MAX = 4_000_000  # in all the parts: bounds the time (counted at some 600,000 a second)
ELEMENTS_ARBRE_MAX = 200_000  # in one part read as a tree (a big styles part has a few thousand)
ENFANTS_MAX = 500_000  # children of one element (shared strings at the row limit: 260,000)
CELLULES_MAX = 16_384  # cells in one row: Excel's columns (openpyxl builds a whole row before yielding it)
# Sheets listed by the workbook: the contract has 7; openpyxl opens every one listed (even the same part
# listed ten thousand times), scanning it for its dimension.
FEUILLES_MAX = 100


@dataclass
class FeuilleBrute:
    nom: str  # as the contract spells it
    colonnes: dict[str, int]  # contract column name → position in the row
    lignes: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)  # (row number, values), non-empty
    entete_incomplete: bool = False  # a required column is missing: no row can be complete

    def valeur(self, ligne: tuple[Any, ...], colonne: str) -> Any:
        position = self.colonnes.get(colonne)
        if position is None or position >= len(ligne):
            return None
        return ligne[position]


@dataclass
class LectureBrute:
    feuilles: dict[str, FeuilleBrute] = field(default_factory=dict)
    erreurs: list[ErreurImport] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)


def _erreur_fichier(motif: str) -> ErreurImport:
    return ErreurImport("", None, None, motif)


class _Limite(Exception):
    """A guard stopped the reading: the file is refused with this motif, nothing past the guard is read."""

    def __init__(self, motif: str) -> None:
        super().__init__(motif)
        self.motif = motif


def _mo(octets: int) -> str:
    return nombre(octets / (1024 * 1024), 1 if octets < 10 * 1024 * 1024 else 0)


def _ressemble_a_du_texte(debut: bytes) -> bool:
    """CSV, HTML, XML...: UTF-16 with its mark, UTF-8, or a Windows code page without control characters."""
    if debut.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in debut:
        return False
    try:
        debut.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start >= len(debut) - 3:  # a character cut by the end of the window
            return True
    return all(octet >= 0x20 or octet in b"\t\r\n" for octet in debut)


_NOMS_OLE = {
    "chiffre": "EncryptionInfo".encode("utf-16-le"),  # an encrypted .xlsx is an OLE file with this stream
    "xls": "Workbook".encode("utf-16-le"),
    "xls5": "Book".encode("utf-16-le") + b"\x00\x00",
}


def _probleme_ole(chemin: Path, nom: str) -> str:
    """Which kind of OLE compound file: the directory's stream names (UTF-16) are searched for."""
    trouves: set[str] = set()
    with chemin.open("rb") as fichier:  # at most TAILLE_MAX bytes, read in 1 MB chunks
        reste = b""
        while bloc := fichier.read(1024 * 1024):
            fenetre = reste + bloc
            trouves |= {cle for cle, motif in _NOMS_OLE.items() if motif in fenetre}
            reste = fenetre[-64:]
    if "chiffre" in trouves:
        return (
            f"{nom} est protégé par un mot de passe : ouvrez-le dans Excel, retirez le mot de passe "
            "(Fichier > Informations > Protéger le classeur) et enregistrez-le au format .xlsx"
        )
    if trouves:
        return f"{nom} est au format Excel 97-2003 (.xls) : enregistrez-le au format « Classeur Excel (.xlsx) »"
    return (
        f"{nom} est protégé par un mot de passe ou au format Excel 97-2003 (.xls) : "
        "enregistrez-le au format .xlsx, sans mot de passe"
    )


_PAS = 1024 * 1024


def _inflation_fidele(fichier: Any, info: zipfile.ZipInfo) -> bool:
    """Whether a deflated part's stream inflates to exactly its declared size (at most 1 MiB beyond it is
    produced before the answer: the work is bounded by the declared sizes)."""
    fichier.seek(info.header_offset)
    entete = fichier.read(30)
    if len(entete) < 30 or not entete.startswith(_ZIP):
        return False
    longueur_nom, longueur_extra = struct.unpack("<2H", entete[26:30])
    fichier.seek(info.header_offset + 30 + longueur_nom + longueur_extra)
    inflateur = zlib.decompressobj(-15)
    reste, produit = info.compress_size, 0
    while reste > 0 and not inflateur.eof:
        bloc = fichier.read(min(reste, _PAS))
        if not bloc:
            return False
        reste -= len(bloc)
        produit += len(inflateur.decompress(bloc, _PAS))
        while inflateur.unconsumed_tail and produit <= info.file_size:
            produit += len(inflateur.decompress(inflateur.unconsumed_tail, _PAS))
        if produit > info.file_size:
            return False
    return inflateur.eof and produit == info.file_size


def _trop_de_lignes(titre: str, nom: str) -> str:
    return (
        f"la feuille « {titre} » de {nom} dépasse la limite de {nombre(LIGNES_MAX)} lignes par feuille "
        "(un comité en a quelques milliers au plus) : supprimez les lignes inutiles en bas de la feuille"
    )


class _TropDeLignes(Exception):
    """A sheet part has more rows than LIGNES_MAX: its title is looked for before saying so."""


_NOTEES = frozenset({"sheetData", "sheet", "Relationship"})


class _Compteur:
    """expat handlers counting the elements of one part; raise `_Limite` as soon as a limit is passed, and
    note on the way the sheet titles and the workbook's relations (to name a sheet in a message)."""

    def __init__(self, nom: str, partie: str, deja: int, noms: dict[str, str], cibles: dict[str, str]) -> None:
        self.nom, self.partie = nom, partie
        self.deja = deja  # elements counted in the previous parts
        self.elements = 0
        self.limite = ELEMENTS_MAX - deja
        self.arbre = False
        self.enfants: list[int] = []  # children so far of each open element
        self.rang_lignes = -1  # index in `enfants` of the open sheetData, if any
        self.feuilles = 0
        self.noms, self.cibles = noms, cibles  # relation id → sheet title, relation id → part

    def debut(self, balise: str, attributs: dict[str, str]) -> None:
        # Called for every element: the common path is kept to a few operations.
        self.elements += 1
        enfants = self.enfants
        if enfants:
            enfants[-1] += 1
            if enfants[-1] > CELLULES_MAX:
                self._trop_d_enfants()
        elif balise.rsplit(":", 1)[-1] not in ("worksheet", "sst") and self.limite > ELEMENTS_ARBRE_MAX:
            self.limite, self.arbre = ELEMENTS_ARBRE_MAX, True  # the root says openpyxl reads it as a tree
        if self.elements > self.limite:
            self._trop_d_elements()
        if balise in _NOTEES or ":" in balise:
            self._noter(balise.rsplit(":", 1)[-1], attributs)
        enfants.append(0)

    def _trop_d_enfants(self) -> None:
        parent, compte = len(self.enfants) - 1, self.enfants[-1]
        if parent == self.rang_lignes + 1 and self.rang_lignes >= 0:  # the cells of a row
            raise _Limite(
                f"{self.nom} a une ligne de plus de {nombre(CELLULES_MAX)} cellules, le maximum d'Excel "
                f"(« {self.partie} ») : ce n'est pas un classeur Excel ordinaire ; il n'a pas été lu"
            )
        if parent == self.rang_lignes and compte > LIGNES_MAX:
            raise _TropDeLignes()
        if compte > ENFANTS_MAX:
            raise _Limite(
                f"{self.nom} contient une liste de plus de {nombre(ENFANTS_MAX)} éléments "
                f"(« {self.partie} ») : ce n'est pas un classeur d'import ordinaire ; il n'a pas été lu"
            )

    def _trop_d_elements(self) -> None:
        ou = (
            f"{nombre(ELEMENTS_ARBRE_MAX)} éléments XML dans « {self.partie} »"
            if self.arbre
            else f"{nombre(ELEMENTS_MAX)} éléments XML (limite atteinte dans « {self.partie} »)"
        )
        raise _Limite(
            f"{self.nom} contient plus de {ou} : ce n'est pas un classeur d'import ordinaire ; il n'a pas été lu"
        )

    def _noter(self, local: str, attributs: dict[str, str]) -> None:
        if local == "sheetData":
            self.rang_lignes = len(self.enfants)
        elif local == "sheet" and "name" in attributs:
            identifiant = next((v for k, v in attributs.items() if k.endswith(":id")), "")
            self.noms[identifiant] = attributs["name"]
            self.feuilles += 1
            if self.feuilles > FEUILLES_MAX:
                raise _Limite(
                    f"{self.nom} compte plus de {nombre(FEUILLES_MAX)} feuilles (un classeur d'import en a 7) : "
                    "ce n'est pas un classeur d'import ordinaire ; il n'a pas été lu"
                )
        elif local == "Relationship" and self.partie.endswith("workbook.xml.rels"):
            cible = attributs.get("Target", "")
            self.cibles[attributs.get("Id", "")] = posixpath.normpath(cible[1:] if cible[:1] == "/" else f"xl/{cible}")

    def fin(self, _balise: str) -> None:
        self.enfants.pop()

    def dtd(self, *_: Any) -> None:
        # The packaging standard forbids DTDs in an Office file (Excel never writes one); entities are
        # how a small part becomes a huge text (expat stops an entity bomb only at 100 × its input).
        raise _Limite(
            f"{self.nom} est endommagé ou piégé : « {self.partie} » déclare des entités XML (DTD), ce qu'Excel "
            "n'écrit jamais ; il n'a pas été lu"
        )


def _compter_elements(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], nom: str) -> None:
    """Count the elements of every XML part (whatever its name: a relation may point anywhere)."""
    total = 0
    noms: dict[str, str] = {}
    cibles: dict[str, str] = {}
    trop_longues: list[str] = []  # parts with too many rows (the rest of each is not read)
    for info in infos:
        with archive.open(info) as flux:
            bloc = flux.read(_PAS)  # in steps: each part was found to inflate to its declared size
            if not bloc.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                continue
            compteur = _Compteur(nom, info.filename, total, noms, cibles)
            parseur = expat.ParserCreate()
            parseur.StartElementHandler = compteur.debut
            parseur.EndElementHandler = compteur.fin
            parseur.StartDoctypeDeclHandler = compteur.dtd
            try:
                while bloc:
                    parseur.Parse(bloc, False)
                    bloc = flux.read(_PAS)
                parseur.Parse(b"", True)
            except expat.ExpatError:
                pass  # not well-formed: openpyxl will say so if it reads this part
            except _TropDeLignes:
                trop_longues.append(info.filename)
            total += compteur.elements
    titres = {cibles.get(identifiant): titre for identifiant, titre in noms.items()}
    presentes = {info.filename for info in infos}
    for partie, titre in titres.items():
        if partie is not None and partie not in presentes:  # openpyxl would leave the sheet out, silently
            raise _Limite(f"{nom} est endommagé : la feuille « {titre} » est annoncée mais absente de l'archive")
    if trop_longues:
        partie = trop_longues[0]
        raise _Limite(_trop_de_lignes(titres.get(partie, partie), nom))


def _probleme_d_archive(archive: zipfile.ZipFile, nom: str, chemin: Path) -> str | None:
    """The guards, cheapest first: the zip directory (nothing inflated yet), every part inflated once in
    bounded steps, what kind of archive it is, then the XML elements counted."""
    infos = archive.infolist()
    if len(infos) > PARTIES_MAX:
        return (
            f"{nom} contient {nombre(len(infos))} parties internes (limite : {nombre(PARTIES_MAX)}) : "
            "ce n'est pas un classeur d'import ordinaire ; il n'a pas été lu"
        )
    if any(info.flag_bits & 0x1 for info in infos):
        return (
            f"{nom} est une archive protégée par un mot de passe : "
            "enregistrez le classeur au format .xlsx, sans mot de passe"
        )
    if any(info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for info in infos):
        return (
            f"{nom} est compressé d'une manière qu'Excel n'emploie pas : "
            "ce n'est pas un classeur Excel (.xlsx) ordinaire"
        )
    depliee = sum(info.file_size for info in infos)
    if depliee > TAILLE_DEPLIEE_MAX:
        return (
            f"{nom} se décompresse en {_mo(depliee)} Mo (limite : {_mo(TAILLE_DEPLIEE_MAX)} Mo) : "
            "ce n'est pas un classeur d'import ordinaire (archive piégée ou contenu démesuré) ; il n'a pas été lu"
        )
    with chemin.open("rb") as fichier:
        for info in infos:
            if info.compress_type == zipfile.ZIP_DEFLATED and not _inflation_fidele(fichier, info):
                return (
                    f"{nom} est endommagé ou piégé : une partie de l'archive se décompresse au-delà de sa taille "
                    f"déclarée ou n'est pas lisible (« {info.filename} ») ; il n'a pas été lu"
                )
    noms = {info.filename: info for info in infos}
    mimetype = noms.get("mimetype")
    if mimetype is not None and mimetype.file_size <= 200 and b"opendocument" in archive.open(mimetype).read(200):
        return f"{nom} est un classeur OpenDocument (.ods) : enregistrez-le au format Excel (.xlsx)"
    types = noms.get("[Content_Types].xml")
    if types is None or not any(n.startswith("xl/") for n in noms):
        return f"{nom} est une archive ZIP mais pas un classeur Excel (.xlsx)"
    if "xl/workbook.bin" in noms:
        return f"{nom} est au format Excel binaire (.xlsb) : enregistrez-le au format « Classeur Excel (.xlsx) »"
    # Macros: openpyxl never runs them, but the values they would compute are not in the file, and a
    # secretariat is better not handed macro workbooks to pass around: the contract asks for an .xlsx.
    macros = any(n.lower().endswith("vbaproject.bin") for n in noms) or b"macroenabled" in (
        archive.open(types).read(1024 * 1024).lower()  # a few KB in a real workbook
    )
    if macros:
        return (
            f"{nom} contient des macros (classeur .xlsm) : elles ne seraient pas exécutées et les valeurs "
            "qu'elles calculent pourraient manquer. Enregistrez-le au format « Classeur Excel (.xlsx) », "
            "sans macros, et importez ce fichier-là"
        )
    try:
        _compter_elements(archive, infos, nom)
    except _Limite as limite:
        return limite.motif
    return None


def _probleme_de_fichier(chemin: Path) -> str | None:
    """Why `chemin` cannot be an .xlsx workbook, judged from its size, first bytes and zip directory."""
    nom = f"« {chemin.name} »"
    if not chemin.exists():
        return f"le fichier {nom} est introuvable"
    if not chemin.is_file():
        return f"{nom} n'est pas un fichier"
    try:
        taille = chemin.stat().st_size
        with chemin.open("rb") as fichier:
            debut = fichier.read(512)
    except OSError as exc:
        return f"impossible de lire {nom} : {exc.strerror or exc}"
    if not debut:
        return f"le fichier {nom} est vide (0 octet) : ce n'est pas un classeur Excel"
    if taille > TAILLE_MAX:
        return (
            f"{nom} pèse {_mo(taille)} Mo : c'est trop pour un classeur d'import (limite : {_mo(TAILLE_MAX)} Mo ; "
            "celui d'un comité pèse moins de 1 Mo). Retirez les images et les feuilles qui ne sont pas "
            "celles du modèle"
        )
    if debut.startswith(_OLE):
        try:
            return _probleme_ole(chemin, nom)
        except OSError as exc:
            return f"impossible de lire {nom} : {exc.strerror or exc}"
    if debut.startswith(_SQLITE):
        return (
            f"{nom} n'est pas un classeur Excel (.xlsx) mais une base de données : une sauvegarde se remet en "
            "place par « Fichier > Restaurer une sauvegarde… » (ou « comite-local restaurer »), pas par l'import"
        )
    if debut.startswith(_PDF):
        return f"{nom} n'est pas un classeur Excel (.xlsx) mais un document PDF"
    if not debut.startswith((_ZIP, _ZIP_VIDE)):
        if _ressemble_a_du_texte(debut):
            return (
                f"{nom} n'est pas un classeur Excel (.xlsx) mais un fichier texte (CSV, page web…) : "
                "ouvrez-le dans votre tableur et enregistrez-le au format .xlsx"
            )
        return f"{nom} n'est pas un classeur Excel (.xlsx)"
    try:
        with zipfile.ZipFile(chemin) as archive:
            return _probleme_d_archive(archive, nom, chemin)
    except Exception as exc:  # a forged zip directory can raise about anything: it is the file's fault
        journal.info("Archive illisible « %s » : %r", chemin, exc)
        return f"{nom} est endommagé : l'archive du classeur est illisible"


def _feuille(nom: str, lignes: list[tuple[Any, ...]], lecture: LectureBrute) -> FeuilleBrute | None:
    """Match the header row to the contract's columns; keep the non-empty rows. None for an empty sheet."""
    entete = lignes[0] if lignes else ()
    if not any(en_texte(v) for v in entete) and not any(any(en_texte(v) for v in ligne) for ligne in lignes):
        if nom in FEUILLES_OBLIGATOIRES:
            lecture.erreurs.append(ErreurImport(nom, None, None, "la feuille est vide (ligne d'en-tête attendue)"))
        return None
    attendues = colonnes_par_cle(nom)
    colonnes: dict[str, int] = {}
    for position, valeur in enumerate(entete):
        texte = en_texte(valeur)
        if not texte:
            continue
        colonne = attendues.get(normaliser(texte))
        if colonne is None:
            possibles = ", ".join(c.nom for c in FEUILLES[nom])
            lecture.erreurs.append(ErreurImport(nom, 1, texte, f"colonne inconnue (colonnes possibles : {possibles})"))
        elif colonne.nom in colonnes:
            lecture.erreurs.append(ErreurImport(nom, 1, colonne.nom, "colonne présente deux fois"))
        else:
            colonnes[colonne.nom] = position
    feuille = FeuilleBrute(nom, colonnes)
    for colonne in FEUILLES[nom]:
        if colonne.obligatoire and colonne.nom not in colonnes:
            feuille.entete_incomplete = True
            lecture.erreurs.append(ErreurImport(nom, None, colonne.nom, "colonne obligatoire absente"))
    for numero, ligne in enumerate(lignes[1:], start=2):
        if any(en_texte(v) for v in ligne):
            feuille.lignes.append((numero, ligne))
    return feuille


def _lignes(onglet: Any, nom: str) -> list[tuple[Any, ...]]:
    """The sheet's rows, streamed, up to the guards: LIGNES_MAX rows, COLONNES_MAX filled columns."""
    lignes: list[tuple[Any, ...]] = []
    # openpyxl yields one row per row number (an empty one for a gap), so the count is the row number.
    for numero, ligne in enumerate(onglet.iter_rows(values_only=True), start=1):
        if numero > LIGNES_MAX:
            raise _Limite(_trop_de_lignes(onglet.title, nom))
        if len(ligne) > COLONNES_MAX:
            reste = ligne[COLONNES_MAX:]
            if reste.count(None) != len(reste):  # at C speed: a hostile row may hold 16,384 cells
                from openpyxl.utils import get_column_letter

                raise _Limite(
                    f"la feuille « {onglet.title} » de {nom} a une cellule remplie au-delà de la colonne "
                    f"{get_column_letter(COLONNES_MAX)} (ligne {nombre(numero)}) : le modèle n'a que "
                    "quelques colonnes ; supprimez celles qui sont en trop à droite"
                )
            ligne = ligne[:COLONNES_MAX]
        lignes.append(tuple(ligne))
    return lignes


def _lire_feuilles(chemin: Path, lecture: LectureBrute) -> dict[str, list[tuple[Any, ...]]]:
    """Every known sheet's rows, read with openpyxl in one go (it keeps the file open while reading)."""
    from openpyxl import load_workbook  # slow to import: only when a workbook is really read

    brutes: dict[str, list[tuple[Any, ...]]] = {}
    with chemin.open("rb") as fichier:
        # A file object rather than the path: openpyxl would refuse a workbook by its file name's extension.
        classeur = load_workbook(fichier, read_only=True, data_only=True)
        try:
            for onglet in classeur.worksheets:
                nom = FEUILLE_PAR_CLE.get(normaliser(onglet.title))
                if nom is None:
                    lecture.avertissements.append(f"Feuille « {onglet.title} » ignorée (nom non reconnu).")
                    continue
                if nom in brutes:
                    lecture.erreurs.append(
                        ErreurImport(nom, None, None, f"deux feuilles s'appellent « {nom} » (à l'accent près)")
                    )
                    continue
                onglet.reset_dimensions()  # some programs write a wrong size: read what is really there
                brutes[nom] = _lignes(onglet, f"« {chemin.name} »")
        finally:
            classeur.close()
    return brutes


def lire_classeur(chemin: Path) -> LectureBrute:
    lecture = LectureBrute()
    with warnings.catch_warnings(record=True) as signales:
        warnings.simplefilter("always")
        probleme = _probleme_de_fichier(chemin)
        if probleme is not None:
            lecture.erreurs.append(_erreur_fichier(probleme))
            return lecture
        try:
            brutes = _lire_feuilles(chemin, lecture)
        except _Limite as limite:
            lecture.erreurs[:] = [_erreur_fichier(limite.motif)]  # the rows read so far are dropped with it
            lecture.avertissements.clear()
            return lecture
        except Exception as exc:  # openpyxl on a damaged file can raise about anything: it is the file's fault
            journal.info("Classeur illisible « %s » : %r", chemin, exc)
            lecture.erreurs.append(
                _erreur_fichier(f"« {chemin.name} » est endommagé ou n'est pas un classeur Excel lisible")
            )
            return lecture
    for signale in signales:
        # Unsupported extensions, styles...: nothing that changes the values read. (The filter is
        # process-wide while it lasts: warnings of another thread in that moment are logged here too.)
        journal.info("Lecture de « %s » : %s", chemin, signale.message)
    for nom in FEUILLES:
        if nom in brutes:
            feuille = _feuille(nom, brutes[nom], lecture)
            if feuille is not None:
                lecture.feuilles[nom] = feuille
        elif nom in FEUILLES_OBLIGATOIRES:
            lecture.erreurs.append(ErreurImport(nom, None, None, "feuille obligatoire absente du classeur"))
    return lecture
