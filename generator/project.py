"""Where a project's parts are: the folder layout every command shares, from the project's settings."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Problem
from generator.settings import Settings, read_settings

CONFIG_NAME = "mkdocs.yml"


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``mkdocs.yml``, or None."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def _projects_below(folder: Path) -> list[str]:
    """The folders just below ``folder`` that hold a project (at most three), for a hint."""
    try:
        return sorted(child.name for child in folder.iterdir()
                      if child.is_dir() and (child / CONFIG_NAME).is_file())[:3]
    except OSError:
        return []


def no_project(root: Path, given: bool) -> str | None:
    """Why ``root`` is not a project, in words for staff, or None when it holds mkdocs.yml.

    ``given`` says whether staff named the folder (``--root``) or it is the folder they are in,
    no folder above which holds a project either.
    """
    if (root / CONFIG_NAME).is_file():
        return None
    below = _projects_below(root) if root.is_dir() else []
    hint = ""
    if below:
        names = " and ".join(f"{name}/" for name in below) if len(below) < 3 else \
            ", ".join(f"{name}/" for name in below[:-1]) + f" and {below[-1]}/"
        verb = "holds a site" if len(below) == 1 else "each hold a site"
        hint = f" Below it, {names} {verb} (--root {root / below[0]})."
    if not given:
        return (f"no project found: neither {root} nor any folder above it holds {CONFIG_NAME}, the file every "
                "patron privacy site has. Run the command in the site's folder or in any folder inside it, or give "
                f"that folder with --root DIR.{hint} To start a site for a new library: "
                "privacy-registry init DIR --name \"Library name\"")
    if root.is_file() and root.name == CONFIG_NAME:
        return f"--root takes the site's folder, not its {CONFIG_NAME}: --root {root.parent}"
    if root.is_file():
        why = "it is a file, not a folder"
    else:
        why = f"it holds no {CONFIG_NAME}" if root.exists() else "that folder does not exist"
    return (f"no project at {root}: {why}. Give --root the site's folder (the one that holds {CONFIG_NAME}), "
            f"or run the command in that folder or in any folder inside it.{hint}")


@dataclass(frozen=True)
class Project:
    """A registry project rooted at ``root`` (the folder holding mkdocs.yml).

    Its settings are read from mkdocs.yml once, on first use; the folders every
    command reads are the ones they name (``vendors_dir``, ``docs_dir``).
    """

    root: Path

    @functools.cached_property
    def read(self) -> tuple[Settings | None, list[Problem]]:
        """The settings and the problems found reading them (settings None when there are any)."""
        return read_settings(self.config_file, self.root)

    @property
    def settings(self) -> Settings:
        """The settings, or the defaults when mkdocs.yml has problems (``check`` reports them)."""
        return self.read[0] or Settings()

    @property
    def setting_problems(self) -> list[Problem]:
        """What is wrong with mkdocs.yml's settings, if anything."""
        return list(self.read[1])

    @property
    def vendors(self) -> Path:
        """The vendor registry folder (``vendors_dir``)."""
        return self.root / self.settings.vendors_dir

    @property
    def policies(self) -> Path:
        """The policy pages (MkDocs' ``docs_dir``)."""
        return self.root / self.settings.docs_dir

    @property
    def overrides(self) -> Path:
        """The folder whose ``privacy_registry/`` overrides the page templates (``overrides_dir``)."""
        return self.root / self.settings.overrides_dir

    @property
    def config_file(self) -> Path:
        """The MkDocs configuration."""
        return self.root / CONFIG_NAME

    @property
    def site(self) -> Path:
        """The built site."""
        return self.root / "site"
