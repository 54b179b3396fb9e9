"""The built site served on 127.0.0.1, and Debian's Chromium driven by Playwright.

Every page of the built site is visited once per session (``site_visit``); the
tests then assert on what that visit recorded, so one pass serves the privacy,
console and accessibility checks alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.i18n import site_languages
from generator.serve import serve_folder, site_path
from tests.browser.browsing import (
    AXE_OPTIONS,
    AXE_RUN,
    AXE_SCRIPT,
    ROOT,
    WINDOWS,
    PageReport,
    SiteVisit,
    require,
    site_paths,
)

DESKTOP_WINDOW = next(window for window in WINDOWS if window.name == "desktop")

# How far the page reaches past the window's right edge, and what sticks out (the closed
# menu and search, moved off screen on purpose, apart).
OVERFLOW = """() => {
  const root = document.scrollingElement;
  const wide = Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1 && e.checkVisibility())
    .filter(e => !e.closest('.md-sidebar--primary, .md-search'))
    .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${String(e.className).split(' ').join('.')}`);
  const trail = document.querySelector('.md-path');  // the breadcrumbs: hidden past their box's edge
  const breadcrumbs = trail && trail.checkVisibility() ? trail.scrollWidth - trail.clientWidth : 0;
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide, breadcrumbs};
}"""


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The base URL of the built site, served on 127.0.0.1 for the whole session, under the
    path of its site_url as a real host would (404.html links there absolutely)."""
    with serve_folder(built_site, base_path=site_path(ROOT / "mkdocs.yml")) as url:
        yield url


@pytest.fixture(scope="session")
def all_paths(built_site: Path) -> list[str]:
    """Every page of the built site (redirect stubs apart), as URL paths below the site's base URL."""
    paths = site_paths(built_site)
    assert len(paths) > 10, paths
    return paths


@pytest.fixture(scope="session")
def layout_paths(all_paths: list[str]) -> list[str]:
    """The pages whose layout the keyboard and phone tests walk: every page of the default
    language, and of each translation one page of every kind (home, policy, chart, one
    vendor, glossary, ...). Translations share the templates, so their other pages lay out
    alike; every translated page still gets axe, the HTML checker and the privacy checks."""
    languages = site_languages(ROOT / "mkdocs.yml").others
    kept, seen = [], set()
    for path in all_paths:
        lang = path.split("/", 1)[0] if path.split("/", 1)[0] in languages else None
        kind = path.removeprefix(f"{lang}/") if lang else path
        if lang is not None and kind.startswith("services/") and kind != "services/":
            kind = "services/<vendor>/"
        if lang is None or (lang, kind) not in seen:
            kept.append(path)
            seen.add((lang, kind))
    return kept


@pytest.fixture(scope="session")
def redirect_paths(built_site: Path) -> list[str]:
    """The old addresses the site keeps alive as redirect stubs."""
    return site_paths(built_site, redirects=True)


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core from node_modules (npm ci)."""
    require(AXE_SCRIPT.is_file(), "axe-core (node_modules/axe-core)")
    return AXE_SCRIPT


@pytest.fixture(scope="session")
def site_visit(browser: Any, site_url: str, all_paths: list[str], axe_script: Path) -> SiteVisit:
    """Visit every page once in the desktop window: requests, failures, console errors, sideways
    overflow, axe violations."""
    context = browser.new_context(**DESKTOP_WINDOW.context_options())
    # As an init script axe is outside the page's Content-Security-Policy, which stays in force.
    context.add_init_script(path=str(axe_script))
    reports: dict[str, PageReport] = {}
    current: list[PageReport] = []

    def on_response(response: Any) -> None:
        if response.status >= 400:
            current[-1].failed.append(f"{response.status} {response.url}")

    context.on("request", lambda request: current[-1].requests.append(request.url))
    context.on("requestfailed", lambda request: current[-1].failed.append(f"{request.failure} {request.url}"))
    context.on("response", on_response)
    page = context.new_page()
    page.on("console", lambda msg: current[-1].console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: current[-1].console_errors.append(str(exc)))
    for path in all_paths:
        current.append(PageReport(path))
        page.goto(site_url + path, wait_until="networkidle")
        current[-1].overflow = page.evaluate(OVERFLOW)
        current[-1].violations = page.evaluate(AXE_RUN, AXE_OPTIONS)["violations"]
        reports[path] = current[-1]
    cookies = context.cookies()
    context.close()
    return SiteVisit(reports, cookies)


@dataclass
class WindowReport:
    """axe's violations and any sideways overflow of one page in one window."""

    violations: list[dict[str, Any]]
    overflow: dict[str, Any]


@pytest.fixture(scope="session")
def window_visits(browser: Any, site_url: str, layout_paths: list[str], axe_script: Path,
                  site_visit: SiteVisit) -> dict[str, dict[str, WindowReport]]:
    """Every page in every window of WINDOWS: one context and one tab per window, reused page after page.

    The desktop window covers every page of every language: ``site_visit`` visits them all in
    that very window, so its axe results and overflow are taken from there. The other windows walk
    ``layout_paths``: every page of the default language and one page of each kind in each translation.
    """
    visits: dict[str, dict[str, WindowReport]] = {}
    for window in WINDOWS:
        if window == DESKTOP_WINDOW:
            visits[window.name] = {path: WindowReport(report.violations, report.overflow)
                                   for path, report in site_visit.reports.items()}
            continue
        context = browser.new_context(**window.context_options())
        context.add_init_script(path=str(axe_script))  # outside the page's Content-Security-Policy
        page = context.new_page()
        reports = {}
        for path in layout_paths:
            page.goto(site_url + path, wait_until="load")
            violations = page.evaluate(AXE_RUN, AXE_OPTIONS)["violations"]
            reports[path] = WindowReport(violations, page.evaluate(OVERFLOW))
        visits[window.name] = reports
        context.close()
    return visits
