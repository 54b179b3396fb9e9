"""The built site satisfies the shipped Content-Security-Policy, in a real Chromium.

The site is served under the library's sub-path with exactly the headers of
``publish/_headers``; every page (chart, vendor pages, policies, glossary, the
404 page at depth, every redirect page) is opened, a listener records every
``securitypolicyviolation`` event, and the browser console is collected.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SubPathSite
from tests.published import read_headers_file
from tests.test_subpath_links import site_addresses

HEADERS_FILE = ROOT / "publish" / "_headers"
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__pprViolation(JSON.stringify({page: location.href, directive: e.violatedDirective,
    blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample}));
});
"""

pytestmark = [pytest.mark.browser, pytest.mark.slow]


# `browser` is the session's one Chromium, from tests/conftest.py (Playwright's sync API allows one).


@pytest.fixture(scope="module")
def served_with_headers(subpath_site: SubPathSite) -> Iterator[tuple[str, Path, dict[str, str]]]:
    """The real site built for, and served at, a loopback sub-path (once per session, shared with
    test_subpath_links), answered with exactly the shipped headers."""
    headers = read_headers_file(HEADERS_FILE)
    assert "Content-Security-Policy" in headers
    with subpath_site.served_with(headers) as url:
        yield url, subpath_site.site, headers


def test_no_page_violates_the_content_security_policy(
        browser: Any, served_with_headers: tuple[str, Path, dict[str, str]]) -> None:
    base, site, headers = served_with_headers
    addresses = [a for a in site_addresses(site) if a.endswith("/") or a.endswith(".html") or a == ""]
    missing = "no/such/page/deep/below/"
    addresses += [missing]  # the 404 page, served at depth
    violations: list[dict[str, Any]] = []
    console: list[str] = []
    context = browser.new_context(service_workers="block")
    context.expose_function("__pprViolation", lambda text: violations.append(json.loads(text)))
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()

    def on_console(msg: Any) -> None:
        where = msg.location.get("url", "")
        if where == base + missing and "404" in msg.text:
            return  # the intended "not found" of the missing address itself
        if msg.type in ("error", "warning"):
            console.append(f"{msg.type}: {msg.text} ({where} on {page.url})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: console.append(f"pageerror: {exc} ({page.url})"))
    visited = 0
    try:
        for address in addresses:
            response = page.goto(base + address, wait_until="load")
            assert response is not None
            page.wait_for_load_state("networkidle")
            visited += 1
            if address != missing:
                assert page.url.startswith(base), f"{address} left the site: {page.url}"
            if response.url == base + address and response.status == 200:
                served_csp = response.headers.get("content-security-policy")
                assert served_csp == headers["Content-Security-Policy"], address
        # Search runs in a web worker and fetches its index: exercise it too.
        page.goto(base + "services/", wait_until="load")
        query = page.locator("input[data-md-component='search-query']")
        query.click()
        query.press_sequentially("OverDrive", delay=20)
        result = page.locator(".md-search-result__item a").first
        result.wait_for(timeout=15000)
        result.click()
        page.wait_for_url(f"{base}services/overdrive/**")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert visited == len(addresses) > 10
    assert violations == [], json.dumps(violations, indent=1)
    assert console == [], "\n".join(console)
