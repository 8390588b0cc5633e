"""Related practices and duplicate warnings (W407), alone and through `lumbung validate`."""

from __future__ import annotations

import re
from pathlib import Path

from lumbung import similarity
from lumbung.loader import Loader

PALEMBANG = "practices/sumatera-selatan/palembang-job-canvassing.md"
NEAR_COPY = "practices/sumatera-selatan/palembang-kunjungan-gandus.md"


def write_near_copy(root: Path) -> Path:
    """A copy of the Palembang practice with a new title, date and a few details changed."""
    text = (root / PALEMBANG).read_text(encoding="utf-8")
    for old, new in [
        (
            "title: Job Canvassing Terjadwal ke Kawasan Industri Kertapati",
            "title: Kunjungan Perusahaan Terjadwal ke Kawasan Industri Gandus",
        ),
        ("date: 2025-10-09", "date: 2026-02-01"),
        ("Kertapati, Gandus, dan Kalidoni", "Gandus dan Plaju"),
        ("212 perusahaan aktif", "180 perusahaan aktif"),
    ]:
        assert old in text
        text = text.replace(old, new)
    path = root / NEAR_COPY
    path.write_text(text, encoding="utf-8")
    return path


def test_related_ids(sample_library):
    related = similarity.related_ids(sample_library, limit=3)
    published = {p.id for p in sample_library.published()}
    assert set(related) == published
    for pid, others in related.items():
        assert pid not in others and set(others) <= published and 1 <= len(others) <= 3
    # declared `related` first, then the most similar
    assert related["gianyar-layanan-ramah-difabel"][0] == "surabaya-inklusi-kerja-penyandang-disabilitas"
    assert related["lahat-bursa-kerja-desa"][0] == "palembang-job-canvassing"


def test_related_is_cached_by_content(sample_library):
    first = similarity.related_ids(sample_library, limit=2)
    assert similarity.related_ids(sample_library, limit=2) == first


def test_no_duplicates_in_the_sample_library(sample_library):
    assert similarity.duplicate_warnings(sample_library) == []
    best = similarity.pair_scores(sample_library)[0][0]
    assert best < similarity.DUPLICATE_THRESHOLD / 2  # a wide margin, not a near miss


def test_a_near_copy_is_reported_once(project: Path):
    write_near_copy(project)
    library = Loader(project).load()
    (warning,) = similarity.duplicate_warnings(library)
    assert (warning.path, warning.code, warning.severity) == (NEAR_COPY, "W407", "warning")
    assert re.fullmatch(
        r"mungkin duplikat dari 'palembang-job-canvassing' \(kemiripan 9\d%\)", warning.message()
    )


def test_validate_warns_about_the_copy(cli, project: Path):
    write_near_copy(project)
    r = cli("validate", cwd=project)
    assert r.rc == 0
    line = next(x for x in r.out.splitlines() if "W407" in x)
    assert line.startswith(f"{NEAR_COPY}: peringatan: mungkin duplikat dari 'palembang-job-canvassing'")
    assert "1 peringatan" in r.out.splitlines()[-1]
    assert cli("validate", "--strict", cwd=project).rc == 1
    # named alone, the copy is still compared with the whole library
    alone = cli("validate", NEAR_COPY, cwd=project)
    assert "W407" in alone.out
