"""What an attachment shows a reader, as the personal-data scan takes it: `Piece`s of text with
where they are, `Problem`s that are wrong in themselves (codes E505-E509), and the printable runs of
a file's raw bytes, where whatever a format hides is text somewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


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
