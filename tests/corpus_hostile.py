"""Hostile and broken files (issue 7, item 4): workbooks handed to the import, files handed over as a base.

Each case declares the fragment of the French message that must answer it. Nothing is committed: the files
are written at test-session time (`construire_classeurs`, `construire_bases`), the big ones directly as zip
bytes with hand-written sheet XML (inline strings), a few seconds in all. For a look at them:

    .venv/bin/python -m tests.corpus_hostile /tmp/corpus-hostile

The import corpus of `tests/services/corpus_import.py` (a valid reference and ~45 faulty variants) is the
other half of the hostile corpus; `tous_les_classeurs` counts both.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MIO = 1024 * 1024

# --- Zip written by hand: forged sizes, flags and methods are possible --------------------------------


@dataclass(frozen=True)
class Partie:
    nom: str
    charge: bytes  # the bytes stored in the archive (already compressed for DEFLATED)
    taille: int  # uncompressed size declared in the headers
    crc: int
    methode: int = zipfile.ZIP_DEFLATED
    drapeaux: int = 0


def partie(nom: str, contenu: bytes | str, *, methode: int = zipfile.ZIP_DEFLATED) -> Partie:
    donnees = contenu.encode() if isinstance(contenu, str) else contenu
    if methode == zipfile.ZIP_STORED:
        charge = donnees
    else:
        compresseur = zlib.compressobj(1, zlib.DEFLATED, -15)  # raw deflate, fastest level
        charge = compresseur.compress(donnees) + compresseur.flush()
    return Partie(nom, charge, len(donnees), zlib.crc32(donnees), methode)


def zip_brut(parties: list[Partie]) -> bytes:
    """A zip archive whose headers say exactly what `parties` say, true or not."""
    morceaux: list[bytes] = []
    repertoire: list[bytes] = []
    position = 0
    for p in parties:
        nom = p.nom.encode()
        entete = struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, p.drapeaux, p.methode, 0, 0x21, p.crc, len(p.charge), p.taille, len(nom), 0
        )
        repertoire.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                p.drapeaux,
                p.methode,
                0,
                0x21,
                p.crc,
                len(p.charge),
                p.taille,
                len(nom),
                0,
                0,
                0,
                0,
                0,
                position,
            )
            + nom
        )
        morceaux += [entete, nom, p.charge]
        position += len(entete) + len(nom) + len(p.charge)
    central = b"".join(repertoire)
    fin = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(parties), len(parties), len(central), position, 0)
    return b"".join(morceaux) + central + fin


# --- A minimal workbook: the parts openpyxl needs, sheets as XML strings -------------------------------

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPE_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
TYPE_XLSM = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
_TYPE_FEUILLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def _types(nombre: int, principal: str) -> str:
    feuilles = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_TYPE_FEUILLE}"/>'
        for i in range(1, nombre + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{principal}"/>{feuilles}</Types>'
    )


_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_NS_RELS}">'
    f'<Relationship Id="rId1" Type="{_NS_R}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)


def _classeur_xml(noms: list[str]) -> str:
    feuilles = "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(noms, 1))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_NS}" xmlns:r="{_NS_R}">'
        f"<sheets>{feuilles}</sheets></workbook>"
    )


def _liens_classeur(nombre: int) -> str:
    liens = "".join(
        f'<Relationship Id="rId{i}" Type="{_NS_R}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, nombre + 1)
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_NS_RELS}">{liens}</Relationships>'


def cellule(reference: str, texte: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{texte}</t></is></c>'


def ligne_xml(numero: int, valeurs: list[str]) -> str:
    cellules = "".join(cellule(f"{chr(65 + i)}{numero}", v) for i, v in enumerate(valeurs))
    return f'<row r="{numero}">{cellules}</row>'


def feuille_xml(lignes: str, prologue: str = "", dimension: str = "") -> str:
    # Excel writes <dimension> first; without it openpyxl scans the whole sheet once more to find none.
    debut = f'<?xml version="1.0" encoding="UTF-8"?>{prologue}<worksheet xmlns="{_NS}">'
    if dimension:
        debut += f'<dimension ref="{dimension}"/>'
    return f"{debut}<sheetData>{lignes}</sheetData></worksheet>"


ENTETE_MEMBRES = ["Nom", "Prénom", "Collège", "Instance", "Qualité", "Début"]
ENTETE_PRESENCES = ["Séance", "Nom", "Prénom", "État"]


def feuille_membres(lignes_en_plus: str = "", prologue: str = "") -> str:
    entete = ligne_xml(1, ENTETE_MEMBRES)
    membre = ligne_xml(2, ["Martin", "Anne", "Travailleurs sociaux", "Plénière", "Titulaire", "01/09/2025"])
    return feuille_xml(entete + membre + lignes_en_plus, prologue)


def parties_classeur(feuilles: dict[str, str], *, principal: str = TYPE_XLSX) -> list[Partie]:
    parties = [
        partie("[Content_Types].xml", _types(len(feuilles), principal)),
        partie("_rels/.rels", _RELS),
        partie("xl/workbook.xml", _classeur_xml(list(feuilles))),
        partie("xl/_rels/workbook.xml.rels", _liens_classeur(len(feuilles))),
    ]
    parties += [partie(f"xl/worksheets/sheet{i}.xml", x) for i, x in enumerate(feuilles.values(), 1)]
    return parties


def classeur(feuilles: dict[str, str], *, principal: str = TYPE_XLSX, en_plus: list[Partie] | None = None) -> bytes:
    return zip_brut(parties_classeur(feuilles, principal=principal) + (en_plus or []))


def _remplacer(parties: list[Partie], nom: str, nouvelle: Partie) -> list[Partie]:
    return [nouvelle if p.nom == nom else p for p in parties]


# --- The heavy ones ------------------------------------------------------------------------------------


def _zeros_deflate(mio: int) -> bytes:
    """A raw deflate stream of `mio` MiB of zeros, in about 1 KB per MiB, built in milliseconds: after a
    full flush the compressor starts afresh, so each MiB compresses to the same bytes."""
    compresseur = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(MIO)
    premier = compresseur.compress(zeros) + compresseur.flush(zlib.Z_FULL_FLUSH)
    suivant = compresseur.compress(zeros) + compresseur.flush(zlib.Z_FULL_FLUSH)
    return premier + suivant * (mio - 2) + compresseur.compress(zeros) + compresseur.flush()


def _bombe_declaree() -> bytes:
    # 1 GiB of zeros as the first sheet, declared as such: refused on the directory alone. (The CRC is left
    # at 0: computing that of 1 GiB would cost a second; without the guard the reader would inflate it all
    # before finding out.)
    flux = _zeros_deflate(1024)
    parties = parties_classeur({"Membres": feuille_membres()})
    bombe = Partie("xl/worksheets/sheet1.xml", flux, 1024 * MIO, 0)
    return zip_brut(_remplacer(parties, bombe.nom, bombe))


def _bombe_menteuse() -> bytes:
    # The workbook part declares 1 KB but its stream inflates to 1 GiB: zipfile would stop at 1 KB, but
    # only after inflating up to 1 GiB in one call when a part is read whole (openpyxl reads it so).
    flux = _zeros_deflate(1024)
    parties = parties_classeur({"Membres": feuille_membres()})
    menteuse = Partie("xl/workbook.xml", flux, 1024, zlib.crc32(bytes(1024)))
    return zip_brut(_remplacer(parties, menteuse.nom, menteuse))


def _cent_mille_lignes() -> bytes:
    entete = ligne_xml(1, ENTETE_PRESENCES)
    lignes = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>PL-2025-01</t></is></c>'
        f'<c r="B{n}" t="inlineStr"><is><t>Nom{n}</t></is></c>'
        f'<c r="C{n}" t="inlineStr"><is><t>Anne</t></is></c>'
        f'<c r="D{n}" t="inlineStr"><is><t>présent</t></is></c></row>'
        for n in range(2, 100_002)
    )
    return classeur({"Membres": feuille_membres(), "Présences": feuille_xml(entete + lignes, dimension="A1:D100001")})


def _million_de_lignes_vides() -> bytes:
    # 14 MB of `<row r="n"/>`: openpyxl would keep one emptied element per row while looking for the
    # dimension the sheet does not have (120 MB); the count of rows stops it at 20,001 first.
    lignes = "".join(f'<row r="{n}"/>' for n in range(3, 1_000_003))
    return classeur({"Membres": feuille_membres(lignes)})


def _chaines_partagees() -> bytes:
    chaines = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_NS}" count="600000" uniqueCount="600000">'
        + "".join(f"<si><t>{n}</t></si>" for n in range(600_000))
        + "</sst>"
    )
    return classeur({"Membres": feuille_membres()}, en_plus=[partie("xl/sharedStrings.xml", chaines)])


def _styles_geants() -> bytes:
    # A styles part openpyxl would build as one tree of 300,000 elements.
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{_NS}"><cellXfs count="300000">'
        + '<xf numFmtId="0"/>' * 300_000
        + "</cellXfs></styleSheet>"
    )
    return classeur({"Membres": feuille_membres()}, en_plus=[partie("xl/styles.xml", styles)])


def _vingt_mo() -> bytes:
    # A sound little workbook carrying 20 MiB of incompressible "photo": refused on its size alone.
    photo = Partie("xl/media/image1.png", os.urandom(20 * MIO + 1024), 20 * MIO + 1024, 0, zipfile.ZIP_STORED)
    return classeur({"Membres": feuille_membres()}, en_plus=[photo])


# --- The others ----------------------------------------------------------------------------------------


def _ole(*flux: str) -> bytes:
    """An OLE compound file header, then a directory sector naming `flux` (UTF-16, as Office writes)."""
    entete = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    repertoire = b"".join(nom.encode("utf-16-le").ljust(64, b"\x00") + bytes(64) for nom in ("Root Entry", *flux))
    return entete + repertoire.ljust(4096, b"\x00")


def _xlsm() -> bytes:
    vba = partie("xl/vbaProject.bin", b"\xcc\x61" + bytes(2000))
    return classeur({"Membres": feuille_membres()}, principal=TYPE_XLSM, en_plus=[vba])


def _vba_sans_type() -> bytes:
    return classeur({"Membres": feuille_membres()}, en_plus=[partie("xl/vbaProject.bin", bytes(512))])


def _xlsb() -> bytes:
    return zip_brut(
        [
            partie("[Content_Types].xml", _types(0, "application/vnd.ms-excel.sheet.binary.macroEnabled.main")),
            partie("_rels/.rels", _RELS.replace("workbook.xml", "workbook.bin")),
            partie("xl/workbook.bin", bytes(300)),
        ]
    )


def _ods() -> bytes:
    return zip_brut(
        [
            partie("mimetype", "application/vnd.oasis.opendocument.spreadsheet", methode=zipfile.ZIP_STORED),
            partie("content.xml", "<office:document-content/>"),
            partie("META-INF/manifest.xml", "<manifest:manifest/>"),
        ]
    )


def _zip_protege() -> bytes:
    parties = parties_classeur({"Membres": feuille_membres()})
    return zip_brut([Partie(p.nom, p.charge, p.taille, p.crc, p.methode, drapeaux=0x1) for p in parties])


def _zip_bzip2() -> bytes:
    import io

    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_BZIP2) as archive:
        for p in parties_classeur({"Membres": feuille_membres()}):
            archive.writestr(p.nom, zlib.decompress(p.charge, -15))
    return tampon.getvalue()


def _mille_parties() -> bytes:
    vides = [partie(f"xl/media/vide{n}.bin", b"", methode=zipfile.ZIP_STORED) for n in range(2_000)]
    return classeur({"Membres": feuille_membres()}, en_plus=vides)


def _feuille_listee_dix_mille_fois() -> bytes:
    parties = parties_classeur({"Membres": feuille_membres()})
    feuilles = "".join(f'<sheet name="F{n}" sheetId="{n}" r:id="rId1"/>' for n in range(1, 10_001))
    classeur_xml = f'<workbook xmlns="{_NS}" xmlns:r="{_NS_R}"><sheets>{feuilles}</sheets></workbook>'
    return zip_brut(_remplacer(parties, "xl/workbook.xml", partie("xl/workbook.xml", classeur_xml)))


def _feuille_absente_de_l_archive() -> bytes:
    parties = parties_classeur({"Membres": feuille_membres()})
    return zip_brut([p for p in parties if not p.nom.startswith("xl/worksheets/")])


def _classeur_xml_malforme() -> bytes:
    parties = parties_classeur({"Membres": feuille_membres()})
    return zip_brut(_remplacer(parties, "xl/workbook.xml", partie("xl/workbook.xml", "<workbook><sheets><sheet")))


_MILLIARD_DE_RIRES = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(2, 10))
    + "]>"
)


def _xml_avec(prologue: str, texte: str) -> bytes:
    return classeur({"Membres": feuille_membres(f'<row r="3">{cellule("A3", texte)}</row>', prologue)})


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(13) + os.urandom(200)


def _dossier(chemin: Path) -> None:
    chemin.mkdir()
    (chemin / "xl").mkdir()


@dataclass(frozen=True)
class CasClasseur:
    nom: str
    fragment: str  # in the one file-level error's motif
    octets: Callable[[], bytes] | None = None
    fabriquer: Callable[[Path], None] | None = None  # for what is not a file
    lourd: bool = False  # big, or costly to read up to its guard: measured for memory


_ENDOMMAGE = "est endommagé ou n'est pas un classeur Excel lisible"
_DTD = "est endommagé ou piégé : « xl/worksheets/sheet1.xml » déclare des entités XML (DTD)"
_TEXTE = "mais un fichier texte (CSV, page web…)"

CAS_CLASSEURS: tuple[CasClasseur, ...] = (
    # Size and volume
    CasClasseur(
        "classeur_de_20_mo", "pèse 20 Mo : c'est trop pour un classeur d'import (limite : 10 Mo", _vingt_mo, lourd=True
    ),
    CasClasseur(
        "cent_mille_lignes",
        "« Présences » de « cent_mille_lignes.xlsx » dépasse la limite de 20\u202f000 lignes par feuille",
        _cent_mille_lignes,
        lourd=True,
    ),
    CasClasseur(
        "cellule_isolee_en_ligne_1048576",
        "« Membres » de « cellule_isolee_en_ligne_1048576.xlsx » dépasse la limite de 20\u202f000 lignes",
        lambda: classeur({"Membres": feuille_membres(f'<row r="1048576">{cellule("A1048576", "x")}</row>')}),
    ),
    CasClasseur(
        "cellule_en_colonne_xfd",
        "a une cellule remplie au-delà de la colonne AX (ligne 3)",
        lambda: classeur({"Membres": feuille_membres(f'<row r="3">{cellule("XFD3", "x")}</row>')}),
    ),
    CasClasseur("bombe_zip_declaree", "se décompresse en 1\u202f024 Mo (limite : 100 Mo)", _bombe_declaree, lourd=True),
    CasClasseur(
        "bombe_zip_menteuse",
        "une partie de l'archive se décompresse au-delà de sa taille déclarée",
        _bombe_menteuse,
        lourd=True,
    ),
    CasClasseur(
        "million_de_lignes_vides",
        "« Membres » de « million_de_lignes_vides.xlsx » dépasse la limite de 20\u202f000 lignes",
        _million_de_lignes_vides,
    ),
    CasClasseur(
        "six_cent_mille_chaines_partagees",
        "contient une liste de plus de 500\u202f000 éléments (« xl/sharedStrings.xml »)",
        _chaines_partagees,
    ),
    CasClasseur(
        "ligne_de_cent_mille_cellules",
        "a une ligne de plus de 16\u202f384 cellules, le maximum d'Excel (« xl/worksheets/sheet1.xml »)",
        lambda: classeur({"Membres": feuille_membres('<row r="3">' + "<c><v>1</v></c>" * 100_000 + "</row>")}),
    ),
    CasClasseur("styles_geants", "contient plus de 200\u202f000 éléments XML dans « xl/styles.xml »", _styles_geants),
    CasClasseur(
        "une_feuille_listee_dix_mille_fois",
        "compte plus de 100 feuilles (un classeur d'import en a 7)",
        _feuille_listee_dix_mille_fois,
    ),
    CasClasseur("deux_mille_parties", "contient 2\u202f005 parties internes (limite : 1\u202f000)", _mille_parties),
    # Not a plain .xlsx
    CasClasseur("macros_xlsm", "contient des macros (classeur .xlsm)", _xlsm),
    CasClasseur("macros_sans_type_xlsm", "contient des macros", _vba_sans_type),
    CasClasseur("binaire_xlsb", "au format Excel binaire (.xlsb)", _xlsb),
    CasClasseur(
        "chiffre_par_excel",
        "est protégé par un mot de passe : ouvrez-le dans Excel, retirez le mot de passe",
        lambda: _ole("EncryptionInfo", "EncryptedPackage"),
    ),
    CasClasseur(
        "excel_97_2003",
        "au format Excel 97-2003 (.xls) : enregistrez-le",
        lambda: _ole("Workbook", "SummaryInformation"),
    ),
    CasClasseur("zip_protege_par_mot_de_passe", "est une archive protégée par un mot de passe", _zip_protege),
    CasClasseur("zip_compresse_en_bzip2", "compressé d'une manière qu'Excel n'emploie pas", _zip_bzip2),
    CasClasseur("ods_renomme", "classeur OpenDocument (.ods)", _ods),
    # Broken inside
    CasClasseur(
        "xml_de_feuille_malforme",
        _ENDOMMAGE,
        lambda: classeur({"Membres": feuille_membres()[:-40] + "<row r='9'><c r="}),
    ),
    CasClasseur("xml_du_classeur_malforme", _ENDOMMAGE, _classeur_xml_malforme),
    CasClasseur(
        "feuille_absente_de_l_archive",
        "est endommagé : la feuille « Membres » est annoncée mais absente de l'archive",
        _feuille_absente_de_l_archive,
    ),
    CasClasseur("octet_nul_dans_le_xml", _ENDOMMAGE, lambda: _xml_avec("", "Mar\x00tin")),
    CasClasseur("milliard_de_rires", _DTD, lambda: _xml_avec(_MILLIARD_DE_RIRES, "&lol9;"), lourd=True),
    CasClasseur(
        "entite_externe",
        _DTD,
        lambda: _xml_avec('<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;"),
    ),
    CasClasseur(
        "repertoire_zip_coupe",
        "est endommagé : l'archive du classeur est illisible",
        lambda: classeur({"Membres": feuille_membres()})[:-30],
    ),
    CasClasseur("zip_vide", "est une archive ZIP mais pas un classeur Excel", lambda: b"PK\x05\x06" + bytes(18)),
    # Something else named .xlsx
    CasClasseur(
        "page_web_renommee",
        _TEXTE,
        lambda: b"<!DOCTYPE html><html><body><table><tr><td>Nom</td></tr></table></body></html>",
    ),
    CasClasseur("csv_windows_1252", _TEXTE, lambda: "Nom;Prénom;Collège\r\nMartin;Hélène;Élus\r\n".encode("cp1252")),
    CasClasseur("texte_unicode_utf16", _TEXTE, lambda: "Nom\tPrénom\r\nMartin\tAnne\r\n".encode("utf-16")),
    CasClasseur(
        "pdf_renomme",
        "n'est pas un classeur Excel (.xlsx) mais un document PDF",
        lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(500),
    ),
    CasClasseur(
        "base_sqlite_renommee",
        "n'est pas un classeur Excel (.xlsx) mais une base de données",
        lambda: b"SQLite format 3\x00" + bytes(4080),
    ),
    CasClasseur("image_renommee", "n'est pas un classeur Excel (.xlsx)", _png),
    CasClasseur("zeros", "n'est pas un classeur Excel (.xlsx)", lambda: bytes(4096)),
    CasClasseur("dossier_nomme_xlsx", "n'est pas un fichier", fabriquer=_dossier),
    CasClasseur("introuvable", "est introuvable", fabriquer=lambda _chemin: None),
)


def construire_classeurs(dossier: Path) -> dict[str, Path]:
    """Write every workbook case into `dossier` (as NAME.xlsx); returns name → path."""
    dossier.mkdir(parents=True, exist_ok=True)
    chemins: dict[str, Path] = {}
    for cas in CAS_CLASSEURS:
        chemin = dossier / f"{cas.nom}.xlsx"
        if cas.octets is not None:
            chemin.write_bytes(cas.octets())
        else:
            assert cas.fabriquer is not None
            cas.fabriquer(chemin)
        chemins[cas.nom] = chemin
    return chemins


# --- Files handed over as a base (opening, restoring) ---------------------------------------------------


def _autre_programme(chemin: Path, _modele: Path) -> None:
    connexion = sqlite3.connect(chemin)
    connexion.executescript(
        "CREATE TABLE photos (id INTEGER PRIMARY KEY, fichier TEXT); INSERT INTO photos VALUES (1, 'a.jpg');"
    )
    connexion.close()


def _sqlite_sans_table(chemin: Path, _modele: Path) -> None:
    connexion = sqlite3.connect(chemin)
    connexion.execute("PRAGMA user_version = 3")  # writes the header page: a valid, empty SQLite file
    connexion.close()


def _modifier(requete: str) -> Callable[[Path, Path], None]:
    def fabriquer(chemin: Path, modele: Path) -> None:
        shutil.copyfile(modele, chemin)
        connexion = sqlite3.connect(chemin)
        connexion.execute(requete)
        connexion.commit()
        connexion.close()

    return fabriquer


def _tronquer(chemin: Path, modele: Path) -> None:
    octets = modele.read_bytes()
    chemin.write_bytes(octets[: len(octets) // 2])


def _page_cassee(numero: int | None) -> Callable[[Path, Path], None]:
    """Overwrite one page with noise: `numero` (1 = the schema page), or the middle page."""

    def fabriquer(chemin: Path, modele: Path) -> None:
        octets = bytearray(modele.read_bytes())
        taille_page = struct.unpack(">H", octets[16:18])[0] or 65536
        pages = len(octets) // taille_page
        page = numero if numero is not None else pages // 2
        debut = (page - 1) * taille_page + (100 if page == 1 else 0)  # page 1 keeps the file header
        octets[debut : page * taille_page] = bytes((i * 37 + 11) % 256 for i in range(page * taille_page - debut))
        chemin.write_bytes(bytes(octets))

    return fabriquer


def _octets(contenu: bytes) -> Callable[[Path, Path], None]:
    return lambda chemin, _modele: chemin.write_bytes(contenu)


def _classeur_pris_pour_base(chemin: Path, _modele: Path) -> None:
    chemin.write_bytes(classeur({"Membres": feuille_membres()}))


@dataclass(frozen=True)
class CasBase:
    nom: str
    fragment: str  # of the refusal by db.ouvrir (read-only, and read-write unless `nouvelle_en_ecriture`)
    fragment_sauvegarde: str  # of the refusal by sauvegardes.controler_sauvegarde / restaurer
    fabriquer: Callable[[Path, Path], None]  # (where to write, a real base to start from)
    # An empty file, or an SQLite file without tables, is a new base for a read-write opening (by design:
    # `comite-local --base NOUVELLE.db demo` creates it); read-only, and for a restore, it holds no base.
    nouvelle_en_ecriture: bool = False
    # SQLite reads the schema fine and the damage is further in: db.ouvrir does not look that far (an
    # integrity check at every opening would cost a full read); `verifier` and the restore check see it.
    dommage_profond: bool = False


_PAS_UNE_BASE = "n'est pas une base de données Comité local (fichier d'un autre type)"
_ENDOMMAGEE = "est endommagé ou n'est pas une base lisible"
_SAUVEGARDE_AUTRE_TYPE = "ce n'est pas une base de données"

CAS_BASES: tuple[CasBase, ...] = (
    CasBase("texte", _PAS_UNE_BASE, _SAUVEGARDE_AUTRE_TYPE, _octets("Nom;Prénom\nMartin;Anne\n".encode())),
    CasBase("pdf", _PAS_UNE_BASE, _SAUVEGARDE_AUTRE_TYPE, _octets(b"%PDF-1.7\n" + bytes(4000))),
    CasBase("que_des_zeros", _PAS_UNE_BASE, _SAUVEGARDE_AUTRE_TYPE, _octets(bytes(8192))),
    CasBase("classeur_xlsx", _PAS_UNE_BASE, _SAUVEGARDE_AUTRE_TYPE, _classeur_pris_pour_base),
    CasBase(
        "sqlite_d_un_autre_programme",
        "est une base SQLite d'un autre programme",
        "d'un autre programme",
        _autre_programme,
    ),
    CasBase(
        "schema_plus_recent",
        "a été créée par une version plus récente de Comité local (schéma 9999)",
        "version plus récente de Comité local (schéma 9999",
        _modifier("UPDATE alembic_version SET version_num = '9999'"),
    ),
    CasBase(
        "sans_version_de_schema",
        "n'a pas de version de schéma lisible",
        "version de schéma",
        _modifier("DELETE FROM alembic_version"),
    ),
    CasBase("sauvegarde_tronquee", _ENDOMMAGEE, "tronqué", _tronquer),
    CasBase("premiere_page_cassee", _ENDOMMAGEE, "endommagé", _page_cassee(1)),
    CasBase("page_du_milieu_cassee", "", "endommagé", _page_cassee(None), dommage_profond=True),
    CasBase("zero_octet", "Aucune base Comité local", _SAUVEGARDE_AUTRE_TYPE, _octets(b""), nouvelle_en_ecriture=True),
    CasBase(
        "sqlite_sans_table",
        "Aucune base Comité local",
        "pas une base Comité local",
        _sqlite_sans_table,
        nouvelle_en_ecriture=True,
    ),
    CasBase(
        "dossier", "est un dossier, pas une base de données", "c'est un dossier", lambda chemin, _modele: chemin.mkdir()
    ),
)


def construire_bases(dossier: Path, modele: Path) -> dict[str, Path]:
    """Write every base case into `dossier` (as NAME.db) from the real base `modele`; returns name → path."""
    dossier.mkdir(parents=True, exist_ok=True)
    chemins: dict[str, Path] = {}
    for cas in CAS_BASES:
        chemin = dossier / f"{cas.nom}.db"
        cas.fabriquer(chemin, modele)
        chemins[cas.nom] = chemin
    return chemins


def _en_cache(dossier: Path, construire: Callable[[Path], object]) -> None:
    """Build once per test session (and per xdist worker): several test modules share the files."""
    if not (dossier / ".complet").exists():
        shutil.rmtree(dossier, ignore_errors=True)
        construire(dossier)
        (dossier / ".complet").write_text("")


def classeurs_de_session(racine: Path) -> dict[str, Path]:
    """The workbook cases under `racine` (the session's base temporary folder), built on first call."""
    dossier = racine / "classeurs_hostiles"
    _en_cache(dossier, construire_classeurs)
    return {cas.nom: dossier / f"{cas.nom}.xlsx" for cas in CAS_CLASSEURS}


def bases_de_session(racine: Path, modele: Path) -> dict[str, Path]:
    """The base cases, cut from the real base `modele`, built on first call."""
    dossier = racine / "bases_hostiles"
    _en_cache(dossier, lambda d: construire_bases(d, modele))
    return {cas.nom: dossier / f"{cas.nom}.db" for cas in CAS_BASES}


if __name__ == "__main__":
    cible = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus-hostile")
    print(f"{len(construire_classeurs(cible / 'classeurs'))} classeurs écrits dans {cible / 'classeurs'}")
    from app import db

    modele = cible / "modele.db"  # a fresh migrated base to cut the broken ones from
    if not modele.exists():
        db.ouvrir(modele).fermer()
    print(f"{len(construire_bases(cible / 'bases', modele))} bases écrites dans {cible / 'bases'}")
