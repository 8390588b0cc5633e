"""Numbers as Indonesians write them, in the issue form and in a practice's YAML header."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from lumbung.authoring.artefacts import json_schema
from lumbung.authoring.issuebody import parse_issue
from lumbung.text.numbers import Written, read_number, thousands_in_yaml

ISSUES = Path(__file__).parent / "fixtures" / "issues"
TODAY = dt.date(2025, 10, 9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("312", Written(312)),
        ("1.250", Written(1250)),
        ("1.250.000", Written(1250000)),
        ("1,5", Written(1.5)),
        ("1.250,75", Written(1250.75)),
        ("45%", Written(45, "persen")),
        ("45 %", Written(45, "persen")),
        ("12,5 persen", Written(12.5, "persen")),
        ("Rp 2 juta", Written(2000000, "rupiah")),
        ("Rp150.000", Written(150000, "rupiah")),
        ("Rp. 1,5 miliar", Written(1500000000, "rupiah")),
        ("3 ribu", Written(3000)),
        ("0.5", Written(0.5)),
        ("banyak", None),
        ("12 orang", None),
        ("Rp", None),
        ("", None),
    ],
)
def test_read_number(text, expected):
    assert read_number(text) == expected


def test_a_dot_before_three_digits_in_yaml_is_a_thousands_separator():
    assert thousands_in_yaml("1.250") == Written(1250)
    assert thousands_in_yaml("12.500.000") == Written(12500000)
    assert thousands_in_yaml("1.25") is None
    assert thousands_in_yaml("0.125") == Written(125)  # reported too: 0.125 is rare and 125 is the reading
    assert thousands_in_yaml("1250") is None


HEADER = """\
---
title: Pojok Konsultasi Karier di Balai Latihan Kerja Banyuasin
summary: Pengantar kerja membuka pojok konsultasi karier dua kali seminggu di BLK Banyuasin untuk peserta.
date: 2025-10-09
status: review
themes: [career-guidance]
region:
  province: Sumatera Selatan
office: Dinas Tenaga Kerja Kabupaten Banyuasin
authors:
  - name: Rina Marlina
outcomes:
{outcomes}
---

## Latar Belakang

Peserta lulus tanpa rencana kerja.

## Langkah Pelaksanaan

Meja konsultasi setiap Selasa dan Kamis.

## Hasil

Buku tamu pojok konsultasi.

## Pembelajaran

Jadwal tetap membuat peserta datang.
"""


@pytest.fixture
def library(tmp_path: Path, repo_root: Path) -> Path:
    root = tmp_path / "proyek"
    shutil.copytree(repo_root / "practices", root / "practices")
    (root / "mkdocs.yml").write_text("site_name: Uji\ndocs_dir: practices\n", encoding="utf-8")
    return root


def _write(root: Path, outcomes: str) -> str:
    rel = "practices/sumatera-selatan/pojok-konsultasi-banyuasin.md"
    (root / rel).write_text(HEADER.format(outcomes=outcomes), encoding="utf-8")
    return rel


def test_indonesian_numbers_in_yaml_get_exact_hints(cli, library):
    rel = _write(
        library,
        "  - {indicator: Peserta, value: 1.250, baseline: 1.25}\n"
        "  - {indicator: Jam per peserta, value: '1,5'}\n"
        "  - indicator: Peserta bekerja\n    value: 45%\n"
        "  - indicator: Anggaran\n    value: Rp 2 juta\n"
        "  - indicator: Lowongan\n    value: 1.250.000\n",
    )
    result = cli("validate", rel, cwd=library)
    assert result.rc == 1
    assert result.out == (
        f"{rel}:13: outcomes[0].value: angka '1.250' dibaca sebagai 1.25: di header, titik adalah tanda "
        "desimal, bukan pemisah ribuan [E222]\n"
        "  petunjuk: tulis value: 1250 (tanpa titik ribuan); pecahan ditulis dengan titik, misalnya 1.5\n"
        f"{rel}:14: outcomes[1].value: harus berupa angka, bukan teks [E204]\n"
        "  petunjuk: tulis value: 1.5\n"
        f"{rel}:16: outcomes[2].value: harus berupa angka, bukan teks [E204]\n"
        "  petunjuk: tulis value: 45 dan unit: persen\n"
        f"{rel}:18: outcomes[3].value: harus berupa angka, bukan teks [E204]\n"
        "  petunjuk: tulis value: 2000000 dan unit: rupiah\n"
        f"{rel}:20: outcomes[4].value: harus berupa angka, bukan teks [E204]\n"
        "  petunjuk: tulis value: 1250000\n"
        "1 berkas diperiksa: 5 galat, 0 peringatan\n"
    )


def test_numbers_written_the_yaml_way_pass(cli, library):
    rel = _write(library, "  - {indicator: Peserta, value: 1250, baseline: 1.25, unit: orang}\n")
    result = cli("validate", rel, cwd=library)
    assert result.rc == 0, result.out


def test_the_form_understands_indonesian_numbers():
    parsed = parse_issue((ISSUES / "angka.md").read_text(encoding="utf-8"), TODAY)
    assert parsed.values["outcomes"] == [
        {"indicator": "Peserta berkonsultasi", "value": 1250, "unit": "orang", "baseline": 980, "year": 2025},
        {"indicator": "Peserta yang mendapat kerja", "value": 45, "unit": "persen"},
        {"indicator": "Rata-rata jam konsultasi per peserta", "value": 1.5, "unit": "jam"},
        {"indicator": "Anggaran pojok konsultasi", "value": 2000000, "unit": "rupiah"},
        {"indicator": "Lowongan yang dicocokkan", "value": 1250000},
    ]
    [problem] = parsed.problems
    assert (problem.where(), problem.message(), problem.hint()) == (
        "Hasil terukur, baris 6",
        "nilai '12 perusahaan' bukan angka",
        "tulis angkanya saja lalu satuannya sesudah titik koma: Perusahaan mitra; 12; perusahaan",
    )


def test_the_json_schema_explains_how_to_write_numbers():
    outcome = json_schema()["properties"]["outcomes"]["items"]["properties"]
    assert outcome["value"]["type"] == "number"
    assert "1250, bukan 1.250" in outcome["value"]["description"]
    assert "1250, bukan 1.250" in outcome["baseline"]["description"]
    assert (
        "1250, not 1.250"
        in json_schema("en")["properties"]["outcomes"]["items"]["properties"]["value"]["description"]
    )
