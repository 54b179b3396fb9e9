"""Compare two versions of one vendor record by meaning, not by text.

Pure functions over parsed records (``yamlsrc.Document``): no git, no files.
Comments, key order, list order, quoting, line folding and whitespace never
count as changes. A change to what a vendor keeps (a category added, removed
or moved between "always" and "opt in", retention, the privacy-policy address,
retiring the service) needs a new dated entry in the record's ``changes:``
list, because that entry is what patrons read in the change log.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from generator import history
from generator.model import Change, Vocabulary
from generator.problems import Problem
from generator.yamlsrc import Document

KINDS = {"always": "always kept", "opt_in": "kept only if the patron opts in", "not_kept": "recorded as not kept",
         "always_one_of": "always kept, as one of several",
         "opt_in_one_of": "kept if the patron opts in, as one of several"}
INFO_FIELDS = ("name", "service", "website", "privacy_policy_verified", "how_to_avoid", "how_to_delete",
               "deletion_contact", "note", "last_reviewed")
# Record fields whose change is a data-collection change (sources: everything but their wording).
RECORD_FIELDS = {"sources": "where the facts come from", "sign_in": "how patrons sign in",
                 "identifiers_shared": "what the library passes to the vendor",
                 "retention_period": "the retention period", "retention_by_category": "retention by kind of data",
                 "advertising_or_tracking": "advertising or tracking", "sells_or_shares": "selling or sharing data",
                 "children": "children's data", "library_itself": "whether this is the library's own record"}


@dataclass(frozen=True)
class FieldChange:
    """One difference in meaning between the two versions of a record."""

    # category_added | category_removed | category_moved | retention | privacy_policy | record | retired
    # | unretired | definition (a category's label or definition changed in the vocabulary)
    # | field | correction (an entry reworded) | backdated (a new entry dated before the base commit)
    kind: str
    field: str
    text: str
    before: str | None = None
    after: str | None = None
    line: int = 0
    collection: bool = True
    vendors: tuple[str, ...] = ()  # for a category's new definition: the vendors it applies to

    def as_dict(self) -> dict[str, Any]:
        """A plain dict for the JSON report."""
        out: dict[str, Any] = {"kind": self.kind, "field": self.field, "text": self.text, "before": self.before,
               "after": self.after, "line": self.line, "data_collection": self.collection}
        if self.vendors:
            out["vendors"] = list(self.vendors)
        return out


@dataclass(frozen=True)
class VendorDiff:
    """What happened to one vendor (or the vocabulary, or a policy page) between the base and the working tree."""

    vendor_id: str
    status: str  # added | deleted | renamed | retired | changed | unchanged | invalid
    path: str
    name: str
    old_path: str | None = None
    changes: tuple[FieldChange, ...] = ()
    new_entries: tuple[Change, ...] = ()
    problems: tuple[Problem, ...] = ()
    suggestion: str = ""
    subject: str = "vendor"  # vendor | vocabulary | policy

    @property
    def collection_changes(self) -> tuple[FieldChange, ...]:
        """Changes to what the vendor keeps: a privacy officer reviews these."""
        return tuple(c for c in self.changes if c.collection)

    @property
    def ok(self) -> bool:
        """True when nothing here fails the check."""
        return not self.problems


def _text(value: Any) -> str | None:
    return None if value is None else " ".join(str(value).split())


def _block(data: dict[str, Any]) -> dict[str, Any]:
    block = data.get("data")
    return block if isinstance(block, dict) else {}


def _kinds(data: dict[str, Any], renamed: dict[str, str] | None = None) -> dict[str, str]:
    """category id -> its state: 'always', 'opt_in', 'not_kept', or '<kept>_one_of' (always wins a clash).

    ``renamed`` maps a category's former id to its id now (a declared rename is no change).
    """
    found: dict[str, str] = {}
    block = _block(data)
    groups = block.get("one_of")
    for group in groups if isinstance(groups, list) else []:
        cats = group.get("categories") if isinstance(group, dict) else None
        for cat in cats if isinstance(cats, list) else []:
            kept = group.get("kept")
            state = f"{kept}_one_of" if kept in ("always", "opt_in") else "always"
            found[(renamed or {}).get(str(cat), str(cat))] = state
    for kind in ("not_kept", "opt_in", "always"):
        values = block.get(kind)
        for cat in values if isinstance(values, list) else []:
            found[(renamed or {}).get(str(cat), str(cat))] = kind
    return found


def _record_value(key: str, value: Any) -> str | None:
    """A field's meaning as canonical text; for sources only kind, address and checked date count."""
    if value is None:
        return None
    if key == "sources" and isinstance(value, list):
        value = sorted((str(s.get("kind")), str(s.get("address")), str(s.get("checked")))
                       for s in value if isinstance(s, dict))
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = sorted(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def new_entries(base: dict[str, Any], work: dict[str, Any]) -> list[Change]:
    """Entries added in the working tree. Rewording an existing entry adds none."""
    found = history.compare(base.get("changes"), work.get("changes"))
    return [Change(e.date, e.summary) for e in found.new]


def _label(vocabulary: Vocabulary, cat: str) -> str:
    """The category's label as it reads inside a sentence ("Email address" -> "email address")."""
    label = vocabulary.label(cat) if cat in vocabulary.by_id else cat
    if len(label) > 1 and label[1].islower():
        label = label[0].lower() + label[1:]
    return label


def _category_line(doc: Document, data: dict[str, Any], cat: str) -> int:
    block = _block(data)
    for kind in ("always", "opt_in"):
        values = block.get(kind)
        if isinstance(values, list) and cat in values:
            return doc.position(("data", kind, values.index(cat)))[0]
    return doc.key_position(("data",))[0]


def compare(base: Document, work: Document, vocabulary: Vocabulary,
            renamed: dict[str, str] | None = None) -> list[FieldChange]:
    """Every difference in meaning between two versions of a vendor record (history apart)."""
    old: dict[str, Any] = base.data
    new: dict[str, Any] = work.data
    out: list[FieldChange] = []
    was, now = _kinds(old, renamed), _kinds(new, renamed)
    for cat in sorted(set(was) | set(now)):
        label = _label(vocabulary, cat)
        line = _category_line(work, new, cat)
        if cat not in was and now[cat] == "not_kept":
            out.append(FieldChange("category_moved", "data.not_kept", f"{label} is now recorded as not kept "
                                   "(was not known)", None, f"{cat} (not_kept)", line))
        elif cat not in now and was[cat] == "not_kept":
            out.append(FieldChange("category_moved", "data.not_kept", f"{label} is no longer recorded as not kept "
                                   "(now not known)", f"{cat} (not_kept)", None, line))
        elif cat not in was:
            out.append(FieldChange("category_added", f"data.{now[cat]}", f"now keeps {label} ({KINDS[now[cat]]})",
                                   None, f"{cat} ({now[cat]})", line))
        elif cat not in now:
            out.append(FieldChange("category_removed", f"data.{was[cat]}",
                                   f"no longer keeps {label} (was {KINDS[was[cat]]})",
                                   f"{cat} ({was[cat]})", None, line))
        elif was[cat] != now[cat]:
            out.append(FieldChange("category_moved", f"data.{now[cat]}",
                                   f"{label} is now {KINDS[now[cat]]} (was {KINDS[was[cat]]})",
                                   f"{cat} ({was[cat]})", f"{cat} ({now[cat]})", line))
    for key, kind, words in (("retention", "retention", "how long the data is kept"),
                             ("privacy_policy", "privacy_policy", "the privacy-policy address")):
        before, after = _text(old.get(key)), _text(new.get(key))
        if before != after:
            line = work.position((key,))[0] if key in new else 0
            verb = "added" if before is None else "removed" if after is None else "changed"
            out.append(FieldChange(kind, key, f"{words} {verb}", before, after, line))
    for key, words in RECORD_FIELDS.items():
        before, after = _record_value(key, old.get(key)), _record_value(key, new.get(key))
        if before != after:
            line = work.key_position((key,))[0] if key in new else 0
            verb = "added" if before is None else "removed" if after is None else "changed"
            out.append(FieldChange("record", key, f"{words} {verb}", before, after, line))
    before, after = _text(old.get("retired")), _text(new.get("retired"))
    if before != after:
        line = work.position(("retired",))[0] if "retired" in new else 0
        if after is not None and before is None:
            out.append(FieldChange("retired", "retired", f"retired on {after}", None, after, line))
        elif after is None:
            out.append(FieldChange("unretired", "retired", "offered again (no longer retired)", before, None, line))
        else:
            out.append(FieldChange("retired", "retired", f"retirement date changed to {after}", before, after, line))
    for key in INFO_FIELDS:
        default = True if key == "privacy_policy_verified" else None
        b, a = old.get(key, default), new.get(key, default)
        before_text, after_text = (_text(b), _text(a)) if not isinstance(b, bool) else (str(b).lower(), str(a).lower())
        if before_text != after_text:
            line = work.position((key,))[0] if key in new else 0
            out.append(FieldChange("field", key, f"{key} changed", before_text, after_text, line, collection=False))
    return out


def suggested_summary(name: str, changes: list[FieldChange] | tuple[FieldChange, ...], vocabulary: Vocabulary) -> str:
    """A plain-language first draft of the change-log entry for ``changes``."""
    parts = []
    for change in changes:
        if change.kind in ("category_added", "category_removed"):
            parts.append(f"{name} {change.text}")  # "now keeps ..." / "no longer keeps ..."
        elif change.kind == "category_moved":
            parts.append(f"{name}: {change.text}")
        elif change.kind == "retention":
            parts.append(f"The record of how long {name} keeps data was updated")
        elif change.kind == "privacy_policy":
            parts.append(f"The address of {name}'s privacy policy was updated")
        elif change.kind == "record":
            parts.append(f"The record of {name}: {change.text}")
        elif change.kind == "retired":
            parts.append(f"The library stopped offering {name}")
        elif change.kind == "unretired":
            parts.append(f"The library offers {name} again")
    return "; ".join(parts) + "." if parts else f"The record of {name} was updated."


def entry_yaml(summary: str, date: dt.date | str) -> str:
    """A ready-to-paste ``changes:`` list item."""
    return history.entry_yaml(date if isinstance(date, str) else date.isoformat(), summary)


@dataclass
class Sides:
    """Both versions of one vendor file; either may be missing."""

    vendor_id: str
    path: str
    base: Document | None = None
    work: Document | None = None
    old_path: str | None = None
    work_problems: list[Problem] = field(default_factory=list)


def vendor_diff(sides: Sides, vocabulary: Vocabulary, today: dt.date, base_ref: str = "<base>", *,
                base_date: str = "", renamed: dict[str, str] | None = None) -> VendorDiff:
    """Classify one vendor's change and decide whether it passes.

    ``base_date``: the day the base commit was made (new entries dated earlier are
    flagged as backdated); ``renamed``: declared category renames, former id -> id.
    """
    base, work = sides.base, sides.work
    if work is None and sides.work_problems:
        name = _text(base.data.get("name")) if base is not None else None
        return VendorDiff(sides.vendor_id, "invalid", sides.path, name or sides.vendor_id, sides.old_path,
                          problems=tuple(sides.work_problems))
    if work is None:
        assert base is not None
        return _deleted(sides, base, today, base_ref)
    name = _text(work.data.get("name")) or sides.vendor_id
    problems = list(sides.work_problems)
    if base is None:
        entries = [Change(e.date, e.summary) for e in history.entries(work.data.get("changes"))]
        status = "added"
        if not entries:
            line = work.key_position(("changes",))[0] if "changes" in work.data else 0
            summary = f"{name} was added to the library's third-party services."
            problems = [p for p in problems if p.field != "changes" and "'changes'" not in p.message]
            problems.append(Problem(sides.path, line, 1 if line else 0, "changes",
                                    "a new vendor needs a dated entry in its changes: list",
                                    f"add: changes: [{{date: {today.isoformat()}, summary: ...}}]"))
            snippet = "changes:\n" + entry_yaml(summary, today)
            return VendorDiff(sides.vendor_id, status, sides.path, name, None, (), (), tuple(problems), snippet)
        return VendorDiff(sides.vendor_id, status, sides.path, name, None, (), tuple(entries), tuple(problems))
    changes = compare(base, work, vocabulary, renamed)
    log = history.compare(base.data.get("changes"), work.data.get("changes"), base_date)
    changes += history_changes(log, work)
    problems += history.problems(log, work, sides.path, "changes", f"the change log of {name}", today.isoformat())
    added = [Change(e.date, e.summary) for e in log.new]
    status = "renamed" if sides.old_path else "changed"
    if any(c.kind == "retired" for c in changes) and "retired" not in base.data:
        status = "retired" if not sides.old_path else status
    if not changes and not sides.old_path and not added and not problems:
        status = "unchanged"
    collection = [c for c in changes if c.collection]
    snippet = ""
    if sides.old_path:
        problems.extend(_rename_problems(sides, work))
    if collection and not added:
        # A retirement is dated on the day the library stopped offering the service.
        day = next((c.after for c in collection if c.kind == "retired" and c.after), today.isoformat())
        summary = suggested_summary(name, collection, vocabulary)
        line = work.key_position(("changes",))[0] if "changes" in work.data else 0
        what = ", ".join(c.text for c in collection)
        problems.append(Problem(sides.path, line, 1 if line else 0, "changes",
                                f"{name}: {what}; patrons read about it only through a new dated entry",
                                f"add an entry dated {day} to the changes: list"))
        snippet = entry_yaml(summary, day)
    return VendorDiff(sides.vendor_id, status, sides.path, name, sides.old_path, tuple(changes), tuple(added),
                      tuple(problems), snippet)


def history_changes(log: history.HistoryDiff, work: Document, key: str = "changes") -> list[FieldChange]:
    """Corrections and backdated entries of list ``key``: shown to the reviewer, never failing."""
    out = []
    for fix in log.corrections:
        line = work.position((key, fix.entry.index, "summary"))[0]
        note = "" if fix.entry.corrected else (
            "; add 'corrected: YYYY-MM-DD' under it so the change log says it was corrected")
        out.append(FieldChange("correction", f"{key}[{fix.entry.index}]",
                               f"the entry of {fix.entry.date} was reworded (a correction{note})",
                               fix.before.summary, fix.entry.summary, line, collection=False))
    for entry in log.backdated:
        line = work.position((key, entry.index, "date"))[0]
        out.append(FieldChange("backdated", f"{key}[{entry.index}].date",
                               f"the new entry is dated {entry.date}, before the base commit: feed readers "
                               "may not show it as new", None, entry.date, line, collection=False))
    return out


def _deleted(sides: Sides, base: Document, today: dt.date, base_ref: str) -> VendorDiff:
    name = _text(base.data.get("name")) or sides.vendor_id
    day = today.isoformat()
    snippet = (f"retired: {day}\n" "changes:\n" "  # ...the existing entries stay...\n"
               + entry_yaml(f"The library stopped offering {name}.", day))
    problem = Problem(sides.path, 0, 0, "", f"the vendor file was deleted; {name}'s history must stay public",
                      f"restore it (git checkout {base_ref} -- {sides.path}), "
                      f"then add 'retired: {day}' (the day the library stopped offering it) "
                      "and a dated entry to its changes: list")
    return VendorDiff(sides.vendor_id, "deleted", sides.path, name, sides.old_path,
                      problems=(problem,), suggestion=snippet)


def _rename_problems(sides: Sides, work: Document) -> list[Problem]:
    """A renamed vendor file must list its old id, so the old page address keeps working."""
    old_id = PurePosixPath(sides.old_path or "").stem
    former = work.data.get("former_ids")
    if old_id == sides.vendor_id or (isinstance(former, list) and old_id in former):
        return []
    if "former_ids" in work.data:
        line, col = work.key_position(("former_ids",))
        hint = f"add {old_id!r} to the former_ids: list"
    else:
        line, col = work.key_position(("name",)) if "name" in work.data else (1, 1)
        hint = f"add the line 'former_ids: [{old_id}]'"
    return [Problem(sides.path, line, col, "former_ids",
                    f"the vendor's page moves from services/{old_id}/ to services/{sides.vendor_id}/; "
                    "patrons' bookmarks and links to the old address would break", hint)]
