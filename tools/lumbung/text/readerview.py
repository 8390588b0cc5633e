"""What a reader sees of a text: the characters a browser shows, each mapped back to its source offset.

Personal data can hide from a scanner that reads the source and still be plain to a reader: an entity
(`&#51;171…`, `budi&#64;gmail.com`), emphasis or a tag inside the digits (`**3171**0123…`,
`3171<sup></sup>0123…`), a soft hyphen or a zero-width space between them, fullwidth or other
compatibility digits (`３１７１`), a comment in the middle. The view decodes entities (named and
numeric), drops comments, tags, Markdown's emphasis and code markers, backslash escapes and attribute
lists, drops invisible characters, maps every character through NFKC and every decimal digit of any
script to its ASCII digit. Everything else is copied, so most of a text is a few long copied runs.

Every pattern here is linear: a match never rescans what an earlier attempt has passed (a tag stops at
the next '<', an unclosed comment runs to the end of the text, as in a browser).
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass, field

# Characters a browser draws as nothing: every format character (Unicode category Cf, which a test
# checks against this list), plus fillers and selectors of other categories that show no glyph.
INVISIBLE = (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff"
    "\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f\U000e0100-\U000e01ef"
)
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")

# `budi [at] gmail [dot] com`: the way people write an address so that robots miss it, and readers don't.
# Spaces before the bracket are dropped by the loop (a pattern starting with a space run would rescan it).
_AT_DOT = r"[\[({][ \t]*(?:(?P<at>at|et|@)|(?P<dot>dot|titik))[ \t]*[\])}][ \t]*"
_SPECIAL_RE = re.compile(
    r"(?P<comment><!--[\s\S]*?(?:-->|\Z))"
    rf"|{_AT_DOT}"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9:-]*(?:[\s/][^<>]*)?>)"
    r"|(?P<entity>&(?:#[0-9]{1,8};?|#[xX][0-9A-Fa-f]{1,7};?|[A-Za-z][A-Za-z0-9]{1,31};?))"
    r"|(?P<pct>%40)"  # mailto:rina%40gmail.com is an address once a reader clicks it
    r"|(?P<escape>\\(?=[!-/:-@\[-`{-~]))"
    r"|(?P<attrs>\{:[^{}\n]*\})"
    r"|(?P<marks>[*`]+)",
    re.I,
)
# Where a special piece can start: a plain character set, which the regex engine scans fast;
# _SPECIAL_RE is then tried at each of these places only (most are an ordinary '(' or '*').
_START_RE = re.compile(r"[<&%\\{*`\[(\x80-\U0010ffff]")
_NON_ASCII_RUN_RE = re.compile(r"[^\x00-\x7f]+")


def plain_chars(text: str) -> str:
    """`text` as it reads: invisible characters dropped, NFKC, every decimal digit as an ASCII digit."""
    out = []
    for ch in text:
        if _INVISIBLE_RE.match(ch):
            continue
        digit = unicodedata.decimal(ch, None)
        out.append(str(digit) if digit is not None else unicodedata.normalize("NFKC", ch))
    return "".join(out)


def _other(run: str) -> str:
    if not _INVISIBLE_RE.search(run) and not re.search(r"\d", run):
        normal = unicodedata.normalize("NFKC", run)
        if normal == run:
            return run
    return plain_chars(run)


@dataclass
class View:
    """The text a reader sees, and where each of its characters comes from in the source."""

    text: str
    # one entry per segment of the view: where it starts in the view, and its source span; a copied
    # segment maps character by character, a replaced one (an entity, a tag) maps as a whole
    _vstarts: list[int] = field(default_factory=list)
    _spans: list[tuple[int, int, bool]] = field(default_factory=list)
    # what the view drops but the page source still holds, to be read on its own: the text of each
    # comment and tag, with its source offset (a comment is in the page, a title attribute shows)
    hidden: list[tuple[int, str]] = field(default_factory=list)

    @property
    def identity(self) -> bool:
        return not self._vstarts

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source offsets of the view's characters start..end (end exclusive)."""
        if self.identity:
            return start, end
        return self._source(start, False), self._source(max(start, end - 1), True)

    def _source(self, pos: int, after: bool) -> int:
        i = max(0, bisect.bisect_right(self._vstarts, pos) - 1)
        src_start, src_end, copied = self._spans[i]
        if copied:
            return src_start + (pos - self._vstarts[i]) + (1 if after else 0)
        return src_end if after else src_start


def _joins(text: str, i: int) -> bool:
    """Whether the character at `i` is part of a number or an address that a marker could split."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "@.-_&")


def reader_view(text: str) -> View:
    """The view of `text` (see the module docstring); the identity when nothing in it is special."""
    parts: list[str] = []
    vstarts: list[int] = []
    spans: list[tuple[int, int, bool]] = []
    hidden: list[tuple[int, str]] = []
    vlen = 0
    copy_from = 0  # source offset where the current copied stretch began
    done = 0  # source offset up to which the text has been read

    for candidate in _START_RE.finditer(text):
        at = candidate.start()
        if at < done:
            continue  # inside a piece already read (a comment, a tag, a run of non-ASCII text)
        first = text[at]
        if first >= "\x80":
            run = _NON_ASCII_RUN_RE.match(text, at)
            assert run is not None  # text[at] is non-ASCII: the run holds one character at least
            start, end, piece = at, run.end(), run.group()
            done = end
            new = _other(piece)  # most non-ASCII text (an en dash, an accent) reads as written
        else:
            m = _SPECIAL_RE.match(text, at)
            if m is None:
                continue
            if first in "*`" and not (_joins(text, at - 1) and _joins(text, m.end())):
                done = m.end()
                continue  # `**Hasil**`: the marker joins nothing, so the view keeps it
            kind, start, end, piece = m.lastgroup, at, m.end(), m.group()
            done = end
            if kind == "entity":
                new = html.unescape(piece)
                new = _other(new) if new != piece else new
            elif kind == "pct":
                new = "@"
            elif kind in ("at", "dot"):
                new = "@" if m.group("at") else "."
                while start > copy_from and text[start - 1] in " \t":
                    start -= (
                        1  # `budi [at] gmail`: the spaces go too (a pattern starting with them would rescan)
                    )
            else:  # a comment, tag, escape, attribute list or emphasis/code marker: not shown
                new = ""
                if kind == "comment":
                    hidden.append((at + 4, piece[4:-3] if piece.endswith("-->") else piece[4:]))
                elif kind == "tag" and len(piece) > 8:
                    hidden.append((at + 1, piece[1:-1]))
        if new == piece:
            continue  # stays part of the copied stretch
        if start > copy_from:
            vstarts.append(vlen)
            spans.append((copy_from, start, True))
            parts.append(text[copy_from:start])
            vlen += start - copy_from
        if new:
            vstarts.append(vlen)
            spans.append((start, end, False))
            parts.append(new)
            vlen += len(new)
        copy_from = end
    if copy_from == 0 and not spans:
        return View(text)
    if len(text) > copy_from:
        vstarts.append(vlen)
        spans.append((copy_from, len(text), True))
        parts.append(text[copy_from:])
    if not vstarts:  # nothing visible at all
        return View("", [0], [(0, 0, False)], hidden)
    return View("".join(parts), vstarts, spans, hidden)
