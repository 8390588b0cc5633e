"""Reading the answers of a submitted issue: GitHub's rendering of the form, and hand edits to it.

GitHub renders each answer under a `### Label` heading, writes `_No response_` for an empty field
and joins the choices of a multi-select dropdown with ", ". Contributors fix problems by editing
that text, so the readers here also accept slugs, labels, other separators and Indonesian numbers.
"""

from __future__ import annotations

import re

from lumbung.authoring.formfields import form_fields, label_of
from lumbung.authoring.issuebody.problem import Problem
from lumbung.diagnostics import Hint
from lumbung.text.numbers import read_number
from lumbung.vocabulary import NATIONAL, closest, match_key, regions, vocabulary

NO_RESPONSE = "_No response_"
# The title is trimmed by hand: `(.+?)[ \t]*$` backtracked quadratically on a run of spaces.
_ANSWER_HEADING_RE = re.compile(r"###[ \t]+(.+)")


def split_answers(body: str, labels: set[str] | None = None) -> dict[str, str]:
    """Answer text by form label: GitHub renders each answer under a `### Label` heading.

    Only headings that are labels of the form (`labels`, by default the "Praktik baru" form's) start
    a new answer, so a contributor's own `###` subheadings inside a text area stay part of that answer.
    """
    labels = labels if labels is not None else {label_of(ff) for ff in form_fields()}
    answers: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        m = _ANSWER_HEADING_RE.match(line)
        title = m.group(1).rstrip(" \t") if m else None
        if title and title in labels and title not in answers:
            current = answers[title] = []
        elif current is not None:
            current.append(line)
    out = {}
    for label, lines in answers.items():
        text = "\n".join(lines).strip("\n")
        out[label] = "" if text.strip() == NO_RESPONSE else text
    return out


def lookup(vocab_name: str) -> dict[str, str]:
    """Folded option text, slug or label -> slug."""
    table: dict[str, str] = {}
    for slug, label in vocabulary(vocab_name).values.items():
        table[match_key(f"{label} ({slug})")] = slug
        table[match_key(slug)] = slug
        table[match_key(label)] = slug
        if vocab_name == "levels":  # "Ahli Muda" for "Pengantar Kerja Ahli Muda"
            table[match_key(label.replace("Pengantar Kerja ", ""))] = slug
    return table


def province_lookup() -> dict[str, str]:
    """Folded province name or alias, or Nasional -> official name."""
    table = {match_key(NATIONAL): NATIONAL}
    for p in regions().provinces:
        for name in (p.name, *p.aliases):
            table[match_key(name)] = p.name
    return table


def unknown_choice(label: str, value: str, candidates: dict[str, str], option_list: list[str]) -> Problem:
    """F102 for `value`, with the nearest option and, when the list is short, every accepted value."""
    near = closest(value, option_list, cutoff=0.6)
    if near is None:
        slug = closest(value, sorted(set(candidates.values())), cutoff=0.6)
        near = next((o for o in option_list if o == slug or o.endswith(f"({slug})")), None) if slug else None
    if near is None:  # near a word of the Indonesian labels: "karir" -> "Karier", "kerja" -> three options
        words = sorted({w for o in option_list for w in match_key(o).split() if len(w) > 2})
        typed = [w for w in match_key(value).split() if len(w) > 2]
        matched = [closest(w, words, cutoff=0.75) for w in typed]
        hits = [o for o in option_list if typed and all(m and m in match_key(o).split() for m in matched)]
        near = "' atau '".join(hits[:3]) or None
    hints = [Hint("did_you_mean", {"value": near})] if near else []
    if len(option_list) <= 12:  # when editing the issue there is no dropdown: name the accepted values
        hints.append(Hint("choices", {"values": "; ".join(option_list)}))
    else:
        hints.append(Hint("province_name"))
    return Problem("F102", label, params={"value": value}, hints=tuple(hints))


def choices_of(text: str, table: dict[str, str]) -> tuple[list[str], list[str]]:
    """Known values and unknown pieces of a dropdown answer ("a, b"), tolerant of hand edits."""
    found, unknown = [], []
    # An option text has at most this many comma-separated parts (each at least one word): longer
    # joins cannot match, and trying them all made a long answer cost the cube of its length.
    widest = max((len(key.split()) for key in table), default=1)
    for chunk in re.split(r"[\n;]", text):
        tokens = [t.strip() for t in chunk.split(",")]
        i = 0
        while i < len(tokens):
            for j in range(min(len(tokens), i + widest), i, -1):  # option texts may contain commas
                key = match_key(", ".join(tokens[i:j]))
                if key in table:
                    found.append(table[key])
                    i = j
                    break
            else:
                piece = tokens[i].strip("-* ")
                slug = label_part(piece, table)
                if slug:
                    found.append(slug)
                elif piece:
                    unknown.append(piece)
                i += 1
    return found, unknown


def label_part(piece: str, table: dict[str, str]) -> str | None:
    """The one value whose label or slug contains `piece` as whole words, typed by hand when the
    dropdown is gone: "bimbingan jabatan" -> career-guidance, "pemuda" -> youth. None if none or several."""
    key = match_key(piece)
    if len(key) < 3:
        return None
    hits = {slug for text, slug in table.items() if f" {key} " in f" {text} "}
    return hits.pop() if len(hits) == 1 else None


def parse_number(text: str) -> float | int | None:
    """An Indonesian or English written number: 312, 1.250 (ribuan), 12,5, 45%, Rp 2 juta (see `numbers`)."""
    written = read_number(text)
    return None if written is None else written.value


def text_lines(text: str) -> list[tuple[int, str]]:
    """(line number from 1, stripped line) of each line of a text area that is not blank or a bare bullet."""
    return [(n, ln.strip()) for n, ln in enumerate(text.split("\n"), start=1) if ln.strip().strip("-* ")]


def list_items(text: str) -> list[str]:
    """Distinct items of a list written with commas, semicolons or one per line (bullets allowed)."""
    items = []
    for piece in re.split(r"[,\n;]", text):
        piece = piece.strip().strip("-* ").strip()
        if piece and piece not in items:
            items.append(piece)
    return items


FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


def section_text(text: str) -> str:
    """A text area as section content: `#`/`##` headings become `###` so they stay inside the section."""
    out, fence = [], None
    for line in text.split("\n"):
        m = FENCE_RE.match(line)
        if fence is None and m:
            fence = m.group(1)[0]
        elif fence is not None and m and m.group(1)[0] == fence:
            fence = None
        elif fence is None:
            line = re.sub(r"^#{1,2}(?=[ \t])", "###", line)
        out.append(line.rstrip())
    return "\n".join(out).strip("\n")


def practice_ids(text: str) -> list[str]:
    """Practice ids; a pasted page URL or file path counts as its last segment."""
    out = []
    for item in list_items(text):
        item = re.sub(r"(\.md|\.html|/index\.html)$", "", item.rstrip("/"))
        item = item.rsplit("/", 1)[-1]
        if item and item not in out:
            out.append(item)
    return out
