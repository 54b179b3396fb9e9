"""The public history is append-only: compare two versions of a dated-entry list.

Used for a vendor's ``changes:``, the vocabulary's ``changes:`` and a policy's
``revisions:``. Pure functions over plain data: no git, no files.

An entry of the base either stays as it was, is reworded on the same date (a
correction: shown side by side, and allowed only with a new ``corrected:`` date
under it, so the site says it was corrected), or is gone (removed, or moved to
another date): those erase the public record and fail, as does a ``corrected:``
mark removed or changed on words that did not change. Entries only in the working
tree are new; a new entry dated before the base commit is flagged, because feed
readers may not show it as new.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.problems import Problem
from generator.yamlsrc import Document


@dataclass(frozen=True)
class Entry:
    """One dated entry as written, with its position in the list (0-based)."""

    date: str
    summary: str
    index: int
    corrected: str | None = None


@dataclass(frozen=True)
class Correction:
    """An existing entry whose words changed; ``entry`` is the new version."""

    before: Entry
    entry: Entry


@dataclass(frozen=True)
class Redated:
    """An existing entry that now carries another date."""

    before: Entry
    entry: Entry


@dataclass(frozen=True)
class HistoryDiff:
    """What happened to a dated-entry list between the base and the working tree."""

    new: tuple[Entry, ...] = ()
    removed: tuple[Entry, ...] = ()
    redated: tuple[Redated, ...] = ()
    corrections: tuple[Correction, ...] = ()
    backdated: tuple[Entry, ...] = ()
    remarked: tuple[Correction, ...] = ()  # the same words, their ``corrected:`` mark removed or changed

    @property
    def erased(self) -> bool:
        """True when the working tree loses or re-dates part of the base's history."""
        return bool(self.removed or self.redated)

    @property
    def unmarked(self) -> tuple[Correction, ...]:
        """Corrections that do not say so: no ``corrected:`` date newer than the base's under them."""
        return tuple(fix for fix in self.corrections if not marked(fix))


def marked(fix: Correction) -> bool:
    """True when a reworded entry carries a ``corrected:`` date of its own (not the base's)."""
    return bool(fix.entry.corrected) and fix.entry.corrected != fix.before.corrected


def _flat(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def entries(items: Any) -> list[Entry]:
    """The well-formed entries of a ``changes:`` / ``revisions:`` value (anything else is ignored)."""
    if not isinstance(items, list):
        return []
    out = []
    for i, item in enumerate(items):
        if isinstance(item, dict):
            corrected = item.get("corrected")
            out.append(Entry(_flat(item.get("date")), _flat(item.get("summary")), i,
                             _flat(corrected) if corrected is not None else None))
    return out


def compare(base_items: Any, work_items: Any, base_date: str = "") -> HistoryDiff:
    """Pair the entries of both versions; ``base_date`` (YYYY-MM-DD) is when the base was committed."""
    before, after = entries(base_items), entries(work_items)
    unmatched_after = list(after)
    unmatched_before = []
    remarked = []
    for old in before:  # 1. the very same entry, wherever it now is
        same = next((e for e in unmatched_after if (e.date, e.summary) == (old.date, old.summary)), None)
        if same is not None:
            unmatched_after.remove(same)
            if old.corrected and same.corrected != old.corrected:  # adding a mark later is allowed
                remarked.append(Correction(old, same))
        else:
            unmatched_before.append(old)
    corrections, redated, removed = [], [], []
    for old in list(unmatched_before):  # 2. same words, other date: re-dated
        moved = next((e for e in unmatched_after if e.summary == old.summary), None)
        if moved is not None:
            unmatched_after.remove(moved)
            unmatched_before.remove(old)
            redated.append(Redated(old, moved))
    for old in unmatched_before:  # 3. same date, other words: a correction
        fixed = next((e for e in unmatched_after if e.date == old.date), None)
        if fixed is not None:
            unmatched_after.remove(fixed)
            corrections.append(Correction(old, fixed))
        else:
            removed.append(old)
    new = tuple(sorted(unmatched_after, key=lambda e: e.index))
    backdated = tuple(e for e in new if base_date and e.date and e.date < base_date)
    return HistoryDiff(new, tuple(removed), tuple(redated), tuple(corrections), backdated, tuple(remarked))


def entry_yaml(date: str, summary: str, indent: str = "  ", corrected: str | None = None) -> str:
    """A ready-to-paste list item (a JSON string is a valid YAML double-quoted scalar)."""
    text = f"{indent}- date: {date}\n{indent}  summary: {json.dumps(summary, ensure_ascii=False)}\n"
    if corrected:
        text += f"{indent}  corrected: {corrected}\n"
    return text


def problems(diff: HistoryDiff, doc: Document, file: str, key: str, what: str, today: str) -> list[Problem]:
    """Removed and re-dated entries of list ``key`` in ``doc``: each fails, with the fix.

    ``what`` names the list for staff, e.g. "the change log of OverDrive".
    """
    out = []
    # Where the list is, or (when the whole list went) the start of the record.
    list_line, list_col = doc.key_position((key,)) if key in doc.data else doc.position(())
    for old in diff.removed:
        out.append(Problem(file, list_line, list_col, key,
                           f"the entry of {old.date} ({_quote(old.summary)}) was removed from {what}; "
                           "the public history only grows",
                           f"put it back under {key}: exactly as it was:\n{entry_yaml(old.date, old.summary)}"
                           "(if it was wrong, keep it, reword it and add 'corrected: "
                           f"{today}' under it so the log says it was corrected)"))
    for moved in diff.redated:
        line, col = doc.position((key, moved.entry.index, "date"))
        out.append(Problem(file, line, col, f"{key}[{moved.entry.index}].date",
                           f"the entry {_quote(moved.before.summary)} was re-dated from {moved.before.date} "
                           f"to {moved.entry.date}; dates in the public history never change",
                           f"change the date back to {moved.before.date}; if that date was wrong, say so in "
                           f"the words and add 'corrected: {today}' under the entry, or add a new entry"))
    for fix in diff.unmarked:
        line, col = doc.position((key, fix.entry.index, "summary"))
        had = f" (it said 'corrected: {fix.before.corrected}'; correct that date to today's)" \
            if fix.before.corrected else ""
        out.append(Problem(file, line, col, f"{key}[{fix.entry.index}].summary",
                           f"the entry of {fix.entry.date} in {what} was reworded without saying so: "
                           f"it said {_quote(fix.before.summary)}; a correction to the public history is never "
                           f"silent{had}",
                           f"add 'corrected: {today}' under the entry, so the site, the change log and the feed "
                           "say it was corrected; or put the words back as they were"))
    for mark in diff.remarked:
        where = (key, mark.entry.index, "corrected") if mark.entry.corrected else (key, mark.entry.index)
        line, col = doc.position(where)
        if mark.entry.corrected is None:
            message = (f"the 'corrected: {mark.before.corrected}' mark of the entry of {mark.entry.date} in {what} "
                       "was removed; the site would no longer say the entry was corrected")
        else:
            message = (f"the 'corrected:' date of the entry of {mark.entry.date} in {what} changed from "
                       f"{mark.before.corrected} to {mark.entry.corrected} although its words did not change")
        out.append(Problem(file, line, col, f"{key}[{mark.entry.index}].corrected", message,
                           f"put back 'corrected: {mark.before.corrected}' under the entry"))
    return out


def _quote(text: str, limit: int = 70) -> str:
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"'{short}'"
