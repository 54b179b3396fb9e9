"""The menu, titles, breadcrumbs and search index of the built site: one name per page, and a
cost per page that does not grow with the registry."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from generator.registry import load_registry
from tests.conftest import ROOT, run_cli

MENU = re.compile(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', re.S)
LINK = re.compile(r'<a href="([^"]*)" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', re.S)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _menu(page: str) -> str:
    found = MENU.search(page)
    assert found, "no menu in the page"
    return found.group(0)


def test_menu_title_and_heading_name_each_page_alike(built_site: Path) -> None:
    """'Policy 11: Privacy' in the menu, the window title and the page's heading, for every menu entry."""
    home = (built_site / "index.html").read_text("utf-8")
    entries = [(href, name) for href, name in LINK.findall(_menu(home)) if not href.startswith("#")]
    assert len(entries) >= 6, entries
    for href, name in entries:
        page = (built_site / href.split("#")[0] / "index.html").read_text("utf-8")
        title = _text(re.search(r"<title>(.*?)</title>", page, re.S).group(1))  # type: ignore[union-attr]
        heading = _text(re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1))  # type: ignore[union-attr]
        name = _text(name)
        assert heading == name, (href, name, heading)
        assert title.startswith(name), (href, name, title)
    assert ("policy-11-privacy/", "Policy 11: Privacy") in [(h, _text(n)) for h, n in entries]


def test_the_menu_lists_no_vendor_and_vendor_pages_lead_back_to_the_chart(built_site: Path) -> None:
    registry = load_registry(ROOT / "vendors", ROOT).registry
    assert registry is not None
    chart_title = _text(re.search(r"<h1[^>]*>(.*?)</h1>",  # type: ignore[union-attr]
                                  (built_site / "services" / "index.html").read_text("utf-8"), re.S).group(1))
    for vendor in registry.vendors:
        page = (built_site / "services" / vendor.id / "index.html").read_text("utf-8")
        menu = _menu(page)
        assert f'href="../{vendor.id}/"' not in menu
        assert vendor.name not in [_text(name) for _, name in LINK.findall(menu)]
        crumbs = re.search(r'<nav class="md-path" aria-label="Breadcrumb"\s*>(.*?)</nav>', page, re.S)
        assert crumbs, f"{vendor.id}: no breadcrumbs"
        links = re.findall(r'<a href="([^"]*)" class="md-path__link">(.*?)</a>', crumbs.group(1), re.S)
        assert [(h, _text(t)) for h, t in links][-1] == ("../", chart_title), links


@pytest.fixture(scope="module")
def search_index(built_site: Path) -> dict[str, object]:
    index: dict[str, object] = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    return index


def test_search_splits_words_at_punctuation(search_index: dict[str, object]) -> None:
    """The separator Material's search uses, for the index and for what a patron types."""
    config = search_index["config"]
    assert isinstance(config, dict)
    separator = re.compile(config["separator"])

    def words(text: str) -> list[str]:
        return [w.lower() for w in separator.split(text) if w]

    assert words("(CPLR 4509).") == ["cplr", "4509"]
    assert words("Tutor.com") == ["tutor", "com"]
    assert words("e-mail") == ["e", "mail"]
    assert words("Kanopy's") == ["kanopy", "s"]
    assert words("Wis. Stat. 43.30") == ["wis", "stat", "43.30"]


def test_search_has_one_entry_per_vendor_and_not_the_chart(search_index: dict[str, object]) -> None:
    registry = load_registry(ROOT / "vendors", ROOT).registry
    assert registry is not None
    docs = search_index["docs"]
    assert isinstance(docs, list)
    pages = {d["location"] for d in docs if "#" not in d["location"]}
    assert {f"services/{v.id}/" for v in registry.vendors} <= pages
    chart = " ".join(d["text"] for d in docs if d["location"].startswith("services/#")
                     or d["location"] == "services/")
    inside = [v.name for v in registry.active if v.service in chart]
    assert not inside, f"the chart's rows are in the search index: {inside}"
    matrix = " ".join(d["text"] for d in docs if d["location"].startswith("who-keeps-what/"))
    assert not re.search(r"(Always|Opt-in|No) (Always|Opt-in|No) (Always|Opt-in|No)", _text(matrix))


@pytest.mark.parametrize(("index", "cell"), [
    ("search/search_index.json", "(?:Always|Opt-in|No|Not known)"),
    ("es/search/search_index.json", "(?:Siempre|Si usted lo da|No|Se desconoce)"),
], ids=["en", "es"])
def test_search_leaves_out_every_who_keeps_what_table(built_site: Path, index: str, cell: str) -> None:
    """Each table is marked out of the index, not only the first: rows of cells would bury the vendor pages."""
    docs = json.loads((built_site / index).read_text("utf-8"))["docs"]
    matrix = " ".join(d["text"] for d in docs if d["location"].startswith("who-keeps-what/"))
    assert matrix, "the page's own text is indexed"
    assert not re.search(f"{cell} {cell} {cell}", _text(matrix))


def test_search_snippets_never_run_words_together(search_index: dict[str, object]) -> None:
    """A word that is lower case then upper case must be a real word of the site ('OverDrive'),
    not two cells or a heading and its text joined ('itBrowser', 'TumblebooksAnimated')."""
    registry = load_registry(ROOT / "vendors", ROOT).registry
    assert registry is not None
    sources = " ".join([*(p.read_text("utf-8") for p in (ROOT / "policies").rglob("*.md")),
                        *(p.read_text("utf-8") for p in (ROOT / "vendors").glob("*.yaml"))])
    real = set(re.findall(r"\w*[a-z][A-Z]\w*", sources))
    docs = search_index["docs"]
    assert isinstance(docs, list)
    joined = {w for d in docs for w in re.findall(r"\w*[a-z][A-Z]\w*", _text(d["text"]) + " " + _text(d["title"]))}
    assert joined - real == set()


def test_a_policy_page_links_to_the_chart_once_the_registry_is_large(project: Path) -> None:
    """Above chart_inline_max services only the chart's own page lists them all."""
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    option = "      vendors_dir: vendors\n"
    config.write_text(text.replace(option, option + "      chart_inline_max: 5\n"), "utf-8")
    result = run_cli("build", "--site-dir", str(project / "site"), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    policy = (project / "site" / "privacy-of-patron-data" / "index.html").read_text("utf-8")
    chart = (project / "site" / "services" / "index.html").read_text("utf-8")
    assert 'class="ppr-table"' not in policy and 'class="ppr-chart-link"' in policy
    assert 'href="../services/"' in policy
    assert 'class="ppr-table"' in chart and 'class="ppr-chart-link"' not in chart
