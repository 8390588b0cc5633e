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
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WIDTH, HEIGHT = 800, 420  # 1.91:1 as Open Graph asks; large enough for a large preview
FOLDER = "kartu"  # site folder of the images: kartu/<id>.png, kartu/situs.png
SITE_CARD = "situs"
MARGIN = 48
VERSION = "1"  # part of the digest: bump when the drawing changes
# Palette from the page colour (Material's indigo) to white, in 16 steps for antialiased text.
BACKGROUND = (40, 53, 147)
LEVELS = 16


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


@cache
def _font(size: int):
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def _wrap(draw, text: str, font, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to `width` pixels; the last line ends in '…' when text is left over."""
    words, lines, line = " ".join(text.split()).split(" "), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last + " …", font=font) > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last + " …"
    return lines


def draw(card: Card) -> bytes:
    """The PNG of one card."""
    import io

    from PIL import Image, ImageDraw

    mask = Image.new("L", (WIDTH, HEIGHT), 0)  # 0 = background, 255 = white ink
    pen = ImageDraw.Draw(mask)
    inner = WIDTH - 2 * MARGIN
    title_font, small_font = _font(39), _font(21)
    y = MARGIN
    pen.text((MARGIN, y), card.footer, font=small_font, fill=190)
    y += 54
    for line in _wrap(pen, card.title, title_font, inner, 4):
        pen.text((MARGIN, y), line, font=title_font, fill=255)
        y += 48
    y = HEIGHT - MARGIN - 30 * len(card.lines)
    for line in card.lines:
        pen.text((MARGIN, y), _wrap(pen, line, small_font, inner, 1)[0], font=small_font, fill=225)
        y += 30
    pen.rectangle((0, HEIGHT - 8, WIDTH, HEIGHT), fill=255)
    # Grey levels become palette indices: 0..255 -> 0..15.
    indexed = mask.point(lambda v: v * LEVELS // 256)
    image = Image.frombytes("P", indexed.size, indexed.tobytes())
    palette = []
    for i in range(LEVELS):
        t = i / (LEVELS - 1)
        palette += [round(c + (255 - c) * t) for c in BACKGROUND]
    image.putpalette(palette)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


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


def site_cards(site, site_name: str, description: str) -> list[Card]:
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
        if isinstance(e.get("cover_image"), str):
            continue
        where = e.province + (f" · {e.regency}" if e.regency else "")
        cards.append(Card(e.id, e.title, (where, " · ".join(themes.label(t) for t in e.themes)), site_name))
    return cards
