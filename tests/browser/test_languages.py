"""The language switch, used from the keyboard as a patron would: to English and back to Spanish."""

from __future__ import annotations

from typing import Any

import pytest

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


def test_search_on_a_spanish_page_finds_spanish_words(browser: Any, site_url: str) -> None:
    """Spanish search: a Spanish word (with its accent) finds the Spanish pages that use it."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(site_url + "es/", wait_until="networkidle")
    page.locator(".md-search__input").click()
    page.keyboard.type("préstamos")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(state="visible")
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    placeholder = page.locator(".md-search__input").get_attribute("placeholder")
    context.close()
    assert any("/es/" in href or href.startswith(("../es/", "./")) for href in hrefs), hrefs
    assert placeholder == "Búsqueda", "Material's own words are in Spanish too"
