"""False positives, measured on text the rules were not written against: paragraphs generated from the
numbers Indonesian employment-service reports are full of (years, Rupiah, percentages, counts, dates
and date ranges, times, letter and regulation numbers, NIP/NPWP/NIB, ISBN, postcodes, KBLI codes,
region codes, service numbers), in prose, lists and tables, with markup and Unicode punctuation.

The generator is seeded; `python tests/security/test_pii_false_positives.py N` prints the count of
paragraphs that trigger and the first few, for a larger run than the test's.
"""

from __future__ import annotations

import random

from lumbung.rules.pii import find_pii
from lumbung.text.dates import MONTHS

NOUNS = [
    "pencari kerja",
    "peserta",
    "perusahaan",
    "lowongan",
    "penyandang disabilitas",
    "lulusan SMK",
    "orang",
]


def _rupiah(r: random.Random) -> str:
    n = r.choice([r.randrange(10, 1000) * 1000, r.randrange(1, 999) * 10**6, r.randrange(10**5, 10**12)])
    grouped = f"{n:,}".replace(",", ".")
    return r.choice(
        [f"Rp {grouped}", f"Rp{grouped},00", f"IDR {n:,}", f"Rp {n // 10**6} juta", f"Rp {grouped}"]
    )


def _date(r: random.Random) -> str:
    d, m, y = r.randrange(1, 29), r.randrange(1, 13), r.randrange(1990, 2027)
    sep = r.choice("/-.")
    return r.choice(
        [
            f"{d:02d}{sep}{m:02d}{sep}{y}",
            f"{y}-{m:02d}-{d:02d}",
            f"{d} {r.choice(MONTHS)} {y}",
            f"{d}/{m}/{y}",
        ]
    )


def _item(r: random.Random) -> str:
    kind = r.randrange(24)
    n = r.randrange(1, 5000)
    grouped = f"{n:,}".replace(",", ".")
    return [
        lambda: f"{grouped} {r.choice(NOUNS)}",
        lambda: f"tahun {r.randrange(1990, 2027)}",
        lambda: f"{r.randrange(2015, 2024)}\u2013{r.randrange(2024, 2027)}",
        lambda: _rupiah(r),
        lambda: f"{r.randrange(1, 100)}{r.choice([',', '.'])}{r.randrange(0, 10)}%",
        lambda: f"{r.randrange(1, 100)}%",
        lambda: _date(r),
        lambda: f"periode {_date(r)} {r.choice(['-', 's.d.', 'sampai', '–'])} {_date(r)}",
        lambda: f"pukul {r.randrange(7, 17):02d}.{r.choice(['00', '30'])}-{r.randrange(12, 22):02d}.00 WIB",
        lambda: (
            f"surat nomor {r.randrange(100, 999)}/{r.randrange(1, 9999)}/Disnaker/{r.randrange(2015, 2027)}"
        ),
        lambda: f"Permenaker Nomor {r.randrange(1, 40)} Tahun {r.randrange(2000, 2026)}",
        lambda: (
            f"NIP {r.randrange(1960, 2000)}{r.randrange(1, 13):02d}{r.randrange(1, 29):02d}"
            f"{r.randrange(1985, 2024)}{r.randrange(1, 13):02d}{r.randrange(1, 3)}{r.randrange(1, 999):03d}"
        ),
        lambda: (
            f"NPWP {r.randrange(10, 99)}.{r.randrange(100, 999)}.{r.randrange(100, 999)}.{r.randrange(1, 9)}"
            f"-{r.randrange(100, 999)}.000"
        ),
        lambda: f"NIB {r.randrange(10**12, 10**13)}",
        lambda: f"ISBN 978-602-{r.randrange(1000, 9999)}-{r.randrange(10, 99)}-{r.randrange(0, 9)}",
        lambda: f"kode pos {r.randrange(10000, 99999)}",
        lambda: f"KBLI {r.randrange(10000, 99999)}",
        lambda: f"kode wilayah {r.randrange(11, 95)}.{r.randrange(1, 80):02d}.{r.randrange(1, 40):02d}",
        lambda: r.choice(["darurat 112", "call center 1500-630", "bebas pulsa 0800-1-500-630", "SMS 1708"]),
        lambda: f"{r.randrange(1, 999)}, {r.randrange(1, 999)}, {grouped} dan {r.randrange(1000, 9999)}",
        lambda: f"| {r.randrange(2019, 2026)} | {grouped} | {r.randrange(1, 100)}% | {_rupiah(r)} |",
        lambda: f"**{grouped}** {r.choice(NOUNS)} (*{r.randrange(1, 100)}%*)",
        lambda: f"versi {r.randrange(1, 9)}.{r.randrange(0, 20)}.{r.randrange(0, 9)}",
        lambda: f"https://siapkerja.kemnaker.go.id/lowongan/{r.randrange(10**5, 10**9)}",
    ][kind]()


def paragraph(r: random.Random) -> str:
    sentences = []
    for _ in range(r.randrange(2, 6)):
        items = [_item(r) for _ in range(r.randrange(1, 4))]
        sentences.append(
            r.choice(["Pada ", "Tercatat ", "Sebanyak ", "Dengan ", ""]) + ", ".join(items) + "."
        )
    return r.choice([" ", "\n"]).join(sentences)


def false_positives(count: int, seed: int) -> list[tuple[str, list]]:
    r = random.Random(seed)
    out = []
    for _ in range(count):
        text = paragraph(r)
        found = find_pii(text)
        if found:
            out.append((text, [(f.code, text[f.start : f.end]) for f in found]))
    return out


def test_generated_number_heavy_paragraphs_trigger_almost_nothing() -> None:
    """The one known class: a random 13-digit number starting 628 (here an NIB) is how a WhatsApp link
    writes a mobile number (wa.me/6281234567890), and stays a finding. Nothing else may trigger.
    On 2 x 20,000 paragraphs (seeds 7 and 11) the scanner before the reader's view found the same 18."""
    bad = false_positives(4000, seed=20261206)
    others = [
        (text, found) for text, found in bad if any(c != "E502" or not v.startswith("628") for c, v in found)
    ]
    assert others == []
    assert len(bad) <= 4  # 0.1%


if __name__ == "__main__":  # pragma: no cover - a larger run, for people
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    bad = false_positives(n, seed=int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    print(f"{n} paragraphs, {len(bad)} with a finding")
    for text, found in bad[:15]:
        print(found, "::", text[:300].replace("\n", " / "))
