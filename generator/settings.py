"""The ``privacy-registry`` plugin's options in mkdocs.yml, checked with line numbers.

MkDocs checks plugin options too, but only while building and without saying
where; this lets ``privacy-registry check`` (and the plugin itself) name the
line, the option and the fix, like every other problem.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import schema
from generator.problems import Problem
from generator.yamlsrc import Document, YamlError, decode, load, read_source
from generator.yamlsrc import Path as DocPath

PLUGIN = "privacy-registry"


@dataclass(frozen=True)
class Settings:
    """The plugin's options, with MkDocs' defaults filled in."""

    vendors_dir: str = "vendors"
    overrides_dir: str = "site_overrides"
    redirects: dict[str, str] = field(default_factory=dict)
    host_redirects: list[str] = field(default_factory=list)
    csp_meta: bool = True
    chart_inline_max: int = 100
    review_months: int = 12
    library: dict[str, Any] | None = None  # the library's terms; see generator/terms.py
    consortium: dict[str, Any] | None = None  # a member site's shared source; see generator/consortium.py


def read_settings(config_file: Path, root: Path | None = None) -> tuple[Settings | None, list[Problem]]:
    """The plugin's options in ``config_file`` and any problems with them.

    A project without ``mkdocs.yml`` gets the defaults and no problems (there is
    nothing to build); relative folders are resolved against ``root`` (default:
    the folder of ``config_file``).
    """
    root = root or config_file.parent
    shown = config_file.name
    if not config_file.is_file():
        return Settings(), []
    try:
        doc = load(decode(read_source(config_file)), strict=False)
    except YamlError as exc:
        return None, [Problem(shown, exc.line or 1, exc.col or 1, schema.dotted(exc.path) or "(file)",
                              exc.message, exc.hint)]
    except OSError as exc:
        return None, [Problem(shown, 1, 1, "(file)", f"cannot be read: {exc.strerror or exc}")]
    if not isinstance(doc.data, dict):
        return None, [Problem(shown, 1, 1, "(top level)", "must be a set of settings (site_name: ..., plugins: ...)")]
    found = _find_plugin(doc)
    if isinstance(found, Problem) and "INHERIT" in doc.data and "not enabled" in found.message:
        return Settings(), []  # the plugin may be set in the inherited file, which MkDocs checks itself
    if isinstance(found, Problem):
        return None, [Problem(shown, found.line, found.col, found.field, found.message, found.hint)]
    path, options = found
    problems = _check_options(doc, path, options, shown)
    if problems:
        return None, problems
    settings = Settings(**options)
    line, col = doc.position(path + ("vendors_dir",))
    if not (root / settings.vendors_dir).is_dir():
        problems.append(_missing_folder(shown, line, col, schema.dotted(path + ("vendors_dir",)),
                                        settings.vendors_dir, root, "the registry folder"))
    if "overrides_dir" in options and not (root / settings.overrides_dir).is_dir():
        oline, ocol = doc.position(path + ("overrides_dir",))
        problems.append(_missing_folder(shown, oline, ocol, schema.dotted(path + ("overrides_dir",)),
                                        settings.overrides_dir, root, "the overrides folder"))
    if settings.consortium is not None and not (root / settings.consortium["registry"]).is_dir():
        cline, ccol = doc.position(path + ("consortium", "registry"))
        problems.append(_missing_folder(shown, cline, ccol, schema.dotted(path + ("consortium", "registry")),
                                        settings.consortium["registry"], root, "the consortium's registry folder"))
    return (None if problems else settings), problems


def _find_plugin(doc: Document) -> tuple[DocPath, dict[str, Any]] | Problem:
    plugins = doc.data.get("plugins")
    entries: list[tuple[DocPath, str, Any]] = []
    if isinstance(plugins, list):
        for i, item in enumerate(plugins):
            if isinstance(item, str):
                entries.append(((("plugins", i, item)), item, None))
            elif isinstance(item, dict) and len(item) == 1:
                ((name, options),) = item.items()
                entries.append((("plugins", i, name), str(name), options))
    elif isinstance(plugins, dict):
        entries = [(("plugins", name), str(name), options) for name, options in plugins.items()]
    for path, name, options in entries:
        if name == PLUGIN:
            if options is None:
                return path, {}
            if not isinstance(options, dict):
                line, col = doc.position(path)
                return Problem("", line, col, schema.dotted(path), f"is {schema.describe(options)}; "
                               "the plugin's options must be a set of fields",
                               "write the options indented under it, e.g. 'vendors_dir: vendors'")
            return path, options
    names = [name for _, name, _ in entries]
    close = difflib.get_close_matches(PLUGIN, names, n=1, cutoff=0.7)
    if close:
        path = next(p for p, name, _ in entries if name == close[0])
        line, col = doc.key_position(path)
        return Problem("", line, col, schema.dotted(path), f"{close[0]!r} is not a known plugin",
                       f"did you mean {PLUGIN!r}?")
    line, col = doc.key_position(("plugins",)) if plugins is not None else (1, 1)
    return Problem("", line, col, "plugins", f"the {PLUGIN} plugin is not enabled, so no registry pages are built",
                   f"add '- {PLUGIN}' under 'plugins:'")


def _check_options(doc: Document, path: DocPath, options: dict[str, Any], shown: str) -> list[Problem]:
    prefix = len(path)
    sub = Document(options,
                   {k[prefix:]: v for k, v in doc.positions.items() if k[:prefix] == path},
                   {k[prefix:]: v for k, v in doc.key_positions.items() if k[:prefix] == path},
                   {k[prefix:]: v for k, v in doc.raw_scalars.items() if k[:prefix] == path})
    sub.positions.setdefault((), doc.position(path))
    out = []
    for p in schema.validate("plugin", sub, shown):
        field = schema.dotted(path) + ("." + p.field if p.field and p.field != "(top level)" else "")
        out.append(Problem(p.file, p.line, p.col, field, p.message, p.hint))
    return out


def _missing_folder(shown: str, line: int, col: int, field: str, value: str, root: Path, what: str) -> Problem:
    folders = sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    close = difflib.get_close_matches(value, folders, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"create the folder {value}/ beside mkdocs.yml, or fix the path"
    return Problem(shown, line, col, field, f"{what} {value!r} does not exist", hint)
