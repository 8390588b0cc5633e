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
    face = shareimage.Face(39)
    lines = shareimage._wrap(face, LONG, 704, 4)
    assert len(lines) == 4 and lines[-1].endswith(" …")
    assert all(face.font.getlength(line) <= 704 for line in lines)
    assert all(face.font.getlength(f"{line} {LONG.split()[0]}") > 704 for line in lines[:3])  # greedy


# Every character of Latin-1 and Latin Extended-A, typographic punctuation, and pairs that kern in
# many fonts, next to spaces; a word longer than the card; the same word at other positions.
SAMPLES = [
    "".join(chr(c) for c in range(0x21, 0x7F)),
    " ".join(chr(c) for c in range(0xA1, 0x180)),
    "AV To Ty Wa “kutipan” ‘satu’ — – … · • fi fl 1/2 ½ İstanbul ĀĒĪŌŪ",
    "Pelatihan kerja Pelatihan kerja di Kabupaten Banyuwangi, Jawa Timur (2024): 95% lulus!",
    "Sangatpanjangsekalikatayangtidakmuatdalamsatubarisjudulkartuinisamasekalidanterpotong",
]


def test_a_line_set_word_by_word_has_the_pixels_of_pillow_drawing_the_whole_line():
    from PIL import Image, ImageDraw

    for size in (39, 21):
        face = shareimage.Face(size)
        for text in SAMPLES:
            ours, theirs = Image.new("L", (2600, 60), 0), Image.new("L", (2600, 60), 0)
            face.draw(ImageDraw.Draw(ours), (5, 3), text, 225)
            ImageDraw.Draw(theirs).text((5, 3), text, font=face.font, fill=225)
            assert ours.tobytes() == theirs.tobytes(), (size, text)
            assert face.length(text) == theirs_length(face, text)


def theirs_length(face: shareimage.Face, text: str) -> int:
    length = face.font.getlength(text)
    assert length == int(length)  # whole pixels, as Face assumes
    return int(length)


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


def test_the_png_writer_keeps_every_palette_index_at_any_width():
    import io
    import random

    from PIL import Image

    rng = random.Random(7)
    palette = [rng.randrange(256) for _ in range(3 * 16)]
    for width, height in ((800, 420), (5, 3), (1, 1)):
        indices = bytes(rng.randrange(16) for _ in range(width * height))
        image = Image.frombytes("P", (width, height), indices)
        data = shareimage.png4(image.tobytes("raw", "P;4"), width, height, palette)
        back = Image.open(io.BytesIO(data))
        assert back.mode == "P" and back.size == (width, height)
        assert back.tobytes() == indices and back.getpalette()[:48] == palette
