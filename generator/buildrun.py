"""``privacy-registry build``'s child process: check once, run the site generator, report how it ended.

``privacy-registry build`` starts ``python -m generator.buildrun OUTCOME ENGINE ROOT ARGS...``
(the site generator changes process-wide state: logging, imported plugins and hooks)
and learns how the build ended from the JSON file ``OUTCOME``, never from the words
the site generator printed. The outcome's ``kind`` is one of:

- ``built``: the site is in the folder given with ``--site-dir``;
- ``problems``: the registry or the policy pages have problems (``problems``: each with
  file, line, field, message and fix), found before anything was built;
- ``refused``: the site generator refused the content (a strict-mode warning, a plugin
  or configuration error: its own exception types); its log says why;
- ``internal``: anything else went wrong, which is not the content's fault (``message``).

The registry and the policy pages are loaded and checked once, here, and handed to
the plugin (``generator.plugin.preload``) rather than loaded again by it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import json
import os
import sys
from pathlib import Path
from typing import Any, Literal

import click

from generator.changelog import newest_date
from generator.commands.check import Checked, inspect
from generator.problems import Problem
from generator.project import Project

Kind = Literal["built", "problems", "refused", "internal"]


@dataclasses.dataclass(frozen=True)
class Outcome:
    """How a build ended (see the module's description)."""

    kind: Kind
    message: str = ""
    problems: tuple[Problem, ...] = ()
    checked: int = 0

    def dump(self, path: Path) -> None:
        """Write the outcome as JSON to ``path``."""
        data = dataclasses.asdict(self)
        path.write_text(json.dumps(data), "utf-8")

    @classmethod
    def read(cls, path: Path) -> Outcome | None:
        """The outcome written to ``path``, or None when there is none (the process died first)."""
        try:
            data: dict[str, Any] = json.loads(path.read_text("utf-8"))
            problems = tuple(Problem(**p) for p in data["problems"])
            return cls(data["kind"], data["message"], problems, data["checked"])
        except (OSError, ValueError, KeyError, TypeError):
            return None


def epoch_of(found: Checked) -> str | None:
    """Midnight UTC of the newest date in the data, for ``SOURCE_DATE_EPOCH``.

    MkDocs stamps the sitemap and its gzip with the build clock unless this is
    set; taking it from the data makes two builds of one commit byte-identical.
    """
    if found.loaded.registry is None:
        return None
    newest = newest_date(found.loaded.registry, {p.path: p for p in found.policies})
    if not newest:
        return None
    return str(int(dt.datetime.fromisoformat(newest).replace(tzinfo=dt.UTC).timestamp()))


def build(project: Project, engine: str, args: list[str]) -> Outcome:
    """Check ``project``, then run ``engine build ARGS`` in this process on what the check loaded."""
    # First: ProperDocs points every later ``import mkdocs...`` (the plugin's, the theme's) at itself.
    cli = importlib.import_module(f"{engine}.__main__").cli
    found = inspect(project)
    if found.problems:
        return Outcome("problems", problems=tuple(found.problems), checked=found.checked)
    epoch = epoch_of(found)
    if epoch and "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    from generator import plugin  # the MkDocs adapter; imported only to build

    plugin.preload(project.root, project.policies, found.loaded, found.policies)
    try:
        cli.main(["build", *args], prog_name=engine, standalone_mode=False)
    except click.ClickException as exc:  # MkDocs' and ProperDocs' own errors: Abort, PluginError, ConfigurationError
        exc.show()
        return Outcome("refused", exc.format_message())
    return Outcome("built")


def main(argv: list[str]) -> int:
    """Run one build; 0 built, 1 a content problem, 2 an internal error."""
    outcome_file, engine, root, *args = argv
    try:
        outcome = build(Project(Path(root)), engine, args)
    except Exception as exc:  # noqa: BLE001 - whatever it is, it is not the content's fault
        outcome = Outcome("internal", f"{type(exc).__name__}: {exc}")
    sys.stdout.flush()
    outcome.dump(Path(outcome_file))
    return {"built": 0, "problems": 1, "refused": 1, "internal": 2}[outcome.kind]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
