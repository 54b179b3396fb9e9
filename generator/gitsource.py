"""Git plumbing for ``diff``: which registry files changed since a ref, and their old text.

Only the files git reports as changed are ever read, so the cost follows the
size of the change, not the size of the registry. Every git failure becomes a
:class:`GitError` with a message staff can act on.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """Git could not answer: not a repository, unknown ref, git missing."""


@dataclass(frozen=True)
class FileChange:
    """One changed file, paths relative to the top of the git working tree.

    ``status`` is ``A`` (added, tracked or not), ``M`` (modified), ``D`` (deleted)
    or ``R`` (renamed, with ``old_path``).
    """

    status: str
    path: str
    old_path: str | None = None


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False, timeout=120)
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return result.stdout


def toplevel(folder: Path) -> Path:
    """The top of the git working tree holding ``folder``."""
    if not folder.is_dir():
        raise GitError(f"{folder} is not a folder")
    try:
        out = _git(folder, "rev-parse", "--show-toplevel")
    except GitError:
        raise GitError(f"{folder} is not inside a git working tree; "
                       "run the diff from a clone of the registry (git clone ...)") from None
    return Path(out.decode().strip())


def resolve(top: Path, ref: str) -> str:
    """The commit id ``ref`` names, or a :class:`GitError` saying it does not exist."""
    if ref.startswith("-"):
        raise GitError(f"{ref!r} is not a git ref")
    try:
        return _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(f"the base ref {ref!r} does not exist in this repository; "
                       "fetch it first (git fetch origin) or name a branch, tag or commit that exists") from None


def merge_base(top: Path, commit: str) -> str | None:
    """Where the current branch left ``commit``: ``git merge-base commit HEAD``.

    None when HEAD has no commit yet or the two share no history; the caller then
    compares with ``commit`` itself.
    """
    try:
        head = _git(top, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").decode().strip()
    except GitError:
        return None
    try:
        return _git(top, "merge-base", commit, head).decode().strip() or None
    except GitError:
        return None


def commit_date(top: Path, commit: str) -> str:
    """The day ``commit`` was made (YYYY-MM-DD, committer's date)."""
    return _git(top, "show", "-s", "--format=%cd", "--date=short", commit).decode().strip()


def changed_files(top: Path, commit: str, folder: str) -> list[FileChange]:
    """Files under ``folder`` (relative to ``top``) that differ between ``commit`` and the working tree.

    Tracked changes come from ``git diff -M --name-status`` (staged or not);
    files staff created but did not ``git add`` come from ``git ls-files --others``.
    """
    spec = folder.rstrip("/") + "/"
    raw = _git(top, "diff", "--name-status", "-z", "-M", "--no-ext-diff", commit, "--", spec)
    fields = raw.decode("utf-8", "surrogateescape").split("\0")
    out: list[FileChange] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in "RC":
            old, new = fields[i + 1], fields[i + 2]
            out.append(FileChange("R", new, old) if status == "R" else FileChange("A", new))
            i += 3
            continue
        path = fields[i + 1]
        if status in "AMD":
            out.append(FileChange(status, path))
        elif status == "T":
            out.append(FileChange("M", path))
        i += 2
    untracked = _git(top, "ls-files", "--others", "--exclude-standard", "-z", "--", spec)
    out += [FileChange("A", p) for p in untracked.decode("utf-8", "surrogateescape").split("\0") if p]
    return out


def read_at(top: Path, commit: str, paths: list[str]) -> dict[str, bytes]:
    """The bytes of each path as it was at ``commit``, read with one ``git cat-file --batch``."""
    if not paths:
        return {}
    request = "".join(f"{commit}:{p}\n" for p in paths).encode("utf-8", "surrogateescape")
    raw = _git(top, "cat-file", "--batch", stdin=request)
    out: dict[str, bytes] = {}
    pos = 0
    for path in paths:
        end = raw.index(b"\n", pos)
        header = raw[pos:end].split()
        pos = end + 1
        if header[-1] == b"missing":
            continue
        size = int(header[2])
        out[path] = raw[pos:pos + size]
        pos += size + 1
    return out


def files_at(top: Path, commit: str, folder: str) -> list[str]:
    """The files directly inside ``folder`` (relative to ``top``) at ``commit``."""
    listed = _git(top, "ls-tree", "-z", "--name-only", "--end-of-options", commit, f"{folder.rstrip('/')}/")
    return [p for p in listed.decode("utf-8", "surrogateescape").split("\0") if p]
