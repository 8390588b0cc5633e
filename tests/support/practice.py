"""A valid practice to mutate: the text many tests start from, and variants of it."""

from __future__ import annotations

VALID = """---
title: Bursa Kerja Desa di Balai Desa Kabupaten Lahat
summary: >-
  Dinas mengadakan bursa kerja di balai desa dekat lokasi tambang dan perkebunan,
  agar pencari kerja desa tidak perlu menempuh perjalanan jauh ke ibu kota kabupaten.
date: 2025-10-09
status: published
themes: [job-fair]
region:
  province: Sumatera Selatan
  regency: Kabupaten Lahat
office: Dinas Tenaga Kerja Kabupaten Lahat
authors:
  - name: Rudi Hartono
    email: rudi.hartono@example.go.id
outcomes:
  - indicator: Pencari kerja ditempatkan
    value: 286
    year: 2025
tags: [desa, bursa kerja]
---

## Latar Belakang

Pencari kerja di desa jauh dari kantor dinas di ibu kota kabupaten.

## Langkah Pelaksanaan

1. Mendata perusahaan di sekitar desa.
2. Menggelar bursa kerja di balai desa.

## Hasil

Sebanyak 286 pencari kerja desa ditempatkan pada 2025, naik 45% dari 2024.

## Pembelajaran

Dukungan kepala desa menentukan jumlah pengunjung.
"""


def practice(status: str = "published", title: str | None = None, body_extra: str = "") -> str:
    """The valid practice with another status, title or extra body text (appended to the last section)."""
    text = VALID.replace("status: published", f"status: {status}")
    if title:
        text = text.replace("title: Bursa Kerja Desa di Balai Desa Kabupaten Lahat", f"title: {title}")
    return text + body_extra
