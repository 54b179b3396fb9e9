"""The built site served on 127.0.0.1, and Debian's Chromium driven by Playwright.

Every page of the built site is visited once per session (``site_visit``); the
tests then assert on what that visit recorded, so one pass serves the privacy,
console and accessibility checks alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.serve import serve_folder, site_path
from tests.browser.browsing import (
    AXE_SCRIPT,
    AXE_TAGS,
    DESKTOP,
    ROOT,
    PageReport,
    SiteVisit,
    require,
    site_paths,
)


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
    """Visit every page once at desktop width: requests, failures, console errors, axe violations."""
    context = browser.new_context(viewport=DESKTOP)
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
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        current[-1].violations = result["violations"]
        reports[path] = current[-1]
    cookies = context.cookies()
    context.close()
    return SiteVisit(reports, cookies)
