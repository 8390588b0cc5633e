"""Diagnostics: what is wrong, where, and how to fix it. Errors are data, rendered like a compiler."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from lumbung.escape import printable
from lumbung.messages import render, word

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Hint:
    """One part of a hint: a key of the hints catalogue and its parameters."""

    key: str
    params: dict[str, Any] = dc_field(default_factory=dict)


@dataclass(slots=True)
class Diagnostic:
    """A problem found in a file. Text is rendered on demand so one result serves every language."""

    path: str
    code: str
    line: int | None = None
    column: int | None = None
    field: str | None = None
    params: dict[str, Any] = dc_field(default_factory=dict)
    hints: tuple[Hint, ...] = ()

    @property
    def severity(self) -> str:
        return WARNING if self.code.startswith("W") else ERROR

    def message(self, lang: str = "id") -> str:
        return render("codes", self.code, lang, self.params)

    def hint(self, lang: str = "id") -> str:
        """The hint parts as one line: clauses joined by ';', a sentence capitalised after '.', '?', '!'."""
        out = ""
        for part in (render("hints", h.key, lang, h.params) for h in self.hints):
            if not part:
                continue
            if not out:
                out = part
            elif out.endswith((".", "?", "!")):
                out += " " + part[:1].upper() + part[1:]
            else:
                out += "; " + part
        return out

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.column or 0, self.code)

    def as_dict(self, lang: str = "id") -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "code": self.code,
            "severity": self.severity,
            "message": self.message(lang),
            "hint": self.hint(lang) or None,
        }


def fmt_path(path: tuple) -> str:
    """A field path as a diagnostic names it: `authors[0].name`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return printable(out)


def shorten(text: str, limit: int = 24) -> str:
    """A value as a diagnostic quotes it: shortened in the middle when it is long."""
    return text if len(text) <= limit else f"{text[: limit // 2]}…{text[-(limit // 4) :]}"


def counts(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = warnings = 0
    for d in diagnostics:
        if d.severity == ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def format_text(diagnostics: list[Diagnostic], files: int, lang: str = "id") -> str:
    """Compiler-style lines, an indented hint under each, then the summary line."""
    out = [format_one(d, lang) for d in sorted(diagnostics, key=Diagnostic.sort_key)]
    out.append(check_summary(diagnostics, files, lang))
    return "\n".join(out) + "\n"


def format_one(d: Diagnostic, lang: str = "id") -> str:
    """One diagnostic as `lumbung validate` prints it: the compiler-style line and its indented hint."""
    where = d.path + (f":{d.line}" if d.line else "") + (f":{d.column}" if d.line and d.column else "")
    label = "" if d.severity == ERROR else ("peringatan: " if lang == "id" else "warning: ")
    fieldpart = f" {d.field}:" if d.field else ""
    text = f"{where}:{fieldpart} {label}{d.message(lang)} [{d.code}]"
    hint = d.hint(lang)
    return f"{text}\n  {word('hint', lang)}: {hint}" if hint else text


def check_summary(diagnostics: Iterable[Diagnostic], files: int, lang: str = "id") -> str:
    """The closing line of a check: '2 berkas diperiksa: 1 galat, 2 peringatan'."""
    errors, warnings = counts(diagnostics)
    params: dict[str, int | str] = {"files": files, "errors": errors, "warnings": warnings}
    params.update({f"{k}_s": "" if v == 1 else "s" for k, v in list(params.items())})  # English plurals
    return render("words", "summary", lang, params)


def format_json(diagnostics: list[Diagnostic], lang: str = "id") -> str:
    data = [d.as_dict(lang) for d in sorted(diagnostics, key=Diagnostic.sort_key)]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    # GitHub workflow commands: % CR LF must be escaped in data; also : and , in properties.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(diagnostics: list[Diagnostic], lang: str = "id") -> str:
    """GitHub Actions workflow commands, so problems show as annotations on the changed lines."""
    out = []
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        props = [f"file={_gh_escape(d.path, True)}"]
        if d.line:
            props.append(f"line={d.line}")
        if d.line and d.column:
            props.append(f"col={d.column}")
        title = f"{d.code} {d.field}" if d.field else d.code
        props.append(f"title={_gh_escape(title, True)}")
        body = d.message(lang)
        hint = d.hint(lang)
        if hint:
            body += "\n" + word("hint", lang) + ": " + hint
        out.append(f"::{d.severity} {','.join(props)}::{_gh_escape(body)}")
    return "\n".join(out) + ("\n" if out else "")
