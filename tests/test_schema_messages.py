"""Staff messages come from the schemas: every rule has its words, and its examples keep them honest.

A subschema names its message with ``x-message``; ``generator/schema/messages.json``
gives the words per keyword and examples of values that keep or break the rule.
Changing a pattern without its message (and examples) fails here.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import jsonschema_rs
import pytest
from jsonschema import Draft202012Validator, FormatChecker

from generator import schema, schemawords
from generator.yamlsrc import load


def _schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema.schema_text(name))
    return loaded


def subschemas(node: Any, inside_not: bool = False, where: str = "#") -> Iterator[tuple[dict[str, Any], bool, str]]:
    """Every subschema of ``node``, with whether it is the body of a ``not``, and where it is (a JSON pointer)."""
    if isinstance(node, dict):
        yield node, inside_not, where
        for key, value in node.items():
            if key in ("properties", "$defs", "patternProperties"):
                for sub_key, sub in value.items():
                    yield from subschemas(sub, False, f"{where}/{key}/{sub_key}")
            elif key in ("items", "additionalProperties", "not", "contains"):
                yield from subschemas(value, key == "not", f"{where}/{key}")
            elif key in ("anyOf", "allOf", "oneOf"):
                for i, sub in enumerate(value):
                    yield from subschemas(sub, False, f"{where}/{key}/{i}")


def worded_keywords(sub: dict[str, Any]) -> set[str]:
    """The keywords of ``sub`` that need words from messages.json."""
    found: set[str] = {k for k in ("pattern", "format") if k in sub}
    if isinstance(sub.get("not"), dict) and "pattern" in sub["not"]:
        found.add("not")
    if "anyOf" in sub and "x-message" in sub:  # optional: a field of several forms may have words of its own
        found.add("anyOf")
    return found


def problems_with_messages(schemas: dict[str, dict[str, Any]], messages: dict[str, Any]) -> list[str]:
    """Everything wrong between the schemas and their messages; [] when all is well."""
    wrong: list[str] = []
    used: dict[str, set[str]] = {}
    for schema_name, root in schemas.items():
        for sub, inside_not, where in subschemas(root):
            keywords = worded_keywords(sub)
            if inside_not or not keywords:
                continue
            name = sub.get("x-message")
            entry = messages.get(name) if isinstance(name, str) else None
            if not isinstance(name, str) or not isinstance(entry, dict):
                wrong.append(f"{schema_name}: a subschema with {sorted(keywords)} names no message ({name!r}) "
                             f"at {where}; add \"x-message\" naming an entry of schema/messages.json")
                continue
            used.setdefault(name, set()).update(keywords)
            for keyword in keywords:
                if keyword not in entry:
                    wrong.append(f"{schema_name} {where}: message {name!r} has no words for {keyword!r}")
                    continue
                wrong += [f"{schema_name} {where}: {name}.{keyword}: {w}"
                          for w in _examples_wrong(sub, keyword, entry[keyword], root.get("$defs", {}))]
    for name, entry in messages.items():
        if name.startswith("$"):
            continue
        if name not in used:
            wrong.append(f"message {name!r} is named by no subschema")
        for keyword, words in entry.items():
            if keyword not in used.get(name, set()):
                wrong.append(f"message {name!r} has words for {keyword!r}, which its subschemas do not have")
            if words.get("details") is not None and words["details"] not in schemawords.DETAILS:
                wrong.append(f"message {name!r}: details {words['details']!r} is not in schemawords.DETAILS")
            if not words.get("message") or not words.get("fix") or not words.get("valid") or not words.get("invalid"):
                wrong.append(f"message {name!r}.{keyword}: message, fix and valid and invalid examples are all needed")
    return wrong


def _examples_wrong(sub: dict[str, Any], keyword: str, words: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    rule = {keyword: sub.get(keyword), "$defs": defs}  # the one rule, with the definitions its $refs name
    reference = Draft202012Validator(rule, format_checker=FormatChecker(formats=schema.FORMATS))
    quick = jsonschema_rs.Draft202012Validator(rule, validate_formats=True)
    wrong = []
    for value in words.get("valid", ()):
        if not (reference.is_valid(value) and quick.is_valid(value)):
            wrong.append(f"the valid example {value!r} breaks the rule")
    for value in words.get("invalid", ()):
        if reference.is_valid(value) or quick.is_valid(value):
            wrong.append(f"the invalid example {value!r} keeps the rule")
    return wrong


def test_every_rule_has_its_words_and_every_example_fits() -> None:
    assert problems_with_messages({n: _schema(n) for n in schema.SCHEMAS}, schemawords.messages()) == []


def test_changing_a_pattern_without_its_message_fails() -> None:
    loosened = _schema("vendor")
    loosened["$defs"]["https_url"]["pattern"] = "^https?://"  # http:// now allowed, its words still say https://
    wrong = problems_with_messages({"vendor": loosened}, schemawords.messages())
    assert "vendor #/$defs/https_url: web_address.pattern: the invalid example 'http://example.org/' keeps the rule" \
        in wrong


def test_a_pattern_without_a_message_fails() -> None:
    unnamed = _schema("vendor")
    del unnamed["$defs"]["period"]["x-message"]
    assert "vendor: a subschema with ['pattern'] names no message (None) at #/$defs/period; add \"x-message\" " \
        "naming an entry of schema/messages.json" in problems_with_messages({"vendor": unnamed}, schemawords.messages())


def test_a_message_no_rule_uses_fails() -> None:
    extra = copy.deepcopy(schemawords.messages())
    extra["unused"] = {"pattern": {"message": "m", "fix": "f", "valid": ["a"], "invalid": ["b"]}}
    assert "message 'unused' is named by no subschema" in \
        problems_with_messages({n: _schema(n) for n in schema.SCHEMAS}, extra)


RECORD = ("name: X\nservice: Y\nwebsite: {website}\nprivacy_policy: https://x.example/p\n"
          "data: {{always: [email], opt_in: []}}\nretention: As long as needed.\nretention_period: {period}\n"
          "changes: [{{date: 2022-01-03, summary: Listed.}}]\n")


@pytest.mark.parametrize(("website", "period", "field", "message", "fix"), [
    ("http://x.example/", "P30D", "website", "'http://x.example/' is not an https:// address (http:// is not secure)",
     "use the secure address: https://x.example/"),
    ("www.x.example", "P30D", "website", "'www.x.example' is not an https:// address",
     "write the full address starting with https://, as shown in the browser's address bar"),
    ("https://x.example/", "two years", "retention_period", "'two years' is not an ISO 8601 period",
     "write P, a number and a unit: P30D (30 days), P6M (six months), P2Y (two years), P1Y6M"),
])
def test_staff_read_the_words_of_the_schema(website: str, period: str, field: str, message: str, fix: str) -> None:
    doc = load(RECORD.format(website=website, period=period))
    (problem,) = schema.validate("vendor", doc, "vendors/x.yaml")
    assert (problem.field, problem.message, problem.hint) == (field, message, fix)


def test_lower_case_is_suggested_only_where_it_would_do() -> None:
    base = "name: X\nservice: Y\nwebsite: https://x.example/\nprivacy_policy: https://x.example/p\n" \
           "data: {{always: [{category}], opt_in: []}}\nformer_ids: [{old}]\n" \
           "changes: [{{date: 2022-01-03, summary: Listed.}}]\n"
    found = {p.field: (p.message, p.hint) for p in schema.validate(
        "vendor", load(base.format(category="Email", old="Over_Drive")), "vendors/x.yaml")}
    assert found["data.always[0]"] == ("'Email' is not a valid id", "use lower case: 'email'")
    assert found["former_ids[0]"] == ("'Over_Drive' is not a valid vendor id",  # over_drive is no vendor id either
                                      "write the old file name without .yaml: lower-case letters and digits, "
                                      "a hyphen between words, e.g. cloud-library")


def test_a_missing_field_is_named_from_the_error_data_not_its_english() -> None:
    doc = load("name: X\nservice: Y\n")
    errors = list(schema.validator("vendor").iter_errors(doc.data))
    for error in errors:
        error.message = "(a message in another language)"
    problems = sorted({p for e in errors for p in schema._to_problems(e, doc, "vendors/x.yaml", "vendor")})
    assert [p.message for p in problems] == [f"the required field {f!r} is missing"
                                             for f in ("changes", "data", "privacy_policy", "website")]


def test_a_control_character_is_named_by_what_the_pattern_refuses() -> None:
    doc = load('name: X\nservice: Y\nwebsite: https://x.example/\nprivacy_policy: https://x.example/p\n'
               'data: {always: [], opt_in: []}\nnote: "two lines\\nare fine here, a bell\\a is not"\n'
               'changes: [{date: 2022-01-03, summary: Listed.}]\n')
    (problem,) = schema.validate("vendor", doc, "vendors/x.yaml")
    assert (problem.field, problem.message) == ("note", "contains a control character (U+0007)")
