"""A submitted "Laporan replikasi" issue turned into a replication report, checked like any file.

The form (`reportform`) asks for the practice adopted, the office's place, the office, who reports,
since when, what changed, optional outcomes and a short note. This module reads those answers by the
form's labels, writes `practices/<province>/replikasi/<id>.md` with status review, loads it with the
validator's own loader and runs the cross-file checks (the practice must be published, one report
per office), then names every problem by the form field that fixes it, like `convert` for practices.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any

from lumbung.authoring.artefacts import render_front_matter
from lumbung.authoring.issuebody.answers import (
    choices_of,
    practice_ids,
    province_lookup,
    section_text,
    split_answers,
    unknown_choice,
)
from lumbung.authoring.issuebody.convert import _FILE_HINTS, Conversion
from lumbung.authoring.issuebody.parse import _authors, _consent, _outcomes
from lumbung.authoring.issuebody.problem import Problem
from lumbung.authoring.reportform import BODY, province_options, report_fields
from lumbung.authoring.reportform import label as label_of
from lumbung.diagnostics import Diagnostic, Hint
from lumbung.model import REPLICATION
from lumbung.rules.checks import check_library
from lumbung.rules.schema import ID_MAX, schema, suggest_id
from lumbung.source.loader import Loader, load_file
from lumbung.vocabulary import province_slug, regions

# Validator codes that only repeat a problem the form reader already reported for the same field.
_CONSEQUENCES = {"E201", "E211"}


def is_report(body: str) -> bool:
    """True when the issue body comes from the "Laporan replikasi" form."""
    heading = re.escape(label_of("replicates"))
    return re.search(rf"^###[ \t]+{heading}[ \t]*$", body or "", re.M) is not None


def parse_report(
    body: str, today: dt.date
) -> tuple[dict[str, Any], str, list[Problem], dict[str, list[int]]]:
    """Front-matter values, body text, problems and text-area lines per list field of a report."""
    fields = report_fields()
    answers = split_answers(body or "", {ff.label for ff in fields})
    problems: list[Problem] = []
    if not answers:
        return {}, "", [Problem("F100", "", hints=(Hint("use_form"),))], {}
    by_target = {ff.target: ff for ff in fields}

    def get(target: str) -> tuple[str, str]:
        ff = by_target[target]
        text = answers.get(ff.label, "").strip()
        if ff.required and not text:
            hints = (Hint("form_help", {"text": ff.description}),) if ff.description else ()
            problems.append(Problem("F101", ff.label, hints=hints))
        return ff.label, text

    def one_line(target: str) -> str | None:
        return " ".join(get(target)[1].split()) or None

    values: dict[str, Any] = {"kind": REPLICATION}
    values["replicates"] = next(iter(practice_ids(get("replicates")[1])), None)
    region: dict[str, Any] = {}
    label, text = get("region.province")
    if text:
        table = province_lookup()
        found, _unknown = choices_of(text, table)
        if found:
            region["province"] = found[0]
        else:
            problems.append(unknown_choice(label, text, table, province_options()))
    regency = one_line("region.regency")
    if regency:
        region["regency"] = regency
    values["region"] = region
    values["office"] = one_line("office")
    values["date"] = today
    values["status"] = "review"
    lines: dict[str, list[int]] = {}
    values["authors"] = _authors(*get("authors"), problems, lines.setdefault("authors", [])) or None
    start = one_line("period.start")
    if start:
        values["period"] = {"start": start}
    values["adaptations"] = one_line("adaptations")
    values["outcomes"] = _outcomes(*get("outcomes"), problems, lines.setdefault("outcomes", [])) or None
    note = section_text(get(BODY)[1])
    _consent(*get("consent"), problems)
    return {k: v for k, v in values.items() if v is not None}, note, problems, lines


def render_report(values: dict[str, Any], note: str) -> str:
    """The report file: the front matter without guidance comments, then the note, if any."""
    head = render_front_matter(values, with_guidance=False, kind=REPLICATION)
    return head + (f"\n{note}\n" if note else "")


def _label_for(d: Diagnostic) -> str:
    """The form label that fixes a validator diagnostic of the report file."""
    key = re.sub(r"\[\d+\]", "", d.field or "")
    targets = {ff.target for ff in report_fields()}
    while key:
        if key in targets:
            return label_of(key)
        key = key.rpartition(".")[0]
    if d.code in ("E107", "E401", "E218", "E130", "E402"):
        return label_of("region.province") if d.code == "E402" else label_of("replicates")
    return label_of(BODY)  # the body: privacy, safety and length of the note


def convert_report(body: str, root: str | Path, today: dt.date, overwrite: bool = False) -> Conversion:
    """Parse a report issue and check the report it becomes, as if it were in the library at `root`.
    Nothing is written: the caller writes `text` to `root / relpath`."""
    values, note, problems, lines = parse_report(body, today)
    place = values.get("region", {}).get("regency") or values.get("office") or "laporan"
    ref = values.get("replicates") or "praktik"
    pid = suggest_id(f"{place} {ref}")[:ID_MAX].strip("-")
    slug = province_slug(values.get("region", {}).get("province") or "") or regions().national_slug
    relpath = f"practices/{slug}/{schema(REPLICATION).folder}/{pid}.md"
    text = render_report(values, note)
    root = Path(root)
    if (root / relpath).exists() and not overwrite:
        problems.append(
            Problem("F107", label_of("replicates"), params={"path": relpath}, hints=(Hint("one_report"),))
        )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / relpath
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
        report = load_file(path, Path(tmp), today)
    others = [p for p in Loader(root).load(today=today).documents if p.relpath != relpath]
    cross = [d for d in check_library(others + [report]) if d.path == relpath]
    seen = {p.field for p in problems}
    for d in report.diagnostics + cross:
        label = _label_for(d)
        if d.code in _CONSEQUENCES and label in seen:
            continue
        line = None
        m = re.match(r"^(authors|outcomes)\[(\d+)\]", d.field or "")
        if m and int(m.group(2)) < len(lines.get(m.group(1), [])):
            line = lines[m.group(1)][int(m.group(2))]
        d = Diagnostic(
            d.path,
            d.code,
            line=d.line,
            column=d.column,
            field=d.field,
            params=d.params,
            hints=tuple(h for h in d.hints if h.key not in _FILE_HINTS),
        )
        problems.append(Problem(d.code, label, line, severity=d.severity, diagnostic=d))
    order = {ff.label: i for i, ff in enumerate(report_fields())}
    problems.sort(key=lambda p: (order.get(p.field, -1), p.line or 0))
    return Conversion(relpath, pid, text, problems)
