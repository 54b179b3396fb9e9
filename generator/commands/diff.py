"""``privacy-registry diff --base REF``: flag every vendor whose recorded data collection changed.

Reads only the vendor files git reports as changed (both sides) and the
vocabulary, so the cost follows the size of the change.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from generator import gitsource, schema
from generator.diff import Sides, VendorDiff, vendor_diff
from generator.diffreport import DiffReport, write
from generator.gitsource import FileChange, GitError
from generator.model import Vocabulary
from generator.problems import Problem
from generator.project import Project
from generator.registry import CATEGORIES_FILE, load_vocabulary, read_document
from generator.yamlsrc import Document, YamlError, decode, load

FORMATS = ("text", "markdown", "json", "github")


def _is_vendor(path: str, folder: str) -> bool:
    name = path[len(folder) + 1:] if path.startswith(folder + "/") else ""
    return bool(name) and "/" not in name and name.endswith((".yaml", ".yml")) and not name.startswith("_")


def _vendor_id(path: str) -> str:
    return Path(path).stem


def _parse_base(raw: bytes) -> Document | None:
    try:
        doc = load(decode(raw))
    except YamlError:
        return None
    return doc if isinstance(doc.data, dict) else None


def _read_work(top: Path, path: str) -> tuple[Document | None, list[Problem]]:
    problems: list[Problem] = []
    doc = read_document(top / path, path, problems)
    if doc is not None:
        problems += schema.validate("vendor", doc, path)
    return doc, problems


def _pair_renames(changes: list[FileChange], base: dict[str, bytes], top: Path) -> list[FileChange]:
    """Pair a deleted file with an added one that names the same service (git missed the rename)."""
    deleted = {c.path: c for c in changes if c.status == "D"}
    added = [c for c in changes if c.status == "A"]
    out = [c for c in changes if c.status not in "AD"]
    used: set[str] = set()
    for new in added:
        doc, _ = _read_work(top, new.path)
        name = str(doc.data.get("name", "")).casefold().strip() if doc is not None else ""
        match = next((old for old, c in deleted.items() if old not in used and name
                      and (d := _parse_base(base.get(old, b""))) is not None
                      and str(d.data.get("name", "")).casefold().strip() == name), None)
        if match:
            used.add(match)
            out.append(FileChange("R", new.path, match))
        else:
            out.append(new)
    out += [c for path, c in deleted.items() if path not in used]
    return out


def compare_tree(project: Project, base_ref: str, today: dt.date | None = None) -> DiffReport:
    """Compare the registry at ``base_ref`` with the working tree; raises :class:`GitError`."""
    today = today or dt.date.today()
    top = gitsource.toplevel(project.root)
    tip = gitsource.resolve(top, base_ref)
    commit = gitsource.merge_base(top, tip) or tip
    try:
        folder = project.vendors.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise GitError(f"{project.vendors} is not inside the git working tree {top}") from None
    all_changes = gitsource.changed_files(top, commit, folder)
    changes = [c for c in all_changes if _is_vendor(c.path, folder) or (c.old_path and _is_vendor(c.old_path, folder))]
    base_paths = [c.old_path or c.path for c in changes if c.status != "A"]
    base = gitsource.read_at(top, commit, sorted(set(base_paths)))
    changes = _pair_renames(changes, base, top)

    vocab_path = f"{folder}/{CATEGORIES_FILE}"
    vocabulary, vocab_problems = load_vocabulary(top / vocab_path, vocab_path)
    notes = []
    if any(c.path == vocab_path for c in all_changes):
        notes.append(f"{vocab_path} changed: run 'privacy-registry check' and review the glossary wording.")
    vocabulary = vocabulary or Vocabulary((), ())

    diffs: list[VendorDiff] = []
    for change in sorted(changes, key=lambda c: c.path):
        sides = Sides(_vendor_id(change.path), change.path, old_path=change.old_path if change.status == "R" else None)
        if change.status != "A":
            raw = base.get(change.old_path or change.path)
            sides.base = _parse_base(raw) if raw is not None else None
        if change.status != "D":
            sides.work, sides.work_problems = _read_work(top, change.path)
            if sides.work is None and not sides.work_problems:  # pragma: no cover - read_document always explains
                continue
        elif sides.base is None:
            continue
        diff = vendor_diff(sides, vocabulary, today, base_ref)
        if change.status != "A" and sides.base is None and diff.status == "added":
            notes.append(f"{change.old_path or change.path} could not be read at {base_ref}; "
                         "it was compared as a new vendor.")
            diff = replace(diff, status="changed", old_path=sides.old_path)
        if diff.status != "unchanged" or diff.problems:
            diffs.append(diff)
    return DiffReport(base_ref, commit, diffs, notes, vocab_problems, tip=tip)


def run(project: Project, base_ref: str, fmt: str = "text", out: TextIO = sys.stdout,
        err: TextIO = sys.stderr, today: dt.date | None = None) -> int:
    """Print the report; 0 when every change is documented, 1 when not, 2 when git cannot answer."""
    try:
        report = compare_tree(project, base_ref, today)
    except GitError as exc:
        err.write(f"privacy-registry diff: {exc}\n")
        if fmt == "github":
            out.write(f"::error title=privacy-registry diff::{exc}\n")
        return 2
    write(report, fmt, out)
    return 0 if report.ok else 1
