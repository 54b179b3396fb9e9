"""``diff`` compares every field of a vendor record: the field list comes from the schema, not from diff.

Each property of ``generator/schema/vendor.schema.json`` is changed in a real git repository and
``diff`` must report it, as a data-collection change exactly when ``COLLECTION_FIELDS`` says so.
A property added to the schema fails here until it has an example below, and is then reported
without any edit to the diff modules.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.difffields import COLLECTION_FIELDS, HISTORY_FIELD, compare
from generator.model import Vocabulary
from generator.yamlsrc import load
from tests.conftest import ROOT
from tests.test_diff import by_id, diff_json, edit

SCHEMA = json.loads((ROOT / "generator/schema/vendor.schema.json").read_text())
PROPERTIES = [key for key in SCHEMA["properties"] if key != HISTORY_FIELD]
BEFORE_SOURCES = "\nsources:"

# property -> (text in vendors/tumblebooks.yaml, what it becomes): one meaningful change each.
EXAMPLES = {
    "name": ("name: Tumblebooks", "name: TumbleBooks Library"),
    "service": ("service: Animated, talking", "service: Moving, talking"),
    "website": ("website: https://www.tumblebooklibrary.com/", "website: https://www.tumblebooks.com/"),
    "privacy_policy": ("/privacy.aspx", "/privacy-policy"),
    "privacy_policy_verified": ("privacy_policy_verified: false", "privacy_policy_verified: true"),
    "library_itself": (BEFORE_SOURCES, "\nlibrary_itself: {policy_page: privacy.md}" + BEFORE_SOURCES),
    "data": ("opt_in: [name, email]", "opt_in: [name, email, phone]"),
    "sources": ("checked: 2022-01-03", "checked: 2024-02-01"),
    "sign_in": (BEFORE_SOURCES, "\nsign_in: [vendor_account]" + BEFORE_SOURCES),
    "identifiers_shared": (BEFORE_SOURCES, "\nidentifiers_shared: []" + BEFORE_SOURCES),
    "retention": (BEFORE_SOURCES, "\nretention: Until the account is closed." + BEFORE_SOURCES),
    "retention_period": (BEFORE_SOURCES, "\nretention_period: P1Y" + BEFORE_SOURCES),
    "retention_by_category": (BEFORE_SOURCES, "\nretention_by_category: [{categories: [email], retention: One year.}]"
                              + BEFORE_SOURCES),
    "advertising_or_tracking": (BEFORE_SOURCES, "\nadvertising_or_tracking: no" + BEFORE_SOURCES),
    "sells_or_shares": (BEFORE_SOURCES, "\nsells_or_shares: no" + BEFORE_SOURCES),
    "children": (BEFORE_SOURCES, "\nchildren: {targets_children: yes}" + BEFORE_SOURCES),
    "how_to_avoid": ("Children can read without", "Children may read without"),
    "how_to_delete": (BEFORE_SOURCES, "\nhow_to_delete: Ask the library to close the account." + BEFORE_SOURCES),
    "deletion_contact": (BEFORE_SOURCES, "\ndeletion_contact: privacy@tumblebooks.example" + BEFORE_SOURCES),
    "note": (BEFORE_SOURCES, "\nnote: Works in a web browser." + BEFORE_SOURCES),
    "last_reviewed": (BEFORE_SOURCES, "\nlast_reviewed: 2024-02-01" + BEFORE_SOURCES),
    "members": (BEFORE_SOURCES, "\nmembers: [yonkers]" + BEFORE_SOURCES),
    "translations": ("    service: Libros ilustrados", "    service: Cuentos ilustrados"),
    "former_ids": (BEFORE_SOURCES, "\nformer_ids: [tumble-books]" + BEFORE_SOURCES),
    "retired": (BEFORE_SOURCES, "\nretired: 2024-02-01" + BEFORE_SOURCES),
}


@pytest.mark.parametrize("prop", PROPERTIES)
def test_every_schema_property_is_reported_when_it_changes(repo: Path, prop: str) -> None:
    if prop not in EXAMPLES:
        pytest.fail(f"the schema has a new property {prop!r}: add an example change for it to EXAMPLES")
    old, new = EXAMPLES[prop]
    edit(repo / "vendors/tumblebooks.yaml", old, new)
    code, report = diff_json(repo)
    vendor = by_id(report)["tumblebooks"]
    assert not [p for p in vendor["problems"] if p["field"] != "changes"], vendor["problems"]
    found = [c for c in vendor["changes"] if c["field"] == prop or c["field"].startswith(prop + ".")]
    assert found, f"{prop} changed but diff did not report it: {vendor['changes']}"
    collection = prop in COLLECTION_FIELDS
    assert all(c["data_collection"] is collection for c in found)
    assert code == (1 if collection else 0), "a data-collection change needs a dated entry; others never fail"
    assert all(c["line"] > 0 for c in found), "the report points at the changed line"


def test_data_collection_fields_are_declared_once_and_exist_in_the_schema() -> None:
    assert set(COLLECTION_FIELDS) <= set(SCHEMA["properties"]), "rename in COLLECTION_FIELDS too"
    assert HISTORY_FIELD in SCHEMA["properties"]


def test_what_patrons_can_do_about_their_data_needs_a_dated_entry() -> None:
    """The README promises a dated entry for every answer patrons read first: a change to how to avoid
    giving data or have it deleted changes what patrons can do, and is published in the change log."""
    readme = (ROOT / "README.md").read_text("utf-8")
    promised = readme[readme.index("`vendors.csv` adds columns"):readme.index("needs a dated `changes:` entry")]
    for field in ("how_to_avoid", "how_to_delete", "deletion_contact", "sells_or_shares", "advertising_or_tracking",
                  "retention_period", "sign_in", "identifiers_shared", "children", "library_itself", "sources"):
        assert f"`{field}`" in promised or field == "children", field
        assert field in COLLECTION_FIELDS, f"the README says a change to {field} needs a dated entry"


def test_a_field_diff_has_never_heard_of_is_still_reported() -> None:
    """Whole records are compared: a key no list in the code names shows up as a change."""
    vocabulary = Vocabulary((), ())
    base = load("name: Storybox\nloyalty_programme: none\n")
    work = load("name: Storybox\nloyalty_programme: points for every book\n")
    change, = compare(base, work, vocabulary)
    assert (change.kind, change.field, change.before, change.after, change.line) == (
        "field", "loyalty_programme", "none", "points for every book", 2)
    assert not change.collection
