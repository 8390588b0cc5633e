"""lumbung from-issue"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from lumbung.commands import UsageError, project_root

NAME = "from-issue"
HELP = "Ubah isi isu formulir 'Praktik baru' atau 'Laporan replikasi' menjadi berkas"
DESCRIPTION = (
    "Membaca isi isu GitHub dari formulir 'Praktik baru' (judul isian '### ...', '_No response_'\n"
    "untuk isian kosong), menulis practices/<provinsi>/<id>.md dengan status review, lalu memeriksanya.\n"
    "Bila ada masalah, setiap masalah disebut bersama judul isian yang harus diperbaiki di isu.\n"
    "Isi isu formulir 'Laporan replikasi' dikenali sendiri dan menjadi\n"
    "practices/<provinsi>/replikasi/<id>.md.\n"
    "Keluar 0 bila berkas ditulis dan sah, 1 bila ada galat (berkas tidak ditulis, kecuali dengan\n"
    "--keep-invalid), 2 bila perintahnya salah."
)
EXAMPLE = (
    "Contoh:\n  lumbung from-issue isi-isu.md\n"
    "  gh issue view 42 --json body --jq .body | lumbung from-issue - --issue-number 42\n"
    "  lumbung from-issue isi-isu.md --format json --comment-file komentar.md\n"
    "  lumbung from-issue isi-isu.md --images-from lampiran/   # foto dari lampiran/github.com/..."
)
MSG = {
    "id": {
        "unreadable": "galat: '{path}' tidak dapat dibaca: {error}",
        "bad_date": "galat: --date harus berupa tanggal YYYY-MM-DD, bukan '{value}'",
    },
    "en": {
        "unreadable": "error: cannot read '{path}': {error}",
        "bad_date": "error: --date must be a YYYY-MM-DD date, not '{value}'",
    },
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "source",
        nargs="?",
        default="-",
        metavar="BERKAS",
        help="berkas berisi isi isu, atau - untuk masukan standar (bawaan: -)",
    )
    p.add_argument("--issue-number", type=int, metavar="N", help="nomor isu (dicantumkan di keluaran JSON)")
    p.add_argument(
        "--output-dir",
        metavar="FOLDER",
        help="akar proyek tempat practices/ berada (bawaan: dicari dari folder ini ke atas)",
    )
    p.add_argument("--format", choices=["text", "json"], default="text", help="format keluaran")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="tanggal pengajuan (bawaan: hari ini)")
    p.add_argument("--keep-invalid", action="store_true", help="tetap tulis berkas walaupun ada galat")
    p.add_argument("--overwrite", action="store_true", help="timpa berkas yang sudah ada")
    photos = p.add_mutually_exclusive_group()
    photos.add_argument(
        "--download-images",
        action="store_true",
        help="unduh foto yang dilampirkan di isu (hanya dari alamat lampiran GitHub)",
    )
    photos.add_argument(
        "--images-from",
        metavar="FOLDER",
        help="ambil foto dari FOLDER/<host>/<jalur> alih-alih internet (pengujian, kerja luring)",
    )
    p.add_argument(
        "--pull-request",
        metavar="URL",
        help="pull request yang sudah ada untuk isu ini: komentar galat tetap menautkannya",
    )
    p.add_argument(
        "--comment-file",
        metavar="BERKAS",
        help="bila ada galat, tulis komentar isu (Markdown, Bahasa Indonesia) ke berkas ini",
    )


def _read(source: str, lang: str) -> str:
    from lumbung.authoring.issuebody.convert import MAX_BODY_CHARS

    # More bytes than the longest issue body can take are never needed: convert() refuses it.
    most = 4 * MAX_BODY_CHARS + 4
    if source == "-":
        data = sys.stdin.buffer.read(most)
    else:
        try:
            with open(source, "rb") as fh:
                data = fh.read(most)
        except OSError as exc:
            raise UsageError(MSG[lang]["unreadable"].format(path=source, error=exc.strerror or exc)) from None
    return data.decode("utf-8-sig", errors="replace")


def run(args: argparse.Namespace, lang: str) -> int:
    from lumbung.authoring.issuebody import convert, issue_comment, report_json, report_text
    from lumbung.authoring.issuebody.photos import download, local_mirror
    from lumbung.authoring.issuebody.replication import convert_report, is_report

    try:
        today = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        raise UsageError(MSG[lang]["bad_date"].format(value=args.date)) from None
    if args.output_dir:
        root = Path(args.output_dir)
        if not root.is_dir():
            raise UsageError(MSG[lang]["unreadable"].format(path=args.output_dir, error="bukan folder"))
    else:
        root = project_root(lang)
    body = _read(args.source, lang)
    fetch = download if args.download_images else local_mirror(args.images_from) if args.images_from else None
    if is_report(body):  # the "Laporan replikasi" form: a short report, no photos
        result = convert_report(body, root, today, overwrite=args.overwrite)
    else:
        result = convert(body, root, today, overwrite=args.overwrite, fetch=fetch)
    # --keep-invalid keeps an edit with problems, but never a body that is not the form at all (F100):
    # that would replace the practice in the pull request with an empty skeleton
    if result.ok or (
        args.keep_invalid and result.text and not any(p.code == "F100" for p in result.problems)
    ):
        target = root / result.relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(result.text, encoding="utf-8")
        for rel, content in result.files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(content)
        result.written = True
    if args.comment_file and not result.ok:
        Path(args.comment_file).write_text(issue_comment(result, args.pull_request), encoding="utf-8")
    if args.format == "json":
        data = {"issue": args.issue_number, **report_json(result, lang)}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(report_text(result, lang))
    return 0 if result.ok else 1
