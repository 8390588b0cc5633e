"""The share images drawn at build time: size, weight, the cache, and long titles."""

from __future__ import annotations

import struct

from lumbung.site import shareimage
from lumbung.site.shareimage import Card

LONG = "Pencocokan kerja virtual untuk pencari kerja disabilitas " * 6


def size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_a_card_is_a_small_png_of_the_open_graph_shape():
    data = shareimage.draw(Card("x", LONG, ("Sumatera Utara · Kota Medan", "Layanan inklusif"), "Lumbung"))
    assert size(data) == (shareimage.WIDTH, shareimage.HEIGHT) == (800, 420)
    assert len(data) < 20_000


def test_long_titles_are_cut_to_four_lines_with_an_ellipsis():
    from PIL import Image, ImageDraw

    pen = ImageDraw.Draw(Image.new("L", (10, 10)))
    lines = shareimage._wrap(pen, LONG, shareimage._font(39), 704, 4)
    assert len(lines) == 4 and lines[-1].endswith(" …")
    assert all(pen.textlength(line, font=shareimage._font(39)) <= 704 for line in lines)


def test_cards_are_drawn_once_and_cached_cards_no_card_needs_are_removed(tmp_path):
    cache, site = tmp_path / "cache", tmp_path / "site"
    a, b = Card("a", "Satu", ("Aceh",), "L"), Card("b", "Dua", ("Bali",), "L")
    made = shareimage.make_cards([a, b], cache)
    first = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(first) == 2
    again = shareimage.make_cards([a, Card("b", "Dua (baru)", ("Bali",), "L")], cache)
    assert again["a"] == made["a"] and again["b"] != made["b"]
    assert {p.name for p in cache.iterdir()} == {again["a"], again["b"]}
    assert (cache / again["a"]).stat().st_mtime_ns == first[made["a"]]  # not drawn again
    shareimage.copy_cards(again, cache, site)
    assert sorted(p.name for p in (site / "kartu").iterdir()) == ["a.png", "b.png"]
