"""The field checks generated from the schema: one header against its kind's fields.

`FieldChecker` walks the header with the schema's field definitions (`rules/schema.py`), one method
per field type, then checks the rules that span fields (region, period, cover image, plain text).
It collects diagnostics and never raises.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from lumbung.diagnostics import Diagnostic, Hint, fmt_path, shorten
from lumbung.escape import unrepresentable, visible
from lumbung.formats.frontmatter import Header
from lumbung.messages import Word
from lumbung.model import PRACTICE, as_date
from lumbung.record import ONGOING
from lumbung.rules.schema import (
    EMAIL_RE,
    NUMBER_LIMIT,
    YEARMONTH_RE,
    Field,
    is_valid_id,
    schema,
    suggest_id,
)
from lumbung.text.numbers import read_number, thousands_in_yaml
from lumbung.vocabulary import NATIONAL, closest, match_key, province_hint, regency_hint, regions, vocabulary

SHORT_LIST = 8  # vocabularies up to this size are listed in full in a hint


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, (bytes, bytearray)):
        return "binary"
    if isinstance(value, (dt.date, dt.datetime)):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return "string"


def _help(f: Field) -> dict[str, str]:
    """Hint parameters with a field's help in both languages."""
    return {"help": f.help, "help_en": f.help_en or f.help}


class FieldChecker:
    """Checks one header against the schema, collecting diagnostics (never raising)."""

    def __init__(self, header: Header, relpath: str, today: dt.date, kind: str = PRACTICE):
        self.header, self.path, self.today = header, relpath, today
        self.schema = schema(kind)
        self.diagnostics: list[Diagnostic] = []

    def add(self, code: str, path: tuple, params: dict | None = None, hints: Iterable[Hint] = ()) -> None:
        self.diagnostics.append(
            Diagnostic(
                self.path,
                code,
                line=self.header.line_of(path),
                field=fmt_path(path) or None,
                params=params or {},
                hints=tuple(hints),
            )
        )

    def check(self, data: dict) -> list[Diagnostic]:
        self._object(self.schema.root, data, ())
        self._cross_fields(data)
        if self.header.odd_characters:
            self._characters(data)
        return self.diagnostics

    def _characters(self, data: dict) -> None:
        """Every text of the header, keys included, holds only characters every output can show."""
        stack: list[tuple[tuple, Any]] = [((), data)]
        while stack:
            path, value = stack.pop()
            if isinstance(value, str):
                char = unrepresentable(value)
                if char:
                    self.add("E223", path, {"char": char}, [Hint("remove_char")])
            elif isinstance(value, dict):
                for key, item in value.items():
                    char = unrepresentable(key) if isinstance(key, str) else None
                    if char:
                        self.add("E223", path + (key,), {"char": char}, [Hint("remove_char")])
                    else:
                        stack.append((path + (key,), item))
            elif isinstance(value, list):
                stack.extend((path + (i,), item) for i, item in enumerate(value))

    # -- per type ---------------------------------------------------------------------------------
    def _value(self, f: Field, value: Any, path: tuple) -> None:
        getattr(self, f.method)(f, value, path)

    def _wrong_type(self, f: Field, value: Any, path: tuple, expected: str) -> None:
        hints: list[Hint] = []
        raw = self.header.raw_scalar(path)
        actual = _kind(value)
        if raw is not None and expected in ("string", "text") and actual != "string":
            hints.append(Hint("quote_it", {"raw": raw, "actual": Word(actual)}))
        elif f.help:
            hints.append(Hint("field_help", _help(f)))
        self.diagnostics.append(
            Diagnostic(
                self.path,
                "E204",
                line=self.header.line_of(path),
                field=fmt_path(path),
                params={"expected": Word(expected), "actual": Word(actual)},
                hints=tuple(hints),
            )
        )

    def _string(self, f: Field, value: Any, path: tuple) -> None:
        if not isinstance(value, str):
            self._wrong_type(f, value, path, "string")
            return
        length = len(visible(value))
        if length == 0 and value.strip():
            self.add("E224", path, {}, [Hint("visible_text")])
        elif f.min_length is not None and length < f.min_length:
            self.add("E205", path, {"length": length, "min": f.min_length}, [Hint("field_help", _help(f))])
        elif f.max_length is not None and length > f.max_length:
            self.add("E206", path, {"length": length, "max": f.max_length})

    _text = _string

    def _date(self, f: Field, value: Any, path: tuple) -> None:
        parsed = as_date(value)
        if parsed is None:
            self.add("E207", path, {"value": value}, [Hint("date_format")])
        elif f.not_future and parsed > self.today:
            self.add("E208", path, {"value": parsed.isoformat(), "today": self.today.isoformat()})

    def _yearmonth(self, f: Field, value: Any, path: tuple, ongoing: bool = False) -> None:
        if ongoing and value == ONGOING:
            return
        if not isinstance(value, str) or not YEARMONTH_RE.match(value):
            shown = value.isoformat() if isinstance(value, dt.date) else value
            self.add(
                "E209",
                path,
                {"value": shown, "ongoing": Word("ongoing") if ongoing else ""},
                [Hint("month_format")],
            )
        elif value > self.today.strftime("%Y-%m"):
            self.add("E208", path, {"value": value, "today": self.today.isoformat()})

    def _yearmonth_or_ongoing(self, f: Field, value: Any, path: tuple) -> None:
        self._yearmonth(f, value, path, ongoing=True)

    def _enum(self, f: Field, value: Any, path: tuple) -> None:
        vocab = vocabulary(f.vocabulary)
        if isinstance(value, str) and value in vocab.values:
            return
        if not isinstance(value, str):
            self._wrong_type(f, value, path, "string")
            return
        hints = []
        # accept the Indonesian label as a hint source too: "Perempuan" -> women
        by_label = {label: slug for slug, label in vocab.values.items()}
        near = closest(value, list(vocab.values)) or by_label.get(closest(value, list(by_label)) or "")
        # a word of one label: "pemuda" -> youth ("Pemuda & Lulusan Baru"), "PHK" -> laid-off-workers
        if not near:
            key = f" {match_key(value)} "
            hits = [
                slug for slug, label in vocab.values.items() if key.strip() and key in f" {match_key(label)} "
            ]
            near = hits[0] if len(hits) == 1 else None
        if near:
            hints.append(Hint("did_you_mean", {"value": near}))
        if len(vocab.values) <= SHORT_LIST:
            hints.append(Hint("allowed", {"values": ", ".join(vocab.values)}))
        else:
            hints.append(Hint("see_command", {"command": f"lumbung vocab {vocab.name}"}))
        self.add("E203", path, {"vocab": Word(vocab.name), "value": value}, hints)

    def _number(self, f: Field, value: Any, path: tuple) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            written = read_number(value) if isinstance(value, str) else None
            if written is None:
                self._wrong_type(f, value, path, "number")
                return
            # "1,5", "45%", "1.250.000", "Rp 2 juta": say exactly what to write instead
            params = {"key": path[-1], "value": written.yaml, "unit": written.unit or ""}
            hint = Hint("number_yaml_unit" if written.unit else "number_yaml", params)
            self.add("E204", path, {"expected": Word("number"), "actual": Word("string")}, [hint])
            return
        raw = self.header.raw_scalar(path)
        meant = thousands_in_yaml(raw) if isinstance(value, float) and raw else None
        if meant is not None:  # `1.250` is 1.25 to YAML, and 1250 to whoever wrote it
            params = {"key": path[-1], "value": meant.yaml}
            self.add("E222", path, {"raw": raw, "read": value}, [Hint("thousands_dot", params)])
            return
        reason = None
        if value != value:  # NaN, the only value unequal to itself
            reason = "number-nan"
        elif value in (float("inf"), float("-inf")):
            reason = "number-inf"
        elif abs(value) > NUMBER_LIMIT:
            reason = "number-huge"
        if reason:
            shown = shorten(raw if raw is not None else str(value))
            self.add("E225", path, {"value": shown, "reason": Word(reason)}, [Hint("finite_number")])

    def _integer(self, f: Field, value: Any, path: tuple) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong_type(f, value, path, "integer")
            return
        low = f.min if f.min is not None else -(10**12)
        high = self.today.year if f.max_current_year else 10**12
        if not low <= value <= high:
            params = {"value": shorten(str(value)), "min": low, "max": high}
            self.add("E217", path, params, [Hint("range", _help(f))])

    def _email(self, f: Field, value: Any, path: tuple) -> None:
        if not isinstance(value, str):
            self._wrong_type(f, value, path, "string")
        elif not EMAIL_RE.match(value):
            self.add("E213", path, {"value": value}, [Hint("email_format")])

    def _practice_id(self, f: Field, value: Any, path: tuple) -> None:
        if not isinstance(value, str):
            self._wrong_type(f, value, path, "string")
        elif not is_valid_id(value):
            self.add("E218", path, {"value": value}, [Hint("rename_id", {"value": suggest_id(value)})])

    def _path(self, f: Field, value: Any, path: tuple) -> None:
        if not isinstance(value, str):
            self._wrong_type(f, value, path, "string")
            return
        reason = path_problem(value)
        if reason:
            params = {"value": value, "reason": Word(_PATH_REASONS[reason])}
            self.add("E220", path, params, [Hint("relative_path")])

    def _province(self, f: Field, value: Any, path: tuple) -> None:
        if not isinstance(value, str):
            self._wrong_type(f, value, path, "string")
            return
        if value == NATIONAL or regions().province(value):
            return
        hint = province_hint(value)
        hints = [Hint(*hint)] if hint else []
        hints.append(Hint("see_command", {"command": "lumbung vocab provinces"}))
        self.add("E214", path, {"value": value}, hints)

    def _regency(self, f: Field, value: Any, path: tuple) -> None:
        if not isinstance(value, str):
            self._wrong_type(f, value, path, "string")
        # membership in the province is checked in _cross_fields, where the province is known

    def _list(self, f: Field, value: Any, path: tuple) -> None:
        if not isinstance(value, list):
            self._wrong_type(f, value, path, "list")
            return
        n = len(value)
        low, high = f.min_items or 0, f.max_items
        if n < low or (high is not None and n > high):
            self.add("E211", path, {"count": n, "min": low, "max": high if high is not None else "∞"})
        seen = set()
        element = f.element
        for i, item in enumerate(value):
            self._value(element, item, path + (i,))
            if f.unique and isinstance(item, str | int | float):
                if item in seen:
                    self.add("E212", path + (i,), {"value": item})
                seen.add(item)

    def _object(self, f: Field, value: Any, path: tuple) -> None:
        if not isinstance(value, dict):
            self._wrong_type(f, value, path, "object")
            return
        for key in value:
            if key not in f.fields:
                self._unknown_key(f, key, path)
        for name, sub in f.fields.items():
            if name in value:
                if value[name] is None and not sub.required:
                    continue  # `key:` left empty in a template means "not given"
                self._value(sub, value[name], path + (name,))
            elif sub.required:
                # the line is the parent's (where the field belongs); the field is the missing one
                self.diagnostics.append(
                    Diagnostic(
                        self.path,
                        "E201",
                        line=self.header.line_of(path),
                        field=fmt_path(path + (name,)),
                        params={"field": fmt_path(path + (name,))},
                        hints=(Hint("field_help", _help(sub)),),
                    )
                )

    def _unknown_key(self, f: Field, key: Any, path: tuple) -> None:
        hints = []
        if isinstance(key, str):
            near = next((n for n, sub in f.fields.items() if key.lower() in sub.aka), None)
            near = near or closest(key, list(f.fields), cutoff=0.6)
            if near:
                hints.append(Hint("did_you_mean", {"value": near}))
        self.diagnostics.append(
            Diagnostic(
                self.path,
                "E202",
                line=self.header.line_of(path + (key,)),
                field=fmt_path(path + (shorten(str(key), 60),)),
                params={"field": shorten(str(key), 60)},
                hints=tuple(hints),
            )
        )

    # -- rules across fields ----------------------------------------------------------------------
    def _cross_fields(self, data: dict) -> None:
        region = data.get("region")
        if isinstance(region, dict):
            prov_name, regency = region.get("province"), region.get("regency")
            if isinstance(regency, str):
                if prov_name == NATIONAL:
                    self.add("E221", ("region", "regency"), hints=[Hint("national_regency")])
                else:
                    prov = regions().province(prov_name)
                    if prov and regency not in prov.regencies:
                        hint = regency_hint(regency, prov)
                        hints = [Hint(*hint)] if hint else []
                        hints.append(
                            Hint("see_command", {"command": f'lumbung vocab regencies "{prov.name}"'})
                        )
                        self.add(
                            "E215", ("region", "regency"), {"value": regency, "province": prov.name}, hints
                        )
        period = data.get("period")
        if isinstance(period, dict):
            start, end = period.get("start"), period.get("end")
            if (
                isinstance(start, str)
                and isinstance(end, str)
                and YEARMONTH_RE.match(start)
                and YEARMONTH_RE.match(end)
                and end < start
            ):
                self.add("E210", ("period", "end"), {"start": start, "end": end})
        if data.get("cover_image") and not data.get("cover_alt"):
            params = {"field": "cover_alt", "other": "cover_image"}
            self.add("E216", ("cover_image",), params, [Hint("cover_alt")])
        summary = data.get("summary")
        if isinstance(summary, str) and _MARKUP_RE.search(summary):
            self.add("E219", ("summary",), hints=[Hint("plain_text")])
        for name, f in self.schema.fields.items():
            value = data.get(name)
            if f.plain_text and isinstance(value, str) and _MARKUP_RE.search(value):
                self.add("E230", (name,), {"field": name}, [Hint("field_help", _help(f))])


_MARKUP_RE = re.compile(r"<[a-zA-Z/!]|\]\(|\*\*|^#|`", re.M)


# path_problem() reasons -> entries of the `words` catalogue, so E220 reads in the reader's language
_PATH_REASONS = {
    "URL": "path-url",
    "absolute path": "path-absolute",
    "'..'": "path-parent",
    "'\\'": "path-backslash",
}


def path_problem(value: str) -> str | None:
    """Why a contributor-given path is not a safe relative path inside practices/, or None."""
    v = value.strip()
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", v) or v.startswith("//"):
        return "URL"
    if v.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:\\", v):
        return "absolute path"
    if ".." in re.split(r"[\\/]", v):
        return "'..'"
    if "\\" in v:
        return "'\\'"
    return None
