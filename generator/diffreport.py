"""Print a ``diff`` report as text, Markdown (job summary), JSON or GitHub annotations."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from generator.diff import FieldChange, Kind, Status, Subject, VendorDiff
from generator.problems import Problem
from generator.reporters import github_annotation

VALUE_KINDS: tuple[Kind, ...] = ("retention", "privacy_policy", "field", "policy_date", "category_renamed")
SIDE_BY_SIDE: tuple[Kind, ...] = ("correction", "definition")
SUBJECT_WORDS: dict[Subject, str] = {"vendor": "", "vocabulary": "vocabulary", "policy": "policy page"}
STATUS_WORDS: dict[Status, str] = {"added": "new vendor", "deleted": "file deleted", "renamed": "renamed",
                                   "retired": "retired", "changed": "changed", "invalid": "cannot be read",
                                   "unchanged": "unchanged"}


@dataclass
class DiffReport:
    """Everything ``diff`` found between the base ref and the working tree."""

    base_ref: str
    commit: str
    vendors: list[VendorDiff]
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    tip: str = ""  # the commit base_ref names; ``commit`` is where HEAD's branch left it
    others: list[VendorDiff] = field(default_factory=list)  # the vocabulary and policy pages

    @property
    def compared_with(self) -> str:
        """What the working tree was compared with, in words."""
        if not self.tip or self.tip == self.commit:
            return f"{self.base_ref} ({self.commit[:12]})"
        return (f"the merge base of {self.base_ref} and HEAD ({self.commit[:12]}; "
                f"{self.base_ref} itself is at {self.tip[:12]})")

    @property
    def ok(self) -> bool:
        """True when every data-collection change is documented and nothing was deleted."""
        return not self.problems and all(v.ok for v in self.vendors + self.others)

    @property
    def failing(self) -> list[VendorDiff]:
        """Vendors, the vocabulary and policy pages that fail the check."""
        return [v for v in self.vendors + self.others if not v.ok]

    @property
    def flagged(self) -> list[VendorDiff]:
        """Vendors whose data collection changed (or that came or went): review these."""
        return [v for v in self.vendors if v.collection_changes or v.status in ("added", "deleted", "retired")]

    @property
    def all(self) -> list[VendorDiff]:
        """Vendors first, then the vocabulary and the policy pages."""
        return self.vendors + self.others


def md(text: object) -> str:
    """Escape data for the Markdown report (GitHub renders it; HTML must stay text)."""
    flat = " ".join(str(text).split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]|#])", r"\\\1", flat)


def _shown(value: str | None) -> str:
    return "(not set)" if value is None else value


def _values(c: FieldChange, arrow: str = "->", fmt: Callable[[object], str] = str) -> str:
    """`` before -> after`` for a change whose values the reviewer reads; nothing when it has none."""
    if c.kind not in VALUE_KINDS or (c.before is None and c.after is None):
        return ""
    return f"{fmt(_shown(c.before))} {arrow} {fmt(_shown(c.after))}"


def _summary(report: DiffReport) -> str:
    n, bad = len(report.vendors), len(report.failing)
    head = f"{n} vendor file(s) changed, {len(report.flagged)} with data-collection changes to review"
    vocab = [v for v in report.others if v.subject == "vocabulary"]
    meaning = [c for v in vocab for c in v.changes if c.kind == "definition"]
    if meaning:
        users = {name for c in meaning for name in c.vendors}
        head += f"; {len(meaning)} category label(s) or definition(s) changed, applying to {len(users)} vendor(s)"
    policies = [v for v in report.others if v.subject == "policy"]
    if policies:
        head += f"; {len(policies)} policy page(s) changed"
    if bad or report.problems:
        return f"{head}; {bad} need(s) a fix before merging."
    return f"{head}; every change has a dated entry."


def _title(v: VendorDiff) -> str:
    kind = SUBJECT_WORDS[v.subject]
    status = STATUS_WORDS[v.status] if v.subject == "vendor" else {"added": "new", "deleted": "deleted"}.get(
        v.status, STATUS_WORDS[v.status])
    return f"{v.name}: {kind + ' ' if kind else ''}{status}"


def _text(report: DiffReport, out: TextIO) -> None:
    out.write(f"Compared the registry at {report.compared_with} with the working tree "
              "(what a pull request shows: changes made on this branch only).\n")
    for v in report.all:
        renamed = f" (was {v.old_path})" if v.old_path else ""
        out.write(f"\n{v.path}: {_title(v)}{renamed}\n")
        for c in v.changes:
            where = f" [line {c.line}]" if c.line else ""
            tag = "data collection" if c.collection else "review" if c.kind in ("correction", "backdated") else "info"
            values = _values(c)
            out.write(f"  {tag}: {c.text}{': ' + values if values else ''}{where}\n")
            if c.kind in SIDE_BY_SIDE:
                out.write(f"    before: {c.before}\n    after:  {c.after}\n")
        for e in v.new_entries:
            out.write(f"  new entry: {e.date}: {e.summary}\n")
        for p in v.problems:
            out.write(f"  error: {p.text()}\n")
        if v.suggestion:
            key = "revisions" if v.subject == "policy" else "changes"
            out.write(f"  add these lines to {v.path} (under {key}:, where the date falls: oldest first), "
                      "exactly as they are:\n")
            out.write(v.suggestion)
    for p in report.problems:
        out.write(f"error: {p.text()}\n")
    for note in report.notes:
        out.write(f"note: {note}\n")
    out.write(f"\n{_summary(report)}\n")


def _markdown(report: DiffReport, out: TextIO) -> None:
    out.write(f"## Vendor data changes against `{md(report.base_ref)}`\n\n"
              f"Compared with {md(report.compared_with)}: the changes made on this branch only.\n\n"
              f"{_summary(report)}\n")
    if not report.all:
        out.write("\nNo vendor file, vocabulary or policy page changed.\n")
    for v in report.all:
        mark = "❌ needs a fix" if not v.ok else ("⚠️ review" if v in report.flagged or v.subject != "vendor"
                                                 else "ℹ️")
        renamed = f" (was `{v.old_path}`)" if v.old_path else ""
        out.write(f"\n### {md(_title(v))}{renamed} ({mark})\n\n`{v.path}`\n\n")
        for c in v.changes:
            tag = "**Data collection:**" if c.collection else "**Review:**" if c.kind in (
                "correction", "backdated") else "Info:"
            values = _values(c, "→", md)
            out.write(f"- {tag} {md(c.text)}{f' ({values})' if values else ''}\n")
            if c.kind in SIDE_BY_SIDE:
                out.write(f"\n  | Before | After |\n  |---|---|\n  | {md(c.before)} | {md(c.after)} |\n\n")
        for e in v.new_entries:
            out.write(f"- New entry: {e.date}: {md(e.summary)}\n")
        for p in v.problems:
            hint = f" ({md(p.hint)})" if p.hint else ""
            out.write(f"- **Error:** {md(p.message)}{hint}\n")
        if v.suggestion:
            key = "revisions" if v.subject == "policy" else "changes"
            out.write(f"\nAdd this to `{v.path}` (under `{key}:`):\n\n```yaml\n{v.suggestion}```\n")
    for p in report.problems:
        out.write(f"\n- **Error:** `{p.file}`: {md(p.message)}\n")
    for note in report.notes:
        out.write(f"\n> {md(note)}\n")


def _json(report: DiffReport, out: TextIO) -> None:
    def problem(p: Problem) -> dict[str, object]:
        return {"file": p.file, "line": p.line, "column": p.col, "field": p.field, "message": p.message, "hint": p.hint}

    def entry(v: VendorDiff) -> dict[str, object]:
        return {"path": v.path, "status": v.status, "name": v.name, "ok": v.ok,
                "changes": [c.as_dict() for c in v.changes],
                "new_entries": [{"date": e.date, "summary": e.summary} for e in v.new_entries],
                "problems": [problem(p) for p in v.problems], "suggestion": v.suggestion or None}

    payload = {
        "base": report.base_ref,
        "commit": report.commit,
        "base_tip": report.tip or report.commit,
        "compared_with": report.compared_with,
        "ok": report.ok,
        "vendors": [
            {"id": v.vendor_id, "status": v.status, "path": v.path, "old_path": v.old_path, "name": v.name,
             "ok": v.ok, "changes": [c.as_dict() for c in v.changes],
             "new_entries": [{"date": e.date, "summary": e.summary} for e in v.new_entries],
             "problems": [problem(p) for p in v.problems], "suggestion": v.suggestion or None}
            for v in report.vendors
        ],
        "vocabulary": [entry(v) for v in report.others if v.subject == "vocabulary"],
        "policies": [entry(v) for v in report.others if v.subject == "policy"],
        "problems": [problem(p) for p in report.problems],
        "notes": report.notes,
    }
    out.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def _github(report: DiffReport, out: TextIO) -> None:
    for v in report.all:
        for c in v.changes:
            level, title = ("warning", "Data collection changed") if c.collection \
                else ("warning", "History corrected" if c.kind == "correction" else "Backdated entry") \
                if c.kind in ("correction", "backdated") else ("notice", "Record changed")
            text = f"{c.text}: was {c.before!r}, now {c.after!r}" if c.kind in SIDE_BY_SIDE else c.text
            note = Problem(v.path, c.line, 1 if c.line else 0, "", f"{v.name}: {text}")
            out.write(github_annotation(note, level, title) + "\n")
        for p in v.problems:
            hint = f"{p.hint}. Paste:\n{v.suggestion}" if v.suggestion else p.hint
            needed = {"changes": "Change-log entry needed", "revisions": "Revision entry needed"}
            title = "File deleted" if v.status == "deleted" else needed.get(p.field, "Registry problem")
            shown = Problem(p.file, p.line, p.col, p.field, p.message, hint)
            out.write(github_annotation(shown, "error", title) + "\n")
    for p in report.problems:
        out.write(github_annotation(p) + "\n")
    out.write(f"Compared with {report.compared_with}. {_summary(report)}\n")


def write(report: DiffReport, fmt: str, out: TextIO) -> None:
    """Write ``report`` to ``out`` in format ``fmt`` (text, markdown, json or github)."""
    {"text": _text, "markdown": _markdown, "json": _json, "github": _github}[fmt](report, out)
