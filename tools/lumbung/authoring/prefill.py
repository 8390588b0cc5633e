"""The "Usulkan perubahan" link of a practice page: the issue form, prefilled with that practice.

GitHub fills the fields of an issue form from the query of the "new issue" URL, keyed by each
field's `id`. `answers()` writes a practice back into the form's answers in the form's own notation
(the inverse of `issuebody.parse`), and `prefill_url()` puts as many of them into the URL as fit
within `URL_LIMIT`. A field left out stays empty in the form, and an empty field of a change keeps
what the practice already has, so a long practice loses nothing to the limit.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from lumbung.authoring.formfields import UPDATE, form_fields, options, schema_field
from lumbung.model import Practice
from lumbung.rules.schema import schema
from lumbung.vocabulary import vocabulary

URL_LIMIT = 8000  # GitHub answers longer URLs with an error page; browsers cope with far more
PAGE_LIMIT = 4000  # on a practice page: the link is in every page, which must stay under 40 KB
FORM_FILE = "praktik-baru.yml"
TITLE_PREFIX = "[Perubahan]: "


_SECTION_RE = re.compile(r"##[ \t]+(.+)")
_FENCE_RE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")


class _Escapes(dict):
    """Code point -> its percent-escaped UTF-8 bytes (itself when unreserved), filled as met."""

    def __missing__(self, code: int) -> str:
        escaped = "".join(chr(b) if b in _UNRESERVED else f"%{b:02X}" for b in chr(code).encode("utf-8"))
        self[code] = escaped
        return escaped


_ESCAPES = _Escapes()


def quote(text: str) -> str:
    """`urllib.parse.quote(text, safe="")` through one `str.translate` (urllib goes byte by byte in
    Python; every practice page quotes a few KB of its text for its link)."""
    return text.translate(_ESCAPES)


def _number(value: Any) -> str:
    """A number as the form reads it back: 1250, 1,5 (never 1.250, which the form reads as ribuan)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and not value.is_integer():
        return repr(value).replace(".", ",")
    return str(int(value))


def _option(target: str, slug: str) -> str:
    f = schema_field(target)
    label = vocabulary((f.items or f).vocabulary).values.get(slug)
    return f"{label} ({slug})" if label else slug


def sections_of(body: str) -> dict[str, str]:
    """Section title -> text of a practice body (`## Title` headings outside code fences)."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    fence = None
    for line in body.split("\n"):
        m = _FENCE_RE.match(line)
        if m:
            fence = None if fence and m.group(1)[0] == fence else (fence or m.group(1)[0])
        # the title is trimmed by hand: `(.+?)[ \t#]*$` backtracked quadratically on a run of spaces
        heading = _SECTION_RE.match(line) if fence is None else None
        if heading:
            title = heading.group(1)
            current = out.setdefault((title[0] + title[1:].rstrip(" \t#")).strip(), [])
        elif current is not None:
            current.append(line)
    return {title: "\n".join(lines).strip("\n") for title, lines in out.items()}


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def answers(practice: Practice) -> dict[str, str]:
    """The form's answers for `practice`, by field id, in the notation the issue reader accepts."""
    meta = practice.meta or {}
    region, period, replication = (_mapping(meta.get(key)) for key in ("region", "period", "replication"))
    language = practice.language
    spec = schema().sections[language]
    titles = spec["required"] + spec["optional"]
    sections = sections_of(practice.body)

    def listed(value: Any, sep: str = ", ") -> str:
        return sep.join(str(v) for v in value) if isinstance(value, list) else ""

    def rows(value: Any, keys: tuple[str, ...]) -> str:
        lines = []
        for item in value if isinstance(value, list) else []:
            if isinstance(item, dict):
                parts = [_number(item[k]) if item.get(k) is not None else "" for k in keys]
                while parts and not parts[-1]:
                    parts.pop()
                lines.append("; ".join(parts))
        return "\n".join(lines)

    by_target: dict[str, str] = {
        UPDATE: practice.id,
        "title": str(meta.get("title") or ""),
        "summary": " ".join(str(meta.get("summary") or "").split()),
        "region.province": str(region.get("province") or ""),
        "region.regency": str(region.get("regency") or ""),
        "themes": ", ".join(_option("themes", t) for t in meta.get("themes") or [] if isinstance(t, str)),
        "office": str(meta.get("office") or ""),
        "authors": rows(meta.get("authors"), ("name", "level", "email")),
        "target_groups": ", ".join(
            _option("target_groups", t) for t in meta.get("target_groups") or [] if isinstance(t, str)
        ),
        "period.start": str(period.get("start") or ""),
        "period.end": str(period.get("end") or ""),
        "partners": rows(meta.get("partners"), ("name", "type")),
        "outcomes": rows(meta.get("outcomes"), ("indicator", "value", "unit", "baseline", "year", "kind")),
        "replication.prerequisites": listed(replication.get("prerequisites"), "\n"),
        "replicated_from": str(meta.get("replicated_from") or ""),
        "related": listed(meta.get("related")),
        "keywords": listed(meta.get("keywords")),
        "tags": listed(meta.get("tags")),
        "public_contacts": listed(meta.get("public_contacts")),
        "cover_alt": str(meta.get("cover_alt") or ""),
    }
    for target in ("delivery_mode", "evidence_level", "replication.effort", "language"):
        value = replication.get("effort") if target == "replication.effort" else meta.get(target)
        by_target[target] = _option(target, value) if isinstance(value, str) else ""
    out = {}
    for ff in form_fields():
        if ff.target.startswith("section:"):
            text = sections.get(titles[int(ff.target.split(":")[1])], "")
        else:
            text = by_target.get(ff.target, "")
        if ff.kind == "dropdown" and text and text not in options(ff) and ff.multiple is False:
            continue  # a value the form cannot show: the change keeps it
        if text:
            out[ff.id] = text
    return out


def prefill_url(
    practice: Practice,
    repo_url: str | None,
    unpublished: frozenset[str] = frozenset(),
    limit: int = URL_LIMIT,
) -> str | None:
    """The URL of the issue form prefilled with `practice`, within `limit`; None without a GitHub repo.

    A field naming an `unpublished` practice (related, replicated_from) is left out, so the public page
    does not show that id; left empty, the change keeps it.
    """
    if not repo_url:
        return None
    parts = urlsplit(repo_url)
    if parts.scheme != "https" or parts.hostname != "github.com" or parts.path.strip("/").count("/") != 1:
        return None
    title = str((practice.meta or {}).get("title") or practice.id)
    url = f"https://github.com/{parts.path.strip('/')}/issues/new?template={FORM_FILE}"
    url += "&title=" + quote(TITLE_PREFIX + title)
    labels = {ff.id: ff for ff in form_fields()}
    # the short fields first, then the sections from the shortest: the most fields for the URL's length
    items = sorted(
        answers(practice).items(), key=lambda kv: (labels[kv[0]].target.startswith("section:"), len(kv[1]))
    )
    for field_id, text in items:
        if labels[field_id].target in ("related", "replicated_from") and unpublished & set(text.split(", ")):
            continue
        # quoting never shortens a text: one that does not fit as it is is not quoted at all
        if len(url) + len(field_id) + 2 + len(text) > limit:
            continue
        piece = f"&{field_id}={quote(text)}"
        if len(url) + len(piece) <= limit:
            url += piece
    return url
