"""Reading Markdown as the renderer (and an attacker) would: code blanked out, links and reference
definitions found leniently, tags with their attributes, and URL schemes as a browser sees them.

Everything here errs on the side of finding too much: a link the renderer would not make is still
checked, and a fence or code span the renderer might not honour is not treated as code.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser

FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}):([^\s<>]*)>|<[^\s<>@]+@[^\s<>@]+>")
REF_DEF_RE = re.compile(r"^ {0,3}\[((?:[^\]\\]|\\.)+)\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
REF_IMAGE_RE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\][ ]?(?:\[((?:[^\]\\]|\\.)*)\])?(?!\()")
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")


def blank(text: str) -> str:
    """`text` with every character but newlines turned into a space."""
    return re.sub(r"[^\n]", " ", text)


def mask_code(body: str) -> str:
    """The body with the content of closed fenced code blocks and of code spans blanked out."""
    if "`" not in body and "~~~" not in body:
        return body
    lines = body.split("\n")
    i = 0
    while i < len(lines):
        m = FENCE_RE.match(lines[i])
        if m:
            fence = m.group(1)
            close = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
            end = next((j for j in range(i + 1, len(lines)) if close.match(lines[j])), None)
            if end is not None:  # an unclosed fence is not code for Python-Markdown: keep it checked
                for j in range(i + 1, end):
                    lines[j] = blank(lines[j])
                i = end + 1
                continue
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


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for m in _BLANK_LINE_RE.finditer(text):
        yield pos, text[pos : m.start()]
        pos = m.end()
    yield pos, text[pos:]


_SPAN_RE = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)


def _mask_spans(chunk: str) -> str:
    if "`" not in chunk:
        return chunk

    def repl(m: re.Match) -> str:
        inner = m.group(2)
        # A line of the span that starts with '<' may be taken as a raw HTML block: keep it checked.
        if re.search(r"\n[ \t]*<", inner):
            return m.group(0)
        return m.group(1) + blank(inner) + m.group(1)

    return _SPAN_RE.sub(repl, chunk)


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
    """(offset, destination, is_image) of every `[...](destination)`, found leniently."""
    pos = 0
    while True:
        i = text.find("](", pos)
        if i < 0:
            return
        pos = i + 2
        j = i + 2
        while j < len(text) and text[j] in " \t\n":
            j += 1
        if j < len(text) and text[j] == "<":
            k = text.find(">", j)
            dest = text[j + 1 : k] if k >= 0 else text[j + 1 :].split("\n", 1)[0]
        else:
            depth, k = 0, j
            while k < len(text) and not text[k].isspace():
                c = text[k]
                if c == "\\":
                    k += 2
                    continue
                if c == "(":
                    depth += 1
                elif c == ")":
                    if depth == 0:
                        break
                    depth -= 1
                k += 1
            dest = text[j:k]
        yield i, dest, _opening_is_image(text, i)


def _opening_is_image(text: str, close: int) -> bool:
    """Whether the `[` matching the `]` at `close` is preceded by `!`."""
    depth, k = 0, close - 1
    lower = max(0, close - 2000)
    while k >= lower:
        c = text[k]
        if c == "]" and (k == 0 or text[k - 1] != "\\"):
            depth += 1
        elif c == "[" and (k == 0 or text[k - 1] != "\\"):
            if depth == 0:
                return k > 0 and text[k - 1] == "!"
            depth -= 1
        k -= 1
    return False
