"""The personal-data scanner: what it finds, how it masks, and the many numbers it must leave alone."""

from __future__ import annotations

import pytest

from lumbung.formats.frontmatter import parse
from lumbung.rules.privacy import check_privacy, contact_key, find_pii
from lumbung.source.loader import load_library


def found(text: str, allowed: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    return [(f.code, text[f.start : f.end], f.masked) for f in find_pii(text, allowed)]


@pytest.mark.parametrize(
    ("text", "match", "masked"),
    [
        ("NIK 3171012301900001.", "3171012301900001", "3171********0001"),  # man, born 23-01-1990
        ("NIK 3171016301900002", "3171016301900002", "3171********0002"),  # woman: day + 40
        ("NIK 3171 0123 0190 0001", "3171 0123 0190 0001", "3171********0001"),
        ("NIK 3171-0123-0190-0001", "3171-0123-0190-0001", "3171********0001"),
        ("NIK 31.71.01.230190.0001", "31.71.01.230190.0001", "3171********0001"),
        ("NIK 317101 230190 0001", "317101 230190 0001", "3171********0001"),
        ("KK 1671010101010001", "1671010101010001", "1671********0001"),
        ("KK 1671019999990001", "1671019999990001", "1671********0001"),  # no plausible date: still a KK
        ("(NIK:3171012301900001)", "3171012301900001", "3171********0001"),
    ],
)
def test_nik_and_kk(text: str, match: str, masked: str) -> None:
    assert found(text) == [("E501", match, masked)]


@pytest.mark.parametrize(
    ("text", "match", "masked"),
    [
        ("HP 0812-3456-7890", "0812-3456-7890", "0812****7890"),
        ("HP 0812 3456 7890", "0812 3456 7890", "0812****7890"),
        ("HP 0812.3456.7890", "0812.3456.7890", "0812****7890"),
        ("HP 081234567890", "081234567890", "0812****7890"),
        ("HP 0812-345-678", "0812-345-678", "0812****5678"),  # 10 digits, the shortest mobile
        ("HP +62 812-3456-7890", "+62 812-3456-7890", "0812****7890"),
        ("HP +6281234567890", "+6281234567890", "0812****7890"),
        ("HP (+62) 812 3456 7890", "(+62) 812 3456 7890", "0812****7890"),
        ("HP 62 812 3456 7890", "62 812 3456 7890", "0812****7890"),
        ("wa.me/6281234567890", "6281234567890", "0812****7890"),
        ("HP 0062 812 3456 7890", "0062 812 3456 7890", "0812****7890"),
        ("telp (0711) 412345", "(0711) 412345", "0711****2345"),
        ("telp 0711-412345", "0711-412345", "0711****2345"),
        ("telp 021-555-1234", "021-555-1234", "0215****1234"),
        ("telp +62 21 5551234", "+62 21 5551234", "0215****1234"),
        ("HP 0812 3456 7890 2 kali", "0812 3456 7890", "0812****7890"),
    ],
)
def test_phones(text: str, match: str, masked: str) -> None:
    assert found(text) == [("E502", match, masked)]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("surel siti@gmail.com.", "s***@gmail.com"),
        ("<budi_s@yahoo.co.id>", "b***@yahoo.co.id"),
        ("[surel](mailto:Rina.S@Mail.Example.co.id)", "R***@Mail.Example.co.id"),
    ],
)
def test_emails(text: str, masked: str) -> None:
    assert [(c, m) for c, _, m in found(text)] == [("E503", masked)]


@pytest.mark.parametrize(
    "text",
    [
        "Rp 1.500.000",
        "Rp 1.500.000.000.000.000",
        "Rp 1.234.567.890.123.456",
        "Rp 62.812.345.678",
        "Rp 12.081.234.567.890",
        "USD 1,234,567,890,123",
        "312 orang, 2.460 lowongan, 45%, 0,5 per lowongan",
        "tahun 2019 2020 2021 2022",
        "2024-01-15 2025-06-30",
        "tanggal 05-11-2024 dan 08.12.2024 pukul 10:30",
        "pukul 08.00-15.30 WIB; 08.30-12.00 13.00-15.00",
        "kode wilayah 32.73, 3273, 32.73.01 dan 32.73.01.1001",
        "1101 2345 6789 0123",  # a region code, but no plausible date in a grouped number
        "2024123456789012",  # 16 digits, no region code
        "3171002301900001 3171012301900000",  # district 00, serial 0000
        "31710123019000011",  # 17 digits
        "NIP 198703152010011002",
        "surat 560/1234/Disnaker/2024",
        "ISBN 978-602-1234-56-7, rekening 1234567890123",
        "darurat 112, call centre 1500-630, bebas pulsa 0800-1-500-630",
        "812 peserta; 0857 orang? (tidak masuk akal tapi bukan telepon)",
        "tim@2x.png foto@3x.jpg",
        "contoh nama@example.com, x@example.org, y@sub.example.net, z@kantor.test",
        "pengguna @siapkerja dan #lowongan",
    ],
)
def test_ordinary_numbers_never_trigger(text: str) -> None:
    assert found(text) == []


def test_allowed_values_are_skipped_in_any_spelling() -> None:
    allowed = frozenset(
        {contact_key("0711-412345"), contact_key("+62 811-2233-4455"), contact_key("Layanan@Kantor.go.id")}
    )
    text = "(0711) 412345, +62 711 412345, 0811 2233 4455, layanan@kantor.go.id; tapi 0711-412346"
    assert found(text, allowed) == [("E502", "0711-412346", "0711****2346")]


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("0711-123456", "0711123456"),
        ("(0711) 123456", "0711123456"),
        ("+62 711 123456", "0711123456"),
        ("+62 812-3456-7890", "081234567890"),
        ("1500-630", "1500630"),
        ("Layanan@Disnaker.go.id", "layanan@disnaker.go.id"),
        ("Hubungi kantor", None),
        ("0711-123456 (hotline)", None),
    ],
)
def test_contact_key(value: str, key: str | None) -> None:
    assert contact_key(value) == key


HEADER = """---
title: Judul praktik yang cukup panjang
summary: Hubungi 0812-3456-7890 untuk info
office: Dinas Tenaga Kerja
authors:
  - name: Andi 0812-1111-2222
    email: andi.pribadi@gmail.com
public_contacts: ["(0711) 412345", "layanan@kantor.go.id", Kantor kami]
outcomes:
  - indicator: Pencari kerja
    value: 3171012301900001
---

## Latar Belakang

Surel andi.pribadi@gmail.com, layanan@kantor.go.id dan rina@gmail.com; telp 0711-412345.
"""


def test_check_privacy_reports_fields_and_body_with_lines() -> None:
    header = parse(HEADER, "practices/x/y.md")
    diags = check_privacy("practices/x/y.md", header)
    got = [(d.line, d.column, d.field, d.code, d.params) for d in diags]
    assert got == [
        (8, None, "public_contacts[2]", "E504", {"value": "Kantor kami"}),
        (3, None, "summary", "E502", {"masked": "0812****7890"}),
        (6, None, "authors[0].name", "E502", {"masked": "0812****2222"}),
        (11, None, "outcomes[0].value", "E501", {"masked": "3171********0001"}),
        (16, 56, None, "E503", {"masked": "r***@gmail.com"}),
    ]
    assert diags[0].message("en") == "public contact 'Kantor kami' is not a phone number or e-mail address"
    assert diags[1].hint("id").startswith("hapus atau samarkan data pribadi (UU 27/2022)")


def test_sample_library_triggers_nothing(repo_root) -> None:
    library = load_library(repo_root)
    assert len(library.practices) >= 12
    assert [d for d in library.diagnostics if d.code.startswith("E5")] == []


SOURCE_HEADER = """---
title: Judul praktik yang cukup panjang  # NIK peserta 3171012301900001
summary: >-
  Ringkasan dengan kalimat pertama,
  lalu 0812-3456-7890
  di baris ketiga.
# catatan: rina.susanti@gmail.com
# public_contacts: ["0711-123456", "layanan@kantor.go.id"]
authors:
  - name: Siti
    email: "siti(at)kantor.go.id"
outcomes:
  - indicator: x
    value: 1671034506950003
---
Isi.
"""


def test_header_comments_and_lines_inside_multi_line_values() -> None:
    """The YAML as written is public in the repository: comments are scanned, a finding inside a
    folded value is reported on its own line, and commented-out public declarations are left alone."""
    diags = check_privacy("practices/x/y.md", parse(SOURCE_HEADER, "practices/x/y.md"))
    assert [(d.line, d.field, d.code, d.params["masked"]) for d in diags] == [
        (5, "summary", "E502", "0812****7890"),
        (14, "outcomes[0].value", "E501", "1671********0003"),
        (2, None, "E501", "3171********0001"),
        (7, None, "E503", "r***@gmail.com"),
    ]
