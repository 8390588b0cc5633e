"""The CI helper scripts: annotations that are never cut silently, and pinned CI installs."""

from __future__ import annotations

import importlib.util
import re
import sys

from support import REPO


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / ".github" / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


annotations = _script("annotations")


def problem(path: str, line: int, severity: str = "error") -> dict:
    code = "E204" if severity == "error" else "W304"
    return {"path": path, "line": line, "field": "outcomes[0].value", "code": code, "severity": severity,
            "message": "harus berupa angka, bukan teks", "hint": "tulis value: 1250"}  # fmt: skip


def test_every_problem_of_the_changed_files_is_annotated_when_it_fits():
    mine = "practices/jawa-barat/baru.md"
    problems = [problem(mine, n) for n in range(1, 26)] + [problem(mine, 40 + n, "warning") for n in range(3)]
    problems += [problem("practices/aceh/lama.md", n) for n in range(5)]
    parts, text = annotations.plan(problems, {mine})
    assert [len(p) for p in parts] == [13, 10, 5]
    assert all(sum(a["severity"] == "error" for a in p) <= 10 for p in parts)
    assert text == (
        "30 galat dan 3 peringatan di seluruh pustaka; 28 di 1 berkas yang diubah pull request ini; "
        "semuanya tampil sebagai catatan pada barisnya."
    )


def test_what_does_not_fit_is_counted_not_dropped(tmp_path, capsys):
    mine = "practices/jawa-barat/tabel-word.md"
    problems = [problem(mine, n) for n in range(1, 61)] + [
        problem(mine, 100 + n, "warning") for n in range(30)
    ]
    parts, text = annotations.plan(problems, {mine})
    assert sum(len(p) for p in parts) == 49  # 50 per job, one of them the notice
    assert text.endswith(
        ". 49 tampil sebagai catatan pada barisnya; 41 lainnya tidak muat (GitHub membatasi jumlah catatan): "
        "semuanya ada di komentar ringkasan dan di log langkah Validasi."
    )
    source = tmp_path / "v.json"
    source.write_text(__import__("json").dumps(problems), encoding="utf-8")
    changed = tmp_path / "changed.txt"
    changed.write_text(mine + "\n", encoding="utf-8")
    annotations.main(["--json", str(source), "--changed", str(changed), "--part", "1"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("::notice title=Ringkasan pemeriksaan::60 galat dan 30 peringatan")
    assert lines[1] == (
        f"::error file={mine},line=1,title=E204 outcomes[0].value::"
        "harus berupa angka, bukan teks%0Apetunjuk: tulis value: 1250"
    )
    assert len(lines) == 21


def test_every_ci_install_is_pinned_with_hashes():
    for workflow in (REPO / ".github" / "workflows").glob("*.yml"):
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if re.search(r"\bpip install\b", line):
                assert "--require-hashes -r .github/requirements/" in line, f"{workflow.name}: {line.strip()}"
    for name in ("actionlint", "properdocs"):
        text = (REPO / ".github" / "requirements" / f"{name}.txt").read_text(encoding="utf-8")
        pins = re.findall(r"^([A-Za-z0-9_.-]+)==", text, re.M)
        assert pins and text.count("--hash=sha256:") >= len(pins)
        assert "--find-links" not in text and "--index-url" not in text
