"""``privacy-registry linkcheck``: broken links in the built site, or at the vendors' own sites.

Without ``--extern`` it serves the built site on 127.0.0.1 and runs linkchecker
over every page and anchor of it (never leaving the machine). With ``--extern``
it checks each vendor's ``website`` and ``privacy_policy`` address on the
internet and reports each failure against the vendor file and line.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TextIO
from xml.etree import ElementTree

from generator import schema
from generator.problems import Problem
from generator.project import Project
from generator.registry import load_registry
from generator.reporters import github_annotation, report
from generator.serve import serve_folder, site_path
from generator.siteurl import SiteUrlError
from generator.sourcemap import policy_sources, source_line
from generator.urlcheck import check_urls

VENDOR_LINK_FIELDS = ("website", "privacy_policy")
LEVELS = {"broken": "error", "unverified": "warning", "moved": "notice", "warning": "warning"}
WORDS = {"broken": "is broken", "unverified": "could not be verified", "moved": "has moved", "warning": "has a warning"}

# linkchecker reads this before it drops root privileges. [AnchorCheck] turns on
# the check of #fragments; checkextern=0 keeps the internal check on this machine.
LINKCHECKER_CONFIG = """\
[checking]
threads=4
timeout=30
# The loopback server sends the LinkChecker header that lifts the per-host rate limit.
maxrequestspersecond=1000

[filtering]
checkextern=0
# Every address on the loopback server is internal, also outside the site's path,
# so a link that escapes the base path (e.g. a wrong site_url) is checked and fails.
internlinks={intern}

[AnchorCheck]
"""


@dataclass(frozen=True)
class Finding:
    """One link that needs a person's attention, and where it is written."""

    file: str
    line: int
    col: int
    field: str
    url: str
    verdict: str  # broken | unverified | moved | warning
    detail: str

    @property
    def level(self) -> str:
        """``error`` for broken links (they fail the command), else ``warning`` or ``notice``."""
        return LEVELS[self.verdict]

    def text(self) -> str:
        """The one-line form staff read in a terminal."""
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.url} {WORDS[self.verdict]}: {self.detail}"


@contextmanager
def _config_file(base: str) -> Iterator[Path]:
    handle, name = tempfile.mkstemp(prefix="linkcheckerrc-", suffix=".ini")
    path = Path(name)
    parts = urllib.parse.urlsplit(base)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as f:
            f.write(LINKCHECKER_CONFIG.format(intern="^" + re.escape(f"{parts.scheme}://{parts.netloc}/")))
        path.chmod(0o644)
        yield path
    finally:
        path.unlink(missing_ok=True)


def _site_file(url: str, base: str, site: Path, root: Path) -> str:
    """The built file a page URL was served from, shown relative to the project."""
    rel = urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/")
    base_path = urllib.parse.urlsplit(base).path.lstrip("/")
    rel = rel[len(base_path):] if rel.startswith(base_path) else rel
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    path = site / rel
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def parse_linkchecker_xml(text: str, base: str, site: Path, root: Path) -> tuple[list[Finding], int]:
    """The broken links and anchors (and other warnings) in linkchecker's verbose XML output,
    and how many internal links it checked."""
    findings = []
    checked = 0
    for item in ElementTree.fromstring(text).iter("urldata"):
        if item.findtext("extern", "0") != "0":
            continue
        checked += 1
        parent = item.find("parent")
        file = _site_file(parent.text or base if parent is not None else base, base, site, root)
        line = int(parent.get("line", 0)) if parent is not None else 0
        col = int(parent.get("column", 0)) if parent is not None else 0
        shown = item.findtext("url", "")
        valid = item.find("valid")
        warnings = [w.text or "" for w in item.iter("warning")]
        if valid is not None and valid.text == "0":
            findings.append(Finding(file, line, col, "", shown, "broken", valid.get("result") or "not found"))
            continue
        for warning in warnings:
            if warning.startswith("Anchor"):
                fragment = urllib.parse.urlsplit(item.findtext("realurl", shown)).fragment
                findings.append(Finding(file, line, col, "", shown, "broken", f"the page has no anchor #{fragment}"))
            else:
                findings.append(Finding(file, line, col, "", shown, "warning", warning))
    return findings, checked


def check_site(site: Path, root: Path, base_path: str = "/") -> tuple[list[Finding], int]:
    """Serve ``site`` on loopback at ``base_path`` and run linkchecker over it, from the home
    page and from 404.html (which nothing links to); the findings and the links checked."""
    headers = {"LinkChecker": "loopback"}
    with serve_folder(site, headers=headers, base_path=base_path) as base, _config_file(base) as config:
        starts = [base] + ([base + "404.html"] if (site / "404.html").is_file() else [])
        result = subprocess.run(
            [sys.executable, "-m", "linkcheck", "--config", str(config), "--no-status", "--verbose",
             "--output", "xml", *starts],
            capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=900, check=False,
        )
    if result.returncode not in (0, 1):
        raise RuntimeError(f"linkchecker failed (exit {result.returncode}):\n{result.stderr.strip()}")
    return parse_linkchecker_xml(result.stdout, base, site, root)


def check_vendors(project: Project, timeout: float) -> tuple[list[Finding], list[Problem], int]:
    """Check every vendor's website and privacy policy; findings point at the YAML line."""
    loaded = load_registry(project.vendors, project.root)
    if loaded.registry is None:
        return [], loaded.problems, 0
    places = []
    for vendor in loaded.registry.vendors:
        doc = loaded.documents[vendor.source]
        links: list[tuple[tuple[str | int, ...], str | None]] = [((f,), getattr(vendor, f)) for f in VENDOR_LINK_FIELDS]
        links += [(("sources", i, "address"), s.address) for i, s in enumerate(vendor.sources)]
        links.append((("deletion_contact",), vendor.deletion_contact))
        for path, url in links:
            if url and url.startswith("https://"):  # the library's own record has no privacy_policy
                line, col = doc.position(path)
                places.append((vendor.source, line, col, schema.dotted(path), url))
    outcomes = check_urls((p[4] for p in places), timeout=timeout)
    findings = [Finding(file, line, col, field, url, outcomes[url].verdict, outcomes[url].detail)
                for file, line, col, field, url in places if outcomes[url].verdict != "ok"]
    return findings, [], len(outcomes)


def write(findings: list[Finding], fmt: str, out: TextIO, checked: int, what: str) -> None:
    """Print ``findings`` as text, JSON, or GitHub workflow annotations."""
    broken = [f for f in findings if f.verdict == "broken"]
    if fmt == "markdown":
        _markdown(findings, out, checked, what)
        return
    if fmt == "json":
        payload = {"ok": not broken, "checked": checked, "what": what, "findings": [asdict(f) for f in findings]}
        out.write(json.dumps(payload, indent=2) + "\n")
        return
    for f in sorted(findings, key=lambda f: (f.file, f.line, f.col, f.field)):
        if fmt == "github":
            problem = Problem(f.file, f.line, f.col, f.field, f"{f.url} {WORDS[f.verdict]}: {f.detail}")
            out.write(github_annotation(problem, f.level, "Link check") + "\n")
        else:
            out.write(f.text() + "\n")
    unverified = sum(f.verdict == "unverified" for f in findings)
    out.write(f"{what}: {checked} checked, {len(broken)} broken, {unverified} could not be verified.\n")


def _markdown(findings: list[Finding], out: TextIO, checked: int, what: str) -> None:
    """A report for a GitHub issue or a job summary: one table row per address to look at."""
    from generator.diffreport import md

    broken = [f for f in findings if f.verdict == "broken"]
    unverified = [f for f in findings if f.verdict == "unverified"]
    out.write(f"## {what.capitalize()}: {checked} checked, {len(broken)} broken, "
              f"{len(unverified)} could not be verified\n\n")
    shown = [f for f in findings if f.verdict in ("broken", "unverified", "moved")]
    if not shown:
        out.write("Every address answered.\n")
        return
    out.write("| Where | Address | Result |\n|---|---|---|\n")
    for f in sorted(shown, key=lambda f: (f.verdict != "broken", f.file, f.line)):
        where = f"`{f.file}:{f.line}` {md(f.field)}" if f.line else f"`{f.file}`"
        out.write(f"| {where} | {md(f.url)} | {md(f.verdict)}: {md(f.detail)} |\n")
    out.write("\nFix each broken address in the vendor's file (`privacy_policy:` or `website:`), set "
              "`privacy_policy_verified: true` once you have opened the new page, and add a dated entry "
              "to its `changes:` list.\n")


def run(project: Project, fmt: str = "text", out: TextIO | None = None, *, site_dir: Path | None = None,
        extern: bool = False, timeout: float = 15.0, site_url: str | None = None) -> int:
    """Check links; 0 when nothing is broken, 1 when something is, 2 when the check could not run."""
    out = out or sys.stdout  # looked up per call, so redirected output is honoured
    if extern:
        findings, problems, checked = check_vendors(project, timeout)
        if problems:
            report(problems, fmt, out)
            return 1
        write(findings, fmt, out, checked, "vendor addresses")
        return 1 if any(f.verdict == "broken" for f in findings) else 0
    site = (site_dir or project.site).resolve()
    if not (site / "index.html").is_file():
        out.write(f"no built site in {site}; run 'privacy-registry build' first.\n")
        return 2
    if importlib.util.find_spec("linkcheck") is None:
        out.write("linkchecker is not installed; install the test tools with: make install-test\n")
        return 2
    try:
        findings, checked = check_site(site, project.root, site_path(project.config_file, site_url))
    except (RuntimeError, subprocess.TimeoutExpired, SiteUrlError) as exc:
        out.write(f"{exc}\n")
        return 2
    findings = [_to_source(f, site, project) for f in findings]
    write(findings, fmt, out, checked, "site links")
    return 1 if any(f.verdict == "broken" for f in findings) else 0


def _to_source(finding: Finding, site: Path, project: Project) -> Finding:
    """A finding in a page built from a policy page, moved to the Markdown line that holds the link."""
    built = Path(finding.file) if Path(finding.file).is_absolute() else project.root / finding.file
    try:
        page = built.resolve().relative_to(site.resolve()).as_posix()
    except ValueError:
        return finding
    found = source_line(page, finding.url, policy_sources(project.policies), project.root)
    if found is None:
        return finding
    file, line, col = found
    return replace(finding, file=file, line=line, col=col)
