"""Site search: a static, sharded index of the published practices, made for phones.

The browser gets the same analysis, synonyms and field weights as the CLI (search.py, index.py):
every practice is analysed here, at build time, with Sastrawi and our exceptions table, and the
results are written as small files that a query fetches only as it needs them:

    search/config.json      format version, stop words, weights, facet labels, and per practice its
                            province and themes (facet counts and filters; fetched when the search
                            box gets the focus)
    search/lex/<xyz>.json   by a word's first three letters (see `prefix`): "w" every word of the
                            library -> [Indonesian stem, English stem] (the browser has no stemmer of
                            its own); "t" every term these stems name, or that starts with the
                            file's letters -> how many practices have it, where its postings are
                            (a rare term's are inline) and the practices where it weighs most (their
                            files load with the postings); "s" the query-side synonyms whose first term
                            is one of those; "f" for the terms of the file's letters, the words whose
                            stem they are (to mark a snippet's words without a stem for each)
    search/t/<k>.bin(.gz)   postings: term -> practices, each with a one-byte BM25F impact (log
                            scale); a common term alone in its file, rarer ones packed together;
                            gzipped, since static hosts send binary files as they are
    search/d/<n>.json       practice n: address, title, place, themes, and an excerpt (the first
                            sentences of each section, excerpt.py) for its snippet
    search/x/<n>.json       practice n's whole text, when the excerpt was cut: fetched only when a
                            result's excerpt holds none of the words to mark
    search/words/<c>.json   did-you-mean: the library's words by first letter, with frequencies

So a query for a word of the library takes two round trips before its first result shows: the
word's lexicon file, fetched as the word is typed, then the postings of its terms, all at once, with
the result files of the practices where its main term weighs most; a term without postings is never
asked for, and a rare term's postings come with its lexicon file.

Why not Pagefind, which this module used before: at 5,000 generated practices a Pagefind query for
a common word took 200-880 ms in headless Chromium (its WebAssembly scores every word position of
every matching page), and its Snowball stemmer had to be corrected by enriching every record. Here a
query decodes a few compact posting lists and sums precomputed impacts (see BENCHMARKS.md).

Scores: a practice's impact for a term sums, over the fields, whoosh's BM25F term-frequency part
with the field's boost (document.FIELD_BOOSTS); the browser multiplies by the term's idf, adds
the words of a phrase and takes the best form of each concept, as index.py's queries do.
"""

from __future__ import annotations

import gzip
import json
import math
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from lumbung import background
from lumbung.model import Library
from lumbung.search.excerpt import excerpt
from lumbung.search.ranking import COORDINATION, MAX_QUERY_WORDS, REGION_TEXT_WEIGHT, SYNONYM_WEIGHT
from lumbung.site.adoption import search_texts
from lumbung.site.urls import page_url, src_of
from lumbung.text import analysis, document
from lumbung.text.document import SECTION_BREAK, analyse_practice, search_document, section_text
from lumbung.text.synonyms import synonyms
from lumbung.vocabulary import NATIONAL, regions, vocabulary

SEARCH_DIR = "search"
FORMAT = 4  # bump when the files change shape; search.js refuses other versions
FIELD_BOOSTS = {**document.FIELD_BOOSTS, "syn": document.SYNONYM_FIELD_BOOST}
K1, B = 1.2, 0.75  # whoosh's BM25F defaults, as the CLI index uses them
IMPACT_MAX = sum(FIELD_BOOSTS.values()) * (K1 + 1)  # the largest impact a term can have
# Impacts are stored as one byte on a log scale from IMPACT_MIN to IMPACT_MAX: every step is 3 %
# apart, so two practices that the CLI ranks 7 % apart keep their order in the browser. (A linear
# byte gave a word found once in a body, impact about 1 of 29, a step of 11 %.)
IMPACT_MIN = 0.01
PACK_BYTES = 1024  # postings shorter than this share a file; a longer list has a file of its own
INLINE_DOCS = 8  # postings of a term in at most this many practices are written into the lexicon
LIKELY_FIRST = 5  # practices of highest impact listed for a term: what a one-word query likely shows first
MAX_WORDS = 200_000  # did-you-mean vocabulary


@dataclass
class SiteSearchReport:
    records: int = 0  # practices in the index
    words: int = 0  # words in the did-you-mean lists
    terms: int = 0  # distinct index terms
    shards: int = 0  # postings files


def prefix(word: str) -> str:
    """The lexicon file of a word: its first three characters when they are ASCII letters or digits."""
    head = word[:3]
    if head.isascii() and head.isalnum():
        return head
    return "u" + "".join(f"{ord(c):04x}" for c in word[:1])


def _varint(n: int, out: bytearray) -> None:
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def _impact(tf: float, length: int, avg: float) -> float:
    return tf * (K1 + 1) / (tf + K1 * ((1 - B) + B * length / avg)) if tf else 0.0


def impact_byte(value: float) -> int:
    """An impact as the byte the postings store (1-255, log scale; see IMPACT_MIN)."""
    if value <= IMPACT_MIN:
        return 1
    step = math.log(value / IMPACT_MIN) / math.log(IMPACT_MAX / IMPACT_MIN)
    return max(1, min(255, 1 + round(step * 254)))


def impact_value(byte: int) -> float:
    """The impact a stored byte stands for (search.js decodes it the same way)."""
    return cast(float, IMPACT_MIN * (IMPACT_MAX / IMPACT_MIN) ** ((byte - 1) / 254))


def _lexicon(words: list[str], lex: dict[str, list[str]]) -> None:
    """Adds `words` to `lex` with their Indonesian and English stems."""
    for word in dict.fromkeys(words):
        if word not in lex:
            lex[word] = _stems(word)


def _stems(word: str) -> list[str]:
    sid, sen = analysis.stem_id(word), analysis.stem_en(word)
    return [sid] if sid == sen else [sid, sen]


def _query_synonyms() -> dict[str, dict[str, list]]:
    """The query-side table: stems of a phrase (space-joined) -> its markers and the terms to highlight."""
    out: dict[str, dict[str, list]] = {}
    for key, (_, markers, expansions) in synonyms().table.items():
        forms: list[list[str]] = []
        for phrase in expansions:
            for lang in analysis.LANGS:
                terms = analysis.tokens(phrase, lang)
                if terms and terms not in forms:
                    forms.append(terms)
        out[" ".join(key)] = {"m": sorted(markers), "h": forms}
    return out


def _vocabulary_words(lex: dict[str, list[str]]) -> None:
    """Words a reader may type that no practice contains yet: synonyms, labels, place names."""
    texts: list[str] = []
    for surface, _, expansions in synonyms().table.values():
        texts += [surface, *expansions]
    for name in ("themes", "target-groups"):
        texts += list(vocabulary(name).values.values())
    for province in regions().provinces:
        texts.append(province.name)
    for word in analysis.words("\n".join(texts)):
        lex.setdefault(word, _stems(word))


def _did_you_mean(df: Counter) -> dict[str, list[tuple[str, int]]]:
    """The library's words by first letter, each with its document frequency, most frequent first."""
    shards: dict[str, list[tuple[str, int]]] = {}
    # Ties in a fixed order: the same library always gives the same files.
    for w, n in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_WORDS]:
        shards.setdefault(w[0], []).append((w, n))
    return shards


def _letter_file(letter: str) -> str:
    return letter if letter.isascii() and letter.isalnum() else f"u{ord(letter):04x}"


def _dump(path: Path, data: object) -> None:
    # json.dumps runs the C encoder; json.dump would encode piece by piece in Python.
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _encode(term: str, plist: list[tuple[int, int]]) -> bytes:
    """A term's postings as search.js parses them: term, count, practice gaps, impact bytes."""
    buf = bytearray()
    raw = term.encode("utf-8")
    _varint(len(raw), buf)
    buf += raw
    _varint(len(plist), buf)
    last = 0
    for number, _ in plist:
        _varint(number - last, buf)
        last = number
    buf += bytes(imp for _, imp in plist)
    return bytes(buf)


def _postings(per_doc: list[dict[str, Counter]], lengths: dict[str, list[int]]) -> dict[str, list]:
    """term -> [(practice number, impact byte)], numbers ascending."""
    averages = {name: (sum(v) / len(v) if v and sum(v) else 1.0) for name, v in lengths.items()}
    postings: dict[str, list[tuple[int, int]]] = {}
    for n, fields in enumerate(per_doc):
        impacts: dict[str, float] = {}
        for name, counts in fields.items():
            boost, length, avg = FIELD_BOOSTS[name], lengths[name][n], averages[name]
            for term, tf in counts.items():
                impacts[term] = impacts.get(term, 0.0) + _impact(boost * tf, length, avg)
        for term, value in impacts.items():
            postings.setdefault(term, []).append((n, impact_byte(value)))
    return postings


def _write_postings(postings: dict[str, list[tuple[int, int]]], folder: Path) -> dict[str, list]:
    """Writes the postings files; returns term -> its lexicon entry: [practices, file, the LIKELY_FIRST
    practices of highest impact] or, for a rare term, [practices, [practice numbers], [impact bytes]].

    The practices of highest impact let search.js fetch the result files of a one-word query while
    its postings load, instead of after."""
    where: dict[str, list] = {}
    packs: list[bytearray] = []
    pack, pack_number = bytearray(), 0
    for term in sorted(postings):
        plist = postings[term]
        if len(plist) <= INLINE_DOCS:
            where[term] = [len(plist), [d for d, _ in plist], [i for _, i in plist]]
            continue
        data = _encode(term, plist)
        top = [d for d, _ in sorted(plist, key=lambda x: (-x[1], x[0]))[:LIKELY_FIRST]]
        if len(data) >= PACK_BYTES:
            where[term] = [len(plist), len(packs), top]
            packs.append(bytearray(data))
            continue
        if not pack or len(pack) + len(data) > PACK_BYTES:
            pack = bytearray()  # a new file: the last one is full
            pack_number = len(packs)
            packs.append(pack)
        pack += data  # in place: the file in `packs` grows
        where[term] = [len(plist), pack_number, top]
    for k, data in enumerate(packs):
        (folder / f"{k}.bin").write_bytes(bytes(data))
        # Static hosts send binary files as they are: the compressed twin is what a browser that can
        # decompress (DecompressionStream) fetches. mtime=0: the same postings give the same bytes.
        (folder / f"{k}.bin.gz").write_bytes(gzip.compress(bytes(data), 9, mtime=0))
    return where


def _lexicon_files(
    lex: dict[str, list[str]], where: dict[str, list], query_synonyms: dict[str, dict[str, list]]
) -> dict[str, dict]:
    """prefix -> the lexicon file of that prefix: "w" its words and their stems; "t" where the postings
    are of the terms these stems name, of the terms that start with the prefix (a form the library
    lacks is looked up under its own letters) and of the synonym markers below; "s" the query-side
    synonyms whose first term is one of those terms."""
    by_first: dict[str, list[str]] = {}
    for key in query_synonyms:
        by_first.setdefault(key.split(" ", 1)[0], []).append(key)
    words: dict[str, dict[str, list[str]]] = {}
    named: dict[str, set[str]] = {}
    for word, word_stems in lex.items():
        words.setdefault(prefix(word), {})[word] = word_stems
        named.setdefault(prefix(word), set()).update(word_stems)
    for term in (*where, *by_first):
        named.setdefault(prefix(term), set()).add(term)
    forms = _forms(lex)
    files: dict[str, dict] = {}
    for name, terms in named.items():
        keys = sorted(k for t in terms for k in by_first.get(t, ()))
        markers = {m for k in keys for m in query_synonyms[k]["m"]}
        files[name] = {
            "w": dict(sorted(words.get(name, {}).items())),
            "t": {t: where[t] for t in sorted(terms | markers) if t in where},
            "s": {k: query_synonyms[k] for k in keys},
            "f": {t: forms[t] for t in sorted(terms) if t in forms and t in where and prefix(t) == name},
        }
    return files


def _forms(lex: dict[str, list[str]]) -> dict[str, list[list[str]]]:
    """term -> [the words whose Indonesian stem it is, (the words whose English stem it is, when they
    differ)]: what the browser marks in a snippet for a term, without a stem for every word."""
    by_id: dict[str, list[str]] = {}
    by_en: dict[str, list[str]] = {}
    for word, (sid, *rest) in sorted(lex.items()):
        sen = rest[0] if rest else sid
        if sid != word:
            by_id.setdefault(sid, []).append(word)
        if sen != word:
            by_en.setdefault(sen, []).append(word)
    out: dict[str, list[list[str]]] = {}
    for term in by_id.keys() | by_en.keys():
        a, b = by_id.get(term, []), by_en.get(term, [])
        out[term] = [a] if a == b else [a, b]
    return out


def build_site_search(
    library: Library, site_dir: Path | str, directory_urls: bool = True
) -> SiteSearchReport:
    """Write site_dir/search/ for the published practices (see the module docstring)."""
    site = Path(site_dir)
    published = sorted(library.published(), key=lambda p: p.relpath)
    out = site / SEARCH_DIR
    if out.exists():
        shutil.rmtree(out)
    for sub in ("lex", "t", "d", "x", "words"):
        (out / sub).mkdir(parents=True)

    theme_slugs = list(vocabulary("themes").values)
    province_names = [p.name for p in regions().provinces] + [NATIONAL]
    lex: dict[str, list[str]] = {}
    per_doc: list[dict[str, Counter]] = []
    lengths: dict[str, list[int]] = {name: [] for name in FIELD_BOOSTS}
    docs_prov: list[int] = []
    docs_themes: list[int] = []  # a bit per theme
    df: Counter = Counter()  # did-you-mean: words of title, summary, keywords and body
    adopted = search_texts(library)  # replication reports lead to the practice they adopted
    for n, p in enumerate(published):
        r = p.practice_record()
        province, regency = r.region.province, r.region.regency
        analysed = analyse_practice(p, adopted.get(p.id, ()))
        doc = search_document(p, analysed)  # the CLI index's fields, from the same split words
        fields = {name: Counter(doc.get(name, "").split()) for name in FIELD_BOOSTS}
        per_doc.append(fields)
        for name, counts in fields.items():
            lengths[name].append(sum(counts.values()))
        text_words = [w for name in ("title", "summary", "keywords", "body") for w in analysed.words[name]]
        stop = analysis.stopwords(r.language)
        df.update({w for w in text_words if len(w) > 3 and w.isalpha() and w not in stop})
        places = analysis.words(f"{province} {regency or ''}")
        _lexicon(text_words + places + analysed.words["adopted"], lex)
        docs_prov.append(province_names.index(province) if province in province_names else -1)
        own_themes = [theme_slugs.index(t) for t in r.themes if t in theme_slugs]
        docs_themes.append(sum(1 << t for t in set(own_themes)))
        full = r.summary + SECTION_BREAK + section_text(p.body)
        text, cut = excerpt(full)
        shown: dict[str, object] = {
            "u": page_url(src_of(p), directory_urls),
            "t": r.title,
            "p": ", ".join(x for x in (province, regency) if x),
            "th": own_themes,
            "x": text,
        }
        if cut:
            shown["c"] = 1
            _dump(out / "x" / f"{n}.json", full)
        if r.language != "id":
            shown["l"] = r.language
        _dump(out / "d" / f"{n}.json", shown)
    _vocabulary_words(lex)

    postings = _postings(per_doc, lengths)
    where = _write_postings(postings, out / "t")
    for name, data in _lexicon_files(lex, where, _query_synonyms()).items():
        _dump(out / "lex" / f"{name}.json", data)

    letters = _did_you_mean(df)
    for letter, rows in letters.items():
        _dump(out / "words" / f"{_letter_file(letter)}.json", [[w, n] for w, n in rows])
    _dump(
        out / "config.json",
        {
            "format": FORMAT,
            "docs": len(published),
            "impactMin": IMPACT_MIN,
            "impactMax": IMPACT_MAX,
            "stopwords": sorted(analysis.stopwords("id") | analysis.stopwords("en")),
            # a snippet skips the stop words of its practice's language, as query.snippet does
            "stopwordsByLanguage": {lang: sorted(analysis.stopwords(lang)) for lang in analysis.LANGS},
            "queryStopwords": sorted(analysis.query_stopwords()),
            "synonymWeight": SYNONYM_WEIGHT,
            "regionTextWeight": REGION_TEXT_WEIGHT,
            "coordination": COORDINATION,
            "maxQueryWords": MAX_QUERY_WORDS,
            "facets": {
                "tema": [vocabulary("themes").label(t) for t in theme_slugs],
                "provinsi": province_names,
            },
            "prov": docs_prov,
            "tema": docs_themes,
        },
    )
    files = sum(1 for _ in (out / "t").iterdir())
    return SiteSearchReport(len(published), sum(len(r) for r in letters.values()), len(postings), files)


class PendingSiteSearch:
    """A site-search build running in a child process while MkDocs renders the pages.

    The index depends only on the library, not on the rendered site, so it is built on the other
    core during the page rendering instead of after it; `finish` moves it into the site.
    """

    def __init__(self, library: Library, directory_urls: bool = True) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="lumbung-sitesearch-"))
        self.child = background.Pending(build_site_search, library, self.tmp, directory_urls)

    def finish(self, site_dir: Path | str) -> SiteSearchReport:
        """Wait for the index and move it into `site_dir`; raises RuntimeError if the child failed."""
        try:
            report: SiteSearchReport = self.child.result()
            dest = Path(site_dir) / SEARCH_DIR
            if dest.exists():
                shutil.rmtree(dest)
            shutil.move(str(self.tmp / SEARCH_DIR), str(dest))
            return report
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def cancel(self) -> None:
        self.child.cancel()
        shutil.rmtree(self.tmp, ignore_errors=True)
