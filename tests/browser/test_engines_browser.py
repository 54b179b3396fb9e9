"""The ProperDocs build in a real browser: axe-core on a sample of its pages, no other host asked.

The whole browser suite runs on the MkDocs build; tests/test_engines.py shows the
ProperDocs build is the same site file for file, so a sample is enough here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.serve import serve_folder, site_path
from tests.browser.browsing import AXE_TAGS, DESKTOP, ROOT, format_violations, is_local

pytestmark = pytest.mark.browser

SAMPLE = ["", "services/", "services/overdrive/", "who-keeps-what/", "changes/", "404.html"]


@pytest.fixture(scope="module")
def properdocs_url(properdocs_site: Path) -> Iterator[str]:
    """The ProperDocs build served on 127.0.0.1 under its site path."""
    with serve_folder(properdocs_site, base_path=site_path(ROOT / "mkdocs.yml")) as url:
        yield url


def test_properdocs_pages_pass_axe_and_stay_on_the_site(browser: Any, properdocs_url: str, axe_script: Path) -> None:
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(path=str(axe_script))
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    found = {}
    for path in SAMPLE:
        response = page.goto(properdocs_url + path, wait_until="networkidle")
        assert response is not None and (response.ok or path == "404.html"), path
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        if result["violations"]:
            found[path] = format_violations(result["violations"])
    context.close()
    assert not found, found
    assert [url for url in requests if not is_local(url, properdocs_url)] == []
