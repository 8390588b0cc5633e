"""Front matter: one reader that accepts exactly what MkDocs accepts, and explains everything else.

MkDocs renders a header only when it matches its own rule (`---` on the first line, closed by `---`
or `...`, file read as utf-8-sig) and silently drops a header with a YAML error, so a practice could
pass a naive check and still appear on the site without metadata. This reader applies MkDocs' own
regular expression and reports every other shape with its real line number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

import yaml

from lumbung.datafiles import YAML_LOADER
from lumbung.diagnostics import Diagnostic, Hint, shorten
from lumbung.escape import unrepresentable
from lumbung.messages import Word, catalogue

# The same expression as mkdocs.utils.meta.YAML_RE (MkDocs 1.6.1), kept here so the core does not
# import mkdocs; tests/core/test_frontmatter_mkdocs.py asserts the two stay identical.
MKDOCS_YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)

MAX_HEADER_BYTES = 64 * 1024
MAX_NODES = 5_000  # nodes after alias expansion; a real header has a few hundred at most

_BaseLoader = YAML_LOADER
_TAG_CACHE: dict[str, str] = {}


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe (C) loader, with the tag of short plain scalars cached across files.

    Even the C loader calls the Python resolver for every scalar, which tries regular expressions
    on it; keys and vocabulary values repeat from file to file, so their tag is looked up once.
    The tag of a plain scalar depends on its text alone (there are no path resolvers).
    """

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0] and len(value) <= 40:
            tag = _TAG_CACHE.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_TAG_CACHE) < 50_000:
                    _TAG_CACHE[value] = tag
            return tag
        return cast(str, super().resolve(kind, value, implicit))


SAFE_TAG_PREFIX = "tag:yaml.org,2002:"
SAFE_TAGS = {
    SAFE_TAG_PREFIX + t
    # no !!binary: bytes have no place in any page, feed or data file the site publishes
    for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge")
}


class HeaderError(Exception):
    """A header problem, carried as a diagnostic."""

    def __init__(
        self,
        code: str,
        line: int | None,
        params: dict | None = None,
        hints: Iterable[Hint] = (),
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(code)
        self.code, self.line, self.column, self.field = code, line, column, field
        self.params, self.hints = params or {}, tuple(hints)


@dataclass
class YamlDoc:
    data: Any
    node: yaml.Node | None
    problems: list[HeaderError] = field(default_factory=list)  # non-fatal: duplicate keys


@dataclass
class Header:
    """The parsed header of one file: data, the YAML node tree for line numbers, and the body."""

    data: dict | None
    node: yaml.Node | None
    body: str
    body_line: int
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # False when no value can hold a character that no output can show: the header text has none,
    # and no backslash code in double quotes could make one (see lumbung.escape.unrepresentable)
    odd_characters: bool = True
    source: str = ""  # the header's YAML as written (comments included), from the file's line 2

    def line_of(self, path: tuple) -> int | None:
        """File line of the value at a field path ('authors', 0, 'email'), or of its nearest parent."""
        node, line = self.node, None
        if node is None:
            return None
        line = node.start_mark.line + 2
        for part in path:
            child = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                # PyYAML keeps the last of duplicate keys, so the line is the last one's too
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode) and key.value == part:
                        child, line = value, key.start_mark.line + 2
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                child = node.value[part]
                line = child.start_mark.line + 2
            if child is None:
                return line
            node = child
        return line

    def node_at(self, path: tuple) -> yaml.Node | None:
        """The YAML node of the value at a field path, or None where the path leads nowhere."""
        node = self.node
        for part in path:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
            else:
                return None
        return node

    def raw_scalar(self, path: tuple) -> str | None:
        """The text a plain scalar was written as (to explain YAML 1.1 surprises such as `no`)."""
        node = self.node_at(path)
        if isinstance(node, yaml.ScalarNode) and not node.style:  # plain style: None (Python) or "" (libyaml)
            return cast(str, node.value)
        return None


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(SAFE_TAG_PREFIX) :] if tag.startswith(SAFE_TAG_PREFIX) else tag


class _UsePyYAML(Exception):
    """A rare shape (merge keys, a tag that does not fit its node) that PyYAML's constructor must judge."""


_STR, _SEQ, _MAP = (SAFE_TAG_PREFIX + t for t in ("str", "seq", "map"))
_SCALAR_TAGS = SAFE_TAGS - {_SEQ, _MAP, SAFE_TAG_PREFIX + "merge"}
_PROBE = yaml.SafeLoader("")  # lends its scalar constructors (they only read the node)
MAX_DEPTH = 50


class _Builder:
    """Checks a composed node tree and builds the value yaml.SafeLoader would build, in one walk.

    Checks: only safe tags; at most MAX_NODES nodes after alias expansion (sizes are memoised per
    node, so an alias bomb is measured without being expanded); at most MAX_DEPTH levels; no alias
    cycle; duplicate keys are collected. Building directly is several times cheaper than PyYAML's
    generic constructor; shapes it does not cover raise _UsePyYAML and are checked with
    `construct=False`, then built by PyYAML.
    """

    def __init__(self, construct: bool = True):
        self.construct = construct
        self.done: dict[int, tuple[Any, int]] = {}  # id(node) -> (value, size after expansion)
        self.open: set[int] = set()
        self.duplicates: list[HeaderError] = []

    def build(self, node: yaml.Node, depth: int = 0) -> tuple[Any, int]:
        done = self.done.get(id(node))
        if done is not None:
            return done
        if depth > MAX_DEPTH or id(node) in self.open:
            detail = "depth > 50" if depth > MAX_DEPTH else f"> {MAX_NODES} node"
            raise HeaderError("E119", node.start_mark.line + 2, {"detail": detail}, [Hint("no_aliases")])
        tag = node.tag
        if tag not in SAFE_TAGS:
            short = _short_tag(tag)
            hints = [Hint("no_tags", {"tag": short})]
            raise HeaderError("E118", node.start_mark.line + 2, {"tag": short}, hints)
        kind = type(node)
        if kind is yaml.ScalarNode:
            if tag == _STR:
                return node.value, 1
            if tag not in _SCALAR_TAGS or not self.construct:
                if self.construct:
                    raise _UsePyYAML
                return None, 1
            return _PROBE.yaml_constructors[tag](_PROBE, node), 1
        if self.construct and tag != (_SEQ if kind is yaml.SequenceNode else _MAP):
            raise _UsePyYAML
        self.open.add(id(node))
        if kind is yaml.SequenceNode:
            result: Any = []
            size = 1
            for item in node.value:
                if type(item) is yaml.ScalarNode and item.tag == _STR:  # the common case, inline
                    result.append(item.value)
                    size += 1
                else:
                    value, n = self.build(item, depth + 1)
                    result.append(value)
                    size += n
        else:
            result, size = self._mapping(cast(yaml.MappingNode, node), depth)  # the third kind of node
        self.open.discard(id(node))
        if size > MAX_NODES:
            params = {"detail": f"> {MAX_NODES} node"}
            raise HeaderError("E119", node.start_mark.line + 2, params, [Hint("no_aliases")])
        self.done[id(node)] = (result, size)
        return result, size

    def _mapping(self, node: yaml.MappingNode, depth: int) -> tuple[dict, int]:
        mapping: dict = {}
        size = 1
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 2
            if type(key_node) is yaml.ScalarNode:
                if key_node.value in seen:
                    self.duplicates.append(
                        HeaderError(
                            "E117",
                            line,
                            {"key": key_node.value, "first_line": seen[key_node.value]},
                            [Hint("remove_duplicate")],
                            column=key_node.start_mark.column + 1,
                        )
                    )
                seen.setdefault(key_node.value, line)
            if type(key_node) is yaml.ScalarNode and key_node.tag == _STR:  # the common case, inline
                key, key_size = key_node.value, 1
            else:
                key, key_size = self.build(key_node, depth + 1)
            if type(value_node) is yaml.ScalarNode and value_node.tag == _STR:
                value, value_size = value_node.value, 1
            else:
                value, value_size = self.build(value_node, depth + 1)
            size += key_size + value_size
            if self.construct:
                try:
                    mapping[key] = value  # a repeated key keeps its first place and last value, as in PyYAML
                except TypeError:
                    raise HeaderError(
                        "E116",
                        line,
                        {"problem": Word("found unhashable key")},
                        [Hint("yaml_syntax")],
                        column=key_node.start_mark.column + 1,
                    ) from None
        return mapping, size


def _failing_scalar(root: yaml.Node) -> tuple[yaml.ScalarNode, str] | None:
    """The first scalar the safe constructor refuses, and its field path (called once construction failed)."""
    probe = yaml.SafeLoader("")
    stack: list[tuple[yaml.Node, str]] = [(root, "")]
    seen: set[int] = set()
    while stack:
        node, where = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            constructor = probe.yaml_constructors.get(node.tag)
            try:
                if constructor is not None:
                    constructor(probe, node)
            except Exception:
                return node, where
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                stack.append((value, f"{where}.{name}" if where else name))
                stack.append((key, where))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, f"{where}[{i}]") for i, item in reversed(list(enumerate(node.value))))
    return None


OTHER_PROBLEM = "yaml-other"
# PyYAML problems whose text varies (a character, a type name): the start names the catalogue entry
_PROBLEM_PREFIXES = {
    "expected a mapping": "expected a mapping for merging",
    "found unacceptable key": "found unhashable key",
    "found duplicate anchor": "found duplicate anchor",
    "found unknown escape character": "found unknown escape character",
    "expected a single document": "expected a single document in the stream",
    "expected escape sequence": "did not find expected hexdecimal number",
}


# problems of a backslash code inside double quotes, where single quotes are the way out
_ESCAPE_PROBLEMS = {
    "found invalid Unicode character escape code",
    "found unknown escape character",
    "did not find expected hexdecimal number",
}


def problem_word(problem: str) -> Word:
    """A PyYAML problem as an entry of the message catalogue's `words`, so it reads in the reader's
    language; a problem the catalogue does not know reads as a general one, never as PyYAML's English."""
    words = catalogue()["words"]
    if problem in words:
        return Word(problem)
    for start, key in _PROBLEM_PREFIXES.items():
        if problem.startswith(start):
            return Word(key)
    return Word(OTHER_PROBLEM)


_OPENED_HERE = {
    "found unexpected end of stream",
    "did not find expected ',' or ']'",
    "did not find expected ',' or '}'",
}


def load_yaml(text: str) -> YamlDoc:
    """Compose and construct one YAML document safely. Raises HeaderError with 1-based header lines + 1."""
    # a character is at most 4 bytes: only long headers need encoding to be measured
    if len(text) * 4 > MAX_HEADER_BYTES and len(text.encode("utf-8", "surrogatepass")) > MAX_HEADER_BYTES:
        raise HeaderError("E119", 2, {"detail": f"> {MAX_HEADER_BYTES // 1024} KB"}, [Hint("split_file")])
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            problem = (exc.problem or exc.context or "").strip()
            # an unclosed quote or bracket is noticed at the end; where it was opened is what helps
            mark = exc.context_mark if problem in _OPENED_HERE and exc.context_mark else None
            mark = mark or exc.problem_mark or exc.context_mark
            line = mark.line + 2 if mark else None
            col = mark.column + 1 if mark else None
            word = problem_word(problem)
            hint = Hint("single_quotes") if word in _ESCAPE_PROBLEMS else Hint("yaml_syntax")
            raise HeaderError("E116", line, {"problem": word}, [hint], column=col) from None
        except yaml.reader.ReaderError as exc:
            # a character YAML does not accept in a file (a control character): say which, and where
            line = text.count("\n", 0, max(exc.position, 0)) + 2
            params = {"char": f"U+{exc.character:04X}" if isinstance(exc.character, int) else "?"}
            raise HeaderError("E223", line, params, [Hint("remove_char")]) from None
        except yaml.YAMLError:
            params = {"problem": Word(OTHER_PROBLEM)}
            raise HeaderError("E116", 2, params, [Hint("yaml_syntax")]) from None
        if node is None:
            return YamlDoc(None, None)
        builder = _Builder()
        try:
            try:
                data, _ = builder.build(node)
            except _UsePyYAML:
                builder = _Builder(construct=False)
                builder.build(node)
                data = loader.construct_document(node)
        except yaml.constructor.ConstructorError as exc:
            mark = exc.problem_mark
            raise HeaderError(
                "E116",
                mark.line + 2 if mark else None,
                {"problem": problem_word((exc.problem or "").strip())},
                [Hint("yaml_syntax")],
                column=mark.column + 1 if mark else None,
            ) from None
        except HeaderError:
            raise
        except Exception:
            # e.g. a timestamp such as 2025-02-30 that the resolver accepts but datetime refuses, or an
            # empty `!!int` (MkDocs then drops the whole header): point at the scalar that fails
            found = _failing_scalar(node)
            bad, where = found if found else (node, None)
            if bad.tag == SAFE_TAG_PREFIX + "timestamp":
                raise HeaderError(
                    "E207",
                    bad.start_mark.line + 2,
                    {"value": bad.value},
                    [Hint("date_format")],
                    column=bad.start_mark.column + 1,
                    field=where or None,
                ) from None
            mark = bad.start_mark
            if bad.tag == SAFE_TAG_PREFIX + "int":  # more digits than Python turns into a number
                raise HeaderError(
                    "E225",
                    mark.line + 2,
                    {"value": shorten(bad.value), "reason": Word("number-huge")},
                    [Hint("finite_number")],
                    column=mark.column + 1,
                    field=where or None,
                ) from None
            params = {"problem": Word(OTHER_PROBLEM)}
            raise HeaderError("E116", mark.line + 2, params, [Hint("yaml_syntax")]) from None
        return YamlDoc(data, node, builder.duplicates)
    finally:
        loader.dispose()


def _explain_no_match(text: str) -> HeaderError:
    """Why MkDocs would not see a header in `text`."""
    lines = text.split("\n")
    first = lines[0]
    if re.match(r"^-{3}[ \t]*$", first) and len(lines) > 1 and re.match(r"^(-{3}|\.{3})[ \t]*$", lines[1]):
        # `---` right after `---`: MkDocs needs at least one line between the fences
        return HeaderError("E114", 1, hints=[Hint("fill_header")])
    if first.strip() == "":
        fence_line = next((i for i, ln in enumerate(lines) if ln.strip()), None)
        if fence_line is not None and re.match(r"^-{3,}\s*$", lines[fence_line]):
            return HeaderError("E111", 1, hints=[Hint("remove_before", {"line": fence_line + 1})])
        return HeaderError("E110", 1, hints=[Hint("header_start")])
    if re.match(r"^-{3}[ \t]*$", first):
        # opened correctly; the closing fence is missing or malformed
        for i, ln in enumerate(lines[1:], start=2):
            if re.match(r"^(-{3}|\.{3})[ \t]*$", ln) and i == len(lines):
                # a closing fence on the last line without a line break: MkDocs needs the break
                return HeaderError("E113", i, hints=[Hint("newline_after_fence")])
            if re.match(r"^(-{4,}|\.{4,}|-{3}\S.*|\.{3}\S.*)\s*$", ln):
                return HeaderError("E112", i, {"fence": ln.strip()}, [Hint("close_header")])
        return HeaderError("E113", 1, hints=[Hint("close_header")])
    if re.match(r"^-{2,}.*$", first) or re.match(r"^\.{3}", first):
        return HeaderError("E112", 1, {"fence": first.strip()[:20]}, [Hint("header_start")])
    fence_line = next((i for i, ln in enumerate(lines) if re.match(r"^-{3}[ \t]*$", ln)), None)
    if fence_line is not None:
        return HeaderError("E111", 1, hints=[Hint("remove_before", {"line": fence_line + 1})])
    return HeaderError("E110", 1, hints=[Hint("header_start")])


def parse(text: str, path: str) -> Header:
    """Split and load the header of `text` (already decoded, newlines normalised) the way MkDocs does."""
    try:
        # One regular expression splits the text. python-frontmatter's loads() strips the text before it
        # looks for the fences, so it disagrees with MkDocs both ways (tests/core/test_frontmatter_mkdocs.py).
        match = MKDOCS_YAML_RE.match(text)
        if match is None:
            raise _explain_no_match(text)
        fm, body = match.group(1), text[match.end() :]
        doc = load_yaml(fm)
        if doc.data is None:
            raise HeaderError("E114", 1, hints=[Hint("fill_header")])
        if not isinstance(doc.data, dict):
            kind = type(doc.node).__name__.replace("Node", "").lower()
            raise HeaderError("E115", 2, {"kind": Word(kind)}, [Hint("header_start")])
    except HeaderError as err:
        diag = Diagnostic(
            path,
            err.code,
            line=err.line,
            column=err.column,
            field=err.field,
            params=err.params,
            hints=err.hints,
        )
        return Header(None, None, text, 1, [diag])
    header_lines = fm.count("\n") + 2  # opening fence + header lines + closing fence
    diags = [
        Diagnostic(path, e.code, line=e.line, column=e.column, params=e.params, hints=e.hints)
        for e in doc.problems
    ]
    # MkDocs strips leading blank lines of the body; line numbers must not shift with it
    # YAML's reader refuses raw control characters, so plain ASCII can only hide them behind a backslash
    odd = "\\" in fm or (not fm.isascii() and unrepresentable(fm) is not None)
    return Header(doc.data, doc.node, body, header_lines + 1, diags, odd, fm)
