"""Policy pages in review: compare their front matter between the base and the working tree.

A revision entry removed or re-dated fails (the policy's public history only
grows); a new revision, approval or review date is listed for the reviewer, and a
new approval or review date, or new wording of a policy that has revisions, must come
with a new revision entry. The page's changed lines and facts taken off its
``unconfirmed:`` list (now shown as facts) are shown to the reviewer.
"""

from __future__ import annotations

import datetime as dt
import difflib

from generator import history
from generator.diff import FieldChange, Status, VendorDiff, history_changes
from generator.model import Change
from generator.policies import FRONT_MATTER
from generator.problems import Problem
from generator.rawchecks import REVISION_PLACEHOLDER
from generator.yamlsrc import Document, YamlError, decode, load

DATES = {"approved": "approval date", "last_reviewed": "review date"}
REVISED = REVISION_PLACEHOLDER  # drafted for staff to reword; check refuses it as written
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


def _confirmed(base: Document, work: Document) -> list[FieldChange]:
    """Facts taken off (or put on) the page's ``unconfirmed:`` list: the page now states them as facts (or not)."""
    def listed(doc: Document) -> list[str]:
        value = doc.data.get("unconfirmed")
        return [str(v) for v in value] if isinstance(value, list) else []
    before, after = listed(base), listed(work)
    out = []
    now_stated = [k for k in before if k not in after]
    if now_stated:
        line = work.key_position(("unconfirmed",))[0] if "unconfirmed" in work.data else 0
        out.append(FieldChange("field", "unconfirmed", "now shown to patrons as confirmed: " + ", ".join(now_stated),
                               ", ".join(before), ", ".join(after) or None, line, collection=False))
    withdrawn = [k for k in after if k not in before]
    if withdrawn:
        out.append(FieldChange("field", "unconfirmed", "no longer shown as confirmed: " + ", ".join(withdrawn),
                               ", ".join(before) or None, ", ".join(after), work.key_position(("unconfirmed",))[0],
                               collection=False))
    return out


def _text_change(base_body: str, work_body: str, offset: int) -> FieldChange | None:
    """The page's own text, compared by its words: the first changed lines, before and after; None if the same."""
    if " ".join(base_body.split()) == " ".join(work_body.split()):
        return None
    old, new = base_body.splitlines(), work_body.splitlines()
    removed, added, line = [], [], 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal" or " ".join(" ".join(old[i1:i2]).split()) == " ".join(" ".join(new[j1:j2]).split()):
            continue
        line = line or offset + j1 + 1
        removed += [t.strip() for t in old[i1:i2] if t.strip()]
        added += [t.strip() for t in new[j1:j2] if t.strip()]
    return FieldChange("field", "(text)", "the text of the page changed", _snippet(removed), _snippet(added),
                       line, collection=False)


def _snippet(lines: list[str], limit: int = 300) -> str | None:
    text = " / ".join(lines)
    return None if not text else text if len(text) <= limit else text[:limit - 1] + "…"


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
    changes += _confirmed(base, work)
    wording = _text_change(base_body, work_body, decode(work_raw).count("\n") - work_body.count("\n"))
    changes += [wording] if wording else []
    log = history.compare(base.data.get("revisions"), work.data.get("revisions"), base_date)
    changes += history_changes(log, work, "revisions")
    problems_found = history.problems(log, work, path, "revisions", f"the revision history of {name}",
                                      today.isoformat())
    added = tuple(Change(e.date, e.summary) for e in log.new)
    dated = [c for c in changes if c.kind == "policy_date" and c.after]
    reworded = wording is not None and bool(history.entries(base.data.get("revisions")))  # a versioned policy
    suggestion = ""
    if (dated or reworded) and not added:
        day = max([c.after for c in dated if c.after] or [today.isoformat()])
        what = " and ".join([c.text for c in dated] + (["its text changed"] if reworded else []))
        line, col = work.key_position(("revisions",)) if "revisions" in work.data else work.position(
            (dated[0].field,))
        problems_found.append(Problem(path, line, col, "revisions",
                                      f"{what}; a new approval, review or wording of a policy needs a new revision "
                                      "entry saying what changed (or that nothing did)",
                                      f"add an entry dated {day} to the revisions: list"))
        reviewed_only = not reworded and all(c.field == "last_reviewed" for c in dated)
        summary = "Reviewed; no changes to the policy." if reviewed_only else REVISED
        suggestion = ("" if "revisions" in work.data else "revisions:\n") + history.entry_yaml(day, summary)
    status = "changed" if changes or added or problems_found else "unchanged"
    return VendorDiff(path, status, path, name, None, tuple(changes), added, tuple(problems_found), suggestion,
                      subject="policy")
