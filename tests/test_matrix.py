"""The who-keeps-what page: a real table a screen reader reads as text, built from the registry."""

from __future__ import annotations

import re
from pathlib import Path

from generator.registry import load_registry
from tests.conftest import ROOT


def test_who_keeps_what_is_a_captioned_table_per_group_with_words_in_every_cell(built_site: Path) -> None:
    registry = load_registry(ROOT / "vendors", ROOT).registry
    assert registry is not None
    page = (built_site / "who-keeps-what" / "index.html").read_text("utf-8")
    tables = re.findall(r'<table class="ppr-matrix-table"[^>]*>.*?</table>', page, re.S)
    groups = [g for g in registry.vocabulary.groups if registry.vocabulary.in_group(g.id)]
    assert len(tables) == len(groups)
    cells: dict[str, list[str]] = {}
    for group, table in zip(groups, tables, strict=True):
        caption = re.search(r"<table[^>]*>\s*<caption>([^<]*)</caption>", table)
        assert caption and caption.group(1).startswith(group.label) and "Always, Opt-in" in caption.group(1)
        assert "Not known" in caption.group(1)
        headers = re.findall(r'<th scope="col"[^>]*>(?:<a[^>]*>)?([^<]+)', table)
        assert headers == ["Service", *(c.label for c in registry.vocabulary.in_group(group.id))]
        rows = re.findall(r'<tr>\s*<th scope="row"[^>]*><a[^>]*>([^<]+)</a></th>(.*?)</tr>', table, re.S)
        assert [name for name, _ in rows] == [v.name for v in registry.active]
        for name, row in rows:
            cells.setdefault(name, []).extend(re.findall(r"<td[^>]*>([^<]*)</td>", row))
    vendor = next(v for v in registry.active if v.id == "overdrive")
    order = [c for g in groups for c in registry.vocabulary.in_group(g.id)]
    expected = ["Always" if c.id in vendor.always else "Opt-in" if c.id in vendor.opt_in else "Not known"
                for c in order]
    assert cells["OverDrive"] == expected
    # The chart said "None" for Tutor.com: every cell says No, from that source.
    assert set(cells["Tutor.com"]) == {"No"}
    # LinkedIn Learning keeps an email address or a phone number: listed under both, saying "or".
    linkedin = dict(zip([c.id for c in order], cells["LinkedIn Learning"], strict=True))
    assert linkedin["email"] == "Always (or phone number)"
    assert linkedin["phone"] == "Always (or email address)"


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
