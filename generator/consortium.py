"""Where a site's registry comes from: its own folder, or a consortium's shared registry plus its own.

A member library of a consortium names the consortium's registry in mkdocs.yml
(``consortium: registry: ... member: ...``). Its site then shows the shared
services that member offers, plus the vendors in its own ``vendors_dir``, in one
registry: chart, vendor pages, change log and feed alike. The shared vocabulary
is the consortium's. With ``ref:`` the shared registry is read as it is at a git
ref of the checkout that holds it (a tag the consortium publishes, say), so a
member site changes only when it moves to a new ref.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator import gitsource
from generator.members import MEMBERS_FILE
from generator.model import Registry
from generator.problems import Problem
from generator.registry import CATEGORIES_FILE, Loaded, load_registry
from generator.settings import Settings
from generator.tempdirs import Held

CONFIG = "mkdocs.yml"
OPTION = "plugins.privacy-registry.consortium"


def load_site_registry(root: Path, settings: Settings | None) -> Loaded:
    """The registry a site shows: ``vendors_dir`` alone, or a consortium's registry plus it."""
    own = root / (settings.vendors_dir if settings else "vendors")
    if settings is None or settings.consortium is None:
        return load_registry(own, root)
    option = settings.consortium
    try:
        with _shared_folder(root, option) as (folder, shown):
            shared = load_registry(folder, root)
            shared.problems = [_renamed(p, folder, shown, root) for p in shared.problems]
            # The member's own vendors name categories from the same vocabulary, at the same ref.
            local = load_registry(own, root, vocabulary_file=folder / CATEGORIES_FILE)
    except gitsource.GitError as exc:
        return Loaded(None, [Problem(CONFIG, _line(root, "ref:"), 1, f"{OPTION}.ref", str(exc))])
    problems = list(shared.problems)
    if (own / CATEGORIES_FILE).exists():
        problems.append(Problem(_show(own / CATEGORIES_FILE, root), 1, 1, "(file)",
                                "a member library's site uses its consortium's vocabulary",
                                f"remove this file; the categories are the ones in {option['registry']}/"
                                f"{CATEGORIES_FILE}"))
    if shared.registry is None:
        return Loaded(None, problems or [Problem(CONFIG, 1, 1, OPTION, "the consortium's registry cannot be read")])
    member = option["member"]
    known = [m.id for m in shared.registry.members]
    if member not in known:
        close = difflib.get_close_matches(member, known, n=1)
        hint = f"did you mean {close[0]!r}?" if close else (
            f"use one of: {', '.join(known)}" if known else f"the consortium's registry has no {MEMBERS_FILE}")
        problems.append(Problem(CONFIG, _line(root, "member:"), 1, f"{OPTION}.member",
                                f"{member!r} is not a member library in {option['registry']}/{MEMBERS_FILE}", hint))
    problems += [_renamed(p, folder, shown, root) for p in local.problems]
    if problems or local.registry is None:
        # The member's own records that did load still get their warnings, beside the errors.
        return Loaded(None, sorted(set(problems)), local.documents, partial=local.registry or local.partial)
    # The consortium's record of itself ('library_itself') speaks for the consortium and links a policy
    # page of the consortium's site, which this site does not have: a member site lists its own instead.
    offered = [v for v in shared.registry.vendors if v.offered_by(member) and not v.is_library]
    taken = {v.id: v for v in offered}
    for vendor in local.registry.vendors:
        if vendor.id in taken:
            problems.append(Problem(vendor.source, 1, 1, "(file name)",
                                    f"the consortium's registry already has the vendor {vendor.id!r} "
                                    f"({taken[vendor.id].source})",
                                    "rename this file, or leave the service to the consortium's record"))
    if problems:
        return Loaded(None, sorted(set(problems)), local.documents)
    vendors = sorted([*offered, *local.registry.vendors], key=lambda v: v.name.casefold())
    # The sources of the vendors shown (review dates and lines for warnings), and this library's own files.
    documents = {**{v.source: shared.documents[v.source] for v in offered}, **local.documents}
    return Loaded(Registry(shared.registry.vocabulary, tuple(vendors)), [], documents)


@contextmanager
def _shared_folder(root: Path, option: dict[str, Any]) -> Iterator[tuple[Path, str]]:
    """The consortium's registry folder, as it is now or (``ref``) at a git ref; and how to name it."""
    folder = (root / option["registry"]).resolve()
    ref = option.get("ref")
    if ref is None:
        yield folder, option["registry"]
        return
    top = gitsource.toplevel(folder)
    commit = gitsource.resolve(top, ref)
    inside = folder.relative_to(top).as_posix()
    paths = gitsource.files_at(top, commit, inside)
    with Held("privacy-registry-consortium-") as tmp:
        copy = tmp / "vendors"
        copy.mkdir()
        for path, data in gitsource.read_at(top, commit, paths).items():
            (copy / Path(path).name).write_bytes(data)
        yield copy, f"{option['registry']}@{ref}"


def _renamed(problem: Problem, folder: Path, shown: str, root: Path) -> Problem:
    """A problem in the shared registry, named as staff would find it."""
    prefix = _show(folder, root)
    if problem.file.startswith(prefix + "/"):
        return Problem(shown + problem.file[len(prefix):], problem.line, problem.col, problem.field,
                       problem.message, problem.hint)
    return problem


def _show(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _line(root: Path, needle: str) -> int:
    try:
        lines = (root / CONFIG).read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((i for i, text in enumerate(lines, 1) if text.strip().startswith(needle)), 1)
