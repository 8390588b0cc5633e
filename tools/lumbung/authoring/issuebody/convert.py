"""An issue body turned into a practice file and checked as if it were already in the library.

`convert()` parses the issue (`parse`), renders the practice file, loads it with the validator's
own loader and runs the cross-file checks against the library, then reports every diagnostic
against the form field (or text-area line, or body section) a contributor edits to fix it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lumbung.authoring.artefacts import render_front_matter
from lumbung.authoring.formfields import form_fields, label_of
from lumbung.authoring.issuebody import update
from lumbung.authoring.issuebody.parse import ParsedIssue, parse_issue
from lumbung.authoring.issuebody.photos import Fetcher, Photos, PhotoStore, alt_text, attachment_url
from lumbung.authoring.issuebody.problem import Problem
from lumbung.diagnostics import Diagnostic, Hint
from lumbung.rules.checks import check_library
from lumbung.rules.schema import schema, suggest_id
from lumbung.source.loader import Loader, load_file
from lumbung.vocabulary import province_slug, regions

# GitHub's own limit for an issue body, in characters: a larger text cannot come from an issue,
# and refusing it unread keeps one submission from tying up the issue-to-pull-request job.
MAX_BODY_CHARS = 65_536

# Validator codes that only repeat a problem already reported against the same form field.
_CONSEQUENCES = {"E201", "E211", "E301", "E303"}


@dataclass
class Conversion:
    """The outcome of turning an issue into a practice file."""

    relpath: str
    practice_id: str
    text: str
    problems: list[Problem]
    written: bool = False
    files: dict[str, bytes] = dataclasses.field(default_factory=dict)  # photos: path from root -> content

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def render_practice(parsed: ParsedIssue) -> str:
    """The practice file text: front matter without guidance comments, then the sections."""
    spec = schema().sections[parsed.values.get("language", "id")]
    parts = []
    for title, _label, text in parsed.sections:
        if text or title in spec["required"]:
            parts.append(f"## {title}\n\n" + (f"{text}\n" if text else ""))
    return render_front_matter(parsed.values, with_guidance=False) + "\n" + "\n".join(parts)


def field_label(path: str | None) -> str | None:
    """The form label for a validator field path such as 'outcomes[1].value' (None if not on the form)."""
    key = re.sub(r"\[\d+\]", "", path or "")
    by_target = {ff.target: ff for ff in form_fields()}
    while key:
        if key in by_target:
            return label_of(by_target[key])
        key = key.rpartition(".")[0]
    return None


def _section_headings(text: str) -> list[str | None]:
    """For each line of the practice file (from 1), the level-2 heading it sits under."""
    out: list[str | None] = [None]
    heading = None
    for ln in text.split("\n"):
        if ln.startswith("## "):
            heading = ln[3:].strip()
        out.append(heading)
    return out


def _section_label(headings: list[str | None], line: int | None, parsed: ParsedIssue) -> str | None:
    """The form label of the body section that holds file line `line`."""
    if not line:
        return None
    heading = headings[min(line, len(headings) - 1)]
    return next((label for title, label, _ in parsed.sections if title == heading), None)


# Hints that speak of files, YAML or the command line, which mean nothing in an issue form.
_FILE_HINTS = {"see_command", "move_file", "quote_it", "rename_id", "remove_before", "header_start"}


def _from_diagnostic(d: Diagnostic, headings: list[str | None], parsed: ParsedIssue) -> Problem:
    label = field_label(d.field) or _section_label(headings, d.line, parsed)
    line = None
    m = re.match(r"^([a-z_.]+?)\[(\d+)\]", d.field or "")
    if m and m.group(1) in parsed.item_lines:  # an item of a text area: name its line
        items, index = parsed.item_lines[m.group(1)], int(m.group(2))
        line = items[index] if index < len(items) else None
    hints: tuple[Hint, ...] = ()
    if d.code in ("E107", "E401", "E218") and not d.field:
        label = _title_label()
        hints = (Hint("new_title"),) if d.code == "E401" else ()
    if d.code == "E513":  # an image from another site: upload it to the issue instead
        hints = (Hint("photo_upload"),)
    d = dataclasses.replace(d, hints=tuple(h for h in d.hints if h.key not in _FILE_HINTS))
    return Problem(d.code, label or "", line, severity=d.severity, hints=hints, diagnostic=d)


def _title_label() -> str:
    return next(label_of(ff) for ff in form_fields() if ff.target == "title")


def _photos(parsed: ParsedIssue, fetch: Fetcher | None, root: Path, folder: str, pid: str) -> Photos:
    """Store the attached photos and point the sections and the cover at the stored files."""
    base = root / folder
    taken = (
        {p.relative_to(base).as_posix() for p in (base / "foto").glob("*")}
        if (base / "foto").is_dir()
        else set()
    )
    store = PhotoStore(fetch, folder, pid, taken)
    parsed.sections = [(title, label, store.rewrite(text, label)) for title, label, text in parsed.sections]
    if parsed.cover:
        label = next(label_of(ff) for ff in form_fields() if ff.target == "cover_image")
        url, alt = parsed.cover
        if not attachment_url(url):
            store.result.problems.append(Problem("F110", label, hints=(Hint("photo_upload"),)))
        else:
            path = store.path_for(url, label, name="sampul")
            if path:
                parsed.values["cover_image"] = path
                if not parsed.values.get("cover_alt") and alt_text(alt):
                    parsed.values["cover_alt"] = alt_text(alt)
    return store.result


def convert(
    body: str, root: str | Path, today: dt.date, overwrite: bool = False, fetch: Fetcher | None = None
) -> Conversion:
    """Parse an issue body and check the practice it becomes, as if it were in the library at `root`.

    Attached photos are fetched with `fetch` (None: reported as not fetched). Nothing is written:
    the caller writes `text` to `root / relpath` and `files` beside it when it wants to.
    """
    if len(body) > MAX_BODY_CHARS:
        limit = MAX_BODY_CHARS // 1024
        params = {"size": -(-len(body.encode("utf-8", "surrogatepass")) // 1024), "limit": limit}
        problem = Problem("F114", "", params=params, hints=(Hint("issue_size", {"limit": limit}),))
        return Conversion(
            f"practices/{regions().national_slug}/praktik-baru.md", "praktik-baru", "", [problem]
        )
    parsed = parse_issue(body, today)
    root = Path(root)
    library = Loader(root).load(today=today).practices
    existing, found = update.find(parsed, library) if parsed.update else (None, [])
    if existing is not None:  # a change: the file keeps its path and id, empty answers keep old values
        update.merge(parsed, existing)
        relpath, pid = existing.relpath, existing.id
        slug = relpath.split("/")[1]
    else:
        pid = suggest_id(parsed.title) if parsed.title else "praktik-baru"
        slug = province_slug(parsed.province or "") or regions().national_slug
        relpath = f"practices/{slug}/{pid}.md"
    photos = _photos(parsed, fetch, root, f"practices/{slug}", pid)
    problems = list(parsed.problems) + found + photos.problems
    text = render_practice(parsed)
    if existing is None and (root / relpath).exists() and not overwrite:
        problems.append(Problem("F107", _title_label(), params={"path": relpath}, hints=(Hint("new_title"),)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / relpath
        path.parent.mkdir(parents=True)
        if existing is not None:  # the files the practice already links to (photos, documents)
            for other in (root / "practices" / slug).rglob("*"):
                if other.is_file() and not other.is_symlink() and other.suffix != ".md":
                    target = Path(tmp) / other.relative_to(root)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(other.read_bytes())
        path.write_text(text, encoding="utf-8")
        for rel, content in photos.files.items():
            (Path(tmp) / rel).parent.mkdir(parents=True, exist_ok=True)
            (Path(tmp) / rel).write_bytes(content)
        practice = load_file(path, Path(tmp), today)
    others = [p for p in library if p.relpath != relpath]
    cross = [
        d
        for d in check_library(others + [practice])
        if d.path == relpath or relpath in (str(v) for v in d.params.values())
    ]
    seen = {p.field for p in problems}
    headings = _section_headings(text)
    for d in practice.diagnostics + cross:
        problem = _from_diagnostic(d, headings, parsed)
        if d.code in _CONSEQUENCES and problem.field in seen:
            continue
        problems.append(problem)
    order = {label_of(ff): i for i, ff in enumerate(form_fields())}
    problems.sort(key=lambda p: (order.get(p.field, -1), p.line or 0))
    return Conversion(relpath, pid, text, problems, files=photos.files)
