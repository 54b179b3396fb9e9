"""At phone width (375 px) the chart reads as cards (sideways scrolling: test_accessibility.py).

Also saves screenshots of the home page and the chart at desktop and phone
widths to test-artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.browsing import ARTIFACTS, DESKTOP, PHONE

pytestmark = pytest.mark.browser

CARD = """(row) => {
  const cells = Array.from(row.querySelectorAll('th, td'));
  const vw = document.scrollingElement.clientWidth;
  return {
    display: getComputedStyle(row).display,
    fits: cells.every(c => c.getBoundingClientRect().left >= 0 && c.getBoundingClientRect().right <= vw),
    labels: Array.from(row.querySelectorAll('td')).map(c => getComputedStyle(c, '::before').content),
    fontPx: Math.min(...cells.map(c => parseFloat(getComputedStyle(c).fontSize))),
  };
}"""


@pytest.fixture(scope="module")
def phone_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield context.new_page()
    context.close()


def test_chart_reads_as_cards_on_a_phone(phone_page: Any, site_url: str) -> None:
    phone_page.goto(site_url + "services/", wait_until="load")
    rows = phone_page.locator("table.ppr-table tbody tr")
    assert rows.count() > 5
    headers = phone_page.locator("table.ppr-table thead th").all_text_contents()
    for i in range(rows.count()):
        card = rows.nth(i).evaluate(CARD)
        assert card["display"] == "block", card
        assert card["fits"], f"row {i} is wider than the screen"
        assert card["labels"] == [f'"{h}"' for h in headers[1:]], card["labels"]
        assert card["fontPx"] >= 12, card


@pytest.mark.parametrize("name,path", [("home", ""), ("chart", "services/")])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_screenshots(browser: Any, site_url: str, name: str, path: str, viewport: dict[str, int]) -> None:
    """Full-page screenshots for a person to look at; the test only checks they were taken."""
    out = ARTIFACTS / "screenshots" / f"{name}-{viewport['width']}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + path, wait_until="networkidle")
    page.screenshot(path=str(out), full_page=True)
    context.close()
    assert out.stat().st_size > 10_000
