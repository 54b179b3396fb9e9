"""A git repository of a synthetic project with a pull request's worth of vendor changes."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from bench.synth import CATEGORIES_FILE, changed_vendor_yaml, vocabulary_ids

CHANGED = 10
_IDENTITY = {
    "GIT_AUTHOR_NAME": "Benchmark", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_NAME": "Benchmark", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
}


def _git(repo: Path, *args: str) -> None:
    env = dict(os.environ, **_IDENTITY, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=repo, env=env, check=True, capture_output=True)


def make_repo(project: Path, changed: int = CHANGED) -> list[str]:
    """Commit ``project`` as the base, then change ``changed`` vendors in the working tree.

    Each change adds a category to ``data.always`` with a dated ``changes`` entry, as staff
    would in a pull request. The vendors are spread evenly over the registry. Returns their files.
    """
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "base registry")
    vendors = project / "vendors"
    categories = vocabulary_ids(vendors / CATEGORIES_FILE)
    files = sorted(p for p in vendors.glob("*.yaml") if not p.name.startswith("_")
                   and "\nretired:" not in p.read_text("utf-8"))
    step = max(len(files) // changed, 1)
    picked = files[::step][:changed]
    for path in picked:
        path.write_text(changed_vendor_yaml(path.read_text("utf-8"), categories), "utf-8")
    return [p.relative_to(project).as_posix() for p in picked]
