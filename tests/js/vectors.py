"""Test vectors for the site's scripts, written by the Python code they must agree with.

`python tests/js/vectors.py DIR` writes one JSON file per topic into DIR; the node tests in this
folder (`make test-js`) read them, so a change on either side that breaks the agreement fails there.
Every expectation is computed here by lumbung itself, never written by hand.
"""

from __future__ import annotations

import itertools
import json
import random
import sys
import unicodedata
from pathlib import Path
from typing import Any

from lumbung.formats.frontmatter import parse
from lumbung.model import Library
from lumbung.search import ranking, static
from lumbung.search.query import plan, snippet, snippet_html, word_class
from lumbung.search.static import _query_synonyms
from lumbung.site import opendata
from lumbung.site.catalogue import Site, build_site
from lumbung.site.paging import window
from lumbung.site.urls import page_url
from lumbung.source.loader import Loader
from lumbung.text import analysis
from lumbung.text.document import SECTION_BREAK, section_text
from lumbung.text.numbers import fmt_number
from lumbung.vocabulary import match_key

REPO = Path(__file__).resolve().parents[2]
CHUNK = 2  # cards per chunk file: small, so the sample library spreads over many chunks


def numbers() -> dict[str, Any]:
    """Whole numbers as the built pages write them (text.numbers.fmt_number)."""
    values = [0, 1, 9, 10, 99, 100, 999, 1000, 1020, 9999, 10000, 123456, 1000000, 1234567890]
    return {"cases": [[n, fmt_number(n)] for n in values]}


def paging() -> dict[str, Any]:
    """The page numbers a pager shows (paging.window) for every page of up to 15 pages."""
    cases = [[n, count, window(n, count)] for count in range(1, 16) for n in range(1, count + 1)]
    return {"cases": cases}


def _values(e) -> dict[str, list[str]]:
    """A practice's values of each catalogue filter, read from the entry itself (not from data.json)."""
    return {
        "tema": list(e.themes),
        "provinsi": [e.province_slug],
        "sasaran": list(e.target_groups),
        "tahun": [str(e.year)] if e.year else [],
    }


def catalogue(site: Site) -> dict[str, Any]:
    """The catalogue's files (opendata.catalogue_data) and, for chosen filter states, which practices
    match in each order, how many each option would give, and each practice's card."""
    keys = list(opendata.CATALOGUE_KEYS)
    values = [_values(e) for e in site.entries]
    options = {k: sorted({v for vs in values for v in vs[k]}) for k in keys}
    blank = {k: "" for k in keys}
    states = [dict(blank)]
    for k in keys:
        states += [{**blank, k: v} for v in options[k]]
    for a, b in itertools.combinations(keys, 2):
        states += [{**blank, a: x, b: y} for x in options[a] for y in options[b]]
    title_order = sorted(range(len(site.entries)), key=lambda i: (match_key(site.entries[i].title), i))
    adoptions = [site.adoption_count(e.id) for e in site.entries]

    def chosen(state: dict[str, str], i: int) -> bool:
        return all(not state[k] or state[k] in values[i][k] for k in keys)

    cases = []
    for state in states:
        ids = [i for i in range(len(values)) if chosen(state, i)]
        tallies = {}
        for k in keys:
            others = {**state, k: ""}
            counts: dict[str, int] = {}
            for i in range(len(values)):
                if chosen(others, i):
                    for v in values[i][k]:
                        counts[v] = counts.get(v, 0) + 1
            tallies[k] = counts
        cases.append(
            {
                "state": state,
                "ids": ids,
                "byTitle": [i for i in title_order if i in ids],
                "byAdoptions": sorted(ids, key=lambda i: (-adoptions[i], i)),
                "tally": tallies,
            }
        )
    cards = [
        {"i": i, "url": page_url(e.src, True), "title": e.title, "summary": e.summary, "regency": e.regency}
        for i, e in enumerate(site.entries)
    ]
    files = opendata.catalogue_data(site, directory_urls=True, size=CHUNK)
    return {"files": files, "cases": cases, "cards": cards}


# Texts that have tripped tokenisers: accents precomposed and not, ligatures, full-width letters,
# casefolding that lowercasing does not do, reduplication, slash acronyms, apostrophes, digits of
# other scripts, letters outside the BMP, invisible characters.
HOSTILE = [
    "Café CAFÉ cafe\u0301 naïve Ñusantara",
    "Straße STRASSE ß",
    "İstanbul IŞIK ıi",
    "ΣΑΣ σας Σ",
    "anak-anak Anak-anak kupu-kupu sayur-mayur",
    "S/D AK/I PHK/PKWT 30/40 s/d a/b/c abcd/ef",
    "rock'n'roll Jum’at o'clock 'kutip' a''b",
    "e-KTP co-working x-y-z -awal akhir- k-3 3-k",
    "¼ ½ ² x² 1 23 4 Ⅻ ⅻ",
    "٣٤٥ ۱۲ १२३",
    "𝐀𝐁𝐂 𝐀 a𝐀",
    "emoji 👩‍💻 kerja 🇮🇩 ok",
    "ﬁnance ﬂ ｆｕｌｌｗｉｄｔｈ ＡＢ",
    "a_b snake_case __init__",
    "中文 字 日本語",
    "кириллица Москва",
    "zero\u200bwidth soft\u00adhyphen non\u00a0break",
    "tab\tline\nbreak\fform",
    "dash—em–en minus−sign",
    "ǅemal ǈ ǋ",
    "ᏣᎳᎩ ꮳꮃꭹ ᾀᾁ ΟΔΟΣ ὈΔΌΣ",
    "สวัสดี ครับ नमस्ते தமிழ் ஔவை 한국어 ພາສາລາວ",
    "nai\u0308ve e\u0301-KTP A\u030a/B",
    "",
    "   ",
    "x",
    "kerja" * 40,
]


def _bodies() -> list[str]:
    """The bodies of the sample library's practices: real Indonesian and English text."""
    out = []
    for path in sorted((REPO / "practices").rglob("*.md")):
        body = parse(path.read_text(encoding="utf-8"), path.name).body
        if body:
            out.append(body)
    return out


def words() -> dict[str, Any]:
    """Each text's words as analysis.surface_words finds them (folded word, the text it stands for),
    and how each word of the sample library is formed from its stem (query.word_class)."""
    texts = HOSTILE + _bodies()
    cases = [[t, [[w, t[s:e]] for w, s, e in analysis.surface_words(t)]] for t in texts]
    found = sorted({w for _, ws in cases for w, _ in ws})
    classes = [[w, analysis.stem_id(w), word_class(w, analysis.stem_id(w))] for w in found]
    return {"cases": cases, "classes": classes}


def _ranges(cps: list[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for cp in cps:
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def characters() -> dict[str, Any]:
    """Every assigned character up to U+2FFFF, as analysis.surface_words treats it: alone (whether it
    is a word, and which), inside a word ("ab" c "cd" is one word or not) and before a slash ("c/ab"
    is one slash acronym or not). Lowercasing, casefolding and NFKD differ character by character,
    and the browser's regular expressions name character classes differently from Python's."""
    assigned, joined, acronym = [], [], []
    kept: dict[int, str] = {}
    for cp in range(0x30000):
        c = chr(cp)
        if unicodedata.category(c) in ("Cn", "Cs", "Co"):
            continue
        assigned.append(cp)
        alone = analysis.surface_words(c)
        if alone:
            kept[cp] = alone[0][0]
        if len(analysis.surface_words(f"ab{c}cd")) == 1:
            joined.append(cp)
        slash = analysis.surface_words(f"{c}/ab")
        if len(slash) == 1 and slash[0][1:] == (0, len(c) + 3):
            acronym.append(cp)
    return {
        "unicode": unicodedata.unidata_version,
        "assigned": _ranges(assigned),
        "joined": _ranges(joined),
        "acronym": _ranges(acronym),
        "kept": kept,
    }


def ranked() -> dict[str, Any]:
    """ranking.rank on made-up concept scores: sizes from one practice to a few hundred, concepts no
    practice matches, equal scores (the lower practice number first) and facet filters."""
    rng = random.Random(16)
    cases = []
    for n in (1, 2, 5, 40, 300):
        for _ in range(12):
            concepts = []
            for _ in range(rng.randint(1, 4)):
                share = rng.choice([0.0, 0.05, 0.3, 0.9])
                levels = [1.0, 2.5, rng.uniform(0.1, 30)]  # few distinct values: ties happen
                concepts.append({d: rng.choice(levels) for d in range(n) if rng.random() < share})
            allowed = sorted(rng.sample(range(n), max(1, n // 3))) if rng.random() < 0.3 else None
            out = ranking.rank(concepts, n, set(allowed) if allowed is not None else None)
            cases.append(
                {
                    "n": n,
                    "concepts": [sorted(c.items()) for c in concepts],
                    "allowed": allowed,
                    "docs": [r.doc for r in out],
                    "scores": [r.score for r in out],
                    "coverage": [r.coverage for r in out],
                    "missing": list(out[0].missing) if out else [],
                }
            )
    return {"coordination": ranking.COORDINATION, "cases": cases}


# Queries readers asked (tests/search/test_ranking.py), synonyms, regions, English, and odd ones.
QUERIES = [
    "disabilitas tunarungu",
    "cara meningkatkan penempatan penyandang disabilitas tunarungu",
    "konseling karier perempuan",
    "tuna rungu",
    "antri wawancara job fair",
    "bikin akun siapkerja",
    "konseling offline",
    "fresh graduate SMK",
    "pendampingan mantan TKI",
    "pameran kerja",
    "PHK pesangon",
    "NTT",
    "jawa timur pelatihan",
    "career counselling women",
    "penempatan setempat menempatkan tempat",
    "kerja kerja kerja",
    "<script>&amp;",
    "a",
]


def snippets(site: Site) -> dict[str, Any]:
    """query.snippet on the sample practices' texts for each of QUERIES: the HTML, and what the
    browser needs to cut it (the plan's terms to mark, each text word's stem)."""
    texts = [
        (e.summary + SECTION_BREAK + section_text(e.practice.body or ""), e.practice.language)
        for e in site.entries
    ]
    texts += [
        ("Bursa <kerja> & \"job fair\" di desa 'Lahat'\x85\ufeff\x1cpenempatan\u3000kerja", "id"),
        ("\f\fkerja\f\f", "id"),
        ("   ", "id"),
        ("the of and", "en"),
        ("𝐀𝐁 " * 120, "id"),
    ]
    stems: dict[str, list[str]] = {}  # word -> [Indonesian stem, English stem]
    for text, _ in texts:
        for w, _, _ in analysis.surface_words(text):
            if w not in stems:
                stems[w] = [analysis.stem_id(w), analysis.stem_en(w)]
    plans, cases = {}, []
    for query in QUERIES:
        p = plan(query)
        highlight = {t: (sorted(c) if c is not None else None) for t, c in p.highlight.items()}
        plans[query] = {"highlight": highlight, "phrases": sorted(list(ph) for ph in p.phrases)}
        for i, (text, lang) in enumerate(texts):
            cases.append([query, i, snippet_html(snippet(text, lang, p.highlight, p.phrases))])
    return {
        "stopwords": {lang: sorted(analysis.stopwords(lang)) for lang in analysis.LANGS},
        "texts": texts,
        "stems": stems,
        "plans": plans,
        "cases": cases,
    }


def plans() -> dict[str, Any]:
    """query.plan of QUERIES and a few more, with what the browser looks up to make it: each word's
    stems (the lexicon) and the synonym table, as the site's index carries them."""
    queries = QUERIES + [
        "yang dan di",  # stop words only
        " ".join(f"kata{i}" for i in range(40)),  # longer than MAX_QUERY_WORDS
        "job fair jawa timur PHK",
        "nusa tenggara timur",
        "Pameran-kerja S/D 2024 ½",
    ]
    stems: dict[str, list[str]] = {}
    expected = {}
    for query in queries:
        p = plan(query)
        for w, _, _ in analysis.surface_words(query):
            stems[w] = [analysis.stem_id(w), analysis.stem_en(w)]
        expected[query] = {
            "words": [[w, query[s:e]] for w, s, e in p.words],
            "concepts": [[[list(terms), w] for terms, w in c] for c in p.concepts],
            "labels": p.labels,
            "covered": p.covered,
            "highlight": {t: (sorted(c) if c is not None else None) for t, c in sorted(p.highlight.items())},
            "phrases": sorted(list(ph) for ph in p.phrases),
            "truncated": p.truncated,
        }
    config = {
        "queryStop": sorted(analysis.query_stopwords() | analysis.stopwords("id") | analysis.stopwords("en")),
        "maxQueryWords": ranking.MAX_QUERY_WORDS,
        "synonymWeight": ranking.SYNONYM_WEIGHT,
        "regionTextWeight": ranking.REGION_TEXT_WEIGHT,
    }
    return {"config": config, "synonyms": _query_synonyms(), "stems": stems, "plans": expected}


def index(folder: Path, library: Library) -> dict[str, Any]:
    """The site's search index of the sample library, built into `folder`/site/search as the site
    has it, and what the browser must read from it: each impact byte's value, and made-up postings
    with their encoded bytes (the format's edge cases: large gaps, a term of several bytes)."""
    static.build_site_search(library, folder / "site")
    made_up = {
        "kerja": [(0, 1), (1, 255), (300, 17), (20_000, 128)],
        "pelatihan": [(5, 2)],
        "ñandú": [(0, 9), (127, 9), (128, 9), (16_384, 9)],
        "phk-massal": [(n, 1 + n % 255) for n in range(0, 3000, 7)],
    }
    blob = b"".join(static._encode(t, plist) for t, plist in made_up.items())
    return {
        "impact": [static.impact_value(b) for b in range(1, 256)],
        "encoded": list(blob),
        "postings": {t: [[d for d, _ in p], [i for _, i in p]] for t, p in made_up.items()},
        "queries": QUERIES,
    }


def write(folder: Path) -> list[Path]:
    """Writes every vector file into `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    library = Loader(REPO).load()
    site = build_site(library)
    docs = {
        "numbers": numbers(),
        "paging": paging(),
        "catalogue": catalogue(site),
        "words": words(),
        "characters": characters(),
        "ranking": ranked(),
        "snippets": snippets(site),
        "plans": plans(),
        "index": index(folder, library),
    }
    out = []
    for name, doc in docs.items():
        path = folder / f"{name}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        out.append(path)
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("pemakaian: python tests/js/vectors.py FOLDER")
    for written in write(Path(sys.argv[1])):
        print(written)
