"""The real site: `mkdocs build --strict` of the sample library, and page weight that does not grow."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from support import REPO
from support.build import Built, build

pytestmark = pytest.mark.slow

PAGE_LIMIT = 40_000  # bytes of HTML per practice page (issue 3)


def test_sample_library_builds_strict_without_warnings(sample_site: Built):
    """What `make build` runs (the plugin found through its entry point), built once for the session."""
    site = sample_site.site
    output = sample_site.log
    assert sample_site.returncode == 0, output
    assert "WARNING" not in output and "ERROR" not in output, output
    assert sample_site.messages(logging.WARNING) == [], output
    report = json.loads((site / "laporan-build.json").read_text(encoding="utf-8"))
    on_disk = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "practices").rglob("*.md"))
    reports = report["replications"]
    # nothing lost: every file is a practice or a replication report, and each list adds up
    assert sorted(r["path"] for r in report["practices"] + reports["reports"]) == on_disk
    for counts in (report, reports):
        total = counts["published"] + counts["draft"] + counts["review"] + counts["rejected"]
        assert total == counts["files"]
    assert report["files"] + reports["files"] == len(on_disk)
    assert report["rejected"] == 0 and reports["files"] >= 5 and reports["published"] == reports["files"]
    for r in reports["reports"]:  # shown on the adopted practice's page, never as a page of their own
        assert not (site / Path(r["path"]).relative_to("practices").with_suffix("")).exists()
    published = [r["path"] for r in report["practices"] if r["fate"] == "published"]
    for path in published:
        page = site / Path(path).relative_to("practices").with_suffix("") / "index.html"
        # The list of offices that adopted the practice is content, like the body: it grows with
        # the adoptions reported, not with the library, so it is not counted.
        html = page.read_text(encoding="utf-8")
        start = html.find('<ul class="lp-adoptions__list">')
        listed = html.find("</div>", start) - start if start >= 0 else 0  # no <div> inside the list
        size = len(html.encode("utf-8")) - listed
        assert size < PAGE_LIMIT, f"{page}: {size} bytes"
    assert not list((REPO / "practices").rglob("*.html")), "the build wrote into practices/"


def _generated_site(tmp_path: Path, n: int) -> Path:
    subprocess.run(
        [sys.executable, str(REPO / "tools" / "bench" / "generate.py"), str(tmp_path), str(n)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return tmp_path / "mkdocs.yml"


def test_practice_pages_do_not_grow_with_the_library(tmp_path):
    """The same practice weighs the same (within 10%) in a library of 20 and of 200 practices."""
    sizes = {}
    for n in (20, 200):
        config = _generated_site(tmp_path / f"n{n}", n)
        built = build(config, tmp_path / f"n{n}" / "site", strict=True)
        assert built.error is None, built.messages()
        report = json.loads((built.site / "laporan-build.json").read_text(encoding="utf-8"))
        first = [r for r in report["practices"] if r["fate"] == "published"]
        pages = {Path(r["path"]).relative_to("practices").with_suffix("").as_posix() for r in first}
        sizes[n] = {p: (built.site / p / "index.html").stat().st_size for p in pages}
    common = set(sizes[20]) & set(sizes[200])
    assert len(common) >= 15
    for page in common:
        small, large = sizes[20][page], sizes[200][page]
        assert large < PAGE_LIMIT
        assert abs(large - small) <= 0.1 * small, f"{page}: {small} -> {large} bytes"
