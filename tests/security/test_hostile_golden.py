"""Golden files for hostile content: `lumbung validate` on each tests/fixtures/hostile/<case>/ project
gives exactly expected/diagnostics.txt (and diagnostics.en.txt where present).

Cases: gate (every kind of file MkDocs would publish that is not a checked practice or attachment:
links, other Markdown extensions, unknown types, a FIFO, site paths, files outside province folders,
an attachment nobody refers to, links to missing or unpublished pages, redirect_from claims),
pii (NIK, KK, phones, e-mail in fields and body), pii-false-positives (numbers that must never trigger,
declared public contacts), html (raw HTML outside the safe subset, attribute lists, file inclusion,
code that is not checked), urls (dangerous schemes in every link form, remote images),
images (local images and attachments: missing, outside practices/, symlinked out, wrong type by
content, too large). After a deliberate change: `python -m pytest tests/security --update-goldens`,
then review `git diff tests/fixtures/hostile`.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"
CASES = sorted(p.parent.name for p in FIXTURES.glob("*/mkdocs.yml"))
BALI = "practices/bali"


def _office_zip(path: Path, macro: bool) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("word/document.xml", '<?xml version="1.0"?><document/>')
        if macro:
            zf.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")


def _images(root: Path) -> None:
    # files that cannot live in git as they are: too big, a link out of the tree, generated zips
    with open(root / BALI / "lampiran" / "besar.pdf", "wb") as fh:
        fh.write(b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024 + 10))
    _office_zip(root / BALI / "lampiran" / "dokumen.docx", macro=False)
    _office_zip(root / BALI / "lampiran" / "makro.docx", macro=True)
    secret = root.parent / "rahasia.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\nrahasia")
    try:
        (root / BALI / "foto" / "tautan.png").symlink_to(secret)
    except (OSError, NotImplementedError) as exc:
        pytest.skip(f"cannot create a symbolic link here: {exc}")


def _gate(root: Path) -> None:
    # links of every kind, none of which may be followed, and a FIFO, which would block a reader
    bali = root / "practices" / "bali"
    outside = root.parent / "di-luar"
    outside.mkdir(exist_ok=True)
    (outside / "rahasia.txt").write_text("HOSTILE rahasia mesin build\n", encoding="utf-8")
    links = {
        bali / "nol.png": "/dev/zero",
        bali / "lingkungan.txt": "/proc/self/environ",
        bali / "sandi.txt": "/etc/passwd",
        bali / "putar": "..",  # a folder link back up: MkDocs' walk would go round and round
        bali / "luar": str(outside),
        bali / "salinan.md": "gianyar-layanan-terbit.md",  # the same practice again, under another id
        bali / "foto" / "salinan-draf.png": "draf-rahasia.png",
        bali / "hilang.pdf": "tidak-ada.pdf",
        root / "practices" / ".akar": "/",
    }
    try:
        for link, target in links.items():
            link.symlink_to(target)
        os.mkfifo(bali / "pipa.png")
    except (OSError, NotImplementedError, AttributeError) as exc:
        pytest.skip(f"cannot create a symbolic link or a FIFO here: {exc}")


SETUP: dict[str, Callable[[Path], None]] = {"images": _images, "gate": _gate}


def project(case: str, tmp_path: Path) -> Path:
    """A copy of the fixture project `case` (with its generated files) under tmp_path."""
    root = tmp_path / "proyek"
    shutil.copytree(FIXTURES / case, root, ignore=shutil.ignore_patterns("expected"), symlinks=True)
    if case in SETUP:
        SETUP[case](root)
    return root


def test_cases_exist():
    assert {"pii", "pii-false-positives", "html", "urls", "images"} <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, tmp_path: Path, cli, frozen_today, update_goldens: bool) -> None:
    root = project(case, tmp_path)
    for name, lang in (("diagnostics.txt", "id"), ("diagnostics.en.txt", "en")):
        golden = FIXTURES / case / "expected" / name
        if lang == "en" and not golden.exists():
            continue
        result = cli("validate", "--lang", lang, cwd=root)
        assert "Traceback" not in result.out + result.err
        assert os.fspath(tmp_path) not in result.out, "output must not contain absolute paths"
        assert result.rc == (0 if result.out.endswith(" 0 galat, 0 peringatan\n") else 1)
        if update_goldens:
            golden.write_text(result.out, encoding="utf-8", newline="\n")
        else:
            assert result.out == golden.read_text(encoding="utf-8"), f"{case}/expected/{name}"


def test_false_positive_fixture_is_clean(tmp_path: Path, cli, frozen_today) -> None:
    result = cli("validate", cwd=project("pii-false-positives", tmp_path))
    assert (result.rc, result.out) == (0, "1 berkas diperiksa: 0 galat, 0 peringatan\n")


def test_masked_values_never_show_the_full_number(tmp_path: Path, cli, frozen_today) -> None:
    out = cli("validate", "--format", "json", cwd=project("pii", tmp_path)).out
    for secret in (
        "3171014501900003",
        "1671010101010001",
        "0812-3456-7890",
        "34567890",
        "rina.susanti@gmail.com",
    ):
        assert secret not in out
