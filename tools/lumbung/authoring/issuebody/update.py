"""A change to a practice already in the library ("Usulkan perubahan" on its page).

The issue names the practice in "Praktik yang diubah". Its file keeps its path and id; the answers
given replace what they cover, and a field left empty keeps what the practice has (so a prefilled
form that had to leave out a long section, or a dropdown GitHub did not fill, changes nothing there).
Fields that are not on the form (date, status, redirect_from, last_reviewed) are kept as they are.
"""

from __future__ import annotations

from typing import Any

from lumbung.authoring.formfields import UPDATE, form_fields, label_of
from lumbung.authoring.issuebody.parse import ParsedIssue
from lumbung.authoring.issuebody.problem import Problem
from lumbung.authoring.prefill import sections_of
from lumbung.diagnostics import Hint
from lumbung.model import Practice
from lumbung.vocabulary import closest

# Form targets inside a mapping of the front matter: (mapping, key)
_NESTED = {
    "region.province": ("region", "province"),
    "region.regency": ("region", "regency"),
    "period.start": ("period", "start"),
    "period.end": ("period", "end"),
    "replication.effort": ("replication", "effort"),
    "replication.prerequisites": ("replication", "prerequisites"),
}


def find(parsed: ParsedIssue, practices: list[Practice]) -> tuple[Practice | None, list[Problem]]:
    """The practice the change is for, or a problem naming the nearest id."""
    by_id = {p.id: p for p in practices}
    if parsed.update in by_id:
        return by_id[parsed.update], []
    label = next(label_of(ff) for ff in form_fields() if ff.target == UPDATE)
    near = closest(parsed.update or "", sorted(by_id))
    hints = (Hint("did_you_mean", {"value": near}),) if near else (Hint("existing_id"),)
    return None, [Problem("F112", label, params={"value": parsed.update}, hints=hints)]


def merge(parsed: ParsedIssue, existing: Practice) -> None:
    """Fill what the issue left empty from `existing`, in place; drop "required field is empty"."""
    old: dict[str, Any] = dict(existing.meta or {})
    new = parsed.values
    targets = {ff.target for ff in form_fields()}
    merged: dict[str, Any] = {}
    for key, value in old.items():
        merged[key] = dict(value) if isinstance(value, dict) else value
    for target in targets:
        if target.startswith("section:") or target in ("consent", UPDATE):
            continue
        if target in _NESTED:
            outer, inner = _NESTED[target]
            if target in parsed.answered:
                value = (new.get(outer) or {}).get(inner)
                block = merged.setdefault(outer, {}) if isinstance(merged.get(outer), dict) else {}
                merged[outer] = block
                if value is None:
                    block.pop(inner, None)
                else:
                    block[inner] = value
        elif target in parsed.answered or (target == "cover_image" and "cover_image" in new):
            if target in new:
                merged[target] = new[target]
            else:
                merged.pop(target, None)
    parsed.values = {k: v for k, v in merged.items() if v not in (None, {}, [])}
    titles = {title: text for title, text in sections_of(existing.body).items()}
    parsed.sections = [
        (title, label, text or titles.get(title, "")) for title, label, text in parsed.sections
    ]
    kept = {label_of(ff) for ff in form_fields() if ff.target not in parsed.answered}
    parsed.problems = [p for p in parsed.problems if not (p.code == "F101" and p.field in kept)]
