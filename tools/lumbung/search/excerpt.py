"""Short texts that site-search snippets are cut from: the first sentences of every section.

A phone on a slow line waits for the result files of the first page before it shows them, and a
practice's whole text with a stem for every word was about 3 KB compressed, for a snippet of 28
words. A query's words are most often near the start of a section (a section opens with what it is
about), so each section is cut after the sentence that reaches EXCERPT_WORDS words; a snippet
is then the same as one cut from the whole text whenever its words are within that start.
"""

from __future__ import annotations

import re

from lumbung.text.document import SECTION_BREAK

EXCERPT_WORDS = 30  # words kept of each section (whole sentences, one at least, cut inside when longer)
_TOKEN = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?…](?=[\"'”’)\]]*(?:\s|$))|\n")


def excerpt(text: str, words: int = EXCERPT_WORDS) -> tuple[str, bool]:
    """The sections of `text` (split by SECTION_BREAK), each cut to about `words` words.

    Returns the excerpt and whether anything was cut. A section is cut at the end of the sentence
    that reaches `words` words, or after its `words`th word when that sentence is longer than twice
    `words` (a list or a table read as one run of text).
    """
    parts: list[str] = []
    cut = False
    for section in text.split(SECTION_BREAK):
        kept = _cut(section, words)
        cut = cut or len(kept) < len(section.rstrip())
        parts.append(kept)
    return SECTION_BREAK.join(parts), cut


def _cut(section: str, words: int) -> str:
    # Words counted as runs of non-space: close enough for a cut, and a regex pass instead of the
    # analyser's (which was most of the index build's added time).
    limit = None
    for k, token in enumerate(_TOKEN.finditer(section)):
        if k == words - 1:
            limit = token.end()  # end of the `words`th word
            break
    if limit is None or not section[limit:].strip():
        return section.rstrip()
    end = _SENTENCE_END.search(section, limit)
    if end is None or len(_TOKEN.findall(section, limit, end.start())) > words:
        return section[:limit]
    return section[: end.end()].rstrip()
