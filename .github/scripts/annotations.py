"""GitHub annotations for `lumbung validate`: one summary, then the changed files' problems, never cut silently.

    python .github/scripts/annotations.py --json validate.json --changed changed.txt --part 1

GitHub shows at most 10 error and 10 warning annotations per step, and 50 per job; what is over
is dropped without a word. So the problems of the files the pull request changed are spread over
PARTS steps (call the script once per step, --part 1..PARTS); part 1 starts with a notice that counts
every problem, says how many are shown as annotations, and where the rest are (the summary comment
and the log list all of them). Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

PER_STEP = 10  # errors, and separately warnings, that GitHub shows for one step
PER_JOB = 50  # annotations GitHub shows for one job
PARTS = 3  # annotation steps in pr.yml


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def plan(problems: list[dict], changed: set[str]) -> tuple[list[list[dict]], str]:
    """The annotations of each step (list per part) and the summary notice text."""
    mine = [p for p in problems if p.get("path") in changed]
    mine.sort(key=lambda p: (p.get("severity") != "error", p.get("path"), p.get("line") or 0))
    budget = PER_JOB - 1  # the notice is an annotation too
    parts: list[list[dict]] = []
    queue = {"error": [p for p in mine if p.get("severity") == "error"]}
    queue["warning"] = [p for p in mine if p.get("severity") != "error"]
    for _ in range(PARTS):
        step = []
        for kind in ("error", "warning"):
            take = min(PER_STEP, budget - len(step), len(queue[kind]))
            step += queue[kind][:take]
            queue[kind] = queue[kind][take:]
        budget -= len(step)
        parts.append(step)
    shown = sum(len(s) for s in parts)
    errors = sum(p.get("severity") == "error" for p in problems)
    warnings = len(problems) - errors
    files = len({p.get("path") for p in mine})
    text = (
        f"{errors} galat dan {warnings} peringatan di seluruh pustaka; "
        f"{len(mine)} di {files} berkas yang diubah pull request ini"
    )
    if shown < len(mine):
        text += (
            f". {shown} tampil sebagai catatan pada barisnya; {len(mine) - shown} lainnya tidak muat "
            "(GitHub membatasi jumlah catatan): semuanya ada di komentar ringkasan dan di log langkah Validasi."
        )
    elif mine:
        text += "; semuanya tampil sebagai catatan pada barisnya."
    else:
        text += "."
    return parts, text


def command(p: dict) -> str:
    kind = "error" if p.get("severity") == "error" else "warning"
    props = [f"file={_escape(str(p.get('path')), True)}"]
    if p.get("line"):
        props.append(f"line={p['line']}")
    title = f"{p.get('code')} {p.get('field')}" if p.get("field") else str(p.get("code"))
    props.append(f"title={_escape(title, True)}")
    body = str(p.get("message"))
    if p.get("hint"):
        body += f"\npetunjuk: {p['hint']}"
    return f"::{kind} {','.join(props)}::{_escape(body)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", required=True, help="output of `lumbung validate --format json`")
    parser.add_argument("--changed", required=True, help="changed paths, one per line")
    parser.add_argument("--part", type=int, required=True, choices=range(1, PARTS + 1))
    args = parser.parse_args(argv)
    source, changed_file = Path(args.json), Path(args.changed)
    try:
        problems = json.loads(source.read_text(encoding="utf-8")) if source.is_file() else []
    except json.JSONDecodeError:
        problems = []
    changed = set(changed_file.read_text(encoding="utf-8").split()) if changed_file.is_file() else set()
    parts, text = plan(problems, changed)
    out = []
    if args.part == 1:
        out.append(f"::notice title=Ringkasan pemeriksaan::{_escape(text)}")
    out += [command(p) for p in parts[args.part - 1]]
    sys.stdout.write("".join(line + "\n" for line in out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
