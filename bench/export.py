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
(``generator.plugin._drop_search_entries``), so a baseline that paid for it would credit the
plugin with time MkDocs' plugins, not ours, spend.
"""

from __future__ import annotations

from pathlib import Path

from generator import siteconfig
from generator.commands.export import export_project
from generator.project import Project

I18N = "i18n"


def export(project: Path, dest: Path) -> Path:
    """Export ``project``'s site as plain Markdown into ``dest``; return the new mkdocs.yml."""
    config_file = export_project(Project(project.resolve()), dest)
    config = siteconfig.read(config_file)
    if _without_search_merge(config.get("plugins")):
        config_file.write_text(siteconfig.dump(config), "utf-8")
    return config_file


def _without_search_merge(plugins: object) -> bool:
    """Turn off the i18n plugin's search reconfiguration in ``plugins`` (either form); True if it was there."""
    if isinstance(plugins, dict):
        entries = [plugins]
    elif isinstance(plugins, list):
        entries = [entry for entry in plugins if isinstance(entry, dict)]
    else:
        return False
    found = False
    for entry in entries:
        options = entry.get(I18N)
        if isinstance(options, dict):
            options["reconfigure_search"] = False
            found = True
    return found
