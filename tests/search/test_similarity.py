"""Related practices ("Praktik terkait"); near-copy warnings are in tests/core/test_duplicates.py."""

from __future__ import annotations

import dataclasses

from lumbung.model import Library
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


def test_what_is_kept_stays_the_size_of_the_library_over_many_edits(sample_library, monkeypatch):
    # mkdocs serve ranks the library after every edit, in one process that lives for hours: each
    # edit must replace the edited file's counts and the last ranking, not add to them.
    monkeypatch.setattr(similarity, "_memory", {})
    monkeypatch.setattr(similarity, "_unsaved", set())
    monkeypatch.setattr(similarity, "_results", {})
    published = sample_library.published()
    edited = published[0]
    for n in range(25):
        changed = dataclasses.replace(edited, body=edited.body + f"\n\nCatatan tambahan nomor {n}.\n")
        practices = [changed if p is edited else p for p in sample_library.practices]
        library = Library(sample_library.root, practices, [])
        related = similarity.similar_ids(library, limit=3)
        assert set(related) == {p.id for p in library.published()}
        assert len(similarity._memory) == len(library.published())
        assert len(similarity._results) == 1
