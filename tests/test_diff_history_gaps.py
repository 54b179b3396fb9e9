"""``diff`` on the edits a staff editor makes that the first diff tests never tried (real git repositories).

Offering a retired service again, changing a retirement date, deleting a published entry, renaming
a vendor that already lists former ids, and changed lines inside a block-style category list.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import git
from tests.test_diff import TODAY, add_entry, by_id, diff, diff_json, edit

FREADING = "vendors/freading.yaml"


def line_of(path: Path, start: str) -> int:
    """The 1-based number of the first line of ``path`` that starts with ``start``."""
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(start))


def retire_in_base(repo: Path, day: str = "2024-01-15") -> Path:
    """Freading retired, with its entry, committed as the new base."""
    path = repo / FREADING
    edit(path, "\nsources:", f"\nretired: {day}\nsources:")
    add_entry(path, "The library no longer offers Freading.", day)
    git(repo, "commit", "-q", "-am", "retire freading")
    return path


def test_offering_a_retired_service_again_needs_an_entry_and_says_so(repo: Path) -> None:
    path = retire_in_base(repo)
    edit(path, "retired: 2024-01-15\n", "")
    result = diff(repo)
    assert result.returncode == 1, result.stdout
    assert "vendors/freading.yaml: Library Ideas (Freading): changed" in result.stdout
    assert "data collection: offered again (no longer retired)" in result.stdout
    assert f'  - date: {TODAY}\n    summary: "The library offers Library Ideas (Freading) again."' in result.stdout
    code, report = diff_json(repo)
    change, = by_id(report)["freading"]["changes"]
    assert (change["kind"], change["before"], change["after"], change["line"]) == (
        "unretired", "2024-01-15", None, 0)
    add_entry(path, "The library offers Freading again.")
    code, report = diff_json(repo)
    assert code == 0 and by_id(report)["freading"]["status"] == "changed"


def test_changing_a_retirement_date_is_dated_on_the_new_day(repo: Path) -> None:
    path = retire_in_base(repo)
    edit(path, "retired: 2024-01-15", "retired: 2024-02-01")
    result = diff(repo)
    assert result.returncode == 1, result.stdout
    line = line_of(path, "retired:")
    assert f"data collection: retirement date changed to 2024-02-01 [line {line}]" in result.stdout
    assert "add an entry dated 2024-02-01 to the changes: list" in result.stdout
    assert ('  - date: 2024-02-01\n    summary: "The library stopped offering Library Ideas (Freading)."'
            in result.stdout)
    code, report = diff_json(repo)
    vendor = by_id(report)["freading"]
    assert vendor["status"] == "changed", "it was retired already: the status is a change, not a retirement"
    assert [(c["kind"], c["before"], c["after"]) for c in vendor["changes"]] == [
        ("retired", "2024-01-15", "2024-02-01")]
    retired_problem, = [p for p in vendor["problems"] if p["field"] == "retired"]
    assert retired_problem["message"] == ("the retirement of Library Ideas (Freading) moved from 2024-01-15 to "
                                          "2024-02-01, but the change log still says it stopped on 2024-01-15")
    assert retired_problem["line"] == line_of(path, "    summary: The library no longer offers Freading.")

    add_entry(path, "The library stopped offering Freading on February 1, 2024.", "2024-02-01")
    code, report = diff_json(repo)
    assert code == 1, "two stops in the history: the entry of the old day must say it was wrong"
    edit(path, "summary: The library no longer offers Freading.\n",
         f"summary: The library no longer offers Freading (from February 1, 2024, not this day).\n"
         f"    corrected: {TODAY}\n")
    code, report = diff_json(repo)
    assert code == 0, report


def test_retiring_is_dated_on_the_retirement_day_not_today(repo: Path) -> None:
    edit(repo / FREADING, "\nsources:", "\nretired: 2024-03-01\nsources:")
    code, report = diff_json(repo)
    vendor = by_id(report)["freading"]
    assert code == 1 and vendor["status"] == "retired"
    assert vendor["suggestion"] == ('  - date: 2024-03-01\n    summary: "The library stopped offering '
                                    'Library Ideas (Freading)."\n')
    change, = vendor["changes"]
    line = line_of(repo / FREADING, "retired:")
    assert (change["text"], change["line"], change["data_collection"]) == ("retired on 2024-03-01", line, True)


def test_deleting_a_published_entry_fails_and_gives_it_back(repo: Path) -> None:
    edit(repo / FREADING,
         "  - date: 2022-01-03\n    summary: Listed in the library system's third-party services chart.\n", "")
    result = diff(repo)
    assert result.returncode == 1, result.stdout
    assert ("the entry of 2022-01-03 ('Listed in the library system's third-party services chart.') was removed "
            "from the change log of Library Ideas (Freading); the public history only grows") in result.stdout
    code, report = diff_json(repo)
    problem, = by_id(report)["freading"]["problems"]
    line = line_of(repo / FREADING, "changes:")
    assert (problem["file"], problem["line"], problem["field"]) == (FREADING, line, "changes")
    assert "  - date: 2022-01-03\n    summary: \"Listed in the library system's third-party" in problem["hint"]


def test_redating_a_published_entry_fails(repo: Path) -> None:
    edit(repo / FREADING, "  - date: 2022-01-03", "  - date: 2022-01-04")
    code, report = diff_json(repo)
    assert code == 1
    problem, = by_id(report)["freading"]["problems"]
    assert problem["field"] == "changes[0].date" and problem["line"] == line_of(repo / FREADING, "  - date: 2022-01-04")
    assert "was re-dated from 2022-01-03 to 2022-01-04" in problem["message"]


def test_rename_of_a_vendor_that_already_lists_former_ids(repo: Path) -> None:
    path = repo / "vendors/kanopy.yaml"
    edit(path, "\nname:", "\nformer_ids: [kanopy-streaming]\nname:")
    git(repo, "commit", "-q", "-am", "an earlier rename")
    git(repo, "mv", "vendors/kanopy.yaml", "vendors/kanopy-video.yaml")
    code, report = diff_json(repo)
    assert code == 1
    problem, = by_id(report)["kanopy-video"]["problems"]
    assert (problem["field"], problem["line"], problem["column"]) == ("former_ids", 2, 1)
    assert problem["hint"] == "add 'kanopy' to the former_ids: list"
    edit(repo / "vendors/kanopy-video.yaml", "former_ids: [kanopy-streaming]", "former_ids: [kanopy-streaming, kanopy]")
    code, report = diff_json(repo)
    assert code == 0, report
    vendor = by_id(report)["kanopy-video"]
    assert vendor["status"] == "renamed" and vendor["old_path"] == "vendors/kanopy.yaml"
    change, = vendor["changes"]
    assert (change["kind"], change["field"], change["data_collection"]) == ("field", "former_ids", False)


def test_rename_without_former_ids_points_at_the_name(repo: Path) -> None:
    git(repo, "mv", "vendors/kanopy.yaml", "vendors/kanopy-video.yaml")
    code, report = diff_json(repo)
    problem, = by_id(report)["kanopy-video"]["problems"]
    assert (problem["line"], problem["column"]) == (2, 1)
    assert problem["hint"] == "add the line 'former_ids: [kanopy]'"


def test_block_style_category_lists_point_at_each_changed_line(repo: Path) -> None:
    path = repo / "vendors/overdrive.yaml"
    edit(path, "data: {always: [checkout_history, holds, reading_progress, bookmarks, highlights, notes, "
         "online_activity], opt_in: []}",
         "data:\n  always:\n    - checkout_history\n    - holds\n    - bookmarks\n    - highlights\n    - notes\n"
         "    - online_activity\n  opt_in:\n    - reading_progress\n    - email\n  not_kept:\n    - location")
    git(repo, "commit", "-q", "-am", "block style")
    edit(path, "    - holds\n", "")
    edit(path, "    - email\n", "    - email\n    - phone\n")
    edit(path, "  opt_in:\n    - reading_progress\n", "  opt_in:\n")
    edit(path, "    - online_activity\n", "    - online_activity\n    - reading_progress\n")
    edit(path, "  not_kept:\n    - location", "  not_kept: []")
    code, report = diff_json(repo)
    assert code == 1
    lines = {c["field"] + ":" + (c["after"] or c["before"]): c["line"] for c in by_id(report)["overdrive"]["changes"]}
    text = (repo / "vendors/overdrive.yaml").read_text().splitlines()
    assert text[lines["data.opt_in:phone (opt_in)"] - 1] == "    - phone"
    assert text[lines["data.always:reading_progress (always)"] - 1] == "    - reading_progress"
    assert text[lines["data.always:holds (always)"] - 1] == "data:", "a removed category points at data:"
    assert text[lines["data.not_kept:location (not_kept)"] - 1] == "data:"
    assert len(lines) == 4
