"""Artefacts generated from the schema: JSON Schema, the practice template, the field reference."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lumbung.model import PRACTICE, REPLICATION
from lumbung.record import ONGOING
from lumbung.rules.checks import SECTION_GUIDANCE
from lumbung.rules.schema import (
    EMAIL_RE,
    ID_MAX,
    ID_MIN,
    ID_RE,
    NUMBER_LIMIT,
    YEARMONTH_RE,
    Field,
    schema,
)
from lumbung.vocabulary import NATIONAL, regions, vocabulary

# ---------------------------------------------------------------------------------------------
# JSON Schema
# ---------------------------------------------------------------------------------------------


def _json_type(f: Field, lang: str) -> dict[str, Any]:
    desc = f.help_en if lang == "en" and f.help_en else f.help
    out: dict[str, Any] = {"title": f.label, "description": desc} if f.label else {}
    t = f.type
    if t in ("string", "text", "regency"):
        out["type"] = "string"
        if f.min_length:
            out["minLength"] = f.min_length
        if f.max_length:
            out["maxLength"] = f.max_length
        if t == "regency":
            out["examples"] = ["Kota Palembang", "Kabupaten Lahat"]
    elif t == "date":
        out["type"] = "string"
        out["format"] = "date"
    elif t == "yearmonth":
        out.update(type="string", pattern=YEARMONTH_RE.pattern)
    elif t == "yearmonth-or-ongoing":
        out["anyOf"] = [{"type": "string", "pattern": YEARMONTH_RE.pattern}, {"const": ONGOING}]
    elif t == "enum":
        vocab = vocabulary(f.vocabulary)
        out["enum"] = list(vocab.values)
        out["markdownEnumDescriptions"] = list(vocab.values.values())
    elif t == "number":
        out.update(type="number", minimum=-NUMBER_LIMIT, maximum=NUMBER_LIMIT)  # E225 beyond
    elif t == "integer":
        out["type"] = "integer"
        if f.min is not None:
            out["minimum"] = f.min
    elif t == "email":
        out.update(type="string", pattern=EMAIL_RE.pattern)
    elif t == "practice-id":
        out.update(type="string", pattern=ID_RE.pattern, minLength=ID_MIN, maxLength=ID_MAX)
    elif t == "path":
        out.update(type="string", pattern=r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!/)(?!.*(^|/)\.\.(/|$)).+$")
    elif t == "province":
        names = [NATIONAL] + [p.name for p in regions().provinces]
        names += [a for p in regions().provinces for a in p.aliases]
        out["enum"] = names
    elif t == "list":
        out["type"] = "array"
        out["items"] = _json_type(f.element, lang)
        if f.min_items:
            out["minItems"] = f.min_items
        if f.max_items:
            out["maxItems"] = f.max_items
        if f.unique:
            out["uniqueItems"] = True
    elif t == "object":
        out["type"] = "object"
        out["properties"] = {name: _json_type(sub, lang) for name, sub in f.fields.items()}
        required = [name for name, sub in f.fields.items() if sub.required]
        if required:
            out["required"] = required
        out["additionalProperties"] = False
    return out


def json_schema(lang: str = "id", kind: str = PRACTICE) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the front matter of a practice, or of a replication report."""
    body = _json_type(schema(kind).root, lang)
    body.pop("title", None)
    if kind == REPLICATION:
        body["properties"]["kind"]["const"] = REPLICATION
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://lumbung-praktik.example/schema/replication-v1.json",
            "title": f"Laporan replikasi Lumbung Praktik (skema v{schema(kind).version})",
            **body,
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://lumbung-praktik.example/schema/practice-v1.json",
        "title": f"Praktik baik Lumbung Praktik (skema v{schema().version})",
        **body,
        "dependentRequired": {"cover_image": ["cover_alt"]},
    }


# ---------------------------------------------------------------------------------------------
# Vocabulary listings
# ---------------------------------------------------------------------------------------------


def vocab_rows(name: str, province: str | None = None) -> list[tuple[str, str]]:
    """Rows (value, label) for `lumbung vocab`."""
    if name == "provinces":
        rows = [(NATIONAL, "")]
        rows += [
            (p.name, f"{p.code}  {p.slug}" + (f"  (juga: {', '.join(p.aliases)})" if p.aliases else ""))
            for p in regions().provinces
        ]
        return rows
    if name == "regencies":
        prov = regions().province(province or "")
        if prov is None:
            raise KeyError(f"provinsi '{province}' tidak dikenal; lihat: lumbung vocab provinces")
        return [(n, code) for n, code in sorted(prov.regencies.items(), key=lambda kv: kv[1])]
    vocab = vocabulary(name)
    return list(vocab.values.items())


# ---------------------------------------------------------------------------------------------
# The practice template
# ---------------------------------------------------------------------------------------------


def _yaml_scalar(value: Any) -> str:
    import json

    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if (
        text == ""
        or any(c in text for c in ":#{}[],&*?|<>=!%@`'\"")
        or text.strip() != text
        or text.lower()
        in (
            "yes",
            "no",
            "on",
            "off",
            "true",
            "false",
            "null",
            "~",
            "y",
            "n",
        )
        or text[0] in "-0123456789"
    ):
        return json.dumps(text, ensure_ascii=False)
    return text


def _yaml_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_scalar(v) for v in value) + "]"
    return _yaml_scalar(value)


def render_front_matter(
    values: dict[str, Any], with_guidance: bool = True, optional_examples: bool = False, kind: str = PRACTICE
) -> str:
    """YAML header text for `values` in schema order, with a short Indonesian comment per field.

    With `optional_examples`, the optional fields not in `values` follow as commented-out examples
    that are valid once uncommented (the `lumbung new` template).
    """
    lines = ["---"]
    for name, f in schema(kind).fields.items():
        if name not in values:
            continue
        value = values[name]
        comment = f"  # {f.help}" if with_guidance and f.help else ""
        if f.type == "object" and isinstance(value, dict):
            lines.append(f"{name}:{comment}")
            for sub, subf in f.fields.items():
                if sub in value and value[sub] is not None:
                    sc = f"  # {subf.help}" if with_guidance and subf.help else ""
                    lines.append(f"  {sub}: {_yaml_value(value[sub])}{sc}")
        elif f.type == "list" and f.items and f.items.type == "object" and isinstance(value, list):
            lines.append(f"{name}:{comment}")
            for item in value:
                first = True
                for sub in f.items.fields:
                    if sub in item and item[sub] is not None:
                        prefix = "  - " if first else "    "
                        lines.append(f"{prefix}{sub}: {_yaml_value(item[sub])}")
                        first = False
        elif f.type == "text" and isinstance(value, str):
            lines.append(f"{name}: >-{comment}")
            lines.extend("  " + ln for ln in _wrap(value))
        else:
            lines.append(f"{name}: {_yaml_value(value)}{comment}")
    if optional_examples:
        lines.extend(_optional_examples(values, kind))
    lines.append("---")
    return "\n".join(lines) + "\n"


OPTIONAL_INTRO = "# Kolom opsional: hapus tanda '# ' di awal baris untuk memakainya, lalu ganti contohnya."


def _optional_examples(values: dict[str, Any], kind: str = PRACTICE) -> list[str]:
    """Commented-out example lines for every optional field not in `values`, in schema order."""
    lines = ["", OPTIONAL_INTRO]
    for name, f in schema(kind).fields.items():
        if name in values or f.required or not f.template:
            continue
        comment = f"  # {f.help}" if f.help else ""
        if f.type == "object":
            lines.append(f"# {name}:{comment}")
            subs = [(sub, subf) for sub, subf in f.fields.items() if subf.example is not None]
            lines.extend(f"#   {sub}: {_yaml_value(subf.example)}" for sub, subf in subs)
        elif f.type == "list" and f.items is not None and f.items.type == "object":
            lines.append(f"# {name}:{comment}")
            subs = [(sub, subf) for sub, subf in f.items.fields.items() if subf.example is not None]
            for i, (sub, subf) in enumerate(subs):
                lines.append(f"#   {'- ' if i == 0 else '  '}{sub}: {_yaml_value(subf.example)}")
        elif f.example is not None:
            lines.append(f"# {name}: {_yaml_value(f.example)}{comment}")
    return lines


def _wrap(text: str, width: int = 96) -> list[str]:
    import textwrap

    # never break at a hyphen: a folded scalar would turn "satu-dua" into "satu- dua"
    words = " ".join(text.split())
    return textwrap.wrap(words, width, break_on_hyphens=False, break_long_words=False) or [""]


def render_body(language: str = "id", with_guidance: bool = True) -> str:
    """The required sections (and 'Cara Mereplikasi'), each with a guidance comment."""
    spec = schema().sections[language]
    titles = spec["required"] + spec["optional"][:1]
    parts = []
    for title in titles:
        guidance = SECTION_GUIDANCE.get(title, "")
        parts.append(
            f"## {title}\n\n<!-- {guidance} -->\n" if with_guidance and guidance else f"## {title}\n\n"
        )
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------
# Field reference (a page of the site and of CONTRIBUTING)
# ---------------------------------------------------------------------------------------------


def _type_label(f: Field) -> str:
    return {
        "string": "teks",
        "text": "teks",
        "date": "tanggal YYYY-MM-DD",
        "yearmonth": "bulan YYYY-MM",
        "yearmonth-or-ongoing": "bulan YYYY-MM atau berjalan",
        "enum": "pilihan",
        "number": "angka",
        "integer": "bilangan bulat",
        "email": "surel",
        "practice-id": "id praktik",
        "path": "jalur berkas",
        "province": "provinsi",
        "regency": "kabupaten/kota",
        "list": "daftar",
        "object": "kumpulan kolom",
    }[f.type]


def reference_markdown(kind: str = PRACTICE) -> str:
    """Markdown table of every field of a kind of document, generated from its schema."""
    rows = ["| Kolom | Wajib | Jenis | Keterangan | Contoh |", "|---|---|---|---|---|"]

    def add(prefix: str, f: Field, name: str) -> None:
        key = f"{prefix}{name}"
        kind = _type_label(f)
        if f.type == "list" and f.items is not None:
            kind = f"daftar {_type_label(f.items)}"
        vocab_name = f.vocabulary or (f.items.vocabulary if f.items is not None else None)
        if vocab_name:
            vocab = vocabulary(vocab_name)
            kind += " (" + ", ".join(f"`{v}`" for v in vocab.values) + ")"
        example = "" if f.example is None else f"`{_yaml_value(f.example)}`"
        wajib = "ya" if f.required else ("bila ada `" + f.required_with + "`" if f.required_with else "")
        cell = f.help.replace("|", "\\|")  # a bare pipe would split the table cell
        rows.append(f"| `{key}` | {wajib} | {kind} | {cell} | {example} |")
        children = f.fields or (f.items.fields if f.items is not None else {})
        for sub, subf in children.items():
            add(key + ("[]." if f.type == "list" else "."), subf, sub)

    for name, f in schema(kind).fields.items():
        add("", f, name)
    if kind != PRACTICE:
        rows.append("")
        rows.append(
            f"Isi sesudah header boleh kosong: beberapa kalimat, paling banyak {schema(kind).body_max} "
            "karakter, tanpa bagian wajib."
        )
        return "\n".join(rows) + "\n"
    sec = schema().sections
    rows.append("")
    rows.append(
        "Bagian isi (judul tingkat 2, berurutan): "
        + ", ".join(f"`## {t}`" for t in sec["id"]["required"])
        + "; opsional sesudahnya: "
        + ", ".join(f"`## {t}`" for t in sec["id"]["optional"])
        + "."
    )
    return "\n".join(rows) + "\n"
