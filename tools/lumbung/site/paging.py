"""Listing pages of bounded size: which practices and contributors go on which page, and the pager.

Every listing (the catalogue, a theme, a target group, a province, the contributors) is split into
pages, so no generated page grows with the library. Page 1 keeps the listing's address
(`katalog.md`); page n lives under it (`katalog/2.md`). Practice pages link to a contributor or a
kabupaten/kota on the page that holds it, so the `Layout` is computed once and shared.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from lumbung.site.catalogue import Contributor, Entry, Site, by_regency
from lumbung.site.urls import slugify
from lumbung.vocabulary import match_key

K = TypeVar("K")
T = TypeVar("T")

CATALOGUE, PEOPLE = "katalog.md", "kontributor.md"
PROVINCE_WIDE = "Tingkat provinsi"  # the heading of practices without a kabupaten/kota


def page_src(first: str, number: int) -> str:
    """Source of page `number` of the listing whose first page is `first`: katalog.md -> katalog/2.md."""
    if number <= 1:
        return first
    stem = first[: -len("/index.md")] if first.endswith("/index.md") else first.removesuffix(".md")
    return f"{stem}/{number}.md"


def split(items: Sequence[T], size: int) -> list[list[T]]:
    """`items` in pages of at most `size`; no items is one empty page."""
    size = max(1, size)
    return [list(items[i : i + size]) for i in range(0, len(items), size)] or [[]]


@dataclass(frozen=True)
class Part(Generic[K, T]):
    """The items of one group (a contributor, a kabupaten/kota) that are shown on one page."""

    key: K
    items: list[T]
    continued: bool = False  # the group began on an earlier page


def pack(groups: Iterable[tuple[K, Sequence[T]]], budget: int, heading: int = 1) -> list[list[Part[K, T]]]:
    """Groups over pages of at most `budget` lines (an item is one line, a group's heading `heading`).

    A group that fits on a page is never split: it starts a new page when the current one is too full.
    Only a group larger than a whole page continues over the next pages.
    """
    budget = max(heading + 1, budget)
    pages: list[list[Part[K, T]]] = [[]]
    left = budget
    for key, items in groups:
        items = list(items)
        if pages[-1] and heading + len(items) > left:
            pages.append([])
            left = budget
        start = 0
        while True:
            if left < heading + min(1, len(items) - start):
                pages.append([])
                left = budget
            take = min(len(items) - start, left - heading)
            pages[-1].append(Part(key, items[start : start + take], start > 0))
            left -= heading + take
            start += take
            if start >= len(items):
                break
    return pages


def window(number: int, count: int, around: int = 2) -> list[int | None]:
    """Page numbers a pager shows: the first, the last and `around` either side of `number`.

    None marks a gap; a gap of one page shows that page instead.
    """
    shown = sorted(n for n in {1, count, *range(number - around, number + around + 1)} if 1 <= n <= count)
    out: list[int | None] = []
    for n in shown:
        last = out[-1] if out else 0
        if n - last == 2:
            out.append(n - 1)
        elif n - last > 2:
            out.append(None)
        out.append(n)
    return out


@dataclass(frozen=True)
class Pager:
    """Page `number` of `count` of the listing that starts at `first`."""

    first: str
    number: int
    count: int

    def src(self, number: int) -> str:
        return page_src(self.first, number)

    @property
    def prev(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None

    def numbers(self) -> list[int | None]:
        return window(self.number, self.count)


@dataclass(frozen=True)
class Sizes:
    """How much one listing page holds."""

    cards: int = 50  # practice cards per catalogue, theme, target-group and province page
    people: int = 400  # lines per contributor page: one per contributor, one per practice of theirs


def regency_heading(regency: str | None) -> tuple[str, str]:
    """(heading, anchor) of a kabupaten/kota section on a province page."""
    return (regency, slugify(regency)) if regency else (PROVINCE_WIDE, slugify(PROVINCE_WIDE))


@dataclass
class Layout:
    """The pages of every listing of a site, and where each contributor and kabupaten/kota is."""

    sizes: Sizes
    catalogue: list[list[Entry]]
    themes: dict[str, list[list[Entry]]]
    target_groups: dict[str, list[list[Entry]]]
    provinces: dict[str, list[list[Part[str, Entry]]]]  # key: kabupaten/kota, '' for province-wide
    people: list[list[Part[Contributor, Entry]]]
    _person_page: dict[str, int] = field(init=False)  # contributor anchor -> number of their first page
    _regency_page: dict[tuple[str, str], int] = field(init=False)  # (province, regency) -> first page

    def __post_init__(self) -> None:
        self._person_page, self._regency_page = {}, {}
        for number, page in enumerate(self.people, 1):
            for part in page:
                self._person_page.setdefault(part.key.anchor, number)
        for slug, pages in self.provinces.items():
            for number, regency_page in enumerate(pages, 1):
                for regency_part in regency_page:
                    self._regency_page.setdefault((slug, regency_part.key), number)

    def person_link(self, anchor: str) -> str:
        """`kontributor[/n].md#anchor`: the page that lists this contributor."""
        return f"{page_src(PEOPLE, self._person_page.get(anchor, 1))}#{anchor}"

    def regency_link(self, province_slug: str, regency: str | None) -> str:
        """`provinsi/<slug>[/n].md#anchor`: the page where this kabupaten/kota's section starts."""
        number = self._regency_page.get((province_slug, regency or ""), 1)
        return f"{page_src(f'provinsi/{province_slug}.md', number)}#{regency_heading(regency)[1]}"

    def letters(self) -> list[tuple[str, str]]:
        """(initial, link) of the first contributor under each initial, for jumping through the pages."""
        seen: dict[str, str] = {}
        for page in self.people:
            for part in page:
                initial = match_key(part.key.name)[:1].upper()
                if initial and initial not in seen and not part.continued:
                    seen[initial] = self.person_link(part.key.anchor)
        return list(seen.items())


def plan(site: Site, sizes: Sizes | None = None) -> Layout:
    """Lay out every listing of `site` in pages of `sizes`."""
    sizes = sizes or Sizes()
    return Layout(
        sizes,
        catalogue=split(site.entries, sizes.cards),
        themes={slug: split(entries, sizes.cards) for slug, entries in site.themes.items()},
        target_groups={slug: split(entries, sizes.cards) for slug, entries in site.target_groups.items()},
        provinces={  # a kabupaten/kota heading takes no card's place
            slug: pack(by_regency(entries).items(), sizes.cards, heading=0)
            for slug, entries in site.provinces.items()
        },
        people=pack(((c, c.entries) for c in site.contributors), sizes.people),
    )
