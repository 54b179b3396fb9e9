"""What staff read for a value that fits none of a field's forms, or a field left empty.

Each case is a valid record with one line changed, checked in process against the shipped
vendor schema: the problem's position, field, message and fix are what a staff member reads.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.registry import load_registry
from generator.schema import REQUIRED_BESIDE, SCHEMAS, form, schema_text, validate
from generator.yamlsrc import load
from tests.conftest import ROOT

BASE = """name: Calm Reader
service: Reading eBooks online
website: https://www.example.org/
privacy_policy: https://www.example.org/privacy
data:
  always: [name, email]
  opt_in: []
changes:
  - date: 2022-01-03
    summary: Listed in the chart.
"""
OPTIONAL = "write a value after the colon, or remove the line: the field is optional"
REQUIRED = "write a value after the colon: the field is required here"
ADDRESS_FORMS = "write a web address starting with https://; or an email address such as privacy@example.com"
SIGN_IN_FORMS = "write unknown; or a list of library_card, library_sign_on, vendor_account, none"
SIGN_IN_VALUES = "use one of: library_card, library_sign_on, vendor_account, none"

CASES = {
    # A value of the wrong type for a field with several forms: every form is named.
    "deletion contact is a number": ("deletion_contact: 42\n", "11:19", "deletion_contact",
                                     "is a number, which is not allowed here", ADDRESS_FORMS),
    "deletion contact is a list": ("deletion_contact: [a]\n", "11:19", "deletion_contact",
                                   "is a list, which is not allowed here", ADDRESS_FORMS),
    "deletion contact is neither form": ("deletion_contact: privacy at example\n", "11:19", "deletion_contact",
                                         "'privacy at example' is neither an https:// address nor an email address",
                                         "write the vendor's own page for deletion requests (starting with https://) "
                                         "or its email address, e.g. privacy@example.com"),
    "sign-in is a word": ("sign_in: sometimes\n", "11:10", "sign_in", "'sometimes' is not allowed here",
                          SIGN_IN_FORMS),
    "sign-in is a number": ("sign_in: 3\n", "11:10", "sign_in", "is a number, which is not allowed here",
                            SIGN_IN_FORMS),
    "answer is a number": ("sells_or_shares: 3\n", "11:18", "sells_or_shares",
                           "is a number, which is not allowed here", "write yes or no or unknown"),
    "answer is another word": ("sells_or_shares: perhaps\n", "11:18", "sells_or_shares",
                               "'perhaps' is not allowed here", "write yes or no or unknown"),
    # A list with one bad entry: the entry is named, not the whole list.
    "sign-in lists an unknown way": ("sign_in: [library_card, smoke_signal]\n", "11:25", "sign_in[1]",
                                     "'smoke_signal' is not allowed", SIGN_IN_VALUES),
    "sign-in lists an empty entry": ("sign_in: [library_card, null]\n", "11:25", "sign_in[1]", "is empty",
                                     SIGN_IN_VALUES),
    "identifiers list an unknown one": ("identifiers_shared: [name, shoe_size]\n", "11:28", "identifiers_shared[1]",
                                        "'shoe_size' is not allowed", "use one of: library_card_number, name, email, "
                                        "phone, address, home_library, age"),
    "source gives neither address nor description": (
        "sources:\n  - kind: library_page\n    checked: 2022-01-03\n", "12:5", "sources[0]",
        "needs 'address' or 'description'", "add 'address: ...' or 'description: ...'"),
    # An empty field: optional ones may simply be removed, required ones need a value.
    "empty optional field inside a source": (
        "sources:\n  - kind: library_page\n    address: https://www.example.org/a\n    description:\n"
        "    checked: 2022-01-03\n", "14:17", "sources[0].description", "is empty; text is expected", OPTIONAL),
    "empty required field inside a source": (
        "sources:\n  - kind: library_page\n    address: https://www.example.org/a\n    checked:\n", "14:13",
        "sources[0].checked", "is empty; a date written YYYY-MM-DD is expected", REQUIRED),
    "empty optional field in a group": ("children:\n  note:\n", "12:8", "children.note",
                                        "is empty; text is expected", OPTIONAL),
    "empty optional field in a list entry": (
        "retention_by_category:\n  - categories: [name]\n    retention: a year\n    period:\n", "14:12",
        "retention_by_category[0].period", "is empty; text is expected", OPTIONAL),
    "empty required field in a list entry": (
        "retention_by_category:\n  - categories: [name]\n    retention:\n", "13:15",
        "retention_by_category[0].retention", "is empty; text is expected", REQUIRED),
    "empty optional translation": ("translations:\n  es:\n    note:\n", "13:10", "translations.es.note",
                                   "is empty; text is expected", OPTIONAL),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_wrong_value_gets_its_own_words(case: str) -> None:
    """One problem, at the value, naming the field, saying what is wrong and how to write it."""
    extra, at, field, message, fix = CASES[case]
    problems = validate("vendor", load(BASE + extra), "vendors/calm.yaml")
    assert [(f"{p.line}:{p.col}", p.field, p.message, p.hint) for p in problems] == [(at, field, message, fix)]


@pytest.mark.parametrize(("before", "after", "at", "field", "fix"), [
    ("name: Calm Reader", "name:", "1:6", "name", REQUIRED),
    ("always: [name, email]", "always: [name, null]", "6:18", "data.always[1]", "write a value after the colon"),
    # required of every outside service, optional for the library's own record (schema: if/then)
    ("privacy_policy: https://www.example.org/privacy", "privacy_policy:", "4:16", "privacy_policy", REQUIRED),
    ("privacy_policy: https://www.example.org/privacy",
     "library_itself: {policy_page: privacy.md}\nprivacy_policy:", "5:16", "privacy_policy", OPTIONAL),
    # required beside another field (dependentRequired): retention's words beside a retention period
    ("changes:", "retention:\nretention_period: P2Y\nchanges:", "8:11", "retention", REQUIRED),
    ("changes:", "retention:\nchanges:", "8:11", "retention", OPTIONAL),
    # one of a choice (anyOf): a source's address when it has no description
    ("changes:", "sources:\n  - {kind: library_page, checked: 2022-01-03, address: }\nchanges:", "9:56",
     "sources[0].address", REQUIRED),
])
def test_an_empty_value_says_whether_the_line_may_go(before: str, after: str, at: str, field: str, fix: str) -> None:
    """A required field or a list entry needs a value; an optional field may be removed instead: the advice
    holds for every way a field can be required (the line's removal is tried against the schema)."""
    problems = validate("vendor", load(BASE.replace(before, after)), "vendors/calm.yaml")
    assert [(f"{p.line}:{p.col}", p.field, p.hint) for p in problems] == [(at, field, fix)]
    assert problems[0].message.startswith("is empty; ")


def test_a_valid_record_has_no_problems() -> None:
    """The base record of these cases is itself valid."""
    assert validate("vendor", load(BASE), "vendors/calm.yaml") == []


def _any_ofs(node: Any, path: str = "") -> Iterator[tuple[str, list[Any]]]:
    if isinstance(node, dict):
        if "anyOf" in node:
            yield path, node["anyOf"]
        for key, value in node.items():
            yield from _any_ofs(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _any_ofs(value, f"{path}[{i}]")


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_form_of_a_field_can_be_put_in_words(name: str) -> None:
    """A schema change that adds a form staff could not be told how to write fails here, not in a pull request."""
    found = list(_any_ofs(json.loads(schema_text(name))))
    for path, branches in found:
        assert path, f"{name}: a choice of forms for the whole file cannot be named by a field"
        assert all(isinstance(b, dict) for b in branches), (name, path)
        if all(set(b) == {"required"} for b in branches):
            continue
        worded = [form(b) for b in branches]
        assert all(w or b == {"type": "boolean"} for w, b in zip(worded, branches, strict=True)), (name, path)
    assert found or name != "vendor"


def test_forms_are_worded_for_staff() -> None:
    """Each kind of form reads as staff would write it."""
    assert form({"enum": ["yes", "no", "unknown"]}) == "yes or no or unknown"
    assert form({"type": "array", "items": {"enum": ["name", "email"]}}) == "a list of name, email"
    assert form({"$ref": "#/$defs/https_url"}) == "a web address starting with https://"
    assert form({"$ref": "#/$defs/email"}) == "an email address such as privacy@example.com"
    assert form({"type": "boolean"}) is None


@pytest.mark.parametrize(("value", "words"), [(True, "true/false"), (3, "a number"), (1.5, "a number"),
                                              ([1], "a list"), ({"a": 1}, "a set of fields"), ("x", "text"),
                                              (None, "empty"), (b"x", "bytes")])
def test_values_are_described_in_staff_words(value: object, words: str) -> None:
    """What a wrong value is, said as a staff member would (YAML's own types; anything else by its name)."""
    from generator.schema import describe

    assert describe(value) == words


def test_an_optional_field_stays_optional_beside_other_missing_fields() -> None:
    """An empty optional ``retention`` may still be removed when a retention entry elsewhere lacks its own."""
    text = BASE + "retention:\nretention_by_category:\n  - categories: [name]\n"
    problems = {p.field: p for p in validate("vendor", load(text), "vendors/calm.yaml")}
    assert problems["retention"].hint == OPTIONAL
    assert problems["retention_by_category[0]"].message == "the required field 'retention' is missing"


KNOWN_FIELDS = ("known fields: name, service, website, privacy_policy, privacy_policy_verified, library_itself, data, "
                "sources, sign_in, identifiers_shared, retention, retention_period, retention_by_category, "
                "advertising_or_tracking, sells_or_shares, children, how_to_avoid, how_to_delete, deletion_contact, "
                "note, translations, last_reviewed, members, former_ids, retired, changes")
EXACT = {
    "a group given a number": ("children: 3\n", None, [("11:11", "children", "is a number; a set of fields is expected",
                                                        "")]),
    "yes where a category list goes": ("", ("  always: [name, email]", "  always: yes"), [
        ("6:11", "data.always", "YAML reads yes as true/false, but a list is expected",
         "if you meant a category named 'yes', put it in quotes: 'yes'; for none write []")]),
    "yes where a note goes": ("children:\n  note: yes\n", None, [
        ("12:9", "children.note", "YAML reads yes as true/false, but text is expected", "put it in quotes: 'yes'")]),
    "a list where text goes": ("", ("service: Reading eBooks online", "service: [a, b]"), [
        ("2:10", "service", "is a list; text is expected",
         "write plain text after the colon, without brackets or '-' lines")]),
    "true in quotes": ("privacy_policy_verified: 'true'\n", None, [
        ("11:26", "privacy_policy_verified", "is text; true or false is expected",
         "write true or false, without quotes")]),
    "one category without brackets": ("", ("  always: [name, email]", "  always: email"), [
        ("6:11", "data.always", "is text; a list is expected",
         "write the entries in brackets, e.g. [name, email], or [] for none")]),
    "a name too long": ("", ("name: Calm Reader", "name: " + "x" * 800), [
        ("1:7", "name", "is 800 characters long; at most 120 are allowed", "shorten it")]),
    "an empty translation": ("translations:\n  es:\n    service: ''\n", None, [
        ("13:14", "translations.es.service", "is empty", "write some text or remove the field")]),
    "either-or with one category": ("", ("  opt_in: []", "  opt_in: []\n  one_of:\n    - kept: always\n"
                                         "      categories: [email]"), [
        ("10:19", "data.one_of[0].categories", "lists 1 entry; at least 2 are needed",
         "list every category that can meet the requirement, e.g. [email, phone]")]),
    "either-or with none": ("", ("  opt_in: []", "  opt_in: []\n  one_of:\n    - kept: always\n      categories: []"), [
        ("10:19", "data.one_of[0].categories", "lists 0 entries; at least 2 are needed",
         "list every category that can meet the requirement, e.g. [email, phone]")]),
    "an empty list of retention entries": ("retention_by_category: []\n", None, [
        ("11:24", "retention_by_category", "is an empty list", "add at least one entry")]),
    "an identifier listed twice": ("identifiers_shared: [name, email, name]\n", None, [
        ("11:21", "identifiers_shared", "lists 'name' twice", "remove the repeat")]),
    "a way of signing in listed twice": ("sign_in: [none, none]\n", None, [
        ("11:10", "sign_in", "lists 'none' twice", "remove the repeat")]),
    "no way of signing in": ("sign_in: []\n", None, [
        ("11:10", "sign_in", "is an empty list", "add at least one entry")]),
    "unknown fields": ("zeta: 1\nalpha: 2\nrention: x\n", None, [
        ("11:1", "zeta", "is not a known field", KNOWN_FIELDS), ("12:1", "alpha", "is not a known field", KNOWN_FIELDS),
        ("13:1", "rention", "is not a known field", "did you mean 'retention'?")]),
}


@pytest.mark.parametrize("case", sorted(EXACT))
def test_each_broken_rule_gets_its_exact_words(case: str) -> None:
    """The whole message and the whole fix, word for word, for each kind of rule a value can break."""
    extra, swap, expected = EXACT[case]
    text = BASE.replace(*swap) if swap else BASE + extra
    problems = validate("vendor", load(text), "vendors/calm.yaml")
    assert [(f"{p.line}:{p.col}", p.field, p.message, p.hint) for p in problems] == expected


def test_settings_of_the_wrong_type_name_the_type_wanted() -> None:
    """A plugin option that must be a whole number says so."""
    problems = validate("plugin", load("chart_inline_max: many\nreview_months: 1.5\n"), "mkdocs.yml")
    assert [(p.field, p.message, p.hint) for p in problems] == [
        ("chart_inline_max", "is text; a whole number is expected", ""),
        ("review_months", "is a number; a whole number is expected", "")]


def test_a_file_that_is_not_a_set_of_fields_is_reported_at_its_top() -> None:
    """A problem with the whole file (checked alone; the loader words this case itself) is at the top level."""
    problems = validate("vendor", load("- a\n- b\n"), "vendors/calm.yaml")
    assert [(p.line, p.col, p.field, p.message) for p in problems] == [
        (1, 1, "(top level)", "is a list; a set of fields is expected")]


def test_a_number_out_of_range_names_the_limit() -> None:
    """A plugin option below or above its range says which limit it broke, and what to write."""
    low = validate("plugin", load("review_months: 0\n"), "mkdocs.yml")
    high = validate("plugin", load("review_months: 121\n"), "mkdocs.yml")
    assert [(p.field, p.message, p.hint) for p in low + high] == [
        ("review_months", "is 0, less than the smallest allowed (1)", "write 1 or more"),
        ("review_months", "is 121, more than the largest allowed (120)", "write 120 or less")]


def test_a_rule_without_staff_words_keeps_the_validators_message_and_no_fix() -> None:
    """A keyword no shipped schema uses (here const) falls back to jsonschema's own message, with no
    made-up fix."""
    from jsonschema import Draft202012Validator

    from generator.schema import _message
    error = next(Draft202012Validator({"const": 1}).iter_errors(2))
    assert _message(error, load("2\n"), ()) == ("1 was expected", "")


def test_the_first_fifty_unknown_fields_in_the_file_are_the_ones_reported() -> None:
    """A file full of unknown fields is reported from its top, in file order, up to the limit."""
    keys = [f"z{n:02d}" for n in range(54, -1, -1)]  # z54 first in the file, z00 last
    problems = validate("vendor", load(BASE + "".join(f"{k}: 1\n" for k in keys)), "vendors/calm.yaml")
    reported = [p.field for p in problems if p.message == "is not a known field"]
    assert reported == keys[:50]
    assert problems[0].message == "checking stopped after 50 problems in this file"


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_field_a_rule_names_is_described(name: str) -> None:
    """A closed set of fields lists its fields (for 'known fields: ...'), and each required field is among them
    (for its description in 'add a line ...'); the forms of a source are the one exception, worded by anyOf."""
    def walk(node: Any) -> Iterator[dict[str, Any]]:
        if isinstance(node, dict):
            yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    for node in walk(json.loads(schema_text(name))):
        if node.get("additionalProperties") is False:
            assert "properties" in node, node
        if "properties" in node:
            assert set(node.get("required", ())) <= set(node["properties"]), node


def test_a_policy_date_another_fact_needs_is_not_called_optional() -> None:
    """A policy number needs its approval date (dependentRequired): left empty, it is not 'optional'."""
    page = "title: Policy 3\npolicy_number: '3'\napproved_by: The board\napproved:\n"
    problems = validate("policy", load(page), "policies/p.md")
    assert [(p.field, p.hint) for p in problems] == [("approved", REQUIRED)]
    alone = validate("policy", load("title: Policy 3\napproved:\n"), "policies/p.md")
    assert [(p.field, p.hint) for p in alone] == [("approved", OPTIONAL)]


@pytest.mark.parametrize(("given", "needed"), [(g, n) for rules in REQUIRED_BESIDE.values() for g, n in rules.items()])
def test_a_field_the_record_checks_require_is_really_required(tmp_path: Path, given: str, needed: str) -> None:
    """REQUIRED_BESIDE says what the record checks require: each pair is refused by the loader when the field
    is left out, so the advice 'required here' is never wrong."""
    vendors = tmp_path / "vendors"
    vendors.mkdir()
    shutil.copy(ROOT / "vendors" / "_categories.yaml", vendors)
    sourced = "sources: [{kind: library_page, description: The chart, checked: 2022-01-03}]\n"  # facts need one
    (vendors / "calm.yaml").write_text(BASE + sourced + f"{given}: P2Y\n", "utf-8")
    assert [p.field for p in load_registry(vendors, tmp_path).problems] == [given]
