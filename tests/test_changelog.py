"""The public change log page, its Atom feed, and byte-identical builds."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest

from generator.i18n import site_languages
from tests.conftest import copy_project, run_cli

SITE_URL = "https://www.westchesterlibraries.org/about-wls/patron-privacy/"


def text_of(html: str) -> str:
    """Visible text of an HTML fragment, tags dropped, spaces collapsed."""
    text = " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").replace("&#39;", "'").split())
    return re.sub(r" ([:.,;)])", r"\1", text)


def article(page: Path) -> str:
    html = page.read_text()
    return html[html.index("<article"):html.index("</article>")]

OTHER_LANGUAGES = site_languages(Path(__file__).parent.parent / "mkdocs.yml").others


# ---- the real site ---------------------------------------------------------------

def test_change_log_page_lists_vendor_changes_and_policy_revisions(built_site: Path) -> None:
    page = article(built_site / "changes/index.html")
    text = text_of(page)
    assert "Change log" in text
    assert "January 3, 2022" in text
    assert "OverDrive (third-party service): Listed in the library system's third-party services chart." in text
    assert "Policy 11: Privacy (policy revision): Policy published on the patron privacy site." in text
    assert '<a href="../services/overdrive/">OverDrive</a>' in page
    assert '<a href="../policy-11-privacy/">Policy 11: Privacy</a>' in page
    assert '<a href="../feed.xml">' in page
    vendors = len(list((Path(__file__).parent.parent / "vendors").glob("[!_]*.yaml")))
    # Two entries per service (listed, then sourced on MIGRATED); the library's own is never a third party
    # and has a third (its policy pages' answers, on ANSWERED).
    assert page.count("(third-party service") == 2 * (vendors - 1)
    assert text.count("(the library's own service)") == 3
    assert "Westchester Library System (third-party" not in page
    assert page.count("(policy revision)") == 2


def test_change_log_is_in_the_navigation(built_site: Path) -> None:
    home = (built_site / "index.html").read_text()
    assert re.search(r'<a href="changes/"[^>]*>\s*<span[^>]*>\s*Change log', home)


def test_feed_is_valid_atom_with_an_entry_per_change(built_site: Path) -> None:
    parsed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Patron Privacy at the Westchester Library System: change log"
    assert parsed.feed.updated == f"{ANSWERED}T00:00:00Z"
    assert parsed.feed.id == SITE_URL + "feed.xml"
    vendors = len(list((Path(__file__).parent.parent / "vendors").glob("[!_]*.yaml")))
    assert len(parsed.entries) == 2 * vendors + 1 + 2  # two per service, the library's third, two revisions
    library = [e for e in parsed.entries if e.title.startswith("Westchester Library System:")]
    assert library and all(e.tags[0].label == "The library's own service" for e in library)
    ids = [e.id for e in parsed.entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    overdrive = next(e for e in parsed.entries if e.title.startswith("OverDrive:") and "2022" in e.updated)
    assert overdrive.link == SITE_URL + "services/overdrive/"
    assert overdrive.updated == "2022-01-03T00:00:00Z"
    assert overdrive.summary == "Listed in the library system's third-party services chart."
    policy = next(e for e in parsed.entries if e.title.startswith("Policy 11"))
    assert policy.link == SITE_URL + "policy-11-privacy/"


def test_every_page_links_to_the_feed(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text()
        if '<meta http-equiv="refresh"' in html:
            continue  # an old address's redirect page is not a page of its own
        link = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', html)
        assert link, f"{page} has no feed link"
        parts = page.relative_to(built_site).parts
        if page.name == "404.html":
            continue  # MkDocs gives the error page root-absolute links
        # A page in another language links the feed in its own language (es/feed.xml from es/...).
        depth = len(parts) - 1 - (parts[0] in OTHER_LANGUAGES)
        assert link.group(1) == "../" * depth + "feed.xml", page


def test_policy_page_shows_approval_and_revisions(built_site: Path) -> None:
    text = text_of(article(built_site / "policy-11-privacy/index.html"))
    # The reference text of Policy 11 gives neither body nor date: marked unconfirmed, never shown as facts.
    assert "Approved on January 3, 2022" not in text and "Board of Trustees" not in text
    assert "Approved on Not yet confirmed by library staff" in text
    assert "Last reviewed Not yet confirmed by library staff" in text
    assert "Revision history (1) January 3, 2022: Policy published on the patron privacy site." in text
    assert "Every revision also appears in the change log." in text


def test_sitemap_dates_come_from_the_data_not_the_clock(built_site: Path) -> None:
    lastmods = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (built_site / "sitemap.xml").read_text()))
    assert lastmods == {ANSWERED}


# ---- a registry that moved on: a retired vendor and a newer change ---------------

RETIRED, NEWER = "2024-03-01", "2025-06-30"
# The date the real records were moved to the sourced model; and the day the library's own record
# took the answers its policy pages give (its newest change, and its newest sources): the newest date.
MIGRATED, ANSWERED = "2026-11-26", "2026-11-27"


def _without_migration_entries(root: Path) -> None:
    """Drop the MIGRATED and ANSWERED entries, and date the library's policy-page sources back to the
    chart's day (every fact keeps a source), so the registry's newest dates are the ones a test adds."""
    for path in (root / "vendors").glob("[!_]*.yaml"):
        text = path.read_text().replace(f"checked: {ANSWERED}", "checked: 2022-01-03")
        for day in (MIGRATED, ANSWERED):
            at = text.find(f"  - date: {day}\n")
            if at != -1:
                end = text.find("\n", text.find("summary:", at)) + 1
                text = text[:at] + text[end:]
        path.write_text(text)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same edited project built twice, into two folders."""
    root = copy_project(tmp_path_factory.mktemp("moved-on") / "project")
    _without_migration_entries(root)
    freading = root / "vendors/freading.yaml"
    text = freading.read_text().replace("\nsources:", f"\nretired: {RETIRED}\nsources:", 1)
    freading.write_text(text + f"  - date: {RETIRED}\n    summary: The library stopped offering Freading.\n")
    tumble = root / "vendors/tumblebooks.yaml"
    tumble.write_text(tumble.read_text().replace("opt_in: [name, email]", "opt_in: [name]")
                      + f"  - date: {NEWER}\n    summary: Tumblebooks no longer asks for an email address.\n")
    sites = []
    for name in ("first", "second"):
        out = root.parent / name
        result = run_cli("--root", str(root), "build", "--site-dir", str(out))
        assert result.returncode == 0, result.stdout + result.stderr
        sites.append(out)
    return sites[0], sites[1]


def test_two_builds_of_the_same_commit_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = two_builds
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert Path("sitemap.xml.gz") in files and Path("search/search_index.json") in files
    different = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_last_updated_dates_follow_the_newest_data(two_builds: tuple[Path, Path]) -> None:
    site, _ = two_builds
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", (site / "sitemap.xml").read_text())) == {NEWER}
    chart = text_of(article(site / "services/index.html"))
    assert "Records last updated June 30, 2025" in chart


def test_retired_vendor_leaves_the_chart_but_stays_in_the_log(two_builds: tuple[Path, Path]) -> None:
    site, _ = two_builds
    chart = article(site / "services/index.html")
    assert 'id="row-freading"' not in chart and 'id="row-overdrive"' in chart
    log = text_of(article(site / "changes/index.html"))
    assert "March 1, 2024 Library Ideas (Freading) (third-party service, no longer offered): " \
           "The library stopped offering Freading." in log
    assert log.index("June 30, 2025") < log.index("March 1, 2024") < log.index("January 3, 2022")
    page = text_of(article(site / "services/freading/index.html"))
    assert "The library stopped offering this service on March 1, 2024" in page


def test_feed_lists_newest_first_and_keeps_ids_stable(two_builds: tuple[Path, Path], built_site: Path) -> None:
    site, _ = two_builds
    parsed = feedparser.parse((site / "feed.xml").read_bytes())
    assert parsed.bozo == 0
    assert parsed.feed.updated == f"{NEWER}T00:00:00Z"
    assert [e.updated[:10] for e in parsed.entries[:2]] == [NEWER, RETIRED]
    assert parsed.entries[0].title == "Tumblebooks: Tumblebooks no longer asks for an email address."
    assert parsed.entries[0].link == SITE_URL + "services/tumblebooks/"
    assert parsed.entries[1].link == SITE_URL + "services/freading/"
    # Entries that existed before keep their ids when others are added.
    before = {e.link + e.updated: e.id for e in feedparser.parse((built_site / "feed.xml").read_bytes()).entries}
    after = {e.link + e.updated: e.id for e in parsed.entries}
    assert all(after[key] == value for key, value in before.items() if MIGRATED not in key and ANSWERED not in key)
