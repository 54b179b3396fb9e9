"""``privacy-registry build``: validate, then an atomic ``mkdocs build --strict`` (or ``properdocs``).

The site is built into a temporary folder beside ``site/`` and swapped in only
when the whole build succeeded, so a failed build leaves the last good site.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from generator.changelog import newest_date
from generator.commands.check import collect
from generator.policies import load_policies
from generator.problems import Problem
from generator.project import Project
from generator.registry import load_registry
from generator.reporters import github_annotation, report
from generator.siteurl import SITE_URL_ENV, SiteUrlError, normalize_site_url
from generator.sourcemap import build_problems


def source_date_epoch(project: Project) -> str | None:
    """Midnight UTC of the newest date in the data, for ``SOURCE_DATE_EPOCH``.

    MkDocs stamps the sitemap and its gzip with the build clock unless this is
    set; taking it from the data makes two builds of one commit byte-identical.
    """
    loaded = load_registry(project.vendors, project.root)
    if loaded.registry is None:
        return None
    policies, _ = load_policies(project.policies, project.root) if project.policies.is_dir() else ([], [])
    newest = newest_date(loaded.registry, {p.path: p for p in policies})
    if not newest:
        return None
    day = dt.datetime.fromisoformat(newest).replace(tzinfo=dt.UTC)
    return str(int(day.timestamp()))


def with_source_date(env: dict[str, str], project: Project) -> dict[str, str]:
    """``env`` plus ``SOURCE_DATE_EPOCH`` from the data, unless the caller already set one."""
    epoch = None if "SOURCE_DATE_EPOCH" in env else source_date_epoch(project)
    return dict(env, SOURCE_DATE_EPOCH=epoch) if epoch else env


def _make_readable(folder: Path) -> None:
    # Static hosts and linkchecker (which drops to 'nobody') must be able to read it.
    folder.chmod(0o755)
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames:
            os.chmod(os.path.join(dirpath, name), 0o755)
        for name in filenames:
            os.chmod(os.path.join(dirpath, name), 0o644)


# The site generators the site is built and tested with: MkDocs 1.6 and ProperDocs, its maintained
# continuation (same configuration, same plugins). Both read mkdocs.yml and load this plugin.
ENGINES = ("mkdocs", "properdocs")
DEFAULT_ENGINE = "mkdocs"

_TRACEBACK = "Traceback (most recent call last):"


def without_traceback(output: str) -> tuple[str, bool]:
    """MkDocs' output with any Python traceback cut down to its last line.

    Returns the text to show and whether a traceback (an internal error, not a
    content problem) was cut.
    """
    if _TRACEBACK not in output:
        return output, False
    before, _, trace = output.partition(_TRACEBACK)
    lines = [line for line in trace.splitlines() if line.strip()]
    error = next((line for line in reversed(lines) if not line.startswith((" ", "\t"))), "unknown error")
    return (f"{before}internal error while building: {error.strip()}\n"
            "(run 'mkdocs build --strict' to see the details, and report it if the message does not help)\n"), True


def _report_failure(project: Project, shown: str, fmt: str, out: TextIO) -> None:
    """MkDocs' output, and its problems on the lines to fix (annotations with ``--format github``)."""
    problems = build_problems(shown, project.policies, project.root, project.config_file)
    if not problems:
        problems = [Problem(project.config_file.name, 0, 0, "", "the site build failed; see the log above",
                            "run 'privacy-registry build' to see the whole message")]
    if fmt == "json":
        report(problems, "json", out)
        return
    out.write(shown)
    if fmt == "github":
        for p in problems:
            out.write(github_annotation(p, "error", "Site build failed") + "\n")
        return
    mapped = [p for p in problems if p.line]
    if mapped:
        out.write("Where to fix it:\n" + "".join(f"{p.text()}\n" for p in mapped))


def swap_in(new: Path, site: Path) -> None:
    """Replace ``site`` with ``new`` with two renames; the old site is removed last."""
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    new.rename(site)
    if old.exists():
        shutil.rmtree(old)


def run(project: Project, fmt: str = "text", out: TextIO | None = None, site_dir: Path | None = None,
        site_url: str | None = None, engine: str = DEFAULT_ENGINE) -> int:
    """Build the site into ``site_dir`` (default ``site/``) with ``engine`` (one of :data:`ENGINES`).

    0 on success, 1 on problems, 2 on an internal error or a bad ``site_url``, which overrides
    mkdocs.yml's address for this build (canonical links, sitemap, feed, downloads, 404 page).
    """
    out = out or sys.stdout  # looked up per call, so redirected output is honoured
    if engine not in ENGINES:
        out.write(f"--engine: {engine!r} is not a supported site generator; use one of: {', '.join(ENGINES)}\n")
        return 2
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    if site_url is not None:
        try:
            env[SITE_URL_ENV] = normalize_site_url(site_url)
        except SiteUrlError as exc:
            out.write(f"--site-url: {exc}\n")
            return 2
    problems, checked, _warnings = collect(project)
    if problems:
        report(problems, fmt, out, checked)
        return 1
    site = (site_dir or project.site).resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site.name}-build-", dir=site.parent))
    try:
        result = subprocess.run(
            [sys.executable, "-m", engine, "build", "--strict", "--clean",
             "--config-file", str(project.config_file), "--site-dir", str(tmp)],
            cwd=project.root, env=with_source_date(env, project),
            check=False, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        if result.returncode != 0:
            shown, internal = without_traceback(result.stdout)
            _report_failure(project, shown, fmt, out)
            out.write(f"build failed; {site} was left as it was.\n")
            return 2 if internal else 1
        _make_readable(tmp)
        swap_in(tmp, site)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    out.write(f"built {site}\n")
    return 0
