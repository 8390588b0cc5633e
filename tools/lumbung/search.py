"""Searching the library: query analysis, synonyms, filters, did-you-mean, snippets and facets.

A query becomes a list of concepts, one per word or synonym phrase; a practice matches when every
concept matches, and a concept matches when any of its forms does: the Indonesian and the English
stem of the word, or the synonym group of the phrase ("PHK" is found in a practice that says
"pemutusan hubungan kerja"; weighted a little lower than the reader's own words).
A long query that finds nothing may drop one concept. When a word is unknown to the library and
few practices match, the closest known word is suggested, and searched for when nothing matched.
The index itself (whoosh) lives in index.py; this module never imports it.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import analysis
from .document import plain
from .index import MARKER_PREFIX, Concept, SearchIndex
from .synonyms import synonyms
from .vocabulary import NATIONAL, closest, fold, regions, vocabulary

SYNONYM_WEIGHT = 0.8
FEW_RESULTS = 3  # fewer results than this and a misspelt word gets a suggestion
SNIPPET_WORDS = 28
PUBLISHED_ONLY = ("published",)
ALL_VISIBLE = ("published", "review", "draft")


class FilterError(ValueError):
    """A filter value that names nothing known; carries the closest known value, if any."""

    def __init__(self, name: str, value: str, suggestion: str | None, known: list[str]):
        super().__init__(f"{name}={value!r}")
        self.name, self.value, self.suggestion, self.known = name, value, suggestion, known


@dataclass
class Plan:
    """An analysed query: its concepts, the words behind them and every term to highlight."""

    query: str
    concepts: list[Concept]
    words: list[tuple[str, int, int]]  # surface words of the query with offsets (for corrections)
    covered: list[bool]  # per word: part of a synonym phrase
    highlight: set[str] = field(default_factory=set)  # words to mark in snippets
    phrases: set[tuple[str, ...]] = field(default_factory=set)  # synonyms of several words, marked whole


@dataclass
class Hit:
    id: str
    title: str
    path: str
    score: float
    province: str | None
    regency: str | None
    themes: list[str]
    snippet: list[tuple[str, bool]]  # (text, matched) segments

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "path": self.path,
            "score": round(self.score, 3),
            "province": self.province,
            "regency": self.regency,
            "themes": self.themes,
            "snippet": snippet_html(self.snippet),
        }


@dataclass
class SearchResult:
    query: str
    results: list[Hit]
    total: int
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None  # did you mean ...?
    corrected: bool = False  # results are for the suggestion, the query itself found nothing
    partial: bool = False  # not every word of the query matched

    def as_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "results": [h.as_dict() for h in self.results],
            "facets": self.facets,
            "suggestion": self.suggestion,
            "corrected": self.corrected,
            "partial": self.partial,
        }


def _forms(phrase: str) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for lang in analysis.LANGS:
        terms = tuple(analysis.tokens(phrase, lang))
        if terms and terms not in out:
            out.append(terms)
    return out


def plan(query: str) -> Plan:
    """Analyse a query into concepts (see the module docstring)."""
    words = [w for w in analysis.surface_words(query) if not analysis.is_stopword(w[0])]
    ids = [analysis.stem_id(w) for w, _, _ in words]
    ens = [analysis.stem_en(w) for w, _, _ in words]
    table = synonyms()
    spans = {m.start: m for m in table.find(ids)}
    for m in table.find(ens):  # English phrases the Indonesian stems did not reveal
        if all(not (s.start <= m.start < s.end or m.start <= s.start < m.end) for s in spans.values()):
            spans[m.start] = m
    concepts: list[Concept] = []
    highlight: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    covered = [False] * len(words)
    i = 0
    while i < len(words):
        m = spans.get(i)
        end = m.end if m else i + 1
        alternatives: Concept = []
        for terms in (tuple(ids[i:end]), tuple(ens[i:end])):
            if (terms, 1.0) not in alternatives:
                alternatives.append((terms, 1.0))
        if m:
            covered[i:end] = [True] * (end - i)
            alternatives += [((marker,), SYNONYM_WEIGHT) for marker in sorted(m.markers)]
            for terms in (f for phrase in m.expansions for f in _forms(phrase)):
                if len(terms) == 1:
                    highlight.update(terms)
                else:
                    phrases.add(terms)
        concepts.append(alternatives)
        highlight.update(t for terms, _ in alternatives for t in terms if not t.startswith(MARKER_PREFIX))
        i = end
    return Plan(query, concepts, words, covered, highlight, phrases)


def resolve_filters(
    theme: str | None = None,
    province: str | None = None,
    target_group: str | None = None,
    year: str | None = None,
) -> dict[str, str]:
    """Index filters from what a reader typed: slugs or labels, official names or aliases."""
    filters: dict[str, str] = {}
    for name, value, vocab in (("themes", theme, "themes"), ("target_groups", target_group, "target-groups")):
        if value:
            values = vocabulary(vocab).values
            by_fold = {fold(k): k for k in values} | {fold(v): k for k, v in values.items()}
            slug = by_fold.get(fold(value))
            if slug is None:
                near = closest(value, list(values) + list(values.values()))
                raise FilterError(name, value, by_fold.get(fold(near)) if near else None, list(values))
            filters[name] = slug
    if province:
        names = [p.name for p in regions().provinces] + [NATIONAL]
        found = regions().province(province)  # official name or accepted alias
        official = found.name if found else {fold(n): n for n in names}.get(fold(province))
        if official is None:
            raise FilterError("province", province, closest(province, names), names)
        filters["province"] = official
    if year:
        if not (year.isdigit() and len(year) == 4):
            raise FilterError("year", year, None, [])
        filters["year"] = year
    return filters


def did_you_mean(index: SearchIndex, p: Plan) -> str | None:
    """The query with each unknown word replaced by the closest known word, or None."""
    text = p.query
    changed = False
    for (word, start, end), covered in sorted(zip(p.words, p.covered, strict=True), key=lambda x: -x[0][1]):
        if covered or word.isdigit():
            continue
        stems = {analysis.stem_id(word), analysis.stem_en(word)}
        if any(index.doc_frequency(s) for s in stems):
            continue
        maxdist = 1 if len(word) <= 5 else 2
        candidates = index.corrections(word, maxdist)
        if candidates:
            text = text[:start] + candidates[0][0] + text[end:]
            changed = True
    return text if changed else None


def search(
    index: SearchIndex,
    query: str,
    filters: dict[str, str] | None = None,
    limit: int = 10,
    statuses: tuple[str, ...] = PUBLISHED_ONLY,
) -> SearchResult:
    """Ranked practices for `query` (the index must be up to date: see SearchIndex.update)."""
    filters = filters or {}
    p = plan(query)
    result = _run(index, p, filters, limit, statuses)
    if result.total < FEW_RESULTS and p.concepts:
        suggestion = did_you_mean(index, p)
        if suggestion and fold(suggestion) != fold(query):
            better = _run(index, plan(suggestion), filters, limit, statuses)
            if result.total == 0 and better.total:
                better.query, better.suggestion, better.corrected = query, suggestion, True
                return better
            if better.total > result.total:
                result.suggestion = suggestion
    return result


def _run(
    index: SearchIndex, p: Plan, filters: dict[str, str], limit: int, statuses: tuple[str, ...]
) -> SearchResult:
    raw = index.run(p.concepts, filters, statuses, limit)
    partial = False
    if raw.total == 0 and len(p.concepts) >= 3:
        raw = index.run(p.concepts, filters, statuses, limit, need=len(p.concepts) - 1)
        partial = raw.total > 0
    hits = []
    for h in raw.hits:
        d = h.stored.get("display", {})
        text = d.get("summary", "") + "\n" + _body(index.root, h.stored["path"])
        hits.append(
            Hit(
                h.stored["id"],
                d.get("title", h.stored["id"]),
                h.stored["path"],
                h.score,
                d.get("province"),
                d.get("regency"),
                list(d.get("themes", [])),
                snippet(text, d.get("language", "id"), p.highlight, p.phrases),
            )
        )
    return SearchResult(p.query, hits, raw.total, raw.facets, partial=partial)


def _body(root: Path, relpath: str) -> str:
    from .frontmatter import parse
    from .loader import read_text

    text, _ = read_text(root / relpath, root, relpath)
    if text is None:
        return ""
    return plain(parse(text, relpath).body or "")


def snippet(
    text: str,
    lang: str,
    terms: set[str],
    phrases: set[tuple[str, ...]] = frozenset(),
    width: int = SNIPPET_WORDS,
) -> list[tuple[str, bool]]:
    """The passage of `text` with the most distinct matched words, as (text, matched) segments.

    `terms` are matched word by word, `phrases` (synonyms of several words) only as a whole.
    """
    wanted = set(terms) | {t for ph in phrases for t in ph}
    # Stemming every word of a long text is the slow part, and a word can only stem to a term it
    # (nearly) contains: Sastrawi strips affixes, and restores at most the first letter of the root.
    probes = {t[1:] if len(t) > 3 else t for t in wanted}
    stem = analysis.stem_en if lang == "en" else analysis.stem_id
    stop = analysis.stopwords(lang)
    toks = [
        analysis.Token(stem(w) if any(p in w for p in probes) else "", w, s, e)
        for w, s, e in analysis.surface_words(text)
        if w not in stop
    ]
    if not toks:
        return [(text[:200], False)] if text else []
    hits: list[str | None] = [t.term if t.term in terms else None for t in toks]
    for ph in phrases:
        n = len(ph)
        for i in range(len(toks) - n + 1):
            if toks[i].term == ph[0] and tuple(t.term for t in toks[i : i + n]) == ph:
                hits[i : i + n] = [" ".join(ph)] * n
    # Slide a window of `width` words; keep the one with most distinct matched words, then most matches.
    inside: Counter = Counter(h for h in hits[:width] if h)
    best, best_key = 0, (len(inside), sum(inside.values()))
    for i in range(1, max(1, len(toks) - width + 1)):
        if hits[i - 1]:
            inside[hits[i - 1]] -= 1
            if not inside[hits[i - 1]]:
                del inside[hits[i - 1]]
        if hits[i + width - 1]:
            inside[hits[i + width - 1]] += 1
        key = (len(inside), sum(inside.values()))
        if key > best_key:
            best, best_key = i, key
    start, end = toks[best].start, toks[min(len(toks), best + width) - 1].end
    out: list[tuple[str, bool]] = [("… ", False)] if start > 0 else []
    pos = start
    for t, hit in zip(toks[best : best + width], hits[best : best + width], strict=True):
        if hit:
            if t.start > pos:
                out.append((_flat(text[pos : t.start]), False))
            out.append((text[t.start : t.end], True))
            pos = t.end
    if end > pos:
        out.append((_flat(text[pos:end]), False))
    if end < len(text.rstrip()):
        out.append((" …", False))
    return out


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def snippet_html(segments: list[tuple[str, bool]]) -> str:
    """Segments as HTML: matched words in <mark>, everything escaped."""
    return "".join(f"<mark>{html.escape(t)}</mark>" if m else html.escape(t) for t, m in segments)


def snippet_text(segments: list[tuple[str, bool]], before: str = "«", after: str = "»") -> str:
    """Segments as plain text with matched words between `before` and `after`."""
    return "".join(f"{before}{t}{after}" if m else t for t, m in segments)
