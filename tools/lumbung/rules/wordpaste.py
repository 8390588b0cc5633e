"""Damage from a word processor, named exactly: what Word (or a phone keyboard) did to a practice file.

Text pasted from Word reaches the validator as well-formed but wrong: '---' turned into an em dash,
non-breaking spaces and curly quotes in the YAML header, bullets that are not Markdown, lists glued to
the sentence before them, tab "tables", a whole HTML table, image names with spaces, and the
template's own guidance left in place. The generic diagnostics for these point at the wrong line or
the wrong cure ("remove everything before line 23", "file 'Foto' not found"). `refine()` finds the
real cause and puts one exact diagnostic in place of the misleading ones.
"""

from __future__ import annotations

import re

from lumbung.diagnostics import Diagnostic, Hint
from lumbung.rules.checks import SECTION_GUIDANCE

DASHES = "\u2014\u2013\u2012\u2015"  # em dash, en dash, figure dash, horizontal bar
SPACES = {"\u00a0": "U+00A0", "\u202f": "U+202F", "\u2007": "U+2007", "\u200b": "U+200B", "\ufeff": "U+FEFF"}
CURLY = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"
BULLETS = "\u2022\u25e6\u25aa\u25cf\u25cb\u25a0\u25a1\u27a2\u27a4\uf0b7\uf0a7"
IMAGE_EXT = r"(?:jpe?g|png|gif|webp|heic)"
NEW_SUMMARY = "Tulis ringkasan 50-400 karakter"  # the start of the summary `lumbung new` writes
PLACEHOLDERS = tuple(SECTION_GUIDANCE.values()) + (
    "Langkah bernomor: apa yang dilakukan, oleh siapa, dengan alat apa, berapa lama.",
    "Angka sebelum dan sesudah, dan sumber angkanya.",
)

_FENCE = re.compile(rf"^[-{DASHES}]{{1,3}}[ \t]*$")
_LIST = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_WORD_BULLET = re.compile(rf"^[ \t]*(?:[{BULLETS}]|o(?=[ \t]{{2,}}|\t))[ \t]*\S")
_TAB_ROW = re.compile(r"\S\t+\S")
_CODE_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_IMAGE_SPACES = re.compile(
    rf"!\[[^\]\n]{{0,500}}\]\(([^)<>\"\n]{{0,300}} [^)<>\"\n]{{0,300}}\.{IMAGE_EXT})\)", re.I
)
_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
_KEY_LEAD = re.compile(r"^([ \t\u00a0\u202f\u2007\u200b\ufeff]*(?:- )?[^:#]{0,80}:?[ \t\u00a0]*)")
# Every header diagnostic of `_header_chars` needs one of these characters on its line.
_HEADER_DAMAGE = re.compile("[" + "".join(SPACES) + CURLY + "]")
# A superset of the lines `_body` can report on or must track (code fences, Word and Markdown bullets,
# tab rows, images): a line that does not match needs no check. The placeholders are tested on the whole
# body first, as the lines holding them are not covered here.
_BODY_CANDIDATE = re.compile(rf"^(?:[ \t]{{0,3}}[`~]|[ \t]*[{BULLETS}o]|[ ]{{0,3}}[-*+\d])|\t|!\[", re.M)


def _header_end(lines: list[str]) -> int | None:
    """Index of the line closing a header that starts on line 1 with a fence, real or Word-damaged."""
    for i in range(1, min(len(lines), 500)):
        if _FENCE.match(lines[i].strip()) or lines[i].strip() == "...":
            return i
    return None


def _dash_fences(path: str, lines: list[str]) -> list[Diagnostic]:
    first = lines[0].lstrip("\ufeff").strip() if lines else ""
    if not _FENCE.match(first) or not any(c in first for c in DASHES):
        return []
    end = _header_end(lines)
    close = f" dan baris {end + 1}" if end is not None else ""
    hint = Hint("retype_fence", {"lines": f"baris 1{close}"})
    out = [Diagnostic(path, "E120", line=1, params={"fence": first}, hints=(hint,))]
    if end is not None and any(c in lines[end] for c in DASHES):
        out.append(
            Diagnostic(path, "E120", line=end + 1, params={"fence": lines[end].strip()}, hints=(hint,))
        )
    return out


def _header_chars(path: str, lines: list[str]) -> list[Diagnostic]:
    end = _header_end(lines)
    if end is None:
        return []
    out = []
    for n in range(1, end):
        line = lines[n]
        if not _HEADER_DAMAGE.search(line):
            continue  # neither a special space nor a curly quote: nothing to report on this line
        key = _KEY_LEAD.match(line)
        lead = key.group(1) if key else ""
        for ch, name in SPACES.items():
            if ch in lead:
                params = {"char": name, "col": lead.index(ch) + 1}
                out.append(
                    Diagnostic(
                        path,
                        "E121",
                        line=n + 1,
                        column=lead.index(ch) + 1,
                        params=params,
                        hints=(Hint("retype_space"),),
                    )
                )
                break
        value = line[len(lead) :] if ":" in lead or lead.lstrip().startswith("- ") else ""
        if value and value[0] in CURLY:
            out.append(
                Diagnostic(
                    path, "E122", line=n + 1, params={"quote": value[:1]}, hints=(Hint("straight_quotes"),)
                )
            )
    return out


def _candidate_lines(body: str) -> list[int]:
    """Indexes of the body lines that match `_BODY_CANDIDATE`, in order."""
    out: list[int] = []
    line = pos = 0
    for m in _BODY_CANDIDATE.finditer(body):
        line += body.count("\n", pos, m.start())
        pos = m.start()
        if not out or out[-1] != line:
            out.append(line)
    return out


def _body(path: str, body: str, first: int) -> list[Diagnostic]:
    if any(text in body for text in PLACEHOLDERS):
        return _body_lines(path, body, first, None)
    return _body_lines(path, body, first, _candidate_lines(body))


def _body_lines(path: str, body: str, first: int, only: list[int] | None) -> list[Diagnostic]:
    """The body checks on every line, or with `only` on those lines: every other line is plain text
    (no fence, bullet, list item, tab or image), which leaves the fence as it is and, outside a fence,
    ends a Word bullet block and a tab block."""
    out: list[Diagnostic] = []
    lines = body.split("\n")
    fence = None
    prev = ""
    tab_block = word_block = False
    last = -1
    for i in range(len(lines)) if only is None else only:
        line = lines[i]
        if i > last + 1:  # plain lines were skipped
            prev = lines[i - 1]
            if fence is None:
                tab_block = word_block = False
        last = i
        n = first + i
        m = _CODE_FENCE.match(line)
        if m:
            fence = None if fence and m.group(1)[0] == fence else (fence or m.group(1)[0])
        if fence is not None or m:
            prev = line
            continue
        if _WORD_BULLET.match(line):
            if not word_block:
                out.append(Diagnostic(path, "W311", line=n, hints=(Hint("markdown_bullets"),)))
            word_block = True
        else:
            word_block = False
        if (
            _LIST.match(line)
            and prev.strip()
            and not _LIST.match(prev)
            and not re.match(r"^\s*(#|>|\||<!--|[ \t])", prev)
        ):
            out.append(Diagnostic(path, "W310", line=n, hints=(Hint("blank_before_list", {"line": n}),)))
        if _TAB_ROW.search(line) and i + 1 < len(lines) and _TAB_ROW.search(lines[i + 1]):
            if not tab_block:
                out.append(Diagnostic(path, "W312", line=n, hints=(Hint("markdown_table"),)))
            tab_block = True
        elif not _TAB_ROW.search(line):
            tab_block = False
        for im in _IMAGE_SPACES.finditer(line):
            name = im.group(1).strip()
            safe = re.sub(r"[^a-z0-9.]+", "-", name.lower()).strip("-")
            out.append(
                Diagnostic(
                    path, "E519", line=n, params={"value": name}, hints=(Hint("no_spaces", {"value": safe}),)
                )
            )
        for text in PLACEHOLDERS:
            if text in line and not line.lstrip().startswith("<!--"):
                out.append(
                    Diagnostic(path, "E307", line=n, params={"value": text[:60]}, hints=(Hint("own_words"),))
                )
                break
        prev = line
    return out


def _tables(path: str, body: str, first: int) -> list[tuple[int, int]]:
    """(first line, last line) of each HTML table in the body."""
    spans = []
    pos = 0
    while (m := _TABLE_OPEN.search(body, pos)) is not None:
        close = _TABLE_CLOSE.search(body, m.end())
        end = close.end() if close else len(body)
        spans.append((first + body.count("\n", 0, m.start()), first + body.count("\n", 0, end)))
        pos = end
    return spans


def refine(
    path: str, text: str, body: str, body_line: int, summary: object, diagnostics: list[Diagnostic]
) -> list[Diagnostic]:
    """`diagnostics` with Word damage named exactly and the misleading diagnostics it caused removed."""
    lines = text.split("\n")
    found = _dash_fences(path, lines)
    if found:  # the header was not recognised at all: every header diagnostic is a consequence
        return found + [d for d in diagnostics if d.code not in ("E110", "E111", "E112", "E113")]
    chars = _header_chars(path, lines)
    out = list(diagnostics)
    if chars:
        # PyYAML's English message (often on the wrong line), and what a misread key led to on that line
        # or its parent's: unknown field '\xa0 province', region is empty
        spots = {d.line for d in chars} | {
            d.line - 1 for d in chars if d.code == "E121" and d.line is not None
        }
        consequence = {"E201", "E202", "E204"}
        out = [d for d in out if d.code != "E116" and not (d.code in consequence and d.line in spots)]
        out += chars
    if isinstance(summary, str) and summary.strip().startswith(NEW_SUMMARY):
        out.append(
            Diagnostic(
                path,
                "E307",
                line=_line_of(lines, "summary:"),
                field="summary",
                params={"value": NEW_SUMMARY},
                hints=(Hint("own_words"),),
            )
        )
    if body:
        extra = _body(path, body, body_line)
        bad_images = {(d.line, d.params["value"].split(" ")[0]) for d in extra if d.code == "E519"}
        out = [
            d for d in out if not (d.code == "E514" and (d.line, str(d.params.get("value"))) in bad_images)
        ]
        out += extra
        for start, end in _tables(path, body, body_line):
            word = [d for d in out if d.code == "E511" and d.line and start <= d.line <= end and _wordish(d)]
            if word:  # Word's markup, one per cell: one diagnostic for the table; anything else stays
                out = [d for d in out if d not in word]
                params = {"start": start, "end": end}
                out.append(
                    Diagnostic(path, "E518", line=start, params=params, hints=(Hint("markdown_table"),))
                )
    return out


# Tags and attributes Word writes into a pasted table; a script, an event handler or a link is never one.
_WORD_TAGS = {
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "tfoot",
    "col",
    "colgroup",
    "p",
    "span",
    "font",
    "div",
}
_WORD_ATTRS = {"style", "class", "width", "height", "valign", "align", "border", "lang", "cellpadding",
               "cellspacing", "nowrap", "bgcolor"}  # fmt: skip


def _wordish(d: Diagnostic) -> bool:
    m = re.fullmatch(r"<([a-z:]+)(?: ([a-z-]+))?>", str(d.params.get("what", "")).lower())
    if not m:
        return False
    tag, attr = m.groups()
    return (tag in _WORD_TAGS or tag.startswith("o:")) and (attr is None or attr in _WORD_ATTRS)


def _line_of(lines: list[str], prefix: str) -> int | None:
    return next((i + 1 for i, ln in enumerate(lines) if ln.startswith(prefix)), None)
