"""Finding, reading and checking practice files: the one pipeline behind the CLI, the site and search.

Every file under practices/ ending in .md is a practice: it is either loaded or reported, never
skipped silently; every other file goes through the same gate (`gate`), whether `lumbung validate`
or the MkDocs build asks. Parsed files are cached by stamp (mtime, size) so `mkdocs serve` rebuilds and
repeated CLI runs only re-read what changed; large libraries are parsed on all cores.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import hashlib
import os
import stat
import traceback
from collections.abc import Iterable
from pathlib import Path

from lumbung import background, record
from lumbung.diagnostics import Diagnostic, Hint, fmt_path
from lumbung.formats.frontmatter import parse as parse_header
from lumbung.model import PRACTICE, PRACTICES_DIR, REF_FIELDS, Library, Practice
from lumbung.rules import duplicates, wordpaste
from lumbung.rules.checks import check_body, check_library, check_place, check_report_body
from lumbung.rules.fields import FieldChecker
from lumbung.rules.limits import check_limits
from lumbung.rules.safety import check_content
from lumbung.rules.schema import kind_of
from lumbung.source import gate

MAX_FILE_BYTES = 1024 * 1024


def find_project_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above `start` that holds mkdocs.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return None


def discover(root: Path, paths: Iterable[Path] | None = None) -> list[Path]:
    """Practice files (*.md) under the given files/folders, default root/practices, sorted."""
    targets = list(paths) if paths else [root / PRACTICES_DIR]
    found: set[Path] = set()
    for target in targets:
        target = Path(target)
        if target.is_dir():
            found.update(
                Path(entry.path)
                for entry, _, hidden in gate.walk(target)
                if not hidden and entry.name.endswith(".md")
            )
        elif paths:  # a named file is checked even if it is not *.md; a missing default folder is empty
            found.add(target)
    return sorted(found)


def relpath_of(path: Path, root: Path) -> str:
    try:
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _guess_encoding(data: bytes) -> str:
    for name, label in (("cp1252", "Windows-1252 (ANSI)"), ("latin-1", "ISO-8859-1")):
        try:
            data.decode(name)
            return label
        except UnicodeDecodeError:
            continue
    return "bukan UTF-8"


def read_text(path: Path, root: Path, relpath: str) -> tuple[str | None, list[Diagnostic]]:
    """The file's text as MkDocs reads it (utf-8-sig, universal newlines), or diagnostics why not."""
    try:
        # A link is never followed: it could lead to .git/config, /proc/self/environ or /dev/zero, and
        # MkDocs would publish a second copy of whatever it points at.
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            return None, [Diagnostic(relpath, "E106", hints=(Hint("no_symlink"),))]
        if not stat.S_ISREG(mode):  # a FIFO or a device would block the read
            return None, [
                Diagnostic(relpath, "E101", params={"error": "bukan berkas biasa"}, hints=(Hint("readable"),))
            ]
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                Diagnostic(
                    relpath,
                    "E105",
                    params={"size": size // 1024, "limit": MAX_FILE_BYTES // 1024},
                    hints=(Hint("split_file"),),
                )
            ]
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return None, [
            Diagnostic(
                relpath,
                "E101",
                params={"error": exc.strerror or type(exc).__name__},
                hints=(Hint("readable"),),
            )
        ]
    if not data.strip():
        return None, [Diagnostic(relpath, "E104", hints=(Hint("fill_header"),))]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        return None, [Diagnostic(relpath, "E103", hints=(Hint("save_utf8"),))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Diagnostic(
                relpath,
                "E102",
                line=line,
                params={"offset": exc.start},
                hints=(Hint("encoding_guess", {"encoding": _guess_encoding(data)}),),
            )
        ]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


# Field paths whose lines the cross-file checks need after the YAML node tree is dropped.
_LINE_FIELDS = (*REF_FIELDS, "replicates", "office")


def _internal_error(relpath: str, exc: BaseException) -> Diagnostic:
    """A bug of ours, reported against the file; the traceback travels along for `--debug`."""
    return Diagnostic(
        relpath,
        "E900",
        params={"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()},
        hints=(Hint("internal"),),
    )


def load_file(path: Path, root: Path, today: dt.date) -> Practice:
    """Read, parse and check one file on its own. Never raises: problems, even our bugs, are diagnostics."""
    relpath = relpath_of(path, root)
    pid = path.name[:-3] if path.name.endswith(".md") else path.name
    try:
        return _load_file(path, root, today, relpath, pid)
    except Exception as exc:  # a bug of ours must not lose the file or the run
        return Practice(
            pid, relpath, None, "", 1, [_internal_error(relpath, exc)], kind=kind_of(relpath, None)
        )


def _load_file(path: Path, root: Path, today: dt.date, relpath: str, pid: str) -> Practice:
    stamp = gate.stamp_of(path)  # taken before the read: a file changed meanwhile is read again next time
    text, diags = read_text(path, root, relpath)
    if text is None:
        return Practice(
            pid,
            relpath,
            None,
            "",
            1,
            diags + check_place(relpath, None),
            stamp=stamp,
            kind=kind_of(relpath, None),
        )
    header = parse_header(text, relpath)
    practice = Practice(
        pid,
        relpath,
        header.data,
        header.body,
        header.body_line,
        list(header.diagnostics),
        stamp=stamp,
        kind=kind_of(relpath, header.data),
    )
    data = header.data
    if data is not None:
        practice.header_digest = hashlib.blake2b(header.source.encode("utf-8", "surrogatepass")).hexdigest()
    if data is None:
        practice.diagnostics += check_place(relpath, None)
        practice.diagnostics = wordpaste.refine(relpath, text, "", 0, None, practice.diagnostics)
        return practice
    try:
        kind = kind_of(relpath, data)
        practice.diagnostics += FieldChecker(header, relpath, today, kind).check(data)
        practice.diagnostics += check_place(relpath, data, header.line_of(("region", "province")))
        limits = check_limits(relpath, header.body, header.body_line)
        if limits:
            # A body past the limits is refused as it is: the other checks of the body are not
            # promised to be linear on such a shape, and the file will not be published anyway.
            practice.diagnostics += limits
            header = dataclasses.replace(header, body="")
        elif kind == PRACTICE:
            practice.diagnostics += check_body(relpath, header.body, header.body_line, practice.language)
        else:
            practice.diagnostics += check_report_body(relpath, header.body, header.body_line, kind)
        practice.diagnostics += check_content(path, relpath, header, root, practice.refs)
        for name in _LINE_FIELDS:
            value = data.get(name)
            if name in data:
                practice.field_lines[name] = header.line_of((name,))
            if isinstance(value, list):
                for i in range(len(value)):
                    practice.field_lines[fmt_path((name, i))] = header.line_of((name, i))
        summary = data.get("summary")
        practice.diagnostics = wordpaste.refine(
            relpath, text, header.body, header.body_line, summary, practice.diagnostics
        )
        if kind == PRACTICE:
            practice.fragments = duplicates.fingerprint(practice)
        if not practice.has_errors:  # the checks passed: from here on the header is a typed record
            practice.record = record.build(kind, data)
    except Exception as exc:  # a bug of ours must not lose the file: report it against the file
        practice.diagnostics.append(_internal_error(relpath, exc))
    return practice


def _load_files(paths: list[str], root: str, today: dt.date) -> list[Practice]:
    """load_file over many files (the function background.parallel_map runs in each worker)."""
    # Loading allocates many small containers that all stay alive, so the cyclic collector would only
    # rescan them over and over (5-10% of the time); anything cyclic is collected once it is back on.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return [load_file(Path(p), Path(root), today) for p in paths]
    finally:
        if enabled:
            gc.enable()


class Loader:
    """Loads a library, re-reading only files whose stamp changed since the last load.

    The parsed files are kept by path with the stamp (mtime, size) they were read at, like Pelican's
    FileStampDataCacher; the cache holds only the files of the last load, so under `mkdocs serve` it
    stays the size of the library however many edits, renames and deletions come. `read` lists the
    files the last load actually read.
    """

    def __init__(self, root: Path, workers: int | None = None):
        self.root = Path(root).resolve()
        self.workers = workers if workers is not None else background.cores()
        self._cache: dict[Path, Practice] = {}
        self._cache_day: dt.date | None = None
        self.read: list[Path] = []

    def load(self, paths: Iterable[Path] | None = None, today: dt.date | None = None) -> Library:
        """The whole library through the gate; with `paths`, only what lies at those files/folders is
        reported, but checked against the whole library (links and ids must resolve among all)."""
        today = today or dt.date.today()
        if today != self._cache_day:  # checks of dates ("in the future") depend on the day
            self._cache.clear()
            self._cache_day = today
        found = gate.scan(self.root)  # absolute, normalised paths (the walk starts at the resolved root)
        stamps, context = found.stamps, found.pages
        files = [Path(os.path.abspath(f)) for f in discover(self.root, paths)] if paths else context
        if paths:
            context = sorted(set(files).union(context))
        self.read = []
        for f in context:
            cached = self._cache.get(f)
            stamp = stamps[f] if f in stamps else gate.stamp_of(f)
            if cached is None or not stamp or cached.stamp != stamp:
                self.read.append(f)
        parsed = background.parallel_map(
            _load_files, [str(f) for f in self.read], str(self.root), today, workers=self.workers
        )
        fresh = dict(zip(self.read, parsed, strict=True))
        self._cache = {f: fresh.get(f) or self._cache[f] for f in context}  # files gone leave the cache
        everything = list(self._cache.values())
        per_file = [d for p in everything for d in p.diagnostics]
        site = gate.check_site(everything, per_file + check_library(everything) + found.diagnostics, found)
        practices = [self._cache[f] for f in files]
        diagnostics = site.diagnostics
        if paths:
            named = [relpath_of(Path(p), self.root).rstrip("/") for p in paths]
            diagnostics = [
                d for d in diagnostics if any(d.path == n or d.path.startswith(n + "/") for n in named)
            ]
        return Library(self.root, practices, diagnostics, site.files)


def load_library(root: Path, paths: Iterable[Path] | None = None, today: dt.date | None = None) -> Library:
    """One-shot load of the library at `root` (or of the given files/folders)."""
    return Loader(root).load(paths, today)
