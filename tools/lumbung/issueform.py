"""The GitHub issue form for a new practice: generated from the schema, and parsed back into a practice.

`render_issue_form()` writes `.github/ISSUE_TEMPLATE/praktik-baru.yml` from the schema and the
vocabularies, so the form's options cannot drift from the data. `parse_issue()` reads an issue body
as GitHub renders a submitted form (`### Label` headings, `_No response_` for empty fields, `a, b`
for multi-select dropdowns, `- [X]` checkboxes) and returns front-matter values, the Markdown body
and the problems found, each tied to the form field a contributor can fix by editing the issue.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .messages import word
from .schema import schema
from .vocabulary import NATIONAL, closest, fold, regions, vocabulary

NO_RESPONSE = "_No response_"
LABEL = "praktik-baru"
FORM_PATH = ".github/ISSUE_TEMPLATE/praktik-baru.yml"
SECTION_PREFIX = "Bagian "


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


def _schema_field(path: str):
    f = schema().root
    for part in path.split("."):
        f = f.fields[part] if f.type == "object" else f.items.fields[part]
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


def form_fields() -> list[FormField]:
    """The form's fields, in the order GitHub shows and renders them."""
    out = [
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
            description="Satu hasil per baris: `indikator; nilai; satuan; nilai awal; tahun`. Nilai wajib "
            "berupa angka; satuan, nilai awal dan tahun boleh dikosongkan. Sebutkan sumber angka di "
            "bagian Hasil.",
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
            description=_schema_field("public_contacts").help + " Pisahkan beberapa kontak dengan koma.",
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
                f"bagian-{fold(title).replace(' ', '-')}",
                f"section:{index}",
                "textarea",
                label=SECTION_PREFIX + title + ("" if required else " (opsional)"),
                required=required,
                description=SECTION_HELP.get(title, ""),
            )
        )
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
    return out


SECTION_HELP = {
    "Latar Belakang": "Masalah apa yang dihadapi kantor Anda? Siapa yang terdampak dan seberapa besar?",
    "Langkah Pelaksanaan": "Langkah bernomor: apa yang dilakukan, oleh siapa, dengan alat apa, berapa lama. "
    "Markdown boleh dipakai; subjudul ditulis dengan `###`.",
    "Hasil": "Angka sebelum dan sesudah, dan sumber angkanya. Jangan cantumkan data pribadi pencari kerja.",
    "Pembelajaran": "Apa yang berhasil, apa yang tidak, apa yang akan Anda lakukan berbeda.",
    "Cara Mereplikasi": "Apa yang dibutuhkan kantor lain untuk meniru praktik ini?",
    "Kontak": "Kontak resmi kantor (bukan nomor pribadi) untuk kantor lain yang ingin belajar.",
    "Lampiran": "Tautan dokumen pendukung. Berkas yang diunggah di sini akan dipindahkan pengulas ke "
    "repositori.",
}


def _choices(vocab_name: str) -> str:
    return ", ".join(f"`{slug}` ({label})" for slug, label in vocabulary(vocab_name).values.items())


def label_of(ff: FormField) -> str:
    return ff.label or _schema_field(ff.target).label


def options(ff: FormField) -> list[str]:
    """Dropdown options as the form shows them (and as GitHub renders the chosen ones)."""
    if ff.target == "region.province":
        return [NATIONAL] + [p.name for p in regions().provinces]
    f = _schema_field(ff.target)
    vocab = vocabulary((f.items or f).vocabulary)
    return [f"{label} ({slug})" for slug, label in vocab.values.items()]


# ---------------------------------------------------------------------------------------------
# The form (YAML)
# ---------------------------------------------------------------------------------------------

INTRO = (
    "Terima kasih telah berbagi praktik baik! Isian ini akan diubah otomatis menjadi berkas praktik "
    "dan *pull request*. Bila ada isian yang perlu diperbaiki, kami akan menjelaskannya di komentar; "
    "perbaiki dengan **menyunting isu ini** (menu ··· › *Edit*), dan *pull request* ikut diperbarui.\n\n"
    "Panduan lengkap: `CONTRIBUTING.md` di repositori ini. Isian bertanda * wajib diisi."
)


def _description(ff: FormField) -> str:
    if ff.description:
        return ff.description
    if ff.target.startswith("section:") or ff.target == "consent":
        return ""
    return _schema_field(ff.target).help


def _placeholder(ff: FormField) -> str:
    if ff.placeholder or ff.kind not in ("input", "textarea"):
        return ff.placeholder
    if ff.target.startswith("section:"):
        return ""
    example = _schema_field(ff.target).example
    if isinstance(example, list):
        return ", ".join(map(str, example))
    return "" if example is None else str(example)


def form_data() -> dict[str, Any]:
    """The issue form as a mapping (GitHub issue-form syntax)."""
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": INTRO}}]
    for ff in form_fields():
        attrs: dict[str, Any] = {"label": label_of(ff)}
        desc = _description(ff)
        if desc:
            attrs["description"] = desc
        if ff.kind == "dropdown":
            attrs["multiple"] = ff.multiple
            attrs["options"] = options(ff)
            if ff.target == "language":
                attrs["default"] = 0
        elif ff.kind == "checkboxes":
            attrs["options"] = [{"label": text, "required": True} for text in CONSENT]
        else:
            ph = _placeholder(ff)
            if ph:
                attrs["placeholder"] = ph
        element: dict[str, Any] = {"type": ff.kind, "id": ff.id, "attributes": attrs}
        if ff.kind != "checkboxes":
            element["validations"] = {"required": ff.required}
        body.append(element)
    return {
        "name": "Praktik baru",
        "description": "Ajukan praktik baik Pengantar Kerja untuk Lumbung Praktik (tanpa perlu git).",
        "title": "[Praktik baru]: ",
        "labels": [LABEL],
        "body": body,
    }


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def render_issue_form() -> str:
    """The text of .github/ISSUE_TEMPLATE/praktik-baru.yml."""
    head = (
        "# Generated from tools/lumbung/data/schema.yaml and the vocabularies by\n"
        "# `python tools/scripts/gen_contrib.py`; do not edit by hand (a test compares them).\n"
    )
    return head + yaml.dump(form_data(), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


# ---------------------------------------------------------------------------------------------
# Problems
# ---------------------------------------------------------------------------------------------

MESSAGES = {
    "F100": (
        "isi isu bukan dari formulir 'Praktik baru' (tidak ada judul isian '### ...' yang dikenal)",
        "the issue body is not from the 'Praktik baru' form (no known '### ...' field heading)",
    ),
    "F101": ("isian wajib kosong", "required field is empty"),
    "F102": ("pilihan '{value}' tidak dikenal", "choice '{value}' is not known"),
    "F103": ("format baris harus '{format}'", "the line must have the form '{format}'"),
    "F104": ("{what} '{value}' bukan angka", "{what} '{value}' is not a number"),
    "F105": ("pernyataan belum dicentang: {value}", "statement not ticked: {value}"),
    "F106": ("isian ini wajib bila '{other}' diisi", "this field is required when '{other}' is filled in"),
    "F107": ("berkas {path} sudah ada", "file {path} already exists"),
}
HINTS = {
    "did_you_mean": ("maksud Anda '{value}'?", "did you mean '{value}'?"),
    "options": ("pilihan: {values}", "choices: {values}"),
    "semicolon": (
        "pisahkan bagian-bagian baris dengan titik koma (;)",
        "separate the parts of a line with semicolons (;)",
    ),
    "number": ("tulis angka saja, misalnya 312 atau 12,5", "write a plain number, e.g. 312 or 12.5"),
    "tick": ("centang kotaknya: ubah '- [ ]' menjadi '- [X]'", "tick the box: change '- [ ]' to '- [X]'"),
    "new_title": ("ganti judul praktik agar id-nya berbeda", "change the title so the id differs"),
    "help": ("{text}", "{text}"),
    "form": ("buat isu baru lewat formulir 'Praktik baru'", "open a new issue with the 'Praktik baru' form"),
    "province": (
        "tulis nama resmi provinsi, misalnya 'Sumatera Selatan', atau 'Nasional'",
        "write the official province name, e.g. 'Sumatera Selatan', or 'Nasional'",
    ),
}


@dataclass
class Problem:
    """A problem in a submitted form, tied to the field (by its label) that fixes it."""

    code: str
    field: str  # the form label, e.g. "Tema"
    line: int | None = None  # line within a text area, 1-based, when it matters
    params: dict[str, Any] = field(default_factory=dict)
    hints: tuple[tuple[str, dict[str, Any]], ...] = ()
    severity: str = "error"
    diagnostic: Any = None  # the validator's Diagnostic, for problems found by the core checks

    def message(self, lang: str = "id") -> str:
        if self.diagnostic is not None:
            return self.diagnostic.message(lang)
        return MESSAGES[self.code][lang == "en"].format(**self.params)

    def hint(self, lang: str = "id") -> str:
        if not self.hints and self.diagnostic is not None:
            text = self.diagnostic.hint(lang)
            for target, label in _KEY_LABELS.items():  # name form fields, not YAML keys
                text = re.sub(rf"\b{target}\b", f"'{label}'", text)
            return text
        parts = [HINTS[key][lang == "en"].format(**params) for key, params in self.hints]
        return " ".join(
            p if p.endswith(("?", ".", ":")) or i == len(parts) - 1 else p + ";" for i, p in enumerate(parts)
        )

    def where(self, lang: str = "id") -> str:
        if self.line is None:
            return self.field
        return f"{self.field}, {'baris' if lang == 'id' else 'line'} {self.line}"


# YAML keys that hints may name, and the form label a contributor sees instead.
_KEY_LABELS = {"public_contacts": "Kontak publik"}

# ---------------------------------------------------------------------------------------------
# Reading a rendered issue body
# ---------------------------------------------------------------------------------------------


def split_answers(body: str) -> dict[str, str]:
    """Answer text by form label: GitHub renders each answer under a `### Label` heading.

    Only headings that are labels of the form start a new answer, so a contributor's own `###`
    subheadings inside a text area stay part of that answer.
    """
    labels = {label_of(ff) for ff in form_fields()}
    answers: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        m = re.match(r"^###[ \t]+(.+?)[ \t]*$", line)
        if m and m.group(1) in labels and m.group(1) not in answers:
            current = answers[m.group(1)] = []
        elif current is not None:
            current.append(line)
    out = {}
    for label, lines in answers.items():
        text = "\n".join(lines).strip("\n")
        out[label] = "" if text.strip() == NO_RESPONSE else text
    return out


def _lookup(vocab_name: str) -> dict[str, str]:
    """Folded option text, slug or label -> slug."""
    table: dict[str, str] = {}
    for slug, label in vocabulary(vocab_name).values.items():
        table[fold(f"{label} ({slug})")] = slug
        table[fold(slug)] = slug
        table[fold(label)] = slug
        if vocab_name == "levels":  # "Ahli Muda" for "Pengantar Kerja Ahli Muda"
            table[fold(label.replace("Pengantar Kerja ", ""))] = slug
    return table


def _province_lookup() -> dict[str, str]:
    table = {fold(NATIONAL): NATIONAL}
    for p in regions().provinces:
        for name in (p.name, *p.aliases):
            table[fold(name)] = p.name
    return table


def _unknown(label: str, value: str, candidates: dict[str, str], option_list: list[str]) -> Problem:
    near = closest(value, option_list, cutoff=0.6)
    if near is None:
        slug = closest(value, sorted(set(candidates.values())), cutoff=0.6)
        near = next((o for o in option_list if o == slug or o.endswith(f"({slug})")), None) if slug else None
    hints: list[tuple[str, dict]] = [("did_you_mean", {"value": near})] if near else []
    slugs = sorted(set(candidates.values()), key=list(candidates.values()).index)
    if len(slugs) <= 12:  # when editing the issue there is no dropdown: name the accepted values
        hints.append(("options", {"values": ", ".join(slugs)}))
    else:
        hints.append(("province", {}))
    return Problem("F102", label, params={"value": value}, hints=tuple(hints))


def _choices_of(text: str, table: dict[str, str]) -> tuple[list[str], list[str]]:
    """Known values and unknown pieces of a dropdown answer ("a, b"), tolerant of hand edits."""
    found, unknown = [], []
    for chunk in re.split(r"[\n;]", text):
        tokens = [t.strip() for t in chunk.split(",")]
        i = 0
        while i < len(tokens):
            for j in range(len(tokens), i, -1):  # option texts may themselves contain commas
                key = fold(", ".join(tokens[i:j]))
                if key in table:
                    found.append(table[key])
                    i = j
                    break
            else:
                if tokens[i].strip("-* "):
                    unknown.append(tokens[i].strip("-* "))
                i += 1
    return found, unknown


NUMBER_RE = re.compile(r"^[+-]?\d[\d.,]*$")


def parse_number(text: str) -> float | int | None:
    """An Indonesian or English written number: 312, 1.250 (ribuan), 12,5, 1.250,75, 1,250.75."""
    t = text.strip().replace(" ", "").rstrip("%")
    if not NUMBER_RE.match(t):
        return None
    if "," in t and "." in t:
        decimal = "," if t.rfind(",") > t.rfind(".") else "."
        t = t.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in t:
        t = t.replace(",", ".") if t.count(",") == 1 else t.replace(",", "")
    elif t.count(".") > 1 or re.match(r"^[+-]?\d{1,3}\.\d{3}$", t):
        t = t.replace(".", "")  # Indonesian thousands separators
    try:
        value = float(t)
    except ValueError:
        return None
    return int(value) if value.is_integer() and "." not in t else value


def _lines(text: str) -> list[tuple[int, str]]:
    return [(n, ln.strip()) for n, ln in enumerate(text.split("\n"), start=1) if ln.strip().strip("-* ")]


def _list_items(text: str) -> list[str]:
    items = []
    for piece in re.split(r"[,\n;]", text):
        piece = piece.strip().strip("-* ").strip()
        if piece and piece not in items:
            items.append(piece)
    return items


FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


def _section_text(text: str) -> str:
    """A text area as section content: `#`/`##` headings become `###` so they stay inside the section."""
    out, fence = [], None
    for line in text.split("\n"):
        m = FENCE_RE.match(line)
        if fence is None and m:
            fence = m.group(1)[0]
        elif fence is not None and m and m.group(1)[0] == fence:
            fence = None
        elif fence is None:
            line = re.sub(r"^#{1,2}(?=[ \t])", "###", line)
        out.append(line.rstrip())
    return "\n".join(out).strip("\n")


@dataclass
class ParsedIssue:
    values: dict[str, Any]
    sections: list[tuple[str, str, str]]  # (title in the practice's language, form label, text)
    problems: list[Problem]
    item_lines: dict[str, list[int]] = field(default_factory=dict)  # list field -> text-area line per item

    @property
    def title(self) -> str | None:
        value = self.values.get("title")
        return value if isinstance(value, str) and value else None

    @property
    def province(self) -> str | None:
        return (self.values.get("region") or {}).get("province")


def parse_issue(body: str, today: dt.date) -> ParsedIssue:
    """Front-matter values, body sections and problems from a rendered issue body."""
    answers = split_answers(body or "")
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    if not answers:
        return ParsedIssue(values, [], [Problem("F100", "", hints=(("form", {}),))])
    by_target = {ff.target: ff for ff in form_fields()}

    def get(target: str) -> tuple[str, str]:
        ff = by_target[target]
        text = answers.get(label_of(ff), "").strip()
        if ff.required and not text:
            help_text = _description(ff)
            problems.append(
                Problem("F101", label_of(ff), hints=(("help", {"text": help_text}),) if help_text else ())
            )
        return label_of(ff), text

    def one_line(target: str) -> str | None:
        _, text = get(target)
        return " ".join(text.split()) or None

    def choose(target: str, vocab_name: str, multiple: bool) -> Any:
        label, text = get(target)
        if not text:
            return None
        table = _lookup(vocab_name)
        found, unknown = _choices_of(text, table)
        for value in unknown:
            problems.append(_unknown(label, value, table, options(by_target[target])))
        if multiple:
            return list(dict.fromkeys(found)) or None
        return found[0] if found else None

    values["title"] = one_line("title")
    _, summary = get("summary")
    values["summary"] = " ".join(summary.split()) or None
    values["date"] = today
    values["status"] = "review"
    values["themes"] = choose("themes", "themes", True)
    region: dict[str, Any] = {}
    label, text = get("region.province")
    if text:
        table = _province_lookup()
        found, unknown = _choices_of(text, table)
        if found:
            region["province"] = found[0]
        else:
            problems.append(_unknown(label, text, table, options(by_target["region.province"])))
    region["regency"] = one_line("region.regency")
    values["region"] = region
    values["office"] = one_line("office")
    item_lines: dict[str, list[int]] = {}
    values["authors"] = _authors(*get("authors"), problems, item_lines.setdefault("authors", [])) or None
    start, end = one_line("period.start"), one_line("period.end")
    if end and not start:
        problems.append(
            Problem(
                "F106",
                label_of(by_target["period.start"]),
                params={"other": label_of(by_target["period.end"])},
            )
        )
    if start or end:
        values["period"] = {"start": start, "end": "berjalan" if end and fold(end) == "berjalan" else end}
    values["target_groups"] = choose("target_groups", "target-groups", True)
    values["delivery_mode"] = choose("delivery_mode", "delivery-modes", False)
    values["partners"] = _partners(*get("partners"), problems, item_lines.setdefault("partners", [])) or None
    values["outcomes"] = _outcomes(*get("outcomes"), problems, item_lines.setdefault("outcomes", [])) or None
    values["evidence_level"] = choose("evidence_level", "evidence-levels", False)
    effort = choose("replication.effort", "efforts", False)
    _, prereq = get("replication.prerequisites")
    prerequisites = [ln.strip("-* ").strip() for _, ln in _lines(prereq)]
    item_lines["replication.prerequisites"] = [n for n, _ in _lines(prereq)]
    if effort or prerequisites:
        values["replication"] = {"effort": effort, "prerequisites": prerequisites or None}
    values["replicated_from"] = (_ids(get("replicated_from")[1]) or [None])[0]
    values["related"] = _ids(get("related")[1]) or None
    values["keywords"] = _list_items(get("keywords")[1]) or None
    values["tags"] = _list_items(get("tags")[1]) or None
    values["public_contacts"] = _list_items(get("public_contacts")[1]) or None
    values["language"] = choose("language", "languages", False) or "id"
    _consent(*get("consent"), problems)

    language = values["language"] if values["language"] in schema().sections else "id"
    spec = schema().sections[language]
    titles = spec["required"] + spec["optional"]
    sections = []
    for ff in form_fields():
        if ff.target.startswith("section:"):
            label, text = get(ff.target)
            index = int(ff.target.split(":")[1])
            sections.append((titles[index], label, _section_text(text)))
    values = {k: v for k, v in values.items() if v is not None}
    values["region"] = {k: v for k, v in region.items() if v is not None}
    return ParsedIssue(values, sections, problems, item_lines)


def _authors(label: str, text: str, problems: list[Problem], lines: list[int]) -> list[dict]:
    out = []
    table = _lookup("levels")
    for n, line in _lines(text):
        parts = [p.strip() for p in line.strip("-* ").split(";")]
        if len(parts) > 3 or not parts[0]:
            problems.append(
                Problem("F103", label, n, {"line": n, "format": "Nama; jenjang; surel"}, (("semicolon", {}),))
            )
            continue
        author: dict[str, Any] = {"name": parts[0]}
        level = parts[1] if len(parts) > 1 else ""
        email = parts[2] if len(parts) > 2 else ""
        if level and "@" in level and not email:  # "Nama; surel" without a level
            level, email = "", level
        if level:
            if fold(level) in table:
                author["level"] = table[fold(level)]
            else:
                p = _unknown(label, level, table, list(vocabulary("levels").values))
                p.line = n
                problems.append(p)
        if email:
            author["email"] = email
        out.append(author)
        lines.append(n)
    return out


def _partners(label: str, text: str, problems: list[Problem], lines: list[int]) -> list[dict]:
    out = []
    table = _lookup("partner-types")
    allowed = ", ".join(vocabulary("partner-types").values)
    for n, line in _lines(text):
        parts = [p.strip() for p in line.strip("-* ").split(";")]
        if len(parts) != 2 or not parts[0] or not parts[1]:
            problems.append(
                Problem(
                    "F103",
                    label,
                    n,
                    {"line": n, "format": "Nama; jenis"},
                    (("semicolon", {}), ("options", {"values": allowed})),
                )
            )
            continue
        if fold(parts[1]) not in table:
            p = _unknown(label, parts[1], table, list(vocabulary("partner-types").values))
            p.line = n
            problems.append(p)
            continue
        out.append({"name": parts[0], "type": table[fold(parts[1])]})
        lines.append(n)
    return out


def _outcomes(label: str, text: str, problems: list[Problem], lines: list[int]) -> list[dict]:
    out = []
    names = ("indicator", "value", "unit", "baseline", "year")
    what = {"value": "nilai", "baseline": "nilai awal", "year": "tahun"}
    for n, line in _lines(text):
        parts = [p.strip() for p in line.strip("-* ").split(";")]
        if len(parts) < 2 or len(parts) > 5 or not parts[0] or not parts[1]:
            problems.append(
                Problem(
                    "F103",
                    label,
                    n,
                    {"line": n, "format": "indikator; nilai; satuan; nilai awal; tahun"},
                    (("semicolon", {}),),
                )
            )
            continue
        item: dict[str, Any] = {"indicator": parts[0]}
        ok = True
        for key, raw in zip(names[1:], parts[1:], strict=False):
            if not raw:
                continue
            if key == "unit":
                item["unit"] = raw
                continue
            number = parse_number(raw)
            if number is None or (key == "year" and not isinstance(number, int)):
                problems.append(
                    Problem("F104", label, n, {"line": n, "what": what[key], "value": raw}, (("number", {}),))
                )
                ok = False
                continue
            item[key] = number
            if key == "value" and raw.strip().endswith("%") and "unit" not in item and len(parts) < 3:
                item["unit"] = "persen"
        if ok:
            out.append(item)
            lines.append(n)
    return out


def _ids(text: str) -> list[str]:
    """Practice ids; a pasted page URL or file path counts as its last segment."""
    out = []
    for item in _list_items(text):
        item = re.sub(r"(\.md|\.html|/index\.html)$", "", item.rstrip("/"))
        item = item.rsplit("/", 1)[-1]
        if item and item not in out:
            out.append(item)
    return out


def _consent(label: str, text: str, problems: list[Problem]) -> None:
    if not text:
        return  # F101 already reported
    boxes = re.findall(r"^\s*[-*]\s*\[([ xX])\]\s*(.*)$", text, re.M)
    ticked = [fold(t) for mark, t in boxes if mark.lower() == "x"]
    for statement in CONSENT:
        key = fold(statement)[:40]
        if not any(t.startswith(key) for t in ticked):
            short = re.sub(r"\*\*", "", statement).split(" (")[0].rstrip(".")
            problems.append(Problem("F105", label, params={"value": short}, hints=(("tick", {}),)))


# ---------------------------------------------------------------------------------------------
# The practice file, checked by the validator
# ---------------------------------------------------------------------------------------------

# Validator codes that only repeat a problem already reported against the same form field.
_CONSEQUENCES = {"E201", "E211", "E301", "E303"}


@dataclass
class Conversion:
    """The outcome of turning an issue into a practice file."""

    relpath: str
    practice_id: str
    text: str
    problems: list[Problem]
    written: bool = False

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def render_practice(parsed: ParsedIssue) -> str:
    """The practice file text: front matter without guidance comments, then the sections."""
    from .generate import render_front_matter

    spec = schema().sections[parsed.values.get("language", "id")]
    parts = []
    for title, _label, text in parsed.sections:
        if text or title in spec["required"]:
            parts.append(f"## {title}\n\n" + (f"{text}\n" if text else ""))
    return render_front_matter(parsed.values, with_guidance=False) + "\n" + "\n".join(parts)


def field_label(path: str | None) -> str | None:
    """The form label for a validator field path such as 'outcomes[1].value' (None if not on the form)."""
    key = re.sub(r"\[\d+\]", "", path or "")
    by_target = {ff.target: ff for ff in form_fields()}
    while key:
        if key in by_target:
            return label_of(by_target[key])
        key = key.rpartition(".")[0]
    return None


def _section_label(text: str, line: int | None, parsed: ParsedIssue) -> str | None:
    """The form label of the body section that holds file line `line`."""
    if not line:
        return None
    heading = None
    for ln in text.split("\n")[:line]:
        if ln.startswith("## "):
            heading = ln[3:].strip()
    return next((label for title, label, _ in parsed.sections if title == heading), None)


# Hints that speak of files, YAML or the command line, which mean nothing in an issue form.
_FILE_HINTS = {"see_command", "move_file", "quote_it", "rename_id", "remove_before", "header_start"}


def _from_diagnostic(d, text: str, parsed: ParsedIssue) -> Problem:
    label = field_label(d.field) or _section_label(text, d.line, parsed)
    line = None
    m = re.match(r"^([a-z_.]+?)\[(\d+)\]", d.field or "")
    if m and m.group(1) in parsed.item_lines:  # an item of a text area: name its line
        items, index = parsed.item_lines[m.group(1)], int(m.group(2))
        line = items[index] if index < len(items) else None
    hints: tuple = ()
    if d.code in ("E107", "E401", "E218") and not d.field:
        label = label_of(form_fields()[0])
        hints = (("new_title", {}),) if d.code == "E401" else ()
    d = dataclasses.replace(d, hints=tuple(h for h in d.hints if h.key not in _FILE_HINTS))
    return Problem(d.code, label or "", line, severity=d.severity, hints=hints, diagnostic=d)


def convert(body: str, root, today: dt.date, overwrite: bool = False) -> Conversion:
    """Parse an issue body and check the practice it becomes, as if it were in the library at `root`.

    Nothing is written: the caller writes `text` to `root / relpath` when it wants to.
    """
    import tempfile
    from pathlib import Path

    from .checks import check_library
    from .loader import Loader, load_file
    from .schema import suggest_id
    from .vocabulary import province_slug

    parsed = parse_issue(body, today)
    problems = list(parsed.problems)
    pid = suggest_id(parsed.title) if parsed.title else "praktik-baru"
    slug = province_slug(parsed.province or "") or regions().national_slug
    relpath = f"practices/{slug}/{pid}.md"
    text = render_practice(parsed)
    root = Path(root)
    if (root / relpath).exists() and not overwrite:
        problems.append(
            Problem("F107", label_of(form_fields()[0]), params={"path": relpath}, hints=(("new_title", {}),))
        )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / relpath
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
        practice = load_file(path, Path(tmp), today)
    others = [p for p in Loader(root).load(today=today).practices if p.relpath != relpath]
    cross = [
        d
        for d in check_library(others + [practice])
        if d.path == relpath or relpath in (str(v) for v in d.params.values())
    ]
    seen = {p.field for p in problems}
    for d in practice.diagnostics + cross:
        problem = _from_diagnostic(d, text, parsed)
        if d.code in _CONSEQUENCES and problem.field in seen:
            continue
        problems.append(problem)
    order = {label_of(ff): i for i, ff in enumerate(form_fields())}
    problems.sort(key=lambda p: (order.get(p.field, -1), p.line or 0))
    return Conversion(relpath, pid, text, problems)


# ---------------------------------------------------------------------------------------------
# Reports: terminal text and the issue comment
# ---------------------------------------------------------------------------------------------

REPORT = {
    "id": {
        "written": "Berkas ditulis: {path}",
        "bad": "galat: isian isu belum lolos pemeriksaan; {path} {state}",
        "kept": "tetap ditulis (--keep-invalid)",
        "not_written": "tidak ditulis",
        "fix": "Cara memperbaiki: sunting isu (menu ··· > Edit), ubah teks di bawah judul isian yang disebut "
        '("### Judul isian"), lalu simpan; pemeriksaan berjalan ulang otomatis.',
        "count": "{n} masalah: {errors} galat, {warnings} peringatan",
        "warning": "peringatan: ",
    },
    "en": {
        "written": "File written: {path}",
        "bad": "error: the issue does not pass the checks yet; {path} {state}",
        "kept": "written anyway (--keep-invalid)",
        "not_written": "not written",
        "fix": "How to fix: edit the issue (menu ··· > Edit), change the text under the field headings named "
        'above ("### Field"), then save; the checks run again automatically.',
        "count": "{n} problems: {errors} errors, {warnings} warnings",
        "warning": "warning: ",
    },
}


def report_text(result: Conversion, lang: str = "id") -> str:
    """What `lumbung from-issue` prints: the file written, or each problem with its form field."""
    t = REPORT[lang]
    out = []
    if result.ok:
        out.append(t["written"].format(path=result.relpath) if result.written else result.relpath)
    else:
        state = t["kept"] if result.written else t["not_written"]
        out.append(t["bad"].format(path=result.relpath, state=state))
    for p in result.problems:
        where = f"{p.where(lang)}: " if p.field else ""
        label = t["warning"] if p.severity != "error" else ""
        out.append(f"{where}{label}{p.message(lang)} [{p.code}]")
        if p.hint(lang):
            out.append(f"  {word('hint', lang)}: {p.hint(lang)}")
    if result.problems:
        errors = sum(p.severity == "error" for p in result.problems)
        out.append(
            t["count"].format(n=len(result.problems), errors=errors, warnings=len(result.problems) - errors)
        )
    if not result.ok:
        out.append(t["fix"])
    return "\n".join(out) + "\n"


def report_json(result: Conversion, lang: str = "id") -> dict[str, Any]:
    return {
        "ok": result.ok,
        "path": result.relpath,
        "id": result.practice_id,
        "written": result.written,
        "problems": [
            {
                "field": p.field or None,
                "line": p.line,
                "code": p.code,
                "severity": p.severity,
                "message": p.message(lang),
                "hint": p.hint(lang) or None,
            }
            for p in result.problems
        ],
    }


COMMENT_MARKER = "<!-- lumbung-from-issue -->"


def _md(text: str) -> str:
    """Contributor text made inert in a comment: no Markdown, HTML or @mentions."""
    text = re.sub(r"([\\`*_\[\]<>|#!~])", r"\\\1", " ".join(str(text).split()))
    return text.replace("@", "@\u2060")


def issue_comment(result: Conversion) -> str:
    """The Indonesian comment for the issue when its practice does not pass the checks."""
    errors = [p for p in result.problems if p.severity == "error"]
    lines = [
        COMMENT_MARKER,
        "### Isian perlu diperbaiki",
        "",
        f"Terima kasih atas tulisan Anda! Sebelum menjadi *pull request*, ada **{len(errors)}** hal yang "
        "perlu diperbaiki:",
        "",
    ]
    for n, p in enumerate(result.problems, start=1):
        where = f"**{_md(p.where('id'))}**: " if p.field else ""
        kind = "peringatan: " if p.severity != "error" else ""
        lines.append(f"{n}. {where}{kind}{_md(p.message('id'))} ({p.code})")
        if p.hint("id"):
            lines.append(f"   Petunjuk: {_md(p.hint('id'))}")
    lines += [
        "",
        "**Cara memperbaiki:** buka menu **···** di kanan atas isu ini, pilih **Edit**, ubah teks di bawah "
        "judul isian yang disebut di atas (misalnya `### Tema`), lalu simpan. Pemeriksaan berjalan ulang "
        "otomatis dan komentar ini diperbarui.",
    ]
    return "\n".join(lines) + "\n"
