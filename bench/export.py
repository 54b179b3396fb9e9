"""Write a project's site as plain Markdown files: the baseline the plugin is measured against.

This is ``privacy-registry export`` (``generator.commands.export``): the same files the
plugin stages for MkDocs, and an mkdocs.yml without the plugin. A build of that folder
differs from the plugin's build only by the plugin's repair of the theme's markup in each
built page (``generator.markup``), which is part of the plugin's cost being measured.

One setting differs from the export: the i18n plugin's ``reconfigure_search`` is off. With
it on, mkdocs-static-i18n merges every language's search entries and drops the duplicates by
comparing each default-language entry with every entry of the other languages, which grows
with the square of the entries (about 50 s of CPU at 2,000 vendors). The plugin build keeps
one index per language and leaves that check nothing to compare
(``generator.i18n_search.drop_search_entries``), so a baseline that paid for it would credit the
plugin with time MkDocs' plugins, not ours, spend.
"""

from __future__ import annotations

from pathlib import Path

from generator import siteconfig
from generator.commands.export import export_project
from generator.i18n import i18n_options
from generator.project import Project


def export(project: Path, dest: Path) -> Path:
    """Export ``project``'s site as plain Markdown into ``dest``; return the new mkdocs.yml."""
    config_file = export_project(Project(project.resolve()), dest)
    config = siteconfig.read(config_file)
    options = i18n_options(config)
    if options is not None:
        options["reconfigure_search"] = False
        config_file.write_text(siteconfig.dump(config), "utf-8")
    return config_file
