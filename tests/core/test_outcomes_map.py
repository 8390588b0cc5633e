"""Outcome totals by kind and the tile map of the provinces."""

from __future__ import annotations

import dataclasses
import re

from lumbung.record import Outcome
from lumbung.site import cartogram, outcomes
from lumbung.site.catalogue import build_site
from lumbung.vocabulary import regions


def test_every_province_has_one_tile_of_its_own():
    slugs = {p.slug for p in regions().provinces}
    assert set(cartogram.TILES) == slugs and len(slugs) == 38
    places = [(c, r) for _, c, r in cartogram.TILES.values()]
    assert len(set(places)) == 38
    codes = [code for code, _, _ in cartogram.TILES.values()]
    assert len(set(codes)) == 38 and all(re.fullmatch(r"[A-Z]{2}", c) for c in codes)


def test_map_links_each_tile_and_marks_provinces_without_practices():
    rows = [{"slug": s, "name": s.title(), "count": 0} for s in cartogram.TILES]
    rows[0]["count"], rows[1]["count"] = 8, 1
    svg = cartogram.tile_map(rows, lambda slug: f"provinsi/{slug}/", 'Peta "uji" <38>')
    assert svg.count("<a href=") == 38
    assert '<a href="provinsi/aceh/"><title>Aceh: 8 praktik</title>' in svg
    assert svg.count('fill="url(#lp-map-none)"') == 36
    assert "<title>Sumatera-Utara: 1 praktik</title>" in svg
    assert "lp-map__n4" in svg and "lp-map__n1" in svg  # the most and the fewest
    assert "&lt;38&gt;" in svg and "<38>" not in svg and "&quot;uji&quot;" in svg


def test_shades_grow_with_the_count_and_zero_is_its_own():
    assert [cartogram.shade(n, 100) for n in (0, 1, 25, 26, 50, 75, 100)] == [0, 1, 1, 2, 2, 3, 4]


def test_totals_add_up_each_kind_and_average_days():
    from pathlib import Path

    from lumbung.source.loader import Loader

    site = build_site(Loader(Path(__file__).parent.parent / "fixtures" / "site-basic").load())
    found = outcomes.totals(site.entries)
    # The fixture's one kind: Palembang places 1020 (2025); the others give no kind.
    assert found["placements"].value == 1020
    assert found["placements"].practices == 1
    assert "trainees" not in found
    entry = site.entries[0]
    # A header with an unknown kind or a value that is no number never passes the checks, so it has
    # no record: the outcomes a record can hold are these.
    entry.record = dataclasses.replace(
        entry.record,
        outcomes=(
            Outcome("Hari", "days-to-placement", 30, year=2025),
            Outcome("Hari", "days-to-placement", 20, year=2024),
            Outcome("Tanpa jenis baku", None, 99),
        ),
    )
    days = outcomes.totals([entry])
    assert list(days) == ["days-to-placement"] and days["days-to-placement"].value == 25
    assert days["days-to-placement"].averaged
