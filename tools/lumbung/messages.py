"""Message catalogue: diagnostic texts and hints in Bahasa Indonesia and English (data/messages.yaml)."""

from __future__ import annotations

import os
from functools import cache
from typing import Any, cast

from lumbung.datafiles import read_yaml
from lumbung.escape import printable

LANGS = ("id", "en")


def default_lang() -> str:
    """The language from LUMBUNG_LANG, or Indonesian."""
    lang = os.environ.get("LUMBUNG_LANG", "id").strip().lower()[:2]
    return lang if lang in LANGS else "id"


@cache
def catalogue() -> dict[str, dict[str, dict[str, str]]]:
    return cast(dict[str, dict[str, dict[str, str]]], read_yaml("messages.yaml"))


class _Safe(dict):
    """format_map helper that leaves unknown placeholders visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Word(str):
    """A message parameter naming an entry of the `words` catalogue, rendered in the reader's language."""


def render(section: str, key: str, lang: str, params: dict[str, Any] | None = None) -> str:
    """Render one entry of the catalogue in `lang` with its parameters."""
    entry = catalogue()[section].get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry["id"]
    # a value quoted from a file may hold control characters: shown escaped, never sent to a terminal
    values = {
        k: ((render("words", v, lang) if v else "") if isinstance(v, Word) else printable(v))
        if isinstance(v, str)
        else v
        for k, v in (params or {}).items()
    }
    return template.format_map(_Safe(values))


def word(key: str, lang: str) -> str:
    return render("words", key, lang)
