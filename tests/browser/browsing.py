"""What the browser tests share: where the tools are, how Chromium is launched, records of visits."""

from __future__ import annotations

import os
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Debian's Chromium, as root, in a container, with none of its own background traffic.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# axe's options: only the failures in detail (its passes cost most of the time on big tables).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
AXE_RUN = "options => axe.run(document, options)"
DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 375, "height": 667}


@dataclass(frozen=True)
class Window:
    """A browser window a patron reads the site in: its size in CSS pixels and its zoom."""

    name: str
    width: int
    height: int
    zoom: int = 1

    def context_options(self) -> dict[str, Any]:
        """Playwright context options: a window zoomed to 200% is half as many CSS pixels, twice as dense."""
        return {"viewport": {"width": self.width, "height": self.height}, "device_scale_factor": self.zoom}


# Every window size the site is checked at (axe, sideways scroll); "desktop" is also the
# size of the full visit (site_visit). "zoomed" is a 1280x720 desktop window at 200%.
WINDOWS = (
    Window("desktop", 1280, 720),
    Window("laptop", 1366, 768),
    Window("wide", 1920, 1080),
    Window("phone", 375, 667),
    Window("small-phone", 320, 568),
    Window("zoomed", 640, 360, zoom=2),
)


def require(available: bool, what: str) -> None:
    """Skip when a tool is missing on a developer's machine; fail when CI=true."""
    if available:
        return
    message = f"{what} is missing; `make test` installs it"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


REDIRECT_STUB = re.compile(r"<meta http-equiv=\"refresh\" content=\"0; url=([^\"]+)\"")


def site_paths(site: Path, redirects: bool = False) -> list[str]:
    """The URL path of every HTML page of the built site (``services/`` for services/index.html).

    Pages that only send the reader on to a new address (old addresses kept alive
    by a redirect stub) are listed only with ``redirects=True``, and then alone.
    """
    paths = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        is_stub = REDIRECT_STUB.search(page.read_text(encoding="utf-8")) is not None
        if is_stub == redirects:
            paths.append(rel.removesuffix("index.html"))
    return paths


@dataclass
class PageReport:
    """What one visit to one page recorded."""

    path: str
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)
    overflow: dict[str, Any] = field(default_factory=dict)  # how far the page reaches past the window's edge


@dataclass
class SiteVisit:
    """One visit to every page, in one browser context."""

    reports: dict[str, PageReport]
    cookies: list[dict[str, Any]]


def is_local(url: str, site_url: str) -> bool:
    """True for the local server's own addresses (and data: or blob: URLs that never leave the page)."""
    if url.startswith(("data:", "blob:", "about:")):
        return True
    here = urllib.parse.urlsplit(site_url)
    there = urllib.parse.urlsplit(url)
    return (there.scheme, there.netloc) == (here.scheme, here.netloc)


def format_violations(violations: list[dict[str, Any]]) -> str:
    """axe's violations as lines a person can act on."""
    lines = []
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"      at {' '.join(map(str, node['target']))}: {summary}")
        if len(v["nodes"]) > 5:
            lines.append(f"      ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)
