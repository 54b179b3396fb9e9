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
from generator.policies import MAX_PAGE_BYTES
from generator.policydiff import policy_diff
from generator.problems import Problem
from generator.project import Project
from generator.registry import CATEGORIES_FILE, load_vocabulary, read_document, vendor_files
from generator.vocabdiff import renames, vocabulary_diff
from generator.yamlsrc import Document, YamlError, decode, load, read_source

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
    """Compare the registry where this branch left ``base_ref`` with the working tree.

    The base is the merge base of ``base_ref`` and HEAD, as a pull request shows it.
    Raises :class:`GitError`.
    """
    today = today or dt.date.today()
    top = gitsource.toplevel(project.root)
    tip = gitsource.resolve(top, base_ref)
    commit = gitsource.merge_base(top, tip) or tip
    base_date = gitsource.commit_date(top, commit)
    folder = _inside(project.vendors, top)
    all_changes = gitsource.changed_files(top, commit, folder)
    changes = [c for c in all_changes if _is_vendor(c.path, folder) or (c.old_path and _is_vendor(c.old_path, folder))]
    base_paths = [c.old_path or c.path for c in changes if c.status != "A"]
    base = gitsource.read_at(top, commit, sorted(set(base_paths)))
    changes = _pair_renames(changes, base, top)

    vocab_path = f"{folder}/{CATEGORIES_FILE}"
    vocabulary, vocab_problems = load_vocabulary(top / vocab_path, vocab_path)
    notes: list[str] = []
    others: list[VendorDiff] = []
    renamed: dict[str, str] = {}
    if any(c.path == vocab_path for c in all_changes):
        vocab = _vocabulary_change(project, top, commit, vocab_path, today, base_date)
        if vocab is not None:
            renamed = vocab[1]
            if vocab[0].status != "unchanged":
                others.append(vocab[0])
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
        diff = vendor_diff(sides, vocabulary, today, base_ref, base_date=base_date, renamed=renamed)
        if change.status != "A" and sides.base is None and diff.status == "added":
            notes.append(f"{change.old_path or change.path} could not be read at {base_ref}; "
                         "it was compared as a new vendor.")
            diff = replace(diff, status="changed", old_path=sides.old_path)
        if diff.status != "unchanged" or diff.problems:
            diffs.append(diff)
    others += _policy_changes(project, top, commit, today, base_ref, base_date)
    moved = _moved_folders(project, top, commit, base_ref)
    return DiffReport(base_ref, commit, diffs, notes, vocab_problems + moved, tip=tip, others=others)


def _moved_folders(project: Project, top: Path, commit: str, base_ref: str) -> list[Problem]:
    """A registry or policy folder that the site already had at the base, but somewhere else.

    The working tree's settings name the folders both sides are read from; had the folder moved
    on this branch, every file of the old folder would go unseen (a deleted vendor, a removed
    category). So a folder that did not exist at the base, in a project whose ``mkdocs.yml``
    did, fails: moving it and changing what is in it belong in separate pull requests.
    """
    config = _inside(project.config_file, top)
    out = []
    for setting, folder in (("vendors_dir", project.vendors), ("docs_dir", project.policies)):
        where = _inside(folder, top)
        if not folder.is_dir() or gitsource.files_at(top, commit, where):
            continue
        if not gitsource.read_at(top, commit, [config]):
            return []  # the project itself is new at the base: everything in it is new too
        out.append(Problem(config, 0, 0, setting,
                           f"{where}/ did not exist at {base_ref}, where the site already had its "
                           f"{'registry' if setting == 'vendors_dir' else 'pages'} elsewhere: diff compares "
                           "the same folder on both sides, so nothing that changed in the move can be checked",
                           "move the folder (and change mkdocs.yml) in a pull request of its own, with no "
                           "other change, and make the changes to its files in the next one"))
    return out


def _inside(folder: Path, top: Path) -> str:
    try:
        return folder.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise GitError(f"{folder} is not inside the git working tree {top}") from None


def _vocabulary_change(project: Project, top: Path, commit: str, vocab_path: str, today: dt.date,
                       base_date: str) -> tuple[VendorDiff, dict[str, str]] | None:
    """The vocabulary's own diff and its declared renames; None when either side cannot be read."""
    raw = gitsource.read_at(top, commit, [vocab_path]).get(vocab_path)
    base_doc = _parse_base(raw) if raw is not None else None
    work_doc = read_document(top / vocab_path, vocab_path, [])
    if base_doc is None or work_doc is None:
        return None

    def uses() -> dict[str, tuple[str, frozenset[str]]]:
        out = {}
        for path in vendor_files(project.vendors):
            doc = read_document(path, path.name, [])
            if doc is not None:
                block = doc.data.get("data") if isinstance(doc.data.get("data"), dict) else {}
                lists = [block.get(kind) for kind in ("always", "opt_in")]
                groups = block.get("one_of")
                if isinstance(groups, list):  # either/or counts too
                    lists += [g.get("categories") for g in groups if isinstance(g, dict)]
                kept = frozenset(str(c) for values in lists if isinstance(values, list) for c in values)
                out[path.name] = (str(doc.data.get("name", path.stem)), kept)
        return out

    found = vocabulary_diff(base_doc, work_doc, vocab_path, uses, today, base_date)
    return found, renames(base_doc.data, work_doc.data)


def _policy_changes(project: Project, top: Path, commit: str, today: dt.date, base_ref: str,
                    base_date: str) -> list[VendorDiff]:
    """Every changed policy page (Markdown under the docs folder), compared by its front matter."""
    if not project.policies.is_dir():
        return []
    folder = _inside(project.policies, top)
    changed = [c for c in gitsource.changed_files(top, commit, folder)
               if c.path.endswith(".md") or (c.old_path or "").endswith(".md")]
    base = gitsource.read_at(top, commit, sorted({c.old_path or c.path for c in changed if c.status != "A"}))
    out = []
    for change in sorted(changed, key=lambda c: c.path):
        work_raw = None
        if change.status != "D":
            try:
                work_raw = read_source(top / change.path, MAX_PAGE_BYTES, within=top)
            except (YamlError, OSError):
                work_raw = b""
        found = policy_diff(change.path, base.get(change.old_path or change.path), work_raw, today, base_ref,
                            base_date)
        if found.status != "unchanged" or found.problems:
            out.append(found)
    return out


def run(project: Project, base_ref: str, fmt: str = "text", out: TextIO | None = None,
        err: TextIO | None = None, today: dt.date | None = None) -> int:
    """Print the report; 0 when every change is documented, 1 when not, 2 when git cannot answer."""
    out, err = out or sys.stdout, err or sys.stderr  # looked up per call, so redirected output is honoured
    try:
        report = compare_tree(project, base_ref, today)
    except GitError as exc:
        err.write(f"privacy-registry diff: {exc}\n")
        if fmt == "github":
            out.write(f"::error title=privacy-registry diff::{exc}\n")
        return 2
    write(report, fmt, out)
    return 0 if report.ok else 1
