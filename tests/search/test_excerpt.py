"""Excerpts for site-search snippets: the first sentences of every section."""

from __future__ import annotations

from lumbung.search.excerpt import excerpt
from lumbung.text.document import SECTION_BREAK


def words(n: int, start: int = 0) -> str:
    return " ".join(f"kata{k}" for k in range(start, start + n))


def test_short_sections_are_kept_whole():
    text = f"Satu dua tiga.{SECTION_BREAK}Empat lima."
    assert excerpt(text, 5) == (text, False)


def test_a_section_is_cut_after_the_sentence_that_reaches_the_limit():
    first, second, third = f"{words(4)}.", f"{words(4, 4)}!", f"{words(4, 8)}."
    section = f"{first} {second} {third}"
    assert excerpt(section, 6) == (f"{first} {second}", True)
    # Every section is cut on its own; the breaks stay where they were.
    text, cut = excerpt(f"{section}{SECTION_BREAK}Pendek saja.", 6)
    assert cut and text.split(SECTION_BREAK) == [f"{first} {second}", "Pendek saja."]


def test_a_list_item_ends_a_sentence():
    section = f"{words(3)}\n{words(3, 3)}\n{words(3, 6)}"
    assert excerpt(section, 4) == (f"{words(3)}\n{words(3, 3)}", True)


def test_a_sentence_far_longer_than_the_limit_is_cut_inside():
    section = words(30) + "."
    assert excerpt(section, 5) == (words(5), True)


def test_a_decimal_point_does_not_end_a_sentence():
    # "3.5" has no space after its point: the sentence goes on.
    section = "Upah naik 3.5 persen di kota itu. Sisanya tidak."
    assert excerpt(section, 4)[0] == "Upah naik 3.5 persen di kota itu."
