"""The GitHub issue form for a new practice, generated from the schema and the vocabularies.

`render_issue_form()` writes `.github/ISSUE_TEMPLATE/praktik-baru.yml` (via
`tools/scripts/gen_contrib.py`) from the fields in `formfields`, so the form's options cannot drift
from the data. Reading a submitted form back into a practice is `issuebody`.
"""

from __future__ import annotations

from typing import Any

import yaml

from lumbung.authoring.formfields import (
    CONSENT,
    UPDATE,
    FormField,
    description,
    form_fields,
    label_of,
    options,
    schema_field,
)

LABEL = "praktik-baru"
FORM_PATH = ".github/ISSUE_TEMPLATE/praktik-baru.yml"

INTRO = (
    "Terima kasih telah berbagi praktik baik! Isian ini akan diubah otomatis menjadi berkas praktik "
    "dan *pull request*. Bila ada isian yang perlu diperbaiki, kami akan menjelaskannya di komentar; "
    "perbaiki dengan **menyunting isu ini** (menu ··· › *Edit*), dan *pull request* ikut diperbarui.\n\n"
    "Panduan lengkap: `CONTRIBUTING.md` di repositori ini. Isian bertanda * wajib diisi."
)


def _placeholder(ff: FormField) -> str:
    if ff.placeholder or ff.kind not in ("input", "textarea"):
        return ff.placeholder
    if ff.target.startswith("section:") or ff.target == UPDATE:
        return ""
    example = schema_field(ff.target).example
    if isinstance(example, list):
        return ", ".join(map(str, example))
    return "" if example is None else str(example)


def form_element(
    ff: FormField,
    label: str,
    description: str = "",
    options: list[str] | None = None,
    placeholder: str = "",
    default: int | None = None,
) -> dict[str, Any]:
    """One element of a GitHub issue form's `body` (shared by both forms)."""
    attrs: dict[str, Any] = {"label": label}
    if description:
        attrs["description"] = description
    if ff.kind == "dropdown":
        attrs["multiple"] = ff.multiple
        attrs["options"] = options or []
        if default is not None:
            attrs["default"] = default
    elif ff.kind == "checkboxes":
        attrs["options"] = [{"label": text, "required": True} for text in CONSENT]
    elif placeholder:
        attrs["placeholder"] = placeholder
    element: dict[str, Any] = {"type": ff.kind, "id": ff.id, "attributes": attrs}
    if ff.kind != "checkboxes":
        element["validations"] = {"required": ff.required}
    return element


def issue_form(
    name: str, description: str, title: str, label: str, intro: str, elements: list[dict[str, Any]]
) -> dict[str, Any]:
    """A whole GitHub issue form: its heading, then an introduction and the elements."""
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": intro}}, *elements]
    return {"name": name, "description": description, "title": title, "labels": [label], "body": body}


def form_data() -> dict[str, Any]:
    """The issue form as a mapping (GitHub issue-form syntax)."""
    elements = [
        form_element(
            ff,
            label_of(ff),
            description(ff),
            options(ff) if ff.kind == "dropdown" else None,
            _placeholder(ff),
            0 if ff.target == "language" else None,
        )
        for ff in form_fields()
    ]
    return issue_form(
        "Praktik baru",
        "Ajukan praktik baik Pengantar Kerja untuk Lumbung Praktik (tanpa perlu git).",
        "[Praktik baru]: ",
        LABEL,
        INTRO,
        elements,
    )


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as block scalars (`|`), so the committed form reads like hand-written YAML."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_form(data: dict[str, Any], generated_from: str) -> str:
    """The text of a form file: a header naming its sources, then the form as block-style YAML."""
    head = (
        f"# Generated from {generated_from} by\n"
        "# `python tools/scripts/gen_contrib.py`; do not edit by hand (a test compares them).\n"
    )
    return head + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def render_issue_form() -> str:
    """The text of .github/ISSUE_TEMPLATE/praktik-baru.yml."""
    return dump_form(form_data(), "tools/lumbung/data/schema.yaml and the vocabularies")
