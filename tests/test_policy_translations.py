"""A translated policy page states its original's facts: check says what differs, where, in plain words.

The facts are the policy's number, its dates, the facts marked unconfirmed and the dates of its
revisions; each difference is reported on the translated page at the line of the fact (or, when
the fact is missing there, at the front matter), naming the original's line, never as ``None``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

ENGLISH = "policies/policy-11-privacy.md"
SPANISH = "policies/policy-11-privacy.es.md"
REVISION = "revisions:\n  - date: 2022-01-03\n    summary: Policy published on the patron privacy site.\n"


def _edit(project: Path, page: str, old: str, new: str) -> None:
    path = project / page
    text = path.read_text("utf-8")
    assert old in text, (old, page)
    path.write_text(text.replace(old, new, 1), "utf-8")


def _line(project: Path, page: str, start: str) -> int:
    return next(n for n, text in enumerate((project / page).read_text("utf-8").splitlines(), 1)
                if text.startswith(start))


def _problems(project: Path) -> list[str]:
    result = run_cli("check", "--root", str(project))
    assert "Traceback" not in result.stderr
    return [line for line in result.stdout.splitlines() if line.startswith(SPANISH)]


def test_the_real_pages_state_the_same_facts(project: Path) -> None:
    assert _problems(project) == []


def test_a_revision_removed_from_the_original_is_named_at_the_translations_revision(project: Path) -> None:
    """The reviewer's case: the English revision removed. Not 'says ... but ... says None' at line 1: the
    Spanish revision's own line, and what the original has."""
    _edit(project, ENGLISH, REVISION, "")
    line = _line(project, SPANISH, "  - date: 2022-01-03")
    assert _problems(project) == [
        f"{SPANISH}:{line}:11: revisions[0].date: {ENGLISH} has no revisions; a translation lists the same "
        f"revisions as its original (remove this revision here, or add the revision of 2022-01-03 to {ENGLISH})"]


def test_a_revision_missing_from_the_translation_is_named_with_the_originals_line(project: Path) -> None:
    _edit(project, ENGLISH, REVISION, REVISION + "  - date: 2024-05-12\n    summary: Explains retention.\n")
    _edit(project, ENGLISH, "last_reviewed: 2022-01-03", "last_reviewed: 2024-05-12")
    _edit(project, SPANISH, "last_reviewed: 2022-01-03", "last_reviewed: 2024-05-12")
    english = _line(project, ENGLISH, "  - date: 2024-05-12")
    assert _problems(project) == [
        f"{SPANISH}:{_line(project, SPANISH, 'revisions:')}:1: revisions: has no revision of 2024-05-12, which "
        f"{ENGLISH} lists (line {english}); a translation lists the same revisions as its original (add a revision "
        "dated 2024-05-12 here, its summary in the page's own language)"]


@pytest.mark.parametrize(("page", "old", "new", "expected"), [
    (SPANISH, 'policy_number: "11"', 'policy_number: "12"',
     "{es}:4:16: policy_number: is 12 here but 11 in {en} (line 4); a translation states the same facts as its "
     "original (make the two pages agree: write \"11\" here if {en} is right)"),
    (SPANISH, "last_reviewed: 2022-01-03\n", "",
     "{es}:2:1: last_reviewed: is not given here, but {en} (line 7) gives last_reviewed: 2022-01-03; a "
     "translation states the same facts as its original (add the line 'last_reviewed: 2022-01-03' to the front "
     "matter)"),
    (ENGLISH, "last_reviewed: 2022-01-03\n", "",
     "{es}:7:16: last_reviewed: 2022-01-03 is given here, but {en} gives no last_reviewed; a translation states "
     "the same facts as its original (remove the line here, or add 'last_reviewed: 2022-01-03' to {en})"),
    (ENGLISH, "unconfirmed: [approved_by, approved, last_reviewed]", "unconfirmed: [approved_by, last_reviewed]",
     "{es}:9:14: unconfirmed: is approved, approved_by, last_reviewed here but approved_by, last_reviewed in {en} "
     "(line 10); a translation states the same facts as its original (make the two pages agree: write "
     "[approved_by, last_reviewed] here if {en} is right)"),
])
def test_each_fact_that_differs_is_named_at_its_line(project: Path, page: str, old: str, new: str,
                                                     expected: str) -> None:
    _edit(project, page, old, new)
    if old.startswith("last_reviewed"):  # an unconfirmed fact must be given: that page confirms none
        _edit(project, page, "approved, last_reviewed]", "approved]")
    assert expected.format(es=SPANISH, en=ENGLISH) in _problems(project)
