"""The chart as a patron uses it in either language: its state survives the language switch, the
status line agrees with its counts and says when there is no review date to sort by, the name
filter finds a service by what it is for, every sort order reads whole in a 320 px window, and
the menu's back buttons are named in the page's language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.browsing import DESKTOP, PHONE

pytestmark = pytest.mark.browser

STATUS = "#ppr-chart-status"
SHOWN = "#ppr-chart-table tbody tr:not([hidden])"


@pytest.fixture(scope="module")
def tab(browser: Any) -> Iterator[Any]:
    """One desktop tab for the tests of this module."""
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def _chart(page: Any, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_selector("form.ppr-controls:not([hidden])")


def _names(page: Any) -> list[str]:
    return [row.get_attribute("data-name") or "" for row in page.locator(SHOWN).all()]


def _state(page: Any) -> tuple[str, str, bool, list[str]]:
    return (page.input_value("#ppr-chart-category"), page.input_value("#ppr-chart-sort"),
            page.is_checked("#ppr-chart-group"), _names(page))


@pytest.mark.parametrize("start", ["", "es/"], ids=["from-en", "from-es"])
def test_the_language_switch_keeps_the_charts_filters_and_order(tab: Any, site_url: str, start: str) -> None:
    """Filters and sort order live in the fragment; the link to the other language carries it, by keyboard."""
    other = "" if start else "es/"
    there, here = ("en", "es") if start else ("es", "en")
    _chart(tab, site_url + start + "services/")
    tab.select_option("#ppr-chart-category", "email")
    tab.select_option("#ppr-chart-sort", "always:descending")
    tab.check("#ppr-chart-group")
    chosen = _state(tab)
    fragment = tab.evaluate("location.hash")
    assert "category=email" in fragment and "sort=always" in fragment
    switch = tab.locator(f'a.ppr-languages__link[hreflang="{there}"]')
    assert switch.get_attribute("href").endswith("services/" + fragment)
    switch.focus()
    with tab.expect_navigation(wait_until="load"):
        tab.keyboard.press("Enter")
    tab.wait_for_selector("form.ppr-controls:not([hidden])")
    assert tab.url == site_url + other + "services/" + fragment
    assert _state(tab) == chosen, "the same services, in the same order, with the same choices"
    back = tab.locator(f'a.ppr-languages__link[hreflang="{here}"]')
    assert back.get_attribute("href").endswith("services/" + fragment), "and back again"
    tab.click(".ppr-reset")
    tab.wait_for_function("() => !location.hash")
    assert back.get_attribute("href").endswith("services/"), "an unfiltered chart switches to an unfiltered one"


def test_a_fragment_that_is_not_the_charts_state_stays_behind(tab: Any, site_url: str) -> None:
    _chart(tab, site_url + "services/#download")
    assert tab.locator('a.ppr-languages__link[hreflang="es"]').get_attribute("href").endswith("es/services/")


@pytest.mark.parametrize(("lang", "one", "all_", "none"), [
    ("", "1 of 14 services shown,", "14 of 14 services shown,", "0 of 14 services shown,"),
    ("es/", "Se muestra 1 de 14 servicios;", "Se muestran 14 de 14 servicios;", "Se muestran 0 de 14 servicios;"),
], ids=["en", "es"])
def test_the_status_line_agrees_with_how_many_services_are_shown(tab: Any, site_url: str, lang: str, one: str,
                                                                  all_: str, none: str) -> None:
    _chart(tab, site_url + lang + "services/")
    status = tab.locator(STATUS)
    assert status.inner_text().startswith(all_)
    tab.locator("#ppr-chart-name").fill("drive")
    assert status.inner_text().startswith(one)
    tab.locator("#ppr-chart-name").fill("no such service at all")
    assert status.inner_text().startswith(none)


@pytest.mark.parametrize("lang", ["", "es/"], ids=["en", "es"])
def test_the_name_filter_finds_a_service_by_what_it_is_for(tab: Any, site_url: str, lang: str) -> None:
    """OverDrive's row says "including through the Libby app": typing Libby finds it, and the hint says so."""
    _chart(tab, site_url + lang + "services/")
    box = tab.locator("#ppr-chart-name")
    hint = tab.locator("#" + (box.get_attribute("aria-describedby") or "missing"))
    assert hint.is_visible()
    assert ("description" if not lang else "descripción") in hint.inner_text()
    box.focus()
    tab.keyboard.type("Libby")
    assert _names(tab) == ["OverDrive"]
    box.fill("")
    tab.keyboard.type("TUTORING" if not lang else "TUTORIAS")  # any case, accents or none ("tutorías")
    assert "Tutor.com" in _names(tab)


@pytest.mark.parametrize(("lang", "words"), [
    ("", "sorted by last reviewed, newest first. None of the services shown has a review date yet, so they "
         "stay in A to Z order."),
    ("es/", "orden: última revisión, primero los más recientes. Ninguno de los servicios que se muestran tiene "
            "todavía fecha de revisión, así que siguen en orden de la A a la Z."),
], ids=["en", "es"])
def test_sorting_by_review_date_says_when_no_service_shown_has_one(tab: Any, site_url: str, lang: str,
                                                                   words: str) -> None:
    _chart(tab, site_url + lang + "services/")
    names = _names(tab)
    assert tab.eval_on_selector_all(SHOWN, "rows => rows.every(r => !r.dataset.reviewed)")  # none reviewed yet
    tab.select_option("#ppr-chart-sort", "reviewed:descending")
    assert words in tab.locator(STATUS).inner_text()
    assert _names(tab) == names
    tab.select_option("#ppr-chart-sort", "name:descending")
    assert "review date" not in tab.locator(STATUS).inner_text() and "revisión," not in tab.locator(STATUS).inner_text()


# Room for an option's words in the closed select: its box less padding, border and the arrow.
ROOM = """select => {
  const style = getComputedStyle(select);
  const pen = document.createElement('canvas').getContext('2d');
  pen.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24;
  return Array.from(select.options).filter(o => pen.measureText(o.text).width > room).map(o => o.text);
}"""


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("lang", ["", "es/"], ids=["en", "es"])
def test_every_sort_order_reads_whole_on_a_phone(browser: Any, site_url: str, lang: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 640})
    page = context.new_page()
    _chart(page, site_url + lang + "services/")
    cut = page.locator("#ppr-chart-sort").evaluate(ROOM)
    box = page.locator("#ppr-chart-sort").bounding_box()
    context.close()
    assert not cut, f"cut off at {width} px: {cut}"
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width


@pytest.mark.parametrize(("lang", "back"), [("", "Back: "), ("es/", "Volver: ")], ids=["en", "es"])
def test_the_menus_back_buttons_speak_the_pages_language(browser: Any, site_url: str, lang: str, back: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + lang + "who-keeps-what/", wait_until="load")
    names = page.eval_on_selector_all('.md-sidebar--primary label.md-nav__title[role="button"]',
                                      "labels => labels.map(l => l.getAttribute('aria-label'))")
    context.close()
    assert names and all(name.startswith(back) for name in names), names
    if lang:
        assert not any("Back" in name for name in names), names
