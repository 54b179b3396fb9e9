"""mkdocs.yml read and written without a site generator: the export's side of the configuration.

``privacy-registry export`` needs what the configuration says about the site (its
name, nav, theme language and icon; the settings every command shares, such as the
address and the folders, come from :mod:`generator.settings`) and writes a configuration for the
exported folder: the project's own, minus the ``privacy-registry`` plugin, with
what the plugin would set written out (the expanded nav, ``extra``, the address).
Tags PyYAML's safe loader does not run (``!ENV``, ``!!python/name:``) pass through
unchanged.
"""

from __future__ import annotations

import importlib.util
import os
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import yaml

from generator.settings import PLUGIN, Settings
from generator.siteurl import SITE_URL_ENV, normalize_site_url

# The extensions the generated Markdown needs (the plugin adds them too).
REQUIRED_EXTENSIONS = ("attr_list", "admonition")


class _Tagged:
    """A YAML value with a tag the safe loader does not know, kept to be written back as it was."""

    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    return _Tagged(node)


def _represent_tagged(dumper: yaml.SafeDumper, value: _Tagged) -> yaml.Node:
    return value.node


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(_Tagged, _represent_tagged)


def read(config_file: Path) -> dict[str, Any]:
    """The configuration as data (tagged values left as they are)."""
    data = yaml.load(config_file.read_text("utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader subclass
    return data if isinstance(data, dict) else {}


def dump(config: dict[str, Any]) -> str:
    """The configuration as YAML, tagged values written back with their tags."""
    return yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


def theme(config: dict[str, Any]) -> dict[str, Any]:
    """The ``theme`` settings as a mapping (``theme: material`` -> ``{name: material}``)."""
    value = config.get("theme")
    if isinstance(value, str):
        return {"name": value}
    return dict(value) if isinstance(value, dict) else {"name": "mkdocs"}


def theme_defaults(name: str) -> dict[str, Any]:
    """The defaults a theme declares in its ``mkdocs_theme.yml`` (found without importing it)."""
    for ep in entry_points(group="mkdocs.themes"):
        if ep.name != name:
            continue
        spec = importlib.util.find_spec(ep.value)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            path = Path(folder) / "mkdocs_theme.yml"
            if path.is_file():
                data = yaml.load(path.read_text("utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader subclass
                return data if isinstance(data, dict) else {}
    return {}


def site_url(settings: Settings, environ: dict[str, str] | None = None) -> str | None:
    """The site's address: ``PRIVACY_REGISTRY_SITE_URL`` first, then ``site_url``. Raises SiteUrlError."""
    environ = dict(os.environ) if environ is None else environ
    url = environ.get(SITE_URL_ENV, "").strip() or settings.site_url
    return normalize_site_url(url) if url else None


def without_plugin(plugins: Any) -> Any:
    """The ``plugins`` setting with the privacy-registry plugin taken out."""
    if isinstance(plugins, dict):
        return {k: v for k, v in plugins.items() if k != PLUGIN}
    if isinstance(plugins, list):
        return [p for p in plugins if not (p == PLUGIN or (isinstance(p, dict) and PLUGIN in p))]
    return plugins


def with_extensions(extensions: Any) -> Any:
    """``markdown_extensions`` with the ones the generated pages need added when missing."""
    items = list(extensions) if isinstance(extensions, list) else []
    names = {next(iter(e)) if isinstance(e, dict) else e for e in items}
    return items + [e for e in REQUIRED_EXTENSIONS if e not in names]
