"""Compare two versions of one vendor record by meaning, not by text, and decide whether the change passes.

Pure functions over parsed records (``yamlsrc.Document``): no git, no files.
Comments, key order, list order, quoting, line folding and whitespace never
count as changes. A change to what a vendor keeps (a category added, removed
or moved between "always" and "opt in", retention, the privacy-policy address,
retiring the service: the fields ``difffields.COLLECTION_FIELDS`` names) needs
a new dated entry in the record's ``changes:`` list, because that entry is what
patrons read in the change log.

Three steps: :func:`classify` names what happened (added, renamed, retired ...),
:func:`suggested_summary` words it for patrons, and :func:`entry_needed` says what
to add when a data-collection change has no dated entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any

from generator import history
from generator.difffields import COLLECTION_FIELDS as COLLECTION_FIELDS
from generator.difffields import KINDS as KINDS
from generator.difffields import compare as compare
from generator.difffields import text as _text
from generator.difftypes import FieldChange as FieldChange
from generator.difftypes import Kind as Kind
from generator.difftypes import Sides as Sides
from generator.difftypes import Status as Status
from generator.difftypes import Subject as Subject
from generator.difftypes import VendorDiff as VendorDiff
from generator.model import Change, Vocabulary
from generator.problems import Problem
from generator.yamlsrc import Document


def new_entries(base: dict[str, Any], work: dict[str, Any]) -> list[Change]:
    """Entries added in the working tree. Rewording an existing entry adds none."""
    found = history.compare(base.get("changes"), work.get("changes"))
    return [Change(e.date, e.summary) for e in found.new]


# The first draft of a change-log entry, per kind of data-collection change ({text}: the change in words).
SUMMARY_WORDS: dict[Kind, str] = {
    "category_added": "{name} {text}",  # "now keeps ..."
    "category_removed": "{name} {text}",  # "is no longer recorded as keeping ..."
    "category_moved": "{name}: {text}",
    "retention": "The record of how long {name} keeps data was updated",
    "privacy_policy": "The address of {name}'s privacy policy was updated",
    "record": "The record of {name}: {text}",
    "retired": "The library stopped offering {name}",
    "unretired": "The library offers {name} again",
}


def suggested_summary(name: str, changes: Sequence[FieldChange]) -> str:
    """A plain-language first draft of the change-log entry for ``changes``."""
    parts = [SUMMARY_WORDS[c.kind].format(name=name, text=c.text) for c in changes if c.kind in SUMMARY_WORDS]
    return "; ".join(parts) + "." if parts else f"The record of {name} was updated."


def entry_yaml(summary: str, date: dt.date | str) -> str:
    """A ready-to-paste ``changes:`` list item."""
    return history.entry_yaml(str(date), summary)  # a date prints as YYYY-MM-DD


def _name(data: dict[str, Any], vendor_id: str) -> str:
    return _text(data.get("name")) or vendor_id


def classify(sides: Sides, base: Document, changes: Sequence[FieldChange], added: Sequence[Change],
             problems: Sequence[Problem]) -> Status:
    """What happened to a vendor file that exists on both sides."""
    if sides.old_path:
        return "renamed"
    if any(c.kind == "retired" for c in changes) and "retired" not in base.data:
        return "retired"
    if not changes and not added and not problems:
        return "unchanged"
    return "changed"


def entry_needed(sides: Sides, work: Document, name: str, collection: Sequence[FieldChange],
                 today: dt.date) -> tuple[Problem, str]:
    """The problem for data-collection changes without a new dated entry, and the entry to paste."""
    # A retirement is dated on the day the library stopped offering the service.
    day = next((c.after for c in collection if c.kind == "retired" and c.after), today.isoformat())
    line = work.key_position(("changes",))[0] if "changes" in work.data else 0
    what = ", ".join(c.text for c in collection)
    problem = Problem(sides.path, line, 1 if line else 0, "changes",
                      f"{name}: {what}; patrons read about it only through a new dated entry",
                      f"add an entry dated {day} to the changes: list")
    return problem, entry_yaml(suggested_summary(name, collection), day)


def vendor_diff(sides: Sides, vocabulary: Vocabulary, today: dt.date, base_ref: str = "<base>", *,
                base_date: str = "", renamed: dict[str, str] | None = None) -> VendorDiff:
    """Classify one vendor's change and decide whether it passes.

    ``base_date``: the day the base commit was made (new entries dated earlier are
    flagged as backdated); ``renamed``: declared category renames, former id -> id.
    """
    base, work = sides.base, sides.work
    if work is None and sides.work_problems:
        name = _name(base.data, sides.vendor_id) if base is not None else sides.vendor_id
        return VendorDiff(sides.vendor_id, "invalid", sides.path, name, sides.old_path,
                          problems=tuple(sides.work_problems))
    if work is None:
        assert base is not None
        return _deleted(sides, base, today, base_ref)
    if base is None:
        return _added(sides, work, today)
    return _changed(sides, base, work, vocabulary, today, base_date, renamed)


def _added(sides: Sides, work: Document, today: dt.date) -> VendorDiff:
    """A new vendor file: it passes when it comes with a dated entry."""
    name = _name(work.data, sides.vendor_id)
    entries = tuple(Change(e.date, e.summary) for e in history.entries(work.data.get("changes")))
    if entries:
        return VendorDiff(sides.vendor_id, "added", sides.path, name, None, (), entries, tuple(sides.work_problems))
    line = work.key_position(("changes",))[0] if "changes" in work.data else 0
    problems = [p for p in sides.work_problems if p.field != "changes" and "'changes'" not in p.message]
    problems.append(Problem(sides.path, line, 1 if line else 0, "changes",
                            "a new vendor needs a dated entry in its changes: list",
                            f"add: changes: [{{date: {today.isoformat()}, summary: ...}}]"))
    snippet = "changes:\n" + entry_yaml(f"{name} was added to the library's third-party services.", today)
    return VendorDiff(sides.vendor_id, "added", sides.path, name, None, (), (), tuple(problems), snippet)


def _changed(sides: Sides, base: Document, work: Document, vocabulary: Vocabulary, today: dt.date,
             base_date: str, renamed: dict[str, str] | None) -> VendorDiff:
    """A vendor file on both sides: every change, and the entry it needs."""
    name = _name(work.data, sides.vendor_id)
    changes = compare(base, work, vocabulary, renamed)
    log = history.compare(base.data.get("changes"), work.data.get("changes"), base_date)
    changes += history_changes(log, work)
    problems = list(sides.work_problems)
    problems += history.problems(log, work, sides.path, "changes", f"the change log of {name}", today.isoformat())
    added = tuple(Change(e.date, e.summary) for e in log.new)
    status = classify(sides, base, changes, added, problems)
    if sides.old_path:
        problems.extend(_rename_problems(sides, work, sides.old_path))
    problems.extend(_redated_retirement(sides.path, name, base, work, log, today))
    collection = [c for c in changes if c.collection]
    snippet = ""
    if collection and not added:
        problem, snippet = entry_needed(sides, work, name, collection, today)
        problems.append(problem)
    return VendorDiff(sides.vendor_id, status, sides.path, name, sides.old_path, tuple(changes), added,
                      tuple(problems), snippet)


def _redated_retirement(path: str, name: str, base: Document, work: Document, log: history.HistoryDiff,
                        today: dt.date) -> list[Problem]:
    """A retirement moved to another day: the entry of the old day, which stays, must say it was wrong.

    Otherwise the history tells of two stops (the old day's entry and the new day's).
    """
    before, after = _text(base.data.get("retired")), _text(work.data.get("retired"))
    if not before or not after or before == after:
        return []
    marked = {fix.entry.date for fix in log.corrections if history.marked(fix)}
    if before in marked:
        return []
    old_day = [e for e in history.entries(work.data.get("changes")) if e.date == before]
    line, col = (work.position(("changes", old_day[0].index, "summary")) if old_day
                 else work.position(("retired",)))
    return [Problem(path, line, col, "retired",
                    f"the retirement of {name} moved from {before} to {after}, but the change log still says it "
                    f"stopped on {before}",
                    f"reword the entry of {before} to say the service stopped on {after} instead, and add "
                    f"'corrected: {today.isoformat()}' under it (the entry itself keeps its date)")]


def history_changes(log: history.HistoryDiff, work: Document, key: str = "changes") -> list[FieldChange]:
    """Corrections and backdated entries of list ``key``, shown to the reviewer (an unmarked correction
    also fails: :func:`generator.history.problems`)."""
    out: list[FieldChange] = []
    for fix in log.corrections:
        line = work.position((key, fix.entry.index, "summary"))[0]
        said = f"marked 'corrected: {fix.entry.corrected}'" if history.marked(fix) else "not marked as corrected"
        out.append(FieldChange("correction", f"{key}[{fix.entry.index}]",
                               f"the entry of {fix.entry.date} was reworded (a correction, {said})",
                               fix.before.summary, fix.entry.summary, line, collection=False))
    for entry in log.backdated:
        line = work.position((key, entry.index, "date"))[0]
        out.append(FieldChange("backdated", f"{key}[{entry.index}].date",
                               f"the new entry is dated {entry.date}, before the base commit: feed readers "
                               "may not show it as new", None, entry.date, line, collection=False))
    return out


def _deleted(sides: Sides, base: Document, today: dt.date, base_ref: str) -> VendorDiff:
    name = _name(base.data, sides.vendor_id)
    day = today.isoformat()
    snippet = (f"retired: {day}\n" "changes:\n" "  # ...the existing entries stay...\n"
               + entry_yaml(f"The library stopped offering {name}.", day))
    problem = Problem(sides.path, 0, 0, "", f"the vendor file was deleted; {name}'s history must stay public",
                      f"restore it (git checkout {base_ref} -- {sides.path}), "
                      f"then add 'retired: {day}' (the day the library stopped offering it) "
                      "and a dated entry to its changes: list")
    return VendorDiff(sides.vendor_id, "deleted", sides.path, name, problems=(problem,), suggestion=snippet)


def _rename_problems(sides: Sides, work: Document, old_path: str) -> list[Problem]:
    """A renamed vendor file must list its old id, so the old page address keeps working."""
    old_id = PurePosixPath(old_path).stem
    former = work.data.get("former_ids")
    if old_id == sides.vendor_id or (isinstance(former, list) and old_id in former):
        return []
    if "former_ids" in work.data:
        line, col = work.key_position(("former_ids",))
        hint = f"add {old_id!r} to the former_ids: list"
    else:
        line, col = work.key_position(("name",))  # or, with no name, the start of the record
        hint = f"add the line 'former_ids: [{old_id}]'"
    return [Problem(sides.path, line, col, "former_ids",
                    f"the vendor's page moves from services/{old_id}/ to services/{sides.vendor_id}/; "
                    "patrons' bookmarks and links to the old address would break", hint)]
