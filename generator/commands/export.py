"""``privacy-registry export DIR``: the whole site as ordinary files, for any site generator.

``DIR/docs/`` holds the policy pages with the generated pages, feed, downloads and
redirect pages beside them; ``DIR/mkdocs.yml`` is the project's configuration
without the ``privacy-registry`` plugin, pointed at that folder, with the expanded
nav and the plugin's settings written out; the theme's ``custom_dir`` is copied
beside it. ``mkdocs build -f DIR/mkdocs.yml`` (or ``properdocs build``) builds the
site with no plugin of ours. The folder is made beside ``DIR`` and swapped in
whole, after validation: a failed export leaves ``DIR`` as it was.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TextIO

from generator import export, multilingual, nav, redirects, siteconfig
from generator.commands.build import swap_in
from generator.commands.check import collect
from generator.consortium import load_site_registry
from generator.policies import load_policies
from generator.project import Project
from generator.publish import meta_policy
from generator.reporters import report
from generator.siteurl import SITE_URL_ENV, SiteUrlError
from generator.tempdirs import Held
from generator.terms import LibraryTerms

DOCS = "docs"
# Marks a folder this command wrote, so exporting again may replace it (and nothing else).
MARKER = ".privacy-registry-export"


class ExportFailed(Exception):
    """The export stopped; the message says why and what to do."""


def export_project(project: Project, dest: Path, site_url: str | None = None, *,
                   parallel: bool | None = None) -> Path:
    """Write ``project``'s site into ``dest`` (replacing an earlier export); return its mkdocs.yml.

    Assumes the registry has been checked. Raises :class:`ExportFailed`, or
    ``SiteUrlError`` for a bad address. ``parallel``: as :func:`generator.multilingual.generate`.
    """
    config = siteconfig.read(project.config_file)  # the configuration to write back, tags as they are
    settings, problems = project.read
    loaded = load_site_registry(project.root, settings)
    docs = Path(os.path.abspath(project.policies))
    policies, policy_problems = load_policies(docs, project.root) if docs.is_dir() else ([], [])
    if settings is None or loaded.registry is None or problems or policy_problems:
        raise ExportFailed("the project has problems; run 'privacy-registry check'")
    plan, errors = redirects.plan(settings.redirects, loaded.registry)
    if errors:
        raise ExportFailed("the redirects are not valid:\n" + "\n".join(errors))
    environ = {SITE_URL_ENV: site_url} if site_url else None
    url = siteconfig.site_url(settings, environ)
    theme = siteconfig.theme(config)
    defaults = siteconfig.theme_defaults(str(theme.get("name")))
    expanded = nav.expand(config["nav"], loaded.registry) if isinstance(config.get("nav"), list) else None
    favicon = theme.get("favicon") or defaults.get("favicon")
    library = LibraryTerms.from_option(settings.library, str(config.get("site_author") or config.get("site_name", "")))
    site = export.Site(name=str(config.get("site_name", "")), url=url, author=config.get("site_author"),
                       use_directory_urls=bool(config.get("use_directory_urls", True)),
                       language=str(theme.get("language") or defaults.get("language") or "en"),
                       favicon=str(favicon) if favicon else None, nav=expanded,
                       review_months=settings.review_months, library=library)
    try:
        output = multilingual.generate(loaded.registry, policies, docs, project.root, site, plan,
                                       settings.languages,
                                       overrides=project.overrides, parallel=parallel)
    except export.ExportError as exc:
        raise ExportFailed(str(exc)) from None

    dest = dest.resolve()
    if dest.exists() and (not dest.is_dir() or (any(dest.iterdir()) and not (dest / MARKER).is_file())):
        raise ExportFailed(f"{dest} exists and is not an earlier export; choose an empty or new folder")
    dest.parent.mkdir(parents=True, exist_ok=True)
    held = Held(f".{dest.name}-export-", dest.parent)
    tmp = held.path
    try:
        export.write(output.files, tmp / DOCS)
        custom_dir = theme.get("custom_dir")
        if isinstance(custom_dir, str) and (project.root / custom_dir).is_dir():
            name = Path(custom_dir).name
            shutil.copytree(project.root / custom_dir, tmp / name)
            theme["custom_dir"] = name
            config["theme"] = theme
        config["docs_dir"] = DOCS
        config["plugins"] = siteconfig.without_plugin(config.get("plugins", []))
        config["markdown_extensions"] = siteconfig.with_extensions(config.get("markdown_extensions"))
        if expanded is not None:
            config["nav"] = expanded
        if url:
            config["site_url"] = url
        if settings.csp_meta:
            extra = config.get("extra")
            config["extra"] = {**(extra if isinstance(extra, dict) else {}), "ppr_csp_meta": meta_policy()}
        extra = config.get("extra")
        config["extra"] = {**(extra if isinstance(extra, dict) else {}), "ppr_library": library.as_extra()}
        (tmp / "mkdocs.yml").write_text(siteconfig.dump(config), "utf-8")
        (tmp / MARKER).write_text("Written by privacy-registry export; the next export replaces this folder.\n",
                                  "utf-8")
        tmp.chmod(0o755)
        swap_in(tmp, dest)
    finally:
        held.remove()
    return dest / "mkdocs.yml"


def run(project: Project, dest: Path, fmt: str = "text", out: TextIO | None = None,
        site_url: str | None = None) -> int:
    """Check the project, then export it into ``dest``: 0 done, 1 content problems, 2 a bad address or folder."""
    out = out or sys.stdout  # looked up per call, so redirected output is honoured
    problems, checked, _warnings = collect(project)
    if problems:
        report(problems, fmt, out, checked)
        return 1
    try:
        config = export_project(project, dest, site_url)
    except SiteUrlError as exc:
        out.write(f"{'--site-url' if site_url else 'site_url'}: {exc}\n")
        return 2
    except ExportFailed as exc:
        out.write(f"{exc}\n")
        return 2 if "earlier export" in str(exc) else 1
    out.write(f"exported {config.parent} (build it with: mkdocs build -f {config})\n")
    return 0
