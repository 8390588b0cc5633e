"""The GitHub issue form "Laporan replikasi": an office reports, in two minutes, that it adopted a
published practice.

`render_report_form()` writes `.github/ISSUE_TEMPLATE/laporan-replikasi.yml` (via
`tools/scripts/gen_contrib.py`) from `report_fields()`; `issuebody.replication` reads a submitted
form back into a replication report by the same labels. A practice page opens the form with the
practice's id filled in (`card.report_form_query`, GitHub's `?<field id>=value`).
"""

from __future__ import annotations

from typing import Any

from lumbung.authoring.formfields import FormField, schema_field
from lumbung.authoring.issueform import dump_form, form_element, issue_form
from lumbung.model import REPLICATION
from lumbung.vocabulary import NATIONAL, regions

LABEL = "laporan-replikasi"
FORM_PATH = ".github/ISSUE_TEMPLATE/laporan-replikasi.yml"
TITLE = "[Replikasi]: "
PRACTICE_FIELD = "praktik"  # the id of the field a practice page fills in
BODY = "body"  # target of the free-text field: the report's body

INTRO = (
    "Kantor Anda sudah menerapkan praktik dari pustaka ini? Catat di sini: cukup dua menit. Laporan "
    'ini tampil di halaman praktik aslinya ("Diterapkan di N daerah") dan di halaman provinsi Anda.\n\n'
    "Isian ini diubah otomatis menjadi berkas laporan dan *pull request*. Bila ada yang perlu "
    "diperbaiki, kami menjelaskannya di komentar; perbaiki dengan **menyunting isu ini** "
    "(menu ··· › *Edit*). Isian bertanda * wajib diisi."
)


def _help(target: str) -> str:
    return schema_field(target, REPLICATION).help


def report_fields() -> list[FormField]:
    """The report form's fields, in the order GitHub shows and renders them."""
    return [
        FormField(
            PRACTICE_FIELD,
            "replicates",
            "input",
            label="Praktik yang diterapkan",
            required=True,
            description="Id praktik: bagian akhir alamat halamannya, misalnya palembang-job-canvassing. "
            'Sudah terisi bila Anda membuka formulir lewat tombol "Saya sudah menerapkan praktik ini".',
            placeholder="palembang-job-canvassing",
        ),
        FormField(
            "provinsi",
            "region.province",
            "dropdown",
            label="Provinsi kantor Anda",
            required=True,
            description="Provinsi kantor yang menerapkan praktik (bukan provinsi praktik aslinya).",
        ),
        FormField(
            "kabupaten-kota",
            "region.regency",
            "input",
            label="Kabupaten/Kota kantor Anda",
            description='Nama resmi, misalnya "Kota Jambi" atau "Kabupaten Lahat". Kosongkan untuk '
            "kantor tingkat provinsi.",
        ),
        FormField(
            "instansi",
            "office",
            "input",
            label="Instansi",
            required=True,
            description=_help("office"),
            placeholder="Dinas Tenaga Kerja Kota Jambi",
        ),
        FormField(
            "pelapor",
            "authors",
            "textarea",
            label="Pelapor",
            required=True,
            description="Satu orang per baris: `Nama; jenjang; surel`. Jenjang dan surel kedinasan boleh "
            "dikosongkan.",
            placeholder="Rina Marlina; ahli-pertama",
        ),
        FormField(
            "mulai",
            "period.start",
            "input",
            label="Mulai diterapkan",
            description="Bulan mulai diterapkan, YYYY-MM (misalnya 2025-07).",
            placeholder="2025-07",
        ),
        FormField(
            "penyesuaian",
            "adaptations",
            "textarea",
            label="Apa yang Anda ubah",
            description=_help("adaptations"),
            placeholder="Daftar periksa dipersingkat menjadi satu halaman; kunjungan per kecamatan.",
        ),
        FormField(
            "hasil-terukur",
            "outcomes",
            "textarea",
            label="Hasil terukur",
            description="Opsional. Satu hasil per baris: `indikator; nilai; satuan; nilai awal; tahun`.",
            placeholder="Perusahaan dikunjungi; 64; perusahaan; ; 2025",
        ),
        FormField(
            "catatan",
            BODY,
            "textarea",
            label="Catatan singkat",
            description="Opsional, beberapa kalimat (paling banyak 1.500 karakter): bagaimana penerapannya "
            "berjalan. Cerita lengkap lebih baik ditulis sebagai praktik baru.",
        ),
        FormField(
            "pernyataan",
            "consent",
            "checkboxes",
            label="Pernyataan data pribadi",
            required=True,
            description="Wajib dicentang semua.",
        ),
    ]


def label(target: str) -> str:
    """The label of the report form field for `target` (a schema path, BODY or consent)."""
    return next(ff.label for ff in report_fields() if ff.target == target)


def province_options() -> list[str]:
    return [NATIONAL] + [p.name for p in regions().provinces]


def form_data() -> dict[str, Any]:
    """The report form as a mapping (GitHub issue-form syntax)."""
    elements = [
        form_element(
            ff,
            ff.label,
            ff.description,
            province_options() if ff.kind == "dropdown" else None,
            ff.placeholder,
        )
        for ff in report_fields()
    ]
    return issue_form(
        "Laporan replikasi",
        "Kantor Anda sudah menerapkan praktik dari pustaka ini? Laporkan dalam dua menit.",
        TITLE,
        LABEL,
        INTRO,
        elements,
    )


def render_report_form() -> str:
    """The text of .github/ISSUE_TEMPLATE/laporan-replikasi.yml."""
    return dump_form(form_data(), "tools/lumbung/data/replication.yaml")
