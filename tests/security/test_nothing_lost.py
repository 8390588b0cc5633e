"""Nothing lost: every practice file on disk is published, a draft/review, or rejected with its reason,
including the ones whose header MkDocs itself would have silently dropped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lumbung.source.loader import Loader
from support.build import REFUSED, build, write_config
from support.practice import VALID, practice

TODAY = dt.date(2026, 1, 15)
SS = "practices/sumatera-selatan"

ACEH = (
    practice()
    .replace("province: Sumatera Selatan", "province: Aceh")
    .replace("regency: Kabupaten Lahat", "regency: Kabupaten Aceh Besar")
)

# file -> (content, expected fate)
EVERY_KIND: dict[str, tuple[bytes, str]] = {
    f"{SS}/bursa-kerja-desa-lahat.md": (practice().encode(), "published"),
    f"{SS}/draf-bursa-kerja.md": (practice("draft").encode(), "draft"),
    f"{SS}/tinjauan-bursa-kerja.md": (practice("review").encode(), "review"),
    f"{SS}/judul-terlalu-pendek.md": (practice(title="Pendek").encode(), "rejected"),
    f"{SS}/kosong.md": (b"", "rejected"),
    f"{SS}/biner.md": (bytes(range(256)) * 4, "rejected"),
    f"{SS}/utf-enambelas.md": (practice().encode("utf-16"), "rejected"),
    f"{SS}/latin-satu.md": (
        practice(title="Bursa Kerja Desa di Balai Desa Kabupaten Lahat \xe9").encode("latin-1"),
        "rejected",
    ),
    # MkDocs renders this page without its metadata and says nothing: we reject it with the line
    f"{SS}/yaml-rusak.md": (VALID.replace("status: published", 'status: "published').encode(), "rejected"),
    f"{SS}/tanpa-header.md": (VALID.split("---\n", 2)[2].encode(), "rejected"),
    f"{SS}/skrip-jahat.md": (practice(body_extra="\n<script>alert(1)</script>\n").encode(), "rejected"),
    f"{SS}/data-pribadi.md": (practice(body_extra="\nHubungi 0812-3456-7890.\n").encode(), "rejected"),
    f"{SS}/Nama Tidak Aman.md": (practice().encode(), "rejected"),
    # the same id twice: neither is published until one is renamed
    "practices/aceh/bursa-kerja-desa.md": (ACEH.encode(), "rejected"),
    f"{SS}/bursa-kerja-desa.md": (practice().encode(), "rejected"),
}


def make_project(root: Path) -> Path:
    (root / "mkdocs.yml").write_text("", encoding="utf-8")
    for rel, (data, _) in EVERY_KIND.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def expected_counts() -> dict[str, int]:
    fates = [fate for _, fate in EVERY_KIND.values()]
    return {f: fates.count(f) for f in ("published", "draft", "review", "rejected")}


def test_mkdocs_would_silently_drop_the_broken_header() -> None:
    from mkdocs.utils.meta import get_data

    body, meta = get_data(EVERY_KIND[f"{SS}/yaml-rusak.md"][0].decode())
    assert meta == {} and "## Latar Belakang" in body  # published with no title, status or region


def test_every_file_is_classified_by_the_core(tmp_path: Path) -> None:
    library = Loader(make_project(tmp_path), workers=1).load(today=TODAY)
    fates = {p.relpath: library.fate(p) for p in library.practices}
    assert fates == {rel: fate for rel, (_, fate) in EVERY_KIND.items()}
    for p in library.practices:
        if fates[p.relpath] == "rejected":
            assert library.errors_of(p.relpath), p.relpath
    assert [d for d in library.diagnostics if d.code == "E900"] == []


@pytest.mark.slow
def test_build_report_accounts_for_every_file(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    # as `mkdocs serve` builds, without the drafts preview (drafts_on_serve: false)
    served = build(write_config(root, {"drafts_on_serve": "false"}), serve=True)
    assert served.returncode == 0, served.log
    report = served.report
    on_disk = sorted(str(p.relative_to(root).as_posix()) for p in (root / "practices").rglob("*.md"))
    assert report["files"] == len(on_disk) == len(EVERY_KIND)
    assert {k: report[k] for k in expected_counts()} == expected_counts()
    assert sorted(row["path"] for row in report["practices"]) == on_disk
    for row in report["practices"]:
        assert row["fate"] == EVERY_KIND[row["path"]][1]
        assert row["fate"] == "published" or row["reasons"], row
    # published pages exist; drafts (not previewed) and rejected files do not
    for rel, (_, fate) in EVERY_KIND.items():
        page = root / "site" / Path(rel).parent.relative_to("practices") / Path(rel).stem / "index.html"
        assert page.is_file() == (fate == "published"), rel
    # `mkdocs build` refuses the whole library while any file has an error, naming each one
    built = build(write_config(root), strict=False)
    assert built.returncode == REFUSED and "Traceback" not in built.log
    assert "yaml-rusak.md:7:9" in built.log and "E116" in built.log
