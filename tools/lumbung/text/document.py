"""What of a practice is searchable: its text as plain words, its labels, and the fields search filters on.

One definition serves the CLI index, related practices and site search, so all three see the same
words: title, summary, keywords, body (Markdown stripped), the place (province, regency) and a
"meta" text of office, themes and target groups (labels and slugs, so English queries reach
Indonesian practices), tags and partners.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lumbung.model import Practice
from lumbung.record import PracticeRecord
from lumbung.text import analysis
from lumbung.text.synonyms import document_synonyms, region_markers
from lumbung.vocabulary import vocabulary

# Searchable fields and their weight in ranking (CLI index and site search): title and the
# author's own keywords count most; "syn" holds the synonym groups a practice's phrases belong to.
# "adopted" holds the replication reports about the practice (place, office, changes): reports are
# not results of their own, but lead to the practice they adopted.
FIELD_BOOSTS = {
    "title": 3.0,
    "keywords": 3.0,
    "place": 2.5,
    "summary": 1.5,
    "meta": 1.2,
    "body": 1.0,
    "adopted": 1.0,
}
SYNONYM_FIELD_BOOST = 1.0

# Each rule that can fail after a long scan has a second branch (`skip`) for exactly those failures
# (no `>` before the line ends; no `]`, or no `(` after it, or no `)` after that): it swallows the
# text the failed scan read, unchanged, since no later start inside it could match either. Without
# it every `<`, `[` or `![` of a long run would rescan to the end of its line or of the text.
_MD_RULES = [
    (re.compile(r"```.*?```", re.S), " "),  # fenced code
    (re.compile(r"<[^>\n]+>|(?P<skip><[^>\n]*+(?=\n|\Z))"), " "),  # HTML tags
    (
        re.compile(r"!\[([^\]]*)\]\([^)]*\)|(?P<skip>!\[[^\]]*+(?:\Z|\](?!\()|\]\([^)]*+\Z))"),
        r"\1",
    ),  # images: keep the alt text
    (
        re.compile(r"\[([^\]]+)\]\([^)]*\)|(?P<skip>\[[^\]]*+(?:\Z|\](?!\()|\]\([^)]*+\Z))"),
        r"\1",
    ),  # links: keep the text
    (re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.M), ""),  # block markers
    (re.compile(r"(\*\*|__|\*|`)"), ""),  # emphasis and code spans
]


def _replace(pattern: re.Pattern[str], repl: str, text: str) -> str:
    if "skip" not in pattern.groupindex:
        return pattern.sub(repl, text)
    return pattern.sub(lambda m: m.group(0) if m.group("skip") is not None else m.expand(repl), text)


def plain(markdown: str) -> str:
    """Readable plain text of a Markdown body (for indexing and snippets)."""
    text = markdown
    for pattern, repl in _MD_RULES:
        text = _replace(pattern, repl, text)
    return re.sub(r"[ \t]+", " ", text).strip()


_HEADING_RE = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+.*$", re.M)
SECTION_BREAK = "\f"  # between sections in section_text(): never part of plain Markdown text


def section_text(markdown: str) -> str:
    """Plain text of a Markdown body without its headings, sections separated by SECTION_BREAK.

    Snippets are cut from one section, so a heading never runs into the text ("lulusan. Latar
    Belakang Selama ...")."""
    parts = (plain(x) for x in _HEADING_RE.split(markdown))
    return SECTION_BREAK.join(x for x in parts if x)


def meta_text(r: PracticeRecord) -> str:
    """Office, labels, tags and partners as one text (sentences, so phrases do not run together)."""
    parts = [r.office]
    for vocab, slugs in (("themes", r.themes), ("target-groups", r.target_groups)):
        labels = vocabulary(vocab)
        parts += [labels.label(s) for s in slugs] + [s.replace("-", " ") for s in slugs]
    parts += [*r.tags, *(x.name for x in r.partners)]
    return ". ".join(x for x in parts if x)


def years(r: PracticeRecord) -> list[str]:
    """Years the practice ran (period start to end, "berjalan" up to its last date), else its date's year."""
    last = max(d.isoformat()[:4] for d in (r.date, r.last_reviewed) if d)
    if r.period:
        start = r.period.start[:4]
        end = (r.period.end or "")[:4]
        end = end if end.isdigit() else last
        if int(start) <= int(end) <= int(start) + 50:
            return [str(y) for y in range(int(start), int(end) + 1)]
    return [last]


def display(r: PracticeRecord) -> dict[str, Any]:
    """What a search result shows without reopening the file."""
    return {
        "title": r.title,
        "summary": r.summary,
        "province": r.region.province,
        "regency": r.region.regency,
        "themes": list(r.themes),
        "language": r.language,
    }


@dataclass(frozen=True)
class Analysed:
    """A practice's searchable texts, each split into folded words once, and their index terms.

    Keys: title, summary, keywords, meta, body (plain text), adopted (the reports about it).
    tokens() of a joined text equals the joined tokens of its parts, so anything built from several
    texts can start from these."""

    texts: dict[str, str]
    words: dict[str, list[str]]
    terms: dict[str, list[str]]


def analyse_practice(p: Practice, adopted: Sequence[tuple[str, str]] = ()) -> Analysed:
    """`adopted`: (text, language) of the replication reports about the practice (adoption.search_texts)."""
    r = p.practice_record()
    stop = analysis.stopwords(r.language)
    stem = analysis.stem_en if r.language == "en" else analysis.stem_id
    texts = {
        "title": r.title,
        "summary": r.summary,
        "keywords": ". ".join(r.keywords),
        "meta": meta_text(r),
        "body": plain(p.body),
        "adopted": "\n".join(text for text, _ in adopted),
    }
    words = {name: analysis.words(text) for name, text in texts.items()}
    terms = {name: [stem(w) for w in ws if w not in stop] for name, ws in words.items()}
    terms["adopted"] = adopted_terms(adopted)  # in each report's language, not the practice's
    return Analysed(texts, words, terms)


def adopted_terms(adopted: Sequence[tuple[str, str]]) -> list[str]:
    """The "adopted" field's terms: each replication report's text analysed in its own language."""
    out: list[str] = []
    for text, language in adopted:
        stop = analysis.stopwords(language)
        stem = analysis.stem_en if language == "en" else analysis.stem_id
        out += [stem(w) for w in analysis.words(text) if w not in stop]
    return out


def search_document(
    p: Practice, analysed: Analysed | None = None, adopted: Sequence[tuple[str, str]] = ()
) -> dict[str, Any]:
    """The index fields of a practice: searchable text pre-analysed in its own language; `adopted`
    is the text of the replication reports about it (adoption.search_texts)."""
    r = p.practice_record()
    lang, province, regency = r.language, r.region.province, r.region.regency
    stop = analysis.stopwords(lang)
    a = analysed or analyse_practice(p, adopted)
    split, terms = a.words, a.terms
    # Did-you-mean draws on the words of title, summary, keywords and labels only: the body would
    # double the index's postings (and its build time) for suggestions nobody needs.
    words = {
        w
        for name in ("title", "summary", "keywords", "meta")
        for w in split[name]
        if w not in stop and w.isalpha() and len(w) > 2
    }
    ordered = [t for name in ("title", "summary", "keywords", "body", "meta") for t in terms[name]]
    doc: dict[str, Any] = {
        "path": p.relpath,
        "id": p.id,
        **{
            name: " ".join(terms[name])
            for name in ("title", "summary", "keywords", "meta", "body", "adopted")
        },
        # The place's words, and its region markers: "NTT" in a query finds practices in NTT only.
        "place": " ".join(
            analysis.tokens(". ".join(x for x in (province, regency) if x), lang)
            + region_markers(province, regency)
        ),
        # Synonym groups of the phrases the practice contains, matched word by word (see synonyms.py).
        "syn": " ".join(document_synonyms().markers(ordered)),
        "words": " ".join(sorted(words)),
        "themes": " ".join(r.themes),
        "target_groups": " ".join(r.target_groups),
        "year": " ".join(years(r)),
        "display": display(r),
    }
    doc["province"] = province
    if regency:
        doc["regency"] = regency
    return {k: v for k, v in doc.items() if v != ""}
