"""`lumbung from-issue` on issue bodies of the "Laporan replikasi" form, as GitHub renders them.

Fixtures: fixtures/issues/replikasi-<case>.md (issue bodies), with the report file written
(<case>.expected.md) or the command's output (<case>.expected.txt) beside them. Refresh with
`python -m pytest tests/contrib --update-goldens` and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import yaml

from lumbung.authoring.issuebody.replication import is_report
from lumbung.authoring.reportform import FORM_PATH, LABEL, report_fields
from lumbung.site.card import REPORT_FORM, REPORT_FORM_ID_FIELD, report_form_query
from lumbung.site.catalogue import build_site
from lumbung.source.loader import load_library

ISSUES = Path(__file__).parent / "fixtures" / "issues"
DATE = "2025-10-09"


@pytest.fixture
def project(tmp_path: Path, repo_root: Path) -> Path:
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
        ("lengkap", "practices/lampung/replikasi/kota-metro-palembang-job-canvassing.md"),
        # opened from the practice page: the practice's address pasted in place of its id still works
        (
            "minimal",
            "practices/bali/replikasi/dinas-tenaga-kerja-provinsi-bali-banyuwangi-job-fair-hibrida.md",
        ),
    ],
)
def test_report_issue_becomes_a_valid_report(cli, project, update_goldens, case, written):
    result = cli("from-issue", str(ISSUES / f"replikasi-{case}.md"), "--date", DATE, cwd=project)
    assert (result.rc, result.out, result.err) == (0, f"Berkas ditulis: {written}\n", "")
    golden(
        ISSUES / f"replikasi-{case}.expected.md",
        (project / written).read_text(encoding="utf-8"),
        update_goldens,
    )
    check = cli("validate", cwd=project)
    assert check.rc == 0 and check.out.endswith(": 0 galat, 0 peringatan\n"), check.out
    library = load_library(project)
    assert [r.relpath for r in library.reports if r.relpath == written] == [written]


@pytest.mark.parametrize("case", ["masalah", "draf"])
def test_report_problems_are_named_by_their_form_field(cli, project, update_goldens, case):
    result = cli("from-issue", str(ISSUES / f"replikasi-{case}.md"), "--date", DATE, cwd=project)
    assert result.rc == 1 and result.err == ""
    golden(ISSUES / f"replikasi-{case}.expected.txt", result.out, update_goldens)
    assert not list((project / "practices").glob("*/replikasi/kota-*-palembang-job-canvasing.md"))


def test_a_second_report_of_the_same_office_is_written_with_a_warning(cli, project):
    first = cli("from-issue", str(ISSUES / "replikasi-lengkap.md"), "--date", DATE, cwd=project)
    assert first.rc == 0
    again = cli("from-issue", str(ISSUES / "replikasi-lengkap.md"), "--date", DATE, cwd=project)
    assert again.rc == 1
    assert "[F107]" in again.out  # the same file: the officer edits the first report instead


def test_the_report_form_is_recognised_and_the_practice_form_is_not(repo_root):
    assert is_report((ISSUES / "replikasi-minimal.md").read_text(encoding="utf-8"))
    assert not is_report((ISSUES / "lengkap.md").read_text(encoding="utf-8"))


def test_practice_page_link_prefills_the_committed_form(repo_root):
    """The button's URL names the committed template and a field id the form has, with the practice."""
    form = yaml.safe_load((repo_root / FORM_PATH).read_text(encoding="utf-8"))
    assert form["labels"] == [LABEL] and form["name"] == "Laporan replikasi"
    ids = [el.get("id") for el in form["body"] if el["type"] != "markdown"]
    assert ids == [ff.id for ff in report_fields()] and REPORT_FORM_ID_FIELD in ids
    assert (repo_root / ".github" / "ISSUE_TEMPLATE" / REPORT_FORM).is_file()
    site = build_site(load_library(repo_root))
    entry = site.by_id["palembang-job-canvassing"]
    query = parse_qs(report_form_query(entry))
    assert query == {
        "template": [REPORT_FORM],
        "title": ["[Replikasi]: " + entry.title],
        REPORT_FORM_ID_FIELD: ["palembang-job-canvassing"],
    }


def test_issue_to_pr_workflow_runs_for_report_issues(repo_root):
    workflow = (repo_root / ".github" / "workflows" / "issue-to-pr.yml").read_text(encoding="utf-8")
    assert f"'{LABEL}'" in workflow
