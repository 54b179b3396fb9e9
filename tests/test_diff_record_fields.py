"""``diff`` and the honest-record fields: every change to what the record says needs a dated entry.

Changes to sources (except their wording), sign-in, what the library passes on, retention,
advertising, selling, children's data, either/or requirements and "not kept" are data-collection
changes; a reworded source description or quote is not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_diff import add_entry, by_id, diff_json, edit

LINKEDIN = "vendors/linkedin-learning.yaml"


@pytest.mark.parametrize(("old", "new", "field"), [
    ("\nsources:", "\nsign_in: [library_card]\nsources:", "sign_in"),
    ("\nsources:", "\nidentifiers_shared: [library_card_number]\nsources:", "identifiers_shared"),
    ("\nsources:", "\nretention: Two years.\nretention_period: P2Y\nsources:", "retention_period"),
    ("\nsources:", "\nadvertising_or_tracking: no\nsources:", "advertising_or_tracking"),
    ("\nsources:", "\nsells_or_shares: yes\nsources:", "sells_or_shares"),
    ("\nsources:", "\nchildren: {targets_children: no}\nsources:", "children"),
    ("checked: 2022-01-03", "checked: 2024-02-01", "sources"),
    ("  - kind: library_page", "  - kind: privacy_policy\n    address: https://www.linkedin.com/legal/privacy-policy\n"
     "    checked: 2024-02-01\n  - kind: library_page", "sources"),
])
def test_a_change_to_an_answer_or_a_source_needs_a_dated_entry(repo: Path, old: str, new: str, field: str) -> None:
    edit(repo / LINKEDIN, old, new)
    code, report = diff_json(repo)
    assert code == 1, report
    changes = by_id(report)["linkedin-learning"]["changes"]
    change = next(c for c in changes if c["field"] == field)
    assert change["kind"] == "record" and change["data_collection"] is True
    add_entry(repo / LINKEDIN, "The library checked LinkedIn Learning's privacy policy.")
    assert diff_json(repo)[0] == 0


def test_rewording_a_source_is_not_a_data_collection_change(repo: Path) -> None:
    edit(repo / LINKEDIN, 'quote: "Name, email and/or mobile number, password"', 'quote: "Name, email and/or mobile"')
    edit(repo / LINKEDIN, "description: The chart of third-party services", "description: The services chart")
    code, report = diff_json(repo)
    assert code == 0, report
    assert "linkedin-learning" not in by_id(report) or not by_id(report)["linkedin-learning"]["changes"]


def test_either_or_and_not_kept_changes_are_flagged(repo: Path) -> None:
    edit(repo / LINKEDIN, "categories: [email, phone]", "categories: [email, address]")
    edit(repo / LINKEDIN, "  opt_in: []\n", "  opt_in: []\n  not_kept: [location]\n")
    code, report = diff_json(repo)
    assert code == 1
    texts = {c["text"] for c in by_id(report)["linkedin-learning"]["changes"] if c["data_collection"]}
    assert "is no longer recorded as keeping phone number (was always kept, as one of several; now not known)" in texts
    assert "now keeps postal address (always kept, as one of several)" in texts
    assert "location data is now recorded as not kept (was not known)" in texts
