"""Content that could attack readers: raw HTML, dangerous links, remote images, files outside practices/.

Two lines of defence. The validator (`check_safety`) rejects, with line numbers, raw HTML outside a
small formatting subset, event-handler and style attributes, links and images whose scheme is not
http(s)/mailto/tel, remote images, file inclusions, and images or attachments that leave practices/,
are missing, are too large or are not what their extension says. Code spans and fenced code blocks are
ignored, so a practice can show HTML as an example. Then `sanitize_html` (nh3, the Ammonia sanitiser)
cleans the built HTML of every practice page, so a gap between this validator and the Markdown
renderer still cannot publish a script.
"""

from __future__ import annotations

import bisect
import html
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote

from lumbung.diagnostics import Diagnostic, Hint, fmt_path
from lumbung.formats import filetypes
from lumbung.formats.frontmatter import Header
from lumbung.messages import Word
from lumbung.model import PRACTICES_DIR, References
from lumbung.rules.fields import path_problem
from lumbung.rules.markup import (
    AUTOLINK_RE,
    REF_DEF_RE,
    TagScanner,
    blank,
    image_reference_labels,
    inline_links,
    is_remote,
    label,
    mask_code,
    url_scheme,
)
from lumbung.rules.privacy import check_privacy, scan_attachment
from lumbung.rules.sanitize import ALLOWED_TAGS, GLOBAL_ATTRS, SAFE_SCHEMES, TAG_ATTRS, sanitize_html

__all__ = ["check_asset", "check_content", "check_safety", "sanitize_html"]

MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024

URL_ATTRS = {"href", "src", "cite"}
# Tags that are reported wherever they appear outside code, even half-written (no closing '>').
_DANGEROUS_TAG_RE = re.compile(
    r"<(script|iframe|object|embed|style|form|link|meta|base|svg|math|frame|frameset|applet|portal"
    r"|noscript|template|xmp|plaintext|noembed|noframes)(?![\w-])",
    re.I,
)
# attr_list (`{: .class #id key=value }`) can set any attribute when the extension is enabled.
# The part before the first `=` or `#` cannot hold one, so there is one way to split: a run of them
# inside braces no longer backtracks quadratically.
_ATTR_LIST_RE = re.compile(r"\{:?[ \t]*+([^{}\n=#]*+[=#][^{}\n]*+)\}")
_ATTR_KEY_RE = re.compile(r"(?:^|\s)([^\s=#.\"']+)\s*=")
_ATTR_ID_RE = re.compile(r"(?:^|\s)#(__\S*)")
_RISKY_KEYS = {
    "style",
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "data",
    "codebase",
    "manifest",
    "ping",
    "target",
    "form",
}
_SNIPPET_RE = re.compile(r"-{1,2}8<-{1,2}")
# A tag (or a declaration, comment or processing instruction) inside a header value.
_FIELD_TAG_RE = re.compile(r"<(?:/?([A-Za-z][\w:-]*)|[!?])")
# Detected kinds that are never allowed, whatever the extension says.
_NEVER = {"SVG", "HTML", "VBA", "binary", "ZIP", "ZIP?", "text"}


class _Checker:
    """Safety checks of one practice; collects diagnostics."""

    def __init__(self, path: Path, relpath: str, header: Header, root: Path):
        self.path, self.relpath, self.header, self.root = path, relpath, header, root
        self.practices = Path(os.path.abspath(root / PRACTICES_DIR))
        self.folder = Path(os.path.abspath(path)).parent
        self.out: list[Diagnostic] = []
        self.links: list[tuple[int | None, str]] = []  # Markdown links to pages of the site, as written
        self.files: list[str] = []  # local files referred to, from the project root: what the gate publishes

    def add(
        self, code: str, line: int | None, params: dict, hints: Iterable[Hint] = (), field: str | None = None
    ) -> None:
        self.out.append(
            Diagnostic(self.relpath, code, line=line, field=field, params=params, hints=tuple(hints))
        )

    # -- body --------------------------------------------------------------------------------------
    def body(self) -> None:
        body, first = self.header.body, self.header.body_line
        text = mask_code(body)
        starts = [0] + [m.end() for m in re.finditer("\n", text)]

        def line_at(offset: int) -> int:
            return first + bisect.bisect_right(starts, offset) - 1

        if "<" in text:
            text = self._autolinks(text, line_at)
            if re.search(r"<[A-Za-z!?/]", text):
                self._html(text, first)
        if "{" in text:
            self._attr_lists(text, line_at)
        if "8<" in text:
            for m in _SNIPPET_RE.finditer(text):
                self.add("E517", line_at(m.start()), {}, [Hint("no_snippets")])
        if "](" in text or "]:" in text or "![" in text:
            self._links(text, line_at)

    def _autolinks(self, text: str, line_at: Callable[[int], int]) -> str:
        def repl(m: re.Match) -> str:
            scheme = m.group(1)
            if scheme is not None and scheme.lower() not in SAFE_SCHEMES and len(scheme) > 1:
                self.add("E512", line_at(m.start()), {"value": _short(m.group(0)[1:-1])}, [Hint("safe_link")])
            return blank(m.group(0))

        return AUTOLINK_RE.sub(repl, text)

    def _html(self, text: str, first: int) -> None:
        scanner = TagScanner()
        try:
            scanner.feed(text)
            scanner.close()
        except Exception:  # html.parser gives up on some malformed markup: that is unsafe markup too
            line = first + scanner.getpos()[0] - 1
            self.add("E511", line, {"what": "<!…>"}, [Hint("safe_html")])
        seen: set[tuple[int, str]] = set()
        for line0, _col, tag, attrs in scanner.tags:
            line = first + line0 - 1
            if tag not in ALLOWED_TAGS:
                seen.add((line, tag))
                self.add("E511", line, {"what": f"<{tag}>"}, [Hint("safe_html")])
                continue
            allowed = GLOBAL_ATTRS | TAG_ATTRS.get(tag, set())
            for name, value in attrs:
                if name not in allowed:
                    self.add("E511", line, {"what": f"<{tag} {name}>"}, [Hint("safe_html")])
                elif name in URL_ATTRS and value:
                    self._url(value, line, image=(tag == "img" and name == "src"), markdown=False)
        for line0, _col, what in scanner.other:
            self.add("E511", first + line0 - 1, {"what": what}, [Hint("safe_html")])
        for m in _DANGEROUS_TAG_RE.finditer(text):
            line = first + text.count("\n", 0, m.start())
            tag = m.group(1).lower()
            if (line, tag) not in seen:
                seen.add((line, tag))
                self.add("E511", line, {"what": f"<{tag}>"}, [Hint("safe_html")])

    def _attr_lists(self, text: str, line_at: Callable[[int], int]) -> None:
        for m in _ATTR_LIST_RE.finditer(text):
            inner = m.group(1)
            for key in _ATTR_KEY_RE.findall(inner):
                k = key.lower()
                if k.startswith("on") or k in _RISKY_KEYS:
                    self.add("E511", line_at(m.start()), {"what": "{: " + key + "=}"}, [Hint("safe_html")])
            for ident in _ATTR_ID_RE.findall(inner):
                self.add("E511", line_at(m.start()), {"what": "{: #" + ident[:30] + "}"}, [Hint("safe_html")])

    def _links(self, text: str, line_at: Callable[[int], int]) -> None:
        for start, url, image in inline_links(text):
            self._url(url, line_at(start), image=image)
        definitions: dict[str, tuple[int, str]] = {}
        for m in REF_DEF_RE.finditer(text):
            name = label(m.group(1))
            url = m.group(2)[1:-1] if m.group(2).startswith("<") else m.group(2)
            definitions.setdefault(name, (m.start(), url))
        image_labels = image_reference_labels(text)
        for name, (start, url) in definitions.items():
            self._url(url, line_at(start), image=name in image_labels)

    # -- one URL ------------------------------------------------------------------------------------
    def _url(
        self, url: str, line: int | None, image: bool, field: str | None = None, markdown: bool = True
    ) -> None:
        url = url.strip()
        if not url:
            return
        scheme = url_scheme(url)
        if image and is_remote(url):
            self.add("E513", line, {"value": _short(url)}, [Hint("local_image")], field)
            return
        if scheme is not None and len(scheme) > 1:
            if scheme not in SAFE_SCHEMES:
                self.add("E512", line, {"value": _short(url)}, [Hint("safe_link")], field)
            return
        if url.startswith("//") or is_remote(url):
            return  # a link to another site
        path = unquote(html.unescape(re.split(r"[?#]", url, maxsplit=1)[0]))
        if not path:
            return
        if not image:
            name = path.rsplit("/", 1)[-1]
            if not name or "." not in name.strip(".") or name.lower().endswith(".md"):
                # a page of the site (another practice, a folder URL), not an attachment: MkDocs
                # resolves Markdown links (not raw HTML ones), and the gate checks them the same way
                if markdown:
                    self.links.append((line, path))
                return
        self.file(path, line, image, field)

    def file(self, value: str, line: int | None, image: bool, field: str | None = None) -> None:
        """Checks of a local image or attachment path, relative to the practice file."""
        if "\\" in value or scheme_like_drive(value):
            self.add(
                "E220",
                line,
                {"value": _short(value), "reason": Word("path-backslash")},
                [Hint("relative_path")],
                field,
            )
            return
        if value.startswith("/"):
            self.add(
                "E220",
                line,
                {"value": _short(value), "reason": Word("path-absolute")},
                [Hint("relative_path")],
                field,
            )
            return
        target = Path(os.path.normpath(self.folder / value))
        if not target.is_relative_to(self.practices):
            self.add(
                "E220",
                line,
                {"value": _short(value), "reason": Word("path-outside")},
                [Hint("relative_path")],
                field,
            )
            return
        if not os.path.lexists(target):
            self.add("E514", line, {"value": _short(value)}, [Hint("check_path")], field)
            return
        real = Path(os.path.realpath(target))
        if not real.is_relative_to(Path(os.path.realpath(self.practices))):
            self.add(
                "E220",
                line,
                {"value": _short(value), "reason": Word("path-symlink")},
                [Hint("relative_path")],
                field,
            )
            return
        if not real.is_file():
            self.add("E514", line, {"value": _short(value)}, [Hint("check_path")], field)
            return
        self.files.append(PRACTICES_DIR + "/" + target.relative_to(self.practices).as_posix())
        size = real.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            self.add(
                "E516",
                line,
                {"value": _short(value), "size": -(-size // 1024), "limit": MAX_ATTACHMENT_BYTES // 1024},
                [Hint("shrink_file")],
                field,
            )
            return
        types = filetypes.IMAGE_TYPES if image else filetypes.ATTACHMENT_TYPES
        ext = target.suffix.lower().lstrip(".")  # the name as written: what the site serves it as
        kind = filetypes.detect(real)
        if ext in types and filetypes.matches(ext, kind):
            return
        detected = kind if ext not in types or kind in _NEVER else f"{kind} ≠ .{ext}"
        values = ", ".join(dict.fromkeys(t for t in types.values() if t != "PDF"))
        self.add(
            "E515",
            line,
            {"value": _short(value), "detected": detected},
            [Hint("file_types", {"values": values})],
            field,
        )

    # -- header -------------------------------------------------------------------------------------
    def cover(self) -> None:
        meta = self.header.data or {}
        value = meta.get("cover_image")
        if isinstance(value, str) and value.strip() and path_problem(value) is None:
            self.file(value.strip(), self.header.line_of(("cover_image",)), True, "cover_image")

    def fields(self) -> None:
        """No markup in header values: the theme prints some of them unescaped (Material's header bar
        shows the page title as raw HTML). The summary has its own plain-text rule (E219)."""
        stack: list[tuple[tuple[str | int, ...], object]] = [
            ((k,), v) for k, v in (self.header.data or {}).items() if isinstance(k, str) and k != "summary"
        ]
        found = []
        while stack:
            path, value = stack.pop()
            if isinstance(value, str):
                m = _FIELD_TAG_RE.search(value)
                if m:
                    what = f"<{m.group(1).lower()}>" if m.group(1) else "<!…>"
                    found.append((self.header.line_of(path) or 0, fmt_path(path), what))
            elif isinstance(value, dict):
                stack.extend((path + (k,), v) for k, v in value.items() if isinstance(k, str))
            elif isinstance(value, list):
                stack.extend((path + (i,), v) for i, v in enumerate(value))
        for line, field, what in sorted(found):
            self.add("E511", line or None, {"what": what}, [Hint("plain_field")], field)


def scheme_like_drive(value: str) -> bool:
    return re.match(r"^[A-Za-z]:[\\/]", value) is not None


def _short(value: str, limit: int = 80) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def check_safety(
    path: Path, relpath: str, header: Header, root: Path, refs: References | None = None
) -> list[Diagnostic]:
    """Raw HTML, links, images and attachments of one practice (see the module docstring). With
    `refs`, the practice's links to pages and the local files it refers to are added to it."""
    checker = _Checker(path, relpath, header, root)
    checker.fields()
    checker.body()
    checker.cover()
    if refs is not None:
        refs.links.extend(checker.links)
        refs.files.extend(checker.files)
    return checker.out


def check_asset(path: Path, relpath: str) -> list[Diagnostic]:
    """One file under practices/ that is not a page: MkDocs would copy it into the site as is, so an
    .html or .svg file would run scripts on the site's origin. It must be an allowed attachment type
    (by content) of at most 2 MB. `path` is a regular file, not a link (the gate refuses links)."""
    name = path.name
    size = path.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        params = {"value": name, "size": -(-size // 1024), "limit": MAX_ATTACHMENT_BYTES // 1024}
        return [Diagnostic(relpath, "E516", params=params, hints=(Hint("shrink_file"),))]
    ext = path.suffix.lower().lstrip(".")
    kind = filetypes.detect(path)
    if filetypes.matches(ext, kind):
        return scan_attachment(path, relpath)  # its name, text and metadata: what a reader gets
    detected = kind if ext not in filetypes.ATTACHMENT_TYPES or kind in _NEVER else f"{kind} ≠ .{ext}"
    values = filetypes.PUBLISHED_TYPE_NAMES
    params = {"value": name, "detected": detected}
    return [Diagnostic(relpath, "E515", params=params, hints=(Hint("file_types", {"values": values}),))]


def check_content(
    path: Path, relpath: str, header: Header, root: Path, refs: References | None = None
) -> list[Diagnostic]:
    """Privacy and safety checks of one parsed practice: what the loader runs after the body checks."""
    return check_privacy(relpath, header) + check_safety(path, relpath, header, root, refs)
