"""Share images: a small PNG card per practice (title, province, themes), drawn at build time.

A link pasted into WhatsApp or a social network shows the page's `og:image`. A practice with a
cover image shares that; every other practice shares a card drawn here, and the other pages share
one card of the site. Pillow's built-in scalable font is used, so no font file is shipped or
fetched. Text is drawn antialiased in grey levels and stored as a 16-colour palette PNG: a card is
a few kilobytes and takes a few milliseconds.

Cards are kept in a cache folder by a digest of what they show, so a rebuild only copies them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import ImageDraw

    from lumbung.site.catalogue import Site

WIDTH, HEIGHT = 800, 420  # 1.91:1 as Open Graph asks; large enough for a large preview
FOLDER = "kartu"  # site folder of the images: kartu/<id>.png, kartu/situs.png
SITE_CARD = "situs"
MARGIN = 48
VERSION = "2"  # part of the digest: bump when the drawing or the encoding changes (2: own PNG writer)
# Palette from the page colour (Material's indigo) to white, in 16 steps for antialiased text.
BACKGROUND = (40, 53, 147)
LEVELS = 16
CACHED_WORDS = 5_000  # rendered words kept per font size (a few KB each)
COMPRESS_LEVEL = 3  # zlib level of the PNG: 6 took 0.8 ms more a card for 12 % fewer bytes


@dataclass(frozen=True)
class Card:
    """What one share image shows."""

    name: str  # file stem: the practice id, or SITE_CARD
    title: str
    lines: tuple[str, ...]  # small lines under the title (province, themes)
    footer: str

    def digest(self) -> str:
        text = "\n".join((VERSION, self.title, *self.lines, self.footer))
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


class Face:
    """Pillow's built-in font at one size, set word by word: each distinct word is measured and
    rendered once, and a line is its words' masks placed side by side.

    The result is the same pixels as `ImageDraw.text` on the whole line (tests/core/test_shareimage.py
    compares them): with basic layout the font's advances are whole pixels and no pair kerns across a
    space, so a word's glyphs sit at the same pixels wherever the word starts, and words do not touch.
    Measuring and rendering whole lines instead cost about 8 of the 10 ms a card took.
    """

    def __init__(self, size: int) -> None:
        from PIL import ImageFont

        font = ImageFont.load_default(size=size)  # FreeType's (a sized font needs FreeType)
        assert isinstance(font, ImageFont.FreeTypeFont)
        self.font = font
        self.space = round(self.font.getlength(" "))
        self._widths: dict[str, int] = {}
        self._masks: dict[str, tuple] = {}

    def width(self, word: str) -> int:
        """Advance of one word (no spaces), in pixels."""
        w = self._widths.get(word)
        if w is None:
            if len(self._widths) >= CACHED_WORDS:
                self._widths.clear()
            w = self._widths[word] = round(self.font.getlength(word))
        return w

    def length(self, text: str) -> int:
        """Advance of a line of words separated by single spaces, as `font.getlength` measures it."""
        words = text.split(" ")
        return sum(self.width(w) for w in words) + self.space * (len(words) - 1)

    def draw(self, pen: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, ink: int) -> None:
        """Draw a line of words separated by single spaces at `xy` (left, ascender), as `pen.text` does."""
        x, y = xy
        for word in text.split(" "):
            if word:
                mask, (dx, dy) = self._mask(word)
                pen.draw.draw_bitmap((x + dx, y + dy), mask, ink)
            x += self.width(word) + self.space

    def _mask(self, word: str) -> tuple:
        found = self._masks.get(word)
        if found is None:
            if len(self._masks) >= CACHED_WORDS:
                self._masks.clear()
            found = self._masks[word] = self.font.getmask2(word, "L")
        return found


@cache
def _face(size: int) -> Face:
    return Face(size)


def _wrap(face: Face, text: str, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to `width` pixels; the last line ends in '…' when text is left over."""
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for word in text.split():
        w = face.width(word)
        if not line or used + face.space + w <= width:
            used += (face.space if line else 0) + w
            line.append(word)
        else:
            lines.append(" ".join(line))
            line, used = [word], w
    if line:
        lines.append(" ".join(line))
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and face.length(last + " …") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last + " …"
    return lines


def _palette() -> list[int]:
    """Grey level i of LEVELS, from the page colour to white."""
    palette = []
    for i in range(LEVELS):
        t = i / (LEVELS - 1)
        palette += [round(c + (255 - c) * t) for c in BACKGROUND]
    return palette


PALETTE = _palette()
TO_LEVEL = [v * LEVELS // 256 for v in range(256)]  # grey level 0..255 -> palette index 0..15


def draw(card: Card) -> bytes:
    """The PNG of one card."""
    from PIL import Image, ImageDraw

    mask = Image.new("L", (WIDTH, HEIGHT), 0)  # 0 = background, 255 = white ink
    pen = ImageDraw.Draw(mask)
    inner = WIDTH - 2 * MARGIN
    title, small = _face(39), _face(21)
    y = MARGIN
    small.draw(pen, (MARGIN, y), " ".join(card.footer.split()), 190)
    y += 54
    for line in _wrap(title, card.title, inner, 4):
        title.draw(pen, (MARGIN, y), line, 255)
        y += 48
    y = HEIGHT - MARGIN - 30 * len(card.lines)
    for line in card.lines:
        for cut in _wrap(small, line, inner, 1):
            small.draw(pen, (MARGIN, y), cut, 225)
        y += 30
    pen.rectangle((0, HEIGHT - 8, WIDTH, HEIGHT), fill=255)
    # Grey levels become palette indices, and the image a 16-colour palette image (4 bits a pixel).
    image = mask.point(TO_LEVEL)
    image.putpalette(PALETTE)
    return png4(image.tobytes("raw", "P;4"), WIDTH, HEIGHT, PALETTE)


def png4(packed: bytes, width: int, height: int, palette: list[int]) -> bytes:
    """A PNG of 4-bit palette indices, two pixels a byte (Pillow's "P;4" packing), rows unfiltered.

    Written here rather than by `Image.save`, which took 1.2 ms a card against 0.7 ms for the
    same pixels in a slightly smaller file: the cards are most of the build's image work."""
    stride = (width + 1) // 2
    rows = b"".join(b"\0" + packed[i : i + stride] for i in range(0, stride * height, stride))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 4, 3, 0, 0, 0)  # 4 bits, palette, no interlace
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            chunk(b"PLTE", bytes(palette)),
            chunk(b"IDAT", zlib.compress(rows, COMPRESS_LEVEL)),
            chunk(b"IEND", b""),
        )
    )


def make_cards(cards: list[Card], cache_dir: Path) -> dict[str, str]:
    """Draw the cards missing from `cache_dir`; returns name -> cached file name. Cached cards
    that no card needs any more are removed."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    wanted = {}
    for c in cards:
        file = f"{c.digest()}.png"
        wanted[c.name] = file
        path = cache_dir / file
        if not path.exists():
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(draw(c))
            os.replace(tmp, path)
    keep = set(wanted.values())
    for old in cache_dir.glob("*.png"):
        if old.name not in keep:
            old.unlink(missing_ok=True)
    return wanted


def copy_cards(made: dict[str, str], cache_dir: Path, site_dir: Path) -> None:
    """Copy the cached cards into the built site as kartu/<name>.png."""
    out = site_dir / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    for name, file in made.items():
        shutil.copyfile(cache_dir / file, out / f"{name}.png")


def image_path(name: str) -> str:
    """Site path of a card."""
    return f"{FOLDER}/{name}.png"


def site_cards(site: Site, site_name: str, description: str) -> list[Card]:
    """The cards of a site: one per practice without a cover image, and the site's own."""
    from lumbung.site.catalogue import THEMES
    from lumbung.vocabulary import vocabulary

    themes = vocabulary(THEMES)
    cards = [
        Card(
            SITE_CARD,
            description or site_name,
            (f"{len(site.entries)} praktik baik Pengantar Kerja",),
            site_name,
        )
    ]
    for e in site.entries:
        if e.record.cover_image is not None:
            continue
        where = e.province + (f" · {e.regency}" if e.regency else "")
        cards.append(Card(e.id, e.title, (where, " · ".join(themes.label(t) for t in e.themes)), site_name))
    return cards
