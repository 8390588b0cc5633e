"""What an image's metadata tells beyond its pixels: EXIF, XMP, IPTC, PNG text chunks, JPEG and GIF
comments, and the printable runs of its bytes, as `Piece`s of text; a location (GPS) or a person's
name as a `Problem`. Pillow reads the headers only, never the pixels.
"""

from __future__ import annotations

import io
import re
import warnings
from typing import TYPE_CHECKING

from lumbung.formats.pieces import GPS, NAME, UNREADABLE, Piece, Problem, raw_pieces

if TYPE_CHECKING:
    from PIL import Image

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
