"""Photos attached to the issue form become files of the practice: fetched only from GitHub's own
attachment hosts, checked by content, stripped of metadata, scaled, named safely.

The images are made here with Pillow; a local folder laid out as `<host>/<path>` stands in for
GitHub's attachment host (`--images-from`), so nothing touches the network.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from lumbung.authoring.issuebody.photos import WEB_SIZE, attachment_url, local_mirror, web_photo

ISSUES = Path(__file__).parent / "fixtures" / "issues"
DATE = "2025-10-09"
ASSETS = "github.com/user-attachments/assets"
STEP_PHOTO = "5b7c1e2a-8d3f-4c6b-9a1e-2f4d6b8c0a11"
TABLE_PHOTO = "9e0d2c4b-1a3f-4e5d-8c7b-6a5f4e3d2c10"
COVER_PHOTO = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
PRACTICE = "practices/sumatera-selatan/bursa-kerja-desa-keliling-di-kabupaten-lahat"


def phone_photo(size=(4032, 3024), orientation: int | None = 6) -> bytes:
    """A JPEG as a phone writes it: camera make, GPS position, XMP and a comment."""
    img = Image.new("RGB", size, (180, 120, 60))
    img.paste((20, 40, 200), (0, 0, size[0] // 4, size[1] // 4))  # a mark to check the rotation
    exif = Image.Exif()
    exif[0x010F] = "KameraPonsel"
    if orientation:
        exif[0x0112] = orientation
    exif[0x8825] = {1: "S", 2: (3.0, 48.0, 2.0), 3: "E", 4: (103.0, 32.0, 11.0)}
    out = io.BytesIO()
    img.save(
        out, "JPEG", exif=exif.tobytes(), xmp=b"<x:xmpmeta>lokasi-rahasia</x:xmpmeta>", comment=b"catatan"
    )
    return out.getvalue()


def png_with_alpha() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 128, 0, 100)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def project(tmp_path: Path, repo_root: Path) -> Path:
    root = tmp_path / "proyek"
    shutil.copytree(repo_root / "practices", root / "practices")
    (root / "mkdocs.yml").write_text("site_name: Uji\ndocs_dir: practices\n", encoding="utf-8")
    return root


@pytest.fixture
def mirror(tmp_path: Path) -> Path:
    folder = tmp_path / "lampiran"
    (folder / ASSETS).mkdir(parents=True)
    (folder / ASSETS / STEP_PHOTO).write_bytes(phone_photo())
    (folder / ASSETS / TABLE_PHOTO).write_bytes(png_with_alpha())
    (folder / ASSETS / COVER_PHOTO).write_bytes(phone_photo((3000, 2000), orientation=None))
    return folder


def test_attached_photos_become_files_of_the_practice(cli, project, mirror):
    result = cli(
        "from-issue", str(ISSUES / "foto.md"), "--date", DATE, "--images-from", str(mirror), cwd=project
    )
    assert result.out.splitlines()[0] == f"Berkas ditulis: {PRACTICE}.md", result.out
    assert result.rc == 0
    text = (project / f"{PRACTICE}.md").read_text(encoding="utf-8")
    pid = PRACTICE.rsplit("/", 1)[1]
    assert f"cover_image: foto/{pid}-sampul.jpg\n" in text
    assert "cover_alt: Petugas menjelaskan lowongan kepada warga di balai desa\n" in text
    # the same upload used twice is one file; a file name as alt text is no description
    assert text.count(f"![Foto kegiatan](foto/{pid}-1.jpg)") == 2
    assert f"![Meja lowongan di balai desa Tanjung Sakti](foto/{pid}-2.png)" in text
    assert "user-attachments/assets" not in text
    # a document stays a link
    assert "(https://github.com/user-attachments/files/18123456/Laporan.bursa.desa.pdf)" in text
    folder = project / "practices/sumatera-selatan/foto"
    assert sorted(p.name for p in folder.iterdir()) == [f"{pid}-1.jpg", f"{pid}-2.png", f"{pid}-sampul.jpg"]
    step = (folder / f"{pid}-1.jpg").read_bytes()
    for secret in (b"KameraPonsel", b"lokasi-rahasia", b"catatan", b"Exif", b"xmpmeta"):
        assert secret not in step
    with Image.open(io.BytesIO(step)) as img:
        assert img.format == "JPEG" and img.size == (1200, WEB_SIZE)  # turned upright, then scaled
        assert dict(img.getexif()) == {}
        assert img.getpixel((img.width - 10, 10))[2] > 150  # the blue mark is now top right
    with Image.open(folder / f"{pid}-2.png") as img:
        assert img.format == "PNG" and img.mode == "RGBA" and img.size == (300, 200)
    # the warning asks for a description of the photo named like a file
    assert "Bagian Langkah Pelaksanaan: peringatan: foto tanpa keterangan [F111]" in result.out
    check = cli("validate", cwd=project)
    assert check.rc == 0, check.out


def test_without_a_fetcher_the_photos_are_named_not_dropped(cli, project):
    result = cli("from-issue", str(ISSUES / "foto.md"), "--date", DATE, cwd=project)
    assert result.rc == 1
    assert (
        "Bagian Langkah Pelaksanaan: foto "
        f"'https://github.com/user-attachments/assets/{STEP_PHOTO}' belum diunduh [F108]"
    ) in result.out


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "bukan gambar JPEG"),
        (b"%PDF-1.7\n", "bukan gambar JPEG"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "bukan gambar JPEG"),
        (phone_photo()[:2000], "gambar rusak"),
    ],
)
def test_content_that_is_not_a_photo_is_refused(cli, project, mirror, content, reason):
    (mirror / ASSETS / STEP_PHOTO).write_bytes(content)
    result = cli(
        "from-issue", str(ISSUES / "foto.md"), "--date", DATE, "--images-from", str(mirror), cwd=project
    )
    assert result.rc == 1
    line = next(ln for ln in result.out.splitlines() if "[F109]" in ln)
    assert line.startswith(
        f"Bagian Langkah Pelaksanaan: foto 'https://github.com/user-attachments/assets/{STEP_PHOTO}'"
    )
    assert f"tidak dapat dipakai: {reason}" in line
    assert not (project / f"{PRACTICE}.md").exists()
    assert not (project / "practices/sumatera-selatan/foto").exists()


def test_a_decompression_bomb_is_refused_before_decoding():
    out = io.BytesIO()
    Image.new("1", (12000, 12000)).save(out, "PNG")  # 144 megapixels in a few kilobytes
    assert len(out.getvalue()) < 100_000
    with pytest.raises(Exception, match="terlalu besar"):
        web_photo(out.getvalue())


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        (f"https://github.com/user-attachments/assets/{STEP_PHOTO}", True),
        (f"https://github.com/kemnaker/lumbung-praktik/assets/1234567/{STEP_PHOTO}", True),
        ("https://user-images.githubusercontent.com/1188925/233099814-7f480a78-17d1.png", True),
        ("https://private-user-images.githubusercontent.com/1188925/3309-7f48.png?jwt=eyJhbGciOi", True),
        (f"http://github.com/user-attachments/assets/{STEP_PHOTO}", False),
        (f"https://github.com.evil.example/user-attachments/assets/{STEP_PHOTO}", False),
        (f"https://github.com@evil.example/user-attachments/assets/{STEP_PHOTO}", False),
        (f"https://evil.example/?u=https://github.com/user-attachments/assets/{STEP_PHOTO}", False),
        (f"https://github.com:8443/user-attachments/assets/{STEP_PHOTO}", False),
        (f"https://github.com/user-attachments/assets/../../evil/{STEP_PHOTO}", False),
        (f"https://github.com/user-attachments/assets/{STEP_PHOTO}?redirect=evil", False),
        ("https://github.com/user-attachments/files/18123456/Laporan.pdf", False),
        ("https://raw.githubusercontent.com/evil/repo/main/x.png", False),
        ("https://user-images.githubusercontent.com/1/../../x.png", False),
    ],
)
def test_only_github_attachment_addresses_are_fetched(url, ok):
    assert attachment_url(url) is ok


def test_the_local_mirror_stays_in_its_folder(tmp_path):
    (tmp_path / "rahasia.txt").write_text("x", encoding="utf-8")
    fetch = local_mirror(tmp_path / "cermin")
    with pytest.raises(Exception, match="tidak ditemukan"):
        fetch("https://github.com/../../rahasia.txt")


def test_an_image_from_another_site_gets_an_upload_hint(cli, project, mirror, tmp_path):
    body = (ISSUES / "foto.md").read_text(encoding="utf-8")
    body = body.replace(
        f"https://github.com/user-attachments/assets/{TABLE_PHOTO}", "https://i.imgur.com/abc123.jpg"
    )
    path = tmp_path / "isu.md"
    path.write_text(body, encoding="utf-8")
    result = cli("from-issue", str(path), "--date", DATE, "--images-from", str(mirror), cwd=project)
    assert result.rc == 1
    lines = result.out.splitlines()
    i = lines.index(
        "Bagian Langkah Pelaksanaan: gambar dari luar situs tidak diizinkan: "
        "https://i.imgur.com/abc123.jpg [E513]"
    )
    assert lines[i + 1] == (
        "  petunjuk: seret berkas fotonya dari komputer atau ponsel ke kotak isian ini; GitHub mengunggahnya "
        "dan menulis tautannya sendiri"
    )


def test_the_cover_field_takes_only_an_upload(cli, project, mirror, tmp_path):
    body = (ISSUES / "foto.md").read_text(encoding="utf-8")
    body = body.replace(
        f'<img width="3000" height="2000" alt="Image" src="https://{ASSETS}/{COVER_PHOTO}" />',
        "C:\\Users\\siti\\Pictures\\Foto Kegiatan 1.JPG",
    )
    path = tmp_path / "isu.md"
    path.write_text(body, encoding="utf-8")
    result = cli("from-issue", str(path), "--date", DATE, "--images-from", str(mirror), cwd=project)
    assert result.rc == 1
    assert "Foto sampul (opsional): isian ini hanya menerima foto yang diunggah ke isu [F110]" in result.out
