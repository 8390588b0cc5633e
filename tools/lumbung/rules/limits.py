"""Limits on the shape of a practice's Markdown, so that reading and rendering it take linear time.

Python-Markdown spends time that grows with the square of the input on some shapes: every `[`
that is never closed is rescanned to the end of its block, and so is every link `(` and every run
of backticks without a partner; each heading or rule inside a block makes the rest of the block be
read again; each inline element of a block copies the block; nested lists recurse until Python
gives up; and the standard HTML parser rescans the rest of the text from every `<tag` that no `>`
closes. A 30 KB body of `[` took 161 s to build. These checks run before anything else reads the
body (and long before the site renders it), in one pass, and refuse such a file with a diagnostic.

The limits are far above what any real practice needs (see SECURITY.md for the figures measured
with the site's own Markdown extensions); a contributor who meets one is told what to change.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from lumbung.diagnostics import Diagnostic, Hint

MAX_LINE = 10_000  # characters in one line
MAX_BLOCK = 20_000  # characters in one block (lines with no blank line between them)
MAX_DEPTH = 16  # nesting of lists and quotes, with every 4 columns of indentation as one level
MAX_TICK_RUN = 16  # backticks in one run
MAX_SPLITS = 16  # headings and rules inside one block
MAX_UNCLOSED_TAGS = 20  # `<tag` openings after the last `>` of the body
# Rescanning allowed per block: what unpaired brackets, link parentheses and backtick runs make
# Python-Markdown read, at most WORK_FACTOR times the block plus WORK_SLACK characters.
WORK_FACTOR = 8
WORK_SLACK = 200

_TOKEN_RE = re.compile(r"\\[\s\S]|[\[\]()]")
_TICKS_RE = re.compile(r"`+")
_QUOTE_RE = re.compile(r"['\"]")
_RULE_RE = re.compile(r" {0,3}(?:([-*_])(?:[ \t]*+\1){2,}+|=++|-++)[ \t]*+")
_ITEM_RE = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?=[ \t])")
_TAG_OPEN_RE = re.compile(r"<[A-Za-z!?/]")
_DEEP_PREFIX_RE = re.compile(rf"^[ \t>*+\-0-9.)]{{{MAX_DEPTH + 1}}}", re.M)
_BLANK_RE = re.compile(r"\n(?:[ \t]*+\n)+")
_SPLIT_RE = re.compile(r"^ {0,3}(?:#|(?:([-*_])(?:[ \t]*+\1){2,}+|=++|-++)[ \t]*+$)", re.M)


def check_limits(relpath: str, body: str, body_line: int) -> list[Diagnostic]:
    """Diagnostics for a body whose shape Python-Markdown would read in more than linear time.

    At most one diagnostic per code, at its first place, so a hostile file gets a short answer.
    The common case costs a few passes in C: the per-character work runs only where it can matter.
    """
    found: dict[str, Diagnostic] = {}

    def add(code: str, offset: int, params: dict, hint: str) -> None:
        if code not in found:
            line = body_line + body.count("\n", 0, offset)
            found[code] = Diagnostic(relpath, code, line=line, params=params, hints=(Hint(hint),))

    if len(body) > MAX_LINE:
        lengths = list(map(len, body.split("\n")))
        for index, length in enumerate(lengths):
            if length > MAX_LINE:
                add("E701", sum(lengths[:index]) + index, {"length": length, "limit": MAX_LINE}, "limit_line")
                break
    # nesting deeper than MAX_DEPTH needs more than MAX_DEPTH characters of markers and indentation
    for m in _DEEP_PREFIX_RE.finditer(body):
        end = body.find("\n", m.start())
        depth = _depth(body[m.start() : end if end >= 0 else len(body)])
        if depth > MAX_DEPTH:
            add("E703", m.start(), {"depth": depth, "limit": MAX_DEPTH}, "limit_depth")
            break
    start = 0
    for m in _BLANK_RE.finditer(body + "\n\n"):
        if m.start() > start:
            _check_block(body, start, m.start(), add)
        start = m.end()
    tail = body.rfind(">")
    tags = [m.start() for m in _TAG_OPEN_RE.finditer(body, tail + 1)]
    if len(tags) > MAX_UNCLOSED_TAGS:
        add("E707", tags[0], {"count": len(tags), "limit": MAX_UNCLOSED_TAGS}, "limit_tags")
    return sorted(found.values(), key=lambda d: (d.line or 0, d.code))


def _depth(line: str) -> int:
    """Nesting of a line: list markers and `>` at its start, plus one level per 4 columns of indent."""
    text = line.expandtabs(4) if "\t" in line else line
    stripped = text.lstrip(" ")
    depth = (len(text) - len(stripped)) // 4
    if not stripped or stripped[0] not in "->*+0123456789":
        return depth
    if _RULE_RE.fullmatch(text):
        return depth  # `* * *` is a rule, not three lists
    pos = len(text) - len(stripped)
    while pos < len(text):
        if text[pos] == ">":
            pos += 1
        else:
            m = _ITEM_RE.match(text, pos)
            if m is None:
                break
            pos = m.end()
        depth += 1
        while pos < len(text) and text[pos] in " \t":
            pos += 1
    return depth


def _check_block(body: str, start: int, end: int, add: Callable[[str, int, dict, str], None]) -> None:
    """The checks of one block: body[start:end], lines with no blank line between them."""
    block = body[start:end].strip("\n")
    start += len(body[start:end]) - len(body[start:end].lstrip("\n"))
    if len(block) > MAX_BLOCK:
        add("E702", start, {"length": len(block), "limit": MAX_BLOCK}, "limit_block")
    if "#" in block or "=" in block or "-" in block or "*" in block or "_" in block:
        splits = len(_SPLIT_RE.findall(block))
        if splits > MAX_SPLITS:
            add("E706", start, {"count": splits, "limit": MAX_SPLITS}, "limit_splits")
    budget = WORK_FACTOR * len(block) + WORK_SLACK
    # each unpaired mark costs at most the block: with few marks the budget cannot be exceeded
    if "`" in block:
        runs = _TICKS_RE.findall(block)
        longest = max(map(len, runs))
        if longest > MAX_TICK_RUN:
            add("E705", start, {"count": longest, "limit": MAX_TICK_RUN}, "limit_ticks")
        elif len(runs) > WORK_FACTOR and _tick_work(block) > budget:
            add("E704", start, {"marks": "'`'"}, "limit_ticks_unpaired")
    if block.count("[") + block.count("](") > WORK_FACTOR and _link_work(block) > budget:
        add("E704", start, {"marks": "'[' dan '('"}, "limit_brackets")


def _tick_work(block: str) -> int:
    """Characters Python-Markdown reads looking for the partner of each backtick run: it pairs
    runs of the same length from left to right, and reads to the end for a run without one."""
    runs = [(m.start(), m.end()) for m in _TICKS_RE.finditer(block)]
    by_length: dict[int, list[int]] = {}
    for index, (a, b) in enumerate(runs):
        by_length.setdefault(b - a, []).append(index)
    work, i = 0, 0
    while i < len(runs):
        a, b = runs[i]
        slash = a
        while slash > 0 and block[slash - 1] == "\\":  # the backslashes before one run only
            slash -= 1
        if (a - slash) % 2:  # the first backtick is escaped; the rest of the run may open a span
            a += 1
        if a == b:
            i += 1
            continue
        same = by_length.get(b - a, [])
        k = bisect.bisect_right(same, i)
        if k < len(same):
            work += runs[same[k]][0] - a
            i = same[k] + 1
        else:
            work += len(block) - a
            i += 1
    return work


def _link_work(block: str) -> int:
    """Characters Python-Markdown reads matching brackets and link parentheses: from each `[` to
    the `]` that closes it, from each `](` to the `)` that closes it, or to the end of the block.

    A code span hides what it holds, and a quote inside a link's parentheses changes how they are
    counted, so a pair with a backtick (or, for parentheses, a quote) between its ends is counted as
    if it were not closed: never less than what Python-Markdown reads."""
    n = len(block)
    ticks = [m.start() for m in re.finditer("`", block)]
    quotes = [m.start() for m in _QUOTE_RE.finditer(block)] if "(" in block else []

    def between(marks: list[int], a: int, b: int) -> bool:
        return bool(marks) and bisect.bisect_right(marks, b) > bisect.bisect_right(marks, a)

    work = 0
    brackets: list[int] = []
    waiting: dict[int, list[int]] = {}  # parenthesis depth -> link `(` still open at that depth
    depth = 0
    for m in _TOKEN_RE.finditer(block):
        token, k = m.group(), m.start()
        if token[0] == "\\":
            continue
        if token == "[":
            brackets.append(k)
        elif token == "]":
            if brackets:
                p = brackets.pop()
                work += k - p if not between(ticks, p, k) else n - p
        elif token == "(":
            depth += 1
            if k > 0 and block[k - 1] == "]":
                waiting.setdefault(depth, []).append(k)
        else:
            for p in waiting.pop(depth, ()):
                work += k - p if not (between(ticks, p, k) or between(quotes, p, k)) else n - p
            depth -= 1
    work += sum(n - p for p in brackets)
    work += sum(n - p for group in waiting.values() for p in group)
    return work
