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
