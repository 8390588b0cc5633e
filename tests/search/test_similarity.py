"""Related practices ("Praktik terkait"); near-copy warnings are in tests/core/test_duplicates.py."""

from __future__ import annotations

from lumbung.search import related as similarity
from lumbung.site.catalogue import build_site


def test_related_ids(sample_library):
    related = build_site(sample_library, similarity.similar_ids(sample_library, limit=3), 3).related
    published = {p.id for p in sample_library.published()}
    assert set(related) == published
    for pid, others in related.items():
        assert pid not in others and set(others) <= published and 1 <= len(others) <= 3
    # declared `related` first, then the most similar
    assert related["gianyar-layanan-ramah-difabel"][0] == "surabaya-inklusi-kerja-penyandang-disabilitas"
    assert related["lahat-bursa-kerja-desa"][0] == "palembang-job-canvassing"


def test_related_is_cached_by_content(sample_library):
    first = similarity.similar_ids(sample_library, limit=2)
    assert similarity.similar_ids(sample_library, limit=2) == first
