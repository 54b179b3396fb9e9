"""Policy pages in review: compare their front matter between the base and the working tree.

A revision entry removed or re-dated fails (the policy's public history only
grows); a new revision, approval or review date is listed for the reviewer, and a
new approval or review date must come with a new revision entry.
"""

from __future__ import annotations

import datetime as dt

from generator import history
from generator.diff import FieldChange, Status, VendorDiff, history_changes
from generator.model import Change
from generator.policies import FRONT_MATTER
from generator.problems import Problem
from generator.yamlsrc import Document, YamlError, decode, load

DATES = {"approved": "approval date", "last_reviewed": "review date"}
FACTS = {"policy_number": "policy number", "approved_by": "approving body", "title": "title"}


def front_matter(raw: bytes) -> tuple[Document | None, str]:
    """The page's front matter (positions as lines of the page) and its body; None when unreadable."""
    try:
        text = decode(raw)
    except YamlError:
        return None, ""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text
    try:
        doc = load(match.group(1) or "")
    except YamlError:
        return None, text[match.end():]
    if not isinstance(doc.data, dict):
        return None, text[match.end():]
    doc.positions = {k: (line + 1, col) for k, (line, col) in doc.positions.items()}
    doc.key_positions = {k: (line + 1, col) for k, (line, col) in doc.key_positions.items()}
    return doc, text[match.end():]


def _text(value: object) -> str | None:
    return None if value is None else " ".join(str(value).split())


def policy_diff(path: str, base_raw: bytes | None, work_raw: bytes | None, today: dt.date,
                base_ref: str = "<base>", base_date: str = "") -> VendorDiff:
    """Compare one policy page; ``None`` for a side where the page does not exist."""
    base, base_body = front_matter(base_raw) if base_raw is not None else (None, "")
    if work_raw is None:
        name = _text(base.data.get("title")) if base is not None else None
        revisions = history.entries(base.data.get("revisions")) if base is not None else []
        problems: tuple[Problem, ...] = ()
        if revisions:
            problems = (Problem(path, 0, 0, "", f"the policy page was deleted with its {len(revisions)} revision "
                                "entries; a policy's history must stay public",
                                f"restore it (git checkout {base_ref} -- {path}); if the policy was withdrawn, "
                                "say so on the page and in a new revision entry"),)
        return VendorDiff(path, "deleted", path, name or path, problems=problems, subject="policy")
    work, work_body = front_matter(work_raw)
    if work is None:
        problem = Problem(path, 1, 1, "(front matter)", "the front matter cannot be read",
                          "run 'privacy-registry check' for the line and the fix")
        return VendorDiff(path, "invalid", path, path, problems=(problem,), subject="policy")
    name = _text(work.data.get("title")) or path
    if base is None:
        entries = tuple(Change(e.date, e.summary) for e in history.entries(work.data.get("revisions")))
        status: Status = "added" if base_raw is None else "changed"
        return VendorDiff(path, status, path, name, new_entries=entries, subject="policy")
    changes: list[FieldChange] = []
    for key, words in (*DATES.items(), *FACTS.items()):
        before, after = _text(base.data.get(key)), _text(work.data.get(key))
        if before != after:
            line = work.position((key,))[0] if key in work.data else 0
            verb = "added" if before is None else "removed" if after is None else "changed"
            changes.append(FieldChange("policy_date" if key in DATES else "field", key, f"the {words} {verb}",
                                       before, after, line, collection=key in DATES))
    if " ".join(base_body.split()) != " ".join(work_body.split()):
        changes.append(FieldChange("field", "(text)", "the text of the policy changed", None, None, 0,
                                   collection=False))
    log = history.compare(base.data.get("revisions"), work.data.get("revisions"), base_date)
    changes += history_changes(log, work, "revisions")
    problems_found = history.problems(log, work, path, "revisions", f"the revision history of {name}",
                                      today.isoformat())
    added = tuple(Change(e.date, e.summary) for e in log.new)
    dated = [c for c in changes if c.kind == "policy_date" and c.after]
    suggestion = ""
    if dated and not added:
        day = max(c.after for c in dated if c.after)
        what = " and ".join(c.text for c in dated)
        line, col = work.key_position(("revisions",)) if "revisions" in work.data else work.position(
            (dated[0].field,))
        problems_found.append(Problem(path, line, col, "revisions",
                                      f"{what}; a new approval or review needs a new revision entry saying what "
                                      "changed (or that nothing did)",
                                      f"add an entry dated {day} to the revisions: list"))
        summary = "Reviewed; no changes to the policy." if all(c.field == "last_reviewed" for c in dated) \
            else "Revised: say in plain words what changed for patrons."
        suggestion = ("" if "revisions" in work.data else "revisions:\n") + history.entry_yaml(day, summary)
    status = "changed" if changes or added or problems_found else "unchanged"
    return VendorDiff(path, status, path, name, None, tuple(changes), added, tuple(problems_found), suggestion,
                      subject="policy")
