"""Read one YAML document safely, keeping the line and column of every value.

Staff files never need aliases, merge keys or custom tags, so all of them are
refused where they are written: that also rules out alias bombs, recursive
aliases and object construction. (An anchor alone is harmless and ignored.)
Dates stay strings (so ``format: date`` can check them) and duplicate keys are
errors rather than silently overwritten.

The document is built straight from the parser's event stream with an explicit
stack: nothing recurses, so depth is a policy (``MAX_DEPTH``) checked as the
events arrive, not a guard against a crash, whether the nesting is written in
flow style (``[[[``) or by indentation (``- - -``).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.yamlhints import (
    YamlError as YamlError,
)
from generator.yamlhints import (
    line_col,
    markers_check,
    missing_space,
    near,
    syntax_hint,
    tab_check,
)

try:  # libyaml when available: several times faster than the pure-Python parser
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[str | int, ...]
PathLike = str | os.PathLike[str]

MAX_BYTES = 1_000_000
MAX_DEPTH = 50
_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_YAML + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_STANDARD_TAGS = _SCALAR_TAGS | {_YAML + "seq", _YAML + "map"}
# The YAML 1.1 words PyYAML reads as booleans; staff usually meant the word.
YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n", "true", "false"}


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
_resolver = yaml.resolver.Resolver()


def _mark(event: yaml.Event) -> tuple[int, int]:
    """1-based line and column where an event starts."""
    mark = event.start_mark
    assert mark is not None, "the parser marks every event it makes"
    return mark.line + 1, mark.column + 1


def read_source(path: PathLike, limit: int = MAX_BYTES, within: PathLike | None = None) -> bytes:
    """The bytes of a source file, refusing what is not an ordinary file of sensible size.

    A pull request can add a symbolic link to ``/dev/zero`` or to a file outside the
    project; neither may hang the check or leak into its messages. ``within``: the
    folder a symbolic link must stay inside.
    """
    target = os.path.realpath(path)
    if within is not None and os.path.islink(path):
        inside = os.path.realpath(within)
        if os.path.commonpath([target, inside]) != inside:
            raise YamlError("is a symbolic link to a file outside the project", 1, 1,
                            hint="replace the link with an ordinary file")
    info = os.stat(target)
    if not stat.S_ISREG(info.st_mode):
        raise YamlError("is not an ordinary file", 1, 1, hint="replace it with an ordinary text file")
    if info.st_size > limit:
        raise YamlError(f"the file is {info.st_size:,} bytes; a registry file may be at most {limit:,} bytes",
                        1, 1, hint="a vendor record is a few hundred bytes: check the right file was saved here")
    with open(target, "rb") as handle:
        return handle.read(limit + 1)


def decode(raw: bytes) -> str:
    """Decode file bytes as UTF-8 (a byte-order mark is allowed), normalising line ends."""
    if len(raw) > MAX_BYTES:
        raise YamlError(
            f"the file is {len(raw):,} bytes; a registry file may be at most {MAX_BYTES:,} bytes",
            1, 1, hint="a vendor record is a few hundred bytes: check the right file was saved here",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1: exc.start].decode("utf-8", "replace")) + 1
        raise YamlError(
            f"byte 0x{raw[exc.start]:02x} is not UTF-8 text", line, col,
            hint="save the file with the UTF-8 encoding (retype any character that looks wrong)",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def plain_load(text: str) -> Any:
    """``text`` read exactly as ``yaml.safe_load`` reads it, with libyaml when available (front matter)."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader


def load(text: str, *, strict: bool = True) -> Document:
    """Parse ``text`` into a :class:`Document`, or raise :class:`YamlError`.

    ``strict=False`` reads files written for other tools (``mkdocs.yml``): unknown
    tags are ignored rather than refused and aliases read as empty.
    """
    tab_check(text)
    if strict:
        markers_check(text)
    builder = _Builder(text, strict)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "not valid YAML"
        message = f"YAML syntax: {problem}" + (f" ({exc.context})" if exc.context and exc.problem else "")
        if exc.context and "quoted scalar" in exc.context and exc.context_mark is not None:
            mark = exc.context_mark  # point at the opening quote, not at the end of the file
            message = "YAML syntax: a quotation mark opened here is not closed"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise missing_space(text, line) or YamlError(message, line, col, near(text, line),
                                                      syntax_hint(message)) from None
    except yaml.reader.ReaderError as exc:
        line, col = line_col(text, exc.position)
        # Text (not bytes) reaches the reader, so both parsers give the character's code point.
        raise YamlError(f"contains the control character U+{exc.character:04X}", line, col, near(text, line),
                        "remove it (retype the text around it)") from None
    if strict and isinstance(builder.doc.data, str):
        found = missing_space(text, text.count("\n") + 1)
        if found is not None:
            raise found
    return builder.doc


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: Path
    key: str | None = None  # a mapping's key waiting for its value


class _Builder:
    """Turns parser events into plain data and positions, with an explicit stack."""

    def __init__(self, text: str, strict: bool) -> None:
        self.text = text
        self.strict = strict
        self.doc = Document(data=None)
        self.stack: list[_Frame] = []
        self.documents = 0

    def error(self, message: str, event: yaml.Event, path: Path, hint: str) -> YamlError:
        line, col = _mark(event)
        return YamlError(message, line, col, path or near(self.text, line), hint)

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.error("the file holds a second YAML document (a '---' line)", event, (),
                                 "keep one document: remove the '---' line and anything after it")
            return
        if not isinstance(event, yaml.NodeEvent | yaml.CollectionEndEvent):
            return
        if isinstance(event, yaml.CollectionEndEvent):
            self.stack.pop()
            return
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            self.key(event, frame)
            return
        path = self.path_for(frame)
        if isinstance(event, yaml.AliasEvent):
            # Refused where it is used: this stops alias bombs and self-references at once.
            if self.strict:
                raise self.error(f"anchors and aliases (&{event.anchor} and *{event.anchor}) are not allowed",
                                 event, path, f"write the value out in full instead of '*{event.anchor}'")
            value: Any = None
        else:
            self.doc.positions[path] = _mark(event)
            if isinstance(event, yaml.ScalarEvent):
                value = self.scalar(event, path)
            else:
                assert isinstance(event, yaml.CollectionStartEvent)
                value = self.collection(event, path)
        self.attach(frame, value)
        if isinstance(event, yaml.CollectionStartEvent):
            self.stack.append(_Frame(value, path))

    def path_for(self, frame: _Frame | None) -> Path:
        if frame is None:
            return ()
        if isinstance(frame.container, dict):
            assert frame.key is not None
            return frame.path + (frame.key,)
        return frame.path + (len(frame.container),)

    def attach(self, frame: _Frame | None, value: Any) -> None:
        if frame is None:
            self.doc.data = value
        elif isinstance(frame.container, dict):
            assert frame.key is not None
            frame.container[frame.key] = value
            frame.key = None
        else:
            frame.container.append(value)

    def key(self, event: yaml.Event, frame: _Frame) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            raise self.error("a field name must be a plain word", event, frame.path,
                             "write 'field: value'; lists and sets of fields cannot be field names")
        if event.value == "<<" and event.implicit[0] and event.tag is None:
            raise self.error("merge keys (<<) are not allowed", event, frame.path,
                             "write the fields out in full")
        key = event.value
        assert isinstance(frame.container, dict)
        if key in frame.container:
            first = self.doc.key_positions[frame.path + (key,)][0]
            raise self.error(f"the key {_short(key)!r} appears twice (first on line {first})", event,
                             frame.path + (key,), "keep one of them")
        self.doc.key_positions[frame.path + (key,)] = _mark(event)
        frame.key = key

    def collection(self, event: yaml.CollectionStartEvent, path: Path) -> dict[str, Any] | list[Any]:
        if len(self.stack) >= MAX_DEPTH:
            raise self.error(f"lists and fields are nested more than {MAX_DEPTH} levels deep", event, path[:1],
                             "a vendor record needs at most three levels; check the brackets and indentation")
        is_map = isinstance(event, yaml.MappingStartEvent)
        wanted = _YAML + ("map" if is_map else "seq")
        if event.tag not in (None, "!", wanted):
            self.check_tag(event, path, event.tag)
        return {} if is_map else []

    def check_tag(self, event: yaml.NodeEvent, path: Path, tag: str) -> None:
        """Refuse a tag other than YAML's own (files for other tools: ignore it)."""
        if self.strict:
            shown = tag.replace(_YAML, "!!")
            raise self.error(f"the tag {_short(shown)!r} is not allowed", event, path,
                             f"remove '{_short(shown)}': registry files hold only text, numbers, lists and fields")

    def scalar(self, event: yaml.ScalarEvent, path: Path) -> Any:
        self.doc.raw_scalars[path] = event.value
        tag = event.tag
        if tag in (None, "!"):
            tag = _resolve(event) if tag is None else _YAML + "str"
        elif tag not in _SCALAR_TAGS:
            self.check_tag(event, path, tag)
            return event.value
        if tag == _YAML + "timestamp" or tag not in _SCALAR_TAGS:
            return event.value  # dates stay text; '=' and other YAML 1.1 oddities too
        if tag == _YAML + "str":
            return event.value
        node = yaml.ScalarNode(tag, event.value, style=event.style)
        try:
            return _constructor.yaml_constructors[tag](_constructor, node)
        except (ValueError, KeyError, TypeError, yaml.YAMLError):
            kind = {"int": "a number", "float": "a number", "bool": "true or false"}.get(tag.replace(_YAML, ""), tag)
            raise self.error(f"{_short(event.value)!r} cannot be read as {kind}", event, path,
                             f"put it in quotes if it is text: '{_short(event.value)}'") from None


def _resolve(event: yaml.ScalarEvent) -> str:
    """The tag YAML gives an untagged scalar (``yes`` -> bool, ``2022-01-03`` -> timestamp ...)."""
    tag: str = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
    return tag


def _short(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
