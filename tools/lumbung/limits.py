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

from .diagnostics import Diagnostic, Hint

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


def check_limits(relpath: str, body: str, body_line: int) -> list[Diagnostic]:
    """Diagnostics for a body whose shape Python-Markdown would read in more than linear time.

    At most one diagnostic per code, at its first place, so a hostile file gets a short answer."""
    found: dict[str, Diagnostic] = {}

    def add(code: str, offset: int, params: dict, hint: str) -> None:
        if code not in found:
            found[code] = Diagnostic(relpath, code, body_line + offset, None, None, params, (Hint(hint),))

    lines = body.split("\n")
    block_start = None  # index of the first line of the current block
    for i, line in enumerate(lines + [""]):
        if line.strip(" \t"):
            if block_start is None:
                block_start = i
            if len(line) > MAX_LINE:
                add("E701", i, {"length": len(line), "limit": MAX_LINE}, "limit_line")
            depth = _depth(line)
            if depth > MAX_DEPTH:
                add("E703", i, {"depth": depth, "limit": MAX_DEPTH}, "limit_depth")
            continue
        if block_start is not None:
            _check_block(lines, block_start, i, add)
            block_start = None
    tail = body.rfind(">")
    tags = [m.start() for m in _TAG_OPEN_RE.finditer(body, tail + 1)]
    if len(tags) > MAX_UNCLOSED_TAGS:
        offset = body.count("\n", 0, tags[0])
        add("E707", offset, {"count": len(tags), "limit": MAX_UNCLOSED_TAGS}, "limit_tags")
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


def _check_block(lines: list[str], first: int, end: int, add) -> None:
    """The checks of one block: lines[first:end], none of them blank."""
    size = sum(len(ln) + 1 for ln in lines[first:end]) - 1
    if size > MAX_BLOCK:
        add("E702", first, {"length": size, "limit": MAX_BLOCK}, "limit_block")
    splits = 0
    for ln in lines[first:end]:
        head = ln.lstrip(" ")
        if len(ln) - len(head) <= 3 and (head[:1] == "#" or (head[:1] in "-*_=" and _RULE_RE.fullmatch(ln))):
            splits += 1
    if splits > MAX_SPLITS:
        add("E706", first, {"count": splits, "limit": MAX_SPLITS}, "limit_splits")
    block = "\n".join(lines[first:end])
    budget = WORK_FACTOR * len(block) + WORK_SLACK
    longest = max((len(m.group()) for m in _TICKS_RE.finditer(block)), default=0)
    if longest > MAX_TICK_RUN:
        add("E705", first, {"count": longest, "limit": MAX_TICK_RUN}, "limit_ticks")
    elif _tick_work(block) > budget:
        add("E704", first, {"marks": "'`'"}, "limit_ticks_unpaired")
    if _link_work(block) > budget:
        add("E704", first, {"marks": "'[' dan '('"}, "limit_brackets")


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
