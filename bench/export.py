"""Write a project's site as plain Markdown files: the baseline the plugin is measured against.

The plugin itself produces the pages (its ``on_config``, ``on_files`` and
``on_page_markdown`` with real MkDocs objects), so the exported folder holds
exactly the Markdown MkDocs would receive from it. The exported ``mkdocs.yml``
is the project's own, minus the ``privacy-registry`` plugin, with what the plugin
sets in the configuration (the expanded nav, ``extra``, ``site_url``) written out.
Not reproduced: the handful of redirect pages the plugin writes after the build
(``redirects`` in mkdocs.yml), and its repair of the theme's markup in each built
page (``generator.markup``); both are part of the plugin's cost being measured.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

PLUGIN = "privacy-registry"
DOCS = "docs"


class _Tagged:
    """A YAML value with a tag PyYAML's safe loader does not know (``!ENV``, ``!!python/name:``)."""

    def __init__(self, tag: str, node: yaml.Node) -> None:
        self.tag = tag
        self.node = node


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    return _Tagged(node.tag, node)


def _represent_tagged(dumper: yaml.SafeDumper, value: _Tagged) -> yaml.Node:
    return value.node


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(_Tagged, _represent_tagged)


def _without_plugin(plugins: Any) -> Any:
    if isinstance(plugins, dict):
        return {k: v for k, v in plugins.items() if k != PLUGIN}
    return [p for p in plugins if not (p == PLUGIN or (isinstance(p, dict) and PLUGIN in p))]


def export(project: Path, dest: Path) -> Path:
    """Export ``project``'s site as plain Markdown into ``dest``; return the new mkdocs.yml."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page
    from mkdocs.utils.meta import get_data

    from generator.policies import FRONT_MATTER

    config_file = project / "mkdocs.yml"
    config = load_config(config_file=str(config_file))
    plugin = config.plugins[PLUGIN]
    config.plugins._current_plugin = PLUGIN  # what MkDocs sets while a plugin's event runs
    if hasattr(plugin, "on_startup"):
        plugin.on_startup(command="build", dirty=False)
    configured = plugin.on_config(config)
    assert configured is not None
    config = configured
    files = plugin.on_files(get_files(config), config=config)
    assert files is not None
    config.plugins._current_plugin = None

    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / DOCS
    docs.mkdir(parents=True)
    for file in files:
        target = docs / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if not file.is_documentation_page():
            target.write_bytes(file.content_bytes)
            continue
        source = file.content_string
        markdown, _ = get_data(source)
        match = FRONT_MATTER.match(source)
        front = match.group(0) if match else ""
        page = Page(None, file, config)
        result = plugin.on_page_markdown(markdown, page=page, config=config, files=files)
        target.write_text(front + (markdown if result is None else result), "utf-8")

    raw = yaml.load(config_file.read_text("utf-8"), Loader=_Loader)  # noqa: S506 - safe loader subclass
    raw["docs_dir"] = DOCS
    # What the plugin changes in the configuration: the nav it expands, the values it gives
    # the theme's templates (``extra``) and the normalised site address.
    if config.nav:
        raw["nav"] = config.nav
    if config.extra:
        raw["extra"] = dict(config.extra)
    if config.site_url:
        raw["site_url"] = config.site_url
    raw["plugins"] = _without_plugin(raw.get("plugins", []))
    custom_dir = raw.get("theme", {}).get("custom_dir") if isinstance(raw.get("theme"), dict) else None
    if custom_dir and (project / custom_dir).is_dir():
        shutil.copytree(project / custom_dir, dest / custom_dir)
    out = dest / "mkdocs.yml"
    out.write_text(yaml.dump(raw, Dumper=_Dumper, sort_keys=False, allow_unicode=True), "utf-8")
    return out
