"""The quick check (jsonschema-rs) never passes a file that jsonschema, the reference, refuses.

A clean file is passed by jsonschema-rs alone; every other file goes to
jsonschema, which gives the staff messages. If the two libraries ever read the
shipped schemas differently (a regular expression dialect, a date format), a
file jsonschema refuses could reach the model unchecked: these tests compare
them on the real registry, on every fixture and on generated records.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import schema
from generator.policies import FRONT_MATTER
from generator.registry import vendor_files
from generator.yamlsrc import YamlError, decode, load
from tests.conftest import ROOT, examples

FIXTURES = ROOT / "tests" / "fixtures"


def _never_passes_what_jsonschema_refuses(name: str, data: Any) -> None:
    # The other way round is harmless: jsonschema then judges the file. It happens for a text
    # ending in a line break, where Python's '$' matches before the break and Rust's does not.
    if schema.quickly_valid(name, data):
        assert schema.validator(name).is_valid(data), "jsonschema-rs passed what jsonschema refuses"


def test_the_real_registry_takes_the_quick_path() -> None:
    files = vendor_files(ROOT / "vendors")
    assert files
    for path in files:
        assert schema.quickly_valid("vendor", load(decode(path.read_bytes())).data), path.name
    assert schema.quickly_valid("categories", load(decode((ROOT / "vendors" / "_categories.yaml").read_bytes())).data)


def _fixture_documents() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(FIXTURES.glob("*/*")):
        if path.suffix == ".yaml" and path.name != "expected.yaml":
            found.append(("categories" if path.name.startswith("vocabulary-") else "vendor", path))
        elif path.suffix == ".md":
            found.append(("policy", path))
    return found


@pytest.mark.parametrize(("name", "path"), _fixture_documents(), ids=lambda v: getattr(v, "name", v))
def test_the_quick_check_never_passes_an_invalid_fixture(name: str, path: Path) -> None:
    try:
        text = decode(path.read_bytes())
        if name == "policy":
            match = FRONT_MATTER.match(text)
            if match is None:
                return
            text = match.group(1) or ""
        data = load(text).data
    except (YamlError, ValueError):
        return  # not YAML at all: neither validator sees it
    _never_passes_what_jsonschema_refuses(name, data)
    if path.parent.name == "valid":
        assert schema.quickly_valid(name, data), "a valid file should take the quick path"


BASE: dict[str, Any] = load(decode((ROOT / "vendors" / "overdrive.yaml").read_bytes())).data
FIELDS = [*BASE, "retention", "how_to_avoid", "note", "retired", "privacy_policy_verified", "nmae"]

texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "2022-01-03", "2022-02-30", "2022-1-3", "2022-01-03\n", "٢٠٢٢-٠١-٠٣",
                     "https://example.org/a", "http://example.org/", "https://exa mple.org", "<b>x</b>",
                     "a < 13", "[x](https://e.org)", "email", "Email", "email\n", "checkout_history",
                     "P30D", "P", "PT", "a" * 2001, "x\u0007y", "x\u202ey", "x\ty"]),
)
scalars = st.one_of(texts, st.integers(-3, 3), st.integers(), st.floats(), st.booleans(), st.none())
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["date", "summary", "always", "opt_in", "extra", "period", "categories"]),
                    inner, max_size=3)),
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


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vendor_documents())
def test_the_quick_check_never_passes_an_invalid_generated_record(doc: Any) -> None:
    _never_passes_what_jsonschema_refuses("vendor", doc)


def test_a_value_jsonschema_rs_cannot_take_goes_to_jsonschema() -> None:
    doc = copy.deepcopy(BASE)
    doc["data"] = {1: "a number as a key"}
    assert not schema.quickly_valid("vendor", doc)
    assert schema.validate("vendor", load("name: x\n"), "vendors/x.yaml")
