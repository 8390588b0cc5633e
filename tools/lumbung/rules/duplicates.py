"""Near-copies: W407 when a practice repeats most of the text of an earlier one.

The check is there to catch copy-paste and junk resubmissions, not practices on the same topic
(similarity.py ranks those for "Praktik terkait"). A copy shares its wording, so no stemming or
weighting is needed, only the text itself:

1. Each practice is cut at sentence and clause punctuation and at line breaks into fragments, and
   every fragment of at least MIN_FRAGMENT bytes is hashed (CRC-32 of its UTF-8, ASCII lowercased).
2. Two practices are a candidate pair when they share at least MIN_SHARED such fragments, and a
   tenth of the smaller one's, counting only fragments found in at most MAX_SHARED practices: a
   sentence that many practices have is boilerplate and says nothing about one pair (so a text
   copied into more than MAX_SHARED practices is not reported either). Pairs are found through
   shared fragments only, so the work grows with the library, not with its square.
3. A candidate pair scores the Jaccard similarity of its sets of word 3-shingles, taken within
   sentences so that reordered sentences still match, and without numbers so that changed figures
   do not hide a copy. Nothing is stemmed.

Finding candidates takes only C-level string, hash and set operations: about 0.6 s of CPU for
10,000 practices, on a clean checkout too. The fragments of each file (its `fingerprint`) are taken
by the loader as it reads the file, on every core, and kept in its cache with the file, so under
`mkdocs serve` an edit re-fragments one file. Only the practices of candidate pairs are tokenised.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Collection
from itertools import combinations

from lumbung.diagnostics import Diagnostic, Hint
from lumbung.model import Library, Practice
from lumbung.text import analysis

# Jaccard similarity of word 3-shingles from which a practice is reported as a possible copy of an
# earlier one. On the sample library, distinct practices score at most 0.03; a copy of one of them
# with a new title scores 0.98, with its sentences reordered 0.98, with 15 of its words changed about
# 0.8, with 30 changed about 0.65, and its first half alone about 0.53.
THRESHOLD = 0.5
SHINGLE = 3
MIN_FRAGMENT = 20  # bytes: shorter pieces (headings, list labels, numbers) are too common to tell
MIN_SHARED = 2
MIN_SHARED_SHARE = 0.1
MAX_SHARED = 10  # a fragment found in more practices than this is boilerplate

# One bytes.translate() pass lowercases ASCII and turns clause punctuation into line breaks.
_FOLD = bytes(range(256)).lower().translate(bytes.maketrans(b".!?;:,", b"\n" * 6))
# Sentences for shingles: at sentence punctuation, blank lines and the start of a list item,
# heading, quote or table row (not at every line break, so a re-wrapped paragraph still matches).
_SENTENCE_RE = re.compile(r"[.!?;:]+|\n\s*\n|\n(?=[ \t]*[-*+#>|])")


def text_of(p: Practice) -> str:
    """The text a copy would repeat: title, summary, keywords and body (Markdown left in)."""
    return "\n".join((p.title, p.summary, "\n".join(p.keywords), p.body))


def fragments(text: str) -> set[int]:
    """Hashes of the clauses and lines of `text` long enough to be telling."""
    crc32 = zlib.crc32
    # surrogatepass: a YAML escape can put a lone surrogate in a title or summary
    pieces = text.encode("utf-8", "surrogatepass").translate(_FOLD).split(b"\n")
    return {crc32(f) for f in pieces if len(f) >= MIN_FRAGMENT}


def fingerprint(p: Practice) -> array:
    """The fragments of a practice's text, compact (4 bytes each) for the loader's cache."""
    return array("I", sorted(fragments(text_of(p))))


def _fragments_of(p: Practice) -> Collection[int]:
    return p.fragments if p.fragments is not None else fragments(text_of(p))


def shingles(text: str) -> set[tuple[str, ...]]:
    """Word 3-shingles within each sentence of `text` (a shorter sentence is one shingle)."""
    out: set[tuple[str, ...]] = set()
    for sentence in _SENTENCE_RE.split(text):
        words = [w for w in analysis.words(sentence) if not w.isdigit()]
        if len(words) >= SHINGLE:
            out.update(zip(*(words[k:] for k in range(SHINGLE)), strict=False))  # stops at the shortest
        elif words:
            out.add(tuple(words))
    return out


def score(a: set, b: set) -> float:
    """Jaccard similarity of two shingle sets (0 when both are empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def candidate_pairs(sets: list[Collection[int]]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of fragment sets (each without repeats) that share enough uncommon
    fragments to be scored."""
    counts: Counter[int] = Counter()
    for s in sets:
        counts.update(s)
    telling = {h for h, n in counts.items() if 1 < n <= MAX_SHARED}
    postings: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for h in telling.intersection(s):  # usually empty: most fragments occur once
            postings[h].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in postings.values():
        shared.update(combinations(docs, 2))  # docs are in index order, so each pair is (i < j)
    return sorted(
        (i, j)
        for (i, j), n in shared.items()
        if n >= max(MIN_SHARED, MIN_SHARED_SHARE * min(len(sets[i]), len(sets[j])))
    )


def duplicate_warnings(
    library: Library, among: Library | None = None, threshold: float = THRESHOLD
) -> list[Diagnostic]:
    """W407 for each practice of `library` that is a near-copy of an earlier one (by date, then path).

    `among` is the library to compare with when `library` holds only some files (validate FILE):
    only those files are reported, each against the whole of `among`, with the same result as
    validating everything.
    """
    wanted = {p.relpath for p in library.practices}
    practices = [p for p in (among or library).practices if p.meta is not None]
    if len(practices) < 2:
        return []
    order = [(str(p.get("date") or ""), p.relpath) for p in practices]
    cache: dict[int, set] = {}

    def shingles_of(i: int) -> set:
        if i not in cache:
            cache[i] = shingles(text_of(practices[i]))
        return cache[i]

    best: dict[int, tuple[float, int]] = {}  # later practice -> (score, earlier practice)
    # One text at a time: keeping them all would copy every body of the library at once.
    for i, j in candidate_pairs([_fragments_of(p) for p in practices]):
        # Report the later practice of a pair, once, against the earlier one it resembles most.
        later, earlier = (i, j) if order[i] > order[j] else (j, i)
        if practices[later].relpath not in wanted or practices[i].id == practices[j].id:
            continue
        s = score(shingles_of(later), shingles_of(earlier))
        if s >= threshold and s > best.get(later, (0.0, 0))[0]:
            best[later] = (s, earlier)
    return [
        Diagnostic(
            practices[later].relpath,
            "W407",
            params={"other": practices[earlier].id, "score": f"{s:.0%}"},
            hints=(Hint("duplicate_check"),),
        )
        for later, (s, earlier) in sorted(best.items())
    ]


def pair_scores(library: Library) -> list[tuple[float, str, str]]:
    """Every pair's score, highest first: all pairs, for tuning THRESHOLD on a small library."""
    items = [(p.id, shingles(text_of(p))) for p in library.practices if p.meta is not None]
    pairs = [(score(a, b), x, y) for (x, a), (y, b) in combinations(items, 2)]
    return sorted(pairs, reverse=True)
