"""Checks of one practice file beyond its fields (place, name, body sections) and across the library."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from lumbung.diagnostics import Diagnostic, Hint
from lumbung.model import PRACTICE, PUBLISHED, REPLICATION
from lumbung.rules.schema import is_valid_id, kind_of, schema, suggest_id
from lumbung.vocabulary import closest, match_key, province_slug

if TYPE_CHECKING:
    from lumbung.model import Practice

# The opening of an ATX heading. Its title is cut by hand (see `heading`): the one expression that
# did it all, `(.+?)[ \t]*#*[ \t]*(?:\{...\})?$`, backtracked cubically on a run of spaces.
_HEADING_START_RE = re.compile(r"(#{1,6})[ \t]+(.+)")
FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")

# What each body section asks of the writer: the template shows it, and a file that still holds it
# was sent unfinished (see wordpaste).
SECTION_GUIDANCE = {
    "Latar Belakang": "Masalah apa yang dihadapi kantor Anda? Siapa yang terdampak dan seberapa besar?",
    "Langkah Pelaksanaan": (
        "Tulis langkah bernomor: apa yang dilakukan, oleh siapa, dengan alat apa, berapa lama."
    ),
    "Hasil": "Angka sebelum dan sesudah, dan sumber angkanya. Jangan cantumkan data pribadi pencari kerja.",
    "Pembelajaran": "Apa yang berhasil, apa yang tidak, apa yang akan Anda lakukan berbeda.",
    "Cara Mereplikasi": "Apa yang dibutuhkan kantor lain untuk meniru praktik ini?",
    "Background": "What problem did your office face? Who was affected, and how much?",
    "Implementation Steps": "Numbered steps: what was done, by whom, with which tools, how long.",
    "Results": "Figures before and after, and their source. No personal data of job seekers.",
    "Lessons Learned": "What worked, what did not, what you would do differently.",
    "How to Replicate": "What does another office need to copy this practice?",
}


def heading(line: str) -> tuple[int, str] | None:
    """(level, title) of an ATX heading line, without closing hashes and without a trailing
    attribute list such as `{ #id .class }`; None for any other line. Linear in the line."""
    m = _HEADING_START_RE.match(line) if line[:1] == "#" else None
    if m is None:
        return None
    text = m.group(2)
    first, rest = text[0], text[1:]  # the title keeps at least one character
    end = rest.rstrip(" \t")
    if end.endswith("}"):
        # `{...}` with no `}` inside, opened after the last other `}`: an attribute list
        opening = rest.find("{", rest.rfind("}", 0, len(end) - 1) + 1)
        if opening >= 0:
            end = rest[:opening]
    title = first + end.rstrip(" \t").rstrip("#").rstrip(" \t")
    return len(m.group(1)), title


def strip_comments(text: str) -> str:
    """`text` without HTML comments (`<!-- ... -->`), in one pass: once a comment is not closed,
    none after it can be (a lazy `<!--.*?-->` would rescan the rest of the text from each one)."""
    out, pos = [], 0
    while True:
        start = text.find("<!--", pos)
        end = text.find("-->", start + 4) if start >= 0 else -1
        if end < 0:
            out.append(text[pos:])
            return "".join(out)
        out.append(text[pos:start])
        pos = end + 3


def check_place(relpath: str, meta: dict | None, province_line: int | None = None) -> list[Diagnostic]:
    """File name is a valid id; the file sits in practices/<folder>/ (a replication report in
    practices/<folder>/replikasi/); the folder matches the province."""
    out: list[Diagnostic] = []
    parts = relpath.split("/")
    stem = parts[-1][:-3] if parts[-1].endswith(".md") else parts[-1]
    if not is_valid_id(stem):
        out.append(
            Diagnostic(
                relpath,
                "E107",
                params={"name": parts[-1]},
                hints=(Hint("rename_id", {"value": suggest_id(stem)}),),
            )
        )
    province = (
        (meta or {}).get("region", {}).get("province")
        if isinstance((meta or {}).get("region"), dict)
        else None
    )
    expected = province_slug(province) if isinstance(province, str) else None
    sub = schema(kind_of(relpath, meta)).folder  # replikasi for reports, None for practices
    inside = f"{sub}/{parts[-1]}" if sub else parts[-1]
    if len(parts) != (4 if sub else 3) or (sub and parts[2] != sub):
        hints = (Hint("move_file", {"path": f"practices/{expected}/{inside}"}),) if expected else ()
        out.append(Diagnostic(relpath, "E130" if sub else "E108", hints=hints))
    elif expected and parts[1] != expected:
        out.append(
            Diagnostic(
                relpath,
                "E402",
                line=province_line,
                field="region.province",
                params={"folder": parts[1], "province": province, "expected": expected},
                hints=(Hint("move_file", {"path": f"practices/{expected}/{inside}"}),),
            )
        )
    return out


def sections_of(body: str, body_line: int) -> tuple[list[tuple[str, int, bool]], list[int]]:
    """Level-2 sections as (title, line, has_content) and the lines of level-1 headings, outside code."""
    sections: list[tuple[str, int, list[str]]] = []
    h1_lines: list[int] = []
    fence: str | None = None
    current: list[str] | None = None
    for offset, line in enumerate(body.split("\n")):
        # the regular expressions only run on lines that can be a fence or a heading
        stripped = FENCE_RE.match(line) if line.lstrip(" \t")[:1] in ("`", "~") else None
        if fence is None and stripped:
            fence = stripped.group(1)[0] * 3
        elif fence is not None and line.strip().startswith(fence):
            fence = None
            if current is not None:
                current.append(line)
            continue
        if fence is None and not stripped:
            h = heading(line)
            if h and h[0] == 2:
                current = []
                sections.append((h[1].strip(), body_line + offset, current))
                continue
            if h and h[0] == 1:
                h1_lines.append(body_line + offset)
        if current is not None:
            current.append(line)
    result = []
    for title, start, content in sections:
        text = "\n".join(content)
        if "<!--" in text:
            text = strip_comments(text)
        # a section holding only subheadings, white space or comments is empty
        has_content = any(ln.strip() and heading(ln) is None for ln in text.split("\n"))
        result.append((title, start, has_content))
    return result, h1_lines


@cache
def _section_spec(language: str) -> tuple[list[str], list[str], dict[str, str]]:
    """Required and known section titles of a language, and the other languages' titles mapped to ours."""
    sections_by_lang = schema().sections
    spec = sections_by_lang.get(language) or sections_by_lang["id"]
    required = spec["required"]
    known = required + spec["optional"]
    # a heading in another language's words ("## Hasil" in an English practice) maps to ours
    translated = {
        title: known[i]
        for ospec in sections_by_lang.values()
        if ospec is not spec
        for i, title in enumerate(ospec["required"] + ospec["optional"])
        if i < len(known)
    }
    return required, known, translated


def check_body(relpath: str, body: str, body_line: int, language: str) -> list[Diagnostic]:
    """Required level-2 sections present, in order, non-empty; optional ones after them."""
    required, known, translated = _section_spec(language)
    out: list[Diagnostic] = []
    sections, h1_lines = sections_of(body, body_line)
    for line in h1_lines:
        out.append(Diagnostic(relpath, "W305", line=line, hints=(Hint("remove_h1"),)))
    seen: dict[str, int] = {}
    last_index, last_title = -1, None
    for title, line, has_content in sections:
        if title not in known:
            near = translated.get(title)
            if near:
                hints = (Hint("section_language", {"language": language, "value": near}),)
            else:
                near = closest(title, known, cutoff=0.6)
                hints = (
                    (Hint("did_you_mean", {"value": near}),)
                    if near
                    else (Hint("known_sections", {"values": ", ".join(known)}),)
                )
            if near is not None and near in required and near not in (t for t, _, _ in sections):
                # a misspelt required heading: report it as missing, pointing at the misspelling
                out.append(Diagnostic(relpath, "E301", line=line, params={"section": near}, hints=hints))
                seen[near] = line
            else:
                out.append(Diagnostic(relpath, "W304", line=line, params={"section": title}, hints=hints))
            continue
        if title in seen:
            out.append(Diagnostic(relpath, "E306", line=line, params={"section": title}))
            continue
        seen[title] = line
        index = known.index(title)
        if index < last_index:
            out.append(
                Diagnostic(
                    relpath,
                    "E302",
                    line=line,
                    params={"section": last_title, "after": title},
                    hints=(Hint("section_order", {"order": " → ".join(known)}),),
                )
            )
        else:
            last_index, last_title = index, title
        if not has_content:
            hint = (Hint("fill_required_section"),) if title in required else (Hint("fill_section"),)
            out.append(Diagnostic(relpath, "E303", line=line, params={"section": title}, hints=hint))
    end_line = body_line + body.count("\n")
    for title in required:
        if title not in seen:
            out.append(
                Diagnostic(
                    relpath,
                    "E301",
                    line=end_line,
                    params={"section": title},
                    hints=(Hint("add_section", {"section": title}),),
                )
            )
    return out


def check_report_body(relpath: str, body: str, body_line: int, kind: str = REPLICATION) -> list[Diagnostic]:
    """A replication report's body is optional and short: a few sentences, no required sections."""
    limit = schema(kind).body_max
    length = len(re.sub(r"<!--.*?-->", "", body, flags=re.S).strip())
    if limit is not None and length > limit:
        params = {"length": length, "max": limit}
        return [Diagnostic(relpath, "E330", line=body_line, params=params, hints=(Hint("report_body"),))]
    return []


def check_library(practices: Iterable[Practice]) -> list[Diagnostic]:
    """Checks across files: unique ids, references that resolve, redirects that do not collide;
    replication reports name a published practice, once per office."""
    documents = list(practices)
    practices = [p for p in documents if p.kind == PRACTICE]
    out: list[Diagnostic] = []
    by_id: dict[str, list[Practice]] = defaultdict(list)
    for p in documents:
        by_id[p.id].append(p)
    for pid, group in by_id.items():
        if len(group) < 2:
            continue
        for p in group:  # every copy is reported, so each file's own check shows the clash
            other = group[1] if p is group[0] else group[0]
            params = {"id": pid, "other": other.relpath}
            out.append(Diagnostic(p.relpath, "E401", params=params, hints=(Hint("unique_id"),)))
    practice_ids: dict[str, Practice] = {}
    for p in practices:
        practice_ids.setdefault(p.id, p)
    out += _check_reports([d for d in documents if d.kind == REPLICATION], practice_ids)
    redirects: dict[str, Practice] = {}
    for p in practices:
        meta = p.meta or {}
        refs: list[tuple[str, str]] = []
        if isinstance(meta.get("replicated_from"), str):
            refs.append(("replicated_from", meta["replicated_from"]))
        if isinstance(meta.get("related"), list):
            refs += [(f"related[{i}]", r) for i, r in enumerate(meta["related"]) if isinstance(r, str)]
        for fieldname, ref in refs:
            line = p.field_lines.get(fieldname)
            if ref == p.id:
                out.append(Diagnostic(p.relpath, "E405", line=line, field=fieldname))
            elif ref not in practice_ids:
                near = closest(ref, list(practice_ids), cutoff=0.7)
                hints = (Hint("did_you_mean", {"value": near}),) if near else (Hint("existing_id"),)
                out.append(
                    Diagnostic(
                        p.relpath, "E403", line=line, field=fieldname, params={"value": ref}, hints=hints
                    )
                )
            elif p.status == PUBLISHED and practice_ids[ref].status != PUBLISHED:
                out.append(
                    Diagnostic(
                        p.relpath,
                        "W406",
                        line=line,
                        field=fieldname,
                        params={"value": ref, "status": practice_ids[ref].status},
                        hints=(Hint("link_draft"),),
                    )
                )
        if isinstance(meta.get("redirect_from"), list):
            for i, old in enumerate(meta["redirect_from"]):
                if not isinstance(old, str):
                    continue
                fieldname = f"redirect_from[{i}]"
                line = p.field_lines.get(fieldname)
                if old == p.id:
                    out.append(Diagnostic(p.relpath, "E405", line=line, field=fieldname))
                elif old in by_id or old in redirects:
                    # the old address is another practice's id, or an earlier practice redirects it
                    other = by_id[old][0] if old in by_id else redirects[old]
                    out.append(
                        Diagnostic(
                            p.relpath,
                            "E404",
                            line=line,
                            field=fieldname,
                            params={"value": old, "other": other.relpath},
                            hints=(Hint("remove_redirect"),),
                        )
                    )
                else:
                    redirects[old] = p
    return out


def _check_reports(reports: list[Practice], practice_ids: dict[str, Practice]) -> list[Diagnostic]:
    """`replicates` names a published practice, not the report itself; one report per office and practice."""
    out: list[Diagnostic] = []
    seen: dict[tuple[str, str], Practice] = {}
    for r in sorted(reports, key=lambda r: (str(r.get("date") or ""), r.relpath)):
        ref, line = r.get("replicates"), r.field_lines.get("replicates")
        if not isinstance(ref, str):
            continue
        if ref == r.id:
            out.append(Diagnostic(r.relpath, "E405", line=line, field="replicates"))
        elif ref not in practice_ids:
            near = closest(ref, list(practice_ids), cutoff=0.7)
            hints = (Hint("did_you_mean", {"value": near}),) if near else (Hint("existing_id"),)
            out.append(
                Diagnostic(
                    r.relpath, "E403", line=line, field="replicates", params={"value": ref}, hints=hints
                )
            )
        elif practice_ids[ref].status != PUBLISHED:
            params = {"value": ref, "status": practice_ids[ref].status}
            hints = (Hint("replicate_published"),)
            out.append(
                Diagnostic(r.relpath, "E430", line=line, field="replicates", params=params, hints=hints)
            )
        office = r.get("office")
        if isinstance(office, str) and office.strip():
            key = (ref, match_key(office))
            if key in seen:
                params = {"value": ref, "other": seen[key].relpath}
                line = r.field_lines.get("office")
                out.append(
                    Diagnostic(
                        r.relpath,
                        "W431",
                        line=line,
                        field="office",
                        params=params,
                        hints=(Hint("one_report"),),
                    )
                )
            else:
                seen[key] = r
    return out
