"""The fields of the "Praktik baru" issue form: shared by the form generator and the issue reader.

`form_fields()` lists every element of the form in the order GitHub shows it and renders a
submitted issue, with the practice field it fills (`target`). `issueform` turns them into the
form's YAML; `issuebody` reads a submitted issue back by the same labels and options, so the two
cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lumbung.model import PRACTICE
from lumbung.rules.schema import Field, schema
from lumbung.vocabulary import NATIONAL, match_key, regions, vocabulary

SECTION_PREFIX = "Bagian "
UPDATE = "update"  # target of the field naming the practice a change is for


@dataclass(frozen=True)
class FormField:
    """One element of the issue form and where its answer goes in the practice."""

    id: str
    target: str  # schema path ("region.province"), "section:<index>" or "consent"
    kind: str  # input | textarea | dropdown | checkboxes
    label: str = ""  # default: the schema field's label
    required: bool = False
    multiple: bool = False
    description: str = ""
    placeholder: str = ""


def schema_field(path: str, kind: str = PRACTICE) -> Field:
    """The schema field at a dotted path such as "region.province" (of a practice by default)."""
    f = schema(kind).root
    for part in path.split("."):
        f = f.fields[part] if f.type == "object" else f.element.fields[part]
    return f


def _sections() -> list[tuple[int, str, bool]]:
    """(index, Indonesian title, required) of every body section, in order."""
    spec = schema().sections["id"]
    return [(i, t, True) for i, t in enumerate(spec["required"])] + [
        (len(spec["required"]) + i, t, False) for i, t in enumerate(spec["optional"])
    ]


CONSENT = (
    "Tulisan ini **tidak memuat data pribadi pencari kerja** (nama, NIK, nomor telepon, alamat, foto "
    "yang dapat dikenali) sesuai UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi.",
    "Setiap orang yang dapat dikenali dalam foto atau lampiran **telah memberi persetujuan** untuk "
    "dipublikasikan (bila tidak ada foto, centang juga).",
    "Saya setuju tulisan ini diterbitkan dengan lisensi CC BY 4.0 dan angka di dalamnya bersumber dari "
    "data kantor yang dapat ditelusuri.",
)


@cache
def form_fields() -> tuple[FormField, ...]:
    """The form's fields, in the order GitHub shows and renders them (built once)."""
    out = [
        FormField(
            "praktik-diubah",
            UPDATE,
            "input",
            label="Praktik yang diubah",
            description='Diisi otomatis oleh tombol "Usulkan perubahan" di halaman praktik; kosongkan untuk '
            "praktik baru. Saat mengubah praktik, isian yang dibiarkan kosong tetap memakai isi yang lama.",
        ),
        FormField("judul", "title", "input", required=True),
        FormField("ringkasan", "summary", "textarea", required=True),
        FormField(
            "provinsi",
            "region.province",
            "dropdown",
            required=True,
            description="Provinsi tempat praktik dijalankan, atau Nasional untuk praktik tingkat pusat.",
        ),
        FormField(
            "kabupaten-kota",
            "region.regency",
            "input",
            description='Nama resmi, misalnya "Kota Palembang" atau "Kabupaten Lahat". '
            "Kosongkan untuk praktik tingkat provinsi atau Nasional.",
        ),
        FormField(
            "tema",
            "themes",
            "dropdown",
            required=True,
            multiple=True,
            description="Pilih 1-3 tema dari daftar baku.",
        ),
        FormField("instansi", "office", "input", required=True),
        FormField(
            "penulis",
            "authors",
            "textarea",
            required=True,
            description="Satu penulis per baris: `Nama; jenjang; surel`. Jenjang (misalnya ahli-muda "
            "atau Ahli Muda) dan surel kedinasan boleh dikosongkan.",
            placeholder="Siti Rahmawati; ahli-muda; siti@example.go.id\nBudi Santoso; terampil",
        ),
        FormField(
            "kelompok-sasaran",
            "target_groups",
            "dropdown",
            multiple=True,
            description="Kelompok sasaran praktik; boleh lebih dari satu.",
        ),
        FormField("moda-layanan", "delivery_mode", "dropdown", description="Cara layanan diberikan."),
        FormField(
            "periode-mulai",
            "period.start",
            "input",
            label="Periode mulai",
            description="Bulan praktik mulai berjalan, YYYY-MM (misalnya 2024-01).",
            placeholder="2024-01",
        ),
        FormField(
            "periode-selesai",
            "period.end",
            "input",
            label="Periode selesai",
            description='Bulan selesai, YYYY-MM, atau "berjalan" bila masih berlangsung.',
            placeholder="berjalan",
        ),
        FormField(
            "mitra",
            "partners",
            "textarea",
            description="Satu mitra per baris: `Nama; jenis`. Jenis: " + _choices("partner-types") + ".",
            placeholder="PT Pusri; company\nBLK Palembang; training-institution",
        ),
        FormField(
            "hasil-terukur",
            "outcomes",
            "textarea",
            description="Satu hasil per baris: `indikator; nilai; satuan; nilai awal; tahun; jenis`. Nilai "
            "wajib berupa angka, ditulis seperti biasa (1.250, 1,5, 45%, Rp 2 juta); yang lain boleh "
            "dikosongkan. Jenis (agar angkanya ikut dijumlah di halaman Statistik): "
            + _choices("outcome-kinds")
            + ". Sebutkan sumber angka di bagian Hasil.",
            placeholder="Pencari kerja ditempatkan; 312; orang; 140; 2025\n"
            "Perusahaan dikunjungi; 160; perusahaan",
        ),
        FormField(
            "tingkat-bukti",
            "evidence_level",
            "dropdown",
            description="Seberapa kuat bukti hasilnya: cerita, data pemantauan, evaluasi internal, "
            "atau evaluasi independen.",
        ),
        FormField(
            "upaya-replikasi",
            "replication.effort",
            "dropdown",
            label="Upaya replikasi",
            description="Seberapa besar upaya kantor lain untuk meniru praktik ini.",
        ),
        FormField(
            "prasyarat-replikasi",
            "replication.prerequisites",
            "textarea",
            label="Prasyarat replikasi",
            description="Satu prasyarat per baris: apa yang harus tersedia sebelum meniru praktik ini.",
            placeholder="Daftar perusahaan aktif\nSatu kendaraan dinas",
        ),
        FormField(
            "direplikasi-dari",
            "replicated_from",
            "input",
            description="Id praktik di pustaka yang Anda tiru (nama berkasnya tanpa .md), bila ada.",
        ),
        FormField(
            "praktik-terkait",
            "related",
            "input",
            description="Id praktik lain yang terkait, dipisah koma.",
            placeholder="lahat-bursa-kerja-desa",
        ),
        FormField(
            "kata-kunci",
            "keywords",
            "input",
            description="Sinonim dan singkatan yang harus ditemukan pencarian, dipisah koma.",
            placeholder="kanvasing, AK/I",
        ),
        FormField(
            "label",
            "tags",
            "input",
            description="Label bebas, dipisah koma.",
            placeholder="kawasan industri, kunjungan",
        ),
        FormField(
            "kontak-publik",
            "public_contacts",
            "input",
            description=schema_field("public_contacts").help + " Pisahkan beberapa kontak dengan koma.",
        ),
        FormField(
            "bahasa",
            "language",
            "dropdown",
            label="Bahasa tulisan",
            description="Tulisan berbahasa Inggris otomatis memakai judul bagian bahasa Inggris.",
        ),
    ]
    for index, title, required in _sections():
        out.append(
            FormField(
                f"bagian-{match_key(title).replace(' ', '-')}",
                f"section:{index}",
                "textarea",
                label=SECTION_PREFIX + title + ("" if required else " (opsional)"),
                required=required,
                description=SECTION_HELP.get(title, ""),
            )
        )
    out += [
        FormField(
            "foto-sampul",
            "cover_image",
            "textarea",
            label="Foto sampul (opsional)",
            description="Seret satu foto ke kotak ini (JPEG atau PNG, paling besar 10 MB); foto tampil di "
            "kartu katalog. Foto lain boleh diseret langsung ke isian Bagian mana pun. Robot menyimpannya "
            "di folder praktik, tanpa data lokasi kamera, dalam ukuran untuk web.",
        ),
        FormField(
            "keterangan-foto-sampul",
            "cover_alt",
            "input",
            label="Keterangan foto sampul",
            description="Satu kalimat tentang isi foto, untuk pembaca yang tidak dapat melihatnya. Wajib "
            "bila ada foto sampul.",
            placeholder="Petugas berdiskusi dengan bagian personalia perusahaan",
        ),
    ]
    out.append(
        FormField(
            "pernyataan",
            "consent",
            "checkboxes",
            label="Pernyataan data pribadi",
            required=True,
            description="Wajib dicentang semua sebelum tulisan dapat diterbitkan.",
        )
    )
    return tuple(out)


SECTION_HELP = {
    "Latar Belakang": "Masalah apa yang dihadapi kantor Anda? Siapa yang terdampak dan seberapa besar?",
    "Langkah Pelaksanaan": "Langkah bernomor: apa yang dilakukan, oleh siapa, dengan alat apa, berapa lama. "
    "Markdown boleh dipakai; subjudul ditulis dengan `###`.",
    "Hasil": "Angka sebelum dan sesudah, dan sumber angkanya. Jangan cantumkan data pribadi pencari kerja.",
    "Pembelajaran": "Apa yang berhasil, apa yang tidak, apa yang akan Anda lakukan berbeda.",
    "Cara Mereplikasi": "Apa yang dibutuhkan kantor lain untuk meniru praktik ini?",
    "Kontak": "Kontak resmi kantor (bukan nomor pribadi) untuk kantor lain yang ingin belajar.",
    "Lampiran": "Tautan dokumen pendukung. Foto yang diseret ke sini disimpan robot di folder praktik; "
    "dokumen (PDF dan lainnya) tetap berupa tautan.",
}


def _choices(vocab_name: str) -> str:
    return ", ".join(f"`{slug}` ({label})" for slug, label in vocabulary(vocab_name).values.items())


def label_of(ff: FormField) -> str:
    """The heading GitHub shows for the field (`### Label` in a submitted issue)."""
    return ff.label or schema_field(ff.target).label


def options(ff: FormField) -> list[str]:
    """Dropdown options as the form shows them (and as GitHub renders the chosen ones)."""
    return list(_options(ff))


@cache
def _options(ff: FormField) -> tuple[str, ...]:
    if ff.target == "region.province":
        return (NATIONAL, *(p.name for p in regions().provinces))
    f = schema_field(ff.target)
    vocab = vocabulary((f.items or f).vocabulary)
    return tuple(f"{label} ({slug})" for slug, label in vocab.values.items())


def description(ff: FormField) -> str:
    """The help text under the field's label: its own, or the schema field's."""
    if ff.description:
        return ff.description
    if ff.target.startswith("section:") or ff.target in ("consent", UPDATE):
        return ""
    return schema_field(ff.target).help
