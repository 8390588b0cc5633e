"""Similar practices: "Praktik terkait" for the site and `lumbung related`.

Each practice becomes a TF-IDF vector over its analysed words (title and keywords weigh more than
the body); two practices are as similar as the cosine of their vectors. Candidates are found
through an inverted index of each vector's strongest terms, so the work grows with the overlap
between practices rather than with the square of their number. Term counts are cached per
practice by a hash of its text, in memory and in .lumbung-cache/, so a rebuild after one edit
re-analyses one file; the last ranking is kept for a library whose texts are all the same.

Under `mkdocs serve` this process lives for hours and sees every edit, so what it keeps is bounded:
the counts of the library last ranked (not of every version of every file), and one ranking per
limit. The file is read only when many counts are missing (a fresh process), and rewritten once
more than a hundredth of them is new, not after every edit (rewriting it costs more than analysing
a few files again in the next process).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

from lumbung.model import CACHE_DIR, Library, Practice
from lumbung.text import analysis
from lumbung.text.document import plain

VERSION = 1
TOP_TERMS = 30  # terms per practice used to find candidates
FIELD_WEIGHTS = (("title", 3), ("keywords", 2), ("summary", 2), ("body", 1))

_memory: dict[str, Counter] = {}  # content hash -> term counts, of the last library ranked
_unsaved: set[str] = set()  # keys of _memory analysed here and not yet written to the file
_results: dict[tuple, tuple[tuple, dict[str, list[str]]]] = {}  # (kind, limit) -> (library key, ranking)
LOAD_WHEN_MISSING = 50  # reading the file costs about as much as analysing this many practices


@dataclass(frozen=True)
class Neighbour:
    id: str
    score: float


def _content(p: Practice) -> dict[str, str]:
    return {"title": p.title, "keywords": ". ".join(p.keywords), "summary": p.summary, "body": plain(p.body)}


def content_hash(p: Practice) -> str:
    """Changes whenever the text that similarity reads changes (hashed raw: cheaper than stripping it)."""
    h = hashlib.sha1(f"v{VERSION}\0{p.language}\0".encode())
    for text in (p.title, "\0".join(p.keywords), p.summary, p.body):
        h.update(f"{text}\0".encode())
    return h.hexdigest()


def term_counts(p: Practice, key: str | None = None) -> Counter:
    """Weighted counts of a practice's analysed words (digits and very short terms left out)."""
    key = key or content_hash(p)
    counts = _memory.get(key)
    if counts is None:
        counts = Counter()
        parts = _content(p)
        for name, weight in FIELD_WEIGHTS:
            for term in analysis.tokens(parts[name], p.language):
                if len(term) > 2 and not term.isdigit():
                    counts[term] += weight
        _memory[key] = counts
        _unsaved.add(key)
    return counts


CACHE_FILE = "similarity.json"
CACHE_FORMAT = "lumbung-similarity"


def _valid_counts(value: object) -> TypeGuard[dict[str, dict[str, int]]]:
    """{content hash: {term: count}}, nothing else: the file is data from the working tree, never
    trusted (a pull request can add it), so a wrong shape means the whole cache is ignored."""
    if type(value) is not dict:
        return False
    for key, counts in value.items():
        if type(key) is not str or len(key) != 40 or type(counts) is not dict:
            return False
        for term, n in counts.items():
            if type(term) is not str or type(n) is not int or n <= 0:
                return False
    return True


class _DiskCache:
    """Term counts by content hash in .lumbung-cache/similarity.json (best effort).

    Plain JSON with a format name, a version and a checked shape: a file that is not exactly that
    (another version, garbage, another format such as a pickle) is ignored, then rewritten. Nothing
    read from the working tree is ever unpickled or evaluated."""

    def __init__(self, root: Path | None):
        self.path = Path(root) / CACHE_DIR / CACHE_FILE if root else None

    def _version(self) -> list:
        return [CACHE_FORMAT, VERSION, analysis.fingerprint()]

    def load(self) -> None:
        if self.path is None or not self.path.is_file():
            return
        try:
            with open(self.path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError, RecursionError):
            return
        if type(data) is not dict or data.get("version") != self._version():
            return
        counts = data.get("counts")
        if not _valid_counts(counts):
            return
        for k, v in counts.items():
            _memory.setdefault(k, Counter(v))

    def save(self, keys: Iterable[str]) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            data = {"version": self._version(), "counts": {k: _memory[k] for k in keys}}
            # json.dumps, not json.dump: only the one-shot form has the C encoder (5x faster here)
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, self.path)
            _unsaved.clear()
        except OSError:
            pass


def _vectors(practices: list[Practice], root: Path | None) -> list[dict[str, float]]:
    """L2-normalised TF-IDF vectors, one per practice, in order."""
    cache = _DiskCache(root)
    keys = [content_hash(p) for p in practices]
    missing = sum(k not in _memory for k in keys)
    if missing >= min(LOAD_WHEN_MISSING, len(keys)):
        cache.load()
    counts = [term_counts(p, k) for p, k in zip(practices, keys, strict=True)]
    wanted = set(keys)
    for k in [k for k in _memory if k not in wanted]:  # older versions of files, files gone
        del _memory[k]
    _unsaved.intersection_update(wanted)
    if len(_unsaved) * 100 > len(keys):
        cache.save(keys)
    n = len(practices)
    df: Counter = Counter()
    for c in counts:
        df.update(c.keys())
    idf = {t: math.log((n + 1) / (d + 0.5)) for t, d in df.items()}
    vectors = []
    for c in counts:
        v = {t: (1.0 + math.log(tf)) * idf[t] for t, tf in c.items()}
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        vectors.append({t: w / norm for t, w in v.items() if w > 0})
    return vectors


def _candidates(
    vectors: list[dict[str, float]], only: list[int] | None = None
) -> dict[int, dict[int, float]]:
    """For each vector (or those at `only`), the others sharing strong terms, with the dot product
    over those terms: the ranking of related practices, and the shortlist for neighbours()."""
    tops = [dict(sorted(v.items(), key=lambda kv: -kv[1])[:TOP_TERMS]) for v in vectors]
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, top in enumerate(tops):
        for t, w in top.items():
            postings[t].append((i, w))
    # A term among the strongest of a large share of practices says little about any pair of them,
    # and following it would make the work grow with the square of the library.
    cap = max(50, len(vectors) // 50)
    out = {}
    for i in range(len(tops)) if only is None else only:
        acc: dict[int, float] = defaultdict(float)
        for t, w in tops[i].items():
            plist = postings[t]
            if len(plist) > cap:
                continue
            for j, wj in plist:
                if j != i:
                    acc[j] += w * wj
        out[i] = acc
    return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(a[t] * b[t] for t in a.keys() & b.keys())  # the intersection is computed in C


def _ranking(practices: list[Practice], limit: int, root: Path | None) -> dict[str, list[str]]:
    """Each practice's `limit` most similar others, by the dot product over their strongest terms."""
    key = tuple(content_hash(p) + p.id for p in practices)
    last = _results.get(("ranking", limit))
    if last is not None and last[0] == key:
        return last[1]
    candidates = _candidates(_vectors(practices, root))
    ranking = {
        practices[i].id: [
            practices[j].id for j in sorted(acc, key=lambda j: (-acc[j], practices[j].id))[:limit]
        ]
        for i, acc in candidates.items()
    }
    _results[("ranking", limit)] = (key, ranking)  # one per limit: the last library only
    return ranking


def neighbours(
    practice: Practice, pool: list[Practice], limit: int = 5, root: Path | None = None
) -> list[Neighbour]:
    """The `limit` practices of `pool` most similar to `practice`, with their cosine similarity."""
    practices = [p for p in pool if p.id != practice.id] + [practice]
    vectors = _vectors(practices, root)
    me = len(practices) - 1
    acc = _candidates(vectors, [me])[me]
    best = sorted(acc, key=lambda j: -acc[j])[: limit * 3]
    scored = sorted(
        ((_cosine(vectors[me], vectors[j]), practices[j].id) for j in best), key=lambda s: (-s[0], s[1])
    )
    return [Neighbour(pid, round(score, 4)) for score, pid in scored[:limit] if score > 0]


def similar_ids(library: Library, limit: int = 3) -> dict[str, list[str]]:
    """For each published practice, the ids of the `limit` most similar published practices.

    Similarity only: the practices a write-up names in `related` come first on the site, by
    catalogue.related, which merges the two.
    """
    return _ranking(library.published(), limit, library.root)
