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


def form_data() -> dict[str, Any]:
    """The issue form as a mapping (GitHub issue-form syntax)."""
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": INTRO}}]
    for ff in form_fields():
        attrs: dict[str, Any] = {"label": label_of(ff)}
        desc = description(ff)
        if desc:
            attrs["description"] = desc
        if ff.kind == "dropdown":
            attrs["multiple"] = ff.multiple
            attrs["options"] = options(ff)
            if ff.target == "language":
                attrs["default"] = 0
        elif ff.kind == "checkboxes":
            attrs["options"] = [{"label": text, "required": True} for text in CONSENT]
        else:
            ph = _placeholder(ff)
            if ph:
                attrs["placeholder"] = ph
        element: dict[str, Any] = {"type": ff.kind, "id": ff.id, "attributes": attrs}
        if ff.kind != "checkboxes":
            element["validations"] = {"required": ff.required}
        body.append(element)
    return {
        "name": "Praktik baru",
        "description": "Ajukan praktik baik Pengantar Kerja untuk Lumbung Praktik (tanpa perlu git).",
        "title": "[Praktik baru]: ",
        "labels": [LABEL],
        "body": body,
    }


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as block scalars (`|`), so the committed form reads like hand-written YAML."""


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def render_issue_form() -> str:
    """The text of .github/ISSUE_TEMPLATE/praktik-baru.yml."""
    head = (
        "# Generated from tools/lumbung/data/schema.yaml and the vocabularies by\n"
        "# `python tools/scripts/gen_contrib.py`; do not edit by hand (a test compares them).\n"
    )
    return head + yaml.dump(form_data(), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
