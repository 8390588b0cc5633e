"""The search index: whoosh 2.7 in .lumbung-cache/index/, kept up to date file by file.

This is the only module that imports whoosh. We pin Whoosh-Reloaded==2.7.5: the frozen 2.7 API with
fixes over Whoosh 2.7.4 and the same index format (whoosh-ng writes an incompatible index).

whoosh analyses per field, but our practices pick their language per file, so documents arrive
pre-analysed: analysis.tokens() runs in the practice's own language (in worker processes when many
files change) and whoosh only splits the resulting terms on spaces. Positions are not kept (they
cost a third of the build time): a phrase of the query or of the synonym table matches when all its
words occur in the practice.

A manifest beside the index records each file's stamp (mtime, size) and the few header fields the
cross-file checks need, so an update re-reads only changed files yet decides every practice's fate
(published, draft, review, rejected) exactly as the site does. Replication reports are not indexed
as documents: the manifest keeps their search text, which goes into the "adopted" field of the
practice they adopted, and that practice is re-indexed when the text changes.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.index import LockError
from whoosh.support.levenshtein import damerau_levenshtein

from lumbung.background import PARALLEL_THRESHOLD, cores, parallel_map
from lumbung.diagnostics import Diagnostic
from lumbung.model import CACHE_DIR, PRACTICE, PRACTICES_DIR, PUBLISHED, REF_FIELDS, Library, Practice
from lumbung.rules.checks import check_library
from lumbung.rules.schema import kind_of
from lumbung.search import ranking, seal
from lumbung.site import adoption
from lumbung.source.gate import stamp_of, walk
from lumbung.source.loader import load_file
from lumbung.text import analysis
from lumbung.text.document import FIELD_BOOSTS, SYNONYM_FIELD_BOOST, adopted_terms, search_document
from lumbung.text.synonyms import REGION_PREFIX

SCHEMA_VERSION = 9
MANIFEST = "manifest.json"
SEAL = "seal"  # HMAC of the manifest and the index files (seal.py)
_UNSEALED = frozenset({SEAL, SEAL + ".tmp", MANIFEST + ".tmp", "MAIN_WRITELOCK"})
FACET_FIELDS = ("province", "themes", "target_groups", "year")  # order of the facet column
FACET_ORDER = ("themes", "province", "target_groups", "year")  # order of the facets in results
MARKER_PREFIX = "syn_"
K1, B = 1.2, 0.75  # whoosh's BM25F defaults (sitesearch.py uses the same)
WRITER_LIMIT_MB = 1024  # whoosh spills postings to disk beyond this, and then costs twice the time

Progress = Callable[[int, int], None]


def index_dir(root: Path) -> Path:
    """Where the index of the project at `root` lives (ignored by git)."""
    return Path(root) / CACHE_DIR / "index"


def _schema() -> Schema:
    terms = SpaceSeparatedTokenizer()
    text = {
        name: TEXT(analyzer=terms, phrase=False, field_boost=boost) for name, boost in FIELD_BOOSTS.items()
    }
    return Schema(
        path=ID(unique=True, stored=True),
        id=ID(stored=True),
        status=ID,
        province=ID,
        regency=ID,
        # scorable only for speed: whoosh 2.7 checks the disk for every posting of a field without
        # a length column while writing
        themes=KEYWORD(scorable=True),
        target_groups=KEYWORD(scorable=True),
        year=KEYWORD(scorable=True),
        words=KEYWORD(scorable=True),  # surface words of title, summary, keywords: did-you-mean
        syn=KEYWORD(scorable=True, field_boost=SYNONYM_FIELD_BOOST),  # synonym markers, see synonyms.py
        display=STORED(),
        facets=COLUMN(VarBytesColumn()),  # FACET_FIELDS joined by tab, values by "|"
        **text,
    )


class IndexBusy(RuntimeError):
    """Another process is writing the index right now."""


@dataclass
class UpdateReport:
    """What an update did."""

    total: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    rebuilt: bool = False
    seconds: float = 0.0

    @property
    def changed(self) -> int:
        return self.added + self.updated + self.removed


@dataclass
class RawHit:
    stored: dict[str, Any]
    score: float
    coverage: float = 1.0  # share of the query's weight the practice matches (see ranking.py)
    missing: tuple[int, ...] = ()  # the concepts it does not match


@dataclass
class RawResults:
    total: int
    hits: list[RawHit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


# A query as search.py builds it: a list of concepts, ranked by ranking.py; a concept matches when any
# of its alternatives (one or more terms, all required, with a weight) is found in the searchable
# fields, or, for a synonym marker ("syn_..."), in the practice's synonym groups, or, for a region
# marker ("reg_..."), in its place.
Alternative = tuple[tuple[str, ...], float]
Concept = list[Alternative]


def _facet_column(doc: dict[str, Any]) -> bytes:
    """FACET_FIELDS of a document joined by tabs, each field's values by "|" (province is one value)."""
    parts = [doc.get("province", "")] + ["|".join(doc.get(name, "").split()) for name in FACET_FIELDS[1:]]
    return "\t".join(parts).encode("utf-8")


_MANIFEST_FIELDS = ("status", "kind", "replicates", *REF_FIELDS)


def _entry(p: Practice) -> dict[str, Any]:
    """What the manifest keeps of a file: enough to redo the cross-file checks without parsing it,
    and of a replication report its search text (adoption.search_row)."""
    meta = p.meta or {}
    entry = {
        "stamp": list(p.stamp),
        "id": p.id,
        "header": p.meta is not None,
        "errors": sorted({d.code for d in p.diagnostics if d.severity == "error"}),
        "refs": {k: meta[k] for k in _MANIFEST_FIELDS if k in meta and isinstance(meta[k], str | list)},
    }
    if p.record is not None and p.kind != PRACTICE:  # reports with errors are never published
        entry["search"] = adoption.search_row(p)
    return entry


def _prepare(paths: list[str], root: str) -> list[tuple[str, dict, dict | None]]:
    """Worker: parse and analyse files; returns (relpath, manifest entry, document or None).
    A replication report has no document; a practice's "adopted" field is added by _with_adopted."""
    import datetime as dt

    today = dt.date.today()
    out = []
    for path in paths:
        p = load_file(Path(path), Path(root), today)
        # A practice with errors has no checked header, and no document: it is never shown.
        doc = search_document(p) if p.record is not None and p.kind == PRACTICE else None
        out.append((p.relpath, _entry(p), doc))
    return out


def _with_adopted(doc: dict | None, adopted: list[tuple[str, str]]) -> dict | None:
    if doc is None or not adopted:
        return doc
    return {**doc, "adopted": " ".join(adopted_terms(adopted))}


def _digest(adopted: list[tuple[str, str]]) -> str:
    import hashlib

    return hashlib.sha1(json.dumps(adopted).encode("utf-8")).hexdigest()[:16] if adopted else ""


def _adopted(entries: dict[str, dict], fates: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """relpath of each published practice -> (text, language) of the published reports about it."""
    paths = {e["id"]: r for r, e in entries.items() if fates[r] == PUBLISHED and "search" not in e}
    rows = [
        e["search"]
        for r, e in entries.items()
        if e.get("search") and fates[r] == PUBLISHED and e["search"][0] in paths
    ]
    return {paths[pid]: text for pid, text in adoption.combine_search_rows(map(tuple, rows)).items()}


def _fates(entries: dict[str, dict]) -> dict[str, str]:
    """Each file's fate from the manifest alone, by the same rule as Library.fate."""
    standins = []
    for relpath, e in entries.items():
        diags = [Diagnostic(relpath, code) for code in e["errors"]]
        meta = dict(e["refs"]) if e["header"] else None
        standins.append(Practice(e["id"], relpath, meta, "", 1, diags, kind=kind_of(relpath, meta)))
    library = Library(
        Path("."), standins, [d for p in standins for d in p.diagnostics] + check_library(standins)
    )
    return {p.relpath: library.fate(p) for p in standins}


class SearchIndex:
    """The whoosh index of one project: update it, then query it."""

    def __init__(self, root: Path, workers: int | None = None):
        self.root = Path(root).resolve()
        self.dir = index_dir(self.root)
        self.workers = workers if workers is not None else cores()

    # -- state --------------------------------------------------------------------------------

    def _manifest(self) -> dict[str, Any] | None:
        try:
            raw = (self.dir / MANIFEST).read_bytes()
            # whoosh unpickles parts of its index: open nothing we did not write (see seal.py)
            if not seal.verify(self.dir, raw, (self.dir / SEAL).read_text(encoding="ascii"), _UNSEALED):
                return None
            data = json.loads(raw)
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        if data.get("schema") != SCHEMA_VERSION or data.get("analysis") != analysis.fingerprint():
            return None
        if not whoosh_index.exists_in(str(self.dir)):
            return None
        return data

    def _write_manifest(self, files: dict[str, dict]) -> None:
        tmp = self.dir / (MANIFEST + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump({"schema": SCHEMA_VERSION, "analysis": analysis.fingerprint(), "files": files}, fh)
        os.replace(tmp, self.dir / MANIFEST)
        raw = (self.dir / MANIFEST).read_bytes()
        tmp = self.dir / (SEAL + ".tmp")
        tmp.write_text(seal.seal(self.dir, raw, _UNSEALED), encoding="ascii")
        os.replace(tmp, self.dir / SEAL)

    def _current_stamps(self) -> dict[str, list[int]]:
        """relpath -> stamp of every practice file, found as the gate finds them, but without its
        checks: `lumbung search` calls this before every query."""
        return {
            PRACTICES_DIR + "/" + "/".join(parts): list(stamp_of(entry))
            for entry, parts, hidden in walk(self.root / PRACTICES_DIR)
            if not hidden and entry.name.endswith(".md")
        }

    def is_stale(self) -> bool:
        """True when a practice file was added, changed or removed since the last update."""
        manifest = self._manifest()
        if manifest is None:
            return True
        known = {k: v["stamp"] for k, v in manifest["files"].items()}
        return known != self._current_stamps()

    # -- updating -----------------------------------------------------------------------------

    def update(self, progress: Progress | None = None, rebuild: bool = False) -> UpdateReport:
        """Bring the index up to date with practices/: only changed, added or removed files are read."""
        started = time.perf_counter()
        report = UpdateReport()
        manifest = None if rebuild else self._manifest()
        if manifest is None:
            if self.dir.exists():
                shutil.rmtree(self.dir)
            self.dir.mkdir(parents=True)
            ix = whoosh_index.create_in(str(self.dir), _schema())
            old: dict[str, dict] = {}
            report.rebuilt = True
        else:
            ix = whoosh_index.open_dir(str(self.dir))
            old = manifest["files"]
        stamps = self._current_stamps()
        changed = sorted(r for r, s in stamps.items() if r not in old or old[r]["stamp"] != s)
        removed = sorted(r for r in old if r not in stamps)
        prepared = self._prepare(changed)
        entries = {r: e for r, e in old.items() if r in stamps}
        entries.update({r: e for r, e, _ in prepared})
        fates = _fates(entries)
        adopted = _adopted(entries, fates)
        digests = {r: _digest(adopted.get(r, [])) for r in entries}
        # Unchanged files whose fate moved (a referenced practice vanished...) or whose replication
        # reports changed are re-indexed too.
        done = {r for r, _, _ in prepared}
        moved = sorted(
            r
            for r in entries
            if r not in done
            and (old.get(r, {}).get("fate") != fates[r] or old.get(r, {}).get("adopted", "") != digests[r])
        )
        prepared += self._prepare(moved)
        prepared = [(r, e, _with_adopted(doc, adopted.get(r, []))) for r, e, doc in prepared]
        for r in entries:
            entries[r]["fate"] = fates[r]
            entries[r]["adopted"] = digests[r]
        # The counts are of practices: replication reports are read, but are no documents of their own.
        practice = {
            r for r, e in entries.items() if kind_of(r, e["refs"] if e["header"] else None) == PRACTICE
        }
        report.total = len(practice)
        report.removed = sum(
            1 for r in removed if kind_of(r, old[r]["refs"] if old[r]["header"] else None) == PRACTICE
        )
        report.added = sum(1 for r in changed if r not in old and r in practice)
        report.updated = sum(1 for r in changed if r in old and r in practice)
        if prepared or removed:
            self._write(ix, prepared, removed, fates, progress, fresh=report.rebuilt)
        ix.close()
        self._write_manifest(entries)
        report.seconds = time.perf_counter() - started
        return report

    def _prepare(self, relpaths: list[str]) -> list[tuple[str, dict, dict | None]]:
        paths = [str(self.root / r) for r in relpaths]
        return parallel_map(_prepare, paths, str(self.root), workers=self.workers)

    def _write(
        self,
        ix: Any,
        prepared: list[tuple[str, dict, dict | None]],
        removed: Iterable[str],
        fates: dict[str, str],
        progress: Progress | None,
        fresh: bool,
    ) -> None:
        # A fresh index of many practices is written by one whoosh process per core, each its own
        # segment (merging them would cost as much again); updates go through one plain writer.
        parallel = fresh and len(prepared) >= PARALLEL_THRESHOLD and self.workers > 1
        options = {"procs": self.workers, "multisegment": True} if parallel else {}
        try:
            writer = ix.writer(limitmb=WRITER_LIMIT_MB // max(1, options.get("procs", 1)), **options)
        except LockError:
            raise IndexBusy(str(self.dir)) from None
        try:
            if not fresh:
                for relpath in removed:
                    writer.delete_by_term("path", relpath)
            total = len(prepared)
            for i, (relpath, _, doc) in enumerate(prepared, 1):
                if not fresh:
                    writer.delete_by_term("path", relpath)
                if doc is not None:
                    writer.add_document(status=fates[relpath], facets=_facet_column(doc), **doc)
                if progress and (i % 50 == 0 or i == total):
                    progress(i, total)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise

    # -- querying -----------------------------------------------------------------------------

    def _open(self) -> Any:
        if self._manifest() is None:  # not ours (or gone): never let whoosh read it
            self.update(rebuild=True)
        return whoosh_index.open_dir(str(self.dir))

    def _concept_scores(
        self, searcher: Any, concept: Concept, visible: set[int], cache: dict[str, dict[int, float]]
    ) -> dict[int, float]:
        """Practice -> score of one concept: its best alternative, each alternative's words averaged.

        The same arithmetic as the site's search.js, on the same postings: a term's impact sums the
        BM25F term-frequency part of every field it occurs in (weights carry the field boosts), times
        the term's idf over the visible practices. So the CLI and the browser rank by one formula.
        """
        best: dict[int, float] = {}
        for terms, weight in concept:
            parts = [self._term_scores(searcher, t, visible, cache) for t in terms]
            if any(not x for x in parts):
                continue
            common = set(parts[0]).intersection(*parts[1:]) if len(parts) > 1 else parts[0].keys()
            factor = weight / len(parts)
            for d in common:
                value = factor * sum(x[d] for x in parts)
                if value > best.get(d, -1.0):
                    best[d] = value
        return best

    def _term_scores(
        self, searcher: Any, term: str, visible: set[int], cache: dict[str, dict[int, float]]
    ) -> dict[int, float]:
        if term in cache:
            return cache[term]
        if term.startswith(MARKER_PREFIX):
            fields = ["syn"]
        elif term.startswith(REGION_PREFIX):
            fields = ["place"]
        else:
            fields = list(FIELD_BOOSTS)
        impacts: dict[int, float] = {}
        for sub, offset in searcher.leaf_searchers():
            reader = sub.reader()
            for name in fields:
                if (name, term) not in reader:
                    continue
                norm = K1 * (1 - B)
                per_length = K1 * B / (searcher.avg_field_length(name) or 1)
                length = reader.doc_field_length
                for d, w in reader.postings(name, term).items_as("weight"):
                    g = d + offset
                    if g in visible:
                        impacts[g] = impacts.get(g, 0.0) + w * (K1 + 1) / (
                            w + norm + per_length * length(d, name)
                        )
        idf = ranking.idf(len(impacts), len(visible))
        cache[term] = out = {d: idf * v for d, v in impacts.items()}
        return out

    def _filter(self, filters: dict[str, str], statuses: Iterable[str]) -> wq.Query:
        parts: list[wq.Query] = [wq.Or([wq.Term("status", s) for s in statuses])]
        parts += [wq.Term(name, value) for name, value in filters.items() if value]
        return wq.And(parts)

    def run(
        self,
        concepts: list[Concept],
        filters: dict[str, str],
        statuses: Iterable[str] = (PUBLISHED,),
        limit: int = 10,
    ) -> RawResults:
        """Practices matching any concept, ranked by ranking.rank (coverage of the query, then BM25F)."""
        if not concepts:
            return RawResults(0, [])
        statuses = tuple(statuses)
        with self._open().searcher() as searcher:
            visible = set(searcher.docs_for_query(self._filter({}, statuses)))
            cache: dict[str, dict[int, float]] = {}
            per_concept = [self._concept_scores(searcher, c, visible, cache) for c in concepts]
            n = len(visible)
            allowed = set(searcher.docs_for_query(self._filter(filters, statuses))) if filters else None
            ranked = ranking.rank(per_concept, n, allowed)
            hits = [
                RawHit(searcher.stored_fields(r.doc), r.score, r.coverage, r.missing) for r in ranked[:limit]
            ]
            # Facets come from a per-document column, not from stored fields: cheap for thousands of hits.
            facets: dict[str, Counter[str]] = {name: Counter() for name in FACET_FIELDS}
            column = searcher.reader().column_reader("facets")
            for r in ranked:
                for name, values in zip(FACET_FIELDS, column[r.doc].decode("utf-8").split("\t"), strict=True):
                    facets[name].update(values.split("|") if values else ())
            ordered = {
                k: dict(sorted(facets[k].items(), key=lambda kv: (-kv[1], kv[0]))) for k in FACET_ORDER
            }
            return RawResults(len(ranked), hits, ordered)

    def doc_frequency(self, term: str) -> int:
        """In how many practices (any status) `term` occurs in a searchable field."""
        with self._open().searcher() as searcher:
            return cast(int, max(searcher.doc_frequency(name, term) for name in FIELD_BOOSTS))

    def corrections(self, word: str, maxdist: int) -> list[tuple[str, int, int]]:
        """Known surface words near `word`: (word, edit distance, document frequency), best first."""
        with self._open().searcher() as searcher:
            reader = searcher.reader()
            found = [
                (c, damerau_levenshtein(c, word), reader.doc_frequency("words", c))
                for c in reader.terms_within("words", word, maxdist, prefix=1)
                if c != word
            ]
        return sorted(found, key=lambda t: (t[1], -t[2], t[0]))
