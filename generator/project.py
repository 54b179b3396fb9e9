"""Where a project's parts are: the folder layout every command shares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
    """A registry project rooted at ``root`` (the folder holding mkdocs.yml)."""

    root: Path

    @property
    def vendors(self) -> Path:
        """The vendor registry folder."""
        return self.root / "vendors"

    @property
    def policies(self) -> Path:
        """The policy pages (MkDocs docs_dir)."""
        return self.root / "policies"

    @property
    def config_file(self) -> Path:
        """The MkDocs configuration."""
        return self.root / CONFIG_NAME

    @property
    def site(self) -> Path:
        """The built site."""
        return self.root / "site"
