"""Generate a synthetic, valid Lumbung Praktik site of N practices for benchmarks and scale tests.

Usage: python tools/bench/generate.py OUT_DIR N [--seed SEED] [--profile site|full]

Writes OUT_DIR/mkdocs.yml and OUT_DIR/practices/<province>/<id>.md. Practice i depends only on
(seed, i), never on N, so the same practice looks the same in a library of 100 and of 5,000.
About one practice in three is followed by a replication report
(practices/<province>/replikasi/<id>.md) of an office that adopted an earlier published practice;
reports draw from random streams of their own, so the practices are the same with or without them.
About 92% are published, 4% draft, 4% review; references point only at earlier published
practices, so the library validates without errors or warnings (`mkdocs build --strict` passes).

Two profiles. `site` (the default) is the corpus of the site benchmark and the scale tests; its
output must not change, or their published figures stop being comparable. `full` (the validation
benchmark's) is the same practices with what the validator has more to check: e-mail addresses
for half the authors, a cover image (and its file) on a fifth of the practices, a `language`
field with 5% of practices in English (English section titles), a subsection, and bodies of about
650 words instead of 500. Its extras are drawn from a random stream of their own, so every field
the two profiles share is the same in both.
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

from lumbung.rules.schema import suggest_id  # noqa: E402
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
PROFILES = ("site", "full")
SECTIONS = {
    "id": ["Latar Belakang", "Langkah Pelaksanaan", "Hasil", "Pembelajaran", "Cara Mereplikasi"],
    "en": ["Background", "Implementation Steps", "Results", "Lessons Learned", "How to Replicate"],
}
SUBSECTION = {"id": "Persiapan", "en": "Preparation"}
COVER = "foto/kegiatan.jpg"
# A tiny but well-formed JPEG for cover_image: the safety checks look for the file and sniff its type.
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb004300") + bytes(64) + bytes.fromhex("ffd9")


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


def _body(rng: random.Random, extra: random.Random | None, language: str) -> str:
    """The five sections; `extra` (the full profile's stream) adds a subsection and longer prose sections."""
    body = []
    for k, (title, n) in enumerate(zip(SECTIONS[language], (4, 0, 4, 0, 3), strict=True)):
        body.append(f"## {title}\n")
        if k == 1:
            if extra:
                body.append(f"### {SUBSECTION[language]}\n")
            body.append("\n".join(f"{j}. {_filler(rng)}" for j in range(1, rng.randint(4, 8))) + "\n")
        elif k == 3:
            body.append(
                "\n".join(f"- {rng.choice(LESSONS).capitalize()}; {_filler(rng)}" for _ in range(3)) + "\n"
            )
        else:
            paragraphs = [_paragraph(rng, n) for _ in range(rng.randint(2, 3))]
            if extra:
                paragraphs.append(_paragraph(extra, n))
            body.append("\n\n".join(paragraphs) + "\n")
    return "\n".join(body)


def practice(
    i: int, seed: int, published_before: list[str], used: set[tuple[str, str]], full: bool = False
) -> tuple[str, str, str, str]:
    """(folder, id, status, text) of practice number i; `used` holds the (place, topic) pairs taken so far.

    Two practices with the same topic in the same place would rightly look like duplicates, so each
    pair is used once (falling back to a numbered pair only when a place has run out of topics).
    `full` adds the full profile's fields (see the module's docstring).
    """
    rng = random.Random(f"{seed}-{i}")
    # The full profile draws only from `extra`, so `rng` gives the site profile's practice unchanged.
    extra = random.Random(f"{seed}-{i}-full") if full else None
    language = "en" if extra and extra.random() < 0.05 else "id"
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
        first = rng.choice(FIRST)
        lines += [f"  - name: {first} {rng.choice(LAST)}", f"    level: {rng.choice(levels)}"]
        if extra and extra.random() < 0.5:
            lines.append(f"    email: {first.lower()}.{i}@example.go.id")
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
    if extra and extra.random() < 0.2:
        lines += [f"cover_image: {COVER}", f"cover_alt: {_q(f'Kegiatan {topic.lower()} di {place}')}"]
    if rng.random() < 0.02:
        lines.append(f"redirect_from: [{pid}-lama]")
    lines.append(f"last_reviewed: {min(date + dt.timedelta(days=rng.randint(0, 200)), LAST_DAY).isoformat()}")
    if extra:
        lines.append(f"language: {language}")
    lines.append("---")
    folder = prov.slug if prov else reg.national_slug
    return folder, pid, status, "\n".join(lines) + "\n\n" + _body(rng, extra, language)


ADAPTATIONS = [
    "Jadwal kunjungan disesuaikan dengan hari pasar di setiap kecamatan",
    "Daftar periksa dipersingkat menjadi satu halaman",
    "Pelaksanaan digabung dengan kegiatan balai latihan kerja setempat",
    "Sesi daring ditambah untuk pencari kerja di desa yang jauh",
    "Mitra perusahaan dipilih dari sektor perkebunan dan perikanan",
]


def report(
    i: int, seed: int, published_before: list[str], used: set[tuple[str, str]]
) -> tuple[str, str, str] | None:
    """(folder, id, text) of the replication report that follows practice i, or None: about one
    practice in three is followed by one, adopting an earlier published practice; `used` holds the
    (office, practice) pairs reported so far (an office reports a practice once)."""
    rng = random.Random(f"{seed}-{i}-report")
    if rng.random() >= 1 / 3 or not published_before:
        return None
    ref = rng.choice(published_before)
    prov = rng.choice(regions().provinces)
    regency = rng.choice(sorted(prov.regencies))
    office = f"Dinas Tenaga Kerja {regency}"
    if (office, ref) in used:
        return None
    used.add((office, ref))
    date = FIRST_DAY + dt.timedelta(days=rng.randint(365, (LAST_DAY - FIRST_DAY).days))
    start = date - dt.timedelta(days=rng.randint(30, 300))
    rid = suggest_id(f"{regency} menerapkan {i}")
    lines = [
        "---",
        "kind: replication",
        f"replicates: {ref}",
        "region:",
        f"  province: {_q(prov.name)}",
        f"  regency: {_q(regency)}",
        f"office: {_q(office)}",
        f"date: {date.isoformat()}",
        "status: published",
        "authors:",
        f"  - name: {_q(rng.choice(FIRST) + ' ' + rng.choice(LAST))}",
        "period:",
        f"  start: {_q(_month(start))}",
        f"adaptations: {_q(rng.choice(ADAPTATIONS) + '; ' + rng.choice(ADAPTATIONS).lower() + '.')}",
        "---",
        "",
        _paragraph(rng, 2),
    ]
    return prov.slug, rid, "\n".join(lines) + "\n"


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


def generate(out: Path, n: int, seed: int = 1, profile: str = "site", reports: bool = True) -> list[Path]:
    """Write the site in one of PROFILES; returns the practice files written (the replication
    reports, about one per three practices, are written beside them but not returned; `reports`
    False leaves them out, for corpora defined before reports existed)."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}, expected one of {', '.join(PROFILES)}")
    full = profile == "full"
    out.mkdir(parents=True, exist_ok=True)
    overrides = os.path.relpath(REPO / "overrides", out.resolve())
    (out / "mkdocs.yml").write_text(MKDOCS_YML.format(overrides=overrides), encoding="utf-8")
    published: list[str] = []
    used: set[tuple[str, str]] = set()
    reported: set[tuple[str, str]] = set()
    written = []
    for i in range(n):
        adopted = report(i, seed, published, reported) if reports else None
        if adopted:
            folder, rid, text = adopted
            (out / "practices" / folder / "replikasi").mkdir(parents=True, exist_ok=True)
            (out / "practices" / folder / "replikasi" / f"{rid}.md").write_text(text, encoding="utf-8")
        folder, pid, status, text = practice(i, seed, published, used, full)
        path = out / "practices" / folder / f"{pid}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        if full and not (path.parent / COVER).is_file():  # the image the folder's cover_image values name
            (path.parent / COVER).parent.mkdir(exist_ok=True)
            (path.parent / COVER).write_bytes(JPEG)
        path.write_text(text, encoding="utf-8")
        written.append(path)
        if status == "published":
            published.append(pid)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Example:\n  python tools/bench/generate.py bench-2000 2000\n"
        "  python tools/bench/generate.py bench-validate-1000 1000 --profile full",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("out", type=Path, help="output folder (mkdocs.yml and practices/ are written here)")
    parser.add_argument("n", type=int, help="number of practices")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--profile",
        choices=PROFILES,
        default="site",
        help="site: the site benchmark's corpus (default); full: the validation benchmark's, more fields",
    )
    args = parser.parse_args(argv)
    files = generate(args.out, args.n, args.seed, args.profile)
    print(f"{len(files)} practices written to {args.out / 'practices'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
