"""Write a project's site as plain Markdown files: the baseline the plugin is measured against.

This is ``privacy-registry export`` (``generator.commands.export``): the same files the
plugin stages for MkDocs, and an mkdocs.yml without the plugin. A build of that folder
differs from the plugin's build only by the plugin's repair of the theme's markup in each
built page (``generator.markup``), which is part of the plugin's cost being measured.
"""

from __future__ import annotations

from pathlib import Path

from generator.commands.export import export_project
from generator.project import Project


def export(project: Path, dest: Path) -> Path:
    """Export ``project``'s site as plain Markdown into ``dest``; return the new mkdocs.yml."""
    return export_project(Project(project.resolve()), dest)
