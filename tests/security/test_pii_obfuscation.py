"""Every obfuscated NIK, phone number and e-mail address of `piigen`, in every place, is stopped with an
exact diagnostic: file, line, field, code, the masked value, and a hint that never echoes the data."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from piigen import BODY_PLACES, HEADER_PLACES, VALUES, Value, practice_with, variants

from lumbung.formats.frontmatter import parse
from lumbung.rules.privacy import check_privacy, scan_attachment

RELPATH = "practices/sumatera-selatan/bursa-kerja-desa.md"


def _pii(diags) -> list[tuple]:
    return [(d.path, d.line, d.field, d.code, d.params.get("masked")) for d in diags if d.code[:3] == "E50"]


def _leaks(value: Value, diags) -> list[str]:
    """Rendered messages and hints that show the full value (or its national digits)."""
    secret = value.text.lower()
    out = []
    for d in diags:
        for lang in ("id", "en"):
            text = (d.message(lang) + " " + d.hint(lang)).lower()
            if secret in text or secret.replace("@", "") in text.replace("@", ""):
                out.append(text)
    return out


def practice_cases() -> list[tuple[Value, str, str, str]]:
    return [
        (value, place, name, text)
        for value in VALUES
        for place in (*HEADER_PLACES, *BODY_PLACES)
        for name, text in variants(value, body=place in BODY_PLACES)
        if not (place == "HTML comment" and "<!--" in text)  # a comment ends at the first -->
    ]


def check_practice(value: Value, place: str, text: str) -> str | None:
    """None if the variant is stopped exactly as expected, else what happened."""
    source, line, field = practice_with(place, text)
    diags = check_privacy(RELPATH, parse(source, RELPATH))
    got = _pii(diags)
    want = [(RELPATH, line, field, value.code, value.masked)]
    if got != want:
        return f"got {got}"
    if _leaks(value, diags):
        return "message or hint shows the value"
    return None


# -- attachments ------------------------------------------------------------------------------------


def _docx(text: str) -> bytes:
    half = len(text) // 2  # Word splits a paragraph into runs anywhere: the value is split across two
    runs = "".join(
        f'<w:r><w:t xml:space="preserve">{_xml(t)}</w:t></w:r>' for t in (text[:half], text[half:])
    )
    return _zip(
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>Peserta</w:t></w:r></w:p><w:p>{runs}</w:p></w:body></w:document>",
        }
    )


def _xlsx(text: str) -> bytes:
    return _zip(
        {
            "[Content_Types].xml": "<Types/>",
            "xl/workbook.xml": "<workbook/>",
            "xl/sharedStrings.xml": '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<si><t>Nama</t></si><si><t>{_xml(text)}</t></si></sst>",
        }
    )


ODF = "urn:oasis:names:tc:opendocument:xmlns"


def _odt(text: str) -> bytes:
    return _zip(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": f'<office:document-content xmlns:office="{ODF}:office:1.0"'
            f' xmlns:text="{ODF}:text:1.0"><office:body><office:text>'
            f"<text:p>Peserta</text:p><text:p>{_xml(text)}</text:p></office:text></office:body>"
            "</office:document-content>",
        }
    )


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _zip(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


# kind -> (file name, content maker, expected line, expected field)
ATTACHMENTS = {
    "txt": ("catatan.txt", lambda t: f"Catatan\n\nPeserta: {t}\n".encode(), 3, None),
    "csv": ("peserta.csv", lambda t: f'nama,kontak\nRina,"{t}"\n'.encode(), 2, "B2"),
    "docx": ("laporan.docx", _docx, None, "word/document.xml"),
    "xlsx": ("data.xlsx", _xlsx, None, "xl/sharedStrings.xml"),
    "odt": ("laporan.odt", _odt, None, "content.xml"),
}


def attachment_cases() -> list[tuple[Value, str, str, str]]:
    return [
        (value, kind, name, text)
        for value in VALUES
        for kind in ATTACHMENTS
        for name, text in variants(value, body=kind == "txt")
        if not (kind == "csv" and '"' in text)
    ]


def check_attachment(value: Value, kind: str, text: str, folder: Path) -> str | None:
    name, make, line, field = ATTACHMENTS[kind]
    path = folder / name
    path.write_bytes(make(text))
    rel = f"practices/bali/{name}"
    diags = scan_attachment(path, rel)
    got = _pii(diags)
    if got != [(rel, line, field, value.code, value.masked)]:
        return f"got {got} {[d.params for d in diags if d.code[:3] != 'E50']}"
    if _leaks(value, diags):
        return "message or hint shows the value"
    return None


def name_cases() -> list[tuple[Value, str, str]]:
    out = []
    for value in VALUES:
        plain = value.text
        for shape in ("ktp-{v}.jpg", "{v}.png", "ktp_{v}.pdf", "scan{v}.jpg", "{v}/foto.jpg", "data {v}.csv"):
            out.append((value, shape, shape.format(v=plain)))
    return out


def run_all(tmp: Path | None = None) -> tuple[int, list[str]]:
    """Every variant in every place; (how many tried, descriptions of the ones not stopped exactly)."""
    import tempfile

    missed: list[str] = []
    tried = 0
    for value, place, name, text in practice_cases():
        tried += 1
        problem = check_practice(value, place, text)
        if problem:
            missed.append(f"{value.kind} {value.text} / {place} / {name}: {problem}")
    with tempfile.TemporaryDirectory() as folder:
        for value, kind, name, text in attachment_cases():
            tried += 1
            problem = check_attachment(value, kind, text, Path(folder))
            if problem:
                missed.append(f"{value.kind} {value.text} / {kind} / {name}: {problem}")
        for value, shape, rel in name_cases():
            tried += 1
            got = _pii(scan_name_only(f"practices/bali/{rel}"))
            if [(c, _domain(m)) for _, _, _, c, m in got] != [(value.code, _domain(value.masked))]:
                missed.append(f"{value.kind} {value.text} / file name {shape}: got {got}")
    return tried, missed


def scan_name_only(relpath: str):
    from lumbung.rules.privacy import scan_name

    return scan_name(relpath)


@pytest.mark.parametrize("value", VALUES, ids=lambda v: v.text)
def test_every_variant_in_every_practice_place_is_stopped(value: Value) -> None:
    cases = [c for c in practice_cases() if c[0] is value]
    missed = [(place, name, check_practice(value, place, text)) for _, place, name, text in cases]
    missed = [m for m in missed if m[2]]
    assert len(cases) > 300
    assert missed == []


@pytest.mark.parametrize("value", VALUES, ids=lambda v: v.text)
def test_every_variant_in_every_attachment_is_stopped(value: Value, tmp_path: Path) -> None:
    cases = [c for c in attachment_cases() if c[0] is value]
    missed = [(kind, name, check_attachment(value, kind, text, tmp_path)) for _, kind, name, text in cases]
    missed = [m for m in missed if m[2]]
    assert len(cases) > 150
    assert missed == []


def _domain(masked: str) -> str:
    """A masked value as a name shows it: an address glued to a word (scanrina@...) keeps its domain."""
    return masked.partition("@")[2] or masked


def test_personal_data_in_file_and_folder_names() -> None:
    for value, shape, rel in name_cases():
        got = [
            (p, line, f, c, _domain(m)) for p, line, f, c, m in _pii(scan_name_only(f"practices/bali/{rel}"))
        ]
        assert got == [(f"practices/bali/{rel}", None, None, value.code, _domain(value.masked))], shape
