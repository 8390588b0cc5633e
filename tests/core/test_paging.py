"""The page arithmetic of the listings (lumbung.site.paging): sources, splitting, packing, the pager."""

from __future__ import annotations

import pytest

from lumbung.site.paging import Pager, Part, pack, page_src, split, window


@pytest.mark.parametrize(
    ("first", "number", "src"),
    [
        ("katalog.md", 1, "katalog.md"),
        ("katalog.md", 2, "katalog/2.md"),
        ("tema/job-fair.md", 12, "tema/job-fair/12.md"),
        ("provinsi/index.md", 3, "provinsi/3.md"),
    ],
)
def test_page_n_lives_under_the_first_page(first, number, src):
    assert page_src(first, number) == src


def test_split_keeps_order_and_always_has_a_page():
    assert split(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert split([], 3) == [[]]
    assert split([1, 2], 0) == [[1], [2]]  # a size below 1 means one per page


def lines(pages, heading=1):
    return [sum(heading + len(p.items) for p in page) for page in pages]


def test_pack_moves_a_group_that_does_not_fit_to_the_next_page():
    groups = [("a", [1, 2]), ("b", [3, 4, 5]), ("c", [6])]
    pages = pack(groups, budget=6)
    assert pages == [[Part("a", [1, 2])], [Part("b", [3, 4, 5]), Part("c", [6])]]
    assert lines(pages) == [3, 6]


def test_pack_splits_only_a_group_larger_than_a_page():
    pages = pack([("a", [1]), ("big", list(range(10))), ("z", [0])], budget=5)
    assert [[(p.key, p.items, p.continued) for p in page] for page in pages] == [
        [("a", [1], False)],
        [("big", [0, 1, 2, 3], False)],
        [("big", [4, 5, 6, 7], True)],
        [("big", [8, 9], True), ("z", [0], False)],
    ]
    assert max(lines(pages)) <= 5


def test_pack_without_headings_counts_items_only():
    pages = pack([("a", [1, 2, 3]), ("b", [4, 5]), ("c", [6, 7, 8, 9, 10, 11])], budget=5, heading=0)
    assert [[(p.key, len(p.items)) for p in page] for page in pages] == [
        [("a", 3), ("b", 2)],
        [("c", 5)],
        [("c", 1)],
    ]
    assert [x for page in pages for p in page for x in p.items] == list(range(1, 12))
    assert pack([], 5) == [[]]


@pytest.mark.parametrize(
    ("number", "count", "shown"),
    [
        (1, 1, [1]),
        (1, 5, [1, 2, 3, 4, 5]),
        (1, 50, [1, 2, 3, None, 50]),
        (6, 50, [1, None, 4, 5, 6, 7, 8, None, 50]),
        (5, 50, [1, 2, 3, 4, 5, 6, 7, None, 50]),  # a gap of one page shows that page
        (50, 50, [1, None, 48, 49, 50]),
    ],
)
def test_the_pager_window_stays_small_however_many_pages(number, count, shown):
    assert window(number, count) == shown


def test_pager_neighbours_and_sources():
    first, middle, last = (Pager("katalog.md", n, 3) for n in (1, 2, 3))
    assert (first.prev, first.next, middle.prev, middle.next, last.prev, last.next) == (
        None,
        2,
        1,
        3,
        2,
        None,
    )
    assert [middle.src(n) for n in middle.numbers()] == ["katalog.md", "katalog/2.md", "katalog/3.md"]
