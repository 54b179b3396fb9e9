"""``vendor_diff`` in memory: the status it gives, the entry it drafts, and what a rename must keep."""

from __future__ import annotations

import datetime as dt

from generator.diff import Sides, classify, new_entries, suggested_summary, vendor_diff
from generator.difftypes import FieldChange, VendorDiff
from generator.model import Change, Vocabulary
from generator.problems import Problem
from generator.yamlsrc import load

TODAY = dt.date(2026, 11, 26)
VOCABULARY = Vocabulary((), ())
RECORD = "name: Libby\ndata: {always: [holds], opt_in: []}\nchanges:\n  - {date: 2024-01-01, summary: Listed.}\n"


def diff(base: str | None, work: str | None, *, old_path: str | None = None, vendor_id: str = "libby",
         problems: list[Problem] | None = None, base_date: str = "") -> VendorDiff:
    sides = Sides(vendor_id, f"vendors/{vendor_id}.yaml", load(base) if base else None, load(work) if work else None,
                  old_path, problems or [])
    return vendor_diff(sides, VOCABULARY, TODAY, "origin/main", base_date=base_date)


def test_statuses() -> None:
    assert diff(RECORD, RECORD).status == "unchanged"
    assert diff(RECORD, RECORD.replace("Libby", "Libby app")).status == "changed"
    assert diff(RECORD, RECORD + "  - {date: 2024-02-01, summary: Checked.}\n").status == "changed"
    assert diff(RECORD, RECORD + "retired: 2024-03-01\n").status == "retired"
    assert diff(RECORD + "retired: 2024-03-01\n", RECORD + "retired: 2024-03-02\n").status == "changed"
    assert diff(RECORD, RECORD, old_path="vendors/libby-app.yaml").status == "renamed"
    assert diff(RECORD, RECORD + "retired: 2024-03-01\n", old_path="vendors/libby-app.yaml").status == "renamed"
    problem = Problem("vendors/libby.yaml", 1, 1, "name", "bad", "fix")
    assert diff(RECORD, RECORD, problems=[problem]).status == "changed"
    assert diff(RECORD, None, problems=[problem]).status == "invalid"
    assert diff(RECORD, None).status == "deleted"
    assert diff(None, RECORD).status == "added"


def test_classify_alone() -> None:
    sides = Sides("libby", "vendors/libby.yaml")
    base = load(RECORD)
    retired = FieldChange("retired", "retired", "retired on 2024-03-01", None, "2024-03-01")
    assert classify(sides, base, [], [], []) == "unchanged"
    assert classify(sides, base, [retired], [], []) == "retired"
    assert classify(sides, load(RECORD + "retired: 2024-01-01\n"), [retired], [], []) == "changed"
    assert classify(sides, base, [], [Change("2024-01-01", "x")], []) == "changed"


def test_an_unreadable_file_keeps_the_name_it_had() -> None:
    problem = Problem("vendors/libby.yaml", 3, 1, "(file)", "YAML syntax", "fix it")
    found = diff(RECORD, None, problems=[problem])
    assert (found.name, found.problems, found.changes, found.suggestion) == ("Libby", (problem,), (), "")
    assert diff(None, None, problems=[problem]).name == "libby"


def test_the_drafted_entry() -> None:
    kept = FieldChange("category_added", "data.always", "now keeps holds (always kept)")
    moved = FieldChange("category_moved", "data.always", "holds is now always kept")
    info = FieldChange("field", "note", "note changed", collection=False)
    assert suggested_summary("Libby", [kept, moved, info]) == (
        "Libby now keeps holds (always kept); Libby: holds is now always kept.")
    assert suggested_summary("Libby", [info]) == "The record of Libby was updated."
    found = diff(RECORD, RECORD.replace("opt_in: []", "opt_in: [email]"))
    assert found.suggestion == ('  - date: 2026-11-26\n    summary: "Libby now keeps email (kept only if the patron '
                                'opts in)."\n')
    problem = found.problems[-1]
    assert (problem.line, problem.col, problem.field, problem.hint) == (
        3, 1, "changes", "add an entry dated 2026-11-26 to the changes: list")


def test_an_entry_is_needed_even_without_a_changes_list() -> None:
    work = "name: Libby\ndata: {always: [holds, email], opt_in: []}\n"
    found = diff(RECORD, work)
    entry = next(p for p in found.problems if p.field == "changes" and "new dated entry" in p.message)
    assert (entry.line, entry.col) == (0, 0)


def test_new_entries_and_backdated_ones() -> None:
    base = load(RECORD).data
    work = load(RECORD.replace("Listed.", "Listed in the chart.") + "  - {date: 2024-02-01, summary: Checked.}\n").data
    assert new_entries(base, work) == [Change("2024-02-01", "Checked.")]
    assert new_entries(base, base) == []
    found = diff(RECORD, RECORD + "  - {date: 2023-01-01, summary: Old news.}\n", base_date="2024-06-01")
    backdated, = found.changes
    assert (backdated.kind, backdated.field, backdated.after, backdated.line, backdated.collection) == (
        "backdated", "changes[1].date", "2023-01-01", 5, False)
    assert found.new_entries == (Change("2023-01-01", "Old news."),) and found.ok


def test_a_correction_is_shown_and_fails_until_it_says_so() -> None:
    found = diff(RECORD, RECORD.replace("Listed.", "Listed in the chart."))
    fix, = found.changes
    assert (fix.kind, fix.field, fix.before, fix.after, fix.line, fix.collection) == (
        "correction", "changes[0]", "Listed.", "Listed in the chart.", 4, False)
    assert fix.text == "the entry of 2024-01-01 was reworded (a correction, not marked as corrected)"
    problem, = found.problems
    assert (problem.line, problem.field) == (4, "changes[0].summary")
    assert problem.message == ("the entry of 2024-01-01 in the change log of Libby was reworded without saying so: "
                               "it said 'Listed.'; a correction to the public history is never silent")
    assert problem.hint.startswith("add 'corrected: 2026-11-26' under the entry")
    assert not found.ok

    marked = RECORD.replace("Listed.}", "Listed in the chart., corrected: 2026-11-26}")
    assert diff(RECORD, marked).changes[0].text == (
        "the entry of 2024-01-01 was reworded (a correction, marked 'corrected: 2026-11-26')")
    assert diff(RECORD, marked).ok


def test_a_second_correction_needs_a_new_date() -> None:
    once = RECORD.replace("Listed.}", "Listed in the chart., corrected: 2025-01-01}")
    again = once.replace("Listed in the chart.", "Listed in the services chart.")
    problem, = diff(once, again).problems
    assert "(it said 'corrected: 2025-01-01'; correct that date to today's)" in problem.message
    assert diff(once, again.replace("2025-01-01", "2026-11-26")).ok


def test_a_correction_mark_cannot_be_taken_away() -> None:
    once = RECORD.replace("Listed.}", "Listed., corrected: 2025-01-01}")
    removed, = diff(once, RECORD).problems
    assert (removed.field, removed.line) == ("changes[0].corrected", 4)
    assert removed.message == ("the 'corrected: 2025-01-01' mark of the entry of 2024-01-01 in the change log of "
                               "Libby was removed; the site would no longer say the entry was corrected")
    assert removed.hint == "put back 'corrected: 2025-01-01' under the entry"
    moved, = diff(once, once.replace("2025-01-01", "2026-01-01")).problems
    assert "changed from 2025-01-01 to 2026-01-01 although its words did not change" in moved.message
    assert diff(RECORD, once).ok, "marking an earlier correction later says more, never less"


def test_what_a_rename_must_keep() -> None:
    moved = diff(RECORD, RECORD + "former_ids: [older]\n", old_path="vendors/libby-app.yaml")
    problem, = moved.problems
    assert (problem.line, problem.col, problem.field, problem.hint) == (
        5, 1, "former_ids", "add 'libby-app' to the former_ids: list")
    assert problem.message.startswith("the vendor's page moves from services/libby-app/ to services/libby/")
    assert diff(RECORD, "former_ids: [older, libby-app]\n" + RECORD, old_path="vendors/libby-app.yaml").ok
    assert diff(RECORD, RECORD, old_path="other/libby.yaml").ok, "same id in another folder: no address changes"
    nameless = diff(RECORD, "# a comment\ndata: {always: [holds], opt_in: []}\n", old_path="vendors/libby-app.yaml")
    assert [(p.line, p.col, p.hint) for p in nameless.problems if p.field == "former_ids"] == [
        (2, 1, "add the line 'former_ids: [libby-app]'")], "no name: the start of the record"
    named = diff(RECORD, "data: {always: [holds], opt_in: []}\nname: Libby\n", old_path="vendors/libby-app.yaml")
    assert [(p.line, p.col) for p in named.problems if p.field == "former_ids"] == [(2, 1)]


def test_a_record_without_a_name_is_called_by_its_id() -> None:
    nameless = "data: {always: [holds], opt_in: []}\nchanges:\n  - {date: 2024-01-01, summary: Listed.}\n"
    assert diff(None, nameless).name == "libby"
    assert diff(None, nameless.split("changes:")[0]).name == "libby"
    assert diff(RECORD, nameless).name == "libby"
    assert diff(nameless, None).name == "libby"
    assert "libby was added" in diff(None, nameless.split("changes:")[0]).suggestion


def test_what_each_result_carries() -> None:
    added = diff(None, RECORD)
    assert (added.vendor_id, added.path, added.name, added.old_path, added.suggestion) == (
        "libby", "vendors/libby.yaml", "Libby", None, "")
    assert added.new_entries == (Change("2024-01-01", "Listed."),)
    same = diff(RECORD, RECORD)
    assert (same.suggestion, same.problems, same.changes, same.new_entries) == ("", (), (), ())
    gone = diff(RECORD, None)
    assert (gone.path, gone.name, gone.old_path) == ("vendors/libby.yaml", "Libby", None)


def test_a_removed_entry_says_how_to_mark_a_correction_instead() -> None:
    found = diff(RECORD + "  - {date: 2024-02-01, summary: Checked.}\n", RECORD)
    problem, = found.problems
    assert problem.hint.endswith("(if it was wrong, keep it, reword it and add 'corrected: 2026-11-26' under it so "
                                 "the log says it was corrected)")


def test_an_unreadable_file_is_reported_where_it_is_and_as_it_moved() -> None:
    problem = Problem("vendors/libby.yaml", 3, 1, "(file)", "YAML syntax", "fix it")
    found = diff(RECORD.replace("name: Libby\n", ""), None, problems=[problem], old_path="vendors/libby-app.yaml")
    assert (found.status, found.path, found.name, found.old_path) == (
        "invalid", "vendors/libby.yaml", "libby", "vendors/libby-app.yaml")


def test_without_a_base_ref_or_date() -> None:
    sides = Sides("libby", "vendors/libby.yaml", load(RECORD), None)
    assert "git checkout <base> -- vendors/libby.yaml" in vendor_diff(sides, VOCABULARY, TODAY).problems[0].hint
    newer = RECORD + "  - {date: 2020-01-01, summary: Checked.}\n"
    assert [c.kind for c in vendor_diff(Sides("libby", "p", load(RECORD), load(newer)), VOCABULARY, TODAY).changes] \
        == [], "no base date: nothing counts as backdated"


BLOCK = "name: Libby\ndata: {always: [holds], opt_in: []}\nchanges:\n  - date: 2024-01-01\n    summary: Listed.\n"


def test_corrections_and_backdated_entries_point_at_their_own_lines() -> None:
    found = diff(BLOCK, BLOCK.replace("Listed.", "Listed in the chart.")
                 + "  - date: 2023-01-01\n    summary: Old news.\n", base_date="2024-06-01")
    assert [(c.kind, c.line) for c in found.changes] == [("correction", 5), ("backdated", 6)]


def test_a_backdated_entry_points_at_its_date_wherever_it_is_written() -> None:
    found = diff(BLOCK, BLOCK + "  - summary: Old news.\n    date: 2023-01-01\n", base_date="2024-06-01")
    assert [(c.kind, c.line) for c in found.changes] == [("backdated", 7)]
