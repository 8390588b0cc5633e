"""Corrections by editing the issue: hand-typed values in Indonesian, and an edit that breaks the
issue and one that fixes it again, each run as the workflow does it (a fresh checkout of main, the
pull request of the issue already open).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from lumbung.authoring.issuebody import parse_issue

ISSUES = Path(__file__).parent / "fixtures" / "issues"
DATE = "2025-10-09"
PR = "https://github.com/kemnaker-pengantar-kerja/lumbung-praktik/pull/31"
WRITTEN = "practices/sumatera-selatan/pojok-konsultasi-karier-di-balai-latihan-kerja-banyuasin.md"


def edited(**answers: str) -> str:
    """minimal.md with the answers under the given labels replaced, as an officer edits the issue."""
    body = (ISSUES / "minimal.md").read_text(encoding="utf-8")
    for label, text in answers.items():
        head = f"### {label}\n\n"
        start = body.index(head) + len(head)
        end = body.index("\n\n###", start)
        body = body[:start] + text + body[end:]
    return body


@pytest.mark.parametrize(
    ("answer", "themes"),
    [
        ("bimbingan jabatan", ["career-guidance"]),
        ("Bursa Kerja", ["job-fair"]),
        ("inklusif, konseling", ["inclusive-service", "career-guidance"]),
        ("career-guidance", ["career-guidance"]),
        ("Bimbingan Jabatan & Konseling Karier", ["career-guidance"]),
    ],
)
def test_hand_typed_themes_match_indonesian_labels(answer, themes):
    parsed = parse_issue(edited(Tema=answer), dt.date(2025, 10, 9))
    assert parsed.values["themes"] == themes
    assert parsed.problems == []


def test_hand_typed_target_groups_match_indonesian_labels():
    parsed = parse_issue(edited(**{"Kelompok sasaran": "pemuda, disabilitas"}), dt.date(2025, 10, 9))
    assert parsed.values["target_groups"] == ["youth", "persons-with-disabilities"]


def test_an_ambiguous_word_gets_a_did_you_mean_in_indonesian():
    parsed = parse_issue(edited(Tema="karir"), dt.date(2025, 10, 9))
    [problem] = parsed.problems
    assert problem.message() == "pilihan 'karir' tidak dikenal"
    assert problem.hint().startswith(
        "maksud Anda 'Bimbingan Jabatan & Konseling Karier (career-guidance)'? pilihan: Profiling & Pemetaan "
        "Kompetensi Pencari Kerja (profiling); "
    )


@pytest.fixture
def checkout(tmp_path: Path, repo_root: Path):
    """A fresh checkout of main for each run, as the workflow has."""
    counter = iter(range(100))

    def fresh() -> Path:
        root = tmp_path / f"main-{next(counter)}"
        shutil.copytree(repo_root / "practices", root / "practices")
        (root / "mkdocs.yml").write_text("site_name: Uji\ndocs_dir: practices\n", encoding="utf-8")
        return root

    return fresh


def test_an_edit_that_breaks_then_fixes_the_issue_keeps_one_pull_request(cli, checkout, tmp_path):
    # 1. sent: valid, the pull request is opened from the file written
    first = checkout()
    sent = cli("from-issue", str(ISSUES / "minimal.md"), "--date", DATE, cwd=first)
    assert sent.rc == 0
    # 2. edited with a mistake while the pull request exists: the file follows the edit, the comment
    #    lists the problem and keeps the link
    broken = tmp_path / "rusak.md"
    broken.write_text(
        edited(Tema="konseling karir sekali", **{"Bagian Hasil": "Sebanyak 90 peserta berkonsultasi."}),
        encoding="utf-8",
    )
    comment = tmp_path / "komentar.md"
    second = checkout()
    run = cli(
        "from-issue", str(broken), "--date", DATE, "--keep-invalid", "--pull-request", PR,
        "--comment-file", str(comment), cwd=second,
    )  # fmt: skip
    assert run.rc == 1
    assert (
        run.out.splitlines()[0]
        == f"galat: isian isu belum lolos pemeriksaan; {WRITTEN} tetap ditulis (--keep-invalid)"
    )
    text = (second / WRITTEN).read_text(encoding="utf-8")
    assert "Sebanyak 90 peserta berkonsultasi." in text
    said = comment.read_text(encoding="utf-8")
    assert "1. **Tema**: pilihan 'konseling karir sekali' tidak dikenal (F102)" in said
    assert said.rstrip().endswith(
        f"**Pull request Anda tetap ada:** {PR}. Isinya sudah mengikuti suntingan terakhir Anda, tetapi "
        "ditandai *belum siap ditinjau* (draf) sampai hal di atas diperbaiki."
    )
    # 3. fixed by typing the Indonesian label: valid again, the same file
    fixed = tmp_path / "benar.md"
    fixed.write_text(
        edited(Tema="bimbingan jabatan", **{"Bagian Hasil": "Sebanyak 90 peserta berkonsultasi."}),
        encoding="utf-8",
    )
    third = checkout()
    again = cli("from-issue", str(fixed), "--date", DATE, "--pull-request", PR, cwd=third)
    assert (again.rc, again.out) == (0, f"Berkas ditulis: {WRITTEN}\n")
    assert "themes: [career-guidance]" in (third / WRITTEN).read_text(encoding="utf-8")


def test_a_pull_request_link_that_is_not_this_repository_s_kind_is_not_echoed(cli, checkout, tmp_path):
    broken = tmp_path / "rusak.md"
    broken.write_text(edited(Tema="xyz"), encoding="utf-8")
    comment = tmp_path / "komentar.md"
    cli(
        "from-issue", str(broken), "--date", DATE, "--pull-request", "https://evil.example/[x](y)",
        "--comment-file", str(comment), cwd=checkout(),
    )  # fmt: skip
    assert "evil.example" not in comment.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("typed", "regency"),
    [
        ("Kab. Banyuasin", "Kabupaten Banyuasin"),
        ("kabupaten banyuasin", "Kabupaten Banyuasin"),
        ("banyuasin", "Kabupaten Banyuasin"),
    ],
)
def test_regency_forms_are_read_as_the_official_name(typed, regency):
    parsed = parse_issue(edited(**{"Kabupaten/Kota": typed}), dt.date(2025, 10, 9))
    assert parsed.values["region"]["regency"] == regency and parsed.problems == []


def test_a_regency_that_is_two_places_asks_which():
    body = edited(Provinsi="jabar", **{"Kabupaten/Kota": "Bandung"})
    parsed = parse_issue(body, dt.date(2025, 10, 9))
    assert parsed.values["region"] == {"province": "Jawa Barat"}
    [problem] = parsed.problems
    assert (problem.where(), problem.message(), problem.hint()) == (
        "Kabupaten/Kota",
        "'Bandung' ada dua: Kabupaten Bandung atau Kota Bandung?",
        "tulis salah satu nama lengkapnya",
    )


def test_an_edit_that_is_no_longer_the_form_never_replaces_the_practice(cli, checkout, tmp_path):
    wiped = tmp_path / "kosong.md"
    wiped.write_text("Maaf, saya hapus semuanya.\n", encoding="utf-8")
    root = checkout()
    before = sorted(p.relative_to(root) for p in (root / "practices").rglob("*"))
    run = cli(
        "from-issue", str(wiped), "--date", DATE, "--keep-invalid", "--pull-request", PR,
        "--format", "json", cwd=root,
    )  # fmt: skip
    assert run.rc == 1 and '"written": false' in run.out and '"code": "F100"' in run.out
    assert sorted(p.relative_to(root) for p in (root / "practices").rglob("*")) == before
