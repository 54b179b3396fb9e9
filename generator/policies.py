"""Policy pages: read and validate their YAML front matter."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import schema
from generator.problems import Problem
from generator.yamlsrc import YamlError, decode, load

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:-{3}|\.{3})[ \t]*(?:\n|\Z)", re.S)
CHART_MARKER = "<!-- privacy-registry:chart -->"


@dataclass(frozen=True)
class Revision:
    """One approved change to a policy."""

    date: str
    summary: str


@dataclass(frozen=True)
class Policy:
    """A policy page's front matter, validated."""

    path: str
    title: str
    policy_number: str | None = None
    approved_by: str | None = None
    approved: str | None = None
    last_reviewed: str | None = None
    revisions: tuple[Revision, ...] = ()

    @classmethod
    def from_meta(cls, path: str, meta: dict[str, Any]) -> Policy:
        """Build from front matter that has passed the policy schema."""
        return cls(path, meta["title"], meta.get("policy_number"), meta.get("approved_by"),
                   meta.get("approved"), meta.get("last_reviewed"),
                   tuple(Revision(r["date"], r["summary"]) for r in meta.get("revisions", ())))


def read_policy(path: Path, display: str, today: dt.date | None = None) -> tuple[Policy | None, list[Problem]]:
    """Read one policy page's front matter; return it with any problems."""
    today = today or dt.date.today()
    try:
        text = decode(path.read_bytes())
    except YamlError as exc:
        return None, [Problem(display, exc.line, exc.col, "", exc.message)]
    match = FRONT_MATTER.match(text)
    if not match:
        return None, [Problem(display, 1, 1, "", "the page has no front matter",
                              "start it with a '---' line, 'title: ...', and another '---' line")]
    try:
        doc = load(match.group(1) or "")
    except YamlError as exc:
        return None, [Problem(display, exc.line + 1 if exc.line else 0, exc.col, schema.dotted(exc.path), exc.message)]
    if not isinstance(doc.data, dict):
        return None, [Problem(display, 2, 1, "(front matter)", "must be a set of fields (title: ...)")]
    # Front matter starts on line 2 of the page.
    doc.positions = {k: (line + 1, col) for k, (line, col) in doc.positions.items()}
    doc.key_positions = {k: (line + 1, col) for k, (line, col) in doc.key_positions.items()}
    problems = schema.validate("policy", doc, display)
    if problems:
        return None, problems
    for key in ("approved", "last_reviewed"):
        if key in doc.data and dt.date.fromisoformat(doc.data[key]) > today:
            line, col = doc.position((key,))
            problems.append(Problem(display, line, col, key, f"{doc.data[key]} is in the future",
                                    f"use a date on or before {today.isoformat()}"))
    return (None if problems else Policy.from_meta(display, doc.data)), problems


def load_policies(policies_dir: Path, root: Path) -> tuple[list[Policy], list[Problem]]:
    """Every policy page under ``policies_dir`` with its problems."""
    policies, problems = [], []
    for path in sorted(policies_dir.rglob("*.md")):
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        policy, found = read_policy(path, display)
        problems.extend(found)
        if policy:
            policies.append(policy)
    return policies, problems
