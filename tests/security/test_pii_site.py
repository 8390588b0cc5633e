"""No personal data in any file a real build writes, the site search shards included.

One clean practice beside practices that carry NIKs, phone numbers and e-mail addresses written to slip
past a scanner of the source (entities, markup inside the digits, zero-width characters, fullwidth
digits, separators, a line break). The real build refuses; every file it leaves behind is searched for
the digits, decoded as a browser would. The control builds the same project with the content checks
switched off, and the same search finds the data in the pages and in the search shards: the payloads
are live, so the clean result of the real build means something.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
from pathlib import Path

import pytest

from support.build import REFUSED, build, write_config
from support.practice import practice

pytestmark = pytest.mark.slow

SS = "practices/sumatera-selatan"
SECRETS = ["3171012301900001", "1671034506950003", "081234567890", "085712345678", "rinasusanti"]
LEAKY = {
    "entitas-dan-markup": (
        "\nIbu Rina, NIK &#51;171012301900001, dan suaminya **1671**0345\u200b0695\u00ad0003.\n"
        "Hubungi 0812<sup></sup>-3456-\n7890 atau surel rina.susanti&#64;gmail.com.\n"
    ),
    "angka-lebar": "\nHP \uff10\uff18\uff15\uff17 1234 5678, NIK 3171/0123/0190/0001.\n",
    "pemisah-aneh": "\nHubungi 0857\u20091234\u20095678 atau rina.susanti [at] gmail [dot] com.\n",
}


def _project(root: Path, attachments: bool = False) -> Path:
    (root / SS).mkdir(parents=True)
    (root / SS / "bursa-kerja-desa.md").write_text(practice(), encoding="utf-8")
    for name, body in LEAKY.items():
        title = f"Praktik dengan data pribadi tersamar {name.replace('-', ' ')}"
        (root / SS / f"{name}.md").write_text(practice(title=title, body_extra=body), encoding="utf-8")
    if attachments:  # files no practice links to: MkDocs would copy them all the same
        folder = root / SS / "lampiran"
        folder.mkdir()
        (folder / "peserta.csv").write_text("nama;nik\nRina;3171012301900001\n", encoding="utf-8")
        (folder / "ktp-1671034506950003.png").write_bytes(_png())
        (folder / "foto.jpg").write_bytes(_gps_jpeg())
    return root


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "PNG")
    return buf.getvalue()


def _gps_jpeg() -> bytes:
    from PIL import Image

    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (2.0, 59.0, 30.5), 3: "E", 4: (104.0, 45.0, 10.0)}
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "JPEG", exif=exif.tobytes())
    return buf.getvalue()


def _read_as_a_reader(path: Path) -> str:
    """The file's text decoded like a browser or a JSON reader would, with only letters and digits."""
    text = path.read_bytes().decode("utf-8", "replace")
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)  # JSON escapes
    text = html.unescape(re.sub(r"<[^>]*>", "", html.unescape(text)))
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[^0-9a-z]", "", text.lower())


def _leaks(site: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        text = _read_as_a_reader(path)
        hits = [s for s in SECRETS if s in text]
        if hits:
            found[path.relative_to(site).as_posix()] = hits
    return found


def test_the_build_refuses_and_leaves_no_personal_data_anywhere(tmp_path: Path) -> None:
    root = _project(tmp_path / "situs", attachments=True)
    built = build(write_config(root), strict=False)
    assert built.returncode == REFUSED, built.log
    for name in LEAKY:
        assert f"{SS}/{name}.md:" in built.log
    assert f"{SS}/lampiran/peserta.csv:2: B2: kemungkinan NIK/nomor KK: 3171********0001 [E501]" in built.log
    assert f"{SS}/lampiran/ktp-1671034506950003.png: kemungkinan NIK/nomor KK: 1671********0003" in built.log
    assert f"{SS}/lampiran/foto.jpg: foto memuat lokasi GPS di metadatanya (EXIF) [E505]" in built.log
    # the log shows masked values only (a file's own name is how the officer finds it)
    log = built.log.replace("ktp-1671034506950003.png", "")
    assert not any(s in log for s in SECRETS[:4])
    assert _leaks(root / "site") == {}


def test_control_without_the_checks_the_data_reaches_pages_and_search(tmp_path: Path) -> None:
    root = _project(tmp_path / "situs")
    built = build(write_config(root), strict=False, bypass_content_checks=True)
    assert built.returncode == 0, built.log
    leaks = _leaks(root / "site")
    assert any(path.startswith("search/") for path in leaks), leaks
    assert set(SECRETS) <= {s for hits in leaks.values() for s in hits}
