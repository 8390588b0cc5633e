"""Reading Markdown as the renderer (and an attacker) would: code blanked out, links and reference
definitions found leniently, tags with their attributes, and URL schemes as a browser sees them.

Everything here errs on the side of finding too much: a link the renderer would not make is still
checked, and a fence or code span the renderer might not honour is not treated as code.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser

FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CLOSING_FENCE_RE = re.compile(r" {0,3}(`+|~+)[ \t]*")
AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}):([^\s<>]*)>|<[^\s<>@]+@[^\s<>@]+>")
# A label holds no unescaped bracket (as in Python-Markdown), so a failed match stops at the next
# bracket instead of rescanning the rest of the text from every `[`.
REF_DEF_RE = re.compile(r"^ {0,3}\[((?:[^\[\]\\]++|\\.)++)\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
# Only ever matched right after an image's `]`: it reads to the next unescaped bracket, so the
# windows of different images never overlap (run with finditer, it would rescan).
_REF_LABEL_RE = re.compile(r"\s?\[((?:[^\[\]\\]++|\\.)*+)\]")
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_TICKS_RE = re.compile(r"`+")
MAX_DESTINATION = 4096  # characters of a link destination that are checked (its scheme comes first)


def blank(text: str) -> str:
    """`text` with every character but newlines turned into a space."""
    return re.sub(r"[^\n]", " ", text)


def mask_code(body: str) -> str:
    """The body with the content of closed fenced code blocks and of code spans blanked out."""
    if "`" not in body and "~~~" not in body:
        return body
    lines = body.split("\n")
    # The longest closing fence of each kind at or below each line: an opening fence with no closing
    # fence below it is skipped at once, instead of searching the rest of the file for every one.
    longest = {"`": [0] * (len(lines) + 1), "~": [0] * (len(lines) + 1)}
    for k in range(len(lines) - 1, -1, -1):
        for below in longest.values():
            below[k] = below[k + 1]
        line = lines[k]
        if line.lstrip(" ")[:1] in ("`", "~"):
            m = _CLOSING_FENCE_RE.fullmatch(line)
            if m:
                below = longest[m.group(1)[0]]
                below[k] = max(below[k], len(m.group(1)))
    i = 0
    while i < len(lines):
        m = FENCE_RE.match(lines[i]) if lines[i].lstrip(" ")[:1] in ("`", "~") else None
        if m and longest[m.group(1)[0]][i + 1] >= len(m.group(1)):
            fence = m.group(1)
            end = i + 1
            while not _closes(lines[end], fence):
                end += 1
            for j in range(i + 1, end):
                lines[j] = blank(lines[j])
            i = end + 1
            continue
        # an unclosed fence is not code for Python-Markdown: keep it checked
        i += 1
    text = "\n".join(lines)
    if "`" not in text:
        return text
    out, pos = [], 0
    for para in _paragraphs(text):
        start, chunk = para
        out.append(text[pos:start])
        out.append(_mask_spans(chunk))
        pos = start + len(chunk)
    out.append(text[pos:])
    return "".join(out)


def _closes(line: str, fence: str) -> bool:
    m = _CLOSING_FENCE_RE.fullmatch(line) if line.lstrip(" ")[:1] == fence[0] else None
    return m is not None and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence)


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for m in _BLANK_LINE_RE.finditer(text):
        yield pos, text[pos : m.start()]
        pos = m.end()
    yield pos, text[pos:]


def _mask_spans(chunk: str) -> str:
    """Code spans blanked: a run of backticks not preceded by a backslash, up to the next run of
    the same length. Runs are paired through a table of positions by length, so a paragraph of
    ever longer runs costs no more than its length (a lazy regular expression would rescan it)."""
    if "`" not in chunk:
        return chunk
    runs = [(m.start(), m.end()) for m in _TICKS_RE.finditer(chunk)]
    by_length: dict[int, list[int]] = {}
    for index, (a, b) in enumerate(runs):
        by_length.setdefault(b - a, []).append(index)
    out, pos, i = [], 0, 0
    while i < len(runs):
        a, b = runs[i]
        if a > 0 and chunk[a - 1] == "\\":
            i += 1
            continue
        same = by_length[b - a]
        k = bisect.bisect_right(same, i)
        if k == len(same):
            i += 1
            continue
        j = same[k]
        inner = chunk[b : runs[j][0]]
        # A line of the span that starts with '<' may be taken as a raw HTML block: keep it checked.
        if not _HTML_LINE_RE.search(inner):
            out.append(chunk[pos:b])
            out.append(blank(inner))
            pos = runs[j][0]
        i = j + 1
    out.append(chunk[pos:])
    return "".join(out)


_HTML_LINE_RE = re.compile(r"\n[ \t]*<")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in `url` (entities decoded, whitespace and controls removed)."""
    value = html.unescape(url)
    value = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", value)  # Markdown backslash escapes
    value = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
    m = _SCHEME_RE.match(value)
    return m.group(1) if m else None


def is_remote(url: str) -> bool:
    """Whether `url` points to another host (http, https or protocol-relative)."""
    value = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(url)).lower()
    return value.startswith(("http:", "https:", "//", "\\\\", "/\\", "\\/"))


class TagScanner(HTMLParser):
    """Collects tags, attributes and markup declarations with their positions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, int, str, list[tuple[str, str | None]]]] = []
        self.other: list[tuple[int, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        line, col = self.getpos()
        self.tags.append((line, col, tag, attrs))

    handle_startendtag = handle_starttag

    def handle_decl(self, decl: str) -> None:
        self.other.append((*self.getpos(), "<!" + decl[:20] + ">"))

    def unknown_decl(self, data: str) -> None:
        self.other.append((*self.getpos(), "<![" + data[:20] + "]>"))

    def handle_pi(self, data: str) -> None:
        self.other.append((*self.getpos(), "<?" + data[:20] + ">"))


def label(text: str) -> str:
    """A reference label as Markdown compares them: case and spacing folded."""
    return " ".join(text.lower().split())


def inline_links(text: str) -> Iterator[tuple[int, str, bool]]:
    """(offset, destination, is_image) of every `[...](destination)`, found leniently.

    A destination runs to the first white space or to the `)` that closes its `(` (a backslash
    escapes the next character); `<...>` runs to the `>`. The ends are found in one pass over the
    text, so a text made of `](` does not cost the square of its length; a destination is cut at
    MAX_DESTINATION characters (its scheme, what matters most, comes first).
    """
    if "](" not in text:
        return
    opens = _image_openings(text)
    starts: list[tuple[int, int]] = []  # ("]" offset, destination start)
    pos = 0
    while (i := text.find("](", pos)) >= 0:
        pos = i + 2
        j = i + 2
        while j < len(text) and text[j] in " \t\n":
            j += 1
        starts.append((i, j))
    spans = _destinations(text, [j for _, j in starts])
    for (i, _), (a, b) in zip(starts, spans, strict=True):
        yield i, text[a : min(b, a + MAX_DESTINATION)], opens.get(i, False)


class _Finder:
    """text.find(sub, start) for ascending starts, each character read once."""

    def __init__(self, text: str, sub: str):
        self.text, self.sub = text, sub
        self.found: int | None = None

    def __call__(self, start: int) -> int:
        found = self.found
        if found is None or (0 <= found < start):
            found = self.found = self.text.find(self.sub, start)
        return found


def _destinations(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """(start, end) of the destination beginning at each of `starts` (ascending), in one pass:
    destinations still open wait by parenthesis depth for the `)` that closes them."""
    n = len(text)
    spans = [(j, n) for j in starts]
    gt, newline = _Finder(text, ">"), _Finder(text, "\n")
    waiting: dict[int, list[int]] = {}  # depth -> indexes of open destinations
    depth = k = s = 0
    while True:
        if not waiting:
            if s == len(starts):
                return spans
            k, depth = max(k, starts[s]), 0
        while s < len(starts) and starts[s] == k:
            if text[k : k + 1] == "<":
                end = gt(k)
                if end < 0:
                    end = newline(k)
                    end = n if end < 0 else end
                spans[s] = (k + 1, max(k + 1, end))
            else:
                waiting.setdefault(depth, []).append(s)
            s += 1
        if not waiting:
            continue
        if k >= n:
            waiting.clear()  # open to the end: the default span
            continue
        c = text[k]
        if c.isspace():
            for group in waiting.values():
                for w in group:
                    spans[w] = (starts[w], k)
            waiting.clear()
        elif c == "\\":
            k += 2  # never skips a start: a start follows "(" or white space
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            for w in waiting.pop(depth, ()):
                spans[w] = (starts[w], k)
            depth -= 1
        k += 1


def _image_openings(text: str) -> dict[int, bool]:
    """For each `]`: whether the `[` it would close is preceded by `!` (one pass, brackets balanced,
    a bracket after a backslash ignored; an escaped `]` is answered too but closes nothing)."""
    out: dict[int, bool] = {}
    stack: list[int] = []
    for m in _BRACKET_RE.finditer(text):
        k = m.start()
        escaped = text[k - 1 : k] == "\\" and _escaped(text, k)
        if m.group() == "]":
            if stack:
                out[k] = stack[-1] > 0 and text[stack[-1] - 1] == "!"
                if not escaped:
                    stack.pop()
        elif not escaped:
            stack.append(k)
    return out


_BRACKET_RE = re.compile(r"[\[\]]")


def _escaped(text: str, k: int) -> bool:
    """Whether the character at `k` follows an odd run of backslashes (runs before different
    characters do not overlap, so all calls together read each backslash once)."""
    j = k
    while j > 0 and text[j - 1] == "\\":
        j -= 1
    return (k - j) % 2 == 1


def image_reference_labels(text: str) -> set[str]:
    """Labels that images use by reference: `![alt][label]`, `![alt][]` and `![alt]` (the alt text
    is the label), brackets balanced as Python-Markdown balances them; one pass with a stack."""
    labels: set[str] = set()
    stack: list[list] = []  # [offset of "[", is image, holds a bracket]
    if "![" not in text:
        return labels
    for m in _BRACKET_RE.finditer(text):
        k = m.start()
        if text[k - 1 : k] == "\\" and _escaped(text, k):
            continue
        if m.group() == "[":
            if stack:
                stack[-1][2] = True
            stack.append([k, k > 0 and text[k - 1] == "!", False])
            continue
        if not stack:
            continue
        opening, image, nested = stack.pop()
        if not image or text[k + 1 : k + 2] == "(":
            continue  # a link, or an inline image (inline_links reads those)
        ref = _REF_LABEL_RE.match(text, k + 1)
        if ref and ref.group(1):
            labels.add(label(ref.group(1)))
        if not nested:  # a label holds no bracket: an alt text with one names no definition
            labels.add(label(text[opening + 1 : k]))  # also after an explicit label: err on more
    return labels
