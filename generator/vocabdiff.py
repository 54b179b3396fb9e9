"""The vocabulary's own history: renamed, reworded and redefined data categories.

A category id renamed with its old id listed under ``former_ids`` changes no
vendor. A changed label or definition changes what every chart row using the
category means, so ``diff`` lists every vendor that uses it, and one new dated
entry in the vocabulary's ``changes:`` list (shown in the change log) covers them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from generator import history
from generator.diff import FieldChange, Status, VendorDiff, history_changes
from generator.model import Change
from generator.problems import Problem
from generator.yamlsrc import Document

# vendor file -> (vendor name, the category ids it keeps)
VendorUses = Mapping[str, tuple[str, frozenset[str]]]


def _categories(data: Any) -> dict[str, dict[str, Any]]:
    items = data.get("categories") if isinstance(data, dict) else None
    return {str(c["id"]): c for c in items or () if isinstance(c, dict) and "id" in c}


def _positions(data: Any) -> dict[str, int]:
    """category id -> its place in the list (the last one, as ``_categories`` keeps it, if an id is repeated)."""
    items = data.get("categories") if isinstance(data, dict) else None
    return {str(c["id"]): i for i, c in enumerate(items or ()) if isinstance(c, dict) and "id" in c}


def _flat(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def renames(base: Any, work: Any) -> dict[str, str]:
    """Declared renames: a base category id that is gone, listed as a former id of a category now."""
    before, after = _categories(base), _categories(work)
    out = {}
    for cat_id, cat in after.items():
        former = cat.get("former_ids")
        for old in former if isinstance(former, list) else ():
            if str(old) in before and str(old) not in after:
                out[str(old)] = cat_id
    return out


def vocabulary_diff(base: Document, work: Document, path: str, uses: Callable[[], VendorUses],
                    today: dt.date, base_date: str = "") -> VendorDiff:
    """Compare two versions of the vocabulary. ``uses`` is called only when a meaning changed."""
    renamed = renames(base.data, work.data)
    before, after = _categories(base.data), _categories(work.data)
    back = {new: old for old, new in renamed.items()}
    changes: list[FieldChange] = []
    index = _positions(work.data)
    for old, new in sorted(renamed.items()):
        line = work.position(("categories", index[new], "former_ids"))[0]
        changes.append(FieldChange("category_renamed", f"categories[{index[new]}].id",
                                   f"the category id {old!r} was renamed to {new!r} (declared in former_ids; "
                                   "no vendor's data changes)", old, new, line, collection=False))
    users: VendorUses | None = None
    for cat_id, cat in after.items():
        was = before.get(back.get(cat_id, cat_id))
        if was is None:
            continue
        for key, words in (("label", "label"), ("description", "definition")):
            if _flat(was.get(key)) == _flat(cat.get(key)):
                continue
            users = users if users is not None else uses()
            names = tuple(sorted((name for name, kept in users.values() if cat_id in kept), key=str.casefold))
            line = work.position(("categories", index[cat_id], key))[0]
            who = ", ".join(names) if names else "no vendor yet"
            changes.append(FieldChange("definition", f"categories[{index[cat_id]}].{key}",
                                       f"the {words} of {_flat(cat.get('label'))!r} ({cat_id}) changed: what the "
                                       f"chart says {len(names)} vendor(s) keep changes with it ({who})",
                                       _flat(was.get(key)), _flat(cat.get(key)), line, vendors=names))
    for cat_id in sorted(set(before) - set(after) - set(renamed)):
        changes.append(FieldChange("field", "categories", f"the category {cat_id!r} was removed", cat_id, None,
                                   work.key_position(("categories",))[0], collection=False))
    for cat_id in sorted(set(after) - set(before) - set(back)):
        changes.append(FieldChange("field", "categories", f"the category {cat_id!r} was added", None, cat_id,
                                   work.position(("categories", index[cat_id], "id"))[0], collection=False))
    log = history.compare(base.data.get("changes"), work.data.get("changes"), base_date)
    changes += history_changes(log, work)
    problems = history.problems(log, work, path, "changes", "the vocabulary's history", today.isoformat())
    added = tuple(Change(e.date, e.summary) for e in log.new)
    meaning = [c for c in changes if c.kind == "definition"]
    suggestion = ""
    if meaning and not added:
        labels = sorted({c.text.split("'")[1] for c in meaning})
        summary = ("The library reworded what " + _join([f"“{label}”" for label in labels])
                   + " means in its chart of third-party services.")
        line, col = work.key_position(("changes",)) if "changes" in work.data else work.key_position(("categories",))
        problems.append(Problem(path, line, col, "changes",
                                "a category's label or definition changed, which changes what the chart says "
                                "about every vendor using it; patrons read about it only through a new dated entry",
                                f"add one entry dated {today.isoformat()} to the vocabulary's changes: list "
                                "(one entry covers every vendor)"))
        suggestion = ("" if "changes" in work.data else "changes:\n") + history.entry_yaml(today.isoformat(), summary)
    status: Status = "changed" if changes or problems or added else "unchanged"
    return VendorDiff("_vocabulary", status, path, "The data-category vocabulary", None, tuple(changes), added,
                      tuple(problems), suggestion, subject="vocabulary")


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
