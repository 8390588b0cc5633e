"""`lumbung new`, `lumbung schema` and `lumbung vocab`: the helpers for contributors."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from lumbung.authoring.artefacts import OPTIONAL_INTRO, json_schema
from lumbung.formats.frontmatter import parse
from lumbung.model import PRACTICE, REPLICATION
from lumbung.rules.fields import FieldChecker
from lumbung.rules.schema import schema
from lumbung.source.loader import load_file
from lumbung.vocabulary import regions, vocabulary
from support import REPO

NEW = [
    "new", "--title", "Kanvasing Lowongan ke Kawasan Industri Kertapati", "--province", "Sumatera Selatan",
    "--regency", "Kota Palembang", "--theme", "employer-outreach", "--theme", "job-fair",
    "--office", "Dinas Tenaga Kerja Kota Palembang", "--author", "Siti Rahmawati", "--level", "ahli-muda",
    "--yes",
]  # fmt: skip
NEW_PATH = "practices/sumatera-selatan/kanvasing-lowongan-ke-kawasan-industri-kertapati.md"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text("", encoding="utf-8")
    return tmp_path


# --- lumbung new ----------------------------------------------------------------------------------


def test_new_writes_a_skeleton_that_only_lacks_content(root: Path, cli):
    result = cli(*NEW, cwd=root)
    assert (result.rc, result.err) == (0, "")
    assert result.out == (
        f"Berkas dibuat: {NEW_PATH}\n"
        f"Langkah berikut: lengkapi isinya, lalu jalankan: lumbung validate {NEW_PATH}\n"
    )
    practice = load_file(root / NEW_PATH, root, dt.date.today())
    assert practice.meta["region"] == {"province": "Sumatera Selatan", "regency": "Kota Palembang"}
    assert practice.meta["themes"] == ["employer-outreach", "job-fair"]
    assert practice.meta["authors"] == [{"name": "Siti Rahmawati", "level": "ahli-muda"}]
    assert practice.meta["status"] == "draft" and practice.meta["date"] == dt.date.today()
    # only the summary and the sections are left to write: each section holds a guidance comment,
    # which counts as empty, and the summary is the template's own sentence
    assert {(d.code, d.params.get("section", d.field)) for d in practice.diagnostics} == {
        ("E303", s)
        for s in ["Latar Belakang", "Langkah Pelaksanaan", "Hasil", "Pembelajaran", "Cara Mereplikasi"]
    } | {("E307", "summary")}
    validated = cli("validate", NEW_PATH, cwd=root)
    assert validated.rc == 1 and validated.out.endswith("1 berkas diperiksa: 6 galat, 0 peringatan\n")


def test_new_national_and_english(root: Path, cli):
    result = cli(
        "new", "--title", "Online Career Counselling for Vocational Graduates", "--province", "Nasional",
        "--theme", "career-guidance", "--office", "Kementerian Ketenagakerjaan", "--language", "en", "--yes",
        cwd=root,
    )  # fmt: skip
    assert result.rc == 0, result.err
    path = root / "practices/nasional/online-career-counselling-for-vocational-graduates.md"
    practice = load_file(path, root, dt.date.today())
    assert practice.meta["language"] == "en" and practice.meta["region"] == {"province": "Nasional"}
    assert {d.code for d in practice.diagnostics} == {"E303", "E307"}
    assert "## Background\n" in practice.body and "## Lessons Learned\n" in practice.body


def test_new_refuses_an_existing_file(root: Path, cli):
    assert cli(*NEW, cwd=root).rc == 0
    before = (root / NEW_PATH).read_bytes()
    again = cli(*NEW, cwd=root)
    assert (again.rc, again.out) == (1, "")
    assert again.err == f"galat: {NEW_PATH} sudah ada; pilih judul atau --id lain\n"
    assert (root / NEW_PATH).read_bytes() == before
    other = cli(*NEW, "--id", "kanvasing-kertapati-2", cwd=root)
    assert other.rc == 0 and (root / "practices/sumatera-selatan/kanvasing-kertapati-2.md").is_file()


@pytest.mark.parametrize(
    ("province", "hint"),
    [
        ("Sumatra Selatan", "nama resmi: 'Sumatera Selatan'; daftar lengkap: lumbung vocab provinces"),
        (
            "Palembang",
            "'Palembang' adalah kabupaten/kota di Sumatera Selatan; tulis province: Sumatera Selatan dan "
            "regency: Kota Palembang; daftar lengkap: lumbung vocab provinces",
        ),
        ("Atlantis", "daftar lengkap: lumbung vocab provinces"),
    ],
)
def test_new_bad_province_exits_2_with_a_hint(root: Path, cli, province: str, hint: str):
    args = list(NEW)
    args[args.index("Sumatera Selatan")] = province
    result = cli(*args, cwd=root)
    assert (result.rc, result.out) == (2, "")
    assert result.err == f"galat: provinsi '{province}' tidak dikenal\n  petunjuk: {hint}\n"
    assert not (root / "practices").exists()


def test_new_bad_theme_and_missing_options(root: Path, cli):
    args = list(NEW)
    args[args.index("job-fair")] = "job-fairs"
    bad = cli(*args, cwd=root)
    assert (bad.rc, bad.err) == (
        2,
        "galat: tema 'job-fairs' tidak dikenal\n"
        "  petunjuk: maksud Anda 'Bursa Kerja & Job Fair (job-fair)'? Daftar lengkap: lumbung vocab themes\n",
    )
    many = cli(*NEW, "--theme", "profiling", "--theme", "case-management", cwd=root)
    assert (many.rc, many.err) == (
        2,
        "galat: pilih 1-3 tema\n  petunjuk: daftar lengkap: lumbung vocab themes\n",
    )
    no_title = cli("new", "--province", "Sumatera Selatan", "--yes", cwd=root)
    assert (no_title.rc, no_title.err) == (
        2,
        "galat: opsi --title wajib bila tidak interaktif (atau jalankan di terminal)\n",
    )
    english = cli("new", "--lang", "en", "--yes", cwd=root)
    assert english.err == "error: option --title is required when not interactive (or run in a terminal)\n"
    assert not (root / "practices").exists()


def test_new_reads_a_bare_regency_and_names_an_unknown_one(root: Path, cli):
    args = list(NEW)
    args[args.index("Kota Palembang")] = "palembang"
    assert cli(*args, cwd=root).rc == 0
    assert "  regency: Kota Palembang  #" in (root / NEW_PATH).read_text(encoding="utf-8")
    (root / NEW_PATH).unlink()
    args[args.index("palembang")] = "Atlantis"
    result = cli(*args, cwd=root)
    assert (result.rc, result.out) == (2, "")
    assert result.err == (
        "galat: kabupaten/kota 'Atlantis' tidak ada di Sumatera Selatan\n"
        '  petunjuk: daftar lengkap: lumbung vocab regencies "Sumatera Selatan"\n'
    )
    assert not (root / NEW_PATH).exists()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_new_asks_in_indonesian_and_offers_the_choices(root: Path, cli, monkeypatch):
    answers = [
        "Kanvasing Lowongan ke Kawasan Industri Kertapati", "Sumatra Selatan", "sumsel", "Kota Palembang",
        "4, 11", "Dinas Tenaga Kerja Kota Palembang", "Siti Rahmawati",
    ]  # fmt: skip
    monkeypatch.setattr("sys.stdin", _Terminal("\n".join(answers) + "\n"))
    result = cli("new", cwd=root)
    assert result.rc == 0, result.err
    practice = load_file(root / NEW_PATH, root, dt.date.today())
    assert practice.meta["themes"] == ["employer-outreach", "job-fair"]
    assert practice.meta["region"]["regency"] == "Kota Palembang"
    assert result.err.startswith(
        "Judul praktik (10-120 karakter): Provinsi (misalnya Jawa Barat atau jabar, atau Nasional): "
    )
    assert (
        "galat: provinsi 'Sumatra Selatan' tidak dikenal\n  petunjuk: nama resmi: 'Sumatera Selatan'"
        in result.err
    )
    assert "  Coba lagi.\n" in result.err
    assert "   4. employer-outreach  Kunjungan Perusahaan & Job Canvassing\n" in result.err


def test_new_stops_cleanly_when_input_ends(root: Path, cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Terminal("Judul yang cukup panjang\n"))
    result = cli("new", cwd=root)
    assert result.rc == 2 and "Traceback" not in result.err
    assert not (root / "practices").exists()


def test_new_outside_a_project(tmp_path: Path, cli):
    result = cli(*NEW, cwd=tmp_path)
    assert result.rc == 2 and result.err.startswith("galat: proyek tidak ditemukan")


def test_template_optional_fields_are_valid_once_uncommented(root: Path, cli):
    result = cli(*NEW, "--stdout", cwd=root)
    assert result.rc == 0 and not (root / "practices").exists()
    text = result.out
    assert OPTIONAL_INTRO in text
    uncommented = re.sub(r"(?m)^# (?=[a-z_]+:|  )", "", text.replace(OPTIONAL_INTRO + "\n", ""))
    header = parse(uncommented, NEW_PATH)
    assert header.diagnostics == []
    optional = {n for n, f in schema().fields.items() if not f.required and n != "language" and f.template}
    assert optional <= set(header.data), optional - set(header.data)
    field_problems = FieldChecker(header, NEW_PATH, dt.date(2026, 12, 31)).check(header.data)
    assert field_problems == []
    # the folded summary keeps hyphenated words whole ("satu-dua", not "satu- dua")
    assert header.data["summary"] == (
        "Tulis ringkasan 50-400 karakter: apa yang dilakukan, untuk siapa, "
        "dan hasil utamanya dalam satu-dua kalimat."
    )


# --- lumbung schema -------------------------------------------------------------------------------


def _json_ready(value):
    """Front matter as a YAML-aware editor sees it: dates as ISO strings."""
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _sample_headers() -> list[tuple[str, dict]]:
    out = []
    for path in sorted((REPO / "practices").rglob("*.md")):
        header = parse(path.read_text(encoding="utf-8-sig"), path.name)
        out.append((path.name, _json_ready(header.data)))
    return out


def test_schema_command_prints_the_json_schema(cli, root: Path):
    result = cli("schema", cwd=root)
    assert result.rc == 0 and result.err == ""
    data = json.loads(result.out)
    assert data == json_schema("id")
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert data["type"] == "object" and data["additionalProperties"] is False
    assert set(data["properties"]) == set(schema().fields)
    assert data["required"] == [n for n, f in schema().fields.items() if f.required]
    assert data["properties"]["themes"]["items"]["enum"] == list(vocabulary("themes").values)
    assert data["properties"]["themes"]["maxItems"] == 3
    provinces = data["properties"]["region"]["properties"]["province"]["enum"]
    assert "Nasional" in provinces and "DKI Jakarta" in provinces and len(provinces) >= 39
    english = json.loads(cli("schema", "--lang", "en", cwd=root).out)
    assert english["properties"]["title"]["description"] == schema().fields["title"].help_en


def _walk(node, path="#"):
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, f"{path}/{i}")


def test_schema_is_structurally_sound():
    data = json_schema()
    types = {"object", "array", "string", "number", "integer", "boolean", "null"}
    for where, node in _walk(data):
        if not isinstance(node, dict):
            continue
        if "type" in node and not where.endswith("/properties"):
            assert node["type"] in types, where
        if "pattern" in node and isinstance(node["pattern"], str):
            re.compile(node["pattern"])
        if node.get("type") == "object" and "properties" in node:
            assert set(node.get("required", [])) <= set(node["properties"]), where


def test_sample_front_matter_validates_against_the_schema():
    import jsonschema  # in the test extras: this test runs wherever the tests do

    validator_cls = jsonschema.Draft202012Validator
    validators = {}
    for kind in (PRACTICE, REPLICATION):  # each document is checked against the schema of its kind
        data = json_schema(kind=kind)
        validator_cls.check_schema(data)
        validators[kind] = validator_cls(data, format_checker=validator_cls.FORMAT_CHECKER)
    headers = _sample_headers()
    kinds = [meta.get("kind", PRACTICE) for _, meta in headers]
    assert kinds.count(PRACTICE) >= 12 and kinds.count(REPLICATION) >= 3
    for (name, meta), kind in zip(headers, kinds, strict=True):
        errors = [
            f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validators[kind].iter_errors(meta)
        ]
        assert errors == [], name
    # and it refuses what the validator refuses; a report is not a practice, nor the other way round
    validator = validators[PRACTICE]
    report = next(meta for (_, meta), kind in zip(headers, kinds, strict=True) if kind == REPLICATION)
    assert list(validator.iter_errors(report))
    name, meta = next(h for h, kind in zip(headers, kinds, strict=True) if kind == PRACTICE)
    assert list(validators[REPLICATION].iter_errors(meta))
    for bad in (
        {**meta, "themes": ["job-fairs"]},
        {**meta, "tema": ["job-fair"]},
        {**meta, "cover_image": "foto/a.jpg"},
        {**meta, "region": {"province": "Sumsel"}},
        {k: v for k, v in meta.items() if k != "status"},
    ):
        assert list(validator.iter_errors(bad)), bad


# --- lumbung vocab --------------------------------------------------------------------------------

THEMES = """\
profiling             Profiling & Pemetaan Kompetensi Pencari Kerja
case-management       Manajemen Kasus & Pendampingan Personal
virtual-job-matching  Konsultasi Pencocokan Kerja Virtual
employer-outreach     Kunjungan Perusahaan & Job Canvassing
inclusive-service     Layanan Inklusif bagi Kelompok Rentan
digital-service       Digitalisasi Layanan (SIAPKerja/SISNAKER)
labour-market-data    Penguatan & Integrasi Data Pasar Kerja
training-placement    Sinkronisasi Pelatihan dan Penempatan
migrant-workers       Layanan Pekerja Migran & Desmigratif
career-guidance       Bimbingan Jabatan & Konseling Karier
job-fair              Bursa Kerja & Job Fair
"""
TARGET_GROUPS = """\
youth                      Pemuda & Lulusan Baru
women                      Perempuan
persons-with-disabilities  Penyandang Disabilitas
returning-migrant-workers  Purna Pekerja Migran
long-term-unemployed       Penganggur Jangka Panjang
laid-off-workers           Korban PHK
older-workers              Pekerja Usia Lanjut
rural-job-seekers          Pencari Kerja Perdesaan
general                    Umum
"""


def test_vocab_lists_match_the_issue(cli, root: Path):
    assert cli("vocab", "themes", cwd=root).out == THEMES
    assert cli("vocab", "target-groups", cwd=root).out == TARGET_GROUPS
    levels = cli("vocab", "levels", cwd=root).out.splitlines()
    assert [line.split()[0] for line in levels] == [
        "terampil", "mahir", "penyelia", "ahli-pertama", "ahli-muda", "ahli-madya", "ahli-utama",
    ]  # fmt: skip
    partner_types = cli("vocab", "partner-types", cwd=root).out.split()
    assert partner_types[0] == "company" and "international" in partner_types


def test_vocab_regions(cli, root: Path):
    provinces = cli("vocab", "provinces", cwd=root).out.splitlines()
    assert provinces[0] == "Nasional"
    assert len(provinces) == 1 + 38 == 1 + len(regions().provinces)
    assert any(line.startswith("Sumatera Selatan ") and " 16 " in f" {line} " for line in provinces)
    assert any("(juga: DKI Jakarta, Daerah Khusus Ibukota Jakarta)" in line for line in provinces)
    regencies = cli("vocab", "regencies", "Sumatera Selatan", cwd=root).out.splitlines()
    assert len(regencies) == 17
    assert "Kota Palembang" in [line.rsplit(None, 1)[0].strip() for line in regencies]
    assert cli("vocab", "regencies", "DKI Jakarta", cwd=root).out.startswith(
        "Kabupaten Administrasi Kepulauan Seribu"
    )
    assert regions().regency_count() == 514


def test_vocab_usage_errors(cli, root: Path):
    bad = cli("vocab", "regencies", "Sumsel", cwd=root)
    assert (bad.rc, bad.out, bad.err) == (
        2,
        "",
        "provinsi 'Sumsel' tidak dikenal; lihat: lumbung vocab provinces\n",
    )
    missing = cli("vocab", "regencies", cwd=root)
    assert missing.rc == 2 and "tidak dikenal" in missing.err
    unknown = cli("vocab", "warna", cwd=root)
    assert unknown.rc == 2 and unknown.err.startswith("lumbung: argument name: invalid choice: 'warna'")


def test_vocabulary_files_record_their_source():
    for name in ["themes", "target-groups", "levels", "partner-types", "statuses", "delivery-modes"]:
        assert vocabulary(name).source, name
    raw = yaml.safe_load((REPO / "tools/lumbung/data/vocabularies/themes.yaml").read_text(encoding="utf-8"))
    assert len(raw["values"]) == 11
    assert regions().source and regions().licence and regions().retrieved
