"""What a patron does with the chart in a real browser: filter and sort by keyboard, hear the result.

Debian's Chromium through Playwright, against the real built site served on
127.0.0.1. Without Chromium these tests skip on a workstation and fail in CI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.model import Registry
from generator.registry import load_registry
from generator.serve import serve_folder, site_path
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

ROWS = "#ppr-chart-table tbody tr"
STATUS = "#ppr-chart-status"


@pytest.fixture(scope="module")
def registry() -> Registry:
    """The real registry, to know what the chart must show."""
    loaded = load_registry(ROOT / "vendors", ROOT)
    assert loaded.registry is not None
    return loaded.registry


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 under its site path; the server stops with the module."""
    with serve_folder(built_site, base_path=site_path(ROOT / "mkdocs.yml")) as url:
        yield url


# `browser` is the session's one Chromium, from tests/conftest.py.


@pytest.fixture
def chart(browser: Browser, site_url: str) -> Iterator[Page]:
    """The chart page with JavaScript on."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "services/")
    page.wait_for_selector("form.ppr-controls:not([hidden])")
    yield page
    context.close()


def shown(page: Page) -> int:
    """How many chart rows a sighted patron sees."""
    return page.locator(ROWS).filter(visible=True).count()


def announced(page: Page) -> str:
    """What the live region says."""
    return page.locator(STATUS).inner_text()


def shown_names(page: Page) -> list[str]:
    """Names of the visible rows, top to bottom."""
    rows = page.locator(ROWS).filter(visible=True)
    return [rows.nth(i).get_attribute("data-name") or "" for i in range(rows.count())]


def test_without_javascript_the_whole_chart_is_there(browser: Browser, site_url: str, registry: Registry) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "services/")
    assert shown(page) == len(registry.active) == 14
    assert page.locator("form.ppr-controls").is_hidden()
    rows = page.locator(ROWS)
    for i in range(rows.count()):
        assert rows.nth(i).locator("th a").count() == 1
        own = rows.nth(i).get_attribute("id") == "row-westchester-library-system"  # links its page on this site
        assert rows.nth(i).locator("td a[href^='https://']").count() == (0 if own else 1)
    context.close()


def test_the_live_region_says_how_many_services_are_shown(chart: Page) -> None:
    status = chart.locator(STATUS)
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    assert announced(chart).startswith("14 of 14 services shown")


def test_filter_by_name_from_the_keyboard(chart: Page) -> None:
    box = chart.get_by_label("Service name contains")
    box.focus()
    chart.keyboard.type("drive")
    assert shown_names(chart) == ["OverDrive"]
    assert announced(chart).startswith("1 of 14 services shown")
    chart.keyboard.press("Control+A")
    chart.keyboard.press("Backspace")
    assert shown(chart) == 14
    assert announced(chart).startswith("14 of 14 services shown")
    box.focus()
    chart.keyboard.type("no such service")
    assert shown(chart) == 0
    assert announced(chart).startswith("0 of 14 services shown")
    assert "Show all services" in announced(chart)


def test_filter_by_data_category_from_the_keyboard(chart: Page, registry: Registry) -> None:
    select = chart.get_by_label("Keeps this kind of data")
    select.focus()
    for _ in range(40):
        if select.input_value() == "checkout_history":
            break
        chart.keyboard.press("ArrowDown")
    assert select.input_value() == "checkout_history"
    keepers = sorted(v.name for v, _ in registry.vendors_keeping("checkout_history"))
    assert sorted(shown_names(chart)) == keepers
    assert announced(chart).startswith(f"{len(keepers)} of 14 services shown")


def test_only_services_that_keep_reading_activity(chart: Page, registry: Registry) -> None:
    readers = sorted(v.name for v in registry.active
                     if any(registry.vocabulary.by_id[c].group == "reading" for c in (*v.always, *v.opt_in)))
    assert readers  # the WLS chart has some
    box = chart.get_by_label("Services that keep what you read and borrow")
    box.focus()
    chart.keyboard.press("Space")
    assert box.is_checked()
    assert sorted(shown_names(chart)) == readers
    assert announced(chart).startswith(f"{len(readers)} of 14 services shown")


def test_filter_lists_email_or_phone_requirements_under_both(chart: Page, registry: Registry) -> None:
    select = chart.get_by_label("Keeps this kind of data")
    for category in ("email", "phone"):
        select.select_option(category)
        assert "LinkedIn Learning" in shown_names(chart), category
        assert sorted(shown_names(chart)) == sorted(v.name for v, _ in registry.vendors_keeping(category))
    label = select.locator("option[value=email]").inner_text()
    assert label == "Email address"
    assert select.locator("option[value=email_or_mobile]").count() == 0


def test_only_services_with_nothing_kept_and_reset(chart: Page, registry: Registry) -> None:
    nothing = sorted(v.name for v in registry.active if v.keeps_none_of(tuple(registry.vocabulary.by_id)))
    assert nothing == ["NOVEL Databases", "Project Gutenberg", "Tutor.com"]  # the chart's "None" rows
    box = chart.get_by_label("Services whose source says they keep no data about you")
    box.focus()
    chart.keyboard.press("Space")
    assert sorted(shown_names(chart)) == nothing
    assert announced(chart).startswith(f"{len(nothing)} of 14 services shown")
    chart.get_by_role("button", name="Show all services").focus()
    chart.keyboard.press("Enter")
    chart.wait_for_function("() => document.querySelector('#ppr-chart-status').textContent.startsWith('14 of 14')")
    assert shown(chart) == 14
    assert not box.is_checked()


def test_sort_by_column_header_buttons_from_the_keyboard(chart: Page, registry: Registry) -> None:
    names = [v.name for v in registry.active]
    service = chart.locator("#ppr-chart-table thead th").nth(0)
    reviewed = chart.locator("#ppr-chart-table thead th").nth(4)
    assert service.get_attribute("aria-sort") == "ascending"
    assert shown_names(chart) == names

    service.get_by_role("button").focus()
    chart.keyboard.press("Enter")
    assert service.get_attribute("aria-sort") == "descending"
    assert shown_names(chart) == names[::-1]
    assert "sorted by service name, Z to A" in announced(chart)

    # Tab moves on to the next header's button; Space presses it.
    chart.keyboard.press("Tab")
    chart.keyboard.press("Space")
    always = chart.locator("#ppr-chart-table thead th").nth(1)
    assert always.get_attribute("aria-sort") == "descending"
    assert service.get_attribute("aria-sort") is None
    counts = [len(v.always) for v in registry.active]
    assert shown_names(chart)[0] in [v.name for v in registry.active if len(v.always) == max(counts)]
    assert "sorted by data always kept, most first" in announced(chart)

    reviewed.get_by_role("button").focus()
    chart.keyboard.press("Enter")
    assert reviewed.get_attribute("aria-sort") == "descending"
    assert "sorted by last reviewed, newest first" in announced(chart)
    assert chart.get_by_label("Sort by").input_value() == "reviewed:descending"


def test_sorting_keeps_the_filter(chart: Page) -> None:
    chart.get_by_label("Service name contains").focus()
    chart.keyboard.type("tumble")
    before = shown_names(chart)
    assert len(before) == 2
    chart.get_by_label("Sort by").focus()
    chart.keyboard.press("ArrowDown")
    assert shown_names(chart) == before[::-1]
    assert re.match(r"2 of 14 services shown, sorted by service name, Z to A", announced(chart))


def test_print_shows_every_row_and_no_controls(chart: Page) -> None:
    chart.get_by_label("Service name contains").focus()
    chart.keyboard.type("drive")
    chart.emulate_media(media="print")
    assert shown(chart) == 14
    assert chart.locator("form.ppr-controls").is_hidden()
    assert chart.locator(".md-sidebar--primary").is_hidden()
