"""A privacy notice must not leak its readers: no other host, no cookie, nothing broken."""

from __future__ import annotations

import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from tests.browser.browsing import DESKTOP, REDIRECT_STUB, SiteVisit, is_local

pytestmark = pytest.mark.browser


def test_no_page_requests_another_host(site_visit: SiteVisit, site_url: str) -> None:
    leaks = {path: [u for u in r.requests if not is_local(u, site_url)] for path, r in site_visit.reports.items()}
    leaks = {path: urls for path, urls in leaks.items() if urls}
    assert not leaks, f"pages asked another host for something: {leaks}"
    assert all(r.requests for r in site_visit.reports.values()), "a page made no request at all: the recorder is broken"


def test_no_page_sets_a_cookie(site_visit: SiteVisit) -> None:
    assert site_visit.cookies == []


def test_no_page_logs_a_console_error(site_visit: SiteVisit) -> None:
    errors = {path: r.console_errors for path, r in site_visit.reports.items() if r.console_errors}
    assert not errors, errors


def test_no_request_fails(site_visit: SiteVisit) -> None:
    failed = {path: r.failed for path, r in site_visit.reports.items() if r.failed}
    assert not failed, failed


def test_search_works_offline(browser: Any, site_url: str) -> None:
    """Once the page has loaded, search needs no network at all, and asks no one else."""
    context = browser.new_context(viewport=DESKTOP)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    context.set_offline(True)
    page.locator(".md-search__input").click()
    page.keyboard.type("Libby")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(state="visible")
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    context.close()
    assert any("services/overdrive/" in href for href in hrefs), hrefs
    assert [u for u in requests if not is_local(u, site_url)] == []


def test_old_addresses_send_the_reader_on_without_leaving_the_site(browser: Any, site_url: str, built_site: Path,
                                                                    redirect_paths: list[str]) -> None:
    """Each redirect stub lands on its new page, with JavaScript off, asking no other host."""
    if not redirect_paths:
        pytest.skip("the site keeps no old addresses")
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    for path in redirect_paths:
        stub = built_site / (path + "index.html" if path.endswith("/") or not path else path)
        match = REDIRECT_STUB.search(stub.read_text(encoding="utf-8"))
        assert match, path
        target = urllib.parse.urljoin(site_url + path, match.group(1))
        page.goto(site_url + path)
        page.wait_for_url(target)
        assert page.locator("article h1").first.is_visible(), f"/{path} led to {page.url}, not a page"
    context.close()
    assert [u for u in requests if not is_local(u, site_url)] == []
