"""A real ``mkdocs build --strict`` of the real site, read as a patron's browser gets it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.htmlscan import AssetReader, read_table

# The reference WLS chart (seeds/wls-privacy-of-patron-data.txt, January 3, 2022), in the
# vocabulary's labels: (service, always kept, only with opt-in).
REFERENCE_CHART = {
    "Westchester Library System": ("Name, Postal address, Phone number, Email address, Holds, Fines and fees",
                                   "Checkout history"),
    "Hoopla": ("Name, Email address, Checkout history", "None"),
    "Kanopy Streaming Video": ("Browser data, Location data",
                               "Name, Institution name, Email address, Password, Other information you choose to give"),
    "Library Ideas (Freading)": ("None", "Email address"),
    "LibraryPass (Comics Plus)": ("Email address", "None"),
    "LinkedIn Learning": ("Name, Email address or mobile number, Password", "None"),
    "NOVEL Databases": ("None", "None"),
    "OverDrive": ("Checkout history, Holds, Reading progress, Bookmarks, Highlights, Notes, Online activity", "None"),
    "Project Gutenberg": ("None", "None"),
    "Tumblebooks": ("None", "Name, Email address"),
    "Tutor.com": ("None", "None"),
    "Biblioteca Tumblebooks": ("None", "Name, Email address"),
    "University of Fashion": ("None", "Name, Email address"),
    "X-Plain Patient Education": ("None", "Name, Email address, Postal address, Phone number"),
}
VERIFIED_POLICIES = {
    "Westchester Library System": "https://www.westchesterlibraries.org/about-wls/patron-privacy/",
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
        assert rows[service][4] == "January 3, 2022", service


def test_chart_headers_are_scoped_for_screen_readers(built_site: Path) -> None:
    table = read_table((built_site / "services/index.html").read_text("utf-8"), "ppr-table")
    assert table.rows[0] == ["Service", "Data always kept", "Data kept only if you opt in",
                             "Vendor's privacy policy", "Last reviewed"]
    assert table.header_scopes == ["col"] * 5 + ["row"] * 14


def test_chart_links_to_each_vendor_page_and_verified_policy(engine_site: Path) -> None:
    html = (engine_site / "services/index.html").read_text("utf-8")
    for service, url in VERIFIED_POLICIES.items():
        assert f'href="{url}"' in html, service
    for page in (engine_site / "services").iterdir():
        if page.is_dir():
            assert f'href="{page.name}/"' in html


def test_every_vendor_has_a_page_with_its_facts(engine_site: Path) -> None:
    overdrive = (engine_site / "services/overdrive/index.html").read_text("utf-8")
    for label in REFERENCE_CHART["OverDrive"][0].split(", "):
        assert f">{label}</a>" in overdrive
    assert "Change history" in overdrive and "January 3, 2022" in overdrive
    nothing = (engine_site / "services/tutor-com/index.html").read_text("utf-8")
    assert "keeps no personal data" in nothing
    pages = [p for p in (engine_site / "services").iterdir() if p.is_dir()]
    assert len(pages) == 14


def test_glossary_explains_every_category_and_who_keeps_it(engine_site: Path) -> None:
    html = (engine_site / "glossary/index.html").read_text("utf-8")
    for anchor in ("email", "checkout_history", "reading_progress", "location", "email_or_mobile"):
        assert f'id="{anchor}"' in html
    start = html.index('id="reading_progress"')
    entry = html[start: html.index("<h3", start)]
    assert "OverDrive" in entry and "Hoopla" not in entry


def test_policy_pages_show_approval_facts(engine_site: Path) -> None:
    html = (engine_site / "policy-11-privacy/index.html").read_text("utf-8")
    assert "Policy number" in html and "<dd>11</dd>" in html
    assert "Westchester Library System Board of Trustees" in html
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
