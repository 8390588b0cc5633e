"""Personal data in what the site publishes: practice text and header, file names, attachments, photos.

What a reader can see is scanned (rules in `pii`, the reader's view in `readerview`): the body (code
blocks and comments too: they are published as well), every text field of the header, the authors'
names included (only the authors' own e-mail addresses and the declared `public_contacts` are public
by design), numbers that look like identifiers (an NIK as an integer or a float, a phone number as an
integer), every part of a file's path under practices/, the text inside attachments and the metadata
of images (`attachments`). A photo that carries a location (GPS) or a person's name in its metadata is
refused rather than cleaned: the site publishes exactly the file that was reviewed. A PDF is refused:
its text cannot be read reliably without a PDF engine, and an unchecked attachment is what leaks.

Office hotlines and addresses that should appear are declared in the header's `public_contacts`
list; a declared phone matches whatever way it is written (`0711-123456` allows `(0711) 123456`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from lumbung.diagnostics import Diagnostic, Hint, fmt_path
from lumbung.formats import attachments, filetypes, imagemeta
from lumbung.formats.frontmatter import Header
from lumbung.formats.imageend import image_end
from lumbung.formats.pieces import GPS, NAME, PDF, TRAILING, UNREADABLE, Piece, Problem, raw_pieces
from lumbung.messages import Word
from lumbung.rules.pii import EMAIL, NIK, PHONE, Finding, contact_key, find_pii, nik_shaped
from lumbung.text.numbers import number_text

__all__ = [
    "EMAIL",
    "NIK",
    "PHONE",
    "Finding",
    "check_privacy",
    "contact_key",
    "find_pii",
    "number_pii",
    "scan_attachment",
    "scan_name",
]

BAD_CONTACT = "E504"

# A value worth scanning: digits, an '@', an entity, or anything beyond ASCII (fullwidth digits ...).
_WORTH_RE = re.compile(r"[0-9@&\[({]|[^\x00-\x7f]")
_MOBILE_RE = re.compile(r"^08[1-9][0-9]{7,10}$")
_MONEY_UNIT_RE = re.compile(r"(?i)\b(?:rp|rupiah|idr|usd|ribu|juta|miliar|milyar|triliun)\b|%")
# A commented-out declaration of a field that is public by design (a skeleton's example).
_PUBLIC_EXAMPLE_RE = re.compile(r"[ \t]*#[ \t]*(?:-[ \t]*)?(?:public_contacts|email)[ \t]*:")
_LONE_NUMBER_RE = re.compile(r"[ \t]*'?[+-]?[0-9][0-9_]*(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?[ \t]*")


def number_pii(digits: str, money: bool = False) -> Finding | None:
    """An identifier written as a number: an NIK (16 digits), a phone number stored without its
    leading zero (62812..., or 812... when the number is not an amount of money)."""
    if len(digits) == 16 and nik_shaped(digits, need_date=False):
        return Finding(NIK, 0, len(digits), digits[:4] + "*" * 8 + digits[-4:], digits)
    national = None
    if digits.startswith("628") and _MOBILE_RE.match("0" + digits[2:]):
        national = "0" + digits[2:]
    elif (
        digits.startswith("8") and not money and not digits.endswith("000") and _MOBILE_RE.match("0" + digits)
    ):
        national = "0" + digits
    if national:
        return Finding(PHONE, 0, len(digits), national[:4] + "****" + national[-4:], national)
    return None


def allowed_contacts(meta: dict) -> tuple[frozenset[str], list[tuple[int, str]]]:
    """Normalised allowed values (authors' e-mails, declared contacts) and the unrecognised declarations."""
    allowed: set[str] = set()
    bad: list[tuple[int, str]] = []
    authors = meta.get("authors")
    if isinstance(authors, list):
        for a in authors:
            if isinstance(a, dict) and isinstance(a.get("email"), str):
                allowed.add(a["email"].strip().lower())
    contacts = meta.get("public_contacts")
    if isinstance(contacts, list):
        for i, c in enumerate(contacts):
            key = contact_key(c) if isinstance(c, str) else None
            if key:
                allowed.add(key)
            elif isinstance(c, str):
                bad.append((i, c))
    return frozenset(allowed), bad


def _walk(meta: dict) -> Iterator[tuple[tuple, Any]]:
    """(path, value) of every string worth scanning and every number large enough to be an identifier
    in the header, minus the fields public by design (authors' e-mails, public_contacts)."""
    stack: list[tuple[tuple, Any]] = [
        ((key,), value) for key, value in meta.items() if isinstance(key, str) and key != "public_contacts"
    ]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if _WORTH_RE.search(value):
                yield path, value
        elif isinstance(value, dict):
            authors_item = len(path) == 2 and path[0] == "authors"
            stack.extend(
                (path + (k,), v)
                for k, v in value.items()
                if isinstance(k, str) and not (authors_item and k == "email")
            )
        elif isinstance(value, list):
            stack.extend((path + (i,), v) for i, v in enumerate(value))
        elif isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 10**8:
            yield path, value


def _number_digits(value: int | float, raw: str | None) -> str | None:
    """The digits of a header number as written (3171012301900001, 3.171012301900001e+15)."""
    if raw is not None:
        digits = number_text(raw)
        if digits is not None:
            return digits
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")) or not value.is_integer():
            return None
        value = int(value)
    return str(value) if 10**8 <= value < 10**17 else None


def _money_context(meta: dict, path: tuple) -> bool:
    """Whether a number is an amount of money: its outcome's unit or indicator says so."""
    if len(path) >= 3 and path[0] == "outcomes" and isinstance(path[1], int):
        outcomes = meta.get("outcomes")
        item = outcomes[path[1]] if isinstance(outcomes, list) and path[1] < len(outcomes) else None
        if isinstance(item, dict):
            words = " ".join(str(item.get(k) or "") for k in ("unit", "indicator"))
            return bool(_MONEY_UNIT_RE.search(words))
    return False


def _diag(
    relpath: str, f: Finding, line: int | None, column: int | None, field: str | None, hint: str
) -> Diagnostic:
    return Diagnostic(
        relpath,
        f.code,
        line=line,
        column=column,
        field=field,
        params={"masked": f.masked},
        hints=(Hint(hint),),
    )


def check_privacy(relpath: str, header: Header) -> list[Diagnostic]:
    """Personal data in the file's path, header fields and body: one error per finding, masked."""
    meta = header.data or {}
    allowed, bad = allowed_contacts(meta)
    out: list[Diagnostic] = scan_name(relpath)
    for i, value in bad:
        path = ("public_contacts", i)
        out.append(
            Diagnostic(
                relpath,
                BAD_CONTACT,
                line=header.line_of(path),
                field=fmt_path(path),
                params={"value": value[:80]},
                hints=(Hint("public_contact_format"),),
            )
        )
    fields: list[Diagnostic] = []
    for path, value in _walk(meta):
        if isinstance(value, str):
            found = find_pii(value, allowed)
        else:
            digits = _number_digits(value, header.raw_scalar(path))
            hit = number_pii(digits, _money_context(meta, path)) if digits else None
            found = [hit] if hit and hit.key not in allowed else []
        for f in found:
            fields.append(_diag(relpath, f, header.line_of(path), None, fmt_path(path), "pii"))
    extra = _header_source(relpath, header, allowed, fields)
    out += sorted(fields, key=lambda d: (d.line or 0, d.field or "")) + extra
    body = header.body
    starts = None
    for f in find_pii(body, allowed):
        starts = starts or _line_starts(body)
        line = header.body_line + bisect.bisect_right(starts, f.start) - 1
        column = f.start - starts[line - header.body_line] + 1
        out.append(_diag(relpath, f, line, column, None, "pii"))
    return out


def _value_lines(header: Header, path: tuple) -> tuple[int, int] | None:
    """First and last file line of the value at `path` in the header."""
    node = header.node_at(path)
    if node is None:
        return None
    return node.start_mark.line + 2, node.end_mark.line + 2


def _header_source(
    relpath: str, header: Header, allowed: frozenset[str], fields: list[Diagnostic]
) -> list[Diagnostic]:
    """The header's YAML as written. Comments (public in the repository, though never on the site)
    are scanned on their own; a field's finding inside a multi-line value moves to the line that
    holds it."""
    source = header.source
    if not source or ("#" not in source and not fields):
        return []
    lines = source.split("\n")
    out: list[Diagnostic] = []
    reported = {d.params["masked"] for d in fields}
    for i, text in enumerate(lines) if "#" in source else ():
        hash_at = text.find("#")
        if hash_at < 0 or _PUBLIC_EXAMPLE_RE.match(text):
            continue
        for f in find_pii(text[hash_at:], allowed):  # a '#' inside a value reads that value again: no matter
            if f.masked not in reported:
                reported.add(f.masked)
                out.append(_diag(relpath, f, i + 2, None, None, "pii"))
    for d in fields:
        span = _value_lines(header, _path_of(d.field)) if d.field else None
        if span and span[1] > span[0]:
            for line in range(span[0], min(span[1], len(lines) + 1) + 1):
                text = lines[line - 2] if 0 <= line - 2 < len(lines) else ""
                if any(f.masked == d.params["masked"] for f in find_pii(text, allowed)):
                    d.line = line
                    break
    return out


def _path_of(field: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", field))


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def scan_name(relpath: str) -> list[Diagnostic]:
    """Personal data in the folder and file names of a path under practices/ (they are in its URL)."""
    plain = "//" not in relpath and "/." not in relpath and not relpath.endswith("/")
    if relpath.startswith("practices/") and plain:
        parts = tuple(relpath.split("/"))  # what PurePosixPath would give, without its cost
    else:
        parts = PurePosixPath(relpath).parts
    name = "/".join(parts[1:] if parts[:1] == ("practices",) else parts)
    if not _WORTH_RE.search(name):
        return []
    stem = name.rsplit(".", 1)[0] if "." in parts[-1] else name
    # names glue words to numbers (ktp3171..., wa081...): part them as a reader would
    text = re.sub(r"(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])", " ", stem.replace("/", " / "))
    return [_diag(relpath, f, None, None, None, "pii_filename") for f in find_pii(text)]


# Top-level domains an address found in raw bytes must end with. Random compressed data holds a
# `x@ab.cd` shape about once in a few megabytes (measured on noise GIFs); a known ending makes that
# practically impossible. Text the file shows is read without this list.
_RAW_EMAIL_TLDS = frozenset(
    ("com", "net", "org", "id", "info", "biz", "edu", "gov", "mil", "int", "io", "co", "me", "app")
    + ("dev", "xyz", "online", "site", "email", "my", "sg", "au", "uk", "us")
)


def _plausible_in_bytes(f: Finding) -> bool:
    if f.code != EMAIL:
        return True
    local, _, domain = f.key.rpartition("@")
    labels = domain.split(".")
    return len(local) >= 2 and len(labels[0]) >= 2 and labels[-1] in _RAW_EMAIL_TLDS


def _piece_findings(piece: Piece) -> list[tuple[Finding, int | None]]:
    """(finding, line) of one piece of an attachment's text, lone numbers read as identifiers too."""
    text = piece.text
    out: list[tuple[Finding, int | None]] = []
    if piece.raw:
        return [(f, None) for f in find_pii(text) if _plausible_in_bytes(f)]
    starts = None
    for f in find_pii(text):
        line = None
        if piece.line is not None:
            starts = starts or _line_starts(text)
            line = piece.line + bisect.bisect_right(starts, f.start) - 1
        out.append((f, line))
    seen = {f.key for f, _ in out}
    for lineno, row in enumerate(text.split("\n")):
        if 9 <= len(row) <= 40 and _LONE_NUMBER_RE.fullmatch(row):
            digits = number_text(row)
            hit = number_pii(digits) if digits else None
            if hit and hit.key not in seen:
                seen.add(hit.key)
                out.append((hit, piece.line + lineno if piece.line is not None else None))
    return out


_HINTS = {
    GPS: "photo_metadata",
    NAME: "photo_metadata",
    UNREADABLE: "resave_file",
    PDF: "pdf_attachment",
    TRAILING: "resave_photo",
}
_IMAGE_KINDS = ("PNG", "JPEG", "GIF", "WebP")
_REASONS = {
    "zip-bomb": "unpack-too-big",
    "unreadable": "file-unreadable",
    "image-metadata": "metadata-unreadable",
    "image-damaged": "image-unreadable",
}


def scan_attachment(path: Path, relpath: str) -> list[Diagnostic]:
    """Personal data in a file under practices/ that is not a practice: its name, its text (TXT, CSV,
    office documents), its image metadata; a PDF is refused. Never raises."""
    out = scan_name(relpath)
    try:
        size = path.stat().st_size
        if size > attachments.MAX_READ:
            return out  # refused for its size already (E516)
        kind = filetypes.detect(path)
        ext = path.suffix.lower().lstrip(".")
        pieces: list[Piece] = []
        problems: list[Problem] = []
        if kind == "PDF":
            problems.append(Problem(PDF))
        elif kind == "text" and ext in ("txt", "csv"):
            pieces = attachments.text_pieces(path.read_bytes(), csv_cells=ext == "csv")
        elif kind in ("DOCX", "XLSX", "PPTX", "ODT", "ODS", "ODP"):
            pieces, problems = attachments.office_pieces(path)
        elif kind in ("PNG", "JPEG", "GIF", "WebP"):
            data = path.read_bytes()
            pieces, problems = imagemeta.image_metadata(data)
            end = image_end(data, kind)
            if end is None:
                if not any(p.code == UNREADABLE for p in problems):
                    damaged = {"reason_key": "image-damaged"}
                    problems.append(Problem(UNREADABLE, damaged))
            elif end < len(data):
                trailing = {"format": kind, "size": len(data) - end}
                problems.append(Problem(TRAILING, trailing))
        # every byte, whatever the format hides (images do this in image_metadata, so that a photo
        # inside a document is read whole too); a text file is read whole already, but not as UTF-16
        raw: list[Piece] = []
        if kind in ("DOCX", "XLSX", "PPTX", "ODT", "ODS", "ODP"):
            raw = raw_pieces(path.read_bytes())
        elif kind == "text":
            raw = raw_pieces(path.read_bytes(), latin1=False)
    except OSError:
        return out  # unreadable files are reported by the file checks
    image = kind in _IMAGE_KINDS
    hint = "photo_metadata" if image else "pii_attachment"
    seen: set[tuple[str, str]] = set()
    placed: set[tuple] = set()
    for piece in pieces:
        for f, line in _piece_findings(piece):
            seen.add((f.code, f.key))
            if (f.code, f.key, line, piece.field) not in placed:  # by tag, and again as raw bytes
                placed.add((f.code, f.key, line, piece.field))
                out.append(_diag(relpath, f, line, None, piece.field, hint))
    for piece in raw:
        for f, _ in _piece_findings(piece):
            if (f.code, f.key) not in seen:
                seen.add((f.code, f.key))
                out.append(_diag(relpath, f, None, None, None, hint))
    for p in problems:
        params = dict(p.params)
        if "reason_key" in params:
            params = {"reason": Word(_REASONS[params.pop("reason_key")])}
        out.append(Diagnostic(relpath, p.code, field=p.field, params=params, hints=(Hint(_HINTS[p.code]),)))
    return out
