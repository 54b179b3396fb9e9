"""A site made with ``privacy-registry init``, searched in Chromium: the patron's words stay in the browser.

What a patron types into search must never reach an address: not the result links
(Material's ``search.highlight`` would add ``?h=<query>``), not the page a result opens,
not any request the page makes (server logs, Referer headers).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from generator.serve import serve_folder, site_path
from tests.browser.browsing import DESKTOP
from tests.browser.test_patron import _search
from tests.conftest import run_cli

pytestmark = pytest.mark.browser

QUERY = "circulation"  # a heading of the policy skeleton init writes


@pytest.fixture(scope="module")
def init_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh init-made site, built strictly and served under the path of its site_url."""
    folder = tmp_path_factory.mktemp("init-search")
    project = folder / "millbrook"
    made = run_cli("init", str(project), "--name", "Millbrook Library")
    assert made.returncode == 0, made.stderr
    built = run_cli("build", "--root", str(project), "--site-dir", str(folder / "site"))
    assert built.returncode == 0, built.stdout + built.stderr
    with serve_folder(folder / "site", base_path=site_path(project / "mkdocs.yml")) as url:
        yield url


def test_a_search_and_the_result_it_opens_carry_no_query(browser: Any, init_site_url: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    try:
        page.goto(init_site_url, wait_until="networkidle")
        hrefs = _search(page, QUERY)
        assert any("privacy-policy/" in h for h in hrefs), hrefs
        # The part before "#" is what a browser sends; a heading's anchor may well spell the word.
        assert not any(re.search(rf"{QUERY}|[?&]h=", h.split("#")[0], re.I) for h in hrefs), hrefs
        page.keyboard.press("ArrowDown")
        with page.expect_navigation(wait_until="load"):
            page.keyboard.press("Enter")
        assert page.url.startswith(init_site_url) and page.url != init_site_url, page.url
        assert not re.search(rf"{QUERY}|[?&]h=", page.url.split("#")[0], re.I), page.url
        leaks = [u for u in requests if re.search(QUERY, u, re.I)]
        assert not leaks, f"requests carried what the patron searched for: {leaks}"
    finally:
        context.close()
