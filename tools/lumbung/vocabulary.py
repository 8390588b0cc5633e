"""Controlled vocabularies and the region list (data files beside this module), with forgiving hints.

Matching is strict in the verdict and forgiving in the hint: only official names and the short,
explicit alias list are accepted; anything close gets a "did you mean" naming the official spelling.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from lumbung.datafiles import DATA, read_yaml

NATIONAL = "Nasional"


@dataclass(frozen=True)
class Vocabulary:
    name: str
    title: str
    source: str
    values: dict[str, str]  # slug -> Indonesian label

    def label(self, slug: str) -> str:
        return self.values.get(slug, slug)


@cache
def vocabulary(name: str) -> Vocabulary:
    """One controlled vocabulary by file name, e.g. 'themes', 'target-groups'."""
    raw = read_yaml(f"vocabularies/{name}.yaml")
    return Vocabulary(raw["name"], raw["title"], raw.get("source", ""), dict(raw["values"]))


def match_key(text: str) -> str:
    """The key names are matched by in hints and lookups: ASCII letters and digits only, lowercased,
    words joined by single spaces ('Café  Jaya!' -> 'cafe jaya'). Not the search analyser's
    `text.analysis.lower_unaccented`, which keeps punctuation and non-Latin letters."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def closest(value: str, candidates: list[str], cutoff: float = 0.72) -> str | None:
    """The candidate most like `value`, compared case- and accent-insensitively, or None."""
    if not isinstance(value, str) or not candidates:
        return None
    folded = {match_key(c): c for c in candidates}
    key = match_key(value)
    if key in folded:
        return folded[key]
    match = difflib.get_close_matches(key, list(folded), n=1, cutoff=cutoff)
    return folded[match[0]] if match else None


@dataclass(eq=False)
class Province:
    code: str
    name: str
    slug: str
    aliases: tuple[str, ...]
    abbreviations: tuple[str, ...]
    regencies: dict[str, str]  # official name -> code
    regency_abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)  # code -> short names


@dataclass(eq=False)
class Regions:
    source: str
    version: str
    licence: str
    retrieved: str
    provinces: tuple[Province, ...]
    national_slug: str

    def __post_init__(self) -> None:
        self.by_name: dict[str, Province] = {}
        for p in self.provinces:
            self.by_name[p.name] = p
            for alias in p.aliases:
                self.by_name[alias] = p

    def province(self, name: object) -> Province | None:
        """Strict lookup: the official name or an accepted alias (None for anything but a string)."""
        return self.by_name.get(name) if isinstance(name, str) else None

    def regency_count(self) -> int:
        return sum(len(p.regencies) for p in self.provinces)


@cache
def regions() -> Regions:
    """The 38 provinces and their kabupaten/kota with Kemendagri codes (data/regions.json)."""
    with open(DATA / "regions.json", encoding="utf-8") as fh:
        raw = json.load(fh)
    provinces = tuple(
        Province(
            p["code"],
            p["name"],
            p["slug"],
            tuple(p.get("aliases", ())),
            tuple(p.get("abbreviations", ())),
            {r["name"]: r["code"] for r in p["regencies"]},
            {r["code"]: tuple(r["abbreviations"]) for r in p["regencies"] if r.get("abbreviations")},
        )
        for p in raw["provinces"]
    )
    return Regions(
        raw["source"], raw["version"], raw["licence"], raw["retrieved"], provinces, raw["national"]["slug"]
    )


def province_slug(name: str) -> str | None:
    """Folder slug of a province name (official or alias), 'nasional' for Nasional, else None."""
    if name == NATIONAL:
        return regions().national_slug
    prov = regions().province(name)
    return prov.slug if prov else None


def province_hint(value: str) -> tuple[str, dict] | None:
    """A hint for an unknown province: ('official_province', ...) or ('regency_is_in', ...)."""
    reg = regions()
    key = match_key(value)
    for p in reg.provinces:
        if key in p.abbreviations or key == match_key(p.slug.replace("-", " ")) or key == match_key(p.name):
            return "official_province", {"value": p.name}
    names = [p.name for p in reg.provinces] + [a for p in reg.provinces for a in p.aliases] + [NATIONAL]
    near = closest(value, names)
    if near:
        prov = reg.province(near)
        return "official_province", {"value": prov.name if prov else near}
    hit = find_regency_anywhere(value)
    if hit:
        prov, regency = hit
        return "regency_is_in", {"value": value, "province": prov.name, "regency": regency}
    return None


def find_regency_anywhere(value: str) -> tuple[Province, str] | None:
    """The province and official regency name for a bare or misspelt regency/city name."""
    key = match_key(value)
    bare = re.sub(r"^(kabupaten|kab|kota)\s+", "", key)
    best = None
    for p in regions().provinces:
        for name in p.regencies:
            fname = match_key(name)
            matches = key == fname or bare == re.sub(r"^(kabupaten|kota)\s+", "", fname)
            # prefer a city for a bare name ("Palembang" is Kota Palembang)
            if matches and (best is None or (name.startswith("Kota ") and not best[1].startswith("Kota "))):
                best = (p, name)
    return best


def regency_hint(value: str, province: Province) -> tuple[str, dict] | None:
    names = list(province.regencies)
    key = match_key(value)
    bare = re.sub(r"^(kabupaten|kab|kota)\s+", "", key)
    for name in names:
        if bare == re.sub(r"^(kabupaten|kota)\s+", "", match_key(name)):
            return "regency_prefix", {"value": name}
    near = closest(value, names, cutoff=0.8)
    if near:
        return "did_you_mean", {"value": near}
    return None
