"""A tile-grid map of Indonesia's 38 provinces as inline SVG, drawn at build time.

One equal square per province, placed roughly where the province lies (west to east, north to
south), so the picture needs no boundary data, stays readable on a phone and gives small provinces
the same weight as large ones. Each square links to the province page, is shaded by its number of
practices, and a province without any is drawn hatched. The labels are the provinces' ISO 3166-2:ID
codes (ID-AC ... ID-PD, with the 2022 Papua provinces); the same numbers are given as a table.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

# slug -> (ISO 3166-2:ID code without "ID-", column, row). Columns run west to east, rows north to south.
TILES: dict[str, tuple[str, int, int]] = {
    "aceh": ("AC", 0, 0),
    "sumatera-utara": ("SU", 1, 1),
    "kepulauan-riau": ("KR", 3, 1),
    "sumatera-barat": ("SB", 1, 2),
    "riau": ("RI", 2, 2),
    "bengkulu": ("BE", 1, 3),
    "jambi": ("JA", 2, 3),
    "sumatera-selatan": ("SS", 2, 4),
    "kepulauan-bangka-belitung": ("BB", 3, 4),
    "lampung": ("LA", 2, 5),
    "dki-jakarta": ("JK", 4, 5),
    "banten": ("BT", 3, 6),
    "jawa-barat": ("JB", 4, 6),
    "jawa-tengah": ("JT", 5, 6),
    "di-yogyakarta": ("YO", 5, 7),
    "jawa-timur": ("JI", 6, 6),
    "bali": ("BA", 7, 6),
    "nusa-tenggara-barat": ("NB", 8, 6),
    "nusa-tenggara-timur": ("NT", 9, 6),
    "kalimantan-barat": ("KB", 4, 2),
    "kalimantan-tengah": ("KT", 5, 3),
    "kalimantan-utara": ("KU", 6, 1),
    "kalimantan-timur": ("KI", 6, 2),
    "kalimantan-selatan": ("KS", 6, 3),
    "gorontalo": ("GO", 8, 1),
    "sulawesi-utara": ("SA", 9, 1),
    "sulawesi-tengah": ("ST", 8, 2),
    "sulawesi-barat": ("SR", 7, 3),
    "sulawesi-selatan": ("SN", 7, 4),
    "sulawesi-tenggara": ("SG", 8, 4),
    "maluku-utara": ("MU", 10, 2),
    "maluku": ("MA", 10, 3),
    "papua": ("PA", 12, 1),
    "papua-barat-daya": ("PD", 11, 2),
    "papua-barat": ("PB", 12, 2),
    "papua-tengah": ("PT", 11, 3),
    "papua-pegunungan": ("PE", 12, 3),
    "papua-selatan": ("PS", 12, 4),
}
# 13 columns: at 360 px a square is still a 24 px tap target (WCAG 2.5.8).
CELL, GAP = 44, 2
SHADES = 4  # classes lp-map__n1 .. lp-map__n4 (lumbung.css); lp-map__n0 is hatched


def shade(count: int, top: int) -> int:
    """0 for none, else 1..SHADES by the share of the largest count (ceil, so 1 of 100 is still 1)."""
    if count <= 0:
        return 0
    return max(1, min(SHADES, -(-SHADES * count // max(top, 1))))


def tile_map(
    rows: list[dict],
    link: Callable[[str], str],
    title: str,
    noun: str = "praktik",
    pattern: str = "lp-map-none",
) -> str:
    """The SVG map. `rows`: dicts with slug, name and count (every province); `link(slug)` gives the
    href of a province page. `noun` names what is counted; `pattern` is the id of the hatching, one
    per map when a page holds two."""
    by_slug = {r["slug"]: r for r in rows}
    top = max((r["count"] for r in rows), default=0)
    cols = max(c for _, c, _ in TILES.values()) + 1
    lines = max(r for _, _, r in TILES.values()) + 1
    width, height = cols * (CELL + GAP), lines * (CELL + GAP)
    label = escape(f"{title}. Angka lengkap ada pada tabel sesudah peta.", quote=True)
    out = [
        # Not role="img": its squares are links, and an image's content is hidden from assistive technology.
        f'<svg class="lp-map" role="group" aria-label="{label}" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title>",
        f'<defs><pattern id="{pattern}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" class="lp-map__none-bg"></rect>'
        '<line x1="0" y1="0" x2="0" y2="6" class="lp-map__none-line"></line></pattern></defs>',
    ]
    for slug, (code, col, row) in TILES.items():
        r = by_slug.get(slug, {"name": slug, "count": 0})
        n = r["count"]
        x, y = col * (CELL + GAP), row * (CELL + GAP)
        what = f"{r['name']}: {n} {noun}" if n else f"{r['name']}: belum ada {noun}"
        fill = f' fill="url(#{pattern})"' if n == 0 else ""
        out.append(
            # Named by its <title> (SVG's own label), which says in words what the code and number show.
            f'<a href="{escape(link(slug), quote=True)}">'
            f"<title>{escape(what)}</title>"
            f'<rect class="lp-map__cell lp-map__n{shade(n, top)}" x="{x}" y="{y}" width="{CELL}" '
            f'height="{CELL}" rx="3"{fill}></rect>'
            f'<text class="lp-map__code" x="{x + CELL / 2:g}" y="{y + 19}">{code}</text>'
            f'<text class="lp-map__count" x="{x + CELL / 2:g}" y="{y + 38}">{n}</text></a>'
        )
    out.append("</svg>")
    return "".join(out)
