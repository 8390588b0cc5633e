"""What a text or office attachment tells a reader: its text, read within bounds.

Text files (.txt, .csv cell by cell) and the text inside office documents (.docx/.xlsx/.pptx and
.odt/.ods/.odp are ZIP files of XML: every text node, the attribute values that hold text or links,
document properties, embedded documents one level down, embedded photos' metadata through
`imagemeta`) become `Piece`s of text for the personal-data scanner (`pieces`), and `Problem`s for
a file that cannot be read within the bounds. Images: `imagemeta` and `imageend`.

Bounds: a ZIP may hold at most MAX_MEMBERS entries and MAX_UNPACKED bytes once unpacked (counted while
reading, whatever its directory claims); XML with a DOCTYPE or entity declarations is refused (no
entity expansion, no external entities).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO
from xml.parsers import expat

from lumbung.formats.imagemeta import image_metadata
from lumbung.formats.pieces import UNREADABLE, Piece, Problem, raw_pieces

MAX_MEMBERS = 2000
MAX_UNPACKED = 64 * 1024 * 1024
MAX_DEPTH = 2  # an office document inside an office document, and no deeper
MAX_READ = 4 * 1024 * 1024  # text attachments and images are at most 2 MB (E516); never read more


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
