"""A fast yes-check for the registry's JSON Schemas, so valid files never need jsonschema.

``jsonschema`` is the authority on errors and their messages, but it costs a
noticeable share of a small build just to import (with ``referencing``,
``rpds`` and ``attrs``) and walks every instance through its general machinery.
Almost every file staff commit is valid, so :func:`compile_schema` turns a schema
into plain Python closures that answer one question: "is this instance certainly
valid?". ``True`` means jsonschema would report no error; ``False`` means "invalid,
or not sure", and the caller then asks jsonschema for the real errors.

Only the keywords the shipped schemas use are understood (with the draft 2020-12
meaning jsonschema gives them). A schema using any other keyword is not compiled
at all (:class:`Unsupported`), and a value this module does not know how to judge
exactly (a float where an integer is asked for, non-string list items under
``uniqueItems``) makes the check answer ``False``, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

# Keywords that only annotate: they never make an instance invalid.
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "$defs", "title", "description", "default",
                          "examples", "deprecated", "readOnly", "writeOnly"})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


class Unsupported(Exception):
    """The schema (or an instance) is outside what this module judges exactly."""


def _is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


_FORMATS: dict[str, Check] = {"date": _is_date}


def _is_type(name: str) -> Check:
    if name == "string":
        return lambda v: isinstance(v, str)
    if name == "object":
        return lambda v: isinstance(v, dict)
    if name == "array":
        return lambda v: isinstance(v, list)
    if name == "boolean":
        return lambda v: isinstance(v, bool)
    if name == "null":
        return lambda v: v is None

    if name == "integer":
        def integer(v: Any) -> bool:
            if isinstance(v, float):
                raise Unsupported("a float where an integer is expected")
            return isinstance(v, int) and not isinstance(v, bool)
        return integer
    if name == "number":
        return lambda v: isinstance(v, int | float) and not isinstance(v, bool)
    raise Unsupported(f"type {name!r}")


def _unique_strings(items: list[Any]) -> bool:
    if not all(isinstance(i, str) for i in items):
        raise Unsupported("uniqueItems over values other than text")
    return len(set(items)) == len(items)


def _all(checks: list[Check]) -> Check:
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)

    def check(v: Any) -> bool:
        for c in checks:  # noqa: SIM110 - a plain loop is faster than all() over a generator
            if not c(v):
                return False
        return True
    return check


def _object(required: tuple[str, ...], props: dict[str, Check], extra: Check | None,
            deps: dict[str, tuple[str, ...]]) -> Check:
    """``required``, ``properties``, ``additionalProperties`` and ``dependentRequired`` in one pass."""
    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        for name in required:
            if name not in v:
                return False
        for key, value in v.items():
            prop = props.get(key)
            if prop is not None:
                if not prop(value):
                    return False
            elif extra is not None and not extra(value):
                return False
        return all(n in v for k, need in deps.items() if k in v for n in need) if deps else True
    return check


def _string(low: int | None, high: int | None, patterns: list[str]) -> Check:
    """``minLength``, ``maxLength`` and ``pattern`` (search, as jsonschema does) in one pass."""
    searches = [re.compile(p).search for p in patterns]
    low = low or 0

    def check(v: Any) -> bool:
        if not isinstance(v, str):
            return True
        if len(v) < low or (high is not None and len(v) > high):
            return False
        for search in searches:  # noqa: SIM110 - as in _all
            if search(v) is None:
                return False
        return True
    return check


def _any(checks: list[Check]) -> Check:
    return lambda v: any(c(v) for c in checks)


def _not(inner: Check) -> Check:
    return lambda v: not inner(v)


def _enum(allowed: frozenset[str]) -> Check:
    return lambda v: isinstance(v, str) and v in allowed


def _count(low: int | None, high: int | None) -> Check:
    def check(v: Any) -> bool:
        return not isinstance(v, list) or ((low is None or len(v) >= low) and (high is None or len(v) <= high))
    return check


def _bound(limit: float, lower: bool) -> Check:
    """``minimum`` / ``maximum``: only numbers are judged (true and false are not numbers)."""
    def check(v: Any) -> bool:
        if not isinstance(v, int | float) or isinstance(v, bool):
            return True
        return v >= limit if lower else v <= limit
    return check


def _unique(v: Any) -> bool:
    return not isinstance(v, list) or _unique_strings(v)


def _items(item: Check) -> Check:
    return lambda v: not isinstance(v, list) or all(item(i) for i in v)


def _always(v: Any) -> bool:
    return True


def _never(v: Any) -> bool:
    return False


class _Compiler:
    def __init__(self, root: Mapping[str, Any], formats: tuple[str, ...]) -> None:
        self.root = root
        self.formats = formats
        self.defs: dict[str, Check] = {}
        self.compiling: set[str] = set()

    def ref(self, target: str) -> Check:
        prefix = "#/$defs/"
        if not target.startswith(prefix) or "/" in target[len(prefix):] or "~" in target:
            raise Unsupported(f"$ref {target!r}")
        name = target[len(prefix):]
        defs = self.root.get("$defs", {})
        if name not in defs:
            raise Unsupported(f"$ref to a missing definition {target!r}")
        if name in self.compiling:  # a recursive definition: look it up when called
            table = self.defs
            return lambda v: table[name](v)
        if name not in self.defs:
            self.compiling.add(name)
            self.defs[name] = self.compile(defs[name])
            self.compiling.discard(name)
        return self.defs[name]

    def keyword(self, key: str, value: Any, schema: dict[str, Any]) -> Check | None:  # noqa: C901
        """The check for one keyword, None for one that never fails; raises :class:`Unsupported`.

        The object keywords and the string keywords are handled together in :meth:`compile`.
        """
        if key in _ANNOTATIONS:
            return None
        if key == "type":
            tests = [_is_type(n) for n in ([value] if isinstance(value, str) else list(value))]
            return tests[0] if len(tests) == 1 else _any(tests)
        if key == "$ref":
            return self.ref(value)
        if key == "not":
            return _not(self.compile(value))
        if key in ("allOf", "anyOf"):
            parts = [self.compile(s) for s in value]
            return _all(parts) if key == "allOf" else _any(parts)
        if key == "enum":
            if not all(isinstance(e, str) for e in value):
                raise Unsupported("enum with values other than text")
            return _enum(frozenset(value))
        if key in ("minimum", "maximum"):
            return _bound(value, key == "minimum")
        if key in ("minItems", "maxItems"):
            return _count(value, None) if key == "minItems" else _count(None, value)
        if key == "format":
            if value not in self.formats:
                return None
            if value not in _FORMATS:
                raise Unsupported(f"format {value!r}")
            return _FORMATS[value]
        if key == "uniqueItems":
            return _unique if value else None
        if key == "items":
            if "prefixItems" in schema:
                raise Unsupported("prefixItems")
            return _items(self.compile(value))
        raise Unsupported(f"keyword {key!r}")

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise Unsupported("a schema that is not an object")
        rest = {k: v for k, v in schema.items() if k not in _ANNOTATIONS}
        checks: list[Check] = []
        if "type" in rest:  # the type first: the other keywords only judge values of their type
            checks.append(self.keyword("type", rest.pop("type"), schema) or _always)
        if rest.keys() & {"required", "properties", "additionalProperties", "dependentRequired"}:
            if "patternProperties" in schema:
                raise Unsupported("patternProperties")
            props = {k: self.compile(s) for k, s in rest.pop("properties", {}).items()}
            extra = self.compile(rest.pop("additionalProperties")) if "additionalProperties" in rest else None
            deps = {k: tuple(d) for k, d in rest.pop("dependentRequired", {}).items()}
            checks.append(_object(tuple(rest.pop("required", ())), props, extra, deps))
        if rest.keys() & {"minLength", "maxLength", "pattern"}:
            pattern = rest.pop("pattern", None)
            checks.append(_string(rest.pop("minLength", None), rest.pop("maxLength", None),
                                  [pattern] if pattern is not None else []))
        checks += [c for key, value in rest.items() if (c := self.keyword(key, value, schema)) is not None]
        if not checks:
            return _always
        return checks[0] if len(checks) == 1 else _all(checks)


def compile_schema(schema: Mapping[str, Any], formats: tuple[str, ...] = ("date",)) -> Check:
    """A function answering "certainly valid?" for ``schema``; raises :class:`Unsupported`.

    ``formats`` are the formats the authoritative validator asserts; others only annotate.
    """
    check = _Compiler(schema, formats).compile(dict(schema))

    def certainly_valid(instance: Any) -> bool:
        try:
            return check(instance)
        except (Unsupported, RecursionError):
            return False

    return certainly_valid
