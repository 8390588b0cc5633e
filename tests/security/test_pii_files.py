"""Personal data beyond the text of a practice: numbers in the header, photo metadata (EXIF, XMP, PNG
text), office documents read within bounds (ZIP bombs, entity declarations), PDFs, and the hidden
characters the reader's view drops."""

from __future__ import annotations

import io
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from lumbung.formats import attachments
from lumbung.formats.frontmatter import parse
from lumbung.rules.pii import find_pii
from lumbung.rules.privacy import check_privacy, scan_attachment
from lumbung.text.readerview import reader_view

REL = "practices/bali/foto.jpg"


def _codes(diags) -> list[tuple]:
    return [(d.code, d.field, dict(d.params)) for d in diags]


def _jpeg(exif: Image.Exif | None = None, **save) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buf, "JPEG", exif=exif.tobytes() if exif else b"", **save)
    return buf.getvalue()


def _gps_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (2.0, 59.0, 30.5), 3: "E", 4: (104.0, 45.0, 10.0)}
    return exif


def scan(tmp_path: Path, name: str, data: bytes) -> list:
    path = tmp_path / name
    path.write_bytes(data)
    return scan_attachment(path, f"practices/bali/{name}")


# -- photos ------------------------------------------------------------------------------------------


def test_a_photo_with_a_gps_position_is_refused_with_a_way_to_remove_it(tmp_path: Path) -> None:
    diags = scan(tmp_path, "foto.jpg", _jpeg(_gps_exif()))
    assert _codes(diags) == [("E505", None, {"where": "EXIF"})]
    assert diags[0].message() == "foto memuat lokasi GPS di metadatanya (EXIF)"
    hint = diags[0].hint()
    assert "tanpa data lokasi" in hint and "exiftool -all=" in hint and "Hapus Properti" in hint


def test_an_empty_gps_block_is_not_a_location(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x8825] = {0: b"\x02\x02\x00\x00"}  # GPSVersionID only: location was off
    assert scan(tmp_path, "foto.jpg", _jpeg(exif)) == []


@pytest.mark.parametrize(("tag", "label"), [(0x013B, "Artist"), (0x9C9D, "XPAuthor")])
def test_a_person_named_in_the_photo_metadata_is_refused(tmp_path: Path, tag: int, label: str) -> None:
    exif = Image.Exif()
    exif[tag] = "Budi Santoso" if tag == 0x013B else "Budi Santoso".encode("utf-16-le")
    assert _codes(scan(tmp_path, "foto.jpg", _jpeg(exif))) == [("E506", None, {"tag": label})]


def test_personal_data_in_a_photo_description_is_found(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x010E] = "Ibu Rina 0812-3456-7890"
    assert _codes(scan(tmp_path, "foto.jpg", _jpeg(exif))) == [("E502", None, {"masked": "0812****7890"})]


def test_xmp_location_and_creator(tmp_path: Path) -> None:
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="2,59.5S"'
        b' exif:GPSLongitude="104,45E"><dc:creator><rdf:Seq><rdf:li>Budi</rdf:li></rdf:Seq></dc:creator>'
        b"</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    diags = scan(tmp_path, "foto.jpg", _jpeg(xmp=xmp))
    assert _codes(diags) == [("E505", None, {"where": "XMP"}), ("E506", None, {"tag": "dc:creator"})]


def test_png_and_webp_metadata(tmp_path: Path) -> None:
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Siti")
    text.add_text("Comment", "NIK 3171012301900001")
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "PNG", pnginfo=text)
    assert _codes(scan(tmp_path, "foto.png", buf.getvalue())) == [
        ("E501", None, {"masked": "3171********0001"}),
        ("E506", None, {"tag": "Author"}),
    ]
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "WEBP", exif=_gps_exif().tobytes())
    assert _codes(scan(tmp_path, "foto.webp", buf.getvalue())) == [("E505", None, {"where": "EXIF"})]


def test_clean_photos_pass(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Samsung", "SM-A515F"  # camera make and model are not personal
    assert scan(tmp_path, "foto.jpg", _jpeg(exif)) == []
    buf = io.BytesIO()
    Image.new("P", (8, 8)).save(buf, "GIF")
    assert scan(tmp_path, "foto.gif", buf.getvalue()) == []


def _segment(marker: bytes, payload: bytes) -> bytes:
    return marker + (len(payload) + 2).to_bytes(2, "big") + payload


NIK_TEXT = b"NIK 3273014709880005"
NIK_FOUND = [("E501", None, {"masked": "3273********0005"})]


def _exif(tag: int, value) -> Image.Exif:
    exif = Image.Exif()
    exif[tag] = value
    return exif


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(_jpeg(_exif(0x0131, "3273014709880005")), id="EXIF Software"),
        pytest.param(_jpeg(_exif(0xA420, "3273014709880005")), id="EXIF ImageUniqueID"),
        pytest.param(_jpeg()[:2] + _segment(b"\xff\xe5", NIK_TEXT) + _jpeg()[2:], id="APP5 segment"),
        pytest.param(
            _jpeg()[:-2] + _segment(b"\xff\xfe", NIK_TEXT) + b"\xff\xd9", id="comment after the pixels"
        ),
        pytest.param(
            _jpeg()[:2]
            + _segment(
                b"\xff\xe1",
                b"http://ns.adobe.com/xap/1.0/\0"
                b"<x:xmpmeta><rdf:Description a:b='3273014709880005'/></x:xmpmeta>",
            )
            + _jpeg()[2:],
            id="XMP attribute value",
        ),
        pytest.param(
            _jpeg()[:2]
            + _segment(b"\xff\xe1", b"Exif\0\0" + NIK_TEXT.decode().encode("utf-16-le"))
            + _jpeg()[2:],
            id="UTF-16 text in a segment",
        ),
    ],
)
def test_personal_data_anywhere_in_a_photo_file_is_found(tmp_path: Path, data: bytes) -> None:
    # Found by a published-site red-team run: each of these was published byte for byte before.
    assert _codes(scan(tmp_path, "foto.jpg", data)) == NIK_FOUND


@pytest.mark.parametrize(
    "member", ["word/embeddings/data.txt", "word/data.csv", "word/embeddings/oleObject1.bin"]
)
def test_personal_data_in_any_member_of_an_office_document_is_found(tmp_path: Path, member: str) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr(
            "word/document.xml", "<w:document xmlns:w='w'><w:body><w:p>Halo</w:p></w:body></w:document>"
        )
        zf.writestr(member, NIK_TEXT)
    found = _codes(scan(tmp_path, "lampiran.docx", buf.getvalue()))
    assert found == [("E501", member, {"masked": "3273********0005"})]


def test_gps_destination_is_a_location(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x8825] = {19: "S", 20: (6.0, 54.0, 0.0), 21: "E", 22: (107.0, 36.0, 0.0)}
    assert _codes(scan(tmp_path, "foto.jpg", _jpeg(exif))) == [("E505", None, {"where": "EXIF"})]


def test_real_photos_have_no_false_positives_in_their_raw_bytes(tmp_path: Path) -> None:
    # Pixel data of noisy photos saved at several qualities: no printable run looks like personal data.
    import random

    rng = random.Random(11)
    for i in range(40):
        im = Image.frombytes("RGB", (256, 256), bytes(rng.getrandbits(8) for _ in range(256 * 256 * 3)))
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=rng.choice([60, 85, 95]))
        assert scan(tmp_path, f"foto{i}.jpg", buf.getvalue()) == []


def test_a_damaged_photo_with_metadata_cannot_be_checked(tmp_path: Path) -> None:
    data = b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00" + b"\x00" * 20
    assert _codes(scan(tmp_path, "foto.jpg", data)) == [("E507", None, {"reason": "metadata-unreadable"})]


# -- documents -----------------------------------------------------------------------------------------


def _zip(members: dict[str, bytes | str], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


DOCX = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<document><p><t>Laporan</t></p></document>"}


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = {**DOCX, "word/media/data.xml": b"<a>" + b" " * (attachments.MAX_UNPACKED + 1) + b"</a>"}
    started = time.perf_counter()
    diags = scan(tmp_path, "bom.docx", _zip(bomb))
    assert _codes(diags) == [("E507", None, {"reason": "unpack-too-big"})]
    assert diags[0].message("en") == (
        "file cannot be checked for personal data: too large or too many entries once unpacked"
    )
    assert time.perf_counter() - started < 10


def test_too_many_members_is_refused(tmp_path: Path) -> None:
    many = {**DOCX, **{f"word/x{i}.xml": "<a/>" for i in range(attachments.MAX_MEMBERS)}}
    assert _codes(scan(tmp_path, "banyak.docx", _zip(many, zipfile.ZIP_STORED))) == [
        ("E507", None, {"reason": "unpack-too-big"})
    ]


def test_entity_declarations_are_refused(tmp_path: Path) -> None:
    laughs = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaaaaaaaa">]><document><t>&a;</t></document>'
    diags = scan(tmp_path, "tawa.docx", _zip({**DOCX, "word/document.xml": laughs}))
    assert _codes(diags) == [("E507", None, {"reason": "file-unreadable"})]


def test_embedded_documents_properties_links_and_photos_are_read(tmp_path: Path) -> None:
    inner = _zip(
        {
            "[Content_Types].xml": "<Types/>",
            "xl/sharedStrings.xml": "<sst><si><t>3171012301900001</t></si></sst>",
        }
    )
    rels = '<Relationships><Relationship Target="mailto:rina.susanti@gmail.com"/></Relationships>'
    props = "<coreProperties><title>Hubungi 0857-1234-5678</title></coreProperties>"
    doc = {
        **DOCX,
        "word/embeddings/Microsoft_Excel_Worksheet.xlsx": inner,
        "word/_rels/document.xml.rels": rels,
        "docProps/core.xml": props,
        "word/media/image1.jpeg": _jpeg(_gps_exif()),
    }
    got = _codes(scan(tmp_path, "lengkap.docx", _zip(doc)))
    assert got == [
        (
            "E501",
            "word/embeddings/Microsoft_Excel_Worksheet.xlsx/xl/sharedStrings.xml",
            {"masked": "3171********0001"},
        ),
        ("E503", "word/_rels/document.xml.rels", {"masked": "r***@gmail.com"}),
        ("E502", "docProps/core.xml", {"masked": "0857****5678"}),
        ("E505", "word/media/image1.jpeg", {"where": "EXIF"}),
    ]


@pytest.mark.parametrize(
    ("cell", "masked"),
    [
        ("3171012301900001", "3171********0001"),
        ("3.171012301900001E+15", "3171********0001"),
        ("81234567890", "0812****7890"),  # a spreadsheet drops the leading zero of a phone number
        ("6281234567890", "0812****7890"),
    ],
)
def test_numbers_in_spreadsheet_cells(tmp_path: Path, cell: str, masked: str) -> None:
    sheet = f'<worksheet><sheetData><row r="2"><c r="B2"><v>{cell}</v></c></row></sheetData></worksheet>'
    xlsx = {"[Content_Types].xml": "<Types/>", "xl/worksheets/sheet1.xml": sheet}
    assert [d.params["masked"] for d in scan(tmp_path, "data.xlsx", _zip(xlsx))] == [masked]
    assert [d.params["masked"] for d in scan(tmp_path, "data.csv", f"nama;hp\nRina;{cell}\n".encode())] == [
        masked
    ]


def test_ordinary_spreadsheet_numbers_pass(tmp_path: Path) -> None:
    rows = "tahun,peserta,anggaran,persen\n2024,312,1250000000,45\n2025,1500,812500000,4.5\n"
    assert scan(tmp_path, "rekap.csv", rows.encode()) == []


def test_pdf_is_refused(tmp_path: Path) -> None:
    diags = scan(tmp_path, "laporan.pdf", b"%PDF-1.7\n%%EOF\n")
    assert _codes(diags) == [("E508", None, {})]
    assert diags[0].hint().startswith("simpan sebagai DOCX, ODT, XLSX atau ODS")


# -- numbers in the header -----------------------------------------------------------------------------

HEADER = """---
title: Judul praktik yang cukup panjang
outcomes:
  - indicator: Pencari kerja
    value: {value}
    unit: {unit}
---
Isi.
"""


@pytest.mark.parametrize(
    ("value", "unit", "found"),
    [
        ("3171012301900001", "orang", [("E501", "3171********0001")]),
        ("3171012301900001.0", "orang", [("E501", "3171********0001")]),
        ("3.171012301900001e+15", "orang", [("E501", "3171********0001")]),
        ("2071012301900001", "orang", []),  # 16 digits, no region code (no province 20)
        ("6281234567890", "orang", [("E502", "0812****7890")]),
        ("81234567890", "orang", [("E502", "0812****7890")]),
        ("812345678", "rupiah", []),  # Rp 812 juta, not a phone
        ("812500000", "orang", []),  # round: an amount
        ("2024", "orang", []),
        ("1250000000", "Rp", []),
    ],
)
def test_numbers_in_the_header(value: str, unit: str, found: list) -> None:
    header = parse(HEADER.format(value=value, unit=unit), "practices/x/y.md")
    diags = check_privacy("practices/x/y.md", header)
    assert [(d.code, d.params["masked"]) for d in diags] == found
    assert all((d.line, d.field) == (5, "outcomes[0].value") for d in diags)


# -- the reader's view -----------------------------------------------------------------------------------


def test_every_format_character_is_invisible_to_the_scanner() -> None:
    """INVISIBLE is written out (building it from unicodedata at import would cost 0.2 s per run):
    it must hold every character of category Cf this Python knows."""
    missing = [
        f"U+{cp:04X}"
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) == "Cf" and reader_view("a" + chr(cp) + "b").text != "ab"
    ]
    assert missing == []
    assert reader_view("a\u034f\u3164\ufe0fb").text == "ab"  # and the fillers of other categories


def test_view_maps_back_to_source_lines() -> None:
    body = "Baris satu.\n**Ibu R.** &#48;812<sup></sup>-3456-\n7890 dan `rina&#64;gmail.com`.\n"
    found = [(f.code, body[f.start : f.end], f.masked) for f in find_pii(body)]
    assert found == [
        ("E502", "&#48;812<sup></sup>-3456-\n7890", "0812****7890"),
        ("E503", "rina&#64;gmail.com", "r***@gmail.com"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "<!--" * 20000,
        "<a " * 20000,
        "&#" * 30000,
        " " * 60000 + "[at]",
        "1 " * 30000,
        "1-" * 30000,
        "0812 " * 12000,
        "1." * 30000,
        "{:" * 30000,
        "a@" * 30000,
        "\u200b1" * 30000,
        ("3171 " * 4 + "\n") * 3000,
    ],
)
def test_scanner_is_linear_on_pathological_text(text: str) -> None:
    """Time on a pathological text stays within a bound proportional to its size: four times the text
    takes about four times as long (a quadratic pattern would take sixteen); the factor 8 and the
    slack leave room for a machine shared with other work."""

    def timed(t: str) -> float:
        best = float("inf")
        for _ in range(3):  # the best of three: a shared machine adds noise, never speed
            started = time.perf_counter()
            find_pii(t)
            best = min(best, time.perf_counter() - started)
        return best

    base = text[: len(text) // 2]
    small, large = timed(base), timed(base * 4)
    assert large < 6.0, f"{large:.2f}s"
    assert large < 8 * small + 0.3, f"{small:.3f}s -> {large:.3f}s"
