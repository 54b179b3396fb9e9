"""What a vendor page says about the comparison of the vendor's policy (from ``snapshots/``).

A real strict build of a copy of the project with three saved copies, each
telling a different story; the dates come from the snapshot headers, never
from the clock. A patron reads the page in Chromium (axe-core, both widths).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator.serve import serve_folder, site_path
from generator.watchsnapshot import Snapshot, Source, parse, render, write
from generator.watchstatus import policy_watch
from tests.browser.browsing import AXE_SCRIPT, AXE_TAGS, DESKTOP, PHONE, format_violations, require
from tests.conftest import copy_project, run_cli

POLICY_WORDS = "Our policy text belongs to the vendor and is never shown on the library's site."
URLS = {"kanopy": "https://www.kanopy.com/privacy", "hoopla": "https://www.hoopladigital.com/privacy",
        "overdrive": "https://www.overdrive.com/policies/privacy-policy"}
# vendor -> (first saved, changed, last compared); every vendor was last reviewed on 2022-01-03
STORIES = {
    "kanopy": ("2021-06-01", "2022-03-01", "2022-05-02"),  # changed after the review
    "hoopla": ("2021-06-01", None, "2022-05-02"),  # a copy from before the review, no change since
    "overdrive": ("2022-04-01", None, "2022-05-02"),  # the copy began after the review
}


def _text(html: str) -> str:
    main = html[html.index('<article class="md-content__inner'):html.index("</article>")]
    text = " ".join(re.sub(r"<[^>]+>", " ", main).split())
    return re.sub(r"\s+([.,)])", r"\1", text).replace("( ", "(")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built with three saved copies in snapshots/."""
    project = copy_project(tmp_path_factory.mktemp("watched") / "project")
    for path in (project / "vendors").glob("[!_]*.yaml"):  # the stories start from a review on 2022-01-03
        path.write_text(path.read_text("utf-8").replace("\nsources:", "\nlast_reviewed: 2022-01-03\nsources:", 1))
    for vendor_id, (first, changed, compared) in STORIES.items():
        source = Source(URLS[vendor_id], compared, first, "0" * 64, f"# Privacy\n\n{POLICY_WORDS}\n", changed)
        write(project / "snapshots", Snapshot(vendor_id, (source,)))
    out = project / "site"
    result = run_cli("--root", str(project), "build", "--site-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_each_vendor_page_says_when_the_policy_was_compared_and_whether_it_changed(site: Path) -> None:
    kanopy = _text((site / "services" / "kanopy" / "index.html").read_text(encoding="utf-8"))
    assert "It last compared the policy with that copy on May 2, 2022." in kanopy
    assert ("The policy had changed since library staff last reviewed this record (the change was noticed on "
            "March 1, 2022), so parts of this page may not match it until staff review it again.") in kanopy
    hoopla = _text((site / "services" / "hoopla" / "index.html").read_text(encoding="utf-8"))
    assert "It last compared the policy with that copy on May 2, 2022." in hoopla
    assert "It had not changed since library staff last reviewed this record on January 3, 2022." in hoopla
    overdrive = _text((site / "services" / "overdrive" / "index.html").read_text(encoding="utf-8"))
    assert ("The library began keeping that copy on April 1, 2022, after staff last reviewed this record, so it "
            "cannot yet tell whether the policy changed in between.") in overdrive
    html = (site / "services" / "kanopy" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2022-05-02">May 2, 2022</time>' in html
    # Vendors without a saved copy say nothing about comparisons; no page ever shows the policy text.
    tutor = _text((site / "services" / "tutor-com" / "index.html").read_text(encoding="utf-8"))
    assert "compared" not in tutor
    for page in site.rglob("*.html"):
        assert POLICY_WORDS not in page.read_text(encoding="utf-8"), page


def test_the_page_says_nothing_when_the_copy_is_of_another_address(tmp_path: Path) -> None:
    source = Source("https://old.example/privacy", "2022-05-02", "2021-06-01", "0" * 64, "text\n")
    saved = parse(render(Snapshot("kanopy", (source,))))
    assert saved.sources == (source,)
    from generator.registry import load_registry
    from tests.conftest import ROOT

    loaded = load_registry(ROOT / "vendors", ROOT)
    assert loaded.registry is not None
    kanopy = dataclasses.replace(next(v for v in loaded.registry.vendors if v.id == "kanopy"),
                                 last_reviewed="2022-01-03")
    assert policy_watch(kanopy, saved) is None  # staff changed the address: the old copy says nothing about it
    moved = Snapshot("kanopy", (Source(kanopy.privacy_policy, "2022-05-02", "2021-06-01", "0" * 64, "text\n"),))
    status = policy_watch(kanopy, moved)
    assert status is not None and status.since_review == "unchanged"
    # A record no source backs yet: the page says when the policy was compared, and claims no review.
    unreviewed = policy_watch(replace(kanopy, sources=(), last_reviewed=None), moved)
    assert unreviewed is not None and (unreviewed.since_review, unreviewed.reviewed) == ("not_reviewed", None)


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    from tests.conftest import ROOT

    with serve_folder(site, base_path=site_path(ROOT / "mkdocs.yml")) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_patron_reads_the_comparison_block(browser: Any, site_url: str, viewport: dict[str, int]) -> None:
    require(AXE_SCRIPT.is_file(), "axe-core (node_modules/axe-core)")
    context = browser.new_context(viewport=viewport)
    context.add_init_script(path=str(AXE_SCRIPT))  # outside the page's Content-Security-Policy
    page = context.new_page()
    page.goto(site_url + "services/kanopy/", wait_until="load")
    block = page.get_by_text("It last compared the policy with that copy on")
    assert block.is_visible()
    violations = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                               AXE_TAGS)["violations"]
    context.close()
    assert not violations, format_violations(violations)
