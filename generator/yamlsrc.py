"""Read one YAML document safely, keeping the line and column of every value.

Staff files never need anchors, aliases, merge keys or custom tags, so all of
them are refused: that also rules out alias bombs and object construction.
Dates stay strings (so ``format: date`` can check them) and duplicate keys are
errors rather than silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml when available: several times faster than the pure-Python parser
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[str | int, ...]

MAX_BYTES = 1_000_000
MAX_DEPTH = 50
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
# The YAML 1.1 words PyYAML reads as booleans; staff usually meant the word.
YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n", "true", "false"}


class YamlError(Exception):
    """A problem that stops one file from being read at all."""

    def __init__(self, message: str, line: int = 0, col: int = 0, path: Path = ()) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.path = path


@dataclass
class Document:
    """A loaded YAML document: plain data plus where each part of it was written."""

    data: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    raw_scalars: dict[Path, str] = field(default_factory=dict)

    def position(self, path: Path) -> tuple[int, int]:
        """Line and column of the value at ``path``, or of its nearest parent."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def key_position(self, path: Path) -> tuple[int, int]:
        """Line and column of the key that names ``path`` (falls back to the value)."""
        return self.key_positions.get(path) or self.position(path)


_constructor = yaml.constructor.SafeConstructor()


def decode(raw: bytes) -> str:
    """Decode file bytes as UTF-8 (a byte-order mark is allowed), normalising line ends."""
    if len(raw) > MAX_BYTES:
        raise YamlError(
            f"file is {len(raw):,} bytes; a registry file may be at most {MAX_BYTES:,} bytes"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(
            f"byte 0x{raw[exc.start]:02x} is not UTF-8 text; save the file as UTF-8", line, col
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _nesting_depth(text: str) -> int:
    """A cheap upper bound on flow nesting, checked before the parser recurses."""
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(depth - 1, 0)
    return deepest


def load(text: str) -> Document:
    """Parse ``text`` into a :class:`Document`, or raise :class:`YamlError`."""
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        col = text.index("\t") - (text.rfind("\n", 0, text.index("\t")) + 1) + 1
        if _tab_in_indent(text, text.index("\t")):
            raise YamlError("a tab is used for indentation; indent with spaces", line, col)
    if _nesting_depth(text) > MAX_DEPTH:
        raise YamlError(f"nesting is deeper than {MAX_DEPTH} levels")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = exc.problem or exc.context or "not valid YAML"
        raise YamlError(f"YAML syntax: {message}", line, col) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML syntax: {exc}") from None
    except RecursionError:
        raise YamlError(f"nesting is deeper than {MAX_DEPTH} levels") from None
    doc = Document(data=None)
    if node is None:
        return doc
    try:
        doc.data = _convert(node, (), doc, set(), 0)
    except YamlError as exc:
        if exc.message.startswith("anchors and aliases"):
            exc.line, exc.col = _first_alias(text)
        raise
    return doc


def _first_alias(text: str) -> tuple[int, int]:
    """Where the first ``*alias`` is written (only looked up on the error path)."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            return (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return 1, 1  # pragma: no cover - an alias was found by the composer


def _tab_in_indent(text: str, index: int) -> bool:
    start = text.rfind("\n", 0, index) + 1
    return text[start:index].strip(" ") == "" or text[start:index].lstrip(" ").startswith("-")


def _convert(node: yaml.Node, path: Path, doc: Document, seen: set[int], depth: int) -> Any:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if id(node) in seen:
        raise YamlError("anchors and aliases (& and *) are not allowed; write the value out", line, col, path)
    if depth > MAX_DEPTH:
        raise YamlError(f"nesting is deeper than {MAX_DEPTH} levels", line, col, path)
    doc.positions[path] = (line, col)
    if node.tag not in _STANDARD_TAGS:
        raise YamlError(
            f"the tag {node.tag.replace('tag:yaml.org,2002:', '!!')!r} is not allowed; remove it",
            line, col, path,
        )
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        doc.raw_scalars[path] = node.value
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value
        return _constructor.construct_object(node)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), doc, seen, depth + 1) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise YamlError("merge keys (<<) are not allowed; write the fields out", kline, kcol, path)
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlError("a key must be a plain word", kline, kcol, path)
        key = str(key_node.value)
        if key in result:
            first = doc.key_positions[path + (key,)][0]
            raise YamlError(f"the key {key!r} appears twice (first on line {first}); keep one", kline, kcol, path)
        doc.key_positions[path + (key,)] = (kline, kcol)
        result[key] = _convert(value_node, path + (key,), doc, seen, depth + 1)
    return result
