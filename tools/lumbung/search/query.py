"""Searching the library: query analysis, synonyms, regions, filters, did-you-mean, snippets and facets.

A query becomes a list of concepts, one per word, synonym phrase or region name; a concept matches
when any of its forms does: the Indonesian and the English stem of the word, or the synonym group
of the phrase ("PHK" is found in a practice that says "pemutusan hubungan kerja"; weighted a little
lower than the reader's own words), or for a region ("NTT", "Nusa Tenggara Timur") the practice's
region field (its name as plain words in any text counts far less). Practices that match any
concept are ranked by ranking.py: those that cover the whole query first. When a word is unknown
to the library, the closest known word is suggested, and searched for when that covers more of
the query. The index itself (whoosh) lives in index.py; this module never imports it.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lumbung.model import DRAFT, PUBLISHED, REVIEW
from lumbung.search.index import Concept, SearchIndex
from lumbung.search.ranking import MAX_QUERY_WORDS, REGION_TEXT_WEIGHT, SYNONYM_WEIGHT
from lumbung.text import analysis
from lumbung.text.document import SECTION_BREAK, section_text
from lumbung.text.synonyms import REGION_PREFIX, synonyms
from lumbung.vocabulary import NATIONAL, closest, match_key, regions, vocabulary

SNIPPET_WORDS = 28
SNIPPET_CONTEXT = 4  # words of context kept on each side of the matched words
PUBLISHED_ONLY = (PUBLISHED,)
ALL_VISIBLE = (PUBLISHED, REVIEW, DRAFT)


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
    # terms to mark in snippets -> the word classes (see word_class) to mark, None for any
    highlight: dict[str, set[str] | None] = field(default_factory=dict)
    phrases: set[tuple[str, ...]] = field(default_factory=set)  # synonyms of several words, marked whole
    labels: list[str] = field(default_factory=list)  # per concept: the query's own words
    truncated: bool = False  # the query had more than MAX_QUERY_WORDS words


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
    corrected: bool = False  # results are for the suggestion, which covers more of the query
    partial: bool = False  # the top result does not match every word of the query
    missing: list[str] = field(default_factory=list)  # the query's words the top result lacks
    coverage: float = 0.0  # the top result's coverage of the query (ranking.py)
    truncated: bool = False  # only the first MAX_QUERY_WORDS words were searched
    had_results: bool = False  # corrected, although the query itself found something

    def as_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "results": [h.as_dict() for h in self.results],
            "facets": self.facets,
            "suggestion": self.suggestion,
            "corrected": self.corrected,
            "partial": self.partial,
            "missing": self.missing,
            "truncated": self.truncated,
        }


def _forms(phrase: str) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for lang in analysis.LANGS:
        terms = tuple(analysis.tokens(phrase, lang))
        if terms and terms not in out:
            out.append(terms)
    return out


def word_class(word: str, stem: str) -> str:
    """How an Indonesian word is formed from its stem: "bare", "se" (setempat) or "affixed".

    Snippets mark a text word only when it is formed like the query's word: "penempatan" marks
    "menempatkan", not "tempat" or "setempat", which share its stem but not its meaning."""
    if word == stem:
        return "bare"
    if word.startswith("se") and word[2:] == stem:
        return "se"
    return "affixed"


def plan(query: str) -> Plan:
    """Analyse a query into concepts (see the module docstring)."""
    query = analysis.strip_invisible(query)  # a Word paste's soft hyphens are not word breaks
    words = [w for w in analysis.surface_words(query) if not analysis.is_stopword(w[0])]
    truncated = len(words) > MAX_QUERY_WORDS
    words = words[:MAX_QUERY_WORDS]
    ids = [analysis.stem_id(w) for w, _, _ in words]
    ens = [analysis.stem_en(w) for w, _, _ in words]
    table = synonyms()
    spans = {m.start: m for m in table.find(ids)}
    for m in table.find(ens):  # English phrases the Indonesian stems did not reveal
        if all(not (s.start <= m.start < s.end or m.start <= s.start < m.end) for s in spans.values()):
            spans[m.start] = m
    concepts: list[Concept] = []
    labels: list[str] = []
    highlight: dict[str, set[str] | None] = {}
    phrases: set[tuple[str, ...]] = set()
    covered = [False] * len(words)

    def mark(term: str, cls: str | None) -> None:
        if cls is None or highlight.get(term, set()) is None:
            highlight[term] = None
        else:
            highlight.setdefault(term, set()).add(cls)  # type: ignore[union-attr]

    i = 0
    while i < len(words):
        span = spans.get(i)
        end = span.end if span else i + 1
        region = span is not None and all(x.startswith(REGION_PREFIX) for x in span.markers)
        own = REGION_TEXT_WEIGHT if region else 1.0
        alternatives: Concept = []
        for terms in (tuple(ids[i:end]), tuple(ens[i:end])):
            if all(terms != t for t, _ in alternatives):
                alternatives.append((terms, own))
        if span:
            covered[i:end] = [True] * (end - i)
            weight = 1.0 if region else SYNONYM_WEIGHT
            alternatives += [((marker,), weight) for marker in sorted(span.markers)]
            for terms in (f for phrase in span.expansions for f in _forms(phrase)):
                if len(terms) == 1:
                    mark(terms[0], None)
                else:
                    phrases.add(terms)
        for k in range(i, end):
            mark(ids[k], word_class(words[k][0], ids[k]))
            if ens[k] != ids[k]:
                mark(ens[k], None)
        concepts.append(alternatives)
        labels.append(query[words[i][1] : words[end - 1][2]])
        i = end
    return Plan(query, concepts, words, covered, highlight, phrases, labels, truncated)


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
            by_key = {match_key(k): k for k in values} | {match_key(v): k for k, v in values.items()}
            slug = by_key.get(match_key(value))
            if slug is None:
                near = closest(value, list(values) + list(values.values()))
                raise FilterError(name, value, by_key.get(match_key(near)) if near else None, list(values))
            filters[name] = slug
    if province:
        names = [p.name for p in regions().provinces] + [NATIONAL]
        found = regions().province(province)  # official name or accepted alias
        official = found.name if found else {match_key(n): n for n in names}.get(match_key(province))
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
    if p.concepts:
        suggestion = did_you_mean(index, p)  # only when a word is unknown to the library
        if suggestion and match_key(suggestion) != match_key(query):
            better = _run(index, plan(suggestion), filters, limit, statuses)
            # Only a suggestion whose best result has every word replaces the query's own results:
            # "resep rendang" must not become "resep rencana" and find a practice about plans.
            if better.total and not better.partial and better.coverage > result.coverage:
                better.query, better.suggestion, better.corrected = query, suggestion, True
                better.had_results = result.total > 0
                return better
            if better.total > result.total:
                result.suggestion = suggestion
    return result


def _run(
    index: SearchIndex, p: Plan, filters: dict[str, str], limit: int, statuses: tuple[str, ...]
) -> SearchResult:
    raw = index.run(p.concepts, filters, statuses, limit)
    hits = []
    for h in raw.hits:
        d = h.stored.get("display", {})
        text = d.get("summary", "") + SECTION_BREAK + _body(index.root, h.stored["path"])
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
    top = raw.hits[0] if raw.hits else None
    missing = list(dict.fromkeys(p.labels[i] for i in top.missing)) if top else []  # each word once
    return SearchResult(
        p.query,
        hits,
        raw.total,
        raw.facets,
        partial=bool(missing),
        missing=missing,
        coverage=top.coverage if top else 0.0,
        truncated=p.truncated,
    )


def _body(root: Path, relpath: str) -> str:
    from lumbung.formats.frontmatter import parse
    from lumbung.source.loader import read_text

    text, _ = read_text(root / relpath, root, relpath)
    if text is None:
        return ""
    return section_text(parse(text, relpath).body or "")


def snippet(
    text: str,
    lang: str,
    terms: dict[str, set[str] | None],
    phrases: AbstractSet[tuple[str, ...]] = frozenset(),
    width: int = SNIPPET_WORDS,
) -> list[tuple[str, bool]]:
    """The passage of `text` around its densest cluster of matched words, as (text, matched) segments.

    `terms` are matched word by word, each only in the word classes given (any when None; English
    texts any), `phrases` (synonyms of several words) only as a whole. A passage never crosses a
    SECTION_BREAK, and is centred on the matched words it holds, so there is context on both sides.
    """
    wanted = set(terms) | {t for ph in phrases for t in ph}
    # Stemming every word of a long text is the slow part, and a word can only stem to a term it
    # (nearly) contains: Sastrawi strips affixes, and restores at most the first letter of the root.
    probes = {t[1:] if len(t) > 3 else t for t in wanted}
    stem = analysis.stem_en if lang == "en" else analysis.stem_id
    stop = analysis.stopwords(lang)
    toks: list[analysis.Token] = []
    bounds: list[tuple[int, int]] = []  # token ranges of the sections
    offset = 0
    for part in text.split(SECTION_BREAK):
        first = len(toks)
        for w, s, e in analysis.surface_words(part):
            if w not in stop:
                toks.append(
                    analysis.Token(stem(w) if any(p in w for p in probes) else "", w, offset + s, offset + e)
                )
        if len(toks) > first:
            bounds.append((first, len(toks)))
        offset += len(part) + len(SECTION_BREAK)
    if not toks:
        return [(_flat(text[:200]), False)] if text.strip() else []

    def marked(t: analysis.Token) -> str | None:
        if t.term not in terms:
            return None
        classes = terms[t.term]
        if classes is None or lang == "en" or word_class(t.word, t.term) in classes:
            return t.term
        return None

    hits: list[str | None] = [marked(t) for t in toks]
    for ph in phrases:
        n = len(ph)
        for i in range(len(toks) - n + 1):
            if toks[i].term == ph[0] and tuple(t.term for t in toks[i : i + n]) == ph:
                hits[i : i + n] = [" ".join(ph)] * n
    # In each section, slide a window of `inner` words; keep the one with most distinct matched
    # words, then most matches; then widen it to `width` words centred on the matches it holds, so
    # at least SNIPPET_CONTEXT words stand on each side where the section has them.
    inner = max(1, width - 2 * SNIPPET_CONTEXT)
    best, best_key, best_section = bounds[0][0], (0, 0), bounds[0]
    for a, b in bounds:
        inside: Counter = Counter(h for h in hits[a : min(b, a + inner)] if h)
        key = (len(inside), sum(inside.values()))
        if key > best_key:
            best, best_key, best_section = a, key, (a, b)
        for i in range(a + 1, max(a + 1, b - inner + 1)):
            if hits[i - 1]:
                inside[hits[i - 1]] -= 1
                if not inside[hits[i - 1]]:
                    del inside[hits[i - 1]]
            if hits[i + inner - 1]:
                inside[hits[i + inner - 1]] += 1
            key = (len(inside), sum(inside.values()))
            if key > best_key:
                best, best_key, best_section = i, key, (a, b)
    a, b = best_section
    found = [i for i in range(best, min(b, best + inner)) if hits[i]]
    if found:
        span = found[-1] - found[0] + 1
        best = max(a, min(found[0] - (width - span) // 2, b - width))
    last = min(b, best + width) - 1
    start, end = toks[best].start, toks[last].end
    out: list[tuple[str, bool]] = [("… ", False)] if best > 0 else []
    pos = start
    for t, hit in zip(toks[best : last + 1], hits[best : last + 1], strict=True):
        if hit:
            if t.start > pos:
                out.append((_flat(text[pos : t.start]), False))
            out.append((text[t.start : t.end], True))
            pos = t.end
    if end > pos:
        out.append((_flat(text[pos:end]), False))
    if last < len(toks) - 1:
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
