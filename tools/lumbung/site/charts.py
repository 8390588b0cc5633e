"""Horizontal bar charts as inline SVG, drawn at build time: no chart library, readable on a phone.

Bars are sized in percent of the chart width and text in pixels, so the chart fills any width
without shrinking its labels. Each chart is one image for assistive technology (role="img" with a
title); the numbers belong in a real table next to it.
"""

from __future__ import annotations

from html import escape

ROW_HEIGHT = 44
BAR_HEIGHT = 16
MAX_BAR_PERCENT = 85  # leaves room for the number after the longest bar


def bar_chart(rows: list[tuple[str, int]], title: str, chart_id: str, hrefs: list[str] | None = None) -> str:
    """An SVG horizontal bar chart of (label, value) rows, each label above its bar. With `hrefs`
    (one per row), each label and bar is a link to that row's page (a theme, a province, ...)."""
    top = max((v for _, v in rows), default=0) or 1
    height = len(rows) * ROW_HEIGHT + 4
    label = escape(f"{title}. Angka lengkap ada pada tabel sesudah grafik.", quote=True)
    # An image's content is hidden from assistive technology, so a chart of links is a group.
    role = "group" if hrefs else "img"
    out = [
        f'<svg class="lp-chart" id="{chart_id}" role="{role}" aria-label="{label}" width="100%" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (name, value) in enumerate(rows):
        y = i * ROW_HEIGHT
        width = 0.0 if value <= 0 else max(0.6, MAX_BAR_PERCENT * value / top)
        row = [
            f'<text class="lp-chart__label" x="0" y="{y + 15}">{escape(name)}</text>',
            f'<rect class="lp-chart__bar" x="0" y="{y + 21}" width="{width:.1f}%" '
            f'height="{BAR_HEIGHT}" rx="2"></rect>',
            f'<text class="lp-chart__value" x="{width:.1f}%" dx="6" y="{y + 34}">{value}</text>',
        ]
        if hrefs:
            what = escape(f"{name}: {value}")
            # A transparent band over the whole row: the tap target is the row, not the thin bar.
            hit = f'<rect class="lp-chart__hit" x="0" y="{y}" width="100%" height="{ROW_HEIGHT - 4}"></rect>'
            link = f'<a href="{escape(hrefs[i], quote=True)}"><title>{what}</title>'
            row = [link, hit, *row, "</a>"]
        out.extend(row)
    out.append("</svg>")
    return "".join(out)
