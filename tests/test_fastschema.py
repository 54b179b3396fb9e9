"""The fast validity check agrees with jsonschema: it never lets an invalid file through."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from generator import fastschema, schema
from generator.registry import vendor_files
from generator.yamlsrc import decode, load
from tests.conftest import ROOT


def _schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema.schema_text(name))
    return loaded


def _authority(name: str) -> Draft202012Validator:
    return Draft202012Validator(_schema(name), format_checker=FormatChecker(formats=schema.FORMATS))


@pytest.mark.parametrize("name", schema.SCHEMAS)
def test_every_shipped_schema_has_a_fast_check(name: str) -> None:
    fastschema.compile_schema(_schema(name), schema.FORMATS)


def test_the_real_registry_takes_the_fast_path() -> None:
    fast = fastschema.compile_schema(_schema("vendor"), schema.FORMATS)
    files = vendor_files(ROOT / "vendors")
    assert files
    for path in files:
        assert fast(load(decode(path.read_bytes())).data), path.name
    categories = fastschema.compile_schema(_schema("categories"), schema.FORMATS)
    assert categories(load(decode((ROOT / "vendors" / "_categories.yaml").read_bytes())).data)


def test_an_unknown_keyword_is_refused_not_ignored() -> None:
    with pytest.raises(fastschema.Unsupported):
        fastschema.compile_schema({"type": "object", "minProperties": 2})
    with pytest.raises(fastschema.Unsupported):
        fastschema.compile_schema({"$ref": "https://elsewhere.example/schema.json"})


BASE: dict[str, Any] = load(decode((ROOT / "vendors" / "overdrive.yaml").read_bytes())).data
FIELDS = [*BASE, "retention", "how_to_avoid", "note", "retired", "privacy_policy_verified", "nmae"]

texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "2022-01-03", "2022-02-30", "2022-1-3", "2022-01-03\n", "٢٠٢٢-٠١-٠٣",
                     "https://example.org/a", "http://example.org/", "https://exa mple.org", "<b>x</b>",
                     "[x](https://e.org)", "email", "Email", "checkout_history", "a" * 2001, "x\u0007y"]),
)
scalars = st.one_of(texts, st.integers(-3, 3), st.booleans(), st.none())
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["date", "summary", "always", "opt_in", "extra"]), inner, max_size=3)),
    max_leaves=8)


@st.composite
def vendor_documents(draw: st.DrawFn) -> Any:
    """A real vendor record with a few fields replaced, removed or added."""
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["set", "delete", "nested"]))
        key = draw(st.sampled_from(FIELDS))
        if action == "set":
            doc[key] = draw(values)
        elif action == "delete":
            doc.pop(key, None)
        elif isinstance(doc.get("data"), dict) and isinstance(doc.get("changes"), list) and doc["changes"]:
            where = draw(st.sampled_from(["always", "opt_in", "change"]))
            if where == "change" and isinstance(doc["changes"][0], dict):
                doc["changes"][0][draw(st.sampled_from(["date", "summary", "when"]))] = draw(values)
            else:
                doc["data"][where if where != "change" else "always"] = draw(
                    st.lists(st.one_of(texts, scalars), max_size=4))
    return doc


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vendor_documents())
def test_fast_check_agrees_with_jsonschema(doc: Any) -> None:
    fast = fastschema.compile_schema(_schema("vendor"), schema.FORMATS)
    valid = not any(True for _ in _authority("vendor").iter_errors(doc))
    assert fast(doc) == valid


@settings(max_examples=100, deadline=None)
@given(st.floats(allow_nan=False) | st.integers() | st.booleans())
def test_numbers_never_pass_where_jsonschema_would_refuse(value: float) -> None:
    integer = fastschema.compile_schema({"type": "integer"})
    authority = Draft202012Validator({"type": "integer"})
    if integer(value):
        assert authority.is_valid(value)


def test_invalid_fixture_files_still_get_jsonschema_messages(tmp_path: Path) -> None:
    doc = load("name: X\nservice: Y\nwebsite: http://x.example/\nprivacy_policy: https://x.example/p\n"
               "data: {always: [email, email], opt_in: []}\nlast_reviewed: 2022-02-30\n"
               "changes: [{date: 2022-01-03, summary: Listed.}]\n")
    problems = schema.validate("vendor", doc, "vendors/x.yaml")
    messages = {p.field: p.message for p in problems}
    assert "is not an https:// address" in messages["website"]
    assert messages["data.always"] == "lists the same entry twice"
    assert "is not a real date" in messages["last_reviewed"]
