"""The ranking rule of search, shared by the CLI (index.py) and the site (search.js does the same).

A query is a list of concepts (search.plan). Every practice that matches at least one concept is a
result; nothing is filtered out for missing a word. Its score is its BM25F score (the sum over the
concepts it matches of the best alternative's score) times its coverage to the power COORDINATION,
where coverage is the share of the query's weight it matches and a concept weighs its idf: missing
a rare word ("tunarungu") costs more than missing a common one ("kerja"). So the practices that
match every word come first, and partial matches follow in order of how much of the query they
cover. A concept no practice matches still counts in the total: results then say which words the
top result lacks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

COORDINATION = 3  # power of the coverage: a practice matching half the query keeps 1/8 of its score
SYNONYM_WEIGHT = 0.8  # a synonym group's marker, against the reader's own words (1)
REGION_TEXT_WEIGHT = 0.3  # a region's name as plain words ("timur" anywhere), far below the region itself
MAX_QUERY_WORDS = 32  # words searched of a longer query (a pasted page is not a question)


@dataclass(frozen=True, slots=True)
class Ranked:
    doc: int
    score: float
    coverage: float  # 0 < coverage <= 1
    missing: tuple[int, ...]  # indices of the concepts not matched


def idf(df: int, n: int) -> float:
    """The weight of a concept found in `df` of `n` practices (whoosh's BM25 idf form, always > 0)."""
    return math.log(max(n, 1) / (df + 1)) + 1


def rank(per_concept: list[dict[int, float]], n: int, allowed: set[int] | None = None) -> list[Ranked]:
    """Practices best first: `per_concept[i]` maps a practice to its score for concept i.

    `n` is the number of practices searched (for the concepts' idf); `allowed`, if given, keeps only
    those practices (facet filters), after the weights are computed.
    """
    weights = [idf(len(found), n) for found in per_concept]
    whole = sum(weights)
    docs: set[int] = set()
    for found in per_concept:
        docs.update(found)
    out = []
    for d in docs:
        if allowed is not None and d not in allowed:
            continue
        score = covered = 0.0
        missing = []
        for i, found in enumerate(per_concept):
            value = found.get(d)
            if value is None:
                missing.append(i)
            else:
                score += value
                covered += weights[i]
        coverage = covered / whole
        out.append(Ranked(d, score * coverage**COORDINATION, coverage, tuple(missing)))
    out.sort(key=lambda r: (-r.score, r.doc))
    return out
