"""The checked header as a typed record: built by the loader for files without errors, and for those
only; its shape follows the schema, field for field."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from pathlib import Path

import pytest

from lumbung import record
from lumbung.record import (
    Author,
    Outcome,
    Partner,
    Period,
    PracticeRecord,
    Region,
    Replication,
    ReportRecord,
)
from lumbung.rules.schema import Field, schema
from lumbung.source.loader import Loader, load_file
from lumbung.vocabulary import vocabulary
from support import FIXTURES
from support.practice import VALID

TODAY = dt.date(2026, 12, 1)


def test_the_literal_types_are_the_vocabularies():
    for literal, name, table in (
        (record.Status, "statuses", record.STATUSES),
        (record.Language, "languages", record.LANGUAGES),
        (record.Kind, "kinds", record.KINDS),
    ):
        assert list(typing.get_args(literal)) == list(vocabulary(name).values)
        assert list(table) == list(table.values()) == list(vocabulary(name).values)


def test_a_practice_header_becomes_this_record():
    library = Loader(FIXTURES / "site-basic").load(today=TODAY)
    practice = library.by_id["palembang-kanvasing-uji"]
    assert practice.record == PracticeRecord(
        kind="practice",
        status="published",
        date=dt.date(2025, 10, 9),
        region=Region("Sumatera Selatan", "Kota Palembang"),
        office="Dinas Tenaga Kerja Kota Palembang",
        authors=(Author("Siti Rahmawati", "ahli-muda", "siti@example.go.id"),),
        period=Period("2024-01", "berjalan"),
        outcomes=(Outcome("Pencari kerja ditempatkan", "placements", 1020, "orang", 140, 2025),),
        tags=("contoh", "kunjungan"),
        language="id",
        title="Kanvasing Terjadwal ke Kawasan Industri (uji)",
        summary=(
            "Pengantar kerja mengunjungi perusahaan setiap triwulan dengan daftar periksa kebutuhan "
            "tenaga kerja, lalu mencocokkan lowongan dengan pencari kerja terdaftar."
        ),
        themes=("employer-outreach", "labour-market-data"),
        target_groups=("general", "youth"),
        delivery_mode="in-person",
        partners=(Partner("Himpunan Kawasan Industri Kertapati", "association"),),
        evidence_level="monitoring-data",
        replication=Replication("medium", ("Daftar perusahaan aktif",)),
        redirect_from=("palembang-kanvasing-lama",),
        last_reviewed=dt.date(2026, 1, 15),
    )
    assert practice.practice_record() is practice.record
    with pytest.raises(dataclasses.FrozenInstanceError):
        practice.record.office = "lain"  # type: ignore[misc, union-attr]
    with pytest.raises(ValueError, match="no checked replication report header"):
        practice.report_record()


def test_a_report_header_becomes_a_report_record():
    library = Loader(FIXTURES / "validate" / "replication-refs").load(today=TODAY)
    report = next(r for r in library.reports if r.id == "pertama")
    assert report.record == ReportRecord(
        kind="replication",
        status="published",
        date=dt.date(2025, 11, 4),
        region=Region("Jambi"),
        office="Dinas Tenaga Kerja Kota Jambi",
        authors=(Author("Rina Marlina"),),
        replicates="palembang-job-canvassing",
    )


def test_only_files_whose_own_checks_passed_have_a_record():
    seen = set()
    for case in ("site-basic", "site-invalid", "validate/replication-refs"):
        library = Loader(FIXTURES / case).load(today=TODAY)
        for p in library.documents:
            has_errors = any(d.severity == "error" for d in p.diagnostics)
            assert (p.record is None) == has_errors, p.relpath
            seen.add(has_errors)
            if p.record is None:
                with pytest.raises(ValueError, match="no checked"):
                    p.practice_record()
    assert seen == {True, False}  # control: both sorts of file were put to the test


def test_a_record_whose_file_fails_a_library_check_is_still_rejected():
    # The record is of the file; whether the site shows it is the library's call (its fate).
    library = Loader(FIXTURES / "validate" / "replication-refs").load(today=TODAY)
    report = next(r for r in library.reports if r.id == "diri-sendiri")
    assert report.record is not None and library.fate(report) == "rejected"
    assert report not in library.published_reports()


def _shape(f: Field) -> set[str]:
    element = f.items if f.type == "list" and f.items is not None else f
    return set(element.fields)


def _record_fields(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


@pytest.mark.parametrize(
    ("kind", "cls"), [("practice", PracticeRecord), ("replication", ReportRecord)], ids=["practice", "report"]
)
def test_every_schema_field_has_its_place_in_the_record(kind: str, cls: type):
    fields = schema(kind).fields
    assert set(fields) == _record_fields(cls)
    parts = {"region": Region, "authors": Author, "period": Period, "outcomes": Outcome}
    if kind == "practice":
        parts |= {"partners": Partner, "replication": Replication}
    for name, part in parts.items():
        assert _shape(fields[name]) <= _record_fields(part), name
    assert _shape(schema("practice").fields["period"]) == _record_fields(Period)


def _load(tmp_path: Path, text: str):
    folder = tmp_path / "practices" / "sumatera-selatan"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "uji-praktik.md"
    path.write_text(text, encoding="utf-8")
    return load_file(path, tmp_path, TODAY)


def test_headers_at_the_edge_of_what_the_checks_accept_become_records(tmp_path: Path):
    # Optional keys left empty (`key:`, as the template writes them), an empty object, a quoted date,
    # a date with a time, a fraction: each passes the checks, so each must give a record.
    empty = "\n".join(
        f"{key}:"
        for key in (
            "period",
            "partners",
            "target_groups",
            "delivery_mode",
            "evidence_level",
            "replicated_from",
            "related",
            "keywords",
            "cover_image",
            "redirect_from",
            "language",
        )
    )
    text = (
        VALID.replace("date: 2025-10-09", 'date: "2025-10-09"')
        .replace("    value: 286\n", "    value: 28.5\n    unit:\n    baseline:\n")
        .replace(
            "tags: [desa, bursa kerja]",
            f"tags: [desa, bursa kerja]\n{empty}\nreplication: {{}}\nlast_reviewed: 2026-01-15 08:30:00",
        )
    )
    practice = _load(tmp_path, text)
    assert [d.code for d in practice.diagnostics] == []
    r = practice.practice_record()
    assert (r.date, r.last_reviewed) == (dt.date(2025, 10, 9), dt.date(2026, 1, 15))
    assert r.outcomes == (Outcome("Pencari kerja ditempatkan", None, 28.5, year=2025),)
    assert r.period is None and r.replication == Replication() and r.language == "id"
    assert (r.partners, r.target_groups, r.related, r.keywords, r.redirect_from) == ((),) * 5
    assert (r.delivery_mode, r.evidence_level, r.replicated_from, r.cover_image) == (None,) * 4
    assert r.authors == (Author("Rudi Hartono", None, "rudi.hartono@example.go.id"),)
