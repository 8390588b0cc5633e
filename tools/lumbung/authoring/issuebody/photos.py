"""Photos an officer attached to the issue form, made into files of the practice.

GitHub stores a file dropped into an issue at one of its own attachment addresses and writes a
reference into the text: `![name](https://github.com/user-attachments/assets/<uuid>)`, or, since
2025, `<img width=".." height=".." alt="Image" src="https://github.com/user-attachments/assets/<uuid>" />`.
Older uploads live at `user-images.githubusercontent.com/<user>/<name>` (public repositories),
`github.com/<owner>/<repo>/assets/<user>/<uuid>` or `private-user-images.githubusercontent.com`
(private ones). Only those addresses are fetched; any other image stays in the text, where the
validator reports it.

Each image is fetched through a `Fetcher` (the network in the workflow, a local folder in tests),
checked by its content with Pillow (JPEG, PNG, WebP or GIF, a size and pixel limit), turned right
side up, stripped of EXIF/XMP and every other metadata by copying only its pixels, scaled to a web
size and stored as `foto/<practice id>-<n>.jpg|png` beside the practice file.
"""

from __future__ import annotations

import io
import re
import urllib.error
import urllib.request
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from http.client import HTTPMessage
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from lumbung.authoring.issuebody.problem import Problem
from lumbung.diagnostics import Hint

MAX_DOWNLOAD = 10 * 1024 * 1024  # GitHub's own limit for an image in an issue
MAX_PIXELS = 50_000_000  # a larger image is refused before it is decoded (decompression bombs)
MAX_PHOTOS = 20
WEB_SIZE = 1600  # longest side, in pixels, of a stored photo
JPEG_QUALITY = 82
FOLDER = "foto"
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}"
# (host, path) of GitHub's attachment addresses for images
_ATTACHMENT = [
    ("github.com", re.compile(rf"/user-attachments/assets/{_UUID}")),
    (
        "github.com",
        re.compile(rf"/[A-Za-z0-9_.-]{{1,100}}/[A-Za-z0-9_.-]{{1,100}}/assets/\d{{1,12}}/{_UUID}"),
    ),
    ("user-images.githubusercontent.com", re.compile(rf"/\d{{1,12}}/{_NAME}")),
    ("private-user-images.githubusercontent.com", re.compile(rf"/\d{{1,12}}/{_NAME}")),
]
# Where GitHub sends the download after a redirect: its own hosts and its S3 bucket for uploads.
_REDIRECT_HOSTS = re.compile(
    r"(?:[a-z0-9-]+\.)*githubusercontent\.com|github\.com|github-production-user-asset-[0-9a-f]{6}\.s3\.amazonaws\.com"
)

_MD_IMAGE = re.compile(
    r"!\[([^\]\n]{0,500})\]\(\s*<?(https?://[^\s)>]{1,2000})>?(?:[ \t]+\"[^\"\n]{0,500}\")?\s*\)"
)
_HTML_IMAGE = re.compile(r"<img\b[^>\n]{0,2000}>", re.I)
_ATTR = re.compile(r"""([a-zA-Z-]{1,20})\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def attachment_url(url: str) -> bool:
    """Whether `url` is an image attachment on GitHub's own hosts (and nothing else)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    if parts.scheme != "https" or parts.username or parts.password or parts.port or parts.fragment:
        return False
    host = (parts.hostname or "").lower()
    if parts.query and host != "private-user-images.githubusercontent.com":
        return False
    return any(host == h and p.fullmatch(parts.path) for h, p in _ATTACHMENT)


class FetchError(Exception):
    """An attachment could not be fetched; the message says why, in Indonesian."""


Fetcher = Callable[[str], bytes]


def download(url: str) -> bytes:
    """Fetch an attachment from GitHub (redirects only to GitHub's hosts, at most MAX_DOWNLOAD bytes)."""

    class Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = 3

        def redirect_request(
            self,
            req: urllib.request.Request,
            fp: IO[bytes],
            code: int,
            msg: str,
            headers: HTTPMessage,
            newurl: str,
        ) -> urllib.request.Request | None:
            target = urlsplit(newurl)
            if target.scheme != "https" or not _REDIRECT_HOSTS.fullmatch((target.hostname or "").lower()):
                raise FetchError("dialihkan ke alamat di luar GitHub")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    opener = urllib.request.build_opener(Redirects)
    request = urllib.request.Request(url, headers={"User-Agent": "lumbung-from-issue"})
    try:
        with opener.open(request, timeout=30) as response:
            data: bytes = response.read(MAX_DOWNLOAD + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"GitHub menjawab {exc.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise FetchError(f"tidak dapat diunduh ({type(exc).__name__})") from None
    if len(data) > MAX_DOWNLOAD:
        raise FetchError(f"lebih dari {MAX_DOWNLOAD // (1024 * 1024)} MB")
    return data


def local_mirror(folder: str | Path) -> Fetcher:
    """A fetcher that reads `<folder>/<host>/<path>` instead of the network (tests, offline runs)."""
    root = Path(folder).resolve()

    def fetch(url: str) -> bytes:
        parts = urlsplit(url)
        path = (root / (parts.hostname or "") / parts.path.lstrip("/")).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            raise FetchError("tidak ditemukan")
        if path.stat().st_size > MAX_DOWNLOAD:
            raise FetchError(f"lebih dari {MAX_DOWNLOAD // (1024 * 1024)} MB")
        return path.read_bytes()

    return fetch


class NotAPhoto(Exception):
    """The content is not an image we store; the message names what it is, in Indonesian."""


def web_photo(data: bytes) -> tuple[bytes, str]:
    """(file content, extension) of a photo ready for the site: checked, upright, no metadata, scaled."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img: Image.Image = Image.open(io.BytesIO(data), formats=FORMATS)
            if img.width * img.height > MAX_PIXELS:
                raise NotAPhoto(f"{img.width}×{img.height} piksel, terlalu besar")
            img.load()
    except UnidentifiedImageError:
        raise NotAPhoto("bukan gambar JPEG, PNG, WebP atau GIF") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise NotAPhoto("gambar terlalu besar") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise NotAPhoto(f"gambar rusak ({type(exc).__name__})") from None
    source = img.format
    img = ImageOps.exif_transpose(img)  # photos from phones are often stored sideways
    alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
    img = img.convert("RGBA" if alpha else "RGB")
    img.thumbnail((WEB_SIZE, WEB_SIZE), Image.Resampling.LANCZOS)
    # Only the pixels travel on: EXIF (GPS, camera), XMP, ICC and comments stay behind.
    clean = Image.frombytes(img.mode, img.size, img.tobytes())
    out = io.BytesIO()
    if alpha or source in ("PNG", "GIF"):
        clean.save(out, "PNG", optimize=True)
        return out.getvalue(), "png"
    clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue(), "jpg"


@dataclass
class Photos:
    """The stored photos of one practice: file path (from the project root) -> content."""

    files: dict[str, bytes] = field(default_factory=dict)
    by_url: dict[str, str] = field(default_factory=dict)  # attachment URL -> path relative to the practice
    problems: list[Problem] = field(default_factory=list)


class PhotoStore:
    """Fetches and stores the photos of one issue, each URL once, named after the practice."""

    def __init__(self, fetch: Fetcher | None, folder: str, practice_id: str, taken: set[str] | None = None):
        self.fetch, self.folder, self.practice_id = fetch, folder, practice_id
        self.taken = taken or set()  # paths (relative to the practice) already used by its older photos
        self.result = Photos()

    def path_for(self, url: str, label: str, name: str | None = None) -> str | None:
        """The practice-relative path of the stored photo at `url`, or None (a problem was recorded)."""
        if url in self.result.by_url:
            return self.result.by_url[url]
        if self.fetch is None:
            self.result.problems.append(
                Problem("F108", label, params={"value": _short(url)}, hints=(Hint("photo_later"),))
            )
            return None
        if len(self.result.by_url) >= MAX_PHOTOS:
            self.result.problems.append(
                Problem(
                    "F109",
                    label,
                    params={"value": _short(url), "reason": f"lebih dari {MAX_PHOTOS} foto"},
                    hints=(Hint("fewer_photos", {"max": MAX_PHOTOS}),),
                )
            )
            return None
        try:
            content, ext = web_photo(self.fetch(url))
        except (FetchError, NotAPhoto) as exc:
            self.result.problems.append(
                Problem(
                    "F109",
                    label,
                    params={"value": _short(url), "reason": str(exc)},
                    hints=(Hint("photo_again"),),
                )
            )
            return None
        n = len(self.result.by_url) + 1
        rel = f"{FOLDER}/{self.practice_id}-{name or n}.{ext}"
        while name is None and rel in self.taken:  # a change keeps the photos the practice already has
            n += 1
            rel = f"{FOLDER}/{self.practice_id}-{n}.{ext}"
        self.result.files[f"{self.folder}/{rel}"] = content
        self.result.by_url[url] = rel
        return rel

    def _image(self, url: str, alt: str, label: str, original: str) -> str:
        path = self.path_for(url, label)
        if path is None:
            return original
        if not alt_text(alt):
            self.result.problems.append(
                Problem("F111", label, severity="warning", hints=(Hint("photo_alt"),))
            )
        return f"![{alt_text(alt) or 'Foto kegiatan'}]({path})"

    def rewrite(self, text: str, label: str) -> str:
        """`text` with every attached image replaced by a Markdown image of its stored file."""

        def markdown(m: re.Match[str]) -> str:
            alt, url = m.group(1), m.group(2)
            if not attachment_url(url):
                return m.group(0)
            return self._image(url, alt, label, m.group(0))

        def html(m: re.Match[str]) -> str:
            attrs = {k.lower(): a if a is not None else b for k, a, b in _ATTR.findall(m.group(0))}
            url = attrs.get("src", "")
            if not attachment_url(url):
                return m.group(0)
            return self._image(url, attrs.get("alt", ""), label, m.group(0))

        return _HTML_IMAGE.sub(html, _MD_IMAGE.sub(markdown, text))


def first_image(text: str) -> tuple[str, str] | None:
    """(URL, alt) of the first image in `text` (the cover field holds one upload)."""
    found = []
    for m in _MD_IMAGE.finditer(text):
        found.append((m.start(), m.group(2), m.group(1)))
    for m in _HTML_IMAGE.finditer(text):
        attrs = {k.lower(): a if a is not None else b for k, a, b in _ATTR.findall(m.group(0))}
        if attrs.get("src"):
            found.append((m.start(), attrs["src"], attrs.get("alt", "")))
    if not found:
        bare = re.search(r"https://\S{1,2000}", text)
        return (bare.group(0), "") if bare else None
    _, url, alt = min(found)
    return url, alt


def alt_text(text: str) -> str:
    """The alt text an officer wrote, or "" for GitHub's default ('Image') or a bare file name."""
    text = " ".join(text.replace("[", "(").replace("]", ")").split())
    if text.lower() in ("image", "gambar", "foto") or re.fullmatch(
        r"[\w ._-]{1,200}\.(jpe?g|png|gif|webp|heic)", text, re.I
    ):
        return ""
    return text


def _short(url: str) -> str:
    return url if len(url) <= 90 else url[:87] + "..."
