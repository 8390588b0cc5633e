"""Raw HTML, links, images, attachments and the stray files MkDocs would publish; the nh3 sanitiser."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from lumbung.formats import filetypes
from lumbung.formats.frontmatter import parse
from lumbung.rules.safety import check_safety, mask_code, sanitize_html
from lumbung.source.gate import scan

HEAD = "---\ntitle: Praktik uji\n---\n"  # the body starts on line 4


def _png() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "PNG")
    return buf.getvalue()


PNG = _png()  # a whole image: a truncated one is refused as damaged (E507)


def run(tmp_path: Path, body: str, head: str = HEAD) -> list[tuple[int | None, str, str]]:
    folder = tmp_path / "practices" / "bali"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "uji-praktik.md"
    path.write_text(head + body, encoding="utf-8")
    header = parse(head + body, "practices/bali/uji-praktik.md")
    diags = check_safety(path, "practices/bali/uji-praktik.md", header, tmp_path)
    return [(d.line, d.code, d.message("en")) for d in diags]


@pytest.mark.parametrize(
    ("body", "what"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ("<ScRiPt>alert(1)</ScRiPt>", "<script>"),
        ("<script", "<script>"),  # half-written: still reported
        ("<iframe src=x></iframe>", "<iframe>"),
        ("<object data=x></object>", "<object>"),
        ("<embed src=x>", "<embed>"),
        ("<style>*{}</style>", "<style>"),
        ("<form><button>x</button></form>", "<form>"),
        ("<svg/onload=alert(1)>", "<svg>"),
        ("<math><mi>x</mi></math>", "<math>"),
        ("<video src=x></video>", "<video>"),
        ("<img src=x onerror=alert(1)>", "<img onerror>"),
        ("<b onmouseover='x'>b</b>", "<b onmouseover>"),
        ("<p style='position:fixed'>x</p>", "<p style>"),
        ("<span class=md-dialog>x</span>", "<span class>"),
        ("<div id=__config>x</div>", "<div id>"),
        ("<!DOCTYPE html>", "<!DOCTYPE html>"),
        ("<?php echo 1 ?>", "<?php echo 1 ?>"),
        ('[a](https://x.example){: onclick="alert(1)" }', "{: onclick=}"),
        ('## Judul {: style="display:none" }', "{: style=}"),
        ("Teks {: #__config }", "{: #__config}"),
    ],
)
def test_unsafe_html_is_e511(tmp_path: Path, body: str, what: str) -> None:
    assert (4, "E511", f"HTML not allowed: {what}") in run(tmp_path, body + "\n")


def test_safe_html_subset_and_comments_pass(tmp_path: Path) -> None:
    body = (
        "<b>a</b> <i>b</i> <em>c</em> <strong>d</strong> x<sub>2</sub> x<sup>2</sup>\n"
        "<kbd>k</kbd> <mark>m</mark>\n"
        '<abbr title="Antarkerja Lokal">AKL</abbr> baris<br>baru <br/> <small>kecil</small> <s>coret</s>\n'
        "<details markdown><summary>Rincian</summary>isi</details>\n"
        "<table><thead><tr><th colspan=2 align=left>A</th></tr></thead>\n"
        "<tbody><tr><td rowspan=1>b</td></tr></tbody></table>\n"
        '<!-- komentar panduan -->\n<a href="https://kemnaker.go.id" title="Kemnaker">tautan</a>\n'
        "Teks {: .catatan #bagian-satu } dan nilai a < b, 3 <5, <https://karirhub.kemnaker.go.id>\n"
    )
    assert run(tmp_path, body) == []


def test_code_is_not_checked_but_unclosed_fences_are(tmp_path: Path) -> None:
    body = (
        "Contoh `<script>alert(1)</script>` dan ``<iframe>`` aman.\n\n"
        "```html\n<script>alert(1)</script>\n[x](javascript:alert(1))\n```\n\n"
        "~~~~\n<iframe></iframe>\n~~~~\n\n"
        "```\n<script>tidak ditutup</script>\n"
    )
    assert run(tmp_path, body) == [(16, "E511", "HTML not allowed: <script>")]


def test_code_span_over_a_raw_html_line_is_checked(tmp_path: Path) -> None:
    # Python-Markdown takes a line starting with '<script>' as a raw HTML block, even inside backticks
    assert run(tmp_path, "Lihat `a\n<script>x</script>\nb`\n") == [(5, "E511", "HTML not allowed: <script>")]


def test_mask_code_keeps_offsets_and_lines() -> None:
    body = "a `<b>` c\n\n```\n<x>\n```\n"
    masked = mask_code(body)
    assert len(masked) == len(body) and masked.count("\n") == body.count("\n")
    assert "<b>" not in masked and "<x>" not in masked


@pytest.mark.parametrize(
    "link",
    [
        "[a](javascript:alert(1))",
        "[a](JAVASCRIPT:alert(1))",
        "[a]( javascript:alert(1))",
        "[a](<javascript:alert(1)>)",
        "[a](jav&#x61;script:alert(1))",
        "[a](&#106;avascript:alert(1))",
        "[a](javascript\\:alert(1))",
        "[a](vbscript:msgbox(1))",
        "[a](data:text/html;base64,PHNjcmlwdD4=)",
        "![a](data:image/png;base64,AAAA)",
        "[a](file:///etc/passwd)",
        "<javascript:alert(1)>",
        '<a href="java&#x09;script:alert(1)">a</a>',
        '<a href="  javascript:alert(1)">a</a>',
        "[ref]: javascript:alert(1)",
    ],
)
def test_dangerous_schemes_are_e512(tmp_path: Path, link: str) -> None:
    assert [c for _, c, _ in run(tmp_path, link + "\n")] == ["E512"]


@pytest.mark.parametrize(
    "image",
    [
        "![a](https://evil.example/a.png)",
        "![a](http://evil.example/a.png)",
        "![a](//evil.example/a.png)",
        '![a](HTTPS://evil.example/a.png "judul")',
        '<img src="https://evil.example/p.gif" alt="p">',
        "![a][p]\n\n[p]: https://evil.example/p.gif",
        "![p]\n\n[p]: https://evil.example/p.gif",
    ],
)
def test_remote_images_are_e513(tmp_path: Path, image: str) -> None:
    assert [c for _, c, _ in run(tmp_path, image + "\n")] == ["E513"]


def test_safe_links_pass(tmp_path: Path) -> None:
    body = (
        "[a](https://kemnaker.go.id) [b](http://x.example/a?b=c#d) [c](mailto:x@example.org) [d](tel:112)\n"
        "[e](#hasil) [f](../jawa-barat/praktik-lain.md) [g](../) [h](praktik-lain.md#bagian) [i](https://x.example/a_(b))\n"
        "[ref]: https://kemnaker.go.id\n"
    )
    assert run(tmp_path, body) == []


def test_local_images_and_attachments(tmp_path: Path) -> None:
    folder = tmp_path / "practices" / "bali"
    (folder / "foto").mkdir(parents=True)
    (folder / "foto" / "a.png").write_bytes(PNG)
    (folder / "foto" / "b.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (folder / "foto" / "c.gif").write_bytes(b"GIF89a")
    (folder / "foto" / "d.webp").write_bytes(b"RIFF\x00\x00\x00\x00WEBPVP8 ")
    (folder / "foto" / "e.png").write_text("<svg onload=alert(1)></svg>", encoding="utf-8")
    (folder / "foto" / "f.png").write_bytes(b"\xff\xd8\xff\xe0")
    (folder / "foto" / "g.html").write_text("<html><script>alert(1)</script>", encoding="utf-8")
    (folder / "l.pdf").write_bytes(b"%PDF-1.7\n")
    (folder / "m.txt").write_text("catatan\n", encoding="utf-8")
    (folder / "n.pdf").write_bytes(b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024))
    body = (
        "![a](foto/a.png) ![b](foto/b.jpg) ![c](./foto/c.gif) ![d](foto/d.webp?v=1) ![a](foto%2Fa.png)\n"
        "[l](l.pdf) [m](m.txt) [a](foto/a.png) [p](../bali/l.pdf)\n"
        "![e](foto/e.png)\n"
        "![f](foto/f.png)\n"
        "[g](foto/g.html)\n"
        "![l](l.pdf)\n"
        "[n](n.pdf)\n"
        "![x](foto/x.png) [y](y.pdf)\n"
        "![z](../../luar.png) ![z](/etc/x.png) ![z](foto\\a.png)\n"
    )
    assert run(tmp_path, body) == [
        (6, "E515", "file type of 'foto/e.png' is not allowed (SVG)"),
        (7, "E515", "file type of 'foto/f.png' is not allowed (JPEG ≠ .png)"),
        (8, "E515", "file type of 'foto/g.html' is not allowed (HTML)"),
        (9, "E515", "file type of 'l.pdf' is not allowed (PDF)"),
        (10, "E516", "file 'n.pdf' is too large (2049 KB; limit 2048 KB)"),
        (11, "E514", "file 'foto/x.png' not found"),
        (11, "E514", "file 'y.pdf' not found"),
        (12, "E220", "path '../../luar.png' is not valid: leaves the practices/ folder"),
        (12, "E220", "path '/etc/x.png' is not valid: an absolute path"),
        (12, "E220", "path 'foto\\a.png' is not valid: uses '\\'; use '/'"),
    ]


def test_symlinked_image_out_of_practices(tmp_path: Path) -> None:
    (tmp_path / "practices" / "bali").mkdir(parents=True)
    (tmp_path / "rahasia.png").write_bytes(PNG)
    (tmp_path / "practices" / "bali" / "a.png").symlink_to(tmp_path / "rahasia.png")
    assert run(tmp_path, "![a](a.png)\n") == [
        (4, "E220", "path 'a.png' is not valid: a symbolic link out of the practices/ folder")
    ]


def test_cover_image_is_checked_like_an_image(tmp_path: Path) -> None:
    head = "---\ntitle: Praktik uji\ncover_image: foto/sampul.png\ncover_alt: Sampul\n---\n"
    assert run(tmp_path, "Teks.\n", head) == [(3, "E514", "file 'foto/sampul.png' not found")]
    (tmp_path / "practices" / "bali" / "foto").mkdir()
    (tmp_path / "practices" / "bali" / "foto" / "sampul.png").write_bytes(PNG)
    assert run(tmp_path, "Teks.\n", head) == []


def test_file_inclusion_is_e517(tmp_path: Path) -> None:
    assert run(tmp_path, '--8<-- "../../.git/config"\n') == [
        (4, "E517", "file inclusion ('--8<--') is not allowed")
    ]


def _zip(path: Path, names: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in names.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("names", "kind"),
    [
        ({"[Content_Types].xml": b"<T/>", "word/document.xml": b"<d/>"}, "DOCX"),
        ({"[Content_Types].xml": b"<T/>", "xl/workbook.xml": b"<w/>"}, "XLSX"),
        ({"[Content_Types].xml": b"<T/>", "ppt/presentation.xml": b"<p/>"}, "PPTX"),
        ({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<c/>"}, "ODT"),
        ({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}, "ODS"),
        ({"[Content_Types].xml": b"<T/>", "word/vbaProject.bin": b"x"}, "VBA"),
        ({"a.txt": b"x"}, "ZIP"),
    ],
)
def test_office_documents_by_content(tmp_path: Path, names: dict[str, bytes], kind: str) -> None:
    assert filetypes.detect(_zip(tmp_path / "f.zip", names)) == kind


def test_broken_zip_is_not_an_office_document(tmp_path: Path) -> None:
    path = tmp_path / "rusak.docx"
    path.write_bytes(b"PK\x03\x04" + b"\xff" * 100)
    assert filetypes.detect(path) == "ZIP?"
    assert not filetypes.matches("docx", "ZIP?")


def test_stray_files_in_practices_are_reported(tmp_path: Path) -> None:
    folder = tmp_path / "practices" / "bali"
    (folder / "foto").mkdir(parents=True)
    (folder / "praktik.md").write_text("---\n", encoding="utf-8")
    (folder / "foto" / "ok.png").write_bytes(PNG)
    (folder / "halaman.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (folder / "ikon.svg").write_text("<svg><script>alert(1)</script></svg>", encoding="utf-8")
    (folder / "skrip.js").write_text("alert(1)", encoding="utf-8")
    (folder / ".tersembunyi.html").write_text("<script>", encoding="utf-8")  # MkDocs skips dotfiles too
    (tmp_path / "luar").mkdir()
    (folder / "tautan").symlink_to(tmp_path / "luar", target_is_directory=True)
    (folder / "git.txt").symlink_to(tmp_path / "luar" / "config")
    found = scan(tmp_path)
    got = [(d.path, d.code, d.message("en")) for d in found.diagnostics]
    links = "symbolic links are not allowed in practices/; the link is not followed and not published"
    assert got == [
        ("practices/bali/git.txt", "E106", links),
        ("practices/bali/halaman.html", "E515", "file type of 'halaman.html' is not allowed (HTML)"),
        ("practices/bali/ikon.svg", "E515", "file type of 'ikon.svg' is not allowed (SVG)"),
        ("practices/bali/skrip.js", "E515", "file type of 'skrip.js' is not allowed (text)"),
        ("practices/bali/tautan", "E106", links),
    ]
    assert found.pages == [folder / "praktik.md"]
    assert list(found.assets) == ["practices/bali/foto/ok.png"]


def test_sample_library_has_no_stray_files(repo_root: Path) -> None:
    assert scan(repo_root).diagnostics == []


# -- the sanitiser ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
        ('<img src="x" onerror="alert(1)">', '<img src="x">'),
        ('<a href="javascript:alert(1)">a</a>', '<a rel="noopener noreferrer">a</a>'),
        ('<a href="https://x.example">a</a>', '<a href="https://x.example" rel="noopener noreferrer">a</a>'),
        ('<img src="https://tracker.example/p.gif" alt="p">', '<img alt="p">'),
        ('<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">', "<img>"),
        ("<iframe src=x></iframe><object></object><embed><form><input name=pw></form>", "<input>"),
        ('<input type="text" name="pw">', '<input type="checkbox">'),
        ('<div id="__config">{}</div>', "<div>{}</div>"),
        ('<p style="position:fixed">x</p>', "<p>x</p>"),
        (
            '<table><tr><td style="text-align: left; background: url(x)">a</td></tr></table>',
            '<table><tbody><tr><td style="text-align:left">a</td></tr></tbody></table>',
        ),
        ("<svg><script>alert(1)</script></svg>", ""),
        ("<style>*{display:none}</style>t", "t"),
        ("<!-- x --><p>t</p>", "<p>t</p>"),
        ("<details open><summary>s</summary>d</details>", '<details open=""><summary>s</summary>d</details>'),
    ],
)
def test_sanitize_html(dirty: str, clean: str) -> None:
    assert sanitize_html(dirty) == clean


def test_sanitize_keeps_what_markdown_and_material_produce() -> None:
    html = (
        '<h2 id="latar-belakang">Latar Belakang<a class="headerlink" href="#latar-belakang" '
        'title="Tautan ke bagian ini">¶</a></h2>\n'
        '<p>Teks <strong>tebal</strong>, <em>miring</em>, <code>kode</code>, <abbr title="A">A</abbr>.</p>\n'
        '<div class="admonition note">\n<p class="admonition-title">Catatan</p>\n<p>isi</p>\n</div>\n'
        '<table>\n<thead>\n<tr>\n<th style="text-align: left;">A</th>\n</tr>\n</thead>\n'
        "<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n"
        '<div class="highlight"><pre><span></span><code><span class="n">x</span>\n</code></pre></div>\n'
        '<p><img alt="Kegiatan" src="foto/kegiatan.png" title="Kegiatan"></p>\n'
        "<ol>\n<li>satu</li>\n</ol>\n<blockquote>\n<p>kutipan</p>\n</blockquote>\n<hr>\n"
        '<p><sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
    )
    expected = (
        html.replace('style="text-align: left;"', 'style="text-align:left"')
        .replace('title="Tautan ke bagian ini">', 'title="Tautan ke bagian ini" rel="noopener noreferrer">')
        .replace('href="#fn:1">', 'href="#fn:1" rel="noopener noreferrer">')
    )
    assert sanitize_html(html) == expected


def test_markup_in_header_fields_is_e511(tmp_path: Path) -> None:
    head = (
        "---\ntitle: Judul <img src=x onerror=alert(1)> panjang\noffice: Dinas\n"
        "authors:\n  - name: Rudi <svg onload=alert(2)>\ntags: [aman, \"<!-- x -->\", '5 < 6']\n"
        "summary: ringkasan <b>tebal</b>\n---\n"
    )
    assert [(line, code, msg) for line, code, msg in run(tmp_path, "Teks.\n", head)] == [
        (2, "E511", "HTML not allowed: <img>"),
        (5, "E511", "HTML not allowed: <svg>"),
        (6, "E511", "HTML not allowed: <!…>"),
    ]
