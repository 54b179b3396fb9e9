"""``diff``'s whole JSON answer for the common edits, field by field (real git repositories).

Substring checks let a report say more or less than it should; these compare every problem's file,
line, column, field, message and hint, and the entry to paste, as a CI annotation or a reviewer reads them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import git
from tests.test_diff import TODAY, add_entry, by_id, diff_json, edit


def line_of(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(start))


def new_vendor(repo: Path, entries: bool, extra: str = "") -> Path:
    path = repo / "vendors/storybox.yaml"
    shutil.copy(repo / "vendors/tumblebooks.yaml", path)
    edit(path, "name: Tumblebooks", "name: Storybox" + extra)
    if not entries:
        text = path.read_text()
        path.write_text(text[: text.index("changes:")])
    return path


def test_a_new_vendor_without_an_entry(repo: Path) -> None:
    new_vendor(repo, entries=False)
    code, report = diff_json(repo)
    assert code == 1
    assert by_id(report)["storybox"] == {
        "id": "storybox", "status": "added", "path": "vendors/storybox.yaml", "old_path": None, "name": "Storybox",
        "ok": False, "changes": [], "new_entries": [],
        "problems": [{"file": "vendors/storybox.yaml", "line": 0, "column": 0, "field": "changes",
                      "message": "a new vendor needs a dated entry in its changes: list",
                      "hint": f"add: changes: [{{date: {TODAY}, summary: ...}}]"}],
        "suggestion": f"changes:\n  - date: {TODAY}\n    summary: \"Storybox was added to the library's third-party "
                      "services.\"\n"}


def test_a_new_vendor_with_an_empty_change_list_points_at_it(repo: Path) -> None:
    path = new_vendor(repo, entries=False)
    path.write_text(path.read_text() + "changes: []\n")
    code, report = diff_json(repo)
    problem, = by_id(report)["storybox"]["problems"]
    assert (problem["line"], problem["column"], problem["field"]) == (line_of(path, "changes:"), 1, "changes")


def test_a_new_vendor_with_an_entry_lists_it_and_keeps_its_other_problems(repo: Path) -> None:
    new_vendor(repo, entries=True)
    code, report = diff_json(repo)
    vendor = by_id(report)["storybox"]
    assert code == 0 and vendor["problems"] == [] and vendor["suggestion"] is None
    assert vendor["new_entries"] == [
        {"date": "2022-01-03", "summary": "Listed in the library system's third-party services chart."},
        {"date": "2026-11-26", "summary": "The record now names its source, the library system's chart of January "
                                          "3, 2022; anything that chart does not say is shown as not known."}]
    new_vendor(repo, entries=True, extra="\nretention_period: soon")
    code, report = diff_json(repo)
    problem, = by_id(report)["storybox"]["problems"]
    assert code == 1 and problem["field"] == "retention_period"


def test_a_deleted_vendor(repo: Path) -> None:
    git(repo, "rm", "-q", "vendors/freading.yaml")
    code, report = diff_json(repo)
    assert code == 1
    assert by_id(report)["freading"] == {
        "id": "freading", "status": "deleted", "path": "vendors/freading.yaml", "old_path": None,
        "name": "Library Ideas (Freading)", "ok": False, "changes": [], "new_entries": [],
        "problems": [{"file": "vendors/freading.yaml", "line": 0, "column": 0, "field": "",
                      "message": "the vendor file was deleted; Library Ideas (Freading)'s history must stay public",
                      "hint": f"restore it (git checkout HEAD -- vendors/freading.yaml), then add 'retired: {TODAY}' "
                              "(the day the library stopped offering it) and a dated entry to its changes: list"}],
        "suggestion": f"retired: {TODAY}\nchanges:\n  # ...the existing entries stay...\n  - date: {TODAY}\n"
                      "    summary: \"The library stopped offering Library Ideas (Freading).\"\n"}


def test_a_renamed_vendor_without_its_former_id(repo: Path) -> None:
    git(repo, "mv", "vendors/kanopy.yaml", "vendors/kanopy-video.yaml")
    code, report = diff_json(repo)
    assert code == 1
    assert by_id(report)["kanopy-video"] == {
        "id": "kanopy-video", "status": "renamed", "path": "vendors/kanopy-video.yaml",
        "old_path": "vendors/kanopy.yaml", "name": "Kanopy Streaming Video", "ok": False, "changes": [],
        "new_entries": [],
        "problems": [{"file": "vendors/kanopy-video.yaml", "line": 2, "column": 1, "field": "former_ids",
                      "message": "the vendor's page moves from services/kanopy/ to services/kanopy-video/; "
                                 "patrons' bookmarks and links to the old address would break",
                      "hint": "add the line 'former_ids: [kanopy]'"}],
        "suggestion": None}


def test_a_data_collection_change_without_an_entry(repo: Path) -> None:
    path = repo / "vendors/tumblebooks.yaml"
    edit(path, "opt_in: [name, email]", "opt_in: [name]")
    edit(path, "/privacy.aspx", "/privacy")
    code, report = diff_json(repo)
    assert code == 1
    line = line_of(path, "changes:")
    assert by_id(report)["tumblebooks"] == {
        "id": "tumblebooks", "status": "changed", "path": "vendors/tumblebooks.yaml", "old_path": None,
        "name": "Tumblebooks", "ok": False,
        "changes": [
            {"kind": "category_removed", "field": "data.opt_in",
             "text": "is no longer recorded as keeping email address (was kept only if the patron opts in; "
                     "now not known)",
             "before": "email (opt_in)", "after": None, "line": line_of(path, "data:"), "data_collection": True},
            {"kind": "privacy_policy", "field": "privacy_policy", "text": "the privacy-policy address changed",
             "before": "https://www.tumblebooklibrary.com/privacy.aspx",
             "after": "https://www.tumblebooklibrary.com/privacy", "line": line_of(path, "privacy_policy:"),
             "data_collection": True}],
        "new_entries": [],
        "problems": [{"file": "vendors/tumblebooks.yaml", "line": line, "column": 1, "field": "changes",
                      "message": "Tumblebooks: is no longer recorded as keeping email address (was kept only "
                                 "if the patron opts in; now not known), the privacy-policy address changed; "
                                 "patrons read about it only through a new dated entry",
                      "hint": f"add an entry dated {TODAY} to the changes: list"}],
        "suggestion": f"  - date: {TODAY}\n    summary: \"Tumblebooks is no longer recorded as keeping email "
                      "address (was kept only if the patron opts in; now not known); The address of "
                      "Tumblebooks's privacy policy was updated.\"\n"}


def test_each_data_collection_change_in_words(repo: Path) -> None:
    path = repo / "vendors/tumblebooks.yaml"
    edit(path, "\nsources:", "\nretention: One year.\nsign_in: [vendor_account]\nsources:")
    git(repo, "commit", "-q", "-am", "more facts")
    edit(path, "retention: One year.\n", "")
    edit(path, "sign_in: [vendor_account]", "sign_in: [library_card]")
    edit(path, "\nsources:", "\nsells_or_shares: no\nsources:")
    edit(path, "privacy_policy: https://www.tumblebooklibrary.com/privacy.aspx  # staff: confirm this address\n", "")
    edit(path, "opt_in: [name, email]", "always: [email], opt_in: [name], not_kept: [phone]")
    edit(path, "{always: [], ", "{")
    code, report = diff_json(repo)
    assert code == 1
    vendor = by_id(report)["tumblebooks"]
    assert [(c["kind"], c["text"], c["before"], c["after"]) for c in vendor["changes"]] == [
        ("category_moved", "email address is now always kept (was kept only if the patron opts in)", "email (opt_in)",
         "email (always)"),
        ("category_moved", "phone number is now recorded as not kept (was not known)", None, "phone (not_kept)"),
        ("retention", "how long the data is kept removed", "One year.", None),
        ("privacy_policy", "the privacy-policy address removed", "https://www.tumblebooklibrary.com/privacy.aspx",
         None),
        ("record", "how patrons sign in changed", '["vendor_account"]', '["library_card"]'),
        ("record", "selling or sharing data changed from unknown to no", None, "no"),
    ]
    assert [c["line"] for c in vendor["changes"]] == [line_of(path, "data:")] * 2 + [0, 0] + [
        line_of(path, "sign_in:"), line_of(path, "sells_or_shares:")]
    assert vendor["suggestion"] == (
        f"  - date: {TODAY}\n    summary: \"Tumblebooks: email address is now always kept (was kept only if the "
        "patron opts in); Tumblebooks: phone number is now recorded as not kept (was not known); The record of how "
        "long Tumblebooks keeps data was updated; The address of Tumblebooks's privacy policy was updated; The "
        "record of Tumblebooks: how patrons sign in changed; The record of Tumblebooks: selling or sharing data "
        "changed from unknown to no.\"\n")


def test_information_fields_are_listed_with_their_values_and_never_fail(repo: Path) -> None:
    path = repo / "vendors/tumblebooks.yaml"
    edit(path, "privacy_policy_verified: false\n", "privacy_policy_verified: true\n")
    edit(path, "name: Tumblebooks", "name: TumbleBooks")
    edit(path, "\nsources:", "\nnote: Read\n  aloud.\nsources:")
    code, report = diff_json(repo)
    assert code == 0
    assert [(c["kind"], c["field"], c["text"], c["before"], c["after"], c["data_collection"])
            for c in by_id(report)["tumblebooks"]["changes"]] == [
        ("field", "name", "name changed", "Tumblebooks", "TumbleBooks", False),
        ("field", "privacy_policy_verified", "privacy_policy_verified changed", "false", "true", False),
        ("field", "note", "note changed", None, "Read aloud.", False),
    ]
    assert by_id(report)["tumblebooks"]["name"] == "TumbleBooks"
    assert by_id(report)["tumblebooks"]["changes"][2]["line"] == line_of(path, "note:")


def test_a_new_entry_that_covers_the_change_is_listed(repo: Path) -> None:
    path = repo / "vendors/tumblebooks.yaml"
    edit(path, "opt_in: [name, email]", "opt_in: [name]")
    add_entry(path, "Tumblebooks no longer asks for an email address.")
    code, report = diff_json(repo)
    vendor = by_id(report)["tumblebooks"]
    assert code == 0 and vendor["problems"] == [] and vendor["suggestion"] is None
    assert vendor["new_entries"] == [{"date": TODAY, "summary": "Tumblebooks no longer asks for an email address."}]
