"""Text analysis for Indonesian and English practices: the one analyser behind search and similarity.

Tokenising is Unicode-aware; words are lowercased and accent-folded, a short curated stop-word
list is dropped, and the rest is stemmed: Sastrawi (PySastrawi) for Indonesian, corrected by an
exceptions table where it errs, and Snowball English for `language: en` practices. Stems are
cached, so analysing thousands of practices mostly costs dictionary look-ups. Nothing here knows
about whoosh: index.py wraps these functions in a whoosh analyser.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, cast

from lumbung.datafiles import DATA, read_yaml

LANGS = ("id", "en")

# Words, with inner apostrophes, hyphens and slashes kept so the parts can be handled below.
_WORD_RE = re.compile(r"[^\W_]+(?:['’/-][^\W_]+)*")
# "AK/I", "S/D": slash acronyms of short letter groups are one word ("aki"); anything else splits.
_SLASH_ACRONYM_RE = re.compile(r"^[^\W\d_]{1,3}(?:/[^\W\d_]{1,3})+$")
_DIGIT_RE = re.compile(r"\d")
# Characters that Word and the web leave inside words without showing them (soft hyphen, zero-width
# space and joiners, word joiner, byte-order mark): not word breaks.
_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
MIN_STEM_LENGTH = 4  # shorter words (acronyms, roots) are never stemmed
CACHE_SIZE = 200_000


@dataclass(frozen=True, slots=True)
class Token:
    """One analysed word: its index term, its surface form (folded) and its place in the text."""

    term: str
    word: str
    start: int
    end: int


def strip_invisible(text: str) -> str:
    """`text` without the invisible characters a paste leaves inside words ("pela\u00adtihan")."""
    return _INVISIBLE_RE.sub("", text)


def lower_unaccented(text: str) -> str:
    """Casefold and drop accents, so 'Café' and 'cafe' are one word; every other character stays
    (unlike `vocabulary.match_key`, which keeps only ASCII letters and digits)."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def _parts(raw: str) -> list[tuple[str, int, int]]:
    """Words of one raw token (hyphen and slash parts, apostrophes removed) with offsets in it."""
    if "/" in raw and _SLASH_ACRONYM_RE.match(raw):
        return [(raw.replace("/", ""), 0, len(raw))]
    out = []
    pos = 0
    previous = None
    for part in re.split(r"[-/]", raw):
        start = raw.index(part, pos)
        pos = start + len(part)
        word = part.replace("'", "").replace("’", "")
        if word and word.lower() != previous:  # "anak-anak": reduplication counts once
            out.append((word, start, pos))
        previous = word.lower()
    return out


def _fold_word(word: str) -> str:
    return word.lower() if word.isascii() else lower_unaccented(word)


def surface_words(text: str) -> list[tuple[str, int, int]]:
    """Folded words of `text` with character offsets, before stop words and stemming."""
    out: list[tuple[str, int, int]] = []
    append = out.append
    for match in _WORD_RE.finditer(text):
        raw = match.group()
        if raw.isalnum():  # the common case: a plain word
            word = _fold_word(raw)
            if len(word) > 1 or word.isdigit():
                append((word, match.start(), match.end()))
            continue
        base = match.start()
        for part, start, end in _parts(raw):
            word = _fold_word(part)
            if len(word) > 1 or word.isdigit():
                append((word, base + start, base + end))
    return out


def words(text: str) -> list[str]:
    """Folded words of `text` without offsets: the fast path for indexing and similarity.

    Same words as surface_words(): the text is split first and each word folded on its own
    (folding first would split "¼" into "1", "4").
    """
    ascii_text = text.isascii()
    out = []
    for raw in _WORD_RE.findall(text.lower() if ascii_text else text):
        if raw.isalnum():
            word = raw if ascii_text else _fold_word(raw)
            if len(word) > 1 or word.isdigit():
                out.append(word)
        else:
            for part, _, _ in _parts(raw):
                word = part if ascii_text else _fold_word(part)
                if len(word) > 1 or word.isdigit():
                    out.append(word)
    return out


@cache
def stopwords(lang: str) -> frozenset[str]:
    """The curated stop-word list of a language (data/stopwords-<lang>.txt)."""
    path = DATA / f"stopwords-{lang if lang in LANGS else 'id'}.txt"
    with open(path, encoding="utf-8") as fh:
        return frozenset(w for line in fh if (w := line.split("#", 1)[0].strip()))


@cache
def query_stopwords() -> frozenset[str]:
    """Words of how a question is asked ("bagaimana cara ..."), dropped from queries only."""
    with open(DATA / "stopwords-query.txt", encoding="utf-8") as fh:
        return frozenset(w for line in fh if (w := line.split("#", 1)[0].strip()))


@cache
def stem_exceptions() -> dict[str, str]:
    """Surface word -> stem, for words Sastrawi stems wrongly (data/stem-exceptions.yaml)."""
    raw = read_yaml("stem-exceptions.yaml") or {}
    return {lower_unaccented(str(k)): lower_unaccented(str(v)) for k, v in raw.get("exceptions", {}).items()}


@cache
def _sastrawi() -> Any:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer(False)  # uncached: our own LRU cache is in front of it


@cache
def _english() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=CACHE_SIZE)
def stem_id(word: str) -> str:
    """Indonesian stem of one folded word: exceptions table first, then Sastrawi."""
    fixed = stem_exceptions().get(word)
    if fixed is not None:
        return fixed
    if len(word) < MIN_STEM_LENGTH or _DIGIT_RE.search(word):
        return word
    return _sastrawi().stem(word) or word


@lru_cache(maxsize=CACHE_SIZE)
def stem_en(word: str) -> str:
    """English (Snowball) stem of one folded word."""
    if len(word) < MIN_STEM_LENGTH - 1 or _DIGIT_RE.search(word):
        return word
    return cast(str, _english().stemWord(word))


def analyse(text: str, lang: str = "id") -> list[Token]:
    """Tokens of `text` in `lang`: stop words dropped, every other word stemmed, offsets kept."""
    stop = stopwords(lang)
    stemmer = stem_en if lang == "en" else stem_id
    return [Token(stemmer(w), w, s, e) for w, s, e in surface_words(text) if w not in stop]


def tokens(text: str, lang: str = "id") -> list[str]:
    """The index terms of `text` in `lang`, in order (stop words dropped, words stemmed)."""
    stop = stopwords(lang)
    stemmer = stem_en if lang == "en" else stem_id
    return [stemmer(w) for w in words(text) if w not in stop]


def is_stopword(word: str) -> bool:
    """True when the folded word is a stop word of any supported language or of queries (for queries)."""
    return word in query_stopwords() or any(word in stopwords(lang) for lang in LANGS)


def fingerprint() -> str:
    """Changes whenever analysis or synonyms would index different terms: the index is rebuilt then."""
    import hashlib

    h = hashlib.sha256(b"analysis-v1")
    for name in ("stopwords-id.txt", "stopwords-en.txt", "stem-exceptions.yaml", "synonyms.yaml"):
        h.update((DATA / name).read_bytes())
    return h.hexdigest()[:16]
