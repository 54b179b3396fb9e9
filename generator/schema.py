"""The published JSON Schemas, compiled once, and their errors turned into Problems."""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from generator.problems import Problem
from generator.schemawords import schema_message, short, words_for
from generator.yamlsrc import YAML11_BOOLEANS, Document

if TYPE_CHECKING:  # jsonschema is imported only when a file has errors (see quick_validator)
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from jsonschema_rs import Draft202012Validator as QuickValidator

SCHEMAS = ("vendor", "categories", "policy", "plugin", "members")
FORMATS = ("date",)  # the formats the validators assert


def schema_text(name: str) -> str:
    """The text of a shipped schema (``vendor``, ``categories`` or ``policy``)."""
    return resources.files("generator").joinpath(f"schema/{name}.schema.json").read_text("utf-8")


@cache
def validator(name: str) -> Draft202012Validator:
    """A compiled validator for a shipped schema; built once per process."""
    from jsonschema import Draft202012Validator, FormatChecker

    schema = json.loads(schema_text(name))
    return Draft202012Validator(schema, format_checker=FormatChecker(formats=FORMATS))


@cache
def quick_validator(name: str) -> QuickValidator:
    """The same schema compiled by jsonschema-rs, which answers "valid?" for a clean file.

    Measured on the real registry (BENCHMARKS.md): importing and running it costs
    a few milliseconds where jsonschema costs over 100 ms to import and about 20 ms
    to check 14 files. jsonschema stays the reference: it judges every file the
    quick check does not pass, and its structured errors give the staff messages.
    """
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator(json.loads(schema_text(name)), validate_formats=True)


def quickly_valid(name: str, data: Any) -> bool:
    """Whether jsonschema-rs passes ``data``; a value it cannot take (a YAML key that is a number) is "not sure"."""
    try:
        return bool(quick_validator(name).is_valid(data))
    except (ValueError, TypeError, OverflowError):
        return False


def dotted(path: tuple[str | int, ...]) -> str:
    """``('data', 'always', 2)`` -> ``data.always[2]`` (absurdly long names are shortened)."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{short(part)}" if out else short(part))
    return out


MAX_PROBLEMS_PER_FILE = 50


def validate(name: str, doc: Document, file: str) -> list[Problem]:
    """The schema problems of ``doc`` against schema ``name``, in file order.

    A file that is wrong everywhere (a pasted spreadsheet, say) stops after
    ``MAX_PROBLEMS_PER_FILE`` with a note, so the report stays readable and quick.
    """
    if quickly_valid(name, doc.data):
        return []
    problems: set[Problem] = set()
    for error in validator(name).iter_errors(doc.data):
        problems.update(_to_problems(error, doc, file, name))
        if len(problems) >= MAX_PROBLEMS_PER_FILE:
            problems = set(sorted(problems)[:MAX_PROBLEMS_PER_FILE])
            problems.add(Problem(file, 1, 1, "(file)", f"checking stopped after {MAX_PROBLEMS_PER_FILE} problems "
                                 "in this file", "fix these and run the check again"))
            break
    return sorted(problems)


def _without(data: Any, path: tuple[str | int, ...]) -> Any:
    """A copy of ``data`` with the field at ``path`` left out (only the containers on the way are copied)."""
    head, rest = path[0], path[1:]
    if not rest:
        return {k: v for k, v in data.items() if k != head}
    copy = list(data) if isinstance(data, list) else dict(data)
    copy[head] = _without(data[head], rest)  # type: ignore[index]
    return copy


# Fields a record check requires beside another (generator/recordchecks.py), which the schema does not
# say: schema name -> {given field: the field it needs}. An empty one of these is not called optional.
REQUIRED_BESIDE: dict[str, dict[str, str]] = {"vendor": {"retention_period": "retention"}}


def _optional(name: str, data: Any, path: tuple[str | int, ...]) -> bool:
    """Whether the field at ``path`` may be left out, as schema ``name`` itself answers when it is.

    A list entry is never optional. jsonschema is asked, rather than the schema read by
    hand, so ``$ref``, ``allOf`` and every conditional requirement count: ``if``/``then``
    (an outside service's privacy_policy), ``dependentRequired`` (a policy's approval date
    beside its number), a choice of fields (a source's address or description), and the
    record checks' own requirements (``REQUIRED_BESIDE``).
    """
    if not path or isinstance(path[-1], int):
        return False
    parent, key = path[:-1], path[-1]
    if not parent and any(need == key and given in data for given, need in REQUIRED_BESIDE.get(name, {}).items()):
        return False
    return not any(_asks_for(e, parent, key) for e in validator(name).iter_errors(_without(data, path)))


def _asks_for(error: ValidationError, parent: tuple[str | int, ...], key: str | int) -> bool:
    """Whether ``error`` is the field ``key`` of ``parent`` missing (alone, or as one of a choice)."""
    if tuple(error.absolute_path) != parent:
        return False
    wanted: Any = error.validator_value
    if error.validator == "required":
        return key in wanted
    if error.validator == "dependentRequired" and isinstance(error.instance, dict):
        return any(key in needs for given, needs in wanted.items() if given in error.instance)
    return any(_asks_for(e, parent, key) for e in error.context or ())


def _subschema_properties(error: ValidationError) -> list[str]:
    props = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    return list(props)


def _to_problems(error: ValidationError, doc: Document, file: str, name: str) -> list[Problem]:
    path = tuple(error.absolute_path)
    line, col = doc.position(path)
    field = dotted(path)
    kind = error.validator
    instance: Any = error.instance
    wanted: Any = error.validator_value
    if kind == "additionalProperties":
        known = _subschema_properties(error)
        out = []
        unknown = sorted(set(instance) - set(known), key=lambda k: doc.key_position(path + (k,)))
        for key in unknown[:MAX_PROBLEMS_PER_FILE]:
            kline, kcol = doc.key_position(path + (key,))
            close = difflib.get_close_matches(str(key), known)
            hint = f"did you mean {close[0]!r}?" if close else "known fields: " + ", ".join(known)
            out.append(Problem(file, kline, kcol, dotted(path + (key,)), "is not a known field", hint))
        return out
    if kind == "required" and isinstance(instance, dict) and isinstance(wanted, list):
        out = []
        for missing in (name for name in wanted if name not in instance):
            out.append(Problem(file, line, col, field or "(top level)", f"the required field {missing!r} is missing",
                               f"add a line '{missing}: ...'" + _about(name, path, missing)))
        return out
    if kind == "dependentRequired" and isinstance(instance, dict):
        out = []
        for key, needs in wanted.items():
            if key in instance:
                for need in needs:
                    if need not in instance:
                        kline, kcol = doc.key_position(path + (key,))
                        out.append(Problem(file, kline, kcol, dotted(path + (key,)),
                                           f"{key!r} is given, so {need!r} is required too",
                                           f"add a line '{need}: ...'" + _about(name, path, need)))
        return out
    if kind == "anyOf" and error.context:
        return _any_of(error, doc, file, name)
    message, hint = _message(error, doc, path)
    if error.validator == "type" and instance is None and path and not isinstance(path[-1], int):
        hint = "write a value after the colon, or remove the line: the field is optional" \
            if _optional(name, doc.data, path) else "write a value after the colon: the field is required here"
    return [Problem(file, line, col, field or "(top level)", message, hint)]


def _about(name: str, path: tuple[str | int, ...], key: str) -> str:
    """`` (what the field is)``, from the description of field ``key`` under ``path`` in schema ``name``; or ''."""
    root: Any = validator(name).schema
    node = root
    for part in (*path, key):
        node = node.get("items") if isinstance(part, int) else node.get("properties", {}).get(part)
        while isinstance(node, dict) and "$ref" in node and "description" not in node:
            node = root["$defs"].get(node["$ref"].rsplit("/", 1)[-1])
        if not isinstance(node, dict):
            return ""
    description = node.get("description")
    return f" ({description})" if isinstance(description, str) else ""


# How staff write a field's form that is a reference to a shared definition.
REF_FORMS = {"#/$defs/https_url": "a web address starting with https://",
             "#/$defs/email": "an email address such as privacy@example.com"}


def form(branch: dict[str, Any]) -> str | None:
    """How staff write one form (``anyOf`` branch) of a field; None for YAML's true/false, said as yes/no.

    Every branch of the shipped schemas has one of these shapes (``tests/test_mut_schema.py``).
    """
    if "enum" in branch:
        return " or ".join(branch["enum"])
    if branch.get("type") == "array":
        return "a list of " + ", ".join(branch["items"]["enum"])
    if "$ref" in branch:
        return REF_FORMS[branch["$ref"]]
    return None


def _any_of(error: ValidationError, doc: Document, file: str, name: str) -> list[Problem]:
    """A value that fits none of a field's forms: report the form meant for its type, or say which forms exist."""
    path = tuple(error.absolute_path)
    line, col = doc.position(path)
    field = dotted(path)
    instance: Any = error.instance
    branches: list[dict[str, Any]] = error.validator_value  # type: ignore[assignment]  # anyOf: a list
    if all(set(b) == {"required"} for b in branches):
        needs = " or ".join(repr(b["required"][0]) for b in branches)
        return [Problem(file, line, col, field, f"needs {needs}",
                        "add " + " or ".join(f"'{b['required'][0]}: ...'" for b in branches))]
    if isinstance(instance, list):
        deeper = [e for e in error.context if len(e.absolute_path) > len(path)]
        # A list is one of the field's forms: a bad entry is named, then a rule of the list itself
        # (an entry given twice, an empty list), rather than "a list is not allowed here".
        as_list = [e for e in error.context if e.validator != "type" and isinstance(e.schema, dict)
                   and e.schema.get("type") == "array"]
        if deeper or as_list:
            return _to_problems((deeper or as_list)[0], doc, file, name)
    written = schema_message(error.schema, "anyOf")
    if isinstance(instance, str) and written is not None:
        message, fix = words_for(written, instance, "")
        return [Problem(file, line, col, field, message, fix)]
    forms = [f for f in map(form, branches) if f]
    return [Problem(file, line, col, field, f"{short(instance)!r} is not allowed here" if isinstance(instance, str)
                    else f"is {describe(instance)}, which is not allowed here", "write " + "; or ".join(forms))]


def describe(value: Any) -> str:
    """A staff-friendly name for the type of a YAML value."""
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list",
             dict: "a set of fields", str: "text", type(None): "empty"}
    return names.get(type(value), type(value).__name__)


def _message(error: ValidationError, doc: Document, path: tuple[str | int, ...]) -> tuple[str, str]:
    kind = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    raw = doc.raw_scalars.get(path)
    is_date = isinstance(error.schema, dict) and error.schema.get("format") == "date"
    if kind == "type":
        wanted = {"string": "text", "array": "a list", "object": "a set of fields",
                  "boolean": "true or false", "integer": "a whole number"}.get(str(value), str(value))
        if is_date:
            wanted = "a date written YYYY-MM-DD"
        if isinstance(instance, bool) and raw is not None and raw.lower() in YAML11_BOOLEANS:
            hint = f"put it in quotes: '{raw}'"
            if len(path) >= 2 and path[0] == "data":
                hint = f"if you meant a category named {raw!r}, put it in quotes: '{raw}'; for none write []"
            return f"YAML reads {raw} as true/false, but {wanted} is expected", hint
        if instance is None:
            return f"is empty; {wanted} is expected", "write a value after the colon"
        if value == "string" and isinstance(instance, list | dict):
            return f"is {describe(instance)}; {wanted} is expected", \
                "write plain text after the colon, without brackets or '-' lines"
        if value == "string" and raw is not None:
            return f"is {describe(instance)}; {wanted} is expected", f"put it in quotes: '{short(raw)}'"
        if value == "boolean" and isinstance(instance, str):
            return f"is {describe(instance)}; {wanted} is expected", "write true or false, without quotes"
        if value == "array" and not isinstance(instance, list):
            return f"is {describe(instance)}; {wanted} is expected", \
                "write the entries in brackets, e.g. [name, email], or [] for none"
        return f"is {describe(instance)}; {wanted} is expected", ""
    written = schema_message(error.schema, str(kind))
    if written is not None:
        pattern = error.schema.get("pattern", "") if isinstance(error.schema, dict) else ""
        return words_for(written, instance, str(pattern))
    if kind == "maxLength":
        return f"is {len(instance):,} characters long; at most {value:,} are allowed", "shorten it"
    if kind == "minLength":
        return "is empty", "write some text or remove the field"
    if kind == "minItems" and isinstance(value, int) and value > 1:
        return f"lists {len(instance)} entr{'y' if len(instance) == 1 else 'ies'}; at least {value} are needed", \
            "list every category that can meet the requirement, e.g. [email, phone]"
    if kind == "minItems":
        return "is an empty list", "add at least one entry"
    if kind == "uniqueItems" and isinstance(instance, list):
        repeated = next(x for i, x in enumerate(instance) if x in instance[:i])
        return f"lists {short(repeated)!r} twice", "remove the repeat"
    if kind == "minimum":
        return f"is {short(instance)}, less than the smallest allowed ({value})", f"write {value} or more"
    if kind == "maximum":
        return f"is {short(instance)}, more than the largest allowed ({value})", f"write {value} or less"
    if kind == "enum":
        said = "is empty" if instance is None else f"{short(instance)!r} is not allowed"
        return said, "use one of: " + ", ".join(map(str, value))
    return error.message, ""
