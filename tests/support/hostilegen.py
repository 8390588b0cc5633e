"""A generator of hostile trees under practices/: every kind of file MkDocs would publish from its docs
folder that is not a checked practice or a checked attachment.

Each case is a few entries added to a small valid library (one published practice with a photo, one
draft). Every payload carries a marker of its own, so a test can look for it in every file of a built
site. Kinds: payload files (many extensions and contents, at many places, hidden ones too), files at
the paths of the theme and of our generated outputs, symbolic links of every kind at every depth, a
FIFO, attachments of draft and review practices, attachments nobody refers to, redirect_from claims
on site addresses, and links to missing, unpublished or absolute pages.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from support import REPO
from support.practice import practice

SS = "practices/sumatera-selatan"
PNG = (REPO / "tests/fixtures/hostile/images/practices/bali/foto/kegiatan.png").read_bytes()

# What the expectation of a case is: refused with an error diagnostic (on one of its paths, or on the
# practice that makes the claim), or kept out of the site without an error (drafts, hidden files,
# attachments nobody refers to).
REFUSED, UNPUBLISHED = "refused", "unpublished"


@dataclass(frozen=True)
class Link:
    target: str


@dataclass(frozen=True)
class Fifo:
    pass


@dataclass
class Case:
    name: str
    kind: str
    marker: str
    expect: str
    entries: dict[str, bytes | Link | Fifo] = field(default_factory=dict)

    @property
    def paths(self) -> list[str]:
        return list(self.entries)


def base(root: Path) -> None:
    """The valid library every case is added to: a published practice with its photo, and a draft."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text("", encoding="utf-8")
    folder = root / SS
    (folder / "foto").mkdir(parents=True, exist_ok=True)
    published = practice().replace(
        "tags: [desa, bursa kerja]\n",
        "tags: [desa, bursa kerja]\ncover_image: foto/kegiatan.png\ncover_alt: Pencari kerja di balai desa\n",
    )
    (folder / "lahat-bursa-kerja-desa.md").write_text(published, encoding="utf-8")
    (folder / "foto" / "kegiatan.png").write_bytes(PNG)
    draft = other_body(practice("draft", title="Draf Bursa Kerja Desa yang Belum Boleh Terbit"))
    (folder / "lahat-draf-bursa-kerja.md").write_text(draft, encoding="utf-8")


OTHER_BODY = """
## Latar Belakang

Lulusan sekolah kejuruan di pesisir jarang mendapat informasi lowongan galangan kapal.

## Langkah Pelaksanaan

1. Menghubungi galangan kapal dan bengkel las di pelabuhan.
2. Mengadakan kelas singkat pengelasan bersama instruktur balai latihan.

## Hasil

Empat puluh lulusan magang di galangan kapal selama tiga bulan.

## Pembelajaran

Instruktur dari industri membuat kelas lebih diminati.
"""


def other_body(text: str) -> str:
    """A practice with a body unlike the published one's, so no near-copy warning is raised."""
    return text.split("\n---\n", 1)[0] + "\n---\n" + OTHER_BODY


def write(case: Case, root: Path) -> None:
    for rel, data in case.entries.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Link):
            os.symlink(data.target, path)
        elif isinstance(data, Fifo):
            os.mkfifo(path)
        else:
            path.write_bytes(data)


def _jpeg(marker: str) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buf, "JPEG", comment=marker)  # what a reader downloads
    return buf.getvalue()


def _with_marker(data: bytes, marker: str) -> bytes:
    """A file that carries the marker where its format allows it (bytes after a PNG's end are refused)."""
    if not data.startswith(b"\x89PNG"):
        return data + marker.encode()
    import zlib

    body = b"tEXt" + b"Comment\0" + marker.encode()
    chunk = (len(body) - 4).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")
    return data[:8] + data[8:33] + chunk + data[33:]  # after IHDR (8 + 25 bytes)


# extension -> content, for a marker m
PAYLOADS: dict[str, object] = {
    "html": lambda m: f"<script>alert('{m}')</script>",
    "htm": lambda m: f"<img src=x onerror=alert('{m}')>",
    "xhtml": lambda m: f'<html xmlns="http://www.w3.org/1999/xhtml"><script>{m}</script></html>',
    "shtml": lambda m: f'<!--#exec cmd="{m}" -->',
    "svg": lambda m: f"<svg xmlns='http://www.w3.org/2000/svg' onload=\"alert('{m}')\"/>",
    "js": lambda m: f"alert('{m}')",
    "mjs": lambda m: f"export default '{m}'",
    "css": lambda m: f"body{{background:url(https://evil.example/{m})}}",
    "xml": lambda m: f"<?xml version='1.0'?><x>{m}</x>",
    "json": lambda m: f'{{"m": "{m}"}}',
    "map": lambda m: f'{{"version":3,"sources":["{m}"]}}',
    "webmanifest": lambda m: f'{{"name": "{m}"}}',
    "php": lambda m: f"<?php echo '{m}'; ?>",
    "wasm": lambda m: b"\x00asm\x01\x00\x00\x00" + m.encode(),
    "exe": lambda m: b"MZ\x90\x00" + m.encode(),
    "zip": lambda m: b"PK\x03\x04" + m.encode(),
    "": lambda m: f"evil.example {m}",  # CNAME and friends
    "png": lambda m: f"<svg onload=alert('{m}')>",  # a picture by name only
    "jpg": lambda m: f"<html><script>{m}</script>",
    "gif": lambda m: f"GIF89a<script>{m}</script>",  # a real GIF header: an attachment, unless misplaced
    "txt": lambda m: f"<!doctype html><script>{m}</script>",
    "csv": lambda m: b"\x00\x01binary" + m.encode(),
    "pdf": lambda m: f"%PDF-1.4\n/JS ({m})",
    "markdown": lambda m: f"---\ntitle: x\n---\n\n<script>{m}</script>\n",
    "mdown": lambda m: f"<script>{m}</script>\n",
    "mkdn": lambda m: f"<script>{m}</script>\n",
    "mkd": lambda m: f"<script>{m}</script>\n",
    "MD": lambda m: f"<script>{m}</script>\n",
    "Markdown": lambda m: f"<script>{m}</script>\n",
}
# where a payload is put: (folder, expected fate)
PLACES = {
    f"{SS}": REFUSED,
    f"{SS}/foto": REFUSED,
    f"{SS}/a/b/c/d": REFUSED,
    "practices": REFUSED,
    "practices/lain": REFUSED,
    "practices/assets": REFUSED,
    "practices/search": REFUSED,
    "practices/tema": REFUSED,
    "practices/.tersembunyi": UNPUBLISHED,  # MkDocs never publishes hidden paths
    f"{SS}/.git": UNPUBLISHED,
}
# Exact paths of the theme and of our outputs (the Material file names are read from the installed theme).
SITE_FILES = [
    "404.html",
    "sitemap.xml",
    "sitemap.xml.gz",
    "feed.xml",
    "practices.json",
    "practices.csv",
    "laporan-build.json",
    "index.html",
    "search/index.json",
    "search/search_index.json",
    "katalog/data.json",
    "katalog/index.html",
    "kartu/situs.png",
    "tema/job-fair/index.html",
    "provinsi/index.md",
    "sasaran/index.md",
    "kontributor.md",
    "statistik.md",
    "berkontribusi/index.md",
    "index.md",
    "katalog.md",
    "assets/lumbung.css",
    "assets/search.js",
    "assets/catalogue.js",
]
LINK_TARGETS = {
    "nol": "/dev/zero",
    "lingkungan": "/proc/self/environ",
    "sandi": "/etc/passwd",
    "akar": "/",
    "naik": "..",
    "sini": ".",
    "diri": "SELF",  # a link to itself: a loop
    "hilang": "tidak-ada",
    "praktik": "lahat-bursa-kerja-desa.md",
    "foto": "foto/kegiatan.png",
    "luar": "OUTSIDE",
    "luar-folder": "OUTSIDE_DIR",
}
LINK_NAMES = ["{n}.png", "{n}.md", "{n}.txt", "{n}"]
LINK_PLACES = [SS, f"{SS}/foto", "practices", "practices/.tersembunyi"]


def theme_files() -> list[str]:
    """Paths of Material's static files that a contributor could try to replace."""
    import material

    templates = Path(material.__file__).parent / "templates"
    found = sorted(
        p.relative_to(templates).as_posix()
        for p in (templates / "assets").rglob("*")
        if p.is_file() and p.suffix in (".js", ".css", ".png", ".ico", ".svg")
    )
    return found[:40]


def cases(outside: Path) -> list[Case]:
    """Every generated case; `outside` is a folder outside the project that links may point at."""
    out: list[Case] = []

    def add(kind: str, expect: str, make) -> None:
        marker = f"HOSTILE{len(out):04d}Q"
        entries = make(marker)
        out.append(Case(f"{kind}-{len(out)}", kind, marker, expect, entries))

    for ext, payload in PAYLOADS.items():
        for folder, expect in PLACES.items():
            # "gif" is a GIF header followed by a script: a damaged image, refused wherever it lies
            name = f"berkas-{len(out)}" + (f".{ext}" if ext else "")

            def make(m, folder=folder, name=name, payload=payload):
                data = payload(m)
                return {f"{folder}/{name}": data.encode() if isinstance(data, str) else data}

            add("payload", expect, make)
    for folder in (SS, f"{SS}/foto"):
        add("payload", REFUSED, lambda m, folder=folder: {f"{folder}/pipa-{len(out)}.png": Fifo()})
        add(
            "payload",
            UNPUBLISHED,
            lambda m, folder=folder: {f"{folder}/.tersembunyi-{len(out)}.html": m.encode()},
        )
    for rel in SITE_FILES + theme_files():
        content = "/* {m} */ alert('{m}')" if not rel.endswith(".png") else "<svg onload=alert('{m}')>"
        add(
            "shadow",
            REFUSED,
            lambda m, rel=rel, content=content: {f"practices/{rel}": content.format(m=m).encode()},
        )
    secret = outside / "rahasia.txt"
    for label, target in LINK_TARGETS.items():
        for pattern in LINK_NAMES:
            for folder in LINK_PLACES:
                name = pattern.format(n=f"{label}-{len(out)}")

                def make(m, folder=folder, name=name, target=target):
                    to = {"SELF": name, "OUTSIDE": str(secret), "OUTSIDE_DIR": str(outside)}.get(
                        target, target
                    )
                    return {f"{folder}/{name}": Link(to)}

                add("symlink", REFUSED, make)
    for status in ("draft", "review"):
        for folder in ("foto", "lampiran/2025", "."):
            for ext in ("png", "jpg", "csv", "txt"):

                def make(m, status=status, folder=folder, ext=ext):
                    n = len(out)
                    asset = f"{folder}/milik-draf-{n}.{ext}".removeprefix("./")
                    data = {"png": _with_marker(PNG, m), "jpg": _jpeg(m)}.get(
                        ext, f"kolom,nilai\n{m},1\n".encode()
                    )
                    text = practice(status, title=f"Praktik {status} dengan lampiran nomor {n}")
                    text = text.replace("desa, bursa kerja", f"desa, bursa kerja, lampiran-{n}")
                    text += (
                        f"\n![lampiran]({asset})\n" if ext in ("png", "jpg") else f"\n[lampiran]({asset})\n"
                    )
                    return {f"{SS}/draf-lampiran-{n}.md": text.encode(), f"{SS}/{asset}": data}

                add("draft-asset", UNPUBLISHED, make)
    for folder in ("foto", "lampiran", "."):
        for ext, data in (("png", PNG), ("csv", b"kolom,nilai\n")):
            add(
                "orphan",
                UNPUBLISHED,
                lambda m, folder=folder, ext=ext, data=data: {
                    f"{SS}/{folder}/yatim-{len(out)}.{ext}".replace("/./", "/"): _with_marker(data, m)
                },
            )
    claims = ["search", "assets", "feed", "katalog", "tema", "provinsi", "sasaran", "kontributor"]
    claims += ["statistik", "berkontribusi", "practices", "sitemap", "laporan-build", "kartu", "javascripts"]
    claims += ["stylesheets", "index", "aceh", "bali", "nasional", "sumatera-selatan", "papua-barat-daya"]
    for old in claims:
        add("redirect", REFUSED, lambda m, old=old: _claimer(len(out), m, f"redirect_from: [{old}]\n", ""))
    links = [
        "tidak-ada.md",
        "lahat-draf-bursa-kerja.md",
        "../aceh/tidak-ada.md",
        "/katalog/",
        "/sumatera-selatan/lahat-bursa-kerja-desa/",
        "/",
        "lahat-bursa-kerja-desa/",
        "../lahat-bursa-kerja-desa.md",
        "../../../../etc/passwd.md",
        "../tema/bukan-tema.md",
        "foto/",
    ]
    for link in links:
        add("link", REFUSED, lambda m, link=link: _claimer(len(out), m, "", f"\n[tautan]({link})\n"))
    return out


def _claimer(n: int, marker: str, header: str, body: str) -> dict[str, bytes]:
    text = practice(title=f"Praktik yang mengklaim alamat nomor {n}").replace("date:", header + "date:", 1)
    text = text.replace("desa, bursa kerja", f"desa, bursa kerja, klaim-{n}") + body + f"\n{marker}\n"
    return {f"{SS}/klaim-{n}.md": text.encode()}
