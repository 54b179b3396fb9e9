"""``diff`` on a vocabulary that repeats a category id (a real git repository)."""

from __future__ import annotations

from pathlib import Path

from tests.test_diff import diff_json, edit

VOCABULARY = "vendors/_categories.yaml"


def test_a_repeated_category_id_fails_and_later_lines_stay_right(repo: Path) -> None:
    path = repo / VOCABULARY
    edit(path, "\n  - id: institution", "\n  - id: name\n    label: Name again\n    description: A copy.\n"
         "    group: identity\n\n  - id: institution")
    edit(path, "label: Holds\n", "label: Books on hold\n")
    code, report = diff_json(repo)
    assert code == 1
    assert any("the category 'name' is defined twice" in p["message"] for p in report["problems"])
    vocabulary, = report["vocabulary"]
    change = next(c for c in vocabulary["changes"] if c["after"] == "Books on hold")
    lines = path.read_text().splitlines()
    assert lines[change["line"] - 1] == "    label: Books on hold", "the line of the changed label, not a neighbour's"
    ids = [line for line in lines[lines.index("categories:"):] if line.startswith("  - id: ")]
    assert change["field"] == f"categories[{ids.index('  - id: holds')}].label"
