"""Write the pull-request comment that summarises `lumbung validate` (Markdown, Bahasa Indonesia).

    python .github/scripts/validation_summary.py --text validate.txt --status 1 \
        --run-url https://github.com/OWNER/REPO/actions/runs/123 --out summary.md

The text is the output of `lumbung validate` (text format); --status is its exit code. Standard
library only, so it runs before or without the project's environment.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

MARKER = "<!-- lumbung-validasi -->"
LIMIT = 60_000  # GitHub rejects comments over 65,536 characters


def summary(text: str, status: int, run_url: str = "") -> str:
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    last = lines[-1] if lines else ""
    details = lines[:-1]
    if status == 0:
        head = "### Pemeriksaan praktik: lolos ✅"
    elif status == 1:
        head = "### Pemeriksaan praktik: ada yang perlu diperbaiki ❌"
    else:
        head = "### Pemeriksaan praktik: pemeriksa gagal berjalan ⚠️"
    out = [MARKER, head, ""]
    if last:
        out += [f"`{last.replace('`', '')}`", ""]
    if details:
        body = "\n".join(details)
        if len(body) > LIMIT:
            body = body[:LIMIT] + "\n… (dipotong; lihat log lengkap di halaman run)"
        fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", body)), default=0))
        out += [
            "<details open><summary>Rincian</summary>",
            "",
            f"{fence}text",
            body,
            fence,
            "",
            "</details>",
            "",
            "Setiap baris menyebut berkas:baris, kolom, masalah dan [kode]; baris `petunjuk:` di bawahnya "
            'menjelaskan cara memperbaikinya. Lihat "Membaca pesan pemeriksaan (CI)" di CONTRIBUTING.md.',
            "",
        ]
    if run_url:
        out.append(f"Pratinjau situs: unduh artefak **situs-pratinjau** dari [halaman run ini]({run_url}).")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--text", required=True, help="output of `lumbung validate`")
    parser.add_argument("--status", type=int, required=True, help="exit code of `lumbung validate`")
    parser.add_argument("--run-url", default="", help="URL of the workflow run")
    parser.add_argument("--out", required=True, help="Markdown file to write")
    args = parser.parse_args(argv)
    source = Path(args.text)
    # a missing file means the validator did not run (for example, the setup failed)
    text = source.read_text(encoding="utf-8", errors="replace") if source.is_file() else ""
    Path(args.out).write_text(summary(text, args.status, args.run_url), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
