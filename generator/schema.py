"""The published JSON Schemas, compiled once, and their errors turned into Problems."""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from generator.problems import Problem
from generator.yamlsrc import YAML11_BOOLEANS, Document

SCHEMAS = ("vendor", "categories", "policy")


def schema_text(name: str) -> str:
    """The text of a shipped schema (``vendor``, ``categories`` or ``policy``)."""
    return resources.files("generator").joinpath(f"schema/{name}.schema.json").read_text("utf-8")


@cache
def validator(name: str) -> Draft202012Validator:
    """A compiled validator for a shipped schema; built once per process."""
    schema = json.loads(schema_text(name))
    return Draft202012Validator(schema, format_checker=FormatChecker(formats=("date",)))


def dotted(path: tuple[str | int, ...]) -> str:
    """``('data', 'always', 2)`` -> ``data.always[2]``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validate(name: str, doc: Document, file: str) -> list[Problem]:
    """All schema problems of ``doc`` against schema ``name``, in file order."""
    problems = []
    for error in validator(name).iter_errors(doc.data):
        problems.extend(_to_problems(error, doc, file))
    return sorted(set(problems))


def _subschema_properties(error: ValidationError) -> list[str]:
    props = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    return list(props)


def _to_problems(error: ValidationError, doc: Document, file: str) -> list[Problem]:
    path = tuple(error.absolute_path)
    instance: Any = error.instance
    line, col = doc.position(path)
    field = dotted(path)
    kind = error.validator
    if kind == "additionalProperties":
        known = _subschema_properties(error)
        out = []
        for key in sorted(set(instance) - set(known)):
            kline, kcol = doc.key_position(path + (key,))
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else "known fields: " + ", ".join(known)
            out.append(Problem(file, kline, kcol, dotted(path + (key,)), "is not a known field", hint))
        return out
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else str(error.validator_value)
        return [Problem(file, line, col, field or "(top level)", f"the required field {missing!r} is missing",
                        f"add '{missing}:'")]
    if kind == "dependentRequired":
        return [Problem(file, line, col, field or "(top level)", error.message)]
    message, hint = _message(error, doc, path)
    return [Problem(file, line, col, field or "(top level)", message, hint)]


def describe(value: Any) -> str:
    """A staff-friendly name for the type of a YAML value."""
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list",
             dict: "a set of fields", str: "text", type(None): "empty"}
    return names.get(type(value), type(value).__name__)


def _message(error: ValidationError, doc: Document, path: tuple[str | int, ...]) -> tuple[str, str]:
    kind, value = error.validator, error.validator_value
    instance: Any = error.instance
    if kind == "type":
        raw = doc.raw_scalars.get(path)
        wanted = {"string": "text", "array": "a list", "object": "a set of fields",
                  "boolean": "true or false", "integer": "a whole number"}.get(str(value), str(value))
        if isinstance(instance, bool) and raw is not None and raw.lower() in YAML11_BOOLEANS:
            return (f"YAML reads {raw} as true/false, but {wanted} is expected",
                    f"put it in quotes: '{raw}'")
        if instance is None:
            return f"is empty; {wanted} is expected", ""
        return f"is {describe(instance)}; {wanted} is expected", ""
    if kind == "format" and value == "date":
        return f"{instance!r} is not a real date", "write YYYY-MM-DD, e.g. 2022-01-03"
    if kind == "pattern":
        if "https://" in str(value):
            return f"{_short(instance)!r} is not an https:// address", \
                "write the full address starting with https://, with no spaces"
        if "u0000" in str(value):
            if isinstance(instance, str) and ("<" in instance or ">" in instance):
                return "contains < or >: HTML is not allowed in registry text", \
                    "write plain words; the site formats the text itself"
            return "contains control characters", "remove them (retype the text)"
        if isinstance(instance, str) and any(c.isupper() for c in instance):
            return f"{_short(instance)!r} is not a valid id", f"use lower case: {instance.lower()!r}"
        return f"{_short(instance)!r} is not in the expected form", ""
    if kind == "maxLength":
        return f"is {len(instance):,} characters long; at most {value:,} are allowed", "shorten it"
    if kind == "minLength":
        return "is empty", "write some text or remove the field"
    if kind == "minItems":
        return "is an empty list", "add at least one entry"
    if kind == "uniqueItems":
        return "lists the same entry twice", "remove the repeat"
    if kind == "enum":
        allowed: list[Any] = list(value)  # type: ignore[arg-type]
        return f"{_short(instance)!r} is not allowed", "use one of: " + ", ".join(map(str, allowed))
    return error.message, ""


def _short(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
