"""`lumbung validate` as a command: exit codes, formats, languages, usage errors, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import REPO

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "validate"


@pytest.fixture
def project(tmp_path: Path):
    """A copy of one fixture project, so tests may change it."""

    def make(case: str) -> Path:
        root = tmp_path / case
        while root.exists():
            root = root.with_name(root.name + "-lagi")
        shutil.copytree(FIXTURES / case, root, ignore=shutil.ignore_patterns("expected"))
        return root

    return make


def test_exit_codes(project, cli, frozen_today):
    assert cli("validate", cwd=project("valid-full")).rc == 0
    assert cli("validate", cwd=project("field-email")).rc == 1
    warnings_only = project("body-unknown-and-h1")
    assert cli("validate", cwd=warnings_only).rc == 0
    assert cli("validate", "--strict", cwd=warnings_only).rc == 1
    assert cli("validate", "--format", "xml", cwd=warnings_only).rc == 2


def test_clean_library_output(project, cli, frozen_today):
    root = project("valid-full")
    assert cli("validate", cwd=root).out == "2 berkas diperiksa: 0 galat, 0 peringatan\n"
    assert cli("validate", "--lang", "en", cwd=root).out == "2 files checked: 0 errors, 0 warnings\n"
    one = cli("validate", "--lang", "en", "practices/sumatera-selatan/bursa-kerja-desa-lahat.md", cwd=root)
    assert one.out == "1 file checked: 0 errors, 0 warnings\n"
    assert (one.rc, one.err) == (0, "")


def test_json_format_keys_and_values(project, cli, frozen_today):
    result = cli("validate", "--format", "json", cwd=project("field-email"))
    assert result.rc == 1
    assert json.loads(result.out) == [
        {
            "path": "practices/sumatera-selatan/bursa-desa.md",
            "line": 15,
            "column": None,
            "field": "authors[0].email",
            "code": "E213",
            "severity": "error",
            "message": "alamat surel 'rudi(at)example.go.id' tidak sah",
            "hint": "contoh: nama@instansi.go.id",
        },
        {
            "path": "practices/sumatera-selatan/bursa-desa.md",
            "line": 17,
            "column": None,
            "field": "authors[1].email",
            "code": "E213",
            "severity": "error",
            "message": "alamat surel 'yuliana@disnaker' tidak sah",
            "hint": "contoh: nama@instansi.go.id",
        },
    ]
    english = json.loads(cli("validate", "--format", "json", "--lang", "en", cwd=project("field-email")).out)
    assert english[0]["message"] == "e-mail address 'rudi(at)example.go.id' is not valid"
    assert english[0]["hint"] == "example: name@office.go.id"


def test_github_format_puts_the_summary_on_stderr(project, cli, frozen_today):
    result = cli("validate", "--format", "github", cwd=project("field-period-end-before-start"))
    assert result.rc == 1
    assert result.out == (
        "::error file=practices/sumatera-selatan/bursa-desa.md,line=17,title=E210 period.end::"
        "periode selesai (2024-12) sebelum mulai (2025-06)\n"
    )
    assert result.err == "1 berkas diperiksa: 1 galat, 0 peringatan\n"


def test_github_format_escapes_properties_and_data():
    from lumbung.diagnostics import Diagnostic, format_github

    d = Diagnostic("practices/a,b:c.md", "E202", line=3, field="x", params={"field": "50%\nkedua"})
    assert format_github([d]) == (
        "::error file=practices/a%2Cb%3Ac.md,line=3,title=E202 x::kolom '50%25%0Akedua' tidak dikenal\n"
    )


def test_language_from_the_environment(project, cli, frozen_today):
    root = project("field-period-end-before-start")
    expected = (
        "practices/sumatera-selatan/bursa-desa.md:17: period.end: "
        "period end (2024-12) is before start (2025-06) [E210]\n"
        "1 file checked: 1 error, 0 warnings\n"
    )
    assert cli("validate", cwd=root, env={"LUMBUNG_LANG": "en"}).out == expected
    assert cli("validate", cwd=root, env={"LUMBUNG_LANG": "en_GB.UTF-8"}).out == expected
    assert cli("validate", cwd=root, env={"LUMBUNG_LANG": "fr"}).out.endswith("1 galat, 0 peringatan\n")


def test_usage_errors_exit_2_with_a_message(tmp_path: Path, project, cli):
    root = project("valid-full")
    missing = cli("validate", "tidak-ada.md", cwd=root)
    assert (missing.rc, missing.out, missing.err) == (2, "", "galat: 'tidak-ada.md' tidak ditemukan\n")
    assert cli("validate", "--lang", "en", "nope.md", cwd=root).err == "error: 'nope.md' not found\n"
    bad_format = cli("validate", "--format", "xml", cwd=root)
    assert bad_format.rc == 2 and bad_format.out == ""
    assert bad_format.err.startswith("lumbung: argument --format: invalid choice: 'xml'")
    unknown = cli("periksa", cwd=root)
    assert unknown.rc == 2 and unknown.err.startswith("lumbung: argument PERINTAH: invalid choice: 'periksa'")
    bare = cli(cwd=root)
    assert bare.rc == 2 and bare.err.startswith("usage: lumbung")
    outside = tmp_path / "bukan-proyek"
    outside.mkdir()
    no_root = cli("validate", cwd=outside)
    assert (no_root.rc, no_root.out) == (2, "")
    assert no_root.err == (
        "galat: proyek tidak ditemukan (tidak ada mkdocs.yml di folder ini atau di atasnya)\n"
        "  petunjuk: jalankan dari dalam repositori Lumbung Praktik, atau sebutkan berkasnya\n"
    )


def test_a_bug_in_a_check_is_a_diagnostic_and_debug_shows_its_traceback(
    project, cli, frozen_today, monkeypatch
):
    from lumbung.source import loader

    def broken(*args, **kwargs):
        raise RuntimeError("rusak")

    monkeypatch.setattr(loader, "check_body", broken)
    root = project("valid-full")
    plain = cli("validate", cwd=root)
    assert plain.rc == 1
    assert plain.out.splitlines()[:2] == [
        "practices/sumatera-selatan/bursa-kerja-desa-lahat.md: galat internal saat memeriksa berkas ini: "
        "RuntimeError: rusak [E900]",
        "  petunjuk: ini kesalahan perkakas; laporkan dengan --debug",
    ]
    assert "Traceback" not in plain.out + plain.err
    debug = cli("validate", "--debug", cwd=root)
    assert debug.out == plain.out
    assert "Traceback (most recent call last)" in debug.err and "RuntimeError: rusak" in debug.err


def test_a_bug_outside_the_files_exits_3_without_traceback_unless_debug(
    project, cli, frozen_today, monkeypatch
):
    from lumbung.source import loader

    def broken(*args, **kwargs):
        raise KeyError("aduh")

    monkeypatch.setattr(loader, "check_library", broken)
    root = project("valid-full")
    plain = cli("validate", cwd=root)
    assert (plain.rc, plain.out) == (3, "")
    assert plain.err == (
        "galat internal: KeyError: 'aduh'\n"
        "  petunjuk: jalankan ulang dengan --debug dan laporkan ke pengelola\n"
    )
    debug = cli("validate", "--debug", cwd=root)
    assert debug.rc == 3 and "Traceback (most recent call last)" in debug.err


def test_named_files_are_checked_against_the_whole_library(project, cli, frozen_today):
    root = project("refs-related-replicated")
    # job-fair-palembang links to bursa-desa, which is not named: the link still resolves
    alone = cli("validate", "practices/sumatera-selatan/job-fair-palembang.md", cwd=root)
    assert (alone.rc, alone.out) == (0, "1 berkas diperiksa: 0 galat, 0 peringatan\n")
    # and only the named file's problems are reported
    named = cli("validate", "practices/sumatera-selatan/bursa-desa.md", cwd=root)
    assert named.rc == 1 and named.out.endswith("1 berkas diperiksa: 3 galat, 1 peringatan\n")
    assert {line.split(":")[0] for line in named.out.splitlines()[:-1] if not line.startswith(" ")} == {
        "practices/sumatera-selatan/bursa-desa.md"
    }


def test_folder_argument_and_both_copies_of_a_duplicate_id(project, cli, frozen_today):
    root = project("id-duplicate")
    result = cli("validate", "practices/jawa-barat", cwd=root)
    assert result.out == (
        "practices/jawa-barat/bursa-desa.md: id 'bursa-desa' sudah dipakai oleh "
        "practices/sumatera-selatan/bursa-desa.md [E401]\n"
        "  petunjuk: ganti nama salah satu berkas\n"
        "1 berkas diperiksa: 1 galat, 0 peringatan\n"
    )


def test_unreadable_file_is_a_diagnostic(project, cli, frozen_today):
    import os

    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("needs a POSIX user without root's right to read anything")
    root = project("valid-full")
    path = root / "practices" / "sumatera-selatan" / "bursa-kerja-desa-lahat.md"
    path.chmod(0)
    try:
        result = cli("validate", cwd=root)
    finally:
        path.chmod(0o644)
    assert result.rc == 1
    assert "berkas tidak dapat dibaca: Permission denied [E101]" in result.out


def test_child_process_never_shows_a_traceback(child_env, tmp_path: Path):
    for case, rc in [("file-binary", 1), ("fm-alias-bomb", 1), ("file-utf16", 1)]:
        root = tmp_path / case
        shutil.copytree(FIXTURES / case, root, ignore=shutil.ignore_patterns("expected"))
        result = subprocess.run(
            [sys.executable, "-m", "lumbung.cli", "validate"],
            cwd=root,
            env=child_env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )
        assert result.returncode == rc, result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        assert result.stdout.endswith("1 berkas diperiksa: 1 galat, 0 peringatan\n")


def test_help_of_every_command_ends_with_an_example(child_env):
    for command in ["validate", "new", "schema", "vocab"]:
        result = subprocess.run(
            [sys.executable, "-m", "lumbung.cli", command, "--help"],
            cwd=REPO,
            env=child_env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "\nContoh:\n  lumbung " + command in result.stdout
