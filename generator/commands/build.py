"""``privacy-registry build``: validate, then an atomic ``mkdocs build --strict`` (or ``properdocs``).

The check and the build run in one child process (``generator.buildrun``), which
loads the registry once and says how the build ended as a typed outcome: built,
content problems (exit 1) or an internal error (exit 2). The site is built into a
temporary folder beside ``site/`` and swapped in only when the whole build
succeeded, so a failed build leaves the last good site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TextIO

from generator.buildrun import Outcome, epoch_of
from generator.commands.check import inspect
from generator.problems import Problem
from generator.project import Project
from generator.reporters import github_annotation, report
from generator.siteurl import SITE_URL_ENV, SiteUrlError, normalize_site_url
from generator.sourcemap import build_problems
from generator.tempdirs import Held


def source_date_epoch(project: Project) -> str | None:
    """Midnight UTC of the newest date in the project's data, for ``SOURCE_DATE_EPOCH`` (see ``buildrun.epoch_of``)."""
    return epoch_of(inspect(project))


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
    site = (site_dir or project.site).resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    held = Held(f".{site.name}-build-", site.parent)  # a killed build's half-built site goes with the next build
    tmp = held.path
    try:
        with Held("privacy-registry-build-") as scratch:
            outcome_file = scratch / "outcome.json"
            result = subprocess.run(
                [sys.executable, "-m", "generator.buildrun", str(outcome_file), engine, str(project.root),
                 "--strict", "--clean", "--config-file", str(project.config_file), "--site-dir", str(tmp)],
                cwd=project.root, env=env, check=False, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            )
            outcome = Outcome.read(outcome_file)
        shown = result.stdout
        if outcome is None:  # the process died before it could say how (killed, out of memory)
            outcome = Outcome("internal", f"the build stopped unexpectedly (exit status {result.returncode})")
            shown = ""
        if outcome.kind == "problems":
            report(list(outcome.problems), fmt, out, outcome.checked)
            return 1
        if outcome.kind != "built":
            if outcome.kind == "internal":
                shown += (f"internal error while building: {outcome.message}\n"
                          "(run 'mkdocs build --strict' to see the details, and report it if the message "
                          "does not help)\n")
            _report_failure(project, shown, fmt, out)
            out.write(f"build failed; {site} was left as it was.\n")
            return 2 if outcome.kind == "internal" else 1
        _make_readable(tmp)
        swap_in(tmp, site)
    finally:
        held.remove()  # the half-built site; gone from here once it was swapped in
    out.write(f"built {site}\n")
    return 0
