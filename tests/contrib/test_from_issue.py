"""`lumbung from-issue` on issue bodies as GitHub renders a submitted "Praktik baru" form.

Fixtures in fixtures/issues/<case>.md are issue bodies; expected outputs sit beside them
(<case>.expected.md: the practice file written; <case>.expected.txt: what the command prints;
<case>.comment.md: the issue comment). Refresh after a deliberate change with
`python -m pytest tests/contrib --update-goldens` and review the diff.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lumbung.authoring.issuebody.answers import choices_of, lookup, parse_number, split_answers

ISSUES = Path(__file__).parent / "fixtures" / "issues"
DATE = "2025-10-09"  # the submission date given with --date, so golden files do not move


@pytest.fixture
def project(tmp_path: Path, repo_root: Path) -> Path:
    """A copy of the sample library, so written files and cross-file checks are realistic."""
    root = tmp_path / "proyek"
    shutil.copytree(repo_root / "practices", root / "practices")
    (root / "mkdocs.yml").write_text("site_name: Uji\ndocs_dir: practices\n", encoding="utf-8")
    return root


def golden(path: Path, actual: str, update: bool) -> None:
    if update:
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"differs from {path.name}"


@pytest.mark.parametrize(
    ("case", "written"),
    [
        (
            "lengkap",
            "practices/sumatera-selatan/kanvasing-lowongan-terjadwal-ke-kawasan-industri-kertapati.md",
        ),
        ("minimal", "practices/sumatera-selatan/pojok-konsultasi-karier-di-balai-latihan-kerja-banyuasin.md"),
        ("markdown", "practices/dki-jakarta/bursa-kerja-daring-terpadu-untuk-penyandang-disabilitas.md"),
    ],
)
def test_valid_issue_becomes_a_valid_practice(cli, project, update_goldens, case, written):
    result = cli("from-issue", str(ISSUES / f"{case}.md"), "--date", DATE, "--issue-number", "7", cwd=project)
    assert (result.rc, result.out, result.err) == (0, f"Berkas ditulis: {written}\n", "")
    golden(ISSUES / f"{case}.expected.md", (project / written).read_text(encoding="utf-8"), update_goldens)
    check = cli("validate", cwd=project)
    assert check.rc == 0, check.out
    assert check.out.endswith(": 0 galat, 0 peringatan\n")


def test_windows_line_endings_give_the_same_file(cli, project, tmp_path):
    body = (ISSUES / "lengkap.md").read_text(encoding="utf-8").replace("\n", "\r\n")
    crlf = tmp_path / "isu-crlf.md"
    crlf.write_bytes(body.encode("utf-8"))
    result = cli("from-issue", str(crlf), "--date", DATE, cwd=project)
    assert result.rc == 0, result.out
    written = (
        project / "practices/sumatera-selatan/kanvasing-lowongan-terjadwal-ke-kawasan-industri-kertapati.md"
    )
    assert written.read_bytes() == (ISSUES / "lengkap.expected.md").read_bytes()


def test_invalid_values_are_reported_against_form_fields(cli, project, tmp_path, update_goldens):
    comment = tmp_path / "komentar.md"
    result = cli(
        "from-issue",
        str(ISSUES / "tidak-sah.md"),
        "--date",
        DATE,
        "--comment-file",
        str(comment),
        cwd=project,
    )
    assert result.rc == 1
    golden(ISSUES / "tidak-sah.expected.txt", result.out, update_goldens)
    golden(ISSUES / "tidak-sah.comment.md", comment.read_text(encoding="utf-8"), update_goldens)
    assert not list(project.glob("practices/*/kanvasing-*.md")), "an invalid practice must not be written"


def test_invalid_messages_name_the_field_and_the_fix(cli, project):
    result = cli("from-issue", str(ISSUES / "tidak-sah.md"), "--date", DATE, cwd=project)
    lines = result.out.splitlines()
    assert "Tema: pilihan 'employer-outreaches' tidak dikenal [F102]" in lines
    assert "Hasil terukur, baris 3: nilai 'banyak' bukan angka [F104]" in lines
    assert (
        "Hasil terukur, baris 4: format baris harus "
        "'indikator; nilai; satuan; nilai awal; tahun; jenis' [F103]" in lines
    )
    assert "Kabupaten/Kota: kabupaten/kota 'Kota Lahat' tidak ada di Sumatera Selatan [E215]" in lines
    assert "Praktik terkait: praktik 'lahat-bursa-kerja-desaa' tidak ada di pustaka [E403]" in lines
    assert lines[-1].startswith("Cara memperbaiki: sunting isu")


def test_keep_invalid_writes_the_file_anyway(cli, project):
    result = cli("from-issue", str(ISSUES / "tidak-sah.md"), "--date", DATE, "--keep-invalid", cwd=project)
    assert result.rc == 1
    assert result.out.splitlines()[0] == (
        "galat: isian isu belum lolos pemeriksaan; "
        "practices/sumatera-selatan/kanvasing-lowongan-terjadwal-ke-kawasan-industri-kertapati.md "
        "tetap ditulis (--keep-invalid)"
    )
    assert len(list(project.glob("practices/sumatera-selatan/kanvasing-*.md"))) == 1


def test_json_output_and_stdin(cli, project, monkeypatch):
    import io
    import sys

    data = (ISSUES / "tidak-sah.md").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    result = cli("from-issue", "-", "--format", "json", "--issue-number", "12", "--date", DATE, cwd=project)
    report = json.loads(result.out)
    assert result.rc == 1
    assert report["issue"] == 12 and report["ok"] is False and report["written"] is False
    assert report["problems"][1] == {
        "field": "Tema",
        "line": None,
        "code": "F102",
        "severity": "error",
        "message": "pilihan 'employer-outreaches' tidak dikenal",
        "hint": "maksud Anda 'Kunjungan Perusahaan & Job Canvassing (employer-outreach)'? pilihan: "
        "Profiling & Pemetaan Kompetensi Pencari Kerja (profiling); Manajemen Kasus & Pendampingan Personal "
        "(case-management); Konsultasi Pencocokan Kerja Virtual (virtual-job-matching); Kunjungan Perusahaan "
        "& Job Canvassing (employer-outreach); Layanan Inklusif bagi Kelompok Rentan (inclusive-service); "
        "Digitalisasi Layanan (SIAPKerja/SISNAKER) (digital-service); Penguatan & Integrasi Data Pasar Kerja "
        "(labour-market-data); Sinkronisasi Pelatihan dan Penempatan (training-placement); Layanan Pekerja "
        "Migran & Desmigratif (migrant-workers); Bimbingan Jabatan & Konseling Karier (career-guidance); "
        "Bursa Kerja & Job Fair (job-fair)",
    }


def test_existing_file_is_not_overwritten(cli, project):
    first = cli("from-issue", str(ISSUES / "minimal.md"), "--date", DATE, cwd=project)
    assert first.rc == 0
    again = cli("from-issue", str(ISSUES / "minimal.md"), "--date", DATE, cwd=project)
    assert again.rc == 1
    assert (
        "Judul: berkas practices/sumatera-selatan/"
        "pojok-konsultasi-karier-di-balai-latihan-kerja-banyuasin.md sudah ada [F107]"
    ) in again.out.splitlines()
    assert cli("from-issue", str(ISSUES / "minimal.md"), "--date", DATE, "--overwrite", cwd=project).rc == 0


def test_required_fields_left_empty(cli, project, tmp_path):
    body = (ISSUES / "minimal.md").read_text(encoding="utf-8")
    body = body.replace("Dinas Tenaga Kerja Kabupaten Banyuasin", "_No response_")
    body = body.replace("Jadwal yang tetap membuat peserta datang tanpa diundang.", "_No response_")
    body = body.replace("- [X] Setiap orang", "- [ ] Setiap orang")
    path = tmp_path / "isu.md"
    path.write_text(body, encoding="utf-8")
    result = cli("from-issue", str(path), "--date", DATE, cwd=project)
    assert result.rc == 1
    assert result.out.splitlines()[1:] == [
        "Instansi: isian wajib kosong [F101]",
        "  petunjuk: Instansi pelaksana, misalnya Dinas Tenaga Kerja Kota Palembang.",
        "Bagian Pembelajaran: isian wajib kosong [F101]",
        "  petunjuk: Apa yang berhasil, apa yang tidak, apa yang akan Anda lakukan berbeda.",
        "Pernyataan data pribadi: pernyataan belum dicentang: Setiap orang yang dapat dikenali dalam foto "
        "atau lampiran telah memberi persetujuan untuk dipublikasikan [F105]",
        "  petunjuk: centang kotaknya: ubah '- [ ]' menjadi '- [X]'",
        "3 masalah: 3 galat, 0 peringatan",
        "Cara memperbaiki: sunting isu (menu ··· > Edit), ubah teks di bawah judul isian yang disebut "
        '("### Judul isian"), lalu simpan; pemeriksaan berjalan ulang otomatis.',
    ]


def test_not_a_form(cli, project, tmp_path):
    path = tmp_path / "isu.md"
    path.write_text("Halo, saya ingin berbagi praktik baik.\n", encoding="utf-8")
    result = cli("from-issue", str(path), "--date", DATE, cwd=project)
    assert result.rc == 1
    assert result.out.splitlines()[1:3] == [
        "isi isu bukan dari formulir 'Praktik baru' (tidak ada judul isian '### ...' yang dikenal) [F100]",
        "  petunjuk: buat isu baru lewat formulir 'Praktik baru'",
    ]


def test_english_practice_uses_english_sections(cli, project, tmp_path):
    body = (ISSUES / "minimal.md").read_text(encoding="utf-8")
    body = body.replace("### Bahasa tulisan\n\n_No response_", "### Bahasa tulisan\n\nEnglish (en)")
    path = tmp_path / "isu.md"
    path.write_text(body, encoding="utf-8")
    assert cli("from-issue", str(path), "--date", DATE, cwd=project).rc == 0
    text = (
        project / "practices/sumatera-selatan/pojok-konsultasi-karier-di-balai-latihan-kerja-banyuasin.md"
    ).read_text(encoding="utf-8")
    assert "language: en" in text
    assert [ln for ln in text.splitlines() if ln.startswith("## ")] == [
        "## Background",
        "## Implementation Steps",
        "## Results",
        "## Lessons Learned",
    ]


def test_usage_errors(cli, project):
    missing = cli("from-issue", "tidak-ada.md", cwd=project)
    assert (missing.rc, missing.out) == (2, "")
    assert missing.err == "galat: 'tidak-ada.md' tidak dapat dibaca: No such file or directory\n"
    bad_date = cli("from-issue", str(ISSUES / "minimal.md"), "--date", "9-10-2025", cwd=project)
    assert (bad_date.rc, bad_date.err) == (
        2,
        "galat: --date harus berupa tanggal YYYY-MM-DD, bukan '9-10-2025'\n",
    )
    assert cli("from-issue", "--format", "xml", cwd=project).rc == 2


def test_output_dir_names_the_project(cli, project, tmp_path):
    elsewhere = tmp_path / "lain"
    elsewhere.mkdir()
    result = cli(
        "from-issue", str(ISSUES / "minimal.md"), "--date", DATE, "--output-dir", str(project), cwd=elsewhere
    )
    assert result.rc == 0
    assert (
        project / "practices/sumatera-selatan/pojok-konsultasi-karier-di-balai-latihan-kerja-banyuasin.md"
    ).is_file()


# -- the pieces ---------------------------------------------------------------------------------


def test_multi_select_rendering_and_hand_edits():
    table = lookup("themes")
    rendered = "Kunjungan Perusahaan & Job Canvassing (employer-outreach), Bursa Kerja & Job Fair (job-fair)"
    assert choices_of(rendered, table) == (["employer-outreach", "job-fair"], [])
    # after editing the issue by hand: slugs, labels, another separator, a typo
    assert choices_of("job-fair; bursa kerja & job fair\nprofilling", table) == (
        ["job-fair", "job-fair"],
        ["profilling"],
    )
    # an option that itself contains ", " is still one choice
    assert choices_of("a, b, c", {"a b": "ab", "c": "c"}) == (["ab", "c"], [])


def test_split_answers_keeps_contributor_subheadings():
    body = "### Judul\n\nJudul praktik yang cukup panjang\n\n### Bagian Hasil\n\nTeks\n\n### Hasil\n\nLagi\n"
    answers = split_answers(body)
    assert answers["Bagian Hasil"] == "Teks\n\n### Hasil\n\nLagi"
    assert answers["Judul"] == "Judul praktik yang cukup panjang"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("312", 312),
        ("1.250", 1250),
        ("12,5", 12.5),
        ("1.250,75", 1250.75),
        ("1,250.75", 1250.75),
        ("45%", 45),
        ("0.5", 0.5),
        ("-3", -3),
        ("banyak", None),
        ("12 orang", None),
        ("", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_personal_data_in_a_section_points_to_that_section(cli, project, tmp_path):
    body = (ISSUES / "minimal.md").read_text(encoding="utf-8")
    body = body.replace("Sebanyak 85 peserta", "Hubungi Bu Rina di 0812-3456-7890. Sebanyak 85 peserta")
    path = tmp_path / "isu.md"
    path.write_text(body, encoding="utf-8")
    result = cli("from-issue", str(path), "--date", DATE, cwd=project)
    assert result.rc == 1
    assert result.out.splitlines()[1:3] == [
        "Bagian Hasil: kemungkinan nomor telepon pribadi: 0812****7890 [E502]",
        "  petunjuk: hapus atau samarkan data pribadi (UU 27/2022); kontak resmi kantor boleh dicantumkan di "
        "'Kontak publik'",
    ]
