"""The site in Spanish under /es/, read from the real strict build as a patron's browser gets it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from generator.i18n import long_date, site_languages, translations
from generator.registry import load_registry
from tests.browser.browsing import REDIRECT_STUB
from tests.htmlscan import read_table

ROOT = Path(__file__).resolve().parent.parent
LANG = re.compile(r"<html lang=\"([^\"]+)\"")
SWITCH = re.compile(r"<a href=\"([^\"]+)\" hreflang=\"([^\"]+)\" lang=\"[^\"]+\" class=\"ppr-languages__link\">")
HREFLANG = re.compile(r"<link rel=\"alternate\" href=\"([^\"]+)\" hreflang=\"([^\"]+)\">")


def _pages(site: Path, spanish: bool) -> list[str]:
    """Site paths of every real page (no redirect stub) in one language."""
    out = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith("es/") == spanish and not REDIRECT_STUB.search(page.read_text("utf-8")):
            out.append(rel)
    return out


def _target(from_file: str, href: str) -> str:
    """The file a relative link from ``from_file`` (a path in the site) leads to."""
    path = urlsplit(urljoin("http://site/" + from_file, href)).path.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


def test_the_site_is_built_in_english_and_spanish() -> None:
    languages = site_languages(ROOT / "mkdocs.yml")
    assert languages.default == "en" and languages.others == ("es",)


def test_every_spanish_page_is_marked_spanish_and_every_english_one_english(built_site: Path) -> None:
    spanish, english = _pages(built_site, True), _pages(built_site, False)
    assert len(spanish) >= 20 and len(spanish) == len(english)
    for rel in spanish:
        assert LANG.search((built_site / rel).read_text("utf-8")).group(1) == "es", rel  # type: ignore[union-attr]
    for rel in english:
        assert LANG.search((built_site / rel).read_text("utf-8")).group(1) == "en", rel  # type: ignore[union-attr]


def test_every_page_links_to_itself_in_the_other_language_and_back(built_site: Path) -> None:
    for rel in _pages(built_site, True):
        text = (built_site / rel).read_text("utf-8")
        switches = {lang: href for href, lang in SWITCH.findall(text)}
        assert set(switches) == {"en"}, f"{rel}: one switch, to English"
        english = _target(rel, switches["en"]) if rel != "es/404.html" else "index.html"
        if rel != "es/404.html":
            assert english == rel.removeprefix("es/"), rel
        back = {lang: href for href, lang in SWITCH.findall((built_site / english).read_text("utf-8"))}
        assert set(back) == {"es"}, english
        if rel != "es/404.html":
            assert _target(english, back["es"]) == rel, english
        assert not HREFLANG.search(text), f"{rel}: no <link hreflang> (Material would fetch a sitemap beside it)"


def test_the_sitemap_names_every_page_in_both_languages(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    for rel in _pages(built_site, True):
        if rel.endswith("404.html"):
            continue
        url = rel.removesuffix("index.html")
        english = url.removeprefix("es/")
        assert f'hreflang="es" href="https://www.westchesterlibraries.org/about-wls/patron-privacy/{url}"' in sitemap
        assert f'hreflang="en" href="https://www.westchesterlibraries.org/about-wls/patron-privacy/{english}"' \
            in sitemap


def test_the_spanish_chart_carries_the_same_rows_in_spanish(built_site: Path) -> None:
    loaded = load_registry(ROOT / "vendors", ROOT)
    assert loaded.registry is not None
    to_spanish = {c.label: c.translations["es"]["label"] for c in loaded.registry.vocabulary.categories}
    english = read_table((built_site / "services/index.html").read_text("utf-8"), "ppr-table").rows[1:]
    spanish = read_table((built_site / "es/services/index.html").read_text("utf-8"), "ppr-table").rows[1:]
    assert len(spanish) == len(english) == 14, "the reference chart's 14 services"
    rows = {row[0].split(" | ")[0]: row for row in spanish}
    spanish_words = translations("es")
    words = {"None", "None listed", "Not yet reviewed"}
    for row in english:
        name = row[0].split(" | ")[0]
        for column in (1, 2):
            labels = [label for label in row[column].split(", ") if label in to_spanish]
            for label in labels:
                assert to_spanish[label] in rows[name][column], (name, label, rows[name][column])
            if row[column] in words:  # "None", "None listed", "Not yet reviewed"
                assert rows[name][column] == spanish_words.gettext(row[column]), (name, row[column])
        reviewed = row[4]
        if re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", reviewed):
            day = dt.datetime.strptime(reviewed, "%B %d, %Y").date().isoformat()
            assert rows[name][4] == long_date(day, "es"), name
        else:
            assert rows[name][4] == spanish_words.gettext(reviewed), name


def test_the_spanish_feed_is_in_spanish_and_links_to_spanish_pages(built_site: Path) -> None:
    feed = feedparser.parse((built_site / "es/feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == "es"
    assert feed.feed.id.endswith("/es/feed.xml")
    assert feed.entries and all("/es/" in entry.link for entry in feed.entries)
    english = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert english.feed.language == "en" and all("/es/" not in e.link for e in english.entries)


def test_the_spanish_downloads_name_the_data_in_spanish(built_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((built_site / "es/vendors.csv").read_text("utf-8-sig"))))
    assert len(rows) == 14
    overdrive = next(r for r in rows if r["id"] == "overdrive")
    assert "Historial de préstamos" in overdrive["data_always"]
    assert "checkout_history" in overdrive["data_always_ids"]


def test_the_spanish_pages_write_dates_in_spanish(built_site: Path) -> None:
    text = (built_site / "es/policy-11-privacy/index.html").read_text("utf-8")
    assert "3 de enero de 2022" in text and "January" not in text


@pytest.mark.parametrize("page", ["es/404.html", "es/third-party-services/index.html"])
def test_the_404_and_redirect_pages_speak_spanish(built_site: Path, page: str) -> None:
    text = (built_site / page).read_text("utf-8")
    assert LANG.search(text).group(1) == "es"  # type: ignore[union-attr]
    assert "No se encontró la página" in text or "Esta página se trasladó" in text


def test_each_language_has_its_own_search_index_of_its_own_pages(built_site: Path) -> None:
    """search/ indexes the English pages with English stemming, es/search/ the Spanish pages with
    Spanish stemming, each addressed from its language's root; every page of a language is in it."""
    for lang, root in (("en", ""), ("es", "es/")):
        index = json.loads((built_site / root / "search/search_index.json").read_text("utf-8"))
        assert index["config"]["lang"] == [lang]
        pages = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert not any(p.startswith("es/") for p in pages), sorted(pages)
        expected = {rel.removeprefix(root).removesuffix("index.html") for rel in _pages(built_site, bool(root))}
        expected.discard("404.html")
        assert pages == expected, (lang, sorted(pages ^ expected))


def test_each_language_s_pages_read_their_own_search_index(built_site: Path) -> None:
    """The theme's script takes "base" as where search/search_index.json is: the language's root."""
    config = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
    for rel, base in (("index.html", "."), ("services/index.html", ".."), ("es/index.html", "../es/"),
                      ("es/services/overdrive/index.html", "../../../es/")):
        text = (built_site / rel).read_text("utf-8")
        assert json.loads(config.search(text).group(1))["base"] == base, rel  # type: ignore[union-attr]
