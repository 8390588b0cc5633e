"""Regenerate the contribution files that are derived from the schema and the data.

    python tools/scripts/gen_contrib.py          # rewrite the files
    python tools/scripts/gen_contrib.py --check  # exit 1 if any file is out of date (what CI does)

Files:
- .github/ISSUE_TEMPLATE/praktik-baru.yml: the issue form (lumbung.issueform.render_issue_form);
- .github/CODEOWNERS: one rule per province folder, from tools/lumbung/data/regions.json;
- CONTRIBUTING.md: the field reference between its BEGIN/END markers (lumbung.generate.reference_markdown).

tests/contrib/test_contrib_files.py fails when a committed file differs from what this script writes.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from lumbung.generate import reference_markdown  # noqa: E402
from lumbung.issueform import FORM_PATH, render_issue_form  # noqa: E402
from lumbung.vocabulary import regions  # noqa: E402

# Placeholders until the organisation's real teams exist (see the header of CODEOWNERS).
ORG = "kemnaker-pengantar-kerja"
MAINTAINERS = f"@{ORG}/pengelola"

CODEOWNERS_HEAD = f"""\
# CODEOWNERS: siapa yang meninjau bagian mana dari Lumbung Praktik.
#
# Dibuat oleh `python tools/scripts/gen_contrib.py` dari tools/lumbung/data/regions.json;
# jangan disunting langsung.
#
# PENANDA TEMPAT: semua tim di bawah ini (@{ORG}/...) adalah penanda tempat.
# Sebelum mengaktifkan "Require review from Code Owners" pada aturan cabang main:
#   1. buat organisasi dan tim peninjau yang sebenarnya di GitHub (satu tim per provinsi,
#      ditambah tim pengelola), beri tim itu akses tulis ke repositori;
#   2. ganti ORG dan nama tim di tools/scripts/gen_contrib.py, lalu jalankan skrip itu lagi.
# Aturan yang lebih bawah menang: pemilik bawaan dulu, lalu satu aturan per folder provinsi.
# Tim pengelola ikut di setiap aturan agar selalu ada yang bisa menyetujui.

*                                  {MAINTAINERS}
/.github/                          {MAINTAINERS}
/tools/                            {MAINTAINERS}
"""


def render_codeowners() -> str:
    reg = regions()
    slugs = [p.slug for p in reg.provinces] + [reg.national_slug]
    width = max(len(f"/practices/{slug}/") for slug in slugs) + 2
    rules = [f"/practices/{slug}/".ljust(width) + f"@{ORG}/reviewer-{slug} {MAINTAINERS}" for slug in slugs]
    return CODEOWNERS_HEAD + "\n" + "\n".join(rules) + "\n"


BEGIN = "<!-- BEGIN referensi-kolom: dibuat oleh tools/scripts/gen_contrib.py, jangan disunting -->"
END = "<!-- END referensi-kolom -->"


def province_folders() -> str:
    """Markdown table: province name -> folder under practices/."""
    reg = regions()
    rows = ["| Provinsi | Folder |", "|---|---|"]
    rows += [f"| {p.name} | `practices/{p.slug}/` |" for p in reg.provinces]
    rows.append(f"| Nasional | `practices/{reg.national_slug}/` |")
    return "\n".join(rows) + "\n"


def render_contributing(current: str) -> str:
    """CONTRIBUTING.md with the generated reference (fields, province folders) between the markers."""
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(current):
        raise SystemExit(f"CONTRIBUTING.md: markers not found ({BEGIN} ... {END})")
    generated = f"{reference_markdown()}\n#### Folder provinsi\n\n{province_folders()}"
    return pattern.sub(lambda _m: f"{BEGIN}\n\n{generated}\n{END}", current)


def outputs() -> dict[Path, str]:
    """Every generated file and the text it should have."""
    contributing = ROOT / "CONTRIBUTING.md"
    return {
        ROOT / FORM_PATH: render_issue_form(),
        ROOT / ".github" / "CODEOWNERS": render_codeowners(),
        contributing: render_contributing(contributing.read_text(encoding="utf-8")),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only report files that are out of date")
    args = parser.parse_args(argv)
    stale = []
    for path, text in outputs().items():
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old == text:
            continue
        stale.append(path.relative_to(ROOT).as_posix())
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for name in stale:
        print(f"{'out of date' if args.check else 'written'}: {name}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
