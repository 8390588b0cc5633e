"""The second line of defence: the built HTML of practice pages cleaned by nh3 (the Ammonia sanitiser).

Whatever the validator misses, a practice page keeps only the tags and attributes Markdown and
Material produce for a body, only http(s)/mailto/tel links, and no remote images.
"""

from __future__ import annotations

import re

import nh3

from lumbung.rules.markup import is_remote

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
# The raw HTML a contributor may write (the validator's subset).
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
}  # fmt: skip

# What Markdown and Material produce for a practice body (headings with permalinks, tables, code
# with Pygments classes, admonitions, details, footnotes, task lists) and nothing that can run code.
SANITIZE_TAGS = ALLOWED_TAGS | {"h1", "h2", "h3", "h4", "h5", "h6", "input", "label"}
# The attributes a contributor may write on those tags (the validator's subset).
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
# The rendered body may also carry what Markdown adds: ids and classes, titles, table alignment
# styles, task-list checkboxes.
SANITIZE_ATTRS = {
    "*": {"class", "id", "title", "lang", "dir"},
    **{tag: attrs | {"title"} if tag in ("a", "img") else set(attrs) for tag, attrs in TAG_ATTRS.items()},
    "td": TAG_ATTRS["td"] | {"style"},
    "th": TAG_ATTRS["th"] | {"style"},
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
    if tag == "img" and attr == "src" and is_remote(value):
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
