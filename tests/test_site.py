"""A real ``mkdocs build --strict`` of the real site, read as a patron's browser gets it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.htmlscan import AssetReader, read_table
from tests.test_changelog import article, text_of

# The reference WLS chart (seeds/wls-privacy-of-patron-data.txt, January 3, 2022), in the
# vocabulary's labels: (service, always kept, only with opt-in).
REFERENCE_CHART = {
    "Westchester Library System": ("Name, Postal address, Phone number, Email address, Hold history, Fines and fees",
                                   "Checkout history"),
    "Hoopla": ("Name, Email address, Checkout history", "None listed"),
    "Kanopy Streaming Video": ("Browser data, Location data",
                               "Name, Institution name, Email address, Password, Other information you choose to give"),
    "Library Ideas (Freading)": ("None listed", "Email address"),
    "LibraryPass (Comics Plus)": ("Email address", "None listed"),
    "LinkedIn Learning": ("Name, Password, Email address or phone number (one of these)", "None listed"),
    "NOVEL Databases": ("None", "None"),
    "OverDrive": ("Checkout history, Holds, Reading progress, Bookmarks, Highlights, Notes, Online activity",
                  "None listed"),
    "Project Gutenberg": ("None", "None"),
    "Tumblebooks": ("None listed", "Name, Email address"),
    "Tutor.com": ("None", "None"),
    "Biblioteca Tumblebooks": ("None listed", "Name, Email address"),
    "University of Fashion": ("None listed", "Name, Email address"),
    "X-Plain Patient Education": ("None listed", "Name, Email address, Postal address, Phone number"),
}
VERIFIED_POLICIES = {
    "Tutor.com": "https://www.tutor.com/privacy",
    "University of Fashion": "https://www.universityoffashion.com/privacy-policy/",
    "NOVEL Databases": "https://novelnewyork.org/privacy.php",
    "Project Gutenberg": "https://www.gutenberg.org/policy/privacy_policy.html",
}


def _chart_rows(page: Path) -> dict[str, list[str]]:
    table = read_table(page.read_text("utf-8"), "ppr-table")
    assert table.captions, "the chart has a caption"
    body = [row for row in table.rows[1:]]
    return {row[0].split(" | ")[0]: row for row in body}


@pytest.mark.parametrize("page", ["services/index.html", "privacy-of-patron-data/index.html"])
def test_chart_carries_every_fact_of_the_reference_chart(engine_site: Path, page: str) -> None:
    rows = _chart_rows(engine_site / page)
    assert set(rows) == set(REFERENCE_CHART), "exactly the 14 services of the reference chart"
    for service, (always, opt_in) in REFERENCE_CHART.items():
        assert rows[service][1] == always, service
        assert rows[service][2] == opt_in, service
        assert rows[service][4] == "Not yet reviewed", service  # January 3, 2022 is the chart's date


def test_chart_headers_are_scoped_for_screen_readers(built_site: Path) -> None:
    table = read_table((built_site / "services/index.html").read_text("utf-8"), "ppr-table")
    assert table.rows[0] == ["Service", "Data always kept", "Data kept only if you opt in",
                             "Privacy policy", "Last reviewed"]
    assert table.header_scopes == ["col"] * 5 + ["row"] * 14


def test_chart_links_to_each_vendor_page_and_verified_policy(engine_site: Path) -> None:
    html = (engine_site / "services/index.html").read_text("utf-8")
    for service, url in VERIFIED_POLICIES.items():
        assert f'href="{url}"' in html, service
    for page in (engine_site / "services").iterdir():
        if page.is_dir():
            assert f'href="{page.name}/"' in html
    # The library's own row links its own policy page on this site, never the site's home page.
    row = html[html.index('id="row-westchester-library-system"'):]
    row = row[:row.index("</tr>")]
    assert 'href="../privacy-of-patron-data/">The library\'s own policy</a>' in row and "(the library itself)" in row
    assert "westchesterlibraries.org/about-wls/patron-privacy" not in row


def test_only_unverified_policy_addresses_say_so(built_site: Path) -> None:
    """The four addresses the reference lists are shown as confirmed; the nine others say they are not yet."""
    html = (built_site / "services/index.html").read_text("utf-8")
    rows = {m.group(1): m.group(2) for m in re.finditer(r'<tr id="row-([^"]+)"(.*?)</tr>', html, re.S)}
    unconfirmed = {vendor for vendor, row in rows.items() if "ppr-unverified" in row}
    assert len(rows) == 14 and len(unconfirmed) == 9, sorted(unconfirmed)
    for service, url in VERIFIED_POLICIES.items():
        row = next(r for r in rows.values() if f'href="{url}"' in r)
        assert "ppr-unverified" not in row, service


def test_every_vendor_has_a_page_with_its_facts(engine_site: Path) -> None:
    overdrive = (engine_site / "services/overdrive/index.html").read_text("utf-8")
    for label in REFERENCE_CHART["OverDrive"][0].split(", "):
        assert f">{label}</a>" in overdrive
    assert "Change history" in overdrive and "January 3, 2022" in overdrive
    nothing = text_of(article(engine_site / "services/tutor-com/index.html"))
    assert "keeps no personal data" not in nothing and "keeps nothing" not in nothing
    assert ("The chart of third-party services on the library system's Privacy of Patron Data page, last modified "
            "January 3, 2022 lists no patron data kept by Tutor.com (checked on January 3, 2022).") in nothing
    assert "The library has not yet checked this against Tutor.com's own privacy policy." in nothing
    hoopla = text_of(article(engine_site / "services/hoopla/index.html"))
    assert "Not known: the record does not say whether Hoopla keeps institution name" in hoopla
    assert "How you sign in Not known" in hoopla and "Last reviewed by library staff Not yet reviewed" in hoopla
    library = text_of(article(engine_site / "services/westchester-library-system/index.html"))
    assert "This is the library itself, not an outside company." in library
    assert "company's policy" not in library and "third-party" not in library.replace("chart of third-party", "")
    pages = [p for p in (engine_site / "services").iterdir() if p.is_dir()]
    assert len(pages) == 14


def test_glossary_explains_every_category_and_who_keeps_it(engine_site: Path) -> None:
    html = (engine_site / "glossary/index.html").read_text("utf-8")
    for anchor in ("email", "checkout_history", "reading_progress", "location", "hold_history", "phone"):
        assert f'id="{anchor}"' in html
    assert 'id="email_or_mobile"' not in html
    for anchor in ("email", "phone"):  # "email address or mobile number" counts under both
        start = html.index(f'id="{anchor}"')
        assert "LinkedIn Learning" in html[start: html.index("<h3", start)], anchor
    start = html.index('id="reading_progress"')
    entry = html[start: html.index("<h3", start)]
    assert "OverDrive" in entry and "Hoopla" not in entry


def test_policy_pages_show_approval_facts(engine_site: Path) -> None:
    html = (engine_site / "policy-11-privacy/index.html").read_text("utf-8")
    assert "Policy number" in html and "<dd>11</dd>" in html
    assert "Board of Trustees" not in html  # marked unconfirmed: the reference text names no approving body
    assert "<dt>Approved by</dt><dd>Not yet confirmed by library staff</dd>" in html
    assert "CPLR" in html


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    pages = list(built_site.rglob("*.html"))
    assert len(pages) >= 19
    for page in pages:
        reader = AssetReader()
        reader.feed(page.read_text("utf-8"))
        foreign = [u for u in reader.loaded if re.match(r"^(https?:)?//", u) or "url(http" in u]
        assert foreign == [], f"{page.relative_to(built_site)} loads {foreign}"
    for css in built_site.rglob("*.css"):
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:", css.read_text("utf-8")), css
        assert "fonts.googleapis" not in css.read_text("utf-8"), css
