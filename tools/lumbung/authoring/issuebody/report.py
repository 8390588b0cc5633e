"""Reports of a conversion: what `lumbung from-issue` prints (text or JSON) and the issue comment.

Each problem is named by its form field and, in a text area, its line, so a contributor knows
where to edit the issue. The comment is always in Bahasa Indonesia and quotes contributor text
inertly (no Markdown, HTML or @mentions).
"""

from __future__ import annotations

import re
from typing import Any

from lumbung.authoring.issuebody.convert import Conversion
from lumbung.messages import word

REPORT = {
    "id": {
        "written": "Berkas ditulis: {path}",
        "bad": "galat: isian isu belum lolos pemeriksaan; {path} {state}",
        "kept": "tetap ditulis (--keep-invalid)",
        "not_written": "tidak ditulis",
        "fix": "Cara memperbaiki: sunting isu (menu ··· > Edit), ubah teks di bawah judul isian yang disebut "
        '("### Judul isian"), lalu simpan; pemeriksaan berjalan ulang otomatis.',
        "count": "{n} masalah: {errors} galat, {warnings} peringatan",
        "warning": "peringatan: ",
    },
    "en": {
        "written": "File written: {path}",
        "bad": "error: the issue does not pass the checks yet; {path} {state}",
        "kept": "written anyway (--keep-invalid)",
        "not_written": "not written",
        "fix": "How to fix: edit the issue (menu ··· > Edit), change the text under the field headings named "
        'above ("### Field"), then save; the checks run again automatically.',
        "count": "{n} problems: {errors} errors, {warnings} warnings",
        "warning": "warning: ",
    },
}


def report_text(result: Conversion, lang: str = "id") -> str:
    """What `lumbung from-issue` prints: the file written, or each problem with its form field."""
    t = REPORT[lang]
    out = []
    if result.ok:
        out.append(t["written"].format(path=result.relpath) if result.written else result.relpath)
    else:
        state = t["kept"] if result.written else t["not_written"]
        out.append(t["bad"].format(path=result.relpath, state=state))
    for p in result.problems:
        where = f"{p.where(lang)}: " if p.field else ""
        label = t["warning"] if p.severity != "error" else ""
        out.append(f"{where}{label}{p.message(lang)} [{p.code}]")
        if p.hint(lang):
            out.append(f"  {word('hint', lang)}: {p.hint(lang)}")
    if result.problems:
        errors = sum(p.severity == "error" for p in result.problems)
        out.append(
            t["count"].format(n=len(result.problems), errors=errors, warnings=len(result.problems) - errors)
        )
    if not result.ok:
        out.append(t["fix"])
    return "\n".join(out) + "\n"


def report_json(result: Conversion, lang: str = "id") -> dict[str, Any]:
    """The report as data for `--format json` (the command adds the issue number)."""
    return {
        "ok": result.ok,
        "path": result.relpath,
        "id": result.practice_id,
        "written": result.written,
        "problems": [
            {
                "field": p.field or None,
                "line": p.line,
                "code": p.code,
                "severity": p.severity,
                "message": p.message(lang),
                "hint": p.hint(lang) or None,
            }
            for p in result.problems
        ],
    }


COMMENT_MARKER = "<!-- lumbung-from-issue -->"


def _md(text: str) -> str:
    """Contributor text made inert in a comment: no Markdown, HTML or @mentions."""
    text = re.sub(r"([\\`*_\[\]<>|#!~])", r"\\\1", " ".join(str(text).split()))
    return text.replace("@", "@\u2060")


def issue_comment(result: Conversion, pull_request: str | None = None) -> str:
    """The Indonesian comment for the issue when its practice does not pass the checks.

    With `pull_request` (the one already opened for this issue), the comment keeps its link and says
    that it follows the edit but is marked not ready until the problems are fixed.
    """
    errors = [p for p in result.problems if p.severity == "error"]
    lines = [
        COMMENT_MARKER,
        "### Isian perlu diperbaiki",
        "",
        f"Terima kasih atas tulisan Anda! Sebelum menjadi *pull request*, ada **{len(errors)}** hal yang "
        "perlu diperbaiki:",
        "",
    ]
    for n, p in enumerate(result.problems, start=1):
        where = f"**{_md(p.where('id'))}**: " if p.field else ""
        kind = "peringatan: " if p.severity != "error" else ""
        lines.append(f"{n}. {where}{kind}{_md(p.message('id'))} ({p.code})")
        if p.hint("id"):
            lines.append(f"   Petunjuk: {_md(p.hint('id'))}")
    lines += [
        "",
        "**Cara memperbaiki:** buka menu **···** di kanan atas isu ini, pilih **Edit**, ubah teks di bawah "
        "judul isian yang disebut di atas (misalnya `### Tema`), lalu simpan. Pemeriksaan berjalan ulang "
        "otomatis dan komentar ini diperbarui.",
    ]
    if pull_request and re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+/pull/\d+", pull_request):
        lines += [
            "",
            f"**Pull request Anda tetap ada:** {pull_request}. Isinya sudah mengikuti suntingan terakhir "
            "Anda, tetapi ditandai *belum siap ditinjau* (draf) sampai hal di atas diperbaiki.",
        ]
    return "\n".join(lines) + "\n"
