"""A project's settings: mkdocs.yml read once, as MkDocs reads it, checked with line numbers.

Every command, the MkDocs plugin, ``publish-config`` and the benchmark take their
settings from :func:`read_settings`: the plugin's options (either ``plugins:`` form,
a list entry ``- privacy-registry: {...}`` or a mapping ``privacy-registry: {...}``)
and the site settings the commands need (``docs_dir``, ``site_url``). ``!ENV`` tags
and ``INHERIT`` are read as MkDocs reads them, with the libraries MkDocs itself uses
(``pyyaml_env_tag``, ``mergedeep``): importing MkDocs' own loader costs about 60 ms
and brings MkDocs into the core. Problems name the file, line, option and fix.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import mergedeep  # type: ignore[import-untyped]
import yaml
from yaml_env_tag import construct_env_tag  # type: ignore[import-untyped]

from generator import schema
from generator.i18n import Languages, languages_of
from generator.problems import Problem
from generator.yamlsrc import Document, YamlError, decode, load, read_source
from generator.yamlsrc import Path as DocPath

PLUGIN = "privacy-registry"
_SITE = {"site": True}  # metadata: a setting of the site, not an option of the plugin


@dataclass(frozen=True)
class Settings:
    """The project's settings, with MkDocs' defaults filled in."""

    vendors_dir: str = "vendors"
    overrides_dir: str = "site_overrides"
    redirects: dict[str, str] = field(default_factory=dict)
    host_redirects: list[str] = field(default_factory=list)
    csp_meta: bool = True
    chart_inline_max: int = 100
    review_months: int = 12
    library: dict[str, Any] | None = None  # the library's terms; see generator/terms.py
    consortium: dict[str, Any] | None = None  # a member site's shared source; see generator/consortium.py
    docs_dir: str = field(default="docs", metadata=_SITE)  # MkDocs' docs_dir: the policy pages
    site_url: str | None = field(default=None, metadata=_SITE)  # as written (PRIVACY_REGISTRY_SITE_URL wins)
    languages: Languages = field(default_factory=Languages, metadata=_SITE)  # what the i18n plugin builds


# The plugin's options: every field of Settings that is not a site setting.
OPTIONS = tuple(f.name for f in fields(Settings) if not f.metadata.get("site"))


try:  # libyaml when available: the pure-Python parser takes about 20 ms over a 150-line mkdocs.yml
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _Loader(_SafeLoader):
    """mkdocs.yml as MkDocs reads its values: ``!ENV`` resolved, Python tags left unrun."""


def _ignore_tag(loader: Any, suffix: str, node: yaml.Node) -> Any:
    return None


_Loader.add_constructor("!ENV", construct_env_tag)
_Loader.add_multi_constructor("!", _ignore_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


@dataclass
class _Source:
    """One file of the configuration: its name as shown, its values and where each is written."""

    shown: str
    doc: Document


class _Unreadable(Exception):
    """A file of the configuration that cannot be read: the problem, in the file that has it."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _read_chain(config_file: Path, shown: str, seen: tuple[Path, ...] = ()) -> tuple[list[_Source], Any]:
    """``config_file`` and the files it INHERITs (nearest first), and the merged values.

    Raises :class:`_Unreadable` with the file and position of the problem (in an inherited
    file, that file's).
    """
    try:
        text = decode(read_source(config_file))
        doc = load(text, strict=False)
    except YamlError as exc:
        raise _Unreadable(Problem(shown, exc.line, exc.col, schema.dotted(exc.path) or "(file)",
                                  exc.message, exc.hint)) from None
    except OSError as exc:
        raise _Unreadable(Problem(shown, 1, 1, "(file)", f"cannot be read: {exc.strerror or exc}")) from None
    values = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader subclass
    doc.data = values if values is not None else {}
    chain = [_Source(shown, doc)]
    if not isinstance(doc.data, dict) or "INHERIT" not in doc.data:
        return chain, doc.data
    data = dict(doc.data)
    relpath = data.pop("INHERIT")
    parent = Path(os.path.normpath(config_file.parent / str(relpath)))
    line, col = doc.position(("INHERIT",))
    if not parent.is_file() or parent in seen:
        message = (f"the inherited file {relpath!r} does not exist" if parent not in seen
                   else f"{relpath!r} inherits itself" if parent == config_file
                   else f"{relpath!r} inherits this file in turn: the INHERIT chain goes round in a circle")
        raise _Unreadable(Problem(shown, line, col, "INHERIT", message,
                                  "give the path of the base configuration, relative to this file"))
    parents, inherited = _read_chain(parent, os.path.relpath(parent, config_file.parent), (*seen, config_file))
    if not isinstance(inherited, dict):
        raise _Unreadable(Problem(parents[0].shown, 1, 1, "(top level)",
                                  "must be a set of settings (site_name: ..., plugins: ...)"))
    return chain + parents, mergedeep.merge({}, inherited, data)


def read_config(config_file: Path) -> dict[str, Any]:
    """The whole configuration's values (``INHERIT`` merged, ``!ENV`` resolved); empty when unreadable.

    For settings of other plugins (the i18n plugin's languages); problems are reported by :func:`read_settings`.
    """
    try:
        _, data = _read_chain(config_file, config_file.name)
    except _Unreadable:
        return {}
    return data if isinstance(data, dict) else {}


def read_settings(config_file: Path, root: Path | None = None) -> tuple[Settings | None, list[Problem]]:
    """The settings in ``config_file`` and any problems with them.

    A project without ``mkdocs.yml`` gets the defaults and no problems (there is
    nothing to build); relative folders are resolved against ``root`` (default:
    the folder of ``config_file``).
    """
    root = root or config_file.parent
    shown = config_file.name
    if not config_file.is_file():
        return Settings(), []
    try:
        chain, data = _read_chain(config_file, shown)
    except _Unreadable as exc:
        return None, [exc.problem]
    if not isinstance(data, dict):
        return None, [Problem(shown, 1, 1, "(top level)", "must be a set of settings (site_name: ..., plugins: ...)")]
    found = _find_plugin(data, chain)
    if isinstance(found, Problem):
        return None, [found]
    source, path, options = found
    problems = _check_options(source, path, options)
    if problems:
        return None, problems
    url = data.get("site_url")
    settings = Settings(**options, docs_dir=str(data.get("docs_dir") or "docs"),
                        site_url=url if isinstance(url, str) and url.strip() else None, languages=languages_of(data))
    folders = [("vendors_dir", settings.vendors_dir, "the registry folder", True),
               ("overrides_dir", settings.overrides_dir, "the overrides folder", "overrides_dir" in options)]
    if settings.consortium is not None:  # its registry is required by the schema
        folders.append(("consortium.registry", settings.consortium["registry"], "the consortium's registry folder",
                        True))
    for name, value, what, given in folders:
        if given and not (root / value).is_dir():
            where = path + tuple(name.split("."))
            line, col = source.doc.position(where)
            problems.append(_missing_folder(source.shown, line, col, schema.dotted(where), value, root, what))
    return (None if problems else settings), problems


def _entries(plugins: Any) -> list[tuple[DocPath, str, Any]]:
    """Each plugin named under ``plugins:`` (list or mapping form): its path, name and options."""
    if isinstance(plugins, dict):
        return [(("plugins", name), str(name), options) for name, options in plugins.items()]
    entries: list[tuple[DocPath, str, Any]] = []
    for i, item in enumerate(plugins if isinstance(plugins, list) else []):
        if isinstance(item, str):
            entries.append((("plugins", i, item), item, None))
        elif isinstance(item, dict) and len(item) == 1:
            ((name, options),) = item.items()
            entries.append((("plugins", i, name), str(name), options))
    return entries


def _owner(chain: list[_Source], path: DocPath) -> _Source:
    """The file that writes ``path`` (the nearest one; the first file when none does).

    A plugin named without options (``- search``) has no place of its own under its name: the
    file that writes the list entry writes it.
    """
    for depth in range(len(path), 0, -1):
        part = path[:depth]
        for source in chain:
            if part in source.doc.positions or part in source.doc.key_positions:
                return source
    return chain[0]


def _find_plugin(data: dict[str, Any], chain: list[_Source]) -> tuple[_Source, DocPath, dict[str, Any]] | Problem:
    entries = _entries(data.get("plugins"))
    for path, name, options in entries:
        if name == PLUGIN:
            source = _owner(chain, path)
            if options is None:
                return source, path, {}
            if not isinstance(options, dict):
                line, col = source.doc.position(path)
                return Problem(source.shown, line, col, schema.dotted(path), f"is {schema.describe(options)}; "
                               "the plugin's options must be a set of fields",
                               "write the options indented under it, e.g. 'vendors_dir: vendors'")
            return source, path, options
    names = [name for _, name, _ in entries]
    close = difflib.get_close_matches(PLUGIN, names, n=1, cutoff=0.7)
    if close:
        path = next(p for p, name, _ in entries if name == close[0])
        source = _owner(chain, path)
        line, col = source.doc.key_position(path)
        return Problem(source.shown, line, col, schema.dotted(path), f"{close[0]!r} is not a known plugin",
                       f"did you mean {PLUGIN!r}?")
    source = _owner(chain, ("plugins",))
    line, col = source.doc.key_position(("plugins",))  # where the settings start when there is no plugins:
    return Problem(source.shown, line, col, "plugins",
                   f"the {PLUGIN} plugin is not enabled, so no registry pages are built",
                   f"add '- {PLUGIN}' under 'plugins:'")


def _check_options(source: _Source, path: DocPath, options: dict[str, Any]) -> list[Problem]:
    doc, prefix = source.doc, len(path)
    sub = Document(options,
                   {k[prefix:]: v for k, v in doc.positions.items() if k[:prefix] == path},
                   {k[prefix:]: v for k, v in doc.key_positions.items() if k[:prefix] == path},
                   {k[prefix:]: v for k, v in doc.raw_scalars.items() if k[:prefix] == path})
    out = []
    for p in schema.validate("plugin", sub, source.shown):
        # A problem with the options as a whole (the note that checking stopped) is placed at the options.
        whole = p.field == "(file)"
        line, col = doc.position(path) if whole else (p.line, p.col)
        name = schema.dotted(path) + ("" if whole else "." + p.field)
        out.append(Problem(p.file, line, col, name, p.message, p.hint))
    return out


def _missing_folder(shown: str, line: int, col: int, name: str, value: str, root: Path, what: str) -> Problem:
    folders = sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    close = difflib.get_close_matches(value, folders)
    hint = f"did you mean {close[0]!r}?" if close else f"create the folder {value}/ beside mkdocs.yml, or fix the path"
    return Problem(shown, line, col, name, f"{what} {value!r} does not exist", hint)
