"""What a file really is, from its first bytes: the few image and document types a practice may carry.

A dozen magic numbers are all we need, so this is a small table of our own rather than a dependency;
office documents are ZIP files and are told apart by their entry names (which also exposes macros).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

IMAGE_TYPES = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "gif": "GIF", "webp": "WebP"}
DOCUMENT_TYPES = {
    "pdf": "PDF",
    "docx": "DOCX",
    "xlsx": "XLSX",
    "pptx": "PPTX",
    "odt": "ODT",
    "ods": "ODS",
    "odp": "ODP",
    "csv": "CSV",
    "txt": "TXT",
}
ATTACHMENT_TYPES = {**IMAGE_TYPES, **DOCUMENT_TYPES}
# the types the site publishes, for the "allowed types" hint: a PDF is recognised but refused (E508)
PUBLISHED_TYPE_NAMES = ", ".join(dict.fromkeys(t for t in ATTACHMENT_TYPES.values() if t != "PDF"))

_ODF = {
    b"application/vnd.oasis.opendocument.text": "ODT",
    b"application/vnd.oasis.opendocument.spreadsheet": "ODS",
    b"application/vnd.oasis.opendocument.presentation": "ODP",
}
_OOXML = {"word/": "DOCX", "xl/": "XLSX", "ppt/": "PPTX"}
_HEAD = 4096


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                return "VBA"
            if "mimetype" in names and zf.getinfo("mimetype").file_size < 200:
                return _ODF.get(zf.read("mimetype").strip(), "ZIP")
            if "[Content_Types].xml" in names:
                for prefix, kind in _OOXML.items():
                    if any(n.startswith(prefix) for n in names):
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, NotImplementedError, RuntimeError, EOFError):
        return "ZIP?"
    return "ZIP"


def detect(path: Path) -> str:
    """The type of the file by content: PNG, JPEG, GIF, WebP, PDF, DOCX ..., CSV/TXT for plain text,
    or a label of something not allowed (SVG, HTML, ZIP, VBA for macros, binary)."""
    with open(path, "rb") as fh:
        head = fh.read(_HEAD)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head.startswith(b"%PDF-"):
        return "PDF"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    lowered = head.lower()
    if b"<svg" in lowered:
        return "SVG"
    if b"<html" in lowered or b"<!doctype" in lowered or b"<script" in lowered:
        return "HTML"
    if b"\x00" in head:
        return "binary"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            return "binary"
    return "text"


def matches(ext: str, kind: str) -> bool:
    """Whether content of `kind` is what a file ending in `.ext` should hold."""
    expected = ATTACHMENT_TYPES.get(ext)
    if expected in ("CSV", "TXT"):
        return kind == "text"
    return expected is not None and expected == kind
