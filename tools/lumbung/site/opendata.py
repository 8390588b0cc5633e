"""Open data of the published practices: practices.json, practices.csv (and the spreadsheet's CSV),
replications.csv, and the catalogue filters' data (katalog/data.json and its chunks of cards). The
Atom feed is `feed`.

Every value is written through the encoder of its format (lumbung.escape): strict JSON, CSV cells that
no spreadsheet runs as a formula, XML 1.0 characters only."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from lumbung.escape import csv_cell, finite, strict_json
from lumbung.record import Outcome
from lumbung.site.adoption import Adoption
from lumbung.site.catalogue import THEMES, Entry, Site, provinces
from lumbung.site.urls import absolute, page_url
from lumbung.vocabulary import match_key, vocabulary

JSON_VERSION = 1
CSV_COLUMNS = [
    "id",
    "url",
    "title",
    "summary",
    "date",
    "year",
    "province",
    "regency",
    "office",
    "themes",
    "target_groups",
    "delivery_mode",
    "period_start",
    "period_end",
    "evidence_level",
    "replication_effort",
    "replicated_from",
    "authors",
    "partners",
    "outcomes",
    "tags",
    "last_reviewed",
    "language",
    "adoptions",
]
# replications.csv: the replication reports (and write-ups with replicated_from), one row each.
REPLICATION_CSV = "replications.csv"
REPLICATION_COLUMNS = [
    "practice",
    "practice_url",
    "via",
    "id",
    "province",
    "regency",
    "office",
    "date",
    "period_start",
    "adaptations",
    "note",
    "authors",
    "outcomes",
]
LIST_SEPARATOR = "; "
CATALOGUE_DATA = "katalog/data.json"
CATALOGUE_CARDS = "katalog/data"
CATALOGUE_KEYS = ("tema", "provinsi", "sasaran", "tahun")  # the filters, named as in the page's URL
CARD_FIELDS = ["i", "url", "title", "summary", "regency", "date"]


def _outcome(o: Outcome) -> dict[str, Any]:
    return {
        "indicator": o.indicator,
        "kind": o.kind,
        "value": finite(o.value),
        "unit": o.unit,
        "baseline": finite(o.baseline),
        "year": o.year,
    }


def record(entry: Entry, site_url: str | None = None) -> dict[str, Any]:
    """One published practice as open data; e-mail addresses are shown to readers but never bulk-exported."""
    record = entry.record
    period = record.period
    return {
        "id": entry.id,
        "url": absolute(site_url, page_url(entry.src)),
        "title": entry.title,
        "summary": entry.summary,
        "date": entry.date.isoformat(),
        "year": entry.year,
        "province": entry.province,
        "regency": entry.regency,
        "office": record.office,
        "themes": list(entry.themes),
        "target_groups": list(entry.target_groups),
        "delivery_mode": record.delivery_mode,
        "period_start": period.start if period else None,
        "period_end": period.end if period else None,
        "evidence_level": record.evidence_level,
        "replication_effort": record.replication.effort,
        "replication_prerequisites": list(record.replication.prerequisites),
        "replicated_from": record.replicated_from,
        "authors": [{"name": a.name, "level": a.level} for a in record.authors],
        "partners": [{"name": p.name, "type": p.type} for p in record.partners],
        "outcomes": [_outcome(o) for o in record.outcomes],
        "tags": list(record.tags),
        "last_reviewed": record.last_reviewed.isoformat() if record.last_reviewed else None,
        "language": record.language,
    }


def records(site: Site, site_url: str | None = None) -> list[dict[str, Any]]:
    """Every published practice as open data, with `adoptions`: in how many places it was adopted."""
    return [{**record(e, site_url), "adoptions": site.adoption_count(e.id)} for e in site.entries]


def adoption_record(site: Site, a: Adoption, site_url: str | None = None) -> dict[str, Any]:
    """One adoption as open data: a replication report ("report") or a write-up ("write-up")."""
    practice = site.by_id[a.practice_id]
    return {
        "practice": a.practice_id,
        "practice_url": absolute(site_url, page_url(practice.src)),
        "via": a.via,
        "id": a.id,
        "province": a.province,
        "regency": a.regency,
        "office": a.office,
        "date": a.date.isoformat() if a.date else None,
        "period_start": a.start,
        "adaptations": a.adaptations or None,
        "note": a.text or None,
        "authors": list(a.authors),
        "outcomes": [_outcome(o) for o in a.outcomes],
    }


def adoption_records(site: Site, site_url: str | None = None) -> list[dict[str, Any]]:
    """Every adoption of a listed practice, newest first."""
    items = [a for e in site.entries for a in site.adoptions.get(e.id, [])]
    items.sort(key=lambda a: (-(a.date or dt.date.min).toordinal(), a.relpath))
    return [adoption_record(site, a, site_url) for a in items]


def to_replications_csv(site: Site, site_url: str | None = None) -> str:
    """replications.csv: one row per adoption (REPLICATION_COLUMNS), like practices.csv."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(REPLICATION_COLUMNS)
    for row in adoption_records(site, site_url):
        flat = dict(row)
        flat["authors"] = LIST_SEPARATOR.join(row["authors"])
        flat["outcomes"] = LIST_SEPARATOR.join(_outcome_text(o) for o in row["outcomes"])
        writer.writerow(["" if flat[c] is None else csv_cell(flat[c]) for c in REPLICATION_COLUMNS])
    return out.getvalue()


def to_json(site: Site, site_url: str | None = None) -> str:
    """practices.json: {"version", "count", "vocabularies", "practices": [...]}, newest first."""
    rows = records(site, site_url)
    labels = {
        name: vocabulary(name).values
        for name in (
            "themes",
            "target-groups",
            "delivery-modes",
            "evidence-levels",
            "efforts",
            "levels",
            "partner-types",
            "outcome-kinds",
        )
    }
    adopted = adoption_records(site, site_url)
    doc = {
        "version": JSON_VERSION,
        "count": len(rows),
        "vocabularies": labels,
        "practices": rows,
        "replication_count": len(adopted),
        "replications": adopted,
    }
    return strict_json(doc, indent=1) + "\n"


def _filter_values(e: Entry) -> dict[str, list[str]]:
    """The values a practice has for each catalogue filter."""
    return {
        "tema": list(dict.fromkeys(e.themes)),
        "provinsi": [e.province_slug],
        "sasaran": list(dict.fromkeys(e.target_groups)),
        "tahun": [str(e.year)] if e.year else [],
    }


def catalogue_data(site: Site, directory_urls: bool = True, size: int = 50) -> dict[str, str]:
    """The catalogue filters' files, by site path: an index and the cards in chunks.

    katalog/data.json, the index: for every practice in catalogue order (newest first), its values of
    each filter (CATALOGUE_KEYS) as positions in `values`. It holds no text, so it stays small.
    katalog/data/<filter>/<value>/<n>.json: the cards (CARD_FIELDS; `i` the practice's place in the
    index, `url` site-relative, `date` ISO or null) of the practices with that value, `size` to a file,
    in catalogue order. A filtered page of results needs the index and the few chunks of its rarest
    chosen value that hold the page's practices, however large the library grows; one file of every
    card, as before, was 485 KB compressed at 5,000 practices.
    """
    values: dict[str, list[str]] = {k: [] for k in CATALOGUE_KEYS}
    position: dict[str, dict[str, int]] = {k: {} for k in CATALOGUE_KEYS}
    members: dict[str, dict[str, list[int]]] = {k: {} for k in CATALOGUE_KEYS}
    index_rows = []
    for i, e in enumerate(site.entries):
        row = []
        for key, found in _filter_values(e).items():
            at = position[key]
            for value in found:
                if value not in at:
                    at[value] = len(values[key])
                    values[key].append(value)
                members[key].setdefault(value, []).append(i)
            row.append([at[v] for v in found])
        index_rows.append(row)
    index = {
        "version": JSON_VERSION,
        "count": len(index_rows),
        "size": size,
        "keys": list(CATALOGUE_KEYS),
        "values": values,
        "provinces": dict(provinces()),
        "themes": vocabulary(THEMES).values,
        "cardFields": CARD_FIELDS,
        "practices": index_rows,
        # Positions in the index by title, so the catalogue sorts by title without loading any text.
        "titleOrder": sorted(range(len(site.entries)), key=lambda i: (match_key(site.entries[i].title), i)),
        # In how many places each practice was adopted (replication reports), for the sort by adoptions.
        "adoptions": [site.adoption_count(e.id) for e in site.entries],
    }
    out = {CATALOGUE_DATA: _compact(index)}
    cards = [
        [
            i,
            page_url(e.src, directory_urls),
            e.title,
            e.summary,
            e.regency,
            e.date.isoformat() if e.date else None,
        ]
        for i, e in enumerate(site.entries)
    ]
    for key, by_value in members.items():
        for value, ids in by_value.items():
            for n, start in enumerate(range(0, len(ids), size), 1):
                chunk = [cards[i] for i in ids[start : start + size]]
                out[f"{CATALOGUE_CARDS}/{key}/{value}/{n}.json"] = _compact(chunk)
    return out


def _compact(doc: Any) -> str:
    return strict_json(doc, separators=(",", ":")) + "\n"


def _outcome_text(o: dict[str, Any]) -> str:
    text = f"{o.get('indicator')}: "
    if o.get("baseline") is not None:
        text += f"{o['baseline']} -> "
    text += f"{o.get('value')}"
    if o.get("unit"):
        text += f" {o['unit']}"
    if o.get("year"):
        text += f" ({o['year']})"
    return text


def to_csv(site: Site, site_url: str | None = None) -> str:
    """practices.csv: UTF-8, a header row, one row per practice; lists joined with '; '. Rows end in
    CRLF (RFC 4180), so the csv module quotes a cell holding either line-break character."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in records(site, site_url):
        flat = dict(row)
        flat["themes"] = LIST_SEPARATOR.join(row["themes"])
        flat["target_groups"] = LIST_SEPARATOR.join(row["target_groups"])
        flat["authors"] = LIST_SEPARATOR.join(str(a["name"]) for a in row["authors"])
        flat["partners"] = LIST_SEPARATOR.join(f"{p['name']} ({p['type']})" for p in row["partners"])
        flat["outcomes"] = LIST_SEPARATOR.join(_outcome_text(o) for o in row["outcomes"])
        flat["tags"] = LIST_SEPARATOR.join(row["tags"])
        writer.writerow(["" if flat[c] is None else csv_cell(flat[c]) for c in CSV_COLUMNS])
    return out.getvalue()


# The spreadsheet variant: Indonesian column names, in CSV_COLUMNS order.
EXCEL_CSV = "praktik-excel.csv"
EXCEL_HEADERS = {
    "id": "ID",
    "url": "Alamat",
    "title": "Judul",
    "summary": "Ringkasan",
    "date": "Tanggal",
    "year": "Tahun",
    "province": "Provinsi",
    "regency": "Kabupaten/Kota",
    "office": "Instansi",
    "themes": "Tema",
    "target_groups": "Kelompok sasaran",
    "delivery_mode": "Moda layanan",
    "period_start": "Mulai",
    "period_end": "Selesai",
    "evidence_level": "Tingkat bukti",
    "replication_effort": "Upaya replikasi",
    "replicated_from": "Direplikasi dari",
    "authors": "Penulis",
    "partners": "Mitra",
    "outcomes": "Hasil terukur",
    "tags": "Label",
    "last_reviewed": "Terakhir ditinjau",
    "language": "Bahasa",
    "adoptions": "Diterapkan di (daerah)",
}
_EXCEL_LABELS = {
    "delivery_mode": "delivery-modes",
    "evidence_level": "evidence-levels",
    "replication_effort": "efforts",
    "language": "languages",
}


def to_excel_csv(site: Site, site_url: str | None = None) -> str:
    """praktik-excel.csv: the rows of practices.csv as a spreadsheet set to Indonesian opens them by
    a double click: a UTF-8 byte-order mark (else Excel guesses the encoding), ';' between cells (the
    list separator where ',' is the decimal comma), Indonesian column names, and labels for codes
    (`job-fair` -> "Bursa Kerja & Job Fair"). Every cell goes through csv_cell, as in practices.csv."""
    themes, groups = vocabulary(THEMES), vocabulary("target-groups")
    partner_types = vocabulary("partner-types")
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([EXCEL_HEADERS[c] for c in CSV_COLUMNS])
    for row in records(site, site_url):
        flat = dict(row)
        for key, name in _EXCEL_LABELS.items():
            if flat[key]:
                flat[key] = vocabulary(name).values.get(flat[key], flat[key])
        flat["themes"] = LIST_SEPARATOR.join(themes.label(t) for t in row["themes"])
        flat["target_groups"] = LIST_SEPARATOR.join(groups.label(t) for t in row["target_groups"])
        flat["authors"] = LIST_SEPARATOR.join(str(a["name"]) for a in row["authors"])
        flat["partners"] = LIST_SEPARATOR.join(
            f"{p['name']} ({partner_types.values.get(p['type'], p['type'])})" for p in row["partners"]
        )
        flat["outcomes"] = LIST_SEPARATOR.join(_outcome_text(o) for o in row["outcomes"])
        flat["tags"] = LIST_SEPARATOR.join(row["tags"])
        writer.writerow(["" if flat[c] is None else csv_cell(flat[c]) for c in CSV_COLUMNS])
    return out.getvalue()
