"""What an attachment tells a reader beyond its pixels: its text and its metadata, read within bounds.

Text files (.txt, .csv cell by cell), the text inside office documents (.docx/.xlsx/.pptx and
.odt/.ods/.odp are ZIP files of XML: every text node, the attribute values that hold text or links,
document properties, embedded documents one level down, embedded photos' metadata) and the metadata
of images (EXIF, XMP, IPTC, PNG text chunks, JPEG/GIF comments) become `Piece`s of text for the
personal-data scanner, and `Problem`s for what is wrong in itself: a location (GPS) or a person's name
in a photo's metadata, a file that cannot be read within the bounds.

Bounds: a ZIP may hold at most MAX_MEMBERS entries and MAX_UNPACKED bytes once unpacked (counted while
reading, whatever its directory claims); XML with a DOCTYPE or entity declarations is refused (no
entity expansion, no external entities); Pillow reads image headers only, never pixels.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING
from xml.parsers import expat

if TYPE_CHECKING:
    from PIL import Image

MAX_MEMBERS = 2000
MAX_UNPACKED = 64 * 1024 * 1024
MAX_DEPTH = 2  # an office document inside an office document, and no deeper
MAX_READ = 4 * 1024 * 1024  # text attachments and images are at most 2 MB (E516); never read more


@dataclass(frozen=True, slots=True)
class Piece:
    """A text of the file a reader can see, and where it is: its first line, a field such as a cell."""

    text: str
    line: int | None = None
    field: str | None = None
    raw: bool = False  # printable runs of raw bytes, not a text the file shows


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the file that must go, or why the file could not be checked."""

    code: str
    params: dict = field(default_factory=dict)
    field: str | None = None


GPS, NAME, UNREADABLE, PDF, TRAILING = "E505", "E506", "E507", "E508", "E509"


class _TooBig(Exception):
    pass


def decode_text(data: bytes) -> str:
    """Bytes of a text file as an editor would show them: UTF-8 (with or without BOM), else cp1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _column(n: int) -> str:
    name = ""
    while n >= 0:
        name = chr(ord("A") + n % 26) + name
        n = n // 26 - 1
    return name


def text_pieces(data: bytes, csv_cells: bool) -> list[Piece]:
    """A .txt file as one piece; a .csv file one piece per cell, named like a spreadsheet cell (B3),
    so that numbers in neighbouring cells are never read as one."""
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    if not csv_cells:
        return [Piece(text, 1)]
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t|", key=first.count)
    pieces: list[Piece] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        line = 1
        for row, record in enumerate(reader, 1):
            for col, cell in enumerate(record):
                if cell.strip():
                    pieces.append(Piece(cell, line, f"{_column(col)}{row}"))
            line = reader.line_num + 1
    except csv.Error:  # a cell beyond the csv module's size limit: read the file as lines
        return [Piece(text, 1)]
    return pieces


# -- office documents --------------------------------------------------------------------------------

# Elements that end a paragraph, a cell or a line: their texts are never joined to the next ones
# (the runs of one paragraph are, as Word shows them).
_BLOCKS = {"p", "si", "c", "v", "tc", "tr", "row", "table-cell", "h", "br", "cr", "is"}
# Attributes whose value a reader sees or follows: ODF cell values, alt text, titles, link targets.
_TEXT_ATTRS = {"value", "string-value", "descr", "title", "target", "href", "name"}
_IMAGE_EXT = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff")


class _XmlText:
    """Streams one XML member through expat and collects its text, a line per block element."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.parser = expat.ParserCreate(namespace_separator="}")
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self.parts.append
        self.parser.StartDoctypeDeclHandler = self._refuse
        self.parser.EntityDeclHandler = self._refuse

    @staticmethod
    def _refuse(*_args: object) -> None:
        raise ValueError("DOCTYPE")

    def _start(self, name: str, attrs: dict) -> None:
        for key, value in attrs.items():
            if key.rsplit("}", 1)[-1].lower() in _TEXT_ATTRS and value:
                self.parts.append("\n" + value + "\n")

    def _end(self, name: str) -> None:
        local = name.rsplit("}", 1)[-1]
        if local in _BLOCKS:
            self.parts.append("\n")
        elif local == "tab":
            self.parts.append(" ")

    def feed(self, data: bytes, final: bool = False) -> None:
        self.parser.Parse(data, final)

    def text(self) -> str:
        return "".join(self.parts)


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_UNPACKED

    def take(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise _TooBig


def _read_member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget, sink: Callable[[bytes], object]
) -> None:
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(64 * 1024)
            if not chunk:
                break
            budget.take(len(chunk))
            sink(chunk)


def _zip_pieces(
    source: Path | IO[bytes],
    label: str,
    budget: _Budget,
    depth: int,
    pieces: list[Piece],
    problems: list[Problem],
) -> None:
    with zipfile.ZipFile(source) as zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _TooBig
        for info in infos:
            name = info.filename
            lower = name.lower()
            where = f"{label}{name}"
            if info.is_dir():
                continue
            if lower.endswith((".xml", ".rels")):
                xml = _XmlText()
                _read_member(zf, info, budget, xml.feed)
                xml.feed(b"", True)
                pieces.append(Piece(xml.text(), None, where))
            elif lower.endswith((".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".xlsm", ".docm")):
                if depth >= MAX_DEPTH:
                    raise _TooBig
                buf = bytearray()
                _read_member(zf, info, budget, buf.extend)
                _zip_pieces(io.BytesIO(bytes(buf)), where + "/", budget, depth + 1, pieces, problems)
            elif lower.endswith(_IMAGE_EXT):
                buf = bytearray()
                _read_member(zf, info, budget, buf.extend)
                img_pieces, img_problems = image_metadata(bytes(buf), where)
                pieces += img_pieces
                problems += img_problems
            else:  # an embedded text, CSV or OLE object is published inside the document too
                buf = bytearray()
                _read_member(zf, info, budget, buf.extend)
                pieces += raw_pieces(bytes(buf), field=where)


def office_pieces(path: Path) -> tuple[list[Piece], list[Problem]]:
    """The texts of an office document (see the module docstring), or why it cannot be read."""
    pieces: list[Piece] = []
    problems: list[Problem] = []
    try:
        _zip_pieces(path, "", _Budget(), 0, pieces, problems)
    except _TooBig:
        return [], [Problem(UNREADABLE, {"reason_key": "zip-bomb"})]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, expat.ExpatError, ValueError, OSError, EOFError,
            NotImplementedError, RuntimeError, KeyError, RecursionError):  # fmt: skip
        return [], [Problem(UNREADABLE, {"reason_key": "unreadable"})]
    return pieces, problems


# -- images ------------------------------------------------------------------------------------------

# EXIF tags (IFD0 and the Exif IFD) that name a person.
_EXIF_NAMES = {0x013B: "Artist", 0x9C9D: "XPAuthor", 0xA430: "CameraOwnerName"}
# EXIF tags holding free text a person typed.
_EXIF_TEXTS = {
    0x010E: "ImageDescription",
    0x9286: "UserComment",
    0x9C9B: "XPTitle",
    0x9C9C: "XPComment",
    0x9C9E: "XPKeywords",
    0x9C9F: "XPSubject",
    0x010D: "DocumentName",
    0x8298: "Copyright",
}
_GPS_IFD, _EXIF_IFD = 0x8825, 0x8769
# XMP properties that name a person or place the photo.
# whatever prefix the file binds to the namespace, as an element or as an attribute (RDF shorthand)
_XMP_NAME_RE = re.compile(
    rb"<([\w-]+:(?:creator|PersonInImage|Credit|Owner|OwnerName|PersonDisplayName)|mwg-rs:Name)\b"
    rb"|\s([\w-]+:(?:creator|PersonInImage|Credit|Owner|OwnerName|PersonDisplayName)|mwg-rs:Name)"
    rb"=[\"'][^\"']+[\"']"
)
# any GPS property but the version, in any namespace, and plain latitude/longitude properties, as an
# element or an attribute (case-sensitive and after '<' or a space: random pixel bytes matched ':gpsX')
_XMP_GPS_RE = re.compile(rb"[\s<][\w-]+:(?:GPS(?!VersionID\b)[A-Za-z]|(?:Latitude|Longitude)\b)")
_TAG_RE = re.compile(r"<[^<>]*>")
# IPTC (JPEG APP13) datasets: 2:80 By-line, 2:90 City, 2:92 Sub-location; 2:120 Caption is text.
_IPTC_NAMES = {(2, 80): "By-line", (2, 122): "Writer"}
_IPTC_TEXTS = {(2, 120): "Caption", (2, 25): "Keywords", (2, 5): "ObjectName", (2, 105): "Headline"}


def _as_text(value: object) -> str:
    if isinstance(value, bytes):
        if value[:8] in (b"ASCII\0\0\0", b"UNICODE\0", b"JIS\0\0\0\0\0"):  # EXIF UserComment header
            body = value[8:]
            return body.decode("utf-16-le" if value[:8] == b"UNICODE\0" else "latin-1", "replace")
        if len(value) > 1 and value[1:2] == b"\0":  # XP* tags: UTF-16-LE
            return value.decode("utf-16-le", "replace")
        return value.decode("utf-8", "replace")
    return str(value)


def _has_gps(gps: dict) -> bool:
    """Whether a GPS IFD holds anything but its version (a phone writes only GPSVersionID when
    location is off). Any other tag is refused: latitude, destination, area name, processing method,
    a timestamp next to them; listing the tags that are a position is how GPSDestLatitude slipped."""
    return any(tag != 0 for tag in gps)


def _exif_findings(exif: Image.Exif, where: str | None, pieces: list[Piece], problems: list[Problem]) -> None:
    """GPS, names and free text of one EXIF block (Pillow's `Image.Exif`)."""
    gps = exif.get_ifd(_GPS_IFD)
    if gps and _has_gps(gps):
        problems.append(Problem(GPS, {"where": "EXIF"}, where))
    inner = exif.get_ifd(_EXIF_IFD)
    for source in (exif, inner):
        for tag, label in _EXIF_NAMES.items():
            value = source.get(tag)
            if value and _as_text(value).strip(" \0"):
                problems.append(Problem(NAME, {"tag": label}, where))
    for tag in _EXIF_TEXTS:
        value = exif.get(tag) or inner.get(tag)
        if value:
            pieces.append(Piece(_as_text(value), None, where))


_TIFF_RE = re.compile(rb"II\*\x00|MM\x00\*")
MAX_EXIF_BLOCKS = 32


def _tiff_blobs(data: bytes) -> list:
    """Every EXIF block in the file's bytes, wherever it sits: Pillow reads only the first APP1 of a
    JPEG, so a second one (or one in an APPn, a comment, a PNG chunk, after the end) is found by its
    TIFF header. Bytes that merely look like a header parse as nothing and are skipped."""
    from PIL import Image

    blobs = []
    for n, m in enumerate(_TIFF_RE.finditer(data)):
        if n >= MAX_EXIF_BLOCKS:
            break
        exif = Image.Exif()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exif.load(data[m.start() :])
                if len(exif) or exif.get_ifd(_GPS_IFD):
                    blobs.append(exif)
        except Exception:  # noqa: BLE001 - not an EXIF block after all
            continue
    return blobs


def _xmp_findings(xmp: bytes, where: str | None, pieces: list[Piece], problems: list[Problem]) -> None:
    if _XMP_GPS_RE.search(xmp):
        problems.append(Problem(GPS, {"where": "XMP"}, where))
    m = _XMP_NAME_RE.search(xmp)
    if m:
        tag = next(g for g in m.groups() if g).decode("ascii")
        problems.append(Problem(NAME, {"tag": tag}, where))
    pieces.append(Piece(_TAG_RE.sub("\n", xmp.decode("utf-8", "replace")), None, where))


def _xmp_packets(data: bytes) -> list[bytes]:
    """The XMP packets in a file's bytes (uncompressed in JPEG, WebP, GIF and most PNG and PDF files)."""
    packets: list[bytes] = []
    pos = 0
    while len(packets) < 16:
        start = data.find(b"<x:xmpmeta", pos)
        if start < 0:
            break
        end = data.find(b"</x:xmpmeta>", start)
        if end < 0:
            break  # no closing tag after this start, so none after any later start either
        packets.append(data[start : end + 12])
        pos = end + 12
    return packets


def image_metadata(data: bytes, where: str | None = None) -> tuple[list[Piece], list[Problem]]:
    """Texts and problems of an image's metadata; pixels are never decoded."""
    from PIL import Image, IptcImagePlugin  # only needed for images; Pillow is a core dependency

    pieces: list[Piece] = []
    problems: list[Problem] = []
    xmps = _xmp_packets(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # DecompressionBombWarning: we read no pixels
            with Image.open(io.BytesIO(data)) as im:
                _exif_findings(im.getexif(), where, pieces, problems)
                info = im.info
                for key, value in info.items():
                    if key in ("exif", "icc_profile", "dpi", "transparency", "gamma", "aspect"):
                        continue
                    if isinstance(value, (bytes, str)) and (key == "xmp" or "xmpmeta" in str(value)[:200]):
                        raw = value.encode("utf-8") if isinstance(value, str) else value
                        if raw not in xmps:
                            xmps.append(raw)
                        continue
                    if isinstance(value, (str, bytes)):  # PNG text chunks, JPEG and GIF comments
                        if str(key).lower() in ("author", "artist", "creator"):
                            problems.append(Problem(NAME, {"tag": str(key)}, where))
                        pieces.append(Piece(_as_text(value), None, where))
                if im.format == "JPEG":
                    iptc = IptcImagePlugin.getiptcinfo(im) or {}
                    for key, label in _IPTC_NAMES.items():
                        if iptc.get(key):
                            problems.append(Problem(NAME, {"tag": label}, where))
                    for key, value in iptc.items():
                        if key in _IPTC_TEXTS or key in _IPTC_NAMES:
                            values = value if isinstance(value, list) else [value]
                            pieces += [Piece(_as_text(v), None, where) for v in values]
    except Exception:  # noqa: BLE001 - Pillow raises many kinds on a damaged file
        if b"Exif\0\0" in data and not problems:
            problems.append(Problem(UNREADABLE, {"reason_key": "image-metadata"}, where))
    for blob in _tiff_blobs(data):
        _exif_findings(blob, where, pieces, problems)
    if _XMP_GPS_RE.search(data):  # a GPS property anywhere, inside a packet or not
        problems.append(Problem(GPS, {"where": "XMP"}, where))
    for xmp in xmps:
        _xmp_findings(xmp, where, pieces, problems)
    # Whatever else the file carries that a reader could read out of it: EXIF tags not named above, XMP
    # attribute values, segments Pillow skips (a second EXIF, APPn, comments after the pixels) and bytes
    # after the image's end: the printable runs of every byte. Compressed pixels almost never hold one
    # that looks like a number or an address (measured in the tests).
    pieces += raw_pieces(data, field=where)
    seen: set[tuple] = set()
    unique = []
    for problem in problems:
        same = (problem.code, tuple(sorted(problem.params.items())), problem.field)
        if same not in seen:
            seen.add(same)
            unique.append(problem)
    return pieces, unique


# -- the raw bytes ------------------------------------------------------------------------------------

MIN_RUN = 6
# Latin-1 letters and signs read as spaces, so that a stray byte (a JPEG's end marker, 0xD9 'Ù') does not
# glue itself to a number or an address; the no-break space and the middle dot stay separators
_LATIN1_LETTERS = bytes(b if b < 0xA1 or b == 0xB7 else 0x20 for b in range(256))
_LATIN1_RUN_RE = re.compile(rb"[\t\x20-\x7e\xa0-\xff]{%d,}" % MIN_RUN)
# UTF-16 (EXIF XP* tags, Windows text): ASCII and fullwidth digits, little- and big-endian
_UTF16LE_RUN_RE = re.compile(rb"(?:[\t\x20-\x7e]\x00|[\x10-\x19]\xff){%d,}" % MIN_RUN)
_UTF16BE_RUN_RE = re.compile(rb"(?:\x00[\t\x20-\x7e]|\xff[\x10-\x19]){%d,}" % MIN_RUN)


def raw_pieces(data: bytes, latin1: bool = True, field: str | None = None) -> list[Piece]:
    """The printable runs of a file's raw bytes (like `strings`), read as latin-1 and as UTF-16-LE/BE:
    whatever a format hides (an unlisted EXIF tag, an APPn segment, a comment after the image data,
    bytes after the end marker) is text somewhere in the bytes. Runs are joined by a blank line, which
    the scanner never reads across. Linear in the size of the file."""
    runs: list[str] = []
    if latin1:
        runs += [
            m.group().translate(_LATIN1_LETTERS).decode("latin-1") for m in _LATIN1_RUN_RE.finditer(data)
        ]
    little = {m.start(): m for m in _UTF16LE_RUN_RE.finditer(data)}
    big = {m.start(): m for m in _UTF16BE_RUN_RE.finditer(data)}

    def shadowed(m: re.Match, other: dict) -> bool:
        """A run in one byte order is also a run in the other, shifted by a byte, with a character
        lost at one end and a stray byte at the other: keep only the longer reading (both on a tie)."""
        twins = [other[s] for s in (m.start() - 1, m.start() + 1) if s in other]
        return any(len(t.group()) > len(m.group()) for t in twins)

    runs += [m.group().decode("utf-16-le") for m in little.values() if not shadowed(m, big)]
    runs += [m.group().decode("utf-16-be") for m in big.values() if not shadowed(m, little)]
    return [Piece("\n\n".join(runs), None, field, raw=True)] if runs else []
