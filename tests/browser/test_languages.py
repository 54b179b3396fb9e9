"""The language switch, used from the keyboard as a patron would: to English and back to Spanish."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.serve import serve_folder
from tests.browser.browsing import DESKTOP, PHONE

pytestmark = pytest.mark.browser

FOCUSED_LINK = """() => {
  const e = document.activeElement;
  return e && e.matches('a.ppr-languages__link') ? e.getAttribute('hreflang') : null;
}"""


def _tab_to_switch(page: Any, lang: str, limit: int = 40) -> None:
    """Press Tab until the link to ``lang`` has the focus (it must come within ``limit`` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_LINK) == lang:
            return
    raise AssertionError(f"{page.url}: Tab never reaches the link to {lang!r}")


@pytest.mark.parametrize(("path", "viewport"), [("es/", DESKTOP), ("es/services/overdrive/", DESKTOP),
                                                ("es/services/", PHONE)], ids=["home", "vendor", "chart-phone"])
def test_the_keyboard_switches_a_page_to_english_and_back(browser: Any, site_url: str, path: str,
                                                          viewport: dict[str, int]) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    assert page.evaluate("document.documentElement.lang") == "es"
    _tab_to_switch(page, "en")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site_url + path.removeprefix("es/"), "the same page, in English"
    assert page.evaluate("document.documentElement.lang") == "en"
    _tab_to_switch(page, "es")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site_url + path, "back to the Spanish page"
    context.close()


# The count or "none" line under the search box, once results for what was typed are shown
# (Material's words in English and in Spanish).
SEARCHED = """q => document.querySelector('.md-search__input').value === q
  && /match|No |encontrad/.test(document.querySelector('.md-search-result__meta').innerText)"""


def _search(page: Any, query: str) -> tuple[list[str], str]:
    """Type ``query`` into search; the addresses of the results shown first (no scrolling), and
    the placeholder of the search box."""
    page.locator(".md-search__input").click()
    page.keyboard.type(query)
    page.wait_for_function(SEARCHED, arg=query)
    hrefs: list[str] = page.eval_on_selector_all(".md-search-result__item > a",
                                                 "links => links.map(a => a.href)")
    return hrefs, page.locator(".md-search__input").get_attribute("placeholder") or ""


@pytest.fixture(scope="module", params=["sub-path", "root"])
def served_at(request: pytest.FixtureRequest, site_url: str, built_site: Path) -> Iterator[str]:
    """The built site served under its sub-path, and the same folder served at a host's root."""
    if request.param == "sub-path":
        yield site_url
        return
    with serve_folder(built_site) as url:
        yield url


def _search_from(browser: Any, url: str, query: str) -> tuple[list[str], str]:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    try:
        return _search(page, query)
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "services/"])
def test_english_search_lists_english_pages_only(browser: Any, served_at: str, path: str) -> None:
    """On an English page "Libby" finds the English OverDrive page among the first results and no
    Spanish page; a Spanish word finds nothing."""
    hrefs, _ = _search_from(browser, served_at + path, "Libby")
    found = [h.removeprefix(served_at).split("#")[0] for h in hrefs]
    assert "services/overdrive/" in found[:3], found
    assert all(h.startswith(served_at) and not h.startswith(served_at + "es/") for h in hrefs), hrefs
    hrefs, _ = _search_from(browser, served_at + path, "préstamo")
    assert hrefs == [], f"a Spanish word finds English pages: {hrefs}"


@pytest.mark.parametrize("path", ["es/", "es/services/overdrive/"])
def test_spanish_search_lists_spanish_pages_only(browser: Any, served_at: str, path: str) -> None:
    """On a Spanish page a Spanish word finds Spanish pages only, its plural too (Spanish
    stemming: "préstamo" finds the pages that say "préstamos"), and an English word finds no
    English page."""
    hrefs, placeholder = _search_from(browser, served_at + path, "préstamo")
    assert placeholder == "Búsqueda", "Material's own words are in Spanish too"
    found = [h.removeprefix(served_at).split("#")[0] for h in hrefs]
    assert found and all(h.startswith("es/") for h in found), found
    assert {"es/", "es/privacy-of-patron-data/"} <= set(found), found
    hrefs, _ = _search_from(browser, served_at + path, "Libby")
    assert [h.removeprefix(served_at).split("#")[0] for h in hrefs] == ["es/services/overdrive/"], hrefs
    hrefs, _ = _search_from(browser, served_at + path, "borrow")
    assert hrefs == [], f"an English word finds English pages from a Spanish page: {hrefs}"
