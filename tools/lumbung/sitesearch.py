"""Site search: a Pagefind index of the published practices, built after the site.

Pagefind gives the browser a chunked index (a first query downloads a few small files, not the
whole library) and stems Indonesian queries with Snowball. Snowball over-stems ("penempatan" and
"menempatkan" become "empat", the word for four) and misses forms Sastrawi gets right
("mengunjungi"), and the browser knows nothing of our synonyms. So each record's text is enriched
at build time with what our own analyser knows: the Sastrawi stem of every word whose Snowball stem
differs (corrected by the exceptions table), English stems for English practices, and the phrases
our synonym table pairs with phrases found in the practice ("PHK" adds "pemutusan hubungan kerja").
The browser's Snowball stems a query word the same way it stems the added words, so a query in any
of those forms meets the practice. The added text, with the title and keywords, follows a marker word
so the UI cuts snippets from the readable text only.

Alongside, search/config.json carries our stop words (the browser drops them from queries, as the
CLI does) and search/words/<letter>.json the library's words for the browser's did-you-mean.
"""

from __future__ import annotations

import asyncio
import html
import json
import multiprocessing
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from . import analysis
from .document import keywords, plain, target_groups, themes
from .model import Library, Practice
from .synonyms import document_synonyms
from .vocabulary import vocabulary

BUNDLE_DIR = "pagefind"
SEARCH_DIR = "search"  # config.json (stop words) and words/<letter>.json (did-you-mean)
# Separates a record's readable text from the words added for matching; the UI cuts snippets here.
MARKER = "lumbungxcari"
MAX_WORDS = 200_000  # did-you-mean vocabulary (one file per first letter, fetched when needed)


@dataclass
class SiteSearchReport:
    records: int = 0  # practices in the Pagefind index
    words: int = 0  # words in the did-you-mean lists


@lru_cache(maxsize=analysis.CACHE_SIZE)
def snowball_id(word: str) -> str:
    """The Snowball Indonesian stem of a word, as Pagefind's stemmer computes it in the browser."""
    return _snowball().stemWord(word)


@cache
def _snowball():
    import snowballstemmer

    return snowballstemmer.stemmer("indonesian")


def enrichment(p: Practice) -> list[str]:
    """Words and phrases added to a practice's record so the browser's Snowball matches what we match."""
    lang = p.language
    text = "\n".join([p.title, p.summary, ". ".join(keywords(p)), plain(p.body)])
    added: dict[str, None] = {}
    stop = analysis.stopwords(lang)
    for word in dict.fromkeys(analysis.words(text)):
        if word in stop or word.isdigit():
            continue
        ours = analysis.stem(word, lang)
        if lang == "en":
            added.setdefault(ours, None)  # English stem, for English query words the browser cannot stem
        elif snowball_id(ours) != snowball_id(word):
            added.setdefault(ours, None)
    for phrase in document_synonyms().expansions(analysis.tokens(text, lang)):
        added.setdefault(phrase, None)
    # Labels and English slugs of themes and target groups, so "case management" or "women" find
    # Indonesian practices as they do in the CLI.
    for vocab, slugs in (("themes", themes(p)), ("target-groups", target_groups(p))):
        for slug in slugs:
            added.setdefault(vocabulary(vocab).label(slug), None)
            added.setdefault(slug.replace("-", " "), None)
    return list(added)


def record_html(p: Practice) -> str:
    """The page Pagefind indexes for a practice.

    The readable text (summary, body) comes first; after MARKER come the title as an h1 (Pagefind
    weighs it seven times the body), the keywords (weight 5, like their boost in the CLI), the place
    and the added words, so snippets are only ever cut from the readable part.
    """
    esc = html.escape
    theme_labels = [vocabulary("themes").label(t) for t in themes(p)]
    place = ", ".join(x for x in (p.province, p.regency) if x)
    paragraphs = [x for x in re.split(r"\n\s*\n", plain(p.body)) if x.strip()]
    kws = ". ".join(keywords(p))
    parts = [
        '<html lang="id"><head><meta charset="utf-8"></head><body><main data-pagefind-body>',
        f"<p>{esc(p.summary)}</p>",
        *(f"<p>{esc(x)}</p>" for x in paragraphs),
        f"<p>{MARKER}</p>",
        f"<h1>{esc(p.title)}</h1>",
        f'<p data-pagefind-weight="5">{esc(kws)}</p>' if kws else "",
        f'<p data-pagefind-weight="3">{esc(place)}</p>' if place else "",
        f'<p data-pagefind-weight="0.7">{esc(" ".join(enrichment(p)))}</p>',
        _attr("meta", "title", p.title),
        _attr("meta", "province", place),
        _attr("meta", "themes", " · ".join(theme_labels)),
        *(_attr("filter", "tema", label) for label in theme_labels),
        _attr("filter", "provinsi", p.province or ""),
        "</main></body></html>",
    ]
    return "\n".join(x for x in parts if x)


def _attr(kind: str, name: str, value: str) -> str:
    # The [data-value] form keeps commas and colons in values from being read as separators.
    if not value:
        return ""
    return f'<span data-pagefind-{kind}="{name}[data-value]" data-value="{html.escape(value)}"></span>'


def _page_path(p: Practice, directory_urls: bool) -> str:
    """Where the practice's page is in the site, as MkDocs puts it (a/b.md -> a/b/index.html)."""
    from .catalogue import page_url, src_of

    url = page_url(src_of(p), directory_urls)
    return url + "index.html" if url.endswith("/") or not url else url


def words(practices: list[Practice]) -> dict[str, list[tuple[str, int]]]:
    """The library's words by first letter, each with its document frequency, most frequent first."""
    df: Counter = Counter()
    for p in practices:
        text = "\n".join([p.title, p.summary, ". ".join(keywords(p)), plain(p.body)])
        stop = analysis.stopwords(p.language)
        df.update({w for w in analysis.words(text) if len(w) > 3 and w.isalpha() and w not in stop})
    shards: dict[str, list[tuple[str, int]]] = {}
    for w, n in df.most_common(MAX_WORDS):
        shards.setdefault(w[0], []).append((w, n))
    return shards


async def _write_index(pages: Path, out: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    # One index for the whole site (Pagefind would split English practices into an index of their own).
    config = IndexConfig(output_path=str(out), force_language="id")
    async with PagefindIndex(config=config) as index:
        await index.add_directory(str(pages))


def _run_async(coro) -> None:
    """Run the Pagefind service to completion, also when this thread already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coro)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coro).result()


def build_site_search(
    library: Library, site_dir: Path | str, directory_urls: bool = True
) -> SiteSearchReport:
    """Write the Pagefind bundle (site_dir/pagefind/) and the did-you-mean word lists for the site.

    Each published practice is indexed under its page's path in the site; the search script adds
    the site's own path, so the site works at any address.
    """
    site = Path(site_dir)
    published = library.published()
    out = site / BUNDLE_DIR
    if out.exists():
        shutil.rmtree(out)
    # Pagefind's Python API answers one request per 0.1 s, so the records go through a folder of
    # pages indexed in one request: seconds, not minutes, for thousands of practices.
    with tempfile.TemporaryDirectory(prefix="lumbung-sitesearch-") as tmp:
        for p in published:
            path = Path(tmp) / _page_path(p, directory_urls)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(record_html(p), encoding="utf-8")
        _run_async(_write_index(Path(tmp), out))
    shards = words(published)
    search_dir = site / SEARCH_DIR
    if search_dir.exists():
        shutil.rmtree(search_dir)
    words_dir = search_dir / "words"
    words_dir.mkdir(parents=True)
    stop = sorted(analysis.stopwords("id") | analysis.stopwords("en"))
    with open(search_dir / "config.json", "w", encoding="utf-8") as fh:
        json.dump({"stopwords": stop, "marker": MARKER}, fh, ensure_ascii=False, separators=(",", ":"))
    for letter, rows in shards.items():
        name = letter if letter.isascii() and letter.isalnum() else f"u{ord(letter):04x}"
        with open(words_dir / f"{name}.json", "w", encoding="utf-8") as fh:
            json.dump([[w, n] for w, n in rows], fh, ensure_ascii=False, separators=(",", ":"))
    return SiteSearchReport(len(published), sum(len(r) for r in shards.values()))


def _child(library: Library, out: Path, directory_urls: bool) -> None:
    try:
        build_site_search(library, out, directory_urls)
    except BaseException:
        import traceback

        (out / "error.txt").write_text(traceback.format_exc(), encoding="utf-8")
        raise


class PendingSiteSearch:
    """A site-search build running in a child process while MkDocs renders the pages.

    The records depend only on the library, not on the rendered site, so the index is built on the
    other core during the page rendering instead of after it; `finish` moves it into the site.
    """

    def __init__(self, library: Library, directory_urls: bool = True) -> None:
        self.library, self.directory_urls = library, directory_urls
        self.tmp = Path(tempfile.mkdtemp(prefix="lumbung-sitesearch-"))
        # spawn, not fork: MkDocs may run the build in a thread (tests, serve), and a fork from a
        # thread is not safe; the library is pickled to the child once (about a second at 5,000).
        ctx = multiprocessing.get_context("spawn")
        self.process = ctx.Process(target=_child, args=(library, self.tmp, directory_urls), daemon=True)
        self.process.start()

    def finish(self, site_dir: Path | str) -> None:
        """Wait for the index and move it into `site_dir`; raises RuntimeError if the child failed."""
        try:
            self.process.join()
            if self.process.exitcode != 0:
                error = self.tmp / "error.txt"
                detail = error.read_text(encoding="utf-8") if error.exists() else f"exit code {self.process.exitcode}"
                raise RuntimeError(detail.strip().splitlines()[-1])
            for name in (BUNDLE_DIR, SEARCH_DIR):
                dest = Path(site_dir) / name
                if dest.exists():
                    shutil.rmtree(dest)
                shutil.move(str(self.tmp / name), str(dest))
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def cancel(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
        shutil.rmtree(self.tmp, ignore_errors=True)
