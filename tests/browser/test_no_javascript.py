"""With JavaScript off, the chart and every vendor's facts are all there and readable."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from generator.model import Registry, Vendor
from generator.registry import load_registry
from generator.wording import empty_cell, kept_list
from tests.browser.browsing import DESKTOP, ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def registry() -> Registry:
    loaded = load_registry(ROOT / "vendors", ROOT)
    assert loaded.registry is not None, loaded.problems
    return loaded.registry


@pytest.fixture(scope="module")
def no_js_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    yield context.new_page()
    context.close()


def _labels(registry: Registry, vendor: Vendor, kept: str) -> str:
    return kept_list(vendor, kept, registry.vocabulary) or empty_cell(vendor, registry.vocabulary)


def test_chart_is_readable_without_javascript(no_js_page: Any, site_url: str, registry: Registry) -> None:
    page = no_js_page
    page.goto(site_url + "services/")
    assert page.evaluate("() => document.documentElement.classList.contains('no-js')")
    table = page.locator("table.ppr-table")
    assert table.is_visible()
    rows = table.locator("tbody tr")
    assert rows.count() == len(registry.active)
    for i, vendor in enumerate(registry.active):
        row = rows.nth(i)
        assert row.is_visible()
        cells = [" ".join(t.split()) for t in row.locator("th, td").all_inner_texts()]
        assert cells[0].startswith(vendor.name), cells
        assert vendor.service in cells[0]
        assert cells[1] == _labels(registry, vendor, "always"), (vendor.id, cells)
        assert cells[2] == _labels(registry, vendor, "opt_in"), (vendor.id, cells)
        policy = row.locator(f'td a[href="{vendor.privacy_policy or "../privacy-of-patron-data/"}"]')
        assert policy.is_visible() and policy.inner_text().strip(), vendor.id
        assert cells[4] == "Not yet reviewed", (vendor.id, cells)  # the chart's date is not a staff review


def test_every_vendor_page_is_readable_without_javascript(no_js_page: Any, site_url: str,
                                                          registry: Registry) -> None:
    page = no_js_page
    for vendor in registry.vendors:
        page.goto(site_url + f"services/{vendor.id}/")
        content = page.locator("article.md-content__inner")
        assert content.is_visible()
        text = " ".join(content.inner_text().split())
        assert page.locator("article h1").inner_text().strip() == vendor.name
        assert vendor.service in text, vendor.id
        for category in vendor.always + vendor.opt_in:
            label = registry.vocabulary.label(category)
            link = content.locator(f'a[href$="#{category}"]', has_text=label)
            assert link.first.is_visible(), (vendor.id, category)
        own = vendor.privacy_policy or "../../privacy-of-patron-data/"
        assert content.locator(f'a[href="{own}"]').first.is_visible(), vendor.id
        for change in vendor.history:
            assert " ".join(change.summary.split()) in text, (vendor.id, change.summary)
