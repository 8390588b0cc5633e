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

import html
import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import nh3

from . import filetypes
from .diagnostics import Diagnostic, Hint
from .frontmatter import Header
from .messages import Word
from .privacy import check_privacy
from .schema import path_problem

PRACTICES_DIR = "practices"
MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
}  # fmt: skip
GLOBAL_ATTRS = {"title", "lang", "dir", "markdown"}
TAG_ATTRS = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "col": {"span"},
    "colgroup": {"span"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
}
URL_ATTRS = {"href", "src", "cite"}
# Tags that are reported wherever they appear outside code, even half-written (no closing '>').
_DANGEROUS_TAG_RE = re.compile(
    r"<(script|iframe|object|embed|style|form|link|meta|base|svg|math|frame|frameset|applet|portal"
    r"|noscript|template|xmp|plaintext|noembed|noframes)(?![\w-])",
    re.I,
)
# attr_list (`{: .class #id key=value }`) can set any attribute when the extension is enabled.
_ATTR_LIST_RE = re.compile(r"\{:?[ \t]*([^{}\n]*[=#][^{}\n]*)\}")
_ATTR_KEY_RE = re.compile(r"(?:^|\s)([^\s=#.\"']+)\s*=")
_ATTR_ID_RE = re.compile(r"(?:^|\s)#(__\S*)")
_RISKY_KEYS = {"style", "href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "background",
               "data", "codebase", "manifest", "ping", "target", "form"}
_SNIPPET_RE = re.compile(r"-{1,2}8<-{1,2}")
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}):([^\s<>]*)>|<[^\s<>@]+@[^\s<>@]+>")
_REF_DEF_RE = re.compile(r"^ {0,3}\[((?:[^\]\\]|\\.)+)\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
_REF_IMAGE_RE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\][ ]?(?:\[((?:[^\]\\]|\\.)*)\])?(?!\()")
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
# Detected kinds that are never allowed, whatever the extension says.
_NEVER = {"SVG", "HTML", "VBA", "binary", "ZIP", "ZIP?", "text"}


# --------------------------------------------------------------------------------------------------
# Masking code: fenced blocks and code spans become spaces (newlines kept, so offsets keep their lines)
# --------------------------------------------------------------------------------------------------


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def mask_code(body: str) -> str:
    """The body with the content of closed fenced code blocks and of code spans blanked out."""
    if "`" not in body and "~~~" not in body:
        return body
    lines = body.split("\n")
    i = 0
    while i < len(lines):
        m = _FENCE_RE.match(lines[i])
        if m:
            fence = m.group(1)
            close = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
            end = next((j for j in range(i + 1, len(lines)) if close.match(lines[j])), None)
            if end is not None:  # an unclosed fence is not code for Python-Markdown: keep it checked
                for j in range(i + 1, end):
                    lines[j] = _blank(lines[j])
                i = end + 1
                continue
        i += 1
    text = "\n".join(lines)
    if "`" not in text:
        return text
    out, pos = [], 0
    for para in _paragraphs(text):
        start, chunk = para
        out.append(text[pos:start])
        out.append(_mask_spans(chunk))
        pos = start + len(chunk)
    out.append(text[pos:])
    return "".join(out)


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for m in _BLANK_LINE_RE.finditer(text):
        yield pos, text[pos : m.start()]
        pos = m.end()
    yield pos, text[pos:]


_SPAN_RE = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)


def _mask_spans(chunk: str) -> str:
    if "`" not in chunk:
        return chunk

    def repl(m: re.Match) -> str:
        inner = m.group(2)
        # A line of the span that starts with '<' may be taken as a raw HTML block: keep it checked.
        if re.search(r"\n[ \t]*<", inner):
            return m.group(0)
        return m.group(1) + _blank(inner) + m.group(1)

    return _SPAN_RE.sub(repl, chunk)


# --------------------------------------------------------------------------------------------------
# Findings in the body
# --------------------------------------------------------------------------------------------------


def _url_scheme(url: str) -> str | None:
    """The scheme a browser would see in `url` (entities decoded, whitespace and controls removed)."""
    value = html.unescape(url)
    value = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", value)  # Markdown backslash escapes
    value = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
    m = _SCHEME_RE.match(value)
    return m.group(1) if m else None


def _is_remote(url: str) -> bool:
    value = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(url)).lower()
    return value.startswith(("http:", "https:", "//", "\\\\", "/\\", "\\/"))


class _TagScanner(HTMLParser):
    """Collects tags, attributes and markup declarations with their positions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, int, str, list[tuple[str, str | None]]]] = []
        self.other: list[tuple[int, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        line, col = self.getpos()
        self.tags.append((line, col, tag, attrs))

    handle_startendtag = handle_starttag

    def handle_decl(self, decl: str) -> None:
        self.other.append((*self.getpos(), "<!" + decl[:20] + ">"))

    def unknown_decl(self, data: str) -> None:
        self.other.append((*self.getpos(), "<![" + data[:20] + "]>"))

    def handle_pi(self, data: str) -> None:
        self.other.append((*self.getpos(), "<?" + data[:20] + ">"))


class _Checker:
    """Safety checks of one practice; collects diagnostics."""

    def __init__(self, path: Path, relpath: str, header: Header, root: Path):
        self.path, self.relpath, self.header, self.root = path, relpath, header, root
        self.practices = Path(os.path.abspath(root / PRACTICES_DIR))
        self.folder = Path(os.path.abspath(path)).parent
        self.out: list[Diagnostic] = []

    def add(self, code: str, line: int | None, params: dict, hints=(), field: str | None = None) -> None:
        self.out.append(Diagnostic(self.relpath, code, line, None, field, params, tuple(hints)))

    # -- body --------------------------------------------------------------------------------------
    def body(self) -> None:
        body, first = self.header.body, self.header.body_line
        text = mask_code(body)
        starts = [0] + [m.end() for m in re.finditer("\n", text)]

        def line_at(offset: int) -> int:
            lo, hi = 0, len(starts)
            while lo + 1 < hi:
                mid = (lo + hi) // 2
                if starts[mid] <= offset:
                    lo = mid
                else:
                    hi = mid
            return first + lo

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

    def _autolinks(self, text: str, line_at) -> str:
        def repl(m: re.Match) -> str:
            scheme = m.group(1)
            if scheme is not None and scheme.lower() not in SAFE_SCHEMES and len(scheme) > 1:
                self.add("E512", line_at(m.start()), {"value": _short(m.group(0)[1:-1])}, [Hint("safe_link")])
            return _blank(m.group(0))

        return _AUTOLINK_RE.sub(repl, text)

    def _html(self, text: str, first: int) -> None:
        scanner = _TagScanner()
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
                    self._url(value, line, image=(tag == "img" and name == "src"))
        for line0, _col, what in scanner.other:
            self.add("E511", first + line0 - 1, {"what": what}, [Hint("safe_html")])
        for m in _DANGEROUS_TAG_RE.finditer(text):
            line = first + text.count("\n", 0, m.start())
            tag = m.group(1).lower()
            if (line, tag) not in seen:
                seen.add((line, tag))
                self.add("E511", line, {"what": f"<{tag}>"}, [Hint("safe_html")])

    def _attr_lists(self, text: str, line_at) -> None:
        for m in _ATTR_LIST_RE.finditer(text):
            inner = m.group(1)
            for key in _ATTR_KEY_RE.findall(inner):
                k = key.lower()
                if k.startswith("on") or k in _RISKY_KEYS:
                    self.add("E511", line_at(m.start()), {"what": "{: " + key + "=}"}, [Hint("safe_html")])
            for ident in _ATTR_ID_RE.findall(inner):
                self.add("E511", line_at(m.start()), {"what": "{: #" + ident[:30] + "}"}, [Hint("safe_html")])

    def _links(self, text: str, line_at) -> None:
        for start, url, image in _inline_links(text):
            self._url(url, line_at(start), image=image)
        definitions: dict[str, tuple[int, str]] = {}
        for m in _REF_DEF_RE.finditer(text):
            label = _label(m.group(1))
            url = m.group(2)[1:-1] if m.group(2).startswith("<") else m.group(2)
            definitions.setdefault(label, (m.start(), url))
        image_labels = {_label(m.group(2) or m.group(1)) for m in _REF_IMAGE_RE.finditer(text)}
        for label, (start, url) in definitions.items():
            self._url(url, line_at(start), image=label in image_labels)

    # -- one URL ------------------------------------------------------------------------------------
    def _url(self, url: str, line: int | None, image: bool, field: str | None = None) -> None:
        url = url.strip()
        if not url:
            return
        scheme = _url_scheme(url)
        if image and _is_remote(url):
            self.add("E513", line, {"value": _short(url)}, [Hint("local_image")], field)
            return
        if scheme is not None and len(scheme) > 1:
            if scheme not in SAFE_SCHEMES:
                self.add("E512", line, {"value": _short(url)}, [Hint("safe_link")], field)
            return
        if url.startswith("//") or _is_remote(url):
            return  # a link to another site
        path = unquote(html.unescape(re.split(r"[?#]", url, maxsplit=1)[0]))
        if not path:
            return
        if not image:
            name = path.rsplit("/", 1)[-1]
            if not name or "." not in name.strip(".") or name.lower().endswith(".md"):
                return  # a page of the site (another practice, a folder URL), not an attachment
        self.file(path, line, image, field)

    def file(self, value: str, line: int | None, image: bool, field: str | None = None) -> None:
        """Checks of a local image or attachment path, relative to the practice file."""
        if "\\" in value or scheme_like_drive(value):
            self.add("E220", line, {"value": _short(value), "reason": Word("path-backslash")}, [Hint("relative_path")], field)
            return
        if value.startswith("/"):
            self.add("E220", line, {"value": _short(value), "reason": Word("path-absolute")},
                     [Hint("relative_path")], field)
            return
        target = Path(os.path.normpath(self.folder / value))
        if not target.is_relative_to(self.practices):
            self.add("E220", line, {"value": _short(value), "reason": Word("path-outside")},
                     [Hint("relative_path")], field)
            return
        if not os.path.lexists(target):
            self.add("E514", line, {"value": _short(value)}, [Hint("check_path")], field)
            return
        real = Path(os.path.realpath(target))
        if not real.is_relative_to(Path(os.path.realpath(self.practices))):
            self.add("E220", line, {"value": _short(value), "reason": Word("path-symlink")},
                     [Hint("relative_path")], field)
            return
        if not real.is_file():
            self.add("E514", line, {"value": _short(value)}, [Hint("check_path")], field)
            return
        size = real.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            self.add("E516", line, {"value": _short(value), "size": -(-size // 1024), "limit": MAX_ATTACHMENT_BYTES // 1024},
                     [Hint("shrink_file")], field)
            return
        types = filetypes.IMAGE_TYPES if image else filetypes.ATTACHMENT_TYPES
        ext = target.suffix.lower().lstrip(".")  # the name as written: what the site serves it as
        kind = filetypes.detect(real)
        if ext in types and filetypes.matches(ext, kind):
            return
        detected = kind if ext not in types or kind in _NEVER else f"{kind} ≠ .{ext}"
        values = ", ".join(dict.fromkeys(types.values()))
        self.add("E515", line, {"value": _short(value), "detected": detected},
                 [Hint("file_types", {"values": values})], field)

    # -- header -------------------------------------------------------------------------------------
    def cover(self) -> None:
        meta = self.header.data or {}
        value = meta.get("cover_image")
        if isinstance(value, str) and value.strip() and path_problem(value) is None:
            self.file(value.strip(), self.header.line_of(("cover_image",)), True, "cover_image")


def scheme_like_drive(value: str) -> bool:
    return re.match(r"^[A-Za-z]:[\\/]", value) is not None


def _short(value: str, limit: int = 80) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _label(text: str) -> str:
    return " ".join(text.lower().split())


def _inline_links(text: str) -> Iterator[tuple[int, str, bool]]:
    """(offset, destination, is_image) of every `[...](destination)`, found leniently."""
    pos = 0
    while True:
        i = text.find("](", pos)
        if i < 0:
            return
        pos = i + 2
        j = i + 2
        while j < len(text) and text[j] in " \t\n":
            j += 1
        if j < len(text) and text[j] == "<":
            k = text.find(">", j)
            dest = text[j + 1 : k] if k >= 0 else text[j + 1 :].split("\n", 1)[0]
        else:
            depth, k = 0, j
            while k < len(text) and not text[k].isspace():
                c = text[k]
                if c == "\\":
                    k += 2
                    continue
                if c == "(":
                    depth += 1
                elif c == ")":
                    if depth == 0:
                        break
                    depth -= 1
                k += 1
            dest = text[j:k]
        yield i, dest, _opening_is_image(text, i)


def _opening_is_image(text: str, close: int) -> bool:
    """Whether the `[` matching the `]` at `close` is preceded by `!`."""
    depth, k = 0, close - 1
    lower = max(0, close - 2000)
    while k >= lower:
        c = text[k]
        if c == "]" and (k == 0 or text[k - 1] != "\\"):
            depth += 1
        elif c == "[" and (k == 0 or text[k - 1] != "\\"):
            if depth == 0:
                return k > 0 and text[k - 1] == "!"
            depth -= 1
        k -= 1
    return False


def check_safety(path: Path, relpath: str, header: Header, root: Path) -> list[Diagnostic]:
    """Raw HTML, links, images and attachments of one practice (see the module docstring)."""
    checker = _Checker(path, relpath, header, root)
    checker.body()
    checker.cover()
    return checker.out


def check_assets(root: Path) -> list[Diagnostic]:
    """Every file under practices/ that is not Markdown: MkDocs copies each one into the site as is,
    referenced or not, so an .html or .svg file would run scripts on the site's origin and a symbolic
    link would publish whatever it points to. Each must be an allowed attachment type (by content),
    at most 2 MB, and no link may leave practices/. Hidden files are skipped, as MkDocs skips them."""
    practices = Path(os.path.abspath(root / PRACTICES_DIR))
    real_practices = Path(os.path.realpath(practices))
    out: list[Diagnostic] = []
    values = ", ".join(dict.fromkeys(filetypes.ATTACHMENT_TYPES.values()))
    for dirpath, dirnames, filenames in os.walk(practices):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        for name in [*dirnames, *sorted(filenames)]:
            if name.startswith("."):
                continue
            entry = here / name
            rel = entry.relative_to(Path(os.path.abspath(root))).as_posix()
            if entry.is_symlink() and not Path(os.path.realpath(entry)).is_relative_to(real_practices):
                out.append(Diagnostic(rel, "E220", None, None, None, {"value": name, "reason": Word("path-symlink")},
                                      (Hint("relative_path"),)))
                if name in dirnames:
                    dirnames.remove(name)  # never walk into it
                continue
            if name in dirnames or name.endswith(".md") or not entry.is_file():
                continue
            size = entry.stat().st_size
            if size > MAX_ATTACHMENT_BYTES:
                out.append(Diagnostic(rel, "E516", None, None, None,
                                      {"value": name, "size": -(-size // 1024), "limit": MAX_ATTACHMENT_BYTES // 1024},
                                      (Hint("shrink_file"),)))
                continue
            ext = entry.suffix.lower().lstrip(".")
            kind = filetypes.detect(entry)
            if not filetypes.matches(ext, kind):
                detected = kind if ext not in filetypes.ATTACHMENT_TYPES or kind in _NEVER else f"{kind} ≠ .{ext}"
                out.append(Diagnostic(rel, "E515", None, None, None, {"value": name, "detected": detected},
                                      (Hint("file_types", {"values": values}),)))
    return out


def check_content(path: Path, relpath: str, header: Header, root: Path) -> list[Diagnostic]:
    """Privacy and safety checks of one parsed practice: what the loader runs after the body checks."""
    return check_privacy(relpath, header) + check_safety(path, relpath, header, root)


# --------------------------------------------------------------------------------------------------
# Second line of defence: sanitising the built HTML of practice pages
# --------------------------------------------------------------------------------------------------

# What Markdown and Material produce for a practice body (headings with permalinks, tables, code
# with Pygments classes, admonitions, details, footnotes, task lists) and nothing that can run code.
SANITIZE_TAGS = ALLOWED_TAGS | {"h1", "h2", "h3", "h4", "h5", "h6", "input", "label"}
SANITIZE_ATTRS = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "col": {"span"},
    "colgroup": {"span"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "input": {"type", "checked", "disabled"},
}
_CLASS_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# ids Material's own scripts look up (#__config, #__search ...) must not be forged by content;
# Pygments line anchors (__codelineno-0-1, __span-0-1) are the only generated ids with this prefix.
_GENERATED_ID_RE = re.compile(r"^__(codelineno|span)-\d+-\d+$")


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "id":
        return None if value.startswith("__") and not _GENERATED_ID_RE.match(value) else value
    if attr == "class":
        kept = [c for c in value.split() if _CLASS_RE.match(c)]
        return " ".join(kept) or None
    if tag == "img" and attr == "src" and _is_remote(value):
        return None  # no tracking pixels, even if the validator missed one
    if tag == "input" and attr == "type":
        return "checkbox"
    return value


def sanitize_html(fragment: str) -> str:
    """The HTML of a practice body with everything outside the safe subset removed (nh3/Ammonia)."""
    return nh3.clean(
        fragment,
        tags=SANITIZE_TAGS,
        clean_content_tags={"script", "style", "template", "noscript"},
        attributes=SANITIZE_ATTRS,
        attribute_filter=_attribute_filter,
        url_schemes=SAFE_SCHEMES,
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
