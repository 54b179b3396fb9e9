"""The who-keeps-what page: a real table a screen reader reads as text, built from the registry."""

from __future__ import annotations

import re
from pathlib import Path

from generator.registry import load_registry
from tests.conftest import ROOT


def test_who_keeps_what_is_a_captioned_table_with_words_in_every_cell(built_site: Path) -> None:
    registry = load_registry(ROOT / "vendors", ROOT).registry
    assert registry is not None
    page = (built_site / "who-keeps-what" / "index.html").read_text("utf-8")
    table = page[page.index('<table class="ppr-matrix"'):page.index("</table>")]
    assert re.search(r"<table[^>]*>\s*<caption>[^<]*Always, Opt-in", table)
    groups = re.findall(r'<th[^>]*scope="colgroup"[^>]*>([^<]+)</th>', table)
    assert groups == [g.label for g in registry.vocabulary.groups if registry.vocabulary.in_group(g.id)]
    assert len(re.findall(r'<th[^>]*scope="col"', table)) == len(registry.vocabulary.categories) + 1
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", table, re.S)
    assert len(rows) == len(registry.active) == 14
    overdrive = next(r for r in rows if ">OverDrive<" in r)
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", overdrive)
    vendor = next(v for v in registry.active if v.id == "overdrive")
    expected = ["Always" if c.id in vendor.always else "Opt-in" if c.id in vendor.opt_in else "Not known"
                for c in registry.vocabulary.categories]
    assert cells == expected
    # The chart said "None" for Tutor.com: every cell says No, from that source.
    tutor = next(r for r in rows if ">Tutor.com<" in r)
    assert set(re.findall(r"<td[^>]*>([^<]*)</td>", tutor)) == {"No"}
    # LinkedIn Learning keeps an email address or a phone number: listed under both, saying "or".
    linkedin = dict(zip([c.id for c in registry.vocabulary.categories],
                        re.findall(r"<td[^>]*>([^<]*)</td>", next(r for r in rows if ">LinkedIn Learning<" in r)),
                        strict=True))
    assert linkedin["email"] == "Always (or phone number)"
    assert linkedin["phone"] == "Always (or email address)"


def test_who_keeps_what_scrolls_in_a_labelled_focusable_region(built_site: Path) -> None:
    page = (built_site / "who-keeps-what" / "index.html").read_text("utf-8")
    region = re.search(r'<div[^>]*class="ppr-matrix-wrap"[^>]*>', page)
    assert region
    for attribute in ('role="region"', 'tabindex="0"', "aria-label=", 'aria-describedby="ppr-matrix-hint"'):
        assert attribute in region.group(0)
    assert 'id="ppr-matrix-hint"' in page


def test_tables_keep_their_captions_out_of_paragraphs(built_site: Path) -> None:
    for page in ("services", "who-keeps-what", "privacy-of-patron-data"):
        html = (built_site / page / "index.html").read_text("utf-8")
        assert "<caption" in html
        assert "<p><caption" not in html


def test_the_nav_and_the_chart_link_to_who_keeps_what(built_site: Path) -> None:
    chart = (built_site / "services" / "index.html").read_text("utf-8")
    assert 'href="../who-keeps-what/"' in chart
    glossary = (built_site / "glossary" / "index.html").read_text("utf-8")
    assert 'href="../who-keeps-what/"' in glossary
