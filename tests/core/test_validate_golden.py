"""Golden files: `lumbung validate` on tiny fixture trees gives exactly the expected diagnostics.

Each folder tests/fixtures/validate/<case>/ is a project (an empty mkdocs.yml and practices/...)
with its expected output in expected/: diagnostics.txt (Indonesian text, always), and for some
cases diagnostics.en.txt, diagnostics.json and diagnostics.github.txt. After a deliberate change:

    python -m pytest tests/core --update-goldens

then review `git diff tests/fixtures` before committing.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "validate"
CASES = sorted(p.parent.name for p in FIXTURES.glob("*/mkdocs.yml"))

# golden file -> arguments of `lumbung validate`
FORMATS = {
    "diagnostics.txt": ["--lang", "id"],
    "diagnostics.en.txt": ["--lang", "en"],
    "diagnostics.json": ["--format", "json"],
    "diagnostics.github.txt": ["--format", "github"],
}

SS = "practices/sumatera-selatan"
MINIMAL = (FIXTURES / "fm-invalid-calendar-date" / SS / "bursa-desa.md").read_text(encoding="utf-8")


def _large_header(root: Path) -> None:
    # a header of about 70 KB: more YAML than any practice needs, but a file under the 1 MB limit
    head, body = MINIMAL.split("---\n", 2)[1:]
    keywords = "".join(f"  - kata kunci tambahan nomor {i:05d} untuk pencarian\n" for i in range(1400))
    (root / SS).mkdir(parents=True)
    (root / SS / "bursa-desa.md").write_text(f"---\n{head}keywords:\n{keywords}---\n{body}", encoding="utf-8")


def _too_large(root: Path) -> None:
    (root / SS).mkdir(parents=True)
    body = "Paragraf yang diulang-ulang untuk membuat berkas yang terlalu besar.\n" * 16000
    (root / SS / "bursa-desa.md").write_text(MINIMAL + body, encoding="utf-8")


def _symlink_outside(root: Path) -> None:
    outside = root.parent / "di-luar-proyek.md"
    outside.write_text(MINIMAL, encoding="utf-8")
    (root / SS).mkdir(parents=True)
    try:
        (root / SS / "bursa-desa.md").symlink_to(outside)
    except (OSError, NotImplementedError) as exc:  # e.g. Windows without the symlink privilege
        pytest.skip(f"cannot create a symbolic link here: {exc}")


def _dangling_symlink(root: Path) -> None:
    (root / SS).mkdir(parents=True)
    try:
        (root / SS / "bursa-desa.md").symlink_to("sudah-dihapus.md")
    except (OSError, NotImplementedError) as exc:
        pytest.skip(f"cannot create a symbolic link here: {exc}")


# Cases whose files cannot live in git as they are (too big, or a link).
SETUP: dict[str, Callable[[Path], None]] = {
    "fm-large-header": _large_header,
    "file-too-large": _too_large,
    "file-symlink-outside": _symlink_outside,
    "file-dangling-symlink": _dangling_symlink,
}


def _project(case: str, tmp_path: Path) -> Path:
    root = tmp_path / "proyek"
    shutil.copytree(FIXTURES / case, root, ignore=shutil.ignore_patterns("expected"), symlinks=True)
    if case in SETUP:
        SETUP[case](root)
    return root


def test_every_case_has_a_golden_file():
    assert len(CASES) >= 50
    missing = [c for c in CASES if not (FIXTURES / c / "expected" / "diagnostics.txt").is_file()]
    assert missing == []


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, tmp_path: Path, cli, frozen_today, update_goldens: bool) -> None:
    root = _project(case, tmp_path)
    expected_dir = FIXTURES / case / "expected"
    checked = 0
    for name, args in FORMATS.items():
        golden = expected_dir / name
        if name != "diagnostics.txt" and not golden.exists():
            continue
        result = cli("validate", *args, cwd=root)
        # the exit code follows the summary: 1 with errors, 0 without (warnings allowed)
        if name == "diagnostics.txt":
            assert result.rc == (0 if " 0 galat," in result.out else 1), result.out
        if name == "diagnostics.github.txt":
            assert result.err.endswith("galat, 0 peringatan\n") or "peringatan\n" in result.err
        if name == "diagnostics.json":
            data = json.loads(result.out)
            for item in data:
                assert list(item) == [
                    "path",
                    "line",
                    "column",
                    "field",
                    "code",
                    "severity",
                    "message",
                    "hint",
                ]
        assert "Traceback" not in result.out + result.err
        assert os.fspath(tmp_path) not in result.out, "output must not contain absolute paths"
        if update_goldens:
            golden.write_text(result.out, encoding="utf-8", newline="\n")
        else:
            assert result.out == golden.read_text(encoding="utf-8"), f"{case}/expected/{name}"
        checked += 1
    assert checked >= 1


def test_strict_turns_warnings_into_failure(tmp_path: Path, cli, frozen_today) -> None:
    root = _project("body-unknown-and-h1", tmp_path)
    relaxed = cli("validate", cwd=root)
    strict = cli("validate", "--strict", cwd=root)
    assert (relaxed.rc, strict.rc) == (0, 1)
    assert relaxed.out == strict.out
    assert relaxed.out.endswith("1 berkas diperiksa: 0 galat, 3 peringatan\n")


def test_lumbung_lang_environment_gives_english(tmp_path: Path, cli, frozen_today) -> None:
    root = _project("field-vocabularies", tmp_path)
    via_env = cli("validate", cwd=root, env={"LUMBUNG_LANG": "en"})
    assert via_env.out == (FIXTURES / "field-vocabularies" / "expected" / "diagnostics.en.txt").read_text(
        encoding="utf-8"
    )
    # --lang wins over the environment
    assert cli("validate", "--lang", "id", cwd=root, env={"LUMBUNG_LANG": "en"}).out.endswith(
        "1 berkas diperiksa: 11 galat, 0 peringatan\n"
    )


def test_single_file_argument_checks_only_that_file(tmp_path: Path, cli, frozen_today) -> None:
    root = _project("fm-four-dash-fences", tmp_path)
    result = cli("validate", f"{SS}/penutup-empat.md", cwd=root)
    assert result.rc == 1
    assert result.out == (
        f"{SS}/penutup-empat.md:15: pembatas header harus tepat '---', ditemukan '----' [E112]\n"
        "  petunjuk: tambahkan baris '---' sesudah kolom terakhir\n"
        "1 berkas diperiksa: 1 galat, 0 peringatan\n"
    )
