"""The document schemas (data/schema.yaml, data/replication.yaml): fields, kinds and ids.

One declarative definition per kind of document drives the field checks (`rules/fields.py`), the
JSON Schema (`lumbung schema`), the template that `lumbung new` writes and the field reference page
of the site. A practice is the default kind; a replication report (`kind: replication`) is the short
second kind, whose fields reuse the practice's definitions with `same_as`.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, cast

from lumbung.datafiles import read_yaml
from lumbung.model import PRACTICE, REPLICATION
from lumbung.vocabulary import match_key

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_MIN, ID_MAX = 3, 80
YEARMONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
EMAIL_RE = re.compile(
    r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
)
# The largest whole number a reader's browser (JavaScript) and spreadsheet hold exactly: 2**53 - 1.
NUMBER_LIMIT = 2**53 - 1
SCHEMA_FILES = {PRACTICE: "schema.yaml", REPLICATION: "replication.yaml"}


@dataclass(slots=True)
class Field:
    name: str
    type: str
    required: bool = False
    label: str = ""
    help: str = ""
    help_en: str = ""
    example: Any = None
    vocabulary: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    unique: bool = False
    min: int | None = None
    max_current_year: bool = False
    not_future: bool = False
    required_with: str | None = None
    plain_text: bool = False  # no Markdown or HTML (E230)
    template: bool = True  # offered as a commented-out example by `lumbung new`
    default: Any = None
    aka: tuple[str, ...] = ()
    items: Field | None = None
    fields: dict[str, Field] = field(default_factory=dict)
    method: str = ""  # the FieldChecker method for `type`, looked up once

    @property
    def element(self) -> Field:
        """The field of each item of a list field (the schema gives every list one)."""
        if self.items is None:
            raise ValueError(f"schema field '{self.name}' has no items")
        return self.items


def _build(name: str, raw: dict) -> Field:
    kwargs = {k: v for k, v in raw.items() if k not in ("items", "fields", "aka")}
    f = Field(name=name, **kwargs)
    f.aka = tuple(raw.get("aka", ()))
    f.method = "_" + f.type.replace("-", "_")
    if "items" in raw:
        f.items = _build(name, raw["items"])
    for sub, subraw in (raw.get("fields") or {}).items():
        f.fields[sub] = _build(sub, subraw)
    return f


@dataclass
class Schema:
    version: int
    root: Field
    sections: dict[str, dict[str, list[str]]]
    kind: str = PRACTICE
    folder: str | None = None  # reports: the subfolder of the province folder that holds them
    body_max: int | None = None  # reports: the body is a few sentences, no sections

    @property
    def fields(self) -> dict[str, Field]:
        return self.root.fields


@cache
def _raw(kind: str) -> dict:
    return cast(dict, read_yaml(SCHEMA_FILES[kind]))


def _same_as(base: dict, dotted: str) -> dict:
    """A practice field's definition by dotted path ("period.start", "authors.name")."""
    spec: dict = {"fields": base}
    for part in dotted.split("."):
        spec = (spec.get("fields") or spec["items"]["fields"])[part]
    return spec


def _resolve(fields: dict, base: dict) -> dict:
    """Field definitions with every `same_as` replaced by the practice field it names, overridden."""
    out = {}
    for name, raw in fields.items():
        spec = dict(raw)
        if "same_as" in spec:
            spec = {**copy.deepcopy(_same_as(base, spec.pop("same_as"))), **spec}
        if "fields" in spec:
            spec["fields"] = _resolve(spec["fields"], base)
        out[name] = spec
    return out


@cache
def schema(kind: str = PRACTICE) -> Schema:
    """The schema of a kind of document (practice by default), loaded once."""
    raw = _raw(kind)
    fields = raw["fields"] if kind == PRACTICE else _resolve(raw["fields"], _raw(PRACTICE)["fields"])
    root = _build("", {"type": "object", "fields": fields})
    body = raw.get("body") or {}
    return Schema(
        raw["version"], root, raw.get("sections") or {}, kind, raw.get("folder"), body.get("max_length")
    )


def report_folder() -> str:
    """The subfolder of a province folder that holds replication reports (the schema's `folder`)."""
    folder = schema(REPLICATION).folder
    if folder is None:
        raise ValueError("the replication schema names no folder")
    return folder


def kind_of(relpath: str, meta: dict | None) -> str:
    """practice or replication: what `kind:` says, else where the file is (<province>/replikasi/)."""
    declared = meta.get("kind") if isinstance(meta, dict) else None
    if declared in SCHEMA_FILES:
        return cast(str, declared)
    parts = relpath.split("/")
    return REPLICATION if len(parts) == 4 and parts[2] == schema(REPLICATION).folder else PRACTICE


def is_valid_id(value: object) -> bool:
    return isinstance(value, str) and ID_MIN <= len(value) <= ID_MAX and ID_RE.match(value) is not None


def suggest_id(text: str) -> str:
    """A valid id made from any text (used in hints and by `lumbung new`)."""
    slug = "-".join(match_key(text).split())[:ID_MAX].strip("-")
    return slug if len(slug) >= ID_MIN else (slug + "-praktik")[:ID_MAX]
