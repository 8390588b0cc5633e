"""Rebuild tools/lumbung/data/regions.json from the idn-area-data npm package.

The product never downloads anything; this script only reads a package that a
maintainer fetched by hand, for example in a scratch directory:

    npm pack idn-area-data@4
    python tools/scripts/build_regions.py idn-area-data-4.0.1.tgz --retrieved 2026-11-23

The argument may be the .tgz from `npm pack` or an unpacked `package/`
directory. Only the standard library is used.

What the script does:
- reads data/provinces.csv and data/regencies.csv (provinces and
  kabupaten/kota with their Kemendagri codes);
- writes codes in the Kemendagri style (province "PP", regency "PP.RR");
- keeps the source names, title-casing them only if the source is upper case
  (idn-area-data 3.x), and applies the few corrections in NAME_CORRECTIONS;
- adds the slugs, aliases and hint abbreviations kept in this file;
- checks counts (38 provinces, 514 regencies) and uniqueness, and refuses to
  write if a check fails (use --allow-counts to accept other counts).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import re
import sys
import tarfile
import unicodedata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = REPO_ROOT / "tools" / "lumbung" / "data" / "regions.json"

SOURCE_URL = "https://github.com/fityannugroho/idn-area-data"
# The decree cited by the package (docs/references.md, REF-2025-1).
# Full title: "tentang Pemberian dan Pemutakhiran Kode, Data Wilayah Administrasi
# Pemerintahan, dan Pulau" (25 April 2025).
DEFAULT_DECREE = "Kepmendagri No. 300.2.2-2138 Tahun 2025"
LICENCE = "ODbL-1.0 (Open Database License); derived compact file"

EXPECTED_PROVINCES = 38
EXPECTED_REGENCIES = 514

# Slugs that differ from the kebab-case of the official name.
SLUG_OVERRIDES = {
    "31": "dki-jakarta",
    "34": "di-yogyakarta",
}

# Province names the source package has not caught up with: code -> official name. Jakarta has been
# "Provinsi Daerah Khusus Jakarta" since UU No. 2 Tahun 2024 (no longer the capital: "Ibukota" went).
PROVINCE_NAME_CORRECTIONS = {"31": "Daerah Khusus Jakarta"}

# Other accepted spellings of a province name (exact match). The official
# name itself is removed from this list when the file is built.
ALIASES = {
    "31": ["DKI Jakarta", "Daerah Khusus Jakarta", "Daerah Khusus Ibukota Jakarta"],
    "34": ["DI Yogyakarta", "Daerah Istimewa Yogyakarta"],
}

# Common short forms of province names. Validation uses them only for hints (never accepted as a
# value); search matches them to a practice's region (see data/REGIONS.md for where they come from).
ABBREVIATIONS = {
    "11": ["nad"],
    "12": ["sumut"],
    "13": ["sumbar"],
    "16": ["sumsel"],
    "19": ["babel"],
    "21": ["kepri"],
    "31": ["dki", "jakarta"],
    "32": ["jabar"],
    "33": ["jateng"],
    "34": ["diy", "jogja", "yogya", "jogjakarta", "yogyakarta"],
    "35": ["jatim"],
    "52": ["ntb"],
    "53": ["ntt"],
    "61": ["kalbar"],
    "62": ["kalteng"],
    "63": ["kalsel"],
    "64": ["kaltim"],
    "65": ["kaltara"],
    "71": ["sulut"],
    "72": ["sulteng"],
    "73": ["sulsel"],
    "74": ["sultra"],
    "76": ["sulbar"],
    "82": ["malut"],
    "92": ["pabar"],
    "93": ["papsel"],
    "94": ["papteng"],
    "96": ["pbd"],
}
# Short names of kabupaten/kota where one is in standard use (the five cities of Jakarta).
REGENCY_ABBREVIATIONS = {
    "31.71": ["jakpus"],
    "31.72": ["jakut"],
    "31.73": ["jakbar"],
    "31.74": ["jaksel"],
    "31.75": ["jaktim"],
}

# Regency names where the package departs from the official spelling:
# code -> (name as the package writes it, official name).
NAME_CORRECTIONS = {
    "72.09": ("Kabupaten Tojo Una Una", "Kabupaten Tojo Una-Una"),
    "92.03": ("Kabupaten Fak Fak", "Kabupaten Fakfak"),
}

LOWER_WORDS = {"dan"}


def title_case(name: str) -> str:
    """Indonesian title case for an upper-case source name ("DAN" stays lower)."""

    def word(w: str, first: bool) -> str:
        if not first and w.lower() in LOWER_WORDS:
            return w.lower()
        # Capitalise each part after a hyphen, apostrophe or opening bracket.
        return re.sub(r"(^|[-'’(])([a-z])", lambda m: m.group(1) + m.group(2).upper(), w.lower())

    words = name.split()
    return " ".join(word(w, i == 0) for i, w in enumerate(words))


def clean_name(name: str) -> str:
    name = " ".join(name.split())
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        name = title_case(name)
    return name


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def province_code(code: str) -> str:
    digits = code.strip().replace(".", "")
    if not re.fullmatch(r"\d{2}", digits):
        raise ValueError(f"bad province code: {code!r}")
    return digits


def regency_code(code: str) -> str:
    digits = code.strip().replace(".", "")
    if not re.fullmatch(r"\d{4}", digits):
        raise ValueError(f"bad regency code: {code!r}")
    return f"{digits[:2]}.{digits[2:]}"


def read_package(path: Path) -> tuple[dict, dict[str, str]]:
    """Return (package.json, {relative file name: text}) for the files we need."""
    wanted = ("package.json", "data/provinces.csv", "data/regencies.csv")
    files: dict[str, str] = {}
    if path.is_dir():
        base = path / "package" if (path / "package" / "package.json").exists() else path
        for name in wanted:
            files[name] = (base / name).read_text(encoding="utf-8-sig")
    else:
        with tarfile.open(path, "r:*") as tar:
            for member in tar.getmembers():
                rel = member.name.split("/", 1)[-1]
                if rel in wanted and member.isfile():
                    data = tar.extractfile(member)
                    assert data is not None
                    files[rel] = data.read().decode("utf-8-sig")
    missing = [n for n in wanted if n not in files]
    if missing:
        raise SystemExit(f"not found in package: {', '.join(missing)}")
    return json.loads(files["package.json"]), files


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def build(package: Path, retrieved: str, decree: str) -> tuple[dict, list[str]]:
    meta, files = read_package(package)
    if meta.get("name") != "idn-area-data":
        raise SystemExit(f"unexpected package: {meta.get('name')!r}")
    version = meta["version"]
    notes: list[str] = []

    provinces: dict[str, dict] = {}
    for row in rows(files["data/provinces.csv"]):
        code = province_code(row["code"])
        name = PROVINCE_NAME_CORRECTIONS.get(code) or clean_name(row["name"])
        provinces[code] = {
            "code": code,
            "name": name,
            "slug": SLUG_OVERRIDES.get(code, slugify(name)),
            "aliases": [a for a in ALIASES.get(code, []) if a != name],
            "abbreviations": list(ABBREVIATIONS.get(code, [])),
            "regencies": [],
        }

    used_corrections = set()
    for row in rows(files["data/regencies.csv"]):
        code = regency_code(row["code"])
        prov = province_code(row.get("province_code") or code[:2])
        if prov not in provinces:
            raise SystemExit(f"regency {code} refers to unknown province {prov}")
        name = clean_name(row["name"])
        if code in NAME_CORRECTIONS:
            source_form, official = NAME_CORRECTIONS[code]
            used_corrections.add(code)
            if name == source_form:
                notes.append(f"corrected {code}: {name!r} -> {official!r}")
                name = official
            elif name != official:
                notes.append(f"check {code}: source has {name!r}, correction expects {source_form!r}")
        regency = {"code": code, "name": name}
        if code in REGENCY_ABBREVIATIONS:
            regency["abbreviations"] = list(REGENCY_ABBREVIATIONS[code])
        provinces[prov]["regencies"].append(regency)

    for code in sorted(set(NAME_CORRECTIONS) - used_corrections):
        notes.append(f"correction for {code} not used: code absent from the source")

    ordered = [provinces[c] for c in sorted(provinces)]
    for p in ordered:
        p["regencies"].sort(key=lambda r: r["code"])

    data = {
        "source": f"npm idn-area-data {version} ({SOURCE_URL}), data from {decree}",
        "version": version,
        "licence": LICENCE,
        "retrieved": retrieved,
        "national": {"name": "Nasional", "slug": "nasional"},
        "provinces": ordered,
    }
    return data, notes


def check(data: dict) -> list[str]:
    """Return a list of problems (empty when the file is consistent)."""
    problems: list[str] = []
    provs = data["provinces"]
    regs = [r for p in provs for r in p["regencies"]]
    if len(provs) != EXPECTED_PROVINCES:
        problems.append(f"{len(provs)} provinces, expected {EXPECTED_PROVINCES}")
    if len(regs) != EXPECTED_REGENCIES:
        problems.append(f"{len(regs)} regencies, expected {EXPECTED_REGENCIES}")

    def dupes(values: list[str]) -> set[str]:
        seen: set[str] = set()
        return {v for v in values if v in seen or seen.add(v)}

    for label, values in (
        ("province code", [p["code"] for p in provs]),
        ("regency code", [r["code"] for r in regs]),
        ("slug", [p["slug"] for p in provs] + [data["national"]["slug"]]),
        ("province name or alias", [n for p in provs for n in [p["name"], *p["aliases"]]]),
        (
            "abbreviation",
            [a for p in provs for a in p["abbreviations"]]
            + [a for r in regs for a in r.get("abbreviations", [])],
        ),
    ):
        if d := dupes(values):
            problems.append(f"duplicate {label}: {sorted(d)}")
    for p in provs:
        if not re.fullmatch(r"\d{2}", p["code"]):
            problems.append(f"bad province code {p['code']}")
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", p["slug"]):
            problems.append(f"bad slug {p['slug']}")
        if d := dupes([r["name"] for r in p["regencies"]]):
            problems.append(f"duplicate regency names in {p['code']}: {sorted(d)}")
        for r in p["regencies"]:
            if not re.fullmatch(rf"{p['code']}\.\d{{2}}", r["code"]):
                problems.append(f"regency {r['code']} not under province {p['code']}")
            if not r["name"].startswith(("Kabupaten ", "Kota ")):
                problems.append(f"regency {r['code']} name lacks Kabupaten/Kota: {r['name']!r}")
    return problems


def dump(data: dict) -> str:
    """JSON with one regency per line: valid, diff-friendly and readable."""

    def j(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    out = ["{"]
    for key in ("source", "version", "licence", "retrieved", "national"):
        out.append(f" {j(key)}: {j(data[key])},")
    out.append(' "provinces": [')
    for i, p in enumerate(data["provinces"]):
        out.append("  {")
        for key in ("code", "name", "slug", "aliases", "abbreviations"):
            out.append(f"   {j(key)}: {j(p[key])},")
        out.append('   "regencies": [')
        regs = p["regencies"]
        for k, r in enumerate(regs):
            out.append(f"    {j(r)}" + ("," if k < len(regs) - 1 else ""))
        out.append("   ]")
        out.append("  }" + ("," if i < len(data["provinces"]) - 1 else ""))
    out.append(" ]")
    out.append("}")
    text = "\n".join(out) + "\n"
    assert json.loads(text) == data
    return text


def reapply(data: dict) -> dict:
    """`data` (a regions.json) with this file's slugs, aliases and abbreviations applied again."""
    for p in data["provinces"]:
        code = p["code"]
        p["slug"] = SLUG_OVERRIDES.get(code, slugify(p["name"]))
        p["aliases"] = [a for a in ALIASES.get(code, []) if a != p["name"]]
        p["abbreviations"] = list(ABBREVIATIONS.get(code, []))
        for r in p["regencies"]:
            r.pop("abbreviations", None)
            if r["code"] in REGENCY_ABBREVIATIONS:
                r["abbreviations"] = list(REGENCY_ABBREVIATIONS[r["code"]])
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "package", type=Path, nargs="?", help="idn-area-data .tgz from npm pack, or unpacked directory"
    )
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--retrieved", default=dt.date.today().isoformat(), help="YYYY-MM-DD")
    parser.add_argument("--decree", default=DEFAULT_DECREE, help="decree cited by the package")
    parser.add_argument("--allow-counts", action="store_true", help="write even if counts differ")
    parser.add_argument("--check-only", action="store_true", help="build and check, do not write")
    parser.add_argument(
        "--reapply",
        action="store_true",
        help="no package: apply this script's slugs, aliases and abbreviations to the existing output",
    )
    args = parser.parse_args(argv)

    if args.reapply:
        data, notes = reapply(json.loads(args.output.read_text(encoding="utf-8"))), []
    elif args.package is None:
        parser.error("the package is required (or --reapply)")
    else:
        dt.date.fromisoformat(args.retrieved)
        data, notes = build(args.package, args.retrieved, args.decree)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    problems = check(data)
    if args.allow_counts:
        problems = [p for p in problems if "expected" not in p]
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        return 1

    n_reg = sum(len(p["regencies"]) for p in data["provinces"])
    print(f"idn-area-data {data['version']}: {len(data['provinces'])} provinces, {n_reg} regencies")
    if not args.check_only:
        args.output.write_text(dump(data), encoding="utf-8")
        print(f"wrote {args.output.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
