"""The GitHub issue form "Laporan replikasi": an office reports, in two minutes, that it adopted a
published practice.

`render_report_form()` writes `.github/ISSUE_TEMPLATE/laporan-replikasi.yml` (via
`tools/scripts/gen_contrib.py`) from `report_fields()`; `issuebody.replication` reads a submitted
form back into a replication report by the same labels. A practice page opens the form with the
practice's id filled in (`card.report_form_query`, GitHub's `?<field id>=value`).
"""

from __future__ import annotations

from typing import Any

import yaml

from lumbung.authoring.formfields import CONSENT, FormField
from lumbung.rules.schema import REPLICATION, schema
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
    f = schema(REPLICATION).root
    for part in target.split("."):
        f = f.fields[part] if f.type == "object" else f.element.fields[part]
    return f.help


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
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": INTRO}}]
    for ff in report_fields():
        attrs: dict[str, Any] = {"label": ff.label}
        if ff.description:
            attrs["description"] = ff.description
        if ff.kind == "dropdown":
            attrs["multiple"] = False
            attrs["options"] = province_options()
        elif ff.kind == "checkboxes":
            attrs["options"] = [{"label": text, "required": True} for text in CONSENT]
        elif ff.placeholder:
            attrs["placeholder"] = ff.placeholder
        element: dict[str, Any] = {"type": ff.kind, "id": ff.id, "attributes": attrs}
        if ff.kind != "checkboxes":
            element["validations"] = {"required": ff.required}
        body.append(element)
    return {
        "name": "Laporan replikasi",
        "description": "Kantor Anda sudah menerapkan praktik dari pustaka ini? Laporkan dalam dua menit.",
        "title": TITLE,
        "labels": [LABEL],
        "body": body,
    }


def render_report_form() -> str:
    """The text of .github/ISSUE_TEMPLATE/laporan-replikasi.yml."""
    from lumbung.authoring.issueform import _Dumper

    head = (
        "# Generated from tools/lumbung/data/replication.yaml by\n"
        "# `python tools/scripts/gen_contrib.py`; do not edit by hand (a test compares them).\n"
    )
    return head + yaml.dump(form_data(), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
