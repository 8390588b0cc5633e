"""Generate a synthetic, valid Lumbung Praktik site of N practices for benchmarks and scale tests.

Usage: python tools/bench/generate.py OUT_DIR N [--seed SEED]

Writes OUT_DIR/mkdocs.yml and OUT_DIR/practices/<province>/<id>.md. Practice i depends only on
(seed, i), never on N, so the same practice looks the same in a library of 100 and of 5,000.
About 92% are published, 4% draft, 4% review; references point only at earlier published
practices, so the library validates without errors or warnings (`mkdocs build --strict` passes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO / "tools") not in sys.path:
    sys.path.insert(0, str(REPO / "tools"))

from lumbung.vocabulary import NATIONAL, regions, vocabulary  # noqa: E402

FIRST = [
    "Siti",
    "Ahmad",
    "Dewi",
    "Budi",
    "Rina",
    "Agus",
    "Nur",
    "Made",
    "Yohanes",
    "Fitri",
    "Rudi",
    "Lestari",
    "Hendra",
    "Wahyu",
    "Putri",
    "Andi",
    "Maria",
    "Eko",
    "Ratna",
    "Bayu",
    "Intan",
    "Fajar",
    "Sri",
    "Teguh",
]
LAST = [
    "Rahmawati",
    "Hidayat",
    "Saputra",
    "Siregar",
    "Wijaya",
    "Nasution",
    "Pratama",
    "Lubis",
    "Kurniawan",
    "Simanjuntak",
    "Santoso",
    "Harahap",
    "Setiawan",
    "Gultom",
    "Permana",
    "Sitompul",
    "Anggraini",
    "Utami",
]
TOPICS = {
    "profiling": ["Profiling Pencari Kerja", "Pemetaan Kompetensi", "Asesmen Awal Pencari Kerja"],
    "case-management": ["Pendampingan Personal", "Manajemen Kasus", "Rencana Aksi Individual"],
    "virtual-job-matching": [
        "Pencocokan Kerja Virtual",
        "Wawancara Kerja Daring",
        "Konsultasi Lowongan Daring",
    ],
    "employer-outreach": ["Kunjungan Perusahaan", "Job Canvassing", "Forum Rekrutmen Perusahaan"],
    "inclusive-service": ["Layanan Ramah Difabel", "Layanan Inklusif", "Pendampingan Kelompok Rentan"],
    "digital-service": ["Layanan SIAPKerja Terpadu", "Pendaftaran AK/I Daring", "Pojok Layanan Digital"],
    "labour-market-data": ["Buletin Pasar Kerja", "Dasbor Lowongan", "Survei Kebutuhan Tenaga Kerja"],
    "training-placement": [
        "Pelatihan Berbasis Pesanan",
        "Magang Bersertifikat",
        "Pelatihan dan Penempatan Terpadu",
    ],
    "migrant-workers": ["Reintegrasi Purna PMI", "Desa Migran Produktif", "Layanan Calon Pekerja Migran"],
    "career-guidance": ["Bimbingan Karier Sekolah", "Konseling Karier", "Kelas Persiapan Kerja"],
    "job-fair": ["Bursa Kerja Desa", "Job Fair Hibrida", "Bursa Kerja Mini Kecamatan"],
}
VERBS = [
    "menyusun",
    "memetakan",
    "mengunjungi",
    "mendampingi",
    "melatih",
    "mencatat",
    "mencocokkan",
    "menghubungi",
    "menjadwalkan",
    "menilai",
    "mengundang",
    "memantau",
    "membina",
    "menyeleksi",
]
OBJECTS = [
    "pencari kerja terdaftar",
    "perusahaan di kawasan industri",
    "lulusan SMK",
    "perangkat desa",
    "lembaga pelatihan kerja",
    "kelompok perempuan pencari kerja",
    "purna pekerja migran",
    "pengelola bursa kerja khusus",
    "asosiasi pengusaha",
    "penyandang disabilitas",
    "pemuda putus sekolah",
]
MEANS = [
    "daftar periksa sederhana",
    "formulir daring",
    "jadwal triwulanan",
    "grup pesan singkat",
    "lembar profil",
    "kunjungan lapangan",
    "rapat koordinasi bulanan",
    "kartu kendali",
    "papan informasi lowongan",
]
RESULTS = [
    "penempatan meningkat",
    "waktu tunggu berkurang",
    "lowongan terlapor bertambah",
    "kepuasan pencari kerja naik",
    "perusahaan lebih sering melapor",
    "peserta pelatihan lebih cepat bekerja",
]
LESSONS = [
    "jadwal yang tetap membangun kepercayaan",
    "dukungan pimpinan dinas menentukan",
    "data sederhana lebih mudah dirawat",
    "pencari kerja perlu pendamping pada langkah pertama",
    "perusahaan menghargai tindak lanjut yang cepat",
    "kerja sama dengan desa mempercepat penjangkauan",
]
PARTNERS = {
    "company": "PT Sumber Karya",
    "association": "Asosiasi Pengusaha Indonesia",
    "training-institution": "BLK Komunitas",
    "education": "SMK Negeri 1",
    "government": "Pemerintah Kecamatan",
    "ngo": "Yayasan Peduli Kerja",
    "international": "Mitra Pembangunan Internasional",
    "community": "Karang Taruna",
}
UNITS = ["orang", "perusahaan", "lowongan", "kegiatan", "persen"]
# Body text: readable template sentences mixed with Indonesian-looking affixed words over many roots,
# so practices share a realistic vocabulary without looking like near-copies to the duplicate check.
_ROOT_TEXT = """
kerja latih tempat cari daftar layan damping bina ukur catat data pasar usaha modal desa kota
sekolah lulus magang temu rekrut seleksi profil karier bimbing informasi lowongan upah kontrak
industri tani kebun tambang laut wisata hotel toko pabrik gudang angkut kirim jual beli hasil mutu
nilai rencana jadwal pantau lapor kumpul sebar ajak undang hubung kunjung tanya jawab bantu dukung
kuat kembang ubah tingkat kurang tambah hemat biaya dana anggar program forum rapat mitra jaring
kelompok warga pemuda difabel migran purna olah tata atur susun tulis baca hitung banding pilih
tentu ikut sedia siap terima tolak tunggu antar jemput buka tutup mulai akhir lanjut ulang uji coba
rancang bangun pasang rawat jaga simpan cetak ajar didik asuh bagi satu padu serta libat tanggap
cepat lambat dekat jauh luas sempit tinggi rendah
"""
ROOTS = _ROOT_TEXT.split()
AFFIXES = ["{r}", "me{r}", "di{r}", "pe{r}an", "ke{r}an", "ber{r}", "{r}an", "me{r}kan", "di{r}kan", "pe{r}"]
GLUE = [
    "yang",
    "dan",
    "di",
    "ke",
    "dari",
    "untuk",
    "dengan",
    "pada",
    "dalam",
    "agar",
    "oleh",
    "bagi",
    "setiap",
]
QUALIFIERS = [
    "Berbasis Data",
    "bagi Pencari Kerja Desa",
    "Terjadwal",
    "Bersama Perusahaan Lokal",
    "Satu Pintu",
    "Berbasis Komunitas",
    "bagi Lulusan Baru",
    "Keliling",
    "Terpadu",
    "Berbasis Kecamatan",
    "Mandiri",
    "Kolaboratif",
    "Berkelanjutan",
    "bagi Perempuan",
    "Tanggap Cepat",
    "Tepat Sasaran",
]
LAST_DAY = dt.date(2025, 12, 31)
FIRST_DAY = dt.date(2019, 1, 1)


def _sentence(rng: random.Random) -> str:
    return (
        f"Pengantar kerja {rng.choice(VERBS)} {rng.choice(OBJECTS)} dengan {rng.choice(MEANS)}, "
        f"sehingga {rng.choice(RESULTS)} dalam {rng.randint(2, 18)} bulan."
    )


def _word(rng: random.Random) -> str:
    return rng.choice(AFFIXES).format(r=rng.choice(ROOTS))


def _filler(rng: random.Random) -> str:
    words = [_word(rng) if k % 3 != 2 else rng.choice(GLUE) for k in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, n: int) -> str:
    return " ".join(_sentence(rng) if k == 0 else _filler(rng) for k in range(n))


def _month(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def practice(
    i: int, seed: int, published_before: list[str], used: set[tuple[str, str]]
) -> tuple[str, str, str, str]:
    """(folder, id, status, text) of practice number i; `used` holds the (place, topic) pairs taken so far.

    Two practices with the same topic in the same place would rightly look like duplicates, so each
    pair is used once (falling back to a numbered pair only when a place has run out of topics).
    """
    rng = random.Random(f"{seed}-{i}")
    reg = regions()
    national = rng.random() < 0.03
    prov = None if national else rng.choice(reg.provinces)
    regency = None if prov is None or rng.random() < 0.15 else rng.choice(sorted(prov.regencies))
    place = regency or (prov.name if prov else "Indonesia")
    themes = rng.sample(list(vocabulary("themes").values), rng.randint(1, 3))
    topics = [t for slug in [*themes, *rng.sample(list(TOPICS), len(TOPICS))] for t in TOPICS[slug]]
    topic = next((t for t in topics if (place, t) not in used), topics[0])
    used.add((place, topic))
    short = place.removeprefix("Kabupaten ").removeprefix("Kota ")
    slug = "-".join("".join(c if c.isalnum() else " " for c in f"{short} {topic}".lower()).split())[:60]
    pid = f"{slug}-{i:05d}"
    status = rng.choices(["published", "draft", "review"], [92, 4, 4])[0]
    date = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    start = date - dt.timedelta(days=rng.randint(120, 900))
    end = "berjalan" if rng.random() < 0.4 else _month(start + (date - start) * rng.random())
    levels = list(vocabulary("levels").values)
    # Long place names would dominate a title's weight in the duplicate check: those go in the summary only.
    title = f"{topic} {rng.choice(QUALIFIERS)}" + (f" di {place}" if len(short.split()) <= 2 else "")
    summary = f"Dinas tenaga kerja di {place} menjalankan {topic.lower()}. {_filler(rng)} {_filler(rng)}"
    lines = [
        "---",
        f"title: {_q(title)}",
        f"summary: {_q(summary)}",
        f"date: {date.isoformat()}",
        f"status: {status}",
        f"themes: [{', '.join(themes)}]",
        "region:",
        f"  province: {_q(prov.name if prov else NATIONAL)}",
    ]
    if regency:
        lines.append(f"  regency: {_q(regency)}")
    lines.append(f"office: {_q('Dinas Tenaga Kerja ' + place if prov else 'Kementerian Ketenagakerjaan')}")
    lines.append("authors:")
    for _ in range(rng.randint(1, 3)):
        lines += [f"  - name: {rng.choice(FIRST)} {rng.choice(LAST)}", f"    level: {rng.choice(levels)}"]
    lines += ["period:", f"  start: {_month(start)}", f"  end: {end}"]
    groups = rng.sample(list(vocabulary("target-groups").values), rng.randint(1, 3))
    lines.append(f"target_groups: [{', '.join(groups)}]")
    lines.append(f"delivery_mode: {rng.choice(list(vocabulary('delivery-modes').values))}")
    lines.append("partners:")
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(list(vocabulary("partner-types").values))
        lines += [f"  - name: {_q(PARTNERS.get(kind, 'Mitra') + ' ' + short)}", f"    type: {kind}"]
    lines.append("outcomes:")
    for _ in range(rng.randint(1, 3)):
        value = rng.randint(5, 3000)
        lines += [
            f"  - indicator: {_q(rng.choice(RESULTS).capitalize())}",
            f"    value: {value}",
            f"    unit: {rng.choice(UNITS)}",
            f"    year: {rng.randint(start.year, date.year)}",
        ]
        if rng.random() < 0.5:
            lines.append(f"    baseline: {rng.randint(0, value)}")
    lines.append(f"evidence_level: {rng.choice(list(vocabulary('evidence-levels').values))}")
    lines += [
        "replication:",
        f"  effort: {rng.choice(list(vocabulary('efforts').values))}",
        f"  prerequisites: [{', '.join(_q(m.capitalize()) for m in rng.sample(MEANS, 2))}]",
    ]
    if published_before and rng.random() < 0.1:
        lines.append(f"replicated_from: {rng.choice(published_before)}")
    if published_before:
        related = sorted(set(rng.sample(published_before, min(len(published_before), rng.randint(0, 3)))))
        if related:
            lines.append(f"related: [{', '.join(related)}]")
    keywords = dict.fromkeys(
        [_q(topic.lower())] + [_word(rng) for _ in range(3)]
    )  # unique, as the schema wants
    lines.append(f"keywords: [{', '.join(keywords)}]")
    lines.append(f"tags: [{_q(rng.choice(RESULTS))}]")
    if rng.random() < 0.02:
        lines.append(f"redirect_from: [{pid}-lama]")
    lines.append(f"last_reviewed: {min(date + dt.timedelta(days=rng.randint(0, 200)), LAST_DAY).isoformat()}")
    lines.append("---")
    body = []
    for title, n in (
        ("Latar Belakang", 4),
        ("Langkah Pelaksanaan", 0),
        ("Hasil", 4),
        ("Pembelajaran", 0),
        ("Cara Mereplikasi", 3),
    ):
        body.append(f"## {title}\n")
        if title == "Langkah Pelaksanaan":
            body.append("\n".join(f"{k}. {_filler(rng)}" for k in range(1, rng.randint(4, 8))) + "\n")
        elif title == "Pembelajaran":
            body.append(
                "\n".join(f"- {rng.choice(LESSONS).capitalize()}; {_filler(rng)}" for _ in range(3)) + "\n"
            )
        else:
            body.append("\n\n".join(_paragraph(rng, n) for _ in range(rng.randint(2, 3))) + "\n")
    folder = prov.slug if prov else reg.national_slug
    return folder, pid, status, "\n".join(lines) + "\n\n" + "\n".join(body)


MKDOCS_YML = """\
site_name: Lumbung Praktik (bench)
site_url: https://bench.example/
repo_url: https://github.com/kemnaker-pengantar-kerja/lumbung-praktik
edit_uri: edit/main/practices/
docs_dir: practices
theme:
  name: material
  language: id
  custom_dir: {overrides}
  font: false
plugins:
  - lumbung
markdown_extensions:
  - admonition
  - attr_list
  - tables
  - toc:
      permalink: true
"""


def generate(out: Path, n: int, seed: int = 1) -> list[Path]:
    """Write the site; returns the practice files written."""
    out.mkdir(parents=True, exist_ok=True)
    overrides = os.path.relpath(REPO / "overrides", out.resolve())
    (out / "mkdocs.yml").write_text(MKDOCS_YML.format(overrides=overrides), encoding="utf-8")
    published: list[str] = []
    used: set[tuple[str, str]] = set()
    written = []
    for i in range(n):
        folder, pid, status, text = practice(i, seed, published, used)
        path = out / "practices" / folder / f"{pid}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
        if status == "published":
            published.append(pid)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Example:\n  python tools/bench/generate.py bench-2000 2000",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("out", type=Path, help="output folder (mkdocs.yml and practices/ are written here)")
    parser.add_argument("n", type=int, help="number of practices")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    files = generate(args.out, args.n, args.seed)
    print(f"{len(files)} practices written to {args.out / 'practices'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
