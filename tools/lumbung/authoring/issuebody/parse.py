"""A submitted issue as a practice: front-matter values, body sections and the problems found.

`parse_issue()` maps every answer to the practice field its form field targets (`formfields`):
dropdowns to vocabulary slugs, one-per-line text areas (authors, partners, outcomes) to lists of
mappings, the section text areas to the body in the practice's language. Each problem is tied to
the form label, and for text areas the line, that a contributor edits to fix it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from lumbung.authoring.formfields import CONSENT, UPDATE, description, form_fields, label_of, options
from lumbung.authoring.issuebody.answers import (
    choices_of,
    list_items,
    lookup,
    practice_ids,
    province_lookup,
    section_text,
    split_answers,
    text_lines,
    unknown_choice,
)
from lumbung.authoring.issuebody.photos import first_image
from lumbung.authoring.issuebody.problem import Problem
from lumbung.diagnostics import Hint
from lumbung.places import read_province, read_regency
from lumbung.rules.schema import schema
from lumbung.text.numbers import read_number
from lumbung.vocabulary import match_key, regions, vocabulary


@dataclass
class ParsedIssue:
    """What `parse_issue()` read: front-matter values, body sections and the problems found."""

    values: dict[str, Any]
    sections: list[tuple[str, str, str]]  # (title in the practice's language, form label, text)
    problems: list[Problem]
    item_lines: dict[str, list[int]] = field(default_factory=dict)  # list field -> text-area line per item
    cover: tuple[str, str] | None = None  # (image URL, its alt text) from the cover-photo field
    update: str | None = None  # id of the practice a change is for ("Praktik yang diubah")
    answered: set[str] = field(default_factory=set)  # targets of the fields that have an answer

    @property
    def title(self) -> str | None:
        value = self.values.get("title")
        return value if isinstance(value, str) and value else None

    @property
    def province(self) -> str | None:
        return (self.values.get("region") or {}).get("province")


def parse_issue(body: str, today: dt.date) -> ParsedIssue:
    """Front-matter values, body sections and problems from a rendered issue body."""
    answers = split_answers(body or "")
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    if not answers:
        return ParsedIssue(values, [], [Problem("F100", "", hints=(Hint("use_form"),))])
    by_target = {ff.target: ff for ff in form_fields()}

    answered: set[str] = set()

    def get(target: str) -> tuple[str, str]:
        ff = by_target[target]
        text = answers.get(label_of(ff), "").strip()
        if text:
            answered.add(target)
        if ff.required and not text:
            help_text = description(ff)
            hints = (Hint("form_help", {"text": help_text}),) if help_text else ()
            problems.append(Problem("F101", label_of(ff), hints=hints))
        return label_of(ff), text

    def one_line(target: str) -> str | None:
        _, text = get(target)
        return " ".join(text.split()) or None

    def choose(target: str, vocab_name: str, multiple: bool) -> Any:
        label, text = get(target)
        if not text:
            return None
        table = lookup(vocab_name)
        found, unknown = choices_of(text, table)
        for value in unknown:
            problems.append(unknown_choice(label, value, table, options(by_target[target])))
        if multiple:
            return list(dict.fromkeys(found)) or None
        return found[0] if found else None

    values["title"] = one_line("title")
    _, summary = get("summary")
    values["summary"] = " ".join(summary.split()) or None
    values["date"] = today
    values["status"] = "review"
    values["themes"] = choose("themes", "themes", True)
    region: dict[str, Any] = {}
    label, text = get("region.province")
    if text:
        table = province_lookup()
        found, unknown = choices_of(text, table)
        typed = read_province(text).value  # "jabar", "jawa barat" typed by hand
        if found or typed:
            region["province"] = found[0] if found else typed
        else:
            problems.append(unknown_choice(label, text, table, options(by_target["region.province"])))
    region["regency"] = one_line("region.regency")
    province = regions().province(region.get("province") or "")
    if region["regency"] and province:  # "Kab. Bandung" -> Kabupaten Bandung; "Bandung" is two places
        reading = read_regency(region["regency"], province)
        if reading.value:
            region["regency"] = reading.value
        elif reading.choices:
            choices = " atau ".join(reading.choices)
            problems.append(
                Problem(
                    "F113",
                    label_of(by_target["region.regency"]),
                    params={"value": region["regency"], "choices": choices},
                    hints=(Hint("full_name"),),
                )
            )
            region["regency"] = None
    values["region"] = region
    values["office"] = one_line("office")
    item_lines: dict[str, list[int]] = {}
    values["authors"] = _authors(*get("authors"), problems, item_lines.setdefault("authors", [])) or None
    start, end = one_line("period.start"), one_line("period.end")
    if end and not start:
        problems.append(
            Problem(
                "F106",
                label_of(by_target["period.start"]),
                params={"other": label_of(by_target["period.end"])},
            )
        )
    if start or end:
        values["period"] = {
            "start": start,
            "end": "berjalan" if end and match_key(end) == "berjalan" else end,
        }
    values["target_groups"] = choose("target_groups", "target-groups", True)
    values["delivery_mode"] = choose("delivery_mode", "delivery-modes", False)
    values["partners"] = _partners(*get("partners"), problems, item_lines.setdefault("partners", [])) or None
    values["outcomes"] = _outcomes(*get("outcomes"), problems, item_lines.setdefault("outcomes", [])) or None
    values["evidence_level"] = choose("evidence_level", "evidence-levels", False)
    effort = choose("replication.effort", "efforts", False)
    _, prereq = get("replication.prerequisites")
    prerequisites = [ln.strip("-* ").strip() for _, ln in text_lines(prereq)]
    item_lines["replication.prerequisites"] = [n for n, _ in text_lines(prereq)]
    if effort or prerequisites:
        values["replication"] = {"effort": effort, "prerequisites": prerequisites or None}
    values["replicated_from"] = next(iter(practice_ids(get("replicated_from")[1])), None)
    values["related"] = practice_ids(get("related")[1]) or None
    values["keywords"] = list_items(get("keywords")[1]) or None
    values["tags"] = list_items(get("tags")[1]) or None
    values["public_contacts"] = list_items(get("public_contacts")[1]) or None
    values["language"] = choose("language", "languages", False) or "id"
    cover_label, cover_text = get("cover_image")
    cover = first_image(cover_text) if cover_text else None
    if cover_text and cover is None:
        problems.append(Problem("F110", cover_label, hints=(Hint("photo_upload"),)))
    values["cover_alt"] = one_line("cover_alt")
    _consent(*get("consent"), problems)

    language = values["language"] if values["language"] in schema().sections else "id"
    spec = schema().sections[language]
    titles = spec["required"] + spec["optional"]
    sections = []
    for ff in form_fields():
        if ff.target.startswith("section:"):
            label, text = get(ff.target)
            index = int(ff.target.split(":")[1])
            sections.append((titles[index], label, section_text(text)))
    values = {k: v for k, v in values.items() if v is not None}
    values["region"] = {k: v for k, v in region.items() if v is not None}
    update = next(iter(practice_ids(get(UPDATE)[1])), None)
    return ParsedIssue(values, sections, problems, item_lines, cover, update, answered)


def _authors(label: str, text: str, problems: list[Problem], lines: list[int]) -> list[dict]:
    out = []
    table = lookup("levels")
    for n, line in text_lines(text):
        parts = [p.strip() for p in line.strip("-* ").split(";")]
        if len(parts) > 3 or not parts[0]:
            problems.append(
                Problem(
                    "F103", label, n, {"line": n, "format": "Nama; jenjang; surel"}, (Hint("semicolons"),)
                )
            )
            continue
        author: dict[str, Any] = {"name": parts[0]}
        level = parts[1] if len(parts) > 1 else ""
        email = parts[2] if len(parts) > 2 else ""
        if level and "@" in level and not email:  # "Nama; surel" without a level
            level, email = "", level
        if level:
            if match_key(level) in table:
                author["level"] = table[match_key(level)]
            else:
                p = unknown_choice(label, level, table, _option_texts("levels"))
                p.line = n
                problems.append(p)
        if email:
            author["email"] = email
        out.append(author)
        lines.append(n)
    return out


def _partners(label: str, text: str, problems: list[Problem], lines: list[int]) -> list[dict]:
    out = []
    table = lookup("partner-types")
    allowed = ", ".join(vocabulary("partner-types").values)
    for n, line in text_lines(text):
        parts = [p.strip() for p in line.strip("-* ").split(";")]
        if len(parts) != 2 or not parts[0] or not parts[1]:
            problems.append(
                Problem(
                    "F103",
                    label,
                    n,
                    {"line": n, "format": "Nama; jenis"},
                    (Hint("semicolons"), Hint("choices", {"values": allowed})),
                )
            )
            continue
        if match_key(parts[1]) not in table:
            p = unknown_choice(label, parts[1], table, _option_texts("partner-types"))
            p.line = n
            problems.append(p)
            continue
        out.append({"name": parts[0], "type": table[match_key(parts[1])]})
        lines.append(n)
    return out


def _outcomes(label: str, text: str, problems: list[Problem], lines: list[int]) -> list[dict]:
    out = []
    names = ("indicator", "value", "unit", "baseline", "year", "kind")
    kinds = lookup("outcome-kinds")
    # the parts as the form's line format names them, so also in English messages
    what = {"value": "nilai", "baseline": "nilai awal", "year": "tahun"}
    for n, line in text_lines(text):
        parts = [p.strip() for p in line.strip("-* ").split(";")]
        if len(parts) < 2 or len(parts) > 6 or not parts[0] or not parts[1]:
            problems.append(
                Problem(
                    "F103",
                    label,
                    n,
                    {"line": n, "format": "indikator; nilai; satuan; nilai awal; tahun; jenis"},
                    (Hint("semicolons"),),
                )
            )
            continue
        item: dict[str, Any] = {"indicator": parts[0]}
        ok = True
        for key, raw in zip(names[1:], parts[1:], strict=False):
            if not raw:
                continue
            if key == "unit":
                item["unit"] = raw
                continue
            if key == "kind":  # optional standard indicator, by slug or Indonesian label
                found, unknown = choices_of(raw, kinds)
                if found:
                    item["kind"] = found[0]
                else:
                    p = unknown_choice(label, raw, kinds, _option_texts("outcome-kinds"))
                    p.line = n
                    problems.append(p)
                    ok = False
                continue
            written = read_number(raw)
            if written is None or (key == "year" and not isinstance(written.value, int)):
                problems.append(
                    Problem(
                        "F104",
                        label,
                        n,
                        {"line": n, "what": what[key], "value": raw},
                        _number_hints(raw, parts),
                    )
                )
                ok = False
                continue
            item[key] = written.value
            if written.unit and key == "value" and not (len(parts) > 2 and parts[2]):
                item["unit"] = written.unit
        if ok:
            out.append(item)
            lines.append(n)
    return out


def _option_texts(vocab_name: str) -> list[str]:
    """The values of a vocabulary as the form shows them: "Ahli Muda (ahli-muda)"."""
    return [f"{label} ({slug})" for slug, label in vocabulary(vocab_name).values.items()]


def _number_hints(raw: str, parts: list[str]) -> tuple[Hint, ...]:
    """How to write an outcome figure the form cannot read: "12 orang" -> "...; 12; orang"."""
    figure, _, rest = raw.strip().partition(" ")
    written = read_number(figure)
    if raw == parts[1] and written is not None and rest and not any(ch.isdigit() for ch in rest):
        line = "; ".join([parts[0], written.yaml, rest, *parts[3:]])
        return (Hint("number_then_unit", {"line": line}),)
    return (Hint("plain_number"),)


def _consent(label: str, text: str, problems: list[Problem]) -> None:
    if not text:
        return  # F101 already reported
    # one line per box: `\s*` spanning lines let every line start rescan the lines below it
    boxes = re.findall(r"^[ \t]*[-*][ \t]*\[([ xX])\][ \t]*(.*)$", text, re.M)
    ticked = [match_key(t) for mark, t in boxes if mark.lower() == "x"]
    for statement in CONSENT:
        key = match_key(statement)[:40]
        if not any(t.startswith(key) for t in ticked):
            short = re.sub(r"\*\*", "", statement).split(" (")[0].rstrip(".")
            problems.append(Problem("F105", label, params={"value": short}, hints=(Hint("tick_box"),)))
