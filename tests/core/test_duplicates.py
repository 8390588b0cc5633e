"""Near-copy warnings (W407): copies are flagged, distinct practices and shared boilerplate are not."""

from __future__ import annotations

import dataclasses
import random
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lumbung.model import Library, Practice
from lumbung.rules import duplicates
from lumbung.source.loader import Loader
from support import REPO

PALEMBANG = "practices/sumatera-selatan/palembang-job-canvassing.md"
NEAR_COPY = "practices/sumatera-selatan/palembang-kunjungan-gandus.md"


@pytest.fixture(scope="module")
def sample() -> Library:
    return Loader(REPO).load()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the sample library."""
    shutil.copytree(REPO / "practices", tmp_path / "practices")
    (tmp_path / "mkdocs.yml").write_text("site_name: uji\ndocs_dir: practices\n", encoding="utf-8")
    return tmp_path


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


def shuffled(body: str, rng: random.Random) -> str:
    """The body with the sentences of each paragraph, and the items of each list, in a new order."""
    blocks = []
    for block in body.split("\n\n"):
        lines = block.split("\n")
        if len(lines) > 1 and all(re.match(r"(?:[-*]|\d+\.) ", x) for x in lines):
            rng.shuffle(lines)
            blocks.append("\n".join(lines))
        else:
            sentences = re.split(r"(?<=[.!?]) +", block)
            rng.shuffle(sentences)
            blocks.append(" ".join(sentences))
    return "\n\n".join(blocks)


def with_words_changed(body: str, n: int, rng: random.Random) -> str:
    """The body with `n` of its words replaced by new ones."""
    words = body.split(" ")
    for k in rng.sample(range(len(words)), min(n, len(words))):
        words[k] = f"kata{k}"
    return " ".join(words)


def copy_of(p: Practice, body: str, title: str = "Salinan") -> Practice:
    """An in-memory copy of `p` dated after it, with another id, title and body."""
    meta = {**p.meta, "title": title, "date": "2099-01-01"}
    relpath = p.relpath.replace(".md", "-salinan.md")
    return dataclasses.replace(p, id=p.id + "-salinan", relpath=relpath, meta=meta, body=body, diagnostics=[])


def warnings_with(sample: Library, *extra: Practice) -> list:
    return duplicates.duplicate_warnings(Library(sample.root, [*sample.practices, *extra], []))


def test_no_duplicates_in_the_sample_library(sample):
    assert duplicates.duplicate_warnings(sample) == []
    best = duplicates.pair_scores(sample)[0][0]
    assert best < duplicates.THRESHOLD / 4  # a wide margin, not a near miss


def test_a_near_copy_is_reported_once(project):
    write_near_copy(project)
    (warning,) = duplicates.duplicate_warnings(Loader(project).load())
    assert (warning.path, warning.code, warning.severity) == (NEAR_COPY, "W407", "warning")
    assert re.fullmatch(
        r"mungkin duplikat dari 'palembang-job-canvassing' \(kemiripan 9\d%\)", warning.message()
    )
    assert re.fullmatch(
        r"possible duplicate of 'palembang-job-canvassing' \(similarity 9\d%\)", warning.message("en")
    )


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda body, rng: body, id="verbatim"),
        pytest.param(shuffled, id="sentences-reordered"),
        pytest.param(lambda body, rng: with_words_changed(body, 15, rng), id="15-words-changed"),
        pytest.param(lambda body, rng: with_words_changed(shuffled(body, rng), 8, rng), id="both"),
        pytest.param(lambda body, rng: body[: len(body) * 2 // 3], id="last-third-cut"),
    ],
)
def test_every_sample_practice_copied_is_flagged(sample, change):
    rng = random.Random(7)
    for original in sample.practices:
        copy = copy_of(original, change(original.body, rng))
        (warning,) = warnings_with(sample, copy)
        assert (warning.path, warning.params["other"]) == (copy.relpath, original.id)


@settings(max_examples=40, deadline=None)
@given(index=st.integers(0, 15), changed=st.integers(0, 10), seed=st.integers(0, 2**16))
def test_property_a_lightly_edited_copy_scores_high(sample, index, changed, seed):
    rng = random.Random(seed)
    original = sample.practices[index % len(sample.practices)]
    copy = copy_of(original, with_words_changed(shuffled(original.body, rng), changed, rng))
    a, b = (duplicates.shingles(duplicates.text_of(p)) for p in (original, copy))
    assert duplicates.score(a, b) == duplicates.score(b, a) >= 0.7
    assert [(w.path, w.params["other"]) for w in warnings_with(sample, copy)] == [(copy.relpath, original.id)]


def test_shared_boilerplate_alone_is_no_duplicate(sample):
    """Practices that share a standard section, but not their own text, are neither flagged nor compared."""
    boilerplate = "\n\n## Ketentuan Umum\n\n" + " ".join(
        f"Ketentuan {k} berlaku untuk kegiatan jenis {k}, sebagaimana diatur petunjuk teknis bagian {k}."
        for k in range(1, 13)
    )
    practices = [dataclasses.replace(p, body=p.body + boilerplate, diagnostics=[]) for p in sample.practices]
    assert duplicates.duplicate_warnings(Library(sample.root, practices, [])) == []
    sets = [duplicates.fragments(duplicates.text_of(p)) for p in practices]
    assert len(sets) > duplicates.MAX_SHARED and duplicates.candidate_pairs(sets) == []
    # the same section in only two practices does make them a candidate pair (and no more)
    two = [sets[0], sets[1], *(duplicates.fragments(duplicates.text_of(p)) for p in sample.practices[2:])]
    assert duplicates.candidate_pairs(two) == [(0, 1)]


def test_scores():
    s = duplicates.shingles("Satu dua tiga empat. Lima enam!\n\n7 delapan sembilan")
    assert s == {("satu", "dua", "tiga"), ("dua", "tiga", "empat"), ("lima", "enam"), ("delapan", "sembilan")}
    assert duplicates.score(s, s) == 1.0 and duplicates.score(s, frozenset()) == 0.0
    assert duplicates.score(frozenset(), frozenset()) == 0.0


def test_validate_warns_about_the_copy(cli, project):
    write_near_copy(project)
    r = cli("validate", cwd=project)
    assert r.rc == 0
    line = next(x for x in r.out.splitlines() if "W407" in x)
    assert line.startswith(f"{NEAR_COPY}: peringatan: mungkin duplikat dari 'palembang-job-canvassing'")
    assert "1 peringatan" in r.out.splitlines()[-1]
    assert cli("validate", "--strict", cwd=project).rc == 1
    # Named alone (a pull request), the copy is still compared with the whole library, with the
    # same result; the original named alone is not reported against its later copy.
    alone = cli("validate", NEAR_COPY, cwd=project)
    assert [x for x in alone.out.splitlines() if "W407" in x] == [line]
    assert "W407" not in cli("validate", PALEMBANG, cwd=project).out


def test_the_loader_fingerprints_each_practice_and_a_changed_copy_is_fingerprinted_again(sample):
    for p in sample.practices:
        assert p.fragments is not None
        assert set(p.fragments) == duplicates.fragments(duplicates.text_of(p))
    copy = copy_of(sample.practices[0], "Teks yang sama sekali lain, cukup panjang untuk satu fragmen.")
    assert copy.fragments is None  # never the fingerprint of the original's text
